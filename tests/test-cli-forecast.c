/* test-cli-forecast.c: `ciro-cli report forecast` (cli.md, insights.md §2)
 *
 * ciro-cli run as a process on a demo store made by `ciro-cli demo`; its
 * JSON, CSV and table against the engine's own figures, the backtest
 * object with every key, the errors (bad --days or --metric, too little
 * history) as one line and exit status 2, in English and Turkish.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "analytics/ciro-forecast.h"
#include "core/ciro-date.h"

static char *dir;
static char *demo_db;
static const char *lc_all = "C.UTF-8";

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

static Run
cli (const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) l = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                 G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  Run r = { 0 };
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CIRO_CLI"));
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_unsetenv (l, "CIRO_DB");
  g_subprocess_launcher_setenv (l, "CIRO_NOW", "2026-11-21 15:00:00", TRUE);
  g_subprocess_launcher_setenv (l, "LC_ALL", lc_all, TRUE);
  g_subprocess_launcher_setenv (l, "CIRO_LOCALEDIR", localedir, TRUE);
  p = g_subprocess_launcher_spawnv (l, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &r.out, &r.err, &error));
  g_assert_no_error (error);
  r.status = g_subprocess_get_exit_status (p);
  return r;
}

static void
assert_one_line_error (const Run *r, int status, const char *words)
{
  if (r->status != status)
    g_error ("exit %d (expected %d); stderr: %s", r->status, status, r->err);
  g_assert_true (g_str_has_prefix (r->err, "ciro-cli: "));
  g_assert_cmpint (strchr (r->err, '\n') - r->err, ==, (int) strlen (r->err) - 1);
  if (words != NULL && strstr (r->err, words) == NULL)
    g_error ("“%s” not in: %s", words, r->err);
  g_assert_cmpstr (r->out, ==, "");
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) p = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (p, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (p));
}

static gint64
kurus (JsonObject *o, const char *key)
{
  return llround (json_object_get_double_member (o, key) * 100);
}

static CiroForecast *
engine (CiroForecastMetric metric, guint days, gboolean backtest)
{
  g_autoptr(CiroStore) store = ciro_store_open (demo_db, NULL);
  g_autoptr(GError) error = NULL;
  CiroForecast *fc;

  /* "today" 2026-11-21: the history ends on the 20th */
  fc = ciro_report_forecast (store, ciro_day_from_ymd (2026, 11, 21), NULL, metric, days, backtest,
                             NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return fc;
}

static void
assert_days (JsonArray *arr, const CiroForecast *fc)
{
  g_assert_cmpuint (json_array_get_length (arr), ==, fc->days->len);
  for (guint i = 0; i < fc->days->len; i++)
    {
      const CiroForecastDay *d = &g_array_index (fc->days, CiroForecastDay, i);
      JsonObject *o = json_array_get_object_element (arr, i);
      g_autofree char *date = ciro_day_to_string (d->date);

      g_assert_cmpuint (json_object_get_size (o), ==, 4);
      g_assert_cmpstr (json_object_get_string_member (o, "date"), ==, date);
      g_assert_cmpint (kurus (o, "value"), ==, llround (d->value));
      g_assert_cmpint (kurus (o, "low"), ==, llround (d->low));
      g_assert_cmpint (kurus (o, "high"), ==, llround (d->high));
      g_assert_cmpint (kurus (o, "low"), <=, kurus (o, "value"));
      g_assert_cmpint (kurus (o, "value"), <=, kurus (o, "high"));
    }
}

static void
test_days (void)
{
  g_autoptr(CiroForecast) fc = engine (CIRO_FORECAST_NET_REVENUE, 30, FALSE);
  g_autoptr(CiroForecast) profit = engine (CIRO_FORECAST_PROFIT, 14, FALSE);
  g_auto(Run) json = cli ("report", "forecast", "--db", demo_db, "--format", "json", NULL);
  g_auto(Run) pjson = cli ("report", "--db", demo_db, "forecast", "--days", "14", "--metric", "profit",
                           "--format", "json", NULL);
  g_auto(Run) pinned = cli ("report", "forecast", "--db", demo_db, "--to", "2026-11-20", "--format", "json", NULL);
  g_auto(Run) csv = cli ("report", "forecast", "--db", demo_db, "--format", "csv", NULL);
  g_autoptr(JsonNode) doc = NULL, pdoc = NULL;

  g_assert_cmpint (json.status, ==, 0);
  doc = parse_json (json.out);
  assert_days (json_node_get_array (doc), fc);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (doc), 0),
                                                  "date"), ==, "2026-11-21");
  g_assert_cmpint (pjson.status, ==, 0);
  pdoc = parse_json (pjson.out);
  assert_days (json_node_get_array (pdoc), profit);
  /* --to names the last day of history: the same as "today" the day after */
  g_assert_cmpstr (pinned.out, ==, json.out);

  g_assert_cmpint (csv.status, ==, 0);
  g_assert_true (g_str_has_prefix (csv.out, "date,value,low,high\r\n2026-11-21,") ||
                 g_str_has_prefix (csv.out, "date,value,low,high\n2026-11-21,"));
}

static void
assert_score (JsonObject *o, const CiroForecastScore *s)
{
  g_assert_cmpuint (json_object_get_size (o), ==, 3);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "wape"), s->wape, 0.0051);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "total_error"), s->total_error, 0.0051);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "coverage"), s->coverage, 0.0051);
}

static void
test_backtest (void)
{
  g_autoptr(CiroForecast) fc = engine (CIRO_FORECAST_NET_REVENUE, 30, TRUE);
  g_auto(Run) json = cli ("report", "forecast", "--db", demo_db, "--backtest", "--format", "json", NULL);
  g_auto(Run) csv = cli ("report", "forecast", "--db", demo_db, "--backtest", "--format", "csv", NULL);
  g_autoptr(JsonNode) doc = NULL;
  JsonObject *o, *b;

  g_assert_cmpint (json.status, ==, 0);
  doc = parse_json (json.out);
  o = json_node_get_object (doc);
  g_assert_cmpint (json_object_get_int_member (o, "origins"), ==, fc->backtest->origins);
  g_assert_cmpint (json_object_get_int_member (o, "origins"), ==, 52);
  g_assert_cmpint (json_object_get_int_member (o, "horizon"), ==, 30);
  g_assert_cmpstr (json_object_get_string_member (o, "metric"), ==, "net_revenue");
  assert_score (json_object_get_object_member (o, "model"), &fc->backtest->model);
  b = json_object_get_object_member (o, "baselines");
  g_assert_cmpuint (json_object_get_size (b), ==, 3);
  assert_score (json_object_get_object_member (b, "linear_90"), &fc->backtest->baseline[CIRO_BASELINE_LINEAR_90]);
  assert_score (json_object_get_object_member (b, "seasonal_naive"),
                &fc->backtest->baseline[CIRO_BASELINE_SEASONAL_NAIVE]);
  assert_score (json_object_get_object_member (b, "last_year"), &fc->backtest->baseline[CIRO_BASELINE_LAST_YEAR]);
  g_test_message ("%s", json.out);

  g_assert_cmpint (csv.status, ==, 0);
  g_assert_true (g_str_has_prefix (csv.out, "method,wape,total_error,coverage"));
  g_assert_nonnull (strstr (csv.out, "\nmodel,"));
  g_assert_nonnull (strstr (csv.out, "\nlast_year,"));

  /* a store younger than a year: last_year is null */
  {
    g_auto(Run) young = cli ("report", "forecast", "--db", demo_db, "--to", "2025-06-30", "--backtest",
                             "--format", "json", NULL);
    g_autoptr(JsonNode) ydoc = NULL;
    JsonObject *yb;

    g_assert_cmpint (young.status, ==, 0);
    ydoc = parse_json (young.out);
    yb = json_object_get_object_member (json_node_get_object (ydoc), "baselines");
    g_assert_true (json_object_get_null_member (yb, "last_year"));
    g_assert_false (json_object_get_null_member (yb, "linear_90"));
  }
}

static void
test_people (void)
{
  const char *langs[][5] = {
    { "C.UTF-8", "Net revenue forecast after 2026-11-20", "Next 30 days:", "Low (80 %)", "usually within ±" },
    { "tr_TR.UTF-8", "Net Ciro tahmini, 2026-11-20 sonrası", "Sonraki 30 gün:", "En düşük (%80)", "genellikle ±" },
  };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_auto(Run) table = { 0 };
      g_auto(Run) bt = { 0 };
      g_auto(Run) json = { 0 };
      g_auto(Run) json_c = { 0 };
      g_auto(Run) help = { 0 };

      lc_all = langs[l][0];
      help = cli ("--help", NULL);
      g_assert_nonnull (strstr (help.out, "report forecast [--days N] [--metric net_revenue|profit] [--backtest]"));
      g_assert_nonnull (strstr (help.out, l == 0 ? "with an 80 % band" : "%80 bantlı tahmini"));
      table = cli ("report", "forecast", "--db", demo_db, "--format", "table", NULL);
      bt = cli ("report", "forecast", "--db", demo_db, "--backtest", "--format", "table", NULL);
      json = cli ("report", "forecast", "--db", demo_db, "--days", "3", "--format", "json", NULL);
      lc_all = "C.UTF-8";
      json_c = cli ("report", "forecast", "--db", demo_db, "--days", "3", "--format", "json", NULL);
      g_test_message ("%s\n%s", table.out, bt.out);
      g_assert_cmpint (table.status, ==, 0);
      g_assert_nonnull (strstr (table.out, langs[l][1]));
      g_assert_nonnull (strstr (table.out, langs[l][2]));
      g_assert_nonnull (strstr (table.out, langs[l][3]));
      g_assert_cmpint (bt.status, ==, 0);
      g_assert_nonnull (strstr (bt.out, langs[l][4]));
      /* JSON does not follow the locale */
      g_assert_cmpstr (json.out, ==, json_c.out);
    }
}

static void
test_errors (void)
{
  g_auto(Run) zero = cli ("report", "forecast", "--db", demo_db, "--days", "0", NULL);
  g_auto(Run) big = cli ("report", "forecast", "--db", demo_db, "--days", "91", NULL);
  g_auto(Run) metric = cli ("report", "forecast", "--db", demo_db, "--metric", "units", NULL);
  /* the demo starts on 2024-11-22: 20 days of history */
  g_auto(Run) young = cli ("report", "forecast", "--db", demo_db, "--to", "2024-12-11", NULL);
  g_auto(Run) tr = { 0 };

  assert_one_line_error (&zero, 2, "--days");
  assert_one_line_error (&big, 2, "--days");
  assert_one_line_error (&metric, 2, "--metric");
  assert_one_line_error (&young, 2, "Not enough history for a forecast: the store has 20 days of orders");
  lc_all = "tr_TR.UTF-8";
  tr = cli ("report", "forecast", "--db", demo_db, "--to", "2024-12-11", NULL);
  lc_all = "C.UTF-8";
  assert_one_line_error (&tr, 2, "Tahmin için yeterli geçmiş yok");
}

int
main (int argc, char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("CIRO_CLI") == NULL)
    g_error ("CIRO_CLI must name the ciro-cli binary");
  dir = g_dir_make_tmp ("ciro-cli-forecast-XXXXXX", NULL);
  demo_db = g_build_filename (dir, "demo.db", NULL);
  {
    g_auto(Run) demo = { 0 };
    demo = cli ("--db", demo_db, "demo", "--orders", "6000", "--products", "60", "--seed", "7", NULL);
    g_assert_cmpint (demo.status, ==, 0);
  }
  g_test_add_func ("/cli-forecast/days", test_days);
  g_test_add_func ("/cli-forecast/backtest", test_backtest);
  g_test_add_func ("/cli-forecast/people", test_people);
  g_test_add_func ("/cli-forecast/errors", test_errors);
  rc = g_test_run ();
  {
    g_autofree char *wal = g_strconcat (demo_db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (demo_db, "-shm", NULL);
    g_unlink (demo_db);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  g_free (demo_db);
  g_free (dir);
  return rc;
}
