/* ciro-time-row.c: a row editing a time of day, "HH:MM"
 *
 * Its `time` property is the last valid time typed (or set), written
 * "HH:MM", and changes only then: bound to a settings key, nothing that is
 * not a time is ever saved, and the field shows the error style meanwhile.
 *
 * Two rows can make a window of the day: the one whose `end-row` is set is
 * its start, and a window that is empty (start not before end) is an error
 * of both; neither end is kept until it is not empty again.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "ciro-time-row.h"

struct _CiroTimeRow
{
  AdwActionRow  parent_instance;

  char         *key;
  char         *time;        /* the kept value, "HH:MM" */
  GtkWidget    *entry;
  CiroTimeRow  *end_row;     /* set on a window's start: its end */
  CiroTimeRow  *start_row;   /* set on a window's end: its start */
  guint         setting;     /* the text is being set, not typed */
};

G_DEFINE_FINAL_TYPE (CiroTimeRow, ciro_time_row, ADW_TYPE_ACTION_ROW)

enum { PROP_0, PROP_KEY, PROP_TIME, PROP_END_ROW, N_PROPS };
static GParamSpec *properties[N_PROPS];

int
ciro_time_row_parse (const char *text)
{
  unsigned h, m;
  char end;

  if (text == NULL || sscanf (text, "%2u:%2u%c", &h, &m, &end) != 2 || h > 23 || m > 59)
    return -1;
  if (strlen (text) < 4 || text[strlen (text) - 3] != ':')
    return -1;
  return (int) (h * 3600 + m * 60);
}

static void
set_error_state (CiroTimeRow *self, gboolean error)
{
  if (error)
    {
      gtk_widget_add_css_class (self->entry, "error");
      gtk_widget_add_css_class (GTK_WIDGET (self), "error");
    }
  else
    {
      gtk_widget_remove_css_class (self->entry, "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
    }
}

/* Keeps `seconds` as the row's time. */
static void
keep (CiroTimeRow *self, int seconds)
{
  g_autofree char *text = g_strdup_printf ("%02d:%02d", seconds / 3600, (seconds % 3600) / 60);

  if (g_strcmp0 (text, self->time) == 0)
    return;
  g_free (self->time);
  self->time = g_steal_pointer (&text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}

static void
text_changed (CiroTimeRow *self)
{
  int t = ciro_time_row_parse (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  CiroTimeRow *other = self->end_row != NULL ? self->end_row : self->start_row;
  gboolean bad = t < 0;

  /* a window of the day must not be empty */
  if (!bad && other != NULL)
    {
      int o = ciro_time_row_parse (gtk_editable_get_text (GTK_EDITABLE (other->entry)));
      int from = self->end_row != NULL ? t : o;
      int until = self->end_row != NULL ? o : t;

      bad = from >= 0 && until >= 0 && from >= until;
      if (!bad && o >= 0)
        {
          /* the other end may have been waiting for this one */
          set_error_state (other, FALSE);
          if (self->setting == 0)
            keep (other, o);
        }
    }
  set_error_state (self, bad);
  if (!bad && self->setting == 0)
    keep (self, t);
}

const char *
ciro_time_row_get_time (CiroTimeRow *self)
{
  g_return_val_if_fail (CIRO_IS_TIME_ROW (self), NULL);
  return self->time;
}

void
ciro_time_row_set_time (CiroTimeRow *self, const char *time)
{
  g_return_if_fail (CIRO_IS_TIME_ROW (self));

  if (g_strcmp0 (time, self->time) == 0)
    return;
  g_free (self->time);
  self->time = g_strdup (time);
  self->setting++;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), time ? time : "");
  self->setting--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}

static void
set_end_row (CiroTimeRow *self, CiroTimeRow *end)
{
  if (self->end_row != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->end_row), (gpointer *) &self->end_row);
      self->end_row->start_row = NULL;
    }
  self->end_row = end;
  if (end != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (end), (gpointer *) &self->end_row);
      end->start_row = self;
    }
}

static void
ciro_time_row_constructed (GObject *object)
{
  CiroTimeRow *self = CIRO_TIME_ROW (object);

  G_OBJECT_CLASS (ciro_time_row_parent_class)->constructed (object);
  if (self->key != NULL)
    gtk_widget_set_name (self->entry, self->key);
}

static void
ciro_time_row_dispose (GObject *object)
{
  CiroTimeRow *self = CIRO_TIME_ROW (object);

  set_end_row (self, NULL);
  if (self->start_row != NULL)
    set_end_row (self->start_row, NULL);
  G_OBJECT_CLASS (ciro_time_row_parent_class)->dispose (object);
}

static void
ciro_time_row_finalize (GObject *object)
{
  CiroTimeRow *self = CIRO_TIME_ROW (object);

  g_free (self->key);
  g_free (self->time);
  G_OBJECT_CLASS (ciro_time_row_parent_class)->finalize (object);
}

static void
ciro_time_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CiroTimeRow *self = CIRO_TIME_ROW (object);

  switch (prop_id)
    {
    case PROP_KEY:
      self->key = g_value_dup_string (value);
      break;
    case PROP_TIME:
      ciro_time_row_set_time (self, g_value_get_string (value));
      break;
    case PROP_END_ROW:
      set_end_row (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_time_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CiroTimeRow *self = CIRO_TIME_ROW (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_TIME:
      g_value_set_string (value, self->time);
      break;
    case PROP_END_ROW:
      g_value_set_object (value, self->end_row);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_time_row_class_init (CiroTimeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ciro_time_row_constructed;
  object_class->dispose = ciro_time_row_dispose;
  object_class->finalize = ciro_time_row_finalize;
  object_class->set_property = ciro_time_row_set_property;
  object_class->get_property = ciro_time_row_get_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL,
                                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] = g_param_spec_string ("time", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_END_ROW] = g_param_spec_object ("end-row", NULL, NULL, CIRO_TYPE_TIME_ROW,
                                                  G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ciro_time_row_init (CiroTimeRow *self)
{
  self->entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->entry), 5);
  gtk_entry_set_max_length (GTK_ENTRY (self->entry), 5);
  gtk_entry_set_alignment (GTK_ENTRY (self->entry), 0.5);
  gtk_entry_set_input_purpose (GTK_ENTRY (self->entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_widget_set_valign (self->entry, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->entry, "numeric");
  gtk_widget_set_tooltip_text (self->entry, _("Istanbul time, hours and minutes, like 02:00"));
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (text_changed), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), self->entry);
}

GtkWidget *
ciro_time_row_new (const char *key)
{
  return g_object_new (CIRO_TYPE_TIME_ROW, "key", key, NULL);
}
