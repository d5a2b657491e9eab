import type { Scope } from './types.js'
import type { Config } from './types.js'

/** Joins a parent title and a child title in a section pattern. */
const PATTERN_SEPARATOR = /\s+>\s+/

/**
 * A heading title reduced to what a person would call the section, so that a pattern written
 * in the configuration matches however the heading is decorated:
 * `### 3. **Post-Deployment** Validation` → `post-deployment validation`,
 * `Important Requirements (Must Pass 90%)` → `important requirements`, `✅ Sign-offs:` →
 * `sign-offs`. Words that name the section, such as `Phase 1:`, are kept.
 */
export function normaliseTitle(title: string): string {
  let text = title
    .normalize('NFKC')
    .replace(/[*`~]/g, '')
    // Underscores mark emphasis only at the edge of a word; `snake_case` keeps its own.
    .replace(/(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim()
  // Decorations may come in either order: `✅ 1. Title`, `1. ✅ Title`.
  let before: string
  do {
    before = text
    text = text
      .replace(/^[^\p{L}\p{N}([]+/u, '')
      // Numbering: `3.`, `2)`, `3.2`, `1.2.3.` — a bare `2024 Roadmap` keeps its number.
      .replace(/^(\d+(\.\d+)*[.)]|\d+(\.\d+)+)\s+/, '')
  } while (text !== before)
  const withoutParenthetical = text.replace(/\s*\([^()]*\)$/, '')
  // A title that is only a parenthetical keeps it, rather than becoming empty.
  if (withoutParenthetical !== '') text = withoutParenthetical
  return text.replace(/\s*:$/, '').toLowerCase()
}

/**
 * Whether a pattern names the section whose heading titles, outermost first, are
 * `sectionPath`. The pattern's titles (joined by ` > `) must equal the last titles of the
 * path: `Conditions for Rollback` matches that heading at any depth,
 * `Rollback Procedures > Conditions for Rollback` only directly under `Rollback Procedures`.
 */
export function matchesSection(pattern: string, sectionPath: readonly string[]): boolean {
  const wanted = pattern.split(PATTERN_SEPARATOR).map(normaliseTitle)
  const tail = sectionPath.slice(-wanted.length).map(normaliseTitle)
  const matchesTail =
    tail.length === wanted.length &&
    wanted.every((title, index) => title !== '' && title === tail[index])
  return matchesTail || matchesWholeTitle(pattern, sectionPath)
}

/** A title that itself contains ` > ` (`Latency > 200ms`) can still be named in full. */
function matchesWholeTitle(pattern: string, sectionPath: readonly string[]): boolean {
  const last = sectionPath.at(-1)
  return last !== undefined && normaliseTitle(pattern) === normaliseTitle(last)
}

/** How many titles a pattern names: the more, the more specific. */
function specificity(pattern: string): number {
  return pattern.split(PATTERN_SEPARATOR).length
}

/**
 * The configured minimum share of done items for exactly this section, in percent, or
 * undefined. When several patterns match, the one naming the most titles wins; among equally
 * specific ones, the first written.
 */
export function thresholdFor(config: Config, sectionPath: readonly string[]): number | undefined {
  let best: { pattern: string; threshold: number } | undefined
  for (const [pattern, threshold] of Object.entries(config.thresholds)) {
    if (!matchesSection(pattern, sectionPath)) continue
    if (best === undefined || specificity(pattern) > specificity(best.pattern)) {
      best = { pattern, threshold }
    }
  }
  return best?.threshold
}

/**
 * How the section is treated. A section takes the scope configured for itself or, failing
 * that, for its nearest ancestor that has one; so excluding a section excludes everything
 * below it, unless a sub-section is itself named informational. A section named in both
 * lists is excluded.
 */
export function scopeFor(config: Config, sectionPath: readonly string[]): Scope {
  for (let depth = sectionPath.length; depth > 0; depth--) {
    const path = sectionPath.slice(0, depth)
    if (config.excludeSections.some(pattern => matchesSection(pattern, path))) return 'excluded'
    if (config.informationalSections.some(pattern => matchesSection(pattern, path))) {
      return 'informational'
    }
  }
  return 'gated'
}
