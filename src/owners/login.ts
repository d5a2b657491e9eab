/**
 * The one grammar of GitHub logins and team slugs, for the parser, CODEOWNERS, the
 * configuration's schema, escaping and messages. Logins: letters, digits and hyphens;
 * Enterprise Managed Users add `_shortcode` (`alice_acme`). Kept a little looser than
 * GitHub's sign-up rules so that older logins still parse.
 */
export const LOGIN = '[A-Za-z0-9][A-Za-z0-9_-]*'
/** A team's slug, after `org/`. */
export const TEAM_SLUG = '[A-Za-z0-9][A-Za-z0-9_.-]*'

/** `login` or `org/team`, without `@`: the pattern of owners in schema.json, which must match. */
export const OWNER = `${LOGIN}(/${TEAM_SLUG})?`

const LOGIN_ONLY = new RegExp(`^${LOGIN}$`, 'u')
const TEAM_ONLY = new RegExp(`^${LOGIN}/${TEAM_SLUG}$`, 'u')

/** A GitHub login, written without its `@`. */
export function isLogin(name: string): boolean {
  return LOGIN_ONLY.test(name)
}

/** `org/team`, written without its `@`. */
export function isTeamName(name: string): boolean {
  return TEAM_ONLY.test(name)
}
