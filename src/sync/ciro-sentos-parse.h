/* ciro-sentos-parse.h: Sentos JSON → records, following every rule of sentos-api.md
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "core/ciro-records.h"

G_BEGIN_DECLS

typedef struct {
  guint field_errors;   /* fields that could not be read and were kept as 0 / empty */
} CiroParseStats;

/* One element of GET /products. NULL with an error when the element cannot
 * be a product at all (not an object, no usable id): the caller skips it,
 * counts it and logs its id. A bad field (a price "abc") keeps the record,
 * with the field at 0, and counts in stats->field_errors. */
CiroProductRecord *ciro_sentos_parse_product (JsonNode       *node,
                                              CiroParseStats *stats,
                                              GError        **error);
/* One element of GET /orders; an order whose date cannot be read is refused. */
CiroOrderRecord   *ciro_sentos_parse_order   (JsonNode       *node,
                                              CiroParseStats *stats,
                                              GError        **error);

typedef struct {
  JsonArray *items;          /* borrowed from the root node */
  gint64     page;           /* -1 when absent */
  gint64     size;           /* -1 when absent */
  gint64     total_pages;    /* -1 when absent: walk until a short or empty page */
  gint64     total_elements; /* -1 when absent */
} CiroSentosPage;

/* The list under data, orders, products or items, or a bare array. */
gboolean           ciro_sentos_parse_page    (JsonNode       *root,
                                              CiroSentosPage *out,
                                              GError        **error);

/* The image rules: sorted by order (missing last), size charts skipped unless
 * nothing else is left. NULL when there is no image. */
char              *ciro_sentos_choose_image  (JsonArray *images);

/* The record's id for a log line, or 0 ("id" missing or unreadable). */
gint64             ciro_sentos_peek_id       (JsonNode *node);

G_END_DECLS
