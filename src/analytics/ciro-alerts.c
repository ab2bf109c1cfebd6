/* ciro-alerts.c: what is worth a desktop notification after a sync
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-analytics"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "analytics/ciro-carriers.h"
#include "analytics/ciro-report.h"
#include "core/ciro-carrier.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "store/ciro-settings.h"
#include "ciro-alerts.h"
#include "store/ciro-store-sql.h"

void
ciro_alert_free (CiroAlert *alert)
{
  if (alert == NULL)
    return;
  g_free (alert->id);
  g_free (alert->title);
  g_free (alert->body);
  g_free (alert->product_sku);
  g_free (alert->page);
  g_free (alert);
}

static CiroAlert *
alert_new (CiroAlertKind kind, const char *id, char *title, char *body)
{
  CiroAlert *a = g_new0 (CiroAlert, 1);
  a->kind = kind;
  a->id = g_strdup (id);
  a->title = title;
  a->body = body;
  return a;
}

CiroAlert *
ciro_alert_sync_failed (const char *reason)
{
  CiroAlert *a = alert_new (CIRO_ALERT_SYNC_FAILED, "sync-failed", g_strdup (_("Sync with Sentos failed")),
                            g_strdup (reason));
  a->page = g_strdup ("today");
  return a;
}

/* ---------------------------------------------------------- memory */

static char *
state_get (CiroStore *store, const char *key)
{
  sqlite3_stmt *stmt = ciro_store_prepare (store, "SELECT value FROM alert_state WHERE key = ?1", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static gboolean
state_set (CiroStore *store, const char *key, const char *value, GError **error)
{
  sqlite3_stmt *stmt = ciro_store_prepare (store,
    "INSERT INTO alert_state (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "remembering an alert");
      return FALSE;
    }
  return TRUE;
}

/* The ids reported under a kind of alert (keys "PREFIX:ID"): "low" for
 * products, "late" for orders. */
static GHashTable *
reported_ids (CiroStore *store, const char *prefix, GError **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *pattern = g_strdup_printf ("%s:%%", prefix);
  size_t skip = strlen (prefix) + 1;
  sqlite3_stmt *stmt = ciro_store_prepare (store, "SELECT key FROM alert_state WHERE key LIKE ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);
      *id = g_ascii_strtoll ((const char *) sqlite3_column_text (stmt, 0) + skip, NULL, 10);
      g_hash_table_add (ids, id);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading alerts");
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static gboolean
low_forget (CiroStore *store, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = ciro_store_prepare (store, "DELETE FROM alert_state WHERE key = ?1", error);
  g_autofree char *key = g_strdup_printf ("low:%" G_GINT64_FORMAT, id);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "forgetting an alert");
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------- checks */

static gboolean
check_low_stock (CiroStore *store, CiroDay today, gboolean on, GPtrArray *out, GError **error)
{
  g_autoptr(GArray) rows = ciro_report_stock (store, today, error);
  g_autoptr(GHashTable) reported = NULL;
  g_autoptr(GPtrArray) crossed = g_ptr_array_new ();
  CiroNumberStyle style = ciro_number_style_from_locale ();
  GHashTableIter iter;
  gpointer key;

  if (rows == NULL || (reported = reported_ids (store, "low", error)) == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      CiroStockRow *r = &g_array_index (rows, CiroStockRow, i);

      if (r->low_stock)
        {
          if (g_hash_table_remove (reported, &r->product_id))
            continue;                 /* still low: said already */
          {
            g_autofree char *k = g_strdup_printf ("low:%" G_GINT64_FORMAT, r->product_id);
            if (!state_set (store, k, "1", error))
              return FALSE;
          }
          g_ptr_array_add (crossed, r);
        }
    }
  /* what is left was reported and is low no more: restocked */
  g_hash_table_iter_init (&iter, reported);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!low_forget (store, *(gint64 *) key, error))
      return FALSE;

  if (!on || crossed->len == 0)
    return TRUE;
  if (crossed->len > CIRO_ALERT_GROUP_OVER)
    {
      g_autofree char *n = ciro_count_format (crossed->len, style);
      CiroAlert *a = alert_new (CIRO_ALERT_LOW_STOCK_GROUP, "low-stock",
                                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s product is running low",
                                                              "%s products are running low", crossed->len), n),
                                NULL);
      GString *body = g_string_new (NULL);

      for (guint i = 0; i < MIN (crossed->len, 3); i++)
        {
          CiroStockRow *r = crossed->pdata[i];
          g_autofree char *left = ciro_count_format (r->stock, style);
          g_string_append_printf (body, "%s%s (%s)", i ? ", " : "", r->name, left);
        }
      /* TRANSLATORS: after the first three products named */
      g_string_append_printf (body, _(" and %u more"), crossed->len - MIN (crossed->len, 3));
      a->body = g_string_free (body, FALSE);
      a->page = g_strdup ("stock");
      g_ptr_array_add (out, a);
      return TRUE;
    }
  for (guint i = 0; i < crossed->len; i++)
    {
      CiroStockRow *r = crossed->pdata[i];
      g_autofree char *id = g_strdup_printf ("low-stock-%" G_GINT64_FORMAT, r->product_id);
      g_autofree char *left = ciro_count_format (r->stock, style);
      char *body = r->has_days_of_stock
        ? g_strdup_printf (_("%s left (SKU %s), about %.0f days of sales"), left, r->sku, r->days_of_stock)
        : g_strdup_printf (_("%s left (SKU %s)"), left, r->sku);
      /* TRANSLATORS: a notification title, with the product's name */
      CiroAlert *a = alert_new (CIRO_ALERT_LOW_STOCK, id, g_strdup_printf (_("Low stock: %s"), r->name), body);

      a->product_sku = g_strdup (r->sku);
      g_ptr_array_add (out, a);
    }
  return TRUE;
}

static gboolean
check_margin (CiroStore *store, CiroDay today, gboolean on, GPtrArray *out, GError **error)
{
  CiroReportFilter f = { today - 1, today - 1, NULL };
  CiroSummary s;
  double limit = (double) ciro_store_get_setting_int (store, CIRO_SETTING_MARGIN_WARNING_PCT, 10);
  g_autofree char *day = ciro_day_to_string (today - 1);
  g_autofree char *last = state_get (store, "margin-day");
  CiroNumberStyle style = ciro_number_style_from_locale ();

  {
    /* the warning level may be a decimal ("12.5") */
    g_autofree char *text = ciro_store_get_setting (store, CIRO_SETTING_MARGIN_WARNING_PCT);
    if (text != NULL && *text != '\0')
      limit = g_ascii_strtod (text, NULL);
  }
  if (g_strcmp0 (last, day) == 0)
    return TRUE;                      /* one warning a day */
  if (!ciro_report_summary (store, &f, &s, error))
    return FALSE;
  if (s.net_orders == 0 || s.margin_pct >= limit)
    return TRUE;
  if (!state_set (store, "margin-day", day, error))
    return FALSE;
  if (on)
    {
      g_autofree char *m = ciro_percent_format (s.margin_pct, 1, style);
      g_autofree char *l = ciro_percent_format (limit, 1, style);
      g_autofree char *p = ciro_money_format (s.profit, style);
      CiroAlert *a = alert_new (CIRO_ALERT_MARGIN, "margin",
                                g_strdup_printf (_("Yesterday’s margin was %s"), m),
                                g_strdup_printf (_("Under your warning level of %s; profit %s"), l, p));
      a->page = g_strdup ("analytics");
      g_ptr_array_add (out, a);
    }
  return TRUE;
}

static gboolean
check_summary (CiroStore *store, CiroDay today, gint32 now, const CiroAlertSwitches *sw, GPtrArray *out,
               GError **error)
{
  CiroReportFilter f = { today - 1, today - 1, NULL };
  CiroSummary s;
  g_autofree char *day = ciro_day_to_string (today);
  g_autofree char *last = NULL;
  CiroNumberStyle style = ciro_number_style_from_locale ();

  if (!sw->daily_summary || now < sw->summary_at)
    return TRUE;
  last = state_get (store, "summary-day");
  if (g_strcmp0 (last, day) == 0)
    return TRUE;
  if (!ciro_report_summary (store, &f, &s, error) || !state_set (store, "summary-day", day, error))
    return FALSE;
  {
    g_autofree char *net = ciro_money_format (s.net_revenue, style);
    g_autofree char *orders = ciro_count_format (s.net_orders, style);
    g_autofree char *profit = ciro_money_format (s.profit, style);
    CiroAlert *a = alert_new (CIRO_ALERT_DAILY_SUMMARY, "daily-summary", g_strdup (_("Yesterday at your store")),
                              g_strdup_printf (_("Yesterday: %s net revenue, %s orders, profit %s"),
                                               net, orders, profit));
    a->page = g_strdup ("analytics");
    g_ptr_array_add (out, a);
  }
  return TRUE;
}

/* The orders late now (insights.md §3, as the Shipping page lists them)
 * that were never reported: remembered, each once for good, and told in
 * one notification when `on`. The first check of a store with orders only
 * learns what is late already: a store's first sync, or a store from
 * before this alert, would otherwise announce its whole backlog at once,
 * which the Shipping page lists anyway. */
static gboolean
check_late (CiroStore *store, CiroDay today, gint32 now, gboolean on, GPtrArray *out, GError **error)
{
  CiroReportFilter f = { today - (CIRO_ALERT_LATE_WINDOW_DAYS - 1), today, NULL };
  gint64 late_days = ciro_store_get_setting_int (store, CIRO_SETTING_LATE_DAYS, CIRO_CARRIER_LATE_DAYS_DEFAULT);
  g_autoptr(CiroCarrierReport) r = NULL;
  g_autoptr(GHashTable) reported = NULL;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  g_autofree char *seeded = state_get (store, "late-seen");
  CiroNumberStyle style = ciro_number_style_from_locale ();
  GString *body;
  CiroAlert *a;

  r = ciro_carrier_report_build_full (store, &f, (int) CLAMP (late_days, 1, 365), ciro_to_unix (today, now), -1,
                                      error);
  if (r == NULL || (reported = reported_ids (store, "late", error)) == NULL)
    return FALSE;
  for (guint i = 0; i < r->late_orders->len; i++)
    {
      const CiroLateOrder *l = r->late_orders->pdata[i];
      g_autofree char *k = NULL;

      if (g_hash_table_contains (reported, &l->order_id))
        continue;
      k = g_strdup_printf ("late:%" G_GINT64_FORMAT, l->order_id);
      if (!state_set (store, k, "1", error))
        return FALSE;
      g_ptr_array_add (fresh, (gpointer) l);
    }
  /* learnt once the window holds orders: a store checked before its first
   * sync would otherwise announce the backlog that sync brings */
  if (seeded == NULL && r->carriers->len > 0 && !state_set (store, "late-seen", "1", error))
    return FALSE;
  if (!on || seeded == NULL || fresh->len == 0)
    return TRUE;

  {
    g_autofree char *n = ciro_count_format (fresh->len, style);
    g_autofree char *id = g_strdup_printf ("late-orders-%" G_GINT64_FORMAT,
                                           ((const CiroLateOrder *) fresh->pdata[0])->order_id);
    /* TRANSLATORS: a notification's title; %s is a count */
    a = alert_new (CIRO_ALERT_LATE_ORDERS, id,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s order is late", "%s orders are late",
                                                 fresh->len), n),
                   NULL);
  }
  body = g_string_new (NULL);
  for (guint i = 0; i < MIN (fresh->len, CIRO_ALERT_LATE_NAMED); i++)
    {
      const CiroLateOrder *l = fresh->pdata[i];
      int days = (int) floor (l->days_since_shipping);
      /* TRANSLATORS: a late order in a notification: order code, carrier, whole days since shipping */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%s%s (%s, shipped %d day ago)",
                                                 "%s%s (%s, shipped %d days ago)", days),
                              i ? ", " : "", l->order_code, ciro_carrier_display (l->carrier), days);
    }
  if (fresh->len > CIRO_ALERT_LATE_NAMED)
    g_string_append_printf (body, _(" and %u more"), fresh->len - CIRO_ALERT_LATE_NAMED);
  a->body = g_string_free (body, FALSE);
  /* the Shipping page, at its late orders */
  a->page = g_strdup ("shipping-late");
  g_ptr_array_add (out, a);
  return TRUE;
}

GPtrArray *
ciro_alerts_check (CiroStore *store, CiroDay today, gint32 now, const CiroAlertSwitches *switches, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_alert_free);

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);

  /* the memory of what was said changes with what is said: together */
  if (!ciro_store_begin (store, error))
    return NULL;
  if (!check_low_stock (store, today, switches->low_stock, out, error) ||
      !check_margin (store, today, switches->margin, out, error) ||
      !check_summary (store, today, now, switches, out, error) ||
      !check_late (store, today, now, switches->late_orders, out, error) ||
      !ciro_store_commit (store, error))
    {
      ciro_store_rollback (store);
      return NULL;
    }
  return g_steal_pointer (&out);
}
