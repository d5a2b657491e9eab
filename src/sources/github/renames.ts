import type { ChangedFile, PullRequestRef } from '../snapshot.js'
import type { Octokit } from './client.js'
import { PAGE } from './graphql.js'

export interface FileNode {
  path: string
  changeType: string
}

/**
 * GraphQL's PullRequestChangedFile has no previous path, so a rename would look like a new
 * file: only when the pull request renames something, the REST list of files (which has
 * `previous_filename`) is read as well. A rename whose origin cannot be found fails the run,
 * as it may be a checklist renamed away.
 */
export async function withPreviousPaths(
  octokit: Octokit,
  ref: PullRequestRef,
  files: readonly FileNode[]
): Promise<ChangedFile[]> {
  const renamed = files.filter(file => file.changeType === 'RENAMED')
  const previous = new Map<string, string>()
  if (renamed.length > 0) {
    const listed = await octokit.paginate(octokit.rest.pulls.listFiles, {
      owner: ref.owner,
      repo: ref.repo,
      pull_number: ref.number,
      per_page: PAGE
    })
    for (const file of listed) {
      if (file.status === 'renamed' && file.previous_filename) {
        previous.set(file.filename, file.previous_filename)
      }
    }
  }
  const unknown = renamed.filter(file => !previous.has(file.path)).map(file => file.path)
  if (unknown.length > 0) {
    throw new Error(
      `This pull request renames ${unknown.join(', ')}, but GitHub's list of changed files does not say from where: the gate cannot tell whether a checklist was renamed away, so it fails. Split the rename into a pull request of its own, or re-run the job.`
    )
  }
  return files.map(file => ({
    path: file.path,
    deleted: file.changeType === 'DELETED',
    ...(previous.has(file.path) ? { previousPath: previous.get(file.path)! } : {})
  }))
}
