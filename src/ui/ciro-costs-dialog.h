/* ciro-costs-dialog.h: ad spend and other expenses, entered by hand
 *
 * profit.md "Ad spend and expenses": a page for each kind, a form to add
 * (or edit) an entry and the list of entries with Edit and Remove. The
 * form is checked before anything is written; writes run on the report
 * service's workers, and every page reloads on "store-changed".
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "store/ciro-profit.h"
#include "ciro-context.h"

G_BEGIN_DECLS

#define CIRO_TYPE_COSTS_DIALOG (ciro_costs_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CiroCostsDialog, ciro_costs_dialog, CIRO, COSTS_DIALOG, AdwWindow)

CiroCostsDialog *ciro_costs_dialog_new         (GtkWindow    *parent,
                                                CiroContext  *context,
                                                CiroCostKind  kind);

/* For tests: the page shown, and whether a list is loading or a write runs. */
void             ciro_costs_dialog_show_kind   (CiroCostsDialog *self,
                                                CiroCostKind     kind);
gboolean         ciro_costs_dialog_is_busy     (CiroCostsDialog *self);
/* The entries of a kind as listed (CiroCostEntry), and the form's error
 * ("" when none). */
GPtrArray       *ciro_costs_dialog_get_entries (CiroCostsDialog *self,
                                                CiroCostKind     kind);
const char      *ciro_costs_dialog_get_error   (CiroCostsDialog *self,
                                                CiroCostKind     kind);
/* What Import CSV… does with the file chosen. */
void             ciro_costs_dialog_import_file (CiroCostsDialog *self,
                                                CiroCostKind     kind,
                                                const char      *path);

G_END_DECLS
