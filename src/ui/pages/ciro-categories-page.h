/* ciro-categories-page.h: the categories of insights.md §1
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "analytics/ciro-range.h"
#include "charts/ciro-chart.h"
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
/* The marketplace of the figures (NULL or "": every one); reloads. */
void        ciro_categories_page_set_marketplace (CiroCategoriesPage *self,
                                                  const char         *marketplace);
const char *ciro_categories_page_get_marketplace (CiroCategoriesPage *self);
/* Shows the products of the category in row `index` of the table as it is
 * sorted now (off the main thread); "loaded" when shown. */
void        ciro_categories_page_drill     (CiroCategoriesPage *self,
                                            guint               index);
/* The monthly trend: whether the category of row `index` (of the table as
 * sorted now) is a line in it, toggled; by its key ("<kind>:<category>"),
 * set. At first the largest five are. No store is read. */
void        ciro_categories_page_toggle_trend (CiroCategoriesPage *self,
                                               guint               index);
void        ciro_categories_page_choose    (CiroCategoriesPage *self,
                                            const char         *key,
                                            gboolean            shown);
/* The trend chart shown: a line a chosen category over the 12 calendar
 * months to the window's last day. */
const CiroChart *ciro_categories_page_get_trend (CiroCategoriesPage *self);
/* Asks for the drilled-down category's products on the Products page
 * ("open-products"); the window reads what with get_drill: the category's
 * name as shown, every product key of it (owned by the page) and the days. */
void        ciro_categories_page_open_products (CiroCategoriesPage *self);
const char *ciro_categories_page_get_drill (CiroCategoriesPage *self,
                                            GArray            **keys,
                                            CiroRangePreset    *preset);
/* For tests: "loading", "empty", "error" or "data"; the window shown; the
 * category rows as shown, in order (CiroCategoryRow, strings owned by the
 * page); the drilled-down products shown (their SKUs, in order). */
const char *ciro_categories_page_get_state (CiroCategoriesPage *self);
/* For tests: a cell's text in the sorted table (columns: trend, name,
 * revenue, cost, commission, profit, margin, share, orders, units,
 * change), or a column's title for position −1. */
char       *ciro_categories_page_get_cell  (CiroCategoriesPage *self,
                                            int                 position,
                                            guint               column);
void        ciro_categories_page_get_window (CiroCategoriesPage *self,
                                             CiroDay            *from,
                                             CiroDay            *to);
GArray     *ciro_categories_page_get_rows  (CiroCategoriesPage *self);
GPtrArray  *ciro_categories_page_get_products (CiroCategoriesPage *self);

G_END_DECLS
