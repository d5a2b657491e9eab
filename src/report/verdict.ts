import type { Evaluation } from '../rules/types.js'
import { type Annotation, toAnnotations } from './annotations.js'
import { title, toMarkdown } from './summary.js'

/** What the gate concluded, in every shape the publishers need. */
export interface Verdict {
  passed: boolean
  title: string
  /** The verdict in Markdown within `maxBytes`, led by `marker` when one is given. */
  markdown: (maxBytes: number, marker?: string) => string
  annotations: readonly Annotation[]
}

export interface VerdictOptions {
  /** Heading of the Markdown: the check's name. */
  heading: string
  /** Link to a checklist line, for the findings table. */
  fileUrl?: (path: string, line: number) => string | undefined
}

/**
 * The verdict on the evaluated checklists, or on a pull request that could not be evaluated
 * at all (`failure`: it changes no checklist and the configuration requires one).
 */
export function verdictOf(
  evaluations: readonly Evaluation[],
  failure: string | undefined,
  options: VerdictOptions
): Verdict {
  if (failure !== undefined) {
    return {
      passed: false,
      title: 'No checklist in this pull request',
      markdown: (_maxBytes, marker) => `${marker ? `${marker}\n` : ''}❌ ${failure}\n`,
      annotations: []
    }
  }
  return {
    passed: evaluations.every(evaluation => evaluation.passed),
    title: title(evaluations),
    markdown: (maxBytes, marker) =>
      toMarkdown(evaluations, {
        maxBytes,
        marker,
        fileUrl: options.fileUrl,
        heading: options.heading
      }),
    annotations: toAnnotations(evaluations)
  }
}
