/* test-cli.c: ciro-cli's contract (shared/spec/cli.md), driven as a process
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/resource.h>
#include <sqlite3.h>

#include "analytics/ciro-carriers.h"
#include "core/ciro-carrier.h"
#include "analytics/ciro-categories.h"
#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "core/ciro-error.h"
#include "demo/ciro-mock.h"
#include "store/ciro-store-sql.h"
#include "store/ciro-store.h"
#include <signal.h>

static char *dir;
static char *demo_db;
static char *direct_db;
static const char *cli_lc_all = "C.UTF-8";   /* the generator straight into a store: the reference */
static gboolean cli_translated;               /* with the catalogue built (CIRO_LOCALEDIR) */

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs ciro-cli with the given arguments (NULL-terminated). */
static Run
cli (const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) l = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                 G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(GError) error = NULL;
  Run r = { 0 };
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CIRO_CLI"));
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_unsetenv (l, "CIRO_DB");
  g_subprocess_launcher_setenv (l, "CIRO_BUSY_TIMEOUT_MS", "100", TRUE);
  g_subprocess_launcher_setenv (l, "CIRO_NOW", "2026-11-20 15:00:00", TRUE);
  g_subprocess_launcher_setenv (l, "LC_ALL", cli_lc_all, TRUE);
  if (cli_translated)
    {
      g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
      g_subprocess_launcher_setenv (l, "CIRO_LOCALEDIR", localedir, TRUE);
    }
  p = g_subprocess_launcher_spawnv (l, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &r.out, &r.err, &error));
  g_assert_no_error (error);
  r.status = g_subprocess_get_exit_status (p);
  return r;
}

static void
assert_one_line_error (const Run *r, int status)
{
  if (r->status != status)
    g_error ("exit %d (expected %d); stderr: %s", r->status, status, r->err);
  g_assert_true (g_str_has_prefix (r->err, "ciro-cli: "));
  /* one line only */
  g_assert_cmpint (strchr (r->err, '\n') - r->err, ==, (int) strlen (r->err) - 1);
}

static void
test_usage_errors (void)
{
  g_auto(Run) a = cli ("frobnicate", NULL);
  g_auto(Run) b = cli ("report", "summary", "--from", "2026-13-01", NULL);
  g_auto(Run) c = cli ("report", "summary", "--from", "2026-11-10", "--to", "2026-11-01", NULL);
  g_auto(Run) d = cli ("report", "products", "--sort", "cheapest", "--db", demo_db, NULL);
  g_auto(Run) e = cli ("report", "summary", "--format", "xml", NULL);
  g_auto(Run) f = cli ("--bogus", NULL);
  g_auto(Run) g = cli ("export", "sales", NULL);
  g_auto(Run) h = cli ("report", "nonsense", NULL);
  g_auto(Run) i = cli ("report", "products", "--limit", "x", NULL);

  assert_one_line_error (&a, 2);
  assert_one_line_error (&b, 2);
  assert_one_line_error (&c, 2);
  assert_one_line_error (&d, 2);
  assert_one_line_error (&e, 2);
  assert_one_line_error (&f, 2);
  assert_one_line_error (&g, 2);
  assert_one_line_error (&h, 2);
  assert_one_line_error (&i, 2);
  {
    g_auto(Run) help = cli ("--help", NULL);
    g_assert_cmpint (help.status, ==, 0);
    g_assert_nonnull (strstr (help.out, "report summary"));
  }
}

static void
test_store_errors (void)
{
  g_auto(Run) a = cli ("--db", "/proc/ciro-nope/x.db", "report", "summary", NULL);
  g_autofree char *locked = g_build_filename (dir, "locked.db", NULL);
  sqlite3 *db = NULL;

  assert_one_line_error (&a, 4);

  {
    g_auto(Run) create = cli ("--db", locked, "settings", "get", NULL);
    g_assert_cmpint (create.status, ==, 0);
  }
  g_assert_cmpint (sqlite3_open (locked, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_auto(Run) r = cli ("--db", locked, "settings", "set", "low_stock_threshold", "5", NULL);
    assert_one_line_error (&r, 4);
    g_assert_nonnull (strstr (r.err, "locked"));
  }
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
assert_keys (JsonObject *o, const char * const *expected)
{
  g_autoptr(GList) members = json_object_get_members (o);
  guint n = 0;

  for (; expected[n] != NULL; n++)
    if (!json_object_has_member (o, expected[n]))
      g_error ("missing key %s", expected[n]);
  g_assert_cmpuint (g_list_length (members), ==, n);
}

static const char * const summary_keys[] = {
  "gross_orders", "gross_units", "gross_revenue", "cancel_return_orders", "cancel_return_units",
  "cancel_return_revenue", "net_orders", "net_units", "net_revenue", "shipping_income", "product_cost",
  "commission", "shipping_expense", "profit", "margin_pct", "aov", "return_rate_pct", "unmatched_lines",
  "unmatched_revenue", NULL,
};

/* profit.md's keys, after metrics.md's in summary, daily and marketplaces */
static const char * const profit_keys[] = {
  "output_vat", "net_revenue_ex_vat", "product_cost_ex_vat", "service_fees", "fees_vat", "input_vat",
  "vat_payable", "profit_ex_vat", "margin_ex_vat_pct", "roi_pct", "ad_spend", "expenses",
  "operating_profit", NULL,
};

static gint64
money (JsonObject *o, const char *key)
{
  /* TRY with two decimals in JSON; compare in kuruş */
  return (gint64) llround (json_object_get_double_member (o, key) * 100.0);
}

static void
test_report_json_matches_engine (void)
{
  g_auto(Run) r = cli ("report", "summary", "--db", demo_db, "--from", "2026-10-01", "--to", "2026-11-20",
                       "--format", "json", NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { ciro_day_from_ymd (2026, 10, 1), ciro_day_from_ymd (2026, 11, 20), NULL };
  CiroSummary s;
  JsonObject *o;
  const char *const with_window[] = {
    "from", "to", "marketplace", "gross_orders", "gross_units", "gross_revenue", "cancel_return_orders",
    "cancel_return_units", "cancel_return_revenue", "net_orders", "net_units", "net_revenue",
    "shipping_income", "product_cost", "commission", "shipping_expense", "profit", "margin_pct", "aov",
    "return_rate_pct", "unmatched_lines", "unmatched_revenue",
    "output_vat", "net_revenue_ex_vat", "product_cost_ex_vat", "service_fees", "fees_vat", "input_vat",
    "vat_payable", "profit_ex_vat", "margin_ex_vat_pct", "roi_pct", "ad_spend", "expenses",
    "operating_profit", NULL,
  };

  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  o = json_node_get_object (node);
  assert_keys (o, with_window);
  g_assert_cmpstr (json_object_get_string_member (o, "from"), ==, "2026-10-01");
  g_assert_true (json_object_get_null_member (o, "marketplace"));

  store = ciro_store_open (demo_db, &error);
  g_assert_no_error (error);
  g_assert_true (ciro_report_summary (store, &f, &s, &error));
  g_assert_cmpint (s.gross_orders, >, 100);
  g_assert_cmpint (json_object_get_int_member (o, "gross_orders"), ==, s.gross_orders);
  g_assert_cmpint (json_object_get_int_member (o, "net_units"), ==, s.net_units);
  g_assert_cmpint (money (o, "net_revenue"), ==, s.net_revenue);
  g_assert_cmpint (money (o, "profit"), ==, s.profit);
  g_assert_cmpint (money (o, "commission"), ==, s.commission);
  g_assert_cmpint (money (o, "aov"), ==, s.aov);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "margin_pct"), s.margin_pct, 0.006);
  g_assert_cmpint (money (o, "output_vat"), ==, s.output_vat);
  g_assert_cmpint (s.output_vat, >, 0);
  g_assert_cmpint (money (o, "product_cost_ex_vat"), ==, s.product_cost_ex_vat);
  g_assert_cmpint (money (o, "fees_vat"), ==, s.fees_vat);
  g_assert_cmpint (money (o, "vat_payable"), ==, s.vat_payable);
  g_assert_cmpint (money (o, "profit_ex_vat"), ==, s.profit_ex_vat);
  g_assert_cmpint (money (o, "operating_profit"), ==, s.operating_profit);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "roi_pct"), s.roi_pct, 0.006);

  /* the marketplace filter is normalised ("trendyol" → Trendyol) */
  {
    g_auto(Run) t = cli ("report", "summary", "--db", demo_db, "--from", "2026-10-01", "--to", "2026-11-20",
                         "--marketplace", "trendyol", "--format", "json", NULL);
    g_autoptr(JsonNode) tn = parse_json (t.out);
    CiroSummary ts;
    f.marketplace = (char *) "Trendyol";
    g_assert_true (ciro_report_summary (store, &f, &ts, &error));
    g_assert_cmpstr (json_object_get_string_member (json_node_get_object (tn), "marketplace"), ==, "Trendyol");
    g_assert_cmpint (money (json_node_get_object (tn), "net_revenue"), ==, ts.net_revenue);
    g_assert_cmpint (ts.net_revenue, <, s.net_revenue);
  }
}

static JsonArray *
report_array (const char *kind, JsonNode **keep)
{
  g_auto(Run) r = cli ("report", kind, "--db", demo_db, "--to", "2026-11-20", "--format", "json", NULL);
  if (r.status != 0)
    g_error ("report %s: %s", kind, r.err);
  *keep = parse_json (r.out);
  return json_node_get_array (*keep);
}

static void
test_report_keys (void)
{
  g_autoptr(JsonNode) n1 = NULL, n2 = NULL, n3 = NULL, n4 = NULL, n5 = NULL;
  JsonArray *daily = report_array ("daily", &n1);
  JsonArray *mps = report_array ("marketplaces", &n2);
  JsonArray *products = report_array ("products", &n3);
  JsonArray *stock = report_array ("stock", &n4);
  JsonObject *o;
  const char *daily_keys[34] = { "date" };
  const char *mp_keys[35] = { "marketplace", "share_pct" };
  const char *const product_keys[] = {
    "product_id", "sku", "name", "brand", "category", "revenue", "units", "orders", "cost", "commission",
    "profit", "margin_pct", "return_units", "return_rate_pct", "stock", "daily_sales", "days_of_stock",
    "score", "profit_ex_vat", "margin_ex_vat_pct", "roi_pct", "cost_known", NULL,
  };
  const char *const stock_keys[] = {
    "product_id", "sku", "name", "stock", "daily_sales", "days_of_stock", "stock_out_date", "low_stock",
    "slow_moving", "dead_stock", NULL,
  };
  double share = 0;
  gboolean saw_null_product = FALSE, saw_null_days = FALSE;

  for (guint i = 0; summary_keys[i]; i++)
    {
      daily_keys[1 + i] = summary_keys[i];
      mp_keys[2 + i] = summary_keys[i];
    }
  for (guint i = 0; profit_keys[i]; i++)
    {
      daily_keys[20 + i] = profit_keys[i];
      mp_keys[21 + i] = profit_keys[i];
    }
  g_assert_cmpuint (json_array_get_length (daily), ==, 30);     /* --from defaults to 29 days before --to */
  o = json_array_get_object_element (daily, 0);
  assert_keys (o, daily_keys);
  g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, "2026-10-22");

  g_assert_cmpuint (json_array_get_length (mps), >=, 5);
  for (guint i = 0; i < json_array_get_length (mps); i++)
    {
      o = json_array_get_object_element (mps, i);
      assert_keys (o, mp_keys);
      share += json_object_get_double_member (o, "share_pct");
    }
  g_assert_cmpfloat_with_epsilon (share, 100.0, 0.1);

  g_assert_cmpuint (json_array_get_length (products), >, 10);
  for (guint i = 0; i < json_array_get_length (products); i++)
    {
      o = json_array_get_object_element (products, i);
      assert_keys (o, product_keys);
      saw_null_product |= json_object_get_null_member (o, "product_id");
    }
  g_assert_true (saw_null_product);   /* unmatched SKUs appear with a null product_id */

  for (guint i = 0; i < json_array_get_length (stock); i++)
    {
      o = json_array_get_object_element (stock, i);
      assert_keys (o, stock_keys);
      saw_null_days |= json_object_get_null_member (o, "days_of_stock");
    }
  g_assert_true (saw_null_days);      /* products without sales: infinite, null */

  {
    g_auto(Run) t = cli ("report", "today", "--db", demo_db, "--format", "json", NULL);
    g_autoptr(JsonNode) tn = parse_json (t.out);
    JsonObject *to = json_node_get_object (tn);
    g_assert_true (json_object_has_member (to, "today"));
    g_assert_true (json_object_has_member (to, "yesterday"));
    assert_keys (json_object_get_object_member (to, "change_pct"), summary_keys);
    assert_keys (json_object_get_object_member (to, "today"), summary_keys);
  }
}

/* report products: ranked by profit unless asked; an unknown cost or no
 * sales shows no margin, return rate or score (null, "—"), ranked last */
static void
test_report_products_ranking (void)
{
  g_auto(Run) j = cli ("report", "products", "--db", demo_db, "--to", "2026-11-20", "--format", "json", NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ranking = NULL;
  CiroReportFilter f = { ciro_day_from_ymd (2026, 10, 22), ciro_day_from_ymd (2026, 11, 20), NULL };
  JsonArray *arr;
  guint n_unknown = 0, first_unknown = G_MAXUINT;
  const char *unknown_sku = NULL;

  g_assert_cmpint (j.status, ==, 0);
  node = parse_json (j.out);
  arr = json_node_get_array (node);
  store = ciro_store_open (demo_db, &error);
  ranking = ciro_report_products (store, &f, CIRO_SORT_PROFIT, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (arr), ==, ranking->len);
  for (guint i = 0; i < json_array_get_length (arr); i++)
    {
      JsonObject *o = json_array_get_object_element (arr, i);
      const CiroProductRow *r = &g_array_index (ranking, CiroProductRow, i);
      gboolean known = json_object_get_boolean_member (o, "cost_known");
      gint64 units = json_object_get_int_member (o, "units");

      /* the engine's profit ranking, row for row */
      g_assert_cmpstr (json_object_get_string_member (o, "sku"), ==, r->sku);
      if (!known)
        {
          n_unknown++;
          first_unknown = MIN (first_unknown, i);
          unknown_sku = unknown_sku ? unknown_sku : r->sku;
          g_assert_true (json_object_get_null_member (o, "margin_pct"));
          g_assert_true (json_object_get_null_member (o, "score"));
          g_assert_true (json_object_get_null_member (o, "margin_ex_vat_pct"));
        }
      else
        {
          /* every known cost is ranked before every unknown one, by profit */
          g_assert_cmpuint (first_unknown, ==, G_MAXUINT);
          if (i > 0)
            g_assert_cmpint (money (o, "profit"), <=,
                             money (json_array_get_object_element (arr, i - 1), "profit"));
        }
      g_assert_true (json_object_get_null_member (o, "return_rate_pct") == (units == 0));
      if (units == 0)
        g_assert_true (json_object_get_null_member (o, "margin_pct"));
      if (known && units > 0)
        g_assert_false (json_object_get_null_member (o, "margin_pct"));
    }
  g_assert_cmpuint (n_unknown, >, 0);           /* the demo store has unknown SKUs */

  /* people read "—" where JSON has null, in English and in Turkish */
  for (int tr = 0; tr <= 1; tr++)
    {
      g_auto(Run) t = { 0 };
      g_auto(GStrv) lines = NULL;
      gboolean seen = FALSE;

      cli_lc_all = tr ? "tr_TR.UTF-8" : "C.UTF-8";
      cli_translated = TRUE;
      t = cli ("report", "products", "--db", demo_db, "--to", "2026-11-20", "--format", "table", NULL);
      cli_lc_all = "C.UTF-8";
      cli_translated = FALSE;
      g_assert_cmpint (t.status, ==, 0);
      g_assert_nonnull (strstr (t.out, tr ? "Marj" : "Margin"));
      lines = g_strsplit (t.out, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        if (strstr (lines[i], unknown_sku) != NULL)
          {
            /* margin, return rate and score: at least margin and score */
            g_assert_nonnull (strstr (lines[i], "—"));
            g_assert_null (strstr (lines[i], "100.0%"));
            g_assert_null (strstr (lines[i], "%100,0"));
            seen = TRUE;
          }
      g_assert_true (seen);
    }
}

/* report summary --compare: the days metrics.md names, worked out by hand
 * for CIRO_NOW = 2026-11-20, and the change against the engine's figures */
static void
test_report_summary_compare (void)
{
  static const struct {
    const char *from, *to, *basis, *want_from, *want_to;
  } cases[] = {
    { "2026-11-01", "2026-11-20", "previous", "2026-10-01", "2026-10-20" },    /* this month */
    { "2026-10-01", "2026-10-31", "previous", "2026-09-01", "2026-09-30" },    /* last month */
    { "2026-01-01", "2026-11-20", "previous", "2025-01-01", "2025-11-20" },    /* this year */
    { "2026-10-22", "2026-11-20", "previous", "2026-09-22", "2026-10-21" },    /* last 30 days */
    { "2026-11-05", "2026-11-14", "previous", "2026-10-26", "2026-11-04" },    /* custom */
    { "2026-11-01", "2026-11-20", "last-year", "2025-11-01", "2025-11-20" },
  };
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = ciro_store_open (demo_db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) r = cli ("report", "summary", "--db", demo_db, "--from", cases[i].from, "--to", cases[i].to,
                           "--compare", cases[i].basis, "--format", "json", NULL);
      g_autoptr(JsonNode) node = NULL;
      JsonObject *o, *cmp, *change;
      CiroReportFilter f = { 0 };
      CiroSummary s, p;

      g_assert_cmpint (r.status, ==, 0);
      node = parse_json (r.out);
      o = json_node_get_object (node);
      g_assert_cmpstr (json_object_get_string_member (o, "compare_from"), ==, cases[i].want_from);
      g_assert_cmpstr (json_object_get_string_member (o, "compare_to"), ==, cases[i].want_to);
      cmp = json_object_get_object_member (o, "compared");
      change = json_object_get_object_member (o, "change_pct");
      g_assert_true (ciro_day_parse (cases[i].want_from, &f.from, NULL));
      g_assert_true (ciro_day_parse (cases[i].want_to, &f.to, NULL));
      g_assert_true (ciro_report_summary (store, &f, &p, &error));
      g_assert_true (ciro_day_parse (cases[i].from, &f.from, NULL));
      g_assert_true (ciro_day_parse (cases[i].to, &f.to, NULL));
      g_assert_true (ciro_report_summary (store, &f, &s, &error));
      g_assert_cmpint (money (cmp, "net_revenue"), ==, p.net_revenue);
      g_assert_cmpint (money (o, "net_revenue"), ==, s.net_revenue);
      if (p.net_revenue != 0)
        g_assert_cmpfloat_with_epsilon (json_object_get_double_member (change, "net_revenue"),
                                        ((double) s.net_revenue - p.net_revenue) / fabs ((double) p.net_revenue) * 100,
                                        0.006);
      else
        g_assert_true (json_object_get_null_member (change, "net_revenue"));
    }

  /* without --compare the summary is as before: no comparison keys */
  {
    g_auto(Run) r = cli ("report", "summary", "--db", demo_db, "--format", "json", NULL);
    g_autoptr(JsonNode) node = parse_json (r.out);
    g_assert_false (json_object_has_member (json_node_get_object (node), "compared"));
  }
  /* CSV: a second row for the period compared with */
  {
    g_auto(Run) r = cli ("report", "summary", "--db", demo_db, "--from", "2026-11-01", "--compare", "previous",
                         "--format", "csv", NULL);
    g_auto(GStrv) lines = g_strsplit (r.out, "\r\n", -1);
    g_assert_true (g_str_has_prefix (lines[1], "2026-11-01,2026-11-20,"));
    g_assert_true (g_str_has_prefix (lines[2], "2026-10-01,2026-10-20,"));
  }
  /* the table says what is compared, in English and Turkish */
  {
    g_auto(Run) en = cli ("report", "summary", "--db", demo_db, "--from", "2026-11-01", "--compare", "previous",
                          "--format", "table", NULL);
    g_auto(Run) tr = { 0 };

    cli_lc_all = "tr_TR.UTF-8";
    cli_translated = TRUE;
    tr = cli ("report", "summary", "--db", demo_db, "--from", "2026-11-01", "--compare", "previous",
              "--format", "table", NULL);
    cli_lc_all = "C.UTF-8";
    cli_translated = FALSE;
    g_assert_nonnull (strstr (en.out, "1–20 Nov · compared with 1–20 Oct"));
    g_assert_nonnull (strstr (tr.out, "1–20 Kas · karşılaştırma: 1–20 Eki"));
  }
  /* bad bases and reports are usage errors */
  {
    g_auto(Run) a = cli ("report", "summary", "--db", demo_db, "--compare", "last-week", NULL);
    g_auto(Run) b = cli ("report", "products", "--db", demo_db, "--compare", "previous", NULL);
    assert_one_line_error (&a, 2);
    assert_one_line_error (&b, 2);
  }
}

/* report today: against yesterday up to CIRO_NOW's 15:00:00 */
static void
test_report_today_same_time (void)
{
  g_auto(Run) r = cli ("report", "today", "--db", demo_db, "--format", "json", NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CiroDay today = ciro_day_from_ymd (2026, 11, 20);
  CiroReportFilter f = { today - 1, today - 1, NULL };
  CiroSummary until, all;
  JsonObject *o;

  g_assert_cmpint (r.status, ==, 0);
  node = parse_json (r.out);
  o = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (o, "until"), ==, "15:00:00");
  store = ciro_store_open (demo_db, &error);
  g_assert_true (ciro_report_summary_until (store, &f, 15 * 3600, &until, &error));
  g_assert_true (ciro_report_summary (store, &f, &all, &error));
  g_assert_no_error (error);
  g_assert_cmpint (until.net_orders, >, 0);
  g_assert_cmpint (until.net_orders, <, all.net_orders);   /* the demo's yesterday went on after 15:00 */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "yesterday_until"), "net_orders"),
                   ==, until.net_orders);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "yesterday"), "net_orders"),
                   ==, all.net_orders);
  {
    JsonObject *t = json_object_get_object_member (o, "today");
    JsonObject *c = json_object_get_object_member (o, "change_pct");
    double want = ((double) json_object_get_int_member (t, "net_orders") - until.net_orders) / until.net_orders * 100;
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (c, "net_orders"), want, 0.006);
  }
}

/* A small RFC 4180 reader: fields, quotes, doubled quotes, CRLF. */
static GPtrArray *
csv_parse (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (field, '"'), p++;
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        g_ptr_array_add (row, g_string_free (g_steal_pointer (&field), FALSE)), field = g_string_new (NULL);
      else if (*p == '\r' && p[1] == '\n')
        {
          p++;
          g_ptr_array_add (row, g_string_free (g_steal_pointer (&field), FALSE));
          field = g_string_new (NULL);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
      else
        g_string_append_c (field, *p);
    }
  g_assert_false (quoted);
  g_assert_cmpuint (field->len, ==, 0);   /* every record ends with CRLF */
  g_string_free (field, TRUE);
  g_ptr_array_unref (row);
  return rows;
}

static void
test_report_csv (void)
{
  g_auto(Run) r = cli ("report", "products", "--db", demo_db, "--to", "2026-11-20", "--format", "csv",
                       "--limit", "25", NULL);
  g_auto(Run) j = cli ("report", "products", "--db", demo_db, "--to", "2026-11-20", "--format", "json",
                       "--limit", "25", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *arr;
  GPtrArray *header;

  g_assert_cmpint (r.status, ==, 0);
  rows = csv_parse (r.out);
  node = parse_json (j.out);
  arr = json_node_get_array (node);
  g_assert_cmpuint (rows->len, ==, 26);
  header = rows->pdata[0];
  g_assert_cmpstr (header->pdata[0], ==, "product_id");
  g_assert_cmpstr (header->pdata[5], ==, "revenue");
  for (guint i = 1; i < rows->len; i++)
    {
      GPtrArray *row = rows->pdata[i];
      JsonObject *o = json_array_get_object_element (arr, i - 1);
      g_assert_cmpuint (row->len, ==, header->len);
      g_assert_cmpstr (row->pdata[2], ==, json_object_get_string_member (o, "name"));
      g_assert_cmpint (llround (g_ascii_strtod (row->pdata[5], NULL) * 100), ==, money (o, "revenue"));
    }
}

/* The money keys of the summary, as metrics.md lists them. */
static const char * const summary_money_keys[] = {
  "gross_revenue", "cancel_return_revenue", "net_revenue", "shipping_income", "product_cost", "commission",
  "shipping_expense", "profit", "aov", "unmatched_revenue", NULL,
};

static void
assert_header (GPtrArray *header, const char * const *expected)
{
  guint n = 0;
  for (; expected[n]; n++)
    {
      g_assert_cmpuint (n, <, header->len);
      g_assert_cmpstr (header->pdata[n], ==, expected[n]);
    }
  g_assert_cmpuint (header->len, ==, n);
}

static void
test_contract_details (void)
{
  g_autofree char *fresh = g_build_filename (dir, "fresh.db", NULL);

  {
    /* no command, and a --from after the default --to (CIRO_NOW's day) */
    g_auto(Run) none = cli (NULL);
    g_auto(Run) late = cli ("report", "summary", "--db", demo_db, "--from", "2026-12-01", NULL);
    g_auto(Run) help = cli ("report", "-h", NULL);
    g_auto(Run) version = cli ("--version", NULL);
    g_auto(Run) stub = cli ("settings", "get", "no_such_key", "--db", demo_db, NULL);

    assert_one_line_error (&none, 2);
    assert_one_line_error (&late, 2);
    g_assert_nonnull (strstr (late.err, "2026-11-20"));
    g_assert_cmpint (help.status, ==, 0);
    g_assert_nonnull (strstr (help.out, "--format"));
    g_assert_cmpint (version.status, ==, 0);
    g_assert_true (g_str_has_prefix (version.out, "ciro-cli "));
    assert_one_line_error (&stub, 2);
  }

  {
    /* a report on a store that does not exist creates it and shows zeros;
     * yesterday is all zeros, so every change is null */
    g_auto(Run) r = cli ("--db", fresh, "report", "today", "--format", "json", NULL);
    g_autoptr(JsonNode) node = NULL;
    JsonObject *o, *change;
    const char * const today_keys[] = {
      "from", "to", "marketplace", "today", "yesterday", "until", "yesterday_until", "change_pct",
      "progress_pct", NULL,
    };

    g_assert_cmpint (r.status, ==, 0);
    g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
    node = parse_json (r.out);
    o = json_node_get_object (node);
    assert_keys (o, today_keys);
    g_assert_cmpstr (json_object_get_string_member (o, "from"), ==, "2026-11-19");
    g_assert_cmpstr (json_object_get_string_member (o, "to"), ==, "2026-11-20");
    g_assert_true (json_object_get_null_member (o, "marketplace"));
    assert_keys (json_object_get_object_member (o, "yesterday"), summary_keys);
    change = json_object_get_object_member (o, "change_pct");
    for (guint i = 0; summary_keys[i]; i++)
      g_assert_true (json_object_get_null_member (change, summary_keys[i]));
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (o, "today"), "gross_orders"), ==, 0);
  }

  {
    /* money is printed from kuruş with exactly two decimals, and the
     * figures keep metrics.md's identities */
    g_auto(Run) r = cli ("--db", demo_db, "report", "summary", "--from", "2025-01-01", "--to", "2026-11-20",
                         "--format", "json", NULL);
    g_autoptr(JsonNode) node = parse_json (r.out);
    JsonObject *o = json_node_get_object (node);

    for (guint i = 0; summary_money_keys[i]; i++)
      {
        g_autofree char *pattern = g_strdup_printf ("\"%s\": -?[0-9]+\\.[0-9]{2}[,}]", summary_money_keys[i]);
        if (!g_regex_match_simple (pattern, r.out, 0, 0))
          g_error ("%s is not TRY with two decimals in %s", summary_money_keys[i], r.out);
      }
    g_assert_cmpint (money (o, "profit"), ==,
                     money (o, "net_revenue") - money (o, "product_cost") - money (o, "commission") -
                     money (o, "shipping_expense"));
    g_assert_cmpint (money (o, "net_revenue"), ==, money (o, "gross_revenue") - money (o, "cancel_return_revenue"));
    g_assert_cmpint (json_object_get_int_member (o, "net_orders"), ==,
                     json_object_get_int_member (o, "gross_orders") -
                     json_object_get_int_member (o, "cancel_return_orders"));
  }

  {
    /* CSV headers are the JSON keys, literally */
    g_auto(Run) sum = cli ("--db", demo_db, "report", "summary", "--to", "2026-11-20", "--format", "csv", NULL);
    g_auto(Run) sumj = cli ("--db", demo_db, "report", "summary", "--to", "2026-11-20", "--format", "json", NULL);
    g_auto(Run) daily = cli ("--db", demo_db, "report", "daily", "--to", "2026-11-20", "--format", "csv", NULL);
    g_auto(Run) prod = cli ("--db", demo_db, "report", "products", "--to", "2026-11-20", "--format", "csv",
                            "--limit", "3", NULL);
    g_auto(Run) stock = cli ("--db", demo_db, "report", "stock", "--format", "csv", "--limit", "3", NULL);
    g_auto(Run) unm = cli ("--db", demo_db, "unmatched", "--format", "csv", NULL);
    g_autoptr(GPtrArray) s = NULL, d = NULL, p = NULL, k = NULL, u = NULL;
    g_autoptr(JsonNode) sj = NULL;
    const char *with_window[3 + 19 + 13 + 1] = { "from", "to", "marketplace" };
    const char *daily_keys[1 + 19 + 13 + 1] = { "date" };
    const char * const product_keys[] = {
      "product_id", "sku", "name", "brand", "category", "revenue", "units", "orders", "cost", "commission",
      "profit", "margin_pct", "return_units", "return_rate_pct", "stock", "daily_sales", "days_of_stock",
      "score", "profit_ex_vat", "margin_ex_vat_pct", "roi_pct", "cost_known", NULL,
    };
    const char * const stock_keys[] = {
      "product_id", "sku", "name", "stock", "daily_sales", "days_of_stock", "stock_out_date", "low_stock",
      "slow_moving", "dead_stock", NULL,
    };
    const char * const unmatched_keys[] = { "sku", "lines", "units", "revenue", "last_date", NULL };
    GPtrArray *row;

    for (guint i = 0; summary_keys[i]; i++)
      {
        with_window[3 + i] = summary_keys[i];
        daily_keys[1 + i] = summary_keys[i];
      }
    for (guint i = 0; profit_keys[i]; i++)
      {
        with_window[22 + i] = profit_keys[i];
        daily_keys[20 + i] = profit_keys[i];
      }
    g_assert_cmpint (sum.status, ==, 0);
    s = csv_parse (sum.out);
    d = csv_parse (daily.out);
    p = csv_parse (prod.out);
    k = csv_parse (stock.out);
    u = csv_parse (unm.out);
    assert_header (s->pdata[0], with_window);
    assert_header (d->pdata[0], daily_keys);
    assert_header (p->pdata[0], product_keys);
    assert_header (k->pdata[0], stock_keys);
    assert_header (u->pdata[0], unmatched_keys);
    g_assert_cmpuint (s->len, ==, 2);
    g_assert_cmpuint (d->len, ==, 31);
    g_assert_cmpuint (p->len, ==, 4);
    g_assert_cmpuint (k->len, ==, 4);
    g_assert_cmpuint (u->len, >, 1);

    /* the summary's CSV row carries the JSON's values */
    sj = parse_json (sumj.out);
    row = s->pdata[1];
    g_assert_cmpstr (row->pdata[0], ==, "2026-10-22");
    g_assert_cmpstr (row->pdata[2], ==, "");
    for (guint i = 0; summary_keys[i]; i++)
      g_assert_cmpfloat_with_epsilon (g_ascii_strtod (row->pdata[3 + i], NULL),
                                      json_object_get_double_member (json_node_get_object (sj), summary_keys[i]),
                                      0.001);
  }
}

static void
test_settings_and_map (void)
{
  g_autofree char *db = g_build_filename (dir, "settings.db", NULL);
  g_autofree char *cmd_db = g_strdup_printf ("--db=%s", db);

  {
    g_auto(Run) demo = cli ("demo", "--orders", "800", "--products", "30", "--seed", "9", cmd_db, NULL);
    g_assert_cmpint (demo.status, ==, 0);
  }
  {
    g_auto(Run) again = cli (cmd_db, "demo", "--orders", "10", NULL);
    assert_one_line_error (&again, 2);   /* never overwrites a store with orders */
  }
  {
    g_auto(Run) set = cli (cmd_db, "settings", "set", "low_stock_threshold", "15", NULL);
    g_auto(Run) get = cli (cmd_db, "settings", "get", "low_stock_threshold", NULL);
    g_auto(Run) bad = cli (cmd_db, "settings", "set", "low_stock_threshold", "abc", NULL);
    g_auto(Run) unknown = cli (cmd_db, "settings", "set", "colour", "blue", NULL);
    g_assert_cmpint (set.status, ==, 0);
    g_assert_cmpstr (get.out, ==, "15\n");
    assert_one_line_error (&bad, 2);
    assert_one_line_error (&unknown, 2);
  }
  {
    g_auto(Run) before = cli (cmd_db, "report", "summary", "--from", "2020-01-01", "--format", "json", NULL);
    g_auto(Run) set = cli (cmd_db, "settings", "set", "commission.Trendyol", "30", NULL);
    g_auto(Run) get = cli (cmd_db, "settings", "get", "commission.Trendyol", NULL);
    g_auto(Run) after = cli (cmd_db, "report", "summary", "--from", "2020-01-01", "--format", "json", NULL);
    g_autoptr(JsonNode) b = parse_json (before.out);
    g_autoptr(JsonNode) a = parse_json (after.out);
    g_assert_cmpint (set.status, ==, 0);
    g_assert_cmpstr (get.out, ==, "30.00\n");
    g_assert_cmpint (money (json_node_get_object (a), "commission"), >,
                     money (json_node_get_object (b), "commission"));
  }
  {
    g_auto(Run) list = cli (cmd_db, "unmatched", "--format", "json", NULL);
    g_autoptr(JsonNode) n = parse_json (list.out);
    JsonArray *arr = json_node_get_array (n);
    const char *sku;
    g_assert_cmpuint (json_array_get_length (arr), >, 0);
    sku = json_object_get_string_member (json_array_get_object_element (arr, 0), "sku");
    {
      g_auto(Run) nope = cli (cmd_db, "map", sku, "NO-SUCH-PRODUCT", NULL);
      assert_one_line_error (&nope, 2);
    }
    {
      g_auto(Run) ok = cli (cmd_db, "map", sku, "STD-100063", NULL);
      g_auto(Run) list2 = cli (cmd_db, "unmatched", "--format", "json", NULL);
      g_autoptr(JsonNode) n2 = parse_json (list2.out);
      g_assert_cmpint (ok.status, ==, 0);
      g_assert_cmpuint (json_array_get_length (json_node_get_array (n2)), ==, json_array_get_length (arr) - 1);
    }
  }
}


/* ciro-cli in Turkish with the translation of this build. */
static Run
cli_turkish (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) l = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                 G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (localedir, "tr", "LC_MESSAGES", "ciro.mo", NULL);
  Run r = { 0 };

  g_assert_true (g_file_test (mo, G_FILE_TEST_EXISTS));
  g_ptr_array_add (argv, (gpointer) g_getenv ("CIRO_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_unsetenv (l, "CIRO_DB");
  g_subprocess_launcher_setenv (l, "LC_ALL", "tr_TR.UTF-8", TRUE);
  g_subprocess_launcher_setenv (l, "LANGUAGE", "tr", TRUE);
  g_subprocess_launcher_setenv (l, "CIRO_LOCALEDIR", localedir, TRUE);
  p = g_subprocess_launcher_spawnv (l, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &r.out, &r.err, &error));
  g_assert_no_error (error);
  r.status = g_subprocess_get_exit_status (p);
  return r;
}

/* ciro-cli fees import: the mapping on the command line, then remembered;
 * unknown orders listed; a re-import changes nothing; a broken workbook is
 * one translated line and changes nothing. One Trendyol order "TY-555" of
 * 1.000,00 on 2026-03-30: commission estimated at 21,5 % = 215,00, actual
 * 180,25 from the file; cargo 75,00 estimated, 39,90 actual. */
static void
test_fees_import (void)
{
  g_autofree char *db = g_build_filename (dir, "fees.db", NULL);
  g_autofree char *cmd_db = g_strdup_printf ("--db=%s", db);
  g_autofree char *csv = g_build_filename (dir, "fees.csv", NULL);
  g_autofree char *broken = g_build_filename (dir, "fees.xlsx", NULL);
  CiroDay day = ciro_day_from_ymd (2026, 3, 30);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CiroStore) store = ciro_store_open (db, &error);
    CiroOrderRecord *o = ciro_order_record_new ();
    CiroOrderLineRecord *l = ciro_order_line_record_new ();

    g_assert_no_error (error);
    o->id = 9001;
    o->order_code = g_strdup ("TY-555");
    o->day = day;
    o->source = g_strdup ("Trendyol");
    o->status = 5;
    l->sku = g_strdup ("X-1");
    l->quantity = 1;
    l->amount = 100000;
    g_ptr_array_add (o->lines, l);
    g_assert_true (ciro_store_begin (store, &error));
    g_assert_true (ciro_store_put_order (store, o, &error));
    g_assert_true (ciro_store_commit (store, &error));
    g_assert_no_error (error);
    ciro_order_record_free (o);
  }
  g_assert_true (g_file_set_contents (csv, "Sipariş No;Komisyon;Kargo\n555;180,25;39,90\n777;1;1\n", -1, NULL));
  g_assert_true (g_file_set_contents (broken, "PK\x03\x04 cut short", -1, NULL));
  {
    g_auto(Run) r = cli (cmd_db, "fees", "import", csv, "--marketplace", "trendyol",
                         "--map", "order=A,commission=Komisyon,cargo=3", "--format", "table", NULL);
    g_auto(Run) sum = cli (cmd_db, "report", "summary", "--from", "2026-03-30", "--to", "2026-03-30",
                           "--format", "json", NULL);
    g_autoptr(JsonNode) n = parse_json (sum.out);
    JsonObject *o = json_node_get_object (n);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, "Fees of 1 order imported: 1 changed, 0 already so.\n"
                                "1 row names an order Ciro does not know:\n"
                                "  row 3: 777\n");
    g_assert_cmpint (money (o, "commission"), ==, 18025);
    g_assert_cmpint (money (o, "shipping_expense"), ==, 3990);
  }
  {
    /* no --map: the remembered one; the result in JSON */
    g_auto(Run) r = cli (cmd_db, "fees", "import", csv, "--marketplace", "Trendyol", "--format", "json", NULL);
    g_autoptr(JsonNode) n = parse_json (r.out);
    JsonObject *o = json_node_get_object (n);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpint (json_object_get_int_member (o, "updated"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (o, "unchanged"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                       json_object_get_array_member (o, "unknown"), 0), "order"), ==, "777");
  }
  {
    const char *args[] = { cmd_db, "fees", "import", csv, "--marketplace", "Trendyol", "--format", "table", NULL };
    const char *bad[] = { cmd_db, "fees", "import", broken, "--marketplace", "Trendyol", NULL };
    const char *no_mp[] = { cmd_db, "fees", "import", csv, NULL };
    g_auto(Run) r = cli_turkish (args);
    g_auto(Run) b = cli_turkish (bad);
    g_auto(Run) m = cli_turkish (no_mp);
    g_auto(Run) sum = cli (cmd_db, "report", "summary", "--from", "2026-03-30", "--to", "2026-03-30",
                           "--format", "json", NULL);
    g_autoptr(JsonNode) n = parse_json (sum.out);

    g_assert_cmpint (r.status, ==, 0);
    g_assert_cmpstr (r.out, ==, "1 siparişin bedelleri alındı: 0 değişti, 1 zaten böyleydi.\n"
                                "1 satır Ciro’nun bilmediği siparişleri gösteriyor:\n"
                                "  3. satır: 777\n");
    assert_one_line_error (&b, 2);
    g_assert_nonnull (strstr (b.err, "okunabilir bir XLSX çalışma kitabı değil"));
    assert_one_line_error (&m, 2);
    g_assert_nonnull (strstr (m.err, "--marketplace AD gerekli"));
    g_assert_cmpint (money (json_node_get_object (n), "commission"), ==, 18025);
  }
}

/* profit.md from the command line: ad spend and expenses entered, listed,
 * imported and removed; settings with history; the figures follow. */
static void
test_profit_commands (void)
{
  g_autofree char *db = g_build_filename (dir, "profit.db", NULL);
  g_autofree char *cmd_db = g_strdup_printf ("--db=%s", db);
  g_autofree char *csv = g_build_filename (dir, "ads.csv", NULL);
  g_autofree char *bad_csv = g_build_filename (dir, "bad-ads.csv", NULL);

  /* Turkish and English numbers and dates, a header line */
  g_assert_true (g_file_set_contents (csv, "tarih;pazaryeri;tutar;not\n"
                                           "31.03.2026;Trendyol;1.500,25;Reklam\n"
                                           "2026-04-02;trendyol;50.5;\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad_csv, "2026-04-02;;12;ok\n2026-04-03;;abc;x\n", -1, NULL));
  {
    /* rent 3.000,00 a month from February: 9677 + 9678 kuruş on 30 and 31
     * March (⌊30·300000/31⌋ − ⌊29·300000/31⌋, 300000 − ⌊30·300000/31⌋),
     * 10000 on each April day: 393,55 over 2026-03-30 … 04-02 */
    g_auto(Run) rent = cli (cmd_db, "expense", "add", "2026-02-10", "3000", "--monthly", "--name", "Kira",
                            "--category", "rent", NULL);
    g_auto(Run) outside = cli (cmd_db, "expense", "add", "2026-03-29", "500", NULL);
    g_auto(Run) imp = cli (cmd_db, "adspend", "import", csv, NULL);
    g_auto(Run) bad = cli (cmd_db, "adspend", "import", bad_csv, NULL);
    g_auto(Run) list = cli (cmd_db, "adspend", "list", "--format", "json", NULL);
    g_autoptr(JsonNode) n = NULL;
    JsonArray *arr;

    g_assert_cmpint (rent.status, ==, 0);
    g_assert_cmpstr (rent.out, ==, "1\n");
    g_assert_cmpint (outside.status, ==, 0);
    g_assert_cmpint (imp.status, ==, 0);
    g_assert_cmpstr (imp.out, ==, "2 entries imported\n");
    assert_one_line_error (&bad, 2);
    g_assert_nonnull (strstr (bad.err, "Line 2"));
    n = parse_json (list.out);
    arr = json_node_get_array (n);
    g_assert_cmpuint (json_array_get_length (arr), ==, 2);   /* the bad file added nothing */
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (arr, 0), "marketplace"), ==,
                     "Trendyol");
    g_assert_cmpint (money (json_array_get_object_element (arr, 0), "amount"), ==, 150025);
    g_assert_cmpint (money (json_array_get_object_element (arr, 1), "amount"), ==, 5050);
  }
  {
    g_auto(Run) r = cli (cmd_db, "report", "summary", "--from", "2026-03-30", "--to", "2026-04-02",
                         "--format", "json", NULL);
    g_autoptr(JsonNode) n = parse_json (r.out);
    JsonObject *o = json_node_get_object (n);

    g_assert_cmpint (money (o, "ad_spend"), ==, 150025 + 5050);
    g_assert_cmpint (money (o, "expenses"), ==, 39355);
    g_assert_cmpint (money (o, "operating_profit"), ==, -(150025 + 5050 + 39355));
    g_assert_true (json_object_get_null_member (o, "roi_pct"));   /* no cost: absent */
  }
  {
    g_auto(Run) rm = cli (cmd_db, "adspend", "remove", "3", NULL);
    g_auto(Run) again = cli (cmd_db, "adspend", "remove", "3", NULL);
    g_auto(Run) wrong_kind = cli (cmd_db, "adspend", "remove", "1", NULL);   /* 1 is an expense */
    g_auto(Run) r = cli (cmd_db, "report", "summary", "--from", "2026-03-30", "--to", "2026-04-02",
                         "--marketplace", "hepsiburada", "--format", "json", NULL);
    g_autoptr(JsonNode) n = parse_json (r.out);

    g_assert_cmpint (rm.status, ==, 0);
    assert_one_line_error (&again, 2);
    assert_one_line_error (&wrong_kind, 2);
    /* the filter applies to entries naming a marketplace: the rent stays */
    g_assert_cmpint (money (json_node_get_object (n), "ad_spend"), ==, 0);
    g_assert_cmpint (money (json_node_get_object (n), "expenses"), ==, 39355);
  }
  {
    g_auto(Run) fee = cli (cmd_db, "settings", "set", "fee_vat", "18", "--from", "2026-01-01", NULL);
    g_auto(Run) absurd = cli (cmd_db, "settings", "set", "fee_vat", "120", NULL);
    g_auto(Run) svc = cli (cmd_db, "settings", "set", "service_fee.trendyol", "12,50", "--from", "2026-01-01", NULL);
    g_auto(Run) svc_bad = cli (cmd_db, "settings", "set", "service_fee.Trendyol", "-1", NULL);
    g_auto(Run) rule = cli (cmd_db, "settings", "set", "commission.Trendyol.GİYİM", "15", "--from", "2026-04-01", NULL);
    g_auto(Run) bad_from = cli (cmd_db, "settings", "set", "low_stock_threshold", "5", "--from", "2026-01-01", NULL);
    g_auto(Run) get_fee = cli (cmd_db, "settings", "get", "fee_vat", NULL);
    g_auto(Run) get_svc = cli (cmd_db, "settings", "get", "service_fee.Trendyol", NULL);
    g_auto(Run) get_rule = cli (cmd_db, "settings", "get", "commission.Trendyol.giyim", NULL);
    g_auto(Run) get_ship = cli (cmd_db, "settings", "get", "shipping_vat", NULL);

    g_assert_cmpint (fee.status, ==, 0);
    assert_one_line_error (&absurd, 2);
    g_assert_cmpint (svc.status, ==, 0);
    assert_one_line_error (&svc_bad, 2);
    g_assert_cmpint (rule.status, ==, 0);
    assert_one_line_error (&bad_from, 2);
    g_assert_cmpstr (get_fee.out, ==, "18.00\n");
    g_assert_cmpstr (get_svc.out, ==, "12.50\n");
    g_assert_cmpstr (get_rule.out, ==, "15.00\n");
    g_assert_cmpstr (get_ship.out, ==, "20.00\n");
  }
  {
    g_auto(Run) h = cli (cmd_db, "settings", "history", "--format", "json", NULL);
    g_autoptr(JsonNode) n = parse_json (h.out);
    JsonArray *arr = json_node_get_array (n);
    JsonObject *first;

    /* by key: the rule (commission.Trendyol.giyim), fee_vat, service_fee.Trendyol */
    g_assert_cmpuint (json_array_get_length (arr), ==, 3);
    first = json_array_get_object_element (arr, 0);
    g_assert_cmpstr (json_object_get_string_member (first, "key"), ==, "commission.Trendyol.giyim");
    g_assert_cmpstr (json_object_get_string_member (first, "from"), ==, "2026-04-01");
    g_assert_cmpstr (json_object_get_string_member (first, "value"), ==, "15.00");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (arr, 2), "value"), ==, "12.50");
  }
  {
    g_autofree char *rules = g_build_filename (dir, "rules.csv", NULL);
    g_assert_true (g_file_set_contents (rules, "marketplace;category;rate\nN11;Kozmetik;9,5\n", -1, NULL));
    {
      g_auto(Run) imp = cli (cmd_db, "settings", "import", rules, "--from", "2026-05-01", NULL);
      g_auto(Run) get = cli (cmd_db, "settings", "get", "commission.N11.kozmetik", NULL);
      g_assert_cmpint (imp.status, ==, 0);
      g_assert_cmpstr (imp.out, ==, "1 commission rule imported\n");
      g_assert_cmpstr (get.out, ==, "9.50\n");   /* the tests' today is after May */
    }
  }
  {
    /* the same in Turkish: Turkish amounts, Turkish messages and labels */
    const char *const add[] = { cmd_db, "expense", "add", "2026-04-01", "1.234,56", NULL };
    const char *const absurd[] = { cmd_db, "settings", "set", "shipping_vat", "101", NULL };
    const char *const bad[] = { cmd_db, "expense", "import", bad_csv, NULL };
    const char *const table[] = { cmd_db, "report", "summary", "--from", "2026-04-01", "--to", "2026-04-01",
                                  "--format", "table", NULL };
    g_auto(Run) a = cli_turkish (add);
    g_auto(Run) b = cli_turkish (absurd);
    g_auto(Run) c = cli_turkish (bad);
    g_auto(Run) t = cli_turkish (table);

    g_assert_cmpint (a.status, ==, 0);
    assert_one_line_error (&b, 2);
    g_assert_cmpstr (b.err, ==, "ciro-cli: Oran %0 ile %100 arasında olmalı\n");
    assert_one_line_error (&c, 2);
    g_assert_cmpstr (c.err, ==, "ciro-cli: Satır 2: “abc”, ₺0 ile ₺100.000.000 arasında bir tutar değil\n");
    g_assert_cmpint (t.status, ==, 0);
    /* 1.234,56 + rent 100,00 on 1 April */
    g_assert_nonnull (strstr (t.out, "Diğer Giderler"));
    g_assert_nonnull (strstr (t.out, "1.334,56"));
    g_assert_nonnull (strstr (t.out, "Faaliyet Kârı"));
  }
}

/* Absurd but well-formed numbers: a shipping cost beyond what a store can
 * hold (it would overflow orders × cost) is refused in one line. */
static void
test_settings_absurd_numbers (void)
{
  g_autofree char *db = g_build_filename (dir, "absurd.db", NULL);
  g_autofree char *cmd_db = g_strdup_printf ("--db=%s", db);

  {
    g_auto(Run) bad = cli (cmd_db, "settings", "set", "shipping.Trendyol", "92233720368547758.07", NULL);
    g_auto(Run) get = cli (cmd_db, "settings", "get", "shipping.Trendyol", NULL);
    assert_one_line_error (&bad, 2);
    g_assert_cmpstr (bad.err, ==, "ciro-cli: “92233720368547758.07” is not a shipping cost in TRY"
                                  " between 0 and ₺100,000,000.00\n");
    g_assert_cmpstr (get.out, ==, "75.00\n");   /* unchanged */
  }
  {
    g_auto(Run) edge = cli (cmd_db, "settings", "set", "shipping.Trendyol", "100000000", NULL);
    g_auto(Run) over = cli (cmd_db, "settings", "set", "shipping.Trendyol", "100000000.01", NULL);
    g_auto(Run) commission = cli (cmd_db, "settings", "set", "commission.N11", "100.01", NULL);
    g_auto(Run) get = cli (cmd_db, "settings", "get", "shipping.Trendyol", NULL);
    g_assert_cmpint (edge.status, ==, 0);
    assert_one_line_error (&over, 2);
    assert_one_line_error (&commission, 2);
    g_assert_cmpstr (get.out, ==, "100000000.00\n");
  }
  {
    const char *args[] = { cmd_db, "settings", "set", "shipping.Trendyol", "92233720368547758.07", NULL };
    g_auto(Run) tr = cli_turkish (args);
    assert_one_line_error (&tr, 2);
    g_assert_cmpstr (tr.err, ==, "ciro-cli: “92233720368547758.07” TL cinsinden 0 ile ₺100.000.000,00"
                                 " arasında bir kargo ücreti değil\n");
  }
}

/* A store whose products table a bad disk overwrote, left open by a
 * program that died: refused in one line with the backup offered, and put
 * back by "restore". */
static void
test_damaged_store (void)
{
  g_autofree char *db = g_build_filename (dir, "damaged", "ciro.db", NULL);
  g_autofree char *cmd_db = g_strdup_printf ("--db=%s", db);
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 page, size;
  FILE *f;
  char junk[512];
  char today[11];
  g_autofree char *offer = NULL;
  gint64 had;

  {
    g_auto(Run) demo = cli ("demo", "--orders", "200", "--products", "20", "--seed", "3", cmd_db, NULL);
    g_auto(Run) backup = cli (cmd_db, "backup", NULL);
    g_autofree char *made = NULL;
    g_assert_cmpint (demo.status, ==, 0);
    g_assert_cmpint (backup.status, ==, 0);
    g_assert_true (g_str_has_prefix (backup.out, "Backed up to "));
    made = g_strstrip (g_strdup (backup.out + strlen ("Backed up to ")));
    g_assert_true (g_file_test (made, G_FILE_TEST_IS_REGULAR));
    /* the day of the CLI's clock (CIRO_NOW) */
    g_assert_cmpint (ciro_store_backup_day (made), ==, ciro_day_from_ymd (2026, 11, 20));
  }
  g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
  /* the orders the backup holds: the demo's of the days up to CIRO_NOW */
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT count(*) FROM orders", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  had = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (had, >, 150);
  g_assert_cmpint (had, <=, 200);
  g_assert_cmpint (sqlite3_exec (raw, "UPDATE store_state SET value = 1 WHERE key = 'open'", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT (SELECT rootpage FROM sqlite_master WHERE name = 'order_lines'),"
                                            " (SELECT page_size FROM pragma_page_size)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int64 (stmt, 0);
  size = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (raw), ==, SQLITE_OK);
  memset (junk, 0x5A, sizeof junk);
  f = fopen (db, "r+b");
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, (page - 1) * size, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (junk, 1, sizeof junk, f), ==, sizeof junk);
  fclose (f);

  ciro_day_format (ciro_day_from_ymd (2026, 11, 20), today);
  {
    g_auto(Run) report = cli (cmd_db, "report", "summary", NULL);
    g_auto(Run) map = cli (cmd_db, "map", "A", "B", NULL);
    assert_one_line_error (&report, 4);
    assert_one_line_error (&map, 4);
    g_assert_nonnull (strstr (report.err, "is damaged (SQLite’s check: "));
    offer = g_strdup_printf ("nothing was written to it. “ciro-cli restore” puts back the backup of %s"
                             " (the damaged file is kept beside it)\n", today);
    g_assert_true (g_str_has_suffix (report.err, offer));
  }
  {
    const char *args[] = { cmd_db, "report", "summary", NULL };
    g_auto(Run) tr = cli_turkish (args);
    g_autofree char *tr_offer = g_strdup_printf ("depoya hiçbir şey yazılmadı. “ciro-cli restore” %s tarihli yedeği"
                                                 " geri koyar (hasarlı dosya yanında saklanır)\n", today);
    assert_one_line_error (&tr, 4);
    g_assert_nonnull (strstr (tr.err, "deposu hasarlı (SQLite denetimi: "));
    g_assert_true (g_str_has_suffix (tr.err, tr_offer));
  }
  {
    g_auto(Run) restore = cli (cmd_db, "restore", NULL);
    g_auto(Run) report = cli (cmd_db, "report", "summary", "--from", "2020-01-01", "--format", "json", NULL);
    g_autoptr(JsonNode) n = NULL;
    g_assert_cmpint (restore.status, ==, 0);
    g_assert_nonnull (strstr (restore.out, "the file it replaced is kept as"));
    g_assert_cmpint (report.status, ==, 0);
    n = parse_json (report.out);
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (n), "gross_orders"), ==, had);
  }
}

/* ---------------------------------------------------------- sync against the mock */

typedef struct {
  gboolean done;
  char    *out;
  char    *err;
} AsyncRun;

static void
communicated (GObject *source, GAsyncResult *result, gpointer data)
{
  AsyncRun *r = data;
  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &r->out, &r->err, NULL);
  r->done = TRUE;
}

/* Starts ciro-cli while this process keeps serving the mock. */
static GSubprocess *
cli_spawn_paused (const char *url, const char *secret, const char * const *args, guint pause_ms)
{
  g_autoptr(GSubprocessLauncher) l = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                 G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pause = g_strdup_printf ("%u", pause_ms);
  GSubprocess *p;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CIRO_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (l, "SENTOS_API_URL", url, TRUE);
  g_subprocess_launcher_setenv (l, "SENTOS_API_KEY", "key", TRUE);
  g_subprocess_launcher_setenv (l, "SENTOS_API_SECRET", secret, TRUE);
  g_subprocess_launcher_setenv (l, "CIRO_SYNC_PAUSE_MS", pause, TRUE);
  g_subprocess_launcher_setenv (l, "CIRO_SYNC_RETRY_MS", "10", TRUE);
  g_subprocess_launcher_setenv (l, "CIRO_SYNC_SAME_URL_MS", "0", TRUE);
  g_subprocess_launcher_setenv (l, "CIRO_NOW", "2026-11-20 15:00:00", TRUE);
  p = g_subprocess_launcher_spawnv (l, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return p;
}

static GSubprocess *
cli_spawn (const char *url, const char *secret, const char * const *args)
{
  return cli_spawn_paused (url, secret, args, 0);
}

static int
cli_wait (GSubprocess *p, AsyncRun *r)
{
  g_subprocess_communicate_utf8_async (p, NULL, NULL, communicated, r);
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_wait (p, NULL, NULL);
  return g_subprocess_get_if_exited (p) ? g_subprocess_get_exit_status (p) : -1;
}

static CiroDemo *
demo_like_main (void)
{
  CiroDemoOptions o;
  ciro_demo_options_init (&o);
  o.n_orders = 3000;
  o.n_products = 60;
  o.seed = 7;
  o.end_day = ciro_day_from_ymd (2026, 11, 20);
  o.end_seconds = 15 * 3600;   /* main's demo runs at CIRO_NOW, 15:00 */
  return ciro_demo_new (&o);
}

static void
assert_same_summary (const char *a_path, const char *b_path)
{
  g_autoptr(CiroStore) a = ciro_store_open (a_path, NULL);
  g_autoptr(CiroStore) b = ciro_store_open (b_path, NULL);
  CiroReportFilter f = { ciro_day_from_ymd (2024, 1, 1), ciro_day_from_ymd (2026, 11, 20), NULL };
  CiroSummary x, y;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (ciro_report_summary (a, &f, &x, NULL));
  g_assert_true (ciro_report_summary (b, &f, &y, NULL));
  g_assert_cmpint (x.gross_orders, ==, y.gross_orders);
  g_assert_cmpint (x.net_revenue, ==, y.net_revenue);
  g_assert_cmpint (x.profit, ==, y.profit);
  g_assert_cmpint (ciro_store_count_orders (a, NULL), ==, ciro_store_count_orders (b, NULL));
  g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (b), "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
}

static void
test_sync_bad_credentials (void)
{
  g_autoptr(CiroDemo) demo = demo_like_main ();
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", NULL);
  g_autofree char *db = g_build_filename (dir, "sync401.db", NULL);
  const char *args[] = { "--db", db, "sync", "--from", "2026-11-01", "--to", "2026-11-20", NULL };
  g_autoptr(GSubprocess) p = cli_spawn (ciro_mock_get_url (mock), "wrong", args);
  AsyncRun r = { 0 };
  int status = cli_wait (p, &r);

  g_assert_cmpint (status, ==, 3);
  g_assert_nonnull (strstr (r.err, "API key"));
  {
    g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
    g_assert_cmpint (ciro_store_count_orders (store, NULL), ==, 0);
    g_assert_cmpint (ciro_store_count_products (store, NULL), ==, 0);
  }
  g_free (r.out);
  g_free (r.err);
}

static void
test_sync_with_faults (void)
{
  g_autoptr(CiroDemo) demo = demo_like_main ();
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", NULL);
  g_autofree char *db = g_build_filename (dir, "syncfaults.db", NULL);
  const char *args[] = { "--db", db, "sync", "--from", "2024-11-20", "--to", "2026-11-20", NULL };
  g_autoptr(GSubprocess) p = NULL;
  AsyncRun r = { 0 };
  int status;

  g_assert_true (ciro_mock_parse_faults (mock, "2:503,4:cut,6:bad-json,8:429,10:wrong-types,12:repeat-page", NULL));
  p = cli_spawn (ciro_mock_get_url (mock), "secret", args);
  status = cli_wait (p, &r);
  if (status != 0)
    g_error ("sync failed: %s", r.err);
  /* one summary line on stdout */
  g_assert_true (g_str_has_prefix (r.out, "pages "));
  g_assert_nonnull (strstr (r.out, "skipped 2,"));
  g_assert_cmpint (strchr (r.out, '\n') - r.out, ==, (int) strlen (r.out) - 1);
  assert_same_summary (direct_db, db);
  g_free (r.out);
  g_free (r.err);
}

/* A sync killed at random moments, then run again, ends with the same store. */
static void
test_sync_killed (void)
{
  g_autoptr(CiroDemo) demo = demo_like_main ();
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", NULL);
  g_autofree char *db = g_build_filename (dir, "synckilled.db", NULL);
  const char *args[] = { "--db", db, "sync", "--from", "2024-11-20", "--to", "2026-11-20", NULL };

  for (guint kill_no = 0; kill_no < 4; kill_no++)
    {
      /* 25 ms between requests: the whole sync (106 requests) takes longer
       * than the four kills' 400 ms at most together, so that each one
       * lands in the middle of a run */
      g_autoptr(GSubprocess) p = cli_spawn_paused (ciro_mock_get_url (mock), "secret", args, 25);
      gint64 until = g_get_monotonic_time () + g_test_rand_int_range (50, 400) * 1000;
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      g_subprocess_send_signal (p, SIGKILL);
      {
        AsyncRun r = { 0 };
        cli_wait (p, &r);
        g_free (r.out);
        g_free (r.err);
      }
      g_assert_true (g_subprocess_get_if_signaled (p));
      {
        g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
        sqlite3_stmt *stmt = NULL;
        g_assert_nonnull (store);
        g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store), "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
        sqlite3_finalize (stmt);
      }
    }
  {
    g_autoptr(GSubprocess) p = cli_spawn (ciro_mock_get_url (mock), "secret", args);
    AsyncRun r = { 0 };
    int status = cli_wait (p, &r);
    if (status != 0)
      g_error ("final sync failed: %s", r.err);
    g_free (r.out);
    g_free (r.err);
  }
  assert_same_summary (direct_db, db);
  {
    /* whatever the kills left of the first sync's bulk import, the run that
     * ended well rebuilt its indexes */
    g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
    g_assert_false (ciro_store_in_bulk (store));
  }
}

/* ---------------------------------------------------------- export */

static GPtrArray *
csv_parse_sep (const char *text, char sep)
{
  g_autofree char *copy = g_strdup (text);
  if (sep != ',')
    {
      /* swap the separators so that the RFC 4180 reader above serves */
      for (char *p = copy; *p; p++)
        if (*p == sep)
          *p = '\x01';
        else if (*p == ',')
          *p = '\x02';
      for (char *p = copy; *p; p++)
        if (*p == '\x01')
          *p = ',';
    }
  return csv_parse (copy);
}

static gint64
kurus_of (const char *text)
{
  g_autofree char *t = g_strdup (text);
  g_strdelimit (t, "\x02", '.');
  return llround (g_ascii_strtod (t, NULL) * 100);
}

static GPtrArray *
export_rows (const char *kind, char sep)
{
  g_autofree char *out = g_strdup_printf ("%s/export-%s-%c.csv", dir, kind, sep == ',' ? 'c' : 's');
  g_auto(Run) r = cli ("export", kind, "--db", demo_db, "--format", "csv", "--output", out,
                       "--from", "2026-09-01", "--to", "2026-11-20", NULL);
  g_autofree char *text = NULL;

  if (r.status != 0)
    g_error ("export %s: %s", kind, r.err);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf"));   /* BOM */
  return csv_parse_sep (text + 3, sep);
}

static void
test_export_csv (void)
{
  g_autoptr(CiroStore) store = ciro_store_open (demo_db, NULL);
  CiroReportFilter f = { ciro_day_from_ymd (2026, 9, 1), ciro_day_from_ymd (2026, 11, 20), NULL };
  CiroSummary s;
  gint64 amount = 0, cost = 0, commission = 0, shipping = 0, expense = 0, units = 0, platforms = 0, customers = 0;
  gint64 cancelled = 0;

  g_assert_true (ciro_report_summary (store, &f, &s, NULL));
  {
    g_autoptr(GPtrArray) rows = export_rows ("sales", ',');
    g_assert_cmpstr (((GPtrArray *) rows->pdata[0])->pdata[9], ==, "Amount");
    for (guint i = 1; i < rows->len; i++)
      {
        GPtrArray *r = rows->pdata[i];
        if (g_str_equal (r->pdata[4], "Sold"))
          {
            units += g_ascii_strtoll (r->pdata[7], NULL, 10);
            amount += kurus_of (r->pdata[9]);
            shipping += kurus_of (r->pdata[10]);
            cost += kurus_of (r->pdata[11]);
            commission += kurus_of (r->pdata[12]);
            expense += kurus_of (r->pdata[13]);
          }
        else
          {
            g_assert_cmpstr (r->pdata[4], ==, "Cancelled/returned");
            cancelled += kurus_of (r->pdata[9]) + kurus_of (r->pdata[10]);
          }
      }
    /* every column adds up, split by status, to the engine's figures */
    g_assert_cmpint (units, ==, s.net_units);
    g_assert_cmpint (amount + shipping, ==, s.net_revenue);
    g_assert_cmpint (shipping, ==, s.shipping_income);
    g_assert_cmpint (cost, ==, s.product_cost);
    g_assert_cmpint (commission, ==, s.commission);
    g_assert_cmpint (expense, ==, s.shipping_expense);
    g_assert_cmpint (cancelled, ==, s.cancel_return_revenue);
  }
  {
    g_autoptr(GPtrArray) rows = export_rows ("platforms", ',');
    for (guint i = 1; i < rows->len; i++)
      platforms += kurus_of (((GPtrArray *) rows->pdata[i])->pdata[1]);
    g_assert_cmpint (platforms, ==, s.net_revenue);
  }
  {
    g_autoptr(GPtrArray) rows = export_rows ("customers", ',');
    for (guint i = 1; i < rows->len; i++)
      customers += kurus_of (((GPtrArray *) rows->pdata[i])->pdata[6]);
    g_assert_cmpint (customers, ==, s.net_revenue);
  }
  {
    g_autoptr(GPtrArray) rows = export_rows ("pnl", ',');
    GPtrArray *head = rows->pdata[0], *net = rows->pdata[3], *profit = rows->pdata[8];
    gint64 months = 0;
    g_assert_cmpuint (head->len, ==, 5);                       /* label, Sep, Oct, Nov, Total */
    g_assert_cmpstr (head->pdata[1], ==, "2026-09");
    g_assert_cmpstr (net->pdata[0], ==, "Net revenue");
    g_assert_cmpint (kurus_of (net->pdata[4]), ==, s.net_revenue);
    g_assert_cmpint (kurus_of (profit->pdata[4]), ==, s.profit);
    for (guint i = 1; i < 4; i++)
      months += kurus_of (net->pdata[i]);
    g_assert_cmpint (months, ==, s.net_revenue);
  }
  {
    g_autoptr(GPtrArray) rows = export_rows ("products", ',');
    gint64 revenue = 0;
    for (guint i = 1; i < rows->len; i++)
      revenue += kurus_of (((GPtrArray *) rows->pdata[i])->pdata[4]);
    g_assert_cmpint (revenue, ==, s.net_revenue - s.shipping_income);
  }
  /* Turkish: ';' between fields and a decimal comma */
  cli_lc_all = "tr_TR.UTF-8";
  {
    g_autoptr(GPtrArray) rows = export_rows ("platforms", ';');
    gint64 tr = 0;
    for (guint i = 1; i < rows->len; i++)
      tr += kurus_of (((GPtrArray *) rows->pdata[i])->pdata[1]);
    g_assert_cmpint (tr, ==, s.net_revenue);
  }
  cli_lc_all = "C.UTF-8";
}

/* The stored name of an unknown marketplace is "Bilinmeyen": people read
 * it in their language (tables and exported files), machines read the
 * stored name (JSON), which is also what --marketplace takes. */
static void
test_marketplace_display (void)
{
  const char *langs[][2] = { { "C.UTF-8", "Unknown" }, { "tr_TR.UTF-8", "Bilinmeyen" } };
  g_autoptr(CiroStore) store = ciro_store_open (demo_db, NULL);
  CiroReportFilter f = { ciro_day_from_ymd (2026, 1, 1), ciro_day_from_ymd (2026, 11, 20), NULL };
  g_autoptr(GArray) mps = ciro_report_marketplaces (store, &f, NULL);
  gboolean present = FALSE;

  /* the demo has a few orders whose source Sentos left empty */
  for (guint i = 0; i < mps->len; i++)
    present |= g_str_equal (g_array_index (mps, CiroMarketplaceRow, i).marketplace, "Bilinmeyen");
  g_assert_true (present);

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autofree char *out = g_strdup_printf ("%s/platforms-%u.csv", dir, l);
      g_autofree char *text = NULL;
      g_auto(Run) table = { 0 };
      g_auto(Run) json = { 0 };
      g_auto(Run) exp = { 0 };
      g_auto(Run) one = { 0 };

      cli_lc_all = langs[l][0];
      table = cli ("report", "marketplaces", "--db", demo_db, "--from", "2026-01-01", "--format", "table", NULL);
      json = cli ("report", "marketplaces", "--db", demo_db, "--from", "2026-01-01", "--format", "json", NULL);
      exp = cli ("export", "platforms", "--db", demo_db, "--format", "csv", "--output", out,
                 "--from", "2026-01-01", "--to", "2026-11-20", NULL);
      one = cli ("report", "summary", "--db", demo_db, "--from", "2026-01-01", "--marketplace", "Bilinmeyen",
                 "--format", "json", NULL);
      cli_lc_all = "C.UTF-8";
      g_assert_cmpint (table.status, ==, 0);
      g_assert_cmpint (exp.status, ==, 0);
      g_assert_cmpint (one.status, ==, 0);
      g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
      g_assert_nonnull (strstr (table.out, langs[l][1]));
      g_assert_nonnull (strstr (text, langs[l][1]));
      g_assert_nonnull (strstr (json.out, "\"Bilinmeyen\""));
      if (l == 0)
        {
          g_assert_null (strstr (table.out, "Bilinmeyen"));
          g_assert_null (strstr (text, "Bilinmeyen"));
        }
    }
}

/* JSON is for machines: a Turkish locale must not turn 38.48 into 38,48 */
static void
test_json_turkish_locale (void)
{
  const char *reports[] = { "summary", "products", "marketplaces", "today", "stock" };

  for (guint i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      g_auto(Run) en = cli ("report", reports[i], "--db", demo_db, "--format", "json", NULL);
      g_auto(Run) tr = { 0 };
      g_autoptr(JsonNode) a = NULL, b = NULL;

      cli_lc_all = "tr_TR.UTF-8";
      tr = cli ("report", reports[i], "--db", demo_db, "--format", "json", NULL);
      cli_lc_all = "C.UTF-8";
      g_assert_cmpint (en.status, ==, 0);
      g_assert_cmpint (tr.status, ==, 0);
      a = parse_json (en.out);
      b = parse_json (tr.out);
      /* the same document, byte for byte, in either locale */
      g_assert_cmpstr (en.out, ==, tr.out);
      g_assert_true (json_node_equal (a, b));
    }
}

/* `report carriers` and `late-orders` (insights.md §3): cli.md's keys, the
 * engine's figures at the pinned time, the same JSON in either locale, and
 * tables for people in their language. */
static void
test_report_carriers (void)
{
  static const char * const keys[] = {
    "carrier", "orders", "net_orders", "share_pct", "shipping_income", "shipping_expense",
    "expense_per_order", "days_to_ship_mean", "days_to_ship_median", "days_to_ship_p90", "days_to_ship_n",
    "days_to_deliver_mean", "days_to_deliver_median", "days_to_deliver_p90", "days_to_deliver_n",
    "returned_after_shipping", "returned_after_shipping_pct", "late", NULL,
  };
  static const char * const late_keys[] = {
    "order_code", "carrier", "cargo_number", "marketplace", "shipped_at", "days_since_shipping", NULL,
  };
  g_autoptr(CiroStore) store = ciro_store_open (demo_db, NULL);
  CiroReportFilter f = { ciro_day_from_ymd (2026, 10, 1), ciro_day_from_ymd (2026, 11, 20), NULL };
  g_autoptr(CiroCarrierReport) r = ciro_carrier_report_build (store, &f, CIRO_CARRIER_LATE_DAYS_DEFAULT,
                                                              ciro_to_unix (f.to, 15 * 3600), NULL);
  g_auto(Run) json = cli ("report", "carriers", "--db", demo_db, "--from", "2026-10-01", "--to", "2026-11-20",
                          "--format", "json", NULL);
  g_auto(Run) late = cli ("report", "late-orders", "--db", demo_db, "--from", "2026-10-01", "--to", "2026-11-20",
                          "--format", "json", NULL);
  g_auto(Run) tr_json = { 0 };
  g_auto(Run) en_table = { 0 };
  g_auto(Run) tr_table = { 0 };
  g_autoptr(JsonNode) doc = NULL, ldoc = NULL;
  JsonArray *arr, *larr;
  CiroSummary s;
  gint64 orders = 0;

  g_assert_nonnull (r);
  g_assert_true (ciro_report_summary (store, &f, &s, NULL));
  g_assert_cmpint (json.status, ==, 0);
  g_assert_cmpint (late.status, ==, 0);
  doc = parse_json (json.out);
  arr = json_node_get_array (doc);
  g_assert_cmpuint (json_array_get_length (arr), ==, r->carriers->len);
  g_assert_cmpuint (r->carriers->len, >=, 5);
  for (guint i = 0; i < r->carriers->len; i++)
    {
      const CiroCarrierRow *c = r->carriers->pdata[i];
      JsonObject *o = json_array_get_object_element (arr, i);

      assert_keys (o, keys);
      g_assert_cmpstr (json_object_get_string_member (o, "carrier"), ==, c->carrier);
      g_assert_cmpint (json_object_get_int_member (o, "orders"), ==, c->orders);
      g_assert_cmpint (money (o, "shipping_expense"), ==, c->shipping_expense);
      g_assert_cmpint (json_object_get_int_member (o, "late"), ==, c->late);
      g_assert_cmpint (json_object_get_int_member (o, "days_to_deliver_n"), ==, c->days_to_deliver_n);
      g_assert_cmpint (json_object_get_null_member (o, "days_to_deliver_median"), ==, c->days_to_deliver_n == 0);
      if (c->days_to_deliver_n > 0)
        g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "days_to_deliver_median"),
                                        c->days_to_deliver_median, 0.006);
      orders += c->orders;
    }
  g_assert_cmpint (orders, ==, s.gross_orders);

  ldoc = parse_json (late.out);
  larr = json_node_get_array (ldoc);
  g_assert_cmpuint (json_array_get_length (larr), ==, r->late_orders->len);
  for (guint i = 0; i < r->late_orders->len; i++)
    {
      const CiroLateOrder *l = r->late_orders->pdata[i];
      JsonObject *o = json_array_get_object_element (larr, i);

      assert_keys (o, late_keys);
      g_assert_cmpstr (json_object_get_string_member (o, "order_code"), ==, l->order_code);
      g_assert_cmpstr (json_object_get_string_member (o, "cargo_number"), ==, l->cargo_number);
      g_assert_cmpfloat (json_object_get_double_member (o, "days_since_shipping"), >, 5.0);
    }

  cli_translated = TRUE;
  cli_lc_all = "tr_TR.UTF-8";
  tr_json = cli ("report", "carriers", "--db", demo_db, "--from", "2026-10-01", "--to", "2026-11-20",
                 "--format", "json", NULL);
  tr_table = cli ("report", "carriers", "--db", demo_db, "--from", "2026-10-01", "--to", "2026-11-20",
                  "--format", "table", NULL);
  cli_lc_all = "C.UTF-8";
  en_table = cli ("report", "carriers", "--db", demo_db, "--from", "2026-10-01", "--to", "2026-11-20",
                  "--format", "table", NULL);
  cli_translated = FALSE;
  g_assert_cmpstr (tr_json.out, ==, json.out);
  g_assert_cmpint (tr_table.status, ==, 0);
  g_assert_true (g_str_has_prefix (tr_table.out, "Kargo firmaları — 2026-10-01 … 2026-11-20"));
  g_assert_nonnull (strstr (tr_table.out, "Sipariş başına gider"));
  g_assert_true (g_str_has_prefix (en_table.out, "Carriers — 2026-10-01 … 2026-11-20"));
  g_assert_nonnull (strstr (en_table.out, "Expense per order"));
  g_assert_nonnull (strstr (en_table.out, "Yurtiçi Kargo"));
}

/* `report categories` and `category-months` (insights.md §1): the JSON is
 * the engine's and adds up to the summary; people read the two groups in
 * their language, machines the stored names in either locale. */
static void
test_report_categories (void)
{
  static const char * const keys[] = {
    "category", "revenue", "units", "orders", "cost", "commission", "profit", "margin_pct", "return_units",
    "return_rate_pct", "products", "share_pct", "revenue_change_pct", "profit_change_pct", "group", NULL,
  };
  static const char * const month_keys[] = {
    "month", "category", "revenue", "units", "orders", "cost", "commission", "profit", "margin_pct",
    "return_units", "return_rate_pct", "products", "share_pct", "group", NULL,
  };
  const char *langs[][3] = { { "C.UTF-8", "Categories — 2026-10-01", "Unmatched" },
                             { "tr_TR.UTF-8", "Kategoriler — 2026-10-01", "Eşleşmeyen" } };
  g_autoptr(CiroStore) store = ciro_store_open (demo_db, NULL);
  CiroReportFilter f = { ciro_day_from_ymd (2026, 10, 1), ciro_day_from_ymd (2026, 11, 20), NULL };
  g_autoptr(GArray) rows = ciro_report_categories (store, &f, NULL);
  g_auto(Run) json = cli ("report", "categories", "--db", demo_db, "--from", "2026-10-01", "--to", "2026-11-20",
                          "--format", "json", NULL);
  g_auto(Run) months = cli ("report", "category-months", "--db", demo_db, "--from", "2026-10-01",
                            "--to", "2026-11-20", "--format", "json", NULL);
  g_auto(Run) csv = cli ("report", "categories", "--db", demo_db, "--from", "2026-10-01", "--format", "csv", NULL);
  g_autoptr(JsonNode) doc = NULL, mdoc = NULL;
  JsonArray *arr, *marr;
  CiroSummary s;
  gint64 total = 0, mtotal = 0;
  gboolean unmatched = FALSE;

  g_assert_nonnull (rows);
  g_assert_true (ciro_report_summary (store, &f, &s, NULL));
  g_assert_cmpint (json.status, ==, 0);
  g_assert_cmpint (months.status, ==, 0);
  g_assert_cmpint (csv.status, ==, 0);
  doc = parse_json (json.out);
  arr = json_node_get_array (doc);
  g_assert_cmpuint (json_array_get_length (arr), ==, rows->len);
  g_assert_cmpuint (rows->len, >, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      const CiroCategoryRow *r = &g_array_index (rows, CiroCategoryRow, i);
      JsonObject *o = json_array_get_object_element (arr, i);

      assert_keys (o, keys);
      g_assert_cmpstr (json_object_get_string_member (o, "category"), ==, r->category);
      g_assert_cmpint (money (o, "revenue"), ==, r->revenue);
      g_assert_cmpint (money (o, "profit"), ==, r->profit);
      g_assert_cmpint (json_object_get_int_member (o, "orders"), ==, r->orders);
      g_assert_cmpint (json_object_get_int_member (o, "products"), ==, r->products);
      g_assert_cmpint (json_object_get_null_member (o, "revenue_change_pct"), ==, !r->has_revenue_change);
      g_assert_cmpint (json_object_get_null_member (o, "margin_pct"), ==, !r->has_margin);
      unmatched |= r->kind == CIRO_CATEGORY_UNMATCHED;
      g_assert_cmpstr (json_object_get_string_member (o, "group"), ==,
                       r->kind == CIRO_CATEGORY_UNMATCHED ? "unmatched"
                       : r->kind == CIRO_CATEGORY_NONE ? "uncategorised"
                       : r->kind == CIRO_CATEGORY_ID ? "category_id" : "category");
      total += money (o, "revenue");
    }
  /* the demo has unmatched SKUs: the group is there, and the sum is whole */
  g_assert_true (unmatched);
  g_assert_cmpint (total, ==, s.net_revenue - s.shipping_income);

  mdoc = parse_json (months.out);
  marr = json_node_get_array (mdoc);
  for (guint i = 0; i < json_array_get_length (marr); i++)
    {
      JsonObject *o = json_array_get_object_element (marr, i);
      assert_keys (o, month_keys);
      g_assert_true (g_regex_match_simple ("^2026-1[01]$", json_object_get_string_member (o, "month"), 0, 0));
      mtotal += money (o, "revenue");
    }
  g_assert_cmpint (mtotal, ==, total);
  g_assert_true (g_str_has_prefix (csv.out, "category,revenue,units,orders,cost,commission,profit,margin_pct,"
                                            "return_units,return_rate_pct,products,share_pct,revenue_change_pct,"
                                            "profit_change_pct,group\r\n") ||
                 g_str_has_prefix (csv.out, "category,revenue,units,orders,cost,commission,profit,margin_pct,"
                                            "return_units,return_rate_pct,products,share_pct,revenue_change_pct,"
                                            "profit_change_pct,group\n"));

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_auto(Run) table = { 0 };
      g_auto(Run) tr_json = { 0 };

      cli_lc_all = langs[l][0];
      cli_translated = TRUE;
      table = cli ("report", "categories", "--db", demo_db, "--from", "2026-10-01", "--to", "2026-11-20",
                   "--format", "table", NULL);
      tr_json = cli ("report", "categories", "--db", demo_db, "--from", "2026-10-01", "--to", "2026-11-20",
                     "--format", "json", NULL);
      cli_lc_all = "C.UTF-8";
      cli_translated = FALSE;
      g_assert_cmpint (table.status, ==, 0);
      g_assert_nonnull (strstr (table.out, langs[l][1]));
      g_assert_nonnull (strstr (table.out, langs[l][2]));
      g_assert_null (strstr (table.out, "unmatched"));     /* the group key is for machines */
      if (l == 0)
        g_assert_null (strstr (table.out, "Eşleşmeyen"));
      else
        g_assert_nonnull (strstr (table.out, "Kâr değişimi"));
      g_assert_cmpstr (tr_json.out, ==, json.out);
    }
}

/* `report products --category NAME`: a category's top products, the
 * engine's drill-down ranked and limited as asked; the groups by their
 * stored names; a title in either language; --category elsewhere is a
 * usage error. */
static void
test_report_category_products (void)
{
  g_autoptr(CiroStore) store = ciro_store_open (demo_db, NULL);
  CiroReportFilter f = { ciro_day_from_ymd (2026, 10, 1), ciro_day_from_ymd (2026, 11, 20), NULL };
  g_autoptr(GArray) cats = ciro_report_categories (store, &f, NULL);
  const CiroCategoryRow *top = NULL, *unmatched = NULL;
  const char *langs[][2] = { { "C.UTF-8", "Products of " }, { "tr_TR.UTF-8", " ürünleri — 2026-10-01" } };
  g_auto(Run) wrong = cli ("report", "categories", "--category", "x", "--db", demo_db, NULL);

  g_assert_nonnull (cats);
  for (guint i = 0; i < cats->len; i++)
    {
      const CiroCategoryRow *r = &g_array_index (cats, CiroCategoryRow, i);
      if (top == NULL && r->kind == CIRO_CATEGORY_NAMED && r->products > 3)
        top = r;
      if (r->kind == CIRO_CATEGORY_UNMATCHED)
        unmatched = r;
    }
  g_assert_nonnull (top);
  g_assert_nonnull (unmatched);

  for (guint k = 0; k < 2; k++)
    {
      const CiroCategoryRow *c = k == 0 ? top : unmatched;
      g_autoptr(GArray) rows = ciro_report_category_products (store, &f, c->kind, c->category,
                                                              CIRO_SORT_REVENUE, 3, NULL);
      g_autoptr(GArray) all = ciro_report_category_products (store, &f, c->kind, c->category,
                                                             CIRO_SORT_REVENUE, 0, NULL);
      g_auto(Run) json = cli ("report", "products", "--category", c->category, "--sort", "revenue",
                              "--limit", "3", "--db", demo_db, "--from", "2026-10-01", "--to", "2026-11-20",
                              "--format", "json", NULL);
      g_autoptr(JsonNode) doc = NULL;
      JsonArray *arr;
      gint64 revenue = 0;

      g_assert_cmpint (json.status, ==, 0);
      doc = parse_json (json.out);
      arr = json_node_get_array (doc);
      g_assert_cmpuint (json_array_get_length (arr), ==, MIN (3, rows->len));
      g_assert_cmpuint (rows->len, >=, 1);
      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonObject *o = json_array_get_object_element (arr, i);
          const CiroProductRow *p = &g_array_index (rows, CiroProductRow, i);

          g_assert_cmpstr (json_object_get_string_member (o, "sku"), ==, p->sku);
          g_assert_cmpint (money (o, "revenue"), ==, p->revenue);
          if (i > 0)
            g_assert_cmpint (money (o, "revenue"), <=, money (json_array_get_object_element (arr, i - 1), "revenue"));
        }
      /* the products add up to their category */
      for (guint i = 0; i < all->len; i++)
        revenue += g_array_index (all, CiroProductRow, i).revenue;
      g_assert_cmpint (revenue, ==, c->revenue);
      g_assert_cmpuint (all->len, >=, c->products);
    }

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_auto(Run) table = { 0 };

      cli_lc_all = langs[l][0];
      cli_translated = TRUE;
      table = cli ("report", "products", "--category", top->category, "--limit", "2", "--db", demo_db,
                   "--from", "2026-10-01", "--to", "2026-11-20", "--format", "table", NULL);
      cli_lc_all = "C.UTF-8";
      cli_translated = FALSE;
      g_assert_cmpint (table.status, ==, 0);
      g_assert_nonnull (strstr (table.out, langs[l][1]));
      g_assert_nonnull (strstr (table.out, top->category));
    }
  g_assert_cmpint (wrong.status, ==, 2);
  g_assert_nonnull (strstr (wrong.err, "--category"));
}

static void
few_files (gpointer data)
{
  struct rlimit r = { 12, 12 };
  setrlimit (RLIMIT_NOFILE, &r);
}

/* With too few files to open, libxlsxwriter fails inside: the user reads
 * one line in their language, not the library's own, and no file is left. */
static void
test_export_xlsx_no_files (void)
{
  const char *langs[][2] = { { "C.UTF-8", "Cannot write" }, { "tr_TR.UTF-8", "yazılamıyor" } };

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autofree char *d = g_build_filename (dir, i ? "nofiles-tr" : "nofiles-en", NULL);
      g_autofree char *out = g_build_filename (d, "sales.xlsx", NULL);
      g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
      const char *argv[] = { g_getenv ("CIRO_CLI"), "export", "sales", "--db", demo_db, "--format", "xlsx",
                             "--output", out, "--from", "2026-11-01", "--to", "2026-11-20", NULL };
      g_auto(GStrv) env = g_get_environ ();
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) left = NULL;
      int status;

      g_mkdir_with_parents (d, 0755);
      env = g_environ_setenv (env, "LC_ALL", langs[i][0], TRUE);
      env = g_environ_setenv (env, "CIRO_LOCALEDIR", localedir, TRUE);
      g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_STDOUT_TO_DEV_NULL, few_files, NULL,
                                   NULL, &err, &status, &error));
      g_assert_no_error (error);
      g_assert_false (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (err, langs[i][1]));
      g_assert_null (strstr (err, "[ERROR]"));
      g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);   /* one line */
      left = g_dir_open (d, 0, NULL);
      g_assert_null (g_dir_read_name (left));
    }
}

static char *
unzip_member (const char *zip, const char *member)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  const char *argv[] = { "unzip", "-p", zip, member, NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  return out;
}

static void
test_export_xlsx (void)
{
  g_autofree char *out = g_build_filename (dir, "sales.xlsx", NULL);
  g_auto(Run) r = cli ("export", "sales", "--db", demo_db, "--format", "xlsx", "--output", out,
                       "--from", "2026-09-01", "--to", "2026-11-20", NULL);
  g_autoptr(CiroStore) store = ciro_store_open (demo_db, NULL);
  CiroReportFilter f = { ciro_day_from_ymd (2026, 9, 1), ciro_day_from_ymd (2026, 11, 20), NULL };
  g_autofree char *sheet = NULL, *styles = NULL, *core = NULL, *daily = NULL;
  g_autoptr(GRegex) row_re = g_regex_new ("<row r=\"(\\d+)\"[^>]*>(.*?)</row>", 0, 0, NULL);
  g_autoptr(GRegex) e_re = g_regex_new ("<c r=\"E\\d+\"[^>]*><is><t>([^<]*)</t>", 0, 0, NULL);
  g_autoptr(GRegex) j_re = g_regex_new ("<c r=\"J\\d+\" s=\"\\d+\"><v>([^<]*)</v>", 0, 0, NULL);
  g_autoptr(GMatchInfo) rows = NULL;
  CiroSummary s;
  double sold = 0;
  guint n_rows = 0;

  if (r.status != 0)
    g_error ("export: %s", r.err);
  g_assert_true (ciro_report_summary (store, &f, &s, NULL));
  /* the first sheet is the summary, then the lines, then the days */
  sheet = unzip_member (out, "xl/worksheets/sheet2.xml");
  styles = unzip_member (out, "xl/styles.xml");
  core = unzip_member (out, "docProps/core.xml");
  daily = unzip_member (out, "xl/worksheets/sheet3.xml");

  g_assert_nonnull (strstr (sheet, "state=\"frozen\""));
  g_assert_nonnull (strstr (sheet, "<autoFilter ref=\"A1:N"));
  g_assert_nonnull (strstr (styles, "₺"));
  g_assert_nonnull (strstr (styles, "yyyy-mm-dd hh:mm:ss"));
  g_assert_nonnull (strstr (core, "<dc:title>Sales</dc:title>"));
  g_assert_nonnull (strstr (daily, "SUBTOTAL(109,$E$2:$E$82)"));   /* 81 days of net revenue */

  g_regex_match (row_re, sheet, 0, &rows);
  while (g_match_info_matches (rows))
    {
      g_autofree char *body = g_match_info_fetch (rows, 2);
      g_autoptr(GMatchInfo) e = NULL, j = NULL;
      n_rows++;
      if (g_regex_match (e_re, body, 0, &e) && g_regex_match (j_re, body, 0, &j))
        {
          g_autofree char *status = g_match_info_fetch (e, 1);
          g_autofree char *amount = g_match_info_fetch (j, 1);
          if (g_str_equal (status, "Sold"))
            sold += g_ascii_strtod (amount, NULL);
        }
      g_match_info_next (rows, NULL);
    }
  /* amounts are numbers, and the sold ones add up to the engine's figure */
  g_assert_cmpint (llround (sold * 100), ==, s.net_revenue - s.shipping_income);
  {
    /* the header, the rows, then (after an empty row, not written) three totals rows */
    g_autofree char *formula = g_strdup_printf ("<f>SUBTOTAL(109,$J$2:$J$%u)</f>", n_rows - 3);
    g_assert_nonnull (strstr (sheet, formula));                 /* the totals row */
  }
  g_assert_null (strstr (sheet, "r=\"J2\" t=\"inlineStr\""));
}

static gboolean
have_poppler (void)
{
  g_autofree char *a = g_find_program_in_path ("pdftotext");
  g_autofree char *b = g_find_program_in_path ("pdfinfo");
  g_autofree char *c = g_find_program_in_path ("pdffonts");
  return a && b && c;
}

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
pdf_page_text (const char *pdf, guint page)
{
  g_autofree char *n = g_strdup_printf ("%u", page);
  const char *argv[] = { "pdftotext", "-layout", "-f", n, "-l", n, pdf, "-", NULL };
  return run_tool (argv);
}

static guint
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run_tool (argv);
  const char *p = strstr (info, "Pages:");
  g_assert_nonnull (p);
  return (guint) g_ascii_strtoull (p + 6 + strspn (p + 6, " "), NULL, 10);
}

/* Every font the PDF uses is embedded (pdffonts' "emb" column). */
static void
assert_fonts_embedded (const char *pdf)
{
  const char *argv[] = { "pdffonts", pdf, NULL };
  g_autofree char *out = run_tool (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint fonts = 0;

  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      if (*lines[i] == '\0')
        continue;
      f = g_strsplit_set (lines[i], " ", -1);
      fonts++;
      /* name type [type] encoding emb sub uni object ID: emb is 5th from the end */
      {
        g_autoptr(GPtrArray) words = g_ptr_array_new ();
        for (guint k = 0; f[k]; k++)
          if (*f[k])
            g_ptr_array_add (words, f[k]);
        g_assert_cmpuint (words->len, >=, 6);
        g_assert_cmpstr (words->pdata[words->len - 5], ==, "yes");
      }
    }
  g_assert_cmpuint (fonts, >, 0);
}

/* The sales PDF: the KPIs and the daily totals are the engine's, every page
 * has its number "N / M", the largest lines follow with a note saying how
 * many lines there are, Turkish letters come through (tests/test-export-pdf.c
 * checks every PDF in depth). */
static void
test_export_pdf (void)
{
  g_autofree char *out = g_build_filename (dir, "sales.pdf", NULL);
  g_autoptr(CiroStore) store = NULL;
  CiroReportFilter f = { ciro_day_from_ymd (2026, 9, 1), ciro_day_from_ymd (2026, 11, 20), NULL };
  CiroSummary s;
  gint64 n_lines = 0;
  guint pages;
  gboolean in_daily = FALSE, in_lines = FALSE;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils (pdftotext, pdfinfo, pdffonts) is not installed");
      return;
    }
  {
    g_auto(Run) set = cli ("settings", "set", "store_name", "Çiçekçi Şükrü Ağaoğlu İğneada", "--db", demo_db, NULL);
    g_assert_cmpint (set.status, ==, 0);
  }
  {
    g_auto(Run) r = cli ("export", "sales", "--db", demo_db, "--format", "pdf", "--output", out,
                         "--from", "2026-09-01", "--to", "2026-11-20", NULL);
    if (r.status != 0)
      g_error ("export: %s", r.err);
  }
  store = ciro_store_open (demo_db, NULL);
  g_assert_true (ciro_report_summary (store, &f, &s, NULL));
  {
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2 (ciro_store_get_db (store),
                        "SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id"
                        " WHERE o.day BETWEEN ?1 AND ?2", -1, &stmt, NULL);
    sqlite3_bind_int (stmt, 1, f.from);
    sqlite3_bind_int (stmt, 2, f.to);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    n_lines = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
  }

  pages = pdf_pages (out);
  g_assert_cmpuint (pages, >=, 3);
  {
    g_autofree char *first = pdf_page_text (out, 1);
    g_autofree char *gross = ciro_money_format (s.gross_revenue, CIRO_NUMBER_STYLE_ENGLISH);
    g_autofree char *net = ciro_money_format (s.net_revenue, CIRO_NUMBER_STYLE_ENGLISH);
    g_autofree char *profit = ciro_money_format (s.profit, CIRO_NUMBER_STYLE_ENGLISH);
    g_autofree char *orders = ciro_count_format (s.net_orders, CIRO_NUMBER_STYLE_ENGLISH);
    g_assert_nonnull (strstr (first, gross));
    g_assert_nonnull (strstr (first, net));
    g_assert_nonnull (strstr (first, profit));
    g_assert_nonnull (strstr (first, orders));
    g_assert_nonnull (strstr (first, "2026-09-01"));
    g_assert_nonnull (strstr (first, "Net revenue by marketplace"));
  }
  for (guint i = 1; i <= pages; i++)
    {
      g_autofree char *text = pdf_page_text (out, i);
      g_autofree char *footer = g_strdup_printf ("%u/%u", i, pages);
      g_auto(GStrv) words = g_strsplit (text, " ", -1);
      g_autofree char *packed = g_strjoinv ("", words);
      /* pdftotext may drop the narrow spaces of "N / M" */
      g_assert_nonnull (strstr (packed, footer));
      g_assert_nonnull (strstr (text, "Çiçekçi Şükrü Ağaoğlu İğneada"));
      if (strstr (text, "Daily totals") != NULL)
        in_daily = TRUE;
      if (strstr (text, "largest lines") != NULL)
        {
          g_autofree char *all = ciro_count_format (n_lines, CIRO_NUMBER_STYLE_ENGLISH);
          g_autofree char *note = g_strdup_printf ("of the %s lines", all);
          g_assert_true (in_daily);
          g_assert_nonnull (strstr (text, note));
          in_lines = TRUE;
        }
      /* the lines' header row on every page of their table */
      if (in_lines)
        g_assert_nonnull (strstr (text, "Order code"));
      if (in_daily && !in_lines && strstr (text, "Total ") != NULL)
        {
          g_autofree char *net = ciro_money_format (s.net_revenue, CIRO_NUMBER_STYLE_ENGLISH);
          g_assert_nonnull (strstr (strstr (text, "Total "), net));
        }
    }
  g_assert_true (in_lines);
  assert_fonts_embedded (out);
}

/* Profit and loss and the platforms, in Turkish number style. */
static void
test_export_pdf_turkish (void)
{
  g_autofree char *pnl = g_build_filename (dir, "pnl.pdf", NULL);
  g_autofree char *platforms = g_build_filename (dir, "platforms.pdf", NULL);
  g_autoptr(CiroStore) store = NULL;
  CiroReportFilter f = { ciro_day_from_ymd (2026, 9, 1), ciro_day_from_ymd (2026, 11, 20), NULL };
  g_autoptr(GArray) mps = NULL;
  CiroSummary s;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils (pdftotext, pdfinfo, pdffonts) is not installed");
      return;
    }
  cli_lc_all = "tr_TR.UTF-8";
  {
    g_auto(Run) a = cli ("export", "pnl", "--db", demo_db, "--format", "pdf", "--output", pnl,
                         "--from", "2026-09-01", "--to", "2026-11-20", NULL);
    g_auto(Run) b = cli ("export", "platforms", "--db", demo_db, "--format", "pdf", "--output", platforms,
                         "--from", "2026-09-01", "--to", "2026-11-20", NULL);
    g_assert_cmpint (a.status, ==, 0);
    g_assert_cmpint (b.status, ==, 0);
  }
  cli_lc_all = "C.UTF-8";
  store = ciro_store_open (demo_db, NULL);
  g_assert_true (ciro_report_summary (store, &f, &s, NULL));
  mps = ciro_report_marketplaces (store, &f, NULL);
  {
    g_autofree char *p1 = pdf_page_text (pnl, 1);
    g_autofree char *p2 = pdf_pages (pnl) > 1 ? pdf_page_text (pnl, 2) : g_strdup ("");
    g_autofree char *text = g_strconcat (p1, p2, NULL);
    g_autofree char *net = ciro_money_format (s.net_revenue, CIRO_NUMBER_STYLE_TURKISH);
    g_autofree char *profit = ciro_money_format (s.profit, CIRO_NUMBER_STYLE_TURKISH);
    g_assert_nonnull (strstr (text, net));
    g_assert_nonnull (strstr (text, profit));
    g_assert_nonnull (strstr (text, "2026-10"));            /* October's row */
    g_assert_nonnull (strstr (text, "1–20 Kas 2026"));      /* November, cut by the period */
  }
  {
    g_autofree char *text = pdf_page_text (platforms, 1);
    for (guint i = 0; i < mps->len; i++)
      {
        CiroMarketplaceRow *m = &g_array_index (mps, CiroMarketplaceRow, i);
        g_autofree char *net = ciro_money_format (m->s.net_revenue, CIRO_NUMBER_STYLE_TURKISH);
        g_assert_nonnull (strstr (text, m->marketplace));
        g_assert_nonnull (strstr (text, net));
      }
  }
  assert_fonts_embedded (platforms);
}

/* Products and customers PDFs hold the engine's top product and the
 * biggest customer. */
static void
test_export_pdf_products_customers (void)
{
  g_autofree char *products = g_build_filename (dir, "products.pdf", NULL);
  g_autofree char *customers = g_build_filename (dir, "customers.pdf", NULL);
  g_autoptr(CiroStore) store = NULL;
  CiroReportFilter f = { ciro_day_from_ymd (2026, 9, 1), ciro_day_from_ymd (2026, 11, 20), NULL };
  g_autoptr(GArray) ranking = NULL;
  g_autofree char *first = NULL;
  g_autofree char *top_customer = NULL;

  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils (pdftotext, pdfinfo, pdffonts) is not installed");
      return;
    }
  {
    g_auto(Run) a = cli ("export", "products", "--db", demo_db, "--format", "pdf", "--output", products,
                         "--from", "2026-09-01", "--to", "2026-11-20", NULL);
    g_auto(Run) b = cli ("export", "customers", "--db", demo_db, "--format", "pdf", "--output", customers,
                         "--from", "2026-09-01", "--to", "2026-11-20", NULL);
    g_assert_cmpint (a.status, ==, 0);
    g_assert_cmpint (b.status, ==, 0);
  }
  store = ciro_store_open (demo_db, NULL);
  ranking = ciro_report_products (store, &f, CIRO_SORT_REVENUE, FALSE, NULL);
  g_assert_cmpuint (ranking->len, >, 0);
  {
    CiroProductRow *top = &g_array_index (ranking, CiroProductRow, 0);
    g_autofree char *revenue = ciro_money_format (top->revenue, CIRO_NUMBER_STYLE_ENGLISH);
    g_autofree char *profit = ciro_money_format (top->profit, CIRO_NUMBER_STYLE_ENGLISH);
    g_autofree char *p1 = pdf_page_text (products, 1);
    g_autofree char *p2 = pdf_page_text (products, 2);
    /* the table starts on page 1 or 2, after the charts */
    g_autofree char *text = g_strconcat (p1, p2, NULL);
    g_assert_nonnull (strstr (text, revenue));
    g_assert_nonnull (strstr (text, profit));
  }
  {
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2 (ciro_store_get_db (store),
      "SELECT cu.name FROM orders o JOIN customers cu ON cu.id = o.customer_id"
      " WHERE o.day BETWEEN ?1 AND ?2 AND o.status <> 6 GROUP BY cu.id"
      " ORDER BY sum (o.shipping_total + (SELECT coalesce (sum (amount), 0) FROM order_lines WHERE order_id = o.id)) DESC,"
      " cu.name LIMIT 1", -1, &stmt, NULL);
    sqlite3_bind_int (stmt, 1, f.from);
    sqlite3_bind_int (stmt, 2, f.to);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    top_customer = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
  }
  {
    g_autofree char *p1 = pdf_page_text (customers, 1);
    g_autofree char *p2 = pdf_page_text (customers, 2);
    first = g_strconcat (p1, p2, NULL);
  }
  g_assert_nonnull (strstr (first, top_customer));
  assert_fonts_embedded (customers);
}

static void
test_export_unwritable (void)
{
  g_auto(Run) r = cli ("export", "sales", "--db", demo_db, "--format", "csv", "--output", "/proc/ciro-nope/x.csv", NULL);
  g_auto(Run) x = cli ("export", "sales", "--db", demo_db, "--format", "pdf", "--output", "/proc/ciro-nope/x.pdf", NULL);
  g_auto(Run) y = cli ("export", "pnl", "--db", demo_db, "--format", "xlsx", "--output", "/proc/ciro-nope/x.xlsx", NULL);

  assert_one_line_error (&r, 4);
  g_assert_false (g_file_test ("/proc/ciro-nope/x.csv", G_FILE_TEST_EXISTS));
  assert_one_line_error (&x, 4);
  g_assert_false (g_file_test ("/proc/ciro-nope/x.pdf", G_FILE_TEST_EXISTS));
  assert_one_line_error (&y, 4);
}

/* `ciro-cli export carriers`: the carrier table as CSV, the engine's rows
 * (days with one decimal) in English and Turkish, and a workbook beside it;
 * bad arguments are one line and leave no file. */
static void
test_export_carriers (void)
{
  g_autoptr(CiroStore) store = ciro_store_open (demo_db, NULL);
  CiroReportFilter f = { ciro_day_from_ymd (2026, 10, 1), ciro_day_from_ymd (2026, 11, 20), NULL };
  g_autoptr(CiroCarrierReport) r = ciro_carrier_report_build (store, &f, CIRO_CARRIER_LATE_DAYS_DEFAULT,
                                                              ciro_to_unix (f.to, 15 * 3600), NULL);
  g_autofree char *bad = g_build_filename (dir, "carriers-bad.csv", NULL);

  g_assert_nonnull (r);
  g_assert_cmpuint (r->carriers->len, >=, 3);
  {
    g_auto(Run) a = cli ("export", "carriers", "--db", demo_db, "--format", "csv", NULL);
    g_auto(Run) b = cli ("export", "carriers", "--db", demo_db, "--format", "docx", "--output", bad, NULL);
    g_auto(Run) c = cli ("export", "carrier", "--db", demo_db, "--format", "csv", "--output", bad, NULL);
    g_auto(Run) d = cli ("export", "carriers", "--db", demo_db, "--format", "csv", "--output", bad,
                         "--from", "2026-11-20", "--to", "2026-11-01", NULL);
    g_auto(Run) e = cli ("export", "carriers", "--db", demo_db, "--format", "csv", "--output", bad,
                         "--from", "2026-02-30", NULL);
    g_auto(Run) g = cli ("export", "carriers", "late", "--db", demo_db, "--format", "csv", "--output", bad, NULL);

    assert_one_line_error (&a, 2);
    assert_one_line_error (&b, 2);
    assert_one_line_error (&c, 2);
    assert_one_line_error (&d, 2);
    assert_one_line_error (&e, 2);
    assert_one_line_error (&g, 2);
    g_assert_nonnull (strstr (c.err, "carriers"));
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }
  for (int tr = 0; tr < 2; tr++)
    {
      g_autofree char *out = g_strdup_printf ("%s/carriers-%d.csv", dir, tr);
      g_autofree char *xlsx = g_strdup_printf ("%s/carriers-%d.xlsx", dir, tr);
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      char **head;

      cli_lc_all = tr ? "tr_TR.UTF-8" : "C.UTF-8";
      cli_translated = tr;
      {
        g_auto(Run) x = cli ("export", "carriers", "--db", demo_db, "--format", "csv", "--output", out,
                             "--from", "2026-10-01", "--to", "2026-11-20", NULL);
        g_auto(Run) y = cli ("export", "carriers", "--db", demo_db, "--format", "xlsx", "--output", xlsx,
                             "--from", "2026-10-01", "--to", "2026-11-20", NULL);
        if (x.status != 0 || y.status != 0)
          g_error ("export carriers: %s%s", x.err, y.err);
        g_assert_cmpstr (x.err, ==, "");
        g_assert_cmpstr (y.err, ==, "");
      }
      cli_lc_all = "C.UTF-8";
      cli_translated = FALSE;
      g_assert_true (g_file_test (xlsx, G_FILE_TEST_EXISTS));
      g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
      g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf"));
      rows = csv_parse_sep (text + 3, tr ? ';' : ',');
      g_assert_cmpuint (rows->len, ==, r->carriers->len + 1);
      head = (char **) ((GPtrArray *) rows->pdata[0])->pdata;
      g_assert_cmpstr (head[0], ==, tr ? "Kargo firması" : "Carrier");
      /* csv_parse_sep reads a Turkish comma as \x02 */
      g_assert_cmpstr (head[8], ==, tr ? "Kargoya verme süresi (medyan\x02 gün)" : "Days to ship (median)");
      for (guint i = 0; i < r->carriers->len; i++)
        {
          const CiroCarrierRow *c = r->carriers->pdata[i];
          char **row = (char **) ((GPtrArray *) rows->pdata[i + 1])->pdata;
          char median[G_ASCII_DTOSTR_BUF_SIZE] = "";
          const char *name = g_strcmp0 (c->carrier, CIRO_CARRIER_UNKNOWN) == 0 ? (tr ? "Bilinmiyor" : "Unknown")
                           : c->carrier;

          if (c->days_to_ship_n > 0)
            g_ascii_formatd (median, sizeof median, "%.1f", round (c->days_to_ship_median * 10) / 10);
          if (tr)
            g_strdelimit (median, ".", '\x02');   /* the decimal comma, as csv_parse_sep swapped it */
          g_assert_cmpstr (row[0], ==, name);
          g_assert_cmpint (g_ascii_strtoll (row[1], NULL, 10), ==, c->orders);
          g_assert_cmpint (kurus_of (row[4]), ==, c->shipping_income);
          g_assert_cmpint (kurus_of (row[5]), ==, c->shipping_expense);
          g_assert_cmpstr (row[8], ==, median);
          g_assert_cmpint (g_ascii_strtoll (row[17], NULL, 10), ==, c->late);
        }
    }
}

int
main (int argc, char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("CIRO_CLI") == NULL)
    g_error ("CIRO_CLI must name the ciro-cli binary");

  dir = g_dir_make_tmp ("ciro-cli-XXXXXX", NULL);
  demo_db = g_build_filename (dir, "demo.db", NULL);
  {
    /* CIRO_DB is honoured when --db is absent */
    g_autoptr(GSubprocessLauncher) l = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                   G_SUBPROCESS_FLAGS_STDERR_SILENCE);
    g_autoptr(GSubprocess) p = NULL;
    g_autoptr(GError) error = NULL;
    g_subprocess_launcher_setenv (l, "CIRO_DB", demo_db, TRUE);
    g_subprocess_launcher_setenv (l, "CIRO_NOW", "2026-11-20 15:00:00", TRUE);
    p = g_subprocess_launcher_spawn (l, &error, g_getenv ("CIRO_CLI"), "demo", "--orders", "3000",
                                     "--products", "60", "--seed", "7", NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait_check (p, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (demo_db, G_FILE_TEST_EXISTS));
  }

  direct_db = g_build_filename (dir, "direct.db", NULL);
  {
    g_autoptr(CiroDemo) demo = demo_like_main ();
    g_autoptr(CiroStore) store = ciro_store_open (direct_db, NULL);
    g_autoptr(GError) error = NULL;
    g_assert_true (ciro_demo_populate (demo, store, NULL, NULL, NULL, &error));
  }
  /* the demo command (mock + sync) gives the generator's figures */
  assert_same_summary (direct_db, demo_db);

  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/fees-import", test_fees_import);
  g_test_add_func ("/cli/store-errors", test_store_errors);
  g_test_add_func ("/cli/report-json-matches-engine", test_report_json_matches_engine);
  g_test_add_func ("/cli/report-keys", test_report_keys);
  g_test_add_func ("/cli/report-categories", test_report_categories);
  g_test_add_func ("/cli/report-category-products", test_report_category_products);
  g_test_add_func ("/cli/report-carriers", test_report_carriers);
  g_test_add_func ("/cli/report-csv", test_report_csv);
  g_test_add_func ("/cli/report-products-ranking", test_report_products_ranking);
  g_test_add_func ("/cli/report-summary-compare", test_report_summary_compare);
  g_test_add_func ("/cli/report-today-same-time", test_report_today_same_time);
  g_test_add_func ("/cli/contract-details", test_contract_details);
  g_test_add_func ("/cli/settings-and-map", test_settings_and_map);
  g_test_add_func ("/cli/json-turkish-locale", test_json_turkish_locale);
  g_test_add_func ("/cli/marketplace-display", test_marketplace_display);
  g_test_add_func ("/cli/settings-absurd-numbers", test_settings_absurd_numbers);
  g_test_add_func ("/cli/damaged-store", test_damaged_store);
  g_test_add_func ("/cli/export-csv", test_export_csv);
  g_test_add_func ("/cli/export-xlsx-no-files", test_export_xlsx_no_files);
  g_test_add_func ("/cli/export-xlsx", test_export_xlsx);
  g_test_add_func ("/cli/export-unwritable", test_export_unwritable);
  g_test_add_func ("/cli/export-pdf", test_export_pdf);
  g_test_add_func ("/cli/export-pdf-turkish", test_export_pdf_turkish);
  g_test_add_func ("/cli/export-pdf-products-customers", test_export_pdf_products_customers);
  g_test_add_func ("/cli/sync-bad-credentials", test_sync_bad_credentials);
  g_test_add_func ("/cli/sync-with-faults", test_sync_with_faults);
  g_test_add_func ("/cli/sync-killed", test_sync_killed);
  g_test_add_func ("/cli/profit-commands", test_profit_commands);
  g_test_add_func ("/cli/export-carriers", test_export_carriers);
  rc = g_test_run ();

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
  g_free (dir);
  g_free (demo_db);
  g_free (direct_db);
  return rc;
}
