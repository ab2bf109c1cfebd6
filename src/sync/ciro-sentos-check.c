/* ciro-sentos-check.c: "Test Connection" — can Ciro read this tenant's data?
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-money.h"
#include "sync/ciro-credentials.h"
#include "sync/ciro-sentos-parse.h"
#include "ciro-sentos-check.h"

void
ciro_connection_result_free (CiroConnectionResult *self)
{
  if (self == NULL)
    return;
  g_free (self->message);
  g_free (self->detail);
  g_free (self);
}

void
ciro_sentos_test_timing_init (CiroSentosTiming *t)
{
  ciro_sentos_timing_init (t);
  t->pause_ms = 200;
  t->retry_base_ms = 1000;
  t->retry_cap_ms = 2000;
  t->max_tries = 2;
  t->timeout_s = 15;
  /* someone is waiting: a trickling server is given up after two tries */
  t->deadline_ms = 30 * 1000;
}

typedef struct {
  CiroSentosClient     *client;
  CiroConnectionResult *result;
} Check;

static void
check_free (Check *c)
{
  g_clear_object (&c->client);
  ciro_connection_result_free (c->result);
  g_free (c);
}

static CiroConnectionResult *
result_new (CiroConnectionOutcome outcome, const char *detail)
{
  CiroConnectionResult *r = g_new0 (CiroConnectionResult, 1);
  r->outcome = outcome;
  r->products = r->orders = -1;
  r->detail = g_strdup (detail);
  return r;
}

static void
finish_with_error (GTask *task, const GError *error)
{
  Check *c = g_task_get_task_data (task);
  CiroConnectionOutcome outcome = CIRO_CONNECTION_SERVER_ERROR;
  const char *message;

  if (g_error_matches (error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_AUTH))
    outcome = CIRO_CONNECTION_BAD_CREDENTIALS;
  else if (g_error_matches (error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_TLS) || error->domain == G_TLS_ERROR)
    outcome = CIRO_CONNECTION_TLS_ERROR;
  else if (g_error_matches (error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_UNREACHABLE))
    outcome = CIRO_CONNECTION_UNREACHABLE;

  switch (outcome)
    {
    case CIRO_CONNECTION_BAD_CREDENTIALS:
      message = _("Sentos refused the API key and secret. Copy them again from the API page of your Sentos panel.");
      break;
    case CIRO_CONNECTION_TLS_ERROR:
      message = _("The server’s security certificate is not valid, so Ciro did not send your credentials. Check the API address.");
      break;
    case CIRO_CONNECTION_UNREACHABLE:
      message = _("Could not reach the server. Check the API address and your internet connection.");
      break;
    case CIRO_CONNECTION_SERVER_ERROR:
    case CIRO_CONNECTION_OK:
    default:
      message = _("The server answered, but not as Sentos does. Check the API address, or try again later.");
      break;
    }
  /* a failure on the orders page replaces the products page's result */
  g_clear_pointer (&c->result, ciro_connection_result_free);
  c->result = result_new (outcome, error->message);
  c->result->message = g_strdup (message);
  g_task_return_pointer (task, g_steal_pointer (&c->result), (GDestroyNotify) ciro_connection_result_free);
}

static gint64
total_of (CiroSentosPage *page, GError **error)
{
  if (!page->has_list)
    {
      g_set_error_literal (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_INVALID,
                           "The page has no list of records (data, orders, products or items)");
      return G_MININT64;
    }
  if (page->total_elements >= 0)
    return page->total_elements;
  /* pages of one record: as many pages as records */
  if (page->total_pages >= 0 && page->size == 1)
    return page->total_pages;
  return -1;
}

static void
orders_done (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr(GTask) task = data;
  Check *c = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroSentosPage) root = ciro_sentos_client_get_finish (CIRO_SENTOS_CLIENT (source), res, &error);
  g_autofree char *products = NULL, *orders = NULL;

  if (root == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        finish_with_error (task, error);
      return;
    }
  c->result->orders = total_of (root, &error);
  if (c->result->orders == G_MININT64)
    {
      finish_with_error (task, error);
      return;
    }
  if (c->result->products >= 0 && c->result->orders >= 0)
    {
      CiroNumberStyle style = ciro_number_style_from_locale ();
      g_autofree char *np = ciro_count_format (c->result->products, style);
      g_autofree char *no = ciro_count_format (c->result->orders, style);
      /* TRANSLATORS: %s is a number like 1,204 */
      products = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s product", "%s products",
                                               (gulong) c->result->products), np);
      orders = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s order", "%s orders",
                                             (gulong) c->result->orders), no);
      /* TRANSLATORS: “Connected: 412 products and 20,000 orders” */
      c->result->message = g_strdup_printf (_("Connected: Sentos has %s and %s."), products, orders);
    }
  else
    c->result->message = g_strdup (_("Connected: Ciro can read your products and orders."));
  g_task_return_pointer (task, g_steal_pointer (&c->result), (GDestroyNotify) ciro_connection_result_free);
}

static void
products_done (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr(GTask) task = data;
  Check *c = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroSentosPage) root = ciro_sentos_client_get_finish (CIRO_SENTOS_CLIENT (source), res, &error);

  if (root == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        finish_with_error (task, error);
      return;
    }
  c->result = result_new (CIRO_CONNECTION_OK, NULL);
  c->result->products = total_of (root, &error);
  if (c->result->products == G_MININT64)
    {
      finish_with_error (task, error);
      return;
    }
  {
    /* every order since 2000: the tenant's total, and an explicit window
     * for an API that wants one */
    char today[11];
    g_autofree char *query = g_strdup_printf ("page=1&size=1&start_date=2000-01-01&end_date=%s",
                                              ciro_day_format (ciro_today (), today));
    ciro_sentos_client_get_async (c->client, "/orders", query, CIRO_SENTOS_ORDERS, g_task_get_cancellable (task),
                                  orders_done, g_object_ref (task));
  }
}

void
ciro_sentos_test_connection_async (const char             *api_url,
                                   const char             *key,
                                   const char             *secret,
                                   const CiroSentosTiming *timing,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  CiroSentosTiming t;
  Check *c = g_new0 (Check, 1);

  g_task_set_source_tag (task, ciro_sentos_test_connection_async);
  g_task_set_task_data (task, c, (GDestroyNotify) check_free);
  if ((url = ciro_credentials_normalize_url (api_url, &error)) == NULL)
    {
      CiroConnectionResult *r = result_new (CIRO_CONNECTION_UNREACHABLE, error->message);
      r->message = g_strdup (error->message);
      g_task_return_pointer (task, r, (GDestroyNotify) ciro_connection_result_free);
      return;
    }
  if (timing != NULL)
    t = *timing;
  else
    ciro_sentos_test_timing_init (&t);
  c->client = ciro_sentos_client_new (url, key, secret, &t);
  ciro_sentos_client_get_async (c->client, "/products", "page=1&size=1", CIRO_SENTOS_PRODUCTS, cancellable,
                                products_done, g_steal_pointer (&task));
}

CiroConnectionResult *
ciro_sentos_test_connection_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
