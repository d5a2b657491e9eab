import { type ActionRun, runAction as runProcess } from '@readiness-gate/github-double'
import { expect } from 'vitest'
import { checkRecord } from './record.js'

/**
 * The committed bundle as a process against the double, and in every run the verdict's forms
 * agree: the JSON report's `passed` and `errors`, the outputs, the exit code and the
 * conclusion of every check run it wrote; the sign-off record validates against its schema.
 */
export async function runBundle(options: Parameters<typeof runProcess>[0]): Promise<ActionRun> {
  const checkRunsBefore = options.server?.state.checkRuns.length ?? 0
  const run = await runProcess(options)
  const report = run.report as { passed: boolean; errors: number } | undefined
  if (report !== undefined) {
    expect(run.outputs.passed).toBe(String(report.passed))
    expect(run.outputs.errors).toBe(String(report.errors))
    if (!report.passed) expect(run.exitCode).toBe(1)
    for (const checkRun of run.state.checkRuns.slice(checkRunsBefore)) {
      expect(checkRun.conclusion).toBe(report.passed ? 'success' : 'failure')
    }
    checkRecord(run)
  }
  return run
}

/** Error findings as `rule@line`, from the job log's `path:line: error rule: message` lines. */
export function findings(run: Pick<ActionRun, 'stdout'>): string[] {
  return [...run.stdout.matchAll(/:(\d+): error ([a-z-]+):/g)].map(m => `${m[2]}@${m[1]}`)
}

/** The 1-based line of the first line of `text` that contains `needle`. */
export const line = (text: string, needle: string) =>
  text.split('\n').findIndex(l => l.includes(needle)) + 1
