import { execFileSync } from 'node:child_process'
import { decodeChecklist } from '../../checklist/parse.js'
import type { BaseReader } from '../snapshot.js'
import { InputError } from './read.js'

/** The top of the git work tree holding `dir`, or undefined outside any repository. */
export function repositoryRoot(dir: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    }).trim()
  } catch {
    return undefined
  }
}

/** Files as they are at REF in the repository. */
export function gitReader(root: string, ref: string): BaseReader {
  return { where: ref, read: path => gitShow(root, ref, path) }
}

/**
 * The file at REF, or undefined when REF's tree has no such path (a new checklist). Any other
 * failure of git is an error: a checklist that cannot be read at base is not a new one.
 */
function gitShow(root: string, ref: string, path: string): string | undefined {
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
      cwd: root,
      stdio: 'ignore'
    })
  } catch {
    throw new InputError(`--base: "${ref}" is not a commit in ${root}.`)
  }
  // ls-tree answers "not there" with no output, where cat-file and show fail as for any error.
  const entry = git(
    root,
    ['ls-tree', '-z', '--full-tree', ref, '--', path],
    `list ${path} at ${ref}`
  )
  if (entry.length === 0) return undefined
  const [, type, oid] = /^\d+ (\w+) ([0-9a-f]+)\t/.exec(entry.toString('utf8')) ?? []
  if (type !== 'blob' || oid === undefined) {
    throw new Error(`${path} at ${ref} is a ${type ?? 'entry git cannot describe'}, not a file.`)
  }
  return decodeChecklist(
    git(root, ['cat-file', 'blob', oid], `read ${path} at ${ref}`),
    `${path} at ${ref}`
  )
}

function git(root: string, args: string[], what: string): Buffer {
  try {
    return execFileSync('git', args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024
    })
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim()
    throw new Error(
      `git could not ${what} in ${root}: ${stderr || (error instanceof Error ? error.message : String(error))}`,
      { cause: error }
    )
  }
}
