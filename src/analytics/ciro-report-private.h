/* ciro-report-private.h: what the report engines share among themselves
 *
 * A window's figures are read from the rollups in slices: its whole months
 * from a monthly table, the partial months at its edges from the daily one,
 * so that a two-year window reads ~24 monthly slices and at most two runs
 * of days.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ciro-report.h"
#include "store/ciro-store-sql.h"

G_BEGIN_DECLS

/* Called for each row of a slice; `period_is_day` tells whether the
 * slice's period column holds days (else months). */
typedef void (*CiroSliceRowFunc) (sqlite3_stmt *stmt, gboolean period_is_day, gpointer data);

/* Runs `month_sql` over the window's whole months and `day_sql` over its
 * other days; both bind ?1, ?2 (the first and last period) and ?3 (a
 * marketplace id, 0 for all). `what` names the figures in errors. */
gboolean ciro_report_read_slices   (CiroStore        *store,
                                    const char       *month_sql,
                                    const char       *day_sql,
                                    CiroDay           from,
                                    CiroDay           to,
                                    gint64            marketplace_id,
                                    CiroSliceRowFunc  func,
                                    gpointer          data,
                                    const char       *what,
                                    GError          **error);
/* Asks the kernel to back a big array with 2 MB pages where it can: a
 * report's arrays are filled once, and each first touch of a 4 KB page is
 * a fault (some µs in a virtual machine), thousands of them a report.
 * Only advice: nothing changes where it is not taken. */
void     ciro_report_advise_huge   (gpointer          mem,
                                    gsize             size);

/* The id of the filter's marketplace: 0 for all, -1 (an id no row has) for
 * a marketplace the store does not know. */
gboolean ciro_report_marketplace_id (CiroStore              *store,
                                     const CiroReportFilter *filter,
                                     gint64                 *id,
                                     GError                **error);

/* TRUE (the default): the ranking of all marketplaces reads the running
 * totals, a marketplace's reads its rows period by period; FALSE: every
 * month row of the window, as before v14, and for a marketplace a range
 * of periods (the benchmark's baseline). */
extern gboolean ciro_report_products_totals;

G_END_DECLS
