import type { Checklist } from '../checklist/model.js'
import type { Config } from '../config/types.js'
import { checkBlanks } from './blanks.js'
import { checkChoices } from './choices.js'
import { checkFields } from './fields.js'
import { checkIntegrity } from './integrity.js'
import { checkItems } from './items.js'
import { Findings, resolveScopes } from './scope.js'
import { checkSignoffs } from './signoffs.js'
import type { Evaluation, SignoffContext } from './types.js'

export type * from './types.js'
export { RULE_IDS } from './types.js'

/**
 * Evaluates one checklist: every rule family over the parsed head version, and the tamper check
 * against the base version when there is one. The gate passes when no finding is an error.
 */
export function evaluate(
  checklist: Checklist,
  config: Config,
  context: SignoffContext,
  base?: Checklist
): Evaluation {
  const scopes = resolveScopes(checklist, config)
  const findings = new Findings(scopes)
  const { sections, items } = checkItems(checklist, config, scopes, findings)
  checkBlanks(checklist, findings)
  const fields = checkFields(checklist, scopes, findings)
  checkChoices(checklist, config, findings)
  const signoffs = checkSignoffs(checklist, config, context, scopes, findings)
  if (base) checkIntegrity(checklist, base, scopes, resolveScopes(base, config), findings)

  const list = findings.list.sort((a, b) => a.line - b.line)
  return {
    path: checklist.path,
    passed: !list.some(finding => finding.severity === 'error'),
    items,
    tasks: checklist.items.map(item => ({ line: item.line, checked: item.checked })),
    sections,
    signoffs,
    fields,
    findings: list
  }
}
