/* ciro-customers-page.h: the customers (insights.md §4): the R × F segment
 * map, the customer list, a customer's detail, cohorts, VIPs and churn risk
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "analytics/ciro-customers.h"
#include "charts/ciro-heat-grid.h"
#include "ciro-context.h"

G_BEGIN_DECLS

#define CIRO_TYPE_CUSTOMERS_PAGE (ciro_customers_page_get_type ())
G_DECLARE_FINAL_TYPE (CiroCustomersPage, ciro_customers_page, CIRO, CUSTOMERS_PAGE, AdwBin)

/* Signals: "loaded" when the figures (or the empty state, or an error)
 * are shown; "detail-loaded" when a customer's detail window is filled. */
GtkWidget  *ciro_customers_page_new        (CiroContext       *context);
void        ciro_customers_page_reload     (CiroCustomersPage *self);
/* "loading", "empty", "error" or "data". */
const char *ciro_customers_page_get_state  (CiroCustomersPage *self);
/* The list as rows instead of columns (a narrow window). */
void        ciro_customers_page_set_narrow (CiroCustomersPage *self, gboolean narrow);
/* What the page shows, for tests: the report and cohorts it drew from, the
 * segment map and the cohort heat map as drawn. */
const CiroCustomerReport *ciro_customers_page_get_report  (CiroCustomersPage *self);
const CiroHeatGrid       *ciro_customers_page_get_map     (CiroCustomersPage *self);
const CiroHeatGrid       *ciro_customers_page_get_cohorts (CiroCustomersPage *self);
/* Filters the list to the map's cell of scores (r, f) (0, 0: every customer),
 * as a click on the map does. */
void        ciro_customers_page_select_cell (CiroCustomersPage *self, guint r, guint f);
/* How many customers the list holds after the filter and search. */
guint       ciro_customers_page_get_n_listed (CiroCustomersPage *self);
/* For tests: the text of the CLV cell of the list's row `position` (the
 * cell the table and the narrow rows show), and that row's customer key. */
char       *ciro_customers_page_get_clv_text     (CiroCustomersPage *self, guint position);
const char *ciro_customers_page_get_customer_key (CiroCustomersPage *self, guint position);
/* Sorts the list by the 12-month CLV shown, as the sort drop-down does. */
void        ciro_customers_page_sort_by_clv      (CiroCustomersPage *self);
/* Opens the detail of the customer listed at `position`; the window. */
GtkWidget  *ciro_customers_page_open_detail (CiroCustomersPage *self, guint position);

G_END_DECLS
