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

export function findBlanks(text: string): string[] {
  if (!text.includes('_') && !text.includes('[')) return []
  return text.match(BLANK) ?? []
}

/** Blank or written only with placeholders and underscores (`__`, `____ / ____`, `[Name]`). */
export function isUnfilled(value: string): boolean {
  const rest = value.replace(BLANK, '').replace(/[_\s/.:-]/g, '')
  return rest === '' || (findBlanks(value).length > 0 && !/\d/.test(rest))
}

/** The paragraph labels that open a sign-off block: `Sign-off:`, `**Sign-offs:**`, `Signoff`. */
export function isSignoffLabel(text: string): boolean {
  return /^\s*sign[- ]?offs?\s*:?\s*$/i.test(text)
}

export function isSignoffHeading(title: string): boolean {
  return /sign[- ]?offs?\b/i.test(title)
}

/** Where a sign-off table keeps each part of a row's sign-off: column indices, -1 for none. */
export interface SignoffColumns {
  role: number
  signer: number
  date: number
}

const ROLE_COLUMN = /^roles?$/
/** The columns that name who signs, the first found in this order. */
const SIGNER_COLUMNS = [
  /^(name|names)$/,
  /^(signer|signers|signatory)$/,
  /^(approver|approvers|approved by|signed by|signed off by)$/,
  /^signature$/
]
const DATE_COLUMN = /^(date|date signed|date approved|signed on|approved on)$/
/** A column that makes a table of roles and names an approval table wherever it stands. */
const APPROVAL_COLUMN =
  /^(signature|signed|sign[- ]?off|approved|approval|approved by|signed by|signed off by)\??$/

/**
 * Whether a table, by its header, holds sign-offs, one per row: a Role column and a column
 * naming the signer (Name, Signer, Approver, Signature), with an optional Date; inside a
 * sign-off block, or anywhere with a column that says the row approves (Signature, Approved).
 * `| Role | Name | Phone |` under "Emergency Contacts" is a table of contacts, not of sign-offs.
 */
export function signoffTableColumns(
  header: readonly string[],
  inSignoffBlock: boolean
): SignoffColumns | undefined {
  const names = header.map(cell => cell.trim().replace(/:$/, '').trim().toLowerCase())
  const role = names.findIndex(name => ROLE_COLUMN.test(name))
  let signer = -1
  for (const pattern of SIGNER_COLUMNS) {
    signer = names.findIndex((name, i) => i !== role && pattern.test(name))
    if (signer >= 0) break
  }
  if (role < 0 || signer < 0) return undefined
  if (!inSignoffBlock && !names.some(name => APPROVAL_COLUMN.test(name))) return undefined
  return { role, signer, date: names.findIndex(name => DATE_COLUMN.test(name)) }
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

/**
 * `Label: VALUE [unit] (target: EXPR)`, or `Label: ______ [unit]` with no target: a value still
 * to be filled in. A `(target` that does not read as `(target: EXPR)` (no colon, no closing
 * parenthesis) still makes a field, whose target cannot be read, so that a typo never turns
 * the check off. Any other `Label: text` line is prose, not a field.
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
  if (!/^(?:_{3,}|\[[A-Z][A-Za-z]+(?:[ /-][A-Za-z]+){0,3}\])\s*[A-Za-z%/]{0,12}$/.test(value)) {
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
const CONTEXT_EDGE = /[\s:|-]/

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
