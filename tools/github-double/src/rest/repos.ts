// Repositories: the repository, contents, commit statuses, pull requests of a commit, rate limit.
import type { CommitStatus } from '../scenario.js'
import {
  associatedPullRequests,
  directoryListing,
  entryAt,
  nextId,
  resolveRevision
} from '../repo-model.js'
import { type Handler, notFound, now, paginate, read, validationFailed, write } from './common.js'
import { contentJson, pullJson, repositoryJson, statusJson } from './json.js'

export const REPOS_HANDLERS: Record<string, Handler> = {
  'repos/get': {
    needs: read('metadata'),
    handle: ({ state, apiUrl }) => ({ status: 200, body: repositoryJson(state, apiUrl) })
  },
  'rate-limit/get': {
    needs: read('metadata'),
    handle: ({ rateLimits }) => {
      const resources = rateLimits()
      return { status: 200, body: { resources, rate: resources.core } }
    }
  },
  'repos/list-pull-requests-associated-with-commit': {
    needs: read('pull-requests'),
    handle: context => {
      const { state, apiUrl, docs } = context
      const sha = resolveRevision(state, String(context.params.commit_sha))
      if (sha === undefined) return notFound(docs)
      const { page, headers } = paginate(context, associatedPullRequests(state, sha))
      return { status: 200, headers, body: page.map(pull => pullJson(state, apiUrl, pull)) }
    }
  },
  'repos/get-content': {
    needs: read('contents'),
    handle: context => {
      const { docs } = context
      const { state, apiUrl } = context
      const ref = String(context.query.ref ?? state.repo.defaultBranch)
      const sha = resolveRevision(state, ref)
      if (sha === undefined) {
        return {
          status: 404,
          body: {
            message: `No commit found for the ref ${ref}`,
            documentation_url: docs,
            status: '404'
          }
        }
      }
      const path = String(context.params.path ?? '')
      const entry = entryAt(state, sha, path)
      if (entry === undefined) return notFound(docs)
      if (entry.kind === 'dir') {
        const listing = directoryListing(state, sha, entry.path)
        return {
          status: 200,
          body: listing.map(child => contentJson(state, apiUrl, sha, child, ref))
        }
      }
      if (context.wantsRaw) {
        return {
          status: 200,
          raw: { text: entry.text ?? '', contentType: 'application/vnd.github.raw; charset=utf-8' }
        }
      }
      // GitHub wraps base64 at 60 characters per line.
      const encoded = Buffer.from(entry.text ?? '', 'utf8')
        .toString('base64')
        .replace(/(.{60})/g, '$1\n')
      return {
        status: 200,
        body: {
          ...contentJson(state, apiUrl, sha, entry, ref),
          content: encoded,
          encoding: 'base64'
        }
      }
    }
  },
  'repos/create-commit-status': {
    needs: write('statuses'),
    handle: ({ docs, state, apiUrl, body, params }) => {
      const sha = String(params.sha)
      if (!(sha in state.commits)) return validationFailed(`No commit found for SHA: ${sha}`, docs)
      const status: CommitStatus = {
        id: nextId(state.statuses, 5000),
        sha,
        state: body.state as CommitStatus['state'],
        context: (body.context as string | undefined) ?? 'default',
        description: (body.description as string | null | undefined) ?? null,
        targetUrl: (body.target_url as string | null | undefined) ?? null,
        creator: state.token.login,
        createdAt: now()
      }
      state.statuses.push(status)
      return {
        status: 201,
        body: statusJson(state, apiUrl, status),
        headers: {
          location: `${apiUrl}/repos/${state.repo.owner}/${state.repo.name}/statuses/${sha}`
        }
      }
    }
  },
  'repos/list-commit-statuses-for-ref': {
    needs: read('statuses'),
    handle: context => {
      const sha = resolveRevision(context.state, String(context.params.ref))
      const statuses = context.state.statuses.filter(status => status.sha === sha).reverse()
      const { page, headers } = paginate(context, statuses)
      return {
        status: 200,
        headers,
        body: page.map(status => statusJson(context.state, context.apiUrl, status))
      }
    }
  }
}
