/* ciro-store.h: the local SQLite copy of a seller's Sentos data
 *
 * One CiroStore is one SQLite connection: use it from one thread at a time
 * and open another CiroStore on the same path for another thread (WAL lets
 * readers and one writer work side by side).
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "core/ciro-records.h"

G_BEGIN_DECLS

#define CIRO_STORE_SCHEMA_VERSION 15

#define CIRO_TYPE_STORE (ciro_store_get_type ())
G_DECLARE_FINAL_TYPE (CiroStore, ciro_store, CIRO, STORE, GObject)

/* How a line found its product (metrics.md "Product matching"). */
typedef enum {
  CIRO_MATCH_NONE = 0,          /* unmatched */
  CIRO_MATCH_VARIANT_SKU = 1,
  CIRO_MATCH_PRODUCT_SKU = 2,
  CIRO_MATCH_BARCODE = 3,
  CIRO_MATCH_MAPPING = 4,
  CIRO_MATCH_NORMALIZED_SKU = 5,
  CIRO_MATCH_BASE_SKU = 6,
} CiroMatchRule;
#define CIRO_MATCH_N_RULES 7

typedef struct {
  gint64          id;
  char           *name;
  CiroBasisPoints commission;
  CiroKurus       shipping_cost;
} CiroMarketplaceSettings;

void ciro_marketplace_settings_free (CiroMarketplaceSettings *self);

/* $CIRO_DB, else $XDG_DATA_HOME/ciro/ciro.db. */
char      *ciro_store_default_path  (void);

/* Opens (creating the file and its folder when needed) and migrates to the
 * current schema. Errors: CIRO_STORE_ERROR_OPEN, _LOCKED, _READ_ONLY,
 * _CORRUPT, _TOO_NEW, _DAMAGED.
 *
 * The first program to open a store checks it with SQLite's quick_check
 * when the last one did not close it cleanly (a crash, kill -9, a power
 * cut) and otherwise once a week; a store that fails is refused with
 * CIRO_STORE_ERROR_DAMAGED, nothing written to it, until it is restored
 * from a backup (ciro_store_restore). The new file is created 0600; an
 * existing store readable by others is made so on open. A file that is not
 * a store (or a newer one) is refused before anything of it is changed. */
CiroStore *ciro_store_open          (const char *path, GError **error);
/* Opens an existing store for reading only; never migrates or creates,
 * never checks. */
CiroStore *ciro_store_open_readonly (const char *path, GError **error);

const char *ciro_store_get_path     (CiroStore *self);
/* SQL itself: store/ciro-store-sql.h (store/ and analytics/ only). */

/* For a connection that writes many pages per commit (a sync): the WAL is
 * copied into the database every 64 MB rather than every 4 MB, and cut back
 * to 16 MB after. */
gboolean   ciro_store_use_large_wal (CiroStore *self, GError **error);

/* A store's first sync (no orders yet, or a first sync a kill left
 * unfinished): a rollback journal instead of the WAL, so that the new pages
 * it writes are written once. FALSE when another connection has the store
 * open: it stays in WAL. ciro_store_use_wal () goes back once the sync has
 * ended; a store left in a rollback journal goes back when next opened
 * after its first sync is over. Outside a transaction. */
gboolean   ciro_store_use_first_sync_journal (CiroStore *self);
gboolean   ciro_store_use_wal       (CiroStore *self, GError **error);

/* Write transactions (BEGIN IMMEDIATE). ciro_store_commit() first writes the
 * rollup changes the batch accumulated. Writers require a transaction. */
gboolean   ciro_store_begin         (CiroStore *self, GError **error);
gboolean   ciro_store_commit        (CiroStore *self, GError **error);
void       ciro_store_rollback      (CiroStore *self);
gboolean   ciro_store_in_transaction (CiroStore *self);

/* Upserts a product with its variants, stocks and images; records its cost
 * in the cost history dated `seen_day` when it differs from the latest one. */
gboolean   ciro_store_put_product   (CiroStore               *self,
                                     const CiroProductRecord *product,
                                     CiroDay                  seen_day,
                                     GError                 **error);
/* Marks every product whose last sighting is older than `walk_started`
 * inactive (a complete product walk did not see them). */
gboolean   ciro_store_mark_unseen_inactive (CiroStore *self, gint64 walk_started, GError **error);

/* Replaces everything stored for this order (lines included): matches each
 * line, costs it, computes commission and updates the rollups. */
gboolean   ciro_store_put_order     (CiroStore             *self,
                                     const CiroOrderRecord *order,
                                     GError               **error);

/* Notes that order `order_id` was seen in `status` at `at` (unix time)
 * unless it had been seen in that status before: the status timeline of
 * insights.md §3, for a writer that knows an order's past (the demo).
 * ciro_store_put_order notes the order's present status itself; call this
 * before it, in the same transaction, so the carrier figures include it. */
gboolean   ciro_store_note_status   (CiroStore *self,
                                     gint64     order_id,
                                     gint32     status,
                                     gint64     at,
                                     GError   **error);

/* Rematches and recosts every line and rebuilds all rollups in one
 * transaction. Needed after the catalogue, a mapping, a user cost or a
 * commission changed; the setters below call it themselves. */
gboolean   ciro_store_recompute     (CiroStore     *self,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* Progress of a long store operation, from 0 to 1. */
typedef void (*CiroProgressFunc) (double fraction, gpointer user_data);

/* ciro_store_recompute () telling its progress (per chunk of lines, then
 * 1 when the rollups are rebuilt). A cancel, even in the middle of the
 * rollups' rebuild, rolls everything back: the old figures stay. A write
 * of another connection of this process never waits for it: the recompute
 * rolls back when one waits for the lock (ciro_store_writer_waiting), lets
 * it write, and starts again (its progress from 0 again). */
gboolean   ciro_store_recompute_full (CiroStore        *self,
                                      CiroProgressFunc  progress,
                                      gpointer          progress_data,
                                      GCancellable     *cancellable,
                                      GError          **error);
/* TRUE while another connection of this process waits for the store's
 * write lock (a write arrived during a long transaction). */
gboolean   ciro_store_writer_waiting (CiroStore *self);
/* TRUE when the figures wait for a recompute: a store opened from before
 * version 4 (its lines lack their KDV), or a catalogue change that a sync
 * has not yet followed with one. Opening never recomputes: the window runs
 * ciro_store_recompute_async () with a progress bar, ciro-cli recomputes
 * before it reports. */
gboolean   ciro_store_needs_recompute (CiroStore *self);
/* While set on this connection, a change that would recompute every line
 * here and now (a commission by category, a shipping KDV rate, a user
 * cost, a marketplace's rates under category rules, the rules' import)
 * only marks the store as needing a recompute (ciro_store_needs_recompute),
 * for the window to run ciro_store_recompute_async () with progress and a
 * cancel instead of waiting for it inside the write. */
void       ciro_store_set_defer_recompute (CiroStore *self, gboolean defer);
/* The recompute on a worker thread with a connection of its own to the
 * store at `path`; `progress` is called on the thread-default main context
 * of the caller. */
void       ciro_store_recompute_async  (const char          *path,
                                        CiroProgressFunc     progress,
                                        gpointer             progress_data,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean   ciro_store_recompute_finish (GAsyncResult  *result,
                                        GError       **error);
/* Rebuilds the rollups from the line table (used by recompute and tests). */
gboolean   ciro_store_rebuild_rollups (CiroStore *self, GError **error);

/* Settings: see ciro-settings.h for the keys. NULL when unset. */
char      *ciro_store_get_setting   (CiroStore *self, const char *key);
gboolean   ciro_store_set_setting   (CiroStore *self, const char *key, const char *value, GError **error);
gint64     ciro_store_get_setting_int (CiroStore *self, const char *key, gint64 fallback);

/* The marketplace table (commission, shipping cost per order), sorted by name.
 * Elements: CiroMarketplaceSettings. */
GPtrArray *ciro_store_list_marketplaces (CiroStore *self, GError **error);
/* Their names alone, sorted (char *, freed with the array). */
GPtrArray *ciro_store_list_marketplace_names (CiroStore *self, GError **error);
/* Adds or edits a marketplace's settings and recomputes every figure. */
gboolean   ciro_store_set_marketplace   (CiroStore      *self,
                                         const char     *name,
                                         CiroBasisPoints commission,
                                         CiroKurus       shipping_cost,
                                         GError        **error);
/* ---- SKU mappings (ciro-store-mappings.c) ----
 *
 * A mapping tells Ciro which product a line SKU is (metrics.md's rule 4).
 * Setting one rematches and recosts only the lines that carry that SKU and
 * moves their orders' share of the rollups, in one transaction: a mapping
 * costs milliseconds whatever the store's size. */
typedef struct {
  char     *sku;
  gint64    product_id;           /* what it maps to now; 0: no mapping */
  gint64    previous_product_id;  /* before; 0: none */
  gint64    previous_created_at;  /* unix time of the previous mapping */
  gint64    lines;                /* lines of non-cancelled orders whose product changed */
  gint64    units;
  CiroKurus revenue;              /* their amount */
  gint64    costed_lines;         /* of those, lines that were unmatched and now have a product */
  CiroKurus costed_revenue;
} CiroMappingChange;

void ciro_mapping_change_free (CiroMappingChange *self);

typedef struct {
  const char *sku;
  gint64      product_id;         /* 0 removes the mapping */
  gint64      created_at;         /* unix time; 0: now */
} CiroMappingSet;

typedef struct {
  char   *sku;
  gint64  product_id;
  char   *product_sku;
  char   *product_name;
  gint64  created_at;
} CiroMapping;

void ciro_mapping_free (CiroMapping *self);

/* The parent product whose SKU (or a variant's SKU, then its parent) is
 * product_sku, the product's own SKU first, then the smallest id; 0 when
 * none, -1 on error. */
gint64     ciro_store_find_product_sku  (CiroStore  *self,
                                         const char *product_sku,
                                         GError    **error);
/* Applies `sets` in order in one transaction (all or none). Errors:
 * CIRO_STORE_ERROR_INVALID for an empty SKU, _NOT_FOUND for a product id
 * no product has. *changes (optional): CiroMappingChange per set, in order. */
gboolean   ciro_store_set_mappings      (CiroStore             *self,
                                         const CiroMappingSet  *sets,
                                         guint                  n_sets,
                                         GPtrArray            **changes,
                                         GError               **error);
/* Puts back what `changes` replaced (in reverse order), in one transaction:
 * the store is then as it was before, mapping dates included. */
gboolean   ciro_store_undo_mappings     (CiroStore  *self,
                                         GPtrArray  *changes,
                                         GError    **error);
/* Every mapping, by SKU. Elements: CiroMapping. */
GPtrArray *ciro_store_list_mappings     (CiroStore *self, GError **error);
/* Maps a line SKU to the product ciro_store_find_product_sku finds.
 * CIRO_STORE_ERROR_NOT_FOUND when no such product. Returns what moved. */
CiroMappingChange *ciro_store_map_sku_change (CiroStore  *self,
                                              const char *sku,
                                              const char *product_sku,
                                              GError    **error);
gboolean   ciro_store_map_sku           (CiroStore  *self,
                                         const char *sku,
                                         const char *product_sku,
                                         GError    **error);
gboolean   ciro_store_unmap_sku         (CiroStore *self, const char *sku, GError **error);
/* A user's unit cost (excluding VAT) for a product from from_day on;
 * overrides Sentos' price from that day; recomputes. */
gboolean   ciro_store_set_user_cost     (CiroStore      *self,
                                         gint64          product_id,
                                         CiroDay         from_day,
                                         CiroKurus       purchase_price,
                                         CiroBasisPoints vat_rate,
                                         GError        **error);

/* Number of orders stored (cheap). */
gint64     ciro_store_count_orders      (CiroStore *self, GError **error);
/* 1 when the store holds an order, 0 when none, -1 on error; cheap. */
int        ciro_store_has_orders        (CiroStore *self, GError **error);
/* 1 when the marketplace table has a row named `name`, 0 when not, -1 on
 * error. */
int        ciro_store_has_marketplace   (CiroStore  *self,
                                         const char *name,
                                         GError    **error);
gint64     ciro_store_count_products    (CiroStore *self, GError **error);

/* A bulk import of orders (a store's first sync). The indexes that every
 * order written updates at a random place (lines by product, orders by
 * customer, the last sale of each product) are dropped in the caller's
 * transaction and built again in one sorted pass by ciro_store_end_bulk ():
 * a million-order import takes half the time. Meanwhile every query gives
 * the same answers, those that used the indexes slower. A run killed in
 * between leaves them missing: ciro_store_in_bulk () says so, and the next
 * sync ends the bulk import. */
gboolean   ciro_store_begin_bulk        (CiroStore *self, GError **error);
gboolean   ciro_store_end_bulk          (CiroStore *self, GError **error);
/* TRUE when an index of the bulk import is missing; FALSE on error too. */
gboolean   ciro_store_in_bulk           (CiroStore *self);

/* ---- backups (ciro-store-backup.c) ----
 *
 * The daily backup: a copy of the store made with SQLite's online backup
 * API while it is in use, checked, in a "backups" folder next to it
 * ("ciro.db" → "backups/ciro-2026-12-05.db", 0600), the newest
 * CIRO_STORE_BACKUPS_KEPT days kept. */
#define CIRO_STORE_BACKUPS_KEPT 7

/* The backups of the store at `store_path`, newest first (full paths). */
GPtrArray *ciro_store_list_backups  (const char *store_path);
/* The day a backup was made, from its name; CIRO_DAY_INVALID if none. */
CiroDay    ciro_store_backup_day    (const char *backup_path);
/* Makes today's backup now (replacing one made earlier today) and drops
 * the oldest beyond CIRO_STORE_BACKUPS_KEPT. Returns its path. */
char      *ciro_store_backup        (CiroStore *self, GError **error);
/* Makes today's backup unless there is one: the sync's daily work. Returns
 * TRUE when there is one (made now or before); *made is the new path. */
gboolean   ciro_store_backup_if_due (CiroStore *self, char **made, GError **error);
/* Puts a backup (NULL: the newest) in the store's place. The store must be
 * closed by every program (CIRO_STORE_ERROR_IN_USE otherwise); the file it
 * replaces, damaged or not, is kept beside it as
 * "<store>.damaged-YYYYMMDD-HHMMSS" (its -wal and -shm too), whose path is
 * returned in *kept_as (NULL when there was no store). */
gboolean   ciro_store_restore       (const char *store_path,
                                     const char *backup_path,
                                     char      **kept_as,
                                     GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroMarketplaceSettings, ciro_marketplace_settings_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroMappingChange, ciro_mapping_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroMapping, ciro_mapping_free)

G_END_DECLS
