/*
 * The bridge between cmark-gfm and readiness-gate: parses Markdown as github.com does and
 * hands the syntax tree to JavaScript as flat arrays, so that JavaScript never renders or
 * re-parses anything and one call crosses the boundary per document.
 *
 * Output, valid until the next rg_parse or rg_release:
 * - rg_nodes(): RG_FIELDS int32 per node, in document order (pre-order), see the enum below;
 * - rg_strings(): the literals of all nodes, UTF-8, one after another. Offsets in the node
 *   records count UTF-16 code units, so JavaScript decodes the whole table once and slices.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmark-gfm.h"
#include "cmark-gfm-core-extensions.h"
#include "cmark-gfm-extension_api.h"
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

static int32_t *nodes;
static size_t node_count, node_capacity;
static char *strings;
static size_t string_bytes, string_capacity;
static uint32_t string_units;
static int ready;

static int grow(void **buffer, size_t *capacity, size_t needed, size_t item) {
  if (needed <= *capacity) return 1;
  size_t next = *capacity ? *capacity : 4096;
  while (next < needed) next *= 2;
  void *grown = realloc(*buffer, next * item);
  if (!grown) return 0;
  *buffer = grown;
  *capacity = next;
  return 1;
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

static int has_literal(int kind) {
  return kind == K_TEXT || kind == K_CODE || kind == K_HTML_INLINE || kind == K_HTML_BLOCK ||
         kind == K_CODE_BLOCK;
}

static int add_literal(const char *text, int32_t *record) {
  size_t length = text ? strlen(text) : 0;
  record[F_LITERAL_START] = (int32_t)string_units;
  if (!grow((void **)&strings, &string_capacity, string_bytes + length, 1)) return 0;
  memcpy(strings + string_bytes, text, length);
  string_bytes += length;
  for (size_t i = 0; i < length; i++) {
    unsigned char byte = (unsigned char)text[i];
    /* A UTF-16 unit per code point, two for a code point past U+FFFF (4-byte sequences). */
    if ((byte & 0xC0) != 0x80) string_units += byte >= 0xF0 ? 2 : 1;
  }
  record[F_LITERAL_END] = (int32_t)string_units;
  return 1;
}

static void attach(cmark_parser *parser, const char *name) {
  cmark_syntax_extension *extension = cmark_find_syntax_extension(name);
  if (extension) cmark_parser_attach_syntax_extension(parser, extension);
}

EXPORT("rg_alloc") void *rg_alloc(size_t size) { return malloc(size ? size : 1); }

EXPORT("rg_dealloc") void rg_dealloc(void *pointer) { free(pointer); }

/* Frees the output of the last parse; the next one starts from empty buffers. */
EXPORT("rg_release") void rg_release(void) {
  free(nodes);
  free(strings);
  nodes = NULL;
  strings = NULL;
  node_count = node_capacity = string_bytes = string_capacity = 0;
  string_units = 0;
}

/* Parses `length` bytes of UTF-8 at `input`; returns the number of nodes, or -1 when memory
 * ran out. The tree itself is freed before returning: only the flat copy is kept. */
EXPORT("rg_parse") int32_t rg_parse(const char *input, size_t length) {
  if (!ready) {
    cmark_gfm_core_extensions_ensure_registered();
    ready = 1;
  }
  node_count = string_bytes = 0;
  string_units = 0;
  cmark_mem *mem = cmark_get_arena_mem_allocator();
  cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, mem);
  attach(parser, "table");
  attach(parser, "strikethrough");
  attach(parser, "autolink");
  attach(parser, "tagfilter");
  attach(parser, "tasklist");
  cmark_parser_feed(parser, input, length);
  cmark_node *document = cmark_parser_finish(parser);
  int ok = 1;
  cmark_iter *iter = cmark_iter_new(document);
  cmark_event_type event;
  while (ok && (event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node *node = cmark_iter_get_node(iter);
    if (!grow((void **)&nodes, &node_capacity, (node_count + 1) * RG_FIELDS, sizeof(int32_t))) {
      ok = 0;
      break;
    }
    int32_t *record = nodes + node_count * RG_FIELDS;
    int kind = kind_of(node);
    cmark_node *parent = cmark_node_parent(node);
    record[F_KIND] = kind;
    /* The record's index, kept on the node so that its children find their parent. */
    cmark_node_set_user_data(node, (void *)(uintptr_t)(node_count + 1));
    record[F_PARENT] = parent ? (int32_t)(uintptr_t)cmark_node_get_user_data(parent) - 1 : -1;
    record[F_START_LINE] = cmark_node_get_start_line(node);
    record[F_START_COLUMN] = cmark_node_get_start_column(node);
    record[F_END_LINE] = cmark_node_get_end_line(node);
    record[F_END_COLUMN] = cmark_node_get_end_column(node);
    record[F_EXTRA] = extra_of(node, kind);
    record[F_LITERAL_START] = record[F_LITERAL_END] = (int32_t)string_units;
    if (has_literal(kind) && !add_literal(cmark_node_get_literal(node), record)) ok = 0;
    node_count++;
  }
  cmark_iter_free(iter);
  /* Every node, the parser and its buffers live in the arena: one reset frees them all. */
  cmark_arena_reset();
  return ok ? (int32_t)node_count : -1;
}

EXPORT("rg_nodes") int32_t *rg_nodes(void) { return nodes; }

EXPORT("rg_strings") char *rg_strings(void) { return strings; }

EXPORT("rg_strings_length") size_t rg_strings_length(void) { return string_bytes; }
