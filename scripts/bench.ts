/**
 * `npm run bench`: how fast the gate is, printed as plain tables with the goals of issues 2
 * and 4 beside the figures. No timed assertions (machines are shared and noisy): medians of
 * several runs after a warm-up. Generated files go to a fresh dir under os.tmpdir().
 *
 *   npm run bench                      all sections (node --expose-gc --import tsx)
 *   npm run bench -- --only=startup    some sections, by id
 *   npm run bench -- --no-build        when dist/ is stale, run the CLI with tsx, not a fresh ncc build
 *
 * Each section is a `BenchSection` (scripts/bench/context.ts): to add one, write it in
 * scripts/bench/ and list it in SECTIONS below.
 */
import { rmSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { createContext, type BenchOptions, type BenchSection } from './bench/context.js'
import { endToEnd } from './bench/end-to-end.js'
import { inProcess } from './bench/in-process.js'
import { hasGc } from './bench/measure.js'
import { startup, wholeProcess } from './bench/processes.js'
import { tamper } from './bench/tamper.js'

const SECTIONS: BenchSection[] = [
  inProcess,
  tamper,
  wholeProcess,
  startup,
  // Issue 4: the action bundle end to end against the loopback GitHub.
  endToEnd
]

function parseOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { only: undefined, build: true }
  for (const arg of argv) {
    if (arg.startsWith('--only=')) options.only = arg.slice('--only='.length).split(',')
    else if (arg === '--no-build') options.build = false
    else {
      const ids = SECTIONS.map(section => section.id).join(', ')
      throw new Error(`unknown argument ${arg} (use --only=${ids} or --no-build)`)
    }
  }
  return options
}

/** The machine is shared: the load average says how much to trust the figures. */
function load(): string {
  return `load average ${loadavg()
    .map(value => value.toFixed(1))
    .join(' ')}`
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  const ctx = createContext(options)
  const started = performance.now()
  ctx.print(
    `readiness-gate bench: node ${process.version}, ${process.platform}/${process.arch}, ` +
      `${cpus().length} CPUs, ${load()}${hasGc ? '' : ', without --expose-gc'}; files in ${ctx.tmp}`
  )
  try {
    for (const section of SECTIONS) {
      if (options.only && !options.only.includes(section.id)) continue
      ctx.print()
      ctx.print(`## ${section.title}`)
      ctx.print()
      const start = performance.now()
      await section.run(ctx)
      ctx.print(`(${((performance.now() - start) / 1000).toFixed(1)} s)`)
    }
  } finally {
    rmSync(ctx.tmp, { recursive: true, force: true })
  }
  ctx.print()
  ctx.print(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s; ${load()}.`)
}

await main()
