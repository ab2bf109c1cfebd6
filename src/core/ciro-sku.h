/* ciro-sku.h: SKU normalisation and base SKUs (metrics.md "Product matching")
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Rule 5: trim, Turkish upper case, a leading "S" followed only by digits
 * dropped, an all-digit SKU without its leading zeros ("S00004064" → "4064",
 * " byk-7 " → "BYK-7", "000" → "0"). */
char *ciro_sku_normalize (const char *sku);

/* Rule 6: the base of a SKU, computed on the trimmed SKU ("BYK-" and colour
 * words compared case-insensitively with Turkish rules):
 * "BYK-25K-303760-M41-R15" → "303760", "BYK-25Y-101-8-M49-R42" → "101-8",
 * "BYK-24Y-126443-M41" → "126443", "194938-M41-R15" → "194938",
 * otherwise the SKU itself (trimmed, colour word removed). A trailing colour
 * word goes first, separated or glued on: "144236Siyah" → "144236",
 * "BYK-23Y-301320Lacivert" → "301320". */
char *ciro_sku_base      (const char *sku);

/* The key under which bases are compared: Turkish upper case of the base. */
char *ciro_sku_base_key  (const char *sku);

G_END_DECLS
