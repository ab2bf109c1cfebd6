/* test-late-alerts.c: the notification for orders gone late (insights.md §3)
 *
 * Orders written as syncs write them (status and updated_at), checked at
 * chosen moments: the orders late then and never told make one
 * notification with their count and names; told orders are never told
 * again, also after the store is opened anew; with the switch off nothing
 * is told and nothing comes back when it is switched on; the orders late
 * at a store's first check are its backlog, learnt silently. Run in
 * English and in Turkish (the tests' meson.build).
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "analytics/ciro-alerts.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "ciro-test-util.h"

#define DAY (ciro_day_from_ymd (2025, 3, 10))
#define H 3600
#define D 86400

static char *dir;
static guint n_db;

static char *
new_path (void)
{
  return g_strdup_printf ("%s/late%u.db", dir, n_db++);
}

static CiroStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  CiroStore *store = ciro_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* An order placed on DAY + day_offset at 10:00 (Istanbul), with Aras. */
static CiroOrderRecord *
make_order (gint64 id, int day_offset)
{
  CiroOrderRecord *o = ciro_order_record_new ();
  CiroOrderLineRecord *l = ciro_order_line_record_new ();

  o->id = id;
  o->order_code = g_strdup_printf ("TY-%" G_GINT64_FORMAT, id);
  o->day = DAY + day_offset;
  o->seconds = 10 * H;
  o->source = g_strdup ("Trendyol");
  o->status = 2;
  o->shipping_total = 1000;
  o->cargo_provider = g_strdup ("aras");
  o->cargo_number = g_strdup_printf ("CN%06" G_GINT64_FORMAT, id);
  l->sku = g_strdup ("X-1");
  l->quantity = 1;
  l->price = l->amount = 10000;
  l->status = g_strdup ("accepted");
  g_ptr_array_add (o->lines, l);
  return o;
}

/* A sync sees the order in `status`, updated `after` seconds after it was placed. */
static void
sync_status (CiroStore *store, CiroOrderRecord *o, gint32 status, gint64 after)
{
  g_autoptr(GError) error = NULL;
  CiroDay day;
  gint32 seconds;

  o->status = status;
  ciro_from_unix (ciro_to_unix (o->day, o->seconds) + after, &day, &seconds);
  g_free (o->updated_at);
  o->updated_at = ciro_datetime_format (day, seconds);
  g_assert_true (ciro_store_begin (store, &error));
  g_assert_true (ciro_store_put_order (store, o, &error));
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
}

/* An order shipped one day after it was placed on DAY + day_offset. */
static void
shipped (CiroStore *store, gint64 id, int day_offset)
{
  g_autoptr(CiroOrderRecord) o = make_order (id, day_offset);

  sync_status (store, o, 2, H);
  sync_status (store, o, 5, D);
}

/* The late-orders alerts of a check on DAY + day at 12:00. */
static GPtrArray *
check (CiroStore *store, int day, gboolean on)
{
  CiroAlertSwitches sw = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *late = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_alert_free);

  sw.late_orders = on;
  all = ciro_alerts_check (store, DAY + day, 12 * H, &sw, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    if (((CiroAlert *) all->pdata[i])->kind == CIRO_ALERT_LATE_ORDERS)
      g_ptr_array_add (late, g_ptr_array_steal_index (all, i--));
  return late;
}

static void
assert_none (CiroStore *store, int day, gboolean on)
{
  g_autoptr(GPtrArray) alerts = check (store, day, on);
  g_assert_cmpuint (alerts->len, ==, 0);
}

static char *
title_for (guint n)
{
  g_autofree char *count = ciro_count_format (n, ciro_number_style_from_locale ());
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s order is late", "%s orders are late", n), count);
}

static char *
named (gint64 id, int days)
{
  g_autofree char *code = g_strdup_printf ("TY-%" G_GINT64_FORMAT, id);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s%s (%s, shipped %d day ago)",
                                       "%s%s (%s, shipped %d days ago)", days),
                          "", code, "Aras Kargo", days);
}

/* One alert: its title for `n` orders, its body naming exactly `ids`. */
static void
assert_alert (GPtrArray *alerts, guint n, const gint64 *ids, guint n_ids)
{
  const CiroAlert *a;
  g_autofree char *title = title_for (n);

  g_assert_cmpuint (alerts->len, ==, 1);
  a = alerts->pdata[0];
  g_assert_cmpstr (a->title, ==, title);
  g_assert_cmpstr (a->page, ==, "shipping-late");
  g_assert_null (a->product_sku);
  for (gint64 id = 1; id < 100; id++)
    {
      g_autofree char *code = g_strdup_printf ("TY-%" G_GINT64_FORMAT " ", id);
      gboolean want = FALSE;

      for (guint i = 0; i < n_ids; i++)
        want |= ids[i] == id;
      g_assert_cmpint (strstr (a->body, code) != NULL, ==, want);
    }
}

static gboolean
turkish (void)
{
  const char *lang = g_getenv ("LANGUAGE");
  return lang != NULL && g_str_has_prefix (lang, "tr");
}

static void
test_once_per_order (void)
{
  g_autofree char *path = new_path ();
  CiroStore *store = open_store (path);

  /* an order placed, not yet shipped: the first check learns the (empty)
   * backlog */
  {
    g_autoptr(CiroOrderRecord) o = make_order (1, 0);
    sync_status (store, o, 2, H);
  }
  assert_none (store, 1, TRUE);

  /* three shipped on DAY + 1, one on DAY + 4, one delivered, one
   * cancelled after shipping */
  shipped (store, 11, 0);
  shipped (store, 12, 0);
  shipped (store, 13, 0);
  shipped (store, 14, 3);
  {
    g_autoptr(CiroOrderRecord) o = make_order (15, 0);
    sync_status (store, o, 5, D);
    sync_status (store, o, 99, 3 * D);
  }
  {
    g_autoptr(CiroOrderRecord) o = make_order (16, 0);
    sync_status (store, o, 5, D);
    sync_status (store, o, 6, 2 * D);
  }
  /* DAY + 6 at 12:00: 5 days and 2 hours on the way, late */
  {
    g_autoptr(GPtrArray) alerts = check (store, 6, TRUE);
    const gint64 ids[] = { 11, 12, 13 };
    g_autofree char *one = named (11, 5);

    assert_alert (alerts, 3, ids, G_N_ELEMENTS (ids));
    g_assert_true (g_str_has_prefix (((CiroAlert *) alerts->pdata[0])->body, one));
    if (turkish ())
      {
        g_assert_cmpstr (((CiroAlert *) alerts->pdata[0])->title, ==, "3 sipariş gecikti");
        g_assert_true (g_str_has_prefix (((CiroAlert *) alerts->pdata[0])->body,
                                         "TY-11 (Aras Kargo, 5 gün önce kargoya verildi)"));
      }
    else
      g_assert_true (g_str_has_prefix (((CiroAlert *) alerts->pdata[0])->body,
                                       "TY-11 (Aras Kargo, shipped 5 days ago), TY-12 "));
  }
  /* the same orders, still late: nothing new */
  assert_none (store, 6, TRUE);
  assert_none (store, 8, TRUE);

  /* DAY + 10: the one shipped on DAY + 4 is late too, named alone */
  {
    g_autoptr(GPtrArray) alerts = check (store, 10, TRUE);
    const gint64 ids[] = { 14 };

    assert_alert (alerts, 1, ids, G_N_ELEMENTS (ids));
    if (turkish ())
      g_assert_cmpstr (((CiroAlert *) alerts->pdata[0])->title, ==, "1 sipariş gecikti");
    else
      g_assert_cmpstr (((CiroAlert *) alerts->pdata[0])->title, ==, "1 order is late");
  }

  /* switched off: an order gone late is not told, and not later either */
  shipped (store, 21, 4);
  assert_none (store, 11, FALSE);
  assert_none (store, 11, TRUE);

  /* opened anew: what was told stays told; a new late order alone */
  g_clear_object (&store);
  store = open_store (path);
  assert_none (store, 11, TRUE);
  shipped (store, 22, 5);
  {
    g_autoptr(GPtrArray) alerts = check (store, 12, TRUE);
    const gint64 ids[] = { 22 };
    assert_alert (alerts, 1, ids, G_N_ELEMENTS (ids));
  }
  g_clear_object (&store);
  store = open_store (path);
  assert_none (store, 12, TRUE);
  assert_none (store, 14, TRUE);

  /* many at once: five named, the others counted */
  for (gint64 id = 31; id <= 37; id++)
    shipped (store, id, 9);
  {
    g_autoptr(GPtrArray) alerts = check (store, 16, TRUE);
    g_autofree char *more = g_strdup_printf (_(" and %u more"), 2);
    const gint64 ids[] = { 31, 32, 33, 34, 35 };

    assert_alert (alerts, 7, ids, G_N_ELEMENTS (ids));
    g_assert_true (g_str_has_suffix (((CiroAlert *) alerts->pdata[0])->body, more));
  }
  g_clear_object (&store);
  ciro_test_remove_store (path);
}

/* A store whose orders were late before it was first checked (its first
 * sync, or a store from before this alert): the backlog is not told. */
static void
test_backlog (void)
{
  g_autofree char *path = new_path ();
  g_autoptr(CiroStore) store = open_store (path);

  /* before any order: nothing to learn, nothing learnt */
  assert_none (store, 0, TRUE);
  shipped (store, 1, 0);
  shipped (store, 2, 0);
  assert_none (store, 10, TRUE);
  assert_none (store, 10, TRUE);
  shipped (store, 3, 6);
  {
    g_autoptr(GPtrArray) alerts = check (store, 13, TRUE);
    const gint64 ids[] = { 3 };
    assert_alert (alerts, 1, ids, G_N_ELEMENTS (ids));
  }
  g_clear_object (&store);
  ciro_test_remove_store (path);
}

int
main (int argc, char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("CIRO_LOCALEDIR") != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CIRO_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  dir = ciro_test_tmpdir ("late-alerts");
  g_test_add_func ("/late-alerts/once-per-order", test_once_per_order);
  g_test_add_func ("/late-alerts/backlog", test_backlog);
  rc = g_test_run ();
  g_rmdir (dir);
  return rc;
}
