/* ciro-product-dialog.c: one product up close
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "analytics/ciro-baskets.h"
#include "analytics/ciro-report-service.h"
#include "charts/ciro-chart-view.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "widgets/ciro-figure-row.h"
#include "widgets/ciro-vat-view.h"
#include "ciro-product-dialog.h"

static const char *rule_names[CIRO_MATCH_N_RULES] = {
  N_("No product found (cost unknown)"),
  N_("Variant SKU"),
  N_("Product SKU"),
  N_("Barcode"),
  N_("Your mapping"),
  N_("SKU written differently"),
  N_("Base SKU (without colour or size)"),
};

struct _CiroProductDialog
{
  AdwWindow        parent_instance;

  CiroContext     *context;
  gint64           key;
  CiroReportFilter filter;
  GCancellable    *cancellable;
  GHashTable      *values;        /* "group\x1ftitle" → CiroFigureRow */
  int              together_owner; /* the report service's owner of the bought-together run */
  CiroProductRow   row;           /* its figures in the window (no strings) */
  GPtrArray       *profit_rows;   /* the rows of profit_group */

  /* template */
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  GtkWidget       *revenue_chart;
  GtkWidget       *units_chart;
  GtkWidget       *profit_group;
  GtkWidget       *stock_group;
  GtkWidget       *rules_group;
  GtkWidget       *together_group;
  GtkWidget       *returns_group;
};

G_DEFINE_FINAL_TYPE (CiroProductDialog, ciro_product_dialog, ADW_TYPE_WINDOW)


enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
ciro_product_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    CIRO_PRODUCT_DIALOG (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_product_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, CIRO_PRODUCT_DIALOG (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

enum { SIGNAL_LOADED, SIGNAL_TOGETHER_LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

static GtkWidget *
add_row (CiroProductDialog *self, GtkWidget *group, const char *gkey, const char *title, const char *subtitle,
         const char *value)
{
  GtkWidget *row = ciro_figure_row_new (title, subtitle, value, NULL);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_hash_table_insert (self->values, g_strdup_printf ("%s\x1f%s", gkey, title), row);
  return row;
}

/* The product's profit in the window, after VAT settlement or before it
 * as the setting says; shown again when it changes. */
static void
fill_profit (CiroProductDialog *self)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  const CiroProductRow *r = &self->row;
  gboolean after = ciro_vat_view_get (ciro_context_get_settings (self->context));
  g_autofree char *revenue = ciro_money_format (r->revenue, style);
  g_autofree char *cost = r->cost_known ? ciro_money_format (after ? r->cost_ex_vat : r->cost, style) : g_strdup ("—");
  g_autofree char *commission = ciro_money_format (r->commission, style);
  g_autofree char *profit = r->cost_known ? ciro_money_format (after ? r->profit_ex_vat : r->profit, style)
                                          : g_strdup ("—");
  g_autofree char *margin = r->has_margin ? ciro_percent_format (after ? r->margin_ex_vat_pct : r->margin_pct, 1, style)
                                          : g_strdup ("—");
  g_autofree char *output_vat = ciro_money_format (r->output_vat, style);

  for (guint i = 0; i < self->profit_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->profit_group), self->profit_rows->pdata[i]);
  g_ptr_array_set_size (self->profit_rows, 0);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->profit_group), ciro_vat_view_text (after));

#define PROFIT_ROW(title, value) \
  G_STMT_START { \
    g_ptr_array_add (self->profit_rows, add_row (self, self->profit_group, "profit", (title), NULL, (value))); \
  } G_STMT_END
  /* the hash holds the rows by group and title; the old view's go */
  {
    GHashTableIter iter;
    const char *key;
    g_hash_table_iter_init (&iter, self->values);
    while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
      if (g_str_has_prefix (key, "profit\x1f"))
        g_hash_table_iter_remove (&iter);
  }
  PROFIT_ROW (_("Revenue"), revenue);
  if (after)
    PROFIT_ROW (_("Output VAT"), output_vat);
  PROFIT_ROW (after ? _("Product cost excl. VAT") : _("Cost"), cost);
  PROFIT_ROW (_("Commission"), commission);
  PROFIT_ROW (after ? _("Profit after VAT") : _("Profit"), profit);
  PROFIT_ROW (after ? _("Margin after VAT") : _("Margin"), margin);
  if (after)
    {
      g_autofree char *roi = r->has_roi && r->cost_known ? ciro_percent_format (r->roi_pct, 1, style) : g_strdup ("—");
      PROFIT_ROW (_("Return on cost"), roi);
    }
#undef PROFIT_ROW
}

static char *
day_text (CiroDay day)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  ciro_day_to_ymd (day, &y, &m, &d);
  dt = g_date_time_new_local (y, m, d, 12, 0, 0);
  return g_date_time_format (dt, _("%-d %b %Y"));
}

static void
show (CiroProductDialog *self, CiroProductDetail *d)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *rev = g_new0 (double, MAX (d->days->len, 1));
  g_autofree double *units = g_new0 (double, MAX (d->days->len, 1));
  CiroChart *chart;

  for (guint i = 0; i < d->days->len; i++)
    {
      CiroProductDay *day = &g_array_index (d->days, CiroProductDay, i);
      int y, m, dd;
      g_autoptr(GDateTime) dt = NULL;
      ciro_day_to_ymd (day->date, &y, &m, &dd);
      dt = g_date_time_new_local (y, m, dd, 12, 0, 0);
      g_ptr_array_add (labels, g_date_time_format (dt, _("%-d %b")));
      rev[i] = (double) day->revenue;
      units[i] = (double) day->units;
    }
  chart = ciro_chart_new (CIRO_CHART_LINE);
  ciro_chart_set_title (chart, _("Revenue by day"));
  ciro_chart_set_labels (chart, (const char * const *) labels->pdata, d->days->len);
  ciro_chart_add_series (chart, _("Revenue"), rev, d->days->len, TRUE);
  ciro_chart_view_set_chart (CIRO_CHART_VIEW (self->revenue_chart), chart);
  chart = ciro_chart_new (CIRO_CHART_LINE);
  ciro_chart_set_title (chart, _("Units by day"));
  ciro_chart_set_labels (chart, (const char * const *) labels->pdata, d->days->len);
  ciro_chart_add_series (chart, _("Units"), units, d->days->len, FALSE);
  ciro_chart_view_set_chart (CIRO_CHART_VIEW (self->units_chart), chart);

  for (guint i = 0; i < d->stocks->len; i++)
    {
      CiroProductStock *s = &g_array_index (d->stocks, CiroProductStock, i);
      g_autofree char *title = g_strdup_printf ("%s · %s", s->sku, s->warehouse);
      g_autofree char *v = ciro_count_format (s->stock, style);
      add_row (self, self->stock_group, "stock", title, s->label, v);
    }
  if (d->stocks->len == 0)
    add_row (self, self->stock_group, "stock", _("No stock recorded"), NULL, "");

  for (guint i = 0; i < CIRO_MATCH_N_RULES; i++)
    if (d->rules[i] > 0)
      {
        g_autofree char *v = ciro_count_format (d->rules[i], style);
        add_row (self, self->rules_group, "rules", _(rule_names[i]), NULL, v);
      }

  for (guint i = 0; i < d->returns->len; i++)
    {
      CiroProductReturn *r = &g_array_index (d->returns, CiroProductReturn, i);
      g_autofree char *when = day_text (r->date);
      g_autofree char *title = g_strdup_printf ("%s · %s", when, r->marketplace);
      g_autofree char *amount = ciro_money_format (r->amount, style);
      g_autofree char *n = ciro_count_format (r->units, style);
      g_autofree char *sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s unit", "%s · %s units",
                                                           (gulong) r->units), r->order_code ? r->order_code : "", n);
      add_row (self, self->returns_group, "returns", title, sub, amount);
    }
  if (d->returns->len == 0)
    add_row (self, self->returns_group, "returns", _("No returns in these days"), NULL, "");
  gtk_stack_set_visible_child_name (self->stack, "data");
}

static void
loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroProductDialog) self = data;
  g_autoptr(GError) error = NULL;
  CiroProductDetail *d = ciro_report_service_product_detail_finish (CIRO_REPORT_SERVICE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;                           /* the dialog is gone */
  if (d == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    {
      show (self, d);
      ciro_product_detail_clear (d);
      g_free (d);
    }
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

/* ---------------------------------------------------------- bought together */

typedef struct {
  CiroReportFilter filter;
  gint64           product;
  guint            min_count;
} TogetherJob;

static void
together_job_free (gpointer data)
{
  TogetherJob *j = data;
  ciro_report_filter_clear (&j->filter);
  g_free (j);
}

static gpointer
together_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  TogetherJob *j = data;
  CiroBasketOptions o = { j->min_count, 2, j->product };

  return ciro_report_baskets (store, &j->filter, &o, error);
}

static void
together_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroProductDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroBaskets) b = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autoptr(GArray) partners = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (b == NULL)
    {
      add_row (self, self->together_group, "together", error->message, NULL, "");
      g_signal_emit (self, signals[SIGNAL_TOGETHER_LOADED], 0);
      return;
    }
  partners = ciro_baskets_together (b, self->key, 10);
  for (guint i = 0; i < partners->len; i++)
    {
      const CiroBasketSet *s = &g_array_index (partners, CiroBasketSet, i);
      gint64 other = s->items[0] == self->key ? s->items[1] : s->items[0];
      const CiroBasketProduct *p = ciro_baskets_product (b, other);
      g_autofree char *n = ciro_count_format (s->count, style);
      g_autofree char *lift = ciro_number_format (s->lift, 2, style);
      g_autofree char *share = ciro_percent_format (ciro_basket_set_confidence_from (s, self->key) * 100.0, 1, style);
      /* TRANSLATORS: the other product's SKU, the orders holding both, the lift */
      g_autofree char *sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · together in %s order · lift %s",
                                                           "%s · together in %s orders · lift %s", (gulong) s->count),
                                              p->sku, n, lift);
      add_row (self, self->together_group, "together", p->name, sub, share);
    }
  if (partners->len == 0)
    {
      g_autofree char *m = ciro_count_format (b->min_count, style);
      g_autofree char *sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "No other product shares %s order or more with it in these days",
                                                           "No other product shares %s orders or more with it in these days",
                                                           (gulong) b->min_count), m);
      add_row (self, self->together_group, "together", _("Bought alone"), sub, "");
    }
  g_signal_emit (self, signals[SIGNAL_TOGETHER_LOADED], 0);
}

char *
ciro_product_dialog_get_value (CiroProductDialog *self, const char *group, const char *title)
{
  g_autofree char *key = g_strdup_printf ("%s\x1f%s", group, title);
  CiroFigureRow *row;

  g_return_val_if_fail (CIRO_IS_PRODUCT_DIALOG (self), NULL);
  row = g_hash_table_lookup (self->values, key);
  return row ? g_strdup (ciro_figure_row_get_value (row)) : NULL;
}

static void
ciro_product_dialog_dispose (GObject *object)
{
  CiroProductDialog *self = CIRO_PRODUCT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->profit_rows, g_ptr_array_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (ciro_product_dialog_parent_class)->dispose (object);
}

static void
ciro_product_dialog_finalize (GObject *object)
{
  CiroProductDialog *self = CIRO_PRODUCT_DIALOG (object);

  ciro_report_filter_clear (&self->filter);
  G_OBJECT_CLASS (ciro_product_dialog_parent_class)->finalize (object);
}

static void
ciro_product_dialog_class_init (CiroProductDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ciro_product_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = ciro_product_dialog_finalize;
  G_OBJECT_CLASS (klass)->set_property = ciro_product_dialog_set_property;
  G_OBJECT_CLASS (klass)->get_property = ciro_product_dialog_get_property;
  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_TOGETHER_LOADED] = g_signal_new ("together-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CIRO_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ciroapp/Ciro/ui/ciro-product-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CiroProductDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CiroProductDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, CiroProductDialog, revenue_chart);
  gtk_widget_class_bind_template_child (widget_class, CiroProductDialog, units_chart);
  gtk_widget_class_bind_template_child (widget_class, CiroProductDialog, profit_group);
  gtk_widget_class_bind_template_child (widget_class, CiroProductDialog, stock_group);
  gtk_widget_class_bind_template_child (widget_class, CiroProductDialog, rules_group);
  gtk_widget_class_bind_template_child (widget_class, CiroProductDialog, returns_group);
  gtk_widget_class_bind_template_child (widget_class, CiroProductDialog, together_group);
}

static void
ciro_product_dialog_init (CiroProductDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->profit_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ciro_product_dialog_new (GtkWindow *parent, CiroContext *context, const CiroProductRow *row,
                         const CiroReportFilter *filter)
{
  CiroProductDialog *self = g_object_new (CIRO_TYPE_PRODUCT_DIALOG, "transient-for", parent,
                                          "context", context, NULL);

  self->key = row->product_key;
  self->row = *row;
  self->row.sku = self->row.name = self->row.brand = self->row.category = NULL;
  self->row.strings = NULL;
  fill_profit (self);
  ciro_vat_view_connect (ciro_context_get_settings (context), G_CALLBACK (fill_profit), self);
  gtk_window_set_title (GTK_WINDOW (self), row->name ? row->name : row->sku);
  ciro_report_service_product_detail_async (ciro_context_get_reports (context), self, row->product_key, filter,
                                            self->cancellable, loaded, g_object_ref (self));
  if (row->product_key > 0)
    {
      TogetherJob *j = g_new0 (TogetherJob, 1);

      j->filter.from = filter->from;
      j->filter.to = filter->to;
      j->filter.marketplace = g_strdup (filter->marketplace);
      j->product = row->product_key;
      j->min_count = g_settings_get_uint (ciro_context_get_settings (context), "basket-min-count");
      ciro_report_service_run_async (ciro_context_get_reports (context), &self->together_owner, together_run, j,
                                     together_job_free, (GDestroyNotify) ciro_baskets_free, self->cancellable,
                                     together_loaded, g_object_ref (self));
    }
  else
    gtk_widget_set_visible (self->together_group, FALSE);
  return GTK_WIDGET (self);
}
