/* test-number.c: Sentos number strings and JSON number nodes
 *
 * Every expectation is worked out by hand from sentos-api.md "Numbers".
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "core/ciro-error.h"
#include "core/ciro-number.h"

static void
check_decimal (const char *text, guint scale, gint64 expected)
{
  g_autoptr(GError) error = NULL;
  gint64 v = -12345;

  if (!ciro_parse_decimal (text, scale, &v, &error))
    g_error ("“%s” (scale %u) failed: %s", text, scale, error->message);
  g_assert_no_error (error);
  if (v != expected)
    g_error ("“%s” (scale %u) gave %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
             text, scale, v, expected);
}

static void
check_money (const char *text, CiroKurus expected)
{
  g_autoptr(GError) error = NULL;
  CiroKurus v = -12345;

  check_decimal (text, 2, expected);
  g_assert_true (ciro_parse_money (text, &v, &error));
  g_assert_no_error (error);
  g_assert_cmpint (v, ==, expected);
}

static void
check_bad (const char *text, guint scale, int code)
{
  g_autoptr(GError) error = NULL;
  gint64 v = -12345;

  if (ciro_parse_decimal (text, scale, &v, &error))
    g_error ("“%s” parsed as %" G_GINT64_FORMAT ", expected an error", text, v);
  g_assert_error (error, CIRO_PARSE_ERROR, code);
  /* the field is kept at 0 */
  g_assert_cmpint (v, ==, 0);
  /* and a NULL GError is allowed */
  v = -12345;
  g_assert_false (ciro_parse_decimal (text, scale, &v, NULL));
  g_assert_cmpint (v, ==, 0);
}

static void
test_spec_examples (void)
{
  /* both marks: the last one is the decimal mark */
  check_money ("1.249,90", 124990);
  check_money ("1,249.90", 124990);
  /* only a comma: decimal comma */
  check_money ("39,90", 3990);
  /* only dots: one is a decimal point, several group thousands */
  check_money ("1.22", 122);
  check_money ("1.234.567", 123456700);
  /* the sample payloads of sentos-api.md */
  check_money ("412,50", 41250);
  check_money ("1.289,80", 128980);
  check_money ("0", 0);
}

static void
test_both_marks (void)
{
  check_money ("1.000.000,01", 100000001);
  check_money ("1,000,000.01", 100000001);
  check_money ("12.345,6", 1234560);
  check_money ("12,345.6", 1234560);
  check_money ("1.2,5", 1250);   /* groups are not checked for width */
}

static void
test_affixes (void)
{
  /* surrounding white space, "TL" and "₺" before or after */
  check_money ("  39,90  ", 3990);
  check_money ("\t7\n", 700);
  check_money ("TL 12,5", 1250);
  check_money ("12,5 TL", 1250);
  check_money ("12,5TL", 1250);
  check_money ("TL12,5", 1250);
  check_money ("tl 12,5", 1250);
  check_money ("12,5 tl", 1250);
  check_money ("₺12,50", 1250);
  check_money ("12,50₺", 1250);
  check_money ("12,50 ₺", 1250);
  check_money ("₺ 1.249,90", 124990);
  check_money ("  ₺1.249,90  ", 124990);
  check_money ("1.249,90 TL", 124990);
  /* no-break spaces as spreadsheets write them */
  check_money ("\xc2\xa0" "1.249,90" "\xc2\xa0" "TL", 124990);
  check_money ("\xe2\x80\xaf" "5", 500);
}

static void
test_signs (void)
{
  check_money ("-5,25", -525);
  check_money ("+7", 700);
  check_money ("- 3", -300);
  check_money (" -1.249,90 ", -124990);
  check_money ("-₺12,50", -1250);
  check_money ("₺-12,50", -1250);
  check_money ("-12,50 TL", -1250);
  check_money ("TL -12,50", -1250);
  /* what ciro_money_format writes reads back: U+2212 minus */
  check_money ("\xe2\x88\x92₺1.234,56", -123456);
  check_money ("-0", 0);
}

static void
test_decimal_edges (void)
{
  check_money ("12.", 1200);
  check_money ("12,", 1200);
  check_money (".5", 50);
  check_money (",75", 75);
  check_money ("007", 700);
  check_money ("0,10", 10);
  check_money ("0000000000000000000000001", 100);
}

static void
test_several_commas (void)
{
  /* no dot and several commas: thousands separators, like several dots */
  check_money ("1,234,567", 123456700);
  check_money ("1,2,3,4", 123400);
  check_money ("12,345,678", 1234567800);
}

static void
test_scales (void)
{
  check_decimal ("21,5", 2, 2150);
  check_decimal ("21.5", 2, 2150);
  check_decimal ("12", 0, 12);
  check_decimal ("12", 3, 12000);
  check_decimal ("12", 6, 12000000);
  check_decimal ("1,2345678", 6, 1234568);
  check_decimal ("1,2345674", 6, 1234567);
  check_decimal ("0", 6, 0);
  check_decimal ("1.234.567", 0, 1234567);
}

static void
test_rounding (void)
{
  /* half away from zero on the first dropped digit */
  check_money ("0,005", 1);
  check_money ("0,0049", 0);
  check_money ("0,00499999", 0);
  check_money ("-0,005", -1);
  check_money ("-0,0049", 0);
  check_money ("2,675", 268);
  check_money ("1,994999", 199);
  check_money ("1,995", 200);
  check_money ("-1,995", -200);
  check_money ("9,999", 1000);
  check_decimal ("21.5", 0, 22);
  check_decimal ("21.4", 0, 21);
  check_decimal ("-21.5", 0, -22);
  check_decimal ("-21.49", 0, -21);
  check_decimal ("0,5", 0, 1);
  check_decimal ("0,49999", 0, 0);
  check_decimal ("1.234.567,5", 0, 1234568);
}

static void
test_range (void)
{
  /* G_MAXINT64 = 9223372036854775807 */
  check_money ("92233720368547758,07", G_MAXINT64);
  check_money ("-92233720368547758,07", -G_MAXINT64);
  check_money ("92.233.720.368.547.758,07", G_MAXINT64);
  check_decimal ("9223372036854775807", 0, G_MAXINT64);
  check_bad ("92233720368547758,08", 2, CIRO_PARSE_ERROR_RANGE);
  check_bad ("92233720368547758,075", 2, CIRO_PARSE_ERROR_RANGE);   /* rounds past the top */
  check_bad ("9223372036854775808", 0, CIRO_PARSE_ERROR_RANGE);
  check_bad ("99999999999999999999", 2, CIRO_PARSE_ERROR_RANGE);
  check_bad ("-99999999999999999999", 2, CIRO_PARSE_ERROR_RANGE);
  check_bad ("9223372036854775807", 1, CIRO_PARSE_ERROR_RANGE);
  check_bad ("123456789012345678901234567890", 0, CIRO_PARSE_ERROR_RANGE);
}

static void
test_empty (void)
{
  check_bad (NULL, 2, CIRO_PARSE_ERROR_EMPTY);
  check_bad ("", 2, CIRO_PARSE_ERROR_EMPTY);
  check_bad ("   ", 2, CIRO_PARSE_ERROR_EMPTY);
  check_bad ("\t\n", 2, CIRO_PARSE_ERROR_EMPTY);
  check_bad ("TL", 2, CIRO_PARSE_ERROR_EMPTY);
  check_bad (" ₺ ", 2, CIRO_PARSE_ERROR_EMPTY);
}

static void
test_garbage (void)
{
  static const char *const bad[] = {
    "abc", "12a", "a12", "1 2", "1 234,50", "1,2.3,4", "1.234,5.6", "1,234.5,6",
    "-", "+", "- ", "-TL", ".", ",", ".,", "1..2", "1,,2", "1.,5", "..5", "1.234.", ",1,234",
    "--5", "+-5", "5-", "5+", "₺12 TL", "TL TL 5", "₺₺5", "1e5", "0x10", "12%", "%12",
    "(12)", "12 34", "1/2", "TL12TL", "1TL2", "\xd9\xa1\xd9\xa2",   /* Arabic-Indic digits */
    "\xff\xfe", "12\xc2\xa0" "34", "NaN", "inf",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    check_bad (bad[i], 2, CIRO_PARSE_ERROR_INVALID);
}

/* ------------------------------------------------------------ JSON */

/* JSON number literals, as the page reader hands them over */
static void
check_lit (const char *literal, guint scale, gint64 expected)
{
  g_autoptr(GError) error = NULL;
  gint64 v = -12345;

  g_assert_true (ciro_parse_json_number (literal, strlen (literal), scale, &v, &error));
  g_assert_no_error (error);
  g_assert_cmpint (v, ==, expected);
}

static void
check_lit_bad (const char *literal, guint scale, int code)
{
  g_autoptr(GError) error = NULL;
  gint64 v = -12345;

  g_assert_false (ciro_parse_json_number (literal, strlen (literal), scale, &v, &error));
  g_assert_error (error, CIRO_PARSE_ERROR, code);
  g_assert_cmpint (v, ==, 0);
}

static void
test_json_int (void)
{
  check_lit ("39", 2, 3900);
  check_lit ("-7", 2, -700);
  check_lit ("0", 2, 0);
  check_lit ("-0", 2, 0);
  check_lit ("10", 0, 10);
  check_lit ("3", 6, 3000000);
  check_lit ("92233720368547758", 2, G_GINT64_CONSTANT (9223372036854775800));
  check_lit ("-92233720368547758", 2, -G_GINT64_CONSTANT (9223372036854775800));
  check_lit ("9223372036854775807", 0, G_MAXINT64);
  check_lit_bad ("92233720368547759", 2, CIRO_PARSE_ERROR_RANGE);
  check_lit_bad ("9223372036854775807", 1, CIRO_PARSE_ERROR_RANGE);
  check_lit_bad ("-9223372036854775808", 2, CIRO_PARSE_ERROR_RANGE);
  /* past 64 bits */
  check_lit_bad ("99999999999999999999", 0, CIRO_PARSE_ERROR_RANGE);
  check_lit_bad ("", 0, CIRO_PARSE_ERROR_EMPTY);
}

static void
test_json_fraction (void)
{
  /* the digits as written, never through a binary double */
  check_lit ("1249.9", 2, 124990);
  check_lit ("-1249.9", 2, -124990);
  check_lit ("1249.90", 2, 124990);
  check_lit ("0.1", 2, 10);
  check_lit ("0.07", 2, 7);
  check_lit ("19.99", 2, 1999);
  check_lit ("4.35", 2, 435);
  check_lit ("0.30000000000000004", 2, 30);
  check_lit ("39.0", 2, 3900);
  check_lit ("0.0", 2, 0);
  check_lit ("-0.0", 2, 0);
  check_lit ("-0.035", 2, -4);
  /* more decimals than the scale: half away from zero on the written digits */
  check_lit ("2.675", 2, 268);
  check_lit ("1.005", 2, 101);
  check_lit ("-1.005", 2, -101);
  check_lit ("1.15", 1, 12);
  check_lit ("0.5", 0, 1);
  check_lit ("-0.5", 0, -1);
  check_lit ("123456.789", 0, 123457);
  check_lit ("0.004", 2, 0);
  check_lit ("1e-7", 2, 0);
  check_lit ("5e-5", 4, 1);
  check_lit ("12.5", 6, 12500000);
  /* exponents */
  check_lit ("1e15", 2, G_GINT64_CONSTANT (100000000000000000));
  check_lit ("2.5E16", 0, G_GINT64_CONSTANT (25000000000000000));
  check_lit ("1.2499e3", 2, 124990);
  check_lit ("124990e-2", 0, 1250);
  check_lit ("1e+2", 0, 100);
  /* sixteen and more significant digits are kept, not rounded by a double */
  check_lit ("12345678901234.56", 2, G_GINT64_CONSTANT (1234567890123456));
  check_lit_bad ("1e17", 2, CIRO_PARSE_ERROR_RANGE);
  check_lit_bad ("-1e17", 2, CIRO_PARSE_ERROR_RANGE);
  check_lit_bad ("1e300", 2, CIRO_PARSE_ERROR_RANGE);
  check_lit_bad ("1e999", 2, CIRO_PARSE_ERROR_RANGE);
  check_lit_bad ("1E32233", 0, CIRO_PARSE_ERROR_RANGE);
  /* however far the exponent goes, zero is zero and a tiny value rounds to it */
  check_lit ("0E32233", 0, 0);
  check_lit ("-0e999", 2, 0);
  check_lit ("0.0e+99999999999999999999", 6, 0);
  check_lit ("1e-999", 2, 0);
  check_lit ("-9.99e-401", 6, 0);
  check_lit_bad ("0.000000000000000000000000000000000001", 2, CIRO_PARSE_ERROR_RANGE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/number/spec-examples", test_spec_examples);
  g_test_add_func ("/number/both-marks", test_both_marks);
  g_test_add_func ("/number/affixes", test_affixes);
  g_test_add_func ("/number/signs", test_signs);
  g_test_add_func ("/number/decimal-edges", test_decimal_edges);
  g_test_add_func ("/number/several-commas", test_several_commas);
  g_test_add_func ("/number/scales", test_scales);
  g_test_add_func ("/number/rounding", test_rounding);
  g_test_add_func ("/number/range", test_range);
  g_test_add_func ("/number/empty", test_empty);
  g_test_add_func ("/number/garbage", test_garbage);
  g_test_add_func ("/number/json/int", test_json_int);
  g_test_add_func ("/number/json/fraction", test_json_fraction);
  return g_test_run ();
}
