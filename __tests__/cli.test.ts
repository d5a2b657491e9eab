import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Ajv } from 'ajv'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { runCli } from '../src/cli.js'
import { loadConfig } from '../src/config/index.js'
import reportSchema from '../src/report/report.schema.json' with { type: 'json' }
import { COMPLETE, CONFIG_YAML, defect, lineOf } from './helpers/checklist.js'
import { sharedFiles } from './helpers/cmark.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const EXAMPLE = [
  'check',
  'checklists/examples/release-2026.11.md',
  '--config',
  'checklists/examples/readiness-gate.yml',
  '--codeowners',
  'checklists/examples/CODEOWNERS',
  '--approved-by',
  'alice,bob,carol,dave,erin,frank',
  '--author',
  'octo-dev',
  '--today',
  '2026-11-20'
]
const SIGN = ['--approved-by', 'alice,bob,@carol,dave,frank', '--author', 'octo-dev']
const TODAY = ['--today', '2026-11-20']
/** A line of a stack trace, which a user must never see. */
const STACK = /^\s+at .+[:(]\d+/m

async function cli(argv: string[], cwd = ROOT) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: text => void (stdout += text),
    stderr: text => void (stderr += text),
    cwd,
    env: {},
    isTTY: false
  })
  return { code, stdout, stderr }
}

let dir: string
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name)
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, content)
  return path
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'readiness-gate-cli-'))
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  rmSync(`${dir}-elsewhere.md`, { force: true })
})

describe('readiness-gate check', () => {
  it('exits 0 on the bundled example, which passes', async () => {
    const { code, stdout, stderr } = await cli(EXAMPLE)
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/pass/i)
  })

  it('exits 0 on a complete checklist and 1 with one defect, naming the rule and line', async () => {
    const config = file('config.yml', CONFIG_YAML)
    const owners = file('CODEOWNERS', '* @alice @bob @carol @dave @frank\n')
    const args = ['--config', config, '--codeowners', owners, ...SIGN, ...TODAY]
    const good = file('good.md', COMPLETE)
    expect((await cli(['check', good, ...args], dir)).code).toBe(0)

    const text = defect('RTO measured: 95 seconds', 'RTO measured: 125 seconds')
    const bad = file('bad.md', text)
    const { code, stdout } = await cli(['check', bad, ...args, '--all'], dir)
    expect(code).toBe(1)
    expect(stdout).toContain('target-missed')
    expect(stdout).toContain(String(lineOf(text, 'RTO measured')))
  })

  it('without --approved-by no sign-off can pass', async () => {
    const config = file('config.yml', CONFIG_YAML)
    const good = file('good.md', COMPLETE)
    const { code, stdout } = await cli(['check', good, '--config', config, ...TODAY], dir)
    expect(code).toBe(1)
    expect(stdout).toMatch(/@alice: approval not verified, for SRE/)
    expect(stdout).toContain('pass --approved-by LOGIN')
    expect(
      (await cli(['check', good, '--config', config, ...TODAY, '--all'], dir)).stdout
    ).toContain('signoff-approval-unverified')
  })

  it('--format json is a report valid against report.schema.json', async () => {
    const { code, stdout } = await cli([...EXAMPLE, '--format', 'json'])
    expect(code).toBe(0)
    const report = JSON.parse(stdout)
    const ajv = new Ajv({ allErrors: true, strict: false })
    const validate = ajv.compile(reportSchema)
    expect(validate(report), ajv.errorsText(validate.errors)).toBe(true)
    const [checklist] = report.checklists
    expect(checklist).toMatchObject({
      path: 'checklists/examples/release-2026.11.md',
      passed: true
    })
    for (const key of ['items', 'sections', 'signoffs', 'fields', 'findings']) {
      expect(checklist).toHaveProperty(key)
    }
  })

  it('--format json of a failing checklist lists its findings, each with rule and line', async () => {
    const config = file('config.yml', CONFIG_YAML)
    const bad = file('bad.md', defect('DBA: @carol', 'DBA: Carol'))
    const { code, stdout } = await cli(
      ['check', bad, '--config', config, ...SIGN, ...TODAY, '--format', 'json'],
      dir
    )
    expect(code).toBe(1)
    const findings = JSON.parse(stdout).checklists[0].findings
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'signoff-not-a-login', line: lineOf(COMPLETE, 'DBA:') })
    )
  })

  it('--format markdown writes Markdown tables', async () => {
    const { code, stdout } = await cli([...EXAMPLE, '--format', 'markdown'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^\|.*\|$/m)
    expect(stdout).toMatch(/^\| *[-:]+ *\|/m)
  })
})

describe('help and version', () => {
  it('--help prints the usage and exits 0', async () => {
    const { code, stdout } = await cli(['--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('readiness-gate check FILE...')
  })
})

describe('readiness-gate owners', () => {
  it('prints the owners of each path, one line each', async () => {
    const { code, stdout } = await cli([
      'owners',
      'checklists/examples/release-2026.11.md',
      'checklists/templates/deployment-readiness.md',
      '--codeowners',
      'checklists/examples/CODEOWNERS'
    ])
    expect(code).toBe(0)
    const lines = stdout.trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/release-2026\.11\.md.*@alice.*@frank/)
    expect(lines[1]).toMatch(/deployment-readiness\.md.*@alice.*@bob/)
    expect(lines[1]).not.toContain('@frank')
  })
})

describe('bad input: exit 2 and a short message, never a stack trace', () => {
  /** One paragraph, no stack. */
  const expectUsageExit = (result: { code: number; stdout: string; stderr: string }) => {
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/^readiness-gate: \S/)
    expect(result.stderr).not.toMatch(STACK)
    expect(result.stderr.trim()).not.toContain('\n\n')
    return result.stderr
  }

  const cases: [name: string, argv: () => string[], message: RegExp][] = [
    ['an empty file', () => ['check', file('empty.md', '')], /empty/],
    ['a file of blank lines', () => ['check', file('blank.md', '\n  \n\n')], /empty/],
    [
      'a binary file',
      () => ['check', file('image.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]))],
      /binary/
    ],
    [
      'a file that is not UTF-8',
      () => ['check', file('latin1.md', new Uint8Array([0x2d, 0x20, 0x5b, 0x20, 0x5d, 0xe9]))],
      /UTF-8/
    ],
    ['a file that does not exist', () => ['check', join(dir, 'nope.md')], /does not exist/],
    ['a directory', () => ['check', dir], /directory/],
    [
      'invalid YAML configuration',
      () => ['check', file('ok.md', COMPLETE), '--config', file('bad.yml', 'roles: [\n  - a\n')],
      /bad\.yml/
    ],
    [
      'a configuration that breaks the schema',
      () => [
        'check',
        file('ok.md', COMPLETE),
        '--config',
        file('schema.yml', 'signoffs:\n  freshness: sometimes\n')
      ],
      /freshness/
    ],
    [
      'a configuration that does not exist',
      () => ['check', file('ok.md', COMPLETE), '--config', join(dir, 'missing.yml')],
      /does not exist/
    ],
    [
      'an unknown flag',
      () => ['check', file('ok.md', COMPLETE), '--frobnicate'],
      /^readiness-gate: unknown option "--frobnicate"\.\nRun "readiness-gate --help" for usage\.\n$/
    ],
    ['a flag without its value', () => ['check', file('ok.md', COMPLETE), '--config'], /--config/],
    ['an unknown command', () => ['frobnicate'], /unknown command/],
    ['no command', () => [], /no command/],
    ['check without a file', () => ['check'], /FILE/],
    ['a bad --today', () => ['check', file('ok.md', COMPLETE), '--today', '2026-02-30'], /--today/],
    ['a bad --format', () => ['check', file('ok.md', COMPLETE), '--format', 'yaml'], /--format/],
    [
      'a bad --approved-by login',
      () => ['check', file('ok.md', COMPLETE), '--approved-by', 'not a login!'],
      /--approved-by/
    ],
    [
      'a binary --codeowners file',
      () => [
        'check',
        file('ok.md', COMPLETE),
        '--codeowners',
        file('CODEOWNERS.bin', new Uint8Array([0x2a, 0x20, 0x40, 0x61, 0, 0x0a]))
      ],
      /CODEOWNERS\.bin: is a binary file/
    ],
    [
      'a --config file that is not UTF-8',
      () => [
        'check',
        file('ok.md', COMPLETE),
        '--config',
        file('latin1.yml', new Uint8Array([0x61, 0x3a, 0x20, 0xe9, 0x0a]))
      ],
      /latin1\.yml: is not valid UTF-8/
    ],
    [
      'a --base outside a git repository',
      () => ['check', file('ok.md', COMPLETE), '--base', 'main'],
      /--base/
    ]
  ]

  for (const [name, argv, message] of cases) {
    it(name, async () => {
      const first = expectUsageExit(await cli(argv(), dir))
      expect(first).toMatch(message)
      expect(first.trim().split('\n').length).toBeLessThanOrEqual(3)
    })
  }
})

describe('--base and CODEOWNERS from a git repository', () => {
  const git = (repo: string, ...args: string[]) =>
    execFileSync('git', args, {
      cwd: repo,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com'
      }
    })

  let repo: string
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'readiness-gate-repo-'))
    git(repo, 'init', '-q', '-b', 'main')
    mkdirSync(join(repo, '.github'))
    mkdirSync(join(repo, 'checklists'))
    writeFileSync(join(repo, '.github', 'readiness-gate.yml'), CONFIG_YAML)
    writeFileSync(join(repo, '.github', 'CODEOWNERS'), '/checklists/ @dave @alice @bob\n')
    writeFileSync(join(repo, 'checklists', 'release.md'), COMPLETE)
    git(repo, 'add', '.')
    git(repo, 'commit', '-q', '-m', 'base')
  })
  afterAll(() => rmSync(repo, { recursive: true, force: true }))

  it('reports the tamper check against the base commit', async () => {
    const head = defect('(90% required)', '(50% required)', defect('- [x] Secrets rotated\n', ''))
    writeFileSync(join(repo, 'checklists', 'release.md'), head)
    const { code, stdout } = await cli(
      ['check', 'checklists/release.md', '--base', 'main', ...SIGN, ...TODAY, '--format', 'json'],
      repo
    )
    expect(code).toBe(1)
    const rules = JSON.parse(stdout).checklists[0].findings.map(
      (f: { rule: string; line: number }) => `${f.rule}@${f.line}`
    )
    const heading = lineOf(head, '(50% required)')
    expect(rules).toContain(`integrity-item-removed@${heading}`)
    expect(rules).toContain(`integrity-threshold-lowered@${heading}`)
  })

  it('a checklist new since the base is checked against its configured template', async () => {
    const config = `${CONFIG_YAML}\ntemplates: { "checklists/new-*.md": "checklists/release.md" }\n`
    writeFileSync(join(repo, 'release-gate.yml'), config)
    writeFileSync(join(repo, 'checklists', 'new-2026.md'), defect('- [x] Secrets rotated\n', ''))
    const { code, stdout } = await cli(
      [
        'check',
        'checklists/new-2026.md',
        '--config',
        'release-gate.yml',
        '--base',
        'main',
        ...SIGN,
        ...TODAY,
        '--all'
      ],
      repo
    )
    expect(code).toBe(1)
    expect(stdout).toMatch(/error integrity-item-removed: The item "Secrets rotated"/)
  })

  it('a checklist new since the base with no template configured fails: integrity-no-template', async () => {
    writeFileSync(join(repo, 'checklists', 'untemplated.md'), COMPLETE)
    const { code, stdout } = await cli(
      [
        'check',
        'checklists/untemplated.md',
        '--base',
        'main',
        ...SIGN,
        ...TODAY,
        '--format',
        'json'
      ],
      repo
    )
    expect(code).toBe(1)
    const [checklist] = JSON.parse(stdout).checklists
    expect(checklist.passed).toBe(false)
    expect(checklist.findings[0]).toMatchObject({
      rule: 'integrity-no-template',
      severity: 'error',
      line: 1
    })
    expect(checklist.findings[0].message).toMatch(/add `templates:` to the configuration/)
  })

  it('a base REF that is not a commit is a usage error', async () => {
    const { code, stderr } = await cli(['check', 'checklists/release.md', '--base', 'nope'], repo)
    expect(code).toBe(2)
    expect(stderr).toMatch(/--base: "nope" is not a commit/)
  })

  it('without --codeowners, uses .github/CODEOWNERS of the repository', async () => {
    writeFileSync(join(repo, 'checklists', 'release.md'), COMPLETE)
    // Security Team Lead falls back to CODEOWNERS: @dave is there, @frank is not.
    const signedByFrank = defect('Security Team Lead: @dave', 'Security Team Lead: @frank')
    writeFileSync(join(repo, 'checklists', 'other.md'), signedByFrank)
    const passing = await cli(['check', 'checklists/release.md', ...SIGN, ...TODAY], repo)
    expect(passing.stderr).toBe('')
    expect(passing.stdout).not.toContain('signoff-not-authorized')
    const failing = await cli(
      ['check', 'checklists/other.md', ...SIGN, ...TODAY, '--format', 'json'],
      repo
    )
    const findings = JSON.parse(failing.stdout).checklists[0].findings
    const line = lineOf(signedByFrank, 'Security Team Lead:')
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'signoff-not-authorized', line })
    )
    expect(passing.code).toBe(0)
    expect(failing.code).toBe(1)
  })

  it('a checklist outside the repository is checked as a plain file, with the CODEOWNERS beside it', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'readiness-gate-plain-'))
    try {
      writeFileSync(join(outside, 'release.md'), COMPLETE)
      writeFileSync(join(outside, 'CODEOWNERS'), '* @alice @bob @carol @dave @frank\n')
      const args = [
        'check',
        'checklists/release.md',
        join(outside, 'release.md'),
        ...SIGN,
        ...TODAY
      ]
      const { code, stderr, stdout } = await cli([...args, '--format', 'json'], repo)
      expect(stderr).toBe('')
      const report = JSON.parse(stdout) as { checklists: { path: string; passed: boolean }[] }
      expect(report.checklists.map(checklist => [checklist.path, checklist.passed])).toEqual([
        ['checklists/release.md', true],
        ['release.md', true]
      ])
      expect(code).toBe(0)
      const text = await cli(args, repo)
      expect(text.stdout).toMatch(/release\.md: checked as a plain file \(no base/)
      // --base compares with a commit, which a plain file has not.
      expect((await cli([...args, '--base', 'main'], repo)).code).toBe(2)
    } finally {
      rmSync(outside, { recursive: true, force: true })
    }
  })

  it('a checklist that is a directory at the base, or that git cannot read there, is an error, not new', async () => {
    const other = mkdtempSync(join(tmpdir(), 'readiness-gate-broken-'))
    try {
      git(other, 'init', '-q', '-b', 'main')
      mkdirSync(join(other, 'checklists', 'dir.md'), { recursive: true })
      writeFileSync(join(other, 'checklists', 'dir.md', 'x'), 'x\n')
      writeFileSync(join(other, 'checklists', 'gone.md'), '# gone\n- [x] a\n')
      git(other, 'add', '.')
      git(other, 'commit', '-q', '-m', 'base')
      // Lose the blob of gone.md, as a broken clone would.
      const blob = git(other, 'rev-parse', 'HEAD:checklists/gone.md').trim()
      rmSync(join(other, '.git', 'objects', blob.slice(0, 2), blob.slice(2)))
      rmSync(join(other, 'checklists', 'dir.md'), { recursive: true })
      writeFileSync(join(other, 'checklists', 'dir.md'), COMPLETE)
      writeFileSync(join(other, 'checklists', 'gone.md'), COMPLETE)

      const dirAtBase = await cli(['check', 'checklists/dir.md', '--base', 'main'], other)
      expect(dirAtBase.code).toBe(2)
      expect(dirAtBase.stderr).toMatch(/checklists\/dir\.md at main is a tree, not a file/)
      const unreadable = await cli(['check', 'checklists/gone.md', '--base', 'main'], other)
      expect(unreadable.code).toBe(2)
      expect(unreadable.stderr).toMatch(/git could not read checklists\/gone\.md at main/)
      expect(unreadable.stderr).not.toMatch(STACK)
    } finally {
      rmSync(other, { recursive: true, force: true })
    }
  })

  it('owners reads .github/CODEOWNERS from the working directory', async () => {
    const { code, stdout } = await cli(['owners', 'checklists/release.md'], repo)
    expect(code).toBe(0)
    expect(stdout).toMatch(/checklists\/release\.md.*@dave.*@alice.*@bob/)
  })
})

describe('the real command, as a process', () => {
  // The committed bundle that package.json's bin installs, as `npm run example` runs it.
  const bin = (argv: string[]) =>
    spawnSync(process.execPath, ['dist/cli/index.js', ...argv], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' }
    })

  it('exits 0 on the example and 2 on a missing file, without a stack trace', () => {
    const ok = bin(EXAMPLE)
    expect(ok.stderr).toBe('')
    expect(ok.status).toBe(0)
    const missing = bin(['check', 'no/such/checklist.md'])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toMatch(/does not exist/)
    expect(missing.stderr).not.toMatch(STACK)
  })

  it('exits 1 when the gate fails', () => {
    const failing = bin(EXAMPLE.filter(arg => arg !== '--approved-by' && !arg.includes(',')))
    expect(failing.status).toBe(1)
  })
})

describe('init', () => {
  it('writes a valid configuration, the template and a workflow, and never overwrites them', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'readiness-gate-init-'))
    try {
      const first = await cli(['init'], repo)
      expect(first.code).toBe(0)
      expect(first.stdout).toContain('wrote .github/readiness-gate.yml')
      const config = readFileSync(join(repo, '.github', 'readiness-gate.yml'), 'utf8')
      expect(loadConfig(config, '.github/readiness-gate.yml').templates).toEqual({
        'checklists/releases/**/*.md': 'checklists/templates/deployment-readiness.md'
      })
      expect(
        readFileSync(join(repo, 'checklists/templates/deployment-readiness.md'), 'utf8')
      ).toContain('(Must Pass 100%)')
      const workflow = parseYaml(
        readFileSync(join(repo, '.github/workflows/readiness-gate.yml'), 'utf8')
      ) as Record<string, unknown>
      // The same triggers and concurrency as the workflow the README gives to copy.
      const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
      const block = /```yaml\n# \.github\/workflows\/readiness-gate\.yml\n([\s\S]*?)```/.exec(
        readme
      )
      const documented = parseYaml(block![1]!) as Record<string, unknown>
      expect(workflow.on).toEqual(documented.on)
      expect(workflow.concurrency).toEqual(documented.concurrency)
      expect(workflow).toMatchObject({
        on: {
          pull_request_target: { types: ['opened', 'synchronize', 'reopened', 'edited'] },
          pull_request_review: { types: ['submitted', 'dismissed'] },
          merge_group: null
        },
        concurrency: {
          group:
            'readiness-gate-${{ github.event.pull_request.number || github.event.merge_group.head_ref }}',
          'cancel-in-progress': true
        },
        permissions: { contents: 'read', 'pull-requests': 'write', checks: 'write' }
      })

      // A CODEOWNERS stub, so that a first sign-off has someone who may give it.
      expect(readFileSync(join(repo, '.github', 'CODEOWNERS'), 'utf8')).toMatch(
        /^\/checklists\/ @your-github-login$/m
      )
      expect(first.stdout).toMatch(
        /Next:\n {2}- Who may sign: replace @your-github-login in \.github\/CODEOWNERS/
      )

      const again = await cli(['init'], repo)
      expect(again.code).toBe(2)
      expect(again.stderr).toMatch(/would overwrite \.github\/readiness-gate\.yml/)
    } finally {
      rmSync(repo, { recursive: true, force: true })
    }
  })
})

describe('init with a team of its own', () => {
  it('adopts a checklist as the template, names the owner, and leaves an existing CODEOWNERS alone', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'readiness-gate-init-'))
    try {
      const ours = join(repo, 'our-checklist.md')
      writeFileSync(ours, COMPLETE)
      const first = await cli(['init', '--template', ours, '--owner', '@acme/release'], repo)
      expect(first.code).toBe(0)
      expect(readFileSync(join(repo, 'checklists/templates/deployment-readiness.md'), 'utf8')).toBe(
        COMPLETE
      )
      expect(readFileSync(join(repo, '.github', 'CODEOWNERS'), 'utf8')).toMatch(
        /^\/checklists\/ @acme\/release$/m
      )
      expect(first.stdout).toContain('Who may sign: @acme/release, from .github/CODEOWNERS')

      const other = mkdtempSync(join(tmpdir(), 'readiness-gate-init-'))
      try {
        writeFileSync(join(other, 'CODEOWNERS'), '* @alice\n')
        const second = await cli(['init'], other)
        expect(second.code).toBe(0)
        expect(second.stdout).not.toContain('wrote .github/CODEOWNERS')
        expect(second.stdout).toContain('the code owners of the checklists in CODEOWNERS')
      } finally {
        rmSync(other, { recursive: true, force: true })
      }
    } finally {
      rmSync(repo, { recursive: true, force: true })
    }
  })
})

describe('one screen by default', () => {
  const seeds = sharedFiles(
    process.env.SEEDS_DIR === undefined
      ? new URL('../../shared/seeds/', import.meta.url)
      : pathToFileURL(`${process.env.SEEDS_DIR}/`),
    () => true
  )
  const files = [join(ROOT, 'checklists/templates/deployment-readiness.md'), ...seeds]

  it.each(files)('%s: at most 60 lines, what is left first, what to do next last', async path => {
    const { stdout, code } = await cli(['check', path, ...TODAY])
    expect(code).toBe(1)
    const lines = stdout.trimEnd().split('\n')
    expect(lines.length).toBeLessThanOrEqual(60)
    expect(lines[0]).toMatch(/: not ready: /)
    expect(lines[2]).toBe("What's left:")
    expect(lines.slice(-4).join('\n')).toMatch(/Next:\n(.|\n)*--all lists every finding/)
    const all = await cli(['check', path, ...TODAY, '--all'])
    expect(all.stdout.split('\n').length).toBeGreaterThan(lines.length)
  })
})
