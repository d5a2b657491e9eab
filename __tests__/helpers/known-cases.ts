/**
 * What GitHub shows for the cases under "Why" in issue 7, and a few neighbours of them: the
 * fixed cases of the differential test, which the generator also puts into its documents.
 * Each was read from `cmark-gfm` with GitHub's extensions (the test checks that it still is).
 */
import type { Task } from './cmark.js'

const open = (line: number): Task => ({ line, checked: false })
const done = (line: number): Task => ({ line, checked: true })

export const KNOWN: [name: string, markdown: string, github: Task[]][] = [
  [
    'an open item after <textarea> and a blank line',
    '<textarea>\n\n- [ ] Backups verified\n',
    [open(3)]
  ],
  [
    'an open item after <search>, a paragraph line before it, and a blank line',
    'Notes\n<search>\n\n- [ ] Backups verified\n',
    [open(4)]
  ],
  [
    'an open item right after <search> that follows a paragraph line',
    'Notes\n<search>\n- [ ] Backups verified\n',
    [open(3)]
  ],
  ['a task item followed by --|--, not a table', '- [ ] Latency | p99\n--|--\n', [open(1)]],
  ['no task after a lone <br> under a list item', '- [ ] a\n<br>\n- [x] a\n', [open(1)]],
  ['no task after a lone </pre> under a list item', '- [ ] a\n</pre>\n- [x] a\n', [open(1)]],
  ['no task five columns after the marker (code)', '-     [x] a\n', []],
  ['no task on line 1 behind a BOM', '\uFEFF- [x] a\n- [ ] b\n', [open(2)]],
  [
    'an empty item ends at a blank line: what is indented after it is code',
    '- [ ] \n\n    - [x] a\n',
    [open(1)]
  ],
  ['an empty item, then 9. [ ] a', '- [ ] \n9. [ ] a\n', [open(1), open(2)]],
  ['an empty item, then an indented 9. [ ] a', '- [ ] \n  9. [ ] a\n', [open(1), open(2)]],
  [
    'a lazy line indented 4+ columns short of an inner item',
    '123456789. a\n              1. b\n      - [ ] lazy\n           + [ ] c\n',
    [open(4)]
  ],
  [
    'a fence over 255 characters, closed by one of 260',
    `${'`'.repeat(300)}\n- [x] a\n${'`'.repeat(260)}\n- [ ] b\n`,
    [open(4)]
  ],
  [
    'a link reference definition where an item starts',
    '1. [ ] a\n   - [*]: /url\nlazy\n   2. [ ] b\n',
    [open(1), open(4)]
  ],
  ['a link reference definition with a box, not a task', '- [x]: /url\n- [ ] b\n', [open(2)]],
  [
    'cmark-gfm reads - [x] a, blank, "  10 [ ] b" as an open box',
    '- [x] a\n\n  10 [ ] b\n',
    [open(1)]
  ],
  ['a checked item and an open one, with CRLF', '- [x] a\r\n- [ ] b\r\n', [done(1), open(2)]]
]
