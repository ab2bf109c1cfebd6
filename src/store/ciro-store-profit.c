/* ciro-store-profit.c: rate history, ad spend and expenses (profit.md)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-store"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-number.h"
#include "core/ciro-text.h"
#include "ciro-profit.h"
#include "ciro-store-private.h"

#define MAX_SERVICE_FEE G_GINT64_CONSTANT (10000000)   /* ₺100,000 per order */

/* ------------------------------------------------------------ rates */

typedef struct {
  CiroDay from_day;
  gint64  value;
} Step;

struct _CiroRates {
  GArray     *fee_vat;         /* Step, by from_day */
  GArray     *shipping_vat;
  GHashTable *service_fee;     /* marketplace → GArray of Step */
  GHashTable *category;        /* "marketplace\x1fcategory" → GArray of Step */
  GHashTable *products;        /* product id → folded category; only with category rules */
};

void
ciro_rate_entry_free (CiroRateEntry *self)
{
  if (self == NULL)
    return;
  g_free (self->key);
  g_free (self->marketplace);
  g_free (self->category);
  g_free (self);
}

void
ciro_rates_free (CiroRates *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->fee_vat);
  g_array_unref (self->shipping_vat);
  g_hash_table_unref (self->service_fee);
  g_hash_table_unref (self->category);
  g_clear_pointer (&self->products, g_hash_table_unref);
  g_free (self);
}

static GArray *
steps_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (Step));
}

static GArray *
steps_in (GHashTable *table, const char *key)
{
  GArray *steps = g_hash_table_lookup (table, key);

  if (steps == NULL)
    {
      steps = steps_new ();
      g_hash_table_insert (table, g_strdup (key), steps);
    }
  return steps;
}

/* The value of the last step on or before `day`; FALSE before the first. */
static gboolean
step_at (GArray *steps, CiroDay day, gint64 *value)
{
  gboolean found = FALSE;

  if (steps == NULL)
    return FALSE;
  /* rows come sorted by from_day; histories are short */
  for (guint i = 0; i < steps->len; i++)
    {
      const Step *s = &g_array_index (steps, Step, i);
      if (s->from_day > day)
        break;
      *value = s->value;
      found = TRUE;
    }
  return found;
}

static char *
category_key (const char *marketplace, const char *folded_category)
{
  return g_strconcat (marketplace, "\x1f", folded_category, NULL);
}

CiroRates *
ciro_rates_load (CiroStore *store, GError **error)
{
  g_autoptr(CiroRates) self = g_new0 (CiroRates, 1);
  sqlite3_stmt *stmt;
  int rc;

  self->fee_vat = steps_new ();
  self->shipping_vat = steps_new ();
  self->service_fee = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  self->category = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);

  stmt = ciro_store_prepare (store, "SELECT key, marketplace, category, from_day, value FROM rate_history"
                                    " ORDER BY key, marketplace, category, from_day", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *mp = (const char *) sqlite3_column_text (stmt, 1);
      const char *cat = (const char *) sqlite3_column_text (stmt, 2);
      Step s = { sqlite3_column_int (stmt, 3), sqlite3_column_int64 (stmt, 4) };

      if (g_strcmp0 (key, CIRO_RATE_FEE_VAT) == 0)
        g_array_append_val (self->fee_vat, s);
      else if (g_strcmp0 (key, CIRO_RATE_SHIPPING_VAT) == 0)
        g_array_append_val (self->shipping_vat, s);
      else if (g_strcmp0 (key, CIRO_RATE_SERVICE_FEE) == 0)
        g_array_append_val (steps_in (self->service_fee, mp ? mp : ""), s);
      else if (g_strcmp0 (key, CIRO_RATE_CATEGORY_COMMISSION) == 0)
        {
          g_autofree char *k = category_key (mp ? mp : "", cat ? cat : "");
          g_array_append_val (steps_in (self->category, k), s);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading the rate history");
      return NULL;
    }
  return g_steal_pointer (&self);
}

CiroBasisPoints
ciro_rates_fee_vat (CiroRates *self, CiroDay day)
{
  gint64 v = CIRO_DEFAULT_FEE_VAT;
  step_at (self->fee_vat, day, &v);
  return (CiroBasisPoints) v;
}

CiroBasisPoints
ciro_rates_shipping_vat (CiroRates *self, CiroDay day)
{
  gint64 v = CIRO_DEFAULT_SHIPPING_VAT;
  step_at (self->shipping_vat, day, &v);
  return (CiroBasisPoints) v;
}

CiroKurus
ciro_rates_service_fee (CiroRates *self, const char *marketplace, CiroDay day)
{
  gint64 v = 0;
  if (marketplace != NULL)
    step_at (g_hash_table_lookup (self->service_fee, marketplace), day, &v);
  return v;
}

gboolean
ciro_rates_has_category_rules (CiroRates *self)
{
  return g_hash_table_size (self->category) > 0;
}

gboolean
ciro_rates_category_commission (CiroRates       *self,
                                const char      *marketplace,
                                const char      *folded_category,
                                CiroDay          day,
                                CiroBasisPoints *rate)
{
  g_autofree char *k = NULL;
  gint64 v = -1;

  if (marketplace == NULL || folded_category == NULL || g_hash_table_size (self->category) == 0)
    return FALSE;
  k = category_key (marketplace, folded_category);
  if (!step_at (g_hash_table_lookup (self->category, k), day, &v) || v < 0)
    return FALSE;
  *rate = (CiroBasisPoints) v;
  return TRUE;
}

CiroRates *
ciro_store_get_rates (CiroStore *self, GError **error)
{
  CiroRates *rates;

  if (self->rates != NULL)
    return self->rates;
  rates = ciro_rates_load (self, error);
  if (rates == NULL)
    return NULL;
  /* product id → folded category ("" for none), filled as lines ask: a
   * write transaction touches few products, a recompute all of them */
  if (ciro_rates_has_category_rules (rates))
    rates->products = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->rates = rates;
  return self->rates;
}

const char *
ciro_store_product_category (CiroStore *self, gint64 product_id)
{
  sqlite3_stmt *stmt;
  const char *found;
  gint64 *key;
  char *folded;

  if (self->rates == NULL || self->rates->products == NULL || product_id == 0)
    return NULL;
  found = g_hash_table_lookup (self->rates->products, &product_id);
  if (found != NULL)
    return *found != '\0' ? found : NULL;

  stmt = ciro_store_prepare (self, "SELECT category FROM products WHERE id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      g_autofree char *stripped = ciro_strip ((const char *) sqlite3_column_text (stmt, 0));
      folded = ciro_tr_fold (stripped);
    }
  else
    folded = g_strdup ("");
  sqlite3_reset (stmt);
  key = g_new (gint64, 1);
  *key = product_id;
  g_hash_table_insert (self->rates->products, key, folded);
  return *folded != '\0' ? folded : NULL;
}

CiroBasisPoints
ciro_store_line_rate (CiroStore      *self,
                      const char     *marketplace,
                      CiroBasisPoints rate,
                      gint64          product_id,
                      CiroDay         day)
{
  const char *category = ciro_store_product_category (self, product_id);
  CiroBasisPoints r;

  if (category != NULL && ciro_rates_category_commission (self->rates, marketplace, category, day, &r))
    return r;
  return rate;
}

GPtrArray *
ciro_store_list_rates (CiroStore *self, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_rate_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CIRO_IS_STORE (self), NULL);
  stmt = ciro_store_prepare (self, "SELECT key, marketplace, category, from_day, value FROM rate_history"
                                   " ORDER BY key, marketplace, category, from_day", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroRateEntry *e = g_new0 (CiroRateEntry, 1);
      e->key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      e->marketplace = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      e->category = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      e->from_day = sqlite3_column_int (stmt, 3);
      e->value = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (out, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "reading the rate history");
      return NULL;
    }
  return g_steal_pointer (&out);
}

typedef struct {
  const char *key;
  const char *marketplace;
  const char *category;
  CiroDay     from_day;
  gint64      value;
} SetRate;

/* Shipping KDV is stored per order: every stretch of days with one rate is
 * brought up to date in one statement. */
gboolean
ciro_store_update_shipping_vat (CiroStore *self, GError **error)
{
  g_autoptr(CiroRates) rates = ciro_rates_load (self, error);
  CiroDay start = G_MININT32;

  if (rates == NULL)
    return FALSE;
  for (guint i = 0; i <= rates->shipping_vat->len; i++)
    {
      CiroDay end = i < rates->shipping_vat->len ? g_array_index (rates->shipping_vat, Step, i).from_day
                                                 : G_MAXINT32;
      gint64 rate = i == 0 ? CIRO_DEFAULT_SHIPPING_VAT : g_array_index (rates->shipping_vat, Step, i - 1).value;
      sqlite3_stmt *stmt = ciro_store_prepare (self,
        "UPDATE orders SET shipping_vat = ciro_vat_part (shipping_total, ?1)"
        " WHERE day >= ?2 AND day < ?3 AND shipping_vat <> ciro_vat_part (shipping_total, ?1)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rate);
      sqlite3_bind_int64 (stmt, 2, start);
      sqlite3_bind_int64 (stmt, 3, end);
      if (!ciro_store_step_done (self, stmt, error, "recomputing shipping KDV"))
        return FALSE;
      start = end;
    }
  return TRUE;
}

static gboolean
set_rate_body (CiroStore *self, gpointer data, GError **error)
{
  SetRate *r = data;
  sqlite3_stmt *stmt;

  stmt = ciro_store_prepare (self, "INSERT OR REPLACE INTO rate_history (key, marketplace, category, from_day, value)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, r->key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, r->marketplace, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, r->category, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, r->from_day);
  sqlite3_bind_int64 (stmt, 5, r->value);
  if (!ciro_store_step_done (self, stmt, error, "saving a rate"))
    return FALSE;
  g_clear_pointer (&self->rates, ciro_rates_free);

  /* fee KDV and service fees are applied when read: nothing stored changes */
  if (g_str_equal (r->key, CIRO_RATE_SHIPPING_VAT))
    return self->defer_recompute ? ciro_store_recompute_inline (self, error)
                                 : ciro_store_update_shipping_vat (self, error) && ciro_store_rebuild_rollups (self, error);
  if (g_str_equal (r->key, CIRO_RATE_CATEGORY_COMMISSION))
    return ciro_store_recompute_inline (self, error);
  return TRUE;
}

gboolean
ciro_store_set_rate (CiroStore  *self,
                     const char *key,
                     const char *marketplace,
                     const char *category,
                     CiroDay     from_day,
                     gint64      value,
                     GError    **error)
{
  g_autofree char *mp = NULL;
  g_autofree char *folded = NULL;
  gboolean per_marketplace, is_category, ok;
  SetRate r;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  is_category = g_str_equal (key, CIRO_RATE_CATEGORY_COMMISSION);
  per_marketplace = is_category || g_str_equal (key, CIRO_RATE_SERVICE_FEE);
  if (!per_marketplace && !g_str_equal (key, CIRO_RATE_FEE_VAT) && !g_str_equal (key, CIRO_RATE_SHIPPING_VAT))
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID, _("Unknown setting “%s”"), key);
      return FALSE;
    }
  if (from_day == CIRO_DAY_INVALID)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID, _("A setting with history needs the date it applies from"));
      return FALSE;
    }
  if (per_marketplace)
    {
      g_autofree char *stripped = marketplace ? ciro_strip (marketplace) : NULL;
      mp = stripped && *stripped != '\0' ? ciro_marketplace_normalize (stripped) : NULL;
      if (mp == NULL || *mp == '\0')
        {
          g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID, _("“%s” names no marketplace"), key);
          return FALSE;
        }
    }
  if (is_category)
    {
      g_autofree char *stripped = category ? ciro_strip (category) : NULL;
      folded = stripped ? ciro_tr_fold (stripped) : NULL;
      if (folded == NULL || *folded == '\0')
        {
          g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID, _("A commission by category needs a category"));
          return FALSE;
        }
    }

  if (g_str_equal (key, CIRO_RATE_SERVICE_FEE))
    ok = value >= 0 && value <= MAX_SERVICE_FEE;
  else if (is_category)
    ok = value == -1 || (value >= 0 && value <= CIRO_MAX_RATE);
  else
    ok = value >= 0 && value <= CIRO_MAX_RATE;
  if (!ok)
    {
      if (g_str_equal (key, CIRO_RATE_SERVICE_FEE))
        g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                     _("A service fee must be between ₺0 and ₺100,000 per order"));
      else
        g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                     _("A rate must be between 0 and 100 %%"));
      return FALSE;
    }

  r = (SetRate) { key, mp ? mp : "", folded ? folded : "", from_day, value };
  return ciro_store_with_transaction (self, set_rate_body, &r, error);
}

static gboolean
remove_rate_body (CiroStore *self, gpointer data, GError **error)
{
  SetRate *r = data;
  sqlite3_stmt *stmt;

  stmt = ciro_store_prepare (self, "DELETE FROM rate_history WHERE key = ?1 AND marketplace = ?2"
                                   " AND category = ?3 AND from_day = ?4", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, r->key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, r->marketplace, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, r->category, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, r->from_day);
  if (!ciro_store_step_done (self, stmt, error, "removing a rate"))
    return FALSE;
  if (sqlite3_changes (ciro_store_get_db (self)) == 0)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_NOT_FOUND,
                   _("No such value in the setting’s history"));
      return FALSE;
    }
  g_clear_pointer (&self->rates, ciro_rates_free);
  if (g_str_equal (r->key, CIRO_RATE_SHIPPING_VAT))
    return self->defer_recompute ? ciro_store_recompute_inline (self, error)
                                 : ciro_store_update_shipping_vat (self, error) && ciro_store_rebuild_rollups (self, error);
  if (g_str_equal (r->key, CIRO_RATE_CATEGORY_COMMISSION))
    return ciro_store_recompute_inline (self, error);
  return TRUE;
}

gboolean
ciro_store_remove_rate (CiroStore  *self,
                        const char *key,
                        const char *marketplace,
                        const char *category,
                        CiroDay     from_day,
                        GError    **error)
{
  g_autofree char *mp = NULL;
  g_autofree char *folded = NULL;
  SetRate r;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  if (marketplace != NULL && *marketplace != '\0')
    {
      g_autofree char *stripped = ciro_strip (marketplace);
      mp = ciro_marketplace_normalize (stripped);
    }
  if (category != NULL && *category != '\0')
    {
      g_autofree char *stripped = ciro_strip (category);
      folded = ciro_tr_fold (stripped);
    }
  r = (SetRate) { key, mp ? mp : "", folded ? folded : "", from_day, 0 };
  return ciro_store_with_transaction (self, remove_rate_body, &r, error);
}

typedef struct {
  GPtrArray *rules;   /* SetRate, owned strings in a GStringChunk */
} ImportRules;

static gboolean
import_rules_body (CiroStore *self, gpointer data, GError **error)
{
  ImportRules *ir = data;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < ir->rules->len; i++)
    {
      SetRate *r = ir->rules->pdata[i];

      stmt = ciro_store_prepare (self, "INSERT OR REPLACE INTO rate_history (key, marketplace, category, from_day, value)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, r->key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, r->marketplace, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, r->category, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, r->from_day);
      sqlite3_bind_int64 (stmt, 5, r->value);
      if (!ciro_store_step_done (self, stmt, error, "saving a rate"))
        return FALSE;
    }
  g_clear_pointer (&self->rates, ciro_rates_free);
  return ciro_store_recompute_inline (self, error);
}

static GStrv
read_csv_lines (const char *path, GError **error)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID, _("%s is not UTF-8 text"), path);
      return NULL;
    }
  return g_strsplit (g_str_has_prefix (text, "\xEF\xBB\xBF") ? text + 3 : text, "\n", -1);
}

/* Splits a CSV line on ";" (or "," when it has no ";") into stripped fields. */
static GStrv
split_csv_line (const char *line, guint max, guint *n)
{
  GStrv f = g_strsplit (line, strchr (line, ';') ? ";" : ",", (gint) max);

  *n = g_strv_length (f);
  for (guint i = 0; i < *n; i++)
    {
      char *s = ciro_strip (f[i]);
      g_free (f[i]);
      f[i] = s;
    }
  return f;
}

void
ciro_rule_row_free (CiroRuleRow *self)
{
  if (self == NULL)
    return;
  g_free (self->marketplace);
  g_free (self->category);
  g_free (self->text);
  g_free (self->reason);
  g_free (self);
}

GPtrArray *
ciro_read_category_commissions (const char *path, GError **error)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_rule_row_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean any = FALSE;

  if ((lines = read_csv_lines (path, error)) == NULL)
    return NULL;
  for (guint n = 0; lines[n] != NULL; n++)
    {
      g_autofree char *line = ciro_strip (lines[n]);
      g_auto(GStrv) f = NULL;
      CiroRuleRow *row;
      gint64 rate = 0;
      gboolean number;
      guint nf;

      if (*line == '\0')
        continue;
      f = split_csv_line (line, 3, &nf);
      number = nf >= 3 && ciro_parse_decimal (f[2], 2, &rate, NULL);
      if (!any && !number)
        {
          any = TRUE;
          continue;   /* the column names */
        }
      any = TRUE;
      row = g_new0 (CiroRuleRow, 1);
      row->line = n + 1;
      row->text = g_strdup (line);
      if (nf < 3)
        row->reason = g_strdup (_("needs three fields: marketplace; category; rate"));
      else if (*f[0] == '\0')
        row->reason = g_strdup (_("no marketplace"));
      else if (*f[1] == '\0')
        row->reason = g_strdup (_("no category"));
      else if (!number)
        row->reason = g_strdup_printf (_("“%s” is not a number"), f[2]);
      else if (rate < 0 || rate > CIRO_MAX_RATE)
        row->reason = g_strdup (_("the rate is not between 0 and 100 %"));
      if (row->reason == NULL)
        {
          g_autofree char *key = NULL;

          row->marketplace = ciro_marketplace_normalize (f[0]);
          row->category = ciro_tr_fold (f[1]);
          row->rate = rate;
          key = category_key (row->marketplace, row->category);
          if (g_hash_table_contains (seen, key))
            row->reason = g_strdup_printf (_("repeats line %u"),
                                           GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)));
          else
            g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (row->line));
        }
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

gint64
ciro_store_set_category_commissions (CiroStore  *self,
                                     GPtrArray  *rows,
                                     CiroDay     from_day,
                                     GError    **error)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (g_free);
  ImportRules ir = { rules };

  g_return_val_if_fail (CIRO_IS_STORE (self), -1);
  if (from_day == CIRO_DAY_INVALID)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID, _("A setting with history needs the date it applies from"));
      return -1;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      CiroRuleRow *row = rows->pdata[i];
      SetRate *r;

      if (row->reason != NULL)
        continue;
      r = g_new0 (SetRate, 1);
      r->key = CIRO_RATE_CATEGORY_COMMISSION;
      r->marketplace = row->marketplace;
      r->category = row->category;
      r->from_day = from_day;
      r->value = row->rate;
      g_ptr_array_add (rules, r);
    }
  if (rules->len == 0)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID, _("The file holds no commission to import"));
      return -1;
    }
  if (!ciro_store_with_transaction (self, import_rules_body, &ir, error))
    return -1;
  return rules->len;
}

gint64
ciro_store_import_category_commissions (CiroStore  *self,
                                        const char *path,
                                        CiroDay     from_day,
                                        GError    **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (CIRO_IS_STORE (self), -1);
  if (from_day == CIRO_DAY_INVALID)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID, _("A setting with history needs the date it applies from"));
      return -1;
    }
  if ((rows = ciro_read_category_commissions (path, error)) == NULL)
    return -1;
  /* all or nothing: the first bad row names its line */
  for (guint i = 0; i < rows->len; i++)
    {
      CiroRuleRow *row = rows->pdata[i];
      if (row->reason != NULL)
        {
          g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID, _("Line %u: %s"), row->line, row->reason);
          return -1;
        }
    }
  return ciro_store_set_category_commissions (self, rows, from_day, error);
}

/* ------------------------------------------------------------ ad spend, expenses */

void
ciro_cost_entry_free (CiroCostEntry *self)
{
  if (self == NULL)
    return;
  g_free (self->marketplace);
  g_free (self->name);
  g_free (self->category);
  g_free (self->note);
  g_free (self);
}

CiroKurus
ciro_cost_day_share (CiroKurus amount, int i, int n_days)
{
  /* amounts are bounded (≤ 10^10), so (i + 1) · A fits easily */
  return (amount * (i + 1)) / n_days - (amount * i) / n_days;
}

static gboolean
check_entry (const CiroCostEntry *e, GError **error)
{
  if (e->day == CIRO_DAY_INVALID || e->amount < 0 || e->amount > CIRO_MAX_MONEY ||
      (e->monthly && e->until_day != CIRO_DAY_INVALID && e->until_day < e->day))
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                   _("An entry needs a date and an amount from ₺0 to ₺100,000,000 (and an end not before its start)"));
      return FALSE;
    }
  return TRUE;
}

static gint64
insert_entry (CiroStore *self, const CiroCostEntry *e, GError **error)
{
  g_autofree char *mp = NULL;
  sqlite3_stmt *stmt;

  if (!check_entry (e, error))
    return 0;
  if (e->marketplace != NULL && *e->marketplace != '\0')
    mp = ciro_marketplace_normalize (e->marketplace);
  stmt = ciro_store_prepare (self, "INSERT INTO cost_entries (kind, day, monthly, until_day, marketplace,"
                                   " amount, name, category, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                             error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int (stmt, 1, e->kind);
  sqlite3_bind_int (stmt, 2, e->day);
  sqlite3_bind_int (stmt, 3, e->monthly ? 1 : 0);
  if (e->monthly && e->until_day != CIRO_DAY_INVALID)
    sqlite3_bind_int (stmt, 4, e->until_day);
  else
    sqlite3_bind_null (stmt, 4);
  ciro_store_bind_text (stmt, 5, mp);
  sqlite3_bind_int64 (stmt, 6, e->amount);
  ciro_store_bind_text (stmt, 7, e->name);
  ciro_store_bind_text (stmt, 8, e->category);
  ciro_store_bind_text (stmt, 9, e->note);
  if (!ciro_store_step_done (self, stmt, error, "saving an entry"))
    return 0;
  return sqlite3_last_insert_rowid (ciro_store_get_db (self));
}

typedef struct {
  const CiroCostEntry *entry;
  gint64               id;
} AddEntry;

static gboolean
add_entry_body (CiroStore *self, gpointer data, GError **error)
{
  AddEntry *a = data;
  a->id = insert_entry (self, a->entry, error);
  return a->id != 0;
}

gint64
ciro_store_add_cost_entry (CiroStore *self, const CiroCostEntry *entry, GError **error)
{
  AddEntry a = { entry, 0 };

  g_return_val_if_fail (CIRO_IS_STORE (self), 0);
  g_return_val_if_fail (entry != NULL, 0);
  if (!check_entry (entry, error) || !ciro_store_with_transaction (self, add_entry_body, &a, error))
    return 0;
  return a.id;
}

GPtrArray *
ciro_store_list_cost_entries (CiroStore *self, CiroCostKind kind, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_cost_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CIRO_IS_STORE (self), NULL);
  stmt = ciro_store_prepare (self, "SELECT id, day, monthly, until_day, marketplace, amount, name, category, note"
                                   " FROM cost_entries WHERE kind = ?1 ORDER BY day, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, kind);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroCostEntry *e = g_new0 (CiroCostEntry, 1);
      e->id = sqlite3_column_int64 (stmt, 0);
      e->kind = kind;
      e->day = sqlite3_column_int (stmt, 1);
      e->monthly = sqlite3_column_int (stmt, 2) != 0;
      e->until_day = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? CIRO_DAY_INVALID
                                                                  : sqlite3_column_int (stmt, 3);
      e->marketplace = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      e->amount = sqlite3_column_int64 (stmt, 5);
      e->name = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      e->category = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      e->note = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      g_ptr_array_add (out, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "reading entries");
      return NULL;
    }
  return g_steal_pointer (&out);
}

typedef struct {
  CiroCostKind kind;
  gint64       id;
} RemoveEntry;

static gboolean
remove_entry_body (CiroStore *self, gpointer data, GError **error)
{
  RemoveEntry *r = data;
  sqlite3_stmt *stmt = ciro_store_prepare (self, "DELETE FROM cost_entries WHERE id = ?1 AND kind = ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->id);
  sqlite3_bind_int (stmt, 2, r->kind);
  if (!ciro_store_step_done (self, stmt, error, "removing an entry"))
    return FALSE;
  if (sqlite3_changes (ciro_store_get_db (self)) == 0)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_NOT_FOUND, _("No entry with id %lld"), (long long) r->id);
      return FALSE;
    }
  return TRUE;
}

gboolean
ciro_store_remove_cost_entry (CiroStore *self, CiroCostKind kind, gint64 id, GError **error)
{
  RemoveEntry r = { kind, id };

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  return ciro_store_with_transaction (self, remove_entry_body, &r, error);
}

/* YYYY-MM-DD or DD.MM.YYYY (DD/MM/YYYY too). */
static gboolean
parse_csv_day (const char *text, CiroDay *out)
{
  int d, m, y;
  char sep1, sep2, extra;

  if (ciro_day_parse (text, out, NULL))
    return TRUE;
  if (sscanf (text, "%2d%c%2d%c%4d%c", &d, &sep1, &m, &sep2, &y, &extra) == 5 &&
      sep1 == sep2 && (sep1 == '.' || sep1 == '/') && y >= 1970 && y <= 9999 &&
      m >= 1 && m <= 12 && d >= 1 && d <= 31)
    {
      CiroDay day = ciro_day_from_ymd (y, m, d);
      int cy, cm, cd;

      if (day == CIRO_DAY_INVALID)
        return FALSE;
      ciro_day_to_ymd (day, &cy, &cm, &cd);
      if (cy != y || cm != m || cd != d)
        return FALSE;
      *out = day;
      return TRUE;
    }
  return FALSE;
}

typedef struct {
  CiroCostKind kind;
  GPtrArray   *entries;
} ImportData;

static gboolean
import_body (CiroStore *self, gpointer data, GError **error)
{
  ImportData *d = data;

  for (guint i = 0; i < d->entries->len; i++)
    if (insert_entry (self, d->entries->pdata[i], error) == 0)
      return FALSE;
  return TRUE;
}

gint64
ciro_store_import_cost_csv (CiroStore   *self,
                            CiroCostKind kind,
                            const char  *path,
                            GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_cost_entry_free);
  ImportData d = { kind, entries };

  g_return_val_if_fail (CIRO_IS_STORE (self), -1);
  if (!g_file_get_contents (path, &text, NULL, error))
    return -1;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID, _("%s is not UTF-8 text"), path);
      return -1;
    }
  lines = g_strsplit (g_str_has_prefix (text, "\xEF\xBB\xBF") ? text + 3 : text, "\n", -1);
  for (guint n = 0; lines[n] != NULL; n++)
    {
      g_autofree char *line = ciro_strip (lines[n]);
      g_auto(GStrv) f = NULL;
      g_autoptr(CiroCostEntry) e = NULL;
      guint nf;

      if (*line == '\0')
        continue;
      f = g_strsplit (line, strchr (line, ';') ? ";" : ",", 4);
      nf = g_strv_length (f);
      for (guint i = 0; i < nf; i++)
        {
          char *s = ciro_strip (f[i]);
          g_free (f[i]);
          f[i] = s;
        }
      e = g_new0 (CiroCostEntry, 1);
      e->kind = kind;
      e->until_day = CIRO_DAY_INVALID;
      if (nf < 3 || !parse_csv_day (f[0], &e->day))
        {
          /* the first line may name the columns */
          if (entries->len == 0 && n == 0)
            continue;
          g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                       _("Line %u: a row needs a date (YYYY-MM-DD or DD.MM.YYYY), a marketplace (may be empty), an amount and a note"),
                       n + 1);
          return -1;
        }
      if (!ciro_parse_money (f[2], &e->amount, NULL) || e->amount < 0 || e->amount > CIRO_MAX_MONEY)
        {
          g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                       _("Line %u: “%s” is not an amount from ₺0 to ₺100,000,000"), n + 1, f[2]);
          return -1;
        }
      e->marketplace = *f[1] != '\0' ? g_strdup (f[1]) : NULL;
      e->note = nf > 3 && *f[3] != '\0' ? g_strdup (f[3]) : NULL;
      g_ptr_array_add (entries, g_steal_pointer (&e));
    }
  if (!ciro_store_with_transaction (self, import_body, &d, error))
    return -1;
  return entries->len;
}
