/* test-cli-tariffs.c: `ciro-cli tariff set|list|remove` (insights.md §3)
 *
 * ciro-cli run as a process on a small hand-made store: a tariff set
 * through the CLI changes the summary's and the carriers' shipping expense
 * by the hand-computed amount; the list in JSON and as a Turkish table;
 * removing it restores metrics.md's figure; errors are one line, exit 2.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "core/ciro-date.h"
#include "store/ciro-store.h"

static char *dir;
static char *db;

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
cli_in (const char *locale, const char *first, ...)
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
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, db);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_unsetenv (l, "CIRO_DB");
  g_subprocess_launcher_setenv (l, "CIRO_NOW", "2025-04-01 12:00:00", TRUE);
  g_subprocess_launcher_setenv (l, "LC_ALL", locale, TRUE);
  g_subprocess_launcher_setenv (l, "CIRO_LOCALEDIR", localedir, TRUE);
  p = g_subprocess_launcher_spawnv (l, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &r.out, &r.err, &error));
  g_assert_no_error (error);
  r.status = g_subprocess_get_exit_status (p);
  return r;
}

#define cli(...) cli_in ("C.UTF-8", __VA_ARGS__)

static JsonNode *
parse (const Run *r)
{
  g_autoptr(JsonParser) p = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (r->status != 0)
    g_error ("exit %d: %s", r->status, r->err);
  g_assert_true (json_parser_load_from_data (p, r->out, -1, &error));
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (p));
}

/* The window DAY..DAY+9's shipping expense by the summary and by the
 * carriers' sum, in kuruş; they must agree. */
static gint64
expense (void)
{
  g_auto(Run) s = cli ("report", "summary", "--from", "2025-03-10", "--to", "2025-03-19", "--format", "json", NULL);
  g_auto(Run) c = cli ("report", "carriers", "--from", "2025-03-10", "--to", "2025-03-19", "--format", "json", NULL);
  g_autoptr(JsonNode) sn = parse (&s);
  g_autoptr(JsonNode) cn = parse (&c);
  JsonArray *rows = json_node_get_array (cn);
  double sum = 0, summary = json_object_get_double_member (json_node_get_object (sn), "shipping_expense");

  for (guint i = 0; i < json_array_get_length (rows); i++)
    sum += json_object_get_double_member (json_array_get_object_element (rows, i), "shipping_expense");
  g_assert_cmpint ((gint64) (sum * 100 + 0.5), ==, (gint64) (summary * 100 + 0.5));
  return (gint64) (summary * 100 + 0.5);
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
}

/* Orders: Aras on Trendyol DAY+1 and DAY+6, Aras on Hepsiburada DAY+6,
 * PTT on Trendyol DAY+2; ₺75 per order each (4 × 7500 = 30000). Aras from
 * DAY+5 at ₺40,50 (any marketplace), Aras on Trendyol from DAY+5 at ₺30:
 * 7500 + 3000 + 4050 + 7500 = 22050. */
static void
test_set_list_remove (void)
{
  g_assert_cmpint (expense (), ==, 30000);
  {
    g_auto(Run) a = cli ("tariff", "set", "ARAS KARGO", "40,50", "--from", "2025-03-15", NULL);
    g_auto(Run) b = cli ("tariff", "set", "aras", "30", "--from", "2025-03-15", "--marketplace", "trendyol", NULL);
    g_assert_cmpint (a.status, ==, 0);
    g_assert_cmpint (b.status, ==, 0);
    g_assert_cmpstr (a.out, ==, "");
  }
  g_assert_cmpint (expense (), ==, 22050);
  {
    g_auto(Run) l = cli ("tariff", "list", "--format", "json", NULL);
    g_autoptr(JsonNode) n = parse (&l);
    JsonArray *rows = json_node_get_array (n);
    JsonObject *r0, *r1;

    g_assert_cmpuint (json_array_get_length (rows), ==, 2);
    r0 = json_array_get_object_element (rows, 0);
    r1 = json_array_get_object_element (rows, 1);
    g_assert_cmpstr (json_object_get_string_member (r0, "carrier"), ==, "Aras Kargo");
    g_assert_true (json_object_get_null_member (r0, "marketplace"));
    g_assert_cmpstr (json_object_get_string_member (r0, "from"), ==, "2025-03-15");
    g_assert_cmpfloat (json_object_get_double_member (r0, "amount"), ==, 40.5);
    g_assert_cmpstr (json_object_get_string_member (r1, "marketplace"), ==, "Trendyol");
    g_assert_cmpfloat (json_object_get_double_member (r1, "amount"), ==, 30.0);
  }
  {
    g_auto(Run) t = cli_in ("tr_TR.UTF-8", "tariff", "list", "--format", "table", NULL);
    g_assert_cmpint (t.status, ==, 0);
    g_assert_nonnull (strstr (t.out, "Kargo firması"));
    g_assert_nonnull (strstr (t.out, "Sipariş başına"));
    g_assert_nonnull (strstr (t.out, "Tüm pazaryerleri"));
    g_assert_nonnull (strstr (t.out, "₺40,50"));
  }
  {
    g_auto(Run) c = cli ("tariff", "list", "--format", "csv", NULL);
    g_assert_cmpint (c.status, ==, 0);
    g_assert_true (g_str_has_prefix (c.out, "carrier,marketplace,from,amount\r\n") ||
                   g_str_has_prefix (c.out, "carrier,marketplace,from,amount\n"));
  }
  {
    g_auto(Run) r = cli ("tariff", "remove", "Aras", "--marketplace", "Trendyol", "--from", "2025-03-15", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_cmpint (expense (), ==, 7500 + 4050 + 4050 + 7500);
  {
    g_auto(Run) r = cli ("tariff", "remove", "Aras", "--from", "2025-03-15", NULL);
    g_assert_cmpint (r.status, ==, 0);
  }
  g_assert_cmpint (expense (), ==, 30000);
}

static void
test_errors (void)
{
  static const struct { const char *locale, *missing, *nan, *usage; } cases[] = {
    { "C.UTF-8", "No tariff for Aras Kargo", "is not a number", "usage: ciro-cli tariff" },
    { "tr_TR.UTF-8", "Aras Kargo için o tarihten geçerli bir tarife yok", "bir sayı değil", "kullanım: ciro-cli tariff" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) a = cli_in (cases[i].locale, "tariff", "remove", "Aras", NULL);
      g_auto(Run) b = cli_in (cases[i].locale, "tariff", "set", "Aras", "abc", NULL);
      g_auto(Run) c = cli_in (cases[i].locale, "tariff", NULL);
      g_auto(Run) d = cli_in (cases[i].locale, "tariff", "set", "Aras", "-5", NULL);

      assert_one_line_error (&a, 2, cases[i].missing);
      assert_one_line_error (&b, 2, cases[i].nan);
      assert_one_line_error (&c, 2, cases[i].usage);
      assert_one_line_error (&d, 2, NULL);
    }
}

/* `ciro-cli demo` (the mock and one real sync) leaves a timeline as a
 * seller synced all along would have: every carrier has delivery times,
 * shipping within 1–3 days and delivery 1–4 days later by the median, and
 * the carriers differ. */
static void
test_demo_history (void)
{
  g_autofree char *demo = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *saved = db;
  g_autoptr(JsonNode) n = NULL;
  JsonArray *rows;
  double fastest = 99, slowest = 0;

  db = demo;
  {
    g_auto(Run) d = cli ("demo", "--orders", "4000", "--products", "40", "--seed", "3", NULL);
    g_assert_cmpint (d.status, ==, 0);
  }
  {
    g_auto(Run) c = cli ("report", "carriers", "--from", "2020-01-01", "--to", "2026-12-31", "--format", "json", NULL);
    n = parse (&c);
  }
  rows = json_node_get_array (n);
  g_assert_cmpuint (json_array_get_length (rows), >=, 4);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *o = json_array_get_object_element (rows, i);
      gint64 orders = json_object_get_int_member (o, "orders");
      gint64 delivered = json_object_get_int_member (o, "days_to_deliver_n");
      double ship, deliver;

      if (orders < 100)
        continue;
      ship = json_object_get_double_member (o, "days_to_ship_median");
      deliver = json_object_get_double_member (o, "days_to_deliver_median");
      g_assert_cmpint (delivered, >, orders / 2);
      g_assert_cmpfloat (ship, >=, 0.5);
      g_assert_cmpfloat (ship, <=, 3.0);
      g_assert_cmpfloat (deliver, >=, 1.0);
      g_assert_cmpfloat (deliver, <=, 4.0);
      fastest = MIN (fastest, deliver);
      slowest = MAX (slowest, deliver);
    }
  g_assert_cmpfloat (slowest - fastest, >=, 0.5);
  {
    g_autofree char *wal = g_strconcat (demo, "-wal", NULL);
    g_autofree char *shm = g_strconcat (demo, "-shm", NULL);
    g_unlink (demo);
    g_unlink (wal);
    g_unlink (shm);
  }
  db = g_steal_pointer (&saved);
}

static void
put (CiroStore *store, gint64 id, CiroDay day, const char *source, const char *carrier)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroOrderRecord) o = ciro_order_record_new ();
  CiroOrderLineRecord *l = ciro_order_line_record_new ();

  o->id = id;
  o->order_code = g_strdup_printf ("O-%" G_GINT64_FORMAT, id);
  o->day = day;
  o->seconds = 36000;
  o->source = g_strdup (source);
  o->status = 5;
  o->cargo_provider = g_strdup (carrier);
  l->sku = g_strdup ("X-1");
  l->quantity = 1;
  l->price = l->amount = 10000;
  g_ptr_array_add (o->lines, l);
  g_assert_true (ciro_store_begin (store, &error));
  g_assert_true (ciro_store_put_order (store, o, &error));
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  CiroDay day = ciro_day_from_ymd (2025, 3, 10);
  int rc;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("CIRO_CLI") == NULL)
    g_error ("CIRO_CLI must name the ciro-cli binary");
  dir = g_dir_make_tmp ("ciro-cli-tariffs-XXXXXX", NULL);
  db = g_build_filename (dir, "t.db", NULL);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CiroStore) store = ciro_store_open (db, &error);

    g_assert_no_error (error);
    put (store, 1, day + 1, "TRENDYOL", "Aras");
    put (store, 2, day + 6, "TRENDYOL", "Aras Kargo");
    put (store, 3, day + 6, "HEPSIBURADA", "aras");
    put (store, 4, day + 2, "TRENDYOL", "PTT");
  }
  g_test_add_func ("/cli-tariffs/set-list-remove", test_set_list_remove);
  g_test_add_func ("/cli-tariffs/errors", test_errors);
  g_test_add_func ("/cli-tariffs/demo-history", test_demo_history);
  rc = g_test_run ();
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (db);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
  return rc;
}
