// Holds the double's REST side to GitHub's published OpenAPI description
// (`@octokit/openapi`, api.github.com): which routes exist, what their bodies and query
// parameters may be, and what their responses look like. Loaded once per process, lazily.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'

// ajv-formats is CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

type Json = Record<string, unknown>

export interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: Json
  'x-multi-segment'?: boolean
}

export interface Operation {
  operationId: string
  method: string
  /** The path template, e.g. `/repos/{owner}/{repo}/pulls/{pull_number}`. */
  template: string
  parameters: Parameter[]
  requestBody?: { required?: boolean; content: Record<string, { schema?: Json }> }
  responses: Record<string, Json>
  documentationUrl: string
}

export type RouteMatch =
  | { kind: 'operation'; operation: Operation; params: Record<string, string> }
  | { kind: 'no-route' }
  | { kind: 'method-not-allowed'; allowed: string[] }

interface Route {
  template: string
  segments: string[]
  /** Literal segments first: `/pulls/comments` must win over `/pulls/{pull_number}`. */
  specificity: string
  /** Path parameters that may span several segments (`contents/{path}`). */
  multiSegment: Set<string>
  operations: Map<string, Operation>
}

interface Description {
  doc: Json
  routes: Route[]
  ajv: Ajv
  validators: Map<string, ValidateFunction>
  /** Operations whose validators are all compiled (see preloadDescription). */
  compiled: Set<string>
}

const SCHEMA_BASE = 'https://github-double.invalid/openapi.json'
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
let description: Description | undefined

function load(): Description {
  if (description !== undefined) return description
  const require = createRequire(import.meta.url)
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json')
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Json
  prepareSchemas(doc)

  // Each component (a repository, a user, …) is compiled once and called from every schema
  // that refers to it, not copied into each (inlineRefs), and the generated code is not
  // optimised: the double compiles far more than it validates, and this halves compiling.
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateSchema: false,
    inlineRefs: false,
    code: { optimize: false }
  })
  addFormats(ajv)
  addOpenApiFormats(ajv)
  // Only the component schemas are registered; operation schemas reach them by $ref.
  ajv.addSchema({ $id: SCHEMA_BASE, components: { schemas: (doc.components as Json).schemas } })

  const routes: Route[] = []
  for (const [template, item] of Object.entries(doc.paths as Record<string, Json>)) {
    const operations = new Map<string, Operation>()
    const shared = (item.parameters as Json[] | undefined) ?? []
    for (const method of METHODS) {
      const raw = item[method] as Json | undefined
      if (raw === undefined) continue
      operations.set(method.toUpperCase(), {
        operationId: raw.operationId as string,
        method: method.toUpperCase(),
        template,
        parameters: [...shared, ...((raw.parameters as Json[] | undefined) ?? [])].map(
          parameter => deref(doc, parameter) as unknown as Parameter
        ),
        requestBody:
          raw.requestBody === undefined
            ? undefined
            : (deref(doc, raw.requestBody as Json) as Operation['requestBody']),
        responses: raw.responses as Record<string, Json>,
        documentationUrl:
          ((raw.externalDocs as Json | undefined)?.url as string | undefined) ??
          'https://docs.github.com/rest'
      })
    }
    const segments = template.split('/').slice(1)
    const multiSegment = new Set(
      [...operations.values()].flatMap(operation =>
        operation.parameters.filter(p => p['x-multi-segment'] === true).map(p => p.name)
      )
    )
    routes.push({
      template,
      segments,
      multiSegment,
      specificity: segments.map(segment => (segment.startsWith('{') ? '1' : '0')).join(''),
      operations
    })
  }
  routes.sort((a, b) => a.specificity.localeCompare(b.specificity))
  description = { doc, routes, ajv, validators: new Map(), compiled: new Set() }
  return description
}

/** Follows a local `$ref` (`#/components/...`) to the object it names. */
function deref(doc: Json, value: Json): Json {
  let current = value
  while (typeof current.$ref === 'string') {
    const pointer = current.$ref.replace(/^#\//, '').split('/')
    current = pointer.reduce<Json>(
      (node, key) => node[key.replaceAll('~1', '/').replaceAll('~0', '~')] as Json,
      doc
    )
  }
  return current
}

/**
 * Makes GitHub's OpenAPI 3.0 schemas plain JSON Schema that ajv understands, in place:
 * - `nullable: true` becomes a `null` type (or an `anyOf` with null when there is no `type`);
 * - `oneOf` becomes `anyOf`: GitHub's description uses `oneOf` for alternatives that overlap
 *   (a body valid for two of them would be refused by a strict `oneOf`, but GitHub takes it);
 * - schema `$ref`s point into the registered component schemas so any fragment compiles alone.
 */
function prepareSchemas(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) prepareSchemas(item)
    return
  }
  if (node === null || typeof node !== 'object') return
  const object = node as Json
  for (const value of Object.values(object)) prepareSchemas(value)
  if (typeof object.$ref === 'string' && object.$ref.startsWith('#/components/schemas/')) {
    object.$ref = SCHEMA_BASE + object.$ref
  }
  if (Array.isArray(object.oneOf)) {
    object.anyOf = object.oneOf
    delete object.oneOf
  }
  if (object.nullable === true) {
    delete object.nullable
    if (typeof object.type === 'string') {
      object.type = [object.type, 'null']
      if (Array.isArray(object.enum) && !object.enum.includes(null)) object.enum.push(null)
    } else {
      const inner = { ...object }
      for (const key of Object.keys(object)) delete object[key]
      object.anyOf = [inner, { type: 'null' }]
    }
  }
}

/** OpenAPI formats that JSON Schema does not define, checked for what they promise. */
function addOpenApiFormats(ajv: Ajv): void {
  const int32 = (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31
  ajv.addFormat('int32', { type: 'number', validate: int32 })
  ajv.addFormat('int64', { type: 'number', validate: n => Number.isInteger(n) })
  ajv.addFormat('double', { type: 'number', validate: n => Number.isFinite(n) })
  ajv.addFormat('timestamp', { type: 'number', validate: n => Number.isInteger(n) })
  ajv.addFormat('repo.nwo', /^[^/\s]+\/[^/\s]+$/)
  // A URI template such as `https://api.github.com/users/octocat/gists{/gist_id}`.
  ajv.addFormat('uri-template', /^\S*$/)
  ajv.addFormat('binary', () => true)
}

/** Finds the operation for a request path (percent-encoded, without the query). */
export function matchRoute(method: string, pathname: string): RouteMatch {
  const { routes } = load()
  const segments = pathname.replace(/\/+$/, '').split('/').slice(1)
  let allowed: string[] | undefined
  // A parameter that may span segments (`commits/{ref}`) is tried only when no route
  // matches segment for segment, so `commits/{ref}/check-runs` is not read as one long ref.
  for (const spanSegments of [false, true]) {
    for (const route of routes) {
      const params = matchSegments(route, segments, spanSegments)
      if (params === undefined) continue
      const operation = route.operations.get(method.toUpperCase())
      if (operation !== undefined) return { kind: 'operation', operation, params }
      allowed ??= [...route.operations.keys()]
    }
    if (allowed !== undefined) return { kind: 'method-not-allowed', allowed }
  }
  return { kind: 'no-route' }
}

function matchSegments(
  route: Route,
  segments: string[],
  spanSegments: boolean
): Record<string, string> | undefined {
  const params: Record<string, string> = {}
  for (const [index, part] of route.segments.entries()) {
    const name = /^\{(.+)\}$/.exec(part)?.[1]
    if (name === undefined) {
      if (segments[index] !== part) return undefined
      continue
    }
    // `contents/{path}` takes the rest of the URL (`docs/a/b.md`); others one segment.
    const restOfPath =
      spanSegments && index === route.segments.length - 1 && route.multiSegment.has(name)
    const value = restOfPath ? segments.slice(index).join('/') : segments[index]
    if (value === undefined || value === '') return undefined
    params[name] = restOfPath ? value.split('/').map(safeDecode).join('/') : safeDecode(value)
    if (restOfPath) return params
  }
  return segments.length === route.segments.length ? params : undefined
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

function validatorFor(key: string, schema: Json): ValidateFunction {
  const { ajv, validators } = load()
  let validate = validators.get(key)
  if (validate === undefined) {
    validate = ajv.compile(schema)
    validators.set(key, validate)
  }
  return validate
}

function describeErrors(validate: ValidateFunction, where: string): string[] {
  return (validate.errors ?? []).map(error => {
    const extra =
      error.keyword === 'additionalProperties'
        ? ` (${String((error.params as { additionalProperty: string }).additionalProperty)})`
        : error.keyword === 'enum'
          ? ` (${(error.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')})`
          : ''
    return `${where}${error.instancePath} ${error.message ?? 'is invalid'}${extra}`
  })
}

/** A parameter value from the URL, as the type its schema declares (`"2"` → 2). */
function coerce(value: string, schema: Json | undefined): unknown {
  const type = schema?.type
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value))
    return Number(value)
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true'
  return value
}

export interface RequestCheck {
  /** Reasons GitHub would refuse the request (422). */
  invalid: string[]
  /** Things GitHub would silently ignore but that are almost surely mistakes. */
  warnings: string[]
  /** Query parameters converted to their declared types. */
  query: Record<string, unknown>
  params: Record<string, unknown>
}

/** Validates path and query parameters and the JSON body against the operation. */
export function checkRequest(
  operation: Operation,
  params: Record<string, string>,
  query: URLSearchParams,
  body: unknown
): RequestCheck {
  const invalid: string[] = []
  const warnings: string[] = []
  const typedQuery: Record<string, unknown> = {}
  const typedParams: Record<string, unknown> = {}
  for (const parameter of operation.parameters) {
    if (parameter.in !== 'path' && parameter.in !== 'query') continue
    const raw = parameter.in === 'path' ? params[parameter.name] : query.get(parameter.name)
    if (raw === undefined || raw === null) {
      if (parameter.required === true)
        invalid.push(`missing ${parameter.in} parameter ${parameter.name}`)
      continue
    }
    const value = coerce(raw, parameter.schema)
    const validate = parameterValidator(operation, parameter)
    if (validate !== undefined && !validate(value))
      invalid.push(...describeErrors(validate, `${parameter.in} parameter ${parameter.name}`))
    if (parameter.in === 'path') typedParams[parameter.name] = value
    else typedQuery[parameter.name] = value
  }
  const known = new Set(operation.parameters.filter(p => p.in === 'query').map(p => p.name))
  for (const name of query.keys()) {
    if (!known.has(name))
      warnings.push(`query parameter ${name} is not described for ${operation.operationId}`)
  }

  const validateBody = bodyValidator(operation)
  if (body === undefined) {
    if (operation.requestBody?.required === true) invalid.push('a request body is required')
  } else if (operation.requestBody === undefined) {
    warnings.push(`${operation.operationId} takes no request body`)
  } else if (validateBody === undefined) {
    warnings.push(`${operation.operationId} has no JSON body schema; the body was not validated`)
  } else if (!validateBody(body)) {
    invalid.push(...describeErrors(validateBody, 'body'))
  }
  return { invalid, warnings, query: typedQuery, params: typedParams }
}

/**
 * Validates a response the double is about to send. Returns the reasons it does not match
 * the description (an empty list when it does).
 */
export function checkResponse(operation: Operation, status: number, body: unknown): string[] {
  const declared = operation.responses[String(status)]
  if (declared === undefined) {
    return [`status ${status} is not described for ${operation.operationId}`]
  }
  const content = responseContent(declared)
  if (content === undefined) {
    return body === undefined ? [] : [`status ${status} of ${operation.operationId} has no body`]
  }
  const validate = responseValidator(operation, String(status))
  if (validate === undefined) {
    return [`status ${status} of ${operation.operationId} has no JSON schema to validate against`]
  }
  return validate(body) ? [] : describeErrors(validate, `response ${status}`)
}

function parameterValidator(
  operation: Operation,
  parameter: Parameter
): ValidateFunction | undefined {
  if (parameter.schema === undefined) return undefined
  return validatorFor(
    `${operation.operationId} ${parameter.in} ${parameter.name}`,
    parameter.schema
  )
}

function bodyValidator(operation: Operation): ValidateFunction | undefined {
  const schema = operation.requestBody?.content['application/json']?.schema
  return schema === undefined ? undefined : validatorFor(`${operation.operationId} body`, schema)
}

function responseContent(declared: Json): Record<string, { schema?: Json }> | undefined {
  return deref(load().doc, declared).content as Record<string, { schema?: Json }> | undefined
}

function responseValidator(operation: Operation, status: string): ValidateFunction | undefined {
  const declared = operation.responses[status]
  const schema = declared && responseContent(declared)?.['application/json']?.schema
  return schema === undefined
    ? undefined
    : validatorFor(`${operation.operationId} ${status}`, schema)
}

/**
 * Validates a body against one named component schema (e.g. `basic-error`), for responses
 * GitHub sends on any route (401, 403, injected faults) that an operation may not list.
 */
export function checkAgainstComponent(name: string, body: unknown): string[] {
  const validate = validatorFor(`component ${name}`, {
    $ref: `${SCHEMA_BASE}#/components/schemas/${name}`
  })
  return validate(body) ? [] : describeErrors(validate, name)
}

/**
 * Loads the description now (it takes a moment), and compiles every validator of these
 * operations: their parameters, request body and described responses. Compiling one takes up
 * to a tenth of a second, which holds up every request that arrives meanwhile: done while a
 * test is timing requests, it would make requests sent together look sequential.
 */
export function preloadDescription(operationIds: Iterable<string> = []): void {
  const { routes, compiled } = load()
  const wanted = new Set([...operationIds].filter(id => !compiled.has(id)))
  if (wanted.size === 0) return
  for (const operation of routes.flatMap(route => [...route.operations.values()])) {
    if (!wanted.has(operation.operationId)) continue
    for (const parameter of operation.parameters) parameterValidator(operation, parameter)
    bodyValidator(operation)
    for (const status of Object.keys(operation.responses)) responseValidator(operation, status)
    compiled.add(operation.operationId)
  }
}
