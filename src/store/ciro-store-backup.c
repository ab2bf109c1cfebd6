/* ciro-store-backup.c: the daily backup of the store, and putting one back
 *
 * A backup is made with SQLite's online backup API from a connection to the
 * store, so the store stays in use meanwhile (in WAL mode the copy reads
 * one consistent snapshot). It is written under a ".part" name, checked
 * with quick_check and only then renamed into place: a backup that is
 * listed is whole and sound.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "ciro-store-private.h"

#define BACKUP_SUFFIX ".db"

/* "…/ciro.db" → "ciro" */
static char *
stem_of (const char *store_path)
{
  g_autofree char *base = g_path_get_basename (store_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

static char *
backup_dir (const char *store_path)
{
  g_autofree char *dir = g_path_get_dirname (store_path);
  return g_build_filename (dir, "backups", NULL);
}

/* The day in a backup's name "<stem>-YYYY-MM-DD.db" when it is one of
 * `stem`'s (any stem when NULL). */
static CiroDay
day_of_name (const char *name, const char *stem)
{
  gsize len = strlen (name);
  gsize tail = 1 + 10 + strlen (BACKUP_SUFFIX);   /* "-YYYY-MM-DD.db" */
  char date[11];
  CiroDay day;

  if (len <= tail || !g_str_has_suffix (name, BACKUP_SUFFIX) || name[len - tail] != '-')
    return CIRO_DAY_INVALID;
  if (stem != NULL && (len - tail != strlen (stem) || strncmp (name, stem, len - tail) != 0))
    return CIRO_DAY_INVALID;
  memcpy (date, name + len - tail + 1, 10);
  date[10] = '\0';
  if (!ciro_day_parse (date, &day, NULL))
    return CIRO_DAY_INVALID;
  return day;
}

CiroDay
ciro_store_backup_day (const char *backup_path)
{
  g_autofree char *name = g_path_get_basename (backup_path);
  return day_of_name (name, NULL);
}

static int
newest_first (gconstpointer a, gconstpointer b)
{
  CiroDay x = ciro_store_backup_day (*(const char * const *) a);
  CiroDay y = ciro_store_backup_day (*(const char * const *) b);
  return x < y ? 1 : x > y ? -1 : 0;
}

GPtrArray *
ciro_store_list_backups (const char *store_path)
{
  g_autofree char *dir_path = backup_dir (store_path);
  g_autofree char *stem = stem_of (store_path);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (day_of_name (name, stem) != CIRO_DAY_INVALID)
      g_ptr_array_add (list, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (list, newest_first);
  return list;
}

static void
set_file_error (GError **error, const char *path, int saved)
{
  g_set_error (error, CIRO_STORE_ERROR,
               saved == ENOSPC ? CIRO_STORE_ERROR_FULL
               : saved == EACCES || saved == EROFS ? CIRO_STORE_ERROR_READ_ONLY
               : CIRO_STORE_ERROR_FAILED,
               _("Cannot write the backup %s: %s"), path, g_strerror (saved));
}

/* An empty file of its own next to `path`, readable by its owner alone
 * (the backup holds what the store holds); two backups at once never
 * write the same file. */
static char *
create_part_file (const char *path, GError **error)
{
  g_autofree char *tmpl = g_strconcat (path, ".XXXXXX.part", NULL);
  int fd = g_mkstemp_full (tmpl, O_WRONLY | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      set_file_error (error, path, errno);
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&tmpl);
}

static gboolean
copy_database (sqlite3 *from, const char *to, GError **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (to, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", from, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          /* one step: a consistent snapshot, never restarted by a writer */
          sqlite3_backup_step (backup, -1);
          rc = sqlite3_backup_finish (backup);
        }
    }
  if (rc == SQLITE_OK && !ciro_store_quick_check (dest, to, error))
    rc = SQLITE_CORRUPT;
  else if (rc != SQLITE_OK)
    g_set_error (error, CIRO_STORE_ERROR, rc == SQLITE_FULL ? CIRO_STORE_ERROR_FULL : CIRO_STORE_ERROR_FAILED,
                 _("Cannot write the backup %s: %s"), to, dest ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
  sqlite3_close_v2 (dest);
  if (rc != SQLITE_OK)
    {
      g_unlink (to);
      return FALSE;
    }
  return TRUE;
}

static void
rotate (const char *store_path)
{
  g_autoptr(GPtrArray) list = ciro_store_list_backups (store_path);

  for (guint i = CIRO_STORE_BACKUPS_KEPT; i < list->len; i++)
    {
      if (g_unlink (list->pdata[i]) == 0)
        g_debug ("Old backup %s removed", (const char *) list->pdata[i]);
      else
        g_message ("Cannot remove the old backup %s: %s", (const char *) list->pdata[i], g_strerror (errno));
    }
}

char *
ciro_store_backup (CiroStore *self, GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *part = NULL;
  char date[11];

  g_return_val_if_fail (CIRO_IS_STORE (self), NULL);

  dir = backup_dir (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_file_error (error, dir, errno);
      return NULL;
    }
  stem = stem_of (self->path);
  name = g_strdup_printf ("%s-%s%s", stem, ciro_day_format (ciro_today (), date), BACKUP_SUFFIX);
  path = g_build_filename (dir, name, NULL);
  if ((part = create_part_file (path, error)) == NULL || !copy_database (self->db, part, error))
    return NULL;
  if (g_rename (part, path) != 0)
    {
      int saved = errno;
      g_unlink (part);
      set_file_error (error, path, saved);
      return NULL;
    }
  g_debug ("Backup of %s written to %s", self->path, path);
  rotate (self->path);
  return g_steal_pointer (&path);
}

gboolean
ciro_store_backup_if_due (CiroStore *self, char **made, GError **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);

  if (made != NULL)
    *made = NULL;
  list = ciro_store_list_backups (self->path);
  if (list->len > 0 && ciro_store_backup_day (list->pdata[0]) >= ciro_today ())
    return TRUE;
  {
    char *path = ciro_store_backup (self, error);
    if (path == NULL)
      return FALSE;
    if (made != NULL)
      *made = path;
    else
      g_free (path);
  }
  return TRUE;
}

/* Moves `from` (and its -wal and -shm, or the -journal a first sync killed
 * in a transaction left) to `to`. */
static gboolean
move_aside (const char *from, const char *to, GError **error)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *a = g_strconcat (from, suffixes[i], NULL);
      g_autofree char *b = g_strconcat (to, suffixes[i], NULL);

      if (i > 0 && !g_file_test (a, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (a, b) != 0)
        {
          int saved = errno;
          g_set_error (error, CIRO_STORE_ERROR,
                       saved == EACCES || saved == EROFS ? CIRO_STORE_ERROR_READ_ONLY : CIRO_STORE_ERROR_FAILED,
                       _("Cannot move %s aside: %s"), a, g_strerror (saved));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
ciro_store_restore (const char *store_path,
                    const char *backup_path,
                    char      **kept_as,
                    GError    **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *part = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GFile) src = NULL;
  g_autoptr(GFile) dest = NULL;
  sqlite3 *db = NULL;
  gboolean sound;

  g_return_val_if_fail (store_path != NULL, FALSE);

  if (kept_as != NULL)
    *kept_as = NULL;
  if (backup_path == NULL)
    {
      list = ciro_store_list_backups (store_path);
      if (list->len == 0)
        {
          g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_NOT_FOUND,
                       _("There is no backup of %s to restore"), store_path);
          return FALSE;
        }
      backup_path = list->pdata[0];
    }
  if (!g_file_test (backup_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_NOT_FOUND,
                   _("There is no backup %s"), backup_path);
      return FALSE;
    }
  if (ciro_store_in_use (store_path))
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_IN_USE,
                   _("The store %s is open in another program; close Ciro there first"), store_path);
      return FALSE;
    }

  /* a backup is checked when made; a file put there by hand is checked now */
  if (sqlite3_open_v2 (backup_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_CORRUPT,
                   _("%s is not a Ciro store or is damaged"), backup_path);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  sound = ciro_store_quick_check (db, backup_path, error);
  sqlite3_close_v2 (db);
  if (!sound)
    return FALSE;

  /* the store it replaces is kept, damaged or not: never lose a file */
  if (g_file_test (store_path, G_FILE_TEST_EXISTS))
    {
      now = g_date_time_new_now_local ();
      {
        g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
        kept = g_strdup_printf ("%s.damaged-%s", store_path, stamp);
      }
      ciro_store_forget_damage (store_path);
      if (!move_aside (store_path, kept, error))
        return FALSE;
    }

  part = g_strconcat (store_path, ".part", NULL);
  src = g_file_new_for_path (backup_path);
  dest = g_file_new_for_path (part);
  if (!g_file_copy (src, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error) ||
      g_chmod (part, 0600) != 0 || g_rename (part, store_path) != 0)
    {
      if (error != NULL && *error == NULL)
        set_file_error (error, store_path, errno);
      g_unlink (part);
      /* put the old store back where it was */
      if (kept != NULL)
        move_aside (kept, store_path, NULL);
      return FALSE;
    }
  g_debug ("The store %s was restored from %s%s%s", store_path, backup_path,
             kept ? "; the file it replaced is kept as " : "", kept ? kept : "");
  if (kept_as != NULL)
    *kept_as = g_steal_pointer (&kept);
  return TRUE;
}
