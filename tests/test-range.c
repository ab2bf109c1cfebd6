/* test-range.c: range presets against GDate's calendar
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "analytics/ciro-range.h"
#include "core/ciro-date.h"

static char *
gdate_str (GDate *d)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (d), g_date_get_month (d), g_date_get_day (d));
}

static void
check_day (CiroDay day, GDate *expected)
{
  g_autofree char *a = ciro_day_to_string (day);
  g_autofree char *b = gdate_str (expected);
  g_assert_cmpstr (a, ==, b);
}

/* Every preset on every day of 2023–2025 (a leap year inside), checked
 * against GLib's own calendar. */
static void
test_presets (void)
{
  GDate *start = g_date_new_dmy (1, G_DATE_JANUARY, 2023);
  GDate *end = g_date_new_dmy (31, G_DATE_DECEMBER, 2025);

  for (GDate *d = g_date_copy (start); g_date_compare (d, end) <= 0; g_date_add_days (d, 1))
    {
      g_autofree char *s = gdate_str (d);
      CiroDay today, from, to;
      GDate *f = g_date_copy (d), *t = g_date_copy (d);

      g_assert_true (ciro_day_parse (s, &today, NULL));

      g_assert_true (ciro_range_resolve (CIRO_RANGE_LAST_7_DAYS, today, &from, &to));
      g_date_subtract_days (f, 6);
      check_day (from, f), check_day (to, d);

      g_assert_true (ciro_range_resolve (CIRO_RANGE_LAST_90_DAYS, today, &from, &to));
      g_date_set_julian (f, g_date_get_julian (d)), g_date_subtract_days (f, 89);
      check_day (from, f);
      g_assert_cmpint (to - from + 1, ==, 90);

      g_assert_true (ciro_range_resolve (CIRO_RANGE_THIS_MONTH, today, &from, &to));
      g_date_set_dmy (f, 1, g_date_get_month (d), g_date_get_year (d));
      check_day (from, f), check_day (to, d);

      g_assert_true (ciro_range_resolve (CIRO_RANGE_LAST_MONTH, today, &from, &to));
      g_date_set_dmy (f, 1, g_date_get_month (d), g_date_get_year (d));
      g_date_subtract_days (f, 1);                 /* last day of last month */
      check_day (to, f);
      g_date_set_dmy (t, 1, g_date_get_month (f), g_date_get_year (f));
      check_day (from, t);

      g_assert_true (ciro_range_resolve (CIRO_RANGE_THIS_YEAR, today, &from, &to));
      g_date_set_dmy (f, 1, G_DATE_JANUARY, g_date_get_year (d));
      check_day (from, f), check_day (to, d);

      g_assert_false (ciro_range_resolve (CIRO_RANGE_CUSTOM, today, &from, &to));
      g_date_free (f), g_date_free (t);
      if (g_date_compare (d, end) == 0)
        {
          g_date_free (d);
          break;
        }
    }
  g_date_free (start);
  g_date_free (end);
}

static void
test_previous (void)
{
  CiroDay from, to, pf, pt;

  /* March 2024 (31 days) is compared with the 31 days before it, which
   * start on 2024-01-30 because February 2024 has 29 days. */
  g_assert_true (ciro_day_parse ("2024-03-01", &from, NULL));
  g_assert_true (ciro_day_parse ("2024-03-31", &to, NULL));
  ciro_range_previous (from, to, &pf, &pt);
  {
    g_autofree char *a = ciro_day_to_string (pf);
    g_autofree char *b = ciro_day_to_string (pt);
    g_assert_cmpstr (a, ==, "2024-01-30");
    g_assert_cmpstr (b, ==, "2024-02-29");
  }
  /* one day against the day before */
  ciro_range_previous (to, to, &pf, &pt);
  g_assert_cmpint (pf, ==, to - 1);
  g_assert_cmpint (pt, ==, to - 1);
}

static void
test_ids (void)
{
  CiroRangePreset p;
  CiroDay from, to, f2, t2;
  g_autofree char *id = NULL;

  for (guint i = 0; i < CIRO_RANGE_N_PRESETS; i++)
    {
      g_assert_true (ciro_range_preset_from_id (ciro_range_preset_id (i), &p));
      g_assert_cmpint (p, ==, i);
      g_assert_nonnull (ciro_range_preset_label (i));
    }
  g_assert_false (ciro_range_preset_from_id ("yesterday", &p));
  g_assert_false (ciro_range_preset_from_id (NULL, &p));

  g_assert_true (ciro_day_parse ("2025-11-11", &from, NULL));
  g_assert_true (ciro_day_parse ("2026-01-05", &to, NULL));
  id = ciro_range_custom_to_id (from, to);
  g_assert_cmpstr (id, ==, "custom:2025-11-11:2026-01-05");
  g_assert_true (ciro_range_preset_from_id (id, &p));
  g_assert_cmpint (p, ==, CIRO_RANGE_CUSTOM);
  g_assert_true (ciro_range_custom_from_id (id, &f2, &t2));
  g_assert_cmpint (f2, ==, from);
  g_assert_cmpint (t2, ==, to);
  /* reversed, malformed, truncated */
  g_assert_false (ciro_range_custom_from_id ("custom:2026-01-05:2025-11-11", &f2, &t2));
  g_assert_false (ciro_range_custom_from_id ("custom:2026-01-05-2025-11-11", &f2, &t2));
  g_assert_false (ciro_range_custom_from_id ("custom:2026-01-05:2025-11", &f2, &t2));
  g_assert_false (ciro_range_custom_from_id ("custom:2026-02-30:2026-03-01", &f2, &t2));
}

static void
test_change (void)
{
  g_assert_cmpfloat_with_epsilon (ciro_change_pct (150, 100), 50.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (ciro_change_pct (50, 100), -50.0, 1e-9);
  /* a loss that shrinks is an improvement */
  g_assert_cmpfloat_with_epsilon (ciro_change_pct (-50, -100), 50.0, 1e-9);
  g_assert_true (isnan (ciro_change_pct (10, 0)));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/range/presets", test_presets);
  g_test_add_func ("/range/previous", test_previous);
  g_test_add_func ("/range/ids", test_ids);
  g_test_add_func ("/range/change", test_change);
  return g_test_run ();
}
