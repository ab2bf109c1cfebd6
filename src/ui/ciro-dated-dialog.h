/* ciro-dated-dialog.h: the frame of a dated setting's history dialog
 *
 * The settings that change from a date on (the KDV rates, service fees and
 * commission rules of the Profit page; the carrier tariffs of the
 * Marketplaces page) are edited in the same kind of modal window: the
 * subclass's own groups, a History group with a row per value and its
 * buttons, then a form that ends with the date row, an error line and the
 * buttons. Writes run on the report service; while one is under way the
 * buttons are insensitive, its error is shown in the dialog, and once it
 * is saved the pages read the store again (store-changed) — also when the
 * dialog was closed meanwhile.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "analytics/ciro-report-service.h"
#include "ciro-context.h"

G_BEGIN_DECLS

#define CIRO_TYPE_DATED_DIALOG (ciro_dated_dialog_get_type ())
G_DECLARE_DERIVABLE_TYPE (CiroDatedDialog, ciro_dated_dialog, CIRO, DATED_DIALOG, AdwWindow)

struct _CiroDatedDialogClass
{
  AdwWindowClass parent_class;

  /* the Add button, or Enter in the date row */
  void (*add)    (CiroDatedDialog *self);
  /* a history row's buttons */
  void (*edit)   (CiroDatedDialog *self,
                  guint            index);
  void (*remove) (CiroDatedDialog *self,
                  guint            index);
  /* a write has been saved while the dialog is open */
  void (*saved)  (CiroDatedDialog *self,
                  gpointer         job);
};

/* A flat icon button with its tooltip and accessible label. */
GtkWidget           *ciro_icon_button                    (const char      *icon,
                                                          const char      *label);

/* Modal and transient for the window `widget` is in. */
void                 ciro_dated_dialog_set_parent        (CiroDatedDialog *self,
                                                          GtkWidget       *widget);
/* The page the subclass adds its groups to, in order. */
AdwPreferencesPage  *ciro_dated_dialog_get_page          (CiroDatedDialog *self);
/* Appends the History group to the page. */
AdwPreferencesGroup *ciro_dated_dialog_add_history       (CiroDatedDialog *self);
void                 ciro_dated_dialog_clear_history     (CiroDatedDialog *self);
/* A value's row, with an edit button when `edit_label` is given and a
 * remove button when `remove_label` is; both pass `index` to the class. */
GtkWidget           *ciro_dated_dialog_append_history    (CiroDatedDialog *self,
                                                          const char      *title,
                                                          const char      *subtitle,
                                                          const char      *edit_label,
                                                          const char      *remove_label,
                                                          guint            index);
/* A row without buttons (what applies before the first value, or that
 * there is none: `dim`). */
GtkWidget           *ciro_dated_dialog_append_note       (CiroDatedDialog *self,
                                                          const char      *title,
                                                          const char      *subtitle,
                                                          gboolean         dim);
/* Ends the form group: the date row (today), the error line, then
 * `secondary` (or nothing) and the Add button. */
void                 ciro_dated_dialog_finish_form       (CiroDatedDialog     *self,
                                                          AdwPreferencesGroup *form,
                                                          GtkWidget           *secondary);
AdwEntryRow         *ciro_dated_dialog_get_from          (CiroDatedDialog *self);
GtkWidget           *ciro_dated_dialog_get_add_button    (CiroDatedDialog *self);

/* The error shown under the form, or NULL to hide it. */
void                 ciro_dated_dialog_set_error         (CiroDatedDialog *self,
                                                          const char      *text);
const char          *ciro_dated_dialog_get_error         (CiroDatedDialog *self);
/* Runs `worker (store, job)` on the report service; `job` is the class's
 * saved() argument and is freed with `job_free` afterwards. */
void                 ciro_dated_dialog_write             (CiroDatedDialog *self,
                                                          CiroContext     *context,
                                                          CiroReportFunc   worker,
                                                          gpointer         job,
                                                          GDestroyNotify   job_free);
guint                ciro_dated_dialog_get_pending       (CiroDatedDialog *self);

G_END_DECLS
