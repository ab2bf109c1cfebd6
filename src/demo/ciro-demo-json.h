/* ciro-demo-json.h: demo records written the way Sentos writes them, quirks included
 *
 * The loopback mock of the Sentos API serves these; tests read them back
 * through the real parser. Which quirk a record gets is decided by its id,
 * so the same record always looks the same. The text is written straight
 * into a buffer: the mock serves a million orders without building a tree.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "core/ciro-records.h"

G_BEGIN_DECLS

/* Append one record as a JSON object. */
void ciro_demo_product_write_json (GString                 *out,
                                   const CiroProductRecord *product);
void ciro_demo_order_write_json   (GString                 *out,
                                   const CiroOrderRecord   *order);

/* Append `text` as a JSON string (quoted, escaped), or null. */
void ciro_demo_json_string        (GString                 *out,
                                   const char              *text);

G_END_DECLS
