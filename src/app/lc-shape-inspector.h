/* lc-shape-inspector.h: the sidebar page of a walking path, building or the unit boundary
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lc-app-types.h"
#include "lc-plan.h"

G_BEGIN_DECLS

#define LC_TYPE_SHAPE_INSPECTOR (lc_shape_inspector_get_type ())

G_DECLARE_FINAL_TYPE (LcShapeInspector, lc_shape_inspector, LC, SHAPE_INSPECTOR, GtkWidget)

void        lc_shape_inspector_show          (LcShapeInspector *self,
                                              LcPlan           *plan,
                                              const char       *table,
                                              gint64            fid);
const char *lc_shape_inspector_get_problems  (LcShapeInspector *self);

G_END_DECLS
