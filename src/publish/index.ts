import type { ReviewRequest } from '../gate/index.js'
import { CHECK_RUN_SUMMARY_MAX_BYTES, type Verdict } from '../report/index.js'
import { explainApiError, type Octokit } from '../sources/github/index.js'
import type { PullRequestRef, StickyComment } from '../sources/snapshot.js'
import { publishCheckRun } from './check-run.js'
import { publishComment } from './comment.js'
import { publishStatus } from './status.js'

export { type RecordOf, signoffRecordOf, writeRecordFiles } from './record.js'

export const COMMENT_MODES = ['always', 'on-failure', 'never'] as const
export const REPORT_AS = ['check-run', 'status', 'both'] as const

export interface PublishOptions {
  /** Name of the check run and context of the status. */
  checkName: string
  reportAs: (typeof REPORT_AS)[number]
  comment: (typeof COMMENT_MODES)[number]
  /** The commit the check run and status go on: the PR's head, or the merge queue's commit. */
  sha: string
  /** The base commit the verdict was computed against, recorded as the check run's external_id. */
  baseSha: string
  /** The sticky comment's candidates: comments this token's identity wrote on the PR. */
  ownComments: readonly StickyComment[]
  detailsUrl: string | undefined
  /** `request-reviews`: whom to ask for a review, in the same wave; undefined: nobody. */
  reviewRequest?: ReviewRequest
}

export interface Published {
  checkRunUrl?: string
  commentUrl?: string
  /** One sentence for each write that failed, naming what to grant when GitHub said 403. */
  failures: string[]
  /** Writes that failed without making the verdict unpublished: the review request. */
  warnings: string[]
  /** Who was asked for a review. */
  requested?: ReviewRequest
}

/**
 * Check run, commit status and sticky comment, as the inputs ask. The writes do not depend on
 * each other, so they go out together; a failed one does not stop the others.
 */
export async function publishVerdict(
  octokit: Octokit,
  ref: PullRequestRef,
  verdict: Verdict,
  options: PublishOptions
): Promise<Published> {
  const published: Published = { failures: [], warnings: [] }
  const attempt = async (what: string, publish: () => Promise<void>) => {
    try {
      await publish()
    } catch (error) {
      const reason =
        explainApiError(error) ?? (error instanceof Error ? error.message : String(error))
      published.failures.push(`Could not publish the ${what}: ${reason}`)
    }
  }
  const writes: Promise<void>[] = []
  if (options.reportAs !== 'status') {
    writes.push(
      attempt('check run', async () => {
        published.checkRunUrl = await publishCheckRun(octokit, ref, {
          name: options.checkName,
          headSha: options.sha,
          baseSha: options.baseSha,
          passed: verdict.passed,
          title: verdict.title,
          summary: verdict.markdown(CHECK_RUN_SUMMARY_MAX_BYTES),
          annotations: verdict.annotations,
          detailsUrl: options.detailsUrl
        })
      })
    )
  }
  if (options.reportAs !== 'check-run') {
    writes.push(
      attempt('commit status', () =>
        publishStatus(octokit, ref, {
          context: options.checkName,
          headSha: options.sha,
          passed: verdict.passed,
          title: verdict.title,
          targetUrl: options.detailsUrl
        })
      )
    )
  }
  if (options.comment !== 'never') {
    writes.push(
      attempt('pull request comment', async () => {
        const marker = `<!-- readiness-gate: ${options.checkName.replace(/-->/g, '')} -->`
        published.commentUrl = await publishComment(octokit, ref, {
          marker,
          body: verdict.markdown(CHECK_RUN_SUMMARY_MAX_BYTES, marker),
          existing: options.ownComments,
          create: options.comment === 'always' || !verdict.passed
        })
      })
    )
  }
  const request = options.reviewRequest
  if (request && request.reviewers.length + request.teamReviewers.length > 0) {
    // A courtesy, not the verdict: a refusal (no pull-requests: write, someone who is not a
    // collaborator) is a warning, and the verdict stands.
    writes.push(
      octokit.rest.pulls
        .requestReviewers({
          owner: ref.owner,
          repo: ref.repo,
          pull_number: ref.number,
          reviewers: request.reviewers,
          team_reviewers: request.teamReviewers
        })
        .then(
          () => {
            published.requested = request
          },
          (error: unknown) => {
            const reason =
              explainApiError(error) ?? (error instanceof Error ? error.message : String(error))
            published.warnings.push(`Could not request reviews (request-reviews): ${reason}`)
          }
        )
    )
  }
  await Promise.all(writes)
  return published
}
