import * as core from '@actions/core'
import picomatch from 'picomatch'
import {
  CONFIG_PATH,
  DEFAULT_CONFIG,
  loadConfig,
  templateFor,
  type Config
} from '../config/index.js'
import { type BaseReader, baseVersion, runGate, type ChecklistSource } from '../gate.js'
import {
  type Codeowners,
  isTeam,
  normaliseLogin,
  ownersOf,
  parseCodeowners
} from '../owners/index.js'
import type { Evaluation, Review } from '../rules/types.js'
import type { Octokit } from './client.js'
import {
  type ChangedFile,
  type Content,
  type FileText,
  type PullRequestData,
  type PullRequestRef,
  readContent,
  readPullRequest
} from './read.js'

export interface GateOptions {
  /**
   * A configuration file that must exist on the base branch; undefined: CONFIG_PATH, and the
   * defaults when the base branch has none.
   */
  configPath: string | undefined
  /** Overrides the configuration's `checklists` when not empty. */
  checklists: readonly string[]
  today: string
}

export interface GateResult {
  pullRequest: PullRequestData
  evaluations: Evaluation[]
  /** Why the gate fails when no checklist could be evaluated (require-checklist). */
  failure: string | undefined
}

/**
 * The gate on a pull request: rules from the base branch, content from the head commit, and
 * approvals from reviews, read in two round trips; then the same pure pipeline as the CLI.
 */
export async function gatePullRequest(
  octokit: Octokit,
  ref: PullRequestRef,
  options: GateOptions
): Promise<GateResult> {
  const pullRequest = await readPullRequest(octokit, ref, options.configPath ?? CONFIG_PATH)
  const unlisted = unlistedFiles(pullRequest)
  if (unlisted) return { pullRequest, evaluations: [], failure: unlisted }
  const config = readConfig(pullRequest, options)
  const codeowners = readCodeowners(pullRequest)

  const isChecklist = picomatch([...config.checklists], { dot: true })
  // A checklist renamed out of the globs is gone as surely as a deleted one; renamed within
  // them, its base version is the file at its previous path.
  const changed = pullRequest.files.filter(
    file =>
      isChecklist(file.path) || (file.previousPath !== undefined && isChecklist(file.previousPath))
  )
  const present = changed.filter(file => !file.deleted && isChecklist(file.path))
  const paths = present.map(file => file.path)
  const basePaths = new Map(
    present.flatMap(file =>
      file.previousPath !== undefined && isChecklist(file.previousPath)
        ? [[file.path, file.previousPath] as const]
        : []
    )
  )
  const deleted = changed.filter(file => file.deleted || !isChecklist(file.path))
  if (changed.length === 0) {
    const failure = config.requireChecklist
      ? `This pull request changes no checklist matching ${config.checklists.join(', ')}, and the configuration requires one (require-checklist).`
      : undefined
    return { pullRequest, evaluations: [], failure }
  }
  // Only removed checklists: nothing left to read (and an empty query is not GraphQL).
  if (paths.length === 0) {
    return { pullRequest, evaluations: deleted.map(deletedChecklist), failure: undefined }
  }

  const approvedCommits = [
    ...new Set(
      pullRequest.reviews.flatMap(review =>
        review.state === 'APPROVED' && review.commit && review.commit !== pullRequest.headSha
          ? [review.commit]
          : []
      )
    )
  ]
  const templates = [...new Set(paths.flatMap(path => templateFor(config, path) ?? []))]
  const content = await readContent(octokit, ref, {
    headSha: pullRequest.headSha,
    baseSha: pullRequest.baseSha,
    paths,
    basePaths,
    templates,
    reviewCommits: approvedCommits,
    teams: teamsNamed(config, codeowners, paths)
  })

  const reader = baseReader(content, pullRequest.baseRef, paths, basePaths)
  const checklists: ChecklistSource[] = paths.map(path => {
    const headBlob = content.headBlob.get(path)
    const reviews = new Map<string, Review>()
    for (const review of pullRequest.reviews) {
      const onHead = review.commit === pullRequest.headSha
      const blobThen = review.commit ? content.atReview.get(review.commit)?.get(path) : undefined
      reviews.set(normaliseLogin(review.login), {
        login: review.login,
        state: review.state,
        onHead,
        checklistUnchanged: onHead || (blobThen !== undefined && blobThen === headBlob)
      })
    }
    return {
      path,
      text: requireText(content.head.get(path), path, 'head'),
      base: baseVersion(reader, config, path, basePaths.get(path)),
      reviews
    }
  })

  const evaluations = runGate({
    checklists,
    config,
    codeowners,
    context: {
      reviews: undefined,
      author: pullRequest.author,
      teams: content.teams,
      today: options.today
    }
  })
  for (const file of deleted) evaluations.push(deletedChecklist(file))
  return { pullRequest, evaluations, failure: undefined }
}

/**
 * GitHub lists at most 3000 of a pull request's changed files. A checklist among the files it
 * leaves out would be neither evaluated nor required, so a list shorter than GitHub's count
 * of changed files fails the gate: the explanation, or undefined when the list is whole.
 */
export function unlistedFiles(
  pullRequest: Pick<PullRequestData, 'files' | 'changedFiles'>
): string | undefined {
  const listed = pullRequest.files.length
  if (listed >= pullRequest.changedFiles) return undefined
  return `GitHub lists only ${listed} of the ${pullRequest.changedFiles} files this pull request changes (it lists at most 3000), so the gate cannot tell whether the pull request changes a checklist among the others, and fails. Split the pull request so that each part changes fewer than 3000 files, with the checklist in a pull request of its own.`
}

/** The configuration on the base branch: a pull request never weakens its own gate. */
function readConfig(pullRequest: PullRequestData, options: GateOptions): Config {
  const path = options.configPath ?? CONFIG_PATH
  let config = DEFAULT_CONFIG
  if (pullRequest.config !== undefined) {
    config = loadConfig(
      requireText(pullRequest.config, path, pullRequest.baseRef),
      `${path} on ${pullRequest.baseRef}`
    )
  } else if (options.configPath !== undefined) {
    // A configuration asked for by name and not found must not quietly become the defaults.
    throw new Error(
      `The configuration file ${path} (the config input) is not on the base branch ${pullRequest.baseRef}: commit it there, or fix the config input.`
    )
  }
  return options.checklists.length > 0 ? { ...config, checklists: [...options.checklists] } : config
}

function readCodeowners(pullRequest: PullRequestData): Codeowners | undefined {
  if (!pullRequest.codeowners) return undefined
  const { path, text } = pullRequest.codeowners
  const codeowners = parseCodeowners(requireText(text, path, pullRequest.baseRef), path)
  for (const problem of codeowners.problems) core.warning(problem.message)
  return codeowners
}

/** Every team that may sign: named under roles, or owning a checklist in CODEOWNERS. */
function teamsNamed(
  config: Config,
  codeowners: Codeowners | undefined,
  paths: readonly string[]
): string[] {
  const owners = Object.values(config.roles).flat()
  if (codeowners) for (const path of paths) owners.push(...ownersOf(codeowners, path).owners)
  return [...new Set(owners.filter(isTeam).map(normaliseLogin))]
}

function requireText(file: FileText, path: string, where: string): string {
  if (file === undefined) throw new Error(`${path} is missing at ${where}.`)
  if ('problem' in file) {
    throw new Error(
      file.problem === 'binary'
        ? `${path} at ${where} is a binary file, not a Markdown checklist.`
        : `${path} at ${where} is too large for GitHub to return its text.`
    )
  }
  return file.text
}

/** The base files that the content query read: each checklist at its base path, and templates. */
function baseReader(
  content: Content,
  baseRef: string,
  paths: readonly string[],
  basePaths: ReadonlyMap<string, string>
): BaseReader {
  const files = new Map(content.templates)
  for (const path of paths) files.set(basePaths.get(path) ?? path, content.base.get(path))
  return {
    where: `the base branch ${baseRef}`,
    read: path => {
      const file = files.get(path)
      return file === undefined ? undefined : requireText(file, path, baseRef)
    }
  }
}

/** Deleting a checklist, or renaming it out of the globs, is the most thorough way of removing its items. */
function deletedChecklist(file: ChangedFile): Evaluation {
  const path = file.deleted ? file.path : (file.previousPath ?? file.path)
  const message = file.deleted
    ? `This pull request deletes the checklist ${path}: a pull request may not remove a checklist.`
    : `This pull request renames the checklist ${path} to ${file.path}, which no checklists glob matches: a pull request may not remove a checklist.`
  return {
    path,
    passed: false,
    items: { total: 0, done: 0, waived: 0 },
    tasks: [],
    sections: [],
    signoffs: [],
    fields: [],
    findings: [{ rule: 'integrity-item-removed', severity: 'error', line: 1, message }]
  }
}
