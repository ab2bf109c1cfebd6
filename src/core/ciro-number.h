/* ciro-number.h: Sentos numbers (JSON numbers or Turkish/English strings)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "ciro-types.h"

G_BEGIN_DECLS

/* Parses a number string following sentos-api.md "Numbers" and returns it
 * scaled by 10^scale (scale 0..6), rounded half away from zero:
 * ciro_parse_decimal ("1.249,90", 2, &v, NULL) gives v = 124990.
 * Surrounding white space, "TL" and "₺" are ignored; a leading '-' or '+' is
 * accepted. Anything else fails with CIRO_PARSE_ERROR and leaves *out at 0. */
gboolean ciro_parse_decimal (const char *text,
                             guint       scale,
                             gint64     *out,
                             GError    **error);

/* Money: kuruş. */
gboolean ciro_parse_money (const char *text,
                           CiroKurus  *out,
                           GError    **error);

/* Reads a JSON node that is a number (int or double), a string, or null/absent
 * (then *out = 0 and TRUE when allow_missing). Booleans, arrays, objects fail. */
gboolean ciro_json_node_get_decimal (JsonNode *node,
                                     guint     scale,
                                     gboolean  allow_missing,
                                     gint64   *out,
                                     GError  **error);

G_END_DECLS
