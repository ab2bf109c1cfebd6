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

#include "core/ciro-error.h"
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
#undef ADD

  return g_test_run ();
}
