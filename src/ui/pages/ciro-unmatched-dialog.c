/* ciro-unmatched-dialog.c: SKUs whose cost is unknown, mapped to products
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "analytics/ciro-report-service.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "core/ciro-text.h"
#include "ciro-sku-map-row.h"
#include "ciro-unmatched-dialog.h"

struct _CiroUnmatchedDialog
{
  AdwWindow      parent_instance;

  CiroContext   *context;
  GCancellable  *cancellable;
  char          *mapped_sku;    /* mapped, the list being read again */
  char          *mapped_to;
  GArray        *rows;          /* CiroUnmatchedRow */
  GArray        *products;      /* CiroProductRef */
  GPtrArray     *folded;        /* products' "name sku", folded */

  /* template */
  GtkStack      *stack;         /* loading / none / list / error */
  AdwStatusPage *error_page;
  GtkListBox    *list;
  AdwToastOverlay *toasts;
};

G_DEFINE_FINAL_TYPE (CiroUnmatchedDialog, ciro_unmatched_dialog, ADW_TYPE_WINDOW)


enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
ciro_unmatched_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    CIRO_UNMATCHED_DIALOG (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_unmatched_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, CIRO_UNMATCHED_DIALOG (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

enum { SIGNAL_LOADED, SIGNAL_MAPPED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void start (CiroUnmatchedDialog *self, const char *sku, const char *product_sku);

/* ---------------------------------------------------------- choosing */

static void
row_chosen (CiroUnmatchedDialog *self, const char *product_sku, CiroSkuMapRow *row)
{
  start (self, ciro_sku_map_row_get_sku (row), product_sku);
}

/* ---------------------------------------------------------- showing */

static void
show_rows (CiroUnmatchedDialog *self)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < self->rows->len; i++)
    {
      CiroUnmatchedRow *r = &g_array_index (self->rows, CiroUnmatchedRow, i);
      GtkWidget *row;
      g_autofree char *lines = ciro_count_format (r->lines, style);
      g_autofree char *revenue = ciro_money_format (r->revenue, style);
      g_autofree char *last = ciro_day_to_string (r->last_day);
      g_autofree char *lines_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s line", "%s lines",
                                                                  (gulong) r->lines), lines);
      /* TRANSLATORS: lines · revenue · the day of the last one */
      g_autofree char *sub = g_strdup_printf (_("%s · %s · last sold %s"), lines_text, revenue, last);

      row = ciro_sku_map_row_new (r->sku, sub, self->products, self->folded);
      g_signal_connect_object (row, "chosen", G_CALLBACK (row_chosen), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->list, row);
    }
  gtk_stack_set_visible_child_name (self->stack, self->rows->len ? "list" : "none");
}

static void
loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroUnmatchedDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroUnmatchedReport) r = ciro_report_service_unmatched_finish (CIRO_REPORT_SERVICE (source), result,
                                                                          &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;                           /* a newer load replaced it, or the dialog is gone */
  if (r == NULL)
    {
      if (self->rows != NULL && self->mapped_sku != NULL)
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      else
        {
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      g_clear_pointer (&self->mapped_sku, g_free);
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->products, g_array_unref);
  g_clear_pointer (&self->folded, g_ptr_array_unref);
  self->rows = g_steal_pointer (&r->rows);
  self->products = g_steal_pointer (&r->products);
  self->folded = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->products->len; i++)
    {
      CiroProductRef *p = &g_array_index (self->products, CiroProductRef, i);
      g_autofree char *both = g_strconcat (p->name ? p->name : "", " ", p->sku, NULL);
      g_ptr_array_add (self->folded, ciro_tr_fold (both));
    }
  show_rows (self);
  if (self->mapped_sku != NULL)
    {
      /* TRANSLATORS: a SKU was mapped to a product's SKU */
      g_autofree char *text = g_strdup_printf (_("%s is now counted as %s"), self->mapped_sku, self->mapped_to);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
      g_clear_pointer (&self->mapped_sku, g_free);
      g_clear_pointer (&self->mapped_to, g_free);
      g_signal_emit (self, signals[SIGNAL_MAPPED], 0);
      /* costs changed, and every figure with them */
      ciro_context_store_changed (self->context);
    }
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

static void
load (CiroUnmatchedDialog *self)
{
  if (self->rows == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  ciro_report_service_unmatched_async (ciro_context_get_reports (self->context), self, self->cancellable, loaded,
                                       g_object_ref (self));
}

static void
sku_mapped (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroUnmatchedDialog) self = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = ciro_report_service_map_sku_finish (CIRO_REPORT_SERVICE (source), result, &error);

  if (self->context == NULL)
    return;                           /* the dialog is gone */
  if (!ok)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      g_clear_pointer (&self->mapped_sku, g_free);
      g_clear_pointer (&self->mapped_to, g_free);
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }
  load (self);
}

static void
start (CiroUnmatchedDialog *self, const char *sku, const char *product_sku)
{
  if (sku == NULL)
    {
      load (self);
      return;
    }
  g_free (self->mapped_sku);
  g_free (self->mapped_to);
  self->mapped_sku = g_strdup (sku);
  self->mapped_to = g_strdup (product_sku);
  /* the mapping is a write: never dropped by the next one */
  ciro_report_service_map_sku_async (ciro_context_get_reports (self->context), sku, product_sku, NULL, sku_mapped,
                                     g_object_ref (self));
}

void
ciro_unmatched_dialog_map (CiroUnmatchedDialog *self, const char *sku, const char *product_sku)
{
  g_return_if_fail (CIRO_IS_UNMATCHED_DIALOG (self));
  start (self, sku, product_sku);
}

GPtrArray *
ciro_unmatched_dialog_get_skus (CiroUnmatchedDialog *self)
{
  GPtrArray *skus = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    g_ptr_array_add (skus, g_strdup (g_array_index (self->rows, CiroUnmatchedRow, i).sku));
  return skus;
}

/* ---------------------------------------------------------- building */

static void
ciro_unmatched_dialog_dispose (GObject *object)
{
  CiroUnmatchedDialog *self = CIRO_UNMATCHED_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->products, g_array_unref);
  g_clear_pointer (&self->folded, g_ptr_array_unref);
  g_clear_pointer (&self->mapped_sku, g_free);
  g_clear_pointer (&self->mapped_to, g_free);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (ciro_unmatched_dialog_parent_class)->dispose (object);
}

static void
ciro_unmatched_dialog_class_init (CiroUnmatchedDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = ciro_unmatched_dialog_dispose;
  G_OBJECT_CLASS (klass)->set_property = ciro_unmatched_dialog_set_property;
  G_OBJECT_CLASS (klass)->get_property = ciro_unmatched_dialog_get_property;
  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_MAPPED] = g_signal_new ("mapped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ciroapp/Ciro/ui/ciro-unmatched-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CiroUnmatchedDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CiroUnmatchedDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, CiroUnmatchedDialog, list);
  gtk_widget_class_bind_template_child (widget_class, CiroUnmatchedDialog, toasts);
}

static void
ciro_unmatched_dialog_init (CiroUnmatchedDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ciro_unmatched_dialog_new (GtkWindow *parent, CiroContext *context)
{
  CiroUnmatchedDialog *self;

  g_return_val_if_fail (CIRO_IS_CONTEXT (context), NULL);
  self = g_object_new (CIRO_TYPE_UNMATCHED_DIALOG, "transient-for", parent, "context", context, NULL);
  start (self, NULL, NULL);
  return GTK_WIDGET (self);
}
