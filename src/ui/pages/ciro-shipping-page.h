/* ciro-shipping-page.h: carriers, their speed and cost, late parcels
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "analytics/ciro-carriers.h"
#include "ciro-context.h"

G_BEGIN_DECLS

#define CIRO_TYPE_SHIPPING_PAGE (ciro_shipping_page_get_type ())
G_DECLARE_FINAL_TYPE (CiroShippingPage, ciro_shipping_page, CIRO, SHIPPING_PAGE, AdwBin)

/* The late orders listed (the longest on the way; the others counted). */
#define CIRO_SHIPPING_PAGE_MAX_LATE 200

/* The last 30 days to today (insights.md §3); reloads on store-changed. */
GtkWidget               *ciro_shipping_page_new        (CiroContext *context);
/* Reads the figures again (off the main thread); "loaded" when shown. */
void                     ciro_shipping_page_reload     (CiroShippingPage *self);
/* What the page shows (NULL before the first load). */
const CiroCarrierReport *ciro_shipping_page_get_report (CiroShippingPage *self);
/* Copies the cargo number of the index-th late order to the clipboard. */
void                     ciro_shipping_page_copy_cargo (CiroShippingPage *self, guint index);
/* Scrolls to the late orders once the figures are shown (a late-orders
 * notification's click). */
void                     ciro_shipping_page_show_late  (CiroShippingPage *self);
/* For tests: whether the late orders' heading is at the top of the view. */
gboolean                 ciro_shipping_page_late_shown (CiroShippingPage *self);

G_END_DECLS
