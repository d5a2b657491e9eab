/*
 * The bridge between cmark-gfm and readiness-gate: parses Markdown as github.com does and
 * hands the syntax tree to JavaScript as flat arrays, so that JavaScript never renders or
 * re-parses anything.
 *
 * rg_parse keeps the document; each rg_next then hands over a part of it, the document and
 * its next top-level blocks, whole, and frees those blocks. The module's memory never shrinks,
 * so its peak is what a parse costs: handing the tree over in parts, into buffers no bigger
 * than a part, keeps that peak at cmark's own instead of cmark's tree plus a flat copy of it
 * (20 MB more on a 5 MB checklist).
 *
 * Output of rg_next, valid until the next rg_next, rg_parse or rg_release:
 * - rg_nodes(): RG_FIELDS int32 per node of the part, in document order (pre-order) with the
 *   footnotes where they are written (footnotes_in_source_order), see the enum below; node 0
 *   is the document, and parents are indices in the part;
 * - rg_strings(): the literals of the part's nodes, UTF-8, one after another. Offsets in the
 *   node records count UTF-16 code units, so JavaScript decodes the part's table once and
 *   slices.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmark-gfm.h"
#include "cmark-gfm-core-extensions.h"
#include "cmark-gfm-extension_api.h"
/* The node struct, to read literals in place: cmark_node_get_literal copies each one. */
#include "node.h"
/* The extensions' node types, numbered when they register. */
#include "strikethrough.h"
#include "table.h"

#define EXPORT(name) __attribute__((export_name(name)))

/* Field order of a node record; mirrored in src/checklist/cmark/tree.ts. */
enum {
  F_KIND,
  F_PARENT,
  F_START_LINE,
  F_START_COLUMN,
  F_END_LINE,
  F_END_COLUMN,
  F_EXTRA,
  F_LITERAL_START,
  F_LITERAL_END,
  RG_FIELDS
};

/* Node kinds; mirrored in src/checklist/cmark/tree.ts. */
enum {
  K_OTHER = 0,
  K_DOCUMENT,
  K_BLOCK_QUOTE,
  K_LIST,
  K_ITEM,
  K_CODE_BLOCK,
  K_HTML_BLOCK,
  K_CUSTOM_BLOCK,
  K_PARAGRAPH,
  K_HEADING,
  K_THEMATIC_BREAK,
  K_FOOTNOTE_DEFINITION,
  K_TABLE,
  K_TABLE_ROW,
  K_TABLE_CELL,
  K_TEXT,
  K_SOFTBREAK,
  K_LINEBREAK,
  K_CODE,
  K_HTML_INLINE,
  K_CUSTOM_INLINE,
  K_EMPH,
  K_STRONG,
  K_LINK,
  K_IMAGE,
  K_FOOTNOTE_REFERENCE,
  K_STRIKETHROUGH
};

/* A part ends with the first top-level block that brings it to this many nodes or more. */
#define PART_NODES 8192

static cmark_node *document;
/* Whether the document's first part has been handed over: it comes even when it is empty. */
static int started;
static int32_t *nodes;
static size_t node_capacity;
static size_t node_count;
static char *strings;
static size_t string_capacity;
static size_t string_bytes;
static uint32_t string_units;
static int ready;

#define PAGE 65536u

static uintptr_t break_end;

/*
 * malloc's source of memory, in place of wasi-libc's sbrk, which grows the linear memory by
 * exactly what is asked: a few hundred KB at a time, thousands of times for a large file, and
 * each memory.grow costs the host about a millisecond (seconds on a 5 MB checklist). Growing
 * by half the memory at least, as a vector does, takes a few dozen.
 */
void *sbrk(intptr_t increment) {
  uintptr_t size = __builtin_wasm_memory_size(0) * PAGE;
  if (break_end == 0) break_end = size;
  if (increment == 0) return (void *)break_end;
  if (increment < 0 || (uintptr_t)increment > UINTPTR_MAX - break_end) {
    errno = ENOMEM;
    return (void *)-1;
  }
  uintptr_t old = break_end;
  uintptr_t end = old + (uintptr_t)increment;
  if (end > size) {
    uintptr_t needed = (end - size + PAGE - 1) / PAGE;
    uintptr_t wanted = needed > size / 2 / PAGE ? needed : size / 2 / PAGE;
    if (__builtin_wasm_memory_grow(0, wanted) == (size_t)-1 &&
        __builtin_wasm_memory_grow(0, needed) == (size_t)-1) {
      errno = ENOMEM;
      return (void *)-1;
    }
  }
  break_end = end;
  return (void *)old;
}

static int kind_of(cmark_node *node) {
  cmark_node_type type = cmark_node_get_type(node);
  switch (type) {
  case CMARK_NODE_DOCUMENT: return K_DOCUMENT;
  case CMARK_NODE_BLOCK_QUOTE: return K_BLOCK_QUOTE;
  case CMARK_NODE_LIST: return K_LIST;
  case CMARK_NODE_ITEM: return K_ITEM;
  case CMARK_NODE_CODE_BLOCK: return K_CODE_BLOCK;
  case CMARK_NODE_HTML_BLOCK: return K_HTML_BLOCK;
  case CMARK_NODE_CUSTOM_BLOCK: return K_CUSTOM_BLOCK;
  case CMARK_NODE_PARAGRAPH: return K_PARAGRAPH;
  case CMARK_NODE_HEADING: return K_HEADING;
  case CMARK_NODE_THEMATIC_BREAK: return K_THEMATIC_BREAK;
  case CMARK_NODE_FOOTNOTE_DEFINITION: return K_FOOTNOTE_DEFINITION;
  case CMARK_NODE_TEXT: return K_TEXT;
  case CMARK_NODE_SOFTBREAK: return K_SOFTBREAK;
  case CMARK_NODE_LINEBREAK: return K_LINEBREAK;
  case CMARK_NODE_CODE: return K_CODE;
  case CMARK_NODE_HTML_INLINE: return K_HTML_INLINE;
  case CMARK_NODE_CUSTOM_INLINE: return K_CUSTOM_INLINE;
  case CMARK_NODE_EMPH: return K_EMPH;
  case CMARK_NODE_STRONG: return K_STRONG;
  case CMARK_NODE_LINK: return K_LINK;
  case CMARK_NODE_IMAGE: return K_IMAGE;
  case CMARK_NODE_FOOTNOTE_REFERENCE: return K_FOOTNOTE_REFERENCE;
  default: break;
  }
  /* Extension node types are numbered at registration, so they are compared, not switched. */
  if (type == CMARK_NODE_TABLE) return K_TABLE;
  if (type == CMARK_NODE_TABLE_ROW) return K_TABLE_ROW;
  if (type == CMARK_NODE_TABLE_CELL) return K_TABLE_CELL;
  if (type == CMARK_NODE_STRIKETHROUGH) return K_STRIKETHROUGH;
  return K_OTHER;
}

/* Heading level; list type (1 bullet, 2 ordered); task state (0 none, 1 open, 2 checked);
 * whether a link or image has a destination; whether a table row is the header. */
static int32_t extra_of(cmark_node *node, int kind) {
  switch (kind) {
  case K_HEADING: return cmark_node_get_heading_level(node);
  case K_LIST: return cmark_node_get_list_type(node) == CMARK_ORDERED_LIST ? 2 : 1;
  case K_ITEM:
    if (strcmp(cmark_node_get_type_string(node), "tasklist") != 0) return 0;
    return cmark_gfm_extensions_get_tasklist_item_checked(node) ? 2 : 1;
  case K_LINK:
  case K_IMAGE: {
    const char *url = cmark_node_get_url(node);
    return url && *url ? 1 : 0;
  }
  case K_TABLE_ROW: return cmark_gfm_extensions_get_table_row_is_header(node) ? 1 : 0;
  default: return 0;
  }
}

/* The literal of a text, code or HTML node, in place; none for other nodes. */
static cmark_chunk *literal_of(cmark_node *node, int kind) {
  switch (kind) {
  case K_TEXT:
  case K_CODE:
  case K_HTML_INLINE:
  case K_HTML_BLOCK: return &node->as.literal;
  case K_CODE_BLOCK: return &node->as.code.literal;
  default: return NULL;
  }
}

static void add_literal(const cmark_chunk *text, int32_t *record) {
  record[F_LITERAL_START] = (int32_t)string_units;
  if (text && text->len > 0) {
    memcpy(strings + string_bytes, text->data, (size_t)text->len);
    for (bufsize_t i = 0; i < text->len; i++) {
      unsigned char byte = text->data[i];
      /* A UTF-16 unit per code point, two past U+FFFF (4-byte sequences). */
      if ((byte & 0xC0) != 0x80) string_units += byte >= 0xF0 ? 2 : 1;
    }
    string_bytes += (size_t)text->len;
  }
  record[F_LITERAL_END] = (int32_t)string_units;
}

/* The node after `node` in document order, pointer by pointer: cheaper than cmark_iter's
 * enter and exit events, which the shim does not need. */
static cmark_node *next_in_order(cmark_node *node, cmark_node *root) {
  if (node->first_child) return node->first_child;
  for (; node != root; node = node->parent) {
    if (node->next) return node->next;
  }
  return NULL;
}

static int by_start_line(const void *a, const void *b) {
  int left = (*(cmark_node *const *)a)->start_line, right = (*(cmark_node *const *)b)->start_line;
  return (left > right) - (left < right);
}

/*
 * cmark moves each referenced footnote definition to the end of the document, in the order of
 * first reference, as github.com renders them (and drops the others). The gate reads a
 * checklist in source order, so each goes back before the first top-level block that starts
 * after it: its items count in the section they are written in. One sort and one merge pass.
 * Returns 0 when memory ran out.
 */
static int footnotes_in_source_order(cmark_node *document) {
  size_t count = 0;
  cmark_node *first = document->last_child;
  while (first && first->type == CMARK_NODE_FOOTNOTE_DEFINITION && first->prev &&
         first->prev->type == CMARK_NODE_FOOTNOTE_DEFINITION)
    first = first->prev;
  if (!first || first->type != CMARK_NODE_FOOTNOTE_DEFINITION) return 1;
  for (cmark_node *node = first; node; node = node->next) count++;
  cmark_node **footnotes = malloc(count * sizeof(cmark_node *));
  if (!footnotes) return 0;
  size_t n = 0;
  for (cmark_node *node = first; node; node = node->next) footnotes[n++] = node;
  for (size_t i = 0; i < count; i++) cmark_node_unlink(footnotes[i]);
  qsort(footnotes, count, sizeof(cmark_node *), by_start_line);
  cmark_node *block = document->first_child;
  for (size_t i = 0; i < count; i++) {
    while (block && block->start_line <= footnotes[i]->start_line) block = block->next;
    if (block) cmark_node_insert_before(block, footnotes[i]);
    else cmark_node_append_child(document, footnotes[i]);
  }
  free(footnotes);
  return 1;
}

static void attach(cmark_parser *parser, const char *name) {
  cmark_syntax_extension *extension = cmark_find_syntax_extension(name);
  if (extension) cmark_parser_attach_syntax_extension(parser, extension);
}

/* Makes room for `needed` items of `size` bytes in `*buffer`, doubling it as it grows. */
static int reserve(void **buffer, size_t *capacity, size_t needed, size_t size) {
  if (needed <= *capacity) return 1;
  size_t grown = *capacity * 2 > needed ? *capacity * 2 : needed;
  void *moved = realloc(*buffer, grown * size);
  if (!moved) return 0;
  *buffer = moved;
  *capacity = grown;
  return 1;
}

/* Makes room in the current part for `count` more records and `bytes` more of literals. */
static int make_room(size_t count, size_t bytes) {
  return reserve((void **)&nodes, &node_capacity, node_count + count,
                 RG_FIELDS * sizeof(int32_t)) &&
         reserve((void **)&strings, &string_capacity, string_bytes + bytes, 1);
}

/* Appends the record of `node` to the current part, which has room for it. */
static void add_record(cmark_node *node) {
  int32_t *record = nodes + node_count * RG_FIELDS;
  int kind = kind_of(node);
  record[F_KIND] = kind;
  /* The record's index, kept on the node so that its children find their parent. */
  node->user_data = (void *)(uintptr_t)(node_count + 1);
  record[F_PARENT] = node->parent ? (int32_t)(uintptr_t)node->parent->user_data - 1 : -1;
  record[F_START_LINE] = node->start_line;
  record[F_START_COLUMN] = node->start_column;
  record[F_END_LINE] = node->end_line;
  record[F_END_COLUMN] = node->end_column;
  record[F_EXTRA] = extra_of(node, kind);
  add_literal(literal_of(node, kind), record);
  node_count++;
}

EXPORT("rg_alloc") void *rg_alloc(size_t size) { return malloc(size ? size : 1); }

/* Frees the document, what is left of it, and the buffers of the last part. */
EXPORT("rg_release") void rg_release(void) {
  if (document) cmark_node_free(document);
  document = NULL;
  started = 0;
  free(nodes);
  free(strings);
  nodes = NULL;
  strings = NULL;
  node_capacity = string_capacity = node_count = string_bytes = 0;
  string_units = 0;
}

/*
 * Parses `length` bytes of UTF-8 at `input` (from rg_alloc, freed here as soon as cmark has
 * read it) and keeps the document for rg_next; returns 0, or -1 when memory ran out.
 */
EXPORT("rg_parse") int32_t rg_parse(char *input, size_t length) {
  if (!ready) {
    cmark_gfm_core_extensions_ensure_registered();
    ready = 1;
  }
  rg_release();
  /* Footnotes are an option, not an extension, in this cmark-gfm; github.com renders them.
   * Source positions of inlines are counted across code spans and raw HTML over two lines. */
  cmark_parser *parser =
      cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS);
  attach(parser, "table");
  attach(parser, "strikethrough");
  attach(parser, "autolink");
  attach(parser, "tagfilter");
  attach(parser, "tasklist");
  cmark_parser_feed(parser, input, length);
  free(input);
  document = cmark_parser_finish(parser);
  cmark_parser_free(parser);
  return document && footnotes_in_source_order(document) ? 0 : -1;
}

/*
 * The next part of the document: its own record, then whole top-level blocks, each freed once
 * it is copied, until the part has PART_NODES nodes or no block is left (one block at least,
 * however big). Returns the part's
 * number of nodes, 0 once every block has been handed over (an empty document is one part,
 * the document alone), or -1 when memory ran out.
 */
EXPORT("rg_next") int32_t rg_next(void) {
  node_count = string_bytes = 0;
  string_units = 0;
  if (!document || (started && !document->first_child)) return 0;
  started = 1;
  if (!make_room(1, 0)) return -1;
  add_record(document);
  for (cmark_node *block; (block = document->first_child);) {
    size_t count = 0, bytes = 0;
    for (cmark_node *node = block; node; node = next_in_order(node, block)) {
      cmark_chunk *text = literal_of(node, kind_of(node));
      count++;
      if (text) bytes += (size_t)text->len;
    }
    if (!make_room(count, bytes)) return -1;
    for (cmark_node *node = block; node; node = next_in_order(node, block)) add_record(node);
    cmark_node_free(block);
    if (node_count >= PART_NODES) break;
  }
  return (int32_t)node_count;
}

EXPORT("rg_nodes") int32_t *rg_nodes(void) { return nodes; }

EXPORT("rg_strings") char *rg_strings(void) { return strings; }

EXPORT("rg_strings_length") size_t rg_strings_length(void) { return string_bytes; }
