// Git facts derived from a scenario, shared by the REST and GraphQL sides so both give the
// same answers: blob ids, revision lookup, a pull request's changed files, stable ids.
import { createHash } from 'node:crypto'
import type { Scenario, PullRequest } from './scenario.js'

/** Git's blob id for a text: sha1 of `blob <bytes>\0<content>`, so it matches real git. */
export function blobSha(text: string): string {
  const content = Buffer.from(text, 'utf8')
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex')
}

/** A small positive integer that stays the same for the same name (user and node ids). */
export function stableId(name: string): number {
  return (createHash('sha1').update(name).digest().readUInt32BE(0) % 100_000_000) + 1
}

/**
 * Resolves what git calls a revision: a full or abbreviated (≥ 7) sha, a branch name,
 * `refs/heads/<branch>`, or `HEAD` (the default branch). Undefined when unknown.
 */
export function resolveRevision(state: Scenario, revision: string): string | undefined {
  if (revision in state.commits) return revision
  const branch =
    revision === 'HEAD' ? state.repo.defaultBranch : revision.replace(/^refs\/heads\//, '')
  const branchSha = state.branches[branch]
  if (branchSha !== undefined) return branchSha
  if (/^[0-9a-f]{7,39}$/.test(revision)) {
    const matches = Object.keys(state.commits).filter(sha => sha.startsWith(revision))
    if (matches.length === 1) return matches[0]
  }
  return undefined
}

export interface TreeEntry {
  kind: 'file' | 'dir'
  path: string
  text?: string
}

/** What a path names at a commit: a file, a directory (some file lies below it), or nothing. */
export function entryAt(state: Scenario, sha: string, path: string): TreeEntry | undefined {
  const files = state.commits[sha]?.files
  if (files === undefined) return undefined
  const clean = path.replace(/^\/+|\/+$/g, '')
  const text = files[clean]
  if (text !== undefined) return { kind: 'file', path: clean, text }
  const prefix = clean === '' ? '' : `${clean}/`
  return Object.keys(files).some(file => file.startsWith(prefix))
    ? { kind: 'dir', path: clean }
    : undefined
}

/** The direct children of a directory at a commit, as GitHub lists them (name order). */
export function directoryListing(state: Scenario, sha: string, path: string): TreeEntry[] {
  const files = state.commits[sha]?.files ?? {}
  const prefix = path === '' ? '' : `${path}/`
  const children = new Map<string, TreeEntry>()
  for (const [file, text] of Object.entries(files)) {
    if (!file.startsWith(prefix)) continue
    const [name, ...rest] = file.slice(prefix.length).split('/')
    if (name === undefined) continue
    const childPath = prefix + name
    children.set(
      childPath,
      rest.length === 0 ? { kind: 'file', path: childPath, text } : { kind: 'dir', path: childPath }
    )
  }
  return [...children.values()].sort((a, b) => a.path.localeCompare(b.path))
}

/** A commit and its first-parent ancestors, newest first. */
export function ancestors(state: Scenario, sha: string): string[] {
  const chain: string[] = []
  for (
    let current: string | null | undefined = sha;
    current != null;
    current = state.commits[current]?.parent
  ) {
    if (chain.includes(current)) break
    chain.push(current)
  }
  return chain
}

/** Where head left base: GitHub diffs a pull request against this commit, not base's tip. */
export function mergeBase(state: Scenario, baseSha: string, headSha: string): string {
  const baseLine = new Set(ancestors(state, baseSha))
  return ancestors(state, headSha).find(sha => baseLine.has(sha)) ?? baseSha
}

export interface ChangedFile {
  path: string
  status: 'added' | 'removed' | 'modified' | 'renamed'
  /** For a rename: the path at the merge base (REST `previous_filename`; GraphQL has none). */
  previousPath?: string
  additions: number
  deletions: number
  sha: string | null
}

/**
 * The files a pull request changes, with line counts. Lines are compared as multisets,
 * which equals a real diff's counts whenever lines are added, removed or edited in place.
 * A removed file and an added file at least half alike are a rename, as git's rename
 * detection (default similarity 50%) reports it: one entry at the new path, with the old one.
 */
export function changedFiles(state: Scenario, pull: PullRequest): ChangedFile[] {
  const before = state.commits[mergeBase(state, pull.base.sha, pull.head.sha)]?.files ?? {}
  const after = state.commits[pull.head.sha]?.files ?? {}
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
  const removed = paths.filter(path => after[path] === undefined)
  const added = paths.filter(path => before[path] === undefined)
  const renamedFrom = new Map<string, string>()
  const candidates = added
    .flatMap(to =>
      removed.map(from => ({ from, to, score: similarity(before[from]!, after[to]!) }))
    )
    .filter(pair => pair.score >= 0.5)
    .sort((a, b) => b.score - a.score || a.to.localeCompare(b.to))
  const taken = new Set<string>()
  for (const { from, to } of candidates) {
    if (taken.has(from) || renamedFrom.has(to)) continue
    taken.add(from)
    renamedFrom.set(to, from)
  }
  const changes: ChangedFile[] = []
  for (const path of paths) {
    if (taken.has(path)) continue
    const previousPath = renamedFrom.get(path)
    const old = previousPath === undefined ? before[path] : before[previousPath]
    const current = after[path]
    if (old === current && previousPath === undefined) continue
    const { added: additions, removed: deletions } = lineDifference(old ?? '', current ?? '')
    changes.push({
      path,
      status:
        previousPath !== undefined
          ? 'renamed'
          : old === undefined
            ? 'added'
            : current === undefined
              ? 'removed'
              : 'modified',
      ...(previousPath === undefined ? {} : { previousPath }),
      additions,
      deletions,
      sha: current === undefined ? null : blobSha(current)
    })
  }
  return changes
}

/** Share of lines two texts have in common, against the longer one (git's score, by lines). */
function similarity(before: string, after: string): number {
  if (before === after) return 1
  const longest = Math.max(lineCount(before), lineCount(after))
  if (longest === 0) return 1
  const { added } = lineDifference(before, after)
  return (lineCount(after) - added) / longest
}

function lineCount(text: string): number {
  return text === '' ? 0 : text.replace(/\n$/, '').split('\n').length
}

function lineDifference(before: string, after: string): { added: number; removed: number } {
  const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'))
  const remaining = new Map<string, number>()
  for (const line of lines(before)) remaining.set(line, (remaining.get(line) ?? 0) + 1)
  let added = 0
  for (const line of lines(after)) {
    const count = remaining.get(line) ?? 0
    if (count > 0) remaining.set(line, count - 1)
    else added += 1
  }
  const removed = [...remaining.values()].reduce((sum, count) => sum + count, 0)
  return { added, removed }
}

export function findPull(state: Scenario, number: number): PullRequest | undefined {
  return state.pullRequests.find(pull => pull.number === number)
}

/** The next free id in a list, for things the double creates. */
export function nextId(items: { id: number }[], floor: number): number {
  return Math.max(floor, ...items.map(item => item.id)) + 1
}

/**
 * `Commit.associatedPullRequests`, as GitHub documents it: "The merged Pull Request that
 * introduced the commit to the repository. If the commit is not present in the default branch,
 * additionally returns open Pull Requests associated with the commit". A merged pull request
 * introduced its merge commit and the commits of its branch; a commit pushed to the default
 * branch directly has none. In order of number.
 */
export function associatedPullRequests(state: Scenario, sha: string): PullRequest[] {
  const defaultTip = state.branches[state.repo.defaultBranch]
  const onDefault = defaultTip !== undefined && ancestors(state, defaultTip).includes(sha)
  const ofBranch = (pull: PullRequest) => {
    const base = new Set(ancestors(state, mergeBase(state, pull.base.sha, pull.head.sha)))
    return ancestors(state, pull.head.sha).some(commit => commit === sha && !base.has(commit))
  }
  return state.pullRequests
    .filter(pull =>
      pull.merged === true
        ? pull.mergeCommit === sha || ofBranch(pull)
        : !onDefault && pull.state === 'open' && ofBranch(pull)
    )
    .sort((a, b) => a.number - b.number)
}

/** When a merged pull request merged: as the scenario says, else just after its last review. */
export function mergedAt(pull: PullRequest): string {
  if (pull.mergedAt !== undefined) return pull.mergedAt
  const last = Math.max(0, ...pull.reviews.map(review => Date.parse(review.submittedAt ?? '')))
  return new Date((last || Date.parse('2026-01-01T00:00:00Z')) + 3_600_000).toISOString()
}
