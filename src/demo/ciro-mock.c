/* ciro-mock.c: a loopback Sentos API serving the demo seller, with a fault plan
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-mock"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "ciro-demo-json.h"
#include "ciro-mock.h"

struct _CiroMock {
  CiroDemo   *demo;       /* borrowed */
  SoupServer *server;
  char       *url;
  char       *auth;       /* the expected Authorization header */
  GHashTable *faults;     /* request number → CiroFault */
  guint       requests;
  guint       broken;
  GPtrArray  *stalled;    /* SoupServerMessage, held until freed */
  CiroDay     cached_day; /* the last day's orders, generated once */
  gint64      cached_as_of;
  GPtrArray  *cached_orders;
  gint64      started;    /* unix time (CIRO_NOW honoured) the mock began */
};

/* The moment the mock shows the seller at: the demo's end, moved on by the
 * time since the mock began in steps of ten minutes, so that a later sync
 * sees orders further along (shipped, delivered, returned) while one sync
 * (and a test comparing it with the demo written directly) sees one
 * moment. */
static gint64
as_of (CiroMock *self)
{
  CiroDay day;
  gint32 seconds;

  ciro_now (&day, &seconds);
  return ciro_demo_end_moment (self->demo) + MAX (0, ciro_to_unix (day, seconds) - self->started) / 600 * 600;
}

static void
respond_json (SoupServerMessage *msg, guint status, char *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, strlen (body));
}

static void
respond_error (SoupServerMessage *msg, guint status, const char *text)
{
  respond_json (msg, status, g_strdup_printf ("{\"message\": \"%s\"}", text));
}

static gint64
query_int (GHashTable *query, const char *name, gint64 fallback)
{
  const char *v = query ? g_hash_table_lookup (query, name) : NULL;
  gint64 out;

  if (v == NULL || !g_ascii_string_to_signed (v, 10, 0, G_MAXINT32, &out, NULL))
    return fallback;
  return out;
}

static GPtrArray *
orders_on (CiroMock *self, CiroDay day, gint64 at)
{
  if (self->cached_orders == NULL || self->cached_day != day || self->cached_as_of != at)
    {
      g_clear_pointer (&self->cached_orders, g_ptr_array_unref);
      self->cached_orders = ciro_demo_orders_at (self->demo, day, at);
      self->cached_day = day;
      self->cached_as_of = at;
    }
  return self->cached_orders;
}

/* Records [offset, offset + count) of the resource, written as JSON
 * elements of a list; the number of records there are in all in *total. */
static void
write_records (CiroMock *self, GString *out, gboolean products, CiroDay from, CiroDay to,
               gint64 offset, gint64 count, gint64 *total)
{
  gboolean first = TRUE;
  gint64 at;

  if (products)
    {
      *total = ciro_demo_n_products (self->demo);
      for (gint64 i = MAX (offset, 0); i < offset + count && i < *total; i++)
        {
          g_autoptr(CiroProductRecord) p = ciro_demo_product (self->demo, (guint) i);
          if (!first)
            g_string_append_c (out, ',');
          first = FALSE;
          ciro_demo_product_write_json (out, p);
        }
      return;
    }

  *total = 0;
  from = MAX (from, ciro_demo_first_day (self->demo));
  to = MIN (to, ciro_demo_last_day (self->demo));
  at = as_of (self);
  for (CiroDay d = from; d <= to; d++)
    {
      gint64 n = ciro_demo_n_orders_at (self->demo, d, at);
      gint64 start = *total, end = *total + n;

      if (end > offset && start < offset + count)
        {
          GPtrArray *day = orders_on (self, d, at);
          for (gint64 i = MAX (offset, start); i < MIN (offset + count, end); i++)
            {
              if (!first)
                g_string_append_c (out, ',');
              first = FALSE;
              ciro_demo_order_write_json (out, day->pdata[i - start]);
            }
        }
      *total = end;
    }
}

static void
cut_connection (SoupServerMessage *msg)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);
  static const char partial[] =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"data\": [{\"id\": 1";

  if (stream == NULL)
    return;
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), partial, sizeof partial - 1, NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  CiroMock *self = user_data;
  const char *auth;
  CiroFault fault;
  gboolean products;
  gint64 page, size, total, total_pages;
  CiroDay from = G_MININT32 / 2, to = G_MAXINT32 / 2;
  g_autoptr(GString) body = NULL;
  gsize total_at = 0, list_at;

  self->requests++;
  fault = GPOINTER_TO_UINT (g_hash_table_lookup (self->faults, GUINT_TO_POINTER (self->requests)));

  if (g_strcmp0 (soup_server_message_get_method (msg), "GET") != 0)
    {
      respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "read only");
      return;
    }
  auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  if (g_strcmp0 (auth, self->auth) != 0)
    {
      respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "Yetkisiz");
      return;
    }

  switch (fault)
    {
    case CIRO_FAULT_429:
      respond_error (msg, 429, "slow down");
      return;
    case CIRO_FAULT_429_RETRY_AFTER:
      respond_error (msg, 429, "slow down");
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "1");
      return;
    case CIRO_FAULT_500:
    case CIRO_FAULT_502:
    case CIRO_FAULT_503:
      respond_error (msg, fault == CIRO_FAULT_500 ? 500 : fault == CIRO_FAULT_502 ? 502 : 503, "server error");
      return;
    case CIRO_FAULT_STALL:
      soup_server_message_pause (msg);
      g_ptr_array_add (self->stalled, g_object_ref (msg));
      return;
    case CIRO_FAULT_CUT:
      cut_connection (msg);
      return;
    case CIRO_FAULT_BAD_JSON:
      respond_json (msg, SOUP_STATUS_OK, g_strdup ("{\"data\": [ this is not json"));
      return;
    default:
      break;
    }

  if (g_str_equal (path, "/api/products"))
    products = TRUE;
  else if (g_str_equal (path, "/api/orders"))
    {
      const char *s = query ? g_hash_table_lookup (query, "start_date") : NULL;
      const char *e = query ? g_hash_table_lookup (query, "end_date") : NULL;
      products = FALSE;
      if ((s != NULL && !ciro_day_parse (s, &from, NULL)) || (e != NULL && !ciro_day_parse (e, &to, NULL)))
        {
          respond_error (msg, SOUP_STATUS_BAD_REQUEST, "bad date");
          return;
        }
    }
  else
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "no such resource");
      return;
    }

  page = MAX (1, query_int (query, "page", 1));
  size = CLAMP (query_int (query, "size", 100), 1, 100);
  body = g_string_sized_new ((gsize) size * (products ? 1200 : 1600));
  /* the envelope varies as it does in the wild */
  if (page % 4 != 0)
    {
      g_string_append_printf (body, "{\"page\":%" G_GINT64_FORMAT ",\"size\":%" G_GINT64_FORMAT ",",
                              page, size);
      total_at = body->len;
      /* the totals are known once the records are written: room for them */
      g_string_append_printf (body, "%-80s", "");
      g_string_append_printf (body, "\"%s\":[", page % 4 == 1 ? "data" : page % 4 == 2 ? (products ? "products" : "orders") : "items");
    }
  else
    g_string_append_c (body, '[');
  list_at = body->len;
  if (fault == CIRO_FAULT_REPEAT_PAGE && page > 1)
    {
      /* records shifted by a change during the walk: the tail of the
       * previous page shows up again at the head of this one */
      write_records (self, body, products, from, to, (page - 1) * size - 10, size + 10, &total);
    }
  else
    write_records (self, body, products, from, to, (page - 1) * size, size, &total);
  total_pages = (total + size - 1) / size;
  if (fault == CIRO_FAULT_WRONG_TYPES)
    {
      g_string_append (body, body->len > list_at ? "," : "");
      g_string_append (body, "\"not a record\",{\"id\":true}");
      self->broken += 2;
    }
  g_string_append_c (body, ']');
  if (page % 4 != 0)
    {
      g_autofree char *totals = page % 3 != 2
        ? g_strdup_printf ("\"total_elements\":%" G_GINT64_FORMAT ",\"total_pages\":%" G_GINT64_FORMAT ",",
                           total, total_pages)
        : g_strdup_printf ("\"total_elements\":%" G_GINT64_FORMAT ",", total);
      /* white space pads the room left for them */
      memcpy (body->str + total_at, totals, strlen (totals));
      g_string_append_c (body, '}');
    }
  if (fault == CIRO_FAULT_TRUNCATED)
    g_string_truncate (body, body->len / 2);
  respond_json (msg, SOUP_STATUS_OK, g_string_free (g_steal_pointer (&body), FALSE));
}

CiroMock *
ciro_mock_new (CiroDemo *demo, const char *key, const char *secret, GError **error)
{
  g_autoptr(CiroMock) self = g_new0 (CiroMock, 1);
  g_autofree char *pair = g_strdup_printf ("%s:%s", key, secret);
  g_autofree char *b64 = g_base64_encode ((const guchar *) pair, strlen (pair));
  GSList *uris;

  self->demo = demo;
  self->auth = g_strdup_printf ("Basic %s", b64);
  self->faults = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->stalled = g_ptr_array_new_with_free_func (g_object_unref);
  self->cached_day = CIRO_DAY_INVALID;
  {
    CiroDay day;
    gint32 seconds;

    ciro_now (&day, &seconds);
    self->started = ciro_to_unix (day, seconds);
  }
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, "/api", handler, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return NULL;
  uris = soup_server_get_uris (self->server);
  self->url = g_strdup_printf ("http://127.0.0.1:%d/api", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return g_steal_pointer (&self);
}

void
ciro_mock_free (CiroMock *self)
{
  if (self == NULL)
    return;
  if (self->server != NULL)
    {
      for (guint i = 0; i < self->stalled->len; i++)
        {
          SoupServerMessage *msg = self->stalled->pdata[i];
          respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "gone");
          soup_server_message_unpause (msg);
        }
      soup_server_disconnect (self->server);
      g_object_unref (self->server);
    }
  g_clear_pointer (&self->stalled, g_ptr_array_unref);
  g_clear_pointer (&self->cached_orders, g_ptr_array_unref);
  g_clear_pointer (&self->faults, g_hash_table_unref);
  g_free (self->auth);
  g_free (self->url);
  g_free (self);
}

const char *
ciro_mock_get_url (CiroMock *self)
{
  return self->url;
}

void
ciro_mock_add_fault (CiroMock *self, guint n, CiroFault fault)
{
  g_hash_table_insert (self->faults, GUINT_TO_POINTER (n), GUINT_TO_POINTER (fault));
}

guint
ciro_mock_get_requests (CiroMock *self)
{
  return self->requests;
}

guint
ciro_mock_get_broken (CiroMock *self)
{
  return self->broken;
}

gboolean
ciro_mock_parse_faults (CiroMock *self, const char *plan, GError **error)
{
  static const struct { const char *name; CiroFault fault; } names[] = {
    { "429", CIRO_FAULT_429 }, { "429-retry-after", CIRO_FAULT_429_RETRY_AFTER },
    { "500", CIRO_FAULT_500 }, { "502", CIRO_FAULT_502 }, { "503", CIRO_FAULT_503 },
    { "stall", CIRO_FAULT_STALL }, { "cut", CIRO_FAULT_CUT }, { "bad-json", CIRO_FAULT_BAD_JSON },
    { "repeat-page", CIRO_FAULT_REPEAT_PAGE }, { "wrong-types", CIRO_FAULT_WRONG_TYPES },
    { "truncated", CIRO_FAULT_TRUNCATED },
  };
  g_auto(GStrv) items = g_strsplit (plan ? plan : "", ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (g_strstrip (items[i]), ":", 2);
      guint64 n;
      gboolean found = FALSE;

      if (*items[i] == '\0')
        continue;
      if (g_strv_length (kv) != 2 || !g_ascii_string_to_unsigned (kv[0], 10, 1, G_MAXUINT32, &n, NULL))
        goto bad;
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        if (g_str_equal (kv[1], names[k].name))
          {
            ciro_mock_add_fault (self, (guint) n, names[k].fault);
            found = TRUE;
          }
      if (!found)
        goto bad;
      continue;
bad:
      g_set_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_INVALID,
                   "“%s” is not a fault (N:429, N:503, N:stall, N:cut, N:bad-json, N:truncated, …)", items[i]);
      return FALSE;
    }
  return TRUE;
}
