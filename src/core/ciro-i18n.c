/* ciro-i18n.c: where Ciro's translations are read from
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ciro-i18n.h"

static gboolean
running_from_build (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *root = g_canonicalize_filename (BUILD_ROOT, "/");
  g_autofree char *prefix = g_strconcat (root, "/", NULL);

  return exe != NULL && g_str_has_prefix (exe, prefix);
}

const char *
ciro_i18n_locale_dir (void)
{
  const char *env = g_getenv ("CIRO_LOCALEDIR");

  if (env != NULL && *env != '\0')
    return env;
  if (running_from_build () && g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    return BUILD_LOCALEDIR;
  return LOCALEDIR;
}

void
ciro_i18n_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, ciro_i18n_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
