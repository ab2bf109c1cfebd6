/* ciro-i18n.h: where Ciro's translations are read from
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The folder holding <lang>/LC_MESSAGES/ciro.mo: $CIRO_LOCALEDIR when set;
 * the build folder's catalogue when the running program is the one built
 * there (not installed), so `./_build/src/ui/ciro` speaks Turkish to a
 * Turkish user with no variable set; else the installed folder. */
const char *ciro_i18n_locale_dir (void);

/* The user's locale and Ciro's text domain, once, first thing in main(). */
void        ciro_i18n_init       (void);

G_END_DECLS
