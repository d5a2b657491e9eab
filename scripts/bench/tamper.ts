import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseChecklist } from '../../src/checklist/parse.js'
import { loadConfig } from '../../src/config/index.js'
import { evaluate } from '../../src/rules/index.js'
import type { BenchContext, BenchSection } from './context.js'
import { BENCH_AUTHOR, BENCH_LOGINS, BENCH_TODAY, signoffContext } from './generate.js'
import { goal, median, ms, timeProcess } from './measure.js'
import { SIZES } from './in-process.js'
import { formatTable } from './table.js'

const SCALING_GOAL = 12
/** Issue 8: a 1 MB checklist with its base, the whole process, in under 2 s. */
const WHOLE_PROCESS_ITEMS = 20_000
const WHOLE_PROCESS_GOAL_MS = 2000
const WHOLE_PROCESS_RUNS = 3

/**
 * The base a release pull request starts from: the same checklist before it was filled in,
 * every box open and every signer a blank. Head against it is the honest case, and the
 * alignment has every fill-in to pair.
 */
export function unfilled(text: string): string {
  return text
    .replace(/^(\s*(?:[-*+]|\d+[.)]) )\[[xX]\]/gm, '$1[ ]')
    .replace(/@[A-Za-z0-9-]+/g, '______')
    .replace(/Date: \d{4}-\d{2}-\d{2}/g, 'Date: ______')
}

export const tamper: BenchSection = {
  id: 'tamper',
  title: 'Tamper check: the head aligned with its base (issue 8)',
  run(ctx: BenchContext) {
    const config = loadConfig(readFileSync(ctx.configPath(), 'utf8'), 'readiness-gate.yml')
    const context = signoffContext()
    const rows: string[][] = []
    const times = new Map<string, number>()
    for (const { items, runs } of SIZES) {
      const file = ctx.checklist(items)
      const head = parseChecklist(file.text, 'checklists/releases/bench.md')
      const base = parseChecklist(unfilled(file.text), 'checklists/releases/bench.md')
      let integrity = 0
      const once = () => {
        const t0 = performance.now()
        evaluate(head, config, context)
        const t1 = performance.now()
        const evaluation = evaluate(head, config, context, base)
        const t2 = performance.now()
        integrity = evaluation.findings.filter(f => f.rule.startsWith('integrity')).length
        return { without: t1 - t0, with: t2 - t1 }
      }
      const warmStart = performance.now()
      for (let run = 0; run < 20 && (run === 0 || performance.now() - warmStart < 2_000); run++) {
        once()
      }
      const samples = Array.from({ length: runs }, once)
      const without = median(samples.map(s => s.without))
      const withBase = median(samples.map(s => s.with))
      const check = median(samples.map(s => s.with - s.without))
      times.set(file.label, check)
      rows.push([
        file.label,
        String(file.items),
        `${(file.bytes / 1024 / 1024).toFixed(2)} MB`,
        String(runs),
        ms(without),
        ms(withBase),
        ms(check),
        String(integrity)
      ])
    }
    ctx.print(
      formatTable(
        [
          'size',
          'items',
          'file',
          'runs',
          'evaluate ms',
          'evaluate with base ms',
          'tamper check ms',
          'integrity findings'
        ],
        rows
      )
    )
    const small = times.get('10k')
    const large = times.get('100k')
    if (small !== undefined && large !== undefined) {
      const scaling = large / small
      ctx.print(
        `Scaling 100k/10k of the tamper check: ${scaling.toFixed(1)} ${goal(scaling <= SCALING_GOAL)} (goal ≤ ${SCALING_GOAL}; 10 is linear)`
      )
    }
    ctx.print()

    // The whole process on about 1 MB (20k items), with its base read through git as `--base` does.
    const items = ctx.checklist(WHOLE_PROCESS_ITEMS)
    const repo = join(ctx.tmp, 'tamper-repo')
    mkdirSync(join(repo, 'checklists', 'releases'), { recursive: true })
    const path = join('checklists', 'releases', 'bench.md')
    const git = (...args: string[]) =>
      execFileSync(
        'git',
        ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args],
        {
          cwd: repo,
          stdio: 'ignore'
        }
      )
    git('init', '-q', '-b', 'main')
    writeFileSync(join(repo, path), unfilled(items.text))
    writeFileSync(join(repo, 'readiness-gate.yml'), readFileSync(ctx.configPath(), 'utf8'))
    git('add', '.')
    git('commit', '-q', '-m', 'base')
    writeFileSync(join(repo, path), items.text)
    const cli = ctx.cli()
    const args = [
      ...cli.args,
      'check',
      path,
      '--base',
      'main',
      '--config',
      'readiness-gate.yml',
      '--approved-by',
      BENCH_LOGINS.join(','),
      '--author',
      BENCH_AUTHOR,
      '--today',
      BENCH_TODAY
    ]
    const run = timeProcess(cli.command, args, WHOLE_PROCESS_RUNS, { cwd: repo })
    ctx.print(
      formatTable(
        ['command (spawn → exit)', 'file', 'runs', 'median ms', 'CPU ms', 'exit'],
        [
          [
            `readiness-gate check FILE --base main (${cli.label})`,
            `${(items.bytes / 1024 / 1024).toFixed(2)} MB, ${items.items} items`,
            String(WHOLE_PROCESS_RUNS),
            `${ms(run.medianMs)} ${goal(run.medianMs < WHOLE_PROCESS_GOAL_MS)}`,
            run.medianCpuMs === undefined ? 'n/a' : ms(run.medianCpuMs),
            String(run.status)
          ]
        ]
      )
    )
    if (run.status !== 0 && run.status !== 1) ctx.print(`  ✗ ${run.stderr.trim().slice(0, 500)}`)
    ctx.print(`Goal: under ${WHOLE_PROCESS_GOAL_MS} ms for a 1 MB checklist with its base.`)
  }
}
