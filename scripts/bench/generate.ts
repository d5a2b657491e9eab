/**
 * A deterministic generator of realistic deployment-readiness checklists, shaped like
 * checklists/examples/release-2026.11.md: a Go/No-Go section with `(Must Pass …%)` thresholds,
 * then phases of components, each with a `(Must Pass 90%)` threshold, a files list, nested
 * validation items, fields with targets, every few components a metric table, a Go/No-Go
 * choice and a `**Sign-off:**` block of `@login`s with ISO dates. Filled in so that most items
 * pass: about 2% of leaf items stay open (a parent with an open child stays open too), some
 * items are waived, a few targets are missed. Same seed, same text.
 */
import type { Review, SignoffContext } from '../../src/rules/types.js'

/** Today, as the gate is told (`--today`); sign-off dates fall in the 19 days before. */
export const BENCH_TODAY = '2026-11-20'
export const BENCH_AUTHOR = 'octo-dev'

/** Roles and who may sign them; every one of these logins approved the pull request. */
export const BENCH_ROLES: Readonly<Record<string, string>> = {
  DBA: 'carol',
  SRE: 'alice',
  'Tech Lead': 'bob',
  'QA Lead': 'erin',
  'Security Engineer': 'dave',
  'Product Owner': 'frank'
}
export const BENCH_LOGINS = [...new Set(Object.values(BENCH_ROLES))]

export interface GeneratedChecklist {
  text: string
  /** Task items written (what `cmark-gfm -e tasklist` counts). */
  items: number
  openItems: number
  components: number
  signoffs: number
  fields: number
  tableRows: number
  choices: number
}

/** mulberry32: small, fast, and the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const COMPONENTS = [
  'Primary Database',
  'Cache Layer',
  'Message Queue',
  'API Gateway',
  'Search Index',
  'Object Storage',
  'Payment Worker',
  'Notification Service',
  'Feature Flags',
  'Identity Provider'
]

const GROUPS: readonly { title: string; items: readonly string[] }[] = [
  {
    title: 'Configuration Review',
    items: [
      'Persistent volumes sized and provisioned',
      'Replication configured',
      'Liveness and readiness probes defined',
      'CPU and memory requests and limits set',
      'Secrets mounted from the vault, not baked into the image'
    ]
  },
  {
    title: 'Deployment Test (Staging)',
    items: [
      'Primary running',
      'Replicas running',
      'Health checks passing',
      'Rolling update completed without dropped requests'
    ]
  },
  {
    title: 'Failover Test',
    items: [
      'Failover test script executed',
      'New primary promoted automatically',
      'Application reconnected without manual action',
      'Alert fired and resolved on its own'
    ]
  },
  {
    title: 'Security Review',
    items: [
      'Network policy restricts ingress to the gateway',
      'TLS certificates valid for at least 30 days',
      'Dependency audit passed',
      'No secrets in code or logs'
    ]
  }
]

/** Fields with targets: label, unit, target operator and bound, and a typical passing value. */
const FIELDS: readonly {
  label: string
  unit: string
  target: (bound: number) => string
  bound: number
  pass: (r: () => number, bound: number) => number
  fail: (bound: number) => number
}[] = [
  {
    label: 'Query latency p95',
    unit: 'ms',
    target: b => `< ${b}ms`,
    bound: 50,
    pass: (r, b) => Math.round(b * (0.5 + 0.4 * r())),
    fail: b => b + 12
  },
  {
    label: 'RTO measured',
    unit: 'seconds',
    target: b => `< ${b / 60} min`,
    bound: 120,
    pass: (r, b) => Math.round(b * (0.4 + 0.5 * r())),
    fail: b => b + 30
  },
  {
    label: 'Cache hit rate',
    unit: '%',
    target: b => `> ${b}%`,
    bound: 80,
    pass: (r, b) => Math.round(b + (100 - b) * 0.9 * r() + 1),
    fail: b => b - 7
  },
  {
    label: 'Memory usage',
    unit: 'MB',
    target: b => `< ${b / 1024}GiB`,
    bound: 512,
    pass: (r, b) => Math.round(b * (0.4 + 0.5 * r())),
    fail: b => b + 200
  },
  {
    label: 'Hot keys loaded',
    unit: '',
    target: b => `${b}+`,
    bound: 50,
    pass: (r, b) => Math.round(b + 40 * r()),
    fail: b => b - 9
  }
]

const METRICS: readonly { name: string; baseline: string; target: string; actual: string }[] = [
  { name: 'API latency p95', baseline: '240ms', target: '<250ms', actual: '182ms' },
  { name: 'Error rate', baseline: '0.12%', target: '<0.1%', actual: '0.04%' },
  { name: 'Availability (72 h soak)', baseline: '99.82%', target: '≥99.9%', actual: '99.97%' },
  { name: 'Restore from backup', baseline: '30 min', target: '5 min', actual: '4 min' }
]

/** Generates a checklist with at least `targetItems` task items (it finishes the component). */
export function generateChecklist(targetItems: number, seed = 20261120): GeneratedChecklist {
  const r = random(seed)
  const out: string[] = []
  const stats = {
    items: 0,
    openItems: 0,
    components: 0,
    signoffs: 0,
    fields: 0,
    tableRows: 0,
    choices: 0
  }
  const box = (checked: boolean): string => {
    stats.items++
    if (!checked) stats.openItems++
    return checked ? '[x]' : '[ ]'
  }
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!
  const day = (): string => `2026-11-${String(1 + Math.floor(r() * 19)).padStart(2, '0')}`

  out.push(
    '# Deployment Readiness Checklist',
    '',
    '**Service:** ledger-api',
    '**Release:** 2026.11',
    `**Date:** ${BENCH_TODAY}`,
    '',
    '---',
    '',
    '## Go/No-Go Criteria',
    '',
    '### Critical Requirements (Must Pass 100%)',
    ''
  )
  for (const text of ['All staging tests passed', 'Zero critical bugs open', 'Rollback rehearsed'])
    out.push(`- ${box(true)} **${text}**`)
  out.push('', '### Important Requirements (Must Pass 90%)', '')
  for (const text of ['Team training completed', 'Runbooks reviewed', 'Dashboards configured'])
    out.push(`- ${box(true)} **${text}**`)
  out.push('', '---', '')

  let phase = 0
  while (stats.items < targetItems) {
    if (stats.components % 10 === 0) {
      phase++
      out.push(`## Phase ${phase}: Rollout wave ${phase}`, '')
    }
    stats.components++
    const c = stats.components
    const name = `${pick(COMPONENTS)} ${phase}.${c}`
    out.push(`### ${name} (Must Pass 90%)`, '')

    out.push('**Files:**')
    out.push(`- ${box(true)} \`deploy/k8s/svc-${c}/statefulset.yaml\` (manifest)`)
    out.push(`- ${box(true)} \`scripts/ops/failover-test-${c}.sh\` (failover test script)`, '')

    out.push('**Validation Checklist:**', '')
    for (const group of GROUPS) {
      const children: string[] = []
      let allDone = true
      for (const text of group.items) {
        const roll = r()
        if (roll < 0.01) {
          children.push(`  - ${box(true)} ~~${text}~~ N/A: not part of this rollout wave`)
        } else {
          const done = roll >= 0.03
          allDone &&= done
          children.push(`  - ${box(done)} ${text}`)
          if (roll > 0.97 && group.title === 'Failover Test') {
            // A third level now and then, as runbooks nest sub-steps.
            children.push(`    - ${box(done)} Step recorded in the runbook (\`RB-${c}\`)`)
          }
        }
      }
      out.push(`- ${box(allDone)} **${group.title}**`, ...children, '')
    }

    const perf: string[] = []
    for (const field of FIELDS) {
      const missed = r() < 0.005
      const value = missed ? field.fail(field.bound) : field.pass(r, field.bound)
      const unit = field.unit === '' ? '' : field.unit === '%' ? ' %' : ` ${field.unit}`
      perf.push(
        `  - ${box(true)} ${field.label}: ${value}${unit} (target: ${field.target(field.bound)})`
      )
      stats.fields++
    }
    out.push(`- ${box(true)} **Performance Test**`, ...perf, '')

    if (c % 4 === 0) {
      out.push(
        '**Release metrics (staging):**',
        '',
        '| Metric | Baseline | Target | Actual | Status |',
        '|--------|----------|--------|--------|--------|'
      )
      for (const metric of METRICS) {
        out.push(
          `| ${metric.name} | ${metric.baseline} | ${metric.target} | ${metric.actual} | ☒ Met ☐ Not Met |`
        )
        stats.tableRows++
        stats.choices++
        stats.fields++
      }
      out.push('')
    }
    if (c % 5 === 0) {
      out.push('**Go/No-Go:** ☒ GO ☐ NO-GO', '')
      stats.choices++
    }

    const roles = Object.keys(BENCH_ROLES)
    const first = Math.floor(r() * roles.length)
    const second = (first + 1 + Math.floor(r() * (roles.length - 1))) % roles.length
    out.push('**Sign-off:**')
    for (const role of [roles[first]!, roles[second]!]) {
      out.push(`- ${role}: @${BENCH_ROLES[role]} Date: ${day()}`)
      stats.signoffs++
    }
    out.push('', '---', '')
  }
  return { text: out.join('\n'), ...stats }
}

/** The configuration the generated checklists are evaluated with, as YAML for the CLI. */
export function benchConfigYaml(): string {
  const lines = ['# Generated by scripts/bench.ts', 'roles:']
  for (const [role, login] of Object.entries(BENCH_ROLES)) lines.push(`  ${role}: ["@${login}"]`)
  lines.push('signoffs:', '  max-age-days: 30')
  return `${lines.join('\n')}\n`
}

/** Every bench signer's approval of the head commit, by the bench's author, on the bench's day. */
export function signoffContext(): SignoffContext {
  const reviews = new Map<string, Review>()
  for (const login of BENCH_LOGINS) {
    reviews.set(login, { login, state: 'APPROVED', onHead: true, checklistUnchanged: true })
  }
  return { reviews, author: BENCH_AUTHOR, codeOwners: [], teams: new Map(), today: BENCH_TODAY }
}
