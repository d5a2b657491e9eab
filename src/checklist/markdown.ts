/**
 * Reading cmark's tree (./cmark/tree.ts): the inline content of a paragraph, heading or table
 * cell, as the checklist grammar needs it.
 */
import { FIELDS, NodeField, Kind, type Tree } from './cmark/tree.js'

export { withTreeParts, type Tree } from './cmark/tree.js'

// Module-local names for the tree's constants and helpers, read for each of hundreds of
// thousands of nodes: a transpiling loader (tsx, vitest) turns every read of an imported
// binding into a call.
const K = Kind
const F = NodeField
const STRIDE = FIELDS

function literal(tree: Tree, i: number): string {
  const base = i * STRIDE
  return tree.strings.slice(tree.nodes[base + F.LiteralStart], tree.nodes[base + F.LiteralEnd])
}

/** One source line of inline content, as plain text (emphasis, code marks and escapes gone). */
export interface TextLine {
  line: number
  text: string
  /** The same without what is struck through (`~~…~~`): what a signature may be read from. */
  unstruck: string
}

function kindOf(tree: Tree, i: number): number {
  return tree.nodes[i * STRIDE + F.Kind]!
}

/**
 * The end (exclusive) of node `i`'s inline content. Only paragraphs, headings and table cells
 * hold inlines, and inlines hold no blocks, so in document order the content is the run of
 * inline nodes right after it.
 */
export function inlineEnd(tree: Tree, i: number): number {
  let j = i + 1
  while (j < tree.count && kindOf(tree, j) >= K.Text) j++
  return j
}

/**
 * The plain text of nodes `from` to `to`, line by line. Markdown markup is gone, raw HTML
 * too, but a link keeps only its text, so `[Name]` survives as a placeholder only when it is
 * not a link; an image keeps its alt text.
 *
 * A line is numbered from the source position cmark gives its first text (else its first
 * inline node): after a code span or raw HTML over two lines, the text goes on where it is.
 * cmark numbers inlines from the paragraph's first line, even when link reference definitions
 * opened it and are gone from its content; the paragraph's `lastLine` is right, and shifts
 * them back; headings and cells have no such shift.
 */
export function inlineLines(tree: Tree, from: number, to: number, lastLine = 0): TextLine[] {
  const { nodes } = tree
  // Most content is one line: an array made by push would reserve room for 16.
  let lines: TextLine[] | undefined
  let text = ''
  let unstruck = ''
  // cmark's numbering. Nodes made by extensions have no position (0): a line of only those
  // follows the line before it.
  let previous = -1
  let firstNode = 0
  let firstText = 0
  let lastEnd = 0
  const lineNumber = () => {
    previous = firstText || firstNode || previous + 1
    firstNode = firstText = 0
    return previous
  }
  // The outermost strikethrough around node j, or -1. Nodes come in document order, so what
  // is under a strikethrough follows it, and the first node after that has a parent before it.
  let struckFrom = -1
  for (let j = from; j < to; j++) {
    const base = j * STRIDE
    const kind = nodes[base + F.Kind]!
    if (struckFrom >= 0 && nodes[base + F.Parent]! < struckFrom) struckFrom = -1
    if (kind === K.Strikethrough && struckFrom < 0) struckFrom = j
    const start = nodes[base + F.StartLine]!
    if (start > 0) {
      if (firstNode === 0) firstNode = start
      const end = nodes[base + F.EndLine]!
      if (end > lastEnd) lastEnd = end
    }
    switch (kind) {
      case K.Text:
      case K.Code: {
        const part = literal(tree, j)
        if (kind === K.Text && firstText === 0 && start > 0 && part.trim() !== '') firstText = start
        text += part
        if (struckFrom < 0) unstruck += part
        break
      }
      case K.Softbreak:
      case K.Linebreak:
        lines ??= []
        lines.push({ line: lineNumber(), text, unstruck })
        text = ''
        unstruck = ''
        break
      default:
        break
    }
  }
  const last = { line: lineNumber(), text, unstruck }
  if (lines === undefined) lines = [last]
  else lines.push(last)
  const shift = lastLine > 0 && lastEnd > 0 ? lastLine - lastEnd : 0
  if (shift !== 0) for (const each of lines) each.line += shift
  return lines
}

export function hasStrikethrough(tree: Tree, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (kindOf(tree, j) === K.Strikethrough) return true
  return false
}

/** The text inside `~~…~~`, and the rest, for waivers. */
export function splitStruck(
  tree: Tree,
  owner: number,
  from: number,
  to: number
): { struck: string; rest: string } {
  let struck = ''
  let rest = ''
  // The inline containers open at node j, with how many of them strike through: linear even
  // for emphasis nested thousands deep.
  const open: number[] = [owner]
  const depth: number[] = [0]
  for (let j = from; j < to; j++) {
    const parent = tree.nodes[j * STRIDE + F.Parent]!
    while (open.length > 1 && open[open.length - 1] !== parent) {
      open.pop()
      depth.pop()
    }
    const kind = kindOf(tree, j)
    const inside = depth[depth.length - 1]! > 0
    if (kind === K.Text || kind === K.Code) {
      if (inside) struck += literal(tree, j)
      else rest += literal(tree, j)
    } else if (kind === K.Softbreak || kind === K.Linebreak) {
      if (inside) struck += ' '
      else rest += ' '
    } else {
      open.push(j)
      depth.push(depth[depth.length - 1]! + (kind === K.Strikethrough ? 1 : 0))
    }
  }
  return { struck, rest }
}

/** `**Tech Lead:** ____ Date: ____`: inline content that opens with a bold label. */
export function hasBoldLabel(tree: Tree, from: number, to: number): boolean {
  if (from >= to || kindOf(tree, from) !== K.Strong) return false
  const strong = from
  let label = ''
  // In document order, the nodes after `strong` that are not under it have an ancestor of it,
  // so an earlier node, as parent.
  for (let j = from + 1; j < to && tree.nodes[j * STRIDE + F.Parent]! >= strong; j++) {
    const kind = kindOf(tree, j)
    if (kind === K.Text || kind === K.Code) label += literal(tree, j)
  }
  return label.trimEnd().endsWith(':')
}
