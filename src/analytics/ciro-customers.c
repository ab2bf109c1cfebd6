/* ciro-customers.c: customers, RFM, value and cohorts (insights.md §4)
 *
 * One pass over the net orders up to `to` (a scan of the orders table,
 * plus one of the order lines when costs are wanted), then everything in
 * memory: the orders are grouped by customer with a counting sort, and each
 * customer's figures come from their own orders sorted by day.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-analytics"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ciro-customers.h"
#include "ciro-report-private.h"
#include "core/ciro-customer.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-records.h"
#include "store/ciro-profit.h"
#include "store/ciro-store-sql.h"

static const CiroSegment grid[5][5] = {
  /* R = 1 */ { CIRO_SEGMENT_LOST, CIRO_SEGMENT_HIBERNATING, CIRO_SEGMENT_AT_RISK, CIRO_SEGMENT_CANT_LOSE, CIRO_SEGMENT_CANT_LOSE },
  /* R = 2 */ { CIRO_SEGMENT_ABOUT_TO_SLEEP, CIRO_SEGMENT_ABOUT_TO_SLEEP, CIRO_SEGMENT_AT_RISK, CIRO_SEGMENT_AT_RISK, CIRO_SEGMENT_AT_RISK },
  /* R = 3 */ { CIRO_SEGMENT_NEEDS_ATTENTION, CIRO_SEGMENT_NEEDS_ATTENTION, CIRO_SEGMENT_LOYAL, CIRO_SEGMENT_LOYAL, CIRO_SEGMENT_LOYAL },
  /* R = 4 */ { CIRO_SEGMENT_PROMISING, CIRO_SEGMENT_POTENTIAL_LOYALIST, CIRO_SEGMENT_LOYAL, CIRO_SEGMENT_CHAMPION, CIRO_SEGMENT_CHAMPION },
  /* R = 5 */ { CIRO_SEGMENT_NEW, CIRO_SEGMENT_POTENTIAL_LOYALIST, CIRO_SEGMENT_LOYAL, CIRO_SEGMENT_CHAMPION, CIRO_SEGMENT_CHAMPION },
};

CiroSegment
ciro_segment_for (guint r, guint f)
{
  g_return_val_if_fail (r >= 1 && r <= 5 && f >= 1 && f <= 5, CIRO_SEGMENT_NONE);
  return grid[r - 1][f - 1];
}

const char *
ciro_segment_name (CiroSegment segment)
{
  static const char *const names[CIRO_N_SEGMENTS] = {
    "", "Champion", "Loyal", "Potential loyalist", "New", "Promising", "Needs attention",
    "About to sleep", "At risk", "Can't lose", "Hibernating", "Lost",
  };
  return segment < CIRO_N_SEGMENTS ? names[segment] : "";
}

const char *
ciro_segment_label (CiroSegment segment)
{
  switch (segment)
    {
    case CIRO_SEGMENT_CHAMPION: return _("Champion");
    case CIRO_SEGMENT_LOYAL: return _("Loyal");
    case CIRO_SEGMENT_POTENTIAL_LOYALIST: return _("Potential loyalist");
    case CIRO_SEGMENT_NEW: return _("New");
    case CIRO_SEGMENT_PROMISING: return _("Promising");
    case CIRO_SEGMENT_NEEDS_ATTENTION: return _("Needs attention");
    case CIRO_SEGMENT_ABOUT_TO_SLEEP: return _("About to sleep");
    case CIRO_SEGMENT_AT_RISK: return _("At risk");
    case CIRO_SEGMENT_CANT_LOSE: return _("Can't lose");
    case CIRO_SEGMENT_HIBERNATING: return _("Hibernating");
    case CIRO_SEGMENT_LOST: return _("Lost");
    case CIRO_SEGMENT_NONE:
    case CIRO_N_SEGMENTS:
    default:
      return "";
    }
}

void
ciro_customer_clear (CiroCustomer *c)
{
  g_clear_pointer (&c->key, g_free);
  g_clear_pointer (&c->name, g_free);
  g_clear_pointer (&c->email, g_free);
  g_clear_pointer (&c->phone, g_free);
}

CiroCustomerReport *
ciro_customer_report_new (void)
{
  CiroCustomerReport *r = g_new0 (CiroCustomerReport, 1);
  r->customers = g_array_new (FALSE, TRUE, sizeof (CiroCustomer));
  g_array_set_clear_func (r->customers, (GDestroyNotify) ciro_customer_clear);
  r->strings = g_string_chunk_new (4096);
  return r;
}

void
ciro_customer_report_free (CiroCustomerReport *r)
{
  if (r == NULL)
    return;
  g_array_unref (r->customers);
  g_string_chunk_free (r->strings);
  g_free (r);
}

static int
cmp_gint64 (const void *a, const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

/* One net order as the engine keeps it: 24 bytes where the public
 * CiroCustomerOrder takes 48, so a million orders fill 24 MB less. The
 * city is settled per customer as the orders are read, the profit after
 * VAT (wanted only with CIRO_CUSTOMERS_VALUE) has an array of its own. */
typedef struct {
  guint32   customer;   /* CIRO_NO_CUSTOMER: none */
  CiroDay   day;
  CiroKurus revenue;
  CiroKurus profit;
} Ord;

typedef struct {
  const Ord       *o;
  const CiroKurus *profit_ex_vat;   /* [i] of o[i]; NULL: 0 for every order */
  guint            n;
} Orders;

static int
cmp_order_day (const void *a, const void *b)
{
  const Ord *x = *(const Ord *const *) a;
  const Ord *y = *(const Ord *const *) b;
  if (x->day != y->day)
    return (x->day > y->day) - (x->day < y->day);
  /* same day: keep the input order (stable by address) */
  return (x > y) - (x < y);
}

/* The orders up to `to` grouped by customer, each group sorted by day:
 * customer i's are by_customer[start[i] .. start[i + 1]). */
typedef struct {
  const Ord **by_customer;
  guint      *start;
} Groups;

static void
groups_build (Groups *g, const Ord *orders, guint n_orders, guint n_customers, CiroDay to)
{
  guint *fill;

  g->start = g_new0 (guint, n_customers + 1);
  for (guint i = 0; i < n_orders; i++)
    if (orders[i].customer < n_customers && orders[i].day <= to)
      g->start[orders[i].customer + 1]++;
  for (guint c = 0; c < n_customers; c++)
    g->start[c + 1] += g->start[c];
  g->by_customer = g_new (const Ord *, MAX (1, g->start[n_customers]));
  ciro_report_advise_huge (g->by_customer, g->start[n_customers] * sizeof (gpointer));
  fill = g_memdup2 (g->start, n_customers * sizeof (guint) + 1);
  for (guint i = 0; i < n_orders; i++)
    if (orders[i].customer < n_customers && orders[i].day <= to)
      g->by_customer[fill[orders[i].customer]++] = &orders[i];
  g_free (fill);
  for (guint c = 0; c < n_customers; c++)
    {
      const Ord **o = g->by_customer + g->start[c];
      guint n = g->start[c + 1] - g->start[c], i = 1;

      /* the store gives the orders by id, mostly in day order already; a
       * group in order is left alone, ties kept in input (address) order */
      while (i < n && cmp_order_day (&o[i - 1], &o[i]) < 0)
        i++;
      if (i < n)
        qsort (o, n, sizeof (gpointer), cmp_order_day);
    }
}

static void
groups_clear (Groups *g)
{
  g_free (g->by_customer);
  g_free (g->start);
}

static double
median_gap (const Ord *const *o, guint n)
{
  gint64 local[32];
  g_autofree gint64 *heap = NULL;
  gint64 *gaps = local;
  if (n < 2)
    return -1;
  if (n - 1 > G_N_ELEMENTS (local))
    gaps = heap = g_new (gint64, n - 1);
  for (guint i = 1; i < n; i++)
    gaps[i - 1] = o[i]->day - o[i - 1]->day;
  if (n - 1 <= 8)
    {
      /* insertion sort: most customers have a handful of orders */
      for (guint i = 1; i < n - 1; i++)
        {
          gint64 v = gaps[i];
          guint j = i;
          for (; j > 0 && gaps[j - 1] > v; j--)
            gaps[j] = gaps[j - 1];
          gaps[j] = v;
        }
    }
  else
    qsort (gaps, n - 1, sizeof (gint64), cmp_gint64);
  if ((n - 1) % 2 == 1)
    return (double) gaps[(n - 1) / 2];
  return (gaps[(n - 1) / 2 - 1] + gaps[(n - 1) / 2]) / 2.0;
}

static inline void
swap64 (gint64 *a, gint64 *b)
{
  gint64 t = *a;
  *a = *b;
  *b = t;
}

/* Moves v[k] to where it would be with v[lo .. hi] sorted ascending, the
 * smaller or equal values before it and the greater or equal after it (a
 * quickselect, median of three; sorts outright what it fails to shrink). */
static void
select_nth (gint64 *v, guint lo, guint hi, guint k)
{
  guint rounds = 0;

  while (hi > lo + 16)
    {
      guint mid = lo + (hi - lo) / 2, i = lo, j = hi;
      gint64 pivot;

      if (++rounds > 64)
        {
          qsort (v + lo, hi - lo + 1, sizeof (gint64), cmp_gint64);
          return;
        }
      if (v[mid] < v[lo])
        swap64 (&v[mid], &v[lo]);
      if (v[hi] < v[lo])
        swap64 (&v[hi], &v[lo]);
      if (v[hi] < v[mid])
        swap64 (&v[hi], &v[mid]);
      pivot = v[mid];
      /* Hoare's partition: [lo, j] <= pivot <= [i, hi] */
      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              swap64 (&v[i], &v[j]);
              i++;
              j--;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        return;   /* j < k < i: v[k] == pivot, in its place */
    }
  /* a short range: insertion sort */
  for (guint a = lo + 1; a <= hi && hi > lo; a++)
    {
      gint64 x = v[a];
      guint b = a;
      for (; b > lo && v[b - 1] > x; b--)
        v[b] = v[b - 1];
      v[b] = x;
    }
}

/* Puts v[at[i]] where sorting v ascending would put it, for every i, the
 * positions at[] ascending (repeats allowed); without sorting v. */
static void
order_statistics (gint64 *v, guint n, const guint *at, guint n_at)
{
  guint lo = 0;

  for (guint i = 0; i < n_at; i++)
    {
      g_assert (at[i] < n);
      if (at[i] < lo)
        continue;   /* a repeat: in place already */
      select_nth (v, lo, n - 1, at[i]);
      lo = at[i] + 1;
    }
}

/* c_k = v_ceil(k·N/5), k = 1..4, of the values sorted ascending; with
 * `top` not NULL, also *top = the value at position top_at of them. */
static void
quintile_cuts (gint64 *v, guint n, gint64 cuts[4], guint top_at, gint64 *top)
{
  guint at[5], n_at = 0;

  if (n == 0)
    {
      memset (cuts, 0, 4 * sizeof (gint64));
      return;
    }
  for (guint k = 1; k <= 4; k++)
    at[n_at++] = (k * n + 4) / 5 - 1;
  if (top != NULL)
    {
      guint i = n_at++;
      /* in among the others, ascending */
      for (; i > 0 && at[i - 1] > top_at; i--)
        at[i] = at[i - 1];
      at[i] = top_at;
    }
  order_statistics (v, n, at, n_at);
  for (guint k = 1; k <= 4; k++)
    cuts[k - 1] = v[(k * n + 4) / 5 - 1];
  if (top != NULL)
    *top = v[top_at];
}

static guint8
f_score (gint64 frequency)
{
  if (frequency <= 1)
    return 1;
  if (frequency <= 3)
    return (guint8) frequency;
  if (frequency <= 5)
    return 4;
  return 5;
}

#define WEEK 7.0
#define YEAR_DAYS 365
#define YEAR_WEEKS (365.0 / 7.0)

/* BG/NBD and Gamma-Gamma observations from every customer whose first
 * order is on or before `end`, counting only orders up to `end`; identical
 * observations are merged with a weight. */
typedef struct {
  GArray *bg;   /* CiroBgnbdObs */
  GArray *gg;   /* CiroGgObs */
  guint   eligible;
  guint   sampled;
} ModelInput;

static guint
bg_hash (gconstpointer p)
{
  const CiroBgnbdObs *o = p;
  return (guint) (o->x * 1000003 + o->t_x * 7919 + o->T * 31);
}

static gboolean
bg_equal (gconstpointer a, gconstpointer b)
{
  const CiroBgnbdObs *x = a, *y = b;
  return x->x == y->x && x->t_x == y->t_x && x->T == y->T;
}

/* the per-customer summary the model reads: distinct order days x + 1,
 * first and last of them, and the mean value of an order */
typedef struct {
  gboolean  present;
  double    x;          /* repeat order days */
  CiroDay   first, last;
  gint64    n_orders;
  CiroKurus spend;
} ModelCustomer;

static ModelCustomer
model_customer (const Ord *const *o, guint n, CiroDay end)
{
  ModelCustomer m = { FALSE, 0, 0, 0, 0, 0 };
  CiroDay prev = CIRO_DAY_INVALID;
  for (guint i = 0; i < n && o[i]->day <= end; i++)
    {
      if (!m.present)
        {
          m.present = TRUE;
          m.first = o[i]->day;
        }
      else if (o[i]->day != prev)
        m.x += 1;
      prev = m.last = o[i]->day;
      m.n_orders++;
      m.spend += o[i]->revenue;
    }
  return m;
}

/* A customer's place in the fit sample: a hash of the key, so that the
 * sample is the same from run to run and from store to store copy. */
static guint64
sample_hash (const char *key)
{
  guint64 h = 1469598103934665603u;   /* FNV-1a, then splitmix64's finaliser */
  for (const char *p = key; *p != '\0'; p++)
    h = (h ^ (guchar) *p) * 1099511628211u;
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9u;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebu;
  return h ^ (h >> 31);
}

typedef struct {
  guint64 hash;
  guint   index;
} SampleSlot;

static int
sample_slot_cmp (gconstpointer a, gconstpointer b)
{
  const SampleSlot *x = a, *y = b;
  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static void
model_input (ModelInput *in, const Groups *g, const GArray *customers, CiroDay end)
{
  guint n_customers = customers->len;
  g_autoptr(GHashTable) seen = g_hash_table_new (bg_hash, bg_equal);
  g_autofree gboolean *chosen = g_new0 (gboolean, MAX (1, n_customers));
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (SampleSlot));

  in->bg = g_array_new (FALSE, FALSE, sizeof (CiroBgnbdObs));
  in->gg = g_array_new (FALSE, FALSE, sizeof (CiroGgObs));
  /* the eligible customers: a first order on or before `end` */
  for (guint c = 0; c < n_customers; c++)
    if (g->start[c + 1] > g->start[c] && g->by_customer[g->start[c]]->day <= end)
      {
        SampleSlot slot = { sample_hash (g_array_index (customers, CiroCustomer, c).key), c };
        g_array_append_val (slots, slot);
      }
  in->eligible = slots->len;
  if (slots->len > CIRO_CLV_FIT_SAMPLE)
    {
      g_array_sort (slots, sample_slot_cmp);
      g_array_set_size (slots, CIRO_CLV_FIT_SAMPLE);
    }
  in->sampled = slots->len;
  for (guint i = 0; i < slots->len; i++)
    chosen[g_array_index (slots, SampleSlot, i).index] = TRUE;

  for (guint c = 0; c < n_customers; c++)
    {
      ModelCustomer m;
      CiroBgnbdObs o;
      gpointer found;

      if (!chosen[c])
        continue;
      m = model_customer (g->by_customer + g->start[c], g->start[c + 1] - g->start[c], end);
      if (!m.present)
        continue;
      o.x = m.x;
      o.t_x = (m.last - m.first) / WEEK;
      o.T = (end - m.first) / WEEK;
      o.weight = 1;
      found = g_hash_table_lookup (seen, &o);
      if (found != NULL)
        g_array_index (in->bg, CiroBgnbdObs, GPOINTER_TO_UINT (found) - 1).weight += 1;
      else
        {
          g_array_append_val (in->bg, o);
          /* the key points into the array: look it up by index after appends */
        }
      if (found == NULL)
        {
          /* rebuild keys lazily: the table stores indices, keyed by a copy */
          CiroBgnbdObs *key = g_memdup2 (&o, sizeof o);
          g_hash_table_insert (seen, key, GUINT_TO_POINTER (in->bg->len));
        }
      if (m.n_orders >= 2 && m.spend > 0)
        {
          CiroGgObs go = { (double) m.n_orders, m.spend / 100.0 / m.n_orders, 1 };
          g_array_append_val (in->gg, go);
        }
    }
  /* the keys were copies */
  {
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init (&it, seen);
    while (g_hash_table_iter_next (&it, &key, NULL))
      g_free (key);
  }
}

static void
model_input_clear (ModelInput *in)
{
  g_array_unref (in->bg);
  g_array_unref (in->gg);
}

static gboolean
fit (const Groups *g, const GArray *customers, CiroDay end, CiroBgnbdParams *bg, CiroGgParams *gg,
     gint64 *sampled, gint64 *eligible)
{
  ModelInput in;
  gboolean ok;

  model_input (&in, g, customers, end);
  if (sampled != NULL)
    *sampled = in.sampled;
  if (eligible != NULL)
    *eligible = in.eligible;
  ok = ciro_bgnbd_fit ((const CiroBgnbdObs *) in.bg->data, in.bg->len, bg)
       && ciro_gg_fit ((const CiroGgObs *) in.gg->data, in.gg->len, gg);
  model_input_clear (&in);
  return ok;
}

/* expected orders and spend (kuruş) in the 365 days after `end` */
static void
predict (const CiroBgnbdParams *bg, const CiroGgParams *gg, const ModelCustomer *m, CiroDay end,
         double *orders, double *spend)
{
  double x = m->x, t_x = (m->last - m->first) / WEEK, T = (end - m->first) / WEEK;
  double value = ciro_gg_expected (gg, (double) m->n_orders, m->spend / 100.0 / MAX (1, m->n_orders));
  *orders = ciro_bgnbd_expected (bg, YEAR_WEEKS, x, t_x, T);
  *spend = *orders * value * 100.0;
}

static void
holdout (CiroCustomerReport *r, const Groups *g, guint n_customers)
{
  CiroClvHoldout *h = &r->holdout;
  CiroDay end = r->to - YEAR_DAYS;
  CiroBgnbdParams bg;
  CiroGgParams gg;
  double model_err = 0, base_err = 0, model_total = 0;

  memset (h, 0, sizeof *h);
  h->calibration_end = end;
  if (!fit (g, r->customers, end, &bg, &gg, NULL, NULL))
    return;
  for (guint c = 0; c < n_customers; c++)
    {
      const Ord *const *o = g->by_customer + g->start[c];
      guint n = g->start[c + 1] - g->start[c];
      ModelCustomer m = model_customer (o, n, end);
      CiroKurus actual = 0, last_year = 0;
      double orders, spend;

      if (!m.present)
        continue;
      for (guint i = 0; i < n; i++)
        {
          if (o[i]->day > end && o[i]->day <= r->to)
            actual += o[i]->revenue;
          else if (o[i]->day > end - YEAR_DAYS && o[i]->day <= end)
            last_year += o[i]->revenue;
        }
      predict (&bg, &gg, &m, end, &orders, &spend);
      h->customers++;
      h->actual += actual;
      h->baseline_total += last_year;
      model_total += spend;
      model_err += fabs (spend - actual);
      base_err += fabs ((double) (last_year - actual));
    }
  h->model_total = (CiroKurus) llround (model_total);
  h->available = h->customers > 0 && h->actual > 0;
  if (h->actual > 0)
    {
      h->model_wape_pct = model_err / h->actual * 100;
      h->baseline_wape_pct = base_err / h->actual * 100;
    }
}

/* A figure in kuruş from a double, rounded half away from zero, saturated
 * rather than undefined when out of range. */
static CiroKurus
kurus_of (double v)
{
  if (isnan (v))
    return 0;
  if (v >= 9.2e18)
    return G_MAXINT64;
  if (v <= -9.2e18)
    return G_MININT64;
  return (CiroKurus) llround (v);
}

/* everything but the customers' cities, which the caller has settled */
static void
analyse (CiroCustomerReport *r, const Orders *os, CiroDay from, CiroDay to, CiroCustomersFlags flags)
{
  const Ord *orders = os->o;
  guint n_orders = os->n;
  guint n_customers = r->customers->len;
  Groups g;
  g_autofree CiroKurus *mv = NULL;
  g_autofree gint64 *rv = NULL;
  guint n_win = 0;

  if (flags & CIRO_CUSTOMERS_HOLDOUT)
    flags |= CIRO_CUSTOMERS_MODEL;
  r->from = from;
  r->to = to;
  r->anonymous_orders = 0;
  r->anonymous_revenue = 0;
  for (guint i = 0; i < n_orders; i++)
    if (orders[i].customer >= n_customers && orders[i].day >= from && orders[i].day <= to)
      {
        r->anonymous_orders++;
        r->anonymous_revenue += orders[i].revenue;
      }

  groups_build (&g, orders, n_orders, n_customers, to);

  /* each customer's own figures */
  for (guint c = 0; c < n_customers; c++)
    {
      CiroCustomer *cu = &g_array_index (r->customers, CiroCustomer, c);
      const Ord *const *o = g.by_customer + g.start[c];
      guint n = g.start[c + 1] - g.start[c];

      cu->orders = n;
      cu->spend = cu->clv_historical = cu->clv_historical_ex_vat = cu->monetary = cu->frequency = 0;
      cu->in_window = FALSE;
      cu->r = cu->f = cu->m = 0;
      cu->segment = CIRO_SEGMENT_NONE;
      cu->loyalty = -1;
      cu->vip = cu->churn_risk = FALSE;
      cu->expected_orders_12m = 0;
      cu->expected_spend_12m = cu->clv_12m = cu->clv_12m_ex_vat = 0;
      cu->median_gap = median_gap (o, n);
      if (n == 0)
        continue;
      cu->first_day = o[0]->day;
      cu->last_day = o[n - 1]->day;
      cu->recency_days = to - cu->last_day;
      for (guint i = 0; i < n; i++)
        {
          cu->spend += o[i]->revenue;
          cu->clv_historical += o[i]->profit;
          /* saturates rather than wraps (no store comes near it) */
          if (os->profit_ex_vat != NULL)
            ciro_add_checked (cu->clv_historical_ex_vat, os->profit_ex_vat[o[i] - orders],
                              &cu->clv_historical_ex_vat);
          if (o[i]->day >= from)
            {
              cu->frequency++;
              cu->monetary += o[i]->revenue;
            }
        }
      cu->in_window = cu->frequency > 0;
      n_win += cu->in_window;
      cu->churn_risk = n >= 2 && (double) cu->recency_days > MAX (60.0, 2 * cu->median_gap);
    }
  r->n_window = n_win;

  /* quintile cuts over the window's customers */
  mv = g_new (CiroKurus, MAX (1, n_win));
  rv = g_new (gint64, MAX (1, n_win));
  for (guint c = 0, k = 0; c < n_customers; c++)
    {
      const CiroCustomer *cu = &g_array_index (r->customers, CiroCustomer, c);
      if (cu->in_window)
        {
          mv[k] = cu->monetary;
          rv[k] = cu->recency_days;
          k++;
        }
    }
  /* VIP: the top 5 % by monetary (at least one), ties at the cut
   * included: the cut is the value n_top from the top */
  r->n_vip = 0;
  r->vip_revenue = 0;
  r->vip_cut = 0;
  quintile_cuts (mv, n_win, r->m_cuts, n_win - MAX (1u, (n_win * 5 + 99) / 100), &r->vip_cut);
  quintile_cuts (rv, n_win, r->r_cuts, 0, NULL);

  memset (r->grid, 0, sizeof r->grid);
  memset (r->segment_customers, 0, sizeof r->segment_customers);
  memset (r->segment_revenue, 0, sizeof r->segment_revenue);
  r->n_churn = 0;
  r->churn_spend = 0;
  for (guint c = 0; c < n_customers; c++)
    {
      CiroCustomer *cu = &g_array_index (r->customers, CiroCustomer, c);
      if (cu->churn_risk)
        {
          r->n_churn++;
          r->churn_spend += cu->spend;
        }
      if (!cu->in_window)
        continue;
      cu->f = f_score (cu->frequency);
      cu->m = 1;
      cu->r = 5;
      for (guint k = 0; k < 4; k++)
        {
          cu->m += cu->monetary > r->m_cuts[k];
          cu->r -= cu->recency_days > r->r_cuts[k];
        }
      cu->segment = ciro_segment_for (cu->r, cu->f);
      /* 100 × s / 12 never ends in .5: integer rounding is exact */
      cu->loyalty = (100 * (cu->r + cu->f + cu->m - 3) + 6) / 12;
      cu->vip = cu->monetary >= r->vip_cut;
      if (cu->vip)
        {
          r->n_vip++;
          r->vip_revenue += cu->monetary;
        }
      r->grid[cu->r - 1][cu->f - 1].customers++;
      r->grid[cu->r - 1][cu->f - 1].revenue += cu->monetary;
      r->segment_customers[cu->segment]++;
      r->segment_revenue[cu->segment] += cu->monetary;
    }

  /* the model */
  r->model_fitted = FALSE;
  if (flags & CIRO_CUSTOMERS_MODEL)
    {
      r->model_fitted = fit (&g, r->customers, to, &r->bgnbd, &r->gg, &r->model_customers, &r->model_eligible);
      if (r->model_fitted)
        for (guint c = 0; c < n_customers; c++)
          {
            CiroCustomer *cu = &g_array_index (r->customers, CiroCustomer, c);
            ModelCustomer m = model_customer (g.by_customer + g.start[c], g.start[c + 1] - g.start[c], to);
            double orders_12m, spend_12m;
            if (!m.present)
              continue;
            predict (&r->bgnbd, &r->gg, &m, to, &orders_12m, &spend_12m);
            cu->expected_orders_12m = orders_12m;
            cu->expected_spend_12m = (CiroKurus) llround (spend_12m);
            if (cu->spend > 0)
              {
                cu->clv_12m = (CiroKurus) llround (spend_12m * ((double) cu->clv_historical / (double) cu->spend));
                /* what the seller keeps of the expected spend after VAT
                 * settlement, at the customer's own rate so far */
                cu->clv_12m_ex_vat = kurus_of (spend_12m * ((double) cu->clv_historical_ex_vat / (double) cu->spend));
              }
          }
      if (flags & CIRO_CUSTOMERS_HOLDOUT)
        holdout (r, &g, n_customers);
    }
  groups_clear (&g);
}

/* A customer's city is that of their last net order up to `to` that has
 * one (ties on the day: the later in the input), kept as the orders come:
 * city_day[c] is that order's day, CITY_NO_ORDER before any order of c,
 * CITY_NONE_YET after orders without a city. */
#define CITY_NO_ORDER G_MININT32
#define CITY_NONE_YET (G_MININT32 + 1)

static inline void
city_see (CiroCustomer *cu, CiroDay *city_day, CiroDay day, const char *city)
{
  if (*city_day == CITY_NO_ORDER)
    {
      cu->city = NULL;
      *city_day = CITY_NONE_YET;
    }
  if (city != NULL && day >= *city_day)
    {
      cu->city = city;
      *city_day = day;
    }
}

/* the engine's orders from the public records (the profits after VAT in
 * an array only when one of them is not 0) */
static void
orders_from_public (const CiroCustomerOrder *orders, guint n_orders, Ord **o, CiroKurus **profit_ex_vat)
{
  *o = g_new (Ord, MAX (1, n_orders));
  *profit_ex_vat = NULL;
  for (guint i = 0; i < n_orders; i++)
    {
      (*o)[i] = (Ord) { orders[i].customer, orders[i].day, orders[i].revenue, orders[i].profit };
      if (orders[i].profit_ex_vat != 0 && *profit_ex_vat == NULL)
        *profit_ex_vat = g_new0 (CiroKurus, MAX (1, n_orders));
      if (*profit_ex_vat != NULL)
        (*profit_ex_vat)[i] = orders[i].profit_ex_vat;
    }
}

void
ciro_customers_analyse (CiroCustomerReport *r, const CiroCustomerOrder *orders, guint n_orders, CiroDay from,
                        CiroDay to, CiroCustomersFlags flags)
{
  guint n_customers = r->customers->len;
  g_autofree Ord *o = NULL;
  g_autofree CiroKurus *profit_ex_vat = NULL;
  g_autofree CiroDay *city_day = g_new (CiroDay, MAX (1, n_customers));
  Orders os;

  for (guint c = 0; c < n_customers; c++)
    city_day[c] = CITY_NO_ORDER;
  for (guint i = 0; i < n_orders; i++)
    if (orders[i].customer < n_customers && orders[i].day <= to)
      city_see (&g_array_index (r->customers, CiroCustomer, orders[i].customer), &city_day[orders[i].customer],
                orders[i].day, orders[i].city);
  orders_from_public (orders, n_orders, &o, &profit_ex_vat);
  os = (Orders) { o, profit_ex_vat, n_orders };
  analyse (r, &os, from, to, flags);
}

static GArray *
cohorts_of (const CiroCustomerReport *r, const Ord *orders, guint n_orders)
{
  guint n_customers = r->customers->len;
  gint32 first_month = ciro_day_month (r->from), last_month = ciro_day_month (r->to);
  guint n_cohorts = last_month >= first_month ? (guint) (last_month - first_month + 1) : 0;
  GArray *out = g_array_sized_new (FALSE, TRUE, sizeof (CiroCohort), n_cohorts);
  g_autofree gint64 *active = g_new0 (gint64, MAX (1, n_cohorts) * CIRO_COHORT_MONTHS);
  g_autofree CiroKurus *revenue = g_new0 (CiroKurus, MAX (1, n_cohorts) * CIRO_COHORT_MONTHS);
  /* per customer: the first order's day, then the months k it was seen in
   * (bit k); per day from the first order on: its month */
  g_autofree CiroDay *first = g_new (CiroDay, MAX (1, n_customers));
  g_autofree guint32 *seen = g_new0 (guint32, MAX (1, n_customers));
  g_autofree gint32 *month_of = NULL;
  CiroDay min_day = r->to;

  G_STATIC_ASSERT (CIRO_COHORT_MONTHS <= 32);
  g_array_set_size (out, n_cohorts);
  for (guint i = 0; i < n_cohorts; i++)
    {
      CiroCohort *co = &g_array_index (out, CiroCohort, i);
      co->month = first_month + (gint32) i;
      co->n_months = (guint) MIN (CIRO_COHORT_MONTHS, last_month - co->month + 1);
    }

  /* one pass for each customer's first order, one for the months after it:
   * no grouping, no sorting */
  for (guint c = 0; c < n_customers; c++)
    first[c] = G_MAXINT32;
  for (guint i = 0; i < n_orders; i++)
    {
      const Ord *o = &orders[i];
      if (o->customer < n_customers && o->day <= r->to && o->day < first[o->customer])
        {
          first[o->customer] = o->day;
          min_day = MIN (min_day, o->day);
        }
    }
  month_of = g_new (gint32, (gsize) (r->to - min_day) + 1);
  for (CiroDay d = min_day; d <= r->to; d++)
    month_of[d - min_day] = ciro_day_month (d);
  for (guint c = 0; c < n_customers; c++)
    {
      gint32 cohort;
      if (first[c] == G_MAXINT32)
        continue;
      cohort = month_of[first[c] - min_day];
      if (cohort >= first_month && cohort <= last_month)
        g_array_index (out, CiroCohort, cohort - first_month).customers++;
    }
  for (guint i = 0; i < n_orders; i++)
    {
      const Ord *o = &orders[i];
      gint32 cohort, k;
      guint cell;

      if (o->customer >= n_customers || o->day > r->to)
        continue;
      cohort = month_of[first[o->customer] - min_day];
      if (cohort < first_month || cohort > last_month)
        continue;
      k = month_of[o->day - min_day] - cohort;
      if (k >= CIRO_COHORT_MONTHS)
        continue;
      cell = (guint) (cohort - first_month) * CIRO_COHORT_MONTHS + (guint) k;
      if ((seen[o->customer] & (1u << k)) == 0)
        {
          seen[o->customer] |= 1u << k;
          active[cell]++;
        }
      revenue[cell] += o->revenue;
    }
  for (guint i = 0; i < n_cohorts; i++)
    {
      CiroCohort *co = &g_array_index (out, CiroCohort, i);
      CiroKurus cumulative = 0;
      for (guint k = 0; k < co->n_months; k++)
        {
          cumulative += revenue[i * CIRO_COHORT_MONTHS + k];
          if (co->customers > 0)
            {
              co->active_pct[k] = 100.0 * active[i * CIRO_COHORT_MONTHS + k] / co->customers;
              co->revenue_per_customer[k] = cumulative / 100.0 / co->customers;
            }
        }
    }
  return out;
}

GArray *
ciro_customers_cohorts (const CiroCustomerReport *r, const CiroCustomerOrder *orders, guint n_orders)
{
  g_autofree Ord *o = NULL;
  g_autofree CiroKurus *profit_ex_vat = NULL;

  orders_from_public (orders, n_orders, &o, &profit_ex_vat);
  return cohorts_of (r, o, n_orders);
}

/* ---- from the store ---- */

/* Sentos customer id → customer index. Ids are usually dense (1 … the
 * number of customers): those up to `direct_max` index a flat array that
 * stays in the cache; any other id goes to an open-addressing table. No
 * allocation per customer, no key to compare but an integer. */
typedef struct {
  gint64  id;
  guint32 idx;       /* G_MAXUINT32: empty */
} IdSlot;

typedef struct {
  guint32 *direct;   /* [id] for 0 < id <= direct_max; G_MAXUINT32: none yet */
  gint64   direct_max;
  IdSlot  *slots;
  gsize    mask;
  gsize    used;
} IdMap;

static inline gsize
id_slot (gint64 id, gsize mask)
{
  guint64 h = (guint64) id;   /* splitmix64's finaliser */
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9u;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebu;
  return (gsize) (h ^ (h >> 31)) & mask;
}

static void
id_map_init_slots (IdMap *m, gsize hint)
{
  gsize cap = 64;
  while (cap < hint * 2)
    cap *= 2;
  m->slots = g_new (IdSlot, cap);
  for (gsize i = 0; i < cap; i++)
    m->slots[i].idx = G_MAXUINT32;
  m->mask = cap - 1;
  m->used = 0;
}

static void
id_map_init (IdMap *m, gint64 max_id, gsize n_customers)
{
  /* a flat array when it costs at most a few bytes per customer more */
  m->direct_max = max_id > 0 && (guint64) max_id <= 4 * (guint64) n_customers + 65536 ? max_id : 0;
  m->direct = g_new (guint32, m->direct_max + 1);
  memset (m->direct, 0xff, (m->direct_max + 1) * sizeof (guint32));
  id_map_init_slots (m, m->direct_max > 0 ? 64 : n_customers);
}

static void
id_map_clear (IdMap *m)
{
  g_clear_pointer (&m->direct, g_free);
  g_clear_pointer (&m->slots, g_free);
}

/* where `id`'s index is (G_MAXUINT32 there when absent) */
static inline guint32 *
id_map_find (const IdMap *m, gint64 id)
{
  gsize i;
  if (id > 0 && id <= m->direct_max)
    return &m->direct[id];
  i = id_slot (id, m->mask);
  while (m->slots[i].idx != G_MAXUINT32 && m->slots[i].id != id)
    i = (i + 1) & m->mask;
  return &m->slots[i].idx;
}

static void
id_map_insert (IdMap *m, guint32 *where, gint64 id, guint32 idx)
{
  IdSlot *slot;

  *where = idx;
  if (id > 0 && id <= m->direct_max)
    return;
  slot = (IdSlot *) ((char *) where - G_STRUCT_OFFSET (IdSlot, idx));
  slot->id = id;
  if (++m->used * 2 > m->mask + 1)
    {
      IdSlot *old = m->slots;
      gsize old_cap = m->mask + 1, used = m->used;

      id_map_init_slots (m, used * 2);
      for (gsize i = 0; i < old_cap; i++)
        if (old[i].idx != G_MAXUINT32)
          {
            gsize j = id_slot (old[i].id, m->mask);
            while (m->slots[j].idx != G_MAXUINT32)
              j = (j + 1) & m->mask;
            m->slots[j] = old[i];
          }
      m->used = used;
      g_free (old);
    }
}

/* A customer's city as the scan settles it (see city_see ()), kept beside
 * the customers rather than in them: the scan meets customers in no order,
 * and 16 bytes a customer stay in the cache where a CiroCustomer's 176 do
 * not. Copied into the customers once the scan is over. */
typedef struct {
  const char *city;      /* NULL: none yet */
  CiroDay     day;       /* of that order; CITY_NONE_YET before one */
} CitySeen;

typedef struct {
  Ord        *orders;    /* n of them, room for cap */
  CiroKurus  *profit_ex_vat;   /* with the value only; room for cap */
  guint       n, cap;
  CitySeen   *city;      /* per customer; room for city_cap */
  guint       city_cap;
  IdMap       by_id;
  GHashTable *by_key;    /* alt key (owned by the customer) → index + 1 */
  gboolean    lean;      /* the cohorts: no keys, names or cities */
  gboolean    contacts;  /* every customer's name, e-mail and phone */
} Load;

/* a new customer's place, its city not seen yet */
static guint32
customer_add (CiroCustomerReport *r, Load *l, const CiroCustomer *c)
{
  guint32 idx = r->customers->len;

  g_array_append_vals (r->customers, c, 1);
  if (!l->lean)
    {
      if (idx >= l->city_cap)
        {
          l->city_cap = MAX (1024, l->city_cap * 2);
          l->city = g_renew (CitySeen, l->city, l->city_cap);
        }
      l->city[idx] = (CitySeen) { NULL, CITY_NONE_YET };
    }
  return idx;
}

/* "id:" and the id in decimal, as "id:%" G_GINT64_FORMAT would print it */
static char *
id_key (gint64 id)
{
  char buf[32], *p = buf + sizeof buf;
  guint64 v = id < 0 ? -(guint64) id : (guint64) id;

  *--p = '\0';
  do
    *--p = (char) ('0' + v % 10);
  while ((v /= 10) != 0);
  if (id < 0)
    *--p = '-';
  p -= 3;
  memcpy (p, "id:", 3);
  return g_memdup2 (p, (gsize) (buf + sizeof buf - p));
}

static guint32
customer_for_id (CiroCustomerReport *r, Load *l, gint64 id)
{
  guint32 *where = id_map_find (&l->by_id, id);
  guint32 idx = *where;
  if (idx == G_MAXUINT32)
    {
      CiroCustomer c = { 0 };
      if (!l->lean)
        c.key = id_key (id);
      idx = customer_add (r, l, &c);
      id_map_insert (&l->by_id, where, id, idx);
    }
  return idx;
}

static guint32
customer_for_key (CiroCustomerReport *r, Load *l, const char *key, const char *name)
{
  guint idx = GPOINTER_TO_UINT (g_hash_table_lookup (l->by_key, key));
  if (idx == 0)
    {
      CiroCustomer c = { 0 };
      if (!l->lean)
        {
          c.key = g_strdup (key);
          c.name = g_strdup (name);
          if (g_str_has_prefix (key, "mail:"))
            c.email = g_strdup (key + 5);
          else if (g_str_has_prefix (key, "tel:"))
            c.phone = g_strdup (key + 4);
        }
      idx = customer_add (r, l, &c) + 1;
      g_hash_table_insert (l->by_key, g_strdup (key), GUINT_TO_POINTER (idx));
    }
  else if (name != NULL && !l->lean)
    {
      CiroCustomer *c = &g_array_index (r->customers, CiroCustomer, idx - 1);
      if (c->name == NULL)
        c->name = g_strdup (name);
    }
  return idx - 1;
}

/* The next row of the lines' sums (order id, cost, commission, output VAT,
 * cost without VAT), or FALSE at the end. */
typedef struct {
  gint64    order;
  CiroKurus cost, commission, output_vat, cost_ex_vat;
} LineSums;

static int
line_sums_step (sqlite3_stmt *lines, LineSums *l)
{
  int rc = sqlite3_step (lines);

  if (rc == SQLITE_ROW)
    {
      l->order = sqlite3_column_int64 (lines, 0);
      l->cost = sqlite3_column_int64 (lines, 1);
      l->commission = sqlite3_column_int64 (lines, 2);
      l->output_vat = sqlite3_column_int64 (lines, 3);
      l->cost_ex_vat = sqlite3_column_int64 (lines, 4);
    }
  return rc;
}

/* profit.md's profit_ex_vat of one order, from its revenue (lines and
 * shipping), its shipping KDV, shipping expense and service fee and its
 * lines' sums (NULL: none); FALSE when it does not fit. */
static gboolean
order_profit_ex_vat (CiroKurus revenue, CiroKurus shipping_vat, CiroKurus shipping_expense, CiroKurus service_fee,
                     const LineSums *l, CiroKurus *out)
{
  gboolean ok = ciro_sub_checked (revenue, shipping_vat, out);

  ok &= ciro_sub_checked (*out, shipping_expense, out);
  ok &= ciro_sub_checked (*out, service_fee, out);
  if (l != NULL)
    {
      ok &= ciro_sub_checked (*out, l->output_vat, out);
      ok &= ciro_sub_checked (*out, l->cost_ex_vat, out);
      ok &= ciro_sub_checked (*out, l->commission, out);
    }
  return ok;
}

/* How many net orders up to `to` and customers there are, from the
 * rollups and the customers table: only the arrays' first sizes. */
static void
size_hints (CiroStore *store, const CiroReportFilter *f, gsize *n_orders, gsize *n_customers, gint64 *max_id)
{
  sqlite3_stmt *stmt;

  *n_orders = *n_customers = 0;
  *max_id = 0;
  stmt = ciro_store_prepare (store,
    "SELECT coalesce (sum (r.gross_orders - r.cr_orders), 0) FROM roll_day_mp r"
    " JOIN marketplaces m ON m.id = r.marketplace_id WHERE r.day <= ?1 AND (?2 IS NULL OR m.name = ?2)", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int (stmt, 1, f->to);
      if (f->marketplace != NULL)
        sqlite3_bind_text (stmt, 2, f->marketplace, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        *n_orders = (gsize) MAX (0, sqlite3_column_int64 (stmt, 0));
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  /* max (id) is one step down the table's B-tree, count (*) a walk over
   * all of it: ids are usually dense, and then the largest one will do */
  stmt = ciro_store_prepare (store, "SELECT coalesce (max (id), 0) FROM customers", NULL);
  if (stmt != NULL)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW)
        *max_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (*max_id > 0 && (guint64) *max_id <= (guint64) *n_orders + 1024)
    *n_customers = (gsize) *max_id;
  else
    {
      stmt = ciro_store_prepare (store, "SELECT count (*) FROM customers", NULL);
      if (stmt != NULL)
        {
          if (sqlite3_step (stmt) == SQLITE_ROW)
            *n_customers = (gsize) MAX (0, sqlite3_column_int64 (stmt, 0));
          sqlite3_reset (stmt);
        }
    }
  /* a store's first sync may not have filled them yet; cap a wild hint */
  *n_orders = MIN (*n_orders, (gsize) 50000000);
  *n_customers = MIN (*n_customers, *n_orders + 1024);
}

typedef struct {
  guint      n;
  gint64    *id;
  CiroKurus *shipping_cost;
  char     **name;
  gint64     only;            /* f->marketplace's id; -1 when there is none */
} Marketplaces;

static void
marketplaces_clear (Marketplaces *mps)
{
  g_clear_pointer (&mps->id, g_free);
  g_clear_pointer (&mps->shipping_cost, g_free);
  g_clear_pointer (&mps->name, g_strfreev);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Marketplaces, marketplaces_clear)

static gboolean
marketplaces_read (CiroStore *store, const CiroReportFilter *f, Marketplaces *mps, GError **error)
{
  sqlite3_stmt *stmt = ciro_store_prepare (store, "SELECT id, name, shipping_cost FROM marketplaces ORDER BY id", error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) costs = g_array_new (FALSE, FALSE, sizeof (CiroKurus));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  memset (mps, 0, sizeof *mps);
  mps->only = -1;
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      CiroKurus cost = sqlite3_column_int64 (stmt, 2);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      if (f->marketplace != NULL && g_strcmp0 (name, f->marketplace) == 0)
        mps->only = id;
      g_array_append_val (ids, id);
      g_array_append_val (costs, cost);
      g_ptr_array_add (names, g_strdup (name));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading marketplaces");
      return FALSE;
    }
  mps->n = ids->len;
  mps->id = (gint64 *) g_array_free (g_steal_pointer (&ids), FALSE);
  mps->shipping_cost = (CiroKurus *) g_array_free (g_steal_pointer (&costs), FALSE);
  g_ptr_array_add (names, NULL);
  mps->name = (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
  return TRUE;
}

/* The scan of CIRO_CUSTOMERS_ORDERS_SQL without what the RFM figures do
 * not read (the columns stay where they are, NULL): no order id to meet
 * the lines' sums with, no VAT, no service fee. Every column SQLite need
 * not take apart is a few percent of the scan. */
#define ORDERS_RFM_SQL \
  "SELECT NULL, o.day, o.customer_id, o.customer_key, o.customer_name, o.city," \
  " o.lines_amount + o.shipping_total, coalesce (o.actual_cargo, o.tariff), NULL, NULL, o.marketplace_id" \
  CIRO_CUSTOMERS_ORDERS_FROM
/* the cohorts': not the names, cities or shipping expenses either */
#define ORDERS_LEAN_SQL \
  "SELECT NULL, o.day, o.customer_id, o.customer_key, NULL, NULL," \
  " o.lines_amount + o.shipping_total, NULL, NULL, NULL, o.marketplace_id" \
  CIRO_CUSTOMERS_ORDERS_FROM

/* A city's text in r->strings, through a small cache in front of its hash
 * table: the scan meets the same few dozen cities a million times. */
typedef struct {
  const char *text;
  gsize       len;
} CitySlot;

#define CITY_SLOTS 128

static const char *
city_intern (CiroCustomerReport *r, CitySlot *cache, const char *text, gsize len)
{
  guint h = ((guint) len * 31u + (guchar) text[0] * 7u + (guchar) text[len - 1] * 131u
             + (guchar) text[len / 2]) % CITY_SLOTS;
  CitySlot *slot = &cache[h];

  if (slot->text == NULL || slot->len != len || memcmp (slot->text, text, len) != 0)
    {
      slot->text = g_string_chunk_insert_const (r->strings, text);
      slot->len = len;
    }
  return slot->text;
}

static gboolean
load_orders (CiroStore *store, const CiroReportFilter *f, gboolean with_value, CiroCustomerReport *r, Load *l,
             GError **error)
{
  g_autoptr(CiroRates) rates = NULL;
  sqlite3_stmt *orders, *lines = NULL;
  int rc, lrc = SQLITE_DONE;
  LineSums ls = { G_MAXINT64, 0, 0, 0, 0 };
  gboolean fits = TRUE;

  g_auto(Marketplaces) mps = { 0 };
  guint mp_hit = 0;
  CitySlot cities[CITY_SLOTS] = { { NULL, 0 } };

  if (with_value)
    {
      /* the service fee of an order without an imported one: the
       * marketplace's of its day (profit.md) */
      rates = ciro_rates_load (store, error);
      if (rates == NULL)
        return FALSE;
    }
  /* the marketplaces' per-order shipping cost and name, looked up in C: a
   * join per order row would cost more than the rest of the row */
  if (!marketplaces_read (store, f, &mps, error))
    return FALSE;
  /* read from the covering index orders_net (schema v13), not the table */
  orders = ciro_store_prepare (store, with_value ? CIRO_CUSTOMERS_ORDERS_SQL : l->lean ? ORDERS_LEAN_SQL : ORDERS_RFM_SQL,
                               error);
  if (orders == NULL)
    return FALSE;
  if (with_value)
    {
      lines = ciro_store_prepare (store,
        "SELECT order_id, sum (cost), sum (commission), sum (output_vat), sum (cost_ex_vat) FROM order_lines"
        " GROUP BY order_id ORDER BY order_id", error);
      if (lines == NULL)
        return FALSE;
      lrc = line_sums_step (lines, &ls);
    }
  sqlite3_bind_int (orders, 1, f->to);
  if (f->marketplace != NULL)
    sqlite3_bind_int64 (orders, 2, mps.only);
  while ((rc = sqlite3_step (orders)) == SQLITE_ROW)
    {
      Ord o = { CIRO_NO_CUSTOMER, 0, 0, 0 };
      CiroKurus profit_ex_vat = 0;
      gint64 mp = sqlite3_column_int64 (orders, 10);
      gint64 customer_id;
      CiroKurus shipping_expense;

      /* an order of no known marketplace, as the join would drop it */
      if (mp_hit >= mps.n || mps.id[mp_hit] != mp)
        {
          for (mp_hit = 0; mp_hit < mps.n && mps.id[mp_hit] != mp; mp_hit++)
            ;
          if (mp_hit == mps.n)
            continue;
        }
      o.day = sqlite3_column_int (orders, 1);
      /* NULL reads as 0: no id either way */
      customer_id = sqlite3_column_int64 (orders, 2);
      if (customer_id != 0)
        o.customer = customer_for_id (r, l, customer_id);
      else if (sqlite3_column_type (orders, 3) != SQLITE_NULL)
        o.customer = customer_for_key (r, l, (const char *) sqlite3_column_text (orders, 3),
                                       (const char *) sqlite3_column_text (orders, 4));
      if (!l->lean && o.customer != CIRO_NO_CUSTOMER)
        {
          const char *city = (const char *) sqlite3_column_text (orders, 5);
          CitySeen *seen = &l->city[o.customer];

          /* the last order with a city; on the same day, the later one */
          if (city != NULL && *city != '\0' && o.day >= seen->day)
            {
              seen->city = city_intern (r, cities, city, strlen (city));
              seen->day = o.day;
            }
        }
      o.revenue = sqlite3_column_int64 (orders, 6);
      shipping_expense = sqlite3_column_type (orders, 7) != SQLITE_NULL ? sqlite3_column_int64 (orders, 7)
                                                                        : mps.shipping_cost[mp_hit];
      o.profit = o.revenue - shipping_expense;
      if (with_value)
        {
          CiroKurus service_fee = sqlite3_column_type (orders, 9) != SQLITE_NULL
                                    ? sqlite3_column_int64 (orders, 9)
                                    : ciro_rates_service_fee (rates, mps.name[mp_hit], o.day);
          gint64 id = sqlite3_column_int64 (orders, 0);
          gboolean has_lines;

          while (lrc == SQLITE_ROW && ls.order < id)
            lrc = line_sums_step (lines, &ls);
          if (lrc != SQLITE_ROW && lrc != SQLITE_DONE)
            break;
          has_lines = lrc == SQLITE_ROW && ls.order == id;
          if (has_lines)
            o.profit -= ls.cost + ls.commission;
          fits &= order_profit_ex_vat (o.revenue, sqlite3_column_int64 (orders, 8), shipping_expense, service_fee,
                                       has_lines ? &ls : NULL, &profit_ex_vat);
        }
      if (l->n == l->cap)
        {
          /* the hint fell short */
          l->cap = MAX (1024, l->cap * 2);
          l->orders = g_renew (Ord, l->orders, l->cap);
          if (with_value)
            l->profit_ex_vat = g_renew (CiroKurus, l->profit_ex_vat, l->cap);
        }
      if (with_value)
        l->profit_ex_vat[l->n] = profit_ex_vat;
      l->orders[l->n++] = o;
    }
  if (lines != NULL)
    sqlite3_reset (lines);
  sqlite3_reset (orders);
  if (rc != SQLITE_DONE || (lrc != SQLITE_ROW && lrc != SQLITE_DONE))
    {
      ciro_store_set_error (store, error, "reading customers");
      return FALSE;
    }
  if (!l->lean)
    for (guint c = 0; c < r->customers->len; c++)
      g_array_index (r->customers, CiroCustomer, c).city = l->city[c].city;
  if (!fits)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_FAILED,
                   _("The figures of this report add up beyond what Ciro can hold"));
      return FALSE;
    }
  return TRUE;
}

/* a customer with a Sentos id, by that id */
typedef struct {
  gint64 id;
  guint  index;
} IdIndex;

static int
id_index_cmp (gconstpointer a, gconstpointer b)
{
  const IdIndex *x = a, *y = b;
  return (x->id > y->id) - (x->id < y->id);
}

/* Up to this many customers are looked up one by one; more, in one walk
 * over the customers table in id order beside them sorted by id (a merge:
 * no map from id to customer needed). */
#define CONTACTS_BY_LOOKUP 2048

static void
contact_fill (CiroCustomer *c, sqlite3_stmt *stmt, int col)
{
  c->name = g_strdup ((const char *) sqlite3_column_text (stmt, col));
  c->email = g_strdup ((const char *) sqlite3_column_text (stmt, col + 1));
  c->phone = g_strdup ((const char *) sqlite3_column_text (stmt, col + 2));
}

gboolean
ciro_customers_read_contacts (CiroStore *store, CiroCustomerReport *r, const guint *which, guint n, GError **error)
{
  guint total = which != NULL ? n : r->customers->len;
  g_autofree IdIndex *want = g_new (IdIndex, MAX (1, total));
  guint n_want = 0, k = 0;
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  for (guint i = 0; i < total; i++)
    {
      guint idx = which != NULL ? which[i] : i;
      const CiroCustomer *c;

      g_return_val_if_fail (idx < r->customers->len, FALSE);
      c = &g_array_index (r->customers, CiroCustomer, idx);
      /* those without an id have theirs from the orders */
      if (c->key == NULL || !g_str_has_prefix (c->key, "id:") || c->name != NULL || c->email != NULL
          || c->phone != NULL)
        continue;
      want[n_want++] = (IdIndex) { g_ascii_strtoll (c->key + 3, NULL, 10), idx };
    }
  if (n_want == 0)
    return TRUE;
  qsort (want, n_want, sizeof (IdIndex), id_index_cmp);
  /* one customer asked for twice: once */
  for (guint i = 1; i < n_want; i++)
    if (want[i].id != want[k].id)
      want[++k] = want[i];
  n_want = k + 1;

  if (n_want <= CONTACTS_BY_LOOKUP)
    {
      stmt = ciro_store_prepare (store, "SELECT name, email, phone FROM customers WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < n_want; i++)
        {
          sqlite3_bind_int64 (stmt, 1, want[i].id);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            contact_fill (&g_array_index (r->customers, CiroCustomer, want[i].index), stmt, 0);
          sqlite3_reset (stmt);
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            break;
          rc = SQLITE_DONE;
        }
    }
  else
    {
      guint i = 0;

      stmt = ciro_store_prepare (store, "SELECT id, name, email, phone FROM customers WHERE id >= ?1 ORDER BY id", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, want[0].id);
      while (i < n_want && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          while (i < n_want && want[i].id < id)
            i++;
          if (i < n_want && want[i].id == id)
            contact_fill (&g_array_index (r->customers, CiroCustomer, want[i++].index), stmt, 1);
        }
      if (rc == SQLITE_ROW)
        rc = SQLITE_DONE;   /* every one found before the table's end */
      sqlite3_reset (stmt);
    }
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading customers' contacts");
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_names (CiroStore *store, CiroCustomerReport *r, Load *l, GError **error)
{
  if (l->lean || !l->contacts || r->customers->len == g_hash_table_size (l->by_key))
    return TRUE;
  return ciro_customers_read_contacts (store, r, NULL, 0, error);
}

static void
load_clear (Load *l)
{
  g_clear_pointer (&l->orders, g_free);
  g_clear_pointer (&l->profit_ex_vat, g_free);
  g_clear_pointer (&l->city, g_free);
  id_map_clear (&l->by_id);
  g_clear_pointer (&l->by_key, g_hash_table_unref);
}

static CiroCustomerReport *
load (CiroStore *store, const CiroReportFilter *f, gboolean with_value, Load *l, GError **error)
{
  g_autoptr(CiroCustomerReport) r = ciro_customer_report_new ();
  gsize n_orders, n_customers;
  gint64 max_id;

  size_hints (store, f, &n_orders, &n_customers, &max_id);
  l->cap = (guint) MAX (1, n_orders);
  l->orders = g_new (Ord, l->cap);
  ciro_report_advise_huge (l->orders, l->cap * sizeof (Ord));
  if (with_value)
    {
      l->profit_ex_vat = g_new (CiroKurus, l->cap);
      ciro_report_advise_huge (l->profit_ex_vat, l->cap * sizeof (CiroKurus));
    }
  if (!l->lean)
    {
      l->city_cap = (guint) MAX (1, n_customers);
      l->city = g_new (CitySeen, l->city_cap);
    }
  g_array_unref (r->customers);
  r->customers = g_array_sized_new (FALSE, TRUE, sizeof (CiroCustomer), (guint) n_customers);
  ciro_report_advise_huge (r->customers->data, n_customers * sizeof (CiroCustomer));
  g_array_set_clear_func (r->customers, (GDestroyNotify) ciro_customer_clear);
  id_map_init (&l->by_id, max_id, n_customers);
  l->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!load_orders (store, f, with_value, r, l, error) || !load_names (store, r, l, error))
    return NULL;
  return g_steal_pointer (&r);
}

/* whether the flags want the order lines' costs */
static gboolean
with_value (CiroCustomersFlags flags)
{
  return (flags & (CIRO_CUSTOMERS_VALUE | CIRO_CUSTOMERS_MODEL | CIRO_CUSTOMERS_HOLDOUT)) != 0;
}

CiroCustomerReport *
ciro_report_customers (CiroStore *store, const CiroReportFilter *f, CiroCustomersFlags flags, GError **error)
{
  Load l = { .contacts = (flags & CIRO_CUSTOMERS_CONTACTS) != 0 };
  CiroCustomerReport *r;

  r = load (store, f, with_value (flags), &l, error);
  if (r != NULL)
    {
      Orders os = { l.orders, l.profit_ex_vat, l.n };
      analyse (r, &os, f->from, f->to, flags);
    }
  load_clear (&l);
  return r;
}

GArray *
ciro_report_cohorts (CiroStore *store, const CiroReportFilter *f, GError **error)
{
  Load l = { .lean = TRUE };
  g_autoptr(CiroCustomerReport) r = load (store, f, FALSE, &l, error);
  GArray *out = NULL;

  if (r != NULL)
    {
      r->from = f->from;
      r->to = f->to;
      out = cohorts_of (r, l.orders, l.n);
    }
  load_clear (&l);
  return out;
}

CiroCustomerReport *
ciro_report_customers_and_cohorts (CiroStore *store, const CiroReportFilter *f, CiroCustomersFlags flags,
                                   CiroDay cohorts_from, GArray **cohorts, GError **error)
{
  Load l = { .contacts = (flags & CIRO_CUSTOMERS_CONTACTS) != 0 };
  CiroCustomerReport *r;

  *cohorts = NULL;
  r = load (store, f, with_value (flags), &l, error);
  if (r != NULL)
    {
      Orders os = { l.orders, l.profit_ex_vat, l.n };
      analyse (r, &os, f->from, f->to, flags);
      /* the cohorts read only from and to */
      r->from = cohorts_from;
      *cohorts = cohorts_of (r, l.orders, l.n);
      r->from = f->from;
    }
  load_clear (&l);
  return r;
}

/* ---- one customer ---- */

static void
order_row_clear (gpointer p)
{
  CiroCustomerOrderRow *o = p;
  g_free (o->code);
  g_free (o->marketplace);
}

static void
product_row_clear (gpointer p)
{
  CiroCustomerProductRow *o = p;
  g_free (o->name);
  g_free (o->sku);
}

void
ciro_customer_detail_free (CiroCustomerDetail *d)
{
  if (d == NULL)
    return;
  g_free (d->key);
  g_free (d->name);
  g_free (d->email);
  g_free (d->phone);
  g_clear_pointer (&d->orders, g_array_unref);
  g_clear_pointer (&d->products, g_array_unref);
  g_clear_pointer (&d->gaps, g_array_unref);
  g_free (d);
}

static int
cmp_int (gconstpointer a, gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* the WHERE of a customer's orders: ?1 id or alt key, ?2 the last day, ?3 marketplace */
#define CUSTOMER_ORDERS_WHERE \
  " WHERE o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " AND o.day <= ?2 AND (?3 IS NULL OR m.name = ?3)" \
  " AND CASE WHEN ?4 THEN o.customer_id = ?1" \
  "          ELSE coalesce (o.customer_id, 0) = 0 AND o.customer_key = ?1 END"

static void
bind_customer (sqlite3_stmt *stmt, const char *key, const CiroReportFilter *f)
{
  gboolean by_id = g_str_has_prefix (key, "id:");

  if (by_id)
    sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (key + 3, NULL, 10));
  else
    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, f->to);
  if (f->marketplace != NULL)
    sqlite3_bind_text (stmt, 3, f->marketplace, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, by_id);
}

CiroCustomerDetail *
ciro_report_customer_detail (CiroStore *store, const char *key, const CiroReportFilter *f, GError **error)
{
  g_autoptr(CiroCustomerDetail) d = g_new0 (CiroCustomerDetail, 1);
  sqlite3_stmt *stmt;
  int rc;
  CiroDay prev = CIRO_DAY_INVALID;

  d->key = g_strdup (key);
  d->orders = g_array_new (FALSE, TRUE, sizeof (CiroCustomerOrderRow));
  g_array_set_clear_func (d->orders, order_row_clear);
  d->products = g_array_new (FALSE, TRUE, sizeof (CiroCustomerProductRow));
  g_array_set_clear_func (d->products, product_row_clear);
  d->gaps = g_array_new (FALSE, FALSE, sizeof (int));
  d->median_gap = -1;

  gint64 name_order = G_MAXINT64;

  stmt = ciro_store_prepare (store,
    "SELECT o.id, o.order_code, o.day, m.name,"
    " (SELECT coalesce (sum (l.quantity), 0) FROM order_lines l WHERE l.order_id = o.id),"
    " o.lines_amount + o.shipping_total, o.customer_name"
    " FROM orders o JOIN marketplaces m ON m.id = o.marketplace_id" CUSTOMER_ORDERS_WHERE
    " ORDER BY o.day DESC, o.seconds DESC, o.id DESC", error);
  if (stmt == NULL)
    return NULL;
  bind_customer (stmt, key, f);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroCustomerOrderRow o;
      o.id = sqlite3_column_int64 (stmt, 0);
      o.code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      o.day = sqlite3_column_int (stmt, 2);
      o.marketplace = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      o.units = sqlite3_column_int64 (stmt, 4);
      o.revenue = sqlite3_column_int64 (stmt, 5);
      g_array_append_val (d->orders, o);
      /* a customer without an id: the name of their first order that has one */
      if (!g_str_has_prefix (key, "id:") && sqlite3_column_type (stmt, 6) != SQLITE_NULL && o.id < name_order)
        {
          g_free (d->name);
          d->name = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
          name_order = o.id;
        }
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading a customer's orders");
      return NULL;
    }
  /* the contacts, as the report reads them */
  if (g_str_has_prefix (key, "id:"))
    {
      stmt = ciro_store_prepare (store, "SELECT name, email, phone FROM customers WHERE id = ?1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (key + 3, NULL, 10));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          d->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          d->email = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          d->phone = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          ciro_store_set_error (store, error, "reading a customer");
          return NULL;
        }
    }
  else if (g_str_has_prefix (key, "mail:"))
    d->email = g_strdup (key + 5);
  else if (g_str_has_prefix (key, "tel:"))
    d->phone = g_strdup (key + 4);

  stmt = ciro_store_prepare (store,
    "SELECT coalesce (p.name, max (l.name), l.sku), coalesce (p.sku, l.sku), sum (l.quantity),"
    " count (DISTINCT l.order_id), sum (l.amount)"
    " FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN marketplaces m ON m.id = o.marketplace_id"
    " LEFT JOIN products p ON p.id = l.product_id" CUSTOMER_ORDERS_WHERE
    " GROUP BY l.product_key ORDER BY sum (l.amount) DESC, 1", error);
  if (stmt == NULL)
    return NULL;
  bind_customer (stmt, key, f);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroCustomerProductRow p;
      p.name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      p.sku = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      p.units = sqlite3_column_int64 (stmt, 2);
      p.orders = sqlite3_column_int64 (stmt, 3);
      p.revenue = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (d->products, p);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading a customer's products");
      return NULL;
    }

  /* gaps between consecutive distinct order days, oldest first */
  for (guint i = d->orders->len; i-- > 0;)
    {
      CiroDay day = g_array_index (d->orders, CiroCustomerOrderRow, i).day;
      if (prev != CIRO_DAY_INVALID && day != prev)
        {
          int gap = day - prev;
          g_array_append_val (d->gaps, gap);
        }
      prev = day;
    }
  if (d->gaps->len > 0)
    {
      g_autofree int *sorted = g_memdup2 (d->gaps->data, d->gaps->len * sizeof (int));
      guint n = d->gaps->len;
      qsort (sorted, n, sizeof (int), cmp_int);
      d->median_gap = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
  return g_steal_pointer (&d);
}
