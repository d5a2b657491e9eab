import { sameVerdict } from '../report/index.js'
import type { Octokit } from '../sources/github/index.js'
import type { PullRequestRef, StickyComment } from '../sources/snapshot.js'

/**
 * The one sticky comment: found by its hidden marker among the comments this token's identity
 * wrote. Of several (an interrupted run, two runs racing), the newest is kept, updated in
 * place when its text changes, and every other one is deleted; with none, one is created, and
 * the comments are listed once more so that a twin a racing run created at the same time is
 * settled by the same rule.
 * Returns the comment's URL, or undefined when nothing was there and nothing was written.
 */
export async function publishComment(
  octokit: Octokit,
  ref: PullRequestRef,
  input: { marker: string; body: string; existing: readonly StickyComment[]; create: boolean }
): Promise<string | undefined> {
  const sticky = input.existing.filter(comment => comment.body.startsWith(input.marker))
  const [newest, ...others] = newestFirst(sticky)
  if (newest) {
    await Promise.all([
      updateIfChanged(octokit, ref, newest, input.body),
      ...others.map(comment => deleteComment(octokit, ref, comment.id))
    ])
    return newest.url
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
  const twins = newestFirst(
    all
      .filter(
        comment =>
          comment.user?.login === created.user?.login && comment.body?.startsWith(input.marker)
      )
      .map(comment => ({ id: comment.id, url: comment.html_url, body: comment.body ?? '' }))
  )
  const kept = twins[0] ?? { id: created.id, url: created.html_url, body: input.body }
  await Promise.all([
    updateIfChanged(octokit, ref, kept, input.body),
    ...twins.slice(1).map(comment => deleteComment(octokit, ref, comment.id))
  ])
  return kept.url
}

/** Comment ids grow with time: the highest is the newest. */
function newestFirst<T extends { id: number }>(comments: readonly T[]): T[] {
  return [...comments].sort((a, b) => b.id - a.id)
}

/** Deletes a duplicate; one that a racing run deleted first is gone already, which is the aim. */
async function deleteComment(octokit: Octokit, ref: PullRequestRef, id: number): Promise<void> {
  try {
    await octokit.rest.issues.deleteComment({ owner: ref.owner, repo: ref.repo, comment_id: id })
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error
  }
}

/** Rewrites a comment only when its text changes, so a re-run with the same verdict writes nothing. */
async function updateIfChanged(
  octokit: Octokit,
  ref: PullRequestRef,
  comment: { id: number; body: string },
  body: string
): Promise<void> {
  if (sameVerdict(comment.body, body)) return
  await octokit.rest.issues.updateComment({
    owner: ref.owner,
    repo: ref.repo,
    comment_id: comment.id,
    body
  })
}
