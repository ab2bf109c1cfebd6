/* ciro-categories-page.h: the categories of insights.md §1
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "analytics/ciro-range.h"
#include "ciro-context.h"

G_BEGIN_DECLS

#define CIRO_TYPE_CATEGORIES_PAGE (ciro_categories_page_get_type ())
G_DECLARE_FINAL_TYPE (CiroCategoriesPage, ciro_categories_page, CIRO, CATEGORIES_PAGE, AdwBin)

GtkWidget  *ciro_categories_page_new       (CiroContext *context);
/* Reads the categories again (off the main thread); "loaded" when shown. */
void        ciro_categories_page_reload    (CiroCategoriesPage *self);
/* The window: a preset up to today (not CIRO_RANGE_CUSTOM). */
void        ciro_categories_page_set_range (CiroCategoriesPage *self,
                                            CiroRangePreset     preset);
/* Shows the products of the category in row `index` of the table as it is
 * sorted now (off the main thread); "loaded" when shown. */
void        ciro_categories_page_drill     (CiroCategoriesPage *self,
                                            guint               index);
/* For tests: "loading", "empty", "error" or "data"; the window shown; the
 * category rows as shown, in order (CiroCategoryRow, strings owned by the
 * page); the drilled-down products shown (their SKUs, in order). */
const char *ciro_categories_page_get_state (CiroCategoriesPage *self);
void        ciro_categories_page_get_window (CiroCategoriesPage *self,
                                             CiroDay            *from,
                                             CiroDay            *to);
GArray     *ciro_categories_page_get_rows  (CiroCategoriesPage *self);
GPtrArray  *ciro_categories_page_get_products (CiroCategoriesPage *self);

G_END_DECLS
