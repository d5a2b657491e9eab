import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../src/cli.js'
import { DIRECT, MERGE, scenario } from './fixtures/release-pr.js'
import { type GitHubDouble, startGitHubDouble } from '@readiness-gate/github-double'

/*
 * `readiness-gate verify`: the deploy-time gate from a shell, in process, through the same
 * GitHub source as the action, against the loopback GitHub.
 */

let server: GitHubDouble | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function verify(argv: string[], env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(['verify', ...argv], {
    stdout: text => void (stdout += text),
    stderr: text => void (stderr += text),
    cwd: process.cwd(),
    env: {
      GITHUB_TOKEN: 'ghs_cli',
      GITHUB_REPOSITORY: 'acme/ledger',
      GITHUB_API_URL: server?.url ?? '',
      ...env
    },
    isTTY: false
  })
  return { code, stdout, stderr }
}

describe('readiness-gate verify', () => {
  it('a merge commit of a passing pull request: exit 0, the record in the JSON report', async () => {
    server = await startGitHubDouble(scenario({ merged: true }))
    const { code, stdout, stderr } = await verify(['--sha', MERGE, '--format', 'json'])
    expect(stderr).toBe('')
    expect(code, stdout).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({
      passed: true,
      signoffRecord: { mode: 'deploy', headSha: MERGE, pullRequest: { number: 7 } }
    })
    expect(server.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
  })

  it('a commit pushed straight to main: exit 1, saying so', async () => {
    server = await startGitHubDouble(scenario({ pushed: true }))
    const { code, stdout } = await verify([], { GITHUB_SHA: DIRECT })
    expect(code).toBe(1)
    expect(stdout).toMatch(/did not come through a pull request/)
  })

  it('without a token: a usage error', async () => {
    const { code, stderr } = await verify(['--sha', MERGE], { GITHUB_TOKEN: '' })
    expect(code).toBe(2)
    expect(stderr).toMatch(/set GITHUB_TOKEN/)
  })
})
