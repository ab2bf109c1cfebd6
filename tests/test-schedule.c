/* test-schedule.c: the scheduler's decisions with an injected clock
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sync/ciro-schedule.h"

/* 2026-03-10 00:00 in Istanbul = 2026-03-09 21:00 UTC:
 * (20454 + 31 + 28 + 9) × 86400 − 3 × 3600 = 1773090000 */
#define DAY0 G_GINT64_CONSTANT (1773090000)
#define T(day, h, m) (DAY0 + (gint64) (day) * 86400 + (h) * 3600 + (m) * 60)

static void
check (gint64 now, gint64 last_full, gint64 last_live, CiroRunKind expected, gint64 expected_next)
{
  CiroSchedule s;
  gint64 next = -1;
  CiroRunKind k;

  ciro_schedule_init (&s);
  k = ciro_schedule_due (&s, now, last_full, last_live, &next);
  g_assert_cmpint (k, ==, expected);
  g_assert_cmpint (next, ==, expected_next);
}

static void
test_full (void)
{
  /* 01:00: yesterday's 02:00 run happened; next check at 02:00 */
  check (T (0, 1, 0), T (-1, 2, 5), T (-1, 22, 55), CIRO_RUN_NONE, T (0, 2, 0));
  /* 02:00 sharp: due */
  check (T (0, 2, 0), T (-1, 2, 5), T (-1, 22, 55), CIRO_RUN_FULL, T (0, 2, 0));
  /* the machine was off at 02:00 two days running: due as soon as Ciro runs */
  check (T (0, 9, 30), T (-2, 2, 0), T (-2, 9, 0), CIRO_RUN_FULL, T (0, 9, 30));
  /* never synced */
  check (T (0, 15, 0), 0, 0, CIRO_RUN_FULL, T (0, 15, 0));
}

static void
test_live_window (void)
{
  gint64 full = T (0, 2, 1);

  /* 09:30, last live 09:25: the next one at 09:35 */
  check (T (0, 9, 30), full, T (0, 9, 25), CIRO_RUN_NONE, T (0, 9, 35));
  check (T (0, 9, 35), full, T (0, 9, 25), CIRO_RUN_LIVE, T (0, 9, 35));
  /* before 08:00 nothing; at 08:00 the first live sync */
  check (T (0, 7, 59), full, T (-1, 22, 55), CIRO_RUN_NONE, T (0, 8, 0));
  check (T (0, 8, 0), full, T (-1, 22, 55), CIRO_RUN_LIVE, T (0, 8, 0));
  /* near 23:00: a due run still runs at 22:59, none is planned past 23:00 */
  check (T (0, 22, 59), full, T (0, 22, 45), CIRO_RUN_LIVE, T (0, 22, 59));
  check (T (0, 22, 55), full, T (0, 22, 50), CIRO_RUN_NONE, T (1, 2, 0));
  /* after 23:00: the next check is tomorrow's full sync */
  check (T (0, 23, 30), full, T (0, 22, 55), CIRO_RUN_NONE, T (1, 2, 0));
  /* across midnight nothing changes until 02:00 */
  check (T (1, 0, 10), full, T (0, 22, 55), CIRO_RUN_NONE, T (1, 2, 0));
  /* a full sync counts as a live one */
  check (T (0, 9, 5), T (0, 9, 0), T (0, 8, 0), CIRO_RUN_NONE, T (0, 9, 10));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/schedule/full", test_full);
  g_test_add_func ("/schedule/live-window", test_live_window);
  return g_test_run ();
}
