/* ciro-sync-run-row.h: one past sync run as a row: when, kind, how long, counts, error
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sync/ciro-sync-history.h"

G_BEGIN_DECLS

/* An AdwActionRow named "sync-run": status icon, "Full sync · 24 Nov 2026,
 * 02:00", then duration, pages, products, orders, retries and the error. */
GtkWidget *ciro_sync_run_row_new (const CiroSyncRunInfo *run);

G_END_DECLS
