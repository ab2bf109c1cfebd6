/* ciro-today-page.h: today so far against all of yesterday, the welcome of
 * an empty store and the demo store
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ciro-context.h"

G_BEGIN_DECLS

#define CIRO_TYPE_TODAY_PAGE (ciro_today_page_get_type ())
G_DECLARE_FINAL_TYPE (CiroTodayPage, ciro_today_page, CIRO, TODAY_PAGE, AdwBin)

/* Signals: "loaded" when the figures (or the welcome, or the error) are
 * shown; "add-toast" (AdwToast *) for the window's overlay. */
GtkWidget  *ciro_today_page_new               (CiroContext   *context);
/* Reads today again (the context's "store-changed" does it too). */
void        ciro_today_page_reload            (CiroTodayPage *self);
/* Fills an empty store with the demo seller through a loopback mock of the
 * Sentos API and the real sync, with progress and a cancel button. */
void        ciro_today_page_build_demo        (CiroTodayPage *self);
void        ciro_today_page_cancel_demo       (CiroTodayPage *self);
/* `ciro --demo`: build the demo store when the store is found empty. */
void        ciro_today_page_set_demo_if_empty (CiroTodayPage *self,
                                               gboolean       demo);
/* A first sync's progress on the welcome (fraction < 0: pulse). */
void        ciro_today_page_show_progress     (CiroTodayPage *self,
                                               const char    *text,
                                               double         fraction);
void        ciro_today_page_hide_progress     (CiroTodayPage *self);
/* "loading", "welcome", "error" or "data". */
const char *ciro_today_page_get_state         (CiroTodayPage *self);

G_END_DECLS
