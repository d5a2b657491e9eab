import type { Evaluation, Severity } from '../rules/types.js'
import { oneLine } from './escape.js'
import { byLineThenSeverity, findingCounts, plural, tally } from './tally.js'

export interface TextOptions {
  /** ANSI colors; the caller decides (TTY, `NO_COLOR`, `FORCE_COLOR`). */
  color: boolean
}

const ANSI = {
  bold: '\u001b[1m',
  red: '\u001b[31m',
  green: '\u001b[32m',
  yellow: '\u001b[33m',
  cyan: '\u001b[36m',
  reset: '\u001b[0m'
} as const

const SEVERITY_COLOR: Record<Severity, string> = {
  error: ANSI.red + ANSI.bold,
  warning: ANSI.yellow,
  notice: ANSI.cyan
}

/**
 * Terminal output: one `path:line: severity rule: message` line per finding, as compilers
 * print them (so editors and grep understand them), then a short summary per checklist.
 * Checklist text is made one line without control characters, so a checklist cannot send
 * escape sequences to the terminal or fake extra finding lines.
 */
export function toText(evaluations: readonly Evaluation[], options: TextOptions): string {
  const paint = (style: string, text: string): string =>
    options.color ? style + text + ANSI.reset : text
  const lines: string[] = []

  for (const evaluation of evaluations) {
    const path = oneLine(evaluation.path)
    for (const finding of [...evaluation.findings].sort(byLineThenSeverity)) {
      lines.push(
        `${paint(ANSI.bold, `${path}:${finding.line}:`)} ` +
          `${paint(SEVERITY_COLOR[finding.severity], finding.severity)} ` +
          `${finding.rule}: ${oneLine(finding.message)}`
      )
    }
  }
  if (lines.length > 0) lines.push('')

  for (const evaluation of evaluations) {
    const counts = tally([evaluation])
    const verdict = evaluation.passed
      ? paint(ANSI.green + ANSI.bold, 'ready')
      : paint(ANSI.red + ANSI.bold, 'not ready')
    lines.push(`${paint(ANSI.bold, oneLine(evaluation.path))}: ${verdict}`)
    let items = `${counts.items.done}/${counts.items.total} done`
    if (counts.items.waived > 0) items += `, ${counts.items.waived} waived`
    lines.push(`  items      ${items}`)
    const sectionCount = counts.sections.passed + counts.sections.failed
    if (sectionCount > 0)
      lines.push(`  sections   ${counts.sections.passed}/${sectionCount} passed`)
    if (counts.signoffs.total > 0) {
      lines.push(`  sign-offs  ${counts.signoffs.signed}/${counts.signoffs.total} signed`)
    }
    lines.push(`  findings   ${findingCounts(counts)}`)
  }

  if (evaluations.length === 0) {
    lines.push('No checklist to check.')
  } else if (evaluations.length > 1) {
    const counts = tally(evaluations)
    lines.push(
      '',
      counts.failedChecklists > 0
        ? `${counts.failedChecklists} of ${counts.checklists} checklists not ready`
        : `${plural(counts.checklists, 'checklist')} ready`
    )
  }
  return lines.join('\n') + '\n'
}
