import { getOctokit } from '@actions/github'
import type { GitHubDouble, RecordedRequest, Violation } from '@readiness-gate/github-double'
import {
  type DeploymentResult,
  type GateResult,
  type ReviewRequest,
  gateDeployment,
  gatePullRequest
} from '../../src/gate/index.js'
import { toText, verdictOf } from '../../src/report/index.js'
import { githubSource, mergedCommitSource, type Octokit } from '../../src/sources/github/index.js'
import { PULL_NUMBER } from '../fixtures/release-pr.js'

/*
 * The gate in process, through its real GitHub readers, against the double over HTTP: for the
 * policy (which review counts, who may sign, what a rename, a base or a merge means), which
 * needs no process. What needs one (events, publishing, faults, round trips) runs the bundle
 * (helpers/bundle.ts).
 */

/** A gate run in process: the verdict, what the action would log, and the double's record. */
export interface GateRun {
  passed: boolean
  /** The verdict's title, as the check run and the job summary show it. */
  title: string
  /** Every finding as the action logs it (`path:line: error rule: message`), and warnings. */
  stdout: string
  /** The base commit the verdict was computed against (the check run's external_id). */
  baseSha: string | undefined
  /** Whom request-reviews would ask. */
  reviewRequest: ReviewRequest | undefined
  requests: RecordedRequest[]
  violations: Violation[]
}

const REPOSITORY = { owner: 'acme', repo: 'ledger' }

/** The gate on pull request `number` (default: the release PR) of acme/ledger, as the action runs it. */
export function gateOn(
  double: GitHubDouble,
  options: { config?: string; number?: number } = {}
): Promise<GateRun> {
  return gateRun(double, (octokit, warning) =>
    gatePullRequest(
      githubSource(octokit, { ...REPOSITORY, number: options.number ?? PULL_NUMBER }, { warning }),
      gateOptions(options.config, warning)
    )
  )
}

/** The deploy-time gate on commit `sha` of acme/ledger, as the action runs it in verify mode. */
export function verifyOn(double: GitHubDouble, sha: string): Promise<GateRun> {
  return gateRun(double, (octokit, warning) =>
    gateDeployment(
      mergedCommitSource(octokit, REPOSITORY, sha, { warning }),
      gateOptions(undefined, warning)
    )
  )
}

const gateOptions = (configPath: string | undefined, warning: (message: string) => void) => ({
  configPath,
  checklists: [],
  today: new Date().toISOString().slice(0, 10),
  warning
})

async function gateRun(
  double: GitHubDouble,
  gate: (
    octokit: Octokit,
    warning: (message: string) => void
  ) => Promise<GateResult | DeploymentResult>
): Promise<GateRun> {
  const firstRequest = double.requests.length
  const firstViolation = double.violations.length
  const log: string[] = []
  const octokit = getOctokit(double.state.token.value ?? 'ghs_double', { baseUrl: double.url })
  const result = await gate(octokit, message => log.push(`warning: ${message}`))
  const verdict = verdictOf(result.evaluations, result.findings, { heading: 'Readiness Gate' })
  return {
    passed: verdict.passed,
    title: verdict.title,
    stdout: [
      toText(result.evaluations, { color: false, all: true }),
      ...result.findings.map(finding => `${finding.rule}: ${finding.message}`),
      ...log
    ].join('\n'),
    baseSha: result.pullRequest?.baseSha,
    reviewRequest: result.reviewRequest,
    requests: double.requests.slice(firstRequest),
    violations: double.violations.slice(firstViolation)
  }
}
