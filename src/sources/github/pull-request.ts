import { CODEOWNERS_LOCATIONS } from '../../owners/index.js'
import type { PullRequestRef, PullRequestSnapshot, SubmittedReview } from '../snapshot.js'
import type { Octokit } from './client.js'
import {
  BLOB,
  type Blob,
  type Connection,
  fileText,
  PAGE,
  PAGE_INFO,
  pullRequestPages
} from './graphql.js'
import { type FileNode, withPreviousPaths } from './renames.js'

/**
 * Reviews are read whole, not through `latestOpinionatedReviews`: after approve → request
 * changes → that request dismissed, GitHub may count the earlier approval again
 * (palantir/policy-bot#119). The gate picks each reviewer's latest review in these states.
 */
const REVIEW_STATES = '[APPROVED, CHANGES_REQUESTED, DISMISSED]'
// `authorCanPushToRepository` is the reviewer's write access, read with the review itself: a
// code owner needs it to sign, as on GitHub, and it costs no request of its own.
const PUSH_ACCESS = 'authorCanPushToRepository'
const reviewSelection = (withAccess: boolean) =>
  `author { login } state submittedAt commit { oid } databaseId url${withAccess ? ` ${PUSH_ACCESS}` : ''}`
const FILE_SELECTION = 'path changeType'

/** The files and reviews of a pull request: read alike for a pull request and for a deploy. */
export const filesAndReviews = (withAccess: boolean) => `
      files(first: ${PAGE}) { nodes { ${FILE_SELECTION} } ${PAGE_INFO} }
      reviews(first: ${PAGE}, states: ${REVIEW_STATES}) { nodes { ${reviewSelection(withAccess)} } ${PAGE_INFO} }`

/** Every file and review, the pages past the first ones `filesAndReviews` read included. */
export function allFilesAndReviews(
  octokit: Octokit,
  ref: PullRequestRef,
  pull: { files: Connection<FileNode>; reviews: Connection<ReviewNode> },
  withAccess: boolean
): Promise<[FileNode[], ReviewNode[]]> {
  return Promise.all([
    pullRequestPages(octokit, ref, pull.files, 'files', FILE_SELECTION),
    pullRequestPages(
      octokit,
      ref,
      pull.reviews,
      'reviews',
      reviewSelection(withAccess),
      `states: ${REVIEW_STATES}`
    )
  ])
}

/**
 * The files that rule a pull request, read on the commit its base is taken from: the
 * configuration and every place GitHub looks for CODEOWNERS (the first found is used).
 */
export const RULES_FILES = `
            config: file(path: $configPath) { oid ${BLOB} }
            codeowners0: file(path: "${CODEOWNERS_LOCATIONS[0]}") { oid ${BLOB} }
            codeowners1: file(path: "${CODEOWNERS_LOCATIONS[1]}") { oid ${BLOB} }
            codeowners2: file(path: "${CODEOWNERS_LOCATIONS[2]}") { oid ${BLOB} }`

// Pending review requests, so that `request-reviews` never asks anyone twice; read here, in
// the first query, so that the request costs no round trip of its own. One page: GitHub lets
// a pull request have far fewer pending requests than that.
const REQUESTED_REVIEWER = '... on User { login } ... on Team { slug organization { login } }'

const pullRequestQuery = (withAccess: boolean) => `
query ReadinessGatePullRequest($owner: String!, $name: String!, $number: Int!, $configPath: String!) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      number url isCrossRepository changedFiles
      author { login }
      baseRefName headRefName headRefOid
      baseRef {
        target {
          oid
          ... on Commit { ${RULES_FILES} }
        }
      }
      ${filesAndReviews(withAccess)}
      comments(first: ${PAGE}) { nodes { databaseId url body viewerDidAuthor } ${PAGE_INFO} }
      reviewRequests(first: ${PAGE}) { nodes { requestedReviewer { ${REQUESTED_REVIEWER} } } }
    }
  }
}`

export interface ReviewNode {
  databaseId: number | null
  url: string
  state: string
  author: { login: string } | null
  submittedAt: string | null
  commit: { oid: string } | null
  authorCanPushToRepository?: boolean | null
}
interface CommentNode {
  databaseId: number
  url: string
  body: string
  viewerDidAuthor: boolean
}
/** The tip of the base branch, with the files the first query reads there. */
export interface BaseTip {
  oid: string
  config?: FileEntry | null
  [codeowners: `codeowners${number}`]: FileEntry | null | undefined
}
export type FileEntry = Blob & { oid: string }
interface PullRequestNode {
  number: number
  url: string
  isCrossRepository: boolean
  changedFiles: number
  author: { login: string } | null
  baseRefName: string
  headRefName: string
  headRefOid: string
  baseRef: { target: BaseTip | null } | null
  files: Connection<FileNode>
  reviews: Connection<ReviewNode>
  comments: Connection<CommentNode>
  reviewRequests: { nodes: { requestedReviewer: RequestedReviewer | null }[] }
}
type RequestedReviewer = { login?: string; slug?: string; organization?: { login: string } }

/** Round trip 1 (more only when a list runs past a page, or a file is renamed). */
export async function readPullRequest(
  octokit: Octokit,
  ref: PullRequestRef,
  configPath: string
): Promise<PullRequestSnapshot> {
  type Answer = { repository: { pullRequest: PullRequestNode | null } | null }
  const variables = { owner: ref.owner, name: ref.repo, number: ref.number, configPath }
  let withAccess = true
  let data: Answer
  try {
    data = await octokit.graphql<Answer>(pullRequestQuery(true), variables)
  } catch (error) {
    if (!onlyErrorsOn(error, PUSH_ACCESS)) throw error
    // GitHub would not say who may push: the reviews are read again without it (a request
    // only in this case), and every code owner's sign-off then fails closed.
    withAccess = false
    data = await octokit.graphql<Answer>(pullRequestQuery(false), variables)
  }
  const pull = data.repository?.pullRequest
  if (!pull) {
    throw new Error(
      `Pull request #${ref.number} was not found in ${ref.owner}/${ref.repo}: check the number, and that the token may read the repository (contents: read, pull-requests: read).`
    )
  }
  const [[files, reviews], comments] = await Promise.all([
    allFilesAndReviews(octokit, ref, pull, withAccess),
    pullRequestPages(octokit, ref, pull.comments, 'comments', 'databaseId url body viewerDidAuthor')
  ])
  // The tip of the base branch is the one base commit: the configuration and CODEOWNERS are
  // read from it here, and the content query reads the checklists' base versions and
  // templates at its oid, so that no two base files come from different commits.
  const tip = pull.baseRef?.target
  if (!tip) {
    throw new Error(
      `The base branch ${pull.baseRefName} of pull request #${ref.number} no longer exists: the gate has no configuration, CODEOWNERS or base checklist to go by, and fails.`
    )
  }
  return {
    number: pull.number,
    url: pull.url,
    author: pull.author?.login,
    headSha: pull.headRefOid,
    headRefName: pull.headRefName,
    baseSha: tip.oid,
    baseRef: pull.baseRefName,
    isCrossRepository: pull.isCrossRepository,
    ...rulesFiles(tip),
    files: await changedFiles(octokit, ref, files, pull.changedFiles),
    changedFiles: pull.changedFiles,
    reviews: submittedReviews(reviews, withAccess),
    ownComments: comments
      .filter(comment => comment.viewerDidAuthor)
      .map(comment => ({ id: comment.databaseId, url: comment.url, body: comment.body })),
    reviewRequests: reviewRequestsOf(pull.reviewRequests.nodes)
  }
}

/** Pending requests as logins and `org/slug` teams (bots and mannequins left out). */
function reviewRequestsOf(nodes: { requestedReviewer: RequestedReviewer | null }[]): {
  users: string[]
  teams: string[]
} {
  const users: string[] = []
  const teams: string[] = []
  for (const { requestedReviewer: reviewer } of nodes) {
    if (reviewer?.login !== undefined) users.push(reviewer.login)
    else if (reviewer?.slug !== undefined && reviewer.organization) {
      teams.push(`${reviewer.organization.login}/${reviewer.slug}`)
    }
  }
  return { users, teams }
}

/** A GraphQL error whose every error is on `field`: the rest of the query would stand. */
function onlyErrorsOn(error: unknown, field: string): boolean {
  const errors = (error as { errors?: { path?: (string | number)[] }[] }).errors
  return (
    Array.isArray(errors) && errors.length > 0 && errors.every(item => item.path?.at(-1) === field)
  )
}

/** The configuration and the CODEOWNERS GitHub would use, as read by RULES_FILES on `commit`. */
export function rulesFiles(
  commit: BaseTip
): Pick<PullRequestSnapshot, 'config' | 'configBlob' | 'codeowners'> {
  const index = CODEOWNERS_LOCATIONS.findIndex((_, i) => commit[`codeowners${i}`]?.object)
  const codeowners = commit[`codeowners${index}`]
  return {
    config: fileText(commit.config),
    ...(commit.config ? { configBlob: commit.config.oid } : {}),
    codeowners:
      index < 0
        ? undefined
        : { path: CODEOWNERS_LOCATIONS[index]!, text: fileText(codeowners), ...blobOf(codeowners) }
  }
}

/** The changed files; renames resolved only on a whole list (a list cut short fails anyway). */
export async function changedFiles(
  octokit: Octokit,
  ref: PullRequestRef,
  files: readonly FileNode[],
  count: number
): Promise<PullRequestSnapshot['files']> {
  if (files.length < count) {
    return files.map(file => ({ path: file.path, deleted: file.changeType === 'DELETED' }))
  }
  return withPreviousPaths(octokit, ref, files)
}

/** Reviews as GitHub lists them; `withAccess`: whether push access was read with them. */
export function submittedReviews(
  nodes: readonly ReviewNode[],
  withAccess: boolean
): SubmittedReview[] {
  return nodes.map(review => ({
    login: review.author?.login,
    state: review.state,
    submittedAt: review.submittedAt,
    commit: review.commit?.oid,
    canPush: withAccess ? (review.authorCanPushToRepository ?? undefined) : undefined,
    ...(review.databaseId === null ? {} : { id: review.databaseId }),
    url: review.url
  }))
}

/** A file's blob id, for the sign-off record. */
export function blobOf(entry: FileEntry | null | undefined): { blob?: string } {
  return entry ? { blob: entry.oid } : {}
}
