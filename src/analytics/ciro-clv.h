/* ciro-clv.h: the models behind the predicted lifetime value of
 * insights.md §4: BG/NBD (Fader, Hardie & Lee 2005) for how many more
 * orders a customer places, Gamma-Gamma (Fader, Hardie & Lee 2005) for what
 * an order of theirs is worth, both fitted by maximum likelihood.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One customer for BG/NBD: x repeat purchases, the last at t_x, observed
 * for T since the first (any time unit; Ciro uses weeks). */
typedef struct {
  double x;
  double t_x;
  double T;
  double weight;     /* how many customers share these values */
} CiroBgnbdObs;

typedef struct {
  double r, alpha, a, b;
} CiroBgnbdParams;

/* One customer for Gamma-Gamma: x orders of mean value m (> 0). */
typedef struct {
  double x;
  double m;
  double weight;
} CiroGgObs;

typedef struct {
  double p, q, gamma;
} CiroGgParams;

double   ciro_bgnbd_log_likelihood (const CiroBgnbdParams *params,
                                    const CiroBgnbdObs    *obs);
/* FALSE when there is too little to fit (fewer than 2 observations or no
 * repeat purchase at all). */
gboolean ciro_bgnbd_fit            (const CiroBgnbdObs *obs,
                                    guint               n,
                                    CiroBgnbdParams    *out);
/* E[orders in (T, T + t]] for a customer with (x, t_x, T). */
double   ciro_bgnbd_expected       (const CiroBgnbdParams *params,
                                    double                 t,
                                    double                 x,
                                    double                 t_x,
                                    double                 T);

double   ciro_gg_log_likelihood    (const CiroGgParams *params,
                                    const CiroGgObs    *obs);
gboolean ciro_gg_fit               (const CiroGgObs *obs,
                                    guint            n,
                                    CiroGgParams    *out);
/* E[value of an order] for a customer with x orders of mean value m. */
double   ciro_gg_expected          (const CiroGgParams *params,
                                    double              x,
                                    double              m);

/* Gauss' hypergeometric 2F1(a, b; c; z) for 0 ≤ z < 1, by its series. */
double   ciro_hyp2f1               (double a,
                                    double b,
                                    double c,
                                    double z);

G_END_DECLS
