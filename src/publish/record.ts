import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type SignoffRecord, toStatement } from '../report/index.js'

/**
 * The sign-off record as two files in `dir`: the predicate alone (for `actions/attest`'s
 * `predicate-path`) and the whole in-toto Statement v1. Returns their paths.
 */
export function writeRecordFiles(
  dir: string,
  record: SignoffRecord,
  serverUrl: string
): { record: string; statement: string } {
  const paths = {
    record: join(dir, 'readiness-gate-signoff-record.json'),
    statement: join(dir, 'readiness-gate-statement.intoto.json')
  }
  writeFileSync(paths.record, `${JSON.stringify(record, null, 2)}\n`)
  writeFileSync(paths.statement, `${JSON.stringify(toStatement(record, serverUrl), null, 2)}\n`)
  return paths
}
