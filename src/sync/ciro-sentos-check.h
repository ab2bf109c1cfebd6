/* ciro-sentos-check.h: "Test Connection" — can Ciro read this tenant's data?
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sync/ciro-sentos-client.h"

G_BEGIN_DECLS

typedef enum {
  CIRO_CONNECTION_OK,
  CIRO_CONNECTION_BAD_CREDENTIALS,  /* 401 / 403 */
  CIRO_CONNECTION_UNREACHABLE,      /* refused, no such host, timed out, not an address */
  CIRO_CONNECTION_TLS_ERROR,        /* the certificate was refused */
  CIRO_CONNECTION_SERVER_ERROR,     /* 5xx, other HTTP errors, answers that are not Sentos JSON */
} CiroConnectionOutcome;

typedef struct {
  CiroConnectionOutcome outcome;
  gint64  products;   /* the tenant's totals from the envelopes; -1 when not told */
  gint64  orders;
  char   *message;    /* translated, for people: what happened and what to do */
  char   *detail;     /* the underlying error, or NULL */
} CiroConnectionResult;

void ciro_connection_result_free (CiroConnectionResult *self);

/* One GET of the first page of products, then of orders, with few retries so
 * that the answer comes quickly. Every outcome is a result; only
 * cancelling gives an error (G_IO_ERROR_CANCELLED). `timing` may be NULL. */
void                  ciro_sentos_test_connection_async  (const char             *api_url,
                                                          const char             *key,
                                                          const char             *secret,
                                                          const CiroSentosTiming *timing,
                                                          GCancellable           *cancellable,
                                                          GAsyncReadyCallback     callback,
                                                          gpointer                user_data);
CiroConnectionResult *ciro_sentos_test_connection_finish (GAsyncResult  *result,
                                                          GError       **error);

/* The timing a connection test uses: 2 tries, short pauses, 15 s timeout. */
void                  ciro_sentos_test_timing_init       (CiroSentosTiming *timing);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroConnectionResult, ciro_connection_result_free)

G_END_DECLS
