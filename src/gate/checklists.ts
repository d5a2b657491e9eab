import type { Evaluation } from '../rules/types.js'
import type { ChangedFile } from '../sources/snapshot.js'

export interface ChecklistChanges {
  /** Checklists at head to evaluate. */
  paths: string[]
  /** For a checklist renamed from another checklist path: that path, where its base version is. */
  basePaths: Map<string, string>
  /** Checklists of the base that are gone at head: deleted, or renamed away. */
  removed: Evaluation[]
}

/**
 * Which checklists a pull request touches, and which records of the base it removes. A
 * checklist on the base is the record of a release: deleting it, or renaming it (out of the
 * globs, or onto another checklist's path), makes that record vanish, and fails. A checklist
 * renamed within the globs is still evaluated at its new path, against its old version and,
 * when the new path has one, its template.
 */
export function checklistChanges(
  files: readonly ChangedFile[],
  isChecklist: (path: string) => boolean
): ChecklistChanges {
  const paths: string[] = []
  const basePaths = new Map<string, string>()
  const removed: Evaluation[] = []
  for (const file of files) {
    const before = file.previousPath
    const renamedFrom = before !== undefined && isChecklist(before) ? before : undefined
    if (!file.deleted && isChecklist(file.path)) {
      paths.push(file.path)
      if (renamedFrom !== undefined) basePaths.set(file.path, renamedFrom)
    }
    if (file.deleted && isChecklist(file.path)) removed.push(removedChecklist(file.path))
    else if (renamedFrom !== undefined) removed.push(removedChecklist(renamedFrom, file.path))
  }
  return { paths, basePaths, removed }
}

/** Deleting a checklist, or renaming it away, is the most thorough way of removing its items. */
function removedChecklist(path: string, renamedTo?: string): Evaluation {
  const message =
    renamedTo === undefined
      ? `This pull request deletes the checklist ${path}: a pull request may not remove a checklist.`
      : `This pull request renames the checklist ${path} to ${renamedTo}, so the record at ${path} vanishes: a pull request may not remove a checklist. Keep ${path}, and start ${renamedTo} as a copy of its template.`
  return {
    path,
    passed: false,
    items: { total: 0, done: 0, waived: 0 },
    tasks: [],
    sections: [],
    signoffs: [],
    fields: [],
    findings: [{ rule: 'integrity-item-removed', severity: 'error', line: 1, message }]
  }
}
