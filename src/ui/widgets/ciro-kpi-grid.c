/* ciro-kpi-grid.c: KPI cards in 4, 2 or 1 columns, never a lone card
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ciro-kpi-grid.h"

#define SPACING 12

struct _CiroKpiGrid
{
  GtkWidget parent_instance;
  guint     columns;     /* of the last allocation */
};

static void ciro_kpi_grid_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CiroKpiGrid, ciro_kpi_grid, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, ciro_kpi_grid_buildable_init))

static GtkBuildableIface *parent_buildable;

static guint
n_visible (CiroKpiGrid *self)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c; c = gtk_widget_get_next_sibling (c))
    n += gtk_widget_should_layout (c);
  return n;
}

/* The widest minimum width of the cards: each column is at least that. */
static int
card_min_width (CiroKpiGrid *self)
{
  int w = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c; c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_should_layout (c))
      {
        int min = 0;
        gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
        w = MAX (w, min);
      }
  return w;
}

/* All cards on one line, else halves, else one a line: 4 → 4, 2, 1;
 * 3 → 3, 1; 6 → 6, 3, 2, 1 (the counts that divide the cards evenly). */
static guint
columns_for (CiroKpiGrid *self, int width)
{
  guint n = n_visible (self);
  int min = card_min_width (self);

  if (n == 0)
    return 1;
  for (guint c = n; c > 1; c--)
    if (n % c == 0 && (int) c * min + (int) (c - 1) * SPACING <= width)
      return c;
  return 1;
}

static int
column_width (int width, guint columns)
{
  return MAX (0, (width - (int) (columns - 1) * SPACING) / (int) columns);
}

static int
rows_height (CiroKpiGrid *self, int width, guint columns, int *heights, guint n_heights)
{
  int col_w = column_width (width, columns);
  int total = 0, row_h = 0;
  guint i = 0, row = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c; c = gtk_widget_get_next_sibling (c))
    {
      int nat = 0;
      if (!gtk_widget_should_layout (c))
        continue;
      gtk_widget_measure (c, GTK_ORIENTATION_VERTICAL, col_w, NULL, &nat, NULL, NULL);
      row_h = MAX (row_h, nat);
      if (++i % columns == 0)
        {
          if (heights && row < n_heights)
            heights[row] = row_h;
          total += row_h + (row > 0 ? SPACING : 0);
          row++;
          row_h = 0;
        }
    }
  if (i % columns != 0)
    {
      if (heights && row < n_heights)
        heights[row] = row_h;
      total += row_h + (row > 0 ? SPACING : 0);
    }
  return total;
}

static void
ciro_kpi_grid_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  CiroKpiGrid *self = CIRO_KPI_GRID (widget);
  guint n = n_visible (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int nat = 0;
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
        if (gtk_widget_should_layout (c))
          {
            int cn = 0;
            gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &cn, NULL, NULL);
            nat = MAX (nat, cn);
          }
      *minimum = card_min_width (self);
      *natural = n > 0 ? (int) n * nat + (int) (n - 1) * SPACING : 0;
    }
  else
    {
      int width = for_size;
      guint columns;
      if (width < 0)
        {
          int min_w = 0, nat_w = 0;
          ciro_kpi_grid_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
          width = nat_w;
        }
      columns = columns_for (self, width);
      *minimum = *natural = rows_height (self, width, columns, NULL, 0);
    }
}

static void
ciro_kpi_grid_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  CiroKpiGrid *self = CIRO_KPI_GRID (widget);
  guint columns = columns_for (self, width);
  guint n = n_visible (self);
  guint n_rows = n == 0 ? 0 : (n + columns - 1) / columns;
  g_autofree int *heights = g_new0 (int, MAX (n_rows, 1));
  int col_w = column_width (width, columns);
  int y = 0;
  guint i = 0;

  self->columns = columns;
  rows_height (self, width, columns, heights, n_rows);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      guint row, col;
      GtkAllocation a;
      if (!gtk_widget_should_layout (c))
        continue;
      row = i / columns;
      col = i % columns;
      if (col == 0 && row > 0)
        y += heights[row - 1] + SPACING;
      a.x = (int) col * (col_w + SPACING);
      /* the rounding remainder goes to the last column */
      a.width = col + 1 == columns ? width - a.x : col_w;
      a.y = y;
      a.height = heights[row];
      if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
        a.x = width - a.x - a.width;
      gtk_widget_size_allocate (c, &a, -1);
      i++;
    }
}

static GtkSizeRequestMode
ciro_kpi_grid_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
ciro_kpi_grid_dispose (GObject *object)
{
  ciro_kpi_grid_remove_all (CIRO_KPI_GRID (object));
  G_OBJECT_CLASS (ciro_kpi_grid_parent_class)->dispose (object);
}

static void
ciro_kpi_grid_add_child (GtkBuildable *buildable, GtkBuilder *builder, GObject *child, const char *type)
{
  if (GTK_IS_WIDGET (child))
    ciro_kpi_grid_append (CIRO_KPI_GRID (buildable), GTK_WIDGET (child));
  else
    parent_buildable->add_child (buildable, builder, child, type);
}

static void
ciro_kpi_grid_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable = g_type_interface_peek_parent (iface);
  iface->add_child = ciro_kpi_grid_add_child;
}

static void
ciro_kpi_grid_class_init (CiroKpiGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ciro_kpi_grid_dispose;
  widget_class->measure = ciro_kpi_grid_measure;
  widget_class->size_allocate = ciro_kpi_grid_size_allocate;
  widget_class->get_request_mode = ciro_kpi_grid_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "kpigrid");
}

static void
ciro_kpi_grid_init (CiroKpiGrid *self)
{
  self->columns = 1;
}

GtkWidget *
ciro_kpi_grid_new (void)
{
  return g_object_new (CIRO_TYPE_KPI_GRID, NULL);
}

void
ciro_kpi_grid_append (CiroKpiGrid *self, GtkWidget *card)
{
  g_return_if_fail (CIRO_IS_KPI_GRID (self));
  g_return_if_fail (GTK_IS_WIDGET (card));
  gtk_widget_set_parent (card, GTK_WIDGET (self));
}

void
ciro_kpi_grid_remove_all (CiroKpiGrid *self)
{
  GtkWidget *c;

  g_return_if_fail (CIRO_IS_KPI_GRID (self));
  while ((c = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (c);
}

guint
ciro_kpi_grid_get_columns (CiroKpiGrid *self)
{
  g_return_val_if_fail (CIRO_IS_KPI_GRID (self), 1);
  return self->columns;
}
