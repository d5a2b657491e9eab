import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml'

/** A key or index of a configuration value, from the top of the file down. */
export type KeyPath = (string | number)[]

/**
 * How deep the walk goes. The configuration is three levels deep; deeper values only name
 * keys in messages, and a hostile file could nest deep enough to exhaust the stack.
 */
const MAX_DEPTH = 32

/** One value in the YAML tree with the path that leads to it. */
export interface YamlEntry {
  path: KeyPath
  /** The mapping key, or undefined for a list item. */
  key: Node | undefined
  /** The value; null when a key has no value (`roles:`). */
  value: Node | null
}

/**
 * Every value in the document, parents before children. Aliases are listed but not followed,
 * so the walk is as long as the file itself however the aliases expand.
 */
export function yamlEntries(document: Document): YamlEntry[] {
  const entries: YamlEntry[] = []
  const walk = (node: unknown, path: KeyPath): void => {
    if (path.length >= MAX_DEPTH) return
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = pair.key as Node | null
        const name = isScalar(key) ? String(key.value) : String(key)
        const value = (pair.value ?? null) as Node | null
        entries.push({ path: [...path, name], key: key ?? undefined, value })
        walk(value, [...path, name])
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const value = (item ?? null) as Node | null
        entries.push({ path: [...path, index], key: undefined, value })
        walk(value, [...path, index])
      })
    }
  }
  walk(document.contents, [])
  return entries
}

/** Offset where an entry starts: its key, or the value of a list item. */
export function entryStart(entry: YamlEntry): number | undefined {
  return (entry.key ?? entry.value)?.range?.[0]
}

/** Offset where an entry ends: the end of its value, or of its key when it has none. */
function entryEnd(entry: YamlEntry): number | undefined {
  return (entry.value ?? entry.key)?.range?.[1]
}

/** The innermost entry that spans the offset, to say which key a syntax error is in. */
export function entryAt(entries: YamlEntry[], offset: number): YamlEntry | undefined {
  let innermost: YamlEntry | undefined
  for (const entry of entries) {
    const start = entryStart(entry)
    const end = entryEnd(entry)
    if (start === undefined || end === undefined) continue
    if (start <= offset && offset <= end) {
      if (innermost === undefined || entry.path.length >= innermost.path.length) innermost = entry
    }
  }
  return innermost
}

/**
 * `signoffs.freshness`, `roles.DBA[0]`, `thresholds["Important Requirements"]`: the way a
 * reader would name the key, with names that are not plain words quoted.
 */
export function formatKeyPath(path: KeyPath): string {
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`
      if (/^[A-Za-z0-9_-]+$/.test(part)) return index === 0 ? part : `.${part}`
      return `[${JSON.stringify(part)}]`
    })
    .join('')
}
