/* ciro-error.h: one GError domain per subsystem
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CIRO_PARSE_ERROR (ciro_parse_error_quark ())
#define CIRO_STORE_ERROR (ciro_store_error_quark ())
#define CIRO_SYNC_ERROR (ciro_sync_error_quark ())
#define CIRO_EXPORT_ERROR (ciro_export_error_quark ())

typedef enum {
  CIRO_PARSE_ERROR_EMPTY,
  CIRO_PARSE_ERROR_INVALID,
  CIRO_PARSE_ERROR_RANGE,
  CIRO_PARSE_ERROR_SYNTAX,   /* not JSON: broken or cut short */
  CIRO_PARSE_ERROR_TOO_MANY, /* a list with more elements than allowed */
} CiroParseError;

typedef enum {
  CIRO_STORE_ERROR_OPEN,       /* cannot open or create the file */
  CIRO_STORE_ERROR_LOCKED,     /* another process holds a lock past the timeout */
  CIRO_STORE_ERROR_READ_ONLY,  /* the file or its folder cannot be written */
  CIRO_STORE_ERROR_FULL,       /* disk full */
  CIRO_STORE_ERROR_CORRUPT,    /* not a Ciro store, or damaged */
  CIRO_STORE_ERROR_TOO_NEW,    /* written by a newer Ciro */
  CIRO_STORE_ERROR_NOT_FOUND,  /* a named row (product, SKU) does not exist */
  CIRO_STORE_ERROR_INVALID,    /* a value the store refuses */
  CIRO_STORE_ERROR_FAILED,     /* any other SQLite failure */
  CIRO_STORE_ERROR_DAMAGED,    /* a store whose pages fail SQLite's quick_check */
  CIRO_STORE_ERROR_IN_USE,     /* another program has the store open (restoring it) */
} CiroStoreError;

typedef enum {
  CIRO_SYNC_ERROR_AUTH,
  CIRO_SYNC_ERROR_NETWORK,
  CIRO_SYNC_ERROR_HTTP,
  CIRO_SYNC_ERROR_BUSY,
  CIRO_SYNC_ERROR_FAILED,
  CIRO_SYNC_ERROR_TLS,          /* the server's certificate was refused */
  CIRO_SYNC_ERROR_UNREACHABLE,  /* no connection: refused, no such host, timed out */
  CIRO_SYNC_ERROR_BAD_PAGE,     /* a page past the bounds: too big, too many records, the walk not ending */
} CiroSyncError;

typedef enum {
  CIRO_EXPORT_ERROR_WRITE,
  CIRO_EXPORT_ERROR_FAILED,
} CiroExportError;

GQuark ciro_parse_error_quark (void);
GQuark ciro_store_error_quark (void);
GQuark ciro_sync_error_quark (void);
GQuark ciro_export_error_quark (void);

G_END_DECLS
