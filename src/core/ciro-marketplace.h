/* ciro-marketplace.h: marketplace names and their default settings
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ciro-types.h"

G_BEGIN_DECLS

#define CIRO_MARKETPLACE_UNKNOWN "Bilinmeyen"

/* Normalises a Sentos `source` as sentos-api.md says (Turkish casing):
 * "HEPSIBURADA"/"hb" → "Hepsiburada", "ÇIÇEKSEPETI" → "ÇiçekSepeti",
 * "" or NULL → "Bilinmeyen", unknown names kept verbatim, trimmed. */
char *ciro_marketplace_normalize (const char *source);

typedef struct {
  const char     *name;
  CiroBasisPoints commission;      /* 2150 = 21.5 % */
  CiroKurus       shipping_cost;   /* per order */
} CiroMarketplaceDefault;

/* The defaults table of metrics.md, terminated by an entry with name NULL. */
const CiroMarketplaceDefault *ciro_marketplace_defaults (void);
/* The defaults for any marketplace not in the table. */
#define CIRO_DEFAULT_COMMISSION 0
#define CIRO_DEFAULT_SHIPPING_COST 7500

G_END_DECLS
