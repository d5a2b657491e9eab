/**
 * Every checkbox a reviewer sees on GitHub is counted, in the state GitHub shows it (issue 7).
 * GitHub renders with cmark-gfm; its binary, with the extensions github.com enables, is the
 * oracle: the gate's task items (line and box) must be exactly its task items, on the cases
 * known to trip a parser and on thousands of generated checklist-like files. The same bytes go
 * to both, a BOM and CRs included.
 *
 * More files, or another seed, by hand: `npm run differential -- --count 20000 --seed 7`, or
 * DIFFERENTIAL_COUNT and DIFFERENTIAL_SEED for this test.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { cmarkTasks, cmarkTasksOfMany, hasCmarkGfm } from './helpers/cmark.js'
import { SUITE_COUNT, SUITE_SEED, disagreement, gateTasks } from './helpers/differential.js'
import { KNOWN } from './helpers/known-cases.js'
import { generateChecklist } from './helpers/markdown-generator.js'

const GITHUB = hasCmarkGfm()
const SEED = Number(process.env.DIFFERENTIAL_SEED ?? SUITE_SEED)
const COUNT = Number(process.env.DIFFERENTIAL_COUNT ?? SUITE_COUNT)

const bytesOf = (text: string) => Buffer.from(text, 'utf8')

let generated: string[] | undefined
/** The run's documents, made once for every test that reads them. */
const documents = () =>
  (generated ??= Array.from({ length: COUNT }, (_, i) => generateChecklist(SEED, i)))

describe('the cases under "Why" in issue 7: the gate counts what GitHub shows', () => {
  it.each(KNOWN)('%s', (_name, markdown, github) => {
    expect(gateTasks(bytesOf(markdown))).toEqual(github)
  })
})

describe.skipIf(!GITHUB)('the cases under "Why" in issue 7: what cmark-gfm shows', () => {
  it.each(KNOWN)('%s', (_name, markdown, github) => {
    expect(cmarkTasks(bytesOf(markdown))).toEqual(github)
  })
})

describe('the generator of checklist-like Markdown', () => {
  let all = ''
  beforeAll(() => {
    all = documents().join('\n')
  })

  it('makes the same documents from the same seed, and others from another', () => {
    expect(generateChecklist(SEED, 7)).toBe(documents()[7])
    expect(generateChecklist(SEED + 1, 7)).not.toBe(documents()[7])
  })

  it.each([
    ['the marker -', /^[ \t>]*- +\[/m],
    ['the marker +', /^[ \t>]*\+ +\[/m],
    ['the marker *', /^[ \t>]*\* +\[/m],
    ['the marker 1.', /^[ \t>]*1\. +\[/m],
    ['the marker 1)', /^[ \t>]*1\) +\[/m],
    ['a nested item', /^ {2,}(?:[-+*]|\d+[.)]) +\[[ xX]\]/m],
    ['an item a column short of its parent', /^- [^\n]*\n (?:[-+*]|\d+[.)]) /m],
    ['an item indented with a tab', /^\t(?:[-+*]|\d+[.)])[ \t]+\[/m],
    ['a tab after the marker', /^(?:[-+*]|\d+[.)])\t\[/m],
    ['CRLF', /\r\n/],
    ['a lone CR', /\r(?!\n)/],
    ['a BOM', /(?:^|\n)\uFEFF/],
    ['an HTML comment', /<!--/],
    ['<details>', /<details>/],
    ['<textarea>', /<textarea>/],
    ['<search>', /<search>/],
    ['<br>', /<br>/],
    ['</pre>', /<\/pre>/],
    ['a fence over 255 characters', /(?:`{256,}|~{256,})/],
    ['indented code', /^ {4}[-+*] \[/m],
    ['a table delimiter row', /^\|?:?-+:?\|/m],
    ['a task item over --|--', /^- \[ \] Latency \| p99\r?\n--\|--/m],
    ['a setext heading', /\n(?:===|---)(?:\r?\n|$)/],
    ['a link reference definition', /^\[x\]: \/url/m],
    ['a link reference definition where an item starts', /^(?:[-+*]|\d+[.)]) \[[ x*]\]: \/url/m],
    ['an entity', /&#91;/],
    ['emphasis around an item', /\*\*\[[ xX]\]/],
    ['an empty item, then a blank line', /^[-+*] \[ \] \r?\n\r?\n/m],
    ['an empty item, then 9. [ ] a', /^[-+*] \[ \] \r?\n9\. \[ \] a/m],
    ['a lazy continuation line', /^123456789\. a\r?\n {14}1\. b\r?\n {6}- \[ \] lazy/m],
    ['"  10 [ ] b" after a blank line', /\n\r?\n {2}10 \[ \] /],
    ['five columns after the marker', /^- {5}\[x\] a/m]
  ])('covers %s', (_name, pattern) => {
    expect(all).toMatch(pattern)
  })

  it('covers an HTML comment never closed, and a fence never closed', () => {
    expect(documents().some(doc => doc.includes('<!--') && !doc.includes('-->'))).toBe(true)
    expect(documents().some(doc => doc.match(/^ {0,3}```/gm)?.length === 1)).toBe(true)
  })
})

describe.skipIf(!GITHUB)('generated checklists against cmark-gfm', () => {
  it(`agree on every task item, line and box, in ${COUNT} files (seed ${SEED})`, () => {
    const files = documents().map(bytesOf)
    const github = cmarkTasksOfMany(files)
    let lines = 0
    let hidingOpen = 0
    const disagreeing = files.flatMap((bytes, i) => {
      const found = disagreement(gateTasks(bytes), github[i]!)
      if (!found) return []
      lines += found.lines.length
      if (found.hiddenOpen.length > 0) hidingOpen++
      return [i]
    })
    // Where to look; the script minimises them (a few hundred cmark-gfm runs each).
    const shown = disagreeing.slice(0, 5).map(i => {
      const found = disagreement(gateTasks(files[i]!), github[i]!)
      return `file ${i}: ${found?.summary.join('; ')}`
    })
    expect(
      { disagreeing: disagreeing.length, lines, hidingOpen, shown },
      `${disagreeing.length} of ${COUNT} files disagree; npm run differential -- --count ${COUNT} --seed ${SEED} lists them, minimised`
    ).toEqual({ disagreeing: 0, lines: 0, hidingOpen: 0, shown: [] })
  }, 120_000)
})
