export {
  ANNOTATION_MESSAGE_MAX_BYTES,
  ANNOTATIONS_PER_REQUEST,
  chunk,
  toAnnotations,
  type Annotation,
  type AnnotationLevel
} from './annotations.js'
export {
  reportSchema,
  toJsonReport,
  writeJson,
  type JsonChecklist,
  type JsonField,
  type JsonFinding,
  type JsonReport,
  type JsonReportMeta,
  type JsonSection,
  type JsonSignoff
} from './json.js'
export {
  CHECK_RUN_SUMMARY_MAX_BYTES,
  JOB_SUMMARY_MAX_BYTES,
  sameVerdict,
  title,
  toMarkdown,
  type MarkdownOptions
} from './summary.js'
export {
  IN_TOTO_STATEMENT_TYPE,
  RECORD_PREDICATE_TYPE,
  recordMarkdown,
  toSignoffRecord,
  toStatement,
  type InTotoStatement,
  type RecordInput,
  type SignoffRecord
} from './record.js'
export { toText, type TextOptions } from './text.js'
export { verdictOf, type Verdict, type VerdictOptions } from './verdict.js'
