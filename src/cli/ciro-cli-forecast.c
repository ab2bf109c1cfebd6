/* ciro-cli-forecast.c: `ciro-cli report forecast` (insights.md §2, cli.md)
 *
 * Without --backtest: one row a future day (date, value, low, high), the
 * 80 % interval in low..high. With --backtest: the backtest's object, the
 * model and the three baselines on the same origins.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "analytics/ciro-forecast.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-money.h"
#include "ciro-cli-private.h"

enum { EXIT_OK = 0, EXIT_USAGE = 2, EXIT_STORE = 4 };

static CliValue
money (double kurus)
{
  return (CliValue) { CLI_MONEY, (gint64) llround (kurus), 0, NULL };
}

static CliValue
pct (const CiroForecastScore *s, double v)
{
  return s->available ? (CliValue) { CLI_PCT, 0, v, NULL } : (CliValue) { CLI_NULL, 0, 0, NULL };
}

static void
json_score (GString *out, const CiroForecastScore *s)
{
  const char *keys[] = { "wape", "total_error", "coverage" };
  double v[] = { s->wape, s->total_error, s->coverage };

  if (!s->available)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '{');
  for (guint i = 0; i < 3; i++)
    {
      CliValue x = { CLI_PCT, 0, v[i], NULL };
      g_string_append_printf (out, "%s\"%s\": ", i ? ", " : "", keys[i]);
      cli_value_json (out, &x);
    }
  g_string_append_c (out, '}');
}

static int
print_backtest (const CiroForecast *fc, CliFormat format)
{
  const CiroBacktest *bt = fc->backtest;
  static const char *keys[] = { "method", "wape", "total_error", "coverage" };
  g_autoptr(CliTable) t = NULL;
  CliValue *r;

  if (format == CLI_FORMAT_JSON)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      g_string_append_printf (out, "{\"metric\": \"%s\", \"horizon\": %u, \"origins\": %u, \"model\": ",
                              ciro_forecast_metric_key (fc->metric), bt->horizon, bt->origins);
      json_score (out, &bt->model);
      g_string_append (out, ", \"baselines\": {");
      for (int b = 0; b < CIRO_BASELINE_N; b++)
        {
          g_string_append_printf (out, "%s\"%s\": ", b ? ", " : "", ciro_baseline_key (b));
          json_score (out, &bt->baseline[b]);
        }
      g_string_append (out, "}}\n");
      fputs (out->str, stdout);
      return EXIT_OK;
    }

  t = cli_table_new (G_N_ELEMENTS (keys));
  for (guint c = 0; c < G_N_ELEMENTS (keys); c++)
    t->columns[c] = keys[c];
  if (format == CLI_FORMAT_TABLE)
    {
      t->labels[0] = _("Method");
      t->labels[1] = _("Daily error (WAPE)");
      t->labels[2] = _("Total error");
      t->labels[3] = _("Days inside the 80 % band");
    }
  r = cli_table_add_row (t);
  r[0].s = g_strdup (format == CLI_FORMAT_TABLE ? _("Ciro's forecast") : "model");
  r[1] = pct (&bt->model, bt->model.wape);
  r[2] = pct (&bt->model, bt->model.total_error);
  r[3] = pct (&bt->model, bt->model.coverage);
  for (int b = 0; b < CIRO_BASELINE_N; b++)
    {
      const CiroForecastScore *s = &bt->baseline[b];
      r = cli_table_add_row (t);
      r[0].s = g_strdup (format == CLI_FORMAT_TABLE ? ciro_baseline_name (b) : ciro_baseline_key (b));
      r[1] = pct (s, s->wape);
      r[2] = pct (s, s->total_error);
      r[3] = pct (s, s->coverage);
    }
  if (format == CLI_FORMAT_TABLE)
    {
      g_autofree char *n = ciro_count_format (bt->origins, ciro_number_style_from_locale ());
      g_print (g_dngettext (GETTEXT_PACKAGE, "Forecast backtest — %s forecasts of %u days, one a week\n\n",
                            "Forecast backtest — %s forecasts of %u days, one a week\n\n", bt->origins),
               n, bt->horizon);
    }
  cli_print_table (t, format, stdout);
  if (format == CLI_FORMAT_TABLE && bt->model.available)
    {
      g_autofree char *x = ciro_percent_format (bt->model.total_error, 0, ciro_number_style_from_locale ());
      /* TRANSLATORS: "usually within ±12 %": the mean error of the 30-day total */
      g_print (_("\nThe %u-day total is usually within ±%s.\n"), bt->horizon, x);
    }
  return EXIT_OK;
}

int
cli_report_forecast (CiroStore  *store,
                     CiroDay     today,
                     const char *marketplace,
                     const char *metric_key,
                     const char *days,
                     gboolean    backtest,
                     CliFormat   format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroForecast) fc = NULL;
  g_autoptr(CliTable) t = NULL;
  CiroForecastMetric metric = CIRO_FORECAST_NET_REVENUE;
  guint64 horizon = 30;
  static const char *keys[] = { "date", "value", "low", "high" };

  if (metric_key != NULL && !ciro_forecast_metric_parse (metric_key, &metric))
    {
      fprintf (stderr, "ciro-cli: %s\n", _("--metric is net_revenue or profit"));
      return EXIT_USAGE;
    }
  if (days != NULL &&
      !g_ascii_string_to_unsigned (days, 10, 1, CIRO_FORECAST_MAX_HORIZON, &horizon, NULL))
    {
      fprintf (stderr, "ciro-cli: ");
      fprintf (stderr, _("--days is a number of days from 1 to %d, not “%s”"), CIRO_FORECAST_MAX_HORIZON, days);
      fputc ('\n', stderr);
      return EXIT_USAGE;
    }
  fc = ciro_report_forecast (store, today, marketplace, metric, (guint) horizon, backtest,
                             NULL, NULL, NULL, &error);
  if (fc == NULL)
    {
      g_strdelimit (error->message, "\n\r", ' ');
      fprintf (stderr, "ciro-cli: %s\n", error->message);
      return error->domain == CIRO_FORECAST_ERROR ||
             (error->domain == CIRO_STORE_ERROR && error->code == CIRO_STORE_ERROR_INVALID)
        ? EXIT_USAGE : EXIT_STORE;
    }
  if (backtest)
    return print_backtest (fc, format);

  t = cli_table_new (G_N_ELEMENTS (keys));
  for (guint c = 0; c < G_N_ELEMENTS (keys); c++)
    t->columns[c] = keys[c];
  if (format == CLI_FORMAT_TABLE)
    {
      t->labels[0] = _("Date");
      t->labels[1] = metric == CIRO_FORECAST_PROFIT ? _("Profit") : _("Net revenue");
      t->labels[2] = _("Low (80 %)");
      t->labels[3] = _("High (80 %)");
    }
  for (guint h = 0; h < fc->days->len; h++)
    {
      const CiroForecastDay *d = &g_array_index (fc->days, CiroForecastDay, h);
      CliValue *r = cli_table_add_row (t);

      r[0].s = ciro_day_to_string (d->date);
      r[1] = money (d->value);
      r[2] = money (d->low);
      r[3] = money (d->high);
    }
  if (format == CLI_FORMAT_TABLE)
    {
      g_autofree char *total = ciro_money_format ((gint64) llround (fc->total), ciro_number_style_from_locale ());
      g_autofree char *low = ciro_money_format ((gint64) llround (fc->total_low), ciro_number_style_from_locale ());
      g_autofree char *high = ciro_money_format ((gint64) llround (fc->total_high), ciro_number_style_from_locale ());
      char a[11];

      g_print (_("%s forecast after %s%s%s\n"),
               metric == CIRO_FORECAST_PROFIT ? _("Profit") : _("Net revenue"),
               ciro_day_format (fc->last_day, a), marketplace ? ", " : "", marketplace ? marketplace : "");
      g_print (_("Next %u days: %s (80 %%: %s … %s)\n"), fc->horizon, total, low, high);
      if (fc->has_last_year)
        {
          g_autofree char *ly = ciro_money_format ((gint64) llround (fc->last_year_total), ciro_number_style_from_locale ());
          g_print (_("The same days last year: %s\n"), ly);
        }
      g_print ("\n");
    }
  cli_print_table (t, format, stdout);
  return EXIT_OK;
}
