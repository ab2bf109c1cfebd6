/* ciro-store-sql.h: the store's SQLite connection, for store/ and
 * analytics/ (and the tests) only
 *
 * Everything above them asks the engine for reports: the window, ciro-cli
 * and the exports never see SQL, and ciro-store.h does not bring
 * <sqlite3.h> into them.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "store/ciro-store.h"

G_BEGIN_DECLS

sqlite3      *ciro_store_get_db    (CiroStore *self);
/* Runs SQL text (any number of statements, no rows read back). */
gboolean      ciro_store_exec      (CiroStore *self, const char *sql, GError **error);
/* A prepared statement kept for the connection's lifetime, reset and
 * unbound, ready to bind. Do not finalize it. */
sqlite3_stmt *ciro_store_prepare   (CiroStore *self, const char *sql, GError **error);
/* Turns the connection's last SQLite error into a GError. */
void          ciro_store_set_error (CiroStore *self, GError **error, const char *what);

/* The category key of a product (insights.md §1) as the category rollups
 * (roll_day_category, roll_month_category) store it: "N" + `category`
 * stripped, else "I#<category_id>" (category_id ≠ 0), else "K". An
 * unmatched line's key is "U". Interned: keys compare as pointers. */
#define CIRO_CATEGORY_KEY_NONE      "K"
#define CIRO_CATEGORY_KEY_UNMATCHED "U"
const char   *ciro_category_key    (const char *category, gint64 category_id);

G_END_DECLS
