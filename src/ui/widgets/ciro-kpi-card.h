/* ciro-kpi-card.h: one figure on a card, with its change
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CIRO_TYPE_KPI_CARD (ciro_kpi_card_get_type ())
G_DECLARE_FINAL_TYPE (CiroKpiCard, ciro_kpi_card, CIRO, KPI_CARD, GtkBox)

GtkWidget  *ciro_kpi_card_new        (const char *title);
/* change: percent against the comparison period, NAN when it has no value;
 * `inverse` when a rise is bad news (costs, cancellations). */
void        ciro_kpi_card_set        (CiroKpiCard *self,
                                      const char  *value,
                                      const char  *detail,
                                      double       change,
                                      gboolean     inverse,
                                      const char  *change_tooltip);
/* A widget under the figures (a sparkline), or NULL. */
void        ciro_kpi_card_set_extra  (CiroKpiCard *self,
                                      GtkWidget   *extra);
const char *ciro_kpi_card_get_value  (CiroKpiCard *self);
const char *ciro_kpi_card_get_title  (CiroKpiCard *self);
const char *ciro_kpi_card_get_change (CiroKpiCard *self);

G_END_DECLS
