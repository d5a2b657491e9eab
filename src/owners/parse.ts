import { isLogin, isTeamName } from './login.js'
import { ownerKind } from './owners.js'
import { compilePattern } from './pattern.js'

export interface CodeownersRule {
  /** The pattern as written. */
  pattern: string
  /** Owners as written (`@user`, `@org/team`, email); empty: matching paths have no owners. */
  owners: string[]
  /** 1-based line in the CODEOWNERS file. */
  line: number
  /** The pattern, compiled once; tested against the start of a path (see `pattern.ts`). */
  regex: RegExp
}

export interface CodeownersProblem {
  line: number
  message: string
}

export interface Codeowners {
  rules: CodeownersRule[]
  /** Lines GitHub skips, each with what to fix. The other lines still apply. */
  problems: CodeownersProblem[]
}

/** "CODEOWNERS files must be under 3 MB in size. A CODEOWNERS file over this limit will not be loaded". */
export const MAX_CODEOWNERS_BYTES = 3 * 1024 * 1024

/**
 * Parses a CODEOWNERS file as GitHub reads it: `#` starts a comment (also after the
 * pattern), each other line is a pattern followed by zero or more owners, and a line with
 * invalid syntax is skipped ("If any line in your CODEOWNERS file contains invalid syntax,
 * that line will be skipped") and reported in `problems`.
 *
 * `fileName` only names the file in problem messages.
 */
export function parseCodeowners(text: string, fileName = 'CODEOWNERS'): Codeowners {
  const bytes = Buffer.byteLength(text, 'utf8')
  if (bytes >= MAX_CODEOWNERS_BYTES) {
    const size = (bytes / (1024 * 1024)).toFixed(1)
    return {
      rules: [],
      problems: [
        {
          line: 1,
          message:
            `${fileName} is ${size} MB; GitHub does not load a CODEOWNERS file of 3 MB or more, ` +
            'so nothing has code owners. Shrink it with wildcard patterns.'
        }
      ]
    }
  }

  const rules: CodeownersRule[] = []
  const problems: CodeownersProblem[] = []
  const lines = text.replace(/^\uFEFF/u, '').split(/\r\n|\r|\n/u)
  lines.forEach((text, index) => {
    const line = index + 1
    const [pattern, ...owners] = splitLine(text)
    if (pattern === undefined) return
    const problem = (what: string): void => {
      problems.push({
        line,
        message: `${fileName} line ${line}: "${pattern}": ${what} GitHub skips this line.`
      })
    }

    const compiled = compilePattern(pattern)
    if ('problem' in compiled) return problem(compiled.problem)
    const badOwner = owners.find(owner => ownerKind(owner) === undefined)
    if (badOwner !== undefined) return problem(describeBadOwner(badOwner))
    rules.push({ pattern, owners, line, regex: compiled.regex })
  })
  return { rules, problems }
}

/**
 * Splits a line into whitespace-separated words, up to a comment: a word that starts with
 * `#`. A `\` keeps the next character in the word (`docs/my\ file.md`); the pattern
 * compiler reads the escapes.
 */
function splitLine(text: string): string[] {
  const words: string[] = []
  let word = ''
  const chars = Array.from(text)
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string
    if (char === ' ' || char === '\t') {
      if (word !== '') words.push(word)
      word = ''
    } else if (char === '#' && word === '') {
      break
    } else if (char === '\\' && i + 1 < chars.length) {
      word += char + (chars[i + 1] as string)
      i++
    } else {
      word += char
    }
  }
  if (word !== '') words.push(word)
  return words
}

function describeBadOwner(owner: string): string {
  const looksLikeLogin = isLogin(owner) || isTeamName(owner)
  const hint = looksLikeLogin ? ` Did you mean "@${owner}"?` : ''
  return (
    `owner "${owner}" is not a valid owner; write a user as "@login", a team as ` +
    `"@org/team-name", or an email address.${hint}`
  )
}
