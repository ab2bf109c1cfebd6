/* ciro-unmatched-dialog.h: SKUs whose cost is unknown, and mapping them to
 * products
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ciro-context.h"

G_BEGIN_DECLS

#define CIRO_TYPE_UNMATCHED_DIALOG (ciro_unmatched_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CiroUnmatchedDialog, ciro_unmatched_dialog, CIRO, UNMATCHED_DIALOG, AdwWindow)

/* Emits "loaded" when its list is shown (and when an export is written)
 * and "mapped" after a mapping, an import or an undo is saved (every
 * figure has changed then). */
GtkWidget *ciro_unmatched_dialog_new   (GtkWindow   *parent,
                                        CiroContext *context);
/* For tests: the SKUs listed, and mapping one as the popover would. */
GPtrArray *ciro_unmatched_dialog_get_skus (CiroUnmatchedDialog *self);
void       ciro_unmatched_dialog_map      (CiroUnmatchedDialog *self,
                                           const char          *sku,
                                           const char          *product_sku);
/* As the Accept All button at `percent`; the rows leave at once. */
void       ciro_unmatched_dialog_accept_above (CiroUnmatchedDialog *self,
                                               guint                percent);
/* As the last toast's Undo; FALSE when it has nothing to undo. */
gboolean   ciro_unmatched_dialog_undo     (CiroUnmatchedDialog *self);
/* As the Import and Export buttons once the file is chosen. */
void       ciro_unmatched_dialog_import   (CiroUnmatchedDialog *self,
                                           const char          *path);
void       ciro_unmatched_dialog_export   (CiroUnmatchedDialog *self,
                                           const char          *path);
/* What the dialog shows: the last toast, a SKU row's subtitle when it has
 * a suggestion (else NULL), the Accept All row's title and button. */
const char *ciro_unmatched_dialog_get_toast (CiroUnmatchedDialog *self);
char       *ciro_unmatched_dialog_get_suggestion (CiroUnmatchedDialog *self,
                                                  const char          *sku);
const char *ciro_unmatched_dialog_get_accept_title (CiroUnmatchedDialog *self);
const char *ciro_unmatched_dialog_get_accept_label (CiroUnmatchedDialog *self);

G_END_DECLS
