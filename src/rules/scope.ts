import type { Checklist } from '../checklist/model.js'
import { scopeFor, thresholdFor } from '../config/sections.js'
import type { Config } from '../config/types.js'
import type { Finding, RuleId, Scope, Severity } from './types.js'

/** What configuration makes of each section of one checklist, computed once per evaluation. */
export interface Scopes {
  /** Scope of a section by index; undefined (no section) is gated. */
  of(section: number | undefined): Scope
  /** The threshold that governs a section by index: configuration first, then its heading. */
  thresholdOf(section: number): number | undefined
}

export function resolveScopes(checklist: Checklist, config: Config): Scopes {
  const scopes = checklist.sections.map(section => scopeFor(config, section.path))
  const thresholds = checklist.sections.map(
    section => thresholdFor(config, section.path) ?? section.threshold
  )
  return {
    of: section => (section === undefined ? 'gated' : (scopes[section] ?? 'gated')),
    thresholdOf: section => thresholds[section]
  }
}

/** Collects findings; informational sections report, but never fail the gate. */
export class Findings {
  readonly list: Finding[] = []
  /** Sections with an error, so that none of them is shown as passed. */
  readonly sectionsWithErrors = new Set<number>()

  constructor(private readonly scopes: Scopes) {}

  add(
    rule: RuleId,
    severity: Severity,
    line: number,
    message: string,
    section: number | undefined
  ) {
    const scope = this.scopes.of(section)
    if (scope === 'excluded') return
    if (scope === 'gated' && severity === 'error' && section !== undefined)
      this.sectionsWithErrors.add(section)
    this.list.push({
      rule,
      severity: scope === 'informational' ? 'notice' : severity,
      line,
      message
    })
  }
}
