import type { FileText } from '../snapshot.js'
import type { Octokit } from './client.js'

/** Page size of every GraphQL connection and REST list the gate reads. */
export const PAGE = 100

export const BLOB = 'object { ... on Blob { text isBinary isTruncated } }'
export const PAGE_INFO = 'pageInfo { hasNextPage endCursor }'

export interface Blob {
  object: { text: string | null; isBinary: boolean | null; isTruncated: boolean } | null
}

export interface Connection<T> {
  nodes: T[]
  pageInfo: { hasNextPage: boolean; endCursor: string | null }
}

export function fileText(entry: Blob | null | undefined): FileText {
  const blob = entry?.object
  if (!blob) return undefined
  if (blob.isBinary || blob.text === null) return { problem: 'binary' }
  if (blob.isTruncated) return { problem: 'truncated' }
  return { text: blob.text }
}

/**
 * The rest of a connection past its first page, one page a request. `page` asks for the page
 * after a cursor and returns the connection it finds (or undefined when it is gone).
 */
export async function remainingPages<T>(
  first: Connection<T>,
  page: (after: string | null) => Promise<Connection<T> | undefined>
): Promise<T[] | undefined> {
  const nodes = [...first.nodes]
  let info = first.pageInfo
  while (info.hasNextPage) {
    const next = await page(info.endCursor)
    if (!next) return undefined
    nodes.push(...next.nodes)
    info = next.pageInfo
  }
  return nodes
}

/** A connection of the pull request past its first page, with the arguments the first had. */
export async function pullRequestPages<T>(
  octokit: Octokit,
  ref: { owner: string; repo: string; number: number },
  first: Connection<T>,
  field: string,
  selection: string,
  args = ''
): Promise<T[]> {
  const nodes = await remainingPages(first, async after => {
    const data = await octokit.graphql<{
      repository: { pullRequest: Record<string, Connection<T>> }
    }>(
      `query ReadinessGatePage($owner: String!, $name: String!, $number: Int!, $after: String!) {
        repository(owner: $owner, name: $name) { pullRequest(number: $number) {
          ${field}(first: ${PAGE}, after: $after${args ? `, ${args}` : ''}) { nodes { ${selection} } ${PAGE_INFO} } } } }`,
      { owner: ref.owner, name: ref.repo, number: ref.number, after }
    )
    return data.repository.pullRequest[field]
  })
  if (!nodes) throw new Error(`GitHub stopped listing the pull request's ${field} part-way.`)
  return nodes
}
