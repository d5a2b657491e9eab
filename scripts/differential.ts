/**
 * The differential test by hand, at any size: generated checklists through the gate and through
 * GitHub's renderer (`cmark-gfm`), and every file on which they disagree, minimised, written to
 * a temporary folder.
 *
 *   npm run differential -- [--count N] [--seed S] [--show K] [--no-minimise]
 *
 * With no options it makes the suite's own run (the same seed and count as the test).
 * Prints the disagreement rates (files, task lines, files that hide an open box GitHub shows)
 * and the first K disagreements with their files. Exits 1 when any file disagrees.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { cmarkTasks, cmarkTasksOfMany, hasCmarkGfm } from '../__tests__/helpers/cmark.js'
import {
  SUITE_COUNT,
  SUITE_SEED,
  disagreement,
  gateTasks,
  minimise
} from '../__tests__/helpers/differential.js'
import { generateChecklist } from '../__tests__/helpers/markdown-generator.js'

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: String(SUITE_COUNT) },
    seed: { type: 'string', default: String(SUITE_SEED) },
    show: { type: 'string', default: '10' },
    'no-minimise': { type: 'boolean', default: false }
  }
})
const count = Number(values.count)
const seed = Number(values.seed)
const show = Number(values.show)
if (!Number.isSafeInteger(count) || count < 1 || !Number.isSafeInteger(seed) || !(show >= 0)) {
  console.error('usage: npm run differential -- [--count N] [--seed S] [--show K] [--no-minimise]')
  process.exit(2)
}
if (!hasCmarkGfm()) {
  console.error('cmark-gfm is not installed: nothing to compare with.')
  process.exit(2)
}

const started = performance.now()
const documents = Array.from({ length: count }, (_, i) =>
  Buffer.from(generateChecklist(seed, i), 'utf8')
)
const github = cmarkTasksOfMany(documents)
let githubTasks = 0
let linesDiffering = 0
let hidingOpen = 0
const disagreeing: number[] = []
documents.forEach((bytes, i) => {
  githubTasks += github[i]!.length
  const found = disagreement(gateTasks(bytes), github[i]!)
  if (!found) return
  disagreeing.push(i)
  linesDiffering += found.lines.length
  if (found.hiddenOpen.length > 0) hidingOpen++
})
const seconds = ((performance.now() - started) / 1000).toFixed(1)

const percent = (part: number, whole: number) =>
  whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(1)}%`
console.log(
  `seed ${seed}, ${count} generated files, ${githubTasks} task items on GitHub (${seconds} s)`
)
console.log(
  `files that disagree:          ${disagreeing.length} (${percent(disagreeing.length, count)})`
)
console.log(
  `task lines that disagree:     ${linesDiffering} (${percent(linesDiffering, githubTasks)} of GitHub's)`
)
console.log(`files hiding an open box:     ${hidingOpen} (${percent(hidingOpen, count)})`)

if (disagreeing.length > 0 && show > 0) {
  const dir = mkdtempSync(join(tmpdir(), 'readiness-gate-differential-'))
  for (const i of disagreeing.slice(0, show)) {
    const bytes = values['no-minimise'] ? documents[i]! : minimise(documents[i]!)
    const file = join(dir, `seed-${seed}-file-${i}.md`)
    writeFileSync(file, bytes)
    const found = disagreement(gateTasks(bytes), cmarkTasks(bytes))
    console.log(`\n${file}${values['no-minimise'] ? '' : ' (minimised)'}`)
    for (const line of found?.summary ?? []) console.log(`  ${line}`)
    console.log(`  ${JSON.stringify(bytes.toString('utf8'))}`)
  }
  console.log(`\nFiles in ${dir}; regenerate one with generateChecklist(${seed}, index).`)
}
process.exit(disagreeing.length > 0 ? 1 : 0)
