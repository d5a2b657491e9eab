// The REST operations the double answers, over the scenario, by API area. Each handler returns
// what GitHub would: the server validates every response against the published description,
// so a field forgotten here shows up as a response violation in the tests.
import type { Handler } from './common.js'
import { REPOS_HANDLERS } from './repos.js'
import { PULLS_HANDLERS } from './pulls.js'
import { CHECKS_HANDLERS } from './checks.js'
import { ISSUES_HANDLERS } from './issues.js'
import { TEAMS_HANDLERS } from './teams.js'

export {
  type Handler,
  notFound,
  permissionDenial,
  type RateLimitWindow,
  type RestContext,
  type RestResult,
  WEB_URL
} from './common.js'
export { repositoryJson, userJson } from './json.js'

/** The operations the double implements, by operationId. */
const HANDLERS: Record<string, Handler> = {
  ...REPOS_HANDLERS,
  ...PULLS_HANDLERS,
  ...CHECKS_HANDLERS,
  ...ISSUES_HANDLERS,
  ...TEAMS_HANDLERS
}

/** The operationIds the double implements. */
export const IMPLEMENTED_OPERATIONS: readonly string[] = Object.keys(HANDLERS)

export function restHandler(operationId: string): Handler | undefined {
  return HANDLERS[operationId]
}
