import type { Evaluation, Severity } from '../rules/types.js'
import { oneLine } from './escape.js'
import { type Step, type ToDo, topLevelParts, partIndex, whatsLeft } from './left.js'
import { title } from './summary.js'
import { byLineThenSeverity, findingCounts, plural, tally } from './tally.js'

export interface TextOptions {
  /** ANSI colors; the caller decides (TTY, `NO_COLOR`, `FORCE_COLOR`). */
  color: boolean
  /** Every finding as a compiler-style line, before the summary (`--all`). */
  all?: boolean
  /** What to do next, the last lines; the command line knows what it was given. */
  next?: readonly string[]
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

/** Places one line of "what's left" names before "and N more". */
const STEPS_PER_LINE = 4
/** Lines of one kind before the rest are counted. */
const LINES_PER_KIND = 3
/** Rows of the parts table before the rest are counted. */
const MAX_PARTS = 14

const ACTION: Record<ToDo['kind'], string> = {
  approve: 'approve the pull request, to sign',
  'approve-again': 'approve again (the checklist changed since), for',
  verify: 'approval not verified, for',
  sign: 'sign',
  'fix-signoff': 'fix the sign-off:',
  'fill-in': 'fill in',
  'fix-target': 'fix a target:',
  tick: 'tick',
  fix: 'fix:'
}

/**
 * Terminal output, one screen by default: the verdict, what's left grouped by who must act
 * (each place as `path:line`, which editors open), the checklist's top-level parts, and what
 * to do next. `all` adds every finding first, one `path:line: severity rule: message` line
 * each, as compilers print them. Checklist text is made one line without control characters,
 * so a checklist cannot send escape sequences to the terminal or fake extra lines.
 */
export function toText(evaluations: readonly Evaluation[], options: TextOptions): string {
  const paint = (style: string, text: string): string =>
    options.color ? style + text + ANSI.reset : text
  const lines: string[] = []

  if (options.all) {
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
  }

  for (const [index, evaluation] of evaluations.entries()) {
    if (index > 0) lines.push('')
    const path = oneLine(evaluation.path)
    const verdict = evaluation.passed
      ? paint(ANSI.green + ANSI.bold, 'ready')
      : paint(ANSI.red + ANSI.bold, 'not ready')
    const facts = title([evaluation]).replace(/^(Not ready|Ready): /, '')
    lines.push(`${paint(ANSI.bold, path)}: ${verdict}: ${oneLine(facts)}`)

    const todos = whatsLeft([evaluation])
    if (todos.length > 0) {
      lines.push('', paint(ANSI.bold, "What's left:"))
      lines.push(...leftLines(todos, paint))
    }

    const parts = topLevelParts(evaluation)
    if (parts.length > 0) {
      lines.push('', paint(ANSI.bold, 'Parts:'))
      lines.push(...partLines(evaluation, parts, paint))
    }
    const counts = tally([evaluation])
    lines.push(
      '',
      `Items ${counts.items.done}/${counts.items.total} done` +
        (counts.items.waived > 0 ? `, ${counts.items.waived} waived` : '') +
        (counts.signoffs.total > 0
          ? `; sign-offs ${counts.signoffs.signed}/${counts.signoffs.total} signed`
          : '') +
        `; ${findingCounts(counts)}` +
        (options.all || evaluation.findings.length === 0 ? '.' : ' (--all lists every one).')
    )
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
  if (options.next !== undefined && options.next.length > 0) {
    lines.push('', paint(ANSI.bold, 'Next:'), ...options.next.map(line => `  ${line}`))
  }
  return lines.join('\n') + '\n'
}

function where(step: Step): string {
  return `line ${step.line}`
}

function named(step: Step): string {
  return step.subject === '' ? where(step) : `${oneLine(step.subject)} (${where(step)})`
}

function list(steps: readonly Step[]): string {
  const shown = steps.slice(0, STEPS_PER_LINE).map(named)
  if (steps.length > STEPS_PER_LINE) shown.push(`and ${steps.length - STEPS_PER_LINE} more`)
  return shown.join(', ')
}

function leftLines(todos: readonly ToDo[], paint: (style: string, text: string) => string) {
  const lines: string[] = []
  const perKind = new Map<string, number>()
  let hidden = 0
  const openItems = todos.filter(
    todo => todo.kind === 'tick' && todo.steps[0]?.detail === undefined
  )
  for (const todo of todos) {
    if (openItems.includes(todo)) {
      if (todo !== openItems[0]) continue
      const total = openItems.reduce((sum, item) => sum + item.steps.length, 0)
      const parts = openItems
        .slice(0, STEPS_PER_LINE)
        .map(
          item =>
            `${oneLine(item.part ?? '')} (${item.steps.length}, from ${where(item.steps[0]!)})`
        )
      if (openItems.length > STEPS_PER_LINE)
        parts.push(`${openItems.length - STEPS_PER_LINE} more parts`)
      lines.push(`  ${paint(ANSI.bold, 'tick')} ${plural(total, 'item')}: ${parts.join(', ')}`)
      continue
    }
    const person = todo.person === undefined ? '' : `${paint(ANSI.bold, '@' + todo.person)}: `
    const action = paint(ANSI.bold, ACTION[todo.kind])
    if (todo.steps[0]?.detail !== undefined) {
      // One line per message, a few per kind; the rest counted.
      for (const step of todo.steps) {
        const seen = perKind.get(todo.kind) ?? 0
        if (seen >= LINES_PER_KIND) {
          hidden++
          continue
        }
        perKind.set(todo.kind, seen + 1)
        lines.push(`  ${action} ${oneLine(step.detail ?? '')} (${where(step)})`)
      }
      continue
    }
    const who =
      todo.kind === 'sign' && todo.eligible !== undefined ? ` — ${mayText(todo.eligible)}` : ''
    lines.push(`  ${person}${action} ${list(todo.steps)}${who}`)
  }
  if (hidden > 0) lines.push(`  and ${plural(hidden, 'more place')} (--all lists them)`)
  return lines
}

function mayText(eligible: NonNullable<ToDo['eligible']>): string {
  const owners = [
    ...eligible.users.map(user => '@' + user),
    ...eligible.teams.map(({ team, members }) =>
      members === undefined || members.length === 0
        ? `@${team}`
        : `@${team} (${members.map(member => '@' + member).join(', ')})`
    )
  ]
  if (owners.length === 0) return 'nobody may sign yet: name owners under roles: or in CODEOWNERS'
  return `may sign: ${owners.slice(0, 6).join(', ')}${owners.length > 6 ? `, ${owners.length - 6} more` : ''}`
}

function partLines(
  evaluation: Evaluation,
  parts: ReturnType<typeof topLevelParts>,
  paint: (style: string, text: string) => string
): string[] {
  const rows = parts.map(part => ({ part, errors: 0, signed: 0, signoffs: 0, met: 0, targets: 0 }))
  for (const finding of evaluation.findings) {
    const row = rows[partIndex(parts, finding.line)]
    if (row && finding.severity === 'error') row.errors++
  }
  for (const signoff of evaluation.signoffs) {
    const row = rows[partIndex(parts, signoff.line)]
    if (!row || signoff.scope === 'excluded') continue
    row.signoffs++
    if (signoff.status === 'signed') row.signed++
  }
  for (const field of evaluation.fields) {
    const row = rows[partIndex(parts, field.line)]
    if (!row || field.scope === 'excluded' || field.status === 'no-target') continue
    row.targets++
    if (field.status === 'met') row.met++
  }
  const width = Math.min(
    40,
    Math.max(...rows.map(row => Array.from(oneLine(row.part.title)).length))
  )
  const lines = rows.slice(0, MAX_PARTS).map(row => {
    const failed = row.errors > 0 || !row.part.passed
    const mark =
      row.part.scope === 'informational'
        ? paint(ANSI.cyan, 'i')
        : failed
          ? paint(ANSI.red, '✗')
          : paint(ANSI.green, '✓')
    const name = Array.from(oneLine(row.part.title))
    const label = (
      name.length > width ? name.slice(0, width - 1).join('') + '…' : name.join('')
    ).padEnd(width)
    const facts = [
      row.part.total > 0 ? `items ${row.part.done}/${row.part.total}` : '',
      row.signoffs > 0 ? `sign-offs ${row.signed}/${row.signoffs}` : '',
      row.targets > 0 ? `targets ${row.met}/${row.targets}` : ''
    ].filter(Boolean)
    return `  ${mark} ${label}  ${facts.join('  ')}`.trimEnd()
  })
  if (rows.length > MAX_PARTS) lines.push(`  and ${rows.length - MAX_PARTS} more parts`)
  return lines
}
