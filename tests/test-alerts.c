/* test-alerts.c: low-stock crossings, the margin warning, the daily summary
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "analytics/ciro-alerts.h"
#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "demo/ciro-demo.h"
#include "store/ciro-settings.h"

static char *dir;
static guint n_db;
static CiroDay today;

static CiroStore *
new_store (void)
{
  g_autofree char *path = g_strdup_printf ("%s/a%u.db", dir, n_db++);
  g_autoptr(GError) error = NULL;
  CiroStore *store = ciro_store_open (path, &error);
  CiroDemoOptions o;
  g_autoptr(CiroDemo) demo = NULL;

  g_assert_no_error (error);
  ciro_demo_options_init (&o);
  o.n_orders = 3000;
  o.n_products = 60;
  o.seed = 23;
  o.n_days = 90;
  o.end_day = today;
  demo = ciro_demo_new (&o);
  g_assert_true (ciro_demo_populate (demo, store, NULL, NULL, NULL, &error));
  return store;
}

static guint
count_low (CiroStore *store)
{
  g_autoptr(GArray) rows = ciro_report_stock (store, today, NULL);
  guint n = 0;
  for (guint i = 0; i < rows->len; i++)
    n += g_array_index (rows, CiroStockRow, i).low_stock;
  return n;
}

/* The smallest threshold that makes exactly `want` products low, if any. */
static gint64
threshold_for (CiroStore *store, guint want)
{
  for (gint64 t = 1; t < 500; t++)
    {
      g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, t);
      g_assert_true (ciro_store_set_setting (store, CIRO_SETTING_LOW_STOCK_THRESHOLD, v, NULL));
      if (count_low (store) == want)
        return t;
    }
  return -1;
}

static GPtrArray *
check (CiroStore *store, gboolean low, gboolean margin, gboolean summary, gint32 now)
{
  CiroAlertSwitches sw = { low, margin, summary, 9 * 3600 };
  g_autoptr(GError) error = NULL;
  GPtrArray *alerts = ciro_alerts_check (store, today, now, &sw, &error);
  g_assert_no_error (error);
  return alerts;
}

static guint
count_kind (GPtrArray *alerts, CiroAlertKind kind)
{
  guint n = 0;
  for (guint i = 0; i < alerts->len; i++)
    n += ((CiroAlert *) alerts->pdata[i])->kind == kind;
  return n;
}

static void
test_crossings (void)
{
  g_autoptr(CiroStore) store = new_store ();
  gint64 t2 = threshold_for (store, 2);

  g_assert_cmpint (t2, >, 0);
  /* two products under the threshold: one notification each, naming them */
  {
    g_autoptr(GPtrArray) a = check (store, TRUE, FALSE, FALSE, 12 * 3600);
    g_assert_cmpuint (count_kind (a, CIRO_ALERT_LOW_STOCK), ==, 2);
    for (guint i = 0; i < a->len; i++)
      {
        CiroAlert *al = a->pdata[i];
        g_assert_true (g_str_has_prefix (al->title, "Low stock: "));
        g_assert_nonnull (al->product_sku);
        g_assert_nonnull (strstr (al->body, al->product_sku));
      }
  }
  /* still low at the next sync: nothing new */
  {
    g_autoptr(GPtrArray) a = check (store, TRUE, FALSE, FALSE, 12 * 3600);
    g_assert_cmpuint (a->len, ==, 0);
  }
  /* back above (threshold 1: nothing is under it), then under again */
  g_assert_true (ciro_store_set_setting (store, CIRO_SETTING_LOW_STOCK_THRESHOLD, "0", NULL));
  {
    g_autoptr(GPtrArray) a = check (store, TRUE, FALSE, FALSE, 12 * 3600);
    g_assert_cmpuint (a->len, ==, 0);
  }
  {
    g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, t2);
    g_assert_true (ciro_store_set_setting (store, CIRO_SETTING_LOW_STOCK_THRESHOLD, v, NULL));
  }
  {
    g_autoptr(GPtrArray) a = check (store, TRUE, FALSE, FALSE, 12 * 3600);
    g_assert_cmpuint (count_kind (a, CIRO_ALERT_LOW_STOCK), ==, 2);
  }
}

static void
test_grouped_and_switched_off (void)
{
  g_autoptr(CiroStore) store = new_store ();
  guint many;

  g_assert_true (ciro_store_set_setting (store, CIRO_SETTING_LOW_STOCK_THRESHOLD, "60", NULL));
  many = count_low (store);
  g_assert_cmpuint (many, >, CIRO_ALERT_GROUP_OVER);
  /* switched off: nothing shown, but remembered */
  {
    g_autoptr(GPtrArray) a = check (store, FALSE, FALSE, FALSE, 12 * 3600);
    g_assert_cmpuint (a->len, ==, 0);
  }
  {
    g_autoptr(GPtrArray) a = check (store, TRUE, FALSE, FALSE, 12 * 3600);
    g_assert_cmpuint (a->len, ==, 0);
  }
  /* restocked and crossing again together: one notification for all */
  g_assert_true (ciro_store_set_setting (store, CIRO_SETTING_LOW_STOCK_THRESHOLD, "0", NULL));
  g_ptr_array_unref (check (store, TRUE, FALSE, FALSE, 12 * 3600));
  g_assert_true (ciro_store_set_setting (store, CIRO_SETTING_LOW_STOCK_THRESHOLD, "60", NULL));
  {
    g_autoptr(GPtrArray) a = check (store, TRUE, FALSE, FALSE, 12 * 3600);
    g_autofree char *n = g_strdup_printf ("%u products are running low", many);
    CiroAlert *al;
    g_assert_cmpuint (a->len, ==, 1);
    al = a->pdata[0];
    g_assert_cmpint (al->kind, ==, CIRO_ALERT_LOW_STOCK_GROUP);
    g_assert_cmpstr (al->title, ==, n);
    g_assert_cmpstr (al->page, ==, "stock");
  }
}

static void
test_margin_and_summary (void)
{
  g_autoptr(CiroStore) store = new_store ();
  CiroReportFilter f = { today - 1, today - 1, NULL };
  CiroSummary s;

  g_assert_true (ciro_report_summary (store, &f, &s, NULL));
  g_assert_cmpint (s.net_orders, >, 0);
  /* a warning level under yesterday's margin: quiet */
  {
    g_autofree char *v = g_strdup_printf ("%.1f", s.margin_pct - 1);
    g_assert_true (ciro_store_set_setting (store, CIRO_SETTING_MARGIN_WARNING_PCT, v, NULL));
  }
  {
    g_autoptr(GPtrArray) a = check (store, FALSE, TRUE, FALSE, 12 * 3600);
    g_assert_cmpuint (count_kind (a, CIRO_ALERT_MARGIN), ==, 0);
  }
  /* above it: one warning, once a day */
  {
    g_autofree char *v = g_strdup_printf ("%.1f", s.margin_pct + 1);
    g_assert_true (ciro_store_set_setting (store, CIRO_SETTING_MARGIN_WARNING_PCT, v, NULL));
  }
  {
    g_autoptr(GPtrArray) a = check (store, FALSE, TRUE, FALSE, 12 * 3600);
    g_assert_cmpuint (count_kind (a, CIRO_ALERT_MARGIN), ==, 1);
  }
  {
    g_autoptr(GPtrArray) a = check (store, FALSE, TRUE, FALSE, 13 * 3600);
    g_assert_cmpuint (count_kind (a, CIRO_ALERT_MARGIN), ==, 0);
  }
  /* the daily summary: not before its time, then once, with yesterday's figures */
  {
    g_autoptr(GPtrArray) a = check (store, FALSE, FALSE, TRUE, 8 * 3600);
    g_assert_cmpuint (a->len, ==, 0);
  }
  {
    g_autoptr(GPtrArray) a = check (store, FALSE, FALSE, TRUE, 9 * 3600 + 60);
    g_autofree char *net = ciro_money_format (s.net_revenue, ciro_number_style_from_locale ());
    CiroAlert *al;
    g_assert_cmpuint (a->len, ==, 1);
    al = a->pdata[0];
    g_assert_cmpint (al->kind, ==, CIRO_ALERT_DAILY_SUMMARY);
    g_assert_true (g_str_has_prefix (al->body, "Yesterday: "));
    g_assert_nonnull (strstr (al->body, net));
  }
  {
    g_autoptr(GPtrArray) a = check (store, FALSE, FALSE, TRUE, 10 * 3600);
    g_assert_cmpuint (a->len, ==, 0);
  }
}

static void
test_sync_failed (void)
{
  g_autoptr(CiroAlert) a = ciro_alert_sync_failed ("Sentos refused the API key and secret.");
  g_assert_cmpint (a->kind, ==, CIRO_ALERT_SYNC_FAILED);
  g_assert_cmpstr (a->id, ==, "sync-failed");
  g_assert_cmpstr (a->body, ==, "Sentos refused the API key and secret.");
}

int
main (int argc, char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("CIRO_NOW", "2026-11-20 12:00:00", TRUE);
  today = ciro_day_from_ymd (2026, 11, 20);
  dir = g_dir_make_tmp ("ciro-alerts-XXXXXX", NULL);
  g_test_add_func ("/alerts/crossings", test_crossings);
  g_test_add_func ("/alerts/grouped-and-switched-off", test_grouped_and_switched_off);
  g_test_add_func ("/alerts/margin-and-summary", test_margin_and_summary);
  g_test_add_func ("/alerts/sync-failed", test_sync_failed);
  rc = g_test_run ();
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
  }
  g_rmdir (dir);
  g_free (dir);
  return rc;
}
