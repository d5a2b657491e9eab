/**
 * Small Markdown checklists built in the tests themselves: one complete, signed checklist that
 * passes the gate, and helpers to apply a single defect to it and find the line it is on.
 */
import { parseChecklist } from '../../src/checklist/parse.js'
import type { Checklist } from '../../src/checklist/model.js'
import { DEFAULT_CONFIG, loadConfig, type Config } from '../../src/config/index.js'
import { evaluate } from '../../src/rules/index.js'
import type { Evaluation, Finding, Review, SignoffContext } from '../../src/rules/types.js'

/** Every construct of the grammar, filled in and signed. Passes with `CONFIG` and `context()`. */
export const COMPLETE = `# Release 2.4 Readiness

## Critical Requirements (Must Pass 100%)

- [x] All staging tests passed
- [x] Zero critical bugs identified
- [x] Rollback procedure documented and tested

## Important Requirements (90% required)

- [x] Team training completed
- [x] Monitoring dashboards configured
- [x] Alerting tested end-to-end
- [x] Runbooks reviewed by team
- [x] Backup and restore tested
- [x] Performance benchmarks met
- [x] Security scan passed
- [x] Documentation up to date
- [x] Secrets rotated
- [x] IP allow-list configured
- [x] ~~Mobile access configured~~ N/A: no mobile clients

## Database

**Validation Checklist:**

- [x] **Configuration Review**
  - [x] Streaming replication configured
  - [x] Health checks defined
- [x] **Failover Test**
  - [x] RTO measured: 95 seconds (target: < 120s)
  - [x] Query latency p95: 42 ms (target: < 50ms)
  - [x] Symbols loaded: 64 (target: 50+)

**Sign-off:**
- DBA: @carol Date: 2026-11-18
- SRE: @alice Date: 2026-11-18

## Success Metrics

| Metric | Baseline | Target | Actual | Status |
|--------|----------|--------|--------|--------|
| System Uptime | 99.5% | 99.9% | 99.95% | ☒ Met ☐ Not Met |
| RTO | 30 min | 5 min | 4 min | ☒ Met ☐ Not Met |
| API Latency P95 | 300ms | <250ms | 180ms | ☒ Met ☐ Not Met |

## Go/No-Go Decision

| Requirement | Status | Notes |
|-------------|--------|-------|
| All staging tests passed | ☒ Pass ☐ Fail | |
| Zero critical bugs | ☒ Pass ☐ Fail | |

**Go/No-Go:** ☒ GO ☐ NO-GO

### Final Sign-Off

**Tech Lead:** @bob Date: 2026-11-19

**Product Owner:** @frank Date: 2026-11-19

## Sign-offs

- [x] Security Team Lead: @dave Date: 2026-11-19
- [x] All Team Members: @alice @bob Date: 2026-11-19

---

**Last Updated**: 2026-11-19
`

/** Roles for the complete checklist; the last two roles fall back to CODEOWNERS. */
export const CONFIG_YAML = `roles:
  DBA: ["@carol"]
  SRE: ["@alice"]
  Tech Lead: ["@bob"]
  Product Owner: ["@frank"]
signoffs:
  max-age-days: 30
`

/** The configuration `base` (the complete checklist's, by default) followed by `extraYaml`. */
export function config(extraYaml = '', base = CONFIG_YAML): Config {
  return loadConfig(`${base}${extraYaml}`, 'readiness-gate.yml')
}

export const CONFIG = config()
export { DEFAULT_CONFIG }

export const TODAY = '2026-11-20'
export const SIGNERS = ['alice', 'bob', 'carol', 'dave', 'frank'] as const

/** Approvals of the head commit by each login. */
export function approvals(...logins: string[]): Map<string, Review> {
  return new Map(
    logins.map(login => [
      login.toLowerCase(),
      { login, state: 'APPROVED', onHead: true, checklistUnchanged: true } satisfies Review
    ])
  )
}

export function context(overrides: Partial<SignoffContext> = {}): SignoffContext {
  return {
    reviews: approvals(...SIGNERS),
    author: 'octo-dev',
    codeOwners: ['@alice', '@bob', '@carol', '@dave', '@frank'],
    teams: new Map(),
    today: TODAY,
    ...overrides
  }
}

/** Replaces the one occurrence of `from`; fails loudly if it is not there exactly once. */
export function defect(from: string, to: string, text = COMPLETE): string {
  const first = text.indexOf(from)
  if (first < 0) throw new Error(`defect: "${from}" is not in the checklist`)
  if (text.indexOf(from, first + 1) >= 0) throw new Error(`defect: "${from}" is ambiguous`)
  return text.slice(0, first) + to + text.slice(first + from.length)
}

/** 1-based line of the one line that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const lines = text.split('\n')
  const found = lines.flatMap((line, i) => (line.includes(needle) ? [i + 1] : []))
  if (found.length !== 1) {
    throw new Error(`lineOf: "${needle}" is on ${found.length} lines, expected exactly one`)
  }
  return found[0]!
}

export function parse(text: string, path = 'checklists/release.md'): Checklist {
  return parseChecklist(text, path)
}

export interface GateOptions {
  config?: Config
  context?: Partial<SignoffContext>
  base?: string
}

export function gate(text: string, options: GateOptions = {}): Evaluation {
  const path = 'checklists/release.md'
  return evaluate(
    parseChecklist(text, path),
    options.config ?? CONFIG,
    context(options.context),
    options.base === undefined ? undefined : parseChecklist(options.base, path)
  )
}

export function errors(evaluation: Evaluation): Finding[] {
  return evaluation.findings.filter(finding => finding.severity === 'error')
}

/** Errors as `rule@line`, for compact expectations. */
export function errorKeys(evaluation: Evaluation): string[] {
  return errors(evaluation).map(finding => `${finding.rule}@${finding.line}`)
}
