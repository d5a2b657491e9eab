import { isLogin, isTeamName, OWNER } from '../owners/login.js'

/**
 * Making checklist text safe to show. Everything in a checklist comes from the pull request
 * under review, so it is untrusted: it must not break a table, inject HTML, ping people, or
 * send escape sequences to a terminal.
 */

/** Longest cell we show; one giant title must not eat the whole size budget of a summary. */
export const MAX_CELL_CHARS = 500

// C0 and C1 control characters (newlines and ESC included) and the bidirectional overrides
// that can make text read differently from what it is ("Trojan Source").
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g

/** One line of plain text: control characters become spaces, bidi overrides go. */
export function oneLine(text: string): string {
  return text.replace(BIDI, '').replace(CONTROL, ' ')
}

/** Shortens to at most `max` code points, marking the cut with an ellipsis. */
export function clip(text: string, max = MAX_CELL_CHARS): string {
  // No more UTF-16 units than `max` is no more code points either: nothing to count.
  if (text.length <= max) return text
  const codePoints = Array.from(text)
  return codePoints.length <= max ? text : codePoints.slice(0, max - 1).join('') + '…'
}

// `@login` or `@org/team` where GitHub would see a mention: at the start or after a
// character that cannot be part of a word (so `alice@example.com` is left alone).
const MENTION = new RegExp(`(^|[^A-Za-z0-9_])(@${OWNER})`, 'g')

// Issue references GitHub links (and notifies the referenced issue of): `#1`, `owner/repo#2`,
// `GH-3`, where they stand alone as a word.
const ISSUE_REFERENCE =
  /(^|[^A-Za-z0-9_/#&-])((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\/[A-Za-z0-9_.-]+)?#\d+|GH-\d+)(?![A-Za-z0-9_])/g

// Markdown punctuation that could start emphasis, code, links, images or strikethrough, and
// the backslash itself; `|` so that it cannot end a table cell.
const MARKDOWN_PUNCTUATION = /[\\`*_[\]~|]/g
const HTML_SPECIAL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }

function escapeInline(text: string): string {
  return text
    .replace(/[&<>]/g, char => HTML_SPECIAL[char] ?? char)
    .replace(MARKDOWN_PUNCTUATION, char => '\\' + char)
}

/**
 * Untrusted text as literal Markdown on one line, safe in a table cell. Mentions become code
 * spans: they still read `@alice`, copy exactly, and do not notify anyone (GitHub does not
 * look for mentions in code), whereas a zero-width space would leave an invisible character
 * in the login for whoever copies it. A bot that pinged every signer on every push would be
 * noise. Issue references become code spans for the same reason: GitHub would link them and
 * note the reference on the issue it names.
 */
export function escapeMarkdown(text: string): string {
  const line = clip(oneLine(text))
  let escaped = ''
  let last = 0
  // Every mention has an `@`, every issue reference a `#` or `GH-`: most text has neither.
  const live = [
    ...(line.includes('@') ? line.matchAll(MENTION) : []),
    ...(line.includes('#') || line.includes('GH-') ? line.matchAll(ISSUE_REFERENCE) : [])
  ].sort((a, b) => a.index - b.index)
  for (const match of live) {
    if (match.index < last) continue
    const before = match[1] ?? ''
    const mention = match[2] ?? ''
    const start = match.index + before.length
    escaped += escapeInline(line.slice(last, start)) + '`' + mention + '`'
    last = start + mention.length
  }
  return escaped + escapeInline(line.slice(last))
}

/** A GitHub login or team (without `@`) as a code span that does not ping; anything else escaped. */
export function formatLogin(login: string): string {
  return isLogin(login) || isTeamName(login) ? '`@' + login + '`' : escapeMarkdown(login)
}

/** A URL as a Markdown link destination: characters that would end it are percent-encoded. */
export function linkDestination(url: string): string {
  return url.replace(/[\s()<>|\\"]/g, char =>
    char === '(' ? '%28' : char === ')' ? '%29' : encodeURIComponent(char)
  )
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/** Cuts to at most `maxBytes` of UTF-8 without splitting a character, ending with `…`. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text
  const ellipsisBytes = utf8Bytes('…')
  let kept = ''
  let bytes = 0
  for (const char of text) {
    const size = utf8Bytes(char)
    if (bytes + size + ellipsisBytes > maxBytes) break
    kept += char
    bytes += size
  }
  return kept + '…'
}
