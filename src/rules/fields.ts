import type { Checklist, Field, Quantity } from '../checklist/model.js'
import { normaliseLabel } from '../checklist/grammar.js'
import { compare, formatQuantity, isBareTarget } from '../checklist/quantity.js'
import { markedOption } from './choices.js'
import type { Findings, Scopes } from './scope.js'
import type { FieldResult, FieldStatus } from './types.js'

const SAYS_MET = new Set(['met', 'pass', 'passed', 'yes', 'ok', 'achieved', 'go'])
const SAYS_MISSED = new Set(['not met', 'fail', 'failed', 'no', 'missed', 'not achieved', 'no-go'])

/**
 * `field-unfilled`, `target-unparsed`, `target-missed`, `target-unit-mismatch` and
 * `status-contradicts-value`. A value that cannot be compared with its target is an error,
 * never a silent pass.
 *
 * A field in a waived item's own text measures the work that was waived: it is neither asked
 * for nor held to its target, but kept in the results as waived. A sub-item the waiver reaches
 * is waived with its fields; anything else below the item (a plain bullet, a table) is not an
 * item's own text and stays required.
 */
export function checkFields(
  checklist: Checklist,
  scopes: Scopes,
  waivedLines: ReadonlySet<number>,
  findings: Findings
): FieldResult[] {
  const results: FieldResult[] = []
  for (const field of checklist.fields) {
    const scope = scopes.of(field.section)
    if (scope === 'excluded') continue
    const waived = waivedLines.has(field.line)
    const status = waived ? 'waived' : fieldStatus(field, findings)
    if (field.status && !waived) checkStatusCell(field, status, findings)
    results.push({
      label: field.label,
      line: field.line,
      value: field.value,
      target: field.targetText,
      status,
      scope
    })
  }
  return results
}

function fieldStatus(field: Field, findings: Findings): FieldStatus {
  const add = (rule: Parameters<Findings['add']>[0], message: string) =>
    findings.add(rule, 'error', field.line, message, field.section)
  if (field.value === undefined || !/\d/.test(field.value)) {
    const target = field.targetText ? ` (target: ${field.targetText})` : ''
    add('field-unfilled', `"${field.label}" is not filled in${target}.`)
    return 'unfilled'
  }
  if (field.targetText === undefined) return 'no-target'
  if (!field.target) {
    add(
      'target-unparsed',
      /^\(\s*targets?\b/i.test(field.targetText)
        ? `The target of "${field.label}" cannot be read: "${field.targetText}" must be written "(target: EXPR)", with a colon and a closing parenthesis, as in "(target: < 120s)".`
        : `The target "${field.targetText}" of "${field.label}" cannot be read: write it as "< 120s", "<= 50ms", ">= 99.9%" or "50+".`
    )
    return 'incomparable'
  }
  if (field.source === 'table' && field.baseline === undefined && isBareTarget(field.targetText)) {
    add(
      'target-unparsed',
      `The target "${field.targetText}" of "${field.label}" has no direction: write "≤${field.targetText}" or "≥${field.targetText}", or fill in the Baseline it improves on.`
    )
    return 'incomparable'
  }
  const actual = field.actual
  if (!actual) {
    add(
      'target-unit-mismatch',
      `"${field.label}" is "${field.value}", which is not a number with a known unit: write it like "95 seconds" or "99.9%".`
    )
    return 'incomparable'
  }
  const outcome = compare(actual, field.target)
  if (outcome === 'incomparable') {
    add(
      'target-unit-mismatch',
      `"${field.label}" is ${describe(actual)}, which cannot be compared with its target ${field.target.raw}: write the value in a unit of the same kind (${field.target.quantity.dimension}).`
    )
    return 'incomparable'
  }
  if (outcome === 'missed') {
    add(
      'target-missed',
      `"${field.label}" is ${formatQuantity(actual)}, which misses its target ${field.target.raw}.`
    )
    return 'missed'
  }
  return 'met'
}

function checkStatusCell(field: Field, status: FieldStatus, findings: Findings): void {
  const marked = markedOption(field.status!, findings)
  if (marked === undefined) return
  const label = normaliseLabel(marked)
  const saysMet = SAYS_MET.has(label)
  const saysMissed = SAYS_MISSED.has(label)
  if (!saysMet && !saysMissed) return
  const computedMet = status === 'met'
  if (saysMet !== computedMet) {
    findings.add(
      'status-contradicts-value',
      'error',
      field.line,
      `"${field.label}" is marked "${marked}", but the value ${field.value ?? '(not filled in)'} ${computedMet ? 'meets' : 'does not meet'} its target ${field.targetText ?? ''}.`.replace(
        / \.$/,
        '.'
      ),
      field.section
    )
  }
}

function describe(quantity: Quantity): string {
  return quantity.dimension === 'count'
    ? `a bare number (${quantity.raw})`
    : formatQuantity(quantity)
}
