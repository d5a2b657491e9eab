import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts', 'tools/*/test/**/*.test.ts'],
    // Vitest leaves a core free by default: on a 2-core runner that is one file at a time,
    // while the end-to-end files spend most of their time waiting on child processes.
    maxWorkers: Math.max(2, availableParallelism()),
    // A worker runs file after file in one module graph instead of starting afresh for each:
    // the sources, the WebAssembly parser and the double's compiled API descriptions are
    // loaded once per worker, not once per file (a third of the suite's CPU time). No module
    // of the project keeps state but caches of what it compiled, and no test mocks a module.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
