/* lc-rating-chart.h: the satisfaction ratings of a 评议会 as a bar chart
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lc-app-types.h"
#include "lc-bar-chart.h"
#include "lc-meeting.h"

G_BEGIN_DECLS

#define LC_TYPE_RATING_CHART (lc_rating_chart_get_type ())

G_DECLARE_FINAL_TYPE (LcRatingChart, lc_rating_chart, LC, RATING_CHART, LcBarChart)

GtkWidget  *lc_rating_chart_new         (void);
void        lc_rating_chart_set_counts  (LcRatingChart *self,
                                         const gint64   counts[5]);
const char *lc_rating_level_name        (int            level);
char       *lc_rating_summary_describe  (const LcRatingSummary *summary);

G_END_DECLS
