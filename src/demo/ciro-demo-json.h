/* ciro-demo-json.h: demo records written the way Sentos writes them, quirks included
 *
 * The loopback mock of the Sentos API serves these; tests read them back
 * through the real parser. Which quirk a record gets is decided by its id,
 * so the same record always looks the same.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "core/ciro-records.h"

G_BEGIN_DECLS

JsonNode *ciro_demo_product_to_json (const CiroProductRecord *product);
JsonNode *ciro_demo_order_to_json   (const CiroOrderRecord   *order);

G_END_DECLS
