/* test-number.c: Sentos number strings and JSON number nodes
 *
 * Every expectation is worked out by hand from sentos-api.md "Numbers".
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

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

static JsonNode *
int_node (gint64 v)
{
  return json_node_init_int (json_node_alloc (), v);
}

static JsonNode *
double_node (double v)
{
  return json_node_init_double (json_node_alloc (), v);
}

static JsonNode *
string_node (const char *v)
{
  return json_node_init_string (json_node_alloc (), v);
}

static void
check_node (JsonNode *node, guint scale, gint64 expected)
{
  g_autoptr(JsonNode) owned = node;
  g_autoptr(GError) error = NULL;
  gint64 v = -12345;

  g_assert_true (ciro_json_node_get_decimal (node, scale, FALSE, &v, &error));
  g_assert_no_error (error);
  g_assert_cmpint (v, ==, expected);
}

static void
check_node_bad (JsonNode *node, guint scale, int code)
{
  g_autoptr(JsonNode) owned = node;
  g_autoptr(GError) error = NULL;
  gint64 v = -12345;

  /* allow_missing only excuses null */
  g_assert_false (ciro_json_node_get_decimal (node, scale, TRUE, &v, &error));
  g_assert_error (error, CIRO_PARSE_ERROR, code);
  g_assert_cmpint (v, ==, 0);
}

static void
test_json_int (void)
{
  check_node (int_node (39), 2, 3900);
  check_node (int_node (-7), 2, -700);
  check_node (int_node (0), 2, 0);
  check_node (int_node (10), 0, 10);
  check_node (int_node (3), 6, 3000000);
  check_node (int_node (92233720368547758), 2, G_GINT64_CONSTANT (9223372036854775800));
  check_node (int_node (-92233720368547758), 2, -G_GINT64_CONSTANT (9223372036854775800));
  check_node (int_node (G_MAXINT64), 0, G_MAXINT64);
  check_node_bad (int_node (92233720368547759), 2, CIRO_PARSE_ERROR_RANGE);
  check_node_bad (int_node (G_MAXINT64), 1, CIRO_PARSE_ERROR_RANGE);
  check_node_bad (int_node (G_MININT64), 2, CIRO_PARSE_ERROR_RANGE);
}

static void
test_json_double (void)
{
  /* binary doubles read as the decimal that was written */
  check_node (double_node (1249.9), 2, 124990);
  check_node (double_node (-1249.9), 2, -124990);
  check_node (double_node (0.1), 2, 10);
  check_node (double_node (0.07), 2, 7);
  check_node (double_node (19.99), 2, 1999);
  check_node (double_node (4.35), 2, 435);
  check_node (double_node (0.1 + 0.2), 2, 30);
  check_node (double_node (39.0), 2, 3900);
  check_node (double_node (0.0), 2, 0);
  check_node (double_node (-0.0), 2, 0);
  /* more decimals than the scale: half away from zero on the written digits */
  check_node (double_node (2.675), 2, 268);
  check_node (double_node (1.005), 2, 101);
  check_node (double_node (-1.005), 2, -101);
  check_node (double_node (1.15), 1, 12);
  check_node (double_node (0.5), 0, 1);
  check_node (double_node (-0.5), 0, -1);
  check_node (double_node (123456.789), 0, 123457);
  check_node (double_node (0.004), 2, 0);
  check_node (double_node (1e-7), 2, 0);
  check_node (double_node (5e-5), 4, 1);
  check_node (double_node (12.5), 6, 12500000);
  /* large values, written with an exponent by %g */
  check_node (double_node (1e15), 2, G_GINT64_CONSTANT (100000000000000000));
  check_node (double_node (2.5e16), 0, G_GINT64_CONSTANT (25000000000000000));
  check_node_bad (double_node (1e17), 2, CIRO_PARSE_ERROR_RANGE);
  check_node_bad (double_node (-1e17), 2, CIRO_PARSE_ERROR_RANGE);
  check_node_bad (double_node (1e300), 2, CIRO_PARSE_ERROR_RANGE);
  check_node_bad (double_node (INFINITY), 2, CIRO_PARSE_ERROR_RANGE);
  check_node_bad (double_node (NAN), 2, CIRO_PARSE_ERROR_RANGE);
}

static void
test_json_string (void)
{
  check_node (string_node ("1.249,90"), 2, 124990);
  check_node (string_node ("1,249.90"), 2, 124990);
  check_node (string_node ("₺12,50"), 2, 1250);
  check_node (string_node ("3"), 0, 3);
  check_node_bad (string_node (""), 2, CIRO_PARSE_ERROR_EMPTY);
  check_node_bad (string_node ("x"), 2, CIRO_PARSE_ERROR_INVALID);
  check_node_bad (string_node ("1,2.3,4"), 2, CIRO_PARSE_ERROR_INVALID);
}

static void
test_json_null_and_others (void)
{
  g_autoptr(JsonNode) null = json_node_new (JSON_NODE_NULL);
  g_autoptr(GError) error = NULL;
  gint64 v = -12345;

  /* null or absent: 0 when missing is allowed, else an EMPTY error */
  g_assert_true (ciro_json_node_get_decimal (null, 2, TRUE, &v, &error));
  g_assert_no_error (error);
  g_assert_cmpint (v, ==, 0);
  v = -12345;
  g_assert_true (ciro_json_node_get_decimal (NULL, 2, TRUE, &v, &error));
  g_assert_cmpint (v, ==, 0);
  v = -12345;
  g_assert_false (ciro_json_node_get_decimal (null, 2, FALSE, &v, &error));
  g_assert_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_EMPTY);
  g_assert_cmpint (v, ==, 0);
  g_clear_error (&error);
  v = -12345;
  g_assert_false (ciro_json_node_get_decimal (NULL, 2, FALSE, &v, &error));
  g_assert_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_EMPTY);
  g_assert_cmpint (v, ==, 0);

  check_node_bad (json_node_init_boolean (json_node_alloc (), TRUE), 2, CIRO_PARSE_ERROR_INVALID);
  check_node_bad (json_node_init_boolean (json_node_alloc (), FALSE), 2, CIRO_PARSE_ERROR_INVALID);
  {
    JsonNode *array = json_node_new (JSON_NODE_ARRAY);
    JsonNode *object = json_node_new (JSON_NODE_OBJECT);

    json_node_take_array (array, json_array_new ());
    json_node_take_object (object, json_object_new ());
    check_node_bad (array, 2, CIRO_PARSE_ERROR_INVALID);
    check_node_bad (object, 2, CIRO_PARSE_ERROR_INVALID);
  }
}

/* Nodes as json-glib's parser makes them from a Sentos-like payload. */
static void
test_json_parsed (void)
{
  static const struct {
    const char *member;
    gboolean ok;
    gint64 expected;
  } cases[] = {
    { "int", TRUE, 3900 },
    { "dbl", TRUE, 124990 },
    { "dbl0", TRUE, 124990 },
    { "neg", TRUE, -4 },
    { "str", TRUE, 128980 },
    { "null", TRUE, 0 },
    { "absent", TRUE, 0 },
    { "bool", FALSE, 0 },
    { "arr", FALSE, 0 },
    { "obj", FALSE, 0 },
    { "bad", FALSE, 0 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (
    "{\"int\": 39, \"dbl\": 1249.9, \"dbl0\": 1249.90, \"neg\": -0.035, \"str\": \"1.289,80\","
    " \"null\": null, \"bool\": true, \"arr\": [1], \"obj\": {\"a\": 1}, \"bad\": \"abc\"}", &error);
  JsonObject *o;

  g_assert_no_error (error);
  o = json_node_get_object (root);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) e = NULL;
      JsonNode *n = json_object_get_member (o, cases[i].member);
      gint64 v = -12345;
      gboolean ok = ciro_json_node_get_decimal (n, 2, TRUE, &v, &e);

      if (ok != cases[i].ok || v != cases[i].expected)
        g_error ("member %s: ok %d value %" G_GINT64_FORMAT, cases[i].member, ok, v);
      if (!ok)
        g_assert_error (e, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_INVALID);
    }
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
  g_test_add_func ("/number/json/double", test_json_double);
  g_test_add_func ("/number/json/string", test_json_string);
  g_test_add_func ("/number/json/null-and-others", test_json_null_and_others);
  g_test_add_func ("/number/json/parsed", test_json_parsed);
  return g_test_run ();
}
