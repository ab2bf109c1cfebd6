/* test-fees.c: importing the fees a marketplace actually charged (profit.md)
 *
 * Expected figures are worked out here by hand. Money in kuruş.
 *
 * Products: P1 "GOM-1" 100,00 + 10 % KDV (cost 110,00 a unit),
 *           P2 "KUPA-2" 50,00 + 20 % KDV (cost 60,00 a unit).
 * Marketplace defaults: Trendyol 21,5 %, Hepsiburada 15 %, cargo 75,00 an
 * order; Trendyol's service fee is set to 10,00 a net order.
 *
 * Orders (D0 = 2026-03-30, D1 the day after):
 *   101 "TY-1001" D0 Trendyol net: P1 ×10 22.000,00, P2 ×5 8.000,00;
 *       estimated commission 21,5 % = 4730,00 + 1720,00 = 6450,00.
 *   102 "TY-1002" D0 Trendyol net: P2 ×2 150,00; estimate 32,25.
 *   103 "TY-1003" D1 Trendyol cancelled: P1 ×1 110,00.
 *   104 "HB-4410028731" D1 Hepsiburada net: P1 ×1 199,99; estimate
 *       2999,85 → 3000.
 *
 * Before any import, D0 Trendyol: net revenue 3.015.000, cost 110000 +
 * 30000 + 12000 = 152000, commission 645000 + 3225 = 648225, cargo 2 ×
 * 7500 = 15000, service fees 2 × 1000 = 2000.
 *
 * The CSV file (Turkish numbers, ";"):
 *   line 2  1001; 6.123,45; 8,49; 42,50      → O101 commission 612345,
 *           service fee 849, cargo 4250; split over its lines by amount:
 *           612345 × 22/30 = 449053, the rest 163292.
 *   line 3  1002; -40,00; ; 35               → a deduction: 4000; cargo 3500
 *   line 4  the same as line 3               → a duplicate, skipped
 *   line 5  1002; 10,00; ;                   → O102's second row: 4000 + 1000
 *   line 6  9999; 1,00                       → unknown, listed
 *   line 7  1003; 5,00; 1,00; 2,00           → the cancelled order: stored,
 *           counted nowhere
 * After it, D0 Trendyol: commission 612345 + 5000 = 617345 (all actual),
 * cargo 4250 + 3500 = 7750, service fees 849 + 1000 (O102 has none in the
 * file: the estimate) = 1849; fee KDV 20 % × (617345 + 7750 + 1849) =
 * 125388,8 → 125389; profit 3015000 − 152000 − 617345 − 7750 = 2237905.
 * Per product on D0: P1 449053, P2 163292 + 5000 = 168292.
 *
 * The XLSX file (Hepsiburada): order 4410028731 as a number (Sentos wrote
 * "HB-4410028731"), commission 25.5 as a number → 2550, service fee "3,75"
 * as text → 375; cargo not mapped → the estimate 7500 stays.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-sheet.h"
#include "store/ciro-fees.h"
#include "store/ciro-profit.h"
#include "ciro-test-util.h"

static CiroDay D0, D1;

static void
add_line (CiroOrderRecord *o, const char *sku, gint64 qty, CiroKurus amount, CiroBasisPoints vat)
{
  CiroOrderLineRecord *l = ciro_order_line_record_new ();
  l->sku = g_strdup (sku);
  l->quantity = qty;
  l->amount = amount;
  l->price = amount / qty;
  l->vat_rate = vat;
  g_ptr_array_add (o->lines, l);
}

static void
put_order (CiroStore *store, gint64 id, const char *code, CiroDay day, const char *source, gint32 status,
           const char *sku, gint64 qty, CiroKurus amount, CiroBasisPoints vat,
           const char *sku2, gint64 qty2, CiroKurus amount2, CiroBasisPoints vat2)
{
  g_autoptr(GError) error = NULL;
  CiroOrderRecord *o = ciro_order_record_new ();

  o->id = id;
  o->order_code = g_strdup (code);
  o->day = day;
  o->seconds = 12 * 3600;
  o->source = g_strdup (source);
  o->status = status;
  add_line (o, sku, qty, amount, vat);
  if (sku2 != NULL)
    add_line (o, sku2, qty2, amount2, vat2);
  g_assert_true (ciro_store_begin (store, &error));
  g_assert_true (ciro_store_put_order (store, o, &error));
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
  ciro_order_record_free (o);
}

static void
put_product (CiroStore *store, gint64 id, const char *sku, CiroKurus price, CiroBasisPoints vat)
{
  g_autoptr(GError) error = NULL;
  CiroProductRecord *p = ciro_product_record_new ();

  p->id = id;
  p->sku = g_strdup (sku);
  p->name = g_strdup (sku);
  p->category = g_strdup ("Giyim");
  p->purchase_price = price;
  p->vat_rate = vat;
  g_assert_true (ciro_store_begin (store, &error));
  g_assert_true (ciro_store_put_product (store, p, D0 - 200, &error));
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
  ciro_product_record_free (p);
}

static void
put_o101 (CiroStore *store)
{
  put_order (store, 101, "TY-1001", D0, "Trendyol", 5, "GOM-1", 10, 2200000, 1000, "KUPA-2", 5, 800000, 2000);
}

static CiroStore *
build (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "ciro.db", NULL);
  CiroStore *store = ciro_store_open (path, &error);

  g_assert_no_error (error);
  put_product (store, 1, "GOM-1", 10000, 1000);
  put_product (store, 2, "KUPA-2", 5000, 2000);
  put_o101 (store);
  put_order (store, 102, "TY-1002", D0, "Trendyol", 5, "KUPA-2", 2, 15000, 2000, NULL, 0, 0, 0);
  put_order (store, 103, "TY-1003", D1, "Trendyol", 6, "GOM-1", 1, 11000, 1000, NULL, 0, 0, 0);
  put_order (store, 104, "HB-4410028731", D1, "Hepsiburada", 5, "GOM-1", 1, 19999, 1000, NULL, 0, 0, 0);
  g_assert_true (ciro_store_set_rate (store, CIRO_RATE_SERVICE_FEE, "Trendyol", NULL, D0 - 100, 1000, &error));
  g_assert_no_error (error);
  return store;
}

static CiroSummary
summary (CiroStore *store, CiroDay from, CiroDay to, const char *marketplace)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { from, to, (char *) marketplace };
  CiroSummary s;

  g_assert_true (ciro_report_summary (store, &f, &s, &error));
  g_assert_no_error (error);
  return s;
}

static CiroKurus
product_commission (CiroStore *store, CiroDay day, gint64 product)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { day, day, NULL };
  g_autoptr(GArray) rows = ciro_report_products (store, &f, CIRO_SORT_REVENUE, FALSE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      CiroProductRow *r = &g_array_index (rows, CiroProductRow, i);
      if (r->product_key == product)
        return r->commission;
    }
  g_assert_not_reached ();
  return 0;
}

static char *
write_file (const char *dir, const char *name, const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return path;
}

static const char trendyol_csv[] =
  "Sipariş No;Komisyon Tutarı;Hizmet Bedeli;Kargo Bedeli;Not\n"
  "1001;\"6.123,45\";8,49;42,50;a\n"
  "1002;-40,00;;35;b\n"
  "1002;-40,00;;35;b\n"
  "1002;10,00;;;c\n"
  "9999;1,00;;;d\n"
  "1003;5,00;1,00;2,00;e\n";

static void
check_after_csv (CiroStore *store)
{
  CiroSummary s = summary (store, D0, D0, "Trendyol");

  g_assert_cmpint (s.net_revenue, ==, 3015000);
  g_assert_cmpint (s.product_cost, ==, 152000);
  g_assert_cmpint (s.commission, ==, 617345);
  g_assert_cmpint (s.commission_actual, ==, 617345);
  g_assert_cmpint (s.shipping_expense, ==, 7750);
  g_assert_cmpint (s.service_fees, ==, 1849);
  g_assert_cmpint (s.fees_vat, ==, 125389);
  g_assert_cmpint (s.profit, ==, 2237905);
  g_assert_cmpint (product_commission (store, D0, 1), ==, 449053);
  g_assert_cmpint (product_commission (store, D0, 2), ==, 168292);

  /* the cancelled order's fees count nowhere */
  s = summary (store, D1, D1, "Trendyol");
  g_assert_cmpint (s.net_orders, ==, 0);
  g_assert_cmpint (s.commission, ==, 0);
  g_assert_cmpint (s.commission_actual, ==, 0);
  g_assert_cmpint (s.shipping_expense, ==, 0);
  g_assert_cmpint (s.service_fees, ==, 0);
}

static void
test_csv_import (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ciro-fees-XXXXXX", NULL);
  g_autoptr(CiroStore) store = build (dir);
  g_autofree char *csv = write_file (dir, "trendyol.csv", trendyol_csv);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroFeeImportResult) r = NULL;
  g_autoptr(CiroFeeImportResult) again = NULL;
  g_autofree char *remembered = NULL;
  CiroSummary s;
  CiroFeeUnknown *u;

  s = summary (store, D0, D0, "Trendyol");
  g_assert_cmpint (s.commission, ==, 648225);
  g_assert_cmpint (s.commission_actual, ==, 0);
  g_assert_cmpint (s.shipping_expense, ==, 15000);
  g_assert_cmpint (s.service_fees, ==, 2000);

  r = ciro_store_import_fees (store, csv, "trendyol",
                              "order=Sipariş No,commission=KOMİSYON TUTARI,service_fee=3,cargo=D", &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->rows, ==, 6);
  g_assert_cmpuint (r->duplicates, ==, 1);
  g_assert_cmpuint (r->orders, ==, 3);
  g_assert_cmpuint (r->updated, ==, 3);
  g_assert_cmpuint (r->unchanged, ==, 0);
  g_assert_cmpuint (r->unknown->len, ==, 1);
  u = r->unknown->pdata[0];
  g_assert_cmpuint (u->row, ==, 6);
  g_assert_cmpstr (u->order, ==, "9999");
  check_after_csv (store);
  ciro_test_assert_ranking (store, "actual fees imported");

  /* the mapping is remembered by the names of the columns */
  remembered = ciro_store_get_fee_mapping (store, "Trendyol", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (remembered, ==,
                   "order=Sipariş No,commission=Komisyon Tutarı,service_fee=Hizmet Bedeli,cargo=Kargo Bedeli");

  /* again, with the remembered mapping: nothing changes */
  again = ciro_store_import_fees (store, csv, "Trendyol", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->updated, ==, 0);
  g_assert_cmpuint (again->unchanged, ==, 3);
  check_after_csv (store);

  /* the order synced again keeps its actual fees, and so does a recompute
   * and a rebuild of the rollups from the tables */
  put_o101 (store);
  check_after_csv (store);
  g_assert_true (ciro_store_recompute (store, NULL, &error));
  g_assert_no_error (error);
  check_after_csv (store);
  g_assert_true (ciro_store_begin (store, &error));
  g_assert_true (ciro_store_rebuild_rollups (store, &error));
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
  check_after_csv (store);

  /* a commission rule entered later leaves the actual commission alone */
  g_assert_true (ciro_store_set_rate (store, CIRO_RATE_CATEGORY_COMMISSION, "Trendyol", "Giyim", D0, 1000, &error));
  g_assert_no_error (error);
  check_after_csv (store);
}

static char *
write_hb_xlsx (const char *dir, const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Siparişler");

  worksheet_write_string (ws, 0, 0, "Sipariş Numarası", NULL);
  worksheet_write_string (ws, 0, 1, "Kargo Takip No", NULL);
  worksheet_write_string (ws, 0, 2, "Komisyon", NULL);
  worksheet_write_string (ws, 0, 3, "Hizmet Bedeli", NULL);
  worksheet_write_number (ws, 1, 0, 4410028731.0, NULL);
  worksheet_write_string (ws, 1, 1, "KRG-77", NULL);
  worksheet_write_number (ws, 1, 2, 25.5, NULL);
  worksheet_write_string (ws, 1, 3, "3,75", NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  return path;
}

static void
test_xlsx_import (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ciro-fees-XXXXXX", NULL);
  g_autoptr(CiroStore) store = build (dir);
  g_autofree char *xlsx = write_hb_xlsx (dir, "hb.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroSheet) preview = NULL;
  g_autoptr(CiroFeeImportResult) r = NULL;
  CiroFeeMapping m;
  CiroSummary s;

  /* the preview a mapping dialog shows, and the guess it starts from:
   * "Kargo Takip No" is not a cargo fee */
  preview = ciro_sheet_read (xlsx, 1, &error);
  g_assert_no_error (error);
  g_assert_true (ciro_sheet_is_xlsx (preview));
  g_assert_cmpuint (ciro_sheet_n_rows (preview), ==, 1);
  g_assert_cmpstr (ciro_sheet_cell (preview, 0, 0), ==, "Sipariş Numarası");
  g_assert_true (ciro_fee_mapping_guess (preview, &m));
  g_assert_cmpint (m.column[CIRO_FEE_ORDER], ==, 0);
  g_assert_cmpint (m.column[CIRO_FEE_COMMISSION], ==, 2);
  g_assert_cmpint (m.column[CIRO_FEE_SERVICE_FEE], ==, 3);
  g_assert_cmpint (m.column[CIRO_FEE_CARGO], ==, -1);
  g_clear_pointer (&preview, ciro_sheet_free);
  preview = ciro_sheet_read (xlsx, 0, &error);
  g_assert_cmpuint (ciro_sheet_n_rows (preview), ==, 2);
  g_assert_true (ciro_sheet_cell_is_number (preview, 1, 2));
  g_assert_false (ciro_sheet_cell_is_number (preview, 1, 3));

  s = summary (store, D1, D1, "Hepsiburada");
  g_assert_cmpint (s.commission, ==, 3000);
  g_assert_cmpint (s.service_fees, ==, 0);

  /* no mapping given, none remembered: the guess */
  r = ciro_store_import_fees (store, xlsx, "Hepsiburada", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->orders, ==, 1);
  g_assert_cmpuint (r->updated, ==, 1);
  g_assert_cmpuint (r->unknown->len, ==, 0);
  s = summary (store, D1, D1, "Hepsiburada");
  g_assert_cmpint (s.commission, ==, 2550);
  g_assert_cmpint (s.commission_actual, ==, 2550);
  g_assert_cmpint (s.service_fees, ==, 375);
  g_assert_cmpint (s.shipping_expense, ==, 7500);
  /* 19999 − 11000 − 2550 − 7500 */
  g_assert_cmpint (s.profit, ==, -1051);
}

/* A zip whose worksheet is cut short in the middle of a cell. */
static char *
write_broken_xlsx (const char *dir)
{
  static const char sheet[] =
    "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>order</t></is></c>"
    "<c r=\"B1\" t=\"inlineStr\"><is><t>commission</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\"><v>1001</v></c><c r=\"B2\"><v>12";
  char *path = g_build_filename (dir, "broken.xlsx", NULL);
  struct archive *a = archive_write_new ();
  struct archive_entry *e = archive_entry_new ();

  g_assert_cmpint (archive_write_set_format_zip (a), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_filename (a, path), ==, ARCHIVE_OK);
  archive_entry_set_pathname (e, "xl/worksheets/sheet1.xml");
  archive_entry_set_size (e, sizeof sheet - 1);
  archive_entry_set_filetype (e, AE_IFREG);
  archive_entry_set_perm (e, 0644);
  g_assert_cmpint (archive_write_header (a, e), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_data (a, sheet, sizeof sheet - 1), ==, (la_ssize_t) (sizeof sheet - 1));
  archive_entry_free (e);
  g_assert_cmpint (archive_write_close (a), ==, ARCHIVE_OK);
  archive_write_free (a);
  return path;
}

static void
test_broken_changes_nothing (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ciro-fees-XXXXXX", NULL);
  g_autoptr(CiroStore) store = build (dir);
  g_autofree char *good = write_hb_xlsx (dir, "good.xlsx");
  g_autofree char *broken = write_broken_xlsx (dir);
  g_autofree char *cut = g_build_filename (dir, "cut.xlsx", NULL);
  g_autofree char *bad_amount = write_file (dir, "bad.csv", "order;commission\n1001;12,00\n1002;on iki\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *mapping = NULL;
  gsize len;
  CiroSummary before, after;

  before = summary (store, D0, D1, NULL);

  /* the worksheet's XML cut short */
  g_assert_null (ciro_store_import_fees (store, broken, "Trendyol", "order=A,commission=B", &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_clear_error (&error);

  /* the zip itself cut in half */
  g_assert_true (g_file_get_contents (good, &contents, &len, &error));
  g_assert_true (g_file_set_contents (cut, contents, (gssize) (len / 2), &error));
  g_assert_null (ciro_store_import_fees (store, cut, "Hepsiburada", NULL, &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* a row that is not an amount: the rows before it are not applied either */
  g_assert_null (ciro_store_import_fees (store, bad_amount, "Trendyol", "order=order,commission=commission", &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Row 3"));
  g_clear_error (&error);

  /* a column the file does not have, a marketplace with no orders */
  g_assert_null (ciro_store_import_fees (store, bad_amount, "Trendyol", "order=Sipariş,commission=B", &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (ciro_store_import_fees (store, bad_amount, "Amazon", "order=A,commission=B", &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  after = summary (store, D0, D1, NULL);
  g_assert_cmpmem (&before, sizeof before, &after, sizeof after);
  mapping = ciro_store_get_fee_mapping (store, "Trendyol", &error);
  g_assert_no_error (error);
  g_assert_null (mapping);
}

/* The sheet reader on its own: quotes, separators, column names. */
static void
test_sheet_csv (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ciro-fees-XXXXXX", NULL);
  g_autofree char *tab = write_file (dir, "t.csv", "a\tb\n\"x\ty\"\t\"say \"\"hi\"\"\"\n\n\t\n1\t2\r\n");
  g_autofree char *comma = write_file (dir, "c.csv", "\xEF\xBB\xBF" "a,b;c\n\"1,5\",2\n");
  g_autofree char *latin = write_file (dir, "w.csv", "Sipari\xfe No;Tutar\n1;2\n");
  g_autofree char *open_quote = write_file (dir, "q.csv", "a;b\n\"1;2\n");
  g_autoptr(CiroSheet) s = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = ciro_sheet_column_name (27);

  g_assert_cmpstr (name, ==, "AB");
  g_assert_cmpint (ciro_sheet_column_index ("ab"), ==, 27);
  g_assert_cmpint (ciro_sheet_column_index ("A1"), ==, -1);

  s = ciro_sheet_read (tab, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ciro_sheet_n_rows (s), ==, 3);
  g_assert_cmpstr (ciro_sheet_cell (s, 1, 0), ==, "x\ty");
  g_assert_cmpstr (ciro_sheet_cell (s, 1, 1), ==, "say \"hi\"");
  g_assert_cmpuint (ciro_sheet_row_number (s, 2), ==, 5);
  g_assert_cmpstr (ciro_sheet_cell (s, 2, 1), ==, "2");
  g_assert_cmpstr (ciro_sheet_cell (s, 2, 7), ==, "");
  g_clear_pointer (&s, ciro_sheet_free);

  /* ";" wins a tie: "a,b;c" is two columns */
  s = ciro_sheet_read (comma, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ciro_sheet_cell (s, 0, 0), ==, "a,b");
  g_clear_pointer (&s, ciro_sheet_free);

  /* Windows-1254: ş is 0xFE */
  s = ciro_sheet_read (latin, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ciro_sheet_cell (s, 0, 0), ==, "Sipariş No");
  g_clear_pointer (&s, ciro_sheet_free);

  g_assert_null (ciro_sheet_read (open_quote, 0, &error));
  g_assert_error (error, CIRO_SHEET_ERROR, CIRO_SHEET_ERROR_FORMAT);
}

/* profit.md: a line's KDV rate is its own, else the matched product's, else
 * 20 %. Lines without a rate of their own, on D0 at Trendyol:
 *   P2 (20 %) 120,00 → 12000 × 20/120 = 2000 (at the old 10 %: 1091);
 *   P1 (10 %) 110,00 → 11000 × 10/110 = 1000;
 *   unmatched "NOPE-9" 60,00 → 20 %: 6000 × 20/120 = 1000;
 * and a line that says 0 % keeps it: P2 50,00 → 0. Total 4000. */
static void
test_line_vat_fallback (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ciro-fees-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ciro.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (path, &error);
  CiroSummary s;

  g_assert_no_error (error);
  put_product (store, 1, "GOM-1", 10000, 1000);
  put_product (store, 2, "KUPA-2", 5000, 2000);
  put_order (store, 201, "A", D0, "Trendyol", 5, "KUPA-2", 1, 12000, CIRO_VAT_RATE_ABSENT, NULL, 0, 0, 0);
  put_order (store, 202, "B", D0, "Trendyol", 5, "GOM-1", 1, 11000, CIRO_VAT_RATE_ABSENT,
             "NOPE-9", 1, 6000, CIRO_VAT_RATE_ABSENT);
  put_order (store, 203, "C", D0, "Trendyol", 5, "KUPA-2", 1, 5000, 0, NULL, 0, 0, 0);
  s = summary (store, D0, D0, NULL);
  g_assert_cmpint (s.output_vat, ==, 4000);
  /* the same when recomputed from the stored lines */
  g_assert_true (ciro_store_recompute (store, NULL, &error));
  g_assert_no_error (error);
  s = summary (store, D0, D0, NULL);
  g_assert_cmpint (s.output_vat, ==, 4000);
}

typedef struct {
  GPtrArray    *seen;      /* the fractions, as doubles */
  GCancellable *cancel;    /* cancelled at the first call when set */
} Progress;

static void
on_progress (double fraction, gpointer data)
{
  Progress *p = data;
  double *v = g_new (double, 1);

  *v = fraction;
  g_ptr_array_add (p->seen, v);
  if (p->cancel != NULL)
    g_cancellable_cancel (p->cancel);
}

/* The import says how far it got, from 0 up to 1, and a cancel before
 * it commits (already there, or while it runs) changes nothing. */
static void
test_progress_cancel (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ciro-fees-XXXXXX", NULL);
  g_autoptr(CiroStore) store = build (dir);
  g_autofree char *xlsx = write_hb_xlsx (dir, "hb.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroSheet) sheet = ciro_sheet_read (xlsx, 0, &error);
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  Progress p = { seen, NULL };
  CiroFeeImportResult *r;
  CiroFeeMapping m;
  CiroSummary before = summary (store, D1, D1, "Hepsiburada");

  g_assert_no_error (error);
  g_assert_true (ciro_fee_mapping_guess (sheet, &m));

  /* cancelled before it starts */
  g_cancellable_cancel (cancel);
  r = ciro_store_import_fees_sheet_full (store, sheet, "Hepsiburada", &m, on_progress, &p, cancel, &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (summary (store, D1, D1, "Hepsiburada").commission, ==, before.commission);

  /* cancelled while it runs, at its first progress report */
  g_cancellable_reset (cancel);
  g_ptr_array_set_size (seen, 0);
  p.cancel = cancel;
  r = ciro_store_import_fees_sheet_full (store, sheet, "Hepsiburada", &m, on_progress, &p, cancel, &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (seen->len, >=, 1);
  g_assert_cmpint (summary (store, D1, D1, "Hepsiburada").commission, ==, before.commission);
  g_assert_cmpint (summary (store, D1, D1, "Hepsiburada").commission_actual, ==, 0);
  {
    /* nor was the mapping remembered */
    g_autofree char *remembered = ciro_store_get_fee_mapping (store, "Hepsiburada", &error);
    g_assert_no_error (error);
    g_assert_null (remembered);
  }

  /* to the end: fractions that only grow, the last one 1 */
  g_cancellable_reset (cancel);
  g_ptr_array_set_size (seen, 0);
  p.cancel = NULL;
  r = ciro_store_import_fees_sheet_full (store, sheet, "Hepsiburada", &m, on_progress, &p, cancel, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->updated, ==, 1);
  g_assert_cmpuint (seen->len, >=, 2);
  for (guint i = 1; i < seen->len; i++)
    g_assert_cmpfloat (*(double *) seen->pdata[i - 1], <=, *(double *) seen->pdata[i]);
  g_assert_cmpfloat (*(double *) seen->pdata[0], >=, 0);
  g_assert_cmpfloat (*(double *) seen->pdata[seen->len - 1], ==, 1.0);
  g_assert_cmpint (summary (store, D1, D1, "Hepsiburada").commission_actual, ==, 2550);
  ciro_fee_import_result_free (r);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  D0 = ciro_day_from_ymd (2026, 3, 30);
  D1 = D0 + 1;
  g_test_add_func ("/fees/csv-import", test_csv_import);
  g_test_add_func ("/fees/xlsx-import", test_xlsx_import);
  g_test_add_func ("/fees/broken-changes-nothing", test_broken_changes_nothing);
  g_test_add_func ("/fees/sheet-csv", test_sheet_csv);
  g_test_add_func ("/fees/progress-cancel", test_progress_cancel);
  g_test_add_func ("/profit/line-vat-fallback", test_line_vat_fallback);
  return g_test_run ();
}
