/**
 * A sequence diff, as a reviewer reads one: which element of the base sequence is which element
 * of the head sequence. Pure and generic; the tamper check aligns checklist elements with it.
 *
 * Patience diff: elements whose key occurs exactly once on each side anchor the alignment (the
 * longest run of them in the same order), then each gap between anchors is aligned on its own:
 * equal ends first, then, when the gap is small, an exact weighted LCS that also pairs
 * `compatible` elements (a blank at base filled in at head), else anchors unique within the gap,
 * and at the last resort an in-order greedy match. Every step is linear or n log n in the
 * number of elements, with at most `GAP_CELLS` LCS cells per gap.
 *
 * Keys are hashed to numbers first: V8 hashes a long string by its length alone, so a map keyed
 * by long strings (an item's whole text) degrades to a list. A hash match is confirmed on the
 * strings before it counts.
 */

/** Largest gap (base length × head length) aligned by the exact LCS. */
const GAP_CELLS = 1 << 14
/** How many times a gap too large for the LCS is split again at its own unique elements. */
const MAX_DEPTH = 4
/** How far ahead of the last match the greedy pass looks for a compatible element. */
const WINDOW = 8

export interface AlignInput<T> {
  base: readonly T[]
  head: readonly T[]
  /** What identifies an element: equal keys are the same element. */
  key: (element: T) => string
  /** Whether a base element and a head element of different keys are still one element edited. */
  compatible?: (base: T, head: T) => boolean
}

/** For each base index, the head index it is aligned with, or -1 (removed). */
export function align<T>(input: AlignInput<T>): Int32Array {
  const { base, head } = input
  const compatible = input.compatible ?? (() => false)
  const baseKeys = base.map(input.key)
  const headKeys = head.map(input.key)
  const baseHashes = baseKeys.map(hashString)
  const headHashes = headKeys.map(hashString)
  const matches = new Int32Array(base.length).fill(-1)
  const same = (i: number, j: number) =>
    baseHashes[i] === headHashes[j] && baseKeys[i] === headKeys[j]

  const alignGap = (b0: number, b1: number, h0: number, h1: number, depth: number): void => {
    while (b0 < b1 && h0 < h1 && same(b0, h0)) matches[b0++] = h0++
    while (b0 < b1 && h0 < h1 && same(b1 - 1, h1 - 1)) matches[--b1] = --h1
    if (b0 === b1 || h0 === h1) return
    if ((b1 - b0) * (h1 - h0) <= GAP_CELLS) return lcs(b0, b1, h0, h1)
    const anchors = depth < MAX_DEPTH ? uniqueAnchors(b0, b1, h0, h1) : []
    if (anchors.length === 0) return greedy(b0, b1, h0, h1)
    let b = b0
    let h = h0
    for (const [i, j] of anchors) {
      alignGap(b, i, h, j, depth + 1)
      matches[i] = j
      b = i + 1
      h = j + 1
    }
    alignGap(b, b1, h, h1, depth + 1)
  }

  /** Pairs of elements unique on both sides within the gap, the longest run in the same order. */
  const uniqueAnchors = (b0: number, b1: number, h0: number, h1: number): [number, number][] => {
    const seen = new Map<number, { base: number; head: number; at: number; headAt: number }>()
    for (let i = b0; i < b1; i++) {
      const entry = seen.get(baseHashes[i]!)
      if (entry) entry.base++
      else seen.set(baseHashes[i]!, { base: 1, head: 0, at: i, headAt: -1 })
    }
    for (let j = h0; j < h1; j++) {
      const entry = seen.get(headHashes[j]!)
      if (entry) {
        entry.head++
        entry.headAt = j
      }
    }
    const pairs: [number, number][] = []
    for (const entry of seen.values()) {
      if (entry.base === 1 && entry.head === 1 && same(entry.at, entry.headAt)) {
        pairs.push([entry.at, entry.headAt])
      }
    }
    pairs.sort((a, b) => a[0] - b[0])
    return longestIncreasing(pairs)
  }

  /** Maximum-weight alignment of a small gap: an equal pair weighs 2, a compatible one 1. */
  const lcs = (b0: number, b1: number, h0: number, h1: number): void => {
    const n = b1 - b0
    const m = h1 - h0
    const width = m + 1
    const score = new Int32Array((n + 1) * width)
    const weight = new Int8Array(n * m)
    for (let i = 1; i <= n; i++) {
      for (let j = 1; j <= m; j++) {
        const bi = b0 + i - 1
        const hj = h0 + j - 1
        const w = same(bi, hj) ? 2 : compatible(base[bi]!, head[hj]!) ? 1 : 0
        weight[(i - 1) * m + (j - 1)] = w
        let best = Math.max(score[(i - 1) * width + j]!, score[i * width + j - 1]!)
        if (w > 0) best = Math.max(best, score[(i - 1) * width + j - 1]! + w)
        score[i * width + j] = best
      }
    }
    for (let i = n, j = m; i > 0 && j > 0;) {
      const w = weight[(i - 1) * m + (j - 1)]!
      const here = score[i * width + j]!
      if (w > 0 && here === score[(i - 1) * width + j - 1]! + w) {
        matches[b0 + i - 1] = h0 + j - 1
        i--
        j--
      } else if (here === score[(i - 1) * width + j]!) i--
      else j--
    }
  }

  /** In order: each base element takes the next equal head element; then compatible neighbours. */
  const greedy = (b0: number, b1: number, h0: number, h1: number): void => {
    const positions = new Map<number, number[]>()
    for (let j = h0; j < h1; j++) {
      const list = positions.get(headHashes[j]!)
      if (list) list.push(j)
      else positions.set(headHashes[j]!, [j])
    }
    const cursor = new Map<number, number>()
    const taken = new Uint8Array(h1 - h0)
    let next = h0
    for (let i = b0; i < b1; i++) {
      const list = positions.get(baseHashes[i]!)
      if (!list) continue
      let at = cursor.get(baseHashes[i]!) ?? 0
      while (at < list.length && (list[at]! < next || !same(i, list[at]!))) at++
      cursor.set(baseHashes[i]!, at)
      if (at === list.length) continue
      matches[i] = list[at]!
      taken[list[at]! - h0] = 1
      next = list[at]! + 1
    }
    next = h0
    for (let i = b0; i < b1; i++) {
      if (matches[i]! >= 0) {
        next = matches[i]! + 1
        continue
      }
      for (let j = next; j < Math.min(h1, next + WINDOW); j++) {
        if (taken[j - h0] || !compatible(base[i]!, head[j]!)) continue
        matches[i] = j
        taken[j - h0] = 1
        next = j + 1
        break
      }
    }
  }

  alignGap(0, base.length, 0, head.length, 0)
  return matches
}

/**
 * Pairs elements the sequence diff left unmatched whose keys are equal, first with first: an
 * element moved elsewhere is the same element, for the caller to judge where it went.
 */
export function pairMoved<T>(
  base: readonly T[],
  head: readonly T[],
  key: (element: T) => string,
  matches: Int32Array
): void {
  const taken = new Uint8Array(head.length)
  for (const j of matches) if (j >= 0) taken[j] = 1
  const headKeys = head.map(key)
  const waiting = new Map<number, { list: number[]; from: number }>()
  for (let j = 0; j < head.length; j++) {
    if (taken[j]) continue
    const hash = hashString(headKeys[j]!)
    const entry = waiting.get(hash)
    if (entry) entry.list.push(j)
    else waiting.set(hash, { list: [j], from: 0 })
  }
  for (let i = 0; i < base.length; i++) {
    if (matches[i]! >= 0) continue
    const text = key(base[i]!)
    const entry = waiting.get(hashString(text))
    if (!entry) continue
    while (entry.from < entry.list.length && taken[entry.list[entry.from]!]) entry.from++
    for (let k = entry.from; k < entry.list.length; k++) {
      const j = entry.list[k]!
      if (taken[j] || headKeys[j] !== text) continue
      matches[i] = j
      taken[j] = 1
      break
    }
  }
}

/** The longest subsequence of pairs (sorted by their first) whose seconds increase: n log n. */
function longestIncreasing(pairs: [number, number][]): [number, number][] {
  const tails: number[] = []
  const previous = new Int32Array(pairs.length)
  for (let k = 0; k < pairs.length; k++) {
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (pairs[tails[mid]!]![1] < pairs[k]![1]) lo = mid + 1
      else hi = mid
    }
    previous[k] = lo > 0 ? tails[lo - 1]! : -1
    tails[lo] = k
  }
  const run: [number, number][] = []
  for (let k = tails.length > 0 ? tails[tails.length - 1]! : -1; k >= 0; k = previous[k]!) {
    run.push(pairs[k]!)
  }
  return run.reverse()
}

/** Two 32-bit FNV-1a style hashes folded into one safe integer (53 bits). */
export function hashString(text: string): number {
  let a = 0x811c9dc5
  let b = 0x01000193
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15)
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff)
}
