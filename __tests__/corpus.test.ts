/**
 * Real-world checklists collected in ../shared/corpus (absent for users of the project): each is
 * read without error, and its task items are exactly those GitHub's renderer shows: each on its
 * line, in its state.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cmarkTasks, hasCmarkGfm, sharedFiles } from './helpers/cmark.js'
import { gateTasks } from './helpers/differential.js'
import { evaluateFile } from './helpers/offline.js'

const files = sharedFiles(new URL('../../shared/corpus/checklists/', import.meta.url), name =>
  name.endsWith('.md')
)

describe.skipIf(files.length === 0 || !hasCmarkGfm())('corpus of real checklists', () => {
  it.each(files.map(file => [basename(file), file]))('%s', (_name, file) => {
    const bytes = readFileSync(file)
    expect(gateTasks(bytes, file)).toEqual(cmarkTasks(bytes))
    const { text, evaluation } = evaluateFile(file)
    const lines = text.split('\n').length
    for (const finding of evaluation.findings) {
      expect(finding.line).toBeGreaterThanOrEqual(1)
      expect(finding.line).toBeLessThanOrEqual(lines)
    }
  })
})
