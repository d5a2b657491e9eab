/*
 * `npm run screenshots [-- OUT_DIR]`: the comments of the reader tests rendered as GitHub shows
 * them, at 900 px with <details> closed and at 400 px with it open, as PNGs to look at, with
 * their heights. The seeds in ../shared/seeds are added when present.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { comment, nearMiss, passingPr, rawTemplate } from '../__tests__/fixtures/readers.js'
import { evaluateFile } from '../__tests__/helpers/offline.js'
import { hasBrowser, launch, measure } from './render/browser.js'

const out = resolve(process.argv[2] ?? 'screenshots')
if (!hasBrowser()) {
  console.error('screenshots need /usr/bin/chromium (or CHROMIUM_PATH) and cmark-gfm.')
  process.exit(2)
}
mkdirSync(out, { recursive: true })
const cases: Record<string, string> = {
  'near-miss': comment([nearMiss()]),
  passing: comment([passingPr()]),
  'raw-template': comment([rawTemplate()])
}
const seeds =
  process.env.SEEDS_DIR ?? fileURLToPath(new URL('../../shared/seeds/', import.meta.url))
if (existsSync(seeds)) {
  for (const name of readdirSync(seeds).sort()) {
    cases[`seed-${name.replace(/\.[^.]*$/, '')}`] = comment([
      evaluateFile(resolve(seeds, name)).evaluation
    ])
  }
}
const session = await launch()
try {
  for (const [name, markdown] of Object.entries(cases)) {
    const wide = await measure(session, markdown, 900, { screenshot: `${out}/${name}-900.png` })
    const narrow = await measure(session, markdown, 400, {
      open: true,
      screenshot: `${out}/${name}-400-open.png`
    })
    console.log(
      `${name}: ${wide.height} px at 900 px; at 400 px open: ${narrow.overflows ? 'overflows' : 'no overflow'}, ${narrow.scrollingTables} tables scroll sideways`
    )
    for (const header of narrow.scrollingHeaders) console.log(`  scrolls: ${header}`)
  }
} finally {
  await session.close()
}
