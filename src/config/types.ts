/** The configuration, after defaults are applied. Keys in YAML are kebab-case. */
export interface Config {
  /** Globs of checklist files, evaluated when the pull request changes them. */
  checklists: string[]
  /** Fail a pull request that touches no checklist. */
  requireChecklist: boolean
  /** Section patterns (`A > B` for nested titles) whose content is not evaluated at all. */
  excludeSections: string[]
  /** Section patterns whose findings are reported but never fail the gate. */
  informationalSections: string[]
  /** Minimum share of done items in percent, by section pattern; overrides the heading. */
  thresholds: Record<string, number>
  /**
   * The template a new checklist is checked against, by glob of checklist paths: a checklist
   * the pull request adds has no base version, so its template (on the base branch) stands in.
   */
  templates: Record<string, string>
  /** Who may sign for a role: `@login`, `@org/team`; a role with none falls back to CODEOWNERS. */
  roles: Record<string, string[]>
  signoffs: {
    freshness: (typeof FRESHNESS)[number]
    distinctSigners: boolean
    /** Sign-off dates older than this many days are stale; undefined: no limit. */
    maxAgeDays: number | undefined
    /** Whether the pull request's author may sign. */
    allowAuthor: boolean
  }
  /**
   * Whether struck-through `N/A: reason` items may be waived; `except-critical`: not where every
   * item must be done (a 100% threshold, or no threshold at all).
   */
  waivers: 'allowed' | 'except-critical' | 'forbidden'
  /** Choice options that count as a pass (case-insensitive). */
  acceptChoices: string[]
  /**
   * The options that count as a pass for particular choices, by the choice's label (the text
   * before its boxes, else the line before them; in a table, the row's first cell with words),
   * in place of `acceptChoices`: `Rollback needed: [No]`.
   */
  acceptChoicesFor: Record<string, string[]>
}

export const FRESHNESS = ['head', 'checklist-unchanged', 'section-unchanged', 'any'] as const
export const WAIVERS = ['allowed', 'except-critical', 'forbidden'] as const

export const DEFAULT_CONFIG: Config = {
  checklists: ['checklists/releases/**/*.md'],
  requireChecklist: false,
  excludeSections: [],
  informationalSections: [],
  thresholds: {},
  templates: {},
  roles: {},
  signoffs: {
    freshness: 'checklist-unchanged',
    distinctSigners: true,
    maxAgeDays: undefined,
    allowAuthor: false
  },
  waivers: 'except-critical',
  acceptChoices: ['Pass', 'Met', 'GO', 'Yes'],
  acceptChoicesFor: {}
}

/** How a section is treated, from configuration. */
export type Scope = 'gated' | 'informational' | 'excluded'
