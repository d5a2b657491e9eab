import { parseChecklist } from './checklist/parse.js'
import { templateFor } from './config/templates.js'
import type { Config } from './config/types.js'
import { type Codeowners, ownersOf } from './owners/index.js'
import { evaluate } from './rules/index.js'
import type { Evaluation, Finding, SignoffContext } from './rules/types.js'

/** Reads files as they are on the base: the pull request's base branch, or `--base REF`. */
export interface BaseReader {
  /** The base, as messages name it (`main`, `origin/main`). */
  readonly where: string
  /** The file's text, or undefined when the base has no such file; throws when it is unreadable. */
  read(path: string): string | undefined
}

/**
 * What a checklist's tamper check compares against: its base version or, when the pull
 * request adds it, its configured template; or nothing at all, which is itself a finding.
 */
export type BaseVersion = { text: string; from: string } | { noTemplate: true }

/**
 * The checklist on the base or, when it is new there, its template on the base. `basePath` is
 * where the checklist was on the base, when the pull request renames it.
 */
export function baseVersion(
  reader: BaseReader,
  config: Config,
  path: string,
  basePath: string = path
): BaseVersion {
  const base = reader.read(basePath)
  if (base !== undefined) return { text: base, from: basePath }
  const template = templateFor(config, path)
  if (template === undefined) return { noTemplate: true }
  const text = reader.read(template)
  if (text === undefined) {
    throw new Error(
      `The template ${template} that the configuration names for ${path} is not on ${reader.where}: fix templates in the configuration.`
    )
  }
  return { text, from: template }
}

export interface ChecklistSource {
  /** Path from the repository's root, as CODEOWNERS and annotations see it. */
  path: string
  /** The checklist under review (the pull request's head). */
  text: string
  /**
   * The same checklist on the base (or its template), for the tamper check; undefined when no
   * base is known (the command line without --base): no tamper check then.
   */
  base: BaseVersion | undefined
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
    const baseText = source.base && 'text' in source.base ? source.base.text : undefined
    const base =
      baseText === undefined || baseText.trim() === ''
        ? undefined
        : parseChecklist(baseText, source.path)
    const codeOwners = input.codeowners ? ownersOf(input.codeowners, source.path).owners : []
    const reviews = source.reviews ?? input.context.reviews
    const evaluation = evaluate(
      checklist,
      input.config,
      { ...input.context, reviews, codeOwners },
      base
    )
    if (!source.base || !('noTemplate' in source.base)) return evaluation
    return {
      ...evaluation,
      passed: false,
      findings: [noTemplate(source.path), ...evaluation.findings]
    }
  })
}

/** A new checklist with nothing to compare it with could leave out any item unnoticed. */
function noTemplate(path: string): Finding {
  return {
    rule: 'integrity-no-template',
    severity: 'error',
    line: 1,
    message: `${path} is new in this pull request and no template is configured for it: add \`templates:\` to the configuration (readiness-gate init writes one), so that the gate can tell whether items were left out.`
  }
}
