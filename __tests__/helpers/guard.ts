/**
 * A bound on work that must neither hang nor blow up: on these inputs a linear algorithm gone
 * quadratic takes minutes, not seconds. It is no speed goal (`npm run bench` measures those),
 * so it is generous: the machines that run the tests are shared and noisy.
 */
export const HANG_GUARD_MS = 15_000

/** Wall time of `work`, in milliseconds. */
export function elapsedMs(work: () => void): number {
  const start = performance.now()
  work()
  return performance.now() - start
}
