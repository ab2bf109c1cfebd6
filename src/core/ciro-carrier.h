/* ciro-carrier.h: carrier names as sellers and integrations write them
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The name of an order without a carrier (insights.md §3). */
#define CIRO_CARRIER_UNKNOWN "Bilinmiyor"

/* The carrier of a `cargo_provider` (insights.md §3): trimmed, compared
 * case-insensitively with Turkish rules, spaces, dots and the word "Kargo"
 * ignored, against the known carriers and their other spellings; anything
 * else kept as written (trimmed); empty or NULL is CIRO_CARRIER_UNKNOWN. */
char       *ciro_carrier_normalize (const char *cargo_provider);
/* What a person is shown for a carrier name (Unknown translated). */
const char *ciro_carrier_display   (const char *name);

G_END_DECLS
