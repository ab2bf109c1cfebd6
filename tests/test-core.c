/* test-core.c: numbers, dates, Turkish casing, marketplaces, money, SKU rules
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-money.h"
#include "core/ciro-number.h"
#include "core/ciro-sku.h"
#include "core/ciro-text.h"

/* ---------------------------------------------------------- numbers */

static void
assert_money (const char *text, gint64 expected)
{
  g_autoptr(GError) error = NULL;
  gint64 v = -1;

  g_assert_true (ciro_parse_money (text, &v, &error));
  g_assert_no_error (error);
  if (v != expected)
    g_error ("“%s” parsed as %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT, text, v, expected);
}

static void
assert_bad (const char *text, int code)
{
  g_autoptr(GError) error = NULL;
  gint64 v = -1;

  g_assert_false (ciro_parse_money (text, &v, &error));
  g_assert_error (error, CIRO_PARSE_ERROR, code);
  g_assert_cmpint (v, ==, 0);
}

static void
test_numbers_spec (void)
{
  /* every example of sentos-api.md "Numbers" */
  assert_money ("1.249,90", 124990);
  assert_money ("1,249.90", 124990);
  assert_money ("39,90", 3990);
  assert_money ("1.22", 122);
  assert_money ("1.234.567", 123456700);
  /* signs and marks are ignored */
  assert_money ("  12,50 TL ", 1250);
  assert_money ("TL 12,5", 1250);
  assert_money ("₺12,50", 1250);
  assert_money ("₺ 1.249,90", 124990);
  assert_money ("0", 0);
  assert_money ("-5,25", -525);
  assert_money ("+7", 700);
  assert_money ("1.000.000,01", 100000001);
  assert_money ("12.", 1200);
  /* more decimals than kuruş: half away from zero */
  assert_money ("0,005", 1);
  assert_money ("0,0049", 0);
  assert_money ("-0,005", -1);
  assert_money ("2,675", 268);
  /* several commas without a dot: thousands separators, like several dots */
  assert_money ("1,234,567", 123456700);
}

static void
test_numbers_garbage (void)
{
  assert_bad ("", CIRO_PARSE_ERROR_EMPTY);
  assert_bad ("   ", CIRO_PARSE_ERROR_EMPTY);
  assert_bad ("TL", CIRO_PARSE_ERROR_EMPTY);
  assert_bad (NULL, CIRO_PARSE_ERROR_EMPTY);
  assert_bad ("abc", CIRO_PARSE_ERROR_INVALID);
  assert_bad ("12a", CIRO_PARSE_ERROR_INVALID);
  assert_bad ("1,2.3,4", CIRO_PARSE_ERROR_INVALID);
  assert_bad ("1.234,5.6", CIRO_PARSE_ERROR_INVALID);
  assert_bad ("-", CIRO_PARSE_ERROR_INVALID);
  assert_bad (".", CIRO_PARSE_ERROR_INVALID);
  assert_bad ("1 2", CIRO_PARSE_ERROR_INVALID);
  assert_bad ("99999999999999999999", CIRO_PARSE_ERROR_RANGE);
}

static void
assert_literal (const char *literal, gint64 expected, gboolean ok)
{
  g_autoptr(GError) error = NULL;
  gint64 v = -1;

  g_assert_cmpint (ciro_parse_json_number (literal, strlen (literal), 2, &v, &error), ==, ok);
  if (ok)
    g_assert_cmpint (v, ==, expected);
  else
    g_assert_nonnull (error);
}

static void
test_numbers_json (void)
{
  assert_literal ("1249.9", 124990, TRUE);
  assert_literal ("1249.90", 124990, TRUE);
  assert_literal ("0.1", 10, TRUE);
  assert_literal ("2.675", 268, TRUE);
  assert_literal ("39", 3900, TRUE);
  assert_literal ("-39", -3900, TRUE);
  assert_literal ("1e400", 0, FALSE);
  assert_literal ("", 0, FALSE);
}

/* ---------------------------------------------------------- dates */

static void
test_dates (void)
{
  CiroDay d;
  gint32 s;
  int y, m, dd;
  char buf[11];
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ciro_day_from_ymd (1970, 1, 1), ==, 0);
  g_assert_cmpint (ciro_day_from_ymd (2000, 3, 1), ==, 11017);
  g_assert_cmpint (ciro_day_from_ymd (2024, 2, 29), ==, 19782);
  g_assert_cmpint (ciro_day_from_ymd (2025, 2, 29), ==, CIRO_DAY_INVALID);
  g_assert_cmpint (ciro_day_from_ymd (2100, 2, 29), ==, CIRO_DAY_INVALID);
  g_assert_cmpint (ciro_day_from_ymd (2025, 13, 1), ==, CIRO_DAY_INVALID);
  g_assert_cmpint (ciro_day_from_ymd (2025, 4, 31), ==, CIRO_DAY_INVALID);

  /* round trip, day by day, over 1999–2031 */
  for (CiroDay day = ciro_day_from_ymd (1999, 1, 1); day < ciro_day_from_ymd (2031, 1, 1); day++)
    {
      ciro_day_to_ymd (day, &y, &m, &dd);
      g_assert_cmpint (ciro_day_from_ymd (y, m, dd), ==, day);
    }
  /* 2025-10-17 was a Friday (4 when Monday is 0); 1970-01-01 a Thursday */
  g_assert_cmpint (ciro_day_weekday (ciro_day_from_ymd (2025, 10, 17)), ==, 4);
  g_assert_cmpint (ciro_day_weekday (0), ==, 3);
  g_assert_cmpint (ciro_day_month (ciro_day_from_ymd (2025, 10, 17)), ==, 2025 * 12 + 9);
  g_assert_cmpint (ciro_month_first_day (2024 * 12 + 1), ==, ciro_day_from_ymd (2024, 2, 1));
  g_assert_cmpint (ciro_month_last_day (2024 * 12 + 1), ==, ciro_day_from_ymd (2024, 2, 29));

  g_assert_true (ciro_day_parse ("2025-10-17", &d, &error));
  g_assert_cmpstr (ciro_day_format (d, buf), ==, "2025-10-17");
  g_assert_false (ciro_day_parse ("2025-10-17 ", &d, NULL));
  g_assert_false (ciro_day_parse ("17.10.2025", &d, NULL));
  g_assert_false (ciro_day_parse ("2025-02-30", &d, NULL));

  g_assert_true (ciro_datetime_parse ("2025-10-17 14:32:05", &d, &s, NULL));
  g_assert_cmpint (d, ==, ciro_day_from_ymd (2025, 10, 17));
  g_assert_cmpint (s, ==, 14 * 3600 + 32 * 60 + 5);
  g_assert_true (ciro_datetime_parse ("2025-10-17T00:00:00", &d, &s, NULL));
  g_assert_cmpint (s, ==, 0);
  g_assert_true (ciro_datetime_parse ("2025-10-17 23:59", &d, &s, NULL));
  g_assert_cmpint (s, ==, 23 * 3600 + 59 * 60);
  g_assert_true (ciro_datetime_parse (" 2025-10-17 23:59:59.250 ", &d, &s, NULL));
  g_assert_cmpint (s, ==, 86399);
  g_assert_true (ciro_datetime_parse ("2025-10-17", &d, &s, NULL));
  g_assert_cmpint (s, ==, 0);
  g_assert_false (ciro_datetime_parse ("2025-10-17 24:00:00", &d, &s, NULL));
  g_assert_false (ciro_datetime_parse ("yesterday", &d, &s, NULL));
  g_assert_false (ciro_datetime_parse ("", &d, &s, NULL));
  {
    g_autofree char *t = ciro_datetime_format (ciro_day_from_ymd (2025, 1, 2), 3723);
    g_assert_cmpstr (t, ==, "2025-01-02 01:02:03");
  }

  /* Istanbul is UTC+3: 2025-10-16 21:00:00 UTC is midnight of the 17th */
  ciro_from_unix (1760648400, &d, &s);
  g_assert_cmpint (d, ==, ciro_day_from_ymd (2025, 10, 17));
  g_assert_cmpint (s, ==, 0);
  ciro_from_unix (1760648399, &d, &s);
  g_assert_cmpint (d, ==, ciro_day_from_ymd (2025, 10, 16));
  g_assert_cmpint (s, ==, 86399);
  g_assert_cmpint (ciro_to_unix (ciro_day_from_ymd (2025, 10, 17), 0), ==, 1760648400);

  g_setenv ("CIRO_NOW", "2026-03-20 08:15:00", TRUE);
  g_assert_cmpint (ciro_today (), ==, ciro_day_from_ymd (2026, 3, 20));
  ciro_now (&d, &s);
  g_assert_cmpint (s, ==, 8 * 3600 + 15 * 60);
  g_unsetenv ("CIRO_NOW");
}

/* ---------------------------------------------------------- text */

static void
assert_str (char *got, const char *expected)
{
  g_assert_cmpstr (got, ==, expected);
  g_free (got);
}

static void
test_turkish_case (void)
{
  assert_str (ciro_tr_upper ("istanbul"), "İSTANBUL");
  assert_str (ciro_tr_upper ("ışık"), "IŞIK");
  assert_str (ciro_tr_upper ("çiçeksepeti"), "ÇİÇEKSEPETİ");
  assert_str (ciro_tr_lower ("IŞIK"), "ışık");
  assert_str (ciro_tr_lower ("İZMİR"), "izmir");
  assert_str (ciro_tr_lower ("I\xcc\x87stanbul"), "istanbul");   /* decomposed İ */
  g_assert_true (ciro_tr_equal_fold ("KIRMIZI", "kırmızı"));
  g_assert_false (ciro_tr_equal_fold ("KIRMIZI", "kirmizi"));
  g_assert_true (ciro_tr_equal_fold ("İstanbul", "ISTANBUL") == FALSE);
  g_assert_true (ciro_tr_contains ("Kadın Keten GÖMLEK", "gömlek"));
  g_assert_true (ciro_tr_contains ("DİKİŞ", "dikiş"));
  g_assert_false (ciro_tr_contains ("DIKIŞ", "dikiş"));
  assert_str (ciro_strip ("\u00a0 ab c \t\n"), "ab c");
}

static void
test_marketplaces (void)
{
  static const char *cases[][2] = {
    { "TRENDYOL", "Trendyol" }, { "trendyol", "Trendyol" }, { " Trendyol ", "Trendyol" },
    { "HEPSIBURADA", "Hepsiburada" }, { "hepsiburada", "Hepsiburada" }, { "HB", "Hepsiburada" },
    { "hb", "Hepsiburada" }, { "Hb", "Hepsiburada" }, { "N11", "N11" }, { "n11", "N11" },
    { "AMAZON", "Amazon" }, { "PAZARAMA", "Pazarama" }, { "CICEKSEPETI", "ÇiçekSepeti" },
    { "ÇIÇEKSEPETI", "ÇiçekSepeti" }, { "çiçeksepeti", "ÇiçekSepeti" }, { "ÇiçekSepeti", "ÇiçekSepeti" },
    { "LC WAIKIKI", "LC Waikiki" }, { "LCWAIKIKI", "LC Waikiki" }, { "LCW", "LC Waikiki" },
    { "lcw", "LC Waikiki" }, { "SHOPIFY", "Shopify" }, { "RETAIL", "Mağaza" }, { "", "Bilinmeyen" },
    { "   ", "Bilinmeyen" }, { "Morhipo", "Morhipo" }, { "  Some Shop ", "Some Shop" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_str (ciro_marketplace_normalize (cases[i][0]), cases[i][1]);
  assert_str (ciro_marketplace_normalize (NULL), "Bilinmeyen");

  {
    const CiroMarketplaceDefault *d = ciro_marketplace_defaults ();
    guint n = 0;
    for (; d[n].name != NULL; n++)
      g_assert_cmpint (d[n].shipping_cost, ==, 7500);
    g_assert_cmpuint (n, ==, 6);
    g_assert_cmpstr (d[0].name, ==, "Trendyol");
    g_assert_cmpint (d[0].commission, ==, 2150);
  }
}

/* ---------------------------------------------------------- money */

static void
test_money (void)
{
  assert_str (ciro_money_format (123456, CIRO_NUMBER_STYLE_TURKISH), "₺1.234,56");
  assert_str (ciro_money_format (123456, CIRO_NUMBER_STYLE_ENGLISH), "₺1,234.56");
  assert_str (ciro_money_format (-5, CIRO_NUMBER_STYLE_TURKISH), "−₺0,05");
  assert_str (ciro_money_format (0, CIRO_NUMBER_STYLE_ENGLISH), "₺0.00");
  assert_str (ciro_money_format (123456789012, CIRO_NUMBER_STYLE_TURKISH), "₺1.234.567.890,12");
  assert_str (ciro_money_format_compact (120000000, CIRO_NUMBER_STYLE_TURKISH), "₺1,2 Mn");
  assert_str (ciro_money_format_compact (120000000, CIRO_NUMBER_STYLE_ENGLISH), "₺1.2M");
  assert_str (ciro_money_format_compact (85000000, CIRO_NUMBER_STYLE_TURKISH), "₺850 B");
  assert_str (ciro_money_format_compact (85000000, CIRO_NUMBER_STYLE_ENGLISH), "₺850K");
  assert_str (ciro_money_format_compact (340000000000, CIRO_NUMBER_STYLE_TURKISH), "₺3,4 Mr");
  assert_str (ciro_money_format_compact (50000, CIRO_NUMBER_STYLE_ENGLISH), "₺500");
  assert_str (ciro_percent_format (12.5, 1, CIRO_NUMBER_STYLE_TURKISH), "%12,5");
  assert_str (ciro_percent_format (12.5, 1, CIRO_NUMBER_STYLE_ENGLISH), "12.5%");
  assert_str (ciro_percent_format (-3.25, 2, CIRO_NUMBER_STYLE_TURKISH), "−%3,25");
  assert_str (ciro_count_format (1234567, CIRO_NUMBER_STYLE_TURKISH), "1.234.567");
  assert_str (ciro_money_to_decimal (123456), "1234.56");
  assert_str (ciro_money_to_decimal (-5), "-0.05");
  assert_str (ciro_money_to_decimal (0), "0.00");
  g_assert_cmpint (ciro_apply_rate (124990, 2150), ==, 26873);   /* 268,7285 */
  g_assert_cmpint (ciro_apply_rate (1010, 1500), ==, 152);       /* 151,5 half away */
  g_assert_cmpint (ciro_apply_rate (-1010, 1500), ==, -152);
  g_assert_cmpint (ciro_div_round (7, 2), ==, 4);
  g_assert_cmpint (ciro_div_round (-7, 2), ==, -4);
}

/* ---------------------------------------------------------- SKUs */

static void
test_sku_normalize (void)
{
  assert_str (ciro_sku_normalize ("S00004064"), "4064");
  assert_str (ciro_sku_normalize (" s00004064 "), "4064");
  assert_str (ciro_sku_normalize (" byk-7 "), "BYK-7");
  assert_str (ciro_sku_normalize ("0004064"), "4064");
  assert_str (ciro_sku_normalize ("000"), "0");
  assert_str (ciro_sku_normalize ("S"), "S");
  assert_str (ciro_sku_normalize ("S12A"), "S12A");
  assert_str (ciro_sku_normalize ("kırmızı-1"), "KIRMIZI-1");
  assert_str (ciro_sku_normalize ("ist-1"), "İST-1");
}

static void
test_sku_base (void)
{
  assert_str (ciro_sku_base ("BYK-25K-303760-M41-R15"), "303760");
  assert_str (ciro_sku_base ("BYK-25Y-101-8-M49-R42"), "101-8");
  assert_str (ciro_sku_base ("BYK-24Y-126443-M41"), "126443");
  assert_str (ciro_sku_base ("BYK-24Y-303760"), "303760");
  assert_str (ciro_sku_base ("194938-M41-R15"), "194938");
  assert_str (ciro_sku_base ("byk-25k-303760-m41-r15"), "303760");
  /* five parts without an M…/R… pair: the third part */
  assert_str (ciro_sku_base ("BYK-25K-303760-X1-Y2"), "303760");
  /* the M/R pair must start from the fourth part on */
  assert_str (ciro_sku_base ("BYK-25K-M1-R2-X"), "M1");
  /* a first part of 4 digits is not a base */
  assert_str (ciro_sku_base ("1949-M41-R15"), "1949-M41-R15");
  assert_str (ciro_sku_base ("194938-M41"), "194938-M41");
  assert_str (ciro_sku_base ("ABC-1"), "ABC-1");
  /* a trailing colour word goes first, in any Turkish casing */
  assert_str (ciro_sku_base ("303760-Siyah"), "303760");
  assert_str (ciro_sku_base ("194938-M41-R15 KIRMIZI"), "194938");
  assert_str (ciro_sku_base ("BYK-24Y-126443-M41_yeşil"), "126443");
  assert_str (ciro_sku_base ("Siyah"), "Siyah");
  assert_str (ciro_sku_base ("  BYK-24Y-126443  "), "126443");
  assert_str (ciro_sku_base_key ("byk-24y-abc"), "ABC");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/numbers/spec", test_numbers_spec);
  g_test_add_func ("/core/numbers/garbage", test_numbers_garbage);
  g_test_add_func ("/core/numbers/json", test_numbers_json);
  g_test_add_func ("/core/dates", test_dates);
  g_test_add_func ("/core/text/turkish-case", test_turkish_case);
  g_test_add_func ("/core/text/marketplaces", test_marketplaces);
  g_test_add_func ("/core/money", test_money);
  g_test_add_func ("/core/sku/normalize", test_sku_normalize);
  g_test_add_func ("/core/sku/base", test_sku_base);
  return g_test_run ();
}
