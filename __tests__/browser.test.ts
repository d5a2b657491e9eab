/**
 * The comments as reviewers see them: rendered by cmark-gfm with GitHub's stylesheet in
 * headless Chromium, measured at 900 px with <details> closed, and checked for sideways
 * scrolling at 400 px with it open. Skipped where Chromium or cmark-gfm is not installed.
 */
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hasBrowser, launch, measure, type Session } from '../scripts/render/browser.js'
import { comment, nearMiss, passingPr, rawTemplate } from './fixtures/readers.js'
import { sharedFiles } from './helpers/cmark.js'
import { evaluateFile } from './helpers/offline.js'

// SEEDS_DIR points at the seeds from a work tree that has no ../shared beside it.
const seeds = sharedFiles(
  process.env.SEEDS_DIR === undefined
    ? new URL('../../shared/seeds/', import.meta.url)
    : pathToFileURL(`${process.env.SEEDS_DIR}/`),
  () => true
)

describe.skipIf(!hasBrowser())('the comment in a browser', () => {
  let session: Session
  beforeAll(async () => {
    session = await launch()
  }, 60_000)
  afterAll(async () => {
    await session?.close()
  })

  const cases: [name: string, markdown: () => string, maxHeight: number][] = [
    ['a near miss', () => comment([nearMiss()]), 1_000],
    ['a passing pull request', () => comment([passingPr()]), 600],
    ['a checklist nobody has filled in', () => comment([rawTemplate()]), 3_000]
  ]

  it.each(cases)('%s fits its height at 900 px', async (_name, markdown, maxHeight) => {
    const { height } = await measure(session, markdown(), 900)
    expect(height).toBeGreaterThan(100)
    expect(height).toBeLessThanOrEqual(maxHeight)
  })

  it('a near miss names the person, the action and the missed target first', async () => {
    const { firstText } = await measure(session, comment([nearMiss()]), 900)
    const lines = firstText.split('\n').slice(0, 6).join('\n')
    expect(lines).toContain('Not ready')
    expect(lines).toMatch(/@frank: approve the pull request/)
    expect(lines).toMatch(/Fix a target: "RTO measured" is 150 s/)
  })

  it.each(cases)('%s never scrolls sideways at 400 px, details open', async (_name, markdown) => {
    const narrow = await measure(session, markdown(), 400, { open: true })
    expect(narrow.overflows).toBe(false)
    expect(narrow.scrollingHeaders).toEqual([])
  })

  it.skipIf(seeds.length === 0).each(seeds)(
    'seed %s: at most 3,000 px at 900 px, nothing scrolls at 400 px',
    async file => {
      const markdown = comment([evaluateFile(file).evaluation])
      expect((await measure(session, markdown, 900)).height).toBeLessThanOrEqual(3_000)
      const narrow = await measure(session, markdown, 400, { open: true })
      expect(narrow.overflows).toBe(false)
      expect(narrow.scrollingHeaders).toEqual([])
    }
  )
})
