/* ciro-tariff-group.c: carrier tariffs in Preferences (insights.md §3)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "analytics/ciro-report-service.h"
#include "core/ciro-carrier.h"
#include "core/ciro-date.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-money.h"
#include "core/ciro-number.h"
#include "core/ciro-text.h"
#include "store/ciro-tariffs.h"
#include "widgets/ciro-marketplace-name.h"
#include "ciro-profit-page.h"
#include "ciro-tariff-group.h"

/* the store refuses more (ciro_store_set_tariff): checked before asking it */
#define MAX_TARIFF G_GINT64_CONSTANT (10000000)

static char *
amount_text (CiroKurus amount)
{
  return ciro_money_format (amount, ciro_number_style_from_locale ());
}

static const char *
marketplace_text (const char *marketplace)
{
  return marketplace != NULL && *marketplace != '\0' ? ciro_marketplace_display (marketplace) : _("Any marketplace");
}

static gboolean
same_key (const CiroTariff *a, const CiroTariff *b)
{
  return g_strcmp0 (a->carrier, b->carrier) == 0 && g_strcmp0 (a->marketplace, b->marketplace) == 0;
}

/* ------------------------------------------------------------ workers */

typedef struct {
  GPtrArray *tariffs;        /* CiroTariff, by carrier, marketplace ("" first) and day */
  GPtrArray *marketplaces;   /* names */
} Listing;

static void
listing_free (Listing *l)
{
  g_clear_pointer (&l->tariffs, g_ptr_array_unref);
  g_clear_pointer (&l->marketplaces, g_ptr_array_unref);
  g_free (l);
}

static gpointer
list_worker (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Listing *l = g_new0 (Listing, 1);

  if ((l->tariffs = ciro_store_list_tariffs (store, error)) == NULL ||
      (l->marketplaces = ciro_store_list_marketplace_names (store, error)) == NULL)
    {
      listing_free (l);
      return NULL;
    }
  return l;
}

typedef struct {
  char      *carrier;
  char      *marketplace;    /* "" any */
  CiroDay    from_day;
  CiroKurus  amount;
  gboolean   remove;
  /* an edited tariff whose carrier, marketplace or day changed: removed
   * once the new one is saved */
  gboolean   replaces;
  char      *old_marketplace;
  CiroDay    old_day;
} Job;

static void
job_free (Job *j)
{
  g_free (j->carrier);
  g_free (j->marketplace);
  g_free (j->old_marketplace);
  g_free (j);
}

static gpointer
write_worker (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *j = data;

  /* the report service's connections defer recomputes: this marks the
   * store, and the window's recompute bar runs it with progress */
  if (j->remove)
    return ciro_store_remove_tariff (store, j->carrier, j->marketplace, j->from_day, error) ? GINT_TO_POINTER (1)
                                                                                           : NULL;
  if (!ciro_store_set_tariff (store, j->carrier, j->marketplace, j->from_day, j->amount, error))
    return NULL;
  if (j->replaces && !ciro_store_remove_tariff (store, j->carrier, j->old_marketplace, j->old_day, error))
    return NULL;
  return GINT_TO_POINTER (1);
}

/* ------------------------------------------------------------ the group */

struct _CiroTariffGroup
{
  AdwPreferencesGroup parent_instance;

  CiroContext  *context;
  GCancellable *cancellable;
  guint         loading;
  Listing      *listing;
  GPtrArray    *rows;             /* AdwActionRow shown */
  GPtrArray    *dialogs;          /* CiroTariffDialog, open */
};

G_DEFINE_FINAL_TYPE (CiroTariffGroup, ciro_tariff_group, ADW_TYPE_PREFERENCES_GROUP)

/* ------------------------------------------------------------ the dialog */

struct _CiroTariffDialog
{
  CiroDatedDialog  parent_instance;

  CiroTariffGroup *group;
  char            *carrier;       /* normalised; NULL: a new carrier's tariff */
  int              editing;       /* the history's tariff in the form, or -1 */

  AdwPreferencesGroup *carrier_group;
  AdwEntryRow     *carrier_row;
  AdwPreferencesGroup *history_group;
  GPtrArray       *history;       /* CiroTariff shown (copies) */
  AdwPreferencesGroup *form_group;
  AdwComboRow     *marketplace;
  GtkStringList   *mp_model;      /* "Any marketplace", then names */
  AdwEntryRow     *amount;
  GtkWidget       *cancel;
};

G_DEFINE_FINAL_TYPE (CiroTariffDialog, ciro_tariff_dialog, CIRO_TYPE_DATED_DIALOG)

static void group_reload (CiroTariffGroup *self);

static void
dialog_set_error (CiroTariffDialog *self, const char *text)
{
  ciro_dated_dialog_set_error (CIRO_DATED_DIALOG (self), text);
}

static void
dialog_update_title (CiroTariffDialog *self)
{
  g_autofree char *title = NULL;

  if (self->carrier == NULL)
    title = g_strdup (_("New Carrier Tariff"));
  else
    /* TRANSLATORS: a carrier's tariffs dialog; %s is the carrier */
    title = g_strdup_printf (_("Tariffs of %s"), ciro_carrier_display (self->carrier));
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_widget_set_visible (GTK_WIDGET (self->carrier_group), self->carrier == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), self->carrier != NULL);
}

static void
dialog_update_mode (CiroTariffDialog *self)
{
  gboolean editing = self->editing >= 0;
  GtkWidget *add = ciro_dated_dialog_get_add_button (CIRO_DATED_DIALOG (self));

  adw_preferences_group_set_title (self->form_group, editing ? _("Change the Tariff") : _("Add a Tariff"));
  gtk_button_set_label (GTK_BUTTON (add), editing ? _("_Save") : _("_Add"));
  gtk_widget_set_visible (self->cancel, editing);
}

/* The marketplace picked: "" for any. */
static const char *
dialog_marketplace (CiroTariffDialog *self)
{
  guint i = adw_combo_row_get_selected (self->marketplace);

  if (i == 0 || i == GTK_INVALID_LIST_POSITION)
    return "";
  return gtk_string_list_get_string (self->mp_model, i);
}

static void
dialog_select_marketplace (CiroTariffDialog *self, const char *marketplace)
{
  g_autofree char *want = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->mp_model));

  if (marketplace == NULL || *marketplace == '\0')
    {
      adw_combo_row_set_selected (self->marketplace, 0);
      return;
    }
  want = ciro_marketplace_normalize (marketplace);
  for (guint i = 1; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->mp_model, i), want) == 0)
      {
        adw_combo_row_set_selected (self->marketplace, i);
        return;
      }
  /* a tariff's marketplace that is not among the store's: offered too */
  gtk_string_list_append (self->mp_model, want);
  adw_combo_row_set_selected (self->marketplace, n);
}

static void
dialog_fill (CiroTariffDialog *self)
{
  CiroDatedDialog *dated = CIRO_DATED_DIALOG (self);
  Listing *l = self->group->listing;
  g_autofree char *selected = g_strdup (dialog_marketplace (self));
  g_autoptr(CiroTariff) edited = NULL;

  /* the marketplaces: the store's and those of this carrier's tariffs */
  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (self->mp_model));
    g_autoptr(GPtrArray) names = g_ptr_array_new ();

    g_ptr_array_add (names, (gpointer) _("Any marketplace"));
    for (guint i = 0; l != NULL && i < l->marketplaces->len; i++)
      g_ptr_array_add (names, l->marketplaces->pdata[i]);
    g_ptr_array_add (names, NULL);
    gtk_string_list_splice (self->mp_model, 0, n, (const char * const *) names->pdata);
    dialog_select_marketplace (self, selected);
  }

  /* the tariff being changed, found again in the new history (gone: the
   * form adds) */
  if (self->editing >= 0)
    edited = g_ptr_array_steal_index (self->history, (guint) self->editing);
  self->editing = -1;
  ciro_dated_dialog_clear_history (dated);
  g_ptr_array_set_size (self->history, 0);
  if (self->carrier == NULL)
    {
      dialog_update_mode (self);
      return;
    }

  for (guint i = 0; l != NULL && i < l->tariffs->len; i++)
    {
      const CiroTariff *t = l->tariffs->pdata[i];
      CiroTariff *copy;
      g_autofree char *v = NULL, *d = NULL, *from = NULL, *sub = NULL;

      if (g_strcmp0 (t->carrier, self->carrier) != 0)
        continue;
      v = amount_text (t->amount);
      d = ciro_day_to_string (t->from_day);
      from = g_strdup_printf (_("From %s on"), d);
      /* TRANSLATORS: a tariff's day and marketplace: "From 2026-03-01 on · Trendyol" */
      sub = g_strdup_printf (_("%s · %s"), from, marketplace_text (t->marketplace));
      ciro_dated_dialog_append_history (dated, v, sub, _("Change This Tariff"), _("Remove This Tariff"),
                                        self->history->len);
      copy = g_new0 (CiroTariff, 1);
      copy->carrier = g_strdup (t->carrier);
      copy->marketplace = g_strdup (t->marketplace);
      copy->from_day = t->from_day;
      copy->amount = t->amount;
      if (edited != NULL && same_key (edited, copy) && edited->from_day == copy->from_day)
        self->editing = (int) self->history->len;
      g_ptr_array_add (self->history, copy);
    }
  dialog_update_mode (self);
  if (self->history->len == 0)
    ciro_dated_dialog_append_note (dated, _("No tariff for this carrier"), NULL, TRUE);
}

static void
tariff_dialog_saved (CiroDatedDialog *dated, gpointer data)
{
  CiroTariffDialog *self = CIRO_TARIFF_DIALOG (dated);
  Job *job = data;

  /* a new carrier's dialog is the carrier's from now on */
  if (self->carrier == NULL)
    {
      self->carrier = g_strdup (job->carrier);
      dialog_update_title (self);
    }
  if (!job->remove)
    gtk_editable_set_text (GTK_EDITABLE (self->amount), "");
  self->editing = -1;
  dialog_update_mode (self);
}

static void
dialog_write (CiroTariffDialog *self, Job *job)
{
  ciro_dated_dialog_write (CIRO_DATED_DIALOG (self), self->group->context, write_worker, job,
                           (GDestroyNotify) job_free);
}

static void
mark_error (GtkWidget *row)
{
  gtk_widget_add_css_class (row, "error");
}

void
ciro_tariff_dialog_add (CiroTariffDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->amount));
  g_autofree char *day_error = NULL;
  g_autofree char *carrier = NULL;
  g_autofree char *marketplace = NULL;
  const CiroTariff *old = NULL;
  AdwEntryRow *from;
  Listing *l;
  CiroKurus amount = 0;
  CiroDay day;
  Job *job;

  g_return_if_fail (CIRO_IS_TARIFF_DIALOG (self));
  from = ciro_dated_dialog_get_from (CIRO_DATED_DIALOG (self));
  dialog_set_error (self, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->carrier_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->amount), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (from), "error");

  if (self->carrier != NULL)
    carrier = g_strdup (self->carrier);
  else
    {
      g_autofree char *typed = ciro_strip (gtk_editable_get_text (GTK_EDITABLE (self->carrier_row)));
      if (*typed == '\0')
        {
          mark_error (GTK_WIDGET (self->carrier_row));
          dialog_set_error (self, _("Enter the carrier’s name"));
          return;
        }
      carrier = ciro_carrier_normalize (typed);
    }
  {
    const char *mp = dialog_marketplace (self);
    marketplace = *mp != '\0' ? ciro_marketplace_normalize (mp) : g_strdup ("");
  }
  if (*text == '\0')
    {
      mark_error (GTK_WIDGET (self->amount));
      dialog_set_error (self, _("Enter what one order costs with the carrier"));
      return;
    }
  if (!ciro_parse_money (text, &amount, NULL))
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” is not a number"), text);
      mark_error (GTK_WIDGET (self->amount));
      dialog_set_error (self, msg);
      return;
    }
  if (amount < 0 || amount > MAX_TARIFF)
    {
      mark_error (GTK_WIDGET (self->amount));
      dialog_set_error (self, _("A tariff must be between ₺0 and ₺100,000 per order"));
      return;
    }
  if ((day_error = ciro_preferences_check_day (gtk_editable_get_text (GTK_EDITABLE (from)), &day)) != NULL)
    {
      mark_error (GTK_WIDGET (from));
      dialog_set_error (self, day_error);
      return;
    }

  /* one tariff a carrier, marketplace and day: another on the same day is
   * a mistake, not a change (a change is made with the edit button) */
  if (self->editing >= 0)
    old = self->history->pdata[self->editing];
  l = self->group->listing;
  for (guint i = 0; l != NULL && i < l->tariffs->len; i++)
    {
      const CiroTariff *t = l->tariffs->pdata[i];
      g_autofree char *d = NULL;
      g_autofree char *msg = NULL;

      if (g_strcmp0 (t->carrier, carrier) != 0 || g_strcmp0 (t->marketplace, marketplace) != 0 ||
          t->from_day != day)
        continue;
      if (old != NULL && same_key (old, t) && old->from_day == t->from_day)
        continue;
      d = ciro_day_to_string (day);
      /* TRANSLATORS: carrier, marketplace (or "Any marketplace"), date */
      msg = g_strdup_printf (_("%s already has a tariff for %s from %s. Change that one, or choose another date."),
                             ciro_carrier_display (carrier), marketplace_text (marketplace), d);
      mark_error (GTK_WIDGET (from));
      dialog_set_error (self, msg);
      return;
    }

  job = g_new0 (Job, 1);
  job->carrier = g_steal_pointer (&carrier);
  job->marketplace = g_steal_pointer (&marketplace);
  job->from_day = day;
  job->amount = amount;
  if (old != NULL && (g_strcmp0 (old->marketplace, job->marketplace) != 0 || old->from_day != day))
    {
      job->replaces = TRUE;
      job->old_marketplace = g_strdup (old->marketplace);
      job->old_day = old->from_day;
    }
  dialog_write (self, job);
}

void
ciro_tariff_dialog_edit (CiroTariffDialog *self, guint i)
{
  const CiroTariff *t;
  g_autofree char *amount = NULL;
  g_autofree char *day = NULL;

  g_return_if_fail (CIRO_IS_TARIFF_DIALOG (self));
  g_return_if_fail (i < self->history->len);
  t = self->history->pdata[i];
  amount = ciro_money_format (t->amount, ciro_number_style_from_locale ());
  day = ciro_day_to_string (t->from_day);
  dialog_select_marketplace (self, t->marketplace);
  gtk_editable_set_text (GTK_EDITABLE (self->amount), amount);
  gtk_editable_set_text (GTK_EDITABLE (ciro_dated_dialog_get_from (CIRO_DATED_DIALOG (self))), day);
  self->editing = (int) i;
  dialog_set_error (self, NULL);
  dialog_update_mode (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->amount));
}

void
ciro_tariff_dialog_remove (CiroTariffDialog *self, guint i)
{
  const CiroTariff *t;
  Job *job;

  g_return_if_fail (CIRO_IS_TARIFF_DIALOG (self));
  g_return_if_fail (i < self->history->len);
  t = self->history->pdata[i];
  job = g_new0 (Job, 1);
  job->carrier = g_strdup (t->carrier);
  job->marketplace = g_strdup (t->marketplace);
  job->from_day = t->from_day;
  job->remove = TRUE;
  dialog_set_error (self, NULL);
  dialog_write (self, job);
}

static void
tariff_dialog_add (CiroDatedDialog *dated)
{
  ciro_tariff_dialog_add (CIRO_TARIFF_DIALOG (dated));
}

static void
tariff_dialog_edit (CiroDatedDialog *dated, guint i)
{
  ciro_tariff_dialog_edit (CIRO_TARIFF_DIALOG (dated), i);
}

static void
tariff_dialog_remove (CiroDatedDialog *dated, guint i)
{
  ciro_tariff_dialog_remove (CIRO_TARIFF_DIALOG (dated), i);
}

static void
cancel_clicked (CiroTariffDialog *self)
{
  self->editing = -1;
  gtk_editable_set_text (GTK_EDITABLE (self->amount), "");
  dialog_set_error (self, NULL);
  dialog_update_mode (self);
}

void
ciro_tariff_dialog_fill (CiroTariffDialog *self,
                         const char       *carrier,
                         const char       *marketplace,
                         const char       *amount,
                         const char       *from)
{
  g_return_if_fail (CIRO_IS_TARIFF_DIALOG (self));
  if (carrier != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->carrier_row), carrier);
  if (marketplace != NULL)
    dialog_select_marketplace (self, marketplace);
  if (amount != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->amount), amount);
  if (from != NULL)
    gtk_editable_set_text (GTK_EDITABLE (ciro_dated_dialog_get_from (CIRO_DATED_DIALOG (self))), from);
}

const char *
ciro_tariff_dialog_get_error (CiroTariffDialog *self)
{
  g_return_val_if_fail (CIRO_IS_TARIFF_DIALOG (self), NULL);
  return ciro_dated_dialog_get_error (CIRO_DATED_DIALOG (self));
}

guint
ciro_tariff_dialog_get_pending (CiroTariffDialog *self)
{
  g_return_val_if_fail (CIRO_IS_TARIFF_DIALOG (self), 0);
  return ciro_dated_dialog_get_pending (CIRO_DATED_DIALOG (self));
}

char **
ciro_tariff_dialog_get_history (CiroTariffDialog *self)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  g_return_val_if_fail (CIRO_IS_TARIFF_DIALOG (self), NULL);
  for (guint i = 0; i < self->history->len; i++)
    {
      const CiroTariff *t = self->history->pdata[i];
      g_autofree char *d = ciro_day_to_string (t->from_day);
      g_autofree char *v = amount_text (t->amount);
      g_autofree char *line = g_strdup_printf ("%s %s %s", d, marketplace_text (t->marketplace), v);
      g_strv_builder_add (b, line);
    }
  return g_strv_builder_end (b);
}

static void
ciro_tariff_dialog_dispose (GObject *object)
{
  CiroTariffDialog *self = CIRO_TARIFF_DIALOG (object);

  if (self->group != NULL)
    g_ptr_array_remove (self->group->dialogs, self);
  g_clear_object (&self->group);
  G_OBJECT_CLASS (ciro_tariff_dialog_parent_class)->dispose (object);
}

static void
ciro_tariff_dialog_finalize (GObject *object)
{
  CiroTariffDialog *self = CIRO_TARIFF_DIALOG (object);

  g_free (self->carrier);
  g_ptr_array_unref (self->history);
  g_clear_object (&self->mp_model);
  G_OBJECT_CLASS (ciro_tariff_dialog_parent_class)->finalize (object);
}

static void
ciro_tariff_dialog_class_init (CiroTariffDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CiroDatedDialogClass *dated_class = CIRO_DATED_DIALOG_CLASS (klass);

  object_class->dispose = ciro_tariff_dialog_dispose;
  object_class->finalize = ciro_tariff_dialog_finalize;
  dated_class->add = tariff_dialog_add;
  dated_class->edit = tariff_dialog_edit;
  dated_class->remove = tariff_dialog_remove;
  dated_class->saved = tariff_dialog_saved;
}

static void
ciro_tariff_dialog_init (CiroTariffDialog *self)
{
  CiroDatedDialog *dated = CIRO_DATED_DIALOG (self);
  AdwPreferencesPage *page = ciro_dated_dialog_get_page (dated);

  self->editing = -1;
  self->history = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_tariff_free);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 640);

  /* a new carrier's tariff: which carrier */
  self->carrier_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->carrier_group, _("Carrier"));
  adw_preferences_group_set_description (self->carrier_group,
    _("Any spelling: “Yurtiçi”, “YK” and “Yurtiçi Kargo” are the same carrier."));
  self->carrier_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->carrier_row), "carrier");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->carrier_row), _("Carrier’s Name"));
  adw_preferences_group_add (self->carrier_group, GTK_WIDGET (self->carrier_row));
  adw_preferences_page_add (page, self->carrier_group);

  /* every tariff of the carrier */
  self->history_group = ciro_dated_dialog_add_history (dated);

  /* a tariff from a date */
  self->form_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_description (self->form_group,
    _("A tariff for one marketplace comes before the one for any marketplace. The figures are brought up to date in the background."));
  self->mp_model = gtk_string_list_new (NULL);
  gtk_string_list_append (self->mp_model, _("Any marketplace"));
  self->marketplace = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->marketplace), _("Marketplace"));
  /* before the model: the rows a model makes are bound with it */
  adw_combo_row_set_expression (self->marketplace, ciro_marketplace_name_expression ());
  adw_combo_row_set_model (self->marketplace, G_LIST_MODEL (self->mp_model));
  adw_preferences_group_add (self->form_group, GTK_WIDGET (self->marketplace));
  self->amount = ADW_ENTRY_ROW (adw_entry_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->amount), "amount");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->amount), _("Per Order in ₺"));
  g_signal_connect_swapped (self->amount, "entry-activated", G_CALLBACK (tariff_dialog_add), self);
  adw_preferences_group_add (self->form_group, GTK_WIDGET (self->amount));
  self->cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (self->cancel, "clicked", G_CALLBACK (cancel_clicked), self);
  ciro_dated_dialog_finish_form (dated, self->form_group, self->cancel);
  dialog_update_mode (self);
}

static CiroTariffDialog *
dialog_new (CiroTariffGroup *group, const char *carrier)
{
  CiroTariffDialog *self = g_object_new (CIRO_TYPE_TARIFF_DIALOG, NULL);

  self->group = g_object_ref (group);
  self->carrier = carrier != NULL ? ciro_carrier_normalize (carrier) : NULL;
  ciro_dated_dialog_set_parent (CIRO_DATED_DIALOG (self), GTK_WIDGET (group));
  g_ptr_array_add (group->dialogs, self);
  dialog_update_title (self);
  dialog_fill (self);
  return self;
}

/* ------------------------------------------------------------ the group's rows */

static void
row_activated (AdwActionRow *row, CiroTariffGroup *self)
{
  CiroTariffDialog *d = ciro_tariff_group_open (self, g_object_get_data (G_OBJECT (row), "carrier"));

  ciro_tariff_dialog_fill (d, NULL, g_object_get_data (G_OBJECT (row), "marketplace"), NULL, NULL);
  gtk_window_present (GTK_WINDOW (d));
}

/* Today's tariff of tariffs[first..last) (one carrier and marketplace),
 * and the next change to come. */
static char *
summary_text (GPtrArray *tariffs, guint first, guint last)
{
  CiroDay today = ciro_today ();
  const CiroTariff *cur = NULL, *next = NULL;
  g_autofree char *now = NULL;

  for (guint i = first; i < last; i++)
    {
      const CiroTariff *t = tariffs->pdata[i];
      if (t->from_day <= today)
        cur = t;
      else if (next == NULL)
        next = t;
    }
  if (cur != NULL)
    {
      g_autofree char *v = amount_text (cur->amount);
      g_autofree char *d = ciro_day_to_string (cur->from_day);
      now = g_strdup_printf (_("%s since %s"), v, d);
    }
  if (next != NULL)
    {
      g_autofree char *v = amount_text (next->amount);
      g_autofree char *d = ciro_day_to_string (next->from_day);
      if (now != NULL)
        return g_strdup_printf (_("%s; %s from %s"), now, v, d);
      /* TRANSLATORS: a tariff to come, none yet: "₺12,50 from 2027-01-01" */
      return g_strdup_printf (_("%s from %s"), v, d);
    }
  return g_steal_pointer (&now);
}

static void
add_row (CiroTariffGroup *self, GtkWidget *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
}

static void
group_fill (CiroTariffGroup *self)
{
  GPtrArray *tariffs = self->listing->tariffs;
  GtkWidget *row;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  if (tariffs->len == 0)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No tariffs yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
        _("Each order’s shipping costs what its marketplace’s shipping per order says. Add a carrier’s tariff to count what the carrier charges."));
      gtk_widget_add_css_class (row, "dim-label");
      add_row (self, row);
    }
  for (guint i = 0; i < tariffs->len;)
    {
      const CiroTariff *t = tariffs->pdata[i];
      g_autofree char *summary = NULL;
      g_autofree char *title = NULL;
      guint end = i + 1;

      while (end < tariffs->len && same_key (t, tariffs->pdata[end]))
        end++;
      summary = summary_text (tariffs, i, end);
      title = *t->marketplace != '\0' ? g_strdup_printf ("%s · %s", ciro_carrier_display (t->carrier),
                                                        ciro_marketplace_display (t->marketplace))
                                      : g_strdup (ciro_carrier_display (t->carrier));
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "carrier", g_strdup (t->carrier), g_free);
      g_object_set_data_full (G_OBJECT (row), "marketplace", g_strdup (t->marketplace), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (row_activated), self);
      add_row (self, row);
      i = end;
    }
  for (guint i = 0; i < self->dialogs->len; i++)
    dialog_fill (self->dialogs->pdata[i]);
}

static void
group_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroTariffGroup) self = data;
  g_autoptr(GError) error = NULL;
  Listing *l = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);

  self->loading--;
  if (l == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ciro_preferences_toast (GTK_WIDGET (self), error->message);
      return;
    }
  g_clear_pointer (&self->listing, listing_free);
  self->listing = l;
  group_fill (self);
}

static void
group_reload (CiroTariffGroup *self)
{
  self->loading++;
  ciro_report_service_run_async (ciro_context_get_reports (self->context), self, list_worker, NULL, NULL,
                                 (GDestroyNotify) listing_free, self->cancellable, group_loaded,
                                 g_object_ref (self));
}

gboolean
ciro_tariff_group_is_loading (CiroTariffGroup *self)
{
  g_return_val_if_fail (CIRO_IS_TARIFF_GROUP (self), FALSE);
  return self->loading > 0;
}

char **
ciro_tariff_group_get_rows (CiroTariffGroup *self)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  g_return_val_if_fail (CIRO_IS_TARIFF_GROUP (self), NULL);
  for (guint i = 0; i < self->rows->len; i++)
    {
      AdwActionRow *row = self->rows->pdata[i];
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

      if (g_object_get_data (G_OBJECT (row), "carrier") == NULL)
        g_strv_builder_add (b, title);
      else
        {
          g_autofree char *line = g_strdup_printf ("%s: %s", title, adw_action_row_get_subtitle (row));
          g_strv_builder_add (b, line);
        }
    }
  return g_strv_builder_end (b);
}

CiroTariffDialog *
ciro_tariff_group_open (CiroTariffGroup *self, const char *carrier)
{
  g_return_val_if_fail (CIRO_IS_TARIFF_GROUP (self), NULL);
  return dialog_new (self, carrier);
}

static void
new_clicked (CiroTariffGroup *self)
{
  gtk_window_present (GTK_WINDOW (ciro_tariff_group_open (self, NULL)));
}

static void
ciro_tariff_group_dispose (GObject *object)
{
  CiroTariffGroup *self = CIRO_TARIFF_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  if (self->context != NULL)
    ciro_report_service_cancel (ciro_context_get_reports (self->context), self);
  while (self->dialogs->len > 0)
    gtk_window_destroy (GTK_WINDOW (self->dialogs->pdata[self->dialogs->len - 1]));
  g_clear_object (&self->context);
  G_OBJECT_CLASS (ciro_tariff_group_parent_class)->dispose (object);
}

static void
ciro_tariff_group_finalize (GObject *object)
{
  CiroTariffGroup *self = CIRO_TARIFF_GROUP (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->listing, listing_free);
  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->dialogs);
  G_OBJECT_CLASS (ciro_tariff_group_parent_class)->finalize (object);
}

static void
ciro_tariff_group_class_init (CiroTariffGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ciro_tariff_group_dispose;
  object_class->finalize = ciro_tariff_group_finalize;
}

static void
ciro_tariff_group_init (CiroTariffGroup *self)
{
  GtkWidget *button;
  const char *label = _("Add a Carrier Tariff");

  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->dialogs = g_ptr_array_new ();
  gtk_widget_set_name (GTK_WIDGET (self), "tariffs");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Carrier Tariffs"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
    _("What one order’s shipping costs with a carrier, from a date on, for one marketplace or any. It replaces the marketplace’s shipping per order for that carrier’s orders."));
  /* an icon only: the title and description keep the width at 360 px */
  button = ciro_icon_button ("list-add-symbolic", label);
  gtk_widget_set_name (button, "add-tariff");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (new_clicked), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), button);
}

GtkWidget *
ciro_tariff_group_new (CiroContext *context)
{
  CiroTariffGroup *self;

  g_return_val_if_fail (CIRO_IS_CONTEXT (context), NULL);
  self = g_object_new (CIRO_TYPE_TARIFF_GROUP, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (context, "store-changed", G_CALLBACK (group_reload), self, G_CONNECT_SWAPPED);
  group_reload (self);
  return GTK_WIDGET (self);
}
