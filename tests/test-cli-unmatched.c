/* test-cli-unmatched.c: ciro-cli unmatched --suggest | accept | import |
 * export, as a process, in English and in Turkish
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "analytics/ciro-report.h"
#include "ciro-suggest-store.h"
#include "ciro-test-util.h"

static char *dir;

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

/* ciro-cli with `lang` (C.UTF-8 or tr_TR.UTF-8) and the built catalogue. */
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

static char *
store_path (const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_object_unref (ciro_test_suggest_store (path));
  return g_steal_pointer (&path);
}

static gboolean
have_turkish (void)
{
  g_autofree char *mo = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", "tr", "LC_MESSAGES",
                                          "ciro.mo", NULL);
  return g_file_test (mo, G_FILE_TEST_EXISTS);
}

/* The JSON carries what the engine ranked; the text says it for people. */
static void
test_suggest (void)
{
  g_autofree char *db = store_path ("suggest.db");
  g_auto(Run) json = cli ("C.UTF-8", "--db", db, "unmatched", "--suggest", "--format", "json", NULL);
  g_auto(Run) en = cli ("C.UTF-8", "--db", db, "unmatched", "--suggest", "--format", "table", NULL);
  g_auto(Run) csv = cli ("C.UTF-8", "--db", db, "unmatched", "--suggest", "--format", "csv", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *all;
  JsonObject *old;
  JsonArray *sugg;

  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, &error));
  g_assert_no_error (error);
  all = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (all), ==, 7);
  old = json_array_get_object_element (all, 2);
  g_assert_cmpstr (json_object_get_string_member (old, "sku"), ==, "OLD-330011");
  g_assert_cmpfloat (json_object_get_double_member (old, "revenue"), ==, 500.0);
  sugg = json_object_get_array_member (old, "suggestions");
  g_assert_cmpuint (json_array_get_length (sugg), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (sugg, 0), "product_id"), ==, 108);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (sugg, 0), "confidence_pct"), ==, 77);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (sugg, 1), "confidence_pct"), ==, 70);
  {
    JsonArray *ev = json_object_get_array_member (json_array_get_object_element (sugg, 1), "evidence");
    JsonObject *name = json_array_get_object_element (ev, 1);
    g_assert_cmpstr (json_object_get_string_member (name, "kind"), ==, "name");
    g_assert_cmpint (json_object_get_int_member (name, "similarity_pct"), ==, 80);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (ev, 0), "shared_by"), ==, 2);
  }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (all, 6),
                                                                          "suggestions")), ==, 0);

  g_assert_cmpint (en.status, ==, 0);
  g_assert_nonnull (strstr (en.out, "ESKI-KOD-105866 · 1 line · ₺700.00\n"
                                    "    85%  S00105866  Premium Deri Sneaker\n"
                                    "         same digits 105866\n"));
  g_assert_nonnull (strstr (en.out, "same digits 330011 (shared by 2 products); name “Kalem Seti” 80% alike"));
  g_assert_nonnull (strstr (en.out, "KAMPANYA-12 · 1 line · ₺100.00\n      no suggestion\n"));

  g_assert_cmpint (csv.status, ==, 0);
  g_assert_true (g_str_has_prefix (csv.out, "sku,rank,product_id,product_sku,product_name,confidence_pct,evidence\r\n") ||
                 g_str_has_prefix (csv.out, "sku,rank,product_id,product_sku,product_name,confidence_pct,evidence\n"));
  g_assert_nonnull (strstr (csv.out, "ESKI-200300,1,102,BYK-24Y-200300,Keten Gömlek,94,digits:200300 barcode:86811112223"));

  if (have_turkish ())
    {
      g_auto(Run) tr = cli ("tr_TR.UTF-8", "--db", db, "unmatched", "--suggest", "--format", "table", NULL);
      g_assert_cmpint (tr.status, ==, 0);
      g_assert_nonnull (strstr (tr.out, "ESKI-KOD-105866 · 1 satır · ₺700,00\n"
                                        "    %85  S00105866  Premium Deri Sneaker\n"
                                        "         aynı rakamlar 105866\n"));
      g_assert_nonnull (strstr (tr.out, "aynı rakamlar 330011 (2 ürünle ortak); ad “Kalem Seti” %80 benzer"));
      g_assert_nonnull (strstr (tr.out, "barkod 86811112223… ile başlıyor"));
      g_assert_nonnull (strstr (tr.out, "      öneri yok\n"));
    }
  else
    g_test_incomplete ("the Turkish catalogue is not built");
  ciro_test_remove_store (db);
}

static void
test_accept (void)
{
  g_autofree char *db = store_path ("accept.db");
  g_auto(Run) bad = cli ("C.UTF-8", "--db", db, "unmatched", "accept", "--above", "101", NULL);
  g_auto(Run) en = cli ("C.UTF-8", "--db", db, "unmatched", "accept", "--format", "table", NULL);
  g_auto(Run) json = cli ("C.UTF-8", "--db", db, "unmatched", "accept", "--above", "70", "--format", "json", NULL);
  g_auto(Run) left = cli ("C.UTF-8", "--db", db, "unmatched", "--format", "csv", NULL);

  g_assert_cmpint (bad.status, ==, 2);
  g_assert_cmpint (en.status, ==, 0);
  g_assert_cmpstr (en.out, ==,
                   "ESKI-KOD-105866 → Premium Deri Sneaker: 1 line, ₺700.00 now costed\n"
                   "ESKI-200300 → Keten Gömlek: 1 line, ₺600.00 now costed\n"
                   "2 SKUs mapped at 80% or more: 2 lines, ₺1,300.00 now costed\n");
  /* at 70 % only OLD-330011 is left to take; VAR-X's 79 % too */
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.out, "\"sku\": \"OLD-330011\", \"product_id\": 108"));
  g_assert_nonnull (strstr (json.out, "\"sku\": \"VAR-X\", \"product_id\": 106"));
  g_assert_null (strstr (json.out, "ESKI-4455"));
  g_assert_cmpint (left.status, ==, 0);
  g_assert_nonnull (strstr (left.out, "TY-IPEK"));
  g_assert_nonnull (strstr (left.out, "ESKI-4455"));
  g_assert_nonnull (strstr (left.out, "KAMPANYA-12"));
  g_assert_null (strstr (left.out, "OLD-330011"));
  if (have_turkish ())
    {
      g_autofree char *db2 = store_path ("accept-tr.db");
      g_auto(Run) tr = cli ("tr_TR.UTF-8", "--db", db2, "unmatched", "accept", "--format", "table", NULL);
      g_assert_cmpint (tr.status, ==, 0);
      g_assert_cmpstr (tr.out, ==,
                       "ESKI-KOD-105866 → Premium Deri Sneaker: 1 satır, ₺700,00 artık maliyetli\n"
                       "ESKI-200300 → Keten Gömlek: 1 satır, ₺600,00 artık maliyetli\n"
                       "2 stok kodu eşlendi (%80 ve üzeri): 2 satır, ₺1.300,00 artık maliyetli\n");
      ciro_test_remove_store (db2);
    }
  ciro_test_remove_store (db);
}

/* `map` says what moved */
static void
test_map (void)
{
  g_autofree char *db = store_path ("map.db");
  g_auto(Run) en = cli ("C.UTF-8", "--db", db, "map", "VAR-X", "ÇNT-88", NULL);
  g_auto(Run) again = cli ("C.UTF-8", "--db", db, "map", "VAR-X", "ÇNT-88", NULL);

  g_assert_cmpint (en.status, ==, 0);
  g_assert_cmpstr (en.out, ==, "VAR-X → ÇNT-88: 1 line, ₺400.00 now costed\n");
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.out, ==, "VAR-X → ÇNT-88: no line moved\n");
  if (have_turkish ())
    {
      g_auto(Run) tr = cli ("tr_TR.UTF-8", "--db", db, "map", "TY-IPEK", "İPK-77", NULL);
      g_assert_cmpint (tr.status, ==, 0);
      g_assert_cmpstr (tr.out, ==, "TY-IPEK → İPK-77: 1 satır, ₺300,00 artık maliyetli\n");
    }
  ciro_test_remove_store (db);
}

static void
test_import_export (void)
{
  g_autofree char *db = store_path ("import.db");
  g_autofree char *csv = g_build_filename (dir, "in.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (csv,
                                      "sku;product_sku\r\n"
                                      "ESKI-KOD-105866;S00105866\r\n"
                                      "VAR-X;NO-SUCH\r\n"
                                      "ESKI-KOD-105866;KLM-330011\r\n", -1, &error));
  {
    g_auto(Run) en = cli ("C.UTF-8", "--db", db, "unmatched", "import", csv, "--format", "table", NULL);
    g_assert_cmpint (en.status, ==, 2);
    g_assert_cmpstr (en.out, ==,
                     "line 3: VAR-X;NO-SUCH: no product has this product SKU\n"
                     "line 4: ESKI-KOD-105866;KLM-330011: the SKU is in an earlier row too\n"
                     "1 mapping imported\n");
    g_assert_nonnull (strstr (en.err, "2 rows of"));
    g_assert_cmpuint (strlen (en.err), ==, strlen (strchr (en.err, '\n')) + (strchr (en.err, '\n') - en.err));
  }
  {
    /* the same file again: every row is listed, none imported */
    g_auto(Run) json = cli ("C.UTF-8", "--db", db, "unmatched", "import", csv, "--format", "json", NULL);
    g_assert_cmpint (json.status, ==, 2);
    g_assert_nonnull (strstr (json.out, "{\"imported\": 0, \"rejected\": ["));
    g_assert_nonnull (strstr (json.out, "{\"line\": 2, \"sku\": \"ESKI-KOD-105866\", \"product_sku\": \"S00105866\","
                                        " \"reason\": \"already_mapped\""));
    g_assert_nonnull (strstr (json.out, "\"reason\": \"unknown_product\""));
    g_assert_nonnull (strstr (json.out, "\"reason\": \"duplicate\""));
  }
  if (have_turkish ())
    {
      g_auto(Run) tr = cli ("tr_TR.UTF-8", "--db", db, "unmatched", "import", csv, "--format", "table", NULL);
      g_assert_cmpint (tr.status, ==, 2);
      g_assert_nonnull (strstr (tr.out, "satır 2: ESKI-KOD-105866;S00105866: stok kodu zaten eşlenmiş\n"));
      g_assert_nonnull (strstr (tr.out, "satır 3: VAR-X;NO-SUCH: bu ürün stok koduna sahip ürün yok\n"));
      g_assert_nonnull (strstr (tr.out, "0 eşleme içe aktarıldı\n"));
      g_assert_nonnull (strstr (tr.err, "satırı içe aktarılmadı"));
    }
  {
    g_auto(Run) ex = cli ("C.UTF-8", "--db", db, "unmatched", "export", out, NULL);
    g_assert_cmpint (ex.status, ==, 0);
    g_assert_true (g_file_get_contents (out, &text, NULL, &error));
    g_assert_cmpstr (text, ==, "\xef\xbb\xbfsku;product_sku;product_name\r\nESKI-KOD-105866;S00105866;Premium Deri Sneaker\r\n");
  }
  {
    g_auto(Run) usage = cli ("C.UTF-8", "--db", db, "unmatched", "import", NULL);
    g_auto(Run) missing = cli ("C.UTF-8", "--db", db, "unmatched", "import", "/nonexistent/x.csv", NULL);
    g_assert_cmpint (usage.status, ==, 2);
    g_assert_true (g_str_has_prefix (usage.err, "ciro-cli: usage: ciro-cli unmatched"));
    g_assert_cmpint (missing.status, ==, 2);
  }
  g_unlink (csv);
  g_unlink (out);
  ciro_test_remove_store (db);
}

int
main (int argc, char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = ciro_test_tmpdir ("cli-unmatched");
  g_test_add_func ("/cli-unmatched/suggest", test_suggest);
  g_test_add_func ("/cli-unmatched/accept", test_accept);
  g_test_add_func ("/cli-unmatched/map", test_map);
  g_test_add_func ("/cli-unmatched/import-export", test_import_export);
  rc = g_test_run ();
  g_rmdir (dir);
  g_free (dir);
  return rc;
}
