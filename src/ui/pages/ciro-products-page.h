/* ciro-products-page.h: every product's performance, sortable and searchable
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ciro-context.h"

#include "core/ciro-types.h"

G_BEGIN_DECLS

typedef enum {
  CIRO_PRODUCTS_BEST,     /* by score, the top N */
  CIRO_PRODUCTS_WORST,    /* by score from the bottom, products that sold */
  CIRO_PRODUCTS_ALL,      /* every product, by revenue */
} CiroProductsView;

#define CIRO_TYPE_PRODUCTS_VIEW (ciro_products_view_get_type ())
GType ciro_products_view_get_type (void) G_GNUC_CONST;

#define CIRO_TYPE_PRODUCTS_PAGE (ciro_products_page_get_type ())
G_DECLARE_FINAL_TYPE (CiroProductsPage, ciro_products_page, CIRO, PRODUCTS_PAGE, AdwBin)

GtkWidget  *ciro_products_page_new          (CiroContext *context);
void        ciro_products_page_reload       (CiroProductsPage *self);
/* "last-7-days" … "this-year" (see ciro-range.h). */
gboolean    ciro_products_page_set_range_id (CiroProductsPage *self, const char *id);
void        ciro_products_page_set_marketplace (CiroProductsPage *self, const char *marketplace);
void        ciro_products_page_set_view     (CiroProductsPage *self, CiroProductsView view);
/* 0 for no limit */
void        ciro_products_page_set_limit    (CiroProductsPage *self, guint limit);
void        ciro_products_page_set_search   (CiroProductsPage *self, const char *text);
/* Only the products of a category (`keys`, n of them), named `category`
 * in a button that shows every category again; NULL: every category. */
void        ciro_products_page_set_category (CiroProductsPage *self, const char *category,
                                             const gint64 *keys, guint n);
const char *ciro_products_page_get_category (CiroProductsPage *self);
/* A window too narrow for the columns: the products as rows of their key
 * figures (name, SKU, units, net revenue, profit and margin). */
void        ciro_products_page_set_narrow   (CiroProductsPage *self, gboolean narrow);
/* Puts the keyboard in the search entry (Ctrl+F). */
void        ciro_products_page_focus_search (CiroProductsPage *self);
void        ciro_products_page_get_range    (CiroProductsPage *self, CiroDay *from, CiroDay *to);
/* NULL for every marketplace */
const char *ciro_products_page_get_marketplace (CiroProductsPage *self);
/* TRUE while the profit and margin shown are after VAT settlement. */
gboolean    ciro_products_page_get_after_vat   (CiroProductsPage *self);
/* For tests: what the row at `position` of the list shows, as its cells
 * show it: "profit", "margin" (the columns), "row-profit" (the narrow
 * row's); or a column's title: "profit-title", "margin-title". */
char       *ciro_products_page_get_text        (CiroProductsPage *self,
                                                guint             position,
                                                const char       *what);

/* For tests: the state, and the products shown now in order (keys). */
const char *ciro_products_page_get_state    (CiroProductsPage *self);
GArray     *ciro_products_page_get_shown    (CiroProductsPage *self);
/* The details of the product shown at `position` (a dialog), as when its
 * row is activated; NULL for an unmatched SKU (the mapping dialog opens). */
GtkWidget  *ciro_products_page_open_product (CiroProductsPage *self, guint position);
/* As a click on a column's header: `column` is a CiroProductColumn. */
void        ciro_products_page_sort_by      (CiroProductsPage *self, int column, GtkSortType order);
/* The model the column view shows (sorted, filtered, cut to the top N). */
GListModel *ciro_products_page_get_model    (CiroProductsPage *self);

G_END_DECLS
