/* test-unmatched-dialog.c: the Unknown Costs dialog on the store of
 * ciro-suggest-store.h: suggestions with their evidence, Accept All Above,
 * the rows leaving at once, the toast naming what moved, Undo, and the
 * CSV import and export, read back from the widgets
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "analytics/ciro-report.h"
#include "ui/ciro-context.h"
#include "ui/pages/ciro-unmatched-dialog.h"
#include "ciro-suggest-store.h"
#include "ciro-test-util.h"

static char *dir;

static void
count (GtkWidget *w, guint *n)
{
  (*n)++;
}

static gboolean
reached (gpointer data)
{
  guint **p = data;
  return *p[0] >= *p[1];
}

static void
wait_count (guint *n, guint want)
{
  guint *p[2] = { n, &want };
  g_assert_true (ciro_test_wait_until (reached, p, 60));
}

static void
save_png (GtkWidget *widget, const char *name)
{
  const char *out = g_getenv ("CIRO_SCREENSHOTS");
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GdkPaintable *paintable;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w, h;

  if (out == NULL)
    return;
  {
    /* let a toast finish sliding in */
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;
    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  path = g_build_filename (out, name, NULL);
  snapshot = gtk_snapshot_new ();
  paintable = gtk_widget_paintable_new (widget);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_texture_save_to_png (texture, path);
  g_object_unref (paintable);
}

static gboolean
has (GPtrArray *skus, const char *sku)
{
  return g_ptr_array_find_with_equal_func (skus, sku, g_str_equal, NULL);
}

static void
test_dialog (void)
{
  g_autofree char *path = g_build_filename (dir, "dialog.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_test_suggest_store (path);
  g_autoptr(CiroContext) context = ciro_context_new (path);
  GtkWidget *dialog;
  CiroUnmatchedDialog *d;
  guint loaded = 0, mapped = 0;
  g_autoptr(GPtrArray) skus = NULL;
  const char *lang = g_getenv ("LANGUAGE");
  gboolean tr = lang != NULL && g_str_has_prefix (lang, "tr");

  dialog = ciro_unmatched_dialog_new (NULL, context);
  d = CIRO_UNMATCHED_DIALOG (dialog);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 720, 820);
  g_signal_connect (dialog, "loaded", G_CALLBACK (count), &loaded);
  g_signal_connect (dialog, "mapped", G_CALLBACK (count), &mapped);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_count (&loaded, 1);

  skus = ciro_unmatched_dialog_get_skus (d);
  g_assert_cmpuint (skus->len, ==, 7);
  {
    g_autofree char *s = ciro_unmatched_dialog_get_suggestion (d, "ESKI-KOD-105866");
    g_autofree char *none = ciro_unmatched_dialog_get_suggestion (d, "KAMPANYA-12");
    g_autofree char *tie = ciro_unmatched_dialog_get_suggestion (d, "OLD-330011");
    g_assert_nonnull (s);
    g_assert_null (none);
    if (tr)
      g_assert_nonnull (strstr (s, "Önerilen: Premium Deri Sneaker (S00105866), %85 · aynı rakamlar 105866"));
    else
      g_assert_nonnull (strstr (s, "Suggested: Premium Deri Sneaker (S00105866), 85% · same digits 105866"));
    g_assert_nonnull (strstr (tie, tr ? "(2 ürünle ortak)" : "(shared by 2 products)"));
  }
  g_assert_cmpstr (ciro_unmatched_dialog_get_accept_label (d), ==, tr ? "%80 Üzerindekilerin Tümünü Kabul Et"
                                                                         : "Accept All Above 80%");
  g_assert_cmpstr (ciro_unmatched_dialog_get_accept_title (d), ==,
                   tr ? "2 stok kodunun %80 ya da üzeri bir önerisi var" : "2 SKUs have a suggestion at 80% or more");
  save_png (dialog, tr ? "unmatched-dialog-tr.png" : "unmatched-dialog-en.png");

  /* one SKU: its row leaves at once, the toast names what moved */
  ciro_unmatched_dialog_map (d, "ESKI-KOD-105866", "S00105866");
  g_clear_pointer (&skus, g_ptr_array_unref);
  skus = ciro_unmatched_dialog_get_skus (d);
  g_assert_cmpuint (skus->len, ==, 6);
  g_assert_false (has (skus, "ESKI-KOD-105866"));
  wait_count (&mapped, 1);
  g_assert_cmpstr (ciro_unmatched_dialog_get_toast (d), ==,
                   tr ? "ESKI-KOD-105866 → Premium Deri Sneaker: 1 satır, ₺700,00 artık maliyetli"
                      : "ESKI-KOD-105866 → Premium Deri Sneaker: 1 line, ₺700.00 now costed");
  g_assert_cmpstr (ciro_unmatched_dialog_get_accept_title (d), ==,
                   tr ? "1 stok kodunun %80 ya da üzeri bir önerisi var" : "1 SKU has a suggestion at 80% or more");
  save_png (dialog, tr ? "unmatched-dialog-toast-tr.png" : "unmatched-dialog-toast-en.png");

  /* Undo: the row comes back, the store as before */
  g_assert_true (ciro_unmatched_dialog_undo (d));
  wait_count (&mapped, 2);
  wait_count (&loaded, 2);
  g_clear_pointer (&skus, g_ptr_array_unref);
  skus = ciro_unmatched_dialog_get_skus (d);
  g_assert_cmpuint (skus->len, ==, 7);
  g_assert_true (has (skus, "ESKI-KOD-105866"));

  /* all above 70 %: four rows leave at once, a tie and decoys stay */
  ciro_unmatched_dialog_accept_above (d, 70);
  g_clear_pointer (&skus, g_ptr_array_unref);
  skus = ciro_unmatched_dialog_get_skus (d);
  g_assert_cmpuint (skus->len, ==, 3);
  g_assert_true (has (skus, "TY-IPEK") && has (skus, "ESKI-4455") && has (skus, "KAMPANYA-12"));
  wait_count (&mapped, 3);
  g_assert_cmpstr (ciro_unmatched_dialog_get_toast (d), ==,
                   tr ? "4 stok kodu eşlendi: 4 satır, ₺2.200,00 artık maliyetli"
                      : "4 SKUs mapped: 4 lines, ₺2,200.00 now costed");
  {
    g_autoptr(GArray) left = ciro_report_unmatched (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (left->len, ==, 3);
  }

  /* export, undo, import the file back */
  {
    g_autofree char *csv = g_build_filename (dir, "out.csv", NULL);
    g_autofree char *text = NULL;
    g_autoptr(GArray) left = NULL;

    ciro_unmatched_dialog_export (d, csv);
    wait_count (&loaded, 3);
    g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "OLD-330011;KLM-330011;Kalem Seti\r\n"));
    g_assert_true (ciro_unmatched_dialog_undo (d));
    wait_count (&mapped, 4);
    wait_count (&loaded, 4);
    ciro_unmatched_dialog_import (d, csv);
    wait_count (&mapped, 5);
    wait_count (&loaded, 5);
    g_assert_cmpstr (ciro_unmatched_dialog_get_toast (d), ==, tr ? "4 eşleme içe aktarıldı" : "4 mappings imported");
    left = ciro_report_unmatched (store, &error);
    g_assert_cmpuint (left->len, ==, 3);
    g_unlink (csv);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&context);
  g_clear_object (&store);
  ciro_test_remove_store (path);
}

int
main (int argc, char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("CIRO_LOCALEDIR") != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CIRO_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 77;
    }
  adw_init ();
  dir = ciro_test_tmpdir ("unmatched-dialog");
  g_test_add_func ("/unmatched-dialog/suggest-accept-undo", test_dialog);
  rc = g_test_run ();
  g_rmdir (dir);
  return rc;
}
