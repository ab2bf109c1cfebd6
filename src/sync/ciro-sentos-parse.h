/* ciro-sentos-parse.h: Sentos JSON → records, following every rule of sentos-api.md
 *
 * A page is read in one pass straight from its text (ciro-json-reader.h):
 * the envelope, and each element of its list as a product or an order.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "core/ciro-records.h"

G_BEGIN_DECLS

typedef enum {
  CIRO_SENTOS_PRODUCTS,
  CIRO_SENTOS_ORDERS,
} CiroSentosResource;

typedef struct {
  CiroSentosResource resource;
  /* FALSE when the text is JSON but holds no list of records (under data,
   * orders, products or items, or a bare array) */
  gboolean   has_list;
  guint      n_elements;     /* elements of the list, records or not */
  GPtrArray *records;        /* CiroProductRecord or CiroOrderRecord, owned */
  /* One line per element that cannot be a record (not an object, no usable
   * id, an order date that cannot be read), with its id: skipped, counted,
   * logged by the sync. */
  GPtrArray *skipped;
  /* fields that could not be read, or held a value beyond what a store can
   * hold (ciro-types.h), and were kept as 0 / empty */
  guint      field_errors;
  /* the first of them described ("element 3: quantity … kept as 0"), for
   * the sync to log */
  GPtrArray *bad_fields;
  gint64     page;           /* -1 when absent */
  gint64     size;           /* -1 when absent */
  gint64     total_pages;    /* -1 when absent: walk until a short or empty page */
  gint64     total_elements; /* -1 when absent */
} CiroSentosPage;

/* NULL with CIRO_PARSE_ERROR_SYNTAX when the text is not JSON (cut short,
 * broken): the whole page is refused, never half read. */
CiroSentosPage *ciro_sentos_page_parse (const char         *json,
                                        gsize               len,
                                        CiroSentosResource  resource,
                                        GError            **error);
/* The same, refusing with CIRO_PARSE_ERROR_TOO_MANY a list of more than
 * max_elements elements (the reading stops there). */
CiroSentosPage *ciro_sentos_page_parse_bounded (const char         *json,
                                                gsize               len,
                                                CiroSentosResource  resource,
                                                guint               max_elements,
                                                GError            **error);
void            ciro_sentos_page_free  (CiroSentosPage     *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroSentosPage, ciro_sentos_page_free)

G_END_DECLS
