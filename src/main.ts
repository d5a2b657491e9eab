import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as core from '@actions/core'
import * as github from '@actions/github'
import packageJson from '../package.json' with { type: 'json' }
import { gatePullRequest } from './gate/index.js'
import { getInputs } from './inputs.js'
import { publishVerdict } from './publish/index.js'
import { JOB_SUMMARY_MAX_BYTES, toJsonReport, toText, verdictOf } from './report/index.js'
import {
  createOctokit,
  explainApiError,
  githubSource,
  pullRequestFromEvent
} from './sources/github/index.js'

/** Events whose token is read-only when the pull request comes from a fork. */
const READ_ONLY_FOR_FORKS = ['pull_request', 'pull_request_review']

/** The action: inputs in, the gate on the pull request, verdict out to GitHub and the job. */
export async function run(): Promise<void> {
  try {
    const inputs = getInputs()
    const { context } = github
    const target = pullRequestFromEvent(context.eventName, context.payload, inputs.pullRequest)
    if ('skip' in target) {
      core.info(`${target.skip} Skipping.`)
      return
    }
    const ref = { owner: context.repo.owner, repo: context.repo.repo, number: target.number }
    const octokit = createOctokit(inputs.token, core)
    const now = new Date()
    const today = now.toISOString().slice(0, 10)
    const { evaluations, findings, pullRequest } = await gatePullRequest(
      githubSource(octokit, ref, core),
      {
        configPath: inputs.configPath,
        checklists: inputs.checklists,
        today,
        warning: message => core.warning(message)
      }
    )
    const repoUrl = `${context.serverUrl}/${ref.owner}/${ref.repo}`
    const runUrl = `${repoUrl}/actions/runs/${context.runId}`
    const verdict = verdictOf(evaluations, findings, {
      heading: inputs.checkName,
      fileUrl: (path, line) => `${repoUrl}/blob/${pullRequest.headSha}/${path}#L${line}`,
      run: {
        headSha: pullRequest.headSha,
        baseSha: pullRequest.baseSha,
        time: now.toISOString(),
        runUrl
      },
      // The check run's own address is known only once it is written, in the same wave as the
      // comment; the pull request's checks page lists it with every annotation.
      detailsUrl: `${repoUrl}/pull/${ref.number}/checks`
    })

    if (evaluations.length > 0) core.info(toText(evaluations, { color: false, all: true }))
    for (const finding of findings) {
      const where = finding.path === undefined ? '' : ` (${finding.path}:${finding.line})`
      core.error(`${finding.rule}: ${finding.message}${where}`)
    }

    const reportPath = join(process.env.RUNNER_TEMP ?? process.cwd(), 'readiness-gate-report.json')
    const report = toJsonReport(
      evaluations,
      {
        toolVersion: packageJson.version,
        pullRequest: {
          number: pullRequest.number,
          headSha: pullRequest.headSha,
          baseSha: pullRequest.baseSha
        }
      },
      findings
    )
    writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`)
    core.setOutput('passed', String(verdict.passed))
    core.setOutput('errors', String(report.errors))
    core.setOutput('warnings', String(report.warnings))
    core.setOutput('report', reportPath)
    await core.summary.addRaw(verdict.markdown(JOB_SUMMARY_MAX_BYTES)).write()

    const published = await publishVerdict(octokit, ref, verdict, {
      checkName: inputs.checkName,
      reportAs: inputs.reportAs,
      comment: inputs.comment,
      sha: target.publishSha ?? pullRequest.headSha,
      baseSha: pullRequest.baseSha,
      ownComments: pullRequest.ownComments,
      detailsUrl: runUrl
    })
    if (published.checkRunUrl !== undefined) core.setOutput('check-run-url', published.checkRunUrl)
    if (published.commentUrl) core.setOutput('comment-url', published.commentUrl)

    // A fork's pull request gets a read-only token under pull_request and pull_request_review:
    // the verdict still stands in the log, the job summary and the exit code; the README shows
    // how to publish it from workflow_run.
    const readOnly =
      pullRequest.isCrossRepository && READ_ONLY_FOR_FORKS.includes(context.eventName)
    for (const message of published.failures) {
      if (readOnly) core.warning(message)
      else core.error(message)
    }
    if (!verdict.passed) core.setFailed(`Readiness gate: ${verdict.title}`)
    else if (published.failures.length > 0 && !readOnly)
      core.setFailed('The verdict could not be published: see the errors above.')
  } catch (error) {
    core.setFailed(
      explainApiError(error) ?? (error instanceof Error ? error.message : String(error))
    )
  }
}
