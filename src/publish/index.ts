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
}

export interface Published {
  checkRunUrl?: string
  commentUrl?: string
  /** One sentence for each write that failed, naming what to grant when GitHub said 403. */
  failures: string[]
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
  const published: Published = { failures: [] }
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
  await Promise.all(writes)
  return published
}
