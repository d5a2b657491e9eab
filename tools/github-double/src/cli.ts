// `npm run github-double -- scenario.json [--port N]`: the GitHub double on its own, so the
// action (or curl) can be pointed at it by hand. Logs every request; Ctrl-C stops it.
import { parseArgs } from 'node:util'
import { loadScenarioFile, ScenarioError } from './scenario.js'
import { startGitHubDouble } from './server.js'

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } }
  })
  const [file] = positionals
  if (values.help === true || file === undefined || positionals.length > 1) {
    console.error('usage: npm run github-double -- SCENARIO.json [--port N]')
    console.error('The scenario format: tools/github-double/README.md')
    return values.help === true ? 0 : 2
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    console.error(`--port must be a port number, not ${values.port}`)
    return 2
  }

  let scenario
  try {
    scenario = loadScenarioFile(file)
  } catch (error) {
    if (error instanceof ScenarioError) {
      console.error(error.message)
      return 2
    }
    throw error
  }
  const double = await startGitHubDouble(scenario, {
    port,
    onRequest: (request, violations) => {
      const graphqlName =
        request.graphqlOperationName === undefined ? '' : ` ${request.graphqlOperationName}`
      const took = (request.endMs - request.startMs).toFixed(1)
      const status = request.status === 0 ? 'dropped' : String(request.status)
      const fault = request.fault === undefined ? '' : `  [fault: ${request.fault}]`
      console.log(
        `#${request.seq} ${request.method} ${request.path} → ${status} (${request.operationId}${graphqlName}, ${took} ms)${fault}`
      )
      for (const violation of violations) console.log(`    ${violation.kind}: ${violation.reason}`)
    }
  })
  const token = scenario.token.value ?? 'any-token'
  console.log(`GitHub double for ${scenario.repo.owner}/${scenario.repo.name}`)
  console.log(`  REST:    ${double.url}`)
  console.log(`  GraphQL: ${double.graphqlUrl}`)
  console.log('\nTo point the action at it:')
  console.log(`  export GITHUB_API_URL=${double.url}`)
  console.log(`  export GITHUB_GRAPHQL_URL=${double.graphqlUrl}`)
  console.log(`  export GITHUB_REPOSITORY=${scenario.repo.owner}/${scenario.repo.name}`)
  console.log(`  export GITHUB_TOKEN=${token}`)
  console.log('  # input names keep their dashes, which export cannot set; use env(1):')
  console.log(`  env 'INPUT_GITHUB-TOKEN=${token}' GITHUB_EVENT_PATH=event.json node dist/index.js`)
  console.log(
    `\nTry: curl -H 'authorization: token ${token}' ${double.url}/repos/${scenario.repo.owner}/${scenario.repo.name}`
  )
  console.log('Ctrl-C stops it.\n')

  await new Promise<void>(resolve => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
  await double.close()
  const problems = double.violations.filter(violation => violation.kind !== 'unvalidated')
  console.log(`\nstopped after ${double.requests.length} requests, ${problems.length} violations`)
  return 0
}

main().then(
  code => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
