/*
 * Markdown as GitHub shows it: cmark-gfm with GitHub's extensions, GitHub's stylesheet, in
 * headless Chromium. Shared by the browser test and `npm run screenshots`.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { CMARK_GFM, GITHUB_EXTENSIONS } from '../../__tests__/helpers/cmark.js'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function hasBrowser(): boolean {
  if (!existsSync(CHROMIUM)) return false
  try {
    execFileSync('cmark-gfm', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/**
 * HTML as github.com renders a comment: raw HTML is let through (GitHub's sanitiser keeps
 * `<details>`, `<summary>` and `<sub>`), tagfilter drops what GitHub drops.
 */
export function renderGfm(markdown: string): string {
  return execFileSync(CMARK_GFM, [...GITHUB_EXTENSIONS, '--unsafe'], {
    input: markdown,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  })
}

const require = createRequire(import.meta.url)

function page(markdown: string): string {
  const css = readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8')
  // The comment body's box on github.com: 16 px of padding inside the comment's border.
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { margin: 0; }
.markdown-body { box-sizing: border-box; padding: 16px; }
</style></head><body><article class="markdown-body">${renderGfm(markdown)}</article></body></html>`
}

export interface Measure {
  /** Height of the rendered comment in CSS pixels. */
  height: number
  /** Whether anything is wider than the page. */
  overflows: boolean
  /** Tables wider than their box, which GitHub's stylesheet makes scroll sideways. */
  scrollingTables: number
  /** The header row of each of those tables, to say which. */
  scrollingHeaders: string[]
  /** The first lines of text, as a reader sees them. */
  firstText: string
}

export interface Session {
  context: BrowserContext
  /**
   * The one tab every measure renders in, in turn: each replaces the whole document, and a
   * new tab would cost a renderer's start, several times the measure itself.
   */
  tab: Page
  close: () => Promise<void>
}

/** Debian's Chromium, headless, quiet on the network, with a fresh profile. */
export async function launch(): Promise<Session> {
  const { chromium } = await import('playwright-core')
  const profile = mkdtempSync(join(tmpdir(), 'readiness-gate-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
  const tab = context.pages()[0] ?? (await context.newPage())
  // Nothing leaves the machine: images and links to github.com are not fetched.
  await tab.route('**/*', route =>
    route.request().url().startsWith('data:') ? route.continue() : route.abort()
  )
  return {
    context,
    tab,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  }
}

/** Renders `markdown` at `width` px, `<details>` closed unless `open`; optionally a PNG. */
export async function measure(
  session: Session,
  markdown: string,
  width: number,
  options: { open?: boolean; screenshot?: string } = {}
): Promise<Measure> {
  const { tab } = session
  await tab.setViewportSize({ width, height: 800 })
  await tab.setContent(page(markdown), { waitUntil: 'load' })
  if (options.open) {
    await tab.evaluate(() => document.querySelectorAll('details').forEach(d => (d.open = true)))
  }
  const result = await tab.evaluate(() => {
    const body = document.querySelector('.markdown-body') as HTMLElement
    const tables = [...document.querySelectorAll('table')].filter(
      table => table.scrollWidth > table.clientWidth + 1
    )
    return {
      height: Math.ceil(body.getBoundingClientRect().height),
      overflows: document.documentElement.scrollWidth > window.innerWidth,
      scrollingTables: tables.length,
      scrollingHeaders: tables.map(
        table =>
          `${table.querySelector('tr')?.textContent?.trim() ?? ''} (${table.scrollWidth} px in ${table.clientWidth} px)`
      ),
      firstText: body.innerText.slice(0, 600)
    }
  })
  if (options.screenshot) await tab.screenshot({ path: options.screenshot, fullPage: true })
  return result
}
