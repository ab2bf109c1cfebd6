/* ciro-store.c: the local SQLite copy of a seller's Sentos data
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-money.h"
#include "core/ciro-number.h"
#include "core/ciro-text.h"
#include "ciro-profit.h"
#include "ciro-schema.h"
#include "ciro-settings.h"
#include "ciro-store-private.h"


G_DEFINE_FINAL_TYPE (CiroStore, ciro_store, G_TYPE_OBJECT)

#define DEFAULT_BUSY_TIMEOUT_MS 5000

static void session_release (CiroStore *self);
static void waiter_forget (CiroStore *self);

static void
ciro_store_finalize (GObject *object)
{
  CiroStore *self = (CiroStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL && self->in_transaction)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->in_transaction = FALSE;
    }
  /* the last program to close the store marks it clean, then closes */
  session_release (self);
  g_clear_pointer (&self->delta, ciro_rollup_delta_free);
  g_clear_pointer (&self->carriers, ciro_carrier_delta_free);
  g_clear_pointer (&self->matcher, ciro_matcher_free);
  g_clear_pointer (&self->rates, ciro_rates_free);
  g_clear_pointer (&self->marketplaces, g_hash_table_unref);
  g_clear_pointer (&self->unmatched_ids, g_hash_table_unref);
  g_clear_pointer (&self->category_keys, g_hash_table_unref);
  if (self->db != NULL)
    {
      if (self->in_transaction)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  if (self->path != NULL)
    waiter_forget (self);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->session_key, g_free);

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

static guint sql_hash (gconstpointer key);

static void
ciro_store_init (CiroStore *self)
{
  self->statements = g_hash_table_new_full (sql_hash, g_str_equal, g_free, finalize_statement);
  self->delta = ciro_rollup_delta_new (self);
  self->carriers = ciro_carrier_delta_new ();
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

/* Statements are looked up by their text several times per order written;
 * hashing a kilobyte of SQL byte by byte each time showed in profiles. The
 * length and the last 48 bytes tell them apart; equality still decides. */
static guint
sql_hash (gconstpointer key)
{
  const char *sql = key;
  gsize len = strlen (sql);
  guint h = (guint) len;

  for (const char *p = sql + (len > 48 ? len - 48 : 0); *p; p++)
    h = h * 31 + (guchar) *p;
  return h;
}

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

/* A first sync writes hundreds of pages per commit, many of them the same
 * index and rollup pages again and again: copying the WAL into the
 * database every 4 MB (SQLite's default) copied those over and over. Every
 * 64 MB instead, and the WAL is cut back to 16 MB after. */
static gboolean
journal_is_wal (CiroStore *self)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  return wal;
}

/* Sets the journal mode; FALSE with `error` when SQLite refused. */
static gboolean
set_journal_mode (CiroStore *self, const char *mode, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = %s", mode);
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  ok = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
       sqlite3_step (stmt) == SQLITE_ROW &&
       g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), mode) == 0;
  if (!ok)
    ciro_store_set_error (self, error, "changing the journal mode");
  sqlite3_finalize (stmt);
  return ok;
}

/* In WAL mode every page a sync writes is written twice: into the WAL,
 * then into the database at a checkpoint. A store's first sync writes
 * almost nothing but new pages, and a rollback journal keeps no copy of a
 * page that lies beyond the file's size when the transaction began: those
 * are written once. Leaving WAL needs the store to itself (SQLite refuses
 * while another connection has it open, and it stays in WAL then).
 * Readers in other connections meanwhile wait while a commit writes (the
 * busy handler notes them, and the sync gives way). synchronous = FULL:
 * in a rollback journal NORMAL is not safe against a power cut. */
gboolean
ciro_store_use_first_sync_journal (CiroStore *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!set_journal_mode (self, "truncate", &error))
    {
      g_debug ("%s stays in WAL for its first sync: %s", self->path, error->message);
      return FALSE;
    }
  if (!ciro_store_exec (self, "PRAGMA synchronous = FULL", &error))
    {
      /* back to WAL, where NORMAL is safe */
      ciro_store_use_wal (self, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
ciro_store_use_wal (CiroStore *self, GError **error)
{
  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  return set_journal_mode (self, "wal", error) &&
         ciro_store_exec (self, "PRAGMA synchronous = NORMAL", error);
}

gboolean
ciro_store_use_large_wal (CiroStore *self, GError **error)
{
  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);

  return ciro_store_exec (self, "PRAGMA wal_autocheckpoint = 16384", error) &&
         ciro_store_exec (self, "PRAGMA journal_size_limit = 16777216", error);
}

/* Runs a cached statement that returns no rows. */
gboolean
ciro_store_step_done (CiroStore *self, sqlite3_stmt *stmt, GError **error, const char *what)
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

void
ciro_store_bind_text (sqlite3_stmt *stmt, int index, const char *text)
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

static void
sql_vat_part (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  sqlite3_result_int64 (ctx, ciro_vat_part (sqlite3_value_int64 (argv[0]),
                                            sqlite3_value_int (argv[1])));
}

/* a + b and a × b on integers, failing like sum() does on overflow:
 * SQLite's own + and * would go on in floating point. */
static void
sql_checked (sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
  gboolean mul = GPOINTER_TO_INT (sqlite3_user_data (ctx));
  gint64 a = sqlite3_value_int64 (argv[0]);
  gint64 b = sqlite3_value_int64 (argv[1]);
  gint64 r;

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL || sqlite3_value_type (argv[1]) == SQLITE_NULL)
    {
      sqlite3_result_null (ctx);
      return;
    }
  if (mul ? !ciro_mul_checked (a, b, &r) : !ciro_add_checked (a, b, &r))
    {
      sqlite3_result_error (ctx, "integer overflow", -1);
      return;
    }
  sqlite3_result_int64 (ctx, r);
}

void
ciro_store_register_functions (sqlite3 *db)
{
  sqlite3_create_function (db, "ciro_add", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                           GINT_TO_POINTER (FALSE), sql_checked, NULL, NULL);
  sqlite3_create_function (db, "ciro_mul", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                           GINT_TO_POINTER (TRUE), sql_checked, NULL, NULL);
  sqlite3_create_function (db, "ciro_month", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                           NULL, sql_month, NULL, NULL);
  sqlite3_create_function (db, "ciro_apply_rate", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                           NULL, sql_apply_rate, NULL, NULL);
  sqlite3_create_function (db, "ciro_vat_part", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                           NULL, sql_vat_part, NULL, NULL);
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

  if (version == (int) n_migrations)
    return TRUE;

  /* Two processes (or the window's threads) may open a new store at once:
   * the write lock makes one create it, and the other read its version
   * again after waiting. */
  if (!ciro_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  version = read_user_version (self->db);
  if (version < 0 || version > (int) n_migrations)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      if (version < 0)
        ciro_store_set_error (self, error, "reading the schema version");
      else
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
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      sqlite3_finalize (stmt);
      if (!empty)
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_CORRUPT,
                       _("%s is not a Ciro store or is damaged"), self->path);
          return FALSE;
        }
    }

  /* every step in one transaction: a store is at one version or the next */
  for (guint v = version; v < n_migrations; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u", v + 1);

      if (!ciro_store_exec (self, migrations[v], error) ||
          (v == 0 && !seed_marketplaces (self->db, error)) ||
          !ciro_store_exec (self, set_version, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, "Upgrading the store to version %u: ", v + 1);
          return FALSE;
        }
      g_debug ("Store %s migrated to schema version %u", self->path, v + 1);
    }
  if (!ciro_store_exec (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
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

/* ---------------------------------------------------------------- waiting writers */

/* The connections of this process waiting for the store's write lock, by
 * path: a recompute holding the lock for long gives way to them
 * (ciro_store_writer_waiting). An entry is the waiter and when it last
 * asked; a waiter asks again every few milliseconds while it waits. */
typedef struct {
  gconstpointer who;
  gint64        at;     /* monotonic µs */
} Waiter;

static GMutex waiters_lock;
static GHashTable *waiters;   /* path → Waiter */

#define WAITER_FRESH_US (250 * G_TIME_SPAN_MILLISECOND)

static void
waiter_note (CiroStore *self)
{
  Waiter *w;

  g_mutex_lock (&waiters_lock);
  if (waiters == NULL)
    waiters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w = g_hash_table_lookup (waiters, self->path);
  if (w == NULL)
    {
      w = g_new0 (Waiter, 1);
      g_hash_table_insert (waiters, g_strdup (self->path), w);
    }
  w->who = self;
  w->at = g_get_monotonic_time ();
  g_mutex_unlock (&waiters_lock);
}

static void
waiter_forget (CiroStore *self)
{
  Waiter *w;

  g_mutex_lock (&waiters_lock);
  if (waiters != NULL && (w = g_hash_table_lookup (waiters, self->path)) != NULL && w->who == self)
    g_hash_table_remove (waiters, self->path);
  g_mutex_unlock (&waiters_lock);
}

gboolean
ciro_store_writer_waiting (CiroStore *self)
{
  Waiter *w;
  gboolean waiting = FALSE;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_mutex_lock (&waiters_lock);
  if (waiters != NULL && (w = g_hash_table_lookup (waiters, self->path)) != NULL)
    waiting = w->who != (gconstpointer) self && g_get_monotonic_time () - w->at < WAITER_FRESH_US;
  g_mutex_unlock (&waiters_lock);
  return waiting;
}

/* SQLite's busy handler: waits in short steps, up to the busy timeout,
 * saying meanwhile that a writer waits. */
static int
busy_wait (void *data, int n)
{
  CiroStore *self = data;
  int step = n < 4 ? 1 << n : 10;      /* ms: 1, 2, 4, 8, then 10 */
  gint64 waited = n < 4 ? (1 << n) - 1 : 15 + (gint64) (n - 4) * 10;

  if (waited >= self->busy_timeout_ms)
    {
      waiter_forget (self);
      return 0;
    }
  waiter_note (self);
  sqlite3_sleep (step);
  return 1;
}

/* "PRAGMA journal_mode = WAL" for a connection being opened, waiting up to
 * the busy timeout while another holds a write lock. SQLite answers that
 * pragma at once with SQLITE_BUSY, without the busy handler, when another
 * connection is writing in a rollback journal (a store being made by one
 * report worker while others open it, or in its first sync): waiting here
 * turns that race into a short wait instead of a "locked" error. */
static gboolean
enter_wal_waiting (CiroStore *self, GError **error)
{
  for (int n = 0;; n++)
    {
      int rc = sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);

      if (rc == SQLITE_OK)
        {
          waiter_forget (self);
          return TRUE;
        }
      if ((rc & 0xff) != SQLITE_BUSY || !busy_wait (self, n))
        {
          ciro_store_set_error (self, error, "writing");
          return FALSE;
        }
    }
}

/* The tables every Ciro store has had since version 1: a file with a
 * schema version but without them is another program's database. */
static const char *const own_tables[] = {
  "settings", "marketplaces", "products", "orders", "order_lines", "sync_runs", "roll_day_mp",
};

/* Decides from the schema alone, reading and writing nothing else, whether
 * the file is a Ciro store (or an empty file to make one of). */
static gboolean
check_schema (CiroStore *self, int *version_out, GError **error)
{
  guint n_migrations;
  int version = read_user_version (self->db);
  sqlite3_stmt *stmt = NULL;
  guint n_tables = 0, n_own = 0;
  int rc;

  ciro_schema_migrations (&n_migrations);
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
  if (sqlite3_prepare_v2 (self->db, "SELECT name FROM sqlite_master WHERE type = 'table'",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      ciro_store_set_error (self, error, "reading the schema");
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      n_tables++;
      for (guint i = 0; i < G_N_ELEMENTS (own_tables); i++)
        if (g_strcmp0 (name, own_tables[i]) == 0)
          n_own++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "reading the schema");
      return FALSE;
    }
  /* version 0: an empty file is ours to create, one with tables is not;
   * later versions must have every table of version 1 */
  if ((version == 0 && n_tables > 0) || (version > 0 && n_own != G_N_ELEMENTS (own_tables)))
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_CORRUPT,
                   _("%s is not a Ciro store or is damaged"), self->path);
      return FALSE;
    }
  *version_out = version;
  return TRUE;
}

/* Creates a new store file readable by its owner alone: it holds
 * customers' names, e-mails and phones. SQLite gives the -wal and -shm
 * files the store's own mode. */
static gboolean
create_private (const char *path, GError **error)
{
  int fd;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      if (saved == EEXIST)
        return TRUE;
      g_set_error (error, CIRO_STORE_ERROR,
                   saved == EACCES || saved == EROFS ? CIRO_STORE_ERROR_READ_ONLY
                                                     : CIRO_STORE_ERROR_OPEN,
                   _("Cannot open the store %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* A store made before Ciro created them private: only its owner may read
 * it and its -wal, -shm and -journal from now on. */
static void
tighten_mode (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
  guint loosest = 0;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (file, &st) != 0 || !S_ISREG (st.st_mode) || (st.st_mode & 077) == 0)
        continue;
      if (g_chmod (file, st.st_mode & 0700) != 0)
        g_warning ("%s is readable by other users (mode %03o) and cannot be changed: %s",
                   file, (unsigned) (st.st_mode & 0777), g_strerror (errno));
      loosest |= st.st_mode & 0777;
    }
  if (loosest != 0)
    g_message ("The store %s was readable by other users (mode %03o): now its owner's alone (600)",
               path, loosest);
}

/* ------------------------------------------------------------ health
 *
 * Whether the last program closed the store cleanly is kept in the store
 * (store_state "open"). Which program is the first to open it and which
 * the last to close it is told by a flock () on the store file: every
 * program with the store open holds a shared lock; the one that gets it
 * exclusively is alone. The first checks the store when it was not closed
 * cleanly (or a week went by) and marks it open; the last marks it clean.
 * flock () locks are apart from SQLite's POSIX locks, and the descriptor is
 * closed only after this process's last connection to the store. */

#define CHECK_EVERY_SECONDS (7 * 24 * 3600)

typedef struct {
  int      fd;
  guint    refs;
  gboolean settled;   /* the first opener's check is over (threads of this process wait for it) */
} Session;

static GMutex sessions_lock;
static GCond sessions_cond;
static GHashTable *sessions;      /* "dev:inode" → Session */
static GHashTable *damaged;       /* "dev:inode" → the error message, found in this process */

static char *
file_key (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                          (guint64) st.st_dev, (guint64) st.st_ino);
}

/* A damaged file's key: its inode and when it last changed, so that
 * another file made at the same place (and given the same inode number)
 * is not taken for it. */
static char *
damage_key (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ":%" G_GINT64_FORMAT ".%ld",
                          (guint64) st.st_dev, (guint64) st.st_ino,
                          (gint64) st.st_ctim.tv_sec, (long) st.st_ctim.tv_nsec);
}

static gboolean
run_flock (int fd, int op)
{
  int rc;

  do
    rc = flock (fd, op);
  while (rc != 0 && errno == EINTR);
  return rc == 0;
}

/* Joins the programs that have the store open; *first when no other had. */
static gboolean
session_acquire (CiroStore *self, gboolean *first, GError **error)
{
  g_autofree char *key = file_key (self->path);
  Session *s;

  *first = FALSE;
  if (key == NULL)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_OPEN,
                   _("Cannot open the store %s: %s"), self->path, g_strerror (errno));
      return FALSE;
    }
  g_mutex_lock (&sessions_lock);
  if (sessions == NULL)
    sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  s = g_hash_table_lookup (sessions, key);
  if (s == NULL)
    {
      int fd = g_open (self->path, O_RDONLY | O_CLOEXEC, 0);

      if (fd < 0)
        {
          int saved = errno;
          g_mutex_unlock (&sessions_lock);
          g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_OPEN,
                       _("Cannot open the store %s: %s"), self->path, g_strerror (saved));
          return FALSE;
        }
      if (run_flock (fd, LOCK_EX | LOCK_NB))
        *first = TRUE;
      else
        run_flock (fd, LOCK_SH);   /* another program has it: wait for its first open or last close */
      s = g_new0 (Session, 1);
      s->fd = fd;
      s->settled = !*first;
      g_hash_table_insert (sessions, g_strdup (key), s);
      s->refs++;
    }
  else
    {
      /* another thread opened it first: its check decides for this one too */
      s->refs++;
      while (!s->settled)
        g_cond_wait (&sessions_cond, &sessions_lock);
    }
  g_mutex_unlock (&sessions_lock);
  self->session_key = g_steal_pointer (&key);
  return TRUE;
}

/* The first opener's check is over: the threads waiting go on. */
static void
session_settle (CiroStore *self)
{
  Session *s;

  g_mutex_lock (&sessions_lock);
  s = g_hash_table_lookup (sessions, self->session_key);
  if (s != NULL)
    s->settled = TRUE;
  g_cond_broadcast (&sessions_cond);
  g_mutex_unlock (&sessions_lock);
}

static void
session_downgrade (CiroStore *self)
{
  Session *s;

  g_mutex_lock (&sessions_lock);
  s = g_hash_table_lookup (sessions, self->session_key);
  if (s != NULL)
    run_flock (s->fd, LOCK_SH);
  g_mutex_unlock (&sessions_lock);
}

static void
write_state (CiroStore *self, const char *key, gint64 value)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "INSERT INTO store_state (key, value) VALUES (?1, ?2)"
                                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          -1, &stmt, NULL) != SQLITE_OK ||
      (sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC), sqlite3_bind_int64 (stmt, 2, value),
       sqlite3_step (stmt)) != SQLITE_DONE)
    g_debug ("Could not note the state of the store %s: %s", self->path, sqlite3_errmsg (self->db));
  sqlite3_finalize (stmt);
}

static gint64
read_state (sqlite3 *db, const char *key, gint64 fallback)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = fallback;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM store_state WHERE key = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return value;
}

static void
session_release (CiroStore *self)
{
  Session *s;
  int fd = -1;

  if (self->session_key == NULL)
    return;
  g_mutex_lock (&sessions_lock);
  s = g_hash_table_lookup (sessions, self->session_key);
  if (s != NULL && --s->refs == 0)
    {
      fd = s->fd;
      g_hash_table_remove (sessions, self->session_key);
    }
  g_cond_broadcast (&sessions_cond);
  g_mutex_unlock (&sessions_lock);
  if (fd < 0)
    return;
  /* this process's last connection: if no other program has the store
   * open, it is closed cleanly now */
  if (self->session_ready && self->db != NULL && run_flock (fd, LOCK_EX | LOCK_NB))
    write_state (self, "open", 0);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  close (fd);
}

gboolean
ciro_store_quick_check (sqlite3 *db, const char *path, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *first = NULL;
  g_autofree char *finding = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        if (first == NULL)
          first = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE && first == NULL)
    first = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE && g_strcmp0 (first, "ok") == 0)
    return TRUE;
  g_debug ("SQLite’s quick_check of %s: %s", path, first ? first : "no answer");
  /* its first finding, without the "*** in database main ***" heading */
  if (first != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (first, "\n", -1);
      for (guint i = 0; lines[i] != NULL && finding == NULL; i++)
        if (*lines[i] != '\0' && !g_str_has_prefix (lines[i], "***"))
          finding = g_strdup (lines[i]);
    }
  g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_DAMAGED,
               _("The store %s is damaged (SQLite’s check: %s)"), path, finding ? finding : "?");
  return FALSE;
}

/* The first program to open the store checks it when it was not closed
 * cleanly, or was last checked a week ago. */
static gboolean
check_health (CiroStore *self, int version, gboolean *checked, GError **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 open = 1, checked_at = 0;

  *checked = FALSE;
  if (version >= 3)
    {
      open = read_state (self->db, "open", 1);
      checked_at = read_state (self->db, "checked_at", 0);
    }
  if (open == 0 && checked_at <= now && now - checked_at < CHECK_EVERY_SECONDS)
    return TRUE;
  g_debug ("Checking the store %s (%s)", self->path, open ? "not closed cleanly" : "a week since the last check");
  *checked = TRUE;
  return ciro_store_quick_check (self->db, self->path, error);
}

gboolean
ciro_store_in_use (const char *path)
{
  g_autofree char *key = file_key (path);
  gboolean here, elsewhere = FALSE;
  int fd;

  if (key == NULL)
    return FALSE;
  g_mutex_lock (&sessions_lock);
  here = sessions != NULL && g_hash_table_contains (sessions, key);
  g_mutex_unlock (&sessions_lock);
  if (here)
    return TRUE;
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  elsewhere = !run_flock (fd, LOCK_EX | LOCK_NB);
  close (fd);
  return elsewhere;
}

void
ciro_store_forget_damage (const char *path)
{
  g_autofree char *key = damage_key (path);

  g_mutex_lock (&sessions_lock);
  if (damaged != NULL && key != NULL)
    g_hash_table_remove (damaged, key);
  g_mutex_unlock (&sessions_lock);
}

static gboolean
known_damaged (CiroStore *self, GError **error)
{
  g_autofree char *key = damage_key (self->path);
  const char *message = NULL;

  g_mutex_lock (&sessions_lock);
  if (damaged != NULL && key != NULL)
    message = g_hash_table_lookup (damaged, key);
  if (message != NULL)
    g_set_error_literal (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_DAMAGED, message);
  g_mutex_unlock (&sessions_lock);
  return message != NULL;
}

static void
note_damaged (CiroStore *self, const GError *error)
{
  g_autofree char *key = damage_key (self->path);

  if (key == NULL)
    return;
  g_mutex_lock (&sessions_lock);
  if (damaged == NULL)
    damaged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (damaged, g_steal_pointer (&key), g_strdup (error->message));
  g_mutex_unlock (&sessions_lock);
}

static CiroStore *
open_common (const char *path, gboolean read_only, GError **error)
{
  g_autoptr(CiroStore) self = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean first = FALSE, checked = FALSE, in_first_sync = FALSE;
  int version = 0;
  int flags;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* the checks below look at the error: never a NULL one */
  if (error == NULL)
    error = &local_error;

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
      if (!create_private (path, error))
        return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, rc, path,
                           self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc), "opening");
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  self->busy_timeout_ms = busy_timeout_ms ();
  sqlite3_busy_handler (self->db, busy_wait, self);
  /* until the file is known to be a sound store, closing the connection
   * must not checkpoint a WAL into it either */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  ciro_store_register_functions (self->db);

  /* Whether the file is a store is decided from its schema before anything
   * (the journal mode, a file mode) is changed: a file refused is left as
   * it was, byte for byte. */
  if (!check_schema (self, &version, error))
    return NULL;
  if (!read_only)
    {
      if (known_damaged (self, error) || !session_acquire (self, &first, error))
        return NULL;
      /* a damaged store is refused before anything is written to it */
      if (first && version > 0 && !check_health (self, version, &checked, error))
        {
          if (g_error_matches (*error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_DAMAGED))
            note_damaged (self, *error);
          session_settle (self);
          return NULL;
        }
      if (first)
        session_settle (self);
      /* a thread that waited for another's check learns its verdict */
      else if (known_damaged (self, error))
        return NULL;
      tighten_mode (path);
    }

  /* A store kept in a rollback journal is in its first sync
   * (ciro_store_use_first_sync_journal): it stays so until that sync ends,
   * else every connection opened meanwhile would take it back to WAL. */
  if (!read_only)
    {
      in_first_sync = version > 0 && !journal_is_wal (self);
      if ((!in_first_sync && !enter_wal_waiting (self, error)) ||
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
  else
    {
      if (!migrate (self, error))
        return NULL;
      /* a first sync that ended without going back to WAL (killed right
       * after it) is over: orders and their indexes are in */
      if (in_first_sync && ciro_store_has_orders (self, NULL) == 1 && !ciro_store_in_bulk (self) &&
          !ciro_store_exec (self, "PRAGMA journal_mode = WAL", NULL))
        g_message ("%s stays in a rollback journal for now: %s", path, sqlite3_errmsg (self->db));
      /* lines written before version 4 lack their KDV and cost without KDV:
       * the migration flagged the store for a recompute, which its user runs
       * (ciro_store_needs_recompute) with progress, not this call */
      /* in use from now on: the last program to close it marks it clean */
      if (first)
        {
          write_state (self, "open", 1);
          if (checked || version == 0)
            write_state (self, "checked_at", g_get_real_time () / G_USEC_PER_SEC);
          session_downgrade (self);
        }
      else if (read_state (self->db, "open", 0) == 0)
        write_state (self, "open", 1);
      self->session_ready = TRUE;
    }
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

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
  g_clear_pointer (&self->category_keys, g_hash_table_unref);
  g_clear_pointer (&self->matcher, ciro_matcher_free);
  g_clear_pointer (&self->rates, ciro_rates_free);
  self->has_orders = -1;
}

gboolean
ciro_store_begin (CiroStore *self, GError **error)
{
  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!ciro_store_exec (self, "BEGIN IMMEDIATE", error))
    {
      waiter_forget (self);
      return FALSE;
    }
  waiter_forget (self);
  self->in_transaction = TRUE;
  ciro_rollup_delta_clear (self->delta);
  /* the orders written now are rolled up by their products' categories */
  if (!ciro_store_load_category_keys (self, error))
    {
      ciro_store_rollback (self);
      return FALSE;
    }
  ciro_carrier_delta_clear (self->carriers);
  return TRUE;
}

gboolean
ciro_store_commit (CiroStore *self, GError **error)
{
  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!ciro_rollup_delta_flush (self->delta, self, error) ||
      !ciro_carrier_delta_flush (self, error) ||
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
  ciro_carrier_delta_clear (self->carriers);
  /* Ids cached during the transaction may name rows that no longer exist. */
  forget_caches (self);
}

gboolean
ciro_store_in_transaction (CiroStore *self)
{
  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  return self->in_transaction;
}


gboolean
ciro_store_with_transaction (CiroStore *self, TxBody body, gpointer data, GError **error)
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
      /* a shipping cost beyond what a store can hold would overflow the
       * shipping expense (orders × cost) */
      if (!ciro_parse_decimal (value, 2, &parsed, NULL) || parsed < 0 ||
          parsed > (commission ? CIRO_MAX_RATE : CIRO_MAX_MONEY))
        {
          g_autofree char *max = ciro_money_format (CIRO_MAX_MONEY, ciro_number_style_from_locale ());
          if (commission)
            g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                         _("“%s” is not a commission percentage between 0 and 100"), value);
          else
            g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                         _("“%s” is not a shipping cost in TRY between 0 and %s"), value, max);
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
  return ciro_store_step_done (self, stmt, error, "saving a setting");
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

GPtrArray *
ciro_store_list_marketplace_names (CiroStore *self, GError **error)
{
  g_autoptr(GPtrArray) mps = ciro_store_list_marketplaces (self, error);
  GPtrArray *names;

  if (mps == NULL)
    return NULL;
  names = g_ptr_array_new_full (mps->len, g_free);
  for (guint i = 0; i < mps->len; i++)
    g_ptr_array_add (names, g_strdup (((CiroMarketplaceSettings *) mps->pdata[i])->name));
  return names;
}

/* Looks a marketplace up by its normalised name, adding it with the
 * defaults for unknown marketplaces the first time it is seen. */
CiroMarketplaceInfo *
ciro_store_marketplace_for (CiroStore *self, const char *name, GError **error)
{
  CiroMarketplaceInfo *info = g_hash_table_lookup (self->marketplaces, name);
  sqlite3_stmt *stmt;

  if (info != NULL)
    return info;

  stmt = ciro_store_prepare (self, "SELECT id, commission FROM marketplaces WHERE name = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      info = g_new (CiroMarketplaceInfo, 1);
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
      if (!ciro_store_step_done (self, stmt, error, "adding a marketplace"))
        return NULL;
      info = g_new (CiroMarketplaceInfo, 1);
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
  if (!ciro_store_step_done (self, stmt, error, "saving a marketplace"))
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

  /* With commission by category, a line's rate depends on its product: the
   * whole recompute applies both. */
  {
    CiroRates *rates = ciro_store_get_rates (self, error);
    if (rates == NULL)
      return FALSE;
    if (ciro_rates_has_category_rules (rates))
      return ciro_store_recompute_inline (self, error);
  }

  /* Shipping expense is computed when read; commission is rounded per line,
   * so the lines of this marketplace are recosted and the rollups rebuilt. */
  stmt = ciro_store_prepare (self, "UPDATE order_lines SET commission = ciro_apply_rate (amount, ?1)"
                                   " WHERE order_id IN (SELECT id FROM orders WHERE marketplace_id = ?2)"
                                   " AND commission <> ciro_apply_rate (amount, ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, m->commission);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!ciro_store_step_done (self, stmt, error, "recomputing commissions"))
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

  if (commission < 0 || commission > CIRO_MAX_RATE || shipping_cost < 0 || shipping_cost > CIRO_MAX_MONEY)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                   _("Commission must be between 0 and 100 %% and shipping cost between 0 and ₺100,000,000"));
      return FALSE;
    }
  return ciro_store_with_transaction (self, set_marketplace_body, &m, error);
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

int
ciro_store_has_orders (CiroStore *self, GError **error)
{
  g_return_val_if_fail (CIRO_IS_STORE (self), -1);
  /* not count(*): that reads every row of a million-order store */
  return (int) count_query (self, "SELECT EXISTS (SELECT 1 FROM orders)", error);
}

int
ciro_store_has_marketplace (CiroStore *self, const char *name, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CIRO_IS_STORE (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  stmt = ciro_store_prepare (self, "SELECT 1 FROM marketplaces WHERE name = ?1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    ciro_store_set_error (self, error, "looking up a marketplace");
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

gint64
ciro_store_count_products (CiroStore *self, GError **error)
{
  g_return_val_if_fail (CIRO_IS_STORE (self), -1);
  return count_query (self, "SELECT count(*) FROM products", error);
}

/* ------------------------------------------------------------ bulk imports */

gboolean
ciro_store_begin_bulk (CiroStore *self, GError **error)
{
  const CiroSchemaIndex *indexes;
  guint n;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  REQUIRE_TRANSACTION (self, error);

  indexes = ciro_schema_bulk_indexes (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP INDEX IF EXISTS %s", indexes[i].name);
      if (!ciro_store_exec (self, sql, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
ciro_store_in_bulk (CiroStore *self)
{
  const CiroSchemaIndex *indexes;
  sqlite3_stmt *stmt;
  guint n;
  gboolean missing = FALSE;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);

  stmt = ciro_store_prepare (self, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  indexes = ciro_schema_bulk_indexes (&n);
  for (guint i = 0; i < n && !missing; i++)
    {
      sqlite3_bind_text (stmt, 1, indexes[i].name, -1, SQLITE_STATIC);
      missing = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_reset (stmt);
    }
  return missing;
}

gboolean
ciro_store_end_bulk (CiroStore *self, GError **error)
{
  const CiroSchemaIndex *indexes;
  guint n;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);

  gboolean ok;

  if (!ciro_store_in_bulk (self))
    return TRUE;
  /* The indexes are built by sorting millions of keys: in temporary files,
   * not in memory (which took 150 MB for a million orders, and longer). */
  if (!ciro_store_exec (self, "PRAGMA temp_store = FILE", error))
    return FALSE;
  ok = ciro_store_begin (self, error);
  indexes = ciro_schema_bulk_indexes (&n);
  for (guint i = 0; ok && i < n; i++)
    ok = ciro_store_exec (self, indexes[i].create, error);
  if (ok)
    ok = ciro_store_commit (self, error);
  else if (self->in_transaction)
    ciro_store_rollback (self);
  ciro_store_exec (self, "PRAGMA temp_store = MEMORY", NULL);
  return ok;
}
