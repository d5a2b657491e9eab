import { getOctokit } from '@actions/github'
import { afterEach, describe, expect, it } from 'vitest'
import { gatePullRequest } from '../src/gate/index.js'
import { githubSource } from '../src/sources/github/index.js'
import {
  BASE,
  CHECKLIST,
  EDIT,
  HEAD,
  type Options,
  SIGNERS,
  TEMPLATE,
  TIP,
  codeowners,
  config,
  filled,
  scenario
} from './fixtures/release-pr.js'
import {
  type ActionRun,
  blobSha,
  type GitHubDouble,
  type Review,
  roundTrips,
  runAction as runBundle,
  type ScenarioInput,
  startGitHubDouble
} from '@readiness-gate/github-double'
import { checkRecord } from './helpers/record.js'

/*
 * The committed bundle (dist/index.js) run as GitHub runs it, against the loopback GitHub.
 * The release PR is the example checklist: at base the template-like version with blanks, at
 * head the filled-in one, signed by alice…frank, who approve the head commit.
 */

let server: GitHubDouble | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/**
 * The bundle as a process, and in every run the verdict's forms agree: the JSON report's
 * `passed`, the `passed` output, the exit code and the conclusion of the check run it wrote.
 */
async function runAction(options: Parameters<typeof runBundle>[0]): Promise<ActionRun> {
  const checkRunsBefore = options.server?.state.checkRuns.length ?? 0
  const run = await runBundle(options)
  const report = run.report as { passed: boolean; errors: number } | undefined
  if (report !== undefined) {
    expect(run.outputs.passed).toBe(String(report.passed))
    expect(run.outputs.errors).toBe(String(report.errors))
    if (!report.passed) expect(run.exitCode).toBe(1)
    const written = run.state.checkRuns.slice(checkRunsBefore)
    for (const checkRun of written) {
      expect(checkRun.conclusion).toBe(report.passed ? 'success' : 'failure')
    }
    checkRecord(run)
  }
  return run
}

async function gate(
  options: Options = {},
  inputs: Record<string, string> = {}
): Promise<ActionRun> {
  server = await startGitHubDouble(scenario(options))
  return runAction({ server, event: 'pull_request', pullNumber: 7, inputs })
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

/** Error findings as `rule@line`, from the job log's `path:line: error rule: message` lines. */
function findings(run: ActionRun): string[] {
  return [...run.stdout.matchAll(/:(\d+): error ([a-z-]+):/g)].map(m => `${m[2]}@${m[1]}`)
}

describe('the gate on a release pull request', () => {
  it('passes a fully signed release PR and publishes a check run and one comment', async () => {
    const run = await gate()
    expect(run.stderr).toBe('')
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs.passed).toBe('true')
    expect(run.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
    const checkRun = run.state.checkRuns.at(-1)!
    expect(checkRun.conclusion).toBe('success')
    expect(checkRun.headSha).toBe(HEAD)
    expect(checkRun.externalId).toBe(BASE) // the base commit the verdict was computed against
    expect(run.state.pullRequests[0]!.comments).toHaveLength(1)
    expect(run.stepSummary).toContain('Readiness Gate')
  })

  it('writes the sign-off record: each signer with the review that proves it, as an in-toto Statement', async () => {
    const run = await gate()
    const { record, statement } = checkRecord(run)!
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

  it('reads in at most 3 sequential round trips and 6 requests once its comment exists', async () => {
    server = await startGitHubDouble(scenario({ latencyMs: 50 }))
    const first = await runAction({ server, event: 'pull_request', pullNumber: 7 })
    // The first run also lists the comments once more, to remove a twin left by a racing run.
    expect(roundTrips(first.requests)).toBeLessThanOrEqual(4)
    const again = await runAction({ server, event: 'pull_request', pullNumber: 7 })
    expect(again.exitCode).toBe(0)
    expect(again.requests.length).toBeLessThanOrEqual(6)
    expect(roundTrips(again.requests)).toBeLessThanOrEqual(3)
  })
})

const line = (text: string, needle: string) =>
  text.split('\n').findIndex(l => l.includes(needle)) + 1
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
    const run = await gate({ reviews: approvalsBut('carol', undefined) })
    expect(run.exitCode).toBe(1)
    expect(findings(run)).toContain(`signoff-not-approved@${dbaLine}`)
  })

  it('an approval that was dismissed', async () => {
    const run = await gate({ reviews: approvalsBut('carol', { state: 'DISMISSED' }) })
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
    const run = await gate({ reviews })
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
    const run = await gate({ reviews })
    expect(run.exitCode).toBe(1)
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
    const run = await gate({ reviews })
    expect(run.exitCode, run.stdout).toBe(0)
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
    const run = await gate({ reviews })
    expect(run.exitCode, run.stdout).toBe(0)
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
    const hundred = await gate({ reviews: [...approvalsBut('', {}), ...others(94)] })
    expect(hundred.exitCode, hundred.stdout).toBe(0)
    expect(hundred.requests.filter(r => r.operationId === 'graphql')).toHaveLength(2)
    await server?.close()
    // 101: the dismissal is on the second page.
    const run = await gate({ reviews: [...approvalsBut('', {}), ...others(94), dismissal] })
    expect(run.requests.filter(r => r.operationId === 'graphql')).toHaveLength(3)
    expect(run.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
    expect(findings(run)).toContain(`signoff-not-approved@${dbaLine}`)
  })

  it('an approval given before the checklist was edited', async () => {
    const run = await gate({ reviews: approvalsBut('carol', { commit: EDIT }) })
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
    const run = await gate({ head, reviews })
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
    const run = await runAction({ server, event: 'pull_request', pullNumber: 7 })
    expect(run.exitCode).toBe(1)
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
    const run = await gate({ head })
    expect(findings(run)).toContain(`signoff-by-author@${dbaLine}`)
  })

  it('a team member when the token cannot read the team: fails closed, naming the token it needs', async () => {
    const run = await gate({
      baseFiles: { '.github/CODEOWNERS': '/checklists/ @acme/release\n' },
      teams: { 'acme/release': SIGNERS },
      members: 'none'
    })
    expect(run.exitCode).toBe(1)
    expect(findings(run)).toContain(`signoff-not-authorized@${developerLine}`)
    expect(run.stdout).toMatch(/members: read/)
  })

  it('a team member passes when the token can read the team', async () => {
    const run = await gate({
      baseFiles: { '.github/CODEOWNERS': '/checklists/ @acme/release\n' },
      teams: { 'acme/release': SIGNERS },
      members: 'read'
    })
    expect(run.exitCode, run.stdout).toBe(0)
  })

  it('a team whose later page of members cannot be read is unreadable, not partial', async () => {
    // 150 members: the signers are on the first page, the second page fails (a 403 is not retried).
    const members = [...SIGNERS, ...Array.from({ length: 144 }, (_, i) => `member-${i}`)]
    const options = {
      baseFiles: { '.github/CODEOWNERS': '/checklists/ @acme/release\n' },
      teams: { 'acme/release': members },
      members: 'read' as const
    }
    const whole = await gate(options)
    expect(whole.exitCode, whole.stdout).toBe(0)
    await server?.close()
    const run = await gate({
      ...options,
      faults: [{ type: 'status', route: 'graphql', status: 403, after: 2 }]
    })
    expect(run.requests.filter(r => r.operationId === 'graphql')).toHaveLength(3)
    expect(run.exitCode).toBe(1)
    expect(findings(run)).toContain(`signoff-not-authorized@${developerLine}`)
    expect(run.stdout).toMatch(/members of @acme\/release past the first 100 could not be read/)
  })

  it('a PR that deletes a critical item or lowers a threshold', async () => {
    const head = filled
      .replace('(Must Pass 90%)', '(Must Pass 50%)')
      .replace(/- \[x\] \*\*Zero critical bugs[^\n]*\n/, '')
    const run = await gate({ head, baseChecklist: filled })
    const rules = findings(run).map(f => f.split('@')[0])
    expect(rules).toContain('integrity-threshold-lowered')
    expect(rules).toContain('integrity-item-removed')
  })

  it('a new checklist is checked against its template: removing an item from it fails', async () => {
    const head = filled.replace(/- \[x\] \*\*Zero critical bugs[^\n]*\n/, '')
    const run = await gate({ head })
    expect(findings(run).map(f => f.split('@')[0])).toContain('integrity-item-removed')
  })

  it('a new checklist with no template configured fails closed: integrity-no-template', async () => {
    const withoutTemplates = config.replace(/templates:.*\n/, '')
    const run = await gate({ baseFiles: { '.github/readiness-gate.yml': withoutTemplates } })
    expect(run.exitCode).toBe(1)
    expect(findings(run)).toEqual(['integrity-no-template@1'])
    expect(run.stdout).toMatch(/is new in this pull request and no template is configured/)
  })

  it.each([
    ['base version', { baseChecklist: ' \n\n' }, /The base version of .* is empty/],
    ['template', { baseFiles: { [TEMPLATE]: '\n' } }, /The template .* is empty on the base/]
  ] as const)('an empty %s fails closed: integrity-no-template', async (_, options, message) => {
    const run = await gate(options)
    expect(run.exitCode).toBe(1)
    expect(findings(run)).toContain('integrity-no-template@1')
    expect(run.stdout).toMatch(message)
  })

  describe('a renamed checklist', () => {
    const OLD = 'checklists/releases/release-2026.11-draft.md'

    it('renamed out of the checklists globs counts as deleted, from the REST list of files', async () => {
      const run = await gate({
        baseFiles: { [OLD]: filled },
        headPath: 'notes/release-2026.11.md',
        headRemoves: [OLD, CHECKLIST]
      })
      expect(run.exitCode).toBe(1)
      expect(findings(run)).toEqual(['integrity-item-removed@1'])
      expect(run.stdout).toContain(`renames the checklist ${OLD} to notes/release-2026.11.md`)
      expect(run.requests.filter(r => r.operationId === 'pulls/list-files')).toHaveLength(1)
      expect(run.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
    })

    it('renamed within the globs: the old record may not vanish, and the new path is checked against its base version and template', async () => {
      // Renaming an older release's checklist onto the new release's path would make the old
      // record disappear (issue 8, bypass 3): only that is reported on a faithful rename.
      const faithful = await gate({ baseFiles: { [OLD]: filled }, headRemoves: [OLD] })
      expect(faithful.exitCode, faithful.stdout).toBe(1)
      expect(findings(faithful)).toEqual(['integrity-item-removed@1'])
      expect(faithful.stdout).toContain(`so the record at ${OLD} vanishes`)
      await server?.close()
      const head = filled
        .replace('(Must Pass 90%)', '(Must Pass 50%)')
        .replace(/- \[x\] \*\*Zero critical bugs[^\n]*\n/, '')
      const run = await gate({ baseFiles: { [OLD]: filled }, headRemoves: [OLD], head })
      const rules = findings(run).map(f => f.split('@')[0])
      expect(rules).toContain('integrity-threshold-lowered')
      expect(rules).toContain('integrity-item-removed')
    })

    it('a checklist deleted outright fails too', async () => {
      const run = await gate({ baseFiles: { [OLD]: filled }, headRemoves: [OLD, CHECKLIST] })
      expect(run.exitCode).toBe(1)
      expect(findings(run)).toEqual(['integrity-item-removed@1'])
      expect(run.stdout).toContain(`deletes the checklist ${OLD}`)
    })

    it('reads the REST list of files only when something is renamed', async () => {
      const run = await gate({ baseChecklist: filled })
      expect(run.exitCode, run.stdout).toBe(0)
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
    const run = await gate({
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
  const conclusionOnHead = (run: ActionRun) =>
    run.state.checkRuns.filter(checkRun => checkRun.headSha === HEAD).at(-1)?.conclusion

  it("the second PR's run cannot publish success over the first one's failure", async () => {
    server = await startGitHubDouble(sharedHead())
    const release = await runAction({ server, event: 'pull_request', pullNumber: 7 })
    expect(release.exitCode).toBe(1)
    expect(conclusionOnHead(release)).toBe('failure')

    const mirror = await runAction({ server, event: 'pull_request', pullNumber: 8 })
    expect(mirror.exitCode).toBe(1)
    expect(conclusionOnHead(mirror)).toBe('failure')
    expect(mirror.report).toMatchObject({
      passed: false,
      findings: [{ rule: 'pr-head-shared', line: 1 }]
    })
    expect(mirror.stdout).toMatch(
      /pr-head-shared: The head commit ccccccc is also the head of open pull request #7 \(into main\), which changes the checklist checklists\/releases\/release-2026\.11\.md/
    )
    expect(mirror.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
    // Found in the second read, which is all #8 needs: two queries, then the writes.
    expect(mirror.requests.filter(r => r.operationId === 'graphql')).toHaveLength(2)
  })

  it('the release PR itself still gets its own verdict, with the mirror PR that changes nothing beside it', async () => {
    const input = sharedHead()
    input.pullRequests![0]!.reviews = approvalsOf(SIGNERS)
    server = await startGitHubDouble(input)
    const release = await runAction({ server, event: 'pull_request', pullNumber: 7 })
    expect(release.exitCode, release.stdout).toBe(0)
    expect(conclusionOnHead(release)).toBe('success')
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
    const run = await gate({ tipFiles: { [CHECKLIST]: atTip } })
    expect(run.exitCode).toBe(1)
    expect(findings(run).map(f => f.split('@')[0])).toEqual(['integrity-item-removed'])
    const content = run.requests.filter(r => r.operationId === 'graphql')[1]!
    expect(JSON.stringify(content.body)).toContain(TIP)
    expect(JSON.stringify(content.body)).not.toContain(BASE)
    expect(run.state.checkRuns.at(-1)!.externalId).toBe(TIP)
  })
})

describe('the config input', () => {
  it('empty: .github/readiness-gate.yml is optional, the defaults apply without it', async () => {
    const run = await gate({ baseChecklist: filled, baseRemoves: ['.github/readiness-gate.yml'] })
    expect(run.stdout).not.toMatch(/configuration/i)
    expect(run.exitCode, run.stdout).toBe(0)
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

describe('publishing', () => {
  it('two runs at once leave exactly one comment; a re-run with nothing changed writes none', async () => {
    server = await startGitHubDouble(scenario({ latencyMs: 20 }))
    const both = await Promise.all(
      [1, 2].map(() => runAction({ server, event: 'pull_request', pullNumber: 7 }))
    )
    expect(both.map(run => run.exitCode)).toEqual([0, 0])
    expect(server.state.pullRequests[0]!.comments).toHaveLength(1)
    const again = await runAction({ server, event: 'pull_request', pullNumber: 7 })
    expect(again.requests.filter(r => r.operationId.startsWith('issues/'))).toEqual([])
  })

  it("two of the gate's own sticky comments left by an interrupted run: the newest stays, updated; the other goes", async () => {
    const marker = '<!-- readiness-gate: Readiness Gate -->'
    const input = scenario()
    input.pullRequests![0]!.comments = [
      { id: 9001, login: 'github-actions[bot]', body: `${marker}\nNot ready (older run)` },
      { id: 9002, login: 'github-actions[bot]', body: `${marker}\nNot ready (interrupted run)` },
      // Someone quoting the marker is not the gate: found by marker and author.
      { id: 9003, login: 'mallory', body: `${marker}\nlooks ready to me` }
    ]
    server = await startGitHubDouble(input)
    const run = await runAction({ server, event: 'pull_request', pullNumber: 7 })
    expect(run.exitCode, run.stdout).toBe(0)
    const comments = server.state.pullRequests[0]!.comments
    expect(comments.map(comment => comment.id)).toEqual([9002, 9003])
    expect(comments[0]!.body.startsWith(marker)).toBe(true)
    expect(comments[0]!.body).not.toContain('interrupted run')
    expect(run.outputs['comment-url']).toMatch(/#issuecomment-9002$/)
    expect(run.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
    const again = await runAction({ server, event: 'pull_request', pullNumber: 7 })
    expect(again.requests.filter(r => r.operationId.startsWith('issues/'))).toEqual([])
  })

  it('survives 500s and a secondary rate limit', async () => {
    const run = await gate({
      faults: [
        { type: 'status', route: 'graphql', status: 502, times: 1 },
        {
          type: 'secondary-rate-limit',
          route: 'checks/create',
          status: 403,
          retryAfterSeconds: 1,
          times: 1
        }
      ]
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.state.checkRuns).toHaveLength(1)
  })

  it('a 403 on publishing names the permission to grant', async () => {
    const run = await gate({ faults: [{ type: 'status', route: 'checks/create', status: 403 }] })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/checks: write/)
  })

  it('more than 50 annotations are all sent, 50 a request', async () => {
    const head = filled.replace(/- \[x\]/g, '- [ ]')
    const run = await gate({ head })
    const checkRun = run.state.checkRuns.at(-1)!
    expect(run.exitCode).toBe(1)
    expect(checkRun.annotations!.length).toBeGreaterThan(50)
    expect(run.requests.filter(r => r.operationId === 'checks/update').length).toBeGreaterThan(0)
  })

  it('reports as a commit status with a fixed context when asked', async () => {
    const run = await gate({}, { 'report-as': 'status' })
    expect(run.exitCode).toBe(0)
    expect(run.state.statuses.at(-1)).toMatchObject({
      context: 'Readiness Gate',
      state: 'success',
      sha: HEAD
    })
    expect(run.state.checkRuns).toHaveLength(0)
  })

  it('on a fork pull request with a read-only token the verdict still reaches log and exit code', async () => {
    const run = await gate({ readOnly: true, fork: true })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/Could not publish the check run/)
    expect(run.stepSummary).toContain('Readiness Gate')
  })

  it("a fork's pull_request_review run is read-only too: a warning, not a failure", async () => {
    server = await startGitHubDouble(scenario({ readOnly: true, fork: true }))
    const run = await runAction({ server, event: 'pull_request_review', pullNumber: 7 })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.stdout).toMatch(/::warning::Could not publish the check run/)
    expect(run.stdout).not.toMatch(/::error::/)
  })
})

describe('events', () => {
  it.each(['pull_request_review', 'pull_request_target'] as const)('%s', async event => {
    server = await startGitHubDouble(scenario())
    const run = await runAction({ server, event, pullNumber: 7 })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.state.checkRuns.at(-1)!.headSha).toBe(HEAD)
  })

  it("merge_group: check run and status go on the queue's commit, which the queue waits on", async () => {
    server = await startGitHubDouble(scenario())
    const run = await runAction({
      server,
      event: 'merge_group',
      pullNumber: 7,
      inputs: { 'report-as': 'both' }
    })
    expect(run.exitCode, run.stdout).toBe(0)
    const queueSha = (run.payload as { merge_group: { head_sha: string } }).merge_group.head_sha
    expect(queueSha).not.toBe(HEAD)
    expect(run.state.checkRuns.at(-1)!.headSha).toBe(queueSha)
    expect(run.state.statuses.at(-1)!.sha).toBe(queueSha)
  })

  it('workflow_dispatch with a pull request number', async () => {
    server = await startGitHubDouble(scenario())
    const run = await runAction({
      server,
      event: 'workflow_dispatch',
      pullNumber: 7,
      inputs: { 'pull-request': '7' }
    })
    expect(run.exitCode, run.stdout).toBe(0)
  })

  it('no pull request in the event: a clean skip', async () => {
    server = await startGitHubDouble(scenario())
    const run = await runAction({
      server,
      event: 'workflow_dispatch',
      pullNumber: 7,
      eventPayload: { inputs: { 'pull-request': '' } }
    })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/Skipping/)
    expect(run.requests).toEqual([])
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
    const run = await runAction({ server, event: 'pull_request', pullNumber: 7 })
    expect(run.exitCode).toBe(1)
    const alerting = line(filled, '- On-Call Lead: @erin') - 1 // the SRE line of that block
    expect(findings(run)).toEqual([`signoff-stale-approval@${alerting}`])
    expect(run.stdout).toMatch(/part of the checklist this sign-off covers/)
    // The text at the approved commit is read in the same content query: still two reads.
    expect(run.requests.filter(r => r.operationId === 'graphql')).toHaveLength(2)
    const { record } = checkRecord(run)!
    expect(record).toMatchObject({ freshness: 'section-unchanged', verdict: { passed: false } })
  })
})

describe('request-reviews', () => {
  // carol, the only owner of DBA, has not approved; every other role has an approving owner.
  const withoutCarol = () => approvalsOf(SIGNERS.filter(login => login !== 'carol'))
  const asks = (run: ActionRun) =>
    run.requests.filter(request => request.operationId === 'pulls/request-reviewers')

  it('asks the one role owner who has not approved, in the write wave, and never twice', async () => {
    server = await startGitHubDouble(scenario({ latencyMs: 50, reviews: withoutCarol() }))
    // A first run without the input leaves the sticky comment, as on any pull request.
    const plain = await runAction({ server, event: 'pull_request', pullNumber: 7 })
    expect(asks(plain)).toEqual([])
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
    // carol's review is now pending: nobody is asked again.
    const again = await runAction({ server, event: 'pull_request', pullNumber: 7, inputs })
    expect(asks(again)).toEqual([])
    expect(roundTrips(again.requests)).toBeLessThanOrEqual(3)
    expect(again.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
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

  it('off by default, and nobody is asked when every role is proven', async () => {
    expect(asks(await gate({ reviews: withoutCarol() }))).toEqual([])
    await server?.close()
    expect(asks(await gate({}, { 'request-reviews': 'true' }))).toEqual([])
  })
})
