/* ciro-cli-baskets.c: ciro-cli report baskets (insights.md §5)
 *
 * JSON: an array of objects, the pairs then the triples, each with
 * product_ids (sorted), skus and names (arrays in the same order), count,
 * support, confidence_ab, confidence_ba and lift; a triple has no
 * confidences (null) and the lowest lift over its splits. CSV and the
 * table join the products with " + ".
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "analytics/ciro-baskets.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-money.h"
#include "ciro-cli-private.h"

enum { COL_IDS, COL_SKUS, COL_NAMES, COL_COUNT, COL_SUPPORT, COL_CONF_AB, COL_CONF_BA, COL_LIFT, N_COLS };

static const char *keys[N_COLS] = {
  "product_ids", "skus", "names", "count", "support", "confidence_ab", "confidence_ba", "lift",
};

/* ids, SKUs, names, orders, support, confidence of "bought the first, also
 * bought the second" and the other way round, lift */

static const char *labels[N_COLS] = {
  NULL, N_("SKUs"), N_("Products"), N_("Orders"), N_("Support"), N_("Confidence A→B"),
  N_("Confidence B→A"), N_("Lift"),
};

/* Support, confidence and lift with four decimals: a support of 0.3 %
 * would print as 0.00 with the two decimals of money. */
static void
append_ratio (GString *out, double d)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (d))
    g_string_append (out, "null");
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.4f", d));
}

static void
json_set (GString *out, const CiroBaskets *b, const CiroBasketSet *s)
{
  g_string_append (out, "{\"product_ids\":[");
  for (guint i = 0; i < s->size; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? "," : "", s->items[i]);
  for (guint k = 0; k < 2; k++)
    {
      g_string_append (out, k == 0 ? "],\"skus\":[" : "],\"names\":[");
      for (guint i = 0; i < s->size; i++)
        {
          const CiroBasketProduct *p = ciro_baskets_product (b, s->items[i]);
          if (i > 0)
            g_string_append_c (out, ',');
          cli_json_string (out, p == NULL ? "" : k == 0 ? p->sku : p->name);
        }
    }
  g_string_append_printf (out, "],\"count\":%" G_GINT64_FORMAT ",\"support\":", s->count);
  append_ratio (out, s->support);
  for (guint k = 0; k < 2; k++)
    {
      g_string_append (out, k == 0 ? ",\"confidence_ab\":" : ",\"confidence_ba\":");
      append_ratio (out, s->size == 2 ? s->confidence[k == 0 ? 1 : 0] : NAN);
    }
  g_string_append (out, ",\"lift\":");
  append_ratio (out, s->lift);
  g_string_append_c (out, '}');
}

/* A fraction as a figure: a percentage for people, else the fraction
 * with four decimals, as in JSON. */
static CliValue
share (double d, gboolean people)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (people)
    return (CliValue) { CLI_PCT, 0, d * 100.0, NULL };
  append_ratio (s, d);
  return (CliValue) { CLI_TEXT, 0, 0, g_strdup (s->str) };
}

/* People know the products by SKU and name: their table has no ids. */
static void
add_rows (CliTable *t, const CiroBaskets *b, GArray *sets, gint64 limit, gboolean people)
{
  guint skip = people ? 1 : 0;

  for (guint i = 0; i < sets->len && (limit < 0 || i < limit); i++)
    {
      const CiroBasketSet *s = &g_array_index (sets, CiroBasketSet, i);
      CliValue r[N_COLS] = { { 0 } }, *row = cli_table_add_row (t);
      GString *ids = g_string_new (NULL);

      for (guint j = 0; j < s->size; j++)
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, j ? " + " : "", s->items[j]);
      r[COL_IDS].kind = CLI_TEXT;
      r[COL_IDS].s = g_string_free (ids, FALSE);
      r[COL_SKUS].kind = CLI_TEXT;
      r[COL_SKUS].s = ciro_basket_set_skus (b, s);
      r[COL_NAMES].kind = CLI_TEXT;
      r[COL_NAMES].s = ciro_basket_set_names (b, s);
      r[COL_COUNT] = (CliValue) { CLI_INT, s->count, 0, NULL };
      r[COL_SUPPORT] = share (s->support, people);
      r[COL_CONF_AB] = s->size == 2 ? share (s->confidence[1], people) : (CliValue) { CLI_NULL, 0, 0, NULL };
      r[COL_CONF_BA] = s->size == 2 ? share (s->confidence[0], people) : (CliValue) { CLI_NULL, 0, 0, NULL };
      /* two decimals for people: 1.45 is no bundle, 1.5 is */
      r[COL_LIFT] = people ? (CliValue) { CLI_TEXT, 0, 0, ciro_number_format (s->lift, 2, ciro_number_style_from_locale ()) }
                           : share (s->lift, FALSE);
      for (guint c = skip; c < N_COLS; c++)
        row[c - skip] = r[c];
      for (guint c = 0; c < skip; c++)
        g_free (r[c].s);
    }
}

static CliTable *
new_table (gboolean people)
{
  guint skip = people ? 1 : 0;
  CliTable *t = cli_table_new (N_COLS - skip);

  for (guint c = skip; c < N_COLS; c++)
    {
      t->columns[c - skip] = keys[c];
      t->labels[c - skip] = people ? _(labels[c]) : NULL;
    }
  return t;
}

static gboolean
parse_number (const char *text, const char *option, guint64 min, guint64 max, guint64 *out)
{
  g_autoptr(GError) error = NULL;

  if (!g_ascii_string_to_unsigned (text, 10, min, max, out, &error))
    {
      fprintf (stderr, "ciro-cli: ");
      fprintf (stderr, _("%s: expected a whole number from %u to %u\n"), option, (guint) min, (guint) max);
      return FALSE;
    }
  return TRUE;
}

int
cli_report_baskets (CiroStore              *store,
                    const CiroReportFilter *f,
                    const char             *min_count,
                    const char             *size,
                    const char             *product_sku,
                    const char             *sort,
                    gint64                  limit,
                    CliFormat               format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroBaskets) b = NULL;
  CiroBasketOptions o = { CIRO_BASKETS_DEFAULT_MIN_COUNT, 3, 0 };
  gboolean people = format == CLI_FORMAT_TABLE;
  guint64 v;
  guint first = 2, last = 3;

  if (min_count != NULL)
    {
      if (!parse_number (min_count, "--min-count", 1, G_MAXINT32, &v))
        return 2;
      o.min_count = (guint) v;
    }
  if (size != NULL)
    {
      if (!parse_number (size, "--size", 2, 3, &v))
        return 2;
      first = last = (guint) v;
      o.max_size = (guint) v;
    }
  if (sort != NULL && !g_str_equal (sort, "count") && !g_str_equal (sort, "lift"))
    {
      fprintf (stderr, "ciro-cli: ");
      fprintf (stderr, _("unknown sort “%s” for baskets (count or lift)\n"), sort);
      return 2;
    }
  if (product_sku != NULL)
    {
      o.product = ciro_store_find_product_sku (store, product_sku, &error);
      if (o.product < 0)
        {
          fprintf (stderr, "ciro-cli: %s\n", error->message);
          return 4;
        }
      if (o.product == 0)
        {
          fprintf (stderr, "ciro-cli: ");
          fprintf (stderr, _("no product has the SKU “%s”\n"), product_sku);
          return 2;
        }
    }

  b = ciro_report_baskets (store, f, &o, &error);
  if (b == NULL)
    {
      fprintf (stderr, "ciro-cli: %s\n", error->message);
      return 4;
    }
  if (sort != NULL && g_str_equal (sort, "lift"))
    {
      ciro_baskets_sort (b->pairs, CIRO_BASKET_SORT_LIFT);
      ciro_baskets_sort (b->triples, CIRO_BASKET_SORT_LIFT);
    }

  if (format == CLI_FORMAT_JSON)
    {
      g_autoptr(GString) out = g_string_new ("[");
      guint n = 0;

      for (guint size_k = first; size_k <= last; size_k++)
        {
          GArray *sets = size_k == 2 ? b->pairs : b->triples;
          for (guint i = 0; i < sets->len && (limit < 0 || i < limit); i++)
            {
              g_string_append (out, n++ ? ",\n " : "");
              json_set (out, b, &g_array_index (sets, CiroBasketSet, i));
            }
        }
      g_string_append (out, "]\n");
      fputs (out->str, stdout);
      return 0;
    }
  if (!people)
    {
      g_autoptr(CliTable) t = new_table (FALSE);
      for (guint size_k = first; size_k <= last; size_k++)
        add_rows (t, b, size_k == 2 ? b->pairs : b->triples, limit, FALSE);
      cli_print_table (t, format, stdout);
      return 0;
    }
  {
    char x[11], y[11];
    printf ("%s — %s … %s%s%s\n", _("Bought together"), ciro_day_format (f->from, x), ciro_day_format (f->to, y),
            f->marketplace ? ", " : "", f->marketplace ? ciro_marketplace_display (f->marketplace) : "");
    CiroNumberStyle style = ciro_number_style_from_locale ();
    g_autofree char *n = ciro_count_format (b->transactions, style);
    g_autofree char *m = ciro_count_format (b->min_count, style);

    /* TRANSLATORS: "%s orders": a count; the itemsets listed are each in at least the second count of them */
    printf (g_dngettext (GETTEXT_PACKAGE, "%s order with a matched product, listed itemsets in at least %s of them\n\n",
                         "%s orders with a matched product, listed itemsets in at least %s of them\n\n",
                         (gulong) MIN (b->transactions, G_MAXLONG)),
            n, m);
  }
  for (guint size_k = first; size_k <= last; size_k++)
    {
      g_autoptr(CliTable) t = new_table (TRUE);
      GArray *sets = size_k == 2 ? b->pairs : b->triples;

      printf ("%s\n", size_k == 2 ? _("Pairs") : _("Triples"));
      if (sets->len == 0)
        {
          printf ("%s\n\n", _("None reach the minimum count."));
          continue;
        }
      add_rows (t, b, sets, limit, TRUE);
      cli_print_table (t, format, stdout);
      printf ("\n");
    }
  return 0;
}
