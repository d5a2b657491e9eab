import type { Checklist, Choice, Field, Section, Signoff, TaskItem } from '../checklist/model.js'
import {
  BLANK_PATTERN,
  mayHoldBlank,
  normaliseLabel,
  parseFieldLine
} from '../checklist/grammar.js'
import { formatTarget, isLooser } from '../checklist/quantity.js'
import { normaliseTitle } from '../config/sections.js'
import { align, pairMoved } from './align.js'
import { taskSignoffLines } from './counted.js'
import type { Findings, Scopes } from './scope.js'
import { ALL_DONE, type Governing, governingOf, governingThresholds } from './threshold.js'
import type { RuleId, Scope } from './types.js'

/** Where the version the head is checked against comes from, for messages. */
export interface BaseOrigin {
  /** Whether it is the checklist's template (a new checklist) rather than its base version. */
  template: boolean
  /** Its path in the repository. */
  path: string
  /** The base, as messages name it (`the base branch main`). */
  where: string
}

/**
 * The tamper check: a pull request must not weaken its own gate. The head is aligned with its
 * base version (or its template) as a reviewer reads a diff (see `align.ts`), over the
 * checklist's elements in document order: sections, task items, sign-off lines, fields, metric
 * rows and choices, each by its normalised text. Filling in is an edit, never a removal: ticks,
 * values in blanks, names in placeholders, dates and marks in ballot boxes are not part of what
 * identifies an element. Headings are elements too, not part of other elements' identity, and
 * the document's title is ignored.
 *
 * Against the aligned base: no element may be removed, moved where it counts less (an excluded
 * or informational section, a lower threshold, another sign-off block), or lose what it asks
 * (a target loosened, an option of a choice, a Date part); and every section of the base must
 * still pass counting only the items that it had on the base, so that adding items never makes
 * a section pass that would fail without them.
 */
export function checkIntegrity(
  head: Checklist,
  base: Checklist,
  headScopes: Scopes,
  baseScopes: Scopes,
  findings: Findings,
  origin: BaseOrigin = { template: false, path: base.path, where: 'the base branch' }
): void {
  const baseElements = elementsOf(base)
  const headElements = elementsOf(head)
  const matches = align({
    base: baseElements,
    head: headElements,
    key: element => element.key,
    compatible
  })
  pairMoved(baseElements, headElements, element => element.key, matches)

  const counted = (element: Element) =>
    element.kind !== 'section' && baseScopes.of(element.section) !== 'excluded'
  if (origin.template) {
    const wanted = baseElements.filter(counted)
    const missing = wanted.filter(element => matches[element.order]! < 0).length
    if (wanted.length > 0 && missing * 2 > wanted.length) {
      findings.add(
        'integrity-not-from-template',
        'error',
        1,
        `${head.path} was not started from its template ${origin.path}: ${missing} of the template's ${wanted.length} items, sign-offs, fields and choices are not in it. Start from a copy of ${origin.path} on ${origin.where}; or, to adopt this checklist as the template, commit it on the base branch (for example under checklists/templates/) and point \`templates:\` in the configuration at it.`,
        undefined
      )
      return
    }
  }

  const context: Context = {
    head,
    base,
    headScopes,
    baseScopes,
    headGoverning: governingThresholds(head, headScopes),
    baseGoverning: governingThresholds(base, baseScopes),
    findings,
    origin,
    baseElements,
    headElements,
    matches,
    headSectionOf: sectionMap(base, head, baseElements, headElements, matches),
    headLineOf: new Map(),
    reported: new Set()
  }
  for (const element of baseElements) {
    const j = matches[element.order]!
    if (j >= 0 && !context.headLineOf.has(element.line)) {
      context.headLineOf.set(element.line, headElements[j]!.line)
    }
  }
  const previousLine = precedingHeadLines(baseElements, headElements, matches)

  checkSectionThresholds(context)
  for (const element of baseElements) {
    if (!counted(element)) continue
    const j = matches[element.order]!
    if (j < 0) removed(context, element, previousLine[element.order]!)
    else kept(context, element, headElements[j]!)
  }
  checkNewTargets(context)
  checkSignoffBlocks(context)
  checkDilution(context)
}

type Kind = 'section' | 'item' | 'signoff' | 'field' | 'choice'
const KIND_ORDER: Record<Kind, number> = { section: 0, item: 1, signoff: 2, field: 3, choice: 4 }

/** One element of a checklist in document order, with what identifies it. */
interface Element {
  kind: Kind
  /** Index in the checklist's list of elements. */
  order: number
  line: number
  section: number | undefined
  key: string
  /** For an item with blanks: its normalised text around them; else undefined. */
  parts?: string[]
  /** For an item: its text, whose field label (`RTO measured: ______ s`) is read when needed. */
  text?: string
  label?: string | null
  sectionRef?: Section
  item?: TaskItem
  signoff?: Signoff
  field?: Field
  choice?: Choice
}

function elementsOf(checklist: Checklist): Element[] {
  const elements: Element[] = []
  const title = documentTitle(checklist)
  for (const section of checklist.sections) {
    if (section.index === title) continue
    const key = `s\u0000${normaliseTitle(section.title)}`
    elements.push({
      kind: 'section',
      order: 0,
      line: section.line,
      section: section.index,
      key,
      sectionRef: section
    })
  }
  const signoffLines = taskSignoffLines(checklist)
  for (const item of checklist.items) {
    if (signoffLines.has(item.line)) continue
    const text = itemText(item)
    const pieces = mayHoldBlank(text) ? text.split(BLANK_PATTERN) : [text]
    elements.push({
      kind: 'item',
      order: 0,
      line: item.line,
      section: item.section,
      key: `i\u0000${normaliseText(text)}`,
      parts: pieces.length > 1 ? pieces.map(normaliseText) : undefined,
      text,
      item
    })
  }
  for (const signoff of checklist.signoffs) {
    const key = `o\u0000${normaliseLabel(signoff.role)}`
    elements.push({
      kind: 'signoff',
      order: 0,
      line: signoff.line,
      section: signoff.section,
      key,
      signoff
    })
  }
  for (const field of checklist.fields) {
    const target = (field.target?.raw ?? field.targetText ?? '').replace(/\s+/g, '').toLowerCase()
    const key = `f\u0000${normaliseLabel(field.label)}\u0000${target}`
    elements.push({ kind: 'field', order: 0, line: field.line, section: field.section, key, field })
  }
  const choices = [
    ...checklist.choices,
    ...checklist.fields.flatMap(field => (field.status ? [field.status] : []))
  ]
  for (const choice of choices) {
    elements.push({
      kind: 'choice',
      order: 0,
      line: choice.line,
      section: choice.section,
      key: `c\u0000${normaliseLabel(choice.context)}\u0000${optionsKey(choice)}`,
      choice
    })
  }
  elements.sort((a, b) => a.line - b.line || KIND_ORDER[a.kind] - KIND_ORDER[b.kind])
  elements.forEach((element, order) => (element.order = order))
  return elements
}

/** The first heading, when no other heading is at its level or above: the document's title. */
function documentTitle(checklist: Checklist): number | undefined {
  const first = checklist.sections[0]
  if (!first) return undefined
  return checklist.sections.some(s => s.index !== first.index && s.level <= first.level)
    ? undefined
    : first.index
}

/**
 * Whether a base element and a head element of different keys are one element filled in: an
 * item whose blanks now hold text, an item that is a field with a new measurement, a field
 * whose target changed (judged on its own), a choice whose options changed (likewise).
 */
function compatible(before: Element, now: Element): boolean {
  if (before.kind !== now.kind) return false
  switch (before.kind) {
    case 'item': {
      const text = now.key.slice(2)
      return (
        (before.parts !== undefined && fillsBlanks(before.parts, text)) ||
        (fieldLabel(before) !== undefined && fieldLabel(before) === fieldLabel(now))
      )
    }
    case 'field':
      return normaliseLabel(before.field!.label) === normaliseLabel(now.field!.label)
    case 'choice':
      return (
        before.choice!.context !== '' &&
        normaliseLabel(before.choice!.context) === normaliseLabel(now.choice!.context)
      )
    default:
      return false
  }
}

/** An item's label when it is a field line, read once and only when compared. */
function fieldLabel(element: Element): string | undefined {
  if (element.label === undefined) {
    element.label = parseFieldLine(element.text ?? '')?.label.toLowerCase() ?? null
  }
  return element.label ?? undefined
}

interface Context {
  head: Checklist
  base: Checklist
  headScopes: Scopes
  baseScopes: Scopes
  /** What governs each section's items, by section index (rules/threshold.ts). */
  headGoverning: Governing[]
  baseGoverning: Governing[]
  findings: Findings
  origin: BaseOrigin
  baseElements: Element[]
  headElements: Element[]
  matches: Int32Array
  /** For each base section, the head section aligned with it, if any. */
  headSectionOf: (number | undefined)[]
  /** Base line → head line, for each line with an element that is still there. */
  headLineOf: Map<number, number>
  /** `rule@line` already reported, so that one cause gives one finding. */
  reported: Set<string>
}

/** Reports an integrity finding: an error, or a notice where the base made the part informational. */
function report(
  context: Context,
  rule: RuleId,
  line: number,
  message: string,
  baseScope: Scope = 'gated'
): void {
  const key = `${rule}@${line}`
  if (context.reported.has(key) && rule === 'integrity-threshold-lowered') return
  context.reported.add(key)
  context.findings.add(
    rule,
    baseScope === 'informational' ? 'notice' : 'error',
    line,
    message,
    undefined
  )
}

/** `line 12 of the template checklists/templates/x.md`, `line 12 of x.md on the base branch`. */
function atBase(context: Context, line: number): string {
  const { origin } = context
  return origin.template
    ? `line ${line} of the template ${origin.path}`
    : `line ${line} of ${origin.path} on ${origin.where}`
}

/** A base element with no counterpart at head. */
function removed(context: Context, element: Element, previousLine: number): void {
  const line =
    context.headLineOf.get(element.line) ?? removalLine(context, element.section, previousLine)
  const scope = context.baseScopes.of(element.section)
  const where = atBase(context, element.line)
  const forbid = context.origin.template
    ? 'a checklist may not leave out what its template asks'
    : 'a pull request may not remove it; change the checklist on the base branch instead'
  switch (element.kind) {
    case 'item':
      report(
        context,
        'integrity-item-removed',
        line,
        `The item "${element.item!.text}" (${where}) was removed: ${forbid}.`,
        scope
      )
      return
    case 'signoff':
      report(
        context,
        'integrity-signoff-removed',
        line,
        `The sign-off line for ${element.signoff!.role} (${where}) was removed: ${forbid}.`,
        scope
      )
      return
    case 'field':
      if (!element.field!.target) return
      report(
        context,
        'integrity-target-loosened',
        line,
        `The target ${element.field!.target.raw} of "${element.field!.label}" (${where}) was removed: ${forbid}.`,
        scope
      )
      return
    case 'choice': {
      const choice = element.choice!
      const labels = choice.options.map(option => option.label).join(' / ')
      const what = choice.context ? `"${choice.context}"` : 'The choice'
      report(
        context,
        'integrity-choice-removed',
        line,
        `${what} (${where}) was a choice of ${labels} and is no longer one: ${forbid}.`,
        scope
      )
      return
    }
    default:
      return
  }
}

/** A base element and its counterpart at head: what the element asks may not have weakened. */
function kept(context: Context, before: Element, now: Element): void {
  const scope = context.baseScopes.of(before.section)
  const where = () => atBase(context, before.line)
  if (before.kind !== 'section' && weaker(context.headScopes.of(now.section), scope)) {
    const to = context.headScopes.of(now.section)
    const section = now.section === undefined ? undefined : context.head.sections[now.section]
    const what =
      before.kind === 'item'
        ? `The item "${before.item!.text}"`
        : before.kind === 'signoff'
          ? `The sign-off line for ${before.signoff!.role}`
          : before.kind === 'field'
            ? `"${before.field!.label}"`
            : `The choice "${before.choice!.context}"`
    const rule: RuleId =
      before.kind === 'item'
        ? 'integrity-item-removed'
        : before.kind === 'signoff'
          ? 'integrity-signoff-removed'
          : before.kind === 'field'
            ? 'integrity-target-loosened'
            : 'integrity-choice-removed'
    if (before.kind !== 'field' || before.field!.target) {
      report(
        context,
        rule,
        now.line,
        `${what} (${where()}) was moved into "${section?.title ?? ''}", which the configuration makes ${to}: a pull request may not move it out of the gate.`,
        scope
      )
    }
    return
  }
  switch (before.kind) {
    case 'item':
      return checkItemThreshold(context, before, now)
    case 'signoff': {
      const was = before.signoff!
      if (was.dateText !== undefined && now.signoff!.dateText === undefined) {
        report(
          context,
          'integrity-signoff-removed',
          now.line,
          `The sign-off line for ${was.role} had a Date part (${where()}), and the Date part was removed: a pull request may not remove it.`,
          scope
        )
      }
      return
    }
    case 'field': {
      const was = before.field!
      const is = now.field!
      if (!was.target || (is.target && !isLooser(was.target, is.target))) return
      report(
        context,
        'integrity-target-loosened',
        now.line,
        `The target of "${was.label}" was ${describeTarget(was)} (${where()}) and is now ${describeTarget(is)}: a pull request may not loosen a target.`,
        scope
      )
      return
    }
    case 'choice': {
      const was = before.choice!
      const is = now.choice!
      if (optionsKey(was) === optionsKey(is)) return
      const what = was.context ? `"${was.context}"` : 'The choice'
      report(
        context,
        'integrity-choice-removed',
        now.line,
        `${what} offered ${was.options.map(o => o.label).join(' / ')} (${where()}) and now offers ${is.options.map(o => o.label).join(' / ')}: a pull request may not change the options of a choice.`,
        scope
      )
      return
    }
    default:
      return
  }
}

const SCOPE_WEIGHT: Record<Scope, number> = { gated: 2, informational: 1, excluded: 0 }

function weaker(now: Scope, before: Scope): boolean {
  return SCOPE_WEIGHT[now] < SCOPE_WEIGHT[before]
}

/** An item kept, but where a lower threshold governs it than at base. */
function checkItemThreshold(context: Context, before: Element, now: Element): void {
  const was = governingOf(context.baseGoverning, before.section)
  const is = governingOf(context.headGoverning, now.section)
  if (!isLowered(was, is)) return
  const section = now.section === undefined ? undefined : context.head.sections[now.section]
  report(
    context,
    'integrity-threshold-lowered',
    section?.line ?? now.line,
    `The item "${before.item!.text}" was governed by ${describeGoverning(context.base, was)} (${atBase(context, before.line)}) and now by ${describeGoverning(context.head, is)}: a pull request may not lower a threshold.`
  )
}

/**
 * Head fields that the base did not have, of a label the base gives a target: each must be no
 * looser than some base field of the label, so that a repeated label cannot hide a looser target.
 */
function checkNewTargets(context: Context): void {
  // By label, one base field per distinct target: a label repeated in every component of a
  // checklist keeps a short list.
  const byLabel = new Map<string, Map<string, Field>>()
  for (const element of context.baseElements) {
    const field = element.field
    if (!field?.target || context.baseScopes.of(field.section) === 'excluded') continue
    const label = normaliseLabel(field.label)
    const targets = byLabel.get(label) ?? new Map<string, Field>()
    byLabel.set(label, targets)
    const target = field.target.raw.replace(/\s+/g, '')
    if (!targets.has(target)) targets.set(target, field)
  }
  const matched = new Uint8Array(context.headElements.length)
  for (const j of context.matches) if (j >= 0) matched[j] = 1
  for (const element of context.headElements) {
    const field = element.field
    if (!field || matched[element.order]) continue
    const targets = byLabel.get(normaliseLabel(field.label))
    if (!targets) continue
    const befores = [...targets.values()]
    const keeps = (before: Field) =>
      field.target !== undefined && !isLooser(before.target!, field.target)
    if (befores.some(keeps)) continue
    report(
      context,
      'integrity-target-loosened',
      field.line,
      `The target of "${field.label}" was ${describeTarget(befores[0]!)} (${atBase(context, befores[0]!.line)}) and is now ${describeTarget(field)}: a pull request may not loosen a target, also not in a repeated field.`
    )
  }
}

/**
 * No section may ask less of its items than its counterpart did at base: not by lowering its
 * threshold, nor by adding a lower one to a heading that had none or to a sub-section of a
 * critical section. A new section is compared with its nearest enclosing section that has a
 * counterpart (or with "all done" at the top).
 */
function checkSectionThresholds(context: Context): void {
  const { head, base, headScopes, baseScopes } = context
  const baseSectionOf: (number | undefined)[] = head.sections.map(() => undefined)
  context.headSectionOf.forEach((h, b) => {
    if (h !== undefined) baseSectionOf[h] = b
  })
  for (const section of head.sections) {
    if (headScopes.of(section.index) === 'excluded') continue
    let counterpart: number | undefined
    for (let s: number | undefined = section.index; s !== undefined; s = head.sections[s]!.parent) {
      counterpart = baseSectionOf[s]
      if (counterpart !== undefined) break
    }
    if (counterpart !== undefined && baseScopes.of(counterpart) === 'excluded') continue
    const before =
      counterpart === undefined ? ALL_DONE : governingOf(context.baseGoverning, counterpart)
    const now = governingOf(context.headGoverning, section.index)
    if (!isLowered(before, now)) continue
    const compared =
      counterpart === undefined
        ? ' (a new section, compared with the top of the checklist)'
        : baseSectionOf[section.index] === counterpart
          ? ''
          : ` (a new section, compared with "${base.sections[counterpart]!.title}")`
    report(
      context,
      'integrity-threshold-lowered',
      section.line,
      `The items of "${section.title}"${compared} were governed by ${describeGoverning(base, before)} (${counterpart === undefined ? (context.origin.template ? `the template ${context.origin.path}` : context.origin.where) : atBase(context, base.sections[counterpart]!.line)}) and now by ${describeGoverning(head, now)}: a pull request may not lower a threshold.`
    )
  }
}

/**
 * Sign-off lines stay in the block where the base has them: lines that one block held at base
 * are in one block at head, so that a label inserted between them cannot split the roles of one
 * block and let one person sign two of them (`distinct-signers` compares within a block).
 */
function checkSignoffBlocks(context: Context): void {
  const headBlockOf = new Map<number, { block: number; line: number }>()
  for (const before of context.baseElements) {
    if (before.kind !== 'signoff' || context.baseScopes.of(before.section) === 'excluded') continue
    const j = context.matches[before.order]!
    if (j < 0) continue
    const now = context.headElements[j]!.signoff!
    const first = headBlockOf.get(before.signoff!.blockLine)
    if (!first) {
      headBlockOf.set(before.signoff!.blockLine, { block: now.blockLine, line: now.line })
      continue
    }
    if (first.block === now.blockLine) continue
    report(
      context,
      'integrity-signoff-moved',
      now.line,
      `The sign-off line for ${now.role} was in one block with the line now at line ${first.line} (block at ${atBase(context, before.signoff!.blockLine)}), and is now in another block: a pull request may not split a sign-off block or move its lines, since each role of a block needs its own person.`,
      context.baseScopes.of(before.section)
    )
  }
}

/**
 * Adding items never makes a section pass: each section of the base with a threshold below
 * 100% must also pass counting only the items it had at base, wherever they are now. (Where no
 * threshold or 100% governs, every item must be done anyway, each on its own.)
 */
function checkDilution(context: Context): void {
  const { head, base, baseScopes, headScopes } = context
  const { done, waived } = headProgress(head)
  const atHead = governedTotals(context, done, waived)
  const groups = new Map<number, { total: number; done: number; firstLine: number }>()
  for (const element of context.baseElements) {
    if (element.kind !== 'item' || baseScopes.of(element.section) === 'excluded') continue
    const governing = governingOf(context.baseGoverning, element.section)
    if (governing.from === undefined || governing.threshold >= 100) continue
    const j = context.matches[element.order]!
    const now = j < 0 ? undefined : context.headElements[j]!
    if (now && (waived[now.item!.index] || headScopes.of(now.section) === 'excluded')) continue
    const group = groups.get(governing.from) ?? { total: 0, done: 0, firstLine: now?.line ?? 1 }
    group.total++
    if (now && done[now.item!.index]) group.done++
    groups.set(governing.from, group)
  }
  for (const [from, group] of groups) {
    const required = baseScopes.thresholdOf(from)!
    if (group.done * 100 >= required * group.total) continue
    const section = base.sections[from]!
    const at = context.headSectionOf[from]
    const headSection = at === undefined ? undefined : head.sections[at]!
    // The head section falling short on its own is the threshold rule's finding already.
    const own = headSection && atHead.get(headSection.index)
    const threshold = headSection && headScopes.thresholdOf(headSection.index)
    if (own && threshold !== undefined && own.done * 100 < threshold * own.total) continue
    const share = Math.floor((group.done * 100) / group.total)
    report(
      context,
      'integrity-threshold-diluted',
      headSection?.line ?? group.firstLine,
      `"${section.title}" has ${group.done} of the ${group.total} items it has at ${atBase(context, section.line)} done (${share}%), below its ${required}%: items added in this pull request do not count towards a section's threshold.`
    )
  }
}

/** Each head section's governed items, counted as the threshold rule counts them. */
function governedTotals(
  context: Context,
  done: boolean[],
  waived: boolean[]
): Map<number, { total: number; done: number }> {
  const { head, headScopes } = context
  const signoffLines = taskSignoffLines(head)
  const totals = new Map<number, { total: number; done: number }>()
  for (const item of head.items) {
    if (signoffLines.has(item.line) || waived[item.index]) continue
    if (headScopes.of(item.section) === 'excluded') continue
    const from = governingOf(context.headGoverning, item.section).from
    if (from === undefined) continue
    const entry = totals.get(from) ?? { total: 0, done: 0 }
    entry.total++
    if (done[item.index]) entry.done++
    totals.set(from, entry)
  }
  return totals
}

/** Each head item's "done" and "waived", as the item rules count them. */
function headProgress(head: Checklist): { done: boolean[]; waived: boolean[] } {
  const waived = head.items.map(() => false)
  for (const item of head.items) {
    waived[item.index] =
      item.waiver !== undefined || (item.parent !== undefined && waived[item.parent]!)
  }
  const done = head.items.map(() => false)
  for (let i = head.items.length - 1; i >= 0; i--) {
    const item = head.items[i]!
    done[i] = item.checked && item.children.every(child => done[child] || waived[child])
  }
  return { done, waived }
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
 * For each base section, its head counterpart: aligned with it, or (for the title, which is not
 * aligned) the head's title.
 */
function sectionMap(
  base: Checklist,
  head: Checklist,
  baseElements: Element[],
  headElements: Element[],
  matches: Int32Array
): (number | undefined)[] {
  const map: (number | undefined)[] = base.sections.map(() => undefined)
  for (const element of baseElements) {
    const j = matches[element.order]!
    if (element.kind === 'section' && j >= 0) map[element.section!] = headElements[j]!.section
  }
  const baseTitle = documentTitle(base)
  const headTitle = documentTitle(head)
  if (baseTitle !== undefined && headTitle !== undefined) map[baseTitle] = headTitle
  return map
}

/** For each base element, the head line of the nearest aligned element before it, else 1. */
function precedingHeadLines(
  baseElements: Element[],
  headElements: Element[],
  matches: Int32Array
): number[] {
  const lines: number[] = []
  let line = 1
  for (const element of baseElements) {
    lines.push(line)
    const j = matches[element.order]!
    if (j >= 0) line = headElements[j]!.line
  }
  return lines
}

/**
 * Where a removal is reported at head: the head line of what else stood on its line (a metric
 * row that lost its Status cell), else the heading of the base element's section at head (or of
 * its nearest enclosing section that is still there), else the nearest aligned element before it.
 */
function removalLine(context: Context, section: number | undefined, previousLine: number): number {
  for (let s = section; s !== undefined; s = context.base.sections[s]!.parent) {
    const at = context.headSectionOf[s]
    if (at !== undefined) return context.head.sections[at]!.line
  }
  return previousLine
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

function optionsKey(choice: Choice): string {
  return [...new Set(choice.options.map(option => normaliseLabel(option.label)))]
    .sort()
    .join('\u0000')
}

/** Lines of the task items that are sign-off lines, and so not counted as items. */
/**
 * Waiving an item appends `N/A: reason`: the item is still there. Only a waived item loses that
 * part: on any other item, `N/A: …` is text like the rest, so an item rewritten as
 * `Zero critical bugs N/A: @alice Date: …` is not its base item any more.
 */
function itemText(item: TaskItem): string {
  return item.waiver ? item.text.replace(/\s*N\/A\s*[:–—-][^]*$/i, '') : item.text
}

/** Ballot boxes, marked or not, as one box: marking one is filling in. */
const BALLOT_BOX = /☐|☒|☑\uFE0F?|✅|✔\uFE0F?|✓|\[[ xX]\]/g

/** Text as compared: one box for every ballot box, single spaces, lower case. */
function normaliseText(text: string): string {
  return text.replace(BALLOT_BOX, '☐').replace(/\s+/g, ' ').trim().toLowerCase()
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
    if (parts[i] === '') continue
    const at = text.indexOf(parts[i]!, position + 1)
    if (at < 0) return false
    position = at + parts[i]!.length
  }
  return position + 1 <= text.length - last.length
}
