// What every REST handler shares: the request context, errors, pagination, permissions.
import type {
  IssueComment,
  PermissionLevel,
  PermissionName,
  PullRequest,
  Scenario
} from '../scenario.js'
import { findPull } from '../repo-model.js'

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

export interface Handler {
  /** The token permission the operation needs; any one of several names will do. */
  needs: { permission: PermissionName[]; level: Exclude<PermissionLevel, 'none'> }
  handle: (context: RestContext) => RestResult
}

export const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
export const EPOCH = '2026-01-01T00:00:00Z'

export function notFound(documentationUrl: string): RestResult {
  return {
    status: 404,
    body: { message: 'Not Found', documentation_url: documentationUrl, status: '404' }
  }
}

export function validationFailed(message: string, documentationUrl: string): RestResult {
  return { status: 422, body: { message, documentation_url: documentationUrl, status: '422' } }
}

// ---- pagination ----

/** One page of a list as GitHub serves it: `per_page` (≤ 100), `page`, and a `link` header. */
export function paginate<T>(
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

export const read = (...permission: PermissionName[]) => ({ permission, level: 'read' as const })
export const write = (...permission: PermissionName[]) => ({ permission, level: 'write' as const })

export function pullOr404(context: RestContext, documentationUrl: string, key = 'pull_number') {
  const pull = findPull(context.state, Number(context.params[key]))
  return pull === undefined ? notFound(documentationUrl) : pull
}

export function findComment(
  state: Scenario,
  id: number
): { pull: PullRequest; comment: IssueComment } | undefined {
  for (const pull of state.pullRequests) {
    const comment = pull.comments.find(candidate => candidate.id === id)
    if (comment !== undefined) return { pull, comment }
  }
  return undefined
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
