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

G_END_DECLS
