// Runs an action entry point (by default the committed bundle, dist/index.js) the way a
// GitHub-hosted runner does: a child `node` process with the runner's environment, an event
// payload file, INPUT_* variables, and the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, all
// pointed at a GitHub double.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { checkAgainstComponent } from './openapi.js'
import { blobSha } from './repo-model.js'
import { userJson, repositoryJson } from './rest/index.js'
import type { PullRequest, Scenario, ScenarioInput } from './scenario.js'
import {
  startGitHubDouble,
  type GitHubDouble,
  type RecordedRequest,
  type Violation
} from './server.js'

export type ActionEvent =
  | 'pull_request'
  | 'pull_request_review'
  | 'pull_request_target'
  | 'merge_group'
  | 'workflow_dispatch'
  | 'push'
  | 'deployment'

export interface RunActionOptions {
  /** A scenario to start a double for (closed after the run), or a running double. */
  scenario?: Scenario | ScenarioInput
  server?: GitHubDouble
  event: ActionEvent
  /** Which pull request the event is about; default: the scenario's first. */
  pullNumber?: number
  /**
   * push and deployment: the commit pushed or deployed (`after`, `deployment.sha`, GITHUB_SHA);
   * default: the tip of the default branch.
   */
  commit?: string
  /** Deep-merged over the generated webhook payload. */
  eventPayload?: Record<string, unknown>
  /** Action inputs by their action.yml names; they become INPUT_* variables. */
  inputs?: Record<string, string>
  /** Extra environment variables, applied last. */
  env?: Record<string, string>
  /** Default: dist/index.js (relative to cwd). */
  entry?: string
  /**
   * The action's metadata, whose input defaults the runner turns into INPUT_* variables
   * (`${{ github.token }}` becomes the token). Default: action.yml in cwd, when present.
   */
  actionYml?: string
  cwd?: string
  /** Default: 30 s. The child is killed when it runs longer. */
  timeoutMs?: number
  /** The workflow's token (`github.token`); default: the scenario's, else `ghs_double`. */
  token?: string
}

export interface ActionRun {
  /** null when the process was killed (see timedOut). */
  exitCode: number | null
  timedOut: boolean
  stdout: string
  stderr: string
  /** Parsed from GITHUB_OUTPUT (both `name=value` and `name<<delimiter` forms). */
  outputs: Record<string, string>
  stepSummary: string
  /** Requests the double received during this run only. */
  requests: RecordedRequest[]
  violations: Violation[]
  state: Scenario
  /** The payload written to GITHUB_EVENT_PATH. */
  payload: Record<string, unknown>
  /** The JSON report the gate wrote in RUNNER_TEMP, parsed; undefined when none. */
  report: unknown
  /** The sign-off record and its in-toto Statement (the `record` and `statement` outputs), parsed. */
  record: unknown
  statement: unknown
}

/** The runner's variable for an input: upper case, spaces to `_`, dashes kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  if ((options.scenario === undefined) === (options.server === undefined)) {
    throw new Error('runAction needs exactly one of `scenario` and `server`')
  }
  const double = options.server ?? (await startGitHubDouble(options.scenario as ScenarioInput))
  const firstRequest = double.requests.length
  const firstViolation = double.violations.length
  const home = await mkdtemp(join(tmpdir(), 'readiness-gate-run-'))
  try {
    const files = {
      event: join(home, 'event.json'),
      output: join(home, 'output'),
      summary: join(home, 'step_summary'),
      state: join(home, 'state'),
      env: join(home, 'env'),
      path: join(home, 'path'),
      workspace: join(home, 'workspace'),
      temp: join(home, 'runner_temp')
    }
    await Promise.all([mkdir(files.workspace), mkdir(files.temp)])
    await Promise.all(
      [files.output, files.summary, files.state, files.env, files.path].map(file =>
        writeFile(file, '')
      )
    )
    const { payload, sha, ref } = eventPayload(double, options)
    await writeFile(files.event, JSON.stringify(payload, null, 2))

    const { state } = double
    const repository = `${state.repo.owner}/${state.repo.name}`
    const env: Record<string, string> = {
      ...inheritedEnvironment(),
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_API_URL: double.url,
      GITHUB_GRAPHQL_URL: double.graphqlUrl,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: repository,
      GITHUB_REPOSITORY_OWNER: state.repo.owner,
      GITHUB_REPOSITORY_ID: '1',
      GITHUB_EVENT_NAME: options.event,
      GITHUB_EVENT_PATH: files.event,
      GITHUB_SHA: sha,
      GITHUB_REF: ref,
      GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags)\//, ''),
      GITHUB_HEAD_REF: String(
        (payload.pull_request as { head?: { ref?: string } } | undefined)?.head?.ref ?? ''
      ),
      GITHUB_BASE_REF: String(
        (payload.pull_request as { base?: { ref?: string } } | undefined)?.base?.ref ?? ''
      ),
      GITHUB_WORKFLOW: 'Readiness gate',
      GITHUB_WORKFLOW_REF: `${repository}/.github/workflows/readiness-gate.yml@${ref}`,
      GITHUB_RUN_ID: '1234567890',
      GITHUB_RUN_NUMBER: '1',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'gate',
      GITHUB_ACTION: '__run',
      GITHUB_ACTOR: String(
        (payload.sender as { login?: string } | undefined)?.login ?? state.repo.owner
      ),
      GITHUB_TRIGGERING_ACTOR: String(
        (payload.sender as { login?: string } | undefined)?.login ?? state.repo.owner
      ),
      GITHUB_WORKSPACE: files.workspace,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_STATE: files.state,
      GITHUB_ENV: files.env,
      GITHUB_PATH: files.path,
      RUNNER_TEMP: files.temp,
      RUNNER_OS: 'Linux',
      RUNNER_ARCH: 'X64',
      RUNNER_NAME: 'GitHub Actions 1',
      RUNNER_ENVIRONMENT: 'github-hosted',
      ...Object.fromEntries(
        Object.entries({
          ...(await inputDefaults(options, options.token ?? state.token.value ?? 'ghs_double')),
          ...options.inputs
        }).map(([name, value]) => [inputVariable(name), value])
      ),
      ...options.env
    }

    const entry = resolve(options.cwd ?? process.cwd(), options.entry ?? 'dist/index.js')
    const child = await runNode(
      entry,
      options.cwd ?? process.cwd(),
      env,
      options.timeoutMs ?? 30_000
    )
    const outputs = parseOutputFile(await readFile(files.output, 'utf8'))
    // An output that names no file (a test entry's free text) is no report.
    const json = async (path: string | undefined) =>
      path === undefined || !existsSync(path)
        ? undefined
        : (JSON.parse(await readFile(path, 'utf8')) as unknown)
    return {
      ...child,
      outputs,
      report: await json(outputs.report),
      record: await json(outputs.record),
      statement: await json(outputs.statement),
      stepSummary: await readFile(files.summary, 'utf8'),
      requests: double.requests.slice(firstRequest),
      violations: double.violations.slice(firstViolation),
      state: double.state,
      payload
    }
  } finally {
    await rm(home, { recursive: true, force: true })
    if (options.server === undefined) await double.close()
  }
}

/** What the runner sets for inputs the workflow leaves out: the defaults in action.yml. */
async function inputDefaults(
  options: RunActionOptions,
  token: string
): Promise<Record<string, string>> {
  const path = options.actionYml ?? join(options.cwd ?? process.cwd(), 'action.yml')
  if (options.actionYml === undefined && !existsSync(path)) return {}
  const metadata = parseYaml(await readFile(path, 'utf8')) as {
    inputs?: Record<string, { default?: unknown }>
  }
  const defaults: Record<string, string> = {}
  for (const [name, input] of Object.entries(metadata.inputs ?? {})) {
    if (input.default === undefined || options.inputs?.[name] !== undefined) continue
    const value = String(input.default)
    const expression = /\$\{\{\s*(.*?)\s*\}\}/.exec(value)?.[1]
    if (expression === undefined) defaults[name] = value
    else if (expression === 'github.token' || expression === 'secrets.GITHUB_TOKEN')
      defaults[name] = token
    else {
      throw new Error(
        `runAction cannot evaluate \`\${{ ${expression} }}\` (default of input ${name} in ${path}); pass the input`
      )
    }
  }
  return defaults
}

/** The parent's environment without anything a real runner would set differently. */
function inheritedEnvironment(): Record<string, string> {
  const runnerVariable = /^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !runnerVariable.test(entry[0])
    )
  )
}

function runNode(
  entry: string,
  cwd: string,
  env: Record<string, string>,
  timeoutMs: number
): Promise<{ exitCode: number | null; timedOut: boolean; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [entry], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let timedOut = false
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('error', error => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', code => {
      clearTimeout(timer)
      resolvePromise({ exitCode: code, timedOut, stdout, stderr })
    })
  })
}

/**
 * Reads a GITHUB_OUTPUT file: `name=value` lines and multi-line `name<<DELIMITER` blocks
 * (what @actions/core writes).
 */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? ''
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc !== null) {
      const [, name = '', delimiter] = heredoc
      const value: string[] = []
      for (index += 1; index < lines.length && lines[index] !== delimiter; index += 1)
        value.push(lines[index] ?? '')
      outputs[name] = value.join('\n')
      continue
    }
    const equals = line.indexOf('=')
    if (equals > 0) outputs[line.slice(0, equals)] = line.slice(equals + 1)
  }
  return outputs
}

// ---- event payloads, shaped like GitHub's webhook payloads ----

function eventPayload(
  double: GitHubDouble,
  options: RunActionOptions
): { payload: Record<string, unknown>; sha: string; ref: string } {
  const { state } = double
  const pull =
    options.pullNumber === undefined
      ? state.pullRequests[0]
      : state.pullRequests.find(candidate => candidate.number === options.pullNumber)
  if (pull === undefined && !EVENTS_WITHOUT_PULL.includes(options.event)) {
    throw new Error(`a ${options.event} event needs a pull request in the scenario`)
  }
  const repository = repositoryJson(state, double.url)
  const sender = userJson(double.url, pull?.author ?? state.repo.owner)
  const defaultSha = state.branches[state.repo.defaultBranch] ?? Object.keys(state.commits)[0] ?? ''
  const common = { repository, sender, organization: { login: state.repo.owner } }
  let generated: Record<string, unknown>
  let sha: string
  let ref: string
  switch (options.event) {
    case 'pull_request':
    case 'pull_request_target': {
      const target = pull as PullRequest
      generated = {
        action: 'synchronize',
        number: target.number,
        pull_request: pullPayload(double, target),
        ...common
      }
      // pull_request runs on the merge ref's merge commit, which the scenario does not hold:
      // an action must use the pull request's head sha, not GITHUB_SHA. pull_request_target
      // runs on the base branch.
      sha =
        options.event === 'pull_request'
          ? mergeCommitSha(target)
          : (state.branches[target.base.ref] ?? target.base.sha)
      ref =
        options.event === 'pull_request'
          ? `refs/pull/${target.number}/merge`
          : `refs/heads/${target.base.ref}`
      break
    }
    case 'pull_request_review': {
      const target = pull as PullRequest
      const review = [...target.reviews].reverse().find(candidate => candidate.state !== 'PENDING')
      generated = {
        action: 'submitted',
        review: review && {
          id: review.id,
          node_id: `PRR_${review.id}`,
          user: userJson(double.url, review.login),
          body: review.body ?? null,
          commit_id: review.commit,
          submitted_at: review.submittedAt,
          // Webhook payloads spell review states in lower case.
          state: review.state.toLowerCase(),
          html_url: `https://github.com/${state.repo.owner}/${state.repo.name}/pull/${target.number}#pullrequestreview-${review.id}`,
          author_association: 'COLLABORATOR'
        },
        pull_request: pullPayload(double, target),
        ...common,
        sender: userJson(double.url, review?.login ?? target.author)
      }
      sha = mergeCommitSha(target)
      ref = `refs/pull/${target.number}/merge`
      break
    }
    case 'merge_group': {
      const target = pull as PullRequest
      // The queue tests a new commit: base plus the pull request's changes. The double adds
      // it to the scenario (as GitHub creates it) so its files can be read.
      const headSha = mergeCommitSha(target)
      state.commits[headSha] ??= {
        parent: target.base.sha,
        message: `Merge pull request #${target.number} into ${target.base.ref} (merge queue)`,
        files: { ...state.commits[target.head.sha]?.files }
      }
      const headRef = `refs/heads/gh-readonly-queue/${target.base.ref}/pr-${target.number}-${target.head.sha}`
      generated = {
        action: 'checks_requested',
        merge_group: {
          head_sha: headSha,
          head_ref: headRef,
          base_sha: target.base.sha,
          base_ref: `refs/heads/${target.base.ref}`,
          head_commit: {
            id: headSha,
            tree_id: headSha,
            message: state.commits[headSha]?.message ?? '',
            timestamp: '2026-01-01T00:00:00Z'
          }
        },
        ...common
      }
      sha = headSha
      ref = headRef
      break
    }
    case 'push':
    case 'deployment': {
      const commit = options.commit ?? defaultSha
      const branch = state.repo.defaultBranch
      generated =
        options.event === 'push'
          ? pushPayload(double, commit, branch)
          : deploymentPayload(double, commit, branch)
      // Held to GitHub's description of the webhook, like every REST answer of the double.
      const component = options.event === 'push' ? 'webhook-push' : 'webhook-deployment-created'
      const problems = checkAgainstComponent(component, generated)
      if (problems.length > 0) throw new Error(`${component} payload: ${problems.join('; ')}`)
      generated = { ...generated, organization: common.organization }
      sha = commit
      ref = `refs/heads/${branch}`
      break
    }
    case 'workflow_dispatch': {
      generated = {
        inputs: { 'pull-request': String(pull?.number ?? ''), ...options.inputs },
        ref: `refs/heads/${state.repo.defaultBranch}`,
        workflow: '.github/workflows/readiness-gate.yml',
        ...common
      }
      sha = defaultSha
      ref = `refs/heads/${state.repo.defaultBranch}`
      break
    }
  }
  const payload = deepMerge(generated, options.eventPayload ?? {})
  return { payload, sha, ref }
}

const EVENTS_WITHOUT_PULL: ActionEvent[] = ['workflow_dispatch', 'push', 'deployment']

/** A `push` webhook payload (webhook-push in GitHub's description): `commit` pushed to `branch`. */
export function pushPayload(
  double: GitHubDouble,
  commit: string,
  branch: string
): Record<string, unknown> {
  const { state } = double
  const own = `${state.repo.owner}/${state.repo.name}`
  const parent = state.commits[commit]?.parent ?? '0'.repeat(40)
  const message = state.commits[commit]?.message ?? `Commit ${commit.slice(0, 7)}`
  const person = { name: state.repo.owner, email: `${state.repo.owner}@users.noreply.github.com` }
  const pushed = {
    id: commit,
    tree_id: blobSha(`tree:${commit}:`),
    distinct: true,
    message,
    timestamp: '2026-11-21T10:00:00Z',
    url: `https://github.com/${own}/commit/${commit}`,
    author: { ...person, username: state.repo.owner },
    committer: { ...person, username: state.repo.owner },
    added: [],
    removed: [],
    modified: []
  }
  return {
    ref: `refs/heads/${branch}`,
    before: parent,
    after: commit,
    base_ref: null,
    created: false,
    deleted: false,
    forced: false,
    compare: `https://github.com/${own}/compare/${parent.slice(0, 12)}...${commit.slice(0, 12)}`,
    commits: [pushed],
    head_commit: pushed,
    pusher: person,
    repository: pushRepositoryJson(double),
    sender: userJson(double.url, state.repo.owner)
  }
}

/** A `deployment` webhook payload (webhook-deployment-created): `commit` to production. */
export function deploymentPayload(
  double: GitHubDouble,
  commit: string,
  branch: string
): Record<string, unknown> {
  const { state } = double
  const own = `${state.repo.owner}/${state.repo.name}`
  const id = 4242
  return {
    action: 'created',
    deployment: {
      url: `${double.url}/repos/${own}/deployments/${id}`,
      id,
      node_id: `DE_${id}`,
      sha: commit,
      ref: branch,
      task: 'deploy',
      payload: {},
      original_environment: 'production',
      environment: 'production',
      description: null,
      creator: userJson(double.url, state.repo.owner),
      created_at: '2026-11-21T10:00:00Z',
      updated_at: '2026-11-21T10:00:00Z',
      statuses_url: `${double.url}/repos/${own}/deployments/${id}/statuses`,
      repository_url: `${double.url}/repos/${own}`,
      transient_environment: false,
      production_environment: true
    },
    workflow: null,
    workflow_run: null,
    repository: repositoryJson(state, double.url),
    sender: userJson(double.url, state.repo.owner)
  }
}

/** A push payload's repository: GitHub gives its times as Unix seconds there, and a few more fields. */
function pushRepositoryJson(double: GitHubDouble): Record<string, unknown> {
  const repository = repositoryJson(double.state, double.url) as Record<string, unknown>
  return {
    ...repository,
    created_at: 1_767_225_600,
    pushed_at: 1_767_225_600,
    stargazers: 0,
    topics: [],
    master_branch: double.state.repo.defaultBranch
  }
}

function pullPayload(double: GitHubDouble, pull: PullRequest): Record<string, unknown> {
  const { state } = double
  const side = (ref: string, sha: string, fullName: string) => ({
    label: `${fullName.split('/')[0]}:${ref}`,
    ref,
    sha,
    user: userJson(double.url, fullName.split('/')[0] ?? ''),
    repo: repositoryJson(state, double.url, fullName)
  })
  const own = `${state.repo.owner}/${state.repo.name}`
  return {
    url: `${double.url}/repos/${own}/pulls/${pull.number}`,
    id: pull.number * 1000,
    node_id: `PR_${pull.number}`,
    html_url: `https://github.com/${own}/pull/${pull.number}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    body: pull.body ?? null,
    draft: pull.draft ?? false,
    merged: pull.merged ?? false,
    user: userJson(double.url, pull.author),
    head: side(pull.head.ref, pull.head.sha, pull.head.repo ?? own),
    base: side(pull.base.ref, pull.base.sha, own),
    created_at: pull.createdAt ?? '2026-01-01T00:00:00Z'
  }
}

/** A stable stand-in for the merge commit GitHub would create for the pull request. */
function mergeCommitSha(pull: PullRequest): string {
  return createHash('sha1').update(`merge:${pull.base.sha}:${pull.head.sha}`).digest('hex')
}

function deepMerge(
  base: Record<string, unknown>,
  over: Record<string, unknown>
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(over)) {
    const current = merged[key]
    const bothObjects = [current, value].every(
      item => item !== null && typeof item === 'object' && !Array.isArray(item)
    )
    merged[key] = bothObjects
      ? deepMerge(current as Record<string, unknown>, value as Record<string, unknown>)
      : value
  }
  return merged
}
