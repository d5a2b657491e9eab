import { markdownTable } from 'markdown-table'
import type {
  EligibleSigners,
  Evaluation,
  FieldResult,
  FieldStatus,
  Scope,
  SectionResult,
  Severity,
  SignoffResult,
  SignoffStatus
} from '../rules/types.js'
import { escapeMarkdown, formatLogin, linkDestination, oneLine, utf8Bytes } from './escape.js'
import {
  type FoldedFinding,
  type Step,
  type ToDo,
  enclosingSections,
  foldFindings,
  partIndex,
  topLevelParts,
  whatsLeft
} from './left.js'
import { meaningfulSections, plural, tally, type Tally } from './tally.js'

/** GitHub's limit on a check run summary (in characters; bytes are never fewer). */
export const CHECK_RUN_SUMMARY_MAX_BYTES = 65_535
/** GitHub's limit on the job summary of one step. */
export const JOB_SUMMARY_MAX_BYTES = 1024 * 1024

/** What was evaluated, when and where: the footer. */
export interface RunFacts {
  headSha?: string
  baseSha?: string
  /** When the verdict was computed, ISO 8601; the report reads no clock. */
  time?: string
  /** The workflow run that computed it. */
  runUrl?: string
}

export interface MarkdownOptions {
  /** Trusted Markdown from the workflow: the check's name, shown in the footer. */
  heading?: string
  /** Upper bound on the UTF-8 size of the result; detail is left out to meet it. */
  maxBytes?: number
  /** A hidden HTML comment that identifies the sticky comment; goes first. */
  marker?: string
  /** Where every finding is (the pull request's checks, with their annotations). */
  detailsUrl?: string
  /** Link to a line of a checklist, e.g. the blob on the head commit. */
  fileUrl?: (path: string, line: number) => string | undefined
  run?: RunFacts
}

type FileUrl = MarkdownOptions['fileUrl']

/** How many places one bullet of "what's left" names before "and N more". */
const STEPS_PER_BULLET = 6
/** How many steps of one kind get their own message before the rest are listed by line. */
const DETAILED_STEPS = 2
/** How many bullets of one kind before the rest are counted in one. */
const BULLETS_PER_KIND = 5

/** The facts after "Not ready:", from what is left; the same in the title and the headline. */
function leftFacts(todos: readonly ToDo[]): string[] {
  const count = (kinds: ToDo['kind'][], by: 'steps' | 'todos' = 'steps') =>
    todos
      .filter(todo => kinds.includes(todo.kind))
      .reduce((sum, todo) => sum + (by === 'steps' ? todo.steps.length : 1), 0)
  const approvals = count(['approve', 'approve-again'], 'todos')
  const belowThreshold = todos
    .filter(todo => todo.kind === 'tick')
    .reduce((sum, todo) => sum + todo.steps.filter(step => step.detail !== undefined).length, 0)
  const facts = [
    approvals > 0 ? plural(approvals, 'approval') + ' missing' : '',
    count(['verify'], 'todos') > 0
      ? plural(count(['verify'], 'todos'), 'approval') + ' unverified'
      : '',
    count(['sign']) > 0 ? plural(count(['sign']), 'sign-off') + ' to sign' : '',
    count(['fix-signoff']) > 0 ? plural(count(['fix-signoff']), 'sign-off') + ' to fix' : '',
    count(['fix-target']) > 0 ? plural(count(['fix-target']), 'target') + ' missed' : '',
    count(['fill-in']) > 0 ? plural(count(['fill-in']), 'field') + ' to fill in' : '',
    belowThreshold > 0 ? plural(belowThreshold, 'section') + ' below threshold' : '',
    count(['tick']) - belowThreshold > 0
      ? plural(count(['tick']) - belowThreshold, 'item') + ' to tick'
      : '',
    count(['fix']) > 0 ? plural(count(['fix']), 'other error') : ''
  ]
  return facts.filter(fact => fact !== '')
}

function readyFacts(counts: Tally): string[] {
  const facts: string[] = []
  if (counts.signoffs.total > 0) {
    facts.push(`${counts.signoffs.signed}/${counts.signoffs.total} sign-offs`)
  }
  if (counts.sections.passed > 0) facts.push(`${plural(counts.sections.passed, 'section')} passed`)
  if (facts.length === 0) facts.push(`${counts.items.done}/${counts.items.total} items done`)
  if (counts.warnings > 0) facts.push(plural(counts.warnings, 'warning'))
  return facts
}

/**
 * `Ready: …` or `Not ready: …`, the words of the check run's title and the headline, from the
 * evaluations, their tally and what is left of them.
 */
function headline(
  evaluations: readonly Evaluation[],
  counts: Tally = tally(evaluations),
  todos: readonly ToDo[] = whatsLeft(evaluations)
): { ready: boolean; text: string } {
  if (evaluations.length === 0) return { ready: true, text: 'Ready: no checklist to check' }
  if (counts.failedChecklists === 0) {
    return { ready: true, text: `Ready: ${readyFacts(counts).join(', ')}` }
  }
  const facts = leftFacts(todos)
  // At most four facts keep the title short; the rest are in "what's left".
  const shown =
    facts.length > 4 ? [...facts.slice(0, 3), `and ${facts.length - 3} more kinds`] : facts
  return { ready: false, text: `Not ready: ${shown.join(', ') || plural(counts.errors, 'error')}` }
}

/** The check run title: the same words as the headline of the Markdown. */
export function title(evaluations: readonly Evaluation[]): string {
  return headline(evaluations).text
}

/** Tables without aligned delimiters: smaller, and every row's size is independent of the others. */
function table(header: string[], rows: string[][]): string {
  return markdownTable([header, ...rows], { alignDelimiters: false })
}

interface Links {
  fileUrl: FileUrl
  /** Whether steps name their checklist: only when there are several. */
  withPath: boolean
}

function lineLink(path: string, line: number, links: Links, label = String(line)): string {
  const url = links.fileUrl?.(path, line)
  const text = links.withPath ? `${escapeMarkdown(path)}:${label}` : label
  return url === undefined ? text : `[${text}](${linkDestination(url)})`
}

/** `Subject (line 5)`, the line linked. */
function stepText(step: Step, links: Links): string {
  const where = lineLink(step.path, step.line, links, `line ${step.line}`)
  const subject = step.subject === '' ? '' : `${escapeMarkdown(step.subject)} `
  return `${subject}(${where})`
}

function stepList(steps: readonly Step[], links: Links, max = STEPS_PER_BULLET): string {
  const shown = steps.slice(0, max).map(step => stepText(step, links))
  if (steps.length > max) shown.push(`and ${steps.length - max} more`)
  return shown.join(', ')
}

/** Who may sign: users and teams by handle, a team's members only when they could be read. */
function mayView(eligible: EligibleSigners | undefined): string {
  if (eligible === undefined) return ''
  const owners = [
    ...eligible.users.map(formatLogin),
    ...eligible.teams.map(({ team, members }) =>
      members === undefined || members.length === 0
        ? formatLogin(team)
        : `${formatLogin(team)} (${members.slice(0, 5).map(formatLogin).join(', ')}${members.length > 5 ? `, ${members.length - 5} more` : ''})`
    )
  ]
  if (owners.length === 0) {
    return 'nobody may sign yet: name owners under `roles:` in the configuration, or in CODEOWNERS'
  }
  const shown = owners.length > 8 ? [...owners.slice(0, 8), `${owners.length - 8} more`] : owners
  return `may sign: ${shown.join(', ')}${eligible.source === 'roles' ? '' : ' (code owners)'}`
}

function todoBullet(todo: ToDo, links: Links): string {
  const person = todo.person === undefined ? '' : `${formatLogin(todo.person)}: `
  switch (todo.kind) {
    case 'approve':
      return `- ${person}**approve** the pull request, to sign ${stepList(todo.steps, links)}`
    case 'approve-again':
      return `- ${person}**approve again**: the checklist changed since the approval, for ${stepList(todo.steps, links)}`
    case 'verify':
      return `- ${person}approval **not verified**, for ${stepList(todo.steps, links)}`
    case 'sign': {
      const who = mayView(todo.eligible)
      return `- **Sign** ${stepList(todo.steps, links)}${who === '' ? '' : `: ${who}`}`
    }
    case 'fill-in':
      return `- **Fill in** ${stepList(todo.steps, links)}`
    case 'tick':
      return detailBullet('Tick', todo.steps, links)
    case 'fix-signoff':
      return detailBullet('Fix the sign-off', todo.steps, links)
    case 'fix-target':
      return detailBullet('Fix a target', todo.steps, links)
    case 'fix':
      return detailBullet('Fix', todo.steps, links)
  }
}

/** Open items of every part in one bullet: how many, where they start. */
function tickBullet(todos: readonly ToDo[], links: Links): string {
  const total = todos.reduce((sum, todo) => sum + todo.steps.length, 0)
  const parts = todos.slice(0, STEPS_PER_BULLET).map(todo => {
    const first = todo.steps[0]!
    const where = lineLink(first.path, first.line, links, `line ${first.line}`)
    const name = todo.part ? `${escapeMarkdown(todo.part)} ` : ''
    return `${name}(${todo.steps.length}, from ${where})`
  })
  if (todos.length > STEPS_PER_BULLET) parts.push(`${todos.length - STEPS_PER_BULLET} more parts`)
  return `- **Tick** ${plural(total, 'item')}: ${parts.join(', ')}`
}

/** One line per step, with its message, under one bold action; past a few, the rest by line. */
function detailBullet(action: string, steps: readonly Step[], links: Links): string {
  const shown = steps.length > DETAILED_STEPS + 1 ? DETAILED_STEPS : steps.length
  const lines = steps
    .slice(0, shown)
    .map(
      step =>
        `- **${action}**: ${escapeMarkdown(step.detail ?? step.subject)} (${lineLink(step.path, step.line, links, `line ${step.line}`)})`
    )
  const rest = steps.slice(shown)
  if (rest.length > 0) {
    const where = rest.slice(0, STEPS_PER_BULLET).map(step => lineLink(step.path, step.line, links))
    if (rest.length > STEPS_PER_BULLET) where.push(`${rest.length - STEPS_PER_BULLET} more`)
    lines.push(`- **${action}**: ${rest.length} more like these, lines ${where.join(', ')}`)
  }
  return lines.join('\n')
}

function leftBlock(todos: readonly ToDo[], links: Links): string[] {
  if (todos.length === 0) return []
  const bullets: string[] = []
  const shownKinds = new Map<string, number>()
  let hidden = 0
  const openItems = todos.filter(
    todo => todo.kind === 'tick' && todo.steps[0]?.detail === undefined
  )
  for (const todo of todos) {
    if (openItems.includes(todo)) {
      if (todo === openItems[0]) bullets.push(tickBullet(openItems, links))
      continue
    }
    const seen = shownKinds.get(todo.kind) ?? 0
    // Approvals name people and never hide; other kinds stay a few bullets each.
    if (seen >= BULLETS_PER_KIND && todo.person === undefined) {
      hidden += todo.steps.length
      continue
    }
    shownKinds.set(todo.kind, seen + 1)
    bullets.push(todoBullet(todo, links))
  }
  if (hidden > 0) bullets.push(`- ${plural(hidden, 'more place')} in the details`)
  return ["**What's left**", bullets.join('\n')]
}

const STATUS_ICON = { failed: '❌', warned: '⚠️', passed: '✅', informational: 'ℹ️' } as const

/** One compact row per top-level part: status first, then items, sign-offs, targets. */
function partsTable(evaluation: Evaluation, links: Links): string {
  const parts = topLevelParts(evaluation)
  type Row = {
    title: string
    line: number
    scope: Scope
    items: string
    errors: number
    warnings: number
    passed: boolean
    signed: number
    signoffs: number
    met: number
    targets: number
  }
  const rows: Row[] = (parts.length > 0 ? parts : [undefined]).map(part => ({
    title: part?.title ?? evaluation.path,
    line: part?.line ?? 1,
    scope: part?.scope ?? 'gated',
    items:
      part === undefined
        ? `${evaluation.items.done}/${evaluation.items.total}`
        : part.total > 0
          ? `${part.done}/${part.total}`
          : '—',
    errors: 0,
    warnings: 0,
    passed: part?.passed ?? evaluation.passed,
    signed: 0,
    signoffs: 0,
    met: 0,
    targets: 0
  }))
  const rowOf = (line: number) => rows[Math.max(0, partIndex(parts, line))]
  for (const finding of evaluation.findings) {
    const row = rowOf(finding.line)
    if (row === undefined) continue
    if (finding.severity === 'error') row.errors++
    else if (finding.severity === 'warning') row.warnings++
  }
  for (const signoff of evaluation.signoffs) {
    const row = rowOf(signoff.line)
    if (row === undefined || signoff.scope === 'excluded') continue
    row.signoffs++
    if (signoff.status === 'signed') row.signed++
  }
  for (const field of evaluation.fields) {
    const row = rowOf(field.line)
    if (row === undefined || field.scope === 'excluded' || field.status === 'no-target') continue
    row.targets++
    if (field.status === 'met') row.met++
  }
  const status = (row: Row) =>
    row.scope === 'informational'
      ? STATUS_ICON.informational
      : row.errors > 0 || !row.passed
        ? STATUS_ICON.failed
        : row.warnings > 0
          ? STATUS_ICON.warned
          : STATUS_ICON.passed
  // The status leads the part's own cell: a column of its own would not fit 400 px.
  return table(
    ['Part', 'Items', 'Sign-offs', 'Targets'],
    rows.map(row => [
      `${status(row)} ${lineLink(evaluation.path, row.line, { ...links, withPath: false }, escapeMarkdown(row.title))}`,
      row.items,
      row.signoffs > 0 ? `${row.signed}/${row.signoffs}` : '—',
      row.targets > 0 ? `${row.met}/${row.targets}` : '—'
    ])
  )
}

const SEVERITY_ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' }

const SIGNOFF_LABEL: Record<SignoffStatus, string> = {
  signed: '✅ signed',
  missing: '❌ missing',
  unticked: '❌ box not ticked',
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

function percent(done: number, total: number): string {
  // Rounded down, so that a section just under its threshold never shows the threshold itself.
  return `${Math.floor((done / total) * 100)}%`
}

/**
 * Why a section has not passed: items open where every item must be done, too few done for
 * its threshold, or an error of another kind (a missed target, a bad sign-off).
 */
function sectionStatus(section: SectionResult, hasOpenItems: boolean): string {
  if (section.passed) return '✅ passed'
  if (section.threshold !== undefined && section.done * 100 < section.threshold * section.total)
    return `❌ below ${section.threshold}%`
  if (section.threshold === undefined && hasOpenItems) return '❌ all must be done'
  return '❌ has errors'
}

/** Lines of the sections that hold an open item which must be done (an `item-open` error). */
function sectionsWithOpenItems(evaluation: Evaluation): Set<number> {
  const sections = evaluation.sections
  const enclosing = enclosingSections(sections)
  const result = new Set<number>()
  for (const finding of evaluation.findings) {
    if (finding.rule !== 'item-open' || finding.severity === 'warning') continue
    for (const section of enclosing(finding.line)) result.add(section.line)
  }
  return result
}

function sectionRow(
  section: SectionResult,
  path: string,
  links: Links,
  open: ReadonlySet<number>
): string[] {
  let done =
    section.total > 0
      ? `${section.done}/${section.total} (${percent(section.done, section.total)})`
      : '0/0'
  if (section.waived > 0) done += `, ${section.waived} waived`
  return [
    withScope(sectionStatus(section, open.has(section.line)), section.scope),
    lineLink(path, section.line, links, escapeMarkdown(section.title)),
    done,
    section.threshold === undefined ? 'all' : `${section.threshold}%`
  ]
}

function signoffRow(signoff: SignoffResult, path: string, links: Links): string[] {
  return [
    withScope(SIGNOFF_LABEL[signoff.status], signoff.scope),
    lineLink(path, signoff.line, links, escapeMarkdown(signoff.role)),
    [
      signoff.signers.map(formatLogin).join(', '),
      signoff.status === 'signed' ? '' : mayView(signoff.eligible)
    ]
      .filter(Boolean)
      .join('; ') || DASH
  ]
}

function fieldRow(field: FieldResult, path: string, links: Links): string[] {
  return [
    withScope(FIELD_LABEL[field.status], field.scope),
    lineLink(path, field.line, links, escapeMarkdown(field.label)),
    field.value === undefined ? DASH : escapeMarkdown(field.value),
    field.target === undefined ? DASH : escapeMarkdown(field.target)
  ]
}

function findingRow(entry: FoldedFinding, path: string, links: Links): string[] {
  const { finding, lines } = entry
  const also =
    lines.length > 1
      ? ` Lines ${lines
          .slice(0, 12)
          .map(line => lineLink(path, line, { ...links, withPath: false }))
          .join(', ')}${lines.length > 12 ? ` and ${lines.length - 12} more` : ''}.`
      : ''
  return [
    lineLink(path, finding.line, links),
    `${SEVERITY_ICON[finding.severity]} ${escapeMarkdown(entry.message ?? finding.message)}${also} \`${finding.rule}\``
  ]
}

/** What the details' tables of one checklist hold: sections, sign-offs, fields. */
interface DetailRows {
  sections: SectionResult[]
  signoffs: SignoffResult[]
  /** Fields whose target is not met. */
  interesting: FieldResult[]
  met: number
}

function detailRows(evaluation: Evaluation): DetailRows {
  const fields = evaluation.fields.filter(field => field.scope !== 'excluded')
  return {
    sections: meaningfulSections(evaluation),
    signoffs: evaluation.signoffs.filter(signoff => signoff.scope !== 'excluded'),
    interesting: fields.filter(field => INTERESTING_FIELDS.has(field.status)),
    met: fields.filter(field => field.status === 'met').length
  }
}

/**
 * The least a row of the details' tables takes: `| | | |`, three empty cells. A checklist with
 * more rows than fit in the size limit at that cannot show its tables, so they are not made.
 */
const MIN_TABLE_ROW_BYTES = 7

/** The details of one checklist: sections, sign-offs, fields, then (separately) findings. */
function detailBlocks(evaluation: Evaluation, rows: DetailRows, links: Links): string[] {
  const { path } = evaluation
  const { sections, signoffs, interesting, met } = rows
  const blocks: string[] = []
  if (links.withPath) blocks.push(`**${escapeMarkdown(path)}**`)
  if (sections.length > 0) {
    const open = sectionsWithOpenItems(evaluation)
    blocks.push(
      table(
        ['Status', 'Section', 'Done', 'Needs'],
        sections.map(section => sectionRow(section, path, links, open))
      )
    )
  }
  if (signoffs.length > 0) {
    blocks.push(
      table(
        ['Status', 'Sign-off', 'Signed by; who may sign'],
        signoffs.map(signoff => signoffRow(signoff, path, links))
      )
    )
  }
  if (interesting.length > 0) {
    blocks.push(
      table(
        ['Status', 'Field', 'Value', 'Target'],
        interesting.map(field => fieldRow(field, path, links))
      )
    )
  }
  if (met > 0) {
    blocks.push(`${plural(met, interesting.length > 0 ? 'other target' : 'target')} met.`)
  }
  return blocks
}

const HTML_COMMENT = /^<!--(?:(?!-->|--!>)[^\n])*-->$/

/** The footer: the check, the commits evaluated, the time, and where to read more. */
export function footer(options: MarkdownOptions): string {
  const { run = {}, heading, detailsUrl } = options
  const sha = (label: string, value: string | undefined) =>
    value === undefined ? '' : `${label} \`${escapeMarkdown(value.slice(0, 7))}\``
  const parts = [
    heading === undefined ? '' : oneLine(heading),
    sha('head', run.headSha),
    sha('base', run.baseSha),
    run.time === undefined ? '' : escapeMarkdown(formatTime(run.time)),
    run.runUrl === undefined ? '' : `[workflow run](${linkDestination(run.runUrl)})`,
    detailsUrl === undefined ? '' : `[all findings](${linkDestination(detailsUrl)})`
  ].filter(part => part !== '')
  return parts.length === 0 ? '' : `<sub>${parts.join(' · ')}</sub>`
}

/**
 * Whether two renderings say the same but for the footer's time and run link, which differ on
 * every run: a comment that says the same (commits included) is left as it is, no write.
 */
export function sameVerdict(a: string, b: string): boolean {
  const steady = (markdown: string) =>
    markdown.replace(FOOTER, line => line.replace(FOOTER_TIME, '').replace(FOOTER_RUN, ''))
  return steady(a) === steady(b)
}

/** The footer line as `footer` writes it, and the parts of it that change from run to run. */
const FOOTER = /^<sub>[^\n]*<\/sub>$/gm
const FOOTER_TIME = /\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/
const FOOTER_RUN = /\[workflow run\]\([^)]*\)/

/** `2026-12-01T20:30:05.123Z` → `2026-12-01 20:30 UTC`; anything else as given. */
function formatTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso)
  return match ? `${match[1]} ${match[2]} UTC` : iso
}

function hiddenNote(count: number, detailsUrl: string | undefined): string {
  const where =
    detailsUrl === undefined
      ? 'the JSON report and the annotations'
      : `the annotations of the [check run](${linkDestination(detailsUrl)})`
  return `… ${plural(count, 'more finding')} not shown here: see ${where}.`
}

/**
 * Markdown for the check run summary, the sticky comment and the job summary, in one shape:
 * the headline, what's left grouped by who must act, one table of the top-level parts, the
 * details folded away, and a footer naming the commits, the time and the run. With
 * `maxBytes`, detail goes first — findings rows, furthest and least severe first, then the
 * details' tables — so that the headline, what's left and the parts always show.
 */
export function toMarkdown(
  evaluations: readonly Evaluation[],
  options: MarkdownOptions = {}
): string {
  const { marker, maxBytes, detailsUrl, fileUrl } = options
  if (marker !== undefined && !HTML_COMMENT.test(marker)) {
    throw new Error(`The marker must be a one-line HTML comment, got: ${marker}`)
  }
  const links: Links = { fileUrl, withPath: evaluations.length > 1 }
  const counts = tally(evaluations)
  const todos = whatsLeft(evaluations)
  const { ready, text } = headline(evaluations, counts, todos)
  const [word, ...rest] = text.split(': ')
  const top: string[] = []
  if (marker !== undefined) top.push(marker)
  top.push(`## ${ready ? '✅' : '❌'} ${word}${rest.length > 0 ? `: ${rest.join(': ')}` : ''}`)
  top.push(...leftBlock(todos, links))
  if (ready && evaluations.length > 0) {
    if (counts.warnings + counts.notices > 0)
      top.push('Nothing left to do; the details hold what is worth a look.')
  }
  for (const evaluation of evaluations) {
    if (links.withPath) top.push(`**${escapeMarkdown(evaluation.path)}**`)
    top.push(partsTable(evaluation, links))
  }
  const end = footer(options)

  const checklists = evaluations.map(evaluation => {
    const findings = foldFindings(evaluation)
    // Each row rendered once for every attempt to fit: without aligned delimiters a table is
    // its header line, its delimiter line and a line per row, each independent of the others,
    // so the table of some of the rows is those rows' lines.
    const lines =
      findings.length === 0
        ? []
        : table(
            ['Line', 'Finding'],
            findings.map(entry => findingRow(entry, evaluation.path, links))
          ).split('\n')
    const rowLines = new Map(findings.map((entry, i) => [entry, lines[i + 2]!]))
    return {
      evaluation,
      detail: detailRows(evaluation),
      findings,
      tableHead: lines.slice(0, 2),
      rowLines
    }
  })
  const tableRows = checklists.reduce(
    (sum, { detail }) =>
      sum + detail.sections.length + detail.signoffs.length + detail.interesting.length,
    0
  )
  // With no render that shows the tables able to fit, they are never made: at 100,000 items
  // they are thousands of rows, made for nothing.
  const tablesMayFit = maxBytes === undefined || tableRows * MIN_TABLE_ROW_BYTES <= maxBytes
  const tables = tablesMayFit
    ? checklists.map(({ evaluation, detail }) => detailBlocks(evaluation, detail, links))
    : []
  const totalFindings = checklists.reduce((sum, { findings }) => sum + findings.length, 0)
  const summaryFacts = [
    counts.errors > 0 ? plural(counts.errors, 'error') : '',
    counts.warnings > 0 ? plural(counts.warnings, 'warning') : '',
    counts.notices > 0 ? plural(counts.notices, 'notice') : ''
  ].filter(Boolean)

  const render = (
    shown: ReadonlySet<FoldedFinding> | undefined,
    withTables: boolean,
    hidden: number
  ): string => {
    const details: string[] = []
    for (const [i, checklist] of checklists.entries()) {
      if (withTables) details.push(...tables[i]!)
      const rows = checklist.findings
        .filter(entry => shown === undefined || shown.has(entry))
        .map(entry => checklist.rowLines.get(entry)!)
      if (rows.length > 0) details.push([...checklist.tableHead, ...rows].join('\n'))
    }
    if (hidden > 0) details.push(hiddenNote(hidden, detailsUrl))
    const blocks = [...top]
    if (details.length > 0) {
      const label = `Details${summaryFacts.length > 0 ? `: ${summaryFacts.join(', ')}` : ''}`
      blocks.push(`<details><summary>${label}</summary>`, ...details, '</details>')
    }
    if (end !== '') blocks.push(end)
    return blocks.join('\n\n') + '\n'
  }

  if (tablesMayFit) {
    const full = render(undefined, true, 0)
    if (maxBytes === undefined || utf8Bytes(full) <= maxBytes) return full
  }

  // Errors are kept longest: rows go notices first, then warnings, then errors, furthest first.
  const ranked = checklists.flatMap(({ findings }) => findings)
  const fits = (count: number, withTables = true) =>
    utf8Bytes(render(new Set(ranked.slice(0, count)), withTables, totalFindings - count)) <=
    maxBytes
  const bestCount = (withTables: boolean): number | undefined => {
    if (!fits(0, withTables)) return undefined
    let low = 0
    let high = ranked.length - 1
    while (low < high) {
      const middle = Math.ceil((low + high) / 2)
      if (fits(middle, withTables)) low = middle
      else high = middle - 1
    }
    return low
  }
  const withTables = tablesMayFit ? bestCount(true) : undefined
  if (withTables !== undefined) {
    return render(new Set(ranked.slice(0, withTables)), true, totalFindings - withTables)
  }
  const withoutTables = bestCount(false)
  if (withoutTables !== undefined) {
    return render(new Set(ranked.slice(0, withoutTables)), false, totalFindings - withoutTables)
  }
  return cutToFit(render(new Set(), false, totalFindings), maxBytes, totalFindings, marker)
}

/**
 * Last resort when even the document without details is too big (a huge checklist or a tiny
 * limit): whole lines are kept while they fit, so no table row or marker is cut in two.
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
