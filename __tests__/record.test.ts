import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import {
  recordMarkdown,
  reportSchema,
  toSignoffRecord,
  toStatement,
  type RecordInput
} from '../src/report/index.js'
import type { Evaluation } from '../src/rules/types.js'

/* The sign-off record and its in-toto Statement, built from plain data. */

const HEAD = 'c'.repeat(40)
const EARLIER = 'b'.repeat(40)
const evaluation: Evaluation = {
  path: 'checklists/releases/r1.md',
  passed: false,
  items: { total: 1, done: 1, waived: 0 },
  tasks: [{ line: 5, checked: true }],
  sections: [],
  signoffs: [
    { role: 'DBA', line: 9, signers: ['Carol'], date: undefined, status: 'signed', scope: 'gated' },
    {
      role: 'SRE',
      line: 10,
      signers: ['alice', 'mallory'],
      date: undefined,
      status: 'stale-approval',
      scope: 'gated'
    }
  ],
  fields: [],
  findings: []
}
const input: RecordInput = {
  toolVersion: '0.1.0',
  mode: 'pull-request',
  repository: 'acme/ledger',
  evaluatedAt: '2026-12-01T10:00:00.000Z',
  headSha: HEAD,
  baseSha: 'a'.repeat(40),
  pullRequest: {
    number: 7,
    url: 'https://github.com/acme/ledger/pull/7',
    author: 'octo-dev',
    headSha: HEAD
  },
  configuration: { path: '.github/readiness-gate.yml', blob: undefined },
  codeowners: undefined,
  freshness: 'section-unchanged',
  verdict: { passed: false, title: 'Not ready' },
  evaluations: [evaluation],
  standings: [
    {
      login: 'carol',
      state: 'APPROVED',
      commit: HEAD,
      review: {
        id: 1,
        url: 'https://github.com/acme/ledger/pull/7#pullrequestreview-1',
        submittedAt: '2026-11-30T10:00:00Z'
      }
    },
    { login: 'alice', state: 'APPROVED', commit: EARLIER, review: { submittedAt: null } }
  ],
  headBlob: new Map([[evaluation.path, '1'.repeat(40)]]),
  atReview: new Map([[EARLIER, new Map([[evaluation.path, '2'.repeat(40)]])]])
}

describe('the sign-off record', () => {
  const record = toSignoffRecord(input)

  it('cites for each signer the review that proves it, with the blob ids at its commit and at head', () => {
    const [dba, sre] = record.checklists[0]!.signoffs
    expect(dba!.signers).toEqual([
      {
        login: 'Carol', // as written on the line; the review is found whatever the case
        review: {
          id: 1,
          url: 'https://github.com/acme/ledger/pull/7#pullrequestreview-1',
          state: 'APPROVED',
          submittedAt: '2026-11-30T10:00:00Z',
          commit: HEAD,
          checklistBlobAtCommit: '1'.repeat(40),
          checklistBlobAtHead: '1'.repeat(40)
        }
      }
    ])
    expect(sre!.signers).toEqual([
      {
        login: 'alice',
        review: expect.objectContaining({
          id: null,
          commit: EARLIER,
          checklistBlobAtCommit: '2'.repeat(40),
          checklistBlobAtHead: '1'.repeat(40)
        })
      },
      { login: 'mallory', review: null }
    ])
    expect(record).toMatchObject({ configuration: { blob: null }, codeowners: null })
  })

  it('validates against its schema, alone and as an in-toto Statement with the commit as subject', () => {
    const ajv = new Ajv({ allErrors: true, strict: false })
    const of = (name: string) =>
      ajv.compile({ definitions: reportSchema.definitions, $ref: `#/definitions/${name}` })
    const statement = toStatement(record, 'https://github.com/')
    expect(of('signoffRecord')(record)).toBe(true)
    expect(of('signoffStatement')(statement)).toBe(true)
    expect(statement.subject).toEqual([
      { name: 'git+https://github.com/acme/ledger', digest: { gitCommit: HEAD } }
    ])
  })

  it('in the job summary, logins do not ping', () => {
    const markdown = recordMarkdown(record)
    expect(markdown).toContain('`@Carol`')
    expect(markdown).not.toMatch(/(^|[^`])@alice/)
    expect(markdown).toMatch(/changed since/)
  })
})
