import MarkdownIt, { type MarkdownIt as MarkdownParser, type Token } from 'markdown-it'

/**
 * Inline nesting (links inside link labels) is recursive in markdown-it: one stack frame chain
 * per `[`. Past this depth the rest of the label is read as text, which loses nothing.
 */
const MAX_INLINE_NESTING = 20

/**
 * CommonMark + the GFM pieces checklists use (tables, strikethrough), with raw HTML kept as
 * HTML so that task items inside `<!-- -->` comments are skipped, as GitHub skips them.
 * `maxNesting` is raised from the preset's 20 for blocks: past it markdown-it silently drops
 * the rest of the document, and a gate must never lose items. Inline content keeps a small
 * limit: markdown-it reads `maxNesting` for both, and a line of 10,000 `[` would otherwise
 * overflow the stack.
 */
export function createMarkdownParser(): MarkdownParser {
  const md = new MarkdownIt('commonmark', { maxNesting: 10_000 }).enable(['table', 'strikethrough'])
  const inlineMd: MarkdownParser = Object.create(md, {
    options: { value: { ...md.options, maxNesting: MAX_INLINE_NESTING } }
  })
  md.core.ruler.at('inline', state => {
    for (const token of state.tokens) {
      if (token.type === 'inline') {
        md.inline.parse(token.content, inlineMd, state.env, token.children ?? (token.children = []))
      }
    }
  })
  return md
}

let shared: MarkdownParser | undefined

/**
 * markdown-it makes one token and one delimiter per character of a run of `*`, `_`, `~`, `[`
 * or `]`, so a 1 MB run costs seconds. Past a few hundred, a run means nothing more than its
 * beginning (a blank stays a blank), so longer runs are cut before parsing. No line break is
 * touched: every line keeps its number.
 */
const LONG_RUN = /([*_~[\]])\1{255,}/g
const MAX_RUN = 256

export function parseMarkdown(source: string): Token[] {
  shared ??= createMarkdownParser()
  return shared.parse(
    source.replace(LONG_RUN, run => run.slice(0, MAX_RUN)),
    {}
  )
}

/** One source line of an inline token, as plain text (emphasis, code marks and escapes gone). */
export interface TextLine {
  line: number
  text: string
}

/**
 * The plain text of an inline token, line by line. Markdown markup is gone, but a link keeps
 * only its text, so `[Name]` survives as a placeholder only when it is not a link.
 */
export function inlineLines(inline: Token, firstLine: number): TextLine[] {
  const children = inline.children
  if (!children) return [{ line: firstLine, text: inline.content }]
  const lines: TextLine[] = []
  let text = ''
  let line = firstLine
  for (const child of children) {
    switch (child.type) {
      case 'text':
      case 'code_inline':
        text += child.content
        break
      case 'image':
        text += child.content
        break
      case 'softbreak':
      case 'hardbreak':
        lines.push({ line, text })
        text = ''
        line++
        break
      default:
        break
    }
  }
  lines.push({ line, text })
  return lines
}

/** The text inside `~~…~~`, and the rest, for waivers. */
export function splitStruck(inline: Token): { struck: string; rest: string } {
  let struck = ''
  let rest = ''
  let depth = 0
  for (const child of inline.children ?? []) {
    if (child.type === 's_open') depth++
    else if (child.type === 's_close') depth = Math.max(0, depth - 1)
    else if (child.type === 'text' || child.type === 'code_inline' || child.type === 'image') {
      // Images too: inlineLines keeps their alt text as part of the item's text.
      if (depth > 0) struck += child.content
      else rest += child.content
    } else if (child.type === 'softbreak' || child.type === 'hardbreak') {
      if (depth > 0) struck += ' '
      else rest += ' '
    }
  }
  return { struck, rest }
}

export type { Token }
