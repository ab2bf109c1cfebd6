/* test-entry-dialogs.c: what a seller enters by hand, driven through the
 * dialogs' widgets and read back from the engine (ciro_report_summary on
 * the store), with "store-changed" for the pages.
 *
 * The Ad Spend and Expenses dialog: absurd input refused with the reason
 * and nothing written, an expense and an ad spend entered the way a Turkish
 * seller writes them, an edit and a removal.
 *
 * The Import Marketplace Fees dialog: an XLSX statement with Turkish
 * headers, the guessed mapping, a column corrected by hand, the preview as
 * the import reads it, the import with its unknown and repeated rows, and
 * the figures that follow.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sqlite3.h>
#include <xlsxwriter.h>

#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "core/ciro-number.h"
#include "store/ciro-profit.h"
#include "ui/ciro-context.h"
#include "ui/ciro-costs-dialog.h"
#include "ui/ciro-fees-dialog.h"
#include "ciro-test-util.h"

static char *dir;

static GtkWidget *
find_named (GtkWidget *widget, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The page of a kind ("expense", "adspend") and a named widget in it. */
static GtkWidget *
field (CiroCostsDialog *d, const char *page, const char *name)
{
  GtkWidget *p = find_named (GTK_WIDGET (d), page);
  GtkWidget *w;

  g_assert_nonnull (p);
  w = find_named (p, name);
  g_assert_nonnull (w);
  return w;
}

static void
set_text (CiroCostsDialog *d, const char *page, const char *name, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (field (d, page, name)), text);
}

static gboolean
idle (gpointer data)
{
  return !ciro_costs_dialog_is_busy (data);
}

static void
settle (CiroCostsDialog *d)
{
  /* a guard against hanging: the workers may be slow under sanitizers */
  g_assert_true (ciro_test_wait_until (idle, d, 120));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
click (CiroCostsDialog *d, const char *page, const char *name)
{
  g_signal_emit_by_name (field (d, page, name), "clicked");
  settle (d);
}

static void
count_changes (CiroContext *ctx, int *n)
{
  (*n)++;
}

static CiroSummary
summary (CiroStore *store, const char *from, const char *to, const char *marketplace)
{
  CiroSummary s;
  CiroReportFilter f = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (ciro_day_parse (from, &f.from, NULL));
  g_assert_true (ciro_day_parse (to, &f.to, NULL));
  f.marketplace = (char *) marketplace;
  g_assert_true (ciro_report_summary (store, &f, &s, &error));
  g_assert_no_error (error);
  return s;
}

/* The titles of the list's rows on a page. */
static void
collect_titles (GtkWidget *w, GPtrArray *out)
{
  if (ADW_IS_ACTION_ROW (w) && g_object_get_data (G_OBJECT (w), "id") != NULL)
    g_ptr_array_add (out, g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w))));
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    collect_titles (c, out);
}

static GPtrArray *
titles (CiroCostsDialog *d, const char *page)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  collect_titles (find_named (GTK_WIDGET (d), page), out);
  return out;
}

static void
test_dialog (void)
{
  g_autofree char *db = g_build_filename (dir, "costs.db", NULL);
  g_autoptr(CiroStore) store = ciro_test_reference_store (db, 400, 30, 7, ciro_day_from_ymd (2026, 11, 20), 120);
  g_autoptr(CiroContext) ctx = ciro_context_new (db);
  g_autoptr(GPtrArray) mps = ciro_store_list_marketplaces (store, NULL);
  CiroNumberStyle style = ciro_number_style_from_locale ();
  CiroCostsDialog *d;
  int changes = 0;
  GPtrArray *entries;
  const CiroCostEntry *e;
  const char *mp, *other;
  CiroKurus rent = 125050;      /* "1.250,50" */

  g_assert_nonnull (store);
  g_assert_cmpuint (mps->len, >=, 2);
  mp = ((CiroMarketplaceSettings *) mps->pdata[0])->name;
  other = ((CiroMarketplaceSettings *) mps->pdata[1])->name;
  g_signal_connect (ctx, "store-changed", G_CALLBACK (count_changes), &changes);
  d = ciro_costs_dialog_new (NULL, ctx, CIRO_COST_EXPENSE);
  gtk_window_present (GTK_WINDOW (d));
  settle (d);
  g_assert_cmpuint (ciro_costs_dialog_get_entries (d, CIRO_COST_EXPENSE)->len, ==, 0);
  g_assert_cmpuint (ciro_costs_dialog_get_entries (d, CIRO_COST_AD_SPEND)->len, ==, 0);

  /* absurd or unreadable input: the reason, and nothing written */
  {
    g_autofree char *not_amount = g_strdup_printf (_("“%s” is not an amount. Write it as 1250 or 1.250,50."), "12a");
    struct { const char *amount, *date, *want; } bad[] = {
      { "", "2026-10-05", _("Enter the amount, before VAT.") },
      { "12a", "2026-10-05", not_amount },
      { "-5", "2026-10-05", _("The amount must be more than ₺0.") },
      { "0", "2026-10-05", _("The amount must be more than ₺0.") },
      { "250000000", "2026-10-05", _("That is more than ₺100,000,000: please check the amount.") },
      { "100", "31.02.2026", _("Enter the date as 2026-10-05 or 05.10.2026.") },
      { "100", "1999-12-31", _("The date must be between 2000 and a year from today.") },
    };
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        set_text (d, "expense", "amount", bad[i].amount);
        set_text (d, "expense", "date", bad[i].date);
        click (d, "expense", "add");
        g_assert_cmpstr (ciro_costs_dialog_get_error (d, CIRO_COST_EXPENSE), ==, bad[i].want);
        g_assert_true (gtk_widget_get_visible (field (d, "expense", "error")));
      }
    /* a last month before the first */
    set_text (d, "expense", "amount", "100");
    set_text (d, "expense", "date", "2026-10-05");
    gtk_switch_set_active (GTK_SWITCH (field (d, "expense", "monthly")), TRUE);
    g_assert_true (gtk_widget_get_visible (field (d, "expense", "until")));
    set_text (d, "expense", "until", "2026-09-30");
    click (d, "expense", "add");
    g_assert_cmpstr (ciro_costs_dialog_get_error (d, CIRO_COST_EXPENSE), ==,
                     _("The last month is before the first one."));
    g_assert_cmpint (changes, ==, 0);
    g_assert_cmpuint (ciro_costs_dialog_get_entries (d, CIRO_COST_EXPENSE)->len, ==, 0);
    g_assert_cmpint (summary (store, "2000-01-01", "2026-12-31", NULL).expenses, ==, 0);
    /* in Turkish the reasons are Turkish */
    if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "tr"))
      g_assert_cmpstr (ciro_costs_dialog_get_error (d, CIRO_COST_EXPENSE), ==, "Son ay, ilk aydan önce olamaz.");
  }

  /* a monthly rent, written the Turkish way, from October on */
  set_text (d, "expense", "amount", "1.250,50");
  set_text (d, "expense", "date", "05.10.2026");
  set_text (d, "expense", "until", "");
  set_text (d, "expense", "name", "Depo kirası");
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (d, "expense", "category")), 0);   /* rent */
  click (d, "expense", "add");
  g_assert_cmpstr (ciro_costs_dialog_get_error (d, CIRO_COST_EXPENSE), ==, "");
  g_assert_cmpint (changes, ==, 1);
  entries = ciro_costs_dialog_get_entries (d, CIRO_COST_EXPENSE);
  g_assert_cmpuint (entries->len, ==, 1);
  e = entries->pdata[0];
  g_assert_cmpint (e->amount, ==, rent);
  g_assert_true (e->monthly);
  g_assert_cmpint (e->until_day, ==, CIRO_DAY_INVALID);
  g_assert_cmpint (e->day, ==, ciro_day_from_ymd (2026, 10, 5));
  g_assert_cmpstr (e->name, ==, "Depo kirası");
  g_assert_cmpstr (e->category, ==, "rent");
  g_assert_null (e->marketplace);
  /* the form is empty again, ready for the next */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (d, "expense", "amount"))), ==, "");
  {
    g_autoptr(GPtrArray) t = titles (d, "expense");
    g_autofree char *money = ciro_money_format (rent, style);
    g_autofree char *want = g_strdup_printf (_("%s · %s"), money, "Depo kirası");
    const char *rent_name = g_dpgettext2 (GETTEXT_PACKAGE, "expense category", "Rent");
    GtkWidget *row = gtk_widget_get_ancestor (field (d, "expense", "edit"), ADW_TYPE_ACTION_ROW);
    g_assert_cmpuint (t->len, ==, 1);
    g_assert_cmpstr (t->pdata[0], ==, want);
    /* the category by its name in the user's language */
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), rent_name));
    if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "tr"))
      g_assert_cmpstr (rent_name, ==, "Kira");
  }
  /* the engine: all of October, all of November, and 11 of October's 31
   * days (the 10th to the 20th: day indexes 9..19), ⌊20·A/31⌋ − ⌊9·A/31⌋ */
  g_assert_cmpint (summary (store, "2026-10-01", "2026-10-31", NULL).expenses, ==, rent);
  g_assert_cmpint (summary (store, "2026-09-01", "2026-11-30", NULL).expenses, ==, 2 * rent);
  g_assert_cmpint (summary (store, "2026-10-10", "2026-10-20", NULL).expenses, ==, 20 * rent / 31 - 9 * rent / 31);
  g_assert_cmpint (summary (store, "2026-09-01", "2026-09-30", NULL).expenses, ==, 0);
  {
    CiroSummary s = summary (store, "2026-10-01", "2026-10-31", NULL);
    g_assert_cmpint (s.operating_profit, ==, s.profit_ex_vat - s.ad_spend - rent);
  }

  /* ad spend for one marketplace on one day */
  ciro_costs_dialog_show_kind (d, CIRO_COST_AD_SPEND);
  set_text (d, "adspend", "amount", "850,50");
  set_text (d, "adspend", "date", "2026-11-03");
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (d, "adspend", "marketplace")), 1);
  set_text (d, "adspend", "note", "Trendyol reklam");
  click (d, "adspend", "add");
  g_assert_cmpstr (ciro_costs_dialog_get_error (d, CIRO_COST_AD_SPEND), ==, "");
  g_assert_cmpint (changes, ==, 2);
  entries = ciro_costs_dialog_get_entries (d, CIRO_COST_AD_SPEND);
  g_assert_cmpuint (entries->len, ==, 1);
  e = entries->pdata[0];
  g_assert_cmpint (e->amount, ==, 85050);
  g_assert_false (e->monthly);
  g_assert_cmpstr (e->marketplace, ==, mp);
  g_assert_cmpint (summary (store, "2026-11-03", "2026-11-03", NULL).ad_spend, ==, 85050);
  g_assert_cmpint (summary (store, "2026-11-03", "2026-11-03", mp).ad_spend, ==, 85050);
  g_assert_cmpint (summary (store, "2026-11-03", "2026-11-03", other).ad_spend, ==, 0);
  g_assert_cmpint (summary (store, "2026-11-04", "2026-11-30", NULL).ad_spend, ==, 0);

  /* a month's ad spend, spread over September's 30 days */
  set_text (d, "adspend", "amount", "3000");
  set_text (d, "adspend", "date", "2026-09-14");
  adw_combo_row_set_selected (ADW_COMBO_ROW (field (d, "adspend", "marketplace")), 0);
  gtk_switch_set_active (GTK_SWITCH (field (d, "adspend", "monthly")), TRUE);
  click (d, "adspend", "add");
  g_assert_cmpuint (ciro_costs_dialog_get_entries (d, CIRO_COST_AD_SPEND)->len, ==, 2);
  g_assert_cmpint (summary (store, "2026-09-01", "2026-09-30", NULL).ad_spend, ==, 300000);
  g_assert_cmpint (summary (store, "2026-09-01", "2026-09-10", NULL).ad_spend, ==, 100000);
  g_assert_cmpint (summary (store, "2026-10-01", "2026-10-31", NULL).ad_spend, ==, 0);

  /* edit the rent: the form is filled with it, Save replaces it */
  ciro_costs_dialog_show_kind (d, CIRO_COST_EXPENSE);
  settle (d);
  click (d, "expense", "edit");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (d, "expense", "amount"))), ==, "1250.50");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (d, "expense", "name"))), ==, "Depo kirası");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (field (d, "expense", "monthly"))));
  g_assert_true (gtk_widget_get_visible (field (d, "expense", "cancel-edit")));
  set_text (d, "expense", "amount", "2000");
  set_text (d, "expense", "until", "2026-11-15");
  click (d, "expense", "add");
  entries = ciro_costs_dialog_get_entries (d, CIRO_COST_EXPENSE);
  g_assert_cmpuint (entries->len, ==, 1);
  e = entries->pdata[0];
  g_assert_cmpint (e->amount, ==, 200000);
  g_assert_cmpint (e->until_day, ==, ciro_day_from_ymd (2026, 11, 15));
  g_assert_cmpint (summary (store, "2026-09-01", "2026-12-31", NULL).expenses, ==, 2 * 200000);
  g_assert_false (gtk_widget_get_visible (field (d, "expense", "cancel-edit")));

  /* remove the day's ad spend: the month's stays */
  ciro_costs_dialog_show_kind (d, CIRO_COST_AD_SPEND);
  settle (d);
  entries = ciro_costs_dialog_get_entries (d, CIRO_COST_AD_SPEND);
  /* by date: September's entry first, then November's */
  g_assert_cmpint (((CiroCostEntry *) entries->pdata[0])->day, ==, ciro_day_from_ymd (2026, 9, 14));
  {
    /* the second row's remove button */
    GtkWidget *page = find_named (GTK_WIDGET (d), "adspend");
    GtkWidget *first = gtk_widget_get_ancestor (find_named (page, "remove"), ADW_TYPE_ACTION_ROW);
    GtkWidget *second = gtk_widget_get_next_sibling (first);
    g_assert_nonnull (second);
    g_signal_emit_by_name (find_named (second, "remove"), "clicked");
    settle (d);
  }
  entries = ciro_costs_dialog_get_entries (d, CIRO_COST_AD_SPEND);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_true (((CiroCostEntry *) entries->pdata[0])->monthly);
  g_assert_cmpint (summary (store, "2026-11-01", "2026-11-30", NULL).ad_spend, ==, 0);
  g_assert_cmpint (summary (store, "2026-09-01", "2026-09-30", NULL).ad_spend, ==, 300000);
  g_assert_cmpint (changes, ==, 5);

  /* Import CSV…: a file in Turkish notation adds its rows; a file with a
   * bad row adds none and says which */
  {
    g_autofree char *good = g_build_filename (dir, "reklam.csv", NULL);
    g_autofree char *bad = g_build_filename (dir, "bozuk.csv", NULL);
    g_autofree char *text = g_strdup_printf ("tarih;pazaryeri;tutar;not\n01.10.2026;;1.500,25;Google\n"
                                             "2026-10-02;%s;250;Pazaryeri reklamı\n", mp);

    g_assert_true (g_file_set_contents (good, text, -1, NULL));
    g_assert_true (g_file_set_contents (bad, "2026-10-03;;100;ok\n2026-10-04;;yüz;bozuk\n", -1, NULL));
    g_assert_cmpint (summary (store, "2026-10-01", "2026-10-31", NULL).ad_spend, ==, 0);
    ciro_costs_dialog_import_file (d, CIRO_COST_AD_SPEND, bad);
    settle (d);
    g_assert_cmpstr (ciro_costs_dialog_get_error (d, CIRO_COST_AD_SPEND), !=, "");
    g_assert_cmpuint (ciro_costs_dialog_get_entries (d, CIRO_COST_AD_SPEND)->len, ==, 1);
    g_assert_cmpint (changes, ==, 5);
    ciro_costs_dialog_import_file (d, CIRO_COST_AD_SPEND, good);
    settle (d);
    g_assert_cmpstr (ciro_costs_dialog_get_error (d, CIRO_COST_AD_SPEND), ==, "");
    g_assert_cmpuint (ciro_costs_dialog_get_entries (d, CIRO_COST_AD_SPEND)->len, ==, 3);
    g_assert_cmpint (changes, ==, 6);
    g_assert_cmpint (summary (store, "2026-10-01", "2026-10-31", NULL).ad_spend, ==, 150025 + 25000);
    g_assert_cmpint (summary (store, "2026-10-01", "2026-10-31", other).ad_spend, ==, 150025);
    g_unlink (good);
    g_unlink (bad);
  }

  gtk_window_destroy (GTK_WINDOW (d));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&ctx);
  g_clear_object (&store);
  ciro_test_remove_store (db);
}

/* ------------------------------------------------------------ fees */

static gboolean
fees_idle (gpointer data)
{
  return !ciro_fees_dialog_is_busy (data);
}

static void
fees_settle (CiroFeesDialog *d)
{
  g_assert_true (ciro_test_wait_until (fees_idle, d, 120));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Three net orders of the marketplace, by code. */
static void
three_orders (const char *db, const char *mp, char *codes[3])
{
  sqlite3 *conn;
  sqlite3_stmt *st;
  guint n = 0;

  g_assert_cmpint (sqlite3_open_v2 (db, &conn, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (conn, "SELECT o.order_code FROM orders o JOIN marketplaces m"
                                             " ON m.id = o.marketplace_id WHERE m.name = ?1 AND o.status <> 6"
                                             " AND o.line_count > 0 ORDER BY o.id LIMIT 3", -1, &st, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (st, 1, mp, -1, SQLITE_STATIC);
  while (sqlite3_step (st) == SQLITE_ROW)
    codes[n++] = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_finalize (st);
  sqlite3_close (conn);
  g_assert_cmpuint (n, ==, 3);
}

/* The statement a Turkish marketplace gives: its own headers, an order
 * number column Excel stored as text, amounts as numbers and as Turkish
 * text, a deduction written negative, a repeated row, an unknown order, and
 * a column that is no fee ("Kargo Takip No"). */
static char *
write_statement (char *codes[3])
{
  char *path = g_build_filename (dir, "hakedis.xlsx", NULL);
  /* libxlsxwriter writes numbers with the C library's printf: in the
   * Turkish run, as a spreadsheet would, with a decimal point */
  locale_t c_numbers = newlocale (LC_NUMERIC_MASK, "C", duplocale (uselocale ((locale_t) 0)));
  locale_t saved = uselocale (c_numbers);
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "Hakediş");
  const char *head[] = { "Sipariş No", "Kargo Takip No", "Komisyon Tutarı", "Hizmet Bedeli", "Kargo Bedeli" };

  for (guint c = 0; c < G_N_ELEMENTS (head); c++)
    worksheet_write_string (ws, 0, c, head[c], NULL);
  /* row 2: numbers */
  worksheet_write_string (ws, 1, 0, codes[0], NULL);
  worksheet_write_string (ws, 1, 1, "KRG-1", NULL);
  worksheet_write_number (ws, 1, 2, 25.5, NULL);
  worksheet_write_number (ws, 1, 3, 6.99, NULL);
  worksheet_write_number (ws, 1, 4, 42.1, NULL);
  /* row 3: Turkish text, a deduction written negative */
  worksheet_write_string (ws, 2, 0, codes[1], NULL);
  worksheet_write_string (ws, 2, 1, "KRG-2", NULL);
  worksheet_write_string (ws, 2, 2, "1.234,56 TL", NULL);
  worksheet_write_string (ws, 2, 3, "-7,25", NULL);
  worksheet_write_string (ws, 2, 4, "39,90", NULL);
  /* row 4: a repeat of row 3 */
  worksheet_write_string (ws, 3, 0, codes[1], NULL);
  worksheet_write_string (ws, 3, 1, "KRG-2", NULL);
  worksheet_write_string (ws, 3, 2, "1.234,56 TL", NULL);
  worksheet_write_string (ws, 3, 3, "-7,25", NULL);
  worksheet_write_string (ws, 3, 4, "39,90", NULL);
  /* row 5: an order Ciro does not know */
  worksheet_write_string (ws, 4, 0, "TY-YOK-99", NULL);
  worksheet_write_string (ws, 4, 1, "KRG-3", NULL);
  worksheet_write_number (ws, 4, 2, 10, NULL);
  /* row 6: the third order, commission only */
  worksheet_write_string (ws, 5, 0, codes[2], NULL);
  worksheet_write_string (ws, 5, 1, "KRG-4", NULL);
  worksheet_write_number (ws, 5, 2, 3, NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  uselocale (saved);
  freelocale (c_numbers);
  return path;
}

static void
test_fees (void)
{
  g_autofree char *db = g_build_filename (dir, "fees.db", NULL);
  g_autoptr(CiroStore) store = ciro_test_reference_store (db, 400, 30, 11, ciro_day_from_ymd (2026, 11, 20), 120);
  g_autoptr(CiroContext) ctx = ciro_context_new (db);
  g_autoptr(GPtrArray) mps = ciro_store_list_marketplaces (store, NULL);
  CiroNumberStyle style = ciro_number_style_from_locale ();
  char *codes[3] = { NULL };
  g_autofree char *xlsx = NULL;
  const char *mp;
  CiroFeesDialog *d;
  CiroFeeMapping m;
  CiroSummary before, after;
  const CiroFeeImportResult *r;
  int changes = 0;

  g_assert_nonnull (store);
  mp = ((CiroMarketplaceSettings *) mps->pdata[0])->name;
  three_orders (db, mp, codes);
  xlsx = write_statement (codes);
  before = summary (store, "2026-01-01", "2026-11-20", mp);
  g_assert_cmpint (before.commission_actual, ==, 0);
  g_signal_connect (ctx, "store-changed", G_CALLBACK (count_changes), &changes);

  d = ciro_fees_dialog_new (NULL, ctx);
  gtk_window_present (GTK_WINDOW (d));
  fees_settle (d);
  g_assert_false (ciro_fees_dialog_can_import (d));
  g_assert_true (ciro_fees_dialog_set_marketplace (d, mp));
  ciro_fees_dialog_open_file (d, xlsx);
  fees_settle (d);
  g_assert_cmpstr (ciro_fees_dialog_get_error (d), ==, "");

  /* the guess from the Turkish headers: the tracking number is no fee */
  ciro_fees_dialog_get_mapping (d, &m);
  g_assert_cmpint (m.column[CIRO_FEE_ORDER], ==, 0);
  g_assert_cmpint (m.column[CIRO_FEE_COMMISSION], ==, 2);
  g_assert_cmpint (m.column[CIRO_FEE_SERVICE_FEE], ==, 3);
  g_assert_cmpint (m.column[CIRO_FEE_CARGO], ==, 4);
  g_assert_true (ciro_fees_dialog_can_import (d));

  /* the preview, as the import reads the cells */
  {
    g_autofree char *c1 = ciro_money_format (2550, style);
    g_autofree char *s1 = ciro_money_format (699, style);
    g_autofree char *k1 = ciro_money_format (4210, style);
    g_autofree char *c2 = ciro_money_format (123456, style);
    g_autofree char *s2 = ciro_money_format (725, style);
    g_assert_cmpstr (ciro_fees_dialog_get_preview (d, 0, CIRO_FEE_ORDER), ==, codes[0]);
    g_assert_cmpstr (ciro_fees_dialog_get_preview (d, 0, CIRO_FEE_COMMISSION), ==, c1);
    g_assert_cmpstr (ciro_fees_dialog_get_preview (d, 0, CIRO_FEE_SERVICE_FEE), ==, s1);
    g_assert_cmpstr (ciro_fees_dialog_get_preview (d, 0, CIRO_FEE_CARGO), ==, k1);
    g_assert_cmpstr (ciro_fees_dialog_get_preview (d, 1, CIRO_FEE_COMMISSION), ==, c2);
    g_assert_cmpstr (ciro_fees_dialog_get_preview (d, 1, CIRO_FEE_SERVICE_FEE), ==, s2);
    g_assert_cmpstr (ciro_fees_dialog_get_preview (d, 4, CIRO_FEE_CARGO), ==, "—");
  }
  /* a wrong column picked for the cargo shows in the preview */
  ciro_fees_dialog_set_column (d, CIRO_FEE_CARGO, 1);
  g_assert_cmpstr (ciro_fees_dialog_get_preview (d, 0, CIRO_FEE_CARGO), ==, "“KRG-1”?");
  /* corrected by hand: this marketplace's cargo is not to be taken */
  ciro_fees_dialog_set_column (d, CIRO_FEE_CARGO, -1);
  g_assert_cmpstr (ciro_fees_dialog_get_preview (d, 0, CIRO_FEE_CARGO), ==, "—");
  /* no order column: nothing to import */
  ciro_fees_dialog_set_column (d, CIRO_FEE_ORDER, -1);
  g_assert_false (ciro_fees_dialog_can_import (d));
  ciro_fees_dialog_set_column (d, CIRO_FEE_ORDER, 0);
  g_assert_true (ciro_fees_dialog_can_import (d));

  ciro_fees_dialog_import (d);
  fees_settle (d);
  g_assert_cmpstr (ciro_fees_dialog_get_error (d), ==, "");
  r = ciro_fees_dialog_get_result (d);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->rows, ==, 5);
  g_assert_cmpuint (r->duplicates, ==, 1);
  g_assert_cmpuint (r->orders, ==, 3);
  g_assert_cmpuint (r->updated, ==, 3);
  g_assert_cmpuint (r->unknown->len, ==, 1);
  g_assert_cmpuint (((CiroFeeUnknown *) r->unknown->pdata[0])->row, ==, 5);
  g_assert_cmpstr (((CiroFeeUnknown *) r->unknown->pdata[0])->order, ==, "TY-YOK-99");
  g_assert_cmpint (changes, ==, 1);
  {
    g_autofree char *want = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "The fees of %1$s order were read: %2$s changed, %3$s "
                                                          "already so.",
                                                          "The fees of %1$s orders were read: %2$s changed, %3$s "
                                                          "already so.", 3), "3", "3", "0");
    g_assert_true (g_str_has_prefix (ciro_fees_dialog_get_summary (d), want));
    g_assert_nonnull (strstr (ciro_fees_dialog_get_summary (d), "\n"));
  }
  /* the engine: the three orders' commission is the file's, 25.50 +
   * 1,234.56 + 3.00; the service fees 6.99 + 7.25 replace the estimates
   * (0); the cargo was not taken */
  after = summary (store, "2026-01-01", "2026-11-20", mp);
  g_assert_cmpint (after.commission_actual, ==, 2550 + 123456 + 300);
  g_assert_cmpint (after.service_fees, ==, before.service_fees + 699 + 725);
  g_assert_cmpint (after.shipping_expense, ==, before.shipping_expense);
  g_assert_cmpint (after.net_revenue, ==, before.net_revenue);

  /* again: the remembered mapping (cargo left out), nothing changes */
  gtk_window_destroy (GTK_WINDOW (d));
  d = ciro_fees_dialog_new (NULL, ctx);
  gtk_window_present (GTK_WINDOW (d));
  fees_settle (d);
  g_assert_true (ciro_fees_dialog_set_marketplace (d, mp));
  ciro_fees_dialog_open_file (d, xlsx);
  fees_settle (d);
  ciro_fees_dialog_get_mapping (d, &m);
  g_assert_cmpint (m.column[CIRO_FEE_CARGO], ==, -1);
  g_assert_cmpint (m.column[CIRO_FEE_COMMISSION], ==, 2);
  ciro_fees_dialog_import (d);
  fees_settle (d);
  r = ciro_fees_dialog_get_result (d);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->updated, ==, 0);
  g_assert_cmpuint (r->unchanged, ==, 3);
  {
    CiroSummary again = summary (store, "2026-01-01", "2026-11-20", mp);
    g_assert_cmpint (again.commission, ==, after.commission);
    g_assert_cmpint (again.profit_ex_vat, ==, after.profit_ex_vat);
  }

  /* a file that is no workbook: the reason, nothing to import */
  {
    g_autofree char *broken = g_build_filename (dir, "bozuk.xlsx", NULL);
    g_assert_true (g_file_set_contents (broken, "PK\003\004 not a zip", -1, NULL));
    gtk_window_destroy (GTK_WINDOW (d));
    d = ciro_fees_dialog_new (NULL, ctx);
    fees_settle (d);
    g_assert_true (ciro_fees_dialog_set_marketplace (d, mp));
    ciro_fees_dialog_open_file (d, broken);
    fees_settle (d);
    g_assert_cmpstr (ciro_fees_dialog_get_error (d), !=, "");
    g_assert_false (ciro_fees_dialog_can_import (d));
    g_unlink (broken);
  }
  gtk_window_destroy (GTK_WINDOW (d));
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  for (guint i = 0; i < 3; i++)
    g_free (codes[i]);
  g_unlink (xlsx);
  g_clear_object (&ctx);
  g_clear_object (&store);
  ciro_test_remove_store (db);
}

int
main (int argc, char *argv[])
{
  int rc;

  g_setenv ("CIRO_NOW", "2026-11-20 15:00:00", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("CIRO_LOCALEDIR") != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CIRO_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 77;
    }
  adw_init ();
  dir = ciro_test_tmpdir ("entry-dialogs");
  g_test_add_func ("/costs-dialog/enter-edit-remove", test_dialog);
  g_test_add_func ("/fees-dialog/xlsx-import", test_fees);
  rc = g_test_run ();
  g_rmdir (dir);
  return rc;
}
