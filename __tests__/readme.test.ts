import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

/*
 * The README documents the action as action.yml declares it: every input in the inputs table
 * with its default, every output named. A new input that the README forgets fails here.
 */

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')
const action = parse(read('action.yml')) as {
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
}
const readme = read('README.md')

/** The rows of the README's inputs table: input → default cell. */
function inputsTable(): Map<string, string> {
  const section = readme.slice(readme.indexOf('### Inputs'))
  const rows = new Map<string, string>()
  for (const match of section.matchAll(/^\| `([a-z-]+)` \|\s*([^|]*?)\s*\|/gm)) {
    rows.set(match[1]!, match[2]!.trim())
  }
  return rows
}

describe('the README and action.yml', () => {
  it('list the same inputs', () => {
    expect([...inputsTable().keys()].sort()).toEqual(Object.keys(action.inputs).sort())
  })

  it('give each input its default', () => {
    const table = inputsTable()
    for (const [name, input] of Object.entries(action.inputs)) {
      const documented = table.get(name)!
      if (input.default) expect(documented, name).toContain(input.default)
      else expect(documented, name).not.toMatch(/^`[^`]+`$/)
    }
  })

  it('name every output', () => {
    const outputs = readme.slice(readme.indexOf('Outputs:'), readme.indexOf('Outputs:') + 2000)
    for (const name of Object.keys(action.outputs)) expect(outputs, name).toContain(`\`${name}\``)
  })
})
