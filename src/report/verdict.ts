import type { Evaluation, PullRequestFinding, RuleId } from '../rules/types.js'
import { escapeMarkdown, oneLine } from './escape.js'
import { type Annotation, toAnnotations } from './annotations.js'
import { footer, type RunFacts, title, toMarkdown } from './summary.js'

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
  /** Link to a checklist line, for what's left and the findings. */
  fileUrl?: (path: string, line: number) => string | undefined
  /** The commits evaluated, the time and the run, for the footer. */
  run?: RunFacts
  /** Where every finding can be read (the pull request's checks, with their annotations). */
  detailsUrl?: string
}

/** What the title says when the pull request as a whole fails. */
const PULL_REQUEST_TITLE: Partial<Record<RuleId, string>> = {
  'pr-checklist-missing': 'no checklist in this pull request',
  'pr-files-unlisted': 'more changed files than GitHub lists',
  'pr-head-shared': 'another open pull request has the same head commit',
  'config-invalid': 'the configuration cannot be used',
  'deploy-not-merged': 'the commit did not come through a pull request'
}

/**
 * The verdict on the evaluated checklists, or on a pull request that fails as a whole
 * (`pullRequestFindings` with an error: no checklist where one is required, more files than
 * GitHub lists, a configuration that cannot be used), whose findings then lead.
 */
export function verdictOf(
  evaluations: readonly Evaluation[],
  pullRequestFindings: readonly PullRequestFinding[],
  options: VerdictOptions
): Verdict {
  const blocking = pullRequestFindings.find(finding => finding.severity === 'error')
  if (blocking !== undefined) {
    const lines = pullRequestFindings.map(
      finding =>
        `- ${finding.severity === 'error' ? '❌' : '⚠️'} ${escapeMarkdown(oneLine(finding.message))} (\`${finding.rule}\`${finding.path === undefined ? '' : `, ${escapeMarkdown(oneLine(finding.path))} line ${finding.line}`})`
    )
    return {
      passed: false,
      title: `Not ready: ${PULL_REQUEST_TITLE[blocking.rule] ?? blocking.rule}`,
      markdown: (_maxBytes, marker) => {
        const end = footer(options)
        return (
          [
            ...(marker ? [marker] : []),
            `## ❌ Not ready: ${PULL_REQUEST_TITLE[blocking.rule] ?? blocking.rule}`,
            "**What's left**",
            lines.join('\n'),
            ...(end === '' ? [] : [end])
          ].join('\n\n') + '\n'
        )
      },
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
        heading: options.heading,
        run: options.run,
        detailsUrl: options.detailsUrl
      }),
    annotations: toAnnotations(evaluations)
  }
}
