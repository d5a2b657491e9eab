import { describe, expect, it } from 'vitest'
import {
  DEFAULT_CONFIG,
  matchesSection,
  normaliseTitle,
  scopeFor,
  thresholdFor,
  type Config
} from '../src/config/index.js'

// Heading paths as they appear in real deployment checklists.
const CRITICAL = [
  'Trading System - Deployment Readiness Checklist',
  'Go/No-Go Criteria',
  'Critical Requirements (Must Pass 100%)'
]
const IMPORTANT = [
  'Trading System - Deployment Readiness Checklist',
  'Go/No-Go Criteria',
  'Important Requirements (Must Pass 90%)'
]
const POST_DEPLOYMENT = [
  'Trading System - Deployment Readiness Checklist',
  'Post-Deployment Validation'
]
const DAY_ONE = [...POST_DEPLOYMENT, 'Day 1 Checks (First 24 Hours)']
const SUCCESS_METRICS = [...POST_DEPLOYMENT, 'Success Metrics (30 Days)']
const ROLLBACK_CONDITIONS = [
  'Production Deployment Checklist',
  'Rollback Procedures',
  'Conditions for Rollback'
]
const ROLLBACK_STEPS = ['Production Deployment Checklist', 'Rollback Procedures', 'Rollback Steps']
const NUMBERED_POST_DEPLOYMENT = [
  'Production Deployment Checklist',
  'Deployment Phase',
  '3. Post-Deployment Validation'
]
const PHASE_ONE = [
  'Trading System - Deployment Readiness Checklist',
  'Phase 1: High Availability Infrastructure'
]

function configWith(overrides: Partial<Config>): Config {
  return { ...structuredClone(DEFAULT_CONFIG), ...overrides }
}

describe('normaliseTitle', () => {
  it.each([
    ['Critical Requirements (Must Pass 100%)', 'critical requirements'],
    ['3. Post-Deployment Validation', 'post-deployment validation'],
    ['3.2 Rollback Steps', 'rollback steps'],
    ['1.2.3. Deep Step', 'deep step'],
    ['2) Deployment Steps', 'deployment steps'],
    ['**Post-Deployment** _Validation_', 'post-deployment validation'],
    ['`kubectl` Checks', 'kubectl checks'],
    ['✅ Final Sign-Off', 'final sign-off'],
    ['🚀 1. Launch', 'launch'],
    ['Sign-offs:', 'sign-offs'],
    ['  Rollback   Procedures  ', 'rollback procedures'],
    ['Phase 1: High Availability Infrastructure', 'phase 1: high availability infrastructure'],
    ['2024 Roadmap', '2024 roadmap'],
    ['snake_case_heading', 'snake_case_heading'],
    ['(Optional)', '(optional)']
  ])('%s → %s', (title, normalised) => {
    expect(normaliseTitle(title)).toBe(normalised)
  })
})

describe('matchesSection', () => {
  it('ignores a trailing parenthetical such as a threshold written in the heading', () => {
    expect(matchesSection('Important Requirements', IMPORTANT)).toBe(true)
    expect(matchesSection('Critical Requirements', CRITICAL)).toBe(true)
    expect(matchesSection('Critical Requirements (Must Pass 100%)', CRITICAL)).toBe(true)
  })

  it('ignores leading numbering', () => {
    expect(matchesSection('Post-Deployment Validation', NUMBERED_POST_DEPLOYMENT)).toBe(true)
    expect(matchesSection('3. Post-Deployment Validation', POST_DEPLOYMENT)).toBe(true)
  })

  it('keeps words such as "Phase 1:" that are part of the name', () => {
    expect(matchesSection('Phase 1: High Availability Infrastructure', PHASE_ONE)).toBe(true)
    expect(matchesSection('High Availability Infrastructure', PHASE_ONE)).toBe(false)
  })

  it('compares case-insensitively', () => {
    expect(matchesSection('conditions FOR rollback', ROLLBACK_CONDITIONS)).toBe(true)
  })

  it('matches a single title at any depth', () => {
    expect(matchesSection('Conditions for Rollback', ROLLBACK_CONDITIONS)).toBe(true)
    expect(matchesSection('Conditions for Rollback', ['Conditions for Rollback'])).toBe(true)
  })

  it('matches "Parent > Child" only under that parent', () => {
    const pattern = 'Rollback Procedures > Conditions for Rollback'
    expect(matchesSection(pattern, ROLLBACK_CONDITIONS)).toBe(true)
    expect(matchesSection(pattern, ['Checklist', 'Emergency', 'Conditions for Rollback'])).toBe(
      false
    )
    expect(matchesSection(pattern, ['Conditions for Rollback'])).toBe(false)
  })

  it('matches the section itself, not its parent or children', () => {
    expect(matchesSection('Rollback Procedures', ROLLBACK_CONDITIONS)).toBe(false)
    expect(matchesSection('Conditions for Rollback', ROLLBACK_CONDITIONS.slice(0, 2))).toBe(false)
  })

  it('does not match part of a title', () => {
    expect(matchesSection('Rollback', ROLLBACK_CONDITIONS)).toBe(false)
    expect(matchesSection('Requirements', IMPORTANT)).toBe(false)
  })

  it('still matches a title that itself contains " > "', () => {
    expect(matchesSection('Latency > 200ms', ['Performance', 'Latency > 200ms'])).toBe(true)
  })
})

describe('thresholdFor', () => {
  it('gives the configured threshold of a matching section', () => {
    const config = configWith({ thresholds: { 'Important Requirements': 95 } })
    expect(thresholdFor(config, IMPORTANT)).toBe(95)
    expect(thresholdFor(config, CRITICAL)).toBeUndefined()
  })

  it('prefers the pattern that names more titles', () => {
    const config = configWith({
      thresholds: { 'Go/No-Go Criteria > Important Requirements': 80, 'Important Requirements': 95 }
    })
    expect(thresholdFor(config, IMPORTANT)).toBe(80)
    expect(thresholdFor(config, ['Other', 'Important Requirements'])).toBe(95)
  })

  it('does not hand a parent threshold down to sub-sections', () => {
    const config = configWith({ thresholds: { 'Go/No-Go Criteria': 90 } })
    expect(thresholdFor(config, IMPORTANT)).toBeUndefined()
    expect(thresholdFor(config, IMPORTANT.slice(0, 2))).toBe(90)
  })
})

describe('scopeFor', () => {
  it('gates every section by default', () => {
    expect(scopeFor(DEFAULT_CONFIG, CRITICAL)).toBe('gated')
  })

  it('excludes a section and everything below it', () => {
    const config = configWith({ excludeSections: ['Post-Deployment Validation'] })
    expect(scopeFor(config, POST_DEPLOYMENT)).toBe('excluded')
    expect(scopeFor(config, DAY_ONE)).toBe('excluded')
    expect(scopeFor(config, NUMBERED_POST_DEPLOYMENT)).toBe('excluded')
    expect(scopeFor(config, CRITICAL)).toBe('gated')
  })

  it('excludes only the child named under its parent', () => {
    const config = configWith({
      excludeSections: ['Rollback Procedures > Conditions for Rollback']
    })
    expect(scopeFor(config, ROLLBACK_CONDITIONS)).toBe('excluded')
    expect(scopeFor(config, ROLLBACK_STEPS)).toBe('gated')
    expect(scopeFor(config, ROLLBACK_CONDITIONS.slice(0, 2))).toBe('gated')
  })

  it('marks a section and its sub-sections informational', () => {
    const config = configWith({ informationalSections: ['Success Metrics (30 Days)'] })
    expect(scopeFor(config, SUCCESS_METRICS)).toBe('informational')
    expect(scopeFor(config, [...SUCCESS_METRICS, 'Week 4'])).toBe('informational')
    expect(scopeFor(config, DAY_ONE)).toBe('gated')
  })

  it('takes the scope of the nearest configured ancestor', () => {
    const config = configWith({
      excludeSections: ['Post-Deployment Validation'],
      informationalSections: ['Success Metrics']
    })
    expect(scopeFor(config, DAY_ONE)).toBe('excluded')
    expect(scopeFor(config, SUCCESS_METRICS)).toBe('informational')
  })

  it('excludes a section named in both lists', () => {
    const config = configWith({
      excludeSections: ['Success Metrics'],
      informationalSections: ['Success Metrics']
    })
    expect(scopeFor(config, SUCCESS_METRICS)).toBe('excluded')
  })
})
