// A GitHub stand-in on loopback: a real HTTP server that answers the REST and GraphQL
// requests the action makes, from a scenario, held to GitHub's published descriptions.
// Everything it receives is recorded, and anything that strays from the descriptions (in the
// request or in its own response) is recorded as a violation with the reason.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { handleGraphql, preloadSchema } from './graphql.js'
import {
  checkAgainstComponent,
  checkRequest,
  checkResponse,
  matchRoute,
  preloadDescription,
  type Operation
} from './openapi.js'
import {
  IMPLEMENTED_OPERATIONS,
  notFound,
  permissionDenial,
  restHandler,
  type RateLimitWindow,
  type RestResult
} from './rest/index.js'
import { normalizeScenario, type Fault, type Scenario, type ScenarioInput } from './scenario.js'

export interface RecordedRequest {
  /** Order of arrival, from 1. */
  seq: number
  method: string
  path: string
  query: Record<string, string>
  /** The OpenAPI operationId, `graphql`, or `unknown` for a route GitHub does not have. */
  operationId: string
  /** The GraphQL operation's name, when the query has one. */
  graphqlOperationName?: string
  body: unknown
  /** 0 when the connection was dropped on purpose. */
  status: number
  /** When the request arrived and when its response was finished (ms, monotonic clock). */
  startMs: number
  endMs: number
  /** Which fault of the scenario shaped this response, if any. */
  fault?: string
}

export interface Violation {
  seq: number
  operationId: string
  /**
   * request: GitHub's description does not allow what was sent (a bug in the caller);
   * response: what the double answered does not match the description (a bug in the double);
   * unimplemented: a valid request the double cannot answer;
   * unvalidated: a response no schema covers (e.g. the raw media type), reported not checked.
   */
  kind: 'request' | 'response' | 'unimplemented' | 'unvalidated'
  reason: string
}

export interface DoubleOptions {
  /** Default: a free port chosen by the system. */
  port?: number
  /** Called when a request's response is finished (the standalone server logs with it). */
  onRequest?: (request: RecordedRequest, violations: Violation[]) => void
}

export interface GitHubDouble {
  /** Base URL for REST (GITHUB_API_URL), e.g. `http://127.0.0.1:41234`. */
  url: string
  /** GITHUB_GRAPHQL_URL: `<url>/graphql`. */
  graphqlUrl: string
  /** The live scenario: writes made through the API show up here. */
  state: Scenario
  requests: RecordedRequest[]
  violations: Violation[]
  close: () => Promise<void>
}

const REST_DOCS = 'https://docs.github.com/rest'
const GRAPHQL_AUTH_DOCS =
  'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql'
const SECONDARY_RATE_LIMIT_DOCS =
  'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits'
const RATE_LIMIT = 5000

const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6

/**
 * Starts the double on 127.0.0.1. The big API descriptions are loaded first, and the
 * validators of the operations it answers compiled, once per process.
 */
export async function startGitHubDouble(
  scenario: Scenario | ScenarioInput,
  options: DoubleOptions = {}
): Promise<GitHubDouble> {
  preloadDescription(IMPLEMENTED_OPERATIONS)
  preloadSchema()
  const state = normalizeScenario(scenario)
  const requests: RecordedRequest[] = []
  const violations: Violation[] = []
  const faultUses = state.faults.map(() => 0)
  /** Matching requests each fault has seen, including those its `after` let through. */
  const faultSeen = state.faults.map(() => 0)
  const resetAt = Math.floor(Date.now() / 1000) + 3600
  const used: Record<string, number> = { core: 0, graphql: 0 }
  const rateLimits = (): Record<string, RateLimitWindow> =>
    Object.fromEntries(
      ['core', 'graphql', 'search'].map(resource => {
        const count = used[resource] ?? 0
        return [
          resource,
          { limit: RATE_LIMIT, used: count, remaining: RATE_LIMIT - count, reset: resetAt }
        ]
      })
    )

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // A bug in the double itself: answer 500 and make sure a test notices.
      violations.push({
        seq: 0,
        operationId: 'unknown',
        kind: 'response',
        reason: `double crashed: ${String(error)}`
      })
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' })
      response.end(
        JSON.stringify({ message: 'GitHub double crashed', documentation_url: REST_DOCS })
      )
    })
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const startMs = monotonicMs()
    const url = new URL(request.url ?? '/', 'http://double.invalid')
    const method = request.method ?? 'GET'
    const record: RecordedRequest = {
      seq: requests.length + 1,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      operationId: 'unknown',
      body: undefined,
      status: 0,
      startMs,
      endMs: startMs
    }
    requests.push(record)
    const violate = (kind: Violation['kind'], reason: string) =>
      violations.push({ seq: record.seq, operationId: record.operationId, kind, reason })
    const rawBody = await readBody(request)

    const isGraphql = url.pathname === '/graphql' && method === 'POST'
    const route = isGraphql ? undefined : matchRoute(method, url.pathname)
    const operation = route?.kind === 'operation' ? route.operation : undefined
    record.operationId = isGraphql ? 'graphql' : (operation?.operationId ?? 'unknown')
    const resource = isGraphql ? 'graphql' : 'core'
    const requestId = randomRequestId()

    let body: unknown
    let bodyIsJson = true
    if (rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody)
      } catch {
        bodyIsJson = false
        body = rawBody
      }
    }
    record.body = body

    const send = (result: RestResult, extraHeaders: Record<string, string> = {}) => {
      used[resource] = (used[resource] ?? 0) + 1
      const window = rateLimits()[resource] as RateLimitWindow
      const headers: Record<string, string> = {
        'x-github-request-id': requestId,
        'x-github-api-version-selected': '2022-11-28',
        'x-ratelimit-limit': String(window.limit),
        'x-ratelimit-remaining': String(window.remaining),
        'x-ratelimit-reset': String(window.reset),
        'x-ratelimit-used': String(window.used),
        'x-ratelimit-resource': resource,
        ...result.headers,
        ...extraHeaders
      }
      let payload = ''
      if (result.raw !== undefined) {
        headers['content-type'] = result.raw.contentType
        payload = result.raw.text
      } else if (result.body !== undefined) {
        headers['content-type'] = 'application/json; charset=utf-8'
        headers['x-github-media-type'] = 'github.v3; format=json'
        payload = JSON.stringify(result.body)
      }
      // Recorded before writing, so a client that has its answer always sees it recorded.
      record.status = result.status
      record.endMs = monotonicMs()
      response.writeHead(result.status, headers)
      response.end(payload, () =>
        options.onRequest?.(
          record,
          violations.filter(violation => violation.seq === record.seq)
        )
      )
    }

    /** Sends an error GitHub may give on any route, checked against the description too. */
    const sendError = (result: RestResult, extraHeaders?: Record<string, string>) => {
      checkOutgoing(operation, result, violate)
      send(result, extraHeaders)
    }

    // Faults come first: they stand for GitHub failing, whatever the request.
    const applicable = state.faults
      .map((fault, index) => ({ fault, index }))
      .filter(({ fault, index }) => {
        if (!faultMatches(fault, record.operationId, method, url.pathname)) return false
        faultSeen[index]! += 1
        return (
          faultSeen[index]! > (fault.after ?? 0) &&
          (fault.times === undefined || faultUses[index]! < fault.times)
        )
      })
    let delay = state.latencyMs ?? 0
    for (const { fault, index } of applicable) {
      if (fault.type !== 'latency') continue
      delay += fault.ms
      faultUses[index]! += 1
    }
    if (delay > 0) await sleep(delay)
    const failure = applicable.find(({ fault }) => fault.type !== 'latency')
    if (failure !== undefined) {
      faultUses[failure.index]! += 1
      const { fault } = failure
      record.fault = `${fault.type} (${fault.route})`
      const docs = operation?.documentationUrl ?? REST_DOCS
      if (fault.type === 'drop') {
        request.socket.destroy()
        record.endMs = monotonicMs()
        options.onRequest?.(record, [])
        return
      }
      if (fault.type === 'secondary-rate-limit') {
        const message = `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`
        sendError(
          { status: fault.status, body: { message, documentation_url: SECONDARY_RATE_LIMIT_DOCS } },
          { 'retry-after': String(fault.retryAfterSeconds), 'x-ratelimit-remaining': '0' }
        )
        return
      }
      if (fault.type === 'status') {
        sendError({
          status: fault.status,
          body: {
            message: fault.message ?? defaultMessage(fault.status),
            documentation_url: docs,
            status: String(fault.status)
          }
        })
        return
      }
    }

    const credentials = /^(?:token|bearer)\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1]
    if (
      credentials === undefined ||
      (state.token.value !== undefined && credentials !== state.token.value)
    ) {
      const message =
        credentials === undefined
          ? isGraphql
            ? 'This endpoint requires you to be authenticated.'
            : 'Requires authentication'
          : 'Bad credentials'
      sendError({
        status: 401,
        body: {
          message,
          documentation_url: isGraphql ? GRAPHQL_AUTH_DOCS : REST_DOCS,
          status: '401'
        }
      })
      return
    }

    if (!bodyIsJson) {
      violate('request', 'the body is not valid JSON')
      sendError({
        status: 400,
        body: {
          message: 'Problems parsing JSON',
          documentation_url: operation?.documentationUrl ?? REST_DOCS,
          status: '400'
        }
      })
      return
    }

    if (isGraphql) {
      const outcome = handleGraphql(body, state, () => rateLimits().graphql as RateLimitWindow)
      record.graphqlOperationName = outcome.operationName
      for (const violation of outcome.violations) violate(violation.kind, violation.reason)
      send({ status: 200, body: outcome.body })
      return
    }

    if (route === undefined || route.kind !== 'operation' || operation === undefined) {
      violate(
        'request',
        route?.kind === 'method-not-allowed'
          ? `${method} ${url.pathname}: GitHub's description allows only ${route.allowed.join(', ')} on this route`
          : `${method} ${url.pathname}: no such route in GitHub's description`
      )
      sendError(notFound(REST_DOCS))
      return
    }

    const checked = checkRequest(operation, route.params, url.searchParams, body)
    for (const warning of checked.warnings) violate('request', warning)
    if (checked.invalid.length > 0) {
      for (const reason of checked.invalid) violate('request', reason)
      sendError({
        status: 422,
        body: {
          message: `Invalid request.\n\n${checked.invalid.join('\n')}`,
          documentation_url: operation.documentationUrl,
          status: '422'
        }
      })
      return
    }

    const handler = restHandler(operation.operationId)
    if (handler === undefined) {
      violate(
        'unimplemented',
        `${operation.operationId} (${method} ${operation.template}) is not implemented by the double`
      )
      sendError({
        status: 501,
        body: {
          message: `${operation.operationId} is not implemented by the GitHub double`,
          documentation_url: operation.documentationUrl
        }
      })
      return
    }
    const denial = permissionDenial(state, handler.needs, operation.documentationUrl)
    if (denial !== undefined) {
      sendError(denial)
      return
    }
    const accept = request.headers.accept ?? ''
    if (/\.(diff|patch|html|text|full)\b/.test(accept)) {
      violate('unimplemented', `media type ${accept} is not implemented by the double`)
      sendError({
        status: 501,
        body: {
          message: `media type ${accept} is not implemented by the GitHub double`,
          documentation_url: operation.documentationUrl
        }
      })
      return
    }
    const result = handler.handle({
      state,
      params: checked.params,
      query: checked.query,
      body: (body ?? {}) as Record<string, unknown>,
      apiUrl: baseUrl,
      requestUrl: url,
      wantsRaw: /\.raw\b/.test(accept),
      rateLimits,
      docs: operation.documentationUrl
    })
    checkOutgoing(operation, result, violate)
    send(result)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const baseUrl = `http://127.0.0.1:${port}`
  return {
    url: baseUrl,
    graphqlUrl: `${baseUrl}/graphql`,
    state,
    requests,
    violations,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close(error => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
  }
}

/**
 * Checks a response against the description. Success responses must be described for the
 * operation; errors GitHub can give on any route (401, 403, 404, 422, 5xx) are checked
 * against the operation's description of that status when it has one, else against GitHub's
 * generic `basic-error`.
 */
function checkOutgoing(
  operation: Operation | undefined,
  result: RestResult,
  violate: (kind: Violation['kind'], reason: string) => void
): void {
  if (result.raw !== undefined) {
    violate('unvalidated', `a ${result.raw.contentType} body has no schema in the description`)
    return
  }
  const described = operation?.responses[String(result.status)] !== undefined
  const problems =
    operation !== undefined && (result.status < 400 || described)
      ? checkResponse(operation, result.status, result.body)
      : checkAgainstComponent('basic-error', result.body)
  for (const problem of problems) violate('response', problem)
}

function faultMatches(fault: Fault, operationId: string, method: string, path: string): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false
  if (fault.route === '*') return true
  if (!fault.route.startsWith('/')) return fault.route === operationId
  return globToRegExp(fault.route).test(path)
}

/** `*` matches one path segment, `**` any number of them. */
function globToRegExp(glob: string): RegExp {
  const pattern = glob
    .split(/(\*\*|\*)/)
    .map(part =>
      part === '**' ? '.*' : part === '*' ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    )
    .join('')
  return new RegExp(`^${pattern}$`)
}

function defaultMessage(status: number): string {
  const messages: Record<number, string> = {
    403: 'Resource not accessible by integration',
    404: 'Not Found',
    422: 'Validation Failed',
    500: 'Internal Server Error',
    502: 'Server Error'
  }
  return messages[status] ?? 'Error'
}

/** Shaped like GitHub's `x-github-request-id` (hex groups separated by colons). */
function randomRequestId(): string {
  const hex = randomBytes(14).toString('hex').toUpperCase()
  return [
    hex.slice(0, 4),
    hex.slice(4, 8),
    hex.slice(8, 15),
    hex.slice(15, 22),
    hex.slice(22, 28)
  ].join(':')
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

/**
 * The number of sequential round trips in a record: the longest chain of requests where
 * each began after the previous one finished. Requests that overlap in time share a trip.
 * The double answers in well under a millisecond, so give it some latency (a `latency`
 * fault) when this matters: only then do requests sent together reliably overlap.
 */
export function roundTrips(requests: readonly RecordedRequest[]): number {
  const sorted = [...requests].sort((a, b) => a.startMs - b.startMs)
  const chain: number[] = []
  for (const [index, request] of sorted.entries()) {
    let longest = 0
    for (let before = 0; before < index; before += 1) {
      if (sorted[before]!.endMs <= request.startMs) longest = Math.max(longest, chain[before]!)
    }
    chain.push(longest + 1)
  }
  return Math.max(0, ...chain)
}
