import type { Octokit } from '../sources/github/index.js'
import type { PullRequestRef } from '../sources/snapshot.js'

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
