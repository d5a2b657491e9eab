/** GitHub's renderer, when installed: how many task items it sees in a file. */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export function hasCmarkGfm(): boolean {
  try {
    execFileSync('cmark-gfm', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Task items as `cmark-gfm -e tasklist -e table` renders them: one checkbox each. */
export function cmarkTaskCount(file: string): number {
  const html = execFileSync('cmark-gfm', ['-e', 'tasklist', '-e', 'table', file], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024
  })
  return html.match(/type="checkbox"/g)?.length ?? 0
}

/** Files in a folder beside the repository (`../shared/…`), or [] when it is absent. */
export function sharedFiles(url: URL, keep: (name: string) => boolean): string[] {
  const dir = fileURLToPath(url)
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter(keep)
    .sort()
    .map(name => `${dir}${name}`)
}
