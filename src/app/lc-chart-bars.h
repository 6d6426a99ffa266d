/* lc-chart-bars.h: horizontal bar charts drawn in a widget's snapshot, shared by the vote and rating charts
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  LC_CHART_BAR_NORMAL,
  LC_CHART_BAR_HIGHLIGHT,   /* the winner, the satisfied levels */
  LC_CHART_BAR_DIM,         /* abstentions */
  LC_CHART_BAR_WARNING,     /* the dissatisfied levels */
} LcChartBarStyle;

typedef struct
{
  char            *label;    /* left of the bar */
  char            *figure;   /* right of the bar: "42 votes (56%)" */
  double           fraction; /* the bar's length, 0 to 1 of the widest */
  LcChartBarStyle  style;
} LcChartBar;

void  lc_chart_bars_clear    (GArray       *bars);
void  lc_chart_bars_add      (GArray       *bars,
                              const char   *label,
                              const char   *figure,
                              double        fraction,
                              LcChartBarStyle style);
int   lc_chart_bars_height   (GtkWidget    *widget,
                              GArray       *bars,
                              const char   *caption);
void  lc_chart_bars_snapshot (GtkWidget    *widget,
                              GtkSnapshot  *snapshot,
                              GArray       *bars,
                              const char   *caption);
char *lc_chart_bars_describe (GArray       *bars,
                              const char   *caption);

G_END_DECLS
