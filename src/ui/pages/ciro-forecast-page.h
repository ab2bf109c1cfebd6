/* ciro-forecast-page.h: the next 30 days (insights.md §2)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ciro-context.h"

G_BEGIN_DECLS

#define CIRO_TYPE_FORECAST_PAGE (ciro_forecast_page_get_type ())
G_DECLARE_FINAL_TYPE (CiroForecastPage, ciro_forecast_page, CIRO, FORECAST_PAGE, AdwBin)

/* Signals: "loaded" when the forecast (or "not enough history", or an
 * error) is shown; "backtest-done" when the accuracy row has its figures. */
GtkWidget  *ciro_forecast_page_new    (CiroContext      *context);
/* Forecasts again (the context's "store-changed" does it too). */
void        ciro_forecast_page_reload (CiroForecastPage *self);
/* "loading", "short", "error" or "data". */
const char *ciro_forecast_page_get_state (CiroForecastPage *self);

G_END_DECLS
