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
