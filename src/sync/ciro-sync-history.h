/* ciro-sync-history.h: the names of sync run kinds, for the history shown in
 * Preferences (the runs themselves: store/ciro-store-sync-runs.h)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "store/ciro-store-sync-runs.h"

G_BEGIN_DECLS

/* Translated name of a run kind ("Full", "Live", …). */
const char *ciro_sync_kind_label       (const char *kind);

G_END_DECLS
