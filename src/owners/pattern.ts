// CODEOWNERS patterns compiled to regular expressions.
//
// GitHub reads a pattern by gitignore's rules, with its documented exceptions:
// - `!` negation, `[ ]` character ranges and escaping a leading `#` with `\` do not work;
// - `dir/*` matches the files directly in `dir`, not the files in its sub-directories.
//
// The gitignore rules that apply:
// - a leading `/`, or a `/` in the middle, anchors the pattern at the repository root;
//   otherwise the pattern matches at any depth;
// - a trailing `/` matches a directory only (so every file below it);
// - a pattern that matches a directory also matches every file below it;
// - `*` matches anything except `/`, `?` one character except `/`;
// - `**` as a whole segment matches any number of directories (`**/x`, `a/**/b`, `a/**`);
//   other runs of stars are a plain `*`;
// - `\` makes the next character literal (`\ ` for a space in a path);
//   GitHub reports an unescaped `[` as an error ("both `[` and `]` must be escaped"), so a
//   bracket in a path is written `\[`; a `!` after the start is a plain character;
// - matching is case-sensitive ("CODEOWNERS paths are case sensitive").

export type CompiledPattern = { regex: RegExp } | { problem: string }

/**
 * A bound on `*`/`**` per pattern. Each wildcard after the first in a segment becomes a
 * lookahead group, and V8 cannot compile a regex with thousands of them (stack overflow).
 * No real CODEOWNERS pattern comes near it.
 */
export const MAX_WILDCARDS_PER_PATTERN = 100

/**
 * A bound on a pattern's length. V8 refuses to run a regex compiled from much longer text
 * ("Regular expression too large"), and no path that can be checked out is longer than
 * this (Linux's PATH_MAX).
 */
export const MAX_PATTERN_LENGTH = 4096

type Token =
  { kind: 'literal'; char: string } | { kind: 'star' } | { kind: 'any' } | { kind: 'slash' }
type SegmentToken = Exclude<Token, { kind: 'slash' }>
type Segment = SegmentToken[] | 'globstar'

export function compilePattern(pattern: string): CompiledPattern {
  if (pattern.startsWith('!')) {
    return {
      problem:
        'negation with "!" does not work in CODEOWNERS. Remove the "!" line and give the paths ' +
        'you meant to exclude a line of their own with no owners, after the broader pattern.'
    }
  }
  if (pattern.startsWith('\\#')) {
    // The same path without the escape, written so that `#` does not start the line.
    const unescaped = pattern.slice(1)
    const equivalent = unescaped.includes('/') ? `/${unescaped}` : `**/${unescaped}`
    return {
      problem: `escaping a leading "#" with "\\" does not work in CODEOWNERS. Write "${equivalent}" instead.`
    }
  }

  if (pattern.length > MAX_PATTERN_LENGTH) {
    return {
      problem: `the pattern is ${pattern.length} characters long; at most ${MAX_PATTERN_LENGTH} are supported. Use a shorter pattern.`
    }
  }

  const tokens = tokenise(pattern)
  if ('problem' in tokens) return tokens

  let anchored = false
  let directoryOnly = false
  if (tokens[0]?.kind === 'slash') {
    anchored = true
    tokens.shift()
  }
  if (tokens.length > 0 && tokens[tokens.length - 1]?.kind === 'slash') {
    directoryOnly = true
    tokens.pop()
  }
  if (tokens.length === 0) {
    return { problem: 'the pattern names no path. Use "*" to match every file.' }
  }
  if (tokens.some(token => token.kind === 'slash')) anchored = true

  const segments = toSegments(tokens)
  if (!anchored) segments.unshift('globstar')

  const wildcards = segments.reduce(
    (count, segment) =>
      count + (segment === 'globstar' ? 1 : segment.filter(t => t.kind === 'star').length),
    0
  )
  if (wildcards > MAX_WILDCARDS_PER_PATTERN) {
    return {
      problem: `the pattern has ${wildcards} wildcards; at most ${MAX_WILDCARDS_PER_PATTERN} are supported. Use a shorter pattern.`
    }
  }

  return { regex: new RegExp(buildSource(segments, directoryOnly), 'u') }
}

function tokenise(pattern: string): Token[] | { problem: string } {
  const chars = Array.from(pattern)
  const tokens: Token[] = []
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string
    if (char === '\\') {
      const escaped = chars[i + 1]
      if (escaped === undefined) {
        return { problem: 'the pattern ends with a lone "\\". Remove it.' }
      }
      tokens.push({ kind: 'literal', char: escaped })
      i++
    } else if (char === '[') {
      return {
        problem:
          'character ranges with "[ ]" do not work in CODEOWNERS. Write one line per ' +
          'alternative (for "*.[ch]": "*.c" and "*.h"), or use "?" for any one character. ' +
          'For a bracket in a path, escape it: "pages/\\[id\\].js".'
      }
    } else if (char === '*') {
      tokens.push({ kind: 'star' })
    } else if (char === '?') {
      tokens.push({ kind: 'any' })
    } else if (char === '/') {
      tokens.push({ kind: 'slash' })
    } else {
      tokens.push({ kind: 'literal', char })
    }
  }
  return tokens
}

/** Splits at `/`; a segment that is exactly `**` becomes a globstar, other star runs one `*`. */
function toSegments(tokens: Token[]): Segment[] {
  const segments: Segment[] = []
  let current: SegmentToken[] = []
  const finish = (): void => {
    const isGlobstar = current.length === 2 && current.every(t => t.kind === 'star')
    const segment: Segment = isGlobstar ? 'globstar' : collapseStars(current)
    // `**/**` means the same as `**`.
    if (!(segment === 'globstar' && segments[segments.length - 1] === 'globstar')) {
      segments.push(segment)
    }
    current = []
  }
  for (const token of tokens) {
    if (token.kind === 'slash') finish()
    else current.push(token)
  }
  finish()
  return segments
}

function collapseStars(tokens: SegmentToken[]): SegmentToken[] {
  return tokens.filter((token, i) => !(token.kind === 'star' && tokens[i - 1]?.kind === 'star'))
}

/**
 * Builds a regex that matches a path when the pattern matches the path itself or one of
 * its directories (it is tested against the start of the path, not anchored at the end).
 *
 * Linear time, no catastrophic backtracking: wherever a wildcard is followed by more
 * pattern, the leftmost match of what follows is always a correct choice (whatever comes
 * after can only gain from starting earlier), so that match is made atomic with
 * `(?=(?<w>X))\k<w>`: the lookahead finds it, the back-reference consumes it, and the engine
 * never comes back to try the other positions. Only the last wildcard of a segment and
 * the last `**` of the pattern keep a choice, each costing one pass over the path.
 */
function buildSource(segments: Segment[], directoryOnly: boolean): string {
  // Named, not numbered: an atomic block can hold another one (`**/*x*/AB/**`), and a number
  // handed out when the inner one is built would point at the outer one's group, which opens
  // first in the regex.
  let groups = 0
  const atomic = (inner: string): string => {
    const name = `w${++groups}`
    return `(?=(?<${name}>${inner}))\\k<${name}>`
  }

  const segmentSource = (tokens: SegmentToken[]): string => {
    const pieces: string[] = ['']
    for (const token of tokens) {
      if (token.kind === 'star') pieces.push('')
      else pieces[pieces.length - 1] += token.kind === 'any' ? '[^/]' : escapeRegex(token.char)
    }
    if (pieces.length === 1) return pieces[0] as string
    const first = pieces[0] as string
    const last = pieces[pieces.length - 1] as string
    const middle = pieces.slice(1, -1).map(piece => atomic(`[^/]*?${piece}`))
    return `${first}${middle.join('')}[^/]*${last}`
  }

  // Runs of segments between globstars, each to be matched as one block.
  const chunks: SegmentToken[][][] = [[]]
  for (const segment of segments) {
    if (segment === 'globstar') chunks.push([])
    else chunks[chunks.length - 1]?.push(segment)
  }
  const startsWithGlobstar = segments[0] === 'globstar'
  const endsWithGlobstar = segments[segments.length - 1] === 'globstar'
  const blocks = chunks.filter(chunk => chunk.length > 0)
  if (blocks.length === 0) return '^' // `**` alone: every path

  const anyDirectories = '(?:[^/]*/)*?'
  let source = '^'
  blocks.forEach((block, index) => {
    const body = block.map(segmentSource).join('/')
    const afterGlobstar = index > 0 || startsWithGlobstar
    const isLast = index === blocks.length - 1
    if (isLast) source += afterGlobstar ? anyDirectories + body : body
    else source += afterGlobstar ? atomic(`${anyDirectories}${body}/`) : `${body}/`
  })

  const lastSegment = segments[segments.length - 1]
  const isDirectStar =
    Array.isArray(lastSegment) && lastSegment.length === 1 && lastSegment[0]?.kind === 'star'
  if (endsWithGlobstar || directoryOnly)
    source += '/' // only what lies below
  else if (isDirectStar)
    source += '$' // GitHub: `dir/*` is not recursive
  else source += '(?:/|$)' // the path itself, or everything below it
  return source
}

function escapeRegex(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/u.test(char) ? `\\${char}` : char
}
