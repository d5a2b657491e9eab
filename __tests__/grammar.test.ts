import { describe, expect, it } from 'vitest'
import { parseChoice } from '../src/checklist/grammar.js'

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
