import { Ajv } from 'ajv'
import { expect } from 'vitest'
import { reportSchema } from '../../src/report/index.js'

/*
 * The sign-off record a run wrote (the `record` and `statement` outputs), checked against
 * report.schema.json's signoffRecord and signoffStatement, and against the JSON report.
 */

const ajv = new Ajv({ allErrors: true, strict: false })
const against = (definition: string) =>
  ajv.compile({ definitions: reportSchema.definitions, $ref: `#/definitions/${definition}` })
const validateRecord = against('signoffRecord')
const validateStatement = against('signoffStatement')
const validateReport = ajv.compile(reportSchema)

export interface WrittenRecord {
  record: Record<string, unknown> & { headSha: string; verdict: { passed: boolean } }
  statement: { subject: { digest: { gitCommit: string } }[]; predicate: unknown }
}

/** Undefined when the run wrote no record; else the record and statement, validated. */
export function checkRecord(run: {
  report: unknown
  record: unknown
  statement: unknown
}): WrittenRecord | undefined {
  if (run.record === undefined) return undefined
  const { report } = run
  const record = run.record as WrittenRecord['record']
  const statement = run.statement as WrittenRecord['statement']
  expect(validateRecord(record), ajv.errorsText(validateRecord.errors)).toBe(true)
  expect(validateStatement(statement), ajv.errorsText(validateStatement.errors)).toBe(true)
  expect(validateReport(report), ajv.errorsText(validateReport.errors)).toBe(true)
  expect(statement.predicate).toEqual(record)
  expect(statement.subject[0]!.digest.gitCommit).toBe(record.headSha)
  expect((report as { signoffRecord: unknown }).signoffRecord).toEqual(record)
  expect(record.verdict.passed).toBe((report as { passed: boolean }).passed)
  return { record, statement }
}
