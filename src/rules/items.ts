import type { Checklist } from '../checklist/model.js'
import type { Config } from '../config/types.js'
import { taskSignoffLines } from './counted.js'
import type { Findings, Scopes } from './scope.js'
import { type Governing, governingOf, governingThresholds } from './threshold.js'
import type { SectionResult } from './types.js'

export interface ItemResults {
  sections: SectionResult[]
  items: { total: number; done: number; waived: number }
  /** The lines of waived items' own text: what is written there is waived with the item. */
  waivedLines: ReadonlySet<number>
}

/**
 * `item-open`, `checked-with-open-children`, `waiver-not-allowed` and `threshold`.
 *
 * Each item is governed by the nearest enclosing section that has a threshold; an open item there
 * is a warning, and the section falling below its threshold is the error. Items that no threshold
 * governs must all be done. Task items that are sign-off lines are left to the sign-off rules.
 */
export function checkItems(
  checklist: Checklist,
  config: Config,
  scopes: Scopes,
  findings: Findings
): ItemResults {
  const { items, sections } = checklist
  const signoffLines = taskSignoffLines(checklist)

  const governing = governingThresholds(checklist, scopes)
  const governorOf = (section: number | undefined): Governing => governingOf(governing, section)

  // Flags by item index: typed arrays take a byte an item, where arrays of booleans take eight.
  const counted = new Uint8Array(items.length)
  const waived = new Uint8Array(items.length)
  /** For a waived item, the threshold governing the item whose waiver reached it. */
  const waivedUnder = new Float64Array(items.length)
  const waivedLines = new Set<number>()

  // Waivers flow down: the children of a waived item are waived with it, but only as far as
  // the threshold the waiver was allowed under. A child that a stricter threshold governs (a
  // 100% heading indented inside a 90% item) must be waived on its own, where policy can refuse
  // it; otherwise one waiver in a lenient section would carry critical items out of the count.
  // Under `except-critical`, an item is critical when every item around it must be done:
  // governed by a 100% threshold, or by no threshold at all (which asks the same).
  // Loops over the items count: a for-of allocates an iterator result per item until the
  // JIT optimizes it away, and the gate mostly runs once, before it does.
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    const isCounted = !signoffLines.has(item.line) && scopes.of(item.section) !== 'excluded'
    counted[item.index] = isCounted ? 1 : 0
    const governor = governorOf(item.section)
    const critical = governor.threshold === 100
    const allowed =
      config.waivers === 'allowed' || (config.waivers === 'except-critical' && !critical)
    if (item.waiver && !allowed && isCounted) {
      findings.add(
        'waiver-not-allowed',
        'error',
        item.line,
        config.waivers === 'forbidden'
          ? `"${item.text}" is struck through as N/A, but the configuration allows no waivers: do the item, or set waivers in the configuration.`
          : governor.from === undefined
            ? `"${item.text}" is struck through as N/A, but no threshold governs its section, so every item there must be done: critical items cannot be waived (waivers: except-critical).`
            : `"${item.text}" is struck through as N/A, but it is in a section that must pass 100%: critical items cannot be waived (waivers: except-critical).`,
        item.section
      )
    }
    if (item.waiver !== undefined && allowed) {
      waived[item.index] = 1
      waivedUnder[item.index] = governor.threshold
    } else if (
      item.parent !== undefined &&
      waived[item.parent] === 1 &&
      governor.threshold <= waivedUnder[item.parent]!
    ) {
      waived[item.index] = 1
      waivedUnder[item.index] = waivedUnder[item.parent]!
    }
    // The lines of a waived item's own text: what is written there is waived with it.
    if (waived[item.index] === 1) {
      for (let line = item.line; line <= item.lastLine; line++) waivedLines.add(line)
    }
  }

  // Children come after their parent, so one backward pass settles every item's "done".
  const done = new Uint8Array(items.length)
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!
    let all = item.checked
    for (let c = 0; all && c < item.children.length; c++) {
      const child = item.children[c]!
      all = done[child] === 1 || waived[child] === 1
    }
    done[i] = all ? 1 : 0
  }

  const sectionTotals = sections.map(() => ({ total: 0, done: 0, waived: 0 }))
  const governedTotals = sections.map(() => ({ total: 0, done: 0 }))
  const failing = sections.map(() => false)
  const markFailing = (section: number | undefined) => {
    for (let s = section; s !== undefined; s = sections[s]!.parent) failing[s] = true
  }
  const totals = { total: 0, done: 0, waived: 0 }

  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    if (!counted[item.index]) continue
    const governor = governorOf(item.section)
    for (let s = item.section; s !== undefined; s = sections[s]!.parent) {
      const t = sectionTotals[s]!
      if (waived[item.index]) t.waived++
      else {
        t.total++
        if (done[item.index]) t.done++
      }
    }
    if (waived[item.index]) {
      totals.waived++
      continue
    }
    totals.total++
    if (done[item.index]) totals.done++
    if (governor.from !== undefined) {
      governedTotals[governor.from]!.total++
      if (done[item.index]) governedTotals[governor.from]!.done++
    }
    if (done[item.index]) continue

    if (item.checked) {
      findings.add(
        'checked-with-open-children',
        'error',
        item.line,
        `"${item.text}" is ticked, but some of its sub-items are not: finish them or untick it.`,
        item.section
      )
    } else if (governor.from === undefined) {
      findings.add('item-open', 'error', item.line, `"${item.text}" is not ticked.`, item.section)
    } else {
      findings.add(
        'item-open',
        'warning',
        item.line,
        `"${item.text}" is not ticked: it counts against the ${governor.threshold}% threshold of "${sections[governor.from]!.title}".`,
        item.section
      )
    }
    if (governor.from === undefined || item.checked) markFailing(item.section)
  }

  for (const section of sections) {
    const threshold = scopes.thresholdOf(section.index)
    if (threshold === undefined) continue
    const { total, done: doneCount } = governedTotals[section.index]!
    if (total === 0 && sectionTotals[section.index]!.waived > 0) {
      // Waiving every item would meet any threshold with 0 of 0: a threshold needs items.
      markFailing(section.index)
      findings.add(
        'threshold',
        'error',
        section.line,
        `Every item of "${section.title}" is waived: its ${threshold}% threshold is met by no item. Do at least one, or ask for the section to be excluded in the configuration.`,
        section.index
      )
      continue
    }
    // Compare in whole numbers so that exactly at the threshold passes, free of rounding.
    if (doneCount * 100 >= threshold * total) continue
    markFailing(section.index)
    const share = Math.floor((doneCount * 100) / total)
    findings.add(
      'threshold',
      'error',
      section.line,
      `"${section.title}" has ${doneCount} of ${total} items done (${share}%), below the ${threshold}% it requires.`,
      section.index
    )
  }

  const results: SectionResult[] = []
  for (const section of sections) {
    const scope = scopes.of(section.index)
    if (scope === 'excluded') continue
    const threshold = scopes.thresholdOf(section.index)
    const own = sectionTotals[section.index]!
    results.push({
      title: section.title,
      line: section.line,
      scope,
      threshold,
      total: own.total,
      done: own.done,
      waived: own.waived,
      passed: !failing[section.index]
    })
  }
  return { sections: results, items: totals, waivedLines }
}
