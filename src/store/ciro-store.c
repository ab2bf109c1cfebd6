/* ciro-store.c: the local SQLite copy of a seller's Sentos data
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-number.h"
#include "core/ciro-text.h"
#include "ciro-schema.h"
#include "ciro-settings.h"
#include "ciro-store-private.h"

struct _CiroStore
{
  GObject          parent_instance;

  sqlite3         *db;
  char            *path;
  gboolean         read_only;
  GHashTable      *statements;      /* SQL text → sqlite3_stmt */
  gboolean         in_transaction;
  CiroRollupDelta *delta;
  CiroMatcher     *matcher;         /* built lazily, dropped when the catalogue changes */
  GHashTable      *marketplaces;    /* name → MarketplaceInfo */
  GHashTable      *unmatched_ids;   /* sku → id */
  int              has_orders;      /* -1 unknown */
};

typedef struct {
  gint64          id;
  CiroBasisPoints commission;
} MarketplaceInfo;

G_DEFINE_FINAL_TYPE (CiroStore, ciro_store, G_TYPE_OBJECT)

#define DEFAULT_BUSY_TIMEOUT_MS 5000

static void
ciro_store_finalize (GObject *object)
{
  CiroStore *self = (CiroStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->delta, ciro_rollup_delta_free);
  g_clear_pointer (&self->matcher, ciro_matcher_free);
  g_clear_pointer (&self->marketplaces, g_hash_table_unref);
  g_clear_pointer (&self->unmatched_ids, g_hash_table_unref);
  if (self->db != NULL)
    {
      if (self->in_transaction)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (ciro_store_parent_class)->finalize (object);
}

static void
ciro_store_class_init (CiroStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ciro_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
ciro_store_init (CiroStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->delta = ciro_rollup_delta_new ();
  self->marketplaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->unmatched_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->has_orders = -1;
}

void
ciro_marketplace_settings_free (CiroMarketplaceSettings *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self);
}

/* ---------------------------------------------------------------- errors */

static CiroStoreError
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return CIRO_STORE_ERROR_LOCKED;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return CIRO_STORE_ERROR_READ_ONLY;
    case SQLITE_FULL:
      return CIRO_STORE_ERROR_FULL;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return CIRO_STORE_ERROR_CORRUPT;
    case SQLITE_CANTOPEN:
      return CIRO_STORE_ERROR_OPEN;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
      return CIRO_STORE_ERROR_INVALID;
    default:
      return CIRO_STORE_ERROR_FAILED;
    }
}

static void
set_error_from_code (GError    **error,
                     int         rc,
                     const char *path,
                     const char *detail,
                     const char *what)
{
  CiroStoreError code = error_code_for (rc);

  switch (code)
    {
    case CIRO_STORE_ERROR_LOCKED:
      g_set_error (error, CIRO_STORE_ERROR, code,
                   _("The store %s is locked by another program; try again when it has finished"),
                   path);
      break;
    case CIRO_STORE_ERROR_READ_ONLY:
      g_set_error (error, CIRO_STORE_ERROR, code,
                   _("The store %s cannot be written (read-only)"), path);
      break;
    case CIRO_STORE_ERROR_FULL:
      g_set_error (error, CIRO_STORE_ERROR, code,
                   _("The disk holding %s is full; nothing was saved from the last step"), path);
      break;
    case CIRO_STORE_ERROR_CORRUPT:
      g_set_error (error, CIRO_STORE_ERROR, code,
                   _("%s is not a Ciro store or is damaged"), path);
      break;
    case CIRO_STORE_ERROR_OPEN:
      g_set_error (error, CIRO_STORE_ERROR, code,
                   _("Cannot open the store %s: %s"), path, detail);
      break;
    default:
      g_set_error (error, CIRO_STORE_ERROR, code,
                   _("Store error while %s: %s"), what ? what : "working", detail);
      break;
    }
}

void
ciro_store_set_error (CiroStore *self, GError **error, const char *what)
{
  g_return_if_fail (CIRO_IS_STORE (self));

  set_error_from_code (error, sqlite3_extended_errcode (self->db), self->path,
                       sqlite3_errmsg (self->db), what);
}

/* ------------------------------------------------------------ statements */

sqlite3 *
ciro_store_get_db (CiroStore *self)
{
  g_return_val_if_fail (CIRO_IS_STORE (self), NULL);
  return self->db;
}

const char *
ciro_store_get_path (CiroStore *self)
{
  g_return_val_if_fail (CIRO_IS_STORE (self), NULL);
  return self->path;
}

sqlite3_stmt *
ciro_store_prepare (CiroStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CIRO_IS_STORE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      ciro_store_set_error (self, error, "preparing a query");
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
ciro_store_exec (CiroStore *self, const char *sql, GError **error)
{
  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      ciro_store_set_error (self, error, "writing");
      return FALSE;
    }
  return TRUE;
}

/* Runs a cached statement that returns no rows. */
static gboolean
step_done (CiroStore *self, sqlite3_stmt *stmt, GError **error, const char *what)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      ciro_store_set_error (self, error, what);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* ------------------------------------------------------------ SQL functions */

static void
sql_month (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  sqlite3_result_int (ctx, ciro_day_month (sqlite3_value_int (argv[0])));
}

static void
sql_apply_rate (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  sqlite3_result_int64 (ctx, ciro_apply_rate (sqlite3_value_int64 (argv[0]),
                                              sqlite3_value_int (argv[1])));
}

void
ciro_store_register_functions (sqlite3 *db)
{
  sqlite3_create_function (db, "ciro_month", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                           NULL, sql_month, NULL, NULL);
  sqlite3_create_function (db, "ciro_apply_rate", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                           NULL, sql_apply_rate, NULL, NULL);
}

/* ------------------------------------------------------------ opening */

char *
ciro_store_default_path (void)
{
  const char *env = g_getenv ("CIRO_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "ciro", "ciro.db", NULL);
}

static gboolean
seed_marketplaces (sqlite3 *db, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  const CiroMarketplaceDefault *d;

  if (sqlite3_prepare_v2 (db, "INSERT OR IGNORE INTO marketplaces (name, commission, shipping_cost)"
                              " VALUES (?1, ?2, ?3)", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  for (d = ciro_marketplace_defaults (); d->name != NULL; d++)
    {
      sqlite3_bind_text (stmt, 1, d->name, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, d->commission);
      sqlite3_bind_int64 (stmt, 3, d->shipping_cost);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        goto fail;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return TRUE;

fail:
  g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_FAILED,
               "Could not set up the marketplace table: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return FALSE;
}

static int
read_user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
migrate (CiroStore *self, GError **error)
{
  guint n_migrations;
  const char * const *migrations = ciro_schema_migrations (&n_migrations);
  int version = read_user_version (self->db);

  if (version < 0)
    {
      ciro_store_set_error (self, error, "reading the schema version");
      return FALSE;
    }
  if (version > (int) n_migrations)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_TOO_NEW,
                   _("The store %s was written by a newer version of Ciro"), self->path);
      return FALSE;
    }

  if (version == 0)
    {
      sqlite3_stmt *stmt = NULL;
      gboolean empty = FALSE;

      /* An empty file is ours to create; anything with tables but no version is
       * somebody else's database, and is left alone. */
      if (sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        empty = sqlite3_column_int (stmt, 0) == 0;
      else
        {
          ciro_store_set_error (self, error, "reading the schema");
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_finalize (stmt);
      if (!empty)
        {
          g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_CORRUPT,
                       _("%s is not a Ciro store or is damaged"), self->path);
          return FALSE;
        }
    }

  for (guint v = version; v < n_migrations; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", v + 1);

      if (!ciro_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!ciro_store_exec (self, migrations[v], error) ||
          (v == 0 && !seed_marketplaces (self->db, error)) ||
          !ciro_store_exec (self, set_version, error) ||
          !ciro_store_exec (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, "Upgrading the store to version %u: ", v + 1);
          return FALSE;
        }
      g_debug ("Store %s migrated to schema version %u", self->path, v + 1);
    }
  return TRUE;
}

static int
busy_timeout_ms (void)
{
  const char *env = g_getenv ("CIRO_BUSY_TIMEOUT_MS");

  if (env != NULL && *env != '\0')
    return (int) g_ascii_strtoll (env, NULL, 10);
  return DEFAULT_BUSY_TIMEOUT_MS;
}

static CiroStore *
open_common (const char *path, gboolean read_only, GError **error)
{
  g_autoptr(CiroStore) self = NULL;
  int flags;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CIRO_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = read_only;

  if (read_only)
    {
      flags = SQLITE_OPEN_READONLY;
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_OPEN,
                       _("Cannot open the store %s: %s"), path, g_strerror (ENOENT));
          return NULL;
        }
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);

      flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;
          g_set_error (error, CIRO_STORE_ERROR,
                       saved == EACCES || saved == EROFS ? CIRO_STORE_ERROR_READ_ONLY
                                                         : CIRO_STORE_ERROR_OPEN,
                       _("Cannot open the store %s: %s"), path, g_strerror (saved));
          return NULL;
        }
    }

  rc = sqlite3_open_v2 (path, &self->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, rc, path,
                           self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc), "opening");
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, busy_timeout_ms ());
  ciro_store_register_functions (self->db);

  /* Reading the header tells a foreign file from a store before anything
   * is written to it. */
  rc = sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      ciro_store_set_error (self, error, "opening");
      return NULL;
    }

  if (!read_only)
    {
      if (!ciro_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
          !ciro_store_exec (self, "PRAGMA synchronous = NORMAL", error))
        return NULL;
    }
  if (!ciro_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !ciro_store_exec (self, "PRAGMA cache_size = -32768", error) ||
      !ciro_store_exec (self, "PRAGMA temp_store = MEMORY", error))
    return NULL;

  if (read_only)
    {
      guint n_migrations;
      int version = read_user_version (self->db);

      ciro_schema_migrations (&n_migrations);
      if (version != (int) n_migrations)
        {
          g_set_error (error, CIRO_STORE_ERROR,
                       version > (int) n_migrations ? CIRO_STORE_ERROR_TOO_NEW
                                                    : CIRO_STORE_ERROR_CORRUPT,
                       version > (int) n_migrations
                         ? _("The store %s was written by a newer version of Ciro")
                         : _("%s is not a Ciro store or is damaged"),
                       path);
          return NULL;
        }
    }
  else if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

CiroStore *
ciro_store_open (const char *path, GError **error)
{
  return open_common (path, FALSE, error);
}

CiroStore *
ciro_store_open_readonly (const char *path, GError **error)
{
  return open_common (path, TRUE, error);
}

/* ------------------------------------------------------------ transactions */

static void
forget_caches (CiroStore *self)
{
  g_hash_table_remove_all (self->marketplaces);
  g_hash_table_remove_all (self->unmatched_ids);
  g_clear_pointer (&self->matcher, ciro_matcher_free);
  self->has_orders = -1;
}

gboolean
ciro_store_begin (CiroStore *self, GError **error)
{
  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!ciro_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_transaction = TRUE;
  ciro_rollup_delta_clear (self->delta);
  return TRUE;
}

gboolean
ciro_store_commit (CiroStore *self, GError **error)
{
  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!ciro_rollup_delta_flush (self->delta, self, error) ||
      !ciro_store_exec (self, "COMMIT", error))
    {
      ciro_store_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

void
ciro_store_rollback (CiroStore *self)
{
  g_return_if_fail (CIRO_IS_STORE (self));

  if (!self->in_transaction)
    return;
  /* After SQLITE_FULL and the like SQLite may already have rolled back. */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
  ciro_rollup_delta_clear (self->delta);
  /* Ids cached during the transaction may name rows that no longer exist. */
  forget_caches (self);
}

gboolean
ciro_store_in_transaction (CiroStore *self)
{
  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  return self->in_transaction;
}

/* Runs `body` in its own transaction unless the caller already opened one. */
typedef gboolean (*TxBody) (CiroStore *self, gpointer data, GError **error);

static gboolean
with_transaction (CiroStore *self, TxBody body, gpointer data, GError **error)
{
  gboolean own = !self->in_transaction;

  if (own && !ciro_store_begin (self, error))
    return FALSE;
  if (!body (self, data, error))
    {
      if (own)
        ciro_store_rollback (self);
      return FALSE;
    }
  if (own)
    return ciro_store_commit (self, error);
  return TRUE;
}

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

/* ------------------------------------------------------------ settings */

char *
ciro_store_get_setting (CiroStore *self, const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (CIRO_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = ciro_store_prepare (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gint64
ciro_store_get_setting_int (CiroStore *self, const char *key, gint64 fallback)
{
  g_autofree char *value = ciro_store_get_setting (self, key);
  const CiroSettingInfo *info;
  gint64 v;

  if (value == NULL)
    {
      info = ciro_settings_lookup (key);
      if (info == NULL || info->default_value == NULL)
        return fallback;
      value = g_strdup (info->default_value);
    }
  if (!g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &v, NULL))
    return fallback;
  return v;
}

static CiroMarketplaceSettings *
find_marketplace_settings (GPtrArray *list, const char *name)
{
  for (guint i = 0; i < list->len; i++)
    {
      CiroMarketplaceSettings *m = list->pdata[i];
      if (g_str_equal (m->name, name))
        return m;
    }
  return NULL;
}

gboolean
ciro_store_set_setting (CiroStore  *self,
                        const char *key,
                        const char *value,
                        GError    **error)
{
  const CiroSettingInfo *info;
  sqlite3_stmt *stmt;
  g_autofree char *stored = NULL;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  if (g_str_has_prefix (key, CIRO_SETTING_COMMISSION_PREFIX) ||
      g_str_has_prefix (key, CIRO_SETTING_SHIPPING_PREFIX))
    {
      gboolean commission = g_str_has_prefix (key, CIRO_SETTING_COMMISSION_PREFIX);
      const char *raw_name = key + strlen (commission ? CIRO_SETTING_COMMISSION_PREFIX
                                                      : CIRO_SETTING_SHIPPING_PREFIX);
      g_autofree char *name = ciro_marketplace_normalize (raw_name);
      g_autoptr(GPtrArray) list = NULL;
      CiroMarketplaceSettings *current;
      CiroBasisPoints rate = CIRO_DEFAULT_COMMISSION;
      CiroKurus shipping = CIRO_DEFAULT_SHIPPING_COST;
      gint64 parsed;

      if (*raw_name == '\0')
        {
          g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                       _("“%s” names no marketplace"), key);
          return FALSE;
        }
      if (!ciro_parse_decimal (value, 2, &parsed, NULL) || parsed < 0 ||
          (commission && parsed > 10000))
        {
          g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                       commission ? _("“%s” is not a commission percentage between 0 and 100")
                                  : _("“%s” is not a shipping cost in TRY"),
                       value);
          return FALSE;
        }
      list = ciro_store_list_marketplaces (self, error);
      if (list == NULL)
        return FALSE;
      current = find_marketplace_settings (list, name);
      if (current != NULL)
        {
          rate = current->commission;
          shipping = current->shipping_cost;
        }
      if (commission)
        rate = (CiroBasisPoints) parsed;
      else
        shipping = parsed;
      return ciro_store_set_marketplace (self, name, rate, shipping, error);
    }

  info = ciro_settings_lookup (key);
  if (info == NULL)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                   _("Unknown setting “%s”"), key);
      return FALSE;
    }

  switch (info->kind)
    {
    case CIRO_SETTING_KIND_INT:
      {
        guint64 v;
        if (!g_ascii_string_to_unsigned (value, 10, 0, 100000, &v, NULL))
          {
            g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                         _("“%s” needs a whole number from 0 to 100000, not “%s”"), key, value);
            return FALSE;
          }
        stored = g_strdup_printf ("%" G_GUINT64_FORMAT, v);
      }
      break;
    case CIRO_SETTING_KIND_PERCENT:
      {
        gint64 v;
        if (!ciro_parse_decimal (value, 2, &v, NULL) || v < 0 || v > 10000)
          {
            g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                         _("“%s” needs a percentage from 0 to 100, not “%s”"), key, value);
            return FALSE;
          }
        stored = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", v / 100, (int) (v % 100));
      }
      break;
    case CIRO_SETTING_KIND_TEXT:
    default:
      stored = g_strstrip (g_strdup (value));
      break;
    }

  stmt = ciro_store_prepare (self, "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                                   " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, stored, -1, SQLITE_STATIC);
  return step_done (self, stmt, error, "saving a setting");
}

GPtrArray *
ciro_store_list_marketplaces (CiroStore *self, GError **error)
{
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CIRO_IS_STORE (self), NULL);

  stmt = ciro_store_prepare (self, "SELECT id, name, commission, shipping_cost FROM marketplaces"
                                   " ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_marketplace_settings_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroMarketplaceSettings *m = g_new0 (CiroMarketplaceSettings, 1);
      m->id = sqlite3_column_int64 (stmt, 0);
      m->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      m->commission = sqlite3_column_int (stmt, 2);
      m->shipping_cost = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (list, m);
    }
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "reading the marketplace table");
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&list);
}

/* Looks a marketplace up by its normalised name, adding it with the
 * defaults for unknown marketplaces the first time it is seen. */
static MarketplaceInfo *
marketplace_for (CiroStore *self, const char *name, GError **error)
{
  MarketplaceInfo *info = g_hash_table_lookup (self->marketplaces, name);
  sqlite3_stmt *stmt;

  if (info != NULL)
    return info;

  stmt = ciro_store_prepare (self, "SELECT id, commission FROM marketplaces WHERE name = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      info = g_new (MarketplaceInfo, 1);
      info->id = sqlite3_column_int64 (stmt, 0);
      info->commission = sqlite3_column_int (stmt, 1);
      sqlite3_reset (stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      stmt = ciro_store_prepare (self, "INSERT INTO marketplaces (name, commission, shipping_cost)"
                                       " VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, CIRO_DEFAULT_COMMISSION);
      sqlite3_bind_int64 (stmt, 3, CIRO_DEFAULT_SHIPPING_COST);
      if (!step_done (self, stmt, error, "adding a marketplace"))
        return NULL;
      info = g_new (MarketplaceInfo, 1);
      info->id = sqlite3_last_insert_rowid (self->db);
      info->commission = CIRO_DEFAULT_COMMISSION;
    }
  g_hash_table_insert (self->marketplaces, g_strdup (name), info);
  return info;
}

typedef struct {
  const char     *name;
  CiroBasisPoints commission;
  CiroKurus       shipping_cost;
} SetMarketplace;

static gboolean
set_marketplace_body (CiroStore *self, gpointer data, GError **error)
{
  SetMarketplace *m = data;
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = ciro_store_prepare (self, "INSERT INTO marketplaces (name, commission, shipping_cost)"
                                   " VALUES (?1, ?2, ?3) ON CONFLICT (name) DO UPDATE SET"
                                   " commission = excluded.commission,"
                                   " shipping_cost = excluded.shipping_cost", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, m->name, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, m->commission);
  sqlite3_bind_int64 (stmt, 3, m->shipping_cost);
  if (!step_done (self, stmt, error, "saving a marketplace"))
    return FALSE;
  g_hash_table_remove (self->marketplaces, m->name);

  stmt = ciro_store_prepare (self, "SELECT id FROM marketplaces WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, m->name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      ciro_store_set_error (self, error, "saving a marketplace");
      sqlite3_reset (stmt);
      return FALSE;
    }
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* Shipping expense is computed when read; commission is rounded per line,
   * so the lines of this marketplace are recosted and the rollups rebuilt. */
  stmt = ciro_store_prepare (self, "UPDATE order_lines SET commission = ciro_apply_rate (amount, ?1)"
                                   " WHERE order_id IN (SELECT id FROM orders WHERE marketplace_id = ?2)"
                                   " AND commission <> ciro_apply_rate (amount, ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, m->commission);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!step_done (self, stmt, error, "recomputing commissions"))
    return FALSE;
  if (sqlite3_changes (self->db) > 0)
    return ciro_store_rebuild_rollups (self, error);
  return TRUE;
}

gboolean
ciro_store_set_marketplace (CiroStore      *self,
                            const char     *name,
                            CiroBasisPoints commission,
                            CiroKurus       shipping_cost,
                            GError        **error)
{
  SetMarketplace m = { name, commission, shipping_cost };

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && *name != '\0', FALSE);

  if (commission < 0 || commission > 10000 || shipping_cost < 0)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                   _("Commission must be between 0 and 100 %% and shipping cost not negative"));
      return FALSE;
    }
  return with_transaction (self, set_marketplace_body, &m, error);
}

/* ------------------------------------------------------------ products */

static gboolean
store_has_orders (CiroStore *self)
{
  if (self->has_orders < 0)
    {
      sqlite3_stmt *stmt = ciro_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM orders)", NULL);
      self->has_orders = stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
      if (stmt != NULL)
        sqlite3_reset (stmt);
    }
  return self->has_orders > 0;
}

static gboolean
mark_needs_recompute (CiroStore *self, GError **error)
{
  sqlite3_stmt *stmt = ciro_store_prepare (self,
    "INSERT INTO settings (key, value) VALUES ('needs_recompute', '1')"
    " ON CONFLICT (key) DO UPDATE SET value = '1'", error);
  return stmt != NULL && step_done (self, stmt, error, "saving a flag");
}

static void
sig_add_str (guint64 *h, const char *s)
{
  /* FNV-1a, with a separator so that ("ab","c") and ("a","bc") differ. */
  if (s != NULL)
    for (const unsigned char *p = (const unsigned char *) s; *p; p++)
      *h = (*h ^ *p) * 0x100000001b3ull;
  *h = (*h ^ 0xff) * 0x100000001b3ull;
}

static void
sig_add_int (guint64 *h, gint64 v)
{
  for (int i = 0; i < 8; i++)
    *h = (*h ^ ((guint64) v >> (8 * i) & 0xff)) * 0x100000001b3ull;
}

/* What matching and costing read from a product, hashed: when it is
 * unchanged, a product sync does not force a recomputation. */
static gint64
match_signature (const CiroProductRecord *p)
{
  guint64 h = 0xcbf29ce484222325ull;

  sig_add_str (&h, p->sku);
  sig_add_str (&h, p->barcode);
  sig_add_int (&h, p->purchase_price);
  sig_add_int (&h, p->vat_rate);
  for (guint i = 0; i < p->variants->len; i++)
    {
      const CiroVariantRecord *v = p->variants->pdata[i];
      sig_add_int (&h, v->id);
      sig_add_str (&h, v->sku);
      sig_add_str (&h, v->barcode);
      sig_add_int (&h, v->has_purchase_price ? v->purchase_price : -1);
      sig_add_int (&h, v->vat_rate);
    }
  return (gint64) (h & G_MAXINT64);
}

static gboolean
put_cost (CiroStore      *self,
          int             kind,
          gint64          entity_id,
          CiroDay         day,
          CiroKurus       purchase_price,
          CiroBasisPoints vat_rate,
          GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean same = FALSE;

  stmt = ciro_store_prepare (self, "SELECT purchase_price, vat_rate FROM cost_history"
                                   " WHERE kind = ?1 AND entity_id = ?2 AND source = 0"
                                   " ORDER BY from_day DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, kind);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    same = sqlite3_column_int64 (stmt, 0) == purchase_price && sqlite3_column_int (stmt, 1) == vat_rate;
  sqlite3_reset (stmt);
  if (same)
    return TRUE;

  stmt = ciro_store_prepare (self, "INSERT OR REPLACE INTO cost_history"
                                   " (kind, entity_id, source, from_day, purchase_price, vat_rate)"
                                   " VALUES (?1, ?2, 0, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, kind);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  sqlite3_bind_int (stmt, 3, day);
  sqlite3_bind_int64 (stmt, 4, purchase_price);
  sqlite3_bind_int (stmt, 5, vat_rate);
  return step_done (self, stmt, error, "saving a cost");
}

static gboolean
put_stocks (CiroStore *self, gint64 product_id, gint64 variant_id, GArray *stocks,
            gint64 *total, GError **error)
{
  for (guint i = 0; i < stocks->len; i++)
    {
      const CiroStockRecord *s = &g_array_index (stocks, CiroStockRecord, i);
      sqlite3_stmt *stmt;

      if (s->warehouse_name != NULL)
        stmt = ciro_store_prepare (self, "INSERT INTO warehouses (id, name) VALUES (?1, ?2)"
                                         " ON CONFLICT (id) DO UPDATE SET name = excluded.name", error);
      else
        stmt = ciro_store_prepare (self, "INSERT OR IGNORE INTO warehouses (id, name) VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, s->warehouse_id);
      bind_text (stmt, 2, s->warehouse_name);
      if (!step_done (self, stmt, error, "saving a warehouse"))
        return FALSE;

      /* A warehouse listed twice adds up rather than failing the product. */
      stmt = ciro_store_prepare (self, "INSERT INTO stocks (product_id, variant_id, warehouse_id, stock)"
                                       " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET"
                                       " stock = stock + excluded.stock", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, product_id);
      sqlite3_bind_int64 (stmt, 2, variant_id);
      sqlite3_bind_int64 (stmt, 3, s->warehouse_id);
      sqlite3_bind_int64 (stmt, 4, s->stock);
      if (!step_done (self, stmt, error, "saving stock"))
        return FALSE;
      *total += s->stock;
    }
  return TRUE;
}

gboolean
ciro_store_put_product (CiroStore               *self,
                        const CiroProductRecord *p,
                        CiroDay                  seen_day,
                        GError                 **error)
{
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 sig = match_signature (p);
  gint64 old_sig = -1;
  gint64 total = 0;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (p != NULL, FALSE);
  REQUIRE_TRANSACTION (self, error);

  stmt = ciro_store_prepare (self, "SELECT match_sig FROM products WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    old_sig = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  stmt = ciro_store_prepare (self,
    "INSERT INTO products (id, sku, name, brand, category_id, category, barcode, purchase_price,"
    " sale_price, vat_rate, currency, image_url, stock, active, match_sig, first_seen, last_seen)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, 1, ?13, ?14, ?14)"
    " ON CONFLICT (id) DO UPDATE SET sku = excluded.sku, name = excluded.name,"
    " brand = excluded.brand, category_id = excluded.category_id,"
    " category = coalesce (excluded.category, category), barcode = excluded.barcode,"
    " purchase_price = excluded.purchase_price, sale_price = excluded.sale_price,"
    " vat_rate = excluded.vat_rate, currency = excluded.currency, image_url = excluded.image_url,"
    " active = 1, match_sig = excluded.match_sig, last_seen = excluded.last_seen", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  sqlite3_bind_text (stmt, 2, p->sku ? p->sku : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, p->name ? p->name : "", -1, SQLITE_STATIC);
  bind_text (stmt, 4, p->brand);
  if (p->category_id != 0)
    sqlite3_bind_int64 (stmt, 5, p->category_id);
  else
    sqlite3_bind_null (stmt, 5);
  bind_text (stmt, 6, p->category);
  bind_text (stmt, 7, p->barcode);
  sqlite3_bind_int64 (stmt, 8, p->purchase_price);
  sqlite3_bind_int64 (stmt, 9, p->sale_price);
  sqlite3_bind_int (stmt, 10, p->vat_rate);
  bind_text (stmt, 11, p->currency);
  bind_text (stmt, 12, p->image_url);
  sqlite3_bind_int64 (stmt, 13, sig);
  sqlite3_bind_int64 (stmt, 14, now);
  if (!step_done (self, stmt, error, "saving a product"))
    return FALSE;

  /* Variants and stocks are replaced as a whole: Sentos sends the full list. */
  stmt = ciro_store_prepare (self, "DELETE FROM stocks WHERE product_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  if (!step_done (self, stmt, error, "saving stock"))
    return FALSE;
  stmt = ciro_store_prepare (self, "DELETE FROM variants WHERE product_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  if (!step_done (self, stmt, error, "saving variants"))
    return FALSE;

  for (guint i = 0; i < p->variants->len; i++)
    {
      const CiroVariantRecord *v = p->variants->pdata[i];
      gint64 vstock = 0;

      if (!put_stocks (self, p->id, v->id, v->stocks, &vstock, error))
        return FALSE;
      total += vstock;

      stmt = ciro_store_prepare (self,
        "INSERT OR REPLACE INTO variants (id, product_id, sku, barcode, color, model_name, model_value,"
        " purchase_price, vat_rate, image_url, stock)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, v->id);
      sqlite3_bind_int64 (stmt, 2, p->id);
      sqlite3_bind_text (stmt, 3, v->sku ? v->sku : "", -1, SQLITE_STATIC);
      bind_text (stmt, 4, v->barcode);
      bind_text (stmt, 5, v->color);
      bind_text (stmt, 6, v->model_name);
      bind_text (stmt, 7, v->model_value);
      if (v->has_purchase_price)
        {
          sqlite3_bind_int64 (stmt, 8, v->purchase_price);
          sqlite3_bind_int (stmt, 9, v->vat_rate);
        }
      else
        {
          sqlite3_bind_null (stmt, 8);
          sqlite3_bind_null (stmt, 9);
        }
      bind_text (stmt, 10, v->image_url);
      sqlite3_bind_int64 (stmt, 11, vstock);
      if (!step_done (self, stmt, error, "saving a variant"))
        return FALSE;

      if (v->has_purchase_price &&
          !put_cost (self, 1, v->id, seen_day, v->purchase_price, v->vat_rate, error))
        return FALSE;
    }
  if (p->variants->len == 0 && !put_stocks (self, p->id, 0, p->stocks, &total, error))
    return FALSE;

  stmt = ciro_store_prepare (self, "UPDATE products SET stock = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  sqlite3_bind_int64 (stmt, 2, total);
  if (!step_done (self, stmt, error, "saving stock"))
    return FALSE;

  if (!put_cost (self, 0, p->id, seen_day, p->purchase_price, p->vat_rate, error))
    return FALSE;

  if (old_sig != sig)
    {
      g_clear_pointer (&self->matcher, ciro_matcher_free);
      if (store_has_orders (self) && !mark_needs_recompute (self, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ciro_store_mark_unseen_inactive (CiroStore *self, gint64 walk_started, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  REQUIRE_TRANSACTION (self, error);

  stmt = ciro_store_prepare (self, "UPDATE products SET active = 0 WHERE last_seen < ?1 AND active = 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, walk_started);
  return step_done (self, stmt, error, "marking products inactive");
}

/* ------------------------------------------------------------ orders */

static CiroMatcher *
get_matcher (CiroStore *self, GError **error)
{
  if (self->matcher == NULL)
    self->matcher = ciro_matcher_load (self->db, error);
  return self->matcher;
}

static gint64
unmatched_key (CiroStore *self, const char *sku, GError **error)
{
  gint64 *cached = g_hash_table_lookup (self->unmatched_ids, sku);
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (cached != NULL)
    return -*cached;

  stmt = ciro_store_prepare (self, "INSERT INTO unmatched_skus (sku) VALUES (?1)"
                                   " ON CONFLICT (sku) DO UPDATE SET sku = sku RETURNING id", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else
    ciro_store_set_error (self, error, "saving an unmatched SKU");
  sqlite3_reset (stmt);
  if (id == 0)
    return 0;

  cached = g_new (gint64, 1);
  *cached = id;
  g_hash_table_insert (self->unmatched_ids, g_strdup (sku), cached);
  return -id;
}

/* Takes the stored order's contribution out of the rollups and deletes its
 * lines; the caller writes the new version. */
static gboolean
remove_old_order (CiroStore *self, gint64 order_id, GError **error)
{
  sqlite3_stmt *stmt;
  CiroDay day;
  gint64 marketplace_id;
  gint32 status;
  CiroKurus shipping;
  g_autoptr(GArray) lines = NULL;
  int rc;

  stmt = ciro_store_prepare (self, "SELECT day, marketplace_id, status, shipping_total"
                                   " FROM orders WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        return TRUE;
      ciro_store_set_error (self, error, "reading an order");
      return FALSE;
    }
  day = sqlite3_column_int (stmt, 0);
  marketplace_id = sqlite3_column_int64 (stmt, 1);
  status = sqlite3_column_int (stmt, 2);
  shipping = sqlite3_column_int64 (stmt, 3);
  sqlite3_reset (stmt);

  lines = g_array_new (FALSE, TRUE, sizeof (CiroRollupLine));
  stmt = ciro_store_prepare (self, "SELECT product_key, quantity, amount, cost, commission, match_rule"
                                   " FROM order_lines WHERE order_id = ?1 ORDER BY pos", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroRollupLine l = {
        .product_key = sqlite3_column_int64 (stmt, 0),
        .quantity = sqlite3_column_int64 (stmt, 1),
        .amount = sqlite3_column_int64 (stmt, 2),
        .cost = sqlite3_column_int64 (stmt, 3),
        .commission = sqlite3_column_int64 (stmt, 4),
        .unmatched = sqlite3_column_int (stmt, 5) == CIRO_MATCH_NONE,
      };
      g_array_append_val (lines, l);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "reading order lines");
      return FALSE;
    }

  ciro_rollup_delta_add_order (self->delta, day, marketplace_id, status, shipping,
                               (CiroRollupLine *) lines->data, lines->len, -1);

  stmt = ciro_store_prepare (self, "DELETE FROM order_lines WHERE order_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  return step_done (self, stmt, error, "replacing order lines");
}

gboolean
ciro_store_put_order (CiroStore             *self,
                      const CiroOrderRecord *o,
                      GError               **error)
{
  g_autofree char *normalized = NULL;
  const char *marketplace;
  MarketplaceInfo *mp;
  CiroMatcher *matcher;
  sqlite3_stmt *stmt;
  g_autofree CiroRollupLine *rl = NULL;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (o != NULL, FALSE);
  REQUIRE_TRANSACTION (self, error);

  if (o->day == CIRO_DAY_INVALID)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                   _("Order %" G_GINT64_FORMAT " has no valid date"), o->id);
      return FALSE;
    }

  marketplace = o->marketplace;
  if (marketplace == NULL)
    marketplace = normalized = ciro_marketplace_normalize (o->source);
  mp = marketplace_for (self, marketplace, error);
  if (mp == NULL)
    return FALSE;
  matcher = get_matcher (self, error);
  if (matcher == NULL)
    return FALSE;

  if (!remove_old_order (self, o->id, error))
    return FALSE;

  if (o->customer_id != 0)
    {
      stmt = ciro_store_prepare (self, "INSERT INTO customers (id, name, email, phone) VALUES (?1, ?2, ?3, ?4)"
                                       " ON CONFLICT (id) DO UPDATE SET name = coalesce (excluded.name, name),"
                                       " email = coalesce (excluded.email, email),"
                                       " phone = coalesce (excluded.phone, phone)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, o->customer_id);
      bind_text (stmt, 2, o->customer_name);
      bind_text (stmt, 3, o->customer_email);
      bind_text (stmt, 4, o->customer_phone);
      if (!step_done (self, stmt, error, "saving a customer"))
        return FALSE;
    }

  stmt = ciro_store_prepare (self,
    "INSERT INTO orders (id, order_code, day, seconds, created_at, updated_at, source, marketplace_id,"
    " shop, status, total, shipping_total, carrying_charge, service_fee, cargo_provider, cargo_number,"
    " has_invoice, invoice_type, invoice_number, customer_id, city, district, country, line_count)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
    " ?20, ?21, ?22, ?23, ?24)"
    " ON CONFLICT (id) DO UPDATE SET order_code = excluded.order_code, day = excluded.day,"
    " seconds = excluded.seconds, created_at = excluded.created_at, updated_at = excluded.updated_at,"
    " source = excluded.source, marketplace_id = excluded.marketplace_id, shop = excluded.shop,"
    " status = excluded.status, total = excluded.total, shipping_total = excluded.shipping_total,"
    " carrying_charge = excluded.carrying_charge, service_fee = excluded.service_fee,"
    " cargo_provider = excluded.cargo_provider, cargo_number = excluded.cargo_number,"
    " has_invoice = excluded.has_invoice, invoice_type = excluded.invoice_type,"
    " invoice_number = excluded.invoice_number, customer_id = excluded.customer_id,"
    " city = excluded.city, district = excluded.district, country = excluded.country,"
    " line_count = excluded.line_count", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, o->id);
  bind_text (stmt, 2, o->order_code);
  sqlite3_bind_int (stmt, 3, o->day);
  sqlite3_bind_int (stmt, 4, o->seconds);
  bind_text (stmt, 5, o->created_at);
  bind_text (stmt, 6, o->updated_at);
  bind_text (stmt, 7, o->source);
  sqlite3_bind_int64 (stmt, 8, mp->id);
  bind_text (stmt, 9, o->shop);
  sqlite3_bind_int (stmt, 10, o->status);
  sqlite3_bind_int64 (stmt, 11, o->total);
  sqlite3_bind_int64 (stmt, 12, o->shipping_total);
  sqlite3_bind_int64 (stmt, 13, o->carrying_charge);
  sqlite3_bind_int64 (stmt, 14, o->service_fee);
  bind_text (stmt, 15, o->cargo_provider);
  bind_text (stmt, 16, o->cargo_number);
  bind_text (stmt, 17, o->has_invoice);
  bind_text (stmt, 18, o->invoice_type);
  bind_text (stmt, 19, o->invoice_number);
  if (o->customer_id != 0)
    sqlite3_bind_int64 (stmt, 20, o->customer_id);
  else
    sqlite3_bind_null (stmt, 20);
  bind_text (stmt, 21, o->city);
  bind_text (stmt, 22, o->district);
  bind_text (stmt, 23, o->country);
  sqlite3_bind_int (stmt, 24, (int) o->lines->len);
  if (!step_done (self, stmt, error, "saving an order"))
    return FALSE;
  self->has_orders = 1;

  rl = g_new0 (CiroRollupLine, MAX (1, o->lines->len));
  for (guint i = 0; i < o->lines->len; i++)
    {
      const CiroOrderLineRecord *l = o->lines->pdata[i];
      const char *sku = l->sku ? l->sku : "";
      CiroMatch match;
      CiroKurus unit_cost;
      gint64 key;

      ciro_matcher_match (matcher, sku, l->barcode, &match);
      unit_cost = ciro_matcher_unit_cost (matcher, &match, o->day);
      if (match.rule == CIRO_MATCH_NONE)
        {
          key = unmatched_key (self, sku, error);
          if (key == 0)
            return FALSE;
        }
      else
        key = match.product_id;

      rl[i].product_key = key;
      rl[i].quantity = l->quantity;
      rl[i].amount = l->amount;
      rl[i].cost = l->quantity * unit_cost;
      rl[i].commission = ciro_apply_rate (l->amount, mp->commission);
      rl[i].unmatched = match.rule == CIRO_MATCH_NONE;

      stmt = ciro_store_prepare (self,
        "INSERT INTO order_lines (order_id, pos, line_id, sku, name, barcode, color, model_name,"
        " model_value, line_status, quantity, price, discount, amount, vat_rate, product_id,"
        " variant_id, match_rule, product_key, unit_cost, cost, commission)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
        " ?19, ?20, ?21, ?22)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, o->id);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_int64 (stmt, 3, l->line_id);
      sqlite3_bind_text (stmt, 4, sku, -1, SQLITE_STATIC);
      bind_text (stmt, 5, l->name);
      bind_text (stmt, 6, l->barcode);
      bind_text (stmt, 7, l->color);
      bind_text (stmt, 8, l->model_name);
      bind_text (stmt, 9, l->model_value);
      bind_text (stmt, 10, l->status);
      sqlite3_bind_int64 (stmt, 11, l->quantity);
      sqlite3_bind_int64 (stmt, 12, l->price);
      sqlite3_bind_int64 (stmt, 13, l->discount);
      sqlite3_bind_int64 (stmt, 14, l->amount);
      sqlite3_bind_int (stmt, 15, l->vat_rate);
      if (match.rule != CIRO_MATCH_NONE)
        sqlite3_bind_int64 (stmt, 16, match.product_id);
      else
        sqlite3_bind_null (stmt, 16);
      if (match.variant_id != 0)
        sqlite3_bind_int64 (stmt, 17, match.variant_id);
      else
        sqlite3_bind_null (stmt, 17);
      sqlite3_bind_int (stmt, 18, match.rule);
      sqlite3_bind_int64 (stmt, 19, key);
      sqlite3_bind_int64 (stmt, 20, unit_cost);
      sqlite3_bind_int64 (stmt, 21, rl[i].cost);
      sqlite3_bind_int64 (stmt, 22, rl[i].commission);
      if (!step_done (self, stmt, error, "saving an order line"))
        return FALSE;
    }

  ciro_rollup_delta_add_order (self->delta, o->day, mp->id, o->status, o->shipping_total,
                               rl, o->lines->len, +1);
  return TRUE;
}

/* ------------------------------------------------------------ recompute */

gboolean
ciro_store_rebuild_rollups (CiroStore *self, GError **error)
{
  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  REQUIRE_TRANSACTION (self, error);

  /* Pending deltas describe rows about to be rebuilt from scratch. */
  ciro_rollup_delta_clear (self->delta);

  return ciro_store_exec (self,
    "DELETE FROM roll_day_mp;"
    "DELETE FROM roll_day_product;"
    "DELETE FROM roll_month_product;"
    "INSERT INTO roll_day_mp"
    " SELECT o.day, o.marketplace_id, count(*),"
    "  sum (coalesce (l.units, 0)), sum (coalesce (l.amount, 0)), sum (o.shipping_total),"
    "  sum (o.status = 6),"
    "  sum (CASE WHEN o.status = 6 THEN coalesce (l.units, 0) ELSE 0 END),"
    "  sum (CASE WHEN o.status = 6 THEN coalesce (l.amount, 0) ELSE 0 END),"
    "  sum (CASE WHEN o.status = 6 THEN o.shipping_total ELSE 0 END),"
    "  sum (CASE WHEN o.status <> 6 THEN coalesce (l.cost, 0) ELSE 0 END),"
    "  sum (CASE WHEN o.status <> 6 THEN coalesce (l.commission, 0) ELSE 0 END),"
    "  sum (CASE WHEN o.status <> 6 THEN coalesce (l.um_lines, 0) ELSE 0 END),"
    "  sum (CASE WHEN o.status <> 6 THEN coalesce (l.um_amount, 0) ELSE 0 END)"
    " FROM orders o LEFT JOIN ("
    "   SELECT order_id, sum (quantity) AS units, sum (amount) AS amount, sum (cost) AS cost,"
    "    sum (commission) AS commission, sum (match_rule = 0) AS um_lines,"
    "    sum (CASE WHEN match_rule = 0 THEN amount ELSE 0 END) AS um_amount"
    "   FROM order_lines GROUP BY order_id) l ON l.order_id = o.id"
    " GROUP BY o.day, o.marketplace_id;"
    "INSERT INTO roll_day_product"
    " SELECT o.day, o.marketplace_id, l.product_key,"
    "  sum (CASE WHEN o.status <> 6 THEN l.amount ELSE 0 END),"
    "  sum (CASE WHEN o.status <> 6 THEN l.quantity ELSE 0 END),"
    "  count (DISTINCT CASE WHEN o.status <> 6 THEN o.id END),"
    "  sum (CASE WHEN o.status <> 6 THEN l.cost ELSE 0 END),"
    "  sum (CASE WHEN o.status <> 6 THEN l.commission ELSE 0 END),"
    "  sum (CASE WHEN o.status = 6 THEN l.quantity ELSE 0 END)"
    " FROM order_lines l JOIN orders o ON o.id = l.order_id"
    " GROUP BY o.day, o.marketplace_id, l.product_key;"
    "INSERT INTO roll_month_product"
    " SELECT ciro_month (day), marketplace_id, product_key, sum (revenue), sum (units),"
    "  sum (orders), sum (cost), sum (commission), sum (return_units)"
    " FROM roll_day_product GROUP BY ciro_month (day), marketplace_id, product_key;",
    error);
}

typedef struct {
  GCancellable *cancellable;
} RecomputeData;

typedef struct {
  gint64          order_id;
  int             pos;
  CiroMatch       match;
  gint64          product_key;
  CiroKurus       unit_cost;
  CiroKurus       cost;
  CiroKurus       commission;
} LineUpdate;

#define RECOMPUTE_CHUNK 20000

/* Reads one chunk of lines after (order_id, pos) and collects the ones
 * whose match, cost or commission changed. Reading and writing are kept
 * apart: SQLite leaves a scan over a table that is being updated undefined. */
static gboolean
recompute_chunk (CiroStore   *self,
                 CiroMatcher *matcher,
                 GHashTable  *rates,
                 gint64      *last_order,
                 int         *last_pos,
                 guint       *n_read,
                 GArray      *updates,
                 GError     **error)
{
  sqlite3_stmt *read;
  int rc;

  read = ciro_store_prepare (self,
    "SELECT l.order_id, l.pos, l.sku, l.barcode, l.quantity, l.amount, o.day, o.marketplace_id,"
    " l.product_id, l.variant_id, l.match_rule, l.product_key, l.unit_cost, l.cost, l.commission"
    " FROM order_lines l JOIN orders o ON o.id = l.order_id"
    " WHERE (l.order_id, l.pos) > (?1, ?2) ORDER BY l.order_id, l.pos LIMIT ?3", error);
  if (read == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, *last_order);
  sqlite3_bind_int (read, 2, *last_pos);
  sqlite3_bind_int (read, 3, RECOMPUTE_CHUNK);

  *n_read = 0;
  while ((rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      const char *sku = (const char *) sqlite3_column_text (read, 2);
      const char *barcode = (const char *) sqlite3_column_text (read, 3);
      gint64 quantity = sqlite3_column_int64 (read, 4);
      CiroKurus amount = sqlite3_column_int64 (read, 5);
      CiroDay day = sqlite3_column_int (read, 6);
      gint64 mp_id = sqlite3_column_int64 (read, 7);
      gint32 *rate = g_hash_table_lookup (rates, &mp_id);
      LineUpdate u = { 0 };

      u.order_id = sqlite3_column_int64 (read, 0);
      u.pos = sqlite3_column_int (read, 1);
      *last_order = u.order_id;
      *last_pos = u.pos;
      (*n_read)++;

      ciro_matcher_match (matcher, sku ? sku : "", barcode, &u.match);
      u.unit_cost = ciro_matcher_unit_cost (matcher, &u.match, day);
      u.cost = quantity * u.unit_cost;
      u.commission = ciro_apply_rate (amount, rate ? *rate : CIRO_DEFAULT_COMMISSION);
      if (u.match.rule == CIRO_MATCH_NONE)
        {
          u.product_key = unmatched_key (self, sku ? sku : "", error);
          if (u.product_key == 0)
            {
              sqlite3_reset (read);
              return FALSE;
            }
        }
      else
        u.product_key = u.match.product_id;

      if (sqlite3_column_int64 (read, 8) == u.match.product_id &&
          sqlite3_column_int64 (read, 9) == u.match.variant_id &&
          sqlite3_column_int (read, 10) == (int) u.match.rule &&
          sqlite3_column_int64 (read, 11) == u.product_key &&
          sqlite3_column_int64 (read, 12) == u.unit_cost &&
          sqlite3_column_int64 (read, 13) == u.cost &&
          sqlite3_column_int64 (read, 14) == u.commission)
        continue;
      g_array_append_val (updates, u);
    }
  sqlite3_reset (read);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "recomputing");
      return FALSE;
    }
  return TRUE;
}

static gboolean
apply_line_updates (CiroStore *self, GArray *updates, GError **error)
{
  for (guint i = 0; i < updates->len; i++)
    {
      const LineUpdate *u = &g_array_index (updates, LineUpdate, i);
      sqlite3_stmt *stmt = ciro_store_prepare (self,
        "UPDATE order_lines SET product_id = ?3, variant_id = ?4, match_rule = ?5, product_key = ?6,"
        " unit_cost = ?7, cost = ?8, commission = ?9 WHERE order_id = ?1 AND pos = ?2", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, u->order_id);
      sqlite3_bind_int (stmt, 2, u->pos);
      if (u->match.rule != CIRO_MATCH_NONE)
        sqlite3_bind_int64 (stmt, 3, u->match.product_id);
      if (u->match.variant_id != 0)
        sqlite3_bind_int64 (stmt, 4, u->match.variant_id);
      sqlite3_bind_int (stmt, 5, u->match.rule);
      sqlite3_bind_int64 (stmt, 6, u->product_key);
      sqlite3_bind_int64 (stmt, 7, u->unit_cost);
      sqlite3_bind_int64 (stmt, 8, u->cost);
      sqlite3_bind_int64 (stmt, 9, u->commission);
      if (!step_done (self, stmt, error, "recomputing a line"))
        return FALSE;
    }
  return TRUE;
}

static gboolean
recompute_body (CiroStore *self, gpointer data, GError **error)
{
  RecomputeData *rd = data;
  g_autoptr(CiroMatcher) matcher = NULL;
  g_autoptr(GHashTable) rates = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GArray) updates = g_array_new (FALSE, FALSE, sizeof (LineUpdate));
  sqlite3_stmt *stmt;
  gint64 last_order = G_MININT64;
  int last_pos = -1;
  guint n_read;

  matcher = ciro_matcher_load (self->db, error);
  if (matcher == NULL)
    return FALSE;

  stmt = ciro_store_prepare (self, "SELECT id, commission FROM marketplaces", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);
      gint32 *rate = g_new (gint32, 1);
      *id = sqlite3_column_int64 (stmt, 0);
      *rate = sqlite3_column_int (stmt, 1);
      g_hash_table_insert (rates, id, rate);
    }
  sqlite3_reset (stmt);

  do
    {
      if (g_cancellable_set_error_if_cancelled (rd->cancellable, error))
        return FALSE;
      g_array_set_size (updates, 0);
      if (!recompute_chunk (self, matcher, rates, &last_order, &last_pos, &n_read, updates, error) ||
          !apply_line_updates (self, updates, error))
        return FALSE;
    }
  while (n_read == RECOMPUTE_CHUNK);

  if (!ciro_store_rebuild_rollups (self, error) ||
      !ciro_store_exec (self, "DELETE FROM settings WHERE key = 'needs_recompute'", error))
    return FALSE;

  g_clear_pointer (&self->matcher, ciro_matcher_free);
  self->matcher = g_steal_pointer (&matcher);
  return TRUE;
}

gboolean
ciro_store_recompute (CiroStore     *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  RecomputeData rd = { cancellable };

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  return with_transaction (self, recompute_body, &rd, error);
}

/* ------------------------------------------------------------ mappings, costs */

typedef struct {
  const char *sku;
  const char *product_sku;
} MapData;

static gboolean
map_sku_body (CiroStore *self, gpointer data, GError **error)
{
  MapData *md = data;
  sqlite3_stmt *stmt;
  gint64 product_id = 0;

  stmt = ciro_store_prepare (self,
    "SELECT id FROM (SELECT id, 0 AS pref FROM products WHERE sku = ?1"
    "                UNION ALL SELECT product_id, 1 FROM variants WHERE sku = ?1)"
    " ORDER BY pref, id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, md->product_sku, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    product_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (product_id == 0)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_NOT_FOUND,
                   _("No product has the SKU “%s”"), md->product_sku);
      return FALSE;
    }

  stmt = ciro_store_prepare (self, "INSERT INTO sku_mappings (sku, product_id, created_at)"
                                   " VALUES (?1, ?2, ?3) ON CONFLICT (sku) DO UPDATE SET"
                                   " product_id = excluded.product_id,"
                                   " created_at = excluded.created_at", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, md->sku, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, product_id);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  if (!step_done (self, stmt, error, "saving a mapping"))
    return FALSE;
  return recompute_body (self, &(RecomputeData) { NULL }, error);
}

gboolean
ciro_store_map_sku (CiroStore  *self,
                    const char *sku,
                    const char *product_sku,
                    GError    **error)
{
  MapData md = { sku, product_sku };

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (sku != NULL && product_sku != NULL, FALSE);

  if (*sku == '\0')
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID, _("An empty SKU cannot be mapped"));
      return FALSE;
    }
  return with_transaction (self, map_sku_body, &md, error);
}

static gboolean
unmap_sku_body (CiroStore *self, gpointer data, GError **error)
{
  sqlite3_stmt *stmt = ciro_store_prepare (self, "DELETE FROM sku_mappings WHERE sku = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, data, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error, "removing a mapping"))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return TRUE;
  return recompute_body (self, &(RecomputeData) { NULL }, error);
}

gboolean
ciro_store_unmap_sku (CiroStore *self, const char *sku, GError **error)
{
  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (sku != NULL, FALSE);
  return with_transaction (self, unmap_sku_body, (gpointer) sku, error);
}

typedef struct {
  gint64          product_id;
  CiroDay         from_day;
  CiroKurus       purchase_price;
  CiroBasisPoints vat_rate;
} UserCost;

static gboolean
user_cost_body (CiroStore *self, gpointer data, GError **error)
{
  UserCost *uc = data;
  sqlite3_stmt *stmt;
  gboolean exists;

  stmt = ciro_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM products WHERE id = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, uc->product_id);
  exists = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (!exists)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_NOT_FOUND,
                   _("No product with id %" G_GINT64_FORMAT), uc->product_id);
      return FALSE;
    }

  stmt = ciro_store_prepare (self, "INSERT OR REPLACE INTO cost_history"
                                   " (kind, entity_id, source, from_day, purchase_price, vat_rate)"
                                   " VALUES (0, ?1, 1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, uc->product_id);
  sqlite3_bind_int (stmt, 2, uc->from_day);
  sqlite3_bind_int64 (stmt, 3, uc->purchase_price);
  sqlite3_bind_int (stmt, 4, uc->vat_rate);
  if (!step_done (self, stmt, error, "saving a cost"))
    return FALSE;
  return recompute_body (self, &(RecomputeData) { NULL }, error);
}

gboolean
ciro_store_set_user_cost (CiroStore      *self,
                          gint64          product_id,
                          CiroDay         from_day,
                          CiroKurus       purchase_price,
                          CiroBasisPoints vat_rate,
                          GError        **error)
{
  UserCost uc = { product_id, from_day, purchase_price, vat_rate };

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);

  if (purchase_price < 0 || vat_rate < 0 || vat_rate > 10000 || from_day == CIRO_DAY_INVALID)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                   _("A cost needs a date, a price that is not negative and a VAT rate from 0 to 100 %%"));
      return FALSE;
    }
  return with_transaction (self, user_cost_body, &uc, error);
}

/* ------------------------------------------------------------ counts */

static gint64
count_query (CiroStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = ciro_store_prepare (self, sql, error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    ciro_store_set_error (self, error, "counting");
  sqlite3_reset (stmt);
  return n;
}

gint64
ciro_store_count_orders (CiroStore *self, GError **error)
{
  g_return_val_if_fail (CIRO_IS_STORE (self), -1);
  return count_query (self, "SELECT count(*) FROM orders", error);
}

gint64
ciro_store_count_products (CiroStore *self, GError **error)
{
  g_return_val_if_fail (CIRO_IS_STORE (self), -1);
  return count_query (self, "SELECT count(*) FROM products", error);
}
