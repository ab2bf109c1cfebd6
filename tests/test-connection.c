/* test-connection.c: "Test Connection" against the loopback mock and real failures
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libsoup/soup.h>

#include "core/ciro-date.h"
#include "demo/ciro-demo.h"
#include "demo/ciro-mock.h"
#include "sync/ciro-sentos-check.h"

static CiroDemo *demo;

static void
got_result (GObject *source, GAsyncResult *result, gpointer data)
{
  CiroConnectionResult **out = data;
  g_autoptr(GError) error = NULL;

  *out = ciro_sentos_test_connection_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*out);
}

static CiroConnectionResult *
check (const char *url, const char *key, const char *secret)
{
  CiroConnectionResult *r = NULL;
  CiroSentosTiming t;

  ciro_sentos_test_timing_init (&t);
  t.pause_ms = 0;
  t.retry_base_ms = 10;
  t.retry_cap_ms = 20;
  t.timeout_s = 10;
  ciro_sentos_test_connection_async (url, key, secret, &t, NULL, got_result, &r);
  while (r == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (r->message);
  g_assert_cmpstr (r->message, !=, "");
  return r;
}

static void
test_ok_with_counts (void)
{
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", NULL);
  g_autoptr(CiroConnectionResult) r = check (ciro_mock_get_url (mock), "key", "secret");
  gint64 orders = 0;

  /* the generator's own count, day by day */
  for (CiroDay d = ciro_demo_first_day (demo); d <= ciro_demo_last_day (demo); d++)
    orders += ciro_demo_n_orders_on (demo, d);
  g_assert_cmpint (r->outcome, ==, CIRO_CONNECTION_OK);
  g_assert_cmpint (r->products, ==, 37);
  g_assert_cmpint (r->orders, ==, orders);
  g_assert_cmpint (r->orders, ==, 1500);
  g_assert_null (r->detail);
  g_assert_nonnull (strstr (r->message, "37"));
  g_assert_nonnull (strstr (r->message, "1,500"));
  /* one GET of each list, nothing more */
  g_assert_cmpuint (ciro_mock_get_requests (mock), ==, 2);
}

static void
test_bad_credentials (void)
{
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", NULL);
  g_autoptr(CiroConnectionResult) r = check (ciro_mock_get_url (mock), "key", "wrong");

  g_assert_cmpint (r->outcome, ==, CIRO_CONNECTION_BAD_CREDENTIALS);
  g_assert_cmpint (r->products, ==, -1);
  g_assert_nonnull (strstr (r->message, "API key"));
  /* 401 is not retried */
  g_assert_cmpuint (ciro_mock_get_requests (mock), ==, 1);
}

static void
test_closed_port (void)
{
  g_autoptr(GSocket) s = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autofree char *url = NULL;
  g_autoptr(CiroConnectionResult) r = NULL;

  /* a port that was just free and that nobody listens on */
  g_assert_true (g_socket_bind (s, any, FALSE, NULL));
  bound = g_socket_get_local_address (s, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/api", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (s, NULL);
  r = check (url, "key", "secret");
  g_assert_cmpint (r->outcome, ==, CIRO_CONNECTION_UNREACHABLE);
  g_assert_nonnull (r->detail);
}

static void
test_not_an_address (void)
{
  g_autoptr(CiroConnectionResult) r = check ("ftp://example.com/api", "key", "secret");
  g_autoptr(CiroConnectionResult) r2 = check ("", "key", "secret");

  g_assert_cmpint (r->outcome, ==, CIRO_CONNECTION_UNREACHABLE);
  g_assert_nonnull (strstr (r->message, "ftp://example.com/api"));
  g_assert_cmpint (r2->outcome, ==, CIRO_CONNECTION_UNREACHABLE);
}

static void
test_server_errors (void)
{
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", NULL);
  g_autofree char *wrong_path = g_strconcat (ciro_mock_get_url (mock), "/v9", NULL);
  g_autoptr(CiroConnectionResult) r = NULL;
  g_autoptr(CiroConnectionResult) r2 = NULL;
  g_autoptr(CiroConnectionResult) r3 = NULL;

  /* 5xx on both tries */
  ciro_mock_add_fault (mock, 1, CIRO_FAULT_500);
  ciro_mock_add_fault (mock, 2, CIRO_FAULT_503);
  r = check (ciro_mock_get_url (mock), "key", "secret");
  g_assert_cmpint (r->outcome, ==, CIRO_CONNECTION_SERVER_ERROR);
  g_assert_nonnull (strstr (r->detail, "503"));

  /* a page that is not JSON twice, on the orders GET */
  ciro_mock_add_fault (mock, 4, CIRO_FAULT_BAD_JSON);
  ciro_mock_add_fault (mock, 5, CIRO_FAULT_BAD_JSON);
  r2 = check (ciro_mock_get_url (mock), "key", "secret");
  g_assert_cmpint (r2->outcome, ==, CIRO_CONNECTION_SERVER_ERROR);

  /* 404: the address is not the API's */
  r3 = check (wrong_path, "key", "secret");
  g_assert_cmpint (r3->outcome, ==, CIRO_CONNECTION_SERVER_ERROR);
  g_assert_nonnull (strstr (r3->detail, "404"));
}

static void
tls_handler (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query, gpointer data)
{
  static const char body[] = "{\"page\": 1, \"size\": 1, \"total_elements\": 5, \"data\": []}";
  guint *hits = data;

  (*hits)++;
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, sizeof body - 1);
}

static void
tls_self_signed (void)
{
  g_autofree char *pem = g_test_build_filename (G_TEST_DIST, "data", "self-signed.pem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autofree char *url = NULL;
  g_autoptr(CiroConnectionResult) r = NULL;
  GSList *uris;
  guint hits = 0;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("GLib has no TLS backend (glib-networking is not installed)");
      return;
    }
  cert = g_tls_certificate_new_from_file (pem, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", cert, NULL);
  soup_server_add_handler (server, "/api", tls_handler, &hits, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d/api", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  r = check (url, "key", "secret");
  g_assert_cmpint (r->outcome, ==, CIRO_CONNECTION_TLS_ERROR);
  g_assert_cmpint (r->products, ==, -1);
  /* the request never reached the handler: credentials were not sent */
  g_assert_cmpuint (hits, ==, 0);
  soup_server_disconnect (server);
}

/* GCC 12's LeakSanitizer crashes at exit on the dynamic TLS of the
 * dlopen'd GnuTLS module; under ASan the check runs in a child that looks
 * for memory errors but not for leaks (every other test checks leaks). */
static void
test_tls_self_signed (void)
{
#ifdef __SANITIZE_ADDRESS__
  if (!g_test_subprocess ())
    {
      const char *asan = g_getenv ("ASAN_OPTIONS");
      g_autofree char *opts = g_strconcat (asan ? asan : "", asan && *asan ? ":" : "", "detect_leaks=0", NULL);
      g_setenv ("ASAN_OPTIONS", opts, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
#endif
  tls_self_signed ();
}

static void
got_cancelled (GObject *source, GAsyncResult *result, gpointer data)
{
  GError **out = data;
  CiroConnectionResult *r = ciro_sentos_test_connection_finish (result, out);

  g_assert_null (r);
  g_assert_nonnull (*out);
}

static void
test_cancel (void)
{
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GError *error = NULL;

  /* the server never answers: only cancelling ends the test */
  ciro_mock_add_fault (mock, 1, CIRO_FAULT_STALL);
  ciro_sentos_test_connection_async (ciro_mock_get_url (mock), "key", "secret", NULL, cancellable,
                                     got_cancelled, &error);
  while (ciro_mock_get_requests (mock) < 1)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_error_free (error);
}

int
main (int argc, char *argv[])
{
  CiroDemoOptions o;
  int rc;

  g_test_init (&argc, &argv, NULL);
  ciro_demo_options_init (&o);
  o.n_orders = 1500;
  o.n_products = 37;
  o.n_days = 120;
  /* ending yesterday: every order placed, whatever the time of day (a
   * store ending today holds only the orders placed so far) */
  o.end_day = ciro_today () - 1;
  demo = ciro_demo_new (&o);

  g_test_add_func ("/connection/ok-with-counts", test_ok_with_counts);
  g_test_add_func ("/connection/bad-credentials", test_bad_credentials);
  g_test_add_func ("/connection/closed-port", test_closed_port);
  g_test_add_func ("/connection/not-an-address", test_not_an_address);
  g_test_add_func ("/connection/server-errors", test_server_errors);
  g_test_add_func ("/connection/tls-self-signed", test_tls_self_signed);
  g_test_add_func ("/connection/cancel", test_cancel);
  rc = g_test_run ();
  ciro_demo_free (demo);
  return rc;
}
