/* test-ask.c: Ask Ciro understands the corpus of phrasings, refuses what is
 * not about the store, and answers with the engine's own figures, in
 * English and in Turkish.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "analytics/ciro-ask.h"
#include "analytics/ciro-categories.h"
#include "analytics/ciro-forecast.h"
#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "ciro-test-util.h"

static char *dir;

static const char *
intent_id (CiroAskIntent intent)
{
  static const char *ids[] = { "metric", "compare", "ranking", "stock", "forecast", "unknown" };
  return ids[intent];
}

static char *
day_or_dash (CiroDay day)
{
  return day == CIRO_DAY_INVALID ? g_strdup ("-") : ciro_day_to_string (day);
}

/* The fields of a parse as the corpus writes them. */
static char *
fields_of (const CiroAskQuery *q)
{
  gboolean known = q->intent != CIRO_ASK_UNKNOWN;
  g_autofree char *from = day_or_dash (known ? q->from : CIRO_DAY_INVALID);
  g_autofree char *to = day_or_dash (known ? q->to : CIRO_DAY_INVALID);
  g_autofree char *cf = day_or_dash (q->compare_from);
  g_autofree char *ct = day_or_dash (q->compare_to);
  g_autofree char *limit = q->limit > 0 ? g_strdup_printf ("%u", q->limit) : g_strdup ("-");

  return g_strjoin ("\t", intent_id (q->intent), known && q->metric ? q->metric : "-", from, to,
                    q->marketplace ? q->marketplace : "-", cf, ct, q->sort ? q->sort : "-", limit, NULL);
}

static void
test_corpus (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "ask-corpus.tsv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  CiroDay today = ciro_day_from_ymd (2026, 12, 5);
  guint total = 0, exact = 0, turkish = 0, unknowns = 0, unknown_right = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *tab;
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;
      g_autofree char *question = NULL;
      g_autoptr(CiroAskQuery) q = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      tab = strchr (lines[i], '\t');
      g_assert_nonnull (tab);
      question = g_strndup (lines[i], (gsize) (tab - lines[i]));
      expected = g_strdup (tab + 1);
      q = ciro_ask_parse (question, today);
      got = fields_of (q);
      total++;
      /* Turkish letters, or a Turkish word among the common ones */
      if (strpbrk (question, "\xc3\xc4\xc5") != NULL)
        turkish++;
      if (g_str_has_prefix (expected, "unknown\t"))
        {
          unknowns++;
          if (q->intent == CIRO_ASK_UNKNOWN)
            unknown_right++;
          else
            g_test_message ("not refused: “%s” → %s", question, got);
          continue;
        }
      if (g_str_equal (expected, got))
        exact++;
      else
        g_test_message ("“%s”\n   expected %s\n   got      %s", question, expected, got);
    }
  g_print ("# ask corpus: %u of %u questions understood exactly (%.1f %%); %u of %u unknowns refused;"
           " %u questions with Turkish letters\n",
           exact, total - unknowns, 100.0 * exact / (total - unknowns), unknown_right, unknowns, turkish);
  g_assert_cmpuint (total - unknowns, >=, 300);
  g_assert_cmpuint (unknowns, >=, 50);
  /* every question that is not about the store is refused */
  g_assert_cmpuint (unknown_right, ==, unknowns);
  /* and the store's questions: at least 95 % exactly */
  g_assert_cmpfloat ((double) exact / (total - unknowns), >=, 0.95);
}

/* Not understood: suggestions, never a figure. */
static void
test_unknown_suggests (void)
{
  g_autoptr(CiroAskQuery) q = ciro_ask_parse ("tell me a joke about cats", ciro_day_from_ymd (2026, 12, 5));
  g_autoptr(CiroAskQuery) e = ciro_ask_parse ("", ciro_day_from_ymd (2026, 12, 5));

  g_assert_cmpint (q->intent, ==, CIRO_ASK_UNKNOWN);
  g_assert_nonnull (q->suggestions);
  g_assert_cmpuint (q->suggestions->len, ==, 3);
  g_assert_cmpint (e->intent, ==, CIRO_ASK_UNKNOWN);
}

/* Suggestions as one types: recent questions first, Turkish letters not needed. */
static void
test_complete (void)
{
  const char *recent[] = { "Trendyol'da bu hafta ciro", "kargo gideri geçen ay", NULL };
  g_autoptr(GPtrArray) a = ciro_ask_complete ("trendyol", recent, 5);
  g_autoptr(GPtrArray) b = ciro_ask_complete ("gideri gecen", recent, 5);
  g_autoptr(GPtrArray) c = ciro_ask_complete ("stock", NULL, 5);
  g_autoptr(GPtrArray) all = ciro_ask_complete ("", NULL, 4);

  g_assert_cmpuint (a->len, >=, 2);
  g_assert_cmpstr (a->pdata[0], ==, "Trendyol'da bu hafta ciro");
  g_assert_cmpuint (b->len, ==, 1);
  g_assert_cmpstr (b->pdata[0], ==, "kargo gideri geçen ay");
  g_assert_cmpuint (c->len, >=, 2);
  for (guint i = 0; i < c->len; i++)
    {
      g_autofree char *lower = g_ascii_strdown (c->pdata[i], -1);
      g_assert_nonnull (strstr (lower, "stock"));
    }
  g_assert_cmpuint (all->len, ==, 4);
}

static double
summary_value (CiroStore *s, CiroDay from, CiroDay to, const char *mp, const char *key)
{
  CiroReportFilter f = { from, to, (char *) mp };
  CiroSummary sum;
  g_autoptr(GError) error = NULL;
  double v = NAN;
  CiroValueKind kind;

  g_assert_true (ciro_report_summary (s, &f, &sum, &error));
  g_assert_no_error (error);
  g_assert_true (ciro_ask_metric_value (&sum, key, &v, &kind, NULL));
  return v;
}

/* The answer's figures are the engine's for the days it says it read. */
static void
test_answers_equal_engine (void)
{
  g_autofree char *path = g_build_filename (dir, "ask.db", NULL);
  CiroDay today = ciro_day_from_ymd (2026, 11, 20);
  g_autoptr(CiroStore) s = ciro_test_reference_store (path, 6000, 80, 5, today, 400);
  g_autoptr(GError) error = NULL;

  {
    /* one figure, one marketplace, a month by name */
    g_autoptr(CiroAskAnswer) a = ciro_ask (s, "Trendyol'da ekimde kaç sipariş aldım", today, &error);
    g_assert_no_error (error);
    g_assert_cmpint (a->query->intent, ==, CIRO_ASK_METRIC);
    g_assert_cmpint (a->query->from, ==, ciro_day_from_ymd (2026, 10, 1));
    g_assert_cmpint (a->query->to, ==, ciro_day_from_ymd (2026, 10, 31));
    g_assert_true (a->has_value);
    g_assert_cmpfloat (a->value, ==, summary_value (s, a->query->from, a->query->to, "Trendyol", "gross_orders"));
    g_assert_cmpfloat (a->value, >, 0);
    g_assert_nonnull (a->daily);
    g_assert_cmpuint (a->daily->len, ==, 31);
  }
  {
    /* money in lira, to the kuruş */
    g_autoptr(CiroAskAnswer) a = ciro_ask (s, "net revenue last month", today, &error);
    CiroReportFilter f = { ciro_day_from_ymd (2026, 10, 1), ciro_day_from_ymd (2026, 10, 31), NULL };
    CiroSummary sum;
    g_assert_no_error (error);
    g_assert_true (ciro_report_summary (s, &f, &sum, &error));
    g_assert_cmpint ((gint64) llround (a->value * 100), ==, sum.net_revenue);
  }
  {
    /* a comparison: both periods and the change */
    g_autoptr(CiroAskAnswer) a = ciro_ask (s, "bu ay geçen aya göre kâr", today, &error);
    double cur, prev;
    g_assert_no_error (error);
    g_assert_cmpint (a->query->intent, ==, CIRO_ASK_COMPARE);
    cur = summary_value (s, ciro_day_from_ymd (2026, 11, 1), today, NULL, "profit_ex_vat");
    prev = summary_value (s, ciro_day_from_ymd (2026, 10, 1), ciro_day_from_ymd (2026, 10, 20), NULL, "profit_ex_vat");
    g_assert_cmpfloat (a->value, ==, cur);
    g_assert_cmpfloat (a->compare_value, ==, prev);
    g_assert_cmpfloat_with_epsilon (a->change_pct, (cur - prev) / fabs (prev) * 100.0, 1e-9);
  }
  {
    /* a ranking: the Products page's best list, in its order */
    g_autoptr(CiroAskAnswer) a = ciro_ask (s, "top 5 products by revenue this year", today, &error);
    CiroReportFilter f = { ciro_day_from_ymd (2026, 1, 1), today, NULL };
    g_autoptr(GArray) ranking = ciro_report_products (s, &f, CIRO_SORT_REVENUE, FALSE, &error);
    g_autoptr(GArray) best = ciro_report_products_best (ranking, 5);
    g_assert_no_error (error);
    g_assert_cmpint (a->query->intent, ==, CIRO_ASK_RANKING);
    g_assert_cmpuint (a->rows->len, ==, 5);
    for (guint i = 0; i < 5; i++)
      {
        const CiroProductRow *p = &g_array_index (best, CiroProductRow, i);
        const CiroAskRow *r = &g_array_index (a->rows, CiroAskRow, i);
        g_assert_cmpstr (r->key, ==, p->sku);
        g_assert_cmpint ((gint64) llround (r->value * 100), ==, p->revenue);
        if (i > 0)
          g_assert_cmpfloat (r->value, <=, g_array_index (a->rows, CiroAskRow, i - 1).value);
      }
  }
  {
    /* marketplaces by orders: every marketplace, most first */
    g_autoptr(CiroAskAnswer) a = ciro_ask (s, "hangi pazaryerinde geçen ay en çok sipariş var", today, &error);
    CiroReportFilter f = { ciro_day_from_ymd (2026, 10, 1), ciro_day_from_ymd (2026, 10, 31), NULL };
    g_autoptr(GArray) mps = ciro_report_marketplaces (s, &f, &error);
    g_assert_no_error (error);
    g_assert_cmpint (a->query->rank_of, ==, CIRO_ASK_RANK_MARKETPLACES);
    g_assert_cmpuint (a->rows->len, ==, mps->len);
    for (guint i = 0; i < a->rows->len; i++)
      {
        const CiroAskRow *r = &g_array_index (a->rows, CiroAskRow, i);
        g_assert_cmpfloat (r->value, ==, summary_value (s, f.from, f.to, r->key, "gross_orders"));
        if (i > 0)
          g_assert_cmpfloat (r->value, <=, g_array_index (a->rows, CiroAskRow, i - 1).value);
      }
  }
  {
    /* categories by profit: the category report's rows, most first; the
     * profit after KDV settlement, as ciro_ask's view */
    g_autoptr(CiroAskAnswer) a = ciro_ask (s, "geçen ay kategori bazında kâr", today, &error);
    CiroReportFilter f = { ciro_day_from_ymd (2026, 10, 1), ciro_day_from_ymd (2026, 10, 31), NULL };
    g_autoptr(GArray) cats = ciro_report_categories (s, &f, &error);
    g_assert_no_error (error);
    g_assert_cmpint (a->query->rank_of, ==, CIRO_ASK_RANK_CATEGORIES);
    g_assert_cmpuint (a->rows->len, ==, cats->len);
    g_assert_cmpuint (a->rows->len, >, 1);
    for (guint i = 0; i < a->rows->len; i++)
      {
        const CiroAskRow *r = &g_array_index (a->rows, CiroAskRow, i);
        gboolean found = FALSE;
        for (guint k = 0; k < cats->len; k++)
          {
            const CiroCategoryRow *c = &g_array_index (cats, CiroCategoryRow, k);
            if (g_strcmp0 (c->category, r->key) == 0)
              {
                g_assert_cmpint ((gint64) llround (r->value * 100), ==, c->profit_ex_vat);
                found = TRUE;
              }
          }
        g_assert_true (found);
        if (i > 0)
          g_assert_cmpfloat (r->value, <=, g_array_index (a->rows, CiroAskRow, i - 1).value);
      }
  }
  {
    /* the forecast: the engine's total and interval for the next 30 days */
    g_autoptr(CiroAskAnswer) a = ciro_ask (s, "gelecek ay ciro tahmini", today, &error);
    g_autoptr(CiroForecast) fc = ciro_report_forecast (s, today, NULL, CIRO_FORECAST_NET_REVENUE, 30, FALSE,
                                                       NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (a->query->intent, ==, CIRO_ASK_FORECAST);
    g_assert_cmpint (a->query->from, ==, today);
    g_assert_cmpint (a->query->to, ==, today + 29);
    g_assert_true (a->has_value);
    g_assert_cmpfloat_with_epsilon (a->value, fc->total / 100.0, 1e-6);
    g_assert_cmpfloat_with_epsilon (a->low, fc->total_low / 100.0, 1e-6);
    g_assert_cmpfloat_with_epsilon (a->high, fc->total_high / 100.0, 1e-6);
    g_assert_cmpuint (a->forecast->len, ==, 30);
  }
  {
    /* a stock list: the Stock page's low-stock rows */
    g_autoptr(CiroAskAnswer) a = ciro_ask (s, "stoku azalan ürünler", today, &error);
    g_autoptr(GArray) stock = ciro_report_stock (s, today, &error);
    guint low = 0;
    g_assert_no_error (error);
    for (guint i = 0; i < stock->len; i++)
      low += g_array_index (stock, CiroStockRow, i).low_stock;
    g_assert_cmpuint (a->rows->len, ==, low);
    for (guint i = 0; i < a->rows->len; i++)
      g_assert_cmpint (g_array_index (a->rows, CiroAskRow, i).stock, <=, 10);
  }
  g_clear_object (&s);
  ciro_test_remove_store (path);
}

/* The VAT view: the headline profit ("kâr", "the most profitable …", a
 * profit forecast) is the one the window shows; a profit named with its
 * view keeps it. Both views against the engine, on one store where they
 * differ. */
static void
check_products_by_profit (CiroStore *s, CiroDay today, gboolean after_vat)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroAskAnswer) a = ciro_ask_full (s, "en kârlı 5 ürün bu yıl", today, after_vat, &error);
  CiroReportFilter f = { ciro_day_from_ymd (2026, 1, 1), today, NULL };
  CiroProductSort by = after_vat ? CIRO_SORT_PROFIT_EX_VAT : CIRO_SORT_PROFIT;
  g_autoptr(GArray) ranking = ciro_report_products (s, &f, by, FALSE, &error);
  g_autoptr(GArray) best = ciro_report_products_best (ranking, 5);

  g_assert_no_error (error);
  g_assert_cmpint (a->query->rank_of, ==, CIRO_ASK_RANK_PRODUCTS);
  g_assert_cmpuint (a->rows->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      const CiroProductRow *p = &g_array_index (best, CiroProductRow, i);
      const CiroAskRow *r = &g_array_index (a->rows, CiroAskRow, i);

      g_assert_cmpstr (r->key, ==, p->sku);
      g_assert_cmpint ((gint64) llround (r->value * 100), ==, after_vat ? p->profit_ex_vat : p->profit);
    }
}

static void
test_vat_view (void)
{
  g_autofree char *path = g_build_filename (dir, "ask-vat.db", NULL);
  CiroDay today = ciro_day_from_ymd (2026, 11, 20);
  g_autoptr(CiroStore) s = ciro_test_reference_store (path, 6000, 80, 5, today, 400);
  CiroDay month = ciro_day_from_ymd (2026, 11, 1);
  g_autoptr(GError) error = NULL;
  double after = summary_value (s, month, today, NULL, "profit_ex_vat");
  double before = summary_value (s, month, today, NULL, "profit");

  g_assert_cmpfloat (fabs (after - before), >, 1.0);
  for (guint k = 0; k < 2; k++)
    {
      const char *q = k == 0 ? "bu ay kârım ne kadar" : "how much profit did I make this month";
      g_autoptr(CiroAskAnswer) on = ciro_ask_full (s, q, today, TRUE, &error);
      g_autoptr(CiroAskAnswer) off = ciro_ask_full (s, q, today, FALSE, &error);

      g_assert_no_error (error);
      g_assert_cmpfloat (on->value, ==, after);
      g_assert_cmpstr (on->query->metric, ==, "profit_ex_vat");
      g_assert_cmpfloat (off->value, ==, before);
      g_assert_cmpstr (off->query->metric, ==, "profit");
    }
  {
    /* named with its view: kept whatever the window shows */
    g_autoptr(CiroAskAnswer) a = ciro_ask_full (s, "bu ay kdv sonrası kâr", today, FALSE, &error);
    g_autoptr(CiroAskAnswer) b = ciro_ask_full (s, "profit before vat this month", today, TRUE, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (a->value, ==, after);
    g_assert_cmpfloat (b->value, ==, before);
  }
  check_products_by_profit (s, today, TRUE);
  check_products_by_profit (s, today, FALSE);
  for (guint v = 0; v < 2; v++)
    {
      /* the most profitable marketplace, in either view */
      g_autoptr(CiroAskAnswer) a = ciro_ask_full (s, "en kârlı pazaryeri bu ay", today, v == 0, &error);

      g_assert_no_error (error);
      g_assert_cmpint (a->query->rank_of, ==, CIRO_ASK_RANK_MARKETPLACES);
      g_assert_cmpuint (a->rows->len, >, 1);
      for (guint i = 0; i < a->rows->len; i++)
        {
          const CiroAskRow *r = &g_array_index (a->rows, CiroAskRow, i);
          g_assert_cmpfloat (r->value, ==, summary_value (s, month, today, r->key, v == 0 ? "profit_ex_vat" : "profit"));
        }
    }
  for (guint v = 0; v < 2; v++)
    {
      /* the profit forecast of the view */
      g_autoptr(CiroAskAnswer) a = ciro_ask_full (s, "gelecek ay kâr tahmini", today, v == 0, &error);
      g_autoptr(CiroForecast) fc = ciro_report_forecast (s, today, NULL,
                                                         v == 0 ? CIRO_FORECAST_PROFIT_EX_VAT : CIRO_FORECAST_PROFIT,
                                                         30, FALSE, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (a->query->intent, ==, CIRO_ASK_FORECAST);
      g_assert_cmpfloat_with_epsilon (a->value, fc->total / 100.0, 1e-6);
    }
  g_clear_object (&s);
  ciro_test_remove_store (path);
}

/* ------------------------------------------------------------ ciro-cli */

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static Run
cli (const char *lang, const char *db, const char *question, const char *format)
{
  g_autoptr(GSubprocessLauncher) l = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                 G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  Run r = { 0 };

  g_subprocess_launcher_setenv (l, "LC_ALL", lang, TRUE);
  g_subprocess_launcher_setenv (l, "LANGUAGE", "", TRUE);
  g_subprocess_launcher_setenv (l, "CIRO_LOCALEDIR", localedir, TRUE);
  g_subprocess_launcher_unsetenv (l, "CIRO_NOW");
  p = g_subprocess_launcher_spawn (l, &error, g_getenv ("CIRO_CLI"), "--db", db, "--today", "2026-11-20",
                                   "ask", question, "--format", format, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &r.out, &r.err, &error));
  g_assert_no_error (error);
  r.status = g_subprocess_get_exit_status (p);
  return r;
}

/* --today pins today for the reports too: the default window is the 30
 * days ending that day */
static void
check_report_today (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GSubprocess) p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, g_getenv ("CIRO_CLI"),
                                               "--db", db, "--today", "2026-11-20", "report", "summary",
                                               "--format", "json", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 0);
  g_assert_nonnull (strstr (out, "\"from\": \"2026-10-22\", \"to\": \"2026-11-20\""));
}

static gboolean
have_turkish (void)
{
  g_autofree char *mo = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", "tr", "LC_MESSAGES",
                                          "ciro.mo", NULL);
  return g_file_test (mo, G_FILE_TEST_EXISTS);
}

/* ask.md's JSON, --today pinning today, and the same answer in Turkish */
static void
test_cli (void)
{
  g_autofree char *path = g_build_filename (dir, "cli.db", NULL);
  CiroDay today = ciro_day_from_ymd (2026, 11, 20);
  g_autoptr(CiroStore) s = ciro_test_reference_store (path, 3000, 60, 9, today, 200);
  Run en = cli ("C.UTF-8", path, "what was my revenue this week on Trendyol", "json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *o;
  static const char *fields[] = {
    "intent", "metric", "from", "to", "marketplace", "compare_from", "compare_to", "sort", "limit",
    "value", "compare_value", "change_pct", "rows", "interpretation", "answer",
  };

  g_assert_cmpint (en.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, en.out, -1, &error));
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_true (json_object_has_member (o, fields[i]));
  g_assert_cmpstr (json_object_get_string_member (o, "intent"), ==, "metric");
  g_assert_cmpstr (json_object_get_string_member (o, "metric"), ==, "net_revenue");
  /* 20 Nov 2026 is a Friday: the week from Monday the 16th */
  g_assert_cmpstr (json_object_get_string_member (o, "from"), ==, "2026-11-16");
  g_assert_cmpstr (json_object_get_string_member (o, "to"), ==, "2026-11-20");
  g_assert_cmpstr (json_object_get_string_member (o, "marketplace"), ==, "Trendyol");
  g_assert_true (json_object_get_null_member (o, "compare_from"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "value"),
                                  summary_value (s, ciro_day_from_ymd (2026, 11, 16), today, "Trendyol", "net_revenue"), 0.001);
  g_assert_cmpstr (json_object_get_string_member (o, "interpretation"), ==,
                   "Net revenue · this week (16–20 Nov) · Trendyol");
  g_free (en.out), g_free (en.err);
  check_report_today (path);

  if (have_turkish ())
    {
      Run tr = cli ("tr_TR.UTF-8", path, "bu hafta Trendyol'da cirom ne kadar?", "table");
      Run un = cli ("tr_TR.UTF-8", path, "yarın hava nasıl olacak", "table");
      g_assert_cmpint (tr.status, ==, 0);
      g_assert_nonnull (strstr (tr.out, "Net Ciro · bu hafta (16–20 Kas) · Trendyol"));
      g_assert_nonnull (strstr (tr.out, "₺"));
      g_assert_cmpint (un.status, ==, 0);
      g_assert_nonnull (strstr (un.out, "Soruyu anlayamadım"));
      g_free (tr.out), g_free (tr.err), g_free (un.out), g_free (un.err);
    }
  else
    g_test_message ("the Turkish catalogue is not built: Turkish answers not checked");
  g_clear_object (&s);
  ciro_test_remove_store (path);
}

int
main (int argc, char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("ciro-ask-XXXXXX", NULL);
  g_test_add_func ("/ask/corpus", test_corpus);
  g_test_add_func ("/ask/unknown-suggests", test_unknown_suggests);
  g_test_add_func ("/ask/complete", test_complete);
  g_test_add_func ("/ask/answers-equal-engine", test_answers_equal_engine);
  g_test_add_func ("/ask/vat-view", test_vat_view);
  g_test_add_func ("/ask/cli", test_cli);
  rc = g_test_run ();
  g_rmdir (dir);
  g_free (dir);
  return rc;
}
