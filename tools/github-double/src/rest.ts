// The REST operations the double answers, over the scenario. Each handler returns what
// GitHub would: the server validates every response against the published description,
// so a field forgotten here shows up as a response violation in the tests.
import type {
  CheckRun,
  CommitStatus,
  IssueComment,
  PermissionLevel,
  PermissionName,
  PullRequest,
  Review,
  Scenario
} from './scenario.js'
import { userTypeOf } from './scenario.js'
import {
  associatedPullRequests,
  blobSha,
  changedFiles,
  directoryListing,
  entryAt,
  findPull,
  mergedAt,
  nextId,
  resolveRevision,
  stableId
} from './repo-model.js'

export const WEB_URL = 'https://github.com'

export interface RestContext {
  state: Scenario
  params: Record<string, unknown>
  query: Record<string, unknown>
  body: Record<string, unknown>
  /** The double's own URL: links it hands out lead back to it. */
  apiUrl: string
  /** Path and query of the request as received, for pagination links. */
  requestUrl: URL
  /** Whether the client asked for `application/vnd.github.raw`. */
  wantsRaw: boolean
  rateLimits: () => Record<string, RateLimitWindow>
  /** The operation's documentation URL, which GitHub puts in every error body. */
  docs: string
}

export interface RateLimitWindow {
  limit: number
  used: number
  remaining: number
  reset: number
}

export interface RestResult {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** A non-JSON body (the `raw` media type); it has no schema to be validated against. */
  raw?: { text: string; contentType: string }
}

interface Handler {
  /** The token permission the operation needs; any one of several names will do. */
  needs: { permission: PermissionName[]; level: Exclude<PermissionLevel, 'none'> }
  handle: (context: RestContext) => RestResult
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
const EPOCH = '2026-01-01T00:00:00Z'

export function notFound(documentationUrl: string): RestResult {
  return {
    status: 404,
    body: { message: 'Not Found', documentation_url: documentationUrl, status: '404' }
  }
}

function validationFailed(message: string, documentationUrl: string): RestResult {
  return { status: 422, body: { message, documentation_url: documentationUrl, status: '422' } }
}

// ---- entity shapes (field sets follow GitHub's component schemas) ----

export function userJson(apiUrl: string, login: string, type = userTypeOf(login)) {
  const id = stableId(login)
  const userUrl = `${apiUrl}/users/${encodeURIComponent(login)}`
  return {
    login,
    id,
    node_id: `${type === 'Bot' ? 'BOT' : 'U'}_${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: userUrl,
    html_url: `${WEB_URL}/${type === 'Bot' ? `apps/${login.replace(/\[bot\]$/, '')}` : login}`,
    followers_url: `${userUrl}/followers`,
    following_url: `${userUrl}/following{/other_user}`,
    gists_url: `${userUrl}/gists{/gist_id}`,
    starred_url: `${userUrl}/starred{/owner}{/repo}`,
    subscriptions_url: `${userUrl}/subscriptions`,
    organizations_url: `${userUrl}/orgs`,
    repos_url: `${userUrl}/repos`,
    events_url: `${userUrl}/events{/privacy}`,
    received_events_url: `${userUrl}/received_events`,
    type,
    site_admin: false
  }
}

// Repository links: [field, path after the repository URL].
const REPOSITORY_LINKS: [string, string][] = [
  ['archive_url', '/{archive_format}{/ref}'],
  ['assignees_url', '/assignees{/user}'],
  ['blobs_url', '/git/blobs{/sha}'],
  ['branches_url', '/branches{/branch}'],
  ['collaborators_url', '/collaborators{/collaborator}'],
  ['comments_url', '/comments{/number}'],
  ['commits_url', '/commits{/sha}'],
  ['compare_url', '/compare/{base}...{head}'],
  ['contents_url', '/contents/{+path}'],
  ['contributors_url', '/contributors'],
  ['deployments_url', '/deployments'],
  ['downloads_url', '/downloads'],
  ['events_url', '/events'],
  ['forks_url', '/forks'],
  ['git_commits_url', '/git/commits{/sha}'],
  ['git_refs_url', '/git/refs{/sha}'],
  ['git_tags_url', '/git/tags{/sha}'],
  ['hooks_url', '/hooks'],
  ['issue_comment_url', '/issues/comments{/number}'],
  ['issue_events_url', '/issues/events{/number}'],
  ['issues_url', '/issues{/number}'],
  ['keys_url', '/keys{/key_id}'],
  ['labels_url', '/labels{/name}'],
  ['languages_url', '/languages'],
  ['merges_url', '/merges'],
  ['milestones_url', '/milestones{/number}'],
  ['notifications_url', '/notifications{?since,all,participating}'],
  ['pulls_url', '/pulls{/number}'],
  ['releases_url', '/releases{/id}'],
  ['stargazers_url', '/stargazers'],
  ['statuses_url', '/statuses/{sha}'],
  ['subscribers_url', '/subscribers'],
  ['subscription_url', '/subscription'],
  ['tags_url', '/tags'],
  ['teams_url', '/teams'],
  ['trees_url', '/git/trees{/sha}']
]

/** A repository as `GET /repos/{owner}/{repo}` returns it (also a superset of `repository`). */
export function repositoryJson(
  state: Scenario,
  apiUrl: string,
  fullName = `${state.repo.owner}/${state.repo.name}`
) {
  const [owner = '', name = ''] = fullName.split('/')
  const url = `${apiUrl}/repos/${fullName}`
  const id = stableId(`repo:${fullName}`)
  return {
    id,
    node_id: `R_${id}`,
    name,
    full_name: fullName,
    owner: userJson(apiUrl, owner, 'User'),
    private: state.repo.private ?? false,
    html_url: `${WEB_URL}/${fullName}`,
    description: null,
    fork: fullName !== `${state.repo.owner}/${state.repo.name}`,
    url,
    ...Object.fromEntries(REPOSITORY_LINKS.map(([field, suffix]) => [field, url + suffix])),
    git_url: `git://github.com/${fullName}.git`,
    ssh_url: `git@github.com:${fullName}.git`,
    clone_url: `${WEB_URL}/${fullName}.git`,
    svn_url: `${WEB_URL}/${fullName}`,
    mirror_url: null,
    homepage: null,
    language: null,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    size: 0,
    default_branch: state.repo.defaultBranch,
    open_issues: 0,
    open_issues_count: 0,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: state.repo.private === true ? 'private' : 'public',
    license: null,
    pushed_at: EPOCH,
    created_at: EPOCH,
    updated_at: EPOCH,
    network_count: 0,
    subscribers_count: 0
  }
}

function authorAssociation(state: Scenario, login: string) {
  if (login === state.repo.owner) return 'OWNER'
  if (state.collaborators?.[login] !== undefined) return 'COLLABORATOR'
  return 'NONE'
}

function pullJson(state: Scenario, apiUrl: string, pull: PullRequest) {
  const repoUrl = `${apiUrl}/repos/${state.repo.owner}/${state.repo.name}`
  const webUrl = `${WEB_URL}/${state.repo.owner}/${state.repo.name}`
  const url = `${repoUrl}/pulls/${pull.number}`
  const id = stableId(`pull:${pull.number}`)
  const headRepo = pull.head.repo ?? `${state.repo.owner}/${state.repo.name}`
  const files = changedFiles(state, pull)
  const side = (ref: string, sha: string, fullName: string) => ({
    label: `${fullName.split('/')[0]}:${ref}`,
    ref,
    sha,
    user: userJson(apiUrl, fullName.split('/')[0] ?? ''),
    repo: repositoryJson(state, apiUrl, fullName)
  })
  const link = (href: string) => ({ href })
  return {
    url,
    id,
    node_id: `PR_${id}`,
    html_url: `${webUrl}/pull/${pull.number}`,
    diff_url: `${webUrl}/pull/${pull.number}.diff`,
    patch_url: `${webUrl}/pull/${pull.number}.patch`,
    issue_url: `${repoUrl}/issues/${pull.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoUrl}/pulls/comments{/number}`,
    comments_url: `${repoUrl}/issues/${pull.number}/comments`,
    statuses_url: `${repoUrl}/statuses/${pull.head.sha}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: userJson(apiUrl, pull.author),
    body: pull.body ?? null,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: pull.createdAt ?? EPOCH,
    updated_at: pull.createdAt ?? EPOCH,
    closed_at: pull.merged === true ? mergedAt(pull) : null,
    merged_at: pull.merged === true ? mergedAt(pull) : null,
    merge_commit_sha: pull.mergeCommit ?? null,
    assignee: null,
    assignees: [],
    requested_reviewers: (pull.requestedReviewers ?? []).map(login => userJson(apiUrl, login)),
    requested_teams: (pull.requestedTeams ?? []).map(slug => teamJson(state, apiUrl, slug)),
    head: side(pull.head.ref, pull.head.sha, headRepo),
    base: side(pull.base.ref, pull.base.sha, `${state.repo.owner}/${state.repo.name}`),
    _links: {
      self: link(url),
      html: link(`${webUrl}/pull/${pull.number}`),
      issue: link(`${repoUrl}/issues/${pull.number}`),
      comments: link(`${repoUrl}/issues/${pull.number}/comments`),
      review_comments: link(`${url}/comments`),
      review_comment: link(`${repoUrl}/pulls/comments{/number}`),
      commits: link(`${url}/commits`),
      statuses: link(`${repoUrl}/statuses/${pull.head.sha}`)
    },
    author_association: authorAssociation(state, pull.author),
    auto_merge: null,
    draft: pull.draft ?? false,
    merged: pull.merged ?? false,
    mergeable: null,
    rebaseable: null,
    mergeable_state: 'unknown',
    merged_by: null,
    comments: pull.comments.length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: files.reduce((sum, file) => sum + file.additions, 0),
    deletions: files.reduce((sum, file) => sum + file.deletions, 0),
    changed_files: files.length
  }
}

function teamJson(state: Scenario, apiUrl: string, slug: string) {
  const org = state.repo.owner
  const id = stableId(`team:${org}/${slug}`)
  return {
    id,
    node_id: `T_${id}`,
    url: `${apiUrl}/organizations/${stableId(`org:${org}`)}/team/${id}`,
    html_url: `${WEB_URL}/orgs/${org}/teams/${slug}`,
    name: slug,
    slug,
    description: null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${apiUrl}/organizations/${stableId(`org:${org}`)}/team/${id}/members{/member}`,
    repositories_url: `${apiUrl}/organizations/${stableId(`org:${org}`)}/team/${id}/repos`,
    type: 'organization',
    parent: null
  }
}

/** Whether GitHub lets a review be requested from `login`: a collaborator (everyone, without a list). */
function isCollaborator(state: Scenario, login: string): boolean {
  if (state.collaborators === undefined || login === state.repo.owner) return true
  return Object.keys(state.collaborators).some(name => name.toLowerCase() === login.toLowerCase())
}

function reviewJson(state: Scenario, apiUrl: string, pull: PullRequest, review: Review) {
  const webUrl = `${WEB_URL}/${state.repo.owner}/${state.repo.name}/pull/${pull.number}`
  const pullUrl = `${apiUrl}/repos/${state.repo.owner}/${state.repo.name}/pulls/${pull.number}`
  return {
    id: review.id,
    node_id: `PRR_${review.id}`,
    user: userJson(apiUrl, review.login),
    body: review.body ?? '',
    state: review.state,
    html_url: `${webUrl}#pullrequestreview-${review.id}`,
    pull_request_url: pullUrl,
    _links: {
      html: { href: `${webUrl}#pullrequestreview-${review.id}` },
      pull_request: { href: pullUrl }
    },
    ...(review.submittedAt === undefined ? {} : { submitted_at: review.submittedAt }),
    commit_id: review.commit,
    author_association: authorAssociation(state, review.login)
  }
}

function commentJson(state: Scenario, apiUrl: string, issueNumber: number, comment: IssueComment) {
  const repoUrl = `${apiUrl}/repos/${state.repo.owner}/${state.repo.name}`
  return {
    id: comment.id,
    node_id: `IC_${comment.id}`,
    url: `${repoUrl}/issues/comments/${comment.id}`,
    html_url: `${WEB_URL}/${state.repo.owner}/${state.repo.name}/pull/${issueNumber}#issuecomment-${comment.id}`,
    body: comment.body,
    user: userJson(apiUrl, comment.login, comment.userType),
    created_at: comment.createdAt ?? EPOCH,
    updated_at: comment.updatedAt ?? comment.createdAt ?? EPOCH,
    issue_url: `${repoUrl}/issues/${issueNumber}`,
    author_association: authorAssociation(state, comment.login)
  }
}

const GITHUB_ACTIONS_APP_ID = 15368

function checkRunJson(state: Scenario, apiUrl: string, run: CheckRun) {
  const repoUrl = `${apiUrl}/repos/${state.repo.owner}/${state.repo.name}`
  const pulls = state.pullRequests.filter(
    pull => pull.head.sha === run.headSha && pull.head.repo === undefined
  )
  return {
    id: run.id,
    node_id: `CR_${run.id}`,
    head_sha: run.headSha,
    external_id: run.externalId ?? '',
    url: `${repoUrl}/check-runs/${run.id}`,
    html_url: `${WEB_URL}/${state.repo.owner}/${state.repo.name}/runs/${run.id}`,
    details_url:
      run.detailsUrl ?? `${WEB_URL}/${state.repo.owner}/${state.repo.name}/runs/${run.id}`,
    status: run.status,
    conclusion: run.conclusion ?? null,
    started_at: run.startedAt ?? EPOCH,
    completed_at: run.completedAt ?? null,
    output: {
      title: run.output?.title ?? null,
      summary: run.output?.summary ?? null,
      text: run.output?.text ?? null,
      annotations_count: run.annotations?.length ?? 0,
      annotations_url: `${repoUrl}/check-runs/${run.id}/annotations`
    },
    name: run.name,
    check_suite: { id: stableId(`suite:${run.headSha}`) },
    app: {
      id: GITHUB_ACTIONS_APP_ID,
      slug: run.appSlug ?? 'github-actions',
      node_id: 'MDM6QXBwMTUzNjg=',
      owner: userJson(apiUrl, 'github', 'User'),
      name: 'GitHub Actions',
      description: 'Automate your workflow from idea to production',
      external_url: 'https://help.github.com/en/actions',
      html_url: `${WEB_URL}/apps/github-actions`,
      created_at: '2018-07-30T09:30:17Z',
      updated_at: '2019-12-10T19:04:12Z',
      permissions: {},
      events: []
    },
    pull_requests: pulls.map(pull => {
      const side = (ref: string, sha: string) => ({
        ref,
        sha,
        repo: {
          id: stableId(`repo:${state.repo.owner}/${state.repo.name}`),
          url: repoUrl,
          name: state.repo.name
        }
      })
      return {
        id: stableId(`pull:${pull.number}`),
        number: pull.number,
        url: `${repoUrl}/pulls/${pull.number}`,
        head: side(pull.head.ref, pull.head.sha),
        base: side(pull.base.ref, pull.base.sha)
      }
    })
  }
}

function statusJson(state: Scenario, apiUrl: string, status: CommitStatus) {
  const creator = userJson(apiUrl, status.creator)
  return {
    url: `${apiUrl}/repos/${state.repo.owner}/${state.repo.name}/statuses/${status.sha}`,
    avatar_url: creator.avatar_url,
    id: status.id,
    node_id: `SC_${status.id}`,
    state: status.state,
    description: status.description ?? null,
    target_url: status.targetUrl ?? null,
    context: status.context,
    created_at: status.createdAt ?? EPOCH,
    updated_at: status.createdAt ?? EPOCH,
    creator
  }
}

function contentJson(
  state: Scenario,
  apiUrl: string,
  sha: string,
  entry: { kind: 'file' | 'dir'; path: string; text?: string },
  ref: string
) {
  const repoUrl = `${apiUrl}/repos/${state.repo.owner}/${state.repo.name}`
  const name = entry.path.split('/').pop() ?? entry.path
  const url = `${repoUrl}/contents/${entry.path}?ref=${encodeURIComponent(ref)}`
  const gitSha =
    entry.kind === 'file' ? blobSha(entry.text ?? '') : blobSha(`tree:${sha}:${entry.path}`)
  const gitUrl = `${repoUrl}/git/${entry.kind === 'file' ? 'blobs' : 'trees'}/${gitSha}`
  const htmlUrl = `${WEB_URL}/${state.repo.owner}/${state.repo.name}/${entry.kind === 'file' ? 'blob' : 'tree'}/${ref}/${entry.path}`
  return {
    type: entry.kind,
    size: entry.kind === 'file' ? Buffer.byteLength(entry.text ?? '') : 0,
    name,
    path: entry.path,
    sha: gitSha,
    url,
    git_url: gitUrl,
    html_url: htmlUrl,
    download_url:
      entry.kind === 'file'
        ? `https://raw.githubusercontent.com/${state.repo.owner}/${state.repo.name}/${sha}/${entry.path}`
        : null,
    _links: { self: url, git: gitUrl, html: htmlUrl }
  }
}

// ---- pagination ----

/** One page of a list as GitHub serves it: `per_page` (≤ 100), `page`, and a `link` header. */
function paginate<T>(
  context: RestContext,
  items: T[]
): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(Math.max(Number(context.query.per_page ?? 30), 1), 100)
  const pageNumber = Math.max(Number(context.query.page ?? 1), 1)
  const lastPage = Math.max(Math.ceil(items.length / perPage), 1)
  const page = items.slice((pageNumber - 1) * perPage, pageNumber * perPage)
  const pageUrl = (n: number) => {
    const url = new URL(context.requestUrl.pathname + context.requestUrl.search, context.apiUrl)
    url.searchParams.set('per_page', String(perPage))
    url.searchParams.set('page', String(n))
    return url.href
  }
  const links: string[] = []
  if (pageNumber > 1) links.push(`<${pageUrl(pageNumber - 1)}>; rel="prev"`)
  if (pageNumber < lastPage)
    links.push(`<${pageUrl(pageNumber + 1)}>; rel="next"`, `<${pageUrl(lastPage)}>; rel="last"`)
  if (pageNumber > 1) links.push(`<${pageUrl(1)}>; rel="first"`)
  return { page, headers: links.length > 0 ? { link: links.join(', ') } : {} }
}

// ---- handlers ----

const read = (...permission: PermissionName[]) => ({ permission, level: 'read' as const })
const write = (...permission: PermissionName[]) => ({ permission, level: 'write' as const })

function pullOr404(context: RestContext, documentationUrl: string, key = 'pull_number') {
  const pull = findPull(context.state, Number(context.params[key]))
  return pull === undefined ? notFound(documentationUrl) : pull
}

function findComment(
  state: Scenario,
  id: number
): { pull: PullRequest; comment: IssueComment } | undefined {
  for (const pull of state.pullRequests) {
    const comment = pull.comments.find(candidate => candidate.id === id)
    if (comment !== undefined) return { pull, comment }
  }
  return undefined
}

/** The operations the double implements, by operationId. */
const HANDLERS: Record<string, Handler> = {
  'repos/get': {
    needs: read('metadata'),
    handle: ({ state, apiUrl }) => ({ status: 200, body: repositoryJson(state, apiUrl) })
  },
  'rate-limit/get': {
    needs: read('metadata'),
    handle: ({ rateLimits }) => {
      const resources = rateLimits()
      return { status: 200, body: { resources, rate: resources.core } }
    }
  },
  'pulls/get': {
    needs: read('pull-requests'),
    handle: context => {
      const { docs } = context
      const pull = pullOr404(context, docs)
      return 'status' in pull
        ? pull
        : { status: 200, body: pullJson(context.state, context.apiUrl, pull) }
    }
  },
  'pulls/list-reviews': {
    needs: read('pull-requests'),
    handle: context => {
      const { docs } = context
      const pull = pullOr404(context, docs)
      if ('status' in pull) return pull
      // Other people's pending reviews are private to them.
      const visible = pull.reviews.filter(
        review => review.state !== 'PENDING' || review.login === context.state.token.login
      )
      const { page, headers } = paginate(context, visible)
      return {
        status: 200,
        headers,
        body: page.map(review => reviewJson(context.state, context.apiUrl, pull, review))
      }
    }
  },
  // The REST twin of Commit.associatedPullRequests.
  'repos/list-pull-requests-associated-with-commit': {
    needs: read('pull-requests'),
    handle: context => {
      const { state, apiUrl, docs } = context
      const sha = resolveRevision(state, String(context.params.commit_sha))
      if (sha === undefined) return notFound(docs)
      const { page, headers } = paginate(context, associatedPullRequests(state, sha))
      return { status: 200, headers, body: page.map(pull => pullJson(state, apiUrl, pull)) }
    }
  },
  'pulls/list-files': {
    needs: read('pull-requests'),
    handle: context => {
      const { docs } = context
      const pull = pullOr404(context, docs)
      if ('status' in pull) return pull
      const { state, apiUrl } = context
      const repoWeb = `${WEB_URL}/${state.repo.owner}/${state.repo.name}`
      const { page, headers } = paginate(context, changedFiles(state, pull))
      const body = page.map(file => ({
        sha: file.sha,
        filename: file.path,
        status: file.status,
        ...(file.previousPath === undefined ? {} : { previous_filename: file.previousPath }),
        additions: file.additions,
        deletions: file.deletions,
        changes: file.additions + file.deletions,
        blob_url: `${repoWeb}/blob/${pull.head.sha}/${file.path}`,
        raw_url: `${repoWeb}/raw/${pull.head.sha}/${file.path}`,
        contents_url: `${apiUrl}/repos/${state.repo.owner}/${state.repo.name}/contents/${file.path}?ref=${pull.head.sha}`
      }))
      return { status: 200, headers, body }
    }
  },
  'repos/get-content': {
    needs: read('contents'),
    handle: context => {
      const { docs } = context
      const { state, apiUrl } = context
      const ref = String(context.query.ref ?? state.repo.defaultBranch)
      const sha = resolveRevision(state, ref)
      if (sha === undefined) {
        return {
          status: 404,
          body: {
            message: `No commit found for the ref ${ref}`,
            documentation_url: docs,
            status: '404'
          }
        }
      }
      const path = String(context.params.path ?? '')
      const entry = entryAt(state, sha, path)
      if (entry === undefined) return notFound(docs)
      if (entry.kind === 'dir') {
        const listing = directoryListing(state, sha, entry.path)
        return {
          status: 200,
          body: listing.map(child => contentJson(state, apiUrl, sha, child, ref))
        }
      }
      if (context.wantsRaw) {
        return {
          status: 200,
          raw: { text: entry.text ?? '', contentType: 'application/vnd.github.raw; charset=utf-8' }
        }
      }
      // GitHub wraps base64 at 60 characters per line.
      const encoded = Buffer.from(entry.text ?? '', 'utf8')
        .toString('base64')
        .replace(/(.{60})/g, '$1\n')
      return {
        status: 200,
        body: {
          ...contentJson(state, apiUrl, sha, entry, ref),
          content: encoded,
          encoding: 'base64'
        }
      }
    }
  },
  'checks/create': {
    needs: write('checks'),
    handle: ({ docs, state, apiUrl, body }) => {
      const headSha = String(body.head_sha)
      if (!(headSha in state.commits))
        return validationFailed(`No commit found for SHA: ${headSha}`, docs)
      const output = body.output as (CheckRun['output'] & { annotations?: unknown[] }) | undefined
      const conclusion = (body.conclusion as string | undefined) ?? null
      const run: CheckRun = {
        id: nextId(state.checkRuns, 1000),
        name: String(body.name),
        headSha,
        status:
          conclusion !== null
            ? 'completed'
            : ((body.status as CheckRun['status'] | undefined) ?? 'queued'),
        conclusion,
        externalId: (body.external_id as string | undefined) ?? null,
        detailsUrl: (body.details_url as string | undefined) ?? null,
        startedAt: (body.started_at as string | undefined) ?? now(),
        completedAt:
          (body.completed_at as string | undefined) ?? (conclusion !== null ? now() : null),
        output: output && { title: output.title, summary: output.summary, text: output.text },
        annotations: output?.annotations ?? []
      }
      state.checkRuns.push(run)
      return { status: 201, body: checkRunJson(state, apiUrl, run) }
    }
  },
  'checks/update': {
    needs: write('checks'),
    handle: ({ docs, state, apiUrl, body, params }) => {
      const run = state.checkRuns.find(candidate => candidate.id === Number(params.check_run_id))
      if (run === undefined) return notFound(docs)
      const output = body.output as (CheckRun['output'] & { annotations?: unknown[] }) | undefined
      if (body.name !== undefined) run.name = String(body.name)
      if (body.status !== undefined) run.status = body.status as CheckRun['status']
      if (body.conclusion !== undefined) {
        run.conclusion = body.conclusion as string
        run.status = 'completed'
        run.completedAt = (body.completed_at as string | undefined) ?? now()
      }
      if (body.details_url !== undefined) run.detailsUrl = body.details_url as string
      if (body.external_id !== undefined) run.externalId = body.external_id as string
      if (output !== undefined) {
        run.output = { title: output.title, summary: output.summary, text: output.text }
        // Annotations accumulate across updates, as on GitHub (50 per request).
        run.annotations = [...(run.annotations ?? []), ...(output.annotations ?? [])]
      }
      return { status: 200, body: checkRunJson(state, apiUrl, run) }
    }
  },
  'checks/get': {
    needs: read('checks'),
    handle: ({ docs, state, apiUrl, params }) => {
      const run = state.checkRuns.find(candidate => candidate.id === Number(params.check_run_id))
      return run === undefined
        ? notFound(docs)
        : { status: 200, body: checkRunJson(state, apiUrl, run) }
    }
  },
  'checks/list-for-ref': {
    needs: read('checks'),
    handle: context => {
      const { docs } = context
      const { state, apiUrl, query } = context
      const sha = resolveRevision(state, String(context.params.ref))
      if (sha === undefined)
        return validationFailed(`No commit found for SHA: ${String(context.params.ref)}`, docs)
      let runs = state.checkRuns.filter(run => run.headSha === sha).reverse()
      if (query.check_name !== undefined) runs = runs.filter(run => run.name === query.check_name)
      if (query.status !== undefined) runs = runs.filter(run => run.status === query.status)
      // filter=latest (the default) keeps the most recent run of each name.
      if (query.filter !== 'all') {
        const seen = new Set<string>()
        runs = runs.filter(run => !seen.has(run.name) && seen.add(run.name) !== undefined)
      }
      const { page, headers } = paginate(context, runs)
      return {
        status: 200,
        headers,
        body: {
          total_count: runs.length,
          check_runs: page.map(run => checkRunJson(state, apiUrl, run))
        }
      }
    }
  },
  'repos/create-commit-status': {
    needs: write('statuses'),
    handle: ({ docs, state, apiUrl, body, params }) => {
      const sha = String(params.sha)
      if (!(sha in state.commits)) return validationFailed(`No commit found for SHA: ${sha}`, docs)
      const status: CommitStatus = {
        id: nextId(state.statuses, 5000),
        sha,
        state: body.state as CommitStatus['state'],
        context: (body.context as string | undefined) ?? 'default',
        description: (body.description as string | null | undefined) ?? null,
        targetUrl: (body.target_url as string | null | undefined) ?? null,
        creator: state.token.login,
        createdAt: now()
      }
      state.statuses.push(status)
      return {
        status: 201,
        body: statusJson(state, apiUrl, status),
        headers: {
          location: `${apiUrl}/repos/${state.repo.owner}/${state.repo.name}/statuses/${sha}`
        }
      }
    }
  },
  'repos/list-commit-statuses-for-ref': {
    needs: read('statuses'),
    handle: context => {
      const sha = resolveRevision(context.state, String(context.params.ref))
      const statuses = context.state.statuses.filter(status => status.sha === sha).reverse()
      const { page, headers } = paginate(context, statuses)
      return {
        status: 200,
        headers,
        body: page.map(status => statusJson(context.state, context.apiUrl, status))
      }
    }
  },
  'issues/list-comments': {
    needs: read('issues', 'pull-requests'),
    handle: context => {
      const { docs } = context
      const pull = pullOr404(context, docs, 'issue_number')
      if ('status' in pull) return pull
      const since =
        context.query.since === undefined ? undefined : Date.parse(String(context.query.since))
      const comments = pull.comments.filter(
        comment =>
          since === undefined ||
          Date.parse(comment.updatedAt ?? comment.createdAt ?? EPOCH) >= since
      )
      const { page, headers } = paginate(context, comments)
      return {
        status: 200,
        headers,
        body: page.map(comment => commentJson(context.state, context.apiUrl, pull.number, comment))
      }
    }
  },
  'issues/get-comment': {
    needs: read('issues', 'pull-requests'),
    handle: ({ docs, state, apiUrl, params }) => {
      const found = findComment(state, Number(params.comment_id))
      return found === undefined
        ? notFound(docs)
        : { status: 200, body: commentJson(state, apiUrl, found.pull.number, found.comment) }
    }
  },
  'issues/create-comment': {
    needs: write('issues', 'pull-requests'),
    handle: context => {
      const { docs } = context
      const pull = pullOr404(context, docs, 'issue_number')
      if ('status' in pull) return pull
      const { state, apiUrl, body } = context
      const allComments = state.pullRequests.flatMap(candidate => candidate.comments)
      const created = now()
      const comment: IssueComment = {
        id: nextId(allComments, 9000),
        login: state.token.login,
        body: String(body.body),
        createdAt: created,
        updatedAt: created
      }
      pull.comments.push(comment)
      return { status: 201, body: commentJson(state, apiUrl, pull.number, comment) }
    }
  },
  'issues/update-comment': {
    needs: write('issues', 'pull-requests'),
    handle: ({ docs, state, apiUrl, params, body }) => {
      const found = findComment(state, Number(params.comment_id))
      if (found === undefined) return notFound(docs)
      found.comment.body = String(body.body)
      found.comment.updatedAt = now()
      return { status: 200, body: commentJson(state, apiUrl, found.pull.number, found.comment) }
    }
  },
  'issues/delete-comment': {
    needs: write('issues', 'pull-requests'),
    handle: ({ docs, state, params }) => {
      const found = findComment(state, Number(params.comment_id))
      if (found === undefined) return notFound(docs)
      found.pull.comments = found.pull.comments.filter(comment => comment !== found.comment)
      return { status: 204 }
    }
  },
  'pulls/request-reviewers': {
    needs: write('pull-requests'),
    handle: context => {
      const { docs } = context
      const pull = pullOr404(context, docs)
      if ('status' in pull) return pull
      const { state, apiUrl, body } = context
      const users = (body.reviewers as string[] | undefined) ?? []
      const teams = (body.team_reviewers as string[] | undefined) ?? []
      // GitHub refuses a request for the pull request's author ("Review cannot be requested
      // from pull request author.") and for anyone who is not a collaborator with 422, and
      // requests nobody then. Its description gives that 422 no body, so neither does the double.
      const org = state.repo.owner
      if (
        users.some(login => login.toLowerCase() === pull.author.toLowerCase()) ||
        users.some(login => !isCollaborator(state, login)) ||
        teams.some(slug => state.teams[`${org}/${slug}`] === undefined)
      ) {
        return { status: 422 }
      }
      const add = (list: string[] | undefined, names: string[]) => {
        const result = [...(list ?? [])]
        for (const name of names) {
          if (!result.some(item => item.toLowerCase() === name.toLowerCase())) result.push(name)
        }
        return result
      }
      pull.requestedReviewers = add(pull.requestedReviewers, users)
      pull.requestedTeams = add(pull.requestedTeams, teams)
      return { status: 201, body: pullJson(state, apiUrl, pull) }
    }
  },
  'teams/list-members-in-org': {
    // GITHUB_TOKEN has no organization `members` permission; GitHub then answers 404
    // "Not Found" (not 403), as reported in actions/github-script#518 and
    // takanome-dev/assign-issue-action#379 ("HttpError: Not Found - …#list-team-members").
    needs: read('members'),
    handle: context => {
      const { docs } = context
      const members =
        context.state.teams[`${String(context.params.org)}/${String(context.params.team_slug)}`]
      if (members === undefined) return notFound(docs)
      const { page, headers } = paginate(context, members)
      return { status: 200, headers, body: page.map(login => userJson(context.apiUrl, login)) }
    }
  }
}

export function restHandler(operationId: string): Handler | undefined {
  return HANDLERS[operationId]
}

/**
 * Whether the token may call an operation. GitHub answers a missing repository permission
 * with 403 "Resource not accessible by integration"; organization membership reads that
 * GITHUB_TOKEN cannot make come back 404 (see the team handler).
 */
export function permissionDenial(
  state: Scenario,
  needs: Handler['needs'],
  docs: string
): RestResult | undefined {
  const rank = { none: 0, read: 1, write: 2 }
  const granted = (name: PermissionName) => {
    const level = state.token.permissions[name] ?? 'none'
    return state.token.readOnly === true && level === 'write' ? 'read' : level
  }
  if (needs.permission.some(name => rank[granted(name)] >= rank[needs.level])) return undefined
  if (needs.permission.includes('members')) return notFound(docs)
  return {
    status: 403,
    body: {
      message: 'Resource not accessible by integration',
      documentation_url: docs,
      status: '403'
    }
  }
}
