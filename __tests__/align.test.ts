import { describe, expect, it } from 'vitest'
import { align, hashString, pairMoved } from '../src/rules/align.js'
import { HANG_GUARD_MS } from './helpers/guard.js'

/** Aligns two strings of one-letter elements; the result as base→head pairs. */
function pairs(base: string, head: string, compatible?: (b: string, h: string) => boolean) {
  const matches = align({ base: [...base], head: [...head], key: c => c.toLowerCase(), compatible })
  return [...matches].map((j, i) => (j < 0 ? `${base[i]}-` : `${base[i]}${head[j]}`)).join(' ')
}

describe('align: a sequence diff', () => {
  it('matches equal sequences one to one', () => {
    expect(pairs('abc', 'abc')).toBe('aa bb cc')
  })

  it('a removed element is unmatched, the rest keep their order', () => {
    expect(pairs('abcd', 'abd')).toBe('aa bb c- dd')
  })

  it('an insertion leaves every base element matched', () => {
    expect(pairs('abc', 'axbyc')).toBe('aa bb cc')
  })

  it('repeated elements are aligned in order, not by their first occurrence', () => {
    expect(pairs('xaxbx', 'xaxx')).toBe('xx aa xx b- xx')
  })

  it('compatible elements pair in a gap, equal ones first', () => {
    const fills = (b: string, h: string) => b === '_' && h !== '_'
    expect(pairs('a_b', 'aZb', fills)).toBe('aa _Z bb')
    expect(pairs('a_b', 'a_Zb', fills)).toBe('aa __ bb')
  })

  it('a moved element is unmatched by the diff and paired afterwards', () => {
    const base = [...'abcd']
    const head = [...'bcda']
    const matches = align({ base, head, key: c => c })
    expect(matches[0]).toBe(-1)
    pairMoved(base, head, c => c, matches)
    expect([...matches]).toEqual([3, 0, 1, 2])
  })

  it('is linear: 200k elements with no unique anchor at all finish quickly', () => {
    const base = Array.from({ length: 200_000 }, (_, i) => `item ${i % 3}`)
    const head = [...base.slice(0, 100_000), 'new', ...base.slice(100_001)]
    const started = performance.now()
    const matches = align({ base, head, key: s => s })
    expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS)
    expect([...matches].filter(j => j < 0).length).toBeLessThanOrEqual(1)
  })

  it('long keys are hashed by their whole text, not their length', () => {
    const long = 'x'.repeat(20_000)
    expect(hashString(`${long}a`)).not.toBe(hashString(`${long}b`))
  })
})
