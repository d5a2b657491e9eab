import type { Blank, Checklist, Choice, Field, Section, Signoff, TaskItem } from './model.js'
import {
  type ChoiceParts,
  findBlanks,
  headingThreshold,
  isSignoffHeading,
  isSignoffLabel,
  isUnfilled,
  parseChoice,
  parseFieldLine,
  parseSignoffLine,
  signoffTableColumns
} from './grammar.js'
import { FIELDS, NodeField, Kind, MarkdownParserError, Task } from './cmark/tree.js'
import {
  type TextLine,
  type Tree,
  hasBoldLabel,
  hasStrikethrough,
  inlineEnd,
  inlineLines,
  splitStruck,
  withTreeParts
} from './markdown.js'
import { parseQuantity, parseTarget, targetFromCell } from './quantity.js'

// Module-local names for the tree's constants and helpers, read for each of hundreds of
// thousands of nodes: a transpiling loader (tsx, vitest) turns every read of an imported
// binding into a call.
const K = Kind
const F = NodeField
const T = Task
const STRIDE = FIELDS

/** A checklist that cannot be read at all: empty, binary, or not UTF-8. */
export class ChecklistError extends Error {
  constructor(
    readonly path: string,
    message: string
  ) {
    super(`${path}: ${message}`)
    this.name = 'ChecklistError'
  }
}

/**
 * Decodes a checklist file, refusing what cannot be a Markdown checklist. A byte-order mark is
 * kept: GitHub's parser reads it as part of line 1 (`\uFEFF- [ ] a` is no task there).
 */
export function decodeChecklist(bytes: Uint8Array, path: string): string {
  if (bytes.includes(0)) {
    throw new ChecklistError(path, 'is a binary file, not a Markdown checklist.')
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    throw new ChecklistError(path, 'is not valid UTF-8 text: save it as UTF-8.')
  }
  return text
}

const WAIVER_REASON = /N\/A\s*[:–—-]\s*(\S[^]*)$/i
/** What may be left unstruck beside a struck-through item: only `N/A: reason`. */
const WAIVER_ONLY = /^N\/A\s*[:–—-]\s*(\S[^]*)$/i

/**
 * A sign-off block: after a `Sign-off:` label, the next list or table; under a sign-off
 * heading, all.
 */
interface SignoffBlock {
  line: number
  /** Heading level for a heading block; undefined for a label block (which ends with its list). */
  headingLevel: number | undefined
  /** For a label block: the depth of the list it governs, once that list opened. */
  listDepth: number | undefined
}

interface ListItemFrame {
  task: number | undefined
  /** Whether the item's first paragraph has been seen (it holds the task's text). */
  sawParagraph: boolean
}

/**
 * Parses a checklist into the model. Block structure and task state are cmark-gfm's, as GitHub
 * renders the file: its tree is walked once in document order, part by part as the parser
 * hands it over, keeping a stack of open sections and list items, and the text of each
 * paragraph, heading and cell is read line by line.
 */
export function parseChecklist(source: string, path: string): Checklist {
  if (source.trim() === '') {
    throw new ChecklistError(path, 'is empty: commit the checklist with its items.')
  }
  try {
    return readChecklist(source, path)
  } catch (error) {
    if (error instanceof MarkdownParserError) {
      throw new ChecklistError(path, `cannot be read: ${error.message}.`)
    }
    throw error
  }
}

function readChecklist(source: string, path: string): Checklist {
  const sections: Section[] = []
  const items: TaskItem[] = []
  const blanks: Blank[] = []
  const fields: Field[] = []
  const choices: Choice[] = []
  const signoffs: Signoff[] = []

  const sectionStack: Section[] = []
  const listItems: ListItemFrame[] = []
  let listDepth = 0
  let block: SignoffBlock | undefined
  // A footnote is shown below the document, not in the sign-off block it may be written in.
  const blocksOutsideFootnotes: (SignoffBlock | undefined)[] = []

  const currentSection = (): number | undefined => sectionStack[sectionStack.length - 1]?.index
  const nearestTask = (): number | undefined => {
    for (let i = listItems.length - 1; i >= 0; i--) {
      const task = listItems[i]!.task
      if (task !== undefined) return task
    }
    return undefined
  }
  const readText = (lines: TextLine[], signoffForm: Signoff['form'] | undefined) => {
    // Indexed, as every loop run for each paragraph: a for-of allocates an iterator result
    // per line until the JIT optimizes it away, and the gate mostly runs once, before it does.
    for (let i = 0; i < lines.length; i++) {
      const { line, text, unstruck } = lines[i]!
      readLine(line, text, signoffForm, unstruck, i > 0 ? lines[i - 1]!.text : '')
    }
  }

  /**
   * What a line of text holds: a sign-off (inside a sign-off block), a field, a choice, or
   * blanks still to fill in.
   */
  const readLine = (
    line: number,
    text: string,
    signoffForm: Signoff['form'] | undefined,
    unstruck = text,
    /** The paragraph's line before, which labels boxes that stand alone on theirs. */
    lineBefore = ''
  ): void => {
    const section = currentSection()
    const choice = parseChoice(text)
    // `**Go/No-Go:** ☒ GO ☐ NO-GO` in a sign-off block is a decision, not a signature; a line
    // that names a login stays a sign-off, boxes or not, so no box can hide a signature.
    if (signoffForm && block && !(choice && !text.includes('@'))) {
      const signoff = parseSignoffLine(text)
      if (signoff) {
        // A name struck through is crossed out: it signs nothing (nor does a struck date).
        const bare = unstruck === text ? signoff : parseSignoffLine(unstruck)
        signoffs.push({
          line,
          role: signoff.role,
          signerText: bare?.signerText ?? '',
          dateText: bare === undefined ? undefined : bare.dateText,
          blockLine: block.line,
          form: signoffForm,
          section
        })
        return
      }
    }
    if (choice) {
      choices.push({
        line,
        options: choice.options,
        // `**Rollback needed?**`, and on the paragraph's next line `☐ Yes ☐ No`.
        context: choice.context || questionBefore(lineBefore),
        section,
        ...(isStruck(choice, unstruck, text) ? { struck: true } : {})
      })
    }
    const field = parseFieldLine(text)
    if (field) {
      const unfilled = isUnfilled(field.value)
      fields.push({
        line,
        label: field.label,
        value: unfilled ? undefined : field.value,
        actual: unfilled ? undefined : parseQuantity(field.value),
        target:
          field.targetText === undefined || field.targetMalformed
            ? undefined
            : parseTarget(field.targetText),
        targetText: field.targetText,
        unitHint: field.unitHint,
        baseline: undefined,
        status: undefined,
        source: 'inline',
        section
      })
      return
    }
    for (const blank of findBlanks(text)) {
      blanks.push({ line, text: blank, context: text.trim(), section })
    }
  }

  // The part of the tree being read: the document (node 0) and some of its top-level blocks.
  // The helpers that read it are made once, not once a part: each new closure would be a new
  // call target to the optimizing compiler, which threw its code away and compiled it again.
  let tree: Tree = { count: 0, nodes: new Int32Array(0), strings: '' }
  const lineOf = (i: number): number => tree.nodes[i * STRIDE + F.StartLine]!

  /** What closing node `i` ends: its list (and a label block with it) or its list item. */
  const close = (i: number): void => {
    const kind = tree.nodes[i * STRIDE + F.Kind]!
    if (kind === K.List) {
      if (block && block.headingLevel === undefined && block.listDepth === listDepth) {
        block = undefined
      }
      listDepth--
    } else if (kind === K.Item) {
      listItems.pop()
    } else if (kind === K.FootnoteDefinition) {
      block = blocksOutsideFootnotes.pop()
    }
  }

  const readPart = (part: Tree): void => {
    tree = part
    const { nodes, count } = part
    // Open containers, innermost last. A node's parent is always on it: what is above the parent
    // has ended, since nodes come in document order.
    const open: number[] = []
    for (let i = 1; i < count; i++) {
      const parent = nodes[i * STRIDE + F.Parent]!
      while (open.length && open[open.length - 1] !== parent) close(open.pop()!)
      switch (nodes[i * STRIDE + F.Kind]!) {
        case K.Heading: {
          const level = nodes[i * STRIDE + F.Extra]!
          const end = inlineEnd(tree, i)
          const title = plainText(tree, i + 1, end)
          while (sectionStack.length && sectionStack[sectionStack.length - 1]!.level >= level) {
            sectionStack.pop()
          }
          const parentSection = sectionStack[sectionStack.length - 1]
          const section: Section = {
            index: sections.length,
            title,
            path: [...(parentSection?.path ?? []), title],
            level,
            line: lineOf(i),
            parent: parentSection?.index,
            threshold: headingThreshold(title)
          }
          sections.push(section)
          sectionStack.push(section)
          if (block && (block.headingLevel === undefined || level <= block.headingLevel)) {
            block = undefined
          }
          if (isSignoffHeading(title)) {
            block = { line: section.line, headingLevel: level, listDepth: undefined }
          }
          i = end - 1
          break
        }
        case K.List:
          listDepth++
          if (block && block.headingLevel === undefined && block.listDepth === undefined) {
            block.listDepth = listDepth
          }
          open.push(i)
          break
        case K.Item: {
          const state = nodes[i * STRIDE + F.Extra]!
          let task: number | undefined
          if (state !== T.None) {
            task = items.length
            const parentTask = nearestTask()
            items.push({
              index: task,
              line: lineOf(i),
              lastLine: lineOf(i),
              text: '',
              checked: state === T.Checked,
              parent: parentTask,
              children: [],
              section: currentSection(),
              waiver: undefined
            })
            if (parentTask !== undefined) items[parentTask]!.children.push(task)
          }
          listItems.push({ task, sawParagraph: false })
          open.push(i)
          break
        }
        case K.Paragraph: {
          const end = inlineEnd(tree, i)
          const line = lineOf(i)
          const frame = listItems[listItems.length - 1]
          const lines = inlineLines(tree, i + 1, end, nodes[i * STRIDE + F.EndLine]!)
          if (frame && !frame.sawParagraph) {
            frame.sawParagraph = true
            if (frame.task !== undefined) {
              readTaskParagraph(items[frame.task]!, tree, i, end, lines)
              const inBlock = block !== undefined && isSignoffCandidate(block, listDepth)
              readText(lines, inBlock ? 'task' : undefined)
              i = end - 1
              break
            }
          }
          if (!frame && lines.length === 1 && isSignoffLabel(lines[0]!.text)) {
            block = { line, headingLevel: undefined, listDepth: undefined }
          } else if (block && isSignoffCandidate(block, listDepth)) {
            readText(lines, frame ? 'list' : hasBoldLabel(tree, i + 1, end) ? 'bold' : 'paragraph')
          } else {
            readText(lines, undefined)
          }
          i = end - 1
          break
        }
        case K.ThematicBreak:
          // A rule closes a sign-off block: what follows it is a footer, not another signature.
          block = undefined
          break
        case K.Table:
          i = readTable(i) - 1
          break
        case K.FootnoteDefinition:
          blocksOutsideFootnotes.push(block)
          block = undefined
          open.push(i)
          break
        default:
          open.push(i)
          break
      }
    }
    // A part holds whole top-level blocks: what they opened has ended with them.
    while (open.length) close(open.pop()!)
  }

  /**
   * Reads a GFM table: a metric table (Target + Actual columns) or cells with choices. Returns
   * the end (exclusive) of the table's nodes.
   */
  function readTable(table: number): number {
    const { nodes, count } = tree
    // Each cell's text, and the same without what is struck through (a signer's name).
    const rows: { line: number; cells: string[]; unstruck: string[] }[] = []
    let i = table + 1
    while (i < count) {
      const kind = nodes[i * STRIDE + F.Kind]!
      if (kind === K.TableRow) {
        rows.push({ line: lineOf(i), cells: [], unstruck: [] })
        i++
      } else if (kind === K.TableCell) {
        const end = inlineEnd(tree, i)
        const row = rows[rows.length - 1]
        if (row) {
          const lines = inlineLines(tree, i + 1, end)
          row.cells.push(lines.map(line => line.text).join(' '))
          row.unstruck.push(lines.map(line => line.unstruck).join(' '))
        }
        i = end
      } else {
        break
      }
    }
    const [header, ...body] = rows
    if (!header) return i
    const columns = header.cells.map(cell => cell.trim().toLowerCase())
    const target = columns.indexOf('target')
    // `Actual`, and any more measured (`Actual (re-run on final build)`): each must meet the
    // target, or a later, worse measure beside the first would pass unread.
    const actuals = columns.flatMap((column, index) => (ACTUAL_COLUMN.test(column) ? [index] : []))
    const baseline = columns.indexOf('baseline')
    const status = columns.indexOf('status')
    const section = currentSection()
    const inBlock = block !== undefined && isSignoffCandidate(block, listDepth)
    const metric = target >= 0 && actuals.length > 0
    const signoff = metric ? undefined : signoffTableColumns(header.cells, inBlock)
    const blockLine = inBlock ? block!.line : header.line
    let role = ''
    for (const row of body) {
      const texts = row.cells
      if (metric) {
        for (const actual of actuals) {
          // The first Actual column's field is the row's own; another is named by its header.
          const measure = actual === actuals[0] ? undefined : header.cells[actual]!.trim()
          fields.push(
            metricRow(row.line, texts, { target, actual, baseline, status }, section, measure)
          )
        }
        // The Actual cell is the field's value (field-unfilled); a blank Baseline is a blank.
        for (const blank of baseline >= 0 ? findBlanks(texts[baseline] ?? '') : []) {
          blanks.push({ line: row.line, text: blank, context: texts.join(' | ').trim(), section })
        }
        continue
      }
      const cell = (column: number) => (row.unstruck[column] ?? '').trim()
      const written = signoff === undefined ? '' : (texts[signoff.role] ?? '').trim()
      const signers = signoff === undefined ? [] : signoff.signers.map(cell)
      // A row with no role of its own and a signer is another signer of the role above it.
      if (written !== '') role = findBlanks(written).length === 0 ? written : ''
      const signs =
        signoff !== undefined &&
        findBlanks(written).length === 0 &&
        (written !== '' || signers.some(text => text !== ''))
      if (signs) {
        // The logins of every signer column (`| Carol Jones | @carol |` is signed by @carol),
        // else what is written where a login belongs. A name struck through signs nothing.
        const logins = signers.filter(text => text.includes('@'))
        signoffs.push({
          line: row.line,
          role: role || '(no role)',
          signerText:
            logins.length > 0
              ? [...new Set(logins)].join(' ')
              : (signers.find(text => text !== '') ?? ''),
          dateText: signoff!.date < 0 ? undefined : cell(signoff!.date),
          blockLine,
          form: 'table',
          section
        })
      }
      const cellChoices = texts.map(text => parseChoice(text))
      texts.forEach((text, column) => {
        // The role, signer and date cells are the sign-off's: what is missing there is its rule's.
        if (
          signs &&
          (column === signoff!.role ||
            column === signoff!.date ||
            signoff!.signers.includes(column))
        ) {
          return
        }
        const choice = cellChoices[column]
        if (choice) {
          choices.push({
            line: row.line,
            options: choice.options,
            context: rowQuestion(texts, cellChoices, column),
            section,
            ...(isStruck(choice, row.unstruck[column] ?? text, text) ? { struck: true } : {})
          })
        }
        for (const blank of findBlanks(text)) {
          blanks.push({ line: row.line, text: blank, context: texts.join(' | ').trim(), section })
        }
      })
    }
    // A label's block ends with the list, or the table, that follows it.
    if (signoff && inBlock && block!.headingLevel === undefined) block = undefined
    return i
  }

  withTreeParts(source, readPart)
  return { path, sections, items, blanks, fields, choices, signoffs }
}

/** `Actual`, `Actual (re-run on final build)`: a column of measured values, not `Actual owner`. */
const ACTUAL_COLUMN = /^actual(?:\s*\(.*\))?$/

function metricRow(
  line: number,
  cells: string[],
  column: { target: number; actual: number; baseline: number; status: number },
  section: number | undefined,
  /** The header of an Actual column after the first: `API latency p95 (Actual (re-run))`. */
  measure?: string
): Field {
  const row = (cells[0] ?? '').trim()
  const label = measure === undefined ? row : `${row} (${measure})`
  const targetText = (cells[column.target] ?? '').trim()
  const actualText = (cells[column.actual] ?? '').trim()
  const baseline = column.baseline >= 0 ? parseQuantity(cells[column.baseline] ?? '') : undefined
  const target = targetFromCell(targetText, baseline)
  const unfilled = isUnfilled(actualText)
  const statusText = column.status >= 0 ? (cells[column.status] ?? '') : ''
  const status = parseChoice(statusText)
  return {
    line,
    label,
    value: unfilled ? undefined : actualText,
    actual: unfilled ? undefined : parseQuantity(actualText),
    target,
    targetText,
    unitHint: undefined,
    baseline,
    // The row's Status speaks for its first Actual column: read once, with the row's own field.
    status:
      measure === undefined && status
        ? { line, options: status.options, context: label, section }
        : undefined,
    source: 'table',
    section
  }
}

/**
 * The text of a task item's first paragraph, without its box. It is a waiver when the item's
 * own text is struck through and the only text not struck is `N/A: reason` (or the reason is
 * struck with it): `- [ ] Backups verified N/A: skip ~~x~~` waives nothing.
 */
function readTaskParagraph(
  item: TaskItem,
  tree: Tree,
  paragraph: number,
  end: number,
  lines: TextLine[]
): void {
  item.lastLine = lines[lines.length - 1]!.line
  item.text = (lines.length === 1 ? lines[0]!.text : lines.map(line => line.text).join(' ')).trim()
  if (!hasStrikethrough(tree, paragraph + 1, end)) return
  const { struck, rest } = splitStruck(tree, paragraph, paragraph + 1, end)
  const unstruck = rest.trim()
  let reason: RegExpExecArray | null
  if (unstruck === '') {
    // `~~Legacy export N/A: retired~~`: all struck, the reason after the item's text.
    reason = WAIVER_REASON.exec(struck)
    if (reason && struck.slice(0, reason.index).trim() === '') reason = null
  } else {
    // `~~Mobile access~~ N/A: no mobile app`: nothing but the reason may be left unstruck.
    reason = struck.trim() ? WAIVER_ONLY.exec(unstruck) : null
  }
  if (reason) item.waiver = { reason: reason[1]!.trim() }
}

/** Whether striking out leaves other options than `choice` has: one of them is crossed out. */
function isStruck(choice: ChoiceParts, unstruck: string, text: string): boolean {
  if (unstruck === text) return false
  const options = parseChoice(unstruck)?.options
  return (
    options === undefined ||
    options.length !== choice.options.length ||
    options.some((option, i) => option.label !== choice.options[i]!.label)
  )
}

/** The line before a choice that has no label of its own, as its label: '' if it is none. */
function questionBefore(line: string): string {
  return parseChoice(line) ? '' : line.trim()
}

/**
 * What a table row's choice answers: its first cell that says something (`| 1 | Rollback
 * needed? | ☐ Yes ☐ No |`: not the number), else its first cell.
 */
function rowQuestion(
  cells: readonly string[],
  cellChoices: readonly (ChoiceParts | undefined)[],
  choiceColumn: number
): string {
  const question = cells.find(
    (cell, column) =>
      column !== choiceColumn && /\p{L}/u.test(cell) && cellChoices[column] === undefined
  )
  return (question ?? cells[0] ?? '').trim()
}

/** A heading block covers everything under it; a label block, the list that follows it. */
function isSignoffCandidate(block: SignoffBlock, listDepth: number): boolean {
  return block.headingLevel !== undefined || listDepth >= (block.listDepth ?? 0)
}

function plainText(tree: Tree, from: number, to: number): string {
  return inlineLines(tree, from, to)
    .map(line => line.text)
    .join(' ')
}
