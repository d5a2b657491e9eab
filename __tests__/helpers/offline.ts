import { readFileSync } from 'node:fs'
import type { Checklist } from '../../src/checklist/model.js'
import { decodeChecklist, parseChecklist } from '../../src/checklist/parse.js'
import { DEFAULT_CONFIG } from '../../src/config/index.js'
import { evaluate } from '../../src/rules/index.js'
import type { Evaluation } from '../../src/rules/types.js'

/** A checklist file read and evaluated as the command line does with no flags: no approvals. */
export function evaluateFile(file: string): {
  text: string
  checklist: Checklist
  evaluation: Evaluation
} {
  const text = decodeChecklist(readFileSync(file), file)
  const checklist = parseChecklist(text, file)
  const evaluation = evaluate(checklist, DEFAULT_CONFIG, {
    reviews: undefined,
    author: undefined,
    codeOwners: [],
    teams: new Map(),
    today: '2026-11-20'
  })
  return { text, checklist, evaluation }
}
