/* test-fuzz-regressions.c: the fuzz targets' inputs, replayed in the suite
 *
 * Every file under fuzz/corpus/<target>/ (the seeds) and
 * fuzz/regressions/<target>/ (inputs that once made a target fail) goes
 * through the same function libFuzzer drives, with its checks; the normal
 * and the sanitizer builds both run them, with gcc, no libFuzzer needed.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "fuzz/ciro-fuzz.h"

typedef struct {
  const CiroFuzzTarget *target;
  char                 *dir;
} Replay;

static void
replay_free (gpointer data)
{
  Replay *r = data;

  g_free (r->dir);
  g_free (r);
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The directory's files, sorted, so that a failure names the same input. */
static GPtrArray *
list_inputs (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (name[0] != '.' && !g_str_equal (name, "README"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (files, compare_paths);
  return files;
}

static void
replay (gconstpointer data)
{
  const Replay *r = data;
  g_autoptr(GPtrArray) files = list_inputs (r->dir);

  /* a target without seeds would be replaying nothing */
  g_assert_cmpuint (files->len, >, 0);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *contents = NULL;
      gsize len = 0;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s: %s", r->target->name, (const char *) files->pdata[i]);
      g_assert_true (g_file_get_contents (files->pdata[i], &contents, &len, &error));
      g_assert_no_error (error);
      r->target->func ((const guint8 *) contents, len);
    }
}

int
main (int argc, char *argv[])
{
  g_autoptr(GPtrArray) replays = g_ptr_array_new_with_free_func (replay_free);

  g_test_init (&argc, &argv, NULL);
  g_setenv ("CIRO_NOW", "2025-06-15 12:00:00", TRUE);

  for (const CiroFuzzTarget *t = ciro_fuzz_targets (); t->name != NULL; t++)
    {
      static const char *kinds[] = { "corpus", "regressions" };

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", kinds[k], t->name, NULL);
          g_autofree char *path = g_strdup_printf ("/fuzz/%s/%s", t->name, kinds[k]);
          Replay *r;

          /* regressions exist only for targets that once failed */
          if (k == 1 && !g_file_test (dir, G_FILE_TEST_IS_DIR))
            continue;
          r = g_new0 (Replay, 1);
          r->target = t;
          r->dir = g_steal_pointer (&dir);
          g_ptr_array_add (replays, r);
          g_test_add_data_func (path, r, replay);
        }
    }
  return g_test_run ();
}
