/* test-carriers.c: carrier names, the status timeline, the carrier figures
 * and their recommendations (insights.md §3)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "analytics/ciro-carriers.h"
#include "analytics/ciro-report.h"
#include "core/ciro-carrier.h"
#include "core/ciro-date.h"
#include "demo/ciro-demo.h"
#include "demo/ciro-mock.h"
#include "store/ciro-schema.h"
#include "sync/ciro-sync.h"
#include "store/ciro-store-sql.h"
#include "ciro-test-util.h"

#define DAY (ciro_day_from_ymd (2025, 3, 10))
#define H 3600
#define D 86400

typedef struct {
  char      *dir;
  char      *path;
  CiroStore *store;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = ciro_test_tmpdir ("carriers");
  f->path = g_build_filename (f->dir, "ciro.db", NULL);
  f->store = ciro_store_open (f->path, &error);
  g_assert_no_error (error);
  g_setenv ("CIRO_NOW", "2025-04-01 12:00:00", TRUE);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  ciro_test_remove_store (f->path);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_unsetenv ("CIRO_NOW");
}

static gint64
query_int (CiroStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static gint64
event_at (CiroStore *store, gint64 order_id, int status)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce ((SELECT at FROM order_status_events"
                                          " WHERE order_id = %" G_GINT64_FORMAT " AND status = %d), 0)",
                                          order_id, status);
  return query_int (store, sql);
}

/* An order placed on DAY + day_offset at 10:00 (Istanbul). */
static CiroOrderRecord *
make_order (gint64 id, int day_offset, const char *source, const char *carrier, gint32 status)
{
  CiroOrderRecord *o = ciro_order_record_new ();
  CiroOrderLineRecord *l = ciro_order_line_record_new ();

  o->id = id;
  o->order_code = g_strdup_printf ("TY-%" G_GINT64_FORMAT, id);
  o->day = DAY + day_offset;
  o->seconds = 10 * H;
  o->source = g_strdup (source);
  o->status = status;
  o->shipping_total = 1000 + id;
  o->cargo_provider = g_strdup (carrier);
  o->cargo_number = g_strdup_printf ("CN%06" G_GINT64_FORMAT, id);
  l->sku = g_strdup ("X-1");
  l->quantity = 1;
  l->price = l->amount = 10000;
  l->status = g_strdup ("accepted");
  g_ptr_array_add (o->lines, l);
  return o;
}

/* Sets updated_at to `after` seconds past the order's own moment. */
static void
set_updated (CiroOrderRecord *o, gint64 after)
{
  CiroDay day;
  gint32 seconds;

  ciro_from_unix (ciro_to_unix (o->day, o->seconds) + after, &day, &seconds);
  g_free (o->updated_at);
  o->updated_at = ciro_datetime_format (day, seconds);
}

static gint64
placed (const CiroOrderRecord *o)
{
  return ciro_to_unix (o->day, o->seconds);
}

static void
put (CiroStore *store, CiroOrderRecord *o)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ciro_store_begin (store, &error));
  g_assert_true (ciro_store_put_order (store, o, &error));
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
}

/* A status change seen by a sync: status and updated_at as Sentos gives. */
static void
sync_status (CiroStore *store, CiroOrderRecord *o, gint32 status, gint64 updated_after)
{
  o->status = status;
  if (updated_after >= 0)
    set_updated (o, updated_after);
  put (store, o);
}

static CiroCarrierReport *
build (CiroStore *store, int from, int to, const char *marketplace, gint64 now)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter filter = { DAY + from, DAY + to, (char *) marketplace };
  CiroCarrierReport *r = ciro_carrier_report_build (store, &filter, CIRO_CARRIER_LATE_DAYS_DEFAULT, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static const CiroCarrierRow *
row (CiroCarrierReport *r, const char *carrier)
{
  for (guint i = 0; i < r->carriers->len; i++)
    if (g_str_equal (((CiroCarrierRow *) r->carriers->pdata[i])->carrier, carrier))
      return r->carriers->pdata[i];
  g_error ("no carrier %s", carrier);
  return NULL;
}

/* ------------------------------------------------------------ names */

static void
test_aliases (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "Yurtiçi Kargo", "Yurtiçi Kargo" },
    { "YURTİÇİ KARGO", "Yurtiçi Kargo" },
    { "yurtiçi", "Yurtiçi Kargo" },
    { "Yurtici", "Yurtiçi Kargo" },
    { "YURTICI KARGO", "Yurtiçi Kargo" },   /* Turkish lower case of I is ı */
    { "YurticiKargo", "Yurtiçi Kargo" },
    { " yk ", "Yurtiçi Kargo" },
    { "Aras", "Aras Kargo" },
    { "ARAS KARGO", "Aras Kargo" },
    { "MNG", "DHL eCommerce (MNG)" },
    { "mng kargo", "DHL eCommerce (MNG)" },
    { "DHL eCommerce", "DHL eCommerce (MNG)" },
    { "DHL E-Commerce", "DHL eCommerce (MNG)" },
    { "dhl e-commerce", "DHL eCommerce (MNG)" },
    { "PTT", "PTT Kargo" },
    { "P.T.T. Kargo", "PTT Kargo" },
    { "Surat", "Sürat Kargo" },
    { "SÜRAT KARGO", "Sürat Kargo" },
    { "TEX", "Trendyol Express" },
    { "trendyolexpress", "Trendyol Express" },
    { "TRENDYOL EXPRESS", "Trendyol Express" },
    { "Hepsi Jet", "HepsiJET" },
    { "HEPSİJET", "HepsiJET" },
    { "KolayGelsin", "Kolay Gelsin" },
    { "kolay gelsin", "Kolay Gelsin" },
    { "UPS", "UPS Kargo" },
    { "ups kargo", "UPS Kargo" },
    { "SENDEO", "Sendeo" },
    { "  Foo Lojistik  ", "Foo Lojistik" },   /* unknown: kept as written, trimmed */
    { "Kargo", "Kargo" },
    { "", CIRO_CARRIER_UNKNOWN },
    { " \t ", CIRO_CARRIER_UNKNOWN },
    { NULL, CIRO_CARRIER_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = ciro_carrier_normalize (cases[i].in);
      g_assert_cmpstr (name, ==, cases[i].out);
    }
  g_assert_cmpstr (CIRO_CARRIER_UNKNOWN, ==, "Bilinmiyor");
}

/* ------------------------------------------------------------ timeline */

/* 2 → 5 → 99 over three syncs, the moments taken from updated_at; the
 * days to ship and to deliver follow from them. */
static void
test_timeline_moves (Fixture *f, gconstpointer data)
{
  g_autoptr(CiroOrderRecord) o = make_order (1, 0, "TRENDYOL", "Aras", 2);
  g_autoptr(CiroCarrierReport) r = NULL;
  const CiroCarrierRow *aras;

  set_updated (o, 2 * H);
  put (f->store, o);
  sync_status (f->store, o, 5, 30 * H);        /* 1.25 days after the order */
  sync_status (f->store, o, 99, 30 * H + 2 * D + 12 * H);

  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM order_status_events"), ==, 3);
  g_assert_cmpint (event_at (f->store, 1, 2), ==, placed (o) + 2 * H);
  g_assert_cmpint (event_at (f->store, 1, 5), ==, placed (o) + 30 * H);
  g_assert_cmpint (event_at (f->store, 1, 99), ==, placed (o) + 30 * H + 2 * D + 12 * H);

  r = build (f->store, 0, 0, NULL, placed (o) + 10 * D);
  g_assert_cmpuint (r->carriers->len, ==, 1);
  aras = row (r, "Aras Kargo");
  g_assert_cmpint (aras->orders, ==, 1);
  g_assert_cmpint (aras->days_to_ship_n, ==, 1);
  g_assert_cmpfloat_with_epsilon (aras->days_to_ship_median, 1.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (aras->days_to_ship_mean, 1.25, 1e-9);
  g_assert_cmpint (aras->days_to_deliver_n, ==, 1);
  g_assert_cmpfloat_with_epsilon (aras->days_to_deliver_median, 2.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (aras->days_to_deliver_p90, 2.5, 1e-9);
  g_assert_cmpint (aras->shipped, ==, 1);
  g_assert_cmpint (aras->late, ==, 0);
  g_assert_cmpuint (r->late_orders->len, ==, 0);
}

/* First seen delivered: a delivery moment, no shipping moment, so no days
 * to ship or to deliver; shipped all the same. */
static void
test_timeline_first_seen_delivered (Fixture *f, gconstpointer data)
{
  g_autoptr(CiroOrderRecord) o = make_order (2, 0, "TRENDYOL", "PTT", 99);
  g_autoptr(CiroCarrierReport) r = NULL;
  const CiroCarrierRow *ptt;

  set_updated (o, 4 * D);
  put (f->store, o);
  g_assert_cmpint (event_at (f->store, 2, 5), ==, 0);
  g_assert_cmpint (event_at (f->store, 2, 99), ==, placed (o) + 4 * D);

  r = build (f->store, 0, 0, NULL, placed (o) + 10 * D);
  ptt = row (r, "PTT Kargo");
  g_assert_cmpint (ptt->days_to_ship_n, ==, 0);
  g_assert_cmpint (ptt->days_to_deliver_n, ==, 0);
  g_assert_cmpfloat (ptt->days_to_deliver_median, ==, 0);
  g_assert_cmpint (ptt->shipped, ==, 1);
}

/* updated_at missing, unparseable or before the order: the sync's time. */
static void
test_timeline_bad_updated_at (Fixture *f, gconstpointer data)
{
  g_autoptr(CiroOrderRecord) a = make_order (3, 0, "TRENDYOL", "Aras", 5);
  g_autoptr(CiroOrderRecord) b = make_order (4, 0, "TRENDYOL", "Aras", 5);
  g_autoptr(CiroOrderRecord) c = make_order (5, 0, "TRENDYOL", "Aras", 5);
  gint64 sync_time = ciro_to_unix (DAY + 2, 9 * H);   /* CIRO_NOW below */

  g_setenv ("CIRO_NOW", "2025-03-12 09:00:00", TRUE);
  g_assert_cmpint (ciro_day_from_ymd (2025, 3, 12), ==, DAY + 2);
  put (f->store, a);                     /* no updated_at */
  set_updated (b, -1);                   /* a second before the order */
  put (f->store, b);
  c->updated_at = g_strdup ("yesterday-ish");
  put (f->store, c);
  g_assert_cmpint (event_at (f->store, 3, 5), ==, sync_time);
  g_assert_cmpint (event_at (f->store, 4, 5), ==, sync_time);
  g_assert_cmpint (event_at (f->store, 5, 5), ==, sync_time);

  /* updated_at equal to the order's moment is used */
  {
    g_autoptr(CiroOrderRecord) d = make_order (6, 0, "TRENDYOL", "Aras", 5);
    set_updated (d, 0);
    put (f->store, d);
    g_assert_cmpint (event_at (f->store, 6, 5), ==, placed (d));
  }
}

/* Shipped, then cancelled/returned: counted as returned after shipping,
 * not net; its days to ship still count. */
static void
test_timeline_cancelled_after_shipping (Fixture *f, gconstpointer data)
{
  g_autoptr(CiroOrderRecord) o = make_order (7, 0, "TRENDYOL", "Sürat", 5);
  g_autoptr(CiroOrderRecord) p = make_order (8, 0, "TRENDYOL", "Sürat", 2);
  g_autoptr(CiroCarrierReport) r = NULL;
  const CiroCarrierRow *surat;

  set_updated (o, D);
  put (f->store, o);
  set_updated (p, H);
  put (f->store, p);
  sync_status (f->store, o, 6, 9 * D);
  sync_status (f->store, p, 6, 2 * H);   /* cancelled before shipping */

  r = build (f->store, 0, 0, NULL, placed (o) + 20 * D);
  surat = row (r, "Sürat Kargo");
  g_assert_cmpint (surat->orders, ==, 2);
  g_assert_cmpint (surat->net_orders, ==, 0);
  g_assert_cmpint (surat->shipping_income, ==, 0);
  g_assert_cmpint (surat->shipped, ==, 1);
  g_assert_cmpint (surat->returned_after_shipping, ==, 1);
  g_assert_cmpfloat_with_epsilon (surat->returned_after_shipping_pct, 100.0, 1e-9);
  g_assert_cmpint (surat->days_to_ship_n, ==, 1);
  g_assert_cmpint (surat->late, ==, 0);     /* cancelled is never late */
  g_assert_cmpuint (r->late_orders->len, ==, 0);
}

/* A re-sync that changes nothing adds no events and leaves the figures. */
static void
test_timeline_resync_no_change (Fixture *f, gconstpointer data)
{
  g_autoptr(CiroOrderRecord) o = make_order (9, 0, "TRENDYOL", "YK", 5);
  g_autoptr(CiroCarrierReport) before = NULL;
  g_autoptr(CiroCarrierReport) after = NULL;
  gint64 rows;

  set_updated (o, D);
  put (f->store, o);
  before = build (f->store, 0, 0, NULL, placed (o) + 2 * D);
  rows = query_int (f->store, "SELECT count(*) FROM roll_day_carrier");

  g_setenv ("CIRO_NOW", "2025-03-20 09:00:00", TRUE);
  put (f->store, o);
  /* the same status with a later updated_at (the order was edited): the
   * first sighting stays */
  set_updated (o, 3 * D);
  put (f->store, o);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM order_status_events"), ==, 1);
  g_assert_cmpint (event_at (f->store, 9, 5), ==, placed (o) + D);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM roll_day_carrier"), ==, rows);
  after = build (f->store, 0, 0, NULL, placed (o) + 2 * D);
  g_assert_cmpint (row (after, "Yurtiçi Kargo")->orders, ==, 1);
  g_assert_cmpint (row (after, "Yurtiçi Kargo")->days_to_ship_n, ==, 1);
  g_assert_cmpfloat (row (after, "Yurtiçi Kargo")->days_to_ship_mean, ==,
                     row (before, "Yurtiçi Kargo")->days_to_ship_mean);

  /* a carrier corrected by Sentos moves the order to the other carrier */
  g_free (o->cargo_provider);
  o->cargo_provider = g_strdup ("Aras Kargo");
  put (f->store, o);
  g_clear_pointer (&after, ciro_carrier_report_free);
  after = build (f->store, 0, 0, NULL, placed (o) + 2 * D);
  g_assert_cmpuint (after->carriers->len, ==, 1);
  g_assert_cmpint (row (after, "Aras Kargo")->days_to_ship_n, ==, 1);
}

/* ------------------------------------------------------------ figures */

/* Hand-computed: Aras ships in 0.5, 1, 1.5, 2, 3 days (median 1.5, p90
 * the 5th = 3, mean 1.6) and delivers in 1, 2, 4, 5 days (median (2+4)/2 =
 * 3, p90 the 4th = 5, mean 3); PTT ships three orders in 2, 2, 2.25 days,
 * one of them late (shipped 6 days before `now`), one returned after
 * shipping; one order has no carrier. */
static void
test_figures_by_hand (Fixture *f, gconstpointer data)
{
  static const struct { gint64 ship, deliver; } aras[] = {
    { 12 * H, 24 * H }, { 24 * H, 48 * H }, { 36 * H, 96 * H }, { 48 * H, 120 * H }, { 72 * H, -1 },
  };
  g_autoptr(CiroCarrierReport) r = NULL;
  g_autoptr(GError) error = NULL;
  CiroReportFilter filter = { DAY, DAY + 9, NULL };
  CiroSummary summary;
  const CiroCarrierRow *a, *p, *u;
  gint64 now = ciro_to_unix (DAY + 9, 10 * H);
  CiroKurus expense = 0, income = 0;

  for (guint i = 0; i < G_N_ELEMENTS (aras); i++)
    {
      g_autoptr(CiroOrderRecord) o = make_order (100 + i, (int) i, "TRENDYOL", "ARAS KARGO", 2);
      set_updated (o, H);
      put (f->store, o);
      sync_status (f->store, o, 5, aras[i].ship);
      if (aras[i].deliver >= 0)
        sync_status (f->store, o, 99, aras[i].ship + aras[i].deliver);
    }
  {
    g_autoptr(CiroOrderRecord) p1 = make_order (200, 0, "HEPSIBURADA", "PTT", 5);
    g_autoptr(CiroOrderRecord) p2 = make_order (201, 1, "HEPSIBURADA", "ptt kargo", 5);
    g_autoptr(CiroOrderRecord) p3 = make_order (202, 1, "TRENDYOL", "PTT", 5);
    g_autoptr(CiroOrderRecord) n1 = make_order (203, 2, "TRENDYOL", "", 1);

    set_updated (p1, 2 * D);                      /* shipped DAY + 2 10:00 → 7 days before now */
    put (f->store, p1);
    set_updated (p2, 2 * D);                      /* DAY + 3 10:00: 6 days before now, late */
    put (f->store, p2);
    set_updated (p3, 2 * D + 6 * H);              /* DAY + 3 16:00: 5.75 days, late */
    put (f->store, p3);
    sync_status (f->store, p1, 6, 5 * D);          /* returned after shipping */
    put (f->store, n1);
  }

  r = build (f->store, 0, 9, NULL, now);
  g_assert_cmpuint (r->carriers->len, ==, 3);
  /* most orders first */
  g_assert_cmpstr (((CiroCarrierRow *) r->carriers->pdata[0])->carrier, ==, "Aras Kargo");
  g_assert_cmpstr (((CiroCarrierRow *) r->carriers->pdata[1])->carrier, ==, "PTT Kargo");

  a = row (r, "Aras Kargo");
  g_assert_cmpint (a->orders, ==, 5);
  g_assert_cmpint (a->net_orders, ==, 5);
  g_assert_cmpfloat_with_epsilon (a->share_pct, 5.0 / 9 * 100, 1e-9);
  g_assert_cmpint (a->shipping_income, ==, 1100 + 1101 + 1102 + 1103 + 1104);
  g_assert_cmpint (a->shipping_expense, ==, 5 * 7500);
  g_assert_cmpint (a->expense_per_order, ==, 7500);
  g_assert_cmpint (a->days_to_ship_n, ==, 5);
  g_assert_cmpfloat_with_epsilon (a->days_to_ship_mean, 1.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->days_to_ship_median, 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->days_to_ship_p90, 3.0, 1e-9);
  g_assert_cmpint (a->days_to_deliver_n, ==, 4);
  g_assert_cmpfloat_with_epsilon (a->days_to_deliver_mean, 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->days_to_deliver_median, 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->days_to_deliver_p90, 5.0, 1e-9);
  /* the fifth Aras order shipped on DAY + 4 at 11:00 + 72 h = DAY + 7: not late yet */
  g_assert_cmpint (a->late, ==, 0);

  p = row (r, "PTT Kargo");
  g_assert_cmpint (p->orders, ==, 3);
  g_assert_cmpint (p->net_orders, ==, 2);
  g_assert_cmpint (p->shipping_income, ==, 1201 + 1202);
  g_assert_cmpint (p->shipping_expense, ==, 2 * 7500);
  g_assert_cmpint (p->days_to_ship_n, ==, 3);
  g_assert_cmpfloat_with_epsilon (p->days_to_ship_median, 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->days_to_ship_p90, 2.25, 1e-9);
  g_assert_cmpint (p->returned_after_shipping, ==, 1);
  g_assert_cmpfloat_with_epsilon (p->returned_after_shipping_pct, 100.0 / 3, 1e-9);
  g_assert_cmpint (p->late, ==, 2);

  u = row (r, CIRO_CARRIER_UNKNOWN);
  g_assert_cmpint (u->orders, ==, 1);
  g_assert_cmpint (u->shipped, ==, 0);

  /* the late orders, longest on the way first */
  g_assert_cmpuint (r->late_orders->len, ==, 2);
  {
    CiroLateOrder *l0 = r->late_orders->pdata[0], *l1 = r->late_orders->pdata[1];
    g_assert_cmpstr (l0->order_code, ==, "TY-201");
    g_assert_cmpstr (l0->carrier, ==, "PTT Kargo");
    g_assert_cmpstr (l0->cargo_number, ==, "CN000201");
    g_assert_cmpstr (l0->marketplace, ==, "Hepsiburada");
    g_assert_cmpfloat_with_epsilon (l0->days_since_shipping, 6.0, 1e-9);
    g_assert_cmpstr (l1->order_code, ==, "TY-202");
    g_assert_cmpfloat_with_epsilon (l1->days_since_shipping, 5.75, 1e-9);
  }

  /* per marketplace: PTT on Hepsiburada and on Trendyol */
  {
    guint n_ptt = 0;
    for (guint i = 0; i < r->by_marketplace->len; i++)
      {
        CiroCarrierRow *m = r->by_marketplace->pdata[i];
        if (g_str_equal (m->carrier, "PTT Kargo"))
          {
            n_ptt++;
            g_assert_cmpint (m->orders, ==, g_str_equal (m->marketplace, "Hepsiburada") ? 2 : 1);
            g_assert_cmpint (m->late, ==, 1);
          }
      }
    g_assert_cmpuint (n_ptt, ==, 2);
  }

  /* with no tariffs the expense and income add up to metrics.md's */
  for (guint i = 0; i < r->carriers->len; i++)
    {
      expense += ((CiroCarrierRow *) r->carriers->pdata[i])->shipping_expense;
      income += ((CiroCarrierRow *) r->carriers->pdata[i])->shipping_income;
    }
  g_assert_true (ciro_report_summary (f->store, &filter, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (expense, ==, summary.shipping_expense);
  g_assert_cmpint (income, ==, summary.shipping_income);

  /* the marketplace filter and the window apply */
  {
    g_autoptr(CiroCarrierReport) hb = build (f->store, 0, 9, "Hepsiburada", now);
    g_autoptr(CiroCarrierReport) first = build (f->store, 0, 0, NULL, now);
    g_assert_cmpuint (hb->carriers->len, ==, 1);
    g_assert_cmpint (row (hb, "PTT Kargo")->orders, ==, 2);
    g_assert_cmpfloat_with_epsilon (row (hb, "PTT Kargo")->share_pct, 100.0, 1e-9);
    g_assert_cmpuint (hb->late_orders->len, ==, 1);
    g_assert_cmpint (row (first, "Aras Kargo")->orders, ==, 1);
    g_assert_cmpint (row (first, "PTT Kargo")->orders, ==, 1);
  }

  /* the recompute rebuilds the same figures */
  g_assert_true (ciro_store_recompute (f->store, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CiroCarrierReport) again = build (f->store, 0, 9, NULL, now);
    g_assert_cmpfloat_with_epsilon (row (again, "Aras Kargo")->days_to_deliver_median, 3.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (row (again, "Aras Kargo")->days_to_ship_p90, 3.0, 1e-9);
    g_assert_cmpint (row (again, "PTT Kargo")->returned_after_shipping, ==, 1);
    g_assert_cmpint (row (again, "PTT Kargo")->shipping_income, ==, 1201 + 1202);
  }
}

/* ------------------------------------------------------------ advice */

static CiroCarrierRow *
mp_row (const char *mp, const char *carrier, gint64 net, CiroKurus per_order, double deliver_median,
        gint64 shipped, gint64 returned, gint64 late)
{
  CiroCarrierRow *r = g_new0 (CiroCarrierRow, 1);

  r->marketplace = g_strdup (mp);
  r->carrier = g_strdup (carrier);
  r->orders = r->net_orders = net;
  r->shipping_expense = net * per_order;
  r->days_to_deliver_n = net;
  r->days_to_deliver_median = deliver_median;
  r->shipped = shipped;
  r->returned_after_shipping = returned;
  r->late = late;
  return r;
}

static GPtrArray *
advise_pair (gint64 net_a, double median_b, gint64 returned_b, gint64 net_b)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_carrier_row_free);

  /* A: 100 ₺ per order, 2 days, 10 of 100 shipped returned */
  g_ptr_array_add (rows, mp_row ("Trendyol", "Aras Kargo", net_a, 10000, 2.0, 100, 10, 0));
  g_ptr_array_add (rows, mp_row ("Trendyol", "Sürat Kargo", net_b, 8000, median_b, 100, returned_b, 0));
  return ciro_carrier_advise (rows);
}

static void
test_advice_thresholds (void)
{
  g_autoptr(GPtrArray) at = advise_pair (40, 2.5, 12, 30);
  CiroCarrierAdvice *a;

  /* exactly on every threshold: median A + 0.5, returns 1.2 × A's, 30 orders */
  g_assert_cmpuint (at->len, ==, 1);
  a = at->pdata[0];
  g_assert_cmpint (a->kind, ==, CIRO_CARRIER_ADVICE_SWITCH);
  g_assert_cmpstr (a->carrier, ==, "Aras Kargo");
  g_assert_cmpstr (a->better, ==, "Sürat Kargo");
  g_assert_cmpstr (a->marketplace, ==, "Trendyol");
  g_assert_cmpint (a->net_orders, ==, 40);
  g_assert_cmpint (a->saving, ==, 40 * (10000 - 8000));

  /* just past each threshold: nothing */
  {
    g_autoptr(GPtrArray) slow = advise_pair (40, 2.51, 12, 30);
    g_autoptr(GPtrArray) returns = advise_pair (40, 2.5, 13, 30);
    g_autoptr(GPtrArray) few_b = advise_pair (40, 2.0, 10, 29);
    g_autoptr(GPtrArray) few_a = advise_pair (29, 2.0, 10, 40);
    g_assert_cmpuint (slow->len, ==, 0);
    g_assert_cmpuint (returns->len, ==, 0);
    g_assert_cmpuint (few_b->len, ==, 0);
    g_assert_cmpuint (few_a->len, ==, 0);
  }
  /* equal expense per order: no saving, no advice */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_carrier_row_free);
    g_autoptr(GPtrArray) adv = NULL;
    g_ptr_array_add (rows, mp_row ("Trendyol", "Aras Kargo", 50, 7500, 2.0, 50, 1, 0));
    g_ptr_array_add (rows, mp_row ("Trendyol", "PTT Kargo", 50, 7500, 1.0, 50, 0, 0));
    /* another marketplace's cheaper carrier is not compared */
    g_ptr_array_add (rows, mp_row ("N11", "Sendeo", 50, 100, 1.0, 50, 0, 0));
    adv = ciro_carrier_advise (rows);
    g_assert_cmpuint (adv->len, ==, 0);
  }
}

static void
test_advice_late_flag (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_carrier_row_free);
  g_autoptr(GPtrArray) adv = NULL;
  g_autoptr(GPtrArray) twice = NULL;
  CiroCarrierAdvice *a;

  /* PTT late 9 of 100; the others together 4 of 100 (Aras 1 of 50, YK 3 of 50) */
  g_ptr_array_add (rows, mp_row ("N11", "PTT Kargo", 100, 7500, 2.0, 100, 0, 9));
  g_ptr_array_add (rows, mp_row ("N11", "Aras Kargo", 50, 7500, 2.0, 50, 0, 1));
  g_ptr_array_add (rows, mp_row ("N11", "Yurtiçi Kargo", 50, 7500, 2.0, 50, 0, 3));
  adv = ciro_carrier_advise (rows);
  g_assert_cmpuint (adv->len, ==, 1);
  a = adv->pdata[0];
  g_assert_cmpint (a->kind, ==, CIRO_CARRIER_ADVICE_LATE);
  g_assert_cmpstr (a->carrier, ==, "PTT Kargo");
  g_assert_cmpfloat_with_epsilon (a->late_pct, 9.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->others_late_pct, 4.0, 1e-9);

  /* exactly twice the others': not flagged */
  ((CiroCarrierRow *) rows->pdata[0])->late = 8;
  twice = ciro_carrier_advise (rows);
  g_assert_cmpuint (twice->len, ==, 0);
}

static void
test_advice_text (void)
{
  CiroCarrierAdvice a = { CIRO_CARRIER_ADVICE_SWITCH, (char *) "Trendyol", (char *) "Aras Kargo",
                          (char *) "Sürat Kargo", 1234, 246800, 0, 0 };
  g_autofree char *text = NULL;

  text = ciro_carrier_advice_text (&a);
  g_assert_nonnull (strstr (text, "Aras Kargo"));
  g_assert_nonnull (strstr (text, "Sürat Kargo"));
  g_assert_nonnull (strstr (text, "2,468.00"));
}

/* ------------------------------------------------------------ on their way */

/* The late orders as insights.md §3 defines them, counted straight from
 * the orders and their timeline (not from order_transit). */
static gint64
late_by_definition (CiroStore *store, gint64 before)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM orders o JOIN order_status_events s ON s.order_id = o.id AND s.status = 5"
    " WHERE o.status NOT IN (6, 99) AND s.at < %" G_GINT64_FORMAT
    " AND NOT EXISTS (SELECT 1 FROM order_status_events d WHERE d.order_id = o.id AND d.status = 99)",
    before);
  return query_int (store, sql);
}

/* order_transit follows every write: an order enters it when shipped and
 * leaves it when delivered or cancelled; the late counts and the list,
 * also cut short, agree with the definition. */
static void
test_transit_follows (Fixture *f, gconstpointer data)
{
  g_autoptr(CiroOrderRecord) waiting = make_order (1, 0, "TRENDYOL", "Aras", 2);
  g_autoptr(CiroOrderRecord) late1 = make_order (2, 0, "TRENDYOL", "Aras", 2);
  g_autoptr(CiroOrderRecord) late2 = make_order (3, 0, "HEPSIBURADA", "PTT", 2);
  g_autoptr(CiroOrderRecord) delivered = make_order (4, 0, "TRENDYOL", "Aras", 2);
  g_autoptr(CiroOrderRecord) cancelled = make_order (5, 0, "TRENDYOL", "PTT", 2);
  g_autoptr(CiroOrderRecord) recent = make_order (6, 0, "TRENDYOL", "PTT", 2);
  g_autoptr(CiroCarrierReport) r = NULL;
  g_autoptr(GError) error = NULL;
  CiroReportFilter filter = { DAY, DAY, NULL };
  gint64 now = placed (late1) + 10 * D;

  put (f->store, waiting);
  sync_status (f->store, late1, 5, 1 * D);
  sync_status (f->store, late2, 5, 2 * D);
  sync_status (f->store, delivered, 5, 1 * D);
  sync_status (f->store, cancelled, 5, 1 * D);
  sync_status (f->store, recent, 5, 8 * D);       /* 2 days on its way at `now` */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM order_transit"), ==, 5);
  sync_status (f->store, delivered, 99, 3 * D);
  sync_status (f->store, cancelled, 6, 3 * D);
  sync_status (f->store, late1, 5, 4 * D);        /* a re-sync: shipped when first seen */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM order_transit"), ==, 3);

  r = build (f->store, 0, 0, NULL, now);
  g_assert_cmpint (late_by_definition (f->store, now - 5 * D), ==, 2);
  g_assert_cmpint (r->late_total, ==, 2);
  g_assert_cmpuint (r->late_orders->len, ==, 2);
  g_assert_cmpint (((CiroLateOrder *) r->late_orders->pdata[0])->order_id, ==, 2);
  g_assert_cmpstr (((CiroLateOrder *) r->late_orders->pdata[0])->carrier, ==, "Aras Kargo");
  g_assert_cmpstr (((CiroLateOrder *) r->late_orders->pdata[0])->cargo_number, ==, "CN000002");
  g_assert_cmpfloat_with_epsilon (((CiroLateOrder *) r->late_orders->pdata[0])->days_since_shipping, 9.0, 1e-9);
  g_assert_cmpint (((CiroLateOrder *) r->late_orders->pdata[1])->order_id, ==, 3);
  g_assert_cmpstr (((CiroLateOrder *) r->late_orders->pdata[1])->carrier, ==, "PTT Kargo");
  g_assert_cmpint (row (r, "Aras Kargo")->late, ==, 1);
  g_assert_cmpint (row (r, "PTT Kargo")->late, ==, 1);
  g_clear_pointer (&r, ciro_carrier_report_free);

  /* listed at most one; counted all the same */
  r = ciro_carrier_report_build_full (f->store, &filter, CIRO_CARRIER_LATE_DAYS_DEFAULT, now, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->late_total, ==, 2);
  g_assert_cmpuint (r->late_orders->len, ==, 1);
  g_assert_cmpint (((CiroLateOrder *) r->late_orders->pdata[0])->order_id, ==, 2);
  g_assert_cmpint (row (r, "PTT Kargo")->late, ==, 1);
  g_clear_pointer (&r, ciro_carrier_report_free);

  /* four days later the recent one is late too; a recompute builds the same */
  g_assert_true (ciro_store_recompute (f->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM order_transit"), ==, 3);
  r = build (f->store, 0, 0, NULL, now + 4 * D);
  g_assert_cmpint (late_by_definition (f->store, now - 1 * D), ==, 3);
  g_assert_cmpint (r->late_total, ==, 3);
  g_assert_cmpint (row (r, "PTT Kargo")->late, ==, 2);
}

/* ------------------------------------------------------------ migration */

/* A version-5 store's orders start their timeline with their current
 * status (at updated_at when usable) and get carrier figures from the
 * recompute the migration asks for. */
static void
test_migration_from_v5 (Fixture *f, gconstpointer data)
{
  guint n_migrations;
  const char * const *migrations = ciro_schema_migrations (&n_migrations);
  g_autofree char *path = g_build_filename (f->dir, "v5.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(CiroCarrierReport) r = NULL;
  sqlite3 *db = NULL;
  gint64 day = DAY;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint v = 0; v < 5; v++)
    {
      g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %u", v + 1);
      g_assert_cmpint (sqlite3_exec (db, migrations[v], NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, set, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  {
    g_autofree char *sql = g_strdup_printf (
      "INSERT INTO marketplaces (id, name, commission, shipping_cost) VALUES (1, 'Trendyol', 2150, 7500);"
      "INSERT INTO orders (id, day, seconds, updated_at, marketplace_id, status, shipping_total, cargo_provider)"
      " VALUES (1, %" G_GINT64_FORMAT ", 36000, '2025-03-11 16:00:00', 1, 5, 500, 'YURTİÇİ KARGO'),"
      " (2, %" G_GINT64_FORMAT ", 36000, '2025-03-01 00:00:00', 1, 99, 0, 'Aras')",
      day, day);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  sqlite3_close (db);

  store = ciro_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (ciro_store_needs_recompute (store));
  /* updated_at 1.25 days after the order; order 2's is before it */
  g_assert_cmpint (event_at (store, 1, 5), ==, ciro_to_unix (DAY, 10 * H) + 30 * H);
  g_assert_cmpint (event_at (store, 2, 99), >, ciro_to_unix (DAY + 300, 0));
  g_assert_true (ciro_store_recompute (store, NULL, &error));
  g_assert_no_error (error);
  r = build (store, 0, 0, NULL, ciro_to_unix (DAY + 3, 0));
  g_assert_cmpuint (r->carriers->len, ==, 2);
  g_assert_cmpint (row (r, "Yurtiçi Kargo")->days_to_ship_n, ==, 1);
  g_assert_cmpfloat_with_epsilon (row (r, "Yurtiçi Kargo")->days_to_ship_median, 1.25, 1e-9);
  g_assert_cmpint (row (r, "Yurtiçi Kargo")->shipping_income, ==, 500);
  g_assert_cmpint (row (r, "Aras Kargo")->shipped, ==, 1);
  /* order 1 is on its way since 1.25 days after it was placed: late at 1 day */
  g_assert_cmpint (r->late_total, ==, 0);
  g_clear_pointer (&r, ciro_carrier_report_free);
  {
    CiroReportFilter filter = { DAY, DAY, NULL };
    r = ciro_carrier_report_build_full (store, &filter, 1, ciro_to_unix (DAY + 3, 0), -1, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpint (r->late_total, ==, 1);
  g_assert_cmpstr (((CiroLateOrder *) r->late_orders->pdata[0])->carrier, ==, "Yurtiçi Kargo");
  ciro_test_remove_store (path);
}

/* ------------------------------------------------------------ demo and mock */

static CiroDemo *
small_demo (guint64 n_orders)
{
  CiroDemoOptions o;

  ciro_demo_options_init (&o);
  o.n_orders = n_orders;
  o.n_products = 40;
  o.seed = 17;
  o.end_day = ciro_day_from_ymd (2025, 3, 20);
  o.n_days = 60;
  return ciro_demo_new (&o);
}

typedef struct {
  gboolean done, ok;
  GError  *error;
} Wait;

static void
sync_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *w = data;
  CiroSyncStats stats;

  w->ok = ciro_sync_run_finish (CIRO_SYNC (source), result, &stats, &w->error);
  w->done = TRUE;
}

static void
sync_from (CiroMock *mock, CiroDemo *demo, const char *path)
{
  CiroSentosTiming t;
  g_autoptr(CiroSentosClient) client = NULL;
  g_autoptr(CiroSync) sync = NULL;
  CiroSyncRequest req = { "full", TRUE, TRUE, ciro_demo_first_day (demo), ciro_demo_last_day (demo), 7, 100 };
  Wait w = { 0 };

  ciro_sentos_timing_init (&t);
  t.pause_ms = 0;
  t.retry_base_ms = 10;
  t.retry_cap_ms = 50;
  t.same_url_window_ms = 0;
  client = ciro_sentos_client_new (ciro_mock_get_url (mock), "key", "secret", &t);
  sync = ciro_sync_new (path, client);
  ciro_sync_run_async (sync, &req, NULL, sync_done, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
}

/* Two syncs two days apart: the mock shows the orders further along the
 * second time, and the timeline holds the moments the demo's orders
 * reached each status (their updated_at), as seen by the syncs. */
static void
test_mock_later_sync (Fixture *f, gconstpointer data)
{
  g_autoptr(CiroDemo) demo = small_demo (1500);
  g_autoptr(CiroMock) mock = NULL;
  g_autoptr(GError) error = NULL;
  gint64 shipped_then_delivered, in_transit_first, in_transit_second;

  g_setenv ("CIRO_NOW", "2025-03-21 08:00:00", TRUE);
  mock = ciro_mock_new (demo, "key", "secret", &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);
  sync_from (mock, demo, f->path);
  f->store = ciro_store_open (f->path, &error);
  in_transit_first = query_int (f->store, "SELECT count(*) FROM orders WHERE status IN (1, 2, 4, 5)");
  g_assert_cmpint (in_transit_first, >, 20);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM order_status_events e JOIN orders o"
                                         " ON o.id = e.order_id AND o.status = e.status"), ==,
                   query_int (f->store, "SELECT count(*) FROM orders"));
  g_clear_object (&f->store);

  g_setenv ("CIRO_NOW", "2025-03-23 08:00:00", TRUE);
  sync_from (mock, demo, f->path);
  f->store = ciro_store_open (f->path, &error);
  in_transit_second = query_int (f->store, "SELECT count(*) FROM orders WHERE status IN (1, 2, 4, 5)");
  g_assert_cmpint (in_transit_second, <, in_transit_first);
  /* orders seen shipped by the first sync and delivered by the second */
  shipped_then_delivered = query_int (f->store,
    "SELECT count(*) FROM order_status_events s JOIN order_status_events d"
    " ON d.order_id = s.order_id AND d.status = 99 WHERE s.status = 5");
  g_assert_cmpint (shipped_then_delivered, >, 5);

  /* each moment is the one the demo's order reached that status at */
  {
    sqlite3_stmt *stmt = NULL;
    guint checked = 0;

    g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (f->store),
                                         "SELECT o.id, o.day, o.seconds, o.cargo_provider, e.status, e.at"
                                         " FROM order_status_events e JOIN orders o ON o.id = e.order_id"
                                         " WHERE e.status IN (5, 99) AND o.status <> 7 AND o.status <> 12",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_autoptr(CiroOrderRecord) o = ciro_order_record_new ();
        CiroDemoStage stages[CIRO_DEMO_MAX_STAGES];
        guint n;
        gboolean found = FALSE;

        o->id = sqlite3_column_int64 (stmt, 0);
        o->day = sqlite3_column_int (stmt, 1);
        o->seconds = sqlite3_column_int (stmt, 2);
        o->cargo_provider = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
        o->status = 99;
        n = ciro_demo_order_stages (demo, o, stages);
        for (guint i = 0; i < n; i++)
          if (stages[i].status == sqlite3_column_int (stmt, 4))
            {
              g_assert_cmpint (stages[i].at, ==, sqlite3_column_int64 (stmt, 5));
              found = TRUE;
            }
        g_assert_true (found);
        checked++;
      }
    sqlite3_finalize (stmt);
    g_assert_cmpuint (checked, >, 100);
  }

  /* the days to deliver of the orders both syncs saw */
  {
    g_autoptr(CiroCarrierReport) r = build (f->store, -14, 10, NULL, ciro_to_unix (DAY + 13, 8 * H));
    gint64 timed = 0;
    for (guint i = 0; i < r->carriers->len; i++)
      timed += ((CiroCarrierRow *) r->carriers->pdata[i])->days_to_deliver_n;
    g_assert_cmpint (timed, ==, shipped_then_delivered);
  }
}

/* The demo written directly has every order's history, and its carriers
 * differ as the demo says: PTT slow, often late, often returned; Trendyol
 * Express fast and seldom late. */
static void
test_demo_carriers_differ (Fixture *f, gconstpointer data)
{
  g_autoptr(CiroDemo) demo = small_demo (12000);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroCarrierReport) r = NULL;
  const CiroCarrierRow *ptt, *tex;

  g_assert_true (ciro_demo_populate (demo, f->store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  r = build (f->store, -70, 20, NULL, ciro_demo_end_moment (demo));
  g_assert_cmpuint (r->carriers->len, ==, 6);
  ptt = row (r, "PTT Kargo");
  tex = row (r, "Trendyol Express");
  g_assert_cmpint (ptt->days_to_deliver_n, >, 1000);
  g_assert_cmpfloat (ptt->days_to_ship_median, >, tex->days_to_ship_median + 0.3);
  g_assert_cmpfloat (ptt->days_to_deliver_median, >, tex->days_to_deliver_median + 0.5);
  g_assert_cmpfloat (ptt->days_to_deliver_p90, >, ptt->days_to_deliver_median);
  g_assert_cmpfloat (ptt->returned_after_shipping_pct, >, tex->returned_after_shipping_pct);
  /* shipped within 1–3 days, delivered 1–4 days later, as insights.md's demo */
  g_assert_cmpfloat (tex->days_to_ship_median, >=, 0.6);
  g_assert_cmpfloat (ptt->days_to_ship_median, <=, 3.0);
  g_assert_cmpfloat (tex->days_to_deliver_median, >=, 1.0);
  g_assert_cmpfloat (ptt->days_to_deliver_median, <=, 4.0);
  /* late parcels right at the end of the history, PTT's the most */
  g_assert_cmpuint (r->late_orders->len, >, 0);
  g_assert_cmpint (ptt->late, >=, tex->late);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/carriers/aliases", test_aliases);
#define ADD(name, fn) g_test_add ("/carriers/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("timeline/moves", test_timeline_moves);
  ADD ("timeline/first-seen-delivered", test_timeline_first_seen_delivered);
  ADD ("timeline/bad-updated-at", test_timeline_bad_updated_at);
  ADD ("timeline/cancelled-after-shipping", test_timeline_cancelled_after_shipping);
  ADD ("timeline/resync-no-change", test_timeline_resync_no_change);
  ADD ("figures/by-hand", test_figures_by_hand);
  ADD ("transit/follows", test_transit_follows);
  ADD ("migration/from-v5", test_migration_from_v5);
  ADD ("demo/mock-later-sync", test_mock_later_sync);
  ADD ("demo/carriers-differ", test_demo_carriers_differ);
#undef ADD
  g_test_add_func ("/carriers/advice/thresholds", test_advice_thresholds);
  g_test_add_func ("/carriers/advice/late-flag", test_advice_late_flag);
  g_test_add_func ("/carriers/advice/text", test_advice_text);
  return g_test_run ();
}
