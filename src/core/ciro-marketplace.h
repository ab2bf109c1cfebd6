/* ciro-marketplace.h: marketplace names and their default settings
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ciro-types.h"

G_BEGIN_DECLS

#define CIRO_MARKETPLACE_UNKNOWN "Bilinmeyen"
/* Where the orders of new marketplaces past a sync's bound are counted. */
#define CIRO_MARKETPLACE_OTHER "Diğer"

/* Normalises a Sentos `source` as sentos-api.md says (Turkish casing):
 * "HEPSIBURADA"/"hb" → "Hepsiburada", "ÇIÇEKSEPETI" → "ÇiçekSepeti",
 * "" or NULL → "Bilinmeyen", unknown names kept verbatim, trimmed. */
char *ciro_marketplace_normalize (const char *source);

/* The name to show the user for a stored marketplace name: the stored
 * "Bilinmeyen" and "Diğer" in the user's language, every other name as
 * it is (marketplace names are names). Filters keep the stored name. */
const char *ciro_marketplace_display (const char *name);

/* Whether `name` is one ciro_marketplace_normalize() gives for a known
 * spelling, or CIRO_MARKETPLACE_UNKNOWN or CIRO_MARKETPLACE_OTHER. */
gboolean ciro_marketplace_is_builtin (const char *name);

/* Every name ciro_marketplace_is_builtin() accepts, NULL-terminated. */
const char *const *ciro_marketplace_builtin_names (void);

/* Edit distance (in letters) between two names compared as matching
 * compares them: Turkish upper case, Turkish letters as their ASCII base,
 * spaces, '-', '_' and '.' left out. "Trendyl" is 1 from "Trendyol",
 * "çiçek sepeti" 0 from "ÇiçekSepeti". */
guint ciro_marketplace_distance (const char *a, const char *b);

/* The names of `candidates` close to `name` (distance at most 1 for a
 * name of up to 4 letters, 2 for longer ones, or `name` a beginning of
 * theirs of at least 3 letters), nearest first; empty when none is. */
GPtrArray *ciro_marketplace_close_names (const char        *name,
                                         const char *const *candidates,
                                         guint              n_candidates);

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
