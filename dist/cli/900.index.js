export const id = 900;
export const ids = [900];
export const modules = {

/***/ 5900:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createOctokit: () => (/* reexport */ createOctokit),
  deployedCommit: () => (/* reexport */ deployedCommit),
  mergedCommitSource: () => (/* binding */ mergedCommitSource)
});

// UNUSED EXPORTS: GATE_MODES, explainApiError, gateMode, githubSource, hasReadOnlyToken, pullRequestFromEvent

// EXTERNAL MODULE: ./src/owners/index.ts + 5 modules
var owners = __webpack_require__(8828);
;// CONCATENATED MODULE: ./src/sources/github/graphql.ts
/** Page size of every GraphQL connection and REST list the gate reads. */
const graphql_PAGE = 100;
const BLOB = 'object { ... on Blob { text isBinary isTruncated } }';
const graphql_PAGE_INFO = 'pageInfo { hasNextPage endCursor }';
function fileText(entry) {
    const blob = entry?.object;
    if (!blob)
        return undefined;
    if (blob.isBinary || blob.text === null)
        return { problem: 'binary' };
    if (blob.isTruncated)
        return { problem: 'truncated' };
    return { text: blob.text };
}
/**
 * The rest of a connection past its first page, one page a request. `page` asks for the page
 * after a cursor and returns the connection it finds (or undefined when it is gone).
 */
async function remainingPages(first, page) {
    const nodes = [...first.nodes];
    let info = first.pageInfo;
    while (info.hasNextPage) {
        const next = await page(info.endCursor);
        if (!next)
            return undefined;
        nodes.push(...next.nodes);
        info = next.pageInfo;
    }
    return nodes;
}
/** A connection of the pull request past its first page, with the arguments the first had. */
async function graphql_pullRequestPages(octokit, ref, first, field, selection, args = '') {
    const nodes = await remainingPages(first, async (after) => {
        const data = await octokit.graphql(`query ReadinessGatePage($owner: String!, $name: String!, $number: Int!, $after: String!) {
        repository(owner: $owner, name: $name) { pullRequest(number: $number) {
          ${field}(first: ${graphql_PAGE}, after: $after${args ? `, ${args}` : ''}) { nodes { ${selection} } ${graphql_PAGE_INFO} } } } }`, { owner: ref.owner, name: ref.repo, number: ref.number, after });
        return data.repository.pullRequest[field];
    });
    if (!nodes)
        throw new Error(`GitHub stopped listing the pull request's ${field} part-way.`);
    return nodes;
}

;// CONCATENATED MODULE: ./src/sources/github/sharing.ts

/** How many pull requests of each list are read; more fail the gate closed. */
const SHARERS = 25;
/**
 * What the content query reads of each pull request that may share the head commit: enough to
 * tell whether the gate passes it without reading a checklist (its files and configuration).
 * Uses the query's `$configPath`.
 */
const SHARER = `number state headRefOid baseRefName changedFiles
  baseRef { target { oid ... on Commit { config: file(path: $configPath) { ${BLOB} } } } }
  files(first: ${graphql_PAGE}) { nodes { path changeType } pageInfo { hasNextPage } }`;
const SHARERS_PAGE = `first: ${SHARERS}) { nodes { ${SHARER} } pageInfo { hasNextPage } }`;
/**
 * Three lists find the open pull requests whose head is the head commit, in the same query as
 * the content, with `$headRef` (`refs/heads/<head branch>`):
 * - the commit's associated pull requests: every open one that contains it, unless the commit
 *   is on the default branch already (GitHub then lists only the merged one that brought it);
 * - the pull requests from the same branch, which the first list misses in that case;
 * - the pull requests from the default branch (`main` into a release branch), likewise.
 */
const SHARING_ON_COMMIT = `sharers: associatedPullRequests(${SHARERS_PAGE}`;
const SHARING_ON_REPOSITORY = `
  headBranch: ref(qualifiedName: $headRef) { sharers: associatedPullRequests(states: [OPEN], ${SHARERS_PAGE} }
  defaultBranchRef { sharers: associatedPullRequests(states: [OPEN], ${SHARERS_PAGE} }`;
/** The other open pull requests with this head commit, from the lists above. */
function sharingHead(lists, self, headSha) {
    const found = new Map();
    let complete = true;
    for (const list of lists) {
        if (!list?.sharers)
            continue;
        if (list.sharers.pageInfo.hasNextPage)
            complete = false;
        for (const node of list.sharers.nodes) {
            if (!node || node.state !== 'OPEN' || node.headRefOid !== headSha || node.number === self)
                continue;
            const tip = node.baseRef?.target;
            const files = node.files?.nodes ?? [];
            found.set(node.number, {
                number: node.number,
                baseRef: node.baseRefName,
                baseSha: tip?.oid,
                config: fileText(tip?.config),
                files: files.map(file => ({ path: file.path, deleted: file.changeType === 'DELETED' })),
                filesComplete: node.files !== null &&
                    !node.files.pageInfo.hasNextPage &&
                    files.length >= node.changedFiles,
                renames: files.some(file => file.changeType === 'RENAMED')
            });
        }
    }
    return { pullRequests: [...found.values()].sort((a, b) => a.number - b.number), complete };
}

;// CONCATENATED MODULE: ./src/sources/github/content.ts



/**
 * Round trip 2, one query: each checklist at head and at base (`baseSha`: the tip of the base
 * branch that round trip 1 read the configuration at), its blob at every approving
 * review's commit (for freshness), the members of every team that may sign, and the other open
 * pull requests whose head is the same commit. A team the token cannot read comes back as an
 * error on its own alias: it is marked unreadable, and the gate fails closed on it.
 */
async function content_readContent(octokit, 
/** `number` is that of the pull request under review, when known: never its own sharer. */
ref, request, warning) {
    const variables = {
        owner: ref.owner,
        name: ref.repo,
        head: request.headSha,
        headRef: `refs/heads/${request.headRefName}`,
        configPath: request.configPath
    };
    const declarations = [
        '$owner: String!',
        '$name: String!',
        '$head: GitObjectID!',
        '$headRef: String!',
        '$configPath: String!'
    ];
    // With no checklist to read, only the pull requests that share the head commit are asked for.
    const atBase = request.paths.length + request.templates.length > 0;
    if (atBase) {
        variables.base = request.baseSha;
        declarations.push('$base: GitObjectID!');
    }
    request.paths.forEach((path, i) => {
        variables[`p${i}`] = path;
        declarations.push(`$p${i}: String!`);
        const basePath = request.basePaths?.get(path);
        if (basePath !== undefined && basePath !== path) {
            variables[`bp${i}`] = basePath;
            declarations.push(`$bp${i}: String!`);
        }
    });
    request.reviewCommits.forEach((commit, i) => {
        variables[`c${i}`] = commit;
        declarations.push(`$c${i}: GitObjectID!`);
    });
    request.templates.forEach((path, i) => {
        variables[`tp${i}`] = path;
        declarations.push(`$tp${i}: String!`);
    });
    const teams = request.teams.map(team => team.split('/'));
    teams.forEach(([org, slug], i) => {
        variables[`o${i}`] = org;
        variables[`t${i}`] = slug;
        declarations.push(`$o${i}: String!`, `$t${i}: String!`);
    });
    const files = (withText, atBase = false) => request.paths
        .map((_, i) => {
        const variable = atBase && `bp${i}` in variables ? `bp${i}` : `p${i}`;
        return `f${i}: file(path: $${variable}) { oid ${withText ? BLOB : ''} }`;
    })
        .join(' ');
    const query = `query ReadinessGateContent(${declarations.join(', ')}) {
    repository(owner: $owner, name: $name) {
      head: object(oid: $head) { ... on Commit { ${files(true)} ${SHARING_ON_COMMIT} } }
      ${atBase ? `base: object(oid: $base) { ... on Commit { ${files(true, true)} ${request.templates.map((_, i) => `tf${i}: file(path: $tp${i}) { oid ${BLOB} }`).join(' ')} } }` : ''}
      ${SHARING_ON_REPOSITORY}
      ${request.reviewCommits.map((_, i) => `r${i}: object(oid: $c${i}) { ... on Commit { ${files(request.reviewTexts === true)} } }`).join('\n')}
    }
    ${teams.map((_, i) => `team${i}: organization(login: $o${i}) { team(slug: $t${i}) { members(first: ${graphql_PAGE}) { nodes { login } ${graphql_PAGE_INFO} } } }`).join('\n')}
  }`;
    let data;
    let failedTeams = new Set();
    try {
        data = await octokit.graphql(query, variables);
    }
    catch (error) {
        const partial = teamErrorsOnly(error);
        if (!partial)
            throw error;
        data = partial.data;
        failedTeams = partial.aliases;
    }
    const repository = data.repository;
    const content = {
        head: new Map(),
        headBlob: new Map(),
        base: new Map(),
        templates: new Map(),
        atReview: new Map(),
        teams: new Map(),
        sharingHead: sharingHead([repository.head, repository.headBranch, repository.defaultBranchRef], ref.number ?? -1, request.headSha)
    };
    request.templates.forEach((path, i) => content.templates.set(path, fileText(repository.base?.[`tf${i}`])));
    request.paths.forEach((path, i) => {
        const head = repository.head?.[`f${i}`];
        content.head.set(path, fileText(head));
        if (head)
            content.headBlob.set(path, head.oid);
        content.base.set(path, fileText(repository.base?.[`f${i}`]));
    });
    request.reviewCommits.forEach((commit, i) => {
        const files = repository[`r${i}`];
        content.atReview.set(commit, new Map(request.paths.map((path, j) => [path, files?.[`f${j}`]?.oid])));
    });
    if (request.reviewTexts)
        content.textAtReview = textsAtReview(request, repository);
    for (const [i, [org, slug]] of teams.entries()) {
        const key = (0,owners/* normaliseLogin */.uj)(`${org}/${slug}`);
        const members = data[`team${i}`]?.team?.members;
        if (failedTeams.has(`team${i}`) || !members) {
            content.teams.set(key, 'unreadable');
            continue;
        }
        content.teams.set(key, await allMembers(octokit, org, slug, members, warning));
    }
    return content;
}
/** Under `freshness: section-unchanged`: each checklist's text at each review commit. */
function textsAtReview(request, repository) {
    return new Map(request.reviewCommits.map((commit, i) => [
        commit,
        new Map(request.paths.map((path, j) => [path, fileText(repository[`r${i}`]?.[`f${j}`])]))
    ]));
}
/**
 * A team's members past the first page. A part of a team is not the team: when a later page
 * cannot be read, the whole team is unreadable, and sign-offs that need it fail closed.
 */
async function allMembers(octokit, org, slug, first, warning) {
    try {
        const members = await remainingPages(first, async (after) => {
            const next = await octokit.graphql(`query ReadinessGateTeam($org: String!, $slug: String!, $after: String!) {
          organization(login: $org) { team(slug: $slug) { members(first: ${graphql_PAGE}, after: $after) { nodes { login } ${graphql_PAGE_INFO} } } } }`, { org, slug, after });
            return next.organization?.team?.members;
        });
        return members ? new Set(members.map(node => (0,owners/* normaliseLogin */.uj)(node.login))) : 'unreadable';
    }
    catch (error) {
        warning(`The members of @${org}/${slug} past the first ${first.nodes.length} could not be read (${error instanceof Error ? error.message : String(error)}): the team counts as unreadable.`);
        return 'unreadable';
    }
}
/** A GraphQL error whose every error lies under a team alias: the rest of the answer stands. */
function teamErrorsOnly(error) {
    const response = error;
    if (!response.errors || !response.data)
        return undefined;
    const aliases = new Set();
    for (const item of response.errors) {
        const alias = item.path?.[0];
        if (typeof alias !== 'string' || !/^team\d+$/.test(alias))
            return undefined;
        aliases.add(alias);
    }
    return { data: response.data, aliases };
}

;// CONCATENATED MODULE: ./src/sources/github/renames.ts

/**
 * GraphQL's PullRequestChangedFile has no previous path, so a rename would look like a new
 * file: only when the pull request renames something, the REST list of files (which has
 * `previous_filename`) is read as well. A rename whose origin cannot be found fails the run,
 * as it may be a checklist renamed away.
 */
async function withPreviousPaths(octokit, ref, files) {
    const renamed = files.filter(file => file.changeType === 'RENAMED');
    const previous = new Map();
    if (renamed.length > 0) {
        const listed = await octokit.paginate(octokit.rest.pulls.listFiles, {
            owner: ref.owner,
            repo: ref.repo,
            pull_number: ref.number,
            per_page: graphql_PAGE
        });
        for (const file of listed) {
            if (file.status === 'renamed' && file.previous_filename) {
                previous.set(file.filename, file.previous_filename);
            }
        }
    }
    const unknown = renamed.filter(file => !previous.has(file.path)).map(file => file.path);
    if (unknown.length > 0) {
        throw new Error(`This pull request renames ${unknown.join(', ')}, but GitHub's list of changed files does not say from where: the gate cannot tell whether a checklist was renamed away, so it fails. Split the rename into a pull request of its own, or re-run the job.`);
    }
    return files.map(file => ({
        path: file.path,
        deleted: file.changeType === 'DELETED',
        ...(previous.has(file.path) ? { previousPath: previous.get(file.path) } : {})
    }));
}

;// CONCATENATED MODULE: ./src/sources/github/pull-request.ts



/**
 * Reviews are read whole, not through `latestOpinionatedReviews`: after approve → request
 * changes → that request dismissed, GitHub may count the earlier approval again
 * (palantir/policy-bot#119). The gate picks each reviewer's latest review in these states.
 */
const REVIEW_STATES = '[APPROVED, CHANGES_REQUESTED, DISMISSED]';
// `authorCanPushToRepository` is the reviewer's write access, read with the review itself: a
// code owner needs it to sign, as on GitHub, and it costs no request of its own.
const PUSH_ACCESS = 'authorCanPushToRepository';
const reviewSelection = (withAccess) => `author { login } state submittedAt commit { oid } databaseId url${withAccess ? ` ${PUSH_ACCESS}` : ''}`;
const FILE_SELECTION = 'path changeType';
/** The files and reviews of a pull request: read alike for a pull request and for a deploy. */
const filesAndReviews = (withAccess) => `
      files(first: ${graphql_PAGE}) { nodes { ${FILE_SELECTION} } ${graphql_PAGE_INFO} }
      reviews(first: ${graphql_PAGE}, states: ${REVIEW_STATES}) { nodes { ${reviewSelection(withAccess)} } ${graphql_PAGE_INFO} }`;
/** Every file and review, the pages past the first ones `filesAndReviews` read included. */
function allFilesAndReviews(octokit, ref, pull, withAccess) {
    return Promise.all([
        graphql_pullRequestPages(octokit, ref, pull.files, 'files', FILE_SELECTION),
        graphql_pullRequestPages(octokit, ref, pull.reviews, 'reviews', reviewSelection(withAccess), `states: ${REVIEW_STATES}`)
    ]);
}
/**
 * The files that rule a pull request, read on the commit its base is taken from: the
 * configuration and every place GitHub looks for CODEOWNERS (the first found is used).
 */
const RULES_FILES = `
            config: file(path: $configPath) { oid ${BLOB} }
            codeowners0: file(path: "${owners/* CODEOWNERS_LOCATIONS */.B$[0]}") { oid ${BLOB} }
            codeowners1: file(path: "${owners/* CODEOWNERS_LOCATIONS */.B$[1]}") { oid ${BLOB} }
            codeowners2: file(path: "${owners/* CODEOWNERS_LOCATIONS */.B$[2]}") { oid ${BLOB} }`;
// Pending review requests, so that `request-reviews` never asks anyone twice; read here, in
// the first query, so that the request costs no round trip of its own. One page: GitHub lets
// a pull request have far fewer pending requests than that.
const REQUESTED_REVIEWER = '... on User { login } ... on Team { slug organization { login } }';
const pullRequestQuery = (withAccess) => `
query ReadinessGatePullRequest($owner: String!, $name: String!, $number: Int!, $configPath: String!) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      number url isCrossRepository changedFiles
      author { login }
      baseRefName headRefName headRefOid
      baseRef {
        target {
          oid
          ... on Commit { ${RULES_FILES} }
        }
      }
      ${filesAndReviews(withAccess)}
      comments(first: ${PAGE}) { nodes { databaseId url body viewerDidAuthor } ${PAGE_INFO} }
      reviewRequests(first: ${PAGE}) { nodes { requestedReviewer { ${REQUESTED_REVIEWER} } } }
    }
  }
}`;
/** Round trip 1 (more only when a list runs past a page, or a file is renamed). */
async function pull_request_readPullRequest(octokit, ref, configPath) {
    const variables = { owner: ref.owner, name: ref.repo, number: ref.number, configPath };
    let withAccess = true;
    let data;
    try {
        data = await octokit.graphql(pullRequestQuery(true), variables);
    }
    catch (error) {
        if (!onlyErrorsOn(error, PUSH_ACCESS))
            throw error;
        // GitHub would not say who may push: the reviews are read again without it (a request
        // only in this case), and every code owner's sign-off then fails closed.
        withAccess = false;
        data = await octokit.graphql(pullRequestQuery(false), variables);
    }
    const pull = data.repository?.pullRequest;
    if (!pull) {
        throw new Error(`Pull request #${ref.number} was not found in ${ref.owner}/${ref.repo}: check the number, and that the token may read the repository (contents: read, pull-requests: read).`);
    }
    const [[files, reviews], comments] = await Promise.all([
        allFilesAndReviews(octokit, ref, pull, withAccess),
        pullRequestPages(octokit, ref, pull.comments, 'comments', 'databaseId url body viewerDidAuthor')
    ]);
    // The tip of the base branch is the one base commit: the configuration and CODEOWNERS are
    // read from it here, and the content query reads the checklists' base versions and
    // templates at its oid, so that no two base files come from different commits.
    const tip = pull.baseRef?.target;
    if (!tip) {
        throw new Error(`The base branch ${pull.baseRefName} of pull request #${ref.number} no longer exists: the gate has no configuration, CODEOWNERS or base checklist to go by, and fails.`);
    }
    return {
        number: pull.number,
        url: pull.url,
        author: pull.author?.login,
        headSha: pull.headRefOid,
        headRefName: pull.headRefName,
        baseSha: tip.oid,
        baseRef: pull.baseRefName,
        isCrossRepository: pull.isCrossRepository,
        ...rulesFiles(tip),
        files: await changedFiles(octokit, ref, files, pull.changedFiles),
        changedFiles: pull.changedFiles,
        reviews: submittedReviews(reviews, withAccess),
        ownComments: comments
            .filter(comment => comment.viewerDidAuthor)
            .map(comment => ({ id: comment.databaseId, url: comment.url, body: comment.body })),
        reviewRequests: reviewRequestsOf(pull.reviewRequests.nodes)
    };
}
/** Pending requests as logins and `org/slug` teams (bots and mannequins left out). */
function reviewRequestsOf(nodes) {
    const users = [];
    const teams = [];
    for (const { requestedReviewer: reviewer } of nodes) {
        if (reviewer?.login !== undefined)
            users.push(reviewer.login);
        else if (reviewer?.slug !== undefined && reviewer.organization) {
            teams.push(`${reviewer.organization.login}/${reviewer.slug}`);
        }
    }
    return { users, teams };
}
/** A GraphQL error whose every error is on `field`: the rest of the query would stand. */
function onlyErrorsOn(error, field) {
    const errors = error.errors;
    return (Array.isArray(errors) && errors.length > 0 && errors.every(item => item.path?.at(-1) === field));
}
/** The configuration and the CODEOWNERS GitHub would use, as read by RULES_FILES on `commit`. */
function rulesFiles(commit) {
    const index = owners/* CODEOWNERS_LOCATIONS */.B$.findIndex((_, i) => commit[`codeowners${i}`]?.object);
    const codeowners = commit[`codeowners${index}`];
    return {
        config: fileText(commit.config),
        ...(commit.config ? { configBlob: commit.config.oid } : {}),
        codeowners: index < 0
            ? undefined
            : { path: owners/* CODEOWNERS_LOCATIONS */.B$[index], text: fileText(codeowners), ...blobOf(codeowners) }
    };
}
/** The changed files; renames resolved only on a whole list (a list cut short fails anyway). */
async function changedFiles(octokit, ref, files, count) {
    if (files.length < count) {
        return files.map(file => ({ path: file.path, deleted: file.changeType === 'DELETED' }));
    }
    return withPreviousPaths(octokit, ref, files);
}
/** Reviews as GitHub lists them; `withAccess`: whether push access was read with them. */
function submittedReviews(nodes, withAccess) {
    return nodes.map(review => ({
        login: review.author?.login,
        state: review.state,
        submittedAt: review.submittedAt,
        commit: review.commit?.oid,
        canPush: withAccess ? (review.authorCanPushToRepository ?? undefined) : undefined,
        ...(review.databaseId === null ? {} : { id: review.databaseId }),
        url: review.url
    }));
}
/** A file's blob id, for the sign-off record. */
function blobOf(entry) {
    return entry ? { blob: entry.oid } : {};
}

;// CONCATENATED MODULE: ./src/sources/github/merged-commit.ts

/*
 * Deploy mode, round trip 1: the commit being deployed, the pull request that merged it
 * (`Commit.associatedPullRequests`, kept only when merged with this very commit as its merge
 * commit) with its files and reviews, and the configuration and CODEOWNERS at the commit's
 * first parent: the base branch as it was when the pull request merged. Round trip 2 is the
 * same content query as on a pull request, with the merge commit as head and the parent as base.
 */
/** Pull requests a commit can be associated with at once; one merged it, others may contain it. */
const ASSOCIATED = 10;
const MERGED_COMMIT_QUERY = `
query ReadinessGateMergedCommit($owner: String!, $name: String!, $sha: GitObjectID!, $configPath: String!) {
  repository(owner: $owner, name: $name) {
    nameWithOwner
    defaultBranchRef { name }
    object(oid: $sha) {
      ... on Commit {
        oid
        parents(first: 1) {
          nodes {
            oid
            ${RULES_FILES}
          }
        }
        associatedPullRequests(first: ${ASSOCIATED}) {
          nodes {
            number url merged isCrossRepository changedFiles
            mergeCommit { oid }
            author { login }
            baseRefName headRefName headRefOid
            ${filesAndReviews(true)}
          }
        }
      }
    }
  }
}`;
async function readMergedCommit(octokit, repo, sha, configPath) {
    const data = await octokit.graphql(MERGED_COMMIT_QUERY, { owner: repo.owner, name: repo.repo, sha, configPath });
    const commit = data.repository?.object;
    if (!commit?.oid) {
        throw new Error(`The commit ${sha} being deployed is not in ${repo.owner}/${repo.repo}: check the sha input, and that the token may read the repository (contents: read).`);
    }
    const short = sha.slice(0, 7);
    const branch = data.repository?.defaultBranchRef?.name ?? 'the default branch';
    const pull = commit.associatedPullRequests.nodes.find(node => node.merged && node.mergeCommit?.oid === sha);
    if (!pull) {
        const containing = commit.associatedPullRequests.nodes.filter(node => node.merged);
        return {
            notMerged: containing.length > 0
                ? `The commit ${short} being deployed is not the merge commit of a pull request: ${containing.map(node => `#${node.number} (merged as ${node.mergeCommit?.oid.slice(0, 7) ?? 'an unknown commit'})`).join(', ')} contain it. Deploy the merge commit that the gate evaluated.`
                : `The commit ${short} being deployed did not come through a pull request: no merged pull request has it as its merge commit (it was pushed straight to ${branch}, or to another branch). A release must be merged through a pull request that passes the gate.`
        };
    }
    const parent = commit.parents.nodes[0];
    if (!parent) {
        throw new Error(`The commit ${short} being deployed has no parent: there is no base to read the configuration and CODEOWNERS from.`);
    }
    const ref = { ...repo, number: pull.number };
    const [files, reviews] = await allFilesAndReviews(octokit, ref, pull, true);
    return {
        pullRequest: {
            number: pull.number,
            url: pull.url,
            author: pull.author?.login,
            // As merged: the checklist at the merge commit, the rules at its first parent.
            headSha: sha,
            approvalHead: pull.headRefOid,
            baseSha: parent.oid,
            baseRef: pull.baseRefName,
            headRefName: pull.headRefName,
            isCrossRepository: pull.isCrossRepository,
            ...rulesFiles(parent),
            files: await changedFiles(octokit, ref, files, pull.changedFiles),
            changedFiles: pull.changedFiles,
            reviews: submittedReviews(reviews, true),
            ownComments: []
        }
    };
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(2395);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./node_modules/bottleneck/lib/index.js
var lib = __webpack_require__(2203);
var lib_default = /*#__PURE__*/__webpack_require__.n(lib);
;// CONCATENATED MODULE: ./src/sources/github/client.ts




const MAX_RATE_LIMIT_RETRIES = 3;
/**
 * Octokit with retries on server errors (plugin-retry) and on rate limits, primary and
 * secondary, honouring `retry-after` (plugin-throttling).
 *
 * The throttling plugin also paces every write and GraphQL query one to three seconds apart,
 * which GitHub asks of bulk content creation. A gate run makes a handful of requests: two
 * queries (more when reviews, files, comments or team members run past a page, and the REST
 * list of files when something is renamed) and a few writes (check run, status, comment, plus
 * a check-run update for each further 50 annotations, on a first comment a listing, and a
 * delete for each duplicate sticky comment). Pacing would only add seconds to every run: the
 * write and notification groups are given no minimum spacing, while rate-limit retries stay
 * as the plugin does them.
 */
function createOctokit(token, log, 
/** The REST API's URL; default GITHUB_API_URL, else api.github.com (@actions/github's rule). */
baseUrl) {
    const unpaced = () => new (lib_default()).Group({ maxConcurrent: 10, minTime: 0 });
    return (0,github/* getOctokit */.Q)(token, {
        ...(baseUrl === undefined ? {} : { baseUrl }),
        retry: { retries: 3 },
        throttle: {
            write: unpaced(),
            notifications: unpaced(),
            onRateLimit: (retryAfter, options, _octokit, retryCount) => retryLater(log, 'rate limit', retryAfter, options, retryCount),
            onSecondaryRateLimit: (retryAfter, options, _octokit, retryCount) => retryLater(log, 'secondary rate limit', retryAfter, options, retryCount)
        }
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
}
function retryLater(log, limit, retryAfter, options, retryCount) {
    const again = retryCount < MAX_RATE_LIMIT_RETRIES;
    log.warning(`GitHub's ${limit} hit on ${options.method} ${options.url}: ${again ? `retrying in ${retryAfter} s` : 'giving up'}.`);
    return again;
}

;// CONCATENATED MODULE: ./src/sources/github/event.ts
/** `refs/heads/gh-readonly-queue/main/pr-42-<sha>`: the merge queue names the pull request. */
const MERGE_QUEUE_REF = /\/pr-(\d+)-[0-9a-f]+$/;
function pullRequestFromEvent(eventName, payload, pullRequestInput) {
    if (pullRequestInput.trim() !== '')
        return { number: parseNumber(pullRequestInput, 'the pull-request input') };
    switch (eventName) {
        case 'pull_request':
        case 'pull_request_target':
        case 'pull_request_review':
            if (payload.pull_request?.number)
                return { number: payload.pull_request.number };
            return { skip: `The ${eventName} event carries no pull request.` };
        case 'merge_group': {
            // The queue waits for the required check on its own commit, not on the PR's head.
            const match = MERGE_QUEUE_REF.exec(payload.merge_group?.head_ref ?? '');
            const sha = payload.merge_group?.head_sha;
            if (!match)
                return { skip: 'The merge_group event names no pull request in its head_ref.' };
            if (!sha)
                throw new Error('The merge_group event carries no head_sha to report the check on.');
            return { number: Number(match[1]), publishSha: sha };
        }
        case 'workflow_dispatch': {
            const value = payload.inputs?.['pull-request'] ?? payload.inputs?.pull_request ?? payload.inputs?.pr;
            if (value === undefined || value === '') {
                return {
                    skip: 'workflow_dispatch needs the pull request number: set the pull-request input.'
                };
            }
            return { number: parseNumber(String(value), 'the workflow_dispatch input') };
        }
        default:
            return { skip: `The ${eventName} event is not about a pull request: nothing to check.` };
    }
}
function parseNumber(text, source) {
    const value = Number(text.trim().replace(/^#/, ''));
    if (!Number.isInteger(value) || value <= 0) {
        throw new Error(`${source} must be a pull request number (got "${text}").`);
    }
    return value;
}
/** Events whose token is read-only when the pull request comes from a fork. */
const READ_ONLY_FOR_FORKS = (/* unused pure expression or super */ null && (['pull_request', 'pull_request_review']));
/**
 * Whether the run's token can write nothing: GitHub gives a fork's pull request a read-only
 * token under pull_request and pull_request_review (not under pull_request_target or
 * workflow_run, which run with the base repository's token).
 */
function hasReadOnlyToken(eventName, fromFork) {
    return fromFork && READ_ONLY_FOR_FORKS.includes(eventName);
}
const GATE_MODES = (/* unused pure expression or super */ null && (['auto', 'pull-request', 'verify']));
/** Events about a commit reaching a branch or an environment: `auto` verifies on them. */
const DEPLOY_EVENTS = (/* unused pure expression or super */ null && (['push', 'deployment', 'deployment_status']));
/**
 * The mode input resolved: `auto` gates a pull request on pull request events (and the merge
 * queue, workflow_dispatch), and verifies the commit being deployed on push and deployment.
 */
function gateMode(mode, eventName) {
    if (mode !== 'auto')
        return mode;
    return DEPLOY_EVENTS.includes(eventName) ? 'verify' : 'pull-request';
}
/**
 * The commit being deployed: the sha input, else the deployment's sha (deployment and
 * deployment_status events), else the pushed commit (`after`), else GITHUB_SHA (what the
 * workflow runs on, for workflow_dispatch among others).
 */
function deployedCommit(eventName, payload, shaInput, githubSha) {
    const given = shaInput.trim();
    const sha = given !== ''
        ? given
        : eventName === 'deployment' || eventName === 'deployment_status'
            ? payload.deployment?.sha
            : eventName === 'push'
                ? payload.after
                : githubSha;
    if (!sha || !/^[0-9a-f]{40}$/i.test(sha)) {
        throw new Error(`The commit being deployed must be a full 40-character sha (got "${sha ?? ''}"): set the sha input.`);
    }
    return sha.toLowerCase();
}

;// CONCATENATED MODULE: ./src/sources/github/index.ts






/** The pull request on GitHub, read through GraphQL (REST only for renames). */
function githubSource(octokit, ref, log) {
    return {
        readPullRequest: configPath => readPullRequest(octokit, ref, configPath),
        readContent: request => readContent(octokit, ref, request, message => log.warning(message))
    };
}
/** Deploy mode: the commit `sha` and the pull request that merged it, read through GraphQL. */
function mergedCommitSource(octokit, repo, sha, log) {
    return {
        sha,
        readMergedPullRequest: configPath => readMergedCommit(octokit, repo, sha, configPath),
        readContent: request => content_readContent(octokit, repo, request, message => log.warning(message))
    };
}


/***/ })

};
