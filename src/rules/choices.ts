import type { Checklist, Choice } from '../checklist/model.js'
import { normaliseLabel, normaliseQuestion } from '../checklist/grammar.js'
import type { Config } from '../config/types.js'
import type { Findings } from './scope.js'

/** `choice-unmarked`, `choice-multiple`, `choice-rejected`: exactly one accepted option marked. */
export function checkChoices(checklist: Checklist, config: Config, findings: Findings): void {
  const accepted = new Set(config.acceptChoices.map(normaliseLabel))
  // Each configured question by its label as choices are compared, with whether one is here.
  const answers = new Map(
    Object.entries(config.acceptChoicesFor).map(([question, options]) => [
      normaliseQuestion(question),
      { question, options, accepted: new Set(options.map(normaliseLabel)), seen: false }
    ])
  )
  for (const choice of checklist.choices) {
    const answer = answers.get(normaliseQuestion(choice.context))
    if (answer) answer.seen = true
    const marked = markedOption(choice, findings)
    if (marked === undefined || (answer?.accepted ?? accepted).has(normaliseLabel(marked))) {
      continue
    }
    findings.add(
      'choice-rejected',
      'error',
      choice.line,
      answer === undefined
        ? `${describe(choice)} is marked "${marked}", which is not one of the accepted choices (${config.acceptChoices.join(', ')}).`
        : `${describe(choice)} is marked "${marked}", which is not its accepted answer (${answer.options.join(', ')}, in accept-choices-for).`,
      choice.section
    )
  }
  // A key that labels no choice leaves the question to accept-choices, which may accept the
  // answer the key was written to refuse: said, so that a mislabelled question is seen.
  for (const { question, options, seen } of answers.values()) {
    if (seen) continue
    findings.add(
      'choice-answer-unmatched',
      'warning',
      1,
      `accept-choices-for gives "${question}" the answer ${options.join(', ')}, but no choice in this checklist is labelled "${question}" (the text before its boxes, or its table row's question): accept-choices (${config.acceptChoices.join(', ')}) applies to every choice here.`,
      undefined
    )
  }
}

/** The one marked option's label, or undefined after reporting none or several marked. */
export function markedOption(choice: Choice, findings: Findings): string | undefined {
  const marked = choice.options.filter(option => option.marked)
  const labels = choice.options.map(option => option.label).join(' / ')
  if (choice.struck) {
    findings.add(
      'choice-rejected',
      'error',
      choice.line,
      `${describe(choice)} has an option struck through (~~…~~), so what is marked reads as crossed out: leave the options as they are and mark one.`,
      choice.section
    )
    return undefined
  }
  if (marked.length === 0) {
    findings.add(
      'choice-unmarked',
      'error',
      choice.line,
      `${describe(choice)} has no option marked: mark one of ${labels} with ☒.`,
      choice.section
    )
    return undefined
  }
  if (marked.length > 1) {
    findings.add(
      'choice-multiple',
      'error',
      choice.line,
      `${describe(choice)} has ${marked.length} options marked (${marked.map(option => option.label).join(', ')}): mark exactly one.`,
      choice.section
    )
    return undefined
  }
  return marked[0]!.label
}

function describe(choice: Choice): string {
  return choice.context ? `"${choice.context}"` : 'The choice'
}
