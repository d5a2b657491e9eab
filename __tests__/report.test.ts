import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import {
  CHECK_RUN_SUMMARY_MAX_BYTES,
  JOB_SUMMARY_MAX_BYTES,
  chunk,
  reportSchema,
  sameVerdict,
  title,
  toAnnotations,
  toJsonReport,
  toMarkdown,
  toText,
  verdictOf,
  writeJson
} from '../src/report/index.js'
import { FIELDS, Kind, NodeField, literal, parseTree } from '../src/checklist/cmark/tree.js'
import { RULE_IDS, type Evaluation } from '../src/rules/types.js'
import { failing, manyFindings, passing } from './fixtures/report/evaluations.js'
import { approvals, COMPLETE, gate, SIGNERS } from './helpers/checklist.js'

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8')
const fileUrl = (path: string, line: number): string =>
  `https://github.com/acme/app/blob/abc123/${path}#L${line}`

/**
 * Rows of every table as GitHub would see them, parsed by GitHub's parser: each cell as its
 * source, trimmed, with `\|` read as the pipe it stands for.
 */
function tables(markdown: string): string[][][] {
  const tree = parseTree(markdown)
  const lines = markdown.split('\n').map(line => Buffer.from(line, 'utf8'))
  const at = (i: number, field: number): number => tree.nodes[i * FIELDS + field]!
  const result: string[][][] = []
  for (let i = 0; i < tree.count; i++) {
    const kind = at(i, NodeField.Kind)
    if (kind === Kind.Table) result.push([])
    else if (kind === Kind.TableRow) result.at(-1)?.push([])
    else if (kind === Kind.TableCell) {
      // Source columns count bytes, from 1, the end included.
      const line = lines[at(i, NodeField.StartLine) - 1]!
      const cell = line.subarray(at(i, NodeField.StartColumn) - 1, at(i, NodeField.EndColumn))
      result.at(-1)?.at(-1)?.push(cell.toString('utf8').trim().replace(/\\\|/g, '|'))
    }
  }
  return result
}

function htmlTokens(markdown: string): string[] {
  const tree = parseTree(markdown)
  const html: string[] = []
  for (let i = 0; i < tree.count; i++) {
    const kind = tree.nodes[i * FIELDS + NodeField.Kind]
    if (kind === Kind.HtmlInline || kind === Kind.HtmlBlock) html.push(literal(tree, i))
  }
  return html
}

describe('title', () => {
  it('says what passed when ready', () => {
    expect(title([passing])).toBe('Ready: 3/3 sign-offs, 2 sections passed')
  })

  it('says Not ready and what is left, in the words of the headline', () => {
    const expected =
      'Not ready: 1 sign-off to sign, 1 target missed, 1 section below threshold, 1 item to tick'
    expect(title([failing])).toBe(expected)
    expect(title([passing, failing])).toBe(expected)
    expect(toMarkdown([failing]).split('\n')[0]).toBe(`## ❌ ${expected}`)
  })

  it('has a title when nothing was checked', () => {
    expect(title([])).toBe('Ready: no checklist to check')
  })

  it('stays under 100 characters with large numbers', () => {
    const huge: Evaluation = {
      ...failing,
      signoffs: Array.from({ length: 99_999 }, () => failing.signoffs[1]!),
      sections: Array.from({ length: 99_999 }, () => failing.sections[0]!),
      findings: manyFindings(99_999, 99_999, () => 'x')
    }
    expect(title([huge]).length).toBeLessThan(100)
    expect(title([{ ...huge, passed: true }]).length).toBeLessThan(100)
  })
})

describe('toMarkdown', () => {
  const markdown = toMarkdown([passing, failing], {
    heading: 'Readiness Gate',
    marker: '<!-- readiness-gate:checklists/releases -->',
    detailsUrl: 'https://github.com/acme/app/pull/7/checks',
    fileUrl,
    run: {
      headSha: 'c'.repeat(40),
      baseSha: 'a'.repeat(40),
      time: '2026-11-20T09:30:12.000Z',
      runUrl: 'https://github.com/acme/app/actions/runs/42'
    }
  })
  const blocks = markdown.split('\n\n')

  it('starts with the marker and the headline, then what is left', () => {
    expect(blocks[0]).toBe('<!-- readiness-gate:checklists/releases -->')
    expect(blocks[1]).toMatch(/^## ❌ Not ready: 1 sign-off to sign, /)
    expect(blocks[2]).toBe("**What's left**")
    expect(blocks[3]).toContain(
      `- **Fix a target**: RTO measured: 150 s misses &lt; 120s &lt;script&gt;alert(1)&lt;/script&gt; ([checklists/releases/2026.11.md:line 25](${fileUrl(failing.path, 25)}))`
    )
    expect(toMarkdown([passing])).toMatch(/^## ✅ Ready: 3\/3 sign-offs, 2 sections passed\n/)
  })

  it('ends with a footer: the check, head and base commits, the time, the run', () => {
    expect(blocks.at(-1)).toBe(
      '<sub>Readiness Gate · head `ccccccc` · base `aaaaaaa` · 2026-11-20 09:30 UTC · ' +
        '[workflow run](https://github.com/acme/app/actions/runs/42) · ' +
        '[all findings](https://github.com/acme/app/pull/7/checks)</sub>\n'
    )
  })

  it('groups what is left by person and action, with line links and who may sign', () => {
    const left = whatsLeftOf(
      toMarkdown(
        [
          {
            ...failing,
            signoffs: [
              {
                ...failing.signoffs[1]!,
                eligible: {
                  source: 'roles',
                  users: ['alice'],
                  teams: [
                    { team: 'acme/dba', members: ['bob', 'carol'] },
                    { team: 'acme/sre', members: undefined }
                  ]
                }
              },
              { ...failing.signoffs[3]!, line: 73 },
              { ...failing.signoffs[3]!, role: 'QA', line: 79 }
            ],
            findings: [
              ...failing.findings,
              notApproved(73, 'Role not-approved'),
              notApproved(79, 'QA')
            ]
          }
        ],
        { fileUrl }
      )
    )
    expect(left[0]).toBe(
      `- \`@carol\`: **approve** the pull request, to sign Role not-approved ([line 73](${fileUrl(failing.path, 73)})), QA ([line 79](${fileUrl(failing.path, 79)}))`
    )
    expect(left[1]).toBe(
      `- **Sign** Role missing ([line 71](${fileUrl(failing.path, 71)})): may sign: \`@alice\`, \`@acme/dba\` (\`@bob\`, \`@carol\`), \`@acme/sre\``
    )
  })

  it('has one compact table of the top-level parts, status first', () => {
    const parts = tables(toMarkdown([failing]))[0]!
    expect(parts[0]).toEqual(['Part', 'Items', 'Sign-offs', 'Targets'])
    expect(parts[1]).toEqual(['❌ Critical Requirements (Must Pass 100%)', '7/8', '—', '—'])
    expect(parts[2]).toEqual(['❌ Important | Ops Requirements', '9/10', '—', '2/5'])
  })

  it('folds the details away: sections, sign-offs, fields, then findings, errors first', () => {
    const text = toMarkdown([failing], { fileUrl })
    const details = text.slice(text.indexOf('<details>'))
    expect(details).toMatch(
      /^<details><summary>Details: 4 errors, 1 warning, 1 notice<\/summary>\n\n/
    )
    const parsed = tables(details)
    expect(parsed.map(rows => rows[0])).toEqual([
      ['Status', 'Section', 'Done', 'Needs'],
      ['Status', 'Sign-off', 'Signed by; who may sign'],
      ['Status', 'Field', 'Value', 'Target'],
      ['Line', 'Finding']
    ])
    for (const rows of parsed) {
      for (const row of rows) expect(row).toHaveLength(rows[0]!.length)
    }
    const [sections, signoffs, fields, findings] = parsed
    // Headings without items and excluded sections are left out.
    expect(sections?.slice(1)).toEqual([
      [
        '❌ below 100%',
        `[Critical Requirements (Must Pass 100%)](${fileUrl(failing.path, 5)})`,
        '7/8 (87%)',
        '100%'
      ],
      // The escaped pipe is text inside the cell, not a cell border.
      [
        '✅ passed',
        `[Important | Ops Requirements](${fileUrl(failing.path, 20)})`,
        '9/10 (90%), 1 waived',
        '90%'
      ],
      [
        '❌ below 50% (informational)',
        `[Nice to have](${fileUrl(failing.path, 40)})`,
        '0/2 (0%)',
        '50%'
      ]
    ])
    expect(signoffs).toHaveLength(1 + 9)
    expect(signoffs?.[3]).toEqual([
      '❌ invalid',
      `[Role invalid](${fileUrl(failing.path, 72)})`,
      '—'
    ])
    // Only targets that are not met, and a count of the met ones.
    expect(fields?.slice(1).map(row => row[1]?.replace(/\]\(.*/, '').slice(1))).toEqual([
      'RTO measured',
      'Error rate',
      'Distance'
    ])
    expect(text).toContain('2 other targets met.')
    expect(toMarkdown([passing])).toContain('\n1 target met.\n')
    // Errors first, each by line; then warnings, then notices.
    expect(findings?.slice(1).map(row => row[0])).toEqual(
      [5, 7, 25, 71, 70, 27].map(line => `[${line}](${fileUrl(failing.path, line)})`)
    )
    expect(findings?.[1]?.[1]).toBe(
      '❌ Critical Requirements: 7/8 done (87%), below 100% `threshold`'
    )
  })

  it('says "all must be done" of a failing section with no threshold', () => {
    const section = { ...failing.sections[0]!, threshold: undefined }
    const text = toMarkdown([{ ...failing, sections: [section] }])
    expect(text).toContain(
      '| ❌ all must be done | Critical Requirements (Must Pass 100%) | 7/8 (87%) | all |'
    )
    expect(text).not.toContain('❌ below')
  })

  it('escapes pipes, newlines, HTML, mentions and issue references in checklist text', () => {
    const text = toMarkdown([
      {
        ...failing,
        findings: [
          ...failing.findings,
          { rule: 'blank', severity: 'error', line: 90, message: 'Fill in #12 and acme/app#3' }
        ]
      }
    ])
    expect(text).toContain('Important \\| Ops Requirements')
    expect(text).toContain('Open item: run a \\| b then ping `@mallory` and `@acme/sre`')
    expect(text).toContain('Tech Lead &lt;script&gt;alert(1)&lt;/script&gt;')
    expect(text).toContain('Fill in `#12` and `acme/app#3`')
    expect(text).not.toContain('<script')
    // Logins read as @login but sit in code spans, where GitHub does not notify.
    expect(text).toContain('| `@carol` |')
    expect(text).not.toMatch(/(^|[^`])@(alice|mallory|acme)/m)
  })

  it('writes no HTML but the marker, <details>, <summary> and the footer, and checks the marker', () => {
    const marker = '<!-- readiness-gate:a.md -->'
    const html = htmlTokens(toMarkdown([failing], { marker, run: { headSha: 'c'.repeat(40) } }))
    expect(html.map(tag => tag.trim())).toEqual([
      marker,
      '<details><summary>Details: 4 errors, 1 warning, 1 notice</summary>',
      '</details>',
      '<sub>',
      '</sub>'
    ])
    expect(() => toMarkdown([failing], { marker: 'readiness-gate' })).toThrow(/HTML comment/)
    expect(() => toMarkdown([failing], { marker: '<!-- a --> <b>x</b> -->' })).toThrow(
      /HTML comment/
    )
  })

  it('leaves a small report untouched under maxBytes', () => {
    expect(toMarkdown([failing], { maxBytes: CHECK_RUN_SUMMARY_MAX_BYTES })).toBe(
      toMarkdown([failing])
    )
  })
})

describe('folding in what people read', () => {
  const evaluation: Evaluation = {
    ...failing,
    sections: [
      { ...failing.sections[0]!, level: 2 },
      { ...failing.sections[1]!, level: 2, threshold: 90, passed: false }
    ],
    signoffs: [
      { ...failing.signoffs[5]!, role: 'SRE', line: 30 },
      { ...failing.signoffs[5]!, role: 'DBA', line: 31 }
    ],
    findings: [
      ...[7, 8, 9, 10].map(line => ({
        rule: 'item-open' as const,
        severity: 'error' as const,
        line,
        message: `Item ${line} is not ticked.`
      })),
      {
        rule: 'field-unfilled',
        severity: 'error',
        line: 11,
        message: 'Field 11 is not filled in.'
      },
      { rule: 'item-open', severity: 'error', line: 11, message: 'Item 11 is not ticked.' },
      { rule: 'threshold', severity: 'error', line: 20, message: 'Below 90%.' },
      {
        rule: 'item-open',
        severity: 'warning',
        line: 22,
        message: 'Item 22 counts against the threshold.'
      },
      stale(30, 'SRE'),
      stale(31, 'DBA')
    ]
  }
  const rows = tables(toMarkdown([evaluation]))
    .find(table => table[0]?.[0] === 'Line')!
    .slice(1)
    .map(row => row[1])

  it('folds open items of one section into one row that names every line and the rule', () => {
    expect(rows[0]).toBe(
      '❌ 4 items not ticked in "Critical Requirements (Must Pass 100%)", the first: Item 7 is not ticked. Lines 7, 8, 9, 10. `item-open`'
    )
  })

  it('leaves out item-open where the field is not filled in, and warnings of a failing section', () => {
    expect(rows.some(row => row?.includes('Item 11'))).toBe(false)
    expect(rows.some(row => row?.includes('Item 22'))).toBe(false)
    expect(rows).toContain('❌ Field 11 is not filled in. `field-unfilled`')
  })

  it('gives one row per person and reason', () => {
    expect(rows.filter(row => row?.includes('signoff-stale-approval'))).toEqual([
      '❌ `@erin` approved before the checklist last changed: `@erin` must approve again for SRE. The same for DBA. Lines 30, 31. `signoff-stale-approval`'
    ])
  })

  it('keeps every finding in the JSON report', () => {
    expect(toJsonReport([evaluation], { toolVersion: '0' }).checklists[0]!.findings).toHaveLength(
      evaluation.findings.length
    )
  })
})

function notApproved(line: number, role: string): Evaluation['findings'][number] {
  return {
    rule: 'signoff-not-approved',
    severity: 'error',
    line,
    message: `${role} is signed by @carol, who has not approved the pull request: @carol must approve it.`
  }
}

function stale(line: number, role: string): Evaluation['findings'][number] {
  return {
    rule: 'signoff-stale-approval',
    severity: 'error',
    line,
    message: `@erin approved before the checklist last changed: @erin must approve again for ${role}.`
  }
}

/** The bullets of "What's left". */
function whatsLeftOf(markdown: string): string[] {
  const blocks = markdown.split('\n\n')
  return (blocks[blocks.indexOf("**What's left**") + 1] ?? '').split('\n')
}

describe('toMarkdown with maxBytes', () => {
  const marker = '<!-- readiness-gate:checklists/big.md -->'
  // Multi-byte text: umlauts, CJK and emoji (4 bytes in UTF-8, 2 UTF-16 units).
  const message = (line: number): string =>
    `Überprüfung ${line}: 日本語のテキスト 🚀 must be done | before release`
  // Findings that do not fold: each its own row.
  const distinct = (count: number, errors: number) =>
    manyFindings(count, errors, message).map(finding => ({ ...finding, rule: 'blank' as const }))
  const big: Evaluation = { ...failing, path: 'checklists/big.md', findings: distinct(5_000, 100) }

  /** Rows of the findings table that are shown, as [severity, line]. */
  function shownFindings(markdown: string): { severity: string; line: number }[] {
    const findings = tables(markdown).find(rows => rows[0]?.[0] === 'Line') ?? []
    const label: Record<string, string> = { '❌': 'error', '⚠️': 'warning', ℹ️: 'notice' }
    return findings.slice(1).map(([line = '', finding = '']) => ({
      severity: label[finding.split(' ')[0] ?? ''] ?? '',
      line: Number(line)
    }))
  }

  it('fits 5,000 findings into a check run summary, errors first, with a note', () => {
    const markdown = toMarkdown([big], {
      marker,
      maxBytes: CHECK_RUN_SUMMARY_MAX_BYTES,
      detailsUrl: 'https://github.com/acme/app/pull/7/checks'
    })
    expect(bytes(markdown)).toBeLessThanOrEqual(CHECK_RUN_SUMMARY_MAX_BYTES)
    // Little room wasted: one more row (about 150 bytes) would not have fitted.
    expect(bytes(markdown)).toBeGreaterThan(CHECK_RUN_SUMMARY_MAX_BYTES - 300)
    expect(markdown.startsWith(marker + '\n')).toBe(true)
    // What is left and the parts are never cut.
    expect(markdown).toContain("**What's left**")
    expect(markdown).toContain('| Part | Items | Sign-offs | Targets |')

    const shown = shownFindings(markdown)
    const hidden = 5_000 - shown.length
    expect(markdown).toContain(
      `… ${hidden} more findings not shown here: see the annotations of the [check run](https://github.com/acme/app/pull/7/checks).`
    )
    // All 100 errors, then the warnings nearest the top; no notice while a warning is hidden.
    expect(shown.filter(finding => finding.severity === 'error')).toHaveLength(100)
    const warnings = shown
      .filter(finding => finding.severity === 'warning')
      .map(finding => finding.line)
    expect(warnings.length).toBeGreaterThan(0)
    expect(shown.some(finding => finding.severity === 'notice')).toBe(false)
    const allWarnings = big.findings
      .filter(finding => finding.severity === 'warning')
      .map(finding => finding.line)
    expect(warnings).toEqual(allWarnings.slice(0, warnings.length))
  })

  it('drops the furthest errors when even the errors do not fit', () => {
    const allErrors: Evaluation = { ...big, findings: distinct(5_000, 5_000) }
    const markdown = toMarkdown([allErrors], { maxBytes: CHECK_RUN_SUMMARY_MAX_BYTES })
    expect(bytes(markdown)).toBeLessThanOrEqual(CHECK_RUN_SUMMARY_MAX_BYTES)
    const lines = shownFindings(markdown).map(finding => finding.line)
    expect(lines.length).toBeGreaterThan(0)
    expect(lines).toEqual(Array.from({ length: lines.length }, (_, index) => index + 1))
  })

  it('fits the job summary limit without trimming when it can', () => {
    const markdown = toMarkdown([big], { maxBytes: JOB_SUMMARY_MAX_BYTES })
    expect(markdown).toBe(toMarkdown([big]))
    expect(bytes(markdown)).toBeLessThanOrEqual(JOB_SUMMARY_MAX_BYTES)
  })

  it('cuts whole lines when even the headline and what is left are too big', () => {
    for (const maxBytes of [200, 400]) {
      const markdown = toMarkdown([big], { marker, maxBytes })
      expect(bytes(markdown)).toBeLessThanOrEqual(maxBytes)
      expect(markdown.startsWith(marker + '\n')).toBe(true)
      expect(markdown).toContain(`summary cut to fit ${maxBytes} bytes; 5000 findings not shown`)
      const full = toMarkdown([big], { marker })
      for (const line of markdown.split('\n').filter(line => line.startsWith('|'))) {
        expect(full.split('\n')).toContain(line)
      }
    }
  })

  it('refuses a limit too small for the marker and the note', () => {
    expect(() => toMarkdown([big], { marker, maxBytes: 60 })).toThrow(RangeError)
  })
})

describe('toJsonReport', () => {
  const ajv = new Ajv({ allErrors: true, strict: true })
  const validate = ajv.compile(reportSchema)
  const meta = {
    toolVersion: '0.1.0',
    generatedAt: '2026-11-20T10:00:00.000Z',
    pullRequest: { number: 42, headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40) }
  }

  it('counts and carries every checklist, missing values as null', () => {
    const report = toJsonReport([passing, failing], meta)
    expect(report).toMatchObject({
      version: 1,
      tool: { name: 'readiness-gate', version: '0.1.0' },
      generatedAt: meta.generatedAt,
      pullRequest: meta.pullRequest,
      passed: false,
      errors: 4,
      warnings: 1,
      notices: 1
    })
    const checklist = report.checklists[1]
    expect(checklist?.path).toBe(failing.path)
    expect(checklist?.sections[3]?.threshold).toBeNull()
    expect(checklist?.fields[1]).toEqual({
      label: 'Error rate',
      line: 26,
      value: null,
      target: '< 0.1%',
      status: 'unfilled',
      scope: 'gated'
    })
    expect(checklist?.findings.map(finding => finding.line)).toEqual([5, 7, 25, 27, 70, 71])
    expect(toJsonReport([passing], { toolVersion: '0.1.0' })).toEqual(
      expect.not.objectContaining({ generatedAt: expect.anything() })
    )
  })

  it('lists every task item with its line and box, for comparing with any renderer', () => {
    const report = toJsonReport([passing, failing], meta)
    expect(report.checklists[1]?.tasks).toEqual([
      { line: 6, checked: true },
      { line: 7, checked: false },
      { line: 61, checked: true },
      { line: 71, checked: false }
    ])
    expect(report.checklists[0]?.tasks).toHaveLength(passing.tasks.length)
  })

  it('validates against the schema', () => {
    const reports = [
      toJsonReport([passing, failing], meta),
      toJsonReport([], { toolVersion: '0.1.0' }),
      toJsonReport(
        [{ ...failing, findings: manyFindings(5_000, 100, line => `finding ${line}`) }],
        meta
      )
    ]
    for (const report of reports) {
      // Through JSON, as consumers read it.
      expect(validate(JSON.parse(JSON.stringify(report))), ajv.errorsText(validate.errors)).toBe(
        true
      )
    }
  })

  it('rejects what the format does not allow', () => {
    const report = JSON.parse(JSON.stringify(toJsonReport([failing], meta)))
    expect(validate({ ...report, extra: true })).toBe(false)
    report.checklists[0].findings[0].rule = 'no-such-rule'
    expect(validate(report)).toBe(false)
  })

  it('is written in chunks that add up to JSON.stringify with two spaces', () => {
    const written = (value: unknown) => {
      const chunks: string[] = []
      writeJson(value, chunk => chunks.push(chunk))
      return chunks
    }
    const big = toJsonReport(
      [{ ...failing, findings: manyFindings(5_000, 100, line => `finding "${line}" ✓`) }],
      meta
    )
    for (const value of [toJsonReport([passing, failing], meta), big]) {
      expect(written(value).join('')).toBe(`${JSON.stringify(value, null, 2)}\n`)
    }
    expect(written(big).length).toBeGreaterThan(1)
    const edges = {
      a: [],
      b: {},
      c: [[], {}, [null]],
      d: undefined,
      e: [undefined, 'x'],
      f: -0.5,
      deep: [{ g: [{ h: [1, '[', ']'] }] }, 2],
      many: Array.from({ length: 2_500 }, (_, i) => ({ i, s: `]${i}[` }))
    }
    expect(written(edges).join('')).toBe(`${JSON.stringify(edges, null, 2)}\n`)
    expect(written([]).join('')).toBe('[]\n')
    expect(written(edges.many).join('')).toBe(`${JSON.stringify(edges.many, null, 2)}\n`)
  })

  it('lists exactly the rule ids', () => {
    expect(reportSchema.definitions.ruleId.enum).toEqual([...RULE_IDS])
  })
})

describe('toAnnotations', () => {
  it('maps severities to levels, rule ids to titles, errors first', () => {
    const annotations = toAnnotations([failing])
    expect(
      annotations.map(annotation => [
        annotation.annotation_level,
        annotation.start_line,
        annotation.title
      ])
    ).toEqual([
      ['failure', 5, 'threshold'],
      ['failure', 7, 'item-open'],
      ['failure', 25, 'target-missed'],
      ['failure', 71, 'signoff-missing'],
      ['warning', 70, 'signoff-date-stale'],
      ['notice', 27, 'target-unparsed']
    ])
    expect(annotations[0]).toEqual({
      path: failing.path,
      start_line: 5,
      end_line: 5,
      annotation_level: 'failure',
      title: 'threshold',
      message: 'Critical Requirements: 7/8 done (87%), below 100%'
    })
  })

  it('keeps lines at least 1 and messages within 64 KB', () => {
    const long: Evaluation = {
      ...passing,
      findings: [{ rule: 'blank', severity: 'error', line: 0, message: '🚀'.repeat(20_000) }]
    }
    const [annotation] = toAnnotations([long])
    expect(annotation?.start_line).toBe(1)
    expect(bytes(annotation?.message ?? '')).toBeLessThanOrEqual(64 * 1024)
    expect(annotation?.message.endsWith('🚀…')).toBe(true)
  })

  it('chunks 120 into 50, 50 and 20', () => {
    const items = Array.from({ length: 120 }, (_, index) => index)
    const chunks = chunk(items)
    expect(chunks.map(part => part.length)).toEqual([50, 50, 20])
    expect(chunks.flat()).toEqual(items)
    expect(chunk([])).toEqual([])
    expect(() => chunk(items, 0)).toThrow(RangeError)
  })
})

describe('toText', () => {
  it('leads with what is left, then the parts, then the counts', () => {
    const text = toText([passing, failing], { color: false, next: ['Run it again.'] })
    expect(text).toContain(
      [
        'checklists/releases/2026.11.md: not ready: 1 sign-off to sign, 1 target missed, 1 section below threshold, 1 item to tick',
        '',
        "What's left:",
        '  sign Role missing (line 71)',
        '  fix a target: RTO measured: 150 s misses < 120s <script>alert(1)</script> (line 25)',
        '  tick Critical Requirements: 7/8 done (87%), below 100% (line 5)',
        '  tick 1 item: Critical Requirements (Must Pass 100%) (1, from line 7)',
        '',
        'Parts:',
        '  ✗ Critical Requirements (Must Pass 100%)  items 7/8',
        '  ✗ Important | Ops Requirements            items 9/10  targets 2/5',
        '  i Nice to have                            items 0/2  sign-offs 1/9',
        '',
        'Items 15/20 done, 1 waived; sign-offs 1/9 signed; 4 errors, 1 warning, 1 notice (--all lists every one).'
      ].join('\n')
    )
    expect(text.split('\n')[0]).toBe(
      'checklists/releases/2026.10.md: ready: 3/3 sign-offs, 2 sections passed'
    )
    expect(text.trimEnd().endsWith('1 of 2 checklists not ready\n\nNext:\n  Run it again.')).toBe(
      true
    )
    expect(text).not.toContain('\u001b')
  })

  it('prints every finding compiler-style first with all', () => {
    const lines = toText([passing, failing], { color: false, all: true }).split('\n')
    expect(lines.slice(0, 6)).toEqual([
      'checklists/releases/2026.11.md:5: error threshold: Critical Requirements: 7/8 done (87%), below 100%',
      'checklists/releases/2026.11.md:7: error item-open: Open item: run a | b then ping @mallory and @acme/sre',
      'checklists/releases/2026.11.md:25: error target-missed: RTO measured: 150 s misses < 120s <script>alert(1)</script>',
      'checklists/releases/2026.11.md:27: notice target-unparsed: Cannot compare parsecs with hours',
      'checklists/releases/2026.11.md:70: warning signoff-date-stale: Tech Lead signed 40 days ago',
      'checklists/releases/2026.11.md:71: error signoff-missing: Role missing: no signer'
    ])
  })

  it('colors only when asked, and never passes escape sequences from a checklist through', () => {
    const hostile: Evaluation = {
      ...failing,
      findings: [
        {
          rule: 'blank',
          severity: 'error',
          line: 3,
          message: 'fill \u001b[2Jin\nfake.md:1: error x'
        }
      ]
    }
    expect(toText([hostile], { color: false, all: true })).toContain(
      'checklists/releases/2026.11.md:3: error blank: fill  [2Jin fake.md:1: error x\n'
    )
    const colored = toText([hostile], { color: true, all: true })
    expect(colored).toContain('\u001b[31m\u001b[1merror\u001b[0m')
    expect(colored).not.toContain('\u001b[2J')
  })
})

describe('sameVerdict', () => {
  const rendered = (time: string, runUrl: string, headSha = 'c'.repeat(40)) =>
    toMarkdown([failing], {
      heading: 'Gate',
      run: { headSha, baseSha: 'a'.repeat(40), time, runUrl }
    })

  it('a later run of the same verdict says the same: the comment is not rewritten', () => {
    expect(
      sameVerdict(
        rendered('2026-12-01T20:59:59Z', 'https://github.com/acme/app/actions/runs/1'),
        rendered('2026-12-01T21:00:01Z', 'https://github.com/acme/app/actions/runs/2')
      )
    ).toBe(true)
  })

  it('another commit evaluated, or another verdict, is a change', () => {
    const run = 'https://github.com/acme/app/actions/runs/1'
    expect(
      sameVerdict(
        rendered('2026-12-01T20:59Z', run),
        rendered('2026-12-01T20:59Z', run, 'd'.repeat(40))
      )
    ).toBe(false)
    expect(sameVerdict(rendered('2026-12-01T20:59Z', run), toMarkdown([passing]))).toBe(false)
  })
})

describe('verdictOf', () => {
  it('passes only when every checklist passes, and carries their annotations', () => {
    expect(verdictOf([passing], [], { heading: 'Gate' }).passed).toBe(true)
    const verdict = verdictOf([passing, failing], [], { heading: 'Gate' })
    expect(verdict.passed).toBe(false)
    expect(verdict.annotations).toEqual(toAnnotations([passing, failing]))
    expect(verdict.markdown(65_535, '<!-- m -->')).toMatch(/^<!-- m -->\n/)
  })

  it('fails a pull request that fails as a whole, its findings first, with rule and file line', () => {
    const verdict = verdictOf(
      [],
      [
        {
          rule: 'pr-checklist-missing',
          severity: 'error',
          path: '.github/readiness-gate.yml',
          line: 1,
          message: 'This pull request changes no checklist.'
        }
      ],
      { heading: 'Gate' }
    )
    expect(verdict).toMatchObject({
      passed: false,
      title: 'Not ready: no checklist in this pull request'
    })
    expect(verdict.markdown(65_535, '<!-- m -->')).toBe(
      "<!-- m -->\n\n## ❌ Not ready: no checklist in this pull request\n\n**What's left**\n\n- ❌ This pull request changes no checklist. (`pr-checklist-missing`, .github/readiness-gate.yml line 1)\n\n<sub>Gate</sub>\n"
    )
  })
})

describe('an Enterprise Managed User login (alice_acme)', () => {
  it('signs, is listed in the report and is rendered as a non-pinging @alice_acme', () => {
    const text = COMPLETE.replace(
      '- [x] Security Team Lead: @dave',
      '- [x] Security Team Lead: @alice_acme'
    )
    const evaluation = gate(text, {
      context: {
        reviews: approvals(...SIGNERS, 'alice_acme'),
        codeOwners: ['@alice', '@bob', '@carol', '@dave', '@frank', '@alice_acme']
      }
    })
    const signoff = evaluation.signoffs.find(s => s.role === 'Security Team Lead')!
    expect(signoff).toMatchObject({ signers: ['alice_acme'], status: 'signed' })
    const report = toJsonReport([evaluation], { toolVersion: '0.0.0' })
    expect(new Ajv({ strict: false }).validate(reportSchema, report)).toBe(true)
    expect(toMarkdown([evaluation])).toContain('`@alice_acme`')
    expect(toMarkdown([evaluation])).not.toContain('alice\\_acme')
  })
})
