/* ciro-ask-dialog.c: Ask Ciro, the question entry and its answer card
 *
 * Ctrl+K or the header's button opens it. Typing shows suggestions (the
 * user's recent questions first, then good questions in their language);
 * Enter asks. The answer runs on the report service's worker and comes
 * back as a card: the figure, what was understood, a small chart where
 * one fits (the metric by day, a ranking as bars) and "Open in …", which
 * asks the window (signal "open") to show the page with that range,
 * marketplace and list.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ciro-ask-dialog.h"
#include "widgets/ciro-vat-view.h"
#include "analytics/ciro-ask.h"
#include "analytics/ciro-forecast.h"
#include "analytics/ciro-range.h"
#include "analytics/ciro-report-service.h"
#include "charts/ciro-chart-view.h"
#include "core/ciro-date.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-money.h"

#define RECENT_KEY "ask-recent"
#define MAX_RECENT 8

struct _CiroAskDialog
{
  AdwWindow       parent_instance;

  CiroContext    *context;
  GtkSearchEntry *entry;
  GtkLabel       *suggestions_title;
  GtkListBox     *suggestions;
  GtkStack       *result;
  GtkLabel       *interpretation;
  GtkLabel       *value;
  GtkLabel       *detail;
  GtkWidget      *chart;
  GtkListBox     *rows;
  GtkButton      *open_button;

  CiroAskAnswer  *answer;          /* the card's */
  GPtrArray      *shown;           /* suggestion texts, in order */
};

G_DEFINE_FINAL_TYPE (CiroAskDialog, ciro_ask_dialog, ADW_TYPE_WINDOW)

enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_OPEN, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_suggestions (CiroAskDialog *self, GPtrArray *texts, const char *title)
{
  clear_list (self->suggestions);
  g_ptr_array_set_size (self->shown, 0);
  for (guint i = 0; texts != NULL && i < texts->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *escaped = g_markup_escape_text (texts->pdata[i], -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->suggestions, row);
      g_ptr_array_add (self->shown, g_strdup (texts->pdata[i]));
    }
  gtk_label_set_label (self->suggestions_title, title);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions), self->shown->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->suggestions_title), self->shown->len > 0);
}

static void
update_suggestions (CiroAskDialog *self)
{
  GSettings *settings = ciro_context_get_settings (self->context);
  g_auto(GStrv) recent = g_settings_get_strv (settings, RECENT_KEY);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GPtrArray) found = ciro_ask_complete (typed, (const char * const *) recent, 6);

  show_suggestions (self, found, _("Suggestions"));
}

static void
remember (CiroAskDialog *self, const char *question)
{
  GSettings *settings = ciro_context_get_settings (self->context);
  g_auto(GStrv) recent = g_settings_get_strv (settings, RECENT_KEY);
  g_autoptr(GPtrArray) next = g_ptr_array_new ();

  g_ptr_array_add (next, (gpointer) question);
  for (guint i = 0; recent[i] != NULL && next->len < MAX_RECENT; i++)
    if (g_strcmp0 (recent[i], question) != 0)
      g_ptr_array_add (next, recent[i]);
  g_ptr_array_add (next, NULL);
  g_settings_set_strv (settings, RECENT_KEY, (const char * const *) next->pdata);
}

static const char *
open_label (const CiroAskQuery *q)
{
  switch (q->intent)
    {
    case CIRO_ASK_RANKING:
      /* categories have no page of their own here yet */
      return q->rank_of == CIRO_ASK_RANK_PRODUCTS ? _("Open in Products")
           : q->rank_of == CIRO_ASK_RANK_MARKETPLACES ? _("Open in Analytics") : NULL;
    case CIRO_ASK_STOCK:
      return _("Open in Stock");
    case CIRO_ASK_FORECAST:
      return q->marketplace == NULL ? _("Open in Forecast") : NULL;
    case CIRO_ASK_METRIC:
    case CIRO_ASK_COMPARE:
      return _("Open in Analytics");
    case CIRO_ASK_UNKNOWN:
    default:
      return NULL;
    }
}

/* The metric by day over the period, or the ranking as bars. */
static void
draw_chart (CiroAskDialog *self)
{
  const CiroAskAnswer *a = self->answer;
  const CiroAskQuery *q = a->query;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *values = NULL;
  CiroChart *chart = NULL;
  guint n = 0;

  if ((q->intent == CIRO_ASK_METRIC || q->intent == CIRO_ASK_COMPARE) && a->daily != NULL &&
      a->daily->len > 1 && a->kind != CIRO_VALUE_PERCENT)
    {
      const char *label = NULL;
      n = a->daily->len;
      values = g_new0 (double, n);
      for (guint i = 0; i < n; i++)
        {
          const CiroDailyRow *r = &g_array_index (a->daily, CiroDailyRow, i);
          CiroValueKind kind;
          double v = 0;
          ciro_ask_metric_value (&r->s, q->metric, &v, &kind, &label);
          /* the chart takes money in kuruş */
          values[i] = kind == CIRO_VALUE_MONEY ? v * 100.0 : v;
          g_ptr_array_add (labels, ciro_range_text (r->date, r->date, q->to));
        }
      chart = ciro_chart_new (CIRO_CHART_LINE);
      /* TRANSLATORS: a chart's title, "Net revenue by day" */
      {
        g_autofree char *title = g_strdup_printf (_("%s by day"), label != NULL ? _(label) : q->metric);
        ciro_chart_set_title (chart, title);
        ciro_chart_set_labels (chart, (const char * const *) labels->pdata, n);
        ciro_chart_add_series (chart, label != NULL ? _(label) : q->metric, values, n,
                               a->kind == CIRO_VALUE_MONEY);
      }
    }
  else if (q->intent == CIRO_ASK_FORECAST && a->forecast != NULL && a->forecast->len > 1)
    {
      n = a->forecast->len;
      values = g_new0 (double, n);
      for (guint i = 0; i < n; i++)
        {
          const CiroForecastDay *d = &g_array_index (a->forecast, CiroForecastDay, i);
          values[i] = d->value;   /* kuruş */
          g_ptr_array_add (labels, ciro_range_text (d->date, d->date, q->from));
        }
      chart = ciro_chart_new (CIRO_CHART_LINE);
      ciro_chart_set_title (chart, a->interpretation);
      ciro_chart_set_labels (chart, (const char * const *) labels->pdata, n);
      ciro_chart_add_series (chart, _("Forecast"), values, n, TRUE);
    }
  else if (q->intent == CIRO_ASK_RANKING && a->rows != NULL && a->rows->len > 0)
    {
      gboolean money = FALSE;
      n = MIN (a->rows->len, 10);
      values = g_new0 (double, n);
      for (guint i = 0; i < n; i++)
        {
          const CiroAskRow *r = &g_array_index (a->rows, CiroAskRow, i);
          money = r->kind == CIRO_VALUE_MONEY;
          values[i] = isfinite (r->value) ? (money ? r->value * 100.0 : r->value) : 0;
          g_ptr_array_add (labels, g_strdup (r->label));
        }
      chart = ciro_chart_new (CIRO_CHART_BARS);
      ciro_chart_set_labels (chart, (const char * const *) labels->pdata, n);
      ciro_chart_add_series (chart, gtk_label_get_label (self->interpretation), values, n, money);
      gtk_widget_set_size_request (self->chart, -1, 40 + 26 * (int) n);
    }
  if (chart != NULL && q->intent != CIRO_ASK_RANKING)
    gtk_widget_set_size_request (self->chart, -1, 180);
  gtk_widget_set_visible (self->chart, chart != NULL);
  ciro_chart_view_set_chart (CIRO_CHART_VIEW (self->chart), chart);
}

static void
fill_rows (CiroAskDialog *self)
{
  const CiroAskAnswer *a = self->answer;

  clear_list (self->rows);
  for (guint i = 0; a->rows != NULL && i < a->rows->len && i < 50; i++)
    {
      const CiroAskRow *r = &g_array_index (a->rows, CiroAskRow, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_markup_escape_text (r->label != NULL ? r->label : "", -1);
      g_autofree char *v = ciro_ask_format_value (r->value, r->kind);
      GtkWidget *value = gtk_label_new (v);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (a->query->rank_of == CIRO_ASK_RANK_PRODUCTS && r->key != NULL)
        {
          g_autofree char *sub = g_markup_escape_text (r->key, -1);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
        }
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      gtk_widget_add_css_class (value, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      gtk_list_box_append (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->rows), a->rows != NULL && a->rows->len > 0 &&
                                                   a->query->intent == CIRO_ASK_STOCK);
}

static void
show_answer (CiroAskDialog *self)
{
  const CiroAskAnswer *a = self->answer;
  const CiroAskQuery *q = a->query;
  const char *open = open_label (q);

  gtk_label_set_label (self->interpretation, q->intent == CIRO_ASK_UNKNOWN ? "" : a->interpretation);
  gtk_widget_set_visible (GTK_WIDGET (self->interpretation), q->intent != CIRO_ASK_UNKNOWN);
  gtk_widget_set_visible (GTK_WIDGET (self->value), q->intent != CIRO_ASK_RANKING && q->intent != CIRO_ASK_STOCK);
  if (q->intent == CIRO_ASK_METRIC || q->intent == CIRO_ASK_COMPARE || q->intent == CIRO_ASK_FORECAST)
    {
      g_autofree char *v = a->has_value ? ciro_ask_format_value (a->value, a->kind) : g_strdup ("—");
      gtk_label_set_label (self->value, v);
      /* the figure is the title; the rest (comparison, profit and orders) below */
      gtk_label_set_label (self->detail, g_strcmp0 (a->answer, v) == 0 ? "" : a->answer);
    }
  else if (q->intent == CIRO_ASK_UNKNOWN)
    {
      gtk_label_set_label (self->value, _("Not understood"));
      gtk_label_set_label (self->detail, _("Ciro answers questions about your store. Try one of these:"));
    }
  else
    {
      /* a list: the bars or the rows are the answer; the count in words */
      g_autofree char *n = ciro_count_format (a->rows->len, ciro_number_style_from_locale ());
      gtk_label_set_label (self->value, n);
      gtk_label_set_label (self->detail, q->intent == CIRO_ASK_STOCK || a->rows->len == 0 ? a->answer : "");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->detail), *gtk_label_get_label (self->detail) != '\0');
  draw_chart (self);
  fill_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->open_button), open != NULL);
  if (open != NULL)
    gtk_button_set_label (self->open_button, open);
  if (q->intent == CIRO_ASK_UNKNOWN)
    show_suggestions (self, q->suggestions, _("You could ask"));
  else
    show_suggestions (self, NULL, "");
  gtk_stack_set_visible_child_name (self->result, "answer");
  gtk_widget_set_visible (GTK_WIDGET (self->result), TRUE);
}

typedef struct {
  char    *question;
  CiroDay  today;
  gboolean after_vat;   /* the window's VAT view, read on the main thread */
} AskJob;

static void
ask_job_free (gpointer p)
{
  AskJob *j = p;
  g_free (j->question);
  g_free (j);
}

static gpointer
ask_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  AskJob *j = data;
  return ciro_ask_full (store, j->question, j->today, j->after_vat, error);
}

static void
asked (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroAskDialog) self = data;
  g_autoptr(GError) error = NULL;
  CiroAskAnswer *a = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (a == NULL)
    {
      gtk_label_set_label (self->interpretation, "");
      gtk_label_set_label (self->value, _("Could not answer"));
      gtk_label_set_label (self->detail, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->detail), TRUE);
      gtk_widget_set_visible (self->chart, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->rows), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->open_button), FALSE);
      gtk_stack_set_visible_child_name (self->result, "answer");
      return;
    }
  g_clear_pointer (&self->answer, ciro_ask_answer_free);
  self->answer = a;
  show_answer (self);
}

void
ciro_ask_dialog_ask (CiroAskDialog *self, const char *question)
{
  g_autofree char *text = g_strstrip (g_strdup (question != NULL ? question : ""));
  AskJob *job;

  g_return_if_fail (CIRO_IS_ASK_DIALOG (self));
  if (*text == '\0')
    return;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text) != 0)
    {
      g_signal_handlers_block_matched (self->entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
      gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
      g_signal_handlers_unblock_matched (self->entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
    }
  remember (self, text);
  show_suggestions (self, NULL, "");
  gtk_widget_set_visible (GTK_WIDGET (self->result), TRUE);
  gtk_stack_set_visible_child_name (self->result, "busy");
  job = g_new0 (AskJob, 1);
  job->question = g_steal_pointer (&text);
  job->today = ciro_today ();
  job->after_vat = ciro_vat_view_get (ciro_context_get_settings (self->context));
  ciro_report_service_run_async (ciro_context_get_reports (self->context), self, ask_run, job, ask_job_free,
                                 (GDestroyNotify) ciro_ask_answer_free, NULL, asked, g_object_ref (self));
}

static void
entry_activated (CiroAskDialog *self)
{
  ciro_ask_dialog_ask (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

/* while typing, the suggestions take the answer's place */
static void
entry_changed (CiroAskDialog *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  update_suggestions (self);
  gtk_widget_set_visible (GTK_WIDGET (self->result), *typed == '\0' || self->shown->len == 0);
  if (*typed == '\0')
    gtk_stack_set_visible_child_name (self->result, "empty");
}

static void
entry_stopped (CiroAskDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
suggestion_activated (CiroAskDialog *self, GtkListBoxRow *row)
{
  int i = gtk_list_box_row_get_index (row);

  if (i >= 0 && (guint) i < self->shown->len)
    {
      g_autofree char *text = g_strdup (self->shown->pdata[i]);
      ciro_ask_dialog_ask (self, text);
    }
}

gboolean
ciro_ask_dialog_open_page (CiroAskDialog *self)
{
  const CiroAskQuery *q;
  g_autofree char *range = NULL;
  const char *page, *detail = "";

  g_return_val_if_fail (CIRO_IS_ASK_DIALOG (self), FALSE);
  if (self->answer == NULL || open_label (self->answer->query) == NULL)
    return FALSE;
  q = self->answer->query;
  {
    /* a preset where the days are one ("this month"), so the page's menu
     * names it; else the days themselves */
    CiroRangePreset preset = ciro_range_preset_of (q->from, q->to, ciro_today ());
    range = preset != CIRO_RANGE_CUSTOM ? g_strdup (ciro_range_preset_id (preset))
                                        : ciro_range_custom_to_id (q->from, q->to);
  }
  switch (q->intent)
    {
    case CIRO_ASK_STOCK:
      page = "stock";
      detail = q->metric;
      break;
    case CIRO_ASK_FORECAST:
      page = "forecast";
      break;
    case CIRO_ASK_RANKING:
      page = q->rank_of == CIRO_ASK_RANK_PRODUCTS ? "products" : "analytics";
      detail = q->sort != NULL && g_str_equal (q->sort, "worst") ? "worst" : "best";
      break;
    case CIRO_ASK_METRIC:
    case CIRO_ASK_COMPARE:
    case CIRO_ASK_UNKNOWN:
    default:
      page = "analytics";
      break;
    }
  g_signal_emit (self, signals[SIGNAL_OPEN], 0, page, range, q->marketplace != NULL ? q->marketplace : "",
                 detail, q->limit);
  return TRUE;
}

static void
open_clicked (CiroAskDialog *self)
{
  if (ciro_ask_dialog_open_page (self))
    gtk_window_close (GTK_WINDOW (self));
}

const char *
ciro_ask_dialog_get_state (CiroAskDialog *self)
{
  return gtk_stack_get_visible_child_name (self->result);
}

const char *
ciro_ask_dialog_get_value (CiroAskDialog *self)
{
  return gtk_label_get_label (self->value);
}

const char *
ciro_ask_dialog_get_interpretation (CiroAskDialog *self)
{
  return gtk_label_get_label (self->interpretation);
}

guint
ciro_ask_dialog_get_n_rows (CiroAskDialog *self)
{
  return self->answer != NULL && self->answer->rows != NULL ? self->answer->rows->len : 0;
}

GPtrArray *
ciro_ask_dialog_get_suggestions (CiroAskDialog *self)
{
  return self->shown;
}

static void
ciro_ask_dialog_constructed (GObject *object)
{
  CiroAskDialog *self = CIRO_ASK_DIALOG (object);

  G_OBJECT_CLASS (ciro_ask_dialog_parent_class)->constructed (object);
  update_suggestions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
ciro_ask_dialog_dispose (GObject *object)
{
  CiroAskDialog *self = CIRO_ASK_DIALOG (object);

  if (self->context != NULL)
    ciro_report_service_cancel (ciro_context_get_reports (self->context), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CIRO_TYPE_ASK_DIALOG);
  G_OBJECT_CLASS (ciro_ask_dialog_parent_class)->dispose (object);
}

static void
ciro_ask_dialog_finalize (GObject *object)
{
  CiroAskDialog *self = CIRO_ASK_DIALOG (object);

  g_clear_pointer (&self->answer, ciro_ask_answer_free);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (ciro_ask_dialog_parent_class)->finalize (object);
}

static void
ciro_ask_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CiroAskDialog *self = CIRO_ASK_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_ask_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CiroAskDialog *self = CIRO_ASK_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_ask_dialog_class_init (CiroAskDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ciro_ask_dialog_constructed;
  object_class->dispose = ciro_ask_dialog_dispose;
  object_class->finalize = ciro_ask_dialog_finalize;
  object_class->set_property = ciro_ask_dialog_set_property;
  object_class->get_property = ciro_ask_dialog_get_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* page name, range id, marketplace ("" = all), list ("best", "worst",
   * a stock list or ""), limit (0: the page's own) */
  signals[SIGNAL_OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 5, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING,
                                       G_TYPE_STRING, G_TYPE_UINT);

  g_type_ensure (CIRO_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ciroapp/Ciro/ui/ciro-ask-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CiroAskDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, CiroAskDialog, suggestions_title);
  gtk_widget_class_bind_template_child (widget_class, CiroAskDialog, suggestions);
  gtk_widget_class_bind_template_child (widget_class, CiroAskDialog, result);
  gtk_widget_class_bind_template_child (widget_class, CiroAskDialog, interpretation);
  gtk_widget_class_bind_template_child (widget_class, CiroAskDialog, value);
  gtk_widget_class_bind_template_child (widget_class, CiroAskDialog, detail);
  gtk_widget_class_bind_template_child (widget_class, CiroAskDialog, chart);
  gtk_widget_class_bind_template_child (widget_class, CiroAskDialog, rows);
  gtk_widget_class_bind_template_child (widget_class, CiroAskDialog, open_button);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, entry_stopped);
  gtk_widget_class_bind_template_callback (widget_class, suggestion_activated);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ciro_ask_dialog_init (CiroAskDialog *self)
{
  self->shown = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

CiroAskDialog *
ciro_ask_dialog_new (GtkWindow *parent, CiroContext *context)
{
  return g_object_new (CIRO_TYPE_ASK_DIALOG, "transient-for", parent, "context", context, NULL);
}
