import { closeSync, openSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as core from '@actions/core'
import * as github from '@actions/github'
import packageJson from '../package.json' with { type: 'json' }
import { CONFIG_PATH } from './config/index.js'
import { type Evidence, gateDeployment, gatePullRequest } from './gate/index.js'
import { getInputs, type Inputs } from './inputs.js'
import { publishVerdict, signoffRecordOf, writeRecordFiles } from './publish/index.js'
import {
  JOB_SUMMARY_MAX_BYTES,
  recordMarkdown,
  type SignoffRecord,
  toJsonReport,
  toText,
  type Verdict,
  verdictOf,
  writeJson
} from './report/index.js'
import type { Evaluation, PullRequestFinding } from './rules/types.js'
import {
  createOctokit,
  deployedCommit,
  explainApiError,
  gateMode,
  githubSource,
  hasReadOnlyToken,
  mergedCommitSource,
  pullRequestFromEvent
} from './sources/github/index.js'
import type { PullRequestSnapshot } from './sources/snapshot.js'

/** The action: inputs in, the gate on the pull request (or on the commit being deployed), verdict out. */
export async function run(): Promise<void> {
  try {
    const inputs = getInputs()
    if (gateMode(inputs.mode, github.context.eventName) === 'verify') await verify(inputs)
    else await gate(inputs)
  } catch (error) {
    core.setFailed(
      explainApiError(error) ?? (error instanceof Error ? error.message : String(error))
    )
  }
}

/** The gate on a pull request: published as a check run (or status) and a sticky comment. */
async function gate(inputs: Inputs): Promise<void> {
  const { context } = github
  const target = pullRequestFromEvent(context.eventName, context.payload, inputs.pullRequest)
  if ('skip' in target) {
    core.info(`${target.skip} Skipping.`)
    return
  }
  const ref = { owner: context.repo.owner, repo: context.repo.repo, number: target.number }
  const octokit = createOctokit(inputs.token, core)
  const result = await gatePullRequest(githubSource(octokit, ref, core), {
    ...gateOptions(inputs),
    owner: ref.owner
  })
  const { evaluations, findings, pullRequest } = result
  const verdict = verdictFor(inputs, evaluations, findings, {
    headSha: pullRequest.headSha,
    baseSha: pullRequest.baseSha,
    checksUrl: `${context.serverUrl}/${ref.owner}/${ref.repo}/pull/${ref.number}/checks`
  })
  const record = recordFor(
    'pull-request',
    inputs,
    verdict,
    evaluations,
    pullRequest,
    result.evidence
  )
  writeOutputs(evaluations, findings, verdict, record, pullRequest)
  await core.summary.addRaw(verdict.markdown(JOB_SUMMARY_MAX_BYTES)).write()

  const repoUrl = `${context.serverUrl}/${ref.owner}/${ref.repo}`
  const published = await publishVerdict(octokit, ref, verdict, {
    checkName: inputs.checkName,
    reportAs: inputs.reportAs,
    comment: inputs.comment,
    sha: target.publishSha ?? pullRequest.headSha,
    baseSha: pullRequest.baseSha,
    ownComments: pullRequest.ownComments,
    detailsUrl: `${repoUrl}/actions/runs/${context.runId}`,
    ...(inputs.requestReviews && result.reviewRequest
      ? { reviewRequest: result.reviewRequest }
      : {})
  })
  if (published.checkRunUrl !== undefined) core.setOutput('check-run-url', published.checkRunUrl)
  if (published.commentUrl) core.setOutput('comment-url', published.commentUrl)

  // With a fork's read-only token the verdict still stands in the log, the job summary and
  // the exit code; the README shows how to publish it from workflow_run.
  const readOnly = hasReadOnlyToken(context.eventName, pullRequest.isCrossRepository)
  for (const message of published.warnings) core.warning(message)
  if (published.requested) {
    const { reviewers, teamReviewers } = published.requested
    core.info(
      `Requested reviews from ${[...reviewers, ...teamReviewers.map(slug => `${ref.owner}/${slug}`)].join(', ')}.`
    )
  }
  for (const message of published.failures) {
    if (readOnly) core.warning(message)
    else core.error(message)
  }
  if (!verdict.passed) core.setFailed(`Readiness gate: ${verdict.title}`)
  else if (published.failures.length > 0 && !readOnly)
    core.setFailed('The verdict could not be published: see the errors above.')
}

/**
 * The deploy-time gate: the pull request that merged the commit being deployed, evaluated
 * again as merged. Nothing is written to GitHub: the verdict and the sign-off record go to the
 * job summary, the outputs and the exit code, which fails the deployment job.
 */
async function verify(inputs: Inputs): Promise<void> {
  const { context } = github
  const sha = deployedCommit(context.eventName, context.payload, inputs.sha, context.sha)
  const repo = { owner: context.repo.owner, repo: context.repo.repo }
  const octokit = createOctokit(inputs.token, core)
  const result = await gateDeployment(
    mergedCommitSource(octokit, repo, sha, core),
    gateOptions(inputs)
  )
  const { evaluations, findings, pullRequest } = result
  const verdict = verdictFor(inputs, evaluations, findings, {
    headSha: sha,
    baseSha: pullRequest?.baseSha
  })
  const record = recordFor(
    'deploy',
    inputs,
    verdict,
    evaluations,
    pullRequest,
    result.evidence,
    sha
  )
  writeOutputs(evaluations, findings, verdict, record, pullRequest, sha)
  core.setOutput('sha', sha)
  if (pullRequest) core.setOutput('pull-request', String(pullRequest.number))
  await core.summary
    .addRaw(verdict.markdown(JOB_SUMMARY_MAX_BYTES - 16_384))
    .addRaw(`\n${recordMarkdown(record)}`)
    .write()
  if (!verdict.passed) {
    core.setFailed(
      `Readiness gate at deploy time: ${verdict.title}${pullRequest ? ` (pull request #${pullRequest.number}, merged as ${sha.slice(0, 7)})` : ''}`
    )
  }
}

function gateOptions(inputs: Inputs) {
  return {
    configPath: inputs.configPath,
    checklists: inputs.checklists,
    today: new Date().toISOString().slice(0, 10),
    warning: (message: string) => core.warning(message)
  }
}

/**
 * The verdict for the commits evaluated: `headSha` (the pull request's head, or the merge
 * commit being deployed) against `baseSha`; `checksUrl` lists the check run, when one is written.
 */
function verdictFor(
  inputs: Inputs,
  evaluations: Evaluation[],
  findings: PullRequestFinding[],
  commits: { headSha: string; baseSha: string | undefined; checksUrl?: string }
): Verdict {
  const { context } = github
  const repoUrl = `${context.serverUrl}/${context.repo.owner}/${context.repo.repo}`
  const runUrl = `${repoUrl}/actions/runs/${context.runId}`
  const verdict = verdictOf(evaluations, findings, {
    heading: inputs.checkName,
    fileUrl: (path, line) => `${repoUrl}/blob/${commits.headSha}/${path}#L${line}`,
    run: {
      headSha: commits.headSha,
      baseSha: commits.baseSha,
      time: new Date().toISOString(),
      runUrl
    },
    // The check run's own address is known only once it is written, in the same wave as the
    // comment; the pull request's checks page lists it with every annotation.
    detailsUrl: commits.checksUrl ?? runUrl
  })
  if (evaluations.length > 0) core.info(toText(evaluations, { color: false, all: true }))
  for (const finding of findings) {
    const where = finding.path === undefined ? '' : ` (${finding.path}:${finding.line})`
    core.error(`${finding.rule}: ${finding.message}${where}`)
  }
  return verdict
}

function recordFor(
  mode: SignoffRecord['mode'],
  inputs: Inputs,
  verdict: Verdict,
  evaluations: readonly Evaluation[],
  pullRequest: PullRequestSnapshot | undefined,
  evidence: Evidence | undefined,
  sha: string = pullRequest?.headSha ?? ''
): SignoffRecord {
  const { context } = github
  return signoffRecordOf({
    mode,
    toolVersion: packageJson.version,
    repository: `${context.repo.owner}/${context.repo.repo}`,
    configPath: inputs.configPath ?? CONFIG_PATH,
    verdict: { passed: verdict.passed, title: verdict.title },
    evaluations,
    pullRequest,
    evidence,
    sha
  })
}

/** The JSON report, the sign-off record and its in-toto Statement, as files and outputs. */
function writeOutputs(
  evaluations: Evaluation[],
  findings: PullRequestFinding[],
  verdict: Verdict,
  record: SignoffRecord,
  pullRequest: PullRequestSnapshot | undefined,
  sha: string | undefined = pullRequest?.headSha
): void {
  const dir = process.env.RUNNER_TEMP ?? process.cwd()
  const reportPath = join(dir, 'readiness-gate-report.json')
  const report = toJsonReport(
    evaluations,
    {
      toolVersion: packageJson.version,
      ...(pullRequest && sha
        ? {
            pullRequest: { number: pullRequest.number, headSha: sha, baseSha: pullRequest.baseSha }
          }
        : {}),
      signoffRecord: record
    },
    findings
  )
  const file = openSync(reportPath, 'w')
  try {
    writeJson(report, chunk => writeFileSync(file, chunk))
  } finally {
    closeSync(file)
  }
  const files = writeRecordFiles(dir, record, github.context.serverUrl)
  core.setOutput('passed', String(verdict.passed))
  core.setOutput('errors', String(report.errors))
  core.setOutput('warnings', String(report.warnings))
  core.setOutput('report', reportPath)
  core.setOutput('record', files.record)
  core.setOutput('statement', files.statement)
}
