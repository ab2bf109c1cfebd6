/* ciro-thumbnail-cache.c: product pictures, fetched once and kept on disk
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "ciro-thumbnail-cache.h"

#define MEMORY_ITEMS 400
#define MAX_PICTURE (4 * 1024 * 1024)

struct _CiroThumbnailCache
{
  GObject      parent_instance;
  char        *dir;
  guint64      max_bytes;
  SoupSession *session;
  GHashTable  *memory;       /* url → GdkTexture */
  GQueue       order;        /* urls in memory, oldest first */
  guint        fetches;
};

G_DEFINE_FINAL_TYPE (CiroThumbnailCache, ciro_thumbnail_cache, G_TYPE_OBJECT)

static void
ciro_thumbnail_cache_finalize (GObject *object)
{
  CiroThumbnailCache *self = CIRO_THUMBNAIL_CACHE (object);

  g_clear_object (&self->session);
  g_hash_table_unref (self->memory);
  g_queue_clear_full (&self->order, g_free);
  g_free (self->dir);
  G_OBJECT_CLASS (ciro_thumbnail_cache_parent_class)->finalize (object);
}

static void
ciro_thumbnail_cache_class_init (CiroThumbnailCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ciro_thumbnail_cache_finalize;
}

static void
ciro_thumbnail_cache_init (CiroThumbnailCache *self)
{
  self->memory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_queue_init (&self->order);
}

CiroThumbnailCache *
ciro_thumbnail_cache_new (const char *dir, guint64 max_bytes)
{
  CiroThumbnailCache *self = g_object_new (CIRO_TYPE_THUMBNAIL_CACHE, NULL);

  self->dir = g_strdup (dir);
  self->max_bytes = max_bytes;
  self->session = soup_session_new_with_options ("timeout", 20, "max-conns-per-host", 4, NULL);
  g_mkdir_with_parents (dir, 0700);
  return self;
}


guint
ciro_thumbnail_cache_get_fetches (CiroThumbnailCache *self)
{
  return self->fetches;
}

static char *
path_for (CiroThumbnailCache *self, const char *url)
{
  g_autofree char *name = g_compute_checksum_for_string (G_CHECKSUM_SHA1, url, -1);
  return g_build_filename (self->dir, name, NULL);
}

static void
remember (CiroThumbnailCache *self, const char *url, GdkTexture *texture)
{
  if (g_hash_table_contains (self->memory, url))
    return;
  g_hash_table_insert (self->memory, g_strdup (url), g_object_ref (texture));
  g_queue_push_tail (&self->order, g_strdup (url));
  while (self->order.length > MEMORY_ITEMS)
    {
      g_autofree char *old = g_queue_pop_head (&self->order);
      g_hash_table_remove (self->memory, old);
    }
}

/* ---------------------------------------------------------- disk, in a thread */

typedef struct {
  char   *url;
  char   *path;
  char   *dir;
  guint64 max_bytes;
  GBytes *bytes;           /* fetched, to be written */
} Job;

static void
job_free (gpointer p)
{
  Job *j = p;
  g_free (j->url);
  g_free (j->path);
  g_free (j->dir);
  g_clear_pointer (&j->bytes, g_bytes_unref);
  g_free (j);
}

typedef struct {
  char   *path;
  gint64  mtime;
  goffset size;
} Entry;

static int
by_age (gconstpointer a, gconstpointer b)
{
  const Entry *x = a, *y = b;
  return (x->mtime > y->mtime) - (x->mtime < y->mtime);
}

/* Drops the least recently used pictures until the folder fits. */
static void
trim (const char *dir, guint64 max_bytes)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  guint64 total = 0;
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      Entry e = { g_build_filename (dir, name, NULL), 0, 0 };
      GStatBuf st;
      if (g_stat (e.path, &st) != 0)
        {
          g_free (e.path);
          continue;
        }
      /* to the nanosecond: pictures arrive many a second */
      e.mtime = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
      e.size = st.st_size;
      total += (guint64) st.st_size;
      g_array_append_val (entries, e);
    }
  g_array_sort (entries, by_age);
  for (guint i = 0; i < entries->len && total > max_bytes; i++)
    {
      Entry *e = &g_array_index (entries, Entry, i);
      if (g_unlink (e->path) == 0)
        total -= (guint64) e->size;
    }
  for (guint i = 0; i < entries->len; i++)
    g_free (g_array_index (entries, Entry, i).path);
}

static void
disk_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  if (job->bytes != NULL)
    {
      /* a fetched picture: keep it, then make room */
      texture = gdk_texture_new_from_bytes (job->bytes, &error);
      if (texture == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (!g_file_set_contents (job->path, g_bytes_get_data (job->bytes, NULL), (gssize) g_bytes_get_size (job->bytes),
                                &error))
        g_debug ("thumbnail not kept: %s", error->message);
      trim (job->dir, job->max_bytes);
      g_task_return_pointer (task, texture, g_object_unref);
      return;
    }
  texture = gdk_texture_new_from_filename (job->path, &error);
  if (texture == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* used now: the last to be dropped */
  {
    g_autoptr(GFile) file = g_file_new_for_path (job->path);
    gint64 now = g_get_real_time ();
    g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, (guint64) (now / G_USEC_PER_SEC),
                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
    g_file_set_attribute_uint32 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC, (guint32) (now % G_USEC_PER_SEC),
                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  }
  g_task_return_pointer (task, texture, g_object_unref);
}

/* ---------------------------------------------------------- loading */

static void
stored (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  CiroThumbnailCache *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  GdkTexture *texture = g_task_propagate_pointer (G_TASK (result), &error);

  if (texture == NULL)
    g_task_return_error (task, error);
  else
    {
      remember (self, job->url, texture);
      g_task_return_pointer (task, texture, g_object_unref);
    }
  g_object_unref (task);
}

static void
to_disk_thread (GTask *task)
{
  GTask *inner = g_task_new (g_task_get_source_object (task), g_task_get_cancellable (task), stored, task);
  g_task_set_task_data (inner, g_task_get_task_data (task), NULL);
  g_task_run_in_thread (inner, disk_thread);
  g_object_unref (inner);
}

static void
fetched (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  GBytes *bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);

  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)) || g_bytes_get_size (bytes) > MAX_PICTURE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "HTTP %u for %s",
                               soup_message_get_status (msg), job->url);
      g_bytes_unref (bytes);
      g_object_unref (task);
      return;
    }
  job->bytes = bytes;
  to_disk_thread (task);
}

void
ciro_thumbnail_cache_load_async (CiroThumbnailCache *self, const char *url, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  GdkTexture *texture;
  Job *job;

  g_return_if_fail (CIRO_IS_THUMBNAIL_CACHE (self));

  if (url == NULL || (!g_str_has_prefix (url, "http://") && !g_str_has_prefix (url, "https://")))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "no picture address");
      g_object_unref (task);
      return;
    }
  if ((texture = g_hash_table_lookup (self->memory, url)) != NULL)
    {
      g_task_return_pointer (task, g_object_ref (texture), g_object_unref);
      g_object_unref (task);
      return;
    }
  job = g_new0 (Job, 1);
  job->url = g_strdup (url);
  job->path = path_for (self, url);
  job->dir = g_strdup (self->dir);
  job->max_bytes = self->max_bytes;
  g_task_set_task_data (task, job, job_free);
  if (g_file_test (job->path, G_FILE_TEST_IS_REGULAR))
    {
      to_disk_thread (task);
      return;
    }
  {
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
    if (msg == NULL)
      {
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "bad picture address %s", url);
        g_object_unref (task);
        return;
      }
    self->fetches++;
    soup_session_send_and_read_async (self->session, msg, G_PRIORITY_LOW, cancellable, fetched, task);
  }
}

GdkTexture *
ciro_thumbnail_cache_load_finish (CiroThumbnailCache *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
