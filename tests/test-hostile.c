/* test-hostile.c: syncing against a hostile or broken server
 *
 * A loopback server in its own thread misbehaves in one way per test: it
 * trickles its answer, sends the same page forever, never ends its walk,
 * sends a gzip bomb, an oversized page, a page of too many records, or a
 * new marketplace with every order. Each misbehaviour is bounded (bytes,
 * requests) so that the server stops by itself even against a client
 * without the bounds under test; the sync must stop first, with the reason.
 * Then the Sentos address rules and --marketplace, through ciro-cli.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "store/ciro-store-sql.h"
#include "sync/ciro-credentials.h"
#include "sync/ciro-sentos-check.h"
#include "sync/ciro-sync.h"

static char *dir;
static guint n_db;

/* ---------------------------------------------------------- the server */

typedef enum {
  SERVE_TRICKLE,     /* 200, then one byte every tick_ms */
  SERVE_SAME_PAGE,   /* products 1..100 whatever the page, total_pages 10^15 */
  SERVE_ENDLESS,     /* full pages of new products forever */
  SERVE_BOMB,        /* gzip that inflates to 64 MiB */
  SERVE_BIG,         /* 40 MiB of plain JSON */
  SERVE_MANY,        /* 1,500 records when 100 were asked for */
  SERVE_SOURCES,     /* one page of 100 orders from 80 marketplaces */
} Mode;

/* Past this many requests every answer is a 401, which ends any sync: the
 * server stops by itself even when the client would not. */
#define MAX_REQUESTS 300
/* A trickled answer is complete after this many bytes (an empty list). */
#define TRICKLE_BYTES 40

typedef struct {
  Mode          mode;
  gint64        total_pages;  /* SERVE_ENDLESS: -1 leaves it out */
  guint         tick_ms;
  GBytes       *payload;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *url;
  gint          requests;     /* atomic */
  GMutex        lock;
  GCond         cond;
  gboolean      ready;
} Server;

typedef struct {
  SoupServerMessage *msg;
  guint              sent;
  gboolean           done;
} Trickle;

static void
trickle_free (gpointer data)
{
  Trickle *t = data;
  g_object_unref (t->msg);
  g_free (t);
}

static void
trickle_over (SoupServerMessage *msg, gpointer data)
{
  ((Trickle *) data)->done = TRUE;
}

static gboolean
trickle_tick (gpointer data)
{
  Trickle *t = data;
  SoupMessageBody *body = soup_server_message_get_response_body (t->msg);

  if (t->done)
    return G_SOURCE_REMOVE;
  /* "[" then spaces then "]": JSON, an empty list, once it is all there */
  soup_message_body_append (body, SOUP_MEMORY_STATIC,
                            t->sent == 0 ? "[" : t->sent == TRICKLE_BYTES - 1 ? "]" : " ", 1);
  t->sent++;
  if (t->sent == TRICKLE_BYTES)
    {
      soup_message_body_complete (body);
      t->done = TRUE;
    }
  soup_server_message_unpause (t->msg);
  return t->done ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void
respond (SoupServerMessage *msg, GString *json)
{
  gsize len = json->len;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, g_string_free (json, FALSE), len);
}

static GString *
products_page (gint64 first_id, guint n, gint64 total_pages)
{
  GString *json = g_string_new ("{\"page\":1,");

  if (total_pages >= 0)
    g_string_append_printf (json, "\"total_pages\":%" G_GINT64_FORMAT ",", total_pages);
  g_string_append (json, "\"data\":[");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"id\":%" G_GINT64_FORMAT ",\"sku\":\"S-%" G_GINT64_FORMAT "\",\"name\":\"P\"}",
                            i ? "," : "", first_id + i, first_id + i);
  g_string_append (json, "]}");
  return json;
}

static void
handler (SoupServer *soup, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  Server *s = data;
  gint n = g_atomic_int_add (&s->requests, 1) + 1;
  const char *p = query ? g_hash_table_lookup (query, "page") : NULL;
  gint64 page = p ? g_ascii_strtoll (p, NULL, 10) : 1;

  if (n > MAX_REQUESTS)
    {
      soup_server_message_set_status (msg, 401, NULL);
      return;
    }
  switch (s->mode)
    {
    case SERVE_TRICKLE:
      {
        Trickle *t = g_new0 (Trickle, 1);
        GSource *tick = g_timeout_source_new (s->tick_ms);

        t->msg = g_object_ref (msg);
        soup_server_message_set_status (msg, 200, NULL);
        soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg), SOUP_ENCODING_CHUNKED);
        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Type",
                                      "application/json");
        g_signal_connect (msg, "finished", G_CALLBACK (trickle_over), t);
        g_signal_connect (msg, "disconnected", G_CALLBACK (trickle_over), t);
        soup_server_message_pause (msg);
        g_source_set_callback (tick, trickle_tick, t, trickle_free);
        g_source_attach (tick, s->context);
        g_source_unref (tick);
      }
      break;
    case SERVE_SAME_PAGE:
      respond (msg, products_page (1, 100, G_GINT64_CONSTANT (1000000000000000)));
      break;
    case SERVE_ENDLESS:
      respond (msg, products_page ((page - 1) * 100 + 1, 100, s->total_pages));
      break;
    case SERVE_BOMB:
    case SERVE_BIG:
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (s->payload, NULL), g_bytes_get_size (s->payload));
      if (s->mode == SERVE_BOMB)
        soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Encoding", "gzip");
      break;
    case SERVE_MANY:
      respond (msg, products_page (1, 1500, 1));
      break;
    case SERVE_SOURCES:
      {
        GString *json = g_string_new ("{\"page\":1,\"total_pages\":1,\"data\":[");
        for (guint i = 0; i < 100; i++)
          g_string_append_printf (json, "%s{\"id\":%u,\"order_date\":\"2026-11-10 12:00:00\",\"status\":5,"
                                  "\"source\":\"Pazar %02u\",\"total\":\"10.00\",\"lines\":[]}",
                                  i ? "," : "", 1000 + i, i % 80);
        g_string_append (json, "]}");
        respond (msg, json);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static gpointer
server_thread (gpointer data)
{
  Server *s = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (s->context);
  s->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (s->server, "/api", handler, s, NULL);
  soup_server_listen_local (s->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (s->server);
  g_mutex_lock (&s->lock);
  s->url = g_strdup_printf ("http://127.0.0.1:%d/api", g_uri_get_port (uris->data));
  s->ready = TRUE;
  g_cond_signal (&s->cond);
  g_mutex_unlock (&s->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (s->loop);

  soup_server_disconnect (s->server);
  g_clear_object (&s->server);
  /* a trickle still ticking ends with its source */
  while (g_main_context_iteration (s->context, FALSE))
    ;
  g_main_context_pop_thread_default (s->context);
  return NULL;
}

static Server *
server_start (Mode mode)
{
  Server *s = g_new0 (Server, 1);

  s->mode = mode;
  s->total_pages = -1;
  s->tick_ms = 100;
  s->context = g_main_context_new ();
  s->loop = g_main_loop_new (s->context, FALSE);
  g_mutex_init (&s->lock);
  g_cond_init (&s->cond);
  s->thread = g_thread_new ("hostile-server", server_thread, s);
  g_mutex_lock (&s->lock);
  while (!s->ready)
    g_cond_wait (&s->cond, &s->lock);
  g_mutex_unlock (&s->lock);
  return s;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
server_stop (Server *s)
{
  g_main_context_invoke (s->context, quit_loop, s->loop);
  g_thread_join (s->thread);
  g_main_loop_unref (s->loop);
  g_main_context_unref (s->context);
  g_clear_pointer (&s->payload, g_bytes_unref);
  g_mutex_clear (&s->lock);
  g_cond_clear (&s->cond);
  g_free (s->url);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_stop)

/* ---------------------------------------------------------- a sync */

typedef struct {
  gboolean      done;
  gboolean      ok;
  CiroSyncStats stats;
  GError       *error;
} Wait;

static void
run_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *w = data;
  w->ok = ciro_sync_run_finish (CIRO_SYNC (source), result, &w->stats, &w->error);
  w->done = TRUE;
}

static CiroSentosTiming
quick_timing (void)
{
  CiroSentosTiming t;

  ciro_sentos_timing_init (&t);
  t.pause_ms = 0;
  t.retry_base_ms = 10;
  t.retry_cap_ms = 20;
  t.max_tries = 2;
  t.timeout_s = 5;
  t.same_url_window_ms = 0;
  return t;
}

static char *
new_db (void)
{
  return g_strdup_printf ("%s/h%u.db", dir, n_db++);
}

/* Runs one sync of `req` against `s` into `path`; fails the test if it
 * succeeds. */
static GError *
sync_fails (Server *s, const CiroSentosTiming *t, CiroSyncRequest *req, const char *path)
{
  g_autoptr(CiroSentosClient) client = ciro_sentos_client_new (s->url, "key", "secret", t);
  g_autoptr(CiroSync) sync = ciro_sync_new (path, client);
  Wait w = { 0 };

  ciro_sync_run_async (sync, req, NULL, run_done, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  if (w.ok)
    g_error ("the sync ended well after %u requests; it should have failed", g_atomic_int_get (&s->requests));
  g_assert_nonnull (w.error);
  g_assert_cmpstr (ciro_sync_get_phase (sync), ==, "failed");
  return w.error;
}

static CiroSyncRequest
products_request (void)
{
  CiroSyncRequest r = { "products", TRUE, FALSE, 0, 0, 7, 100, 0, 0 };
  return r;
}

/* The last run's status and error as stored. */
static void
last_run (const char *path, char **status, char **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT status, error FROM sync_runs ORDER BY id DESC LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *status = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  *error = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static gint64
count (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
assert_failed_run (const char *path, const char *reason_part)
{
  g_autofree char *status = NULL, *error = NULL;

  last_run (path, &status, &error);
  g_assert_cmpstr (status, ==, "failed");
  g_assert_nonnull (error);
  if (strstr (error, reason_part) == NULL)
    g_error ("stored reason “%s” does not say “%s”", error, reason_part);
}

/* ---------------------------------------------------------- the tests */

/* One byte every 100 ms never trips the 5 s silence timeout: only the
 * whole answer's deadline (here 700 ms) ends each try. Without it the
 * answer takes TRICKLE_BYTES × 100 ms and the sync ends well. */
static void
test_trickle (void)
{
  g_autoptr(Server) s = server_start (SERVE_TRICKLE);
  CiroSentosTiming t = quick_timing ();
  CiroSyncRequest req = products_request ();
  g_autofree char *path = new_db ();
  g_autoptr(GError) error = NULL;

  t.deadline_ms = 700;
  error = sync_fails (s, &t, &req, path);
  /* retried like a timeout, then given up as one */
  g_assert_error (error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "no complete answer within 1 second"));
  g_assert_cmpint (g_atomic_int_get (&s->requests), ==, 2);
  assert_failed_run (path, "no complete answer");
}

static void
tested (GObject *source, GAsyncResult *result, gpointer data)
{
  CiroConnectionResult **out = data;
  *out = ciro_sentos_test_connection_finish (result, NULL);
  g_assert_nonnull (*out);
}

/* "Test Connection" against the same server: it too gives up, and says
 * the server could not be reached. Its own deadline is 30 s. */
static void
test_trickle_test_connection (void)
{
  g_autoptr(Server) s = server_start (SERVE_TRICKLE);
  g_autoptr(CiroConnectionResult) r = NULL;
  CiroSentosTiming t;

  ciro_sentos_test_timing_init (&t);
  g_assert_cmpuint (t.deadline_ms, ==, 30000);
  t.pause_ms = 0;
  t.retry_base_ms = 10;
  t.deadline_ms = 500;
  ciro_sentos_test_connection_async (s->url, "key", "secret", &t, NULL, tested, &r);
  while (r == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (r->outcome, ==, CIRO_CONNECTION_UNREACHABLE);
  g_assert_nonnull (strstr (r->detail, "no complete answer"));
  g_assert_cmpint (g_atomic_int_get (&s->requests), ==, 2);
}

/* A server that ignores `page` and claims 10^15 pages: the second page is
 * the first again, and the walk stops there instead of going on for ever. */
static void
test_same_page (void)
{
  g_autoptr(Server) s = server_start (SERVE_SAME_PAGE);
  CiroSentosTiming t = quick_timing ();
  CiroSyncRequest req = products_request ();
  g_autofree char *path = new_db ();
  g_autoptr(GError) error = NULL;

  error = sync_fails (s, &t, &req, path);
  g_assert_error (error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_BAD_PAGE);
  g_assert_nonnull (strstr (error->message, "same records as page 1 again for page 2"));
  g_assert_cmpint (g_atomic_int_get (&s->requests), ==, 2);
  /* the first page is kept, the run is marked failed with the reason */
  g_assert_cmpint (count (path, "SELECT count(*) FROM products"), ==, 100);
  assert_failed_run (path, "same records");
}

/* Full pages of new records for ever, without total_pages or with a lying
 * one: the run stops at its page bound (25 here) and says so. */
static void
test_endless_walk (void)
{
  gint64 totals[] = { -1, G_GINT64_CONSTANT (1000000000000000) };

  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      g_autoptr(Server) s = server_start (SERVE_ENDLESS);
      CiroSentosTiming t = quick_timing ();
      CiroSyncRequest req = products_request ();
      g_autofree char *path = new_db ();
      g_autoptr(GError) error = NULL;

      s->total_pages = totals[i];
      req.max_pages = 25;
      error = sync_fails (s, &t, &req, path);
      g_assert_error (error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_BAD_PAGE);
      g_assert_nonnull (strstr (error->message, "stopped after 25 pages"));
      g_assert_cmpint (g_atomic_int_get (&s->requests), ==, 25);
      /* what came is written, and the next run would go on from there */
      g_assert_cmpint (count (path, "SELECT count(*) FROM products"), ==, 2500);
      g_assert_cmpint (count (path, "SELECT count(*) FROM sync_runs WHERE resume LIKE '%products:26'"), ==, 1);
      assert_failed_run (path, "stopped after 25 pages");
    }
}

/* A run's own ceiling: a server that answers every page at once, new
 * records for ever, is stopped by the time one run may take (here 1 s,
 * with 20 ms between requests) before the page bound. */
static void
test_run_ceiling (void)
{
  g_autoptr(Server) s = server_start (SERVE_ENDLESS);
  CiroSentosTiming t = quick_timing ();
  CiroSyncRequest req = products_request ();
  g_autofree char *path = new_db ();
  g_autoptr(GError) error = NULL;

  t.pause_ms = 20;
  req.max_seconds = 1;
  error = sync_fails (s, &t, &req, path);
  g_assert_error (error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_BAD_PAGE);
  g_assert_nonnull (strstr (error->message, "stopped after 1 second,"));
  /* 20 ms apart, 1 s: at most 51 pages, however slow the machine (the
   * server's own bound is 300) */
  g_assert_cmpint (g_atomic_int_get (&s->requests), <=, 51);
  assert_failed_run (path, "stopped after 1 second,");
}

/* gzip of 64 MiB: refused once 32 MiB are inflated, not tried again. */
static void
test_gzip_bomb (void)
{
  g_autoptr(Server) s = NULL;
  g_autoptr(GZlibCompressor) z = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autofree char *spaces = g_malloc (1024 * 1024);
  CiroSentosTiming t = quick_timing ();
  CiroSyncRequest req = products_request ();
  g_autofree char *path = new_db ();
  g_autoptr(GError) error = NULL;
  char buf[65536];

  memset (spaces, ' ', 1024 * 1024);
  /* {"data":[ then 64 MiB of spaces then ]}: an empty list, once inflated */
  for (guint i = 0; i <= 65; i++)
    {
      const char *in = i == 0 ? "{\"data\":[" : i == 65 ? "]}" : spaces;
      gsize len = i == 0 || i == 65 ? strlen (in) : 1024 * 1024;
      GConverterResult r;

      do
        {
          gsize read = 0, written = 0;
          r = g_converter_convert (G_CONVERTER (z), in, len, buf, sizeof buf,
                                   i == 65 ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                   &read, &written, &error);
          g_assert_no_error (error);
          g_byte_array_append (out, (const guint8 *) buf, (guint) written);
          in += read;
          len -= read;
        }
      while (len > 0 || (i == 65 && r != G_CONVERTER_FINISHED));
    }
  /* the bomb: a thousand times smaller than what it inflates to */
  g_assert_cmpuint (out->len, <, 128 * 1024);

  s = server_start (SERVE_BOMB);
  s->payload = g_byte_array_free_to_bytes (g_steal_pointer (&out));
  error = sync_fails (s, &t, &req, path);
  g_assert_error (error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_BAD_PAGE);
  g_assert_nonnull (strstr (error->message, "larger than 32 MB"));
  g_assert_cmpint (g_atomic_int_get (&s->requests), ==, 1);
  assert_failed_run (path, "larger than 32 MB");
}

/* 40 MiB of plain JSON: refused the same way. */
static void
test_big_page (void)
{
  g_autoptr(Server) s = server_start (SERVE_BIG);
  CiroSentosTiming t = quick_timing ();
  CiroSyncRequest req = products_request ();
  g_autofree char *path = new_db ();
  g_autoptr(GError) error = NULL;
  gsize size = 40 * 1024 * 1024;
  char *body = g_malloc (size);

  memset (body, ' ', size);
  memcpy (body, "[", 1);
  body[size - 1] = ']';
  s->payload = g_bytes_new_take (body, size);
  error = sync_fails (s, &t, &req, path);
  g_assert_error (error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_BAD_PAGE);
  g_assert_nonnull (strstr (error->message, "larger than 32 MB"));
  g_assert_cmpint (g_atomic_int_get (&s->requests), ==, 1);
}

/* 1,500 records on one page: more than the 1,000 a page may hold. */
static void
test_too_many_records (void)
{
  g_autoptr(Server) s = server_start (SERVE_MANY);
  CiroSentosTiming t = quick_timing ();
  CiroSyncRequest req = products_request ();
  g_autofree char *path = new_db ();
  g_autoptr(GError) error = NULL;

  error = sync_fails (s, &t, &req, path);
  g_assert_error (error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_BAD_PAGE);
  g_assert_nonnull (strstr (error->message, "more than 1000 records"));
  g_assert_cmpint (g_atomic_int_get (&s->requests), ==, 1);
  g_assert_cmpint (count (path, "SELECT count(*) FROM products"), ==, 0);

  /* the parser's own bound, and the same page within it */
  {
    GString *json = products_page (1, 1500, 1);
    g_autoptr(GError) e = NULL;
    g_autoptr(CiroSentosPage) none = ciro_sentos_page_parse_bounded (json->str, json->len, CIRO_SENTOS_PRODUCTS,
                                                                     1000, &e);
    g_autoptr(CiroSentosPage) all = ciro_sentos_page_parse_bounded (json->str, json->len, CIRO_SENTOS_PRODUCTS,
                                                                    1500, NULL);
    g_assert_null (none);
    g_assert_error (e, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_TOO_MANY);
    g_assert_nonnull (all);
    g_assert_cmpuint (all->records->len, ==, 1500);
    g_string_free (json, TRUE);
  }
}

/* 80 new marketplaces in one run: the first 50 are added, the orders of
 * the other 30 count under "Diğer" with their source kept. */
static void
test_new_marketplaces (void)
{
  g_autoptr(Server) s = server_start (SERVE_SOURCES);
  CiroSentosTiming t = quick_timing ();
  CiroSyncRequest req = { "orders", FALSE, TRUE, ciro_day_from_ymd (2026, 11, 10), ciro_day_from_ymd (2026, 11, 10),
                          7, 100, 0, 0 };
  g_autofree char *path = new_db ();
  g_autoptr(CiroSentosClient) client = ciro_sentos_client_new (s->url, "key", "secret", &t);
  g_autoptr(CiroSync) sync = ciro_sync_new (path, client);
  Wait w = { 0 };

  ciro_sync_run_async (sync, &req, NULL, run_done, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  g_assert_cmpuint (w.stats.orders, ==, 100);
  /* orders 1000..1099 have sources "Pazar 00".."Pazar 79", then 00..19 again:
   * the first 50 sources met are Pazar 00..49 */
  g_assert_cmpint (count (path, "SELECT count(*) FROM marketplaces WHERE name LIKE 'Pazar %'"), ==,
                   CIRO_SYNC_MAX_NEW_MARKETPLACES);
  g_assert_cmpint (count (path, "SELECT count(*) FROM marketplaces WHERE name = 'Pazar 49'"), ==, 1);
  g_assert_cmpint (count (path, "SELECT count(*) FROM marketplaces WHERE name = 'Pazar 50'"), ==, 0);
  g_assert_cmpint (count (path, "SELECT count(*) FROM orders o JOIN marketplaces m ON m.id = o.marketplace_id"
                                " WHERE m.name = 'Diğer'"), ==, 30);
  g_assert_cmpint (count (path, "SELECT count(*) FROM orders o JOIN marketplaces m ON m.id = o.marketplace_id"
                                " WHERE m.name = 'Diğer' AND o.source = 'Pazar 79'"), ==, 1);
  g_assert_cmpint (count (path, "SELECT count(*) FROM orders"), ==, 100);

  /* a second run: the 50 are known now, 30 more may be added */
  {
    g_autoptr(CiroSync) again = ciro_sync_new (path, client);
    Wait w2 = { 0 };
    ciro_sync_run_async (again, &req, NULL, run_done, &w2);
    while (!w2.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (w2.ok);
    g_assert_cmpint (count (path, "SELECT count(*) FROM marketplaces WHERE name LIKE 'Pazar %'"), ==, 80);
    g_assert_cmpint (count (path, "SELECT count(*) FROM orders o JOIN marketplaces m ON m.id = o.marketplace_id"
                                  " WHERE m.name = 'Diğer'"), ==, 0);
  }
}

/* ---------------------------------------------------------- addresses */

static void
test_url_rule (void)
{
  static const struct { const char *in; const char *out; } ok[] = {
    { " https://firma.sentos.com.tr/api/ ", "https://firma.sentos.com.tr/api" },
    { "http://127.0.0.1:8080/api", "http://127.0.0.1:8080/api" },
    { "http://127.3.4.5/api", "http://127.3.4.5/api" },
    { "http://localhost:9/api", "http://localhost:9/api" },
    { "http://[::1]:9/api", "http://[::1]:9/api" },
  };
  static const char *const refused[] = {
    "http://firma.sentos.com.tr/api", "http://10.0.0.1/api", "ftp://example.com/api", "file:///etc/passwd",
    "firma.sentos.com.tr", "", "https://", "https://ali:s3cr3t@firma.sentos.com.tr/api",
    "https://s3cr3t@firma.sentos.com.tr/api", "http://ali:s3cr3t@127.0.0.1/api",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = ciro_sentos_check_url (ok[i].in, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (url, ==, ok[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *url = ciro_sentos_check_url (refused[i], &error);
      g_autofree char *same = ciro_credentials_normalize_url (refused[i], NULL);
      g_assert_null (url);
      g_assert_null (same);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_null (strchr (error->message, '\n'));
      g_assert_null (strstr (error->message, "s3cr3t"));
    }
}

static void
refused_at_once (GObject *source, GAsyncResult *result, gpointer data)
{
  GError **out = data;
  CiroSentosPage *page = ciro_sentos_client_get_finish (CIRO_SENTOS_CLIENT (source), result, out);
  g_assert_null (page);
}

/* A client given such an address sends nothing at all. */
static void
test_client_refuses_url (void)
{
  g_autoptr(Server) s = server_start (SERVE_SAME_PAGE);
  g_autofree char *with_password = g_strdup_printf ("http://ali:s3cr3t@%s", s->url + strlen ("http://"));
  g_autofree char *remote = g_strdup_printf ("http://192.0.2.1%s", strrchr (s->url, '/'));
  const char *urls[] = { with_password, remote, "file:///etc/passwd" };
  CiroSentosTiming t = quick_timing ();

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(CiroSentosClient) client = ciro_sentos_client_new (urls[i], "key", "secret", &t);
      GError *error = NULL;
      ciro_sentos_client_get_async (client, "/products", "page=1", CIRO_SENTOS_PRODUCTS, NULL, refused_at_once, &error);
      while (error == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_error (error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_FAILED);
      g_assert_null (strstr (error->message, "s3cr3t"));
      g_clear_error (&error);
    }
  g_assert_cmpint (g_atomic_int_get (&s->requests), ==, 0);
}

/* ---------------------------------------------------------- through ciro-cli */

typedef struct {
  int   status;
  char *out;
  char *err;
} Cli;

static void
cli_clear (Cli *c)
{
  g_free (c->out);
  g_free (c->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cli, cli_clear)

/* NAME=VALUE pairs the next cli() calls add to the environment */
static const char *const *cli_env;

static Cli
cli (const char *lang, const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) l = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                 G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *localedir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "po", NULL);
  Cli c = { 0 };
  va_list ap;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CIRO_CLI"));
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_unsetenv (l, "CIRO_DB");
  g_subprocess_launcher_unsetenv (l, "SENTOS_API_URL");
  g_subprocess_launcher_setenv (l, "SENTOS_API_KEY", "key", TRUE);
  g_subprocess_launcher_setenv (l, "SENTOS_API_SECRET", "secret", TRUE);
  g_subprocess_launcher_setenv (l, "CIRO_NOW", "2026-11-20 15:00:00", TRUE);
  g_subprocess_launcher_setenv (l, "LC_ALL", lang ? lang : "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (l, "CIRO_SYNC_PAUSE_MS", "0", TRUE);
  g_subprocess_launcher_setenv (l, "CIRO_SYNC_RETRY_MS", "10", TRUE);
  g_subprocess_launcher_setenv (l, "CIRO_SYNC_SAME_URL_MS", "0", TRUE);
  for (guint i = 0; cli_env != NULL && cli_env[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (cli_env[i], "=", 2);
      g_subprocess_launcher_setenv (l, kv[0], kv[1], TRUE);
    }
  if (lang != NULL)
    {
      g_subprocess_launcher_setenv (l, "LANGUAGE", "tr", TRUE);
      g_subprocess_launcher_setenv (l, "CIRO_LOCALEDIR", localedir, TRUE);
    }
  p = g_subprocess_launcher_spawnv (l, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &c.out, &c.err, &error));
  g_assert_no_error (error);
  c.status = g_subprocess_get_exit_status (p);
  return c;
}

static void
assert_one_line (const Cli *c, int status)
{
  if (c->status != status)
    g_error ("exit %d (expected %d); stderr: %s", c->status, status, c->err);
  if (!g_str_has_prefix (c->err, "ciro-cli: "))
    g_error ("stderr: %s", c->err);
  g_assert_cmpint (strchr (c->err, '\n') - c->err, ==, (int) strlen (c->err) - 1);
  g_assert_null (strstr (c->err, "CRITICAL"));
}

/* A sync prints a line per page on stderr (not a terminal): the error is
 * its last line. */
static const char *
last_line_error (const Cli *c, int status)
{
  const char *last;

  if (c->status != status)
    g_error ("exit %d (expected %d); stderr: %s", c->status, status, c->err);
  g_assert_true (g_str_has_suffix (c->err, "\n"));
  g_assert_null (strstr (c->err, "CRITICAL"));
  last = g_strrstr_len (c->err, (gssize) strlen (c->err) - 1, "\n");
  last = last ? last + 1 : c->err;
  if (!g_str_has_prefix (last, "ciro-cli: "))
    g_error ("stderr: %s", c->err);
  return last;
}

static gboolean
file_contains (const char *path, const char *needle)
{
  g_autofree char *data = NULL;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  return memmem (data, len, needle, strlen (needle)) != NULL;
}

static void
test_cli_api_url (void)
{
  g_autofree char *db = new_db ();
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  static const char *const refused[] = {
    "ftp://example.com/api", "file:///etc/passwd", "http://firma.sentos.com.tr/api",
    "https://ali:s3cr3t@firma.sentos.com.tr/api",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_auto(Cli) c = cli (NULL, "--db", db, "sync", "--api-url", refused[i], NULL);
      assert_one_line (&c, 2);
      g_assert_null (strstr (c.err, "s3cr3t"));
      g_assert_cmpstr (c.out, ==, "");
    }
  {
    g_auto(Cli) c = cli (NULL, "--db", db, "sync", "--api-url", "http://firma.sentos.com.tr/api", NULL);
    g_assert_nonnull (strstr (c.err, "https://"));
  }
  {
    /* the same rule in Turkish */
    g_auto(Cli) c = cli ("tr_TR.UTF-8", "--db", db, "sync", "--api-url", "http://firma.sentos.com.tr/api", NULL);
    assert_one_line (&c, 2);
    g_assert_nonnull (strstr (c.err, "şifreli değil"));
  }
  {
    /* the stored setting obeys it too */
    g_auto(Cli) bad = cli (NULL, "--db", db, "settings", "set", "api_url", "https://ali:s3cr3t@x.example/api", NULL);
    g_auto(Cli) plain = cli (NULL, "--db", db, "settings", "set", "api_url", "http://x.example/api", NULL);
    g_auto(Cli) good = cli (NULL, "--db", db, "settings", "set", "api_url", " https://x.example/api/ ", NULL);
    g_auto(Cli) get = cli (NULL, "--db", db, "settings", "get", "api_url", NULL);
    assert_one_line (&bad, 2);
    g_assert_null (strstr (bad.err, "s3cr3t"));
    assert_one_line (&plain, 2);
    g_assert_cmpint (good.status, ==, 0);
    g_assert_cmpstr (get.out, ==, "https://x.example/api\n");
  }
  /* no run was started, and the password is nowhere in the store */
  g_assert_cmpint (count (db, "SELECT count(*) FROM sync_runs"), ==, 0);
  g_assert_false (file_contains (db, "s3cr3t"));
  g_assert_false (file_contains (wal, "s3cr3t"));
}

/* The bounds through ciro-cli, lowered by its environment: one line on
 * stderr, exit 3, the reason in the sync history. */
static void
test_cli_bounds (void)
{
  {
    g_autoptr(Server) s = server_start (SERVE_TRICKLE);
    g_autofree char *db = new_db ();
    static const char *const env[] = { "CIRO_SYNC_DEADLINE_MS=400", NULL };
    g_auto(Cli) c = { 0 };

    cli_env = env;
    c = cli (NULL, "--db", db, "sync", "--products", "--api-url", s->url, NULL);
    cli_env = NULL;
    g_assert_nonnull (strstr (last_line_error (&c, 3), "no complete answer within 1 second"));
    g_assert_cmpint (g_atomic_int_get (&s->requests), ==, 5);
    assert_failed_run (db, "no complete answer");
  }
  {
    g_autoptr(Server) s = server_start (SERVE_ENDLESS);
    g_autofree char *db = new_db ();
    static const char *const env[] = { "CIRO_SYNC_MAX_PAGES=7", NULL };
    g_auto(Cli) c = { 0 };

    cli_env = env;
    c = cli ("tr_TR.UTF-8", "--db", db, "sync", "--products", "--api-url", s->url, NULL);
    cli_env = NULL;
    g_assert_nonnull (strstr (last_line_error (&c, 3), "7 sayfadan sonra durdu"));
    g_assert_cmpint (g_atomic_int_get (&s->requests), ==, 7);
    g_assert_cmpint (count (db, "SELECT count(*) FROM products"), ==, 700);
    assert_failed_run (db, "7 sayfadan sonra durdu");
  }
}

static void
test_cli_marketplace (void)
{
  g_autofree char *db = new_db ();
  g_autofree char *csv = g_build_filename (dir, "sales.csv", NULL);

  {
    g_auto(Cli) demo = cli (NULL, "--db", db, "demo", "--orders", "300", "--products", "20", "--seed", "4", NULL);
    g_assert_cmpint (demo.status, ==, 0);
  }
  {
    g_auto(Cli) c = cli (NULL, "--db", db, "report", "summary", "--marketplace", "Trendyl", NULL);
    assert_one_line (&c, 2);
    g_assert_nonnull (strstr (c.err, "“Trendyl”"));
    g_assert_nonnull (strstr (c.err, "Trendyol"));
    g_assert_null (strstr (c.err, "Hepsiburada"));
  }
  {
    /* Turkish letters folded: "cicek sepet" is one letter from ÇiçekSepeti */
    g_auto(Cli) c = cli (NULL, "--db", db, "report", "summary", "--marketplace", "cicek sepet", NULL);
    assert_one_line (&c, 2);
    g_assert_nonnull (strstr (c.err, "ÇiçekSepeti"));
  }
  {
    g_auto(Cli) c = cli ("tr_TR.UTF-8", "--db", db, "report", "summary", "--marketplace", "Hepsibrada", NULL);
    assert_one_line (&c, 2);
    g_assert_nonnull (strstr (c.err, "bilinmeyen pazaryeri"));
    g_assert_nonnull (strstr (c.err, "Hepsiburada"));
  }
  {
    g_auto(Cli) c = cli (NULL, "--db", db, "report", "summary", "--marketplace", "Qwertyuiop", NULL);
    assert_one_line (&c, 2);
    g_assert_nonnull (strstr (c.err, "no marketplace of that name"));
  }
  {
    g_auto(Cli) c = cli (NULL, "--db", db, "export", "sales", "--format", "csv", "--output", csv,
                         "--marketplace", "Trendyl", NULL);
    assert_one_line (&c, 2);
    g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  }
  {
    /* the known spellings still work, and give the same figures */
    g_auto(Cli) a = cli (NULL, "--db", db, "report", "summary", "--from", "2020-01-01", "--marketplace", "trendyol",
                         "--format", "json", NULL);
    g_auto(Cli) b = cli (NULL, "--db", db, "report", "summary", "--from", "2020-01-01", "--marketplace", "Trendyol",
                         "--format", "json", NULL);
    g_assert_cmpint (a.status, ==, 0);
    g_assert_cmpint (b.status, ==, 0);
    g_assert_cmpstr (a.out, ==, b.out);
    g_assert_null (strstr (a.out, "\"gross_orders\": 0,"));
  }
}

static void
test_close_names (void)
{
  const char *names[] = { "Trendyol", "Hepsiburada", "N11", "ÇiçekSepeti", "Pazarama", "Amazon", "Pttavm" };
  g_autoptr(GPtrArray) a = ciro_marketplace_close_names ("Trendyl", names, G_N_ELEMENTS (names));
  g_autoptr(GPtrArray) b = ciro_marketplace_close_names ("ciceksepti", names, G_N_ELEMENTS (names));
  g_autoptr(GPtrArray) c = ciro_marketplace_close_names ("N12", names, G_N_ELEMENTS (names));
  g_autoptr(GPtrArray) d = ciro_marketplace_close_names ("xyz", names, G_N_ELEMENTS (names));
  g_autoptr(GPtrArray) e = ciro_marketplace_close_names ("Hepsi", names, G_N_ELEMENTS (names));

  g_assert_cmpuint (ciro_marketplace_distance ("Trendyl", "Trendyol"), ==, 1);
  g_assert_cmpuint (ciro_marketplace_distance ("ÇİÇEK SEPETİ", "ÇiçekSepeti"), ==, 0);
  g_assert_cmpuint (ciro_marketplace_distance ("ıı", "II"), ==, 0);
  g_assert_cmpuint (ciro_marketplace_distance ("", "N11"), ==, 3);
  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpstr (a->pdata[0], ==, "Trendyol");
  g_assert_cmpuint (b->len, ==, 1);
  g_assert_cmpstr (b->pdata[0], ==, "ÇiçekSepeti");
  g_assert_cmpuint (c->len, ==, 1);
  g_assert_cmpstr (c->pdata[0], ==, "N11");
  g_assert_cmpuint (d->len, ==, 0);
  g_assert_cmpuint (e->len, ==, 1);
  g_assert_cmpstr (e->pdata[0], ==, "Hepsiburada");
}

int
main (int argc, char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("ciro-hostile-XXXXXX", NULL);

  g_test_add_func ("/hostile/trickle", test_trickle);
  g_test_add_func ("/hostile/trickle-test-connection", test_trickle_test_connection);
  g_test_add_func ("/hostile/same-page", test_same_page);
  g_test_add_func ("/hostile/endless-walk", test_endless_walk);
  g_test_add_func ("/hostile/run-ceiling", test_run_ceiling);
  g_test_add_func ("/hostile/gzip-bomb", test_gzip_bomb);
  g_test_add_func ("/hostile/big-page", test_big_page);
  g_test_add_func ("/hostile/too-many-records", test_too_many_records);
  g_test_add_func ("/hostile/new-marketplaces", test_new_marketplaces);
  g_test_add_func ("/hostile/url-rule", test_url_rule);
  g_test_add_func ("/hostile/client-refuses-url", test_client_refuses_url);
  g_test_add_func ("/hostile/close-names", test_close_names);
  g_test_add_func ("/hostile/cli-api-url", test_cli_api_url);
  g_test_add_func ("/hostile/cli-bounds", test_cli_bounds);
  g_test_add_func ("/hostile/cli-marketplace", test_cli_marketplace);
  rc = g_test_run ();

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
  g_free (dir);
  return rc;
}
