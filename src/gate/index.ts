export { type Authority, type AuthorityFiles, authorityFrom, configFindings } from './authority.js'
export { type ChecklistChanges, checklistChanges } from './checklists.js'
export { type DeploymentResult, gateDeployment } from './deployment.js'
export {
  type Evidence,
  type GateOptions,
  type GateResult,
  gatePullRequest,
  unlistedFiles
} from './pull-request.js'
export { type ReviewRequest, type ReviewRequestInput, reviewRequestOf } from './review-requests.js'
export {
  approvedCommits,
  latestReviews,
  reviewsOf,
  reviewTextsOf,
  type Standing
} from './reviews.js'
export {
  type BaseVersion,
  baseVersion,
  type ChecklistSource,
  type GateInput,
  runGate
} from './run.js'
