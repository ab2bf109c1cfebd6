/* test-date.c: calendar days, wall times and the Istanbul clock
 *
 * Expectations come from a plain day-by-day calendar written here, from
 * known dates, and from GDateTime for the UTC+3 conversions.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "core/ciro-date.h"
#include "core/ciro-error.h"

static gboolean
leap (int y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_length (int y, int m)
{
  static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  return m == 2 && leap (y) ? 29 : n[m - 1];
}

static void
test_known_days (void)
{
  g_assert_cmpint (ciro_day_from_ymd (1970, 1, 1), ==, 0);
  g_assert_cmpint (ciro_day_from_ymd (1970, 1, 2), ==, 1);
  g_assert_cmpint (ciro_day_from_ymd (1969, 12, 31), ==, -1);
  g_assert_cmpint (ciro_day_from_ymd (1971, 1, 1), ==, 365);
  g_assert_cmpint (ciro_day_from_ymd (2000, 1, 1), ==, 10957);
  g_assert_cmpint (ciro_day_from_ymd (2000, 3, 1), ==, 10957 + 31 + 29);
  g_assert_cmpint (ciro_day_from_ymd (2024, 2, 29), ==, 19782);
  g_assert_cmpint (ciro_day_from_ymd (2025, 10, 17), ==, 20378);
  g_assert_cmpint (ciro_day_from_ymd (1, 1, 1), ==, -719162);
  g_assert_cmpint (ciro_day_from_ymd (9999, 12, 31), ==, 2932896);
}

static void
test_invalid_days (void)
{
  static const int bad[][3] = {
    { 2025, 2, 29 }, { 2100, 2, 29 }, { 1900, 2, 29 }, { 2023, 2, 29 },
    { 2025, 13, 1 }, { 2025, 0, 1 }, { 2025, -1, 1 }, { 2025, 4, 31 }, { 2025, 6, 31 },
    { 2025, 9, 31 }, { 2025, 11, 31 }, { 2025, 1, 0 }, { 2025, 1, 32 }, { 2025, 1, -1 },
    { 0, 1, 1 }, { -1, 1, 1 }, { 10000, 1, 1 }, { 2024, 2, 30 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (ciro_day_from_ymd (bad[i][0], bad[i][1], bad[i][2]) != CIRO_DAY_INVALID)
      g_error ("%d-%d-%d accepted", bad[i][0], bad[i][1], bad[i][2]);

  g_assert_cmpint (ciro_day_from_ymd (2000, 2, 29), !=, CIRO_DAY_INVALID);
  g_assert_cmpint (ciro_day_from_ymd (1600, 2, 29), !=, CIRO_DAY_INVALID);
  g_assert_cmpint (ciro_day_from_ymd (2024, 2, 29), !=, CIRO_DAY_INVALID);
  g_assert_cmpint (ciro_day_from_ymd (2025, 12, 31), !=, CIRO_DAY_INVALID);
}

/* Walks the whole supported range one day at a time with an independent
 * calendar: every day number must follow the previous one. */
static void
test_round_trip (void)
{
  int y = 1, m = 1, d = 1;
  CiroDay expected = -719162;   /* 0001-01-01 */
  guint leap_days = 0;

  for (;;)
    {
      int gy, gm, gd;

      if (ciro_day_from_ymd (y, m, d) != expected)
        g_error ("%04d-%02d-%02d gave %d, expected %d", y, m, d, ciro_day_from_ymd (y, m, d),
                 expected);
      ciro_day_to_ymd (expected, &gy, &gm, &gd);
      if (gy != y || gm != m || gd != d)
        g_error ("day %d gave %04d-%02d-%02d, expected %04d-%02d-%02d", expected, gy, gm, gd,
                 y, m, d);
      if (m == 2 && d == 29)
        leap_days++;

      if (y == 9999 && m == 12 && d == 31)
        break;
      expected++;
      if (++d > month_length (y, m))
        {
          d = 1;
          if (++m > 12)
            {
              m = 1;
              y++;
            }
        }
    }
  g_assert_cmpint (expected, ==, 2932896);
  /* 9999 / 4 − 9999 / 100 + 9999 / 400 = 2499 − 99 + 24 */
  g_assert_cmpuint (leap_days, ==, 2424);

  /* the outputs are optional */
  ciro_day_to_ymd (0, NULL, NULL, NULL);
  {
    int only_month = 0;
    ciro_day_to_ymd (19782, NULL, &only_month, NULL);
    g_assert_cmpint (only_month, ==, 2);
  }
}

static void
test_weekdays (void)
{
  static const struct {
    int y, m, d, weekday;   /* 0 = Monday */
  } known[] = {
    { 1970, 1, 1, 3 },       /* Thursday */
    { 1969, 12, 31, 2 },     /* Wednesday */
    { 2000, 1, 1, 5 },       /* Saturday */
    { 2024, 2, 29, 3 },      /* Thursday */
    { 2025, 10, 17, 4 },     /* Friday */
    { 2025, 10, 19, 6 },     /* Sunday */
    { 2025, 10, 20, 0 },     /* Monday */
    { 2026, 1, 1, 3 },       /* Thursday */
    { 1923, 10, 29, 0 },     /* Monday: the Republic was proclaimed */
    { 1, 1, 1, 0 },          /* Monday, proleptic Gregorian */
    { 9999, 12, 31, 4 },     /* Friday */
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    g_assert_cmpint (ciro_day_weekday (ciro_day_from_ymd (known[i].y, known[i].m, known[i].d)),
                     ==, known[i].weekday);

  /* seven days later, the same weekday; the next day, the next one */
  for (CiroDay day = -1000; day < 1000; day++)
    {
      g_assert_cmpint (ciro_day_weekday (day + 7), ==, ciro_day_weekday (day));
      g_assert_cmpint (ciro_day_weekday (day + 1), ==, (ciro_day_weekday (day) + 1) % 7);
    }
}

static void
test_months (void)
{
  CiroDay oct17 = ciro_day_from_ymd (2025, 10, 17);

  g_assert_cmpint (ciro_day_month (oct17), ==, 2025 * 12 + 9);
  g_assert_cmpint (ciro_day_month (ciro_day_from_ymd (2025, 1, 1)), ==, 2025 * 12);
  g_assert_cmpint (ciro_day_month (ciro_day_from_ymd (2024, 12, 31)), ==, 2024 * 12 + 11);
  g_assert_cmpint (ciro_month_first_day (2025 * 12 + 9), ==, ciro_day_from_ymd (2025, 10, 1));
  g_assert_cmpint (ciro_month_last_day (2025 * 12 + 9), ==, ciro_day_from_ymd (2025, 10, 31));
  g_assert_cmpint (ciro_month_first_day (2024 * 12 + 1), ==, ciro_day_from_ymd (2024, 2, 1));
  g_assert_cmpint (ciro_month_last_day (2024 * 12 + 1), ==, ciro_day_from_ymd (2024, 2, 29));
  g_assert_cmpint (ciro_month_last_day (2025 * 12 + 1), ==, ciro_day_from_ymd (2025, 2, 28));
  g_assert_cmpint (ciro_month_last_day (1900 * 12 + 1), ==, ciro_day_from_ymd (1900, 2, 28));
  g_assert_cmpint (ciro_month_last_day (2000 * 12 + 1), ==, ciro_day_from_ymd (2000, 2, 29));
  g_assert_cmpint (ciro_month_last_day (2025 * 12 + 11), ==, ciro_day_from_ymd (2025, 12, 31));
  g_assert_cmpint (ciro_month_first_day (1 * 12), ==, -719162);
  g_assert_cmpint (ciro_month_last_day (9999 * 12 + 11), ==, 2932896);

  /* months outside years 1..9999 have no days */
  g_assert_cmpint (ciro_month_first_day (0), ==, CIRO_DAY_INVALID);
  g_assert_cmpint (ciro_month_last_day (0), ==, CIRO_DAY_INVALID);
  g_assert_cmpint (ciro_month_first_day (-5), ==, CIRO_DAY_INVALID);
  g_assert_cmpint (ciro_month_last_day (-5), ==, CIRO_DAY_INVALID);
  g_assert_cmpint (ciro_month_last_day (11), ==, CIRO_DAY_INVALID);
  g_assert_cmpint (ciro_month_first_day (10000 * 12), ==, CIRO_DAY_INVALID);
  g_assert_cmpint (ciro_month_last_day (10000 * 12), ==, CIRO_DAY_INVALID);

  /* consecutive months tile the calendar, with the independent lengths */
  for (gint32 month = 1990 * 12; month < 2040 * 12; month++)
    {
      CiroDay first = ciro_month_first_day (month);
      CiroDay last = ciro_month_last_day (month);

      g_assert_cmpint (last - first + 1, ==, month_length (month / 12, month % 12 + 1));
      g_assert_cmpint (ciro_month_first_day (month + 1), ==, last + 1);
      g_assert_cmpint (ciro_day_month (first), ==, month);
      g_assert_cmpint (ciro_day_month (last), ==, month);
    }
}

static void
test_day_parse_format (void)
{
  static const char *const bad[] = {
    "", "2025-10-17 ", " 2025-10-17", "2025-1-17", "2025-10-7", "17.10.2025", "2025/10/17",
    "20251017", "2025-10-170", "2025-02-29", "2025-13-01", "2025-00-10", "0000-01-01",
    "2025-10-17T00:00:00", "yesterday", "2025-10", "25-10-17",
  };
  g_autoptr(GError) error = NULL;
  CiroDay d = 0;
  char buf[11];

  g_assert_true (ciro_day_parse ("2025-10-17", &d, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d, ==, 20378);
  g_assert_true (ciro_day_parse ("2024-02-29", &d, NULL));
  g_assert_cmpint (d, ==, 19782);
  g_assert_true (ciro_day_parse ("0001-01-01", &d, NULL));
  g_assert_cmpint (d, ==, -719162);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) e = NULL;
      d = 0;
      if (ciro_day_parse (bad[i], &d, &e))
        g_error ("“%s” accepted as a day", bad[i]);
      g_assert_error (e, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_INVALID);
      g_assert_cmpint (d, ==, CIRO_DAY_INVALID);
    }
  g_assert_false (ciro_day_parse (NULL, &d, NULL));

  g_assert_cmpstr (ciro_day_format (20378, buf), ==, "2025-10-17");
  g_assert_cmpstr (buf, ==, "2025-10-17");
  g_assert_cmpstr (ciro_day_format (0, buf), ==, "1970-01-01");
  g_assert_cmpstr (ciro_day_format (-1, buf), ==, "1969-12-31");
  g_assert_cmpstr (ciro_day_format (-719162, buf), ==, "0001-01-01");
  g_assert_cmpstr (ciro_day_format (2932896, buf), ==, "9999-12-31");
  {
    g_autofree char *s = ciro_day_to_string (19782);
    g_assert_cmpstr (s, ==, "2024-02-29");
  }
  /* format then parse over a few decades */
  for (CiroDay day = 7000; day < 25000; day += 13)
    {
      g_assert_true (ciro_day_parse (ciro_day_format (day, buf), &d, NULL));
      g_assert_cmpint (d, ==, day);
    }
}

static void
check_datetime (const char *text, int y, int m, int d, int hh, int mm, int ss)
{
  g_autoptr(GError) error = NULL;
  CiroDay day = 0;
  gint32 seconds = -1;

  if (!ciro_datetime_parse (text, &day, &seconds, &error))
    g_error ("“%s”: %s", text, error->message);
  g_assert_cmpint (day, ==, ciro_day_from_ymd (y, m, d));
  g_assert_cmpint (seconds, ==, hh * 3600 + mm * 60 + ss);
}

static void
test_datetime_parse (void)
{
  static const char *const bad[] = {
    NULL, "", "   ", "yesterday", "2025-10-17 24:00:00", "2025-10-17 12:60", "2025-10-17 12:00:60",
    "2025-10-17 1:00", "2025-10-17 12", "2025-10-17 12:", "2025-10-17 12:0", "2025-10-17 12:00:0",
    "2025-10-17T", "2025-10-17T12", "2025-10-17  12:00", "2025-10-17 12:00:00Z",
    "2025-10-17 12:00:00+03:00", "2025-10-17 12:00:00 x", "2025-10-17 12:00:00.",
    "2025-10-17 12:00.5", "2025-02-29 10:00:00", "17.10.2025 14:32", "2025-10-17x", "2025-10-1714:32",
    "14:32:05",
  };

  check_datetime ("2025-10-17 14:32:05", 2025, 10, 17, 14, 32, 5);
  check_datetime ("2025-10-17T14:32:05", 2025, 10, 17, 14, 32, 5);
  check_datetime ("2025-10-17 14:32", 2025, 10, 17, 14, 32, 0);
  check_datetime ("2025-10-17T14:32", 2025, 10, 17, 14, 32, 0);
  check_datetime ("2025-10-17 00:00:00", 2025, 10, 17, 0, 0, 0);
  check_datetime ("2025-10-17 23:59:59", 2025, 10, 17, 23, 59, 59);
  check_datetime ("2025-10-17 23:59:59.250", 2025, 10, 17, 23, 59, 59);
  check_datetime ("2025-10-17T23:59:59.999999", 2025, 10, 17, 23, 59, 59);
  check_datetime ("  2025-10-17 08:05:09  ", 2025, 10, 17, 8, 5, 9);
  check_datetime ("\t2025-10-17 08:05\n", 2025, 10, 17, 8, 5, 0);
  check_datetime ("2024-02-29 12:00:00", 2024, 2, 29, 12, 0, 0);
  /* a date alone is its midnight */
  check_datetime ("2025-10-17", 2025, 10, 17, 0, 0, 0);
  check_datetime ("2025-10-17 ", 2025, 10, 17, 0, 0, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      CiroDay day = 0;
      gint32 seconds = -1;

      if (ciro_datetime_parse (bad[i], &day, &seconds, &error))
        g_error ("“%s” accepted as a date and time", bad[i]);
      g_assert_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_INVALID);
      g_assert_cmpint (day, ==, CIRO_DAY_INVALID);
      g_assert_cmpint (seconds, ==, 0);
    }
}

static void
test_datetime_format (void)
{
  g_autofree char *a = ciro_datetime_format (ciro_day_from_ymd (2025, 1, 2), 3723);
  g_autofree char *b = ciro_datetime_format (ciro_day_from_ymd (2025, 10, 17), 0);
  g_autofree char *c = ciro_datetime_format (ciro_day_from_ymd (2025, 10, 17), 86399);

  g_assert_cmpstr (a, ==, "2025-01-02 01:02:03");
  g_assert_cmpstr (b, ==, "2025-10-17 00:00:00");
  g_assert_cmpstr (c, ==, "2025-10-17 23:59:59");

  for (gint32 s = 0; s < 86400; s += 61)
    {
      g_autofree char *t = ciro_datetime_format (20378, s);
      CiroDay day;
      gint32 back;

      g_assert_true (ciro_datetime_parse (t, &day, &back, NULL));
      g_assert_cmpint (day, ==, 20378);
      g_assert_cmpint (back, ==, s);
    }
}

static void
check_unix (gint64 unix_utc, int y, int m, int d, int hh, int mm, int ss)
{
  CiroDay day;
  gint32 seconds;

  ciro_from_unix (unix_utc, &day, &seconds);
  g_assert_cmpint (day, ==, ciro_day_from_ymd (y, m, d));
  g_assert_cmpint (seconds, ==, hh * 3600 + mm * 60 + ss);
  g_assert_cmpint (ciro_to_unix (day, seconds), ==, unix_utc);
}

static void
test_unix (void)
{
  g_autoptr(GTimeZone) istanbul = g_time_zone_new_offset (CIRO_ISTANBUL_UTC_OFFSET_SECONDS);

  g_assert_cmpint (CIRO_ISTANBUL_UTC_OFFSET_SECONDS, ==, 10800);

  /* around local midnight: 2025-10-16 21:00:00 UTC is 00:00 on the 17th */
  check_unix (1760648400, 2025, 10, 17, 0, 0, 0);
  check_unix (1760648399, 2025, 10, 16, 23, 59, 59);
  check_unix (1760648401, 2025, 10, 17, 0, 0, 1);
  /* the epoch and before it */
  check_unix (0, 1970, 1, 1, 3, 0, 0);
  check_unix (-1, 1970, 1, 1, 2, 59, 59);
  check_unix (-10800, 1970, 1, 1, 0, 0, 0);
  check_unix (-10801, 1969, 12, 31, 23, 59, 59);
  check_unix (-86400 - 10800, 1969, 12, 31, 0, 0, 0);
  /* summer and winter alike: no daylight saving in Istanbul since 2016 */
  check_unix (1751317200, 2025, 7, 1, 0, 0, 0);        /* 2025-06-30 21:00 UTC */
  check_unix (1735678800, 2025, 1, 1, 0, 0, 0);        /* 2024-12-31 21:00 UTC */

  /* against GDateTime at a fixed +03:00, every 59 minutes 59 seconds for years */
  for (gint64 t = 1420070400; t < 1893456000; t += 3599)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
      g_autoptr(GDateTime) dt = g_date_time_to_timezone (utc, istanbul);
      CiroDay day;
      gint32 seconds;

      ciro_from_unix (t, &day, &seconds);
      g_assert_cmpint (day, ==, ciro_day_from_ymd (g_date_time_get_year (dt),
                                                   g_date_time_get_month (dt),
                                                   g_date_time_get_day_of_month (dt)));
      g_assert_cmpint (seconds, ==, g_date_time_get_hour (dt) * 3600 +
                                    g_date_time_get_minute (dt) * 60 +
                                    g_date_time_get_second (dt));
      g_assert_cmpint (ciro_to_unix (day, seconds), ==, t);
    }
}

static void
test_now_override (void)
{
  CiroDay day;
  gint32 seconds;

  g_setenv ("CIRO_NOW", "2026-03-20 08:15:00", TRUE);
  g_assert_cmpint (ciro_today (), ==, ciro_day_from_ymd (2026, 3, 20));
  ciro_now (&day, &seconds);
  g_assert_cmpint (day, ==, ciro_day_from_ymd (2026, 3, 20));
  g_assert_cmpint (seconds, ==, 8 * 3600 + 15 * 60);

  g_setenv ("CIRO_NOW", "2024-02-29T23:59:59", TRUE);
  ciro_now (&day, &seconds);
  g_assert_cmpint (day, ==, ciro_day_from_ymd (2024, 2, 29));
  g_assert_cmpint (seconds, ==, 86399);
  g_assert_cmpint (ciro_today (), ==, 19782);

  /* either output may be left out */
  seconds = -1;
  ciro_now (NULL, &seconds);
  g_assert_cmpint (seconds, ==, 86399);
  day = 0;
  ciro_now (&day, NULL);
  g_assert_cmpint (day, ==, 19782);

  g_unsetenv ("CIRO_NOW");
}

/* The Istanbul day of the real clock, computed with GDateTime. */
static CiroDay
clock_day (gint32 *seconds)
{
  g_autoptr(GTimeZone) istanbul = g_time_zone_new_offset (10800);
  g_autoptr(GDateTime) dt = g_date_time_new_now (istanbul);

  *seconds = g_date_time_get_hour (dt) * 3600 + g_date_time_get_minute (dt) * 60 +
             g_date_time_get_second (dt);
  return ciro_day_from_ymd (g_date_time_get_year (dt), g_date_time_get_month (dt),
                            g_date_time_get_day_of_month (dt));
}

static void
check_clock (void)
{
  /* Read the reference on both sides, so that a second or a midnight
   * passing in between cannot make the comparison flaky. */
  for (int attempt = 0; attempt < 5; attempt++)
    {
      gint32 s_before, s_after, s;
      CiroDay before = clock_day (&s_before);
      CiroDay day;
      CiroDay after;

      ciro_now (&day, &s);
      after = clock_day (&s_after);
      if (before != after || s_before != s_after)
        continue;
      g_assert_cmpint (day, ==, before);
      g_assert_cmpint (s, ==, s_before);
      g_assert_cmpint (ciro_today (), ==, before);
      return;
    }
  g_assert_not_reached ();
}

static void
test_now_clock (void)
{
  g_unsetenv ("CIRO_NOW");
  check_clock ();
  /* an empty or unreadable override is ignored */
  g_setenv ("CIRO_NOW", "", TRUE);
  check_clock ();
  g_setenv ("CIRO_NOW", "tomorrow", TRUE);
  check_clock ();
  g_setenv ("CIRO_NOW", "2025-02-29 10:00:00", TRUE);
  check_clock ();
  g_unsetenv ("CIRO_NOW");
}

/* Times shown to a person (the last sync, the sync history) are Istanbul
 * time like the orders, also on a machine set to another zone:
 * 1700000000 is 2023-11-14 22:13:20 UTC, 15 Nov 01:13:20 in Istanbul. */
static void
test_datetime_istanbul (void)
{
  g_autoptr(GDateTime) a = NULL;
  g_autoptr(GDateTime) b = NULL;
  g_autofree char *text = NULL;

  g_setenv ("TZ", "America/New_York", TRUE);
  a = ciro_datetime_from_unix (1700000000);
  g_assert_nonnull (a);
  g_assert_cmpint (g_date_time_get_year (a), ==, 2023);
  g_assert_cmpint (g_date_time_get_month (a), ==, 11);
  g_assert_cmpint (g_date_time_get_day_of_month (a), ==, 15);
  g_assert_cmpint (g_date_time_get_hour (a), ==, 1);
  g_assert_cmpint (g_date_time_get_minute (a), ==, 13);
  g_assert_cmpint (g_date_time_get_utc_offset (a) / G_TIME_SPAN_SECOND, ==, 3 * 3600);
  text = g_date_time_format (a, "%Y-%m-%d %H:%M:%S");
  g_assert_cmpstr (text, ==, "2023-11-15 01:13:20");
  /* the same instant */
  g_assert_cmpint (g_date_time_to_unix (a), ==, 1700000000);
  /* before the epoch too */
  b = ciro_datetime_from_unix (-1);
  g_assert_cmpint (g_date_time_get_hour (b), ==, 2);
  g_assert_cmpint (g_date_time_get_minute (b), ==, 59);
  g_unsetenv ("TZ");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/date/known-days", test_known_days);
  g_test_add_func ("/date/invalid-days", test_invalid_days);
  g_test_add_func ("/date/round-trip", test_round_trip);
  g_test_add_func ("/date/weekdays", test_weekdays);
  g_test_add_func ("/date/months", test_months);
  g_test_add_func ("/date/day-parse-format", test_day_parse_format);
  g_test_add_func ("/date/datetime-parse", test_datetime_parse);
  g_test_add_func ("/date/datetime-format", test_datetime_format);
  g_test_add_func ("/date/unix", test_unix);
  g_test_add_func ("/date/now-override", test_now_override);
  g_test_add_func ("/date/now-clock", test_now_clock);
  g_test_add_func ("/date/datetime-istanbul", test_datetime_istanbul);
  return g_test_run ();
}
