/* ciro-schedule.c: when the next sync is due
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "core/ciro-date.h"
#include "ciro-schedule.h"

void
ciro_schedule_init (CiroSchedule *s)
{
  s->full_at = 2 * 3600;
  s->live_every = 600;
  s->live_from = 8 * 3600;
  s->live_until = 23 * 3600;
}

/* unix time of Istanbul wall time `seconds` on the day of `now`, shifted by `days` */
static gint64
at (gint64 now, gint32 seconds, int days)
{
  CiroDay day;
  gint32 s;

  ciro_from_unix (now, &day, &s);
  return ciro_to_unix (day + days, seconds);
}

CiroRunKind
ciro_schedule_due (const CiroSchedule *s,
                   gint64              now,
                   gint64              last_full,
                   gint64              last_live,
                   gint64             *next_check)
{
  CiroDay day;
  gint32 clock;
  gint64 slot, next_slot, window_open, window_close, next_live;
  gint64 last_any = MAX (last_full, last_live);

  ciro_from_unix (now, &day, &clock);

  /* the most recent full-sync slot at or before now */
  slot = at (now, s->full_at, clock >= s->full_at ? 0 : -1);
  next_slot = slot + 86400;
  if (last_full < slot)
    {
      if (next_check)
        *next_check = now;
      return CIRO_RUN_FULL;
    }

  window_open = at (now, s->live_from, 0);
  window_close = at (now, s->live_until, 0);
  if (now >= window_open && now < window_close)
    {
      next_live = MAX (window_open, last_any + s->live_every);
      if (next_live <= now)
        {
          if (next_check)
            *next_check = now;
          return CIRO_RUN_LIVE;
        }
      if (next_live >= window_close)
        next_live = at (now, s->live_from, 1);
    }
  else if (now < window_open)
    next_live = MAX (window_open, last_any + s->live_every);
  else
    next_live = at (now, s->live_from, 1);

  if (next_check)
    *next_check = MIN (next_slot, next_live);
  return CIRO_RUN_NONE;
}
