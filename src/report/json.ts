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
/** Elements of an array written by one JSON.stringify, when they are small records. */
const RECORDS_AT_ONCE = 1000

/**
 * Writes `JSON.stringify(value, null, 2)` and a newline in chunks of about 64 KiB, so that a
 * large report is never one string: the report on a checklist of 100,000 items is 16 MB of
 * JSON, which writing whole copies twice more. Objects are written member by member; arrays
 * a thousand elements at a time by JSON.stringify itself (see `elementsAt`) when those nest
 * at most two levels deep, as the many tasks, findings and sign-offs do, else one by one.
 * `value` is plain data, as the reports are: objects, arrays, strings, numbers, booleans and
 * null, a member that is undefined left out, as JSON.stringify has them.
 */
export function writeJson(value: unknown, write: (chunk: string) => void): void {
  // Pieces joined once a chunk is full: cheaper than a string grown piece by piece.
  let pieces: string[] = []
  let pending = 0
  const put = (text: string) => {
    pieces.push(text)
    pending += text.length
    if (pending >= JSON_CHUNK) {
      write(pieces.join(''))
      pieces = []
      pending = 0
    }
  }
  const visit = (item: unknown, indent: string): void => {
    if (item === null || typeof item !== 'object') {
      put(JSON.stringify(item) ?? 'null')
      return
    }
    const inner = `${indent}  `
    if (Array.isArray(item)) {
      if (item.length === 0) return put('[]')
      put('[')
      for (let from = 0; from < item.length; from += RECORDS_AT_ONCE) {
        if (from > 0) put(',')
        const records = item.slice(from, from + RECORDS_AT_ONCE)
        if (records.every(record => nesting(record, 3) <= 2)) {
          put(elementsAt(records, indent))
        } else {
          records.forEach((record, i) => {
            put(i === 0 ? `\n${inner}` : `,\n${inner}`)
            visit(record, inner)
          })
        }
      }
      return put(`\n${indent}]`)
    }
    let first = true
    for (const [key, member] of Object.entries(item)) {
      if (member === undefined) continue
      put(`${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `)
      visit(member, inner)
      first = false
    }
    put(first ? '{}' : `\n${indent}}`)
  }
  visit(value, '')
  put('\n')
  if (pieces.length > 0) write(pieces.join(''))
}

/**
 * The elements of `records` as JSON.stringify with two spaces writes them inside an array
 * whose brackets stand at `indent`: `\n${indent}  a,\n${indent}  b`. JSON.stringify
 * indents from the margin, so `records` goes in as deep as that array stands, wrapped in
 * arrays whose brackets are then cut off: cheaper than moving every line over.
 */
function elementsAt(records: unknown[], indent: string): string {
  const depth = indent.length / 2
  let wrapped: unknown = records
  for (let level = 0; level < depth; level++) wrapped = [wrapped]
  const json = JSON.stringify(wrapped, null, 2)
  // The first depth + 1 opening brackets are the wrappers' and the array's, as are the last
  // depth + 1 closing ones; the array's closing bracket stands alone on its line, at `indent`.
  let open = -1
  for (let level = 0; level <= depth; level++) open = json.indexOf('[', open + 1)
  let close = json.length
  for (let level = 0; level <= depth; level++) close = json.lastIndexOf(']', close - 1)
  return json.slice(open + 1, close - indent.length - 1)
}

/** How many levels of arrays and objects `value` nests, counted up to `limit`. */
function nesting(value: unknown, limit: number): number {
  if (value === null || typeof value !== 'object' || limit === 0) return 0
  let deepest = 0
  // for-in walks the members without making an array of them, as Object.values would for
  // each of 100,000 records; what it sees beyond own members only changes how the JSON is
  // made, not what it is.
  for (const key in value) {
    deepest = Math.max(deepest, nesting((value as Record<string, unknown>)[key], limit - 1))
    if (deepest === limit - 1) break
  }
  return deepest + 1
}
