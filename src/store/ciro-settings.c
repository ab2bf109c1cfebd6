/* ciro-settings.c: the store's settings keys and their defaults
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ciro-settings.h"

static const CiroSettingInfo known[] = {
  { CIRO_SETTING_LOW_STOCK_THRESHOLD, CIRO_SETTING_KIND_INT, "10",
    N_("Stock below this many units counts as low") },
  { CIRO_SETTING_STOCK_WINDOW_DAYS, CIRO_SETTING_KIND_INT, "30",
    N_("Days of sales that daily sales and days of stock are computed from") },
  { CIRO_SETTING_RECENT_SALE_DAYS, CIRO_SETTING_KIND_INT, "90",
    N_("Low stock is reported only for products sold within this many days") },
  { CIRO_SETTING_SLOW_MOVING_DAYS, CIRO_SETTING_KIND_INT, "90",
    N_("Stock lasting longer than this many days is slow-moving") },
  { CIRO_SETTING_DEAD_STOCK_DAYS, CIRO_SETTING_KIND_INT, "90",
    N_("Stock with no sale for this many days is dead") },
  { CIRO_SETTING_RUNOUT_DAYS, CIRO_SETTING_KIND_INT, "30",
    N_("Products whose stock runs out within this many days are listed as running out") },
  { CIRO_SETTING_MARGIN_WARNING_PCT, CIRO_SETTING_KIND_PERCENT, "10",
    N_("Warn when a day's margin falls below this percentage") },
  { CIRO_SETTING_HISTORY_DAYS, CIRO_SETTING_KIND_INT, "365",
    N_("Days of order history the first sync fetches") },
  { CIRO_SETTING_FULL_SYNC_DAYS, CIRO_SETTING_KIND_INT, "30",
    N_("Days of orders a full sync reads again") },
  { CIRO_SETTING_LIVE_SYNC_DAYS, CIRO_SETTING_KIND_INT, "2",
    N_("Days of orders a live sync reads again") },
  { CIRO_SETTING_API_URL, CIRO_SETTING_KIND_TEXT, "",
    N_("Address of the Sentos API") },
  { CIRO_SETTING_STORE_NAME, CIRO_SETTING_KIND_TEXT, "",
    N_("The store's name, shown in reports") },
  { CIRO_SETTING_LATE_DAYS, CIRO_SETTING_KIND_INT, "5",
    N_("A parcel still on its way this many days after shipping is late") },
  { CIRO_SETTING_MASK_PERSONAL_DATA, CIRO_SETTING_KIND_INT, "0",
    N_("1 masks customers' names, e-mails and phones in the window and every export (KVKK)") },
  { NULL, 0, NULL, NULL },
};

const CiroSettingInfo *
ciro_settings_known (void)
{
  return known;
}

const CiroSettingInfo *
ciro_settings_lookup (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  for (const CiroSettingInfo *i = known; i->key != NULL; i++)
    if (g_str_equal (i->key, key))
      return i;
  return NULL;
}
