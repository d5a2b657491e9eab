import type { HeadSharer, SharingHead } from '../snapshot.js'
import { BLOB, type Blob, fileText, PAGE } from './graphql.js'

/** How many pull requests of each list are read; more fail the gate closed. */
const SHARERS = 25

/**
 * What the content query reads of each pull request that may share the head commit: enough to
 * tell whether the gate passes it without reading a checklist (its files and configuration).
 * Uses the query's `$configPath`.
 */
const SHARER = `number state headRefOid baseRefName changedFiles
  baseRef { target { oid ... on Commit { config: file(path: $configPath) { ${BLOB} } } } }
  files(first: ${PAGE}) { nodes { path changeType } pageInfo { hasNextPage } }`
const SHARERS_PAGE = `first: ${SHARERS}) { nodes { ${SHARER} } pageInfo { hasNextPage } }`

/**
 * Three lists find the open pull requests whose head is the head commit, in the same query as
 * the content, with `$headRef` (`refs/heads/<head branch>`):
 * - the commit's associated pull requests: every open one that contains it, unless the commit
 *   is on the default branch already (GitHub then lists only the merged one that brought it);
 * - the pull requests from the same branch, which the first list misses in that case;
 * - the pull requests from the default branch (`main` into a release branch), likewise.
 */
export const SHARING_ON_COMMIT = `sharers: associatedPullRequests(${SHARERS_PAGE}`
export const SHARING_ON_REPOSITORY = `
  headBranch: ref(qualifiedName: $headRef) { sharers: associatedPullRequests(states: [OPEN], ${SHARERS_PAGE} }
  defaultBranchRef { sharers: associatedPullRequests(states: [OPEN], ${SHARERS_PAGE} }`

interface SharerNode {
  number: number
  state: string
  headRefOid: string
  baseRefName: string
  changedFiles: number
  baseRef: { target: { oid: string; config?: Blob | null } | null } | null
  files: {
    nodes: { path: string; changeType: string }[]
    pageInfo: { hasNextPage: boolean }
  } | null
}
export interface SharerList {
  sharers?: { nodes: (SharerNode | null)[]; pageInfo: { hasNextPage: boolean } } | null
}

/** The other open pull requests with this head commit, from the lists above. */
export function sharingHead(
  lists: readonly (SharerList | null | undefined)[],
  self: number,
  headSha: string
): SharingHead {
  const found = new Map<number, HeadSharer>()
  let complete = true
  for (const list of lists) {
    if (!list?.sharers) continue
    if (list.sharers.pageInfo.hasNextPage) complete = false
    for (const node of list.sharers.nodes) {
      if (!node || node.state !== 'OPEN' || node.headRefOid !== headSha || node.number === self)
        continue
      const tip = node.baseRef?.target
      const files = node.files?.nodes ?? []
      found.set(node.number, {
        number: node.number,
        baseRef: node.baseRefName,
        baseSha: tip?.oid,
        config: fileText(tip?.config),
        files: files.map(file => ({ path: file.path, deleted: file.changeType === 'DELETED' })),
        filesComplete:
          node.files !== null &&
          !node.files.pageInfo.hasNextPage &&
          files.length >= node.changedFiles,
        renames: files.some(file => file.changeType === 'RENAMED')
      })
    }
  }
  return { pullRequests: [...found.values()].sort((a, b) => a.number - b.number), complete }
}
