import type { Blank, Checklist, Choice, Field, Section, Signoff, TaskItem } from './model.js'
import {
  LEADING_BOX,
  findBlanks,
  headingThreshold,
  isSignoffHeading,
  isSignoffLabel,
  isUnfilled,
  parseChoice,
  parseFieldLine,
  parseSignoffLine,
  taskBox
} from './grammar.js'
import { type TextLine, type Token, inlineLines, parseMarkdown, splitStruck } from './markdown.js'
import { parseQuantity, parseTarget, targetFromCell } from './quantity.js'

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

/** Decodes a checklist file, refusing what cannot be a Markdown checklist. */
export function decodeChecklist(bytes: Uint8Array, path: string): string {
  if (bytes.includes(0)) {
    throw new ChecklistError(path, 'is a binary file, not a Markdown checklist.')
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new ChecklistError(path, 'is not valid UTF-8 text: save it as UTF-8.')
  }
  return text.replace(/^\uFEFF/, '')
}

const WAIVER_REASON = /N\/A\s*[:–—-]\s*(\S[^]*)$/i
/** What may be left unstruck beside a struck-through item: only `N/A: reason`. */
const WAIVER_ONLY = /^N\/A\s*[:–—-]\s*(\S[^]*)$/i

/** A sign-off block: after a `Sign-off:` label, the next list; under a sign-off heading, all. */
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
 * Parses a checklist into the model. Walks markdown-it's token stream once, keeping a stack of
 * open sections and list items, and reads the text of each inline node line by line.
 */
export function parseChecklist(source: string, path: string): Checklist {
  if (source.trim() === '') {
    throw new ChecklistError(path, 'is empty: commit the checklist with its items.')
  }
  try {
    return readChecklist(source, path)
  } catch (error) {
    // markdown-it reads nested block quotes and lists recursively: thousands of levels exhaust
    // the stack (lists 1,000 deep still parse). That is a checklist nobody can read, not a crash.
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new ChecklistError(
        path,
        "nests lists or block quotes too deeply to read (thousands of levels exhaust the parser's stack): flatten it."
      )
    }
    throw error
  }
}

function readChecklist(source: string, path: string): Checklist {
  const tokens = parseMarkdown(source)
  const sourceLine = lineReader(source)

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

  const currentSection = (): number | undefined => sectionStack[sectionStack.length - 1]?.index
  const nearestTask = (): number | undefined => {
    for (let i = listItems.length - 1; i >= 0; i--) {
      const task = listItems[i]!.task
      if (task !== undefined) return task
    }
    return undefined
  }

  const readText = (lines: TextLine[], signoffForm: Signoff['form'] | undefined) => {
    for (const { line, text } of lines) readLine(line, text, signoffForm)
  }

  /**
   * What a line of text holds: a sign-off (inside a sign-off block), a field, a choice, or
   * blanks still to fill in.
   */
  const readLine = (line: number, text: string, signoffForm: Signoff['form'] | undefined): void => {
    const section = currentSection()
    if (signoffForm && block) {
      const signoff = parseSignoffLine(text)
      if (signoff) {
        signoffs.push({ line, ...signoff, blockLine: block.line, form: signoffForm, section })
        return
      }
    }
    const choice = parseChoice(text)
    if (choice) {
      choices.push({ line, options: choice.options, context: choice.context, section })
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

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    switch (token.type) {
      case 'heading_open': {
        const level = Number(token.tag.slice(1))
        const inline = tokens[i + 1]!
        const title = plainText(inline)
        while (sectionStack.length && sectionStack[sectionStack.length - 1]!.level >= level) {
          sectionStack.pop()
        }
        const parent = sectionStack[sectionStack.length - 1]
        const section: Section = {
          index: sections.length,
          title,
          path: [...(parent?.path ?? []), title],
          level,
          line: lineOf(token),
          parent: parent?.index,
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
        i += 2
        break
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth++
        if (block && block.headingLevel === undefined && block.listDepth === undefined) {
          block.listDepth = listDepth
        }
        break
      case 'bullet_list_close':
      case 'ordered_list_close':
        if (block && block.headingLevel === undefined && block.listDepth === listDepth) {
          block = undefined
        }
        listDepth--
        break
      case 'list_item_open': {
        const line = lineOf(token)
        const box = taskBox(sourceLine(line))
        let task: number | undefined
        if (box) {
          task = items.length
          const parent = nearestTask()
          items.push({
            index: task,
            line,
            lastLine: line,
            text: '',
            checked: box === 'checked',
            parent,
            children: [],
            section: currentSection(),
            waiver: undefined
          })
          if (parent !== undefined) items[parent]!.children.push(task)
        }
        listItems.push({ task, sawParagraph: false })
        break
      }
      case 'list_item_close':
        listItems.pop()
        break
      case 'paragraph_open': {
        const inline = tokens[i + 1]!
        const line = lineOf(token)
        const frame = listItems[listItems.length - 1]
        const lines = inlineLines(inline, line)
        if (frame && !frame.sawParagraph) {
          frame.sawParagraph = true
          if (frame.task !== undefined) {
            readTaskParagraph(items[frame.task]!, inline, lines)
            const inBlock = block !== undefined && isSignoffCandidate(block, listDepth)
            readText(lines, inBlock ? 'task' : undefined)
            i += 2
            break
          }
        }
        if (!frame && lines.length === 1 && isSignoffLabel(lines[0]!.text)) {
          block = { line, headingLevel: undefined, listDepth: undefined }
        } else if (block && isSignoffCandidate(block, listDepth)) {
          readText(lines, frame ? 'list' : hasBoldLabel(inline) ? 'bold' : 'paragraph')
        } else {
          readText(lines, undefined)
        }
        i += 2
        break
      }
      case 'hr':
        // A rule closes a sign-off block: what follows it is a footer, not another signature.
        block = undefined
        break
      case 'table_open':
        i = readTable(tokens, i)
        break
      default:
        break
    }
  }

  /** Reads a GFM table: a metric table (Target + Actual columns) or cells with choices. */
  function readTable(tokens: Token[], start: number): number {
    const rows: { line: number; cells: Token[] }[] = []
    let i = start
    for (; i < tokens.length && tokens[i]!.type !== 'table_close'; i++) {
      const token = tokens[i]!
      if (token.type === 'tr_open') rows.push({ line: lineOf(token), cells: [] })
      else if (token.type === 'inline') rows[rows.length - 1]?.cells.push(token)
    }
    const [header, ...body] = rows
    if (!header) return i
    const columns = header.cells.map(cell => plainText(cell).trim().toLowerCase())
    const target = columns.indexOf('target')
    const actual = columns.indexOf('actual')
    const baseline = columns.indexOf('baseline')
    const status = columns.indexOf('status')
    const section = currentSection()
    for (const row of body) {
      const texts = row.cells.map(plainText)
      if (target >= 0 && actual >= 0) {
        fields.push(metricRow(row.line, texts, { target, actual, baseline, status }, section))
        // The Actual cell is the field's value (field-unfilled); a blank Baseline is a blank.
        for (const blank of baseline >= 0 ? findBlanks(texts[baseline] ?? '') : []) {
          blanks.push({ line: row.line, text: blank, context: texts.join(' | ').trim(), section })
        }
        continue
      }
      for (const text of texts) {
        const choice = parseChoice(text)
        if (choice) {
          choices.push({
            line: row.line,
            options: choice.options,
            context: texts[0] ?? '',
            section
          })
        }
        for (const blank of findBlanks(text)) {
          blanks.push({ line: row.line, text: blank, context: texts.join(' | ').trim(), section })
        }
      }
    }
    return i
  }

  return { path, sections, items, blanks, fields, choices, signoffs }
}

function metricRow(
  line: number,
  cells: string[],
  column: { target: number; actual: number; baseline: number; status: number },
  section: number | undefined
): Field {
  const label = (cells[0] ?? '').trim()
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
    status: status && { line, options: status.options, context: label, section },
    source: 'table',
    section
  }
}

/**
 * The text of a task item's first paragraph, without its box. It is a waiver when the item's
 * own text is struck through and the only text not struck is `N/A: reason` (or the reason is
 * struck with it): `- [ ] Backups verified N/A: skip ~~x~~` waives nothing.
 */
function readTaskParagraph(item: TaskItem, inline: Token, lines: TextLine[]): void {
  const first = lines[0]!
  item.lastLine = lines[lines.length - 1]!.line
  first.text = first.text.replace(LEADING_BOX, '')
  item.text = (lines.length === 1 ? first.text : lines.map(line => line.text).join(' ')).trim()
  if (!inline.children?.some(child => child.type === 's_open')) return
  const { struck, rest } = splitStruck(inline)
  const unstruck = rest.replace(LEADING_BOX, '').trim()
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

/** A heading block covers everything under it; a label block, the list that follows it. */
function isSignoffCandidate(block: SignoffBlock, listDepth: number): boolean {
  return block.headingLevel !== undefined || listDepth >= (block.listDepth ?? 0)
}

/** `**Tech Lead:** ____ Date: ____`: a paragraph that starts with a bold label. */
function hasBoldLabel(inline: Token): boolean {
  const children = (inline.children ?? []).filter(
    child => child.content !== '' || child.type !== 'text'
  )
  return (
    children[0]?.type === 'strong_open' && (children[1]?.content.trimEnd().endsWith(':') ?? false)
  )
}

function plainText(inline: Token): string {
  return inlineLines(inline, 0)
    .map(line => line.text)
    .join(' ')
}

/**
 * The raw text of a source line by number. Lines are found on demand, moving forward, since
 * list items come in document order: splitting a large file into lines up front would cost
 * hundreds of thousands of strings that are never read.
 */
function lineReader(raw: string): (line: number) => string {
  // Line breaks as CommonMark counts them: \n, \r\n, or a lone \r.
  const source = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw
  let line = 1
  let start = 0
  return wanted => {
    if (wanted < line) {
      line = 1
      start = 0
    }
    while (line < wanted) {
      const newline = source.indexOf('\n', start)
      if (newline < 0) return ''
      start = newline + 1
      line++
    }
    const end = source.indexOf('\n', start)
    return source.slice(start, end < 0 ? source.length : end)
  }
}

function lineOf(token: Token): number {
  return (token.map?.[0] ?? 0) + 1
}
