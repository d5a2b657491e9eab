import * as core from '@actions/core'
import { COMMENT_MODES, REPORT_AS } from './publish/index.js'
import { GATE_MODES } from './sources/github/index.js'

export interface Inputs {
  token: string
  /** The config input; undefined when empty: `.github/readiness-gate.yml`, if there is one. */
  configPath: string | undefined
  /** Globs that override the configuration's `checklists`; empty: use the configuration's. */
  checklists: string[]
  checkName: string
  comment: (typeof COMMENT_MODES)[number]
  reportAs: (typeof REPORT_AS)[number]
  /** A pull request number, for events that carry none (workflow_dispatch). */
  pullRequest: string
  /** `verify`: the deploy-time gate on the commit being deployed; `auto`: by the event. */
  mode: (typeof GATE_MODES)[number]
  /** The commit being deployed, in verify mode; empty: from the event. */
  sha: string
  /** Ask the role owners who still need to approve for a review. */
  requestReviews: boolean
}

const BOOLEANS = ['true', 'false'] as const

/** Reads every input once, checking enumerations against their one list of valid values. */
export function getInputs(): Inputs {
  return {
    token: core.getInput('token', { required: true }),
    configPath: core.getInput('config') || undefined,
    checklists: core.getMultilineInput('checklists').filter(line => !line.startsWith('#')),
    checkName: core.getInput('check-name') || 'Readiness Gate',
    comment: oneOf('comment', COMMENT_MODES, 'always'),
    reportAs: oneOf('report-as', REPORT_AS, 'check-run'),
    pullRequest: core.getInput('pull-request'),
    mode: oneOf('mode', GATE_MODES, 'auto'),
    sha: core.getInput('sha'),
    requestReviews: oneOf('request-reviews', BOOLEANS, 'false') === 'true'
  }
}

function oneOf<T extends string>(name: string, valid: readonly T[], fallback: T): T {
  const value = core.getInput(name) || fallback
  if (!(valid as readonly string[]).includes(value)) {
    throw new Error(`The ${name} input must be one of ${valid.join(', ')} (got "${value}").`)
  }
  return value as T
}
