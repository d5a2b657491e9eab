import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { isBareTarget } from '../src/checklist/quantity.js'
import { RULE_IDS } from '../src/rules/index.js'
import type { Evaluation } from '../src/rules/types.js'
import {
  COMPLETE,
  approvals,
  config,
  defect,
  errorKeys,
  errors,
  gate,
  lineOf,
  parse
} from './helpers/checklist.js'

/** Every finding names a known rule and a real line. */
function expectWellFormed(evaluation: Evaluation): void {
  for (const finding of evaluation.findings) {
    expect(RULE_IDS).toContain(finding.rule)
    expect(finding.line).toBeGreaterThanOrEqual(1)
    expect(finding.message.length).toBeGreaterThan(0)
  }
}

/** The gate fails, and with exactly these errors (`rule@line`). */
function expectFails(evaluation: Evaluation, ...expected: string[]): void {
  expectWellFormed(evaluation)
  expect(errorKeys(evaluation).sort()).toEqual([...expected].sort())
  expect(evaluation.passed).toBe(false)
}

describe('a completed and signed checklist', () => {
  it('passes with no findings at all', () => {
    const evaluation = gate(COMPLETE)
    expect(evaluation.findings).toEqual([])
    expect(evaluation.passed).toBe(true)
    expect(evaluation.items).toEqual({ total: 20, done: 20, waived: 1 })
    expect(evaluation.signoffs.map(signoff => signoff.status)).toEqual(Array(6).fill('signed'))
    expect(evaluation.fields.every(field => field.status === 'met')).toBe(true)
  })
})

describe('the task items an evaluation lists', () => {
  it('are every task item with its line and box, sign-off tasks and excluded sections included', () => {
    const text = defect('- [x] Health checks defined', '- [ ] Health checks defined')
    const evaluation = gate(text, { config: config('exclude-sections: ["Database"]\n') })
    const boxes = text
      .split('\n')
      .flatMap((line, i) =>
        /^\s*- \[[ x]\] /.test(line) ? [{ line: i + 1, checked: line.includes('[x]') }] : []
      )
    expect(evaluation.tasks).toEqual(boxes)
    expect(evaluation.tasks).toContainEqual({
      line: lineOf(text, 'Health checks defined'),
      checked: false
    })
    expect(evaluation.tasks).toContainEqual({
      line: lineOf(text, 'Security Team Lead'),
      checked: true
    })
    // The excluded item counts for nothing, and the sign-off tasks are sign-offs, not items.
    expect(evaluation.items).toEqual({ total: 13, done: 13, waived: 1 })
  })
})

describe('each single defect fails with the right rule on the right line', () => {
  const cases: [name: string, from: string, to: string, rule: string, lineText?: string][] = [
    [
      'a missed target',
      'RTO measured: 95 seconds',
      'RTO measured: 125 seconds',
      'target-missed',
      'RTO measured'
    ],
    [
      'a value in a unit that cannot be compared with its target',
      'Query latency p95: 42 ms',
      'Query latency p95: 42 MB',
      'target-unit-mismatch',
      'Query latency p95'
    ],
    [
      'a value that is not a number with a unit',
      'RTO measured: 95 seconds',
      'RTO measured: 95 parsecs',
      'target-unit-mismatch',
      'RTO measured'
    ],
    [
      'a target nobody can read',
      '(target: < 120s)',
      '(target: fast enough)',
      'target-unparsed',
      'RTO measured'
    ],
    [
      'a target without its closing parenthesis',
      '(target: < 120s)',
      '(target: < 120s',
      'target-unparsed',
      'RTO measured'
    ],
    [
      'a target without its colon',
      '(target: < 120s)',
      '(target < 120s)',
      'target-unparsed',
      'RTO measured'
    ],
    [
      'a field left blank',
      'RTO measured: 95 seconds',
      'RTO measured: ______ seconds',
      'field-unfilled',
      'RTO measured'
    ],
    [
      'a table row below a bare target, directed by its baseline',
      '| 99.9% | 99.95% | ☒ Met ☐ Not Met |',
      '| 99.9% | 99.8% | ☐ Met ☒ Not Met |',
      'target-missed',
      '| System Uptime'
    ],
    [
      'a choice marked Fail',
      '| Zero critical bugs | ☒ Pass ☐ Fail |',
      '| Zero critical bugs | ☐ Pass ☒ Fail |',
      'choice-rejected',
      '| Zero critical bugs'
    ],
    [
      'a choice left unmarked',
      '**Go/No-Go:** ☒ GO ☐ NO-GO',
      '**Go/No-Go:** ☐ GO ☐ NO-GO',
      'choice-unmarked',
      '**Go/No-Go:**'
    ],
    [
      'a choice marked twice',
      '**Go/No-Go:** ☒ GO ☐ NO-GO',
      '**Go/No-Go:** ☒ GO ☒ NO-GO',
      'choice-multiple',
      '**Go/No-Go:**'
    ],
    [
      'the marked option struck through',
      '**Go/No-Go:** ☒ GO ☐ NO-GO',
      '**Go/No-Go:** ☒ ~~GO~~ ☐ NO-GO',
      'choice-rejected',
      '**Go/No-Go:**'
    ],
    [
      'the marked option of a table cell struck through',
      '| Zero critical bugs | ☒ Pass ☐ Fail |',
      '| Zero critical bugs | ☒ ~~Pass~~ ☐ Fail |',
      'choice-rejected',
      '| Zero critical bugs'
    ],
    [
      'a blank left in a gated section',
      '| Zero critical bugs | ☒ Pass ☐ Fail | |',
      '| Zero critical bugs | ☒ Pass ☐ Fail | [Ticket] |',
      'blank',
      '| Zero critical bugs'
    ],
    [
      'a ticked item whose value is TODO',
      '- [x] Secrets rotated',
      '- [x] Secrets rotated: TODO',
      'field-unfilled',
      '- [x] Secrets rotated'
    ],
    [
      'a ticked item whose value is pending',
      '- [x] Secrets rotated',
      '- [x] Secrets rotated: pending',
      'field-unfilled',
      '- [x] Secrets rotated'
    ],
    [
      'a name that is not a login',
      'DBA: @carol',
      'DBA: Carol Smith',
      'signoff-not-a-login',
      'DBA:'
    ],
    [
      'an empty sign-off',
      'SRE: @alice Date: 2026-11-18',
      'SRE: ________________ Date: ________',
      'signoff-missing',
      'SRE:'
    ],
    [
      'a date in the future',
      'DBA: @carol Date: 2026-11-18',
      'DBA: @carol Date: 2026-11-22',
      'signoff-date-future',
      'DBA:'
    ],
    [
      'a date older than max-age-days',
      'DBA: @carol Date: 2026-11-18',
      'DBA: @carol Date: 2026-10-20',
      'signoff-date-stale',
      'DBA:'
    ],
    [
      'a date that is not YYYY-MM-DD',
      'DBA: @carol Date: 2026-11-18',
      'DBA: @carol Date: 18/11/2026',
      'signoff-date-invalid',
      'DBA:'
    ],
    [
      'an impossible calendar date',
      'DBA: @carol Date: 2026-11-18',
      'DBA: @carol Date: 2026-02-30',
      'signoff-date-invalid',
      'DBA:'
    ],
    [
      'a signed line with its date left blank',
      'DBA: @carol Date: 2026-11-18',
      'DBA: @carol Date: ________',
      'signoff-date-missing',
      'DBA:'
    ],
    [
      'a signer the configuration does not list for the role',
      'DBA: @carol',
      'DBA: @dave',
      'signoff-not-authorized',
      'DBA:'
    ],
    [
      'a signer who is not a code owner, for a role the configuration leaves out',
      'Security Team Lead: @dave',
      'Security Team Lead: @mallory',
      // @mallory is neither a code owner nor an approver.
      'signoff-not-authorized',
      'Security Team Lead:'
    ],
    [
      'the pull request author signing',
      'Security Team Lead: @dave',
      'Security Team Lead: @octo-dev',
      'signoff-by-author',
      'Security Team Lead:'
    ],
    [
      'one person in two roles of one block',
      'SRE: @alice Date: 2026-11-18',
      'SRE: @carol Date: 2026-11-18',
      // @carol may not sign SRE either: two findings on the same line.
      'signoff-duplicate-signer',
      'SRE:'
    ]
  ]

  for (const [name, from, to, rule, lineText] of cases) {
    it(`${name}: ${rule}`, () => {
      const text = defect(from, to)
      const evaluation = gate(text)
      const line = lineOf(text, lineText ?? to)
      expectWellFormed(evaluation)
      expect(evaluation.passed).toBe(false)
      expect(errors(evaluation)).toContainEqual(expect.objectContaining({ rule, line }))
      // Nothing else is wrong, except what the same defect also causes on the same line.
      for (const finding of errors(evaluation)) {
        if (finding.rule === 'signoff-not-approved' || finding.rule === 'signoff-not-authorized') {
          expect(finding.line).toBe(line)
        } else expect(`${finding.rule}@${finding.line}`).toBe(`${rule}@${line}`)
      }
    })
  }

  it('a checked parent with an open child: checked-with-open-children on the parent', () => {
    const text = defect('  - [x] Health checks defined', '  - [ ] Health checks defined')
    expectFails(
      gate(text),
      `checked-with-open-children@${lineOf(text, '**Configuration Review**')}`,
      `item-open@${lineOf(text, 'Health checks defined')}`
    )
  })

  it('an open item under an open parent: item-open on each, no parent error', () => {
    const text = defect(
      '- [x] **Configuration Review**\n  - [x] Streaming',
      '- [ ] **Configuration Review**\n  - [ ] Streaming'
    )
    expectFails(
      gate(text),
      `item-open@${lineOf(text, '**Configuration Review**')}`,
      `item-open@${lineOf(text, 'Streaming replication')}`
    )
  })

  it('a status cell that contradicts the value: ☒ Met on a missed target', () => {
    const text = defect('| 4 min | ☒ Met ☐ Not Met |', '| 7 min | ☒ Met ☐ Not Met |')
    const line = lineOf(text, '| RTO |')
    expectFails(gate(text), `target-missed@${line}`, `status-contradicts-value@${line}`)
  })

  it('a status cell that says Not Met on a met target also contradicts it', () => {
    const text = defect('| 4 min | ☒ Met ☐ Not Met |', '| 4 min | ☐ Met ☒ Not Met |')
    const line = lineOf(text, '| RTO |')
    const keys = errorKeys(gate(text))
    expect(keys).toContain(`status-contradicts-value@${line}`)
  })

  it('a signer who did not approve: signoff-not-approved', () => {
    const evaluation = gate(COMPLETE, {
      context: { reviews: approvals('alice', 'bob', 'dave', 'frank') }
    })
    expectFails(evaluation, `signoff-not-approved@${lineOf(COMPLETE, 'DBA: @carol')}`)
  })

  it('a row of an approval table is a sign-off like any other: typing a name proves nothing', () => {
    const table = [
      '## Approvals',
      '',
      '| Role | Name | Date | Approved |',
      '|------|------|------|----------|',
      '| Tech Lead | @bob | 2026-11-19 | [x] Yes [ ] No |',
      '| DBA | @mallory | 2026-11-19 | [x] Yes [ ] No |',
      '| SRE | | | [ ] Yes [ ] No |',
      ''
    ].join('\n')
    const text = defect('---\n\n**Last Updated**', `${table}\n---\n\n**Last Updated**`)
    const line = (needle: string) => lineOf(text, needle)
    expectFails(
      gate(text),
      `signoff-not-approved@${line('| DBA | @mallory')}`,
      `signoff-not-authorized@${line('| DBA | @mallory')}`,
      `signoff-missing@${line('| SRE | |')}`,
      `choice-unmarked@${line('| SRE | |')}`
    )
  })

  it('a signer whose latest review requests changes: signoff-not-approved', () => {
    const reviews = approvals('alice', 'bob', 'carol', 'dave', 'frank')
    reviews.set('frank', {
      login: 'frank',
      state: 'CHANGES_REQUESTED',
      onHead: true,
      checklistUnchanged: true
    })
    const evaluation = gate(COMPLETE, { context: { reviews } })
    expectFails(evaluation, `signoff-not-approved@${lineOf(COMPLETE, '**Product Owner:**')}`)
    expect(errors(evaluation)[0]!.message).toMatch(/requests changes/)
  })

  it('without approvals at all, every sign-off is unverified and the gate cannot pass', () => {
    const evaluation = gate(COMPLETE, { context: { reviews: undefined } })
    expectWellFormed(evaluation)
    expect(evaluation.passed).toBe(false)
    const unverified = errors(evaluation).filter(f => f.rule === 'signoff-approval-unverified')
    // One per signer: six lines, seven logins (All Team Members has two).
    expect(unverified).toHaveLength(7)
    expect(new Set(errors(evaluation).map(f => f.rule))).toEqual(
      new Set(['signoff-approval-unverified'])
    )
  })

  it('the pull request author may sign when allow-author is set', () => {
    const text = defect('Security Team Lead: @dave', 'Security Team Lead: @octo-dev')
    const evaluation = gate(text, {
      config: config('  allow-author: true\n'),
      context: {
        reviews: approvals('alice', 'bob', 'carol', 'octo-dev', 'frank'),
        codeOwners: ['@octo-dev', '@alice', '@bob']
      }
    })
    expect(errorKeys(evaluation)).toEqual([])
  })

  it('the same person twice in one block passes when distinct-signers is off', () => {
    const text = defect('SRE: @alice Date', 'SRE: @carol Date')
    const yaml = 'roles:\n  DBA: ["@carol"]\n  SRE: ["@carol"]\nsignoffs:\n  distinct-signers: '
    expect(errorKeys(gate(text, { config: config('true\n', yaml) }))).toEqual([
      `signoff-duplicate-signer@${lineOf(text, 'SRE: @carol')}`
    ])
    expect(errorKeys(gate(text, { config: config('false\n', yaml) }))).toEqual([])
  })

  it('a group role signs with several logins, each checked', () => {
    const text = defect('All Team Members: @alice @bob', 'All Team Members: @alice @mallory')
    const evaluation = gate(text)
    const line = lineOf(text, 'All Team Members:')
    expect(errorKeys(evaluation).sort()).toEqual([
      `signoff-not-approved@${line}`,
      `signoff-not-authorized@${line}`
    ])
    expect(evaluation.signoffs.find(s => s.line === line)!.signers).toEqual(['alice', 'mallory'])
  })
})

describe('thresholds', () => {
  const IMPORTANT = '## Important Requirements (90% required)'
  const untick = (text: string, item: string) => defect(`- [x] ${item}`, `- [ ] ${item}`, text)

  it('exactly at the threshold passes; the open item is a warning on its line', () => {
    const text = untick(COMPLETE, 'Secrets rotated')
    const evaluation = gate(text)
    expectWellFormed(evaluation)
    expect(evaluation.passed).toBe(true)
    expect(evaluation.findings).toEqual([
      expect.objectContaining({
        rule: 'item-open',
        severity: 'warning',
        line: lineOf(text, 'Secrets rotated'),
        message:
          '"Secrets rotated" is not ticked: it counts against the 90% threshold of "Important Requirements (90% required)".'
      })
    ])
    const section = evaluation.sections.find(s => s.line === lineOf(text, IMPORTANT))!
    expect(section).toMatchObject({ threshold: 90, total: 10, done: 9, passed: true })
  })

  it('one item below the threshold fails, with the error at the heading line', () => {
    const text = untick(untick(COMPLETE, 'Secrets rotated'), 'Security scan passed')
    const evaluation = gate(text)
    expectFails(evaluation, `threshold@${lineOf(text, IMPORTANT)}`)
    const warnings = evaluation.findings.filter(f => f.severity === 'warning')
    expect(warnings).toHaveLength(2)
    // True whether or not the section meets its threshold.
    for (const warning of warnings) expect(warning.message).not.toMatch(/allowed while/)
    expect(evaluation.sections.find(s => s.threshold === 90)).toMatchObject({
      done: 8,
      passed: false
    })
  })

  it('a 100% section fails on its first open item', () => {
    const text = untick(COMPLETE, 'Zero critical bugs identified')
    expectFails(gate(text), `threshold@${lineOf(text, '(Must Pass 100%)')}`)
  })

  it('configuration overrides the heading', () => {
    const text = untick(COMPLETE, 'Secrets rotated')
    const evaluation = gate(text, { config: config('thresholds:\n  Important Requirements: 95\n') })
    expectFails(evaluation, `threshold@${lineOf(text, IMPORTANT)}`)
  })
})

describe('waivers', () => {
  const WAIVED = '- [x] ~~Mobile access configured~~ N/A: no mobile clients'

  it('a struck-through item with N/A: reason leaves the count where waivers are allowed', () => {
    const evaluation = gate(COMPLETE)
    expect(evaluation.items.waived).toBe(1)
    expect(evaluation.passed).toBe(true)
  })

  it('an unticked waived item still counts as waived', () => {
    const text = defect(WAIVED, WAIVED.replace('[x]', '[ ]'))
    expect(gate(text).passed).toBe(true)
  })

  it('a waiver in a 100% section is refused', () => {
    const text = defect(
      '- [x] Zero critical bugs identified',
      '- [x] ~~Zero critical bugs identified~~ N/A: no bugs tracker yet'
    )
    expectFails(gate(text), `waiver-not-allowed@${lineOf(text, 'Zero critical bugs identified')}`)
  })

  it('a waiver where no threshold governs (every item must be done) is refused by default', () => {
    const text = defect(
      '  - [x] Health checks defined\n',
      '  - [x] Health checks defined\n  - [x] ~~Read replicas in a second region~~ N/A: one region\n'
    )
    const evaluation = gate(text)
    expectFails(evaluation, `waiver-not-allowed@${lineOf(text, 'Read replicas')}`)
    expect(errors(evaluation)[0]!.message).toMatch(/no threshold/)
  })

  it('waivers: allowed accepts it there, and in a 100% section', () => {
    const text = defect(
      '- [x] Zero critical bugs identified',
      '- [x] Zero critical bugs identified\n- [ ] ~~Pen test signed off~~ N/A: no external surface'
    )
    const where = defect(
      '  - [x] Health checks defined\n',
      '  - [x] Health checks defined\n  - [ ] ~~Read replicas in a second region~~ N/A: one region\n',
      text
    )
    const evaluation = gate(where, { config: config('waivers: allowed\n') })
    expect(errorKeys(evaluation)).toEqual([])
    expect(evaluation.items.waived).toBe(3)
  })

  it('the example release checklist passes with its one warning and its one waiver', () => {
    const example = readFileSync('checklists/examples/release-2026.11.md', 'utf8')
    const settings = config('', readFileSync('checklists/examples/readiness-gate.yml', 'utf8'))
    const evaluation = gate(example, {
      config: settings,
      context: { reviews: approvals('alice', 'bob', 'carol', 'dave', 'erin', 'frank') }
    })
    expect(errorKeys(evaluation)).toEqual([])
    expect(evaluation.findings.filter(f => f.severity === 'warning')).toHaveLength(1)
    expect(evaluation.items.waived).toBe(1)
  })

  it('waivers: forbidden refuses them everywhere', () => {
    const evaluation = gate(COMPLETE, { config: config('waivers: forbidden\n') })
    expectFails(evaluation, `waiver-not-allowed@${lineOf(COMPLETE, 'Mobile access')}`)
  })

  it('strikethrough without a reason is not a waiver', () => {
    const text = defect(WAIVED, '- [ ] ~~Mobile access configured~~')
    const evaluation = gate(text)
    expect(evaluation.items.waived).toBe(0)
    expect(evaluation.findings.map(f => `${f.rule}@${f.line}`)).toEqual([
      `item-open@${lineOf(text, 'Mobile access')}`
    ])
  })
})

describe('signers joined by "and"', () => {
  const TEAM = '- [x] All Team Members: @alice @bob Date: 2026-11-19'
  const signers = (line: string, ...extra: string[]) => {
    const text = defect(TEAM, line)
    const evaluation = gate(text, {
      context: {
        reviews: approvals('alice', 'bob', 'carol', 'dave', 'frank', ...extra),
        codeOwners: ['@alice', '@bob', '@carol', '@dave', '@frank', ...extra.map(l => `@${l}`)]
      }
    })
    return { evaluation, line: lineOf(text, 'All Team Members') }
  }

  it('@and-y is one login, not "@" and "-y" around an "and"', () => {
    const { evaluation } = signers('- [x] All Team Members: @and-y Date: 2026-11-19', 'and-y')
    expect(evaluation.findings).toEqual([])
    expect(evaluation.signoffs.find(s => s.role === 'All Team Members')?.signers).toEqual(['and-y'])
  })

  it('a login with "and" inside, between others, stays whole', () => {
    const { evaluation } = signers(
      '- [x] All Team Members: @alice, @sand-and-co and @bob Date: 2026-11-19',
      'sand-and-co'
    )
    expect(evaluation.findings).toEqual([])
    expect(evaluation.signoffs.find(s => s.role === 'All Team Members')?.signers).toEqual([
      'alice',
      'sand-and-co',
      'bob'
    ])
  })

  it('"and" and "&" as words between logins join them', () => {
    for (const joined of ['@alice and @bob', '@alice & @bob', '@alice&@bob', '@alice, @bob']) {
      const { evaluation } = signers(`- [x] All Team Members: ${joined} Date: 2026-11-19`)
      expect(evaluation.findings, joined).toEqual([])
      expect(evaluation.signoffs.find(s => s.role === 'All Team Members')?.signers).toEqual([
        'alice',
        'bob'
      ])
    }
  })

  it('an "and" with no signer after it is not a login', () => {
    const { evaluation, line } = signers('- [x] All Team Members: @alice and Date: 2026-11-19')
    expectFails(evaluation, `signoff-not-a-login@${line}`)
  })
})

describe('choices marked with GitHub emoji', () => {
  const GO = '**Go/No-Go:** ☒ GO ☐ NO-GO'

  it('☑️ (:ballot_box_with_check:) on GO passes', () => {
    const evaluation = gate(defect(GO, '**Go/No-Go:** ☑\uFE0F GO ☐ NO-GO'))
    expect(evaluation.findings).toEqual([])
    expect(evaluation.passed).toBe(true)
  })

  it('☑️ on NO-GO is still choice-rejected', () => {
    const text = defect(GO, '**Go/No-Go:** ☐ GO ☑\uFE0F NO-GO')
    expectFails(gate(text), `choice-rejected@${lineOf(text, '**Go/No-Go:**')}`)
  })
})

describe('a question whose accepted answer is its own (accept-choices-for)', () => {
  const GO = '**Go/No-Go:** ☒ GO ☐ NO-GO'
  const questions = (rollback: string, backups: string) =>
    defect(GO, `${GO}\n\n**Rollback needed?** ${rollback}\n\n**Backups verified:** ${backups}`)
  const answered = config('accept-choices-for: { "rollback needed": [No] }\n')

  it('No passes where No is the answer, and only there', () => {
    const text = questions('☐ Yes ☒ No', '☐ Yes ☒ No')
    expectFails(
      gate(text, { config: answered }),
      `choice-rejected@${lineOf(text, '**Backups verified:**')}`
    )
    expect(gate(questions('☐ Yes ☒ No', '☒ Yes ☐ No'), { config: answered }).passed).toBe(true)
  })

  it.each([
    ['its label on the line before', '**Rollback needed?**\n☒ Yes ☐ No'],
    [
      'a numbered table row',
      '| # | Question | Answer |\n|---|---|---|\n| 1 | Rollback needed? | ☒ Yes ☐ No |'
    ],
    ['a dash before its boxes', '- Rollback needed? — ☒ Yes ☐ No']
  ])('the question is found with %s', (_how, written) => {
    const text = defect('**Go/No-Go:** ☒ GO ☐ NO-GO', `**Go/No-Go:** ☒ GO ☐ NO-GO\n\n${written}\n`)
    const evaluation = gate(text, { config: answered })
    expectFails(evaluation, `choice-rejected@${lineOf(text, '☒ Yes ☐ No')}`)
  })

  it('a key that labels no choice is said, as a warning', () => {
    const evaluation = gate(COMPLETE, { config: answered })
    expect(evaluation.passed).toBe(true)
    expect(evaluation.findings.map(f => [f.rule, f.severity, f.line])).toEqual([
      ['choice-answer-unmatched', 'warning', 1]
    ])
  })

  it('the answer replaces accept-choices for that question: Yes is rejected there', () => {
    const text = questions('☒ Yes ☐ No', '☒ Yes ☐ No')
    const evaluation = gate(text, { config: answered })
    expectFails(evaluation, `choice-rejected@${lineOf(text, '**Rollback needed?**')}`)
    expect(evaluation.findings[0]!.message).toBe(
      '"Rollback needed?" is marked "Yes", which is not its accepted answer (No, in accept-choices-for).'
    )
  })
})

describe('a sign-off written as a task', () => {
  it('is not signed while its box is open, though the person approved: GitHub shows it unsigned', () => {
    const text = defect(
      '- [x] Security Team Lead: @dave Date: 2026-11-19',
      '- [ ] Security Team Lead: @dave Date: 2026-11-19'
    )
    const evaluation = gate(text)
    expectFails(evaluation, `signoff-unticked@${lineOf(text, 'Security Team Lead')}`)
    const signoff = evaluation.signoffs.find(s => s.role === 'Security Team Lead')!
    expect(signoff).toMatchObject({ signers: ['dave'], status: 'unticked' })
  })

  it('signed with a name that is no login, box open: that error alone', () => {
    const text = defect(
      '- [x] Security Team Lead: @dave Date: 2026-11-19',
      '- [ ] Security Team Lead: Dave Smith Date: 2026-11-19'
    )
    expectFails(gate(text), `signoff-not-a-login@${lineOf(text, 'Security Team Lead')}`)
  })

  it('left empty with its box open, is missing, once', () => {
    const text = defect(
      '- [x] Security Team Lead: @dave Date: 2026-11-19',
      '- [ ] Security Team Lead: ______ Date: ______'
    )
    expectFails(gate(text), `signoff-missing@${lineOf(text, 'Security Team Lead')}`)
  })
})

describe('a metric table with a second Actual column', () => {
  it('holds every measure to its target: a re-run that misses fails, though the first met it', () => {
    const text = COMPLETE.replace(
      '| Metric | Baseline | Target | Actual | Status |\n|--------|----------|--------|--------|--------|',
      '| Metric | Baseline | Target | Actual | Actual (re-run) | Status |\n|---|---|---|---|---|---|'
    )
      .replace('| 99.95% | ☒ Met', '| 99.95% | 99.95% | ☒ Met')
      .replace('| 4 min | ☒ Met', '| 4 min | 7 min | ☒ Met')
      .replace('| 180ms | ☒ Met', '| 180ms | 190ms | ☒ Met')
    expectFails(gate(text), `target-missed@${lineOf(text, '| RTO |')}`)
  })
})

describe('a signer struck through', () => {
  it('signs nothing: the name is crossed out, though the person approved', () => {
    const text = defect(
      '- [x] Security Team Lead: @dave Date: 2026-11-19',
      '- [x] Security Team Lead: ~~@dave~~ Date: 2026-11-19'
    )
    const evaluation = gate(text)
    expect(evaluation.passed).toBe(false)
    const signoff = evaluation.signoffs.find(s => s.role === 'Security Team Lead')!
    expect(signoff).toMatchObject({ signers: [], status: 'missing' })
  })
})

describe('a section whose every item is waived', () => {
  it('fails its threshold: 0 of 0 meets no threshold', () => {
    const text = COMPLETE.replace(
      /^- \[x\] (?!~~)(.+)$/gm,
      (whole, item: string, offset: number) =>
        offset > COMPLETE.indexOf('## Important') && offset < COMPLETE.indexOf('## Database')
          ? `- [ ] ~~${item}~~ N/A: next release`
          : whole
    )
    expectFails(gate(text), `threshold@${lineOf(text, '## Important Requirements')}`)
  })
})

describe('waivers never reach items that a stricter threshold governs', () => {
  const WAIVED = '- [x] ~~Mobile access configured~~ N/A: no mobile clients'
  /** A 100% heading indented into a waived item: its items are the waived item's children. */
  const smuggled = (waived: string) =>
    `${waived}\n  ## Critical Requirements (Must Pass 100%)\n  - [ ] Data migration rehearsed\n  - [ ] Pen test passed\n`

  it('a waived item in a 90% section does not waive the open critical items indented in it', () => {
    const text = defect(WAIVED, smuggled(WAIVED))
    const evaluation = gate(text)
    expectFails(evaluation, `threshold@${lineOf(text, '  ## Critical Requirements')}`)
    expect(evaluation.items.waived).toBe(1)
  })

  it('nor does one in an excluded section whose heading carries a lenient threshold', () => {
    const optional = '- [ ] ~~Dark mode~~ N/A: next release'
    const text = defect(
      '## Database',
      `## Optional Extras (Must Pass 50%)\n\n${smuggled(optional)}\n## Database`
    )
    const evaluation = gate(text, { config: config('exclude-sections: ["Optional Extras"]\n') })
    expectFails(evaluation, `threshold@${lineOf(text, '  ## Critical Requirements')}`)
  })

  it('the critical items can be waived only on their own, where except-critical refuses it', () => {
    const text = defect(
      WAIVED,
      smuggled(WAIVED).replace('- [ ] Pen test passed', '- [ ] ~~Pen test passed~~ N/A: internal')
    )
    expectFails(
      gate(text),
      `threshold@${lineOf(text, '  ## Critical Requirements')}`,
      `waiver-not-allowed@${lineOf(text, 'Pen test passed')}`
    )
  })

  it('a waiver still reaches sub-items under the same threshold', () => {
    const text = defect(
      WAIVED,
      `${WAIVED}\n  - [ ] Mobile SSO configured\n  - [ ] Mobile push tested\n`
    )
    const evaluation = gate(text)
    expect(evaluation.findings).toEqual([])
    expect(evaluation.items.waived).toBe(3)
  })
})

describe("a waived item's own fields and blanks are waived with it", () => {
  const WAIVED = '- [x] ~~Mobile access configured~~ N/A: no mobile clients'

  it('an unfilled measured field on the waived line is not asked for', () => {
    const line = '- [ ] ~~Load test p99: ____ ms (target: < 250ms)~~ N/A: no traffic'
    const evaluation = gate(defect(WAIVED, line))
    expect(evaluation.findings).toEqual([])
    expect(evaluation.fields.find(f => f.label === 'Load test p99')?.status).toBe('waived')
  })

  it('nor held to its target, on any line of the struck text', () => {
    const text = defect(
      WAIVED,
      '- [ ] ~~Soak test: 2 h (target: > 12h)\n  Error budget: ____% (target: < 1%)~~ N/A: no traffic'
    )
    const evaluation = gate(text)
    expect(evaluation.findings).toEqual([])
    expect(evaluation.fields.map(f => f.status).filter(s => s === 'waived')).toHaveLength(2)
  })

  it('a blank on the waived line is not one to fill in', () => {
    const evaluation = gate(defect(WAIVED, '- [ ] ~~Owner: [Name] to sign the DPA~~ N/A: no PII'))
    expect(evaluation.findings).toEqual([])
  })

  it('a sub-item the waiver reaches is waived with its field', () => {
    const text = defect(WAIVED, `${WAIVED}\n  - [ ] Mobile p95: ____ ms (target: < 300ms)`)
    expect(gate(text).findings).toEqual([])
  })

  it('a field below the item that is not an item stays required', () => {
    const text = defect(WAIVED, `${WAIVED}\n  - Mobile p95: ____ ms (target: < 300ms)`)
    expectFails(gate(text), `field-unfilled@${lineOf(text, 'Mobile p95')}`)
  })

  it('a refused waiver waives nothing: the field is still asked for', () => {
    const text = defect(
      '- [x] Zero critical bugs identified',
      '- [ ] ~~Crash rate: ____% (target: < 0.1%)~~ N/A: no crash reporter'
    )
    const line = lineOf(text, 'Crash rate')
    expectFails(
      gate(text),
      `waiver-not-allowed@${line}`,
      `field-unfilled@${line}`,
      `threshold@${lineOf(text, '## Critical Requirements')}`
    )
  })
})

describe('scopes from configuration', () => {
  const text = defect('- [x] Streaming replication', '- [ ] Streaming replication')
  const line = lineOf(text, 'Streaming replication')

  it('an excluded section is not evaluated at all', () => {
    const evaluation = gate(text, { config: config('exclude-sections: ["Database"]\n') })
    expect(evaluation.findings).toEqual([])
    expect(evaluation.passed).toBe(true)
    expect(evaluation.sections.map(s => s.title)).not.toContain('Database')
    expect(evaluation.signoffs.map(s => s.role)).not.toContain('DBA')
  })

  it('an informational section reports but never fails the gate', () => {
    const evaluation = gate(text, { config: config('informational-sections: ["Database"]\n') })
    expect(evaluation.passed).toBe(true)
    expect(evaluation.findings).toContainEqual(
      expect.objectContaining({ line, severity: 'notice' })
    )
  })

  it('"A > B" names a sub-section', () => {
    const nested = defect('### Final Sign-Off', '### Final Sign-Off\n\n- [ ] Rollback triggered')
    const evaluation = gate(nested, {
      config: config('exclude-sections: ["Go/No-Go Decision > Final Sign-Off"]\n')
    })
    expect(evaluation.passed).toBe(true)
    expect(evaluation.signoffs.map(s => s.role)).not.toContain('Tech Lead')
  })
})

describe('authorisation', () => {
  it('a team whose membership cannot be read fails closed', () => {
    const evaluation = gate(COMPLETE, {
      config: config('', 'roles:\n  DBA: ["@acme/dba"]\n'),
      context: { teams: new Map([['acme/dba', 'unreadable']]) }
    })
    const line = lineOf(COMPLETE, 'DBA: @carol')
    expect(errorKeys(evaluation)).toContain(`signoff-not-authorized@${line}`)
    const finding = errors(evaluation).find(f => f.line === line)!
    expect(finding.message).toMatch(/cannot be read/)
    expect(evaluation.passed).toBe(false)
  })

  it('a member of a readable team may sign', () => {
    const evaluation = gate(COMPLETE, {
      config: config('', 'roles:\n  DBA: ["@acme/dba"]\n'),
      context: { teams: new Map([['acme/dba', new Set(['carol'])]]) }
    })
    expect(errorKeys(evaluation)).toEqual([])
  })

  it('a role with neither configured owners nor code owners: nobody may sign', () => {
    const evaluation = gate(COMPLETE, { context: { codeOwners: [] } })
    expectFails(
      evaluation,
      `signoff-not-authorized@${lineOf(COMPLETE, 'Security Team Lead:')}`,
      `signoff-not-authorized@${lineOf(COMPLETE, 'All Team Members:')}`,
      `signoff-not-authorized@${lineOf(COMPLETE, 'All Team Members:')}`
    )
  })
})

describe('stale approvals, under each freshness policy', () => {
  const earlier = (checklistUnchanged: boolean) => {
    const reviews = approvals('alice', 'bob', 'carol', 'dave', 'frank')
    reviews.set('carol', { login: 'carol', state: 'APPROVED', onHead: false, checklistUnchanged })
    return reviews
  }
  const dba = lineOf(COMPLETE, 'DBA: @carol')
  const run = (freshness: string, checklistUnchanged: boolean) =>
    errorKeys(
      gate(COMPLETE, {
        config: config(`  freshness: ${freshness}\n`),
        context: { reviews: earlier(checklistUnchanged) }
      })
    )

  it('head: an approval of an earlier commit is stale', () => {
    expect(run('head', true)).toEqual([`signoff-stale-approval@${dba}`])
  })

  it('checklist-unchanged: stale only when the checklist changed since', () => {
    expect(run('checklist-unchanged', true)).toEqual([])
    expect(run('checklist-unchanged', false)).toEqual([`signoff-stale-approval@${dba}`])
  })

  it('any: the latest approval counts whatever it reviewed', () => {
    expect(run('any', false)).toEqual([])
  })
})

describe('tamper check against the base version', () => {
  const tampered = (head: string) => gate(head, { base: COMPLETE })

  it('the same checklist is no tampering', () => {
    expect(tampered(COMPLETE).findings).toEqual([])
  })

  it('filling in blanks and waiving an item are not tampering', () => {
    const base = defect('RTO measured: 95 seconds', 'RTO measured: ______ seconds')
    const baseWithItem = defect(
      '- [x] Secrets rotated',
      '- [ ] Secrets rotated\n- [ ] Certificates valid until ______',
      base
    )
    const head = defect(
      '- [x] Secrets rotated',
      '- [x] Secrets rotated\n- [x] ~~Certificates valid until 2027-01-01~~ N/A: no TLS here'
    )
    const evaluation = gate(head, { base: baseWithItem })
    expect(evaluation.findings.filter(f => f.rule.startsWith('integrity'))).toEqual([])
  })

  it('a removed item: integrity-item-removed at its section heading', () => {
    const head = defect('- [x] Secrets rotated\n', '')
    expectFails(tampered(head), `integrity-item-removed@${lineOf(head, 'Important Requirements')}`)
  })

  it('a removed sign-off: integrity-signoff-removed', () => {
    const head = defect('- SRE: @alice Date: 2026-11-18\n', '')
    expectFails(tampered(head), `integrity-signoff-removed@${lineOf(head, '## Database')}`)
  })

  it('a row removed from an approval table: integrity-signoff-removed', () => {
    const withTable = (rows: string[]) =>
      defect(
        '---\n\n**Last Updated**',
        ['## Approvals', '', '| Role | Name | Approved |', '| --- | --- | --- |', ...rows, '']
          .concat('---\n\n**Last Updated**')
          .join('\n')
      )
    const base = withTable(['| QA | ____ | [ ] Yes |', '| DBA | ____ | [ ] Yes |'])
    const head = withTable(['| QA | @erin | [x] Yes |'])
    const integrity = gate(head, { base }).findings.filter(f => f.rule.startsWith('integrity'))
    expect(integrity.map(f => `${f.rule}@${f.line}`)).toEqual([
      `integrity-signoff-removed@${lineOf(head, '## Approvals')}`
    ])
  })

  it('a lowered threshold: integrity-threshold-lowered at the heading', () => {
    const head = defect('(90% required)', '(80% required)')
    expectFails(tampered(head), `integrity-threshold-lowered@${lineOf(head, '(80% required)')}`)
  })

  it('a threshold removed from the heading is lowered to nothing', () => {
    const head = defect(' (Must Pass 100%)', '')
    expectFails(tampered(head), `integrity-threshold-lowered@${lineOf(head, '## Critical')}`)
  })

  it('a loosened target: integrity-target-loosened on the field', () => {
    const head = defect('(target: < 120s)', '(target: < 10 min)')
    expectFails(tampered(head), `integrity-target-loosened@${lineOf(head, 'RTO measured')}`)
  })

  it('a loosened table target, too', () => {
    const head = defect('| 300ms | <250ms |', '| 300ms | <400ms |')
    expectFails(tampered(head), `integrity-target-loosened@${lineOf(head, 'API Latency P95')}`)
  })

  it('a new measurement of a field is not a removed item', () => {
    const head = defect('RTO measured: 95 seconds', 'RTO measured: 97 seconds')
    expect(tampered(head).findings).toEqual([])
  })

  it('a tightened target is allowed', () => {
    const head = defect('(target: < 120s)', '(target: < 100s)')
    expect(tampered(head).findings).toEqual([])
  })
})

describe('tamper check: the threshold that governs each section may not drop', () => {
  const BASE = `# Release 3.0

## Critical Requirements (Must Pass 100%)

### Database

- [x] Backups verified
- [x] Replica promoted

## Pre-flight

- [x] Freeze announced
- [x] Runbook linked

## Nice to have (Must Pass 50%)

- [x] Dashboards polished
- [ ] Docs proofread
`
  const lowered = (head: string, options: { config?: ReturnType<typeof config> } = {}) =>
    gate(head, { base: BASE, ...options })
      .findings.filter(f => f.rule.startsWith('integrity'))
      .map(f => `${f.rule}@${f.line}`)

  it('a lower threshold added to a sub-section of a 100% section is lowered', () => {
    const head = defect('### Database', '### Database (Must Pass 0%)', BASE)
    expect(lowered(head)).toEqual([`integrity-threshold-lowered@${lineOf(head, '### Database')}`])
  })

  it('a threshold added to a section that had none (all items must be done) is lowered', () => {
    const head = defect('## Pre-flight', '## Pre-flight (Must Pass 0%)', BASE)
    expect(lowered(head)).toEqual([`integrity-threshold-lowered@${lineOf(head, 'Pre-flight')}`])
  })

  it('a 99% sub-section under a 100% section is lowered, so it cannot let waivers in', () => {
    const head = defect(
      '### Database\n\n- [x] Backups verified',
      '### Database (Must Pass 99%)\n\n- [x] ~~Backups verified~~ N/A: no backups',
      BASE
    )
    expect(lowered(head)).toEqual([`integrity-threshold-lowered@${lineOf(head, '### Database')}`])
  })

  it('a new sub-section is compared with its nearest section at base', () => {
    const head = defect(
      '## Pre-flight',
      '### Extras (Must Pass 50%)\n\n- [ ] Cache warmed\n\n## Pre-flight',
      BASE
    )
    expect(lowered(head)).toEqual([`integrity-threshold-lowered@${lineOf(head, '### Extras')}`])
    const kept = defect(
      '## Pre-flight',
      '### Extras (Must Pass 100%)\n\n- [x] Cache warmed\n\n## Pre-flight',
      BASE
    )
    expect(lowered(kept)).toEqual([])
  })

  it('raising, restating or dropping a below-100% threshold (all must be done) is allowed', () => {
    let head = defect('### Database', '### Database (Must Pass 100%)', BASE)
    head = defect('## Pre-flight', '## Pre-flight (Must Pass 100%)', head)
    head = defect(' (Must Pass 50%)', '', head)
    head = defect('- [ ] Docs proofread', '- [x] Docs proofread', head)
    expect(lowered(head)).toEqual([])
  })

  it('configuration overrides the heading at head as at base', () => {
    const head = defect('## Pre-flight', '## Pre-flight (Must Pass 0%)', BASE)
    expect(lowered(head, { config: config('thresholds:\n  Pre-flight: 80\n') })).toEqual([])
    const lower = config('thresholds:\n  Pre-flight: 80\n  Critical Requirements > Database: 90\n')
    expect(lowered(BASE, { config: lower })).toEqual([])
  })
})

describe('tamper check: repeated headings cannot hide a lowered threshold', () => {
  const BASE = `# Release 3.0

## Checks (Must Pass 100%)

- [x] Backups verified

## Checks (Must Pass 50%)

- [x] Dashboards polished
`
  const lowered = (head: string) =>
    gate(head, { base: BASE })
      .findings.filter(f => f.rule.startsWith('integrity'))
      .map(f => `${f.rule}@${f.line}`)

  it('the unchanged checklist is no tampering', () => {
    expect(lowered(BASE)).toEqual([])
  })

  it('every repeated heading at head is checked, not only the last', () => {
    const base = '# Release\n\n## Checks (Must Pass 100%)\n\n- [x] Backups verified\n'
    const head = defect(
      '## Checks (Must Pass 100%)',
      '## Checks (Must Pass 0%)\n\n- [ ] Later\n\n## Checks (Must Pass 100%)',
      base
    )
    const findings = gate(head, { base }).findings.filter(f => f.rule.startsWith('integrity'))
    expect(findings.map(f => `${f.rule}@${f.line}`)).toEqual([
      `integrity-threshold-lowered@${lineOf(head, '(Must Pass 0%)')}`
    ])
  })

  it('a repeated heading is compared with its namesake in the same place', () => {
    const head = defect('## Checks (Must Pass 100%)', '## Checks (Must Pass 50%)', BASE)
    expect(lowered(head)).toEqual([`integrity-threshold-lowered@3`])
  })

  it('items moved between repeated headings meet the strictest threshold of that heading', () => {
    const head = BASE.replace('Backups verified', 'SWAP')
      .replace('Dashboards polished', 'Backups verified')
      .replace('SWAP', 'Dashboards polished')
    expect(lowered(head)).toEqual([
      `integrity-threshold-lowered@${lineOf(head, '(Must Pass 50%)')}`
    ])
  })
})

describe('tamper check: a repeated field label cannot hide a loosened target', () => {
  const RTO = '- [x] RTO measured: 95 seconds (target: < 120s)'
  const integrity = (head: string) =>
    gate(head, { base: COMPLETE })
      .findings.filter(f => f.rule.startsWith('integrity'))
      .map(f => `${f.rule}@${f.line}`)

  it('a looser target before the original one is loosened', () => {
    const head = defect(RTO, `- [x] RTO measured: 900 seconds (target: < 1000s)\n  ${RTO}`)
    expect(integrity(head)).toEqual([`integrity-target-loosened@${lineOf(head, '< 1000s')}`])
  })

  it('a looser target after the original one is loosened', () => {
    const head = defect(RTO, `${RTO}\n  - [x] RTO measured: 900 seconds (target: < 1000s)`)
    expect(integrity(head)).toEqual([`integrity-target-loosened@${lineOf(head, '< 1000s')}`])
  })

  it('repeating a field with the same or a tighter target is allowed', () => {
    const head = defect(RTO, `${RTO}\n  - [x] RTO measured: 90 seconds (target: < 100s)`)
    expect(integrity(head)).toEqual([])
  })

  it('a field whose target is gone is removed', () => {
    const head = defect(RTO, '- [x] RTO checked')
    expect(integrity(head)).toContain(`integrity-target-loosened@${lineOf(head, '## Database')}`)
  })
})

describe('a bare target in a metric table needs a baseline to direct it', () => {
  const RTO = '| RTO | 30 min | 5 min | 4 min |'

  it('with no baseline, a bare target is target-unparsed, saying to write ≤/≥ or a baseline', () => {
    const text = defect(RTO, '| RTO |  | 5 min | 4 min |')
    const evaluation = gate(text)
    const line = lineOf(text, '| RTO |')
    // Its ☒ Met cannot be confirmed either.
    expectFails(evaluation, `target-unparsed@${line}`, `status-contradicts-value@${line}`)
    expect(errors(evaluation).find(f => f.rule === 'target-unparsed')!.message).toMatch(
      /"≤5 min" or "≥5 min", or fill in the Baseline/
    )
  })

  it('with an operator, no baseline is needed', () => {
    expect(errorKeys(gate(defect(RTO, '| RTO |  | ≤5 min | 4 min |')))).toEqual([])
  })

  it('a loosened table target names the operator on both sides', () => {
    const head = defect(RTO, '| RTO | 30 min | 6 min | 4 min |')
    const finding = errors(gate(head, { base: COMPLETE }))[0]!
    expect(finding.rule).toBe('integrity-target-loosened')
    expect(finding.message).toMatch(/was <= 5 min \("5 min"\) .* now <= 6 min \("6 min"\)/)
  })

  it('the template writes an operator wherever its baseline is a blank', () => {
    const template = readFileSync('checklists/templates/deployment-readiness.md', 'utf8')
    const bare = parse(template).fields.filter(
      f => f.source === 'table' && f.baseline === undefined && isBareTarget(f.targetText ?? '')
    )
    expect(bare.map(f => `${f.line}: ${f.label} ${f.targetText}`)).toEqual([])
  })

  it('the example, checked against the template, passes with no tamper finding', () => {
    const example = readFileSync('checklists/examples/release-2026.11.md', 'utf8')
    const template = readFileSync('checklists/templates/deployment-readiness.md', 'utf8')
    const settings = config('', readFileSync('checklists/examples/readiness-gate.yml', 'utf8'))
    const evaluation = gate(example, {
      base: template,
      config: settings,
      context: { reviews: approvals('alice', 'bob', 'carol', 'dave', 'erin', 'frank') }
    })
    expect(evaluation.findings.filter(f => f.rule.startsWith('integrity'))).toEqual([])
    expect(evaluation.findings.filter(f => f.rule === 'target-unparsed')).toEqual([])
  })
})

describe('sign-off dates near today, whose date depends on the time zone', () => {
  it('tomorrow in UTC is today in a zone ahead of UTC (up to UTC+14): accepted', () => {
    const text = defect('DBA: @carol Date: 2026-11-18', 'DBA: @carol Date: 2026-11-21')
    expect(errorKeys(gate(text))).toEqual([])
  })

  it('two days ahead is in the future everywhere, and the message says why', () => {
    const text = defect('DBA: @carol Date: 2026-11-18', 'DBA: @carol Date: 2026-11-22')
    const [finding] = errors(gate(text))
    expect(finding).toMatchObject({ rule: 'signoff-date-future', line: lineOf(text, 'DBA:') })
    expect(finding!.message).toMatch(/2026-11-20 in UTC; 2026-11-21 at the latest, in UTC\+14/)
  })
})

describe('tamper check: a sign-off keeps its Date part', () => {
  it('removing the Date part of a sign-off line is integrity-signoff-removed', () => {
    const head = defect('DBA: @carol Date: 2026-11-18', 'DBA: @carol')
    const evaluation = gate(head, { base: COMPLETE })
    expectFails(evaluation, `integrity-signoff-removed@${lineOf(head, 'DBA: @carol')}`)
    expect(errors(evaluation)[0]!.message).toMatch(/the Date part was removed/)
  })

  it('a line that had no Date part at base needs none at head', () => {
    const base = defect('DBA: @carol Date: 2026-11-18', 'DBA: @carol')
    expect(gate(base, { base }).findings).toEqual([])
  })
})

describe('metric tables: a blank Baseline cell', () => {
  it('is a blank to fill in', () => {
    const text = defect('| RTO | 30 min | 5 min |', '| RTO | ______ min | ≤5 min |')
    expectFails(gate(text), `blank@${lineOf(text, '| RTO |')}`)
  })
})

describe('waivers: only the item itself struck through', () => {
  it('an item whose own text is not struck is open, whatever else is struck', () => {
    const text = defect(
      '- [x] ~~Mobile access configured~~ N/A: no mobile clients',
      '- [ ] Mobile access configured N/A: skip ~~x~~'
    )
    const evaluation = gate(text)
    expect(evaluation.findings.map(f => `${f.rule}@${f.line}`)).toEqual([
      `item-open@${lineOf(text, 'Mobile access')}`
    ])
    expect(evaluation.items.waived).toBe(0)
  })
})

describe('tamper check: a choice stays a choice', () => {
  const base = defect('**Go/No-Go:** ☒ GO ☐ NO-GO', '**Go/No-Go:** ☐ GO ☒ NO-GO', COMPLETE)
  const baseWithFail = defect(
    '| Zero critical bugs | ☒ Pass ☐ Fail |',
    '| Zero critical bugs | ☐ Pass ☒ Fail |',
    base
  )
  const integrity = (head: string, from = baseWithFail) =>
    gate(head, { base: from })
      .findings.filter(f => f.rule.startsWith('integrity'))
      .map(f => `${f.rule}@${f.line}`)

  it('marking another option is no tampering', () => {
    expect(integrity(COMPLETE)).toEqual([])
  })

  it('a deleted Go/No-Go line and a deleted table row are integrity-choice-removed', () => {
    const head = defect(
      '**Go/No-Go:** ☐ GO ☒ NO-GO\n',
      '',
      defect('| Zero critical bugs | ☐ Pass ☒ Fail | |\n', '', baseWithFail)
    )
    const heading = `integrity-choice-removed@${lineOf(head, '## Go/No-Go Decision')}`
    expect(integrity(head)).toEqual([heading, heading])
  })

  it('a choice rewritten so that it is no longer one is integrity-choice-removed', () => {
    const head = defect(
      '**Go/No-Go:** ☐ GO ☒ NO-GO',
      '**Go/No-Go:** ☒ NO-GO',
      defect(
        '| Zero critical bugs | ☐ Pass ☒ Fail |',
        '| Zero critical bugs | Fail |',
        baseWithFail
      )
    )
    const evaluation = gate(head, { base: baseWithFail })
    expect(evaluation.passed).toBe(false)
    // Neither line is a choice any more: both findings point at the section's heading.
    const heading = `integrity-choice-removed@${lineOf(head, '## Go/No-Go Decision')}`
    expect(integrity(head)).toEqual([heading, heading])
  })

  it('dropping an option is integrity-choice-removed', () => {
    const head = defect('**Go/No-Go:** ☒ GO ☐ NO-GO', '**Go/No-Go:** ☒ GO ☐ LATER')
    expect(integrity(head, COMPLETE)).toEqual([
      `integrity-choice-removed@${lineOf(head, '**Go/No-Go:**')}`
    ])
  })

  it('a metric table whose Status column is removed loses its Status choices', () => {
    const head = COMPLETE.replace('| Actual | Status |', '| Actual |')
      .replace(
        '|--------|----------|--------|--------|--------|',
        '|--------|----------|--------|--------|'
      )
      .replace(/ ☒ Met ☐ Not Met \|\n/g, '\n')
    expect(parse(head).fields.filter(f => f.status)).toEqual([])
    expect(integrity(head, COMPLETE)).toEqual([
      `integrity-choice-removed@${lineOf(head, '| System Uptime')}`,
      `integrity-choice-removed@${lineOf(head, '| RTO |')}`,
      `integrity-choice-removed@${lineOf(head, '| API Latency')}`
    ])
  })

  it('a choice in an excluded section may go', () => {
    const head = defect('**Go/No-Go:** ☐ GO ☒ NO-GO\n', '', baseWithFail)
    const settings = config('exclude-sections: ["Go/No-Go Decision"]\n')
    const findings = gate(head, { base: baseWithFail, config: settings }).findings
    expect(findings.filter(f => f.rule.startsWith('integrity'))).toEqual([])
  })
})

describe('tamper check: an open item cannot become a sign-off line', () => {
  const base = defect('- [x] Zero critical bugs identified', '- [ ] Zero critical bugs identified')
  const disguised = '- [ ] **Zero critical bugs identified** N/A: @alice Date: 2026-11-19'
  const integrity = (head: string) =>
    gate(head, { base })
      .findings.filter(f => f.rule.startsWith('integrity'))
      .map(f => `${f.rule}@${f.line}`)

  it('under a Sign-off: label, the item is removed', () => {
    const head = defect(
      '- [ ] Zero critical bugs identified',
      `Sign-off:\n\n${disguised}`,
      defect(
        '## Critical Requirements (Must Pass 100%)\n\n- [x] All staging tests passed\n',
        '## Critical Requirements (Must Pass 100%)\n\n- [x] All staging tests passed\n\n',
        base
      )
    )
    expect(parse(head).signoffs.some(s => s.line === lineOf(head, 'N/A: @alice'))).toBe(true)
    const evaluation = gate(head, { base })
    expect(evaluation.passed).toBe(false)
    expect(integrity(head)).toContain(
      `integrity-item-removed@${lineOf(head, '## Critical Requirements')}`
    )
  })

  it('under a heading renamed to contain "(sign-off)", the item is removed', () => {
    // The threshold comes from configuration, so the renamed heading keeps it, and its key.
    const settings = config('thresholds:\n  Critical Requirements: 100\n')
    const configured = defect(
      '## Critical Requirements (Must Pass 100%)',
      '## Critical Requirements',
      base
    )
    const head = defect(
      '## Critical Requirements',
      '## Critical Requirements (sign-off)',
      defect('- [ ] Zero critical bugs identified', disguised, configured)
    )
    expect(parse(head).signoffs.some(s => s.line === lineOf(head, 'N/A: @alice'))).toBe(true)
    const evaluation = gate(head, { base: configured, config: settings })
    expect(evaluation.passed).toBe(false)
    expect(
      evaluation.findings
        .filter(f => f.rule.startsWith('integrity'))
        .map(f => `${f.rule}@${f.line}`)
    ).toEqual([`integrity-item-removed@${lineOf(head, '## Critical Requirements')}`])
  })

  it('text after N/A: is part of the item unless the item is waived', () => {
    const head = defect(
      '- [ ] Zero critical bugs identified',
      '- [ ] Zero critical bugs identified N/A: later',
      base
    )
    expect(integrity(head)).toEqual([
      `integrity-item-removed@${lineOf(head, '## Critical Requirements')}`
    ])
  })

  it('a task sign-off line at base may stay a sign-off line', () => {
    const head = defect(
      '- [x] Security Team Lead: @dave',
      '- [ ] Security Team Lead: @dave',
      COMPLETE
    )
    expect(
      gate(head, { base: COMPLETE }).findings.filter(f => f.rule.startsWith('integrity'))
    ).toEqual([])
  })
})

describe('a negative measurement meets no target', () => {
  it('-300ms against <250ms is not a number with a known unit', () => {
    const text = defect('| 300ms | <250ms | 180ms |', '| 300ms | <250ms | -300ms |')
    const evaluation = gate(text)
    const row = lineOf(text, '| API Latency P95')
    // Its "☒ Met" cell then claims what cannot be shown.
    expectFails(evaluation, `target-unit-mismatch@${row}`, `status-contradicts-value@${row}`)
    const mismatch = errors(evaluation).find(f => f.rule === 'target-unit-mismatch')
    expect(mismatch!.message).toMatch(/not a number with a known unit/)
  })

  it('an inline field, too', () => {
    const text = defect('RTO measured: 95 seconds', 'RTO measured: -95 seconds')
    expectFails(gate(text), `target-unit-mismatch@${lineOf(text, 'RTO measured')}`)
  })
})

describe('what the reader is told (issue 9)', () => {
  it("the author's own sign-off: one error that the author cannot sign, nothing about approving", () => {
    const text = defect('Security Team Lead: @dave', 'Security Team Lead: @octo-dev')
    const evaluation = gate(text, { context: { reviews: approvals('alice', 'bob', 'carol') } })
    const line = lineOf(text, 'Security Team Lead:')
    expect(evaluation.findings.filter(finding => finding.line === line)).toEqual([
      expect.objectContaining({ rule: 'signoff-by-author', severity: 'error' })
    ])
  })

  it('a section with an error is not passed, though all its items are ticked', () => {
    const text = defect('RTO measured: 95 seconds', 'RTO measured: 125 seconds')
    const evaluation = gate(text)
    const database = evaluation.sections.find(section => section.title === 'Database')!
    expect(database.done).toBe(database.total)
    expect(database.passed).toBe(false)
    expect(evaluation.sections.find(section => section.title === 'Success Metrics')!.passed).toBe(
      true
    )
  })

  it('says who may sign each role: its owners from the configuration, or the code owners', () => {
    const evaluation = gate(COMPLETE, {
      context: { teams: new Map([['acme/sec', new Set(['dave'])]]) },
      config: config('', CONFIG_YAML_WITH_TEAM)
    })
    const dba = evaluation.signoffs.find(signoff => signoff.role === 'DBA')!
    expect(dba.eligible).toEqual({ source: 'roles', users: ['carol'], teams: [] })
    const security = evaluation.signoffs.find(signoff => signoff.role === 'Security Team Lead')!
    expect(security.eligible).toEqual({
      source: 'roles',
      users: [],
      teams: [{ team: 'acme/sec', members: ['dave'] }]
    })
    const other = gate(COMPLETE).signoffs.find(signoff => signoff.role === 'Security Team Lead')!
    expect(other.eligible?.source).toBe('codeowners')
    expect(other.eligible?.users).toContain('dave')
  })
})

const CONFIG_YAML_WITH_TEAM = `roles:
  DBA: ["@carol"]
  SRE: ["@alice"]
  Tech Lead: ["@bob"]
  Product Owner: ["@frank"]
  Security Team Lead: ["@acme/sec"]
`
