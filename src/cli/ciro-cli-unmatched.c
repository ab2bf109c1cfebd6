/* ciro-cli-unmatched.c: ciro-cli unmatched --suggest | accept | import | export
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "analytics/ciro-mapping-csv.h"
#include "analytics/ciro-sku-suggest.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-money.h"
#include "ciro-cli-private.h"

#define EXIT_OK 0
#define EXIT_USAGE 2
#define EXIT_STORE 4

static int
fail (int code, const char *fmt, ...) G_GNUC_PRINTF (2, 3);

static int
fail (int code, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *msg = NULL;

  va_start (ap, fmt);
  msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_strdelimit (msg, "\n\r", ' ');
  fprintf (stderr, "ciro-cli: %s\n", msg);
  return code;
}

static int
store_fail (GError *error)
{
  if (error->domain == G_FILE_ERROR ||
      (error->domain == CIRO_STORE_ERROR &&
       (error->code == CIRO_STORE_ERROR_INVALID || error->code == CIRO_STORE_ERROR_NOT_FOUND)))
    return fail (EXIT_USAGE, "%s", error->message);
  return fail (EXIT_STORE, "%s", error->message);
}

static const char *
evidence_key (CiroEvidenceKind kind)
{
  switch (kind)
    {
    case CIRO_EVIDENCE_DIGITS: return "digits";
    case CIRO_EVIDENCE_BARCODE: return "barcode";
    case CIRO_EVIDENCE_NAME: return "name";
    default: g_return_val_if_reached ("");
    }
}

static void
suggestions_json (GPtrArray *all, gint64 limit, GString *out)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < all->len && (limit < 0 || i < (guint64) limit); i++)
    {
      const CiroSkuSuggestions *s = all->pdata[i];
      g_autofree char *revenue = ciro_money_to_decimal (s->revenue);
      g_autofree char *last = ciro_day_to_string (s->last_day);

      g_string_append (out, i ? ",\n {" : "\n {");
      g_string_append (out, "\"sku\": ");
      cli_json_string (out, s->sku);
      g_string_append_printf (out, ", \"lines\": %" G_GINT64_FORMAT ", \"units\": %" G_GINT64_FORMAT
                              ", \"revenue\": %s, \"last_date\": ", s->lines, s->units, revenue);
      cli_json_string (out, last);
      g_string_append (out, ", \"line_name\": ");
      cli_json_string (out, s->line_name);
      g_string_append (out, ", \"suggestions\": [");
      for (guint k = 0; k < s->suggestions->len; k++)
        {
          const CiroSuggestion *g = s->suggestions->pdata[k];

          g_string_append_printf (out, "%s{\"product_id\": %" G_GINT64_FORMAT ", \"product_sku\": ",
                                  k ? ", " : "", g->product_id);
          cli_json_string (out, g->product_sku);
          g_string_append (out, ", \"product_name\": ");
          cli_json_string (out, g->product_name);
          g_string_append_printf (out, ", \"confidence_pct\": %u, \"evidence\": [", g->percent);
          for (guint e = 0; e < g->evidence->len; e++)
            {
              const CiroEvidence *ev = &g_array_index (g->evidence, CiroEvidence, e);
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              g_string_append_printf (out, "%s{\"kind\": \"%s\", \"detail\": ", e ? ", " : "", evidence_key (ev->kind));
              cli_json_string (out, ev->detail);
              g_string_append_printf (out, ", \"weight_pct\": %s, \"shared_by\": %u",
                                      g_ascii_formatd (buf, sizeof buf, "%.2f", ev->weight * 100.0), ev->shared_by);
              if (ev->kind == CIRO_EVIDENCE_NAME)
                g_string_append_printf (out, ", \"similarity_pct\": %u", ev->similarity);
              g_string_append_c (out, '}');
            }
          g_string_append (out, "]}");
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, all->len ? "\n]\n" : "]\n");
}

static void
suggestions_text (GPtrArray *all, gint64 limit, GString *out)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();

  if (all->len == 0)
    {
      g_string_append_printf (out, "%s\n", _("Every SKU has a product."));
      return;
    }
  for (guint i = 0; i < all->len && (limit < 0 || i < (guint64) limit); i++)
    {
      const CiroSkuSuggestions *s = all->pdata[i];
      g_autofree char *money = ciro_money_format (s->revenue, style);
      g_autofree char *count = ciro_count_format (s->lines, style);
      g_autofree char *lines = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s line", "%s lines", (gulong) s->lines),
                                                count);

      g_string_append_printf (out, "%s · %s · %s\n", s->sku, lines, money);
      if (s->suggestions->len == 0)
        g_string_append_printf (out, "      %s\n", _("no suggestion"));
      for (guint k = 0; k < s->suggestions->len; k++)
        {
          const CiroSuggestion *g = s->suggestions->pdata[k];
          g_autofree char *pct = ciro_percent_format (g->percent, 0, style);
          g_autoptr(GPtrArray) why = g_ptr_array_new_with_free_func (g_free);

          for (guint e = 0; e < g->evidence->len; e++)
            g_ptr_array_add (why, ciro_evidence_describe (&g_array_index (g->evidence, CiroEvidence, e), style));
          g_ptr_array_add (why, NULL);
          g_string_append_printf (out, "  %5s  %s  %s\n", pct, g->product_sku, g->product_name ? g->product_name : "");
          {
            g_autofree char *joined = g_strjoinv ("; ", (char **) why->pdata);
            g_string_append_printf (out, "         %s\n", joined);
          }
        }
    }
}

static void
suggestions_csv (GPtrArray *all, gint64 limit, FILE *fp)
{
  g_autoptr(CliTable) t = cli_table_new (7);

  t->columns[0] = "sku";
  t->columns[1] = "rank";
  t->columns[2] = "product_id";
  t->columns[3] = "product_sku";
  t->columns[4] = "product_name";
  t->columns[5] = "confidence_pct";
  t->columns[6] = "evidence";
  for (guint i = 0; i < all->len && (limit < 0 || i < (guint64) limit); i++)
    {
      const CiroSkuSuggestions *s = all->pdata[i];

      for (guint k = 0; k < MAX (s->suggestions->len, 1); k++)
        {
          CliValue *r = cli_table_add_row (t);
          const CiroSuggestion *g = k < s->suggestions->len ? s->suggestions->pdata[k] : NULL;

          r[0].s = g_strdup (s->sku);
          if (g == NULL)
            {
              for (guint c = 1; c < 7; c++)
                r[c].kind = CLI_NULL;
              continue;
            }
          r[1] = (CliValue) { CLI_INT, k + 1, 0, NULL };
          r[2] = (CliValue) { CLI_ID, g->product_id, 0, NULL };
          r[3].s = g_strdup (g->product_sku);
          r[4].s = g_strdup (g->product_name);
          r[5] = (CliValue) { CLI_INT, g->percent, 0, NULL };
          {
            GString *ev = g_string_new (NULL);
            for (guint e = 0; e < g->evidence->len; e++)
              {
                const CiroEvidence *x = &g_array_index (g->evidence, CiroEvidence, e);
                g_string_append_printf (ev, "%s%s:%s", e ? " " : "", evidence_key (x->kind), x->detail);
              }
            r[6].s = g_string_free (ev, FALSE);
          }
        }
    }
  cli_print_table (t, CLI_FORMAT_CSV, fp);
}

int
cli_unmatched_suggest (CiroStore *store, CliFormat format, gint64 limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = ciro_suggest_mappings (store, NULL, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  if (all == NULL)
    return store_fail (error);
  if (format == CLI_FORMAT_CSV)
    {
      suggestions_csv (all, limit, stdout);
      return EXIT_OK;
    }
  if (format == CLI_FORMAT_JSON)
    suggestions_json (all, limit, out);
  else
    suggestions_text (all, limit, out);
  fputs (out->str, stdout);
  return EXIT_OK;
}

static void
changes_json (GPtrArray *changes, GHashTable *names, GString *out)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < changes->len; i++)
    {
      const CiroMappingChange *c = changes->pdata[i];
      g_autofree char *revenue = ciro_money_to_decimal (c->revenue);
      g_autofree char *costed = ciro_money_to_decimal (c->costed_revenue);

      g_string_append (out, i ? ",\n {\"sku\": " : "\n {\"sku\": ");
      cli_json_string (out, c->sku);
      g_string_append_printf (out, ", \"product_id\": %" G_GINT64_FORMAT ", \"product_name\": ", c->product_id);
      cli_json_string (out, names ? g_hash_table_lookup (names, c->sku) : NULL);
      g_string_append_printf (out, ", \"lines\": %" G_GINT64_FORMAT ", \"units\": %" G_GINT64_FORMAT
                              ", \"revenue\": %s, \"costed_lines\": %" G_GINT64_FORMAT ", \"costed_revenue\": %s}",
                              c->lines, c->units, revenue, c->costed_lines, costed);
    }
  g_string_append (out, changes->len ? "\n]\n" : "]\n");
}

int
cli_unmatched_accept (CiroStore *store, guint min_percent, CliFormat format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = ciro_suggest_mappings (store, NULL, &error);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) out = g_string_new (NULL);
  CiroKurus costed = 0;
  gint64 lines = 0;

  if (all == NULL || !ciro_suggest_accept_above (store, all, min_percent, &changes, &error))
    return store_fail (error);
  for (guint i = 0; i < all->len; i++)
    {
      const CiroSkuSuggestions *s = all->pdata[i];
      const CiroSuggestion *pick = ciro_sku_suggestions_pick (s, min_percent);
      if (pick != NULL)
        g_hash_table_insert (names, s->sku, pick->product_name);
    }
  if (format == CLI_FORMAT_JSON)
    {
      changes_json (changes, names, out);
      fputs (out->str, stdout);
      return EXIT_OK;
    }
  for (guint i = 0; i < changes->len; i++)
    {
      const CiroMappingChange *c = changes->pdata[i];
      g_autofree char *text = ciro_mapping_change_describe (c, g_hash_table_lookup (names, c->sku), ciro_number_style_from_locale ());
      g_string_append_printf (out, "%s\n", text);
      lines += c->costed_lines;
      costed += c->costed_revenue;
    }
  {
    CiroNumberStyle style = ciro_number_style_from_locale ();
    g_autofree char *money = ciro_money_format (costed, style);
    g_autofree char *pct = ciro_percent_format (min_percent, 0, style);
    g_autofree char *skus = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u SKU mapped", "%u SKUs mapped",
                                                          changes->len), changes->len);
    g_autofree char *count = ciro_count_format (lines, style);
    g_autofree char *moved = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s line", "%s lines", (gulong) lines),
                                              count);
    /* TRANSLATORS: "12 SKUs mapped at 80% or more: 140 lines, ₺9,120.00 now costed" */
    g_string_append_printf (out, _("%s at %s or more: %s, %s now costed\n"), skus, pct, moved, money);
  }
  fputs (out->str, stdout);
  return EXIT_OK;
}

int
cli_unmatched_import (CiroStore *store, const char *file, CliFormat format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroMappingImport) im = ciro_mappings_import_csv (store, file, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  if (im == NULL)
    return store_fail (error);
  if (format == CLI_FORMAT_JSON)
    {
      g_string_append_printf (out, "{\"imported\": %u, \"rejected\": [", im->imported);
      for (guint i = 0, n = 0; i < im->rows->len; i++)
        {
          const CiroMappingRow *r = &g_array_index (im->rows, CiroMappingRow, i);
          if (r->status == CIRO_MAPPING_ROW_OK)
            continue;
          g_string_append_printf (out, "%s{\"line\": %u, \"sku\": ", n++ ? ",\n  " : "\n  ", r->line);
          cli_json_string (out, r->sku);
          g_string_append (out, ", \"product_sku\": ");
          cli_json_string (out, r->product_sku);
          g_string_append_printf (out, ", \"reason\": \"%s\", \"message\": ", ciro_mapping_row_status_key (r->status));
          cli_json_string (out, ciro_mapping_row_status_message (r->status));
          g_string_append_c (out, '}');
        }
      g_string_append (out, im->rejected ? "\n]}\n" : "]}\n");
    }
  else
    {
      for (guint i = 0; i < im->rows->len; i++)
        {
          const CiroMappingRow *r = &g_array_index (im->rows, CiroMappingRow, i);
          if (r->status == CIRO_MAPPING_ROW_OK)
            continue;
          /* TRANSLATORS: "line 5: ESKI-KOD-1;KLM-3: the SKU is in an earlier row too" */
          g_string_append_printf (out, _("line %u: %s;%s: %s\n"), r->line, r->sku, r->product_sku,
                                  ciro_mapping_row_status_message (r->status));
        }
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u mapping imported", "%u mappings imported",
                                                im->imported), im->imported);
      g_string_append (out, "\n");
    }
  fputs (out->str, stdout);
  if (im->rejected > 0)
    return fail (EXIT_USAGE, g_dngettext (GETTEXT_PACKAGE, "%u row of %s was not imported",
                                          "%u rows of %s were not imported", im->rejected),
                 im->rejected, file);
  return EXIT_OK;
}

int
cli_unmatched_export (CiroStore *store, const char *file)
{
  g_autoptr(GError) error = NULL;
  gint64 n = ciro_mappings_export_csv (store, file, &error);

  if (n < 0)
    return error->domain == G_FILE_ERROR ? fail (EXIT_STORE, "%s", error->message) : store_fail (error);
  printf (g_dngettext (GETTEXT_PACKAGE, "%lld mapping written to %s\n", "%lld mappings written to %s\n", (gulong) n),
          (long long) n, file);
  return EXIT_OK;
}
