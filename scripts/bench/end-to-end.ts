import { performance } from 'node:perf_hooks'
import { MERGE, PULL_NUMBER, scenario } from '../../__tests__/fixtures/release-pr.js'
import { runAction, type ActionRun } from '@readiness-gate/github-double'
import { roundTrips, startGitHubDouble, type RecordedRequest } from '@readiness-gate/github-double'
import { REPO, type BenchContext, type BenchSection } from './context.js'
import { goal, median, ms } from './measure.js'
import { formatTable } from './table.js'

/*
 * The action bundle run as a runner runs it (a child `node` process with the runner's
 * environment, runAction) against the loopback GitHub, on a fully signed release pull request:
 * __tests__/fixtures/release-pr.ts, as the end-to-end tests use it. Issue 4's goal for reading the pull request: at most 3 sequential round trips
 * and at most 6 requests.
 */

const LATENCY_MS = 50
const RUNS = 5
const READ_REQUEST_GOAL = 6
const READ_TRIP_GOAL = 3

interface TimedRun {
  run: ActionRun
  /** runAction from call to return: spawn to exit, plus writing the event and output files. */
  wallMs: number
}

/** A first run (the sticky comment does not exist yet) and a re-run on the same double. */
interface Pair {
  first: TimedRun
  again: TimedRun
}

async function timedRun(
  server: Awaited<ReturnType<typeof startGitHubDouble>>,
  entry: string
): Promise<TimedRun> {
  const start = performance.now()
  const run = await runAction({
    server,
    event: 'pull_request',
    pullNumber: PULL_NUMBER,
    entry,
    cwd: REPO
  })
  return { run, wallMs: performance.now() - start }
}

async function pair(latencyMs: number, entry: string): Promise<Pair> {
  const server = await startGitHubDouble(scenario({ latencyMs }))
  try {
    const first = await timedRun(server, entry)
    const again = await timedRun(server, entry)
    return { first, again }
  } finally {
    await server.close()
  }
}

/** One warm-up pair (page cache, the double's schemas), then `RUNS` timed pairs. */
async function pairs(latencyMs: number, entry: string): Promise<Pair[]> {
  await pair(latencyMs, entry)
  const result: Pair[] = []
  for (let index = 0; index < RUNS; index += 1) result.push(await pair(latencyMs, entry))
  return result
}

const isWrite = (request: RecordedRequest) =>
  request.method !== 'GET' && request.operationId !== 'graphql'

const COMMENT_WRITES = new Set([
  'issues/create-comment',
  'issues/update-comment',
  'issues/delete-comment'
])

/** How long the double was answering (the union of the requests' intervals), in ms. */
function doubleBusyMs(requests: readonly RecordedRequest[]): number {
  let busy = 0
  let reach = Number.NEGATIVE_INFINITY
  for (const request of [...requests].sort((a, b) => a.startMs - b.startMs)) {
    const start = Math.max(request.startMs, reach)
    if (request.endMs > start) busy += request.endMs - start
    reach = Math.max(reach, request.endMs)
  }
  return busy
}

/** `3`, or `3–4` when the runs disagree. */
function spread(values: readonly number[]): string {
  const low = Math.min(...values)
  const high = Math.max(...values)
  return low === high ? String(low) : `${low}–${high}`
}

/** `graphql ×2, checks/create, …` in the order first sent. */
function operations(requests: readonly RecordedRequest[]): string {
  const counts = new Map<string, number>()
  for (const request of [...requests].sort((a, b) => a.seq - b.seq)) {
    const name = `${request.method === 'GET' || request.operationId === 'graphql' ? '' : `${request.method} `}${request.operationId}`
    counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  return [...counts].map(([name, count]) => (count > 1 ? `${name} ×${count}` : name)).join(', ')
}

/** What went wrong with a run that should pass and stay within GitHub's description. */
function problems(label: string, run: ActionRun): string[] {
  const found: string[] = []
  if (run.exitCode !== 0 || run.timedOut) {
    const log = `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-8).join('\n    ')
    found.push(`${label}: exit ${run.exitCode}${run.timedOut ? ' (timed out)' : ''}\n    ${log}`)
  }
  const violations = run.violations.filter(violation => violation.kind !== 'unvalidated')
  if (violations.length > 0) {
    found.push(
      `${label}: ${violations.length} violation(s) of GitHub's description, e.g. ${violations[0]!.operationId}: ${violations[0]!.reason}`
    )
  }
  return found
}

/**
 * Deploy mode (`mode: verify`, automatic on push): the release pull request merged as its
 * merge commit, verified on a push of that commit. It only reads; issue 11's goal is at most 3
 * sequential round trips.
 */
async function verifyMode(ctx: BenchContext, entry: string): Promise<string[]> {
  const runs: ActionRun[] = []
  for (let index = 0; index <= RUNS; index += 1) {
    const server = await startGitHubDouble(scenario({ merged: true, latencyMs: LATENCY_MS }))
    try {
      const run = await runAction({ server, event: 'push', commit: MERGE, entry, cwd: REPO })
      if (index > 0) runs.push(run) // the first is a warm-up
    } finally {
      await server.close()
    }
  }
  const requests = runs.map(run => run.requests)
  const trips = requests.map(list => roundTrips(list))
  ctx.print()
  ctx.print(
    formatTable(
      [
        `verify mode, push of the merge commit (${RUNS} runs, ${LATENCY_MS} ms latency)`,
        'requests',
        'writes',
        'round trips',
        `≤ ${READ_TRIP_GOAL} trips`
      ],
      [
        [
          'deploy-time gate',
          spread(requests.map(list => list.length)),
          spread(requests.map(list => list.filter(isWrite).length)),
          spread(trips),
          goal(Math.max(...trips) <= READ_TRIP_GOAL)
        ]
      ]
    )
  )
  ctx.print(`  deploy-time gate: ${operations(requests[0] ?? [])}`)
  return runs.flatMap((run, index) => problems(`verify run ${index + 1}`, run))
}

export const endToEnd: BenchSection = {
  id: 'end-to-end',
  title: 'End to end: the action bundle against the loopback GitHub, a fully signed release PR',
  async run(ctx: BenchContext) {
    const { action, origin, note } = ctx.bundles()
    if (!action) {
      ctx.print(`No action bundle (${note ?? origin}): nothing to run.`)
      return
    }
    const label = action.startsWith(`${REPO}/`) ? action.slice(REPO.length + 1) : action
    ctx.print(`node ${label} (${origin}${note ? `; ${note}` : ''}), event pull_request`)

    const slow = await pairs(LATENCY_MS, action)
    const fast = await pairs(0, action)

    const issues: string[] = []
    for (const [index, { first, again }] of [...slow, ...fast].entries()) {
      issues.push(...problems(`run pair ${index + 1}, first run`, first.run))
      issues.push(...problems(`run pair ${index + 1}, re-run`, again.run))
      const comments = again.run.state.pullRequests[0]?.comments.length ?? 0
      if (comments !== 1) issues.push(`run pair ${index + 1}: ${comments} comments, not 1`)
      if (!first.run.requests.some(request => request.operationId === 'issues/create-comment'))
        issues.push(`run pair ${index + 1}: the first run created no comment`)
      const written = again.run.requests.filter(request => COMMENT_WRITES.has(request.operationId))
      if (written.length > 0)
        issues.push(`run pair ${index + 1}: the re-run wrote the comment (${operations(written)})`)
    }

    // Counts come from the runs with latency: only then do requests sent together overlap.
    const kinds = [
      { name: 'first run (creates the comment)', runs: slow.map(p => p.first) },
      { name: 're-run (comment unchanged)', runs: slow.map(p => p.again) }
    ]
    const counted = kinds.map(kind => {
      const requests = kind.runs.map(timed => timed.run.requests)
      const reads = requests.map(list => list.filter(request => !isWrite(request)))
      const readRequests = reads.map(list => list.length)
      const readTrips = reads.map(list => roundTrips(list))
      const trips = requests.map(list => roundTrips(list))
      return {
        ...kind,
        requests,
        trips,
        row: [
          kind.name,
          spread(requests.map(list => list.length)),
          spread(requests.map(list => list.filter(isWrite).length)),
          spread(trips),
          spread(readRequests),
          spread(readTrips),
          goal(
            Math.max(...readRequests) <= READ_REQUEST_GOAL &&
              Math.max(...readTrips) <= READ_TRIP_GOAL
          )
        ]
      }
    })
    ctx.print()
    ctx.print(
      formatTable(
        [
          `per run (${RUNS} runs, ${LATENCY_MS} ms latency)`,
          'requests',
          'writes',
          'round trips',
          'reads',
          'read trips',
          `reads ≤ ${READ_REQUEST_GOAL}, ≤ ${READ_TRIP_GOAL} trips`
        ],
        counted.map(kind => kind.row)
      )
    )
    for (const kind of counted) {
      ctx.print(`  ${kind.name}: ${operations(kind.requests[0] ?? [])}`)
    }

    ctx.print()
    const wallRows = counted.map((kind, index) => {
      const pick = (list: Pair[]) => list.map(p => (index === 0 ? p.first : p.again))
      const atLatency = median(pick(slow).map(timed => timed.wallMs))
      const atZero = median(pick(fast).map(timed => timed.wallMs))
      const busy = median(pick(fast).map(timed => doubleBusyMs(timed.run.requests)))
      const floor = median(kind.trips) * LATENCY_MS
      const over = atLatency - floor
      return [
        kind.name,
        ms(atLatency),
        ms(floor),
        `${over < 0 ? '-' : '+'}${ms(Math.abs(over))}`,
        ms(atZero),
        ms(busy)
      ]
    })
    ctx.print(
      formatTable(
        [
          `wall ms, median of ${RUNS} (spawn → exit)`,
          `${LATENCY_MS} ms latency`,
          `floor: trips × ${LATENCY_MS}`,
          'over floor',
          '0 ms latency',
          'of which the double'
        ],
        wallRows
      )
    )
    ctx.print(
      "Over the floor ≈ the 0 ms column: starting node, loading the bundle and the gate's own work," +
        ' plus the double checking each request and answer against GitHub’s descriptions (last column).'
    )
    ctx.print(
      'Start-up of the bundle against `node -e 0` and the bundle sizes: the startup section.'
    )
    issues.push(...(await verifyMode(ctx, action)))
    if (issues.length > 0) {
      ctx.print()
      ctx.print(`✗ ${issues.length} problem(s); the figures above are not those of a passing run:`)
      for (const issue of issues.slice(0, 5)) ctx.print(`  ${issue}`)
    } else {
      ctx.print(
        `✓ every run passed (exit 0), no violation of GitHub's description, one comment, and no re-run wrote it.`
      )
    }
  }
}
