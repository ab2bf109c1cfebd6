/* test-report-service.c: reports on the worker pool against the engine's
 * own calls; cancelling, dropping stale results, many requests at once
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "analytics/ciro-range.h"
#include "analytics/ciro-report-service.h"
#include "core/ciro-date.h"
#include "store/ciro-settings.h"
#include "store/ciro-store-sql.h"
#include "ciro-test-util.h"

static char *dir;
static char *path;
static CiroStore *store;           /* the main thread's own connection, for the expectations */
static CiroDay end_day;

typedef struct {
  int       done;
  gpointer  result;
  GError   *error;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_error (&o->error);
  o->done = 0;
  o->result = NULL;
}

static void
got_analytics (GObject *source, GAsyncResult *result, gpointer data)
{
  Outcome *o = data;
  o->result = ciro_report_service_analytics_finish (CIRO_REPORT_SERVICE (source), result, &o->error);
  o->done = 1;
}

static void
got_run (GObject *source, GAsyncResult *result, gpointer data)
{
  Outcome *o = data;
  o->result = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &o->error);
  o->done = 1;
}

static void
assert_summary_equal (const CiroSummary *a, const CiroSummary *b)
{
  g_assert_cmpint (a->gross_orders, ==, b->gross_orders);
  g_assert_cmpint (a->net_orders, ==, b->net_orders);
  g_assert_cmpint (a->net_units, ==, b->net_units);
  g_assert_cmpint (a->net_revenue, ==, b->net_revenue);
  g_assert_cmpint (a->profit, ==, b->profit);
  g_assert_cmpint (a->commission, ==, b->commission);
  g_assert_cmpint (a->unmatched_lines, ==, b->unmatched_lines);
}

/* What the page used to compute itself, from the engine on this thread. */
static void
assert_analytics (const CiroAnalyticsReport *r, CiroDay from, CiroDay to, const char *mp)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { from, to, (char *) mp }, p = { 0, 0, (char *) mp }, all = { from, to, NULL };
  CiroSummary cur, prev;
  g_autoptr(GArray) daily = NULL;
  g_autoptr(GArray) mps = NULL;

  ciro_range_previous (from, to, &p.from, &p.to);
  g_assert_true (ciro_report_summary (store, &f, &cur, &error));
  g_assert_true (ciro_report_summary (store, &p, &prev, &error));
  daily = ciro_report_daily (store, &f, &error);
  mps = ciro_report_marketplaces (store, &all, &error);
  g_assert_no_error (error);

  g_assert_cmpint (r->from, ==, from);
  g_assert_cmpint (r->to, ==, to);
  g_assert_cmpint (r->prev_from, ==, p.from);
  g_assert_cmpint (r->prev_to, ==, p.to);
  g_assert_cmpstr (r->marketplace, ==, mp);
  g_assert_true (r->has_orders);
  assert_summary_equal (&r->cur, &cur);
  assert_summary_equal (&r->prev, &prev);
  g_assert_cmpuint (r->daily->len, ==, daily->len);
  for (guint i = 0; i < daily->len; i++)
    g_assert_cmpint (g_array_index (r->daily, CiroDailyRow, i).s.net_revenue, ==,
                     g_array_index (daily, CiroDailyRow, i).s.net_revenue);
  g_assert_cmpuint (r->marketplaces->len, ==, mps->len);
  for (guint i = 0; i < mps->len; i++)
    g_assert_cmpstr (g_array_index (r->marketplaces, CiroMarketplaceRow, i).marketplace, ==,
                     g_array_index (mps, CiroMarketplaceRow, i).marketplace);
  g_assert_cmpuint (r->names->len, >=, mps->len);
}

static void
test_analytics (void)
{
  g_autoptr(CiroReportService) service = ciro_report_service_new (path, 2);
  const char *mps[] = { NULL, "Trendyol" };

  for (guint m = 0; m < G_N_ELEMENTS (mps); m++)
    {
      CiroReportFilter f = { end_day - 29, end_day, (char *) mps[m] };
      Outcome o = { 0 };

      ciro_report_service_analytics_async (service, NULL, &f, NULL, got_analytics, &o);
      g_assert_true (ciro_test_wait_flag (&o.done, 120));
      g_assert_no_error (o.error);
      assert_analytics (o.result, f.from, f.to, mps[m]);
      ciro_analytics_report_free (o.result);
    }
}

static void
got_products (GObject *source, GAsyncResult *result, gpointer data)
{
  Outcome *o = data;
  o->result = ciro_report_service_products_finish (CIRO_REPORT_SERVICE (source), result, &o->error);
  o->done = 1;
}

static void
got_stock (GObject *source, GAsyncResult *result, gpointer data)
{
  Outcome *o = data;
  o->result = ciro_report_service_stock_finish (CIRO_REPORT_SERVICE (source), result, &o->error);
  o->done = 1;
}

static void
got_unmatched (GObject *source, GAsyncResult *result, gpointer data)
{
  Outcome *o = data;
  o->result = ciro_report_service_unmatched_finish (CIRO_REPORT_SERVICE (source), result, &o->error);
  o->done = 1;
}

static void
got_write (GObject *source, GAsyncResult *result, gpointer data)
{
  Outcome *o = data;
  o->result = GINT_TO_POINTER (ciro_report_service_write_finish (CIRO_REPORT_SERVICE (source), result, &o->error));
  o->done = 1;
}

static void
got_map (GObject *source, GAsyncResult *result, gpointer data)
{
  Outcome *o = data;
  o->result = GINT_TO_POINTER (ciro_report_service_map_sku_finish (CIRO_REPORT_SERVICE (source), result, &o->error));
  o->done = 1;
}

/* Products, stock (a setting saved first) and unknown costs against the engine. */
static void
test_other_reports (void)
{
  g_autoptr(CiroReportService) service = ciro_report_service_new (path, 2);
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { end_day - 89, end_day, NULL };
  const char *keys[] = { CIRO_SETTING_RUNOUT_DAYS, NULL };
  Outcome o = { 0 };

  {
    g_autoptr(GArray) rows = ciro_report_products (store, &f, CIRO_SORT_REVENUE, TRUE, &error);
    CiroProductsReport *r;

    ciro_report_service_products_async (service, NULL, &f, NULL, got_products, &o);
    g_assert_true (ciro_test_wait_flag (&o.done, 120));
    g_assert_no_error (o.error);
    r = o.result;
    g_assert_cmpuint (r->rows->len, ==, rows->len);
    for (guint i = 0; i < rows->len; i++)
      g_assert_cmpint (g_array_index (r->rows, CiroProductRow, i).revenue, ==,
                       g_array_index (rows, CiroProductRow, i).revenue);
    ciro_products_report_free (r);
    outcome_clear (&o);
  }
  {
    CiroStockReport *r;
    g_autoptr(GArray) rows = NULL;

    ciro_report_service_write_async (service, CIRO_SETTING_RUNOUT_DAYS, "17", NULL, 0, 0, NULL, got_write, &o);
    g_assert_true (ciro_test_wait_flag (&o.done, 120));
    g_assert_no_error (o.error);
    outcome_clear (&o);
    ciro_report_service_stock_async (service, NULL, end_day, keys, NULL, got_stock, &o);
    g_assert_true (ciro_test_wait_flag (&o.done, 120));
    g_assert_no_error (o.error);
    r = o.result;
    g_assert_cmpint (r->values[0], ==, 17);
    /* written to the store, which the engine then reads */
    {
      g_autofree char *v = ciro_store_get_setting (store, CIRO_SETTING_RUNOUT_DAYS);
      g_assert_cmpstr (v, ==, "17");
    }
    rows = ciro_report_stock (store, end_day, &error);
    g_assert_cmpuint (r->rows->len, ==, rows->len);
    ciro_stock_report_free (r);
    outcome_clear (&o);
  }
  {
    g_autoptr(GArray) rows = ciro_report_unmatched (store, &error);
    CiroUnmatchedReport *r;

    ciro_report_service_unmatched_async (service, NULL, NULL, got_unmatched, &o);
    g_assert_true (ciro_test_wait_flag (&o.done, 120));
    g_assert_no_error (o.error);
    r = o.result;
    g_assert_cmpuint (r->rows->len, ==, rows->len);
    g_assert_cmpuint (r->products->len, >, 0);

    /* a mapping: the SKU leaves the list, as the engine says too */
    if (rows->len > 0)
      {
        const char *sku = g_array_index (r->rows, CiroUnmatchedRow, 0).sku;
        const char *to = g_array_index (r->products, CiroProductRef, 0).sku;
        g_autoptr(GArray) after = NULL;
        guint before = r->rows->len;

        outcome_clear (&o);
        ciro_report_service_map_sku_async (service, sku, to, NULL, got_map, &o);
        g_assert_true (ciro_test_wait_flag (&o.done, 120));
        g_assert_no_error (o.error);
        after = ciro_report_unmatched (store, &error);
        g_assert_cmpuint (after->len, ==, before - 1);
        for (guint i = 0; i < after->len; i++)
          g_assert_cmpstr (g_array_index (after, CiroUnmatchedRow, i).sku, !=, sku);
      }
    ciro_unmatched_report_free (r);
  }
}

/* ---------------------------------------------------------- cancelling */

static int query_started;

/* A query that never ends by itself: only an interrupt stops it. */
static gpointer
endless (CiroStore *s, gpointer data, GCancellable *cancellable, GError **error)
{
  g_atomic_int_set (&query_started, 1);
  if (!ciro_store_exec (s, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                           "SELECT count(*) FROM c", error))
    return NULL;
  return g_strdup ("ended");
}

/* The cancel comes between two statements (here: before the first), when
 * sqlite3_interrupt() has nothing to interrupt; the next statement must
 * still stop. */
static gpointer
endless_after_cancel (CiroStore *s, gpointer data, GCancellable *cancellable, GError **error)
{
  g_atomic_int_set (&query_started, 1);
  while (!g_cancellable_is_cancelled (cancellable))
    g_usleep (1000);
  g_usleep (20000);             /* the interrupt has come and gone */
  return endless (s, data, cancellable, error);
}

static gpointer
count_orders (CiroStore *s, gpointer data, GCancellable *cancellable, GError **error)
{
  gint64 n = ciro_store_count_orders (s, error);
  return n < 0 ? NULL : g_memdup2 (&n, sizeof n);
}

static void
test_cancel (void)
{
  g_autoptr(CiroReportService) service = ciro_report_service_new (path, 1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome o = { 0 };
  gint64 expected = ciro_store_count_orders (store, NULL);

  /* cancelled before it runs */
  g_cancellable_cancel (cancellable);
  ciro_report_service_run_async (service, NULL, count_orders, NULL, NULL, g_free, cancellable, got_run, &o);
  g_assert_true (ciro_test_wait_flag (&o.done, 60));
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (o.result);
  outcome_clear (&o);

  /* cancelled in the middle of a statement: SQLite is interrupted */
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  ciro_report_service_run_async (service, NULL, endless, NULL, NULL, g_free, cancellable, got_run, &o);
  g_assert_true (ciro_test_wait_flag (&query_started, 60));
  g_cancellable_cancel (cancellable);
  g_assert_true (ciro_test_wait_flag (&o.done, 60));
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (o.result);
  outcome_clear (&o);

  /* cancelled between statements: the next one stops all the same */
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  query_started = 0;
  ciro_report_service_run_async (service, NULL, endless_after_cancel, NULL, NULL, g_free, cancellable, got_run, &o);
  g_assert_true (ciro_test_wait_flag (&query_started, 60));
  g_cancellable_cancel (cancellable);
  g_assert_true (ciro_test_wait_flag (&o.done, 60));
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (o.result);
  outcome_clear (&o);

  /* the one connection goes on serving */
  ciro_report_service_run_async (service, NULL, count_orders, NULL, NULL, g_free, NULL, got_run, &o);
  g_assert_true (ciro_test_wait_flag (&o.done, 60));
  g_assert_no_error (o.error);
  g_assert_cmpint (*(gint64 *) o.result, ==, expected);
  g_free (o.result);
  g_assert_cmpuint (ciro_report_service_get_connections (service), ==, 1);

  /* by owner: ciro_report_service_cancel () */
  outcome_clear (&o);
  query_started = 0;
  ciro_report_service_run_async (service, &o, endless, NULL, NULL, g_free, NULL, got_run, &o);
  g_assert_true (ciro_test_wait_flag (&query_started, 60));
  ciro_report_service_cancel (service, &o);
  g_assert_true (ciro_test_wait_flag (&o.done, 60));
  g_assert_error (o.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  outcome_clear (&o);
}

/* ---------------------------------------------------------- stale results */

static GMutex gate_lock;
static GCond gate_cond;
static gboolean gate_open;
static int gated_started;
static int results_freed;

static gpointer
gated (CiroStore *s, gpointer data, GCancellable *cancellable, GError **error)
{
  g_atomic_int_set (&gated_started, 1);
  g_mutex_lock (&gate_lock);
  while (!gate_open)
    g_cond_wait (&gate_cond, &gate_lock);
  g_mutex_unlock (&gate_lock);
  /* it did its work: a result that is only dropped because it is stale */
  return g_strdup (data);
}

static void
result_free (gpointer p)
{
  g_atomic_int_inc (&results_freed);
  g_free (p);
}

static gpointer
quick (CiroStore *s, gpointer data, GCancellable *cancellable, GError **error)
{
  return g_strdup (data);
}

static void
open_gate (void)
{
  g_mutex_lock (&gate_lock);
  gate_open = TRUE;
  g_cond_broadcast (&gate_cond);
  g_mutex_unlock (&gate_lock);
}

static void
test_stale_dropped (void)
{
  g_autoptr(CiroReportService) service = ciro_report_service_new (path, 2);
  Outcome first = { 0 }, second = { 0 }, other = { 0 };
  int owner, another;

  gate_open = FALSE;
  results_freed = 0;
  /* the first request is held on its worker while a newer one for the
   * same owner comes and finishes */
  ciro_report_service_run_async (service, &owner, gated, g_strdup ("old"), g_free, result_free, NULL, got_run, &first);
  g_assert_true (ciro_test_wait_flag (&gated_started, 60));
  ciro_report_service_run_async (service, &another, quick, g_strdup ("other owner"), g_free, result_free, NULL,
                                 got_run, &other);
  ciro_report_service_run_async (service, &owner, quick, g_strdup ("new"), g_free, result_free, NULL, got_run, &second);
  g_assert_true (ciro_test_wait_flag (&second.done, 60));
  g_assert_no_error (second.error);
  g_assert_cmpstr (second.result, ==, "new");
  g_assert_true (ciro_test_wait_flag (&other.done, 60));
  g_assert_cmpstr (other.result, ==, "other owner");
  g_assert_false (first.done);

  /* the old one ends with its figures, which nobody sees */
  open_gate ();
  g_assert_true (ciro_test_wait_flag (&first.done, 60));
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (first.result);
  /* freed with its request, once the callback is over */
  g_assert_true (ciro_test_wait_flag (&results_freed, 60));
  g_assert_cmpint (g_atomic_int_get (&results_freed), ==, 1);
  g_free (second.result);
  g_free (other.result);
  outcome_clear (&first);
  outcome_clear (&second);
  outcome_clear (&other);
}

/* ---------------------------------------------------------- many at once */

#define POOL 3
static int inside;
static int most_inside;
static int shared;                  /* a connection used by two threads at once */
static GMutex seen_lock;
static GHashTable *seen;            /* CiroStore → GThread of its current use */

static gpointer
crowd (CiroStore *s, gpointer data, GCancellable *cancellable, GError **error)
{
  int now = g_atomic_int_add (&inside, 1) + 1;
  gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gint64 n;

  g_mutex_lock (&seen_lock);
  if (g_hash_table_contains (seen, s) && g_hash_table_lookup (seen, s) != NULL)
    shared = 1;
  g_hash_table_insert (seen, s, g_thread_self ());
  if (now > most_inside)
    most_inside = now;
  g_mutex_unlock (&seen_lock);

  /* the first requests wait for each other, a bounded while, so that the
   * pool is seen full */
  while (g_atomic_int_get (&most_inside) < POOL && g_get_monotonic_time () < until)
    g_usleep (1000);
  n = ciro_store_count_orders (s, error);

  g_mutex_lock (&seen_lock);
  g_hash_table_insert (seen, s, NULL);
  g_mutex_unlock (&seen_lock);
  g_atomic_int_add (&inside, -1);
  return n < 0 ? NULL : g_memdup2 (&n, sizeof n);
}

typedef struct {
  int      left;
  guint    wrong;
  CiroDay  from;
  gint64   orders;
} Crowd;

static void
crowd_analytics (GObject *source, GAsyncResult *result, gpointer data)
{
  Crowd *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroAnalyticsReport) r = ciro_report_service_analytics_finish (CIRO_REPORT_SERVICE (source), result, &error);

  g_assert_no_error (error);
  assert_analytics (r, r->from, r->to, r->marketplace);
  c->left--;
}

static void
crowd_run (GObject *source, GAsyncResult *result, gpointer data)
{
  Crowd *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *n = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);

  g_assert_no_error (error);
  if (*n != c->orders)
    c->wrong++;
  c->left--;
}

static gboolean
crowd_done (gpointer data)
{
  return ((Crowd *) data)->left == 0;
}

static void
test_many_at_once (void)
{
  g_autoptr(CiroReportService) service = ciro_report_service_new (path, POOL);
  const char *mps[] = { NULL, "Trendyol", "Hepsiburada" };
  Crowd c = { 0 };
  int owners[40];

  seen = g_hash_table_new (NULL, NULL);
  c.orders = ciro_store_count_orders (store, NULL);
  for (guint i = 0; i < 40; i++)
    {
      CiroReportFilter f = { end_day - 7 * (i % 8) - 6, end_day - (i % 5), (char *) mps[i % 3] };

      c.left += 2;
      ciro_report_service_run_async (service, NULL, crowd, NULL, NULL, g_free, NULL, crowd_run, &c);
      ciro_report_service_analytics_async (service, &owners[i], &f, NULL, crowd_analytics, &c);
    }
  g_assert_true (ciro_test_wait_until (crowd_done, &c, 300));
  g_assert_cmpuint (c.wrong, ==, 0);
  g_assert_false (shared);
  /* the pool was full, never more than full, with one connection a thread */
  g_assert_cmpint (most_inside, ==, POOL);
  g_assert_cmpuint (ciro_report_service_get_peak (service), ==, POOL);
  g_assert_cmpuint (ciro_report_service_get_connections (service), <=, POOL);
  g_assert_cmpuint (g_hash_table_size (seen), <=, POOL);
  g_clear_pointer (&seen, g_hash_table_unref);
}

static gpointer
hold_thread (gpointer service)
{
  return GINT_TO_POINTER (ciro_report_service_hold (service, 60 * G_USEC_PER_SEC));
}

/* A hold (a first sync leaving WAL) closes the idle connections, waits for
 * the running requests to give theirs back, gives up at its timeout while
 * one runs on; requests asked for while it lasts open no connection and
 * are answered once it is released. */
static void
test_hold (void)
{
  g_autoptr(CiroReportService) service = ciro_report_service_new (path, 3);
  gint64 expected = ciro_store_count_orders (store, NULL);
  Outcome a = { 0 }, b = { 0 }, gate = { 0 };
  GThread *thread;

  /* two at once: two connections, idle after */
  g_atomic_int_set (&gated_started, 0);
  gate_open = FALSE;
  ciro_report_service_run_async (service, NULL, gated, g_strdup ("a"), g_free, g_free, NULL, got_run, &a);
  ciro_report_service_run_async (service, NULL, gated, g_strdup ("b"), g_free, g_free, NULL, got_run, &b);
  g_assert_true (ciro_test_wait_flag (&gated_started, 60));
  open_gate ();
  g_assert_true (ciro_test_wait_flag (&a.done, 60));
  g_assert_true (ciro_test_wait_flag (&b.done, 60));
  g_assert_cmpstr (a.result, ==, "a");
  g_free (a.result);
  g_free (b.result);
  outcome_clear (&a);
  outcome_clear (&b);
  g_assert_cmpuint (ciro_report_service_get_connections (service), >=, 1);

  /* one request holds its connection: the hold closes the idle ones and
   * gives up on that one */
  g_atomic_int_set (&gated_started, 0);
  gate_open = FALSE;
  ciro_report_service_run_async (service, NULL, gated, g_strdup ("g"), g_free, g_free, NULL, got_run, &gate);
  g_assert_true (ciro_test_wait_flag (&gated_started, 60));
  g_assert_false (ciro_report_service_hold (service, 50 * G_TIME_SPAN_MILLISECOND));
  g_assert_cmpuint (ciro_report_service_get_connections (service), ==, 1);
  ciro_report_service_release (service);

  /* a hold that waits: the request ends, its connection is closed */
  thread = g_thread_new ("hold", hold_thread, service);
  open_gate ();
  g_assert_true (GPOINTER_TO_INT (g_thread_join (thread)));
  g_assert_true (ciro_test_wait_flag (&gate.done, 60));
  g_assert_cmpstr (gate.result, ==, "g");
  g_free (gate.result);
  g_assert_cmpuint (ciro_report_service_get_connections (service), ==, 0);

  /* asked for while held: no connection, no answer until released */
  ciro_report_service_run_async (service, NULL, count_orders, NULL, NULL, g_free, NULL, got_run, &a);
  for (guint i = 0; i < 20; i++)
    {
      while (g_main_context_iteration (NULL, FALSE));
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
    }
  g_assert_false (a.done);
  g_assert_cmpuint (ciro_report_service_get_connections (service), ==, 0);
  ciro_report_service_release (service);
  g_assert_true (ciro_test_wait_flag (&a.done, 60));
  g_assert_no_error (a.error);
  g_assert_cmpint (*(gint64 *) a.result, ==, expected);
  g_free (a.result);
  g_assert_cmpuint (ciro_report_service_get_connections (service), ==, 1);
}

int
main (int argc, char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = ciro_test_tmpdir ("report-service");
  path = g_build_filename (dir, "service.db", NULL);
  end_day = ciro_day_from_ymd (2026, 11, 20);
  store = ciro_test_reference_store (path, 4000, 60, 13, end_day, 120);

  g_test_add_func ("/report-service/analytics", test_analytics);
  g_test_add_func ("/report-service/other-reports", test_other_reports);
  g_test_add_func ("/report-service/cancel", test_cancel);
  g_test_add_func ("/report-service/stale-dropped", test_stale_dropped);
  g_test_add_func ("/report-service/many-at-once", test_many_at_once);
  g_test_add_func ("/report-service/hold", test_hold);
  rc = g_test_run ();
  g_clear_object (&store);
  ciro_test_remove_store (path);
  g_rmdir (dir);
  g_free (path);
  g_free (dir);
  return rc;
}
