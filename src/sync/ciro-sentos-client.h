/* ciro-sentos-client.h: GET requests to the Sentos API, politely, surviving its faults
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ciro-sentos-parse.h"

G_BEGIN_DECLS

#define CIRO_TYPE_SENTOS_CLIENT (ciro_sentos_client_get_type ())
G_DECLARE_FINAL_TYPE (CiroSentosClient, ciro_sentos_client, CIRO, SENTOS_CLIENT, GObject)

typedef struct {
  guint pause_ms;            /* between two requests; default 1000 */
  guint retry_base_ms;       /* first back-off; doubles each try; default 2000 */
  guint retry_cap_ms;        /* largest back-off; default 32000 */
  guint max_tries;           /* default 5 */
  guint timeout_s;           /* silence on the connection; default 60 */
  guint same_url_window_ms;  /* the same URL at most twice in this window; default 60000 */
  /* A whole answer, from sending the request to its last byte: a server
   * that trickles a byte now and then never trips timeout_s. On expiry the
   * request is retried like any timeout. Default 180000 (3 minutes). */
  guint deadline_ms;
  /* A page's body after gzip/deflate is undone; a bigger one is refused
   * (not retried) as a bad page. Default CIRO_SENTOS_MAX_BODY. */
  gsize max_body_bytes;
  /* Elements in a page's list; more is refused as a bad page. Default
   * CIRO_SENTOS_MAX_PAGE_RECORDS. */
  guint max_page_records;
} CiroSentosTiming;

#define CIRO_SENTOS_DEADLINE_MS      (180 * 1000)
#define CIRO_SENTOS_MAX_BODY         ((gsize) 32 * 1024 * 1024)
#define CIRO_SENTOS_MAX_PAGE_RECORDS 1000

void              ciro_sentos_timing_init      (CiroSentosTiming *timing);

/* The address Ciro talks to, trimmed and without trailing slashes; NULL
 * with a G_IO_ERROR_INVALID_ARGUMENT in one line otherwise: only https://,
 * or http:// to this computer (127.0.0.0/8, ::1, localhost: the mock and
 * tests), with a host, and without a user name or password in it (the
 * message never repeats those). */
char             *ciro_sentos_check_url        (const char             *api_url,
                                                GError                **error);

/* base_url like "https://firma.sentos.com.tr/api"; Basic auth with key:secret.
 * A base_url that ciro_sentos_check_url() refuses makes every request fail
 * at once with its reason, nothing sent. */
CiroSentosClient *ciro_sentos_client_new       (const char             *base_url,
                                                const char             *key,
                                                const char             *secret,
                                                const CiroSentosTiming *timing);

/* GET base_url + path + "?" + query, read as a page of `resource`; retried
 * on 429, 5xx, timeouts, cut connections and bodies that are not JSON;
 * 401/403 fail at once with CIRO_SYNC_ERROR_AUTH. Runs on the
 * thread-default main context; the page is read in a worker thread. */
void              ciro_sentos_client_get_async  (CiroSentosClient    *self,
                                                 const char          *path,
                                                 const char          *query,
                                                 CiroSentosResource   resource,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
CiroSentosPage   *ciro_sentos_client_get_finish (CiroSentosClient *self,
                                                 GAsyncResult     *result,
                                                 GError          **error);

/* Retries made so far, over every request. */
guint             ciro_sentos_client_get_retries (CiroSentosClient *self);
guint             ciro_sentos_client_get_requests (CiroSentosClient *self);

G_END_DECLS
