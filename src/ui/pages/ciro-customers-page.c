/* ciro-customers-page.c: the customers (insights.md §4)
 *
 * One request to the report service reads the store once for the RFM
 * report (with the 12-month CLV) and the cohorts of the last two years;
 * a customer's detail is a second request under an owner of its own. With
 * the store's masking setting on (KVKK) every name, e-mail and phone the
 * page shows is masked before it reaches a widget, and the search only
 * looks at what is shown.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "analytics/ciro-report-service.h"
#include "core/ciro-customer.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "core/ciro-text.h"
#include "store/ciro-settings.h"
#include "widgets/ciro-kpi-card.h"
#include "widgets/ciro-kpi-grid.h"
#include "widgets/ciro-vat-view.h"
#include "ui/ciro-lazy-load.h"
#include "ui/ciro-list-when-shown.h"
#include "ciro-customers-page.h"

#define RFM_DAYS 365
#define COHORT_MONTHS_SHOWN 24
#define TOP_LIST 10

/* ---------------------------------------------------------- an item */

#define CIRO_TYPE_CUSTOMER_ITEM (ciro_customer_item_get_type ())
G_DECLARE_FINAL_TYPE (CiroCustomerItem, ciro_customer_item, CIRO, CUSTOMER_ITEM, GObject)

/* One customer as the page keeps it: the figures the list, its sorts,
 * the VIP and at-risk lists and the detail read, and no text (80 bytes
 * against the engine's 160 and its four strings). */
typedef struct {
  CiroKurus   spend;
  CiroKurus   monetary;
  CiroKurus   clv_12m;
  CiroKurus   clv_12m_ex_vat;
  CiroKurus   clv_historical;
  CiroKurus   clv_historical_ex_vat;
  const char *city;          /* in the report's strings; NULL when unknown */
  CiroDay     first_day;
  CiroDay     last_day;
  gint32      orders;
  gint32      frequency;
  float       median_gap;    /* < 0 with one order */
  gint8       loyalty;       /* -1 outside the window */
  guint8      segment;
  guint16     r : 3, f : 3, m : 3, in_window : 1, vip : 1, churn_risk : 1;
} Row;

#define CMP(a, b) ((a) < (b) ? -1 : (a) > (b) ? 1 : 0)

/* What the worker loaded, shared by the page and every item of its list
 * (reference-counted: an item outlives a reload while the list lets it
 * go). A million-order store has some 300,000 customers: the engine's
 * report is let go once its customers are copied into compact rows, an
 * item is only a customer's index, and the texts the list shows or
 * searches are made once, off the main thread, into one block. */
typedef struct {
  CiroCustomerReport *report;    /* the aggregates; its customers array emptied */
  GArray             *cohorts;   /* CiroCohort */
  gboolean            masked;
  gboolean            has_orders;
  gboolean            after_vat;  /* the CLV shown is after VAT settlement (the window's view) */
  guint               n;          /* customers */
  Row                *rows;
  char               *text;      /* the texts below, each ended by a NUL */
  guint32            *shown;     /* per customer: the name as shown (masked when the setting says so) */
  guint32            *folded;    /* what the search looks at: name and city, Turkish-folded */
  guint32            *name_rank; /* the place of the folded name in their order; equal names, equal ranks */
  guint32            *key;       /* the customer's key, for its detail (which reads the e-mail and phone) */
} Data;

struct _CiroCustomerItem
{
  GObject      parent_instance;
  Data        *data;         /* a reference */
  guint        index;        /* in the report's customers */
};

G_DEFINE_FINAL_TYPE (CiroCustomerItem, ciro_customer_item, G_TYPE_OBJECT)

static void data_release (gpointer p);

static void
ciro_customer_item_finalize (GObject *object)
{
  CiroCustomerItem *self = CIRO_CUSTOMER_ITEM (object);

  g_clear_pointer (&self->data, data_release);
  G_OBJECT_CLASS (ciro_customer_item_parent_class)->finalize (object);
}

static void
ciro_customer_item_class_init (CiroCustomerItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ciro_customer_item_finalize;
}

static void
ciro_customer_item_init (CiroCustomerItem *self)
{
}

/* A customer's name as the window may show it. */
static char *
shown_name (const CiroCustomer *c, gboolean masked)
{
  if (c->name != NULL && *c->name != '\0')
    return masked ? ciro_mask_name (c->name) : g_strdup (c->name);
  if (c->email != NULL && *c->email != '\0')
    return masked ? ciro_mask_email (c->email) : g_strdup (c->email);
  if (c->phone != NULL && *c->phone != '\0')
    return masked ? ciro_mask_phone (c->phone) : g_strdup (c->phone);
  return masked ? ciro_mask_customer_key (c->key) : g_strdup (c->key);
}

static CiroCustomerItem *
item_new (Data *data, guint index)
{
  CiroCustomerItem *self = g_object_new (CIRO_TYPE_CUSTOMER_ITEM, NULL);

  self->data = g_rc_box_acquire (data);
  self->index = index;
  return self;
}

static inline const Row *
item_customer (const CiroCustomerItem *it)
{
  return &it->data->rows[it->index];
}

static inline const char *
item_shown (const CiroCustomerItem *it)
{
  return it->data->text + it->data->shown[it->index];
}

static inline const char *
item_folded (const CiroCustomerItem *it)
{
  return it->data->text + it->data->folded[it->index];
}


/* The 12-month CLV of the view shown: after VAT settlement or before it. */
static inline CiroKurus
shown_clv (const Data *d, const Row *c)
{
  return d->after_vat ? c->clv_12m_ex_vat : c->clv_12m;
}

/* ---------------------------------------------------------- the list's model */

/* The customers of the loaded data the filter lets through, in the
 * sorter's order, as a list model that keeps 4 bytes per customer listed:
 * their indices. An item is made when the list asks for it and not kept.
 * GTK's filter and sort models held an item per customer (an object
 * each, and the sort model's keys: some 20 MB on the million-order
 * store); this applies the same GtkFilter and GtkSorter to two probe
 * items that take each index in turn. */
#define CIRO_TYPE_CUSTOMER_LIST (ciro_customer_list_get_type ())
G_DECLARE_FINAL_TYPE (CiroCustomerList, ciro_customer_list, CIRO, CUSTOMER_LIST, GObject)

struct _CiroCustomerList
{
  GObject           parent_instance;
  Data             *data;    /* a reference; NULL: empty */
  GtkFilter        *filter;
  GtkSorter        *sorter;
  guint32          *view;    /* the indices listed, in order */
  guint             n_view;
  CiroCustomerItem *probe[2];
};

static GType
customer_list_get_item_type (GListModel *model)
{
  return CIRO_TYPE_CUSTOMER_ITEM;
}

static guint
customer_list_get_n_items (GListModel *model)
{
  return CIRO_CUSTOMER_LIST (model)->n_view;
}

static gpointer
customer_list_get_item (GListModel *model, guint position)
{
  CiroCustomerList *self = CIRO_CUSTOMER_LIST (model);

  if (position >= self->n_view)
    return NULL;
  return item_new (self->data, self->view[position]);
}

static void
customer_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = customer_list_get_item_type;
  iface->get_n_items = customer_list_get_n_items;
  iface->get_item = customer_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CiroCustomerList, ciro_customer_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, customer_list_model_init))

static void ciro_customer_list_update (CiroCustomerList *self);

static void
ciro_customer_list_finalize (GObject *object)
{
  CiroCustomerList *self = CIRO_CUSTOMER_LIST (object);

  g_signal_handlers_disconnect_by_data (self->filter, self);
  g_signal_handlers_disconnect_by_data (self->sorter, self);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_pointer (&self->data, data_release);
  g_free (self->view);
  for (guint i = 0; i < 2; i++)
    {
      self->probe[i]->data = NULL;   /* never a reference */
      g_object_unref (self->probe[i]);
    }
  G_OBJECT_CLASS (ciro_customer_list_parent_class)->finalize (object);
}

static void
ciro_customer_list_class_init (CiroCustomerListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ciro_customer_list_finalize;
}

static void
ciro_customer_list_init (CiroCustomerList *self)
{
  for (guint i = 0; i < 2; i++)
    self->probe[i] = g_object_new (CIRO_TYPE_CUSTOMER_ITEM, NULL);
}

static CiroCustomerList *
ciro_customer_list_new (GtkFilter *filter, GtkSorter *sorter)
{
  CiroCustomerList *self = g_object_new (CIRO_TYPE_CUSTOMER_LIST, NULL);

  self->filter = g_object_ref (filter);
  self->sorter = g_object_ref (sorter);
  g_signal_connect_swapped (filter, "changed", G_CALLBACK (ciro_customer_list_update), self);
  g_signal_connect_swapped (sorter, "changed", G_CALLBACK (ciro_customer_list_update), self);
  return self;
}

static int
customer_list_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  CiroCustomerList *self = user_data;

  self->probe[0]->index = *(const guint32 *) a;
  self->probe[1]->index = *(const guint32 *) b;
  return gtk_sorter_compare (self->sorter, self->probe[0], self->probe[1]);
}

/* The view made anew from the data, the filter and the sorter. */
static void
ciro_customer_list_update (CiroCustomerList *self)
{
  guint removed = self->n_view, n = 0;
  guint total = self->data != NULL ? self->data->n : 0;

  g_clear_pointer (&self->view, g_free);
  self->n_view = 0;
  if (total > 0)
    {
      guint32 *view = g_new (guint32, total);

      self->probe[0]->data = self->probe[1]->data = self->data;
      for (guint i = 0; i < total; i++)
        {
          self->probe[0]->index = i;
          if (gtk_filter_match (self->filter, self->probe[0]))
            view[n++] = i;
        }
      g_qsort_with_data (view, (gint) n, sizeof (guint32), customer_list_compare, self);
      self->probe[0]->data = self->probe[1]->data = NULL;
      self->view = n == total ? view : g_realloc (view, MAX (1, n) * sizeof (guint32));
      self->n_view = n;
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_view);
}

/* The list now shows `data`'s customers (NULL: none). */
static void
ciro_customer_list_set_data (CiroCustomerList *self, Data *data)
{
  g_clear_pointer (&self->data, data_release);
  if (data != NULL)
    self->data = g_rc_box_acquire (data);
  ciro_customer_list_update (self);
}

/* ---------------------------------------------------------- the page */

typedef enum {
  SORT_SPEND,
  SORT_ORDERS,
  SORT_LAST,
  SORT_LOYALTY,
  SORT_CLV,
  SORT_NAME,
  SORT_CITY,
  SORT_SEGMENT,
  N_SORTS
} SortKey;

struct _CiroCustomersPage
{
  AdwBin              parent_instance;

  CiroContext        *context;
  int                 detail_owner;  /* its address owns the detail's request */
  Data               *data;
  gboolean            narrow;
  gboolean            filling;       /* the switch shows the setting read: no write */
  guint               cell_r, cell_f; /* the map's cell the list is filtered to; 0: none */
  char               *search;        /* folded */
  SortKey             sort;
  gboolean            cohort_revenue; /* the heat map shows revenue per customer */
  CiroHeatGrid       *map;
  CiroHeatGrid       *cohort_grid;
  GtkWidget          *detail;        /* the open detail window */

  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *error_page;
  GtkLabel           *subtitle;
  GtkSwitch          *mask_switch;
  GtkWidget          *kpis;
  GtkDrawingArea     *map_area;
  GtkLabel           *map_legend;    /* the segments' keys, when the cells are too small for names */
  int                 map_w, map_h;  /* the map's size, as last allocated */
  gboolean            map_compact;   /* the cells show a key and the customers, the legend the names */
  guint               legend_idle;
  GtkLabel           *filter_label;
  GtkWidget          *filter_clear;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *sort_drop;
  GtkLabel           *summary;
  GtkStack           *list_stack;
  GtkColumnView      *table;
  GtkListView        *rows;
  GtkListBox         *vip_list;
  GtkListBox         *churn_list;
  GtkLabel           *vip_title;
  GtkLabel           *churn_title;
  GtkDrawingArea     *cohort_area;
  GtkToggleButton    *cohort_share_button;
  GtkLabel           *model_label;
  GtkColumnViewColumn *clv_column;
  GtkStringList      *sorts;

  CiroCustomerList   *items;       /* filtered and sorted */
  GtkCustomFilter    *filter;
  GtkCustomSorter    *drop_sorter;
};

G_DEFINE_FINAL_TYPE (CiroCustomersPage, ciro_customers_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { SIGNAL_LOADED, SIGNAL_DETAIL_LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
data_clear (gpointer p)
{
  Data *d = p;

  g_clear_pointer (&d->report, ciro_customer_report_free);
  g_clear_pointer (&d->cohorts, g_array_unref);
  g_free (d->rows);
  g_free (d->text);
  g_free (d->shown);
  g_free (d->folded);
  g_free (d->name_rank);
  g_free (d->key);
}

static void
data_release (gpointer p)
{
  if (p != NULL)
    g_rc_box_release_full (p, data_clear);
}

/* `s` and its NUL at the end of `text`; its offset */
static guint32
text_add (GString *text, const char *s)
{
  guint32 at = (guint32) text->len;

  /* a block past 4 GB would need 64-bit offsets: no store has that */
  g_assert (text->len < G_MAXUINT32 - 4096 - strlen (s));
  g_string_append_len (text, s, (gssize) strlen (s) + 1);
  return at;
}

static int
by_sort_key (gconstpointer a, gconstpointer b, gpointer block)
{
  const guint32 *offsets = ((gpointer *) block)[1];
  const char *text = ((gpointer *) block)[0];
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  int c = strcmp (text + offsets[x], text + offsets[y]);

  return c != 0 ? c : CMP (x, y);
}

/* The report's customers as the page keeps them, in the worker: each
 * customer's figures copied into a row, written over the engine's array
 * itself (a row is half a customer, so row i never reaches customer
 * i + 1), which then shrinks to the rows; the texts into one block; the
 * engine's strings let go as they are copied. The e-mails and phones
 * are not kept: only the detail shows them (with masking off), and it
 * reads them with the customer's orders. */
static void
data_compact (Data *d)
{
  GArray *cs = d->report->customers;
  guint n = cs->len;
  GString *text = g_string_sized_new ((gsize) n * 40 + 1);
  GString *sort = g_string_sized_new ((gsize) n * 16 + 1);
  g_autofree guint32 *sort_at = g_new (guint32, MAX (1, n));
  g_autofree guint32 *order = g_new (guint32, MAX (1, n));
  gsize len;
  Row *rows;

  G_STATIC_ASSERT (sizeof (Row) * 2 <= sizeof (CiroCustomer));
  d->n = n;
  d->shown = g_new (guint32, MAX (1, n));
  d->folded = g_new (guint32, MAX (1, n));
  d->key = g_new (guint32, MAX (1, n));
  rows = (Row *) (gpointer) cs->data;
  for (guint i = 0; i < n; i++)
    {
      CiroCustomer c = g_array_index (cs, CiroCustomer, i);
      g_autofree char *shown = shown_name (&c, d->masked);
      g_autofree char *all = g_strdup_printf ("%s %s", shown, c.city != NULL ? c.city : "");
      g_autofree char *folded = ciro_search_key (all);
      g_autofree char *sort_key = ciro_search_key (shown);
      Row *row = &rows[i];

      d->shown[i] = text_add (text, shown);
      d->folded[i] = text_add (text, folded);
      d->key[i] = text_add (text, c.key);
      sort_at[i] = text_add (sort, sort_key);
      order[i] = i;
      /* the row last: it may overlay this customer's own bytes */
      memset (row, 0, sizeof *row);
      row->spend = c.spend;
      row->monetary = c.monetary;
      row->clv_12m = c.clv_12m;
      row->clv_12m_ex_vat = c.clv_12m_ex_vat;
      row->clv_historical = c.clv_historical;
      row->clv_historical_ex_vat = c.clv_historical_ex_vat;
      row->city = c.city;
      row->first_day = c.first_day;
      row->last_day = c.last_day;
      row->orders = (gint32) MIN (c.orders, G_MAXINT32);
      row->frequency = (gint32) MIN (c.frequency, G_MAXINT32);
      row->median_gap = (float) c.median_gap;
      row->loyalty = (gint8) c.loyalty;
      row->segment = (guint8) c.segment;
      row->r = c.r;
      row->f = c.f;
      row->m = c.m;
      row->in_window = !!c.in_window;
      row->vip = !!c.vip;
      row->churn_risk = !!c.churn_risk;
      ciro_customer_clear (&c);
    }
  /* the engine's array, now rows, shrunk to them */
  g_array_set_clear_func (cs, NULL);
  d->rows = g_realloc (g_array_steal (cs, &len), MAX (1, n) * sizeof (Row));
  (void) len;
  /* the names' order, for the sort by name: a rank per customer instead
   * of a second text each */
  {
    gpointer block[2] = { sort->str, sort_at };
    guint32 rank = 0;

    g_qsort_with_data (order, (gint) n, sizeof (guint32), by_sort_key, block);
    d->name_rank = g_new (guint32, MAX (1, n));
    for (guint i = 0; i < n; i++)
      {
        if (i > 0 && strcmp (sort->str + sort_at[order[i]], sort->str + sort_at[order[i - 1]]) != 0)
          rank++;
        d->name_rank[order[i]] = rank;
      }
  }
  g_string_free (sort, TRUE);
  /* no slack kept: the block is as long as its texts */
  len = text->len;
  d->text = g_realloc (g_string_free (text, FALSE), MAX (1, len));
}

static gpointer
customers_run (CiroStore *store, gpointer unused, GCancellable *cancellable, GError **error)
{
  Data *d = g_rc_box_new0 (Data);
  CiroReportFilter f = { 0 };
  CiroDay today = ciro_today ();

  f.to = today;
  f.from = today - (RFM_DAYS - 1);
  d->masked = ciro_store_get_setting_int (store, CIRO_SETTING_MASK_PERSONAL_DATA, 0) != 0;
  d->has_orders = ciro_store_count_orders (store, NULL) > 0;
  d->report = ciro_report_customers_and_cohorts (store, &f, CIRO_CUSTOMERS_MODEL,
                                                 ciro_month_first_day (ciro_day_month (today) - (COHORT_MONTHS_SHOWN - 1)),
                                                 &d->cohorts, error);
  /* the names, e-mails and phones once the engine has let its orders go,
   * not beside them: the search and the sort by name read every name */
  if (d->report == NULL || !ciro_customers_read_contacts (store, d->report, NULL, 0, error))
    {
      data_release (d);
      return NULL;
    }
  data_compact (d);
  return d;
}

/* ---------------------------------------------------------- the list */

static gboolean
filter_func (gpointer item, gpointer user_data)
{
  CiroCustomersPage *self = user_data;
  CiroCustomerItem *it = item;

  const Row *c = item_customer (it);

  if (self->cell_r != 0 && (c->r != self->cell_r || c->f != self->cell_f))
    return FALSE;
  return self->search == NULL || *self->search == '\0' || strstr (item_folded (it), self->search) != NULL;
}

static int
compare_by (const CiroCustomerItem *a, const CiroCustomerItem *b, SortKey key)
{
  const Row *x = item_customer (a), *y = item_customer (b);

  switch (key)
    {
    case SORT_ORDERS:
      return CMP (y->orders, x->orders);
    case SORT_LAST:
      return CMP (y->last_day, x->last_day);
    case SORT_LOYALTY:
      return CMP (y->loyalty, x->loyalty);
    case SORT_CLV:
      return CMP (shown_clv (b->data, y), shown_clv (a->data, x));
    case SORT_NAME:
      return CMP (a->data->name_rank[a->index], b->data->name_rank[b->index]);
    case SORT_CITY:
      return g_strcmp0 (x->city != NULL ? x->city : "\xff", y->city != NULL ? y->city : "\xff");
    case SORT_SEGMENT:
      return CMP (x->segment == CIRO_SEGMENT_NONE ? CIRO_N_SEGMENTS : x->segment,
                  y->segment == CIRO_SEGMENT_NONE ? CIRO_N_SEGMENTS : y->segment);
    case SORT_SPEND:
    case N_SORTS:
    default:
      return CMP (y->spend, x->spend);
    }
}

static int
drop_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  CiroCustomersPage *self = user_data;
  int c = compare_by (a, b, self->sort);

  /* ties: by spend, then the order of the report (stable) */
  if (c == 0)
    c = compare_by (a, b, SORT_SPEND);
  return c != 0 ? c : CMP (((const CiroCustomerItem *) a)->index, ((const CiroCustomerItem *) b)->index);
}

static int
column_compare (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return compare_by (a, b, GPOINTER_TO_INT (user_data));
}

static char *
money_text (CiroKurus v)
{
  return ciro_money_format (v, ciro_number_style_from_locale ());
}

static char *
item_text (const CiroCustomerItem *it, SortKey col)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  const Row *c = item_customer (it);

  switch (col)
    {
    case SORT_NAME:
      return g_strdup (item_shown (it));
    case SORT_CITY:
      return g_strdup (c->city != NULL ? c->city : "—");
    case SORT_ORDERS:
      return ciro_count_format (c->orders, style);
    case SORT_SPEND:
      return money_text (c->spend);
    case SORT_LAST:
      return ciro_day_to_string (c->last_day);
    case SORT_SEGMENT:
      return g_strdup (c->segment == CIRO_SEGMENT_NONE ? "—" : ciro_segment_label (c->segment));
    case SORT_LOYALTY:
      return c->loyalty < 0 ? g_strdup ("—") : ciro_count_format (c->loyalty, style);
    case SORT_CLV:
      return it->data->report->model_fitted ? money_text (shown_clv (it->data, c)) : g_strdup ("—");
    case N_SORTS:
    default:
      return g_strdup ("");
    }
}

static void
cell_setup (GtkSignalListItemFactory *factory, GtkListItem *li, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);
  SortKey col = GPOINTER_TO_INT (data);

  gtk_label_set_xalign (GTK_LABEL (label), col == SORT_NAME || col == SORT_CITY || col == SORT_SEGMENT ? 0 : 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (col != SORT_NAME && col != SORT_CITY && col != SORT_SEGMENT)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (li, label);
}

static void
cell_bind (GtkSignalListItemFactory *factory, GtkListItem *li, gpointer data)
{
  g_autofree char *text = item_text (gtk_list_item_get_item (li), GPOINTER_TO_INT (data));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (li)), text);
}

static void
add_column (CiroCustomersPage *self, const char *title, SortKey col, gboolean expand, int width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), GINT_TO_POINTER (col));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), GINT_TO_POINTER (col));
  column = gtk_column_view_column_new (title, factory);
  if (col == SORT_CLV)
    self->clv_column = column;
  gtk_column_view_column_set_sorter (column, GTK_SORTER (gtk_custom_sorter_new (column_compare,
                                                                                 GINT_TO_POINTER (col), NULL)));
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_append_column (self->table, column);
  g_object_unref (column);
}

/* A customer as a row, for a narrow window. */
static void
row_setup (GtkSignalListItemFactory *factory, GtkListItem *li, gpointer data)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *name = gtk_label_new (NULL), *spend = gtk_label_new (NULL);
  GtkWidget *line = gtk_label_new (NULL), *line2 = gtk_label_new (NULL);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (spend), 1);
  gtk_widget_add_css_class (spend, "numeric");
  gtk_label_set_xalign (GTK_LABEL (line), 0);
  gtk_label_set_wrap (GTK_LABEL (line), TRUE);
  gtk_widget_add_css_class (line, "dim-label");
  gtk_widget_add_css_class (line, "caption");
  gtk_label_set_xalign (GTK_LABEL (line2), 0);
  gtk_label_set_wrap (GTK_LABEL (line2), TRUE);
  gtk_widget_add_css_class (line2, "dim-label");
  gtk_widget_add_css_class (line2, "caption");
  gtk_grid_attach (GTK_GRID (grid), name, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), spend, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), line, 0, 1, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), line2, 0, 2, 2, 1);
  gtk_list_item_set_child (li, grid);
}

static void
row_bind (GtkSignalListItemFactory *factory, GtkListItem *li, gpointer data)
{
  CiroCustomerItem *it = gtk_list_item_get_item (li);
  GtkWidget *grid = gtk_list_item_get_child (li);
  GtkWidget *name = gtk_grid_get_child_at (GTK_GRID (grid), 0, 0);
  GtkWidget *spend = gtk_grid_get_child_at (GTK_GRID (grid), 1, 0);
  GtkWidget *line = gtk_grid_get_child_at (GTK_GRID (grid), 0, 1);
  GtkWidget *line2 = gtk_grid_get_child_at (GTK_GRID (grid), 0, 2);
  g_autofree char *spend_s = item_text (it, SORT_SPEND), *city = item_text (it, SORT_CITY);
  g_autofree char *seg = item_text (it, SORT_SEGMENT), *loyalty = item_text (it, SORT_LOYALTY);
  g_autofree char *orders = item_text (it, SORT_ORDERS), *last = item_text (it, SORT_LAST);
  g_autofree char *clv = item_text (it, SORT_CLV);
  /* TRANSLATORS: a customer in the narrow list: city · segment · loyalty */
  g_autofree char *l1 = g_strdup_printf (_("%s · %s · loyalty %s"), city, seg, loyalty);
  g_autofree char *l2 = it->data->after_vat
    /* TRANSLATORS: a customer in the narrow list: orders, last order, 12-month CLV after VAT settlement */
    ? g_strdup_printf (_("%s orders · last %s · CLV after VAT %s"), orders, last, clv)
    /* TRANSLATORS: a customer in the narrow list: orders, last order, 12-month CLV */
    : g_strdup_printf (_("%s orders · last %s · CLV %s"), orders, last, clv);

  gtk_label_set_text (GTK_LABEL (name), item_shown (it));
  gtk_label_set_text (GTK_LABEL (spend), spend_s);
  gtk_label_set_text (GTK_LABEL (line), l1);
  gtk_label_set_text (GTK_LABEL (line2), l2);
}

static void
update_summary (CiroCustomersPage *self)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint all = self->data != NULL ? self->data->n : 0;
  g_autofree char *a = ciro_count_format (shown, style);
  g_autofree char *b = ciro_count_format (all, style);
  /* TRANSLATORS: "25 of 812 customers" */
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s customer", "%s of %s customers",
                                                        all), a, b);

  gtk_label_set_text (self->summary, text);
  gtk_stack_set_visible_child_name (self->list_stack, shown == 0 ? "none" : self->narrow ? "rows" : "table");
}

static void
refilter (CiroCustomersPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_summary (self);
}

static void
search_changed (CiroCustomersPage *self)
{
  g_free (self->search);
  self->search = ciro_search_key (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  refilter (self);
}

static void
sort_changed (CiroCustomersPage *self)
{
  guint i = gtk_drop_down_get_selected (self->sort_drop);
  static const SortKey keys[] = { SORT_SPEND, SORT_ORDERS, SORT_LAST, SORT_LOYALTY, SORT_CLV, SORT_NAME };

  self->sort = i < G_N_ELEMENTS (keys) ? keys[i] : SORT_SPEND;
  gtk_sorter_changed (GTK_SORTER (self->drop_sorter), GTK_SORTER_CHANGE_DIFFERENT);
}

/* ---------------------------------------------------------- the map */

static void
chart_style (GtkWidget *widget, CiroChartStyle *style)
{
  GtkStyleContext *ctx = gtk_widget_get_style_context (widget);
  GdkRGBA fg, c;

  ciro_chart_style_init (style);
  gtk_style_context_get_color (ctx, &fg);
  style->foreground = (CiroRgba) { fg.red, fg.green, fg.blue, fg.alpha };
  style->grid = style->foreground;
  style->grid.a = 0.06;
  if (gtk_style_context_lookup_color (ctx, "accent_bg_color", &c))
    style->colors[0] = (CiroRgba) { c.red, c.green, c.blue, c.alpha };
  style->number_style = ciro_number_style_from_locale ();
}

static void
draw_map (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  CiroCustomersPage *self = data;
  CiroChartStyle style;
  int selected = -1;

  if (self->map == NULL)
    return;
  chart_style (GTK_WIDGET (area), &style);
  if (self->cell_r != 0)
    selected = (int) ((5 - self->cell_r) * 5 + (self->cell_f - 1));
  ciro_heat_grid_draw (self->map, cr, width, height, &style, selected);
}

static void
draw_cohorts (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  CiroCustomersPage *self = data;
  CiroChartStyle style;

  if (self->cohort_grid == NULL)
    return;
  chart_style (GTK_WIDGET (area), &style);
  ciro_heat_grid_draw (self->cohort_grid, cr, width, height, &style, -1);
}

static void
show_filter (CiroCustomersPage *self)
{
  if (self->cell_r == 0)
    {
      gtk_label_set_text (self->filter_label, _("Every customer; click a cell of the map to list its customers."));
      gtk_widget_set_visible (self->filter_clear, FALSE);
    }
  else
    {
      /* TRANSLATORS: the list filtered to a cell of the map: "Champion: R 5, F 4" */
      g_autofree char *text = g_strdup_printf (_("%s: R %u, F %u"),
                                               ciro_segment_label (ciro_segment_for (self->cell_r, self->cell_f)),
                                               self->cell_r, self->cell_f);
      gtk_label_set_text (self->filter_label, text);
      gtk_widget_set_visible (self->filter_clear, TRUE);
    }
}

void
ciro_customers_page_select_cell (CiroCustomersPage *self, guint r, guint f)
{
  g_return_if_fail (CIRO_IS_CUSTOMERS_PAGE (self));
  g_return_if_fail (r <= 5 && f <= 5 && (r == 0) == (f == 0));

  self->cell_r = r;
  self->cell_f = f;
  show_filter (self);
  refilter (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->map_area));
}

static void
map_pressed (GtkGestureClick *gesture, int n_press, double x, double y, CiroCustomersPage *self)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self->map_area)), h = gtk_widget_get_height (GTK_WIDGET (self->map_area));
  int cell;

  if (self->map == NULL || (cell = ciro_heat_grid_hit (self->map, w, h, x, y)) < 0)
    return;
  {
    guint r = 5 - (guint) cell / 5, f = (guint) cell % 5 + 1;
    if (r == self->cell_r && f == self->cell_f)
      ciro_customers_page_select_cell (self, 0, 0);
    else
      ciro_customers_page_select_cell (self, r, f);
  }
}

static void
clear_filter (CiroCustomersPage *self)
{
  ciro_customers_page_select_cell (self, 0, 0);
}

/* A segment's key on a map too small for its name: its number in the
 * legend's order, "#1" to "#11" (circled digits stop at ⑩ in the
 * common fonts). */
static const char *
segment_key (CiroSegment segment)
{
  static const char *const keys[CIRO_N_SEGMENTS] = {
    "", "#1", "#2", "#3", "#4", "#5", "#6", "#7", "#8", "#9", "#10", "#11",
  };
  return segment < CIRO_N_SEGMENTS ? keys[segment] : "";
}

static void
legend_show (gpointer data)
{
  CiroCustomersPage *self = data;

  self->legend_idle = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->map_legend), self->map_compact);
}

static void
fill_map (CiroCustomersPage *self, const CiroCustomerReport *r)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  gint64 max_n = 0;
  CiroKurus max_rev = 0;

  g_clear_pointer (&self->map, ciro_heat_grid_free);
  self->map = ciro_heat_grid_new (5, 5);
  ciro_heat_grid_set_row_label_width (self->map, 36);
  ciro_heat_grid_set_title (self->map, _("Segment map: recency against frequency"));
  ciro_heat_grid_set_axes (self->map, _("Recency score"), _("Frequency score"));
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *rl = g_strdup_printf ("R %u", 5 - i), *fl = g_strdup_printf ("F %u", i + 1);
      ciro_heat_grid_set_row_label (self->map, i, rl);
      ciro_heat_grid_set_col_label (self->map, i, fl);
    }
  for (guint ri = 0; ri < 5; ri++)
    for (guint fi = 0; fi < 5; fi++)
      {
        max_n = MAX (max_n, r->grid[ri][fi].customers);
        max_rev = MAX (max_rev, r->grid[ri][fi].revenue);
      }
  for (guint row = 0; row < 5; row++)
    for (guint col = 0; col < 5; col++)
      {
        guint R = 5 - row, F = col + 1;
        const CiroRfmCell *cell = &r->grid[R - 1][F - 1];
        g_autofree char *n = ciro_count_format (cell->customers, style);
        g_autofree char *rev = ciro_money_format_compact (cell->revenue, style);
        g_autofree char *text = g_strdup_printf ("%s\n%s · %s", ciro_segment_label (ciro_segment_for (R, F)), n, rev);
        double shade = cell->customers > 0 && max_rev > 0 ? (double) cell->revenue / (double) max_rev : NAN;
        double size = max_n > 0 ? (double) cell->customers / (double) max_n : 0;
        ciro_heat_grid_set_cell (self->map, row, col, cell->customers > 0 ? shade : NAN, size, text);
      }
  /* Too small a cell for its segment's name (a phone's width, a long
   * Turkish name): each cell shows its segment's key and its customers,
   * and the legend under the map names the keys. */
  self->map_compact = FALSE;
  if (self->map_w > 0 && self->map_h > 0)
    {
      CiroChartStyle cs;
      chart_style (GTK_WIDGET (self->map_area), &cs);
      self->map_compact = !ciro_heat_grid_texts_fit (self->map, self->map_w, self->map_h, &cs);
    }
  if (self->map_compact)
    for (guint row = 0; row < 5; row++)
      for (guint col = 0; col < 5; col++)
        {
          guint R = 5 - row, F = col + 1;
          const CiroRfmCell *cell = &r->grid[R - 1][F - 1];
          g_autofree char *n = ciro_count_format (cell->customers, style);
          g_autofree char *text = g_strdup_printf ("%s\n%s", segment_key (ciro_segment_for (R, F)), n);
          double shade = cell->customers > 0 && max_rev > 0 ? (double) cell->revenue / (double) max_rev : NAN;
          double size = max_n > 0 ? (double) cell->customers / (double) max_n : 0;
          ciro_heat_grid_set_cell (self->map, row, col, cell->customers > 0 ? shade : NAN, size, text);
        }
  {
    g_autoptr(GString) legend = g_string_new (NULL);
    for (CiroSegment seg = CIRO_SEGMENT_CHAMPION; seg < CIRO_N_SEGMENTS; seg++)
      /* a no-break space: a key stays with its name */
      g_string_append_printf (legend, "%s%s\u00a0%s", seg > CIRO_SEGMENT_CHAMPION ? " · " : "", segment_key (seg),
                              ciro_segment_label (seg));
    /* TRANSLATORS: under the segment map when its cells show keys: the keys, then what a cell says */
    g_string_append_printf (legend, "\n%s", _("A cell: its segment’s key and its customers; the deeper its colour, "
                                              "the more they spent."));
    gtk_label_set_text (self->map_legend, legend->str);
  }
  if (gtk_widget_get_visible (GTK_WIDGET (self->map_legend)) != self->map_compact && self->legend_idle == 0)
    /* not while the map is being allocated */
    self->legend_idle = g_idle_add_once (legend_show, self);
  gtk_widget_queue_draw (GTK_WIDGET (self->map_area));
}

static void
map_resized (GtkDrawingArea *area, int width, int height, CiroCustomersPage *self)
{
  if (width == self->map_w && height == self->map_h)
    return;
  self->map_w = width;
  self->map_h = height;
  if (self->data != NULL && self->data->n > 0)
    fill_map (self, self->data->report);
}

/* ---------------------------------------------------------- cohorts */

static void
fill_cohorts (CiroCustomersPage *self)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  const GArray *co = self->data->cohorts;
  guint n_rows = 0, n_cols = 0, row = 0;
  double max = 0;

  g_clear_pointer (&self->cohort_grid, ciro_heat_grid_free);
  for (guint i = 0; i < co->len; i++)
    if (g_array_index (co, CiroCohort, i).customers > 0)
      {
        n_rows++;
        n_cols = MAX (n_cols, g_array_index (co, CiroCohort, i).n_months);
      }
  /* a phone's width holds the first six months */
  n_cols = MIN (n_cols, self->narrow ? 6 : CIRO_COHORT_MONTHS);
  self->cohort_grid = ciro_heat_grid_new (n_rows, n_cols);
  ciro_heat_grid_set_row_label_width (self->cohort_grid, 96);
  ciro_heat_grid_set_axes (self->cohort_grid, NULL,
                           self->cohort_revenue ? _("Months since the first order: net revenue per customer so far")
                                                : _("Months since the first order: share of the cohort that ordered"));
  for (guint c = 0; c < n_cols; c++)
    {
      g_autofree char *label = g_strdup_printf ("%u", c);
      ciro_heat_grid_set_col_label (self->cohort_grid, c, label);
    }
  for (guint i = 0; i < co->len; i++)
    {
      const CiroCohort *h = &g_array_index (co, CiroCohort, i);
      for (guint k = self->cohort_revenue ? 0 : 1; k < h->n_months && h->customers > 0; k++)
        max = MAX (max, self->cohort_revenue ? h->revenue_per_customer[k] : h->active_pct[k]);
    }
  for (guint i = 0; i < co->len; i++)
    {
      const CiroCohort *h = &g_array_index (co, CiroCohort, i);
      g_autofree char *n = NULL, *label = NULL;
      if (h->customers == 0)
        continue;
      n = ciro_count_format (h->customers, style);
      /* TRANSLATORS: a cohort's row: its month and how many customers began then, "2026-03 (412)" */
      label = g_strdup_printf (_("%04d-%02d (%s)"), h->month / 12, h->month % 12 + 1, n);
      ciro_heat_grid_set_row_label (self->cohort_grid, row, label);
      for (guint k = 0; k < n_cols; k++)
        {
          g_autofree char *text = NULL;
          double v;
          if (k >= h->n_months)
            continue;
          v = self->cohort_revenue ? h->revenue_per_customer[k] : h->active_pct[k];
          text = self->cohort_revenue ? ciro_money_format_compact ((CiroKurus) llround (v * 100), style)
                                      : ciro_percent_format (v, 0, style);
          ciro_heat_grid_set_cell (self->cohort_grid, row, k, max > 0 ? MIN (1.0, v / max) : 0, 1, text);
        }
      row++;
    }
  gtk_widget_set_size_request (GTK_WIDGET (self->cohort_area), -1, 40 + 22 * (int) MAX (1, n_rows));
  gtk_widget_queue_draw (GTK_WIDGET (self->cohort_area));
}

static void
cohort_view_changed (CiroCustomersPage *self)
{
  self->cohort_revenue = !gtk_toggle_button_get_active (self->cohort_share_button);
  if (self->data != NULL)
    fill_cohorts (self);
}

/* ---------------------------------------------------------- VIP and churn */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static int
by_monetary (gconstpointer a, gconstpointer b, gpointer data)
{
  const Row *rows = data;
  const Row *x = &rows[*(const guint *) a], *y = &rows[*(const guint *) b];

  return CMP (y->monetary, x->monetary) != 0 ? CMP (y->monetary, x->monetary) : CMP (y->spend, x->spend);
}

static int
by_spend (gconstpointer a, gconstpointer b, gpointer data)
{
  const Row *rows = data;
  const Row *x = &rows[*(const guint *) a], *y = &rows[*(const guint *) b];

  return CMP (y->spend, x->spend);
}

static void
top_row (CiroCustomersPage *self, GtkListBox *list, guint index, gboolean vip)
{
  const Row *c = &self->data->rows[index];
  GtkWidget *row = adw_action_row_new ();
  const char *name = self->data->text + self->data->shown[index];
  g_autofree char *value = money_text (vip ? c->monetary : c->spend);
  g_autofree char *last = ciro_day_to_string (c->last_day);
  g_autofree char *sub = NULL;
  GtkWidget *label = gtk_label_new (value);

  if (vip)
    {
      g_autofree char *n = ciro_count_format (c->frequency, ciro_number_style_from_locale ());
      /* TRANSLATORS: a VIP's row: segment, orders in the year */
      sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s order in the year", "%s · %s orders in the year",
                                          (gulong) c->frequency),
                             ciro_segment_label (c->segment), n);
    }
  else
    /* TRANSLATORS: a customer at risk: no order since a day, usually one every N days */
    sub = g_strdup_printf (_("no order since %s, usually one every %.0f days"), last, c->median_gap);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (list, row);
}

static void
fill_tops (CiroCustomersPage *self)
{
  const CiroCustomerReport *r = self->data->report;
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autoptr(GArray) vip = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) churn = g_array_new (FALSE, FALSE, sizeof (guint));
  CiroKurus window_revenue = 0, churn_clv = 0;

  for (guint i = 0; i < self->data->n; i++)
    {
      const Row *c = &self->data->rows[i];
      window_revenue += c->monetary;
      if (c->vip)
        g_array_append_val (vip, i);
      if (c->churn_risk)
        {
          g_array_append_val (churn, i);
          churn_clv += shown_clv (self->data, c);
        }
    }
  g_array_sort_with_data (vip, by_monetary, self->data->rows);
  g_array_sort_with_data (churn, by_spend, self->data->rows);
  {
    g_autofree char *n = ciro_count_format (r->n_vip, style);
    g_autofree char *rev = money_text (r->vip_revenue);
    g_autofree char *share = ciro_percent_format (window_revenue > 0 ? 100.0 * r->vip_revenue / window_revenue : 0,
                                                  0, style);
    /* TRANSLATORS: "VIP customers: 12, who brought ₺45.000,00 (31 %) in the last 365 days" */
    g_autofree char *title = g_strdup_printf (_("VIP customers: %s, who brought %s (%s) in the last 365 days"),
                                              n, rev, share);
    gtk_label_set_text (self->vip_title, title);
  }
  {
    g_autofree char *n = ciro_count_format (r->n_churn, style);
    g_autofree char *spent = money_text (r->churn_spend);
    g_autofree char *clv = money_text (churn_clv);
    /* TRANSLATORS: "At risk of leaving: 40 customers who spent ₺12.000,00; worth ₺3.000,00 in the next 12 months" */
    g_autofree char *title = !r->model_fitted
      ? g_strdup_printf (_("At risk of leaving: %s customers who spent %s"), n, spent)
      : self->data->after_vat
      /* TRANSLATORS: "At risk of leaving: 40 customers who spent ₺12.000,00; worth ₺2.400,00 after VAT in the next 12 months" */
      ? g_strdup_printf (_("At risk of leaving: %s customers who spent %s; worth %s after VAT in the next 12 months"),
                         n, spent, clv)
      : g_strdup_printf (_("At risk of leaving: %s customers who spent %s; worth %s in the next 12 months"),
                         n, spent, clv);
    gtk_label_set_text (self->churn_title, title);
  }
  clear_list (self->vip_list);
  clear_list (self->churn_list);
  for (guint i = 0; i < MIN (vip->len, TOP_LIST); i++)
    top_row (self, self->vip_list, g_array_index (vip, guint, i), TRUE);
  for (guint i = 0; i < MIN (churn->len, TOP_LIST); i++)
    top_row (self, self->churn_list, g_array_index (churn, guint, i), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->vip_list), vip->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->churn_list), churn->len > 0);
}

/* ---------------------------------------------------------- showing */

static void
fill_kpis (CiroCustomersPage *self)
{
  const CiroCustomerReport *r = self->data->report;
  CiroNumberStyle style = ciro_number_style_from_locale ();
  GtkWidget *card;
  gint64 repeat = 0;
  CiroKurus clv = 0;

  for (guint i = 0; i < self->data->n; i++)
    {
      const Row *c = &self->data->rows[i];
      repeat += c->in_window && c->frequency >= 2;
      clv += shown_clv (self->data, c);
    }
  ciro_kpi_grid_remove_all (CIRO_KPI_GRID (self->kpis));
  {
    g_autofree char *n = ciro_count_format (r->n_window, style);
    g_autofree char *all = ciro_count_format (self->data->n, style);
    /* TRANSLATORS: under the number of customers of the last 365 days */
    g_autofree char *detail = g_strdup_printf (_("%s since the first order"), all);
    card = ciro_kpi_card_new (_("Customers in the last 365 days"));
    ciro_kpi_card_set (CIRO_KPI_CARD (card), n, detail, NAN, FALSE, NULL);
    ciro_kpi_grid_append (CIRO_KPI_GRID (self->kpis), card);
  }
  {
    g_autofree char *pct = ciro_percent_format (r->n_window > 0 ? 100.0 * repeat / r->n_window : 0, 0, style);
    g_autofree char *n = ciro_count_format (repeat, style);
    /* TRANSLATORS: under the repeat share: how many customers ordered twice or more */
    g_autofree char *detail = g_strdup_printf (_("%s ordered twice or more"), n);
    card = ciro_kpi_card_new (_("Repeat customers"));
    ciro_kpi_card_set (CIRO_KPI_CARD (card), pct, detail, NAN, FALSE, NULL);
    ciro_kpi_grid_append (CIRO_KPI_GRID (self->kpis), card);
  }
  {
    g_autofree char *n = ciro_count_format (r->anonymous_orders, style);
    g_autofree char *rev = money_text (r->anonymous_revenue);
    /* TRANSLATORS: orders with neither a customer id, e-mail nor phone */
    g_autofree char *detail = g_strdup_printf (_("worth %s"), rev);
    card = ciro_kpi_card_new (_("Orders without a customer"));
    ciro_kpi_card_set (CIRO_KPI_CARD (card), n, detail, NAN, FALSE, NULL);
    ciro_kpi_grid_append (CIRO_KPI_GRID (self->kpis), card);
  }
  card = ciro_kpi_card_new (_("Lifetime value, next 12 months"));
  gtk_widget_set_name (card, "customers-clv");
  if (r->model_fitted)
    {
      g_autofree char *v = money_text (clv);
      ciro_kpi_card_set (CIRO_KPI_CARD (card), v,
                         self->data->after_vat ? _("profit after VAT expected from today’s customers")
                                               : _("profit expected from today’s customers"),
                         NAN, FALSE, NULL);
    }
  else
    ciro_kpi_card_set (CIRO_KPI_CARD (card), "—", _("too few repeat customers to predict"), NAN, FALSE, NULL);
  ciro_kpi_grid_append (CIRO_KPI_GRID (self->kpis), card);
  if (r->model_fitted)
    {
      CiroNumberStyle s = style;
      g_autofree char *fit = ciro_count_format (r->model_customers, s);
      g_autofree char *all = ciro_count_format (r->model_eligible, s);
      /* TRANSLATORS: how the 12-month value was predicted */
      g_autofree char *text = g_strdup_printf (_("Predicted with the BG/NBD and Gamma-Gamma models, fitted on %s of "
                                                 "%s customers."), fit, all);
      gtk_label_set_text (self->model_label, text);
    }
  else
    gtk_label_set_text (self->model_label, "");
}

/* The titles that name the view: the CLV column and its sort. */
static void
update_vat_titles (CiroCustomersPage *self)
{
  gboolean after = ciro_vat_view_get (ciro_context_get_settings (self->context));
  const char *title = after ? _("CLV after VAT, 12 months") : _("CLV, 12 months");

  gtk_column_view_column_set_title (self->clv_column, title);
  if (g_strcmp0 (gtk_string_list_get_string (self->sorts, 4), title) != 0)
    {
      const char *const one[] = { title, NULL };
      guint selected = gtk_drop_down_get_selected (self->sort_drop);
      gtk_string_list_splice (self->sorts, 4, 1, one);
      gtk_drop_down_set_selected (self->sort_drop, selected);
    }
}

static void
fill (CiroCustomersPage *self)
{
  const CiroCustomerReport *r = self->data->report;
  g_autofree char *from = ciro_day_to_string (r->from), *to = ciro_day_to_string (r->to);
  g_autofree char *sub = NULL;

  /* TRANSLATORS: under the Customers title */
  sub = g_strdup_printf (_("Scores over %s to %s; a customer is a Sentos customer id, else an e-mail, else a phone."),
                         from, to);
  gtk_label_set_text (self->subtitle, sub);
  self->filling = TRUE;
  gtk_switch_set_active (self->mask_switch, self->data->masked);
  self->filling = FALSE;
  fill_kpis (self);
  fill_map (self, r);
  fill_tops (self);
  fill_cohorts (self);
  ciro_customer_list_set_data (self->items, self->data);
  show_filter (self);
  update_summary (self);
}

static void
loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CiroCustomersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Data *d = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (d == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    {
      data_release (self->data);
      self->data = d;
      d->after_vat = ciro_vat_view_get (ciro_context_get_settings (self->context));
      if (d->n == 0)
        {
          adw_status_page_set_description (self->empty_page,
                                           d->has_orders
                                             ? _("None of the store’s orders names a customer by id, e-mail or phone.")
                                             : _("Customers appear here once the store has orders: sync with Sentos "
                                                 "or make a demo store on the Today page."));
          gtk_stack_set_visible_child_name (self->stack, "empty");
        }
      else
        {
          fill (self);
          gtk_stack_set_visible_child_name (self->stack, "data");
        }
    }
  /* what the worker held while it computed goes back to the system */
  ciro_context_release_memory (self->context);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

void
ciro_customers_page_reload (CiroCustomersPage *self)
{
  g_return_if_fail (CIRO_IS_CUSTOMERS_PAGE (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "data") != 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  ciro_report_service_run_async (ciro_context_get_reports (self->context), self, customers_run, NULL, NULL,
                                 data_release, NULL, loaded, g_object_ref (self));
}

static void
mask_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CiroCustomersPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ciro_report_service_write_finish (CIRO_REPORT_SERVICE (source), result, &error))
    g_warning ("Saving the masking setting: %s", error->message);
  if (self->context != NULL)
    ciro_context_store_changed (self->context);
}

static void
mask_toggled (CiroCustomersPage *self)
{
  if (self->filling)
    return;
  ciro_report_service_write_async (ciro_context_get_reports (self->context), CIRO_SETTING_MASK_PERSONAL_DATA,
                                   gtk_switch_get_active (self->mask_switch) ? "1" : "0", NULL, 0, 0, NULL,
                                   mask_written, g_object_ref (self));
}

/* ---------------------------------------------------------- detail */

typedef struct {
  char             *key;
  CiroReportFilter  filter;
} DetailAsk;

static void
detail_ask_free (gpointer p)
{
  DetailAsk *a = p;
  g_free (a->key);
  ciro_report_filter_clear (&a->filter);
  g_free (a);
}

static gpointer
detail_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  DetailAsk *a = data;
  return ciro_report_customer_detail (store, a->key, &a->filter, error);
}

static GtkWidget *
detail_group (GtkWidget *box, const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (GTK_BOX (box), group);
  return group;
}

static void
detail_row (GtkWidget *group, const char *title, const char *subtitle, const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

typedef struct {
  CiroCustomersPage *page;
  GtkWidget         *window;
  GtkWidget         *box;
  GtkWidget         *group;    /* the customer's own rows */
  gboolean           masked;   /* no contact shown */
} DetailView;

/* The historical lifetime value in the detail, in the window's view, and
 * again whenever the view changes while the detail is open. */
typedef struct {
  CiroKurus before, after;
  GSettings *settings;
} HistoryValues;

static void
history_values_free (gpointer p)
{
  HistoryValues *v = p;
  g_object_unref (v->settings);
  g_free (v);
}

static void
history_row_update (AdwActionRow *row)
{
  HistoryValues *v = g_object_get_data (G_OBJECT (row), "values");
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "value");
  gboolean after = ciro_vat_view_get (v->settings);
  g_autofree char *text = money_text (after ? v->after : v->before);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), after ? _("Historical lifetime value (profit after VAT)")
                                                                  : _("Historical lifetime value (profit)"));
  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
detail_history_row (CiroCustomersPage *self, GtkWidget *group, const Row *c)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (NULL);
  HistoryValues *v = g_new0 (HistoryValues, 1);

  v->before = c->clv_historical;
  v->after = c->clv_historical_ex_vat;
  v->settings = g_object_ref (ciro_context_get_settings (self->context));
  gtk_widget_set_name (row, "customer-history");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  g_object_set_data (G_OBJECT (row), "value", label);
  g_object_set_data_full (G_OBJECT (row), "values", v, history_values_free);
  history_row_update (ADW_ACTION_ROW (row));
  ciro_vat_view_connect (v->settings, G_CALLBACK (history_row_update), row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

static void
detail_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  DetailView *v = user_data;
  g_autoptr(CiroCustomersPage) self = v->page;
  g_autoptr(GtkWidget) window = v->window;
  g_autoptr(GtkWidget) customer = v->group;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroCustomerDetail) d = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);
  CiroNumberStyle style = ciro_number_style_from_locale ();
  GtkWidget *box = v->box, *group, *child;
  gboolean masked = v->masked;

  g_free (v);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || gtk_widget_get_parent (box) == NULL)
    {
      g_object_unref (box);
      return;
    }
  /* the contact details, only when the setting lets them show */
  if (d != NULL && !masked)
    {
      const char *email = d->email != NULL && *d->email != '\0' ? d->email : NULL;
      const char *phone = d->phone != NULL && *d->phone != '\0' ? d->phone : NULL;
      if (email != NULL || phone != NULL)
        detail_row (customer, _("Contact"), phone, email != NULL ? email : "");
    }
  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
  if (d == NULL)
    {
      gtk_box_append (GTK_BOX (box), gtk_label_new (error->message));
      g_signal_emit (self, signals[SIGNAL_DETAIL_LOADED], 0);
      g_object_unref (box);
      return;
    }
  group = detail_group (box, _("Gaps between orders"));
  {
    g_autoptr(GString) gaps = g_string_new (NULL);
    g_autofree char *median = NULL;
    for (guint i = 0; i < d->gaps->len; i++)
      {
        g_autofree char *n = ciro_count_format (g_array_index (d->gaps, int, i), style);
        if (i > 0)
          g_string_append (gaps, ", ");
        g_string_append (gaps, n);
      }
    if (d->median_gap >= 0)
      {
        g_autofree char *m = ciro_number_format (d->median_gap, d->median_gap == floor (d->median_gap) ? 0 : 1, style);
        /* TRANSLATORS: the median of the days between a customer's orders */
        median = g_strdup_printf (_("%s days"), m);
        detail_row (group, _("Usually between two orders"), gaps->str, median);
      }
    else
      detail_row (group, _("A single order day so far"), NULL, "");
  }
  group = detail_group (box, _("Orders"));
  for (guint i = 0; i < d->orders->len; i++)
    {
      const CiroCustomerOrderRow *o = &g_array_index (d->orders, CiroCustomerOrderRow, i);
      g_autofree char *day = ciro_day_to_string (o->day);
      g_autofree char *value = money_text (o->revenue);
      g_autofree char *units = ciro_count_format (o->units, style);
      /* TRANSLATORS: an order in a customer's detail: marketplace, order code, units */
      g_autofree char *sub = g_strdup_printf (_("%s · %s · %s units"), o->marketplace != NULL ? o->marketplace : "",
                                              o->code != NULL ? o->code : "—", units);
      detail_row (group, day, sub, value);
    }
  group = detail_group (box, _("Products"));
  for (guint i = 0; i < d->products->len; i++)
    {
      const CiroCustomerProductRow *p = &g_array_index (d->products, CiroCustomerProductRow, i);
      g_autofree char *value = money_text (p->revenue);
      g_autofree char *units = ciro_count_format (p->units, style);
      g_autofree char *orders = ciro_count_format (p->orders, style);
      /* TRANSLATORS: a product in a customer's detail: SKU, units, in how many orders */
      g_autofree char *sub = g_strdup_printf (_("%s · %s units in %s orders"), p->sku != NULL ? p->sku : "", units,
                                              orders);
      detail_row (group, p->name != NULL ? p->name : "", sub, value);
    }
  g_signal_emit (self, signals[SIGNAL_DETAIL_LOADED], 0);
  g_object_unref (box);
}

GtkWidget *
ciro_customers_page_open_detail (CiroCustomersPage *self, guint position)
{
  g_autoptr(CiroCustomerItem) it = NULL;
  const Row *c;
  GtkWidget *group, *window, *scrolled, *clamp, *outer, *box, *head, *header;
  DetailAsk *ask;
  DetailView *view;
  g_autofree char *name = NULL, *title_sub = NULL;

  g_return_val_if_fail (CIRO_IS_CUSTOMERS_PAGE (self), NULL);
  it = g_list_model_get_item (G_LIST_MODEL (self->items), position);
  g_return_val_if_fail (it != NULL && self->data != NULL, NULL);
  c = item_customer (it);
  name = g_strdup (item_shown (it));

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), name);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 640);
  outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (outer), header);
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  clamp = adw_clamp_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  group = detail_group (box, name);
  {
    g_autofree char *spend = money_text (c->spend);
    g_autofree char *orders = ciro_count_format (c->orders, ciro_number_style_from_locale ());
    g_autofree char *first = ciro_day_to_string (c->first_day), *last = ciro_day_to_string (c->last_day);
    /* TRANSLATORS: a customer's first and last order days */
    g_autofree char *span = g_strdup_printf (_("first %s, last %s"), first, last);
    g_autofree char *rfm = c->in_window ? g_strdup_printf ("R %u · F %u · M %u", c->r, c->f, c->m) : g_strdup ("—");
    detail_row (group, _("Orders"), span, orders);
    detail_row (group, _("Net spend"), NULL, spend);
    detail_history_row (self, group, c);
    detail_row (group, c->segment != CIRO_SEGMENT_NONE ? ciro_segment_label (c->segment) : _("No order in the last 365 days"),
                _("Segment and scores"), rfm);
  }
  head = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (head));
  {
    GtkWidget *more = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
    gtk_box_append (GTK_BOX (more), head);
    gtk_box_append (GTK_BOX (box), more);
    gtk_widget_set_name (more, "customer-detail-more");
    ask = g_new0 (DetailAsk, 1);
    ask->key = g_strdup (it->data->text + it->data->key[it->index]);
    ask->filter.from = self->data->report->from;
    ask->filter.to = self->data->report->to;
    view = g_new0 (DetailView, 1);
    view->page = g_object_ref (self);
    view->window = g_object_ref (window);
    view->box = g_object_ref (more);
    view->group = g_object_ref (group);
    view->masked = it->data->masked;
  }
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (outer), scrolled);
  adw_window_set_content (ADW_WINDOW (window), outer);
  (void) title_sub;
  ciro_report_service_run_async (ciro_context_get_reports (self->context), &self->detail_owner, detail_run, ask,
                                 detail_ask_free, (GDestroyNotify) ciro_customer_detail_free, NULL, detail_loaded,
                                 view);
  gtk_window_present (GTK_WINDOW (window));
  self->detail = window;
  return window;
}

static void
table_activated (CiroCustomersPage *self, guint position)
{
  ciro_customers_page_open_detail (self, position);
}

/* ---------------------------------------------------------- public */

const char *
ciro_customers_page_get_state (CiroCustomersPage *self)
{
  g_return_val_if_fail (CIRO_IS_CUSTOMERS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
ciro_customers_page_set_narrow (CiroCustomersPage *self, gboolean narrow)
{
  g_return_if_fail (CIRO_IS_CUSTOMERS_PAGE (self));
  if (self->narrow == !!narrow)
    return;
  self->narrow = !!narrow;
  update_summary (self);
  if (self->data != NULL)
    fill_cohorts (self);
}

const CiroCustomerReport *
ciro_customers_page_get_report (CiroCustomersPage *self)
{
  g_return_val_if_fail (CIRO_IS_CUSTOMERS_PAGE (self), NULL);
  return self->data != NULL ? self->data->report : NULL;
}

const CiroHeatGrid *
ciro_customers_page_get_map (CiroCustomersPage *self)
{
  g_return_val_if_fail (CIRO_IS_CUSTOMERS_PAGE (self), NULL);
  return self->map;
}

const CiroHeatGrid *
ciro_customers_page_get_cohorts (CiroCustomersPage *self)
{
  g_return_val_if_fail (CIRO_IS_CUSTOMERS_PAGE (self), NULL);
  return self->cohort_grid;
}

char *
ciro_customers_page_get_clv_text (CiroCustomersPage *self, guint position)
{
  g_autoptr(CiroCustomerItem) it = NULL;

  g_return_val_if_fail (CIRO_IS_CUSTOMERS_PAGE (self), NULL);
  it = g_list_model_get_item (G_LIST_MODEL (self->items), position);
  return it != NULL ? item_text (it, SORT_CLV) : NULL;
}

const char *
ciro_customers_page_get_customer_key (CiroCustomersPage *self, guint position)
{
  g_autoptr(CiroCustomerItem) it = NULL;

  g_return_val_if_fail (CIRO_IS_CUSTOMERS_PAGE (self), NULL);
  it = g_list_model_get_item (G_LIST_MODEL (self->items), position);
  return it != NULL ? it->data->text + it->data->key[it->index] : NULL;
}

void
ciro_customers_page_sort_by_clv (CiroCustomersPage *self)
{
  g_return_if_fail (CIRO_IS_CUSTOMERS_PAGE (self));
  gtk_drop_down_set_selected (self->sort_drop, 4);
}

guint
ciro_customers_page_get_n_listed (CiroCustomersPage *self)
{
  g_return_val_if_fail (CIRO_IS_CUSTOMERS_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

/* ---------------------------------------------------------- building */

static GtkWidget *
heading (const char *text, GtkLabel **out)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-4");
  if (out != NULL)
    *out = GTK_LABEL (label);
  return label;
}

static void
build (CiroCustomersPage *self)
{
  GtkWidget *scrolled, *clamp, *box, *title, *row, *label, *list_card, *frame;
  GtkStringList *sorts;
  g_autoptr(GtkMultiSorter) sorter = gtk_multi_sorter_new ();
  GtkSelectionModel *selection;
  static const struct { const char *title; SortKey col; gboolean expand; int width; } cols[] = {
    { N_("Customer"), SORT_NAME, TRUE, -1 },
    { N_("City"), SORT_CITY, FALSE, 110 },
    { N_("Orders"), SORT_ORDERS, FALSE, 70 },
    { N_("Net spend"), SORT_SPEND, FALSE, 120 },
    { N_("Last order"), SORT_LAST, FALSE, 105 },
    { N_("Segment"), SORT_SEGMENT, FALSE, 140 },
    { N_("Loyalty"), SORT_LOYALTY, FALSE, 70 },
    { N_("CLV, 12 months"), SORT_CLV, FALSE, 175 },
  };

  self->stack = GTK_STACK (gtk_stack_new ());
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
  {
    GtkWidget *spinner = gtk_spinner_new ();
    gtk_spinner_start (GTK_SPINNER (spinner));
    gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
    gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
    gtk_widget_set_size_request (spinner, 32, 32);
    gtk_stack_add_named (self->stack, spinner, "loading");
  }
  self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty_page, "ciro-customers-symbolic");
  adw_status_page_set_title (self->empty_page, _("No Customers Yet"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty_page), "empty");
  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->error_page, _("The Customers Could Not Be Read"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1200);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (self->stack, scrolled, "data");

  /* title, and the masking switch */
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  title = gtk_label_new (_("Customers"));
  gtk_widget_add_css_class (title, "title-1");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (row), title);
  label = gtk_label_new (_("Hide personal data"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (row), label);
  self->mask_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->mask_switch), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mask_switch),
                               _("Masks customers’ names, e-mails and phones here and in every export (KVKK)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->mask_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Hide personal data"), -1);
  g_signal_connect_swapped (self->mask_switch, "notify::active", G_CALLBACK (mask_toggled), self);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->mask_switch));
  gtk_box_append (GTK_BOX (box), row);
  self->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (GTK_LABEL (self->subtitle), TRUE);
  gtk_label_set_xalign (self->subtitle, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->subtitle));

  g_type_ensure (CIRO_TYPE_KPI_GRID);
  self->kpis = ciro_kpi_grid_new ();
  gtk_box_append (GTK_BOX (box), self->kpis);
  self->model_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->model_label, TRUE);
  gtk_label_set_xalign (self->model_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->model_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->model_label), "caption");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->model_label));

  /* the segment map */
  frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (frame, "card");
  self->map_area = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_widget_set_name (GTK_WIDGET (self->map_area), "segment-map");
  gtk_widget_set_size_request (GTK_WIDGET (self->map_area), -1, 380);
  gtk_widget_set_margin_top (GTK_WIDGET (self->map_area), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->map_area), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->map_area), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->map_area), 12);
  gtk_drawing_area_set_draw_func (self->map_area, draw_map, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->map_area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Segment map: recency against frequency"), -1);
  {
    GtkGesture *click = gtk_gesture_click_new ();
    g_signal_connect (click, "pressed", G_CALLBACK (map_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self->map_area), GTK_EVENT_CONTROLLER (click));
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self->map_area), "pointer");
  }
  g_signal_connect (self->map_area, "resize", G_CALLBACK (map_resized), self);
  gtk_box_append (GTK_BOX (frame), GTK_WIDGET (self->map_area));
  self->map_legend = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->map_legend), "segment-legend");
  gtk_label_set_wrap (self->map_legend, TRUE);
  gtk_label_set_xalign (self->map_legend, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->map_legend), "caption");
  gtk_widget_set_margin_start (GTK_WIDGET (self->map_legend), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->map_legend), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->map_legend), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->map_legend), FALSE);
  gtk_box_append (GTK_BOX (frame), GTK_WIDGET (self->map_legend));
  gtk_box_append (GTK_BOX (box), frame);

  /* the list */
  gtk_box_append (GTK_BOX (box), heading (_("Customer list"), NULL));
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->filter_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->filter_label, 0);
  gtk_label_set_wrap (self->filter_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->filter_label), TRUE);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->filter_label));
  self->filter_clear = gtk_button_new_with_label (_("Every customer"));
  g_signal_connect_swapped (self->filter_clear, "clicked", G_CALLBACK (clear_filter), self);
  gtk_box_append (GTK_BOX (row), self->filter_clear);
  gtk_box_append (GTK_BOX (box), row);

  row = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (row), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (row), 3);
  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->search_entry), TRUE);
  g_object_set (self->search_entry, "placeholder-text", _("Search a name or city"), NULL);
  gtk_widget_set_name (GTK_WIDGET (self->search_entry), "customer-search");
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed), self);
  gtk_flow_box_append (GTK_FLOW_BOX (row), GTK_WIDGET (self->search_entry));
  sorts = self->sorts = gtk_string_list_new (NULL);
  gtk_string_list_append (sorts, _("Net spend"));
  gtk_string_list_append (sorts, _("Orders"));
  gtk_string_list_append (sorts, _("Last order"));
  gtk_string_list_append (sorts, _("Loyalty"));
  gtk_string_list_append (sorts, _("CLV, 12 months"));
  gtk_string_list_append (sorts, _("Name"));
  self->sort_drop = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (sorts), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sort_drop), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sort by"), -1);
  g_signal_connect_swapped (self->sort_drop, "notify::selected", G_CALLBACK (sort_changed), self);
  gtk_flow_box_append (GTK_FLOW_BOX (row), GTK_WIDGET (self->sort_drop));
  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "dim-label");
  gtk_flow_box_append (GTK_FLOW_BOX (row), GTK_WIDGET (self->summary));
  gtk_box_append (GTK_BOX (box), row);

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->table = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->table), "data-table");
  for (guint i = 0; i < G_N_ELEMENTS (cols); i++)
    add_column (self, _(cols[i].title), cols[i].col, cols[i].expand, cols[i].width);
  self->drop_sorter = gtk_custom_sorter_new (drop_compare, self, NULL);
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (self->table)));
  gtk_multi_sorter_append (sorter, GTK_SORTER (g_object_ref (self->drop_sorter)));
  self->items = ciro_customer_list_new (GTK_FILTER (self->filter), GTK_SORTER (sorter));
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->items))));
  /* each list holds the rows only while shown (ciro-list-when-shown.h):
   * the table when the window is wide, the rows when narrow, neither
   * while the page is hidden */
  ciro_list_when_shown_set_model (GTK_WIDGET (self->table), selection);
  gtk_column_view_set_single_click_activate (self->table, TRUE);
  g_signal_connect_swapped (self->table, "activate", G_CALLBACK (table_activated), self);

  self->list_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->list_stack, FALSE);
  list_card = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (list_card), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (list_card, -1, 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (list_card), GTK_WIDGET (self->table));
  gtk_widget_add_css_class (list_card, "card");
  gtk_stack_add_named (self->list_stack, list_card, "table");
  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
    GtkWidget *rows_scrolled = gtk_scrolled_window_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (row_setup), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (row_bind), NULL);
    self->rows = GTK_LIST_VIEW (gtk_list_view_new (NULL, factory));
    ciro_list_when_shown_set_model (GTK_WIDGET (self->rows), selection);
    gtk_list_view_set_show_separators (self->rows, TRUE);
    gtk_list_view_set_single_click_activate (self->rows, TRUE);
    g_signal_connect_swapped (self->rows, "activate", G_CALLBACK (table_activated), self);
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (rows_scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (rows_scrolled), GTK_WIDGET (self->rows));
    gtk_widget_set_size_request (rows_scrolled, -1, 420);
    gtk_widget_add_css_class (rows_scrolled, "card");
    gtk_stack_add_named (self->list_stack, rows_scrolled, "rows");
  }
  {
    GtkWidget *none = gtk_label_new (_("No customer matches."));
    gtk_widget_add_css_class (none, "dim-label");
    gtk_widget_set_margin_top (none, 24);
    gtk_widget_set_margin_bottom (none, 24);
    gtk_stack_add_named (self->list_stack, none, "none");
  }
  g_object_unref (selection);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->list_stack));

  /* VIPs and churn risk */
  gtk_box_append (GTK_BOX (box), heading (NULL, &self->vip_title));
  self->vip_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->vip_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->vip_list), "boxed-list");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->vip_list));
  gtk_box_append (GTK_BOX (box), heading (NULL, &self->churn_title));
  self->churn_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->churn_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->churn_list), "boxed-list");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->churn_list));

  /* cohorts: the switch under the title, so that both fit a phone */
  row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  title = heading (_("Cohorts by month of the first order"), NULL);
  gtk_box_append (GTK_BOX (row), title);
  {
    GtkWidget *toggles = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
    GtkWidget *rev = gtk_toggle_button_new_with_label (_("Revenue"));
    gtk_widget_add_css_class (toggles, "linked");
    self->cohort_share_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_("Ordered again")));
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (rev), self->cohort_share_button);
    gtk_toggle_button_set_active (self->cohort_share_button, TRUE);
    g_signal_connect_swapped (self->cohort_share_button, "toggled", G_CALLBACK (cohort_view_changed), self);
    gtk_box_append (GTK_BOX (toggles), GTK_WIDGET (self->cohort_share_button));
    gtk_box_append (GTK_BOX (toggles), rev);
    gtk_widget_set_halign (toggles, GTK_ALIGN_START);
    gtk_box_append (GTK_BOX (row), toggles);
  }
  gtk_box_append (GTK_BOX (box), row);
  frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (frame, "card");
  self->cohort_area = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_widget_set_name (GTK_WIDGET (self->cohort_area), "cohort-heat-map");
  gtk_widget_set_margin_top (GTK_WIDGET (self->cohort_area), 8);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->cohort_area), 8);
  gtk_widget_set_margin_start (GTK_WIDGET (self->cohort_area), 8);
  gtk_widget_set_margin_end (GTK_WIDGET (self->cohort_area), 8);
  gtk_drawing_area_set_draw_func (self->cohort_area, draw_cohorts, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cohort_area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Cohorts by month of the first order"), -1);
  gtk_box_append (GTK_BOX (frame), GTK_WIDGET (self->cohort_area));
  gtk_box_append (GTK_BOX (box), frame);
}

/* ---------------------------------------------------------- the object */

/* The setting changed: the report holds both values; the cards, titles
 * and the list (its cells and its order) change without a new query. */
static void
vat_view_changed (CiroCustomersPage *self)
{
  update_vat_titles (self);
  if (self->data == NULL || self->data->n == 0)
    return;
  self->data->after_vat = ciro_vat_view_get (ciro_context_get_settings (self->context));
  fill_kpis (self);
  fill_tops (self);
  /* every item bound anew, sorted anew */
  ciro_customer_list_set_data (self->items, self->data);
  update_summary (self);
}

static void
ciro_customers_page_constructed (GObject *object)
{
  CiroCustomersPage *self = CIRO_CUSTOMERS_PAGE (object);

  G_OBJECT_CLASS (ciro_customers_page_parent_class)->constructed (object);
  g_signal_connect_object (self->context, "store-changed", G_CALLBACK (ciro_lazy_load_request), self,
                           G_CONNECT_SWAPPED);
  /* the lifetime values follow the window's VAT view, from the figures held */
  update_vat_titles (self);
  ciro_vat_view_connect (ciro_context_get_settings (self->context), G_CALLBACK (vat_view_changed), self);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->subtitle))),
                              ciro_vat_view_label_new (ciro_context_get_settings (self->context)),
                              GTK_WIDGET (self->subtitle));
  /* loaded when first shown, and again when shown after a change */
  ciro_lazy_load_setup (GTK_WIDGET (self), (CiroLoadFunc) ciro_customers_page_reload);
}

static void
ciro_customers_page_dispose (GObject *object)
{
  CiroCustomersPage *self = CIRO_CUSTOMERS_PAGE (object);

  if (self->context != NULL)
    {
      ciro_report_service_cancel (ciro_context_get_reports (self->context), self);
      ciro_report_service_cancel (ciro_context_get_reports (self->context), &self->detail_owner);
    }
  g_clear_object (&self->context);
  g_clear_handle_id (&self->legend_idle, g_source_remove);
  g_clear_pointer (&self->data, data_release);
  g_clear_pointer (&self->map, ciro_heat_grid_free);
  g_clear_pointer (&self->cohort_grid, ciro_heat_grid_free);
  g_clear_object (&self->filter);
  g_clear_object (&self->drop_sorter);
  g_clear_object (&self->items);
  g_clear_pointer (&self->search, g_free);
  G_OBJECT_CLASS (ciro_customers_page_parent_class)->dispose (object);
}

static void
ciro_customers_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    CIRO_CUSTOMERS_PAGE (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_customers_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, CIRO_CUSTOMERS_PAGE (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_customers_page_class_init (CiroCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ciro_customers_page_constructed;
  object_class->dispose = ciro_customers_page_dispose;
  object_class->set_property = ciro_customers_page_set_property;
  object_class->get_property = ciro_customers_page_get_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_DETAIL_LOADED] = g_signal_new ("detail-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ciro_customers_page_init (CiroCustomersPage *self)
{
  build (self);
}

GtkWidget *
ciro_customers_page_new (CiroContext *context)
{
  g_return_val_if_fail (CIRO_IS_CONTEXT (context), NULL);
  return g_object_new (CIRO_TYPE_CUSTOMERS_PAGE, "context", context, NULL);
}
