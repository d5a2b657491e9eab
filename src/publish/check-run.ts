import { type Annotation, chunk } from '../report/index.js'
import type { Octokit } from '../sources/github/index.js'
import type { PullRequestRef } from '../sources/snapshot.js'

export interface CheckRunInput {
  name: string
  headSha: string
  /**
   * The base commit whose configuration, CODEOWNERS and base checklists the verdict used: kept
   * as the run's `external_id`, so that the run shows what it was computed against.
   */
  baseSha: string
  passed: boolean
  title: string
  summary: string
  annotations: readonly Annotation[]
  detailsUrl: string | undefined
}

/**
 * A completed check run on the head commit. GitHub takes at most 50 annotations a request, so
 * the rest follow in updates of the same run, which GitHub appends.
 */
export async function publishCheckRun(
  octokit: Octokit,
  ref: PullRequestRef,
  input: CheckRunInput
): Promise<string> {
  const [first = [], ...rest] = chunk(input.annotations)
  const output = { title: input.title, summary: input.summary }
  const { data } = await octokit.rest.checks.create({
    owner: ref.owner,
    repo: ref.repo,
    name: input.name,
    head_sha: input.headSha,
    external_id: input.baseSha,
    status: 'completed',
    conclusion: input.passed ? 'success' : 'failure',
    ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
    output: { ...output, annotations: [...first] }
  })
  for (const annotations of rest) {
    await octokit.rest.checks.update({
      owner: ref.owner,
      repo: ref.repo,
      check_run_id: data.id,
      output: { ...output, annotations: [...annotations] }
    })
  }
  return data.html_url ?? ''
}
