// Owner entries of a CODEOWNERS line (`@user`, `@org/team`, an email address) and the
// question the gate asks of them: does this login count as an owner?

export type OwnerKind = 'user' | 'team' | 'email'

/**
 * Team membership by lower-case `org/slug`: the members' logins, or 'unreadable' when the
 * token could not read the team.
 */
export type TeamMembers = ReadonlyMap<string, ReadonlySet<string> | 'unreadable'>

export type Coverage = 'yes' | 'no' | 'unknown'

import { isLogin, isTeamName } from './login.js'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u

/** What an owner entry is, or undefined when GitHub would reject its syntax. */
export function ownerKind(owner: string): OwnerKind | undefined {
  if (owner.startsWith('@') && isLogin(owner.slice(1))) return 'user'
  if (owner.startsWith('@') && isTeamName(owner.slice(1))) return 'team'
  if (EMAIL.test(owner)) return 'email'
  return undefined
}

export function isTeam(owner: string): boolean {
  return ownerKind(owner) === 'team'
}

/** `@Alice` → `alice`, `@Org/Team` → `org/team`: GitHub logins and slugs ignore case. */
export function normaliseLogin(login: string): string {
  return login.trim().replace(/^@/u, '').toLowerCase()
}

export interface ExpandedOwners {
  /** Users, normalised (`alice`). */
  users: string[]
  /** Teams, normalised (`org/slug`). */
  teams: string[]
  /** Email addresses, as written. They never cover a login: see `covers`. */
  emails: string[]
  /**
   * Whether `login` is one of the owners: 'yes' as a user or a member of a team that could
   * be read; 'unknown' when not, but a team that could not be read (or was not looked up)
   * might hold them; 'no' otherwise. The gate fails closed on 'unknown'.
   *
   * Email owners count for nothing here: GitHub maps an email to an account through the
   * account's verified addresses, which a token cannot list for other users, so a login
   * cannot be proven to be the owner behind an email. A sign-off that needs one must name
   * the owner's login in CODEOWNERS or in the configuration.
   */
  covers(login: string): Coverage
}

export function expandOwners(owners: readonly string[], teams: TeamMembers): ExpandedOwners {
  const users = new Set<string>()
  const teamSlugs = new Set<string>()
  const emails: string[] = []
  for (const owner of owners) {
    const kind = ownerKind(owner)
    if (kind === 'user') users.add(normaliseLogin(owner))
    else if (kind === 'team') teamSlugs.add(normaliseLogin(owner))
    else if (kind === 'email') emails.push(owner)
  }

  // Members as normalised logins, whatever case the membership source used.
  const members = new Map<string, ReadonlySet<string> | 'unreadable'>()
  for (const slug of teamSlugs) {
    const known = teams.get(slug)
    members.set(
      slug,
      known === undefined || known === 'unreadable'
        ? 'unreadable'
        : new Set([...known].map(normaliseLogin))
    )
  }

  return {
    users: [...users],
    teams: [...teamSlugs],
    emails,
    covers(login: string): Coverage {
      const wanted = normaliseLogin(login)
      if (users.has(wanted)) return 'yes'
      let unreadable = false
      for (const teamMembers of members.values()) {
        if (teamMembers === 'unreadable') unreadable = true
        else if (teamMembers.has(wanted)) return 'yes'
      }
      return unreadable ? 'unknown' : 'no'
    }
  }
}
