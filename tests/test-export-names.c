/* test-export-names.c: an export's proposed file name, in English and
 * Turkish, says the report and its days in characters any disk takes
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "core/ciro-date.h"
#include "core/ciro-marketplace.h"
#include "export/ciro-export.h"

static char *
name (CiroExportKind kind, const char *from, const char *to, const char *marketplace, const char *ext)
{
  CiroReportFilter f = { 0, 0, (char *) marketplace };

  g_assert_true (ciro_day_parse (from, &f.from, NULL));
  g_assert_true (ciro_day_parse (to, &f.to, NULL));
  return ciro_export_default_name (kind, &f, ext);
}

static void
assert_name (CiroExportKind kind, const char *from, const char *to, const char *marketplace, const char *ext,
             const char *want)
{
  g_autofree char *got = name (kind, from, to, marketplace, ext);
  g_assert_cmpstr (got, ==, want);
  /* nothing a file system or an archive refuses */
  for (const char *p = got; *p; p++)
    g_assert_null (strchr ("/\\:*?\"<>|", *p));
  g_assert_true (g_utf8_validate (got, -1, NULL));
}

static void
test_english (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  assert_name (CIRO_EXPORT_SALES, "2026-11-01", "2026-11-30", NULL, "pdf", "Ciro Sales 2026-11-01–2026-11-30.pdf");
  /* the stock lists are as of one day: the first one is not named */
  assert_name (CIRO_EXPORT_STOCK, "2026-11-06", "2026-12-05", "Trendyol", "xlsx", "Ciro Stock 2026-12-05.xlsx");
  assert_name (CIRO_EXPORT_PRODUCTS, "2026-12-05", "2026-12-05", "Hepsiburada", "csv",
               "Ciro Products 2026-12-05 Hepsiburada.csv");
  assert_name (CIRO_EXPORT_PNL, "2026-09-07", "2026-11-30", "ÇiçekSepeti", "xlsx",
               "Ciro Profit and Loss 2026-09-07–2026-11-30 ÇiçekSepeti.xlsx");
  /* separators and the characters Windows refuses become spaces, runs of
   * them one, no dot or space left at an end */
  assert_name (CIRO_EXPORT_CUSTOMERS, "2026-09-07", "2026-11-30", "Shop/../ Ğüzel:İş?* .", "csv",
               "Ciro Customers 2026-09-07–2026-11-30 Shop .. Ğüzel İş.csv");
  assert_name (CIRO_EXPORT_PLATFORMS, "2026-09-07", "2026-11-30", "///", "csv",
               "Ciro Platforms 2026-09-07–2026-11-30.csv");
  assert_name (CIRO_EXPORT_SALES, "2026-11-01", "2026-11-30", CIRO_MARKETPLACE_UNKNOWN, "csv",
               "Ciro Sales 2026-11-01–2026-11-30 Unknown.csv");
  assert_name (CIRO_EXPORT_CATEGORIES, "2026-11-01", "2026-11-30", "Trendyol", "pdf",
               "Ciro Categories 2026-11-01–2026-11-30 Trendyol.pdf");
  assert_name (CIRO_EXPORT_CARRIERS, "2026-10-22", "2026-11-20", NULL, "xlsx",
               "Ciro Carriers 2026-10-22–2026-11-20.xlsx");
}

static void
test_turkish (void)
{
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (localedir, "tr", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  if (!g_file_test (mo, G_FILE_TEST_EXISTS) || setlocale (LC_ALL, "tr_TR.UTF-8") == NULL)
    g_error ("the Turkish catalogue (%s) and the tr_TR.UTF-8 locale are needed", mo);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  assert_name (CIRO_EXPORT_SALES, "2026-11-01", "2026-11-30", NULL, "pdf", "Ciro Satışlar 2026-11-01–2026-11-30.pdf");
  assert_name (CIRO_EXPORT_STOCK, "2026-11-06", "2026-12-05", NULL, "xlsx", "Ciro Stok 2026-12-05.xlsx");
  assert_name (CIRO_EXPORT_PRODUCTS, "2026-11-01", "2026-11-30", "Trendyol", "csv",
               "Ciro Ürünler 2026-11-01–2026-11-30 Trendyol.csv");
  assert_name (CIRO_EXPORT_PNL, "2026-11-01", "2026-11-30", NULL, "xlsx", "Ciro Kâr ve Zarar 2026-11-01–2026-11-30.xlsx");
  assert_name (CIRO_EXPORT_PLATFORMS, "2026-11-01", "2026-11-30", NULL, "csv",
               "Ciro Platformlar 2026-11-01–2026-11-30.csv");
  assert_name (CIRO_EXPORT_CUSTOMERS, "2026-11-01", "2026-11-30", CIRO_MARKETPLACE_UNKNOWN, "csv",
               "Ciro Müşteriler 2026-11-01–2026-11-30 Bilinmeyen.csv");
  assert_name (CIRO_EXPORT_CATEGORIES, "2026-11-01", "2026-11-30", NULL, "xlsx",
               "Ciro Kategoriler 2026-11-01–2026-11-30.xlsx");
  assert_name (CIRO_EXPORT_CARRIERS, "2026-11-01", "2026-11-30", "Trendyol", "csv",
               "Ciro Kargo Firmaları 2026-11-01–2026-11-30 Trendyol.csv");
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/export-names/english", test_english);
  g_test_add_func ("/export-names/turkish", test_turkish);
  return g_test_run ();
}
