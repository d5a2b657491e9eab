import picomatch from 'picomatch'
import { CONFIG_PATH, ConfigError } from '../config/index.js'
import type { PullRequestFinding } from '../rules/types.js'
import type { HeadSharer, SharingHead } from '../sources/snapshot.js'
import { authorityFrom } from './authority.js'
import { checklistChanges } from './checklists.js'

/**
 * A check run belongs to a commit, not to a pull request: on a commit that is the head of
 * several open pull requests, each one's run writes the same check (one name per commit, which
 * branch protection reads), and the latest verdict stands for all of them. So the gate never
 * leaves `success` on such a commit while another of them could fail: another open pull
 * request with this head passes here only when the gate would pass it without reading a
 * checklist (it changes none, needs none, and its configuration can be used); any other fails
 * this one too, with `pr-head-shared`. The gate does not evaluate the other's checklists in
 * this run.
 */
export function sharedHeadFindings(
  sharing: SharingHead,
  headSha: string,
  options: { configPath: string | undefined; checklists: readonly string[] }
): PullRequestFinding[] {
  const commit = headSha.slice(0, 7)
  const findings: PullRequestFinding[] = []
  if (!sharing.complete) {
    findings.push(
      finding(
        `GitHub lists more open pull requests containing the head commit ${commit} than the gate reads, so it cannot tell whether one of them shares this commit as its head and fails. A check run belongs to the commit: give this pull request a head commit of its own (a new commit on its branch), or close the pull requests that share it.`
      )
    )
  }
  for (const other of sharing.pullRequests) {
    const reason = whyNotPassed(other, options)
    if (reason === undefined) continue
    findings.push(
      finding(
        `The head commit ${commit} is also the head of open pull request #${other.number} (into ${other.baseRef}), which ${reason}. A check run belongs to the commit, not to a pull request: the verdict on ${commit} stands for #${other.number} as well, and the gate cannot judge #${other.number} in this run, so it does not report success here. Give each pull request a head commit of its own (open one of them from a branch with a commit of its own, e.g. \`git commit --allow-empty\`), or close #${other.number}.`
      )
    )
  }
  return findings
}

/** Why the gate may not pass another pull request without reading it; undefined: it passes. */
function whyNotPassed(
  other: HeadSharer,
  options: { configPath: string | undefined; checklists: readonly string[] }
): string | undefined {
  if (!other.filesComplete) return 'changes more files than the gate reads of it'
  if (other.renames) return 'renames files, possibly a checklist'
  if (other.baseSha === undefined) return 'has lost its base branch'
  const path = options.configPath ?? CONFIG_PATH
  if (other.config === undefined && options.configPath !== undefined) {
    return `has no configuration ${path} on its base branch`
  }
  if (other.config !== undefined && !('text' in other.config)) {
    return `has a configuration ${path} the gate cannot read`
  }
  let config
  try {
    config = authorityFrom(
      {
        config: other.config && { text: other.config.text, source: `${path} on ${other.baseRef}` },
        codeowners: undefined
      },
      () => {}
    ).config
  } catch (error) {
    if (error instanceof ConfigError) return `has a configuration that cannot be used`
    throw error
  }
  const globs = options.checklists.length > 0 ? options.checklists : config.checklists
  const { paths, removed } = checklistChanges(other.files, picomatch([...globs], { dot: true }))
  const touched = [...paths, ...removed.map(evaluation => evaluation.path)]
  if (touched.length > 0) return `changes the checklist ${touched.join(', ')}`
  if (config.requireChecklist) return 'changes no checklist, and its configuration requires one'
  return undefined
}

function finding(message: string): PullRequestFinding {
  return { rule: 'pr-head-shared', severity: 'error', path: undefined, line: 1, message }
}
