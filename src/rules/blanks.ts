import type { Checklist } from '../checklist/model.js'
import type { Findings } from './scope.js'

const CONTEXT_LIMIT = 120

/**
 * `blank`: a placeholder left in a gated section; one finding per line. A blank in a waived
 * item's own text is not one: nothing there is asked for once the item is waived.
 */
export function checkBlanks(
  checklist: Checklist,
  waivedLines: ReadonlySet<number>,
  findings: Findings
): void {
  let previousLine = 0
  for (const blank of checklist.blanks) {
    if (blank.line === previousLine || waivedLines.has(blank.line)) continue
    previousLine = blank.line
    const context =
      blank.context.length > CONTEXT_LIMIT
        ? `${blank.context.slice(0, CONTEXT_LIMIT)}…`
        : blank.context
    findings.add('blank', 'error', blank.line, `Fill in the blank: "${context}".`, blank.section)
  }
}
