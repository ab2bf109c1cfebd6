/* ciro-calendar.h: the Turkish trading calendar of the forecast
 *
 * The days that move a Turkish online shop's sales (insights.md §2):
 * fixed public holidays, the shopping days (11.11, Black Friday, Yılbaşı,
 * 14 Şubat, Anneler and Babalar Günü, back to school) and the two
 * bayrams with their arife days. The bayrams follow the lunar calendar;
 * their first days are a table for 2018–2035 (Diyanet's announced dates;
 * 2033–2035 are the astronomical estimates Diyanet's calendar gives ahead
 * of confirmation). Outside those years no bayram is known.
 *
 * No GTK, no store: plain days.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "core/ciro-types.h"

G_BEGIN_DECLS

#define CIRO_CALENDAR_FIRST_YEAR 2018
#define CIRO_CALENDAR_LAST_YEAR  2035

typedef enum {
  CIRO_EVENT_NEW_YEAR_SHOPPING,  /* 24–31 December: Yılbaşı gifts */
  CIRO_EVENT_NEW_YEAR_DAY,       /* 1 January, a public holiday */
  CIRO_EVENT_VALENTINES,         /* 7–14 February */
  CIRO_EVENT_MOTHERS_DAY,        /* the 7 days before the second Sunday of May */
  CIRO_EVENT_FATHERS_DAY,        /* the 7 days before the third Sunday of June */
  CIRO_EVENT_SINGLES_DAY,        /* 11 November (11.11) */
  CIRO_EVENT_BLACK_FRIDAY,       /* the fourth Friday of November (Efsane Cuma) */
  CIRO_EVENT_BLACK_FRIDAY_WEEK,  /* its Monday to the Monday after, but the Friday */
  CIRO_EVENT_RAMAZAN_SHOPPING,   /* the 7 days before Ramazan Bayramı's arife */
  CIRO_EVENT_RAMAZAN_ARIFE,      /* the eve */
  CIRO_EVENT_RAMAZAN_BAYRAM,     /* the 3 days of the bayram */
  CIRO_EVENT_KURBAN_SHOPPING,    /* the 7 days before Kurban Bayramı's arife */
  CIRO_EVENT_KURBAN_ARIFE,
  CIRO_EVENT_KURBAN_BAYRAM,      /* the 4 days of the bayram */
  CIRO_EVENT_BACK_TO_SCHOOL,     /* 25 August – 14 September */
  CIRO_EVENT_PUBLIC_HOLIDAY,     /* 23 Nisan, 1 Mayıs, 19 Mayıs, 15 Temmuz, 30 Ağustos, 29 Ekim */
  CIRO_EVENT_N
} CiroEventKind;

typedef struct {
  CiroEventKind kind;
  CiroDay       first;    /* inclusive */
  CiroDay       last;     /* inclusive */
} CiroCalendarEvent;

/* Every event with a day in [from, to], by first day then kind.
 * Elements: CiroCalendarEvent. */
GArray     *ciro_calendar_events       (CiroDay from, CiroDay to);
/* For each day of [first, first + n): a bit (1u << kind) per event on it. */
guint32    *ciro_calendar_masks        (CiroDay first, guint n);
/* The first days of Ramazan (kurban FALSE) or Kurban Bayramı in `year`:
 * 0 outside the table's years, 2 when the lunar year fits twice (2033). */
guint       ciro_calendar_bayram_days  (int year, gboolean kurban, CiroDay out[2]);
/* The stable English key (JSON) and the name for people (translated). */
const char *ciro_event_key             (CiroEventKind kind);
const char *ciro_event_name            (CiroEventKind kind);

G_END_DECLS
