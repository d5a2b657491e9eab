// Entity shapes: the field sets follow GitHub's component schemas, and the server
// validates every response against them.
import type {
  CheckRun,
  CommitStatus,
  IssueComment,
  PullRequest,
  Review,
  Scenario
} from '../scenario.js'
import { userTypeOf } from '../scenario.js'
import { blobSha, changedFiles, mergedAt, stableId } from '../repo-model.js'
import { EPOCH, WEB_URL } from './common.js'

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

export function authorAssociation(state: Scenario, login: string) {
  if (login === state.repo.owner) return 'OWNER'
  if (state.collaborators?.[login] !== undefined) return 'COLLABORATOR'
  return 'NONE'
}

export function pullJson(state: Scenario, apiUrl: string, pull: PullRequest) {
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

export function teamJson(state: Scenario, apiUrl: string, slug: string) {
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
export function isCollaborator(state: Scenario, login: string): boolean {
  if (state.collaborators === undefined || login === state.repo.owner) return true
  return Object.keys(state.collaborators).some(name => name.toLowerCase() === login.toLowerCase())
}

export function reviewJson(state: Scenario, apiUrl: string, pull: PullRequest, review: Review) {
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

export function commentJson(
  state: Scenario,
  apiUrl: string,
  issueNumber: number,
  comment: IssueComment
) {
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

export function checkRunJson(state: Scenario, apiUrl: string, run: CheckRun) {
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

export function statusJson(state: Scenario, apiUrl: string, status: CommitStatus) {
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

export function contentJson(
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
