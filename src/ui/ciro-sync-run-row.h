/* ciro-sync-run-row.h: one past sync run as a row: when, kind, how long, counts, error
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sync/ciro-sync-history.h"

G_BEGIN_DECLS

#define CIRO_TYPE_SYNC_RUN_ROW (ciro_sync_run_row_get_type ())
G_DECLARE_FINAL_TYPE (CiroSyncRunRow, ciro_sync_run_row, CIRO, SYNC_RUN_ROW, AdwActionRow)

/* A row named "sync-run": status icon, "Full sync · 24 Nov 2026, 02:00",
 * then duration, pages, products, orders, retries and the error. */
GtkWidget  *ciro_sync_run_row_new        (const CiroSyncRunInfo *run);
gint64      ciro_sync_run_row_get_id     (CiroSyncRunRow *self);
/* running, ok, failed or cancelled */
const char *ciro_sync_run_row_get_status (CiroSyncRunRow *self);

G_END_DECLS
