/* ciro-cli-output.c: JSON, CSV and table writers for ciro-cli
 *
 * JSON is written by hand so money keeps exactly two decimals computed from
 * integer kuruş (a double would print 1249.8999…).
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/ciro-money.h"
#include "ciro-cli-private.h"

void
cli_json_string (GString *out, const char *s)
{
  if (s == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_pct (GString *out, double v)
{
  /* Two decimals, no "-0.00"; never printf's, which follows LC_NUMERIC
   * and wrote "38,48" into the JSON under a Turkish locale */
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double r = round (v * 100.0) / 100.0;
  if (r == 0)
    r = 0;
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.2f", r));
}

void
cli_value_json (GString *out, const CliValue *v)
{
  switch (v->kind)
    {
    case CLI_INT:
    case CLI_ID:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, v->i);
      break;
    case CLI_MONEY:
      {
        g_autofree char *d = ciro_money_to_decimal (v->i);
        g_string_append (out, d);
      }
      break;
    case CLI_PCT:
    case CLI_REAL:
      /* JSON has no NaN or Infinity: both mean "no figure" */
      if (!isfinite (v->d))
        g_string_append (out, "null");
      else
        append_pct (out, v->d);
      break;
    case CLI_BOOL:
      g_string_append (out, v->i ? "true" : "false");
      break;
    case CLI_NULL:
      g_string_append (out, "null");
      break;
    case CLI_TEXT:
    default:
      cli_json_string (out, v->s);
      break;
    }
}

static void
csv_field (GString *out, const char *s)
{
  if (s == NULL)
    return;
  if (strpbrk (s, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = s; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, s);
}

char *
cli_value_text (const CliValue *v, gboolean for_people)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();

  switch (v->kind)
    {
    case CLI_ID:
      return g_strdup_printf ("%" G_GINT64_FORMAT, v->i);
    case CLI_INT:
      return for_people ? ciro_count_format (v->i, style) : g_strdup_printf ("%" G_GINT64_FORMAT, v->i);
    case CLI_MONEY:
      return for_people ? ciro_money_format (v->i, style) : ciro_money_to_decimal (v->i);
    case CLI_PCT:
      if (!isfinite (v->d))
        return g_strdup (for_people ? "—" : "");
      if (for_people)
        return ciro_percent_format (v->d, 1, style);
      {
        GString *s = g_string_new (NULL);
        append_pct (s, v->d);
        return g_string_free (s, FALSE);
      }
    case CLI_REAL:
      if (!isfinite (v->d))
        return g_strdup (for_people ? "∞" : "");
      if (for_people)
        return ciro_number_format (v->d, 1, style);
      {
        GString *s = g_string_new (NULL);
        append_pct (s, v->d);
        return g_string_free (s, FALSE);
      }
    case CLI_BOOL:
      return g_strdup (v->i ? (for_people ? "✓" : "true") : (for_people ? "" : "false"));
    case CLI_NULL:
      return g_strdup (for_people ? "—" : "");
    case CLI_TEXT:
    default:
      return g_strdup (v->s ? v->s : "");
    }
}

void
cli_table_free (CliTable *t)
{
  if (t == NULL)
    return;
  for (guint r = 0; r < t->rows->len; r++)
    {
      CliValue *row = t->rows->pdata[r];
      for (guint c = 0; c < t->n_columns; c++)
        g_free (row[c].s);
      g_free (row);
    }
  g_ptr_array_unref (t->rows);
  g_free (t->columns);
  g_free (t->labels);
  g_free (t);
}

CliTable *
cli_table_new (guint n_columns)
{
  CliTable *t = g_new0 (CliTable, 1);
  t->n_columns = n_columns;
  t->columns = g_new0 (const char *, n_columns);
  t->labels = g_new0 (const char *, n_columns);
  t->rows = g_ptr_array_new ();
  return t;
}

CliValue *
cli_table_add_row (CliTable *t)
{
  CliValue *row = g_new0 (CliValue, t->n_columns);
  g_ptr_array_add (t->rows, row);
  return row;
}

/* Ends a table line without the padding an empty last cell leaves behind. */
static void
end_line (GString *out)
{
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
}

void
cli_print_table (CliTable *t, CliFormat format, FILE *fp)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (format == CLI_FORMAT_JSON)
    {
      g_string_append (out, "[");
      for (guint r = 0; r < t->rows->len; r++)
        {
          CliValue *row = t->rows->pdata[r];
          g_string_append (out, r ? ",\n  {" : "\n  {");
          for (guint c = 0; c < t->n_columns; c++)
            {
              if (c)
                g_string_append (out, ", ");
              cli_json_string (out, t->columns[c]);
              g_string_append (out, ": ");
              cli_value_json (out, &row[c]);
            }
          g_string_append (out, "}");
        }
      g_string_append (out, t->rows->len ? "\n]\n" : "]\n");
    }
  else if (format == CLI_FORMAT_CSV)
    {
      for (guint c = 0; c < t->n_columns; c++)
        {
          if (c)
            g_string_append_c (out, ',');
          csv_field (out, t->columns[c]);
        }
      g_string_append (out, "\r\n");
      for (guint r = 0; r < t->rows->len; r++)
        {
          CliValue *row = t->rows->pdata[r];
          for (guint c = 0; c < t->n_columns; c++)
            {
              g_autofree char *text = cli_value_text (&row[c], FALSE);
              if (c)
                g_string_append_c (out, ',');
              /* text a spreadsheet would run as a formula (a buyer named
               * "=HYPERLINK(…)") starts with an apostrophe; numbers,
               * negative ones too, are never text */
              if (row[c].kind == CLI_TEXT && text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
                {
                  g_autofree char *safe = g_strconcat ("'", text, NULL);
                  csv_field (out, safe);
                }
              else
                csv_field (out, text);
            }
          g_string_append (out, "\r\n");
        }
    }
  else
    {
      g_autofree guint *width = g_new0 (guint, t->n_columns);
      GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

      for (guint c = 0; c < t->n_columns; c++)
        width[c] = (guint) g_utf8_strlen (t->labels[c] ? t->labels[c] : t->columns[c], -1);
      for (guint r = 0; r < t->rows->len; r++)
        for (guint c = 0; c < t->n_columns; c++)
          {
            char *text = cli_value_text (&((CliValue *) t->rows->pdata[r])[c], TRUE);
            width[c] = MAX (width[c], (guint) g_utf8_strlen (text, -1));
            g_ptr_array_add (cells, text);
          }
      for (guint c = 0; c < t->n_columns; c++)
        {
          const char *l = t->labels[c] ? t->labels[c] : t->columns[c];
          g_string_append (out, l);
          for (guint k = (guint) g_utf8_strlen (l, -1); k < width[c] + 2 && c + 1 < t->n_columns; k++)
            g_string_append_c (out, ' ');
        }
      end_line (out);
      for (guint r = 0; r < t->rows->len; r++)
        {
          for (guint c = 0; c < t->n_columns; c++)
            {
              CliValue *v = &((CliValue *) t->rows->pdata[r])[c];
              const char *text = cells->pdata[r * t->n_columns + c];
              guint pad = width[c] - (guint) g_utf8_strlen (text, -1);
              gboolean right = v->kind != CLI_TEXT;

              if (right)
                for (guint k = 0; k < pad; k++)
                  g_string_append_c (out, ' ');
              g_string_append (out, text);
              if (c + 1 < t->n_columns)
                {
                  if (!right)
                    for (guint k = 0; k < pad; k++)
                      g_string_append_c (out, ' ');
                  g_string_append (out, "  ");
                }
            }
          end_line (out);
        }
      g_ptr_array_unref (cells);
    }
  fputs (out->str, fp);
}
