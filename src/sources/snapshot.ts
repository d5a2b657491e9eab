/**
 * What the sources hand the gate: the pull request as GitHub describes it, as plain data.
 * Policy (which review counts, which checklists, what is fresh) lives in `gate/`, which reads
 * GitHub only through `PullRequestSource`, so that it can be tested with a plain object.
 */

export interface PullRequestRef {
  owner: string
  repo: string
  number: number
}

/** A file's text, or why it could not be read as text; undefined: no such file. */
export type FileText = { text: string } | { problem: 'binary' | 'truncated' } | undefined

/** A review as GitHub lists it: APPROVED, CHANGES_REQUESTED or DISMISSED. */
export interface SubmittedReview {
  /** Undefined for a deleted account ("ghost"). */
  login: string | undefined
  state: string
  /** ISO 8601; null when GitHub gives none. */
  submittedAt: string | null
  /** The commit the review was given on; undefined when GitHub no longer has it. */
  commit: string | undefined
  /**
   * Whether the review's author has push (write) access to the repository now, as GitHub says
   * with the review (`authorCanPushToRepository`); undefined when GitHub did not say.
   */
  canPush: boolean | undefined
  /** The review's id (`databaseId`, as REST and the review's URL name it), when known. */
  id?: number
  /** The review's page on GitHub, when known. */
  url?: string
}

export interface StickyComment {
  id: number
  url: string
  body: string
}

export interface ChangedFile {
  path: string
  deleted: boolean
  /** For a renamed file, its path at the merge base. */
  previousPath?: string
}

/** The first read: the pull request, its reviews and files, and the rules from its base branch. */
export interface PullRequestSnapshot {
  number: number
  url: string
  author: string | undefined
  headSha: string
  /** The branch the head commit is on (in the head repository, for a fork). */
  headRefName: string
  /**
   * The base commit every base read uses: the tip of the base branch (`baseRef.target`), not
   * `baseRefOid`, which GitHub may leave behind the branch. Configuration, CODEOWNERS, the
   * checklist's base version and templates all come from this one commit.
   */
  baseSha: string
  baseRef: string
  isCrossRepository: boolean
  /** The configuration file at the tip of the base branch. */
  config: FileText
  /** The configuration's blob id, for the sign-off record; undefined: no file (or unknown). */
  configBlob?: string
  /** The first CODEOWNERS file GitHub would use, at the tip of the base branch. */
  codeowners: { path: string; text: FileText; blob?: string } | undefined
  /**
   * The commit approvals count as "on head" for: the head, or for a merged pull request
   * evaluated at its merge commit (deploy mode), the pull request's last head commit.
   */
  approvalHead?: string
  /**
   * The changed files GitHub lists. GitHub lists at most 3000; compare with `changedFiles`
   * before taking it as complete.
   */
  files: ChangedFile[]
  /** How many files the pull request changes, by GitHub's count. */
  changedFiles: number
  /** Every review in a decisive state, in GitHub's order (oldest first). */
  reviews: SubmittedReview[]
  /** Comments this token's identity wrote. */
  ownComments: StickyComment[]
  /**
   * Reviews requested and still pending: logins, and teams as `org/slug`, as GitHub gives
   * them; undefined when not read (deploy mode).
   */
  reviewRequests?: { users: string[]; teams: string[] }
}

/**
 * Another open pull request whose head is the same commit, as much of it as tells whether the
 * gate passes it without reading any checklist: its changed files and its configuration.
 */
export interface HeadSharer {
  number: number
  baseRef: string
  /** The tip of its base branch; undefined when the branch is gone. */
  baseSha: string | undefined
  /** Its configuration file at the tip of its base branch. */
  config: FileText
  /** Its changed files as GitHub lists them, without previous paths. */
  files: ChangedFile[]
  /** Whether `files` is every file it changes (one page, and as many as `changedFiles`). */
  filesComplete: boolean
  /** Whether it renames a file: where from is not read, so it may rename a checklist away. */
  renames: boolean
}

/** The open pull requests other than this one whose head is this pull request's head commit. */
export interface SharingHead {
  pullRequests: HeadSharer[]
  /** False when GitHub listed more pull requests with this commit than the gate reads. */
  complete: boolean
}

/**
 * The second read, asked for by the gate once it knows which checklists matter; with no paths,
 * only the open pull requests that share the head commit.
 */
export interface ContentRequest {
  headSha: string
  /** Where other open pull requests with the same head commit are looked for, with the commit's own. */
  headRefName: string
  /** The configuration file each such pull request is judged by, at the tip of its base branch. */
  configPath: string
  baseSha: string
  paths: readonly string[]
  /** Where a renamed checklist was at base (previous path by head path); else its own path. */
  basePaths?: ReadonlyMap<string, string>
  /** Templates of new checklists, read at base only. */
  templates: readonly string[]
  /** Commits that approving reviews were given on. */
  reviewCommits: readonly string[]
  /**
   * Whether to read the checklists' text at review commits too (only `freshness:
   * section-unchanged` needs it): else only their blob ids.
   */
  reviewTexts?: boolean
  /** `org/slug` of every team that roles or CODEOWNERS name. */
  teams: readonly string[]
}

export interface Content {
  head: Map<string, FileText>
  /** Blob id of each checklist at head, to compare with the same file at review commits. */
  headBlob: Map<string, string>
  /** Each checklist at base, by its head path (read from its previous path when renamed). */
  base: Map<string, FileText>
  templates: Map<string, FileText>
  /** `commit → path → blob id` (undefined: the file is not there or the commit is gone). */
  atReview: Map<string, Map<string, string | undefined>>
  /** `commit → path → text` at review commits, when the request asked for `reviewTexts`. */
  textAtReview?: Map<string, Map<string, FileText>>
  /** Members by `org/slug`, lower-cased; 'unreadable' when the token cannot read the team. */
  teams: Map<string, ReadonlySet<string> | 'unreadable'>
  /** Other open pull requests whose head is the same commit: one check run speaks for all. */
  sharingHead: SharingHead
}

/** The only way the gate reaches GitHub: two reads, the second shaped by the first. */
export interface PullRequestSource {
  readPullRequest(configPath: string): Promise<PullRequestSnapshot>
  readContent(request: ContentRequest): Promise<Content>
}

export interface RepositoryRef {
  owner: string
  repo: string
}

/**
 * Deploy mode's first read: the pull request that merged the commit being deployed, as a
 * snapshot whose head is the merge commit and whose base is its first parent; or why there is
 * none (the message says so).
 */
export type MergedCommit = { pullRequest: PullRequestSnapshot } | { notMerged: string }

/** Deploy mode's way to GitHub: the merged pull request, then the same content read. */
export interface DeploymentSource {
  readonly sha: string
  readMergedPullRequest(configPath: string): Promise<MergedCommit>
  readContent(request: ContentRequest): Promise<Content>
}

/** Reads files as they are on the base: the pull request's base branch, or `--base REF`. */
export interface BaseReader {
  /** The base, as messages name it (`main`, `origin/main`). */
  readonly where: string
  /** The file's text, or undefined when the base has no such file; throws when it is unreadable. */
  read(path: string): string | undefined
}
