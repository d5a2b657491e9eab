import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck'

export type Octokit = ReturnType<typeof getOctokit>

const MAX_RATE_LIMIT_RETRIES = 3

/**
 * Octokit with retries on server errors (plugin-retry) and on rate limits, primary and
 * secondary, honouring `retry-after` (plugin-throttling).
 *
 * The throttling plugin also paces every write and GraphQL query one to three seconds apart,
 * which GitHub asks of bulk content creation. A gate run makes a handful of requests: two
 * queries (more when reviews, files, comments or team members run past a page, and the REST
 * list of files when something is renamed) and a few writes (check run, status, comment, plus
 * a check-run update for each further 50 annotations, on a first comment a listing, and a
 * delete for each duplicate sticky comment). Pacing would only add seconds to every run: the
 * write and notification groups are given no minimum spacing, while rate-limit retries stay
 * as the plugin does them.
 */
export function createOctokit(
  token: string,
  log: { warning(message: string): void },
  /** The REST API's URL; default GITHUB_API_URL, else api.github.com (@actions/github's rule). */
  baseUrl?: string
): Octokit {
  const unpaced = () => new Bottleneck.Group({ maxConcurrent: 10, minTime: 0 })
  return getOctokit(
    token,
    {
      ...(baseUrl === undefined ? {} : { baseUrl }),
      retry: { retries: 3 },
      throttle: {
        write: unpaced(),
        notifications: unpaced(),
        onRateLimit: (retryAfter, options, _octokit, retryCount) =>
          retryLater(log, 'rate limit', retryAfter, options, retryCount),
        onSecondaryRateLimit: (retryAfter, options, _octokit, retryCount) =>
          retryLater(log, 'secondary rate limit', retryAfter, options, retryCount)
      }
    },
    retry,
    throttling
  )
}

function retryLater(
  log: { warning(message: string): void },
  limit: string,
  retryAfter: number,
  options: { method: string; url: string },
  retryCount: number
): boolean {
  const again = retryCount < MAX_RATE_LIMIT_RETRIES
  log.warning(
    `GitHub's ${limit} hit on ${options.method} ${options.url}: ${again ? `retrying in ${retryAfter} s` : 'giving up'}.`
  )
  return again
}
