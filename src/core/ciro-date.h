/* ciro-date.h: calendar days and wall times in Europe/Istanbul (UTC+3 all year)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ciro-types.h"

G_BEGIN_DECLS

#define CIRO_ISTANBUL_UTC_OFFSET_SECONDS (3 * 3600)

/* Proleptic Gregorian; y in 1..9999. Returns CIRO_DAY_INVALID for impossible dates. */
CiroDay  ciro_day_from_ymd       (int y, int m, int d);
void     ciro_day_to_ymd         (CiroDay day, int *y, int *m, int *d);
/* 0 = Monday … 6 = Sunday */
int      ciro_day_weekday        (CiroDay day);
/* Months are counted as y * 12 + (m - 1). */
gint32   ciro_day_month          (CiroDay day);
CiroDay  ciro_month_first_day    (gint32 month);
CiroDay  ciro_month_last_day     (gint32 month);

/* "YYYY-MM-DD" strictly. */
gboolean ciro_day_parse          (const char *text, CiroDay *out, GError **error);
/* Writes "YYYY-MM-DD" into buf (at least 11 bytes) and returns buf. */
char    *ciro_day_format         (CiroDay day, char buf[11]);
char    *ciro_day_to_string      (CiroDay day);

/* "YYYY-MM-DD HH:MM:SS" or with 'T'; seconds may be omitted ("HH:MM"), a
 * trailing fraction ".123" is ignored. Gives the day and seconds since local
 * midnight. Surrounding white space is ignored. */
gboolean ciro_datetime_parse     (const char *text,
                                  CiroDay    *day,
                                  gint32     *seconds,
                                  GError    **error);
/* "YYYY-MM-DD HH:MM:SS"; free with g_free. */
char    *ciro_datetime_format    (CiroDay day, gint32 seconds);

/* The current Istanbul day and time. CIRO_NOW="YYYY-MM-DD HH:MM:SS" in the
 * environment overrides the clock (tests, reproducible demos). */
CiroDay  ciro_today              (void);
void     ciro_now                (CiroDay *day, gint32 *seconds);
/* Istanbul wall time of a UTC unix time. */
void     ciro_from_unix          (gint64 unix_utc, CiroDay *day, gint32 *seconds);
gint64   ciro_to_unix            (CiroDay day, gint32 seconds);
/* A UTC unix time as a GDateTime in Istanbul time, whatever the machine's
 * zone: what a person is shown beside the orders' times. */
GDateTime *ciro_datetime_from_unix (gint64 unix_utc);

G_END_DECLS
