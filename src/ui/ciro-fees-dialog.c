/* ciro-fees-dialog.c: the Import Marketplace Fees dialog
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "analytics/ciro-report-service.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-money.h"
#include "core/ciro-number.h"
#include "core/ciro-sheet.h"
#include "ciro-fees-dialog.h"

#define PREVIEW_ROWS 5
#define UNKNOWN_SHOWN 200

static const char *field_titles[CIRO_FEE_N_FIELDS] = {
  N_("Order Number"), N_("Commission"), N_("Service Fee"), N_("Cargo"),
};

struct _CiroFeesDialog
{
  AdwWindow        parent_instance;

  CiroContext     *context;
  GtkStack        *stack;
  GtkButton       *import_button;
  GtkButton       *cancel_button;
  AdwActionRow    *file_row;
  AdwComboRow     *marketplace;
  AdwComboRow     *columns[CIRO_FEE_N_FIELDS];
  GtkLabel        *preview[PREVIEW_ROWS][CIRO_FEE_N_FIELDS];
  GtkLabel        *preview_note;
  GtkLabel        *error;
  GtkProgressBar  *progress;
  guint            pulse;
  int              permille;       /* written by the importing worker */
  AdwStatusPage   *done_page;
  GtkListBox      *unknown_list;
  GtkFileChooserNative *chooser;

  GPtrArray       *marketplaces;   /* names */
  char            *path;
  CiroSheet       *sheet;          /* the whole file, read on a worker */
  gboolean         filling;        /* the dropdowns are being set, not edited */
  guint            busy;
  gboolean         importing;
  gboolean         disposed;
  CiroFeeImportResult *result;
  char            *summary;
};

G_DEFINE_FINAL_TYPE (CiroFeesDialog, ciro_fees_dialog, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------ state */

static void
show_error (CiroFeesDialog *self, const char *text)
{
  gtk_label_set_text (self->error, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error), text != NULL && *text != '\0');
}

static void
get_mapping (CiroFeesDialog *self, CiroFeeMapping *out)
{
  for (guint f = 0; f < CIRO_FEE_N_FIELDS; f++)
    out->column[f] = (int) adw_combo_row_get_selected (self->columns[f]) - 1;
}

static char *
selected_marketplace (CiroFeesDialog *self)
{
  guint i = adw_combo_row_get_selected (self->marketplace);

  if (self->marketplaces == NULL || i >= self->marketplaces->len)
    return NULL;
  return g_strdup (self->marketplaces->pdata[i]);
}

static gboolean
mapping_usable (CiroFeesDialog *self)
{
  CiroFeeMapping m;
  gboolean fee = FALSE;

  get_mapping (self, &m);
  for (guint f = CIRO_FEE_COMMISSION; f < CIRO_FEE_N_FIELDS; f++)
    fee |= m.column[f] >= 0;
  return m.column[CIRO_FEE_ORDER] >= 0 && fee;
}

static void
update_sensitivity (CiroFeesDialog *self)
{
  g_autofree char *mp = selected_marketplace (self);
  gboolean ready = self->sheet != NULL && mp != NULL && mapping_usable (self) && self->busy == 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), ready && !self->importing);
  for (guint f = 0; f < CIRO_FEE_N_FIELDS; f++)
    gtk_widget_set_sensitive (GTK_WIDGET (self->columns[f]), self->sheet != NULL && !self->importing);
}

/* The first rows as the import will read them. */
static void
update_preview (CiroFeesDialog *self)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  CiroFeeMapping m;
  guint n = self->sheet != NULL ? ciro_sheet_n_rows (self->sheet) : 0;

  get_mapping (self, &m);
  for (guint r = 0; r < PREVIEW_ROWS; r++)
    for (guint f = 0; f < CIRO_FEE_N_FIELDS; f++)
      {
        GtkLabel *cell = self->preview[r][f];
        g_autofree char *text = NULL;
        gboolean bad = FALSE;

        if (r + 1 >= n)
          text = g_strdup ("");
        else if (m.column[f] < 0)
          text = g_strdup ("—");
        else if (f == CIRO_FEE_ORDER)
          {
            text = ciro_fee_read_order (self->sheet, r + 1, (guint) m.column[f]);
            if (*text == '\0')
              {
                g_free (text);
                /* TRANSLATORS: a preview cell where the order number should be */
                text = g_strdup (_("(none)"));
                bad = TRUE;
              }
          }
        else
          {
            gboolean given;
            CiroKurus v;

            if (!ciro_fee_read_amount (self->sheet, r + 1, (guint) m.column[f], &given, &v))
              {
                /* TRANSLATORS: a preview cell that does not hold an amount: what it holds */
                text = g_strdup_printf (_("“%s”?"), ciro_sheet_cell (self->sheet, r + 1, (guint) m.column[f]));
                bad = TRUE;
              }
            else
              text = given ? ciro_money_format (v, style) : g_strdup ("—");
          }
        gtk_label_set_text (cell, text);
        if (bad)
          gtk_widget_add_css_class (GTK_WIDGET (cell), "error");
        else
          gtk_widget_remove_css_class (GTK_WIDGET (cell), "error");
      }
  if (self->sheet == NULL)
    gtk_label_set_text (self->preview_note, _("Choose the file the marketplace gave you: CSV or Excel (XLSX)."));
  else
    {
      g_autofree char *count = ciro_count_format (n > 0 ? n - 1 : 0, style);
      /* TRANSLATORS: under the preview; %s is the number of rows in the file */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The file holds %s row under its header.",
                                                            "The file holds %s rows under its header.",
                                                            n > 0 ? n - 1 : 0), count);
      gtk_label_set_text (self->preview_note, text);
    }
  update_sensitivity (self);
}

static void
set_mapping (CiroFeesDialog *self, const CiroFeeMapping *m)
{
  self->filling = TRUE;
  for (guint f = 0; f < CIRO_FEE_N_FIELDS; f++)
    adw_combo_row_set_selected (self->columns[f], m->column[f] >= 0 ? (guint) m->column[f] + 1 : 0);
  self->filling = FALSE;
  update_preview (self);
}

/* The dropdowns' items: "Not in the file", then each column by its letters
 * and its header. */
static void
fill_columns (CiroFeesDialog *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint n = self->sheet != NULL ? ciro_sheet_n_columns (self->sheet) : 0;

  gtk_string_list_append (model, _("Not in the file"));
  for (guint c = 0; c < n; c++)
    {
      g_autofree char *letters = ciro_sheet_column_name (c);
      const char *head = ciro_sheet_cell (self->sheet, 0, c);
      g_autofree char *item = *head != '\0' ? g_strdup_printf ("%s · %s", letters, head) : g_strdup (letters);
      gtk_string_list_append (model, item);
    }
  self->filling = TRUE;
  for (guint f = 0; f < CIRO_FEE_N_FIELDS; f++)
    adw_combo_row_set_model (self->columns[f], G_LIST_MODEL (model));
  self->filling = FALSE;
}

static void
column_changed (CiroFeesDialog *self)
{
  if (!self->filling)
    update_preview (self);
}

/* ------------------------------------------------------------ reading */

typedef struct {
  char *path;
  char *marketplace;
} ReadJob;

typedef struct {
  CiroSheet *sheet;
  char      *remembered;   /* the marketplace's mapping, NULL when none */
} ReadResult;

static void
read_job_free (ReadJob *j)
{
  g_free (j->path);
  g_free (j->marketplace);
  g_free (j);
}

static void
read_result_free (ReadResult *r)
{
  g_clear_pointer (&r->sheet, ciro_sheet_free);
  g_free (r->remembered);
  g_free (r);
}

static gpointer
read_worker (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  ReadJob *j = data;
  ReadResult *r = g_new0 (ReadResult, 1);
  g_autoptr(GError) local = NULL;

  if (j->path != NULL)
    {
      r->sheet = ciro_sheet_read (j->path, 0, error);
      if (r->sheet == NULL)
        {
          read_result_free (r);
          return NULL;
        }
    }
  if (j->marketplace != NULL)
    r->remembered = ciro_store_get_fee_mapping (store, j->marketplace, &local);
  return r;
}

static void
apply_guess (CiroFeesDialog *self, const char *remembered)
{
  CiroFeeMapping m;

  /* the mapping used last time for the marketplace, else a guess */
  if (remembered == NULL || !ciro_fee_mapping_parse (remembered, self->sheet, &m, NULL))
    (void) ciro_fee_mapping_guess (self->sheet, &m);
  set_mapping (self, &m);
}

static void
read_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroFeesDialog) self = data;
  g_autoptr(GError) error = NULL;
  ReadResult *r = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);

  self->busy--;
  if (self->disposed)
    {
      if (r != NULL)
        read_result_free (r);
      return;
    }
  if (r == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      update_sensitivity (self);
      return;
    }
  show_error (self, NULL);
  if (r->sheet != NULL)
    {
      if (ciro_sheet_n_rows (r->sheet) < 2)
        {
          show_error (self, _("The file holds no rows under its header."));
          read_result_free (r);
          update_sensitivity (self);
          return;
        }
      g_clear_pointer (&self->sheet, ciro_sheet_free);
      self->sheet = g_steal_pointer (&r->sheet);
      fill_columns (self);
    }
  if (self->sheet != NULL)
    apply_guess (self, r->remembered);
  read_result_free (r);
  update_sensitivity (self);
}

static void
start_read (CiroFeesDialog *self, const char *path)
{
  ReadJob *j = g_new0 (ReadJob, 1);

  j->path = g_strdup (path);
  j->marketplace = selected_marketplace (self);
  self->busy++;
  update_sensitivity (self);
  ciro_report_service_run_async (ciro_context_get_reports (self->context), self, read_worker, j,
                                 (GDestroyNotify) read_job_free, (GDestroyNotify) read_result_free, NULL, read_done,
                                 g_object_ref (self));
}

static void
marketplace_changed (CiroFeesDialog *self)
{
  /* the mapping remembered for this marketplace, if any */
  if (!self->filling && self->sheet != NULL)
    start_read (self, NULL);
  update_sensitivity (self);
}

void
ciro_fees_dialog_open_file (CiroFeesDialog *self, const char *path)
{
  g_autofree char *base = NULL;

  g_return_if_fail (CIRO_IS_FEES_DIALOG (self));
  g_free (self->path);
  self->path = g_strdup (path);
  base = g_path_get_basename (path);
  adw_action_row_set_subtitle (self->file_row, base);
  start_read (self, path);
}

static void
chooser_response (GtkNativeDialog *chooser, int response, CiroFeesDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        ciro_fees_dialog_open_file (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_clicked (CiroFeesDialog *self)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Statements (CSV, XLSX)"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_filter_add_suffix (filter, "txt");
  self->chooser = gtk_file_chooser_native_new (_("Open Fee Statement"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ------------------------------------------------------------ importing */

typedef struct {
  CiroSheet      *sheet;          /* the dialog's; it stays alive meanwhile */
  char           *marketplace;
  CiroFeeMapping  mapping;
  int            *permille;       /* the dialog's, kept alive as above */
} ImportJob;

static void
import_job_free (ImportJob *j)
{
  g_free (j->marketplace);
  g_free (j);
}

static void
import_progress (double fraction, gpointer data)
{
  g_atomic_int_set ((int *) data, (int) (fraction * 1000));
}

static gpointer
import_worker (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  ImportJob *j = data;

  return ciro_store_import_fees_sheet_full (store, j->sheet, j->marketplace, &j->mapping, import_progress,
                                            j->permille, cancellable, error);
}

/* How far the worker got; a pulse until it says. */
static gboolean
pulse (gpointer data)
{
  CiroFeesDialog *self = data;
  int permille = g_atomic_int_get (&self->permille);

  if (permille > 0)
    gtk_progress_bar_set_fraction (self->progress, permille / 1000.0);
  else
    gtk_progress_bar_pulse (self->progress);
  return G_SOURCE_CONTINUE;
}

static void
stop_pulse (CiroFeesDialog *self)
{
  if (self->pulse != 0)
    g_source_remove (self->pulse);
  self->pulse = 0;
}

static void
show_result (CiroFeesDialog *self)
{
  CiroFeeImportResult *r = self->result;
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *orders = ciro_count_format (r->orders, style);
  g_autofree char *updated = ciro_count_format (r->updated, style);
  g_autofree char *unchanged = ciro_count_format (r->unchanged, style);
  GtkWidget *child;

  /* TRANSLATORS: %1$s orders whose fees were read, %2$s of them changed, %3$s already so */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "The fees of %1$s order were read: %2$s changed, %3$s "
                                                              "already so.",
                                             "The fees of %1$s orders were read: %2$s changed, %3$s already so.",
                                             r->orders), orders, updated, unchanged);
  if (r->duplicates > 0)
    {
      g_autofree char *n = ciro_count_format (r->duplicates, style);
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s row repeated an earlier one and was skipped.",
                                                 "%s rows repeated earlier ones and were skipped.", r->duplicates), n);
    }
  if (r->unknown->len > 0)
    {
      g_autofree char *n = ciro_count_format (r->unknown->len, style);
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s row names an order Ciro does not know; it is "
                                                                  "listed below and was skipped.",
                                                 "%s rows name orders Ciro does not know; they are listed below and "
                                                 "were skipped.", r->unknown->len), n);
    }
  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&text), FALSE);
  adw_status_page_set_description (self->done_page, self->summary);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->unknown_list))) != NULL)
    gtk_list_box_remove (self->unknown_list, child);
  for (guint i = 0; i < r->unknown->len && i < UNKNOWN_SHOWN; i++)
    {
      CiroFeeUnknown *u = r->unknown->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      /* TRANSLATORS: a row of the file whose order is unknown: its row number */
      g_autofree char *where = g_strdup_printf (_("Row %u"), u->row);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), u->order);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
      gtk_list_box_append (self->unknown_list, row);
    }
  if (r->unknown->len > UNKNOWN_SHOWN)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = ciro_count_format (r->unknown->len - UNKNOWN_SHOWN, style);
      /* TRANSLATORS: after the first unknown orders listed */
      g_autofree char *title = g_strdup_printf (_("and %s more"), more);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_list_box_append (self->unknown_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->unknown_list), r->unknown->len > 0);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_button_set_label (self->cancel_button, _("_Close"));
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
}

static void
import_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroFeesDialog) self = data;
  g_autoptr(GError) error = NULL;
  CiroFeeImportResult *r = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);

  self->busy--;
  self->importing = FALSE;
  stop_pulse (self);
  /* written or not, the pages read the figures again (a Cancel may come
   * after the transaction committed) */
  if (r != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ciro_context_store_changed (self->context);
  if (self->disposed)
    {
      if (r != NULL)
        ciro_fee_import_result_free (r);
      return;
    }
  gtk_button_set_label (self->cancel_button, _("_Cancel"));
  if (r == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "setup");
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("The import was cancelled."));
      else
        show_error (self, error->message);
      update_sensitivity (self);
      return;
    }
  g_clear_pointer (&self->result, ciro_fee_import_result_free);
  self->result = r;
  show_result (self);
}

void
ciro_fees_dialog_import (CiroFeesDialog *self)
{
  ImportJob *j;

  g_return_if_fail (CIRO_IS_FEES_DIALOG (self));
  if (!ciro_fees_dialog_can_import (self))
    return;
  j = g_new0 (ImportJob, 1);
  j->sheet = self->sheet;
  j->marketplace = selected_marketplace (self);
  j->permille = &self->permille;
  g_atomic_int_set (&self->permille, 0);
  get_mapping (self, &j->mapping);
  show_error (self, NULL);
  self->busy++;
  self->importing = TRUE;
  update_sensitivity (self);
  gtk_stack_set_visible_child_name (self->stack, "running");
  gtk_progress_bar_set_fraction (self->progress, 0);
  self->pulse = g_timeout_add (120, pulse, self);
  /* the dialog is the owner: Cancel interrupts the running statement, and
   * the import, one transaction, changes nothing */
  ciro_report_service_run_async (ciro_context_get_reports (self->context), self, import_worker, j,
                                 (GDestroyNotify) import_job_free, (GDestroyNotify) ciro_fee_import_result_free,
                                 NULL, import_done, g_object_ref (self));
}

void
ciro_fees_dialog_cancel (CiroFeesDialog *self)
{
  g_return_if_fail (CIRO_IS_FEES_DIALOG (self));
  if (self->importing)
    ciro_report_service_cancel (ciro_context_get_reports (self->context), self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* ------------------------------------------------------------ marketplaces */

static gpointer
marketplaces_worker (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return ciro_store_list_marketplace_names (store, error);
}

static void
marketplaces_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroFeesDialog) self = data;
  g_autoptr(GError) error = NULL;
  GPtrArray *names = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  self->busy--;
  if (names == NULL || self->disposed)
    {
      if (names != NULL)
        g_ptr_array_unref (names);
      else if (!self->disposed)
        show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->marketplaces, g_ptr_array_unref);
  self->marketplaces = names;
  for (guint i = 0; i < names->len; i++)
    gtk_string_list_append (model, ciro_marketplace_display (names->pdata[i]));
  self->filling = TRUE;
  adw_combo_row_set_model (self->marketplace, G_LIST_MODEL (model));
  self->filling = FALSE;
  update_sensitivity (self);
}

gboolean
ciro_fees_dialog_set_marketplace (CiroFeesDialog *self, const char *marketplace)
{
  g_return_val_if_fail (CIRO_IS_FEES_DIALOG (self), FALSE);
  for (guint i = 0; self->marketplaces != NULL && i < self->marketplaces->len; i++)
    if (g_strcmp0 (self->marketplaces->pdata[i], marketplace) == 0)
      {
        adw_combo_row_set_selected (self->marketplace, i);
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------ building */

static GtkWidget *
build_setup (CiroFeesDialog *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group, *button, *grid, *frame;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Per order, what the marketplace actually charged: commission, service "
                                           "fee and cargo. An order with imported fees uses them instead of "
                                           "Ciro’s estimates; importing the same file again changes nothing."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  self->file_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), _("Statement"));
  adw_action_row_set_subtitle (self->file_row, _("No file chosen"));
  button = gtk_button_new_with_mnemonic (_("_Choose…"));
  gtk_widget_set_name (button, "choose");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (choose_clicked), self);
  adw_action_row_add_suffix (self->file_row, button);
  adw_action_row_set_activatable_widget (self->file_row, button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->file_row));
  self->marketplace = ADW_COMBO_ROW (adw_combo_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->marketplace), "marketplace");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->marketplace), _("Marketplace"));
  g_signal_connect_swapped (self->marketplace, "notify::selected", G_CALLBACK (marketplace_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->marketplace));

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Columns"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Which column holds what: Ciro guessed from the headers, or took what "
                                           "you chose last time for this marketplace."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  for (guint f = 0; f < CIRO_FEE_N_FIELDS; f++)
    {
      self->columns[f] = ADW_COMBO_ROW (adw_combo_row_new ());
      gtk_widget_set_name (GTK_WIDGET (self->columns[f]), ciro_fee_field_name (f));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->columns[f]), _(field_titles[f]));
      g_signal_connect_swapped (self->columns[f], "notify::selected", G_CALLBACK (column_changed), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->columns[f]));
    }

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Preview"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  for (guint f = 0; f < CIRO_FEE_N_FIELDS; f++)
    {
      GtkWidget *head = gtk_label_new (_(field_titles[f]));
      gtk_widget_add_css_class (head, "heading");
      gtk_label_set_xalign (GTK_LABEL (head), f == CIRO_FEE_ORDER ? 0 : 1);
      gtk_label_set_ellipsize (GTK_LABEL (head), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (head, TRUE);
      gtk_grid_attach (GTK_GRID (grid), head, (int) f, 0, 1, 1);
      for (guint r = 0; r < PREVIEW_ROWS; r++)
        {
          GtkWidget *cell = gtk_label_new (NULL);
          gtk_label_set_xalign (GTK_LABEL (cell), f == CIRO_FEE_ORDER ? 0 : 1);
          gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_MIDDLE);
          gtk_widget_add_css_class (cell, "numeric");
          gtk_grid_attach (GTK_GRID (grid), cell, (int) f, (int) r + 1, 1, 1);
          self->preview[r][f] = GTK_LABEL (cell);
        }
    }
  frame = gtk_frame_new (NULL);
  gtk_widget_add_css_class (frame, "view");
  gtk_frame_set_child (GTK_FRAME (frame), grid);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), frame);
  self->preview_note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->preview_note, TRUE);
  gtk_label_set_xalign (self->preview_note, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->preview_note), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->preview_note), 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->preview_note));
  self->error = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->error), "error");
  gtk_label_set_wrap (self->error, TRUE);
  gtk_label_set_xalign (self->error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error), "error");
  gtk_widget_set_margin_top (GTK_WIDGET (self->error), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->error), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->error));
  return page;
}

static GtkWidget *
build_running (CiroFeesDialog *self)
{
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Importing Fees…"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Nothing is changed until the whole file is read; Cancel leaves the store as "
                                     "it was."));
  gtk_widget_set_name (status, "running");
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_name (GTK_WIDGET (self->progress), "progress");
  gtk_widget_set_size_request (GTK_WIDGET (self->progress), 240, -1);
  gtk_widget_set_halign (GTK_WIDGET (self->progress), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress));
  {
    GtkWidget *stop = gtk_button_new_with_mnemonic (_("_Stop"));
    gtk_widget_set_name (stop, "stop");
    gtk_widget_set_halign (stop, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (stop, "pill");
    g_signal_connect_swapped (stop, "clicked", G_CALLBACK (ciro_fees_dialog_cancel), self);
    gtk_box_append (GTK_BOX (box), stop);
  }
  adw_status_page_set_child (ADW_STATUS_PAGE (status), box);
  return status;
}

static GtkWidget *
build_done (CiroFeesDialog *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->done_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->done_page, "emblem-ok-symbolic");
  adw_status_page_set_title (self->done_page, _("Fees Imported"));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->done_page));
  self->unknown_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->unknown_list), "unknown");
  gtk_list_box_set_selection_mode (self->unknown_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->unknown_list), "boxed-list");
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->unknown_list), 24);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->unknown_list));
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  return scroller;
}

static void
ciro_fees_dialog_dispose (GObject *object)
{
  CiroFeesDialog *self = CIRO_FEES_DIALOG (object);

  self->disposed = TRUE;
  stop_pulse (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (ciro_fees_dialog_parent_class)->dispose (object);
}

static void
ciro_fees_dialog_finalize (GObject *object)
{
  CiroFeesDialog *self = CIRO_FEES_DIALOG (object);

  g_clear_pointer (&self->sheet, ciro_sheet_free);
  g_clear_pointer (&self->result, ciro_fee_import_result_free);
  g_clear_pointer (&self->marketplaces, g_ptr_array_unref);
  g_free (self->path);
  g_free (self->summary);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (ciro_fees_dialog_parent_class)->finalize (object);
}

static gboolean
close_request (GtkWindow *window)
{
  CiroFeesDialog *self = CIRO_FEES_DIALOG (window);

  /* closing while importing cancels it first; the window goes when it ends */
  if (self->importing)
    {
      ciro_report_service_cancel (ciro_context_get_reports (self->context), self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (ciro_fees_dialog_parent_class)->close_request (window);
}

static void
ciro_fees_dialog_class_init (CiroFeesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ciro_fees_dialog_dispose;
  object_class->finalize = ciro_fees_dialog_finalize;
  window_class->close_request = close_request;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ciro_fees_dialog_init (CiroFeesDialog *self)
{
}

CiroFeesDialog *
ciro_fees_dialog_new (GtkWindow *parent, CiroContext *context)
{
  CiroFeesDialog *self = g_object_new (CIRO_TYPE_FEES_DIALOG, "modal", TRUE, "transient-for", parent,
                                       "default-width", 620, "default-height", 760,
                                       "title", _("Import Marketplace Fees"), NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  self->context = g_object_ref (context);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->cancel_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel")));
  gtk_widget_set_name (GTK_WIDGET (self->cancel_button), "cancel");
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (ciro_fees_dialog_cancel), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->cancel_button));
  self->import_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Import")));
  gtk_widget_set_name (GTK_WIDGET (self->import_button), "import");
  gtk_widget_add_css_class (GTK_WIDGET (self->import_button), "suggested-action");
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (ciro_fees_dialog_import), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->import_button));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, build_setup (self), "setup");
  gtk_stack_add_named (self->stack, build_running (self), "running");
  gtk_stack_add_named (self->stack, build_done (self), "done");
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);
  fill_columns (self);
  update_preview (self);

  self->busy++;
  ciro_report_service_run_async (ciro_context_get_reports (context), NULL, marketplaces_worker, NULL, NULL,
                                 (GDestroyNotify) g_ptr_array_unref, NULL, marketplaces_done, g_object_ref (self));
  return self;
}

gboolean
ciro_fees_dialog_is_busy (CiroFeesDialog *self)
{
  g_return_val_if_fail (CIRO_IS_FEES_DIALOG (self), FALSE);
  return self->busy > 0;
}

void
ciro_fees_dialog_get_mapping (CiroFeesDialog *self, CiroFeeMapping *out)
{
  g_return_if_fail (CIRO_IS_FEES_DIALOG (self));
  get_mapping (self, out);
}

void
ciro_fees_dialog_set_column (CiroFeesDialog *self, CiroFeeField field, int column)
{
  g_return_if_fail (CIRO_IS_FEES_DIALOG (self));
  adw_combo_row_set_selected (self->columns[field], column >= 0 ? (guint) column + 1 : 0);
}

const char *
ciro_fees_dialog_get_preview (CiroFeesDialog *self, guint row, CiroFeeField field)
{
  g_return_val_if_fail (CIRO_IS_FEES_DIALOG (self) && row < PREVIEW_ROWS, NULL);
  return gtk_label_get_text (self->preview[row][field]);
}

gboolean
ciro_fees_dialog_can_import (CiroFeesDialog *self)
{
  g_return_val_if_fail (CIRO_IS_FEES_DIALOG (self), FALSE);
  return gtk_widget_get_sensitive (GTK_WIDGET (self->import_button)) &&
         gtk_widget_get_visible (GTK_WIDGET (self->import_button));
}

const CiroFeeImportResult *
ciro_fees_dialog_get_result (CiroFeesDialog *self)
{
  g_return_val_if_fail (CIRO_IS_FEES_DIALOG (self), NULL);
  return self->result;
}

const char *
ciro_fees_dialog_get_summary (CiroFeesDialog *self)
{
  g_return_val_if_fail (CIRO_IS_FEES_DIALOG (self), NULL);
  return self->summary != NULL ? self->summary : "";
}

const char *
ciro_fees_dialog_get_error (CiroFeesDialog *self)
{
  g_return_val_if_fail (CIRO_IS_FEES_DIALOG (self), NULL);
  return gtk_label_get_text (self->error);
}
