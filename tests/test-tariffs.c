/* test-tariffs.c: carrier tariffs with history and actual cargo set the
 * shipping expense of the summary and of the carriers alike (insights.md
 * §3, profit.md "Actual fees")
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
#include "core/ciro-error.h"
#include "store/ciro-fees.h"
#include "store/ciro-schema.h"
#include "store/ciro-store-sql.h"
#include "store/ciro-tariffs.h"
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

  f->dir = ciro_test_tmpdir ("tariffs");
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

/* An order placed on DAY + day_offset at 10:00, shipped (status 5) a day later. */
static void
put (CiroStore *store, gint64 id, int day_offset, const char *source, const char *carrier, gint32 status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroOrderRecord) o = ciro_order_record_new ();
  CiroOrderLineRecord *l = ciro_order_line_record_new ();

  o->id = id;
  o->order_code = g_strdup_printf ("TY-%" G_GINT64_FORMAT, id);
  o->day = DAY + day_offset;
  o->seconds = 10 * H;
  o->updated_at = ciro_datetime_format (o->day + 1, 10 * H);
  o->source = g_strdup (source);
  o->status = status;
  o->shipping_total = 1000;
  o->cargo_provider = g_strdup (carrier);
  l->sku = g_strdup ("X-1");
  l->quantity = 1;
  l->price = l->amount = 10000;
  g_ptr_array_add (o->lines, l);
  g_assert_true (ciro_store_begin (store, &error));
  g_assert_true (ciro_store_put_order (store, o, &error));
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
}

static CiroKurus
summary_expense (CiroStore *store, const char *marketplace)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter filter = { DAY, DAY + 9, (char *) marketplace };
  CiroSummary s;

  g_assert_true (ciro_report_summary (store, &filter, &s, &error));
  g_assert_no_error (error);
  return s.shipping_expense;
}

static CiroCarrierReport *
carriers (CiroStore *store, const char *marketplace)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter filter = { DAY, DAY + 9, (char *) marketplace };
  CiroCarrierReport *r = ciro_carrier_report_build (store, &filter, CIRO_CARRIER_LATE_DAYS_DEFAULT,
                                                    ciro_to_unix (DAY + 12, 0), &error);
  g_assert_no_error (error);
  return r;
}

/* The carrier's expense (0 when it has no row). */
static CiroKurus
carrier_expense (CiroCarrierReport *r, const char *carrier, CiroKurus *per_order)
{
  for (guint i = 0; i < r->carriers->len; i++)
    {
      CiroCarrierRow *row = r->carriers->pdata[i];
      if (g_str_equal (row->carrier, carrier))
        {
          if (per_order != NULL)
            *per_order = row->expense_per_order;
          return row->shipping_expense;
        }
    }
  return 0;
}

static CiroKurus
carriers_total (CiroStore *store, const char *marketplace)
{
  g_autoptr(CiroCarrierReport) r = carriers (store, marketplace);
  CiroKurus sum = 0;

  for (guint i = 0; i < r->carriers->len; i++)
    sum += ((CiroCarrierRow *) r->carriers->pdata[i])->shipping_expense;
  return sum;
}

/* Summary and carriers agree, for all marketplaces and each. */
static void
assert_agree (CiroStore *store, CiroKurus all, CiroKurus trendyol, CiroKurus hepsiburada)
{
  g_assert_cmpint (summary_expense (store, NULL), ==, all);
  g_assert_cmpint (carriers_total (store, NULL), ==, all);
  g_assert_cmpint (summary_expense (store, "Trendyol"), ==, trendyol);
  g_assert_cmpint (carriers_total (store, "Trendyol"), ==, trendyol);
  g_assert_cmpint (summary_expense (store, "Hepsiburada"), ==, hepsiburada);
  g_assert_cmpint (carriers_total (store, "Hepsiburada"), ==, hepsiburada);
}

static void
recompute (CiroStore *store)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (ciro_store_recompute (store, NULL, &error));
  g_assert_no_error (error);
}

/* Both marketplaces charge ₺75 per order (metrics.md's default). Orders:
 *   1 Aras Trendyol DAY+0, 2 Aras Trendyol DAY+2, 3 Aras Trendyol DAY+4,
 *   4 Aras Trendyol DAY+6, 5 Aras Hepsiburada DAY+1, 6 Aras Hepsiburada DAY+5,
 *   7 PTT Trendyol DAY+3, 8 PTT Trendyol DAY+3 cancelled, 9 no carrier Trendyol DAY+1.
 * Tariffs: Aras (any marketplace) ₺50 from DAY+3, Aras on Trendyol ₺40 from
 * DAY+5, PTT ₺60 from long before. By hand, per net order:
 *   1: 75 (no tariff yet)  2: 75  3: 50 (general)  4: 40 (Trendyol's)
 *   5: 75  6: 50 (Trendyol's is not Hepsiburada's)  7: 60  9: 75
 * Trendyol 75+75+50+40+60+75 = 375, Hepsiburada 125, all 500. */
static void
test_tariffs_by_hand (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  CiroKurus per = -1;

  put (f->store, 1, 0, "TRENDYOL", "Aras Kargo", 5);
  put (f->store, 2, 2, "TRENDYOL", "ARAS", 5);
  put (f->store, 3, 4, "TRENDYOL", "aras kargo", 5);
  put (f->store, 4, 6, "TRENDYOL", "Aras", 5);
  put (f->store, 5, 1, "HEPSIBURADA", "Aras", 5);
  put (f->store, 6, 5, "HEPSIBURADA", "Aras", 5);
  put (f->store, 7, 3, "TRENDYOL", "PTT", 5);
  put (f->store, 8, 3, "TRENDYOL", "PTT", 6);
  put (f->store, 9, 1, "TRENDYOL", "", 1);

  /* no tariffs: metrics.md's figure, 8 net orders × ₺75 */
  assert_agree (f->store, 8 * 7500, 6 * 7500, 2 * 7500);

  g_assert_true (ciro_store_set_tariff (f->store, "aras", NULL, DAY + 3, 5000, &error));
  g_assert_true (ciro_store_set_tariff (f->store, " ARAS KARGO ", "trendyol", DAY + 5, 4000, &error));
  g_assert_true (ciro_store_set_tariff (f->store, "Ptt Kargo", "", DAY - 100, 6000, &error));
  g_assert_no_error (error);
  list = ciro_store_list_tariffs (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((CiroTariff *) list->pdata[0])->carrier, ==, "Aras Kargo");
  g_assert_cmpstr (((CiroTariff *) list->pdata[0])->marketplace, ==, "");
  g_assert_cmpstr (((CiroTariff *) list->pdata[1])->marketplace, ==, "Trendyol");
  g_assert_cmpstr (((CiroTariff *) list->pdata[2])->carrier, ==, "PTT Kargo");

  assert_agree (f->store, 50000, 37500, 12500);
  {
    g_autoptr(CiroCarrierReport) r = carriers (f->store, NULL);
    g_assert_cmpint (carrier_expense (r, "Aras Kargo", &per), ==, 36500);
    g_assert_cmpint (per, ==, 6083);               /* 36500 / 6, rounded */
    g_assert_cmpint (carrier_expense (r, "PTT Kargo", &per), ==, 6000);
    g_assert_cmpint (per, ==, 6000);
    g_assert_cmpint (carrier_expense (r, CIRO_CARRIER_UNKNOWN, NULL), ==, 7500);
  }
  {
    g_autoptr(CiroCarrierReport) r = carriers (f->store, "Trendyol");
    g_assert_cmpint (carrier_expense (r, "Aras Kargo", &per), ==, 7500 + 7500 + 5000 + 4000);
    g_assert_cmpint (per, ==, 6000);
  }

  /* an order written after the tariffs gets its tariff from the writer:
   * Aras on Trendyol DAY+7 → ₺40; a recompute finds the same */
  put (f->store, 10, 7, "TRENDYOL", "Aras", 5);
  assert_agree (f->store, 54000, 41500, 12500);
  recompute (f->store);
  assert_agree (f->store, 54000, 41500, 12500);

  /* replacing a tariff of the same day replaces it */
  g_assert_true (ciro_store_set_tariff (f->store, "PTT", NULL, DAY - 100, 6500, &error));
  g_assert_no_error (error);
  assert_agree (f->store, 54500, 42000, 12500);

  /* Trendyol's own Aras tariff removed: orders 4 and 10 fall back to ₺50 */
  g_assert_true (ciro_store_remove_tariff (f->store, "Aras", "Trendyol", DAY + 5, &error));
  g_assert_no_error (error);
  assert_agree (f->store, 56500, 44000, 12500);
  g_assert_false (ciro_store_remove_tariff (f->store, "Aras", "Trendyol", DAY + 5, &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* no tariffs left: every figure is metrics.md's again */
  g_assert_true (ciro_store_remove_tariff (f->store, "Aras", NULL, DAY + 3, &error));
  g_assert_true (ciro_store_remove_tariff (f->store, "PTT", NULL, DAY - 100, &error));
  g_assert_no_error (error);
  assert_agree (f->store, 9 * 7500, 7 * 7500, 2 * 7500);
  g_assert_cmpint (ciro_store_count_orders (f->store, NULL), ==, 10);

  /* refused: no carrier, a negative or absurd amount, no date */
  g_assert_false (ciro_store_set_tariff (f->store, "  ", NULL, DAY, 100, &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ciro_store_set_tariff (f->store, "Aras", NULL, DAY, -1, &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ciro_store_set_tariff (f->store, "Aras", NULL, DAY, 10000001, &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ciro_store_set_tariff (f->store, "Aras", NULL, CIRO_DAY_INVALID, 100, &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
}

/* A deferring store (the window's) marks the figures due instead of
 * recomputing inline; the recompute brings them up to date. */
static void
test_tariff_deferred (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  put (f->store, 1, 0, "TRENDYOL", "Aras", 5);
  ciro_store_set_defer_recompute (f->store, TRUE);
  g_assert_true (ciro_store_set_tariff (f->store, "Aras", NULL, DAY, 3000, &error));
  g_assert_no_error (error);
  g_assert_true (ciro_store_needs_recompute (f->store));
  recompute (f->store);
  g_assert_false (ciro_store_needs_recompute (f->store));
  assert_agree (f->store, 3000, 3000, 0);
}

/* Imported actual cargo beats the tariff and the marketplace's cost, in the
 * summary and the carriers alike; re-importing changes nothing. */
static void
test_actual_cargo (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "fees.csv", NULL);

  put (f->store, 1, 0, "TRENDYOL", "Aras", 5);
  put (f->store, 2, 1, "TRENDYOL", "Aras", 5);
  put (f->store, 3, 2, "TRENDYOL", "PTT", 5);
  put (f->store, 4, 2, "TRENDYOL", "PTT", 6);
  g_assert_true (ciro_store_set_tariff (f->store, "PTT", NULL, DAY, 6000, &error));
  g_assert_no_error (error);
  assert_agree (f->store, 7500 + 7500 + 6000, 21000, 0);

  /* order 2's cargo ₺33.33, order 3's (tariffed) ₺12.00, order 4 cancelled */
  g_assert_true (g_file_set_contents (csv, "Sipariş No;Kargo Bedeli\nTY-2;33,33\nTY-3;12,00\nTY-4;99,00\n",
                                      -1, &error));
  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(CiroFeeImportResult) res = ciro_store_import_fees (f->store, csv, "Trendyol",
                                                                   "order=Sipariş No,cargo=Kargo Bedeli", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (res->orders, ==, 3);
      g_assert_cmpuint (res->updated, ==, pass == 0 ? 3 : 0);
      assert_agree (f->store, 7500 + 3333 + 1200, 7500 + 3333 + 1200, 0);
    }
  {
    g_autoptr(CiroCarrierReport) r = carriers (f->store, NULL);
    CiroKurus per = -1;
    g_assert_cmpint (carrier_expense (r, "Aras Kargo", &per), ==, 7500 + 3333);
    g_assert_cmpint (per, ==, 5417);               /* 10833 / 2, half away from zero */
    g_assert_cmpint (carrier_expense (r, "PTT Kargo", &per), ==, 1200);
  }
  /* a recompute and a later tariff keep the actual cargo first */
  g_assert_true (ciro_store_set_tariff (f->store, "Aras", NULL, DAY - 5, 2000, &error));
  g_assert_no_error (error);
  assert_agree (f->store, 2000 + 3333 + 1200, 6533, 0);
  /* a re-sync of the order keeps its actual cargo and tariff */
  put (f->store, 2, 1, "TRENDYOL", "Aras", 99);
  assert_agree (f->store, 2000 + 3333 + 1200, 6533, 0);
}

/* The v11 migration from every older version: the tariff table and
 * columns exist, and a store with actual cargo has its carrier figures
 * rebuilt with it. */
static void
test_migration_every_version (Fixture *f, gconstpointer data)
{
  guint n_migrations;
  const char *const *migrations = ciro_schema_migrations (&n_migrations);

  g_assert_cmpuint (n_migrations, >=, 11);
  for (guint version = 1; version < 11; version++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("%s/v%u.db", f->dir, version);
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      for (guint v = 0; v < version; v++)
        {
          g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %u", v + 1);
          g_assert_cmpint (sqlite3_exec (db, migrations[v], NULL, NULL, NULL), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_exec (db, set, NULL, NULL, NULL), ==, SQLITE_OK);
        }
      g_assert_cmpint (sqlite3_exec (db,
        "INSERT INTO marketplaces (id, name, commission, shipping_cost) VALUES (1, 'Trendyol', 0, 7500);"
        "INSERT INTO orders (id, day, seconds, marketplace_id, status, shipping_total, cargo_provider)"
        " VALUES (1, 20157, 36000, 1, 5, 500, 'Aras'), (2, 20157, 36000, 1, 5, 0, 'Aras');",
        NULL, NULL, NULL), ==, SQLITE_OK);
      if (version >= 5)
        g_assert_cmpint (sqlite3_exec (db, "UPDATE orders SET actual_cargo = 2500 WHERE id = 2",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
      {
        g_autoptr(CiroStore) store = ciro_store_open (path, &error);
        CiroReportFilter filter = { 20157, 20157, NULL };
        g_autoptr(CiroCarrierReport) r = NULL;
        CiroSummary s;
        CiroKurus want = version >= 5 ? 7500 + 2500 : 2 * 7500;

        g_assert_no_error (error);
        g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, CIRO_STORE_SCHEMA_VERSION);
        g_assert_cmpint (query_int (store, "SELECT count (*) FROM carrier_tariffs"), ==, 0);
        g_assert_cmpint (query_int (store, "SELECT count (tariff) FROM orders"), ==, 0);
        recompute (store);
        g_assert_true (ciro_report_summary (store, &filter, &s, &error));
        g_assert_no_error (error);
        g_assert_cmpint (s.shipping_expense, ==, want);
        r = ciro_carrier_report_build (store, &filter, 5, ciro_to_unix (20158, 0), &error);
        g_assert_no_error (error);
        g_assert_cmpuint (r->carriers->len, ==, 1);
        g_assert_cmpint (((CiroCarrierRow *) r->carriers->pdata[0])->shipping_expense, ==, want);
        /* a tariff on the migrated store */
        g_assert_true (ciro_store_set_tariff (store, "Aras", NULL, 20000, 1000, &error));
        g_assert_no_error (error);
        g_assert_true (ciro_report_summary (store, &filter, &s, &error));
        g_assert_cmpint (s.shipping_expense, ==, version >= 5 ? 1000 + 2500 : 2000);
      }
      ciro_test_remove_store (path);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, fn) g_test_add ("/tariffs/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("by-hand", test_tariffs_by_hand);
  ADD ("deferred", test_tariff_deferred);
  ADD ("actual-cargo", test_actual_cargo);
  ADD ("migration/every-version", test_migration_every_version);
#undef ADD
  return g_test_run ();
}
