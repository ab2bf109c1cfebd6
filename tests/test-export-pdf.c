/* test-export-pdf.c: every PDF report, in English and in Turkish, for 90
 * days and for two years, read back by poppler
 *
 * ciro-cli writes each PDF (LC_ALL=C.UTF-8, or tr_TR.UTF-8 with the build's
 * translation) with CIRO_PDF_LAYOUT_LOG set. Then:
 *  - pdfinfo's page count is M and every page of pdftotext's text says
 *    "N / M"; pdftoppm renders every page;
 *  - the totals equal `ciro-cli report summary --format json` for the same
 *    days (and the rows of the P&L and the sales totals add up to them),
 *    both in the layout log and in the page's text;
 *  - no drawn cell is wider than its column, numbers and dates are on one
 *    line and never ellipsized, and no number in the text ends with "…";
 *  - the bounded tables show what their note says (the 200 largest lines,
 *    the first 500 customers and products) and count what the store holds.
 * The store has a product name, a SKU and a customer name far longer than
 * any column.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/ciro-carriers.h"
#include "analytics/ciro-categories.h"
#include "analytics/ciro-report.h"
#include "core/ciro-carrier.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "store/ciro-store-sql.h"
#include "store/ciro-store.h"

static char *dir;
static char *db;
static gboolean have_turkish;

#define FROM_90   "2026-08-23"
#define FROM_2Y   "2024-11-21"
#define TO        "2026-11-20"

typedef struct {
  const char *kind;
  gboolean    turkish;
  gboolean    two_years;
} Case;

typedef struct {
  guint   page;
  guint   table;
  char   *row;
  guint   col;
  double  room;
  double  x0;
  double  x1;
  int     lines;
  gboolean ellipsized;
  gboolean fixed;
  char   *text;
} LogCell;

static void
log_cell_free (gpointer data)
{
  LogCell *c = data;
  g_free (c->row);
  g_free (c->text);
  g_free (c);
}

/* ---------------------------------------------------------- running things */

static char *
run (const char * const *argv, const char *lc_all, const char *layout_log)
{
  g_autoptr(GSubprocessLauncher) l = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                 G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_subprocess_launcher_setenv (l, "LC_ALL", lc_all ? lc_all : "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (l, "LANGUAGE");
  g_subprocess_launcher_setenv (l, "CIRO_NOW", "2026-11-20 15:00:00", TRUE);
  if (layout_log != NULL)
    g_subprocess_launcher_setenv (l, "CIRO_PDF_LAYOUT_LOG", layout_log, TRUE);
  else
    g_subprocess_launcher_unsetenv (l, "CIRO_PDF_LAYOUT_LOG");
  p = g_subprocess_launcher_spawnv (l, argv, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (p))
    g_error ("%s failed: %s", argv[0], err);
  return g_steal_pointer (&out);
}

static char *
cli (const char *lc_all, const char *layout_log, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list ap;

  g_ptr_array_add (argv, (char *) g_getenv ("CIRO_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, db);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  return run ((const char * const *) argv->pdata, lc_all, layout_log);
}

/* ---------------------------------------------------------- the engine's figures */

typedef struct {
  gint64 net_orders;
  gint64 gross_revenue, cancel_return_revenue, net_revenue, shipping_income;
  gint64 product_cost, commission, shipping_expense, profit;
  double margin_pct;
} Summary;

static gint64
kurus (JsonObject *o, const char *key)
{
  g_assert_true (json_object_has_member (o, key));
  return llround (json_object_get_double_member (o, key) * 100);
}

/* `ciro-cli report summary --format json`, read independently of the PDF */
static Summary
summary (const char *from, const char *to)
{
  g_autofree char *json = cli (NULL, NULL, "report", "summary", "--from", from, "--to", to, "--format", "json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o;
  Summary s;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  s.net_orders = json_object_get_int_member (o, "net_orders");
  s.gross_revenue = kurus (o, "gross_revenue");
  s.cancel_return_revenue = kurus (o, "cancel_return_revenue");
  s.net_revenue = kurus (o, "net_revenue");
  s.shipping_income = kurus (o, "shipping_income");
  s.product_cost = kurus (o, "product_cost");
  s.commission = kurus (o, "commission");
  s.shipping_expense = kurus (o, "shipping_expense");
  s.profit = kurus (o, "profit");
  s.margin_pct = json_object_get_double_member (o, "margin_pct");
  g_assert_cmpint (s.net_revenue, >, 0);
  return s;
}

static gint64
sql_int (const char *sql, const char *from, const char *to)
{
  g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
  sqlite3_stmt *stmt = NULL;
  CiroDay a, b;
  gint64 v;

  g_assert_nonnull (store);
  g_assert_true (ciro_day_parse (from, &a, NULL));
  g_assert_true (ciro_day_parse (to, &b, NULL));
  g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, a);
  sqlite3_bind_int (stmt, 2, b);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

/* ---------------------------------------------------------- reading the PDF */

static guint
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run (argv, NULL, NULL);
  const char *p = strstr (info, "Pages:");

  g_assert_nonnull (p);
  return (guint) g_ascii_strtoull (p + 6 + strspn (p + 6, " "), NULL, 10);
}

/* the text of each page, pdftotext -layout, split at its form feeds */
static GStrv
pdf_text (const char *pdf, guint pages)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *text = run (argv, NULL, NULL);
  GStrv per_page = g_strsplit (text, "\f", -1);

  /* a form feed ends every page */
  g_assert_cmpuint (g_strv_length (per_page), ==, pages + 1);
  return per_page;
}

static void
assert_renders (const char *pdf, guint pages)
{
  g_autofree char *prefix = g_build_filename (dir, "render", NULL);
  const char *argv[] = { "pdftoppm", "-r", "20", "-png", pdf, prefix, NULL };
  g_autoptr(GDir) d = NULL;
  g_autofree char *out = run (argv, NULL, NULL);
  const char *name;
  guint n = 0;

  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "render") && g_str_has_suffix (name, ".png"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        GStatBuf st;
        g_assert_cmpint (g_stat (path, &st), ==, 0);
        g_assert_cmpint (st.st_size, >, 100);
        g_unlink (path);
        n++;
      }
  g_assert_cmpuint (n, ==, pages);
}

static GPtrArray *
read_log (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *cells = g_ptr_array_new_with_free_func (log_cell_free);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      LogCell *c;

      if (*lines[i] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", 11);
      g_assert_cmpuint (g_strv_length (f), ==, 11);
      c = g_new0 (LogCell, 1);
      c->page = (guint) g_ascii_strtoull (f[0], NULL, 10);
      c->table = (guint) g_ascii_strtoull (f[1], NULL, 10);
      c->row = g_strdup (f[2]);
      c->col = (guint) g_ascii_strtoull (f[3], NULL, 10);
      c->room = g_ascii_strtod (f[4], NULL);
      c->x0 = g_ascii_strtod (f[5], NULL);
      c->x1 = g_ascii_strtod (f[6], NULL);
      c->lines = atoi (f[7]);
      c->ellipsized = atoi (f[8]);
      c->fixed = atoi (f[9]);
      c->text = g_strdup (f[10]);
      g_ptr_array_add (cells, c);
    }
  return cells;
}

static const LogCell *
log_find (GPtrArray *cells, guint table, const char *row, guint col)
{
  for (guint i = 0; i < cells->len; i++)
    {
      const LogCell *c = cells->pdata[i];
      if (c->table == table && c->col == col && g_strcmp0 (c->row, row) == 0)
        return c;
    }
  return NULL;
}

/* the column of a table whose header says `name` */
static guint
log_column (GPtrArray *cells, guint table, const char *name)
{
  for (guint i = 0; i < cells->len; i++)
    {
      const LogCell *c = cells->pdata[i];
      if (c->table == table && g_strcmp0 (c->row, "header") == 0 && g_strcmp0 (c->text, name) == 0)
        return c->col;
    }
  g_error ("no column %s in table %u", name, table);
  return 0;
}

static guint
log_rows (GPtrArray *cells, guint table)
{
  guint n = 0;

  for (guint i = 0; i < cells->len; i++)
    {
      const LogCell *c = cells->pdata[i];
      if (c->table == table && g_str_has_prefix (c->row, "row "))
        n = MAX (n, (guint) g_ascii_strtoull (c->row + 4, NULL, 10));
    }
  return n;
}

/* money as the PDF writes it, back to kuruş */
static gint64
parse_money (const char *text, gboolean turkish)
{
  gint64 v = 0;
  gboolean negative = FALSE, seen = FALSE;
  char decimal = turkish ? ',' : '.', group = turkish ? '.' : ',';
  int decimals = -1;

  for (const char *p = text; *p; p++)
    {
      if (*p == '-' || g_str_has_prefix (p, "−"))
        negative = TRUE;
      else if (g_ascii_isdigit (*p))
        {
          v = v * 10 + (*p - '0');
          seen = TRUE;
          if (decimals >= 0)
            decimals++;
        }
      else if (*p == decimal)
        decimals = 0;
      else
        g_assert_true (*p == group || *p == ' ' || (*p & 0x80) != 0);   /* ₺, a group separator */
    }
  g_assert_true (seen);
  g_assert_cmpint (decimals, ==, 2);
  return negative ? -v : v;
}

/* Nothing wider than its column; numbers and dates whole, on one line. */
static void
assert_layout (GPtrArray *cells, guint pages)
{
  guint fixed = 0;

  g_assert_cmpuint (cells->len, >, 0);
  for (guint i = 0; i < cells->len; i++)
    {
      const LogCell *c = cells->pdata[i];
      if (c->x0 < -0.01 || c->x1 > c->room + 0.01)
        g_error ("page %u table %u %s column %u: \"%s\" spans %.2f–%.2f of %.2f", c->page, c->table, c->row,
                 c->col, c->text, c->x0, c->x1, c->room);
      g_assert_cmpuint (c->page, >=, 1);
      g_assert_cmpuint (c->page, <=, pages);
      g_assert_cmpint (c->lines, >=, 1);
      if (c->fixed)
        {
          fixed++;
          g_assert_cmpint (c->lines, ==, 1);
          g_assert_false (c->ellipsized);
          g_assert_null (strstr (c->text, "…"));
        }
      else
        g_assert_cmpint (c->lines, <=, g_strcmp0 (c->row, "header") == 0 ? 3 : 2);
    }
  g_assert_cmpuint (fixed, >, 0);
}

/* No number in the text ends with "…". */
static void
assert_no_cut_number (const char *text)
{
  for (const char *p = strstr (text, "…"); p != NULL; p = strstr (p + 1, "…"))
    if (p > text)
      {
        const char *prev = g_utf8_find_prev_char (text, p);
        gunichar ch = g_utf8_get_char (prev);
        if (g_unichar_isdigit (ch) || ch == 0x20BA /* ₺ */)
          g_error ("a number is cut: …%.40s", prev > text + 20 ? prev - 20 : text);
      }
}

/* A logged cell holds `expected`, and the text of its page shows it. */
static void
assert_cell (GPtrArray *cells, GStrv pages, guint table, const char *row, guint col, const char *expected)
{
  const LogCell *c = log_find (cells, table, row, col);

  if (c == NULL)
    g_error ("table %u has no %s cell in column %u (expected %s)", table, row, col, expected);
  g_assert_cmpstr (c->text, ==, expected);
  g_assert_nonnull (strstr (pages[c->page - 1], expected));
}

static gint64
column_sum (GPtrArray *cells, guint table, guint col, gboolean turkish)
{
  gint64 sum = 0;

  for (guint i = 0; i < cells->len; i++)
    {
      const LogCell *c = cells->pdata[i];
      if (c->table == table && c->col == col && g_str_has_prefix (c->row, "row "))
        sum += parse_money (c->text, turkish);
    }
  return sum;
}

/* ---------------------------------------------------------- the test */

static void
assert_summary_totals (GPtrArray *cells, GStrv pages, guint table, guint first, const Summary *s, gboolean orders,
                       CiroNumberStyle style)
{
  gint64 v[] = { s->gross_revenue, s->cancel_return_revenue, s->net_revenue, s->shipping_income,
                 s->product_cost, s->commission, s->shipping_expense, s->profit };
  guint c = first;

  if (orders)
    {
      g_autofree char *n = ciro_count_format (s->net_orders, style);
      assert_cell (cells, pages, table, "total", c++, n);
    }
  for (guint i = 0; i < G_N_ELEMENTS (v); i++)
    {
      g_autofree char *m = ciro_money_format (v[i], style);
      assert_cell (cells, pages, table, "total", c++, m);
    }
}

static void
test_report (gconstpointer data)
{
  const Case *t = data;
  const char *from = t->two_years ? FROM_2Y : FROM_90;
  const char *lc = t->turkish ? "tr_TR.UTF-8" : "C.UTF-8";
  CiroNumberStyle style = t->turkish ? CIRO_NUMBER_STYLE_TURKISH : CIRO_NUMBER_STYLE_ENGLISH;
  g_autofree char *name = g_strdup_printf ("%s-%s-%s", t->kind, t->turkish ? "tr" : "en", t->two_years ? "2y" : "90d");
  g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", dir, name);
  g_autofree char *log_path = g_strdup_printf ("%s/%s.log", dir, name);
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  g_auto(GStrv) pages = NULL;
  Summary s;
  guint n;

  if (t->turkish && !have_turkish)
    {
      g_test_skip ("the tr_TR.UTF-8 locale is not installed");
      return;
    }
  out = cli (lc, log_path, "export", t->kind, "--format", "pdf", "--output", pdf, "--from", from, "--to", TO, NULL);
  s = summary (from, TO);
  n = pdf_pages (pdf);
  g_assert_cmpuint (n, >=, 1);
  pages = pdf_text (pdf, n);

  /* N / M at the foot of every page (pdftotext may drop the narrow spaces) */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *footer = g_strdup_printf ("%u/%u", i + 1, n);
      g_auto(GStrv) lines = g_strsplit (pages[i], "\n", -1);
      g_autofree char *last = NULL;

      for (guint l = 0; lines[l] != NULL; l++)
        if (*g_strstrip (lines[l]) != '\0')
          {
            g_free (last);
            last = g_strdup (lines[l]);
          }
      g_assert_nonnull (last);
      g_strdelimit (last, " ", '\x01');
      {
        g_auto(GStrv) parts = g_strsplit (last, "\x01", -1);
        g_autofree char *joined = g_strjoinv ("", parts);
        if (g_strcmp0 (joined, footer) != 0)
          g_error ("page %u of %s ends with \"%s\", not %u / %u", i + 1, name, joined, i + 1, n);
      }
      assert_no_cut_number (pages[i]);
    }
  assert_renders (pdf, n);
  cells = read_log (log_path);
  assert_layout (cells, n);

  /* the KPIs on the first page, in the language asked for (the carriers
   * report has none) */
  if (strcmp (t->kind, "carriers") != 0)
  {
    g_autofree char *net = ciro_money_format (s.net_revenue, style);
    g_autofree char *profit = ciro_money_format (s.profit, style);
    g_autofree char *orders = ciro_count_format (s.net_orders, style);
    g_assert_nonnull (strstr (pages[0], net));
    g_assert_nonnull (strstr (pages[0], profit));
    g_assert_nonnull (strstr (pages[0], orders));
    g_assert_nonnull (strstr (pages[0], t->turkish ? "Net Ciro" : "Net revenue"));
    g_assert_nonnull (strstr (pages[0], t->turkish ? "tüm pazaryerleri" : "all marketplaces"));
  }

  if (strcmp (t->kind, "sales") == 0)
    {
      guint months = t->two_years ? 25 : 0;
      gint64 n_lines = sql_int ("SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id"
                                " WHERE o.day BETWEEN ?1 AND ?2", from, TO);
      gint64 largest = sql_int ("SELECT max (l.amount) FROM order_lines l JOIN orders o ON o.id = l.order_id"
                                " WHERE o.day BETWEEN ?1 AND ?2", from, TO);
      guint shown = (guint) MIN (n_lines, 200), amount_col;
      gint64 last = G_MAXINT64;
      const LogCell *note_page;

      g_assert_nonnull (strstr (pages[0], t->turkish ? "Satış raporu" : "Sales report"));
      /* daily totals for 90 days, monthly for two years, adding up to the KPIs */
      g_assert_cmpuint (log_rows (cells, 1), ==, t->two_years ? months : 90);
      g_assert_cmpstr (log_find (cells, 1, "row 1", 0)->text, ==,
                       t->two_years ? (t->turkish ? "21–30 Kas 2024" : "21–30 Nov 2024") : "2026-08-23");
      assert_summary_totals (cells, pages, 1, 1, &s, TRUE, style);
      g_assert_cmpint (column_sum (cells, 1, 4, t->turkish), ==, s.net_revenue);
      g_assert_cmpint (column_sum (cells, 1, 9, t->turkish), ==, s.profit);
      /* then the largest lines, and a note saying how many lines there are */
      g_assert_cmpint (n_lines, >, 200);
      g_assert_cmpuint (log_rows (cells, 2), ==, shown);
      note_page = log_find (cells, 2, "header", 0);
      {
        g_autofree char *all = ciro_count_format (n_lines, style);
        g_assert_nonnull (strstr (pages[note_page->page - 1], all));
        g_assert_nonnull (strstr (pages[note_page->page - 1], "XLSX"));
      }
      amount_col = log_column (cells, 2, t->turkish ? "Tutar" : "Amount");
      for (guint r = 1; r <= shown; r++)
        {
          g_autofree char *row = g_strdup_printf ("row %u", r);
          gint64 v = parse_money (log_find (cells, 2, row, amount_col)->text, t->turkish);
          g_assert_cmpint (v, <=, last);
          if (r == 1)
            g_assert_cmpint (v, ==, largest);
          last = v;
        }
    }
  else if (strcmp (t->kind, "pnl") == 0)
    {
      g_autofree char *margin = ciro_percent_format (s.margin_pct, 2, style);

      g_assert_nonnull (strstr (pages[0], t->turkish ? "Kâr/Zarar" : "Profit and loss"));
      g_assert_cmpuint (log_rows (cells, 1), ==, t->two_years ? 25 : 4);
      g_assert_cmpstr (log_find (cells, 1, "row 1", 0)->text, ==,
                       t->two_years ? (t->turkish ? "21–30 Kas 2024" : "21–30 Nov 2024")
                                    : (t->turkish ? "23–31 Ağu 2026" : "23–31 Aug 2026"));
      g_assert_cmpstr (log_find (cells, 1, "row 2", 0)->text, ==,
                       t->two_years ? "2024-12" : "2026-09");
      assert_summary_totals (cells, pages, 1, 1, &s, FALSE, style);
      assert_cell (cells, pages, 1, "total", 9, margin);
      g_assert_cmpint (column_sum (cells, 1, 1, t->turkish), ==, s.gross_revenue);
      g_assert_cmpint (column_sum (cells, 1, 3, t->turkish), ==, s.net_revenue);
      g_assert_cmpint (column_sum (cells, 1, 8, t->turkish), ==, s.profit);
      /* the margin is a percentage in every row */
      for (guint r = 1; r <= log_rows (cells, 1); r++)
        {
          g_autofree char *row = g_strdup_printf ("row %u", r);
          g_assert_nonnull (strchr (log_find (cells, 1, row, 9)->text, '%'));
        }
    }
  else if (strcmp (t->kind, "platforms") == 0)
    {
      g_autofree char *json = cli (NULL, NULL, "report", "marketplaces", "--from", from, "--to", TO, "--format", "json",
                                   NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *net = ciro_money_format (s.net_revenue, style);
      g_autofree char *orders = ciro_count_format (s.net_orders, style);
      JsonArray *a;
      g_autofree char *all_text = g_strjoinv ("", pages);

      g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
      a = json_node_get_array (json_parser_get_root (parser));
      g_assert_cmpuint (json_array_get_length (a), >, 1);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonObject *o = json_array_get_object_element (a, i);
          g_autofree char *m = ciro_money_format (kurus (o, "net_revenue"), style);
          const char *stored = json_object_get_string_member (o, "marketplace");
          /* a person reads the unknown marketplace's name in their language */
          const char *read = g_str_equal (stored, "Bilinmeyen") && !t->turkish ? "Unknown" : stored;
          g_assert_nonnull (strstr (all_text, read));
          if (!t->turkish)
            g_assert_null (strstr (all_text, "Bilinmeyen"));
          g_assert_nonnull (strstr (all_text, m));
        }
      assert_cell (cells, pages, 1, "total", log_column (cells, 1, t->turkish ? "Net Ciro" : "Net revenue"), net);
      assert_cell (cells, pages, 1, "total", log_column (cells, 1, t->turkish ? "Net Sipariş" : "Net orders"), orders);
    }
  else if (strcmp (t->kind, "customers") == 0)
    {
      gint64 customers = sql_int ("SELECT count (DISTINCT customer_id) FROM orders WHERE day BETWEEN ?1 AND ?2",
                                  from, TO);
      g_autofree char *net = ciro_money_format (s.net_revenue, style);
      guint col = log_column (cells, 1, t->turkish ? "Net Harcama" : "Net spend");

      g_assert_cmpuint (log_rows (cells, 1), ==, MIN (customers, 500));
      assert_cell (cells, pages, 1, "total", col, net);
      if (customers > 500)
        {
          g_autofree char *all = ciro_count_format (customers, style);
          const LogCell *head = log_find (cells, 1, "header", 0);
          g_assert_nonnull (strstr (pages[head->page - 1], all));
          g_assert_nonnull (strstr (log_find (cells, 1, "total", 0)->text, all));
        }
      g_assert_true (customers > 500 || !t->two_years);
    }
  else if (strcmp (t->kind, "carriers") == 0)
    {
      /* the carriers in the engine's order with their expense and median
       * days to ship (one decimal); the late orders, the first 500; the
       * recommendations (the CLI's now: 2026-11-20 15:00) */
      g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
      CiroReportFilter f = { 0, 0, NULL };
      g_autoptr(CiroCarrierReport) r = NULL;
      guint name_col = log_column (cells, 1, t->turkish ? "Kargo firması" : "Carrier");
      guint expense_col = log_column (cells, 1, t->turkish ? "Kargo Gideri" : "Shipping expense");
      guint median_col = log_column (cells, 1, t->turkish ? "Kargoya verme süresi (medyan, gün)"
                                                          : "Days to ship (median)");
      CiroKurus expense = 0;

      g_assert_nonnull (strstr (pages[0], t->turkish ? "Kargo ve kargo firmaları" : "Shipping and carriers"));
      g_assert_true (ciro_day_parse (from, &f.from, NULL));
      g_assert_true (ciro_day_parse (TO, &f.to, NULL));
      r = ciro_carrier_report_build (store, &f, CIRO_CARRIER_LATE_DAYS_DEFAULT,
                                     ciro_to_unix (f.to, 15 * 3600), NULL);
      g_assert_nonnull (r);
      g_assert_cmpuint (r->carriers->len, >=, 3);
      g_assert_cmpuint (log_rows (cells, 1), ==, r->carriers->len);
      for (guint i = 0; i < r->carriers->len; i++)
        {
          const CiroCarrierRow *c = r->carriers->pdata[i];
          g_autofree char *row = g_strdup_printf ("row %u", i + 1);
          g_autofree char *money = ciro_money_format (c->shipping_expense, style);
          g_autofree char *median = ciro_number_format (round (c->days_to_ship_median * 10) / 10, 1, style);

          g_assert_cmpstr (log_find (cells, 1, row, name_col)->text, ==,
                           g_strcmp0 (c->carrier, CIRO_CARRIER_UNKNOWN) == 0 ? (t->turkish ? "Bilinmiyor" : "Unknown")
                                                                             : c->carrier);
          assert_cell (cells, pages, 1, row, expense_col, money);
          if (c->days_to_ship_n > 0)
            assert_cell (cells, pages, 1, row, median_col, median);
          expense += c->shipping_expense;
        }
      {
        g_autofree char *total = ciro_money_format (expense, style);
        assert_cell (cells, pages, 1, "total", expense_col, total);
      }
      g_assert_cmpuint (r->late_orders->len, >, 0);
      g_assert_cmpuint (log_rows (cells, 2), ==, MIN (r->late_orders->len, 500));
      for (guint i = 0; i < MIN (r->late_orders->len, 500); i++)
        {
          const CiroLateOrder *l = r->late_orders->pdata[i];
          g_autofree char *row = g_strdup_printf ("row %u", i + 1);
          g_assert_cmpstr (log_find (cells, 2, row, 0)->text, ==, l->order_code);
        }
      g_assert_cmpuint (log_rows (cells, 3), ==, r->advice->len);
    }
  else if (strcmp (t->kind, "categories") == 0)
    {
      /* every category in the engine's order, the two groups named in the
       * language, and the revenue total = net revenue without shipping */
      g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
      CiroReportFilter f = { 0, 0, NULL };
      g_autoptr(GArray) rows = NULL;
      g_autofree char *revenue = ciro_money_format (s.net_revenue - s.shipping_income, style);
      guint name_col = log_column (cells, 1, t->turkish ? "Kategori" : "Category");
      guint col = log_column (cells, 1, t->turkish ? "Ciro" : "Revenue");

      g_assert_nonnull (strstr (pages[0], t->turkish ? "Kategori performansı" : "Category performance"));
      g_assert_true (ciro_day_parse (from, &f.from, NULL));
      g_assert_true (ciro_day_parse (TO, &f.to, NULL));
      rows = ciro_report_categories (store, &f, NULL);
      g_assert_cmpuint (rows->len, >, 5);
      g_assert_cmpuint (log_rows (cells, 1), ==, rows->len);
      for (guint i = 0; i < rows->len; i++)
        {
          const CiroCategoryRow *r = &g_array_index (rows, CiroCategoryRow, i);
          g_autofree char *row = g_strdup_printf ("row %u", i + 1);
          g_autofree char *money = ciro_money_format (r->revenue, style);
          const char *shown = r->kind == CIRO_CATEGORY_UNMATCHED ? (t->turkish ? "Eşleşmeyen" : "Unmatched")
                           : r->kind == CIRO_CATEGORY_NONE ? (t->turkish ? "Kategorisiz" : "Uncategorised")
                           : r->category;

          g_assert_cmpstr (log_find (cells, 1, row, name_col)->text, ==, shown);
          assert_cell (cells, pages, 1, row, col, money);
        }
      assert_cell (cells, pages, 1, "total", col, revenue);
    }
  else
    {
      g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
      CiroReportFilter f = { 0, 0, NULL };
      g_autoptr(GArray) ranking = NULL;
      g_autofree char *revenue = ciro_money_format (s.net_revenue - s.shipping_income, style);
      guint col = log_column (cells, 1, t->turkish ? "Ciro" : "Revenue");

      g_assert_true (ciro_day_parse (from, &f.from, NULL));
      g_assert_true (ciro_day_parse (TO, &f.to, NULL));
      ranking = ciro_report_products (store, &f, CIRO_SORT_REVENUE, FALSE, NULL);
      g_assert_cmpuint (log_rows (cells, 1), ==, MIN (ranking->len, 500));
      assert_cell (cells, pages, 1, "total", col, revenue);
      g_assert_true (ranking->len > 500 || !t->two_years);
    }
}

/* The longest names the store can hold, beside the largest numbers. */
static void
lengthen_names (void)
{
  g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
  g_autoptr(GString) name = g_string_new ("");
  g_autoptr(GString) sku = g_string_new ("SKU");
  sqlite3_stmt *stmt = NULL;
  sqlite3 *sql = ciro_store_get_db (store);
  CiroDay from;

  for (guint i = 0; i < 20; i++)
    g_string_append (name, "Çok Uzun Ürün Adı Şişme Yatak Ağaç ");
  for (guint i = 0; i < 40; i++)
    g_string_append (sku, "-ABCDEFGHIJ");
  g_assert_true (ciro_day_parse (FROM_90, &from, NULL));
  /* the largest line of the 90 days: its product and its SKU */
  g_assert_cmpint (sqlite3_prepare_v2 (sql,
    "UPDATE products SET name = ?1 WHERE id = (SELECT l.product_id FROM order_lines l JOIN orders o ON o.id = l.order_id"
    " WHERE o.day >= ?3 AND l.product_id IS NOT NULL ORDER BY l.amount DESC LIMIT 1)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name->str, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, from);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (sql), ==, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (sql,
    "UPDATE order_lines SET sku = ?2 WHERE (order_id, pos) = (SELECT l.order_id, l.pos FROM order_lines l JOIN orders o ON o.id = l.order_id"
    " WHERE o.day >= ?3 ORDER BY l.amount DESC LIMIT 1 OFFSET 1)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 2, sku->str, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, from);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (sql), ==, 1);
  sqlite3_finalize (stmt);
  /* the customer who spent most */
  g_assert_cmpint (sqlite3_prepare_v2 (sql,
    "UPDATE customers SET name = ?1 || name WHERE id = (SELECT customer_id FROM orders WHERE day >= ?3"
    " GROUP BY customer_id ORDER BY sum (shipping_total) DESC, count(*) DESC LIMIT 1)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name->str, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, from);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

int
main (int argc, char **argv)
{
  static const char *kinds[] = { "sales", "pnl", "platforms", "customers", "products", "categories", "carriers" };
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *mo = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("CIRO_CLI") == NULL || g_getenv ("CIRO_LOCALEDIR") == NULL)
    g_error ("CIRO_CLI must name the ciro-cli binary and CIRO_LOCALEDIR the build's po directory");
  /* the translation the Turkish cases read */
  mo = g_build_filename (g_getenv ("CIRO_LOCALEDIR"), "tr", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_assert_true (g_file_test (mo, G_FILE_TEST_EXISTS));
  have_turkish = setlocale (LC_ALL, "tr_TR.UTF-8") != NULL;
  setlocale (LC_ALL, "C.UTF-8");

  dir = g_dir_make_tmp ("ciro-pdf-XXXXXX", NULL);
  db = g_build_filename (dir, "demo.db", NULL);
  {
    g_autofree char *out = cli (NULL, NULL, "demo", "--orders", "6000", "--products", "700", "--seed", "11", NULL);
  }
  lengthen_names ();

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (int tr = 0; tr < 2; tr++)
      for (int years = 0; years < 2; years++)
        {
          Case *c = g_new0 (Case, 1);
          g_autofree char *path = g_strdup_printf ("/export-pdf/%s/%s/%s", kinds[k], tr ? "tr" : "en",
                                                   years ? "two-years" : "90-days");
          c->kind = kinds[k];
          c->turkish = tr;
          c->two_years = years;
          g_ptr_array_add (cases, c);
          g_test_add_data_func (path, c, test_report);
        }
  rc = g_test_run ();
  if (rc == 0)
    {
      g_autoptr(GFile) f = g_file_new_for_path (dir);
      g_autoptr(GFileEnumerator) e = g_file_enumerate_children (f, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
      GFileInfo *info;
      while (e != NULL && (info = g_file_enumerator_next_file (e, NULL, NULL)) != NULL)
        {
          g_autofree char *p = g_build_filename (dir, g_file_info_get_name (info), NULL);
          g_unlink (p);
          g_object_unref (info);
        }
      g_rmdir (dir);
    }
  else
    g_printerr ("# the PDFs and their layout logs are in %s\n", dir);
  return rc;
}
