/* lc-coverage-layer.h: walking minutes to one service, and the homes beyond reach
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "lc-coverage-model.h"

G_BEGIN_DECLS

#define LC_TYPE_COVERAGE_LAYER (lc_coverage_layer_get_type ())

G_DECLARE_FINAL_TYPE (LcCoverageLayer, lc_coverage_layer, LC, COVERAGE_LAYER, ShumateLayer)

/* Bands of walking time the layer colours the network by */
#define LC_COVERAGE_N_BANDS 5   /* ≤ 5 min, ≤ 10, ≤ 15, farther, out of reach */

LcCoverageLayer *lc_coverage_layer_new          (ShumateViewport  *viewport);
void             lc_coverage_layer_set_model    (LcCoverageLayer  *self,
                                                 LcCoverageModel  *model);
int              lc_coverage_layer_get_service  (LcCoverageLayer  *self);
guint            lc_coverage_layer_get_n_gaps   (LcCoverageLayer  *self);
guint            lc_coverage_layer_get_n_suggestions (LcCoverageLayer *self);
void             lc_coverage_band_colour        (guint             band,
                                                 GdkRGBA          *colour);
double           lc_coverage_band_minutes       (guint             band);

G_END_DECLS
