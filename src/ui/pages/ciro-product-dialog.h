/* ciro-product-dialog.h: one product up close
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "analytics/ciro-report.h"
#include "ciro-context.h"

G_BEGIN_DECLS

#define CIRO_TYPE_PRODUCT_DIALOG (ciro_product_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CiroProductDialog, ciro_product_dialog, CIRO, PRODUCT_DIALOG, AdwWindow)

/* Emits "loaded" when the figures are shown, "together-loaded" when the
 * products bought with it are (group "together" of get_value: the share
 * of this product's orders holding each, by the other product's name). */
GtkWidget  *ciro_product_dialog_new       (GtkWindow              *parent,
                                           CiroContext            *context,
                                           const CiroProductRow   *row,
                                           const CiroReportFilter *filter);
/* For tests: the text of a row in a group ("stock", "rules", "returns"). */
char       *ciro_product_dialog_get_value (CiroProductDialog *self,
                                           const char        *group,
                                           const char        *title);

G_END_DECLS
