/* test-export.c: every report in every format lands whole or not at all
 *
 * A full disk is played by a file-size limit (RLIMIT_FSIZE) in a child
 * process: writes past it fail as they would on a full disk.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "demo/ciro-demo.h"
#include "export/ciro-export.h"
#include "export/ciro-export-private.h"

typedef enum { CSV, XLSX, PDF, N_FORMATS } Format;
static const char *ext[N_FORMATS] = { "csv", "xlsx", "pdf" };
static const char *kinds[] = { "sales", "products", "pnl", "platforms", "customers", "stock" };

static char *dir;
static char *db;

static gboolean
export (CiroStore *store, CiroExportKind kind, Format format, const char *path, GCancellable *c, GError **error)
{
  CiroReportFilter f = { ciro_day_from_ymd (2026, 9, 1), ciro_day_from_ymd (2026, 11, 20), NULL };

  switch (format)
    {
    case CSV: return ciro_export_csv (store, kind, &f, CIRO_NUMBER_STYLE_TURKISH, path, c, error);
    case XLSX: return ciro_export_xlsx (store, kind, &f, path, c, error);
    case PDF:
    case N_FORMATS:
    default: return ciro_export_pdf (store, kind, &f, CIRO_NUMBER_STYLE_TURKISH, path, c, error);
    }
}

/* Nothing but the files named: no temporary file left behind. */
static void
assert_dir_holds (const char *d, const char *const *names)
{
  g_autoptr(GDir) gd = g_dir_open (d, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (gd)) != NULL)
    {
      if (names == NULL || !g_strv_contains (names, name))
        g_error ("%s is left in %s", name, d);
    }
}

static char *
fresh_dir (const char *what)
{
  char *d = g_build_filename (dir, what, NULL);
  g_mkdir_with_parents (d, 0755);
  return d;
}

static void
test_all_reports (void)
{
  g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
  g_autofree char *d = fresh_dir ("all");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (Format f = 0; f < N_FORMATS; f++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *name = g_strdup_printf ("%s.%s", kinds[k], ext[f]);
        g_autofree char *path = g_build_filename (d, name, NULL);
        g_autofree char *head = NULL;
        gsize len = 0;

        g_assert_true (export (store, (CiroExportKind) k, f, path, NULL, &error));
        g_assert_no_error (error);
        g_assert_true (g_file_get_contents (path, &head, &len, NULL));
        /* each format's own signature */
        if (f == CSV)
          g_assert_true (len > 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0);
        else if (f == XLSX)
          g_assert_true (len > 4 && memcmp (head, "PK\x03\x04", 4) == 0);
        else
          g_assert_true (len > 5 && memcmp (head, "%PDF-", 5) == 0);
        g_ptr_array_add (names, g_steal_pointer (&name));
      }
  g_ptr_array_add (names, NULL);
  assert_dir_holds (d, (const char * const *) names->pdata);
}

/* A P&L column says which days of its month it covers. */
static void
test_month_label (void)
{
  CiroReportFilter f = { ciro_day_from_ymd (2026, 9, 7), ciro_day_from_ymd (2026, 11, 20), NULL };
  CiroReportFilter one = { ciro_day_from_ymd (2026, 11, 20), ciro_day_from_ymd (2026, 11, 20), NULL };
  g_autofree char *sep = ciro_export_month_label (&f, ciro_day_month (f.from));
  g_autofree char *oct = ciro_export_month_label (&f, ciro_day_month (f.from) + 1);
  g_autofree char *nov = ciro_export_month_label (&f, ciro_day_month (f.to));
  g_autofree char *day = ciro_export_month_label (&one, ciro_day_month (one.to));

  g_assert_cmpstr (sep, ==, "7–30 Sep 2026");
  g_assert_cmpstr (oct, ==, "2026-10");
  g_assert_cmpstr (nov, ==, "1–20 Nov 2026");
  g_assert_cmpstr (day, ==, "20 Nov 2026");
}

/* The name says what the file holds, in characters any disk takes (in
 * Turkish too: test-export-names). */
static void
test_default_name (void)
{
  CiroReportFilter f = { ciro_day_from_ymd (2026, 9, 7), ciro_day_from_ymd (2026, 11, 30), NULL };
  g_autofree char *all = ciro_export_default_name (CIRO_EXPORT_SALES, &f, "xlsx");
  g_autofree char *cs = NULL, *odd = NULL;

  g_assert_cmpstr (all, ==, "Ciro Sales 2026-09-07–2026-11-30.xlsx");
  f.marketplace = (char *) "ÇiçekSepeti";
  cs = ciro_export_default_name (CIRO_EXPORT_PNL, &f, "pdf");
  g_assert_cmpstr (cs, ==, "Ciro Profit and Loss 2026-09-07–2026-11-30 ÇiçekSepeti.pdf");
  f.marketplace = (char *) "Shop/../ Ğüzel İş!";
  odd = ciro_export_default_name (CIRO_EXPORT_CUSTOMERS, &f, "csv");
  g_assert_cmpstr (odd, ==, "Ciro Customers 2026-09-07–2026-11-30 Shop .. Ğüzel İş!.csv");
}

static void
test_cancelled (void)
{
  g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
  g_autofree char *d = fresh_dir ("cancelled");
  g_autoptr(GCancellable) c = g_cancellable_new ();

  g_cancellable_cancel (c);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (Format f = 0; f < N_FORMATS; f++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *path = g_strdup_printf ("%s/%s.%s", d, kinds[k], ext[f]);

        g_assert_false (export (store, (CiroExportKind) k, f, path, c, &error));
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
        g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      }
  assert_dir_holds (d, NULL);
}

static void
test_unwritable (void)
{
  g_autoptr(CiroStore) store = ciro_store_open (db, NULL);

  for (Format f = 0; f < N_FORMATS; f++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("/proc/ciro-nope/x.%s", ext[f]);

      g_assert_false (export (store, CIRO_EXPORT_SALES, f, path, NULL, &error));
      g_assert_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

/* In a child: files may not grow past 32 KB, like a disk that fills up in
 * the middle of the sales report. */
static void
test_disk_full (void)
{
  for (Format f = 0; f < N_FORMATS; f++)
    {
      g_autofree char *d = g_strdup_printf ("%s/full-%s", dir, ext[f]);
      g_autofree char *path = g_strdup_printf ("%s/sales.%s", d, ext[f]);
      g_autofree char *child = g_strdup_printf ("/export/disk-full/child/%s", ext[f]);

      g_mkdir_with_parents (d, 0755);
      g_test_trap_subprocess (child, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      assert_dir_holds (d, NULL);
    }
}

static void
disk_full_child (gconstpointer data)
{
  Format f = GPOINTER_TO_INT (data);
  g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
  g_autofree char *path = g_strdup_printf ("%s/full-%s/sales.%s", dir, ext[f], ext[f]);
  g_autoptr(GError) error = NULL;
  struct rlimit limit = { 32 * 1024, 32 * 1024 };

  /* the store itself is read, not written; only exports grow files */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  g_assert_false (export (store, CIRO_EXPORT_SALES, f, path, NULL, &error));
  g_assert_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int argc, char *argv[])
{
  CiroDemoOptions o;
  g_autoptr(GError) error = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = g_strdup (g_getenv ("CIRO_TEST_EXPORT_DIR"));
  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("ciro-export-XXXXXX", NULL);
      g_setenv ("CIRO_TEST_EXPORT_DIR", dir, TRUE);   /* children share it */
    }
  db = g_build_filename (dir, "store.db", NULL);
  if (!g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_autoptr(CiroStore) store = ciro_store_open (db, &error);
      g_autoptr(CiroDemo) demo = NULL;

      g_assert_no_error (error);
      ciro_demo_options_init (&o);
      o.n_orders = 3000;
      o.n_products = 60;
      o.seed = 17;
      o.n_days = 120;
      o.end_day = ciro_day_from_ymd (2026, 11, 20);
      demo = ciro_demo_new (&o);
      g_assert_true (ciro_demo_populate (demo, store, NULL, NULL, NULL, &error));
      g_assert_true (ciro_store_set_setting (store, "store_name", "Ağaoğlu Çiçek", &error));
    }

  g_test_add_func ("/export/all-reports", test_all_reports);
  g_test_add_func ("/export/default-name", test_default_name);
  g_test_add_func ("/export/month-label", test_month_label);
  g_test_add_func ("/export/cancelled", test_cancelled);
  g_test_add_func ("/export/unwritable", test_unwritable);
  g_test_add_func ("/export/disk-full", test_disk_full);
  for (Format f = 0; f < N_FORMATS; f++)
    {
      g_autofree char *name = g_strdup_printf ("/export/disk-full/child/%s", ext[f]);
      g_test_add_data_func (name, GINT_TO_POINTER (f), disk_full_child);
    }
  rc = g_test_run ();
  g_free (db);
  g_free (dir);
  return rc;
}
