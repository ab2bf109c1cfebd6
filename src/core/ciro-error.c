/* ciro-error.c
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ciro-error.h"

G_DEFINE_QUARK (ciro-parse-error-quark, ciro_parse_error)
G_DEFINE_QUARK (ciro-store-error-quark, ciro_store_error)
G_DEFINE_QUARK (ciro-sync-error-quark, ciro_sync_error)
G_DEFINE_QUARK (ciro-export-error-quark, ciro_export_error)
