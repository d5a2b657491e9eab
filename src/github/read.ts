import * as core from '@actions/core'
import { CODEOWNERS_LOCATIONS, normaliseLogin } from '../owners/index.js'
import type { Octokit } from './client.js'

export interface PullRequestRef {
  owner: string
  repo: string
  number: number
}

/** A file's text, or why it could not be read as text. */
export type FileText = { text: string } | { problem: 'binary' | 'truncated' } | undefined

/** A reviewer's standing: their latest review, when it approves or requests changes. */
export interface ReviewRecord {
  login: string
  state: 'APPROVED' | 'CHANGES_REQUESTED'
  /** The commit the review was given on; undefined when GitHub no longer has it. */
  commit: string | undefined
}

export interface StickyComment {
  id: number
  url: string
  body: string
}

export interface ChangedFile {
  path: string
  deleted: boolean
  /** For a renamed file, its path at the merge base. */
  previousPath?: string
}

/** Round trip 1: the pull request, its reviews and files, and the rules from its base branch. */
export interface PullRequestData {
  number: number
  url: string
  author: string | undefined
  headSha: string
  /**
   * The base commit every base read uses: the tip of the base branch (`baseRef.target`), not
   * `baseRefOid`, which GitHub may leave behind the branch. Configuration, CODEOWNERS, the
   * checklist's base version and templates all come from this one commit.
   */
  baseSha: string
  baseRef: string
  isCrossRepository: boolean
  /** `.github/readiness-gate.yml` at the tip of the base branch. */
  config: FileText
  /** The first CODEOWNERS file GitHub would use, at the tip of the base branch. */
  codeowners: { path: string; text: FileText } | undefined
  /**
   * The changed files GitHub lists. GitHub lists at most 3000; compare with `changedFiles`
   * before taking it as complete.
   */
  files: ChangedFile[]
  /** How many files the pull request changes, by GitHub's count. */
  changedFiles: number
  reviews: ReviewRecord[]
  /** Comments this token's identity wrote. */
  ownComments: StickyComment[]
}

const PAGE = 100

const BLOB = 'object { ... on Blob { text isBinary isTruncated } }'
const PAGE_INFO = 'pageInfo { hasNextPage endCursor }'
/**
 * Reviews are read whole, not through `latestOpinionatedReviews`: after approve → request
 * changes → that request dismissed, GitHub may count the earlier approval again
 * (palantir/policy-bot#119). Each reviewer's latest review in one of these states decides.
 */
const REVIEW_STATES = '[APPROVED, CHANGES_REQUESTED, DISMISSED]'
const REVIEW = 'author { login } state submittedAt commit { oid }'

const PULL_REQUEST_QUERY = `
query ReadinessGatePullRequest($owner: String!, $name: String!, $number: Int!, $configPath: String!) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      number url isCrossRepository changedFiles
      author { login }
      baseRefName headRefOid
      baseRef {
        target {
          oid
          ... on Commit {
            config: file(path: $configPath) { ${BLOB} }
            codeowners0: file(path: "${CODEOWNERS_LOCATIONS[0]}") { ${BLOB} }
            codeowners1: file(path: "${CODEOWNERS_LOCATIONS[1]}") { ${BLOB} }
            codeowners2: file(path: "${CODEOWNERS_LOCATIONS[2]}") { ${BLOB} }
          }
        }
      }
      files(first: ${PAGE}) { nodes { path changeType } ${PAGE_INFO} }
      reviews(first: ${PAGE}, states: ${REVIEW_STATES}) { nodes { ${REVIEW} } ${PAGE_INFO} }
      comments(first: ${PAGE}) { nodes { databaseId url body viewerDidAuthor } ${PAGE_INFO} }
    }
  }
}`

interface Blob {
  object: { text: string | null; isBinary: boolean | null; isTruncated: boolean } | null
}
interface Connection<T> {
  nodes: T[]
  pageInfo: { hasNextPage: boolean; endCursor: string | null }
}
interface FileNode {
  path: string
  changeType: string
}
export interface ReviewNode {
  state: string
  author: { login: string } | null
  submittedAt: string | null
  commit: { oid: string } | null
}
interface CommentNode {
  databaseId: number
  url: string
  body: string
  viewerDidAuthor: boolean
}
/** The tip of the base branch, with the files the first query reads there. */
interface BaseTip {
  oid: string
  config?: Blob | null
  [codeowners: `codeowners${number}`]: Blob | null | undefined
}
interface PullRequestNode {
  number: number
  url: string
  isCrossRepository: boolean
  changedFiles: number
  author: { login: string } | null
  baseRefName: string
  headRefOid: string
  baseRef: { target: BaseTip | null } | null
  files: Connection<FileNode>
  reviews: Connection<ReviewNode>
  comments: Connection<CommentNode>
}

export async function readPullRequest(
  octokit: Octokit,
  ref: PullRequestRef,
  configPath: string
): Promise<PullRequestData> {
  const data = await octokit.graphql<{
    repository: { pullRequest: PullRequestNode | null } | null
  }>(PULL_REQUEST_QUERY, { owner: ref.owner, name: ref.repo, number: ref.number, configPath })
  const pull = data.repository?.pullRequest
  if (!pull) {
    throw new Error(
      `Pull request #${ref.number} was not found in ${ref.owner}/${ref.repo}: check the number, and that the token may read the repository (contents: read, pull-requests: read).`
    )
  }
  const [files, reviews, comments] = await Promise.all([
    rest(octokit, ref, pull.files, 'files', 'path changeType'),
    rest(octokit, ref, pull.reviews, 'reviews', REVIEW, `states: ${REVIEW_STATES}`),
    rest(octokit, ref, pull.comments, 'comments', 'databaseId url body viewerDidAuthor')
  ])
  // The tip of the base branch is the one base commit: the configuration and CODEOWNERS are
  // read from it here, and readContent reads the checklists' base versions and templates at
  // its oid, so that no two base files come from different commits.
  const tip = pull.baseRef?.target
  if (!tip) {
    throw new Error(
      `The base branch ${pull.baseRefName} of pull request #${ref.number} no longer exists: the gate has no configuration, CODEOWNERS or base checklist to go by, and fails.`
    )
  }
  const codeownersIndex = CODEOWNERS_LOCATIONS.findIndex((_, i) => tip[`codeowners${i}`]?.object)
  return {
    number: pull.number,
    url: pull.url,
    author: pull.author?.login,
    headSha: pull.headRefOid,
    baseSha: tip.oid,
    baseRef: pull.baseRefName,
    isCrossRepository: pull.isCrossRepository,
    config: fileText(tip.config),
    codeowners:
      codeownersIndex < 0
        ? undefined
        : {
            path: CODEOWNERS_LOCATIONS[codeownersIndex]!,
            text: fileText(tip[`codeowners${codeownersIndex}`])
          },
    // A list GitHub cut short fails the gate anyway: no need to look for renames in it.
    files:
      files.length < pull.changedFiles
        ? files.map(file => ({ path: file.path, deleted: file.changeType === 'DELETED' }))
        : await withPreviousPaths(octokit, ref, files),
    changedFiles: pull.changedFiles,
    reviews: latestReviews(reviews),
    ownComments: comments
      .filter(comment => comment.viewerDidAuthor)
      .map(comment => ({ id: comment.databaseId, url: comment.url, body: comment.body }))
  }
}

/**
 * Each reviewer's standing: their latest review (by `submittedAt`) among approvals, change
 * requests and dismissed reviews. Only a latest APPROVED review approves: a dismissed one
 * (approval or change request) leaves no approval behind, and COMMENTED reviews are not read,
 * so a later comment never cancels an approval. A reviewer whose latest review is dismissed
 * is left out. Of reviews with the same time, the one GitHub lists later decides.
 */
export function latestReviews(nodes: readonly ReviewNode[]): ReviewRecord[] {
  const latest = new Map<string, { record: ReviewRecord | undefined; at: number }>()
  for (const node of nodes) {
    if (!node.author) continue
    const state = node.state
    if (state !== 'APPROVED' && state !== 'CHANGES_REQUESTED' && state !== 'DISMISSED') continue
    let at = node.submittedAt === null ? Number.NaN : Date.parse(node.submittedAt)
    // Without a time, an approval proves nothing, and anything else is taken as the latest.
    if (Number.isNaN(at)) {
      if (state === 'APPROVED') continue
      at = Number.POSITIVE_INFINITY
    }
    const key = normaliseLogin(node.author.login)
    const seen = latest.get(key)
    if (seen && seen.at > at) continue
    latest.set(key, {
      record:
        state === 'DISMISSED'
          ? undefined
          : { login: node.author.login, state, commit: node.commit?.oid },
      at
    })
  }
  return [...latest.values()].flatMap(entry => (entry.record ? [entry.record] : []))
}

/**
 * GraphQL's PullRequestChangedFile has no previous path, so a rename would look like a new
 * file: only when the pull request renames something, the REST list of files (which has
 * `previous_filename`) is read as well. A rename whose origin cannot be found fails the run,
 * as it may be a checklist renamed away.
 */
async function withPreviousPaths(
  octokit: Octokit,
  ref: PullRequestRef,
  files: readonly FileNode[]
): Promise<ChangedFile[]> {
  const renamed = files.filter(file => file.changeType === 'RENAMED')
  const previous = new Map<string, string>()
  if (renamed.length > 0) {
    const listed = await octokit.paginate(octokit.rest.pulls.listFiles, {
      owner: ref.owner,
      repo: ref.repo,
      pull_number: ref.number,
      per_page: PAGE
    })
    for (const file of listed) {
      if (file.status === 'renamed' && file.previous_filename) {
        previous.set(file.filename, file.previous_filename)
      }
    }
  }
  const unknown = renamed.filter(file => !previous.has(file.path)).map(file => file.path)
  if (unknown.length > 0) {
    throw new Error(
      `This pull request renames ${unknown.join(', ')}, but GitHub's list of changed files does not say from where: the gate cannot tell whether a checklist was renamed away, so it fails. Split the rename into a pull request of its own, or re-run the job.`
    )
  }
  return files.map(file => ({
    path: file.path,
    deleted: file.changeType === 'DELETED',
    ...(previous.has(file.path) ? { previousPath: previous.get(file.path)! } : {})
  }))
}

/** The rest of a connection past its first page, one page a request. */
async function rest<T>(
  octokit: Octokit,
  ref: PullRequestRef,
  first: Connection<T>,
  field: string,
  selection: string,
  /** Further arguments of the connection, as the first page had them. */
  args = ''
): Promise<T[]> {
  const nodes = [...first.nodes]
  let page = first.pageInfo
  while (page.hasNextPage) {
    const data = await octokit.graphql<{
      repository: { pullRequest: Record<string, Connection<T>> }
    }>(
      `query ReadinessGatePage($owner: String!, $name: String!, $number: Int!, $after: String!) {
        repository(owner: $owner, name: $name) { pullRequest(number: $number) {
          ${field}(first: ${PAGE}, after: $after${args ? `, ${args}` : ''}) { nodes { ${selection} } ${PAGE_INFO} } } } }`,
      { owner: ref.owner, name: ref.repo, number: ref.number, after: page.endCursor }
    )
    const next = data.repository.pullRequest[field]!
    nodes.push(...next.nodes)
    page = next.pageInfo
  }
  return nodes
}

function fileText(entry: Blob | null | undefined): FileText {
  const blob = entry?.object
  if (!blob) return undefined
  if (blob.isBinary || blob.text === null) return { problem: 'binary' }
  if (blob.isTruncated) return { problem: 'truncated' }
  return { text: blob.text }
}

export interface ContentRequest {
  headSha: string
  baseSha: string
  paths: readonly string[]
  /** Where a renamed checklist was at base (previous path by head path); else its own path. */
  basePaths?: ReadonlyMap<string, string>
  /** Templates of new checklists, read at base only. */
  templates: readonly string[]
  /** Commits that approving reviews were given on. */
  reviewCommits: readonly string[]
  /** `org/slug` of every team that roles or CODEOWNERS name. */
  teams: readonly string[]
}

export interface Content {
  head: Map<string, FileText>
  /** Blob id of each checklist at head, to compare with the same file at review commits. */
  headBlob: Map<string, string>
  /** Each checklist at base, by its head path (read from its previous path when renamed). */
  base: Map<string, FileText>
  templates: Map<string, FileText>
  /** `commit → path → blob id` (undefined: the file is not there or the commit is gone). */
  atReview: Map<string, Map<string, string | undefined>>
  teams: Map<string, ReadonlySet<string> | 'unreadable'>
}

/**
 * Round trip 2, one query: each checklist at head and at base (`baseSha`: the tip of the base
 * branch that round trip 1 read the configuration at), its blob at every approving
 * review's commit (for freshness), and the members of every team that may sign. A team the
 * token cannot read comes back as an error on its own alias: it is marked unreadable, and the
 * gate fails closed on it.
 */
export async function readContent(
  octokit: Octokit,
  ref: PullRequestRef,
  request: ContentRequest
): Promise<Content> {
  const variables: Record<string, string> = {
    owner: ref.owner,
    name: ref.repo,
    head: request.headSha,
    base: request.baseSha
  }
  const declarations = [
    '$owner: String!',
    '$name: String!',
    '$head: GitObjectID!',
    '$base: GitObjectID!'
  ]
  request.paths.forEach((path, i) => {
    variables[`p${i}`] = path
    declarations.push(`$p${i}: String!`)
    const basePath = request.basePaths?.get(path)
    if (basePath !== undefined && basePath !== path) {
      variables[`bp${i}`] = basePath
      declarations.push(`$bp${i}: String!`)
    }
  })
  request.reviewCommits.forEach((commit, i) => {
    variables[`c${i}`] = commit
    declarations.push(`$c${i}: GitObjectID!`)
  })
  request.templates.forEach((path, i) => {
    variables[`tp${i}`] = path
    declarations.push(`$tp${i}: String!`)
  })
  const teams = request.teams.map(team => team.split('/') as [string, string])
  teams.forEach(([org, slug], i) => {
    variables[`o${i}`] = org
    variables[`t${i}`] = slug
    declarations.push(`$o${i}: String!`, `$t${i}: String!`)
  })
  const files = (withText: boolean, atBase = false) =>
    request.paths
      .map((_, i) => {
        const variable = atBase && `bp${i}` in variables ? `bp${i}` : `p${i}`
        return `f${i}: file(path: $${variable}) { oid ${withText ? BLOB : ''} }`
      })
      .join(' ')
  const query = `query ReadinessGateContent(${declarations.join(', ')}) {
    repository(owner: $owner, name: $name) {
      head: object(oid: $head) { ... on Commit { ${files(true)} } }
      base: object(oid: $base) { ... on Commit { ${files(true, true)} ${request.templates.map((_, i) => `tf${i}: file(path: $tp${i}) { oid ${BLOB} }`).join(' ')} } }
      ${request.reviewCommits.map((_, i) => `r${i}: object(oid: $c${i}) { ... on Commit { ${files(false)} } }`).join('\n')}
    }
    ${teams.map((_, i) => `team${i}: organization(login: $o${i}) { team(slug: $t${i}) { members(first: ${PAGE}) { nodes { login } ${PAGE_INFO} } } }`).join('\n')}
  }`

  type Entry = (Blob & { oid: string }) | null
  type Members = { team: { members: Connection<{ login: string }> } | null } | null
  let data: { repository: Record<string, Record<string, Entry> | null> } & Record<string, unknown>
  let failedTeams = new Set<string>()
  try {
    data = await octokit.graphql(query, variables)
  } catch (error) {
    const partial = teamErrorsOnly(error)
    if (!partial) throw error
    data = partial.data as typeof data
    failedTeams = partial.aliases
  }

  const repository = data.repository
  const content: Content = {
    head: new Map(),
    headBlob: new Map(),
    base: new Map(),
    templates: new Map(),
    atReview: new Map(),
    teams: new Map()
  }
  request.templates.forEach((path, i) =>
    content.templates.set(path, fileText(repository.base?.[`tf${i}`]))
  )
  request.paths.forEach((path, i) => {
    const head = repository.head?.[`f${i}`]
    content.head.set(path, fileText(head))
    if (head) content.headBlob.set(path, head.oid)
    content.base.set(path, fileText(repository.base?.[`f${i}`]))
  })
  request.reviewCommits.forEach((commit, i) => {
    const files = repository[`r${i}`]
    content.atReview.set(
      commit,
      new Map(request.paths.map((path, j) => [path, files?.[`f${j}`]?.oid]))
    )
  })
  for (const [i, [org, slug]] of teams.entries()) {
    const key = normaliseLogin(`${org}/${slug}`)
    const members = (data[`team${i}`] as Members)?.team?.members
    if (failedTeams.has(`team${i}`) || !members) {
      content.teams.set(key, 'unreadable')
      continue
    }
    content.teams.set(key, await allMembers(octokit, org, slug, members))
  }
  return content
}

/**
 * A team's members past the first page. A part of a team is not the team: when a later page
 * cannot be read, the whole team is unreadable, and sign-offs that need it fail closed.
 */
async function allMembers(
  octokit: Octokit,
  org: string,
  slug: string,
  first: Connection<{ login: string }>
): Promise<ReadonlySet<string> | 'unreadable'> {
  const logins = first.nodes.map(node => normaliseLogin(node.login))
  let page = first.pageInfo
  while (page.hasNextPage) {
    let more: Connection<{ login: string }> | undefined
    try {
      const next = await octokit.graphql<{
        organization: { team: { members: Connection<{ login: string }> } | null } | null
      }>(
        `query ReadinessGateTeam($org: String!, $slug: String!, $after: String!) {
          organization(login: $org) { team(slug: $slug) { members(first: ${PAGE}, after: $after) { nodes { login } ${PAGE_INFO} } } } }`,
        { org, slug, after: page.endCursor }
      )
      more = next.organization?.team?.members
    } catch (error) {
      core.warning(
        `The members of @${org}/${slug} past the first ${logins.length} could not be read (${error instanceof Error ? error.message : String(error)}): the team counts as unreadable.`
      )
      return 'unreadable'
    }
    if (!more) return 'unreadable'
    logins.push(...more.nodes.map(node => normaliseLogin(node.login)))
    page = more.pageInfo
  }
  return new Set(logins)
}

/** A GraphQL error whose every error lies under a team alias: the rest of the answer stands. */
function teamErrorsOnly(error: unknown): { data: unknown; aliases: Set<string> } | undefined {
  const response = error as { errors?: { path?: (string | number)[] }[]; data?: unknown }
  if (!response.errors || !response.data) return undefined
  const aliases = new Set<string>()
  for (const item of response.errors) {
    const alias = item.path?.[0]
    if (typeof alias !== 'string' || !/^team\d+$/.test(alias)) return undefined
    aliases.add(alias)
  }
  return { data: response.data, aliases }
}
