/* ciro-cli-ask.c: `ciro-cli ask "QUESTION"`
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "ciro-cli-private.h"
#include "analytics/ciro-ask.h"
#include "analytics/ciro-forecast.h"
#include "core/ciro-date.h"

static const char *
intent_id (CiroAskIntent intent)
{
  switch (intent)
    {
    case CIRO_ASK_METRIC: return "metric";
    case CIRO_ASK_COMPARE: return "compare";
    case CIRO_ASK_RANKING: return "ranking";
    case CIRO_ASK_STOCK: return "stock";
    case CIRO_ASK_FORECAST: return "forecast";
    case CIRO_ASK_UNKNOWN:
    default: return "unknown";
    }
}

static void
json_day (GString *out, CiroDay day)
{
  char buf[11];
  cli_json_string (out, day != CIRO_DAY_INVALID ? ciro_day_format (day, buf) : NULL);
}

/* money to kuruş exactly, other figures as they are */
static void
json_number (GString *out, gboolean has, double value, CiroValueKind kind)
{
  CliValue v = { CLI_NULL, 0, 0, NULL };

  if (has && isfinite (value))
    {
      if (kind == CIRO_VALUE_MONEY)
        v = (CliValue) { CLI_MONEY, (gint64) llround (value * 100.0), 0, NULL };
      else if (kind == CIRO_VALUE_COUNT)
        v = (CliValue) { CLI_INT, (gint64) llround (value), 0, NULL };
      else
        v = (CliValue) { CLI_PCT, 0, value, NULL };
    }
  cli_value_json (out, &v);
}

static void
print_json (const CiroAskAnswer *a, FILE *fp)
{
  const CiroAskQuery *q = a->query;
  gboolean known = q->intent != CIRO_ASK_UNKNOWN;
  g_autoptr(GString) out = g_string_new ("{\"intent\": ");

  cli_json_string (out, intent_id (q->intent));
  g_string_append (out, ", \"metric\": ");
  cli_json_string (out, known ? q->metric : NULL);
  g_string_append (out, ", \"from\": ");
  json_day (out, known ? q->from : CIRO_DAY_INVALID);
  g_string_append (out, ", \"to\": ");
  json_day (out, known ? q->to : CIRO_DAY_INVALID);
  g_string_append (out, ",\n \"marketplace\": ");
  cli_json_string (out, q->marketplace);
  g_string_append (out, ", \"compare_from\": ");
  json_day (out, q->compare_from);
  g_string_append (out, ", \"compare_to\": ");
  json_day (out, q->compare_to);
  g_string_append (out, ", \"sort\": ");
  cli_json_string (out, q->sort);
  g_string_append (out, ", \"limit\": ");
  if (q->limit > 0)
    g_string_append_printf (out, "%u", q->limit);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\n \"value\": ");
  json_number (out, a->has_value, a->value, a->kind);
  g_string_append (out, ", \"compare_value\": ");
  json_number (out, a->has_compare_value, a->compare_value, a->kind);
  g_string_append (out, ", \"change_pct\": ");
  json_number (out, !isnan (a->change_pct), a->change_pct, CIRO_VALUE_PERCENT);
  g_string_append (out, ",\n \"rows\": ");
  if (a->forecast != NULL)
    {
      g_string_append (out, "[");
      for (guint i = 0; i < a->forecast->len; i++)
        {
          const CiroForecastDay *d = &g_array_index (a->forecast, CiroForecastDay, i);
          g_string_append (out, i ? ",\n  {\"date\": " : "\n  {\"date\": ");
          json_day (out, d->date);
          g_string_append (out, ", \"value\": ");
          json_number (out, TRUE, d->value / 100.0, CIRO_VALUE_MONEY);
          g_string_append (out, ", \"low\": ");
          json_number (out, TRUE, d->low / 100.0, CIRO_VALUE_MONEY);
          g_string_append (out, ", \"high\": ");
          json_number (out, TRUE, d->high / 100.0, CIRO_VALUE_MONEY);
          g_string_append (out, "}");
        }
      g_string_append (out, a->forecast->len ? "\n ]" : "]");
    }
  else if (a->rows == NULL)
    g_string_append (out, "null");
  else
    {
      g_string_append (out, "[");
      for (guint i = 0; i < a->rows->len; i++)
        {
          const CiroAskRow *r = &g_array_index (a->rows, CiroAskRow, i);
          g_string_append (out, i ? ",\n  {\"key\": " : "\n  {\"key\": ");
          cli_json_string (out, r->key);
          g_string_append (out, ", \"label\": ");
          cli_json_string (out, r->label);
          g_string_append (out, ", \"value\": ");
          json_number (out, TRUE, r->value, r->kind);
          if (q->intent == CIRO_ASK_STOCK)
            {
              g_string_append (out, ", \"days_of_stock\": ");
              json_number (out, r->days_of_stock >= 0, r->days_of_stock, CIRO_VALUE_PERCENT);
            }
          g_string_append (out, "}");
        }
      g_string_append (out, a->rows->len ? "\n ]" : "]");
    }
  g_string_append (out, ",\n \"interpretation\": ");
  cli_json_string (out, a->interpretation);
  g_string_append (out, ",\n \"answer\": ");
  cli_json_string (out, a->answer);
  if (q->suggestions != NULL)
    {
      g_string_append (out, ",\n \"suggestions\": [");
      for (guint i = 0; i < q->suggestions->len; i++)
        {
          if (i)
            g_string_append (out, ", ");
          cli_json_string (out, q->suggestions->pdata[i]);
        }
      g_string_append (out, "]");
    }
  g_string_append (out, "}\n");
  fputs (out->str, fp);
}

static void
print_people (const CiroAskAnswer *a, CliFormat format, FILE *fp)
{
  const CiroAskQuery *q = a->query;

  if (format == CLI_FORMAT_TABLE)
    fprintf (fp, "%s\n%s\n", a->interpretation, a->answer);
  if (a->rows != NULL && a->rows->len > 0)
    {
      g_autoptr(CliTable) t = cli_table_new (3);
      t->columns[0] = "key";
      t->columns[1] = "label";
      t->columns[2] = "value";
      t->labels[0] = format != CLI_FORMAT_TABLE ? NULL
                   : q->rank_of == CIRO_ASK_RANK_MARKETPLACES ? _("Marketplace")
                   : q->rank_of == CIRO_ASK_RANK_CATEGORIES ? _("Category") : _("SKU");
      t->labels[1] = format != CLI_FORMAT_TABLE ? NULL
                   : q->rank_of == CIRO_ASK_RANK_PRODUCTS || q->intent == CIRO_ASK_STOCK ? _("Product") : _("Name");
      t->labels[2] = format == CLI_FORMAT_TABLE ? (q->intent == CIRO_ASK_STOCK ? _("Stock") : _("Value")) : NULL;
      for (guint i = 0; i < a->rows->len; i++)
        {
          const CiroAskRow *r = &g_array_index (a->rows, CiroAskRow, i);
          CliValue *v = cli_table_add_row (t);
          v[0].s = g_strdup (r->key);
          v[1].s = g_strdup (r->label);
          if (!isfinite (r->value))
            v[2].kind = CLI_NULL;
          else if (r->kind == CIRO_VALUE_MONEY)
            v[2] = (CliValue) { CLI_MONEY, (gint64) llround (r->value * 100.0), 0, NULL };
          else if (r->kind == CIRO_VALUE_COUNT)
            v[2] = (CliValue) { CLI_INT, (gint64) llround (r->value), 0, NULL };
          else
            v[2] = (CliValue) { CLI_PCT, 0, r->value, NULL };
        }
      if (format == CLI_FORMAT_TABLE)
        fputc ('\n', fp);
      cli_print_table (t, format, fp);
    }
  else if (format == CLI_FORMAT_CSV)
    fprintf (fp, "interpretation,answer\n\"%s\",\"%s\"\n", a->interpretation, a->answer);
}

int
cli_ask (CiroStore *store, const char *question, CliFormat format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroAskAnswer) a = ciro_ask (store, question, ciro_today (), &error);

  if (a == NULL)
    {
      fprintf (stderr, "ciro-cli: %s\n", error->message);
      return 4;
    }
  if (format == CLI_FORMAT_JSON)
    print_json (a, stdout);
  else
    print_people (a, format, stdout);
  return 0;
}
