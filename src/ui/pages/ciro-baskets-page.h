/* ciro-baskets-page.h: products bought together (insights.md §5)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ciro-context.h"
#include "core/ciro-date.h"

G_BEGIN_DECLS

#define CIRO_TYPE_BASKETS_PAGE (ciro_baskets_page_get_type ())
G_DECLARE_FINAL_TYPE (CiroBasketsPage, ciro_baskets_page, CIRO, BASKETS_PAGE, AdwBin)

typedef enum {
  CIRO_BASKETS_VIEW_PAIRS,
  CIRO_BASKETS_VIEW_TRIPLES,
  CIRO_BASKETS_VIEW_BUNDLES,
  CIRO_BASKETS_N_VIEWS,
} CiroBasketsView;

/* The range choices, in the order of the drop-down; the days before today
 * (0: every day since 2000). */
#define CIRO_BASKETS_N_RANGES 4

/* Signals: "loaded" when the lists (or an error) are shown. The minimum
 * count is the "basket-min-count" setting; a change of it or of the store
 * reloads. */
GtkWidget  *ciro_baskets_page_new        (CiroContext     *context);
void        ciro_baskets_page_reload     (CiroBasketsPage *self);
/* "loading", "empty", "error" or "data". */
const char *ciro_baskets_page_get_state  (CiroBasketsPage *self);
void        ciro_baskets_page_set_range  (CiroBasketsPage *self,
                                          guint            range);
void        ciro_baskets_page_set_view   (CiroBasketsPage *self,
                                          CiroBasketsView  view);
void        ciro_baskets_page_set_sort_by_lift (CiroBasketsPage *self,
                                                gboolean         by_lift);
/* The shown rows of a list, for tests: "title\nsubtitle" each. */
GPtrArray  *ciro_baskets_page_get_rows   (CiroBasketsPage *self,
                                          CiroBasketsView  view);
/* The line above the lists. */
const char *ciro_baskets_page_get_summary (CiroBasketsPage *self);
/* The filter of the lists shown (from, to). */
void        ciro_baskets_page_get_window (CiroBasketsPage *self,
                                          CiroDay         *from,
                                          CiroDay         *to);

G_END_DECLS
