/* test-background.c: the background portal request, against a portal
 * played by this test on a private bus
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>

#include "ui/ciro-background.h"

static const char portal_xml[] =
  "<node><interface name='org.freedesktop.portal.Background'>"
  "<method name='RequestBackground'>"
  "<arg type='s' name='parent_window' direction='in'/>"
  "<arg type='a{sv}' name='options' direction='in'/>"
  "<arg type='o' name='handle' direction='out'/>"
  "</method></interface></node>";

static GVariant *received;

static void
portal_call (GDBusConnection *connection, const char *sender, const char *path, const char *iface,
             const char *method, GVariant *params, GDBusMethodInvocation *invocation, gpointer data)
{
  g_assert_cmpstr (method, ==, "RequestBackground");
  received = g_variant_ref (params);
  g_dbus_method_invocation_return_value (invocation,
    g_variant_new ("(o)", "/org/freedesktop/portal/desktop/request/1_1/ciro"));
}

static void
test_request (void)
{
  g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(GDBusConnection) portal = NULL;
  g_autoptr(GDBusConnection) app = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  GDBusInterfaceVTable vtable = { portal_call, NULL, NULL, { 0 } };
  g_autoptr(GVariant) options = NULL;
  const char *parent = NULL, *reason = NULL;
  gboolean autostart = TRUE;
  guint id, owner;

  g_test_dbus_up (bus);
  portal = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
             G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
             NULL, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (portal_xml, &error);
  g_assert_no_error (error);
  id = g_dbus_connection_register_object (portal, "/org/freedesktop/portal/desktop", info->interfaces[0],
                                          &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  owner = g_bus_own_name_on_connection (portal, "org.freedesktop.portal.Desktop", G_BUS_NAME_OWNER_FLAGS_NONE,
                                        NULL, NULL, NULL, NULL);
  app = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
          G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
          NULL, NULL, &error);
  g_assert_no_error (error);

  /* let the name be owned before asking */
  while (g_main_context_iteration (NULL, FALSE));
  g_usleep (100000);
  while (g_main_context_iteration (NULL, FALSE));

  ciro_background_request (app, "x11:2a", "Keeps the figures up to date");
  while (received == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_variant_get (received, "(&s@a{sv})", &parent, &options);
  g_assert_cmpstr (parent, ==, "x11:2a");
  g_assert_true (g_variant_lookup (options, "reason", "&s", &reason));
  g_assert_cmpstr (reason, ==, "Keeps the figures up to date");
  g_assert_true (g_variant_lookup (options, "autostart", "b", &autostart));
  g_assert_false (autostart);

  g_clear_pointer (&received, g_variant_unref);
  g_bus_unown_name (owner);
  g_dbus_connection_unregister_object (portal, id);
  g_dbus_connection_close_sync (app, NULL, NULL);
  g_dbus_connection_close_sync (portal, NULL, NULL);
  g_clear_object (&app);
  g_clear_object (&portal);
  g_test_dbus_down (bus);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/background/portal-request", test_request);
  return g_test_run ();
}
