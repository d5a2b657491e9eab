/**
 * The parsed checklist: what a person reading the Markdown would see, with the source line of
 * everything (1-based), so that every finding can point at a line.
 */

/** A heading; its items are those under it, sub-sections included. */
export interface Section {
  /** Index in `Checklist.sections`. */
  index: number
  /** Heading text as plain text. */
  title: string
  /** Titles from the outermost heading down to this one. */
  path: string[]
  /** Heading level, 1 to 6. */
  level: number
  line: number
  /** Index of the enclosing section, if any. */
  parent: number | undefined
  /** Minimum share of done items, in percent, written in the heading (`Must Pass 90%`). */
  threshold: number | undefined
}

export interface TaskItem {
  /** Index in `Checklist.items`. */
  index: number
  line: number
  /** Last line of the item's own text (its first paragraph); `line` when it has one line. */
  lastLine: number
  /** Text of the item's first paragraph, as plain text. */
  text: string
  checked: boolean
  /** Index of the enclosing task item, if any. */
  parent: number | undefined
  /** Indices of the task items directly below this one. */
  children: number[]
  /** Index of the innermost enclosing section, if any. */
  section: number | undefined
  /** Struck through (`~~…~~`) and carrying `N/A: reason`. */
  waiver: { reason: string } | undefined
}

/** A placeholder still to be filled in: `______`, `____%`, `[Name]`, `[Date]`. */
export interface Blank {
  line: number
  /** The placeholder as written. */
  text: string
  /** The text of the line it stands in, for messages. */
  context: string
  section: number | undefined
}

export type Dimension = 'time' | 'percent' | 'size' | 'rate' | 'count'

/** A number with its unit, normalised: time in seconds, sizes in bytes, rates per second. */
export interface Quantity {
  value: number
  dimension: Dimension
  /** The unit as written (`ms`, `seconds`, `%`, `MiB`), or '' for a bare number. */
  unit: string
  raw: string
}

export type Comparison = '<' | '<=' | '>' | '>=' | '='

export interface Target {
  op: Comparison
  quantity: Quantity
  raw: string
}

/** Options each behind a ballot box: `☐ Pass ☐ Fail`, `☐ GO ☐ NO-GO`. */
export interface Choice {
  line: number
  options: { label: string; marked: boolean }[]
  /** Where it stands: a table row's first cell or the paragraph label, for messages. */
  context: string
  section: number | undefined
  /** Some option is struck through (`☒ ~~GO~~ ☐ NO-GO`): what is marked was crossed out. */
  struck?: true
}

/** `Label: VALUE [unit] (target: EXPR)`, or a row of a metric table. */
export interface Field {
  line: number
  label: string
  /** The value as written; undefined when it is still a blank. */
  value: string | undefined
  /** The value parsed, when it is a number (with its unit, or the unit beside the blank). */
  actual: Quantity | undefined
  target: Target | undefined
  /** The target as written when it could not be parsed. */
  targetText: string | undefined
  /** The unit written beside a blank value (`______ seconds`), to read the value in. */
  unitHint: string | undefined
  /** A metric table's Baseline cell. */
  baseline: Quantity | undefined
  /** A metric table's Status cell. */
  status: Choice | undefined
  source: 'inline' | 'table'
  section: number | undefined
}

/**
 * `Role: SIGNER [Date: DATE]` inside a sign-off block, or a row of a sign-off table
 * (`| Role | Name | Date |`).
 */
export interface Signoff {
  line: number
  role: string
  /** The signer part as written (trimmed); '' or a blank when unfilled. */
  signerText: string
  /** The date as written, if the line has a Date part. */
  dateText: string | undefined
  /** Line of the block's label or heading. */
  blockLine: number
  form: 'list' | 'task' | 'bold' | 'paragraph' | 'table'
  section: number | undefined
}

export interface Checklist {
  path: string
  sections: Section[]
  items: TaskItem[]
  blanks: Blank[]
  fields: Field[]
  choices: Choice[]
  signoffs: Signoff[]
}
