/* ciro-matcher.c: which product an order line is, and what it cost
 *
 * The rules of metrics.md "Product matching" are applied against in-memory
 * indexes built once from the catalogue, so that matching a line is a few
 * hash look-ups whether the store has 40 products or 20,000. Every index keeps,
 * per key, the candidate with the smallest Sentos id, which is the rule's
 * tie-break; variants are consulted before products at the same rule.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-store"

#include "config.h"

#include "core/ciro-error.h"
#include "core/ciro-sku.h"
#include "core/ciro-text.h"
#include "ciro-store-private.h"

typedef struct {
  gint64 id;
  gint64 product_id;
} Ref;

typedef struct {
  CiroDay         from_day;
  CiroKurus       purchase_price;
  CiroBasisPoints vat_rate;
} CostEntry;

typedef struct {
  GArray *sentos;   /* CostEntry sorted by from_day */
  GArray *user;
} CostHistory;

struct _CiroMatcher {
  GHashTable *variant_sku;       /* sku → Ref (variant) */
  GHashTable *product_sku;       /* sku → Ref (product) */
  GHashTable *variant_barcode;
  GHashTable *product_barcode;
  GHashTable *mapping;           /* sku → Ref (product) */
  GHashTable *variant_norm;      /* normalised sku → Ref */
  GHashTable *product_norm;
  GHashTable *product_base;      /* base key of a product's SKU, and its SKU itself → Ref */
  GHashTable *product_costs;     /* product id → CostHistory */
  GHashTable *variant_costs;     /* variant id → CostHistory */
};

static void
cost_history_free (gpointer data)
{
  CostHistory *h = data;
  if (h->sentos)
    g_array_unref (h->sentos);
  if (h->user)
    g_array_unref (h->user);
  g_free (h);
}

static GHashTable *
ref_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static GHashTable *
cost_table_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, cost_history_free);
}

/* Keeps the smallest id per key; takes ownership of key. */
static void
index_add (GHashTable *table, char *key, gint64 id, gint64 product_id)
{
  Ref *ref;

  if (key == NULL || *key == '\0')
    {
      g_free (key);
      return;
    }
  ref = g_hash_table_lookup (table, key);
  if (ref != NULL)
    {
      if (id < ref->id)
        {
          ref->id = id;
          ref->product_id = product_id;
        }
      g_free (key);
      return;
    }
  ref = g_new (Ref, 1);
  ref->id = id;
  ref->product_id = product_id;
  g_hash_table_insert (table, key, ref);
}

static gboolean
step_error (sqlite3 *db, int rc, GError **error)
{
  if (rc == SQLITE_DONE)
    return FALSE;
  g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_FAILED,
               "Could not read the catalogue: %s", sqlite3_errmsg (db));
  return TRUE;
}

static void
cost_add (GHashTable *table, gint64 id, gboolean user, const CostEntry *entry)
{
  CostHistory *h = g_hash_table_lookup (table, &id);
  GArray **arr;

  if (h == NULL)
    {
      gint64 *key = g_new (gint64, 1);
      *key = id;
      h = g_new0 (CostHistory, 1);
      g_hash_table_insert (table, key, h);
    }
  arr = user ? &h->user : &h->sentos;
  if (*arr == NULL)
    *arr = g_array_new (FALSE, FALSE, sizeof (CostEntry));
  /* Rows arrive ordered by from_day (the primary key order). */
  g_array_append_vals (*arr, entry, 1);
}

CiroMatcher *
ciro_matcher_load (sqlite3 *db, GError **error)
{
  g_autoptr(CiroMatcher) self = g_new0 (CiroMatcher, 1);
  sqlite3_stmt *stmt = NULL;
  int rc;

  self->variant_sku = ref_table_new ();
  self->product_sku = ref_table_new ();
  self->variant_barcode = ref_table_new ();
  self->product_barcode = ref_table_new ();
  self->mapping = ref_table_new ();
  self->variant_norm = ref_table_new ();
  self->product_norm = ref_table_new ();
  self->product_base = ref_table_new ();
  self->product_costs = cost_table_new ();
  self->variant_costs = cost_table_new ();

  if (sqlite3_prepare_v2 (db, "SELECT id, sku, barcode FROM products", -1, &stmt, NULL) != SQLITE_OK)
    goto sql_error;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *sku = (const char *) sqlite3_column_text (stmt, 1);
      const char *barcode = (const char *) sqlite3_column_text (stmt, 2);

      index_add (self->product_sku, g_strdup (sku), id, id);
      index_add (self->product_barcode, g_strdup (barcode), id, id);
      index_add (self->product_norm, ciro_sku_normalize (sku), id, id);
      index_add (self->product_base, ciro_tr_upper (sku), id, id);
      index_add (self->product_base, ciro_sku_base_key (sku), id, id);
    }
  if (step_error (db, rc, error))
    goto out;
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (db, "SELECT id, product_id, sku, barcode FROM variants", -1, &stmt, NULL) != SQLITE_OK)
    goto sql_error;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 product_id = sqlite3_column_int64 (stmt, 1);
      const char *sku = (const char *) sqlite3_column_text (stmt, 2);
      const char *barcode = (const char *) sqlite3_column_text (stmt, 3);

      index_add (self->variant_sku, g_strdup (sku), id, product_id);
      index_add (self->variant_barcode, g_strdup (barcode), id, product_id);
      index_add (self->variant_norm, ciro_sku_normalize (sku), id, product_id);
    }
  if (step_error (db, rc, error))
    goto out;
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (db, "SELECT sku, product_id FROM sku_mappings"
                              " WHERE product_id IN (SELECT id FROM products)",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto sql_error;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 product_id = sqlite3_column_int64 (stmt, 1);
      index_add (self->mapping, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                 product_id, product_id);
    }
  if (step_error (db, rc, error))
    goto out;
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (db, "SELECT kind, entity_id, source, from_day, purchase_price, vat_rate"
                              " FROM cost_history ORDER BY kind, entity_id, source, from_day",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto sql_error;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CostEntry e = {
        .from_day = sqlite3_column_int (stmt, 3),
        .purchase_price = sqlite3_column_int64 (stmt, 4),
        .vat_rate = sqlite3_column_int (stmt, 5),
      };
      gboolean variant = sqlite3_column_int (stmt, 0) == 1;
      cost_add (variant ? self->variant_costs : self->product_costs,
                sqlite3_column_int64 (stmt, 1), sqlite3_column_int (stmt, 2) == 1, &e);
    }
  if (step_error (db, rc, error))
    goto out;
  sqlite3_finalize (stmt);

  return g_steal_pointer (&self);

sql_error:
  g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_FAILED,
               "Could not read the catalogue: %s", sqlite3_errmsg (db));
out:
  sqlite3_finalize (stmt);
  return NULL;
}

void
ciro_matcher_free (CiroMatcher *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->variant_sku);
  g_hash_table_unref (self->product_sku);
  g_hash_table_unref (self->variant_barcode);
  g_hash_table_unref (self->product_barcode);
  g_hash_table_unref (self->mapping);
  g_hash_table_unref (self->variant_norm);
  g_hash_table_unref (self->product_norm);
  g_hash_table_unref (self->product_base);
  g_hash_table_unref (self->product_costs);
  g_hash_table_unref (self->variant_costs);
  g_free (self);
}

void
ciro_matcher_set_mapping (CiroMatcher *self, const char *sku, gint64 product_id)
{
  if (product_id == 0)
    g_hash_table_remove (self->mapping, sku);
  else
    {
      g_hash_table_remove (self->mapping, sku);
      index_add (self->mapping, g_strdup (sku), product_id, product_id);
    }
}

static gboolean
found (const Ref *ref, gboolean variant, CiroMatchRule rule, CiroMatch *out)
{
  if (ref == NULL)
    return FALSE;
  out->rule = rule;
  out->product_id = ref->product_id;
  out->variant_id = variant ? ref->id : 0;
  return TRUE;
}

void
ciro_matcher_match (CiroMatcher *self,
                    const char  *sku,
                    const char  *barcode,
                    CiroMatch   *out)
{
  g_autofree char *norm = NULL;
  g_autofree char *base = NULL;

  out->rule = CIRO_MATCH_NONE;
  out->product_id = 0;
  out->variant_id = 0;

  if (sku != NULL && *sku != '\0')
    {
      if (found (g_hash_table_lookup (self->variant_sku, sku), TRUE, CIRO_MATCH_VARIANT_SKU, out) ||
          found (g_hash_table_lookup (self->product_sku, sku), FALSE, CIRO_MATCH_PRODUCT_SKU, out))
        return;
    }
  if (barcode != NULL && *barcode != '\0')
    {
      if (found (g_hash_table_lookup (self->variant_barcode, barcode), TRUE, CIRO_MATCH_BARCODE, out) ||
          found (g_hash_table_lookup (self->product_barcode, barcode), FALSE, CIRO_MATCH_BARCODE, out))
        return;
    }
  if (sku == NULL || *sku == '\0')
    return;
  if (found (g_hash_table_lookup (self->mapping, sku), FALSE, CIRO_MATCH_MAPPING, out))
    return;

  norm = ciro_sku_normalize (sku);
  if (norm != NULL && *norm != '\0' &&
      (found (g_hash_table_lookup (self->variant_norm, norm), TRUE, CIRO_MATCH_NORMALIZED_SKU, out) ||
       found (g_hash_table_lookup (self->product_norm, norm), FALSE, CIRO_MATCH_NORMALIZED_SKU, out)))
    return;

  base = ciro_sku_base_key (sku);
  if (base != NULL && *base != '\0')
    found (g_hash_table_lookup (self->product_base, base), FALSE, CIRO_MATCH_BASE_SKU, out);
}

/* The latest entry dated on or before `day`; the earliest when all are later. */
static const CostEntry *
cost_at (GArray *entries, CiroDay day, gboolean fall_back_to_earliest)
{
  const CostEntry *best = NULL;

  if (entries == NULL || entries->len == 0)
    return NULL;
  for (guint i = 0; i < entries->len; i++)
    {
      const CostEntry *e = &g_array_index (entries, CostEntry, i);
      if (e->from_day > day)
        break;
      best = e;
    }
  if (best == NULL && fall_back_to_earliest)
    best = &g_array_index (entries, CostEntry, 0);
  return best;
}

static CostHistory *
history_of (GHashTable *table, gint64 id)
{
  return g_hash_table_lookup (table, &id);
}

static const CostEntry *
cost_entry_for (CiroMatcher     *self,
                const CiroMatch *match,
                CiroDay          day)
{
  const CostEntry *e = NULL;
  CostHistory *parent;

  if (match->rule == CIRO_MATCH_NONE)
    return NULL;

  parent = history_of (self->product_costs, match->product_id);

  /* A cost the user entered overrides Sentos' from its date on. */
  if (parent != NULL)
    e = cost_at (parent->user, day, FALSE);

  if (e == NULL && match->variant_id != 0)
    {
      CostHistory *variant = history_of (self->variant_costs, match->variant_id);
      if (variant != NULL)
        e = cost_at (variant->sentos, day, TRUE);
    }
  if (e == NULL && parent != NULL)
    e = cost_at (parent->sentos, day, TRUE);
  return e;
}

CiroKurus
ciro_matcher_unit_cost_ex_vat (CiroMatcher     *self,
                               const CiroMatch *match,
                               CiroDay          day)
{
  const CostEntry *e = cost_entry_for (self, match, day);

  return e != NULL ? e->purchase_price : 0;
}

CiroKurus
ciro_matcher_unit_cost (CiroMatcher     *self,
                        const CiroMatch *match,
                        CiroDay          day)
{
  const CostEntry *e = cost_entry_for (self, match, day);

  if (e == NULL)
    return 0;

  /* within the bounds this fits; beyond them (a store written before the
   * bounds) saturated, and the writer refuses the line's cost */
  return ciro_apply_rate (e->purchase_price, 10000 + e->vat_rate);
}

CiroBasisPoints
ciro_matcher_line_vat_rate (CiroMatcher     *self,
                            const CiroMatch *match,
                            CiroDay          day,
                            CiroBasisPoints  line_rate)
{
  const CostEntry *e;

  if (line_rate >= 0)
    return line_rate;
  e = cost_entry_for (self, match, day);
  return e != NULL ? e->vat_rate : CIRO_VAT_RATE_FALLBACK;
}
