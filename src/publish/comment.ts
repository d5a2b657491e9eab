import type { Octokit } from '../sources/github/index.js'
import type { PullRequestRef, StickyComment } from '../sources/snapshot.js'

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
