/* test-baskets.c: products bought together (insights.md §5)
 *
 * A store built by hand, every count worked out below: variants of one
 * parent in an order, unmatched lines, a cancelled order, an order outside
 * the window, another marketplace, a product sold only alone and one never
 * sold, thresholds exactly at min_count; a store without multi-item
 * orders; and demo stores of several seeds where every pair and triple is
 * counted by brute force (every subset of every basket, no pruning) from
 * the raw tables and compared with the engine's, itemset by itemset.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "analytics/ciro-baskets.h"
#include "core/ciro-date.h"
#include "store/ciro-store-sql.h"
#include "ciro-test-util.h"

static CiroStore *store;
static char *dir;
static CiroDay D0;           /* 2026-11-01; the window is D0 .. D0 + 9 */

#define EPS 1e-12

static void
put_product (gint64 id, const char *sku, CiroKurus purchase, CiroKurus sale, gboolean variants)
{
  g_autoptr(GError) error = NULL;
  CiroProductRecord *p = ciro_product_record_new ();

  p->id = id;
  p->sku = g_strdup (sku);
  p->name = g_strdup_printf ("Ürün %s", sku);
  p->purchase_price = purchase;
  p->sale_price = sale;
  p->vat_rate = 0;
  ciro_stock_record_append (p->stocks, 1, NULL, 10);
  if (variants)
    for (guint i = 0; i < 2; i++)
      {
        CiroVariantRecord *v = ciro_variant_record_new ();
        v->id = id * 10 + i + 1;
        v->sku = g_strdup_printf ("%s-%s", sku, i == 0 ? "RED" : "BLU");
        ciro_stock_record_append (v->stocks, 1, NULL, 5);
        g_ptr_array_add (p->variants, v);
      }
  g_assert_true (ciro_store_put_product (store, p, D0 - 100, &error));
  g_assert_no_error (error);
  ciro_product_record_free (p);
}

static void
put_order (gint64 id, CiroDay day, const char *source, gint32 status, const char * const *skus)
{
  g_autoptr(GError) error = NULL;
  CiroOrderRecord *o = ciro_order_record_new ();

  o->id = id;
  o->day = day;
  o->seconds = 12 * 3600;
  o->source = g_strdup (source);
  o->status = status;
  for (guint i = 0; skus[i] != NULL; i++)
    {
      CiroOrderLineRecord *l = ciro_order_line_record_new ();
      l->sku = g_strdup (skus[i]);
      l->quantity = 1;
      l->amount = 1000;
      l->price = 1000;
      l->status = g_strdup ("accepted");
      g_ptr_array_add (o->lines, l);
    }
  g_assert_true (ciro_store_put_order (store, o, &error));
  g_assert_no_error (error);
  ciro_order_record_free (o);
}

#define ORDER(id, day, source, status, ...) \
  do { const char *s_[] = { __VA_ARGS__, NULL }; put_order (id, day, source, status, s_); } while (0)

static void
build_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  dir = ciro_test_tmpdir ("baskets");
  path = g_build_filename (dir, "ciro.db", NULL);
  store = ciro_store_open (path, &error);
  g_assert_no_error (error);
  D0 = ciro_day_from_ymd (2026, 11, 1);

  g_assert_true (ciro_store_begin (store, &error));
  put_product (1, "A", 1000, 3000, TRUE);     /* variants A-RED, A-BLU */
  put_product (2, "B", 500, 2000, FALSE);
  put_product (3, "C", 0, 1500, FALSE);       /* no purchase price: no margin */
  put_product (4, "D", 700, 1000, FALSE);
  put_product (5, "E", 100, 900, FALSE);      /* sold only alone */
  put_product (6, "F", 100, 900, FALSE);      /* never sold */

  ORDER (1, D0, "TRENDYOL", 5, "A-RED", "A-BLU", "B");       /* {A, B}: one A */
  ORDER (2, D0 + 1, "TRENDYOL", 5, "A", "B", "C");
  ORDER (3, D0 + 2, "TRENDYOL", 5, "C", "B", "A-RED");
  ORDER (4, D0 + 3, "TRENDYOL", 5, "A", "B", "NOPE-1");      /* the unmatched line is no item */
  ORDER (5, D0 + 4, "TRENDYOL", 5, "B", "C");
  ORDER (6, D0 + 5, "TRENDYOL", 5, "E");
  ORDER (7, D0 + 6, "TRENDYOL", 6, "A", "B", "C");           /* cancelled: not a transaction */
  ORDER (8, D0 - 1, "TRENDYOL", 5, "A", "B", "C");           /* before the window */
  ORDER (9, D0 + 7, "TRENDYOL", 5, "NOPE-1", "NOPE-2");      /* no matched line */
  ORDER (10, D0 + 8, "TRENDYOL", 5, "D", "C");
  ORDER (11, D0 + 9, "HEPSIBURADA", 5, "A", "C");
  ORDER (12, D0 + 10, "TRENDYOL", 5, "A", "B", "C");         /* after the window */
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
}

static CiroBaskets *
run (guint min_count, guint max_size, const char *marketplace, gint64 product)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { D0, D0 + 9, (char *) marketplace };
  CiroBasketOptions o = { min_count, max_size, product };
  CiroBaskets *b = ciro_report_baskets (store, &f, &o, &error);

  g_assert_no_error (error);
  g_assert_nonnull (b);
  return b;
}

static const CiroBasketSet *
find (GArray *sets, gint64 a, gint64 b, gint64 c)
{
  for (guint i = 0; i < sets->len; i++)
    {
      const CiroBasketSet *s = &g_array_index (sets, CiroBasketSet, i);
      if (s->items[0] == a && s->items[1] == b && s->items[2] == c)
        return s;
    }
  return NULL;
}

/* N = 8 (orders 1-6, 10, 11); count A = B = C = 5, D = E = 1;
 * AB = 4, AC = 3, BC = 3, CD = 1, ABC = 2. */
static void
test_hand_counts (void)
{
  g_autoptr(CiroBaskets) b = run (2, 3, NULL, 0);
  const CiroBasketSet *s;

  g_assert_cmpint (b->transactions, ==, 8);
  g_assert_cmpint (b->min_count, ==, 2);
  g_assert_cmpuint (b->pairs->len, ==, 3);
  /* by count, then lift, then items */
  s = &g_array_index (b->pairs, CiroBasketSet, 0);
  g_assert_cmpint (s->items[0], ==, 1);
  g_assert_cmpint (s->items[1], ==, 2);
  g_assert_cmpint (s->count, ==, 4);
  g_assert_cmpint (s->item_count[0], ==, 5);
  g_assert_cmpint (s->item_count[1], ==, 5);
  g_assert_cmpfloat_with_epsilon (s->support, 4.0 / 8, EPS);
  g_assert_cmpfloat_with_epsilon (s->confidence[1], 4.0 / 5, EPS);
  g_assert_cmpfloat_with_epsilon (s->lift, 4.0 * 8 / 25, EPS);
  s = find (b->pairs, 1, 3, 0);
  g_assert_nonnull (s);
  g_assert_cmpint (s->count, ==, 3);
  g_assert_cmpfloat_with_epsilon (s->lift, 3.0 * 8 / 25, EPS);
  s = find (b->pairs, 2, 3, 0);
  g_assert_nonnull (s);
  g_assert_cmpint (s->count, ==, 3);
  g_assert_null (find (b->pairs, 3, 4, 0));   /* 1 < 2 */

  g_assert_cmpuint (b->triples->len, ==, 1);
  s = &g_array_index (b->triples, CiroBasketSet, 0);
  g_assert_cmpint (s->items[0], ==, 1);
  g_assert_cmpint (s->items[1], ==, 2);
  g_assert_cmpint (s->items[2], ==, 3);
  g_assert_cmpint (s->count, ==, 2);
  g_assert_cmpfloat_with_epsilon (s->support, 2.0 / 8, EPS);
  /* {B,C} → A, {A,C} → B, {A,B} → C */
  g_assert_cmpfloat_with_epsilon (s->confidence[0], 2.0 / 3, EPS);
  g_assert_cmpfloat_with_epsilon (s->confidence[1], 2.0 / 3, EPS);
  g_assert_cmpfloat_with_epsilon (s->confidence[2], 2.0 / 4, EPS);
  /* the lowest lift: {A,B} → C = 2 × 8 / (4 × 5) */
  g_assert_cmpfloat_with_epsilon (s->lift, 0.8, EPS);
  /* no itemset reaches lift 1.5 */
  g_assert_cmpuint (b->bundles->len, ==, 0);

  /* by lift: AB (1.28) before AC and BC (0.96) */
  ciro_baskets_sort (b->pairs, CIRO_BASKET_SORT_LIFT);
  g_assert_cmpint (g_array_index (b->pairs, CiroBasketSet, 0).items[1], ==, 2);
}

/* count(X) == min_count is in, one more is out */
static void
test_hand_thresholds (void)
{
  g_autoptr(CiroBaskets) three = run (3, 3, NULL, 0);
  g_autoptr(CiroBaskets) four = run (4, 3, NULL, 0);
  g_autoptr(CiroBaskets) five = run (5, 3, NULL, 0);
  g_autoptr(CiroBaskets) one = run (1, 3, NULL, 0);
  g_autoptr(CiroBaskets) pairs_only = run (2, 2, NULL, 0);
  g_autoptr(CiroBaskets) deflt = run (0, 0, NULL, 0);
  const CiroBasketSet *s;
  CiroBundleValue v;

  g_assert_cmpuint (three->pairs->len, ==, 3);      /* AB 4, AC 3, BC 3 */
  g_assert_cmpuint (three->triples->len, ==, 0);    /* ABC 2 */
  g_assert_cmpuint (four->pairs->len, ==, 1);
  g_assert_cmpint (g_array_index (four->pairs, CiroBasketSet, 0).count, ==, 4);
  g_assert_cmpuint (five->pairs->len, ==, 0);
  g_assert_cmpint (five->transactions, ==, 8);
  g_assert_cmpuint (pairs_only->triples->len, ==, 0);
  g_assert_cmpuint (pairs_only->pairs->len, ==, 3);
  g_assert_cmpint (deflt->min_count, ==, CIRO_BASKETS_DEFAULT_MIN_COUNT);
  g_assert_cmpuint (deflt->pairs->len, ==, 0);

  /* min_count 1: CD (1) counts; its lift 1 × 8 / (5 × 1) = 1.6 makes a bundle */
  g_assert_cmpuint (one->pairs->len, ==, 4);
  g_assert_cmpuint (one->bundles->len, ==, 1);
  s = &g_array_index (one->bundles, CiroBasketSet, 0);
  g_assert_cmpint (s->items[0], ==, 3);
  g_assert_cmpint (s->items[1], ==, 4);
  g_assert_cmpfloat_with_epsilon (s->lift, 1.6, EPS);
  g_assert_cmpfloat_with_epsilon (s->score, 0.6, 1e-9);
  /* C has no purchase price: the bundle's price is known, its margin not */
  ciro_basket_set_value (one, s, &v);
  g_assert_cmpint (v.price, ==, 1500 + 1000);
  g_assert_false (v.has_margin);
  s = find (one->pairs, 1, 2, 0);
  ciro_basket_set_value (one, s, &v);
  g_assert_true (v.has_margin);
  g_assert_cmpint (v.price, ==, 5000);
  g_assert_cmpint (v.cost, ==, 1500);
  g_assert_cmpint (v.margin, ==, 3500);
  g_assert_cmpfloat_with_epsilon (v.margin_pct, 70.0, 1e-9);
  {
    g_autofree char *skus = ciro_basket_set_skus (one, s);
    g_autofree char *names = ciro_basket_set_names (one, s);
    g_assert_cmpstr (skus, ==, "A + B");
    g_assert_cmpstr (names, ==, "Ürün A + Ürün B");
  }
}

static void
test_hand_together (void)
{
  g_autoptr(CiroBaskets) b = run (1, 3, NULL, 0);
  g_autoptr(CiroBaskets) only_a = run (2, 3, NULL, 1);
  g_autoptr(CiroBaskets) hb = run (1, 3, "Hepsiburada", 0);
  g_autoptr(GArray) a = ciro_baskets_together (b, 1, 0);
  g_autoptr(GArray) c = ciro_baskets_together (b, 3, 2);
  g_autoptr(GArray) e = ciro_baskets_together (b, 5, 0);
  g_autoptr(GArray) f = ciro_baskets_together (b, 6, 0);

  /* A: with B 4 times (of A's 5), with C 3 times */
  g_assert_cmpuint (a->len, ==, 2);
  g_assert_cmpint (g_array_index (a, CiroBasketSet, 0).items[1], ==, 2);
  g_assert_cmpfloat_with_epsilon (ciro_basket_set_confidence_from (&g_array_index (a, CiroBasketSet, 0), 1),
                                  4.0 / 5, EPS);
  /* C: with A 3, B 3, D 1; limited to two, the tie broken by confidence
   * (equal), lift (equal), then the items */
  g_assert_cmpuint (c->len, ==, 2);
  g_assert_cmpint (g_array_index (c, CiroBasketSet, 0).items[0], ==, 1);
  g_assert_cmpint (g_array_index (c, CiroBasketSet, 1).items[0], ==, 2);
  g_assert_cmpfloat_with_epsilon (ciro_basket_set_confidence_from (&g_array_index (c, CiroBasketSet, 1), 3),
                                  3.0 / 5, EPS);
  /* a product sold only alone and one never sold are in no basket */
  g_assert_cmpuint (e->len, ==, 0);
  g_assert_cmpuint (f->len, ==, 0);

  /* --product A: the itemsets holding A only */
  g_assert_cmpuint (only_a->pairs->len, ==, 2);
  g_assert_null (find (only_a->pairs, 2, 3, 0));
  g_assert_cmpuint (only_a->triples->len, ==, 1);
  g_assert_nonnull (ciro_baskets_product (only_a, 1));
  g_assert_cmpstr (ciro_baskets_product (only_a, 1)->sku, ==, "A");

  /* one marketplace: order 11 alone */
  g_assert_cmpint (hb->transactions, ==, 1);
  g_assert_cmpuint (hb->pairs->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (g_array_index (hb->pairs, CiroBasketSet, 0).lift, 1.0, EPS);
}

static void
test_no_multi_item_orders (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "single.db", NULL);
  CiroStore *saved = store;
  g_autoptr(CiroBaskets) b = NULL;

  store = ciro_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (ciro_store_begin (store, &error));
  put_product (1, "A", 1000, 3000, TRUE);
  put_product (2, "B", 500, 2000, FALSE);
  for (gint64 i = 1; i <= 20; i++)
    ORDER (i, D0 + (i % 10), "TRENDYOL", 5, i % 2 ? "A" : "B");
  ORDER (21, D0, "TRENDYOL", 5, "A-RED", "A-BLU");   /* two lines, one item */
  g_assert_true (ciro_store_commit (store, &error));
  b = run (1, 3, NULL, 0);
  g_assert_cmpint (b->transactions, ==, 21);
  g_assert_cmpuint (b->pairs->len, ==, 0);
  g_assert_cmpuint (b->triples->len, ==, 0);
  g_assert_cmpuint (b->bundles->len, ==, 0);
  g_object_unref (store);
  ciro_test_remove_store (path);
  store = saved;

  /* an empty window */
  {
    CiroReportFilter f = { D0 + 500, D0 + 600, NULL };
    g_autoptr(CiroBaskets) none = ciro_report_baskets (store, &f, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (none->transactions, ==, 0);
    g_assert_cmpuint (none->pairs->len, ==, 0);
  }
}

/* ---------------------------------------------------------- brute force */

typedef struct {
  gint64 id;
  CiroDay day;
  gint32 status;
  char *marketplace;
  GArray *products;          /* gint64, distinct, sorted */
} RawOrder;

static int
cmp_i64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static void
raw_order_free (gpointer data)
{
  RawOrder *o = data;
  g_free (o->marketplace);
  g_array_unref (o->products);
  g_free (o);
}

/* Every order of the store with its distinct matched products, straight
 * from the tables. */
static GHashTable *
read_raw (CiroStore *s)
{
  sqlite3 *db = ciro_store_get_db (s);
  GHashTable *orders = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, raw_order_free);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT o.id, o.day, o.status, m.name FROM orders o"
                                       " JOIN marketplaces m ON m.id = o.marketplace_id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RawOrder *o = g_new0 (RawOrder, 1);
      o->id = sqlite3_column_int64 (stmt, 0);
      o->day = sqlite3_column_int (stmt, 1);
      o->status = sqlite3_column_int (stmt, 2);
      o->marketplace = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      o->products = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (orders, &o->id, o);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT order_id, product_id FROM order_lines", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0), p = sqlite3_column_int64 (stmt, 1);
      RawOrder *o = g_hash_table_lookup (orders, &id);
      gboolean seen = FALSE;

      g_assert_nonnull (o);
      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        continue;
      for (guint i = 0; i < o->products->len; i++)
        seen |= g_array_index (o->products, gint64, i) == p;
      if (!seen)
        g_array_append_val (o->products, p);
    }
  sqlite3_finalize (stmt);
  {
    GHashTableIter it;
    gpointer v;
    g_hash_table_iter_init (&it, orders);
    while (g_hash_table_iter_next (&it, NULL, &v))
      g_array_sort (((RawOrder *) v)->products, cmp_i64);
  }
  return orders;
}

static void
bump (GHashTable *counts, char *key)
{
  gpointer old;
  if (g_hash_table_lookup_extended (counts, key, NULL, &old))
    {
      g_hash_table_insert (counts, key, GINT_TO_POINTER (GPOINTER_TO_INT (old) + 1));
      return;
    }
  g_hash_table_insert (counts, key, GINT_TO_POINTER (1));
}

static void
check_against_brute_force (CiroStore *s, GHashTable *raw, const CiroReportFilter *f, guint min_count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CiroBasketOptions o = { min_count, 3, 0 };
  g_autoptr(CiroBaskets) b = ciro_report_baskets (s, f, &o, &error);
  GHashTableIter it;
  gpointer k, v;
  gint64 n = 0;
  guint listed[2] = { 0, 0 }, brute[2] = { 0, 0 };

  g_assert_no_error (error);
  g_hash_table_iter_init (&it, raw);
  while (g_hash_table_iter_next (&it, NULL, &v))
    {
      RawOrder *r = v;
      const gint64 *p = (const gint64 *) r->products->data;
      guint m = r->products->len;

      if (r->day < f->from || r->day > f->to || r->status == 6 || m == 0 ||
          (f->marketplace != NULL && g_strcmp0 (r->marketplace, f->marketplace) != 0))
        continue;
      n++;
      for (guint i = 0; i < m; i++)
        {
          bump (counts, g_strdup_printf ("%" G_GINT64_FORMAT, p[i]));
          for (guint j = i + 1; j < m; j++)
            {
              bump (counts, g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, p[i], p[j]));
              for (guint l = j + 1; l < m; l++)
                bump (counts, g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                                               p[i], p[j], p[l]));
            }
        }
    }
  g_assert_cmpint (b->transactions, ==, n);

  g_hash_table_iter_init (&it, counts);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      guint commas = 0;
      for (const char *c = k; *c; c++)
        commas += *c == ',';
      if (commas > 0 && GPOINTER_TO_UINT (v) >= min_count)
        brute[commas - 1]++;
    }

  for (guint a = 0; a < 2; a++)
    {
      GArray *sets = a == 0 ? b->pairs : b->triples;
      for (guint i = 0; i < sets->len; i++)
        {
          const CiroBasketSet *x = &g_array_index (sets, CiroBasketSet, i);
          g_autofree char *key = a == 0
            ? g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, x->items[0], x->items[1])
            : g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                               x->items[0], x->items[1], x->items[2]);
          gint64 c[3], count = GPOINTER_TO_INT (g_hash_table_lookup (counts, key));
          double lift;

          g_assert_cmpuint (x->size, ==, a + 2);
          g_assert_cmpint (x->count, ==, count);
          g_assert_cmpint (x->count, >=, min_count);
          for (guint j = 0; j < x->size; j++)
            {
              g_autofree char *one = g_strdup_printf ("%" G_GINT64_FORMAT, x->items[j]);
              c[j] = GPOINTER_TO_INT (g_hash_table_lookup (counts, one));
              g_assert_cmpint (x->item_count[j], ==, c[j]);
            }
          g_assert_cmpfloat_with_epsilon (x->support, (double) count / n, EPS);
          if (a == 0)
            {
              lift = (double) count * n / ((double) c[0] * c[1]);
              g_assert_cmpfloat_with_epsilon (x->confidence[1], (double) count / c[0], EPS);
              g_assert_cmpfloat_with_epsilon (x->confidence[0], (double) count / c[1], EPS);
            }
          else
            {
              lift = G_MAXDOUBLE;
              for (guint j = 0; j < 3; j++)
                {
                  gint64 y = x->items[(j + 1) % 3], z = x->items[(j + 2) % 3];
                  g_autofree char *pk = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                                                         MIN (y, z), MAX (y, z));
                  gint64 rest = GPOINTER_TO_INT (g_hash_table_lookup (counts, pk));
                  g_assert_cmpfloat_with_epsilon (x->confidence[j], (double) count / rest, EPS);
                  lift = MIN (lift, (double) count * n / ((double) rest * c[j]));
                }
            }
          g_assert_cmpfloat_with_epsilon (x->lift, lift, 1e-9);
          listed[a]++;
        }
    }
  /* the engine lists exactly the itemsets at or over the threshold */
  g_assert_cmpuint (listed[0], ==, brute[0]);
  g_assert_cmpuint (listed[1], ==, brute[1]);
  g_test_message ("N %" G_GINT64_FORMAT ", min %u: %u pairs, %u triples", n, min_count, listed[0], listed[1]);

  /* bundles: exactly the listed itemsets with lift ≥ 1.5, by score */
  {
    guint expect = 0;
    for (guint a = 0; a < 2; a++)
      {
        GArray *sets = a == 0 ? b->pairs : b->triples;
        for (guint i = 0; i < sets->len; i++)
          expect += g_array_index (sets, CiroBasketSet, i).lift >= 1.5;
      }
    g_assert_cmpuint (b->bundles->len, ==, expect);
    for (guint i = 1; i < b->bundles->len; i++)
      g_assert_cmpfloat (g_array_index (b->bundles, CiroBasketSet, i - 1).score, >=,
                         g_array_index (b->bundles, CiroBasketSet, i).score);
  }
}

static void
test_brute_force (void)
{
  const guint seeds[] = { 1, 7, 42 };

  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      g_autofree char *path = g_strdup_printf ("%s/demo-%u.db", dir, seeds[s]);
      CiroDay end = ciro_day_from_ymd (2026, 10, 31);
      CiroStore *demo = ciro_test_reference_store (path, 4000, 40, seeds[s], end, 120);
      g_autoptr(GHashTable) raw = read_raw (demo);
      CiroReportFilter all = { end - 119, end, NULL };
      CiroReportFilter part = { end - 59, end - 10, (char *) "Trendyol" };

      check_against_brute_force (demo, raw, &all, 1);
      check_against_brute_force (demo, raw, &all, 3);
      check_against_brute_force (demo, raw, &all, 5);
      check_against_brute_force (demo, raw, &part, 2);
      g_object_unref (demo);
      ciro_test_remove_store (path);
    }
}

/* The demo puts goods bought together into the same orders: its pairs
 * reach the default minimum count with a lift that makes them bundles. */
static void
test_demo_pairs (void)
{
  g_autofree char *path = g_strdup_printf ("%s/demo-pairs.db", dir);
  CiroDay end = ciro_day_from_ymd (2026, 10, 31);
  CiroStore *demo = ciro_test_reference_store (path, 20000, 300, 3, end, 365);
  CiroReportFilter all = { end - 364, end, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroBaskets) b = ciro_report_baskets (demo, &all, NULL, &error);
  const char *pairs[][2] = {
    { "Telefon Kılıfı", "Şarj Kablosu" }, { "Yoga Matı", "Direnç Bandı" }, { "Nevresim Takımı", "Kırlent Kılıfı" },
    { "Body Seti", "Bebek Patiği" }, { "Şampuan", "Nemlendirici Krem" },
  };
  guint found = 0;

  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (pairs); k++)
    for (guint i = 0; i < b->bundles->len; i++)
      {
        const CiroBasketSet *s = &g_array_index (b->bundles, CiroBasketSet, i);
        const char *x = ciro_baskets_product (b, s->items[0])->name;
        const char *y = s->size == 2 ? ciro_baskets_product (b, s->items[1])->name : "";

        if ((g_str_has_suffix (x, pairs[k][0]) && g_str_has_suffix (y, pairs[k][1])) ||
            (g_str_has_suffix (x, pairs[k][1]) && g_str_has_suffix (y, pairs[k][0])))
          {
            g_assert_cmpint (s->count, >=, CIRO_BASKETS_DEFAULT_MIN_COUNT);
            g_assert_cmpfloat (s->lift, >=, 1.5);
            found++;
            break;
          }
      }
  g_test_message ("%u of %u kinds of pair among %u bundles", found, (guint) G_N_ELEMENTS (pairs), b->bundles->len);
  g_assert_cmpuint (found, >=, 3);
  g_object_unref (demo);
  ciro_test_remove_store (path);
}

/* A bundle's margin after VAT settlement (profit.md): the catalogue price
 * less the KDV in it at the product's rate (half away from zero), the cost
 * entry's purchase price without VAT. P sells for 30000 at 10 %, costs
 * 10000 + 10 %; Q sells for 15000 at 20 %, costs 5000 + 20 % from Sentos
 * but 4000 + 20 % by the user from before the window's end (a later user
 * cost of 9000 does not apply yet). Five orders hold P and Q, five hold R
 * alone: lift 5 × 10 / (5 × 5) = 2, a bundle.
 *   before: price 30000 + 15000 = 45000, cost 11000 + 4800 = 15800,
 *           margin 29200 (64.89 %)
 *   after:  price (30000 − 2727) + (15000 − 2500) = 27273 + 12500 = 39773
 *           (30000 × 10 / 110 = 2727.27, 15000 × 20 / 120 = 2500),
 *           cost 10000 + 4000 = 14000, margin 25773 (64.80 %) */
static void
test_hand_after_vat (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *vdir = ciro_test_tmpdir ("baskets-vat");
  g_autofree char *path = g_build_filename (vdir, "ciro.db", NULL);
  g_autoptr(CiroStore) st = ciro_store_open (path, &error);
  struct { gint64 id; const char *sku; CiroKurus purchase, sale; CiroBasisPoints vat; } products[] = {
    { 1, "P", 10000, 30000, 1000 }, { 2, "Q", 5000, 15000, 2000 }, { 3, "R", 100, 500, 2000 },
  };
  CiroReportFilter f = { D0, D0 + 9, NULL };
  CiroBasketOptions o = { 5, 3, 0 };
  g_autoptr(CiroBaskets) b = NULL;
  const CiroBasketSet *s;
  CiroBundleValue v;

  g_assert_no_error (error);
  g_assert_true (ciro_store_begin (st, &error));
  for (guint i = 0; i < G_N_ELEMENTS (products); i++)
    {
      CiroProductRecord *p = ciro_product_record_new ();
      p->id = products[i].id;
      p->sku = g_strdup (products[i].sku);
      p->name = g_strdup (products[i].sku);
      p->purchase_price = products[i].purchase;
      p->sale_price = products[i].sale;
      p->vat_rate = products[i].vat;
      g_assert_true (ciro_store_put_product (st, p, D0 - 100, &error));
      ciro_product_record_free (p);
    }
  for (gint64 id = 1; id <= 10; id++)
    {
      CiroOrderRecord *ord = ciro_order_record_new ();
      const char *skus[] = { id <= 5 ? "P" : "R", id <= 5 ? "Q" : NULL };
      ord->id = id;
      ord->day = D0 + (CiroDay) (id % 9);
      ord->seconds = 12 * 3600;
      ord->source = g_strdup ("TRENDYOL");
      ord->status = 5;
      for (guint i = 0; i < G_N_ELEMENTS (skus) && skus[i] != NULL; i++)
        {
          CiroOrderLineRecord *l = ciro_order_line_record_new ();
          l->sku = g_strdup (skus[i]);
          l->quantity = 1;
          l->amount = l->price = 1000;
          l->status = g_strdup ("accepted");
          g_ptr_array_add (ord->lines, l);
        }
      g_assert_true (ciro_store_put_order (st, ord, &error));
      ciro_order_record_free (ord);
    }
  g_assert_true (ciro_store_commit (st, &error));
  g_assert_true (ciro_store_set_user_cost (st, 2, D0 - 5, 4000, 2000, &error));
  g_assert_true (ciro_store_set_user_cost (st, 2, D0 + 20, 9000, 2000, &error));
  g_assert_no_error (error);

  b = ciro_report_baskets (st, &f, &o, &error);
  g_assert_no_error (error);
  g_assert_cmpint (b->transactions, ==, 10);
  g_assert_cmpuint (b->bundles->len, ==, 1);
  s = &g_array_index (b->bundles, CiroBasketSet, 0);
  g_assert_cmpint (s->items[0], ==, 1);
  g_assert_cmpint (s->items[1], ==, 2);
  g_assert_cmpfloat_with_epsilon (s->lift, 2.0, EPS);
  ciro_basket_set_value (b, s, &v);
  g_assert_true (v.has_margin);
  g_assert_cmpint (v.price, ==, 45000);
  g_assert_cmpint (v.cost, ==, 15800);
  g_assert_cmpint (v.margin, ==, 29200);
  g_assert_cmpfloat_with_epsilon (v.margin_pct, 29200.0 / 45000 * 100, 1e-9);
  g_assert_cmpint (v.price_ex_vat, ==, 39773);
  g_assert_cmpint (v.cost_ex_vat, ==, 14000);
  g_assert_cmpint (v.margin_ex_vat, ==, 25773);
  g_assert_cmpfloat_with_epsilon (v.margin_ex_vat_pct, 25773.0 / 39773 * 100, 1e-9);
  ciro_test_remove_store (path);
}

int
main (int argc, char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  build_store ();
  g_test_add_func ("/baskets/hand/counts", test_hand_counts);
  g_test_add_func ("/baskets/hand/thresholds", test_hand_thresholds);
  g_test_add_func ("/baskets/hand/together", test_hand_together);
  g_test_add_func ("/baskets/hand/after-vat", test_hand_after_vat);
  g_test_add_func ("/baskets/no-multi-item-orders", test_no_multi_item_orders);
  g_test_add_func ("/baskets/brute-force", test_brute_force);
  g_test_add_func ("/baskets/demo-pairs", test_demo_pairs);
  rc = g_test_run ();
  g_clear_object (&store);
  {
    g_autofree char *path = g_build_filename (dir, "ciro.db", NULL);
    ciro_test_remove_store (path);
    g_rmdir (dir);
  }
  g_free (dir);
  return rc;
}
