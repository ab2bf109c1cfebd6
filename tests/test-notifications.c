/* test-notifications.c: alerts reach the desktop's notification daemon
 *
 * Run by notify-session.sh, where python3-dbusmock plays the daemon; its
 * record of method calls tells what Ciro asked for.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <string.h>

#include "ui/ciro-notifier.h"

static GApplication *app;
static char *activated;
static char *activated_page;

typedef struct {
  char   *summary;
  char   *body;
  guint32 replaces;
  gboolean has_default;
} Notify;

static void
notify_clear (gpointer p)
{
  Notify *n = p;
  g_free (n->summary);
  g_free (n->body);
}

/* The Notify calls the mock daemon has seen, in order. */
static GArray *
notify_calls (void)
{
  GDBusConnection *bus = g_application_get_dbus_connection (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.Notifications",
                                                           "/org/freedesktop/Notifications",
                                                           "org.freedesktop.DBus.Mock", "GetCalls", NULL,
                                                           G_VARIANT_TYPE ("(a(tsav))"), 0, -1, NULL, &error);
  g_autoptr(GVariantIter) iter = NULL;
  GArray *calls = g_array_new (FALSE, TRUE, sizeof (Notify));
  const char *method;
  GVariantIter *args;
  guint64 when;

  g_array_set_clear_func (calls, notify_clear);
  g_assert_no_error (error);
  g_variant_get (reply, "(a(tsav))", &iter);
  while (g_variant_iter_next (iter, "(t&sav)", &when, &method, &args))
    {
      if (g_str_equal (method, "Notify"))
        {
          Notify n = { 0 };
          g_autoptr(GVariant) replaces = NULL, summary = NULL, body = NULL, actions = NULL;
          GVariant *v;
          guint i = 0;
          while ((v = g_variant_iter_next_value (args)) != NULL)
            {
              GVariant *inner = g_variant_get_variant (v);
              if (i == 1) replaces = g_variant_ref (inner);
              if (i == 3) summary = g_variant_ref (inner);
              if (i == 4) body = g_variant_ref (inner);
              if (i == 5) actions = g_variant_ref (inner);
              g_variant_unref (inner);
              g_variant_unref (v);
              i++;
            }
          n.replaces = g_variant_get_uint32 (replaces);
          n.summary = g_variant_dup_string (summary, NULL);
          n.body = g_variant_dup_string (body, NULL);
          {
            g_autofree const char **strv = g_variant_get_strv (actions, NULL);
            for (guint k = 0; strv[k] != NULL; k += 2)
              n.has_default |= g_str_equal (strv[k], "default");
          }
          g_array_append_val (calls, n);
        }
      g_variant_iter_free (args);
    }
  return calls;
}

static GArray *
wait_calls (guint n)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      GArray *calls;
      while (g_main_context_iteration (NULL, FALSE));
      calls = notify_calls ();
      if (calls->len >= n || g_get_monotonic_time () > end)
        return calls;
      g_array_unref (calls);
      g_usleep (20000);
    }
}

static void
show_product (GSimpleAction *action, GVariant *param, gpointer data)
{
  g_free (activated);
  activated = g_variant_dup_string (param, NULL);
}

static void
show_page (GSimpleAction *action, GVariant *param, gpointer data)
{
  g_free (activated_page);
  activated_page = g_variant_dup_string (param, NULL);
}

static void
test_notify (void)
{
  CiroAlert low = { CIRO_ALERT_LOW_STOCK, "low-stock-42", "Low stock: Kadın Önlük Seti", "3 left (SKU BYK-24Y-42)",
                    "BYK-24Y-42", NULL };
  CiroAlert group = { CIRO_ALERT_LOW_STOCK_GROUP, "low-stock", "7 products are running low", "Şal (2), Çanta (1)",
                      NULL, "stock" };
  g_autoptr(CiroAlert) failed = ciro_alert_sync_failed ("Could not reach the server.");
  g_autoptr(GArray) calls = NULL;
  Notify *n;

  ciro_notifier_send (app, &low);
  ciro_notifier_send (app, &group);
  ciro_notifier_send (app, failed);
  calls = wait_calls (3);
  g_assert_cmpuint (calls->len, ==, 3);

  n = &g_array_index (calls, Notify, 0);
  g_assert_cmpstr (n->summary, ==, "Low stock: Kadın Önlük Seti");
  g_assert_cmpstr (n->body, ==, "3 left (SKU BYK-24Y-42)");
  g_assert_true (n->has_default);
  g_assert_cmpuint (n->replaces, ==, 0);
  n = &g_array_index (calls, Notify, 1);
  g_assert_cmpstr (n->summary, ==, "7 products are running low");
  g_assert_cmpstr (n->body, ==, "Şal (2), Çanta (1)");
  g_assert_true (n->has_default);
  n = &g_array_index (calls, Notify, 2);
  g_assert_cmpstr (n->summary, ==, "Sync with Sentos failed");
  g_assert_cmpstr (n->body, ==, "Could not reach the server.");
  g_clear_pointer (&calls, g_array_unref);

  /* the same id again replaces the notification on screen (once the
   * daemon's answer with its number has been read) */
  while (g_main_context_iteration (NULL, FALSE));
  low.body = "1 left (SKU BYK-24Y-42)";
  ciro_notifier_send (app, &low);
  calls = wait_calls (4);
  g_assert_cmpuint (calls->len, ==, 4);
  n = &g_array_index (calls, Notify, 3);
  g_assert_cmpstr (n->body, ==, "1 left (SKU BYK-24Y-42)");
  g_assert_cmpuint (n->replaces, !=, 0);
}

/* A click on the notification: the daemon says "default" was invoked, and
 * Ciro opens the product. */
static void
test_click (void)
{
  CiroAlert low = { CIRO_ALERT_LOW_STOCK, "low-stock-7", "Low stock: Şal", "2 left (SKU S-7)", "S-7", NULL };
  GDBusConnection *bus = g_application_get_dbus_connection (app);
  g_autoptr(GArray) before = notify_calls ();
  g_autoptr(GArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  guint32 id;
  gint64 end;

  ciro_notifier_send (app, &low);
  after = wait_calls (before->len + 1);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  /* the mock daemon numbers new notifications from 1; a replacing one
   * keeps its number */
  id = 0;
  for (guint i = 0; i < after->len; i++)
    id += g_array_index (after, Notify, i).replaces == 0;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                                       "org.freedesktop.DBus.Mock", "EmitSignal",
                                       g_variant_new ("(sss@av)", "org.freedesktop.Notifications", "ActionInvoked",
                                                      "us", g_variant_new_parsed ("[<%u>, <'default'>]", id)),
                                       NULL, 0, -1, NULL, &error);
  g_assert_no_error (error);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (activated == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (activated, ==, "S-7");
}

/* Orders gone late: one notification; a click opens the Shipping page at
 * its late orders. */
static void
test_late_click (void)
{
  CiroAlert late = { CIRO_ALERT_LATE_ORDERS, "late-orders-11", "3 orders are late",
                     "TY-11 (Aras Kargo, shipped 6 days ago), TY-12 (Aras Kargo, shipped 6 days ago)", NULL,
                     "shipping-late" };
  GDBusConnection *bus = g_application_get_dbus_connection (app);
  g_autoptr(GArray) before = notify_calls ();
  g_autoptr(GArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  const Notify *n;
  guint32 id;
  gint64 end;

  ciro_notifier_send (app, &late);
  after = wait_calls (before->len + 1);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  n = &g_array_index (after, Notify, after->len - 1);
  g_assert_cmpstr (n->summary, ==, "3 orders are late");
  g_assert_true (n->has_default);
  g_assert_cmpuint (n->replaces, ==, 0);
  id = 0;
  for (guint i = 0; i < after->len; i++)
    id += g_array_index (after, Notify, i).replaces == 0;
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                                       "org.freedesktop.DBus.Mock", "EmitSignal",
                                       g_variant_new ("(sss@av)", "org.freedesktop.Notifications", "ActionInvoked",
                                                      "us", g_variant_new_parsed ("[<%u>, <'default'>]", id)),
                                       NULL, 0, -1, NULL, &error);
  g_assert_no_error (error);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (activated_page == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (activated_page, ==, "shipping-late");
}

int
main (int argc, char *argv[])
{
  static const GActionEntry entries[] = {
    { "show-product", show_product, "s", NULL, NULL, { 0 } },
    { "show-page", show_page, "s", NULL, NULL, { 0 } },
  };
  g_autoptr(GError) error = NULL;
  int rc;

  g_setenv ("GNOTIFICATION_BACKEND", "freedesktop", TRUE);
  g_test_init (&argc, &argv, NULL);
  app = g_application_new ("io.github.ciroapp.Ciro", G_APPLICATION_DEFAULT_FLAGS);
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), NULL);
  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);
  g_test_add_func ("/notifications/notify", test_notify);
  g_test_add_func ("/notifications/click", test_click);
  g_test_add_func ("/notifications/late-click", test_late_click);
  rc = g_test_run ();
  g_free (activated);
  g_free (activated_page);
  g_object_unref (app);
  return rc;
}
