/**
 * The gate against GitHub's renderer, task item by task item: the same bytes to both, and the
 * lists of `{line, checked}` compared in source order.
 */
import { ChecklistError, decodeChecklist, parseChecklist } from '../../src/checklist/parse.js'
import { type Task, cmarkTasks } from './cmark.js'

/** The task items of the gate's model for a file's bytes, or the error it refused them with. */
export function gateTasks(bytes: Uint8Array, path = 'checklist.md'): Task[] | ChecklistError {
  try {
    const checklist = parseChecklist(decodeChecklist(bytes, path), path)
    return checklist.items.map(item => ({ line: item.line, checked: item.checked }))
  } catch (error) {
    if (error instanceof ChecklistError) return error
    throw error
  }
}

/** The run the test suite makes: a fixed seed, and a count that keeps it to seconds. */
export const SUITE_SEED = 20261201
export const SUITE_COUNT = 2000

export interface Disagreement {
  /** Lines whose task items differ: missing, extra, or in another state. */
  lines: number[]
  /** Lines where GitHub shows an open box that the gate does not see as open. */
  hiddenOpen: number[]
  /** `line: github x/o/-, gate x/o/-` for each line that differs, or the gate's error. */
  summary: string[]
}

const mark = (tasks: Task[]) => tasks.map(task => (task.checked ? 'x' : 'o')).join('') || '-'

/** How the gate's task items differ from GitHub's, or undefined when they agree exactly. */
export function disagreement(
  gate: Task[] | ChecklistError,
  github: Task[]
): Disagreement | undefined {
  if (gate instanceof ChecklistError) {
    return {
      lines: github.map(task => task.line),
      hiddenOpen: github.filter(task => !task.checked).map(task => task.line),
      summary: [`the gate refused the file: ${gate.message}`]
    }
  }
  const same =
    gate.length === github.length &&
    gate.every((task, i) => {
      const other = github[i]!
      return task.line === other.line && task.checked === other.checked
    })
  if (same) return undefined
  const byLine = (tasks: Task[]) => {
    const lines = new Map<number, Task[]>()
    for (const task of tasks) lines.set(task.line, [...(lines.get(task.line) ?? []), task])
    return lines
  }
  const ours = byLine(gate)
  const theirs = byLine(github)
  const lines = [...new Set([...ours.keys(), ...theirs.keys()])]
    .filter(line => mark(ours.get(line) ?? []) !== mark(theirs.get(line) ?? []))
    .sort((a, b) => a - b)
  const hiddenOpen = lines.filter(
    line =>
      (theirs.get(line) ?? []).filter(task => !task.checked).length >
      (ours.get(line) ?? []).filter(task => !task.checked).length
  )
  return {
    // Same tasks per line but in another order: the order itself differs.
    lines: lines.length > 0 ? lines : [gate[0]?.line ?? 1],
    hiddenOpen,
    summary: lines.map(
      line =>
        `line ${line}: GitHub ${mark(theirs.get(line) ?? [])}, gate ${mark(ours.get(line) ?? [])}`
    )
  }
}

/**
 * A smaller document that still disagrees: runs of lines are dropped, from half the file down to
 * single lines and until none can go, while the gate and GitHub still differ. Each try runs
 * cmark-gfm once, so this is for the few files a run reports; `tries` bounds the work, and the
 * smallest file found by then is returned.
 */
export function minimise(bytes: Uint8Array, tries = Infinity): Buffer {
  const text = Buffer.from(bytes).toString('utf8')
  const disagrees = (lines: string[]) => {
    if (lines.length === 0 || tries-- <= 0) return false
    const candidate = Buffer.from(lines.join(''), 'utf8')
    const gate = gateTasks(candidate)
    // An emptied file is refused by the gate and shows nothing on GitHub: not a finding.
    if (gate instanceof ChecklistError && candidate.toString('utf8').trim() === '') return false
    return disagreement(gate, cmarkTasks(candidate)) !== undefined
  }
  // Lines with their endings, so that CRs and a final line without one survive as they were.
  let lines: string[] = [...(text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [])]
  for (let changed = true; changed;) {
    changed = false
    for (
      let size = Math.max(1, Math.floor(lines.length / 2));
      size >= 1;
      size = Math.floor(size / 2)
    ) {
      for (let start = 0; start + size <= lines.length;) {
        const fewer = [...lines.slice(0, start), ...lines.slice(start + size)]
        if (disagrees(fewer)) {
          lines = fewer
          changed = true
        } else start++
      }
    }
  }
  return Buffer.from(lines.join(''), 'utf8')
}
