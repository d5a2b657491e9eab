import { readFileSync } from 'node:fs'

export interface StarterFile {
  path: string
  text: string
}

export const TEMPLATE_PATH = 'checklists/templates/deployment-readiness.md'

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

/** Where \`init\` writes a CODEOWNERS stub when the repository has none. */
export const CODEOWNERS_PATH = '.github/CODEOWNERS'

export interface StarterOptions {
  /** A team's own checklist, adopted as the template instead of the one this package ships. */
  template?: string
  /** Who may sign, for the CODEOWNERS stub (\`@login\` or \`@org/team\`); else a placeholder. */
  owner?: string
  /** Whether to write the CODEOWNERS stub: not when the repository has a CODEOWNERS file. */
  codeowners: boolean
}

function codeownersStub(owner: string | undefined): string {
  return `# Who may sign the release checklists: a sign-off counts when one of these people signs it
# and approves the pull request. Roles can be narrowed in .github/readiness-gate.yml (roles:).
/checklists/ ${owner ?? '@your-github-login'}
`
}

/**
 * The files \`readiness-gate init\` writes: a configuration, the deployment-readiness template
 * (this package's, or the team's own), a workflow, and a CODEOWNERS stub so that a first
 * sign-off has someone who may give it. Release checklists are then copies of the template.
 */
export function starterFiles(options: StarterOptions = { codeowners: false }): StarterFile[] {
  // ncc copies the template next to the bundle, so this works from the sources and from dist/.
  const template =
    options.template ??
    readFileSync(
      new URL('../checklists/templates/deployment-readiness.md', import.meta.url),
      'utf8'
    )
  return [
    { path: '.github/readiness-gate.yml', text: CONFIG },
    { path: TEMPLATE_PATH, text: template },
    { path: '.github/workflows/readiness-gate.yml', text: WORKFLOW },
    ...(options.codeowners ? [{ path: CODEOWNERS_PATH, text: codeownersStub(options.owner) }] : [])
  ]
}
