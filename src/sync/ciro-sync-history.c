/* ciro-sync-history.c: past sync runs, newest first
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "ciro-sync-history.h"

const char *
ciro_sync_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "full") == 0)
    return C_("sync kind", "Full");
  if (g_strcmp0 (kind, "live") == 0)
    return C_("sync kind", "Live");
  if (g_strcmp0 (kind, "products") == 0)
    return C_("sync kind", "Products");
  if (g_strcmp0 (kind, "orders") == 0)
    return C_("sync kind", "Orders");
  if (g_strcmp0 (kind, "demo") == 0)
    return C_("sync kind", "Demo");
  return kind;
}
