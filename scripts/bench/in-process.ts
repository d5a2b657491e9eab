import { existsSync, readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { withTreeParts } from '../../src/checklist/markdown.js'
import { parseChecklist } from '../../src/checklist/parse.js'
import { loadConfig } from '../../src/config/index.js'
import { toAnnotations, toJsonReport, toMarkdown } from '../../src/report/index.js'
import { evaluate } from '../../src/rules/index.js'
import type { BenchContext, BenchSection } from './context.js'
import { signoffContext } from './generate.js'
import { MemoryPeak, collectGarbage, goal, hasGc, median, mib, ms, timeProcess } from './measure.js'
import { formatTable } from './table.js'

/** Sizes in task items, and how many timed runs (after one warm-up) each gets. */
export const SIZES: readonly { items: number; runs: number }[] = [
  { items: 1_000, runs: 7 },
  { items: 10_000, runs: 7 },
  { items: 100_000, runs: 5 }
]
const RATIO_GOAL = 1.5
const SCALING_GOAL = 11
const CMARK_GFM = '/usr/bin/cmark-gfm'
const CMARK_RUNS = 5

/** What the gate does with one checklist, split into its stages. */
interface GateTimes {
  parse: number
  evaluate: number
  report: number
  /** CPU time of the process (user + system, all threads) over the whole gate, in ms. */
  cpu: number
}

interface BareTimes {
  wall: number
  cpu: number
}

/** CPU time of the process so far in ms: unlike wall time, it leaves out waiting for a core. */
function cpuMs(): number {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}

export interface InProcessResult {
  label: string
  items: number
  bare: number
  gate: number
  bareCpu: number
  gateCpu: number
  stages: GateTimes
}

export const inProcess: BenchSection = {
  id: 'in-process',
  title:
    'In process: the bare WebAssembly parse (cmark-gfm) vs the gate (parse + evaluate + report), beside the cmark-gfm binary on the same files',
  run(ctx: BenchContext) {
    const config = loadConfig(readFileSync(ctx.configPath(), 'utf8'), 'readiness-gate.yml')
    const context = signoffContext()
    const rows: string[][] = []
    const results: InProcessResult[] = []
    const memory: string[][] = []

    for (const { items, runs } of SIZES) {
      const file = ctx.checklist(items)
      const text = file.text
      const path = 'checklists/releases/bench.md'
      let sink = 0

      const bare = (peak: MemoryPeak): BareTimes => {
        const cpu = cpuMs()
        const start = performance.now()
        // The tree as the gate gets it: part by part in the module's memory, each part until
        // its callback returns.
        let count = 0
        withTreeParts(text, part => {
          count += part.count
        })
        peak.sample()
        const wall = performance.now() - start
        const times = { wall, cpu: cpuMs() - cpu }
        sink += count
        return times
      }
      let found = 0
      let findings = 0
      const gate = (peak: MemoryPeak): GateTimes => {
        const cpu = cpuMs()
        const t0 = performance.now()
        const checklist = parseChecklist(text, path)
        const t1 = performance.now()
        peak.sample()
        const t2 = performance.now()
        const evaluation = evaluate(checklist, config, context)
        const t3 = performance.now()
        peak.sample()
        const t4 = performance.now()
        const evaluations = [evaluation]
        const markdown = toMarkdown(evaluations, { maxBytes: 65_535 })
        const json = toJsonReport(evaluations, { toolVersion: 'bench' })
        const annotations = toAnnotations(evaluations)
        const t5 = performance.now()
        const cpuUsed = cpuMs() - cpu
        peak.sample()
        sink += markdown.length + json.checklists.length + annotations.length
        found = evaluation.items.total + evaluation.items.waived
        findings = evaluation.findings.length
        return { parse: t1 - t0, evaluate: t3 - t2, report: t5 - t4, cpu: cpuUsed }
      }

      // Warm-up until the hot paths are optimised: at 1k, evaluate takes 6 ms after 5 runs and
      // 0.8 ms after 50. Up to 50 runs or 2 s, at least one.
      const warmStart = performance.now()
      for (let run = 0; run < 50 && (run === 0 || performance.now() - warmStart < 2_000); run++) {
        bare(new MemoryPeak())
        gate(new MemoryPeak())
      }

      // Timing: no forced GC in between. `global.gc()` is a memory-reducing full GC that
      // shrinks the young generation, and the next run pays for growing it again (3-10x on
      // the bare parse alone at 1k items), which would measure V8 rather than the gate.
      const bareTimes: BareTimes[] = []
      const gateTimes: GateTimes[] = []
      for (let run = 0; run < runs; run++) {
        bareTimes.push(bare(new MemoryPeak()))
        gateTimes.push(gate(new MemoryPeak()))
      }

      // Memory: one more run of each from a collected heap, sampled after every stage.
      collectGarbage()
      const baseHeap = process.memoryUsage().heapUsed
      const barePeak = new MemoryPeak()
      bare(barePeak)
      collectGarbage()
      const gatePeak = new MemoryPeak()
      gate(gatePeak)
      if (sink < 0) ctx.print('unreachable')

      const stages: GateTimes = {
        parse: median(gateTimes.map(t => t.parse)),
        evaluate: median(gateTimes.map(t => t.evaluate)),
        report: median(gateTimes.map(t => t.report)),
        cpu: median(gateTimes.map(t => t.cpu))
      }
      const result: InProcessResult = {
        label: file.label,
        items: file.items,
        bare: median(bareTimes.map(t => t.wall)),
        gate: median(gateTimes.map(t => t.parse + t.evaluate + t.report)),
        bareCpu: median(bareTimes.map(t => t.cpu)),
        gateCpu: stages.cpu,
        stages
      }
      results.push(result)
      // Each run times bare then gate back to back: the median of the paired ratios is steadier
      // on a busy machine than the ratio of the medians.
      const ratio = median(
        gateTimes.map((t, run) => (t.parse + t.evaluate + t.report) / bareTimes[run]!.wall)
      )
      const cpuRatio = median(gateTimes.map((t, run) => t.cpu / bareTimes[run]!.cpu))
      // GitHub's C parser on the same file, as a process: its CPU time less a bare process's.
      const cmark = existsSync(CMARK_GFM)
        ? timeProcess(CMARK_GFM, ['-e', 'tasklist', '-e', 'table', file.path], CMARK_RUNS)
        : undefined
      rows.push([
        file.label,
        String(file.items),
        `${(file.bytes / 1024 / 1024).toFixed(2)} MB`,
        String(runs),
        cmark
          ? `${ms(cmark.medianMs)} / ${cmark.medianCpuMs === undefined ? 'n/a' : ms(cmark.medianCpuMs)}`
          : 'n/a',
        ms(result.bare),
        ms(result.gate),
        `${ms(stages.parse)} / ${ms(stages.evaluate)} / ${ms(stages.report)}`,
        `${ratio.toFixed(2)} ${goal(ratio <= RATIO_GOAL)}`,
        `${ms(result.bareCpu)} / ${ms(result.gateCpu)}`,
        `${cpuRatio.toFixed(2)} ${goal(cpuRatio <= RATIO_GOAL)}`,
        `${found === file.items ? '✓' : `✗ ${found}`}`,
        String(findings)
      ])
      memory.push([
        file.label,
        mib(barePeak.heapUsed - baseHeap),
        mib(gatePeak.heapUsed - baseHeap),
        mib(gatePeak.heapUsed),
        mib(Math.max(barePeak.rss, gatePeak.rss)),
        mib(process.resourceUsage().maxRSS * 1024)
      ])
    }

    ctx.print(
      formatTable(
        [
          'size',
          'items',
          'file',
          'runs',
          'cmark-gfm binary ms / CPU',
          'bare wasm ms',
          'gate ms',
          'gate: parse / eval / report ms',
          `gate/bare (≤ ${RATIO_GOAL})`,
          'CPU ms bare / gate',
          `CPU gate/bare`,
          'items found',
          'findings'
        ],
        rows
      )
    )
    ctx.print(
      'cmark-gfm binary: the whole process (spawn → exit), wall and CPU; bare wasm: withTreeParts in this process, every part handed over. ' +
        'ms: medians of wall time; gate/bare: median of the per-run ratios (bare and gate run back to ' +
        'back); CPU: the process’s user + system time, GC threads included, which leaves out waiting for a core.'
    )
    ctx.print()
    const at = (label: string) => results.find(result => result.label === label)
    const small = at('10k')
    const large = at('100k')
    if (small && large) {
      const gateScaling = large.gate / small.gate
      const bareScaling = large.bare / small.bare
      const cpuScaling = large.gateCpu / small.gateCpu
      ctx.print(
        `Scaling 100k/10k: gate ${gateScaling.toFixed(1)} ${goal(gateScaling <= SCALING_GOAL)} ` +
          `(goal ≤ ${SCALING_GOAL}; 10 is linear), gate CPU ${cpuScaling.toFixed(1)} ${goal(cpuScaling <= SCALING_GOAL)}, ` +
          `bare WebAssembly parse ${bareScaling.toFixed(1)} (CPU ${(large.bareCpu / small.bareCpu).toFixed(1)}); ` +
          `by stage: parse ${(large.stages.parse / small.stages.parse).toFixed(1)}, ` +
          `evaluate ${(large.stages.evaluate / small.stages.evaluate).toFixed(1)}, ` +
          `report ${(large.stages.report / small.stages.report).toFixed(1)}`
      )
      ctx.print()
    }
    ctx.print(
      `Memory (MiB): one more run of each, sampled after every stage${hasGc ? ', from a heap collected by global.gc()' : ' (no --expose-gc: the heap is not collected first)'}:`
    )
    ctx.print(
      formatTable(
        [
          'size',
          'bare heap↑',
          'gate heap↑',
          'gate heapUsed peak',
          'rss peak (sampled)',
          'maxRSS so far'
        ],
        memory
      )
    )
    ctx.print(
      'heap↑: high-water heapUsed above the collected heap before the size; maxRSS: the kernel’s high-water mark for the process.'
    )
  }
}
