import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config/index.js'
import { gatePullRequest, runGate } from '../src/gate/index.js'
import type { Review } from '../src/rules/types.js'
import type { Content, ContentRequest, PullRequestSource } from '../src/sources/snapshot.js'

/*
 * `freshness: section-unchanged`: an approval stays fresh for a sign-off while the part its
 * block covers (its section, the Go/No-Go and critical parts) is unchanged since the approved
 * commit. In process: the rules through runGate, and the gate's reads through a plain source.
 */

const APPROVED = `# Release 1

## Go/No-Go Criteria

- [x] All tests green

## Database

- [x] Backups verified

**Sign-off:**
- DBA: @carol

## Operations

- [x] Alerts configured

**Sign-off:**
- SRE: @alice

## Final Decision

**Go/No-Go:** ☒ GO ☐ NO-GO
`

const SRE_EDIT = APPROVED.replace('- [x] Alerts configured', '- [x] Alerts configured and paged')
const GO_NO_GO_EDIT = APPROVED.replace('- [x] All tests green', '- [x] All tests green (CI run 42)')
const PATH = 'checklists/releases/r1.md'
const line = (text: string, needle: string) =>
  text.split('\n').findIndex(l => l.includes(needle)) + 1

const configOf = (freshness: string, extra = '') =>
  loadConfig(
    `checklists: ["checklists/releases/*.md"]\nroles:\n  DBA: ["@carol"]\n  SRE: ["@alice"]\nsignoffs:\n  freshness: ${freshness}\n${extra}`,
    'test config'
  )

/** Both approvals given on the commit whose checklist was APPROVED. */
const approvals = new Map<string, Review>(
  ['carol', 'alice'].map(login => [
    login,
    { login, state: 'APPROVED', onHead: false, checklistUnchanged: false }
  ])
)

function statuses(head: string, freshness = 'section-unchanged', approved = APPROVED, extra = '') {
  const [evaluation] = runGate({
    checklists: [
      {
        path: PATH,
        text: head,
        base: undefined,
        reviews: approvals,
        textAtReview: new Map([
          ['carol', approved],
          ['alice', approved]
        ])
      }
    ],
    config: configOf(freshness, extra),
    codeowners: undefined,
    context: { reviews: undefined, author: 'octo-dev', teams: new Map(), today: '2026-12-01' }
  })
  return Object.fromEntries(evaluation!.signoffs.map(signoff => [signoff.role, signoff.status]))
}

describe('freshness: section-unchanged, in the rules', () => {
  it("the SRE edits their own section after the DBA approved: the DBA's sign-off stands, the SRE's is stale", () => {
    expect(statuses(SRE_EDIT)).toEqual({ DBA: 'signed', SRE: 'stale-approval' })
  })

  it('an edit to a Go/No-Go part makes every approval stale', () => {
    expect(statuses(GO_NO_GO_EDIT)).toEqual({ DBA: 'stale-approval', SRE: 'stale-approval' })
    const decision = APPROVED.replace('☒ GO ☐ NO-GO', '☐ GO ☒ NO-GO')
    expect(statuses(decision)).toEqual({ DBA: 'stale-approval', SRE: 'stale-approval' })
  })

  it('a new critical section makes every approval stale', () => {
    const added = APPROVED.replace(
      '## Database',
      '## Critical Fixes\n\n- [x] Hotfix merged\n\n## Database'
    )
    expect(statuses(added)).toEqual({ DBA: 'stale-approval', SRE: 'stale-approval' })
  })

  it('a section the configuration makes 100% is critical too: an edit there stales every approval', () => {
    const extra = 'thresholds:\n  Operations: 100\n'
    expect(statuses(SRE_EDIT, 'section-unchanged', APPROVED, extra)).toEqual({
      DBA: 'stale-approval',
      SRE: 'stale-approval'
    })
  })

  it('a section no sign-off block vouches for is covered by every block', () => {
    const approved = APPROVED.replace(
      '## Operations',
      '## Must-haves\n\n- [x] Feature flag off by default\n\n## Operations'
    )
    const edited = approved.replace(
      '- [x] Feature flag off by default',
      '- [x] Feature flag off by default\n- [x] Migration may run twice'
    )
    expect(statuses(approved, 'section-unchanged', approved)).toEqual({
      DBA: 'signed',
      SRE: 'signed'
    })
    expect(statuses(edited, 'section-unchanged', approved)).toEqual({
      DBA: 'stale-approval',
      SRE: 'stale-approval'
    })
  })

  it('an unchanged checklist keeps every approval; checklist-unchanged (the default) stales both on any edit', () => {
    expect(statuses(APPROVED)).toEqual({ DBA: 'signed', SRE: 'signed' })
    expect(statuses(SRE_EDIT, 'checklist-unchanged')).toEqual({
      DBA: 'stale-approval',
      SRE: 'stale-approval'
    })
  })

  it('the stale finding says what changed', () => {
    const [evaluation] = runGate({
      checklists: [
        {
          path: PATH,
          text: SRE_EDIT,
          base: undefined,
          reviews: approvals,
          textAtReview: new Map([['alice', APPROVED]])
        }
      ],
      config: configOf('section-unchanged'),
      codeowners: undefined,
      context: { reviews: undefined, author: 'octo-dev', teams: new Map(), today: '2026-12-01' }
    })
    const stale = evaluation!.findings.filter(f => f.rule === 'signoff-stale-approval')
    // carol's text at her commit is unknown here: only an unchanged checklist would keep it.
    expect(stale.map(f => f.line).sort()).toEqual(
      [line(SRE_EDIT, '- DBA:'), line(SRE_EDIT, '- SRE:')].sort()
    )
    expect(stale.find(f => f.line === line(SRE_EDIT, '- SRE:'))!.message).toMatch(
      /part of the checklist this sign-off covers/
    )
  })
})

describe('freshness: section-unchanged, in the gate', () => {
  const BASE = 'a'.repeat(40)
  const APPROVED_SHA = 'b'.repeat(40)
  const HEAD = 'c'.repeat(40)

  function source(freshness: string, head: string) {
    const requests: ContentRequest[] = []
    const config = `checklists: ["checklists/releases/*.md"]\nroles:\n  DBA: ["@carol"]\n  SRE: ["@alice"]\nsignoffs:\n  freshness: ${freshness}\n`
    const fake: PullRequestSource = {
      readPullRequest: async () => ({
        number: 7,
        url: 'https://github.com/acme/ledger/pull/7',
        author: 'octo-dev',
        headSha: HEAD,
        baseSha: BASE,
        baseRef: 'main',
        headRefName: 'release-1',
        isCrossRepository: false,
        config: { text: config },
        codeowners: undefined,
        files: [{ path: PATH, deleted: false }],
        changedFiles: 1,
        reviews: ['carol', 'alice'].map((login, i) => ({
          login,
          state: 'APPROVED',
          submittedAt: '2026-11-30T10:00:00Z',
          commit: APPROVED_SHA,
          id: 100 + i,
          url: `https://github.com/acme/ledger/pull/7#pullrequestreview-${100 + i}`,
          canPush: true
        })),
        ownComments: []
      }),
      readContent: async request => {
        requests.push(request)
        const content: Content = {
          head: new Map([[PATH, { text: head }]]),
          headBlob: new Map([[PATH, 'blob-head']]),
          base: new Map([[PATH, { text: APPROVED }]]),
          templates: new Map(),
          atReview: new Map([[APPROVED_SHA, new Map([[PATH, 'blob-approved']])]]),
          sharingHead: { pullRequests: [], complete: true },
          teams: new Map(),
          ...(request.reviewTexts
            ? { textAtReview: new Map([[APPROVED_SHA, new Map([[PATH, { text: APPROVED }]])]]) }
            : {})
        }
        return content
      }
    }
    return { fake, requests }
  }
  const options = { configPath: undefined, checklists: [], today: '2026-12-01', warning: () => {} }

  it('reads the text at approved commits only under section-unchanged', async () => {
    const lean = source('checklist-unchanged', SRE_EDIT)
    await gatePullRequest(lean.fake, options)
    expect(lean.requests[0]!.reviewTexts).toBeUndefined()
    const scoped = source('section-unchanged', SRE_EDIT)
    const result = await gatePullRequest(scoped.fake, options)
    expect(scoped.requests[0]!.reviewTexts).toBe(true)
    expect(
      Object.fromEntries(result.evaluations[0]!.signoffs.map(s => [s.role, s.status]))
    ).toEqual({ DBA: 'signed', SRE: 'stale-approval' })
  })
})
