/* ciro-json-reader.h: a pull reader over JSON text, for Sentos pages
 *
 * A page of a hundred orders is read straight into records: no tree of
 * nodes is built and freed, which is where a sync spent most of its time.
 * The reader is strict (RFC 8259): a truncated or broken body is an error
 * wherever it breaks, so a page is either read whole or not at all.
 *
 * Use: ciro_json_reader_peek () tells what comes next; objects are walked
 * with begin_object + next_member, arrays with begin_array + next_element,
 * and every value is consumed with exactly one of read_scalar, skip or a
 * nested walk. The first error sticks: every later call fails at once and
 * ciro_json_reader_finish () returns it.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

typedef enum {
  CIRO_JSON_INVALID,   /* an error (or the end of the text) */
  CIRO_JSON_NULL,
  CIRO_JSON_BOOLEAN,
  CIRO_JSON_NUMBER,
  CIRO_JSON_STRING,
  CIRO_JSON_OBJECT,
  CIRO_JSON_ARRAY,
} CiroJsonType;

#define CIRO_JSON_MAX_DEPTH 64

typedef struct {
  const char *data;
  const char *pos;
  const char *end;
  guint       depth;
  gboolean    first[CIRO_JSON_MAX_DEPTH + 1];
  GError     *error;
  GString    *key;     /* an unescaped member name, when it had escapes */
} CiroJsonReader;

/* A scalar as it stands in the text: for strings, the bytes between the
 * quotes (escapes not yet undone); for numbers, the literal. */
typedef struct {
  CiroJsonType type;
  const char  *text;
  gsize        len;
  gboolean     boolean;
  gboolean     escaped;   /* a string with backslash escapes */
  gboolean     high;      /* a string with bytes ≥ 0x80 */
} CiroJsonScalar;

void          ciro_json_reader_init          (CiroJsonReader *r,
                                              const char     *data,
                                              gsize           len);
void          ciro_json_reader_clear         (CiroJsonReader *r);

CiroJsonType  ciro_json_reader_peek          (CiroJsonReader *r);
gboolean      ciro_json_reader_begin_object  (CiroJsonReader *r);
/* TRUE with the next member's name (escapes undone, not NUL-terminated,
 * valid until the next call), FALSE at the closing brace or on an error. */
gboolean      ciro_json_reader_next_member   (CiroJsonReader *r,
                                              const char    **name,
                                              gsize          *name_len);
gboolean      ciro_json_reader_begin_array   (CiroJsonReader *r);
/* TRUE when an element follows, FALSE at the closing bracket or on an error. */
gboolean      ciro_json_reader_next_element  (CiroJsonReader *r);
/* Reads a null, boolean, number or string; FALSE (no error) when an object
 * or array comes instead, which is then still to be consumed. */
gboolean      ciro_json_reader_read_scalar   (CiroJsonReader *r,
                                              CiroJsonScalar *out);
/* Skips one value of any kind, checking it all the same. */
gboolean      ciro_json_reader_skip          (CiroJsonReader *r);
/* Only white space may be left; returns FALSE with the first error, if any. */
gboolean      ciro_json_reader_finish        (CiroJsonReader *r,
                                              GError        **error);
gboolean      ciro_json_reader_failed        (CiroJsonReader *r);

/* A string scalar as a new valid UTF-8 string: escapes undone, bytes that
 * are not UTF-8 replaced by U+FFFD (as is U+0000, which C strings cannot
 * hold). */
char         *ciro_json_scalar_dup_string    (const CiroJsonScalar *s);

/* A member name against a literal: CIRO_JSON_NAME_IS (name, len, "sku"). */
#define CIRO_JSON_NAME_IS(name, len, literal) \
  ((len) == sizeof (literal) - 1 && memcmp ((name), (literal), sizeof (literal) - 1) == 0)

G_END_DECLS
