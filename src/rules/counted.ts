import type { Checklist } from '../checklist/model.js'

/**
 * Lines of task items that are sign-off lines (`- [x] DBA: @carol`): they are signed, not
 * done, so no threshold counts them, and the tamper check matches them as sign-offs.
 */
export function taskSignoffLines(checklist: Checklist): Set<number> {
  return new Set(
    checklist.signoffs.filter(signoff => signoff.form === 'task').map(signoff => signoff.line)
  )
}

/** Whether a checklist has a task item that counts (not only sign-off lines). */
export function hasCountedItems(checklist: Checklist): boolean {
  const signoffLines = taskSignoffLines(checklist)
  return checklist.items.some(item => !signoffLines.has(item.line))
}
