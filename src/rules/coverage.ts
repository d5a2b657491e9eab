import type { Checklist, Section, Signoff } from '../checklist/model.js'
import { normaliseLabel } from '../checklist/grammar.js'
import type { Config } from '../config/types.js'
import { resolveScopes } from './scope.js'

/*
 * What a sign-off block covers, for `freshness: section-unchanged`: the parts of the checklist
 * whose content a signer vouches for by approving. A part is a heading with everything under
 * it up to the next heading of the same or a higher level (sub-sections included). A sign-off
 * block covers
 * - its enclosing section: the innermost section that holds the block, or the section above
 *   it when that heading is itself a sign-off heading ("Sign-off", "Final Sign-Off");
 * - every Go/No-Go part: a section whose title says Go/No-Go, or that holds a Go/No-Go choice
 *   (`☐ GO ☐ NO-GO`, or a choice labelled Go/No-Go);
 * - every critical part: a section whose title says "critical", or that demands 100% (in its
 *   heading or in the configuration);
 * - every part that no sign-off block's section holds: a section with task items of its own
 *   that no block vouches for, so that an edit there is approved again by everyone, never
 *   by no one.
 * A block outside any section covers the whole checklist. An approval stays fresh for a
 * sign-off while every part its block covers reads the same (line for line, trailing spaces
 * aside) at the approved commit as at head, and the checklist has the same such parts.
 */

const GO_NO_GO = /\bgo\s*\/?\s*no[\s-]?go\b/i
const CRITICAL = /\bcritical\b/i
const SIGNOFF_HEADING = /\bsign[\s-]?offs?\b/i

/** The lines `[from, to)` (0-based) of a section: its heading up to the next heading at its level or above. */
function sectionLines(checklist: Checklist, section: Section, lineCount: number): [number, number] {
  const next = checklist.sections.find(
    other => other.line > section.line && other.level <= section.level
  )
  return [section.line - 1, next ? next.line - 1 : lineCount]
}

/** The key a part is matched by, at head and at the approved commit: its titles from the top. */
function keyOf(section: Section): string {
  return section.path.map(normaliseLabel).join(' > ')
}

/** The section a sign-off block vouches for; undefined: the whole checklist. */
function coveredSectionOf(checklist: Checklist, signoff: Signoff): number | undefined {
  if (signoff.section === undefined) return undefined
  const section = checklist.sections[signoff.section]!
  if (SIGNOFF_HEADING.test(section.title) && section.parent !== undefined) return section.parent
  return section.index
}

/** The sections a sign-off block covers (undefined: the whole checklist). */
function coveredSections(
  checklist: Checklist,
  signoff: Signoff,
  always: readonly Section[]
): Section[] | undefined {
  const enclosing = coveredSectionOf(checklist, signoff)
  if (enclosing === undefined) return undefined
  return unique([checklist.sections[enclosing]!, ...always])
}

const unique = (sections: readonly Section[]) => [...new Set(sections)]

/** The Go/No-Go and critical parts, which every sign-off block covers. */
function alwaysCovered(checklist: Checklist, config: Config): Section[] {
  const scopes = resolveScopes(checklist, config)
  const unowned = unownedSections(checklist)
  const decisions = new Set(
    checklist.choices
      .filter(
        choice =>
          GO_NO_GO.test(choice.context) ||
          choice.options.some(option => /^no[\s-]?go$/i.test(option.label.trim()))
      )
      .flatMap(choice => (choice.section === undefined ? [] : [choice.section]))
  )
  return checklist.sections.filter(
    section =>
      GO_NO_GO.test(section.title) ||
      CRITICAL.test(section.title) ||
      scopes.thresholdOf(section.index) === 100 ||
      unowned.has(section.index) ||
      decisions.has(section.index)
  )
}

/**
 * Sections with task items of their own that hold no sign-off block's enclosing section and
 * lie in none: no block vouches for them.
 */
function unownedSections(checklist: Checklist): Set<number> {
  const enclosing = new Set(
    checklist.signoffs.flatMap(signoff => coveredSectionOf(checklist, signoff) ?? [])
  )
  // A block's section, the sections in it, and the sections that hold it are all spoken for.
  const spokenFor = new Set<number>()
  for (const section of enclosing) {
    for (let s: number | undefined = section; s !== undefined; s = checklist.sections[s]!.parent)
      spokenFor.add(s)
  }
  const inBlockSection = (section: Section): boolean => {
    for (
      let s: number | undefined = section.index;
      s !== undefined;
      s = checklist.sections[s]!.parent
    )
      if (enclosing.has(s)) return true
    return false
  }
  const withItems = new Set(checklist.items.flatMap(item => item.section ?? []))
  return new Set(
    checklist.sections
      .filter(
        section =>
          withItems.has(section.index) && !spokenFor.has(section.index) && !inBlockSection(section)
      )
      .map(section => section.index)
  )
}

/** The covered parts' text by key; a key the checklist has twice keeps both texts. */
function partsText(
  checklist: Checklist,
  lines: readonly string[],
  sections: readonly Section[]
): Map<string, string> {
  const parts = new Map<string, string>()
  for (const section of sections) {
    const [from, to] = sectionLines(checklist, section, lines.length)
    const text = lines
      .slice(from, to)
      .map(line => line.trimEnd())
      .join('\n')
    const key = keyOf(section)
    parts.set(key, parts.has(key) ? `${parts.get(key)!}\n\u0000\n${text}` : text)
  }
  return parts
}

const splitLines = (text: string) => text.replace(/\r\n?/g, '\n').split('\n')

/**
 * The lines of the head checklist's sign-offs whose covered part reads the same in `then` (the
 * checklist at an approved commit): for those, that approval is still fresh.
 */
export function signoffsWithUnchangedCoverage(
  head: Checklist,
  headText: string,
  then: Checklist,
  thenText: string,
  config: Config
): Set<number> {
  const headAlways = alwaysCovered(head, config)
  const thenAlways = alwaysCovered(then, config)
  const headLines = splitLines(headText)
  const thenLines = splitLines(thenText)
  const unchanged = new Set<number>()
  const wholeUnchanged =
    headLines.map(line => line.trimEnd()).join('\n') ===
    thenLines.map(line => line.trimEnd()).join('\n')
  for (const signoff of head.signoffs) {
    const sections = coveredSections(head, signoff, headAlways)
    if (sections === undefined) {
      if (wholeUnchanged) unchanged.add(signoff.line)
      continue
    }
    const headParts = partsText(head, headLines, sections)
    const enclosing = keyOf(sections[0]!)
    const thenEnclosing = then.sections.filter(section => keyOf(section) === enclosing)
    // The same parts at the approved commit: the same keys, the same text.
    const thenParts = partsText(then, thenLines, unique([...thenEnclosing, ...thenAlways]))
    const same =
      thenEnclosing.length > 0 &&
      headParts.size === thenParts.size &&
      [...headParts].every(([key, text]) => thenParts.get(key) === text)
    if (same) unchanged.add(signoff.line)
  }
  return unchanged
}
