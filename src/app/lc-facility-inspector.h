/* lc-facility-inspector.h: the sidebar page that edits one facility
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-app-types.h"
#include "lc-plan.h"

G_BEGIN_DECLS

#define LC_TYPE_FACILITY_INSPECTOR (lc_facility_inspector_get_type ())

G_DECLARE_FINAL_TYPE (LcFacilityInspector, lc_facility_inspector, LC, FACILITY_INSPECTOR, GtkWidget)

void         lc_facility_inspector_show      (LcFacilityInspector *self,
                                              LcPlan              *plan,
                                              gint64               fid);
gint64       lc_facility_inspector_get_fid   (LcFacilityInspector *self);
const char  *lc_facility_inspector_get_problems (LcFacilityInspector *self);

G_END_DECLS
