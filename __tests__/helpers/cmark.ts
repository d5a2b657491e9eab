/**
 * GitHub's renderer, when installed: `cmark-gfm` with the extensions github.com enables, as the
 * oracle for which task items GitHub shows, on which line, and in which state.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import {
  accessSync,
  constants,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const CMARK_GFM = 'cmark-gfm'

/** The extensions github.com enables. */
export const GITHUB_EXTENSIONS = [
  '-e',
  'table',
  '-e',
  'strikethrough',
  '-e',
  'autolink',
  '-e',
  'tagfilter',
  '-e',
  'tasklist',
  // The binary's name for the footnotes option.
  '-e',
  'footnotes'
] as const

/** What github.com renders with, as an XML tree with source positions. */
export const GITHUB_ARGS = ['--sourcepos', ...GITHUB_EXTENSIONS, '-t', 'xml'] as const

/** A task item: the line its list item starts on (1-based) and whether its box is checked. */
export interface Task {
  line: number
  checked: boolean
}

export function hasCmarkGfm(): boolean {
  try {
    execFileSync(CMARK_GFM, ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/**
 * The task items of cmark-gfm's XML, in source order. The tasklist extension turns an `item`
 * into `<tasklist sourcepos="L:C-L:C" completed="true|false">`, its source position starting on
 * the item's first line. Text in the tree is escaped, so no content can look like the tag.
 * GitHub renders footnotes at the end of the document; the gate reads them where they are
 * written, so both are compared by line (the sort is stable: a line keeps its tasks' order).
 */
export function tasksFromXml(xml: string): Task[] {
  return [...xml.matchAll(/<tasklist sourcepos="(\d+):\d+-\d+:\d+" completed="(true|false)"/g)]
    .map(([, line, completed]) => ({ line: Number(line), checked: completed === 'true' }))
    .sort((a, b) => a.line - b.line)
}

/** The task items GitHub shows for these exact bytes (a BOM, CRs and all). */
export function cmarkTasks(bytes: Uint8Array): Task[] {
  const run = spawnSync(CMARK_GFM, GITHUB_ARGS, {
    input: bytes,
    encoding: 'utf8',
    maxBuffer: 1 << 30
  })
  if (run.status !== 0) throw new Error(`cmark-gfm failed (${run.status}): ${run.stderr}`)
  return tasksFromXml(run.stdout)
}

/**
 * Where the batch's files go: in memory (tmpfs) where the system has one. A file created in
 * /tmp can cost a millisecond of kernel time (it does on the 2-core runner), which for a file
 * a document is seconds a run.
 */
const IN_MEMORY = (() => {
  try {
    accessSync('/dev/shm', constants.W_OK)
    return '/dev/shm'
  } catch {
    return tmpdir()
  }
})()

/**
 * The task items GitHub shows for each of many documents. Each document is its own cmark-gfm
 * run (documents cannot be concatenated: an unclosed fence or a link reference definition
 * reaches across any separator), but one shell starts all of them: a Node process per document
 * costs several times more. Two loops share the work, each writing its trees into one file, a
 * NUL after each: cmark-gfm's XML never holds one (a NUL in the input becomes U+FFFD).
 */
export function cmarkTasksOfMany(documents: readonly Uint8Array[], workers = 2): Task[][] {
  if (documents.length === 0) return []
  workers = Math.max(1, Math.min(workers, documents.length))
  const dir = mkdtempSync(join(IN_MEMORY, 'cmark-batch-'))
  try {
    const names = documents.map((bytes, i) => {
      const name = `${String(i).padStart(6, '0')}.md`
      writeFileSync(join(dir, name), bytes)
      return name
    })
    const command = [CMARK_GFM, ...GITHUB_ARGS].join(' ')
    const shares = Array.from({ length: workers }, (_, worker) =>
      names.filter((_, i) => i % workers === worker)
    )
    const loops = shares.map((share, worker) => {
      writeFileSync(join(dir, `worker-${worker}.txt`), share.join('\n') + '\n')
      return `(while read -r f; do ${command} "$f" || exit 1; printf '\\0'; done < worker-${worker}.txt > worker-${worker}.xml) & p${worker}=$!`
    })
    const waits = loops.map((_, worker) => `wait $p${worker} || exit 1`)
    const run = spawnSync('sh', ['-c', [...loops, ...waits].join('\n')], {
      cwd: dir,
      encoding: 'utf8'
    })
    if (run.status !== 0) throw new Error(`cmark-gfm failed (${run.status}): ${run.stderr}`)
    const trees = shares.map((share, worker) => {
      const all = readFileSync(join(dir, `worker-${worker}.xml`), 'utf8').split('\0')
      if (all.length !== share.length + 1)
        throw new Error(`cmark-gfm wrote ${all.length - 1} trees for ${share.length} files`)
      return all
    })
    return documents.map((_, i) => tasksFromXml(trees[i % workers]![Math.floor(i / workers)]!))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Files in a folder beside the repository (`../shared/…`), or [] when it is absent. */
export function sharedFiles(url: URL, keep: (name: string) => boolean): string[] {
  const dir = fileURLToPath(url)
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter(keep)
    .sort()
    .map(name => `${dir}${name}`)
}
