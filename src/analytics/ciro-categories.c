/* ciro-categories.c: category figures (insights.md §1)
 *
 * Money (with the KDV inside the revenue and the cost without KDV),
 * units, returns and distinct net orders come from the category rollups
 * (whole months from roll_month_category, the edge days from
 * roll_day_category), which the store keeps per category key with an
 * order counted once in each category it touches. The products count
 * (distinct products with a net line in the window) comes from the months
 * each product sold in (roll_year_product) for the whole months and from
 * the day product rollups for the edge days, folded into each product's
 * category.
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
#include "ciro-report-private.h"

/* ---------------------------------------------------------- the catalog */

typedef struct {
  char            *name;
  CiroCategoryKind kind;
} Group;

typedef struct {
  GPtrArray  *groups;          /* Group*, owned */
  GHashTable *by_key;          /* interned category key → index + 1 */
  GHashTable *by_product;      /* gint64 product id → interned category key */
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
  g_clear_pointer (&c->by_key, g_hash_table_unref);
  g_clear_pointer (&c->by_product, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Catalog, catalog_clear)

/* The group of a category key (ciro_category_key), interned. */
static guint
catalog_group_of_key (Catalog *c, const char *key)
{
  guint i = GPOINTER_TO_UINT (g_hash_table_lookup (c->by_key, key));

  if (i == 0)
    {
      Group *g = g_new0 (Group, 1);

      switch (key[0])
        {
        case 'N':
          g->kind = CIRO_CATEGORY_NAMED;
          g->name = g_strdup (key + 1);
          break;
        case 'I':
          g->kind = CIRO_CATEGORY_ID;
          g->name = g_strdup (key + 1);
          break;
        case 'U':
          g->kind = CIRO_CATEGORY_UNMATCHED;
          g->name = g_strdup (CIRO_CATEGORY_UNMATCHED_NAME);
          break;
        default:
          g->kind = CIRO_CATEGORY_NONE;
          g->name = g_strdup (CIRO_CATEGORY_NONE_NAME);
          break;
        }
      g_ptr_array_add (c->groups, g);
      i = c->groups->len;
      g_hash_table_insert (c->by_key, (gpointer) key, GUINT_TO_POINTER (i));
    }
  return i - 1;
}

/* The category key of a group as a row names it. */
static const char *
group_key (CiroCategoryKind kind, const char *name)
{
  g_autofree char *key = NULL;

  switch (kind)
    {
    case CIRO_CATEGORY_NAMED:
      key = g_strconcat ("N", name, NULL);
      return g_intern_string (key);
    case CIRO_CATEGORY_ID:
      key = g_strconcat ("I", name, NULL);
      return g_intern_string (key);
    case CIRO_CATEGORY_UNMATCHED:
      return g_intern_static_string (CIRO_CATEGORY_KEY_UNMATCHED);
    case CIRO_CATEGORY_NONE:
    default:
      return g_intern_static_string (CIRO_CATEGORY_KEY_NONE);
    }
}

static gboolean
catalog_load (CiroStore *store, Catalog *c, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  c->groups = g_ptr_array_new_with_free_func (group_free);
  c->by_key = g_hash_table_new (g_direct_hash, g_direct_equal);
  c->by_product = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  stmt = ciro_store_prepare (store, "SELECT id, category, category_id FROM products", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (c->by_product, id,
                           (gpointer) ciro_category_key ((const char *) sqlite3_column_text (stmt, 1),
                                                         sqlite3_column_int64 (stmt, 2)));
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
  const char *key;

  if (product_key <= 0)
    key = g_intern_static_string (CIRO_CATEGORY_KEY_UNMATCHED);
  else if ((key = g_hash_table_lookup (c->by_product, &product_key)) == NULL)
    key = g_intern_static_string (CIRO_CATEGORY_KEY_NONE);
  return catalog_group_of_key (c, key);
}

/* ---------------------------------------------------------- the sums */

typedef struct {
  gint32 bucket;       /* a month, or 0 for the whole window */
  gint64 id;           /* a product key, or a group index */
} Key;

typedef struct {
  gint64 revenue, units, orders, cost, commission, return_units, products;
  gint64 output_vat, cost_ex_vat;
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
      g_hash_table_insert (table, &e->key, e);
    }
  return &e->sums;
}

static gboolean
add (gint64 *t, gint64 v)
{
  return ciro_add_checked (*t, v, t);
}

typedef struct {
  Catalog    *cat;
  gboolean    by_month;
  GHashTable *cells;     /* (bucket, group) → Sums */
  GHashTable *sold;      /* (bucket, product key) → Sums, only as a set */
  GHashTable *sold_keys; /* the window's product keys as pointers, a set */
  gint32      full_from, full_to;   /* the window's whole months */
  gboolean    ok;
} Reading;

static gint32
bucket_of (const Reading *r, sqlite3_stmt *stmt, gboolean period_is_day)
{
  gint32 period = sqlite3_column_int (stmt, 0);
  return !r->by_month ? 0 : period_is_day ? ciro_day_month (period) : period;
}

/* One row of a category rollup slice (CATEGORY_SLICE_SQL). */
static void
add_category_row (sqlite3_stmt *stmt, gboolean period_is_day, gpointer data)
{
  Reading *r = data;
  const char *key = g_intern_string ((const char *) sqlite3_column_text (stmt, 1));
  Sums *s = sums_lookup (r->cells, bucket_of (r, stmt, period_is_day), catalog_group_of_key (r->cat, key));
  gint64 *f[] = { &s->orders, &s->revenue, &s->units, &s->cost, &s->commission, &s->return_units,
                  &s->output_vat, &s->cost_ex_vat };

  for (guint c = 0; c < G_N_ELEMENTS (f); c++)
    r->ok &= add (f[c], sqlite3_column_int64 (stmt, (int) c + 2));
}

/* One product with net orders on an edge day (SOLD_DAY_SQL), or one year
 * row of the months products sold in (SOLD_YEARS_SQL), of which only the
 * months of the window's whole months count. */
static void
add_sold_product (sqlite3_stmt *stmt, gboolean period_is_day, gpointer data)
{
  Reading *r = data;
  gint32 year;
  gint64 key = sqlite3_column_int64 (stmt, 1), lo, hi;
  gboolean any = FALSE;

  if (period_is_day)
    {
      sums_lookup (r->sold, bucket_of (r, stmt, TRUE), key);
      return;
    }
  year = sqlite3_column_int (stmt, 0);
  lo = sqlite3_column_int64 (stmt, 2);
  hi = sqlite3_column_int64 (stmt, 3);
  for (gint32 slot = 0; slot < 12; slot++)
    {
      gint32 month = year * 12 + slot;
      gint64 count = ((slot < 6 ? lo : hi) >> (10 * (slot % 6))) & 1023;

      if (count == 0 || month < r->full_from || month > r->full_to)
        continue;
      if (r->by_month)
        sums_lookup (r->sold, month, key);
      else
        any = TRUE;
    }
  if (any)
    sums_lookup (r->sold, 0, key);
}

#define CATEGORY_SLICE_SQL(table, period) \
  "SELECT " period ", category, orders, revenue, units, cost, commission, return_units, output_vat," \
  " cost_ex_vat FROM " table \
  " WHERE " period " BETWEEN ?1 AND ?2 AND (?3 = 0 OR marketplace_id = ?3)"

/* the rollup's orders count the product's net orders: > 0 means a net line */
#define SOLD_DAY_SQL \
  "SELECT day, product_key FROM roll_day_product" \
  " WHERE day BETWEEN ?1 AND ?2 AND (?3 = 0 OR marketplace_id = ?3) AND orders > 0"

/* the whole months from the months each product sold in: a row per year,
 * product and marketplace, marketplace 0 standing for any (an unknown
 * marketplace, −1, has none) */
#define SOLD_YEARS_SQL \
  "SELECT year, product_key, lo, hi FROM roll_year_product" \
  " WHERE year BETWEEN ?1 / 12 AND ?2 / 12 AND marketplace_id = ?3"

/* product keys are held as pointers in the window's set */
G_STATIC_ASSERT (sizeof (gpointer) >= sizeof (gint64));

/* a product with net orders on one of the days [?2, ?3] */
#define SOLD_ON_DAYS_SQL \
  "SELECT 1 FROM roll_day_product WHERE product_key = ?1 AND day BETWEEN ?2 AND ?3 AND orders > 0" \
  " AND (?4 = 0 OR marketplace_id = ?4) LIMIT 1"

/* past this many products sold in an edge month but in none of the whole
 * months, reading the edge days' rows costs less than a look-up each */
guint ciro_categories_max_edge_lookups = 2000;

static gboolean
sold_on_days (CiroStore *store, gint64 key, CiroDay a, CiroDay b, gint64 mp_id, gboolean *sold, GError **error)
{
  sqlite3_stmt *stmt = ciro_store_prepare (store, SOLD_ON_DAYS_SQL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, key);
  sqlite3_bind_int (stmt, 2, a);
  sqlite3_bind_int (stmt, 3, b);
  sqlite3_bind_int64 (stmt, 4, mp_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading category products");
      return FALSE;
    }
  *sold = rc == SQLITE_ROW;
  return TRUE;
}

/* The distinct products with net orders in the window [from, to], into
 * r->sold at bucket 0: those that sold in one of its whole months from
 * roll_year_product; of the others, those that sold in a clipped edge
 * month are looked up on the window's days of that month (index
 * roll_day_product_key), or, when they are many, the edge days are read. */
static gboolean
read_window_products (CiroStore *store, Reading *r, CiroDay from, CiroDay to, gint64 mp_id, GError **error)
{
  gint32 first_month = ciro_day_month (from), last_month = ciro_day_month (to);
  gint32 head = r->full_from != first_month ? first_month : -1;
  gint32 tail = r->full_to != last_month ? last_month : -1;
  CiroDay head_to = MIN (to, ciro_month_last_day (first_month)), tail_from = MAX (from, ciro_month_first_day (last_month));
  g_autoptr(GArray) edge = g_array_new (FALSE, FALSE, sizeof (gint64));   /* (key, 1 head | 2 tail) */
  sqlite3_stmt *stmt = ciro_store_prepare (store, SOLD_YEARS_SQL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, first_month);
  sqlite3_bind_int (stmt, 2, last_month);
  sqlite3_bind_int64 (stmt, 3, mp_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint32 year = sqlite3_column_int (stmt, 0);
      gint64 key = sqlite3_column_int64 (stmt, 1), lo = sqlite3_column_int64 (stmt, 2);
      gint64 hi = sqlite3_column_int64 (stmt, 3), edges = 0;
      gboolean whole = FALSE;

      for (gint32 slot = 0; slot < 12 && !whole; slot++)
        {
          gint32 month = year * 12 + slot;

          if ((((slot < 6 ? lo : hi) >> (10 * (slot % 6))) & 1023) == 0)
            continue;
          if (month >= r->full_from && month <= r->full_to)
            whole = TRUE;
          else if (month == head)
            edges |= 1;
          else if (month == tail)
            edges |= 2;
        }
      if (whole)
        g_hash_table_add (r->sold_keys, GSIZE_TO_POINTER ((gsize) key));
      else if (edges != 0)
        {
          g_array_append_val (edge, key);
          g_array_append_val (edge, edges);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading category products");
      return FALSE;
    }

  if (edge->len / 2 > ciro_categories_max_edge_lookups)
    {
      const gint32 parts[][2] = { { head, head_to }, { tail, to } };

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        {
          CiroDay a = i == 0 ? from : tail_from, b = parts[i][1];

          if (parts[i][0] < 0 || (i == 1 && head == tail))
            continue;
          if ((stmt = ciro_store_prepare (store, SOLD_DAY_SQL, error)) == NULL)
            return FALSE;
          sqlite3_bind_int (stmt, 1, a);
          sqlite3_bind_int (stmt, 2, b);
          sqlite3_bind_int64 (stmt, 3, mp_id);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            g_hash_table_add (r->sold_keys, GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 1)));
          sqlite3_reset (stmt);
          if (rc != SQLITE_DONE)
            {
              ciro_store_set_error (store, error, "reading category products");
              return FALSE;
            }
        }
      return TRUE;
    }

  for (guint i = 0; i < edge->len; i += 2)
    {
      gint64 key = g_array_index (edge, gint64, i), edges = g_array_index (edge, gint64, i + 1);
      gboolean sold = FALSE;

      if ((edges & 1) && !sold_on_days (store, key, from, head_to, mp_id, &sold, error))
        return FALSE;
      if (!sold && (edges & 2) && !sold_on_days (store, key, tail_from, to, mp_id, &sold, error))
        return FALSE;
      if (sold)
        g_hash_table_add (r->sold_keys, GSIZE_TO_POINTER ((gsize) key));
    }
  return TRUE;
}

/* (bucket, group index) → Sums for the window [from, to]; the products
 * counted only when `products` (the previous window's changes need none). */
static GHashTable *
compute (CiroStore *store, Catalog *cat, CiroDay from, CiroDay to, gint64 mp_id, gboolean by_month,
         gboolean products, GError **error)
{
  g_autoptr(GHashTable) cells = g_hash_table_new_full (key_hash, key_equal, NULL, g_free);
  g_autoptr(GHashTable) sold = g_hash_table_new_full (key_hash, key_equal, NULL, g_free);
  g_autoptr(GHashTable) sold_keys = g_hash_table_new (g_direct_hash, g_direct_equal);
  gint32 first_month = ciro_day_month (from), last_month = ciro_day_month (to);
  Reading r = { cat, by_month, cells, sold, sold_keys,
                /* the whole months as ciro_report_read_slices () reads them */
                ciro_month_first_day (first_month) == from ? first_month : first_month + 1,
                ciro_month_last_day (last_month) == to ? last_month : last_month - 1, TRUE };
  GHashTableIter iter;
  gpointer key;
  Entry *e;

  if (!ciro_report_read_slices (store, CATEGORY_SLICE_SQL ("roll_month_category", "month"),
                                CATEGORY_SLICE_SQL ("roll_day_category", "day"), from, to, mp_id,
                                add_category_row, &r, "reading category figures", error) ||
      (products && !by_month && !read_window_products (store, &r, from, to, mp_id, error)) ||
      (products && by_month &&
       !ciro_report_read_slices (store, SOLD_YEARS_SQL, SOLD_DAY_SQL, from, to, mp_id,
                                add_sold_product, &r, "reading category products", error)))
    return NULL;

  g_hash_table_iter_init (&iter, sold);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &e))
    sums_lookup (cells, e->key.bucket, catalog_group_of (cat, e->key.id))->products++;
  g_hash_table_iter_init (&iter, sold_keys);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, NULL))
    sums_lookup (cells, 0, catalog_group_of (cat, (gint64) GPOINTER_TO_SIZE (key)))->products++;

  if (!r.ok)
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
      r.output_vat = s->output_vat;
      r.cost_ex_vat = s->cost_ex_vat;
      {
        gint64 revenue_ex_vat = 0;
        ok &= ciro_sub_checked (s->revenue, s->output_vat, &revenue_ex_vat) &&
              ciro_sub_checked (revenue_ex_vat, s->cost_ex_vat, &r.profit_ex_vat) &&
              ciro_sub_checked (r.profit_ex_vat, s->commission, &r.profit_ex_vat);
        r.margin_ex_vat_pct = r.has_margin && revenue_ex_vat > 0
                                ? (double) r.profit_ex_vat / (double) revenue_ex_vat * 100.0 : 0.0;
      }
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
  if (!ciro_report_marketplace_id (store, filter, &mp_id, error) || !catalog_load (store, &cat, error) ||
      (now = compute (store, &cat, filter->from, filter->to, mp_id, FALSE, TRUE, error)) == NULL ||
      (before = compute (store, &cat, filter->from - length, filter->from - 1, mp_id, FALSE, FALSE, error)) == NULL ||
      (rows = cells_to_rows (now, &cat, error)) == NULL)
    return NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      CiroCategoryRow *r = &g_array_index (rows, CiroCategoryRow, i);
      guint group = catalog_group_of_key (&cat, group_key (r->kind, r->category));
      Key key = { 0, group };
      Entry *prev = g_hash_table_lookup (before, &key);
      gint64 prev_revenue = prev != NULL ? prev->sums.revenue : 0, prev_profit = 0, prev_profit_ex_vat = 0;

      if (prev != NULL)
        {
          prev_profit = prev->sums.revenue - prev->sums.cost - prev->sums.commission;
          prev_profit_ex_vat = prev->sums.revenue - prev->sums.output_vat - prev->sums.cost_ex_vat
                               - prev->sums.commission;
        }
      r->revenue_change_pct = change_pct (r->revenue, prev_revenue, &r->has_revenue_change);
      r->profit_change_pct = change_pct (r->profit, prev_profit, &r->has_profit_change);
      r->profit_ex_vat_change_pct = change_pct (r->profit_ex_vat, prev_profit_ex_vat, &r->has_profit_ex_vat_change);
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
  if (!ciro_report_marketplace_id (store, filter, &mp_id, error) || !catalog_load (store, &cat, error) ||
      (cells = compute (store, &cat, filter->from, filter->to, mp_id, TRUE, TRUE, error)) == NULL ||
      (rows = cells_to_rows (cells, &cat, error)) == NULL)
    return NULL;
  g_array_sort (rows, compare_rows);
  return rows;
}

static void
product_row_free_strings (gpointer data)
{
  ciro_product_row_clear_strings (data);
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
  wanted = catalog_group_of_key (&cat, group_key (kind, category));
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
