/* ciro-notifier.h: alerts as desktop notifications
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "analytics/ciro-alerts.h"

G_BEGIN_DECLS

/* Sends the alert as a GNotification of `app` under its id (a repeat
 * replaces the last one); clicking it runs app.show-product with the SKU,
 * or app.show-page with the page. */
void ciro_notifier_send (GApplication *app, const CiroAlert *alert);

G_END_DECLS
