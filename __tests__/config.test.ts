import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import {
  CONFIG_PATH,
  ConfigError,
  DEFAULT_CONFIG,
  FRESHNESS,
  loadConfig,
  WAIVERS,
  type ConfigProblem
} from '../src/config/index.js'
import { OWNER_PATTERN } from '../src/config/messages.js'
import schema from '../src/config/schema.json' with { type: 'json' }
import { OWNER } from '../src/owners/index.js'

/** The problems loadConfig reports for a file; fails the test when it loads. */
function problemsIn(text: string): ConfigProblem[] {
  try {
    loadConfig(text, CONFIG_PATH)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as ConfigError).problems
  }
  throw new Error('expected a ConfigError, but the configuration loaded')
}

/** The only problem reported for a file. */
function onlyProblemIn(text: string): ConfigProblem {
  const problems = problemsIn(text)
  expect(problems).toHaveLength(1)
  return problems[0]!
}

describe('loadConfig: defaults', () => {
  it.each([
    ['an empty file', ''],
    ['only comments', '# readiness gate\n# nothing set yet\n'],
    ['an empty document marker', '---\n'],
    ['blank lines', '\n\n   \n']
  ])('gives the defaults for %s', (_name, text) => {
    expect(loadConfig(text, CONFIG_PATH)).toEqual(DEFAULT_CONFIG)
  })

  it('takes defaults for the keys left out', () => {
    const config = loadConfig('signoffs:\n  allow-author: true\n', CONFIG_PATH)
    expect(config.signoffs).toEqual({ ...DEFAULT_CONFIG.signoffs, allowAuthor: true })
    expect(config.checklists).toEqual(DEFAULT_CONFIG.checklists)
  })

  it('hands out copies, so changing a loaded config leaves the defaults alone', () => {
    loadConfig('', CONFIG_PATH).acceptChoices.push('Maybe')
    expect(DEFAULT_CONFIG.acceptChoices).toEqual(['Pass', 'Met', 'GO', 'Yes'])
  })
})

describe('loadConfig: every key', () => {
  it('reads each kebab-case key into its Config field', () => {
    const text = `# yaml-language-server: $schema=../src/config/schema.json
checklists: ["checklists/releases/**/*.md"]
require-checklist: true
exclude-sections: ["Post-Deployment Validation", "Rollback Procedures > Conditions for Rollback"]
informational-sections: ["Success Metrics (30 Days)"]
thresholds: { "Important Requirements": 90, "Critical Requirements": 100 }
templates: { "checklists/releases/**/*.md": "checklists/templates/release.md" }
roles:
  DBA: ["@acme/dba"]
  SRE: ["@acme/sre", "@alice"]
signoffs:
  freshness: head
  distinct-signers: false
  max-age-days: 30
  allow-author: true
waivers: forbidden
accept-choices: [Pass, Met, GO, Yes, Approved]
accept-choices-for: { "Rollback needed": [No] }
`
    expect(loadConfig(text, CONFIG_PATH)).toEqual({
      checklists: ['checklists/releases/**/*.md'],
      requireChecklist: true,
      excludeSections: [
        'Post-Deployment Validation',
        'Rollback Procedures > Conditions for Rollback'
      ],
      informationalSections: ['Success Metrics (30 Days)'],
      thresholds: { 'Important Requirements': 90, 'Critical Requirements': 100 },
      templates: { 'checklists/releases/**/*.md': 'checklists/templates/release.md' },
      roles: { DBA: ['@acme/dba'], SRE: ['@acme/sre', '@alice'] },
      signoffs: { freshness: 'head', distinctSigners: false, maxAgeDays: 30, allowAuthor: true },
      waivers: 'forbidden',
      acceptChoices: ['Pass', 'Met', 'GO', 'Yes', 'Approved'],
      acceptChoicesFor: { 'Rollback needed': ['No'] }
    })
  })

  it('accepts every documented freshness and waiver policy', () => {
    for (const freshness of ['head', 'checklist-unchanged', 'any']) {
      const config = loadConfig(`signoffs: { freshness: ${freshness} }`, CONFIG_PATH)
      expect(config.signoffs.freshness).toBe(freshness)
    }
    for (const waivers of ['allowed', 'except-critical', 'forbidden']) {
      expect(loadConfig(`waivers: ${waivers}`, CONFIG_PATH).waivers).toBe(waivers)
    }
  })

  it('reads Windows line endings and a byte-order mark', () => {
    const text = '\uFEFFwaivers: allowed\r\nsignoffs:\r\n  freshness: any\r\n'
    const config = loadConfig(text, CONFIG_PATH)
    expect([config.waivers, config.signoffs.freshness]).toEqual(['allowed', 'any'])
  })

  it('lets an anchor and alias share a list of owners', () => {
    const text = 'roles:\n  DBA: &dba ["@acme/dba"]\n  Data Lead: *dba\n'
    expect(loadConfig(text, CONFIG_PATH).roles).toEqual({
      DBA: ['@acme/dba'],
      'Data Lead': ['@acme/dba']
    })
  })

  it('accepts thresholds of 0 and 100 and fractions between', () => {
    const text = 'thresholds: { A: 0, B: 100, C: 92.5 }'
    expect(loadConfig(text, CONFIG_PATH).thresholds).toEqual({ A: 0, B: 100, C: 92.5 })
  })
})

describe('loadConfig: problems name the key, the line and the fix', () => {
  it('names the allowed values of an enum', () => {
    const problem = onlyProblemIn(
      'checklists: ["checklists/**/*.md"]\n\nsignoffs:\n  freshness: always\n'
    )
    expect(problem).toMatchObject({ line: 4, column: 14, key: 'signoffs.freshness' })
    expect(problem.message).toBe(
      '.github/readiness-gate.yml:4:14: signoffs.freshness must be one of head, ' +
        'checklist-unchanged, section-unchanged, any (got "always")'
    )
  })

  it('names the expected type', () => {
    // YAML 1.2: `yes` is a string, not a boolean.
    const problem = onlyProblemIn('require-checklist: yes\n')
    expect(problem).toMatchObject({ line: 1, key: 'require-checklist' })
    expect(problem.message).toContain('require-checklist must be true or false (got "yes")')
  })

  it('says a bare string is not a list of globs', () => {
    const problem = onlyProblemIn('checklists: checklists/**/*.md\n')
    expect(problem.message).toContain('checklists must be a list (got "checklists/**/*.md")')
  })

  it('says an empty value is not a mapping', () => {
    const problem = onlyProblemIn('roles:\n# DBA: ["@acme/dba"]\n')
    expect(problem).toMatchObject({ line: 1, key: 'roles' })
    expect(problem.message).toContain(
      'roles must be a mapping of keys to values (got an empty value)'
    )
  })

  it('suggests the known key closest to an unknown one', () => {
    const problems = problemsIn(
      'require_checklist: true\nsignoffs:\n  freshnes: head\nexclude: [Rollback Steps]\n'
    )
    expect(problems.map(problem => [problem.line, problem.key])).toEqual([
      [1, 'require_checklist'],
      [3, 'signoffs.freshnes'],
      [4, 'exclude']
    ])
    expect(problems[0]!.message).toContain(
      'unknown key require_checklist (did you mean require-checklist?)'
    )
    expect(problems[1]!.message).toContain(
      '.github/readiness-gate.yml:3:3: unknown key signoffs.freshnes (did you mean signoffs.freshness?)'
    )
    expect(problems[2]!.message).toContain('unknown key exclude (did you mean exclude-sections?)')
  })

  it('lists the known keys when no known key is close', () => {
    const problem = onlyProblemIn('colour: blue\n')
    expect(problem.message).toContain('unknown key colour; known keys here are checklists,')
    expect(problem.message).not.toContain('did you mean')
  })

  it('rejects a threshold above 100', () => {
    const problem = onlyProblemIn('thresholds:\n  Important Requirements: 150\n')
    expect(problem).toMatchObject({ line: 2, key: 'thresholds["Important Requirements"]' })
    expect(problem.message).toContain(
      'thresholds["Important Requirements"] must be from 0 to 100 (got 150)'
    )
  })

  it('rejects a max-age-days that is not a positive whole number', () => {
    expect(onlyProblemIn('signoffs: { max-age-days: 0 }').message).toContain(
      'signoffs.max-age-days must be at least 1 (got 0)'
    )
    expect(onlyProblemIn('signoffs: { max-age-days: 1.5 }').message).toContain(
      'signoffs.max-age-days must be a whole number (got 1.5)'
    )
  })

  it('says which forms a role owner may take', () => {
    const problem = onlyProblemIn('roles:\n  DBA: ["@acme/dba"]\n  SRE: ["@acme/sre", "alice"]\n')
    expect(problem).toMatchObject({ line: 3, key: 'roles.SRE[1]' })
    expect(problem.message).toContain(
      'roles.SRE[1] must be a GitHub user written "@login" or a team written "@org/team" (got "alice")'
    )
  })

  it('rejects a role with no owners and an empty list of globs', () => {
    const problems = problemsIn('checklists: []\nroles:\n  DBA: []\n')
    expect(problems.map(problem => problem.message)).toEqual([
      '.github/readiness-gate.yml:1:13: checklists must list at least 1 entry (got an empty list)',
      '.github/readiness-gate.yml:3:8: roles.DBA must list at least 1 entry (got an empty list)'
    ])
  })

  it('reports every problem at once, in file order', () => {
    const problems = problemsIn(
      'waivers: sometimes\nthresholds: { A: -1 }\nsignoffs: { allow-author: 1 }\n'
    )
    expect(problems.map(problem => problem.key)).toEqual([
      'waivers',
      'thresholds.A',
      'signoffs.allow-author'
    ])
  })

  it('turns a YAML syntax error into a problem with its line', () => {
    const problem = onlyProblemIn('checklists: ["a/*.md"\nwaivers: allowed\n')
    expect(problem.line).toBe(2)
    expect(problem.message).toMatch(/^\.github\/readiness-gate\.yml:2:1: YAML syntax error/)
  })

  it('reports a key given twice', () => {
    const problem = onlyProblemIn('waivers: allowed\nroles: {}\nwaivers: forbidden\n')
    expect(problem).toMatchObject({ line: 3, key: 'waivers' })
    expect(problem.message).toContain(
      'waivers is given twice in the same mapping; keep one of them'
    )
  })

  it('reports a nested key given twice by its full path', () => {
    const problem = onlyProblemIn('signoffs:\n  freshness: head\n  freshness: any\n')
    expect(problem).toMatchObject({ line: 3, key: 'signoffs.freshness' })
  })

  it('reports two accept-choices-for keys that name one question, where the second is written', () => {
    const problem = onlyProblemIn(
      'accept-choices-for:\n  "Rollback needed": [No]\n  "**Rollback Needed?**": [Yes]\n'
    )
    expect(problem).toMatchObject({ line: 3, key: 'accept-choices-for["**Rollback Needed?**"]' })
    expect(problem.message).toContain(
      'accept-choices-for names one question twice: "Rollback needed" and "**Rollback Needed?**" label the same choice; keep one of them'
    )
  })

  it.each([
    ['a list', '- checklists/**/*.md\n', 'a list'],
    ['a string', 'just some text\n', '"just some text"'],
    ['a number', '42\n', '42']
  ])('rejects a file whose top level is %s', (_name, text, got) => {
    const problem = onlyProblemIn(text)
    expect(problem).toMatchObject({ line: 1, key: '' })
    expect(problem.message).toContain(
      `the file must be a mapping of settings such as "checklists:" (got ${got})`
    )
  })

  it('refuses aliases that expand exponentially ("billion laughs")', () => {
    const text = [
      'a: &a ["@x", "@x", "@x", "@x", "@x", "@x", "@x", "@x", "@x"]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'roles: { Everyone: [*d, *d, *d, *d, *d, *d, *d, *d, *d] }'
    ].join('\n')
    const problem = onlyProblemIn(text)
    expect(problem.line).toBe(2)
    expect(problem.message).toContain('expand to too much data')
  })

  it('reports an alias used before its anchor', () => {
    const problem = onlyProblemIn('roles:\n  DBA: *owners\n')
    expect(problem).toMatchObject({ line: 2, key: 'roles.DBA' })
    expect(problem.message).toContain('anchor is not defined before it')
  })

  it('refuses a binary file, naming the line of the NUL byte', () => {
    const problem = onlyProblemIn('waivers: allowed\nroles:\u0000\u0001\u0002\n')
    expect(problem).toMatchObject({ line: 2, column: 7, key: '' })
    expect(problem.message).toContain('contains a NUL byte, so it looks binary')
  })

  it('refuses a second YAML document', () => {
    const problem = onlyProblemIn('waivers: allowed\n---\nwaivers: forbidden\n')
    expect(problem.message).toContain('more than one YAML document')
  })

  it('gives one readable paragraph as the error message', () => {
    let caught: unknown
    try {
      loadConfig('waivers: sometimes\nsignoffs:\n  freshness: always\n', 'config.yml')
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ConfigError)
    const error = caught as ConfigError
    expect(error.name).toBe('ConfigError')
    expect(error.source).toBe('config.yml')
    expect(error.message).toBe(
      'config.yml is not a valid Readiness Gate configuration (2 problems): ' +
        'config.yml:1:10: waivers must be one of allowed, except-critical, forbidden (got "sometimes"); ' +
        'config.yml:3:14: signoffs.freshness must be one of head, checklist-unchanged, section-unchanged, any (got "always").'
    )
    expect(error.message).not.toContain('\n')
  })
})

describe('schema.json', () => {
  /** Every schema object in the tree, with the path that leads to it. */
  function subschemas(node: unknown, path = '#'): [string, Record<string, unknown>][] {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return []
    const schemaNode = node as Record<string, unknown>
    const children: [string, unknown][] = [
      ...Object.entries((schemaNode.properties ?? {}) as object).map(
        ([key, value]) => [`${path}/properties/${key}`, value] as [string, unknown]
      ),
      [`${path}/items`, schemaNode.items],
      [`${path}/additionalProperties`, schemaNode.additionalProperties]
    ]
    return [
      [path, schemaNode],
      ...children.flatMap(([childPath, child]) => subschemas(child, childPath))
    ]
  }

  it('is a valid draft-07 schema under ajv strict mode', () => {
    expect(() => new Ajv({ strict: true }).compile(schema)).not.toThrow()
  })

  it('describes every key and closes every mapping with a fixed set of keys', () => {
    for (const [path, node] of subschemas(schema)) {
      expect(node.description, `${path} has a description`).toBeTypeOf('string')
      if (node.properties !== undefined) {
        expect(node.additionalProperties, `${path} allows no other keys`).toBe(false)
      }
    }
  })

  it('gives examples for every top-level key', () => {
    for (const [key, node] of Object.entries(schema.properties)) {
      expect((node as { examples?: unknown[] }).examples, key).not.toHaveLength(0)
    }
  })

  it('has defaults that agree with DEFAULT_CONFIG', () => {
    const properties = schema.properties
    expect(properties.checklists.default).toEqual(DEFAULT_CONFIG.checklists)
    expect(properties['require-checklist'].default).toBe(DEFAULT_CONFIG.requireChecklist)
    expect(properties['signoffs'].properties.freshness.default).toBe(
      DEFAULT_CONFIG.signoffs.freshness
    )
    expect(properties['signoffs'].properties['distinct-signers'].default).toBe(
      DEFAULT_CONFIG.signoffs.distinctSigners
    )
    expect(properties['signoffs'].properties['allow-author'].default).toBe(
      DEFAULT_CONFIG.signoffs.allowAuthor
    )
    expect(properties.waivers.default).toBe(DEFAULT_CONFIG.waivers)
    expect(properties['accept-choices'].default).toEqual(DEFAULT_CONFIG.acceptChoices)
    expect(properties['accept-choices-for'].default).toEqual(DEFAULT_CONFIG.acceptChoicesFor)
  })

  it("writes owners in the gate's one login grammar", () => {
    const owner = schema.properties.roles.additionalProperties.items as { pattern: string }
    expect(owner.pattern).toBe(OWNER_PATTERN)
    expect(OWNER_PATTERN).toBe(`^@${OWNER}$`)
  })

  it('allows exactly the policies that the Config type names', () => {
    expect(schema.properties.signoffs.properties.freshness.enum).toEqual([...FRESHNESS])
    expect(schema.properties.waivers.enum).toEqual([...WAIVERS])
  })
})
