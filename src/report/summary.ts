import { markdownTable } from 'markdown-table'
import type {
  Evaluation,
  FieldResult,
  FieldStatus,
  Finding,
  Scope,
  SectionResult,
  Severity,
  SignoffResult,
  SignoffStatus
} from '../rules/types.js'
import { escapeMarkdown, formatLogin, linkDestination, oneLine, utf8Bytes } from './escape.js'
import {
  byLineThenSeverity,
  bySeverityThenLine,
  findingCounts,
  meaningfulSections,
  plural,
  tally,
  type Tally
} from './tally.js'

/** GitHub's limit on a check run summary (in characters; bytes are never fewer). */
export const CHECK_RUN_SUMMARY_MAX_BYTES = 65_535
/** GitHub's limit on the job summary of one step. */
export const JOB_SUMMARY_MAX_BYTES = 1024 * 1024

export interface MarkdownOptions {
  /** Trusted Markdown from the workflow, shown as a level-2 heading. */
  heading?: string
  /** Upper bound on the UTF-8 size of the result; findings are left out to meet it. */
  maxBytes?: number
  /** A hidden HTML comment that identifies the sticky comment; goes first. */
  marker?: string
  /** Where the full results are (the check run), linked from the verdict. */
  detailsUrl?: string
  /** Link to a line of a checklist, e.g. the blob on the head commit. */
  fileUrl?: (path: string, line: number) => string | undefined
}

/** The most important facts, for the verdict line and the check run title. */
function headlineFacts(counts: Tally): string[] {
  const facts: string[] = []
  if (counts.signoffs.total > 0) {
    facts.push(`${counts.signoffs.signed}/${counts.signoffs.total} sign-offs`)
  }
  if (counts.failedChecklists > 0) {
    if (counts.sections.failed > 0) {
      facts.push(`${plural(counts.sections.failed, 'section')} below threshold`)
    }
    facts.push(plural(counts.errors, 'error'))
  } else {
    if (counts.sections.passed > 0)
      facts.push(`${plural(counts.sections.passed, 'section')} passed`)
    if (facts.length === 0) facts.push(`${counts.items.done}/${counts.items.total} items done`)
    if (counts.warnings > 0) facts.push(plural(counts.warnings, 'warning'))
  }
  return facts
}

/**
 * The check run title: what fails first (sign-offs, sections, errors), or what passed.
 * Stays well under 100 characters: at most four short facts with numbers.
 */
export function title(evaluations: readonly Evaluation[]): string {
  if (evaluations.length === 0) return 'No checklist to check'
  const counts = tally(evaluations)
  const facts = headlineFacts(counts)
  return counts.failedChecklists > 0 ? facts.join(' · ') : `Ready: ${facts.join(', ')}`
}

const SEVERITY_LABEL: Record<Severity, string> = {
  error: '❌ error',
  warning: '⚠️ warning',
  notice: 'ℹ️ notice'
}

const SIGNOFF_LABEL: Record<SignoffStatus, string> = {
  signed: '✅ signed',
  missing: '❌ missing',
  invalid: '❌ invalid',
  'not-approved': '❌ not approved',
  unverified: '⚠️ approval unverified',
  'stale-approval': '❌ approval stale',
  'not-authorized': '❌ not authorized',
  'by-author': '❌ signed by the PR author',
  duplicate: '❌ duplicate signer'
}

const FIELD_LABEL: Record<FieldStatus, string> = {
  met: '✅ met',
  missed: '❌ missed',
  unfilled: '❌ not filled in',
  'no-target': 'no target',
  incomparable: '❌ not comparable',
  waived: 'waived'
}

/** Fields worth a row: those whose target is not met. */
const INTERESTING_FIELDS: ReadonlySet<FieldStatus> = new Set(['missed', 'unfilled', 'incomparable'])

const DASH = '—'

function withScope(label: string, scope: Scope): string {
  return scope === 'informational' ? `${label} (informational)` : label
}

/** Tables without aligned delimiters: smaller, and every row's size is independent of the others. */
function table(header: string[], rows: string[][]): string {
  return markdownTable([header, ...rows], { alignDelimiters: false })
}

type FileUrl = MarkdownOptions['fileUrl']

function lineCell(path: string, line: number, fileUrl: FileUrl): string {
  const url = fileUrl?.(path, line)
  return url === undefined ? String(line) : `[${line}](${linkDestination(url)})`
}

function percent(done: number, total: number): string {
  // Rounded down, so that a section just under its threshold never shows the threshold itself.
  return `${Math.floor((done / total) * 100)}%`
}

function sectionRow(section: SectionResult): string[] {
  let done =
    section.total > 0
      ? `${section.done}/${section.total} (${percent(section.done, section.total)})`
      : '0/0'
  if (section.waived > 0) done += `, ${section.waived} waived`
  const result = section.passed ? '✅ passed' : '❌ below threshold'
  return [
    escapeMarkdown(section.title),
    section.threshold === undefined ? DASH : `${section.threshold}%`,
    done,
    withScope(result, section.scope)
  ]
}

function signoffRow(signoff: SignoffResult, path: string, fileUrl: FileUrl): string[] {
  return [
    escapeMarkdown(signoff.role),
    lineCell(path, signoff.line, fileUrl),
    signoff.signers.length > 0 ? signoff.signers.map(formatLogin).join(', ') : DASH,
    signoff.date === undefined ? DASH : escapeMarkdown(signoff.date),
    withScope(SIGNOFF_LABEL[signoff.status], signoff.scope)
  ]
}

function fieldRow(field: FieldResult, path: string, fileUrl: FileUrl): string[] {
  return [
    escapeMarkdown(field.label),
    lineCell(path, field.line, fileUrl),
    field.value === undefined ? DASH : escapeMarkdown(field.value),
    field.target === undefined ? DASH : escapeMarkdown(field.target),
    withScope(FIELD_LABEL[field.status], field.scope)
  ]
}

function findingRow(finding: Finding, path: string, fileUrl: FileUrl): string[] {
  return [
    SEVERITY_LABEL[finding.severity],
    lineCell(path, finding.line, fileUrl),
    '`' + finding.rule + '`',
    escapeMarkdown(finding.message)
  ]
}

/** Everything about one checklist except its findings, as Markdown blocks. */
function checklistBlocks(evaluation: Evaluation, fileUrl: FileUrl): string[] {
  const { path } = evaluation
  const counts = tally([evaluation])
  const overview = [`Items: ${counts.items.done}/${counts.items.total} done`]
  if (counts.items.waived > 0) overview[0] += `, ${counts.items.waived} waived`
  if (counts.signoffs.total > 0) {
    overview.push(`Sign-offs: ${counts.signoffs.signed}/${counts.signoffs.total} signed`)
  }
  const sectionCount = counts.sections.passed + counts.sections.failed
  if (sectionCount > 0) overview.push(`Sections: ${counts.sections.passed}/${sectionCount} passed`)
  overview.push(findingCounts(counts))

  const blocks = [
    `### ${evaluation.passed ? '✅' : '❌'} ${escapeMarkdown(path)}`,
    overview.join(' · ')
  ]

  const sections = meaningfulSections(evaluation)
  if (sections.length > 0) {
    blocks.push(
      '#### Sections',
      table(['Section', 'Threshold', 'Done', 'Result'], sections.map(sectionRow))
    )
  }

  const signoffs = evaluation.signoffs.filter(signoff => signoff.scope !== 'excluded')
  if (signoffs.length > 0) {
    blocks.push(
      '#### Sign-offs',
      table(
        ['Role', 'Line', 'Signers', 'Date', 'Status'],
        signoffs.map(signoff => signoffRow(signoff, path, fileUrl))
      )
    )
  }

  const fields = evaluation.fields.filter(field => field.scope !== 'excluded')
  const interesting = fields.filter(field => INTERESTING_FIELDS.has(field.status))
  const met = fields.filter(field => field.status === 'met').length
  if (interesting.length > 0 || met > 0) {
    blocks.push('#### Fields with targets')
    if (interesting.length > 0) {
      blocks.push(
        table(
          ['Field', 'Line', 'Value', 'Target', 'Status'],
          interesting.map(field => fieldRow(field, path, fileUrl))
        )
      )
    }
    if (met > 0) {
      blocks.push(`${plural(met, interesting.length > 0 ? 'other target' : 'target')} met.`)
    }
  }
  return blocks
}

function verdict(evaluations: readonly Evaluation[], detailsUrl: string | undefined): string {
  const details = detailsUrl === undefined ? '' : ` · [Details](${linkDestination(detailsUrl)})`
  if (evaluations.length === 0) return `✅ **Ready**: no checklist to check.${details}`
  const counts = tally(evaluations)
  const passed = counts.failedChecklists === 0
  const facts = headlineFacts(counts)
  if (counts.checklists > 1) {
    facts.push(
      passed
        ? `${plural(counts.checklists, 'checklist')} ready`
        : `${counts.failedChecklists} of ${counts.checklists} checklists not ready`
    )
  }
  return `${passed ? '✅ **Ready**' : '❌ **Not ready**'} · ${facts.join(' · ')}${details}`
}

const HTML_COMMENT = /^<!--(?:(?!-->|--!>)[^\n])*-->$/

function hiddenFindingsNote(count: number, detailsUrl: string | undefined): string {
  const where =
    detailsUrl === undefined
      ? 'the JSON report / annotations'
      : `the [annotations](${linkDestination(detailsUrl)}) or the JSON report`
  return `… ${plural(count, 'more finding')} not shown: see ${where}.`
}

/**
 * Markdown for the check run summary, the sticky comment and the job summary. With
 * `maxBytes`, findings are left out — notices before warnings before errors, furthest lines
 * first — so that no warning is shown while an error is hidden, and a note says how many.
 */
export function toMarkdown(
  evaluations: readonly Evaluation[],
  options: MarkdownOptions = {}
): string {
  const { marker, heading, maxBytes, detailsUrl, fileUrl } = options
  if (marker !== undefined && !HTML_COMMENT.test(marker)) {
    throw new Error(`The marker must be a one-line HTML comment, got: ${marker}`)
  }
  const top: string[] = []
  if (marker !== undefined) top.push(marker)
  if (heading !== undefined) top.push(`## ${oneLine(heading)}`)
  top.push(verdict(evaluations, detailsUrl))

  const checklists = evaluations.map(evaluation => ({
    evaluation,
    blocks: checklistBlocks(evaluation, fileUrl),
    findings: [...evaluation.findings].sort(byLineThenSeverity)
  }))
  // Cells are escaped once; trimming re-renders the document many times.
  const findingCells = new Map<Finding, string[]>()
  for (const { evaluation, findings } of checklists) {
    for (const finding of findings)
      findingCells.set(finding, findingRow(finding, evaluation.path, fileUrl))
  }

  const render = (shown: ReadonlySet<Finding> | undefined, hidden: number): string => {
    const blocks = [...top]
    for (const checklist of checklists) {
      blocks.push(...checklist.blocks)
      const rows = checklist.findings
        .filter(finding => shown === undefined || shown.has(finding))
        .map(finding => findingCells.get(finding) ?? [])
      if (rows.length > 0)
        blocks.push('#### Findings', table(['Severity', 'Line', 'Rule', 'Message'], rows))
    }
    if (hidden > 0) blocks.push(hiddenFindingsNote(hidden, detailsUrl))
    return blocks.join('\n\n') + '\n'
  }

  const full = render(undefined, 0)
  if (maxBytes === undefined || utf8Bytes(full) <= maxBytes) return full

  // Most important first; stable sort keeps checklists in order among equals.
  const ranked = checklists.flatMap(checklist => checklist.findings).sort(bySeverityThenLine)
  const renderFirst = (count: number): string =>
    render(new Set(ranked.slice(0, count)), ranked.length - count)
  const fits = (count: number): boolean => utf8Bytes(renderFirst(count)) <= maxBytes

  if (!fits(0)) return cutToFit(render(new Set(), 0), maxBytes, ranked.length, marker)

  // Showing one more finding adds a whole row and shortens the note by at most one digit,
  // so the size grows with the count: binary search finds the most that fit.
  let low = 0
  let high = ranked.length - 1
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (fits(middle)) low = middle
    else high = middle - 1
  }
  return renderFirst(low)
}

/**
 * Last resort when even the document without findings is too big (a huge checklist or a
 * tiny limit): whole lines are kept while they fit, so no table row or marker is cut in two.
 */
function cutToFit(
  markdown: string,
  maxBytes: number,
  hiddenFindings: number,
  marker: string | undefined
): string {
  const note =
    `\n… summary cut to fit ${maxBytes} bytes` +
    (hiddenFindings > 0 ? `; ${plural(hiddenFindings, 'finding')} not shown` : '') +
    ': see the JSON report / annotations.\n'
  const noteBytes = utf8Bytes(note)
  const markerBytes = marker === undefined ? 0 : utf8Bytes(marker + '\n')
  if (markerBytes + noteBytes > maxBytes) {
    throw new RangeError(`maxBytes ${maxBytes} is too small for the marker and a note`)
  }
  const kept: string[] = []
  let keptBytes = 0
  for (const line of markdown.split('\n')) {
    const lineBytes = utf8Bytes(line) + 1
    if (keptBytes + lineBytes + noteBytes > maxBytes) break
    kept.push(line)
    keptBytes += lineBytes
  }
  return kept.map(line => line + '\n').join('') + note
}
