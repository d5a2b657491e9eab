import type { Evaluation, Severity } from '../rules/types.js'
import { truncateUtf8 } from './escape.js'
import { SEVERITY_RANK } from './tally.js'

export type AnnotationLevel = 'failure' | 'warning' | 'notice'

/** A check run annotation, as the GitHub REST API takes it. */
export interface Annotation {
  path: string
  start_line: number
  end_line: number
  annotation_level: AnnotationLevel
  title: string
  message: string
}

/** GitHub takes at most 50 annotations per create or update request. */
export const ANNOTATIONS_PER_REQUEST = 50
/** GitHub's limit on an annotation message (64 KB). */
export const ANNOTATION_MESSAGE_MAX_BYTES = 64 * 1024

const LEVEL: Record<Severity, AnnotationLevel> = {
  error: 'failure',
  warning: 'warning',
  notice: 'notice'
}

/**
 * One annotation per finding, errors first (then by checklist and line), so that the most
 * important ones go out in the first request should a later one fail.
 */
export function toAnnotations(evaluations: readonly Evaluation[]): Annotation[] {
  const located = evaluations.flatMap((evaluation, checklist) =>
    evaluation.findings.map(finding => ({ path: evaluation.path, checklist, finding }))
  )
  located.sort(
    (a, b) =>
      SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity] ||
      a.checklist - b.checklist ||
      a.finding.line - b.finding.line
  )
  return located.map(({ path, finding }) => {
    // GitHub rejects lines below 1; a finding about the whole file points at its start.
    const line = Math.max(1, finding.line)
    return {
      path,
      start_line: line,
      end_line: line,
      annotation_level: LEVEL[finding.severity],
      title: finding.rule,
      message: truncateUtf8(finding.message, ANNOTATION_MESSAGE_MAX_BYTES)
    }
  })
}

/** Splits into consecutive groups of at most `size`, e.g. for the 50-per-request limit. */
export function chunk<T>(items: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`Chunk size must be a positive integer, got ${size}`)
  }
  const chunks: T[][] = []
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size))
  }
  return chunks
}
