import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inputVariable, parseOutputFile, runAction } from '../src/index.js'
import type { ScenarioInput } from '../src/index.js'
import { startGitHubDouble } from '../src/index.js'

const HEAD = '3333333333333333333333333333333333333333'

// A throwaway action, so these tests do not depend on the real one: it reads the event the
// way an action does, calls the API with the input token and leaves outputs and a summary.
// (node:http, not fetch: loading fetch would take most of each run's time.)
const ENTRY = `
import { appendFileSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
const env = process.env
const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'))
const api = (path, body) => new Promise((resolve, reject) => {
  const headers = { authorization: 'token ' + env['INPUT_GITHUB-TOKEN'], 'content-type': 'application/json' }
  request(env.GITHUB_API_URL + path, { method: body ? 'POST' : 'GET', headers }, response => {
    let text = ''
    response.setEncoding('utf8').on('data', chunk => (text += chunk))
    response.on('end', () => resolve({ status: response.statusCode, json: () => JSON.parse(text) }))
  }).on('error', reject).end(body && JSON.stringify(body))
})
const queued = /\\/pr-(\\d+)-/.exec(event.merge_group?.head_ref ?? '')?.[1]
const number = event.pull_request?.number ?? Number(queued ?? event.inputs?.['pull-request'])
const pull = (await api('/repos/' + env.GITHUB_REPOSITORY + '/pulls/' + number)).json()
const check = await api('/repos/' + env.GITHUB_REPOSITORY + '/check-runs', {
  name: env.INPUT_NAME, head_sha: pull.head.sha, conclusion: 'success'
})
const fields = {
  event: env.GITHUB_EVENT_NAME, sha: env.GITHUB_SHA, ref: env.GITHUB_REF, head: pull.head.sha,
  check: String(check.status), checklist: env['INPUT_CHECKLIST_PATH'], review: event.review?.state ?? '',
  queue: event.merge_group?.head_ref ?? '', workspace: env.GITHUB_WORKSPACE, temp: env.RUNNER_TEMP
}
for (const [name, value] of Object.entries(fields)) appendFileSync(env.GITHUB_OUTPUT, name + '=' + value + '\\n')
appendFileSync(env.GITHUB_OUTPUT, 'report<<ghadelimiter_1\\nline one\\nline two\\nghadelimiter_1\\n')
appendFileSync(env.GITHUB_STEP_SUMMARY, '## Gate passed\\n')
console.log('checked #' + number)
process.exitCode = check.status === 201 ? 0 : 1
`

const ACTION_YML = `name: throwaway
inputs:
  github-token:
    default: \${{ github.token }}
  checklist path:
    default: docs/releases/*.md
  name:
    default: readiness-gate
runs:
  using: node24
  main: index.mjs
`

let actionDir = ''
beforeAll(async () => {
  actionDir = await mkdtemp(join(tmpdir(), 'throwaway-action-'))
  await writeFile(join(actionDir, 'index.mjs'), ENTRY)
  await writeFile(join(actionDir, 'action.yml'), ACTION_YML)
})
afterAll(async () => {
  await rm(actionDir, { recursive: true, force: true })
})

function example(): ScenarioInput {
  const url = new URL('../src/example-scenario.json', import.meta.url)
  return JSON.parse(readFileSync(url, 'utf8')) as ScenarioInput
}
const run = (options: Omit<Parameters<typeof runAction>[0], 'entry' | 'cwd'>) =>
  runAction({ ...options, entry: 'index.mjs', cwd: actionDir })

describe('runAction', () => {
  it('runs an entry like a runner: event file, INPUT_* from action.yml defaults, outputs, summary, record', async () => {
    const result = await run({ scenario: example(), event: 'pull_request' })
    expect(result.stderr).toBe('')
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toBe('checked #42\n')
    expect(result.outputs).toMatchObject({
      event: 'pull_request',
      ref: 'refs/pull/42/merge',
      head: HEAD,
      check: '201',
      checklist: 'docs/releases/*.md',
      report: 'line one\nline two'
    })
    // GITHUB_SHA is the merge commit, not the head: an action must not confuse the two.
    expect(result.outputs.sha).not.toBe(HEAD)
    expect(result.stepSummary).toBe('## Gate passed\n')
    expect(result.requests.map(request => request.operationId)).toEqual([
      'pulls/get',
      'checks/create'
    ])
    expect(result.violations).toEqual([])
    expect(result.state.checkRuns).toEqual([
      expect.objectContaining({ name: 'readiness-gate', headSha: HEAD })
    ])
  })

  it('shapes each event’s payload as GitHub does', async () => {
    const double = await startGitHubDouble(example())
    try {
      const review = await run({ server: double, event: 'pull_request_review' })
      expect(review.outputs.review).toBe('commented')
      expect(review.payload).toMatchObject({
        action: 'submitted',
        review: { user: { login: 'carol' } }
      })

      const target = await run({ server: double, event: 'pull_request_target' })
      expect(target.outputs).toMatchObject({
        sha: '1111111111111111111111111111111111111111',
        ref: 'refs/heads/main'
      })

      const queue = await run({
        server: double,
        event: 'merge_group',
        inputs: { 'checklist path': 'x.md' }
      })
      expect(queue.payload).toMatchObject({
        merge_group: { base_sha: '1111111111111111111111111111111111111111' }
      })
      expect(queue.outputs.queue).toBe(`refs/heads/gh-readonly-queue/main/pr-42-${HEAD}`)
      expect(queue.outputs.checklist).toBe('x.md')
      expect(queue.outputs.sha).toBe((queue.payload.merge_group as { head_sha: string }).head_sha)
      expect(Object.keys(double.state.commits)).toContain(queue.outputs.sha)

      const dispatch = await run({
        server: double,
        event: 'workflow_dispatch',
        eventPayload: { inputs: { 'pull-request': '42' } }
      })
      expect(dispatch.exitCode).toBe(0)
      expect(dispatch.outputs.ref).toBe('refs/heads/main')

      // Runs on one server share its state: every run's check run is still there.
      expect(double.state.checkRuns).toHaveLength(4)
      expect(double.violations).toEqual([])
    } finally {
      await double.close()
    }
  })

  it('reports a non-zero exit, e.g. when the token may not write', async () => {
    const scenario = example()
    scenario.token = { readOnly: true }
    const result = await run({ scenario, event: 'pull_request' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.check).toBe('403')
  })

  it('kills an entry that runs past its timeout', async () => {
    await writeFile(join(actionDir, 'hang.mjs'), 'setInterval(() => {}, 1000)\n')
    const result = await runAction({
      scenario: example(),
      event: 'pull_request',
      entry: 'hang.mjs',
      cwd: actionDir,
      timeoutMs: 300
    })
    expect(result).toMatchObject({ exitCode: null, timedOut: true })
  })
})

describe('runner conventions', () => {
  it('names input variables as the runner does', () => {
    expect(inputVariable('github-token')).toBe('INPUT_GITHUB-TOKEN')
    expect(inputVariable('checklist path')).toBe('INPUT_CHECKLIST_PATH')
  })

  it('parses both forms of GITHUB_OUTPUT', () => {
    const text = 'passed=false\nreport<<EOF_1\n{"a": 1}\n\nend\nEOF_1\nerrors=3\n'
    expect(parseOutputFile(text)).toEqual({
      passed: 'false',
      report: '{"a": 1}\n\nend',
      errors: '3'
    })
  })
})
