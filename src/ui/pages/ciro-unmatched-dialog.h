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

/* Emits "loaded" when its list is shown and "mapped" after a mapping is
 * saved (every figure has changed then). */
GtkWidget *ciro_unmatched_dialog_new   (GtkWindow   *parent,
                                        CiroContext *context);
/* For tests: the SKUs listed, and mapping one as the popover would. */
GPtrArray *ciro_unmatched_dialog_get_skus (CiroUnmatchedDialog *self);
void       ciro_unmatched_dialog_map      (CiroUnmatchedDialog *self,
                                           const char          *sku,
                                           const char          *product_sku);

G_END_DECLS
