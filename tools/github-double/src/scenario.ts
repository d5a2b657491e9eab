// The scenario: everything the GitHub double knows about one repository, as plain JSON so a
// test can write it inline and the standalone server can read it from a file. The server
// works on a deep copy ("state"), so writes made by the action (check runs, comments,
// statuses) are visible to later requests without touching the caller's object.
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING'
export type UserType = 'User' | 'Bot'
export type PermissionLevel = 'none' | 'read' | 'write'
/** The GITHUB_TOKEN permission scopes the double enforces (names as in a workflow's `permissions:`). */
export type PermissionName =
  'checks' | 'contents' | 'issues' | 'members' | 'metadata' | 'pull-requests' | 'statuses'
export type CollaboratorPermission = 'read' | 'triage' | 'write' | 'maintain' | 'admin'

export interface Commit {
  /** First parent; absent or null for a root commit. */
  parent?: string | null
  message?: string
  /** Every file of the commit's tree: path → text. */
  files: Record<string, string>
}

export interface Review {
  id: number
  login: string
  state: ReviewState
  /** The commit the review was submitted on. */
  commit: string
  /** ISO 8601; absent only for PENDING reviews. */
  submittedAt?: string
  body?: string
}

export interface IssueComment {
  id: number
  login: string
  /** Defaults to 'Bot' for logins ending in `[bot]`, else 'User'. */
  userType?: UserType
  body: string
  createdAt?: string
  updatedAt?: string
}

export interface PullRequest {
  number: number
  title: string
  body?: string
  author: string
  state: 'open' | 'closed'
  draft?: boolean
  merged?: boolean
  /** The commit that merging created on the base branch (merge, squash or the last rebased one). */
  mergeCommit?: string
  /** ISO 8601; defaults to the latest review's time when merged. */
  mergedAt?: string
  base: { ref: string; sha: string }
  head: {
    ref: string
    sha: string
    /** "owner/name" of a fork; absent = same repository */ repo?: string
  }
  reviews: Review[]
  comments: IssueComment[]
  /** Logins whose review is requested and still pending (`reviewRequests`, `requested_reviewers`). */
  requestedReviewers?: string[]
  /** Slugs of teams (of the repository's organization) whose review is requested and pending. */
  requestedTeams?: string[]
  createdAt?: string
}

export interface CheckRun {
  id: number
  name: string
  headSha: string
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending'
  conclusion?: string | null
  externalId?: string | null
  detailsUrl?: string | null
  startedAt?: string | null
  completedAt?: string | null
  output?: { title?: string | null; summary?: string | null; text?: string | null }
  /** Every annotation ever sent for this run (GitHub appends them across updates). */
  annotations?: unknown[]
  /** Login of the app that created it; GitHub shows the token's app. */
  appSlug?: string
}

export interface CommitStatus {
  id: number
  sha: string
  state: 'error' | 'failure' | 'pending' | 'success'
  context: string
  description?: string | null
  targetUrl?: string | null
  creator: string
  createdAt?: string
}

interface FaultBase {
  /**
   * Which requests: an operationId (`checks/create`), `graphql`, a path glob starting with `/`
   * (`*` one segment, `**` any number), or `*` for every request.
   */
  route: string
  /** Only for this HTTP method (REST). */
  method?: string
  /** Only the first N matching requests; absent = every matching request. */
  times?: number
  /** Let the first N matching requests through untouched (a failure on a later page). */
  after?: number
}
export type Fault =
  | (FaultBase & { type: 'status'; status: 403 | 404 | 422 | 500 | 502; message?: string })
  | (FaultBase & { type: 'secondary-rate-limit'; status: 403 | 429; retryAfterSeconds: number })
  | (FaultBase & { type: 'latency'; ms: number })
  | (FaultBase & { type: 'drop' })

export interface Scenario {
  repo: {
    owner: string
    name: string
    defaultBranch: string
    private?: boolean
    ownerType?: 'Organization' | 'User'
  }
  /** sha (40 hex digits) → commit. */
  commits: Record<string, Commit>
  /** Branch name → sha. */
  branches: Record<string, string>
  pullRequests: PullRequest[]
  /** "org/slug" → member logins. */
  teams: Record<string, string[]>
  /**
   * Login → permission on the repository. `latestOpinionatedReviews(writersOnly: true)` keeps
   * reviewers with write, maintain or admin; when this is absent every reviewer is a writer.
   */
  collaborators?: Record<string, CollaboratorPermission>
  checkRuns: CheckRun[]
  statuses: CommitStatus[]
  token: {
    /** If set, only this token is accepted (else any non-empty token). */
    value?: string
    /** The identity the token acts as, e.g. `github-actions[bot]`. */
    login: string
    permissions: Partial<Record<PermissionName, PermissionLevel>>
    /** A fork pull request's token: every write is refused, whatever `permissions` says. */
    readOnly?: boolean
  }
  faults: Fault[]
  /** Latency added to every request, in ms. */
  latencyMs?: number
}

/** What a scenario file may leave out; `normalizeScenario` fills in the rest. */
export type ScenarioInput = Omit<
  Scenario,
  'pullRequests' | 'teams' | 'checkRuns' | 'statuses' | 'token' | 'faults' | 'branches'
> & {
  branches?: Record<string, string>
  pullRequests?: (Omit<PullRequest, 'reviews' | 'comments'> & {
    reviews?: Review[]
    comments?: IssueComment[]
  })[]
  teams?: Record<string, string[]>
  checkRuns?: CheckRun[]
  statuses?: CommitStatus[]
  token?: Partial<Scenario['token']>
  faults?: Fault[]
}

/** The default GITHUB_TOKEN of a `pull_request` workflow that asked for what the gate needs. */
export const DEFAULT_TOKEN: Scenario['token'] = {
  login: 'github-actions[bot]',
  permissions: {
    checks: 'write',
    contents: 'read',
    issues: 'write',
    metadata: 'read',
    'pull-requests': 'write',
    statuses: 'write',
    members: 'none'
  }
}

export class ScenarioError extends Error {
  override name = 'ScenarioError'
}

const SHA = { type: 'string', pattern: '^[0-9a-f]{40}$' }
const DATE_TIME = { type: 'string', format: 'date-time' }
const PERMISSION_LEVEL = { enum: ['none', 'read', 'write'] }

// The shape of a scenario, checked with the same validator the double uses for GitHub's
// own descriptions, so a typo in a scenario is an error that names the place.
const SCENARIO_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['repo', 'commits'],
  properties: {
    repo: {
      type: 'object',
      additionalProperties: false,
      required: ['owner', 'name', 'defaultBranch'],
      properties: {
        owner: { type: 'string', minLength: 1 },
        name: { type: 'string', minLength: 1 },
        defaultBranch: { type: 'string', minLength: 1 },
        private: { type: 'boolean' },
        ownerType: { enum: ['Organization', 'User'] }
      }
    },
    commits: {
      type: 'object',
      propertyNames: SHA,
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['files'],
        properties: {
          parent: { anyOf: [SHA, { type: 'null' }] },
          message: { type: 'string' },
          files: { type: 'object', additionalProperties: { type: 'string' } }
        }
      }
    },
    branches: { type: 'object', additionalProperties: SHA },
    pullRequests: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['number', 'title', 'author', 'state', 'base', 'head'],
        properties: {
          number: { type: 'integer', minimum: 1 },
          title: { type: 'string' },
          body: { type: 'string' },
          author: { type: 'string', minLength: 1 },
          state: { enum: ['open', 'closed'] },
          draft: { type: 'boolean' },
          merged: { type: 'boolean' },
          mergeCommit: SHA,
          mergedAt: DATE_TIME,
          createdAt: DATE_TIME,
          base: {
            type: 'object',
            additionalProperties: false,
            required: ['ref', 'sha'],
            properties: { ref: { type: 'string' }, sha: SHA }
          },
          head: {
            type: 'object',
            additionalProperties: false,
            required: ['ref', 'sha'],
            properties: {
              ref: { type: 'string' },
              sha: SHA,
              repo: { type: 'string', pattern: '^[^/]+/[^/]+$' }
            }
          },
          reviews: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'login', 'state', 'commit'],
              properties: {
                id: { type: 'integer', minimum: 1 },
                login: { type: 'string', minLength: 1 },
                state: {
                  enum: ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING']
                },
                commit: SHA,
                submittedAt: DATE_TIME,
                body: { type: 'string' }
              }
            }
          },
          comments: { type: 'array', items: { $ref: '#/$defs/issueComment' } },
          requestedReviewers: { type: 'array', items: { type: 'string', minLength: 1 } },
          requestedTeams: { type: 'array', items: { type: 'string', pattern: '^[^/]+$' } }
        }
      }
    },
    teams: {
      type: 'object',
      propertyNames: { pattern: '^[^/]+/[^/]+$' },
      additionalProperties: { type: 'array', items: { type: 'string' } }
    },
    collaborators: {
      type: 'object',
      additionalProperties: { enum: ['read', 'triage', 'write', 'maintain', 'admin'] }
    },
    checkRuns: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'headSha', 'status'],
        properties: { id: { type: 'integer' }, name: { type: 'string' }, headSha: SHA }
      }
    },
    statuses: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'sha', 'state', 'context', 'creator'],
        properties: {
          id: { type: 'integer' },
          sha: SHA,
          state: { enum: ['error', 'failure', 'pending', 'success'] }
        }
      }
    },
    token: {
      type: 'object',
      additionalProperties: false,
      properties: {
        value: { type: 'string', minLength: 1 },
        login: { type: 'string', minLength: 1 },
        readOnly: { type: 'boolean' },
        permissions: {
          type: 'object',
          additionalProperties: false,
          properties: Object.fromEntries(
            [
              'checks',
              'contents',
              'issues',
              'members',
              'metadata',
              'pull-requests',
              'statuses'
            ].map(name => [name, PERMISSION_LEVEL])
          )
        }
      }
    },
    faults: { type: 'array', items: { $ref: '#/$defs/fault' } },
    latencyMs: { type: 'number', minimum: 0 }
  },
  $defs: {
    issueComment: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'login', 'body'],
      properties: {
        id: { type: 'integer', minimum: 1 },
        login: { type: 'string', minLength: 1 },
        userType: { enum: ['User', 'Bot'] },
        body: { type: 'string' },
        createdAt: DATE_TIME,
        updatedAt: DATE_TIME
      }
    },
    fault: {
      type: 'object',
      required: ['route', 'type'],
      properties: {
        route: { type: 'string', minLength: 1 },
        method: { type: 'string' },
        times: { type: 'integer', minimum: 1 },
        after: { type: 'integer', minimum: 0 },
        type: { enum: ['status', 'secondary-rate-limit', 'latency', 'drop'] }
      },
      allOf: [
        {
          if: { properties: { type: { const: 'status' } } },
          then: {
            required: ['status'],
            properties: { status: { enum: [403, 404, 422, 500, 502] }, message: { type: 'string' } }
          }
        },
        {
          if: { properties: { type: { const: 'secondary-rate-limit' } } },
          then: {
            required: ['status', 'retryAfterSeconds'],
            properties: {
              status: { enum: [403, 429] },
              retryAfterSeconds: { type: 'integer', minimum: 0 }
            }
          }
        },
        {
          if: { properties: { type: { const: 'latency' } } },
          then: { required: ['ms'], properties: { ms: { type: 'number', minimum: 0 } } }
        }
      ]
    }
  }
}

let validateShape: ReturnType<Ajv['compile']> | undefined

/**
 * Checks a scenario's shape and its cross-references (every sha named exists as a commit)
 * and fills in defaults. Throws a ScenarioError that lists every problem found.
 */
export function normalizeScenario(input: unknown): Scenario {
  if (validateShape === undefined) {
    const ajv = new Ajv({ allErrors: true, strict: false })
    // Only date-time is used; checking it by hand avoids a second ajv-formats instance here.
    ajv.addFormat('date-time', value => !Number.isNaN(Date.parse(value)))
    validateShape = ajv.compile(SCENARIO_SCHEMA)
  }
  if (!validateShape(input)) {
    const problems = (validateShape.errors ?? []).map(
      error => `scenario${error.instancePath.replaceAll('/', '.')} ${error.message ?? 'is invalid'}`
    )
    throw new ScenarioError(`invalid scenario:\n- ${problems.join('\n- ')}`)
  }
  const given = structuredClone(input) as ScenarioInput
  const scenario: Scenario = {
    ...given,
    branches: given.branches ?? {},
    pullRequests: (given.pullRequests ?? []).map(pull => ({
      ...pull,
      reviews: pull.reviews ?? [],
      comments: pull.comments ?? []
    })),
    teams: given.teams ?? {},
    checkRuns: given.checkRuns ?? [],
    statuses: given.statuses ?? [],
    token: {
      ...DEFAULT_TOKEN,
      ...given.token,
      permissions: { ...DEFAULT_TOKEN.permissions, ...given.token?.permissions }
    },
    faults: given.faults ?? []
  }
  const problems = crossReferenceProblems(scenario)
  if (problems.length > 0) throw new ScenarioError(`invalid scenario:\n- ${problems.join('\n- ')}`)
  return scenario
}

function crossReferenceProblems(scenario: Scenario): string[] {
  const problems: string[] = []
  const known = (sha: string | null | undefined, where: string) => {
    if (sha != null && !(sha in scenario.commits)) problems.push(`${where}: no commit ${sha}`)
  }
  for (const [sha, commit] of Object.entries(scenario.commits))
    known(commit.parent, `commit ${sha} parent`)
  for (const [name, sha] of Object.entries(scenario.branches)) known(sha, `branch ${name}`)
  const numbers = new Set<number>()
  for (const pull of scenario.pullRequests) {
    if (numbers.has(pull.number)) problems.push(`pull request #${pull.number} appears twice`)
    numbers.add(pull.number)
    known(pull.base.sha, `pull request #${pull.number} base`)
    known(pull.head.sha, `pull request #${pull.number} head`)
    known(pull.mergeCommit, `pull request #${pull.number} mergeCommit`)
    if ((pull.merged === true) !== (pull.mergeCommit !== undefined)) {
      problems.push(
        `pull request #${pull.number}: a merged pull request has a mergeCommit, and only one`
      )
    }
    if (pull.merged === true && pull.state !== 'closed') {
      problems.push(`pull request #${pull.number}: a merged pull request is closed`)
    }
    for (const review of pull.reviews) {
      known(review.commit, `review ${review.id} of #${pull.number}`)
      if (review.state !== 'PENDING' && review.submittedAt === undefined) {
        problems.push(
          `review ${review.id} of #${pull.number}: submittedAt is required unless PENDING`
        )
      }
    }
  }
  return problems
}

/** Reads and normalizes a scenario file (JSON). */
export function loadScenarioFile(path: string): Scenario {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new ScenarioError(`cannot read scenario ${path}: ${(error as Error).message}`)
  }
  return normalizeScenario(parsed)
}

/** A user's REST `type`: GitHub Apps act as bots whose login ends in `[bot]`. */
export function userTypeOf(login: string): UserType {
  return login.endsWith('[bot]') ? 'Bot' : 'User'
}
