import { describe, expect, it } from 'vitest'
import { findBlanks, isUnfilled, parseChoice, parseFieldLine } from '../src/checklist/grammar.js'

/** Options of a choice as `+label` (marked) and `-label` (open). */
function options(text: string): string[] | undefined {
  return parseChoice(text)?.options.map(option => `${option.marked ? '+' : '-'}${option.label}`)
}

describe('ballot boxes written as GitHub writes its emoji', () => {
  it('☑️ (:ballot_box_with_check:, ☑ with U+FE0F) is a marked box, not part of the label', () => {
    expect(options('☑\uFE0F GO ☐ NO-GO')).toEqual(['+GO', '-NO-GO'])
    expect(options('☐ Pass ☑\uFE0F Fail')).toEqual(['-Pass', '+Fail'])
  })

  it('reads every marked glyph with or without a variation selector', () => {
    for (const mark of ['☒', '☑', '✅', '✔', '✓']) {
      for (const selector of ['', '\uFE0F', '\uFE0E']) {
        expect(options(`${mark}${selector} Pass ☐ Fail`), `${mark}${selector}`).toEqual([
          '+Pass',
          '-Fail'
        ])
      }
    }
  })

  it('an open box with a selector stays open', () => {
    expect(options('☐\uFE0F Pass ☒ Fail')).toEqual(['-Pass', '+Fail'])
  })

  it('ticks with selectors but no ballot box are still no choice', () => {
    expect(parseChoice('✅\uFE0F Done ✔\uFE0F Tested')).toBeUndefined()
  })
})

describe('what people type into a blank they have not filled in', () => {
  it('TBD, TBC and TODO in running text are words, not blanks: "No TODO comments left" is done', () => {
    expect(findBlanks('No TODO comments left in the code')).toEqual([])
    expect(findBlanks('Payment via TBC Bank verified, TBD items resolved')).toEqual([])
  })

  it('a value that is only TBD, TODO, pending or ? is not filled in; one that says more is', () => {
    expect(isUnfilled('pending')).toBe(true)
    expect(isUnfilled('Pending')).toBe(true)
    expect(isUnfilled('?')).toBe(true)
    expect(isUnfilled('TBD')).toBe(true)
    expect(isUnfilled('pending review by @carol')).toBe(false)
    expect(isUnfilled('CHG-1042')).toBe(false)
  })

  it('Label: TBD, pending or ? is a field still to fill in, with its unit', () => {
    expect(parseFieldLine('Transaction throughput: TBD TPS')).toMatchObject({
      label: 'Transaction throughput',
      value: 'TBD TPS'
    })
    expect(isUnfilled('TBD TPS')).toBe(true)
    expect(parseFieldLine('On-call engineer assigned: pending')?.value).toBe('pending')
    expect(parseFieldLine('Change ticket: ?')?.value).toBe('?')
    // Prose, not a field: a value that says something.
    expect(parseFieldLine('Approval: pending review by the board')).toBeUndefined()
  })
})
