// Team members.
import { type Handler, notFound, paginate, read } from './common.js'
import { userJson } from './json.js'

export const TEAMS_HANDLERS: Record<string, Handler> = {
  'teams/list-members-in-org': {
    // GITHUB_TOKEN has no organization `members` permission; GitHub then answers 404
    // "Not Found" (not 403), as reported in actions/github-script#518 and
    // takanome-dev/assign-issue-action#379 ("HttpError: Not Found - …#list-team-members").
    needs: read('members'),
    handle: context => {
      const { docs } = context
      const members =
        context.state.teams[`${String(context.params.org)}/${String(context.params.team_slug)}`]
      if (members === undefined) return notFound(docs)
      const { page, headers } = paginate(context, members)
      return { status: 200, headers, body: page.map(login => userJson(context.apiUrl, login)) }
    }
  }
}
