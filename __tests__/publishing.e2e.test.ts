import { describe, expect, it, type TestContext } from 'vitest'
import {
  type ActionRun,
  type GitHubDouble,
  type ScenarioInput,
  startGitHubDouble
} from '@readiness-gate/github-double'
import { HEAD, type Options, STICKY_MARKER, scenario } from './fixtures/release-pr.js'
import { runBundle as runAction } from './helpers/bundle.js'

/*
 * Publishing and events: the committed bundle (dist/index.js) run as GitHub runs it, against
 * the loopback GitHub, for what only a process shows. (The release PR's verdicts are in
 * action.e2e.test.ts; the file is split so that the two run side by side.)
 * The release PR is the example checklist: at base the template-like version with blanks, at
 * head the filled-in one, signed by alice…frank, who approve the head commit.
 */

/** A double of its own for each test, so that the tests run side by side (most time here is
 * spent waiting: on the child process, on a retry-after). */
async function doubleFor(test: TestContext, input: ScenarioInput): Promise<GitHubDouble> {
  const server = await startGitHubDouble(input)
  test.onTestFinished(() => server.close())
  return server
}

async function gate(
  test: TestContext,
  options: Options = {},
  inputs: Record<string, string> = {}
): Promise<ActionRun> {
  const server = await doubleFor(test, scenario(options))
  return runAction({ server, event: 'pull_request', pullNumber: 7, inputs })
}

describe.concurrent('publishing', () => {
  // What each write carries (annotations, a commit status): publish.test.ts. A re-run with
  // nothing changed leaves the comment alone: action.e2e.test.ts.
  it('two runs at once leave exactly one comment', async test => {
    const server = await doubleFor(test, scenario({ latencyMs: 20 }))
    const both = await Promise.all(
      [1, 2].map(() => runAction({ server, event: 'pull_request', pullNumber: 7 }))
    )
    expect(both.map(run => run.exitCode)).toEqual([0, 0])
    expect(server.state.pullRequests[0]!.comments).toHaveLength(1)
  })

  it("two of the gate's own sticky comments left by an interrupted run: the newest stays, updated; the other goes", async test => {
    const marker = STICKY_MARKER
    const input = scenario()
    input.pullRequests![0]!.comments = [
      { id: 9001, login: 'github-actions[bot]', body: `${marker}\nNot ready (older run)` },
      { id: 9002, login: 'github-actions[bot]', body: `${marker}\nNot ready (interrupted run)` },
      // Someone quoting the marker is not the gate: found by marker and author.
      { id: 9003, login: 'mallory', body: `${marker}\nlooks ready to me` }
    ]
    const server = await doubleFor(test, input)
    const run = await runAction({ server, event: 'pull_request', pullNumber: 7 })
    expect(run.exitCode, run.stdout).toBe(0)
    const comments = server.state.pullRequests[0]!.comments
    expect(comments.map(comment => comment.id)).toEqual([9002, 9003])
    expect(comments[0]!.body.startsWith(marker)).toBe(true)
    expect(comments[0]!.body).not.toContain('interrupted run')
    expect(run.outputs['comment-url']).toMatch(/#issuecomment-9002$/)
    expect(run.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
  })

  it('survives 500s and a secondary rate limit', async test => {
    const run = await gate(test, {
      faults: [
        { type: 'status', route: 'graphql', status: 502, times: 1 },
        {
          type: 'secondary-rate-limit',
          route: 'checks/create',
          status: 403,
          retryAfterSeconds: 1,
          times: 1
        }
      ]
    })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.state.checkRuns).toHaveLength(1)
  })

  it('a 403 on publishing names the permission to grant', async test => {
    const run = await gate(test, {
      faults: [{ type: 'status', route: 'checks/create', status: 403 }]
    })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/checks: write/)
  })

  it('on a fork pull request with a read-only token the verdict still reaches log, summary and exit code: a warning, not a failure', async test => {
    // Which events give a fork a read-only token: event.test.ts.
    const run = await gate(test, { readOnly: true, fork: true })
    expect(run.exitCode, run.stdout).toBe(0)
    expect(run.stdout).toMatch(/::warning::Could not publish the check run/)
    expect(run.stdout).not.toMatch(/::error::/)
    expect(run.stepSummary).toContain('Readiness Gate')
  })
})

describe.concurrent('events', () => {
  // Which pull request and which commit each event means: event.test.ts. Here, that the
  // bundle acts on them as the runner hands them over.
  it("merge_group: check run and status go on the queue's commit, which the queue waits on", async test => {
    const server = await doubleFor(test, scenario())
    const run = await runAction({
      server,
      event: 'merge_group',
      pullNumber: 7,
      inputs: { 'report-as': 'both' }
    })
    expect(run.exitCode, run.stdout).toBe(0)
    const queueSha = (run.payload as { merge_group: { head_sha: string } }).merge_group.head_sha
    expect(queueSha).not.toBe(HEAD)
    expect(run.state.checkRuns.at(-1)!.headSha).toBe(queueSha)
    expect(run.state.statuses.at(-1)!.sha).toBe(queueSha)
  })

  it('no pull request in the event: a clean skip', async test => {
    const server = await doubleFor(test, scenario())
    const run = await runAction({
      server,
      event: 'workflow_dispatch',
      pullNumber: 7,
      eventPayload: { inputs: { 'pull-request': '' } }
    })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/Skipping/)
    expect(run.requests).toEqual([])
  })
})
