/**
 * The tamper check both ways: honest work on a template or a base version gives no `integrity-*`
 * finding at all, and each known way of weakening the gate fails with a rule on a line.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeChecklist, parseChecklist } from '../src/checklist/parse.js'
import { loadConfig, scopeFor } from '../src/config/index.js'
import {
  baseVersion,
  checklistChanges,
  runGate,
  type BaseVersion,
  type ChecklistSource
} from '../src/gate/index.js'
import { evaluate } from '../src/rules/index.js'
import type { Evaluation } from '../src/rules/types.js'
import { sharedFiles } from './helpers/cmark.js'
import { CONFIG, DEFAULT_CONFIG, context, defect, gate, lineOf } from './helpers/checklist.js'

const TEMPLATES = [
  'checklists/templates/deployment-readiness.md',
  'checklists/templates/production-deployment.md'
]
const EXAMPLE_CONFIG = loadConfig(
  readFileSync('checklists/examples/readiness-gate.yml', 'utf8'),
  'readiness-gate.yml'
)

/** `rule@line` of every integrity finding of a head checked against a template. */
function againstTemplate(head: string, template: string, templatePath = 'template.md') {
  return integrityOf(
    evaluate(parseChecklist(head, 'checklists/releases/r.md'), EXAMPLE_CONFIG, context(), [
      {
        checklist: parseChecklist(template, templatePath),
        origin: { template: true, path: templatePath, where: 'the base branch main' }
      }
    ])
  )
}

function integrityOf(evaluation: Evaluation): string[] {
  return evaluation.findings
    .filter(finding => finding.rule.startsWith('integrity'))
    .map(finding => `${finding.rule}@${finding.line}`)
}

/** A template filled in as a release team would: every box ticked, every blank and placeholder filled. */
function fillIn(template: string): string {
  return template
    .split('\n')
    .map(line =>
      line
        .replace(/^(\s*(?:[-*+]|\d+[.)]) )\[ \]/, '$1[x]')
        .replace(/: _{3,} Date: _{3,}/, ': @alice Date: 2026-11-19')
        .replace(/☐/, '☒')
        .replace(/\[Name\]/g, 'Alice Example')
        .replace(/\[Phone\]/g, '+1 555 0100')
        .replace(/\[Email\]/g, 'alice@example.com')
        .replace(/\[Date\]/g, '2026-11-19')
        .replace(/_{3,}/g, '42')
    )
    .join('\n')
}

/** The first heading retitled, as a release copies its template. */
function retitle(template: string): string {
  return template.replace(/^# .*$/m, '# Release 2026.12 — Deployment Readiness Checklist')
}

describe('honest edits of each template give no integrity finding', () => {
  describe.each(TEMPLATES)('%s', path => {
    const template = readFileSync(path, 'utf8')

    it('an exact copy', () => {
      expect(againstTemplate(template, template, path)).toEqual([])
    })

    it('a retitled copy', () => {
      expect(againstTemplate(retitle(template), template, path)).toEqual([])
    })

    it('an honestly filled copy, retitled', () => {
      const filled = retitle(fillIn(template))
      expect(filled).not.toEqual(template)
      expect(againstTemplate(filled, template, path)).toEqual([])
    })

    it('with the default configuration too', () => {
      const filled = fillIn(template)
      const evaluation = evaluate(
        parseChecklist(filled, 'checklists/releases/r.md'),
        DEFAULT_CONFIG,
        context(),
        parseChecklist(template, path)
      )
      expect(integrityOf(evaluation)).toEqual([])
    })
  })

  it('a placeholder filled inside a task item is an edit, not a removal', () => {
    const template = '# T\n\n## Change\n\n- [ ] Change ticket [Ticket ID] approved by [Name]\n'
    const head = '# T\n\n## Change\n\n- [x] Change ticket OPS-1234 approved by Alice Example\n'
    expect(againstTemplate(head, template)).toEqual([])
  })

  it('a field is its whole label: "(after)" is not "(before)"', () => {
    const base = `# T

## Cache

- [ ] Cache hit rate (before): ______ % (target: > 10%)
- [ ] Cache hit rate (after): ______ % (target: > 80%)
`
    const head = defect(
      '(after): ______ %',
      '(after): 91 %',
      defect('(before): ______', '(before): 12', base)
    )
    expect(integrityOf(gate(head, { base }))).toEqual([])
    const swapped = defect('(target: > 80%)', '(target: > 10%)', base)
    expect(integrityOf(gate(swapped, { base }))).toEqual([
      `integrity-target-loosened@${lineOf(swapped, '(after)')}`
    ])
  })
})

// ../shared beside the project (a worktree sits one level deeper); absent for users of the project.
const seeds =
  ['../../shared/seeds/', '../../../shared/seeds/']
    .map(dir => sharedFiles(new URL(dir, import.meta.url), () => true))
    .find(files => files.length > 0) ?? []

describe.skipIf(seeds.length === 0)('each seed used as its own template', () => {
  it.each(seeds)('%s: an identical copy and a retitled one give no integrity finding', file => {
    const text = decodeChecklist(readFileSync(file), file)
    expect(againstTemplate(text, text, file)).toEqual([])
    expect(againstTemplate(retitle(text), text, file)).toEqual([])
    expect(againstTemplate(fillIn(text), text, file)).toEqual([])
  })
})

describe('messages that fit the comparison', () => {
  const template = readFileSync(TEMPLATES[1]!, 'utf8')

  it('a removal from a template names the template and its line', () => {
    const head = defect('- [ ] Integration tests passing\n', '', template)
    const evaluation = evaluate(
      parseChecklist(head, 'checklists/releases/r.md'),
      EXAMPLE_CONFIG,
      context(),
      [
        {
          checklist: parseChecklist(template, TEMPLATES[1]!),
          origin: { template: true, path: TEMPLATES[1]!, where: 'the base branch main' }
        }
      ]
    )
    const [finding] = evaluation.findings.filter(f => f.rule === 'integrity-item-removed')
    expect(finding!.line).toBe(lineOf(head, '### 1. Code Review & Testing'))
    expect(finding!.message).toContain(
      `line ${lineOf(template, 'Integration tests passing')} of the template ${TEMPLATES[1]}`
    )
    expect(finding!.message).not.toMatch(/base branch\)/)
  })

  it('a checklist not started from the template: one finding that says how to adopt it', () => {
    const own = `# Our release

## Checks (Must Pass 100%)

- [x] Smoke tests green
- [x] Feature flags off
`
    const findings = againstTemplate(own, template, TEMPLATES[1])
    expect(findings).toEqual(['integrity-not-from-template@1'])
    const evaluation = evaluate(parseChecklist(own, 'r.md'), EXAMPLE_CONFIG, context(), [
      {
        checklist: parseChecklist(template, TEMPLATES[1]!),
        origin: { template: true, path: TEMPLATES[1]!, where: 'the base branch main' }
      }
    ])
    const message = evaluation.findings.find(f => f.rule === 'integrity-not-from-template')!.message
    expect(message).toMatch(/was not started from its template checklists\/templates\/production/)
    expect(message).toMatch(/point `templates:` in the configuration at it/)
  })
})

describe('bypasses fail with a rule on a line', () => {
  it('splitting one sign-off block with a second "Sign-off:" label so that one person signs two roles', () => {
    const base = defect('- SRE: @alice Date: 2026-11-18', '- SRE: @alice Date: 2026-11-18')
    const head = defect(
      '- DBA: @carol Date: 2026-11-18\n- SRE: @alice Date: 2026-11-18',
      '- DBA: @alice Date: 2026-11-18\n\n**Sign-off:**\n- SRE: @alice Date: 2026-11-18',
      base
    )
    const settings = loadConfig('roles:\n  DBA: ["@alice", "@carol"]\n  SRE: ["@alice"]\n', 'x.yml')
    const evaluation = gate(head, { base, config: settings })
    expect(evaluation.passed).toBe(false)
    expect(integrityOf(evaluation)).toEqual([`integrity-signoff-moved@${lineOf(head, '- SRE:')}`])
  })

  it('dilution: untick all ten items of a 90% section and add ninety ticked ones', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `- [x] Original check ${i + 1}`).join('\n')
    const base = `# R\n\n## Important Requirements (Must Pass 90%)\n\n${ten}\n`
    const unticked = ten.replace(/\[x\]/g, '[ ]')
    const ninety = Array.from({ length: 90 }, (_, i) => `- [x] Padding ${i + 1}`).join('\n')
    const head = `# R\n\n## Important Requirements (Must Pass 90%)\n\n${unticked}\n${ninety}\n`
    const evaluation = gate(head, { base })
    expect(evaluation.findings.filter(f => f.rule === 'threshold')).toEqual([])
    expect(evaluation.passed).toBe(false)
    expect(integrityOf(evaluation)).toEqual([
      `integrity-threshold-diluted@${lineOf(head, '## Important Requirements')}`
    ])
    // Adding ticked items to a section that passes on its own is honest.
    const honest = `# R\n\n## Important Requirements (Must Pass 90%)\n\n${ten}\n${ninety}\n`
    expect(integrityOf(gate(honest, { base }))).toEqual([])
  })

  it('dilution by moving ticked items in from another section fails the same way', () => {
    const base = `# R

## Important (Must Pass 90%)

- [x] A1
- [x] A2

## Nice (Must Pass 10%)

- [x] B1
- [x] B2
- [x] B3
- [x] B4
- [x] B5
- [x] B6
- [x] B7
- [x] B8
- [x] B9
- [x] B10
- [x] B11
- [x] B12
- [x] B13
- [x] B14
- [x] B15
- [x] B16
- [x] B17
- [x] B18
- [x] B19
`
    const moved = base
      .split('\n## Nice')[1]!
      .split('\n')
      .filter(l => l.startsWith('- '))
    const head = `# R\n\n## Important (Must Pass 90%)\n\n- [ ] A1\n- [x] A2\n${moved.join('\n')}\n\n## Nice (Must Pass 10%)\n`
    const evaluation = gate(head, { base })
    expect(integrityOf(evaluation)).toContain(
      `integrity-threshold-diluted@${lineOf(head, '## Important')}`
    )
  })

  /** The release template as the head, against a base version of `text` on the base branch. */
  const gateOnBase = (text: string) =>
    runGate({
      checklists: [
        source('checklists/release.md', readFileSync(TEMPLATES[1]!, 'utf8'), {
          text,
          from: 'checklists/release.md',
          template: false,
          where: 'the base branch main'
        })
      ],
      config: CONFIG,
      codeowners: undefined,
      context: context()
    })[0]!

  it('a base version with a title and prose but no items is no base', () => {
    const evaluation = gateOnBase('# Release 2.4\n\nTo be written.\n')
    expect(evaluation.passed).toBe(false)
    expect(integrityOf(evaluation)).toEqual(['integrity-no-template@1'])
    expect(evaluation.findings[0]!.message).toMatch(/has no task items/)
  })

  it('a whitespace-only base version is no base either, and does not throw', () => {
    const evaluation = gateOnBase(' \n\n')
    expect(integrityOf(evaluation)).toEqual(['integrity-no-template@1'])
  })

  it('a template of sign-off lines only is no template either', () => {
    const [evaluation] = runGate({
      checklists: [
        source('checklists/releases/r.md', '# T\n\n## Checks\n\n- [x] Smoke tests green\n', {
          text: '# T\n\n## Sign-offs\n\n- [ ] DBA: ______ Date: ______\n',
          from: 'checklists/templates/t.md',
          template: true,
          where: 'the base branch main'
        })
      ],
      config: CONFIG,
      codeowners: undefined,
      context: context()
    })
    expect(integrityOf(evaluation!)).toContain('integrity-no-template@1')
  })

  it('an older, smaller checklist renamed onto a release path is held to that path’s template', () => {
    const template = readFileSync(TEMPLATES[1]!, 'utf8')
    const old = '# Release 1.0\n\n## Checks\n\n- [x] Smoke tests green\n'
    const [evaluation] = runGate({
      checklists: [
        source('checklists/releases/2026.12.md', old, {
          text: old,
          from: 'checklists/releases/1.0.md',
          template: false,
          where: 'the base branch main',
          alsoTemplate: { text: template, from: TEMPLATES[1]! }
        })
      ],
      config: EXAMPLE_CONFIG,
      codeowners: undefined,
      context: context()
    })
    expect(evaluation!.passed).toBe(false)
    expect(integrityOf(evaluation!)).toEqual(['integrity-not-from-template@1'])
  })

  it('renaming last release’s checklist onto the new release’s path: its record vanishes, and the new path is held to its template', () => {
    const files = [
      {
        path: 'checklists/releases/2026.12.md',
        deleted: false,
        previousPath: 'checklists/releases/2026.11.md'
      }
    ]
    const isChecklist = (path: string) => path.startsWith('checklists/releases/')
    const changes = checklistChanges(files, isChecklist)
    expect(changes.paths).toEqual(['checklists/releases/2026.12.md'])
    expect(changes.basePaths.get('checklists/releases/2026.12.md')).toBe(
      'checklists/releases/2026.11.md'
    )
    expect(changes.removed.map(e => [e.path, integrityOf(e)])).toEqual([
      ['checklists/releases/2026.11.md', ['integrity-item-removed@1']]
    ])
    expect(changes.removed[0]!.findings[0]!.message).toMatch(
      /the record at .*2026\.11\.md vanishes/
    )

    const old = '# Release 2026.11\n\n## Checks\n\n- [x] Smoke tests green\n'
    const template = readFileSync(TEMPLATES[1]!, 'utf8')
    const files_ = new Map([
      ['checklists/releases/2026.11.md', old],
      [TEMPLATES[1]!, template]
    ])
    const reader = { where: 'the base branch main', read: (path: string) => files_.get(path) }
    const settings = loadConfig(
      `templates:\n  "checklists/releases/**/*.md": ${TEMPLATES[1]}\n`,
      'readiness-gate.yml'
    )
    const version = baseVersion(
      reader,
      settings,
      'checklists/releases/2026.12.md',
      'checklists/releases/2026.11.md'
    )
    expect(version).toMatchObject({
      from: 'checklists/releases/2026.11.md',
      alsoTemplate: { from: TEMPLATES[1] }
    })
    const [evaluation] = runGate({
      checklists: [source('checklists/releases/2026.12.md', old, version)],
      config: settings,
      codeowners: undefined,
      context: context()
    })
    expect(integrityOf(evaluation!)).toEqual(['integrity-not-from-template@1'])
  })

  it('deleting a checklist, or renaming it out of the globs, removes its record', () => {
    const isChecklist = (path: string) => path.startsWith('checklists/releases/')
    const changes = checklistChanges(
      [
        { path: 'checklists/releases/a.md', deleted: true },
        { path: 'notes/b.md', deleted: false, previousPath: 'checklists/releases/b.md' }
      ],
      isChecklist
    )
    expect(changes.paths).toEqual([])
    expect(changes.removed.map(e => e.path)).toEqual([
      'checklists/releases/a.md',
      'checklists/releases/b.md'
    ])
  })

  it('moving an item into an excluded section still fails', () => {
    const settings = loadConfig('exclude-sections: ["Notes"]\n', 'x.yml')
    const base = '# R\n\n## Checks\n\n- [x] Backups verified\n- [ ] Replica promoted\n\n## Notes\n'
    const head =
      '# R\n\n## Checks\n\n- [x] Backups verified\n\n## Notes\n\n- [ ] Replica promoted\n'
    const evaluation = gate(head, { base, config: settings })
    expect(evaluation.passed).toBe(false)
    expect(integrityOf(evaluation)).toEqual([`integrity-item-removed@${lineOf(head, 'Replica')}`])
  })

  it('retitling a 100% section to a 50% one lowers the threshold of its items', () => {
    const base =
      '# R\n\n## Critical (Must Pass 100%)\n\n- [x] Backups verified\n- [ ] Replica promoted\n'
    const head = defect('## Critical (Must Pass 100%)', '## Nice to have (Must Pass 50%)', base)
    expect(integrityOf(gate(head, { base }))).toEqual([
      `integrity-threshold-lowered@${lineOf(head, '## Nice to have')}`
    ])
  })
})

function source(path: string, text: string, base: BaseVersion): ChecklistSource {
  return { path, text, base }
}

describe('the example configuration on each template', () => {
  // What each template's header says the configuration excludes, with its sub-sections.
  it.each([
    [
      'checklists/templates/deployment-readiness.md',
      [
        'Post-Deployment Validation',
        'Day 1 Checks (First 24 Hours)',
        'Week 1 Checks',
        'Success Metrics (30 Days)'
      ]
    ],
    [
      'checklists/templates/production-deployment.md',
      [
        'Post-Deployment Phase',
        '1. Monitoring (First 24 Hours)',
        '2. Performance Tuning',
        '3. Documentation',
        'Conditions for Rollback'
      ]
    ]
  ])('%s: excludes only what its header says', (path, excluded) => {
    const { sections } = parseChecklist(readFileSync(path, 'utf8'), path)
    const titles = sections
      .filter(section => scopeFor(EXAMPLE_CONFIG, section.path) === 'excluded')
      .map(section => section.title)
    expect(titles).toEqual(excluded)
  })
})
