/* ciro-cli-customers.c: `report customers|rfm|cohorts|clv` (insights.md §4)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "analytics/ciro-customers.h"
#include "core/ciro-customer.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "store/ciro-settings.h"
#include "ciro-cli-private.h"

static int
by_spend (gconstpointer a, gconstpointer b, gpointer data)
{
  const CiroCustomer *x = *(CiroCustomer *const *) a, *y = *(CiroCustomer *const *) b;
  gboolean window = GPOINTER_TO_INT (data);
  CiroKurus vx = window ? x->monetary : x->spend, vy = window ? y->monetary : y->spend;
  if (vx != vy)
    return vx < vy ? 1 : -1;
  return g_strcmp0 (x->key, y->key);
}

static CliValue
text_value (char *owned)
{
  return owned != NULL ? (CliValue) { CLI_TEXT, 0, 0, owned } : (CliValue) { CLI_NULL, 0, 0, NULL };
}

static void
print_title (const CiroReportFilter *f, const char *what)
{
  char a[11], b[11];
  printf ("%s — %s … %s%s%s\n\n", what, ciro_day_format (f->from, a), ciro_day_format (f->to, b),
          f->marketplace ? ", " : "", f->marketplace ? f->marketplace : "");
}

/* `report rfm` (window customers) and `report customers` (everyone up to --to) */
static int
report_list (CiroStore *store, const CiroReportFilter *f, gboolean rfm, gint64 limit, CliFormat format,
             GError **error)
{
  static const char *rfm_keys[] = {
    "customer", "name", "recency_days", "frequency", "monetary", "r", "f", "m", "segment", "loyalty", "vip",
    "churn_risk", "clv_historical", "clv_12m", "clv_historical_ex_vat", "clv_12m_ex_vat",
  };
  static const char *rfm_labels[] = {
    N_("Customer"), N_("Name"), N_("Recency (days)"), N_("Orders"), N_("Net spend"), "R", "F", "M",
    N_("Segment"), N_("Loyalty"), N_("VIP"), N_("Churn risk"), N_("Historical CLV"), N_("12-month CLV"),
    N_("Historical CLV after VAT"), N_("12-month CLV after VAT"),
  };
  static const char *list_keys[] = {
    "customer", "name", "city", "orders", "net_spend", "last_order", "segment", "loyalty", "vip", "churn_risk",
    "clv_historical", "clv_12m", "clv_historical_ex_vat", "clv_12m_ex_vat",
  };
  static const char *list_labels[] = {
    N_("Customer"), N_("Name"), N_("City"), N_("Orders"), N_("Net spend"), N_("Last order"), N_("Segment"),
    N_("Loyalty"), N_("VIP"), N_("Churn risk"), N_("Historical CLV"), N_("12-month CLV"),
    N_("Historical CLV after VAT"), N_("12-month CLV after VAT"),
  };
  const char **keys = rfm ? rfm_keys : list_keys;
  const char **labels = rfm ? rfm_labels : list_labels;
  guint n_keys = rfm ? G_N_ELEMENTS (rfm_keys) : G_N_ELEMENTS (list_keys);
  gboolean people = format == CLI_FORMAT_TABLE;
  gboolean mask = ciro_store_get_setting_int (store, CIRO_SETTING_MASK_PERSONAL_DATA, 0) != 0;
  g_autoptr(CiroCustomerReport) r = ciro_report_customers (store, f, CIRO_CUSTOMERS_MODEL, error);
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(CliTable) t = NULL;

  if (r == NULL)
    return -1;
  order = g_ptr_array_new ();
  for (guint i = 0; i < r->customers->len; i++)
    {
      CiroCustomer *c = &g_array_index (r->customers, CiroCustomer, i);
      if (!rfm || c->in_window)
        g_ptr_array_add (order, c);
    }
  g_ptr_array_sort_with_data (order, by_spend, GINT_TO_POINTER (rfm));
  /* the contacts of the customers printed, and only theirs */
  {
    guint n_shown = limit < 0 ? order->len : (guint) MIN ((guint64) limit, (guint64) order->len);
    g_autofree guint *which = g_new (guint, MAX (1, n_shown));

    for (guint i = 0; i < n_shown; i++)
      which[i] = (guint) ((CiroCustomer *) order->pdata[i] - (CiroCustomer *) (gpointer) r->customers->data);
    if (!ciro_customers_read_contacts (store, r, which, n_shown, error))
      return -1;
  }
  t = cli_table_new (n_keys);
  for (guint c = 0; c < n_keys; c++)
    {
      t->columns[c] = keys[c];
      t->labels[c] = people ? (labels[c][1] == '\0' ? labels[c] : _(labels[c])) : NULL;
    }
  for (guint i = 0; i < order->len && (limit < 0 || i < (guint64) limit); i++)
    {
      const CiroCustomer *c = order->pdata[i];
      CliValue *v = cli_table_add_row (t);
      const char *segment = people ? ciro_segment_label (c->segment) : ciro_segment_name (c->segment);
      guint k = 0;

      v[k++] = text_value (mask ? ciro_mask_customer_key (c->key) : g_strdup (c->key));
      v[k++] = text_value (mask ? ciro_mask_name (c->name) : g_strdup (c->name));
      if (rfm)
        {
          v[k++] = (CliValue) { CLI_INT, c->recency_days, 0, NULL };
          v[k++] = (CliValue) { CLI_INT, c->frequency, 0, NULL };
          v[k++] = (CliValue) { CLI_MONEY, c->monetary, 0, NULL };
          v[k++] = (CliValue) { CLI_INT, c->r, 0, NULL };
          v[k++] = (CliValue) { CLI_INT, c->f, 0, NULL };
          v[k++] = (CliValue) { CLI_INT, c->m, 0, NULL };
        }
      else
        {
          v[k++] = text_value (g_strdup (c->city));
          v[k++] = (CliValue) { CLI_INT, c->orders, 0, NULL };
          v[k++] = (CliValue) { CLI_MONEY, c->spend, 0, NULL };
          v[k++] = text_value (ciro_day_to_string (c->last_day));
        }
      v[k++] = c->segment != CIRO_SEGMENT_NONE ? text_value (g_strdup (segment))
                                               : (CliValue) { CLI_NULL, 0, 0, NULL };
      v[k++] = c->loyalty >= 0 ? (CliValue) { CLI_INT, c->loyalty, 0, NULL } : (CliValue) { CLI_NULL, 0, 0, NULL };
      v[k++] = (CliValue) { CLI_BOOL, c->vip, 0, NULL };
      v[k++] = (CliValue) { CLI_BOOL, c->churn_risk, 0, NULL };
      v[k++] = (CliValue) { CLI_MONEY, c->clv_historical, 0, NULL };
      v[k++] = r->model_fitted ? (CliValue) { CLI_MONEY, c->clv_12m, 0, NULL } : (CliValue) { CLI_NULL, 0, 0, NULL };
      /* profit.md's view after them, as `report products` does */
      v[k++] = (CliValue) { CLI_MONEY, c->clv_historical_ex_vat, 0, NULL };
      v[k++] = r->model_fitted ? (CliValue) { CLI_MONEY, c->clv_12m_ex_vat, 0, NULL }
                               : (CliValue) { CLI_NULL, 0, 0, NULL };
      g_assert (k == n_keys);
    }
  if (people)
    print_title (f, rfm ? _("RFM") : _("Customers"));
  cli_print_table (t, format, stdout);
  if (people && r->anonymous_orders > 0)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, r->anonymous_orders);
      printf ("\n");
      printf (ngettext ("%s net order in the window has no customer (no id, e-mail or phone).",
                        "%s net orders in the window have no customer (no id, e-mail or phone).",
                        (gulong) MIN (r->anonymous_orders, G_MAXINT)),
              n);
      printf ("\n");
    }
  return EXIT_SUCCESS;
}

static int
report_cohorts (CiroStore *store, const CiroReportFilter *f, CliFormat format, GError **error)
{
  static const char *keys[] = { "cohort", "customers", "month", "active_pct", "revenue_per_customer" };
  static const char *labels[] = { N_("Cohort"), N_("Customers"), N_("Month"), N_("Active"), N_("Revenue per customer") };
  gboolean people = format == CLI_FORMAT_TABLE;
  g_autoptr(GArray) cohorts = ciro_report_cohorts (store, f, error);
  g_autoptr(CliTable) t = NULL;

  if (cohorts == NULL)
    return -1;
  t = cli_table_new (G_N_ELEMENTS (keys));
  for (guint c = 0; c < G_N_ELEMENTS (keys); c++)
    {
      t->columns[c] = keys[c];
      t->labels[c] = people ? _(labels[c]) : NULL;
    }
  for (guint i = 0; i < cohorts->len; i++)
    {
      const CiroCohort *co = &g_array_index (cohorts, CiroCohort, i);
      for (guint k = 0; k < co->n_months; k++)
        {
          CliValue *v = cli_table_add_row (t);
          v[0] = text_value (g_strdup_printf ("%04d-%02d", co->month / 12, co->month % 12 + 1));
          v[1] = (CliValue) { CLI_INT, co->customers, 0, NULL };
          v[2] = (CliValue) { CLI_INT, k, 0, NULL };
          v[3] = co->customers > 0 ? (CliValue) { CLI_PCT, 0, co->active_pct[k], NULL } : (CliValue) { CLI_NULL, 0, 0, NULL };
          v[4] = co->customers > 0 ? (CliValue) { CLI_MONEY, llround (co->revenue_per_customer[k] * 100), 0, NULL }
                                   : (CliValue) { CLI_NULL, 0, 0, NULL };
        }
    }
  if (people)
    print_title (f, _("Cohorts"));
  cli_print_table (t, format, stdout);
  return EXIT_SUCCESS;
}

static void
json_number (GString *out, double v, guint decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (!isfinite (v))
    g_string_append (out, "null");
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, decimals == 2 ? "%.2f" : "%.6g", v));
}

/* kuruş as a JSON/CSV number, whatever the locale */
static void
append_money (GString *out, CiroKurus v)
{
  g_autofree char *text = ciro_money_to_decimal (v);
  g_string_append (out, text);
}

static char *
people_money (CiroKurus v)
{
  return ciro_money_format (v, ciro_number_style_from_locale ());
}

/* `report clv`: the model, its holdout check against the baseline, totals */
static int
report_clv (CiroStore *store, const CiroReportFilter *f, CliFormat format, GError **error)
{
  g_autoptr(CiroCustomerReport) r = ciro_report_customers (store, f, CIRO_CUSTOMERS_HOLDOUT, error);
  const CiroClvHoldout *h;
  CiroKurus hist = 0, pred = 0, spend = 0, hist_ex = 0, pred_ex = 0;
  double orders = 0;
  char a[11], b[11], c[11];

  if (r == NULL)
    return -1;
  h = &r->holdout;
  for (guint i = 0; i < r->customers->len; i++)
    {
      const CiroCustomer *cu = &g_array_index (r->customers, CiroCustomer, i);
      hist += cu->clv_historical;
      pred += cu->clv_12m;
      hist_ex += cu->clv_historical_ex_vat;
      pred_ex += cu->clv_12m_ex_vat;
      spend += cu->expected_spend_12m;
      orders += cu->expected_orders_12m;
    }
  if (format == CLI_FORMAT_TABLE)
    {
      g_autofree char *hist_s = people_money (hist), *spend_s = people_money (spend), *pred_s = people_money (pred);
      g_autofree char *actual_s = people_money (h->actual), *model_s = people_money (h->model_total);
      g_autofree char *base_s = people_money (h->baseline_total);
      g_autofree char *hist_ex_s = people_money (hist_ex), *pred_ex_s = people_money (pred_ex);
      print_title (f, _("Customer lifetime value"));
      printf ("%s: %u\n", _("Customers"), r->customers->len);
      printf ("%s: %s\n", _("Historical CLV"), hist_s);
      printf ("%s: %s\n", _("Historical CLV after VAT"), hist_ex_s);
      if (!r->model_fitted)
        {
          printf ("%s\n", _("Too few repeat customers to fit the model."));
          return EXIT_SUCCESS;
        }
      printf ("%s: %.0f, %s, %s\n", _("Next 12 months: orders, net spend, CLV"), orders, spend_s, pred_s);
      printf ("%s: %s\n", _("Next 12 months: CLV after VAT"), pred_ex_s);
      printf ("BG/NBD: r %.4g, α %.4g, a %.4g, b %.4g (%s)\n", r->bgnbd.r, r->bgnbd.alpha, r->bgnbd.a, r->bgnbd.b,
              _("weeks"));
      printf ("Gamma-Gamma: p %.4g, q %.4g, γ %.4g (TRY)\n", r->gg.p, r->gg.q, r->gg.gamma);
      /* TRANSLATORS: "Model fitted on 20,000 of 231,412 customers (a fixed sample)" */
      {
        g_autofree char *fit_s = ciro_count_format (r->model_customers, ciro_number_style_from_locale ());
        g_autofree char *all_s = ciro_count_format (r->model_eligible, ciro_number_style_from_locale ());
        printf (_("Model fitted on %s of %s customers%s\n"), fit_s, all_s,
                r->model_customers < r->model_eligible ? _(" (a fixed sample)") : "");
      }
      if (h->available)
        {
          printf (_("Holdout: fitted on the orders up to %s, predicting the 365 days to %s\n"),
                  ciro_day_format (h->calibration_end, a), ciro_day_format (f->to, b));
          printf ("  %s: %s\n", _("actual net spend"), actual_s);
          printf ("  %s: %s, %s %.1f %%\n", _("model"), model_s, _("error (WAPE)"), h->model_wape_pct);
          printf ("  %s: %s, %s %.1f %%\n", _("baseline (last year's spend again)"), base_s, _("error (WAPE)"),
                  h->baseline_wape_pct);
        }
      else
        printf ("%s\n", _("Not enough history for a holdout check (a year before --to)."));
      return EXIT_SUCCESS;
    }
  {
    g_autoptr(GString) out = g_string_new (NULL);
    if (format == CLI_FORMAT_CSV)
      {
        /* one row of the figures a spreadsheet needs */
        g_string_append (out, "from,to,customers,clv_historical,orders_12m,spend_12m,clv_12m,"
                              "holdout_calibration_end,holdout_actual,holdout_model,holdout_model_wape_pct,"
                              "holdout_baseline,holdout_baseline_wape_pct,clv_historical_ex_vat,clv_12m_ex_vat\r\n");
        g_string_append_printf (out, "%s,%s,%u,", ciro_day_format (f->from, a), ciro_day_format (f->to, b),
                                r->customers->len);
        append_money (out, hist);
        g_string_append_c (out, ',');
        if (r->model_fitted)
          {
            json_number (out, orders, 2);
            g_string_append_c (out, ',');
            append_money (out, spend);
            g_string_append_c (out, ',');
            append_money (out, pred);
            g_string_append_c (out, ',');
          }
        else
          g_string_append (out, ",,,");
        if (h->available)
          {
            g_string_append_printf (out, "%s,", ciro_day_format (h->calibration_end, c));
            append_money (out, h->actual);
            g_string_append_c (out, ',');
            append_money (out, h->model_total);
            g_string_append_c (out, ',');
            json_number (out, h->model_wape_pct, 2);
            g_string_append_c (out, ',');
            append_money (out, h->baseline_total);
            g_string_append_c (out, ',');
            json_number (out, h->baseline_wape_pct, 2);
          }
        else
          g_string_append (out, ",,,,,");
        /* profit.md's view, after the columns that were there before it */
        g_string_append_c (out, ',');
        append_money (out, hist_ex);
        g_string_append_c (out, ',');
        if (r->model_fitted)
          append_money (out, pred_ex);
        g_string_append (out, "\r\n");
        fputs (out->str, stdout);
        return EXIT_SUCCESS;
      }
    g_string_append_printf (out, "{\"from\": \"%s\", \"to\": \"%s\", \"marketplace\": ", ciro_day_format (f->from, a),
                            ciro_day_format (f->to, b));
    if (f->marketplace != NULL)
      cli_json_string (out, f->marketplace);
    else
      g_string_append (out, "null");
    g_string_append_printf (out, ", \"customers\": %u, \"clv_historical\": ", r->customers->len);
    append_money (out, hist);
    g_string_append (out, ", \"clv_historical_ex_vat\": ");
    append_money (out, hist_ex);
    if (r->model_fitted)
      {
        g_string_append (out, ", \"orders_12m\": ");
        json_number (out, orders, 2);
        g_string_append (out, ", \"spend_12m\": ");
        append_money (out, spend);
        g_string_append (out, ", \"clv_12m\": ");
        append_money (out, pred);
        g_string_append (out, ", \"clv_12m_ex_vat\": ");
        append_money (out, pred_ex);
        g_string_append (out, ", \"model\": {\"bgnbd\": {\"r\": ");
        json_number (out, r->bgnbd.r, 6);
        g_string_append (out, ", \"alpha\": ");
        json_number (out, r->bgnbd.alpha, 6);
        g_string_append (out, ", \"a\": ");
        json_number (out, r->bgnbd.a, 6);
        g_string_append (out, ", \"b\": ");
        json_number (out, r->bgnbd.b, 6);
        g_string_append (out, ", \"time_unit\": \"week\"}, \"gamma_gamma\": {\"p\": ");
        json_number (out, r->gg.p, 6);
        g_string_append (out, ", \"q\": ");
        json_number (out, r->gg.q, 6);
        g_string_append (out, ", \"gamma\": ");
        json_number (out, r->gg.gamma, 6);
        g_string_append_printf (out, "}, \"fit_customers\": %" G_GINT64_FORMAT ", \"fit_eligible\": %"
                                G_GINT64_FORMAT "}", r->model_customers, r->model_eligible);
      }
    else
      g_string_append (out, ", \"orders_12m\": null, \"spend_12m\": null, \"clv_12m\": null,"
                            " \"clv_12m_ex_vat\": null, \"model\": null");
    g_string_append (out, ", \"holdout\": ");
    if (h->available)
      {
        g_string_append_printf (out, "{\"calibration_end\": \"%s\", \"customers\": %" G_GINT64_FORMAT
                                ", \"actual\": ", ciro_day_format (h->calibration_end, c), h->customers);
        append_money (out, h->actual);
        g_string_append (out, ", \"model\": ");
        append_money (out, h->model_total);
        g_string_append (out, ", \"model_wape_pct\": ");
        json_number (out, h->model_wape_pct, 2);
        g_string_append (out, ", \"baseline\": ");
        append_money (out, h->baseline_total);
        g_string_append (out, ", \"baseline_wape_pct\": ");
        json_number (out, h->baseline_wape_pct, 2);
        g_string_append (out, "}");
      }
    else
      g_string_append (out, "null");
    g_string_append (out, "}\n");
    fputs (out->str, stdout);
  }
  return EXIT_SUCCESS;
}

int
cli_report_customers (CiroStore *store, const CiroReportFilter *f, const char *what, gint64 limit, CliFormat format,
                      GError **error)
{
  if (g_str_equal (what, "rfm"))
    return report_list (store, f, TRUE, limit, format, error);
  if (g_str_equal (what, "customers"))
    return report_list (store, f, FALSE, limit, format, error);
  if (g_str_equal (what, "cohorts"))
    return report_cohorts (store, f, format, error);
  return report_clv (store, f, format, error);
}
