import type {
  Evaluation,
  Finding,
  PullRequestFinding,
  SectionResult,
  Severity
} from '../rules/types.js'

/** Counts shared by the title, the Markdown verdict, the text summary and the JSON report. */
export interface Tally {
  checklists: number
  failedChecklists: number
  /** Errors about the pull request as a whole: the gate fails with any. */
  pullRequestErrors: number
  errors: number
  warnings: number
  notices: number
  /** Sign-offs in gated sections: only those can fail the gate. */
  signoffs: { signed: number; total: number }
  /** Gated sections that count items or set a threshold (headings without items say nothing). */
  sections: { passed: number; failed: number }
  items: { total: number; done: number; waived: number }
}

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'notice']
/** Each severity's place in SEVERITY_ORDER, looked up rather than searched for in every sort. */
export const SEVERITY_RANK = Object.fromEntries(
  SEVERITY_ORDER.map((severity, rank) => [severity, rank])
) as Readonly<Record<Severity, number>>

/** Sorts by severity (errors first), then by line. */
export function bySeverityThenLine(a: Finding, b: Finding): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.line - b.line
}

/** Sorts by line, then by severity (errors first). */
export function byLineThenSeverity(a: Finding, b: Finding): number {
  return a.line - b.line || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]
}

/** Sections worth a row: they count items or set a threshold. */
export function meaningfulSections(evaluation: Evaluation): SectionResult[] {
  return evaluation.sections.filter(
    section =>
      section.scope !== 'excluded' && (section.total > 0 || section.threshold !== undefined)
  )
}

export function tally(
  evaluations: readonly Evaluation[],
  pullRequestFindings: readonly PullRequestFinding[] = []
): Tally {
  const result: Tally = {
    checklists: evaluations.length,
    failedChecklists: 0,
    pullRequestErrors: 0,
    errors: 0,
    warnings: 0,
    notices: 0,
    signoffs: { signed: 0, total: 0 },
    sections: { passed: 0, failed: 0 },
    items: { total: 0, done: 0, waived: 0 }
  }
  const count = (finding: Finding) => {
    if (finding.severity === 'error') result.errors++
    else if (finding.severity === 'warning') result.warnings++
    else result.notices++
  }
  for (const finding of pullRequestFindings) {
    count(finding)
    if (finding.severity === 'error') result.pullRequestErrors++
  }
  for (const evaluation of evaluations) {
    if (!evaluation.passed) result.failedChecklists++
    evaluation.findings.forEach(count)
    for (const signoff of evaluation.signoffs) {
      if (signoff.scope !== 'gated') continue
      result.signoffs.total++
      if (signoff.status === 'signed') result.signoffs.signed++
    }
    for (const section of meaningfulSections(evaluation)) {
      if (section.scope !== 'gated') continue
      if (section.passed) result.sections.passed++
      else result.sections.failed++
    }
    result.items.total += evaluation.items.total
    result.items.done += evaluation.items.done
    result.items.waived += evaluation.items.waived
  }
  return result
}

/** Whether the gate passes: every checklist passed, and nothing fails the pull request as a whole. */
export function gatePassed(counts: Pick<Tally, 'failedChecklists' | 'pullRequestErrors'>): boolean {
  return counts.failedChecklists === 0 && counts.pullRequestErrors === 0
}

/** `1 error`, `2 errors`. */
export function plural(count: number, singular: string, pluralForm = singular + 's'): string {
  return `${count} ${count === 1 ? singular : pluralForm}`
}

/** Severity counts that are not zero, e.g. `4 errors, 1 notice`; `no findings` when none. */
export function findingCounts(counts: Pick<Tally, 'errors' | 'warnings' | 'notices'>): string {
  const parts = [
    counts.errors > 0 ? plural(counts.errors, 'error') : '',
    counts.warnings > 0 ? plural(counts.warnings, 'warning') : '',
    counts.notices > 0 ? plural(counts.notices, 'notice') : ''
  ].filter(part => part !== '')
  return parts.length > 0 ? parts.join(', ') : 'no findings'
}
