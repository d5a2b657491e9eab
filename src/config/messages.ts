import type { ErrorObject } from 'ajv'
import { OWNER } from '../owners/login.js'

/**
 * The pattern of a role owner in schema.json (a test holds the two the same); its errors say
 * which forms are accepted.
 */
export const OWNER_PATTERN = `^@${OWNER}$`
/** The pattern in schema.json for strings that must not be blank. */
const NOT_BLANK_PATTERN = '\\S'

/**
 * What is wrong with a value, as the rest of a sentence that starts with the key
 * ("… must be one of head, checklist-unchanged, any (got "always")").
 * `unknown key` errors are worded by the caller, which knows the key's name.
 */
export function describeSchemaError(error: ErrorObject): string {
  const got = `(got ${describeValue(error.data)})`
  const parentSchema = (error.parentSchema ?? {}) as { minimum?: number; maximum?: number }
  switch (error.keyword) {
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues
      return `must be one of ${allowed.join(', ')} ${got}`
    }
    case 'type':
      return `must be ${typeName((error.params as { type: string }).type)} ${got}`
    case 'minimum':
    case 'maximum':
      if (parentSchema.minimum !== undefined && parentSchema.maximum !== undefined) {
        return `must be from ${parentSchema.minimum} to ${parentSchema.maximum} ${got}`
      }
      return error.keyword === 'minimum'
        ? `must be at least ${parentSchema.minimum} ${got}`
        : `must be at most ${parentSchema.maximum} ${got}`
    case 'minItems': {
      const limit = (error.params as { limit: number }).limit
      return `must list at least ${limit} ${limit === 1 ? 'entry' : 'entries'} ${got}`
    }
    case 'pattern': {
      const pattern = (error.params as { pattern: string }).pattern
      if (pattern === OWNER_PATTERN) {
        return `must be a GitHub user written "@login" or a team written "@org/team" ${got}`
      }
      if (pattern === NOT_BLANK_PATTERN) return `must not be blank ${got}`
      return `must match ${pattern} ${got}`
    }
    default:
      return `${error.message ?? 'is not valid'} ${got}`
  }
}

function typeName(type: string): string {
  const names: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping of keys to values'
  }
  return names[type] ?? type
}

/** A value as it appears in a message: strings quoted, lists and mappings by kind. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value'
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return JSON.stringify(value)
  return String(value)
}

/**
 * The known key the writer most likely meant: the same but for case and `-`/`_`
 * (`require_checklist`), a shortened one (`exclude` for `exclude-sections`), or one a
 * typo or two away (`freshnes`).
 */
export function closestKey(unknown: string, known: readonly string[]): string | undefined {
  const simplify = (key: string): string => key.toLowerCase().replace(/[-_\s]/g, '')
  const wanted = simplify(unknown)
  const sameButSpelling = known.find(key => simplify(key) === wanted)
  if (sameButSpelling !== undefined) return sameButSpelling
  const longer = known.find(key => wanted.length >= 4 && simplify(key).startsWith(wanted))
  if (longer !== undefined) return longer
  const allowedEdits = Math.max(1, Math.floor(wanted.length / 4))
  let best: { key: string; distance: number } | undefined
  for (const key of known) {
    const distance = editDistance(wanted, simplify(key))
    if (distance <= allowedEdits && (best === undefined || distance < best.distance)) {
      best = { key, distance }
    }
  }
  return best?.key
}

/** Levenshtein distance: insertions, deletions and substitutions of one character each. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
