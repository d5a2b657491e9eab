import type { Checklist, Choice, Field, Section, TaskItem } from '../checklist/model.js'
import { BLANK_PATTERN, normaliseLabel, parseFieldLine } from '../checklist/grammar.js'
import { formatTarget, isLooser } from '../checklist/quantity.js'
import { normaliseTitle } from '../config/sections.js'
import type { Findings, Scopes } from './scope.js'

/**
 * The tamper check: a pull request must not weaken its own gate. Against the checklist on the
 * base branch (or its template), nothing may be removed, no threshold lowered, no target
 * loosened. Filling in a blank is not a change: `RTO: ______ s` at base matches `RTO: 95 s`.
 */
export function checkIntegrity(
  head: Checklist,
  base: Checklist,
  headScopes: Scopes,
  baseScopes: Scopes,
  findings: Findings
): void {
  const headSections = new Map<string, Section>()
  for (const section of head.sections) headSections.set(sectionKey(head, section.index), section)
  const lineAtHead = (key: string) => headSections.get(key)?.line ?? 1
  const sectionAtHead = (key: string) => headSections.get(key)?.index

  checkItemsKept(head, base, baseScopes, (key, text, baseLine) =>
    findings.add(
      'integrity-item-removed',
      'error',
      lineAtHead(key),
      `The item "${text}" (line ${baseLine} on the base branch) was removed: a pull request may not remove checklist items; change the checklist on the base branch instead.`,
      sectionAtHead(key)
    )
  )

  // Sign-offs pair by section and role; a base line with a Date part keeps one at head.
  const headSignoffs = groupBy(
    head.signoffs,
    s => `${sectionKey(head, s.section)}\u0000${normaliseLabel(s.role)}`
  )
  for (const signoff of base.signoffs) {
    if (baseScopes.of(signoff.section) === 'excluded') continue
    const section = sectionKey(base, signoff.section)
    const candidates = headSignoffs.get(`${section}\u0000${normaliseLabel(signoff.role)}`) ?? []
    const dated =
      signoff.dateText === undefined ? -1 : candidates.findIndex(s => s.dateText !== undefined)
    const [now] = candidates.splice(dated >= 0 ? dated : 0, 1)
    if (now && (signoff.dateText === undefined || now.dateText !== undefined)) continue
    findings.add(
      'integrity-signoff-removed',
      'error',
      now?.line ?? lineAtHead(section),
      now
        ? `The sign-off line for ${signoff.role} had a Date part on the base branch (line ${signoff.line}), and the Date part was removed: a pull request may not remove it.`
        : `The sign-off line for ${signoff.role} (line ${signoff.line} on the base branch) was removed: a pull request may not remove sign-offs.`,
      now?.section ?? sectionAtHead(section)
    )
  }

  checkChoicesKept(head, base, baseScopes, lineAtHead, sectionAtHead, findings)

  checkThresholdsKept(head, base, headScopes, baseScopes, findings)

  checkTargetsKept(head, base, baseScopes, lineAtHead, findings)
}

/**
 * Every choice at base must still be a choice, with the same options, where it stood: a
 * `☐ GO ☒ NO-GO` deleted, or rewritten as `☒ NO-GO` or a bare `Fail` (no longer a choice), would
 * otherwise drop out of the choice rules and pass. Choices pair by section and context (a table
 * row's first cell, the paragraph label, a metric row's label for its Status cell); the marks
 * may change, the set of option labels may not.
 */
function checkChoicesKept(
  head: Checklist,
  base: Checklist,
  baseScopes: Scopes,
  lineAtHead: (key: string) => number,
  sectionAtHead: (key: string) => number | undefined,
  findings: Findings
): void {
  const contextKey = (checklist: Checklist, choice: Choice) =>
    `${sectionKey(checklist, choice.section)}\u0000${normaliseLabel(choice.context)}`
  const optionsKey = (choice: Choice) =>
    [...new Set(choice.options.map(option => normaliseLabel(option.label)))].sort().join('\u0000')
  const headChoices = allChoices(head)
  const headKeys = countKeys(
    headChoices.map(choice => `${contextKey(head, choice)}\u0001${optionsKey(choice)}`)
  )
  const headByContext = groupBy(headChoices, choice => contextKey(head, choice))
  // A choice rewritten as a field (`**Go/No-Go:** ☒ NO-GO`) or a metric row without its Status
  // cell is reported on that line.
  const headFields = groupBy(
    head.fields,
    field => `${sectionKey(head, field.section)}\u0000${normaliseLabel(field.label)}`
  )
  for (const choice of allChoices(base)) {
    if (baseScopes.of(choice.section) === 'excluded') continue
    const key = contextKey(base, choice)
    if (take(headKeys, `${key}\u0001${optionsKey(choice)}`)) continue
    const section = sectionKey(base, choice.section)
    const labels = choice.options.map(option => option.label).join(' / ')
    const where = choice.context ? `"${choice.context}"` : 'The choice'
    const now = headByContext.get(key)?.[0]
    const field = headFields.get(key)?.[0]
    findings.add(
      'integrity-choice-removed',
      'error',
      now?.line ?? field?.line ?? lineAtHead(section),
      now
        ? `${where} offered ${labels} on the base branch (line ${choice.line}) and now offers ${now.options.map(option => option.label).join(' / ')}: a pull request may not change the options of a choice.`
        : `${where} (line ${choice.line} on the base branch) was a choice of ${labels} and is no longer one: a pull request may not remove choices.`,
      now?.section ?? field?.section ?? sectionAtHead(section)
    )
  }
}

/** The choices in paragraphs and table cells, and the Status cells of metric tables. */
function allChoices(checklist: Checklist): Choice[] {
  return [
    ...checklist.choices,
    ...checklist.fields.flatMap(field => (field.status ? [field.status] : []))
  ]
}

/**
 * Every target at base must still be there and no looser, in every field of its label: a
 * repeated label cannot hide a loosened target. Fields pair up in order; a base field whose
 * partner is looser may still be matched by another head field of the label, and every head
 * field of the label must be no looser than some base field of it.
 */
function checkTargetsKept(
  head: Checklist,
  base: Checklist,
  baseScopes: Scopes,
  lineAtHead: (key: string) => number,
  findings: Findings
): void {
  const fieldKey = (checklist: Checklist, field: Field) =>
    `${sectionKey(checklist, field.section)}\u0000${normaliseTitle(field.label)}`
  const headByKey = groupBy(head.fields, field => fieldKey(head, field))
  const baseByKey = groupBy(
    base.fields.filter(field => field.target && baseScopes.of(field.section) !== 'excluded'),
    field => fieldKey(base, field)
  )
  const keeps = (before: Field, now: Field) =>
    now.target !== undefined && !isLooser(before.target!, now.target)
  const loosened = (before: Field, now: Field) =>
    findings.add(
      'integrity-target-loosened',
      'error',
      now.line,
      `The target of "${before.label}" was ${describeTarget(before)} on the base branch and is now ${describeTarget(now)}: a pull request may not loosen a target.`,
      now.section
    )

  for (const [key, befores] of baseByKey) {
    const nows = headByKey.get(key) ?? []
    const used = nows.map(() => false)
    const unmatched: Field[] = []
    befores.forEach((before, i) => {
      const now = nows[i]
      if (now && keeps(before, now)) used[i] = true
      else unmatched.push(before)
    })
    for (const before of unmatched) {
      let j = nows.findIndex((now, k) => !used[k] && keeps(before, now))
      if (j < 0) j = used.indexOf(false)
      if (j >= 0) {
        used[j] = true
        if (!keeps(before, nows[j]!)) loosened(before, nows[j]!)
        continue
      }
      findings.add(
        'integrity-target-loosened',
        'error',
        lineAtHead(sectionKey(base, before.section)),
        `The target ${before.target!.raw} of "${before.label}" (line ${before.line} on the base branch) was removed: a pull request may not remove targets.`,
        undefined
      )
    }
    nows.forEach((now, k) => {
      if (used[k] || befores.some(before => keeps(before, now))) return
      loosened(befores[Math.min(k, befores.length - 1)]!, now)
    })
  }
}

/** `< 120 s` for `< 120s`; `≤ 5 min ("5 min")` when the operator was not written. */
function describeTarget(field: Field): string {
  if (!field.target) return field.targetText === undefined ? 'gone' : `"${field.targetText}"`
  const written = field.target.raw.replace(/\s+/g, '')
  const formatted = formatTarget(field.target)
  return formatted.replace(/\s+/g, '') === written
    ? formatted
    : `${formatted} ("${field.target.raw}")`
}

function groupBy<T>(list: readonly T[], keyOf: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const value of list) {
    const key = keyOf(value)
    const group = groups.get(key)
    if (group) group.push(value)
    else groups.set(key, [value])
  }
  return groups
}

/**
 * What governs a section's items: the threshold of the section itself, else of its nearest
 * ancestor with one (configuration first, then the heading), else nothing, which means every
 * item must be done. `explicit` tells the two kinds of 100% apart: only a written 100% makes
 * a section critical, where waivers are refused by default.
 */
interface Governing {
  threshold: number
  explicit: boolean
  /** The section whose threshold it is, if any. */
  from: number | undefined
}

const ALL_DONE: Governing = { threshold: 100, explicit: false, from: undefined }

function governingThresholds(checklist: Checklist, scopes: Scopes): Governing[] {
  const governing: Governing[] = []
  // Parents come before their children, so one pass settles every section.
  for (const section of checklist.sections) {
    const own = scopes.thresholdOf(section.index)
    governing[section.index] =
      own !== undefined
        ? { threshold: own, explicit: true, from: section.index }
        : section.parent === undefined
          ? ALL_DONE
          : governing[section.parent]!
  }
  return governing
}

/** Whether `now` asks less of a section's items than `before` did. */
function isLowered(before: Governing, now: Governing): boolean {
  if (now.threshold !== before.threshold) return now.threshold < before.threshold
  return before.explicit && !now.explicit
}

function describeGoverning(checklist: Checklist, governing: Governing): string {
  if (governing.from === undefined) return 'all items done (no threshold)'
  const section = checklist.sections[governing.from]!
  return `${governing.threshold}% (from "${section.title}")`
}

/**
 * No section may ask less of its items than the same section did on the base branch: not by
 * lowering its threshold, nor by adding a lower one to a heading that had none, to a
 * sub-section of a critical section, or to a new section. A section new at head is compared
 * with its nearest ancestor that exists at base (or with "all done" at the top).
 */
function checkThresholdsKept(
  head: Checklist,
  base: Checklist,
  headScopes: Scopes,
  baseScopes: Scopes,
  findings: Findings
): void {
  const headGoverning = governingThresholds(head, headScopes)
  const baseGoverning = governingThresholds(base, baseScopes)
  // Headings may repeat, and items move freely between sections of one key. A repeated
  // section is compared with its namesake in the same place when both hold the same items;
  // otherwise with the strictest section of that key at base.
  const baseItems = directItems(base)
  const headItems = directItems(head)
  interface AtBase {
    section: Section
    governing: Governing
  }
  const atBase = new Map<string, { all: AtBase[]; strictest: AtBase }>()
  for (const section of base.sections) {
    if (baseScopes.of(section.index) === 'excluded') continue
    const key = sectionKey(base, section.index)
    const entry = { section, governing: baseGoverning[section.index]! }
    const known = atBase.get(key)
    if (!known) atBase.set(key, { all: [entry], strictest: entry })
    else {
      known.all.push(entry)
      if (isLowered(entry.governing, known.strictest.governing)) known.strictest = entry
    }
  }
  const counterpartOf = (section: Section, occurrence: number): AtBase | undefined => {
    const known = atBase.get(sectionKey(head, section.index))
    if (!known) return undefined
    const same = known.all[occurrence]
    if (known.all.length === 1) return known.strictest
    return same && baseItems[same.section.index] === headItems[section.index]
      ? same
      : known.strictest
  }
  const excludedAtBase = new Set(
    base.sections
      .filter(section => baseScopes.of(section.index) === 'excluded')
      .map(section => sectionKey(base, section.index))
  )

  const occurrences = new Map<string, number>()
  for (const section of head.sections) {
    const occurrence = occurrences.get(sectionKey(head, section.index)) ?? 0
    occurrences.set(sectionKey(head, section.index), occurrence + 1)
    if (headScopes.of(section.index) === 'excluded') continue
    let counterpart = counterpartOf(section, occurrence)
    let excluded = !counterpart && excludedAtBase.has(sectionKey(head, section.index))
    for (let s = section.parent; !counterpart && !excluded && s !== undefined;) {
      const key = sectionKey(head, s)
      counterpart = atBase.get(key)?.strictest
      excluded = !counterpart && excludedAtBase.has(key)
      s = head.sections[s]!.parent
    }
    if (excluded) continue
    const before = counterpart?.governing ?? ALL_DONE
    const now = headGoverning[section.index]!
    if (!isLowered(before, now)) continue
    const key = sectionKey(head, section.index)
    const compared =
      counterpart === undefined
        ? ' (a new section, compared with the top of the checklist)'
        : sectionKey(base, counterpart.section.index) === key
          ? ''
          : ` (a new section, compared with "${counterpart.section.title}")`
    findings.add(
      'integrity-threshold-lowered',
      'error',
      section.line,
      `The items of "${section.title}"${compared} were governed by ${describeGoverning(base, before)} on the base branch and now by ${describeGoverning(head, now)}: a pull request may not lower a threshold.`,
      section.index
    )
  }
}

/**
 * Every base item must still be there: by its exact text first, then with its blanks filled.
 * An item must stay an item: a task item that has become a sign-off line (under a `Sign-off:`
 * label or a heading renamed to contain "sign-off") no longer counts, so it matches only a base
 * item that was a sign-off line too.
 */
function checkItemsKept(
  head: Checklist,
  base: Checklist,
  baseScopes: Scopes,
  removed: (sectionKey: string, text: string, baseLine: number) => void
): void {
  const headSignoffLines = taskSignoffLines(head)
  const baseSignoffLines = taskSignoffLines(base)
  const kindOf = (lines: Set<number>, item: TaskItem) => (lines.has(item.line) ? 'signoff' : 'item')
  const headKeys = countKeys(
    head.items.map(
      item =>
        `${kindOf(headSignoffLines, item)}\u0000${sectionKey(head, item.section)}\u0000${itemKey(item)}`
    )
  )
  // A base item looks among head items; a base sign-off line among head sign-off lines first.
  const kindsFor = (item: TaskItem) =>
    baseSignoffLines.has(item.line) ? ['signoff', 'item'] : ['item']
  const missing: { section: string; text: string; key: string; line: number; kinds: string[] }[] =
    []
  for (const item of base.items) {
    if (baseScopes.of(item.section) === 'excluded') continue
    const section = sectionKey(base, item.section)
    const key = itemKey(item)
    const kinds = kindsFor(item)
    if (!kinds.some(kind => take(headKeys, `${kind}\u0000${section}\u0000${key}`))) {
      missing.push({ section, text: item.text, key, line: item.line, kinds })
    }
  }
  if (missing.length === 0) return

  // Head items not matched exactly, by kind and section, for the slower match of filled-in blanks.
  const leftovers = new Map<string, string[]>()
  for (const [key, count] of headKeys) {
    const [kind, section, text] = key.split('\u0000') as [string, string, string]
    const list = leftovers.get(`${kind}\u0000${section}`) ?? []
    for (let i = 0; i < count; i++) list.push(text)
    leftovers.set(`${kind}\u0000${section}`, list)
  }
  for (const item of missing) {
    const parts = item.key.split(BLANK_PATTERN)
    const label = parseFieldLine(item.key)?.label
    const matches = (text: string) =>
      (parts.length > 1 && fillsBlanks(parts, text)) ||
      (label !== undefined && labelOf(text) === label)
    const found = item.kinds.some(kind => {
      const candidates = leftovers.get(`${kind}\u0000${item.section}`) ?? []
      const at = candidates.findIndex(matches)
      if (at >= 0) candidates.splice(at, 1)
      return at >= 0
    })
    if (!found) removed(item.section, item.text, item.line)
  }
}

/** Lines of the task items that are sign-off lines, and so not counted as items. */
function taskSignoffLines(checklist: Checklist): Set<number> {
  return new Set(
    checklist.signoffs.filter(signoff => signoff.form === 'task').map(signoff => signoff.line)
  )
}

/**
 * An item that is a field (`RTO measured: 95 seconds (target: < 120s)`) is still there when its
 * label is: a new measurement is not a removal, and its target is checked on its own.
 */
function labelOf(text: string): string | undefined {
  const colon = text.indexOf(':')
  return colon > 0 ? text.slice(0, colon).trim() : undefined
}

/**
 * Whether `text` is the item whose text around its blanks is `parts`, each blank filled with at
 * least one character. Matching each part at its leftmost place is exact for such patterns and
 * linear; a regular expression (`a.+?b.+?c`) backtracks polynomially on a crafted head item.
 */
function fillsBlanks(parts: string[], text: string): boolean {
  const first = parts[0]!
  const last = parts[parts.length - 1]!
  if (!text.startsWith(first) || !text.endsWith(last)) return false
  let position = first.length
  for (let i = 1; i < parts.length - 1; i++) {
    const at = text.indexOf(parts[i]!, position + 1)
    if (at < 0) return false
    position = at + parts[i]!.length
  }
  return position + 1 <= text.length - last.length
}

/**
 * Waiving an item appends `N/A: reason`: the item is still there. Only a waived item loses that
 * part: on any other item, `N/A: …` is text like the rest, so an item rewritten as
 * `Zero critical bugs N/A: @alice Date: …` is not its base item any more.
 */
function itemKey(item: TaskItem): string {
  const text = item.waiver ? item.text.replace(/\s*N\/A\s*[:–—-][^]*$/i, '') : item.text
  return text.replace(/\s+/g, ' ').trim().toLowerCase()
}

/** Each section's own items (not its sub-sections'), as one comparable string. */
function directItems(checklist: Checklist): string[] {
  const keys: string[][] = checklist.sections.map(() => [])
  for (const item of checklist.items) {
    if (item.section !== undefined) keys[item.section]!.push(itemKey(item))
  }
  return keys.map(list => list.sort().join('\u0000'))
}

function sectionKey(checklist: Checklist, index: number | undefined): string {
  if (index === undefined) return ''
  return checklist.sections[index]!.path.map(normaliseTitle).join(' > ')
}

function countKeys(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1)
  return counts
}

function take(counts: Map<string, number>, key: string): boolean {
  const count = counts.get(key) ?? 0
  if (count === 0) return false
  counts.set(key, count - 1)
  return true
}
