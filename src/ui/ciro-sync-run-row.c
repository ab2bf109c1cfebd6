/* ciro-sync-run-row.c: one past sync run as a row: when, kind, how long, counts, error
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "ciro-sync-run-row.h"

struct _CiroSyncRunRow
{
  AdwActionRow  parent_instance;

  gint64        id;
  char         *status;
};

G_DEFINE_FINAL_TYPE (CiroSyncRunRow, ciro_sync_run_row, ADW_TYPE_ACTION_ROW)

static void
ciro_sync_run_row_finalize (GObject *object)
{
  g_free (CIRO_SYNC_RUN_ROW (object)->status);
  G_OBJECT_CLASS (ciro_sync_run_row_parent_class)->finalize (object);
}

static void
ciro_sync_run_row_class_init (CiroSyncRunRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ciro_sync_run_row_finalize;
}

static void
ciro_sync_run_row_init (CiroSyncRunRow *self)
{
  gtk_widget_set_name (GTK_WIDGET (self), "sync-run");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 4);
}

gint64
ciro_sync_run_row_get_id (CiroSyncRunRow *self)
{
  g_return_val_if_fail (CIRO_IS_SYNC_RUN_ROW (self), 0);
  return self->id;
}

const char *
ciro_sync_run_row_get_status (CiroSyncRunRow *self)
{
  g_return_val_if_fail (CIRO_IS_SYNC_RUN_ROW (self), NULL);
  return self->status;
}

static char *
duration_text (gint64 seconds)
{
  if (seconds < 60)
    return g_strdup_printf (_("%d s"), (int) seconds);
  if (seconds < 3600)
    return g_strdup_printf (_("%d min %d s"), (int) (seconds / 60), (int) (seconds % 60));
  return g_strdup_printf (_("%d h %d min"), (int) (seconds / 3600), (int) ((seconds % 3600) / 60));
}

static char *
count_of (guint n)
{
  return ciro_count_format (n, ciro_number_style_from_locale ());
}

GtkWidget *
ciro_sync_run_row_new (const CiroSyncRunInfo *r)
{
  CiroSyncRunRow *self = g_object_new (CIRO_TYPE_SYNC_RUN_ROW, NULL);
  GtkWidget *row = GTK_WIDGET (self);
  g_autoptr(GDateTime) start = ciro_datetime_from_unix (r->started_at);
  /* TRANSLATORS: a sync run's start, strftime format */
  g_autofree char *when = g_date_time_format (start, _("%e %b %Y, %H:%M"));
  g_autofree char *title = g_strdup_printf (_("%s sync · %s"), ciro_sync_kind_label (r->kind), g_strstrip (when));
  g_autoptr(GString) sub = g_string_new (NULL);
  g_autofree char *npages = count_of (r->pages);
  g_autofree char *nproducts = count_of (r->products);
  g_autofree char *norders = count_of (r->orders);
  g_autofree char *nretries = count_of (r->retries);
  g_autofree char *pages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s page", "%s pages", r->pages), npages);
  g_autofree char *products = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s product", "%s products", r->products),
                                               nproducts);
  g_autofree char *orders = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s order", "%s orders", r->orders), norders);
  g_autofree char *retries = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s retry", "%s retries", r->retries),
                                              nretries);
  GtkWidget *status;

  self->id = r->id;
  self->status = g_strdup (r->status);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (r->finished_at > 0)
    {
      g_autofree char *took = duration_text (MAX (0, r->finished_at - r->started_at));
      g_string_append (sub, took);
      g_string_append (sub, " · ");
    }
  g_string_append_printf (sub, "%s · %s · %s", pages, products, orders);
  if (r->retries > 0)
    g_string_append_printf (sub, " · %s", retries);
  if (r->skipped > 0)
    {
      g_autofree char *nskipped = count_of (r->skipped);
      g_autofree char *skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record skipped",
                                                               "%s records skipped", r->skipped), nskipped);
      g_string_append_printf (sub, " · %s", skipped);
    }
  if (r->error != NULL && *r->error != '\0')
    g_string_append_printf (sub, "\n%s", r->error);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub->str);

  if (g_strcmp0 (r->status, "ok") == 0)
    {
      status = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
      gtk_widget_add_css_class (status, "success");
      gtk_widget_set_tooltip_text (status, _("Finished"));
    }
  else if (g_strcmp0 (r->status, "failed") == 0)
    {
      status = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (status, "error");
      gtk_widget_set_tooltip_text (status, _("Failed"));
    }
  else if (g_strcmp0 (r->status, "cancelled") == 0)
    {
      status = gtk_image_new_from_icon_name ("process-stop-symbolic");
      gtk_widget_add_css_class (status, "dim-label");
      gtk_widget_set_tooltip_text (status, _("Cancelled"));
    }
  else
    {
      status = gtk_label_new (_("Running or stopped"));
      gtk_widget_add_css_class (status, "dim-label");
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), status);
  return row;
}
