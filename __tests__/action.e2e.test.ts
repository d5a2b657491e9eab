import { getOctokit } from '@actions/github'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { gatePullRequest } from '../src/gate/index.js'
import { githubSource } from '../src/sources/github/index.js'
import {
  BASE,
  CHECKLIST,
  EDIT,
  HEAD,
  type Options,
  SIGNERS,
  STICKY_MARKER,
  TEMPLATE,
  TIP,
  codeowners,
  config,
  filled,
  scenario,
  COUNTED_LATENCY
} from './fixtures/release-pr.js'
import {
  type ActionRun,
  blobSha,
  type GitHubDouble,
  type Review,
  roundTrips,
  type ScenarioInput,
  startGitHubDouble
} from '@readiness-gate/github-double'
import { findings, line, runBundle as runAction } from './helpers/bundle.js'
import { type GateRun, gateOn } from './helpers/in-process.js'
import { checkRecord } from './helpers/record.js'

/*
 * The committed bundle (dist/index.js) run as GitHub runs it, against the loopback GitHub,
 * for what needs a process; the policy (which review counts, who may sign, what a rename or
 * a base means) in process, through the gate's real GitHub reader against the same double.
 * The release PR is the example checklist: at base the template-like version with blanks, at
 * head the filled-in one, signed by alice…frank, who approve the head commit.
 */

let server: GitHubDouble | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function gate(
  options: Options = {},
  inputs: Record<string, string> = {}
): Promise<ActionRun> {
  server = await startGitHubDouble(scenario(options))
  return runAction({ server, event: 'pull_request', pullNumber: 7, inputs })
}

async function gateInProcess(
  options: Options = {},
  inputs: { config?: string } = {}
): Promise<GateRun> {
  server = await startGitHubDouble(scenario(options))
  return gateOn(server, inputs)
}

/** Approvals of the head commit by these logins. */
const approvalsOf = (logins: readonly string[]): Review[] =>
  logins.map((login, i) => ({
    id: 100 + i,
    login,
    state: 'APPROVED',
    commit: HEAD,
    submittedAt: '2026-11-20T10:00:00Z'
  }))

describe('the gate on a fully signed release pull request, run twice', () => {
  // The second run finds the first one's comment, as every later run on a pull request does.
  // The double's latency makes requests sent together overlap, so round trips can be counted.
  let double: GitHubDouble
  let first: ActionRun
  let again: ActionRun
  beforeAll(async () => {
    double = await startGitHubDouble(scenario({ latencyMs: COUNTED_LATENCY }))
    first = await runAction({ server: double, event: 'pull_request', pullNumber: 7 })
    again = await runAction({ server: double, event: 'pull_request', pullNumber: 7 })
  })
  afterAll(() => double.close())

  it('passes, and publishes a check run and one comment', () => {
    expect(first.stderr).toBe('')
    expect(first.exitCode, first.stdout).toBe(0)
    expect(first.outputs.passed).toBe('true')
    expect(first.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
    const checkRun = double.state.checkRuns[0]!
    expect(checkRun.conclusion).toBe('success')
    expect(checkRun.headSha).toBe(HEAD)
    expect(checkRun.externalId).toBe(BASE) // the base commit the verdict was computed against
    expect(double.state.pullRequests[0]!.comments).toHaveLength(1)
    expect(first.stepSummary).toContain('Readiness Gate')
  })

  it('writes the sign-off record: each signer with the review that proves it, as an in-toto Statement', () => {
    const { record, statement } = checkRecord(first)!
    const headBlob = blobSha(filled)
    expect(record).toMatchObject({
      mode: 'pull-request',
      repository: 'acme/ledger',
      headSha: HEAD,
      baseSha: BASE,
      pullRequest: { number: 7, author: 'octo-dev', headSha: HEAD },
      configuration: { path: '.github/readiness-gate.yml', blob: blobSha(config) },
      codeowners: { path: '.github/CODEOWNERS', blob: blobSha(codeowners) },
      freshness: 'checklist-unchanged',
      verdict: { passed: true, title: expect.stringMatching(/^Ready/) },
      checklists: [{ path: CHECKLIST, blob: headBlob, passed: true }]
    })
    const dba = (
      record.checklists as { signoffs: { role: string; signers: unknown[] }[] }[]
    )[0]!.signoffs.find(signoff => signoff.role === 'DBA')!
    expect(dba.signers).toEqual([
      {
        login: 'carol',
        review: {
          id: 102,
          url: 'https://github.com/acme/ledger/pull/7#pullrequestreview-102',
          state: 'APPROVED',
          submittedAt: '2026-11-20T10:00:00Z',
          commit: HEAD,
          checklistBlobAtCommit: headBlob,
          checklistBlobAtHead: headBlob
        }
      }
    ])
    expect(statement).toMatchObject({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'git+https://github.com/acme/ledger', digest: { gitCommit: HEAD } }],
      predicateType: 'https://readiness-gate.dev/signoff-record/v1'
    })
  })

  it('reads in at most 3 sequential round trips and 6 requests once its comment exists', () => {
    // The first run also lists the comments once more, to remove a twin left by a racing run.
    expect(roundTrips(first.requests)).toBeLessThanOrEqual(4)
    expect(again.exitCode).toBe(0)
    expect(again.requests.length).toBeLessThanOrEqual(6)
    expect(roundTrips(again.requests)).toBeLessThanOrEqual(3)
  })

  it('a re-run with nothing changed leaves the comment alone', () => {
    expect(again.requests.filter(r => r.operationId.startsWith('issues/'))).toEqual([])
  })
})

const dbaLine = line(filled, '- DBA: @carol')
/** Developer has no owners under roles, so CODEOWNERS decides who may sign it. */
const developerLine = line(filled, '- Developer: @carol')

describe('each way of cheating a sign-off fails with the right rule on the right line', () => {
  const approvalsBut = (login: string, review: Partial<Review> | undefined) =>
    SIGNERS.flatMap((name, i) => {
      const base: Review = {
        id: 100 + i,
        login: name,
        state: 'APPROVED',
        commit: HEAD,
        submittedAt: '2026-11-20T10:00:00Z'
      }
      if (name !== login) return [base]
      return review ? [{ ...base, ...review }] : []
    })

  it('a name typed in for someone who did not approve', async () => {
    const run = await gateInProcess({ reviews: approvalsBut('carol', undefined) })
    expect(run.passed).toBe(false)
    expect(findings(run)).toContain(`signoff-not-approved@${dbaLine}`)
  })

  it('an approval that was dismissed', async () => {
    const run = await gateInProcess({ reviews: approvalsBut('carol', { state: 'DISMISSED' }) })
    expect(findings(run)).toContain(`signoff-not-approved@${dbaLine}`)
  })

  it('an approval followed by changes requested', async () => {
    const reviews = [
      ...approvalsBut('carol', {}),
      {
        id: 200,
        login: 'carol',
        state: 'CHANGES_REQUESTED' as const,
        commit: HEAD,
        submittedAt: '2026-11-21T10:00:00Z'
      }
    ]
    const run = await gateInProcess({ reviews })
    expect(findings(run)).toContain(`signoff-not-approved@${dbaLine}`)
  })

  // palantir/policy-bot#119: GitHub's latestOpinionatedReviews may count the approval again.
  it('an approval followed by changes requested, that request then dismissed: no approval', async () => {
    const reviews = [
      ...approvalsBut('carol', {}),
      {
        id: 200,
        login: 'carol',
        state: 'DISMISSED' as const, // was CHANGES_REQUESTED, until dismissed
        commit: HEAD,
        submittedAt: '2026-11-21T10:00:00Z'
      }
    ]
    const run = await gateInProcess({ reviews })
    expect(run.passed).toBe(false)
    expect(findings(run)).toContain(`signoff-not-approved@${dbaLine}`)
    expect(run.requests.filter(r => r.operationId === 'graphql')).toHaveLength(2)
  })

  it('an approval followed by a comment still approves', async () => {
    const reviews = [
      ...approvalsBut('carol', {}),
      {
        id: 200,
        login: 'carol',
        state: 'COMMENTED' as const,
        commit: HEAD,
        submittedAt: '2026-11-21T10:00:00Z'
      }
    ]
    const run = await gateInProcess({ reviews })
    expect(run.passed, run.stdout).toBe(true)
  })

  it('changes requested, then an approval: approved', async () => {
    const reviews = [
      {
        id: 200,
        login: 'carol',
        state: 'CHANGES_REQUESTED' as const,
        commit: EDIT,
        submittedAt: '2026-11-19T10:00:00Z'
      },
      ...approvalsBut('carol', {})
    ]
    const run = await gateInProcess({ reviews })
    expect(run.passed, run.stdout).toBe(true)
  })

  it('reviews past the first 100 are read too, and the latest decides', async () => {
    const others = (count: number): Review[] =>
      Array.from({ length: count }, (_, i) => ({
        id: 1000 + i,
        login: `reviewer-${i}`,
        state: i % 2 === 0 ? 'APPROVED' : 'CHANGES_REQUESTED',
        commit: HEAD,
        submittedAt: '2026-11-20T09:00:00Z'
      }))
    const dismissal: Review = {
      id: 2000,
      login: 'carol',
      state: 'DISMISSED',
      commit: HEAD,
      submittedAt: '2026-11-21T10:00:00Z'
    }
    // Exactly 100 reviews: two GraphQL reads in all.
    const hundred = await gateInProcess({ reviews: [...approvalsBut('', {}), ...others(94)] })
    expect(hundred.passed, hundred.stdout).toBe(true)
    expect(hundred.requests.filter(r => r.operationId === 'graphql')).toHaveLength(2)
    await server?.close()
    // 101: the dismissal is on the second page.
    const run = await gateInProcess({
      reviews: [...approvalsBut('', {}), ...others(94), dismissal]
    })
    expect(run.requests.filter(r => r.operationId === 'graphql')).toHaveLength(3)
    expect(run.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
    expect(findings(run)).toContain(`signoff-not-approved@${dbaLine}`)
  })

  it('an approval given before the checklist was edited', async () => {
    const run = await gateInProcess({ reviews: approvalsBut('carol', { commit: EDIT }) })
    expect(findings(run)).toContain(`signoff-stale-approval@${dbaLine}`)
  })

  it('a signer who is not a code owner or role member', async () => {
    const head = filled.replace('- DBA: @carol', '- DBA: @mallory')
    const reviews = [
      ...approvalsBut('', {}),
      {
        id: 300,
        login: 'mallory',
        state: 'APPROVED' as const,
        commit: HEAD,
        submittedAt: '2026-11-20T10:00:00Z'
      }
    ]
    const run = await gateInProcess({ head, reviews })
    expect(findings(run)).toContain(`signoff-not-authorized@${dbaLine}`)
  })

  it('a code owner with read access only, who approves and signs: not authorised, as on GitHub', async () => {
    const input = scenario()
    // carol signs Developer and All Team Members as a code owner of checklists/ (CODEOWNERS),
    // and DBA by name (roles: in the configuration); she can read the repository, not push.
    input.collaborators = {
      alice: 'write',
      bob: 'maintain',
      carol: 'read',
      dave: 'admin',
      erin: 'write',
      frank: 'write'
    }
    server = await startGitHubDouble(input)
    const run = await gateOn(server)
    expect(run.passed).toBe(false)
    const allMembersLine = line(filled, '- All Team Members: @alice @carol @dave')
    expect(findings(run)).toEqual([
      `signoff-not-authorized@${developerLine}`,
      `signoff-not-authorized@${allMembersLine}`
    ])
    expect(run.stdout).toMatch(/@carol is a code owner of this checklist but has no write access/)
    expect(run.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
    // Read with the reviews: no request of its own.
    expect(run.requests.filter(r => r.operationId === 'graphql')).toHaveLength(2)
  })

  it("the pull request author's own name", async () => {
    const head = filled.replace('- DBA: @carol', '- DBA: @octo-dev')
    const run = await gateInProcess({ head })
    expect(findings(run)).toContain(`signoff-by-author@${dbaLine}`)
  })

  it('a team member when the token cannot read the team: fails closed, naming the token it needs', async () => {
    const run = await gateInProcess({
      baseFiles: { '.github/CODEOWNERS': '/checklists/ @acme/release\n' },
      teams: { 'acme/release': SIGNERS },
      members: 'none'
    })
    expect(run.passed).toBe(false)
    expect(findings(run)).toContain(`signoff-not-authorized@${developerLine}`)
    expect(run.stdout).toMatch(/members: read/)
  })

  it('a team member passes when the token can read the team', async () => {
    const run = await gateInProcess({
      baseFiles: { '.github/CODEOWNERS': '/checklists/ @acme/release\n' },
      teams: { 'acme/release': SIGNERS },
      members: 'read'
    })
    expect(run.passed, run.stdout).toBe(true)
  })

  it('a team whose later page of members cannot be read is unreadable, not partial', async () => {
    // 150 members: the signers are on the first page, the second page fails (a 403 is not retried).
    const members = [...SIGNERS, ...Array.from({ length: 144 }, (_, i) => `member-${i}`)]
    const options = {
      baseFiles: { '.github/CODEOWNERS': '/checklists/ @acme/release\n' },
      teams: { 'acme/release': members },
      members: 'read' as const
    }
    const whole = await gateInProcess(options)
    expect(whole.passed, whole.stdout).toBe(true)
    await server?.close()
    const run = await gateInProcess({
      ...options,
      faults: [{ type: 'status', route: 'graphql', status: 403, after: 2 }]
    })
    expect(run.requests.filter(r => r.operationId === 'graphql')).toHaveLength(3)
    expect(run.passed).toBe(false)
    expect(findings(run)).toContain(`signoff-not-authorized@${developerLine}`)
    expect(run.stdout).toMatch(/members of @acme\/release past the first 100 could not be read/)
  })

  it('a PR that deletes a critical item or lowers a threshold', async () => {
    const head = filled
      .replace('(Must Pass 90%)', '(Must Pass 50%)')
      .replace(/- \[x\] \*\*Zero critical bugs[^\n]*\n/, '')
    const run = await gateInProcess({ head, baseChecklist: filled })
    const rules = findings(run).map(f => f.split('@')[0])
    expect(rules).toContain('integrity-threshold-lowered')
    expect(rules).toContain('integrity-item-removed')
  })

  it('a new checklist is checked against its template: removing an item from it fails', async () => {
    const head = filled.replace(/- \[x\] \*\*Zero critical bugs[^\n]*\n/, '')
    const run = await gateInProcess({ head })
    expect(findings(run).map(f => f.split('@')[0])).toContain('integrity-item-removed')
  })

  it('a new checklist with no template configured fails closed: integrity-no-template', async () => {
    const withoutTemplates = config.replace(/templates:.*\n/, '')
    const run = await gateInProcess({
      baseFiles: { '.github/readiness-gate.yml': withoutTemplates }
    })
    expect(run.passed).toBe(false)
    expect(findings(run)).toEqual(['integrity-no-template@1'])
    expect(run.stdout).toMatch(/is new in this pull request and no template is configured/)
  })

  it.each([
    ['base version', { baseChecklist: ' \n\n' }, /The base version of .* is empty/],
    ['template', { baseFiles: { [TEMPLATE]: '\n' } }, /The template .* is empty on the base/]
  ] as const)('an empty %s fails closed: integrity-no-template', async (_, options, message) => {
    const run = await gateInProcess(options)
    expect(run.passed).toBe(false)
    expect(findings(run)).toContain('integrity-no-template@1')
    expect(run.stdout).toMatch(message)
  })

  describe('a renamed checklist', () => {
    const OLD = 'checklists/releases/release-2026.11-draft.md'

    it('renamed out of the checklists globs counts as deleted, from the REST list of files', async () => {
      const run = await gateInProcess({
        baseFiles: { [OLD]: filled },
        headPath: 'notes/release-2026.11.md',
        headRemoves: [OLD, CHECKLIST]
      })
      expect(run.passed).toBe(false)
      expect(findings(run)).toEqual(['integrity-item-removed@1'])
      expect(run.stdout).toContain(`renames the checklist ${OLD} to notes/release-2026.11.md`)
      expect(run.requests.filter(r => r.operationId === 'pulls/list-files')).toHaveLength(1)
      expect(run.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
    })

    it('renamed within the globs: the old record may not vanish, and the new path is checked against its base version and template', async () => {
      // Renaming an older release's checklist onto the new release's path would make the old
      // record disappear (issue 8, bypass 3): only that is reported on a faithful rename.
      const faithful = await gateInProcess({ baseFiles: { [OLD]: filled }, headRemoves: [OLD] })
      expect(faithful.passed, faithful.stdout).toBe(false)
      expect(findings(faithful)).toEqual(['integrity-item-removed@1'])
      expect(faithful.stdout).toContain(`so the record at ${OLD} vanishes`)
      await server?.close()
      const head = filled
        .replace('(Must Pass 90%)', '(Must Pass 50%)')
        .replace(/- \[x\] \*\*Zero critical bugs[^\n]*\n/, '')
      const run = await gateInProcess({ baseFiles: { [OLD]: filled }, headRemoves: [OLD], head })
      const rules = findings(run).map(f => f.split('@')[0])
      expect(rules).toContain('integrity-threshold-lowered')
      expect(rules).toContain('integrity-item-removed')
    })

    it('a checklist deleted outright fails too', async () => {
      const run = await gateInProcess({
        baseFiles: { [OLD]: filled },
        headRemoves: [OLD, CHECKLIST]
      })
      expect(run.passed).toBe(false)
      expect(findings(run)).toEqual(['integrity-item-removed@1'])
      expect(run.stdout).toContain(`deletes the checklist ${OLD}`)
    })

    it('reads the REST list of files only when something is renamed', async () => {
      const run = await gateInProcess({ baseChecklist: filled })
      expect(run.passed, run.stdout).toBe(true)
      expect(run.requests.filter(r => r.operationId === 'pulls/list-files')).toEqual([])
    })
  })

  it('a PR that edits the configuration and CODEOWNERS to let itself through: the base rules', async () => {
    const head = filled.replace('- DBA: @carol', '- DBA: @mallory')
    const reviews = [
      ...approvalsBut('', {}),
      {
        id: 300,
        login: 'mallory',
        state: 'APPROVED' as const,
        commit: HEAD,
        submittedAt: '2026-11-20T10:00:00Z'
      }
    ]
    const run = await gateInProcess({
      head,
      reviews,
      headFiles: {
        '.github/CODEOWNERS': '* @mallory\n',
        '.github/readiness-gate.yml': 'roles:\n  DBA: ["@mallory"]\n'
      }
    })
    expect(findings(run)).toContain(`signoff-not-authorized@${dbaLine}`)
  })
})

describe('a head commit that two open pull requests share', () => {
  const MIRROR = 'e'.repeat(40)
  /**
   * #7 is the release PR, which fails: carol has not approved. #8 opens the very same commit
   * from another branch into `mirror`, a branch without configuration that already has every
   * file: it changes nothing, and alone it passes.
   */
  function sharedHead(): ScenarioInput {
    const input = scenario({ reviews: approvalsOf(SIGNERS.filter(login => login !== 'carol')) })
    const files = { ...input.commits[HEAD]!.files }
    delete files['.github/readiness-gate.yml']
    input.commits[MIRROR] = { parent: HEAD, message: 'mirror', files }
    input.branches = { ...input.branches, mirror: MIRROR, sneaky: HEAD }
    input.pullRequests!.push({
      number: 8,
      title: 'Mirror',
      author: 'mallory',
      state: 'open',
      base: { ref: 'mirror', sha: MIRROR },
      head: { ref: 'sneaky', sha: HEAD }
    })
    return input
  }
  // The check runs of both go on that commit, where the first one's failure must stand.
  it('the second PR cannot pass on the head commit of the first, failing one', async () => {
    server = await startGitHubDouble(sharedHead())
    const release = await gateOn(server, { number: 7 })
    expect(release.passed).toBe(false)

    const mirror = await gateOn(server, { number: 8 })
    expect(mirror.passed).toBe(false)
    expect(mirror.title).toBe('Not ready: another open pull request has the same head commit')
    expect(findings(mirror)).toEqual([]) // alone it would pass
    expect(mirror.stdout).toMatch(
      /pr-head-shared: The head commit ccccccc is also the head of open pull request #7 \(into main\), which changes the checklist checklists\/releases\/release-2026\.11\.md/
    )
    expect(mirror.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
    // Found in the second read, which is all #8 needs: two queries.
    expect(mirror.requests.filter(r => r.operationId === 'graphql')).toHaveLength(2)
  })

  it('the release PR itself still gets its own verdict, with the mirror PR that changes nothing beside it', async () => {
    const input = sharedHead()
    input.pullRequests![0]!.reviews = approvalsOf(SIGNERS)
    server = await startGitHubDouble(input)
    const release = await gateOn(server, { number: 7 })
    expect(release.passed, release.stdout).toBe(true)
  })
})

describe('a pull request with more changed files than GitHub lists', () => {
  // GitHub lists at most 3000 changed files ("List pull requests files") while changedFiles
  // counts them all; the double lists every file, so these tests call the gate in-process.
  it('fails closed before evaluating anything, even with require-checklist false', async () => {
    server = await startGitHubDouble(scenario())
    const octokit = getOctokit('ghs_test', { baseUrl: server.url })
    // GitHub's answer for a pull request of 3412 files: the first query counts them all.
    octokit.hook.wrap('request', async (request, options) => {
      const response = await request(options)
      const body = response.data as {
        data?: { repository?: { pullRequest?: { changedFiles?: number } } }
      }
      const pull = body.data?.repository?.pullRequest
      if (pull?.changedFiles !== undefined) pull.changedFiles = 3412
      return response
    })
    const result = await gatePullRequest(
      githubSource(octokit, { owner: 'acme', repo: 'ledger', number: 7 }, { warning: () => {} }),
      {
        configPath: undefined,
        checklists: [],
        today: new Date().toISOString().slice(0, 10),
        warning: () => {}
      }
    )
    expect(result.evaluations).toEqual([])
    expect(result.findings).toMatchObject([
      {
        rule: 'pr-files-unlisted',
        message: expect.stringMatching(/lists only 1 of the 3412 files/)
      }
    ])
    expect(server.requests.filter(r => r.operationId === 'graphql')).toHaveLength(1)
  })
})

describe("a reviewer's write access that GitHub will not give", () => {
  it("fails each code owner's sign-off closed, naming the permission; role members still sign", async () => {
    server = await startGitHubDouble(scenario())
    const octokit = getOctokit('ghs_test', { baseUrl: server.url })
    // GitHub's answer when it refuses the field: an error on it, and (the field being
    // non-null) each review that carried it nulled.
    octokit.hook.wrap('request', async (request, options) => {
      const response = await request(options)
      const body = response.data as {
        data?: { repository?: { pullRequest?: { reviews?: { nodes: unknown[] } } } }
        errors?: unknown[]
      }
      const reviews = body.data?.repository?.pullRequest?.reviews
      if (reviews && String(options.query).includes('authorCanPushToRepository')) {
        body.errors = reviews.nodes.map((_, i) => ({
          type: 'FORBIDDEN',
          path: ['repository', 'pullRequest', 'reviews', 'nodes', i, 'authorCanPushToRepository'],
          message: 'Resource not accessible by integration'
        }))
        reviews.nodes = reviews.nodes.map(() => null)
      }
      return response
    })
    const result = await gatePullRequest(
      githubSource(octokit, { owner: 'acme', repo: 'ledger', number: 7 }, { warning: () => {} }),
      {
        configPath: undefined,
        checklists: [],
        today: new Date().toISOString().slice(0, 10),
        warning: () => {}
      }
    )
    const errors = result.evaluations.flatMap(evaluation =>
      evaluation.findings.filter(finding => finding.severity === 'error')
    )
    const allMembersLine = line(filled, '- All Team Members: @alice @carol @dave')
    expect(errors.map(finding => `${finding.rule}@${finding.line}`)).toEqual(
      expect.arrayContaining([
        `signoff-not-authorized@${developerLine}`,
        `signoff-not-authorized@${allMembersLine}`
      ])
    )
    expect(errors.every(finding => finding.rule === 'signoff-not-authorized')).toBe(true)
    expect(errors[0]!.message).toMatch(/GitHub did not say whether .*\(pull-requests: read\)/)
    // Role members (DBA: @carol) are not among them.
    expect(errors.map(finding => finding.line)).not.toContain(dbaLine)
    // The reviews are read again without the field: one request more, only in this case.
    expect(server.requests.filter(r => r.operationId === 'graphql')).toHaveLength(3)
    expect(server.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
  })
})

describe('the base commit', () => {
  it("every base file comes from the base branch's tip, also when the PR's base sha is older", async () => {
    // main moved on after the pull request was opened: the checklist now exists there, with
    // one more critical item, which the pull request's version lacks. Read at the tip, the
    // checklist's base version is that one, not the template at the older base sha.
    const atTip = filled.replace(
      '- [x] **All staging tests passed**\n',
      '- [x] **All staging tests passed**\n- [x] **Load test signed off by capacity planning**\n'
    )
    const run = await gateInProcess({ tipFiles: { [CHECKLIST]: atTip } })
    expect(run.passed).toBe(false)
    expect(findings(run).map(f => f.split('@')[0])).toEqual(['integrity-item-removed'])
    const content = run.requests.filter(r => r.operationId === 'graphql')[1]!
    expect(JSON.stringify(content.body)).toContain(TIP)
    expect(JSON.stringify(content.body)).not.toContain(BASE)
    // The base the verdict was computed against, which the check run records.
    expect(run.baseSha).toBe(TIP)
  })
})

describe('the config input', () => {
  it('empty: .github/readiness-gate.yml is optional, the defaults apply without it', async () => {
    const run = await gateInProcess({
      baseChecklist: filled,
      baseRemoves: ['.github/readiness-gate.yml']
    })
    expect(run.stdout).not.toMatch(/configuration/i)
    expect(run.passed, run.stdout).toBe(true)
  })

  it('a path that is not on the base branch fails closed, naming it', async () => {
    const run = await gate({}, { config: '.github/gate-strict.yml' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /config-invalid: The configuration file \.github\/gate-strict\.yml \(the config input\) is not on the base branch main/
    )
    expect(run.report).toMatchObject({
      passed: false,
      errors: 1,
      findings: [{ rule: 'config-invalid', path: '.github/gate-strict.yml', line: 1 }]
    })
    expect(run.state.checkRuns.at(-1)).toMatchObject({
      conclusion: 'failure',
      output: { title: 'Not ready: the configuration cannot be used' }
    })
  })
})

describe('freshness: section-unchanged', () => {
  it("the SRE's own section edited after the approvals: the DBA's sign-off stands, the SRE's there must be approved again", async () => {
    const approved = filled.replace(
      '- [x] Alerts defined for every new failure mode',
      '- [x] Alerts defined for each new failure mode'
    )
    const input = scenario({
      baseFiles: {
        '.github/readiness-gate.yml': config.replace(
          'freshness: checklist-unchanged',
          'freshness: section-unchanged'
        )
      },
      reviews: SIGNERS.map((login, i) => ({
        id: 100 + i,
        login,
        state: 'APPROVED' as const,
        // carol (DBA) and alice (SRE) approved the commit before the SRE's edit.
        commit: login === 'carol' || login === 'alice' ? EDIT : HEAD,
        submittedAt: '2026-11-20T10:00:00Z'
      }))
    })
    input.commits[EDIT]!.files[CHECKLIST] = approved
    server = await startGitHubDouble(input)
    const run = await gateOn(server)
    expect(run.passed).toBe(false)
    const alerting = line(filled, '- On-Call Lead: @erin') - 1 // the SRE line of that block
    expect(findings(run)).toEqual([`signoff-stale-approval@${alerting}`])
    expect(run.stdout).toMatch(/part of the checklist this sign-off covers/)
    // The text at the approved commit is read in the same content query: still two reads.
    expect(run.requests.filter(r => r.operationId === 'graphql')).toHaveLength(2)
  })
})

describe('request-reviews', () => {
  // carol, the only owner of DBA, has not approved; every other role has an approving owner.
  const withoutCarol = () => approvalsOf(SIGNERS.filter(login => login !== 'carol'))
  const asks = (run: ActionRun) =>
    run.requests.filter(request => request.operationId === 'pulls/request-reviewers')

  it('asks the one role owner who has not approved, in the write wave of a re-run', async () => {
    // Off unless asked for: event.test.ts. The pull request already has the gate's comment
    // from an earlier run, as every run after the first finds it.
    const input = scenario({ latencyMs: COUNTED_LATENCY, reviews: withoutCarol() })
    input.pullRequests![0]!.comments = [
      { id: 9001, login: 'github-actions[bot]', body: `${STICKY_MARKER}\nNot ready (earlier run)` }
    ]
    server = await startGitHubDouble(input)
    const inputs = { 'request-reviews': 'true' }
    const run = await runAction({ server, event: 'pull_request', pullNumber: 7, inputs })
    expect(run.exitCode).toBe(1) // the verdict: DBA is not proven
    expect(asks(run)).toHaveLength(1)
    expect(asks(run)[0]).toMatchObject({
      status: 201,
      body: { reviewers: ['carol'], team_reviewers: [] }
    })
    expect(server.state.pullRequests[0]!.requestedReviewers).toEqual(['carol'])
    // Sent with the check run, not after it: no round trip of its own.
    const checkRun = run.requests.find(request => request.operationId === 'checks/create')!
    expect(asks(run)[0]!.startMs).toBeLessThan(checkRun.endMs)
    expect(roundTrips(run.requests)).toBeLessThanOrEqual(3)
    expect(run.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
  })

  it('never twice: a pending request is read with the reviews, and then nobody is left to ask', async () => {
    // The pull request as the run above leaves it, carol's review requested. (That a request
    // for nobody is not sent: publish.test.ts.)
    const input = scenario({ reviews: withoutCarol() })
    input.pullRequests![0]!.requestedReviewers = ['carol']
    server = await startGitHubDouble(input)
    const again = await gateOn(server)
    expect(again.passed).toBe(false) // DBA is still not proven
    expect(again.reviewRequest).toEqual({ reviewers: [], teamReviewers: [] })
    expect(again.requests.filter(r => r.operationId === 'graphql')).toHaveLength(2)
  })

  it('a 403 is a warning naming pull-requests: write, and the verdict stands as published', async () => {
    const run = await gate(
      {
        reviews: withoutCarol(),
        faults: [{ type: 'status', route: 'pulls/request-reviewers', status: 403 }]
      },
      { 'request-reviews': 'true' }
    )
    expect(asks(run)).toHaveLength(1)
    expect(run.stdout).toMatch(/::warning::Could not request reviews .*pull-requests: write/)
    expect(run.stdout).not.toMatch(/::error::Could not/)
    expect(run.stdout).not.toMatch(/could not be published/)
    expect(run.exitCode).toBe(1) // for the verdict, Not ready, as without the input
    expect(run.state.checkRuns.at(-1)!.conclusion).toBe('failure')
    expect(run.state.pullRequests[0]!.comments).toHaveLength(1)
  })
})
