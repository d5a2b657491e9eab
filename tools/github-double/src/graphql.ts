// The double's GraphQL side: every query is parsed and validated against GitHub's published
// schema (`@octokit/graphql-schema`) and then executed by graphql-js over the scenario.
// Resolvers are plain objects whose properties are the fields the double implements (a value,
// or a function of the field's arguments); asking for any other field is an error that says
// so, never a silent null.
import { schema as publishedSchema } from '@octokit/graphql-schema'
import {
  buildClientSchema,
  execute,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type IntrospectionQuery,
  type OperationDefinitionNode
} from 'graphql'
import type { PermissionName, PullRequest, Review, Scenario } from './scenario.js'
import { userTypeOf } from './scenario.js'
import {
  blobSha,
  changedFiles,
  directoryListing,
  entryAt,
  associatedPullRequests,
  findPull,
  mergedAt,
  resolveRevision,
  stableId
} from './repo-model.js'

const WEB_URL = 'https://github.com'

/** A GraphQL object: its implemented fields, each a value or a function of the arguments. */
type Model = { __typename?: string } & Record<string, unknown>
type Args = Record<string, unknown>

let schema: GraphQLSchema | undefined
function githubSchema(): GraphQLSchema {
  // The published SDL defines some fields twice and does not build; the introspection JSON
  // does (it is what the package's own `validate` uses).
  schema ??= buildClientSchema(publishedSchema.json as unknown as IntrospectionQuery)
  return schema
}

/** Loads the schema now (it takes a moment), e.g. before timing requests. */
export function preloadSchema(): void {
  githubSchema()
}

export interface GraphqlOutcome {
  body: { data?: unknown; errors?: unknown[] }
  operationName?: string
  /** Problems with the query (refused) or with the double (bad results, unimplemented fields). */
  violations: { kind: 'request' | 'response' | 'unimplemented'; reason: string }[]
}

/** GitHub puts an error's `type` at the top level of the error object. */
function githubError(message: string, type: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type } })
}

function notImplemented(what: string): GraphQLError {
  return githubError(`the GitHub double does not implement ${what}`, 'DOUBLE_NOT_IMPLEMENTED')
}

function formatError(error: GraphQLError): object {
  const json = { ...error.toJSON() }
  const type = error.extensions.type
  return type === undefined ? json : { type, ...json }
}

// Values of `first` and `last` must be within 1-100, and one of them is required
// (docs.github.com, "Rate limits and query limits for the GraphQL API", node limit).
// GitHub refuses the whole query for these, so they come back without data.
const QUERY_LEVEL_ERRORS = new Set(['MISSING_PAGINATION_BOUNDARIES', 'EXCESSIVE_PAGINATION'])

interface CheckedQuery {
  document: DocumentNode
  /** What validation against the schema found: GitHub refuses the query for any of these. */
  invalid: readonly GraphQLError[]
}

/**
 * Queries parsed and validated against the schema, by their text: a client sends the same few
 * queries again and again (with other variables), and validating one against GitHub's schema
 * takes milliseconds. Parse errors are not kept: `parse` throws them again.
 */
const checkedQueries = new Map<string, CheckedQuery>()

function checkedQuery(query: string): CheckedQuery {
  let checked = checkedQueries.get(query)
  if (checked === undefined) {
    const document = parse(query)
    checked = { document, invalid: validate(githubSchema(), document) }
    checkedQueries.set(query, checked)
  }
  return checked
}

export function handleGraphql(
  request: unknown,
  state: Scenario,
  rateLimit: () => { limit: number; remaining: number; used: number; reset: number }
): GraphqlOutcome {
  const { query, variables, operationName } = (request ?? {}) as Record<string, unknown>
  if (typeof query !== 'string') {
    const message = 'A query attribute must be specified and must be a string.'
    return { body: { errors: [{ message }] }, violations: [{ kind: 'request', reason: message }] }
  }
  let checked: CheckedQuery
  try {
    checked = checkedQuery(query)
  } catch (error) {
    const graphqlError = error as GraphQLError
    return {
      body: { errors: [formatError(graphqlError)] },
      violations: [{ kind: 'request', reason: graphqlError.message }]
    }
  }
  const { document, invalid } = checked
  const chosen = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === 'OperationDefinition' &&
      (typeof operationName !== 'string' || definition.name?.value === operationName)
  )
  const name = chosen?.name?.value
  if (invalid.length > 0) {
    return {
      body: { errors: invalid.map(formatError) },
      operationName: name,
      violations: invalid.map(error => ({ kind: 'request' as const, reason: error.message }))
    }
  }
  const result = execute({
    schema: githubSchema(),
    document,
    rootValue: chosen?.operation === 'query' ? queryRoot(state, rateLimit) : {},
    variableValues: (variables ?? {}) as Args,
    operationName: typeof operationName === 'string' ? operationName : undefined,
    fieldResolver: resolveImplementedField,
    typeResolver: value => (value as Model).__typename
  })
  if (result instanceof Promise) throw new Error('resolvers of the GitHub double are synchronous')
  const errors = result.errors ?? []
  const violations = errors.flatMap((error): GraphqlOutcome['violations'] => {
    const type = error.extensions.type
    if (type === 'DOUBLE_NOT_IMPLEMENTED') {
      return [{ kind: 'unimplemented' as const, reason: error.message }]
    }
    if (type !== undefined && !QUERY_LEVEL_ERRORS.has(String(type))) {
      return [] // NOT_FOUND, FORBIDDEN: answers GitHub gives, not mistakes
    }
    // Pagination limits and variables that do not fit their types (no path): GitHub refuses
    // these queries too. Any other error raised while executing is a bug in the double.
    const refused = type !== undefined || error.path === undefined
    return [{ kind: refused ? ('request' as const) : ('response' as const), reason: error.message }]
  })
  const queryLevel = errors.filter(error => QUERY_LEVEL_ERRORS.has(String(error.extensions.type)))
  const body =
    queryLevel.length > 0
      ? { errors: queryLevel.map(formatError) }
      : errors.length > 0
        ? { data: result.data ?? null, errors: errors.map(formatError) }
        : { data: result.data }
  return { body, operationName: name, violations }
}

const resolveImplementedField: GraphQLFieldResolver<unknown, unknown> = (
  source,
  args,
  _context,
  info
) => {
  const model = source as Model
  if (!Object.hasOwn(model, info.fieldName)) {
    const operation = info.operation.operation
    const owner = operation === 'query' ? info.parentType.name : `${operation} field`
    throw notImplemented(`${owner}.${info.fieldName}`)
  }
  const value = model[info.fieldName]
  return typeof value === 'function' ? (value as (args: Args) => unknown)(args) : value
}

// ---- connections ----

const encodeCursor = (index: number) => Buffer.from(`cursor:v2:${index}`).toString('base64')
function decodeCursor(cursor: unknown): number {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(String(cursor), 'base64').toString())
  if (match?.[1] === undefined)
    throw githubError(
      `\`${String(cursor)}\` does not appear to be a valid cursor.`,
      'INVALID_CURSOR_ARGUMENTS'
    )
  return Number(match[1])
}

/** A Relay connection over a list, with GitHub's limits on `first`/`last`. */
function connection<T>(
  items: T[],
  args: Args,
  field: string,
  toNode: (item: T) => Model,
  edgeExtras?: (item: T) => Model
): Model {
  const { first, last, after, before } = args as {
    first?: number
    last?: number
    after?: string
    before?: string
  }
  if (first == null && last == null) {
    throw githubError(
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`,
      'MISSING_PAGINATION_BOUNDARIES'
    )
  }
  for (const [name, value] of [
    ['first', first],
    ['last', last]
  ] as const) {
    if (value != null && value > 100) {
      throw githubError(
        `Requesting ${value} records on the \`${field}\` connection exceeds the \`${name}\` limit of 100 records.`,
        'EXCESSIVE_PAGINATION'
      )
    }
    if (value != null && value < 0)
      throw githubError(
        `\`${name}\` on the \`${field}\` connection cannot be less than zero.`,
        'INVALID_PAGINATION'
      )
  }
  let start = after == null ? 0 : decodeCursor(after) + 1
  let end = before == null ? items.length : Math.min(decodeCursor(before), items.length)
  if (first != null) end = Math.min(end, start + first)
  if (last != null) start = Math.max(start, end - last)
  const window = items.slice(start, end).map((item, offset) => ({ item, index: start + offset }))
  return {
    totalCount: items.length,
    nodes: window.map(({ item }) => toNode(item)),
    edges: window.map(({ item, index }) => ({
      cursor: encodeCursor(index),
      node: toNode(item),
      ...edgeExtras?.(item)
    })),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: window.length > 0 ? encodeCursor(start) : null,
      endCursor: window.length > 0 ? encodeCursor(end - 1) : null
    }
  }
}

// ---- models ----

function requirePermission(state: Scenario, permission: PermissionName): void {
  const level = state.token.permissions[permission] ?? 'none'
  if (level === 'none') {
    // GitHub's GraphQL answer for a GITHUB_TOKEN without the permission; the same text as
    // REST's 403 (cli/cli#4844: "error fetching organization teams: Resource not
    // accessible by integration").
    throw githubError('Resource not accessible by integration', 'FORBIDDEN')
  }
}

function actor(login: string): Model {
  const isBot = userTypeOf(login) === 'Bot'
  // GraphQL names a bot without the `[bot]` suffix REST shows (`github-actions`).
  const name = isBot ? login.replace(/\[bot\]$/, '') : login
  const id = stableId(login)
  return {
    __typename: isBot ? 'Bot' : 'User',
    id: `${isBot ? 'BOT' : 'U'}_${id}`,
    databaseId: id,
    login: name,
    url: isBot ? `${WEB_URL}/apps/${name}` : `${WEB_URL}/${name}`,
    resourcePath: isBot ? `/apps/${name}` : `/${name}`,
    avatarUrl: () => `https://avatars.githubusercontent.com/u/${id}?v=4`
  }
}

function queryRoot(
  state: Scenario,
  rateLimit: () => { limit: number; remaining: number; used: number; reset: number }
): Model {
  return {
    repository: ({ owner, name }: Args) => {
      if (
        String(owner).toLowerCase() !== state.repo.owner.toLowerCase() ||
        String(name).toLowerCase() !== state.repo.name.toLowerCase()
      ) {
        throw githubError(
          `Could not resolve to a Repository with the name '${String(owner)}/${String(name)}'.`,
          'NOT_FOUND'
        )
      }
      requirePermission(state, 'metadata')
      return repositoryModel(state)
    },
    organization: ({ login }: Args) => {
      const known =
        state.repo.owner === login ||
        Object.keys(state.teams).some(key => key.startsWith(`${String(login)}/`))
      if (!known)
        throw githubError(
          `Could not resolve to an Organization with the login of '${String(login)}'.`,
          'NOT_FOUND'
        )
      return organizationModel(state, String(login))
    },
    viewer: () => actor(state.token.login),
    rateLimit: () => {
      const window = rateLimit()
      return {
        cost: 1,
        limit: window.limit,
        remaining: window.remaining,
        used: window.used,
        nodeCount: 0,
        resetAt: new Date(window.reset * 1000).toISOString()
      }
    }
  }
}

function repositoryModel(state: Scenario): Model {
  const nameWithOwner = `${state.repo.owner}/${state.repo.name}`
  return {
    __typename: 'Repository',
    id: `R_${stableId(`repo:${nameWithOwner}`)}`,
    name: state.repo.name,
    nameWithOwner,
    owner: { __typename: state.repo.ownerType ?? 'Organization', login: state.repo.owner },
    isPrivate: state.repo.private ?? false,
    url: `${WEB_URL}/${nameWithOwner}`,
    defaultBranchRef: () => refModel(state, `refs/heads/${state.repo.defaultBranch}`),
    pullRequest: ({ number }: Args) => {
      requirePermission(state, 'pull-requests')
      const pull = findPull(state, Number(number))
      if (pull === undefined)
        throw githubError(
          `Could not resolve to a PullRequest with the number of ${String(number)}.`,
          'NOT_FOUND'
        )
      return pullRequestModel(state, pull)
    },
    object: ({ oid, expression }: Args) => {
      requirePermission(state, 'contents')
      if (oid != null) return String(oid) in state.commits ? commitModel(state, String(oid)) : null
      return objectByExpression(state, String(expression))
    },
    ref: ({ qualifiedName }: Args) => {
      requirePermission(state, 'contents')
      return refModel(state, String(qualifiedName))
    }
  }
}

/** `rev` or `rev:path`, as in `git rev-parse` (what `Repository.object(expression:)` takes). */
function objectByExpression(state: Scenario, expression: string): Model | null {
  const colon = expression.indexOf(':')
  const revision = colon === -1 ? expression : expression.slice(0, colon)
  const sha = resolveRevision(state, revision)
  if (sha === undefined) return null
  if (colon === -1) return commitModel(state, sha)
  const entry = entryAt(state, sha, expression.slice(colon + 1))
  if (entry === undefined) return null
  return entry.kind === 'file' ? blobModel(entry.text ?? '') : treeModel(state, sha, entry.path)
}

function refModel(state: Scenario, qualifiedName: string): Model | null {
  const name = qualifiedName.replace(/^refs\/heads\//, '')
  const sha = state.branches[name]
  if (sha === undefined) return null
  return {
    __typename: 'Ref',
    id: `REF_${stableId(`ref:${name}`)}`,
    name,
    prefix: 'refs/heads/',
    target: () => commitModel(state, sha),
    associatedPullRequests: (args: Args) => refPullRequests(state, name, args)
  }
}

function commitModel(state: Scenario, sha: string): Model {
  const commit = state.commits[sha]
  const message = commit?.message ?? `Commit ${sha.slice(0, 7)}`
  return {
    __typename: 'Commit',
    id: `C_${sha}`,
    oid: sha,
    abbreviatedOid: sha.slice(0, 7),
    message,
    messageHeadline: message.split('\n')[0],
    url: `${WEB_URL}/${state.repo.owner}/${state.repo.name}/commit/${sha}`,
    parents: (args: Args) =>
      connection(commit?.parent == null ? [] : [commit.parent], args, 'parents', parent =>
        commitModel(state, parent)
      ),
    file: ({ path }: Args) => {
      const entry = entryAt(state, sha, String(path))
      if (entry === undefined) return null
      return treeEntryModel(state, sha, entry)
    },
    tree: () => treeModel(state, sha, ''),
    associatedPullRequests: (args: Args) => commitPullRequests(state, sha, args)
  }
}

function treeEntryModel(
  state: Scenario,
  sha: string,
  entry: { kind: 'file' | 'dir'; path: string; text?: string }
): Model {
  const name = entry.path.split('/').pop() ?? entry.path
  const object =
    entry.kind === 'file' ? blobModel(entry.text ?? '') : treeModel(state, sha, entry.path)
  const dot = name.lastIndexOf('.')
  return {
    __typename: 'TreeEntry',
    name,
    path: entry.path,
    oid: object.oid,
    type: entry.kind === 'file' ? 'blob' : 'tree',
    mode: entry.kind === 'file' ? 0o100644 : 0o040000,
    extension: entry.kind === 'file' && dot > 0 ? name.slice(dot) : null,
    size: entry.kind === 'file' ? Buffer.byteLength(entry.text ?? '') : 0,
    lineCount:
      entry.kind === 'file'
        ? (entry.text ?? '').split('\n').length - ((entry.text ?? '').endsWith('\n') ? 1 : 0)
        : null,
    isGenerated: false,
    object
  }
}

function blobModel(text: string): Model {
  const oid = blobSha(text)
  return {
    __typename: 'Blob',
    id: `B_${oid}`,
    oid,
    abbreviatedOid: oid.slice(0, 7),
    text,
    byteSize: Buffer.byteLength(text),
    isBinary: false,
    isTruncated: false
  }
}

function treeModel(state: Scenario, sha: string, path: string): Model {
  const oid = blobSha(`tree:${sha}:${path}`) // stable and distinct; real tree ids hash the entries
  return {
    __typename: 'Tree',
    id: `T_${oid}`,
    oid,
    abbreviatedOid: oid.slice(0, 7),
    entries: () =>
      directoryListing(state, sha, path).map(entry => treeEntryModel(state, sha, entry))
  }
}

/**
 * Each reviewer's latest review that expressed an opinion: APPROVED or CHANGES_REQUESTED.
 * COMMENTED and PENDING reviews are no opinion, and a DISMISSED review no longer counts,
 * so the reviewer's latest earlier opinion (if any) stands. In order of submission.
 */
/** Reviews in the order they were submitted (stable); pending ones, not yet submitted, last. */
function bySubmission(reviews: readonly Review[]): Review[] {
  const time = (review: Review) =>
    review.submittedAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(review.submittedAt)
  return [...reviews].sort((a, b) => {
    const [x, y] = [time(a), time(b)]
    return x === y ? 0 : x < y ? -1 : 1
  })
}

export function latestOpinionatedReviews(
  state: Scenario,
  pull: PullRequest,
  writersOnly: boolean
): Review[] {
  const latest = new Map<string, Review>()
  const bySubmission = [...pull.reviews].sort(
    (a, b) => Date.parse(a.submittedAt ?? '') - Date.parse(b.submittedAt ?? '')
  )
  for (const review of bySubmission) {
    if (review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED')
      latest.set(review.login, review)
  }
  const isWriter = (login: string) => {
    if (state.collaborators === undefined) return true
    const permission = state.collaborators[login]
    return permission === 'write' || permission === 'maintain' || permission === 'admin'
  }
  return [...latest.values()]
    .filter(review => !writersOnly || isWriter(review.login))
    .sort((a, b) => Date.parse(a.submittedAt ?? '') - Date.parse(b.submittedAt ?? ''))
}

// ---- pull requests by head: Ref.associatedPullRequests, Commit.associatedPullRequests ----

/** The PullRequestState GitHub gives a scenario pull request. */
function pullRequestState(pull: PullRequest): 'OPEN' | 'CLOSED' | 'MERGED' {
  return pull.merged === true ? 'MERGED' : pull.state === 'open' ? 'OPEN' : 'CLOSED'
}

/** Pull requests in the order GitHub's default `orderBy` (CREATED_AT ASC) gives. */
function byCreation(pulls: PullRequest[]): PullRequest[] {
  return [...pulls].sort(
    (a, b) =>
      Date.parse(a.createdAt ?? '2026-01-01T00:00:00Z') -
        Date.parse(b.createdAt ?? '2026-01-01T00:00:00Z') || a.number - b.number
  )
}

/** Only GitHub's default order is implemented; any other is said to be unimplemented. */
function defaultOrderOnly(args: Args, owner: string): void {
  const order = args.orderBy as { field?: string; direction?: string } | null | undefined
  if (order != null && !(order.field === 'CREATED_AT' && order.direction === 'ASC'))
    throw notImplemented(`${owner}.associatedPullRequests(orderBy: ${JSON.stringify(order)})`)
  if (args.labels != null) throw notImplemented(`${owner}.associatedPullRequests(labels:)`)
}

/**
 * `Ref.associatedPullRequests`: "pull requests with this ref as the head ref" (of this
 * repository, so not those from forks), filtered by `states`, `baseRefName`, `headRefName`.
 */
function refPullRequests(state: Scenario, branch: string, args: Args): Model {
  defaultOrderOnly(args, 'Ref')
  const states = args.states as string[] | null | undefined
  const pulls = state.pullRequests.filter(
    pull =>
      pull.head.ref === branch &&
      pull.head.repo === undefined &&
      (states == null || states.includes(pullRequestState(pull))) &&
      (args.baseRefName == null || pull.base.ref === args.baseRefName) &&
      (args.headRefName == null || pull.head.ref === args.headRefName)
  )
  return connection(byCreation(pulls), args, 'associatedPullRequests', pull =>
    pullRequestModel(state, pull)
  )
}

/**
 * `Commit.associatedPullRequests`: "the merged pull request that introduced the commit to the
 * repository. If the commit is not present in the default branch, additionally returns open
 * pull requests associated with the commit": here, those that merged it, or hold it among
 * their own commits (see repo-model's associatedPullRequests, which REST's twin shares).
 */
function commitPullRequests(state: Scenario, sha: string, args: Args): Model {
  defaultOrderOnly(args, 'Commit')
  return connection(associatedPullRequests(state, sha), args, 'associatedPullRequests', pull =>
    pullRequestModel(state, pull)
  )
}

// ---- write access of a review's author (code owners need it) ----

/**
 * `PullRequestReview.authorCanPushToRepository`: whether the author has push access now, i.e.
 * `write`, `maintain` or `admin` under `collaborators` (the repository's owner always). Without
 * `collaborators` in the scenario everyone is a writer, as for `writersOnly`.
 */
export function authorCanPush(state: Scenario, login: string): boolean {
  if (state.collaborators === undefined || login === state.repo.owner) return true
  const permission = state.collaborators[login]
  return permission === 'write' || permission === 'maintain' || permission === 'admin'
}

function pullRequestModel(state: Scenario, pull: PullRequest): Model {
  const nameWithOwner = `${state.repo.owner}/${state.repo.name}`
  const headRepository = pull.head.repo ?? nameWithOwner
  const files = () => changedFiles(state, pull)
  const review = (item: Review): Model => ({
    __typename: 'PullRequestReview',
    id: `PRR_${item.id}`,
    databaseId: item.id,
    author: actor(item.login),
    state: item.state,
    body: item.body ?? '',
    submittedAt: item.submittedAt ?? null,
    publishedAt: item.submittedAt ?? null,
    createdAt: item.submittedAt ?? pull.createdAt ?? '2026-01-01T00:00:00Z',
    url: `${WEB_URL}/${nameWithOwner}/pull/${pull.number}#pullrequestreview-${item.id}`,
    commit: item.commit in state.commits ? commitModel(state, item.commit) : null,
    authorCanPushToRepository: () => authorCanPush(state, item.login)
  })
  return {
    __typename: 'PullRequest',
    id: `PR_${stableId(`pull:${pull.number}`)}`,
    databaseId: stableId(`pull:${pull.number}`),
    number: pull.number,
    title: pull.title,
    body: pull.body ?? '',
    state: pull.merged === true ? 'MERGED' : pull.state === 'open' ? 'OPEN' : 'CLOSED',
    merged: pull.merged ?? false,
    mergeCommit: () =>
      pull.mergeCommit === undefined ? null : commitModel(state, pull.mergeCommit),
    mergedAt: pull.merged === true ? mergedAt(pull) : null,
    isDraft: pull.draft ?? false,
    url: `${WEB_URL}/${nameWithOwner}/pull/${pull.number}`,
    createdAt: pull.createdAt ?? '2026-01-01T00:00:00Z',
    author: actor(pull.author),
    baseRefName: pull.base.ref,
    baseRefOid: pull.base.sha,
    headRefName: pull.head.ref,
    headRefOid: pull.head.sha,
    baseRef: () => refModel(state, pull.base.ref),
    headRef: () => (pull.head.repo === undefined ? refModel(state, pull.head.ref) : null),
    headRepository: {
      __typename: 'Repository',
      name: headRepository.split('/')[1],
      nameWithOwner: headRepository,
      owner: { __typename: 'User', login: headRepository.split('/')[0] }
    },
    headRepositoryOwner: actor(headRepository.split('/')[0] ?? ''),
    isCrossRepository: pull.head.repo !== undefined && pull.head.repo !== nameWithOwner,
    changedFiles: () => files().length,
    additions: () => files().reduce((sum, file) => sum + file.additions, 0),
    deletions: () => files().reduce((sum, file) => sum + file.deletions, 0),
    latestOpinionatedReviews: (args: Args) =>
      connection(
        latestOpinionatedReviews(state, pull, args.writersOnly === true),
        args,
        'latestOpinionatedReviews',
        review
      ),
    reviews: (args: Args) => {
      const states = args.states as string[] | null | undefined
      const author = args.author as string | null | undefined
      const visible = pull.reviews.filter(
        item =>
          (item.state !== 'PENDING' || item.login === state.token.login) &&
          (states == null || states.includes(item.state)) &&
          (author == null || item.login === author)
      )
      // GitHub lists reviews oldest first, whatever order the scenario has them in; a review
      // keeps its state when dismissed (DISMISSED) and its place; a pending one comes last.
      return connection(bySubmission(visible), args, 'reviews', review)
    },
    // Pending review requests: users first, then teams, as the scenario (and the REST
    // `requested_reviewers` write) has them.
    reviewRequests: (args: Args) =>
      connection(
        [
          ...(pull.requestedReviewers ?? []).map(login => ({ login })),
          ...(pull.requestedTeams ?? []).map(slug => ({ slug }))
        ],
        args,
        'reviewRequests',
        request => {
          const key = 'login' in request ? request.login : `team:${request.slug}`
          return {
            __typename: 'ReviewRequest',
            id: `RR_${stableId(`review-request:${pull.number}:${key}`)}`,
            databaseId: stableId(`review-request:${pull.number}:${key}`),
            asCodeOwner: false,
            requestedReviewer:
              'login' in request
                ? actor(request.login)
                : teamModel(state, state.repo.owner, request.slug)
          }
        }
      ),
    files: (args: Args) =>
      connection(files(), args, 'files', file => ({
        __typename: 'PullRequestChangedFile',
        path: file.path,
        additions: file.additions,
        deletions: file.deletions,
        changeType: {
          added: 'ADDED',
          removed: 'DELETED',
          modified: 'MODIFIED',
          renamed: 'RENAMED'
        }[file.status]
      })),
    comments: (args: Args) =>
      connection(pull.comments, args, 'comments', comment => ({
        __typename: 'IssueComment',
        id: `IC_${comment.id}`,
        databaseId: comment.id,
        author: actor(comment.login),
        body: comment.body,
        createdAt: comment.createdAt ?? '2026-01-01T00:00:00Z',
        updatedAt: comment.updatedAt ?? comment.createdAt ?? '2026-01-01T00:00:00Z',
        url: `${WEB_URL}/${nameWithOwner}/pull/${pull.number}#issuecomment-${comment.id}`,
        viewerDidAuthor: comment.login === state.token.login
      }))
  }
}

function organizationModel(state: Scenario, login: string): Model {
  return {
    __typename: 'Organization',
    id: `O_${stableId(`org:${login}`)}`,
    login,
    team: ({ slug }: Args) => {
      requirePermission(state, 'members')
      if (state.teams[`${login}/${String(slug)}`] === undefined) return null
      return teamModel(state, login, String(slug))
    }
  }
}

/**
 * A team of an organization. Its members need `members: read`, asked for when they are read:
 * a pending review request names the team (slug, organization) without it.
 */
function teamModel(state: Scenario, login: string, slug: string): Model {
  return {
    __typename: 'Team',
    id: `T_${stableId(`team:${login}/${slug}`)}`,
    slug,
    name: slug,
    combinedSlug: `${login}/${slug}`,
    organization: () => organizationModel(state, login),
    members: (args: Args) => {
      requirePermission(state, 'members')
      const members = state.teams[`${login}/${slug}`] ?? []
      // The scenario has no nested teams: everyone is an immediate, non-maintainer member.
      const list = members.filter(
        member =>
          args.membership !== 'CHILD_TEAM' &&
          args.role !== 'MAINTAINER' &&
          (args.query == null || member.toLowerCase().includes(String(args.query).toLowerCase()))
      )
      return connection(
        list,
        args,
        'members',
        member => actor(member),
        () => ({ role: 'MEMBER' })
      )
    }
  }
}
