/* ciro-fees-dialog.h: the fees a marketplace actually charged, imported
 *
 * profit.md "Actual fees from the marketplace": open a CSV or XLSX
 * statement, check the columns Ciro guessed (or the mapping remembered for
 * the marketplace) with a dropdown per field, see the first rows as they
 * will be read, import in the background (with Cancel), then read what was
 * imported and which rows name orders Ciro does not know.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "store/ciro-fees.h"
#include "ciro-context.h"

G_BEGIN_DECLS

#define CIRO_TYPE_FEES_DIALOG (ciro_fees_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CiroFeesDialog, ciro_fees_dialog, CIRO, FEES_DIALOG, AdwWindow)

CiroFeesDialog *ciro_fees_dialog_new (GtkWindow   *parent,
                                      CiroContext *context);

/* For tests: what the file chooser and the widgets do. */
void        ciro_fees_dialog_open_file       (CiroFeesDialog *self,
                                              const char     *path);
gboolean    ciro_fees_dialog_set_marketplace (CiroFeesDialog *self,
                                              const char     *marketplace);
gboolean    ciro_fees_dialog_is_busy         (CiroFeesDialog *self);
void        ciro_fees_dialog_get_mapping     (CiroFeesDialog *self,
                                              CiroFeeMapping *out);
/* −1: "not in the file" */
void        ciro_fees_dialog_set_column      (CiroFeesDialog *self,
                                              CiroFeeField    field,
                                              int             column);
/* The preview's cell of a data row (0-based) and a field, as shown. */
const char *ciro_fees_dialog_get_preview     (CiroFeesDialog *self,
                                              guint           row,
                                              CiroFeeField    field);
gboolean    ciro_fees_dialog_can_import      (CiroFeesDialog *self);
void        ciro_fees_dialog_import          (CiroFeesDialog *self);
void        ciro_fees_dialog_cancel          (CiroFeesDialog *self);
/* After an import: its result (NULL when it failed or was cancelled), the
 * text shown, and the error shown ("" when none). */
const CiroFeeImportResult *ciro_fees_dialog_get_result (CiroFeesDialog *self);
const char *ciro_fees_dialog_get_summary     (CiroFeesDialog *self);
const char *ciro_fees_dialog_get_error       (CiroFeesDialog *self);

G_END_DECLS
