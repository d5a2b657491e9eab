import type {
  DeploymentSource,
  PullRequestRef,
  PullRequestSource,
  RepositoryRef
} from '../snapshot.js'
import type { Octokit } from './client.js'
import { readContent } from './content.js'
import { readMergedCommit } from './merged-commit.js'
import { readPullRequest } from './pull-request.js'

export { createOctokit, type Octokit } from './client.js'
export { explainApiError } from './errors.js'
export {
  type EventTarget,
  deployedCommit,
  GATE_MODES,
  type GateMode,
  gateMode,
  hasReadOnlyToken,
  pullRequestFromEvent
} from './event.js'

/** The pull request on GitHub, read through GraphQL (REST only for renames). */
export function githubSource(
  octokit: Octokit,
  ref: PullRequestRef,
  log: { warning(message: string): void }
): PullRequestSource {
  return {
    readPullRequest: configPath => readPullRequest(octokit, ref, configPath),
    readContent: request => readContent(octokit, ref, request, message => log.warning(message))
  }
}

/** Deploy mode: the commit `sha` and the pull request that merged it, read through GraphQL. */
export function mergedCommitSource(
  octokit: Octokit,
  repo: RepositoryRef,
  sha: string,
  log: { warning(message: string): void }
): DeploymentSource {
  return {
    sha,
    readMergedPullRequest: configPath => readMergedCommit(octokit, repo, sha, configPath),
    readContent: request => readContent(octokit, repo, request, message => log.warning(message))
  }
}
