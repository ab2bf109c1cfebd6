/* ciro-forecast.h: the 30-day forecast and its backtest (insights.md §2)
 *
 * The model, fitted on the logarithm of daily net revenue (plus a small
 * offset, so days without orders are zeros, not gaps):
 *
 *   log(y + c) = a + b·t + b'·max(0, t − (end − 90 days)) + Σ weekday
 *                + Σ yearly Fourier (4 pairs, once a year of history exists)
 *                + Σ calendar events + e
 *
 * by iteratively reweighted least squares (Huber weights, so one extreme
 * day does not bend it) solved with Ciro's own Householder QR, with a light
 * ridge on everything but the level and the trend (the hinge b' lets the
 * trend bend in the last 90 days, so a slowing shop is not over-forecast).
 * The last 56 days' mean residual, where it stands out of the noise, moves
 * the level the forecast starts from. A run of 14 or more days without
 * orders that ended before the last 28 days (the shop was closed) is left
 * out of the fit; 28 empty days at the end forecast zero. Profit is
 * forecast as the revenue forecast × the last 90 days' profit / revenue.
 * The 80 % interval comes from the 10th and 90th percentiles of the last
 * year's in-sample relative errors; the horizon total's from those of
 * every horizon-long window.
 *
 * Blocking, no GTK. Values are kuruş as doubles.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "analytics/ciro-calendar.h"
#include "analytics/ciro-report.h"

G_BEGIN_DECLS

#define CIRO_FORECAST_ERROR (ciro_forecast_error_quark ())
typedef enum {
  CIRO_FORECAST_ERROR_SHORT_HISTORY,   /* fewer than CIRO_FORECAST_MIN_DAYS days */
  CIRO_FORECAST_ERROR_NO_ORDERS,
} CiroForecastError;
GQuark ciro_forecast_error_quark (void);

#define CIRO_FORECAST_MIN_DAYS       56   /* eight weeks of history */
#define CIRO_FORECAST_YEARLY_DAYS    365  /* the yearly term from a year on */
#define CIRO_FORECAST_MAX_HORIZON    90
#define CIRO_FORECAST_BACKTEST_TRAIN 90   /* the least training an origin keeps */
#define CIRO_FORECAST_BACKTEST_ORIGINS 52 /* weekly, over the last 52 weeks */

typedef enum {
  CIRO_FORECAST_NET_REVENUE,
  CIRO_FORECAST_PROFIT,          /* metrics.md's profit: before KDV settlement */
  CIRO_FORECAST_PROFIT_EX_VAT,   /* profit.md's: after KDV settlement */
} CiroForecastMetric;

typedef struct {
  CiroDay date;
  double  value;          /* point forecast (or the actual, in history) */
  double  low, high;      /* the 80 % interval; NAN in history */
} CiroForecastDay;

/* What the fit found, for the window and the tests. */
typedef struct {
  guint    days;              /* training days used */
  gboolean yearly;            /* the yearly term was fitted */
  double   growth_pct_year;   /* the trend: exp(b · 365) − 1, in % */
  double   weekday[7];        /* Monday first, averaging 1 */
  double   event[CIRO_EVENT_N]; /* the multiplier of each event; 1 when unseen */
  guint    event_days[CIRO_EVENT_N]; /* training days on which it fell */
  double   level_shift;       /* the log-level set by the last 28 days */
  double   q_low, q_high;     /* the daily relative error's 10th and 90th percentiles */
} CiroForecastFit;

typedef struct {
  gboolean available;         /* FALSE: the baseline had no origin (last_year without a year) */
  double   wape;              /* Σ|f − a| / Σa over all origins' days, × 100 */
  double   total_error;       /* mean over origins of |Σf − Σa| / Σa, × 100 */
  double   coverage;          /* share of actual days inside the 80 % interval, × 100 */
} CiroForecastScore;

typedef enum {
  CIRO_BASELINE_LINEAR_90,    /* linear regression on the last 90 days */
  CIRO_BASELINE_SEASONAL_NAIVE, /* each weekday's last value, repeated */
  CIRO_BASELINE_LAST_YEAR,    /* 364 days earlier × last 90 days / the same 90 a year before */
  CIRO_BASELINE_N
} CiroBaseline;

typedef struct {
  guint             origins;  /* 0: not enough history for one */
  guint             horizon;
  CiroForecastScore model;
  CiroForecastScore baseline[CIRO_BASELINE_N];
} CiroBacktest;

typedef void (*CiroForecastProgress) (double fraction, gpointer data);

/* A coming event of the horizon with what it did last year. */
typedef struct {
  CiroEventKind kind;
  CiroDay       date;           /* its first day */
  gint          days_until;     /* from the first forecast day's eve (the last actual day) */
  gboolean      has_last_year;
  CiroDay       last_year_date;
  double        last_year_ratio; /* that day ÷ the mean of the same weekday in the 4 weeks before */
  double        multiplier;     /* the model's */
} CiroForecastPeak;

typedef struct {
  CiroForecastMetric metric;
  char            *marketplace;  /* NULL = all */
  CiroDay          first_day;    /* the store's (marketplace's) first order day */
  CiroDay          last_day;     /* the last complete day: the last training day */
  guint            horizon;
  GArray          *history;      /* CiroForecastDay: the last 90 days' actuals */
  GArray          *days;         /* CiroForecastDay: the horizon */
  double           total, total_low, total_high;
  gboolean         has_last_year;
  double           last_year_total;   /* the horizon's days one calendar year earlier */
  GArray          *last_year;    /* CiroForecastDay: those days' actuals (date: the horizon's) */
  double           last_30_total;
  gboolean         has_trend;    /* FALSE when the 28 days before are 0 */
  double           trend_pct;    /* net revenue, last 28 days against the 28 before */
  CiroForecastFit  fit;
  GArray          *peaks;        /* CiroForecastPeak: events of the horizon */
  CiroBacktest    *backtest;     /* NULL unless asked for */
} CiroForecast;

void ciro_forecast_free (CiroForecast *forecast);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroForecast, ciro_forecast_free)

/* ---- on a plain series (the tests drive the model through these) ---- */

/* Fits on revenue[0..n) (first = the day of revenue[0]) and forecasts
 * `horizon` days; `target` is the metric's series (NULL or revenue for
 * revenue itself). out: `horizon` days; total and its interval; fit. */
gboolean ciro_forecast_series   (CiroDay          first,
                                 const double    *revenue,
                                 const double    *target,
                                 guint            n,
                                 guint            horizon,
                                 CiroForecastDay *out,
                                 double           total[3],
                                 CiroForecastFit *fit,
                                 GError         **error);
/* The backtest of insights.md §2 on a series: origins every 7 days over the
 * last 52 weeks, each with ≥ 90 days of training and `horizon` actual days
 * after it. */
gboolean ciro_forecast_backtest_series (CiroDay              first,
                                        const double        *revenue,
                                        const double        *target,
                                        guint                n,
                                        guint                horizon,
                                        CiroBacktest        *out,
                                        CiroForecastProgress progress,
                                        gpointer             progress_data,
                                        GCancellable        *cancellable,
                                        GError             **error);
/* A baseline's forecast from the series' first n days (NAN when it cannot
 * make one: last_year without 364 + 90 days). low/high may be NULL. */
void     ciro_forecast_baseline (CiroBaseline     baseline,
                                 const double    *y,
                                 guint            n,
                                 guint            horizon,
                                 double          *value,
                                 double          *low,
                                 double          *high);

/* ---- on the store ---- */

/* The forecast of the store (one marketplace or all) after `today`'s eve:
 * history up to today − 1. With backtest, also the backtest (progress
 * from 0 to 1). Fails with CIRO_FORECAST_ERROR_SHORT_HISTORY before
 * CIRO_FORECAST_MIN_DAYS days of orders. */
CiroForecast *ciro_report_forecast (CiroStore           *store,
                                    CiroDay              today,
                                    const char          *marketplace,
                                    CiroForecastMetric   metric,
                                    guint                horizon,
                                    gboolean             backtest,
                                    CiroForecastProgress progress,
                                    gpointer             progress_data,
                                    GCancellable        *cancellable,
                                    GError             **error);

const char *ciro_forecast_metric_key (CiroForecastMetric metric);
gboolean    ciro_forecast_metric_parse (const char *key, CiroForecastMetric *out);
const char *ciro_baseline_key        (CiroBaseline baseline);
const char *ciro_baseline_name       (CiroBaseline baseline);

G_END_DECLS
