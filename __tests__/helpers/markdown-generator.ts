/**
 * Random checklist-like Markdown, for comparing the gate with GitHub's renderer. Deterministic:
 * document `index` of `seed` is the same text on every machine and in every run, so a
 * disagreement found anywhere can be regenerated from its two numbers.
 *
 * A document is a run of blocks (task lists, headings, paragraphs, HTML, fences, tables, …)
 * separated by zero to two blank lines, so that blocks also meet without one (a paragraph an
 * HTML tag may or may not interrupt, a lazy line, a table under a list item). Lists nest, with
 * every marker, odd indentation and tabs, and hold other blocks; a few block quotes hold blocks
 * too. Line endings are LF, CRLF or mixed; some documents start with a BOM.
 */
import { KNOWN } from './known-cases.js'

/** xorshift32 over a mixed seed: small, fast, and the same in every JavaScript engine. */
export class Random {
  private state: number

  constructor(seed: number) {
    let x = seed >>> 0
    x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0
    x = Math.imul(x ^ (x >>> 16), 0x45d9f3b) >>> 0
    this.state = (x ^ (x >>> 16)) >>> 0 || 0x9e3779b9
  }

  /** A number in [0, 1). */
  next(): number {
    let x = this.state
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    this.state = x >>> 0
    return this.state / 2 ** 32
  }

  /** An integer in [low, high]. */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(choices: readonly T[]): T {
    return choices[Math.floor(this.next() * choices.length)]!
  }

  /** One of the choices, each as likely as its weight, made only once chosen. */
  choose<T>(choices: readonly (readonly [weight: number, make: () => T])[]): T {
    return this.weighted(choices)()
  }

  /** One of the choices, each as likely as its weight. */
  weighted<T>(choices: readonly (readonly [weight: number, value: T])[]): T {
    const total = choices.reduce((sum, [weight]) => sum + weight, 0)
    let at = this.next() * total
    for (const [weight, value] of choices) {
      at -= weight
      if (at < 0) return value
    }
    return choices[choices.length - 1]![1]
  }
}

/** The seed of document `index` of a run: every document has a stream of its own. */
export function documentSeed(seed: number, index: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0
}

/** Document `index` of the run seeded `seed`. */
export function generateChecklist(seed: number, index: number): string {
  const random = new Random(documentSeed(seed, index))
  const lines: string[] = []
  const blocks = random.int(1, 10)
  for (let b = 0; b < blocks; b++) {
    lines.push(...block(random, 0))
    for (let blank = random.pick([0, 0, 1, 1, 1, 2]); blank > 0; blank--) {
      lines.push(random.chance(0.1) ? random.pick([' ', '\t', '   ']) : '')
    }
  }
  if (lines.every(line => line.trim() === '')) lines.push('- [ ] a')
  const text = joinLines(random, lines)
  return random.chance(0.08) ? `\uFEFF${text}` : text
}

function joinLines(random: Random, lines: string[]): string {
  const style = random.weighted([
    [6, 'lf'],
    [2, 'crlf'],
    [1, 'mixed']
  ] as const)
  const ending = () =>
    style === 'lf' ? '\n' : style === 'crlf' ? '\r\n' : random.pick(['\n', '\r\n', '\r'])
  let text = ''
  lines.forEach((line, i) => {
    text += line
    if (i < lines.length - 1 || random.chance(0.85)) text += ending()
  })
  return text
}

type BlockKind =
  | 'list'
  | 'heading'
  | 'setext'
  | 'paragraph'
  | 'html'
  | 'comment'
  | 'details'
  | 'fence'
  | 'indented'
  | 'table'
  | 'linkref'
  | 'footnote'
  | 'quote'
  | 'rule'
  | 'known'

const BLOCKS: readonly (readonly [number, BlockKind])[] = [
  [8, 'list'],
  [2, 'heading'],
  [1, 'setext'],
  [2, 'paragraph'],
  [3, 'html'],
  [1, 'comment'],
  [2, 'details'],
  [2, 'fence'],
  [1, 'indented'],
  [2, 'table'],
  [1, 'linkref'],
  [2, 'footnote'],
  [1, 'quote'],
  [1, 'rule'],
  [2, 'known']
]

/** One block; `depth` is how deep in lists and quotes it stands, to bound the nesting. */
function block(random: Random, depth: number): string[] {
  switch (random.weighted(BLOCKS)) {
    case 'list':
      return list(random, depth)
    case 'heading':
      return [heading(random)]
    case 'setext':
      return [text(random), random.pick(['===', '---', '- - -', ' ---', '=', '--- x'])]
    case 'paragraph':
      return Array.from({ length: random.int(1, 3) }, () => paragraphLine(random))
    case 'html':
      return htmlBlock(random)
    case 'comment':
      return comment(random)
    case 'details':
      return details(random, depth)
    case 'fence':
      return fence(random)
    case 'indented':
      return Array.from(
        { length: random.int(1, 3) },
        () => random.pick(['    ', '\t', '  \t', '     ']) + taskLine(random, '')
      )
    case 'table':
      return table(random)
    case 'linkref':
      return linkReference(random)
    case 'footnote':
      return footnote(random, depth)
    case 'quote':
      return depth >= 3
        ? [`> ${taskLine(random, '')}`]
        : block(random, depth + 1).map((line, i) =>
            i > 0 && random.chance(0.15) ? line : random.pick(['> ', '>', '> ', '>  ']) + line
          )
    case 'rule':
      return [random.pick(['---', '***', '___', '- - -', '* * *', ' ***', '_ _ _'])]
    case 'known':
      return [...random.pick(KNOWN_BLOCKS)]
  }
}

/**
 * The fixed cases of the differential test (issue 7), put in whole so that every run meets them
 * beside other blocks too. Their own line endings give way to the document's.
 */
const KNOWN_BLOCKS: readonly (readonly string[])[] = KNOWN.map(([, markdown]) =>
  markdown.replace(/(?:\r\n|\r|\n)$/, '').split(/\r\n|\r|\n/)
)

const WORDS = [
  'Backups',
  'verified',
  'Rollback',
  'tested',
  'Latency',
  'p99',
  'DBA',
  'Owner',
  'N/A',
  'release',
  'staging',
  '99.9%',
  '<',
  '120s',
  'a',
  'b',
  '10',
  '1.',
  'x'
]

/** A few words, some of them marked up: emphasis, code, strikethrough, entities, HTML, links. */
function text(random: Random): string {
  const words = Array.from({ length: random.int(1, 4) }, () => {
    const word = random.pick(WORDS)
    return random.choose([
      [12, () => word],
      [1, () => `**${word}**`],
      [1, () => `_${word}_`],
      [1, () => `*${word}`],
      [1, () => `\`${word}\``],
      [1, () => `~~${word}~~`],
      [1, () => random.pick(['&amp;', '&#91;', '&#93;', '&nbsp;', '&#x5B;x&#x5D;', '&bogus;'])],
      [1, () => random.pick(['<br>', '<span>', '</span>', '<b>', '<textarea>', '<!-- x -->'])],
      [
        1,
        () => random.pick([`[${word}](https://example.com)`, '[Name]', '[ ]', '[x]', `[${word}]`])
      ],
      [1, () => random.pick(['https://example.com', 'www.example.com', '|', '\\[x\\]', '___'])],
      [1, () => `${word}[^${random.pick(FOOTNOTE_LABELS)}]`]
    ] as const)
  })
  return words.join(random.chance(0.9) ? ' ' : '  ')
}

function heading(random: Random): string {
  const hashes = '#'.repeat(
    random.weighted([
      [3, 2],
      [2, 1],
      [2, 3],
      [1, 6],
      [1, 7]
    ] as const)
  )
  const title = random.chance(0.3) ? `${text(random)} (Must Pass 90%)` : text(random)
  return random.choose([
    [6, () => `${hashes} ${title}`],
    [1, () => `${hashes}${title}`],
    [1, () => `${hashes} ${title} ${hashes}`],
    [1, () => `${hashes} - [ ] ${title}`]
  ] as const)
}

/** A line of a paragraph, sometimes one that looks like an item but is not one. */
function paragraphLine(random: Random): string {
  return random.choose([
    [6, () => text(random)],
    [1, () => `  10 [ ] ${text(random)}`],
    [1, () => `[x] ${text(random)}`],
    [1, () => `**Sign-off:**`],
    [1, () => `DBA: @carol Date: 2026-11-18`],
    [
      1,
      () =>
        `${random.pick(['10', '1234567890', '0'])}${random.pick(['.', ')'])} [ ] ${text(random)}`
    ]
  ] as const)
}

const MARKERS = ['-', '+', '*', '1.', '1)', '2.', '9.', '10)', '0.', '123456789.', '1234567890.']

const BOXES: readonly (readonly [number, string])[] = [
  [8, '[ ]'],
  [6, '[x]'],
  [2, '[X]'],
  [1, '[]'],
  [1, '[  ]'],
  [1, '[*]'],
  [1, '[\t]'],
  [1, '&#91; &#93;'],
  [1, '[&#120;]']
]

/** What follows a list marker: usually a box, with the spacing and the rest varied. */
function itemContent(random: Random): string {
  if (random.chance(0.15)) return text(random)
  const box = random.weighted(BOXES)
  const rest = random.choose([
    [10, () => ` ${text(random)}`],
    [1, () => ''],
    [1, () => ' '],
    [1, () => `\t${text(random)}`],
    [1, () => text(random)],
    [1, () => `: /url`],
    [1, () => ` ${text(random)} | ${text(random)}`]
  ] as const)
  const content = `${box}${rest}`
  return random.weighted([
    [12, content],
    [1, `**${content}**`],
    [1, `_${content}_`],
    [1, `~~${content}~~ N/A: not needed`]
  ] as const)
}

/** After the marker: one space mostly, sometimes more, a tab, or five and beyond (code). */
function spacing(random: Random): string {
  return random.weighted([
    [12, ' '],
    [2, '  '],
    [1, '   '],
    [1, '    '],
    [1, '     '],
    [1, '\t'],
    [1, ' \t']
  ] as const)
}

/** A task line on its own, with `indent` before the marker. */
function taskLine(random: Random, indent: string): string {
  return `${indent}${random.pick(MARKERS)}${spacing(random)}${itemContent(random)}`
}

/** Indentation that is not quite the content column: a column short or over, or tabs. */
function nearIndent(random: Random, column: number): string {
  const offset = random.weighted([
    [8, 0],
    [2, -1],
    [2, 1],
    [1, -2],
    [1, 2],
    [1, 4],
    [1, -column]
  ] as const)
  const width = Math.max(0, column + offset)
  const spaces = ' '.repeat(width)
  return random.chance(0.1) && width >= 2 ? `\t${' '.repeat(Math.max(0, width - 4))}` : spaces
}

/**
 * A list of one to five items. Items may hold continuation lines (at their content column,
 * lazy, or indented beyond it), a loose blank line, a nested list at a near-right indent, or
 * another block (a fence, a table, HTML).
 */
function list(random: Random, depth: number, indent = ''): string[] {
  const lines: string[] = []
  const marker = random.pick(MARKERS)
  const items = random.int(1, 5)
  for (let i = 0; i < items; i++) {
    const mark = random.chance(0.85) ? marker : random.pick(MARKERS)
    const space = spacing(random)
    lines.push(`${indent}${mark}${space}${itemContent(random)}`)
    const column = indent.length + mark.length + (space.includes('\t') ? 2 : space.length)
    const extras = random.int(0, 2)
    for (let e = 0; e < extras; e++) {
      switch (
        random.weighted([
          [3, 'continuation'],
          [2, 'lazy'],
          [1, 'deep'],
          [1, 'blank'],
          [depth < 4 ? 4 : 0, 'nested'],
          [depth < 3 ? 2 : 0, 'block']
        ] as const)
      ) {
        case 'continuation':
          lines.push(`${nearIndent(random, column)}${text(random)}`)
          break
        case 'lazy':
          lines.push(random.chance(0.5) ? text(random) : `  10 [ ] ${text(random)}`)
          break
        case 'deep':
          lines.push(`${' '.repeat(column + 4)}${taskLine(random, '')}`)
          break
        case 'blank':
          lines.push('')
          break
        case 'nested':
          lines.push(...list(random, depth + 1, nearIndent(random, column)))
          break
        case 'block': {
          const inner = nearIndent(random, column)
          const nested = random.pick<(random: Random, depth: number) => string[]>([
            fence,
            table,
            htmlBlock,
            details,
            linkReference
          ])
          lines.push(
            ...nested(random, depth + 1).map(line =>
              line === '' || random.chance(0.05) ? line : inner + line
            )
          )
          break
        }
      }
    }
    if (random.chance(0.15)) lines.push('')
  }
  return lines
}

const TAGS = [
  '<details>',
  '</details>',
  '<summary>Summary</summary>',
  '<textarea>',
  '</textarea>',
  '<search>',
  '</search>',
  '<br>',
  '<br/>',
  '<pre>',
  '</pre>',
  '<div>',
  '</div>',
  '<div align="center">',
  '<script>',
  '</script>',
  '<style>',
  '<table>',
  '<p>',
  '<img src="x.png">',
  '<span>',
  '<x-note>',
  '<?php',
  '?>',
  '<!DOCTYPE html>',
  '<![CDATA[',
  ']]>',
  '<!-- note -->',
  '<input type="checkbox" checked>'
]

/** One to four lines of HTML tags, text and task lines, as HTML blocks come in checklists. */
function htmlBlock(random: Random): string[] {
  return Array.from({ length: random.int(1, 4) }, (_, i) =>
    i === 0 || random.chance(0.5)
      ? random.pick(TAGS) + (random.chance(0.2) ? ` ${text(random)}` : '')
      : random.chance(0.6)
        ? taskLine(random, '')
        : random.chance(0.5)
          ? ''
          : text(random)
  )
}

/** An HTML comment around task lines; sometimes never closed, sometimes closed on a line. */
function comment(random: Random): string[] {
  const inside = Array.from({ length: random.int(0, 3) }, () => taskLine(random, ''))
  return random.choose([
    [4, () => ['<!--', ...inside, '-->']],
    [1, () => ['<!--', ...inside]],
    [1, () => [`<!-- ${taskLine(random, '')} -->`, ...inside]],
    [1, () => ['<!--', ...inside, `--> ${taskLine(random, '')}`]]
  ] as const)
}

/** `<details>` around a list, with or without the blank lines that let Markdown in. */
function details(random: Random, depth: number): string[] {
  const blank = () => (random.chance(0.7) ? [''] : [])
  return [
    random.pick(['<details>', '<details open>', '<details><summary>More</summary>']),
    ...(random.chance(0.6) ? ['<summary>Checks</summary>'] : []),
    ...blank(),
    ...list(random, depth + 1),
    ...blank(),
    '</details>'
  ]
}

/** A fence of backticks or tildes, 3 to over 255 long, closed, not closed, or closed wrongly. */
function fence(random: Random): string[] {
  const char = random.chance(0.7) ? '`' : '~'
  const length = random.choose([
    [6, () => 3],
    [2, () => 4],
    [1, () => 5],
    [1, () => 255],
    [1, () => 256],
    [2, () => random.int(257, 320)]
  ] as const)
  const indent = random.pick(['', '', '', ' ', '  ', '   '])
  const info = random.weighted([
    [4, ''],
    [1, 'md'],
    [1, ' yaml '],
    [1, char === '`' ? 'a`b' : 'a~b']
  ] as const)
  const body = Array.from({ length: random.int(0, 3) }, () =>
    random.chance(0.7) ? taskLine(random, random.pick(['', '  '])) : text(random)
  )
  // cmark-gfm keeps at most 255 of an opening fence's length: 255 characters close any fence.
  const closing = random.choose([
    [6, () => length],
    [1, () => length + 1],
    [1, () => Math.max(3, length - 1)],
    [1, () => random.int(Math.min(length, 250), length)],
    [1, () => length % 256],
    [1, () => 3],
    [2, () => 0]
  ] as const)
  const close = closing === 0 ? [] : [random.pick(['', ' ', '    ']) + char.repeat(closing)]
  return [`${indent}${char.repeat(length)}${info}`, ...body, ...close]
}

/** A GFM table, sometimes with a task-like header (`- [ ] Latency | p99`) or task-like cells. */
function table(random: Random): string[] {
  const header = random.choose([
    [3, () => '| Metric | Target |'],
    [2, () => 'Metric | Target'],
    [2, () => `${taskLine(random, '')} | p99`],
    [1, () => '| A | B | C |']
  ] as const)
  const delimiter = random.pick(['--|--', '|---|---|', ':-:|-', '| --- |', '-|-|-', '---|'])
  const row = () =>
    random.choose([
      [3, () => `| ${text(random)} | ${text(random)} |`],
      [2, () => `| ${taskLine(random, '')} | x |`],
      [1, () => `${taskLine(random, '')} | y`],
      [1, () => taskLine(random, '')],
      [1, () => text(random)]
    ] as const)
  return [header, delimiter, ...Array.from({ length: random.int(0, 3) }, row)]
}

/** Link reference definitions, some where an item starts (`- [x]: /url`), and their uses. */
function linkReference(random: Random): string[] {
  return Array.from({ length: random.int(1, 2) }, () =>
    random.choose([
      [2, () => '[x]: /url'],
      [1, () => '[ ]: /url'],
      [1, () => '[Name]: https://example.com "Title"'],
      [2, () => `${random.pick(MARKERS)} [${random.pick([' ', 'x'])}]: /url`],
      [1, () => `${random.pick(MARKERS)} [ ] [ref]: /url`],
      [1, () => '[ref]:'],
      [1, () => `[${text(random)}]`]
    ] as const)
  )
}

/** Few labels, so that a definition is sometimes referenced and sometimes not (and dropped). */
const FOOTNOTE_LABELS = ['1', '2', 'note', 'x']

/**
 * A footnote definition holding text or a task list, indented under it or starting on its
 * line (`[^1]: - [ ] a`). github.com renders referenced ones at the end of the document and
 * drops the others, with their boxes.
 */
function footnote(random: Random, depth: number): string[] {
  const label = `[^${random.pick(FOOTNOTE_LABELS)}]:`
  const under = (lines: string[]) =>
    lines.map(line => (line === '' ? line : random.pick(['    ', '    ', '  ', '\t']) + line))
  const definition = random.choose([
    [3, () => [`${label} ${text(random)}`, ...under(list(random, depth + 1))]],
    [2, () => [label, ...under(list(random, depth + 1))]],
    [2, () => [`${label} ${taskLine(random, '')}`, ...under([taskLine(random, '')])]],
    [1, () => [`${label} ${text(random)}`, '', ...under(list(random, depth + 1))]]
  ] as const)
  return random.chance(0.6)
    ? [`${text(random)}[^${label.slice(2, -2)}]`, '', ...definition]
    : definition
}
