/* fuzz-core.c: numbers, dates and text under fuzzing
 *
 * Besides not crashing, each parser is held to what its contract implies:
 * a number read at one scale agrees with the next scale, a JSON literal
 * gives the exactly rounded value worked out here digit by digit, what is
 * printed reads back the same, casing and stripping give valid UTF-8 and
 * stripping or normalising twice changes nothing.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-money.h"
#include "core/ciro-number.h"
#include "core/ciro-sku.h"
#include "core/ciro-text.h"
#include "ciro-fuzz.h"

/* The input as a C string (it ends at an embedded NUL, as C strings do). */
static char *
as_string (const guint8 *data, gsize size)
{
  return g_strndup ((const char *) data, size);
}

/* ---------------------------------------------------------------- numbers */

/* An RFC 8259 number literal, alone. */
static gboolean
is_json_number (const char *p)
{
  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  if (*p == '0')
    p++;
  else
    while (g_ascii_isdigit (*p))
      p++;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

/* A JSON literal × 10^scale rounded half away from zero, by moving the
 * decimal point in the digit string: FALSE when it does not fit in a
 * gint64. */
static gboolean
exact_scaled (const char *literal, guint scale, gint64 *out)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p = literal;
  gboolean negative = FALSE;
  gint64 exponent = 0, point;
  guint64 magnitude = 0;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  for (; g_ascii_isdigit (*p); p++)
    g_string_append_c (digits, *p);
  point = (gint64) digits->len;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      g_string_append_c (digits, *p);
  if (*p == 'e' || *p == 'E')
    {
      gboolean exp_negative = FALSE;

      p++;
      if (*p == '+' || *p == '-')
        exp_negative = *p++ == '-';
      for (; g_ascii_isdigit (*p); p++)
        exponent = MIN (exponent * 10 + (*p - '0'), (gint64) 1000000);
      if (exp_negative)
        exponent = -exponent;
    }
  /* digits[0 .. point) is the integer part of the scaled value */
  point += exponent + (gint64) scale;
  for (gint64 i = 0; i < point; i++)
    {
      guint d = i < (gint64) digits->len ? (guint) (digits->str[i] - '0') : 0;

      /* leading zeros, and a zero value padded with zeros, stay zero */
      if (magnitude == 0 && i >= (gint64) digits->len)
        break;
      if (magnitude == 0 && d == 0)
        continue;
      if (!g_uint64_checked_mul (&magnitude, magnitude, 10) ||
          !g_uint64_checked_add (&magnitude, magnitude, d))
        return FALSE;
    }
  if (point >= 0 && point < (gint64) digits->len && digits->str[point] >= '5')
    magnitude++;
  if (magnitude > (guint64) G_MAXINT64)
    return FALSE;
  *out = negative ? -(gint64) magnitude : (gint64) magnitude;
  return TRUE;
}

/* Only digits and the two marks: the affixes may be added around it. */
static gboolean
is_bare_number (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p) && *p != '.' && *p != ',')
      return FALSE;
  return TRUE;
}

static void
assert_decimal (const char *text, guint scale, gint64 expected)
{
  g_autoptr(GError) error = NULL;
  gint64 v = -1;

  if (!ciro_parse_decimal (text, scale, &v, &error))
    g_error ("“%s” at scale %u: %s (expected %" G_GINT64_FORMAT ")", text, scale, error->message, expected);
  g_assert_cmpint (v, ==, expected);
}

void
ciro_fuzz_numbers (const guint8 *data, gsize size)
{
  g_autofree char *text = as_string (data, size);
  gboolean ok[7];
  gint64 v[7];

  for (guint s = 0; s <= 6; s++)
    {
      g_autoptr(GError) error = NULL;

      ok[s] = ciro_parse_decimal (text, s, &v[s], &error);
      g_assert_cmpint (ok[s], ==, error == NULL);
      if (!ok[s])
        {
          g_assert_true (error->domain == CIRO_PARSE_ERROR);
          g_assert_cmpint (v[s], ==, 0);
        }
    }
  for (guint s = 0; s < 6; s++)
    if (ok[s + 1])
      {
        /* one more decimal place: the value ×10 give or take the rounding,
         * 10 v[s] − v[s+1] worked out without overflowing near G_MAXINT64 */
        gint64 diff;

        g_assert_true (ok[s]);
        diff = 10 * (v[s] - v[s + 1] / 10) - v[s + 1] % 10;
        g_assert_cmpint (diff, <=, 5);
        g_assert_cmpint (diff, >=, -5);
      }

  if (ok[2])
    {
      CiroKurus money;

      g_assert_true (ciro_parse_money (text, &money, NULL));
      g_assert_cmpint (money, ==, v[2]);
      /* what Ciro prints, it reads back */
      for (int style = CIRO_NUMBER_STYLE_TURKISH; style <= CIRO_NUMBER_STYLE_ENGLISH; style++)
        {
          g_autofree char *shown = ciro_money_format (money, style);
          assert_decimal (shown, 2, money);
        }
      {
        g_autofree char *machine = ciro_money_to_decimal (money);
        assert_decimal (machine, 2, money);
      }
    }

  /* the affixes change nothing but the sign */
  if (ok[2] && is_bare_number (text))
    {
      g_autofree char *minus = g_strconcat ("-", text, NULL);
      g_autofree char *tl = g_strconcat (" ", text, " TL ", NULL);
      g_autofree char *lira = g_strconcat ("₺", text, NULL);

      assert_decimal (minus, 2, -v[2]);
      assert_decimal (tl, 2, v[2]);
      assert_decimal (lira, 2, v[2]);
    }

  /* A JSON literal (the reader hands these over as they stand). Literals
   * of 33 bytes and more are refused by design: no real price needs them. */
  if (is_json_number (text) && strlen (text) < 33)
    for (guint s = 0; s <= 6; s++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *exact = g_strdup (text);   /* no NUL read past */
        gint64 expected = 0, got = -1;
        gboolean fits = exact_scaled (text, s, &expected);
        gboolean read = ciro_parse_json_number (exact, strlen (exact), s, &got, &error);

        if (fits != read)
          g_error ("JSON literal “%s” at scale %u: %s", text, s,
                   read ? "read although it does not fit" : error->message);
        if (read)
          g_assert_cmpint (got, ==, expected);
        /* without an exponent it is also a number string with the same value */
        if (strpbrk (text, "eE") == NULL)
          {
            g_assert_cmpint (ok[s], ==, read);
            if (read)
              g_assert_cmpint (v[s], ==, got);
          }
      }
}

/* ---------------------------------------------------------------- dates */

static int
days_in_month (int y, int m)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

  return m == 2 && leap ? 29 : days[m - 1];
}

static gint32
read_i32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, sizeof v);
  return (gint32) v;
}

static void
assert_valid_day (CiroDay day)
{
  int y, m, d;

  g_assert_cmpint (day, !=, CIRO_DAY_INVALID);
  ciro_day_to_ymd (day, &y, &m, &d);
  g_assert_cmpint (y, >=, 1);
  g_assert_cmpint (y, <=, 9999);
  g_assert_cmpint (m, >=, 1);
  g_assert_cmpint (m, <=, 12);
  g_assert_cmpint (d, >=, 1);
  g_assert_cmpint (d, <=, days_in_month (y, m));
  g_assert_cmpint (ciro_day_from_ymd (y, m, d), ==, day);
}

void
ciro_fuzz_dates (const guint8 *data, gsize size)
{
  g_autofree char *text = as_string (data, size);
  CiroDay day = 0;
  gint32 seconds = 0;

  if (ciro_day_parse (text, &day, NULL))
    {
      char buf[11];

      /* strict: the text is the day's own spelling */
      assert_valid_day (day);
      g_assert_cmpstr (ciro_day_format (day, buf), ==, text);
    }

  if (ciro_datetime_parse (text, &day, &seconds, NULL))
    {
      g_autofree char *printed = NULL;
      CiroDay day2 = 0;
      gint32 seconds2 = -1;

      assert_valid_day (day);
      g_assert_cmpint (seconds, >=, 0);
      g_assert_cmpint (seconds, <, 86400);
      printed = ciro_datetime_format (day, seconds);
      g_assert_true (ciro_datetime_parse (printed, &day2, &seconds2, NULL));
      g_assert_cmpint (day2, ==, day);
      g_assert_cmpint (seconds2, ==, seconds);
      ciro_from_unix (ciro_to_unix (day, seconds), &day2, &seconds2);
      g_assert_cmpint (day2, ==, day);
      g_assert_cmpint (seconds2, ==, seconds);
    }

  /* the first 12 bytes as a year, month and day of any size */
  if (size >= 12)
    {
      int y = read_i32 (data), m = read_i32 (data + 4), d = read_i32 (data + 8);
      gboolean real = y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month (y, m);
      CiroDay made = ciro_day_from_ymd (y, m, d);

      g_assert_cmpint (made != CIRO_DAY_INVALID, ==, real);
      if (real)
        {
          int y2, m2, d2;
          gint32 month = ciro_day_month (made);

          ciro_day_to_ymd (made, &y2, &m2, &d2);
          g_assert_cmpint (y2, ==, y);
          g_assert_cmpint (m2, ==, m);
          g_assert_cmpint (d2, ==, d);
          g_assert_cmpint (month, ==, y * 12 + m - 1);
          g_assert_cmpint (ciro_month_first_day (month), ==, made - (d - 1));
          g_assert_cmpint (ciro_month_last_day (month), ==, made + (days_in_month (y, m) - d));
          if (y < 9999 || m < 12 || d < 25)
            g_assert_cmpint (ciro_day_weekday (made + 7), ==, ciro_day_weekday (made));
          g_assert_cmpint (ciro_day_weekday (made), >=, 0);
          g_assert_cmpint (ciro_day_weekday (made), <=, 6);
        }
    }
}

/* ---------------------------------------------------------------- text */

static void
assert_utf8 (const char *s)
{
  g_assert_nonnull (s);
  g_assert_true (g_utf8_validate (s, -1, NULL));
}

void
ciro_fuzz_text (const guint8 *data, gsize size)
{
  g_autofree char *text = as_string (data, size);
  g_autofree char *upper = ciro_tr_upper (text);
  g_autofree char *lower = ciro_tr_lower (text);
  g_autofree char *fold = ciro_tr_fold (text);
  g_autofree char *stripped = ciro_strip (text);
  g_autofree char *stripped2 = NULL;
  g_autofree char *sku = ciro_sku_normalize (text);
  g_autofree char *sku2 = NULL;
  g_autofree char *base = ciro_sku_base (text);
  g_autofree char *base_key = ciro_sku_base_key (text);
  g_autofree char *base_upper = NULL;
  g_autofree char *marketplace = ciro_marketplace_normalize (text);
  g_autofree char *marketplace2 = NULL;
  const char *half = text + strlen (text) / 2;

  assert_utf8 (upper);
  assert_utf8 (lower);
  assert_utf8 (fold);
  assert_utf8 (stripped);
  assert_utf8 (sku);
  assert_utf8 (base);
  assert_utf8 (base_key);
  assert_utf8 (marketplace);

  g_assert_true (ciro_tr_equal_fold (text, text));
  g_assert_true (ciro_tr_contains (text, text));
  g_assert_true (ciro_tr_contains (text, ""));
  /* ASCII folds character by character: any tail of it is found in it */
  if (g_str_is_ascii (text))
    g_assert_true (ciro_tr_contains (text, half));

  /* stripped: no white space left at either end, and nothing more to strip */
  if (*stripped != '\0')
    {
      g_assert_false (g_unichar_isspace (g_utf8_get_char (stripped)));
      g_assert_false (g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (stripped + strlen (stripped)))));
    }
  stripped2 = ciro_strip (stripped);
  g_assert_cmpstr (stripped2, ==, stripped);

  /* a normalised SKU is its own normal form */
  sku2 = ciro_sku_normalize (sku);
  g_assert_cmpstr (sku2, ==, sku);
  /* the base key is the Turkish upper case of the base */
  base_upper = ciro_tr_upper (base);
  g_assert_cmpstr (base_key, ==, base_upper);

  /* a marketplace name normalises to itself */
  marketplace2 = ciro_marketplace_normalize (marketplace);
  g_assert_cmpstr (marketplace2, ==, marketplace);
}
