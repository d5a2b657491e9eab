import { type Annotation, chunk } from '../report/index.js'
import type { Octokit } from './client.js'
import type { PullRequestRef, StickyComment } from './read.js'

export interface CheckRunInput {
  name: string
  headSha: string
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
    if (current.body !== input.body) {
      await octokit.rest.issues.updateComment({
        owner: ref.owner,
        repo: ref.repo,
        comment_id: current.id,
        body: input.body
      })
    }
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
    if (oldest.body !== input.body) {
      await octokit.rest.issues.updateComment({
        owner: ref.owner,
        repo: ref.repo,
        comment_id: oldest.id,
        body: input.body
      })
    }
    return oldest.html_url
  }
  return created.html_url
}
