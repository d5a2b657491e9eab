import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts', 'tools/*/test/**/*.test.ts'],
    // Vitest leaves a core free by default: on a 2-core runner that is one file at a time,
    // while the end-to-end files spend most of their time waiting on child processes.
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
