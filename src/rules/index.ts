import type { Checklist } from '../checklist/model.js'
import type { Config } from '../config/types.js'
import { checkBlanks } from './blanks.js'
import { checkChoices } from './choices.js'
import { checkFields } from './fields.js'
import { type BaseOrigin, checkIntegrity } from './integrity.js'
import { checkItems } from './items.js'
import { Findings, resolveScopes } from './scope.js'
import { checkSignoffs } from './signoffs.js'
import type { Evaluation, SectionResult, SignoffContext } from './types.js'

export type * from './types.js'
export { RULE_IDS } from './types.js'
export { hasCountedItems } from './counted.js'
export type { BaseOrigin } from './integrity.js'

/** A version the head is tamper-checked against, and where it comes from. */
export interface Against {
  checklist: Checklist
  origin: BaseOrigin
}

/**
 * Evaluates one checklist: every rule family over the parsed head version, and the tamper check
 * against the base version (and, for a checklist renamed onto a path with a template, that template
 * too) when there is one. The gate passes when no finding is an error.
 */
export function evaluate(
  checklist: Checklist,
  config: Config,
  context: SignoffContext,
  base?: Checklist | readonly Against[]
): Evaluation {
  const scopes = resolveScopes(checklist, config)
  const findings = new Findings(scopes)
  const { sections, items, waivedLines } = checkItems(checklist, config, scopes, findings)
  checkBlanks(checklist, waivedLines, findings)
  const fields = checkFields(checklist, scopes, waivedLines, findings)
  checkChoices(checklist, config, findings)
  const signoffs = checkSignoffs(checklist, config, context, scopes, findings)
  const bases = base === undefined ? [] : 'sections' in base ? [{ checklist: base }] : base
  for (const against of bases as readonly { checklist: Checklist; origin?: BaseOrigin }[]) {
    const baseScopes = resolveScopes(against.checklist, config)
    checkIntegrity(checklist, against.checklist, scopes, baseScopes, findings, against.origin)
  }

  const list = findings.list.sort((a, b) => a.line - b.line)
  return {
    path: checklist.path,
    passed: !list.some(finding => finding.severity === 'error'),
    items,
    tasks: checklist.items.map(item => ({ line: item.line, checked: item.checked })),
    sections: withErrorsFailed(checklist, sections, findings.sectionsWithErrors),
    signoffs,
    fields,
    findings: list
  }
}

/**
 * A section with an error anywhere in it (a missed target, a bad sign-off) has not passed,
 * whatever its share of ticked items; nor have the sections around it. Each section also
 * gets its heading level, which tells the report the checklist's top-level parts.
 */
function withErrorsFailed(
  checklist: Checklist,
  sections: SectionResult[],
  withErrors: ReadonlySet<number>
): SectionResult[] {
  const failed = new Set<number>()
  for (const index of withErrors) {
    for (let s: number | undefined = index; s !== undefined; s = checklist.sections[s]?.parent)
      failed.add(checklist.sections[s]!.line)
  }
  const levels = new Map(checklist.sections.map(section => [section.line, section.level]))
  return sections.map(section => ({
    ...section,
    passed: section.passed && !failed.has(section.line),
    level: levels.get(section.line)
  }))
}
