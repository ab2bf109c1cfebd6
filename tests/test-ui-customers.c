/* test-ui-customers.c: the Customers page against the engine and SQL
 *
 * A demo store of two years ending on 2026-11-20 ("today" is the 21st):
 * the page's figures, its segment map, list (filtered by a cell of the
 * map, searched with Turkish folding), cohort heat map and a customer's
 * detail read back from the widgets and compared with the engine's report
 * and plain SQL on the same store; with the masking setting on, no
 * customer's name, e-mail or phone appears in any widget of the page or of
 * the detail window; a store without orders shows the empty state; the
 * Export dialog writes the RFM list and the cohort table; the list, for
 * every sort of the drop-down and of each column both ways, holds the
 * engine's customers in the order the test works out itself, read back
 * from its model and from the table's cells. Run in English and, as
 * ui-customers-tr, in Turkish.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "analytics/ciro-customers.h"
#include "core/ciro-customer.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "core/ciro-records.h"
#include "core/ciro-text.h"
#include "export/ciro-export.h"
#include "store/ciro-settings.h"
#include "store/ciro-store-sql.h"
#include "ui/ciro-context.h"
#include "ui/ciro-export-dialog.h"
#include "ui/pages/ciro-customers-page.h"
#include "ui/widgets/ciro-kpi-card.h"
#include "ui/widgets/ciro-vat-view.h"
#include "ciro-test-util.h"

static char *dir;

static void
count (GtkWidget *w, guint *n)
{
  (*n)++;
}

static gboolean
reached (gpointer data)
{
  guint **p = data;
  return *p[0] >= *p[1];
}

static void
wait_count (guint *n, guint want)
{
  guint *p[2] = { n, &want };
  g_assert_true (ciro_test_wait_until (reached, p, 180));
}

static void
collect (GtkWidget *w, GType type, GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
    g_ptr_array_add (out, w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect (c, type, out);
}

static GtkWidget *
find_by_name (GtkWidget *root, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_by_name (c, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GPtrArray *
all_of (GtkWidget *root, GType type)
{
  GPtrArray *out = g_ptr_array_new ();
  collect (root, type, out);
  return out;
}

/* Every text a widget tree shows: labels, rows' titles and subtitles. */
static GPtrArray *
texts_of (GtkWidget *root)
{
  GPtrArray *out = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = all_of (root, GTK_TYPE_LABEL);
  g_autoptr(GPtrArray) rows = all_of (root, ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < labels->len; i++)
    g_ptr_array_add (out, (gpointer) gtk_label_get_text (labels->pdata[i]));
  for (guint i = 0; i < rows->len; i++)
    {
      g_ptr_array_add (out, (gpointer) adw_preferences_row_get_title (rows->pdata[i]));
      if (adw_action_row_get_subtitle (rows->pdata[i]) != NULL)
        g_ptr_array_add (out, (gpointer) adw_action_row_get_subtitle (rows->pdata[i]));
    }
  if (GTK_IS_WINDOW (root) && gtk_window_get_title (GTK_WINDOW (root)) != NULL)
    g_ptr_array_add (out, (gpointer) gtk_window_get_title (GTK_WINDOW (root)));
  return out;
}

static gboolean
shows (GtkWidget *root, const char *text)
{
  g_autoptr(GPtrArray) t = texts_of (root);
  for (guint i = 0; i < t->len; i++)
    if (t->pdata[i] != NULL && strstr (t->pdata[i], text) != NULL)
      return TRUE;
  return FALSE;
}

static gint64
sql_int (CiroStore *store, const char *sql, gint64 a, CiroDay to)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int (stmt, 2, to);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static const CiroCustomer *
top_spender (const CiroCustomerReport *r)
{
  const CiroCustomer *top = NULL;
  for (guint i = 0; i < r->customers->len; i++)
    {
      const CiroCustomer *c = &g_array_index (r->customers, CiroCustomer, i);
      if (top == NULL || c->spend > top->spend)
        top = c;
    }
  return top;
}

/* No customer's name (of more than two letters), e-mail or phone in any
 * text of `root`; with `words_too`, no word of four letters or more of a
 * name either (a name's word that is also a city excepted). */
static void
assert_nothing_personal (GtkWidget *root, const CiroCustomerReport *r, gboolean words_too)
{
  g_autoptr(GPtrArray) t = texts_of (root);
  g_autoptr(GHashTable) cities = g_hash_table_new (g_str_hash, g_str_equal);
  guint checked = 0;

  /* a surname that is also a city ("Aydın") may show as the city */
  for (guint i = 0; i < r->customers->len; i++)
    if (g_array_index (r->customers, CiroCustomer, i).city != NULL)
      g_hash_table_add (cities, (gpointer) g_array_index (r->customers, CiroCustomer, i).city);

  for (guint i = 0; i < r->customers->len; i++)
    {
      const CiroCustomer *c = &g_array_index (r->customers, CiroCustomer, i);
      const char *personal[] = { c->name, c->email, c->phone };
      for (guint k = 0; k < G_N_ELEMENTS (personal); k++)
        {
          if (personal[k] == NULL || g_utf8_strlen (personal[k], -1) < 3)
            continue;
          checked++;
          for (guint j = 0; j < t->len; j++)
            if (t->pdata[j] != NULL && strstr (t->pdata[j], personal[k]) != NULL)
              g_error ("“%s” shows “%s” with masking on", (const char *) t->pdata[j], personal[k]);
        }
      /* each word of the name too (not in a detail: "Yeni Doğan Önlük Seti" is a product) */
      if (c->name != NULL && words_too)
        {
          g_auto(GStrv) words = g_strsplit (c->name, " ", -1);
          for (guint w = 0; words[w] != NULL; w++)
            if (g_utf8_strlen (words[w], -1) >= 4 && !g_hash_table_contains (cities, words[w]))
              for (guint j = 0; j < t->len; j++)
                if (t->pdata[j] != NULL && strstr (t->pdata[j], words[w]) != NULL)
                  g_error ("“%s” shows “%s” with masking on", (const char *) t->pdata[j], words[w]);
        }
    }
  g_assert_cmpuint (checked, >, 0);
  g_test_message ("%u texts checked against %u names, e-mails and phones", t->len, checked);
}

static void
test_page (void)
{
  g_autofree char *path = g_build_filename (dir, "customers.db", NULL);
  CiroDay end = ciro_day_from_ymd (2026, 11, 20), today = end + 1;
  g_autoptr(CiroStore) store = ciro_test_reference_store (path, 6000, 40, 5, end, 730);
  g_autoptr(CiroContext) context = ciro_context_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroCustomerReport) r = NULL;
  g_autoptr(GArray) cohorts = NULL;
  CiroReportFilter f = { today - 364, today, NULL };
  CiroNumberStyle style = ciro_number_style_from_locale ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = ciro_customers_page_new (context);
  CiroCustomersPage *cp = CIRO_CUSTOMERS_PAGE (page);
  guint loaded = 0, detail_loaded = 0;
  const CiroCustomer *top;

  r = ciro_report_customers (store, &f, CIRO_CUSTOMERS_MODEL | CIRO_CUSTOMERS_CONTACTS, &error);
  g_assert_no_error (error);
  {
    CiroReportFilter cf = { ciro_month_first_day (ciro_day_month (today) - 23), today, NULL };
    cohorts = ciro_report_cohorts (store, &cf, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (r->customers->len, >, 100);
  top = top_spender (r);

  g_signal_connect (page, "loaded", G_CALLBACK (count), &loaded);
  g_signal_connect (page, "detail-loaded", G_CALLBACK (count), &detail_loaded);
  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 900);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_count (&loaded, 1);
  g_assert_cmpstr (ciro_customers_page_get_state (cp), ==, "data");

  /* the figures: customers of the year, since the first order */
  {
    g_autoptr(GPtrArray) cards = all_of (page, CIRO_TYPE_KPI_CARD);
    g_autofree char *n = ciro_count_format (r->n_window, style);
    g_autofree char *all = ciro_count_format (r->customers->len, style);
    g_autofree char *anon = ciro_count_format (r->anonymous_orders, style);
    g_assert_cmpuint (cards->len, ==, 4);
    g_assert_cmpstr (ciro_kpi_card_get_value (cards->pdata[0]), ==, n);
    g_assert_true (shows (cards->pdata[0], all));
    g_assert_cmpstr (ciro_kpi_card_get_value (cards->pdata[2]), ==, anon);
  }

  /* the map: each cell says its segment, customers and revenue; an empty
   * cell is not coloured, the fullest one is filled */
  {
    const CiroHeatGrid *map = ciro_customers_page_get_map (cp);
    gint64 max_n = 0;
    for (guint R = 1; R <= 5; R++)
      for (guint F = 1; F <= 5; F++)
        max_n = MAX (max_n, r->grid[R - 1][F - 1].customers);
    for (guint R = 1; R <= 5; R++)
      for (guint F = 1; F <= 5; F++)
        {
          const CiroRfmCell *cell = &r->grid[R - 1][F - 1];
          const char *text = ciro_heat_grid_get_text (map, 5 - R, F - 1);
          g_autofree char *n = ciro_count_format (cell->customers, style);
          g_autofree char *rev = ciro_money_format_compact (cell->revenue, style);
          g_autofree char *want = g_strdup_printf ("%s\n%s · %s", ciro_segment_label (ciro_segment_for (R, F)), n, rev);
          g_assert_cmpstr (text, ==, want);
          g_assert_true (isnan (ciro_heat_grid_get_shade (map, 5 - R, F - 1)) == (cell->customers == 0));
          g_assert_cmpfloat_with_epsilon (ciro_heat_grid_get_size (map, 5 - R, F - 1),
                                          (double) cell->customers / (double) max_n, 1e-12);
        }
  }

  /* at this width every cell's text shows whole, and no legend is needed */
  {
    GtkWidget *area = find_by_name (page, "segment-map"), *legend = find_by_name (page, "segment-legend");
    CiroChartStyle cs;

    g_assert_nonnull (area);
    g_assert_nonnull (legend);
    for (guint i = 0; i < 2000 && gtk_widget_get_width (area) == 0; i++)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
    while (g_main_context_iteration (NULL, FALSE));
    g_assert_cmpint (gtk_widget_get_width (area), >, 300);
    ciro_chart_style_init (&cs);
    g_assert_true (ciro_heat_grid_texts_fit (ciro_customers_page_get_map (cp), gtk_widget_get_width (area),
                                             gtk_widget_get_height (area), &cs));
    g_assert_false (gtk_widget_get_visible (legend));
  }

  /* the list: everyone, the biggest spender first */
  g_assert_cmpuint (ciro_customers_page_get_n_listed (cp), ==, r->customers->len);
  {
    g_autofree char *spend = ciro_money_format (top->spend, style);
    g_assert_true (shows (page, top->name));
    g_assert_true (shows (page, spend));
  }
  /* a cell of the map filters it: the fullest cell */
  {
    guint best_r = 1, best_f = 1;
    for (guint R = 1; R <= 5; R++)
      for (guint F = 1; F <= 5; F++)
        if (r->grid[R - 1][F - 1].customers > r->grid[best_r - 1][best_f - 1].customers)
          {
            best_r = R;
            best_f = F;
          }
    ciro_customers_page_select_cell (cp, best_r, best_f);
    g_assert_cmpuint (ciro_customers_page_get_n_listed (cp), ==, r->grid[best_r - 1][best_f - 1].customers);
    ciro_customers_page_select_cell (cp, 0, 0);
    g_assert_cmpuint (ciro_customers_page_get_n_listed (cp), ==, r->customers->len);
  }
  /* the search folds Turkish letters: "ISTANBUL" finds İstanbul's customers */
  {
    GtkWidget *entry;
    g_autoptr(GPtrArray) entries = all_of (page, GTK_TYPE_SEARCH_ENTRY);
    guint want = 0;
    for (guint i = 0; i < r->customers->len; i++)
      want += g_strcmp0 (g_array_index (r->customers, CiroCustomer, i).city, "İstanbul") == 0;
    g_assert_cmpuint (want, >, 0);
    entry = NULL;
    for (guint i = 0; i < entries->len; i++)
      if (g_strcmp0 (gtk_widget_get_name (entries->pdata[i]), "customer-search") == 0)
        entry = entries->pdata[i];
    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "ISTANBUL");
    g_signal_emit_by_name (entry, "search-changed");
    g_assert_cmpuint (ciro_customers_page_get_n_listed (cp), ==, want);
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
    g_signal_emit_by_name (entry, "search-changed");
    g_assert_cmpuint (ciro_customers_page_get_n_listed (cp), ==, r->customers->len);
  }

  /* VIPs and churn risk: their numbers in the titles */
  {
    g_autofree char *vip = ciro_count_format (r->n_vip, style);
    g_autofree char *vip_rev = ciro_money_format (r->vip_revenue, style);
    g_autofree char *churn = ciro_count_format (r->n_churn, style);
    g_autofree char *churn_spend = ciro_money_format (r->churn_spend, style);
    g_assert_true (shows (page, vip_rev));
    g_assert_true (shows (page, churn_spend));
    (void) vip;
    (void) churn;
  }

  /* the cohort heat map: one row a cohort with customers, month 1's share */
  {
    const CiroHeatGrid *grid = ciro_customers_page_get_cohorts (cp);
    guint row = 0;
    for (guint i = 0; i < cohorts->len; i++)
      {
        const CiroCohort *h = &g_array_index (cohorts, CiroCohort, i);
        if (h->customers == 0)
          continue;
        if (h->n_months > 1)
          {
            g_autofree char *pct = ciro_percent_format (h->active_pct[1], 0, style);
            g_assert_cmpstr (ciro_heat_grid_get_text (grid, row, 1), ==, pct);
          }
        row++;
      }
    g_assert_cmpuint (ciro_heat_grid_get_n_rows (grid), ==, row);
    g_assert_cmpuint (row, >=, 20);
  }

  /* the first customer's detail: their net orders, counted in SQL */
  {
    GtkWidget *detail = ciro_customers_page_open_detail (cp, 0);
    gint64 id = g_ascii_strtoll (top->key + 3, NULL, 10);
    gint64 n_orders = sql_int (store, "SELECT count(*) FROM orders WHERE customer_id = ?1 AND day <= ?2 AND status <> "
                                      CIRO_ORDER_STATUS_CANCELLED_SQL, id, today);
    gint64 n_products = sql_int (store, "SELECT count (DISTINCT l.product_key) FROM order_lines l JOIN orders o"
                                        " ON o.id = l.order_id WHERE o.customer_id = ?1 AND o.day <= ?2 AND o.status <> "
                                        CIRO_ORDER_STATUS_CANCELLED_SQL, id, today);
    g_autoptr(GPtrArray) groups = NULL;

    g_assert_true (g_str_has_prefix (top->key, "id:"));
    wait_count (&detail_loaded, 1);
    groups = all_of (detail, ADW_TYPE_PREFERENCES_GROUP);
    /* the customer, the gaps, the orders, the products */
    g_assert_cmpuint (groups->len, ==, 4);
    {
      g_autoptr(GPtrArray) order_rows = all_of (groups->pdata[2], ADW_TYPE_ACTION_ROW);
      g_autoptr(GPtrArray) product_rows = all_of (groups->pdata[3], ADW_TYPE_ACTION_ROW);
      g_assert_cmpint (order_rows->len, ==, n_orders);
      g_assert_cmpint (product_rows->len, ==, n_products);
    }
    g_assert_true (shows (detail, top->name));
    /* the contact, read with the orders (the list keeps no e-mail or phone) */
    g_assert_nonnull (top->email);
    g_assert_true (shows (detail, top->email));
    if (top->phone != NULL)
      g_assert_true (shows (detail, top->phone));
    gtk_window_destroy (GTK_WINDOW (detail));
  }

  /* masking on: the setting in the store, the page reloads */
  g_assert_true (ciro_store_set_setting (store, CIRO_SETTING_MASK_PERSONAL_DATA, "1", &error));
  g_assert_no_error (error);
  ciro_context_store_changed (context);
  wait_count (&loaded, 2);
  g_assert_cmpstr (ciro_customers_page_get_state (cp), ==, "data");
  {
    g_autofree char *masked = ciro_mask_name (top->name);
    g_autoptr(GPtrArray) switches = all_of (page, GTK_TYPE_SWITCH);
    g_assert_true (shows (page, masked));
    g_assert_cmpuint (switches->len, ==, 1);
    g_assert_true (gtk_switch_get_active (switches->pdata[0]));
  }
  assert_nothing_personal (page, r, TRUE);
  {
    GtkWidget *detail = ciro_customers_page_open_detail (cp, 0);
    wait_count (&detail_loaded, 2);
    assert_nothing_personal (detail, r, FALSE);
    gtk_window_destroy (GTK_WINDOW (detail));
  }
  /* the narrow list shows the same masked names */
  ciro_customers_page_set_narrow (cp, TRUE);
  {
    g_autofree char *masked = ciro_mask_name (top->name);
    int i = 0;
    while (i++ < 20)
      g_main_context_iteration (NULL, FALSE);
    g_assert_true (shows (page, masked));
    assert_nothing_personal (page, r, TRUE);
  }

  g_signal_handlers_disconnect_by_data (page, &loaded);
  g_signal_handlers_disconnect_by_data (page, &detail_loaded);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&context);
  g_clear_object (&store);
  ciro_test_remove_store (path);
}

static void
test_empty (void)
{
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (path, &error);
  g_autoptr(CiroContext) context = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;
  guint loaded = 0;

  g_assert_no_error (error);
  context = ciro_context_new (path);
  page = ciro_customers_page_new (context);
  g_signal_connect (page, "loaded", G_CALLBACK (count), &loaded);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_count (&loaded, 1);
  g_assert_cmpstr (ciro_customers_page_get_state (CIRO_CUSTOMERS_PAGE (page)), ==, "empty");
  g_signal_handlers_disconnect_by_data (page, &loaded);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&context);
  g_clear_object (&store);
  ciro_test_remove_store (path);
}

static void
export_done (CiroExportDialog *dialog, GError *error, const char *path, gboolean *done)
{
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
any_export_dialog (void)
{
  GListModel *tops = gtk_window_get_toplevels ();   /* owned by GTK */
  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (tops, i);
      if (CIRO_IS_EXPORT_DIALOG (w))
        return TRUE;
    }
  return FALSE;
}

/* Picks the report and format in a new Export dialog on [from, to] and
 * exports to `out`: the dialog is still responsive while a worker writes
 * the file, and closes once it is written. Returns the file's text. */
static char *
dialog_export (CiroContext *context, CiroExportKind kind, CiroExportFormat format, CiroDay from, CiroDay to,
               const char *out)
{
  CiroExportDialog *dialog = ciro_export_dialog_new (NULL, context, CIRO_EXPORT_SALES, from, to, NULL);
  gboolean done = FALSE;
  char *text = NULL;
  gsize len = 0;

  g_signal_connect (dialog, "done", G_CALLBACK (export_done), &done);
  gtk_window_present (GTK_WINDOW (dialog));
  ciro_export_dialog_choose (dialog, kind, format);
  g_assert_cmpint (ciro_export_dialog_get_kind (dialog), ==, kind);
  ciro_export_dialog_export_to (dialog, out);
  g_assert_true (ciro_export_dialog_is_running (dialog));
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_false (any_export_dialog ());
  g_assert_true (g_file_get_contents (out, &text, &len, NULL));
  g_assert_cmpuint (len, >, 0);
  return text;
}

/* A CSV's lines without the BOM and the last, empty one. */
static GStrv
csv_lines (const char *text)
{
  GStrv lines = g_strsplit (g_str_has_prefix (text, "\xef\xbb\xbf") ? text + 3 : text, "\r\n", -1);
  guint n = g_strv_length (lines);
  if (n > 0 && *lines[n - 1] == '\0')
    {
      g_free (lines[n - 1]);
      lines[n - 1] = NULL;
    }
  return lines;
}

/* The Export dialog offers the RFM list and the cohort table (translated):
 * each picked, written off the main thread and read back — the bytes the
 * exporter writes for the days, a row a customer of the year (the largest
 * monetary value first) or a cohort and month; with masking on, no
 * customer's name, e-mail or phone in the RFM or customer list, and their
 * headers say the names are masked. */
static void
test_export_dialog (void)
{
  g_autofree char *path = g_build_filename (dir, "export.db", NULL);
  g_autofree char *out = g_build_filename (dir, "dialog.csv", NULL);
  g_autofree char *ref = g_build_filename (dir, "ref.csv", NULL);
  CiroDay end = ciro_day_from_ymd (2026, 11, 20), today = end + 1;
  g_autoptr(CiroStore) store = ciro_test_reference_store (path, 3000, 40, 7, end, 730);
  g_autoptr(CiroContext) context = ciro_context_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroCustomerReport) r = NULL;
  g_autoptr(GArray) cohorts = NULL;
  CiroReportFilter f = { today - 364, today, NULL };
  CiroNumberStyle style = ciro_number_style_from_locale ();
  const CiroCustomer *top = NULL;
  guint n_window = 0, n_cohort_rows = 0;

  r = ciro_report_customers (store, &f, CIRO_CUSTOMERS_VALUE | CIRO_CUSTOMERS_CONTACTS, &error);
  g_assert_no_error (error);
  cohorts = ciro_report_cohorts (store, &f, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < r->customers->len; i++)
    {
      const CiroCustomer *c = &g_array_index (r->customers, CiroCustomer, i);
      if (!c->in_window)
        continue;
      n_window++;
      if (top == NULL || c->monetary > top->monetary)
        top = c;
    }
  for (guint i = 0; i < cohorts->len; i++)
    if (g_array_index (cohorts, CiroCohort, i).customers > 0)
      n_cohort_rows += g_array_index (cohorts, CiroCohort, i).n_months;
  g_assert_cmpuint (n_window, >, 100);
  g_assert_cmpuint (n_cohort_rows, >, 12);
  g_assert_nonnull (top->name);

  /* the report row lists them, in the order of the kinds */
  {
    CiroExportDialog *d = ciro_export_dialog_new (NULL, context, CIRO_EXPORT_RFM, f.from, f.to, NULL);
    g_autoptr(GPtrArray) rows = all_of (GTK_WIDGET (d), ADW_TYPE_COMBO_ROW);
    GListModel *kinds = adw_combo_row_get_model (rows->pdata[0]);
    g_autofree char *name = ciro_export_dialog_get_file_name (d);

    g_assert_cmpuint (g_list_model_get_n_items (kinds), ==, CIRO_EXPORT_CARRIERS + 1);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (kinds), CIRO_EXPORT_RFM), ==, _("RFM segments"));
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (kinds), CIRO_EXPORT_COHORTS), ==,
                     _("Customer cohorts"));
    g_assert_cmpuint (adw_combo_row_get_selected (rows->pdata[0]), ==, CIRO_EXPORT_RFM);
    g_assert_nonnull (strstr (name, C_("file name", "RFM")));
    gtk_window_destroy (GTK_WINDOW (d));
  }

  /* the RFM list */
  {
    g_autofree char *text = dialog_export (context, CIRO_EXPORT_RFM, CIRO_EXPORT_FORMAT_CSV, f.from, f.to, out);
    g_autofree char *want = NULL;
    g_auto(GStrv) lines = csv_lines (text);

    g_assert_true (ciro_export_csv (store, CIRO_EXPORT_RFM, &f, style, ref, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (ref, &want, NULL, NULL));
    g_assert_cmpstr (text, ==, want);
    g_assert_cmpuint (g_strv_length (lines), ==, n_window + 1);
    g_assert_true (g_str_has_prefix (lines[0], _("Customer")));
    g_assert_true (g_str_has_prefix (lines[1], top->name));
  }
  /* the cohort table */
  {
    g_autofree char *text = dialog_export (context, CIRO_EXPORT_COHORTS, CIRO_EXPORT_FORMAT_CSV, f.from, f.to, out);
    g_autofree char *want = NULL;
    g_auto(GStrv) lines = csv_lines (text);

    g_assert_true (ciro_export_csv (store, CIRO_EXPORT_COHORTS, &f, style, ref, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (ref, &want, NULL, NULL));
    g_assert_cmpstr (text, ==, want);
    g_assert_cmpuint (g_strv_length (lines), ==, n_cohort_rows + 1);
    g_assert_true (g_str_has_prefix (lines[0], _("Cohort")));
  }
  /* the other formats are written too */
  {
    g_autofree char *xlsx = g_build_filename (dir, "dialog.xlsx", NULL);
    g_autofree char *pdf = g_build_filename (dir, "dialog.pdf", NULL);
    g_autofree char *a = dialog_export (context, CIRO_EXPORT_COHORTS, CIRO_EXPORT_FORMAT_XLSX, f.from, f.to, xlsx);
    g_autofree char *b = dialog_export (context, CIRO_EXPORT_RFM, CIRO_EXPORT_FORMAT_PDF, f.from, f.to, pdf);
    g_assert_true (g_str_has_prefix (a, "PK\x03\x04"));
    g_assert_true (g_str_has_prefix (b, "%PDF-"));
    g_unlink (xlsx);
    g_unlink (pdf);
  }

  /* masking on: the RFM list and the customer list */
  g_assert_true (ciro_store_set_setting (store, CIRO_SETTING_MASK_PERSONAL_DATA, "1", &error));
  g_assert_no_error (error);
  for (guint k = 0; k < 2; k++)
    {
      CiroExportKind kind = k == 0 ? CIRO_EXPORT_RFM : CIRO_EXPORT_CUSTOMERS;
      g_autofree char *text = dialog_export (context, kind, CIRO_EXPORT_FORMAT_CSV, f.from, f.to, out);
      g_auto(GStrv) lines = csv_lines (text);
      guint checked = 0;

      g_assert_true (g_str_has_prefix (lines[0], _("Customer (masked)")));
      g_assert_cmpuint (g_strv_length (lines), >, 100);
      for (guint i = 0; i < r->customers->len; i++)
        {
          const CiroCustomer *c = &g_array_index (r->customers, CiroCustomer, i);
          const char *personal[] = { c->name, c->email, c->phone };
          for (guint j = 0; j < G_N_ELEMENTS (personal); j++)
            if (personal[j] != NULL && strlen (personal[j]) >= 5)
              {
                checked++;
                if (strstr (text, personal[j]) != NULL)
                  g_error ("%s with masking on holds “%s”", out, personal[j]);
              }
        }
      g_assert_cmpuint (checked, >, 300);
    }

  g_unlink (out);
  g_unlink (ref);
  g_clear_object (&context);
  g_clear_object (&store);
  ciro_test_remove_store (path);
}

/* ---- the list's orders against the engine's full list ---- */

typedef enum { K_SPEND, K_ORDERS, K_LAST, K_LOYALTY, K_CLV, K_NAME, K_CITY, K_SEGMENT } Key;

typedef struct {
  const CiroCustomerReport *r;
  char    **folded;     /* per customer: the shown name, Turkish-folded */
  gboolean  after_vat;
  Key       column;     /* the column sorted, or -1 */
  gboolean  descending; /* the column's second click */
  Key       drop;       /* the drop-down's sort */
} Order;

#define CMPV(a, b) ((a) < (b) ? -1 : (a) > (b) ? 1 : 0)

/* The name as the list shows it with masking off. */
static const char *
shown_of (const CiroCustomer *c)
{
  if (c->name != NULL && *c->name != '\0')
    return c->name;
  if (c->email != NULL && *c->email != '\0')
    return c->email;
  if (c->phone != NULL && *c->phone != '\0')
    return c->phone;
  return c->key;
}

/* Big values first for figures; names and cities A to Z (no city last);
 * segments in the grid's order (none last). */
static int
by_key (const Order *o, guint i, guint j, Key k)
{
  const CiroCustomer *x = &g_array_index (o->r->customers, CiroCustomer, i);
  const CiroCustomer *y = &g_array_index (o->r->customers, CiroCustomer, j);

  switch (k)
    {
    case K_ORDERS:
      return CMPV (y->orders, x->orders);
    case K_LAST:
      return CMPV (y->last_day, x->last_day);
    case K_LOYALTY:
      return CMPV (y->loyalty, x->loyalty);
    case K_CLV:
      return o->after_vat ? CMPV (y->clv_12m_ex_vat, x->clv_12m_ex_vat) : CMPV (y->clv_12m, x->clv_12m);
    case K_NAME:
      return strcmp (o->folded[i], o->folded[j]);
    case K_CITY:
      if ((x->city == NULL) != (y->city == NULL))
        return x->city == NULL ? 1 : -1;
      return x->city == NULL ? 0 : strcmp (x->city, y->city);
    case K_SEGMENT:
      return CMPV (x->segment == CIRO_SEGMENT_NONE ? 99 : (int) x->segment,
                   y->segment == CIRO_SEGMENT_NONE ? 99 : (int) y->segment);
    case K_SPEND:
    default:
      return CMPV (y->spend, x->spend);
    }
}

/* The column (either way), then the drop-down's sort, then spend, then
 * the engine's own order. */
static int
by_order (gconstpointer a, gconstpointer b, gpointer data)
{
  const Order *o = data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  int c = 0;

  if ((int) o->column >= 0)
    c = o->descending ? -by_key (o, i, j, o->column) : by_key (o, i, j, o->column);
  if (c == 0)
    c = by_key (o, i, j, o->drop);
  if (c == 0)
    c = by_key (o, i, j, K_SPEND);
  return c != 0 ? c : CMPV (i, j);
}

static gboolean
in_title (GtkWidget *w, GtkWidget *table)
{
  for (; w != NULL && w != table; w = gtk_widget_get_parent (w))
    if (g_str_equal (G_OBJECT_TYPE_NAME (w), "GtkColumnViewTitle"))
      return TRUE;
  return FALSE;
}

/* The list holds every customer in `o`'s order: each position's key read
 * from the page's model; and the first rows of the table, cell by cell,
 * show those customers' names and net spend. */
static void
assert_order (CiroCustomersPage *cp, GtkColumnView *table, Order *o, const char *what)
{
  const CiroCustomerReport *r = o->r;
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autofree guint *want = g_new (guint, r->customers->len);
  guint n_cols = g_list_model_get_n_items (gtk_column_view_get_columns (table));
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  guint checked = 0;

  for (guint i = 0; i < r->customers->len; i++)
    want[i] = i;
  g_qsort_with_data (want, (gint) r->customers->len, sizeof (guint), by_order, o);
  g_assert_cmpuint (ciro_customers_page_get_n_listed (cp), ==, r->customers->len);
  for (guint p = 0; p < r->customers->len; p++)
    {
      const char *key = ciro_customers_page_get_customer_key (cp, p);
      const char *expected = g_array_index (r->customers, CiroCustomer, want[p]).key;
      if (g_strcmp0 (key, expected) != 0)
        g_error ("%s: row %u is %s, the engine's order says %s", what, p, key, expected);
    }
  /* the table's rows as drawn, once the list has been laid out again */
  {
    gint64 until = g_get_monotonic_time () + 150 * 1000;
    gtk_widget_queue_resize (GTK_WIDGET (table));
    while (g_get_monotonic_time () < until)
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
  }
  {
    g_autoptr(GPtrArray) labels = all_of (GTK_WIDGET (table), GTK_TYPE_LABEL);
    for (guint i = 0; i < labels->len; i++)
      if (!in_title (labels->pdata[i], GTK_WIDGET (table)))
        g_ptr_array_add (cells, labels->pdata[i]);
  }
  g_assert_cmpuint (cells->len, >=, 5 * n_cols);
  for (guint row = 0; row < 5; row++)
    {
      const CiroCustomer *c = &g_array_index (r->customers, CiroCustomer, want[row]);
      g_autofree char *spend = ciro_money_format (c->spend, style);
      const char *name_cell = gtk_label_get_text (cells->pdata[row * n_cols]);
      const char *spend_cell = gtk_label_get_text (cells->pdata[row * n_cols + 3]);

      if (g_strcmp0 (name_cell, shown_of (c)) != 0 || g_strcmp0 (spend_cell, spend) != 0)
        g_error ("%s: the table's row %u shows %s, %s; the engine's order says %s, %s", what, row, name_cell,
                 spend_cell, shown_of (c), spend);
      checked++;
    }
  g_test_message ("%s: %u customers in order, %u rows of the table read", what, r->customers->len, checked);
}

static void
test_orders (void)
{
  g_autofree char *path = g_build_filename (dir, "orders.db", NULL);
  CiroDay end = ciro_day_from_ymd (2026, 11, 20), today = end + 1;
  g_autoptr(CiroStore) store = ciro_test_reference_store (path, 3000, 40, 5, end, 730);
  g_autoptr(CiroContext) context = ciro_context_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroCustomerReport) r = NULL;
  CiroReportFilter f = { today - 364, today, NULL };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = ciro_customers_page_new (context);
  CiroCustomersPage *cp = CIRO_CUSTOMERS_PAGE (page);
  GSettings *settings = ciro_context_get_settings (context);
  gboolean after_vat = ciro_vat_view_get (settings);
  g_autoptr(GPtrArray) drops = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  GtkDropDown *drop = NULL;
  GtkColumnView *table;
  GListModel *columns;
  static const Key drop_keys[] = { K_SPEND, K_ORDERS, K_LAST, K_LOYALTY, K_CLV, K_NAME };
  static const Key column_keys[] = { K_NAME, K_CITY, K_ORDERS, K_SPEND, K_LAST, K_SEGMENT, K_LOYALTY, K_CLV };
  Order o = { 0 };
  guint loaded = 0, sorts = 0;

  r = ciro_report_customers (store, &f, CIRO_CUSTOMERS_MODEL | CIRO_CUSTOMERS_CONTACTS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->customers->len, >, 100);
  g_assert_true (r->model_fitted);
  o.r = r;
  o.folded = g_new0 (char *, r->customers->len + 1);
  for (guint i = 0; i < r->customers->len; i++)
    o.folded[i] = ciro_search_key (shown_of (&g_array_index (r->customers, CiroCustomer, i)));

  g_signal_connect (page, "loaded", G_CALLBACK (count), &loaded);
  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 900);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_count (&loaded, 1);
  g_assert_cmpstr (ciro_customers_page_get_state (cp), ==, "data");
  drops = all_of (page, GTK_TYPE_DROP_DOWN);
  for (guint i = 0; i < drops->len; i++)
    if (g_list_model_get_n_items (gtk_drop_down_get_model (drops->pdata[i])) == G_N_ELEMENTS (drop_keys))
      drop = drops->pdata[i];
  g_assert_nonnull (drop);
  tables = all_of (page, GTK_TYPE_COLUMN_VIEW);
  g_assert_cmpuint (tables->len, ==, 1);
  table = tables->pdata[0];
  columns = gtk_column_view_get_columns (table);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, G_N_ELEMENTS (column_keys));

  for (guint v = 0; v < 2; v++)
    {
      /* the VAT view both ways: the CLV sort follows it */
      o.after_vat = v == 0 ? after_vat : !after_vat;
      if (v == 1)
        g_settings_set_boolean (settings, CIRO_VAT_VIEW_KEY, o.after_vat);
      /* the drop-down's sorts, no column sorted; the other view changes
       * only what CLV sorts by, so it checks only those */
      o.column = (Key) -1;
      gtk_column_view_sort_by_column (table, NULL, GTK_SORT_ASCENDING);
      for (guint d = 0; d < G_N_ELEMENTS (drop_keys); d++)
        {
          g_autofree char *what = g_strdup_printf ("drop-down %u, after VAT %d", d, o.after_vat);
          if (v == 1 && drop_keys[d] != K_CLV)
            continue;
          gtk_drop_down_set_selected (drop, d);
          o.drop = drop_keys[d];
          assert_order (cp, table, &o, what);
          sorts++;
        }
      /* each column both ways, over the drop-down's orders and loyalty */
      for (guint d = 0; d < G_N_ELEMENTS (drop_keys); d += 3)
        {
          gtk_drop_down_set_selected (drop, d);
          o.drop = drop_keys[d];
          for (guint c = 0; c < G_N_ELEMENTS (column_keys); c++)
            for (guint dir = 0; dir < 2; dir++)
              {
                if (v == 1 && (column_keys[c] != K_CLV || d != 0))
                  continue;
                g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c);
                g_autofree char *what = g_strdup_printf ("column %u %s, drop-down %u, after VAT %d", c,
                                                         dir ? "descending" : "ascending", d, o.after_vat);
                gtk_column_view_sort_by_column (table, column, dir ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
                o.column = column_keys[c];
                o.descending = dir == 1;
                assert_order (cp, table, &o, what);
                sorts++;
              }
        }
    }
  g_settings_set_boolean (settings, CIRO_VAT_VIEW_KEY, after_vat);
  g_test_message ("%u sorts checked", sorts);
  g_strfreev (o.folded);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&context);
  g_clear_object (&store);
  ciro_test_remove_store (path);
}

int
main (int argc, char *argv[])
{
  int rc;

  g_setenv ("CIRO_NOW", "2026-11-21 12:00:00", TRUE);
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
  dir = ciro_test_tmpdir ("ui-customers");
  g_test_add_func ("/ui-customers/page", test_page);
  g_test_add_func ("/ui-customers/empty", test_empty);
  g_test_add_func ("/ui-customers/export-dialog", test_export_dialog);
  g_test_add_func ("/ui-customers/orders", test_orders);
  rc = g_test_run ();
  g_rmdir (dir);
  return rc;
}
