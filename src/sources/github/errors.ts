/** What to grant for each kind of request, when GitHub answers 403. */
const PERMISSIONS: [RegExp, string][] = [
  [/\/check-runs/, 'checks: write'],
  [/\/statuses\//, 'statuses: write'],
  [/\/issues\/(?:\d+\/)?comments/, 'pull-requests: write'],
  [/\/pulls\/\d+\/requested_reviewers/, 'pull-requests: write'],
  [/\/graphql$/, 'contents: read and pull-requests: read'],
  [/\/contents\//, 'contents: read']
]

interface ApiError {
  status?: number
  message?: string
  request?: { method?: string; url?: string }
}

/**
 * A sentence that says what went wrong with a GitHub request and what to do about it, or
 * undefined when the error is not one of GitHub's answers.
 */
export function explainApiError(error: unknown): string | undefined {
  const { status, message = '', request } = (error ?? {}) as ApiError
  if (typeof status !== 'number' || !request?.url) return undefined
  const what = `${request.method ?? 'GET'} ${new URL(request.url).pathname}`
  if (status === 401) {
    return `GitHub refused the token (401 on ${what}): pass a valid token in the token input.`
  }
  if (status === 403 && !/rate limit/i.test(message)) {
    const permission = PERMISSIONS.find(([pattern]) => pattern.test(request.url!))?.[1]
    return `GitHub answered "${message}" (403 on ${what}): ${
      permission
        ? `grant the workflow "permissions: ${permission}"`
        : 'grant the token the permission this request needs'
    }. On pull requests from forks the token is read-only: see "Fork pull requests" in the README.`
  }
  if (status === 404) {
    return `GitHub answered 404 on ${what}: the repository or pull request is not there, or the token may not read it (contents: read, pull-requests: read).`
  }
  return `GitHub answered ${status} on ${what}: ${message}`
}
