import { describe, expect, it } from 'vitest'
import { ChecklistError, decodeChecklist, parseChecklist } from '../src/checklist/parse.js'
import { COMPLETE, lineOf } from './helpers/checklist.js'
import { Random } from './helpers/markdown-generator.js'

const parse = (text: string) => parseChecklist(text, 'checklist.md')
const itemTexts = (text: string) => parse(text).items.map(item => item.text)

describe('sections', () => {
  it('form the heading tree, each with its path, level, parent and line', () => {
    const { sections } = parse('# Release\n\n## Phase 1\n\n### Database\n\n## Phase 2\n\ntext\n')
    expect(sections.map(s => [s.title, s.path.join(' > '), s.level, s.parent, s.line])).toEqual([
      ['Release', 'Release', 1, undefined, 1],
      ['Phase 1', 'Release > Phase 1', 2, 0, 3],
      ['Database', 'Release > Phase 1 > Database', 3, 1, 5],
      ['Phase 2', 'Release > Phase 2', 2, 0, 7]
    ])
  })

  it('keeps plain text of headings with markup, and bold labels are not sections', () => {
    const { sections, items } = parse(
      '## **Phase** `one`\n\n**Validation Checklist:**\n\n- [ ] a\n'
    )
    expect(sections.map(s => s.title)).toEqual(['Phase one'])
    expect(items[0]!.section).toBe(0)
  })

  it('reads thresholds in headings', () => {
    const { sections } = parse(
      '## Critical Requirements (Must Pass 100%)\n\n## Important (90% required)\n\n## Other\n'
    )
    expect(sections.map(s => s.threshold)).toEqual([100, 90, undefined])
  })
})

describe('task items, counted as GitHub counts them', () => {
  it('accepts every list marker and both checked spellings', () => {
    const { items } = parse('- [ ] dash\n* [x] star\n+ [X] plus\n\n1. [ ] dot\n\n1) [x] paren\n')
    expect(items.map(i => [i.text, i.checked, i.line])).toEqual([
      ['dash', false, 1],
      ['star', true, 2],
      ['plus', true, 3],
      ['dot', false, 5],
      ['paren', true, 7]
    ])
  })

  it('nests items, with parent and children', () => {
    const text =
      '- [x] parent\n  - [ ] child\n    - [x] grandchild\n  - plain\n    - [ ] under plain\n'
    const { items } = parse(text)
    expect(items.map(i => [i.text, i.parent, i.children])).toEqual([
      ['parent', undefined, [1, 3]],
      ['child', 0, [2]],
      ['grandchild', 1, []],
      ['under plain', 0, []]
    ])
  })

  it.each([
    ['a box alone', '- [ ]'],
    ['a box with no space before the text', '- [x]text'],
    ['a list inside a block quote', '> - [ ] quoted'],
    ['a list inside a list item on the same line', '- - [ ] double'],
    ['an HTML comment', '<!--\n- [ ] hidden\n-->'],
    ['a one-line HTML comment', '<!-- - [ ] hidden -->'],
    ['a fenced code block', '```\n- [ ] code\n```'],
    ['a tilde fence', '~~~\n- [ ] code\n~~~'],
    ['an indented code block', '    - [ ] code'],
    ['a table cell', '| a |\n|---|\n| - [ ] x |']
  ])('does not count %s', (_name, text) => {
    expect(parse(text).items).toEqual([])
  })

  it.each([
    [
      'a box followed by a space, its text wrapped onto the next line',
      '- [ ] \n  wrapped',
      'wrapped'
    ],
    ['several spaces after the marker', '-   [ ] wide', 'wide'],
    ['a tab after the box', '- [ ]\ttab', 'tab'],
    ['an item inside <details>', '<details>\n\n- [ ] inside\n\n</details>', 'inside']
  ])('counts %s', (_name, text, expected) => {
    expect(itemTexts(text)).toEqual([expected])
  })

  // Where markdown-it (CommonMark 0.31) and GitHub's cmark-gfm 0.29 disagree: each expectation
  // is what `cmark-gfm -e tasklist` renders, as [line, checked].
  it.each([
    [
      'an open <textarea> HTML block ended by a blank line',
      '<textarea>\n\n- [ ] a\n',
      [[3, false]]
    ],
    ['<search> after a paragraph line', 'para\n<search>\n\n- [ ] a\n', [[4, false]]],
    ['a task line before a table delimiter row', '- [ ] Latency | p99\n--|--\n', [[1, false]]],
    ['a <br> line after an item', '- [ ] a\n<br>\n- [x] a\n', [[1, false]]],
    ['a </pre> line after an item', '- [ ] a\n</pre>\n- [x] a\n', [[1, false]]],
    ['five columns after the marker (code)', '-     [x] a\n', []],
    [
      'an empty task, a blank line, then a task',
      '- [ ] \n\n- [x] b\n',
      [
        [1, false],
        [3, true]
      ]
    ],
    [
      'an empty task, then an ordered task',
      '- [ ] \n9. [ ] a\n',
      [
        [1, false],
        [2, false]
      ]
    ],
    ['cmark-gfm reading the box of a later line: open', '- [x] a\n\n  10 [ ] b\n', [[1, false]]],
    [
      'a fence longer than 255 characters',
      `${'`'.repeat(300)}\n- [ ] a\n${'`'.repeat(300)}\n- [x] b`,
      [[4, true]]
    ],
    [
      'CRLF, a lone CR and a tab',
      '- [ ] a\r\n- [x] b\r- [ ] c\n\t- [x] d\n',
      [
        [1, false],
        [2, true],
        [3, false],
        [4, true]
      ]
    ],
    [
      'a link reference definition before the items',
      '[a]: /u\n- [ ] a\n- [x] [a]\n',
      [
        [2, false],
        [3, true]
      ]
    ]
  ] as [string, string, [number, boolean][]][])('follows GitHub on %s', (_name, text, expected) => {
    expect(parse(text).items.map(i => [i.line, i.checked])).toEqual(expected)
  })

  it('puts each item in the innermost section', () => {
    const { items, sections } = parse('# A\n\n- [ ] one\n\n## B\n\n- [ ] two\n')
    expect(items.map(i => sections[i.section!]!.title)).toEqual(['A', 'B'])
  })
})

describe('footnotes, which GitHub renders below the document', () => {
  const NOTE = '# A\n\n- [x] one[^1]\n\n[^1]: Also:\n    - [ ] two\n\n# B\n\n- [x] three\n'

  it('count their tasks in the section they are written in, in source order', () => {
    const { items, sections } = parse(NOTE)
    expect(items.map(i => [i.text, i.line, i.checked, sections[i.section!]!.title])).toEqual([
      ['one', 3, true, 'A'],
      ['two', 6, false, 'A'],
      ['three', 10, true, 'B']
    ])
  })

  it('that nobody references are not shown, and their boxes are not items', () => {
    expect(itemTexts(NOTE.replace('one[^1]', 'one'))).toEqual(['one', 'three'])
  })

  it('in a sign-off block hold no sign-offs: they are shown below it', () => {
    const { signoffs, items } = parse(
      '## Sign-off\n\n- DBA: @carol[^why]\n\n[^why]: Restore tested:\n    - [ ] drill\n\n- SRE: @dave\n'
    )
    expect(signoffs.map(s => [s.role, s.line])).toEqual([
      ['DBA', 3],
      ['SRE', 8]
    ])
    expect(items.map(i => i.text)).toEqual(['drill'])
  })
})

describe('waived items', () => {
  it('are struck through with N/A: reason', () => {
    const { items } = parse(
      '- [ ] ~~Mobile access~~ N/A: no mobile app\n- [ ] ~~Legacy export N/A - retired~~\n- [ ] ~~Struck without reason~~\n- [ ] N/A: not struck\n'
    )
    expect(items.map(i => i.waiver?.reason)).toEqual([
      'no mobile app',
      'retired',
      undefined,
      undefined
    ])
  })
})

describe('a waiver strikes through the item itself', () => {
  it('text left unstruck beside the N/A reason is not waived', () => {
    const { items } = parse(
      [
        '- [ ] Backups verified N/A: skip ~~x~~',
        '- [ ] ~~x~~ Backups verified N/A: skip',
        '- [ ] ~~Backups~~ verified N/A: skip',
        '- [ ] Backups ~~verified~~ N/A: skip',
        '- [ ] ![backups](b.png) ~~verified~~ N/A: skip',
        '- [ ] ~~N/A: skip~~',
        '- [x] ~~Backups verified~~ N/A: no database',
        '- [x] ~~**Backups** verified~~\n  N/A: no database'
      ].join('\n')
    )
    expect(items.map(i => i.waiver?.reason)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      'no database',
      'no database'
    ])
  })
})

describe('blanks', () => {
  it('finds underscore runs and bracketed placeholders, not links', () => {
    const text = [
      'Owner: ______',
      '',
      'Coverage was ____% this week.',
      '',
      'Ask [Name] on [Date].',
      '',
      'See [Name](https://example.com) and snake_case and __init__.'
    ].join('\n')
    const { blanks } = parse(text)
    expect(blanks.map(b => [b.line, b.text])).toEqual([
      [3, '____'],
      [5, '[Name]'],
      [5, '[Date]']
    ])
    // "Owner: ______" is an unfilled field, not a loose blank.
    expect(parse(text).fields).toEqual([
      expect.objectContaining({ line: 1, label: 'Owner', value: undefined })
    ])
  })

  it.each([
    ['a link reference definition', '[ref]: https://example.com\n"Title"\nOwner: ______\n', 3],
    ['a code span over two lines', 'Run `make\ncheck` first\nOwner: ______\n', 3],
    ['raw HTML over two lines', 'See <span\ntitle="x">this</span>\nOwner: ______\n', 3],
    ['a code span in a task item', '- [ ] a `b\n  c` d\n  Owner: ______\n', 3]
  ])('are on their own line after %s in the same paragraph', (_name, text, line) => {
    expect(parse(text).fields.map(f => [f.label, f.line])).toEqual([['Owner', line]])
  })

  it('are numbered with their source line whatever spans lines before them, in 500 paragraphs', () => {
    // Inline markup over two lines, link reference definitions opening the paragraph, in every
    // container; each field's label is unique, so its source line can be looked up.
    const SPANNING = [
      '`a\nb`',
      '<span\ntitle="x">',
      '**b\nc**',
      '~~d\ne~~',
      '[l\nk](/u)',
      '![i\nm](/p)'
    ]
    const INLINE = ['https://example.com', 'www.example.com', '&amp;', '[^1]', '`c`', '<br>', '_x_']
    const wrong: string[] = []
    for (let n = 0; n < 500; n++) {
      const random = new Random(n + 1)
      const body: string[] = []
      for (let k = random.int(0, 2); k > 0; k--) {
        body.push(random.pick(['[a]: /u', '[b]: /u\n"Title"', '[c]:\n/u']))
      }
      for (let k = random.int(1, 4); k > 0; k--) {
        const before = random.chance(0.5) ? `${random.pick([...SPANNING, ...INLINE])} ` : ''
        body.push(`${before}Field ${n}.${k}: ______`)
        if (random.chance(0.5)) body.push(random.pick([...SPANNING, ...INLINE]))
      }
      const [first, rest] = random.pick([
        ['', ''],
        ['- ', '  '],
        ['> ', '> '],
        ['1. ', '   '],
        ['- [ ] x\n  ', '  ']
      ])
      const lines = body.join('\n').split('\n')
      const text = [
        '# S',
        '',
        ...lines.map((line, i) => (i === 0 ? first : rest) + line),
        '',
        '[^1]: n'
      ].join('\n')
      const source = text.split('\n')
      for (const field of parse(text).fields) {
        const label = /Field \d+\.\d+/.exec(field.label)![0]
        const line = source.findIndex(each => each.includes(`${label}:`)) + 1
        if (field.line !== line) wrong.push(`${field.label} on line ${line}, read on ${field.line}`)
      }
    }
    expect(wrong).toEqual([])
  })

  it('finds blanks in table cells', () => {
    const { blanks } = parse('| Role | Name |\n|---|---|\n| Ops Lead | [Name] |\n')
    expect(blanks).toEqual([expect.objectContaining({ line: 3, text: '[Name]' })])
  })
})

describe('fields', () => {
  it('read label, value, target and the unit written beside a blank', () => {
    const { fields } = parse(
      [
        '- [ ] RTO measured: ______ seconds (target: < 120s)',
        '- [x] Query latency p95: 42 ms (target: <= 50ms)',
        '- [ ] Symbols loaded: ______ (target: 50+)',
        '- [ ] Transaction throughput: ______ TPS'
      ].join('\n')
    )
    expect(
      fields.map(f => [f.line, f.label, f.value, f.targetText, f.unitHint, f.target?.op])
    ).toEqual([
      [1, 'RTO measured', undefined, '< 120s', 'seconds', '<'],
      [2, 'Query latency p95', '42 ms', '<= 50ms', undefined, '<='],
      [3, 'Symbols loaded', undefined, '50+', undefined, '>='],
      [4, 'Transaction throughput', undefined, undefined, 'TPS', undefined]
    ])
    expect(fields[1]!.actual).toMatchObject({ value: 0.042, dimension: 'time' })
  })

  it('a malformed target still makes a field, whose target cannot be read', () => {
    const { fields } = parse(
      [
        '- [x] A: 900 seconds (target: < 120s',
        '- [x] B: 900 seconds (target < 120s)',
        '- [x] C: 900 seconds (Target < 120s)',
        '- [x] Rollout: canary first (targeted at EU)'
      ].join('\n')
    )
    expect(fields.map(f => [f.line, f.label, f.value, f.targetText, f.target])).toEqual([
      [1, 'A', '900 seconds', '(target: < 120s', undefined],
      [2, 'B', '900 seconds', '(target < 120s)', undefined],
      [3, 'C', '900 seconds', '(Target < 120s)', undefined]
    ])
  })

  it('a field in a paragraph is a field too', () => {
    const { fields } = parse('Error rate: 0.5% (target: < 1%)\n')
    expect(fields).toEqual([expect.objectContaining({ line: 1, label: 'Error rate' })])
  })
})

describe('metric tables', () => {
  const table = [
    '| Metric | Baseline | Target | Actual | Status |',
    '|--------|----------|--------|--------|--------|',
    '| System Uptime | 99.5% | 99.9% | ____% | ☐ Met ☐ Not Met |',
    '| RTO | 30 min | 5 min | 4 min | ☒ Met ☐ Not Met |',
    '| API Latency P95 | 300ms | <250ms | ____ms | ☐ Met ☐ Not Met |'
  ].join('\n')

  it('make each row a field, its bare target directed by the baseline', () => {
    const { fields } = parse(table)
    expect(fields.map(f => [f.line, f.label, f.value, f.target?.op, f.source])).toEqual([
      [3, 'System Uptime', undefined, '>=', 'table'],
      [4, 'RTO', '4 min', '<=', 'table'],
      [5, 'API Latency P95', undefined, '<', 'table']
    ])
    expect(fields[1]!.baseline).toMatchObject({ value: 1800, dimension: 'time' })
  })

  it('report a blank Baseline cell as a blank, and leave a blank Actual to the field', () => {
    const { blanks } = parse(table.replace('| 30 min | 5 min |', '| ______ min | ≤5 min |'))
    expect(blanks).toEqual([
      expect.objectContaining({ line: 4, text: '______', context: expect.stringContaining('RTO') })
    ])
  })

  it('read the Status cell as a choice', () => {
    const { fields, choices } = parse(table)
    expect(fields[1]!.status!.options).toEqual([
      { label: 'Met', marked: true },
      { label: 'Not Met', marked: false }
    ])
    // Status cells belong to their field, not to the free-standing choices.
    expect(choices).toEqual([])
  })

  it('make a field of every Actual column, the ones after the first named by their header', () => {
    const { fields } = parse(
      [
        '| Metric | Target | Actual | Actual (re-run on final build) | Status |',
        '|---|---|---|---|---|',
        '| API latency p95 | <250ms | 182ms | 290ms | ☒ Met ☐ Not Met |'
      ].join('\n')
    )
    expect(fields.map(f => [f.label, f.value, f.status === undefined])).toEqual([
      ['API latency p95', '182ms', false],
      ['API latency p95 (Actual (re-run on final build))', '290ms', true]
    ])
  })

  it('find the Target and Actual columns whatever their case', () => {
    const { fields } = parse(
      '| Check | TARGET | actual |\n|---|---|---|\n| p95 | < 50ms | 40ms |\n'
    )
    expect(fields).toEqual([expect.objectContaining({ label: 'p95', value: '40ms' })])
  })
})

describe('choices', () => {
  it('in table cells, with the row title as context', () => {
    const { choices } = parse(
      '| Requirement | Status | Notes |\n|---|---|---|\n| Zero critical bugs | ☐ Pass ☒ Fail | |\n'
    )
    expect(choices).toEqual([
      expect.objectContaining({
        line: 3,
        context: 'Zero critical bugs',
        options: [
          { label: 'Pass', marked: false },
          { label: 'Fail', marked: true }
        ]
      })
    ])
  })

  it('in paragraphs, after a bold label', () => {
    const { choices } = parse('**Go/No-Go:** ☐ GO ☐ NO-GO\n')
    expect(choices).toEqual([
      expect.objectContaining({
        line: 1,
        context: 'Go/No-Go',
        options: [
          { label: 'GO', marked: false },
          { label: 'NO-GO', marked: false }
        ]
      })
    ])
  })

  it('with [x] boxes and every marked glyph', () => {
    const labels = (text: string) =>
      parse(text).choices.map(c => c.options.map(o => `${o.marked ? '+' : '-'}${o.label}`))
    expect(labels('Rollback tested? [x] Yes [ ] No\n')).toEqual([['+Yes', '-No']])
    expect(labels('A: ☑ Pass ☐ Fail\n\nB: ☐ Pass ✅ Fail\n\nC: ✔ Pass ☐ Fail\n')).toEqual([
      ['+Pass', '-Fail'],
      ['-Pass', '+Fail'],
      ['+Pass', '-Fail']
    ])
  })

  it('a line of ticks without a ballot box is not a choice', () => {
    expect(parse('✅ Done ✅ Tested\n').choices).toEqual([])
  })
})

describe('sign-off blocks', () => {
  it('a Go/No-Go decision in a sign-off block is a choice, not a signature; a named signer with boxes stays one', () => {
    const text = [
      '## Go/No-Go Decision and Sign-off',
      '',
      '**Go/No-Go:** ☒ GO ☐ NO-GO',
      '',
      '- Release Manager: @bob ☒ Yes ☐ No'
    ].join('\n')
    const { signoffs, choices } = parse(text)
    expect(choices.map(c => c.line)).toEqual([3])
    expect(signoffs.map(s => [s.line, s.role])).toEqual([[5, 'Release Manager']])
  })

  it('after a Sign-off: label, the list lines are sign-offs', () => {
    const text =
      '**Sign-off:**\n- DBA: ________________ Date: ________\n- SRE: @alice Date: 2026-11-18\n\nDone: yes\n'
    const { signoffs } = parse(text)
    expect(
      signoffs.map(s => [s.line, s.role, s.signerText, s.dateText, s.form, s.blockLine])
    ).toEqual([
      [2, 'DBA', '________________', '________', 'list', 1],
      [3, 'SRE', '@alice', '2026-11-18', 'list', 1]
    ])
  })

  it('under a Sign-off heading: task items and bold labels', () => {
    const text = [
      '## Sign-offs',
      '',
      '- [ ] Development Team Lead: _________________ Date: _______',
      '- [x] Business Owner: @frank Date: 2026-11-19',
      '',
      '### Final Sign-Off',
      '',
      '**I certify that all checks have been completed.**',
      '',
      '**Tech Lead:** ________________ Date: ________',
      '',
      '**SRE Lead:** @alice Date: 2026-11-19'
    ].join('\n')
    const { signoffs } = parse(text)
    expect(signoffs.map(s => [s.line, s.role, s.form])).toEqual([
      [3, 'Development Team Lead', 'task'],
      [4, 'Business Owner', 'task'],
      [10, 'Tech Lead', 'bold'],
      [12, 'SRE Lead', 'bold']
    ])
  })

  it('a table of roles and names in a sign-off block: each row a sign-off, its cells no blanks', () => {
    const text = [
      '## Approval Sign-Off',
      '',
      '| Role | Name | Signature | Date |',
      '|------|------|-----------|------|',
      '| Technical Lead | @alice | @alice | 2026-11-18 |',
      '| QA Lead | ________ | ________ | __________ |',
      '| ~~Security Lead~~ Security | ~~@mallory~~ | | |',
      '| [Role] | @bob | | |'
    ].join('\n')
    const { signoffs, blanks } = parse(text)
    expect(
      signoffs.map(s => [s.line, s.role, s.signerText, s.dateText, s.form, s.blockLine])
    ).toEqual([
      [5, 'Technical Lead', '@alice', '2026-11-18', 'table', 1],
      [6, 'QA Lead', '________', '__________', 'table', 1],
      // A name struck through signs nothing.
      [7, 'Security Lead Security', '', '', 'table', 1]
    ])
    // What is missing in a sign-off's own cells is its rule's (signoff-missing); a row whose
    // role is itself a placeholder is no sign-off, and its placeholder a blank.
    expect(blanks.map(b => [b.line, b.text])).toEqual([[8, '[Role]']])
  })

  it('an approval table anywhere is one; a table of contacts is not', () => {
    const text = [
      '## Change request',
      '',
      '| Role | Name | Date | Approved |',
      '|------|------|------|----------|',
      '| Change Manager | @carol | 2026-11-18 | [x] Yes [ ] No |',
      '',
      '## Emergency Contacts',
      '',
      '| Role | Name | Phone |',
      '|------|------|-------|',
      '| Ops Lead | [Name] | [Phone] |'
    ].join('\n')
    const { signoffs, choices, blanks } = parse(text)
    expect(signoffs.map(s => [s.line, s.role, s.signerText, s.blockLine])).toEqual([
      [5, 'Change Manager', '@carol', 3]
    ])
    expect(choices.map(c => c.line)).toEqual([5])
    expect(blanks.map(b => b.line)).toEqual([11, 11])
  })

  it.each([
    ['Approver Name', 'Date (YYYY-MM-DD)'],
    ['Sign-off by', 'Signed on'],
    ['Name / Signature', 'Date'],
    ['**GitHub login**', 'Date:']
  ])('a sign-off table read by the words of its header: Role | %s | %s', (signer, date) => {
    const text = [
      '## Sign-off',
      '',
      `| 👤 Approver Role | ${signer} | ${date} |`,
      '| --- | --- | --- |',
      '| DBA | @dave | 2026-11-19 |'
    ].join('\n')
    expect(parse(text).signoffs.map(s => [s.role, s.signerText, s.dateText])).toEqual([
      ['DBA', '@dave', '2026-11-19']
    ])
  })

  it('a row is signed by the logins of every signer column; a row with no role signs the role above', () => {
    const text = [
      '## Approvals',
      '',
      '| Role | Name | Approved by | Date |',
      '| --- | --- | --- | --- |',
      '| QA | @alice | @dave | 2026-11-19 |',
      '| DBA | Carol Jones | @carol | 2026-11-19 |',
      '|  | @erin |  | 2026-11-19 |',
      '|  |  |  |  |',
      '| [Role] | ____ |  |  |',
      '|  | @frank |  |  |'
    ].join('\n')
    expect(parse(text).signoffs.map(s => [s.line, s.role, s.signerText])).toEqual([
      [5, 'QA', '@alice @dave'],
      [6, 'DBA', '@carol'],
      [7, 'DBA', '@erin'],
      // Below a placeholder role (a blank itself), no role is known to sign for.
      [10, '(no role)', '@frank']
    ])
  })

  it('in a sign-off block, a table of contacts is still no sign-off table', () => {
    const text = [
      '## Sign-off',
      '',
      '### Emergency contacts',
      '',
      '| Role | Name | Phone |',
      '| --- | --- | --- |',
      '| On-call | Jane Doe | 555-0100 |'
    ].join('\n')
    expect(parse(text).signoffs).toEqual([])
  })

  it('after a Sign-off: label, a table is its block, which ends with it', () => {
    const text = [
      '**Sign-off:**',
      '',
      '| Role | Signer |',
      '| --- | --- |',
      '| DBA | @carol |',
      '',
      'Owner: @dave'
    ].join('\n')
    expect(parse(text).signoffs.map(s => [s.line, s.role, s.blockLine])).toEqual([[5, 'DBA', 1]])
  })

  it.each([
    'Approvals',
    'QA Lead Approval',
    'Final Approvals (Optional)',
    'Signatures',
    'Sign\u2011off'
  ])('a heading "%s" opens a sign-off block', heading => {
    const { signoffs } = parse(`## ${heading}\n\n- DBA: @dave Date: 2026-11-19\n`)
    expect(signoffs.map(s => [s.line, s.role, s.signerText])).toEqual([[3, 'DBA', '@dave']])
  })

  it.each(['Approval Process', 'Deployment Approval Checklist'])(
    'a heading "%s" does not',
    heading => {
      expect(parse(`## ${heading}\n\n- Step 1: submit the request\n`).signoffs).toEqual([])
    }
  )

  it('a group role names several logins', () => {
    const { signoffs } = parse('**Sign-off:**\n- All Team Members: @alice, @bob @carol\n')
    expect(signoffs).toEqual([
      expect.objectContaining({ role: 'All Team Members', signerText: '@alice, @bob @carol' })
    ])
  })

  it('certification scores, meeting attendees and a footer are not sign-offs', () => {
    const text = [
      '## Training',
      '',
      '- [ ] **Certification**',
      '  - Team Member 1: ____________ Score: ____ / 10',
      '',
      '### Decision Meeting',
      '',
      '**Attendees:**',
      '- Tech Lead: ____________',
      '',
      '## Sign-offs',
      '',
      '- [ ] Risk Management: ____ Date: ____',
      '',
      '---',
      '',
      '**Last Updated**: [Date]',
      '**Version**: 1.0'
    ].join('\n')
    const { signoffs, fields, blanks } = parse(text)
    expect(signoffs.map(s => s.line)).toEqual([13])
    expect(fields.map(f => f.label)).toContain('Tech Lead')
    expect(blanks.map(b => b.line)).toContain(4)
  })

  it('a heading of the same or higher level ends a heading block', () => {
    const text =
      '## Sign-offs\n\n- QA: @erin\n\n### Notes\n\n- Still: @in-block\n\n## After\n\n- Not: @signoff\n'
    expect(parse(text).signoffs.map(s => s.role)).toEqual(['QA', 'Still'])
  })
})

describe('lines', () => {
  it('every construct of the complete checklist keeps its line', () => {
    const checklist = parse(COMPLETE)
    const line = (needle: string) => lineOf(COMPLETE, needle)
    expect(checklist.items[0]!.line).toBe(line('- [x] All staging tests passed'))
    expect(checklist.fields.map(f => f.line)).toEqual([
      line('RTO measured'),
      line('Query latency'),
      line('Symbols loaded'),
      line('| System Uptime'),
      line('| RTO |'),
      line('| API Latency')
    ])
    expect(checklist.choices.map(c => c.line)).toEqual([
      line('| All staging tests passed |'),
      line('| Zero critical bugs |'),
      line('**Go/No-Go:**')
    ])
    expect(checklist.signoffs.map(s => s.line)).toEqual([
      line('DBA: @carol'),
      line('SRE: @alice'),
      line('**Tech Lead:**'),
      line('**Product Owner:**'),
      line('Security Team Lead:'),
      line('All Team Members:')
    ])
    const sections = checklist.sections.filter(s => s.threshold !== undefined)
    expect(sections.map(s => s.line)).toEqual([line('(Must Pass 100%)'), line('(90% required)')])
  })

  it('counts lines the same with CRLF line endings', () => {
    const crlf = parse(COMPLETE.replace(/\n/g, '\r\n'))
    const lf = parse(COMPLETE)
    expect(crlf.items.map(i => i.line)).toEqual(lf.items.map(i => i.line))
    expect(crlf.signoffs.map(s => s.line)).toEqual(lf.signoffs.map(s => s.line))
  })
})

describe('input that is not a checklist', () => {
  it('refuses an empty file', () => {
    expect(() => parse('  \n\n')).toThrow(ChecklistError)
  })

  it('refuses a binary file and text that is not UTF-8', () => {
    expect(() => decodeChecklist(new Uint8Array([0x89, 0x50, 0x00, 0x47]), 'x.png')).toThrow(
      /binary/
    )
    expect(() => decodeChecklist(new Uint8Array([0x2d, 0x20, 0xff, 0xfe]), 'x.md')).toThrow(/UTF-8/)
  })

  it('keeps a byte-order mark, which GitHub reads as text on line 1', () => {
    // cmark-gfm skips a BOM before blocks but not before a task box: `- [ ] a` is a plain
    // list item behind one, as github.com shows it; a heading stays a heading.
    const text = decodeChecklist(new TextEncoder().encode('\uFEFF- [ ] a\n- [ ] b\n'), 'x.md')
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(parse(text).items.map(i => i.line)).toEqual([2])
    const heading = decodeChecklist(new TextEncoder().encode('\uFEFF# Title\n\n- [ ] a\n'), 'x.md')
    expect(parse(heading).sections.map(s => s.title)).toEqual(['Title'])
    expect(parse(heading).items).toHaveLength(1)
  })

  it('reads a zero-width no-break space in the text as text, even first', () => {
    // U+FEFF is also the byte-order mark: decoded as one, the first literal lost it, and every
    // text after it was read one character off.
    const checklist = parse('# \uFEFFRelease\n\n- [ ] Backups verified\n- [x] Rollback rehearsed\n')
    expect(checklist.sections.map(s => s.title)).toEqual(['\uFEFFRelease'])
    expect(checklist.items.map(i => i.text)).toEqual(['Backups verified', 'Rollback rehearsed'])
  })
})
