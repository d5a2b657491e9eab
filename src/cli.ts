import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'
import packageJson from '../package.json' with { type: 'json' }
import { ChecklistError, decodeChecklist } from './checklist/parse.js'
import { CONFIG_PATH, ConfigError } from './config/index.js'
import {
  type Authority,
  authorityFrom,
  baseVersion,
  gateDeployment,
  runGate,
  type ChecklistSource
} from './gate/index.js'
import { CODEOWNERS_PATH, starterFiles, TEMPLATE_PATH } from './init.js'
import {
  findCodeownersFile,
  formatOwnersLines,
  isLogin,
  isTeam,
  normaliseLogin
} from './owners/index.js'
import { signoffRecordOf } from './publish/record.js'
import {
  JOB_SUMMARY_MAX_BYTES,
  recordMarkdown,
  toJsonReport,
  toMarkdown,
  toStatement,
  toText,
  verdictOf,
  writeJson
} from './report/index.js'
import type { Evaluation, Review } from './rules/types.js'
import { parseIsoDate } from './rules/signoffs.js'
import {
  decodeText,
  gitReader,
  InputError,
  readInput,
  realPath,
  repositoryRoot
} from './sources/files/index.js'

const USAGE = `Usage:
  readiness-gate check FILE... [--config F] [--codeowners F] [--approved-by a,b] [--author L]
                               [--base REF] [--today YYYY-MM-DD] [--format text|markdown|json]
                               [--all]
  readiness-gate owners PATH... [--codeowners F]
  readiness-gate verify [--sha SHA] [--repo OWNER/NAME] [--config F] [--format text|markdown|json]
                        [--statement FILE]
                                        the deploy-time gate on GitHub: the pull request that
                                        merged SHA (default $GITHUB_SHA), evaluated again as
                                        merged; needs GITHUB_TOKEN (contents and pull requests:
                                        read), GITHUB_REPOSITORY or --repo, GITHUB_API_URL for
                                        GitHub Enterprise
  readiness-gate init [--template FILE] [--owner @LOGIN]
                                        write a configuration, a checklist template, a workflow
                                        and a CODEOWNERS stub
  readiness-gate --help | --version

check prints what is left to do on one screen; --all adds every finding, one line each.
A checklist outside any git repository (or another than the first checklist's) is checked as
a plain file: no base, the configuration of --config or the defaults, and the CODEOWNERS
file beside it (or --codeowners, or none).
init --template FILE adopts a checklist of your own as the template.

Exit codes: 0 the gate passes, 1 the gate fails, 2 usage or configuration error.
--approved-by names the logins that approved the head commit; without it no sign-off can pass.`

const FORMATS = ['text', 'markdown', 'json'] as const
type Format = (typeof FORMATS)[number]

export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  cwd: string
  env: Readonly<Record<string, string | undefined>>
  /** Whether standard output is a terminal, for colour. */
  isTTY: boolean
}

/** Bad flags or arguments: exit 2 with the message and a pointer to --help. */
class UsageError extends Error {}

/** Runs the command line; returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv
    switch (command) {
      case 'check':
        return check(rest, io)
      case 'owners':
        return owners(rest, io)
      case 'init':
        return init(rest, io)
      case 'verify':
        return await verify(rest, io)
      case '--version':
      case '-v':
        io.stdout(`${packageJson.version}\n`)
        return 0
      case '--help':
      case '-h':
      case 'help':
        io.stdout(`${USAGE}\n`)
        return 0
      case undefined:
        throw new UsageError('no command given.')
      default:
        throw new UsageError(`unknown command "${command}".`)
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof InputError) {
      io.stderr(`readiness-gate: ${error.message}\nRun "readiness-gate --help" for usage.\n`)
    } else if (error instanceof ConfigError || error instanceof ChecklistError) {
      io.stderr(`readiness-gate: ${error.message}\n`)
    } else {
      const message = error instanceof Error ? error.message : String(error)
      io.stderr(`readiness-gate: ${message}\n`)
    }
    return 2
  }
}

function check(argv: readonly string[], io: CliIo): number {
  const { values, positionals } = parse(argv, {
    config: { type: 'string' },
    codeowners: { type: 'string' },
    'approved-by': { type: 'string' },
    author: { type: 'string' },
    base: { type: 'string' },
    today: { type: 'string' },
    format: { type: 'string' },
    all: { type: 'boolean' }
  })
  if (positionals.length === 0) throw new UsageError('check needs at least one checklist FILE.')
  const format = (values.format ?? 'text') as Format
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${format}").`)
  }
  const today = values.today ?? new Date().toISOString().slice(0, 10)
  if (parseIsoDate(today) === undefined) {
    throw new UsageError(`--today must be a date written YYYY-MM-DD (got "${today}").`)
  }
  const author = values.author === undefined ? undefined : login(values.author, '--author')

  const files = positionals.map(file => {
    const bytes = readInput(resolve(io.cwd, file), 'checklist')
    return { file: realPath(resolve(io.cwd, file)), bytes }
  })
  const root = repositoryRoot(dirname(files[0]!.file))
  const inRepository = files.filter(({ file }) => root !== undefined && isIn(root, file))
  const plain = files.filter(file => !inRepository.includes(file))
  if (values.base !== undefined && (root === undefined || plain.length > 0)) {
    throw new UsageError(
      `--base needs checklists in one git repository; ${(plain[0] ?? files[0])!.file} is not in ${root ?? 'any'}.`
    )
  }
  const context = { reviews: approvals(values['approved-by']), author, teams: new Map(), today }

  const evaluations: Evaluation[] = []
  if (root !== undefined && inRepository.length > 0) {
    const { config, codeowners } = readAuthority(
      { config: values.config, codeowners: values.codeowners },
      root,
      io
    )
    const reader = values.base === undefined ? undefined : gitReader(root, values.base)
    const checklists: ChecklistSource[] = inRepository.map(({ file, bytes }) => {
      const path = repositoryPath(root, file)
      return {
        path,
        text: decodeChecklist(bytes, path),
        base: reader && baseVersion(reader, config, path)
      }
    })
    evaluations.push(...runGate({ checklists, config, codeowners, context }))
  }
  // A plain file is checked on its own: its folder stands in for a repository, with the
  // CODEOWNERS file beside it, and there is no base to compare with.
  for (const { file, bytes } of plain) {
    const { config, codeowners } = readAuthority(
      { config: values.config, codeowners: values.codeowners },
      dirname(file),
      io,
      ['CODEOWNERS']
    )
    const path = basename(file)
    evaluations.push(
      ...runGate({
        checklists: [{ path, text: decodeChecklist(bytes, path), base: undefined }],
        config,
        codeowners,
        context
      })
    )
  }

  const passed = evaluations.every(evaluation => evaluation.passed)
  if (format === 'json') {
    const report = toJsonReport(evaluations, { toolVersion: packageJson.version })
    writeJson(report, io.stdout)
  } else if (format === 'markdown') {
    io.stdout(`${toMarkdown(evaluations)}\n`)
  } else {
    io.stdout(
      toText(evaluations, {
        color: io.isTTY && !io.env.NO_COLOR,
        all: values.all === true,
        next: nextSteps(evaluations, {
          approvals: values['approved-by'] !== undefined,
          plain: plain.map(({ file }) => relative(io.cwd, file) || basename(file)),
          all: values.all === true
        })
      })
    )
  }
  return passed ? 0 : 1
}

/** What to do after reading the output: the last lines, so they stay on screen. */
function nextSteps(
  evaluations: readonly Evaluation[],
  given: { approvals: boolean; plain: readonly string[]; all: boolean }
): string[] {
  const next: string[] = []
  const passed = evaluations.every(evaluation => evaluation.passed)
  if (given.plain.length > 0) {
    next.push(
      `${given.plain.join(', ')}: checked as a plain file (no base to compare with; CODEOWNERS beside it, if any).`
    )
  }
  if (passed) {
    next.push('Open the pull request: the gate checks the same there, against its approvals.')
    return next
  }
  next.push("Do what's left above, then run this again.")
  const unverified = evaluations.some(evaluation =>
    evaluation.findings.some(finding => finding.rule === 'signoff-approval-unverified')
  )
  if (unverified && !given.approvals) {
    next.push(
      'Sign-offs count once approved: pass --approved-by LOGIN,... here; the action reads the reviews.'
    )
  }
  if (!given.all)
    next.push('--all lists every finding as path:line; --format markdown prints the comment.')
  return next
}

/** Whether `file` is inside the work tree at `root`, and not in a repository nested in it. */
function isIn(root: string, file: string): boolean {
  const path = relative(root, file)
  return !path.startsWith('..') && !isAbsolute(path) && repositoryRoot(dirname(file)) === root
}

/**
 * `verify`: the action's deploy mode from a shell, through the same GitHub source and gate:
 * the pull request that merged the commit, evaluated again as merged. Writes nothing to GitHub.
 */
async function verify(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    sha: { type: 'string' },
    repo: { type: 'string' },
    config: { type: 'string' },
    format: { type: 'string' },
    statement: { type: 'string' }
  })
  if (positionals.length > 0) throw new UsageError('verify takes no arguments: use --sha.')
  const format = (values.format ?? 'text') as Format
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${format}").`)
  }
  const token = io.env.GITHUB_TOKEN ?? io.env.GH_TOKEN
  if (!token) throw new UsageError('verify reads GitHub: set GITHUB_TOKEN (or GH_TOKEN).')
  const repository = values.repo ?? io.env.GITHUB_REPOSITORY ?? ''
  const [owner, repo, ...extra] = repository.split('/')
  if (!owner || !repo || extra.length > 0) {
    throw new UsageError(
      `--repo must be OWNER/NAME (got "${repository}"); or set GITHUB_REPOSITORY.`
    )
  }
  // Loaded only here: Octokit is most of the bundle, and check, owners and init need none of it.
  const { createOctokit, deployedCommit, mergedCommitSource } =
    await import('./sources/github/index.js')
  const sha = deployedCommit('workflow_dispatch', {}, values.sha ?? '', io.env.GITHUB_SHA ?? '')
  const log = { warning: (message: string) => io.stderr(`warning: ${message}\n`) }
  const octokit = createOctokit(token, log, io.env.GITHUB_API_URL ?? 'https://api.github.com')
  const result = await gateDeployment(mergedCommitSource(octokit, { owner, repo }, sha, log), {
    configPath: values.config,
    checklists: [],
    today: new Date().toISOString().slice(0, 10),
    warning: log.warning
  })
  const { evaluations, findings, pullRequest } = result
  const verdict = verdictOf(evaluations, findings, { heading: 'Readiness Gate' })
  const record = signoffRecordOf({
    mode: 'deploy',
    toolVersion: packageJson.version,
    repository: `${owner}/${repo}`,
    configPath: values.config ?? CONFIG_PATH,
    verdict: { passed: verdict.passed, title: verdict.title },
    evaluations,
    pullRequest,
    evidence: result.evidence,
    sha
  })
  if (values.statement !== undefined) {
    const statement = toStatement(record, io.env.GITHUB_SERVER_URL ?? 'https://github.com')
    writeFileSync(resolve(io.cwd, values.statement), `${JSON.stringify(statement, null, 2)}\n`)
  }
  if (format === 'json') {
    const report = toJsonReport(
      evaluations,
      {
        toolVersion: packageJson.version,
        ...(pullRequest
          ? {
              pullRequest: {
                number: pullRequest.number,
                headSha: sha,
                baseSha: pullRequest.baseSha
              }
            }
          : {}),
        signoffRecord: record
      },
      findings
    )
    writeJson(report, io.stdout)
  } else if (format === 'markdown') {
    io.stdout(`${verdict.markdown(JOB_SUMMARY_MAX_BYTES)}\n${recordMarkdown(record)}`)
  } else {
    for (const finding of findings) io.stdout(`error ${finding.rule}: ${finding.message}\n`)
    if (evaluations.length > 0)
      io.stdout(toText(evaluations, { color: io.isTTY && !io.env.NO_COLOR, all: true }))
    io.stdout(
      `${verdict.title}${pullRequest ? ` (pull request #${pullRequest.number}, merged as ${sha.slice(0, 7)})` : ''}\n`
    )
  }
  return verdict.passed ? 0 : 1
}

function owners(argv: readonly string[], io: CliIo): number {
  const { values, positionals } = parse(argv, { codeowners: { type: 'string' } })
  if (positionals.length === 0) throw new UsageError('owners needs at least one PATH.')
  const root = repositoryRoot(io.cwd) ?? io.cwd
  const { codeowners } = readAuthority(
    { config: undefined, codeowners: values.codeowners },
    root,
    io
  )
  if (!codeowners) {
    throw new ConfigError(root, [
      {
        line: 1,
        column: 1,
        key: 'CODEOWNERS',
        message: `no CODEOWNERS file in ${root} (.github/, the root, or docs/): pass --codeowners F.`
      }
    ])
  }
  const paths = positionals.map(path => repositoryPath(root, resolve(io.cwd, path)))
  io.stdout(`${formatOwnersLines(codeowners, paths).join('\n')}\n`)
  return 0
}

/** Writes the starter files into the repository, never over an existing file. */
function init(argv: readonly string[], io: CliIo): number {
  const { values, positionals } = parse(argv, {
    template: { type: 'string' },
    owner: { type: 'string' }
  })
  if (positionals.length > 0) throw new UsageError('init takes no arguments.')
  const owner = values.owner === undefined ? undefined : `@${login(values.owner, '--owner', true)}`
  const root = repositoryRoot(io.cwd) ?? io.cwd
  const existingCodeowners = findCodeownersFile(path =>
    existsSync(resolve(root, path)) ? path : undefined
  )
  const template =
    values.template === undefined
      ? undefined
      : decodeChecklist(readInput(resolve(io.cwd, values.template), 'template'), values.template)
  const files = starterFiles({ template, owner, codeowners: existingCodeowners === undefined })
  const existing = files.filter(file => existsSync(resolve(root, file.path)))
  if (existing.length > 0) {
    throw new UsageError(
      `init would overwrite ${existing.map(file => file.path).join(', ')}: move them away or edit them by hand.`
    )
  }
  for (const file of files) {
    const target = resolve(root, file.path)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, file.text)
    io.stdout(
      `wrote ${file.path}${file.path === TEMPLATE_PATH && template !== undefined ? ` (from ${values.template})` : ''}\n`
    )
  }
  const who =
    existingCodeowners !== undefined
      ? `  - Who may sign: the code owners of the checklists in ${existingCodeowners.path}, or name them per role under roles: in .github/readiness-gate.yml.`
      : owner === undefined
        ? `  - Who may sign: replace @your-github-login in ${CODEOWNERS_PATH} with the people or team who sign releases; until then no sign-off can pass.`
        : `  - Who may sign: ${owner}, from ${CODEOWNERS_PATH}; add others there, or per role under roles: in .github/readiness-gate.yml.`
  io.stdout(
    [
      'Next:',
      who,
      '  - Copy the template to checklists/releases/<release>.md in a release pull request; a sign-off passes once its signer writes @login and the date, and approves the pull request.',
      '  - Require the "Readiness Gate" check in branch protection.',
      ''
    ].join('\n')
  )
  return 0
}

type Options = Record<string, { type: 'string' } | { type: 'boolean' }>

function parse<T extends Options>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
  } catch (error) {
    // Node's own wording for an unknown option runs on about positional arguments and '--'.
    const unknown = /^Unknown option '([^']*)'/.exec(error instanceof Error ? error.message : '')
    if (unknown) throw new UsageError(`unknown option "${unknown[1]}".`)
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

/** `--approved-by a,@b` stands for approvals of the head commit; absent, nothing is verified. */
function approvals(list: string | undefined): ReadonlyMap<string, Review> | undefined {
  if (list === undefined) return undefined
  const reviews = new Map<string, Review>()
  for (const entry of list.split(/[\s,]+/).filter(Boolean)) {
    const name = login(entry, '--approved-by')
    reviews.set(normaliseLogin(name), {
      login: name,
      state: 'APPROVED',
      onHead: true,
      checklistUnchanged: true
    })
  }
  return reviews
}

function login(value: string, flag: string, orTeam = false): string {
  const name = value.replace(/^@/, '')
  if (!isLogin(name) && !(orTeam && isTeam(`@${name}`))) {
    throw new UsageError(`${flag}: "${value}" is not a GitHub login${orTeam ? ' or team' : ''}.`)
  }
  return name
}

/**
 * The configuration and CODEOWNERS named by flags, or those in the repository where GitHub
 * would look for them (a configuration is optional: without one, the defaults).
 */
function readAuthority(
  flags: { config: string | undefined; codeowners: string | undefined },
  root: string,
  io: CliIo,
  codeownersPaths?: readonly string[]
): Authority {
  const text = (file: string, what: string, name: string) => decodeText(readInput(file, what), name)
  // A plain file's folder has no configuration of its own: --config or the defaults.
  const configFile =
    flags.config !== undefined
      ? resolve(io.cwd, flags.config)
      : codeownersPaths === undefined
        ? resolve(root, CONFIG_PATH)
        : ''
  const configSource = flags.config ?? CONFIG_PATH
  const codeowners =
    flags.codeowners !== undefined
      ? {
          path: flags.codeowners,
          text: text(resolve(io.cwd, flags.codeowners), 'CODEOWNERS', flags.codeowners)
        }
      : codeownersPaths !== undefined
        ? codeownersPaths
            .filter(path => existsSync(resolve(root, path)))
            .map(path => ({ path, text: text(resolve(root, path), 'CODEOWNERS', path) }))[0]
        : findCodeownersFile(path => {
            const file = resolve(root, path)
            return existsSync(file) ? text(file, 'CODEOWNERS', path) : undefined
          })
  return authorityFrom(
    {
      config:
        flags.config === undefined && (configFile === '' || !existsSync(configFile))
          ? undefined
          : { text: text(configFile, 'configuration', configSource), source: configSource },
      codeowners
    },
    message => io.stderr(`warning: ${message}\n`)
  )
}

/** Paths as GitHub sees them: relative to the repository's root, with forward slashes. */
function repositoryPath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/')
}
