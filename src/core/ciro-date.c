/* ciro-date.c: calendar days and wall times in Europe/Istanbul
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ciro-date.h"
#include "ciro-error.h"

/* Days from civil (H. Hinnant's well-known algorithm, restated). */
static gint64
days_from_civil (gint64 y, int m, int d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static gboolean
is_leap (int y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month (int y, int m)
{
  static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  return m == 2 && is_leap (y) ? 29 : n[m - 1];
}

CiroDay
ciro_day_from_ymd (int y, int m, int d)
{
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month (y, m))
    return CIRO_DAY_INVALID;
  return (CiroDay) days_from_civil (y, m, d);
}

void
ciro_day_to_ymd (CiroDay day, int *y, int *m, int *d)
{
  gint64 z = (gint64) day + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 yy = yoe + era * 400;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  int dd = (int) (doy - (153 * mp + 2) / 5 + 1);
  int mm = (int) (mp < 10 ? mp + 3 : mp - 9);

  if (y)
    *y = (int) (yy + (mm <= 2));
  if (m)
    *m = mm;
  if (d)
    *d = dd;
}

int
ciro_day_weekday (CiroDay day)
{
  /* 1970-01-01 was a Thursday (3 when Monday is 0). */
  int w = (int) (((gint64) day + 3) % 7);
  return w < 0 ? w + 7 : w;
}

gint32
ciro_day_month (CiroDay day)
{
  int y, m;
  ciro_day_to_ymd (day, &y, &m, NULL);
  return y * 12 + (m - 1);
}

CiroDay
ciro_month_first_day (gint32 month)
{
  if (month < 12 || month > 9999 * 12 + 11)
    return CIRO_DAY_INVALID;
  return ciro_day_from_ymd (month / 12, month % 12 + 1, 1);
}

CiroDay
ciro_month_last_day (gint32 month)
{
  int y = month / 12, m = month % 12 + 1;

  if (month < 12 || month > 9999 * 12 + 11)
    return CIRO_DAY_INVALID;
  return ciro_day_from_ymd (y, m, days_in_month (y, m));
}

static gboolean
read_digits (const char **p, int n, int *out)
{
  int v = 0;
  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

static gboolean
parse_ymd (const char **p, CiroDay *out)
{
  int y, m, d;
  if (!read_digits (p, 4, &y) || **p != '-' || (++*p, !read_digits (p, 2, &m)) ||
      **p != '-' || (++*p, !read_digits (p, 2, &d)))
    return FALSE;
  *out = ciro_day_from_ymd (y, m, d);
  return *out != CIRO_DAY_INVALID;
}

gboolean
ciro_day_parse (const char *text, CiroDay *out, GError **error)
{
  const char *p = text;

  if (text == NULL || !parse_ymd (&p, out) || *p != '\0')
    {
      *out = CIRO_DAY_INVALID;
      g_set_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_INVALID,
                   "“%s” is not a date (YYYY-MM-DD)", text ? text : "");
      return FALSE;
    }
  return TRUE;
}

char *
ciro_day_format (CiroDay day, char buf[11])
{
  int y, m, d;
  ciro_day_to_ymd (day, &y, &m, &d);
  g_snprintf (buf, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
  return buf;
}

char *
ciro_day_to_string (CiroDay day)
{
  char buf[11];
  return g_strdup (ciro_day_format (day, buf));
}

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return p;
}

gboolean
ciro_datetime_parse (const char *text,
                     CiroDay    *day,
                     gint32     *seconds,
                     GError    **error)
{
  const char *p = text;
  int hh = 0, mm = 0, ss = 0;

  g_return_val_if_fail (day != NULL && seconds != NULL, FALSE);

  if (text == NULL)
    goto fail;
  p = skip_blanks (p);
  if (!parse_ymd (&p, day))
    goto fail;
  /* A date alone is midnight; a separator must be followed by a time, so
   * that "2025-10-17 " is still the date with trailing blanks. */
  if ((*p == ' ' || *p == 'T') && g_ascii_isdigit (p[1]))
    {
      p++;
      if (!read_digits (&p, 2, &hh) || *p != ':')
        goto fail;
      p++;
      if (!read_digits (&p, 2, &mm))
        goto fail;
      if (*p == ':')
        {
          p++;
          if (!read_digits (&p, 2, &ss))
            goto fail;
          if (*p == '.' && g_ascii_isdigit (p[1]))
            {
              p++;
              while (g_ascii_isdigit (*p))
                p++;
            }
        }
    }
  p = skip_blanks (p);
  if (*p != '\0' || hh > 23 || mm > 59 || ss > 59)
    goto fail;
  *seconds = hh * 3600 + mm * 60 + ss;
  return TRUE;

fail:
  *day = CIRO_DAY_INVALID;
  *seconds = 0;
  g_set_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_INVALID,
               "“%s” is not a date and time (YYYY-MM-DD HH:MM:SS)", text ? text : "");
  return FALSE;
}

char *
ciro_datetime_format (CiroDay day, gint32 seconds)
{
  char buf[11];
  return g_strdup_printf ("%s %02d:%02d:%02d", ciro_day_format (day, buf),
                          seconds / 3600, seconds / 60 % 60, seconds % 60);
}

void
ciro_from_unix (gint64 unix_utc, CiroDay *day, gint32 *seconds)
{
  gint64 local = unix_utc + CIRO_ISTANBUL_UTC_OFFSET_SECONDS;
  gint64 d = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);

  *day = (CiroDay) d;
  *seconds = (gint32) (local - d * 86400);
}

GDateTime *
ciro_datetime_from_unix (gint64 unix_utc)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (CIRO_ISTANBUL_UTC_OFFSET_SECONDS);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_utc);

  return utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
}

gint64
ciro_to_unix (CiroDay day, gint32 seconds)
{
  return (gint64) day * 86400 + seconds - CIRO_ISTANBUL_UTC_OFFSET_SECONDS;
}

void
ciro_now (CiroDay *day, gint32 *seconds)
{
  const char *env = g_getenv ("CIRO_NOW");
  CiroDay d;
  gint32 s;

  if (env != NULL && *env != '\0')
    {
      if (ciro_datetime_parse (env, &d, &s, NULL))
        goto out;
      g_debug ("CIRO_NOW=“%s” is not YYYY-MM-DD HH:MM:SS; using the clock", env);
    }
  ciro_from_unix (g_get_real_time () / G_USEC_PER_SEC, &d, &s);

out:
  if (day)
    *day = d;
  if (seconds)
    *seconds = s;
}

CiroDay
ciro_today (void)
{
  CiroDay d;
  gint32 s;
  ciro_now (&d, &s);
  return d;
}
