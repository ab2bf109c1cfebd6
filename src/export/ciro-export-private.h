/* ciro-export-private.h: what the report writers write into
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ciro-export.h"

G_BEGIN_DECLS

/* What a column holds: each format writes, sizes and totals it by this. */
typedef enum {
  CIRO_COLUMN_TEXT,        /* free text: names, cities */
  CIRO_COLUMN_CODE,        /* text that must stay text: codes, SKUs, phones */
  CIRO_COLUMN_STATUS,      /* sold or cancelled/returned: totals are split by it */
  CIRO_COLUMN_COUNT,       /* a count that adds up down the column */
  CIRO_COLUMN_INTEGER,     /* a whole number that does not add up (a rank) */
  CIRO_COLUMN_MONEY,       /* money that adds up */
  CIRO_COLUMN_UNIT_MONEY,  /* money that does not add up (a unit price) */
  CIRO_COLUMN_PERCENT,     /* 12.5 means 12.5 % */
  CIRO_COLUMN_DECIMAL,     /* a plain decimal that does not add up */
  CIRO_COLUMN_DATE,
  CIRO_COLUMN_DATETIME,
  CIRO_COLUMN_DAYS,        /* a duration in days, one decimal, no total */
} CiroColumnKind;

typedef struct {
  const char     *name;    /* English, translated by the sink; NULL ends a list */
  CiroColumnKind  kind;
} CiroColumn;

#define CIRO_EXPORT_MAX_COLUMNS 64

typedef struct _CiroSink CiroSink;

/* One table: a header row, then cells row by row. Each format turns the
 * calls into its own cells. */
struct _CiroSink {
  void (*header)   (CiroSink *sink, const CiroColumn *columns);
  void (*text)     (CiroSink *sink, const char *text);
  void (*integer)  (CiroSink *sink, gint64 value);
  void (*money)    (CiroSink *sink, CiroKurus value);
  void (*percent)  (CiroSink *sink, double value);
  void (*decimal)  (CiroSink *sink, double value);
  void (*date)     (CiroSink *sink, CiroDay day);
  void (*datetime) (CiroSink *sink, CiroDay day, gint32 seconds);
  void (*empty)    (CiroSink *sink);
  void (*end_row)  (CiroSink *sink);
  gboolean failed;
  /* A report of several tables (the stock lists) starts each with its
   * title (translated) before its header: a sheet, a titled table. NULL:
   * the format holds one table, and the report writes the lists as one
   * with a column that names each row's list. */
  void (*section)  (CiroSink *sink, const char *title);
};

/* The one rounding rule of every output: a ratio is shown with two
 * decimals, rounded half away from zero, as the JSON and the window do. */
double   ciro_export_round2        (double value);
/* The same with one decimal: durations in days. */
double   ciro_export_round1        (double value);

/* The store's KVKK setting: names, e-mails and phones masked in exports. */
gboolean ciro_export_masks_personal_data (CiroStore *store);

/* The status column's words, as written in the rows (translated). */
const char *ciro_export_status_text (gboolean cancelled);

/* How the sales table's orders without lines and shipping are written, for
 * the formats' totals: column indexes into the sales table. */
enum {
  CIRO_SALES_COL_DATE,
  CIRO_SALES_COL_ORDER,
  CIRO_SALES_COL_MARKETPLACE,
  CIRO_SALES_COL_SHOP,
  CIRO_SALES_COL_STATUS,
  CIRO_SALES_COL_SKU,
  CIRO_SALES_COL_PRODUCT,
  CIRO_SALES_COL_QUANTITY,
  CIRO_SALES_COL_UNIT_PRICE,
  CIRO_SALES_COL_AMOUNT,
  CIRO_SALES_COL_SHIPPING_INCOME,
  CIRO_SALES_COL_COST,
  CIRO_SALES_COL_COMMISSION,
  CIRO_SALES_COL_SHIPPING_EXPENSE,
  CIRO_SALES_N_COLS,
};

gboolean ciro_export_write_report (CiroSink               *sink,
                                   CiroStore              *store,
                                   CiroExportKind          kind,
                                   const CiroReportFilter *filter,
                                   GCancellable           *cancellable,
                                   GError                **error);

/* The window's days, one row each: the sales report's second table. */
gboolean ciro_export_write_daily  (CiroSink               *sink,
                                   CiroStore              *store,
                                   const CiroReportFilter *filter,
                                   GError                **error);

/* The stock lists' titles (translated), in CiroStockList's order. */
const char *ciro_export_stock_list_title (CiroStockList list);

/* P&L columns: months of the window, a partial month named by its days. */
char    *ciro_export_month_label  (const CiroReportFilter *filter,
                                   gint32                  month);

/* The file frame every format writes in: a private file beside the target,
 * renamed over it only when whole. */
typedef struct {
  char *path;              /* the target */
  char *tmp;               /* where it is written */
  int   fd;
} CiroExportFile;

gboolean ciro_export_file_open    (CiroExportFile *file,
                                   const char     *path,
                                   GError        **error);
/* Flushes to the disk and renames into place; on failure removes it. */
gboolean ciro_export_file_commit  (CiroExportFile *file,
                                   GError        **error);
/* Removes the file being written; safe after commit and twice. */
void     ciro_export_file_abort   (CiroExportFile *file);
/* The GError every format gives for a write that failed. */
void     ciro_export_set_write_error (GError    **error,
                                      const char *path,
                                      const char *reason);

G_END_DECLS
