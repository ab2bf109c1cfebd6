/* ciro-export-dialog.c: the Export dialog
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "analytics/ciro-range.h"
#include "analytics/ciro-report-service.h"
#include "core/ciro-date.h"
#include "widgets/ciro-marketplace-name.h"
#include "ciro-context.h"
#include "ciro-export-dialog.h"

static const char *kind_notes[] = {
  N_("One row per order line, and a sheet of daily totals"),
  N_("Every product with revenue, cost, commission, profit, margin and stock"),
  N_("Revenue, costs and profit, a column per month"),
  N_("Each marketplace’s revenue, commission, shipping, profit and share"),
  N_("Customers with their orders and spend, for invoicing"),
  N_("Low stock, running out, slow and dead stock, with stock value at cost and last sale"),
  N_("Each category’s revenue, cost, commission, profit, returns and share, against the previous period"),
  N_("Each customer’s recency, frequency and spend, RFM scores, segment, loyalty, VIP, churn risk and lifetime value"),
  N_("Customers by the month of their first order: the share that ordered in each later month and the revenue per "
     "customer so far"),
  N_("Each carrier’s orders, shipping income and expense, days to ship and to deliver, returns and late parcels; "
     "the late orders and the recommendations"),
};
G_STATIC_ASSERT (G_N_ELEMENTS (kind_notes) == CIRO_EXPORT_CARRIERS + 1);
static const char *format_notes[CIRO_EXPORT_FORMAT_N] = {
  N_("Opens in Excel and accounting software, with numbers written as in your language"),
  N_("A workbook with real numbers, totals and filters"),
  N_("A4 pages to read or print, with the figures and charts"),
};
static const char *format_ext[CIRO_EXPORT_FORMAT_N] = { "csv", "xlsx", "pdf" };

struct _CiroExportDialog
{
  AdwWindow       parent_instance;

  CiroContext    *context;
  CiroDay         from, to;
  char           *marketplace;
  GCancellable   *cancellable;
  char           *path;           /* the file the export under way writes */
  GtkFileChooserNative *chooser;
  guint           pulse_id;

  /* template */
  AdwPreferencesGroup *group;
  AdwComboRow    *kind_row;
  AdwComboRow    *format_row;
  AdwActionRow   *from_row;
  AdwActionRow   *to_row;
  GtkMenuButton  *from_button;
  GtkMenuButton  *to_button;
  GtkCalendar    *from_calendar;
  GtkCalendar    *to_calendar;
  gboolean        names_loaded;
  gboolean        updating;
  AdwComboRow    *mp_row;
  GtkStringList  *mp_names;
  GtkWidget      *cancel_button;
  GtkWidget      *progress_box;
  GtkProgressBar *progress;
};

G_DEFINE_FINAL_TYPE (CiroExportDialog, ciro_export_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
ciro_export_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    CIRO_EXPORT_DIALOG (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_export_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, CIRO_EXPORT_DIALOG (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

/* ---------------------------------------------------------- running */

typedef struct {
  char            *path;
  CiroExportKind   kind;
  CiroExportFormat format;
  CiroReportFilter filter;
  GCancellable    *stop;
} Job;

static void
job_free (gpointer p)
{
  Job *j = p;
  g_free (j->path);
  ciro_report_filter_clear (&j->filter);
  g_clear_object (&j->stop);
  g_free (j);
}

/* On one of the report service's workers, with its connection. The
 * dialog's Stop is the export's own: a Stop that comes after the file is
 * written does not hide that it was. */
static gpointer
export_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *job = data;

  if (!ciro_export_write (store, job->kind, job->format, &job->filter, job->path, job->stop, error))
    return NULL;
  return g_strdup (job->path);
}

static void
set_running (CiroExportDialog *self, gboolean running)
{
  gtk_widget_set_visible (self->progress_box, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export", !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_row), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mp_row), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->from_row), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->to_row), !running);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), running ? _("_Stop") : _("_Cancel"));
  if (!running)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static gboolean
pulse (gpointer data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (data));
  return G_SOURCE_CONTINUE;
}

static void
exported (GObject *source, GAsyncResult *result, gpointer data)
{
  CiroExportDialog *self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);
  g_autofree char *wanted = g_steal_pointer (&self->path);

  set_running (self, FALSE);
  g_clear_object (&self->cancellable);
  g_signal_emit (self, signals[SIGNAL_DONE], 0, error, path ? path : wanted);
  if (error == NULL)
    gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
}

void
ciro_export_dialog_export_to (CiroExportDialog *self, const char *path)
{
  Job *job;

  g_return_if_fail (CIRO_IS_EXPORT_DIALOG (self));
  g_return_if_fail (self->cancellable == NULL);

  job = g_new0 (Job, 1);
  job->path = g_strdup (path);
  job->kind = (CiroExportKind) adw_combo_row_get_selected (self->kind_row);
  job->format = (CiroExportFormat) adw_combo_row_get_selected (self->format_row);
  job->filter.from = job->kind == CIRO_EXPORT_STOCK ? self->to : self->from;
  job->filter.to = self->to;
  /* the page's marketplace even before the list of names has arrived */
  job->filter.marketplace = job->kind == CIRO_EXPORT_STOCK ? NULL : g_strdup (self->marketplace);

  self->cancellable = g_cancellable_new ();
  job->stop = g_object_ref (self->cancellable);
  g_free (self->path);
  self->path = g_strdup (path);
  set_running (self, TRUE);
  self->pulse_id = g_timeout_add (100, pulse, self->progress);
  ciro_report_service_run_async (ciro_context_get_reports (self->context), self, export_run, job, job_free,
                                 g_free, NULL, exported, g_object_ref (self));
}

static void
chooser_response (GtkNativeDialog *chooser, int response, CiroExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      if (path != NULL)
        ciro_export_dialog_export_to (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget *widget, const char *action, GVariant *param)
{
  CiroExportDialog *self = CIRO_EXPORT_DIALOG (widget);
  g_autofree char *name = ciro_export_dialog_get_file_name (self);

  self->chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
ciro_export_dialog_cancel (CiroExportDialog *self)
{
  g_return_if_fail (CIRO_IS_EXPORT_DIALOG (self));
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

gboolean
ciro_export_dialog_is_running (CiroExportDialog *self)
{
  g_return_val_if_fail (CIRO_IS_EXPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

void
ciro_export_dialog_choose (CiroExportDialog *self, CiroExportKind kind, CiroExportFormat format)
{
  g_return_if_fail (CIRO_IS_EXPORT_DIALOG (self));
  adw_combo_row_set_selected (self->kind_row, kind);
  adw_combo_row_set_selected (self->format_row, format);
}

/* ---------------------------------------------------------- building */

static gpointer
names_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return ciro_store_list_marketplaces (store, error);
}

static void
names_read (GObject *source, GAsyncResult *result, gpointer data)
{
  CiroExportDialog *self = data;
  g_autoptr(GPtrArray) list = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, NULL);

  if (self->mp_names == NULL)
    {
      g_object_unref (self);          /* the dialog is gone */
      return;
    }
  self->updating = TRUE;
  for (guint i = 0; list && i < list->len; i++)
    {
      const char *name = ((CiroMarketplaceSettings *) list->pdata[i])->name;
      gtk_string_list_append (self->mp_names, name);
      if (g_strcmp0 (name, self->marketplace) == 0)
        adw_combo_row_set_selected (self->mp_row, i + 1);
    }
  self->updating = FALSE;
  self->names_loaded = TRUE;
  g_object_unref (self);
}

static void
update_notes (CiroExportDialog *self)
{
  guint k = adw_combo_row_get_selected (self->kind_row);
  guint f = adw_combo_row_get_selected (self->format_row);

  if (self->group != NULL && k < G_N_ELEMENTS (kind_notes) && f < CIRO_EXPORT_FORMAT_N)
    {
      g_autofree char *notes = g_strdup_printf ("%s\n%s", _(kind_notes[k]), _(format_notes[f]));
      adw_preferences_group_set_description (self->group, notes);
    }
  /* the stock lists are as of one day, over every marketplace */
  if (self->from_row != NULL)
    {
      gboolean stock = k == CIRO_EXPORT_STOCK;
      gtk_widget_set_visible (GTK_WIDGET (self->from_row), !stock);
      gtk_widget_set_visible (GTK_WIDGET (self->mp_row), !stock);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->to_row), stock ? _("As of") : _("To"));
    }
}

static void
mp_selected (CiroExportDialog *self)
{
  guint mp = adw_combo_row_get_selected (self->mp_row);

  /* the page's choice stands until the names are there to choose from */
  if (self->updating || !self->names_loaded)
    return;
  g_free (self->marketplace);
  self->marketplace = mp > 0 && mp != GTK_INVALID_LIST_POSITION
    ? g_strdup (gtk_string_list_get_string (self->mp_names, mp)) : NULL;
}

/* ---------------------------------------------------------- the days */

static char *
day_label (CiroDay day)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  ciro_day_to_ymd (day, &y, &m, &d);
  dt = g_date_time_new_utc (y, m, d, 12, 0, 0);
  /* TRANSLATORS: strftime format of a day on the Export dialog's buttons */
  return g_date_time_format (dt, _("%-d %b %Y"));
}

static void
show_days (CiroExportDialog *self)
{
  g_autofree char *a = day_label (self->from);
  g_autofree char *b = day_label (self->to);
  int y, m, d;

  gtk_menu_button_set_label (self->from_button, a);
  gtk_menu_button_set_label (self->to_button, b);
  self->updating = TRUE;
  ciro_day_to_ymd (self->from, &y, &m, &d);
  g_object_set (self->from_calendar, "year", y, "month", m - 1, "day", d, NULL);
  ciro_day_to_ymd (self->to, &y, &m, &d);
  g_object_set (self->to_calendar, "year", y, "month", m - 1, "day", d, NULL);
  self->updating = FALSE;
}

void
ciro_export_dialog_set_range (CiroExportDialog *self, CiroDay from, CiroDay to)
{
  g_return_if_fail (CIRO_IS_EXPORT_DIALOG (self));
  self->from = MIN (from, to);
  self->to = MAX (from, to);
  show_days (self);
}

static void
day_picked (GtkCalendar *calendar, CiroExportDialog *self)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);
  CiroDay day = ciro_day_from_ymd (g_date_time_get_year (dt), g_date_time_get_month (dt),
                                   g_date_time_get_day_of_month (dt));

  if (self->updating)
    return;
  /* a first day after the last moves the last, and the other way round */
  if (calendar == self->from_calendar)
    {
      self->from = day;
      self->to = MAX (self->to, day);
      gtk_menu_button_popdown (self->from_button);
    }
  else
    {
      self->to = day;
      self->from = MIN (self->from, day);
      gtk_menu_button_popdown (self->to_button);
    }
  show_days (self);
}

static GtkMenuButton *
add_day_button (CiroExportDialog *self, AdwActionRow *row, GtkCalendar **calendar)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();

  *calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect (*calendar, "day-selected", G_CALLBACK (day_picked), self);
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (*calendar));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_always_show_arrow (GTK_MENU_BUTTON (button), TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  adw_action_row_add_suffix (row, button);
  adw_action_row_set_activatable_widget (row, button);
  return GTK_MENU_BUTTON (button);
}

static void
ciro_export_dialog_dispose (GObject *object)
{
  CiroExportDialog *self = CIRO_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->chooser);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (ciro_export_dialog_parent_class)->dispose (object);
}

static void
ciro_export_dialog_finalize (GObject *object)
{
  CiroExportDialog *self = CIRO_EXPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_free (self->marketplace);
  g_free (self->path);
  G_OBJECT_CLASS (ciro_export_dialog_parent_class)->finalize (object);
}

static void
cancel_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ciro_export_dialog_cancel (CIRO_EXPORT_DIALOG (widget));
}

static void
ciro_export_dialog_class_init (CiroExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ciro_export_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = ciro_export_dialog_finalize;
  G_OBJECT_CLASS (klass)->set_property = ciro_export_dialog_set_property;
  G_OBJECT_CLASS (klass)->get_property = ciro_export_dialog_get_property;
  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ciroapp/Ciro/ui/ciro-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CiroExportDialog, group);
  gtk_widget_class_bind_template_child (widget_class, CiroExportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CiroExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, CiroExportDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, CiroExportDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, CiroExportDialog, mp_row);
  gtk_widget_class_bind_template_child (widget_class, CiroExportDialog, mp_names);
  gtk_widget_class_bind_template_child (widget_class, CiroExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CiroExportDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, CiroExportDialog, progress);
  gtk_widget_class_bind_template_callback (widget_class, update_notes);
  gtk_widget_class_bind_template_callback (widget_class, mp_selected);
  gtk_widget_class_install_action (widget_class, "export.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);

  /* the export ended: (GError * or NULL, the file's path) */
  signals[SIGNAL_DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_ERROR, G_TYPE_STRING);
}

static void
ciro_export_dialog_init (CiroExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->from_button = add_day_button (self, self->from_row, &self->from_calendar);
  self->to_button = add_day_button (self, self->to_row, &self->to_calendar);
  adw_combo_row_set_expression (self->mp_row, ciro_marketplace_name_expression ());
  update_notes (self);
}

CiroExportDialog *
ciro_export_dialog_new (GtkWindow *parent, CiroContext *context, CiroExportKind kind,
                        CiroDay from, CiroDay to, const char *marketplace)
{
  CiroExportDialog *self;

  g_return_val_if_fail (CIRO_IS_CONTEXT (context), NULL);
  self = g_object_new (CIRO_TYPE_EXPORT_DIALOG, "transient-for", parent, "context", context, NULL);
  /* no wider than the window it opens over: at a phone's 360 px the
   * template's 540 would stick out of it */
  if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    {
      int w = 0, h = 0;
      gtk_window_get_default_size (GTK_WINDOW (self), &w, &h);
      if (w > gtk_widget_get_width (GTK_WIDGET (parent)))
        gtk_window_set_default_size (GTK_WINDOW (self), gtk_widget_get_width (GTK_WIDGET (parent)), h);
    }
  self->from = from;
  self->to = to;
  self->marketplace = marketplace != NULL && *marketplace != '\0' ? g_strdup (marketplace) : NULL;
  adw_combo_row_set_selected (self->kind_row, kind);
  ciro_export_dialog_set_range (self, from, to);

  /* the names are their own request: the export must not replace it */
  ciro_report_service_run_async (ciro_context_get_reports (context), self->mp_names, names_run, NULL, NULL,
                                 (GDestroyNotify) g_ptr_array_unref, NULL, names_read, g_object_ref (self));
  return self;
}

void
ciro_export_dialog_get_range (CiroExportDialog *self, CiroDay *from, CiroDay *to)
{
  g_return_if_fail (CIRO_IS_EXPORT_DIALOG (self));
  *from = self->from;
  *to = self->to;
}

const char *
ciro_export_dialog_get_marketplace (CiroExportDialog *self)
{
  g_return_val_if_fail (CIRO_IS_EXPORT_DIALOG (self), NULL);
  return self->marketplace;
}

CiroExportKind
ciro_export_dialog_get_kind (CiroExportDialog *self)
{
  g_return_val_if_fail (CIRO_IS_EXPORT_DIALOG (self), CIRO_EXPORT_SALES);
  return (CiroExportKind) adw_combo_row_get_selected (self->kind_row);
}

char *
ciro_export_dialog_get_file_name (CiroExportDialog *self)
{
  guint kind = adw_combo_row_get_selected (self->kind_row);
  guint format = adw_combo_row_get_selected (self->format_row);
  CiroReportFilter f = { self->from, self->to, self->marketplace };

  g_return_val_if_fail (CIRO_IS_EXPORT_DIALOG (self), NULL);
  return ciro_export_default_name ((CiroExportKind) kind, &f, format_ext[MIN (format, CIRO_EXPORT_FORMAT_N - 1)]);
}
