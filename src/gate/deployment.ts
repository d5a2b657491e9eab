import { CONFIG_PATH } from '../config/index.js'
import type { PullRequestFinding } from '../rules/types.js'
import type { DeploymentSource, PullRequestSnapshot } from '../sources/snapshot.js'
import { type GateOptions, type GateResult, gatePullRequest } from './pull-request.js'

export interface DeploymentResult extends Omit<GateResult, 'pullRequest'> {
  /** The commit being deployed. */
  sha: string
  /** The pull request that merged it, as evaluated; undefined: none merged it. */
  pullRequest: PullRequestSnapshot | undefined
}

/**
 * The gate at deploy time: the pull request that merged the commit being deployed, evaluated
 * again as merged (the checklist at the merge commit, its reviews, the configuration and
 * CODEOWNERS at the merge commit's first parent), by the same policy as on the pull request.
 * A commit that no pull request merged fails with `deploy-not-merged`.
 */
export async function gateDeployment(
  source: DeploymentSource,
  options: GateOptions
): Promise<DeploymentResult> {
  const merged = await source.readMergedPullRequest(options.configPath ?? CONFIG_PATH)
  if ('notMerged' in merged) {
    const finding: PullRequestFinding = {
      rule: 'deploy-not-merged',
      severity: 'error',
      path: undefined,
      line: 1,
      message: merged.notMerged
    }
    return { sha: source.sha, pullRequest: undefined, evaluations: [], findings: [finding] }
  }
  const result = await gatePullRequest(
    {
      readPullRequest: async () => merged.pullRequest,
      readContent: request => source.readContent(request)
    },
    options
  )
  return { ...result, sha: source.sha }
}
