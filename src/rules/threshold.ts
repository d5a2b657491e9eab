import type { Checklist } from '../checklist/model.js'
import type { Scopes } from './scope.js'

/**
 * What governs a section's items: the threshold of the section itself, else of its nearest
 * ancestor with one (configuration first, then the heading), else nothing, which means every
 * item must be done. `explicit` tells the two kinds of 100% apart, a written (or configured)
 * one and the 100% of no threshold at all: dropping the written one is lowering it.
 *
 * The items rules and the tamper check must agree on what governs an item, or a pull request
 * could satisfy one reading and be judged by the other; so both take it from here.
 */
export interface Governing {
  threshold: number
  explicit: boolean
  /** The section whose threshold it is, if any. */
  from: number | undefined
}

/** What governs items outside any threshold, and items before the first heading. */
export const ALL_DONE: Governing = { threshold: 100, explicit: false, from: undefined }

/** What governs the items of `section`, from `governingThresholds`; before any heading, nothing. */
export function governingOf(
  governing: readonly Governing[],
  section: number | undefined
): Governing {
  return section === undefined ? ALL_DONE : governing[section]!
}

/** The governing threshold of every section, by section index. */
export function governingThresholds(checklist: Checklist, scopes: Scopes): Governing[] {
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
