/* ciro-background.h: asking to keep running with no window, under Flatpak
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* TRUE inside a Flatpak sandbox, where running in the background needs the
 * user's consent through the desktop portal. */
gboolean ciro_background_needs_portal (void);

/* Asks org.freedesktop.portal.Background to let Ciro run with no window
 * (`reason` is shown to the user). The answer comes later as the portal's
 * Response signal; the caller keeps syncing either way, and the desktop
 * may stop a process the user refused. */
void     ciro_background_request      (GDBusConnection *bus,
                                       const char      *parent_window,
                                       const char      *reason);

G_END_DECLS
