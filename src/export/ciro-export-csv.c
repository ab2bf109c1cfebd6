/* ciro-export-csv.c: reports as CSV, written atomically
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-export"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
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
} Csv;

static void
field (CiroSink *sink, const char *text)
{
  Csv *c = (Csv *) sink;
  const char *t = text ? text : "";

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
  field (sink, d);
}

static void
integer (CiroSink *sink, gint64 v)
{
  char buf[32];
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, v);
  field (sink, buf);
}

static void
decimal (CiroSink *sink, double v)
{
  Csv *c = (Csv *) sink;
  char buf[64];
  g_snprintf (buf, sizeof buf, "%.2f", v);
  if (c->style == CIRO_NUMBER_STYLE_TURKISH)
    g_strdelimit (buf, ".", ',');
  field (sink, buf);
}

static void
date (CiroSink *sink, CiroDay day)
{
  char buf[11];
  field (sink, ciro_day_format (day, buf));
}

static void
datetime (CiroSink *sink, CiroDay day, gint32 seconds)
{
  g_autofree char *t = ciro_datetime_format (day, seconds);
  field (sink, t);
}

static void
empty (CiroSink *sink)
{
  field (sink, "");
}

static void
header (CiroSink *sink, const char * const *names)
{
  for (guint i = 0; names[i]; i++)
    field (sink, _(names[i]));
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
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  Csv c = {
    { header, field, integer, money, money, decimal, date, datetime, empty, end_row, FALSE },
    NULL, style == CIRO_NUMBER_STYLE_TURKISH ? ';' : ',', style, 0,
  };
  gboolean ok;
  int fd;

  g_return_val_if_fail (CIRO_IS_STORE (store), FALSE);

  fd = g_mkstemp (tmpl);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE,
                   _("Cannot write in %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  c.fp = fdopen (fd, "w");
  fputs ("\xef\xbb\xbf", c.fp);   /* the BOM that makes Excel read UTF-8 */

  ok = ciro_export_write_report (&c.sink, store, kind, filter, cancellable, error);

  if (ok && (c.sink.failed || fflush (c.fp) != 0 || fsync (fileno (c.fp)) != 0))
    {
      int saved = errno;
      g_set_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE,
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  if (fclose (c.fp) != 0 && ok)
    {
      int saved = errno;
      g_set_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE,
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  /* mkstemp made it private; an export is an ordinary document */
  if (ok)
    g_chmod (tmpl, 0644);
  if (ok && g_rename (tmpl, path) != 0)
    {
      int saved = errno;
      g_set_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE,
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmpl);
  return ok;
}
