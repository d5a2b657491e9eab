/**
 * GitHub's Markdown parser, cmark-gfm compiled to WebAssembly (wasm/shim.c, built by
 * scripts/build-wasm.sh), and the flat syntax tree it hands back.
 */
import { CMARK_GFM_WASM } from './module.generated.js'

/** Node kinds, as numbered in wasm/shim.c. */
export const Kind = {
  Other: 0,
  Document: 1,
  BlockQuote: 2,
  List: 3,
  Item: 4,
  CodeBlock: 5,
  HtmlBlock: 6,
  CustomBlock: 7,
  Paragraph: 8,
  Heading: 9,
  ThematicBreak: 10,
  FootnoteDefinition: 11,
  Table: 12,
  TableRow: 13,
  TableCell: 14,
  /** Every kind from here on is inline content. */
  Text: 15,
  Softbreak: 16,
  Linebreak: 17,
  Code: 18,
  HtmlInline: 19,
  CustomInline: 20,
  Emph: 21,
  Strong: 22,
  Link: 23,
  Image: 24,
  FootnoteReference: 25,
  Strikethrough: 26
} as const

/** Int32 fields of a node record, in the order wasm/shim.c writes them. */
export const NodeField = {
  Kind: 0,
  /** Index of the parent node; -1 for the document. */
  Parent: 1,
  StartLine: 2,
  StartColumn: 3,
  EndLine: 4,
  EndColumn: 5,
  /**
   * Heading: level. List: 1 bullet, 2 ordered. Item: 0 not a task, 1 open, 2 checked. Link and
   * image: 1 with a destination. Table row: 1 for the header row.
   */
  Extra: 6,
  /** Literal of text, code, HTML and code blocks: a range of `Tree.strings`, in UTF-16 units. */
  LiteralStart: 7,
  LiteralEnd: 8
} as const

export const FIELDS = 9

export const Task = { None: 0, Open: 1, Checked: 2 } as const

/**
 * A syntax tree in document order (pre-order): node `i` is `nodes[i * FIELDS + field]`, node 0
 * the document. `withTreeParts` hands one over in parts, each the document with some of its
 * top-level blocks.
 */
export interface Tree {
  count: number
  nodes: Int32Array
  strings: string
}

/** Anything cmark could not finish: too little memory, or a trap inside the module. */
export class MarkdownParserError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MarkdownParserError'
  }
}

interface Exports {
  memory: WebAssembly.Memory
  _initialize(): void
  rg_alloc(size: number): number
  rg_parse(input: number, length: number): number
  rg_next(): number
  rg_release(): void
  rg_nodes(): number
  rg_strings(): number
  rg_strings_length(): number
}

/**
 * Past this the instance is dropped after a parse: wasm memory never shrinks, and one huge
 * file must not keep its peak for the rest of the process.
 */
const MAX_KEPT_MEMORY = 256 * 1024 * 1024

let compiled: WebAssembly.Module | undefined
let instance: Exports | undefined
let stderr = ''

function load(): Exports {
  // Compiled on the first parse, not at import: start-up pays nothing for it.
  compiled ??= new WebAssembly.Module(Buffer.from(CMARK_GFM_WASM, 'base64'))
  const module: { exports?: Exports } = {}
  // cmark writes only to stderr, and only when an assertion fails: kept for the error message.
  // These are the module's only imports, so node:wasi (experimental, and warns) is not needed.
  const wasi = {
    fd_write(fd: number, iovs: number, count: number, written: number): number {
      const memory = module.exports!.memory
      const view = new DataView(memory.buffer)
      let total = 0
      for (let i = 0; i < count; i++) {
        const base = view.getUint32(iovs + i * 8, true)
        const length = view.getUint32(iovs + i * 8 + 4, true)
        if (fd === 2 && stderr.length < 4096) {
          stderr += decoder.decode(new Uint8Array(memory.buffer, base, length))
        }
        total += length
      }
      view.setUint32(written, total, true)
      return 0
    },
    fd_close: (): number => 0,
    // ESPIPE: the standard streams cannot seek.
    fd_seek: (): number => 70
  }
  const exports = new WebAssembly.Instance(compiled, { wasi_snapshot_preview1: wasi })
    .exports as unknown as Exports
  module.exports = exports
  exports._initialize()
  return exports
}

const encoder = new TextEncoder()
// The literals' U+FEFF is text, not a byte-order mark to drop: offsets count it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

/**
 * Parses Markdown as github.com does (extensions table, strikethrough, autolink, tagfilter and
 * tasklist) and hands the tree to `read` in parts, in document order: each part is the
 * document (node 0) and its next top-level blocks, whole, numbered from 0 again. The module
 * frees each block as it hands it over, so that the tree is never in memory twice; a part's
 * nodes stay in the module's memory, not copied, and are valid only until `read` returns.
 * Throws MarkdownParserError when the module fails.
 */
export function withTreeParts(source: string, read: (part: Tree) => void): void {
  instance ??= load()
  const wasm = instance
  stderr = ''
  try {
    // Encoded straight into the module's memory, which rg_parse frees once cmark has read it.
    const length = Buffer.byteLength(source, 'utf8')
    const input = wasm.rg_alloc(length)
    if (input === 0) throw new MarkdownParserError('ran out of memory reading the Markdown')
    const { written } = encoder.encodeInto(
      source,
      new Uint8Array(wasm.memory.buffer, input, length)
    )
    if (wasm.rg_parse(input, written) < 0) {
      throw new MarkdownParserError('ran out of memory building the syntax tree')
    }
    for (let count = wasm.rg_next(); count !== 0; count = wasm.rg_next()) {
      if (count < 0) throw new MarkdownParserError('ran out of memory handing over the syntax tree')
      const nodes = new Int32Array(wasm.memory.buffer, wasm.rg_nodes(), count * FIELDS)
      const strings = decoder.decode(
        new Uint8Array(wasm.memory.buffer, wasm.rg_strings(), wasm.rg_strings_length())
      )
      read({ count, nodes, strings })
    }
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      // After a trap the module's state is unknown: the next parse starts a fresh instance.
      instance = undefined
      const detail = stderr.trim() || error.message
      // cmark aborts when an allocation fails: the module's memory could not grow further.
      throw new MarkdownParserError(
        /returned null pointer/.test(detail)
          ? `the Markdown parser ran out of memory, the file is too large (${detail})`
          : `the Markdown parser failed (${detail})`
      )
    }
    throw error
  } finally {
    if (instance === wasm) {
      wasm.rg_release()
      if (wasm.memory.buffer.byteLength > MAX_KEPT_MEMORY) instance = undefined
    }
  }
}

/**
 * The whole tree in one, copied out of the module's memory: for tests and tools. The parts'
 * documents are one node 0, and their indices and literal offsets follow on from each other.
 */
export function parseTree(source: string): Tree {
  const nodes: number[] = []
  let strings = ''
  withTreeParts(source, part => {
    const first = nodes.length === 0 ? 0 : 1
    // Node k > 0 of the part becomes node `offset + k`; its document is node 0.
    const offset = nodes.length / FIELDS - first
    for (let k = first; k < part.count; k++) {
      const record = Array.from(part.nodes.subarray(k * FIELDS, (k + 1) * FIELDS))
      if (k > 0 && record[NodeField.Parent]! > 0) record[NodeField.Parent]! += offset
      record[NodeField.LiteralStart]! += strings.length
      record[NodeField.LiteralEnd]! += strings.length
      nodes.push(...record)
    }
    strings += part.strings
  })
  return { count: nodes.length / FIELDS, nodes: Int32Array.from(nodes), strings }
}

/** The literal of node `i`: the text of a text node, code span or HTML. */
export function literal(tree: Tree, i: number): string {
  const base = i * FIELDS
  return tree.strings.slice(
    tree.nodes[base + NodeField.LiteralStart],
    tree.nodes[base + NodeField.LiteralEnd]
  )
}
