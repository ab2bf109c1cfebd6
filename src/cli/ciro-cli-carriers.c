/* ciro-cli-carriers.c: ciro-cli report carriers | late-orders
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "analytics/ciro-carriers.h"
#include "core/ciro-carrier.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-number.h"
#include "store/ciro-settings.h"
#include "store/ciro-tariffs.h"
#include "ciro-cli-private.h"

static CiroCarrierReport *
build (CiroStore *store, const CiroReportFilter *f, int *code)
{
  g_autoptr(GError) error = NULL;
  CiroCarrierReport *r;
  CiroDay day;
  gint32 seconds;
  gint64 late_days = ciro_store_get_setting_int (store, CIRO_SETTING_LATE_DAYS, CIRO_CARRIER_LATE_DAYS_DEFAULT);

  ciro_now (&day, &seconds);
  r = ciro_carrier_report_build (store, f, (int) CLAMP (late_days, 1, 365), ciro_to_unix (day, seconds), &error);
  if (r == NULL)
    {
      fprintf (stderr, "ciro-cli: %s\n", error->message);
      *code = error->domain == CIRO_STORE_ERROR && error->code == CIRO_STORE_ERROR_INVALID ? 2 : 4;
    }
  return r;
}

static void
title (const CiroReportFilter *f, const char *what)
{
  char a[11], b[11];

  printf ("%s — %s … %s%s%s\n\n", what, ciro_day_format (f->from, a), ciro_day_format (f->to, b),
          f->marketplace ? ", " : "", f->marketplace ? ciro_marketplace_display (f->marketplace) : "");
}

static CliValue
days (gint64 n, double value)
{
  return n > 0 ? (CliValue) { CLI_REAL, 0, value, NULL } : (CliValue) { CLI_NULL, 0, 0, NULL };
}

int
cli_report_carriers (CiroStore *store, const CiroReportFilter *f, CliFormat format)
{
  static const char *keys[] = {
    "carrier", "orders", "net_orders", "share_pct", "shipping_income", "shipping_expense",
    "expense_per_order", "days_to_ship_mean", "days_to_ship_median", "days_to_ship_p90", "days_to_ship_n",
    "days_to_deliver_mean", "days_to_deliver_median", "days_to_deliver_p90", "days_to_deliver_n",
    "returned_after_shipping", "returned_after_shipping_pct", "late",
  };
  static const char *labels[] = {
    N_("Carrier"), N_("Orders"), N_("Net orders"), N_("Share"), N_("Shipping income"), N_("Shipping expense"),
    N_("Expense per order"), N_("Days to ship (mean)"), N_("Days to ship (median)"), N_("Days to ship (p90)"),
    N_("Shipped orders timed"), N_("Days to deliver (mean)"), N_("Days to deliver (median)"),
    N_("Days to deliver (p90)"), N_("Delivered orders timed"), N_("Returned after shipping"),
    N_("Returned after shipping rate"), N_("Late"),
  };
  g_autoptr(CiroCarrierReport) r = NULL;
  g_autoptr(CliTable) t = cli_table_new (G_N_ELEMENTS (keys));
  gboolean people = format == CLI_FORMAT_TABLE;
  int code = 0;

  if ((r = build (store, f, &code)) == NULL)
    return code;
  for (guint c = 0; c < G_N_ELEMENTS (keys); c++)
    {
      t->columns[c] = keys[c];
      t->labels[c] = people ? _(labels[c]) : NULL;
    }
  for (guint i = 0; i < r->carriers->len; i++)
    {
      const CiroCarrierRow *p = r->carriers->pdata[i];
      CliValue *v = cli_table_add_row (t);

      v[0] = (CliValue) { CLI_TEXT, 0, 0, g_strdup (people ? ciro_carrier_display (p->carrier) : p->carrier) };
      v[1] = (CliValue) { CLI_INT, p->orders, 0, NULL };
      v[2] = (CliValue) { CLI_INT, p->net_orders, 0, NULL };
      v[3] = (CliValue) { CLI_PCT, 0, p->share_pct, NULL };
      v[4] = (CliValue) { CLI_MONEY, p->shipping_income, 0, NULL };
      v[5] = (CliValue) { CLI_MONEY, p->shipping_expense, 0, NULL };
      v[6] = (CliValue) { CLI_MONEY, p->expense_per_order, 0, NULL };
      v[7] = days (p->days_to_ship_n, p->days_to_ship_mean);
      v[8] = days (p->days_to_ship_n, p->days_to_ship_median);
      v[9] = days (p->days_to_ship_n, p->days_to_ship_p90);
      v[10] = (CliValue) { CLI_INT, p->days_to_ship_n, 0, NULL };
      v[11] = days (p->days_to_deliver_n, p->days_to_deliver_mean);
      v[12] = days (p->days_to_deliver_n, p->days_to_deliver_median);
      v[13] = days (p->days_to_deliver_n, p->days_to_deliver_p90);
      v[14] = (CliValue) { CLI_INT, p->days_to_deliver_n, 0, NULL };
      v[15] = (CliValue) { CLI_INT, p->returned_after_shipping, 0, NULL };
      v[16] = (CliValue) { CLI_PCT, 0, p->returned_after_shipping_pct, NULL };
      v[17] = (CliValue) { CLI_INT, p->late, 0, NULL };
    }
  if (people)
    title (f, _("Carriers"));
  cli_print_table (t, format, stdout);
  /* the recommendations are sentences for people; machines compute them
   * from the figures */
  if (people && r->advice->len > 0)
    {
      printf ("\n%s\n", _("Recommendations"));
      for (guint i = 0; i < r->advice->len; i++)
        {
          g_autofree char *text = ciro_carrier_advice_text (r->advice->pdata[i]);
          printf ("• %s\n", text);
        }
    }
  return 0;
}

int
cli_report_late_orders (CiroStore *store, const CiroReportFilter *f, CliFormat format)
{
  static const char *keys[] = {
    "order_code", "carrier", "cargo_number", "marketplace", "shipped_at", "days_since_shipping",
  };
  static const char *labels[] = {
    N_("Order"), N_("Carrier"), N_("Cargo number"), N_("Marketplace"), N_("Shipped"), N_("Days since shipping"),
  };
  g_autoptr(CiroCarrierReport) r = NULL;
  g_autoptr(CliTable) t = cli_table_new (G_N_ELEMENTS (keys));
  gboolean people = format == CLI_FORMAT_TABLE;
  int code = 0;

  if ((r = build (store, f, &code)) == NULL)
    return code;
  for (guint c = 0; c < G_N_ELEMENTS (keys); c++)
    {
      t->columns[c] = keys[c];
      t->labels[c] = people ? _(labels[c]) : NULL;
    }
  for (guint i = 0; i < r->late_orders->len; i++)
    {
      const CiroLateOrder *l = r->late_orders->pdata[i];
      CliValue *v = cli_table_add_row (t);
      CiroDay day;
      gint32 seconds;

      ciro_from_unix (l->shipped_at, &day, &seconds);
      v[0] = (CliValue) { CLI_TEXT, 0, 0, g_strdup (l->order_code) };
      v[1] = (CliValue) { CLI_TEXT, 0, 0, g_strdup (people ? ciro_carrier_display (l->carrier) : l->carrier) };
      v[2] = (CliValue) { CLI_TEXT, 0, 0, g_strdup (l->cargo_number) };
      v[3] = (CliValue) { CLI_TEXT, 0, 0,
                          g_strdup (people ? ciro_marketplace_display (l->marketplace) : l->marketplace) };
      v[4] = (CliValue) { CLI_TEXT, 0, 0, ciro_datetime_format (day, seconds) };
      v[5] = (CliValue) { CLI_REAL, 0, l->days_since_shipping, NULL };
    }
  if (people)
    title (f, _("Late orders"));
  cli_print_table (t, format, stdout);
  return 0;
}

/* ------------------------------------------------------------ tariffs */

static int
tariff_fail (GError *error)
{
  fprintf (stderr, "ciro-cli: %s\n", error->message);
  return error->domain == CIRO_STORE_ERROR &&
         (error->code == CIRO_STORE_ERROR_INVALID || error->code == CIRO_STORE_ERROR_NOT_FOUND) ? 2 : 4;
}

static int
tariff_list (CiroStore *store, CliFormat format)
{
  static const char *keys[] = { "carrier", "marketplace", "from", "amount" };
  static const char *labels[] = { N_("Carrier"), N_("Marketplace"), N_("From"), N_("Per order") };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tariffs = ciro_store_list_tariffs (store, &error);
  g_autoptr(CliTable) t = NULL;

  if (tariffs == NULL)
    return tariff_fail (error);
  t = cli_table_new (G_N_ELEMENTS (keys));
  for (guint c = 0; c < G_N_ELEMENTS (keys); c++)
    {
      t->columns[c] = keys[c];
      t->labels[c] = format == CLI_FORMAT_TABLE ? _(labels[c]) : NULL;
    }
  for (guint i = 0; i < tariffs->len; i++)
    {
      CiroTariff *e = tariffs->pdata[i];
      CliValue *r = cli_table_add_row (t);

      r[0].s = g_strdup (format == CLI_FORMAT_TABLE ? ciro_carrier_display (e->carrier) : e->carrier);
      if (*e->marketplace != '\0')
        r[1].s = g_strdup (e->marketplace);
      else if (format == CLI_FORMAT_TABLE)
        r[1].s = g_strdup (_("All marketplaces"));
      else
        r[1].kind = CLI_NULL;
      r[2].s = ciro_day_to_string (e->from_day);
      r[3] = (CliValue) { CLI_MONEY, e->amount, 0, NULL };
    }
  cli_print_table (t, format, stdout);
  return 0;
}

int
cli_tariff (CiroStore  *store,
            GPtrArray  *words,
            const char *marketplace,
            const char *from,
            CliFormat   format)
{
  g_autoptr(GError) error = NULL;
  const char *verb = words->len > 1 ? words->pdata[1] : "";
  CiroDay day = 0;   /* without --from: from the start */
  CiroKurus amount;

  if (g_str_equal (verb, "list") && words->len == 2)
    return tariff_list (store, format);
  if (!(g_str_equal (verb, "set") && words->len == 4) && !(g_str_equal (verb, "remove") && words->len == 3))
    {
      fprintf (stderr, "ciro-cli: %s\n",
               _("usage: ciro-cli tariff set CARRIER AMOUNT [--marketplace NAME] [--from DATE] | tariff list"
                 " | tariff remove CARRIER [--marketplace NAME] [--from DATE]"));
      return 2;
    }
  if (from != NULL && !ciro_day_parse (from, &day, &error))
    {
      fprintf (stderr, "ciro-cli: --from: %s\n", error->message);
      return 2;
    }
  if (g_str_equal (verb, "remove"))
    return ciro_store_remove_tariff (store, words->pdata[2], marketplace, day, &error) ? 0 : tariff_fail (error);
  if (!ciro_parse_money (words->pdata[3], &amount, NULL))
    {
      fprintf (stderr, "ciro-cli: ");
      fprintf (stderr, _("“%s” is not a number"), (const char *) words->pdata[3]);
      fprintf (stderr, "\n");
      return 2;
    }
  return ciro_store_set_tariff (store, words->pdata[2], marketplace, day, amount, &error) ? 0 : tariff_fail (error);
}
