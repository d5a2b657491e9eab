import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Evidence } from '../gate/index.js'
import { type SignoffRecord, toSignoffRecord, toStatement } from '../report/index.js'
import type { Evaluation } from '../rules/types.js'
import type { PullRequestSnapshot } from '../sources/snapshot.js'

/**
 * The sign-off record as two files in `dir`: the predicate alone (for `actions/attest`'s
 * `predicate-path`) and the whole in-toto Statement v1. Returns their paths.
 */
export function writeRecordFiles(
  dir: string,
  record: SignoffRecord,
  serverUrl: string
): { record: string; statement: string } {
  const paths = {
    record: join(dir, 'readiness-gate-signoff-record.json'),
    statement: join(dir, 'readiness-gate-statement.intoto.json')
  }
  writeFileSync(paths.record, `${JSON.stringify(record, null, 2)}\n`)
  writeFileSync(paths.statement, `${JSON.stringify(toStatement(record, serverUrl), null, 2)}\n`)
  return paths
}

export interface RecordOf {
  mode: SignoffRecord['mode']
  toolVersion: string
  /** `owner/name`. */
  repository: string
  configPath: string
  verdict: { passed: boolean; title: string }
  evaluations: readonly Evaluation[]
  pullRequest: PullRequestSnapshot | undefined
  evidence: Evidence | undefined
  /** The commit evaluated: the pull request's head, or the commit being deployed. */
  sha: string
}

/** The sign-off record of a gate run on GitHub (the action, or `readiness-gate verify`). */
export function signoffRecordOf(run: RecordOf): SignoffRecord {
  const { pullRequest, evidence } = run
  return toSignoffRecord({
    toolVersion: run.toolVersion,
    mode: run.mode,
    repository: run.repository,
    evaluatedAt: new Date().toISOString(),
    headSha: run.sha,
    baseSha: pullRequest?.baseSha,
    pullRequest: pullRequest && {
      number: pullRequest.number,
      url: pullRequest.url,
      author: pullRequest.author,
      headSha: pullRequest.approvalHead ?? pullRequest.headSha
    },
    configuration: { path: run.configPath, blob: pullRequest?.configBlob },
    codeowners: pullRequest?.codeowners && {
      path: pullRequest.codeowners.path,
      blob: pullRequest.codeowners.blob
    },
    freshness: evidence?.config.signoffs.freshness,
    verdict: run.verdict,
    evaluations: run.evaluations,
    standings: evidence?.standings ?? [],
    headBlob: evidence?.content.headBlob ?? new Map(),
    atReview: evidence?.content.atReview ?? new Map()
  })
}
