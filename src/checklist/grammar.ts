/**
 * Recognisers for the checklist constructs that live inside text: each works on the plain text
 * of one line of the syntax tree (never on raw Markdown), and stays linear on any input.
 */

const THRESHOLD_PATTERNS = [
  /must\s+pass\s*:?\s*(\d{1,3}(?:\.\d+)?)\s*%/i,
  /(\d{1,3}(?:\.\d+)?)\s*%\s*(?:required|must\s+pass|to\s+pass)/i,
  /threshold\s*:?\s*(\d{1,3}(?:\.\d+)?)\s*%/i
]

/** `Critical Requirements (Must Pass 100%)`, `Important (90% required)` → the percentage. */
export function headingThreshold(title: string): number | undefined {
  for (const pattern of THRESHOLD_PATTERNS) {
    const match = pattern.exec(title)
    if (match) {
      const value = Number(match[1])
      if (value <= 100) return value
    }
  }
  return undefined
}

/** A run of three or more underscores, or a bracketed placeholder such as `[Name]`, `[MM/DD]`. */
export const BLANK_PATTERN = /_{3,}|\[[A-Z][A-Za-z]+(?:[ /-][A-Za-z]+){0,3}\]/
const BLANK = new RegExp(BLANK_PATTERN.source, 'g')

/** Whether `text` may hold a blank: a cheap test before the pattern, run on every line. */
export function mayHoldBlank(text: string): boolean {
  return text.includes('_') || text.includes('[')
}

export function findBlanks(text: string): string[] {
  if (!mayHoldBlank(text)) return []
  return text.match(BLANK) ?? []
}

/**
 * A value that only says it is still to come, perhaps with its unit: `Ticket: TBD`, `Approval:
 * pending`, `Throughput: TBD TPS`. Only the whole value: `No TODO comments left` is done work.
 */
const PENDING_WORD = '(?:[Pp]ending|PENDING|TB[DC]|TODO|\\?+)'
const PENDING_VALUE = new RegExp(`^${PENDING_WORD}(?:\\s+[A-Za-z%/]{1,12})?$`)

/**
 * Blank or written only with placeholders and underscores (`__`, `____ / ____`, `[Name]`), or
 * only TBD, TBC, TODO, pending or `?`.
 */
export function isUnfilled(value: string): boolean {
  const rest = value.replace(BLANK, '').replace(/[_\s/.:-]/g, '')
  return (
    rest === '' ||
    PENDING_VALUE.test(value.trim()) ||
    (findBlanks(value).length > 0 && !/\d/.test(rest))
  )
}

/** The paragraph labels that open a sign-off block: `Sign-off:`, `**Sign-offs:**`, `Signoff`. */
export function isSignoffLabel(text: string): boolean {
  return /^\s*sign[- ]?offs?\s*:?\s*$/i.test(text)
}

/**
 * A heading over sign-offs: `Sign-off` anywhere in it (with any hyphen), or ending in
 * `Approvals`, `Approval`, `Signatures`: `QA Lead Approval`, `Final Approvals (Optional)`.
 * Whatever is signed there must be proven, whichever word it uses; `Approval Process` or
 * `Deployment Approval Checklist` is about something else.
 */
export function isSignoffHeading(title: string): boolean {
  return (
    /sign[-\u2010\u2011\u2013\u2014 ]?offs?\b/i.test(title) ||
    /\b(approvals?|signatures?)\s*(\([^()]*\))?\s*:?\s*$/i.test(title)
  )
}

/** Where a sign-off table keeps each part of a row's sign-off: column indices, -1 for none. */
export interface SignoffColumns {
  role: number
  /** Every column that names who signs: a row is signed by the logins in any of them. */
  signers: number[]
  date: number
}

// Header cells are read by their words, however decorated: `Approver Role`, `👤 Role`,
// `Date (YYYY-MM-DD)`, `Name / Signature`.
const ROLE_COLUMN = /\broles?\b/
const SIGNER_COLUMN =
  /\b(names?|signers?|signatory|signatures?|sign[- ]?off by|signed( off)? by|approvers?|approved by|logins?|github)\b/
const DATE_COLUMN = /\bdate\b|\b(signed|approved) on\b/
/** A column that makes a table of roles and names an approval table wherever it stands. */
const APPROVAL_COLUMN = /\b(signatures?|signed|sign[- ]?offs?|approved|approvals?|approvers?)\b/
/** A column a table of people has when it lists whom to reach, not who signs. */
const CONTACT_COLUMN =
  /\b(phone|e-?mail|slack|pager|contact|responsibilit(y|ies)|availab(le|ility))\b/

/**
 * Whether a table, by its header, holds sign-offs, one per row: a Role column and a column
 * naming the signer (Name, Signer, Approver, Signature, Approved by), with an optional Date;
 * inside a sign-off block, or anywhere with a column that says the row approves (Signature,
 * Approved, Approver, Sign-off). A table of contacts (`| Role | Name | Phone |`) is none, even in
 * a sign-off block, unless it also has a Date or an approval column.
 */
export function signoffTableColumns(
  header: readonly string[],
  inSignoffBlock: boolean
): SignoffColumns | undefined {
  const names = header.map(cell => normaliseLabel(cell).replace(/:$/, ''))
  const role = names.findIndex(name => ROLE_COLUMN.test(name))
  const date = names.findIndex((name, i) => i !== role && DATE_COLUMN.test(name))
  const signers = names.flatMap((name, i) =>
    i !== role && i !== date && SIGNER_COLUMN.test(name) ? [i] : []
  )
  if (role < 0 || signers.length === 0) return undefined
  const approving = names.some((name, i) => i !== role && APPROVAL_COLUMN.test(name))
  if (!inSignoffBlock && !approving) return undefined
  if (!approving && date < 0 && names.some(name => CONTACT_COLUMN.test(name))) return undefined
  return { role, signers, date }
}

export interface SignoffParts {
  role: string
  signerText: string
  dateText: string | undefined
}

/** No leading `\s*`: unanchored, it would rescan every run of spaces (quadratic); callers trim. */
const DATE_PART = /\bDate\s*:\s*/i

/** `Role: SIGNER [Date: DATE]`, as plain text (bold labels already reduced to text). */
export function parseSignoffLine(text: string): SignoffParts | undefined {
  const colon = text.indexOf(':')
  if (colon <= 0 || colon > 80) return undefined
  const role = text.slice(0, colon).trim()
  if (!role || /^date$/i.test(role) || findBlanks(role).length > 0) return undefined
  let rest = text.slice(colon + 1)
  let dateText: string | undefined
  const date = DATE_PART.exec(rest)
  if (date) {
    dateText = rest.slice(date.index + date[0].length).trim()
    rest = rest.slice(0, date.index)
  }
  return { role, signerText: rest.trim(), dateText }
}

export interface FieldParts {
  label: string
  value: string
  targetText: string | undefined
  /** The line has a `(target` that is not `(target: EXPR)`: `targetText` is what was written. */
  targetMalformed: boolean
  /** Text beside a blank value: `______ seconds` → `seconds`. */
  unitHint: string | undefined
}

const TARGET_OPEN = /\(\s*target\s*:\s*/i
/** Any `(target` or `(targets`, however it goes on: written to be a target, so never prose. */
const TARGET_MENTION = /\(\s*targets?\b/i
/** A field's value not filled in yet, with perhaps its unit: `____ ms`, `[Name]`, `TBD TPS`. */
const UNFILLED_VALUE = new RegExp(
  `^(?:${BLANK_PATTERN.source}|${PENDING_WORD})\\s*[A-Za-z%/]{0,12}$`
)

/**
 * `Label: VALUE [unit] (target: EXPR)`, or `Label: ______ [unit]` (or `TBD`, `pending`) with no
 * target: a value still to be filled in. A `(target` that does not read as `(target: EXPR)`
 * (no colon, no closing parenthesis) still makes a field, whose target cannot be read, so that
 * a typo never turns the check off. Any other `Label: text` line is prose, not a field.
 */
export function parseFieldLine(text: string): FieldParts | undefined {
  const colon = text.indexOf(':')
  if (colon <= 0 || colon > 120) return undefined
  const label = text.slice(0, colon).trim()
  const target = TARGET_OPEN.exec(text)
  if (target && target.index > colon) {
    const close = text.indexOf(')', target.index)
    if (close >= 0) {
      const value = text.slice(colon + 1, target.index).trim()
      return {
        label,
        value,
        targetText: text.slice(target.index + target[0].length, close).trim(),
        targetMalformed: false,
        unitHint: unitBeside(value)
      }
    }
  }
  const mention = TARGET_MENTION.exec(text.slice(colon + 1))
  if (mention && label) {
    const at = colon + 1 + mention.index
    const value = text.slice(colon + 1, at).trim()
    return {
      label,
      value,
      targetText: text.slice(at).trim(),
      targetMalformed: true,
      unitHint: unitBeside(value)
    }
  }
  const value = text.slice(colon + 1).trim()
  if (!UNFILLED_VALUE.test(value)) {
    return undefined
  }
  if (!label || findBlanks(label).length > 0) return undefined
  return {
    label,
    value,
    targetText: undefined,
    targetMalformed: false,
    unitHint: unitBeside(value)
  }
}

function unitBeside(value: string): string | undefined {
  if (findBlanks(value).length === 0) return undefined
  const unit = value.replace(BLANK, '').replace(/_+/g, '').trim()
  return unit || undefined
}

/**
 * Ballot boxes: `☐` is open; `☒ ☑ ✅ ✔ ✓ [x]` are marked. A glyph may carry a variation
 * selector, as GitHub's emoji shortcodes write them (`:ballot_box_with_check:` is ☑ U+FE0F):
 * it belongs to the box, or it would start the option's label and no label would be accepted.
 */
const BOX = /(?:☐|☒|☑|✅|✔|✓)[\uFE0E\uFE0F]?|\[[ xX]\]/g
const VARIATION_SELECTOR = /[\uFE0E\uFE0F]$/
const BALLOT = new Set(['☐', '☒', '☑', '[ ]', '[x]', '[X]'])
const OPEN_BOXES = new Set(['☐', '[ ]'])

export interface ChoiceParts {
  context: string
  options: { label: string; marked: boolean }[]
}

/**
 * `☐ Pass ☐ Fail`, `**Go/No-Go:** ☐ GO ☐ NO-GO`, `[ ] Yes [ ] No`: two or more labelled options,
 * at least one behind a ballot box, so that a line such as `✅ Done ✅ Tested` is not a choice.
 */
const ANY_BOX = new RegExp(BOX.source)

export function parseChoice(text: string): ChoiceParts | undefined {
  if (!ANY_BOX.test(text)) return undefined
  const boxes = [...text.matchAll(BOX)]
  const glyph = (box: RegExpExecArray) => box[0].replace(VARIATION_SELECTOR, '')
  if (boxes.length < 2 || !boxes.some(box => BALLOT.has(glyph(box)))) return undefined
  const options: ChoiceParts['options'] = []
  for (let i = 0; i < boxes.length; i++) {
    const box = boxes[i]!
    const start = box.index + box[0].length
    const end = i + 1 < boxes.length ? boxes[i + 1]!.index : text.length
    const label = trimEdges(text.slice(start, end), LABEL_EDGE)
    if (!label) return undefined
    options.push({ label, marked: !OPEN_BOXES.has(glyph(box)) })
  }
  const context = trimEdges(text.slice(0, boxes[0]!.index), CONTEXT_EDGE, false)
  return { context, options }
}

const LABEL_EDGE = /[\s/|,;-]/
const CONTEXT_EDGE = /[\s:|\-–—]/

/**
 * Strips characters of one class from the end (and the start) of a text. A regular expression
 * such as `/[\s]+$/` retries from every character of a long run and takes quadratic time.
 */
function trimEdges(text: string, edge: RegExp, start = true): string {
  let from = 0
  let to = text.length
  while (to > 0 && edge.test(text[to - 1]!)) to--
  while (start && from < to && edge.test(text[from]!)) from++
  return text.slice(from, to).trim()
}

/**
 * Removes Markdown-ish leftovers that plain text keeps around a label (`**PASS**`), for choice
 * labels and sign-off roles alike: compared case-insensitively, with single spaces.
 */
export function normaliseLabel(label: string): string {
  return label.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase()
}

/** A choice's question as accept-choices-for names it: `**Rollback needed?**` → `rollback needed`. */
export function normaliseQuestion(label: string): string {
  return normaliseLabel(label).replace(/[\s?:]+$/, '')
}
