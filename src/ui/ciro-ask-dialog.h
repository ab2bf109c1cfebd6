/* ciro-ask-dialog.h: Ask Ciro, the question entry and its answer card
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ciro-context.h"

G_BEGIN_DECLS

#define CIRO_TYPE_ASK_DIALOG (ciro_ask_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CiroAskDialog, ciro_ask_dialog, CIRO, ASK_DIALOG, AdwWindow)

CiroAskDialog *ciro_ask_dialog_new        (GtkWindow   *parent,
                                           CiroContext *context);
/* Asks `question` as if typed and confirmed. */
void           ciro_ask_dialog_ask        (CiroAskDialog *self,
                                           const char    *question);
/* For tests: "empty", "busy", "answer"; and the card's texts. */
const char    *ciro_ask_dialog_get_state  (CiroAskDialog *self);
const char    *ciro_ask_dialog_get_value  (CiroAskDialog *self);
const char    *ciro_ask_dialog_get_interpretation (CiroAskDialog *self);
guint          ciro_ask_dialog_get_n_rows (CiroAskDialog *self);
/* The suggestions shown under the entry, in order. */
GPtrArray     *ciro_ask_dialog_get_suggestions (CiroAskDialog *self);
/* Presses "Open in …" (FALSE when the answer has none). */
gboolean       ciro_ask_dialog_open_page  (CiroAskDialog *self);

G_END_DECLS
