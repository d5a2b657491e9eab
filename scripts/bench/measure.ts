import { spawnSync, type SpawnSyncOptions } from 'node:child_process'
import { existsSync } from 'node:fs'
import { performance } from 'node:perf_hooks'

const gcFunction = (globalThis as { gc?: () => void }).gc

/** Whether `global.gc` is there (`node --expose-gc`), so runs start from a collected heap. */
export const hasGc = gcFunction !== undefined

export function collectGarbage(): void {
  gcFunction?.()
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** High-water marks of `process.memoryUsage()`, sampled where `sample()` is called. */
export class MemoryPeak {
  heapUsed = 0
  rss = 0

  sample(): void {
    const usage = process.memoryUsage()
    if (usage.heapUsed > this.heapUsed) this.heapUsed = usage.heapUsed
    if (usage.rss > this.rss) this.rss = usage.rss
  }
}

/** Milliseconds that `run` takes. */
export function timeMs(run: () => void): number {
  const start = performance.now()
  run()
  return performance.now() - start
}

const GNU_TIME = '/usr/bin/time'
const CPU_MARK = '@@bench-cpu '

export interface ProcessTiming {
  /** Median wall time of the process, spawn to exit, in ms. */
  medianMs: number
  runs: number[]
  /** Median CPU time (user + system) of the process in ms, when /usr/bin/time can tell. */
  medianCpuMs: number | undefined
  /** Highest peak resident memory of the runs in bytes, when /usr/bin/time can tell. */
  maxRss: number | undefined
  /** Exit status of the last run (`null` when killed by a signal). */
  status: number | null
  stderr: string
}

/**
 * Runs a command `runs` times after one warm-up (which fills the page cache), standard
 * output discarded as `> /dev/null` would, and returns the median wall time.
 */
export function timeProcess(
  command: string,
  args: readonly string[],
  runs: number,
  options: SpawnSyncOptions = {}
): ProcessTiming {
  const spawnOptions: SpawnSyncOptions = {
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
    ...options
  }
  // GNU time reports the child's CPU time, which spawnSync does not; its own cost is a fork.
  const time = existsSync(GNU_TIME) ? GNU_TIME : undefined
  const once = () => {
    const start = performance.now()
    const result = time
      ? spawnSync(time, ['-f', `${CPU_MARK}%U %S %M`, command, ...args], spawnOptions)
      : spawnSync(command, args, spawnOptions)
    const ms = performance.now() - start
    if (result.error) throw result.error
    let stderr = String(result.stderr ?? '')
    let cpu: number | undefined
    let rss: number | undefined
    const mark = stderr.lastIndexOf(CPU_MARK)
    if (mark >= 0) {
      const [user, system, kb] = stderr
        .slice(mark + CPU_MARK.length)
        .trim()
        .split(/\s+/)
        .map(Number)
      cpu = ((user ?? Number.NaN) + (system ?? Number.NaN)) * 1000
      rss = (kb ?? Number.NaN) * 1024
      stderr = stderr.slice(0, mark).replace(/Command exited with non-zero status \d+\n$/, '')
    }
    return { ms, cpu, rss, status: result.status, stderr }
  }
  let last = once()
  const times: number[] = []
  const cpus: number[] = []
  const rss: number[] = []
  for (let i = 0; i < runs; i++) {
    last = once()
    times.push(last.ms)
    if (last.cpu !== undefined && Number.isFinite(last.cpu)) cpus.push(last.cpu)
    if (last.rss !== undefined && Number.isFinite(last.rss)) rss.push(last.rss)
  }
  return {
    medianMs: median(times),
    runs: times,
    medianCpuMs: cpus.length === runs ? median(cpus) : undefined,
    maxRss: rss.length === runs ? Math.max(...rss) : undefined,
    status: last.status,
    stderr: last.stderr
  }
}

export function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1)
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a'
  return value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0)
}

export function goal(ok: boolean): string {
  return ok ? '✓' : '✗'
}
