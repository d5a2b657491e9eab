import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { benchConfigYaml, generateChecklist, type GeneratedChecklist } from './generate.js'

export const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)))

/**
 * One part of the benchmark. `run` prints as it goes (through `ctx.print`) so that a slow part
 * shows what it has; it may use the shared context: the generated checklists, the temp dir, the
 * bundles. Adding a part is writing one of these and listing it in scripts/bench.ts.
 */
export interface BenchSection {
  /** Short name for `--only=id`. */
  id: string
  title: string
  run(ctx: BenchContext): void | Promise<void>
}

export interface ChecklistFile extends GeneratedChecklist {
  label: string
  path: string
  bytes: number
}

export interface Bundles {
  /** Where the bundles come from, said in the output. */
  origin: string
  /** `dist/index.js` (the action); undefined when there is none. */
  action: string | undefined
  /** `dist/cli/index.js`; undefined when neither a bundle nor ncc is there. */
  cli: string | undefined
  /** Why the committed dist was not used, when it was not. */
  note: string | undefined
}

export interface BenchOptions {
  /** `--only=a,b`: run these sections only. */
  only: string[] | undefined
  /** `--no-build`: never build fresh bundles with ncc; fall back to tsx. */
  build: boolean
}

export interface BenchContext {
  options: BenchOptions
  /** A fresh directory under os.tmpdir(); every generated file goes here. */
  tmp: string
  print(text?: string): void
  /** The generated checklist with about `items` task items, written to `tmp` (memoised). */
  checklist(items: number): ChecklistFile
  /** `readiness-gate.yml` for the generated checklists, in `tmp`. */
  configPath(): string
  /** The action and CLI bundles to run: the committed dist when current, else fresh (memoised). */
  bundles(): Bundles
  /** How to start the command line: node + args before `check …`, and what it is. */
  cli(): { command: string; args: string[]; label: string }
}

export function sizeLabel(items: number): string {
  return items >= 1000 && items % 1000 === 0 ? `${items / 1000}k` : String(items)
}

export function createContext(options: BenchOptions): BenchContext {
  const tmp = mkdtempSync(join(tmpdir(), 'readiness-gate-bench-'))
  const checklists = new Map<number, ChecklistFile>()
  let config: string | undefined
  let bundles: Bundles | undefined

  const ctx: BenchContext = {
    options,
    tmp,
    print: (text = '') => process.stdout.write(`${text}\n`),
    checklist(items) {
      let file = checklists.get(items)
      if (!file) {
        const generated = generateChecklist(items)
        const label = sizeLabel(items)
        const path = join(tmp, `checklist-${label}.md`)
        writeFileSync(path, generated.text)
        file = { ...generated, label, path, bytes: Buffer.byteLength(generated.text) }
        checklists.set(items, file)
      }
      return file
    },
    configPath() {
      if (config === undefined) {
        config = join(tmp, 'readiness-gate.yml')
        writeFileSync(config, benchConfigYaml())
      }
      return config
    },
    bundles() {
      bundles ??= findBundles(tmp, options.build)
      return bundles
    },
    cli() {
      const { cli, origin } = ctx.bundles()
      if (cli) return { command: process.execPath, args: [cli], label: `node ${cli} (${origin})` }
      const tsx = createRequire(import.meta.url).resolve('tsx')
      return {
        command: process.execPath,
        args: ['--import', tsx, join(REPO, 'src/bin.ts')],
        label: 'node --import tsx src/bin.ts (no bundle)'
      }
    }
  }
  return ctx
}

const packageVersion = (): string =>
  (createRequire(import.meta.url)(join(REPO, 'package.json')) as { version: string }).version

/**
 * The committed `dist/` when it is a build of the current command line (its `--version` answers
 * with package.json's); otherwise a fresh `ncc` build of both entry points into the temp dir,
 * as `npm run build` does, leaving the repository alone.
 */
function findBundles(tmp: string, build: boolean): Bundles {
  const action = join(REPO, 'dist/index.js')
  const cli = join(REPO, 'dist/cli/index.js')
  let note: string | undefined
  if (existsSync(cli)) {
    const version = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' })
    if (version.status === 0 && version.stdout.trim() === packageVersion()) {
      return { origin: 'committed dist/', action, cli, note: undefined }
    }
    note = `committed dist/cli/index.js is stale (--version printed ${JSON.stringify(version.stdout.trim())})`
  } else {
    note = 'dist/ is not built'
  }
  if (!build) return { origin: 'tsx', action: undefined, cli: undefined, note }
  const out = join(tmp, 'dist')
  mkdirSync(out, { recursive: true })
  const ncc = join(REPO, 'node_modules/.bin/ncc')
  const run = (entry: string, dir: string) =>
    spawnSync(ncc, ['build', join(REPO, entry), '-o', dir, '--license', 'licenses.txt'], {
      cwd: REPO,
      encoding: 'utf8'
    })
  const builtCli = run('src/bin.ts', join(out, 'cli'))
  const builtAction = run('src/index.ts', out)
  const ok = (result: ReturnType<typeof run>) => result.status === 0 && !result.error
  return {
    origin: `fresh ncc build in ${out}`,
    action: ok(builtAction) ? join(out, 'index.js') : undefined,
    cli: ok(builtCli) ? join(out, 'cli/index.js') : undefined,
    note:
      `${note}: built fresh bundles with ncc` +
      (ok(builtCli) ? '' : ' (the CLI build failed: tsx instead)') +
      (ok(builtAction) ? '' : ' (the action build failed)')
  }
}
