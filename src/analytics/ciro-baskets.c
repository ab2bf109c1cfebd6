/* ciro-baskets.c: products bought together (insights.md §5)
 *
 * Two reads: the ids of the window's net orders (sorted), then the matched
 * lines of the id range in the order_lines key's order, merged with them.
 * Products get dense indices; each transaction is its sorted distinct
 * indices. Pairs are counted item by item through the transactions that
 * hold each item, so that only the frequent pairs are kept; they and the
 * triples sit in open-addressing tables keyed by the itemset's indices.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-analytics"

#include "config.h"

#include <string.h>

#include "core/ciro-error.h"
#include "core/ciro-records.h"
#include "ciro-baskets.h"
#include "store/ciro-profit.h"
#include "ciro-report-private.h"

/* ---------------------------------------------------------- counting table */

/* Keys are (a << 32 | b, c) with c = G_MAXUINT32 in a pair; 0-count
 * slots are empty. */
typedef struct {
  guint64 ab;
  guint32 c;
  guint32 count;
} Slot;

typedef struct {
  Slot  *slots;
  gsize  mask;               /* capacity − 1, capacity a power of two */
  gsize  used;
} Table;

static void
table_init (Table *t, gsize capacity)
{
  gsize cap = 1024;

  while (cap < capacity * 2)
    cap <<= 1;
  t->slots = g_new0 (Slot, cap);
  t->mask = cap - 1;
  t->used = 0;
}

static inline gsize
slot_hash (guint64 ab, guint32 c)
{
  guint64 h = ab * 0x9E3779B97F4A7C15ull ^ ((guint64) c + 1) * 0xC2B2AE3D27D4EB4Full;
  return (gsize) (h ^ (h >> 29));
}

static void table_grow (Table *t);

static inline Slot *
table_find (const Table *t, guint64 ab, guint32 c)
{
  gsize i = slot_hash (ab, c) & t->mask;

  for (;; i = (i + 1) & t->mask)
    {
      Slot *s = &t->slots[i];
      if (s->count == 0 || (s->ab == ab && s->c == c))
        return s;
    }
}

static inline void
table_add (Table *t, guint64 ab, guint32 c)
{
  Slot *s = table_find (t, ab, c);

  if (s->count == 0)
    {
      s->ab = ab;
      s->c = c;
      if (++t->used * 2 > t->mask)
        {
          s->count = 1;
          table_grow (t);
          return;
        }
    }
  s->count++;
}

/* A key not in the table yet, with its count. */
static void
table_put (Table *t, guint64 ab, guint32 c, guint32 count)
{
  Slot *s = table_find (t, ab, c);

  s->ab = ab;
  s->c = c;
  s->count = count;
  if (++t->used * 2 > t->mask)
    table_grow (t);
}

static void
table_grow (Table *t)
{
  Slot *old = t->slots;
  gsize n = t->mask + 1;

  t->slots = g_new0 (Slot, n * 2);
  t->mask = n * 2 - 1;
  for (gsize i = 0; i < n; i++)
    if (old[i].count != 0)
      *table_find (t, old[i].ab, old[i].c) = old[i];
  g_free (old);
}

static inline guint32
table_get (const Table *t, guint64 ab, guint32 c)
{
  return table_find (t, ab, c)->count;
}

#define PAIR(a, b) (((guint64) (a) << 32) | (guint64) (b))
#define NO_ITEM G_MAXUINT32

/* ---------------------------------------------------------- reading */

/* product id → dense index, open addressing; a slot is empty when its
 * value (the dense index + 1) is 0, so any id can be a key */
typedef struct {
  gint64  *keys;
  guint32 *vals;              /* dense index + 1; 0 = empty */
  gsize    mask;
} IdMap;

static guint32
id_map_get_or_add (IdMap *m, GArray *ids, gint64 id)
{
  gsize i;

  if ((gsize) ids->len * 2 >= m->mask)
    {
      gint64 *keys = m->keys;
      guint32 *vals = m->vals;
      gsize n = m->mask + 1;

      m->mask = n * 2 - 1;
      m->keys = g_new (gint64, n * 2);
      m->vals = g_new0 (guint32, n * 2);
      for (gsize j = 0; j < n; j++)
        if (vals[j] != 0)
          {
            gsize k = ((guint64) keys[j] * 0x9E3779B97F4A7C15ull >> 17) & m->mask;
            while (m->vals[k] != 0)
              k = (k + 1) & m->mask;
            m->keys[k] = keys[j];
            m->vals[k] = vals[j];
          }
      g_free (keys);
      g_free (vals);
    }
  for (i = ((guint64) id * 0x9E3779B97F4A7C15ull >> 17) & m->mask;; i = (i + 1) & m->mask)
    {
      if (m->vals[i] == 0)
        {
          g_array_append_val (ids, id);
          m->keys[i] = id;
          m->vals[i] = ids->len;
          return ids->len - 1;
        }
      if (m->keys[i] == id)
        return m->vals[i] - 1;
    }
}

typedef struct {
  GArray     *ids;            /* gint64 product id of each dense index */
  IdMap       index;
  GArray     *start;          /* guint32: transaction t is items[start[t] .. start[t+1]) */
  GArray     *items;          /* guint32 dense indices, sorted within a transaction */
} Transactions;

static void
transactions_clear (Transactions *tr)
{
  g_clear_pointer (&tr->ids, g_array_unref);
  g_clear_pointer (&tr->index.keys, g_free);
  g_clear_pointer (&tr->index.vals, g_free);
  g_clear_pointer (&tr->start, g_array_unref);
  g_clear_pointer (&tr->items, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Transactions, transactions_clear)

static int
cmp_u32 (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return x < y ? -1 : x > y;
}

static int
cmp_i64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* Closes the transaction being gathered: sorts and dedups its items. */
static void
close_transaction (Transactions *tr)
{
  guint32 from = g_array_index (tr->start, guint32, tr->start->len - 1);
  guint32 n = tr->items->len - from, kept = 0;
  guint32 *v = &g_array_index (tr->items, guint32, from);

  if (n == 0)
    return;
  qsort (v, n, sizeof (guint32), cmp_u32);
  for (guint32 i = 0; i < n; i++)
    if (kept == 0 || v[kept - 1] != v[i])
      v[kept++] = v[i];
  g_array_set_size (tr->items, from + kept);
  g_array_append_val (tr->start, tr->items->len);
}

static gboolean
read_transactions (CiroStore              *store,
                   const CiroReportFilter *filter,
                   Transactions           *tr,
                   GError                **error)
{
  g_autoptr(GArray) orders = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 mp_id, current = G_MININT64;
  guint next = 0;
  gboolean in_order = FALSE;
  guint32 zero = 0;
  int rc;

  tr->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  tr->index.mask = 1023;
  tr->index.keys = g_new (gint64, 1024);
  tr->index.vals = g_new0 (guint32, 1024);
  tr->start = g_array_new (FALSE, FALSE, sizeof (guint32));
  tr->items = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (tr->start, zero);

  if (!ciro_report_marketplace_id (store, filter, &mp_id, error))
    return FALSE;
  stmt = ciro_store_prepare (store,
                             "SELECT id FROM orders WHERE day BETWEEN ?1 AND ?2"
                             " AND status <> " CIRO_ORDER_STATUS_CANCELLED_SQL
                             " AND (?3 = 0 OR marketplace_id = ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, filter->from);
  sqlite3_bind_int (stmt, 2, filter->to);
  sqlite3_bind_int64 (stmt, 3, mp_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (orders, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading basket orders");
      return FALSE;
    }
  if (orders->len == 0)
    return TRUE;
  g_array_sort (orders, cmp_i64);

  stmt = ciro_store_prepare (store,
                             "SELECT order_id, product_id FROM order_lines"
                             " WHERE order_id BETWEEN ?1 AND ?2 AND product_id IS NOT NULL"
                             " ORDER BY order_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_array_index (orders, gint64, 0));
  sqlite3_bind_int64 (stmt, 2, g_array_index (orders, gint64, orders->len - 1));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 order = sqlite3_column_int64 (stmt, 0);
      gint64 product = sqlite3_column_int64 (stmt, 1);
      guint32 idx;

      if (order != current)
        {
          if (in_order)
            close_transaction (tr);
          current = order;
          while (next < orders->len && g_array_index (orders, gint64, next) < order)
            next++;
          in_order = next < orders->len && g_array_index (orders, gint64, next) == order;
        }
      if (!in_order)
        continue;
      idx = id_map_get_or_add (&tr->index, tr->ids, product);
      g_array_append_val (tr->items, idx);
    }
  sqlite3_reset (stmt);
  if (in_order)
    close_transaction (tr);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading basket lines");
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------- the products */

#define UNIT_COST(source, order, upto) \
  "(SELECT (c.purchase_price * (10000 + c.vat_rate) + 5000) / 10000 FROM cost_history c" \
  " WHERE c.kind = 0 AND c.entity_id = p.id AND c.source = " source upto \
  " ORDER BY c.from_day " order " LIMIT 1)"
/* the purchase price without VAT of the same entry (one per day: the
 * table's key), for profit.md's cost_ex_vat */
#define UNIT_COST_EX_VAT(source, order, upto) \
  "(SELECT c.purchase_price FROM cost_history c" \
  " WHERE c.kind = 0 AND c.entity_id = p.id AND c.source = " source upto \
  " ORDER BY c.from_day " order " LIMIT 1)"

static void
basket_product_free (gpointer data)
{
  CiroBasketProduct *p = data;
  g_free (p->sku);
  g_free (p->name);
  g_free (p);
}

static gboolean
read_products (CiroStore *store, CiroDay day, GHashTable *products, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = ciro_store_prepare (store,
    "SELECT p.id, p.sku, p.name, p.sale_price, coalesce ("
    UNIT_COST ("1", "DESC", " AND c.from_day <= ?1") ","
    UNIT_COST ("0", "DESC", " AND c.from_day <= ?1") ","
    UNIT_COST ("0", "ASC", "") ", 0), coalesce ("
    UNIT_COST_EX_VAT ("1", "DESC", " AND c.from_day <= ?1") ","
    UNIT_COST_EX_VAT ("0", "DESC", " AND c.from_day <= ?1") ","
    UNIT_COST_EX_VAT ("0", "ASC", "") ", 0), p.vat_rate FROM products p", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, day);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      CiroBasketProduct *p = g_hash_table_lookup (products, &id);

      if (p == NULL)
        continue;
      g_free (p->sku);
      g_free (p->name);
      p->sku = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      p->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      p->price = sqlite3_column_int64 (stmt, 3);
      p->cost = sqlite3_column_int64 (stmt, 4);
      p->cost_known = p->cost > 0;
      p->cost_ex_vat = sqlite3_column_int64 (stmt, 5);
      /* the KDV inside the price, as in a line's output VAT (profit.md) */
      p->price_ex_vat = p->price - ciro_vat_part (p->price, (CiroBasisPoints) sqlite3_column_int (stmt, 6));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading basket products");
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------- sorting */

static int
cmp_double_desc (double x, double y)
{
  return x > y ? -1 : x < y;
}

static int
cmp_items (const CiroBasketSet *x, const CiroBasketSet *y)
{
  if (x->size != y->size)
    return x->size < y->size ? -1 : 1;
  for (guint i = 0; i < 3; i++)
    if (x->items[i] != y->items[i])
      return x->items[i] < y->items[i] ? -1 : 1;
  return 0;
}

static int
cmp_count (gconstpointer a, gconstpointer b)
{
  const CiroBasketSet *x = a, *y = b;
  int c = x->count != y->count ? (x->count > y->count ? -1 : 1) : cmp_double_desc (x->lift, y->lift);
  return c != 0 ? c : cmp_items (x, y);
}

static int
cmp_lift (gconstpointer a, gconstpointer b)
{
  const CiroBasketSet *x = a, *y = b;
  int c = cmp_double_desc (x->lift, y->lift);
  if (c == 0 && x->count != y->count)
    c = x->count > y->count ? -1 : 1;
  return c != 0 ? c : cmp_items (x, y);
}

static int
cmp_score (gconstpointer a, gconstpointer b)
{
  const CiroBasketSet *x = a, *y = b;
  int c = cmp_double_desc (x->score, y->score);
  return c != 0 ? c : cmp_count (a, b);
}

void
ciro_baskets_sort (GArray *sets, CiroBasketSort sort)
{
  g_array_sort (sets, sort == CIRO_BASKET_SORT_LIFT ? cmp_lift : cmp_count);
}

/* ---------------------------------------------------------- the engine */

static void
fill_set (CiroBasketSet *s, const Transactions *tr, const gint64 *item_count,
          const Table *pairs, const guint32 *idx, guint size, guint32 count, gint64 n)
{
  /* the items ascending by product id, with their dense indices */
  guint32 v[3];
  memcpy (v, idx, size * sizeof (guint32));
  for (guint i = 1; i < size; i++)
    for (guint j = i; j > 0 && g_array_index (tr->ids, gint64, v[j - 1]) > g_array_index (tr->ids, gint64, v[j]); j--)
      {
        guint32 t = v[j];
        v[j] = v[j - 1];
        v[j - 1] = t;
      }
  memset (s, 0, sizeof *s);
  s->size = size;
  s->count = count;
  s->support = (double) count / (double) n;
  for (guint i = 0; i < size; i++)
    {
      s->items[i] = g_array_index (tr->ids, gint64, v[i]);
      s->item_count[i] = item_count[v[i]];
    }
  if (size == 2)
    {
      s->confidence[0] = (double) count / (double) s->item_count[1];
      s->confidence[1] = (double) count / (double) s->item_count[0];
      s->lift = (double) count * (double) n / ((double) s->item_count[0] * (double) s->item_count[1]);
    }
  else
    {
      s->lift = G_MAXDOUBLE;
      for (guint i = 0; i < 3; i++)
        {
          guint32 a = v[(i + 1) % 3], b = v[(i + 2) % 3];
          guint32 rest = table_get (pairs, a < b ? PAIR (a, b) : PAIR (b, a), NO_ITEM);
          double lift = (double) count * (double) n / ((double) rest * (double) s->item_count[i]);

          s->confidence[i] = (double) count / (double) rest;
          s->lift = MIN (s->lift, lift);
        }
    }
  s->score = (double) count * (s->lift - 1.0);
}

static gboolean
wanted (const CiroBasketSet *s, gint64 product)
{
  return product <= 0 || s->items[0] == product || s->items[1] == product || s->items[2] == product;
}

CiroBaskets *
ciro_report_baskets (CiroStore               *store,
                     const CiroReportFilter  *filter,
                     const CiroBasketOptions *options,
                     GError                 **error)
{
  g_auto(Transactions) tr = { 0 };
  g_autoptr(CiroBaskets) out = g_new0 (CiroBaskets, 1);
  g_autofree gint64 *item_count = NULL;
  g_autofree gboolean *frequent = NULL;
  g_autofree guint8 *fp = NULL;
  guint min_count = options != NULL && options->min_count > 0 ? options->min_count : CIRO_BASKETS_DEFAULT_MIN_COUNT;
  guint max_size = options != NULL && options->max_size == 2 ? 2 : 3;
  gint64 product = options != NULL ? options->product : 0;
  guint n_items, n_tr, fp_len = 0;
  Table pairs = { 0 }, triples = { 0 };

  out->min_count = min_count;
  out->pairs = g_array_new (FALSE, FALSE, sizeof (CiroBasketSet));
  out->triples = g_array_new (FALSE, FALSE, sizeof (CiroBasketSet));
  out->bundles = g_array_new (FALSE, FALSE, sizeof (CiroBasketSet));
  out->products = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, basket_product_free);

  if (!read_transactions (store, filter, &tr, error))
    return NULL;
  n_items = tr.ids->len;
  n_tr = tr.start->len - 1;
  out->transactions = n_tr;

  /* count({i}) */
  item_count = g_new0 (gint64, MAX (n_items, 1));
  frequent = g_new0 (gboolean, MAX (n_items, 1));
  for (guint i = 0; i < tr.items->len; i++)
    item_count[g_array_index (tr.items, guint32, i)]++;
  for (guint i = 0; i < n_items; i++)
    frequent[i] = item_count[i] >= min_count;

  /* the transactions keep only the frequent items; then their pairs,
   * counted for one item a at a time over the transactions holding a
   * (count (a, b) for every b > a in a small array), so that the table
   * keeps only the frequent pairs. A table of every pair seen was sized
   * by the pair occurrences: 64 MB for a year of the million-order
   * store, against 0.5 MB for its 20,898 frequent pairs. */
  {
    guint32 *items = (guint32 *) tr.items->data, *start = (guint32 *) tr.start->data;
    guint32 w = 0, next = 0, n_touched;
    g_autofree guint32 *holders = NULL, *first = NULL, *fill = NULL, *count = NULL, *touched = NULL;

    for (guint t = 0; t < n_tr; t++)
      {
        guint32 from = next, to = start[t + 1];

        start[t] = w;
        next = to;
        for (guint32 i = from; i < to; i++)
          if (frequent[items[i]])
            items[w++] = items[i];
      }
    start[n_tr] = w;

    /* the transactions holding each item: holders[first[a] .. first[a + 1]) */
    first = g_new0 (guint32, n_items + 1);
    fill = g_new (guint32, MAX (n_items, 1));
    for (guint32 i = 0; i < w; i++)
      first[items[i] + 1]++;
    for (guint a = 0; a < n_items; a++)
      {
        first[a + 1] += first[a];
        fill[a] = first[a];
      }
    holders = g_new (guint32, MAX (w, 1));
    for (guint t = 0; t < n_tr; t++)
      for (guint32 i = start[t]; i < start[t + 1]; i++)
        holders[fill[items[i]]++] = t;
    g_clear_pointer (&fill, g_free);

    count = g_new0 (guint32, MAX (n_items, 1));
    touched = g_new (guint32, MAX (n_items, 1));
    table_init (&pairs, 512);
    for (guint a = 0; a < n_items; a++)
      {
        n_touched = 0;
        for (guint32 h = first[a]; h < first[a + 1]; h++)
          {
            guint t = holders[h];
            /* items ascend within a transaction: the b > a follow a */
            for (guint32 i = start[t + 1]; i > start[t] && items[i - 1] > a; i--)
              if (count[items[i - 1]]++ == 0)
                touched[n_touched++] = items[i - 1];
          }
        for (guint32 k = 0; k < n_touched; k++)
          {
            guint32 b = touched[k];
            if (count[b] >= min_count)
              table_put (&pairs, PAIR (a, b), NO_ITEM, count[b]);
            count[b] = 0;
          }
      }
  }

  /* triples whose three pairs are frequent */
  if (max_size == 3)
    {
      const guint32 *items = (const guint32 *) tr.items->data, *start = (const guint32 *) tr.start->data;

      table_init (&triples, 1024);
      for (guint t = 0; t < n_tr; t++)
        {
          guint32 k = start[t + 1] - start[t];
          const guint32 *v = items + start[t];

          if (k < 3)
            continue;
          if (k * k > fp_len)
            {
              fp_len = k * k;
              fp = g_realloc (fp, fp_len);
            }
          for (guint32 i = 0; i < k; i++)
            for (guint32 j = i + 1; j < k; j++)
              fp[i * k + j] = table_get (&pairs, PAIR (v[i], v[j]), NO_ITEM) >= min_count;
          for (guint32 i = 0; i < k; i++)
            for (guint32 j = i + 1; j < k; j++)
              if (fp[i * k + j])
                for (guint32 l = j + 1; l < k; l++)
                  if (fp[i * k + l] && fp[j * k + l])
                    table_add (&triples, PAIR (v[i], v[j]), v[l]);
        }
    }

  for (gsize i = 0; i <= pairs.mask; i++)
    {
      const Slot *s = &pairs.slots[i];
      CiroBasketSet set;
      guint32 idx[2] = { (guint32) (s->ab >> 32), (guint32) s->ab };

      if (s->count < min_count)
        continue;
      fill_set (&set, &tr, item_count, &pairs, idx, 2, s->count, n_tr);
      if (wanted (&set, product))
        g_array_append_val (out->pairs, set);
    }
  for (gsize i = 0; triples.slots != NULL && i <= triples.mask; i++)
    {
      const Slot *s = &triples.slots[i];
      CiroBasketSet set;
      guint32 idx[3] = { (guint32) (s->ab >> 32), (guint32) s->ab, s->c };

      if (s->count < min_count)
        continue;
      fill_set (&set, &tr, item_count, &pairs, idx, 3, s->count, n_tr);
      if (wanted (&set, product))
        g_array_append_val (out->triples, set);
    }
  g_free (pairs.slots);
  g_free (triples.slots);

  ciro_baskets_sort (out->pairs, CIRO_BASKET_SORT_COUNT);
  ciro_baskets_sort (out->triples, CIRO_BASKET_SORT_COUNT);
  for (guint a = 0; a < 2; a++)
    {
      GArray *sets = a == 0 ? out->pairs : out->triples;
      for (guint i = 0; i < sets->len; i++)
        {
          const CiroBasketSet *s = &g_array_index (sets, CiroBasketSet, i);
          if (s->lift >= CIRO_BASKETS_BUNDLE_MIN_LIFT)
            g_array_append_val (out->bundles, *s);
        }
    }
  g_array_sort (out->bundles, cmp_score);

  /* the listed products' names, prices and costs */
  for (guint a = 0; a < 2; a++)
    {
      GArray *sets = a == 0 ? out->pairs : out->triples;
      for (guint i = 0; i < sets->len; i++)
        {
          const CiroBasketSet *s = &g_array_index (sets, CiroBasketSet, i);
          for (guint j = 0; j < s->size; j++)
            if (!g_hash_table_contains (out->products, &s->items[j]))
              {
                CiroBasketProduct *p = g_new0 (CiroBasketProduct, 1);
                p->id = s->items[j];
                p->sku = g_strdup_printf ("#%" G_GINT64_FORMAT, p->id);
                p->name = g_strdup (p->sku);
                g_hash_table_insert (out->products, &p->id, p);
              }
        }
    }
  if (product > 0 && !g_hash_table_contains (out->products, &product))
    {
      CiroBasketProduct *p = g_new0 (CiroBasketProduct, 1);
      p->id = product;
      p->sku = g_strdup_printf ("#%" G_GINT64_FORMAT, p->id);
      p->name = g_strdup (p->sku);
      g_hash_table_insert (out->products, &p->id, p);
    }
  if (g_hash_table_size (out->products) > 0 && !read_products (store, filter->to, out->products, error))
    return NULL;
  return g_steal_pointer (&out);
}

void
ciro_baskets_free (CiroBaskets *baskets)
{
  if (baskets == NULL)
    return;
  g_clear_pointer (&baskets->pairs, g_array_unref);
  g_clear_pointer (&baskets->triples, g_array_unref);
  g_clear_pointer (&baskets->bundles, g_array_unref);
  g_clear_pointer (&baskets->products, g_hash_table_unref);
  g_free (baskets);
}

double
ciro_basket_set_confidence_from (const CiroBasketSet *set, gint64 product)
{
  g_return_val_if_fail (set->size == 2, 0);
  return set->items[0] == product ? set->confidence[1] : set->confidence[0];
}

static int
cmp_together (gconstpointer a, gconstpointer b, gpointer data)
{
  const CiroBasketSet *x = a, *y = b;
  gint64 product = *(const gint64 *) data;
  int c;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  c = cmp_double_desc (ciro_basket_set_confidence_from (x, product), ciro_basket_set_confidence_from (y, product));
  if (c == 0)
    c = cmp_double_desc (x->lift, y->lift);
  return c != 0 ? c : cmp_items (x, y);
}

GArray *
ciro_baskets_together (const CiroBaskets *baskets, gint64 product, guint limit)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (CiroBasketSet));

  for (guint i = 0; i < baskets->pairs->len; i++)
    {
      const CiroBasketSet *s = &g_array_index (baskets->pairs, CiroBasketSet, i);
      if (s->items[0] == product || s->items[1] == product)
        g_array_append_val (out, *s);
    }
  g_array_sort_with_data (out, cmp_together, &product);
  if (limit > 0 && out->len > limit)
    g_array_set_size (out, limit);
  return out;
}

const CiroBasketProduct *
ciro_baskets_product (const CiroBaskets *baskets, gint64 id)
{
  return g_hash_table_lookup (baskets->products, &id);
}

static char *
join_items (const CiroBaskets *baskets, const CiroBasketSet *set, gboolean names)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < set->size; i++)
    {
      const CiroBasketProduct *p = ciro_baskets_product (baskets, set->items[i]);
      if (i > 0)
        g_string_append (s, " + ");
      if (p != NULL)
        g_string_append (s, names ? p->name : p->sku);
      else
        g_string_append_printf (s, "#%" G_GINT64_FORMAT, set->items[i]);
    }
  return g_string_free (s, FALSE);
}

char *
ciro_basket_set_skus (const CiroBaskets *baskets, const CiroBasketSet *set)
{
  return join_items (baskets, set, FALSE);
}

char *
ciro_basket_set_names (const CiroBaskets *baskets, const CiroBasketSet *set)
{
  return join_items (baskets, set, TRUE);
}

void
ciro_basket_set_value (const CiroBaskets *baskets, const CiroBasketSet *set, CiroBundleValue *out)
{
  gboolean fits = TRUE;

  memset (out, 0, sizeof *out);
  out->has_margin = TRUE;
  for (guint i = 0; i < set->size; i++)
    {
      const CiroBasketProduct *p = ciro_baskets_product (baskets, set->items[i]);

      if (p == NULL)
        {
          out->has_margin = FALSE;
          continue;
        }
      /* each within CIRO_MAX_MONEY, three of them: checked all the same */
      fits &= ciro_add_checked (out->price, p->price, &out->price);
      fits &= ciro_add_checked (out->cost, p->cost, &out->cost);
      fits &= ciro_add_checked (out->price_ex_vat, p->price_ex_vat, &out->price_ex_vat);
      fits &= ciro_add_checked (out->cost_ex_vat, p->cost_ex_vat, &out->cost_ex_vat);
      if (!p->cost_known)
        out->has_margin = FALSE;
    }
  if (out->price <= 0 || !fits)
    out->has_margin = FALSE;
  if (out->has_margin && ciro_sub_checked (out->price, out->cost, &out->margin) &&
      ciro_sub_checked (out->price_ex_vat, out->cost_ex_vat, &out->margin_ex_vat))
    {
      out->margin_pct = (double) out->margin / (double) out->price * 100.0;
      out->margin_ex_vat_pct = out->price_ex_vat > 0
                                 ? (double) out->margin_ex_vat / (double) out->price_ex_vat * 100.0 : 0.0;
    }
  else
    {
      out->has_margin = FALSE;
      out->cost = out->cost_ex_vat = 0;
      out->margin = out->margin_ex_vat = 0;
    }
}
