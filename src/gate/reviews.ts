import { normaliseLogin } from '../owners/index.js'
import type { Review } from '../rules/types.js'
import type { Content, SubmittedReview } from '../sources/snapshot.js'

/** A reviewer's standing: their latest review, when it approves or requests changes. */
export interface Standing {
  login: string
  state: 'APPROVED' | 'CHANGES_REQUESTED'
  /** The commit the review was given on; undefined when GitHub no longer has it. */
  commit: string | undefined
  /** The reviewer's write access, as GitHub gave it with the review; undefined: not said. */
  canPush: boolean | undefined
}

/**
 * Each reviewer's standing: their latest review (by `submittedAt`) among approvals, change
 * requests and dismissed reviews. Only a latest APPROVED review approves: a dismissed one
 * (approval or change request) leaves no approval behind, and COMMENTED reviews are not read,
 * so a later comment never cancels an approval. A reviewer whose latest review is dismissed
 * is left out. Of reviews with the same time, the one GitHub lists later decides.
 */
export function latestReviews(reviews: readonly SubmittedReview[]): Standing[] {
  const latest = new Map<string, { standing: Standing | undefined; at: number }>()
  for (const review of reviews) {
    if (review.login === undefined) continue
    const state = review.state
    if (state !== 'APPROVED' && state !== 'CHANGES_REQUESTED' && state !== 'DISMISSED') continue
    let at = review.submittedAt === null ? Number.NaN : Date.parse(review.submittedAt)
    // Without a time, an approval proves nothing, and anything else is taken as the latest.
    if (Number.isNaN(at)) {
      if (state === 'APPROVED') continue
      at = Number.POSITIVE_INFINITY
    }
    const key = normaliseLogin(review.login)
    const seen = latest.get(key)
    if (seen && seen.at > at) continue
    latest.set(key, {
      standing:
        state === 'DISMISSED'
          ? undefined
          : { login: review.login, state, commit: review.commit, canPush: review.canPush },
      at
    })
  }
  return [...latest.values()].flatMap(entry => (entry.standing ? [entry.standing] : []))
}

/** Commits that approvals were given on, other than the head: where freshness must look. */
export function approvedCommits(standings: readonly Standing[], headSha: string): string[] {
  return [
    ...new Set(
      standings.flatMap(standing =>
        standing.state === 'APPROVED' && standing.commit && standing.commit !== headSha
          ? [standing.commit]
          : []
      )
    )
  ]
}

/**
 * The reviews as they bear on one checklist: whether each was given on the head commit,
 * whether the checklist's blob at the review's commit is the one at head, and the reviewer's
 * write access ('unreadable' when GitHub did not say: a code owner's sign-off then fails closed).
 */
export function reviewsOf(
  path: string,
  standings: readonly Standing[],
  content: Pick<Content, 'headBlob' | 'atReview'>,
  headSha: string
): Map<string, Review> {
  const headBlob = content.headBlob.get(path)
  const reviews = new Map<string, Review>()
  for (const standing of standings) {
    const onHead = standing.commit === headSha
    const blobThen = standing.commit ? content.atReview.get(standing.commit)?.get(path) : undefined
    reviews.set(normaliseLogin(standing.login), {
      login: standing.login,
      state: standing.state,
      onHead,
      checklistUnchanged: onHead || (blobThen !== undefined && blobThen === headBlob),
      writeAccess: standing.canPush ?? 'unreadable'
    })
  }
  return reviews
}
