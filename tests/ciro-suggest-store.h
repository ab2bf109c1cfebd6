/* ciro-suggest-store.h: a small store whose unknown SKUs have hand-known
 * right answers (and decoys), for the mapping suggestions' tests
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/ciro-store.h"

G_BEGIN_DECLS

/* Creates the store at `path`. Its catalogue:
 *   101 S00105866       "Premium Deri Sneaker"  barcode 8680000105860
 *   102 BYK-24Y-200300  "Keten Gömlek"          8681111222327, variant
 *       BYK-25K-200300-M41-R15 with 8681111222334
 *   103 STD-4455        "Bez Çanta"
 *   104 X-4455-B        "Pamuk Çanta"
 *   105 İPK-77          "İpek Şal Kırmızı"
 *   106 ÇNT-88          "Deri Cüzdan"           8695555444332
 *   108 KLM-330011      "Kalem Seti"
 *   109 KLM2-330011     "Kalem Seti Büyük"
 * and one line each (₺100 × quantity, on 2026-11-10) of these unknown SKUs:
 *   ESKI-KOD-105866                          → 101, 85 % (digits 105866)
 *   ESKI-200300, barcode 8681111222399       → 102, 94 % (digits, barcode)
 *   OLD-330011 "Kalem Seti"                  → 108 77 %, 109 70 % (digits shared, names)
 *   VAR-X "Deri Cüzdan Siyah", 8695555444301 → 106, 79 % (barcode, name D = 0.8)
 *   TY-IPEK "IPEK SAL KIRMIZI"               → 105, 60 % (name with Turkish folding)
 *   ESKI-4455                                → 103 and 104, 27 % each: a tie (decoy)
 *   KAMPANYA-12 "Kampanya ürünü"             → nothing (decoy)
 * Revenue order of the Unmatched list: quantities 7, 6, 5, 4, 3, 2, 1 in
 * the order above. */
CiroStore *ciro_test_suggest_store (const char *path);

G_END_DECLS
