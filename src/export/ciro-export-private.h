/* ciro-export-private.h: what the report writers write into
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ciro-export.h"

G_BEGIN_DECLS

typedef struct _CiroSink CiroSink;

/* One table: a header row (names are translated by the sink), then cells
 * row by row. Each format turns the calls into its own cells. */
struct _CiroSink {
  void (*header)   (CiroSink *sink, const char * const *names);
  void (*text)     (CiroSink *sink, const char *text);
  void (*integer)  (CiroSink *sink, gint64 value);
  void (*money)    (CiroSink *sink, CiroKurus value);
  /* money that does not add up down a column (a unit price) */
  void (*unit_money) (CiroSink *sink, CiroKurus value);
  void (*decimal)  (CiroSink *sink, double value);
  void (*date)     (CiroSink *sink, CiroDay day);
  void (*datetime) (CiroSink *sink, CiroDay day, gint32 seconds);
  void (*empty)    (CiroSink *sink);
  void (*end_row)  (CiroSink *sink);
  gboolean failed;
};

gboolean ciro_export_write_report (CiroSink               *sink,
                                   CiroStore              *store,
                                   CiroExportKind          kind,
                                   const CiroReportFilter *filter,
                                   GCancellable           *cancellable,
                                   GError                **error);

G_END_DECLS
