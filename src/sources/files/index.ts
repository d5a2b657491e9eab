export { gitReader, repositoryRoot } from './git.js'
export { decodeText, InputError, readInput, realPath } from './read.js'
