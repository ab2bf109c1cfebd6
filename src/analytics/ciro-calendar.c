/* ciro-calendar.c: the Turkish trading calendar of the forecast
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-analytics"

#include "config.h"

#include <glib/gi18n.h>

#include "core/ciro-date.h"
#include "ciro-calendar.h"

/* The first day of each bayram (the arife is the day before), as
 * month * 100 + day; a second entry when the lunar year fits twice in the
 * solar one, else 0. */
static const struct {
  int    year;
  guint  ramazan[2];
  guint  kurban[2];
} bayrams[] = {
  { 2018, {  615, 0 }, {  821, 0 } },
  { 2019, {  604, 0 }, {  811, 0 } },
  { 2020, {  524, 0 }, {  731, 0 } },
  { 2021, {  513, 0 }, {  720, 0 } },
  { 2022, {  502, 0 }, {  709, 0 } },
  { 2023, {  421, 0 }, {  628, 0 } },
  { 2024, {  410, 0 }, {  616, 0 } },
  { 2025, {  330, 0 }, {  606, 0 } },
  { 2026, {  320, 0 }, {  527, 0 } },
  { 2027, {  309, 0 }, {  516, 0 } },
  { 2028, {  226, 0 }, {  505, 0 } },
  { 2029, {  214, 0 }, {  424, 0 } },
  { 2030, {  204, 0 }, {  413, 0 } },
  { 2031, {  124, 0 }, {  402, 0 } },
  { 2032, {  114, 0 }, {  322, 0 } },
  { 2033, {  102, 1223 }, { 311, 0 } },
  { 2034, { 1212, 0 }, {  301, 0 } },
  { 2035, { 1201, 0 }, {  218, 0 } },
};

guint
ciro_calendar_bayram_days (int year, gboolean kurban, CiroDay out[2])
{
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (bayrams); i++)
    {
      const guint *md = kurban ? bayrams[i].kurban : bayrams[i].ramazan;

      if (bayrams[i].year != year)
        continue;
      for (guint k = 0; k < 2 && md[k] != 0; k++)
        out[n++] = ciro_day_from_ymd (year, (int) (md[k] / 100), (int) (md[k] % 100));
    }
  return n;
}

/* The n-th (1-based) `weekday` (0 = Monday) of a month. */
static CiroDay
nth_weekday (int year, int month, int weekday, int n)
{
  CiroDay first = ciro_day_from_ymd (year, month, 1);
  int shift = (weekday - ciro_day_weekday (first) + 7) % 7;

  return first + shift + 7 * (n - 1);
}

static void
add (GArray *out, CiroDay from, CiroDay to, CiroEventKind kind, CiroDay first, CiroDay last)
{
  CiroCalendarEvent e = { kind, first, last };

  if (last >= from && first <= to)
    g_array_append_val (out, e);
}

static int
event_compare (gconstpointer a, gconstpointer b)
{
  const CiroCalendarEvent *x = a, *y = b;

  if (x->first != y->first)
    return x->first < y->first ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

GArray *
ciro_calendar_events (CiroDay from, CiroDay to)
{
  static const guint holidays[] = { 423, 501, 519, 715, 830, 1029 };
  GArray *out = g_array_new (FALSE, FALSE, sizeof (CiroCalendarEvent));
  int y0, y1, m, d;

  if (from == CIRO_DAY_INVALID || to == CIRO_DAY_INVALID || from > to)
    return out;
  ciro_day_to_ymd (from, &y0, &m, &d);
  ciro_day_to_ymd (to, &y1, &m, &d);
  /* a year's events reach at most a week into the next one */
  for (int y = y0 - 1; y <= y1; y++)
    {
      CiroDay bf = nth_weekday (y, 11, 4, 4);
      CiroDay mothers = nth_weekday (y, 5, 6, 2);
      CiroDay fathers = nth_weekday (y, 6, 6, 3);

      add (out, from, to, CIRO_EVENT_NEW_YEAR_SHOPPING,
           ciro_day_from_ymd (y, 12, 24), ciro_day_from_ymd (y, 12, 31));
      add (out, from, to, CIRO_EVENT_NEW_YEAR_DAY,
           ciro_day_from_ymd (y, 1, 1), ciro_day_from_ymd (y, 1, 1));
      add (out, from, to, CIRO_EVENT_VALENTINES,
           ciro_day_from_ymd (y, 2, 7), ciro_day_from_ymd (y, 2, 14));
      add (out, from, to, CIRO_EVENT_MOTHERS_DAY, mothers - 7, mothers - 1);
      add (out, from, to, CIRO_EVENT_FATHERS_DAY, fathers - 7, fathers - 1);
      add (out, from, to, CIRO_EVENT_SINGLES_DAY,
           ciro_day_from_ymd (y, 11, 11), ciro_day_from_ymd (y, 11, 11));
      add (out, from, to, CIRO_EVENT_BLACK_FRIDAY, bf, bf);
      add (out, from, to, CIRO_EVENT_BLACK_FRIDAY_WEEK, bf - 4, bf - 1);
      add (out, from, to, CIRO_EVENT_BLACK_FRIDAY_WEEK, bf + 1, bf + 3);
      add (out, from, to, CIRO_EVENT_BACK_TO_SCHOOL,
           ciro_day_from_ymd (y, 8, 25), ciro_day_from_ymd (y, 9, 14));
      for (guint i = 0; i < G_N_ELEMENTS (holidays); i++)
        {
          CiroDay h = ciro_day_from_ymd (y, (int) (holidays[i] / 100), (int) (holidays[i] % 100));
          add (out, from, to, CIRO_EVENT_PUBLIC_HOLIDAY, h, h);
        }
      for (int k = 0; k < 2; k++)
        {
          CiroDay first[2];
          guint n = ciro_calendar_bayram_days (y, k == 1, first);

          for (guint i = 0; i < n; i++)
            {
              CiroDay arife = first[i] - 1;

              add (out, from, to, k ? CIRO_EVENT_KURBAN_SHOPPING : CIRO_EVENT_RAMAZAN_SHOPPING,
                   arife - 7, arife - 1);
              add (out, from, to, k ? CIRO_EVENT_KURBAN_ARIFE : CIRO_EVENT_RAMAZAN_ARIFE,
                   arife, arife);
              add (out, from, to, k ? CIRO_EVENT_KURBAN_BAYRAM : CIRO_EVENT_RAMAZAN_BAYRAM,
                   first[i], first[i] + (k ? 3 : 2));
            }
        }
    }
  g_array_sort (out, event_compare);
  return out;
}

guint32 *
ciro_calendar_masks (CiroDay first, guint n)
{
  guint32 *masks = g_new0 (guint32, MAX (n, 1));
  g_autoptr(GArray) events = NULL;

  if (n == 0)
    return masks;
  events = ciro_calendar_events (first, first + (CiroDay) n - 1);
  for (guint i = 0; i < events->len; i++)
    {
      const CiroCalendarEvent *e = &g_array_index (events, CiroCalendarEvent, i);

      for (CiroDay d = MAX (e->first, first); d <= MIN (e->last, first + (CiroDay) n - 1); d++)
        masks[d - first] |= 1u << e->kind;
    }
  return masks;
}

static const struct {
  const char *key;
  const char *name;
} events[CIRO_EVENT_N] = {
  [CIRO_EVENT_NEW_YEAR_SHOPPING] = { "new_year_shopping", N_("New Year shopping") },
  [CIRO_EVENT_NEW_YEAR_DAY]      = { "new_year_day", N_("New Year's Day") },
  [CIRO_EVENT_VALENTINES]        = { "valentines_day", N_("Valentine's Day week") },
  [CIRO_EVENT_MOTHERS_DAY]       = { "mothers_day", N_("Mother's Day week") },
  [CIRO_EVENT_FATHERS_DAY]       = { "fathers_day", N_("Father's Day week") },
  [CIRO_EVENT_SINGLES_DAY]       = { "11.11", N_("11.11") },
  [CIRO_EVENT_BLACK_FRIDAY]      = { "black_friday", N_("Black Friday") },
  [CIRO_EVENT_BLACK_FRIDAY_WEEK] = { "black_friday_week", N_("Black Friday week") },
  [CIRO_EVENT_RAMAZAN_SHOPPING]  = { "ramazan_bayrami_shopping", N_("Before Ramazan Bayramı") },
  [CIRO_EVENT_RAMAZAN_ARIFE]     = { "ramazan_bayrami_arife", N_("Ramazan Bayramı eve") },
  [CIRO_EVENT_RAMAZAN_BAYRAM]    = { "ramazan_bayrami", N_("Ramazan Bayramı") },
  [CIRO_EVENT_KURBAN_SHOPPING]   = { "kurban_bayrami_shopping", N_("Before Kurban Bayramı") },
  [CIRO_EVENT_KURBAN_ARIFE]      = { "kurban_bayrami_arife", N_("Kurban Bayramı eve") },
  [CIRO_EVENT_KURBAN_BAYRAM]     = { "kurban_bayrami", N_("Kurban Bayramı") },
  [CIRO_EVENT_BACK_TO_SCHOOL]    = { "back_to_school", N_("Back to school") },
  [CIRO_EVENT_PUBLIC_HOLIDAY]    = { "public_holiday", N_("Public holiday") },
};

const char *
ciro_event_key (CiroEventKind kind)
{
  g_return_val_if_fail (kind < CIRO_EVENT_N, NULL);
  return events[kind].key;
}

const char *
ciro_event_name (CiroEventKind kind)
{
  g_return_val_if_fail (kind < CIRO_EVENT_N, NULL);
  return _(events[kind].name);
}
