/**
 * The two checklists our users work with today (../shared/seeds, absent for users of the
 * project): every construct found, on its line, and the gate fails them where a person would.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cmarkTasks, hasCmarkGfm, sharedFiles } from './helpers/cmark.js'
import { gateTasks } from './helpers/differential.js'
import { evaluateFile } from './helpers/offline.js'
import type { Evaluation } from '../src/rules/types.js'

const seeds = sharedFiles(new URL('../../shared/seeds/', import.meta.url), () => true)
const seed000 = seeds.find(file => /\/000_[^/]*$/.test(file))
const seed003 = seeds.find(file => /\/003_[^/]*$/.test(file))

const load = evaluateFile

/** Lines of the source that contain `needle`. */
function linesWith(text: string, needle: string | RegExp): number[] {
  return text
    .split('\n')
    .flatMap((line, i) =>
      (typeof needle === 'string' ? line.includes(needle) : needle.test(line)) ? [i + 1] : []
    )
}

const has = (evaluation: Evaluation, rule: string, line: number) =>
  evaluation.findings.some(
    finding => finding.rule === rule && finding.line === line && finding.severity === 'error'
  )

describe.skipIf(seeds.length === 0)('seed checklists', () => {
  it.skipIf(!hasCmarkGfm()).each(seeds)(
    '%s: task items as cmark-gfm shows them, each on its line and in its state',
    file => {
      const bytes = readFileSync(file)
      expect(gateTasks(bytes, file)).toEqual(cmarkTasks(bytes))
    }
  )

  it.each(seeds)('%s: read and evaluated, every finding on a real line', file => {
    const { evaluation, text } = load(file)
    expect(evaluation.passed).toBe(false)
    const last = text.split('\n').length
    for (const finding of evaluation.findings) {
      expect(finding.line).toBeGreaterThanOrEqual(1)
      expect(finding.line).toBeLessThanOrEqual(last)
    }
  })
})

describe.skipIf(!seed000)('seed 000: trading system deployment readiness', () => {
  const { checklist, evaluation, text } = seed000 ? load(seed000) : ({} as ReturnType<typeof load>)

  it('finds all 37 sign-off lines, the 4 bold labels under Final Sign-Off among them', () => {
    const listLines = linesWith(text, /^- [A-Za-z -]+: _+( Date: _+)?$/).filter(
      line => !linesWith(text, '**Attendees:**').some(a => line > a && line <= a + 6)
    )
    const boldLines = linesWith(text, /^\*\*[A-Za-z ]+:\*\* _+ Date: _+$/)
    expect(boldLines).toEqual([714, 716, 718, 720])
    expect(checklist.signoffs.map(s => s.line)).toEqual(
      [...listLines, ...boldLines].sort((a, b) => a - b)
    )
    expect(checklist.signoffs).toHaveLength(37)
    expect(checklist.signoffs.filter(s => s.form === 'bold').map(s => s.role)).toEqual([
      'Tech Lead',
      'SRE Lead',
      'Product Owner',
      'Security Engineer'
    ])
    expect(checklist.signoffs.find(s => s.line === 239)!.role).toBe('All Team Members')
  })

  it('does not take certification scores or meeting attendees for sign-offs', () => {
    const lines = new Set(checklist.signoffs.map(s => s.line))
    for (const line of [524, 525, 526, 527, 528, 668, 669, 670, 671, 672]) {
      expect(lines.has(line)).toBe(false)
    }
  })

  it('reads both threshold headings', () => {
    expect(
      checklist.sections.filter(s => s.threshold !== undefined).map(s => [s.line, s.threshold])
    ).toEqual([
      [26, 100],
      [35, 90]
    ])
  })

  it('finds every field with a target, inline and in the metric table', () => {
    const withTarget = checklist.fields.filter(f => f.targetText !== undefined && f.target)
    expect(withTarget.map(f => f.line)).toEqual([
      ...linesWith(text, '(target:'),
      ...linesWith(text, / \| ☐ Met ☐ Not Met \|$/)
    ])
    expect(withTarget).toHaveLength(19)
  })

  it('finds all 17 choices', () => {
    expect(checklist.choices.map(c => c.line)).toEqual([
      ...linesWith(text, '| ☐ Pass ☐ Fail |'),
      702
    ])
    expect(checklist.choices.at(-1)!.options.map(o => o.label)).toEqual(['GO', 'NO-GO'])
  })

  it.each([
    ['threshold', 26],
    ['threshold', 35],
    ['item-open', 61],
    ['field-unfilled', 77],
    ['field-unfilled', 368],
    ['field-unfilled', 756],
    ['signoff-missing', 86],
    ['signoff-missing', 239],
    ['signoff-missing', 714],
    ['blank', 524],
    ['blank', 579],
    ['choice-unmarked', 678],
    ['choice-unmarked', 702]
  ])('fails with %s on line %i', (rule, line) => {
    expect(has(evaluation, rule, line)).toBe(true)
  })

  it('open items under a threshold are warnings; the section is the error', () => {
    const onLine28 = evaluation.findings.filter(f => f.line === 28)
    expect(onLine28).toEqual([expect.objectContaining({ rule: 'item-open', severity: 'warning' })])
  })
})

describe.skipIf(!seed003)('seed 003: production deployment checklist', () => {
  const { checklist, evaluation } = seed003 ? load(seed003) : ({} as ReturnType<typeof load>)

  it('finds the 5 task-item sign-offs under ## Sign-offs', () => {
    expect(checklist.signoffs.map(s => [s.line, s.form])).toEqual(
      [174, 175, 176, 177, 178].map(line => [line, 'task'])
    )
    expect(checklist.signoffs.map(s => s.role)).toEqual([
      'Development Team Lead',
      'Operations Team Lead',
      'Security Team Lead',
      'Risk Management',
      'Business Owner'
    ])
  })

  it('numbered rollback steps are task items', () => {
    expect(checklist.items.filter(i => i.line >= 153 && i.line <= 160)).toHaveLength(8)
  })

  it.each([
    ['signoff-missing', 174],
    ['signoff-missing', 178],
    ['blank', 166],
    ['item-open', 6],
    ['item-open', 153]
  ])('fails with %s on line %i', (rule, line) => {
    expect(has(evaluation, rule, line)).toBe(true)
  })

  it('sign-off task items are left to the sign-off rules, not counted as open items', () => {
    expect(evaluation.findings.filter(f => f.line === 174).map(f => f.rule)).toEqual([
      'signoff-missing'
    ])
  })
})
