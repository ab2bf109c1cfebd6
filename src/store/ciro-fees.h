/* ciro-fees.h: the fees a marketplace actually charged, imported per order
 *
 * profit.md "Actual fees from the marketplace": a file the seller downloads
 * (CSV or XLSX, read by core/ciro-sheet.h) names an order and any of its
 * commission, service fee and cargo; a mapping says which column holds
 * what. An order with an imported fee uses it instead of the estimate: its
 * commission is split over its lines by their amounts (so product and
 * category figures follow), its service fee and cargo replace the
 * marketplace's per-order figures.
 *
 * The file's first row names the columns. Amounts may be written the
 * Turkish way ("1.234,56"), the English way, with "TL" or "₺"; a charge
 * written as a deduction ("-12,50") counts as 12,50. Rows that repeat an
 * earlier row cell for cell are duplicates and count once; different rows
 * of one order (a file with a row per item) add up. A row whose order
 * Ciro does not know is listed in the result, not dropped silently.
 * Importing is all or nothing and changes nothing when run again on the
 * same file.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "core/ciro-sheet.h"
#include "ciro-store.h"

G_BEGIN_DECLS

typedef enum {
  CIRO_FEE_ORDER,
  CIRO_FEE_COMMISSION,
  CIRO_FEE_SERVICE_FEE,
  CIRO_FEE_CARGO,
  CIRO_FEE_N_FIELDS,
} CiroFeeField;

/* Column index per field, −1 when not mapped. */
typedef struct {
  int column[CIRO_FEE_N_FIELDS];
} CiroFeeMapping;

/* "order", "commission", "service_fee", "cargo". */
const char *ciro_fee_field_name     (CiroFeeField field);

/* "order=COL,commission=COL,service_fee=COL,cargo=COL" against the sheet's
 * first row: COL is a column's name there (Turkish case-insensitive), else
 * its letters ("C"), else its number from 1. The order and at least one fee
 * are required. Field names may also be Turkish (sipariş, komisyon,
 * hizmet, kargo) and "service", "shipping". */
gboolean    ciro_fee_mapping_parse  (const char      *text,
                                     const CiroSheet *sheet,
                                     CiroFeeMapping  *out,
                                     GError         **error);
/* The mapping as text for ciro_fee_mapping_parse, naming columns by their
 * names in the first row (by letters when a name would not read back). */
char       *ciro_fee_mapping_to_string (const CiroFeeMapping *mapping,
                                        const CiroSheet      *sheet);
/* A first guess from the column names Turkish marketplaces use ("Sipariş
 * No", "Komisyon Tutarı", "Hizmet Bedeli", "Kargo Bedeli", and English
 * ones); fields it cannot place stay −1. TRUE when the order and a fee were
 * placed. */
gboolean    ciro_fee_mapping_guess  (const CiroSheet *sheet,
                                     CiroFeeMapping  *out);

/* The mapping remembered for a marketplace (text for
 * ciro_fee_mapping_parse), NULL when none. */
char       *ciro_store_get_fee_mapping (CiroStore  *self,
                                        const char *marketplace,
                                        GError    **error);

typedef struct {
  guint row;        /* the file's row number */
  char *order;      /* as the file wrote it */
} CiroFeeUnknown;

typedef struct {
  guint      rows;        /* data rows read (the header not counted) */
  guint      duplicates;  /* rows skipped as repeats of an earlier one */
  guint      orders;      /* distinct known orders in the file */
  guint      updated;     /* of which the fees changed */
  guint      unchanged;   /* of which the fees were already these */
  GPtrArray *unknown;     /* CiroFeeUnknown, in file order */
} CiroFeeImportResult;

void        ciro_fee_import_result_free (CiroFeeImportResult *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroFeeImportResult, ciro_fee_import_result_free)

/* Imports the sheet's fees for orders of `marketplace` with `mapping`, in
 * one transaction, and remembers the mapping for the marketplace. Errors
 * (CIRO_STORE_ERROR_INVALID naming the row, …) change nothing. */
CiroFeeImportResult *ciro_store_import_fees_sheet (CiroStore            *self,
                                                   const CiroSheet      *sheet,
                                                   const char           *marketplace,
                                                   const CiroFeeMapping *mapping,
                                                   GError              **error);
/* The fraction of an import done, 0 to 1, called on the importing thread. */
typedef void (*CiroFeeProgress) (double fraction, gpointer data);
/* As above, saying how far it got, and stopping (G_IO_ERROR_CANCELLED,
 * nothing changed) when `cancellable` is cancelled before it commits. */
CiroFeeImportResult *ciro_store_import_fees_sheet_full (CiroStore            *self,
                                                        const CiroSheet      *sheet,
                                                        const char           *marketplace,
                                                        const CiroFeeMapping *mapping,
                                                        CiroFeeProgress       progress,
                                                        gpointer              progress_data,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
/* The same from a file: `mapping` as text, or NULL for the one remembered
 * for the marketplace, else a guess from the column names. */
CiroFeeImportResult *ciro_store_import_fees       (CiroStore  *self,
                                                   const char *path,
                                                   const char *marketplace,
                                                   const char *mapping,
                                                   GError    **error);

/* A cell as the import reads it, for a preview: the order number (a
 * number cell of Excel written back as the integer it holds), and an amount
 * (TRUE with *given FALSE when the cell is empty; FALSE when it is not an
 * amount from ₺0 to ₺100,000,000; a deduction counts as the charge). */
char       *ciro_fee_read_order  (const CiroSheet *sheet,
                                  guint            row,
                                  guint            column);
gboolean    ciro_fee_read_amount (const CiroSheet *sheet,
                                  guint            row,
                                  guint            column,
                                  gboolean        *given,
                                  CiroKurus       *out);

G_END_DECLS
