/* ciro-recompute-bar.h: the store's figures recomputed in the background
 *
 * A bar over the pages while a recompute runs, with its progress and a
 * cancel. It runs one whenever the store asks for it
 * (ciro_store_needs_recompute): when the window opens a store from before
 * the KDV columns, and after a setting that the window's connections only
 * mark (ciro_store_set_defer_recompute) — a commission by category, a user
 * cost, a shipping KDV rate — so that no write waits for a recompute and
 * the window never blocks. The pages reload when it is done
 * (store-changed). A cancelled recompute changes nothing; the bar then
 * says the figures are out of date and offers to recompute.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ciro-context.h"

G_BEGIN_DECLS

#define CIRO_TYPE_RECOMPUTE_BAR (ciro_recompute_bar_get_type ())
G_DECLARE_FINAL_TYPE (CiroRecomputeBar, ciro_recompute_bar, CIRO, RECOMPUTE_BAR, GtkWidget)

GtkWidget  *ciro_recompute_bar_new      (CiroContext *context);
/* Asks the store (off the main thread) and starts a recompute when due. */
void        ciro_recompute_bar_check    (CiroRecomputeBar *self);
void        ciro_recompute_bar_cancel   (CiroRecomputeBar *self);
/* For tests: "idle", "checking", "running", "cancelled" or "failed"; the
 * last fraction shown; how many recomputes ended well. */
const char *ciro_recompute_bar_get_state    (CiroRecomputeBar *self);
double      ciro_recompute_bar_get_fraction (CiroRecomputeBar *self);
guint       ciro_recompute_bar_get_n_done   (CiroRecomputeBar *self);

G_END_DECLS
