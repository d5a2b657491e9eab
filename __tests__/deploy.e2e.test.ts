import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import {
  BASE,
  DIRECT,
  EDIT,
  HEAD,
  MERGE,
  type Options,
  SIGNERS,
  filled,
  scenario,
  COUNTED_LATENCY
} from './fixtures/release-pr.js'
import type { ActionEvent, ActionRun } from '@readiness-gate/github-double'
import { findings, line, runBundle as runAction } from './helpers/bundle.js'
import type { Review } from '@readiness-gate/github-double'
import { type GitHubDouble, roundTrips, startGitHubDouble } from '@readiness-gate/github-double'
import { type GateRun, verifyOn } from './helpers/in-process.js'
import { checkRecord } from './helpers/record.js'

/*
 * The deploy-time gate (mode verify, automatic on push and deployment), the committed bundle
 * run as a process against the loopback GitHub: the release pull request merged as MERGE, or
 * a commit pushed to main without one. Which merge counts, and what authority it was under:
 * in process, through the gate's real GitHub reader against the same double.
 */

let server: GitHubDouble | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function deploy(
  options: Options,
  event: ActionEvent = 'push',
  commit = MERGE,
  inputs: Record<string, string> = {}
): Promise<ActionRun> {
  server = await startGitHubDouble(scenario({ merged: true, ...options }))
  const run = await runAction({ server, event, commit, inputs })
  const report = run.report as { passed: boolean; errors: number }
  expect(run.outputs.passed).toBe(String(report.passed))
  expect(run.exitCode).toBe(report.passed ? 0 : 1)
  expect(run.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
  // Deploy mode writes nothing to GitHub.
  expect(run.requests.filter(r => r.method !== 'GET' && r.operationId !== 'graphql')).toEqual([])
  const written = checkRecord(run)!
  expect(written.record).toMatchObject({ mode: 'deploy', headSha: commit })
  expect(run.stepSummary).toContain('### Sign-off record')
  return run
}

async function verifyInProcess(options: Options, commit = MERGE): Promise<GateRun> {
  server = await startGitHubDouble(scenario({ merged: true, ...options }))
  const run = await verifyOn(server, commit)
  expect(run.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
  return run
}

const dbaLine = line(filled, '- DBA: @carol')
const approvals = (change: (review: Review) => Review = review => review): Review[] =>
  SIGNERS.map((login, i) =>
    change({
      id: 100 + i,
      login,
      state: 'APPROVED',
      commit: HEAD,
      submittedAt: '2026-11-20T10:00:00Z'
    })
  )

describe('the deploy-time gate', () => {
  it('merged through a passing gate: passes, in 2 sequential round trips, on push', async () => {
    server = await startGitHubDouble(scenario({ merged: true, latencyMs: COUNTED_LATENCY }))
    const run = await runAction({ server, event: 'push', commit: MERGE })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.outputs).toMatchObject({ passed: 'true', sha: MERGE, 'pull-request': '7' })
    expect(roundTrips(run.requests)).toBeLessThanOrEqual(3)
    expect(run.requests.map(r => r.operationId)).toEqual(['graphql', 'graphql'])
    const { record } = checkRecord(run)!
    expect(record).toMatchObject({
      mode: 'deploy',
      headSha: MERGE,
      baseSha: BASE, // the merge commit's first parent: the base as it was when merged
      pullRequest: { number: 7, headSha: HEAD },
      verdict: { passed: true }
    })
    expect(run.stepSummary).toMatch(/Ready/)
  })

  it('on a deployment event, the deployment sha is verified', async () => {
    const run = await deploy({}, 'deployment')
    expect(run.exitCode, run.stdout).toBe(0)
    expect((run.payload as { deployment: { sha: string } }).deployment.sha).toBe(MERGE)
  })

  it('workflow_dispatch with mode verify and a sha input, of a commit pushed straight to the default branch: fails, saying so', async () => {
    const run = await deploy({ merged: false, pushed: true }, 'workflow_dispatch', DIRECT, {
      mode: 'verify',
      sha: DIRECT
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(
      /deploy-not-merged: The commit f{7} being deployed did not come through a pull request: .*pushed straight to main/
    )
    expect(run.report).toMatchObject({ passed: false, findings: [{ rule: 'deploy-not-merged' }] })
    expect(run.stepSummary).toMatch(/did not come through a pull request/)
    expect(run.outputs['pull-request']).toBeUndefined()
  })
})

describe('which merge passes the deploy-time gate', () => {
  it('a commit of the pull request that is not its merge commit: fails, naming the merge commit', async () => {
    const run = await verifyInProcess({}, HEAD)
    expect(run.passed).toBe(false)
    expect(run.title).toBe('Not ready: the commit did not come through a pull request')
    expect(run.stdout).toMatch(/is not the merge commit of a pull request: #7 \(merged as e{7}\)/)
  })

  it('merged after the checklist was edited past the last approval: fails', async () => {
    const run = await verifyInProcess({
      reviews: approvals(review => ({ ...review, commit: EDIT }))
    })
    expect(run.passed).toBe(false)
    expect(findings(run)).toContain(`signoff-stale-approval@${dbaLine}`)
  })

  it("merged while a signer's approval had been dismissed: fails", async () => {
    const run = await verifyInProcess({
      reviews: approvals(review =>
        review.login === 'carol' ? { ...review, state: 'DISMISSED' } : review
      )
    })
    expect(run.passed).toBe(false)
    expect(findings(run)).toContain(`signoff-not-approved@${dbaLine}`)
  })

  it('authority is the base as merged: a pull request that loosened CODEOWNERS gains nothing', async () => {
    const head = filled.replace('- DBA: @carol', '- DBA: @mallory')
    const run = await verifyInProcess({
      head,
      headFiles: { '.github/readiness-gate.yml': 'roles:\n  DBA: ["@mallory"]\n' },
      reviews: [
        ...approvals(),
        {
          id: 300,
          login: 'mallory',
          state: 'APPROVED',
          commit: HEAD,
          submittedAt: '2026-11-20T10:00:00Z'
        }
      ]
    })
    expect(run.passed).toBe(false)
    expect(findings(run)).toContain(`signoff-not-authorized@${dbaLine}`)
  })
})

describe("the README's deploy workflow", () => {
  it('parses, deploys to production only after the gate, and the gate needs only read access', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    const block = /```yaml\n# \.github\/workflows\/deploy\.yml\n([\s\S]*?)```/.exec(readme)
    const workflow = parseYaml(block![1]!) as {
      on: Record<string, unknown>
      permissions: Record<string, string>
      jobs: Record<string, { needs?: string; environment?: string; steps: { uses?: string }[] }>
    }
    expect(Object.keys(workflow.on)).toEqual(['push'])
    expect(workflow.permissions).toMatchObject({ contents: 'read', 'pull-requests': 'read' })
    expect(workflow.jobs.deploy).toMatchObject({ needs: 'readiness', environment: 'production' })
    expect(workflow.jobs.readiness!.steps[0]!.uses).toMatch(/readiness-gate/)
  })
})
