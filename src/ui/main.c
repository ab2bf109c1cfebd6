/* main.c: the ciro window binary
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <stdlib.h>   /* defines __GLIBC__ */
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gi18n.h>
#include <locale.h>

#include "core/ciro-i18n.h"
#include "store/ciro-store.h"
#include "ciro-context.h"
#include "ciro-preferences-window.h"
#include "pages/ciro-products-page.h"
#include "pages/ciro-shipping-page.h"
#include "ciro-window.h"

static char *db_option;
static gboolean demo_option;
static char *page_option;

static CiroPreferencesWindow *
open_preferences (GApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CIRO_IS_PREFERENCES_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* The sync history shown in Preferences grows with each run. */
static void
sync_finished (GApplication *app)
{
  CiroPreferencesWindow *preferences = open_preferences (app);

  if (preferences != NULL)
    ciro_preferences_window_reload_history (preferences);
}

/* The application's one context, made with its first window, dropped
 * when the application has quit. */
static CiroContext *app_context;

static CiroContext *
context_for (GApplication *app, const char *path)
{
  CiroContext *context = app_context;

  if (context != NULL)
    return context;
  context = app_context = ciro_context_new (path);
  ciro_preferences_apply_color_scheme (ciro_context_get_settings (context));
  ciro_context_attach (context, GTK_APPLICATION (app));
  g_signal_connect_object (ciro_context_get_sync_manager (context), "finished", G_CALLBACK (sync_finished),
                           app, G_CONNECT_SWAPPED);
  return context;
}

static void
activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *path = NULL;

  if (window == NULL)
    {
      CiroContext *context;

      if (db_option)
        path = g_strdup (db_option);
      else if (demo_option)
        path = g_build_filename (g_get_user_data_dir (), "ciro", "demo.db", NULL);
      else
        path = ciro_store_default_path ();
      context = context_for (app, path);
      window = GTK_WINDOW (ciro_window_new (ADW_APPLICATION (app), context));
      ciro_window_set_demo_if_empty (CIRO_WINDOW (window), demo_option);
      if (page_option != NULL)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", page_option);
    }
  gtk_window_present (window);
}

static void
quit_action (GSimpleAction *action, GVariant *param, gpointer app)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (app);
}


static void
preferences_action (GSimpleAction *action, GVariant *param, gpointer app)
{
  CiroContext *context = app_context;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkWidget *preferences = GTK_WIDGET (open_preferences (app));

  if (context == NULL || window == NULL)
    return;
  if (preferences == NULL)
    {
      preferences = ciro_preferences_window_new (window, context);
      /* the account may have changed: read it again when the window closes */
      g_signal_connect_object (preferences, "destroy", G_CALLBACK (ciro_context_load_connection), context,
                               G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (preferences));
}

static GtkWindow *
present_window (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    gtk_window_present (window);
  return window;
}

static void
show_page_action (GSimpleAction *action, GVariant *param, gpointer app)
{
  GtkWindow *window = present_window (app);
  const char *name = g_variant_get_string (param, NULL);

  if (window == NULL)
    return;
  /* from a late-orders notification: the Shipping page, at its late orders */
  if (g_str_equal (name, "shipping-late") && CIRO_IS_WINDOW (window))
    {
      GtkWidget *page;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "shipping");
      page = ciro_window_get_page_widget (CIRO_WINDOW (window), "shipping");
      if (page != NULL && CIRO_IS_SHIPPING_PAGE (page))
        ciro_shipping_page_show_late (CIRO_SHIPPING_PAGE (page));
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", name);
}

/* From a low-stock notification: the product, found by its SKU. */
static void
show_product_action (GSimpleAction *action, GVariant *param, gpointer app)
{
  GtkWindow *window = present_window (app);
  CiroProductsPage *page;

  if (window == NULL || !CIRO_IS_WINDOW (window))
    return;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "products");
  page = CIRO_PRODUCTS_PAGE (ciro_window_get_products (CIRO_WINDOW (window)));
  ciro_products_page_set_view (page, CIRO_PRODUCTS_ALL);
  ciro_products_page_set_search (page, g_variant_get_string (param, NULL));
}

static void
about_action (GSimpleAction *action, GVariant *param, gpointer app)
{
  static const char *developers[] = { "The Ciro authors", NULL };
  GtkWidget *about = adw_about_window_new ();

  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), _("Ciro"));
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APP_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), "The Ciro authors");
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _("See what your marketplace store really earns"));
  adw_about_window_set_website (ADW_ABOUT_WINDOW (about), "https://github.com/ciroapp/ciro");
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), _("translator-credits"));
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (app));
  gtk_window_present (GTK_WINDOW (about));
}

static void
startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "quit", quit_action, NULL, NULL, NULL, { 0 } },
    { "about", about_action, NULL, NULL, NULL, { 0 } },
    { "preferences", preferences_action, NULL, NULL, NULL, { 0 } },
    { "show-page", show_page_action, "s", NULL, NULL, { 0 } },
    { "show-product", show_product_action, "s", NULL, NULL, { 0 } },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
}

int
main (int argc, char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  int status;
  const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_option, N_("The store to open"), N_("PATH") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo_option, N_("Open the demo store, building it first if needed"), NULL },
    { "page", 0, 0, G_OPTION_ARG_STRING, &page_option, N_("Open on a page: today, analytics, products, baskets, stock, customers, forecast, shipping or categories"), N_("PAGE") },
    { NULL }
  };

#ifdef __GLIBC__
  /* Before any thread: glibc gives each thread that allocates its own
   * malloc arena (up to eight a core), and each keeps what the reports
   * built in it freed. Two serve the report workers as fast; the window
   * benchmark's peak after heavy use fell from 342 to 272 MB. Later
   * calls have no effect once a second arena exists. */
  mallopt (M_ARENA_MAX, 2);
  /* Blocks of 128 KiB and more (a report's rows, a range's daily arrays)
   * mapped on their own and unmapped when freed. glibc would otherwise
   * raise this threshold after the first such free and carve later ones
   * from the heap, where the 20,000-item models a range switch replaces
   * leave holes it cannot return: 10-20 MB of the window benchmark's peak. */
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
#endif
  ciro_i18n_init ();

  app = adw_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  g_application_add_main_option_entries (G_APPLICATION (app), options);
  g_signal_connect (app, "startup", G_CALLBACK (startup), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  status = g_application_run (G_APPLICATION (app), argc, argv);
  g_clear_object (&app_context);
  return status;
}
