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
#include "analytics/ciro-sku-suggest.h"
#include "ciro-sku-map-row.h"
#include "ciro-unmatched-dialog.h"

struct _CiroUnmatchedDialog
{
  AdwWindow      parent_instance;

  CiroContext   *context;
  GCancellable  *cancellable;
  GArray        *rows;          /* CiroUnmatchedRow */
  GArray        *products;      /* CiroProductRef */
  GPtrArray     *folded;        /* products' "name sku", folded */
  GPtrArray     *suggestions;   /* CiroSkuSuggestions of SKUs listed; NULL until read */
  GPtrArray     *last_changes;  /* what the last toast's Undo puts back */
  char          *last_toast;    /* its text, for tests */
  GtkFileChooserNative *chooser;

  /* template */
  GtkStack      *stack;         /* loading / none / list / error */
  AdwStatusPage *error_page;
  GtkListBox    *list;
  AdwToastOverlay *toasts;
  AdwPreferencesGroup *suggest_group;
  AdwActionRow  *accept_row;
  GtkSpinButton *threshold;
  GtkButton     *accept_button;
  GtkButton     *import_button;
  GtkButton     *export_button;
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

static void load (CiroUnmatchedDialog *self);

/* ---------------------------------------------------------- toasts */

static void
undone (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroUnmatchedDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = ciro_report_service_set_mappings_finish (CIRO_REPORT_SERVICE (source), result,
                                                                          &error);

  if (self->context == NULL)
    return;
  if (changes == NULL)
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
  ciro_context_store_changed (self->context);
  g_signal_emit (self, signals[SIGNAL_MAPPED], 0);
  load (self);
}

static void
undo_clicked (AdwToast *toast, CiroUnmatchedDialog *self)
{
  GPtrArray *changes = g_object_get_data (G_OBJECT (toast), "changes");

  if (changes == NULL || self->context == NULL)
    return;
  if (self->last_changes == changes)
    g_clear_pointer (&self->last_changes, g_ptr_array_unref);
  ciro_report_service_undo_mappings_async (ciro_context_get_reports (self->context), changes, undone,
                                           g_object_ref (self));
}

/* A toast saying `text`, with Undo when `changes` moved something. */
static void
toast (CiroUnmatchedDialog *self, const char *text, GPtrArray *changes)
{
  AdwToast *t = adw_toast_new (text);
  GtkWidget *label = gtk_label_new (text);

  /* what moved is the point of the toast: it wraps rather than being cut */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  adw_toast_set_custom_title (t, label);

  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
  if (changes != NULL && changes->len > 0)
    {
      g_clear_pointer (&self->last_changes, g_ptr_array_unref);
      adw_toast_set_button_label (t, _("Undo"));
      adw_toast_set_timeout (t, 10);
      g_object_set_data_full (G_OBJECT (t), "changes", g_ptr_array_ref (changes), (GDestroyNotify) g_ptr_array_unref);
      g_signal_connect_object (t, "button-clicked", G_CALLBACK (undo_clicked), self, 0);
      self->last_changes = g_ptr_array_ref (changes);
    }
  adw_toast_overlay_add_toast (self->toasts, t);
}

static const CiroProductRef *
product_by_sku (CiroUnmatchedDialog *self, const char *sku)
{
  for (guint i = 0; self->products != NULL && i < self->products->len; i++)
    {
      const CiroProductRef *p = &g_array_index (self->products, CiroProductRef, i);
      if (g_strcmp0 (p->sku, sku) == 0)
        return p;
    }
  return NULL;
}

static const CiroProductRef *
product_by_id (CiroUnmatchedDialog *self, gint64 id)
{
  for (guint i = 0; self->products != NULL && i < self->products->len; i++)
    {
      const CiroProductRef *p = &g_array_index (self->products, CiroProductRef, i);
      if (p->id == id)
        return p;
    }
  return NULL;
}

/* "ESKI-KOD-105866 → Premium Deri Sneaker: 41 lines, ₺67,055.00 now costed",
 * or for many "12 SKUs mapped: 140 lines, ₺9,120.00 now costed". */
static char *
changes_text (CiroUnmatchedDialog *self, GPtrArray *changes)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  gint64 lines = 0;
  CiroKurus costed = 0;

  if (changes->len == 1)
    {
      const CiroMappingChange *c = changes->pdata[0];
      const CiroProductRef *p = product_by_id (self, c->product_id);
      return ciro_mapping_change_describe (c, p && p->name && *p->name ? p->name : p ? p->sku : "?", style);
    }
  for (guint i = 0; i < changes->len; i++)
    {
      const CiroMappingChange *c = changes->pdata[i];
      lines += c->costed_lines;
      costed += c->costed_revenue;
    }
  {
    g_autofree char *count = ciro_count_format (lines, style);
    g_autofree char *money = ciro_money_format (costed, style);
    g_autofree char *skus = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u SKU mapped", "%u SKUs mapped",
                                                          changes->len), changes->len);
    g_autofree char *moved = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s line", "%s lines", (gulong) lines),
                                              count);
    /* TRANSLATORS: "12 SKUs mapped: 140 lines, ₺9,120.00 now costed" */
    return g_strdup_printf (_("%s: %s, %s now costed"), skus, moved, money);
  }
}

/* ---------------------------------------------------------- the list */

static void update_accept_row (CiroUnmatchedDialog *self);

/* Takes the SKUs out of the list at once: the write runs behind. */
static void
drop_skus (CiroUnmatchedDialog *self, GHashTable *skus)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      if (CIRO_IS_SKU_MAP_ROW (child) && g_hash_table_contains (skus, ciro_sku_map_row_get_sku (CIRO_SKU_MAP_ROW (child))))
        gtk_list_box_remove (self->list, child);
      child = next;
    }
  for (guint i = self->rows->len; i-- > 0;)
    if (g_hash_table_contains (skus, g_array_index (self->rows, CiroUnmatchedRow, i).sku))
      g_array_remove_index (self->rows, i);
  for (guint i = self->suggestions != NULL ? self->suggestions->len : 0; i-- > 0;)
    if (g_hash_table_contains (skus, ((CiroSkuSuggestions *) self->suggestions->pdata[i])->sku))
      g_ptr_array_remove_index (self->suggestions, i);
  if (self->rows->len == 0)
    gtk_stack_set_visible_child_name (self->stack, "none");
  update_accept_row (self);
}

static void
mapped (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroUnmatchedDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = ciro_report_service_set_mappings_finish (CIRO_REPORT_SERVICE (source), result,
                                                                          &error);
  g_autofree char *text = NULL;

  if (self->context == NULL)
    return;                           /* the dialog is gone */
  if (changes == NULL)
    {
      toast (self, error->message, NULL);
      load (self);                    /* the rows taken out come back */
      return;
    }
  text = changes_text (self, changes);
  toast (self, text, changes);
  g_signal_emit (self, signals[SIGNAL_MAPPED], 0);
  /* costs changed, and every figure with them */
  ciro_context_store_changed (self->context);
}

static void
map_now (CiroUnmatchedDialog *self, const CiroMappingSet *sets, guint n)
{
  g_autoptr(GHashTable) skus = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    g_hash_table_add (skus, g_strdup (sets[i].sku));
  /* a write: never dropped by the next one */
  ciro_report_service_set_mappings_async (ciro_context_get_reports (self->context), sets, n, mapped,
                                          g_object_ref (self));
  drop_skus (self, skus);
}

static void
map_one (CiroUnmatchedDialog *self, const char *sku, const char *product_sku)
{
  const CiroProductRef *p = product_by_sku (self, product_sku);
  g_autofree char *keep = g_strdup (sku);
  CiroMappingSet set = { keep, 0, 0 };

  if (p == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("No product has the SKU “%s”"), product_sku);
      toast (self, text, NULL);
      return;
    }
  set.product_id = p->id;
  map_now (self, &set, 1);
}

static void
row_chosen (CiroUnmatchedDialog *self, const char *product_sku, CiroSkuMapRow *row)
{
  map_one (self, ciro_sku_map_row_get_sku (row), product_sku);
}

static guint
threshold (CiroUnmatchedDialog *self)
{
  return (guint) gtk_spin_button_get_value_as_int (self->threshold);
}

static void
update_accept_row (CiroUnmatchedDialog *self)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  guint min = threshold (self), n = 0, any = 0;
  g_autofree char *pct = ciro_percent_format (min, 0, style);
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;

  for (guint i = 0; self->suggestions != NULL && i < self->suggestions->len; i++)
    {
      const CiroSkuSuggestions *s = self->suggestions->pdata[i];
      n += ciro_sku_suggestions_pick (s, min) != NULL;
      any += s->suggestions->len > 0;
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u SKU has a suggestion at %s or more",
                                        "%u SKUs have a suggestion at %s or more", n), n, pct);
  /* TRANSLATORS: a button: "Accept All Above 80%" */
  label = g_strdup_printf (_("Accept All Above %s"), pct);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->accept_row), title);
  gtk_button_set_label (self->accept_button, label);
  /* on two lines rather than a dialog wider than a phone */
  if (GTK_IS_LABEL (gtk_button_get_child (self->accept_button)))
    {
      gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (self->accept_button)), TRUE);
      gtk_label_set_justify (GTK_LABEL (gtk_button_get_child (self->accept_button)), GTK_JUSTIFY_CENTER);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->accept_button), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->suggest_group), any > 0);
}

static void
accept_above (CiroUnmatchedDialog *self, guint min)
{
  g_autoptr(GArray) sets = g_array_new (FALSE, TRUE, sizeof (CiroMappingSet));
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; self->suggestions != NULL && i < self->suggestions->len; i++)
    {
      const CiroSkuSuggestions *s = self->suggestions->pdata[i];
      const CiroSuggestion *pick = ciro_sku_suggestions_pick (s, min);
      if (pick != NULL)
        {
          CiroMappingSet set = { g_strdup (s->sku), pick->product_id, 0 };
          g_ptr_array_add (keep, (char *) set.sku);
          g_array_append_val (sets, set);
        }
    }
  if (sets->len > 0)
    map_now (self, (CiroMappingSet *) sets->data, sets->len);
}

static void
accept_clicked (CiroUnmatchedDialog *self)
{
  accept_above (self, threshold (self));
}

/* "Suggested: Premium Deri Sneaker (S00105866), 85% · same digits 105866" */
static char *
suggestion_text (const CiroSuggestion *g)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autofree char *pct = ciro_percent_format (g->percent, 0, style);
  g_autoptr(GPtrArray) why = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  for (guint e = 0; e < g->evidence->len; e++)
    g_ptr_array_add (why, ciro_evidence_describe (&g_array_index (g->evidence, CiroEvidence, e), style));
  g_ptr_array_add (why, NULL);
  joined = g_strjoinv ("; ", (char **) why->pdata);
  /* TRANSLATORS: product name (its SKU), confidence · evidence */
  return g_strdup_printf (_("Suggested: %s (%s), %s · %s"), g->product_name && *g->product_name ? g->product_name : g->product_sku,
                          g->product_sku, pct, joined);
}

/* sku → CiroSkuSuggestions (borrowed) */
static GHashTable *
suggestions_by_sku (CiroUnmatchedDialog *self)
{
  GHashTable *by_sku = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; self->suggestions != NULL && i < self->suggestions->len; i++)
    g_hash_table_insert (by_sku, ((CiroSkuSuggestions *) self->suggestions->pdata[i])->sku, self->suggestions->pdata[i]);
  return by_sku;
}

static void
suggest_row (CiroSkuMapRow *row, const CiroSkuSuggestions *s)
{
  const CiroSuggestion *g;
  g_autofree char *text = NULL;

  if (s == NULL || s->suggestions->len == 0 || ciro_sku_map_row_get_suggested (row) != NULL)
    return;
  g = s->suggestions->pdata[0];
  text = suggestion_text (g);
  ciro_sku_map_row_set_suggestion (row, text, g->product_sku);
}

static void
show_rows (CiroUnmatchedDialog *self)
{
  g_autoptr(GHashTable) by_sku = suggestions_by_sku (self);
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
      suggest_row (CIRO_SKU_MAP_ROW (row), g_hash_table_lookup (by_sku, r->sku));
      g_signal_connect_object (row, "chosen", G_CALLBACK (row_chosen), self, G_CONNECT_SWAPPED);
      gtk_list_box_append (self->list, row);
    }
  update_accept_row (self);
  gtk_stack_set_visible_child_name (self->stack, self->rows->len ? "list" : "none");
}

static void
row_copy_clear (gpointer data)
{
  g_free (((CiroUnmatchedRow *) data)->sku);
}

static void
suggested (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroUnmatchedDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = ciro_report_service_suggest_finish (CIRO_REPORT_SERVICE (source), result, &error);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_sku = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;                           /* a newer load replaced it, or the dialog is gone */
  if (all == NULL)
    {
      toast (self, error->message, NULL);
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }
  /* rows mapped meanwhile have left the list: their suggestions go too */
  for (guint i = 0; i < self->rows->len; i++)
    g_hash_table_add (listed, g_array_index (self->rows, CiroUnmatchedRow, i).sku);
  for (guint i = all->len; i-- > 0;)
    if (!g_hash_table_contains (listed, ((CiroSkuSuggestions *) all->pdata[i])->sku))
      g_ptr_array_remove_index (all, i);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  self->suggestions = g_steal_pointer (&all);
  by_sku = suggestions_by_sku (self);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->list)); c; c = gtk_widget_get_next_sibling (c))
    if (CIRO_IS_SKU_MAP_ROW (c))
      suggest_row (CIRO_SKU_MAP_ROW (c), g_hash_table_lookup (by_sku, ciro_sku_map_row_get_sku (CIRO_SKU_MAP_ROW (c))));
  update_accept_row (self);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

/* Suggestions take seconds on a large store: asked for once the list shows. */
static void
suggest (CiroUnmatchedDialog *self)
{
  g_autoptr(GArray) rows = g_array_sized_new (FALSE, TRUE, sizeof (CiroUnmatchedRow), self->rows->len);

  g_array_set_clear_func (rows, row_copy_clear);
  for (guint i = 0; i < self->rows->len; i++)
    {
      CiroUnmatchedRow r = g_array_index (self->rows, CiroUnmatchedRow, i);
      r.sku = g_strdup (r.sku);
      g_array_append_val (rows, r);
    }
  ciro_report_service_suggest_async (ciro_context_get_reports (self->context), self, rows, self->cancellable,
                                     suggested, g_object_ref (self));
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
      if (self->rows != NULL)
        toast (self, error->message, NULL);
      else
        {
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->products, g_array_unref);
  g_clear_pointer (&self->folded, g_ptr_array_unref);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
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
  suggest (self);
}

static void
load (CiroUnmatchedDialog *self)
{
  if (self->rows == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  ciro_report_service_unmatched_async (ciro_context_get_reports (self->context), self, self->cancellable, loaded,
                                       g_object_ref (self));
}

/* ---------------------------------------------------------- CSV files */

static void
imported (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroUnmatchedDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroMappingImport) im = ciro_report_service_import_mappings_finish (CIRO_REPORT_SERVICE (source),
                                                                                result, &error);
  g_autofree char *text = NULL;

  if (self->context == NULL)
    return;
  if (im == NULL)
    {
      toast (self, error->message, NULL);
      return;
    }
  if (im->rejected == 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mapping imported", "%u mappings imported",
                                         im->imported), im->imported);
  else
    {
      g_autofree char *a = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mapping imported",
                                                         "%u mappings imported", im->imported), im->imported);
      g_autofree char *b = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row not imported",
                                                         "%u rows not imported", im->rejected), im->rejected);
      GString *body = g_string_new (NULL);
      AdwMessageDialog *dialog;
      guint shown = 0;

      text = g_strdup_printf ("%s, %s", a, b);
      for (guint i = 0; i < im->rows->len; i++)
        {
          const CiroMappingRow *r = &g_array_index (im->rows, CiroMappingRow, i);
          if (r->status == CIRO_MAPPING_ROW_OK)
            continue;
          if (shown++ == 30)
            {
              g_string_append (body, "…\n");
              break;
            }
          /* TRANSLATORS: "line 5: ESKI-KOD-1;KLM-3: the SKU is in an earlier row too" */
          g_string_append_printf (body, _("line %u: %s;%s: %s\n"), r->line, r->sku, r->product_sku,
                                  ciro_mapping_row_status_message (r->status));
        }
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), b, NULL));
      adw_message_dialog_set_body (dialog, body->str);
      adw_message_dialog_add_response (dialog, "close", _("Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      g_string_free (body, TRUE);
    }
  toast (self, text, im->changes);
  if (im->imported > 0)
    {
      g_signal_emit (self, signals[SIGNAL_MAPPED], 0);
      ciro_context_store_changed (self->context);
    }
  load (self);
}

static void
exported (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroUnmatchedDialog) self = data;
  g_autoptr(GError) error = NULL;
  gint64 n = ciro_report_service_export_mappings_finish (CIRO_REPORT_SERVICE (source), result, &error);
  const char *path = g_object_get_data (G_OBJECT (self), "export-path");
  g_autofree char *text = NULL;

  if (self->context == NULL)
    return;
  if (n < 0)
    text = g_strdup (error->message);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld mapping written to %s", "%lld mappings written to %s",
                                         (gulong) n), (long long) n, path);
  toast (self, text, NULL);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

void
ciro_unmatched_dialog_import (CiroUnmatchedDialog *self, const char *path)
{
  g_return_if_fail (CIRO_IS_UNMATCHED_DIALOG (self));
  ciro_report_service_import_mappings_async (ciro_context_get_reports (self->context), path, imported,
                                             g_object_ref (self));
}

void
ciro_unmatched_dialog_export (CiroUnmatchedDialog *self, const char *path)
{
  g_return_if_fail (CIRO_IS_UNMATCHED_DIALOG (self));
  g_object_set_data_full (G_OBJECT (self), "export-path", g_strdup (path), g_free);
  ciro_report_service_export_mappings_async (ciro_context_get_reports (self->context), path, exported,
                                             g_object_ref (self));
}

static void
chooser_response (GtkNativeDialog *chooser, int response, CiroUnmatchedDialog *self)
{
  gboolean save = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      if (path != NULL && save)
        ciro_unmatched_dialog_export (self, path);
      else if (path != NULL)
        ciro_unmatched_dialog_import (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
choose_file (CiroUnmatchedDialog *self, gboolean save)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (save ? _("Export Mappings") : _("Import Mappings"), GTK_WINDOW (self),
                                               save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               save ? _("_Export") : _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  if (save)
    /* TRANSLATORS: the default name of the exported mappings file */
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), _("sku-mappings.csv"));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
import_clicked (CiroUnmatchedDialog *self)
{
  choose_file (self, FALSE);
}

static void
export_clicked (CiroUnmatchedDialog *self)
{
  choose_file (self, TRUE);
}

static void
start (CiroUnmatchedDialog *self, const char *sku, const char *product_sku)
{
  if (sku == NULL)
    load (self);
  else
    map_one (self, sku, product_sku);
}

void
ciro_unmatched_dialog_map (CiroUnmatchedDialog *self, const char *sku, const char *product_sku)
{
  g_return_if_fail (CIRO_IS_UNMATCHED_DIALOG (self));
  start (self, sku, product_sku);
}

void
ciro_unmatched_dialog_accept_above (CiroUnmatchedDialog *self, guint percent)
{
  g_return_if_fail (CIRO_IS_UNMATCHED_DIALOG (self));
  gtk_spin_button_set_value (self->threshold, percent);
  accept_above (self, threshold (self));
}

gboolean
ciro_unmatched_dialog_undo (CiroUnmatchedDialog *self)
{
  g_autoptr(GPtrArray) changes = NULL;

  g_return_val_if_fail (CIRO_IS_UNMATCHED_DIALOG (self), FALSE);
  if (self->last_changes == NULL)
    return FALSE;
  changes = g_steal_pointer (&self->last_changes);
  ciro_report_service_undo_mappings_async (ciro_context_get_reports (self->context), changes, undone,
                                           g_object_ref (self));
  return TRUE;
}

const char *
ciro_unmatched_dialog_get_toast (CiroUnmatchedDialog *self)
{
  g_return_val_if_fail (CIRO_IS_UNMATCHED_DIALOG (self), NULL);
  return self->last_toast;
}

char *
ciro_unmatched_dialog_get_suggestion (CiroUnmatchedDialog *self, const char *sku)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->list)); c; c = gtk_widget_get_next_sibling (c))
    if (CIRO_IS_SKU_MAP_ROW (c) && g_strcmp0 (ciro_sku_map_row_get_sku (CIRO_SKU_MAP_ROW (c)), sku) == 0)
      return ciro_sku_map_row_get_suggested (CIRO_SKU_MAP_ROW (c))
               ? g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (c))) : NULL;
  return NULL;
}

const char *
ciro_unmatched_dialog_get_accept_label (CiroUnmatchedDialog *self)
{
  return gtk_button_get_label (self->accept_button);
}

const char *
ciro_unmatched_dialog_get_accept_title (CiroUnmatchedDialog *self)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->accept_row));
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
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  g_clear_pointer (&self->last_changes, g_ptr_array_unref);
  g_clear_pointer (&self->last_toast, g_free);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
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
  gtk_widget_class_bind_template_child (widget_class, CiroUnmatchedDialog, suggest_group);
  gtk_widget_class_bind_template_child (widget_class, CiroUnmatchedDialog, accept_row);
  gtk_widget_class_bind_template_child (widget_class, CiroUnmatchedDialog, threshold);
  gtk_widget_class_bind_template_child (widget_class, CiroUnmatchedDialog, accept_button);
  gtk_widget_class_bind_template_child (widget_class, CiroUnmatchedDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, CiroUnmatchedDialog, export_button);
}

static void
ciro_unmatched_dialog_init (CiroUnmatchedDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->threshold, "value-changed", G_CALLBACK (update_accept_row), self);
  g_signal_connect_swapped (self->accept_button, "clicked", G_CALLBACK (accept_clicked), self);
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (import_clicked), self);
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked), self);
  update_accept_row (self);
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
