import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { isAlias, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml'
import { normaliseQuestion } from '../checklist/grammar.js'
import { closestKey, describeSchemaError, describeValue } from './messages.js'
import schema from './schema.json' with { type: 'json' }
import { DEFAULT_CONFIG, type Config } from './types.js'
import {
  entryAt,
  entryStart,
  formatKeyPath,
  yamlEntries,
  type KeyPath,
  type YamlEntry
} from './yaml-nodes.js'

/** Where the action reads its configuration, relative to the repository root. */
export const CONFIG_PATH = '.github/readiness-gate.yml'

/**
 * yaml's limit on alias expansion. An honest file reuses a list of owners a few times; a
 * "billion laughs" file nests aliases so that a few lines expand to millions of nodes.
 */
const MAX_ALIAS_COUNT = 100

/** One thing wrong with the configuration file. */
export interface ConfigProblem {
  /** 1-based line in the file. */
  line: number
  /** 1-based column in the line. */
  column: number
  /** Dotted path of the key in YAML spelling (`signoffs.freshness`); '' for the whole file. */
  key: string
  /** A sentence that names the file, line, key and what to fix. */
  message: string
}

/** The configuration file cannot be used; `problems` lists every reason found. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'

  constructor(
    readonly source: string,
    readonly problems: ConfigProblem[]
  ) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`
    super(
      `${source} is not a valid Readiness Gate configuration (${count}): ` +
        `${problems.map(problem => problem.message).join('; ')}.`
    )
  }
}

/** The file as written: every key optional, in YAML spelling. Valid against schema.json. */
interface ConfigFile {
  checklists?: string[]
  'require-checklist'?: boolean
  'exclude-sections'?: string[]
  'informational-sections'?: string[]
  thresholds?: Record<string, number>
  templates?: Record<string, string>
  roles?: Record<string, string[]>
  signoffs?: {
    freshness?: Config['signoffs']['freshness']
    'distinct-signers'?: boolean
    'max-age-days'?: number
    'allow-author'?: boolean
  }
  waivers?: Config['waivers']
  'accept-choices'?: string[]
  'accept-choices-for'?: Record<string, string[]>
}

let compiledSchema: ValidateFunction<ConfigFile> | undefined

/** Compiled on first use, as compiling costs more than validating a file. */
function validator(): ValidateFunction<ConfigFile> {
  // verbose: errors carry the offending value and the schema around it, for the messages.
  // validateSchema off: checking schema.json against the draft-07 meta-schema compiles that
  // too, about 40 ms of a command line run; the tests check the schema instead.
  compiledSchema ??= new Ajv({
    allErrors: true,
    verbose: true,
    validateSchema: false
  }).compile<ConfigFile>(schema)
  return compiledSchema
}

/**
 * Reads `.github/readiness-gate.yml`: YAML text in, configuration with defaults out.
 * `source` names the file in messages. Throws ConfigError, listing every problem with its
 * line, when the file is not valid.
 */
export function loadConfig(text: string, source: string): Config {
  const file = new ProblemCollector(source, text)
  // Parsing first fills the line counter, which places every problem, this one included.
  const document = parseDocument(text, { lineCounter: file.lineCounter, prettyErrors: false })
  const controlIndex = firstControlCharacter(text)
  if (controlIndex !== -1) {
    const code = text.charCodeAt(controlIndex)
    const name =
      code === 0 ? 'a NUL byte' : `control character U+${code.toString(16).padStart(4, '0')}`
    file.fail(
      controlIndex,
      '',
      `the file contains ${name}, so it looks binary; save it as UTF-8 text`
    )
  }

  const entries = yamlEntries(document)
  // After one syntax error the parser is guessing, so later ones are mostly its echoes.
  const firstSyntaxError = document.errors.find(error => error.code !== 'DUPLICATE_KEY')
  const duplicateKeys = document.errors.filter(error => error.code === 'DUPLICATE_KEY')
  const reported = firstSyntaxError ? [...duplicateKeys, firstSyntaxError] : duplicateKeys
  for (const error of reported) file.addYamlError(error, entries)
  file.throwIfAny()

  const value = toPlainValue(document, entries, file)
  if (value === null || value === undefined) return structuredClone(DEFAULT_CONFIG)
  if (typeof value !== 'object' || Array.isArray(value)) {
    file.fail(
      document.contents?.range[0] ?? 0,
      '',
      `the file must be a mapping of settings such as "checklists:" (got ${describeValue(value)})`
    )
  }

  const validate = validator()
  if (!validate(value)) {
    for (const error of validate.errors ?? []) file.addSchemaError(error, value, entries)
    file.throwIfAny()
  }
  checkQuestions(value as ConfigFile, entries, file)
  file.throwIfAny()
  return toConfig(value as ConfigFile)
}

/**
 * Two accept-choices-for keys that name one question (`Rollback needed` and `Rollback
 * needed?`): which answer held would be an accident of their order.
 */
function checkQuestions(config: ConfigFile, entries: YamlEntry[], file: ProblemCollector): void {
  const first = new Map<string, string>()
  for (const question of Object.keys(config['accept-choices-for'] ?? {})) {
    const key = normaliseQuestion(question)
    const earlier = first.get(key)
    if (earlier === undefined) {
      first.set(key, question)
      continue
    }
    file.addAt(
      ['accept-choices-for', question],
      entries,
      `accept-choices-for names one question twice: "${earlier}" and "${question}" label the same choice; keep one of them`
    )
  }
}

/** Index of the first control character other than tab, LF and CR; YAML allows no others. */
function firstControlCharacter(text: string): number {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return index
  }
  return -1
}

/** The document as plain data, with aliases expanded within MAX_ALIAS_COUNT. */
function toPlainValue(document: Document, entries: YamlEntry[], file: ProblemCollector): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    // toJS throws for aliases (too many expansions, or one before its anchor); anything else
    // is reported as it is, so that the reader still gets a line rather than a stack trace.
    const aliases = entries.filter(entry => isAlias(entry.value))
    const unresolved = aliases.find(entry => isAlias(entry.value) && !entry.value.resolve(document))
    if (unresolved) {
      const key = formatKeyPath(unresolved.path)
      return file.fail(
        offsetOfValue(unresolved),
        key,
        `${key} uses an alias whose anchor is not defined before it; define the &anchor first`
      )
    }
    const firstAlias = aliases[0]
    if (firstAlias) {
      const key = formatKeyPath(firstAlias.path)
      return file.fail(
        offsetOfValue(firstAlias),
        key,
        `${key} uses aliases that expand to too much data, as in a "billion laughs" attack; ` +
          'write the values out instead'
      )
    }
    const reason = error instanceof Error ? error.message : String(error)
    return file.fail(0, '', `the file cannot be read as data (${reason}); simplify it`)
  }
}

/** Where a value is written, or its key when the value is empty. */
function offsetOfValue(entry: YamlEntry): number {
  return entry.value?.range?.[0] ?? entryStart(entry) ?? 0
}

/** Gathers problems with their positions, and throws them together as one ConfigError. */
class ProblemCollector {
  readonly lineCounter = new LineCounter()
  private readonly problems: ConfigProblem[] = []

  constructor(
    private readonly source: string,
    private readonly text: string
  ) {}

  add(offset: number, key: string, text: string): void {
    const { line, col } = this.position(offset)
    const message = `${this.source}:${line}:${col}: ${text}`
    // yaml may report one mistake twice at the same place in the same words.
    if (this.problems.some(problem => problem.message === message)) return
    this.problems.push({ line, column: col, key, message })
  }

  addYamlError(error: YAMLError, entries: YamlEntry[]): void {
    const offset = error.pos[0]
    const entry = entryAt(entries, offset)
    if (error.code === 'DUPLICATE_KEY') {
      const key = entry ? formatKeyPath(entry.path) : 'a key'
      this.add(offset, key, `${key} is given twice in the same mapping; keep one of them`)
    } else if (error.code === 'MULTIPLE_DOCS') {
      this.add(offset, '', 'the file holds more than one YAML document ("---"); keep one')
    } else {
      // Below the top level, a tree parsed around a syntax error has keys the writer never
      // wrote, so only the top-level key is named.
      const topKey = entry ? formatKeyPath(entry.path.slice(0, 1)) : ''
      const near = topKey ? ` in ${topKey}` : ''
      // prettyErrors is off, so the message is yaml's own sentence without a position.
      this.add(offset, topKey, `YAML syntax error${near}: ${error.message}`)
    }
  }

  addSchemaError(error: ErrorObject, data: unknown, entries: YamlEntry[]): void {
    const path = pathFromPointer(error.instancePath, data)
    if (error.keyword === 'additionalProperties') {
      const name = (error.params as { additionalProperty: string }).additionalProperty
      const known = Object.keys((error.parentSchema?.properties ?? {}) as object)
      const suggestion = closestKey(name, known)
      const fullPath = [...path, name]
      const key = formatKeyPath(fullPath)
      const hint = suggestion ? ` (did you mean ${formatKeyPath([...path, suggestion])}?)` : ''
      this.add(
        this.offsetOf(fullPath, entries, 'key'),
        key,
        `unknown key ${key}${hint}; known keys here are ${known.join(', ')}`
      )
      return
    }
    const key = formatKeyPath(path)
    this.add(this.offsetOf(path, entries), key, `${key} ${describeSchemaError(error)}`)
  }

  /** Adds a problem at the key of `path`. */
  addAt(path: KeyPath, entries: YamlEntry[], text: string): void {
    this.add(this.offsetOf(path, entries, 'key'), formatKeyPath(path), text)
  }

  /** Adds the problem and throws, for problems that leave nothing further to check. */
  fail(offset: number, key: string, text: string): never {
    this.add(offset, key, text)
    return this.throwAll()
  }

  throwIfAny(): void {
    if (this.problems.length > 0) this.throwAll()
  }

  private throwAll(): never {
    const inFileOrder = [...this.problems].sort((a, b) => a.line - b.line || a.column - b.column)
    throw new ConfigError(this.source, inFileOrder)
  }

  /**
   * Where a key or its value is written; a value that is empty is placed at its key. A path
   * that runs through an alias ends at the alias, which is where the writer used it.
   */
  private offsetOf(path: KeyPath, entries: YamlEntry[], part: 'key' | 'value' = 'value'): number {
    for (let length = path.length; length > 0; length--) {
      const prefix = JSON.stringify(path.slice(0, length))
      const entry = entries.find(candidate => JSON.stringify(candidate.path) === prefix)
      if (entry) return part === 'value' ? offsetOfValue(entry) : (entryStart(entry) ?? 0)
    }
    return 0
  }

  private position(offset: number): { line: number; col: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length))
    return this.lineCounter.linePos(clamped)
  }
}

/** `/roles/DBA/0` → ['roles', 'DBA', 0]: list indices become numbers, as in formatKeyPath. */
function pathFromPointer(pointer: string, data: unknown): KeyPath {
  const path: KeyPath = []
  let current: unknown = data
  for (const escaped of pointer.split('/').slice(1)) {
    const part = escaped.replace(/~1/g, '/').replace(/~0/g, '~')
    if (Array.isArray(current)) {
      path.push(Number(part))
      current = current[Number(part)]
    } else {
      path.push(part)
      current = (current as Record<string, unknown> | undefined)?.[part]
    }
  }
  return path
}

/** Kebab-case keys to the Config shape; anything left out takes its default. */
function toConfig(file: ConfigFile): Config {
  const config = structuredClone(DEFAULT_CONFIG)
  const signoffs = file.signoffs ?? {}
  return {
    checklists: file.checklists ?? config.checklists,
    requireChecklist: file['require-checklist'] ?? config.requireChecklist,
    excludeSections: file['exclude-sections'] ?? config.excludeSections,
    informationalSections: file['informational-sections'] ?? config.informationalSections,
    thresholds: file.thresholds ?? config.thresholds,
    templates: file.templates ?? config.templates,
    roles: file.roles ?? config.roles,
    signoffs: {
      freshness: signoffs.freshness ?? config.signoffs.freshness,
      distinctSigners: signoffs['distinct-signers'] ?? config.signoffs.distinctSigners,
      maxAgeDays: signoffs['max-age-days'] ?? config.signoffs.maxAgeDays,
      allowAuthor: signoffs['allow-author'] ?? config.signoffs.allowAuthor
    },
    waivers: file.waivers ?? config.waivers,
    acceptChoices: file['accept-choices'] ?? config.acceptChoices,
    acceptChoicesFor: file['accept-choices-for'] ?? config.acceptChoicesFor
  }
}
