/* test-customers.c: customer keys, masking, RFM, segments, VIP, churn,
 * lifetime value and cohorts (insights.md §4)
 *
 * The RFM cases are hand-built so that every cell of the 5 × 5 grid is
 * hit with all values tied at the quintile cuts; a smaller set checks the
 * cut indices ceil(k·N/5) with ties. The store cases check the keys (id,
 * e-mail, phone, none) as the writer stores them, and every customer's
 * figures against a direct SQL computation. The models are checked by
 * recovering their parameters from data simulated from the models.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "analytics/ciro-customers.h"
#include "core/ciro-customer.h"
#include "core/ciro-date.h"
#include "analytics/ciro-report.h"
#include "store/ciro-profit.h"
#include "store/ciro-schema.h"
#include "store/ciro-store-sql.h"
#include "ciro-test-util.h"

static void
test_keys (void)
{
  struct { gint64 id; const char *email, *phone, *key; } cases[] = {
    { 3310, "a@b.com", "05321234567", "id:3310" },
    { 0, "  Ayse.Yilmaz@Example.COM ", "05321234567", "mail:ayse.yilmaz@example.com" },
    { 0, "no-at-sign", "+90 (532) 123 45 67", "tel:5321234567" },
    { 0, NULL, "0532 123 45 67", "tel:5321234567" },
    { 0, "", "532 123 456", NULL },             /* 9 digits */
    { 0, NULL, NULL, NULL },
    { -5, NULL, NULL, "id:-5" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = ciro_customer_key (cases[i].id, cases[i].email, cases[i].phone);
      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

static void
test_masking (void)
{
  struct { char *(*mask) (const char *); const char *in, *out; } cases[] = {
    { ciro_mask_name, "Ayşe Yılmaz", "Ay*** Yı***" },
    { ciro_mask_name, "  İbrahim   Öz  ", "İb*** Öz***" },
    { ciro_mask_name, "A", "A***" },
    { ciro_mask_email, "ayse@example.com", "a***@example.com" },
    { ciro_mask_email, "şule@örnek.com.tr", "ş***@örnek.com.tr" },
    { ciro_mask_email, "broken", "b***" },
    { ciro_mask_phone, "05321234567", "0532 *** ** 67" },
    { ciro_mask_phone, "+90 532 123 45 67", "0532 *** ** 67" },
    { ciro_mask_phone, "12345", "*** 45" },
    { ciro_mask_customer_key, "mail:ayse@example.com", "mail:a***@example.com" },
    { ciro_mask_customer_key, "tel:5321234567", "tel:0532 *** ** 67" },
    { ciro_mask_customer_key, "id:3310", "id:3310" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = cases[i].mask (cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
  g_assert_null (ciro_mask_name (NULL));
}

/* ---- the engine on hand-built orders ---- */

static CiroDay TO;

static void
add_customer (CiroCustomerReport *r, const char *key)
{
  CiroCustomer c = { 0 };
  c.key = g_strdup (key);
  g_array_append_val (r->customers, c);
}

static void
add_order (GArray *orders, guint32 customer, CiroDay day, CiroKurus revenue, CiroKurus profit)
{
  CiroCustomerOrder o = { customer, day, revenue, profit, NULL };
  g_array_append_val (orders, o);
}

static const CiroCustomer *
customer (CiroCustomerReport *r, guint i)
{
  return &g_array_index (r->customers, CiroCustomer, i);
}

/* the grid as insights.md §4 prints it, R rows from 5 down to 1 */
static const char *const spec_grid[5][5] = {
  { "New", "Potential loyalist", "Loyal", "Champion", "Champion" },
  { "Promising", "Potential loyalist", "Loyal", "Champion", "Champion" },
  { "Needs attention", "Needs attention", "Loyal", "Loyal", "Loyal" },
  { "About to sleep", "About to sleep", "At risk", "At risk", "At risk" },
  { "Lost", "Hibernating", "At risk", "Can't lose", "Can't lose" },
};

/* 25 customers: recency 0, 10, 20, 30, 40 days (five each, so every value
 * sits on a cut) times 1, 2, 3, 5, 7 orders (F 1..5) */
static void
test_rfm_grid (void)
{
  g_autoptr(CiroCustomerReport) r = ciro_customer_report_new ();
  g_autoptr(GArray) orders = g_array_new (FALSE, FALSE, sizeof (CiroCustomerOrder));
  static const int freq[5] = { 1, 2, 3, 5, 7 };
  guint vip_count = 0;

  TO = ciro_day_from_ymd (2026, 12, 1);
  for (guint ri = 0; ri < 5; ri++)
    for (guint fi = 0; fi < 5; fi++)
      {
        guint c = ri * 5 + fi;
        g_autofree char *key = g_strdup_printf ("id:%u", c + 1);
        add_customer (r, key);
        for (int k = 0; k < freq[fi]; k++)
          /* 100 TRY an order; the last one `recency` days before TO */
          add_order (orders, c, TO - 10 * (CiroDay) ri - 50 * k, 10000, 4000);
      }
  /* an order after TO and one before the window count for nothing here */
  add_order (orders, 0, TO + 1, 999999, 0);
  ciro_customers_analyse (r, (CiroCustomerOrder *) orders->data, orders->len, TO - 364, TO, CIRO_CUSTOMERS_RFM);

  g_assert_cmpint (r->n_window, ==, 25);
  /* recency sorted: 0 ×5, 10 ×5, …: c_k = v_5k */
  g_assert_cmpint (r->r_cuts[0], ==, 0);
  g_assert_cmpint (r->r_cuts[1], ==, 10);
  g_assert_cmpint (r->r_cuts[2], ==, 20);
  g_assert_cmpint (r->r_cuts[3], ==, 30);
  /* monetary: 100 ×5, 200 ×5, 300 ×5, 500 ×5, 700 ×5 */
  g_assert_cmpint (r->m_cuts[0], ==, 10000);
  g_assert_cmpint (r->m_cuts[3], ==, 50000);
  for (guint ri = 0; ri < 5; ri++)
    for (guint fi = 0; fi < 5; fi++)
      {
        const CiroCustomer *c = customer (r, ri * 5 + fi);
        guint R = 5 - ri, F = fi + 1, M = fi + 1;
        g_assert_true (c->in_window);
        g_assert_cmpint (c->recency_days, ==, 10 * ri);
        g_assert_cmpint (c->frequency, ==, freq[fi]);
        g_assert_cmpint (c->monetary, ==, 10000 * freq[fi]);
        g_assert_cmpuint (c->r, ==, R);
        g_assert_cmpuint (c->f, ==, F);
        g_assert_cmpuint (c->m, ==, M);
        g_assert_cmpstr (ciro_segment_name (c->segment), ==, spec_grid[5 - R][F - 1]);
        g_assert_cmpint (c->loyalty, ==, (int) lround (100.0 * (R + F + M - 3) / 12.0));
        g_assert_cmpint (r->grid[R - 1][F - 1].customers, ==, 1);
        g_assert_cmpint (c->orders, ==, freq[fi]);
        g_assert_cmpint (c->clv_historical, ==, 4000 * freq[fi]);
        vip_count += c->vip;
        /* VIP: ceil(25 × 5 %) = 2, tied with the other three of 700 TRY */
        g_assert_cmpint (c->vip, ==, freq[fi] == 7);
      }
  g_assert_cmpuint (vip_count, ==, 5);
  g_assert_cmpint (r->n_vip, ==, 5);
  g_assert_cmpint (r->vip_cut, ==, 70000);
  g_assert_cmpint (r->segment_customers[CIRO_SEGMENT_CHAMPION], ==, 4);
  g_assert_cmpint (r->segment_customers[CIRO_SEGMENT_AT_RISK], ==, 4);
  g_assert_cmpint (r->segment_customers[CIRO_SEGMENT_LOYAL], ==, 5);
}

/* 7 customers, monetary 100, 100, 200, 300, 300, 300, 500: cuts at
 * v_ceil(7k/5) = v2, v3, v5, v6 = 100, 200, 300, 300: no M of 4 */
static void
test_quintile_ties (void)
{
  g_autoptr(CiroCustomerReport) r = ciro_customer_report_new ();
  g_autoptr(GArray) orders = g_array_new (FALSE, FALSE, sizeof (CiroCustomerOrder));
  static const CiroKurus m[7] = { 30000, 10000, 50000, 10000, 30000, 20000, 30000 };
  static const guint8 want[7] = { 3, 1, 5, 1, 3, 2, 3 };

  TO = ciro_day_from_ymd (2026, 12, 1);
  for (guint c = 0; c < 7; c++)
    {
      g_autofree char *key = g_strdup_printf ("id:%u", c + 1);
      add_customer (r, key);
      add_order (orders, c, TO - (CiroDay) c, m[c], 0);
    }
  ciro_customers_analyse (r, (CiroCustomerOrder *) orders->data, orders->len, TO - 364, TO, CIRO_CUSTOMERS_RFM);
  g_assert_cmpint (r->m_cuts[0], ==, 10000);
  g_assert_cmpint (r->m_cuts[1], ==, 20000);
  g_assert_cmpint (r->m_cuts[2], ==, 30000);
  g_assert_cmpint (r->m_cuts[3], ==, 30000);
  for (guint c = 0; c < 7; c++)
    g_assert_cmpuint (customer (r, c)->m, ==, want[c]);
  /* recency 0..6: cuts v2, v3, v5, v6 = 1, 2, 4, 5 */
  g_assert_cmpint (r->r_cuts[0], ==, 1);
  g_assert_cmpint (r->r_cuts[3], ==, 5);
  g_assert_cmpuint (customer (r, 0)->r, ==, 5);
  g_assert_cmpuint (customer (r, 1)->r, ==, 5);
  g_assert_cmpuint (customer (r, 2)->r, ==, 4);
  g_assert_cmpuint (customer (r, 3)->r, ==, 3);
  g_assert_cmpuint (customer (r, 4)->r, ==, 3);
  g_assert_cmpuint (customer (r, 5)->r, ==, 2);
  g_assert_cmpuint (customer (r, 6)->r, ==, 1);
  /* one VIP: ceil(7 × 5 %) = 1 */
  g_assert_cmpint (r->n_vip, ==, 1);
  g_assert_true (customer (r, 2)->vip);
}

static void
test_churn (void)
{
  g_autoptr(CiroCustomerReport) r = ciro_customer_report_new ();
  g_autoptr(GArray) orders = g_array_new (FALSE, FALSE, sizeof (CiroCustomerOrder));

  TO = ciro_day_from_ymd (2026, 12, 1);
  for (guint c = 0; c < 6; c++)
    {
      g_autofree char *key = g_strdup_printf ("id:%u", c + 1);
      add_customer (r, key);
    }
  /* 0: gaps 10, 10 → threshold 60; last order 61 days ago: at risk */
  add_order (orders, 0, TO - 81, 1000, 0);
  add_order (orders, 0, TO - 71, 1000, 0);
  add_order (orders, 0, TO - 61, 1000, 0);
  /* 1: the same, 60 days ago: not (must exceed) */
  add_order (orders, 1, TO - 80, 1000, 0);
  add_order (orders, 1, TO - 70, 1000, 0);
  add_order (orders, 1, TO - 60, 1000, 0);
  /* 2: gaps 50, 70, 100 → median 70 → threshold 140; 141 days ago */
  add_order (orders, 2, TO - 361, 1000, 0);
  add_order (orders, 2, TO - 311, 1000, 0);
  add_order (orders, 2, TO - 241, 1000, 0);
  add_order (orders, 2, TO - 141, 1000, 0);
  /* 3: gaps 50, 100 (even count: median 75 → 150); 149 days: not */
  add_order (orders, 3, TO - 299, 1000, 0);
  add_order (orders, 3, TO - 249, 1000, 0);
  add_order (orders, 3, TO - 149, 1000, 0);
  /* 4: one order, 300 days ago: too few orders to tell */
  add_order (orders, 4, TO - 300, 1000, 0);
  /* 5: two orders long before the window (no RFM), 500 days ago */
  add_order (orders, 5, TO - 600, 1000, 0);
  add_order (orders, 5, TO - 500, 1000, 0);
  ciro_customers_analyse (r, (CiroCustomerOrder *) orders->data, orders->len, TO - 364, TO, CIRO_CUSTOMERS_RFM);
  g_assert_true (customer (r, 0)->churn_risk);
  g_assert_false (customer (r, 1)->churn_risk);
  g_assert_cmpfloat (customer (r, 2)->median_gap, ==, 70);
  g_assert_true (customer (r, 2)->churn_risk);
  g_assert_cmpfloat (customer (r, 3)->median_gap, ==, 75);
  g_assert_false (customer (r, 3)->churn_risk);
  g_assert_false (customer (r, 4)->churn_risk);
  g_assert_true (customer (r, 5)->churn_risk);
  g_assert_false (customer (r, 5)->in_window);
  g_assert_cmpint (customer (r, 5)->segment, ==, CIRO_SEGMENT_NONE);
  g_assert_cmpint (r->n_window, ==, 5);
  g_assert_cmpint (r->n_churn, ==, 3);
  g_assert_cmpint (r->churn_spend, ==, 3000 + 4000 + 2000);
}

static void
test_cohorts (void)
{
  g_autoptr(CiroCustomerReport) r = ciro_customer_report_new ();
  g_autoptr(GArray) orders = g_array_new (FALSE, FALSE, sizeof (CiroCustomerOrder));
  g_autoptr(GArray) cohorts = NULL;
  CiroDay sep1 = ciro_day_from_ymd (2026, 9, 1), oct1 = ciro_day_from_ymd (2026, 10, 1);
  const CiroCohort *sep, *oct;

  TO = ciro_day_from_ymd (2026, 12, 1);
  for (guint c = 0; c < 4; c++)
    {
      g_autofree char *key = g_strdup_printf ("id:%u", c + 1);
      add_customer (r, key);
    }
  /* September: customers 0 and 1; 0 again in October (twice) and December */
  add_order (orders, 0, sep1 + 3, 10000, 0);
  add_order (orders, 0, oct1 + 1, 5000, 0);
  add_order (orders, 0, oct1 + 9, 5000, 0);
  add_order (orders, 0, TO, 2000, 0);
  add_order (orders, 1, sep1 + 29, 30000, 0);
  /* October: customer 2; customer 3 first bought in August: not a cohort here */
  add_order (orders, 2, oct1, 8000, 0);
  add_order (orders, 3, sep1 - 10, 8000, 0);
  add_order (orders, 3, oct1 + 2, 8000, 0);
  ciro_customers_analyse (r, (CiroCustomerOrder *) orders->data, orders->len, sep1, TO, CIRO_CUSTOMERS_RFM);
  cohorts = ciro_customers_cohorts (r, (CiroCustomerOrder *) orders->data, orders->len);
  g_assert_cmpuint (cohorts->len, ==, 4);    /* Sep, Oct, Nov, Dec */
  sep = &g_array_index (cohorts, CiroCohort, 0);
  oct = &g_array_index (cohorts, CiroCohort, 1);
  g_assert_cmpint (sep->month, ==, ciro_day_month (sep1));
  g_assert_cmpint (sep->customers, ==, 2);
  g_assert_cmpuint (sep->n_months, ==, 4);
  g_assert_cmpfloat_with_epsilon (sep->active_pct[0], 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (sep->active_pct[1], 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (sep->active_pct[2], 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sep->active_pct[3], 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (sep->revenue_per_customer[0], 200, 1e-9);
  g_assert_cmpfloat_with_epsilon (sep->revenue_per_customer[1], 250, 1e-9);
  g_assert_cmpfloat_with_epsilon (sep->revenue_per_customer[2], 250, 1e-9);
  g_assert_cmpfloat_with_epsilon (sep->revenue_per_customer[3], 260, 1e-9);
  g_assert_cmpint (oct->customers, ==, 1);
  g_assert_cmpuint (oct->n_months, ==, 3);
  g_assert_cmpfloat_with_epsilon (oct->revenue_per_customer[0], 80, 1e-9);
  g_assert_cmpint (g_array_index (cohorts, CiroCohort, 2).customers, ==, 0);

  /* a window that begins mid-September keeps the whole September cohort: a
   * cohort is the calendar month of the first net order (insights.md §4),
   * so customer 0, first on 4 September, stays in it */
  r->from = sep1 + 15;
  g_clear_pointer (&cohorts, g_array_unref);
  cohorts = ciro_customers_cohorts (r, (CiroCustomerOrder *) orders->data, orders->len);
  g_assert_cmpuint (cohorts->len, ==, 4);
  sep = &g_array_index (cohorts, CiroCohort, 0);
  g_assert_cmpint (sep->month, ==, ciro_day_month (sep1));
  g_assert_cmpint (sep->customers, ==, 2);
  g_assert_cmpfloat_with_epsilon (sep->active_pct[1], 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (sep->revenue_per_customer[0], 200, 1e-9);
}

/* ---- the models on simulated data ---- */

static double
gamma_sample (GRand *rng, double shape, double rate)
{
  /* Marsaglia & Tsang; shape < 1 by boosting */
  double boost = 1;
  double d, c;
  if (shape < 1)
    {
      boost = pow (g_rand_double (rng), 1.0 / shape);
      shape += 1;
    }
  d = shape - 1.0 / 3;
  c = 1 / sqrt (9 * d);
  for (;;)
    {
      double x, v, u;
      do
        {
          /* Box-Muller normal */
          double u1 = g_rand_double (rng), u2 = g_rand_double (rng);
          x = sqrt (-2 * log (1 - u1)) * cos (2 * G_PI * u2);
          v = 1 + c * x;
        }
      while (v <= 0);
      v = v * v * v;
      u = g_rand_double (rng);
      if (log (1 - u) < 0.5 * x * x + d - d * v + d * log (v))
        return boost * d * v / rate;
    }
}

/* A store with more customers than CIRO_CLV_FIT_SAMPLE: the model is
 * fitted on exactly that many, the same ones whatever order the customers
 * come in (the sample follows their keys), and still predicts for everyone;
 * a smaller store is fitted on all its customers. */
static CiroCustomerReport *
sample_report (guint n, gboolean reversed, CiroDay to)
{
  CiroCustomerReport *r = ciro_customer_report_new ();
  g_autoptr(GArray) orders = g_array_new (FALSE, FALSE, sizeof (CiroCustomerOrder));
  g_autoptr(GRand) rng = g_rand_new_with_seed (11);

  for (guint i = 0; i < n; i++)
    {
      guint id = reversed ? n - i : i + 1;
      g_autofree char *key = g_strdup_printf ("id:%u", id);
      add_customer (r, key);
    }
  for (guint id = 1; id <= n; id++)
    {
      /* customer id's orders depend on id alone */
      guint32 c = reversed ? n - id : id - 1;
      CiroDay day = to - 700 + (CiroDay) g_rand_int_range (rng, 0, 600);
      guint k = (guint) g_rand_int_range (rng, 1, 5);
      for (guint j = 0; j < k && day <= to; j++)
        {
          add_order (orders, c, day, 10000 + 100 * (CiroKurus) g_rand_int_range (rng, 0, 200), 3000);
          day += g_rand_int_range (rng, 10, 120);
        }
    }
  ciro_customers_analyse (r, (CiroCustomerOrder *) orders->data, orders->len, to - 364, to, CIRO_CUSTOMERS_MODEL);
  return r;
}

static void
test_model_sample (void)
{
  CiroDay to = ciro_day_from_ymd (2026, 6, 30);
  guint n = CIRO_CLV_FIT_SAMPLE + 5000;
  g_autoptr(CiroCustomerReport) a = sample_report (n, FALSE, to);
  g_autoptr(CiroCustomerReport) b = sample_report (n, TRUE, to);
  g_autoptr(CiroCustomerReport) small = sample_report (800, FALSE, to);
  guint predicted = 0;

  g_assert_true (a->model_fitted);
  g_assert_cmpint (a->model_eligible, ==, n);
  g_assert_cmpint (a->model_customers, ==, CIRO_CLV_FIT_SAMPLE);
  g_assert_cmpint (b->model_customers, ==, CIRO_CLV_FIT_SAMPLE);
  /* the same sample: the same likelihood, so (nearly) the same maximum */
  g_assert_cmpfloat (fabs (a->bgnbd.r / b->bgnbd.r - 1), <, 1e-6);
  g_assert_cmpfloat (fabs (a->bgnbd.alpha / b->bgnbd.alpha - 1), <, 1e-6);
  g_assert_cmpfloat (fabs (a->gg.q / b->gg.q - 1), <, 1e-6);
  for (guint i = 0; i < a->customers->len; i++)
    predicted += customer (a, i)->expected_orders_12m > 0;
  g_assert_cmpuint (predicted, ==, n);
  g_assert_true (small->model_fitted);
  g_assert_cmpint (small->model_customers, ==, 800);
  g_assert_cmpint (small->model_eligible, ==, 800);
}

static void
test_bgnbd_recovers (void)
{
  const CiroBgnbdParams truth = { 0.25, 4.0, 0.8, 2.5 };
  const guint n = 20000;
  g_autoptr(GRand) rng = g_rand_new_with_seed (7);
  g_autofree CiroBgnbdObs *obs = g_new (CiroBgnbdObs, n);
  CiroBgnbdParams fit;
  double expected_sum = 0, actual_sum = 0;

  for (guint i = 0; i < n; i++)
    {
      double lambda = gamma_sample (rng, truth.r, truth.alpha);
      double ga = gamma_sample (rng, truth.a, 1), gb = gamma_sample (rng, truth.b, 1);
      double p = ga / (ga + gb);
      double T = 20 + g_rand_double (rng) * 60;    /* weeks since the first order */
      double t = 0, tx = 0;
      guint x = 0;
      for (;;)
        {
          t += -log (1 - g_rand_double (rng)) / lambda;
          if (t > T)
            break;
          x++;
          tx = t;
          if (g_rand_double (rng) < p)
            break;
        }
      obs[i] = (CiroBgnbdObs) { x, tx, T, 1 };
    }
  g_assert_true (ciro_bgnbd_fit (obs, n, &fit));
  g_test_message ("BG/NBD fit: r %.3f alpha %.3f a %.3f b %.3f (truth 0.25 4 0.8 2.5)", fit.r, fit.alpha, fit.a, fit.b);
  /* stated tolerance: 20 % on r and alpha, 35 % on a and b (a and b are
   * weakly identified by 20,000 customers) */
  g_assert_cmpfloat (fabs (fit.r / truth.r - 1), <, 0.20);
  g_assert_cmpfloat (fabs (fit.alpha / truth.alpha - 1), <, 0.20);
  g_assert_cmpfloat (fabs (fit.a / truth.a - 1), <, 0.35);
  g_assert_cmpfloat (fabs (fit.b / truth.b - 1), <, 0.35);
  /* the fitted maximum is at least as likely as the truth */
  {
    double ll_fit = 0, ll_truth = 0;
    for (guint i = 0; i < n; i++)
      {
        ll_fit += ciro_bgnbd_log_likelihood (&fit, &obs[i]);
        ll_truth += ciro_bgnbd_log_likelihood (&truth, &obs[i]);
      }
    g_assert_cmpfloat (ll_fit, >=, ll_truth - 1e-6);
  }
  /* the conditional expectation with x = 0 and T = 0 is the unconditional
   * one of the paper, E[X(t)] = (a+b−1)/(a−1) [1 − (α/(α+t))^r 2F1(r, b; a+b−1; t/(α+t))] */
  {
    double t = 52;
    double direct = (truth.a + truth.b - 1) / (truth.a - 1)
                    * (1 - pow (truth.alpha / (truth.alpha + t), truth.r)
                           * ciro_hyp2f1 (truth.r, truth.b, truth.a + truth.b - 1, t / (truth.alpha + t)));
    g_assert_cmpfloat_with_epsilon (ciro_bgnbd_expected (&truth, t, 0, 0, 0), direct, 1e-9);
  }
  /* 2F1(1, 1; 2; z) = −ln(1 − z) / z */
  g_assert_cmpfloat_with_epsilon (ciro_hyp2f1 (1, 1, 2, 0.5), -log (0.5) / 0.5, 1e-10);
  (void) expected_sum;
  (void) actual_sum;
}

static void
test_gg_recovers (void)
{
  const CiroGgParams truth = { 6, 4, 15 };
  const guint n = 20000;
  g_autoptr(GRand) rng = g_rand_new_with_seed (11);
  g_autofree CiroGgObs *obs = g_new (CiroGgObs, n);
  CiroGgParams fit;

  for (guint i = 0; i < n; i++)
    {
      double nu = gamma_sample (rng, truth.q, truth.gamma);
      guint x = 1 + g_rand_int_range (rng, 0, 6);
      double sum = 0;
      for (guint k = 0; k < x; k++)
        sum += gamma_sample (rng, truth.p, nu);
      obs[i] = (CiroGgObs) { x, sum / x, 1 };
    }
  g_assert_true (ciro_gg_fit (obs, n, &fit));
  g_test_message ("Gamma-Gamma fit: p %.3f q %.3f gamma %.3f (truth 6 4 15)", fit.p, fit.q, fit.gamma);
  /* stated tolerance: 15 % on p, 25 % on q and gamma */
  g_assert_cmpfloat (fabs (fit.p / truth.p - 1), <, 0.15);
  g_assert_cmpfloat (fabs (fit.q / truth.q - 1), <, 0.25);
  g_assert_cmpfloat (fabs (fit.gamma / truth.gamma - 1), <, 0.25);
  /* the expected value shrinks a customer's mean towards the population's */
  {
    double population = truth.p * truth.gamma / (truth.q - 1);
    double e = ciro_gg_expected (&truth, 1, 1000);
    g_assert_cmpfloat (e, <, 1000);
    g_assert_cmpfloat (e, >, population);
  }
}

/* ---- from the store ---- */

static void
put_order (CiroStore *store, gint64 id, CiroDay day, gint32 status, gint64 customer_id, const char *name,
           const char *email, const char *phone, CiroKurus amount, CiroKurus shipping)
{
  g_autoptr(GError) error = NULL;
  CiroOrderRecord *o = ciro_order_record_new ();
  CiroOrderLineRecord *l = ciro_order_line_record_new ();

  o->id = id;
  o->day = day;
  o->seconds = 12 * 3600;
  o->source = g_strdup ("TRENDYOL");
  o->status = status;
  o->customer_id = customer_id;
  o->customer_name = g_strdup (name);
  o->customer_email = g_strdup (email);
  o->customer_phone = g_strdup (phone);
  o->city = g_strdup ("İstanbul");
  o->shipping_total = shipping;
  l->sku = g_strdup ("X-1");
  l->quantity = 1;
  l->amount = l->price = amount;
  l->status = g_strdup ("accepted");
  g_ptr_array_add (o->lines, l);
  g_assert_true (ciro_store_put_order (store, o, &error));
  g_assert_no_error (error);
  ciro_order_record_free (o);
}

static const CiroCustomer *
find_key (CiroCustomerReport *r, const char *key)
{
  for (guint i = 0; i < r->customers->len; i++)
    if (g_strcmp0 (customer (r, i)->key, key) == 0)
      return customer (r, i);
  return NULL;
}

static void
test_store_keys (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = ciro_test_tmpdir ("customers");
  g_autofree char *path = g_build_filename (dir, "ciro.db", NULL);
  g_autoptr(CiroStore) store = ciro_store_open (path, &error);
  g_autoptr(CiroCustomerReport) r = NULL;
  CiroReportFilter f = { 0 };
  const CiroCustomer *c;

  g_assert_no_error (error);
  TO = ciro_day_from_ymd (2026, 12, 1);
  g_assert_true (ciro_store_set_setting (store, "commission.Trendyol", "10", &error));
  g_assert_true (ciro_store_set_setting (store, "shipping.Trendyol", "10", &error));
  g_assert_true (ciro_store_begin (store, &error));
  put_order (store, 1, TO - 5, 5, 77, "Ayşe Yılmaz", "ayse@example.com", "05321112233", 10000, 1500);
  put_order (store, 2, TO - 1, 5, 77, NULL, NULL, NULL, 20000, 0);
  put_order (store, 3, TO - 2, 6, 77, NULL, NULL, NULL, 99900, 0);           /* cancelled */
  /* no id: the same e-mail twice, spelled differently */
  put_order (store, 4, TO - 3, 5, 0, "Mehmet Öz", " Mehmet@Example.com", "05001234567", 5000, 0);
  put_order (store, 5, TO - 400, 5, 0, "Mehmet Öz", "mehmet@example.com ", NULL, 7000, 0);
  /* no id, no e-mail: the phone's last ten digits */
  put_order (store, 6, TO - 7, 5, 0, "Can Ak", "", "+90 533 444 55 66", 3000, 0);
  /* nobody */
  put_order (store, 7, TO - 8, 5, 0, "Anonim", "yok", "123", 4000, 500);
  put_order (store, 8, TO + 3, 5, 77, NULL, NULL, NULL, 1, 0);               /* after the window */
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);

  f.from = TO - 364;
  f.to = TO;
  r = ciro_report_customers (store, &f, CIRO_CUSTOMERS_VALUE | CIRO_CUSTOMERS_CONTACTS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->customers->len, ==, 3);
  g_assert_cmpint (r->n_window, ==, 3);
  g_assert_cmpint (r->anonymous_orders, ==, 1);
  g_assert_cmpint (r->anonymous_revenue, ==, 4500);

  c = find_key (r, "id:77");
  g_assert_nonnull (c);
  g_assert_cmpstr (c->name, ==, "Ayşe Yılmaz");
  g_assert_cmpstr (c->email, ==, "ayse@example.com");
  g_assert_cmpstr (c->city, ==, "İstanbul");
  g_assert_cmpint (c->frequency, ==, 2);
  g_assert_cmpint (c->monetary, ==, 31500);
  g_assert_cmpint (c->recency_days, ==, 1);
  /* value: revenue − 10 % commission of the lines − 10 TRY shipping an order (no cost known) */
  g_assert_cmpint (c->clv_historical, ==, 31500 - 3000 - 2000);

  c = find_key (r, "mail:mehmet@example.com");
  g_assert_nonnull (c);
  g_assert_cmpstr (c->name, ==, "Mehmet Öz");
  g_assert_cmpint (c->orders, ==, 2);
  g_assert_cmpint (c->frequency, ==, 1);
  g_assert_cmpint (c->spend, ==, 12000);

  c = find_key (r, "tel:5334445566");
  g_assert_nonnull (c);
  g_assert_cmpstr (c->phone, ==, "5334445566");
  g_assert_cmpint (c->monetary, ==, 3000);

  /* a customer's detail has the contact the report has */
  for (guint i = 0; i < r->customers->len; i++)
    {
      const CiroCustomer *cu = &g_array_index (r->customers, CiroCustomer, i);
      g_autoptr(CiroCustomerDetail) d = ciro_report_customer_detail (store, cu->key, &f, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (d->name, ==, cu->name);
      g_assert_cmpstr (d->email, ==, cu->email);
      g_assert_cmpstr (d->phone, ==, cu->phone);
    }

  /* a marketplace with no orders: nobody */
  {
    g_autoptr(CiroCustomerReport) none = NULL;
    f.marketplace = (char *) "N11";
    none = ciro_report_customers (store, &f, CIRO_CUSTOMERS_RFM, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (none->customers->len, ==, 0);
    f.marketplace = NULL;
  }
  ciro_test_remove_store (path);
}

/* The v8 migration fills lines_amount of orders written by any older
 * version (made by applying that many migrations by hand). */
static void
test_migration_backfills (void)
{
  g_autofree char *dir = ciro_test_tmpdir ("customers-migrate");
  guint n_migrations;
  const char *const *migrations = ciro_schema_migrations (&n_migrations);

  /* v8 is this migration; later ones come after it */
  g_assert_cmpuint (n_migrations, >=, 8);
  for (guint version = 1; version < 8; version++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("%s/v%u.db", dir, version);
      g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %u", version);
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      for (guint v = 0; v < version; v++)
        g_assert_cmpint (sqlite3_exec (db, migrations[v], NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, set, NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db,
        "INSERT INTO marketplaces (id, name, commission, shipping_cost) VALUES (1, 'Trendyol', 0, 0);"
        "INSERT INTO orders (id, day, seconds, marketplace_id, status, shipping_total, customer_id)"
        " VALUES (1, 20000, 0, 1, 5, 500, 9), (2, 20001, 0, 1, 5, 0, 9);"
        "INSERT INTO order_lines (order_id, pos, amount, product_key) VALUES (1, 0, 1000, 0), (1, 1, 250, 0);",
        NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
      {
        g_autoptr(CiroStore) store = ciro_store_open (path, &error);
        sqlite3_stmt *stmt = NULL;
        g_assert_no_error (error);
        g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store),
                         "SELECT group_concat (lines_amount) || '|' || count (customer_key) || '|'"
                         " || (SELECT user_version FROM pragma_user_version)"
                         " FROM (SELECT lines_amount, customer_key FROM orders ORDER BY id)",
                         -1, &stmt, NULL), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==,
                         "1250,0|0|" G_STRINGIFY (CIRO_STORE_SCHEMA_VERSION));
        sqlite3_finalize (stmt);
      }
      ciro_test_remove_store (path);
    }
}

static gint64
sql_int (CiroStore *store, const char *sql, gint64 a, gint64 b, gint64 c)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;
  g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  sqlite3_bind_int64 (stmt, 3, c);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

/* The v13 migration adds orders_net to a store written by any older
 * version (made by applying that many migrations by hand): the customers'
 * scan of the orders reads it as a covering index, its entries are the net
 * orders (the cancelled one left out), and the figures read through it are
 * those of the orders; an order written afterwards is in it too. */
static void
test_migration_net_index (void)
{
  g_autofree char *dir = ciro_test_tmpdir ("customers-migrate-net");
  guint n_migrations;
  const char *const *migrations = ciro_schema_migrations (&n_migrations);

  /* v13 is this migration; later ones leave orders_net alone */
  g_assert_cmpuint (n_migrations, ==, CIRO_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (n_migrations, >=, 13);
  for (guint version = 1; version < 13; version++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("%s/v%u.db", dir, version);
      g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %u", version);
      CiroReportFilter f = { 19900, 20100, NULL };
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      for (guint v = 0; v < version; v++)
        g_assert_cmpint (sqlite3_exec (db, migrations[v], NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, set, NULL, NULL, NULL), ==, SQLITE_OK);
      /* customer 9: two net orders and a cancelled one; customer 4: one */
      g_assert_cmpint (sqlite3_exec (db,
        "INSERT INTO marketplaces (id, name, commission, shipping_cost) VALUES (1, 'Trendyol', 0, 700);"
        "INSERT INTO orders (id, day, seconds, marketplace_id, status, shipping_total, customer_id, city)"
        " VALUES (1, 20000, 0, 1, 5, 500, 9, 'Ankara'), (2, 20010, 0, 1, 5, 0, 9, 'İzmir'),"
        " (3, 20020, 0, 1, 6, 0, 9, 'Bursa'), (4, 20005, 0, 1, 3, 100, 4, NULL);"
        "INSERT INTO order_lines (order_id, pos, amount, product_key) VALUES (1, 0, 1000, 0), (1, 1, 250, 0),"
        " (2, 0, 4000, 0), (3, 0, 9000, 0), (4, 0, 300, 0);",
        NULL, NULL, NULL), ==, SQLITE_OK);
      /* from v8 on, the writer keeps lines_amount; before, v8 fills it */
      if (version >= 8)
        g_assert_cmpint (sqlite3_exec (db, "UPDATE orders SET lines_amount = (SELECT sum (l.amount) FROM order_lines l"
                                           " WHERE l.order_id = orders.id)", NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
      {
        g_autoptr(CiroStore) store = ciro_store_open (path, &error);
        g_autoptr(CiroCustomerReport) r = NULL;
        sqlite3 *sdb;
        sqlite3_stmt *stmt = NULL;
        g_autoptr(GString) plan = g_string_new (NULL);
        const CiroCustomer *c;

        g_assert_no_error (error);
        sdb = ciro_store_get_db (store);
        g_assert_cmpint (sql_int (store, "SELECT user_version FROM pragma_user_version", 0, 0, 0), ==,
                         CIRO_STORE_SCHEMA_VERSION);
        g_assert_cmpint (sql_int (store, "SELECT count (*) FROM sqlite_master WHERE type = 'index'"
                                         " AND name = 'orders_net'", 0, 0, 0), ==, 1);
        g_assert_cmpint (sqlite3_prepare_v2 (sdb, "EXPLAIN QUERY PLAN " CIRO_CUSTOMERS_ORDERS_SQL, -1, &stmt, NULL),
                         ==, SQLITE_OK);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
        sqlite3_finalize (stmt);
        g_assert_nonnull (strstr (plan->str, "USING COVERING INDEX orders_net"));
        g_assert_null (strstr (plan->str, "TEMP B-TREE"));
        /* the index's entries: the net orders, by id */
        g_assert_cmpint (sql_int (store, "SELECT count (*) FROM orders INDEXED BY orders_net WHERE status <> 6",
                                  0, 0, 0), ==, 3);
        g_assert_cmpint (sql_int (store, "SELECT sum (lines_amount + shipping_total) FROM orders"
                                         " INDEXED BY orders_net WHERE status <> 6", 0, 0, 0), ==, 1250 + 500 + 4000 + 400);

        r = ciro_report_customers (store, &f, CIRO_CUSTOMERS_RFM, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (r->customers->len, ==, 2);
        /* in order of their first order's id */
        c = &g_array_index (r->customers, CiroCustomer, 0);
        g_assert_cmpstr (c->key, ==, "id:9");
        g_assert_cmpint (c->orders, ==, 2);
        g_assert_cmpint (c->spend, ==, 1750 + 4000);
        g_assert_cmpint (c->clv_historical, ==, 1750 + 4000 - 2 * 700);
        g_assert_cmpint (c->last_day, ==, 20010);
        g_assert_cmpstr (c->city, ==, "İzmir");
        c = &g_array_index (r->customers, CiroCustomer, 1);
        g_assert_cmpstr (c->key, ==, "id:4");
        g_assert_cmpint (c->spend, ==, 400);
        g_assert_null (c->city);

        /* written after the migration: in the index at once */
        g_assert_cmpint (sqlite3_exec (sdb, "UPDATE orders SET status = 5 WHERE id = 3;"
                                            "UPDATE orders SET status = 6 WHERE id = 4", NULL, NULL, NULL), ==, SQLITE_OK);
        g_clear_pointer (&r, ciro_customer_report_free);
        r = ciro_report_customers (store, &f, CIRO_CUSTOMERS_RFM, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (r->customers->len, ==, 1);
        c = &g_array_index (r->customers, CiroCustomer, 0);
        g_assert_cmpint (c->orders, ==, 3);
        g_assert_cmpint (c->last_day, ==, 20020);
        g_assert_cmpstr (c->city, ==, "Bursa");
        g_assert_cmpint (sql_int (store, "SELECT count (*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'",
                                  0, 0, 0), ==, 0);
      }
      ciro_test_remove_store (path);
    }
}


/* A demo store: every customer's figures against SQL over the order lines. */
static void
test_demo_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = ciro_test_tmpdir ("customers-demo");
  g_autofree char *path = g_build_filename (dir, "ciro.db", NULL);
  CiroDay end = ciro_day_from_ymd (2026, 11, 30);
  g_autoptr(CiroStore) store = ciro_test_reference_store (path, 20000, 200, 3, end, 730);
  g_autoptr(CiroCustomerReport) r = NULL;
  g_autoptr(GArray) cohorts = NULL;
  CiroReportFilter f = { end - 364, end, NULL };
  gint64 total_window = 0;

  r = ciro_report_customers (store, &f, CIRO_CUSTOMERS_HOLDOUT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->customers->len, >, 100);
  for (guint i = 0; i < r->customers->len; i += 7)
    {
      const CiroCustomer *c = customer (r, i);
      gint64 id = g_ascii_strtoll (c->key + 3, NULL, 10);
      const char *rev = "SELECT coalesce (sum (x), 0) FROM (SELECT (SELECT coalesce (sum (amount), 0) FROM order_lines l"
                        " WHERE l.order_id = o.id) + o.shipping_total x FROM orders o"
                        " WHERE o.customer_id = ?1 AND o.status <> 6 AND o.day BETWEEN ?2 AND ?3)";
      g_assert_true (g_str_has_prefix (c->key, "id:"));
      g_assert_cmpint (c->monetary, ==, sql_int (store, rev, id, f.from, f.to));
      g_assert_cmpint (c->spend, ==, sql_int (store, rev, id, 0, f.to));
      g_assert_cmpint (c->frequency, ==,
                       sql_int (store, "SELECT count (*) FROM orders WHERE customer_id = ?1 AND status <> 6"
                                       " AND day BETWEEN ?2 AND ?3", id, f.from, f.to));
      g_assert_cmpint (c->clv_historical, ==,
                       sql_int (store, "SELECT coalesce (sum ((SELECT coalesce (sum (amount - cost - commission), 0)"
                                       " FROM order_lines l WHERE l.order_id = o.id) + o.shipping_total"
                                       " - coalesce (o.actual_cargo, m.shipping_cost)), 0)"
                                       " FROM orders o JOIN marketplaces m ON m.id = o.marketplace_id"
                                       " WHERE o.customer_id = ?1 AND o.status <> 6 AND o.day BETWEEN ?2 AND ?3",
                                id, 0, f.to));
    }
  for (guint i = 0; i < r->customers->len; i++)
    total_window += customer (r, i)->in_window;
  g_assert_cmpint (total_window, ==, r->n_window);
  g_assert_cmpint (r->n_window, ==,
                   sql_int (store, "SELECT count (DISTINCT customer_id) FROM orders WHERE status <> 6"
                                   " AND day BETWEEN ?1 AND ?2 AND ?3 = 0", f.from, f.to, 0));
  g_assert_true (r->model_fitted);
  g_test_message ("demo store: %" G_GINT64_FORMAT " customers in the window; BG/NBD r %.3f alpha %.3f a %.3f b %.3f;"
                  " Gamma-Gamma p %.3f q %.3f gamma %.3f",
                  r->n_window, r->bgnbd.r, r->bgnbd.alpha, r->bgnbd.a, r->bgnbd.b, r->gg.p, r->gg.q, r->gg.gamma);
  if (r->holdout.available)
    g_test_message ("holdout after %d: actual %.2f TRY, model %.2f TRY (WAPE %.1f %%), last year's spend %.2f TRY"
                    " (WAPE %.1f %%)",
                    r->holdout.calibration_end, r->holdout.actual / 100.0, r->holdout.model_total / 100.0,
                    r->holdout.model_wape_pct, r->holdout.baseline_total / 100.0, r->holdout.baseline_wape_pct);
  g_assert_true (r->holdout.available);
  /* the holdout's actual spend: net revenue after the calibration end of
   * the customers who had bought by then */
  g_assert_cmpint (r->holdout.actual, ==,
                   sql_int (store, "SELECT sum (o.lines_amount + o.shipping_total) FROM orders o"
                                   " WHERE o.status <> 6 AND o.day > ?1 AND o.day <= ?2 AND o.customer_id IN"
                                   " (SELECT customer_id FROM orders WHERE status <> 6 AND day <= ?1)",
                            r->holdout.calibration_end, f.to, 0));

  cohorts = ciro_report_cohorts (store, &f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cohorts->len, ==, 12);
  /* every cohort's month 0 is 100 % active: its customers' first order */
  for (guint i = 0; i < cohorts->len; i++)
    {
      const CiroCohort *co = &g_array_index (cohorts, CiroCohort, i);
      if (co->customers > 0)
        g_assert_cmpfloat_with_epsilon (co->active_pct[0], 100, 1e-9);
    }
  ciro_test_remove_store (path);
}

/* A customer's name, e-mail and phone as the customers table has them
 * (one SELECT each, by id): equal to c's, or c's all NULL. */
static void
assert_contact (CiroStore *store, const CiroCustomer *c, gboolean read)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_true (g_str_has_prefix (c->key, "id:"));
  if (!read)
    {
      g_assert_null (c->name);
      g_assert_null (c->email);
      g_assert_null (c->phone);
      return;
    }
  g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store), "SELECT name, email, phone FROM customers WHERE id = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (c->key + 3, NULL, 10));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr (c->name, ==, (const char *) sqlite3_column_text (stmt, 0));
  g_assert_cmpstr (c->email, ==, (const char *) sqlite3_column_text (stmt, 1));
  g_assert_cmpstr (c->phone, ==, (const char *) sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
}

/* The contacts read for the customers shown only: a report without
 * CIRO_CUSTOMERS_CONTACTS has none for the customers with a Sentos id;
 * ciro_customers_read_contacts () fills those asked for (a few: one by
 * one; many: one walk over the table) with the customers table's texts
 * and leaves the others alone; with the flag every customer has them, as
 * the texts read afterwards. */
static void
test_contacts_shown (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = ciro_test_tmpdir ("customers-contacts");
  g_autofree char *path = g_build_filename (dir, "ciro.db", NULL);
  CiroDay end = ciro_day_from_ymd (2026, 11, 30);
  g_autoptr(CiroStore) store = ciro_test_reference_store (path, 20000, 200, 5, end, 730);
  g_autoptr(CiroCustomerReport) r = NULL, all = NULL;
  g_autoptr(GArray) which = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gboolean *asked = NULL;
  CiroReportFilter f = { end - 364, end, NULL };
  guint n, with_name = 0;

  r = ciro_report_customers (store, &f, CIRO_CUSTOMERS_RFM, &error);
  g_assert_no_error (error);
  n = r->customers->len;
  /* enough customers for both ways of reading */
  g_assert_cmpuint (n, >, 3 * 2048 / 2 + 100);
  asked = g_new0 (gboolean, n);
  for (guint i = 0; i < n; i++)
    assert_contact (store, customer (r, i), FALSE);

  /* a few, one of them twice, out of order */
  for (guint k = 0; k < 40; k++)
    {
      guint i = n - 1 - k * (n / 40);
      g_array_append_val (which, i);
      asked[i] = TRUE;
    }
  g_array_append_val (which, g_array_index (which, guint, 3));
  g_assert_true (ciro_customers_read_contacts (store, r, (const guint *) (gpointer) which->data, which->len, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    assert_contact (store, customer (r, i), asked[i]);

  /* many: two in three; those read already stay as they were */
  g_array_set_size (which, 0);
  for (guint i = 0; i < n; i++)
    if (i % 3 != 1)
      {
        g_array_append_val (which, i);
        asked[i] = TRUE;
      }
  g_assert_cmpuint (which->len, >, 2048);
  g_assert_true (ciro_customers_read_contacts (store, r, (const guint *) (gpointer) which->data, which->len, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    assert_contact (store, customer (r, i), asked[i]);

  /* everyone, as the flag reads them */
  g_assert_true (ciro_customers_read_contacts (store, r, NULL, 0, &error));
  g_assert_no_error (error);
  all = ciro_report_customers (store, &f, CIRO_CUSTOMERS_RFM | CIRO_CUSTOMERS_CONTACTS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->customers->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      assert_contact (store, customer (r, i), TRUE);
      g_assert_cmpstr (customer (r, i)->key, ==, customer (all, i)->key);
      g_assert_cmpstr (customer (r, i)->name, ==, customer (all, i)->name);
      g_assert_cmpstr (customer (r, i)->email, ==, customer (all, i)->email);
      g_assert_cmpstr (customer (r, i)->phone, ==, customer (all, i)->phone);
      with_name += customer (r, i)->name != NULL;
    }
  /* the texts are there to compare */
  g_assert_cmpuint (with_name, >, n / 2);
  ciro_test_remove_store (path);
}

/* ---- after VAT settlement (profit.md) ---- */

static void
vat_put_product (CiroStore *store, gint64 id, const char *sku, CiroKurus purchase, CiroBasisPoints vat, CiroDay day)
{
  g_autoptr(GError) error = NULL;
  CiroProductRecord *p = ciro_product_record_new ();

  p->id = id;
  p->sku = g_strdup (sku);
  p->name = g_strdup (sku);
  p->purchase_price = purchase;
  p->vat_rate = vat;
  g_assert_true (ciro_store_put_product (store, p, day, &error));
  g_assert_no_error (error);
  ciro_product_record_free (p);
}

static void
vat_add_line (CiroOrderRecord *o, const char *sku, gint64 qty, CiroKurus amount, CiroBasisPoints vat)
{
  CiroOrderLineRecord *l = ciro_order_line_record_new ();

  l->sku = g_strdup (sku);
  l->quantity = qty;
  l->amount = amount;
  l->price = amount / qty;
  l->vat_rate = vat;
  l->status = g_strdup ("accepted");
  g_ptr_array_add (o->lines, l);
}

static CiroOrderRecord *
vat_order (gint64 id, CiroDay day, const char *source, gint32 status, gint64 customer, const char *email,
           CiroKurus shipping)
{
  CiroOrderRecord *o = ciro_order_record_new ();

  o->id = id;
  o->day = day;
  o->seconds = 12 * 3600;
  o->source = g_strdup (source);
  o->status = status;
  o->customer_id = customer;
  o->customer_email = g_strdup (email);
  o->shipping_total = shipping;
  return o;
}

static void
vat_put (CiroStore *store, CiroOrderRecord *o)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ciro_store_put_order (store, o, &error));
  g_assert_no_error (error);
  ciro_order_record_free (o);
}

/* Every customer's lifetime value after VAT settlement, by hand. Both
 * marketplaces: commission 10 %, shipping ₺10 an order (1000); Trendyol
 * alone has a service fee of ₺5 an order (500) from 1 Jan; the shipping
 * charged to the buyer carries 20 % KDV. GOM-1 costs 10000 + 10 % KDV =
 * 11000, KUPA-2 5000 + 20 % = 6000; output KDV = amount × r / (100 + r),
 * per line, half away from zero.
 *
 * id:77, Trendyol
 *   1: GOM-1 22000 @10 %: KDV 2000, cost 11000 / 10000, commission 2200
 *      before: 22000 − 11000 − 2200 − 1000 = 7800
 *      after:  22000 − 2000 − 10000 − 2200 − 1000 − 500 = 6300
 *   2: 2 × KUPA-2 15000 @20 % + GOM-1 19999 @10 %, shipping 1990:
 *      KDV 2500 + 1818 (1818.09) + 332 (331.67) = 4650, cost 23000 / 20000,
 *      commission 1500 + 2000 (1999.9) = 3500
 *      before: 36989 − 23000 − 3500 − 1000 = 9489
 *      after:  36989 − 4650 − 20000 − 3500 − 1000 − 500 = 7339
 *   3: cancelled: nothing
 *   → 17289 before, 13639 after
 * mail:b@example.com
 *   4: Trendyol, 2 × GOM-1 40000 @10 %: KDV 3636 (3636.36), cost 22000 /
 *      20000, commission 4000
 *      before: 40000 − 22000 − 4000 − 1000 = 13000
 *      after:  40000 − 3636 − 20000 − 4000 − 1000 − 500 = 10864
 *   5: Hepsiburada (no service fee), an unknown SKU 5000 @20 %: KDV 833
 *      (833.33), no cost, commission 500
 *      before: 5000 − 500 − 1000 = 3500
 *      after:  5000 − 833 − 500 − 1000 = 2667
 *   → 16500 before, 13531 after
 * nobody, 6: Trendyol, GOM-1 11000 @10 %: KDV 1000, commission 1100
 *      before: 11000 − 11000 − 1100 − 1000 = −2100
 *      after:  11000 − 1000 − 10000 − 1100 − 1000 − 500 = −2600
 * The summary of every day then holds profit 31689 and profit after VAT
 * 24570: the customers' and the anonymous order's, added up. */
static void
test_after_vat (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = ciro_test_tmpdir ("customers-vat");
  g_autofree char *path = g_build_filename (dir, "ciro.db", NULL);
  g_autoptr(CiroStore) store = ciro_store_open (path, &error);
  g_autoptr(CiroCustomerReport) r = NULL;
  CiroReportFilter f = { 0 };
  CiroSummary s;
  const CiroCustomer *c;
  CiroOrderRecord *o;

  g_assert_no_error (error);
  TO = ciro_day_from_ymd (2026, 12, 1);
  g_assert_true (ciro_store_set_setting (store, "commission.Trendyol", "10", &error));
  g_assert_true (ciro_store_set_setting (store, "shipping.Trendyol", "10", &error));
  g_assert_true (ciro_store_set_setting (store, "commission.Hepsiburada", "10", &error));
  g_assert_true (ciro_store_set_setting (store, "shipping.Hepsiburada", "10", &error));
  g_assert_true (ciro_store_begin (store, &error));
  vat_put_product (store, 1, "GOM-1", 10000, 1000, TO - 300);
  vat_put_product (store, 2, "KUPA-2", 5000, 2000, TO - 300);
  o = vat_order (1, TO - 40, "TRENDYOL", 5, 77, NULL, 0);
  vat_add_line (o, "GOM-1", 1, 22000, 1000);
  vat_put (store, o);
  o = vat_order (2, TO - 10, "TRENDYOL", 5, 77, NULL, 1990);
  vat_add_line (o, "KUPA-2", 2, 15000, 2000);
  vat_add_line (o, "GOM-1", 1, 19999, 1000);
  vat_put (store, o);
  o = vat_order (3, TO - 9, "TRENDYOL", 6, 77, NULL, 0);
  vat_add_line (o, "KUPA-2", 1, 12000, 2000);
  vat_put (store, o);
  o = vat_order (4, TO - 30, "TRENDYOL", 5, 0, "b@example.com", 0);
  vat_add_line (o, "GOM-1", 2, 40000, 1000);
  vat_put (store, o);
  o = vat_order (5, TO - 3, "HEPSIBURADA", 5, 0, "b@example.com", 0);
  vat_add_line (o, "YOK-9", 1, 5000, 2000);
  vat_put (store, o);
  o = vat_order (6, TO - 2, "TRENDYOL", 5, 0, NULL, 0);
  vat_add_line (o, "GOM-1", 1, 11000, 1000);
  vat_put (store, o);
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_true (ciro_store_set_rate (store, CIRO_RATE_SERVICE_FEE, "Trendyol", NULL,
                                      ciro_day_from_ymd (2026, 1, 1), 500, &error));
  g_assert_no_error (error);

  f.from = TO - 364;
  f.to = TO;
  r = ciro_report_customers (store, &f, CIRO_CUSTOMERS_VALUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->customers->len, ==, 2);
  c = find_key (r, "id:77");
  g_assert_nonnull (c);
  g_assert_cmpint (c->clv_historical, ==, 7800 + 9489);
  g_assert_cmpint (c->clv_historical_ex_vat, ==, 6300 + 7339);
  c = find_key (r, "mail:b@example.com");
  g_assert_nonnull (c);
  g_assert_cmpint (c->clv_historical, ==, 13000 + 3500);
  g_assert_cmpint (c->clv_historical_ex_vat, ==, 10864 + 2667);

  /* the same definition as the summary's */
  g_assert_true (ciro_report_summary (store, &f, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.profit, ==, 31689);
  g_assert_cmpint (s.profit_ex_vat, ==, 24570);
  g_assert_cmpint (s.profit_ex_vat, ==, 13639 + 13531 - 2600);

  /* one marketplace: the e-mail customer's Hepsiburada order alone */
  {
    g_autoptr(CiroCustomerReport) hb = NULL;
    f.marketplace = (char *) "Hepsiburada";
    hb = ciro_report_customers (store, &f, CIRO_CUSTOMERS_VALUE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hb->customers->len, ==, 1);
    g_assert_cmpint (customer (hb, 0)->clv_historical, ==, 3500);
    g_assert_cmpint (customer (hb, 0)->clv_historical_ex_vat, ==, 2667);
    f.marketplace = NULL;
  }
  ciro_test_remove_store (path);
}

/* The predicted value after VAT: the expected spend at the customer's own
 * rate of profit after VAT per lira spent, next to the one before it. */
static void
test_after_vat_model (void)
{
  CiroDay to = ciro_day_from_ymd (2026, 6, 30);
  g_autoptr(CiroCustomerReport) r = ciro_customer_report_new ();
  g_autoptr(GArray) orders = g_array_new (FALSE, FALSE, sizeof (CiroCustomerOrder));
  g_autoptr(GRand) rng = g_rand_new_with_seed (5);
  guint checked = 0;

  for (guint id = 1; id <= 600; id++)
    {
      g_autofree char *key = g_strdup_printf ("id:%u", id);
      CiroDay day = to - 700 + (CiroDay) g_rand_int_range (rng, 0, 600);
      guint k = (guint) g_rand_int_range (rng, 1, 6);

      add_customer (r, key);
      for (guint j = 0; j < k && day <= to; j++)
        {
          CiroKurus revenue = 10000 + 100 * (CiroKurus) g_rand_int_range (rng, 0, 200);
          CiroCustomerOrder o = { id - 1, day, revenue, revenue * 3 / 10, NULL, revenue * 3 / 10 - 1500 - (CiroKurus) (id % 7) * 100 };
          g_array_append_val (orders, o);
          day += g_rand_int_range (rng, 10, 120);
        }
    }
  ciro_customers_analyse (r, (CiroCustomerOrder *) orders->data, orders->len, to - 364, to, CIRO_CUSTOMERS_MODEL);
  g_assert_true (r->model_fitted);
  for (guint i = 0; i < r->customers->len; i++)
    {
      const CiroCustomer *c = customer (r, i);
      CiroKurus hist = 0, hist_ex = 0, spend = 0;

      for (guint j = 0; j < orders->len; j++)
        {
          const CiroCustomerOrder *o = &g_array_index (orders, CiroCustomerOrder, j);
          if (o->customer == i)
            {
              spend += o->revenue;
              hist += o->profit;
              hist_ex += o->profit_ex_vat;
            }
        }
      g_assert_cmpint (c->spend, ==, spend);
      g_assert_cmpint (c->clv_historical, ==, hist);
      g_assert_cmpint (c->clv_historical_ex_vat, ==, hist_ex);
      g_assert_cmpint (hist_ex, <, hist);
      if (c->expected_spend_12m <= 0)
        continue;
      /* the spend is rounded to kuruş before it reaches us: within one */
      g_assert_cmpfloat (fabs ((double) c->clv_12m_ex_vat - (double) c->expected_spend_12m * hist_ex / spend), <=, 1.0);
      g_assert_cmpfloat (fabs ((double) c->clv_12m - (double) c->expected_spend_12m * hist / spend), <=, 1.0);
      g_assert_cmpint (c->clv_12m_ex_vat, <, c->clv_12m);
      checked++;
    }
  g_assert_cmpuint (checked, >, 500);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/customers/keys", test_keys);
  g_test_add_func ("/customers/masking", test_masking);
  g_test_add_func ("/customers/rfm-grid", test_rfm_grid);
  g_test_add_func ("/customers/quintile-ties", test_quintile_ties);
  g_test_add_func ("/customers/churn", test_churn);
  g_test_add_func ("/customers/cohorts", test_cohorts);
  g_test_add_func ("/customers/bgnbd-recovers", test_bgnbd_recovers);
  g_test_add_func ("/customers/model-sample", test_model_sample);
  g_test_add_func ("/customers/gamma-gamma-recovers", test_gg_recovers);
  g_test_add_func ("/customers/store-keys", test_store_keys);
  g_test_add_func ("/customers/migration-backfills", test_migration_backfills);
  g_test_add_func ("/customers/migration-net-index", test_migration_net_index);
  g_test_add_func ("/customers/demo-store", test_demo_store);
  g_test_add_func ("/customers/contacts-shown", test_contacts_shown);
  g_test_add_func ("/customers/after-vat", test_after_vat);
  g_test_add_func ("/customers/after-vat-model", test_after_vat_model);
  return g_test_run ();
}
