/* lc-plan-tile-source.h: tiles of the plan's basemap, rendered in threads
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "lc-app-types.h"
#include "lc-render.h"

G_BEGIN_DECLS

#define LC_TYPE_PLAN_TILE_SOURCE (lc_plan_tile_source_get_type ())

G_DECLARE_FINAL_TYPE (LcPlanTileSource, lc_plan_tile_source, LC, PLAN_TILE_SOURCE, ShumateDataSource)

LcPlanTileSource *lc_plan_tile_source_new                 (LcRenderData     *data,
                                                           gboolean          dark);
LcPlanTileSource *lc_plan_tile_source_new_full            (LcRenderData     *data,
                                                           gboolean          dark,
                                                           gboolean          ground);
gboolean          lc_plan_tile_source_get_ground          (LcPlanTileSource *self);
LcPlanTileSource *lc_plan_tile_source_new_after_edit      (LcPlanTileSource *previous,
                                                           LcRenderData     *data,
                                                           gboolean          dark,
                                                           gboolean          ground);
guint             lc_plan_tile_source_get_n_rendered      (LcPlanTileSource *self);
guint             lc_plan_tile_source_get_n_on_main_thread (LcPlanTileSource *self);

G_END_DECLS
