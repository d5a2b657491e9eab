import type { Checklist } from './checklist/model.js'
import { parseChecklist } from './checklist/parse.js'
import { templateFor } from './config/templates.js'
import type { Config } from './config/types.js'
import { type Codeowners, ownersOf } from './owners/index.js'
import { type Against, evaluate } from './rules/index.js'
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

/** A file a pull request changes, as the gate needs to know it. */
export interface FileChange {
  path: string
  deleted: boolean
  /** For a renamed file, its path on the base. */
  previousPath?: string
}

export interface ChecklistChanges {
  /** Checklists at head to evaluate. */
  paths: string[]
  /** For a checklist renamed from another checklist path: that path, where its base version is. */
  basePaths: Map<string, string>
  /** Checklists of the base that are gone at head: deleted, or renamed away. */
  removed: Evaluation[]
}

/**
 * Which checklists a pull request touches, and which records of the base it removes. A
 * checklist on the base is the record of a release: deleting it, or renaming it (out of the
 * globs, or onto another checklist's path), makes that record vanish, and fails. A checklist
 * renamed within the globs is still evaluated at its new path, against its old version and,
 * when the new path has one, its template.
 */
export function checklistChanges(
  files: readonly FileChange[],
  isChecklist: (path: string) => boolean
): ChecklistChanges {
  const paths: string[] = []
  const basePaths = new Map<string, string>()
  const removed: Evaluation[] = []
  for (const file of files) {
    const before = file.previousPath
    const renamedFrom = before !== undefined && isChecklist(before) ? before : undefined
    if (!file.deleted && isChecklist(file.path)) {
      paths.push(file.path)
      if (renamedFrom !== undefined) basePaths.set(file.path, renamedFrom)
    }
    if (file.deleted && isChecklist(file.path)) removed.push(removedChecklist(file.path))
    else if (renamedFrom !== undefined) removed.push(removedChecklist(renamedFrom, file.path))
  }
  return { paths, basePaths, removed }
}

/** Deleting a checklist, or renaming it away, is the most thorough way of removing its items. */
function removedChecklist(path: string, renamedTo?: string): Evaluation {
  const message =
    renamedTo === undefined
      ? `This pull request deletes the checklist ${path}: a pull request may not remove a checklist.`
      : `This pull request renames the checklist ${path} to ${renamedTo}, so the record at ${path} vanishes: a pull request may not remove a checklist. Keep ${path}, and start ${renamedTo} as a copy of its template.`
  return {
    path,
    passed: false,
    items: { total: 0, done: 0, waived: 0 },
    sections: [],
    signoffs: [],
    fields: [],
    findings: [{ rule: 'integrity-item-removed', severity: 'error', line: 1, message }]
  }
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
      if (!parsed || !hasItems(parsed)) empty ??= version
      else bases.push({ checklist: parsed, origin: { ...version, path: version.from } })
    }
    const codeOwners = input.codeowners ? ownersOf(input.codeowners, source.path).owners : []
    const reviews = source.reviews ?? input.context.reviews
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

/** Whether a checklist has a task item that counts (not only sign-off lines). */
function hasItems(checklist: Checklist): boolean {
  const signoffLines = new Set(
    checklist.signoffs.filter(signoff => signoff.form === 'task').map(signoff => signoff.line)
  )
  return checklist.items.some(item => !signoffLines.has(item.line))
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
