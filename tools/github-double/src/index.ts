export {
  type ActionEvent,
  type ActionRun,
  inputVariable,
  parseOutputFile,
  runAction,
  type RunActionOptions
} from './run-action.js'
export {
  loadScenarioFile,
  normalizeScenario,
  type Review,
  type Scenario,
  ScenarioError,
  type ScenarioInput
} from './scenario.js'
export {
  type DoubleOptions,
  type GitHubDouble,
  type RecordedRequest,
  roundTrips,
  startGitHubDouble,
  type Violation
} from './server.js'
export { blobSha } from './repo-model.js'
