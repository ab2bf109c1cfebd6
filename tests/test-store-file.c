/* test-store-file.c: the store file itself: foreign and newer files left
 * untouched, private file modes, damaged stores and their backups
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "store/ciro-store-sql.h"
#include "store/ciro-store.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      GDir *dir = g_dir_open (path, 0, NULL);
      const char *name;
      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      if (dir)
        g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("ciro-store-file-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "ciro.db", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* The library logs structured: its messages are caught here. */
static GString *store_log;

static GLogWriterOutput
log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }
  if (g_strcmp0 (domain, "ciro-store") == 0 && message != NULL && !(level & G_LOG_LEVEL_CRITICAL))
    {
      g_string_append_printf (store_log, "%s\n", message);
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (level, fields, n_fields, data);
}

static void
exec_sql (const char *path, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static GBytes *
read_bytes (const char *path)
{
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (data, len);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* A file refused is left as it was, byte for byte: not switched to WAL
 * (header bytes 18-19), not given a -wal, not chmod-ed. */
static void
assert_refused_untouched (const char *path, gint code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  guint mode = file_mode (path);
  g_autoptr(CiroStore) store = NULL;

  /* a rollback-journal file: bytes 18 and 19 are 1, WAL would make them 2 */
  g_assert_cmpuint (g_bytes_get_size (before), >=, 100);
  g_assert_cmpint (((const guint8 *) g_bytes_get_data (before, NULL))[18], ==, 1);

  store = ciro_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CIRO_STORE_ERROR, code);
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (path), ==, mode);
}

static void
test_foreign_untouched (Fixture *f, gconstpointer data)
{
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.db", NULL);
  g_autofree char *versioned = g_build_filename (f->dir, "versioned.db", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.db", NULL);

  /* another program's database */
  exec_sql (foreign, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
                     "INSERT INTO notes (text) VALUES ('kişisel not')");
  g_chmod (foreign, 0644);
  assert_refused_untouched (foreign, CIRO_STORE_ERROR_CORRUPT);

  /* one that uses user_version as well: a version is not enough to be a store */
  exec_sql (versioned, "CREATE TABLE settings (k, v); PRAGMA user_version = 1");
  assert_refused_untouched (versioned, CIRO_STORE_ERROR_CORRUPT);

  /* a store of a newer Ciro, which this one cannot read */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CiroStore) store = ciro_store_open (newer, &error);
    g_assert_no_error (error);
    g_clear_object (&store);
  }
  exec_sql (newer, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99");
  assert_refused_untouched (newer, CIRO_STORE_ERROR_TOO_NEW);
}

static void
test_modes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  mode_t old_mask = umask (022);

  store = ciro_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (ciro_store_set_setting (store, "store_name", "Kişisel", &error));
  g_assert_no_error (error);
  /* open, with a write behind it: the -wal and -shm exist */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (f->path), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
  g_clear_object (&store);

  /* a store made readable by others is made private again, with a note */
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  g_string_truncate (store_log, 0);
  store = ciro_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (g_pattern_match_simple ("The store *ciro.db was readable by other users (mode 644):"
                                         " now its owner's alone (600)\n", store_log->str));
  g_assert_cmpuint (file_mode (f->path), ==, 0600);
  g_assert_true (ciro_store_set_setting (store, "store_name", "Yine", &error));
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
  umask (old_mask);
}

/* ---------------------------------------------------------- damage */

/* A store with some products in it, closed cleanly. */
static void
make_store (const char *path, guint n_products)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (ciro_store_begin (store, &error));
  for (guint i = 0; i < n_products; i++)
    {
      g_autoptr(CiroProductRecord) p = ciro_product_record_new ();
      p->id = i + 1;
      p->sku = g_strdup_printf ("SKU-%04u", i);
      p->name = g_strdup_printf ("Ürün %u, uzunca bir ad ki sayfalar dolsun", i);
      p->purchase_price = 1000 + i;
      p->vat_rate = 2000;
      g_assert_true (ciro_store_put_product (store, p, ciro_day_from_ymd (2026, 1, 1), &error));
    }
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
}

static gint64
raw_int (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

/* Overwrites the root page of the products table, as a bad disk would. */
static void
damage (const char *path)
{
  gint64 page = raw_int (path, "SELECT rootpage FROM sqlite_master WHERE name = 'products'");
  gint64 size = raw_int (path, "PRAGMA page_size");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  FILE *f;
  char junk[512];

  /* closed cleanly: everything is in the main file (a read-only
   * connection leaves an empty -wal behind) */
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GBytes) w = read_bytes (wal);
      g_assert_cmpuint (g_bytes_get_size (w), ==, 0);
    }
  memset (junk, 0xA5, sizeof junk);
  f = fopen (path, "r+b");
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, (page - 1) * size, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (junk, 1, sizeof junk, f), ==, sizeof junk);
  fclose (f);
}

static void
assert_damaged (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "is damaged (SQLite’s check: "));
  /* nothing written: not the journal mode, not the marker */
  after = read_bytes (path);
  if (!g_bytes_equal (before, after))
    {
      const guint8 *a = g_bytes_get_data (before, NULL), *b = g_bytes_get_data (after, NULL);
      g_printerr ("sizes %zu %zu\n", g_bytes_get_size (before), g_bytes_get_size (after));
      for (gsize i = 0; i < MIN (g_bytes_get_size (before), g_bytes_get_size (after)); i++)
        if (a[i] != b[i])
          {
            g_printerr ("first difference at %zu (page %zu)\n", i, i / 4096 + 1);
            break;
          }
    }
  g_assert_true (g_bytes_equal (before, after));
}

static void
set_state (const char *path, const char *key, gint64 value)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("UPDATE store_state SET value = %" G_GINT64_FORMAT
                                          " WHERE key = '%s'", value, key);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* A program that has the store open and dies: exits without closing it. */
static void
test_crash_child (void)
{
  g_autoptr(GError) error = NULL;
  CiroStore *store;

  if (!g_test_subprocess ())
    return;   /* only as the child of test_checked_when_not_closed_cleanly */
  store = ciro_store_open (g_getenv ("CIRO_TEST_STORE"), &error);
  g_assert_no_error (error);
  g_assert_true (ciro_store_set_setting (store, "store_name", "yarıda kalan", &error));
  _exit (0);
}

/* Closed cleanly and checked lately: not checked again (the damage goes
 * unseen, as it would be between weekly checks). Not closed cleanly: the
 * next program checks, and refuses it. */
static void
test_checked_when_not_closed_cleanly (Fixture *f, gconstpointer data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  make_store (f->path, 300);
  g_assert_cmpint (raw_int (f->path, "SELECT value FROM store_state WHERE key = 'open'"), ==, 0);
  g_assert_cmpint (now - raw_int (f->path, "SELECT value FROM store_state WHERE key = 'checked_at'"), <, 60);
  set_state (f->path, "checked_at", now - 3600);
  damage (f->path);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CiroStore) store = ciro_store_open (f->path, &error);
    g_assert_no_error (error);
  }

  g_setenv ("CIRO_TEST_STORE", f->path, TRUE);
  g_test_trap_subprocess ("/store-file/crash-child", 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_assert_cmpint (raw_int (f->path, "SELECT value FROM store_state WHERE key = 'open'"), ==, 1);
  assert_damaged (f->path);
  /* and again, in the same process */
  assert_damaged (f->path);
}

/* Closed cleanly but last checked more than a week ago: checked. */
static void
test_checked_weekly (Fixture *f, gconstpointer data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  make_store (f->path, 300);
  set_state (f->path, "checked_at", now - 8 * 24 * 3600);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CiroStore) store = ciro_store_open (f->path, &error);
    g_assert_no_error (error);
  }
  /* that open checked it and noted when */
  g_assert_cmpint (now - raw_int (f->path, "SELECT value FROM store_state WHERE key = 'checked_at'"), <, 60);
  set_state (f->path, "checked_at", now - 8 * 24 * 3600);
  damage (f->path);
  assert_damaged (f->path);
}

static gint start_gate;

static gpointer
open_in_thread (gpointer path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = NULL;

  while (!g_atomic_int_get (&start_gate))
    g_thread_yield ();
  store = ciro_store_open (path, &error);

  return GINT_TO_POINTER (store == NULL && g_error_matches (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_DAMAGED));
}

/* A damaged store is refused with the backup offered; restoring it puts
 * the backup's content back and keeps the damaged file. */
static void
test_damaged_restored (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GBytes) damaged_bytes = NULL;

  /* big enough that the check takes a while */
  make_store (f->path, 20000);
  {
    g_autoptr(CiroStore) store = ciro_store_open (f->path, &error);
    g_assert_no_error (error);
    backup = ciro_store_backup (store, &error);
    g_assert_no_error (error);
    /* restoring needs the store closed by everyone, this process too */
    g_assert_false (ciro_store_restore (f->path, NULL, NULL, &error));
    g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_IN_USE);
    g_clear_error (&error);
  }
  set_state (f->path, "open", 1);    /* as a crash leaves it */
  damage (f->path);
  damaged_bytes = read_bytes (f->path);
  /* the window's threads open it at once: one checks, the others wait for
   * its verdict, and every one is refused */
  {
    GThread *threads[6];
    g_atomic_int_set (&start_gate, 0);
    for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
      threads[i] = g_thread_new ("open", open_in_thread, f->path);
    g_atomic_int_set (&start_gate, 1);
    for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
      g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
  }
  assert_damaged (f->path);

  backups = ciro_store_list_backups (f->path);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpstr (backups->pdata[0], ==, backup);
  g_assert_cmpint (ciro_store_backup_day (backup), ==, ciro_today ());

  g_assert_true (ciro_store_restore (f->path, NULL, &kept, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_true (g_str_has_prefix (kept, f->path));
  {
    g_autoptr(GBytes) kept_bytes = read_bytes (kept);
    g_assert_true (g_bytes_equal (kept_bytes, damaged_bytes));
  }
  g_assert_cmpuint (file_mode (f->path), ==, 0600);
  {
    g_autoptr(CiroStore) store = ciro_store_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (ciro_store_count_products (store, &error), ==, 20000);
  }
}

/* A backup is a sound copy, private, and seven days of them are kept. */
static void
test_backup_rotation (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = NULL;
  g_autofree char *dir = g_build_filename (f->dir, "backups", NULL);
  g_autofree char *path = NULL;
  g_autofree char *made = NULL;
  g_autoptr(GPtrArray) list = NULL;
  CiroDay today = ciro_today ();

  make_store (f->path, 50);
  store = ciro_store_open (f->path, &error);
  g_assert_no_error (error);

  /* nine older days, and one of another store that is none of ours */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (int i = 1; i <= 9; i++)
    {
      char day[11];
      g_autofree char *old = g_strdup_printf ("%s/ciro-%s.db", dir, ciro_day_format (today - i * 3, day));
      g_assert_true (g_file_set_contents (old, "old", -1, NULL));
    }
  {
    g_autofree char *other = g_build_filename (dir, "other-2020-01-01.db", NULL);
    g_assert_true (g_file_set_contents (other, "x", -1, NULL));
  }

  g_assert_true (ciro_store_backup_if_due (store, &made, &error));
  g_assert_no_error (error);
  g_assert_nonnull (made);
  list = ciro_store_list_backups (f->path);
  g_assert_cmpuint (list->len, ==, CIRO_STORE_BACKUPS_KEPT);
  g_assert_cmpstr (list->pdata[0], ==, made);
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpint (ciro_store_backup_day (list->pdata[i]), ==, today - (CiroDay) i * 3);
  {
    g_autofree char *other = g_build_filename (dir, "other-2020-01-01.db", NULL);
    g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  }
  g_assert_cmpuint (file_mode (made), ==, 0600);
  g_assert_cmpuint (file_mode (dir), ==, 0700);
  g_assert_cmpint (raw_int (made, "SELECT count(*) FROM products"), ==, 50);
  g_assert_cmpint (raw_int (made, "PRAGMA quick_check = 1") , ==, 0);   /* "ok" reads as 0 */

  /* one a day: already made today */
  path = g_steal_pointer (&made);
  g_assert_true (ciro_store_backup_if_due (store, &made, &error));
  g_assert_null (made);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = ciro_store_list_backups (f->path);
  g_assert_cmpuint (list->len, ==, CIRO_STORE_BACKUPS_KEPT);
  g_assert_cmpstr (list->pdata[0], ==, path);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  store_log = g_string_new (NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);

#define ADD(name, func) \
  g_test_add ("/store-file/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("foreign-untouched", test_foreign_untouched);
  ADD ("modes", test_modes);
  ADD ("checked-when-not-closed-cleanly", test_checked_when_not_closed_cleanly);
  ADD ("checked-weekly", test_checked_weekly);
  ADD ("damaged-restored", test_damaged_restored);
  ADD ("backup-rotation", test_backup_rotation);
  g_test_add_func ("/store-file/crash-child", test_crash_child);
#undef ADD

  return g_test_run ();
}
