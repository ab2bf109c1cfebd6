/* ciro-sheet.h: a table of text cells read from a CSV or XLSX file
 *
 * What a marketplace lets a seller download (an order list with its fees,
 * a settlement report) comes as a CSV file (";", "," or tab separated,
 * RFC 4180 quotes, UTF-8 or Windows-1254) or as an XLSX workbook, of which
 * the first worksheet is read. Cells are kept as text; a number an XLSX
 * cell holds as a number is marked so, its text the plain C-locale literal.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CIRO_SHEET_ERROR (ciro_sheet_error_quark ())

typedef enum {
  CIRO_SHEET_ERROR_READ,      /* the file cannot be read */
  CIRO_SHEET_ERROR_FORMAT,    /* neither readable CSV text nor a sound XLSX workbook */
  CIRO_SHEET_ERROR_TOO_BIG,   /* beyond the bounds below */
} CiroSheetError;

GQuark ciro_sheet_error_quark (void);

/* Bounds: a file of at most 256 MB (an XLSX part unpacked too), at most
 * 1,000,000 rows and 1,000 columns. */
#define CIRO_SHEET_MAX_BYTES   (G_GINT64_CONSTANT (256) * 1024 * 1024)
#define CIRO_SHEET_MAX_ROWS    1000000
#define CIRO_SHEET_MAX_COLUMNS 1000

typedef struct _CiroSheet CiroSheet;

/* Reads the file; with max_rows > 0 only that many rows (the header
 * included) are kept, for a preview. */
CiroSheet  *ciro_sheet_read          (const char *path,
                                      guint       max_rows,
                                      GError    **error);
void        ciro_sheet_free          (CiroSheet *self);

/* TRUE when the file was XLSX. */
gboolean    ciro_sheet_is_xlsx       (const CiroSheet *self);
guint       ciro_sheet_n_rows        (const CiroSheet *self);
/* Widest row's number of cells. */
guint       ciro_sheet_n_columns     (const CiroSheet *self);
/* The row's line in a CSV file or its row number in the worksheet (1-based). */
guint       ciro_sheet_row_number    (const CiroSheet *self, guint row);
guint       ciro_sheet_row_length    (const CiroSheet *self, guint row);
/* "" for a cell beyond the row's end. */
const char *ciro_sheet_cell          (const CiroSheet *self, guint row, guint column);
gboolean    ciro_sheet_cell_is_number (const CiroSheet *self, guint row, guint column);

/* A column's letters, as spreadsheets name it: 0 → "A", 27 → "AB". */
char       *ciro_sheet_column_name   (guint column);
/* The index of column letters ("AB" → 27, case-insensitive); −1 if none. */
int         ciro_sheet_column_index  (const char *letters);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroSheet, ciro_sheet_free)

G_END_DECLS
