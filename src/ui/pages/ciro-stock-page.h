/* ciro-stock-page.h: low stock, running out, slow-moving and dead stock
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ciro-context.h"
#include "core/ciro-types.h"

G_BEGIN_DECLS

typedef enum {
  CIRO_STOCK_LOW,
  CIRO_STOCK_RUNNING_OUT,
  CIRO_STOCK_SLOW,
  CIRO_STOCK_DEAD,
  CIRO_STOCK_N_SECTIONS,
} CiroStockSection;

#define CIRO_TYPE_STOCK_SECTION (ciro_stock_section_get_type ())
GType ciro_stock_section_get_type (void) G_GNUC_CONST;

#define CIRO_TYPE_STOCK_PAGE (ciro_stock_page_get_type ())
G_DECLARE_FINAL_TYPE (CiroStockPage, ciro_stock_page, CIRO, STOCK_PAGE, AdwBin)

GtkWidget *ciro_stock_page_new           (CiroContext *context);
/* Reads stock again (off the main thread); "loaded" when shown. */
void       ciro_stock_page_reload        (CiroStockPage   *self);
void       ciro_stock_page_set_section   (CiroStockPage   *self,
                                          CiroStockSection section);
/* Puts the keyboard in the search entry (Ctrl+F). */
void       ciro_stock_page_focus_search  (CiroStockPage   *self);
/* A window too narrow for the columns: the products as rows (name, SKU,
 * daily sales, stock, when it runs out or its last sale). */
void       ciro_stock_page_set_narrow    (CiroStockPage   *self,
                                          gboolean         narrow);
void       ciro_stock_page_set_search    (CiroStockPage   *self,
                                          const char      *text);
/* Saves the section's threshold (units for low stock, days for the others)
 * and reads the lists again. */
void       ciro_stock_page_set_threshold (CiroStockPage   *self,
                                          CiroStockSection section,
                                          guint            value);
/* For tests: "loading", "empty", "error" or "data"; how many products a
 * section holds; the products shown now, in order (their Sentos ids). */
const char *ciro_stock_page_get_state    (CiroStockPage   *self);
guint      ciro_stock_page_get_count     (CiroStockPage   *self,
                                          CiroStockSection section);
GArray    *ciro_stock_page_get_shown_ids (CiroStockPage   *self);
/* For tests: the stock value at cost of the rows shown and of every
 * product, and the line that says them. */
void       ciro_stock_page_get_value     (CiroStockPage   *self,
                                          CiroKurus       *list,
                                          CiroKurus       *total);
const char *ciro_stock_page_get_value_text (CiroStockPage *self);

G_END_DECLS
