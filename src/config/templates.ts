import picomatch from 'picomatch'
import type { Config } from './types.js'

/** The template that stands in for a new checklist's base version, if one is configured. */
export function templateFor(config: Config, checklistPath: string): string | undefined {
  for (const [glob, template] of Object.entries(config.templates)) {
    if (picomatch.isMatch(checklistPath, glob, { dot: true })) return template
  }
  return undefined
}
