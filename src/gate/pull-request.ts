import picomatch from 'picomatch'
import { CONFIG_PATH, ConfigError, templateFor, type Config } from '../config/index.js'
import { type Codeowners, isTeam, normaliseLogin, ownersOf } from '../owners/index.js'
import type { Evaluation, PullRequestFinding } from '../rules/types.js'
import type {
  BaseReader,
  Content,
  FileText,
  PullRequestSnapshot,
  PullRequestSource
} from '../sources/snapshot.js'
import { type Authority, authorityFrom, configFindings } from './authority.js'
import { checklistChanges } from './checklists.js'
import {
  approvedCommits,
  latestReviews,
  reviewsOf,
  reviewTextsOf,
  type Standing
} from './reviews.js'
import { type ReviewRequest, reviewRequestOf } from './review-requests.js'
import { baseVersion, type ChecklistSource, runGate } from './run.js'
import { sharedHeadFindings } from './shared-head.js'

export interface GateOptions {
  /**
   * A configuration file that must exist on the base branch; undefined: CONFIG_PATH, and the
   * defaults when the base branch has none.
   */
  configPath: string | undefined
  /** Overrides the configuration's `checklists` when not empty. */
  checklists: readonly string[]
  today: string
  warning: (message: string) => void
  /** The repository's owner, whose teams a review can be requested from. */
  owner?: string
}

export interface GateResult {
  pullRequest: PullRequestSnapshot
  evaluations: Evaluation[]
  /** Findings about the pull request as a whole; any error among them fails the gate. */
  findings: PullRequestFinding[]
  /** What the sign-off record cites; undefined when the gate stopped before reading content. */
  evidence?: Evidence
  /**
   * For `request-reviews`: the role owners who still need to approve (see reviewRequestOf);
   * undefined when the gate stopped before evaluating sign-offs.
   */
  reviewRequest?: ReviewRequest
}

/** The proofs behind the verdict: each reviewer's standing and the checklists' blob ids. */
export interface Evidence {
  config: Config
  configPath: string
  standings: Standing[]
  content: Pick<Content, 'headBlob' | 'atReview'>
}

/**
 * The gate on a pull request: rules from the base branch, content from the head commit, and
 * approvals from reviews, read from `source` in two round trips; then the same pure pipeline
 * as the command line. The second read also finds the other open pull requests whose head is
 * the same commit (see sharedHeadFindings); a pull request that fails before it needs no such
 * read, since nothing can make it pass.
 */
export async function gatePullRequest(
  source: PullRequestSource,
  options: GateOptions
): Promise<GateResult> {
  const configPath = options.configPath ?? CONFIG_PATH
  const pullRequest = await source.readPullRequest(configPath)
  const done = (
    evaluations: Evaluation[],
    findings: PullRequestFinding[] = [],
    evidence?: Evidence
  ): GateResult => ({ pullRequest, evaluations, findings, ...(evidence ? { evidence } : {}) })
  const unlisted = unlistedFiles(pullRequest)
  if (unlisted) return done([], [unlisted])
  if (pullRequest.config === undefined && options.configPath !== undefined) {
    return done([], [configMissing(configPath, pullRequest.baseRef)])
  }
  let authority: Authority
  try {
    authority = baseAuthority(pullRequest, options)
  } catch (error) {
    if (error instanceof ConfigError) return done([], configFindings(error, configPath))
    throw error
  }
  const { config, codeowners } = authority

  const isChecklist = picomatch([...config.checklists], { dot: true })
  const { paths: present, basePaths, removed } = checklistChanges(pullRequest.files, isChecklist)
  const sharedHead = (content: Content) =>
    sharedHeadFindings(content.sharingHead, pullRequest.headSha, options)
  const request = {
    headSha: pullRequest.headSha,
    headRefName: pullRequest.headRefName,
    configPath,
    baseSha: pullRequest.baseSha
  }
  if (present.length === 0 && removed.length === 0) {
    if (config.requireChecklist) return done([], [checklistMissing(config, configPath)])
    // Nothing to check here, but the verdict would also stand for a pull request that shares
    // the head commit: the second read asks only for those.
    const content = await source.readContent({
      ...request,
      paths: [],
      templates: [],
      reviewCommits: [],
      teams: []
    })
    return done([], sharedHead(content))
  }
  // Only removed checklists: nothing left to read, the gate fails anyway.
  if (present.length === 0) return done(removed)

  const standings = latestReviews(pullRequest.reviews)
  const approvalHead = pullRequest.approvalHead ?? pullRequest.headSha
  const templates = [...new Set(present.flatMap(path => templateFor(config, path) ?? []))]
  const content = await source.readContent({
    ...request,
    paths: present,
    basePaths,
    templates,
    reviewCommits: approvedCommits(standings, pullRequest.headSha),
    // The text at review commits is read only where the policy looks at it.
    ...(config.signoffs.freshness === 'section-unchanged' ? { reviewTexts: true } : {}),
    teams: teamsNamed(config, codeowners, present)
  })

  const reader = baseReader(content, pullRequest.baseRef, present, basePaths)
  const checklists: ChecklistSource[] = present.map(path => ({
    path,
    text: requireText(content.head.get(path), path, 'head'),
    base: baseVersion(reader, config, path, basePaths.get(path)),
    reviews: reviewsOf(path, standings, content, pullRequest.headSha, approvalHead),
    textAtReview: reviewTextsOf(path, standings, content)
  }))
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
  const reviewRequest = reviewRequestOf({
    checklists: evaluations.map((evaluation, i) => ({
      evaluation,
      reviews: checklists[i]!.reviews ?? new Map()
    })),
    freshness: config.signoffs.freshness,
    author: pullRequest.author,
    org: options.owner ?? '',
    pending: pullRequest.reviewRequests
  })
  return {
    ...done([...evaluations, ...removed], sharedHead(content), {
      config,
      configPath,
      standings,
      content
    }),
    reviewRequest
  }
}

/**
 * GitHub lists at most 3000 of a pull request's changed files. A checklist among the files it
 * leaves out would be neither evaluated nor required, so a list shorter than GitHub's count
 * of changed files fails the gate.
 */
export function unlistedFiles(
  pullRequest: Pick<PullRequestSnapshot, 'files' | 'changedFiles'>
): PullRequestFinding | undefined {
  const listed = pullRequest.files.length
  if (listed >= pullRequest.changedFiles) return undefined
  return {
    rule: 'pr-files-unlisted',
    severity: 'error',
    path: undefined,
    line: 1,
    message: `GitHub lists only ${listed} of the ${pullRequest.changedFiles} files this pull request changes (it lists at most 3000), so the gate cannot tell whether the pull request changes a checklist among the others, and fails. Split the pull request so that each part changes fewer than 3000 files, with the checklist in a pull request of its own.`
  }
}

function checklistMissing(config: Config, configPath: string): PullRequestFinding {
  return {
    rule: 'pr-checklist-missing',
    severity: 'error',
    path: configPath,
    line: 1,
    message: `This pull request changes no checklist matching ${config.checklists.join(', ')}, and the configuration requires one (require-checklist): add the release's checklist to the pull request.`
  }
}

/** A configuration asked for by name and not found must not quietly become the defaults. */
function configMissing(path: string, baseRef: string): PullRequestFinding {
  return {
    rule: 'config-invalid',
    severity: 'error',
    path,
    line: 1,
    message: `The configuration file ${path} (the config input) is not on the base branch ${baseRef}: commit it there, or fix the config input.`
  }
}

/** The configuration and CODEOWNERS on the base branch: a pull request never weakens its own gate. */
function baseAuthority(pullRequest: PullRequestSnapshot, options: GateOptions): Authority {
  const path = options.configPath ?? CONFIG_PATH
  const codeowners = pullRequest.codeowners
  const authority = authorityFrom(
    {
      config: pullRequest.config && {
        text: requireText(pullRequest.config, path, pullRequest.baseRef),
        source: `${path} on ${pullRequest.baseRef}`
      },
      codeowners: codeowners && {
        path: codeowners.path,
        text: requireText(codeowners.text, codeowners.path, pullRequest.baseRef)
      }
    },
    options.warning
  )
  if (options.checklists.length === 0) return authority
  return { ...authority, config: { ...authority.config, checklists: [...options.checklists] } }
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
