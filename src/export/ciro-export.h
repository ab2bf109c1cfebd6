/* ciro-export.h: the engine's reports written to files for the accountant
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "analytics/ciro-report.h"
#include "core/ciro-money.h"

G_BEGIN_DECLS

typedef enum {
  CIRO_EXPORT_SALES,
  CIRO_EXPORT_PRODUCTS,
  CIRO_EXPORT_PNL,
  CIRO_EXPORT_PLATFORMS,
  CIRO_EXPORT_CUSTOMERS,
  /* the stock lists as of the window's last day (all marketplaces): low
   * stock, running out, slow moving, dead stock, with stock value at cost */
  CIRO_EXPORT_STOCK,
  /* the window's categories (insights.md §1) with their changes */
  CIRO_EXPORT_CATEGORIES,
  /* insights.md §4 over the window: each customer's RFM scores, segment,
   * loyalty, VIP, churn risk and lifetime value; the cohorts of customers
   * whose first order falls in the window, month by month */
  CIRO_EXPORT_RFM,
  CIRO_EXPORT_COHORTS,
  /* insights.md §3 over the window and marketplace: the per-carrier table,
   * the late orders and the recommendations (CSV: the carrier table) */
  CIRO_EXPORT_CARRIERS,
} CiroExportKind;

gboolean ciro_export_kind_from_string (const char *text, CiroExportKind *out);

typedef enum {
  CIRO_EXPORT_FORMAT_CSV,
  CIRO_EXPORT_FORMAT_XLSX,
  CIRO_EXPORT_FORMAT_PDF,
  CIRO_EXPORT_FORMAT_N,
} CiroExportFormat;

/* A file name that says what the file holds: the report, its days and its
 * marketplace, "ciro-sales-2026-09-01-2026-11-30-ciceksepeti.xlsx". */
char    *ciro_export_default_name     (CiroExportKind          kind,
                                       const CiroReportFilter *filter,
                                       const char             *extension);

/* CSV (RFC 4180, UTF-8 with a BOM, a header row). The Turkish style uses ';'
 * between fields and a decimal comma, as Excel in Turkish expects; the
 * English style ',' and a decimal point. The file appears at `path` only when
 * complete: it is written beside it under another name and renamed. */
gboolean ciro_export_csv (CiroStore              *store,
                          CiroExportKind          kind,
                          const CiroReportFilter *filter,
                          CiroNumberStyle         style,
                          const char             *path,
                          GCancellable           *cancellable,
                          GError                **error);

/* XLSX: one sheet per part (sales adds a daily totals sheet), real numeric
 * cells with a TRY number format, dates as dates, a bold frozen header with a
 * filter, a totals row of formulas, document properties. Written in
 * libxlsxwriter's constant-memory mode, so a million-line sales report
 * streams; renamed into place only when complete. */
gboolean ciro_export_xlsx (CiroStore              *store,
                           CiroExportKind          kind,
                           const CiroReportFilter *filter,
                           const char             *path,
                           GCancellable           *cancellable,
                           GError                **error);

/* PDF on A4 (landscape for the wide sales and product tables): the store's
 * name, the days and the time of writing on every page, page numbers, the
 * KPIs and the window's charts on the first page, then the table, breaking
 * across pages with its header repeated, and a totals row. Fonts are
 * embedded. Rows stream onto pages; renamed into place only when complete. */
gboolean ciro_export_pdf (CiroStore              *store,
                          CiroExportKind          kind,
                          const CiroReportFilter *filter,
                          CiroNumberStyle         style,
                          const char             *path,
                          GCancellable           *cancellable,
                          GError                **error);

/* One report in one format, numbers in the user's style; blocks (call it
 * off the main thread, with the thread's own store connection). */
gboolean ciro_export_write (CiroStore              *store,
                            CiroExportKind          kind,
                            CiroExportFormat        format,
                            const CiroReportFilter *filter,
                            const char             *path,
                            GCancellable           *cancellable,
                            GError                **error);

G_END_DECLS
