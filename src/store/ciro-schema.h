/* ciro-schema.h: the store's tables, version by version
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* migrations[i] takes a store from user_version i to i + 1. */
const char * const *ciro_schema_migrations (guint *n_migrations);

/* Secondary indexes that every order written updates at a random place:
 * lines by product, orders by customer, the last sale of each product. A
 * bulk import drops them and builds them again at its end. */
typedef struct {
  const char *name;
  const char *create;   /* CREATE INDEX IF NOT EXISTS …, as the schema has it */
} CiroSchemaIndex;

const CiroSchemaIndex *ciro_schema_bulk_indexes (guint *n_indexes);

G_END_DECLS
