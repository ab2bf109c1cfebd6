/* ciro-number.h: Sentos numbers (JSON numbers or Turkish/English strings)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

/* A JSON number literal as it stands in the text ("39", "-1249.90",
 * "1.5e3"), scaled by 10^scale and rounded half away from zero on the digits
 * as written. Fails with CIRO_PARSE_ERROR_RANGE when it does not fit. */
gboolean ciro_parse_json_number (const char *literal,
                                 gsize       len,
                                 guint       scale,
                                 gint64     *out,
                                 GError    **error);

G_END_DECLS
