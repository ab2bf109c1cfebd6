/* ciro-sentos-client.c: GET requests to the Sentos API, politely, surviving its faults
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "core/ciro-error.h"
#include "ciro-sentos-client.h"
#include "ciro-task-source.h"

struct _CiroSentosClient
{
  GObject          parent_instance;

  SoupSession     *session;
  char            *base_url;
  GError          *bad_url;           /* why base_url is refused, if it is */
  char            *auth;
  CiroSentosTiming timing;
  gint64           last_request_end;  /* monotonic µs */
  GHashTable      *url_times;         /* URL → GArray of gint64 send times */
  guint            retries;
  guint            requests;
};

G_DEFINE_FINAL_TYPE (CiroSentosClient, ciro_sentos_client, G_TYPE_OBJECT)

void
ciro_sentos_timing_init (CiroSentosTiming *t)
{
  t->pause_ms = 1000;
  t->retry_base_ms = 2000;
  t->retry_cap_ms = 32000;
  t->max_tries = 5;
  t->timeout_s = 60;
  t->same_url_window_ms = 60000;
  t->deadline_ms = CIRO_SENTOS_DEADLINE_MS;
  t->max_body_bytes = CIRO_SENTOS_MAX_BODY;
  t->max_page_records = CIRO_SENTOS_MAX_PAGE_RECORDS;
}

static gboolean
is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

char *
ciro_sentos_check_url (const char *api_url, GError **error)
{
  g_autofree char *url = g_strstrip (g_strdup (api_url ? api_url : ""));
  g_autoptr(GUri) uri = NULL;
  const char *scheme, *host;
  gsize len;

  len = strlen (url);
  while (len > 0 && url[len - 1] == '/')
    url[--len] = '\0';
  if (*url != '\0')
    uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD, NULL);
  if (uri != NULL && (g_uri_get_user (uri) != NULL || g_uri_get_password (uri) != NULL))
    {
      /* said without what came before the @, so that a password is not
       * repeated in a terminal, a log or the sync history */
      g_autofree char *shown = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” must not carry a user name or password: give the address alone, the API key and secret "
                     "are asked for separately"), shown);
      return NULL;
    }
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0) ||
      host == NULL || *host == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a web address like https://firma.sentos.com.tr/api"), url);
      return NULL;
    }
  if (g_str_equal (scheme, "http") && !is_loopback (host))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not encrypted: Sentos is reached over https:// (http:// only to this computer)"), url);
      return NULL;
    }
  return g_steal_pointer (&url);
}

static void
ciro_sentos_client_finalize (GObject *object)
{
  CiroSentosClient *self = CIRO_SENTOS_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->url_times, g_hash_table_unref);
  g_free (self->base_url);
  g_free (self->auth);
  g_clear_error (&self->bad_url);
  G_OBJECT_CLASS (ciro_sentos_client_parent_class)->finalize (object);
}

static void
ciro_sentos_client_class_init (CiroSentosClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ciro_sentos_client_finalize;
}

static void
ciro_sentos_client_init (CiroSentosClient *self)
{
  self->url_times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
}

CiroSentosClient *
ciro_sentos_client_new (const char             *base_url,
                        const char             *key,
                        const char             *secret,
                        const CiroSentosTiming *timing)
{
  CiroSentosClient *self = g_object_new (CIRO_TYPE_SENTOS_CLIENT, NULL);
  g_autofree char *pair = g_strdup_printf ("%s:%s", key ? key : "", secret ? secret : "");
  g_autofree char *b64 = g_base64_encode ((const guchar *) pair, strlen (pair));

  self->base_url = ciro_sentos_check_url (base_url, &self->bad_url);
  if (self->base_url == NULL)
    self->base_url = g_strdup ("");
  self->auth = g_strdup_printf ("Basic %s", b64);
  if (timing)
    self->timing = *timing;
  else
    ciro_sentos_timing_init (&self->timing);
  if (self->timing.max_tries == 0)
    self->timing.max_tries = 1;
  if (self->timing.deadline_ms == 0)
    self->timing.deadline_ms = CIRO_SENTOS_DEADLINE_MS;
  if (self->timing.max_body_bytes == 0)
    self->timing.max_body_bytes = CIRO_SENTOS_MAX_BODY;
  if (self->timing.max_page_records == 0)
    self->timing.max_page_records = CIRO_SENTOS_MAX_PAGE_RECORDS;
  /* TLS certificates are verified (libsoup's default, never turned off). */
  self->session = soup_session_new_with_options ("timeout", self->timing.timeout_s,
                                                 "idle-timeout", 30,
                                                 "max-conns-per-host", 1,
                                                 NULL);
  return self;
}

guint
ciro_sentos_client_get_retries (CiroSentosClient *self)
{
  return self->retries;
}

guint
ciro_sentos_client_get_requests (CiroSentosClient *self)
{
  return self->requests;
}

/* ---------------------------------------------------------- one request */

typedef struct {
  CiroSentosClient *client;
  char             *url;
  guint             attempt;
  guint             retry_after_ms;
  char             *last_problem;
  GSource          *timeout_source;
  gint64            wake_at;      /* monotonic µs */
  CiroSentosResource resource;
  /* the attempt under way */
  SoupMessage      *msg;
  GInputStream     *stream;
  GByteArray       *body;
  GCancellable     *this_try;     /* cancelled by the caller's cancellable or the deadline */
  gulong            forward_id;
  GSource          *deadline_source;
  gboolean          deadline_passed;
} Request;

static void end_attempt (GTask *task);

static void
request_free (Request *r)
{
  ciro_task_source_clear (&r->timeout_source);
  g_assert (r->this_try == NULL);
  g_object_unref (r->client);
  g_free (r->url);
  g_free (r->last_problem);
  g_free (r);
}

static void send_now (GTask *task);

/* Milliseconds to wait so that this URL is not asked for a third time
 * within the window, and the pause since the last request has passed. */
static guint
polite_delay_ms (CiroSentosClient *self, const char *url)
{
  gint64 now = g_get_monotonic_time ();
  gint64 wait = 0;
  GArray *times = g_hash_table_lookup (self->url_times, url);

  if (self->last_request_end > 0)
    wait = MAX (wait, self->last_request_end + (gint64) self->timing.pause_ms * 1000 - now);
  if (times != NULL && times->len >= 2)
    {
      gint64 second_last = g_array_index (times, gint64, times->len - 2);
      wait = MAX (wait, second_last + (gint64) self->timing.same_url_window_ms * 1000 - now);
    }
  return wait > 0 ? (guint) ((wait + 999) / 1000) : 0;
}

static void
note_sent (CiroSentosClient *self, const char *url)
{
  GArray *times = g_hash_table_lookup (self->url_times, url);
  gint64 now = g_get_monotonic_time ();

  if (times == NULL)
    {
      times = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (self->url_times, g_strdup (url), times);
    }
  g_array_append_val (times, now);
  if (times->len > 2)
    g_array_remove_index (times, 0);
  self->requests++;
}

/* Waits in short steps so that a cancel during a long back-off is seen at once. */
static gboolean
delayed_send (gpointer data)
{
  GTask *task = data;
  Request *r = g_task_get_task_data (task);

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (task)) && g_get_monotonic_time () < r->wake_at)
    return G_SOURCE_CONTINUE;
  ciro_task_source_forget (&r->timeout_source);
  send_now (task);
  return G_SOURCE_REMOVE;
}

static void
schedule (GTask *task, guint delay_ms)
{
  Request *r = g_task_get_task_data (task);

  if (delay_ms == 0)
    {
      send_now (task);
      return;
    }
  r->wake_at = g_get_monotonic_time () + (gint64) delay_ms * 1000;
  r->timeout_source = ciro_task_timeout (task, MIN (delay_ms, 100), delayed_send, task, NULL);
}

/* Connection failures that mean the server cannot be reached at all. */
static gboolean
is_unreachable (const GError *error)
{
  return error->domain == G_RESOLVER_ERROR ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
}

/* A transient failure: try again after the back-off, or give up with `code`. */
static void
retry_or_fail (GTask *task, const char *problem, CiroSyncError code)
{
  Request *r = g_task_get_task_data (task);
  CiroSentosClient *self = r->client;
  guint backoff;

  g_free (r->last_problem);
  r->last_problem = g_strdup (problem);
  self->last_request_end = g_get_monotonic_time ();
  if (r->attempt >= self->timing.max_tries)
    {
      g_task_return_new_error (task, CIRO_SYNC_ERROR, code,
                               _("Sentos did not answer properly after %u tries: %s"), r->attempt, problem);
      g_object_unref (task);
      return;
    }
  backoff = self->timing.retry_base_ms;
  for (guint i = 1; i < r->attempt && backoff < self->timing.retry_cap_ms; i++)
    backoff *= 2;
  backoff = MIN (backoff, self->timing.retry_cap_ms);
  backoff = MAX (backoff, r->retry_after_ms);
  self->retries++;
  g_debug ("retrying %s in %u ms after: %s", r->url, backoff, problem);
  schedule (task, MAX (backoff, polite_delay_ms (self, r->url)));
}

typedef struct {
  GBytes            *body;
  CiroSentosResource resource;
  guint              max_records;
} Body;

static void
body_free (Body *b)
{
  g_bytes_unref (b->body);
  g_free (b);
}

static void
parse_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Body *b = task_data;
  GError *error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (b->body, &len);
  CiroSentosPage *page = ciro_sentos_page_parse_bounded (data, len, b->resource, b->max_records, &error);

  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, page, (GDestroyNotify) ciro_sentos_page_free);
}

static void
parsed (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  Request *r = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CiroSentosPage *page = g_task_propagate_pointer (G_TASK (result), &error);

  if (page == NULL && g_error_matches (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_TOO_MANY))
    {
      /* the same page would come back as big: not tried again */
      g_task_return_new_error (task, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_BAD_PAGE,
                               _("Sentos sent a page of more than %u records; Ciro refused it"),
                               r->client->timing.max_page_records);
      g_object_unref (task);
      return;
    }
  if (page == NULL)
    {
      g_autofree char *problem = g_strdup_printf (_("the answer is not JSON (%s)"),
                                                  error ? error->message : _("empty"));
      retry_or_fail (task, problem, CIRO_SYNC_ERROR_NETWORK);
      return;
    }
  g_task_return_pointer (task, page, (GDestroyNotify) ciro_sentos_page_free);
  g_object_unref (task);
}

/* ---------------------------------------------------------- one attempt */

static void
forward_cancel (GCancellable *outer, gpointer data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
}

static gboolean
deadline_passed (gpointer data)
{
  GTask *task = data;
  Request *r = g_task_get_task_data (task);

  ciro_task_source_forget (&r->deadline_source);
  r->deadline_passed = TRUE;
  g_cancellable_cancel (r->this_try);
  return G_SOURCE_REMOVE;
}

static void
begin_attempt (GTask *task)
{
  Request *r = g_task_get_task_data (task);
  GCancellable *outer = g_task_get_cancellable (task);

  r->this_try = g_cancellable_new ();
  r->deadline_passed = FALSE;
  if (outer != NULL)
    r->forward_id = g_cancellable_connect (outer, G_CALLBACK (forward_cancel), g_object_ref (r->this_try),
                                           g_object_unref);
  r->deadline_source = ciro_task_timeout (task, r->client->timing.deadline_ms, deadline_passed, task, NULL);
}

static void
end_attempt (GTask *task)
{
  Request *r = g_task_get_task_data (task);

  ciro_task_source_clear (&r->deadline_source);
  if (r->forward_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), r->forward_id);
  r->forward_id = 0;
  g_clear_object (&r->this_try);
  g_clear_object (&r->stream);
  g_clear_object (&r->msg);
  g_clear_pointer (&r->body, g_byte_array_unref);
}

/* An attempt that ended with `error` (and without an answer to read). */
static void
attempt_failed (GTask *task, GError *error)
{
  Request *r = g_task_get_task_data (task);
  CiroSentosClient *self = r->client;
  gboolean late = r->deadline_passed;

  end_attempt (task);
  self->last_request_end = g_get_monotonic_time ();
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && late &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      /* a server that trickles its answer: a timeout like any other */
      guint seconds = (self->timing.deadline_ms + 999) / 1000;
      g_autofree char *problem = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "no complete answer within %u second",
                                                               "no complete answer within %u seconds", seconds),
                                                  seconds);
      retry_or_fail (task, problem, CIRO_SYNC_ERROR_UNREACHABLE);
      g_error_free (error);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (error->domain == G_TLS_ERROR)
    {
      g_task_return_new_error (task, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_TLS,
                               _("The secure connection to Sentos failed: %s"), error->message);
      g_error_free (error);
      g_object_unref (task);
      return;
    }
  retry_or_fail (task, error->message,
                 is_unreachable (error) ? CIRO_SYNC_ERROR_UNREACHABLE : CIRO_SYNC_ERROR_NETWORK);
  g_error_free (error);
}

static void read_more (GTask *task);

static void
body_read (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  Request *r = g_task_get_task_data (task);
  CiroSentosClient *self = r->client;
  GError *error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (chunk == NULL)
    {
      attempt_failed (task, error);
      return;
    }
  if (g_bytes_get_size (chunk) > 0)
    {
      if (r->body->len + g_bytes_get_size (chunk) > self->timing.max_body_bytes)
        {
          /* read no further: a gzip bomb is never inflated past the bound */
          end_attempt (task);
          self->last_request_end = g_get_monotonic_time ();
          g_task_return_new_error (task, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_BAD_PAGE,
                                   _("Sentos sent a page larger than %u MB; Ciro refused it"),
                                   (guint) MAX (1, self->timing.max_body_bytes / (1024 * 1024)));
          g_object_unref (task);
          return;
        }
      g_byte_array_append (r->body, g_bytes_get_data (chunk, NULL), (guint) g_bytes_get_size (chunk));
      read_more (task);
      return;
    }

  /* the whole answer is in */
  {
    GTask *parse = g_task_new (NULL, g_task_get_cancellable (task), parsed, task);
    Body *b = g_new0 (Body, 1);
    b->body = g_byte_array_free_to_bytes (g_steal_pointer (&r->body));
    b->resource = r->resource;
    b->max_records = self->timing.max_page_records;
    end_attempt (task);
    self->last_request_end = g_get_monotonic_time ();
    g_task_set_task_data (parse, b, (GDestroyNotify) body_free);
    g_task_run_in_thread (parse, parse_thread);
    g_object_unref (parse);
  }
}

static void
read_more (GTask *task)
{
  Request *r = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (r->stream, 64 * 1024, G_PRIORITY_DEFAULT, r->this_try, body_read, task);
}

static void
received (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  Request *r = g_task_get_task_data (task);
  CiroSentosClient *self = r->client;
  GError *error = NULL;
  GInputStream *stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  SoupMessage *msg = r->msg;
  guint status;

  if (stream == NULL)
    {
      attempt_failed (task, error);
      return;
    }
  r->stream = stream;
  status = soup_message_get_status (msg);
  r->retry_after_ms = 0;
  if (status == 200)
    {
      r->body = g_byte_array_new ();
      read_more (task);
      return;
    }

  /* nothing of another answer is read */
  self->last_request_end = g_get_monotonic_time ();
  if (status == 401 || status == 403)
    {
      end_attempt (task);
      g_task_return_new_error (task, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_AUTH,
                               _("Sentos refused the credentials (HTTP %u): check your API key and secret"), status);
      g_object_unref (task);
      return;
    }
  if (status == 429 || status == 408 || (status >= 500 && status < 600))
    {
      g_autofree char *problem = g_strdup_printf ("HTTP %u %s", status, soup_message_get_reason_phrase (msg));
      const char *ra = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
      guint64 secs;
      if (ra != NULL && g_ascii_string_to_unsigned (ra, 10, 0, 3600, &secs, NULL))
        r->retry_after_ms = (guint) secs * 1000;
      end_attempt (task);
      retry_or_fail (task, problem, CIRO_SYNC_ERROR_NETWORK);
      return;
    }
  {
    g_autofree char *reason = g_strdup (soup_message_get_reason_phrase (msg));
    end_attempt (task);
    g_task_return_new_error (task, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_HTTP,
                             _("Sentos answered HTTP %u %s for %s"), status, reason, r->url);
    g_object_unref (task);
  }
}

static void
send_now (GTask *task)
{
  Request *r = g_task_get_task_data (task);
  CiroSentosClient *self = r->client;
  guint delay;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  delay = polite_delay_ms (self, r->url);
  if (delay > 0)
    {
      schedule (task, delay);
      return;
    }
  /* Ciro only ever reads from Sentos: this is the one place a request is
   * made, and it is a GET. */
  r->msg = soup_message_new (SOUP_METHOD_GET, r->url);
  if (r->msg == NULL)
    {
      g_task_return_new_error (task, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_FAILED,
                               _("“%s” is not a valid address"), r->url);
      g_object_unref (task);
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (r->msg), "Accept", "application/json");
  soup_message_headers_replace (soup_message_get_request_headers (r->msg), "Authorization", self->auth);
  r->attempt++;
  note_sent (self, r->url);
  begin_attempt (task);
  soup_session_send_async (self->session, r->msg, G_PRIORITY_DEFAULT, r->this_try, received, task);
}

void
ciro_sentos_client_get_async (CiroSentosClient    *self,
                              const char          *path,
                              const char          *query,
                              CiroSentosResource   resource,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *r = g_new0 (Request, 1);

  g_return_if_fail (CIRO_IS_SENTOS_CLIENT (self));

  r->client = g_object_ref (self);
  r->resource = resource;
  r->url = query && *query ? g_strdup_printf ("%s%s?%s", self->base_url, path, query)
                           : g_strconcat (self->base_url, path, NULL);
  g_task_set_task_data (task, r, (GDestroyNotify) request_free);
  if (self->bad_url != NULL)
    {
      g_task_return_error (task, g_error_new_literal (CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_FAILED,
                                                      self->bad_url->message));
      g_object_unref (task);
      return;
    }
  send_now (task);
}

CiroSentosPage *
ciro_sentos_client_get_finish (CiroSentosClient *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
