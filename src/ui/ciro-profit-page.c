/* ciro-profit-page.c: Preferences for profit after KDV (profit.md)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "analytics/ciro-report-service.h"
#include "core/ciro-date.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-money.h"
#include "core/ciro-number.h"
#include "core/ciro-text.h"
#include "store/ciro-profit.h"
#include "store/ciro-settings.h"
#include "widgets/ciro-marketplace-name.h"
#include "ciro-profit-page.h"

#define FIRST_DAY_YEAR 2000

/* One setting with history: a rate key of ciro-profit.h, and its
 * marketplace (normalised) and category (folded) where it has them. */
typedef struct {
  const char *rate;
  char       *marketplace;
  char       *category;
} Setting;

static void
setting_clear (Setting *s)
{
  g_clear_pointer (&s->marketplace, g_free);
  g_clear_pointer (&s->category, g_free);
}

static char *
setting_key (const char *rate, const char *marketplace, const char *category)
{
  if (g_str_equal (rate, CIRO_RATE_SERVICE_FEE))
    return g_strconcat ("service_fee.", marketplace, NULL);
  if (g_str_equal (rate, CIRO_RATE_CATEGORY_COMMISSION))
    return g_strconcat (CIRO_SETTING_COMMISSION_PREFIX, marketplace, ".", category, NULL);
  return g_strdup (rate);
}

static gboolean
entry_is (const CiroRateEntry *e, const Setting *s)
{
  return g_str_equal (e->key, s->rate) &&
         (s->marketplace == NULL || g_strcmp0 (e->marketplace, s->marketplace) == 0) &&
         (s->category == NULL || g_strcmp0 (e->category, s->category) == 0);
}

static gboolean
is_money (const char *rate)
{
  return g_str_equal (rate, CIRO_RATE_SERVICE_FEE);
}

static char *
value_text (const char *rate, gint64 value)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();

  if (is_money (rate))
    return ciro_money_format (value, style);
  if (value < 0)
    return g_strdup (_("The marketplace’s commission"));
  return ciro_percent_format (value / 100.0, value % 100 == 0 ? 0 : value % 10 == 0 ? 1 : 2, style);
}

static char *
default_text (const char *rate)
{
  if (g_str_equal (rate, CIRO_RATE_SERVICE_FEE))
    return ciro_money_format (0, ciro_number_style_from_locale ());
  if (g_str_equal (rate, CIRO_RATE_CATEGORY_COMMISSION))
    return g_strdup (_("The marketplace’s commission"));
  return ciro_percent_format (CIRO_DEFAULT_FEE_VAT / 100.0, 0, ciro_number_style_from_locale ());
}

static char *
day_text (CiroDay day)
{
  return ciro_day_to_string (day);
}

/* Today's value of the setting, and the next change to come. */
static char *
summary_text (GPtrArray *entries, const Setting *s)
{
  CiroDay today = ciro_today ();
  const CiroRateEntry *cur = NULL, *next = NULL;
  g_autofree char *now = NULL;

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const CiroRateEntry *e = entries->pdata[i];
      if (!entry_is (e, s))
        continue;
      if (e->from_day <= today)
        cur = e;
      else if (next == NULL)
        next = e;
    }
  if (cur != NULL)
    {
      g_autofree char *v = value_text (s->rate, cur->value);
      g_autofree char *d = day_text (cur->from_day);
      /* TRANSLATORS: a setting's value today and the day it applies from */
      now = g_strdup_printf (_("%s since %s"), v, d);
    }
  else
    {
      g_autofree char *v = default_text (s->rate);
      /* TRANSLATORS: a setting's value when none was entered */
      now = g_strdup_printf (_("%s (default)"), v);
    }
  if (next != NULL)
    {
      g_autofree char *v = value_text (s->rate, next->value);
      g_autofree char *d = day_text (next->from_day);
      /* TRANSLATORS: today's value, then a change to come: "20 % since …; 18 % from 2027-01-01" */
      return g_strdup_printf (_("%s; %s from %s"), now, v, d);
    }
  return g_steal_pointer (&now);
}

/* "2026-10-05" or "05.10.2026" (as Turkish sellers write it). */
static gboolean
parse_day (const char *text, CiroDay *out)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  int d, m, y, n = 0;

  if (ciro_day_parse (t, out, NULL))
    return TRUE;
  if (sscanf (t, "%2d.%2d.%4d%n", &d, &m, &y, &n) == 3 && t[n] == '\0' && y >= 1000 && m >= 1 && m <= 12 &&
      d >= 1 && d <= 31)
    {
      CiroDay day = ciro_day_from_ymd (y, m, d);
      int y2, m2, d2;

      ciro_day_to_ymd (day, &y2, &m2, &d2);
      if (y2 == y && m2 == m && d2 == d)
        {
          *out = day;
          return TRUE;
        }
    }
  return FALSE;
}

/* A date a setting can apply from, or an error text. */
static char *
check_day (const char *text, CiroDay *day)
{
  if (!parse_day (text, day))
    return g_strdup (_("Enter the date as 2026-03-01 or 01.03.2026"));
  if (*day < ciro_day_from_ymd (FIRST_DAY_YEAR, 1, 1) || *day > ciro_today () + 366)
    return g_strdup (_("The date must lie between 2000 and a year from today"));
  return NULL;
}

char *
ciro_preferences_check_day (const char *text, CiroDay *day)
{
  return check_day (text, day);
}

void
ciro_preferences_toast (GtkWidget *widget, const char *text)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root != NULL && ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
  else
    g_message ("%s", text);
}

/* ------------------------------------------------------------ workers */

typedef struct {
  GPtrArray *rates;          /* CiroRateEntry */
  GPtrArray *marketplaces;   /* names */
} Listing;

static void
listing_free (Listing *l)
{
  g_clear_pointer (&l->rates, g_ptr_array_unref);
  g_clear_pointer (&l->marketplaces, g_ptr_array_unref);
  g_free (l);
}

static gpointer
list_worker (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Listing *l = g_new0 (Listing, 1);

  if ((l->rates = ciro_store_list_rates (store, error)) == NULL ||
      (l->marketplaces = ciro_store_list_marketplace_names (store, error)) == NULL)
    {
      listing_free (l);
      return NULL;
    }
  return l;
}

typedef struct {
  Setting  s;
  CiroDay  from_day;
  gint64   value;
  gboolean remove;
} Job;

static void
job_free (Job *j)
{
  setting_clear (&j->s);
  g_free (j);
}

static gpointer
write_worker (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *j = data;
  gboolean ok;

  /* the report service's connections defer recomputes: this only marks
   * the store, and the window's recompute bar runs it with progress */
  if (j->remove)
    ok = ciro_store_remove_rate (store, j->s.rate, j->s.marketplace, j->s.category, j->from_day, error);
  else
    ok = ciro_store_set_rate (store, j->s.rate, j->s.marketplace, j->s.category, j->from_day, j->value, error);
  return ok ? GINT_TO_POINTER (1) : NULL;
}

typedef struct {
  GPtrArray *rows;       /* CiroRuleRow */
  CiroDay    from_day;
  char      *path;
} ImportJob;

static void
import_job_free (ImportJob *j)
{
  g_clear_pointer (&j->rows, g_ptr_array_unref);
  g_free (j->path);
  g_free (j);
}

static gpointer
read_worker (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  ImportJob *j = data;
  /* no SQL: the report service's thread keeps the file's reading off the
   * main thread */
  return ciro_read_category_commissions (j->path, error);
}

static gpointer
import_worker (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  ImportJob *j = data;
  gint64 n = ciro_store_set_category_commissions (store, j->rows, j->from_day, error);

  return n < 0 ? NULL : GSIZE_TO_POINTER ((gsize) n + 1);
}

/* ------------------------------------------------------------ the page */

struct _CiroProfitPage
{
  AdwPreferencesPage parent_instance;

  CiroContext  *context;
  GCancellable *cancellable;
  guint         loading;
  Listing      *listing;
  GHashTable   *rows;             /* key → AdwActionRow */
  GPtrArray    *dialogs;          /* CiroRateDialog, open */
  GtkWidget    *preview;          /* the import preview, or NULL */
  GtkFileChooserNative *chooser;

  AdwPreferencesGroup *vat_group;
  AdwPreferencesGroup *fee_group;
  AdwPreferencesGroup *rule_group;
  GPtrArray    *dynamic;          /* rows refilled: (group, row) pairs */
};

G_DEFINE_FINAL_TYPE (CiroProfitPage, ciro_profit_page, ADW_TYPE_PREFERENCES_PAGE)

/* ------------------------------------------------------------ the dialog */

struct _CiroRateDialog
{
  CiroDatedDialog parent_instance;

  CiroProfitPage *page;
  Setting         s;              /* rate NULL: a new rule, not yet entered */

  AdwPreferencesGroup *rule_group;
  AdwComboRow    *marketplace;
  AdwEntryRow    *category;
  AdwPreferencesGroup *history_group;
  GPtrArray      *history;        /* CiroRateEntry shown, borrowed from the listing */
  AdwEntryRow    *value;
  GtkWidget      *end;
};

G_DEFINE_FINAL_TYPE (CiroRateDialog, ciro_rate_dialog, CIRO_TYPE_DATED_DIALOG)

static void page_reload (CiroProfitPage *self);

static const char *
setting_title (const char *rate)
{
  if (g_str_equal (rate, CIRO_RATE_FEE_VAT))
    return _("Fee KDV Rate");
  if (g_str_equal (rate, CIRO_RATE_SHIPPING_VAT))
    return _("Shipping KDV Rate");
  if (g_str_equal (rate, CIRO_RATE_SERVICE_FEE))
    return _("Service Fee per Order");
  return _("Commission by Category");
}

static void
dialog_set_error (CiroRateDialog *self, const char *text)
{
  ciro_dated_dialog_set_error (CIRO_DATED_DIALOG (self), text);
}

static void
dialog_update_title (CiroRateDialog *self)
{
  g_autofree char *title = NULL;

  if (self->s.rate == NULL)
    title = g_strdup (_("New Commission by Category"));
  else if (self->s.category != NULL)
    /* TRANSLATORS: the commission rule's dialog: marketplace · category */
    title = g_strdup_printf (_("Commission: %s · %s"), ciro_marketplace_display (self->s.marketplace),
                             self->s.category);
  else if (self->s.marketplace != NULL)
    /* TRANSLATORS: the service fee's dialog: the marketplace's name */
    title = g_strdup_printf (_("Service Fee: %s"), ciro_marketplace_display (self->s.marketplace));
  else
    title = g_strdup (setting_title (self->s.rate));
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_widget_set_visible (GTK_WIDGET (self->rule_group), self->s.rate == NULL);
  /* a rule entered can be ended from a date; a new one has nothing to end */
  gtk_widget_set_visible (self->end, self->s.rate != NULL && g_str_equal (self->s.rate, CIRO_RATE_CATEGORY_COMMISSION));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->value),
                                 self->s.rate != NULL && is_money (self->s.rate)
                                   ? _("Fee per Order in ₺, Before KDV") : _("Rate in %"));
}

static void
dialog_fill (CiroRateDialog *self)
{
  CiroDatedDialog *dated = CIRO_DATED_DIALOG (self);
  GPtrArray *entries = self->page->listing ? self->page->listing->rates : NULL;

  ciro_dated_dialog_clear_history (dated);
  g_ptr_array_set_size (self->history, 0);
  if (self->s.rate == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->history_group), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), TRUE);

  /* what applies before the first change */
  {
    g_autofree char *d = default_text (self->s.rate);
    ciro_dated_dialog_append_note (dated, d, _("Before the first change"), FALSE);
  }
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      CiroRateEntry *e = entries->pdata[i];
      g_autofree char *v = NULL, *d = NULL, *sub = NULL;

      if (!entry_is (e, &self->s))
        continue;
      v = value_text (self->s.rate, e->value);
      d = day_text (e->from_day);
      /* TRANSLATORS: the day a value of a setting applies from */
      sub = g_strdup_printf (_("From %s on"), d);
      ciro_dated_dialog_append_history (dated, v, sub, NULL, _("Remove This Change"), self->history->len);
      g_ptr_array_add (self->history, e);
    }
}

static void
rate_dialog_saved (CiroDatedDialog *dated, gpointer data)
{
  CiroRateDialog *self = CIRO_RATE_DIALOG (dated);
  Job *job = data;

  /* a new rule's dialog is the rule's from now on */
  if (self->s.rate == NULL)
    {
      g_autofree char *stripped = ciro_strip (job->s.category);

      self->s.rate = CIRO_RATE_CATEGORY_COMMISSION;
      self->s.marketplace = ciro_marketplace_normalize (job->s.marketplace);
      self->s.category = ciro_tr_fold (stripped);
      dialog_update_title (self);
    }
  if (!job->remove)
    gtk_editable_set_text (GTK_EDITABLE (self->value), "");
}

static void
dialog_write (CiroRateDialog *self, Job *job)
{
  ciro_dated_dialog_write (CIRO_DATED_DIALOG (self), self->page->context, write_worker, job,
                           (GDestroyNotify) job_free);
}

void
ciro_rate_dialog_add (CiroRateDialog *self, gboolean end)
{
  g_autofree char *day_error = NULL;
  const char *value = gtk_editable_get_text (GTK_EDITABLE (self->value));
  const char *rate = self->s.rate ? self->s.rate : CIRO_RATE_CATEGORY_COMMISSION;
  AdwEntryRow *from;
  Job *job;
  CiroDay day;
  gint64 v = -1;

  g_return_if_fail (CIRO_IS_RATE_DIALOG (self));
  from = ciro_dated_dialog_get_from (CIRO_DATED_DIALOG (self));
  dialog_set_error (self, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->value), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (from), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->category), "error");

  job = g_new0 (Job, 1);
  job->s.rate = rate;
  if (self->s.rate == NULL)
    {
      GtkStringObject *item = adw_combo_row_get_selected_item (self->marketplace);
      g_autofree char *cat = ciro_strip (gtk_editable_get_text (GTK_EDITABLE (self->category)));

      if (item == NULL || *cat == '\0')
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->category), "error");
          dialog_set_error (self, item == NULL ? _("Add a marketplace first (Marketplaces page)")
                                               : _("A commission by category needs a category"));
          job_free (job);
          return;
        }
      job->s.marketplace = g_strdup (gtk_string_object_get_string (item));
      job->s.category = g_steal_pointer (&cat);
    }
  else
    {
      job->s.marketplace = g_strdup (self->s.marketplace);
      job->s.category = g_strdup (self->s.category);
    }

  if ((day_error = check_day (gtk_editable_get_text (GTK_EDITABLE (from)), &day)) != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (from), "error");
      dialog_set_error (self, day_error);
      job_free (job);
      return;
    }
  if (!end)
    {
      gboolean ok = is_money (rate) ? ciro_parse_money (value, &v, NULL) : ciro_parse_decimal (value, 2, &v, NULL);
      g_autofree char *msg = NULL;

      if (!ok || *value == '\0')
        msg = g_strdup_printf (_("“%s” is not a number"), value);
      else if (is_money (rate) && (v < 0 || v > G_GINT64_CONSTANT (10000000)))
        msg = g_strdup (_("A service fee must be between ₺0 and ₺100,000 per order"));
      else if (!is_money (rate) && (v < 0 || v > CIRO_MAX_RATE))
        msg = g_strdup_printf (_("A rate must be between 0 and 100 %%"));
      if (msg != NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->value), "error");
          dialog_set_error (self, msg);
          job_free (job);
          return;
        }
    }
  job->from_day = day;
  job->value = v;
  dialog_write (self, job);
}

void
ciro_rate_dialog_remove (CiroRateDialog *self, guint i)
{
  const CiroRateEntry *e;
  Job *job;

  g_return_if_fail (CIRO_IS_RATE_DIALOG (self));
  g_return_if_fail (i < self->history->len);
  e = self->history->pdata[i];
  job = g_new0 (Job, 1);
  job->s.rate = self->s.rate;
  job->s.marketplace = g_strdup (self->s.marketplace);
  job->s.category = g_strdup (self->s.category);
  job->from_day = e->from_day;
  job->remove = TRUE;
  dialog_set_error (self, NULL);
  dialog_write (self, job);
}

static void
rate_dialog_remove (CiroDatedDialog *dated, guint i)
{
  ciro_rate_dialog_remove (CIRO_RATE_DIALOG (dated), i);
}

static void
rate_dialog_add (CiroDatedDialog *dated)
{
  ciro_rate_dialog_add (CIRO_RATE_DIALOG (dated), FALSE);
}

static void
end_clicked (CiroRateDialog *self)
{
  ciro_rate_dialog_add (self, TRUE);
}

void
ciro_rate_dialog_fill (CiroRateDialog *self,
                       const char     *marketplace,
                       const char     *category,
                       const char     *value,
                       const char     *from)
{
  g_return_if_fail (CIRO_IS_RATE_DIALOG (self));
  if (marketplace != NULL)
    {
      GListModel *model = adw_combo_row_get_model (self->marketplace);
      g_autofree char *want = ciro_marketplace_normalize (marketplace);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);
          if (g_strcmp0 (gtk_string_object_get_string (item), want) == 0)
            adw_combo_row_set_selected (self->marketplace, i);
        }
    }
  if (category != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->category), category);
  if (value != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->value), value);
  if (from != NULL)
    gtk_editable_set_text (GTK_EDITABLE (ciro_dated_dialog_get_from (CIRO_DATED_DIALOG (self))), from);
}

const char *
ciro_rate_dialog_get_error (CiroRateDialog *self)
{
  g_return_val_if_fail (CIRO_IS_RATE_DIALOG (self), NULL);
  return ciro_dated_dialog_get_error (CIRO_DATED_DIALOG (self));
}

guint
ciro_rate_dialog_get_pending (CiroRateDialog *self)
{
  g_return_val_if_fail (CIRO_IS_RATE_DIALOG (self), 0);
  return ciro_dated_dialog_get_pending (CIRO_DATED_DIALOG (self));
}

char **
ciro_rate_dialog_get_history (CiroRateDialog *self)
{
  GStrvBuilder *b = g_strv_builder_new ();
  char **out;

  for (guint i = 0; i < self->history->len; i++)
    {
      const CiroRateEntry *e = self->history->pdata[i];
      g_autofree char *d = day_text (e->from_day);
      g_autofree char *v = value_text (self->s.rate, e->value);
      g_autofree char *line = g_strdup_printf ("%s %s", d, v);
      g_strv_builder_add (b, line);
    }
  out = g_strv_builder_end (b);
  g_strv_builder_unref (b);
  return out;
}

static void
ciro_rate_dialog_dispose (GObject *object)
{
  CiroRateDialog *self = CIRO_RATE_DIALOG (object);

  if (self->page != NULL)
    g_ptr_array_remove (self->page->dialogs, self);
  g_clear_object (&self->page);
  G_OBJECT_CLASS (ciro_rate_dialog_parent_class)->dispose (object);
}

static void
ciro_rate_dialog_finalize (GObject *object)
{
  CiroRateDialog *self = CIRO_RATE_DIALOG (object);

  setting_clear (&self->s);
  g_ptr_array_unref (self->history);
  G_OBJECT_CLASS (ciro_rate_dialog_parent_class)->finalize (object);
}

static void
ciro_rate_dialog_class_init (CiroRateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CiroDatedDialogClass *dated_class = CIRO_DATED_DIALOG_CLASS (klass);

  object_class->dispose = ciro_rate_dialog_dispose;
  object_class->finalize = ciro_rate_dialog_finalize;
  dated_class->add = rate_dialog_add;
  dated_class->remove = rate_dialog_remove;
  dated_class->saved = rate_dialog_saved;
}

static void
ciro_rate_dialog_init (CiroRateDialog *self)
{
  CiroDatedDialog *dated = CIRO_DATED_DIALOG (self);
  AdwPreferencesPage *page = ciro_dated_dialog_get_page (dated);
  AdwPreferencesGroup *change;

  self->history = g_ptr_array_new ();
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 600);

  /* a new rule: its marketplace and category */
  self->rule_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->rule_group, _("Rule"));
  adw_preferences_group_set_description (self->rule_group,
    _("Lines of products of this category sold on this marketplace pay this commission instead of the marketplace’s."));
  self->marketplace = ADW_COMBO_ROW (adw_combo_row_new ());
  /* before any model: the rows a model makes are bound with it */
  adw_combo_row_set_expression (self->marketplace, ciro_marketplace_name_expression ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->marketplace), _("Marketplace"));
  adw_preferences_group_add (self->rule_group, GTK_WIDGET (self->marketplace));
  self->category = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->category), _("Category, as on the Products page"));
  adw_preferences_group_add (self->rule_group, GTK_WIDGET (self->category));
  adw_preferences_page_add (page, self->rule_group);

  self->history_group = ciro_dated_dialog_add_history (dated);

  /* a change from a date */
  change = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (change, _("Add a Change"));
  adw_preferences_group_set_description (change, _("The figures are brought up to date in the background."));
  self->value = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->value), _("Rate in %"));
  g_signal_connect_swapped (self->value, "entry-activated", G_CALLBACK (rate_dialog_add), self);
  adw_preferences_group_add (change, GTK_WIDGET (self->value));
  self->end = gtk_button_new_with_mnemonic (_("_End the Rule"));
  gtk_widget_set_tooltip_text (self->end, _("From the date on, the marketplace’s own commission applies again"));
  g_signal_connect_swapped (self->end, "clicked", G_CALLBACK (end_clicked), self);
  ciro_dated_dialog_finish_form (dated, change, self->end);
}

static CiroRateDialog *
rate_dialog_new (CiroProfitPage *page, const Setting *s)
{
  CiroRateDialog *self = g_object_new (CIRO_TYPE_RATE_DIALOG, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->page = g_object_ref (page);
  if (s != NULL)
    {
      self->s.rate = s->rate;
      self->s.marketplace = g_strdup (s->marketplace);
      self->s.category = g_strdup (s->category);
    }
  for (guint i = 0; page->listing != NULL && i < page->listing->marketplaces->len; i++)
    gtk_string_list_append (names, page->listing->marketplaces->pdata[i]);
  adw_combo_row_set_model (self->marketplace, G_LIST_MODEL (names));
  ciro_dated_dialog_set_parent (CIRO_DATED_DIALOG (self), GTK_WIDGET (page));
  g_ptr_array_add (page->dialogs, self);
  dialog_update_title (self);
  dialog_fill (self);
  return self;
}

/* ------------------------------------------------------------ the import preview */

typedef struct {
  CiroProfitPage *page;
  CiroContext    *context;
  gboolean        destroyed;  /* closed: an import under way finishes without it */
  GPtrArray      *rows;       /* CiroRuleRow */
  AdwEntryRow    *from;
  GtkWidget      *import;
  GtkLabel       *error;
  guint           n_good;
  GStrv           refused;
  gboolean        busy;
} Preview;

static void
preview_free (Preview *p)
{
  g_clear_pointer (&p->rows, g_ptr_array_unref);
  g_strfreev (p->refused);
  g_clear_object (&p->page);
  g_clear_object (&p->context);
  g_free (p);
}

static void
imported (GObject *source, GAsyncResult *result, gpointer data)
{
  GtkWidget *window = data;
  Preview *p = g_object_get_data (G_OBJECT (window), "preview");
  g_autoptr(GError) error = NULL;
  gpointer n = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);

  p->busy = FALSE;
  if (n != NULL)
    ciro_context_store_changed (p->context);
  if (p->destroyed)
    {
      if (n == NULL)
        g_warning ("Could not import: %s", error->message);
    }
  else if (n == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not import: %s"), error->message);
      gtk_label_set_text (p->error, text);
      gtk_widget_set_visible (GTK_WIDGET (p->error), TRUE);
      gtk_widget_set_sensitive (p->import, TRUE);
    }
  else
    {
      gsize count = GPOINTER_TO_SIZE (n) - 1;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%zu commission rule imported",
                                                             "%zu commission rules imported", count), count);
      ciro_preferences_toast (GTK_WIDGET (p->page), text);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  g_object_unref (window);
}

void
ciro_rule_preview_import (GtkWidget *window, const char *from)
{
  Preview *p = g_object_get_data (G_OBJECT (window), "preview");
  g_autofree char *day_error = NULL;
  ImportJob *j;
  CiroDay day;

  g_return_if_fail (p != NULL);
  if (from != NULL)
    gtk_editable_set_text (GTK_EDITABLE (p->from), from);
  if (p->busy || p->n_good == 0)
    return;
  if ((day_error = check_day (gtk_editable_get_text (GTK_EDITABLE (p->from)), &day)) != NULL)
    {
      gtk_label_set_text (p->error, day_error);
      gtk_widget_set_visible (GTK_WIDGET (p->error), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (p->from), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (p->from), "error");
  gtk_widget_set_visible (GTK_WIDGET (p->error), FALSE);
  j = g_new0 (ImportJob, 1);
  j->rows = g_ptr_array_ref (p->rows);
  j->from_day = day;
  p->busy = TRUE;
  gtk_widget_set_sensitive (p->import, FALSE);
  ciro_report_service_run_async (ciro_context_get_reports (p->context), NULL, import_worker, j,
                                 (GDestroyNotify) import_job_free, NULL, NULL, imported, g_object_ref (window));
}

static void
preview_import_clicked (GtkWidget *button, GtkWidget *window)
{
  ciro_rule_preview_import (window, NULL);
}

guint
ciro_rule_preview_get_n_good (GtkWidget *window)
{
  Preview *p = g_object_get_data (G_OBJECT (window), "preview");
  return p != NULL ? p->n_good : 0;
}

char **
ciro_rule_preview_get_refused (GtkWidget *window)
{
  Preview *p = g_object_get_data (G_OBJECT (window), "preview");
  return p != NULL ? g_strdupv (p->refused) : NULL;
}

static void
preview_destroyed (GtkWidget *window, CiroProfitPage *page)
{
  Preview *p = g_object_get_data (G_OBJECT (window), "preview");

  if (p != NULL)
    p->destroyed = TRUE;
  if (page->preview == window)
    page->preview = NULL;
}

static GtkWidget *
preview_new (CiroProfitPage *self, GPtrArray *rows, const char *path)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *cancel, *error;
  AdwPreferencesGroup *when, *good, *bad;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  Preview *p = g_new0 (Preview, 1);
  GStrvBuilder *refused = g_strv_builder_new ();
  g_autofree char *today = ciro_day_to_string (ciro_today ());
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *title = NULL;
  guint n_bad = 0;

  p->page = g_object_ref (self);
  p->context = g_object_ref (self->context);
  p->rows = g_ptr_array_ref (rows);
  g_object_set_data_full (G_OBJECT (window), "preview", p, (GDestroyNotify) preview_free);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (root != NULL && GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 640);
  gtk_widget_set_size_request (window, 320, 300);
  /* TRANSLATORS: the import preview's title; %s is the file's name */
  title = g_strdup_printf (_("Import %s"), base);
  gtk_window_set_title (GTK_WINDOW (window), title);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  p->import = gtk_button_new_with_mnemonic (_("_Import"));
  gtk_widget_add_css_class (p->import, "suggested-action");
  g_signal_connect (p->import, "clicked", G_CALLBACK (preview_import_clicked), window);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), p->import);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (window), box);

  when = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_description (when, _("Every rule of the file applies from this date on."));
  p->from = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (p->from), _("From (2026-03-01 or 01.03.2026)"));
  gtk_editable_set_text (GTK_EDITABLE (p->from), today);
  adw_preferences_group_add (when, GTK_WIDGET (p->from));
  error = gtk_label_new (NULL);
  p->error = GTK_LABEL (error);
  gtk_label_set_wrap (p->error, TRUE);
  gtk_label_set_xalign (p->error, 0);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_margin_top (error, 12);
  gtk_widget_set_visible (error, FALSE);
  adw_preferences_group_add (when, error);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), when);

  good = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  bad = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  for (guint i = 0; i < rows->len; i++)
    {
      CiroRuleRow *r = rows->pdata[i];
      GtkWidget *row = adw_action_row_new ();

      if (r->reason == NULL)
        {
          g_autofree char *t = g_strdup_printf ("%s · %s", r->marketplace, r->category);
          g_autofree char *v = value_text (CIRO_RATE_CATEGORY_COMMISSION, r->rate);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), v);
          adw_preferences_group_add (good, row);
          p->n_good++;
        }
      else
        {
          /* TRANSLATORS: a row of the file not imported: its line number and why */
          g_autofree char *t = g_strdup_printf (_("Line %u: %s"), r->line, r->reason);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), r->text);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          gtk_widget_add_css_class (row, "error");
          adw_preferences_group_add (bad, row);
          g_strv_builder_add (refused, t);
          n_bad++;
        }
    }
  p->refused = g_strv_builder_end (refused);
  g_strv_builder_unref (refused);
  {
    g_autofree char *t = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Rule to Import", "%u Rules to Import",
                                                       p->n_good), p->n_good);
    adw_preferences_group_set_title (good, t);
    if (p->n_good == 0)
      adw_preferences_group_set_description (good, _("The file holds no commission to import."));
  }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), good);
  if (n_bad > 0)
    {
      g_autofree char *t = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Row Not Imported",
                                                         "%u Rows Not Imported", n_bad), n_bad);
      adw_preferences_group_set_title (bad, t);
      adw_preferences_group_set_description (bad, _("Correct these rows in the file and import it again."));
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), bad);
    }
  else
    {
      g_object_ref_sink (bad);
      g_object_unref (bad);
    }
  gtk_widget_set_sensitive (p->import, p->n_good > 0);
  g_signal_connect (window, "destroy", G_CALLBACK (preview_destroyed), self);
  return window;
}

static void
file_read (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroProfitPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);
  const char *path = g_object_get_data (G_OBJECT (self), "import-path");

  self->loading--;
  if (self->context == NULL)
    return;                   /* Preferences closed meanwhile */
  if (rows == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not import: %s"), error->message);
      ciro_preferences_toast (GTK_WIDGET (self), text);
      return;
    }
  if (self->preview != NULL)
    gtk_window_destroy (GTK_WINDOW (self->preview));
  self->preview = preview_new (self, rows, path ? path : "");
  gtk_window_present (GTK_WINDOW (self->preview));
}

void
ciro_profit_page_import_file (CiroProfitPage *self, const char *path)
{
  ImportJob *j = g_new0 (ImportJob, 1);

  g_return_if_fail (CIRO_IS_PROFIT_PAGE (self));
  j->path = g_strdup (path);
  g_object_set_data_full (G_OBJECT (self), "import-path", g_strdup (path), g_free);
  self->loading++;
  ciro_report_service_run_async (ciro_context_get_reports (self->context), NULL, read_worker, j,
                                 (GDestroyNotify) import_job_free, (GDestroyNotify) g_ptr_array_unref, NULL,
                                 file_read, g_object_ref (self));
}

GtkWidget *
ciro_profit_page_get_preview (CiroProfitPage *self)
{
  g_return_val_if_fail (CIRO_IS_PROFIT_PAGE (self), NULL);
  return self->preview;
}

static void
chooser_response (GtkNativeDialog *chooser, int response, CiroProfitPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        ciro_profit_page_import_file (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
import_clicked (CiroProfitPage *self)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "txt");
  self->chooser = gtk_file_chooser_native_new (_("Import Commissions by Category"),
                                               root != NULL && GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ------------------------------------------------------------ the page's rows */

static void
row_activated (AdwActionRow *row, CiroProfitPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), "key");
  gtk_window_present (GTK_WINDOW (ciro_profit_page_open (self, key)));
}

static void
add_setting_row (CiroProfitPage *self, AdwPreferencesGroup *group, const Setting *s, const char *title)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *summary = summary_text (self->listing ? self->listing->rates : NULL, s);
  char *key = setting_key (s->rate, s->marketplace, s->category);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "key", key, g_free);
  g_object_set_data_full (G_OBJECT (row), "rate", g_strdup (s->rate), g_free);
  g_object_set_data_full (G_OBJECT (row), "marketplace", g_strdup (s->marketplace), g_free);
  g_object_set_data_full (G_OBJECT (row), "category", g_strdup (s->category), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (row_activated), self);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->dynamic, group);
  g_ptr_array_add (self->dynamic, row);
  g_hash_table_insert (self->rows, g_strdup (key), row);
}

static void
page_fill (CiroProfitPage *self)
{
  GPtrArray *rates = self->listing->rates;
  g_autoptr(GHashTable) rules = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i + 1 < self->dynamic->len; i += 2)
    adw_preferences_group_remove (self->dynamic->pdata[i], self->dynamic->pdata[i + 1]);
  g_ptr_array_set_size (self->dynamic, 0);
  g_hash_table_remove_all (self->rows);

  add_setting_row (self, self->vat_group, &(Setting) { CIRO_RATE_FEE_VAT, NULL, NULL }, _("Fee KDV Rate"));
  add_setting_row (self, self->vat_group, &(Setting) { CIRO_RATE_SHIPPING_VAT, NULL, NULL },
                   _("Shipping KDV Rate"));
  for (guint i = 0; i < self->listing->marketplaces->len; i++)
    {
      char *mp = self->listing->marketplaces->pdata[i];
      add_setting_row (self, self->fee_group, &(Setting) { CIRO_RATE_SERVICE_FEE, mp, NULL },
                       ciro_marketplace_display (mp));
    }
  for (guint i = 0; i < rates->len; i++)
    {
      CiroRateEntry *e = rates->pdata[i];
      g_autofree char *key = NULL;
      g_autofree char *title = NULL;

      if (!g_str_equal (e->key, CIRO_RATE_CATEGORY_COMMISSION))
        continue;
      key = setting_key (e->key, e->marketplace, e->category);
      if (g_hash_table_contains (self->rows, key))
        continue;
      title = g_strdup_printf ("%s · %s", ciro_marketplace_display (e->marketplace), e->category);
      add_setting_row (self, self->rule_group, &(Setting) { CIRO_RATE_CATEGORY_COMMISSION, e->marketplace,
                                                            e->category }, title);
    }
  for (guint i = 0; i < self->dialogs->len; i++)
    dialog_fill (self->dialogs->pdata[i]);
}

static void
page_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroProfitPage) self = data;
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
  page_fill (self);
}

static void
page_reload (CiroProfitPage *self)
{
  self->loading++;
  ciro_report_service_run_async (ciro_context_get_reports (self->context), self, list_worker, NULL, NULL,
                                 (GDestroyNotify) listing_free, self->cancellable, page_loaded,
                                 g_object_ref (self));
}

const char *
ciro_profit_page_get_summary (CiroProfitPage *self, const char *key)
{
  AdwActionRow *row;

  g_return_val_if_fail (CIRO_IS_PROFIT_PAGE (self), NULL);
  row = g_hash_table_lookup (self->rows, key);
  return row != NULL ? adw_action_row_get_subtitle (row) : NULL;
}

gboolean
ciro_profit_page_is_loading (CiroProfitPage *self)
{
  g_return_val_if_fail (CIRO_IS_PROFIT_PAGE (self), FALSE);
  return self->loading > 0;
}

CiroRateDialog *
ciro_profit_page_open (CiroProfitPage *self, const char *key)
{
  GObject *row;
  Setting s;

  g_return_val_if_fail (CIRO_IS_PROFIT_PAGE (self), NULL);
  if (key == NULL)
    return rate_dialog_new (self, NULL);
  row = g_hash_table_lookup (self->rows, key);
  g_return_val_if_fail (row != NULL, NULL);
  s.rate = g_intern_string (g_object_get_data (row, "rate"));
  s.marketplace = g_object_get_data (row, "marketplace");
  s.category = g_object_get_data (row, "category");
  return rate_dialog_new (self, &s);
}

static void
new_rule_clicked (CiroProfitPage *self)
{
  gtk_window_present (GTK_WINDOW (ciro_profit_page_open (self, NULL)));
}

static void
ciro_profit_page_dispose (GObject *object)
{
  CiroProfitPage *self = CIRO_PROFIT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->context != NULL)
    ciro_report_service_cancel (ciro_context_get_reports (self->context), self);
  while (self->dialogs->len > 0)
    gtk_window_destroy (GTK_WINDOW (self->dialogs->pdata[self->dialogs->len - 1]));
  if (self->preview != NULL)
    gtk_window_destroy (GTK_WINDOW (self->preview));
  g_clear_object (&self->chooser);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (ciro_profit_page_parent_class)->dispose (object);
}

static void
ciro_profit_page_finalize (GObject *object)
{
  CiroProfitPage *self = CIRO_PROFIT_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->listing, listing_free);
  g_hash_table_unref (self->rows);
  g_ptr_array_unref (self->dialogs);
  g_ptr_array_unref (self->dynamic);
  G_OBJECT_CLASS (ciro_profit_page_parent_class)->finalize (object);
}

static void
ciro_profit_page_class_init (CiroProfitPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ciro_profit_page_dispose;
  object_class->finalize = ciro_profit_page_finalize;
}

/* Icons only: the group's title and description keep the width at 360 px. */
static GtkWidget *
header_button (const char *icon, const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static void
ciro_profit_page_init (CiroProfitPage *self)
{
  GtkWidget *suffix, *button;

  self->cancellable = g_cancellable_new ();
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->dialogs = g_ptr_array_new ();
  self->dynamic = g_ptr_array_new ();

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Profit"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "accessories-calculator-symbolic");
  gtk_widget_set_name (GTK_WIDGET (self), "profit");

  self->vat_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->vat_group, _("KDV"));
  adw_preferences_group_set_description (self->vat_group,
    _("The fee KDV is charged on commission, cargo and service fees; the shipping KDV is inside the shipping the buyer pays. Profit after KDV settlement follows them."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->vat_group);

  self->rule_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->rule_group, _("Commission by Category"));
  adw_preferences_group_set_description (self->rule_group,
    _("A rate for a marketplace’s category replaces the marketplace’s commission for its products. Import a CSV file of “marketplace; category; rate” lines."));
  suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  button = header_button ("document-open-symbolic", _("Import Commissions by Category"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (import_clicked), self);
  gtk_box_append (GTK_BOX (suffix), button);
  button = header_button ("list-add-symbolic", _("Add a Commission by Category"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (new_rule_clicked), self);
  gtk_box_append (GTK_BOX (suffix), button);
  adw_preferences_group_set_header_suffix (self->rule_group, suffix);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->rule_group);

  self->fee_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->fee_group, _("Service Fees"));
  adw_preferences_group_set_description (self->fee_group,
    _("What each marketplace charges per order on top of the commission, before KDV."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->fee_group);
}

GtkWidget *
ciro_profit_page_new (CiroContext *context)
{
  CiroProfitPage *self;

  g_return_val_if_fail (CIRO_IS_CONTEXT (context), NULL);
  self = g_object_new (CIRO_TYPE_PROFIT_PAGE, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (context, "store-changed", G_CALLBACK (page_reload), self, G_CONNECT_SWAPPED);
  page_reload (self);
  return GTK_WIDGET (self);
}
