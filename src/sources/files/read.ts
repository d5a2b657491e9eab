import { readFileSync, realpathSync } from 'node:fs'
import { ChecklistError, decodeChecklist } from '../../checklist/parse.js'

/** A file named on the command line that cannot be read: the user's to fix (exit 2). */
export class InputError extends Error {
  override readonly name = 'InputError'
}

export function readInput(file: string, what: string): Uint8Array {
  try {
    return readFileSync(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : code === 'EACCES'
            ? 'cannot be read (permission denied)'
            : `cannot be read (${code ?? String(error)})`
    throw new InputError(`the ${what} file ${file} ${reason}.`)
  }
}

/**
 * A text file as text, with the checks a checklist gets: a NUL byte means binary, and bytes
 * that are not UTF-8 are refused rather than read as replacement characters.
 */
export function decodeText(bytes: Uint8Array, path: string): string {
  try {
    return decodeChecklist(bytes, path)
  } catch (error) {
    if (!(error instanceof ChecklistError)) throw error
    throw new ChecklistError(
      path,
      bytes.includes(0)
        ? 'is a binary file, not a text file: pass the text file.'
        : 'is not valid UTF-8 text: save it as UTF-8.'
    )
  }
}

/** The file's real path (as git reports the repository's root), or the path as given. */
export function realPath(file: string): string {
  try {
    return realpathSync(file)
  } catch {
    return file
  }
}
