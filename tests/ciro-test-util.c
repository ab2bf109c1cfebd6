/* ciro-test-util.c: what the tests share
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "core/ciro-date.h"
#include "ciro-test-util.h"

char *
ciro_test_tmpdir (const char *what)
{
  g_autofree char *tmpl = g_strdup_printf ("ciro-%s-XXXXXX", what);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
ciro_test_remove_store (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

CiroStore *
ciro_test_reference_store (const char *path, guint64 n_orders, guint n_products, guint seed,
                           CiroDay end_day, guint n_days)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroDemo) demo = NULL;
  CiroStore *store = ciro_store_open (path, &error);
  CiroDemoOptions o;

  g_assert_no_error (error);
  ciro_demo_options_init (&o);
  o.n_orders = n_orders;
  o.n_products = n_products;
  o.seed = seed;
  o.end_day = end_day;
  if (n_days != 0)
    o.n_days = n_days;
  demo = ciro_demo_new (&o);
  g_assert_true (ciro_demo_populate (demo, store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static gboolean
time_up (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
look_again (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
ciro_test_wait_until (CiroTestCondition cond, gpointer data, guint seconds)
{
  gboolean over = FALSE;
  guint id = g_timeout_add_seconds (seconds, time_up, &over);
  /* what another thread sets does not wake the main context: look again
   * every few milliseconds */
  guint tick = g_timeout_add (5, look_again, NULL);

  while (!cond (data) && !over)
    g_main_context_iteration (NULL, TRUE);
  if (!over)
    g_source_remove (id);
  g_source_remove (tick);
  return cond (data);
}

static gboolean
flag_set (gpointer data)
{
  return g_atomic_int_get ((const int *) data) != 0;
}

gboolean
ciro_test_wait_flag (const int *flag, guint seconds)
{
  return ciro_test_wait_until (flag_set, (gpointer) flag, seconds);
}
