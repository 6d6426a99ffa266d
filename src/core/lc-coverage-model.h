/* lc-coverage-model.h: a plan's coverage, kept current, shared by whoever shows it
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lc-coverage.h"
#include "lc-plan.h"

G_BEGIN_DECLS

#define LC_TYPE_COVERAGE_MODEL (lc_coverage_model_get_type ())

G_DECLARE_FINAL_TYPE (LcCoverageModel, lc_coverage_model, LC, COVERAGE_MODEL, GObject)

LcCoverageModel *lc_coverage_model_new                (LcPlan          *plan);
LcPlan          *lc_coverage_model_get_plan           (LcCoverageModel *self);
LcCoverage      *lc_coverage_model_get_coverage       (LcCoverageModel *self);
int              lc_coverage_model_get_service        (LcCoverageModel *self);
void             lc_coverage_model_set_service        (LcCoverageModel *self,
                                                       int              service);
gboolean         lc_coverage_model_get_count_planned  (LcCoverageModel *self);
void             lc_coverage_model_set_count_planned  (LcCoverageModel *self,
                                                       gboolean         count_planned);
gboolean         lc_coverage_model_move_facility      (LcCoverageModel *self,
                                                       gint64           fid,
                                                       double           longitude,
                                                       double           latitude);
void             lc_coverage_model_suggest            (LcCoverageModel *self,
                                                       guint            n_sites);
GArray          *lc_coverage_model_get_suggestions    (LcCoverageModel *self);

G_END_DECLS
