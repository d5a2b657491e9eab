import type { Scope } from '../config/index.js'
import type { TeamMembers } from '../owners/index.js'

export type Severity = 'error' | 'warning' | 'notice'

export const RULE_IDS = [
  'item-open',
  'checked-with-open-children',
  'threshold',
  'waiver-not-allowed',
  'blank',
  'field-unfilled',
  'target-missed',
  'target-unit-mismatch',
  'target-unparsed',
  'status-contradicts-value',
  'choice-unmarked',
  'choice-multiple',
  'choice-rejected',
  'choice-answer-unmatched',
  'signoff-missing',
  'signoff-unticked',
  'signoff-not-a-login',
  'signoff-date-missing',
  'signoff-date-invalid',
  'signoff-date-future',
  'signoff-date-stale',
  'signoff-not-approved',
  'signoff-approval-unverified',
  'signoff-stale-approval',
  'signoff-not-authorized',
  'signoff-by-author',
  'signoff-duplicate-signer',
  'integrity-item-removed',
  'integrity-signoff-removed',
  'integrity-threshold-lowered',
  'integrity-target-loosened',
  'integrity-choice-removed',
  'integrity-no-template',
  'integrity-not-from-template',
  'integrity-signoff-moved',
  'integrity-threshold-diluted',
  'pr-checklist-missing',
  'pr-files-unlisted',
  'pr-head-shared',
  'config-invalid',
  'deploy-not-merged'
] as const

export type RuleId = (typeof RULE_IDS)[number]

/** One thing the gate says about one line of one checklist. */
export interface Finding {
  rule: RuleId
  severity: Severity
  /** 1-based line in the checklist (head version). */
  line: number
  message: string
}

/**
 * A finding about the pull request as a whole (no checklist where one is required, more files
 * than GitHub lists, a configuration that cannot be used). `path` names the file it is about,
 * when there is one, and `line` is a line of that file (else 1).
 */
export interface PullRequestFinding extends Finding {
  path: string | undefined
}

export type { Scope } from '../config/index.js'

export interface SectionResult {
  title: string
  line: number
  scope: Scope
  /** Minimum share of done items in percent, from the heading or configuration. */
  threshold: number | undefined
  /** Items in this section and its sub-sections that count (waived ones left out). */
  total: number
  done: number
  waived: number
  passed: boolean
  /** Heading level, 1 to 6: which sections are the checklist's top-level parts. */
  level?: number
}

export type SignoffStatus =
  | 'signed'
  | 'missing'
  | 'unticked'
  | 'invalid'
  | 'not-approved'
  | 'unverified'
  | 'stale-approval'
  | 'not-authorized'
  | 'by-author'
  | 'duplicate'

export interface SignoffResult {
  role: string
  line: number
  /** GitHub logins named on the line, without `@`. */
  signers: string[]
  date: string | undefined
  status: SignoffStatus
  scope: Scope
  /** Who may sign the role, so that a reader knows whom to ask. */
  eligible?: EligibleSigners
}

export interface EligibleSigners {
  /** Where they come from: `roles` in the configuration, or CODEOWNERS of the checklist. */
  source: 'roles' | 'codeowners'
  /** Logins, normalised. */
  users: string[]
  /** Teams (`org/slug`), with their members when the token could read them. */
  teams: { team: string; members: string[] | undefined }[]
}

/** `waived`: the field is on the own lines of a waived item, which is not measured. */
export type FieldStatus = 'met' | 'missed' | 'unfilled' | 'no-target' | 'incomparable' | 'waived'

export interface FieldResult {
  label: string
  line: number
  value: string | undefined
  target: string | undefined
  status: FieldStatus
  scope: Scope
}

/** A task item as GitHub renders it: the line its list item starts on, and its box. */
export interface TaskResult {
  line: number
  checked: boolean
}

export interface Evaluation {
  path: string
  passed: boolean
  items: { total: number; done: number; waived: number }
  /**
   * Every task item of the checklist, in source order, whatever it counts for: sign-off task
   * lines and items of excluded sections included.
   */
  tasks: TaskResult[]
  sections: SectionResult[]
  signoffs: SignoffResult[]
  fields: FieldResult[]
  findings: Finding[]
}

/** One reviewer's latest decisive review (APPROVED or CHANGES_REQUESTED; dismissed ones skipped). */
export interface Review {
  login: string
  state: 'APPROVED' | 'CHANGES_REQUESTED'
  /** Whether the review was given on the head commit. */
  onHead: boolean
  /** Whether the checklist file at the review's commit is identical to the head version. */
  checklistUnchanged: boolean
  /**
   * Whether the reviewer has write access to the repository, which a code owner needs to sign
   * (GitHub ignores code owners without it); 'unreadable' when it could not be read (the
   * sign-off fails closed). Absent when the caller cannot know (the command line): not checked.
   */
  writeAccess?: boolean | 'unreadable'
  /**
   * Under `freshness: section-unchanged`: the lines of sign-offs whose covered part (see
   * rules/coverage.ts) is the same at the review's commit as at head. Undefined: not known,
   * so only an unchanged checklist keeps the approval fresh.
   */
  coverageUnchanged?: ReadonlySet<number>
}

/** What the sign-off rules need to know beyond the checklist itself. */
export interface SignoffContext {
  /** Reviews by lower-cased login; undefined when approvals could not be verified at all. */
  reviews: ReadonlyMap<string, Review> | undefined
  /** The pull request's author, if known. */
  author: string | undefined
  /** Owners of the checklist file from CODEOWNERS (`@user`, `@org/team`, emails). */
  codeOwners: readonly string[]
  teams: TeamMembers
  /** ISO date sign-off dates are checked against. */
  today: string
}
