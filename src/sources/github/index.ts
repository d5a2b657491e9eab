import type { PullRequestRef, PullRequestSource } from '../snapshot.js'
import type { Octokit } from './client.js'
import { readContent } from './content.js'
import { readPullRequest } from './pull-request.js'

export { createOctokit, type Octokit } from './client.js'
export { explainApiError } from './errors.js'
export { type EventTarget, pullRequestFromEvent } from './event.js'

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
