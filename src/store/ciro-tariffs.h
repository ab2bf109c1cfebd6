/* ciro-tariffs.h: carrier tariffs with history (insights.md §3)
 *
 * A tariff is what one order's shipping costs with a carrier, for one
 * marketplace or any, from a day on. A net order's shipping expense is its
 * actual cargo (imported), else the tariff for (its marketplace, its
 * carrier) on its day, else the one for (any marketplace, its carrier),
 * else its marketplace's per-order shipping cost (metrics.md).
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "core/ciro-types.h"
#include "ciro-store.h"

G_BEGIN_DECLS

typedef struct {
  char      *carrier;       /* normalised (ciro_carrier_normalize) */
  char      *marketplace;   /* normalised; "" for any marketplace */
  CiroDay    from_day;
  CiroKurus  amount;        /* per order */
} CiroTariff;

void        ciro_tariff_free (CiroTariff *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroTariff, ciro_tariff_free)

/* Every tariff, by carrier, marketplace ("" first) and date. */
GPtrArray  *ciro_store_list_tariffs  (CiroStore *self, GError **error);

/* Enters `amount` per order for the carrier (any spelling, normalised) on
 * `marketplace` (NULL or "": any) from `from_day` on, replacing what that
 * day held, and recomputes the figures (in the background when the store
 * defers its recomputes). Refuses an unknown carrier name that is empty,
 * amounts below ₺0 or above ₺100,000. */
gboolean    ciro_store_set_tariff    (CiroStore  *self,
                                      const char *carrier,
                                      const char *marketplace,
                                      CiroDay     from_day,
                                      CiroKurus   amount,
                                      GError    **error);

/* Removes the tariff entered for that carrier, marketplace and day and
 * recomputes; CIRO_STORE_ERROR_NOT_FOUND when there is none. */
gboolean    ciro_store_remove_tariff (CiroStore  *self,
                                      const char *carrier,
                                      const char *marketplace,
                                      CiroDay     from_day,
                                      GError    **error);

G_END_DECLS
