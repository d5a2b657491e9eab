/**
 * Where GitHub looks for CODEOWNERS, in order: "If CODEOWNERS files exist in more than
 * one of those locations, GitHub will search for them in that order and use the first one
 * it finds." The others are ignored entirely, even when the first is empty.
 */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const

export type CodeownersLocation = (typeof CODEOWNERS_LOCATIONS)[number]

export interface CodeownersFile {
  path: CodeownersLocation
  text: string
}

/** The CODEOWNERS file GitHub would use; `read` returns undefined for a missing file. */
export function findCodeownersFile(
  read: (path: CodeownersLocation) => string | undefined
): CodeownersFile | undefined {
  for (const path of CODEOWNERS_LOCATIONS) {
    const text = read(path)
    if (text !== undefined) return { path, text }
  }
  return undefined
}
