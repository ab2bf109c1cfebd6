/* ciro-settings.h: the store's settings keys and their defaults
 *
 * Settings that shape figures live in the store (so the CLI, the window and
 * exports agree); window state lives in GSettings.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CIRO_SETTING_LOW_STOCK_THRESHOLD "low_stock_threshold"   /* units, 10 */
#define CIRO_SETTING_STOCK_WINDOW_DAYS   "stock_window_days"     /* 30 */
#define CIRO_SETTING_RECENT_SALE_DAYS    "recent_sale_days"      /* 90: low stock needs a sale within */
#define CIRO_SETTING_SLOW_MOVING_DAYS    "slow_moving_days"      /* 90: days of stock above this */
#define CIRO_SETTING_DEAD_STOCK_DAYS     "dead_stock_days"       /* 90: no net sale within */
#define CIRO_SETTING_RUNOUT_DAYS         "stock_runout_days"     /* 30: "running out" within */
#define CIRO_SETTING_MARGIN_WARNING_PCT  "margin_warning_pct"    /* 10 */
#define CIRO_SETTING_HISTORY_DAYS        "history_days"          /* 365: first sync */
#define CIRO_SETTING_FULL_SYNC_DAYS      "full_sync_days"        /* 30 */
#define CIRO_SETTING_LIVE_SYNC_DAYS      "live_sync_days"        /* 2: today and yesterday */
#define CIRO_SETTING_API_URL             "api_url"
#define CIRO_SETTING_STORE_NAME          "store_name"
#define CIRO_SETTING_LATE_DAYS           "late_days"             /* 5: a parcel on its way longer is late */
#define CIRO_SETTING_MASK_PERSONAL_DATA  "mask_personal_data"    /* 0; 1: customers' names, e-mails, phones masked */

/* Marketplace settings are addressed as "commission.<Marketplace>" (percent,
 * "21.5") and "shipping.<Marketplace>" (TRY, "75.00"). */
#define CIRO_SETTING_COMMISSION_PREFIX   "commission."
#define CIRO_SETTING_SHIPPING_PREFIX     "shipping."

typedef enum {
  CIRO_SETTING_KIND_INT,      /* non-negative integer */
  CIRO_SETTING_KIND_PERCENT,  /* decimal, 0..100 */
  CIRO_SETTING_KIND_TEXT,
} CiroSettingKind;

typedef struct {
  const char     *key;
  CiroSettingKind kind;
  const char     *default_value;
  const char     *description;   /* English, translatable */
} CiroSettingInfo;

/* Terminated by an entry with key NULL. */
const CiroSettingInfo *ciro_settings_known      (void);
const CiroSettingInfo *ciro_settings_lookup     (const char *key);

G_END_DECLS
