/* ciro-marketplace-fee-row.h: one marketplace's commission and shipping cost
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "core/ciro-types.h"

G_BEGIN_DECLS

#define CIRO_TYPE_MARKETPLACE_FEE_ROW (ciro_marketplace_fee_row_get_type ())
G_DECLARE_FINAL_TYPE (CiroMarketplaceFeeRow, ciro_marketplace_fee_row, CIRO, MARKETPLACE_FEE_ROW, AdwExpanderRow)

GtkWidget      *ciro_marketplace_fee_row_new            (const char     *marketplace,
                                                         CiroBasisPoints commission,
                                                         CiroKurus       shipping);
const char     *ciro_marketplace_fee_row_get_marketplace (CiroMarketplaceFeeRow *self);
CiroBasisPoints ciro_marketplace_fee_row_get_commission  (CiroMarketplaceFeeRow *self);
CiroKurus       ciro_marketplace_fee_row_get_shipping    (CiroMarketplaceFeeRow *self);

G_END_DECLS
