/* ciro-mock.h: a loopback Sentos API serving the demo seller, with a fault plan
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ciro-demo.h"

G_BEGIN_DECLS

typedef enum {
  CIRO_FAULT_NONE,
  CIRO_FAULT_429,               /* Too Many Requests, no Retry-After */
  CIRO_FAULT_429_RETRY_AFTER,   /* Too Many Requests, Retry-After: 1 */
  CIRO_FAULT_500,
  CIRO_FAULT_502,
  CIRO_FAULT_503,
  CIRO_FAULT_STALL,             /* no answer until the client gives up */
  CIRO_FAULT_CUT,               /* the connection closes in the middle of the body */
  CIRO_FAULT_BAD_JSON,          /* a complete body that is not JSON */
  CIRO_FAULT_REPEAT_PAGE,       /* the previous page's records again (data changed mid-walk) */
  CIRO_FAULT_WRONG_TYPES,       /* one record with an unusable id, one with a price "abc" */
  CIRO_FAULT_TRUNCATED,         /* the real page cut in half, sent whole with 200 OK */
} CiroFault;

typedef struct _CiroMock CiroMock;

/* Listens on 127.0.0.1 on a free port, in the thread-default main context. */
CiroMock   *ciro_mock_new           (CiroDemo    *demo,
                                     const char  *key,
                                     const char  *secret,
                                     GError     **error);
void        ciro_mock_free          (CiroMock *self);
/* "http://127.0.0.1:PORT/api" */
const char *ciro_mock_get_url       (CiroMock *self);
/* The request numbered `n` (1-based, counting every request) gets `fault`. */
void        ciro_mock_add_fault     (CiroMock *self, guint n, CiroFault fault);
/* "7:429,9:cut,12:bad-json" — for ciro-cli and scripted tests. */
gboolean    ciro_mock_parse_faults  (CiroMock *self, const char *plan, GError **error);
guint       ciro_mock_get_requests  (CiroMock *self);
/* Records the mock served with an unusable id (never stored). */
guint       ciro_mock_get_broken    (CiroMock *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroMock, ciro_mock_free)

G_END_DECLS
