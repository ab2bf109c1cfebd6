/* ciro-store-fees.c: importing the fees a marketplace actually charged
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-number.h"
#include "core/ciro-text.h"
#include "ciro-fees.h"
#include "ciro-store-private.h"

__extension__ typedef __int128 Wide;

/* ------------------------------------------------------------ shared with the writers */

static CiroKurus
wide_div_round (Wide num, Wide den)
{
  Wide q = num / den, r = num % den;

  if (r < 0)
    r = -r;
  if (2 * r >= den)
    q += num < 0 ? -1 : 1;
  return (CiroKurus) q;
}

void
ciro_split_by_weight (CiroKurus        total,
                      const CiroKurus *weights,
                      guint            n,
                      CiroKurus       *parts)
{
  Wide sum = 0, cum = 0;
  gboolean even = FALSE;
  CiroKurus before = 0;

  for (guint i = 0; i < n; i++)
    {
      if (weights[i] < 0)
        even = TRUE;
      sum += weights[i];
    }
  if (sum <= 0)
    even = TRUE;
  for (guint i = 0; i < n; i++)
    {
      CiroKurus upto;

      cum += even ? 1 : weights[i];
      upto = wide_div_round ((Wide) total * cum, even ? (Wide) n : sum);
      parts[i] = upto - before;
      before = upto;
    }
}

void
ciro_order_actuals_read (sqlite3_stmt *stmt, int col, CiroOrderActuals *out)
{
  memset (out, 0, sizeof *out);
  if (sqlite3_column_type (stmt, col) != SQLITE_NULL)
    {
      out->has_commission = TRUE;
      out->commission = sqlite3_column_int64 (stmt, col);
    }
  if (sqlite3_column_type (stmt, col + 1) != SQLITE_NULL)
    {
      out->has_service_fee = TRUE;
      out->service_fee = sqlite3_column_int64 (stmt, col + 1);
    }
  if (sqlite3_column_type (stmt, col + 2) != SQLITE_NULL)
    {
      out->has_cargo = TRUE;
      out->cargo = sqlite3_column_int64 (stmt, col + 2);
    }
  if (sqlite3_column_type (stmt, col + 3) != SQLITE_NULL)
    {
      out->has_tariff = TRUE;
      out->tariff = sqlite3_column_int64 (stmt, col + 3);
    }
}

/* ------------------------------------------------------------ mappings */

static const char *const field_names[CIRO_FEE_N_FIELDS] = {
  "order", "commission", "service_fee", "cargo",
};

/* Other names a field goes by in --map, folded. */
static const struct {
  const char  *alias;
  CiroFeeField field;
} field_aliases[] = {
  { "order", CIRO_FEE_ORDER }, { "sipariş", CIRO_FEE_ORDER }, { "siparis", CIRO_FEE_ORDER },
  { "commission", CIRO_FEE_COMMISSION }, { "komisyon", CIRO_FEE_COMMISSION },
  { "service_fee", CIRO_FEE_SERVICE_FEE }, { "service", CIRO_FEE_SERVICE_FEE },
  { "hizmet", CIRO_FEE_SERVICE_FEE }, { "hizmet_bedeli", CIRO_FEE_SERVICE_FEE },
  { "cargo", CIRO_FEE_CARGO }, { "shipping", CIRO_FEE_CARGO }, { "kargo", CIRO_FEE_CARGO },
};

const char *
ciro_fee_field_name (CiroFeeField field)
{
  g_return_val_if_fail (field < CIRO_FEE_N_FIELDS, NULL);
  return field_names[field];
}

static char *
fold (const char *text)
{
  g_autofree char *stripped = ciro_strip (text);
  return ciro_tr_fold (stripped);
}

static int
header_column (const CiroSheet *sheet, const char *folded_name)
{
  if (ciro_sheet_n_rows (sheet) == 0)
    return -1;
  for (guint c = 0; c < ciro_sheet_row_length (sheet, 0); c++)
    {
      g_autofree char *h = fold (ciro_sheet_cell (sheet, 0, c));
      if (*h != '\0' && g_str_equal (h, folded_name))
        return (int) c;
    }
  return -1;
}

static int
resolve_column (const CiroSheet *sheet, const char *spec)
{
  g_autofree char *folded = fold (spec);
  g_autofree char *stripped = ciro_strip (spec);
  int c;
  guint64 n;
  char *end;

  if (*folded == '\0')
    return -1;
  if ((c = header_column (sheet, folded)) >= 0)
    return c;
  if ((c = ciro_sheet_column_index (stripped)) >= 0 && strlen (stripped) <= 3)
    return c;
  n = g_ascii_strtoull (stripped, &end, 10);
  if (end != stripped && *end == '\0' && n >= 1 && n <= CIRO_SHEET_MAX_COLUMNS)
    return (int) n - 1;
  return -1;
}

static gboolean
mapping_complete (const CiroFeeMapping *m, GError **error)
{
  if (m->column[CIRO_FEE_ORDER] < 0 ||
      (m->column[CIRO_FEE_COMMISSION] < 0 && m->column[CIRO_FEE_SERVICE_FEE] < 0 &&
       m->column[CIRO_FEE_CARGO] < 0))
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                   _("Say which column holds the order number and at least one fee: "
                     "order=COLUMN,commission=COLUMN,service_fee=COLUMN,cargo=COLUMN"));
      return FALSE;
    }
  return TRUE;
}

gboolean
ciro_fee_mapping_parse (const char      *text,
                        const CiroSheet *sheet,
                        CiroFeeMapping  *out,
                        GError         **error)
{
  g_auto(GStrv) items = NULL;

  g_return_val_if_fail (text != NULL && sheet != NULL && out != NULL, FALSE);
  for (guint f = 0; f < CIRO_FEE_N_FIELDS; f++)
    out->column[f] = -1;
  items = g_strsplit (text, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *item = ciro_strip (items[i]);
      const char *eq = strchr (item, '=');
      g_autofree char *key = NULL;
      int field = -1, column;

      if (*item == '\0')
        continue;
      if (eq == NULL)
        {
          g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                       _("“%s” is not FIELD=COLUMN"), item);
          return FALSE;
        }
      {
        g_autofree char *name = g_strndup (item, eq - item);
        key = fold (name);
      }
      for (guint a = 0; a < G_N_ELEMENTS (field_aliases); a++)
        if (g_str_equal (key, field_aliases[a].alias))
          field = field_aliases[a].field;
      if (field < 0)
        {
          g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                       _("Unknown field “%s”: the fields are order, commission, service_fee and cargo"), key);
          return FALSE;
        }
      column = resolve_column (sheet, eq + 1);
      if (column < 0)
        {
          g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                       _("The file has no column “%s” (by name in its first row, by letter or by number)"),
                       eq + 1);
          return FALSE;
        }
      out->column[field] = column;
    }
  return mapping_complete (out, error);
}

char *
ciro_fee_mapping_to_string (const CiroFeeMapping *m, const CiroSheet *sheet)
{
  GString *out = g_string_new (NULL);

  for (guint f = 0; f < CIRO_FEE_N_FIELDS; f++)
    {
      int c = m->column[f];
      g_autofree char *name = NULL;

      if (c < 0)
        continue;
      if (ciro_sheet_n_rows (sheet) > 0)
        {
          g_autofree char *stripped = ciro_strip (ciro_sheet_cell (sheet, 0, (guint) c));
          g_autofree char *folded = fold (stripped);
          /* a name reads back when it has no separator and is its column's */
          if (*stripped != '\0' && strpbrk (stripped, ",=") == NULL && header_column (sheet, folded) == c)
            name = g_steal_pointer (&stripped);
        }
      if (name == NULL)
        name = ciro_sheet_column_name ((guint) c);
      g_string_append_printf (out, "%s%s=%s", out->len ? "," : "", field_names[f], name);
    }
  return g_string_free (out, FALSE);
}

gboolean
ciro_fee_mapping_guess (const CiroSheet *sheet, CiroFeeMapping *out)
{
  /* folded words a column name contains, best first per field */
  static const char *const order_words[] = { "sipariş no", "sipariş numarası", "siparis no", "order number",
                                             "order id", "order no", "sipariş", "order", NULL };
  static const char *const commission_words[] = { "komisyon tutarı", "komisyon", "commission", NULL };
  static const char *const service_words[] = { "hizmet bedeli", "hizmet", "işlem bedeli", "service fee",
                                               "service", NULL };
  static const char *const cargo_words[] = { "kargo bedeli", "kargo tutarı", "kargo", "cargo", "shipping fee",
                                             "shipping", NULL };
  static const char *const *const words[CIRO_FEE_N_FIELDS] = {
    order_words, commission_words, service_words, cargo_words,
  };

  for (guint f = 0; f < CIRO_FEE_N_FIELDS; f++)
    out->column[f] = -1;
  if (ciro_sheet_n_rows (sheet) == 0)
    return FALSE;
  for (guint f = 0; f < CIRO_FEE_N_FIELDS; f++)
    for (guint w = 0; words[f][w] != NULL && out->column[f] < 0; w++)
      for (guint c = 0; c < ciro_sheet_row_length (sheet, 0) && out->column[f] < 0; c++)
        {
          g_autofree char *h = fold (ciro_sheet_cell (sheet, 0, c));
          gboolean taken = FALSE;

          for (guint g = 0; g < f; g++)
            taken |= out->column[g] == (int) c;
          /* "Kargo" must not take the order's "Kargo Takip No" column */
          if (!taken && strstr (h, words[f][w]) != NULL &&
              (f == CIRO_FEE_ORDER || (strstr (h, " no") == NULL && strstr (h, "takip") == NULL)))
            out->column[f] = (int) c;
        }
  return mapping_complete (out, NULL);
}

char *
ciro_store_get_fee_mapping (CiroStore *self, const char *marketplace, GError **error)
{
  g_autofree char *mp = ciro_marketplace_normalize (marketplace);
  sqlite3_stmt *stmt;
  char *out = NULL;

  g_return_val_if_fail (CIRO_IS_STORE (self), NULL);
  stmt = ciro_store_prepare (self, "SELECT mapping FROM fee_mappings WHERE marketplace = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, mp, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return out;
}

/* ------------------------------------------------------------ importing */

void
ciro_fee_import_result_free (CiroFeeImportResult *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->unknown);
  g_free (self);
}

static void
unknown_free (gpointer p)
{
  CiroFeeUnknown *u = p;
  g_free (u->order);
  g_free (u);
}

/* What the file says of one order: each fee given or not, summed over its rows. */
typedef struct {
  gint64           order_id;
  CiroOrderActuals a;
} FileOrder;

typedef struct {
  const char          *marketplace;   /* normalised */
  const char          *mapping_text;
  GArray              *orders;        /* FileOrder */
  CiroFeeImportResult *result;
  CiroFeeProgress      progress;
  gpointer             progress_data;
  GCancellable        *cancellable;
} ImportFees;

/* An order number as a cell holds it: a number cell of Excel may be
 * "4410028731" or "4.410028731E9". */
static char *
order_text (const CiroSheet *sheet, guint row, guint col)
{
  const char *text = ciro_sheet_cell (sheet, row, col);

  if (ciro_sheet_cell_is_number (sheet, row, col) && strpbrk (text, ".eE") != NULL)
    {
      double v = g_ascii_strtod (text, NULL);
      if (v >= 0 && v < 1e18 && v == (double) (gint64) v)
        return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) v);
    }
  return ciro_strip (text);
}

/* An amount cell: TRUE and *out (kuruş, the charge as a positive figure)
 * when it holds one, TRUE and *given FALSE when it is empty. */
static gboolean
amount_cell (const CiroSheet *sheet, guint row, guint col, gboolean *given, CiroKurus *out)
{
  const char *text = ciro_sheet_cell (sheet, row, col);
  g_autofree char *stripped = ciro_strip (text);
  gint64 v;

  *given = FALSE;
  if (*stripped == '\0' || g_str_equal (stripped, "-"))
    return TRUE;
  if (ciro_sheet_cell_is_number (sheet, row, col))
    {
      if (!ciro_parse_json_number (stripped, strlen (stripped), 2, &v, NULL))
        return FALSE;
    }
  else if (!ciro_parse_money (stripped, &v, NULL))
    return FALSE;
  if (v < 0)
    v = -v;
  if (v > CIRO_MAX_MONEY)
    return FALSE;
  *given = TRUE;
  *out = v;
  return TRUE;
}

typedef struct {
  GHashTable *by_code;     /* order_code → id */
  GHashTable *by_suffix;   /* the part after the code's last '-' → id, 0 when ambiguous */
  GHashTable *by_id;       /* Sentos id as text → id */
} OrderIndex;

static void
order_index_clear (OrderIndex *ix)
{
  g_clear_pointer (&ix->by_code, g_hash_table_unref);
  g_clear_pointer (&ix->by_suffix, g_hash_table_unref);
  g_clear_pointer (&ix->by_id, g_hash_table_unref);
}

static gboolean
order_index_load (CiroStore *self, gint64 marketplace_id, OrderIndex *ix, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  ix->by_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ix->by_suffix = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ix->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  stmt = ciro_store_prepare (self, "SELECT id, order_code FROM orders WHERE marketplace_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, marketplace_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *code = (const char *) sqlite3_column_text (stmt, 1);
      gint64 *v = g_new (gint64, 1);

      *v = id;
      g_hash_table_insert (ix->by_id, g_strdup_printf ("%" G_GINT64_FORMAT, id), v);
      if (code != NULL && *code != '\0')
        {
          const char *dash = strrchr (code, '-');

          v = g_new (gint64, 1);
          *v = id;
          g_hash_table_insert (ix->by_code, g_strdup (code), v);
          if (dash != NULL && dash[1] != '\0')
            {
              gint64 *old = g_hash_table_lookup (ix->by_suffix, dash + 1);
              if (old != NULL)
                *old = 0;
              else
                {
                  v = g_new (gint64, 1);
                  *v = id;
                  g_hash_table_insert (ix->by_suffix, g_strdup (dash + 1), v);
                }
            }
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "reading orders");
      return FALSE;
    }
  return TRUE;
}

/* The order's code as stored, else without the prefix Sentos adds
 * ("HB-4410028731" for Hepsiburada's 4410028731), else its Sentos id. */
static gint64
order_index_find (OrderIndex *ix, const char *text)
{
  gint64 *id;

  if ((id = g_hash_table_lookup (ix->by_code, text)) != NULL ||
      ((id = g_hash_table_lookup (ix->by_suffix, text)) != NULL && *id != 0) ||
      (id = g_hash_table_lookup (ix->by_id, text)) != NULL)
    return *id;
  return 0;
}

static gboolean
apply_order (CiroStore *self, const FileOrder *fo, CiroFeeImportResult *result, GError **error)
{
  CiroOrderActuals old, now;
  gboolean cargo_changed;
  CiroDay day;
  gint64 marketplace_id;
  gint32 status;
  CiroKurus shipping, shipping_vat;
  sqlite3_stmt *stmt;
  int rc;

  stmt = ciro_store_prepare (self, "SELECT day, marketplace_id, status, shipping_total, shipping_vat,"
                                   " actual_commission, actual_service_fee, actual_cargo, tariff"
                                   " FROM orders WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, fo->order_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      ciro_store_set_error (self, error, "reading an order");
      return FALSE;
    }
  day = sqlite3_column_int (stmt, 0);
  marketplace_id = sqlite3_column_int64 (stmt, 1);
  status = sqlite3_column_int (stmt, 2);
  shipping = sqlite3_column_int64 (stmt, 3);
  shipping_vat = sqlite3_column_int64 (stmt, 4);
  ciro_order_actuals_read (stmt, 5, &old);
  sqlite3_reset (stmt);

  now = old;
  if (fo->a.has_commission)
    {
      now.has_commission = TRUE;
      now.commission = fo->a.commission;
    }
  if (fo->a.has_service_fee)
    {
      now.has_service_fee = TRUE;
      now.service_fee = fo->a.service_fee;
    }
  if (fo->a.has_cargo)
    {
      now.has_cargo = TRUE;
      now.cargo = fo->a.cargo;
    }
  if (memcmp (&now, &old, sizeof now) == 0)
    {
      result->unchanged++;
      return TRUE;
    }
  result->updated++;

  /* the carrier figures hold the order's own shipping expense */
  cargo_changed = now.has_cargo != old.has_cargo || now.cargo != old.cargo;
  if (cargo_changed && !ciro_store_carriers_before_put (self, fo->order_id, error))
    return FALSE;
  if (!ciro_rollup_delta_add_actuals (self->delta, day, marketplace_id, status, &old, -1) ||
      !ciro_rollup_delta_add_actuals (self->delta, day, marketplace_id, status, &now, +1))
    goto overflow;

  if (now.has_commission && (!old.has_commission || old.commission != now.commission))
    {
      g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (CiroRollupLine));
      g_autoptr(GArray) weights = g_array_new (FALSE, TRUE, sizeof (CiroKurus));
      g_autofree CiroKurus *parts = NULL;
      g_autoptr(GArray) updated = NULL;

      stmt = ciro_store_prepare (self, "SELECT product_key, quantity, amount, cost, commission, match_rule,"
                                       " output_vat, cost_ex_vat FROM order_lines WHERE order_id = ?1"
                                       " ORDER BY pos", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, fo->order_id);
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
          g_array_append_val (weights, l.amount);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          ciro_store_set_error (self, error, "reading order lines");
          return FALSE;
        }
      parts = g_new0 (CiroKurus, MAX (1, lines->len));
      ciro_split_by_weight (now.commission, (CiroKurus *) weights->data, lines->len, parts);
      updated = g_array_copy (lines);
      for (guint i = 0; i < updated->len; i++)
        g_array_index (updated, CiroRollupLine, i).commission = parts[i];

      /* the order's lines out with their old commission, in with the new */
      if (!ciro_rollup_delta_add_order (self->delta, day, marketplace_id, status, shipping, shipping_vat,
                                        (CiroRollupLine *) lines->data, lines->len, -1) ||
          !ciro_rollup_delta_add_order (self->delta, day, marketplace_id, status, shipping, shipping_vat,
                                        (CiroRollupLine *) updated->data, updated->len, +1))
        goto overflow;
      for (guint i = 0; i < updated->len; i++)
        {
          stmt = ciro_store_prepare (self, "UPDATE order_lines SET commission = ?3"
                                           " WHERE order_id = ?1 AND pos = (SELECT pos FROM order_lines"
                                           "  WHERE order_id = ?1 ORDER BY pos LIMIT 1 OFFSET ?2)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, fo->order_id);
          sqlite3_bind_int (stmt, 2, (int) i);
          sqlite3_bind_int64 (stmt, 3, parts[i]);
          if (!ciro_store_step_done (self, stmt, error, "saving a line's commission"))
            return FALSE;
        }
    }

  stmt = ciro_store_prepare (self, "UPDATE orders SET actual_commission = ?2, actual_service_fee = ?3,"
                                   " actual_cargo = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, fo->order_id);
  if (now.has_commission)
    sqlite3_bind_int64 (stmt, 2, now.commission);
  else
    sqlite3_bind_null (stmt, 2);
  if (now.has_service_fee)
    sqlite3_bind_int64 (stmt, 3, now.service_fee);
  else
    sqlite3_bind_null (stmt, 3);
  if (now.has_cargo)
    sqlite3_bind_int64 (stmt, 4, now.cargo);
  else
    sqlite3_bind_null (stmt, 4);
  return ciro_store_step_done (self, stmt, error, "saving an order's fees") &&
         (!cargo_changed || ciro_store_carriers_after_change (self, fo->order_id, error));

overflow:
  g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
               _("%s %lld: its figures add up beyond what Ciro can hold"), _("Order"),
               (long long) fo->order_id);
  return FALSE;
}

static gboolean
import_fees_body (CiroStore *self, gpointer data, GError **error)
{
  ImportFees *d = data;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < d->orders->len; i++)
    {
      /* the second half of the work; a cancel rolls everything back */
      if ((i & 63) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (d->cancellable, error))
            return FALSE;
          if (d->progress != NULL)
            d->progress (0.5 + 0.5 * i / d->orders->len, d->progress_data);
        }
      if (!apply_order (self, &g_array_index (d->orders, FileOrder, i), d->result, error))
        return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (d->cancellable, error))
    return FALSE;
  stmt = ciro_store_prepare (self, "INSERT INTO fee_mappings (marketplace, mapping) VALUES (?1, ?2)"
                                   " ON CONFLICT (marketplace) DO UPDATE SET mapping = excluded.mapping", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, d->marketplace, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, d->mapping_text, -1, SQLITE_STATIC);
  return ciro_store_step_done (self, stmt, error, "saving a mapping");
}

static gboolean
add_fee (gboolean *has, CiroKurus *sum, CiroKurus v)
{
  *has = TRUE;
  return ciro_add_checked (*sum, v, sum) && *sum <= CIRO_MAX_MONEY;
}

CiroFeeImportResult *
ciro_store_import_fees_sheet (CiroStore            *self,
                              const CiroSheet      *sheet,
                              const char           *marketplace,
                              const CiroFeeMapping *mapping,
                              GError              **error)
{
  return ciro_store_import_fees_sheet_full (self, sheet, marketplace, mapping, NULL, NULL, NULL, error);
}

CiroFeeImportResult *
ciro_store_import_fees_sheet_full (CiroStore            *self,
                                   const CiroSheet      *sheet,
                                   const char           *marketplace,
                                   const CiroFeeMapping *mapping,
                                   CiroFeeProgress       progress,
                                   gpointer              progress_data,
                                   GCancellable         *cancellable,
                                   GError              **error)
{
  g_autoptr(CiroFeeImportResult) result = g_new0 (CiroFeeImportResult, 1);
  g_autoptr(GHashTable) seen_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) order_slot = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) orders = g_array_new (FALSE, TRUE, sizeof (FileOrder));
  g_autofree char *mp = NULL;
  g_autofree char *mapping_text = NULL;
  OrderIndex ix = { 0 };
  CiroMarketplaceInfo *info;
  ImportFees d;
  gboolean ok;

  g_return_val_if_fail (CIRO_IS_STORE (self), NULL);
  g_return_val_if_fail (sheet != NULL && mapping != NULL, NULL);
  result->unknown = g_ptr_array_new_with_free_func (unknown_free);

  if (!mapping_complete (mapping, error))
    return NULL;
  mp = marketplace ? ciro_marketplace_normalize (marketplace) : NULL;
  if (mp == NULL || *mp == '\0')
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID, _("Say which marketplace the fees are from"));
      return NULL;
    }
  /* a marketplace Ciro has no orders from has no row either */
  {
    sqlite3_stmt *stmt = ciro_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM marketplaces m JOIN orders o"
                                                   " ON o.marketplace_id = m.id WHERE m.name = ?1)", error);
    gboolean known;

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_text (stmt, 1, mp, -1, SQLITE_STATIC);
    known = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
    sqlite3_reset (stmt);
    if (!known)
      {
        g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_NOT_FOUND,
                     _("Ciro has no orders from “%s”"), mp);
        return NULL;
      }
  }
  info = ciro_store_marketplace_for (self, mp, error);
  if (info == NULL || !order_index_load (self, info->id, &ix, error))
    {
      order_index_clear (&ix);
      return NULL;
    }

  /* everything is read and checked before anything is written */
  ok = TRUE;
  for (guint r = 1; ok && r < ciro_sheet_n_rows (sheet); r++)
    {
      GString *whole;
      g_autofree char *order = NULL;
      FileOrder *fo;
      gpointer slot;
      gint64 id;

      /* the first half of the work: reading and checking every row */
      if ((r & 1023) == 1)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              ok = FALSE;
              break;
            }
          if (progress != NULL)
            progress (0.5 * r / ciro_sheet_n_rows (sheet), progress_data);
        }
      whole = g_string_new (NULL);
      result->rows++;
      for (guint c = 0; c < ciro_sheet_row_length (sheet, r); c++)
        {
          g_string_append (whole, ciro_sheet_cell (sheet, r, c));
          g_string_append_c (whole, '\x1f');
        }
      if (!g_hash_table_add (seen_rows, g_string_free (whole, FALSE)))
        {
          result->duplicates++;
          continue;
        }
      order = order_text (sheet, r, (guint) mapping->column[CIRO_FEE_ORDER]);
      if (*order == '\0')
        {
          g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                       _("Row %u has no order number"), ciro_sheet_row_number (sheet, r));
          ok = FALSE;
          break;
        }
      id = order_index_find (&ix, order);
      if (id == 0)
        {
          CiroFeeUnknown *u = g_new0 (CiroFeeUnknown, 1);
          u->row = ciro_sheet_row_number (sheet, r);
          u->order = g_steal_pointer (&order);
          g_ptr_array_add (result->unknown, u);
          continue;
        }
      if (g_hash_table_lookup_extended (order_slot, &id, NULL, &slot))
        fo = &g_array_index (orders, FileOrder, GPOINTER_TO_UINT (slot));
      else
        {
          gint64 *key = g_new (gint64, 1);
          FileOrder empty = { id };

          *key = id;
          g_hash_table_insert (order_slot, key, GUINT_TO_POINTER (orders->len));
          g_array_append_val (orders, empty);
          fo = &g_array_index (orders, FileOrder, orders->len - 1);
        }
      for (guint f = CIRO_FEE_COMMISSION; f < CIRO_FEE_N_FIELDS; f++)
        {
          gboolean given;
          CiroKurus v = 0;
          gboolean fits = TRUE;

          if (mapping->column[f] < 0)
            continue;
          if (!amount_cell (sheet, r, (guint) mapping->column[f], &given, &v))
            {
              g_autofree char *col = ciro_sheet_column_name ((guint) mapping->column[f]);
              g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                           _("Row %u, column %s: “%s” is not an amount from ₺0 to ₺100,000,000"),
                           ciro_sheet_row_number (sheet, r), col,
                           ciro_sheet_cell (sheet, r, (guint) mapping->column[f]));
              ok = FALSE;
              break;
            }
          if (!given)
            continue;
          if (f == CIRO_FEE_COMMISSION)
            fits = add_fee (&fo->a.has_commission, &fo->a.commission, v);
          else if (f == CIRO_FEE_SERVICE_FEE)
            fits = add_fee (&fo->a.has_service_fee, &fo->a.service_fee, v);
          else
            fits = add_fee (&fo->a.has_cargo, &fo->a.cargo, v);
          if (!fits)
            {
              g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                           _("Row %u: the fees of order %s add up beyond ₺100,000,000"),
                           ciro_sheet_row_number (sheet, r), order);
              ok = FALSE;
              break;
            }
        }
    }
  order_index_clear (&ix);
  if (!ok)
    return NULL;

  result->orders = orders->len;
  mapping_text = ciro_fee_mapping_to_string (mapping, sheet);
  d = (ImportFees) { mp, mapping_text, orders, result, progress, progress_data, cancellable };
  if (!ciro_store_with_transaction (self, import_fees_body, &d, error))
    return NULL;
  if (progress != NULL)
    progress (1.0, progress_data);
  return g_steal_pointer (&result);
}

CiroFeeImportResult *
ciro_store_import_fees (CiroStore  *self,
                        const char *path,
                        const char *marketplace,
                        const char *mapping,
                        GError    **error)
{
  g_autoptr(CiroSheet) sheet = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *remembered = NULL;
  CiroFeeMapping m;

  g_return_val_if_fail (CIRO_IS_STORE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  sheet = ciro_sheet_read (path, 0, &local);
  if (sheet == NULL)
    {
      g_set_error_literal (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID, local->message);
      return NULL;
    }
  if (ciro_sheet_n_rows (sheet) == 0)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID, _("%s holds no rows"), path);
      return NULL;
    }
  if (mapping == NULL && marketplace != NULL)
    {
      remembered = ciro_store_get_fee_mapping (self, marketplace, error);
      mapping = remembered;
    }
  if (mapping != NULL)
    {
      if (!ciro_fee_mapping_parse (mapping, sheet, &m, error))
        return NULL;
    }
  else if (!ciro_fee_mapping_guess (sheet, &m))
    return (void) mapping_complete (&m, error), NULL;
  return ciro_store_import_fees_sheet (self, sheet, marketplace, &m, error);
}

char *
ciro_fee_read_order (const CiroSheet *sheet, guint row, guint column)
{
  g_return_val_if_fail (sheet != NULL, NULL);
  return order_text (sheet, row, column);
}

gboolean
ciro_fee_read_amount (const CiroSheet *sheet, guint row, guint column, gboolean *given, CiroKurus *out)
{
  g_return_val_if_fail (sheet != NULL && given != NULL && out != NULL, FALSE);
  return amount_cell (sheet, row, column, given, out);
}
