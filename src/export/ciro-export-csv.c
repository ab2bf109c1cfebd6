/* ciro-export-csv.c: reports as CSV, written atomically
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-export"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "ciro-export-private.h"

typedef struct {
  CiroSink        sink;
  FILE           *fp;
  char            sep;
  CiroNumberStyle style;
  guint           column;
  guint           n_columns;
  CiroColumnKind  kinds[CIRO_EXPORT_MAX_COLUMNS];
} Csv;

static void
raw_field (Csv *c, const char *t)
{
  if (c->column++ > 0)
    fputc (c->sep, c->fp);
  if (strchr (t, c->sep) || strpbrk (t, "\"\r\n"))
    {
      fputc ('"', c->fp);
      for (const char *p = t; *p; p++)
        {
          if (*p == '"')
            fputc ('"', c->fp);
          fputc (*p, c->fp);
        }
      fputc ('"', c->fp);
    }
  else
    fputs (t, c->fp);
}

/* A code of digits with a leading zero (a phone, an order code) that a
 * spreadsheet would read as a number and strip. */
static gboolean
is_zero_led_number (const char *t)
{
  if (t[0] != '0' || t[1] == '\0')
    return FALSE;
  for (const char *p = t; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Text from buyers and the marketplaces goes into cells a spreadsheet may
 * run as a formula (=, +, -, @, a tab or a carriage return first): such a
 * cell starts with an apostrophe, which spreadsheets read as "this is
 * text". Numbers are written by the number functions and never pass here. */
static void
text (CiroSink *sink, const char *text)
{
  Csv *c = (Csv *) sink;
  const char *t = text ? text : "";
  CiroColumnKind kind = c->column < c->n_columns ? c->kinds[c->column] : CIRO_COLUMN_TEXT;

  if (strchr ("=+-@\t\r", t[0]) != NULL && t[0] != '\0')
    {
      g_autofree char *safe = g_strconcat ("'", t, NULL);
      raw_field (c, safe);
    }
  else if (kind == CIRO_COLUMN_CODE && is_zero_led_number (t))
    {
      /* ="0532…" is read as the text 0532… by Excel and LibreOffice alike */
      g_autofree char *kept = g_strdup_printf ("=\"%s\"", t);
      raw_field (c, kept);
    }
  else
    raw_field (c, t);
}

static void
end_row (CiroSink *sink)
{
  Csv *c = (Csv *) sink;
  fputs ("\r\n", c->fp);
  c->column = 0;
  if (ferror (c->fp))
    c->sink.failed = TRUE;
}

/* Plain numbers, no grouping: spreadsheets read them as numbers. */
static void
money (CiroSink *sink, CiroKurus v)
{
  Csv *c = (Csv *) sink;
  g_autofree char *d = ciro_money_to_decimal (v);
  if (c->style == CIRO_NUMBER_STYLE_TURKISH)
    g_strdelimit (d, ".", ',');
  raw_field (c, d);
}

static void
integer (CiroSink *sink, gint64 v)
{
  char buf[32];
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, v);
  raw_field ((Csv *) sink, buf);
}

static void
decimal (CiroSink *sink, double v)
{
  Csv *c = (Csv *) sink;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  gboolean days = c->column < c->n_columns && c->kinds[c->column] == CIRO_COLUMN_DAYS;

  /* the same rounding as every other output; never the C library's
   * locale-dependent printf. Days have one decimal. */
  if (days)
    g_ascii_formatd (buf, sizeof buf, "%.1f", ciro_export_round1 (v));
  else
    g_ascii_formatd (buf, sizeof buf, "%.2f", ciro_export_round2 (v));
  if (c->style == CIRO_NUMBER_STYLE_TURKISH)
    g_strdelimit (buf, ".", ',');
  raw_field (c, buf);
}

static void
date (CiroSink *sink, CiroDay day)
{
  char buf[11];
  raw_field ((Csv *) sink, ciro_day_format (day, buf));
}

static void
datetime (CiroSink *sink, CiroDay day, gint32 seconds)
{
  g_autofree char *t = ciro_datetime_format (day, seconds);
  raw_field ((Csv *) sink, t);
}

static void
empty (CiroSink *sink)
{
  raw_field ((Csv *) sink, "");
}

static void
header (CiroSink *sink, const CiroColumn *columns)
{
  Csv *c = (Csv *) sink;

  c->n_columns = 0;
  for (guint i = 0; columns[i].name; i++)
    {
      raw_field (c, _(columns[i].name));
      if (i < CIRO_EXPORT_MAX_COLUMNS)
        c->kinds[c->n_columns++] = columns[i].kind;
    }
  end_row (sink);
}

gboolean
ciro_export_csv (CiroStore              *store,
                 CiroExportKind          kind,
                 const CiroReportFilter *filter,
                 CiroNumberStyle         style,
                 const char             *path,
                 GCancellable           *cancellable,
                 GError                **error)
{
  Csv c = {
    { header, text, integer, money, decimal, decimal, date, datetime, empty, end_row, FALSE },
    NULL, style == CIRO_NUMBER_STYLE_TURKISH ? ';' : ',', style, 0, 0, { 0 },
  };
  CiroExportFile file;
  gboolean ok;
  int fd;

  g_return_val_if_fail (CIRO_IS_STORE (store), FALSE);

  if (!ciro_export_file_open (&file, path, error))
    return FALSE;
  /* the stream gets a descriptor of its own: the frame keeps its own to
   * flush and close */
  fd = dup (file.fd);
  c.fp = fd >= 0 ? fdopen (fd, "w") : NULL;
  if (c.fp == NULL)
    {
      int saved = errno;
      if (fd >= 0)
        close (fd);
      ciro_export_set_write_error (error, path, g_strerror (saved));
      ciro_export_file_abort (&file);
      return FALSE;
    }
  fputs ("\xef\xbb\xbf", c.fp);   /* the BOM that makes Excel read UTF-8 */

  ok = ciro_export_write_report (&c.sink, store, kind, filter, cancellable, error);

  if (ok && (c.sink.failed || fflush (c.fp) != 0 || ferror (c.fp)))
    {
      int saved = errno;
      ciro_export_set_write_error (error, path, g_strerror (saved));
      ok = FALSE;
    }
  if (fclose (c.fp) != 0 && ok)
    {
      int saved = errno;
      ciro_export_set_write_error (error, path, g_strerror (saved));
      ok = FALSE;
    }
  if (ok)
    return ciro_export_file_commit (&file, error);
  ciro_export_file_abort (&file);
  return FALSE;
}
