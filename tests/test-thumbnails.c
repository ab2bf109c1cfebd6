/* test-thumbnails.c: pictures fetched once, kept on disk within a limit
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "ui/widgets/ciro-thumbnail-cache.h"

static guint hits;
static GHashTable *pictures;    /* path → GBytes */

static cairo_status_t
append (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
png (double r, double g, double b)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 8, 8);
  cairo_t *cr = cairo_create (s);
  GByteArray *out = g_byte_array_new ();

  cairo_set_source_rgb (cr, r, g, b);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (s, append, out);
  cairo_surface_destroy (s);
  return g_byte_array_free_to_bytes (out);
}

static void
serve (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  GBytes *b = g_hash_table_lookup (pictures, path);

  hits++;
  if (b == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (b, NULL), g_bytes_get_size (b));
}

typedef struct {
  gboolean    done;
  GdkTexture *texture;
  GError     *error;
} Wait;

static void
loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *w = data;
  w->texture = ciro_thumbnail_cache_load_finish (CIRO_THUMBNAIL_CACHE (source), result, &w->error);
  w->done = TRUE;
}

static Wait
load (CiroThumbnailCache *cache, const char *url)
{
  Wait w = { 0 };
  ciro_thumbnail_cache_load_async (cache, url, NULL, loaded, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  return w;
}

static guint
files_in (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;
  while (d && g_dir_read_name (d))
    n++;
  return n;
}

static void
test_cache (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ciro-thumbs-XXXXXX", NULL);
  g_autofree char *small = g_build_filename (dir, "small", NULL);
  g_autofree char *big = g_build_filename (dir, "big", NULL);
  g_autoptr(CiroThumbnailCache) cache = ciro_thumbnail_cache_new (big, 1024 * 1024);
  g_autoptr(CiroThumbnailCache) again = NULL;
  g_autoptr(CiroThumbnailCache) tiny = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *base = NULL;
  char *url;
  Wait w;
  gsize one;

  pictures = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_bytes_unref);
  g_hash_table_insert (pictures, "/a.png", png (1, 0, 0));
  g_hash_table_insert (pictures, "/b.png", png (0, 1, 0));
  g_hash_table_insert (pictures, "/c.png", png (0, 0, 1));
  one = g_bytes_get_size (g_hash_table_lookup (pictures, "/a.png"));
  soup_server_add_handler (server, NULL, serve, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  /* fetched once, then from memory */
  url = g_strconcat (base, "a.png", NULL);
  w = load (cache, url);
  g_assert_no_error (w.error);
  g_assert_cmpint (gdk_texture_get_width (w.texture), ==, 8);
  g_clear_object (&w.texture);
  g_assert_cmpuint (hits, ==, 1);
  w = load (cache, url);
  g_assert_nonnull (w.texture);
  g_clear_object (&w.texture);
  g_assert_cmpuint (hits, ==, 1);
  g_assert_cmpuint (files_in (big), ==, 1);

  /* a new cache (the next start of Ciro) reads it from disk */
  again = ciro_thumbnail_cache_new (big, 1024 * 1024);
  w = load (again, url);
  g_assert_nonnull (w.texture);
  g_clear_object (&w.texture);
  g_assert_cmpuint (hits, ==, 1);
  g_assert_cmpuint (ciro_thumbnail_cache_get_fetches (again), ==, 0);
  g_free (url);

  /* a picture that is not there, and an address that is not one */
  url = g_strconcat (base, "missing.png", NULL);
  w = load (cache, url);
  g_assert_null (w.texture);
  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&w.error);
  g_free (url);
  w = load (cache, "not a url");
  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&w.error);

  /* room for one and a half pictures: only the newest stays */
  tiny = ciro_thumbnail_cache_new (small, one + one / 2);
  for (const char *const *p = (const char *const[]) { "a.png", "b.png", "c.png", NULL }; *p; p++)
    {
      url = g_strconcat (base, *p, NULL);
      w = load (tiny, url);
      g_assert_no_error (w.error);
      g_clear_object (&w.texture);
      g_assert_cmpuint (files_in (small), ==, 1);
      g_free (url);
    }
  {
    g_autofree char *c_url = g_strconcat (base, "c.png", NULL);
    g_autofree char *name = g_compute_checksum_for_string (G_CHECKSUM_SHA1, c_url, -1);
    g_autofree char *path = g_build_filename (small, name, NULL);
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  g_hash_table_unref (pictures);
  for (const char *const *d = (const char *const[]) { small, big, NULL }; *d; d++)
    {
      g_autoptr(GDir) gd = g_dir_open (*d, 0, NULL);
      const char *name;
      while (gd && (name = g_dir_read_name (gd)) != NULL)
        {
          g_autofree char *p = g_build_filename (*d, name, NULL);
          g_unlink (p);
        }
      g_rmdir (*d);
    }
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/thumbnails/cache", test_cache);
  return g_test_run ();
}
