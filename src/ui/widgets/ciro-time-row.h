/* ciro-time-row.h: a row editing a time of day, "HH:MM"
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CIRO_TYPE_TIME_ROW (ciro_time_row_get_type ())
G_DECLARE_FINAL_TYPE (CiroTimeRow, ciro_time_row, CIRO, TIME_ROW, AdwActionRow)

/* "H:MM" or "HH:MM" → seconds after midnight; -1 when not a time. */
int          ciro_time_row_parse    (const char *text);

GtkWidget   *ciro_time_row_new      (const char *key);
const char  *ciro_time_row_get_time (CiroTimeRow *self);
void         ciro_time_row_set_time (CiroTimeRow *self,
                                     const char  *time);

G_END_DECLS
