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
  'signoff-missing',
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
  'integrity-no-template'
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

/** How a section is treated, from configuration. */
export type Scope = 'gated' | 'informational' | 'excluded'

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
}

export type SignoffStatus =
  | 'signed'
  | 'missing'
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
}

export type FieldStatus = 'met' | 'missed' | 'unfilled' | 'no-target' | 'incomparable'

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
