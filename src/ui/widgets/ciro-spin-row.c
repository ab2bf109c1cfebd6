/* ciro-spin-row.c: a row editing one number, with its unit
 *
 * The typed text is read in either decimal style ("21,5" and "21.5"); while
 * it is not a number within the bounds the row and its field show the
 * error style, and the value stays what it was.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include "core/ciro-number.h"
#include "ciro-spin-row.h"

struct _CiroSpinRow
{
  AdwActionRow   parent_instance;

  char          *key;
  char          *unit;
  int            unit_width;
  float          unit_xalign;
  double         lower, upper, step;
  guint          digits;
  GtkSpinButton *spin;
};

G_DEFINE_FINAL_TYPE (CiroSpinRow, ciro_spin_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_KEY,
  PROP_UNIT,
  PROP_UNIT_WIDTH,
  PROP_UNIT_XALIGN,
  PROP_LOWER,
  PROP_UPPER,
  PROP_STEP,
  PROP_DIGITS,
  PROP_VALUE,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
set_error_state (GtkWidget *widget, gboolean error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

/* The text as a number with `digits` decimals within the bounds, or FALSE. */
static gboolean
text_value (CiroSpinRow *self, double *out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->spin));
  g_autofree char *clean = g_strstrip (g_strdup (text));
  GtkAdjustment *adj = gtk_spin_button_get_adjustment (self->spin);
  gint64 v;

  if (!ciro_parse_decimal (clean, 2, &v, NULL))
    return FALSE;
  if (gtk_spin_button_get_digits (self->spin) == 0 && v % 100 != 0)
    return FALSE;
  *out = (double) v / 100.0;
  return *out >= gtk_adjustment_get_lower (adj) - 1e-9 && *out <= gtk_adjustment_get_upper (adj) + 1e-9;
}

static void
text_changed (CiroSpinRow *self)
{
  double v;
  gboolean bad = !text_value (self, &v);

  set_error_state (GTK_WIDGET (self->spin), bad);
  set_error_state (GTK_WIDGET (self), bad);
}

static void
value_changed (CiroSpinRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

const char *
ciro_spin_row_get_key (CiroSpinRow *self)
{
  g_return_val_if_fail (CIRO_IS_SPIN_ROW (self), NULL);
  return self->key;
}

GtkSpinButton *
ciro_spin_row_get_spin (CiroSpinRow *self)
{
  g_return_val_if_fail (CIRO_IS_SPIN_ROW (self), NULL);
  return self->spin;
}

double
ciro_spin_row_get_value (CiroSpinRow *self)
{
  g_return_val_if_fail (CIRO_IS_SPIN_ROW (self), 0);
  return gtk_spin_button_get_value (self->spin);
}

void
ciro_spin_row_set_value (CiroSpinRow *self, double value)
{
  g_return_if_fail (CIRO_IS_SPIN_ROW (self));
  gtk_spin_button_set_value (self->spin, value);
}

static void
ciro_spin_row_constructed (GObject *object)
{
  CiroSpinRow *self = CIRO_SPIN_ROW (object);

  G_OBJECT_CLASS (ciro_spin_row_parent_class)->constructed (object);

  self->spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (self->lower, self->upper, self->step));
  gtk_spin_button_set_digits (self->spin, self->digits);
  /* one width for every number, so the rows line up */
  gtk_editable_set_width_chars (GTK_EDITABLE (self->spin), 6);
  gtk_spin_button_set_numeric (self->spin, FALSE);
  gtk_spin_button_set_update_policy (self->spin, GTK_UPDATE_IF_VALID);
  gtk_widget_set_valign (GTK_WIDGET (self->spin), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->spin), "numeric");
  if (self->key != NULL)
    gtk_widget_set_name (GTK_WIDGET (self->spin), self->key);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->spin));
  if (self->unit != NULL)
    {
      GtkWidget *label = gtk_label_new (self->unit);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_width_chars (GTK_LABEL (label), self->unit_width);
      gtk_label_set_xalign (GTK_LABEL (label), self->unit_xalign);
      adw_action_row_add_suffix (ADW_ACTION_ROW (self), label);
    }
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->spin));
  g_signal_connect_swapped (self->spin, "changed", G_CALLBACK (text_changed), self);
  g_signal_connect_swapped (self->spin, "value-changed", G_CALLBACK (value_changed), self);
}

static void
ciro_spin_row_finalize (GObject *object)
{
  CiroSpinRow *self = CIRO_SPIN_ROW (object);

  g_free (self->key);
  g_free (self->unit);
  G_OBJECT_CLASS (ciro_spin_row_parent_class)->finalize (object);
}

static void
ciro_spin_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CiroSpinRow *self = CIRO_SPIN_ROW (object);

  switch (prop_id)
    {
    case PROP_KEY:
      self->key = g_value_dup_string (value);
      break;
    case PROP_UNIT:
      self->unit = g_value_dup_string (value);
      break;
    case PROP_UNIT_WIDTH:
      self->unit_width = g_value_get_int (value);
      break;
    case PROP_UNIT_XALIGN:
      self->unit_xalign = g_value_get_float (value);
      break;
    case PROP_LOWER:
      self->lower = g_value_get_double (value);
      break;
    case PROP_UPPER:
      self->upper = g_value_get_double (value);
      break;
    case PROP_STEP:
      self->step = g_value_get_double (value);
      break;
    case PROP_DIGITS:
      self->digits = g_value_get_uint (value);
      break;
    case PROP_VALUE:
      gtk_spin_button_set_value (self->spin, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_spin_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CiroSpinRow *self = CIRO_SPIN_ROW (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    case PROP_UNIT_WIDTH:
      g_value_set_int (value, self->unit_width);
      break;
    case PROP_UNIT_XALIGN:
      g_value_set_float (value, self->unit_xalign);
      break;
    case PROP_LOWER:
      g_value_set_double (value, self->lower);
      break;
    case PROP_UPPER:
      g_value_set_double (value, self->upper);
      break;
    case PROP_STEP:
      g_value_set_double (value, self->step);
      break;
    case PROP_DIGITS:
      g_value_set_uint (value, self->digits);
      break;
    case PROP_VALUE:
      g_value_set_double (value, gtk_spin_button_get_value (self->spin));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_spin_row_class_init (CiroSpinRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = ciro_spin_row_constructed;
  object_class->finalize = ciro_spin_row_finalize;
  object_class->set_property = ciro_spin_row_set_property;
  object_class->get_property = ciro_spin_row_get_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, construct);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, construct);
  properties[PROP_UNIT_WIDTH] = g_param_spec_int ("unit-width", NULL, NULL, 0, 100, 5, construct);
  properties[PROP_UNIT_XALIGN] = g_param_spec_float ("unit-xalign", NULL, NULL, 0, 1, 0, construct);
  properties[PROP_LOWER] = g_param_spec_double ("lower", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, construct);
  properties[PROP_UPPER] = g_param_spec_double ("upper", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 100, construct);
  properties[PROP_STEP] = g_param_spec_double ("step", NULL, NULL, 0, G_MAXDOUBLE, 1, construct);
  properties[PROP_DIGITS] = g_param_spec_uint ("digits", NULL, NULL, 0, 20, 0, construct);
  properties[PROP_VALUE] = g_param_spec_double ("value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ciro_spin_row_init (CiroSpinRow *self)
{
  self->unit_width = 5;
  self->upper = 100;
  self->step = 1;
}
