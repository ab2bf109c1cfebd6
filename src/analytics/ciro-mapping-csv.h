/* ciro-mapping-csv.h: SKU mappings to and from a CSV file
 *
 * The file has one mapping a row: the line SKU, then the SKU of the
 * product it is (a variant's SKU names its product); more fields are
 * ignored. Fields are separated by ';' (Excel in Turkish) or ',' (the
 * first row decides), may be quoted ("" inside quotes is one "), rows end
 * with CRLF, LF or CR; a UTF-8 byte order mark is skipped and a file that
 * is not UTF-8 is read as Windows-1254 (Turkish Excel's "CSV"). Unquoted
 * fields are trimmed; quoted ones are kept as they are. A first row
 * "sku;product_sku" (or "stok kodu;ürün stok kodu") is a header.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "store/ciro-store.h"

G_BEGIN_DECLS

typedef enum {
  CIRO_MAPPING_ROW_OK,
  CIRO_MAPPING_ROW_MALFORMED,        /* fewer than two fields, or an open quote */
  CIRO_MAPPING_ROW_EMPTY,            /* the SKU or the product SKU is empty */
  CIRO_MAPPING_ROW_DUPLICATE,        /* the SKU came in an earlier row */
  CIRO_MAPPING_ROW_UNKNOWN_PRODUCT,  /* no product or variant has the product SKU */
  CIRO_MAPPING_ROW_ALREADY_MAPPED,   /* the store maps the SKU already */
} CiroMappingRowStatus;

typedef struct {
  guint                line;          /* where the row starts in the file, from 1 */
  char                *sku;
  char                *product_sku;
  gint64               product_id;    /* when found */
  CiroMappingRowStatus status;
} CiroMappingRow;

typedef struct {
  GArray    *rows;         /* CiroMappingRow, every row of the file but its header */
  guint      imported;     /* rows with status OK, all mapped */
  guint      rejected;     /* every other row */
  GPtrArray *changes;      /* CiroMappingChange of the imported rows, for an undo */
} CiroMappingImport;

void        ciro_mapping_import_free        (CiroMappingImport *self);
/* "unknown_product" and so on, for JSON. */
const char *ciro_mapping_row_status_key     (CiroMappingRowStatus status);
/* The reason in the user's language. */
const char *ciro_mapping_row_status_message (CiroMappingRowStatus status);

/* Reads `path` and maps every good row in one transaction (none when the
 * store refuses one); every other row is in the result with its reason.
 * Errors: G_FILE_ERROR when the file cannot be read, and the store's. */
CiroMappingImport *ciro_mappings_import_csv (CiroStore   *store,
                                             const char  *path,
                                             GError     **error);
/* Writes every mapping (sku;product_sku;product_name, a header, UTF-8
 * with a BOM, CRLF) to `path`; returns how many, -1 on error. */
gint64      ciro_mappings_export_csv        (CiroStore   *store,
                                             const char  *path,
                                             GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroMappingImport, ciro_mapping_import_free)

G_END_DECLS
