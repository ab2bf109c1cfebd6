/* ciro-suggest-store.c: the store of ciro-suggest-store.h
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "core/ciro-date.h"
#include "ciro-suggest-store.h"

static void
put_product (CiroStore *store, gint64 id, const char *sku, const char *name, const char *barcode,
             const char *variant_sku, const char *variant_barcode)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroProductRecord) p = ciro_product_record_new ();

  p->id = id;
  p->sku = g_strdup (sku);
  p->name = g_strdup (name);
  p->barcode = g_strdup (barcode);
  p->purchase_price = 4000;
  p->vat_rate = 1000;
  if (variant_sku != NULL)
    {
      CiroVariantRecord *v = ciro_variant_record_new ();
      v->id = id * 10 + 1;
      v->sku = g_strdup (variant_sku);
      v->barcode = g_strdup (variant_barcode);
      g_ptr_array_add (p->variants, v);
    }
  g_assert_true (ciro_store_put_product (store, p, ciro_day_from_ymd (2026, 1, 1), &error));
  g_assert_no_error (error);
}

static void
put_line (CiroStore *store, gint64 order_id, const char *sku, const char *barcode, const char *name, gint64 quantity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroOrderRecord) o = ciro_order_record_new ();
  CiroOrderLineRecord *l = ciro_order_line_record_new ();

  o->id = order_id;
  o->day = ciro_day_from_ymd (2026, 11, 10);
  o->seconds = 12 * 3600;
  o->source = g_strdup ("TRENDYOL");
  o->status = 5;
  l->sku = g_strdup (sku);
  l->barcode = g_strdup (barcode);
  l->name = g_strdup (name);
  l->quantity = quantity;
  l->price = 10000;
  l->amount = 10000 * quantity;
  l->vat_rate = 1000;
  g_ptr_array_add (o->lines, l);
  o->total = l->amount;
  g_assert_true (ciro_store_put_order (store, o, &error));
  g_assert_no_error (error);
}

CiroStore *
ciro_test_suggest_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (ciro_store_begin (store, &error));
  put_product (store, 101, "S00105866", "Premium Deri Sneaker", "8680000105860", NULL, NULL);
  put_product (store, 102, "BYK-24Y-200300", "Keten Gömlek", "8681111222327",
               "BYK-25K-200300-M41-R15", "8681111222334");
  put_product (store, 103, "STD-4455", "Bez Çanta", NULL, NULL, NULL);
  put_product (store, 104, "X-4455-B", "Pamuk Çanta", NULL, NULL, NULL);
  put_product (store, 105, "İPK-77", "İpek Şal Kırmızı", NULL, NULL, NULL);
  put_product (store, 106, "ÇNT-88", "Deri Cüzdan", "8695555444332", NULL, NULL);
  put_product (store, 108, "KLM-330011", "Kalem Seti", NULL, NULL, NULL);
  put_product (store, 109, "KLM2-330011", "Kalem Seti Büyük", NULL, NULL, NULL);

  put_line (store, 1, "ESKI-KOD-105866", NULL, NULL, 7);
  put_line (store, 2, "ESKI-200300", "8681111222399", NULL, 6);
  put_line (store, 3, "OLD-330011", NULL, "Kalem Seti", 5);
  put_line (store, 4, "VAR-X", "8695555444301", "Deri Cüzdan Siyah", 4);
  put_line (store, 5, "TY-IPEK", NULL, "IPEK SAL KIRMIZI", 3);
  put_line (store, 6, "ESKI-4455", NULL, NULL, 2);
  put_line (store, 7, "KAMPANYA-12", NULL, "Kampanya ürünü", 1);
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}
