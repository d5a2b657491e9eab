/**
 * Numbers with units, targets, and comparisons between them.
 *
 * Every value is normalised before it is compared: time to seconds, sizes to bytes, rates to
 * events per second. Percentages stay as written (`99.9%` is 99.9, not 0.999). A bare number is
 * a 'count'. A unit that is not in the table below makes the text unreadable (`undefined`): the
 * caller reports it, because guessing a unit could turn a miss into a silent pass.
 */
import type { Comparison, Dimension, Quantity, Target } from './model.js'

export interface UnitInfo {
  dimension: Dimension
  /** What one of this unit is in the dimension's base unit (seconds, bytes, per second, %). */
  factor: number
}

/**
 * A quantity or target is a few words. Anything longer is prose, so it is rejected before any
 * pattern runs: that keeps the cost of every call independent of the input's length.
 */
const MAX_LENGTH = 100

const SECOND = 1
const MINUTE = 60
const HOUR = 3600
const DAY = 86_400

/** Units of time. `m` is left out on purpose: minute, metre, month and milli all claim it. */
const TIME_UNITS: [string[], number][] = [
  [['ms', 'msec', 'msecs', 'millisecond', 'milliseconds'], 0.001],
  [['s', 'sec', 'secs', 'second', 'seconds'], SECOND],
  [['min', 'mins', 'minute', 'minutes'], MINUTE],
  [['h', 'hr', 'hrs', 'hour', 'hours'], HOUR],
  [['d', 'day', 'days'], DAY],
  [['week', 'weeks'], 7 * DAY]
]

/**
 * Sizes in bytes. KB/MB/GB/TB are decimal (1000^n), as the SI prefixes and disk vendors mean
 * them; KiB/MiB/GiB/TiB and the Kubernetes spellings Ki/Mi/Gi/Ti are binary (1024^n). Units are
 * matched case-insensitively, and `b` always means bytes: a readiness checklist states memory
 * and disk, not link speeds, so `Mb` is read as megabytes rather than rejected.
 */
const SIZE_UNITS: [string[], number][] = [
  [['b', 'byte', 'bytes'], 1],
  [['kb'], 1e3],
  [['mb'], 1e6],
  [['gb'], 1e9],
  [['tb'], 1e12],
  [['kib', 'ki'], 1024],
  [['mib', 'mi'], 1024 ** 2],
  [['gib', 'gi'], 1024 ** 3],
  [['tib', 'ti'], 1024 ** 4]
]

const PERCENT_UNITS = ['%', 'percent']

/** Rates are "<event>/<period>" or "<event> per <period>"; the event may be left out (`/s`). */
const RATE_EVENTS = [
  '',
  'req',
  'reqs',
  'request',
  'requests',
  'op',
  'ops',
  'operation',
  'operations',
  'query',
  'queries',
  'tx',
  'transaction',
  'transactions',
  'call',
  'calls',
  'event',
  'events'
]
const RATE_PERIODS: [string[], number][] = [
  [['s', 'sec', 'second'], SECOND],
  [['min', 'minute'], MINUTE],
  [['h', 'hr', 'hour'], HOUR]
]
/** Transactions, queries and requests per second. */
const RATE_ACRONYMS = ['tps', 'qps', 'rps']

/** Every unit we read, keyed by its normalised spelling (see `unitKey`). */
const UNITS: ReadonlyMap<string, UnitInfo> = buildUnitTable()

function buildUnitTable(): Map<string, UnitInfo> {
  const table = new Map<string, UnitInfo>()
  const add = (names: string[], dimension: Dimension, factor: number): void => {
    for (const name of names) table.set(name, { dimension, factor })
  }
  for (const [names, seconds] of TIME_UNITS) add(names, 'time', seconds)
  for (const [names, bytes] of SIZE_UNITS) add(names, 'size', bytes)
  add(PERCENT_UNITS, 'percent', 1)
  add(RATE_ACRONYMS, 'rate', 1)
  for (const [periods, seconds] of RATE_PERIODS) {
    for (const period of periods) {
      const spellings = RATE_EVENTS.flatMap(event => [
        `${event}/${period}`,
        event === '' ? `per ${period}` : `${event} per ${period}`
      ])
      add(spellings, 'rate', 1 / seconds)
    }
  }
  return table
}

/** `Req / Sec` and `req/sec` are the same unit: lower case, single spaces, none around `/`. */
function unitKey(unit: string): string {
  return unit
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ ?\/ ?/g, '/')
}

/** The unit's dimension and factor, or undefined when it is not a unit we read. */
export function lookupUnit(unit: string): UnitInfo | undefined {
  if (unit.length > MAX_LENGTH) return undefined
  // Most units are written as the table spells them (`ms`, `%`), which unitKey leaves as is.
  return UNITS.get(unit) ?? UNITS.get(unitKey(unit))
}

/** Dimensions whose values are never negative. */
const NON_NEGATIVE: ReadonlySet<Dimension> = new Set<Dimension>(['time', 'size', 'rate'])

/**
 * A number at the start of the text: `95`, `1.5`, `1,500`, `-3`. Thousands separators must come
 * in groups of three, so the European decimal comma `1,5` is not read as 15 (it is rejected).
 */
const LEADING_NUMBER = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/

/**
 * Reads `95`, `95 seconds`, `1,500 ms`, `99.9%`, `2Gi`, `100 req/s`. When the text is a bare
 * number, `unitHint` (the unit written beside the blank, as in `______ seconds`) gives its unit;
 * a unit in the text itself always wins over the hint.
 */
export function parseQuantity(text: string, unitHint?: string): Quantity | undefined {
  const raw = text.trim()
  if (raw.length > MAX_LENGTH) return undefined
  const number = LEADING_NUMBER.exec(raw)
  if (number === null) return undefined
  const digits = number[0]
  // replaceAll is slow even when there is nothing to replace, and most numbers have no comma.
  const amount = Number(digits.includes(',') ? digits.replaceAll(',', '') : digits)
  if (!Number.isFinite(amount)) return undefined

  const writtenUnit = raw.slice(digits.length).trim()
  const unit = writtenUnit !== '' ? writtenUnit : (unitHint?.trim() ?? '')
  if (unit === '') return { value: amount, dimension: 'count', unit: '', raw }
  const info = lookupUnit(unit)
  if (info === undefined) return undefined
  // A duration, a size or a rate cannot be below zero: `-300ms` would meet every `<` target.
  // A percentage or a count may be a change (`-12%` errors, `-3` open bugs since last release),
  // where a negative value is real, so those keep their sign.
  if (amount < 0 && NON_NEGATIVE.has(info.dimension)) return undefined
  return { value: amount * info.factor, dimension: info.dimension, unit, raw }
}

/** Operators a target may start with; longer spellings first so `<=` is not read as `<`. */
const OPERATORS: [string, Comparison][] = [
  ['no more than', '<='],
  ['no less than', '>='],
  ['greater than', '>'],
  ['more than', '>'],
  ['less than', '<'],
  ['at least', '>='],
  ['at most', '<='],
  ['up to', '<='],
  ['under', '<'],
  ['below', '<'],
  ['above', '>'],
  ['over', '>'],
  ['<=', '<='],
  ['=<', '<='],
  ['>=', '>='],
  ['=>', '>='],
  ['==', '='],
  ['≤', '<='],
  ['≥', '>='],
  ['<', '<'],
  ['>', '>'],
  ['=', '=']
]

interface ParsedTarget {
  op: Comparison
  quantity: Quantity
  /** False for a bare quantity (`0 seconds`), whose `=` a metric table may overrule. */
  explicit: boolean
}

function parseTargetParts(text: string): ParsedTarget | undefined {
  const raw = text.trim()
  if (raw.length > MAX_LENGTH) return undefined
  const lower = raw.toLowerCase()
  for (const [spelling, op] of OPERATORS) {
    if (!lower.startsWith(spelling)) continue
    const quantity = parseQuantity(raw.slice(spelling.length))
    return quantity === undefined ? undefined : { op, quantity, explicit: true }
  }
  const atLeast = withoutAtLeastMark(raw)
  if (atLeast !== undefined) {
    const quantity = parseQuantity(atLeast)
    return quantity === undefined ? undefined : { op: '>=', quantity, explicit: true }
  }
  const quantity = parseQuantity(raw)
  return quantity === undefined ? undefined : { op: '=', quantity, explicit: false }
}

/** Whether a target reads as a bare quantity (`5 min`), with no operator or `+` to direct it. */
export function isBareTarget(text: string): boolean {
  return parseTargetParts(text)?.explicit === false
}

/** `50+` and `100+ req/s` mean "at least": the text without its `+`, or undefined if none. */
function withoutAtLeastMark(text: string): string | undefined {
  if (text.endsWith('+')) return text.slice(0, -1)
  const number = LEADING_NUMBER.exec(text)
  if (number === null || text[number[0].length] !== '+') return undefined
  return text.slice(0, number[0].length) + text.slice(number[0].length + 1)
}

/**
 * Reads `< 120s`, `≤ 50ms`, `>= 99.9%`, `=0`, `50+`, `at least 50`, `under 3s`; a bare quantity
 * (`0 seconds`) means "equal". The words under/below/less than read as `<`, over/above/more than
 * as `>`, at most/no more than/up to as `<=`, at least/no less than as `>=`. Anything else, such
 * as `< 5 seconds (p95)` or `TBD`, is not a target.
 */
export function parseTarget(text: string): Target | undefined {
  const parsed = parseTargetParts(text)
  if (parsed === undefined) return undefined
  return { op: parsed.op, quantity: parsed.quantity, raw: text.trim() }
}

/** Equal up to float noise, relative to the size of the numbers (`0.1 + 0.2` equals `0.3`). */
function nearlyEqual(a: number, b: number): boolean {
  // Exact first: that is the only way two unbounded ends (±Infinity) compare equal.
  if (a === b) return true
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
}

function satisfies(actual: number, op: Comparison, bound: number): boolean {
  const equal = nearlyEqual(actual, bound)
  switch (op) {
    case '<':
      return actual < bound && !equal
    case '<=':
      return actual < bound || equal
    case '>':
      return actual > bound && !equal
    case '>=':
      return actual > bound || equal
    case '=':
      return equal
  }
}

/**
 * Whether the actual value meets the target. Different dimensions are incomparable, including a
 * bare count against a target with a unit: reading `95` as `95 s` is the caller's decision, made
 * by passing the unit beside the value as `unitHint` to `parseQuantity`.
 */
export function compare(actual: Quantity, target: Target): 'met' | 'missed' | 'incomparable' {
  const bound = target.quantity
  if (actual.dimension !== bound.dimension) return 'incomparable'
  if (!Number.isFinite(actual.value) || !Number.isFinite(bound.value)) return 'incomparable'
  return satisfies(actual.value, target.op, bound.value) ? 'met' : 'missed'
}

/**
 * The direction of a bare target in a metric table, from the baseline it improves on: below the
 * baseline means "at most" (RTO 30 min → 5 min), above means "at least" (uptime 99.5% → 99.9%).
 * With no baseline, an equal one, or one in another dimension, the target means "equal".
 */
export function bareTargetDirection(target: Quantity, baseline: Quantity | undefined): Comparison {
  if (baseline === undefined || baseline.dimension !== target.dimension) return '='
  if (nearlyEqual(target.value, baseline.value)) return '='
  return target.value < baseline.value ? '<=' : '>='
}

/** A metric table's Target cell: `<250ms` as written, a bare `99.9%` directed by the baseline. */
export function targetFromCell(cell: string, baseline?: Quantity): Target | undefined {
  const parsed = parseTargetParts(cell)
  if (parsed === undefined) return undefined
  const op = parsed.explicit ? parsed.op : bareTargetDirection(parsed.quantity, baseline)
  return { op, quantity: parsed.quantity, raw: cell.trim() }
}

/** The values a target accepts, as an interval; an unbounded side is ±Infinity. */
interface Interval {
  low: number
  lowOpen: boolean
  high: number
  highOpen: boolean
}

function acceptedInterval(target: Target): Interval {
  const bound = target.quantity.value
  const below = { low: -Infinity, lowOpen: true }
  const above = { high: Infinity, highOpen: true }
  switch (target.op) {
    case '<':
      return { ...below, high: bound, highOpen: true }
    case '<=':
      return { ...below, high: bound, highOpen: false }
    case '>':
      return { low: bound, lowOpen: true, ...above }
    case '>=':
      return { low: bound, lowOpen: false, ...above }
    case '=':
      return { low: bound, lowOpen: false, high: bound, highOpen: false }
  }
}

/**
 * Whether `after` accepts some value that `before` rejected: the target was loosened (`< 120s` →
 * `< 300s`, `< 120s` → `<= 120s`, `= 0` → `< 5`). Changing the dimension counts as loosening, as
 * does turning the direction round; tightening or rewriting the same target (`< 2 min` →
 * `< 120 s`) does not.
 */
export function isLooser(before: Target, after: Target): boolean {
  if (before.quantity.dimension !== after.quantity.dimension) return true
  const old = acceptedInterval(before)
  const now = acceptedInterval(after)
  const lowWidened = nearlyEqual(now.low, old.low) ? old.lowOpen && !now.lowOpen : now.low < old.low
  const highWidened = nearlyEqual(now.high, old.high)
    ? old.highOpen && !now.highOpen
    : now.high > old.high
  return lowWidened || highWidened
}

/** Base units, for a quantity whose own unit cannot be read back. */
const BASE_UNITS: Record<Dimension, string> = {
  time: 's',
  percent: '%',
  size: 'B',
  rate: '/s',
  count: ''
}

/** For messages: the value in the unit the user wrote (`95 s`, `99.9%`, `512 MB`, `1500 ms`). */
export function formatQuantity(q: Quantity): string {
  const info = lookupUnit(q.unit)
  const [amount, unit] =
    info !== undefined && info.dimension === q.dimension
      ? [q.value / info.factor, q.unit]
      : [q.value, BASE_UNITS[q.dimension]]
  // Converting back (1.5 s → ms) can leave float noise such as 1500.0000000000002.
  const number = String(Number(amount.toPrecision(12)))
  if (unit === '') return number
  const attached = unit.startsWith('%') || unit.startsWith('/')
  return attached ? `${number}${unit}` : `${number} ${unit}`
}

/** For messages: `< 120 s`, `>= 99.9%`. */
export function formatTarget(target: Target): string {
  return `${target.op} ${formatQuantity(target.quantity)}`
}
