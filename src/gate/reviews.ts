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
  /** The review as GitHub lists it: the proof the sign-off record cites. */
  review?: SubmittedReview
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
          : {
              login: review.login,
              state,
              commit: review.commit,
              canPush: review.canPush,
              review
            },
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
 * Under `freshness: section-unchanged`: the checklist's text at each approving reviewer's
 * commit (by lower-cased login), where it is not the head's blob.
 */
export function reviewTextsOf(
  path: string,
  standings: readonly Standing[],
  content: Pick<Content, 'headBlob' | 'atReview' | 'textAtReview'>
): Map<string, string> {
  const texts = new Map<string, string>()
  for (const standing of standings) {
    if (standing.state !== 'APPROVED' || !standing.commit) continue
    if (content.atReview.get(standing.commit)?.get(path) === content.headBlob.get(path)) continue
    const file = content.textAtReview?.get(standing.commit)?.get(path)
    if (file && 'text' in file) texts.set(normaliseLogin(standing.login), file.text)
  }
  return texts
}

/**
 * The reviews as they bear on one checklist: whether each was given on the head commit (or on
 * `approvalHead`, a merged pull request's last head, when the head is its merge commit), and
 * whether the checklist's blob at the review's commit is the one at head, and the reviewer's
 * write access ('unreadable' when GitHub did not say: a code owner's sign-off then fails closed).
 */
export function reviewsOf(
  path: string,
  standings: readonly Standing[],
  content: Pick<Content, 'headBlob' | 'atReview'>,
  headSha: string,
  approvalHead: string = headSha
): Map<string, Review> {
  const headBlob = content.headBlob.get(path)
  const reviews = new Map<string, Review>()
  for (const standing of standings) {
    const blobThen = standing.commit ? content.atReview.get(standing.commit)?.get(path) : undefined
    reviews.set(normaliseLogin(standing.login), {
      login: standing.login,
      state: standing.state,
      onHead: standing.commit === approvalHead,
      checklistUnchanged:
        standing.commit === headSha || (blobThen !== undefined && blobThen === headBlob),
      writeAccess: standing.canPush ?? 'unreadable'
    })
  }
  return reviews
}
