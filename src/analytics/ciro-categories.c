/* ciro-categories.c: category figures (insights.md §1)
 *
 * Money, units, returns and the products count come from the product
 * rollups (whole months from roll_month_product, the edge days from
 * roll_day_product), summed per product first and then folded into the
 * product's category. Distinct orders per category cannot come from the
 * rollups (an order with two products of one category counts once), so
 * they are counted from the window's net lines in one pass.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-analytics"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "ciro-categories.h"
#include "store/ciro-store-sql.h"

/* ---------------------------------------------------------- the catalog */

typedef struct {
  char            *name;
  CiroCategoryKind kind;
} Group;

typedef struct {
  GPtrArray  *groups;          /* Group*, owned */
  GHashTable *by_name;         /* "<kind>:<name>" → index + 1 */
  GHashTable *by_product;      /* gint64 product id → index + 1 */
  guint       none, unmatched; /* index + 1, 0 until used */
} Catalog;

static void
group_free (gpointer data)
{
  Group *g = data;
  g_free (g->name);
  g_free (g);
}

static void
catalog_clear (Catalog *c)
{
  g_clear_pointer (&c->groups, g_ptr_array_unref);
  g_clear_pointer (&c->by_name, g_hash_table_unref);
  g_clear_pointer (&c->by_product, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Catalog, catalog_clear)

static guint
catalog_group (Catalog *c, CiroCategoryKind kind, const char *name)
{
  g_autofree char *key = g_strdup_printf ("%d:%s", (int) kind, name);
  guint i = GPOINTER_TO_UINT (g_hash_table_lookup (c->by_name, key));

  if (i == 0)
    {
      Group *g = g_new0 (Group, 1);
      g->name = g_strdup (name);
      g->kind = kind;
      g_ptr_array_add (c->groups, g);
      i = c->groups->len;
      g_hash_table_insert (c->by_name, g_steal_pointer (&key), GUINT_TO_POINTER (i));
    }
  return i - 1;
}

static gboolean
catalog_load (CiroStore *store, Catalog *c, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  c->groups = g_ptr_array_new_with_free_func (group_free);
  c->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c->by_product = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  c->none = c->unmatched = 0;

  stmt = ciro_store_prepare (store, "SELECT id, category, category_id FROM products", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      gint64 *id = g_new (gint64, 1);
      guint i;

      *id = sqlite3_column_int64 (stmt, 0);
      if (name != NULL && *g_strstrip (name) != '\0')
        i = catalog_group (c, CIRO_CATEGORY_NAMED, name);
      else if (sqlite3_column_type (stmt, 2) != SQLITE_NULL && sqlite3_column_int64 (stmt, 2) != 0)
        {
          g_autofree char *tag = g_strdup_printf ("#%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 2));
          i = catalog_group (c, CIRO_CATEGORY_ID, tag);
        }
      else
        i = catalog_group (c, CIRO_CATEGORY_NONE, CIRO_CATEGORY_NONE_NAME);
      g_hash_table_insert (c->by_product, id, GUINT_TO_POINTER (i + 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading categories");
      return FALSE;
    }
  return TRUE;
}

/* The group of a rollup's product key: < 0 is an unmatched SKU; a matched
 * product no longer in the catalog has no category. */
static guint
catalog_group_of (Catalog *c, gint64 product_key)
{
  gpointer found;

  if (product_key <= 0)
    return catalog_group (c, CIRO_CATEGORY_UNMATCHED, CIRO_CATEGORY_UNMATCHED_NAME);
  found = g_hash_table_lookup (c->by_product, &product_key);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  return catalog_group (c, CIRO_CATEGORY_NONE, CIRO_CATEGORY_NONE_NAME);
}

/* ---------------------------------------------------------- the sums */

typedef struct {
  gint32 bucket;       /* a month, or 0 for the whole window */
  gint64 id;           /* a product key, or a group index */
} Key;

typedef struct {
  gint64 revenue, units, orders, cost, commission, return_units, products;
  gint64 last_order;   /* the order last counted in `orders` */
} Sums;

typedef struct {
  Key  key;
  Sums sums;
} Entry;

static guint
key_hash (gconstpointer p)
{
  const Key *k = p;
  guint64 h = (guint64) k->id * 0x9E3779B97F4A7C15ull ^ (guint64) k->bucket * 0xBF58476D1CE4E5B9ull;
  return (guint) (h ^ (h >> 32));
}

static gboolean
key_equal (gconstpointer a, gconstpointer b)
{
  const Key *x = a, *y = b;
  return x->bucket == y->bucket && x->id == y->id;
}

static Sums *
sums_lookup (GHashTable *table, gint32 bucket, gint64 id)
{
  Key key = { bucket, id };
  Entry *e = g_hash_table_lookup (table, &key);

  if (e == NULL)
    {
      e = g_new0 (Entry, 1);
      e->key = key;
      e->sums.last_order = G_MININT64;
      g_hash_table_insert (table, &e->key, e);
    }
  return &e->sums;
}

static gboolean
add (gint64 *t, gint64 v)
{
  return ciro_add_checked (*t, v, t);
}

/* One slice of a product rollup, into (bucket, product) sums. */
static gboolean
accumulate_slice (CiroStore  *store,
                  const char *sql,
                  gint32      from,
                  gint32      to,
                  gint64      marketplace_id,
                  gboolean    by_month,
                  gboolean    period_is_day,
                  GHashTable *products,
                  gboolean   *ok,
                  GError    **error)
{
  sqlite3_stmt *stmt = ciro_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, from);
  sqlite3_bind_int (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, marketplace_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint32 period = sqlite3_column_int (stmt, 0);
      gint32 bucket = !by_month ? 0 : period_is_day ? ciro_day_month (period) : period;
      Sums *s = sums_lookup (products, bucket, sqlite3_column_int64 (stmt, 1));
      gint64 *f[] = { &s->revenue, &s->units, &s->orders, &s->cost, &s->commission, &s->return_units };

      for (guint c = 0; c < G_N_ELEMENTS (f); c++)
        *ok &= add (f[c], sqlite3_column_int64 (stmt, (int) c + 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading category figures");
      return FALSE;
    }
  return TRUE;
}

#define SLICE_SQL(table, period) \
  "SELECT " period ", product_key, revenue, units, orders, cost, commission, return_units FROM " table \
  " WHERE " period " BETWEEN ?1 AND ?2 AND (?3 = 0 OR marketplace_id = ?3)"

/* Distinct net orders per (bucket, group): an order's lines come together
 * (order_lines is keyed by order), so remembering the last order counted
 * in each cell is enough. */
#define ORDER_LINES_SQL \
  "SELECT o.id, o.day, l.product_key FROM orders o JOIN order_lines l ON l.order_id = o.id" \
  " WHERE o.day BETWEEN ?1 AND ?2 AND o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL \
  " AND (?3 = 0 OR o.marketplace_id = ?3)"

static gboolean
resolve_marketplace (CiroStore *store, const CiroReportFilter *f, gint64 *mp_id, GError **error)
{
  sqlite3_stmt *stmt;

  *mp_id = 0;
  if (f->marketplace == NULL)
    return TRUE;
  stmt = ciro_store_prepare (store, "SELECT id FROM marketplaces WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, f->marketplace, -1, SQLITE_STATIC);
  /* an unknown marketplace has no sales: an id no row has */
  *mp_id = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_reset (stmt);
  return TRUE;
}

/* (bucket, group index) → Sums for the window [from, to]. */
static GHashTable *
compute (CiroStore *store, Catalog *cat, CiroDay from, CiroDay to, gint64 mp_id, gboolean by_month,
         GError **error)
{
  g_autoptr(GHashTable) products = g_hash_table_new_full (key_hash, key_equal, NULL, g_free);
  g_autoptr(GHashTable) cells = g_hash_table_new_full (key_hash, key_equal, NULL, g_free);
  gint32 first_month = ciro_day_month (from), last_month = ciro_day_month (to);
  gint32 full_from = ciro_month_first_day (first_month) == from ? first_month : first_month + 1;
  gint32 full_to = ciro_month_last_day (last_month) == to ? last_month : last_month - 1;
  GHashTableIter iter;
  Entry *e;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  if (full_from <= full_to)
    {
      CiroDay head_to = ciro_month_first_day (full_from) - 1;
      CiroDay tail_from = ciro_month_last_day (full_to) + 1;

      if (!accumulate_slice (store, SLICE_SQL ("roll_month_product", "month"), full_from, full_to,
                             mp_id, by_month, FALSE, products, &ok, error) ||
          (from <= head_to &&
           !accumulate_slice (store, SLICE_SQL ("roll_day_product", "day"), from, head_to,
                              mp_id, by_month, TRUE, products, &ok, error)) ||
          (tail_from <= to &&
           !accumulate_slice (store, SLICE_SQL ("roll_day_product", "day"), tail_from, to,
                              mp_id, by_month, TRUE, products, &ok, error)))
        return NULL;
    }
  else if (!accumulate_slice (store, SLICE_SQL ("roll_day_product", "day"), from, to,
                              mp_id, by_month, TRUE, products, &ok, error))
    return NULL;

  g_hash_table_iter_init (&iter, products);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e))
    {
      const Sums *p = &e->sums;
      Sums *s = sums_lookup (cells, e->key.bucket, catalog_group_of (cat, e->key.id));

      ok &= add (&s->revenue, p->revenue) && add (&s->units, p->units) && add (&s->cost, p->cost) &&
            add (&s->commission, p->commission) && add (&s->return_units, p->return_units);
      /* the rollup's orders count the product's net orders: > 0 means a net line */
      if (p->orders > 0)
        s->products++;
    }

  stmt = ciro_store_prepare (store, ORDER_LINES_SQL, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, from);
  sqlite3_bind_int (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, mp_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 order = sqlite3_column_int64 (stmt, 0);
      gint32 bucket = by_month ? ciro_day_month (sqlite3_column_int (stmt, 1)) : 0;
      Sums *s = sums_lookup (cells, bucket, catalog_group_of (cat, sqlite3_column_int64 (stmt, 2)));

      if (s->last_order != order)
        {
          s->orders++;
          s->last_order = order;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading category orders");
      return NULL;
    }
  if (!ok)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_FAILED,
                   _("The figures of this report add up beyond what Ciro can hold"));
      return NULL;
    }
  return g_steal_pointer (&cells);
}

/* ---------------------------------------------------------- rows */

static void
category_row_clear (gpointer data)
{
  CiroCategoryRow *r = data;
  g_clear_pointer (&r->category, g_free);
}

static double
pct (gint64 num, gint64 den)
{
  return den > 0 ? (double) num / (double) den * 100.0 : 0.0;
}

static GArray *
cells_to_rows (GHashTable *cells, Catalog *cat, GError **error)
{
  g_autoptr(GHashTable) totals = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (CiroCategoryRow));
  GHashTableIter iter;
  Entry *e;
  gboolean ok = TRUE;

  g_array_set_clear_func (rows, category_row_clear);
  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e))
    {
      gint64 *total = g_hash_table_lookup (totals, GINT_TO_POINTER (e->key.bucket));
      if (total == NULL)
        {
          total = g_new0 (gint64, 1);
          g_hash_table_insert (totals, GINT_TO_POINTER (e->key.bucket), total);
        }
      ok &= add (total, e->sums.revenue);
    }

  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e))
    {
      const Sums *s = &e->sums;
      const Group *g = g_ptr_array_index (cat->groups, e->key.id);
      gint64 total = *(gint64 *) g_hash_table_lookup (totals, GINT_TO_POINTER (e->key.bucket));
      CiroCategoryRow r = { 0 };
      gint64 all_units = 0;

      if (s->units == 0 && s->return_units == 0 && s->revenue == 0 && s->orders == 0)
        continue;
      r.category = g_strdup (g->name);
      r.kind = g->kind;
      r.month = e->key.bucket;
      r.revenue = s->revenue;
      r.units = s->units;
      r.orders = s->orders;
      r.cost = s->cost;
      r.commission = s->commission;
      ok &= ciro_sub_checked (s->revenue, s->cost, &r.profit) &&
            ciro_sub_checked (r.profit, s->commission, &r.profit);
      /* an unmatched line has no cost: its "profit" must not read as a margin */
      r.has_margin = s->units > 0 && g->kind != CIRO_CATEGORY_UNMATCHED && s->revenue > 0;
      r.margin_pct = r.has_margin ? (double) r.profit / (double) s->revenue * 100.0 : 0.0;
      r.return_units = s->return_units;
      r.has_return_rate = s->units > 0;
      ciro_add_checked (s->units, s->return_units, &all_units);   /* saturated: a percentage only */
      r.return_rate_pct = r.has_return_rate ? pct (s->return_units, all_units) : 0.0;
      r.products = s->products;
      r.share_pct = pct (s->revenue, total);
      g_array_append_val (rows, r);
    }
  if (!ok)
    {
      g_array_unref (rows);
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_FAILED,
                   _("The figures of this report add up beyond what Ciro can hold"));
      return NULL;
    }
  return rows;
}

static int
compare_rows (gconstpointer a, gconstpointer b)
{
  const CiroCategoryRow *x = a, *y = b;
  int c;

  if (x->month != y->month)
    return x->month < y->month ? -1 : 1;
  if (x->revenue != y->revenue)
    return x->revenue > y->revenue ? -1 : 1;
  c = strcmp (x->category, y->category);
  return c != 0 ? c : (int) x->kind - (int) y->kind;
}

static double
change_pct (gint64 now, gint64 before, gboolean *has)
{
  *has = before != 0;
  return *has ? (double) (now - before) / fabs ((double) before) * 100.0 : 0.0;
}

GArray *
ciro_report_categories (CiroStore *store, const CiroReportFilter *filter, GError **error)
{
  g_auto(Catalog) cat = { 0 };
  g_autoptr(GHashTable) now = NULL, before = NULL;
  CiroDay length;
  gint64 mp_id;
  GArray *rows;

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);
  if (filter->from == CIRO_DAY_INVALID || filter->to == CIRO_DAY_INVALID || filter->from > filter->to)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                   _("The report's first day must not be after its last day"));
      return NULL;
    }
  length = filter->to - filter->from + 1;
  if (!resolve_marketplace (store, filter, &mp_id, error) || !catalog_load (store, &cat, error) ||
      (now = compute (store, &cat, filter->from, filter->to, mp_id, FALSE, error)) == NULL ||
      (before = compute (store, &cat, filter->from - length, filter->from - 1, mp_id, FALSE, error)) == NULL ||
      (rows = cells_to_rows (now, &cat, error)) == NULL)
    return NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      CiroCategoryRow *r = &g_array_index (rows, CiroCategoryRow, i);
      guint group = catalog_group (&cat, r->kind, r->category);
      Key key = { 0, group };
      Entry *prev = g_hash_table_lookup (before, &key);
      gint64 prev_revenue = prev != NULL ? prev->sums.revenue : 0, prev_profit = 0;

      if (prev != NULL)
        prev_profit = prev->sums.revenue - prev->sums.cost - prev->sums.commission;
      r->revenue_change_pct = change_pct (r->revenue, prev_revenue, &r->has_revenue_change);
      r->profit_change_pct = change_pct (r->profit, prev_profit, &r->has_profit_change);
    }
  g_array_sort (rows, compare_rows);
  return rows;
}

GArray *
ciro_report_category_months (CiroStore *store, const CiroReportFilter *filter, GError **error)
{
  g_auto(Catalog) cat = { 0 };
  g_autoptr(GHashTable) cells = NULL;
  gint64 mp_id;
  GArray *rows;

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);
  if (filter->from == CIRO_DAY_INVALID || filter->to == CIRO_DAY_INVALID || filter->from > filter->to)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                   _("The report's first day must not be after its last day"));
      return NULL;
    }
  if (!resolve_marketplace (store, filter, &mp_id, error) || !catalog_load (store, &cat, error) ||
      (cells = compute (store, &cat, filter->from, filter->to, mp_id, TRUE, error)) == NULL ||
      (rows = cells_to_rows (cells, &cat, error)) == NULL)
    return NULL;
  g_array_sort (rows, compare_rows);
  return rows;
}

static void
product_row_free_strings (gpointer data)
{
  CiroProductRow *r = data;
  g_clear_pointer (&r->sku, g_free);
  g_clear_pointer (&r->name, g_free);
  g_clear_pointer (&r->brand, g_free);
  g_clear_pointer (&r->category, g_free);
}

GArray *
ciro_report_category_products (CiroStore              *store,
                               const CiroReportFilter *filter,
                               CiroCategoryKind        kind,
                               const char             *category,
                               CiroProductSort         sort,
                               guint                   limit,
                               GError                **error)
{
  g_auto(Catalog) cat = { 0 };
  g_autoptr(GArray) all = NULL;
  GArray *out;
  guint wanted;

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);
  g_return_val_if_fail (category != NULL, NULL);
  if (!catalog_load (store, &cat, error) ||
      (all = ciro_report_products (store, filter, sort, FALSE, error)) == NULL)
    return NULL;
  wanted = catalog_group (&cat, kind, category);
  out = g_array_new (FALSE, TRUE, sizeof (CiroProductRow));
  g_array_set_clear_func (all, NULL);    /* the kept rows' strings move to `out` */
  g_array_set_clear_func (out, product_row_free_strings);
  for (guint i = 0; i < all->len; i++)
    {
      CiroProductRow *r = &g_array_index (all, CiroProductRow, i);

      if (catalog_group_of (&cat, r->product_key) == wanted && (limit == 0 || out->len < limit))
        {
          g_array_append_val (out, *r);
          continue;
        }
      product_row_free_strings (r);
    }
  return out;
}

const char *
ciro_category_display_name (const CiroCategoryRow *row)
{
  switch (row->kind)
    {
    case CIRO_CATEGORY_NONE: return _("Uncategorised");
    case CIRO_CATEGORY_UNMATCHED: return _("Unmatched");
    case CIRO_CATEGORY_NAMED:
    case CIRO_CATEGORY_ID:
    default: return row->category;
    }
}
