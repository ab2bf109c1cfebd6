/* test-cli-customers.c: ciro-cli report customers|rfm|cohorts|clv as a
 * process, against the engine on the same store, in English and Turkish,
 * with and without the KVKK masking setting
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "analytics/ciro-customers.h"
#include "core/ciro-customer.h"
#include "core/ciro-date.h"
#include "ciro-test-util.h"

static char *dir;
static char *db;
static CiroDay END;

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
cli (const char *lang, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) l = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                 G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  Run r = { 0 };
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CIRO_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, db);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_unsetenv (l, "CIRO_DB");
  g_subprocess_launcher_setenv (l, "LC_ALL", lang, TRUE);
  g_subprocess_launcher_setenv (l, "LANGUAGE", "", TRUE);
  g_subprocess_launcher_setenv (l, "CIRO_LOCALEDIR", localedir, TRUE);
  p = g_subprocess_launcher_spawnv (l, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &r.out, &r.err, &error));
  g_assert_no_error (error);
  r.status = g_subprocess_get_exit_status (p);
  return r;
}

static CiroCustomerReport *
engine (CiroCustomersFlags flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (db, &error);
  CiroReportFilter f = { END - 364, END, NULL };
  CiroCustomerReport *r;

  g_assert_no_error (error);
  r = ciro_report_customers (store, &f, flags | CIRO_CUSTOMERS_CONTACTS, &error);
  g_assert_no_error (error);
  return r;
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) p = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_assert_true (json_parser_load_from_data (p, text, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (p));
}

static void
assert_money (JsonObject *o, const char *key, CiroKurus want)
{
  g_assert_cmpint (llround (json_object_get_double_member (o, key) * 100), ==, want);
}

/* `report rfm` without --from: the year up to --to, every customer of it,
 * each row equal to the engine's */
static void
test_rfm_json (void)
{
  g_autoptr(CiroCustomerReport) r = engine (CIRO_CUSTOMERS_MODEL);
  g_autofree char *to = ciro_day_to_string (END);
  g_auto(Run) run = cli ("C.UTF-8", "report", "rfm", "--to", to, "--format", "json", NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *rows;
  CiroKurus last = G_MAXINT64;

  g_assert_cmpint (run.status, ==, 0);
  root = parse (run.out);
  rows = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (rows), ==, r->n_window);
  for (guint i = 0; i < r->customers->len; i++)
    g_hash_table_insert (by_key, g_array_index (r->customers, CiroCustomer, i).key,
                         &g_array_index (r->customers, CiroCustomer, i));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *o = json_array_get_object_element (rows, i);
      const CiroCustomer *c = g_hash_table_lookup (by_key, json_object_get_string_member (o, "customer"));
      g_assert_nonnull (c);
      g_assert_true (c->in_window);
      g_assert_cmpstr (json_object_get_string_member (o, "name"), ==, c->name);
      g_assert_cmpint (json_object_get_int_member (o, "recency_days"), ==, c->recency_days);
      g_assert_cmpint (json_object_get_int_member (o, "frequency"), ==, c->frequency);
      assert_money (o, "monetary", c->monetary);
      g_assert_cmpint (json_object_get_int_member (o, "r"), ==, c->r);
      g_assert_cmpint (json_object_get_int_member (o, "f"), ==, c->f);
      g_assert_cmpint (json_object_get_int_member (o, "m"), ==, c->m);
      g_assert_cmpstr (json_object_get_string_member (o, "segment"), ==, ciro_segment_name (c->segment));
      g_assert_cmpint (json_object_get_int_member (o, "loyalty"), ==, c->loyalty);
      g_assert_cmpint (json_object_get_boolean_member (o, "vip"), ==, c->vip);
      g_assert_cmpint (json_object_get_boolean_member (o, "churn_risk"), ==, c->churn_risk);
      assert_money (o, "clv_historical", c->clv_historical);
      assert_money (o, "clv_12m", c->clv_12m);
      /* profit.md's view next to it */
      assert_money (o, "clv_historical_ex_vat", c->clv_historical_ex_vat);
      assert_money (o, "clv_12m_ex_vat", c->clv_12m_ex_vat);
      /* largest spend first */
      g_assert_cmpint (c->monetary, <=, last);
      last = c->monetary;
    }
}

static void
test_customers_csv_and_cohorts (void)
{
  g_autoptr(CiroCustomerReport) r = engine (CIRO_CUSTOMERS_RFM);
  g_autofree char *to = ciro_day_to_string (END);
  g_auto(Run) csv = cli ("C.UTF-8", "report", "customers", "--to", to, "--format", "csv", "--limit", "10", NULL);
  g_auto(Run) cohorts = cli ("C.UTF-8", "report", "cohorts", "--to", to, "--format", "json", NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (db, &error);
  CiroReportFilter f = { END - 364, END, NULL };
  g_autoptr(GArray) want = ciro_report_cohorts (store, &f, &error);
  JsonArray *rows;
  guint k = 0;

  g_assert_no_error (error);
  g_assert_cmpint (csv.status, ==, 0);
  lines = g_strsplit (csv.out, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "customer,name,city,orders,net_spend,last_order,segment,loyalty,vip,churn_risk,"
                                 "clv_historical,clv_12m,clv_historical_ex_vat,clv_12m_ex_vat");
  g_assert_cmpuint (g_strv_length (lines), ==, 12);   /* header, 10 rows, the empty tail */

  g_assert_cmpint (cohorts.status, ==, 0);
  root = parse (cohorts.out);
  rows = json_node_get_array (root);
  for (guint i = 0; i < want->len; i++)
    {
      const CiroCohort *co = &g_array_index (want, CiroCohort, i);
      for (guint m = 0; m < co->n_months; m++, k++)
        {
          JsonObject *o = json_array_get_object_element (rows, k);
          g_autofree char *name = g_strdup_printf ("%04d-%02d", co->month / 12, co->month % 12 + 1);
          g_assert_cmpstr (json_object_get_string_member (o, "cohort"), ==, name);
          g_assert_cmpint (json_object_get_int_member (o, "customers"), ==, co->customers);
          g_assert_cmpint (json_object_get_int_member (o, "month"), ==, m);
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "active_pct"), co->active_pct[m], 0.006);
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "revenue_per_customer"),
                                          co->revenue_per_customer[m], 0.006);
        }
    }
  g_assert_cmpuint (json_array_get_length (rows), ==, k);
  g_assert_cmpuint (want->len, ==, 12);    /* 2025-12-01 … 2026-11-30: twelve months */
  (void) r;
}

static void
test_clv (void)
{
  g_autoptr(CiroCustomerReport) r = engine (CIRO_CUSTOMERS_HOLDOUT);
  g_autofree char *to = ciro_day_to_string (END);
  g_auto(Run) json = cli ("C.UTF-8", "report", "clv", "--to", to, "--format", "json", NULL);
  g_auto(Run) table = cli ("tr_TR.UTF-8", "report", "clv", "--to", to, "--format", "table", NULL);
  g_auto(Run) json_tr = cli ("tr_TR.UTF-8", "report", "clv", "--to", to, "--format", "json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o, *h;

  g_assert_cmpint (json.status, ==, 0);
  root = parse (json.out);
  o = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (o, "customers"), ==, r->customers->len);
  {
    CiroKurus hist = 0, hist_ex = 0, pred = 0, pred_ex = 0;
    for (guint i = 0; i < r->customers->len; i++)
      {
        const CiroCustomer *c = &g_array_index (r->customers, CiroCustomer, i);
        hist += c->clv_historical;
        hist_ex += c->clv_historical_ex_vat;
        pred += c->clv_12m;
        pred_ex += c->clv_12m_ex_vat;
      }
    assert_money (o, "clv_historical", hist);
    assert_money (o, "clv_historical_ex_vat", hist_ex);
    assert_money (o, "clv_12m", pred);
    assert_money (o, "clv_12m_ex_vat", pred_ex);
    /* the demo store's KDV and fees make them differ */
    g_assert_cmpint (hist_ex, <, hist);
    g_assert_cmpint (pred_ex, <, pred);
  }
  g_assert_true (r->holdout.available);
  h = json_object_get_object_member (o, "holdout");
  assert_money (h, "actual", r->holdout.actual);
  assert_money (h, "model", r->holdout.model_total);
  assert_money (h, "baseline", r->holdout.baseline_total);
  g_test_message ("demo store holdout: model WAPE %.1f %%, baseline WAPE %.1f %%",
                  json_object_get_double_member (h, "model_wape_pct"),
                  json_object_get_double_member (h, "baseline_wape_pct"));
  /* the JSON is the same in Turkish (decimal points, not commas) */
  g_assert_cmpint (json_tr.status, ==, 0);
  g_assert_cmpstr (json_tr.out, ==, json.out);
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out, "Müşteri yaşam boyu değeri"));
  g_assert_nonnull (strstr (table.out, "KDV sonrası geçmiş müşteri değeri"));
  g_assert_nonnull (strstr (table.out, "karşılaştırma (geçen yılın harcaması tekrar)"));
}

static void
test_turkish_table (void)
{
  g_autofree char *to = ciro_day_to_string (END);
  g_auto(Run) run = cli ("tr_TR.UTF-8", "report", "rfm", "--to", to, "--format", "table", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Sadakat"));
  g_assert_nonnull (strstr (run.out, "Şampiyon"));
  g_assert_null (strstr (run.out, "Champion"));
}

/* With mask_personal_data set, no customer's name, e-mail or phone is
 * printed, in any format; the masked forms are. */
static void
test_masking (void)
{
  g_autoptr(CiroCustomerReport) r = engine (CIRO_CUSTOMERS_RFM);
  g_autofree char *to = ciro_day_to_string (END);
  const char *formats[] = { "json", "csv", "table" };
  const char *reports[] = { "rfm", "customers" };
  g_auto(Run) set = cli ("C.UTF-8", "settings", "set", "mask_personal_data", "1", NULL);
  gboolean seen_masked = FALSE;

  g_assert_cmpint (set.status, ==, 0);
  for (guint rep = 0; rep < G_N_ELEMENTS (reports); rep++)
    for (guint fm = 0; fm < G_N_ELEMENTS (formats); fm++)
      {
        g_auto(Run) run = cli ("C.UTF-8", "report", reports[rep], "--to", to, "--format", formats[fm], NULL);
        g_assert_cmpint (run.status, ==, 0);
        for (guint i = 0; i < r->customers->len; i++)
          {
            const CiroCustomer *c = &g_array_index (r->customers, CiroCustomer, i);
            g_autofree char *masked = ciro_mask_name (c->name);
            if (c->name != NULL)
              g_assert_null (strstr (run.out, c->name));
            if (c->email != NULL)
              g_assert_null (strstr (run.out, c->email));
            if (c->phone != NULL)
              g_assert_null (strstr (run.out, c->phone));
            seen_masked |= masked != NULL && strstr (run.out, masked) != NULL;
          }
      }
  g_assert_true (seen_masked);
  {
    g_auto(Run) unset = cli ("C.UTF-8", "settings", "set", "mask_personal_data", "0", NULL);
    g_assert_cmpint (unset.status, ==, 0);
  }
}

static void
test_bad_usage (void)
{
  g_auto(Run) run = cli ("C.UTF-8", "report", "rfm", "--from", "2026-12-01", "--to", "2026-11-01", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

/* --help, `export --help` and `report --help` list the customer reports,
 * `report baskets` and the rfm and cohorts exports, in English and in
 * Turkish; the usage errors name them too. */
static void
test_help (void)
{
  const char *langs[] = { "C.UTF-8", "tr_TR.UTF-8" };
  const char *wanted[] = { "report customers|rfm|cohorts|clv", "report baskets [--min-count N] [--size 2|3]",
                           "export sales|products|pnl|platforms|customers|stock|categories|rfm|cohorts" };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_auto(Run) help = cli (langs[l], "--help", NULL);
      g_auto(Run) export_help = cli (langs[l], "export", "--help", NULL);
      g_auto(Run) report_help = cli (langs[l], "report", "--help", NULL);
      g_auto(Run) no_kind = cli (langs[l], "report", NULL);
      g_auto(Run) bad_export = cli (langs[l], "export", "nonsense", NULL);
      Run *runs[] = { &help, &export_help, &report_help };

      for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
        {
          g_assert_cmpint (runs[i]->status, ==, 0);
          for (guint k = 0; k < G_N_ELEMENTS (wanted); k++)
            if (strstr (runs[i]->out, wanted[k]) == NULL)
              g_error ("%s: the help lacks “%s”:\n%s", langs[l], wanted[k], runs[i]->out);
          /* the explanations in the user's language */
          g_assert_nonnull (strstr (runs[i]->out, l == 0 ? "products bought together" : "birlikte alınan ürünler"));
          g_assert_nonnull (strstr (runs[i]->out, l == 0 ? "rfm and cohorts cover the last 365 days"
                                                         : "rfm ve cohorts --from verilmezse son 365 günü"));
        }
      g_assert_cmpint (no_kind.status, ==, 2);
      g_assert_nonnull (strstr (no_kind.err, "baskets, customers, rfm, cohorts"));
      g_assert_cmpint (bad_export.status, ==, 2);
      g_assert_nonnull (strstr (bad_export.err, "categories|rfm|cohorts"));
    }
}

/* `export rfm` and `export cohorts` without --from cover the year up to
 * --to, as `report rfm` does: the same file as with --from a year back, a
 * row a customer of the year */
static void
test_export_year (void)
{
  g_autoptr(CiroCustomerReport) r = engine (CIRO_CUSTOMERS_RFM);
  g_autofree char *to = ciro_day_to_string (END);
  g_autofree char *from = ciro_day_to_string (END - 364);
  const char *kinds[] = { "rfm", "cohorts" };
  guint n_window = 0;

  for (guint i = 0; i < r->customers->len; i++)
    n_window += g_array_index (r->customers, CiroCustomer, i).in_window;
  g_assert_cmpuint (n_window, >, 100);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *a = g_build_filename (dir, "default.csv", NULL);
      g_autofree char *b = g_build_filename (dir, "year.csv", NULL);
      g_auto(Run) ra = cli ("C.UTF-8", "export", kinds[k], "--to", to, "--format", "csv", "--output", a, NULL);
      g_auto(Run) rb = cli ("C.UTF-8", "export", kinds[k], "--from", from, "--to", to, "--format", "csv", "--output", b,
                            NULL);
      g_autofree char *ta = NULL, *tb = NULL;

      g_assert_cmpint (ra.status, ==, 0);
      g_assert_cmpint (rb.status, ==, 0);
      g_assert_true (g_file_get_contents (a, &ta, NULL, NULL));
      g_assert_true (g_file_get_contents (b, &tb, NULL, NULL));
      g_assert_cmpstr (ta, ==, tb);
      if (k == 0)
        {
          g_auto(GStrv) lines = g_strsplit (ta, "\r\n", -1);
          g_assert_cmpuint (g_strv_length (lines), ==, n_window + 2);   /* the header, the rows, "" */
        }
      g_unlink (a);
      g_unlink (b);
    }
}

int
main (int argc, char **argv)
{
  int status;
  g_test_init (&argc, &argv, NULL);
  dir = ciro_test_tmpdir ("cli-customers");
  db = g_build_filename (dir, "ciro.db", NULL);
  END = ciro_day_from_ymd (2026, 11, 30);
  g_object_unref (ciro_test_reference_store (db, 6000, 80, 5, END, 730));
  g_test_add_func ("/cli-customers/rfm-json", test_rfm_json);
  g_test_add_func ("/cli-customers/customers-csv-cohorts", test_customers_csv_and_cohorts);
  g_test_add_func ("/cli-customers/clv", test_clv);
  g_test_add_func ("/cli-customers/turkish-table", test_turkish_table);
  g_test_add_func ("/cli-customers/masking", test_masking);
  g_test_add_func ("/cli-customers/bad-usage", test_bad_usage);
  g_test_add_func ("/cli-customers/help", test_help);
  g_test_add_func ("/cli-customers/export-year", test_export_year);
  status = g_test_run ();
  ciro_test_remove_store (db);
  return status;
}
