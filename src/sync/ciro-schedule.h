/* ciro-schedule.h: when the next sync is due (a pure function of the clock)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gint32 full_at;        /* Istanbul seconds after midnight of the daily full sync: 02:00 */
  gint32 live_every;     /* seconds between live syncs: 600 */
  gint32 live_from;      /* live syncs run from 08:00 … */
  gint32 live_until;     /* … until 23:00 (exclusive) */
} CiroSchedule;

typedef enum {
  CIRO_RUN_NONE,
  CIRO_RUN_FULL,
  CIRO_RUN_LIVE,
} CiroRunKind;

void        ciro_schedule_init (CiroSchedule *schedule);
/* Which run is due at `now` (unix time) given when the last full and live
 * runs started (0 = never), and in *next_check the unix time at which the
 * answer next changes. A full run missed (the machine was off at 02:00) is
 * due as soon as Ciro runs again; a full run counts as a live one. */
CiroRunKind ciro_schedule_due  (const CiroSchedule *schedule,
                                gint64              now,
                                gint64              last_full,
                                gint64              last_live,
                                gint64             *next_check);

G_END_DECLS
