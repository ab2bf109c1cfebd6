/* test-ui-tariffs.c: carrier tariffs entered in Preferences
 *
 * A demo store without tariffs; the Preferences group of carrier tariffs,
 * the window's recompute bar and the Shipping page on it. A tariff typed
 * into the dialog's rows (a carrier's other spelling, the amount and date
 * as a person in the test's language writes them) is refused while wrong,
 * with the reason; once right it is in the store, the group shows it, and
 * the Shipping page's expense of the carrier is what the tariff makes of
 * the figures before it (computed here from the engine's counts of the
 * days it covers). Changing, a tariff for one marketplace, a second one
 * on the same day (refused) and removing follow. Run in English and in
 * Turkish (the tests' meson.build).
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "analytics/ciro-carriers.h"
#include "core/ciro-carrier.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "demo/ciro-demo.h"
#include "store/ciro-tariffs.h"
#include "ui/ciro-recompute-bar.h"
#include "ui/ciro-tariff-group.h"
#include "ui/pages/ciro-shipping-page.h"
#include "ciro-test-util.h"

static char *dir;

typedef struct {
  CiroContext      *context;
  CiroTariffGroup  *group;
  CiroRecomputeBar *bar;
  CiroShippingPage *page;
  guint             loaded;
  char             *path;
} Fixture;

static void
count (gpointer instance, guint *n)
{
  (*n)++;
}

static gboolean
reached (gpointer data)
{
  guint **p = data;
  return *p[0] >= *p[1];
}

static gboolean
group_idle (gpointer data)
{
  return !ciro_tariff_group_is_loading (data);
}

static gboolean
dialog_idle (gpointer data)
{
  return ciro_tariff_dialog_get_pending (data) == 0;
}

/* The write marked the store; the bar recomputed it and is idle again. */
static gboolean
bar_done (gpointer data)
{
  Fixture *f = data;
  g_autoptr(CiroStore) store = NULL;

  if (!g_str_equal (ciro_recompute_bar_get_state (f->bar), "idle"))
    return FALSE;
  store = ciro_store_open (f->path, NULL);
  return store != NULL && !ciro_store_needs_recompute (store);
}

/* After a write: the recompute ran, the group and the page read the store. */
static void
settle (Fixture *f, CiroTariffDialog *d)
{
  guint want;
  guint *p[2] = { &f->loaded, &want };

  g_assert_true (ciro_test_wait_until (dialog_idle, d, 60));
  g_assert_null (ciro_tariff_dialog_get_error (d));
  g_assert_true (ciro_test_wait_until (bar_done, f, 120));
  g_assert_true (ciro_test_wait_until (group_idle, f->group, 60));
  /* loads asked for before are replaced by this one */
  want = f->loaded + 1;
  ciro_shipping_page_reload (f->page);
  g_assert_true (ciro_test_wait_until (reached, p, 60));
  while (g_main_context_iteration (NULL, FALSE));
}

static const CiroCarrierRow *
carrier_row (const CiroCarrierReport *r, const char *carrier)
{
  for (guint i = 0; i < r->carriers->len; i++)
    if (g_str_equal (((CiroCarrierRow *) r->carriers->pdata[i])->carrier, carrier))
      return r->carriers->pdata[i];
  g_assert_not_reached ();
  return NULL;
}

static GPtrArray *
tariffs (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (f->path, &error);
  GPtrArray *list;

  g_assert_no_error (error);
  list = ciro_store_list_tariffs (store, &error);
  g_assert_no_error (error);
  return list;
}

static void
assert_strv (char **got, const char * const *want)
{
  g_assert_cmpuint (g_strv_length (got), ==, g_strv_length ((char **) want));
  for (guint i = 0; want[i] != NULL; i++)
    g_assert_cmpstr (got[i], ==, want[i]);
}

/* "01.03.2026", as Turkish sellers write a date */
static char *
dotted (CiroDay day)
{
  int y, m, d;
  ciro_day_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%02d.%02d.%04d", d, m, y);
}

static void
test_tariffs (void)
{
  Fixture fx = { 0 }, *f = &fx;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroDemo) demo = NULL;
  g_autoptr(CiroCarrierReport) before = NULL, covered = NULL;
  CiroNumberStyle style = ciro_number_style_from_locale ();
  const char *lang = g_getenv ("LANGUAGE");
  gboolean tr = lang != NULL && g_str_has_prefix (lang, "tr");
  const char *yk = "Yurtiçi Kargo";
  CiroDemoOptions o;
  CiroTariffDialog *d;
  GtkWidget *prefs, *pp, *window, *box;
  CiroDay today, from;
  gint32 seconds;
  gint64 n_covered;
  CiroKurus e_covered;
  g_autofree char *from_iso = NULL, *from_dotted = NULL;

  g_setenv ("CIRO_NOW", "2026-11-20 15:00:00", TRUE);
  ciro_now (&today, &seconds);
  from = today - 10;
  from_iso = ciro_day_to_string (from);
  from_dotted = dotted (from);
  f->path = g_build_filename (dir, "tariffs.db", NULL);
  ciro_demo_options_init (&o);
  o.n_orders = 6000;
  o.n_products = 60;
  o.seed = 11;
  o.end_day = today;
  o.n_days = 90;
  demo = ciro_demo_new (&o);
  {
    g_autoptr(CiroStore) store = ciro_store_open (f->path, &error);
    CiroReportFilter all = { today - 29, today, NULL };
    CiroReportFilter part = { from, today, NULL };
    gint64 now = ciro_to_unix (today, seconds);

    g_assert_no_error (error);
    g_assert_true (ciro_demo_populate (demo, store, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    before = ciro_carrier_report_build (store, &all, CIRO_CARRIER_LATE_DAYS_DEFAULT, now, &error);
    g_assert_no_error (error);
    covered = ciro_carrier_report_build (store, &part, CIRO_CARRIER_LATE_DAYS_DEFAULT, now, &error);
    g_assert_no_error (error);
  }
  /* what the tariff replaces: the carrier's net orders of its days and
   * what they cost without it */
  n_covered = carrier_row (covered, yk)->net_orders;
  e_covered = carrier_row (covered, yk)->shipping_expense;
  g_assert_cmpint (n_covered, >, 20);
  g_assert_cmpint (e_covered, >, n_covered * 1250);

  f->context = ciro_context_new (f->path);
  window = gtk_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  f->bar = CIRO_RECOMPUTE_BAR (ciro_recompute_bar_new (f->context));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->bar));
  f->page = CIRO_SHIPPING_PAGE (ciro_shipping_page_new (f->context));
  gtk_widget_set_vexpand (GTK_WIDGET (f->page), TRUE);
  g_signal_connect (f->page, "loaded", G_CALLBACK (count), &f->loaded);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->page));
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_present (GTK_WINDOW (window));

  prefs = adw_preferences_window_new ();
  pp = adw_preferences_page_new ();
  f->group = CIRO_TARIFF_GROUP (ciro_tariff_group_new (f->context));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (pp), ADW_PREFERENCES_GROUP (f->group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (prefs), ADW_PREFERENCES_PAGE (pp));
  gtk_window_set_default_size (GTK_WINDOW (prefs), 360, 700);
  gtk_window_present (GTK_WINDOW (prefs));
  {
    guint want = 1;
    guint *p[2] = { &f->loaded, &want };
    g_assert_true (ciro_test_wait_until (reached, p, 60));
  }
  g_assert_true (ciro_test_wait_until (group_idle, f->group, 60));
  g_assert_cmpint (carrier_row (ciro_shipping_page_get_report (f->page), yk)->shipping_expense, ==,
                   carrier_row (before, yk)->shipping_expense);

  /* no tariff: the empty state */
  {
    g_auto(GStrv) rows = ciro_tariff_group_get_rows (f->group);
    const char *want[] = { _("No tariffs yet"), NULL };
    assert_strv (rows, want);
  }

  /* a new carrier's tariff, wrong in every way first */
  d = ciro_tariff_group_open (f->group, NULL);
  gtk_window_present (GTK_WINDOW (d));
  ciro_tariff_dialog_add (d);
  g_assert_cmpstr (ciro_tariff_dialog_get_error (d), ==, _("Enter the carrier’s name"));
  /* the other spelling, in capitals Turkish-style: Yurtiçi Kargo */
  ciro_tariff_dialog_fill (d, "YURTİÇİ", "", NULL, NULL);
  ciro_tariff_dialog_add (d);
  g_assert_cmpstr (ciro_tariff_dialog_get_error (d), ==, _("Enter what one order costs with the carrier"));
  ciro_tariff_dialog_fill (d, NULL, NULL, "-5", NULL);
  ciro_tariff_dialog_add (d);
  g_assert_cmpstr (ciro_tariff_dialog_get_error (d), ==, _("A tariff must be between ₺0 and ₺100,000 per order"));
  ciro_tariff_dialog_fill (d, NULL, NULL, "250000", NULL);
  ciro_tariff_dialog_add (d);
  g_assert_cmpstr (ciro_tariff_dialog_get_error (d), ==, _("A tariff must be between ₺0 and ₺100,000 per order"));
  ciro_tariff_dialog_fill (d, NULL, NULL, "on iki", NULL);
  ciro_tariff_dialog_add (d);
  {
    g_autofree char *want = g_strdup_printf (_("“%s” is not a number"), "on iki");
    g_assert_cmpstr (ciro_tariff_dialog_get_error (d), ==, want);
  }
  ciro_tariff_dialog_fill (d, NULL, NULL, tr ? "₺12,50" : "₺12.50", "31.02.2026");
  ciro_tariff_dialog_add (d);
  g_assert_cmpstr (ciro_tariff_dialog_get_error (d), ==, _("Enter the date as 2026-03-01 or 01.03.2026"));
  g_assert_cmpuint (ciro_tariff_dialog_get_pending (d), ==, 0);
  {
    g_autoptr(GPtrArray) none = tariffs (f);
    g_assert_cmpuint (none->len, ==, 0);
  }

  /* right: in the store, in the group, in the Shipping page's figures */
  ciro_tariff_dialog_fill (d, NULL, NULL, NULL, from_dotted);
  ciro_tariff_dialog_add (d);
  settle (f, d);
  {
    g_autoptr(GPtrArray) list = tariffs (f);
    const CiroTariff *t;

    g_assert_cmpuint (list->len, ==, 1);
    t = list->pdata[0];
    g_assert_cmpstr (t->carrier, ==, yk);
    g_assert_cmpstr (t->marketplace, ==, "");
    g_assert_cmpint (t->from_day, ==, from);
    g_assert_cmpint (t->amount, ==, 1250);
  }
  {
    g_auto(GStrv) rows = ciro_tariff_group_get_rows (f->group);
    g_autofree char *v = ciro_money_format (1250, style);
    g_autofree char *since = g_strdup_printf (_("%s since %s"), v, from_iso);
    g_autofree char *line = g_strdup_printf ("%s: %s", yk, since);
    const char *want[] = { line, NULL };

    assert_strv (rows, want);
    g_assert_true (tr ? g_str_equal (v, "₺12,50") : g_str_equal (v, "₺12.50"));
  }
  g_assert_cmpint (carrier_row (ciro_shipping_page_get_report (f->page), yk)->shipping_expense, ==,
                   carrier_row (before, yk)->shipping_expense - e_covered + n_covered * 1250);
  /* other carriers keep their figures */
  g_assert_cmpint (carrier_row (ciro_shipping_page_get_report (f->page), "Aras Kargo")->shipping_expense, ==,
                   carrier_row (before, "Aras Kargo")->shipping_expense);
  {
    g_auto(GStrv) history = ciro_tariff_dialog_get_history (d);
    g_autofree char *v = ciro_money_format (1250, style);
    g_autofree char *line = g_strdup_printf ("%s %s %s", from_iso, _("Any marketplace"), v);
    const char *want[] = { line, NULL };
    assert_strv (history, want);
  }

  /* changed: the same tariff, another amount (typed the other way) */
  ciro_tariff_dialog_edit (d, 0);
  ciro_tariff_dialog_fill (d, NULL, NULL, tr ? "15,00" : "15.00", NULL);
  ciro_tariff_dialog_add (d);
  settle (f, d);
  {
    g_autoptr(GPtrArray) list = tariffs (f);
    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpint (((CiroTariff *) list->pdata[0])->amount, ==, 1500);
  }
  g_assert_cmpint (carrier_row (ciro_shipping_page_get_report (f->page), yk)->shipping_expense, ==,
                   carrier_row (before, yk)->shipping_expense - e_covered + n_covered * 1500);

  /* a second one on the same day is refused, for the same marketplace only */
  ciro_tariff_dialog_fill (d, NULL, "", "20", from_iso);
  ciro_tariff_dialog_add (d);
  {
    g_autofree char *want = g_strdup_printf (_("%s already has a tariff for %s from %s. Change that one, or choose another date."),
                                             yk, _("Any marketplace"), from_iso);
    g_assert_cmpstr (ciro_tariff_dialog_get_error (d), ==, want);
  }
  ciro_tariff_dialog_fill (d, NULL, "trendyol", tr ? "9,90" : "9.90", from_iso);
  ciro_tariff_dialog_add (d);
  settle (f, d);
  {
    g_autoptr(GPtrArray) list = tariffs (f);
    g_auto(GStrv) rows = ciro_tariff_group_get_rows (f->group);
    g_auto(GStrv) history = ciro_tariff_dialog_get_history (d);
    g_autofree char *v = ciro_money_format (990, style);
    g_autofree char *line = g_strdup_printf ("%s %s %s", from_iso, "Trendyol", v);

    g_assert_cmpuint (list->len, ==, 2);
    g_assert_cmpstr (((CiroTariff *) list->pdata[1])->marketplace, ==, "Trendyol");
    g_assert_cmpint (((CiroTariff *) list->pdata[1])->amount, ==, 990);
    g_assert_cmpuint (g_strv_length (rows), ==, 2);
    g_assert_true (g_str_has_prefix (rows[1], "Yurtiçi Kargo · Trendyol: "));
    g_assert_cmpuint (g_strv_length (history), ==, 2);
    g_assert_cmpstr (history[1], ==, line);
  }
  g_assert_cmpint (carrier_row (ciro_shipping_page_get_report (f->page), yk)->shipping_expense, <,
                   carrier_row (before, yk)->shipping_expense - e_covered + n_covered * 1500);

  /* removed, one then the other: the figures are those before */
  ciro_tariff_dialog_remove (d, 1);
  settle (f, d);
  ciro_tariff_dialog_remove (d, 0);
  settle (f, d);
  {
    g_autoptr(GPtrArray) list = tariffs (f);
    g_auto(GStrv) rows = ciro_tariff_group_get_rows (f->group);
    const char *want[] = { _("No tariffs yet"), NULL };

    g_assert_cmpuint (list->len, ==, 0);
    assert_strv (rows, want);
  }
  g_assert_cmpint (carrier_row (ciro_shipping_page_get_report (f->page), yk)->shipping_expense, ==,
                   carrier_row (before, yk)->shipping_expense);

  gtk_window_destroy (GTK_WINDOW (d));
  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&f->context);
  ciro_test_remove_store (f->path);
  g_free (f->path);
  g_unsetenv ("CIRO_NOW");
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
  dir = ciro_test_tmpdir ("ui-tariffs");
  g_test_add_func ("/ui-tariffs/preferences", test_tariffs);
  rc = g_test_run ();
  g_rmdir (dir);
  return rc;
}
