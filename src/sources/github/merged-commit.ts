import type { MergedCommit, RepositoryRef } from '../snapshot.js'
import type { Octokit } from './client.js'
import type { Connection } from './graphql.js'
import {
  allFilesAndReviews,
  type BaseTip,
  changedFiles,
  filesAndReviews,
  type ReviewNode,
  RULES_FILES,
  rulesFiles,
  submittedReviews
} from './pull-request.js'
import type { FileNode } from './renames.js'

/*
 * Deploy mode, round trip 1: the commit being deployed, the pull request that merged it
 * (`Commit.associatedPullRequests`, kept only when merged with this very commit as its merge
 * commit) with its files and reviews, and the configuration and CODEOWNERS at the commit's
 * first parent: the base branch as it was when the pull request merged. Round trip 2 is the
 * same content query as on a pull request, with the merge commit as head and the parent as base.
 */

/** Pull requests a commit can be associated with at once; one merged it, others may contain it. */
const ASSOCIATED = 10

const MERGED_COMMIT_QUERY = `
query ReadinessGateMergedCommit($owner: String!, $name: String!, $sha: GitObjectID!, $configPath: String!) {
  repository(owner: $owner, name: $name) {
    nameWithOwner
    defaultBranchRef { name }
    object(oid: $sha) {
      ... on Commit {
        oid
        parents(first: 1) {
          nodes {
            oid
            ${RULES_FILES}
          }
        }
        associatedPullRequests(first: ${ASSOCIATED}) {
          nodes {
            number url merged isCrossRepository changedFiles
            mergeCommit { oid }
            author { login }
            baseRefName headRefName headRefOid
            ${filesAndReviews(true)}
          }
        }
      }
    }
  }
}`

interface AssociatedNode {
  number: number
  url: string
  merged: boolean
  isCrossRepository: boolean
  changedFiles: number
  mergeCommit: { oid: string } | null
  author: { login: string } | null
  baseRefName: string
  headRefName: string
  headRefOid: string
  files: Connection<FileNode>
  reviews: Connection<ReviewNode>
}

interface CommitNode {
  oid: string
  parents: Connection<BaseTip>
  associatedPullRequests: { nodes: AssociatedNode[] }
}

export async function readMergedCommit(
  octokit: Octokit,
  repo: RepositoryRef,
  sha: string,
  configPath: string
): Promise<MergedCommit> {
  const data = await octokit.graphql<{
    repository: { defaultBranchRef: { name: string } | null; object: CommitNode | null } | null
  }>(MERGED_COMMIT_QUERY, { owner: repo.owner, name: repo.repo, sha, configPath })
  const commit = data.repository?.object
  if (!commit?.oid) {
    throw new Error(
      `The commit ${sha} being deployed is not in ${repo.owner}/${repo.repo}: check the sha input, and that the token may read the repository (contents: read).`
    )
  }
  const short = sha.slice(0, 7)
  const branch = data.repository?.defaultBranchRef?.name ?? 'the default branch'
  const pull = commit.associatedPullRequests.nodes.find(
    node => node.merged && node.mergeCommit?.oid === sha
  )
  if (!pull) {
    const containing = commit.associatedPullRequests.nodes.filter(node => node.merged)
    return {
      notMerged:
        containing.length > 0
          ? `The commit ${short} being deployed is not the merge commit of a pull request: ${containing.map(node => `#${node.number} (merged as ${node.mergeCommit?.oid.slice(0, 7) ?? 'an unknown commit'})`).join(', ')} contain it. Deploy the merge commit that the gate evaluated.`
          : `The commit ${short} being deployed did not come through a pull request: no merged pull request has it as its merge commit (it was pushed straight to ${branch}, or to another branch). A release must be merged through a pull request that passes the gate.`
    }
  }
  const parent = commit.parents.nodes[0]
  if (!parent) {
    throw new Error(
      `The commit ${short} being deployed has no parent: there is no base to read the configuration and CODEOWNERS from.`
    )
  }
  const ref = { ...repo, number: pull.number }
  const [files, reviews] = await allFilesAndReviews(octokit, ref, pull, true)
  return {
    pullRequest: {
      number: pull.number,
      url: pull.url,
      author: pull.author?.login,
      // As merged: the checklist at the merge commit, the rules at its first parent.
      headSha: sha,
      approvalHead: pull.headRefOid,
      baseSha: parent.oid,
      baseRef: pull.baseRefName,
      headRefName: pull.headRefName,
      isCrossRepository: pull.isCrossRepository,
      ...rulesFiles(parent),
      files: await changedFiles(octokit, ref, files, pull.changedFiles),
      changedFiles: pull.changedFiles,
      reviews: submittedReviews(reviews, true),
      ownComments: []
    }
  }
}
