import { readFileSync } from 'node:fs'
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { normalizeScenario, ScenarioError, type ScenarioInput } from '../src/index.js'
import { roundTrips, startGitHubDouble, type GitHubDouble } from '../src/index.js'

const BASE = '1111111111111111111111111111111111111111'
const MIDDLE = '2222222222222222222222222222222222222222'
const HEAD = '3333333333333333333333333333333333333333'
const CHECKLIST = 'docs/releases/release-2026.11.md'
const repo = { owner: 'acme', repo: 'payments' }

function example(): ScenarioInput {
  const url = new URL('../src/example-scenario.json', import.meta.url)
  return JSON.parse(readFileSync(url, 'utf8')) as ScenarioInput
}

// Every double started here is checked at the end: nothing it served may stray from
// GitHub's description, whatever the individual test was about.
const started: GitHubDouble[] = []
async function start(scenario: ScenarioInput = example()): Promise<GitHubDouble> {
  const double = await startGitHubDouble(scenario)
  started.push(double)
  return double
}
const octokitFor = (double: GitHubDouble) => getOctokit('ghs_test', { baseUrl: double.url })

afterEach(async () => {
  await Promise.all(started.map(double => double.close().catch(() => undefined)))
})
afterAll(() => {
  const bad = started.flatMap(double =>
    double.violations.filter(violation => violation.kind === 'response')
  )
  expect(bad).toEqual([])
})

describe('fidelity to GitHub’s published descriptions', () => {
  it('refuses a route GitHub does not have, with the reason', async () => {
    const double = await start()
    const response = await fetch(`${double.url}/repos/acme/payments/checkruns`, {
      headers: { authorization: 'token x' }
    })
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ message: 'Not Found' })
    expect(double.violations).toEqual([
      expect.objectContaining({ kind: 'request', reason: expect.stringContaining('no such route') })
    ])
  })

  it('refuses a body field of the wrong value or type with 422 and names it', async () => {
    const double = await start()
    const octokit = octokitFor(double)
    const refused = octokit.rest.checks.create({
      ...repo,
      name: 'gate',
      head_sha: HEAD,
      // @ts-expect-error -- deliberately not one of GitHub's conclusions
      conclusion: 'passed'
    })
    await expect(refused).rejects.toMatchObject({ status: 422 })
    const reasons = double.violations.map(violation => violation.reason)
    expect(reasons.join('\n')).toContain(
      'body/conclusion must be equal to one of the allowed values'
    )
    expect(double.state.checkRuns).toEqual([])

    await fetch(`${double.url}/repos/acme/payments/issues/42/comments`, {
      method: 'POST',
      headers: { authorization: 'token x', 'content-type': 'application/json' },
      body: JSON.stringify({ body: 42 })
    })
    expect(double.violations.at(-1)?.reason).toBe('body/body must be string')
  })

  it('refuses a GraphQL field that does not exist in GitHub’s schema', async () => {
    const double = await start()
    const query = `{ repository(owner: "acme", name: "payments") { pullRequest(number: 42) { approvers } } }`
    await expect(octokitFor(double).graphql(query)).rejects.toThrow(
      /Cannot query field "approvers"/
    )
    expect(double.violations).toEqual([
      expect.objectContaining({ kind: 'request', operationId: 'graphql' })
    ])
  })

  it('says which GraphQL fields it does not implement instead of answering null', async () => {
    const double = await start()
    const query = `{ repository(owner: "acme", name: "payments") { pullRequest(number: 42) { reviewDecision } } }`
    await expect(octokitFor(double).graphql(query)).rejects.toThrow(
      'the GitHub double does not implement PullRequest.reviewDecision'
    )
    expect(double.violations.at(-1)?.kind).toBe('unimplemented')
  })

  it('holds GraphQL connections to GitHub’s 1–100 limit', async () => {
    const double = await start()
    const query = `{ repository(owner: "acme", name: "payments") { pullRequest(number: 42) { reviews(first: 101) { totalCount } } } }`
    const error = await octokitFor(double)
      .graphql(query)
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({
      errors: [expect.objectContaining({ type: 'EXCESSIVE_PAGINATION' })]
    })
  })

  it('answers a valid operation it does not implement with 501 and records it', async () => {
    const double = await start()
    await expect(octokitFor(double).rest.repos.listTags(repo)).rejects.toMatchObject({
      status: 501
    })
    expect(double.violations.at(-1)).toMatchObject({
      kind: 'unimplemented',
      operationId: 'repos/list-tags'
    })
  })

  it('requires a token like GitHub does', async () => {
    const double = await start()
    const response = await fetch(`${double.url}/repos/acme/payments`)
    expect(response.status).toBe(401)
  })
})

describe('Octokit against the double, unchanged', () => {
  it('reads the pull request, its reviews, files and contents over REST', async () => {
    const double = await start()
    const octokit = octokitFor(double)
    const { data: pull } = await octokit.rest.pulls.get({ ...repo, pull_number: 42 })
    expect(pull).toMatchObject({
      number: 42,
      head: { sha: HEAD },
      base: { sha: BASE, ref: 'main' }
    })
    const { data: reviews } = await octokit.rest.pulls.listReviews({ ...repo, pull_number: 42 })
    expect(reviews.map(review => [review.user?.login, review.state])).toEqual([
      ['alice', 'APPROVED'],
      ['carol', 'CHANGES_REQUESTED'],
      ['bob', 'APPROVED'],
      ['carol', 'COMMENTED']
    ])
    const { data: files } = await octokit.rest.pulls.listFiles({ ...repo, pull_number: 42 })
    expect(files).toEqual([
      expect.objectContaining({
        filename: CHECKLIST,
        status: 'modified',
        additions: 2,
        deletions: 2
      })
    ])
    const { data: content } = await octokit.rest.repos.getContent({
      ...repo,
      path: CHECKLIST,
      ref: MIDDLE
    })
    expect('content' in content && Buffer.from(content.content, 'base64').toString()).toContain(
      'QA: @alice'
    )
    await expect(
      octokit.rest.repos.getContent({ ...repo, path: 'missing.md', ref: HEAD })
    ).rejects.toMatchObject({ status: 404 })
  })

  it('keeps writes for later requests: check runs, statuses, comments', async () => {
    const double = await start()
    const octokit = octokitFor(double)
    const { data: run } = await octokit.rest.checks.create({
      ...repo,
      name: 'gate',
      head_sha: HEAD,
      status: 'in_progress'
    })
    await octokit.rest.checks.update({
      ...repo,
      check_run_id: run.id,
      conclusion: 'failure',
      output: {
        title: '1/2 sign-offs',
        summary: 'x',
        annotations: [
          {
            path: CHECKLIST,
            start_line: 6,
            end_line: 6,
            annotation_level: 'failure',
            message: 'not approved'
          }
        ]
      }
    })
    const { data: listed } = await octokit.rest.checks.listForRef({ ...repo, ref: HEAD })
    expect(listed.check_runs).toEqual([
      expect.objectContaining({ id: run.id, status: 'completed', conclusion: 'failure' })
    ])
    expect(double.state.checkRuns[0]?.annotations).toHaveLength(1)

    await octokit.rest.repos.createCommitStatus({
      ...repo,
      sha: HEAD,
      state: 'success',
      context: 'gate'
    })
    const { data: statuses } = await octokit.rest.repos.listCommitStatusesForRef({
      ...repo,
      ref: HEAD
    })
    expect(statuses.map(status => [status.context, status.state])).toEqual([['gate', 'success']])

    const { data: comment } = await octokit.rest.issues.createComment({
      ...repo,
      issue_number: 42,
      body: '<!-- gate -->'
    })
    expect(comment.user).toMatchObject({ login: 'github-actions[bot]', type: 'Bot' })
    await octokit.rest.issues.updateComment({
      ...repo,
      comment_id: comment.id,
      body: '<!-- gate --> v2'
    })
    const { data: comments } = await octokit.rest.issues.listComments({ ...repo, issue_number: 42 })
    expect(comments.map(item => item.body)).toEqual(['Ready for sign-off.', '<!-- gate --> v2'])
    await octokit.rest.issues.deleteComment({ ...repo, comment_id: comment.id })
    expect(double.state.pullRequests[0]?.comments).toHaveLength(1)
  })

  it('paginates over more than 100 comments with link headers', async () => {
    const scenario = example()
    scenario.pullRequests![0]!.comments = Array.from({ length: 250 }, (_, index) => ({
      id: index + 1,
      login: index % 2 === 0 ? 'alice' : 'github-actions[bot]',
      body: `comment ${index + 1}`
    }))
    const double = await start(scenario)
    const octokit = octokitFor(double)
    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      ...repo,
      issue_number: 42,
      per_page: 100
    })
    expect(all).toHaveLength(250)
    expect(all.at(-1)?.body).toBe('comment 250')
    expect(double.requests.map(request => request.query.page ?? '1')).toEqual(['1', '2', '3'])

    const response = await fetch(
      `${double.url}/repos/acme/payments/issues/42/comments?per_page=100`,
      {
        headers: { authorization: 'token x' }
      }
    )
    expect(response.headers.get('link')).toMatch(/page=2>; rel="next", <.*page=3>; rel="last"/)
  })

  it('answers GraphQL: paginated latestOpinionatedReviews, with DISMISSED and COMMENTED skipped', async () => {
    const scenario = example()
    scenario.pullRequests![0]!.reviews!.push(
      {
        id: 505,
        login: 'dave',
        state: 'APPROVED',
        commit: HEAD,
        submittedAt: '2026-11-19T11:00:00Z'
      },
      {
        id: 506,
        login: 'dave',
        state: 'DISMISSED',
        commit: HEAD,
        submittedAt: '2026-11-19T12:00:00Z'
      },
      {
        id: 507,
        login: 'erin',
        state: 'DISMISSED',
        commit: HEAD,
        submittedAt: '2026-11-19T13:00:00Z'
      }
    )
    const double = await start(scenario)
    const octokit = octokitFor(double)
    const query = `query Reviews($after: String) {
      repository(owner: "acme", name: "payments") {
        pullRequest(number: 42) {
          latestOpinionatedReviews(first: 2, after: $after) {
            totalCount
            nodes { author { login } state commit { oid } }
            pageInfo { hasNextPage endCursor }
          }
        }
      }
    }`
    type Page = {
      repository: {
        pullRequest: {
          latestOpinionatedReviews: {
            totalCount: number
            nodes: { author: { login: string }; state: string; commit: { oid: string } }[]
            pageInfo: { hasNextPage: boolean; endCursor: string | null }
          }
        }
      }
    }
    const seen: string[] = []
    let after: string | null = null
    do {
      const page: Page = await octokit.graphql<Page>(query, { after })
      const connection = page.repository.pullRequest.latestOpinionatedReviews
      expect(connection.totalCount).toBe(4)
      seen.push(
        ...connection.nodes.map(
          node => `${node.author.login}:${node.state}:${node.commit.oid.slice(0, 1)}`
        )
      )
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null
    } while (after !== null)
    expect(seen).toEqual([
      'alice:APPROVED:2',
      'carol:CHANGES_REQUESTED:2',
      'bob:APPROVED:3',
      'dave:APPROVED:3'
    ])
    expect(double.requests.map(request => request.graphqlOperationName)).toEqual([
      'Reviews',
      'Reviews'
    ])
  })

  it('answers GraphQL reviews(states:): filtered by state, oldest first, dismissed ones kept as DISMISSED', async () => {
    const scenario = example()
    // Listed out of order on purpose: GitHub lists reviews by submission, not as stored.
    scenario.pullRequests![0]!.reviews!.unshift({
      id: 506,
      login: 'dave',
      state: 'DISMISSED',
      commit: HEAD,
      submittedAt: '2026-11-19T12:00:00Z'
    })
    scenario.pullRequests![0]!.reviews!.push({
      id: 505,
      login: 'dave',
      state: 'APPROVED',
      commit: HEAD,
      submittedAt: '2026-11-19T11:00:00Z'
    })
    const double = await start(scenario)
    const result = await octokitFor(double).graphql<{
      repository: {
        pullRequest: {
          reviews: {
            totalCount: number
            nodes: { author: { login: string }; state: string; submittedAt: string }[]
          }
        }
      }
    }>(`{ repository(owner: "acme", name: "payments") { pullRequest(number: 42) {
      reviews(first: 100, states: [APPROVED, CHANGES_REQUESTED, DISMISSED]) {
        totalCount nodes { author { login } state submittedAt commit { oid } } } } } }`)
    const reviews = result.repository.pullRequest.reviews
    expect(reviews.totalCount).toBe(5)
    expect(reviews.nodes.map(node => `${node.author.login}:${node.state}`)).toEqual([
      'alice:APPROVED',
      'carol:CHANGES_REQUESTED',
      'bob:APPROVED',
      'dave:APPROVED',
      'dave:DISMISSED'
    ])
    expect(double.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
  })

  it("answers a review's authorCanPushToRepository from collaborators: write, maintain, admin push", async () => {
    const scenario = { ...example(), collaborators: { alice: 'admin', bob: 'read' } as const }
    const double = await start(scenario)
    const result = await octokitFor(double).graphql<{
      repository: {
        pullRequest: {
          reviews: { nodes: { author: { login: string }; authorCanPushToRepository: boolean }[] }
        }
      }
    }>(`{ repository(owner: "acme", name: "payments") { pullRequest(number: 42) {
      reviews(first: 100) { nodes { author { login } authorCanPushToRepository } } } } }`)
    const access = result.repository.pullRequest.reviews.nodes.map(
      node => `${node.author.login}:${node.authorCanPushToRepository}`
    )
    expect(access).toContain('alice:true')
    expect(access).toContain('bob:false')
    expect(double.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
  })

  it('records requested reviewers and teams, lists them as reviewRequests, and refuses as GitHub does', async () => {
    const scenario = { ...example(), collaborators: { alice: 'write', bob: 'write' } as const }
    const double = await start(scenario)
    const octokit = octokitFor(double)
    const pull = { ...repo, pull_number: 42 }
    const asked = await octokit.rest.pulls.requestReviewers({
      ...pull,
      reviewers: ['alice'],
      team_reviewers: ['release-managers']
    })
    expect(asked.status).toBe(201)
    expect(asked.data.requested_reviewers?.map(user => user.login)).toEqual(['alice'])
    expect(asked.data.requested_teams?.map(team => team.slug)).toEqual(['release-managers'])
    await expect(
      octokit.rest.pulls.requestReviewers({ ...pull, reviewers: ['octo-dev'] })
    ).rejects.toMatchObject({
      status: 422
    })
    await expect(
      octokit.rest.pulls.requestReviewers({ ...pull, reviewers: ['mallory'] })
    ).rejects.toMatchObject({
      status: 422
    })
    const result = await octokit.graphql<{
      repository: { pullRequest: { reviewRequests: { nodes: { requestedReviewer: unknown }[] } } }
    }>(`{ repository(owner: "acme", name: "payments") { pullRequest(number: 42) {
      reviewRequests(first: 100) { nodes { requestedReviewer {
        ... on User { login } ... on Team { slug organization { login } } } } } } } }`)
    expect(
      result.repository.pullRequest.reviewRequests.nodes.map(node => node.requestedReviewer)
    ).toEqual([{ login: 'alice' }, { slug: 'release-managers', organization: { login: 'acme' } }])
    expect(double.state.pullRequests[0]!.requestedReviewers).toEqual(['alice'])
    expect(double.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
  })

  it('lists pull requests by head: a commit’s open ones off the default branch, a branch’s own', async () => {
    const scenario = example()
    scenario.pullRequests!.push(
      {
        number: 43,
        title: 'Backport',
        author: 'octo-dev',
        state: 'open',
        base: { ref: 'stable', sha: BASE },
        head: { ref: 'release-2026.11', sha: HEAD }
      },
      {
        number: 44,
        title: 'Old attempt',
        author: 'octo-dev',
        state: 'closed',
        base: { ref: 'main', sha: BASE },
        head: { ref: 'release-2026.11', sha: MIDDLE }
      }
    )
    scenario.branches = { ...scenario.branches, stable: BASE }
    const double = await start(scenario)
    type Numbers = { nodes: { number: number; state: string }[] }
    const result = await octokitFor(double).graphql<{
      repository: {
        head: { associatedPullRequests: Numbers }
        middle: { associatedPullRequests: Numbers }
        base: { associatedPullRequests: Numbers }
        ref: { open: Numbers; all: Numbers }
      }
    }>(`{ repository(owner: "acme", name: "payments") {
      head: object(oid: "${HEAD}") { ... on Commit { associatedPullRequests(first: 10) { nodes { number state } } } }
      middle: object(oid: "${MIDDLE}") { ... on Commit { associatedPullRequests(first: 10) { nodes { number state } } } }
      base: object(oid: "${BASE}") { ... on Commit { associatedPullRequests(first: 10) { nodes { number state } } } }
      ref(qualifiedName: "refs/heads/release-2026.11") {
        open: associatedPullRequests(first: 10, states: [OPEN]) { nodes { number state } }
        all: associatedPullRequests(first: 10) { nodes { number state } } } } }`)
    const numbers = (list: Numbers) => list.nodes.map(node => node.number)
    const repository = result.repository
    expect(numbers(repository.head.associatedPullRequests)).toEqual([42, 43])
    // The closed #44 stopped at MIDDLE: not open, not merged, so not listed.
    expect(numbers(repository.middle.associatedPullRequests)).toEqual([42, 43])
    // BASE is on the default branch: only a merged pull request that brought it would be listed.
    expect(numbers(repository.base.associatedPullRequests)).toEqual([])
    expect(numbers(repository.ref.open)).toEqual([42, 43])
    expect(numbers(repository.ref.all)).toEqual([42, 43, 44])
    expect(double.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
  })

  it('reads a file at two commits in one GraphQL query with aliases', async () => {
    const double = await start()
    const result = await octokitFor(double).graphql<
      Record<string, { file: { oid: string; object: { text: string } } | null }>
    >(
      `query Files($path: String!) {
        base: repository(owner: "acme", name: "payments") { object(oid: "${BASE}") { ... on Commit { file(path: $path) { oid object { ... on Blob { text } } } } } }
        head: repository(owner: "acme", name: "payments") { object(expression: "${HEAD}") { ... on Commit { file(path: $path) { oid object { ... on Blob { text } } } } } }
      }`,
      { path: CHECKLIST }
    )
    const base = result.base as unknown as {
      object: { file: { oid: string; object: { text: string } } }
    }
    const head = result.head as unknown as {
      object: { file: { oid: string; object: { text: string } } }
    }
    expect(base.object.file.object.text).toContain('QA: @\n')
    expect(head.object.file.object.text).toContain('Release manager: @bob')
    // Real git blob ids: `git hash-object` of the same text gives the same oid.
    expect(head.object.file.oid).toBe('14b5930f4739c4479b5381782dcbfe7e2318406e')
    expect(double.requests).toHaveLength(1)
  })

  it('names bots the GraphQL way, and reads refs, blobs by expression, viewer and rate limit', async () => {
    const double = await start()
    const result = await octokitFor(double).graphql<{
      repository: { ref: { target: { oid: string } }; object: { text: string } }
      viewer: { login: string }
      rateLimit: { cost: number; remaining: number }
    }>(`{
      repository(owner: "acme", name: "payments") {
        ref(qualifiedName: "refs/heads/main") { target { oid } }
        object(expression: "main:.github/CODEOWNERS") { ... on Blob { text } }
      }
      viewer { login }
      rateLimit { cost remaining }
    }`)
    expect(result.repository.ref.target.oid).toBe(BASE)
    expect(result.repository.object.text).toBe('docs/releases/ @acme/release-managers\n')
    expect(result.viewer.login).toBe('github-actions')
    expect(result.rateLimit.cost).toBe(1)
  })
})

describe('faults and limits from the scenario', () => {
  it('fails a route with 500 the first time, then succeeds (Octokit’s retry plugin recovers)', async () => {
    const scenario = example()
    scenario.faults = [{ route: 'pulls/get', type: 'status', status: 500, times: 1 }]
    const double = await start(scenario)
    const octokit = getOctokit(
      't',
      { baseUrl: double.url, retry: { retryAfterBaseValue: 1 } },
      retry
    )
    const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: 42 })
    expect(data.number).toBe(42)
    expect(double.requests.map(request => request.status)).toEqual([500, 200])
    expect(double.requests[0]?.fault).toBe('status (pulls/get)')
  })

  it('sends a secondary rate limit with retry-after and exhausted rate headers', async () => {
    const scenario = example()
    scenario.faults = [
      {
        route: '/repos/*/*/check-runs',
        method: 'POST',
        type: 'secondary-rate-limit',
        status: 403,
        retryAfterSeconds: 7
      }
    ]
    const double = await start(scenario)
    const response = await fetch(`${double.url}/repos/acme/payments/check-runs`, {
      method: 'POST',
      headers: { authorization: 'token x', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'gate', head_sha: HEAD })
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('retry-after')).toBe('7')
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(response.headers.get('x-ratelimit-reset')).toMatch(/^\d+$/)
    expect(((await response.json()) as { message: string }).message).toMatch(
      /^You have exceeded a secondary rate limit/
    )
  })

  it('drops the connection before answering', async () => {
    const scenario = example()
    scenario.faults = [{ route: 'graphql', type: 'drop', times: 1 }]
    const double = await start(scenario)
    await expect(octokitFor(double).graphql('{ viewer { login } }')).rejects.toThrow()
    expect(double.requests[0]).toMatchObject({ status: 0, fault: 'drop (graphql)' })
    await expect(octokitFor(double).graphql('{ viewer { login } }')).resolves.toEqual({
      viewer: { login: 'github-actions' }
    })
  })

  it('adds latency, and counts requests sent together as one round trip', async () => {
    const scenario = example()
    scenario.faults = [{ route: '*', type: 'latency', ms: 60 }]
    const double = await start(scenario)
    const octokit = octokitFor(double)
    const began = performance.now()
    await octokit.rest.pulls.get({ ...repo, pull_number: 42 })
    expect(performance.now() - began).toBeGreaterThanOrEqual(55)
    await Promise.all([
      octokit.rest.pulls.listReviews({ ...repo, pull_number: 42 }),
      octokit.rest.pulls.listFiles({ ...repo, pull_number: 42 }),
      octokit.graphql('{ viewer { login } }')
    ])
    await octokit.rest.checks.create({
      ...repo,
      name: 'gate',
      head_sha: HEAD,
      conclusion: 'success'
    })
    expect(double.requests).toHaveLength(5)
    expect(roundTrips(double.requests)).toBe(3)
  })

  it('refuses every write of a read-only token (fork pull requests) with GitHub’s text', async () => {
    const scenario = example()
    scenario.token = { readOnly: true }
    const double = await start(scenario)
    const octokit = octokitFor(double)
    await octokit.rest.pulls.get({ ...repo, pull_number: 42 })
    const error = await octokit.rest.issues
      .createComment({ ...repo, issue_number: 42, body: 'x' })
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({
      status: 403,
      response: { data: { message: 'Resource not accessible by integration', status: '403' } }
    })
    await expect(
      octokit.rest.checks.create({ ...repo, name: 'gate', head_sha: HEAD })
    ).rejects.toMatchObject({ status: 403 })
  })

  it('hides team membership from a token without members permission, as GitHub does', async () => {
    const double = await start()
    const octokit = octokitFor(double)
    await expect(
      octokit.rest.teams.listMembersInOrg({ org: 'acme', team_slug: 'release-managers' })
    ).rejects.toMatchObject({ status: 404 })
    const error = await octokit
      .graphql(
        '{ organization(login: "acme") { team(slug: "release-managers") { members(first: 10) { nodes { login } } } } }'
      )
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({
      errors: [
        expect.objectContaining({
          type: 'FORBIDDEN',
          message: 'Resource not accessible by integration'
        })
      ]
    })

    const allowed = example()
    allowed.token = { permissions: { members: 'read' } }
    const reading = octokitFor(await start(allowed))
    const { data } = await reading.rest.teams.listMembersInOrg({
      org: 'acme',
      team_slug: 'release-managers'
    })
    expect(data.map(member => member.login)).toEqual(['bob', 'erin'])
    const teams = await reading.graphql<{
      organization: { team: { members: { nodes: { login: string }[] } } }
    }>(
      '{ organization(login: "acme") { team(slug: "release-managers") { members(first: 10, membership: ALL) { nodes { login } } } } }'
    )
    expect(teams.organization.team.members.nodes).toEqual([{ login: 'bob' }, { login: 'erin' }])
  })

  it('puts rate limit and request id headers on every response', async () => {
    const double = await start()
    const response = await fetch(`${double.url}/rate_limit`, {
      headers: { authorization: 'token x' }
    })
    expect(response.headers.get('x-github-request-id')).toMatch(/^[0-9A-F]+(:[0-9A-F]+){4}$/)
    expect(response.headers.get('x-ratelimit-limit')).toBe('5000')
    expect(response.headers.get('x-ratelimit-remaining')).toBe('4999')
  })
})

describe('scenarios', () => {
  it('lists every problem of an invalid scenario', () => {
    const scenario = example() as unknown as Record<string, unknown>
    const broken = {
      ...scenario,
      repo: { owner: 'acme' },
      faults: [{ route: 'x', type: 'status', status: 418 }]
    }
    expect(() => normalizeScenario(broken)).toThrow(ScenarioError)
    expect(() => normalizeScenario(broken)).toThrow(
      /scenario\.repo must have required property 'name'/
    )
    expect(() => normalizeScenario(broken)).toThrow(
      /scenario\.faults\.0\.status must be equal to one of the allowed values/
    )
  })

  it('refuses a reference to a commit the scenario does not have', () => {
    const scenario = example()
    scenario.pullRequests![0]!.reviews![0]!.commit = 'f'.repeat(40)
    expect(() => normalizeScenario(scenario)).toThrow(
      `review 501 of #42: no commit ${'f'.repeat(40)}`
    )
  })
})

describe('merged pull requests and the commits they merged', () => {
  const MERGED = '4444444444444444444444444444444444444444'
  const PUSHED = '5555555555555555555555555555555555555555'
  function merged(): ScenarioInput {
    const scenario = example()
    const pull = scenario.pullRequests![0]!
    const files = scenario.commits[pull.head.sha]!.files
    scenario.commits[MERGED] = { parent: pull.base.sha, message: 'Merge', files }
    scenario.commits[PUSHED] = { parent: MERGED, message: 'pushed', files }
    scenario.branches = { ...scenario.branches, [scenario.repo.defaultBranch]: PUSHED }
    Object.assign(pull, { state: 'closed', merged: true, mergeCommit: MERGED })
    return scenario
  }
  const query = `query($sha: GitObjectID!) { repository(owner: "acme", name: "payments") {
    object(oid: $sha) { ... on Commit { associatedPullRequests(first: 10) {
      nodes { number merged mergedAt mergeCommit { oid } } } } } } }`
  type Answer = {
    repository: {
      object: {
        associatedPullRequests: {
          nodes: { number: number; mergeCommit: { oid: string } | null; mergedAt: string | null }[]
        }
      }
    }
  }

  it('Commit.associatedPullRequests: the pull request that merged a commit, none for a push', async () => {
    const double = await start(merged())
    const octokit = octokitFor(double)
    const pull = double.state.pullRequests[0]!
    const of = async (sha: string) =>
      (await octokit.graphql<Answer>(query, { sha })).repository.object.associatedPullRequests.nodes
    expect(await of(MERGED)).toMatchObject([
      { number: pull.number, mergeCommit: { oid: MERGED }, mergedAt: expect.any(String) }
    ])
    expect(await of(pull.head.sha)).toMatchObject([{ number: pull.number }])
    expect(await of(PUSHED)).toEqual([])
    expect(double.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
  })

  it('its REST twin, and pulls/get with merge_commit_sha', async () => {
    const double = await start(merged())
    const octokit = octokitFor(double)
    const pull = double.state.pullRequests[0]!
    const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
      ...repo,
      commit_sha: MERGED
    })
    expect(data.map(item => [item.number, item.merge_commit_sha])).toEqual([[pull.number, MERGED]])
    const { data: got } = await octokit.rest.pulls.get({ ...repo, pull_number: pull.number })
    expect(got).toMatchObject({ merged: true, merge_commit_sha: MERGED, state: 'closed' })
    expect(double.violations.filter(v => v.kind !== 'unvalidated')).toEqual([])
  })

  it('a merged pull request needs its merge commit', () => {
    const scenario = merged()
    delete scenario.pullRequests![0]!.mergeCommit
    expect(() => normalizeScenario(scenario)).toThrow(/a merged pull request has a mergeCommit/)
  })
})
