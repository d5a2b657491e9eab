import { normaliseLogin } from '../owners/index.js'
import { escapeMarkdown, formatLogin, linkDestination, oneLine } from './escape.js'
import type { Evaluation, Scope, SignoffStatus } from '../rules/types.js'

/*
 * The sign-off record: who signed which role, proven by which review, on which commit and with
 * which checklist content, under which configuration and CODEOWNERS, and the verdict. It is
 * part of the JSON report (`signoffRecord`) and, as the predicate of an in-toto Statement v1
 * whose subject is the commit evaluated, what `actions/attest` signs. Described by
 * `definitions.signoffRecord` and `definitions.signoffStatement` in report.schema.json.
 * Values that may be missing are `null`, never left out.
 */

export const RECORD_PREDICATE_TYPE = 'https://readiness-gate.dev/signoff-record/v1'
export const IN_TOTO_STATEMENT_TYPE = 'https://in-toto.io/Statement/v1'

export interface RecordReview {
  /** The review's id (REST `id`, GraphQL `databaseId`). */
  id: number | null
  url: string | null
  state: 'APPROVED' | 'CHANGES_REQUESTED'
  submittedAt: string | null
  /** The commit the review approved (or requested changes on). */
  commit: string | null
  /** The checklist's blob id at that commit (null: not there, or not read). */
  checklistBlobAtCommit: string | null
  /** The checklist's blob id at the commit evaluated. */
  checklistBlobAtHead: string | null
}

export interface RecordSigner {
  login: string
  /** The signer's latest decisive review; null: none (not approved, or dismissed). */
  review: RecordReview | null
}

export interface RecordSignoff {
  role: string
  line: number
  status: SignoffStatus
  scope: Scope
  signers: RecordSigner[]
}

export interface RecordChecklist {
  path: string
  /** Blob id at the commit evaluated. */
  blob: string | null
  passed: boolean
  signoffs: RecordSignoff[]
}

export interface SignoffRecord {
  version: 1
  tool: { name: 'readiness-gate'; version: string }
  /** `pull-request`: the gate on a pull request's head; `deploy`: on the commit being deployed. */
  mode: 'pull-request' | 'deploy'
  /** `owner/name`. */
  repository: string
  evaluatedAt: string
  /** The commit evaluated: the pull request's head, or in deploy mode its merge commit. */
  headSha: string
  /** The commit configuration, CODEOWNERS and base checklists were read at. */
  baseSha: string | null
  /** The pull request, when there is one (a commit pushed without one has none). */
  pullRequest: { number: number; url: string; author: string | null; headSha: string } | null
  configuration: { path: string; blob: string | null }
  codeowners: { path: string; blob: string | null } | null
  freshness: string | null
  verdict: { passed: boolean; title: string }
  checklists: RecordChecklist[]
}

/** A reviewer's latest decisive review as the gate read it. */
export interface RecordStanding {
  login: string
  state: 'APPROVED' | 'CHANGES_REQUESTED'
  commit: string | undefined
  review?: { id?: number; url?: string; submittedAt: string | null }
}

export interface RecordInput {
  toolVersion: string
  mode: SignoffRecord['mode']
  repository: string
  evaluatedAt: string
  headSha: string
  baseSha: string | undefined
  pullRequest:
    { number: number; url: string; author: string | undefined; headSha: string } | undefined
  configuration: { path: string; blob: string | undefined }
  codeowners: { path: string; blob: string | undefined } | undefined
  freshness: string | undefined
  verdict: { passed: boolean; title: string }
  evaluations: readonly Evaluation[]
  standings: readonly RecordStanding[]
  /** Blob id of each checklist at the commit evaluated. */
  headBlob: ReadonlyMap<string, string>
  /** `commit → path → blob id` at review commits. */
  atReview: ReadonlyMap<string, ReadonlyMap<string, string | undefined>>
}

export function toSignoffRecord(input: RecordInput): SignoffRecord {
  const standings = new Map(input.standings.map(s => [normaliseLogin(s.login), s]))
  const proof = (path: string, login: string): RecordReview | null => {
    const standing = standings.get(normaliseLogin(login))
    if (!standing) return null
    const commit = standing.commit ?? null
    const atHead = input.headBlob.get(path) ?? null
    return {
      id: standing.review?.id ?? null,
      url: standing.review?.url ?? null,
      state: standing.state,
      submittedAt: standing.review?.submittedAt ?? null,
      commit,
      checklistBlobAtCommit:
        commit === input.headSha ? atHead : (input.atReview.get(commit ?? '')?.get(path) ?? null),
      checklistBlobAtHead: atHead
    }
  }
  return {
    version: 1,
    tool: { name: 'readiness-gate', version: input.toolVersion },
    mode: input.mode,
    repository: input.repository,
    evaluatedAt: input.evaluatedAt,
    headSha: input.headSha,
    baseSha: input.baseSha ?? null,
    pullRequest: input.pullRequest
      ? {
          number: input.pullRequest.number,
          url: input.pullRequest.url,
          author: input.pullRequest.author ?? null,
          headSha: input.pullRequest.headSha
        }
      : null,
    configuration: { path: input.configuration.path, blob: input.configuration.blob ?? null },
    codeowners: input.codeowners
      ? { path: input.codeowners.path, blob: input.codeowners.blob ?? null }
      : null,
    freshness: input.freshness ?? null,
    verdict: { passed: input.verdict.passed, title: input.verdict.title },
    checklists: input.evaluations.map(evaluation => ({
      path: evaluation.path,
      blob: input.headBlob.get(evaluation.path) ?? null,
      passed: evaluation.passed,
      signoffs: evaluation.signoffs.map(signoff => ({
        role: signoff.role,
        line: signoff.line,
        status: signoff.status,
        scope: signoff.scope,
        signers: signoff.signers.map(login => ({ login, review: proof(evaluation.path, login) }))
      }))
    }))
  }
}

export interface InTotoStatement {
  _type: typeof IN_TOTO_STATEMENT_TYPE
  subject: { name: string; digest: { gitCommit: string } }[]
  predicateType: typeof RECORD_PREDICATE_TYPE
  predicate: SignoffRecord
}

/**
 * The record as an in-toto Statement v1: the subject is the commit evaluated, named
 * `git+https://github.com/owner/name` (the repository it is a commit of), with its sha as the
 * `gitCommit` digest (in-toto's digest set names git commits so).
 */
export function toStatement(record: SignoffRecord, serverUrl: string): InTotoStatement {
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: [
      {
        name: `git+${serverUrl.replace(/\/+$/, '')}/${record.repository}`,
        digest: { gitCommit: record.headSha }
      }
    ],
    predicateType: RECORD_PREDICATE_TYPE,
    predicate: record
  }
}

/**
 * The record for the job summary: one row a signer, with the review that proves it. Logins do
 * not ping; blob ids and commits are shortened, the full values are in the record file.
 */
export function recordMarkdown(record: SignoffRecord): string {
  const short = (sha: string | null) => (sha === null ? '—' : `\`${sha.slice(0, 7)}\``)
  const lines = [
    '### Sign-off record',
    '',
    `Commit ${short(record.headSha)}${record.pullRequest ? ` from [#${record.pullRequest.number}](${linkDestination(record.pullRequest.url)}) (head ${short(record.pullRequest.headSha)})` : ''}, base ${short(record.baseSha)}; configuration ${escapeMarkdown(record.configuration.path)} ${short(record.configuration.blob)}, CODEOWNERS ${record.codeowners ? `${escapeMarkdown(record.codeowners.path)} ${short(record.codeowners.blob)}` : '—'}; freshness ${record.freshness ?? '—'}; ${record.tool.name} ${escapeMarkdown(record.tool.version)}.`,
    ''
  ]
  const rows = record.checklists.flatMap(checklist =>
    checklist.signoffs.flatMap(signoff =>
      (signoff.signers.length > 0 ? signoff.signers : [undefined]).map(signer => {
        const review = signer?.review
        const proof = review
          ? `${review.url ? `[${review.state.toLowerCase()}](${linkDestination(review.url)})` : review.state.toLowerCase()} ${review.submittedAt ?? ''} on ${short(review.commit)}, checklist ${review.checklistBlobAtCommit !== null && review.checklistBlobAtCommit === review.checklistBlobAtHead ? 'unchanged' : 'changed since'}`
          : '—'
        return `| ${escapeMarkdown(checklist.path)}:${signoff.line} | ${escapeMarkdown(oneLine(signoff.role))} | ${signer ? formatLogin(signer.login) : '—'} | ${proof} | ${signoff.status} |`
      })
    )
  )
  if (rows.length === 0) return [...lines, 'No sign-offs were evaluated.', ''].join('\n')
  return [
    ...lines,
    '| line | role | signer | review | status |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    ''
  ].join('\n')
}
