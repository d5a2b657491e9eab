/**
 * Hostile or huge input: a pull request controls the checklist under review, so no line of it
 * may make the gate slow. Each case parses and evaluates in well under a second on a quiet
 * machine (each prints its time); the bound asserted only catches a hang or a blow-up.
 */
import { describe, expect, it } from 'vitest'
import type { Checklist } from '../src/checklist/model.js'
import { ChecklistError, parseChecklist } from '../src/checklist/parse.js'
import { evaluate } from '../src/rules/index.js'
import { CONFIG, context } from './helpers/checklist.js'
import { HANG_GUARD_MS } from './helpers/guard.js'

const MB = 1 << 20

function timed(text: string, base?: string) {
  const start = performance.now()
  const checklist = parseChecklist(text, 'huge.md')
  const evaluation = evaluate(
    checklist,
    CONFIG,
    context(),
    base === undefined ? undefined : parseChecklist(base, 'huge.md')
  )
  return { checklist, evaluation, ms: performance.now() - start }
}

const row = (i: number) => `| m${i} | 30 min | < 5 min | 4 min | ☒ Met ☐ Not Met |`
/** Lines that were once quadratic in our own recognisers: 256 KB would take minutes again. */
const KB256 = MB / 4
const cases: [name: string, text: () => string, base?: string][] = [
  ['a 1 MB line of underscores', () => `- [ ] Owner ${'_'.repeat(MB)}`],
  ['a 1 MB line of asterisks', () => `x ${'*'.repeat(MB)}`],
  ['a 1 MB line of [', () => '['.repeat(MB)],
  ['a 1 MB line of ~', () => `- [ ] ~~x ${'~'.repeat(MB)} N/A: y`],
  ['a 1 MB line of backticks', () => `- [ ] ${'`'.repeat(MB)}`],
  ['a 1 MB line of _', () => `- [ ] ${'_a '.repeat(MB / 3)}`],
  ['a line of [ in a sign-off', () => `## Sign-off\n\n- R: ___ ${'['.repeat(KB256)}`],
  ['spaces in a sign-off line', () => `## Sign-off\n\n- R: a${' '.repeat(KB256)}x`],
  ['a field line of unclosed targets', () => `- A: 1 ${'(target '.repeat(KB256 / 8)}`],
  ['a field line of ( and spaces', () => `- A: 1 ${'(  '.repeat(KB256 / 3)}target`],
  ['spaces inside a choice', () => `a${' '.repeat(KB256)}b ☐ Pass${' '.repeat(KB256)}x ☐ Fail`],
  [
    'a head item crafted against a base item with several blanks',
    () => `- [ ] a ${'b c '.repeat(KB256 / 4)}`,
    '- [ ] a ___ b ___ c ___ d'
  ],
  [
    'lists nested 1,000 deep',
    () => Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- [ ] item ${i}`).join('\n')
  ],
  ['block quotes nested 1,000 deep', () => `${'>'.repeat(1000)} - [ ] x`],
  ['block quotes nested 10,000 deep', () => `${'>'.repeat(10_000)} x ___`],
  [
    'a metric table of 10,000 rows',
    () =>
      [
        '| Metric | Baseline | Target | Actual | Status |',
        '|---|---|---|---|---|',
        ...Array.from({ length: 10_000 }, (_, i) => row(i))
      ].join('\n')
  ],
  [
    'a choice table of 10,000 rows',
    () =>
      [
        '| Requirement | Status |',
        '|---|---|',
        ...Array.from({ length: 10_000 }, (_, i) => `| r${i} | ☒ Pass ☐ Fail |`)
      ].join('\n')
  ]
]

describe('robustness: each hostile input parses and evaluates quickly', () => {
  for (const [name, text, base] of cases) {
    it(name, () => {
      const input = text()
      const { evaluation, ms } = timed(input, base)
      console.log(`${name}: ${ms.toFixed(0)} ms`)
      expect(ms).toBeLessThan(HANG_GUARD_MS)
      for (const finding of evaluation.findings) expect(finding.line).toBeGreaterThanOrEqual(1)
    })
  }

  it('keeps every item of lists nested 1,000 deep, each the child of the one above', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- [x] item ${i}`).join(
      '\n'
    )
    const { checklist, evaluation } = timed(text)
    expect(checklist.items).toHaveLength(1000)
    expect(checklist.items[999]).toMatchObject({ parent: 998, line: 1000, text: 'item 999' })
    expect(evaluation.passed).toBe(true)
  })

  it('reads block quotes nested 10,000 deep as GitHub does: a list item, not a task', () => {
    // cmark-gfm's tasklist extension opens no task inside a block quote (`> - [ ] x`), at any
    // depth: github.com shows a bullet with the text `[ ] x`.
    const { checklist, ms } = timed(`${'>'.repeat(10_000)} - [ ] x`)
    expect(checklist.items).toHaveLength(0)
    expect(ms).toBeLessThan(HANG_GUARD_MS)
    const nested = timed(`${'>'.repeat(10_000)} ___ x\n\n- [ ] y`)
    expect(nested.checklist.blanks).toHaveLength(1)
    expect(nested.checklist.items).toHaveLength(1)
  })

  it('reads every row of a 10,000-row metric table', () => {
    const text = [
      '| Metric | Baseline | Target | Actual | Status |',
      '|---|---|---|---|---|',
      ...Array.from({ length: 10_000 }, (_, i) => row(i))
    ].join('\n')
    const { checklist, evaluation } = timed(text)
    expect(checklist.fields).toHaveLength(10_000)
    expect(checklist.fields[9_999]!.line).toBe(10_002)
    expect(evaluation.passed).toBe(true)
  })
})

/** The model of a hostile checklist, or the ChecklistError that refuses it; anything else throws. */
function modelOrRefusal(text: string): Checklist | ChecklistError {
  try {
    return parseChecklist(text, 'hostile.md')
  } catch (error) {
    if (error instanceof ChecklistError) return error
    throw error
  }
}

const deepList = (marker: string, width: number) =>
  Array.from({ length: 1000 }, (_, i) => `${' '.repeat(width * i)}${marker} [ ] item ${i}`).join(
    '\n'
  )

/** The hostile inputs of issue 7, whichever parser reads them. */
const hostile: [name: string, text: () => string][] = [
  ['a 1 MB run of backticks', () => '`'.repeat(MB)],
  ['a 1 MB run of backticks in a task item', () => `- [ ] a ${'`'.repeat(MB)}`],
  ['1 MB of code spans opened and never closed', () => `- [ ] ${'`a '.repeat(MB / 3)}`],
  ['a 1 MB run of underscores on its own', () => '_'.repeat(MB)],
  ['a 1 MB run of asterisks in a task item', () => `- [ ] ${'*'.repeat(MB)}`],
  ['a 1 MB run of [ in a task item', () => `- [ ] ${'['.repeat(MB)}`],
  ['a 1 MB run of ~ on its own', () => '~'.repeat(MB)],
  ['1 MB of _ * [ ~ and backticks mixed', () => `- [ ] ${'_*[~`'.repeat(MB / 5)}`],
  ['1 MB of _ * [ ~ separated by letters', () => `- [ ] ${'_a*b[c~d'.repeat(MB / 8)}`],
  ['a bullet list 1,000 deep', () => deepList('-', 2)],
  ['an ordered list 1,000 deep', () => deepList('1.', 3)],
  ['block quotes nested 10,000 deep', () => `${'>'.repeat(10_000)} - [ ] x`],
  ['block quotes nested 10,000 deep, with spaces', () => `${'> '.repeat(10_000)}- [ ] x`],
  [
    'a table of 10,000 rows of task-like cells',
    () =>
      [
        '- [ ] Latency | p99',
        '--|--',
        ...Array.from({ length: 10_000 }, (_, i) => `- [x] row ${i} | ${i} ms`)
      ].join('\n')
  ]
]

describe('robustness: each hostile input gives a model or a clear refusal, never a crash', () => {
  for (const [name, text] of hostile) {
    it(name, () => {
      const input = text()
      const start = performance.now()
      const result = modelOrRefusal(input)
      if (result instanceof ChecklistError) {
        expect(result.message).toMatch(/^hostile\.md: \S.*\.$/)
      } else {
        const lines = input.split('\n').length
        const evaluation = evaluate(result, CONFIG, context())
        for (const item of result.items) expect(item.line).toBeLessThanOrEqual(lines)
        for (const finding of evaluation.findings) {
          expect(finding.line).toBeGreaterThanOrEqual(1)
          expect(finding.line).toBeLessThanOrEqual(lines)
        }
      }
      // Only a guard against a hang, generous for a loaded runner: the figures are in `npm run bench`.
      expect(performance.now() - start).toBeLessThan(HANG_GUARD_MS)
    })
  }
})
