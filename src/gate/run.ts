import { parseChecklist } from '../checklist/parse.js'
import { templateFor } from '../config/templates.js'
import type { Config } from '../config/types.js'
import { type Codeowners, ownersOf } from '../owners/index.js'
import type { Checklist } from '../checklist/model.js'
import { signoffsWithUnchangedCoverage } from '../rules/coverage.js'
import { type Against, evaluate, hasCountedItems } from '../rules/index.js'
import type { Evaluation, Finding, Review, SignoffContext } from '../rules/types.js'
import type { BaseReader } from '../sources/snapshot.js'

/**
 * What a checklist's tamper check compares against: its base version or, when the pull
 * request adds it, its configured template (`template`), read on `where`; or nothing at all,
 * which is itself a finding.
 */
export type BaseVersion =
  | {
      text: string
      from: string
      template: boolean
      where: string
      /**
       * For a checklist renamed onto a path that has a template: that template too, so that an
       * older, smaller checklist renamed onto a release path is held to the release's template.
       */
      alsoTemplate?: { text: string; from: string }
    }
  | { noTemplate: true }

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
  const template = templateFor(config, path)
  const readTemplate = (name: string) => {
    const text = reader.read(name)
    if (text === undefined) {
      throw new Error(
        `The template ${name} that the configuration names for ${path} is not on ${reader.where}: fix templates in the configuration.`
      )
    }
    return text
  }
  if (base !== undefined) {
    const version = { text: base, from: basePath, template: false, where: reader.where }
    if (basePath === path || template === undefined) return version
    return { ...version, alsoTemplate: { text: readTemplate(template), from: template } }
  }
  if (template === undefined) return { noTemplate: true }
  return { text: readTemplate(template), from: template, template: true, where: reader.where }
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
  /**
   * The checklist's text at each reviewer's approved commit (by lower-cased login), read only
   * under `freshness: section-unchanged` and only where the file changed since.
   */
  textAtReview?: ReadonlyMap<string, string>
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
    const against = source.base
    const versions: { text: string; from: string; template: boolean; where: string }[] = []
    if (against && 'text' in against) {
      versions.push(against)
      if (against.alsoTemplate) {
        versions.push({ ...against.alsoTemplate, template: true, where: against.where })
      }
    }
    // A base version or template without task items is no base: it fails like a missing
    // template, never turns the check off.
    const bases: Against[] = []
    let empty: (typeof versions)[number] | undefined
    for (const version of versions) {
      const parsed =
        version.text.trim() === '' ? undefined : parseChecklist(version.text, version.from)
      if (!parsed || !hasCountedItems(parsed)) empty ??= version
      else bases.push({ checklist: parsed, origin: { ...version, path: version.from } })
    }
    const codeOwners = input.codeowners ? ownersOf(input.codeowners, source.path).owners : []
    const reviews = withCoverage(
      source.reviews ?? input.context.reviews,
      input.config,
      checklist,
      source
    )
    const evaluation = evaluate(
      checklist,
      input.config,
      { ...input.context, reviews, codeOwners },
      bases
    )
    if (!against || (!empty && !('noTemplate' in against))) return evaluation
    return {
      ...evaluation,
      passed: false,
      findings: [noTemplate(source.path, empty), ...evaluation.findings]
    }
  })
}

/**
 * Under `freshness: section-unchanged`, each approval learns which sign-offs' covered parts are
 * unchanged since its commit (rules/coverage.ts); under other policies reviews pass as they are.
 */
function withCoverage(
  reviews: SignoffContext['reviews'],
  config: Config,
  checklist: Checklist,
  source: ChecklistSource
): SignoffContext['reviews'] {
  const texts = source.textAtReview
  if (config.signoffs.freshness !== 'section-unchanged' || !reviews || !texts) return reviews
  const byText = new Map<string, ReadonlySet<number>>()
  const result = new Map<string, Review>()
  for (const [key, review] of reviews) {
    const then = texts.get(key)
    if (then === undefined || review.onHead || review.checklistUnchanged) {
      result.set(key, review)
      continue
    }
    let unchanged = byText.get(then)
    if (unchanged === undefined) {
      unchanged = signoffsWithUnchangedCoverage(
        checklist,
        source.text,
        parseChecklist(then, source.path),
        then,
        config
      )
      byText.set(then, unchanged)
    }
    result.set(key, { ...review, coverageUnchanged: unchanged })
  }
  return result
}

/**
 * A checklist with nothing to compare it with (new with no template, or whose base version or
 * template has no task items) could leave out any item unnoticed.
 */
function noTemplate(
  path: string,
  empty: { from: string; template: boolean; where: string } | undefined
): Finding {
  const message =
    empty === undefined
      ? `${path} is new in this pull request and no template is configured for it: add \`templates:\` to the configuration (readiness-gate init writes one), so that the gate can tell whether items were left out.`
      : empty.template
        ? `The template ${empty.from} that the configuration names for ${path} is empty on ${empty.where} (it has no task items), so the gate cannot tell whether items were left out of ${path}: commit the template's content there.`
        : `The base version of ${path} (${empty.from} on ${empty.where}) is empty (it has no task items), so the gate cannot tell whether items were left out: fill it in on the base branch from its template first, or remove it there so that ${path} is checked against its template.`
  return { rule: 'integrity-no-template', severity: 'error', line: 1, message }
}
