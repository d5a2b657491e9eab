import type { Checklist } from '../checklist/model.js'
import type { Findings } from './scope.js'

const CONTEXT_LIMIT = 120

/** `blank`: a placeholder left in a gated section; one finding per line. */
export function checkBlanks(checklist: Checklist, findings: Findings): void {
  let previousLine = 0
  for (const blank of checklist.blanks) {
    if (blank.line === previousLine) continue
    previousLine = blank.line
    const context =
      blank.context.length > CONTEXT_LIMIT
        ? `${blank.context.slice(0, CONTEXT_LIMIT)}…`
        : blank.context
    findings.add('blank', 'error', blank.line, `Fill in the blank: "${context}".`, blank.section)
  }
}
