import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { type Inputs, getInputs } from '../src/inputs.js'
import {
  deployedCommit,
  gateMode,
  hasReadOnlyToken,
  pullRequestFromEvent
} from '../src/sources/github/index.js'

/*
 * What each workflow event means to the gate: which pull request it checks and on which commit
 * it publishes, or which commit it verifies; from the fields of GitHub's webhook payloads.
 * That the bundle reads them from the runner's environment: the end-to-end tests.
 */

const HEAD = 'c'.repeat(40)
const QUEUE = 'e'.repeat(40)
const ON_MAIN = 'a'.repeat(40)

describe('the pull request an event is about', () => {
  it.each(['pull_request', 'pull_request_target', 'pull_request_review'])(
    '%s: the payload’s pull request',
    event => {
      expect(pullRequestFromEvent(event, { pull_request: { number: 7 } }, '')).toEqual({
        number: 7
      })
      expect(pullRequestFromEvent(event, {}, '')).toEqual({
        skip: `The ${event} event carries no pull request.`
      })
    }
  )

  it("merge_group: the pull request its head_ref names, published on the queue's commit", () => {
    const merge_group = {
      head_ref: `refs/heads/gh-readonly-queue/main/pr-7-${HEAD}`,
      head_sha: QUEUE
    }
    expect(pullRequestFromEvent('merge_group', { merge_group }, '')).toEqual({
      number: 7,
      publishSha: QUEUE
    })
    expect(
      pullRequestFromEvent('merge_group', { merge_group: { head_ref: 'refs/heads/main' } }, '')
    ).toMatchObject({ skip: expect.stringMatching(/names no pull request/) })
    expect(() =>
      pullRequestFromEvent('merge_group', { merge_group: { head_ref: merge_group.head_ref } }, '')
    ).toThrow(/no head_sha/)
  })

  it('workflow_dispatch: the number in its inputs, or a clean skip without one', () => {
    for (const inputs of [{ 'pull-request': '7' }, { pull_request: '#7' }, { pr: 7 }]) {
      expect(pullRequestFromEvent('workflow_dispatch', { inputs }, '')).toEqual({ number: 7 })
    }
    expect(
      pullRequestFromEvent('workflow_dispatch', { inputs: { 'pull-request': '' } }, '')
    ).toMatchObject({ skip: expect.stringMatching(/set the pull-request input/) })
    expect(() =>
      pullRequestFromEvent('workflow_dispatch', { inputs: { 'pull-request': 'seven' } }, '')
    ).toThrow('the workflow_dispatch input must be a pull request number (got "seven").')
  })

  it('the pull-request input wins over any event; another event is skipped', () => {
    expect(pullRequestFromEvent('push', {}, '8')).toEqual({ number: 8 })
    expect(pullRequestFromEvent('pull_request', { pull_request: { number: 7 } }, '#8')).toEqual({
      number: 8
    })
    expect(() => pullRequestFromEvent('push', {}, '0')).toThrow(/must be a pull request number/)
    expect(pullRequestFromEvent('schedule', {}, '')).toMatchObject({
      skip: expect.stringMatching(/not about a pull request/)
    })
  })
})

describe("a fork's token", () => {
  it('is read-only under pull_request and pull_request_review, not under pull_request_target or workflow_run', () => {
    expect(hasReadOnlyToken('pull_request', true)).toBe(true)
    expect(hasReadOnlyToken('pull_request_review', true)).toBe(true)
    expect(hasReadOnlyToken('pull_request_target', true)).toBe(false)
    expect(hasReadOnlyToken('workflow_run', true)).toBe(false)
    expect(hasReadOnlyToken('pull_request', false)).toBe(false)
  })
})

describe('the mode and the commit verified', () => {
  it('auto verifies on push and deployment events, and gates a pull request on the others', () => {
    for (const event of ['push', 'deployment', 'deployment_status'])
      expect(gateMode('auto', event)).toBe('verify')
    for (const event of ['pull_request', 'merge_group', 'workflow_dispatch'])
      expect(gateMode('auto', event)).toBe('pull-request')
    expect(gateMode('verify', 'workflow_dispatch')).toBe('verify')
    expect(gateMode('pull-request', 'push')).toBe('pull-request')
  })

  it('the sha input, else the deployment’s sha, else the pushed commit, else GITHUB_SHA', () => {
    const payload = { after: 'b'.repeat(40), deployment: { sha: 'd'.repeat(40) } }
    expect(deployedCommit('push', payload, HEAD.toUpperCase(), ON_MAIN)).toBe(HEAD)
    expect(deployedCommit('deployment', payload, '', ON_MAIN)).toBe('d'.repeat(40))
    expect(deployedCommit('deployment_status', payload, '', ON_MAIN)).toBe('d'.repeat(40))
    expect(deployedCommit('push', payload, '', ON_MAIN)).toBe('b'.repeat(40))
    expect(deployedCommit('workflow_dispatch', payload, '', ON_MAIN)).toBe(ON_MAIN)
    expect(() => deployedCommit('push', payload, 'ccccccc', ON_MAIN)).toThrow(
      /full 40-character sha \(got "ccccccc"\): set the sha input/
    )
  })
})

describe('the inputs, as the runner hands them over', () => {
  // The runner sets INPUT_<NAME> for every input, from action.yml's default when the workflow
  // leaves it out.
  const metadata = parseYaml(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as {
    inputs: Record<string, { default?: string }>
  }
  function inputsWith(given: Record<string, string>): Inputs {
    const names = Object.keys(metadata.inputs).map(name => `INPUT_${name.toUpperCase()}`)
    const saved = names.map(name => [name, process.env[name]] as const)
    try {
      for (const [name, input] of Object.entries(metadata.inputs)) {
        const value = given[name] ?? (name === 'token' ? 'ghs_token' : (input.default ?? ''))
        process.env[`INPUT_${name.toUpperCase()}`] = value
      }
      return getInputs()
    } finally {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  }

  it('request-reviews is off unless asked for', () => {
    expect(inputsWith({}).requestReviews).toBe(false)
    expect(inputsWith({ 'request-reviews': 'true' }).requestReviews).toBe(true)
    expect(() => inputsWith({ 'request-reviews': 'yes' })).toThrow(
      'The request-reviews input must be one of true, false (got "yes").'
    )
  })

  it("action.yml's defaults are the gate's defaults", () => {
    expect(inputsWith({})).toEqual({
      token: 'ghs_token',
      configPath: undefined,
      checklists: [],
      checkName: 'Readiness Gate',
      comment: 'always',
      reportAs: 'check-run',
      pullRequest: '',
      mode: 'auto',
      sha: '',
      requestReviews: false
    })
  })
})
