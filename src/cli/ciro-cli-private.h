/* ciro-cli-private.h
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdio.h>

#include "analytics/ciro-report.h"

G_BEGIN_DECLS

typedef enum {
  CLI_FORMAT_TABLE,
  CLI_FORMAT_JSON,
  CLI_FORMAT_CSV,
} CliFormat;

typedef enum {
  CLI_TEXT,
  CLI_INT,
  CLI_MONEY,    /* i in kuruş */
  CLI_PCT,      /* d; NAN = null */
  CLI_REAL,     /* d; NAN = null (∞ for people) */
  CLI_BOOL,
  CLI_NULL,
  CLI_ID,       /* i, never grouped */
} CliKind;

typedef struct {
  CliKind kind;
  gint64  i;
  double  d;
  char   *s;      /* owned */
} CliValue;

typedef struct {
  guint        n_columns;
  const char **columns;   /* JSON/CSV keys */
  const char **labels;    /* for people; NULL = the key */
  GPtrArray   *rows;      /* CliValue[n_columns] */
} CliTable;

CliTable *cli_table_new      (guint n_columns);
void      cli_table_free     (CliTable *t);
CliValue *cli_table_add_row  (CliTable *t);
void      cli_print_table    (CliTable *t, CliFormat format, FILE *fp);
void      cli_json_string    (GString *out, const char *s);
void      cli_value_json     (GString *out, const CliValue *v);
char     *cli_value_text     (const CliValue *v, gboolean for_people);

/* ciro-cli-unmatched.c: `unmatched --suggest`, `accept`, `import`, `export`;
 * each returns the exit status. */
int       cli_unmatched_suggest (CiroStore *store, CliFormat format, gint64 limit);
int       cli_unmatched_accept  (CiroStore *store, guint min_percent, CliFormat format);
int       cli_unmatched_import  (CiroStore *store, const char *file, CliFormat format);
int       cli_unmatched_export  (CiroStore *store, const char *file);

/* ciro-cli-ask.c: `ask "QUESTION"`; returns the exit status. */
int       cli_ask               (CiroStore *store, const char *question, CliFormat format);
/* ciro-cli-forecast.c: `report forecast`; history up to today − 1 */
int       cli_report_forecast   (CiroStore  *store,
                                 gint32      today,
                                 const char *marketplace,
                                 const char *metric,
                                 const char *days,
                                 gboolean    backtest,
                                 CliFormat   format);

/* ciro-cli-carriers.c: `report carriers` and `report late-orders`
 * (insights.md §3); each returns the exit status. */
int       cli_report_carriers    (CiroStore *store, const CiroReportFilter *f, CliFormat format);
int       cli_report_late_orders (CiroStore *store, const CiroReportFilter *f, CliFormat format);

/* ciro-cli-baskets.c: `report baskets`; the options as given (NULL: unset) */
int       cli_report_baskets     (CiroStore              *store,
                                  const CiroReportFilter *f,
                                  const char             *min_count,
                                  const char             *size,
                                  const char             *product_sku,
                                  const char             *sort,
                                  gint64                  limit,
                                  CliFormat               format);

/* ciro-cli-customers.c: `report customers|rfm|cohorts|clv`; the exit
 * status, or -1 with `error` set when the store failed. */
int       cli_report_customers  (CiroStore *store, const CiroReportFilter *f, const char *what, gint64 limit,
                                 CliFormat format, GError **error);

/* ciro-cli-carriers.c: `tariff set|list|remove` (insights.md §3); the
 * exit status. */
int       cli_tariff            (CiroStore  *store,
                                 GPtrArray  *words,
                                 const char *marketplace,
                                 const char *from,
                                 CliFormat   format);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliTable, cli_table_free)

G_END_DECLS
