import { describe, expect, it } from 'vitest'
import { escapeMarkdown } from '../src/report/escape.js'

describe('escapeMarkdown', () => {
  it('turns issue references into code spans, so GitHub neither links nor notes them', () => {
    expect(escapeMarkdown('Fixes #1, see acme/other#2 and GH-3.')).toBe(
      'Fixes `#1`, see `acme/other#2` and `GH-3`.'
    )
    expect(escapeMarkdown('(#12) and #34')).toBe('(`#12`) and `#34`')
  })

  it('leaves what is not a reference alone', () => {
    expect(escapeMarkdown('item#1 C#7 GH-3a #x &#35;')).toBe('item#1 C#7 GH-3a #x &amp;#35;')
  })

  it('neutralises a mention and a reference side by side', () => {
    expect(escapeMarkdown('@alice fixed #5')).toBe('`@alice` fixed `#5`')
  })
})
