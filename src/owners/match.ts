import type { Codeowners } from './parse.js'

export interface PathOwners {
  /** The owners from the deciding line; empty when no line matches or it has no owners. */
  owners: string[]
  /** The deciding line (also when it has no owners); undefined when no line matches. */
  line: number | undefined
}

/** "Order is important; the last matching pattern takes the most precedence." */
export function ownersOf(codeowners: Codeowners, path: string): PathOwners {
  const relative = toRepositoryPath(path)
  for (let i = codeowners.rules.length - 1; i >= 0; i--) {
    const rule = codeowners.rules[i]
    if (rule?.regex.test(relative)) return { owners: [...rule.owners], line: rule.line }
  }
  return { owners: [], line: undefined }
}

/**
 * One line per path for `readiness-gate owners PATH...`, worded like GitHub's tooltip:
 * `path  @a @org/team  (CODEOWNERS line N)` or `path  (no owners)`.
 */
export function formatOwnersLines(codeowners: Codeowners, paths: readonly string[]): string[] {
  return paths.map(path => {
    const { owners, line } = ownersOf(codeowners, path)
    if (owners.length === 0) return `${path}  (no owners)`
    return `${path}  ${owners.join(' ')}  (CODEOWNERS line ${String(line)})`
  })
}

/** Patterns are relative to the repository root; accept `./x` and `/x` for `x`. */
function toRepositoryPath(path: string): string {
  return path.replace(/^(?:\.\/|\/)+/u, '')
}
