import { parseChecklist } from './checklist/parse.js'
import type { Config } from './config/types.js'
import { type Codeowners, ownersOf } from './owners/index.js'
import { evaluate } from './rules/index.js'
import type { Evaluation, SignoffContext } from './rules/types.js'

export interface ChecklistSource {
  /** Path from the repository's root, as CODEOWNERS and annotations see it. */
  path: string
  /** The checklist under review (the pull request's head). */
  text: string
  /** The same checklist on the base branch, for the tamper check; undefined when it is new. */
  baseText: string | undefined
  /**
   * Reviews as they bear on this file (whether it changed since each approval), when they
   * differ from one checklist to another; else the context's reviews apply.
   */
  reviews?: SignoffContext['reviews']
}

export interface GateInput {
  checklists: readonly ChecklistSource[]
  config: Config
  codeowners: Codeowners | undefined
  context: Omit<SignoffContext, 'codeOwners'>
}

/**
 * The whole gate as a pure function, shared by the action and the command line: parse each
 * checklist, evaluate it with the code owners of its own path, and check it against its base.
 */
export function runGate(input: GateInput): Evaluation[] {
  return input.checklists.map(source => {
    const checklist = parseChecklist(source.text, source.path)
    const base =
      source.baseText === undefined || source.baseText.trim() === ''
        ? undefined
        : parseChecklist(source.baseText, source.path)
    const codeOwners = input.codeowners ? ownersOf(input.codeowners, source.path).owners : []
    const reviews = source.reviews ?? input.context.reviews
    return evaluate(checklist, input.config, { ...input.context, reviews, codeOwners }, base)
  })
}
