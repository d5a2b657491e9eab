import { Ajv } from 'ajv'
import MarkdownIt from 'markdown-it'
import { describe, expect, it } from 'vitest'
import {
  CHECK_RUN_SUMMARY_MAX_BYTES,
  JOB_SUMMARY_MAX_BYTES,
  chunk,
  reportSchema,
  title,
  toAnnotations,
  toJsonReport,
  toMarkdown,
  toText,
  verdictOf
} from '../src/report/index.js'
import { RULE_IDS, type Evaluation } from '../src/rules/types.js'
import { failing, manyFindings, passing } from './fixtures/report/evaluations.js'

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8')
const fileUrl = (path: string, line: number): string =>
  `https://github.com/acme/app/blob/abc123/${path}#L${line}`

/** Rows of every table as GitHub would see them, parsed by a real GFM parser. */
function tables(markdown: string): string[][][] {
  const tokens = new MarkdownIt({ html: true }).parse(markdown, {})
  const result: string[][][] = []
  let row: string[] = []
  let inTable = false
  for (const token of tokens) {
    if (token.type === 'table_open') {
      inTable = true
      result.push([])
    } else if (token.type === 'table_close') inTable = false
    else if (token.type === 'tr_open') row = []
    else if (token.type === 'tr_close') result.at(-1)?.push(row)
    else if (token.type === 'inline' && inTable) row.push(token.content)
  }
  return result
}

function htmlTokens(markdown: string): string[] {
  return new MarkdownIt({ html: true })
    .parse(markdown, {})
    .flatMap(token => [token, ...(token.children ?? [])])
    .filter(token => token.type === 'html_inline' || token.type === 'html_block')
    .map(token => token.content)
}

describe('title', () => {
  it('says what passed when ready', () => {
    expect(title([passing])).toBe('Ready: 3/3 sign-offs, 2 sections passed')
  })

  it('puts sign-offs, failing sections and errors first when not ready', () => {
    expect(title([failing])).toBe('1/9 sign-offs · 1 section below threshold · 4 errors')
    expect(title([passing, failing])).toBe('4/12 sign-offs · 1 section below threshold · 4 errors')
  })

  it('has a title when nothing was checked', () => {
    expect(title([])).toBe('No checklist to check')
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
    detailsUrl: 'https://github.com/acme/app/runs/1',
    fileUrl
  })

  it('starts with the marker, then the heading and the verdict', () => {
    const [marker, heading, verdict] = markdown.split('\n\n')
    expect(marker).toBe('<!-- readiness-gate:checklists/releases -->')
    expect(heading).toBe('## Readiness Gate')
    expect(verdict).toBe(
      '❌ **Not ready** · 4/12 sign-offs · 1 section below threshold · 4 errors · ' +
        '1 of 2 checklists not ready · [Details](https://github.com/acme/app/runs/1)'
    )
    expect(toMarkdown([passing])).toMatch(
      /^✅ \*\*Ready\*\* · 3\/3 sign-offs · 2 sections passed\n/
    )
  })

  it('has the sections, sign-offs, fields and findings tables, every row whole', () => {
    const parsed = tables(toMarkdown([failing], { fileUrl }))
    const headers = parsed.map(rows => rows[0])
    expect(headers).toEqual([
      ['Section', 'Threshold', 'Done', 'Result'],
      ['Role', 'Line', 'Signers', 'Date', 'Status'],
      ['Field', 'Line', 'Value', 'Target', 'Status'],
      ['Severity', 'Line', 'Rule', 'Message']
    ])
    for (const rows of parsed) {
      for (const row of rows) expect(row).toHaveLength(rows[0]!.length)
    }
    const [sections, signoffs, fields, findings] = parsed
    // Headings without items and excluded sections are left out.
    expect(sections?.slice(1)).toEqual([
      ['Critical Requirements (Must Pass 100%)', '100%', '7/8 (87%)', '❌ below threshold'],
      // The escaped pipe is text inside the cell, not a cell border.
      ['Important | Ops Requirements', '90%', '9/10 (90%), 1 waived', '✅ passed'],
      ['Nice to have', '50%', '0/2 (0%)', '❌ below threshold (informational)']
    ])
    expect(signoffs).toHaveLength(1 + 9)
    expect(signoffs?.[3]).toEqual([
      'Role invalid',
      `[72](${fileUrl(failing.path, 72)})`,
      'Bob Smith',
      '2026-11-19',
      '❌ invalid'
    ])
    // Only targets that are not met, and a count of the met ones.
    expect(fields?.slice(1).map(row => row[0])).toEqual(['RTO measured', 'Error rate', 'Distance'])
    expect(fields?.[2]).toEqual([
      'Error rate',
      `[26](${fileUrl(failing.path, 26)})`,
      '—',
      '&lt; 0.1%',
      '❌ not filled in'
    ])
    expect(toMarkdown([failing])).toContain('2 other targets met.')
    expect(toMarkdown([passing])).toContain('\n1 target met.\n')
    // Findings sorted by line, linked.
    expect(findings?.slice(1).map(row => row[1])).toEqual(
      [5, 7, 25, 27, 70, 71].map(line => `[${line}](${fileUrl(failing.path, line)})`)
    )
    expect(findings?.[1]).toEqual([
      '❌ error',
      `[5](${fileUrl(failing.path, 5)})`,
      '`threshold`',
      'Critical Requirements: 7/8 done (87%), below 100%'
    ])
  })

  it('escapes pipes, newlines, HTML and mentions in checklist text', () => {
    const text = toMarkdown([failing])
    expect(text).toContain('Important \\| Ops Requirements')
    expect(text).toContain('Open item: run a \\| b then ping `@mallory` and `@acme/sre`')
    expect(text).toContain('Tech Lead &lt;script&gt;alert(1)&lt;/script&gt;')
    expect(text).not.toContain('<script')
    expect(htmlTokens(text)).toEqual([])
    // Logins read as @login but sit in code spans, where GitHub does not notify.
    expect(text).toContain('| `@carol` |')
    expect(text).not.toMatch(/(^|[^`])@(alice|mallory|acme)/m)
  })

  it('keeps the marker as the only HTML and rejects one that is not a comment', () => {
    const marker = '<!-- readiness-gate:a.md -->'
    expect(htmlTokens(toMarkdown([failing], { marker }))).toEqual([marker + '\n'])
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

describe('toMarkdown with maxBytes', () => {
  const marker = '<!-- readiness-gate:checklists/big.md -->'
  // Multi-byte text: umlauts, CJK and emoji (4 bytes in UTF-8, 2 UTF-16 units).
  const message = (line: number): string =>
    `Überprüfung ${line}: 日本語のテキスト 🚀 must be done | before release`
  const big: Evaluation = {
    ...failing,
    path: 'checklists/big.md',
    findings: manyFindings(5_000, 100, message)
  }

  /** Lines of the findings table rows that are shown, as [severity, line]. */
  function shownFindings(markdown: string): { severity: string; line: number }[] {
    const findings = tables(markdown).find(rows => rows[0]?.[0] === 'Severity') ?? []
    return findings.slice(1).map(([severity = '', line = '']) => ({
      severity: severity.split(' ')[1] ?? '',
      line: Number(line)
    }))
  }

  it('fits 5,000 findings into a check run summary, errors first, with a note', () => {
    const markdown = toMarkdown([big], { marker, maxBytes: CHECK_RUN_SUMMARY_MAX_BYTES })
    expect(bytes(markdown)).toBeLessThanOrEqual(CHECK_RUN_SUMMARY_MAX_BYTES)
    // Little room wasted: one more row (about 150 bytes) would not have fitted.
    expect(bytes(markdown)).toBeGreaterThan(CHECK_RUN_SUMMARY_MAX_BYTES - 300)
    expect(markdown.startsWith(marker + '\n')).toBe(true)

    const shown = shownFindings(markdown)
    const hidden = 5_000 - shown.length
    expect(
      markdown
        .trimEnd()
        .endsWith(`… ${hidden} more findings not shown: see the JSON report / annotations.`)
    ).toBe(true)
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
    // Shown rows stay sorted by line.
    const lines = shown.map(finding => finding.line)
    expect(lines).toEqual([...lines].sort((a, b) => a - b))
  })

  it('drops the furthest errors when even the errors do not fit', () => {
    const allErrors: Evaluation = { ...big, findings: manyFindings(5_000, 5_000, message) }
    const markdown = toMarkdown([allErrors], { maxBytes: CHECK_RUN_SUMMARY_MAX_BYTES })
    expect(bytes(markdown)).toBeLessThanOrEqual(CHECK_RUN_SUMMARY_MAX_BYTES)
    const lines = shownFindings(markdown).map(finding => finding.line)
    expect(lines).toEqual(Array.from({ length: lines.length }, (_, index) => index + 1))
  })

  it('fits the job summary limit without trimming when it can', () => {
    const markdown = toMarkdown([big], { maxBytes: JOB_SUMMARY_MAX_BYTES })
    expect(markdown).toBe(toMarkdown([big]))
    expect(bytes(markdown)).toBeLessThanOrEqual(JOB_SUMMARY_MAX_BYTES)
  })

  it('cuts whole lines when even the tables without findings are too big', () => {
    for (const maxBytes of [200, 700, 1_200, 1_600]) {
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
  it('prints compiler-style finding lines, then a summary', () => {
    const text = toText([passing, failing], { color: false })
    const lines = text.split('\n')
    expect(lines.slice(0, 6)).toEqual([
      'checklists/releases/2026.11.md:5: error threshold: Critical Requirements: 7/8 done (87%), below 100%',
      'checklists/releases/2026.11.md:7: error item-open: Open item: run a | b then ping @mallory and @acme/sre',
      'checklists/releases/2026.11.md:25: error target-missed: RTO measured: 150 s misses < 120s <script>alert(1)</script>',
      'checklists/releases/2026.11.md:27: notice target-unparsed: Cannot compare parsecs with hours',
      'checklists/releases/2026.11.md:70: warning signoff-date-stale: Tech Lead signed 40 days ago',
      'checklists/releases/2026.11.md:71: error signoff-missing: Role missing: no signer'
    ])
    expect(text).toContain(
      [
        'checklists/releases/2026.11.md: not ready',
        '  items      15/20 done, 1 waived',
        '  sections   1/2 passed',
        '  sign-offs  1/9 signed',
        '  findings   4 errors, 1 warning, 1 notice'
      ].join('\n')
    )
    expect(text).toContain('checklists/releases/2026.10.md: ready\n')
    expect(text.trimEnd().endsWith('1 of 2 checklists not ready')).toBe(true)
    expect(text).not.toContain('\u001b')
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
    expect(toText([hostile], { color: false })).toContain(
      'checklists/releases/2026.11.md:3: error blank: fill  [2Jin fake.md:1: error x\n'
    )
    const colored = toText([hostile], { color: true })
    expect(colored).toContain('\u001b[31m\u001b[1merror\u001b[0m')
    expect(colored).not.toContain('\u001b[2J')
  })
})

describe('verdictOf', () => {
  it('passes only when every checklist passes, and carries their annotations', () => {
    expect(verdictOf([passing], undefined, { heading: 'Gate' }).passed).toBe(true)
    const verdict = verdictOf([passing, failing], undefined, { heading: 'Gate' })
    expect(verdict.passed).toBe(false)
    expect(verdict.annotations).toEqual(toAnnotations([passing, failing]))
    expect(verdict.markdown(65_535, '<!-- m -->')).toMatch(/^<!-- m -->\n/)
  })

  it('fails a pull request that could not be evaluated, saying why', () => {
    const verdict = verdictOf([], 'This pull request changes no checklist.', { heading: 'Gate' })
    expect(verdict).toMatchObject({ passed: false, title: 'No checklist in this pull request' })
    expect(verdict.markdown(65_535, '<!-- m -->')).toBe(
      '<!-- m -->\n❌ This pull request changes no checklist.\n'
    )
  })
})
