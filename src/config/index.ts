export { CONFIG_PATH, ConfigError, loadConfig, type ConfigProblem } from './load.js'
export { matchesSection, normaliseTitle, scopeFor, thresholdFor } from './sections.js'
export { templateFor } from './templates.js'
export { DEFAULT_CONFIG, FRESHNESS, WAIVERS, type Config, type Scope } from './types.js'
