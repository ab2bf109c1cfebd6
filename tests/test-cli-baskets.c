/* test-cli-baskets.c: `ciro-cli report baskets` (cli.md, insights.md §5)
 *
 * ciro-cli run as a process on a demo store made by `ciro-cli demo`; its
 * JSON and CSV itemset by itemset against the engine, --size, --product,
 * --min-count and --sort, the table in English and Turkish, the errors as
 * one line and exit status 2.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "analytics/ciro-baskets.h"
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


#define FROM "2024-01-01"
#define TO   "2026-11-20"

static CiroBaskets *
engine (guint min_count, guint size, gint64 product)
{
  g_autoptr(CiroStore) store = ciro_store_open (demo_db, NULL);
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { ciro_day_from_ymd (2024, 1, 1), ciro_day_from_ymd (2026, 11, 20), NULL };
  CiroBasketOptions o = { min_count, size, product };
  CiroBaskets *b = ciro_report_baskets (store, &f, &o, &error);

  g_assert_no_error (error);
  return b;
}

/* The objects, pairs then triples, against the engine's sets. */
static void
assert_json (const char *text, const CiroBaskets *b, guint first, guint last)
{
  g_autoptr(JsonNode) root = parse_json (text);
  JsonArray *arr = json_node_get_array (root);
  guint k = 0;

  for (guint size = first; size <= last; size++)
    {
      GArray *sets = size == 2 ? b->pairs : b->triples;
      for (guint i = 0; i < sets->len; i++, k++)
        {
          const CiroBasketSet *s = &g_array_index (sets, CiroBasketSet, i);
          JsonObject *o = json_array_get_object_element (arr, k);
          JsonArray *ids = json_object_get_array_member (o, "product_ids");
          JsonArray *skus = json_object_get_array_member (o, "skus");
          JsonArray *names = json_object_get_array_member (o, "names");

          g_assert_nonnull (o);
          g_assert_cmpuint (json_array_get_length (ids), ==, size);
          for (guint j = 0; j < size; j++)
            {
              const CiroBasketProduct *p = ciro_baskets_product (b, s->items[j]);
              g_assert_cmpint (json_array_get_int_element (ids, j), ==, s->items[j]);
              g_assert_cmpstr (json_array_get_string_element (skus, j), ==, p->sku);
              g_assert_cmpstr (json_array_get_string_element (names, j), ==, p->name);
              if (j > 0)
                g_assert_cmpint (json_array_get_int_element (ids, j - 1), <, json_array_get_int_element (ids, j));
            }
          g_assert_cmpint (json_object_get_int_member (o, "count"), ==, s->count);
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "support"), s->support, 0.0000501);
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "lift"), s->lift, 0.0000501);
          if (size == 2)
            {
              g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "confidence_ab"),
                                              (double) s->count / s->item_count[0], 0.0000501);
              g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "confidence_ba"),
                                              (double) s->count / s->item_count[1], 0.0000501);
            }
          else
            {
              g_assert_true (json_object_get_null_member (o, "confidence_ab"));
              g_assert_true (json_object_get_null_member (o, "confidence_ba"));
            }
        }
    }
  g_assert_cmpuint (json_array_get_length (arr), ==, k);
}

static void
test_json (void)
{
  g_autoptr(CiroBaskets) b = engine (3, 3, 0);
  g_autoptr(CiroBaskets) pairs = engine (3, 2, 0);
  g_autoptr(CiroBaskets) deflt = engine (0, 3, 0);
  g_auto(Run) all = cli ("report", "baskets", "--db", demo_db, "--from", FROM, "--to", TO, "--min-count", "3",
                         "--format", "json", NULL);
  g_auto(Run) two = cli ("report", "baskets", "--db", demo_db, "--from", FROM, "--to", TO, "--min-count", "3",
                         "--size", "2", "--format", "json", NULL);
  g_auto(Run) three = cli ("report", "baskets", "--db", demo_db, "--from", FROM, "--to", TO, "--min-count", "3",
                           "--size", "3", "--format", "json", NULL);
  g_auto(Run) five = cli ("report", "baskets", "--db", demo_db, "--from", FROM, "--to", TO, "--format", "json", NULL);

  g_assert_cmpint (all.status, ==, 0);
  g_assert_cmpuint (b->pairs->len, >, 5);
  g_assert_cmpuint (b->triples->len, >, 0);
  assert_json (all.out, b, 2, 3);
  assert_json (two.out, pairs, 2, 2);
  assert_json (three.out, b, 3, 3);
  /* without --min-count: the default, 5 */
  assert_json (five.out, deflt, 2, 3);
  g_assert_cmpuint (deflt->pairs->len, <, b->pairs->len);
}

static void
test_product_and_sort (void)
{
  g_autoptr(CiroBaskets) b = engine (3, 3, 0);
  const CiroBasketSet *top = &g_array_index (b->pairs, CiroBasketSet, 0);
  const CiroBasketProduct *p = ciro_baskets_product (b, top->items[0]);
  g_autoptr(CiroBaskets) only = engine (3, 3, p->id);
  g_auto(Run) json = cli ("report", "baskets", "--db", demo_db, "--from", FROM, "--to", TO, "--min-count", "3",
                          "--product", p->sku, "--format", "json", NULL);
  g_auto(Run) lift = cli ("report", "baskets", "--db", demo_db, "--from", FROM, "--to", TO, "--min-count", "3",
                          "--size", "2", "--sort", "lift", "--limit", "4", "--format", "json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *arr;

  g_assert_cmpint (json.status, ==, 0);
  assert_json (json.out, only, 2, 3);
  g_assert_cmpuint (only->pairs->len, >, 0);
  for (guint i = 0; i < only->pairs->len; i++)
    {
      const CiroBasketSet *s = &g_array_index (only->pairs, CiroBasketSet, i);
      g_assert_true (s->items[0] == p->id || s->items[1] == p->id);
    }

  /* by lift, the first four */
  ciro_baskets_sort (b->pairs, CIRO_BASKET_SORT_LIFT);
  root = parse_json (lift.out);
  arr = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (arr), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *o = json_array_get_object_element (arr, i);
      JsonArray *ids = json_object_get_array_member (o, "product_ids");
      const CiroBasketSet *s = &g_array_index (b->pairs, CiroBasketSet, i);
      g_assert_cmpint (json_array_get_int_element (ids, 0), ==, s->items[0]);
      g_assert_cmpint (json_array_get_int_element (ids, 1), ==, s->items[1]);
    }
}

static void
test_csv (void)
{
  g_autoptr(CiroBaskets) b = engine (3, 3, 0);
  g_auto(Run) csv = cli ("report", "baskets", "--db", demo_db, "--from", FROM, "--to", TO, "--min-count", "3",
                         "--format", "csv", NULL);
  g_auto(GStrv) lines = g_strsplit (csv.out, "\r\n", -1);
  const CiroBasketSet *s = &g_array_index (b->pairs, CiroBasketSet, 0);
  const CiroBasketSet *t = &g_array_index (b->triples, CiroBasketSet, 0);
  g_autofree char *first = g_strdup_printf ("%" G_GINT64_FORMAT " + %" G_GINT64_FORMAT ",", s->items[0], s->items[1]);
  g_autofree char *count = g_strdup_printf (",%" G_GINT64_FORMAT ",", s->count);
  g_autofree char *tri = g_strdup_printf ("%" G_GINT64_FORMAT " + %" G_GINT64_FORMAT " + %" G_GINT64_FORMAT ",",
                                          t->items[0], t->items[1], t->items[2]);

  g_assert_cmpint (csv.status, ==, 0);
  if (g_strv_length (lines) < 2)
    lines = (g_strfreev (lines), g_strsplit (csv.out, "\n", -1));
  g_assert_cmpstr (lines[0], ==, "product_ids,skus,names,count,support,confidence_ab,confidence_ba,lift");
  /* a header, one line per itemset, the empty string after the last end of line */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + b->pairs->len + b->triples->len + 1);
  g_assert_true (g_str_has_prefix (lines[1], first));
  g_assert_nonnull (strstr (lines[1], count));
  g_assert_true (g_str_has_prefix (lines[1 + b->pairs->len], tri));
  /* a triple has no confidences: two empty fields before the lift */
  g_assert_nonnull (strstr (lines[1 + b->pairs->len], ",,,"));
}

static void
test_people (void)
{
  const char *langs[][5] = {
    { "C.UTF-8", "Bought together — 2024-01-01 … 2026-11-20", "Pairs", "Confidence A→B", "orders with a matched product" },
    { "tr_TR.UTF-8", "Birlikte alınanlar — 2024-01-01 … 2026-11-20", "İkililer", "Güven A→B", "Ürünü eşleşen" },
  };
  g_autoptr(CiroBaskets) b = engine (3, 3, 0);
  const CiroBasketSet *s = &g_array_index (b->pairs, CiroBasketSet, 0);
  g_autofree char *names = ciro_basket_set_names (b, s);

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_auto(Run) table = { 0 };
      g_auto(Run) none = { 0 };

      lc_all = langs[l][0];
      table = cli ("report", "baskets", "--db", demo_db, "--from", FROM, "--to", TO, "--min-count", "3",
                   "--format", "table", NULL);
      none = cli ("report", "baskets", "--db", demo_db, "--from", FROM, "--to", TO, "--min-count", "1000000",
                  "--format", "table", NULL);
      g_assert_cmpint (table.status, ==, 0);
      for (guint k = 1; k < 5; k++)
        if (strstr (table.out, langs[l][k]) == NULL)
          g_error ("“%s” not in: %s", langs[l][k], table.out);
      g_assert_nonnull (strstr (table.out, names));
      g_assert_nonnull (strstr (table.out, l == 0 ? "Triples" : "Üçlüler"));
      g_assert_nonnull (strstr (none.out, l == 0 ? "None reach the minimum count." : "En az sayıya ulaşan yok."));
    }
  lc_all = "C.UTF-8";
}

static void
test_errors (void)
{
  const char *langs[][3] = {
    { "C.UTF-8", "expected a whole number from 2 to 3", "no product has the SKU" },
    { "tr_TR.UTF-8", "2 ile 3 arasında bir tam sayı", "SKU'su “NOPE-404” olan ürün yok" },
  };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_auto(Run) size = { 0 };
      g_auto(Run) min = { 0 };
      g_auto(Run) sku = { 0 };
      g_auto(Run) sort = { 0 };

      lc_all = langs[l][0];
      size = cli ("report", "baskets", "--db", demo_db, "--size", "4", NULL);
      min = cli ("report", "baskets", "--db", demo_db, "--min-count", "0", NULL);
      sku = cli ("report", "baskets", "--db", demo_db, "--product", "NOPE-404", NULL);
      sort = cli ("report", "baskets", "--db", demo_db, "--sort", "revenue", NULL);
      assert_one_line_error (&size, 2, langs[l][1]);
      assert_one_line_error (&min, 2, "--min-count");
      assert_one_line_error (&sku, 2, langs[l][2]);
      assert_one_line_error (&sort, 2, "revenue");
    }
  lc_all = "C.UTF-8";
}

int
main (int argc, char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("CIRO_CLI") == NULL)
    g_error ("CIRO_CLI must name the ciro-cli binary");
  dir = g_dir_make_tmp ("ciro-cli-baskets-XXXXXX", NULL);
  demo_db = g_build_filename (dir, "demo.db", NULL);
  {
    g_auto(Run) demo = { 0 };
    demo = cli ("--db", demo_db, "demo", "--orders", "6000", "--products", "60", "--seed", "7", NULL);
    g_assert_cmpint (demo.status, ==, 0);
  }
  g_test_add_func ("/cli-baskets/json", test_json);
  g_test_add_func ("/cli-baskets/product-and-sort", test_product_and_sort);
  g_test_add_func ("/cli-baskets/csv", test_csv);
  g_test_add_func ("/cli-baskets/people", test_people);
  g_test_add_func ("/cli-baskets/errors", test_errors);
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
