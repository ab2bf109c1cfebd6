/* test-money.c: money, counts and percentages for people and for machines
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <math.h>

#include "core/ciro-money.h"

#define TR CIRO_NUMBER_STYLE_TURKISH
#define EN CIRO_NUMBER_STYLE_ENGLISH
#define MINUS "\xe2\x88\x92"

static void
check_str (char *got, const char *expected)
{
  g_assert_cmpstr (got, ==, expected);
  g_free (got);
}

static void
test_money_format (void)
{
  check_str (ciro_money_format (123456, TR), "₺1.234,56");
  check_str (ciro_money_format (123456, EN), "₺1,234.56");
  check_str (ciro_money_format (0, TR), "₺0,00");
  check_str (ciro_money_format (0, EN), "₺0.00");
  check_str (ciro_money_format (5, TR), "₺0,05");
  check_str (ciro_money_format (50, EN), "₺0.50");
  check_str (ciro_money_format (99999, TR), "₺999,99");
  check_str (ciro_money_format (100000, TR), "₺1.000,00");
  check_str (ciro_money_format (100000, EN), "₺1,000.00");
  check_str (ciro_money_format (124990, TR), "₺1.249,90");
  check_str (ciro_money_format (123456789012, TR), "₺1.234.567.890,12");
  check_str (ciro_money_format (123456789012, EN), "₺1,234,567,890.12");
  check_str (ciro_money_format (G_MAXINT64, TR), "₺92.233.720.368.547.758,07");
}

static void
test_money_negative (void)
{
  /* U+2212 before the lira sign */
  check_str (ciro_money_format (-5, TR), MINUS "₺0,05");
  check_str (ciro_money_format (-5, EN), MINUS "₺0.05");
  check_str (ciro_money_format (-123456, TR), MINUS "₺1.234,56");
  check_str (ciro_money_format (-123456, EN), MINUS "₺1,234.56");
  check_str (ciro_money_format (-100000000, TR), MINUS "₺1.000.000,00");
  check_str (ciro_money_format (G_MININT64, TR), MINUS "₺92.233.720.368.547.758,08");
}

static void
test_money_compact (void)
{
  static const struct {
    CiroKurus amount;
    const char *tr, *en;
  } cases[] = {
    { 120000000, "₺1,2 Mn", "₺1.2M" },              /* 1.200.000 TL */
    { 85000000, "₺850 B", "₺850K" },                /* 850.000 TL */
    { 340000000000, "₺3,4 Mr", "₺3.4B" },           /* 3,4 milyar TL */
    { 100000000, "₺1 Mn", "₺1M" },
    { 125000, "₺1,3 B", "₺1.3K" },                  /* 1.250 TL, half away from zero */
    { 124999, "₺1,2 B", "₺1.2K" },
    { 1500000, "₺15 B", "₺15K" },
    { 99900000, "₺999 B", "₺999K" },
    { 99949999, "₺999 B", "₺999K" },                /* 999.499,99 TL */
    { 99950000, "₺1 Mn", "₺1M" },                   /* rounds to 1.000 B: one Mn */
    { 99995000, "₺1 Mn", "₺1M" },
    { 950000000, "₺9,5 Mn", "₺9.5M" },
    { 996000000, "₺10 Mn", "₺10M" },                /* 9,96 Mn rounds to 10 */
    { 50000, "₺500", "₺500" },
    { 99900, "₺999", "₺999" },
    { 99950, "₺1 B", "₺1K" },                       /* 999,50 TL rounds to 1.000 */
    { 550, "₺5,5", "₺5.5" },
    { 999, "₺10", "₺10" },                          /* 9,99 TL */
    { 1000, "₺10", "₺10" },
    { 0, "₺0", "₺0" },
    { 4, "₺0", "₺0" },
    { -4, "₺0", "₺0" },                             /* nothing visible, no sign */
    { -120000000, MINUS "₺1,2 Mn", MINUS "₺1.2M" },
    { -85000000, MINUS "₺850 B", MINUS "₺850K" },
    { G_GINT64_CONSTANT (1000000000000000), "₺10.000 Mr", "₺10,000B" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tr = ciro_money_format_compact (cases[i].amount, TR);
      g_autofree char *en = ciro_money_format_compact (cases[i].amount, EN);

      if (g_strcmp0 (tr, cases[i].tr) != 0 || g_strcmp0 (en, cases[i].en) != 0)
        g_error ("%" G_GINT64_FORMAT ": “%s” / “%s”, expected “%s” / “%s”", cases[i].amount,
                 tr, en, cases[i].tr, cases[i].en);
    }
  /* the extremes do not overflow */
  g_free (ciro_money_format_compact (G_MAXINT64, TR));
  g_free (ciro_money_format_compact (G_MININT64, EN));
}

static void
test_number_format (void)
{
  check_str (ciro_number_format (1234.5, 1, TR), "1.234,5");
  check_str (ciro_number_format (1234.5, 1, EN), "1,234.5");
  check_str (ciro_number_format (1234.56, 2, TR), "1.234,56");
  check_str (ciro_number_format (1e6, 0, TR), "1.000.000");
  check_str (ciro_number_format (1e6, 0, EN), "1,000,000");
  check_str (ciro_number_format (3.14159, 3, TR), "3,142");
  check_str (ciro_number_format (0.25, 1, EN), "0.3");     /* half away from zero */
  check_str (ciro_number_format (-0.25, 1, EN), MINUS "0.3");
  check_str (ciro_number_format (2.5, 0, EN), "3");
  check_str (ciro_number_format (999.96, 1, TR), "1.000,0");
  check_str (ciro_number_format (0, 2, TR), "0,00");
  check_str (ciro_number_format (-1234.56, 2, TR), MINUS "1.234,56");
  /* what rounds to zero shows no sign */
  check_str (ciro_number_format (-0.04, 1, TR), "0,0");
  check_str (ciro_number_format (-0.0, 0, TR), "0");
  check_str (ciro_number_format (NAN, 1, TR), "—");
  check_str (ciro_number_format (INFINITY, 1, TR), "∞");
  check_str (ciro_number_format (-INFINITY, 1, EN), MINUS "∞");
  /* past 2^53, the digits as they are */
  check_str (ciro_number_format (1e20, 0, EN), "100,000,000,000,000,000,000");
}

static void
test_count_format (void)
{
  check_str (ciro_count_format (1234567, TR), "1.234.567");
  check_str (ciro_count_format (1234567, EN), "1,234,567");
  check_str (ciro_count_format (0, TR), "0");
  check_str (ciro_count_format (999, TR), "999");
  check_str (ciro_count_format (1000, TR), "1.000");
  check_str (ciro_count_format (100000, EN), "100,000");
  check_str (ciro_count_format (-1234, TR), MINUS "1.234");
  /* exact beyond 2^53 */
  check_str (ciro_count_format (G_MAXINT64, TR), "9.223.372.036.854.775.807");
  check_str (ciro_count_format (9007199254740993, EN), "9,007,199,254,740,993");
}

static void
test_percent_format (void)
{
  check_str (ciro_percent_format (12.5, 1, TR), "%12,5");
  check_str (ciro_percent_format (12.5, 1, EN), "12.5%");
  check_str (ciro_percent_format (-3.25, 2, TR), MINUS "%3,25");
  check_str (ciro_percent_format (-3.25, 2, EN), MINUS "3.25%");
  check_str (ciro_percent_format (0, 0, TR), "%0");
  check_str (ciro_percent_format (0, 0, EN), "0%");
  check_str (ciro_percent_format (100, 0, TR), "%100");
  check_str (ciro_percent_format (33.333, 1, TR), "%33,3");
  check_str (ciro_percent_format (66.666, 1, EN), "66.7%");
  check_str (ciro_percent_format (1234.5, 1, TR), "%1.234,5");
  check_str (ciro_percent_format (-0.01, 1, TR), "%0,0");
}

static void
test_to_decimal (void)
{
  check_str (ciro_money_to_decimal (123456), "1234.56");
  check_str (ciro_money_to_decimal (-5), "-0.05");
  check_str (ciro_money_to_decimal (0), "0.00");
  check_str (ciro_money_to_decimal (100), "1.00");
  check_str (ciro_money_to_decimal (7), "0.07");
  check_str (ciro_money_to_decimal (-100000), "-1000.00");
  check_str (ciro_money_to_decimal (123456789012), "1234567890.12");
  check_str (ciro_money_to_decimal (G_MAXINT64), "92233720368547758.07");
  check_str (ciro_money_to_decimal (G_MININT64), "-92233720368547758.08");
}

static void
set_env (const char *lc_all, const char *lc_numeric, const char *lang)
{
  const char *names[] = { "LC_ALL", "LC_NUMERIC", "LANG" };
  const char *values[] = { lc_all, lc_numeric, lang };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (values[i])
        g_setenv (names[i], values[i], TRUE);
      else
        g_unsetenv (names[i]);
    }
}

static void
test_style_from_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *lc_all = g_strdup (g_getenv ("LC_ALL"));
  g_autofree char *lc_numeric = g_strdup (g_getenv ("LC_NUMERIC"));
  g_autofree char *lang = g_strdup (g_getenv ("LANG"));

  /* With the process in the C locale, the environment decides. */
  g_assert_nonnull (setlocale (LC_NUMERIC, "C"));
  set_env ("tr_TR.UTF-8", NULL, NULL);
  g_assert_cmpint (ciro_number_style_from_locale (), ==, TR);
  set_env ("en_US.UTF-8", "tr_TR.UTF-8", "tr_TR.UTF-8");
  g_assert_cmpint (ciro_number_style_from_locale (), ==, EN);
  set_env (NULL, "tr_TR", "en_GB.UTF-8");
  g_assert_cmpint (ciro_number_style_from_locale (), ==, TR);
  set_env ("", "", "tr_TR.UTF-8");
  g_assert_cmpint (ciro_number_style_from_locale (), ==, TR);
  set_env (NULL, NULL, "tr");
  g_assert_cmpint (ciro_number_style_from_locale (), ==, TR);
  set_env (NULL, NULL, "de_DE.UTF-8");
  g_assert_cmpint (ciro_number_style_from_locale (), ==, EN);
  set_env (NULL, NULL, "trk_XX");   /* not Turkish, only starting alike */
  g_assert_cmpint (ciro_number_style_from_locale (), ==, EN);
  set_env ("C.UTF-8", NULL, "tr_TR.UTF-8");
  g_assert_cmpint (ciro_number_style_from_locale (), ==, EN);
  set_env (NULL, NULL, NULL);
  g_assert_cmpint (ciro_number_style_from_locale (), ==, EN);

  /* A locale the process set wins over the environment. */
  if (setlocale (LC_NUMERIC, "tr_TR.UTF-8") != NULL || setlocale (LC_NUMERIC, "tr_TR.utf8") != NULL)
    {
      set_env ("en_US.UTF-8", NULL, NULL);
      g_assert_cmpint (ciro_number_style_from_locale (), ==, TR);
    }
  else
    g_test_message ("tr_TR.UTF-8 is not installed: the setlocale () case is not tried");

  setlocale (LC_NUMERIC, saved);
  set_env (lc_all, lc_numeric, lang);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/money/format", test_money_format);
  g_test_add_func ("/money/negative", test_money_negative);
  g_test_add_func ("/money/compact", test_money_compact);
  g_test_add_func ("/money/number-format", test_number_format);
  g_test_add_func ("/money/count-format", test_count_format);
  g_test_add_func ("/money/percent-format", test_percent_format);
  g_test_add_func ("/money/to-decimal", test_to_decimal);
  g_test_add_func ("/money/style-from-locale", test_style_from_locale);
  return g_test_run ();
}
