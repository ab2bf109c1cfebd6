/* ciro-notifier.c: alerts as desktop notifications
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include "ciro-notifier.h"

void
ciro_notifier_send (GApplication *app, const CiroAlert *alert)
{
  g_autoptr(GNotification) n = g_notification_new (alert->title);

  g_return_if_fail (G_IS_APPLICATION (app));

  if (alert->body != NULL)
    g_notification_set_body (n, alert->body);
  if (alert->product_sku != NULL)
    g_notification_set_default_action_and_target (n, "app.show-product", "s", alert->product_sku);
  else
    g_notification_set_default_action_and_target (n, "app.show-page", "s", alert->page ? alert->page : "today");
  g_notification_set_priority (n, alert->kind == CIRO_ALERT_SYNC_FAILED ? G_NOTIFICATION_PRIORITY_HIGH
                                                                          : G_NOTIFICATION_PRIORITY_NORMAL);
  g_application_send_notification (app, alert->id, n);
}
