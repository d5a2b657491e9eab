import type { Checklist, Signoff } from '../checklist/model.js'
import { findBlanks, normaliseLabel } from '../checklist/grammar.js'
import type { Config } from '../config/types.js'
import { type ExpandedOwners, expandOwners, isLogin, normaliseLogin } from '../owners/index.js'
import type { Findings, Scopes } from './scope.js'
import type {
  EligibleSigners,
  Review,
  RuleId,
  SignoffContext,
  SignoffResult,
  SignoffStatus
} from './types.js'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 86_400_000

/**
 * Sign-off rules: the line is filled with `@login`s and an ISO date, and every signer approved
 * the pull request on the content being merged, may sign for the role, and is not its author.
 * When approvals or team membership cannot be established, the sign-off is not signed.
 */
export function checkSignoffs(
  checklist: Checklist,
  config: Config,
  context: SignoffContext,
  scopes: Scopes,
  findings: Findings
): SignoffResult[] {
  const roleOwners = new Map(
    Object.entries(config.roles).map(([role, owners]) => [normaliseLabel(role), owners])
  )
  const signersByBlock = new Map<number, Map<string, string>>()
  const results: SignoffResult[] = []
  const now = parseIsoDate(context.today)
  const author = context.author === undefined ? undefined : normaliseLogin(context.author)
  // Who may sign each role, worked out once a role as it is written: a checklist repeats its
  // few roles in every sign-off block.
  const byRole = new Map<string, Authority>()
  const authorityOf = (written: string): Authority => {
    let authority = byRole.get(written)
    if (authority === undefined) {
      const role = normaliseLabel(written)
      const owners = roleOwners.get(role)
      const authorised = expandOwners(owners ?? context.codeOwners, context.teams)
      authority = {
        role,
        owners,
        authorised,
        eligible: {
          source: owners ? 'roles' : 'codeowners',
          users: authorised.users,
          teams: authorised.teams.map(team => {
            const members = context.teams.get(team)
            return { team, members: members instanceof Set ? [...members].sort() : undefined }
          })
        }
      }
      byRole.set(written, authority)
    }
    return authority
  }

  // A sign-off written as a task (`- [ ] DBA: @carol`) shows GitHub's box: open, it reads as
  // not signed to everyone who looks, whoever approved.
  const openBoxes = new Set<number>()
  for (const item of checklist.items) if (!item.checked) openBoxes.add(item.line)

  for (const signoff of checklist.signoffs) {
    const scope = scopes.of(signoff.section)
    if (scope === 'excluded') continue
    const problems: { rule: RuleId; status: SignoffStatus; message: string }[] = []
    const fail = (rule: RuleId, status: SignoffStatus, message: string) =>
      problems.push({ rule, status, message })
    const { logins, others } = readSigners(signoff.signerText)

    if (logins.length === 0 && others.length === 0) {
      fail(
        'signoff-missing',
        'missing',
        `${signoff.role} has not signed: write "@login" and the date, then approve the pull request as that person.`
      )
    } else if (others.length > 0) {
      fail(
        'signoff-not-a-login',
        'invalid',
        `${signoff.role} is signed "${others.join(' ')}", which is not a GitHub login: write "@login".`
      )
    }
    if (logins.length + others.length > 0) {
      // Said of a line signed by logins only: a name that is no login is its own error.
      if (signoff.form === 'task' && openBoxes.has(signoff.line) && others.length === 0) {
        fail(
          'signoff-unticked',
          'unticked',
          `${signoff.role} is written as a task whose box is open, so GitHub shows it unsigned: tick it ("- [x]") as it is signed.`
        )
      }
      checkDate(signoff, config, context.today, now!, fail)
    }

    const { role, owners, authorised, eligible } = authorityOf(signoff.role)
    const block = signersByBlock.get(signoff.blockLine) ?? new Map<string, string>()
    signersByBlock.set(signoff.blockLine, block)

    for (const login of logins) {
      const key = normaliseLogin(login)
      if (key === author && !config.signoffs.allowAuthor) {
        // Nothing about approving: GitHub does not let authors approve their own pull request.
        fail(
          'signoff-by-author',
          'by-author',
          `${signoff.role} is signed by @${login}, the pull request's author, who cannot sign: someone else must sign.`
        )
        block.set(key, role)
        continue
      }
      const review = context.reviews?.get(key)
      if (!context.reviews) {
        fail(
          'signoff-approval-unverified',
          'unverified',
          `The approval of @${login} for ${signoff.role} cannot be verified: run the gate on the pull request (or pass --approved-by).`
        )
      } else if (!review || review.state !== 'APPROVED') {
        fail(
          'signoff-not-approved',
          'not-approved',
          review
            ? `${signoff.role} is signed by @${login}, whose latest review requests changes: @${login} must approve the pull request.`
            : `${signoff.role} is signed by @${login}, who has not approved the pull request: @${login} must approve it.`
        )
      } else if (!isFresh(review, config.signoffs.freshness, signoff.line)) {
        fail(
          'signoff-stale-approval',
          'stale-approval',
          config.signoffs.freshness === 'head'
            ? `@${login} approved an earlier commit: @${login} must approve the latest commit for ${signoff.role}.`
            : config.signoffs.freshness === 'section-unchanged'
              ? `@${login} approved before the part of the checklist this sign-off covers last changed (its section, the Go/No-Go and critical parts): @${login} must approve again for ${signoff.role}.`
              : `@${login} approved before the checklist last changed: @${login} must approve again for ${signoff.role}.`
        )
      }
      const coverage = authorised.covers(login)
      if (coverage === 'no') {
        fail(
          'signoff-not-authorized',
          'not-authorized',
          authorised.users.length + authorised.teams.length === 0
            ? `Nobody may sign for ${signoff.role}: name its owners under roles in the configuration, or in CODEOWNERS.`
            : `@${login} may not sign for ${signoff.role}: not among the owners in ${ownerSource(signoff.role, owners !== undefined)}.`
        )
      } else if (coverage === 'unknown') {
        const teams = authorised.teams.filter(team => {
          const members = context.teams.get(team)
          return members === undefined || members === 'unreadable'
        })
        fail(
          'signoff-not-authorized',
          'not-authorized',
          `Cannot tell whether @${login} may sign for ${signoff.role}: the membership of ${teams.map(team => `@${team}`).join(', ')} cannot be read. Give the gate a token that can read team membership (a GitHub App with "members: read", or a token with read:org).`
        )
      } else if (!owners && review?.state === 'APPROVED') {
        // GitHub ignores code owners without write access; names under roles are the base
        // branch's own choice, and stand without it.
        const access = review.writeAccess
        if (access === false) {
          fail(
            'signoff-not-authorized',
            'not-authorized',
            `@${login} is a code owner of this checklist but has no write access to the repository, and GitHub ignores code owners without it: give @${login} write access, or name them for ${signoff.role} under roles in the configuration.`
          )
        } else if (access === 'unreadable') {
          fail(
            'signoff-not-authorized',
            'not-authorized',
            `Cannot tell whether @${login} may sign for ${signoff.role}: a code owner needs write access to the repository, and GitHub did not say whether @${login} has it. Give the gate a token that reads the pull request's reviews with their authors' access (pull-requests: read).`
          )
        }
      }
      const other = block.get(key)
      if (other !== undefined && other !== role && config.signoffs.distinctSigners) {
        fail(
          'signoff-duplicate-signer',
          'duplicate',
          `@${login} signs ${signoff.role} and another role of the same block: each role needs its own person.`
        )
      }
      block.set(key, role)
    }

    for (const problem of problems) {
      findings.add(problem.rule, 'error', signoff.line, problem.message, signoff.section)
    }
    results.push({
      role: signoff.role,
      line: signoff.line,
      signers: logins,
      date: signoff.dateText || undefined,
      status: problems[0]?.status ?? 'signed',
      scope,
      eligible
    })
  }
  return results
}

/** Where the owners of a role are named, for messages. */
function ownerSource(role: string, inConfiguration: boolean): string {
  return inConfiguration ? `roles."${role}" in the configuration` : 'CODEOWNERS for this checklist'
}

/** Who may sign a role: its owners from the configuration, if any, and everyone they name. */
interface Authority {
  /** The role normalised, as sign-offs of one block are compared. */
  role: string
  owners: readonly string[] | undefined
  authorised: ExpandedOwners
  eligible: EligibleSigners
}

function readSigners(text: string): { logins: string[]; others: string[] } {
  const logins: string[] = []
  const others: string[] = []
  if (findBlanks(text).length > 0 && text.replace(/_+|\[[^[\]]*\]/g, '').trim() === '') {
    return { logins, others }
  }
  // `and` joins signers only as a word of its own between two of them: a login may contain
  // it (`@and-y`, `@sand-and-co`), so it is never a separator inside a word.
  const words = text.split(/[\s,;&]+/).filter(word => word !== '')
  words.forEach((word, index) => {
    if (word === 'and' && index > 0 && index < words.length - 1) return
    if (word.startsWith('@') && isLogin(word.slice(1))) logins.push(word.slice(1))
    else others.push(word)
  })
  return { logins, others }
}

function checkDate(
  signoff: Signoff,
  config: Config,
  today: string,
  now: number,
  fail: (rule: RuleId, status: SignoffStatus, message: string) => void
): void {
  if (signoff.dateText === undefined) return
  const text = signoff.dateText.trim()
  if (text === '' || findBlanks(text).length > 0) {
    fail(
      'signoff-date-missing',
      'invalid',
      `${signoff.role} has no date: write the date of signing as YYYY-MM-DD.`
    )
    return
  }
  const date = parseIsoDate(text)
  if (date === undefined) {
    fail(
      'signoff-date-invalid',
      'invalid',
      `${signoff.role} is dated "${text}", which is not a date in the form YYYY-MM-DD.`
    )
    return
  }
  // `today` is the UTC date, and in time zones up to UTC+14 the local date is a day ahead.
  if (date > now + DAY_MS) {
    fail(
      'signoff-date-future',
      'invalid',
      `${signoff.role} is dated ${text}, after today in every time zone (${today} in UTC; ${new Date(now + DAY_MS).toISOString().slice(0, 10)} at the latest, in UTC+14).`
    )
  } else if (
    config.signoffs.maxAgeDays !== undefined &&
    (now - date) / DAY_MS > config.signoffs.maxAgeDays
  ) {
    fail(
      'signoff-date-stale',
      'invalid',
      `${signoff.role} is dated ${text}, more than ${config.signoffs.maxAgeDays} days ago: sign again.`
    )
  }
}

/** Milliseconds since the epoch of a real calendar date `YYYY-MM-DD`, or undefined. */
export function parseIsoDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text)
  if (!match) return undefined
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  const time = Date.UTC(year, month - 1, day)
  const date = new Date(time)
  return date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
    ? time
    : undefined
}

function isFresh(
  review: Pick<Review, 'onHead' | 'checklistUnchanged' | 'coverageUnchanged'>,
  freshness: Config['signoffs']['freshness'],
  line: number
): boolean {
  if (freshness === 'any') return true
  if (freshness === 'head') return review.onHead
  if (review.onHead || review.checklistUnchanged) return true
  return freshness === 'section-unchanged' && review.coverageUnchanged?.has(line) === true
}
