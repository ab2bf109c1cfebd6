/* ciro-clv.c: BG/NBD and Gamma-Gamma, fitted by Nelder-Mead on the
 * logarithms of their parameters
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ciro-clv.h"

#define MAX_DIM 4

typedef double (*Objective) (const double *v, gpointer data);

/* Nelder-Mead (standard coefficients) from x0 with steps of `step`;
 * the minimum found is left in x0. */
static void
nelder_mead (Objective f, gpointer data, double *x0, guint dim, double step, guint max_iter)
{
  double s[MAX_DIM + 1][MAX_DIM];
  double fs[MAX_DIM + 1];
  double centroid[MAX_DIM], xr[MAX_DIM], xe[MAX_DIM], xc[MAX_DIM];

  for (guint i = 0; i <= dim; i++)
    {
      memcpy (s[i], x0, dim * sizeof (double));
      if (i > 0)
        s[i][i - 1] += step;
      fs[i] = f (s[i], data);
    }
  for (guint iter = 0; iter < max_iter; iter++)
    {
      guint best = 0, worst = 0, second = 0;
      double fr;

      for (guint i = 1; i <= dim; i++)
        {
          if (fs[i] < fs[best])
            best = i;
          if (fs[i] > fs[worst])
            worst = i;
        }
      second = best;
      for (guint i = 0; i <= dim; i++)
        if (i != worst && fs[i] > fs[second])
          second = i;
      if (fabs (fs[worst] - fs[best]) <= 1e-10 * (fabs (fs[best]) + 1e-10))
        {
          double spread = 0;
          for (guint i = 0; i <= dim; i++)
            for (guint j = 0; j < dim; j++)
              spread = MAX (spread, fabs (s[i][j] - s[best][j]));
          if (spread < 1e-7)
            break;
        }

      memset (centroid, 0, sizeof centroid);
      for (guint i = 0; i <= dim; i++)
        if (i != worst)
          for (guint j = 0; j < dim; j++)
            centroid[j] += s[i][j] / dim;
      for (guint j = 0; j < dim; j++)
        xr[j] = centroid[j] + (centroid[j] - s[worst][j]);
      fr = f (xr, data);
      if (fr < fs[best])
        {
          double fe;
          for (guint j = 0; j < dim; j++)
            xe[j] = centroid[j] + 2 * (centroid[j] - s[worst][j]);
          fe = f (xe, data);
          if (fe < fr)
            {
              memcpy (s[worst], xe, dim * sizeof (double));
              fs[worst] = fe;
            }
          else
            {
              memcpy (s[worst], xr, dim * sizeof (double));
              fs[worst] = fr;
            }
          continue;
        }
      if (fr < fs[second])
        {
          memcpy (s[worst], xr, dim * sizeof (double));
          fs[worst] = fr;
          continue;
        }
      {
        double fc;
        gboolean outside = fr < fs[worst];
        for (guint j = 0; j < dim; j++)
          xc[j] = outside ? centroid[j] + 0.5 * (xr[j] - centroid[j])
                          : centroid[j] + 0.5 * (s[worst][j] - centroid[j]);
        fc = f (xc, data);
        if (fc < (outside ? fr : fs[worst]))
          {
            memcpy (s[worst], xc, dim * sizeof (double));
            fs[worst] = fc;
            continue;
          }
      }
      /* shrink towards the best */
      for (guint i = 0; i <= dim; i++)
        if (i != best)
          {
            for (guint j = 0; j < dim; j++)
              s[i][j] = s[best][j] + 0.5 * (s[i][j] - s[best][j]);
            fs[i] = f (s[i], data);
          }
    }
  {
    guint best = 0;
    for (guint i = 1; i <= dim; i++)
      if (fs[i] < fs[best])
        best = i;
    memcpy (x0, s[best], dim * sizeof (double));
  }
}

static double
log_add_exp (double a, double b)
{
  if (a == -INFINITY)
    return b;
  if (b == -INFINITY)
    return a;
  return MAX (a, b) + log1p (exp (-fabs (a - b)));
}

double
ciro_bgnbd_log_likelihood (const CiroBgnbdParams *p, const CiroBgnbdObs *o)
{
  double a1 = lgamma (p->r + o->x) - lgamma (p->r) + p->r * log (p->alpha);
  double a2 = lgamma (p->a + p->b) + lgamma (p->b + o->x) - lgamma (p->b) - lgamma (p->a + p->b + o->x);
  double a3 = -(p->r + o->x) * log (p->alpha + o->T);
  double a4 = o->x > 0 ? log (p->a) - log (p->b + o->x - 1) - (p->r + o->x) * log (p->alpha + o->t_x) : -INFINITY;
  return a1 + a2 + log_add_exp (a3, a4);
}

typedef struct {
  const CiroBgnbdObs *obs;
  guint n;
} BgnbdData;

static double
bgnbd_objective (const double *v, gpointer data)
{
  BgnbdData *d = data;
  CiroBgnbdParams p = { exp (v[0]), exp (v[1]), exp (v[2]), exp (v[3]) };
  double ll = 0;
  for (guint i = 0; i < d->n; i++)
    ll += d->obs[i].weight * ciro_bgnbd_log_likelihood (&p, &d->obs[i]);
  /* keep far from the edges where lgamma loses precision */
  for (guint j = 0; j < 4; j++)
    if (v[j] < -12 || v[j] > 12)
      return INFINITY;
  return isfinite (ll) ? -ll : INFINITY;
}

gboolean
ciro_bgnbd_fit (const CiroBgnbdObs *obs, guint n, CiroBgnbdParams *out)
{
  BgnbdData d = { obs, n };
  double v[4];
  double mean_T = 0, total = 0;
  gboolean any_repeat = FALSE;

  for (guint i = 0; i < n; i++)
    {
      mean_T += obs[i].weight * obs[i].T;
      total += obs[i].weight;
      any_repeat |= obs[i].x > 0;
    }
  if (n < 2 || !any_repeat || total <= 0)
    return FALSE;
  mean_T /= total;
  v[0] = 0;
  v[1] = log (MAX (1.0, mean_T));
  v[2] = 0;
  v[3] = 0;
  /* twice: a restart from the first minimum escapes a collapsed simplex */
  nelder_mead (bgnbd_objective, &d, v, 4, 0.5, 2000);
  nelder_mead (bgnbd_objective, &d, v, 4, 0.1, 2000);
  out->r = exp (v[0]);
  out->alpha = exp (v[1]);
  out->a = exp (v[2]);
  out->b = exp (v[3]);
  return isfinite (bgnbd_objective (v, &d));
}

double
ciro_hyp2f1 (double a, double b, double c, double z)
{
  double term = 1, sum = 1;
  for (guint j = 0; j < 100000; j++)
    {
      term *= (a + j) * (b + j) / ((c + j) * (j + 1)) * z;
      sum += term;
      if (fabs (term) < 1e-14 * fabs (sum))
        break;
    }
  return sum;
}

double
ciro_bgnbd_expected (const CiroBgnbdParams *p, double t, double x, double t_x, double T)
{
  double c = p->a + p->b + x - 1;
  double z = t / (p->alpha + T + t);
  double head, body, tail;

  if (c <= 0 || fabs (p->a - 1) < 1e-9)
    {
      /* a = 1 is a removable singularity; step beside it */
      CiroBgnbdParams q = *p;
      q.a = fabs (p->a - 1) < 1e-9 ? 1 + 1e-6 : p->a;
      if (q.a + q.b + x - 1 <= 0)
        return 0;
      return ciro_bgnbd_expected (&q, t, x, t_x, T);
    }
  head = c / (p->a - 1);
  body = 1 - pow ((p->alpha + T) / (p->alpha + T + t), p->r + x) * ciro_hyp2f1 (p->r + x, p->b + x, c, z);
  tail = 1;
  if (x > 0)
    tail += p->a / (p->b + x - 1) * pow ((p->alpha + T) / (p->alpha + t_x), p->r + x);
  return MAX (0.0, head * body / tail);
}

double
ciro_gg_log_likelihood (const CiroGgParams *p, const CiroGgObs *o)
{
  double px = p->p * o->x;
  return lgamma (px + p->q) - lgamma (px) - lgamma (p->q) + p->q * log (p->gamma)
         + (px - 1) * log (o->m) + px * log (o->x) - (px + p->q) * log (p->gamma + o->x * o->m);
}

typedef struct {
  const CiroGgObs *obs;
  guint n;
} GgData;

static double
gg_objective (const double *v, gpointer data)
{
  GgData *d = data;
  CiroGgParams p = { exp (v[0]), exp (v[1]), exp (v[2]) };
  double ll = 0;
  for (guint j = 0; j < 3; j++)
    if (v[j] < -12 || v[j] > 14)
      return INFINITY;
  for (guint i = 0; i < d->n; i++)
    ll += d->obs[i].weight * ciro_gg_log_likelihood (&p, &d->obs[i]);
  return isfinite (ll) ? -ll : INFINITY;
}

gboolean
ciro_gg_fit (const CiroGgObs *obs, guint n, CiroGgParams *out)
{
  GgData d = { obs, n };
  double v[3];
  double mean = 0, total = 0;

  for (guint i = 0; i < n; i++)
    {
      mean += obs[i].weight * obs[i].m;
      total += obs[i].weight;
    }
  if (n < 2 || total <= 0)
    return FALSE;
  mean /= total;
  v[0] = 0;
  v[1] = log (2.0);
  v[2] = log (MAX (1e-3, mean));
  nelder_mead (gg_objective, &d, v, 3, 0.5, 3000);
  nelder_mead (gg_objective, &d, v, 3, 0.1, 3000);
  out->p = exp (v[0]);
  out->q = exp (v[1]);
  out->gamma = exp (v[2]);
  return isfinite (gg_objective (v, &d)) && out->q > 1;
}

double
ciro_gg_expected (const CiroGgParams *p, double x, double m)
{
  if (p->p * x + p->q - 1 <= 0)
    return m;
  return p->p * (p->gamma + x * m) / (p->p * x + p->q - 1);
}
