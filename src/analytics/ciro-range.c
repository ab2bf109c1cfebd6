/* ciro-range.c: date range presets and the comparison period
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-analytics"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "core/ciro-date.h"
#include "ciro-range.h"

static const struct {
  const char *id;
  const char *label;
} presets[CIRO_RANGE_N_PRESETS] = {
  { "last-7-days", N_("Last 7 Days") },
  { "last-30-days", N_("Last 30 Days") },
  { "last-90-days", N_("Last 90 Days") },
  { "this-month", N_("This Month") },
  { "last-month", N_("Last Month") },
  { "this-year", N_("This Year") },
  { "custom", N_("Custom Range") },
};

const char *
ciro_range_preset_id (CiroRangePreset preset)
{
  g_return_val_if_fail (preset < CIRO_RANGE_N_PRESETS, NULL);
  return presets[preset].id;
}

const char *
ciro_range_preset_label (CiroRangePreset preset)
{
  g_return_val_if_fail (preset < CIRO_RANGE_N_PRESETS, NULL);
  return presets[preset].label;
}

gboolean
ciro_range_preset_from_id (const char *id, CiroRangePreset *out)
{
  if (id == NULL)
    return FALSE;
  if (g_str_has_prefix (id, "custom:"))
    {
      *out = CIRO_RANGE_CUSTOM;
      return TRUE;
    }
  for (guint i = 0; i < CIRO_RANGE_N_PRESETS; i++)
    if (g_str_equal (id, presets[i].id))
      {
        *out = (CiroRangePreset) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
ciro_range_resolve (CiroRangePreset preset, CiroDay today, CiroDay *from, CiroDay *to)
{
  gint32 month = ciro_day_month (today);
  int y, m, d;

  switch (preset)
    {
    case CIRO_RANGE_LAST_7_DAYS:
      *from = today - 6, *to = today;
      return TRUE;
    case CIRO_RANGE_LAST_30_DAYS:
      *from = today - 29, *to = today;
      return TRUE;
    case CIRO_RANGE_LAST_90_DAYS:
      *from = today - 89, *to = today;
      return TRUE;
    case CIRO_RANGE_THIS_MONTH:
      *from = ciro_month_first_day (month), *to = today;
      return TRUE;
    case CIRO_RANGE_LAST_MONTH:
      *from = ciro_month_first_day (month - 1), *to = ciro_month_last_day (month - 1);
      return TRUE;
    case CIRO_RANGE_THIS_YEAR:
      ciro_day_to_ymd (today, &y, &m, &d);
      *from = ciro_day_from_ymd (y, 1, 1), *to = today;
      return TRUE;
    case CIRO_RANGE_CUSTOM:
    case CIRO_RANGE_N_PRESETS:
    default:
      return FALSE;
    }
}

void
ciro_range_previous (CiroDay from, CiroDay to, CiroDay *prev_from, CiroDay *prev_to)
{
  CiroDay len = to - from + 1;

  *prev_to = from - 1;
  *prev_from = from - len;
}

static const char *basis_ids[CIRO_COMPARE_N_BASES] = { "previous", "last-year" };

const char *
ciro_compare_basis_id (CiroCompareBasis basis)
{
  g_return_val_if_fail (basis < CIRO_COMPARE_N_BASES, NULL);
  return basis_ids[basis];
}

gboolean
ciro_compare_basis_from_id (const char *id, CiroCompareBasis *out)
{
  for (guint i = 0; id != NULL && i < CIRO_COMPARE_N_BASES; i++)
    if (g_str_equal (id, basis_ids[i]))
      {
        *out = (CiroCompareBasis) i;
        return TRUE;
      }
  return FALSE;
}

CiroDay
ciro_day_year_earlier (CiroDay day)
{
  int y, m, d;

  ciro_day_to_ymd (day, &y, &m, &d);
  if (m == 2 && d == 29)
    d = 28;
  return ciro_day_from_ymd (y - 1, m, d);
}

CiroRangePreset
ciro_range_preset_of (CiroDay from, CiroDay to, CiroDay today)
{
  /* calendar names first: on 7 December, 1–7 Dec is "this month" */
  static const CiroRangePreset order[] = {
    CIRO_RANGE_THIS_MONTH, CIRO_RANGE_LAST_MONTH, CIRO_RANGE_THIS_YEAR,
    CIRO_RANGE_LAST_7_DAYS, CIRO_RANGE_LAST_30_DAYS, CIRO_RANGE_LAST_90_DAYS,
  };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      CiroDay f, t;
      if (ciro_range_resolve (order[i], today, &f, &t) && f == from && t == to)
        return order[i];
    }
  return CIRO_RANGE_CUSTOM;
}

static gboolean
is_whole_month (CiroDay from, CiroDay to)
{
  gint32 month = ciro_day_month (from);
  return from == ciro_month_first_day (month) && to == ciro_month_last_day (month);
}

void
ciro_range_compare (CiroRangePreset   preset,
                    CiroCompareBasis  basis,
                    CiroDay           from,
                    CiroDay           to,
                    CiroDay          *cmp_from,
                    CiroDay          *cmp_to)
{
  gint32 month = ciro_day_month (from);

  g_return_if_fail (from <= to);

  if (basis == CIRO_COMPARE_LAST_YEAR)
    {
      if (is_whole_month (from, to))
        {
          /* February 2025's 28 days against all 29 of February 2024 */
          *cmp_from = ciro_month_first_day (month - 12);
          *cmp_to = ciro_month_last_day (month - 12);
        }
      else
        {
          *cmp_from = ciro_day_year_earlier (from);
          *cmp_to = ciro_day_year_earlier (to);
        }
      return;
    }

  switch (preset)
    {
    case CIRO_RANGE_THIS_MONTH:
      *cmp_from = ciro_month_first_day (month - 1);
      *cmp_to = MIN (*cmp_from + (to - from), ciro_month_last_day (month - 1));
      return;
    case CIRO_RANGE_LAST_MONTH:
      *cmp_from = ciro_month_first_day (month - 1);
      *cmp_to = ciro_month_last_day (month - 1);
      return;
    case CIRO_RANGE_THIS_YEAR:
      *cmp_from = ciro_day_year_earlier (from);
      *cmp_to = ciro_day_year_earlier (to);
      return;
    case CIRO_RANGE_LAST_7_DAYS:
    case CIRO_RANGE_LAST_30_DAYS:
    case CIRO_RANGE_LAST_90_DAYS:
    case CIRO_RANGE_CUSTOM:
    case CIRO_RANGE_N_PRESETS:
    default:
      ciro_range_previous (from, to, cmp_from, cmp_to);
      return;
    }
}

static char *
day_text (CiroDay day, gboolean with_month, gboolean with_year)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  ciro_day_to_ymd (day, &y, &m, &d);
  if (!with_month)
    return g_strdup_printf ("%d", d);
  dt = g_date_time_new_utc (y, m, d, 12, 0, 0);
  /* TRANSLATORS: a day in a range, e.g. "5 Nov" / "5 Nov 2025"; strftime format */
  return g_date_time_format (dt, with_year ? _("%-d %b %Y") : _("%-d %b"));
}

char *
ciro_range_text (CiroDay from, CiroDay to, CiroDay today)
{
  int fy, fm, ty, tm, ny, d;
  gboolean year;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  ciro_day_to_ymd (from, &fy, &fm, &d);
  ciro_day_to_ymd (to, &ty, &tm, &d);
  ciro_day_to_ymd (today, &ny, &d, &d);
  year = fy != ny || ty != ny;
  if (from == to)
    return day_text (from, TRUE, year);
  if (fy == ty && fm == tm)
    {
      a = day_text (from, FALSE, FALSE);
      b = day_text (to, TRUE, year);
      /* TRANSLATORS: days of one month, "1–5 Dec": the first day's number,
       * then the last day with its month */
      return g_strdup_printf (_("%s–%s"), a, b);
    }
  a = day_text (from, TRUE, fy != ty || year);
  b = day_text (to, TRUE, year);
  /* TRANSLATORS: a date range, "5 Nov – 4 Dec 2026" */
  return g_strdup_printf (_("%s – %s"), a, b);
}

char *
ciro_range_compare_text (CiroDay from, CiroDay to, CiroDay cmp_from, CiroDay cmp_to, CiroDay today)
{
  g_autofree char *a = ciro_range_text (from, to, today);
  g_autofree char *b = ciro_range_text (cmp_from, cmp_to, today);

  /* TRANSLATORS: the range shown and the one it is compared with,
   * "1–5 Dec · compared with 1–5 Nov" */
  return g_strdup_printf (_("%s · compared with %s"), a, b);
}

char *
ciro_range_custom_to_id (CiroDay from, CiroDay to)
{
  char a[11], b[11];
  return g_strdup_printf ("custom:%s:%s", ciro_day_format (from, a), ciro_day_format (to, b));
}

gboolean
ciro_range_custom_from_id (const char *id, CiroDay *from, CiroDay *to)
{
  char a[11], b[11];
  CiroDay f, t;

  if (id == NULL || !g_str_has_prefix (id, "custom:") || strlen (id) != 28 || id[17] != ':')
    return FALSE;
  memcpy (a, id + 7, 10), a[10] = '\0';
  memcpy (b, id + 18, 10), b[10] = '\0';
  if (!ciro_day_parse (a, &f, NULL) || !ciro_day_parse (b, &t, NULL) || f > t)
    return FALSE;
  *from = f, *to = t;
  return TRUE;
}

double
ciro_change_pct (double current, double previous)
{
  return previous != 0 ? (current - previous) / fabs (previous) * 100.0 : NAN;
}
