/* lc-app-types.h: forward declarations shared by every app header
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lc-types.h"

G_BEGIN_DECLS

typedef struct _LcApplication       LcApplication;
typedef struct _LcBlueprintPage     LcBlueprintPage;
typedef struct _LcAttachmentList    LcAttachmentList;
typedef struct _LcBarChart          LcBarChart;
typedef struct _LcCoverageLayer     LcCoverageLayer;
typedef struct _LcCoveragePage      LcCoveragePage;
typedef struct _LcEditLayer         LcEditLayer;
typedef struct _LcFacilityInspector LcFacilityInspector;
typedef struct _LcFacilityLayer     LcFacilityLayer;
typedef struct _LcLayersPage        LcLayersPage;
typedef struct _LcMapView           LcMapView;
typedef struct _LcNeedEditor        LcNeedEditor;
typedef struct _LcMeetingEditor     LcMeetingEditor;
typedef struct _LcMeetingsPage      LcMeetingsPage;
typedef struct _LcNeedsPage         LcNeedsPage;
typedef struct _LcOfflineSource     LcOfflineSource;
typedef struct _LcOnlineSource      LcOnlineSource;
typedef struct _LcPlanPage          LcPlanPage;
typedef struct _LcPreferencesWindow LcPreferencesWindow;
typedef struct _LcProjectEditor     LcProjectEditor;
typedef struct _LcProjectsPage      LcProjectsPage;
typedef struct _LcRatingChart       LcRatingChart;
typedef struct _LcShapeInspector    LcShapeInspector;
typedef struct _LcStageList         LcStageList;
typedef struct _LcVoteChart         LcVoteChart;
typedef struct _LcWindow            LcWindow;

G_END_DECLS
