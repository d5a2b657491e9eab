/**
 * What the gate needs of the workflow's event: which pull request, and the commit to publish
 * the verdict on when it is not the pull request's head (the merge queue's commit); or why
 * there is none.
 */
export type EventTarget = { number: number; publishSha?: string } | { skip: string }

interface EventPayload {
  pull_request?: { number?: number }
  after?: string
  deployment?: { sha?: string }
  merge_group?: { head_ref?: string; head_sha?: string }
  inputs?: Record<string, unknown>
}

/** `refs/heads/gh-readonly-queue/main/pr-42-<sha>`: the merge queue names the pull request. */
const MERGE_QUEUE_REF = /\/pr-(\d+)-[0-9a-f]+$/

export function pullRequestFromEvent(
  eventName: string,
  payload: EventPayload,
  pullRequestInput: string
): EventTarget {
  if (pullRequestInput.trim() !== '')
    return { number: parseNumber(pullRequestInput, 'the pull-request input') }
  switch (eventName) {
    case 'pull_request':
    case 'pull_request_target':
    case 'pull_request_review':
      if (payload.pull_request?.number) return { number: payload.pull_request.number }
      return { skip: `The ${eventName} event carries no pull request.` }
    case 'merge_group': {
      // The queue waits for the required check on its own commit, not on the PR's head.
      const match = MERGE_QUEUE_REF.exec(payload.merge_group?.head_ref ?? '')
      const sha = payload.merge_group?.head_sha
      if (!match) return { skip: 'The merge_group event names no pull request in its head_ref.' }
      if (!sha) throw new Error('The merge_group event carries no head_sha to report the check on.')
      return { number: Number(match[1]), publishSha: sha }
    }
    case 'workflow_dispatch': {
      const value =
        payload.inputs?.['pull-request'] ?? payload.inputs?.pull_request ?? payload.inputs?.pr
      if (value === undefined || value === '') {
        return {
          skip: 'workflow_dispatch needs the pull request number: set the pull-request input.'
        }
      }
      return { number: parseNumber(String(value), 'the workflow_dispatch input') }
    }
    default:
      return { skip: `The ${eventName} event is not about a pull request: nothing to check.` }
  }
}

function parseNumber(text: string, source: string): number {
  const value = Number(text.trim().replace(/^#/, ''))
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${source} must be a pull request number (got "${text}").`)
  }
  return value
}

/** Events whose token is read-only when the pull request comes from a fork. */
const READ_ONLY_FOR_FORKS = ['pull_request', 'pull_request_review']

/**
 * Whether the run's token can write nothing: GitHub gives a fork's pull request a read-only
 * token under pull_request and pull_request_review (not under pull_request_target or
 * workflow_run, which run with the base repository's token).
 */
export function hasReadOnlyToken(eventName: string, fromFork: boolean): boolean {
  return fromFork && READ_ONLY_FOR_FORKS.includes(eventName)
}

export const GATE_MODES = ['auto', 'pull-request', 'verify'] as const
export type GateMode = 'pull-request' | 'verify'

/** Events about a commit reaching a branch or an environment: `auto` verifies on them. */
const DEPLOY_EVENTS = ['push', 'deployment', 'deployment_status']

/**
 * The mode input resolved: `auto` gates a pull request on pull request events (and the merge
 * queue, workflow_dispatch), and verifies the commit being deployed on push and deployment.
 */
export function gateMode(mode: (typeof GATE_MODES)[number], eventName: string): GateMode {
  if (mode !== 'auto') return mode
  return DEPLOY_EVENTS.includes(eventName) ? 'verify' : 'pull-request'
}

/**
 * The commit being deployed: the sha input, else the deployment's sha (deployment and
 * deployment_status events), else the pushed commit (`after`), else GITHUB_SHA (what the
 * workflow runs on, for workflow_dispatch among others).
 */
export function deployedCommit(
  eventName: string,
  payload: EventPayload,
  shaInput: string,
  githubSha: string
): string {
  const given = shaInput.trim()
  const sha =
    given !== ''
      ? given
      : eventName === 'deployment' || eventName === 'deployment_status'
        ? payload.deployment?.sha
        : eventName === 'push'
          ? payload.after
          : githubSha
  if (!sha || !/^[0-9a-f]{40}$/i.test(sha)) {
    throw new Error(
      `The commit being deployed must be a full 40-character sha (got "${sha ?? ''}"): set the sha input.`
    )
  }
  return sha.toLowerCase()
}
