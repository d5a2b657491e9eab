import type { Config } from '../config/types.js'
import { normaliseLogin } from '../owners/index.js'
import type { Evaluation, Review } from '../rules/types.js'

/** Whom to ask for a review: logins, and team slugs of the repository's organization. */
export interface ReviewRequest {
  reviewers: string[]
  teamReviewers: string[]
}

export interface ReviewRequestInput {
  /** Each evaluated checklist with the reviews as they bear on it. */
  checklists: readonly { evaluation: Evaluation; reviews: ReadonlyMap<string, Review> }[]
  freshness: Config['signoffs']['freshness']
  author: string | undefined
  /** The repository's owner: only its teams can be asked. */
  org: string
  /** Requests still pending (logins, `org/slug` teams): never asked again. */
  pending: { users: readonly string[]; teams: readonly string[] } | undefined
}

/**
 * For `request-reviews`: the role owners who still need to approve. For each sign-off of a
 * gated section that is not signed, and for which none of the people who may sign it has an
 * approval that counts, everyone who may sign it (its users and teams) is asked; never the
 * author, never anyone whose approval counts, never a user or team whose request is pending.
 * A stale approval (given before the checklist changed) does not count: that reviewer is asked
 * again, as GitHub's "re-request review" does. Under `freshness: section-unchanged` only an
 * approval of the head or of an unchanged checklist counts here, so at worst a reviewer whose
 * own section is unchanged is asked once more.
 */
export function reviewRequestOf(input: ReviewRequestInput): ReviewRequest {
  const author = input.author === undefined ? undefined : normaliseLogin(input.author)
  const pendingUsers = new Set(input.pending?.users.map(normaliseLogin))
  const pendingTeams = new Set(input.pending?.teams.map(normaliseLogin))
  const org = normaliseLogin(input.org)
  const reviewers = new Map<string, string>()
  const teams = new Map<string, string>()

  for (const { evaluation, reviews } of input.checklists) {
    const approved = (login: string) => {
      const review = reviews.get(normaliseLogin(login))
      if (review?.state !== 'APPROVED') return false
      if (input.freshness === 'any') return true
      if (input.freshness === 'head') return review.onHead
      return review.onHead || review.checklistUnchanged
    }
    for (const signoff of evaluation.signoffs) {
      if (signoff.status === 'signed' || signoff.scope !== 'gated') continue
      const eligible = signoff.eligible
      if (eligible === undefined) continue
      const ownersApproved =
        eligible.users.some(approved) ||
        eligible.teams.some(team => team.members?.some(approved) === true)
      if (ownersApproved) continue
      for (const user of eligible.users) {
        const key = normaliseLogin(user)
        if (key === author || pendingUsers.has(key)) continue
        reviewers.set(key, user)
      }
      for (const { team } of eligible.teams) {
        const key = normaliseLogin(team)
        const [teamOrg, slug] = key.split('/')
        if (teamOrg !== org || slug === undefined || pendingTeams.has(key)) continue
        teams.set(key, slug)
      }
    }
  }
  return { reviewers: [...reviewers.values()], teamReviewers: [...teams.values()] }
}
