// Check runs.
import type { CheckRun } from '../scenario.js'
import { nextId, resolveRevision } from '../repo-model.js'
import { type Handler, notFound, now, paginate, read, validationFailed, write } from './common.js'
import { checkRunJson } from './json.js'

export const CHECKS_HANDLERS: Record<string, Handler> = {
  'checks/create': {
    needs: write('checks'),
    handle: ({ docs, state, apiUrl, body }) => {
      const headSha = String(body.head_sha)
      if (!(headSha in state.commits))
        return validationFailed(`No commit found for SHA: ${headSha}`, docs)
      const output = body.output as (CheckRun['output'] & { annotations?: unknown[] }) | undefined
      const conclusion = (body.conclusion as string | undefined) ?? null
      const run: CheckRun = {
        id: nextId(state.checkRuns, 1000),
        name: String(body.name),
        headSha,
        status:
          conclusion !== null
            ? 'completed'
            : ((body.status as CheckRun['status'] | undefined) ?? 'queued'),
        conclusion,
        externalId: (body.external_id as string | undefined) ?? null,
        detailsUrl: (body.details_url as string | undefined) ?? null,
        startedAt: (body.started_at as string | undefined) ?? now(),
        completedAt:
          (body.completed_at as string | undefined) ?? (conclusion !== null ? now() : null),
        output: output && { title: output.title, summary: output.summary, text: output.text },
        annotations: output?.annotations ?? []
      }
      state.checkRuns.push(run)
      return { status: 201, body: checkRunJson(state, apiUrl, run) }
    }
  },
  'checks/update': {
    needs: write('checks'),
    handle: ({ docs, state, apiUrl, body, params }) => {
      const run = state.checkRuns.find(candidate => candidate.id === Number(params.check_run_id))
      if (run === undefined) return notFound(docs)
      const output = body.output as (CheckRun['output'] & { annotations?: unknown[] }) | undefined
      if (body.name !== undefined) run.name = String(body.name)
      if (body.status !== undefined) run.status = body.status as CheckRun['status']
      if (body.conclusion !== undefined) {
        run.conclusion = body.conclusion as string
        run.status = 'completed'
        run.completedAt = (body.completed_at as string | undefined) ?? now()
      }
      if (body.details_url !== undefined) run.detailsUrl = body.details_url as string
      if (body.external_id !== undefined) run.externalId = body.external_id as string
      if (output !== undefined) {
        run.output = { title: output.title, summary: output.summary, text: output.text }
        // Annotations accumulate across updates, as on GitHub (50 per request).
        run.annotations = [...(run.annotations ?? []), ...(output.annotations ?? [])]
      }
      return { status: 200, body: checkRunJson(state, apiUrl, run) }
    }
  },
  'checks/get': {
    needs: read('checks'),
    handle: ({ docs, state, apiUrl, params }) => {
      const run = state.checkRuns.find(candidate => candidate.id === Number(params.check_run_id))
      return run === undefined
        ? notFound(docs)
        : { status: 200, body: checkRunJson(state, apiUrl, run) }
    }
  },
  'checks/list-for-ref': {
    needs: read('checks'),
    handle: context => {
      const { docs } = context
      const { state, apiUrl, query } = context
      const sha = resolveRevision(state, String(context.params.ref))
      if (sha === undefined)
        return validationFailed(`No commit found for SHA: ${String(context.params.ref)}`, docs)
      let runs = state.checkRuns.filter(run => run.headSha === sha).reverse()
      if (query.check_name !== undefined) runs = runs.filter(run => run.name === query.check_name)
      if (query.status !== undefined) runs = runs.filter(run => run.status === query.status)
      // filter=latest (the default) keeps the most recent run of each name.
      if (query.filter !== 'all') {
        const seen = new Set<string>()
        runs = runs.filter(run => !seen.has(run.name) && seen.add(run.name) !== undefined)
      }
      const { page, headers } = paginate(context, runs)
      return {
        status: 200,
        headers,
        body: {
          total_count: runs.length,
          check_runs: page.map(run => checkRunJson(state, apiUrl, run))
        }
      }
    }
  }
}
