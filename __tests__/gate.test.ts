import { describe, expect, it } from 'vitest'
import { gatePullRequest, latestReviews, reviewsOf, type GateOptions } from '../src/gate/index.js'
import type {
  Content,
  ContentRequest,
  PullRequestSnapshot,
  HeadSharer,
  PullRequestSource,
  SharingHead,
  SubmittedReview
} from '../src/sources/snapshot.js'

/*
 * The gate's policy on a pull request, with GitHub replaced by a plain object: which
 * checklists count, which review counts, and the findings about the pull request as a whole.
 */

const HEAD = 'c'.repeat(40)
const BASE = 'a'.repeat(40)
const CHECKLIST = 'checklists/releases/r1.md'
const TEXT = '# Release\n\n## Critical (Must Pass 100%)\n\n- [x] Backups verified\n'

function snapshot(overrides: Partial<PullRequestSnapshot> = {}): PullRequestSnapshot {
  return {
    number: 7,
    url: 'https://github.com/acme/ledger/pull/7',
    author: 'octo-dev',
    headSha: HEAD,
    headRefName: 'release-1',
    baseSha: BASE,
    baseRef: 'main',
    isCrossRepository: false,
    config: undefined,
    codeowners: undefined,
    files: [{ path: CHECKLIST, deleted: false }],
    changedFiles: 1,
    reviews: [],
    ownComments: [],
    ...overrides
  }
}

/** A source that records the content requests it is asked for. */
function source(
  pullRequest: PullRequestSnapshot,
  base: string | undefined = TEXT,
  head = TEXT,
  sharingHead: SharingHead = { pullRequests: [], complete: true }
) {
  const requests: ContentRequest[] = []
  const fake: PullRequestSource = {
    readPullRequest: async () => pullRequest,
    readContent: async request => {
      requests.push(request)
      const content: Content = {
        head: new Map(request.paths.map(path => [path, { text: head }])),
        headBlob: new Map(request.paths.map(path => [path, 'blob-head'])),
        base: new Map(
          request.paths.map(path => [path, base === undefined ? undefined : { text: base }])
        ),
        templates: new Map(),
        atReview: new Map(),
        teams: new Map(),
        sharingHead
      }
      return content
    }
  }
  return { fake, requests }
}

const options: GateOptions = {
  configPath: undefined,
  checklists: [],
  today: '2026-12-01',
  warning: () => {}
}

describe('findings about the pull request as a whole', () => {
  it('more changed files than GitHub lists: pr-files-unlisted, and nothing else is read', async () => {
    const { fake, requests } = source(snapshot({ changedFiles: 3412 }))
    const result = await gatePullRequest(fake, options)
    expect(result.evaluations).toEqual([])
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'pr-files-unlisted',
        severity: 'error',
        line: 1,
        message: expect.stringMatching(/lists only 1 of the 3412 files .* Split the pull request/)
      })
    ])
    expect(requests).toEqual([])
  })

  it('a list as long as the count is whole', async () => {
    const { fake } = source(snapshot({ changedFiles: 1 }))
    expect((await gatePullRequest(fake, options)).findings).toEqual([])
  })

  it('require-checklist with no checklist changed: pr-checklist-missing on the configuration', async () => {
    const { fake } = source(
      snapshot({
        config: { text: 'require-checklist: true\n' },
        files: [{ path: 'src/app.ts', deleted: false }]
      })
    )
    const result = await gatePullRequest(fake, options)
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'pr-checklist-missing',
        path: '.github/readiness-gate.yml',
        line: 1
      })
    ])
  })

  it('no checklist changed, none required: nothing to say', async () => {
    const { fake } = source(snapshot({ files: [{ path: 'src/app.ts', deleted: false }] }))
    expect(await gatePullRequest(fake, options)).toMatchObject({ evaluations: [], findings: [] })
  })

  it('a configuration that cannot be used: config-invalid for each problem, on its line', async () => {
    const { fake } = source(
      snapshot({ config: { text: 'checklists: ["x.md"]\nrequire-checklist: yes\n' } })
    )
    const result = await gatePullRequest(fake, options)
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'config-invalid',
        path: '.github/readiness-gate.yml',
        line: 2,
        message: expect.stringContaining('require-checklist must be true or false')
      })
    ])
  })

  it('a configuration named by the config input and missing on the base: config-invalid', async () => {
    const { fake } = source(snapshot())
    const result = await gatePullRequest(fake, { ...options, configPath: '.github/strict.yml' })
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'config-invalid',
        path: '.github/strict.yml',
        message: expect.stringMatching(/not on the base branch main/)
      })
    ])
  })
})

describe('which checklists a pull request touches', () => {
  it('a removed checklist fails with integrity-item-removed, without reading any content', async () => {
    const { fake, requests } = source(snapshot({ files: [{ path: CHECKLIST, deleted: true }] }))
    const result = await gatePullRequest(fake, options)
    expect(result.evaluations).toMatchObject([
      { path: CHECKLIST, passed: false, findings: [{ rule: 'integrity-item-removed', line: 1 }] }
    ])
    expect(requests).toEqual([])
  })
})

describe('which review counts', () => {
  const review = (overrides: Partial<SubmittedReview>): SubmittedReview => ({
    login: 'carol',
    state: 'APPROVED',
    submittedAt: '2026-11-20T10:00:00Z',
    commit: HEAD,
    canPush: true,
    ...overrides
  })

  it("each reviewer's latest decisive review stands; a dismissed latest leaves none", () => {
    expect(
      latestReviews([
        review({ state: 'APPROVED', submittedAt: '2026-11-20T10:00:00Z' }),
        review({ state: 'CHANGES_REQUESTED', submittedAt: '2026-11-20T11:00:00Z' })
      ])
    ).toMatchObject([{ login: 'carol', state: 'CHANGES_REQUESTED', commit: HEAD, canPush: true }])
    // palantir/policy-bot#119: approve, request changes, dismiss that request → no approval.
    expect(
      latestReviews([
        review({ state: 'APPROVED', submittedAt: '2026-11-20T10:00:00Z' }),
        review({ state: 'DISMISSED', submittedAt: '2026-11-20T11:00:00Z' })
      ])
    ).toEqual([])
  })

  it('logins are compared as GitHub compares them, ignoring case', () => {
    expect(
      latestReviews([
        review({ login: 'Carol', submittedAt: '2026-11-20T10:00:00Z' }),
        review({ login: 'carol', state: 'DISMISSED', submittedAt: '2026-11-20T11:00:00Z' })
      ])
    ).toEqual([])
  })

  it('an approval without a time proves nothing; a ghost review is skipped', () => {
    expect(latestReviews([review({ submittedAt: null }), review({ login: undefined })])).toEqual([])
  })

  it('an approval is fresh for a checklist when its blob at the approved commit is the head one', () => {
    const standings = [
      { login: 'carol', state: 'APPROVED' as const, commit: 'e'.repeat(40), canPush: true },
      { login: 'dave', state: 'APPROVED' as const, commit: 'f'.repeat(40), canPush: true }
    ]
    const reviews = reviewsOf(
      CHECKLIST,
      standings,
      {
        headBlob: new Map([[CHECKLIST, 'blob-head']]),
        atReview: new Map([
          ['e'.repeat(40), new Map([[CHECKLIST, 'blob-head']])],
          ['f'.repeat(40), new Map([[CHECKLIST, 'blob-older']])]
        ])
      },
      HEAD
    )
    expect(reviews.get('carol')).toMatchObject({ onHead: false, checklistUnchanged: true })
    expect(reviews.get('dave')).toMatchObject({ onHead: false, checklistUnchanged: false })
  })

  it('the content read asks for the blob at every approved commit but the head', async () => {
    const { fake, requests } = source(
      snapshot({
        reviews: [review({ login: 'carol', commit: 'e'.repeat(40) }), review({ login: 'dave' })]
      })
    )
    await gatePullRequest(fake, options)
    expect(requests[0]!.reviewCommits).toEqual(['e'.repeat(40)])
  })
})

describe('who may sign: a code owner needs write access, as on GitHub', () => {
  const SIGNED = `${TEXT}\n## Sign-off\n\n- Developer: @carol\n- DBA: @dave\n`
  const developerLine = SIGNED.split('\n').indexOf('- Developer: @carol') + 1
  const approval = (login: string, canPush: boolean | undefined): SubmittedReview => ({
    login,
    state: 'APPROVED',
    submittedAt: '2026-11-20T10:00:00Z',
    commit: HEAD,
    canPush
  })
  /** carol may sign as a code owner of the checklist, dave for DBA by name under roles. */
  const pullRequest = (carol: boolean | undefined, dave: boolean | undefined) =>
    snapshot({
      config: { text: 'roles:\n  DBA: ["@dave"]\n' },
      codeowners: { path: '.github/CODEOWNERS', text: { text: '/checklists/ @carol @dave\n' } },
      reviews: [approval('carol', carol), approval('dave', dave)]
    })
  const signoffFindings = async (snapshotted: PullRequestSnapshot) => {
    const { fake } = source(snapshotted, SIGNED, SIGNED)
    const [evaluation] = (await gatePullRequest(fake, options)).evaluations
    return evaluation!.findings.filter(finding => finding.rule.startsWith('signoff-'))
  }

  it('writers sign', async () => {
    expect(await signoffFindings(pullRequest(true, true))).toEqual([])
  })

  it('a code owner with read access only, who approved and signed, does not count', async () => {
    expect(await signoffFindings(pullRequest(false, true))).toEqual([
      expect.objectContaining({
        rule: 'signoff-not-authorized',
        line: developerLine,
        message: expect.stringMatching(
          /@carol is a code owner of this checklist but has no write access .* GitHub ignores code owners without it/
        )
      })
    ])
  })

  it('access that GitHub did not give fails closed, naming the permission to grant', async () => {
    expect(await signoffFindings(pullRequest(undefined, true))).toEqual([
      expect.objectContaining({
        rule: 'signoff-not-authorized',
        line: developerLine,
        message: expect.stringMatching(/pull-requests: read/)
      })
    ])
  })

  it('a member named under roles signs without write access: the base branch named them', async () => {
    expect(await signoffFindings(pullRequest(true, false))).toEqual([])
  })
})

describe('a head commit that other open pull requests share: one check run speaks for all', () => {
  const other = (overrides: Partial<HeadSharer> = {}): HeadSharer => ({
    number: 8,
    baseRef: 'sandbox',
    baseSha: 'e'.repeat(40),
    config: undefined,
    files: [{ path: 'src/app.ts', deleted: false }],
    filesComplete: true,
    renames: false,
    ...overrides
  })
  const run = async (pullRequest: PullRequestSnapshot, ...others: HeadSharer[]) => {
    const { fake, requests } = source(pullRequest, TEXT, TEXT, {
      pullRequests: others,
      complete: true
    })
    return { result: await gatePullRequest(fake, options), requests }
  }
  const shared = (result: Awaited<ReturnType<typeof gatePullRequest>>) =>
    result.findings.filter(finding => finding.rule === 'pr-head-shared')

  it('the release PR shares its head with a PR into a branch without configuration: it cannot pass there, so it fails here', async () => {
    // #7, into a branch with no configuration, changes nothing the gate checks: alone it would
    // pass, and its success would stand on the commit over #8's failing checklist.
    const { result, requests } = await run(
      snapshot({ files: [{ path: 'src/app.ts', deleted: false }] }),
      other({ baseRef: 'main', files: [{ path: CHECKLIST, deleted: false }] })
    )
    expect(requests).toHaveLength(1) // the second read, for the pull requests sharing the head
    expect(shared(result)).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: 1,
        message: expect.stringMatching(
          /also the head of open pull request #8 \(into main\), which changes the checklist checklists\/releases\/r1\.md\. A check run belongs to the commit/
        )
      })
    ])
  })

  it('the same when this PR has a checklist of its own that passes', async () => {
    const { result } = await run(
      snapshot(),
      other({ files: [{ path: CHECKLIST, deleted: false }] })
    )
    expect(result.evaluations.every(evaluation => evaluation.passed)).toBe(true)
    expect(shared(result)).toHaveLength(1)
  })

  it('a sharing PR that the gate passes without reading a checklist changes nothing', async () => {
    const { result } = await run(snapshot(), other())
    expect(result.findings).toEqual([])
  })

  it.each([
    [
      'requires a checklist it lacks',
      { config: { text: 'require-checklist: true\n' } },
      /requires one/
    ],
    [
      'has a broken configuration',
      { config: { text: 'require-checklist: yes\n' } },
      /cannot be used/
    ],
    ['renames a file, possibly a checklist', { renames: true }, /renames files/],
    [
      'lists fewer files than it changes',
      { filesComplete: false },
      /more files than the gate reads/
    ],
    ['lost its base branch', { baseSha: undefined }, /lost its base branch/]
  ] as const)('a sharing PR that %s fails this one too', async (_, overrides, message) => {
    const { result } = await run(snapshot(), other(overrides))
    expect(shared(result)).toEqual([
      expect.objectContaining({ message: expect.stringMatching(message) })
    ])
  })

  it('more sharing PRs than GitHub lists at once: fails closed', async () => {
    const { fake } = source(snapshot(), TEXT, TEXT, { pullRequests: [], complete: false })
    const result = await gatePullRequest(fake, options)
    expect(shared(result)).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/more open pull requests/) })
    ])
  })
})

describe('request-reviews: who is asked for a review', () => {
  // DBA: owners dave and @acme/dba (a team of the repository's organization) and @other/ops (of
  // another organization, which cannot be asked); SRE: alice, erin and the author; Developer:
  // code owners carol and bob. Nobody has signed.
  const UNSIGNED = `${TEXT}\n## Sign-off\n\n- DBA: ______ Date: ______\n- SRE: ______ Date: ______\n- Developer: ______ Date: ______\n`
  const approval = (login: string, commit = HEAD): SubmittedReview => ({
    login,
    state: 'APPROVED',
    submittedAt: '2026-11-20T10:00:00Z',
    commit,
    canPush: true
  })
  const asked = async (
    overrides: Partial<PullRequestSnapshot>,
    text = UNSIGNED,
    gateOptions: GateOptions = { ...options, owner: 'acme' }
  ) => {
    const pullRequest = snapshot({
      config: {
        text: 'roles:\n  DBA: ["@dave", "@acme/dba", "@other/ops"]\n  SRE: ["@alice", "@Erin", "@octo-dev"]\n'
      },
      codeowners: { path: '.github/CODEOWNERS', text: { text: '/checklists/ @carol @bob\n' } },
      ...overrides
    })
    const { fake } = source(pullRequest, TEXT, text)
    return (await gatePullRequest(fake, gateOptions)).reviewRequest
  }

  it('everyone who may sign an unsigned role, users and teams by slug, never the author', async () => {
    expect(await asked({})).toEqual({
      reviewers: ['dave', 'alice', 'erin', 'carol', 'bob'],
      teamReviewers: ['dba']
    })
  })

  it('a role one of whose owners approved is left alone, and whoever approved is never asked', async () => {
    expect(await asked({ reviews: [approval('alice'), approval('carol')] })).toEqual({
      reviewers: ['dave'],
      teamReviewers: ['dba']
    })
  })

  it('pending requests are not made again, for users and teams', async () => {
    expect(
      await asked({ reviewRequests: { users: ['DAVE', 'bob'], teams: ['acme/dba'] } })
    ).toEqual({ reviewers: ['alice', 'erin', 'carol'], teamReviewers: [] })
  })

  it('a signed role asks nobody; a signer who has not approved is asked, with the other owners', async () => {
    const signed = UNSIGNED.replace('- DBA: ______ Date: ______', '- DBA: @dave Date: 2026-11-20')
      .replace('- SRE: ______ Date: ______', '- SRE: @alice Date: 2026-11-20')
      .replace('- Developer: ______ Date: ______', '- Developer: @carol Date: 2026-11-20')
    expect(await asked({ reviews: [approval('dave'), approval('carol')] }, signed)).toEqual({
      reviewers: ['alice', 'erin'],
      teamReviewers: []
    })
  })

  it('an approval of an earlier checklist does not count: that owner is asked again', async () => {
    expect(
      await asked({
        reviews: [approval('alice', BASE), approval('erin'), approval('dave'), approval('carol')]
      })
    ).toEqual({ reviewers: [], teamReviewers: [] })
    // alice's approval is of BASE, where the checklist differs: SRE still has erin's approval.
    expect(await asked({ reviews: [approval('alice', BASE)] })).toMatchObject({
      reviewers: expect.arrayContaining(['alice', 'erin'])
    })
  })

  it('nothing is asked when nothing is evaluated', async () => {
    const { fake } = source(snapshot({ files: [] }))
    expect((await gatePullRequest(fake, { ...options, owner: 'acme' })).reviewRequest).toBe(
      undefined
    )
  })
})
