/* ciro-tariff-group.h: carrier tariffs in Preferences (insights.md §3)
 *
 * A group of the Marketplaces page listing today's tariff of each carrier,
 * in general and for each marketplace where one is set, with the next
 * change to come. A row opens the carrier's dialog: every tariff with the
 * date it applies from, each to edit or remove, and a form to add one from
 * a date (the amount as "12,50", "₺12,50" or "12.50"; the date as
 * 2026-03-01 or 01.03.2026). Writes go through the report service (the
 * store's tariff API, ciro-tariffs.h) on a connection that defers the
 * recompute: the window's recompute bar brings the figures up to date and
 * the pages read them again (store-changed).
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ciro-context.h"
#include "ciro-dated-dialog.h"

G_BEGIN_DECLS

#define CIRO_TYPE_TARIFF_GROUP (ciro_tariff_group_get_type ())
G_DECLARE_FINAL_TYPE (CiroTariffGroup, ciro_tariff_group, CIRO, TARIFF_GROUP, AdwPreferencesGroup)

#define CIRO_TYPE_TARIFF_DIALOG (ciro_tariff_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CiroTariffDialog, ciro_tariff_dialog, CIRO, TARIFF_DIALOG, CiroDatedDialog)

GtkWidget        *ciro_tariff_group_new          (CiroContext *context);

/* For tests. */
gboolean          ciro_tariff_group_is_loading   (CiroTariffGroup *self);
/* The rows as shown, one "TITLE: SUBTITLE" string each; the empty state's
 * text alone when there is no tariff. */
char            **ciro_tariff_group_get_rows     (CiroTariffGroup *self);
/* Opens the dialog of a carrier (any spelling), or a new tariff's for NULL. */
CiroTariffDialog *ciro_tariff_group_open         (CiroTariffGroup *self,
                                                  const char      *carrier);

/* The form: any argument may be NULL (left as it is); `marketplace` "" is
 * any marketplace. */
void              ciro_tariff_dialog_fill        (CiroTariffDialog *self,
                                                  const char       *carrier,
                                                  const char       *marketplace,
                                                  const char       *amount,
                                                  const char       *from);
/* Saves the form (as the Add or Save button does). */
void              ciro_tariff_dialog_add         (CiroTariffDialog *self);
/* Puts the history's tariff number `i` in the form to change it (as its
 * edit button does); ciro_tariff_dialog_add then replaces it. */
void              ciro_tariff_dialog_edit        (CiroTariffDialog *self,
                                                  guint             i);
/* Removes the history's tariff number `i` (as its trash button does). */
void              ciro_tariff_dialog_remove      (CiroTariffDialog *self,
                                                  guint             i);
const char       *ciro_tariff_dialog_get_error   (CiroTariffDialog *self);
guint             ciro_tariff_dialog_get_pending (CiroTariffDialog *self);
/* The history as shown, one "FROM MARKETPLACE AMOUNT" string a row. */
char            **ciro_tariff_dialog_get_history (CiroTariffDialog *self);

G_END_DECLS
