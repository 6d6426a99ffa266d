/* lc-window.h: the main window
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-app-types.h"
#include "lc-coverage.h"
#include "lc-plan.h"

G_BEGIN_DECLS

#define LC_TYPE_WINDOW (lc_window_get_type ())

G_DECLARE_FINAL_TYPE (LcWindow, lc_window, LC, WINDOW, AdwApplicationWindow)

void        lc_window_set_accels    (GtkApplication *application);
LcWindow   *lc_window_new           (LcApplication *application);
LcMapView  *lc_window_get_map_view  (LcWindow      *self);
LcPlanPage *lc_window_get_plan_page (LcWindow      *self);
LcProjectsPage *lc_window_get_projects_page (LcWindow *self);
LcNeedsPage    *lc_window_get_needs_page    (LcWindow *self);
LcMeetingsPage *lc_window_get_meetings_page (LcWindow *self);
const char     *lc_window_get_view          (LcWindow *self);
LcPlan     *lc_window_get_plan      (LcWindow      *self);
gboolean    lc_window_is_busy       (LcWindow      *self);
void        lc_window_open_file     (LcWindow      *self,
                                     GFile         *file);
void        lc_window_show_plan     (LcWindow      *self,
                                     LcPlan        *plan);
void        lc_window_import_osm_file (LcWindow    *self,
                                       GFile       *file,
                                       const char  *boundary);
gboolean    lc_window_is_importing  (LcWindow      *self);

LcCoverage *lc_window_get_coverage (LcWindow *self);

G_END_DECLS
