import { describe, expect, it } from 'vitest'
import {
  CODEOWNERS_LOCATIONS,
  expandOwners,
  findCodeownersFile,
  formatOwnersLines,
  isTeam,
  MAX_PATTERN_LENGTH,
  MAX_WILDCARDS_PER_PATTERN,
  normaliseLogin,
  ownerKind,
  ownersOf,
  parseCodeowners,
  type TeamMembers
} from '../src/owners/index.js'
import { elapsedMs, HANG_GUARD_MS } from './helpers/guard.js'

/** Owners of each path under a CODEOWNERS text, for compact expectations. */
function owners(codeowners: string, ...paths: string[]): Record<string, string> {
  const parsed = parseCodeowners(codeowners)
  return Object.fromEntries(paths.map(path => [path, ownersOf(parsed, path).owners.join(' ')]))
}

function matches(pattern: string, path: string): boolean {
  return ownersOf(parseCodeowners(`${pattern} @owner`), path).owners.length > 0
}

describe('finding the CODEOWNERS file', () => {
  const reader =
    (files: Record<string, string>) =>
    (path: string): string | undefined =>
      files[path]

  it('looks in .github/, then the root, then docs/, as GitHub does', () => {
    expect(CODEOWNERS_LOCATIONS).toEqual(['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'])
  })

  it('uses the first one found and ignores the others', () => {
    const all = { '.github/CODEOWNERS': 'a', CODEOWNERS: 'b', 'docs/CODEOWNERS': 'c' }
    expect(findCodeownersFile(reader(all))).toEqual({ path: '.github/CODEOWNERS', text: 'a' })
    expect(findCodeownersFile(reader({ CODEOWNERS: 'b', 'docs/CODEOWNERS': 'c' }))).toEqual({
      path: 'CODEOWNERS',
      text: 'b'
    })
    expect(findCodeownersFile(reader({ 'docs/CODEOWNERS': 'c' }))?.path).toBe('docs/CODEOWNERS')
  })

  it('lets an empty .github/CODEOWNERS win: it exists, so it is the one GitHub uses', () => {
    const found = findCodeownersFile(reader({ '.github/CODEOWNERS': '', CODEOWNERS: '* @a' }))
    expect(found).toEqual({ path: '.github/CODEOWNERS', text: '' })
  })

  it('returns undefined when there is none', () => {
    expect(findCodeownersFile(reader({ 'src/CODEOWNERS': '* @a' }))).toBeUndefined()
  })
})

describe("GitHub's documented example", () => {
  // The example file from "About code owners", with its comments shortened.
  const example = [
    '# This is a comment.',
    '*       @global-owner1 @global-owner2',
    '*.js    @js-owner #This is an inline comment.',
    '*.go docs@example.com',
    '*.txt @octo-org/octocats',
    '/build/logs/ @doctocat',
    'docs/*  docs@example.com',
    'apps/ @octocat',
    '/docs/ @doctocat',
    '/scripts/ @doctocat @octocat',
    '**/logs @octocat',
    '/apps/ @octocat',
    '/apps/github'
  ].join('\n')

  it('parses every line without problems', () => {
    const parsed = parseCodeowners(example)
    expect(parsed.problems).toEqual([])
    expect(parsed.rules.map(rule => rule.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])
    expect(parsed.rules[1]).toMatchObject({ pattern: '*.js', owners: ['@js-owner'], line: 3 })
    expect(parsed.rules[11]).toMatchObject({ pattern: '/apps/github', owners: [], line: 13 })
  })

  it('gives each path the owners its comments describe', () => {
    expect(
      owners(
        example,
        'README.md',
        'src/index.js',
        'main.go',
        'notes/todo.txt',
        'build/logs/app.log',
        'docs/getting-started.md',
        'docs/build-app/troubleshooting.md',
        'deeply/nested/logs/x.log',
        'scripts/deploy.sh',
        'apps/web/index.ts',
        'apps/github/index.ts'
      )
    ).toEqual({
      'README.md': '@global-owner1 @global-owner2',
      'src/index.js': '@js-owner',
      'main.go': 'docs@example.com',
      'notes/todo.txt': '@octo-org/octocats',
      'build/logs/app.log': '@octocat', // `**/logs` comes later than `/build/logs/`
      // `/docs/` (line 9) is later than `docs/*` (line 7), so it decides both.
      'docs/getting-started.md': '@doctocat',
      'docs/build-app/troubleshooting.md': '@doctocat',
      'deeply/nested/logs/x.log': '@octocat',
      'scripts/deploy.sh': '@doctocat @octocat',
      'apps/web/index.ts': '@octocat',
      'apps/github/index.ts': '' // "its owners are left empty"
    })
  })
})

describe('precedence', () => {
  it('lets the last matching line win, not the most specific one', () => {
    const text = ['/docs/guide.md @first', 'docs/ @second', '*.md @third'].join('\n')
    expect(ownersOf(parseCodeowners(text), 'docs/guide.md')).toEqual({
      owners: ['@third'],
      line: 3
    })
  })

  it('lets a line without owners take ownership away from earlier lines', () => {
    const parsed = parseCodeowners(
      ['* @everyone', '/generated/', '/generated/keep.md @keeper'].join('\n')
    )
    expect(ownersOf(parsed, 'generated/out.js')).toEqual({ owners: [], line: 2 })
    expect(ownersOf(parsed, 'generated/keep.md')).toEqual({ owners: ['@keeper'], line: 3 })
    expect(ownersOf(parsed, 'src/a.ts')).toEqual({ owners: ['@everyone'], line: 1 })
  })

  it('reports no owners and no line when nothing matches', () => {
    expect(ownersOf(parseCodeowners('/src/ @dev'), 'docs/a.md')).toEqual({
      owners: [],
      line: undefined
    })
  })
})

describe('patterns', () => {
  it('`dir/*` matches files directly in dir, not in its sub-directories', () => {
    expect(matches('docs/*', 'docs/getting-started.md')).toBe(true)
    expect(matches('docs/*', 'docs/build-app/troubleshooting.md')).toBe(false)
    expect(matches('/*', 'README.md')).toBe(true)
    expect(matches('/*', 'src/index.ts')).toBe(false)
  })

  it('`dir/` matches everything below dir, at any depth', () => {
    expect(matches('docs/', 'docs/a.md')).toBe(true)
    expect(matches('docs/', 'docs/build-app/troubleshooting.md')).toBe(true)
    expect(matches('docs/', 'docs')).toBe(false) // a file called docs is not a directory
  })

  it('a pattern naming a directory also owns the files below it', () => {
    expect(matches('/apps/github', 'apps/github/src/x.ts')).toBe(true)
    expect(matches('/apps/github', 'apps/github')).toBe(true)
    expect(matches('/apps/git', 'apps/github/src/x.ts')).toBe(false)
  })

  it('anchors a pattern with a leading or middle slash at the root', () => {
    expect(matches('/build/logs/', 'build/logs/a.log')).toBe(true)
    expect(matches('/build/logs/', 'src/build/logs/a.log')).toBe(false)
    expect(matches('build/logs/', 'src/build/logs/a.log')).toBe(false)
    expect(matches('docs/guide.md', 'docs/guide.md')).toBe(true)
    expect(matches('docs/guide.md', 'site/docs/guide.md')).toBe(false)
  })

  it('lets a pattern without a slash (except a trailing one) match at any depth', () => {
    expect(matches('apps/', 'apps/a.ts')).toBe(true)
    expect(matches('apps/', 'services/apps/a.ts')).toBe(true)
    expect(matches('Makefile', 'Makefile')).toBe(true)
    expect(matches('Makefile', 'tools/build/Makefile')).toBe(true)
  })

  it('matches `*.md` at any depth, and `*` never crosses a slash', () => {
    expect(matches('*.md', 'README.md')).toBe(true)
    expect(matches('*.md', 'checklists/releases/2026/r1.md')).toBe(true)
    expect(matches('*.md', 'README.mdx')).toBe(false)
    expect(matches('docs/*.md', 'docs/a.md')).toBe(true)
    expect(matches('docs/*.md', 'docs/sub/a.md')).toBe(false)
    expect(matches('*', '.github/workflows/ci.yml')).toBe(true) // `*` matches dotfiles too
  })

  it('supports `**` before, between and after directories', () => {
    expect(matches('**/logs', 'logs/a.log')).toBe(true)
    expect(matches('**/logs', 'build/logs/a.log')).toBe(true)
    expect(matches('**/logs', 'deeply/nested/logs/a.log')).toBe(true)
    expect(matches('**/logs', 'catalogs/a.log')).toBe(false)

    expect(matches('docs/**/x.md', 'docs/x.md')).toBe(true)
    expect(matches('docs/**/x.md', 'docs/a/b/c/x.md')).toBe(true)
    expect(matches('docs/**/x.md', 'docs/a/b/c/y.md')).toBe(false)
    expect(matches('docs/**/x.md', 'site/docs/a/x.md')).toBe(false)

    expect(matches('a/**', 'a/b')).toBe(true)
    expect(matches('a/**', 'a/b/c/d')).toBe(true)
    expect(matches('a/**', 'b/a/c')).toBe(false)

    expect(matches('a/**/b/**/c', 'a/b/c')).toBe(true)
    expect(matches('a/**/b/**/c', 'a/x/b/y/z/c/file')).toBe(true)
    expect(matches('a/**/b/**/c', 'a/x/bb/c')).toBe(false)
  })

  it('matches a segment with several stars between two `**`', () => {
    // A public CODEOWNERS vector: brackets and `!` in a path are plain characters.
    expect(matches('/**/*x*/AB/**/CD/*', 'a/b/cxy/AB/[]/!!/CD/h')).toBe(true)
    expect(matches('/**/*x*/AB/**/CD/*', 'a/b/cyy/AB/[]/!!/CD/h')).toBe(false)
    expect(matches('**/*x*/**/*', 'AB/ax/x/a')).toBe(true)
    expect(matches('/*ax/**/*/*x*/**/*x*', 'ax/a/ax/ax')).toBe(true)
  })

  it('reads other runs of stars as a single `*`', () => {
    expect(matches('a**b', 'axxb')).toBe(true)
    expect(matches('a**b', 'ax/xb')).toBe(false)
    expect(matches('/src/***.ts', 'src/index.ts')).toBe(true)
  })

  it('treats `?` as exactly one character other than a slash', () => {
    expect(matches('v?.md', 'v1.md')).toBe(true)
    expect(matches('v?.md', 'v10.md')).toBe(false)
    expect(matches('a?b', 'a/b')).toBe(false)
  })

  it('matches several stars in one segment', () => {
    expect(matches('*release*notes*.md', 'docs/2026-release-notes-final.md')).toBe(true)
    expect(matches('*release*notes*.md', 'docs/2026-notes-release.md')).toBe(false)
    expect(matches('/a*b*c', 'abxbc')).toBe(true)
    expect(matches('/a*b*c', 'abcbd')).toBe(false)
  })

  it('is case-sensitive, as GitHub is', () => {
    expect(matches('/Docs/', 'docs/a.md')).toBe(false)
    expect(matches('*.MD', 'README.md')).toBe(false)
  })

  it('treats regex characters in patterns as plain text', () => {
    expect(matches('/a+b(c).md', 'a+b(c).md')).toBe(true)
    expect(matches('/a+b(c).md', 'aab(c)xmd')).toBe(false)
    expect(matches('/v{1,2}$', 'v{1,2}$')).toBe(true)
    expect(matches('/a\\*b', 'a*b')).toBe(true) // `\*` is a literal star
    expect(matches('/a\\*b', 'axb')).toBe(false)
  })

  it('matches brackets and `!` as plain characters, brackets escaped as GitHub requires', () => {
    expect(matches('/pages/users/\\[userId\\].js', 'pages/users/[userId].js')).toBe(true)
    expect(matches('/pages/users/\\[userId\\].js', 'pages/users/u.js')).toBe(false)
    expect(matches('/notes/!!/*', 'notes/!!/a.md')).toBe(true)
    expect(matches('/app/*!*', 'app/a!b')).toBe(true)
  })

  it('reads `\\ ` as a space in a path', () => {
    const parsed = parseCodeowners('/src/System\\ Application/ @platform')
    expect(parsed.problems).toEqual([])
    expect(ownersOf(parsed, 'src/System Application/app.al').owners).toEqual(['@platform'])
  })

  it('accepts paths written as ./x or /x', () => {
    const parsed = parseCodeowners('/docs/ @doc')
    expect(ownersOf(parsed, './docs/a.md').owners).toEqual(['@doc'])
    expect(ownersOf(parsed, '/docs/a.md').owners).toEqual(['@doc'])
  })
})

describe('comments and layout', () => {
  it('skips blank lines and comments, and ends a line at a word starting with #', () => {
    const parsed = parseCodeowners(
      [
        '# heading',
        '',
        '   ',
        '\t# indented comment',
        '*.js @js # reviewed weekly @not-an-owner'
      ].join('\n')
    )
    expect(parsed.problems).toEqual([])
    expect(parsed.rules).toMatchObject([{ pattern: '*.js', owners: ['@js'], line: 5 }])
  })

  it('keeps a # inside a pattern: only a word that starts with # is a comment', () => {
    expect(matches('issue#12.md', 'notes/issue#12.md')).toBe(true)
    expect(matches('/#private/', '#private/a.md')).toBe(true)
    expect(matches('**/#notes.md', 'a/#notes.md')).toBe(true)
  })

  it('counts lines the same with CRLF endings and a byte-order mark', () => {
    const parsed = parseCodeowners('\uFEFF# c\r\n\r\n/a/ @x\r\n')
    expect(parsed.rules).toMatchObject([{ pattern: '/a/', owners: ['@x'], line: 3 }])
  })

  it('separates owners by spaces or tabs', () => {
    expect(parseCodeowners('*\t@a\t\t@b  @c').rules[0]?.owners).toEqual(['@a', '@b', '@c'])
  })
})

describe('invalid lines', () => {
  const text = [
    '* @default', // 1
    '!docs/ @nobody', // 2
    'Python/ceval*.[ch] @core', // 3
    '\\#notes.md @notes', // 4
    '/ops/ alice', // 5
    '/ops/ @ops @org/team/extra', // 6
    '/tmp\\', // 7
    '/ @root', // 8
    '/valid/ @valid' // 9
  ].join('\n')
  const parsed = parseCodeowners(text, '.github/CODEOWNERS')

  it('skips each invalid line with a problem that names the file and line', () => {
    expect(parsed.problems.map(problem => problem.line)).toEqual([2, 3, 4, 5, 6, 7, 8])
    for (const problem of parsed.problems) {
      expect(problem.message).toMatch(new RegExp(`^\\.github/CODEOWNERS line ${problem.line}: `))
      expect(problem.message).toMatch(/GitHub skips this line\.$/)
    }
  })

  it('says what to fix', () => {
    const message = (line: number): string =>
      parsed.problems.find(problem => problem.line === line)?.message ?? ''
    expect(message(2)).toMatch(/negation with "!" does not work.*no owners/)
    expect(message(3)).toMatch(/"\[ \]" do not work.*"\*\.c" and "\*\.h"/)
    expect(message(3)).toMatch(/bracket in a path, escape it: "pages\/\\\[id\\\]\.js"/)
    expect(message(4)).toMatch(/escaping a leading "#".*Write "\*\*\/#notes\.md" instead/)
    expect(message(5)).toMatch(/owner "alice" is not a valid owner.*Did you mean "@alice"\?/)
    expect(message(6)).toMatch(/owner "@org\/team\/extra"/)
    expect(message(7)).toMatch(/lone "\\"/)
    expect(message(8)).toMatch(/names no path.*"\*"/)
  })

  it('still applies every other line', () => {
    expect(parsed.rules.map(rule => rule.line)).toEqual([1, 9])
    expect(ownersOf(parsed, 'docs/a.md').owners).toEqual(['@default']) // the `!` line is gone
    expect(ownersOf(parsed, 'ops/run.sh').owners).toEqual(['@default']) // whole line skipped, even `@ops`
    expect(ownersOf(parsed, 'valid/x').owners).toEqual(['@valid'])
  })

  it('loads nothing from a file of 3 MB or more, as GitHub does not load it', () => {
    const huge = '* @a\n'.repeat(Math.ceil((3 * 1024 * 1024) / 5))
    const result = parseCodeowners(huge)
    expect(result.rules).toEqual([])
    expect(result.problems).toEqual([
      { line: 1, message: expect.stringMatching(/3\.0 MB; GitHub does not load/) }
    ])
  })
})

describe('owners', () => {
  it('tells users, teams and emails apart, and rejects anything else', () => {
    expect(ownerKind('@alice')).toBe('user')
    expect(ownerKind('@octocat_acme')).toBe('user') // Enterprise Managed User
    expect(ownerKind('@octo-org/octocats')).toBe('team')
    expect(ownerKind('docs@example.com')).toBe('email')
    expect(ownerKind('alice')).toBeUndefined()
    expect(ownerKind('@')).toBeUndefined()
    expect(ownerKind('@-alice')).toBeUndefined()
    expect(isTeam('@octo-org/octocats')).toBe(true)
    expect(isTeam('@alice')).toBe(false)
  })

  it('keeps emails and teams as owners of a line', () => {
    const parsed = parseCodeowners('*.go docs@example.com @octo-org/go @gopher')
    expect(ownersOf(parsed, 'cmd/main.go').owners).toEqual([
      'docs@example.com',
      '@octo-org/go',
      '@gopher'
    ])
  })

  it('normalises logins and team slugs: GitHub ignores their case', () => {
    expect(normaliseLogin('@Alice')).toBe('alice')
    expect(normaliseLogin('alice')).toBe('alice')
    expect(normaliseLogin('@Acme/DBA')).toBe('acme/dba')
  })
})

describe('whether a login is one of the owners', () => {
  const teams: TeamMembers = new Map<string, ReadonlySet<string> | 'unreadable'>([
    ['acme/dba', new Set(['Carol', 'dave'])],
    ['acme/secret', 'unreadable']
  ])

  it('sorts the entries into users, teams and emails', () => {
    const expanded = expandOwners(['@Alice', '@Acme/DBA', 'ops@acme.example', '@alice'], teams)
    expect(expanded.users).toEqual(['alice'])
    expect(expanded.teams).toEqual(['acme/dba'])
    expect(expanded.emails).toEqual(['ops@acme.example'])
  })

  it('covers a listed user whatever the case of either side', () => {
    expect(expandOwners(['@Alice'], teams).covers('@ALICE')).toBe('yes')
    expect(expandOwners(['@alice'], teams).covers('Alice')).toBe('yes')
  })

  it('covers members of a team that could be read', () => {
    const expanded = expandOwners(['@acme/dba'], teams)
    expect(expanded.covers('carol')).toBe('yes')
    expect(expanded.covers('@Dave')).toBe('yes')
    expect(expanded.covers('erin')).toBe('no')
  })

  it("answers 'unknown' when only a team the token could not read might cover the login", () => {
    const expanded = expandOwners(['@alice', '@acme/secret'], teams)
    expect(expanded.covers('erin')).toBe('unknown')
    expect(expanded.covers('alice')).toBe('yes')
  })

  it("answers 'unknown' for a team that was never looked up", () => {
    expect(expandOwners(['@acme/unlisted'], teams).covers('erin')).toBe('unknown')
  })

  it('never lets an email cover a login: an email cannot be tied to a login', () => {
    expect(expandOwners(['alice@acme.example'], teams).covers('alice')).toBe('no')
  })

  it('covers no one when there are no owners', () => {
    expect(expandOwners([], teams).covers('alice')).toBe('no')
  })
})

describe('the `owners` command lines', () => {
  it('prints the owners and the deciding line, or "(no owners)"', () => {
    const parsed = parseCodeowners(
      ['* @acme/all', '/apps/ @octocat @acme/apps', '/apps/github'].join('\n')
    )
    expect(formatOwnersLines(parsed, ['README.md', 'apps/web/a.ts', 'apps/github/b.ts'])).toEqual([
      'README.md  @acme/all  (CODEOWNERS line 1)',
      'apps/web/a.ts  @octocat @acme/apps  (CODEOWNERS line 2)',
      'apps/github/b.ts  (no owners)'
    ])
    expect(formatOwnersLines(parseCodeowners(''), ['x'])).toEqual(['x  (no owners)'])
  })
})

describe('performance', () => {
  const fast = elapsedMs

  it('parses and matches a 10,000-rule file quickly', () => {
    const text = Array.from(
      { length: 10_000 },
      (_, i) => `/services/svc-${i}/**/*.md @team-${i}`
    ).join('\n')
    let parsed = parseCodeowners('')
    const elapsed = fast(() => {
      parsed = parseCodeowners(text)
      for (let i = 0; i < 100; i++) ownersOf(parsed, `services/svc-${i * 97}/docs/deep/readme.md`)
    })
    expect(parsed.rules).toHaveLength(10_000)
    expect(ownersOf(parsed, 'services/svc-9999/a/b/c.md')).toEqual({
      owners: ['@team-9999'],
      line: 10_000
    })
    expect(elapsed).toBeLessThan(HANG_GUARD_MS)
  })

  it('skips a 100 KB path-like line quickly, and keeps the rest of the file', () => {
    const deepPath = Array.from({ length: 25_000 }, () => 'dir').join('/') // ~100 KB
    const text = [
      `/${deepPath}/ @deep`,
      `${'**/a/'.repeat(20_000)}x @globstars`,
      '*.md @docs'
    ].join('\n')
    let parsed = parseCodeowners('')
    const elapsed = fast(() => {
      parsed = parseCodeowners(text)
      ownersOf(parsed, `${deepPath}/file.md`)
    })
    expect(parsed.problems).toMatchObject([
      { line: 1, message: expect.stringMatching(/at most 4096 are supported/) },
      { line: 2, message: expect.stringMatching(/at most 4096 are supported/) }
    ])
    expect(ownersOf(parsed, `${deepPath}/file.md`)).toEqual({ owners: ['@docs'], line: 3 })
    expect(elapsed).toBeLessThan(HANG_GUARD_MS)
  })

  it('matches the longest, most wildcard-heavy pattern it accepts quickly', () => {
    const segment = '*a*a*a*a*a*a*a*a*a*b' // 10 wildcards
    const pattern = `/${Array.from({ length: MAX_WILDCARDS_PER_PATTERN / 10 }, () => segment).join('/')}`
    const padded = `${pattern}/${'x'.repeat(MAX_PATTERN_LENGTH - pattern.length - 1)}`
    const parsed = parseCodeowners(`${padded} @heavy`)
    expect(parsed.problems).toEqual([])
    const path = Array.from({ length: 10 }, () => 'a'.repeat(10_000)).join('/')
    const elapsed = fast(() => ownersOf(parsed, path))
    expect(ownersOf(parsed, path).owners).toEqual([])
    expect(elapsed).toBeLessThan(HANG_GUARD_MS)
  })

  it('matches 100 KB paths without backtracking blow-ups', () => {
    const patterns = [
      '*a*a*a*a*a*a*b',
      '**/a/**/a/**/a/**/a/**/b',
      '/a*/**/a*a/**/?a*b/**/c',
      'a*a*a*b/',
      '**/*.md'
    ]
    const parsed = parseCodeowners(patterns.map(pattern => `${pattern} @x`).join('\n'))
    expect(parsed.problems).toEqual([])
    const paths = [
      'a'.repeat(100_000),
      'a/'.repeat(50_000) + 'c',
      `${'a'.repeat(50_000)}/${'a'.repeat(50_000)}x`
    ]
    const elapsed = fast(() => {
      for (const path of paths) ownersOf(parsed, path)
    })
    for (const path of paths) expect(ownersOf(parsed, path).owners).toEqual([])
    expect(elapsed).toBeLessThan(HANG_GUARD_MS)
  })
})
