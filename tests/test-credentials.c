/* test-credentials.c: Sentos credentials in a real Secret Service
 *
 * Run through keyring-session.sh, which gives the test a private D-Bus
 * session with its own unlocked gnome-keyring; skipped, saying why, only when
 * that service could not be started.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "core/ciro-date.h"
#include "demo/ciro-demo.h"
#include "demo/ciro-mock.h"
#include "store/ciro-settings.h"
#include "store/ciro-store.h"
#include "sync/ciro-credentials.h"

static char *dir;

static gboolean
keyring_or_skip (void)
{
  const char *state = g_getenv ("CIRO_TEST_KEYRING");

  if (g_strcmp0 (state, "private") == 0)
    return TRUE;
  if (state == NULL)
    g_test_skip ("not on a private keyring session: run through tests/keyring-session.sh "
                 "(the test never touches your own keyring)");
  else
    g_test_skip (state);
  return FALSE;
}

static void
test_validation (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = ciro_credentials_normalize_url ("  https://firma.sentos.com.tr/api// ", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "https://firma.sentos.com.tr/api");
  g_assert_null (ciro_credentials_normalize_url ("firma.sentos.com.tr", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (ciro_credentials_normalize_url ("ftp://x/api", NULL));
  g_assert_null (ciro_credentials_normalize_url ("https://user:pw@x/api", NULL));
  g_assert_null (ciro_credentials_normalize_url ("", NULL));
  g_assert_true (ciro_credentials_validate ("k", "s", NULL));
  g_assert_false (ciro_credentials_validate ("k:x", "s", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (ciro_credentials_validate ("", "s", NULL));
  g_assert_false (ciro_credentials_validate ("k", "", NULL));
}

static void
test_sync_round_trip (void)
{
  const char *url = "https://magaza.sentos.com.tr/api/";
  const char *secret = "s3cr:et with ü and spaces ";
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroCredentials) c = NULL;
  g_autoptr(CiroCredentials) other = NULL;
  g_autoptr(CiroCredentials) again = NULL;
  g_autoptr(CiroCredentials) gone = NULL;

  if (!keyring_or_skip ())
    return;
  g_assert_true (ciro_credentials_store_sync (url, "api-key-1", secret, NULL, &error));
  g_assert_no_error (error);
  /* found under the normalised address, with the secret intact */
  c = ciro_credentials_lookup_sync ("https://magaza.sentos.com.tr/api", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (c);
  g_assert_cmpstr (c->key, ==, "api-key-1");
  g_assert_cmpstr (c->secret, ==, secret);
  g_assert_cmpstr (c->api_url, ==, "https://magaza.sentos.com.tr/api");
  /* another tenant's address has nothing */
  other = ciro_credentials_lookup_sync ("https://baska.sentos.com.tr/api", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (other);
  /* storing again replaces */
  g_assert_true (ciro_credentials_store_sync (url, "api-key-2", "new", NULL, &error));
  again = ciro_credentials_lookup_sync (url, NULL, &error);
  g_assert_cmpstr (again->key, ==, "api-key-2");
  g_assert_cmpstr (again->secret, ==, "new");
  /* clear removes it, and clearing nothing is not an error */
  g_assert_true (ciro_credentials_clear_sync (url, NULL, &error));
  g_assert_no_error (error);
  gone = ciro_credentials_lookup_sync (url, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (gone);
  g_assert_true (ciro_credentials_clear_sync (url, NULL, &error));
  g_assert_no_error (error);
  /* refused input never reaches the keyring */
  g_assert_false (ciro_credentials_store_sync (url, "a:b", "s", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

typedef struct {
  gboolean         done;
  gboolean         ok;
  CiroCredentials *creds;
  GError          *error;
} Wait;

static void
store_done (GObject *s, GAsyncResult *r, gpointer d)
{
  Wait *w = d;
  w->ok = ciro_credentials_store_finish (r, &w->error);
  w->done = TRUE;
}

static void
lookup_done (GObject *s, GAsyncResult *r, gpointer d)
{
  Wait *w = d;
  w->creds = ciro_credentials_lookup_finish (r, &w->error);
  w->done = TRUE;
}

static void
clear_done (GObject *s, GAsyncResult *r, gpointer d)
{
  Wait *w = d;
  w->ok = ciro_credentials_clear_finish (r, &w->error);
  w->done = TRUE;
}

static void
wait_for (Wait *w)
{
  while (!w->done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (w->error);
}

static char *
file_contents (const char *path)
{
  char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return g_strdup ("");
  /* SQLite pages hold NULs: make the bytes searchable as text */
  for (gsize i = 0; i < len; i++)
    if (data[i] == '\0')
      data[i] = '\n';
  return data;
}

static void
test_async_round_trip_and_store_file (void)
{
  const char *secret = "only-in-the-keyring-7f3a";
  g_autofree char *db = g_build_filename (dir, "creds.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autoptr(CiroStore) store = NULL;
  g_autofree char *url = NULL;
  Wait s = { 0 }, l = { 0 }, c = { 0 }, l2 = { 0 };

  if (!keyring_or_skip ())
    return;
  /* what the window does: the address in the store, the pair in the keyring */
  store = ciro_store_open (db, NULL);
  g_assert_true (ciro_store_set_setting (store, CIRO_SETTING_API_URL, "http://127.0.0.1:9/api", NULL));
  url = ciro_store_get_setting (store, CIRO_SETTING_API_URL);
  ciro_credentials_store_async (url, "kk", secret, NULL, store_done, &s);
  wait_for (&s);
  g_assert_true (s.ok);
  ciro_credentials_lookup_async (url, NULL, lookup_done, &l);
  wait_for (&l);
  g_assert_nonnull (l.creds);
  g_assert_cmpstr (l.creds->key, ==, "kk");
  g_assert_cmpstr (l.creds->secret, ==, secret);
  ciro_credentials_free (l.creds);

  {
    g_autofree char *a = file_contents (db);
    g_autofree char *b = file_contents (wal);
    g_assert_nonnull (strstr (a, "127.0.0.1:9") ? a : strstr (b, "127.0.0.1:9"));
    g_assert_null (strstr (a, secret));
    g_assert_null (strstr (b, secret));
  }

  ciro_credentials_clear_async (url, NULL, clear_done, &c);
  wait_for (&c);
  g_assert_true (c.ok);
  ciro_credentials_lookup_async (url, NULL, lookup_done, &l2);
  wait_for (&l2);
  g_assert_null (l2.creds);
}

/* ---------------------------------------------- ciro-cli sync and the keyring */

typedef struct {
  gboolean done;
  char    *out;
  char    *err;
} Run;

static void
communicated (GObject *source, GAsyncResult *result, gpointer data)
{
  Run *r = data;
  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &r->out, &r->err, NULL);
  r->done = TRUE;
}

/* ciro-cli with no credentials in its environment, while this process
 * serves the mock. */
static int
cli_sync (const char *db, const char *url, Run *r)
{
  g_autoptr(GSubprocessLauncher) l = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                 G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) p = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_unsetenv (l, "SENTOS_API_KEY");
  g_subprocess_launcher_unsetenv (l, "SENTOS_API_SECRET");
  g_subprocess_launcher_unsetenv (l, "SENTOS_API_URL");
  g_subprocess_launcher_setenv (l, "CIRO_SYNC_PAUSE_MS", "0", TRUE);
  g_subprocess_launcher_setenv (l, "CIRO_SYNC_SAME_URL_MS", "0", TRUE);
  p = g_subprocess_launcher_spawn (l, &error, g_getenv ("CIRO_CLI"), "--db", db, "sync", "--api-url", url,
                                   "--from", "2026-11-01", "--to", "2026-11-20", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (p, NULL, NULL, communicated, r);
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_wait (p, NULL, NULL);
  return g_subprocess_get_if_exited (p) ? g_subprocess_get_exit_status (p) : -1;
}

static void
test_cli_uses_keyring (void)
{
  g_autoptr(CiroDemo) demo = NULL;
  g_autoptr(CiroMock) mock = NULL;
  g_autofree char *db = g_build_filename (dir, "cli.db", NULL);
  CiroDemoOptions o;
  Run none = { 0 }, ok = { 0 };
  int status;
  guint expected = 0;

  if (!keyring_or_skip ())
    return;
  if (g_getenv ("CIRO_CLI") == NULL)
    {
      g_test_skip ("CIRO_CLI is not set");
      return;
    }
  ciro_demo_options_init (&o);
  o.n_orders = 800;
  o.n_products = 20;
  o.n_days = 60;
  o.end_day = ciro_day_from_ymd (2026, 11, 20);
  demo = ciro_demo_new (&o);
  mock = ciro_mock_new (demo, "cli-key", "cli-secret", NULL);

  /* nothing in the environment nor the keyring: exit 3, one clear line */
  status = cli_sync (db, ciro_mock_get_url (mock), &none);
  g_assert_cmpint (status, ==, 3);
  g_assert_nonnull (strstr (none.err, "SENTOS_API_KEY"));
  g_assert_nonnull (strstr (none.err, ciro_mock_get_url (mock)));
  g_assert_cmpuint (ciro_mock_get_requests (mock), ==, 0);

  /* the window saved them: the same command now syncs */
  g_assert_true (ciro_credentials_store_sync (ciro_mock_get_url (mock), "cli-key", "cli-secret", NULL, NULL));
  status = cli_sync (db, ciro_mock_get_url (mock), &ok);
  if (status != 0)
    g_error ("ciro-cli sync failed: %s", ok.err);
  for (CiroDay d = ciro_day_from_ymd (2026, 11, 1); d <= ciro_day_from_ymd (2026, 11, 20); d++)
    expected += ciro_demo_n_orders_on (demo, d);
  {
    g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
    g_assert_cmpint (ciro_store_count_orders (store, NULL), ==, expected);
    g_assert_cmpint (ciro_store_count_products (store, NULL), >=, 20);
  }
  g_assert_null (strstr (ok.err, "cli-secret"));
  g_assert_null (strstr (ok.out, "cli-secret"));
  g_assert_true (ciro_credentials_clear_sync (ciro_mock_get_url (mock), NULL, NULL));
  g_free (none.out);
  g_free (none.err);
  g_free (ok.out);
  g_free (ok.err);
}

int
main (int argc, char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("ciro-creds-XXXXXX", NULL);
  if (g_getenv ("CIRO_TEST_KEYRING") != NULL && g_strcmp0 (g_getenv ("CIRO_TEST_KEYRING"), "private") != 0)
    g_test_message ("%s", g_getenv ("CIRO_TEST_KEYRING"));

  g_test_add_func ("/credentials/validation", test_validation);
  g_test_add_func ("/credentials/sync-round-trip", test_sync_round_trip);
  g_test_add_func ("/credentials/async-round-trip-and-store-file", test_async_round_trip_and_store_file);
  g_test_add_func ("/credentials/cli-uses-keyring", test_cli_uses_keyring);
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
