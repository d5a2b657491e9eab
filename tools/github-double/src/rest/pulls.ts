// Pull requests: the pull request, its reviews and files, review requests.
import { changedFiles } from '../repo-model.js'
import { type Handler, paginate, pullOr404, read, WEB_URL, write } from './common.js'
import { isCollaborator, pullJson, reviewJson } from './json.js'

export const PULLS_HANDLERS: Record<string, Handler> = {
  'pulls/get': {
    needs: read('pull-requests'),
    handle: context => {
      const { docs } = context
      const pull = pullOr404(context, docs)
      return 'status' in pull
        ? pull
        : { status: 200, body: pullJson(context.state, context.apiUrl, pull) }
    }
  },
  'pulls/list-reviews': {
    needs: read('pull-requests'),
    handle: context => {
      const { docs } = context
      const pull = pullOr404(context, docs)
      if ('status' in pull) return pull
      // Other people's pending reviews are private to them.
      const visible = pull.reviews.filter(
        review => review.state !== 'PENDING' || review.login === context.state.token.login
      )
      const { page, headers } = paginate(context, visible)
      return {
        status: 200,
        headers,
        body: page.map(review => reviewJson(context.state, context.apiUrl, pull, review))
      }
    }
  },
  // The REST twin of Commit.associatedPullRequests.,
  'pulls/list-files': {
    needs: read('pull-requests'),
    handle: context => {
      const { docs } = context
      const pull = pullOr404(context, docs)
      if ('status' in pull) return pull
      const { state, apiUrl } = context
      const repoWeb = `${WEB_URL}/${state.repo.owner}/${state.repo.name}`
      const { page, headers } = paginate(context, changedFiles(state, pull))
      const body = page.map(file => ({
        sha: file.sha,
        filename: file.path,
        status: file.status,
        ...(file.previousPath === undefined ? {} : { previous_filename: file.previousPath }),
        additions: file.additions,
        deletions: file.deletions,
        changes: file.additions + file.deletions,
        blob_url: `${repoWeb}/blob/${pull.head.sha}/${file.path}`,
        raw_url: `${repoWeb}/raw/${pull.head.sha}/${file.path}`,
        contents_url: `${apiUrl}/repos/${state.repo.owner}/${state.repo.name}/contents/${file.path}?ref=${pull.head.sha}`
      }))
      return { status: 200, headers, body }
    }
  },
  'pulls/request-reviewers': {
    needs: write('pull-requests'),
    handle: context => {
      const { docs } = context
      const pull = pullOr404(context, docs)
      if ('status' in pull) return pull
      const { state, apiUrl, body } = context
      const users = (body.reviewers as string[] | undefined) ?? []
      const teams = (body.team_reviewers as string[] | undefined) ?? []
      // GitHub refuses a request for the pull request's author ("Review cannot be requested
      // from pull request author.") and for anyone who is not a collaborator with 422, and
      // requests nobody then. Its description gives that 422 no body, so neither does the double.
      const org = state.repo.owner
      if (
        users.some(login => login.toLowerCase() === pull.author.toLowerCase()) ||
        users.some(login => !isCollaborator(state, login)) ||
        teams.some(slug => state.teams[`${org}/${slug}`] === undefined)
      ) {
        return { status: 422 }
      }
      const add = (list: string[] | undefined, names: string[]) => {
        const result = [...(list ?? [])]
        for (const name of names) {
          if (!result.some(item => item.toLowerCase() === name.toLowerCase())) result.push(name)
        }
        return result
      }
      pull.requestedReviewers = add(pull.requestedReviewers, users)
      pull.requestedTeams = add(pull.requestedTeams, teams)
      return { status: 201, body: pullJson(state, apiUrl, pull) }
    }
  }
}
