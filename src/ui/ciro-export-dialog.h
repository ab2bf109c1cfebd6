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

G_BEGIN_DECLS

typedef enum {
  CIRO_EXPORT_FORMAT_CSV,
  CIRO_EXPORT_FORMAT_XLSX,
  CIRO_EXPORT_FORMAT_PDF,
  CIRO_EXPORT_FORMAT_N,
} CiroExportFormat;

#define CIRO_TYPE_EXPORT_DIALOG (ciro_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CiroExportDialog, ciro_export_dialog, CIRO, EXPORT_DIALOG, AdwWindow)

/* Opens on the given days and marketplace (NULL for all), as the page
 * that asked shows them. */
CiroExportDialog *ciro_export_dialog_new    (GtkWindow      *parent,
                                             const char     *db_path,
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

/* Writes one report in one format; blocks (call it off the main thread). */
gboolean          ciro_export_write         (CiroStore              *store,
                                             CiroExportKind          kind,
                                             CiroExportFormat        format,
                                             const CiroReportFilter *filter,
                                             const char             *path,
                                             GCancellable           *cancellable,
                                             GError                **error);

G_END_DECLS
