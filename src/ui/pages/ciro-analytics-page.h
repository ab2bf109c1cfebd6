/* ciro-analytics-page.h: figures for a range and a marketplace, compared
 * with the period before, with the cost breakdown, daily and marketplace
 * charts
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "analytics/ciro-range.h"
#include "ciro-context.h"

#include "charts/ciro-chart.h"
#include "core/ciro-types.h"

G_BEGIN_DECLS

#define CIRO_TYPE_ANALYTICS_PAGE (ciro_analytics_page_get_type ())
G_DECLARE_FINAL_TYPE (CiroAnalyticsPage, ciro_analytics_page, CIRO, ANALYTICS_PAGE, AdwBin)

GtkWidget  *ciro_analytics_page_new             (CiroContext *context);
/* Reads the figures again (off the main thread); emits "loaded" when shown. */
void        ciro_analytics_page_reload          (CiroAnalyticsPage *self);
/* "last-7-days" … "this-year" or "custom:YYYY-MM-DD:YYYY-MM-DD". */
gboolean    ciro_analytics_page_set_range_id    (CiroAnalyticsPage *self,
                                                 const char        *id);
/* NULL or "" for every marketplace. */
/* Compare with the period before (metrics.md) or the same days a year
 * earlier: the "Last Year" switch. */
void        ciro_analytics_page_set_compare_basis (CiroAnalyticsPage *self,
                                                   CiroCompareBasis   basis);
/* "1–5 Dec · compared with 1–5 Nov": the days shown and compared with. */
const char *ciro_analytics_page_get_subtitle  (CiroAnalyticsPage *self);
void        ciro_analytics_page_set_marketplace (CiroAnalyticsPage *self,
                                                 const char        *marketplace);
/* profit.md's figures after KDV settlement (the default), or metrics.md's
 * before it: the "After KDV / Before KDV" switch, remembered. */
void        ciro_analytics_page_set_after_vat   (CiroAnalyticsPage *self,
                                                 gboolean           after_vat);
gboolean    ciro_analytics_page_get_after_vat   (CiroAnalyticsPage *self);
/* Filters one under the other, for a folded window. */
void        ciro_analytics_page_set_narrow      (CiroAnalyticsPage *self,
                                                 gboolean           narrow);
void        ciro_analytics_page_get_range       (CiroAnalyticsPage *self,
                                                 CiroDay           *from,
                                                 CiroDay           *to);
const char *ciro_analytics_page_get_marketplace (CiroAnalyticsPage *self);

/* For tests: "loading", "empty", "error" or "data"; the text a KPI card
 * shows for a metrics.md key (net_orders, gross_revenue, net_revenue,
 * profit) and its change; the value of a breakdown, daily or marketplace
 * row by its key, whatever the language: product_cost, commission,
 * shipping_expense, cancel_return_revenue, profit, and after VAT
 * service_fees, fees_vat, vat_payable, ad_spend, expenses and
 * operating_profit instead of profit ("costs"); best_day,
 * weakest_day, daily_average ("daily"); the stored marketplace name
 * ("marketplaces"). */
const char *ciro_analytics_page_get_state       (CiroAnalyticsPage *self);
const char *ciro_analytics_page_get_kpi         (CiroAnalyticsPage *self,
                                                 const char        *key,
                                                 const char       **change);
char       *ciro_analytics_page_get_row_value   (CiroAnalyticsPage *self,
                                                 const char        *table,
                                                 const char        *key);
/* For tests: whether a KPI card (any key above, or profit_ex_vat,
 * vat_payable, roi_pct, operating_profit) is shown in the current view;
 * the note on actual and estimated commission (NULL when hidden); the
 * chart drawn ("daily", "costs", "marketplaces"); the names of the daily
 * chart's legend. */
gboolean    ciro_analytics_page_kpi_visible     (CiroAnalyticsPage *self,
                                                 const char        *key);
const char *ciro_analytics_page_get_commission_note (CiroAnalyticsPage *self);
const CiroChart *ciro_analytics_page_get_chart  (CiroAnalyticsPage *self,
                                                 const char        *which);
GStrv       ciro_analytics_page_get_legend      (CiroAnalyticsPage *self);

G_END_DECLS
