import { type GitHubDouble, startGitHubDouble } from '@readiness-gate/github-double'
import { afterEach, describe, expect, it } from 'vitest'
import { type PublishOptions, publishVerdict } from '../src/publish/index.js'
import { type Verdict, verdictOf } from '../src/report/index.js'
import { createOctokit } from '../src/sources/github/index.js'
import { nearMiss, passingPr, rawTemplate } from './fixtures/readers.js'
import { BASE, HEAD, PULL_NUMBER, scenario } from './fixtures/release-pr.js'

/*
 * A verdict published in process, through the action's own client against the double over
 * HTTP, which holds every request to GitHub's description: what each write carries. That the
 * bundle publishes what it decided, on which commit, with which inputs, and how it fares when
 * GitHub fails: publishing.e2e.test.ts.
 */

let server: GitHubDouble | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function publish(verdict: Verdict, options: Partial<PublishOptions>) {
  server = await startGitHubDouble(scenario())
  const octokit = createOctokit(
    server.state.token.value ?? 'ghs_double',
    { warning: () => {} },
    server.url
  )
  const ref = { owner: 'acme', repo: 'ledger', number: PULL_NUMBER }
  return publishVerdict(octokit, ref, verdict, {
    checkName: 'Readiness Gate',
    reportAs: 'check-run',
    comment: 'never',
    sha: HEAD,
    baseSha: BASE,
    ownComments: [],
    detailsUrl: undefined,
    ...options
  })
}

const verdictOn = (evaluation: ReturnType<typeof passingPr>) =>
  verdictOf([evaluation], [], { heading: 'Readiness Gate' })

describe('publishing a verdict', () => {
  it('more than 50 annotations are all sent, 50 a request, as GitHub takes them', async () => {
    const verdict = verdictOn(rawTemplate())
    expect(verdict.annotations.length).toBeGreaterThan(100)
    const published = await publish(verdict, {})
    expect(published.failures).toEqual([])
    const [checkRun, ...others] = server!.state.checkRuns
    expect(others).toEqual([])
    expect(checkRun!.annotations).toEqual(verdict.annotations)
    const writes = Math.ceil(verdict.annotations.length / 50)
    expect(server!.requests.map(request => request.operationId)).toEqual([
      'checks/create',
      ...Array.from({ length: writes - 1 }, () => 'checks/update')
    ])
    // A request of more than 50 would be refused, and recorded here.
    expect(server!.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
  })

  it('as a commit status when asked: the check name is its context, and no check run is written', async () => {
    const verdict = verdictOn(passingPr())
    expect(verdict.passed).toBe(true)
    const published = await publish(verdict, { reportAs: 'status' })
    expect(published.failures).toEqual([])
    expect(server!.state.statuses).toMatchObject([
      { context: 'Readiness Gate', state: 'success', sha: HEAD }
    ])
    expect(server!.state.checkRuns).toEqual([])
    expect(server!.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
  })

  it('a review request with nobody to ask is not sent', async () => {
    const published = await publish(verdictOn(nearMiss()), {
      reviewRequest: { reviewers: [], teamReviewers: [] }
    })
    expect(published).toEqual({ failures: [], warnings: [], checkRunUrl: expect.any(String) })
    expect(server!.requests.map(request => request.operationId)).toEqual(['checks/create'])
  })
})
