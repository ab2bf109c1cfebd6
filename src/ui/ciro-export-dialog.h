/* ciro-export-dialog.h: choose a report, a format, days and a marketplace,
 * then a file; the export runs in the background
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "core/ciro-types.h"
#include "export/ciro-export.h"
#include "ciro-context.h"

G_BEGIN_DECLS

#define CIRO_TYPE_EXPORT_DIALOG (ciro_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CiroExportDialog, ciro_export_dialog, CIRO, EXPORT_DIALOG, AdwWindow)

/* Opens on the given days and marketplace (NULL for all), as the page
 * that asked shows them. */
CiroExportDialog *ciro_export_dialog_new    (GtkWindow      *parent,
                                             CiroContext    *context,
                                             CiroExportKind  kind,
                                             CiroDay         from,
                                             CiroDay         to,
                                             const char     *marketplace);
/* For tests: pick without the widgets, and export to `path` without the
 * file chooser. "done" is emitted with the error (NULL on success). */
void              ciro_export_dialog_choose (CiroExportDialog *self,
                                             CiroExportKind    kind,
                                             CiroExportFormat  format);
void              ciro_export_dialog_export_to (CiroExportDialog *self,
                                                const char       *path);
void              ciro_export_dialog_cancel (CiroExportDialog *self);
gboolean          ciro_export_dialog_is_running (CiroExportDialog *self);
/* The days and marketplace (NULL: all) the export will cover, and the
 * report; the days as the calendars would set them. */
void              ciro_export_dialog_set_range (CiroExportDialog *self,
                                                CiroDay           from,
                                                CiroDay           to);
void              ciro_export_dialog_get_range (CiroExportDialog *self,
                                                CiroDay          *from,
                                                CiroDay          *to);
const char       *ciro_export_dialog_get_marketplace (CiroExportDialog *self);
CiroExportKind    ciro_export_dialog_get_kind  (CiroExportDialog *self);
/* The name the file chooser proposes, in the user's language. */
char             *ciro_export_dialog_get_file_name (CiroExportDialog *self);

G_END_DECLS
