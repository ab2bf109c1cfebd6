/* test-range.c: range presets against GDate's calendar
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
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


static CiroDay
day (const char *text)
{
  CiroDay d;
  g_assert_true (ciro_day_parse (text, &d, NULL));
  return d;
}

/* One comparison rule, its days written out by hand. */
typedef struct {
  const char      *today;
  CiroRangePreset  preset;
  const char      *from, *to;        /* NULL: the preset's own days on `today` */
  CiroCompareBasis basis;
  const char      *want_from, *want_to;
} CompareCase;

static void
test_compare_rules (void)
{
  static const CompareCase cases[] = {
    /* this month → the same days of the month before */
    { "2026-12-05", CIRO_RANGE_THIS_MONTH, NULL, NULL, CIRO_COMPARE_PREVIOUS, "2026-11-01", "2026-11-05" },
    /* …capped at that month's end: 31 March against all of February */
    { "2025-03-31", CIRO_RANGE_THIS_MONTH, NULL, NULL, CIRO_COMPARE_PREVIOUS, "2025-02-01", "2025-02-28" },
    { "2024-03-31", CIRO_RANGE_THIS_MONTH, NULL, NULL, CIRO_COMPARE_PREVIOUS, "2024-02-01", "2024-02-29" },
    { "2024-03-30", CIRO_RANGE_THIS_MONTH, NULL, NULL, CIRO_COMPARE_PREVIOUS, "2024-02-01", "2024-02-29" },
    { "2026-05-31", CIRO_RANGE_THIS_MONTH, NULL, NULL, CIRO_COMPARE_PREVIOUS, "2026-04-01", "2026-04-30" },
    /* the 1st of a month, and across a year's start */
    { "2026-12-01", CIRO_RANGE_THIS_MONTH, NULL, NULL, CIRO_COMPARE_PREVIOUS, "2026-11-01", "2026-11-01" },
    { "2026-01-05", CIRO_RANGE_THIS_MONTH, NULL, NULL, CIRO_COMPARE_PREVIOUS, "2025-12-01", "2025-12-05" },
    /* last month → the whole month before it */
    { "2026-12-05", CIRO_RANGE_LAST_MONTH, NULL, NULL, CIRO_COMPARE_PREVIOUS, "2026-10-01", "2026-10-31" },
    { "2026-03-10", CIRO_RANGE_LAST_MONTH, NULL, NULL, CIRO_COMPARE_PREVIOUS, "2026-01-01", "2026-01-31" },
    { "2024-04-01", CIRO_RANGE_LAST_MONTH, NULL, NULL, CIRO_COMPARE_PREVIOUS, "2024-02-01", "2024-02-29" },
    { "2026-01-10", CIRO_RANGE_LAST_MONTH, NULL, NULL, CIRO_COMPARE_PREVIOUS, "2025-11-01", "2025-11-30" },
    /* this year → the same dates a year earlier; 29 February → the 28th */
    { "2026-12-05", CIRO_RANGE_THIS_YEAR, NULL, NULL, CIRO_COMPARE_PREVIOUS, "2025-01-01", "2025-12-05" },
    { "2024-02-29", CIRO_RANGE_THIS_YEAR, NULL, NULL, CIRO_COMPARE_PREVIOUS, "2023-01-01", "2023-02-28" },
    { "2026-01-01", CIRO_RANGE_THIS_YEAR, NULL, NULL, CIRO_COMPARE_PREVIOUS, "2025-01-01", "2025-01-01" },
    /* last N days → the N days before */
    { "2026-12-05", CIRO_RANGE_LAST_7_DAYS, NULL, NULL, CIRO_COMPARE_PREVIOUS, "2026-11-22", "2026-11-28" },
    { "2026-12-05", CIRO_RANGE_LAST_30_DAYS, NULL, NULL, CIRO_COMPARE_PREVIOUS, "2026-10-07", "2026-11-05" },
    { "2026-03-01", CIRO_RANGE_LAST_90_DAYS, NULL, NULL, CIRO_COMPARE_PREVIOUS, "2025-09-03", "2025-12-01" },
    /* a custom window → the period of the same length before it */
    { "2026-12-05", CIRO_RANGE_CUSTOM, "2026-11-10", "2026-11-19", CIRO_COMPARE_PREVIOUS, "2026-10-31", "2026-11-09" },
    { "2026-12-05", CIRO_RANGE_CUSTOM, "2024-03-01", "2024-03-31", CIRO_COMPARE_PREVIOUS, "2024-01-30", "2024-02-29" },
    /* the same days a year earlier, for any window */
    { "2026-12-05", CIRO_RANGE_THIS_MONTH, NULL, NULL, CIRO_COMPARE_LAST_YEAR, "2025-12-01", "2025-12-05" },
    { "2026-12-05", CIRO_RANGE_LAST_7_DAYS, NULL, NULL, CIRO_COMPARE_LAST_YEAR, "2025-11-29", "2025-12-05" },
    { "2024-02-29", CIRO_RANGE_LAST_30_DAYS, NULL, NULL, CIRO_COMPARE_LAST_YEAR, "2023-01-31", "2023-02-28" },
    /* a whole month: the whole same month, February's 28 days against 29 */
    { "2025-03-10", CIRO_RANGE_LAST_MONTH, NULL, NULL, CIRO_COMPARE_LAST_YEAR, "2024-02-01", "2024-02-29" },
    { "2026-01-10", CIRO_RANGE_LAST_MONTH, NULL, NULL, CIRO_COMPARE_LAST_YEAR, "2024-12-01", "2024-12-31" },
    { "2026-12-05", CIRO_RANGE_CUSTOM, "2024-02-20", "2024-03-05", CIRO_COMPARE_LAST_YEAR, "2023-02-20", "2023-03-05" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const CompareCase *c = &cases[i];
      CiroDay from, to, cf = 0, ct = 0;
      g_autofree char *got_from = NULL;
      g_autofree char *got_to = NULL;

      if (c->from != NULL)
        from = day (c->from), to = day (c->to);
      else
        g_assert_true (ciro_range_resolve (c->preset, day (c->today), &from, &to));
      ciro_range_compare (c->preset, c->basis, from, to, &cf, &ct);
      got_from = ciro_day_to_string (cf);
      got_to = ciro_day_to_string (ct);
      g_test_message ("case %u: %s %s", i, ciro_range_preset_id (c->preset), ciro_compare_basis_id (c->basis));
      g_assert_cmpstr (got_from, ==, c->want_from);
      g_assert_cmpstr (got_to, ==, c->want_to);
    }
}

static void
test_compare_ids_and_presets (void)
{
  CiroCompareBasis b;

  g_assert_true (ciro_compare_basis_from_id ("previous", &b));
  g_assert_cmpint (b, ==, CIRO_COMPARE_PREVIOUS);
  g_assert_true (ciro_compare_basis_from_id ("last-year", &b));
  g_assert_cmpint (b, ==, CIRO_COMPARE_LAST_YEAR);
  g_assert_false (ciro_compare_basis_from_id ("last-week", &b));
  g_assert_false (ciro_compare_basis_from_id (NULL, &b));

  /* the preset read back from the days: on 7 Dec, 1–7 Dec is this month
   * (also the last 7 days); 29 Nov–5 Dec on the 5th is the last 7 days */
  g_assert_cmpint (ciro_range_preset_of (day ("2026-12-01"), day ("2026-12-07"), day ("2026-12-07")), ==,
                   CIRO_RANGE_THIS_MONTH);
  g_assert_cmpint (ciro_range_preset_of (day ("2026-11-29"), day ("2026-12-05"), day ("2026-12-05")), ==,
                   CIRO_RANGE_LAST_7_DAYS);
  g_assert_cmpint (ciro_range_preset_of (day ("2026-11-01"), day ("2026-11-30"), day ("2026-12-05")), ==,
                   CIRO_RANGE_LAST_MONTH);
  g_assert_cmpint (ciro_range_preset_of (day ("2026-01-01"), day ("2026-12-05"), day ("2026-12-05")), ==,
                   CIRO_RANGE_THIS_YEAR);
  g_assert_cmpint (ciro_range_preset_of (day ("2026-10-01"), day ("2026-10-31"), day ("2026-12-05")), ==,
                   CIRO_RANGE_CUSTOM);
  g_assert_cmpint (ciro_day_year_earlier (day ("2028-02-29")), ==, day ("2027-02-28"));
  g_assert_cmpint (ciro_day_year_earlier (day ("2025-03-01")), ==, day ("2024-03-01"));
}

static void
assert_text (const char *from, const char *to, const char *today, const char *want)
{
  g_autofree char *got = ciro_range_text (day (from), day (to), day (today));
  g_assert_cmpstr (got, ==, want);
}

/* The subtitle's words, in English and, with the catalogue built, Turkish. */
static void
test_range_text (void)
{
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (localedir, "tr", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  assert_text ("2026-12-05", "2026-12-05", "2026-12-05", "5 Dec");
  assert_text ("2026-12-01", "2026-12-05", "2026-12-05", "1–5 Dec");
  assert_text ("2026-11-06", "2026-12-05", "2026-12-05", "6 Nov – 5 Dec");
  assert_text ("2025-12-01", "2025-12-05", "2026-12-05", "1–5 Dec 2025");
  assert_text ("2025-12-28", "2026-01-03", "2026-01-10", "28 Dec 2025 – 3 Jan 2026");
  {
    g_autofree char *s = ciro_range_compare_text (day ("2026-12-01"), day ("2026-12-05"), day ("2026-11-01"),
                                                  day ("2026-11-05"), day ("2026-12-05"));
    g_assert_cmpstr (s, ==, "1–5 Dec · compared with 1–5 Nov");
  }

  if (!g_file_test (mo, G_FILE_TEST_EXISTS) || setlocale (LC_ALL, "tr_TR.UTF-8") == NULL)
    g_error ("the Turkish catalogue (%s) and the tr_TR.UTF-8 locale are needed", mo);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  {
    g_autofree char *s = ciro_range_compare_text (day ("2026-12-01"), day ("2026-12-05"), day ("2026-11-01"),
                                                  day ("2026-11-05"), day ("2026-12-05"));
    g_assert_cmpstr (s, ==, "1–5 Ara · karşılaştırma: 1–5 Kas");
  }
  assert_text ("2026-02-01", "2026-02-28", "2026-12-05", "1–28 Şub");
  assert_text ("2026-08-30", "2026-09-02", "2026-12-05", "30 Ağu – 2 Eyl");
  assert_text ("2025-12-28", "2026-01-03", "2026-01-10", "28 Ara 2025 – 3 Oca 2026");
  setlocale (LC_ALL, saved);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/range/presets", test_presets);
  g_test_add_func ("/range/previous", test_previous);
  g_test_add_func ("/range/ids", test_ids);
  g_test_add_func ("/range/change", test_change);
  g_test_add_func ("/range/compare-rules", test_compare_rules);
  g_test_add_func ("/range/compare-ids-and-presets", test_compare_ids_and_presets);
  g_test_add_func ("/range/text", test_range_text);
  return g_test_run ();
}
