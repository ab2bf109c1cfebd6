/* bench-carriers-old.h: the carrier engine before order_transit (baseline)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "analytics/ciro-carriers.h"

CiroCarrierReport *bench_carriers_old_build (CiroStore              *store,
                                             const CiroReportFilter *filter,
                                             int                     late_days,
                                             gint64                  now,
                                             GError                **error);
