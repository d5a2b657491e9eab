import { type ConfigError, DEFAULT_CONFIG, loadConfig, type Config } from '../config/index.js'
import { type Codeowners, parseCodeowners } from '../owners/index.js'
import type { PullRequestFinding } from '../rules/types.js'

/** What rules a checklist: the configuration and CODEOWNERS, as the base has them. */
export interface Authority {
  config: Config
  codeowners: Codeowners | undefined
}

export interface AuthorityFiles {
  /** The configuration's text and its name in messages; undefined: none, so the defaults. */
  config: { text: string; source: string } | undefined
  codeowners: { path: string; text: string } | undefined
}

/**
 * The configuration and CODEOWNERS from their texts, for the action and the command line
 * alike. A CODEOWNERS line the gate cannot use is a warning (GitHub skips it too); a
 * configuration that cannot be used throws ConfigError, with every problem and its line.
 */
export function authorityFrom(
  files: AuthorityFiles,
  warning: (message: string) => void
): Authority {
  const config = files.config ? loadConfig(files.config.text, files.config.source) : DEFAULT_CONFIG
  if (!files.codeowners) return { config, codeowners: undefined }
  const codeowners = parseCodeowners(files.codeowners.text, files.codeowners.path)
  for (const problem of codeowners.problems) warning(problem.message)
  return { config, codeowners }
}

/** A configuration that cannot be used fails the gate: one finding for each problem, on its line. */
export function configFindings(error: ConfigError, path: string): PullRequestFinding[] {
  return error.problems.map(problem => ({
    rule: 'config-invalid',
    severity: 'error',
    path,
    line: problem.line,
    message: problem.message
  }))
}
