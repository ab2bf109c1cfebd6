/* ciro-thumbnail-cache.h: product pictures, fetched once and kept on disk
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CIRO_TYPE_THUMBNAIL_CACHE (ciro_thumbnail_cache_get_type ())
G_DECLARE_FINAL_TYPE (CiroThumbnailCache, ciro_thumbnail_cache, CIRO, THUMBNAIL_CACHE, GObject)

/* Pictures under `dir`, the oldest dropped when they pass `max_bytes`. */
CiroThumbnailCache *ciro_thumbnail_cache_new          (const char *dir,
                                                       guint64     max_bytes);
/* From memory, disk or the network (libsoup, async); never blocks. */
void                ciro_thumbnail_cache_load_async   (CiroThumbnailCache  *self,
                                                       const char          *url,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GdkTexture         *ciro_thumbnail_cache_load_finish  (CiroThumbnailCache  *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* For tests: requests sent over the network so far. */
guint               ciro_thumbnail_cache_get_fetches  (CiroThumbnailCache  *self);

G_END_DECLS
