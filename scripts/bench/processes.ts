import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { REPO, type BenchContext, type BenchSection } from './context.js'
import { BENCH_AUTHOR, BENCH_LOGINS, BENCH_TODAY } from './generate.js'
import { goal, ms, timeProcess } from './measure.js'
import { formatTable } from './table.js'

const CMARK_GFM = '/usr/bin/cmark-gfm'
const WHOLE_PROCESS_ITEMS = 100_000
const WHOLE_PROCESS_RUNS = 5
const WHOLE_PROCESS_GOAL = 10
const STARTUP_RUNS = 10

export const wholeProcess: BenchSection = {
  id: 'whole-process',
  title: 'Whole process on the 100k file: readiness-gate check vs cmark-gfm (GitHub’s C renderer)',
  run(ctx: BenchContext) {
    const file = ctx.checklist(WHOLE_PROCESS_ITEMS)
    const cli = ctx.cli()
    const { note } = ctx.bundles()
    ctx.print(`readiness-gate: ${cli.label}`)
    if (note) ctx.print(`  (${note})`)
    const args = [
      ...cli.args,
      'check',
      file.path,
      '--config',
      ctx.configPath(),
      '--approved-by',
      BENCH_LOGINS.join(','),
      '--author',
      BENCH_AUTHOR,
      '--today',
      BENCH_TODAY
    ]
    // The temp dir is not a repository: the CLI reads no CODEOWNERS and no .git there.
    const gate = timeProcess(cli.command, args, WHOLE_PROCESS_RUNS, { cwd: ctx.tmp })
    const rows: string[][] = [
      [
        'readiness-gate check (text report)',
        String(WHOLE_PROCESS_RUNS),
        ms(gate.medianMs),
        cpuMs(gate.medianCpuMs),
        String(gate.status)
      ]
    ]
    if (gate.status !== 0 && gate.status !== 1) {
      ctx.print(`  ✗ readiness-gate exited ${gate.status}: ${gate.stderr.trim().slice(0, 500)}`)
    }
    let ratioLine: string
    if (existsSync(CMARK_GFM)) {
      const cmark = timeProcess(
        CMARK_GFM,
        ['-e', 'tasklist', '-e', 'table', file.path],
        WHOLE_PROCESS_RUNS,
        { cwd: ctx.tmp }
      )
      rows.push([
        'cmark-gfm -e tasklist -e table FILE > /dev/null',
        String(WHOLE_PROCESS_RUNS),
        ms(cmark.medianMs),
        cpuMs(cmark.medianCpuMs),
        String(cmark.status)
      ])
      const ratio = gate.medianMs / cmark.medianMs
      ratioLine = `readiness-gate / cmark-gfm: ${ratio.toFixed(1)}x ${goal(ratio <= WHOLE_PROCESS_GOAL)} (goal ≤ ${WHOLE_PROCESS_GOAL}x)`
      if (gate.medianCpuMs !== undefined && cmark.medianCpuMs !== undefined) {
        const cpuRatio = gate.medianCpuMs / cmark.medianCpuMs
        ratioLine += `; in CPU time ${cpuRatio.toFixed(1)}x ${goal(cpuRatio <= WHOLE_PROCESS_GOAL)}`
      }
    } else {
      ratioLine = `cmark-gfm is not installed at ${CMARK_GFM}: no comparison.`
    }
    ctx.print(
      formatTable(
        ['command (100k items, spawn → exit)', 'runs', 'median ms', 'CPU ms', 'exit'],
        rows
      )
    )
    ctx.print(ratioLine)
  }
}

export const startup: BenchSection = {
  id: 'startup',
  title: 'Start-up and bundle sizes',
  run(ctx: BenchContext) {
    const { action, cli, origin, note } = ctx.bundles()
    const rows: string[][] = []
    const floor = timeProcess(process.execPath, ['-e', '0'], STARTUP_RUNS, { env: {} })
    if (action) {
      // No GITHUB_* environment: the action exits at once (an error or a skip), after loading.
      const run = timeProcess(process.execPath, [action], STARTUP_RUNS, { env: {} })
      rows.push([
        `node ${relative(action)} (no environment)`,
        String(STARTUP_RUNS),
        ms(run.medianMs),
        `+${ms(run.medianMs - floor.medianMs)}`,
        String(run.status)
      ])
    }
    rows.push(['node -e 0', String(STARTUP_RUNS), ms(floor.medianMs), '', String(floor.status)])
    ctx.print(`Bundles: ${origin}${note ? ` (${note})` : ''}`)
    ctx.print(formatTable(['command', 'runs', 'median ms', 'over node', 'exit'], rows))
    ctx.print()

    const sizes: string[][] = []
    const committed = [join(REPO, 'dist/index.js'), join(REPO, 'dist/cli/index.js')]
    const seen = new Set<string>()
    for (const path of [action, cli, ...committed]) {
      if (path === undefined || seen.has(path)) continue
      seen.add(path)
      if (!existsSync(path)) {
        sizes.push([relative(path), 'not built', ''])
        continue
      }
      const bytes = statSync(path).size
      const stale = committed.includes(path) && origin !== 'committed dist/'
      sizes.push([
        relative(path),
        `${(bytes / 1024).toFixed(1)} KiB`,
        stale ? 'committed, stale' : path.startsWith(REPO) ? 'committed' : 'fresh build'
      ])
    }
    ctx.print(formatTable(['bundle', 'size', 'from'], sizes))
  }
}

function cpuMs(value: number | undefined): string {
  return value === undefined ? 'n/a' : ms(value)
}

function relative(path: string): string {
  return path.startsWith(`${REPO}/`) ? path.slice(REPO.length + 1) : path
}
