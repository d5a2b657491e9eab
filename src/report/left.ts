import type {
  EligibleSigners,
  Evaluation,
  Finding,
  RuleId,
  SectionResult,
  SignoffResult
} from '../rules/types.js'
import { bySeverityThenLine, meaningfulSections } from './tally.js'

/*
 * What people read, computed from an evaluation: what is left to do, grouped by who must act,
 * the checklist's top-level parts, and the findings folded where they repeat. Nothing here
 * drops a finding from the evaluation: the JSON report and the annotations keep every one.
 */

export type ToDoKind =
  | 'approve'
  | 'approve-again'
  | 'verify'
  | 'sign'
  | 'fix-signoff'
  | 'fill-in'
  | 'fix-target'
  | 'tick'
  | 'fix'

/** One place in a checklist that needs something done. */
export interface Step {
  path: string
  line: number
  /** What it is about (a role, a field, a section): checklist text, untrusted. */
  subject: string
  /** The finding's message, when the subject alone does not say what to do. */
  detail?: string
}

export interface ToDo {
  kind: ToDoKind
  /** The login who must act; undefined for whoever edits the checklist. */
  person?: string
  steps: Step[]
  /** For `sign`: who may sign these roles. */
  eligible?: EligibleSigners
  /** For `tick`: the top-level part the items are in. */
  part?: string
}

const SIGNOFF_FIX: ReadonlySet<RuleId> = new Set([
  'signoff-unticked',
  'signoff-not-a-login',
  'signoff-date-missing',
  'signoff-date-invalid',
  'signoff-date-future',
  'signoff-date-stale',
  'signoff-not-authorized',
  'signoff-by-author',
  'signoff-duplicate-signer'
])
const TARGET_FIX: ReadonlySet<RuleId> = new Set([
  'target-missed',
  'target-unit-mismatch',
  'target-unparsed',
  'status-contradicts-value'
])
const TICK: ReadonlySet<RuleId> = new Set(['item-open', 'checked-with-open-children'])

/** The first signer of the sign-off named in the message: the person a finding is about. */
function personOf(finding: Finding, signoff: SignoffResult | undefined): string | undefined {
  return signoff?.signers.find(login => finding.message.includes(`@${login}`))
}

/** The checklist's top-level parts: its outermost headings, below a single title heading. */
export function topLevelParts(evaluation: Evaluation): SectionResult[] {
  const sections = evaluation.sections.filter(section => section.scope !== 'excluded')
  const levelOf = (section: SectionResult) => section.level ?? 2
  const levels = [...new Set(sections.map(levelOf))].sort((a, b) => a - b)
  for (const [i, level] of levels.entries()) {
    const parts = sections.filter(section => levelOf(section) === level)
    // A lone `# Title` over the whole checklist is not a part: its sub-headings are.
    if (parts.length > 1 || i === levels.length - 1) return parts
  }
  return []
}

/** Which of `sections` (in line order) a line is in: the last that starts at or before it, or -1. */
export function partIndex(sections: readonly SectionResult[], line: number): number {
  let low = 0
  let high = sections.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (sections[middle]!.line <= line) low = middle + 1
    else high = middle
  }
  return low - 1
}

/**
 * The sections (in line order) that a line is in, innermost first: the section it falls in,
 * then each one's enclosing section, the nearest before it with a lower heading level. The
 * enclosing sections are found once, with a stack, so that each line costs its nesting depth
 * rather than a walk back over every section before it.
 */
export function enclosingSections(
  sections: readonly SectionResult[]
): (line: number) => SectionResult[] {
  const levelOf = (section: SectionResult) => section.level ?? 2
  const parents: number[] = []
  const open: number[] = []
  sections.forEach((section, i) => {
    while (open.length > 0 && levelOf(sections[open[open.length - 1]!]!) >= levelOf(section)) {
      open.pop()
    }
    parents.push(open.length > 0 ? open[open.length - 1]! : -1)
    open.push(i)
  })
  return line => {
    const result: SectionResult[] = []
    for (let i = partIndex(sections, line); i >= 0; i = parents[i]!) result.push(sections[i]!)
    return result
  }
}

/** What must happen before the gate passes: errors only, grouped by who must act. */
export function whatsLeft(evaluations: readonly Evaluation[]): ToDo[] {
  const byKey = new Map<string, ToDo>()
  const add = (key: string, todo: Omit<ToDo, 'steps'>, step: Step) => {
    const existing = byKey.get(key)
    if (existing) existing.steps.push(step)
    else byKey.set(key, { ...todo, steps: [step] })
  }
  for (const evaluation of evaluations) {
    const { path } = evaluation
    const signoffAt = new Map(evaluation.signoffs.map(signoff => [signoff.line, signoff]))
    const fieldAt = new Map(evaluation.fields.map(field => [field.line, field]))
    const unfilled = new Set(
      evaluation.findings
        .filter(finding => finding.rule === 'field-unfilled')
        .map(finding => finding.line)
    )
    const parts = topLevelParts(evaluation)
    const sectionAt = new Map(evaluation.sections.map(section => [section.line, section]))
    for (const finding of evaluation.findings) {
      if (finding.severity !== 'error') continue
      const signoff = signoffAt.get(finding.line)
      const role = signoff?.role ?? ''
      const person = personOf(finding, signoff)
      const step = (subject: string, detail?: string): Step => ({
        path,
        line: finding.line,
        subject,
        ...(detail === undefined ? {} : { detail })
      })
      switch (finding.rule) {
        case 'signoff-not-approved':
          add(`approve ${person}`, { kind: 'approve', person }, step(role))
          continue
        case 'signoff-stale-approval':
          add(`approve-again ${person}`, { kind: 'approve-again', person }, step(role))
          continue
        case 'signoff-approval-unverified':
          add(`verify ${person}`, { kind: 'verify', person }, step(role))
          continue
        case 'signoff-missing':
          add(
            `sign ${eligibleKey(signoff?.eligible)}`,
            { kind: 'sign', eligible: signoff?.eligible },
            step(role)
          )
          continue
        case 'field-unfilled':
          add('fill-in', { kind: 'fill-in' }, step(fieldAt.get(finding.line)?.label ?? ''))
          continue
        case 'blank':
          add(
            'fill-in',
            { kind: 'fill-in' },
            step(finding.message.replace(/^Fill in the blank: /, '').replace(/\.$/, ''))
          )
          continue
        case 'threshold': {
          const section = sectionAt.get(finding.line)
          add('tick-threshold', { kind: 'tick' }, step(section?.title ?? '', finding.message))
          continue
        }
      }
      if (SIGNOFF_FIX.has(finding.rule)) {
        add('fix-signoff', { kind: 'fix-signoff' }, step(role, finding.message))
      } else if (TARGET_FIX.has(finding.rule)) {
        add(
          'fix-target',
          { kind: 'fix-target' },
          step(fieldAt.get(finding.line)?.label ?? '', finding.message)
        )
      } else if (TICK.has(finding.rule)) {
        // A field not filled in is asked for once, as a field, not also as an item.
        if (unfilled.has(finding.line)) continue
        const part = parts[partIndex(parts, finding.line)]?.title ?? ''
        add(`tick ${path} ${part}`, { kind: 'tick', part }, step(part))
      } else {
        add(`fix ${finding.rule}`, { kind: 'fix' }, step('', finding.message))
      }
    }
  }
  const order: ToDoKind[] = [
    'approve',
    'approve-again',
    'verify',
    'sign',
    'fix-signoff',
    'fix-target',
    'fill-in',
    'tick',
    'fix'
  ]
  return [...byKey.entries()]
    .sort(
      ([keyA, a], [keyB, b]) =>
        order.indexOf(a.kind) - order.indexOf(b.kind) ||
        // Thresholds before the parts' own open items.
        Number(keyA !== 'tick-threshold') - Number(keyB !== 'tick-threshold')
    )
    .map(([, todo]) => todo)
}

function eligibleKey(eligible: EligibleSigners | undefined): string {
  if (eligible === undefined) return ''
  return JSON.stringify([eligible.source, eligible.users, eligible.teams.map(team => team.team)])
}

/** A finding as people read it: possibly standing for several that say the same thing. */
export interface FoldedFinding {
  finding: Finding
  /** Lines of every finding this one stands for, the finding's own first. */
  lines: number[]
  /** What the fold says instead of the first finding's message. */
  message?: string
}

/**
 * Findings as the details show them, errors first: open items of one section in one row
 * (a parent and all its children are one thing to do), no `item-open` on a line that is a
 * field not filled in, no open-item warnings in a section that already fails its threshold,
 * and one row per person and reason for sign-offs.
 */
export function foldFindings(evaluation: Evaluation): FoldedFinding[] {
  const { findings } = evaluation
  const unfilled = new Set(
    findings.filter(finding => finding.rule === 'field-unfilled').map(finding => finding.line)
  )
  const failingThreshold = new Set(
    findings.filter(finding => finding.rule === 'threshold').map(finding => finding.line)
  )
  const sections = meaningfulSections(evaluation).length > 0 ? evaluation.sections : []
  const sectionOf = (line: number): SectionResult | undefined => sections[partIndex(sections, line)]
  const enclosing = enclosingSections(sections)
  const signoffAt = new Map(evaluation.signoffs.map(signoff => [signoff.line, signoff]))
  const folded = new Map<string, FoldedFinding>()
  const result: FoldedFinding[] = []
  const sorted = [...findings].sort(bySeverityThenLine)
  for (const finding of sorted) {
    let key: string | undefined
    if (finding.rule === 'item-open') {
      if (unfilled.has(finding.line)) continue
      if (
        finding.severity === 'warning' &&
        enclosing(finding.line).some(section => failingThreshold.has(section.line))
      ) {
        continue
      }
      key = `${finding.rule} ${finding.severity} ${sectionOf(finding.line)?.line ?? 0}`
    } else if (
      finding.rule === 'signoff-not-approved' ||
      finding.rule === 'signoff-stale-approval' ||
      finding.rule === 'signoff-approval-unverified'
    ) {
      const person = personOf(finding, signoffAt.get(finding.line))
      if (person !== undefined) key = `${finding.rule} ${finding.severity} @${person}`
    }
    const existing = key === undefined ? undefined : folded.get(key)
    if (existing) {
      existing.lines.push(finding.line)
      continue
    }
    const entry: FoldedFinding = { finding, lines: [finding.line] }
    if (key !== undefined) folded.set(key, entry)
    result.push(entry)
  }
  for (const entry of result) {
    if (entry.lines.length < 2) continue
    const { finding } = entry
    if (finding.rule === 'item-open') {
      const section = sectionOf(finding.line)
      entry.message =
        `${entry.lines.length} items not ticked` +
        (section === undefined ? '' : ` in "${section.title}"`) +
        `, the first: ${finding.message}`
    } else {
      const roles = entry.lines.map(line => signoffAt.get(line)?.role ?? `line ${line}`)
      entry.message = `${finding.message} The same for ${roles.slice(1).join(', ')}.`
    }
  }
  return result
}
