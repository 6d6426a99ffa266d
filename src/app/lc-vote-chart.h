/* lc-vote-chart.h: the result of a vote at a 协调会 as a bar chart
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

#define LC_TYPE_VOTE_CHART (lc_vote_chart_get_type ())

G_DECLARE_FINAL_TYPE (LcVoteChart, lc_vote_chart, LC, VOTE_CHART, LcBarChart)

GtkWidget  *lc_vote_chart_new          (void);
void        lc_vote_chart_set_options  (LcVoteChart *self,
                                        GPtrArray   *options,
                                        gint64       abstentions);
char       *lc_vote_result_describe    (GPtrArray   *options,
                                        const LcVoteResult *result);

G_END_DECLS
