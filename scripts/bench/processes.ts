import { existsSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO, type BenchContext, type BenchSection } from './context.js'
import { BENCH_AUTHOR, BENCH_LOGINS, BENCH_TODAY } from './generate.js'
import { type ProcessTiming, goal, mib, ms, timeProcess } from './measure.js'
import { formatTable } from './table.js'

const CMARK_GFM = '/usr/bin/cmark-gfm'
const WHOLE_PROCESS_ITEMS = 100_000
const WHOLE_PROCESS_RUNS = 5
/** Issue 7: the whole gate at most 6x the CPU of GitHub's C parser on the same file. */
const WHOLE_PROCESS_GOAL = 6
/** Issue 7: peak memory at most half of the 370 MB the markdown-it gate took at 100k items. */
const PEAK_MEMORY_GOAL = 185 * 1024 * 1024
const STARTUP_RUNS = 10

/**
 * A process that only parses the file with the committed module, as the gate loads it (no
 * node:wasi, the three imports stubbed) and reads it (the UTF-8 encoded exactly into the
 * module's memory, the tree handed over part by part): the floor under the gate's own cost.
 */
const PARSE_ONLY = `
import { readFileSync } from 'node:fs'
const [wasm, file] = process.argv.slice(2)
const module = new WebAssembly.Module(readFileSync(wasm))
const stub = () => 0
const { exports } = new WebAssembly.Instance(module, {
  wasi_snapshot_preview1: { fd_write: stub, fd_close: stub, fd_seek: stub }
})
exports._initialize()
const source = readFileSync(file, 'utf8')
const length = Buffer.byteLength(source, 'utf8')
const input = exports.rg_alloc(length)
const { written } = new TextEncoder().encodeInto(source, new Uint8Array(exports.memory.buffer, input, length))
if (exports.rg_parse(input, written) < 0) process.exit(2)
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
let total = 0
for (let count = exports.rg_next(); count > 0; count = exports.rg_next()) {
  const nodes = new Int32Array(exports.memory.buffer, exports.rg_nodes(), count * 9)
  const strings = decoder.decode(new Uint8Array(exports.memory.buffer, exports.rg_strings(), exports.rg_strings_length()))
  total += nodes[0] + strings.length
}
if (total < 0) process.exitCode = 2
`

export const wholeProcess: BenchSection = {
  id: 'whole-process',
  title:
    'Whole process on the 100k file: readiness-gate check --format json vs the WebAssembly parse alone vs cmark-gfm (GitHub’s C renderer)',
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
      BENCH_TODAY,
      '--format',
      'json'
    ]
    // The temp dir is not a repository: the CLI reads no CODEOWNERS and no .git there.
    const gate = timeProcess(cli.command, args, WHOLE_PROCESS_RUNS, { cwd: ctx.tmp })
    const parseOnlyScript = join(ctx.tmp, 'parse-only.mjs')
    writeFileSync(parseOnlyScript, PARSE_ONLY)
    const parseOnly = timeProcess(
      process.execPath,
      [parseOnlyScript, join(REPO, 'wasm/cmark-gfm.wasm'), file.path],
      WHOLE_PROCESS_RUNS,
      { cwd: ctx.tmp }
    )
    const row = (label: string, timing: ProcessTiming): string[] => [
      label,
      String(WHOLE_PROCESS_RUNS),
      ms(timing.medianMs),
      cpuMs(timing.medianCpuMs),
      timing.maxRss === undefined ? 'n/a' : mib(timing.maxRss),
      String(timing.status)
    ]
    const rows: string[][] = [
      row('readiness-gate check --format json', gate),
      row('node: the WebAssembly parse alone', parseOnly)
    ]
    if (gate.status !== 0 && gate.status !== 1) {
      ctx.print(`  ✗ readiness-gate exited ${gate.status}: ${gate.stderr.trim().slice(0, 500)}`)
    }
    if (parseOnly.status !== 0) {
      ctx.print(`  ✗ the parse-only process exited ${parseOnly.status}: ${parseOnly.stderr.trim()}`)
    }
    const lines: string[] = []
    if (existsSync(CMARK_GFM)) {
      const cmark = timeProcess(
        CMARK_GFM,
        ['-e', 'tasklist', '-e', 'table', file.path],
        WHOLE_PROCESS_RUNS,
        { cwd: ctx.tmp }
      )
      rows.push(row('cmark-gfm -e tasklist -e table FILE > /dev/null', cmark))
      if (gate.medianCpuMs !== undefined && cmark.medianCpuMs !== undefined) {
        const cpuRatio = gate.medianCpuMs / cmark.medianCpuMs
        lines.push(
          `readiness-gate / cmark-gfm in CPU time: ${cpuRatio.toFixed(1)}x ${goal(cpuRatio <= WHOLE_PROCESS_GOAL)} (goal ≤ ${WHOLE_PROCESS_GOAL}x); ` +
            `in wall time ${(gate.medianMs / cmark.medianMs).toFixed(1)}x`
        )
      }
      if (parseOnly.medianCpuMs !== undefined && cmark.medianCpuMs !== undefined) {
        lines.push(
          `WebAssembly parse alone / cmark-gfm in CPU time: ${(parseOnly.medianCpuMs / cmark.medianCpuMs).toFixed(1)}x`
        )
      }
    } else {
      lines.push(`cmark-gfm is not installed at ${CMARK_GFM}: no comparison.`)
    }
    if (gate.medianCpuMs !== undefined && parseOnly.medianCpuMs !== undefined) {
      lines.push(
        `readiness-gate / WebAssembly parse alone in CPU time: ${(gate.medianCpuMs / parseOnly.medianCpuMs).toFixed(1)}x`
      )
    }
    if (gate.maxRss !== undefined) {
      lines.push(
        `readiness-gate peak memory (maxRSS): ${mib(gate.maxRss)} MiB ${goal(gate.maxRss <= PEAK_MEMORY_GOAL)} ` +
          `(goal ≤ ${mib(PEAK_MEMORY_GOAL)} MiB, half of the markdown-it gate's 370 MB)`
      )
    }
    ctx.print(
      formatTable(
        ['command (100k items, spawn → exit)', 'runs', 'median ms', 'CPU ms', 'maxRSS MiB', 'exit'],
        rows
      )
    )
    for (const line of lines) ctx.print(line)
    ctx.print(
      'The parse alone: the committed module, given the UTF-8 of the file in a buffer of its exact ' +
        'length and read part by part, as the gate does (until issue 7 it took source.length × 3 + 1 bytes, ' +
        '10 MB more than the gate on this file).'
    )
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
