import { describe, expect, it } from 'vitest'
import {
  changedChecklists,
  gatePullRequest,
  latestReviews,
  reviewsOf,
  type GateOptions
} from '../src/gate/index.js'
import type {
  Content,
  ContentRequest,
  PullRequestSnapshot,
  PullRequestSource,
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
function source(pullRequest: PullRequestSnapshot, base: string | undefined = TEXT) {
  const requests: ContentRequest[] = []
  const fake: PullRequestSource = {
    readPullRequest: async () => pullRequest,
    readContent: async request => {
      requests.push(request)
      const content: Content = {
        head: new Map(request.paths.map(path => [path, { text: TEXT }])),
        headBlob: new Map(request.paths.map(path => [path, 'blob-head'])),
        base: new Map(
          request.paths.map(path => [path, base === undefined ? undefined : { text: base }])
        ),
        templates: new Map(),
        atReview: new Map(),
        teams: new Map()
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
  const config = { checklists: ['checklists/releases/*.md'] }

  it('renamed within the globs: compared with its previous path', () => {
    const touched = changedChecklists(
      [{ path: 'checklists/releases/r2.md', deleted: false, previousPath: CHECKLIST }],
      config
    )
    expect(touched.present).toEqual(['checklists/releases/r2.md'])
    expect(touched.basePaths.get('checklists/releases/r2.md')).toBe(CHECKLIST)
    expect(touched.removed).toEqual([])
  })

  it('deleted, or renamed out of the globs: removed', () => {
    const touched = changedChecklists(
      [
        { path: CHECKLIST, deleted: true },
        { path: 'docs/old.md', deleted: false, previousPath: 'checklists/releases/r0.md' }
      ],
      config
    )
    expect(touched.present).toEqual([])
    expect(touched.removed.map(file => file.path)).toEqual([CHECKLIST, 'docs/old.md'])
  })

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
    ...overrides
  })

  it("each reviewer's latest decisive review stands; a dismissed latest leaves none", () => {
    expect(
      latestReviews([
        review({ state: 'APPROVED', submittedAt: '2026-11-20T10:00:00Z' }),
        review({ state: 'CHANGES_REQUESTED', submittedAt: '2026-11-20T11:00:00Z' })
      ])
    ).toMatchObject([{ login: 'carol', state: 'CHANGES_REQUESTED', commit: HEAD }])
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
      { login: 'carol', state: 'APPROVED' as const, commit: 'e'.repeat(40) },
      { login: 'dave', state: 'APPROVED' as const, commit: 'f'.repeat(40) }
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
