import { normaliseLogin } from '../../owners/index.js'
import type { Content, ContentRequest, FileText, PullRequestRef } from '../snapshot.js'
import type { Octokit } from './client.js'
import {
  BLOB,
  type Blob,
  type Connection,
  fileText,
  PAGE,
  PAGE_INFO,
  remainingPages
} from './graphql.js'
import {
  SHARING_ON_COMMIT,
  SHARING_ON_REPOSITORY,
  type SharerList,
  sharingHead
} from './sharing.js'

/**
 * Round trip 2, one query: each checklist at head and at base (`baseSha`: the tip of the base
 * branch that round trip 1 read the configuration at), its blob at every approving
 * review's commit (for freshness), the members of every team that may sign, and the other open
 * pull requests whose head is the same commit. A team the token cannot read comes back as an
 * error on its own alias: it is marked unreadable, and the gate fails closed on it.
 */
export async function readContent(
  octokit: Octokit,
  /** `number` is that of the pull request under review, when known: never its own sharer. */
  ref: Pick<PullRequestRef, 'owner' | 'repo'> & { number?: number },
  request: ContentRequest,
  warning: (message: string) => void
): Promise<Content> {
  const variables: Record<string, string> = {
    owner: ref.owner,
    name: ref.repo,
    head: request.headSha,
    headRef: `refs/heads/${request.headRefName}`,
    configPath: request.configPath
  }
  const declarations = [
    '$owner: String!',
    '$name: String!',
    '$head: GitObjectID!',
    '$headRef: String!',
    '$configPath: String!'
  ]
  // With no checklist to read, only the pull requests that share the head commit are asked for.
  const atBase = request.paths.length + request.templates.length > 0
  if (atBase) {
    variables.base = request.baseSha
    declarations.push('$base: GitObjectID!')
  }
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
      head: object(oid: $head) { ... on Commit { ${files(true)} ${SHARING_ON_COMMIT} } }
      ${atBase ? `base: object(oid: $base) { ... on Commit { ${files(true, true)} ${request.templates.map((_, i) => `tf${i}: file(path: $tp${i}) { oid ${BLOB} }`).join(' ')} } }` : ''}
      ${SHARING_ON_REPOSITORY}
      ${request.reviewCommits.map((_, i) => `r${i}: object(oid: $c${i}) { ... on Commit { ${files(request.reviewTexts === true)} } }`).join('\n')}
    }
    ${teams.map((_, i) => `team${i}: organization(login: $o${i}) { team(slug: $t${i}) { members(first: ${PAGE}) { nodes { login } ${PAGE_INFO} } } }`).join('\n')}
  }`

  type Entry = (Blob & { oid: string }) | null
  type Members = { team: { members: Connection<{ login: string }> } | null } | null
  type Sharing = { headBranch?: SharerList | null; defaultBranchRef?: SharerList | null }
  let data: {
    repository: Record<string, Record<string, Entry> | null> & Sharing
  } & Record<string, unknown>
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
    teams: new Map(),
    sharingHead: sharingHead(
      [repository.head as SharerList | null, repository.headBranch, repository.defaultBranchRef],
      ref.number ?? -1,
      request.headSha
    )
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
  if (request.reviewTexts) content.textAtReview = textsAtReview(request, repository)
  for (const [i, [org, slug]] of teams.entries()) {
    const key = normaliseLogin(`${org}/${slug}`)
    const members = (data[`team${i}`] as Members)?.team?.members
    if (failedTeams.has(`team${i}`) || !members) {
      content.teams.set(key, 'unreadable')
      continue
    }
    content.teams.set(key, await allMembers(octokit, org, slug, members, warning))
  }
  return content
}

/** Under `freshness: section-unchanged`: each checklist's text at each review commit. */
function textsAtReview(
  request: ContentRequest,
  repository: Record<string, Record<string, (Blob & { oid: string }) | null> | null>
): Map<string, Map<string, FileText>> {
  return new Map(
    request.reviewCommits.map((commit, i) => [
      commit,
      new Map(request.paths.map((path, j) => [path, fileText(repository[`r${i}`]?.[`f${j}`])]))
    ])
  )
}

/**
 * A team's members past the first page. A part of a team is not the team: when a later page
 * cannot be read, the whole team is unreadable, and sign-offs that need it fail closed.
 */
async function allMembers(
  octokit: Octokit,
  org: string,
  slug: string,
  first: Connection<{ login: string }>,
  warning: (message: string) => void
): Promise<ReadonlySet<string> | 'unreadable'> {
  try {
    const members = await remainingPages(first, async after => {
      const next = await octokit.graphql<{
        organization: { team: { members: Connection<{ login: string }> } | null } | null
      }>(
        `query ReadinessGateTeam($org: String!, $slug: String!, $after: String!) {
          organization(login: $org) { team(slug: $slug) { members(first: ${PAGE}, after: $after) { nodes { login } ${PAGE_INFO} } } } }`,
        { org, slug, after }
      )
      return next.organization?.team?.members
    })
    return members ? new Set(members.map(node => normaliseLogin(node.login))) : 'unreadable'
  } catch (error) {
    warning(
      `The members of @${org}/${slug} past the first ${first.nodes.length} could not be read (${error instanceof Error ? error.message : String(error)}): the team counts as unreadable.`
    )
    return 'unreadable'
  }
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
