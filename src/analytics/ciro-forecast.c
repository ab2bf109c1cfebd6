/* ciro-forecast.c: the 30-day forecast and its backtest (insights.md §2)
 *
 * See ciro-forecast.h for the model. Everything here is small dense
 * linear algebra on at most MAX_FIT_DAYS rows and N_COLS columns.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-analytics"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "ciro-forecast.h"
#include "store/ciro-store-sql.h"

G_DEFINE_QUARK (ciro-forecast-error-quark, ciro_forecast_error)

#define MAX_FIT_DAYS   1096      /* three years are enough for every term */
#define N_FOURIER      4         /* yearly sine/cosine pairs */
#define HINGE_DAYS     90        /* the trend may bend this many days before the end */
#define COL_LEVEL      0
#define COL_TREND      1
#define COL_HINGE      2         /* the trend's change over the last half year */
#define COL_WEEKDAY    3         /* Tuesday..Sunday against Monday: 6 columns */
#define COL_FOURIER    9         /* 2 × N_FOURIER */
#define COL_EVENT      (COL_FOURIER + 2 * N_FOURIER)
#define N_COLS         (COL_EVENT + CIRO_EVENT_N)
#define HUBER_K        1.345
#define IRLS_ROUNDS    6
#define LEVEL_DAYS     56        /* the recent level: the last 8 weeks' residuals */
#define LEVEL_CLIP     2.5       /* … each clipped at this many scales */
#define GAP_DAYS       14        /* a run of empty days this long: the shop was closed */
#define ERROR_DAYS     365       /* the in-sample errors the intervals come from */
#define DAYS_PER_YEAR  365.25

/* ---------------------------------------------------------- small helpers */

static int
double_compare (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y ? 1 : 0;
}

/* The p-quantile (0..1) of v[0..n), linear between order statistics;
 * sorts v. */
static double
quantile (double *v, guint n, double p)
{
  double pos, frac;
  guint i;

  if (n == 0)
    return NAN;
  qsort (v, n, sizeof (double), double_compare);
  pos = p * (double) (n - 1);
  i = (guint) floor (pos);
  frac = pos - (double) i;
  if (i + 1 >= n)
    return v[n - 1];
  return v[i] + frac * (v[i + 1] - v[i]);
}

/* Least squares min |A x − b| by Householder QR. A is rows × cols,
 * row-major, and is overwritten, as is b. FALSE when A is rank-deficient. */
static gboolean
lsq_solve (double *A, double *b, guint rows, guint cols, double *x)
{
  for (guint k = 0; k < cols; k++)
    {
      double norm = 0, alpha, vk, vnorm2;

      for (guint i = k; i < rows; i++)
        norm += A[i * cols + k] * A[i * cols + k];
      norm = sqrt (norm);
      if (norm < 1e-12)
        return FALSE;
      alpha = A[k * cols + k] > 0 ? -norm : norm;
      vk = A[k * cols + k] - alpha;
      vnorm2 = vk * vk;
      for (guint i = k + 1; i < rows; i++)
        vnorm2 += A[i * cols + k] * A[i * cols + k];
      A[k * cols + k] = alpha;
      if (vnorm2 == 0)
        continue;
      for (guint j = k + 1; j <= cols; j++)
        {
          /* column j of A, or b when j == cols */
          double s = vk * (j < cols ? A[k * cols + j] : b[k]);
          for (guint i = k + 1; i < rows; i++)
            s += A[i * cols + k] * (j < cols ? A[i * cols + j] : b[i]);
          s = 2 * s / vnorm2;
          if (j < cols)
            {
              A[k * cols + j] -= s * vk;
              for (guint i = k + 1; i < rows; i++)
                A[i * cols + j] -= s * A[i * cols + k];
            }
          else
            {
              b[k] -= s * vk;
              for (guint i = k + 1; i < rows; i++)
                b[i] -= s * A[i * cols + k];
            }
        }
    }
  for (guint k = cols; k-- > 0;)
    {
      double s = b[k];
      for (guint j = k + 1; j < cols; j++)
        s -= A[k * cols + j] * x[j];
      x[k] = s / A[k * cols + k];
    }
  return TRUE;
}

/* ---------------------------------------------------------- the model */

typedef struct {
  CiroDay  first;            /* day of row 0 */
  guint    n;
  gboolean yearly;
  double   t0;               /* the trend's centre, in days from `first` */
  double   knot;             /* where the hinge starts, in days from `first` */
  double   offset;           /* c in log(y + c) */
  double   beta[N_COLS];
  double   level;            /* mean clipped residual of the last LEVEL_DAYS */
  double   smear;            /* mean exp(residual): the mean of a log-normal */
  double   smear_level;      /* the same about the level */
  gboolean closed;           /* the last 28 days or more had no sale */
} Model;

static void
features (const Model *m, guint i, guint32 mask, int weekday, double *row)
{
  double t = ((double) i - m->t0) / DAYS_PER_YEAR;
  double yday = (double) (m->first + (CiroDay) i) / DAYS_PER_YEAR;

  memset (row, 0, sizeof (double) * N_COLS);
  row[COL_LEVEL] = 1;
  row[COL_TREND] = t;
  if ((double) i > m->knot)
    row[COL_HINGE] = ((double) i - m->knot) / DAYS_PER_YEAR;
  if (weekday > 0)
    row[COL_WEEKDAY + weekday - 1] = 1;
  if (m->yearly)
    for (int k = 0; k < N_FOURIER; k++)
      {
        row[COL_FOURIER + 2 * k] = sin (2 * G_PI * (k + 1) * yday);
        row[COL_FOURIER + 2 * k + 1] = cos (2 * G_PI * (k + 1) * yday);
      }
  for (int e = 0; e < CIRO_EVENT_N; e++)
    if (mask & (1u << e))
      row[COL_EVENT + e] = 1;
}

/* The ridge on each column: none on the level and the trend. */
static double
penalty (guint col)
{
  if (col < COL_HINGE)
    return 0;
  if (col == COL_HINGE)
    return 1;
  if (col < COL_FOURIER)
    return 0.1;
  if (col < COL_EVENT)
    return 1;
  return 0.25;
}

static double
predict_log (const Model *m, const double *row)
{
  double z = 0;
  for (guint j = 0; j < N_COLS; j++)
    z += m->beta[j] * row[j];
  return z;
}

/* Days left out of the fit: runs of ≥ GAP_DAYS zeros that ended before
 * the last 2 × GAP_DAYS days (a closed shop, not a forecastable lull). */
static guint8 *
gap_days (const double *y, guint n)
{
  guint8 *gap = g_new0 (guint8, MAX (n, 1));
  guint run = 0;

  for (guint i = 0; i <= n; i++)
    {
      if (i < n && y[i] == 0)
        {
          run++;
          continue;
        }
      if (run >= GAP_DAYS && i + 2 * GAP_DAYS <= n)
        memset (gap + i - run, 1, run);
      run = 0;
    }
  return gap;
}

/* Fits the model on y[0..n) (day first). */
static gboolean
model_fit (Model *m, CiroDay first, const double *y, guint n, CiroForecastFit *info, GError **error)
{
  g_autofree guint32 *masks = NULL;
  g_autofree guint8 *gap = NULL;
  g_autofree double *X = NULL, *z = NULL, *w = NULL, *A = NULL, *b = NULL, *r = NULL, *tmp = NULL;
  double sum = 0, scale = 0;
  guint used = 0, rows = n + N_COLS;

  memset (m, 0, sizeof *m);
  m->first = first;
  m->n = n;
  m->yearly = n >= CIRO_FORECAST_YEARLY_DAYS;
  m->t0 = (double) n / 2;
  m->knot = (double) n - HINGE_DAYS;

  masks = ciro_calendar_masks (first, n);
  gap = gap_days (y, n);
  X = g_new (double, (gsize) n * N_COLS);
  z = g_new (double, n);
  w = g_new (double, n);
  r = g_new (double, n);
  tmp = g_new (double, n);
  A = g_new (double, (gsize) rows * N_COLS);
  b = g_new (double, rows);

  for (guint i = 0; i < n; i++)
    if (!gap[i])
      {
        sum += MAX (y[i], 0);
        used++;
      }
  if (used < CIRO_FORECAST_MIN_DAYS / 2)
    {
      g_set_error (error, CIRO_FORECAST_ERROR, CIRO_FORECAST_ERROR_SHORT_HISTORY,
                   _("Not enough history for a forecast: %u days with orders"), used);
      return FALSE;
    }
  m->offset = MAX (100.0, 0.05 * sum / used);
  for (guint i = 0; i < n; i++)
    {
      features (m, i, masks[i], ciro_day_weekday (first + (CiroDay) i), X + (gsize) i * N_COLS);
      z[i] = log (MAX (y[i], 0) + m->offset);
      w[i] = gap[i] ? 0 : 1;
    }

  for (int round = 0; round < IRLS_ROUNDS; round++)
    {
      guint k = 0;

      for (guint i = 0; i < n; i++)
        {
          double sw = sqrt (w[i]);
          for (guint j = 0; j < N_COLS; j++)
            A[(gsize) i * N_COLS + j] = sw * X[(gsize) i * N_COLS + j];
          b[i] = sw * z[i];
        }
      for (guint j = 0; j < N_COLS; j++)
        {
          memset (A + (gsize) (n + j) * N_COLS, 0, sizeof (double) * N_COLS);
          A[(gsize) (n + j) * N_COLS + j] = sqrt (penalty (j));
          b[n + j] = 0;
        }
      /* an all-zero trend column would make R singular: impossible with n ≥ 2 */
      if (!lsq_solve (A, b, rows, N_COLS, m->beta))
        {
          g_set_error (error, CIRO_FORECAST_ERROR, CIRO_FORECAST_ERROR_SHORT_HISTORY,
                       _("Not enough history for a forecast: %u days with orders"), used);
          return FALSE;
        }
      for (guint i = 0; i < n; i++)
        {
          r[i] = z[i] - predict_log (m, X + (gsize) i * N_COLS);
          if (!gap[i])
            tmp[k++] = fabs (r[i]);
        }
      scale = 1.4826 * quantile (tmp, k, 0.5);
      if (scale <= 1e-9)
        break;
      for (guint i = 0; i < n; i++)
        if (!gap[i])
          w[i] = fabs (r[i]) <= HUBER_K * scale ? 1 : HUBER_K * scale / fabs (r[i]);
    }

  /* the level the forecast starts from: the recent residuals' mean, each
   * clipped so one wild day moves it little */
  {
    double s = 0, clip = LEVEL_CLIP * scale;
    guint k = 0, zeros = 0;

    for (guint i = n > LEVEL_DAYS ? n - LEVEL_DAYS : 0; i < n; i++)
      if (!gap[i])
        {
          s += CLAMP (r[i], -clip, clip);
          k++;
        }
    m->level = k > 0 ? s / k : 0;
    /* only a shift beyond the noise: soft-thresholded at two standard errors */
    if (k > 0)
      {
        double se = 2 * scale / sqrt (k);
        m->level = m->level > se ? m->level - se : m->level < -se ? m->level + se : 0;
      }
    for (guint i = n; i-- > 0 && y[i] <= 0;)
      zeros++;
    m->closed = zeros >= 2 * GAP_DAYS;
  }
  /* smearing over the last year's residuals, clipped so one wild day
   * cannot lift every forecast */
  {
    double s = 0, sl = 0, clip = scale > 0 ? 4 * scale : 0;
    guint k = 0;

    for (guint i = n > ERROR_DAYS ? n - ERROR_DAYS : 0; i < n; i++)
      if (!gap[i])
        {
          s += exp (CLAMP (r[i], -clip, clip));
          sl += exp (CLAMP (r[i] - m->level, -clip, clip));
          k++;
        }
    m->smear = k > 0 ? s / k : 1;
    m->smear_level = k > 0 ? sl / k : 1;
  }

  if (info != NULL)
    {
      double mean = 0;

      memset (info, 0, sizeof *info);
      info->days = used;
      info->yearly = m->yearly;
      info->growth_pct_year = (exp (m->beta[COL_TREND]) - 1) * 100;
      for (int d = 0; d < 7; d++)
        {
          info->weekday[d] = d == 0 ? 1 : exp (m->beta[COL_WEEKDAY + d - 1]);
          mean += info->weekday[d] / 7;
        }
      for (int d = 0; d < 7; d++)
        info->weekday[d] /= mean;
      for (guint i = 0; i < n; i++)
        for (int e = 0; e < CIRO_EVENT_N; e++)
          if (!gap[i] && (masks[i] & (1u << e)))
            info->event_days[e]++;
      for (int e = 0; e < CIRO_EVENT_N; e++)
        info->event[e] = info->event_days[e] > 0 ? exp (m->beta[COL_EVENT + e]) : 1;
      info->level_shift = m->level;
    }
  return TRUE;
}

/* The mean forecast of day index i (may be ≥ n), with or without the
 * recent level (in-sample fitted values go without). */
static double
model_mean (const Model *m, guint i, guint32 mask, gboolean with_level)
{
  double row[N_COLS];
  double z;

  if (with_level && m->closed)
    return 0;
  features (m, i, mask, ciro_day_weekday (m->first + (CiroDay) i), row);
  z = predict_log (m, row);
  if (with_level)
    return MAX (0, exp (z + m->level) * m->smear_level - m->offset);
  return MAX (0, exp (z) * m->smear - m->offset);
}

/* The metric's multiple of revenue: Σ target / Σ revenue over the last 90
 * days (1 for revenue itself). */
static double
target_ratio (const double *revenue, const double *target, guint n)
{
  double sr = 0, st = 0;

  if (target == NULL || target == revenue)
    return 1;
  for (guint i = n > 90 ? n - 90 : 0; i < n; i++)
    {
      sr += revenue[i];
      st += target[i];
    }
  return sr > 0 ? st / sr : 0;
}

/* The forecast proper, on the last MAX_FIT_DAYS of y[0..n). */
static gboolean
forecast_core (CiroDay          first,
               const double    *revenue,
               const double    *target,
               guint            n,
               guint            horizon,
               CiroForecastDay *out,
               double           total[3],
               CiroForecastFit *info,
               GError         **error)
{
  g_autofree guint32 *masks = NULL;
  g_autofree double *fitted = NULL, *u = NULL, *v = NULL;
  guint skip = n > MAX_FIT_DAYS ? n - MAX_FIT_DAYS : 0;
  guint m_n = n - skip, k = 0, from, nv = 0;
  double ratio, ql, qh, sum = 0, sum_low = 0, sum_high = 0;
  Model m;

  if (target == NULL)
    target = revenue;
  if (!model_fit (&m, first + (CiroDay) skip, revenue + skip, m_n, info, error))
    return FALSE;
  ratio = target_ratio (revenue, target, n);

  masks = ciro_calendar_masks (m.first, m_n + horizon);
  fitted = g_new (double, m_n);
  u = g_new (double, m_n);
  from = m_n > ERROR_DAYS ? m_n - ERROR_DAYS : 0;
  for (guint i = 0; i < m_n; i++)
    fitted[i] = model_mean (&m, i, masks[i], FALSE);
  for (guint i = from; i < m_n; i++)
    if (fitted[i] > 0)
      u[k++] = (target[skip + i] - ratio * fitted[i]) / fitted[i];
  ql = k > 0 ? quantile (u, k, 0.10) : 0;
  qh = k > 0 ? quantile (u, k, 0.90) : 0;

  for (guint h = 0; h < horizon; h++)
    {
      double f = model_mean (&m, m_n + h, masks[m_n + h], TRUE);
      CiroForecastDay *d = &out[h];

      d->date = first + (CiroDay) (n + h);
      d->value = ratio * f;
      d->low = f * (ratio + ql);
      d->high = f * (ratio + qh);
      if (target == revenue)
        d->low = MAX (0, d->low);
      sum += d->value;
      sum_low += d->low;
      sum_high += d->high;
    }

  /* the total: errors of every horizon-long window of the last year */
  if (m_n >= from + horizon)
    {
      guint windows = m_n - from - horizon + 1;
      double sa = 0, sf = 0;

      v = g_new (double, windows);
      for (guint i = from; i < m_n; i++)
        {
          sa += target[skip + i];
          sf += fitted[i];
          if (i >= from + horizon)
            {
              sa -= target[skip + i - horizon];
              sf -= fitted[i - horizon];
            }
          if (i + 1 >= from + horizon && sf > 0)
            v[nv++] = (sa - ratio * sf) / sf;
        }
    }
  total[0] = sum;
  if (nv >= 20 && ratio != 0)
    {
      double base = sum / ratio;
      total[1] = base * (ratio + quantile (v, nv, 0.10));
      total[2] = base * (ratio + quantile (v, nv, 0.90));
    }
  else
    {
      /* too few windows: the daily spread, as if independent */
      total[1] = sum - (sum - sum_low) / sqrt (MAX (horizon, 1));
      total[2] = sum + (sum_high - sum) / sqrt (MAX (horizon, 1));
    }
  if (target == revenue)
    total[1] = MAX (0, total[1]);
  if (info != NULL)
    {
      info->q_low = ql;
      info->q_high = qh;
    }
  return TRUE;
}

static gboolean
check_series (guint n, guint horizon, GError **error)
{
  if (horizon < 1 || horizon > CIRO_FORECAST_MAX_HORIZON)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                   _("The forecast's horizon must be between 1 and %d days"),
                   CIRO_FORECAST_MAX_HORIZON);
      return FALSE;
    }
  if (n < CIRO_FORECAST_MIN_DAYS)
    {
      g_set_error (error, CIRO_FORECAST_ERROR, CIRO_FORECAST_ERROR_SHORT_HISTORY,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Not enough history for a forecast: the store has %u day of orders, a forecast needs at least %u",
                                "Not enough history for a forecast: the store has %u days of orders, a forecast needs at least %u",
                                n),
                   n, (guint) CIRO_FORECAST_MIN_DAYS);
      return FALSE;
    }
  return TRUE;
}

gboolean
ciro_forecast_series (CiroDay          first,
                      const double    *revenue,
                      const double    *target,
                      guint            n,
                      guint            horizon,
                      CiroForecastDay *out,
                      double           total[3],
                      CiroForecastFit *fit,
                      GError         **error)
{
  g_return_val_if_fail (revenue != NULL && out != NULL && total != NULL, FALSE);

  if (!check_series (n, horizon, error))
    return FALSE;
  return forecast_core (first, revenue, target, n, horizon, out, total, fit, error);
}

/* ---------------------------------------------------------- baselines */

void
ciro_forecast_baseline (CiroBaseline  baseline,
                        const double *y,
                        guint         n,
                        guint         horizon,
                        double       *value,
                        double       *low,
                        double       *high)
{
  double e[90];
  guint ne = 0;

  for (guint h = 0; h < horizon; h++)
    value[h] = NAN;

  switch (baseline)
    {
    case CIRO_BASELINE_LINEAR_90:
      {
        guint from = n > 90 ? n - 90 : 0, k = n - from;
        double mt = 0, my = 0, stt = 0, sty = 0, a, b;

        if (k < 2)
          break;
        for (guint i = from; i < n; i++)
          {
            mt += (double) i / k;
            my += y[i] / k;
          }
        for (guint i = from; i < n; i++)
          {
            stt += ((double) i - mt) * ((double) i - mt);
            sty += ((double) i - mt) * (y[i] - my);
          }
        b = stt > 0 ? sty / stt : 0;
        a = my - b * mt;
        for (guint h = 0; h < horizon; h++)
          value[h] = a + b * (double) (n + h);
        for (guint i = from; i < n; i++)
          e[ne++] = y[i] - (a + b * (double) i);
        break;
      }
    case CIRO_BASELINE_SEASONAL_NAIVE:
      if (n < 7)
        break;
      for (guint h = 0; h < horizon; h++)
        value[h] = y[n - 7 + h % 7];
      for (guint i = n >= 97 ? n - 90 : 7; i < n; i++)
        e[ne++] = y[i] - y[i - 7];
      break;
    case CIRO_BASELINE_LAST_YEAR:
      {
        double now = 0, before = 0, s;

        if (n < 364 + 90 || horizon > 364)
          break;
        for (guint i = n - 90; i < n; i++)
          {
            now += y[i];
            before += y[i - 364];
          }
        if (before <= 0)
          break;
        s = now / before;
        for (guint h = 0; h < horizon; h++)
          value[h] = y[n + h - 364] * s;
        for (guint i = n - 90; i < n; i++)
          e[ne++] = y[i] - y[i - 364] * s;
        break;
      }
    case CIRO_BASELINE_N:
    default:
      g_return_if_reached ();
    }

  if (low != NULL && high != NULL)
    {
      double ql = NAN, qh = NAN;

      if (ne > 0 && !isnan (value[0]))
        {
          ql = quantile (e, ne, 0.10);
          qh = quantile (e, ne, 0.90);
        }
      for (guint h = 0; h < horizon; h++)
        {
          low[h] = value[h] + ql;
          high[h] = value[h] + qh;
        }
    }
}

/* ---------------------------------------------------------- backtest */

typedef struct {
  double abs_err, actual;    /* Σ|f − a|, Σa over every origin's days */
  double total_err;          /* Σ over origins of |Σf − Σa| / Σa */
  guint  origins, days, inside;
} Score;

static void
score_add (Score *s, const double *f, const double *low, const double *high,
           const double *a, guint horizon)
{
  double sf = 0, sa = 0;

  if (isnan (f[0]))
    return;
  for (guint h = 0; h < horizon; h++)
    {
      s->abs_err += fabs (f[h] - a[h]);
      s->actual += a[h];
      sf += f[h];
      sa += a[h];
      s->days++;
      if (a[h] >= low[h] && a[h] <= high[h])
        s->inside++;
    }
  if (sa != 0)
    {
      s->total_err += fabs (sf - sa) / fabs (sa);
      s->origins++;
    }
}

static void
score_finish (const Score *s, CiroForecastScore *out)
{
  out->available = s->days > 0 && s->actual != 0 && s->origins > 0;
  out->wape = out->available ? 100 * s->abs_err / fabs (s->actual) : NAN;
  out->total_error = out->available ? 100 * s->total_err / s->origins : NAN;
  out->coverage = out->available ? 100.0 * s->inside / s->days : NAN;
}

gboolean
ciro_forecast_backtest_series (CiroDay              first,
                               const double        *revenue,
                               const double        *target,
                               guint                n,
                               guint                horizon,
                               CiroBacktest        *out,
                               CiroForecastProgress progress,
                               gpointer             progress_data,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autofree CiroForecastDay *days = NULL;
  g_autofree double *f = NULL, *low = NULL, *high = NULL;
  Score model = { 0 }, base[CIRO_BASELINE_N] = { { 0 } };
  guint origins = 0;

  g_return_val_if_fail (revenue != NULL && out != NULL, FALSE);
  if (target == NULL)
    target = revenue;
  memset (out, 0, sizeof *out);
  out->horizon = horizon;
  if (!check_series (n, horizon, error))
    return FALSE;

  for (guint j = 0; j < CIRO_FORECAST_BACKTEST_ORIGINS; j++)
    {
      if (n < horizon + 7 * j || n - horizon - 7 * j < CIRO_FORECAST_BACKTEST_TRAIN)
        break;
      origins++;
    }

  days = g_new (CiroForecastDay, horizon);
  f = g_new (double, horizon);
  low = g_new (double, horizon);
  high = g_new (double, horizon);
  /* oldest origin first */
  for (guint j = origins; j-- > 0;)
    {
      guint o = n - horizon - 7 * j;
      double total[3];
      g_autoptr(GError) local = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (forecast_core (first, revenue, target, o, horizon, days, total, NULL, &local))
        {
          for (guint h = 0; h < horizon; h++)
            {
              f[h] = days[h].value;
              low[h] = days[h].low;
              high[h] = days[h].high;
            }
          score_add (&model, f, low, high, target + o, horizon);
        }
      for (int b = 0; b < CIRO_BASELINE_N; b++)
        {
          ciro_forecast_baseline (b, target, o, horizon, f, low, high);
          score_add (&base[b], f, low, high, target + o, horizon);
        }
      if (progress != NULL)
        progress ((double) (origins - j) / origins, progress_data);
    }
  out->origins = origins;
  score_finish (&model, &out->model);
  for (int b = 0; b < CIRO_BASELINE_N; b++)
    score_finish (&base[b], &out->baseline[b]);
  return TRUE;
}

/* ---------------------------------------------------------- the store */

void
ciro_forecast_free (CiroForecast *forecast)
{
  if (forecast == NULL)
    return;
  g_free (forecast->marketplace);
  g_clear_pointer (&forecast->history, g_array_unref);
  g_clear_pointer (&forecast->days, g_array_unref);
  g_clear_pointer (&forecast->last_year, g_array_unref);
  g_clear_pointer (&forecast->peaks, g_array_unref);
  g_free (forecast->backtest);
  g_free (forecast);
}

static gboolean
first_order_day (CiroStore *store, const char *marketplace, CiroDay *out, GError **error)
{
  sqlite3_stmt *stmt = ciro_store_prepare (store,
    "SELECT MIN (r.day) FROM roll_day_mp r JOIN marketplaces m ON m.id = r.marketplace_id"
    " WHERE r.gross_orders > 0 AND (?1 IS NULL OR m.name = ?1)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (marketplace != NULL)
    sqlite3_bind_text (stmt, 1, marketplace, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *out = rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL
    ? sqlite3_column_int (stmt, 0) : CIRO_DAY_INVALID;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW)
    {
      ciro_store_set_error (store, error, "reading the first order day");
      return FALSE;
    }
  return TRUE;
}

static CiroDay
one_year_before (CiroDay day)
{
  int y, m, d;

  ciro_day_to_ymd (day, &y, &m, &d);
  if (m == 2 && d == 29)
    d = 28;
  return ciro_day_from_ymd (y - 1, m, d);
}

/* The same weekday's mean over the 4 weeks before day index i; 0 if absent. */
static double
normal_day (const double *y, gint64 i)
{
  double s = 0;

  if (i < 28)
    return 0;
  for (int k = 1; k <= 4; k++)
    s += y[i - 7 * k];
  return s / 4;
}

CiroForecast *
ciro_report_forecast (CiroStore           *store,
                      CiroDay              today,
                      const char          *marketplace,
                      CiroForecastMetric   metric,
                      guint                horizon,
                      gboolean             backtest,
                      CiroForecastProgress progress,
                      gpointer             progress_data,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_autoptr(CiroForecast) fc = g_new0 (CiroForecast, 1);
  g_autoptr(GArray) daily = NULL;
  g_autoptr(GArray) events = NULL;
  g_autofree double *revenue = NULL, *target = NULL;
  CiroReportFilter filter = { 0 };
  double total[3], prev28 = 0, last28 = 0;
  guint n;

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);
  fc->metric = metric;
  fc->marketplace = g_strdup (marketplace);
  fc->horizon = horizon;
  fc->last_day = today - 1;
  if (!first_order_day (store, marketplace, &fc->first_day, error))
    return NULL;
  if (fc->first_day == CIRO_DAY_INVALID || fc->first_day > fc->last_day)
    {
      g_set_error (error, CIRO_FORECAST_ERROR, CIRO_FORECAST_ERROR_NO_ORDERS,
                   _("Not enough history for a forecast: the store has no orders before today"));
      return NULL;
    }
  n = (guint) (fc->last_day - fc->first_day + 1);
  if (!check_series (n, horizon, error))
    return NULL;

  filter.from = fc->first_day;
  filter.to = fc->last_day;
  filter.marketplace = (char *) marketplace;
  if ((daily = ciro_report_daily (store, &filter, error)) == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  revenue = g_new (double, n);
  target = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      const CiroDailyRow *row = &g_array_index (daily, CiroDailyRow, i);
      revenue[i] = (double) row->s.net_revenue;
      target[i] = metric == CIRO_FORECAST_PROFIT ? (double) row->s.profit
                : metric == CIRO_FORECAST_PROFIT_EX_VAT ? (double) row->s.profit_ex_vat
                : revenue[i];
    }

  fc->days = g_array_sized_new (FALSE, TRUE, sizeof (CiroForecastDay), horizon);
  g_array_set_size (fc->days, horizon);
  if (!ciro_forecast_series (fc->first_day, revenue, target, n, horizon,
                             (CiroForecastDay *) fc->days->data, total, &fc->fit, error))
    return NULL;
  fc->total = total[0];
  fc->total_low = total[1];
  fc->total_high = total[2];

  /* the last 90 days, the last 30, the trend */
  fc->history = g_array_new (FALSE, TRUE, sizeof (CiroForecastDay));
  for (guint i = n > 90 ? n - 90 : 0; i < n; i++)
    {
      CiroForecastDay d = { fc->first_day + (CiroDay) i, target[i], NAN, NAN };
      g_array_append_val (fc->history, d);
    }
  for (guint i = n - 30; i < n; i++)
    fc->last_30_total += target[i];
  for (guint i = n - 56; i < n; i++)
    *(i < n - 28 ? &prev28 : &last28) += revenue[i];
  fc->has_trend = prev28 > 0;
  fc->trend_pct = fc->has_trend ? (last28 - prev28) / prev28 * 100 : 0;

  /* the same days a calendar year earlier */
  fc->last_year = g_array_new (FALSE, TRUE, sizeof (CiroForecastDay));
  fc->has_last_year = one_year_before (fc->last_day + 1) >= fc->first_day;
  for (guint h = 0; fc->has_last_year && h < horizon; h++)
    {
      CiroDay date = fc->last_day + 1 + (CiroDay) h;
      CiroDay before = one_year_before (date);
      CiroForecastDay d = { date, target[before - fc->first_day], NAN, NAN };

      fc->last_year_total += d.value;
      g_array_append_val (fc->last_year, d);
    }

  /* the coming peaks, with what they did last year */
  fc->peaks = g_array_new (FALSE, TRUE, sizeof (CiroForecastPeak));
  events = ciro_calendar_events (fc->last_day + 1, fc->last_day + (CiroDay) horizon);
  for (guint i = 0; i < events->len; i++)
    {
      const CiroCalendarEvent *e = &g_array_index (events, CiroCalendarEvent, i);
      g_autoptr(GArray) before = NULL;
      CiroForecastPeak p = { e->kind, e->first, (gint) (e->first - today), FALSE, CIRO_DAY_INVALID, 0,
                             fc->fit.event[e->kind] };

      if (e->first <= fc->last_day)
        continue;   /* already under way */
      before = ciro_calendar_events (e->first - 400, e->first - 300);
      for (guint k = 0; k < before->len; k++)
        {
          const CiroCalendarEvent *b = &g_array_index (before, CiroCalendarEvent, k);
          gint64 idx = (gint64) b->first - fc->first_day;
          double normal;

          if (b->kind != e->kind || idx < 0 || idx >= n)
            continue;
          normal = normal_day (revenue, idx);
          if (normal > 0)
            {
              p.has_last_year = TRUE;
              p.last_year_date = b->first;
              p.last_year_ratio = revenue[idx] / normal;
            }
        }
      g_array_append_val (fc->peaks, p);
    }

  if (backtest)
    {
      fc->backtest = g_new0 (CiroBacktest, 1);
      if (!ciro_forecast_backtest_series (fc->first_day, revenue, target, n, horizon,
                                          fc->backtest, progress, progress_data,
                                          cancellable, error))
        return NULL;
    }
  return g_steal_pointer (&fc);
}

const char *
ciro_forecast_metric_key (CiroForecastMetric metric)
{
  return metric == CIRO_FORECAST_PROFIT ? "profit"
       : metric == CIRO_FORECAST_PROFIT_EX_VAT ? "profit_ex_vat"
       : "net_revenue";
}

gboolean
ciro_forecast_metric_parse (const char *key, CiroForecastMetric *out)
{
  if (g_strcmp0 (key, "net_revenue") == 0)
    *out = CIRO_FORECAST_NET_REVENUE;
  else if (g_strcmp0 (key, "profit") == 0)
    *out = CIRO_FORECAST_PROFIT;
  else
    return FALSE;
  return TRUE;
}

const char *
ciro_baseline_key (CiroBaseline baseline)
{
  static const char *keys[] = { "linear_90", "seasonal_naive", "last_year" };
  g_return_val_if_fail (baseline < CIRO_BASELINE_N, NULL);
  return keys[baseline];
}

const char *
ciro_baseline_name (CiroBaseline baseline)
{
  static const char *names[] = {
    N_("A straight line through the last 90 days"),
    N_("The last week repeated"),
    N_("Last year's same days, scaled"),
  };
  g_return_val_if_fail (baseline < CIRO_BASELINE_N, NULL);
  return _(names[baseline]);
}
