import type { Inputs } from '../inputs.js'
import {
  type Annotation,
  CHECK_RUN_SUMMARY_MAX_BYTES,
  chunk,
  type Verdict
} from '../report/index.js'
import type { Octokit } from './client.js'
import { explainApiError } from './errors.js'
import type { PullRequestRef, StickyComment } from './read.js'

export interface PublishOptions extends Pick<Inputs, 'checkName' | 'reportAs' | 'comment'> {
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

export interface CheckRunInput {
  name: string
  headSha: string
  /**
   * The base commit whose configuration, CODEOWNERS and base checklists the verdict used: kept
   * as the run's `external_id`, so that the run shows what it was computed against.
   */
  baseSha: string
  passed: boolean
  title: string
  summary: string
  annotations: readonly Annotation[]
  detailsUrl: string | undefined
}

/**
 * A completed check run on the head commit. GitHub takes at most 50 annotations a request, so
 * the rest follow in updates of the same run, which GitHub appends.
 */
export async function publishCheckRun(
  octokit: Octokit,
  ref: PullRequestRef,
  input: CheckRunInput
): Promise<string> {
  const [first = [], ...rest] = chunk(input.annotations)
  const output = { title: input.title, summary: input.summary }
  const { data } = await octokit.rest.checks.create({
    owner: ref.owner,
    repo: ref.repo,
    name: input.name,
    head_sha: input.headSha,
    external_id: input.baseSha,
    status: 'completed',
    conclusion: input.passed ? 'success' : 'failure',
    ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
    output: { ...output, annotations: [...first] }
  })
  for (const annotations of rest) {
    await octokit.rest.checks.update({
      owner: ref.owner,
      repo: ref.repo,
      check_run_id: data.id,
      output: { ...output, annotations: [...annotations] }
    })
  }
  return data.html_url ?? ''
}

/** A commit status with a fixed context: unlike a check run, it cannot land in another suite. */
export async function publishStatus(
  octokit: Octokit,
  ref: PullRequestRef,
  input: {
    context: string
    headSha: string
    passed: boolean
    title: string
    targetUrl: string | undefined
  }
): Promise<void> {
  await octokit.rest.repos.createCommitStatus({
    owner: ref.owner,
    repo: ref.repo,
    sha: input.headSha,
    state: input.passed ? 'success' : 'failure',
    context: input.context,
    description: input.title.length > 140 ? `${input.title.slice(0, 139)}…` : input.title,
    ...(input.targetUrl ? { target_url: input.targetUrl } : {})
  })
}

/**
 * The one sticky comment: found by its hidden marker among the comments this token's identity
 * wrote, updated in place, left alone when unchanged. Two runs racing may each create one; the
 * one that created a newer copy then deletes it, so the oldest stays.
 * Returns the comment's URL, or undefined when nothing was there and nothing was written.
 */
export async function publishComment(
  octokit: Octokit,
  ref: PullRequestRef,
  input: { marker: string; body: string; existing: readonly StickyComment[]; create: boolean }
): Promise<string | undefined> {
  const sticky = input.existing.filter(comment => comment.body.startsWith(input.marker))
  const [current] = sticky.sort((a, b) => a.id - b.id)
  if (current) {
    await updateIfChanged(octokit, ref, current, input.body)
    return current.url
  }
  if (!input.create) return undefined

  const { data: created } = await octokit.rest.issues.createComment({
    owner: ref.owner,
    repo: ref.repo,
    issue_number: ref.number,
    body: input.body
  })
  const all = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: ref.owner,
    repo: ref.repo,
    issue_number: ref.number,
    per_page: 100
  })
  const twins = all
    .filter(
      comment =>
        comment.user?.login === created.user?.login && comment.body?.startsWith(input.marker)
    )
    .sort((a, b) => a.id - b.id)
  const oldest = twins[0]
  if (oldest && oldest.id !== created.id) {
    await octokit.rest.issues.deleteComment({
      owner: ref.owner,
      repo: ref.repo,
      comment_id: created.id
    })
    await updateIfChanged(octokit, ref, { id: oldest.id, body: oldest.body ?? '' }, input.body)
    return oldest.html_url
  }
  return created.html_url
}

/** Rewrites a comment only when its text changes, so a re-run with the same verdict writes nothing. */
async function updateIfChanged(
  octokit: Octokit,
  ref: PullRequestRef,
  comment: { id: number; body: string },
  body: string
): Promise<void> {
  if (comment.body === body) return
  await octokit.rest.issues.updateComment({
    owner: ref.owner,
    repo: ref.repo,
    comment_id: comment.id,
    body
  })
}
