/* test-demo.c: the demo seller is deterministic, complete and realistic
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <stdio.h>

#include "core/ciro-date.h"
#include "demo/ciro-demo.h"

static CiroDemo *
make (guint64 orders, guint products, guint64 seed)
{
  CiroDemoOptions o;

  ciro_demo_options_init (&o);
  o.n_orders = orders;
  o.n_products = products;
  o.seed = seed;
  o.end_day = ciro_day_from_ymd (2026, 11, 20);
  return ciro_demo_new (&o);
}

static gboolean
same_order (const CiroOrderRecord *a, const CiroOrderRecord *b)
{
  if (a->id != b->id || a->seconds != b->seconds || a->status != b->status || a->total != b->total ||
      a->shipping_total != b->shipping_total || g_strcmp0 (a->source, b->source) != 0 ||
      g_strcmp0 (a->customer_name, b->customer_name) != 0 || a->lines->len != b->lines->len)
    return FALSE;
  for (guint i = 0; i < a->lines->len; i++)
    {
      const CiroOrderLineRecord *x = a->lines->pdata[i], *y = b->lines->pdata[i];
      if (g_strcmp0 (x->sku, y->sku) != 0 || x->amount != y->amount || x->quantity != y->quantity)
        return FALSE;
    }
  return TRUE;
}

static void
test_deterministic (void)
{
  g_autoptr(CiroDemo) a = make (5000, 100, 42);
  g_autoptr(CiroDemo) b = make (5000, 100, 42);
  g_autoptr(CiroDemo) c = make (5000, 100, 43);
  CiroDay last = ciro_demo_last_day (a);

  for (guint i = 0; i < 100; i += 7)
    {
      g_autoptr(CiroProductRecord) x = ciro_demo_product (a, i);
      g_autoptr(CiroProductRecord) y = ciro_demo_product (b, i);
      g_assert_cmpstr (x->sku, ==, y->sku);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpint (x->purchase_price, ==, y->purchase_price);
      g_assert_cmpuint (x->variants->len, ==, y->variants->len);
    }
  /* a day made on its own, out of order, equals the same day made in sequence */
  {
    g_autoptr(GPtrArray) late = ciro_demo_orders_on (b, last - 3);
    g_autoptr(GPtrArray) early = ciro_demo_orders_on (b, last - 300);
    g_autoptr(GPtrArray) late2 = ciro_demo_orders_on (a, last - 3);
    g_autoptr(GPtrArray) other = ciro_demo_orders_on (c, last - 3);
    gboolean differs = late->len != other->len;

    g_assert_cmpuint (late->len, >, 0);
    g_assert_cmpuint (early->len, >, 0);
    g_assert_cmpuint (late->len, ==, late2->len);
    for (guint i = 0; i < late->len; i++)
      g_assert_true (same_order (late->pdata[i], late2->pdata[i]));
    for (guint i = 0; !differs && i < late->len; i++)
      differs = !same_order (late->pdata[i], other->pdata[i]);
    g_assert_true (differs);   /* another seed, another store */
  }
}

static gboolean
ean13_valid (const char *code)
{
  int sum = 0;
  if (code == NULL || strlen (code) != 13)
    return FALSE;
  for (int i = 0; i < 12; i++)
    sum += (code[i] - '0') * (i % 2 ? 3 : 1);
  return (10 - sum % 10) % 10 == code[12] - '0';
}

static void
test_shape (void)
{
  g_autoptr(CiroDemo) d = make (50000, 400, 1);
  g_autoptr(GHashTable) variant_skus = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) product_skus = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) by_mp = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint64 orders = 0, lines = 0, cancelled = 0, exact_variant = 0, exact_product = 0, other_sku = 0;
  guint64 weekend = 0, weekday = 0, november = 0, n_weekend_days = 0, n_weekdays = 0, n_november_days = 0;
  guint64 last_year_orders = 0;
  /* the KDV a line of each category carries (Turkish rates: clothes, shoes
   * and home textiles 10 %, the baby range 1 %, other goods 20 %) */
  static const struct { const char *category; CiroBasisPoints rate; } kdv[] = {
    { "Gömlek", 1000 }, { "Elbise", 1000 }, { "Pantolon", 1000 }, { "Ayakkabı", 1000 },
    { "Çanta", 1000 }, { "Ev Tekstili", 1000 }, { "Mutfak", 2000 }, { "Kozmetik", 2000 },
    { "Elektronik Aksesuar", 2000 }, { "Oyuncak", 2000 }, { "Spor", 2000 }, { "Bebek", 100 },
  };
  g_autoptr(GHashTable) sku_rate = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint64 lines_at[3] = { 0 };   /* lines at 1, 10 and 20 % */

  for (guint i = 0; i < ciro_demo_n_products (d); i++)
    {
      g_autoptr(CiroProductRecord) p = ciro_demo_product (d, i);
      CiroBasisPoints rate = -1;

      for (guint k = 0; k < G_N_ELEMENTS (kdv); k++)
        if (g_str_equal (kdv[k].category, p->category))
          rate = kdv[k].rate;
      g_assert_cmpint (rate, ==, p->vat_rate);
      g_hash_table_insert (sku_rate, g_strdup (p->sku), GINT_TO_POINTER (rate));
      for (guint v = 0; v < p->variants->len; v++)
        g_hash_table_insert (sku_rate, g_strdup (((CiroVariantRecord *) p->variants->pdata[v])->sku),
                             GINT_TO_POINTER (rate));
      g_assert_true (ean13_valid (p->barcode));
      g_assert_cmpint (p->purchase_price, >, 0);
      g_assert_cmpint (p->sale_price, >, p->purchase_price);
      g_hash_table_add (product_skus, g_strdup (p->sku));
      for (guint v = 0; v < p->variants->len; v++)
        {
          CiroVariantRecord *var = p->variants->pdata[v];
          g_assert_true (ean13_valid (var->barcode));
          g_hash_table_add (variant_skus, g_strdup (var->sku));
        }
    }

  for (CiroDay day = ciro_demo_first_day (d); day <= ciro_demo_last_day (d); day++)
    {
      g_autoptr(GPtrArray) list = ciro_demo_orders_on (d, day);
      int wd = ciro_day_weekday (day);
      int y, m;

      ciro_day_to_ymd (day, &y, &m, NULL);
      g_assert_cmpuint (list->len, ==, ciro_demo_n_orders_on (d, day));
      if (wd == 6)
        weekend += list->len, n_weekend_days++;
      else if (wd == 2)
        weekday += list->len, n_weekdays++;
      if (m == 11)
        november += list->len, n_november_days++;
      if (day > ciro_demo_last_day (d) - 365)
        last_year_orders += list->len;
      for (guint i = 0; i < list->len; i++)
        {
          CiroOrderRecord *o = list->pdata[i];
          CiroKurus sum = 0;
          gint64 *key = g_new (gint64, 1);
          guint *count;

          *key = o->id;
          g_assert_false (g_hash_table_contains (ids, key));
          g_hash_table_add (ids, key);
          g_assert_cmpint (o->id, >, G_MAXINT32);
          g_assert_cmpint (o->day, ==, day);
          for (guint k = 0; k < o->lines->len; k++)
            {
              CiroOrderLineRecord *l = o->lines->pdata[k];
              sum += l->amount;
              g_assert_cmpint (l->amount, ==, l->price * l->quantity - l->discount);
              /* a line carries its product's KDV, whatever SKU it names */
              if (g_hash_table_contains (sku_rate, l->sku))
                g_assert_cmpint (l->vat_rate, ==, GPOINTER_TO_INT (g_hash_table_lookup (sku_rate, l->sku)));
              g_assert_true (l->vat_rate == 100 || l->vat_rate == 1000 || l->vat_rate == 2000);
              lines_at[l->vat_rate == 100 ? 0 : l->vat_rate == 1000 ? 1 : 2]++;
              if (g_hash_table_contains (variant_skus, l->sku))
                exact_variant++;
              else if (g_hash_table_contains (product_skus, l->sku))
                exact_product++;
              else
                other_sku++;
            }
          g_assert_cmpint (o->total, ==, sum + o->shipping_total);
          lines += o->lines->len;
          orders++;
          cancelled += o->status == 6;
          count = g_hash_table_lookup (by_mp, o->marketplace);
          if (count == NULL)
            {
              count = g_new0 (guint, 1);
              g_hash_table_insert (by_mp, g_strdup (o->marketplace), count);
            }
          (*count)++;
        }
    }

  g_assert_cmpuint (orders, ==, 50000);
  g_assert_cmpfloat ((double) lines / orders, >, 2.2);
  g_assert_cmpfloat ((double) lines / orders, <, 2.8);
  g_assert_cmpfloat ((double) cancelled / orders, >, 0.06);
  g_assert_cmpfloat ((double) cancelled / orders, <, 0.10);
  /* Trendyol leads with about 45 %, Hepsiburada about 22 %; unknown sources exist */
  g_assert_cmpfloat ((double) *(guint *) g_hash_table_lookup (by_mp, "Trendyol") / orders, >, 0.40);
  g_assert_cmpfloat ((double) *(guint *) g_hash_table_lookup (by_mp, "Trendyol") / orders, <, 0.50);
  g_assert_cmpfloat ((double) *(guint *) g_hash_table_lookup (by_mp, "Hepsiburada") / orders, >, 0.18);
  g_assert_nonnull (g_hash_table_lookup (by_mp, "Bilinmeyen"));
  g_assert_nonnull (g_hash_table_lookup (by_mp, "ÇiçekSepeti"));
  /* most lines carry an exact SKU, and a real share does not */
  g_assert_cmpfloat ((double) (exact_variant + exact_product) / lines, >, 0.85);
  g_assert_cmpfloat ((double) other_sku / lines, >, 0.05);
  g_assert_cmpuint (exact_variant, >, 0);
  g_assert_cmpuint (exact_product, >, 0);
  /* seasonality: Sundays above Saturdays... Sunday (6) busier than Wednesday (2), November busier
   * than the average day, and the second year busier than the first */
  g_assert_cmpfloat ((double) weekend / n_weekend_days, >, (double) weekday / n_weekdays);
  g_assert_cmpfloat ((double) november / n_november_days, >, 50000.0 / 730 * 1.2);
  g_assert_cmpuint (last_year_orders, >, 50000 / 2);
  /* every KDV rate is sold, most of it at the textile rate */
  g_assert_cmpuint (lines_at[0], >, 0);
  g_assert_cmpuint (lines_at[2], >, lines / 10);
  g_assert_cmpuint (lines_at[1], >, lines / 3);
}

static void
test_populate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ciro-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(CiroDemo) d = make (2000, 40, 3);
  CiroStore *store = ciro_store_open (path, &error);
  g_autoptr(GCancellable) cancel = g_cancellable_new ();

  g_assert_no_error (error);
  g_assert_true (ciro_demo_populate (d, store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ciro_store_count_orders (store, NULL), ==, 2000);
  g_assert_cmpint (ciro_store_count_products (store, NULL), ==, 40);
  g_object_unref (store);

  /* a cancelled build stops at a batch boundary and keeps what it committed */
  {
    g_autofree char *path2 = g_build_filename (dir, "cancelled.db", NULL);
    g_autofree char *wal = g_strconcat (path2, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path2, "-shm", NULL);
    g_autoptr(CiroDemo) big = make (5000, 40, 3);
    store = ciro_store_open (path2, &error);
    g_cancellable_cancel (cancel);
    g_assert_false (ciro_demo_populate (big, store, NULL, NULL, cancel, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpint (ciro_store_count_products (store, NULL), ==, 40);
    g_assert_cmpint (ciro_store_count_orders (store, NULL), ==, 0);
    g_object_unref (store);
    g_unlink (path2);
    g_unlink (wal);
    g_unlink (shm);
  }
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
}

/* Every timestamp the generator writes is a real time of the order's day,
 * no earlier than the order itself (a value drawn twice once gave
 * "2024-12-06 24:02:27"). */
static void
test_timestamps (void)
{
  g_autoptr(CiroDemo) d = make (60000, 200, 7);
  guint64 checked = 0;

  for (CiroDay day = ciro_demo_first_day (d); day <= ciro_demo_last_day (d); day++)
    {
      g_autoptr(GPtrArray) orders = ciro_demo_orders_on (d, day);
      for (guint i = 0; i < orders->len; i++)
        {
          const CiroOrderRecord *o = orders->pdata[i];
          const char *stamps[] = { o->created_at, o->updated_at };

          g_assert_cmpint (o->seconds, >=, 0);
          g_assert_cmpint (o->seconds, <, 86400);
          for (guint k = 0; k < G_N_ELEMENTS (stamps); k++)
            {
              g_autoptr(GError) error = NULL;
              CiroDay at = CIRO_DAY_INVALID;
              gint32 seconds = -1;
              int h = -1, m = -1, sec = -1;

              g_assert_cmpint (sscanf (stamps[k] + 11, "%d:%d:%d", &h, &m, &sec), ==, 3);
              if (h > 23 || m > 59 || sec > 59)
                g_error ("order %" G_GINT64_FORMAT ": impossible time %s", o->id, stamps[k]);
              g_assert_true (ciro_datetime_parse (stamps[k], &at, &seconds, &error));
              g_assert_no_error (error);
              g_assert_cmpint (at, >=, day);
              if (at == day)
                g_assert_cmpint (seconds, >=, o->seconds);
              checked++;
            }
        }
    }
  g_assert_cmpuint (checked, >=, 2 * 60000);
}

static int
cmp_int32 (gconstpointer a, gconstpointer b)
{
  gint32 x = *(const gint32 *) a, y = *(const gint32 *) b;
  return (x > y) - (x < y);
}

/* A store made in the morning has the night's and the morning's orders of
 * today, not a whole day's squeezed into the hours so far: today's orders
 * are exactly those of the whole day placed before the cut, and every
 * earlier day is untouched. */
static void
test_today_so_far (void)
{
  CiroDemoOptions o;
  g_autoptr(CiroDemo) whole = make (200000, 300, 5);
  g_autoptr(CiroDemo) cut = NULL;
  g_autoptr(CiroDemo) now = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) morning = NULL;
  g_autoptr(GArray) expect = g_array_new (FALSE, FALSE, sizeof (gint32));
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (gint32));
  const gint32 until = 9 * 3600 + 30 * 60;
  CiroDay last;

  ciro_demo_options_init (&o);
  o.n_orders = 200000;
  o.n_products = 300;
  o.seed = 5;
  o.end_day = ciro_day_from_ymd (2026, 11, 20);
  o.end_seconds = until;
  cut = ciro_demo_new (&o);
  last = ciro_demo_last_day (cut);
  g_assert_cmpint (last, ==, ciro_demo_last_day (whole));

  for (CiroDay d = ciro_demo_first_day (whole); d < last; d++)
    g_assert_cmpuint (ciro_demo_n_orders_on (cut, d), ==, ciro_demo_n_orders_on (whole, d));

  all = ciro_demo_orders_on (whole, last);
  morning = ciro_demo_orders_on (cut, last);
  for (guint i = 0; i < all->len; i++)
    {
      const CiroOrderRecord *x = all->pdata[i];
      if (x->seconds < until)
        g_array_append_val (expect, x->seconds);
    }
  for (guint i = 0; i < morning->len; i++)
    {
      const CiroOrderRecord *x = morning->pdata[i];
      g_array_append_val (got, x->seconds);
      /* ids follow on from the days before */
      if (i > 0)
        g_assert_cmpint (x->id, ==, ((const CiroOrderRecord *) morning->pdata[i - 1])->id + 1);
    }
  g_assert_cmpuint (morning->len, ==, ciro_demo_n_orders_on (cut, last));
  g_assert_cmpuint (got->len, ==, expect->len);
  g_array_sort (expect, cmp_int32);
  g_array_sort (got, cmp_int32);
  g_assert_cmpmem (got->data, got->len * sizeof (gint32), expect->data, expect->len * sizeof (gint32));
  /* a night and a morning are a small part of a day: about 12 % by the
   * hours' weights, far from the whole day the old squeeze gave */
  g_assert_cmpuint (morning->len, >, 0);
  g_assert_cmpfloat ((double) morning->len / all->len, <, 0.25);

  /* ending today: cut at CIRO_NOW's time of day */
  g_setenv ("CIRO_NOW", "2026-11-20 09:30:00", TRUE);
  o.end_day = CIRO_DAY_INVALID;
  o.end_seconds = 0;
  now = ciro_demo_new (&o);
  g_unsetenv ("CIRO_NOW");
  g_assert_cmpint (ciro_demo_last_day (now), ==, last);
  g_assert_cmpuint (ciro_demo_n_orders_on (now, last), ==, morning->len);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/shape", test_shape);
  g_test_add_func ("/demo/populate", test_populate);
  g_test_add_func ("/demo/timestamps", test_timestamps);
  g_test_add_func ("/demo/today-so-far", test_today_so_far);
  return g_test_run ();
}
