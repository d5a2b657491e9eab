import type {
  Evaluation,
  FieldStatus,
  PullRequestFinding,
  RuleId,
  Scope,
  Severity,
  SignoffStatus
} from '../rules/types.js'
import type { SignoffRecord } from './record.js'
import reportSchema from './report.schema.json' with { type: 'json' }
import { byLineThenSeverity, gatePassed, tally } from './tally.js'

export { reportSchema }

/*
 * The JSON report is a published format (CLI `--format json`, the action's `report` output),
 * described by report.schema.json. Its types are spelled out here rather than reusing the
 * internal ones, so that the format changes only on purpose. Values that may be missing are
 * `null`, never left out, so every key is always there for `jq` and friends.
 */

export interface JsonSection {
  title: string
  line: number
  scope: Scope
  threshold: number | null
  total: number
  done: number
  waived: number
  passed: boolean
}

export interface JsonSignoff {
  role: string
  line: number
  signers: string[]
  date: string | null
  status: SignoffStatus
  scope: Scope
}

export interface JsonField {
  label: string
  line: number
  value: string | null
  target: string | null
  status: FieldStatus
  scope: Scope
}

/** A task item as GitHub renders it: the line its list item starts on, and its box. */
export interface JsonTask {
  line: number
  checked: boolean
}

export interface JsonFinding {
  rule: RuleId
  severity: Severity
  line: number
  message: string
}

/** A finding about the pull request as a whole; `path` is the file it is about, if any. */
export interface JsonPullRequestFinding extends JsonFinding {
  path: string | null
}

export interface JsonChecklist {
  path: string
  passed: boolean
  items: { total: number; done: number; waived: number }
  /** Every task item, in source order: sign-off task lines and excluded sections included. */
  tasks: JsonTask[]
  sections: JsonSection[]
  signoffs: JsonSignoff[]
  fields: JsonField[]
  /** Sorted by line. */
  findings: JsonFinding[]
}

export interface JsonReport {
  version: 1
  tool: { name: 'readiness-gate'; version: string }
  /** ISO 8601 date-time, when the caller gives one (the function reads no clock). */
  generatedAt?: string
  pullRequest?: { number: number; headSha: string; baseSha: string }
  passed: boolean
  errors: number
  warnings: number
  notices: number
  /** Findings about the pull request as a whole (no checklist, a broken configuration, …). */
  findings: JsonPullRequestFinding[]
  checklists: JsonChecklist[]
  /** Who signed what, proven by which review (report/record.ts), when the caller made one. */
  signoffRecord?: SignoffRecord
}

export interface JsonReportMeta {
  toolVersion: string
  generatedAt?: string
  pullRequest?: { number: number; headSha: string; baseSha: string }
  signoffRecord?: SignoffRecord
}

function toJsonChecklist(evaluation: Evaluation): JsonChecklist {
  return {
    path: evaluation.path,
    passed: evaluation.passed,
    items: { ...evaluation.items },
    tasks: evaluation.tasks.map(task => ({ line: task.line, checked: task.checked })),
    sections: evaluation.sections.map(section => ({
      title: section.title,
      line: section.line,
      scope: section.scope,
      threshold: section.threshold ?? null,
      total: section.total,
      done: section.done,
      waived: section.waived,
      passed: section.passed
    })),
    signoffs: evaluation.signoffs.map(signoff => ({
      role: signoff.role,
      line: signoff.line,
      signers: [...signoff.signers],
      date: signoff.date ?? null,
      status: signoff.status,
      scope: signoff.scope
    })),
    fields: evaluation.fields.map(field => ({
      label: field.label,
      line: field.line,
      value: field.value ?? null,
      target: field.target ?? null,
      status: field.status,
      scope: field.scope
    })),
    findings: [...evaluation.findings].sort(byLineThenSeverity).map(finding => ({
      rule: finding.rule,
      severity: finding.severity,
      line: finding.line,
      message: finding.message
    }))
  }
}

/**
 * The machine-readable report; `passed` is true when every checklist passed (or there are
 * none) and no finding about the pull request as a whole is an error.
 */
export function toJsonReport(
  evaluations: readonly Evaluation[],
  meta: JsonReportMeta,
  pullRequestFindings: readonly PullRequestFinding[] = []
): JsonReport {
  const counts = tally(evaluations, pullRequestFindings)
  return {
    version: 1,
    tool: { name: 'readiness-gate', version: meta.toolVersion },
    ...(meta.generatedAt === undefined ? {} : { generatedAt: meta.generatedAt }),
    ...(meta.pullRequest === undefined ? {} : { pullRequest: { ...meta.pullRequest } }),
    passed: gatePassed(counts),
    errors: counts.errors,
    warnings: counts.warnings,
    notices: counts.notices,
    findings: pullRequestFindings.map(finding => ({
      rule: finding.rule,
      severity: finding.severity,
      path: finding.path ?? null,
      line: finding.line,
      message: finding.message
    })),
    checklists: evaluations.map(toJsonChecklist),
    ...(meta.signoffRecord === undefined ? {} : { signoffRecord: meta.signoffRecord })
  }
}

/** What `writeJson` hands to `write` at a time: big enough that writes are few. */
const JSON_CHUNK = 64 * 1024

/**
 * Writes `JSON.stringify(value, null, 2)` and a newline in chunks of about 64 KiB, so that a
 * large report is never one string: the report on a checklist of 100,000 items is 16 MB of
 * JSON, which writing whole copies once more. `value` is plain data, as the reports are:
 * objects, arrays, strings, finite numbers, booleans and null; a member that is undefined is
 * left out, and an undefined array element is null, as JSON.stringify has them.
 */
export function writeJson(value: unknown, write: (chunk: string) => void): void {
  let pending = ''
  const put = (text: string) => {
    pending += text
    if (pending.length >= JSON_CHUNK) {
      write(pending)
      pending = ''
    }
  }
  const visit = (item: unknown, indent: string): void => {
    if (item === null || typeof item !== 'object') {
      put(item === undefined ? 'null' : JSON.stringify(item))
      return
    }
    const inner = `${indent}  `
    const entries = Array.isArray(item)
      ? undefined
      : Object.entries(item).filter(([, member]) => member !== undefined)
    const size = entries?.length ?? (item as unknown[]).length
    const [open, close] = entries ? ['{', '}'] : ['[', ']']
    if (size === 0) return put(open + close)
    put(`${open}\n${inner}`)
    for (let i = 0; i < size; i++) {
      if (i > 0) put(`,\n${inner}`)
      if (entries) {
        put(`${JSON.stringify(entries[i]![0])}: `)
        visit(entries[i]![1], inner)
      } else {
        visit((item as unknown[])[i], inner)
      }
    }
    put(`\n${indent}${close}`)
  }
  visit(value, '')
  put('\n')
  if (pending !== '') write(pending)
}
