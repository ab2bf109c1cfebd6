/* ciro-profit-page.h: Preferences for profit after KDV (profit.md)
 *
 * A page of the Preferences window with the settings that apply "from a
 * date on": the fee KDV rate, the shipping KDV rate, the service fee of
 * each marketplace and the commission by marketplace × category (entered
 * by hand or imported from a CSV file with a preview). Each opens a dialog
 * with its history, where a value is added from a date or removed. Every
 * write goes through the report service on a connection that defers
 * recomputes; the window's recompute bar then brings the figures up to
 * date in the background, with progress (store-changed).
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ciro-context.h"
#include "ciro-dated-dialog.h"

G_BEGIN_DECLS

#define CIRO_TYPE_PROFIT_PAGE (ciro_profit_page_get_type ())
G_DECLARE_FINAL_TYPE (CiroProfitPage, ciro_profit_page, CIRO, PROFIT_PAGE, AdwPreferencesPage)

#define CIRO_TYPE_RATE_DIALOG (ciro_rate_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CiroRateDialog, ciro_rate_dialog, CIRO, RATE_DIALOG, CiroDatedDialog)

GtkWidget  *ciro_profit_page_new (CiroContext *context);

/* A date a setting with history applies from, typed as 2026-03-01 or
 * 01.03.2026 and between 2000 and a year from today: NULL with `day` set,
 * or the error to show. */
char       *ciro_preferences_check_day (const char *text, CiroDay *day);
/* A toast in the Preferences window `widget` is in (a log message
 * elsewhere). */
void        ciro_preferences_toast     (GtkWidget *widget, const char *text);

/* For tests. The setting's row by its key (fee_vat, shipping_vat,
 * service_fee.MARKETPLACE, commission.MARKETPLACE.CATEGORY with the
 * category folded): its subtitle (today's value), or NULL when no row. */
const char *ciro_profit_page_get_summary  (CiroProfitPage *self, const char *key);
gboolean    ciro_profit_page_is_loading   (CiroProfitPage *self);
/* Opens the history dialog of a row (as a click does), or the new-rule
 * dialog for NULL. */
CiroRateDialog *ciro_profit_page_open     (CiroProfitPage *self, const char *key);
/* Reads a commission CSV file and opens its preview (as Import does). */
void        ciro_profit_page_import_file  (CiroProfitPage *self, const char *path);
/* The preview open, or NULL. */
GtkWidget  *ciro_profit_page_get_preview  (CiroProfitPage *self);
/* The preview's rows to import and rows refused (each "Line N: reason"). */
guint       ciro_rule_preview_get_n_good  (GtkWidget *preview);
char      **ciro_rule_preview_get_refused (GtkWidget *preview);
void        ciro_rule_preview_import      (GtkWidget *preview, const char *from);

/* The dialog's form: marketplace and category only for a new rule. */
void        ciro_rate_dialog_fill         (CiroRateDialog *self,
                                           const char     *marketplace,
                                           const char     *category,
                                           const char     *value,
                                           const char     *from);
/* Adds the value (as the Add button does); `end` ends a rule instead. */
void        ciro_rate_dialog_add          (CiroRateDialog *self, gboolean end);
/* Removes the history's value number `i` (as its trash button does). */
void        ciro_rate_dialog_remove       (CiroRateDialog *self, guint i);
const char *ciro_rate_dialog_get_error    (CiroRateDialog *self);
guint       ciro_rate_dialog_get_pending  (CiroRateDialog *self);
/* The history as shown, one "FROM VALUE" string a row. */
char      **ciro_rate_dialog_get_history  (CiroRateDialog *self);

G_END_DECLS
