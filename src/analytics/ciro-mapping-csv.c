/* ciro-mapping-csv.c: SKU mappings to and from a CSV file
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-analytics"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "analytics/ciro-sku-suggest.h"
#include "core/ciro-error.h"
#include "core/ciro-text.h"
#include "ciro-mapping-csv.h"

static void
row_clear (gpointer data)
{
  CiroMappingRow *r = data;
  g_clear_pointer (&r->sku, g_free);
  g_clear_pointer (&r->product_sku, g_free);
}

void
ciro_mapping_import_free (CiroMappingImport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->changes, g_ptr_array_unref);
  g_free (self);
}

const char *
ciro_mapping_row_status_key (CiroMappingRowStatus status)
{
  switch (status)
    {
    case CIRO_MAPPING_ROW_OK: return "ok";
    case CIRO_MAPPING_ROW_MALFORMED: return "malformed";
    case CIRO_MAPPING_ROW_EMPTY: return "empty";
    case CIRO_MAPPING_ROW_DUPLICATE: return "duplicate";
    case CIRO_MAPPING_ROW_UNKNOWN_PRODUCT: return "unknown_product";
    case CIRO_MAPPING_ROW_ALREADY_MAPPED: return "already_mapped";
    default: g_return_val_if_reached ("");
    }
}

const char *
ciro_mapping_row_status_message (CiroMappingRowStatus status)
{
  switch (status)
    {
    case CIRO_MAPPING_ROW_OK: return _("imported");
    case CIRO_MAPPING_ROW_MALFORMED: return _("not two fields separated by “;” or “,”");
    case CIRO_MAPPING_ROW_EMPTY: return _("the SKU or the product SKU is empty");
    case CIRO_MAPPING_ROW_DUPLICATE: return _("the SKU is in an earlier row too");
    case CIRO_MAPPING_ROW_UNKNOWN_PRODUCT: return _("no product has this product SKU");
    case CIRO_MAPPING_ROW_ALREADY_MAPPED: return _("the SKU is mapped already");
    default: g_return_val_if_reached ("");
    }
}

typedef struct {
  guint      line;
  GPtrArray *fields;
  gboolean   open_quote;
} Row;

static void
row_free (gpointer data)
{
  Row *r = data;
  g_ptr_array_unref (r->fields);
  g_free (r);
}

static char
detect_separator (const char *p, const char *end)
{
  gboolean quoted = FALSE;
  gboolean comma = FALSE;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else if (!quoted && *p == ';')
        return ';';
      else if (!quoted && *p == ',')
        comma = TRUE;
    }
  return comma ? ',' : ';';
}

static void
end_field (Row *row, GString *field, gboolean quoted)
{
  if (quoted)
    g_ptr_array_add (row->fields, g_strdup (field->str));
  else
    g_ptr_array_add (row->fields, ciro_strip (field->str));
  g_string_truncate (field, 0);
}

static gboolean
row_blank (const Row *row)
{
  return row->fields->len == 1 && *(const char *) row->fields->pdata[0] == '\0' && !row->open_quote;
}

/* RFC 4180, with CR, LF or CRLF row ends and the first row's separator. */
static GPtrArray *
parse (const char *text, gsize length)
{
  const char *p = text, *end = text + length;
  GPtrArray *rows = g_ptr_array_new_with_free_func (row_free);
  g_autoptr(GString) field = g_string_new (NULL);
  char sep = detect_separator (p, end);
  guint line = 1;

  while (p < end)
    {
      Row *row = g_new0 (Row, 1);
      gboolean row_done = FALSE;

      row->line = line;
      row->fields = g_ptr_array_new_with_free_func (g_free);
      while (!row_done)
        {
          gboolean quoted = FALSE;

          /* spaces before an opening quote do not count */
          const char *q = p;
          while (q < end && (*q == ' ' || *q == '\t'))
            q++;
          if (q < end && *q == '"')
            {
              quoted = TRUE;
              p = q + 1;
              for (;;)
                {
                  if (p >= end)
                    {
                      row->open_quote = TRUE;
                      break;
                    }
                  if (*p == '"')
                    {
                      if (p + 1 < end && p[1] == '"')
                        {
                          g_string_append_c (field, '"');
                          p += 2;
                          continue;
                        }
                      p++;
                      break;
                    }
                  if (*p == '\n' || (*p == '\r' && (p + 1 >= end || p[1] != '\n')))
                    line++;
                  g_string_append_c (field, *p++);
                }
              /* anything between the closing quote and the separator is kept */
              while (p < end && *p != sep && *p != '\n' && *p != '\r')
                g_string_append_c (field, *p++);
            }
          else
            while (p < end && *p != sep && *p != '\n' && *p != '\r')
              g_string_append_c (field, *p++);

          end_field (row, field, quoted);
          if (p < end && *p == sep)
            {
              p++;
              continue;
            }
          /* the row's end */
          if (p < end && *p == '\r')
            p++;
          if (p < end && *p == '\n')
            p++;
          line++;
          row_done = TRUE;
        }
      if (row_blank (row))
        row_free (row);
      else
        g_ptr_array_add (rows, row);
    }
  return rows;
}

static gboolean
is_header (const Row *row)
{
  static const char *const first[] = { "sku", "stok kodu", "stok_kodu" };
  static const char *const second[] = { "product_sku", "product sku", "urun sku", "urun_sku",
                                        "urun stok kodu", "urun_stok_kodu" };
  g_autofree char *a = NULL, *b = NULL;
  gboolean ok_a = FALSE, ok_b = FALSE;

  if (row->fields->len < 2)
    return FALSE;
  a = ciro_suggest_fold (row->fields->pdata[0]);
  b = ciro_suggest_fold (row->fields->pdata[1]);
  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    ok_a |= g_str_equal (a, first[i]);
  for (guint i = 0; i < G_N_ELEMENTS (second); i++)
    ok_b |= g_str_equal (b, second[i]);
  return ok_a && ok_b;
}

CiroMappingImport *
ciro_mappings_import_csv (CiroStore   *store,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(CiroMappingImport) result = g_new0 (CiroMappingImport, 1);
  g_autofree char *raw = NULL;
  g_autofree char *converted = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) mappings = NULL;
  g_autoptr(GHashTable) mapped = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) sets = g_array_new (FALSE, TRUE, sizeof (CiroMappingSet));
  const char *text;
  gsize length;

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &raw, &length, error))
    return NULL;
  text = raw;
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    {
      text += 3;
      length -= 3;
    }
  if (!g_utf8_validate_len (text, length, NULL))
    {
      converted = g_convert (text, length, "UTF-8", "CP1254", NULL, &length, NULL);
      if (converted == NULL)
        {
          g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                       _("%s is neither UTF-8 nor Windows-1254 text"), path);
          return NULL;
        }
      text = converted;
    }

  if ((mappings = ciro_store_list_mappings (store, error)) == NULL)
    return NULL;
  for (guint i = 0; i < mappings->len; i++)
    g_hash_table_add (mapped, ((CiroMapping *) mappings->pdata[i])->sku);

  rows = parse (text, length);
  result->rows = g_array_new (FALSE, TRUE, sizeof (CiroMappingRow));
  g_array_set_clear_func (result->rows, row_clear);
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = rows->pdata[i];
      CiroMappingRow r = { row->line, NULL, NULL, 0, CIRO_MAPPING_ROW_OK };

      if (i == 0 && is_header (row))
        continue;
      r.sku = g_strdup (row->fields->pdata[0]);
      r.product_sku = g_strdup (row->fields->len > 1 ? row->fields->pdata[1] : "");
      if (row->fields->len < 2 || row->open_quote)
        r.status = CIRO_MAPPING_ROW_MALFORMED;
      else if (*r.sku == '\0' || *r.product_sku == '\0')
        r.status = CIRO_MAPPING_ROW_EMPTY;
      else if (g_hash_table_contains (seen, r.sku))
        r.status = CIRO_MAPPING_ROW_DUPLICATE;
      else
        {
          r.product_id = ciro_store_find_product_sku (store, r.product_sku, error);
          if (r.product_id < 0)
            {
              row_clear (&r);
              return NULL;
            }
          if (r.product_id == 0)
            r.status = CIRO_MAPPING_ROW_UNKNOWN_PRODUCT;
          else if (g_hash_table_contains (mapped, r.sku))
            r.status = CIRO_MAPPING_ROW_ALREADY_MAPPED;
        }
      g_array_append_val (result->rows, r);
      if (*r.sku != '\0')
        g_hash_table_add (seen, g_array_index (result->rows, CiroMappingRow, result->rows->len - 1).sku);
    }

  for (guint i = 0; i < result->rows->len; i++)
    {
      const CiroMappingRow *r = &g_array_index (result->rows, CiroMappingRow, i);
      if (r->status == CIRO_MAPPING_ROW_OK)
        {
          CiroMappingSet set = { r->sku, r->product_id, 0 };
          g_array_append_val (sets, set);
        }
      else
        result->rejected++;
    }
  if (!ciro_store_set_mappings (store, (const CiroMappingSet *) sets->data, sets->len, &result->changes, error))
    return NULL;
  result->imported = sets->len;
  return g_steal_pointer (&result);
}

static void
csv_field (GString *out, const char *text)
{
  size_t n = strlen (text);
  gboolean quote = n > 0 && (g_ascii_isspace (text[0]) || g_ascii_isspace (text[n - 1]));

  for (const char *p = text; *p && !quote; p++)
    quote = *p == ';' || *p == ',' || *p == '"' || *p == '\n' || *p == '\r';
  if (!quote)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

gint64
ciro_mappings_export_csv (CiroStore   *store,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GPtrArray) mappings = NULL;
  g_autoptr(GString) out = g_string_new ("\xef\xbb\xbf" "sku;product_sku;product_name\r\n");

  g_return_val_if_fail (CIRO_IS_STORE (store), -1);
  g_return_val_if_fail (path != NULL, -1);

  if ((mappings = ciro_store_list_mappings (store, error)) == NULL)
    return -1;
  for (guint i = 0; i < mappings->len; i++)
    {
      const CiroMapping *m = mappings->pdata[i];
      csv_field (out, m->sku);
      g_string_append_c (out, ';');
      csv_field (out, m->product_sku ? m->product_sku : "");
      g_string_append_c (out, ';');
      csv_field (out, m->product_name ? m->product_name : "");
      g_string_append (out, "\r\n");
    }
  if (!g_file_set_contents_full (path, out->str, out->len, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    return -1;
  return mappings->len;
}
