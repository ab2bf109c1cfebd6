/* ciro-marketplace-fee-row.c: one marketplace's commission and shipping cost
 *
 * An expander titled with the marketplace, its subtitle the two fees as
 * they stand; opened, a row for each. "changed" is emitted when either is
 * edited (not when the row is made).
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "core/ciro-marketplace.h"
#include "core/ciro-money.h"
#include "core/ciro-number.h"
#include "widgets/ciro-spin-row.h"
#include "ciro-marketplace-fee-row.h"

struct _CiroMarketplaceFeeRow
{
  AdwExpanderRow  parent_instance;

  char           *marketplace;
  CiroSpinRow    *commission;   /* percent */
  CiroSpinRow    *shipping;     /* lira */
  CiroBasisPoints first_commission;  /* given before the rows exist */
  CiroKurus       first_shipping;
};

G_DEFINE_FINAL_TYPE (CiroMarketplaceFeeRow, ciro_marketplace_fee_row, ADW_TYPE_EXPANDER_ROW)

enum { PROP_0, PROP_MARKETPLACE, PROP_COMMISSION, PROP_SHIPPING, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

const char *
ciro_marketplace_fee_row_get_marketplace (CiroMarketplaceFeeRow *self)
{
  g_return_val_if_fail (CIRO_IS_MARKETPLACE_FEE_ROW (self), NULL);
  return self->marketplace;
}

CiroBasisPoints
ciro_marketplace_fee_row_get_commission (CiroMarketplaceFeeRow *self)
{
  g_return_val_if_fail (CIRO_IS_MARKETPLACE_FEE_ROW (self), 0);
  return (CiroBasisPoints) llround (ciro_spin_row_get_value (self->commission) * 100.0);
}

CiroKurus
ciro_marketplace_fee_row_get_shipping (CiroMarketplaceFeeRow *self)
{
  g_return_val_if_fail (CIRO_IS_MARKETPLACE_FEE_ROW (self), 0);
  return (CiroKurus) llround (ciro_spin_row_get_value (self->shipping) * 100.0);
}

static void
update_subtitle (CiroMarketplaceFeeRow *self)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autofree char *pct = ciro_percent_format (ciro_spin_row_get_value (self->commission), 1, style);
  g_autofree char *money = ciro_money_format (ciro_marketplace_fee_row_get_shipping (self), style);
  /* TRANSLATORS: "21.5% commission · ₺75.00 shipping per order" */
  g_autofree char *text = g_strdup_printf (_("%s commission · %s shipping per order"), pct, money);

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), text);
}

static void
value_changed (CiroMarketplaceFeeRow *self, GParamSpec *pspec, CiroSpinRow *row)
{
  update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[row == self->commission ? PROP_COMMISSION : PROP_SHIPPING]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static CiroSpinRow *
fee_row (CiroMarketplaceFeeRow *self, const char *kind, const char *unit, double upper, double step,
         const char *title, const char *subtitle)
{
  g_autofree char *key = g_strconcat (kind, ":", self->marketplace, NULL);
  GtkWidget *row = g_object_new (CIRO_TYPE_SPIN_ROW, "key", key, "unit", unit, "unit-width", 2, "unit-xalign", 0.5f,
                                 "lower", 0.0, "upper", upper, "step", step, "digits", 2, NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
  return CIRO_SPIN_ROW (row);
}

static void
ciro_marketplace_fee_row_constructed (GObject *object)
{
  CiroMarketplaceFeeRow *self = CIRO_MARKETPLACE_FEE_ROW (object);

  G_OBJECT_CLASS (ciro_marketplace_fee_row_parent_class)->constructed (object);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), ciro_marketplace_display (self->marketplace));
  gtk_widget_set_name (GTK_WIDGET (self), self->marketplace);
  self->commission = fee_row (self, "commission", "%", 100, 0.5, _("Commission"),
                              _("Share of each sold line’s amount"));
  self->shipping = fee_row (self, "shipping", "₺", 100000, 1, _("Shipping Cost"), _("What you pay per order"));
  ciro_spin_row_set_value (self->commission, self->first_commission / 100.0);
  ciro_spin_row_set_value (self->shipping, self->first_shipping / 100.0);
  update_subtitle (self);
  /* the values it was made with are no edit */
  g_signal_connect_object (self->commission, "notify::value", G_CALLBACK (value_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shipping, "notify::value", G_CALLBACK (value_changed), self, G_CONNECT_SWAPPED);
}

static void
ciro_marketplace_fee_row_finalize (GObject *object)
{
  CiroMarketplaceFeeRow *self = CIRO_MARKETPLACE_FEE_ROW (object);

  g_free (self->marketplace);
  G_OBJECT_CLASS (ciro_marketplace_fee_row_parent_class)->finalize (object);
}

static void
ciro_marketplace_fee_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CiroMarketplaceFeeRow *self = CIRO_MARKETPLACE_FEE_ROW (object);

  switch (prop_id)
    {
    case PROP_MARKETPLACE:
      self->marketplace = g_value_dup_string (value);
      break;
    case PROP_COMMISSION:
      if (self->commission == NULL)
        self->first_commission = g_value_get_int (value);
      else
        ciro_spin_row_set_value (self->commission, g_value_get_int (value) / 100.0);
      break;
    case PROP_SHIPPING:
      if (self->shipping == NULL)
        self->first_shipping = g_value_get_int64 (value);
      else
        ciro_spin_row_set_value (self->shipping, g_value_get_int64 (value) / 100.0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_marketplace_fee_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CiroMarketplaceFeeRow *self = CIRO_MARKETPLACE_FEE_ROW (object);

  switch (prop_id)
    {
    case PROP_MARKETPLACE:
      g_value_set_string (value, self->marketplace);
      break;
    case PROP_COMMISSION:
      g_value_set_int (value, ciro_marketplace_fee_row_get_commission (self));
      break;
    case PROP_SHIPPING:
      g_value_set_int64 (value, ciro_marketplace_fee_row_get_shipping (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_marketplace_fee_row_class_init (CiroMarketplaceFeeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ciro_marketplace_fee_row_constructed;
  object_class->finalize = ciro_marketplace_fee_row_finalize;
  object_class->set_property = ciro_marketplace_fee_row_set_property;
  object_class->get_property = ciro_marketplace_fee_row_get_property;

  properties[PROP_MARKETPLACE] = g_param_spec_string ("marketplace", NULL, NULL, NULL,
                                                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                      G_PARAM_STATIC_STRINGS);
  /* basis points: 2150 is 21.50 % */
  properties[PROP_COMMISSION] = g_param_spec_int ("commission", NULL, NULL, 0, 10000, 0,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  /* kuruş per order */
  properties[PROP_SHIPPING] = g_param_spec_int64 ("shipping", NULL, NULL, 0, 10000000, 0,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* the person edited a fee */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ciro_marketplace_fee_row_init (CiroMarketplaceFeeRow *self)
{
}

GtkWidget *
ciro_marketplace_fee_row_new (const char *marketplace, CiroBasisPoints commission, CiroKurus shipping)
{
  return g_object_new (CIRO_TYPE_MARKETPLACE_FEE_ROW, "marketplace", marketplace,
                       "commission", (int) commission, "shipping", (gint64) shipping, NULL);
}
