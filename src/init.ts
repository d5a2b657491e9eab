import { readFileSync } from 'node:fs'

export interface StarterFile {
  path: string
  text: string
}

const TEMPLATE_PATH = 'checklists/templates/deployment-readiness.md'

const CONFIG = `# Readiness Gate: https://github.com/acme/readiness-gate#configuration
# Read from the pull request's base branch, so a release pull request cannot loosen its own gate.

# Checklists evaluated when a pull request changes them.
checklists: ["checklists/releases/**/*.md"]

# A checklist the pull request adds is checked against its template: no item, sign-off,
# threshold or target of the template may go missing or be loosened.
templates:
  "checklists/releases/**/*.md": ${TEMPLATE_PATH}

# Filled in after the release, so they cannot gate the merge.
exclude-sections: ["Post-Deployment Validation"]

# Who may sign each role; a role not listed here may be signed by a code owner of the checklist.
# roles:
#   DBA: ["@your-org/dba"]
#   SRE: ["@your-org/sre", "@alice"]

signoffs:
  freshness: checklist-unchanged   # an approval counts while the checklist is unchanged since
  distinct-signers: true           # one person, one role per sign-off block
  max-age-days: 30
`

const WORKFLOW = `name: Readiness Gate
on:
  # From the base branch, so a pull request cannot change the gate's inputs; safe because the
  # gate reads the pull request through the API as data and runs nothing from it. \`edited\`
  # is also sent when the pull request's base branch changes.
  pull_request_target:
    types: [opened, synchronize, reopened, edited]
  pull_request_review:
    types: [submitted, dismissed]
  # The merge queue checks again just before merging, against the base as it then is.
  merge_group:
# A newer run cancels an older one, so an older verdict is never published over a newer one.
concurrency:
  group: readiness-gate-\${{ github.event.pull_request.number || github.event.merge_group.head_ref }}
  cancel-in-progress: true
permissions:
  contents: read
  pull-requests: write
  checks: write
jobs:
  gate:
    runs-on: ubuntu-latest
    steps:
      - uses: acme/readiness-gate@v1
`

/**
 * The files \`readiness-gate init\` writes: a configuration, the deployment-readiness template
 * this package ships, and a workflow. Release checklists are then copies of the template.
 */
export function starterFiles(): StarterFile[] {
  // ncc copies the template next to the bundle, so this works from the sources and from dist/.
  const template = readFileSync(
    new URL('../checklists/templates/deployment-readiness.md', import.meta.url),
    'utf8'
  )
  return [
    { path: '.github/readiness-gate.yml', text: CONFIG },
    { path: TEMPLATE_PATH, text: template },
    { path: '.github/workflows/readiness-gate.yml', text: WORKFLOW }
  ]
}
