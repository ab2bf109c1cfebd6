/* ciro-costs-dialog.c: the Ad Spend and Expenses dialog
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "analytics/ciro-report-service.h"
#include "core/ciro-date.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-money.h"
#include "core/ciro-number.h"
#include "ciro-costs-dialog.h"

#define N_KINDS 2

/* profit.md's expense categories: stored by these keys */
static const char *category_keys[] = { "rent", "salaries", "packaging", "software", "accounting", "other" };
static const char *category_names[] = {
  NC_("expense category", "Rent"), NC_("expense category", "Salaries"), NC_("expense category", "Packaging"),
  NC_("expense category", "Software"), NC_("expense category", "Accounting"), NC_("expense category", "Other"),
};

static const char *
category_text (guint i)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "expense category", category_names[i]);
}

typedef struct {
  CiroCostsDialog *self;
  CiroCostKind     kind;
  GtkWidget       *page;
  AdwEntryRow     *amount;
  AdwEntryRow     *date;
  GtkSwitch       *monthly;
  AdwEntryRow     *until;       /* expenses only */
  AdwComboRow     *marketplace;
  AdwEntryRow     *name;        /* expenses only */
  AdwComboRow     *category;    /* expenses only */
  AdwEntryRow     *note;
  GtkButton       *add;
  GtkButton       *cancel_edit;
  GtkLabel        *error;
  AdwPreferencesGroup *list;
  GPtrArray       *rows;        /* the list's rows */
  GPtrArray       *entries;     /* CiroCostEntry, as listed */
  gint64           editing;     /* the entry the form edits, 0 = a new one */
  guint            loading;
} Page;

struct _CiroCostsDialog
{
  AdwWindow        parent_instance;

  CiroContext     *context;
  GtkStack        *stack;
  AdwToastOverlay *toasts;
  Page             pages[N_KINDS];
  GPtrArray       *marketplaces; /* names, the combo rows' items after "All" */
  GtkFileChooserNative *chooser;
  CiroCostKind     chooser_kind;
  guint            writing;
  gboolean         disposed;
};

G_DEFINE_FINAL_TYPE (CiroCostsDialog, ciro_costs_dialog, ADW_TYPE_WINDOW)

static void load_entries (CiroCostsDialog *self, CiroCostKind kind);

/* ------------------------------------------------------------ entries */

static CiroCostEntry *
entry_copy (const CiroCostEntry *e)
{
  CiroCostEntry *c = g_new0 (CiroCostEntry, 1);

  *c = *e;
  c->marketplace = g_strdup (e->marketplace);
  c->name = g_strdup (e->name);
  c->category = g_strdup (e->category);
  c->note = g_strdup (e->note);
  return c;
}

static const char *
category_name (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (category_keys); i++)
    if (g_strcmp0 (key, category_keys[i]) == 0)
      return category_text (i);
  return key;
}

static char *
month_text (CiroDay day)
{
  char buf[11];

  ciro_day_format (day, buf);
  buf[7] = '\0';
  return g_strdup (buf);
}

/* When an entry counts, as a person reads it. */
static char *
entry_when (const CiroCostEntry *e)
{
  g_autofree char *from = month_text (e->day);

  if (!e->monthly)
    return ciro_day_to_string (e->day);
  if (e->until_day != CIRO_DAY_INVALID && ciro_day_month (e->until_day) == ciro_day_month (e->day))
    /* TRANSLATORS: an amount for one month, spread over its days; %s is "2026-09" */
    return g_strdup_printf (_("All of %s"), from);
  if (e->until_day == CIRO_DAY_INVALID)
    /* TRANSLATORS: a monthly expense; %s is its first month, "2026-08" */
    return g_strdup_printf (_("Monthly from %s on"), from);
  {
    g_autofree char *to = month_text (e->until_day);
    /* TRANSLATORS: a monthly expense; its first and last months */
    return g_strdup_printf (_("Monthly from %s to %s"), from, to);
  }
}

/* ------------------------------------------------------------ workers */

typedef struct {
  CiroCostKind   kind;
  CiroCostEntry *add;        /* NULL: nothing to add */
  gint64         remove;     /* 0: nothing to remove */
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->add, ciro_cost_entry_free);
  g_free (job);
}

/* Adds, then removes what the form edited: an edit is one transaction of
 * the user's eyes, two of the store's, and never loses the entry (the new
 * one is written first). */
static gpointer
write_worker (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;

  if (job->add != NULL && ciro_store_add_cost_entry (store, job->add, error) == 0)
    return NULL;
  if (job->remove != 0 && !ciro_store_remove_cost_entry (store, job->kind, job->remove, error))
    return NULL;
  return GINT_TO_POINTER (1);
}

typedef struct {
  GPtrArray *entries;
  GPtrArray *marketplaces;
} Listing;

static void
listing_free (Listing *l)
{
  g_clear_pointer (&l->entries, g_ptr_array_unref);
  g_clear_pointer (&l->marketplaces, g_ptr_array_unref);
  g_free (l);
}

static gpointer
list_worker (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  CiroCostKind kind = GPOINTER_TO_INT (data);
  Listing *l = g_new0 (Listing, 1);

  if ((l->marketplaces = ciro_store_list_marketplace_names (store, error)) == NULL ||
      (l->entries = ciro_store_list_cost_entries (store, kind, error)) == NULL)
    {
      listing_free (l);
      return NULL;
    }
  return l;
}

/* ------------------------------------------------------------ the form */

static void
set_error (Page *p, GtkWidget *row, const char *text)
{
  GtkWidget *rows[] = { GTK_WIDGET (p->amount), GTK_WIDGET (p->date), GTK_WIDGET (p->until) };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i] != NULL)
      gtk_widget_remove_css_class (rows[i], "error");
  if (row != NULL)
    gtk_widget_add_css_class (row, "error");
  gtk_label_set_text (p->error, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (p->error), text != NULL && *text != '\0');
}

/* "2026-10-05" or "05.10.2026" (as Turkish sellers write it). */
static gboolean
parse_day (const char *text, CiroDay *out)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  int d, m, y, n = 0;

  if (ciro_day_parse (t, out, NULL))
    return TRUE;
  if (sscanf (t, "%2d.%2d.%4d%n", &d, &m, &y, &n) == 3 && t[n] == '\0' && y >= 1000 && m >= 1 && m <= 12 &&
      d >= 1 && d <= 31)
    {
      CiroDay day = ciro_day_from_ymd (y, m, d);
      int y2, m2, d2;

      ciro_day_to_ymd (day, &y2, &m2, &d2);
      if (y2 == y && m2 == m && d2 == d)
        {
          *out = day;
          return TRUE;
        }
    }
  return FALSE;
}

static char *
marketplace_at (CiroCostsDialog *self, guint selected)
{
  if (selected == 0 || self->marketplaces == NULL || selected > self->marketplaces->len)
    return NULL;
  return g_strdup (self->marketplaces->pdata[selected - 1]);
}

/* The form as an entry, or NULL with the reason shown beside the field. */
static CiroCostEntry *
read_form (Page *p)
{
  g_autoptr(CiroCostEntry) e = g_new0 (CiroCostEntry, 1);
  const char *amount = gtk_editable_get_text (GTK_EDITABLE (p->amount));
  const char *date = gtk_editable_get_text (GTK_EDITABLE (p->date));
  CiroDay today = ciro_today ();

  e->kind = p->kind;
  e->until_day = CIRO_DAY_INVALID;
  g_autofree char *amount_text = g_strstrip (g_strdup (amount));

  if (*amount_text == '\0')
    {
      set_error (p, GTK_WIDGET (p->amount), _("Enter the amount, before VAT."));
      return NULL;
    }
  if (!ciro_parse_money (amount, &e->amount, NULL))
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is not an amount. Write it as 1250 or 1.250,50."), amount);
      set_error (p, GTK_WIDGET (p->amount), text);
      return NULL;
    }
  if (e->amount <= 0)
    {
      set_error (p, GTK_WIDGET (p->amount), _("The amount must be more than ₺0."));
      return NULL;
    }
  if (e->amount > CIRO_MAX_MONEY)
    {
      set_error (p, GTK_WIDGET (p->amount), _("That is more than ₺100,000,000: please check the amount."));
      return NULL;
    }
  if (!parse_day (date, &e->day))
    {
      set_error (p, GTK_WIDGET (p->date), _("Enter the date as 2026-10-05 or 05.10.2026."));
      return NULL;
    }
  if (e->day < ciro_day_from_ymd (2000, 1, 1) || e->day > today + 366)
    {
      set_error (p, GTK_WIDGET (p->date), _("The date must be between 2000 and a year from today."));
      return NULL;
    }
  e->monthly = gtk_switch_get_active (p->monthly);
  if (p->kind == CIRO_COST_AD_SPEND && e->monthly)
    /* ad spend for a month is that month's only */
    e->until_day = e->day;
  if (p->until != NULL && e->monthly)
    {
      const char *until = gtk_editable_get_text (GTK_EDITABLE (p->until));
      g_autofree char *u = g_strstrip (g_strdup (until));

      if (*u != '\0')
        {
          if (!parse_day (u, &e->until_day))
            {
              set_error (p, GTK_WIDGET (p->until), _("Enter the last month’s date as 2026-12-31, or leave it empty."));
              return NULL;
            }
          if (ciro_day_month (e->until_day) < ciro_day_month (e->day))
            {
              set_error (p, GTK_WIDGET (p->until), _("The last month is before the first one."));
              return NULL;
            }
        }
    }
  e->marketplace = marketplace_at (p->self, adw_combo_row_get_selected (p->marketplace));
  if (p->name != NULL)
    {
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (p->name))));
      e->name = *name != '\0' ? g_steal_pointer (&name) : NULL;
    }
  if (p->category != NULL)
    e->category = g_strdup (category_keys[MIN (adw_combo_row_get_selected (p->category),
                                               G_N_ELEMENTS (category_keys) - 1)]);
  {
    g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (p->note))));
    e->note = *note != '\0' ? g_steal_pointer (&note) : NULL;
  }
  set_error (p, NULL, NULL);
  return g_steal_pointer (&e);
}

static void
clear_form (Page *p)
{
  char today[11];

  p->editing = 0;
  gtk_editable_set_text (GTK_EDITABLE (p->amount), "");
  gtk_editable_set_text (GTK_EDITABLE (p->date), ciro_day_format (ciro_today (), today));
  gtk_switch_set_active (p->monthly, FALSE);
  if (p->until != NULL)
    gtk_editable_set_text (GTK_EDITABLE (p->until), "");
  if (p->name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (p->name), "");
  gtk_editable_set_text (GTK_EDITABLE (p->note), "");
  gtk_button_set_label (p->add, _("_Add"));
  gtk_widget_set_visible (GTK_WIDGET (p->cancel_edit), FALSE);
  set_error (p, NULL, NULL);
}

static void
fill_form (Page *p, const CiroCostEntry *e)
{
  g_autofree char *amount = ciro_money_to_decimal (e->amount);
  g_autofree char *day = ciro_day_to_string (e->day);
  guint mp = 0;

  p->editing = e->id;
  gtk_editable_set_text (GTK_EDITABLE (p->amount), amount);
  gtk_editable_set_text (GTK_EDITABLE (p->date), day);
  gtk_switch_set_active (p->monthly, e->monthly);
  if (p->until != NULL)
    {
      g_autofree char *until = e->monthly && e->until_day != CIRO_DAY_INVALID ? ciro_day_to_string (e->until_day)
                                                                                : g_strdup ("");
      gtk_editable_set_text (GTK_EDITABLE (p->until), until);
    }
  for (guint i = 0; e->marketplace != NULL && p->self->marketplaces != NULL && i < p->self->marketplaces->len; i++)
    if (g_strcmp0 (p->self->marketplaces->pdata[i], e->marketplace) == 0)
      mp = i + 1;
  adw_combo_row_set_selected (p->marketplace, mp);
  if (p->name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (p->name), e->name != NULL ? e->name : "");
  if (p->category != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (category_keys); i++)
      if (g_strcmp0 (e->category, category_keys[i]) == 0)
        adw_combo_row_set_selected (p->category, i);
  gtk_editable_set_text (GTK_EDITABLE (p->note), e->note != NULL ? e->note : "");
  gtk_button_set_label (p->add, _("_Save"));
  gtk_widget_set_visible (GTK_WIDGET (p->cancel_edit), TRUE);
  set_error (p, NULL, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (p->amount));
}

typedef struct {
  CiroCostsDialog *self;
  CiroCostKind     kind;
  CiroCostEntry   *undo;     /* a removed entry, for the toast's Undo */
  gboolean         clear;    /* the form's entry was written */
} WriteDone;

static void
undo_clicked (AdwToast *toast, gpointer data);

static void
write_done (GObject *source, GAsyncResult *result, gpointer data)
{
  WriteDone *w = data;
  CiroCostsDialog *self = w->self;
  Page *p = &self->pages[w->kind];
  g_autoptr(GError) error = NULL;

  self->writing--;
  if (ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error) == NULL)
    {
      if (!self->disposed)
        set_error (p, NULL, error->message);
    }
  else
    {
      /* the figures moved: every page reads them again */
      ciro_context_store_changed (self->context);
      if (!self->disposed)
        {
          if (w->clear)
            clear_form (p);
          if (w->undo != NULL)
            {
              AdwToast *toast = adw_toast_new (_("Entry removed"));
              adw_toast_set_button_label (toast, _("_Undo"));
              g_object_set_data_full (G_OBJECT (toast), "entry", g_steal_pointer (&w->undo),
                                      (GDestroyNotify) ciro_cost_entry_free);
              g_object_set_data (G_OBJECT (toast), "kind", GINT_TO_POINTER (w->kind));
              g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked), self, 0);
              adw_toast_overlay_add_toast (self->toasts, toast);
            }
          load_entries (self, w->kind);
        }
    }
  g_clear_pointer (&w->undo, ciro_cost_entry_free);
  g_object_unref (self);
  g_free (w);
}

static void
start_write (CiroCostsDialog *self, CiroCostKind kind, CiroCostEntry *add, gint64 remove, CiroCostEntry *undo,
             gboolean clear)
{
  Job *job = g_new0 (Job, 1);
  WriteDone *w = g_new0 (WriteDone, 1);

  job->kind = kind;
  job->add = add;
  job->remove = remove;
  w->self = g_object_ref (self);
  w->kind = kind;
  w->undo = undo;
  w->clear = clear;
  self->writing++;
  /* no owner: a write is never replaced by a later request */
  ciro_report_service_run_async (ciro_context_get_reports (self->context), NULL, write_worker, job,
                                 (GDestroyNotify) job_free, NULL, NULL, write_done, w);
}

static void
undo_clicked (AdwToast *toast, gpointer data)
{
  CiroCostsDialog *self = data;
  CiroCostEntry *e = g_object_get_data (G_OBJECT (toast), "entry");

  if (e != NULL)
    start_write (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "kind")), entry_copy (e), 0, NULL,
                 FALSE);
}

static void
add_clicked (GtkButton *button, Page *p)
{
  CiroCostEntry *e = read_form (p);

  if (e == NULL)
    return;
  start_write (p->self, p->kind, e, p->editing, NULL, TRUE);
}

static void
cancel_edit_clicked (GtkButton *button, Page *p)
{
  clear_form (p);
}

static void
monthly_changed (Page *p)
{
  if (p->until != NULL)
    gtk_widget_set_visible (GTK_WIDGET (p->until), gtk_switch_get_active (p->monthly));
}

/* ------------------------------------------------------------ CSV import */

typedef struct {
  CiroCostKind kind;
  char        *path;
} ImportJob;

static void
import_job_free (ImportJob *j)
{
  g_free (j->path);
  g_free (j);
}

/* The result: how many entries were added. */
static gpointer
import_worker (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  ImportJob *j = data;
  gint64 added = ciro_store_import_cost_csv (store, j->kind, j->path, error);
  gint64 *out;

  if (added < 0)
    return NULL;
  out = g_new (gint64, 1);
  *out = added;
  return out;
}

typedef struct {
  CiroCostsDialog *self;
  CiroCostKind     kind;
} ImportDone;

static void
import_done (GObject *source, GAsyncResult *result, gpointer data)
{
  ImportDone *w = data;
  CiroCostsDialog *self = w->self;
  Page *p = &self->pages[w->kind];
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *added = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);

  self->writing--;
  if (added == NULL)
    {
      if (!self->disposed)
        set_error (p, NULL, error->message);
    }
  else
    {
      ciro_context_store_changed (self->context);
      if (!self->disposed)
        {
          g_autofree char *n = ciro_count_format (*added, ciro_number_style_from_locale ());
          /* TRANSLATORS: a toast after a CSV import; %s is how many entries */
          g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s entry imported",
                                                                "%s entries imported", (gulong) *added), n);
          set_error (p, NULL, NULL);
          adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
          load_entries (self, w->kind);
        }
    }
  g_object_unref (self);
  g_free (w);
}

void
ciro_costs_dialog_import_file (CiroCostsDialog *self, CiroCostKind kind, const char *path)
{
  ImportJob *j = g_new0 (ImportJob, 1);
  ImportDone *w = g_new0 (ImportDone, 1);

  g_return_if_fail (CIRO_IS_COSTS_DIALOG (self));
  j->kind = kind;
  j->path = g_strdup (path);
  w->self = g_object_ref (self);
  w->kind = kind;
  self->writing++;
  /* all rows or none */
  ciro_report_service_run_async (ciro_context_get_reports (self->context), NULL, import_worker, j,
                                 (GDestroyNotify) import_job_free, g_free, NULL, import_done, w);
}

static void
chooser_response (GtkNativeDialog *chooser, int response, CiroCostsDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        ciro_costs_dialog_import_file (self, self->chooser_kind, path);
    }
  g_clear_object (&self->chooser);
}

static void
import_clicked (GtkButton *button, Page *p)
{
  CiroCostsDialog *self = p->self;
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "txt");
  self->chooser_kind = p->kind;
  self->chooser = gtk_file_chooser_native_new (p->kind == CIRO_COST_AD_SPEND ? _("Import Ad Spend")
                                                                             : _("Import Expenses"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                               _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ------------------------------------------------------------ the list */

static const CiroCostEntry *
row_entry (Page *p, GtkWidget *row)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "id"));

  for (guint i = 0; p->entries != NULL && i < p->entries->len; i++)
    if (((CiroCostEntry *) p->entries->pdata[i])->id == id)
      return p->entries->pdata[i];
  return NULL;
}

static void
edit_clicked (GtkButton *button, Page *p)
{
  const CiroCostEntry *e = row_entry (p, gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW));

  if (e != NULL)
    fill_form (p, e);
}

static void
remove_clicked (GtkButton *button, Page *p)
{
  const CiroCostEntry *e = row_entry (p, gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW));

  if (e == NULL)
    return;
  if (p->editing == e->id)
    clear_form (p);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  start_write (p->self, p->kind, NULL, e->id, entry_copy (e), FALSE);
}

static GtkWidget *
entry_row (Page *p, const CiroCostEntry *e)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autofree char *amount = ciro_money_format (e->amount, style);
  g_autofree char *when = entry_when (e);
  g_autofree char *title = NULL;
  g_autoptr(GString) sub = g_string_new (when);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *edit, *remove;

  if (e->name != NULL && *e->name != '\0')
    /* TRANSLATORS: an entry's amount and name, "₺30,000.00 · Rent of the depot" */
    title = g_strdup_printf (_("%s · %s"), amount, e->name);
  else
    title = g_strdup (amount);
  g_string_append (sub, " · ");
  g_string_append (sub, e->marketplace != NULL ? ciro_marketplace_display (e->marketplace) : _("All marketplaces"));
  if (e->category != NULL && *e->category != '\0')
    g_string_append_printf (sub, " · %s", category_name (e->category));
  if (e->note != NULL && *e->note != '\0')
    g_string_append_printf (sub, " · %s", e->note);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub->str);
  g_object_set_data (G_OBJECT (row), "id", GSIZE_TO_POINTER ((gsize) e->id));

  edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_set_tooltip_text (edit, _("Edit"));
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (edit, "flat");
  gtk_widget_set_name (edit, "edit");
  g_signal_connect (edit, "clicked", G_CALLBACK (edit_clicked), p);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_name (remove, "remove");
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked), p);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
fill_marketplaces (CiroCostsDialog *self, GPtrArray *names)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  g_clear_pointer (&self->marketplaces, g_ptr_array_unref);
  self->marketplaces = g_ptr_array_ref (names);
  gtk_string_list_append (model, _("All marketplaces"));
  for (guint i = 0; i < names->len; i++)
    gtk_string_list_append (model, ciro_marketplace_display (names->pdata[i]));
  for (guint k = 0; k < N_KINDS; k++)
    {
      Page *p = &self->pages[k];
      guint selected = adw_combo_row_get_selected (p->marketplace);

      adw_combo_row_set_model (p->marketplace, G_LIST_MODEL (model));
      adw_combo_row_set_selected (p->marketplace, selected <= names->len ? selected : 0);
    }
}

typedef struct {
  CiroCostsDialog *self;
  CiroCostKind     kind;
} LoadDone;

static void
entries_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  LoadDone *l = data;
  CiroCostsDialog *self = l->self;
  Page *p = &self->pages[l->kind];
  g_autoptr(GError) error = NULL;
  Listing *listing = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);

  p->loading--;
  if (listing != NULL && !self->disposed)
    {
      for (guint i = 0; i < p->rows->len; i++)
        adw_preferences_group_remove (p->list, p->rows->pdata[i]);
      g_ptr_array_set_size (p->rows, 0);
      g_clear_pointer (&p->entries, g_ptr_array_unref);
      p->entries = g_steal_pointer (&listing->entries);
      if (self->marketplaces == NULL || self->marketplaces->len != listing->marketplaces->len)
        fill_marketplaces (self, listing->marketplaces);
      for (guint i = 0; i < p->entries->len; i++)
        {
          GtkWidget *row = entry_row (p, p->entries->pdata[i]);
          g_ptr_array_add (p->rows, row);
          adw_preferences_group_add (p->list, row);
        }
      if (p->entries->len == 0)
        {
          GtkWidget *row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                         p->kind == CIRO_COST_AD_SPEND ? _("No ad spend entered yet")
                                                                       : _("No expenses entered yet"));
          gtk_widget_add_css_class (row, "dim-label");
          g_ptr_array_add (p->rows, row);
          adw_preferences_group_add (p->list, row);
        }
    }
  else if (listing == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !self->disposed)
    set_error (p, NULL, error->message);
  if (listing != NULL)
    listing_free (listing);
  g_object_unref (self);
  g_free (l);
}

static void
load_entries (CiroCostsDialog *self, CiroCostKind kind)
{
  LoadDone *l = g_new0 (LoadDone, 1);
  Page *p = &self->pages[kind];

  l->self = g_object_ref (self);
  l->kind = kind;
  p->loading++;
  /* the page is the owner: a newer listing replaces an older one */
  ciro_report_service_run_async (ciro_context_get_reports (self->context), p, list_worker, GINT_TO_POINTER (kind),
                                 NULL, (GDestroyNotify) listing_free, NULL, entries_loaded, l);
}

/* ------------------------------------------------------------ building */

static AdwEntryRow *
add_entry_row (AdwPreferencesGroup *group, const char *name, const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static void
build_page (CiroCostsDialog *self, CiroCostKind kind)
{
  Page *p = &self->pages[kind];
  gboolean ads = kind == CIRO_COST_AD_SPEND;
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *form = adw_preferences_group_new ();
  GtkWidget *row, *buttons;

  p->self = self;
  p->kind = kind;
  p->page = page;
  p->rows = g_ptr_array_new ();
  gtk_widget_set_name (page, ads ? "adspend" : "expense");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (form), ads ? _("Add Ad Spend") : _("Add an Expense"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (form),
                                         ads ? _("What the marketplaces’ ads cost you, before VAT. Profit after VAT "
                                                 "less ad spend and expenses is the operating profit.")
                                             : _("Rent, salaries, packaging and other costs of the business, before "
                                                 "VAT. A monthly expense is spread evenly over its month’s days."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (form));

  p->amount = add_entry_row (ADW_PREFERENCES_GROUP (form), "amount", _("Amount (₺, before VAT)"));
  p->date = add_entry_row (ADW_PREFERENCES_GROUP (form), "date", ads ? _("Date (any day of the month when for a month)")
                                                                      : _("Date (the first month’s, when monthly)"));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ads ? _("For the Whole Month") : _("Every Month"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), ads ? _("Spread over the days of the date’s month")
                                                         : _("Repeats from the date’s month until stopped"));
  p->monthly = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_name (GTK_WIDGET (p->monthly), "monthly");
  gtk_widget_set_valign (GTK_WIDGET (p->monthly), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (p->monthly));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (p->monthly));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (form), row);
  if (!ads)
    {
      p->until = add_entry_row (ADW_PREFERENCES_GROUP (form), "until", _("Until (a date of the last month; empty: "
                                                                         "until stopped)"));
      gtk_widget_set_visible (GTK_WIDGET (p->until), FALSE);
    }
  g_signal_connect_swapped (p->monthly, "notify::active", G_CALLBACK (monthly_changed), p);

  p->marketplace = ADW_COMBO_ROW (adw_combo_row_new ());
  gtk_widget_set_name (GTK_WIDGET (p->marketplace), "marketplace");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (p->marketplace), _("Marketplace"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (form), GTK_WIDGET (p->marketplace));
  if (!ads)
    {
      g_autoptr(GtkStringList) cats = gtk_string_list_new (NULL);

      p->name = add_entry_row (ADW_PREFERENCES_GROUP (form), "name", _("Name"));
      for (guint i = 0; i < G_N_ELEMENTS (category_names); i++)
        gtk_string_list_append (cats, category_text (i));
      p->category = ADW_COMBO_ROW (adw_combo_row_new ());
      gtk_widget_set_name (GTK_WIDGET (p->category), "category");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (p->category), _("Category"));
      adw_combo_row_set_model (p->category, G_LIST_MODEL (cats));
      adw_combo_row_set_selected (p->category, G_N_ELEMENTS (category_keys) - 1);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (form), GTK_WIDGET (p->category));
    }
  p->note = add_entry_row (ADW_PREFERENCES_GROUP (form), "note", _("Note"));

  p->error = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (p->error), "error");
  gtk_label_set_wrap (p->error, TRUE);
  gtk_label_set_xalign (p->error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (p->error), "error");
  gtk_widget_set_margin_top (GTK_WIDGET (p->error), 12);
  gtk_widget_set_visible (GTK_WIDGET (p->error), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (form), GTK_WIDGET (p->error));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  p->cancel_edit = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Cancel Editing")));
  gtk_widget_set_name (GTK_WIDGET (p->cancel_edit), "cancel-edit");
  gtk_widget_set_visible (GTK_WIDGET (p->cancel_edit), FALSE);
  g_signal_connect (p->cancel_edit, "clicked", G_CALLBACK (cancel_edit_clicked), p);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (p->cancel_edit));
  p->add = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Add")));
  gtk_widget_set_name (GTK_WIDGET (p->add), "add");
  gtk_widget_add_css_class (GTK_WIDGET (p->add), "suggested-action");
  g_signal_connect (p->add, "clicked", G_CALLBACK (add_clicked), p);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (p->add));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (form), buttons);
  /* Enter in the amount adds */
  g_signal_connect_swapped (p->amount, "entry-activated", G_CALLBACK (gtk_widget_activate), p->add);
  adw_entry_row_set_activates_default (p->amount, FALSE);
  adw_entry_row_set_show_apply_button (p->amount, FALSE);

  p->list = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (p->list, ads ? _("Ad Spend Entered") : _("Expenses Entered"));
  adw_preferences_group_set_description (p->list, _("Or import a CSV file of rows “date; marketplace; amount; "
                                                    "note”: all rows or none."));
  {
    GtkWidget *import = gtk_button_new_with_mnemonic (_("_Import CSV…"));
    gtk_widget_set_name (import, "import");
    gtk_widget_set_valign (import, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (import, "flat");
    g_signal_connect (import, "clicked", G_CALLBACK (import_clicked), p);
    adw_preferences_group_set_header_suffix (p->list, import);
  }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), p->list);

  gtk_stack_add_titled (self->stack, page, ads ? "adspend" : "expense", ads ? _("Ad Spend") : _("Expenses"));
  clear_form (p);
}

static void
ciro_costs_dialog_dispose (GObject *object)
{
  CiroCostsDialog *self = CIRO_COSTS_DIALOG (object);

  self->disposed = TRUE;
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->context != NULL)
    for (guint k = 0; k < N_KINDS; k++)
      ciro_report_service_cancel (ciro_context_get_reports (self->context), &self->pages[k]);
  G_OBJECT_CLASS (ciro_costs_dialog_parent_class)->dispose (object);
}

static void
ciro_costs_dialog_finalize (GObject *object)
{
  CiroCostsDialog *self = CIRO_COSTS_DIALOG (object);

  for (guint k = 0; k < N_KINDS; k++)
    {
      g_clear_pointer (&self->pages[k].rows, g_ptr_array_unref);
      g_clear_pointer (&self->pages[k].entries, g_ptr_array_unref);
    }
  g_clear_pointer (&self->marketplaces, g_ptr_array_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (ciro_costs_dialog_parent_class)->finalize (object);
}

static void
ciro_costs_dialog_class_init (CiroCostsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ciro_costs_dialog_dispose;
  object_class->finalize = ciro_costs_dialog_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ciro_costs_dialog_init (CiroCostsDialog *self)
{
}

static void
store_changed (CiroCostsDialog *self)
{
  /* another window, the CLI or an import changed the store */
  for (guint k = 0; k < N_KINDS; k++)
    load_entries (self, k);
}

CiroCostsDialog *
ciro_costs_dialog_new (GtkWindow *parent, CiroContext *context, CiroCostKind kind)
{
  CiroCostsDialog *self = g_object_new (CIRO_TYPE_COSTS_DIALOG, "modal", TRUE, "transient-for", parent,
                                        "default-width", 560, "default-height", 720,
                                        "title", _("Ad Spend and Expenses"), NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *switcher = gtk_stack_switcher_new ();

  self->context = g_object_ref (context);
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (switcher), self->stack);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), switcher);
  /* in the order of CiroCostKind */
  build_page (self, CIRO_COST_AD_SPEND);
  build_page (self, CIRO_COST_EXPENSE);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
  ciro_costs_dialog_show_kind (self, kind);
  g_signal_connect_object (context, "store-changed", G_CALLBACK (store_changed), self, G_CONNECT_SWAPPED);
  for (guint k = 0; k < N_KINDS; k++)
    load_entries (self, k);
  return self;
}

void
ciro_costs_dialog_show_kind (CiroCostsDialog *self, CiroCostKind kind)
{
  g_return_if_fail (CIRO_IS_COSTS_DIALOG (self));
  gtk_stack_set_visible_child (self->stack, self->pages[kind].page);
}

gboolean
ciro_costs_dialog_is_busy (CiroCostsDialog *self)
{
  g_return_val_if_fail (CIRO_IS_COSTS_DIALOG (self), FALSE);
  return self->writing > 0 || self->pages[0].loading > 0 || self->pages[1].loading > 0;
}

GPtrArray *
ciro_costs_dialog_get_entries (CiroCostsDialog *self, CiroCostKind kind)
{
  g_return_val_if_fail (CIRO_IS_COSTS_DIALOG (self), NULL);
  return self->pages[kind].entries;
}

const char *
ciro_costs_dialog_get_error (CiroCostsDialog *self, CiroCostKind kind)
{
  g_return_val_if_fail (CIRO_IS_COSTS_DIALOG (self), NULL);
  return gtk_label_get_text (self->pages[kind].error);
}
