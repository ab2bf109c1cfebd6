/* ciro-store-private.h: what store/ files share among themselves
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ciro-store-sql.h"

G_BEGIN_DECLS

/* ---- matcher: line → product, and cost at a date ---- */
typedef struct _CiroMatcher CiroMatcher;

typedef struct {
  CiroMatchRule rule;
  gint64        product_id;   /* parent; 0 when unmatched */
  gint64        variant_id;   /* 0 when the match is a product */
} CiroMatch;

CiroMatcher *ciro_matcher_load      (sqlite3 *db, GError **error);
void         ciro_matcher_free      (CiroMatcher *self);
/* Sets (product_id > 0) or removes (0) the mapping of `sku`. */
void         ciro_matcher_set_mapping (CiroMatcher *self, const char *sku, gint64 product_id);
void         ciro_matcher_match     (CiroMatcher *self,
                                     const char  *sku,
                                     const char  *barcode,
                                     CiroMatch   *out);
/* Unit cost with VAT in kuruş of a matched line on `day` (metrics.md). */
CiroKurus    ciro_matcher_unit_cost (CiroMatcher     *self,
                                     const CiroMatch *match,
                                     CiroDay          day);
/* Unit purchase price without VAT, from the same cost history entry. */
CiroKurus    ciro_matcher_unit_cost_ex_vat (CiroMatcher     *self,
                                            const CiroMatch *match,
                                            CiroDay          day);
/* The VAT rate of a line's amount (profit.md): its own `line_rate`, else
 * (CIRO_VAT_RATE_ABSENT) the matched product's on `day`, else 20 %. */
CiroBasisPoints ciro_matcher_line_vat_rate (CiroMatcher     *self,
                                            const CiroMatch *match,
                                            CiroDay          day,
                                            CiroBasisPoints  line_rate);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroMatcher, ciro_matcher_free)

/* ---- rollup deltas accumulated during a write transaction ---- */
typedef struct _CiroRollupDelta CiroRollupDelta;

typedef struct {
  gint64    product_key;
  gint64    quantity;
  CiroKurus amount;
  CiroKurus cost;
  CiroKurus commission;
  CiroKurus output_vat;     /* the KDV inside amount */
  CiroKurus cost_ex_vat;    /* quantity × purchase price without KDV */
  gboolean  unmatched;
} CiroRollupLine;

/* The delta reads the lines' categories from the store's catalogue
 * (ciro_store_category_key_of). */
CiroRollupDelta *ciro_rollup_delta_new   (CiroStore *store);
void             ciro_rollup_delta_free  (CiroRollupDelta *self);
void             ciro_rollup_delta_clear (CiroRollupDelta *self);
/* Adds (sign = +1) or removes (sign = −1) one order's contribution.
 * FALSE when a sum would overflow: the delta is then unusable and the
 * caller's transaction must be rolled back. */
gboolean         ciro_rollup_delta_add_order (CiroRollupDelta      *self,
                                              CiroDay               day,
                                              gint64                marketplace_id,
                                              gint32                status,
                                              CiroKurus             shipping_total,
                                              CiroKurus             shipping_vat,
                                              const CiroRollupLine *lines,
                                              guint                 n_lines,
                                              int                   sign);
/* The fees the marketplace charged for one order, where imported
 * (ciro-fees.h); each replaces the estimate. The carrier tariff that
 * applied to the order (ciro-tariffs.h) rides along: it replaces the
 * marketplace's per-order shipping cost unless there is actual cargo. */
typedef struct {
  gboolean  has_commission, has_service_fee, has_cargo, has_tariff;
  CiroKurus commission, service_fee, cargo, tariff;
} CiroOrderActuals;

/* Adds (or removes) a net order's actual fees to its day's sums; nothing
 * for a cancelled order or one without actual fees. */
gboolean         ciro_rollup_delta_add_actuals (CiroRollupDelta        *self,
                                                CiroDay                 day,
                                                gint64                  marketplace_id,
                                                gint32                  status,
                                                const CiroOrderActuals *actuals,
                                                int                     sign);
/* Splits `total` over n parts in proportion to `weights` (evenly when they
 * add up to 0), rounding the running sums half away from zero, so that the
 * parts add up to `total` exactly. */
void             ciro_split_by_weight (CiroKurus        total,
                                       const CiroKurus *weights,
                                       guint            n,
                                       CiroKurus       *parts);
/* Reads an order's actual fees from the columns at `col` of the statement
 * (actual_commission, actual_service_fee, actual_cargo, tariff). */
void             ciro_order_actuals_read (sqlite3_stmt     *stmt,
                                          int               col,
                                          CiroOrderActuals *out);

/* Adds (or removes) the category part only of one order, with the lines'
 * category keys given (for a product whose category changes). */
gboolean         ciro_rollup_delta_add_categories (CiroRollupDelta      *self,
                                                   CiroDay               day,
                                                   gint64                marketplace_id,
                                                   gint32                status,
                                                   const CiroRollupLine *lines,
                                                   const char * const   *keys,
                                                   guint                 n_lines,
                                                   int                   sign);
/* The category key of a line's product_key as the catalogue has it in this
 * transaction (ciro_category_key; "K" for a product not in it). Loaded by
 * ciro_store_load_category_keys, which ciro_store_begin calls. */
const char      *ciro_store_category_key_of (CiroStore *self, gint64 product_key);
gboolean         ciro_store_load_category_keys (CiroStore *self, GError **error);
/* A product's category key changes from `old_key` to `new_key`: its orders'
 * category figures move along (within the transaction's delta). */
gboolean         ciro_store_move_product_category (CiroStore  *self,
                                                   gint64      product_id,
                                                   const char *old_key,
                                                   const char *new_key,
                                                   GError    **error);

gboolean         ciro_rollup_delta_flush (CiroRollupDelta *self,
                                          CiroStore       *store,
                                          GError         **error);

/* SQL functions the connection registers: ciro_month(day), ciro_apply_rate(amount, bp),
 * and ciro_add(a, b), ciro_mul(a, b), which fail the statement ("integer
 * overflow", as sum() does) instead of turning into a float. */
void ciro_store_register_functions (sqlite3 *db);

/* ---- the status timeline and the carrier rollup (ciro-store-carriers.c) ---- */
typedef struct _CiroCarrierDelta CiroCarrierDelta;

CiroCarrierDelta *ciro_carrier_delta_new   (void);
void              ciro_carrier_delta_free  (CiroCarrierDelta *self);
void              ciro_carrier_delta_clear (CiroCarrierDelta *self);
/* Writes the carrier figures accumulated since the last flush. */
gboolean          ciro_carrier_delta_flush (CiroStore *self, GError **error);
/* Takes the stored order's share out of the carrier figures (nothing when
 * the order is new); ciro_store_put_order calls it before replacing it. */
gboolean ciro_store_carriers_before_put (CiroStore *self, gint64 order_id, GError **error);
/* Notes the order's status in the timeline when first seen, and adds the
 * written order's share to the carrier figures. */
gboolean ciro_store_carriers_after_put  (CiroStore *self, const CiroOrderRecord *o, GError **error);
/* Adds the stored order's share back after a change that is not a put
 * (its actual cargo imported), its share taken out before. */
gboolean ciro_store_carriers_after_change (CiroStore *self, gint64 order_id, GError **error);
/* The normalised carrier of a cargo_provider (cached for the store). */
const char *ciro_store_carrier_name (CiroStore *self, const char *cargo_provider);
/* The tariff of (marketplace, carrier of cargo_provider) on `day`, else
 * of (any marketplace, carrier) (ciro-store-tariffs.c); *has FALSE when
 * neither exists. */
gboolean ciro_store_tariff_for (CiroStore  *self,
                                const char *marketplace,
                                const char *cargo_provider,
                                CiroDay     day,
                                gboolean   *has,
                                CiroKurus  *amount,
                                GError    **error);
/* Brings every order's tariff up to date with the tariff table. */
gboolean ciro_store_update_tariffs (CiroStore *self, GError **error);
/* Builds roll_day_carrier again from the orders and the timeline. */
gboolean ciro_store_rebuild_carrier_rollup (CiroStore *self, GError **error);

/* ---- the store object, shared by ciro-store*.c ---- */
struct _CiroStore
{
  GObject          parent_instance;

  sqlite3         *db;
  char            *path;
  gboolean         read_only;
  GHashTable      *statements;      /* SQL text → sqlite3_stmt */
  gboolean         in_transaction;
  CiroRollupDelta *delta;
  CiroCarrierDelta *carriers;       /* roll_day_carrier's pending changes */
  CiroMatcher     *matcher;         /* built lazily, dropped when the catalogue changes */
  CiroMatcher     *versioned;       /* == matcher when built by a mapping ... */
  gint64           versioned_at;    /* ... at this PRAGMA data_version */
  struct _CiroRates *rates;         /* rate history and product categories, built lazily */
  GHashTable      *marketplaces;    /* name → MarketplaceInfo */
  GHashTable      *unmatched_ids;   /* sku → id */
  GHashTable      *category_keys;   /* gint64 product id → interned category key, or NULL */
  gint64           category_keys_at; /* ... loaded at this PRAGMA data_version */
  int              has_orders;      /* -1 unknown */
  char            *session_key;     /* this store's entry in the open sessions, or NULL */
  gboolean         session_ready;   /* opened well: its last close marks the store clean */
  gboolean         defer_recompute; /* ciro_store_set_defer_recompute () */
  int              busy_timeout_ms;  /* how long a statement waits for the lock */
};

/* SQLite's quick_check of the connection's database: TRUE when sound,
 * else CIRO_STORE_ERROR_DAMAGED naming `path`. */
gboolean ciro_store_quick_check (sqlite3 *db, const char *path, GError **error);
/* TRUE when a program (this one included) has the store open. */
gboolean ciro_store_in_use      (const char *path);
/* Forgets that this process found the store damaged (after a restore). */
void     ciro_store_forget_damage (const char *path);

typedef struct {
  gint64          id;
  CiroBasisPoints commission;
} CiroMarketplaceInfo;

/* Runs `body` in its own transaction unless the caller already opened one. */
typedef gboolean (*TxBody) (CiroStore *self, gpointer data, GError **error);

#define REQUIRE_TRANSACTION(self, error) \
  G_STMT_START { \
    if (!(self)->in_transaction) \
      { \
        g_set_error_literal ((error), CIRO_STORE_ERROR, CIRO_STORE_ERROR_FAILED, \
                             "A store write outside a transaction"); \
        g_critical ("%s: a store write outside a transaction", G_STRFUNC); \
        return FALSE; \
      } \
  } G_STMT_END

gboolean  ciro_store_step_done           (CiroStore *self, sqlite3_stmt *stmt, GError **error, const char *what);
void      ciro_store_bind_text           (sqlite3_stmt *stmt, int index, const char *text);
gboolean  ciro_store_with_transaction    (CiroStore *self, TxBody body, gpointer data, GError **error);
CiroMarketplaceInfo *ciro_store_marketplace_for (CiroStore *self, const char *name, GError **error);
CiroMatcher *ciro_store_get_matcher      (CiroStore *self, GError **error);
gint64    ciro_store_unmatched_key       (CiroStore *self, const char *sku, GError **error);
gboolean  ciro_store_mark_needs_recompute (CiroStore *self, GError **error);
/* The rate history (ciro-profit.h), cached until a transaction begins. */
struct _CiroRates *ciro_store_get_rates (CiroStore *self, GError **error);
/* Folded category of a product (for commission by category), NULL if none. */
/* Brings every order's shipping KDV in line with the rate history
 * (the rollups are left to the caller). */
gboolean ciro_store_update_shipping_vat (CiroStore *self, GError **error);
const char *ciro_store_product_category (CiroStore *self, gint64 product_id);
/* The commission rate of a line: the category rule for the matched
 * product's category on `day`, else the marketplace's `rate`. The rates
 * must have been loaded (ciro_store_get_rates). */
CiroBasisPoints ciro_store_line_rate (CiroStore      *self,
                                      const char     *marketplace,
                                      CiroBasisPoints rate,
                                      gint64          product_id,
                                      CiroDay         day);

typedef struct {
  GCancellable         *cancellable;
  CiroProgressFunc      progress;      /* NULL: none */
  gpointer              progress_data;
  gboolean              give_way;      /* stop when a writer waits ... */
  gboolean              gave_way;      /* ... and say so here */
} CiroRecomputeData;

/* One line's match and figures as the recompute finds them. */
typedef struct {
  gint64          order_id;
  int             pos;
  CiroMatch       match;
  gint64          product_key;
  CiroKurus       unit_cost;
  CiroKurus       cost;
  CiroKurus       commission;
  CiroKurus       output_vat;
  CiroKurus       cost_ex_vat;
} CiroLineUpdate;

/* Matches and costs one line (u->order_id names it in errors); needs the
 * rates loaded (ciro_store_get_rates). */
gboolean  ciro_store_cost_line           (CiroStore       *self,
                                          CiroMatcher     *matcher,
                                          const char      *marketplace,
                                          CiroBasisPoints  marketplace_rate,
                                          const char      *sku,
                                          const char      *barcode,
                                          gint64           quantity,
                                          CiroKurus        amount,
                                          CiroDay          day,
                                          CiroBasisPoints  vat_rate,
                                          CiroLineUpdate  *u,
                                          GError         **error);
/* Writes the lines' new match and figures (the rollups are the caller's). */
gboolean  ciro_store_apply_line_updates  (CiroStore *self, GArray *updates, GError **error);
gboolean  ciro_store_recompute_body      (CiroStore *self, gpointer data, GError **error);
/* Inside a write: the whole recompute, or, while the connection defers
 * them, the mark that one is due. */
gboolean  ciro_store_recompute_inline    (CiroStore *self, GError **error);

G_END_DECLS
