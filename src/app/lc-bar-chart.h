/* lc-bar-chart.h: a horizontal bar chart with a caption, the base of the vote and rating charts
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lc-app-types.h"

G_BEGIN_DECLS

#define LC_TYPE_BAR_CHART (lc_bar_chart_get_type ())

G_DECLARE_DERIVABLE_TYPE (LcBarChart, lc_bar_chart, LC, BAR_CHART, GtkWidget)

struct _LcBarChartClass
{
  GtkWidgetClass parent_class;
};

typedef enum
{
  LC_BAR_NORMAL,
  LC_BAR_HIGHLIGHT,   /* the winner, the satisfied levels */
  LC_BAR_DIM,         /* abstentions */
  LC_BAR_WARNING,     /* the dissatisfied levels */
} LcBarStyle;

void        lc_bar_chart_clear        (LcBarChart *self);
void        lc_bar_chart_add          (LcBarChart *self,
                                       const char *label,
                                       const char *figure,
                                       double      fraction,
                                       LcBarStyle  style);
void        lc_bar_chart_set_summary  (LcBarChart *self,
                                       const char *summary);
const char *lc_bar_chart_get_summary  (LcBarChart *self);

G_END_DECLS
