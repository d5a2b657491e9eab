// Issue comments (the sticky comment).
import type { IssueComment } from '../scenario.js'
import { nextId } from '../repo-model.js'
import {
  EPOCH,
  findComment,
  type Handler,
  notFound,
  now,
  paginate,
  pullOr404,
  read,
  write
} from './common.js'
import { commentJson } from './json.js'

export const ISSUES_HANDLERS: Record<string, Handler> = {
  'issues/list-comments': {
    needs: read('issues', 'pull-requests'),
    handle: context => {
      const { docs } = context
      const pull = pullOr404(context, docs, 'issue_number')
      if ('status' in pull) return pull
      const since =
        context.query.since === undefined ? undefined : Date.parse(String(context.query.since))
      const comments = pull.comments.filter(
        comment =>
          since === undefined ||
          Date.parse(comment.updatedAt ?? comment.createdAt ?? EPOCH) >= since
      )
      const { page, headers } = paginate(context, comments)
      return {
        status: 200,
        headers,
        body: page.map(comment => commentJson(context.state, context.apiUrl, pull.number, comment))
      }
    }
  },
  'issues/get-comment': {
    needs: read('issues', 'pull-requests'),
    handle: ({ docs, state, apiUrl, params }) => {
      const found = findComment(state, Number(params.comment_id))
      return found === undefined
        ? notFound(docs)
        : { status: 200, body: commentJson(state, apiUrl, found.pull.number, found.comment) }
    }
  },
  'issues/create-comment': {
    needs: write('issues', 'pull-requests'),
    handle: context => {
      const { docs } = context
      const pull = pullOr404(context, docs, 'issue_number')
      if ('status' in pull) return pull
      const { state, apiUrl, body } = context
      const allComments = state.pullRequests.flatMap(candidate => candidate.comments)
      const created = now()
      const comment: IssueComment = {
        id: nextId(allComments, 9000),
        login: state.token.login,
        body: String(body.body),
        createdAt: created,
        updatedAt: created
      }
      pull.comments.push(comment)
      return { status: 201, body: commentJson(state, apiUrl, pull.number, comment) }
    }
  },
  'issues/update-comment': {
    needs: write('issues', 'pull-requests'),
    handle: ({ docs, state, apiUrl, params, body }) => {
      const found = findComment(state, Number(params.comment_id))
      if (found === undefined) return notFound(docs)
      found.comment.body = String(body.body)
      found.comment.updatedAt = now()
      return { status: 200, body: commentJson(state, apiUrl, found.pull.number, found.comment) }
    }
  },
  'issues/delete-comment': {
    needs: write('issues', 'pull-requests'),
    handle: ({ docs, state, params }) => {
      const found = findComment(state, Number(params.comment_id))
      if (found === undefined) return notFound(docs)
      found.pull.comments = found.pull.comments.filter(comment => comment !== found.comment)
      return { status: 204 }
    }
  }
}
