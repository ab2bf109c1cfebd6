/* ciro-store-write.c: writing products and orders
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "core/ciro-customer.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "ciro-profit.h"
#include "ciro-store-private.h"

/* ------------------------------------------------------------ bounds */

/* The parser keeps values beyond what a store can hold (ciro-types.h) out
 * as bad fields; a writer handed one anyway (another producer) refuses the
 * record loudly rather than letting a sum wrap. */
static gboolean
within (gint64 value, gint64 limit, const char *kind, gint64 id, const char *field, GError **error)
{
  if (value >= -limit && value <= limit)
    return TRUE;
  g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
               /* TRANSLATORS: "Order 12: quantity 9223372036854775807 is beyond …" */
               _("%s %lld: %s %lld is beyond what Ciro can hold"),
               kind, (long long) id, field, (long long) value);
  return FALSE;
}

static gboolean
rate_within (CiroBasisPoints rate, const char *kind, gint64 id, GError **error)
{
  if (rate >= 0 && rate <= CIRO_MAX_RATE)
    return TRUE;
  return within (CIRO_MAX_RATE + 1, CIRO_MAX_RATE, kind, id, "vat_rate", error);
}

static gboolean
stocks_within (GArray *stocks, gint64 id, GError **error)
{
  for (guint i = 0; i < stocks->len; i++)
    if (!within (g_array_index (stocks, CiroStockRecord, i).stock, CIRO_MAX_STOCK,
                 _("Product"), id, "stock", error))
      return FALSE;
  return TRUE;
}

static gboolean
product_within (const CiroProductRecord *p, GError **error)
{
  const char *kind = _("Product");

  if (!within (p->purchase_price, CIRO_MAX_MONEY, kind, p->id, "purchase_price", error) ||
      !within (p->sale_price, CIRO_MAX_MONEY, kind, p->id, "sale_price", error) ||
      !rate_within (p->vat_rate, kind, p->id, error) ||
      !stocks_within (p->stocks, p->id, error))
    return FALSE;
  for (guint i = 0; i < p->variants->len; i++)
    {
      const CiroVariantRecord *v = p->variants->pdata[i];
      if (!within (v->purchase_price, CIRO_MAX_MONEY, kind, p->id, "purchase_price", error) ||
          !rate_within (v->vat_rate, kind, p->id, error) ||
          !stocks_within (v->stocks, p->id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
order_within (const CiroOrderRecord *o, GError **error)
{
  const char *kind = _("Order");

  if (!within (o->total, CIRO_MAX_MONEY, kind, o->id, "total", error) ||
      !within (o->shipping_total, CIRO_MAX_MONEY, kind, o->id, "shipping_total", error) ||
      !within (o->carrying_charge, CIRO_MAX_MONEY, kind, o->id, "carrying_charge", error) ||
      !within (o->service_fee, CIRO_MAX_MONEY, kind, o->id, "service_fee", error))
    return FALSE;
  for (guint i = 0; i < o->lines->len; i++)
    {
      const CiroOrderLineRecord *l = o->lines->pdata[i];
      if (!within (l->quantity, CIRO_MAX_QUANTITY, kind, o->id, "quantity", error) ||
          !within (l->price, CIRO_MAX_MONEY, kind, o->id, "price", error) ||
          !within (l->discount, CIRO_MAX_MONEY, kind, o->id, "discount", error) ||
          !within (l->amount, CIRO_MAX_MONEY, kind, o->id, "amount", error) ||
          (l->vat_rate != CIRO_VAT_RATE_ABSENT && !rate_within (l->vat_rate, kind, o->id, error)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
sums_fit (gboolean fit, const char *kind, gint64 id, GError **error)
{
  if (!fit)
    g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                 _("%s %lld: its figures add up beyond what Ciro can hold"), kind, (long long) id);
  return fit;
}

/* ------------------------------------------------------------ products */

static gboolean
store_has_orders (CiroStore *self)
{
  if (self->has_orders < 0)
    {
      sqlite3_stmt *stmt = ciro_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM orders)", NULL);
      self->has_orders = stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
      if (stmt != NULL)
        sqlite3_reset (stmt);
    }
  return self->has_orders > 0;
}

gboolean
ciro_store_mark_needs_recompute (CiroStore *self, GError **error)
{
  sqlite3_stmt *stmt = ciro_store_prepare (self,
    "INSERT INTO settings (key, value) VALUES ('needs_recompute', '1')"
    " ON CONFLICT (key) DO UPDATE SET value = '1'", error);
  return stmt != NULL && ciro_store_step_done (self, stmt, error, "saving a flag");
}

static void
sig_add_str (guint64 *h, const char *s)
{
  /* FNV-1a, with a separator so that ("ab","c") and ("a","bc") differ. */
  if (s != NULL)
    for (const unsigned char *p = (const unsigned char *) s; *p; p++)
      *h = (*h ^ *p) * 0x100000001b3ull;
  *h = (*h ^ 0xff) * 0x100000001b3ull;
}

static void
sig_add_int (guint64 *h, gint64 v)
{
  for (int i = 0; i < 8; i++)
    *h = (*h ^ ((guint64) v >> (8 * i) & 0xff)) * 0x100000001b3ull;
}

/* What matching and costing read from a product, hashed: when it is
 * unchanged, a product sync does not force a recomputation. */
static gint64
match_signature (const CiroProductRecord *p)
{
  guint64 h = 0xcbf29ce484222325ull;

  sig_add_str (&h, p->sku);
  sig_add_str (&h, p->barcode);
  sig_add_int (&h, p->purchase_price);
  sig_add_int (&h, p->vat_rate);
  sig_add_str (&h, p->category);   /* commission by category reads it */
  for (guint i = 0; i < p->variants->len; i++)
    {
      const CiroVariantRecord *v = p->variants->pdata[i];
      sig_add_int (&h, v->id);
      sig_add_str (&h, v->sku);
      sig_add_str (&h, v->barcode);
      sig_add_int (&h, v->has_purchase_price ? v->purchase_price : -1);
      sig_add_int (&h, v->vat_rate);
    }
  return (gint64) (h & G_MAXINT64);
}

static gboolean
put_cost (CiroStore      *self,
          int             kind,
          gint64          entity_id,
          CiroDay         day,
          CiroKurus       purchase_price,
          CiroBasisPoints vat_rate,
          GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean same = FALSE;

  stmt = ciro_store_prepare (self, "SELECT purchase_price, vat_rate FROM cost_history"
                                   " WHERE kind = ?1 AND entity_id = ?2 AND source = 0"
                                   " ORDER BY from_day DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, kind);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    same = sqlite3_column_int64 (stmt, 0) == purchase_price && sqlite3_column_int (stmt, 1) == vat_rate;
  sqlite3_reset (stmt);
  if (same)
    return TRUE;

  stmt = ciro_store_prepare (self, "INSERT OR REPLACE INTO cost_history"
                                   " (kind, entity_id, source, from_day, purchase_price, vat_rate)"
                                   " VALUES (?1, ?2, 0, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, kind);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  sqlite3_bind_int (stmt, 3, day);
  sqlite3_bind_int64 (stmt, 4, purchase_price);
  sqlite3_bind_int (stmt, 5, vat_rate);
  return ciro_store_step_done (self, stmt, error, "saving a cost");
}

static gboolean
put_stocks (CiroStore *self, gint64 product_id, gint64 variant_id, GArray *stocks,
            gint64 *total, GError **error)
{
  for (guint i = 0; i < stocks->len; i++)
    {
      const CiroStockRecord *s = &g_array_index (stocks, CiroStockRecord, i);
      sqlite3_stmt *stmt;

      if (s->warehouse_name != NULL)
        stmt = ciro_store_prepare (self, "INSERT INTO warehouses (id, name) VALUES (?1, ?2)"
                                         " ON CONFLICT (id) DO UPDATE SET name = excluded.name", error);
      else
        stmt = ciro_store_prepare (self, "INSERT OR IGNORE INTO warehouses (id, name) VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, s->warehouse_id);
      ciro_store_bind_text (stmt, 2, s->warehouse_name);
      if (!ciro_store_step_done (self, stmt, error, "saving a warehouse"))
        return FALSE;

      /* A warehouse listed twice adds up rather than failing the product. */
      stmt = ciro_store_prepare (self, "INSERT INTO stocks (product_id, variant_id, warehouse_id, stock)"
                                       " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET"
                                       " stock = ciro_add (stock, excluded.stock)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, product_id);
      sqlite3_bind_int64 (stmt, 2, variant_id);
      sqlite3_bind_int64 (stmt, 3, s->warehouse_id);
      sqlite3_bind_int64 (stmt, 4, s->stock);
      if (!ciro_store_step_done (self, stmt, error, "saving stock") ||
          !sums_fit (ciro_add_checked (*total, s->stock, total), _("Product"), product_id, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ciro_store_put_product (CiroStore               *self,
                        const CiroProductRecord *p,
                        CiroDay                  seen_day,
                        GError                 **error)
{
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 sig = match_signature (p);
  gint64 old_sig = -1;
  g_autofree char *old_category = NULL;
  const char *old_key, *new_key;
  gint64 total = 0;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (p != NULL, FALSE);
  REQUIRE_TRANSACTION (self, error);

  if (!product_within (p, error))
    return FALSE;

  stmt = ciro_store_prepare (self, "SELECT match_sig, category FROM products WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      old_sig = sqlite3_column_int64 (stmt, 0);
      old_category = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  stmt = ciro_store_prepare (self,
    "INSERT INTO products (id, sku, name, brand, category_id, category, barcode, purchase_price,"
    " sale_price, vat_rate, currency, image_url, stock, active, match_sig, first_seen, last_seen)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, 1, ?13, ?14, ?14)"
    " ON CONFLICT (id) DO UPDATE SET sku = excluded.sku, name = excluded.name,"
    " brand = excluded.brand, category_id = excluded.category_id,"
    " category = coalesce (excluded.category, category), barcode = excluded.barcode,"
    " purchase_price = excluded.purchase_price, sale_price = excluded.sale_price,"
    " vat_rate = excluded.vat_rate, currency = excluded.currency, image_url = excluded.image_url,"
    " active = 1, match_sig = excluded.match_sig, last_seen = excluded.last_seen", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  sqlite3_bind_text (stmt, 2, p->sku ? p->sku : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, p->name ? p->name : "", -1, SQLITE_STATIC);
  ciro_store_bind_text (stmt, 4, p->brand);
  if (p->category_id != 0)
    sqlite3_bind_int64 (stmt, 5, p->category_id);
  else
    sqlite3_bind_null (stmt, 5);
  ciro_store_bind_text (stmt, 6, p->category);
  ciro_store_bind_text (stmt, 7, p->barcode);
  sqlite3_bind_int64 (stmt, 8, p->purchase_price);
  sqlite3_bind_int64 (stmt, 9, p->sale_price);
  sqlite3_bind_int (stmt, 10, p->vat_rate);
  ciro_store_bind_text (stmt, 11, p->currency);
  ciro_store_bind_text (stmt, 12, p->image_url);
  sqlite3_bind_int64 (stmt, 13, sig);
  sqlite3_bind_int64 (stmt, 14, now);
  if (!ciro_store_step_done (self, stmt, error, "saving a product"))
    return FALSE;

  /* Variants and stocks are replaced as a whole: Sentos sends the full list. */
  stmt = ciro_store_prepare (self, "DELETE FROM stocks WHERE product_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  if (!ciro_store_step_done (self, stmt, error, "saving stock"))
    return FALSE;
  stmt = ciro_store_prepare (self, "DELETE FROM variants WHERE product_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  if (!ciro_store_step_done (self, stmt, error, "saving variants"))
    return FALSE;

  for (guint i = 0; i < p->variants->len; i++)
    {
      const CiroVariantRecord *v = p->variants->pdata[i];
      gint64 vstock = 0;

      if (!put_stocks (self, p->id, v->id, v->stocks, &vstock, error) ||
          !sums_fit (ciro_add_checked (total, vstock, &total), _("Product"), p->id, error))
        return FALSE;

      stmt = ciro_store_prepare (self,
        "INSERT OR REPLACE INTO variants (id, product_id, sku, barcode, color, model_name, model_value,"
        " purchase_price, vat_rate, image_url, stock)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, v->id);
      sqlite3_bind_int64 (stmt, 2, p->id);
      sqlite3_bind_text (stmt, 3, v->sku ? v->sku : "", -1, SQLITE_STATIC);
      ciro_store_bind_text (stmt, 4, v->barcode);
      ciro_store_bind_text (stmt, 5, v->color);
      ciro_store_bind_text (stmt, 6, v->model_name);
      ciro_store_bind_text (stmt, 7, v->model_value);
      if (v->has_purchase_price)
        {
          sqlite3_bind_int64 (stmt, 8, v->purchase_price);
          sqlite3_bind_int (stmt, 9, v->vat_rate);
        }
      else
        {
          sqlite3_bind_null (stmt, 8);
          sqlite3_bind_null (stmt, 9);
        }
      ciro_store_bind_text (stmt, 10, v->image_url);
      sqlite3_bind_int64 (stmt, 11, vstock);
      if (!ciro_store_step_done (self, stmt, error, "saving a variant"))
        return FALSE;

      if (v->has_purchase_price &&
          !put_cost (self, 1, v->id, seen_day, v->purchase_price, v->vat_rate, error))
        return FALSE;
    }
  if (p->variants->len == 0 && !put_stocks (self, p->id, 0, p->stocks, &total, error))
    return FALSE;

  stmt = ciro_store_prepare (self, "UPDATE products SET stock = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  sqlite3_bind_int64 (stmt, 2, total);
  if (!ciro_store_step_done (self, stmt, error, "saving stock"))
    return FALSE;

  if (!put_cost (self, 0, p->id, seen_day, p->purchase_price, p->vat_rate, error))
    return FALSE;

  /* The category rollups follow a product whose category changes (an
   * absent category keeps the stored one, as the upsert does). */
  old_key = ciro_store_category_key_of (self, p->id);
  new_key = ciro_category_key (p->category != NULL ? p->category : old_category, p->category_id);
  if (old_key != new_key)
    {
      gint64 *id = g_new (gint64, 1);

      if (store_has_orders (self) &&
          !ciro_store_move_product_category (self, p->id, old_key, new_key, error))
        {
          g_free (id);
          return FALSE;
        }
      *id = p->id;
      if (self->category_keys != NULL)
        g_hash_table_insert (self->category_keys, id, (gpointer) new_key);
      else
        g_free (id);
    }

  if (old_sig != sig)
    {
      g_clear_pointer (&self->matcher, ciro_matcher_free);
      g_clear_pointer (&self->rates, ciro_rates_free);
      if (store_has_orders (self) && !ciro_store_mark_needs_recompute (self, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ciro_store_mark_unseen_inactive (CiroStore *self, gint64 walk_started, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  REQUIRE_TRANSACTION (self, error);

  stmt = ciro_store_prepare (self, "UPDATE products SET active = 0 WHERE last_seen < ?1 AND active = 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, walk_started);
  return ciro_store_step_done (self, stmt, error, "marking products inactive");
}

/* ------------------------------------------------------------ orders */

CiroMatcher *
ciro_store_get_matcher (CiroStore *self, GError **error)
{
  if (self->matcher == NULL)
    self->matcher = ciro_matcher_load (self->db, error);
  return self->matcher;
}

gint64
ciro_store_unmatched_key (CiroStore *self, const char *sku, GError **error)
{
  gint64 *cached = g_hash_table_lookup (self->unmatched_ids, sku);
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (cached != NULL)
    return -*cached;

  stmt = ciro_store_prepare (self, "INSERT INTO unmatched_skus (sku) VALUES (?1)"
                                   " ON CONFLICT (sku) DO UPDATE SET sku = sku RETURNING id", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else
    ciro_store_set_error (self, error, "saving an unmatched SKU");
  sqlite3_reset (stmt);
  if (id == 0)
    return 0;

  cached = g_new (gint64, 1);
  *cached = id;
  g_hash_table_insert (self->unmatched_ids, g_strdup (sku), cached);
  return -id;
}

/* Takes the stored order's contribution out of the rollups and deletes its
 * lines; the caller writes the new version. */
static gboolean
remove_old_order (CiroStore *self, gint64 order_id, CiroOrderActuals *actuals, GError **error)
{
  sqlite3_stmt *stmt;
  CiroDay day;
  gint64 marketplace_id;
  gint32 status;
  CiroKurus shipping, shipping_vat;
  g_autoptr(GArray) lines = NULL;
  int rc;

  memset (actuals, 0, sizeof *actuals);
  stmt = ciro_store_prepare (self, "SELECT day, marketplace_id, status, shipping_total, shipping_vat,"
                                   " actual_commission, actual_service_fee, actual_cargo, tariff"
                                   " FROM orders WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        return TRUE;
      ciro_store_set_error (self, error, "reading an order");
      return FALSE;
    }
  day = sqlite3_column_int (stmt, 0);
  marketplace_id = sqlite3_column_int64 (stmt, 1);
  status = sqlite3_column_int (stmt, 2);
  shipping = sqlite3_column_int64 (stmt, 3);
  shipping_vat = sqlite3_column_int64 (stmt, 4);
  ciro_order_actuals_read (stmt, 5, actuals);
  sqlite3_reset (stmt);

  lines = g_array_new (FALSE, TRUE, sizeof (CiroRollupLine));
  stmt = ciro_store_prepare (self, "SELECT product_key, quantity, amount, cost, commission, match_rule,"
                                   " output_vat, cost_ex_vat FROM order_lines WHERE order_id = ?1 ORDER BY pos", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroRollupLine l = {
        .product_key = sqlite3_column_int64 (stmt, 0),
        .quantity = sqlite3_column_int64 (stmt, 1),
        .amount = sqlite3_column_int64 (stmt, 2),
        .cost = sqlite3_column_int64 (stmt, 3),
        .commission = sqlite3_column_int64 (stmt, 4),
        .unmatched = sqlite3_column_int (stmt, 5) == CIRO_MATCH_NONE,
        .output_vat = sqlite3_column_int64 (stmt, 6),
        .cost_ex_vat = sqlite3_column_int64 (stmt, 7),
      };
      g_array_append_val (lines, l);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "reading order lines");
      return FALSE;
    }

  if (!sums_fit (ciro_rollup_delta_add_order (self->delta, day, marketplace_id, status, shipping, shipping_vat,
                                              (CiroRollupLine *) lines->data, lines->len, -1) &&
                 ciro_rollup_delta_add_actuals (self->delta, day, marketplace_id, status, actuals, -1),
                 _("Order"), order_id, error))
    return FALSE;

  stmt = ciro_store_prepare (self, "DELETE FROM order_lines WHERE order_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  return ciro_store_step_done (self, stmt, error, "replacing order lines");
}

gboolean
ciro_store_put_order (CiroStore             *self,
                      const CiroOrderRecord *o,
                      GError               **error)
{
  g_autofree char *normalized = NULL;
  const char *marketplace;
  CiroMarketplaceInfo *mp;
  CiroMatcher *matcher;
  CiroRates *rates;
  CiroKurus shipping_vat;
  CiroOrderActuals actuals;
  sqlite3_stmt *stmt;
  g_autofree CiroRollupLine *rl = NULL;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (o != NULL, FALSE);
  REQUIRE_TRANSACTION (self, error);

  if (o->day == CIRO_DAY_INVALID)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                   _("Order %lld has no valid date"), (long long) o->id);
      return FALSE;
    }
  if (!order_within (o, error))
    return FALSE;

  marketplace = o->marketplace;
  if (marketplace == NULL)
    marketplace = normalized = ciro_marketplace_normalize (o->source);
  mp = ciro_store_marketplace_for (self, marketplace, error);
  if (mp == NULL)
    return FALSE;
  matcher = ciro_store_get_matcher (self, error);
  if (matcher == NULL)
    return FALSE;
  rates = ciro_store_get_rates (self, error);
  if (rates == NULL)
    return FALSE;
  shipping_vat = ciro_vat_part (o->shipping_total, ciro_rates_shipping_vat (rates, o->day));

  if (!ciro_store_carriers_before_put (self, o->id, error) ||
      !remove_old_order (self, o->id, &actuals, error))
    return FALSE;
  /* the carrier tariff of the order's day (insights.md §3) */
  if (!ciro_store_tariff_for (self, marketplace, o->cargo_provider, o->day,
                              &actuals.has_tariff, &actuals.tariff, error))
    return FALSE;

  if (o->customer_id != 0)
    {
      stmt = ciro_store_prepare (self, "INSERT INTO customers (id, name, email, phone) VALUES (?1, ?2, ?3, ?4)"
                                       " ON CONFLICT (id) DO UPDATE SET name = coalesce (excluded.name, name),"
                                       " email = coalesce (excluded.email, email),"
                                       " phone = coalesce (excluded.phone, phone)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, o->customer_id);
      ciro_store_bind_text (stmt, 2, o->customer_name);
      ciro_store_bind_text (stmt, 3, o->customer_email);
      ciro_store_bind_text (stmt, 4, o->customer_phone);
      if (!ciro_store_step_done (self, stmt, error, "saving a customer"))
        return FALSE;
    }

  stmt = ciro_store_prepare (self,
    "INSERT INTO orders (id, order_code, day, seconds, created_at, updated_at, source, marketplace_id,"
    " shop, status, total, shipping_total, carrying_charge, service_fee, cargo_provider, cargo_number,"
    " has_invoice, invoice_type, invoice_number, customer_id, city, district, country, line_count,"
    " shipping_vat, lines_amount, customer_key, customer_name, tariff)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
    " ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)"
    " ON CONFLICT (id) DO UPDATE SET order_code = excluded.order_code, day = excluded.day,"
    " seconds = excluded.seconds, created_at = excluded.created_at, updated_at = excluded.updated_at,"
    " source = excluded.source, marketplace_id = excluded.marketplace_id, shop = excluded.shop,"
    " status = excluded.status, total = excluded.total, shipping_total = excluded.shipping_total,"
    " carrying_charge = excluded.carrying_charge, service_fee = excluded.service_fee,"
    " cargo_provider = excluded.cargo_provider, cargo_number = excluded.cargo_number,"
    " has_invoice = excluded.has_invoice, invoice_type = excluded.invoice_type,"
    " invoice_number = excluded.invoice_number, customer_id = excluded.customer_id,"
    " city = excluded.city, district = excluded.district, country = excluded.country,"
    " line_count = excluded.line_count, shipping_vat = excluded.shipping_vat,"
    " lines_amount = excluded.lines_amount, customer_key = excluded.customer_key,"
    " customer_name = excluded.customer_name, tariff = excluded.tariff", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, o->id);
  ciro_store_bind_text (stmt, 2, o->order_code);
  sqlite3_bind_int (stmt, 3, o->day);
  sqlite3_bind_int (stmt, 4, o->seconds);
  ciro_store_bind_text (stmt, 5, o->created_at);
  ciro_store_bind_text (stmt, 6, o->updated_at);
  ciro_store_bind_text (stmt, 7, o->source);
  sqlite3_bind_int64 (stmt, 8, mp->id);
  ciro_store_bind_text (stmt, 9, o->shop);
  sqlite3_bind_int (stmt, 10, o->status);
  sqlite3_bind_int64 (stmt, 11, o->total);
  sqlite3_bind_int64 (stmt, 12, o->shipping_total);
  sqlite3_bind_int64 (stmt, 13, o->carrying_charge);
  sqlite3_bind_int64 (stmt, 14, o->service_fee);
  ciro_store_bind_text (stmt, 15, o->cargo_provider);
  ciro_store_bind_text (stmt, 16, o->cargo_number);
  ciro_store_bind_text (stmt, 17, o->has_invoice);
  ciro_store_bind_text (stmt, 18, o->invoice_type);
  ciro_store_bind_text (stmt, 19, o->invoice_number);
  if (o->customer_id != 0)
    sqlite3_bind_int64 (stmt, 20, o->customer_id);
  else
    sqlite3_bind_null (stmt, 20);
  ciro_store_bind_text (stmt, 21, o->city);
  ciro_store_bind_text (stmt, 22, o->district);
  ciro_store_bind_text (stmt, 23, o->country);
  sqlite3_bind_int (stmt, 24, (int) o->lines->len);
  sqlite3_bind_int64 (stmt, 25, shipping_vat);
  {
    CiroKurus lines_amount = 0;
    for (guint i = 0; i < o->lines->len; i++)
      lines_amount += ((const CiroOrderLineRecord *) o->lines->pdata[i])->amount;
    sqlite3_bind_int64 (stmt, 26, lines_amount);
  }
  if (o->customer_id == 0)
    {
      char *alt_key = ciro_customer_alt_key (o->customer_email, o->customer_phone);
      if (alt_key != NULL)
        sqlite3_bind_text (stmt, 27, alt_key, -1, g_free);
      else
        sqlite3_bind_null (stmt, 27);
      ciro_store_bind_text (stmt, 28, alt_key != NULL ? o->customer_name : NULL);
    }
  else
    {
      sqlite3_bind_null (stmt, 27);
      sqlite3_bind_null (stmt, 28);
    }
  if (actuals.has_tariff)
    sqlite3_bind_int64 (stmt, 29, actuals.tariff);
  if (!ciro_store_step_done (self, stmt, error, "saving an order"))
    return FALSE;
  self->has_orders = 1;

  rl = g_new0 (CiroRollupLine, MAX (1, o->lines->len));
  /* an actual commission imported for the order is split over its lines
   * by their amounts */
  if (actuals.has_commission)
    {
      g_autofree CiroKurus *weights = g_new0 (CiroKurus, MAX (1, o->lines->len));
      g_autofree CiroKurus *parts = g_new0 (CiroKurus, MAX (1, o->lines->len));

      for (guint i = 0; i < o->lines->len; i++)
        weights[i] = ((const CiroOrderLineRecord *) o->lines->pdata[i])->amount;
      ciro_split_by_weight (actuals.commission, weights, o->lines->len, parts);
      for (guint i = 0; i < o->lines->len; i++)
        rl[i].commission = parts[i];
    }
  for (guint i = 0; i < o->lines->len; i++)
    {
      const CiroOrderLineRecord *l = o->lines->pdata[i];
      const char *sku = l->sku ? l->sku : "";
      CiroMatch match;
      CiroKurus unit_cost;
      gint64 key;

      ciro_matcher_match (matcher, sku, l->barcode, &match);
      unit_cost = ciro_matcher_unit_cost (matcher, &match, o->day);
      if (match.rule == CIRO_MATCH_NONE)
        {
          key = ciro_store_unmatched_key (self, sku, error);
          if (key == 0)
            return FALSE;
        }
      else
        key = match.product_id;

      rl[i].product_key = key;
      rl[i].quantity = l->quantity;
      rl[i].amount = l->amount;
      if (!sums_fit (ciro_mul_checked (l->quantity, unit_cost, &rl[i].cost), _("Order"), o->id, error))
        return FALSE;
      if (!sums_fit (ciro_mul_checked (l->quantity, ciro_matcher_unit_cost_ex_vat (matcher, &match, o->day),
                                       &rl[i].cost_ex_vat), _("Order"), o->id, error))
        return FALSE;
      if (!actuals.has_commission)
        rl[i].commission = ciro_apply_rate (l->amount,
                                            ciro_store_line_rate (self, marketplace, mp->commission,
                                                                  match.product_id, o->day));
      rl[i].output_vat = ciro_vat_part (l->amount, ciro_matcher_line_vat_rate (matcher, &match, o->day, l->vat_rate));
      rl[i].unmatched = match.rule == CIRO_MATCH_NONE;

      stmt = ciro_store_prepare (self,
        "INSERT INTO order_lines (order_id, pos, line_id, sku, name, barcode, color, model_name,"
        " model_value, line_status, quantity, price, discount, amount, vat_rate, product_id,"
        " variant_id, match_rule, product_key, unit_cost, cost, commission, output_vat, cost_ex_vat)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
        " ?19, ?20, ?21, ?22, ?23, ?24)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, o->id);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_int64 (stmt, 3, l->line_id);
      sqlite3_bind_text (stmt, 4, sku, -1, SQLITE_STATIC);
      ciro_store_bind_text (stmt, 5, l->name);
      ciro_store_bind_text (stmt, 6, l->barcode);
      ciro_store_bind_text (stmt, 7, l->color);
      ciro_store_bind_text (stmt, 8, l->model_name);
      ciro_store_bind_text (stmt, 9, l->model_value);
      ciro_store_bind_text (stmt, 10, l->status);
      sqlite3_bind_int64 (stmt, 11, l->quantity);
      sqlite3_bind_int64 (stmt, 12, l->price);
      sqlite3_bind_int64 (stmt, 13, l->discount);
      sqlite3_bind_int64 (stmt, 14, l->amount);
      sqlite3_bind_int (stmt, 15, l->vat_rate);
      if (match.rule != CIRO_MATCH_NONE)
        sqlite3_bind_int64 (stmt, 16, match.product_id);
      else
        sqlite3_bind_null (stmt, 16);
      if (match.variant_id != 0)
        sqlite3_bind_int64 (stmt, 17, match.variant_id);
      else
        sqlite3_bind_null (stmt, 17);
      sqlite3_bind_int (stmt, 18, match.rule);
      sqlite3_bind_int64 (stmt, 19, key);
      sqlite3_bind_int64 (stmt, 20, unit_cost);
      sqlite3_bind_int64 (stmt, 21, rl[i].cost);
      sqlite3_bind_int64 (stmt, 22, rl[i].commission);
      sqlite3_bind_int64 (stmt, 23, rl[i].output_vat);
      sqlite3_bind_int64 (stmt, 24, rl[i].cost_ex_vat);
      if (!ciro_store_step_done (self, stmt, error, "saving an order line"))
        return FALSE;
    }

  return sums_fit (ciro_rollup_delta_add_order (self->delta, o->day, mp->id, o->status,
                                                o->shipping_total, shipping_vat, rl, o->lines->len, +1) &&
                   ciro_rollup_delta_add_actuals (self->delta, o->day, mp->id, o->status, &actuals, +1),
                   _("Order"), o->id, error) &&
         ciro_store_carriers_after_put (self, o, error);
}

