/* lc-projects-page.h: the table of the plan's projects, the reserve and the implementation lists
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lc-app-types.h"
#include "lc-plan.h"
#include "lc-project.h"

G_BEGIN_DECLS

#define LC_TYPE_PROJECTS_PAGE (lc_projects_page_get_type ())

G_DECLARE_FINAL_TYPE (LcProjectsPage, lc_projects_page, LC, PROJECTS_PAGE, GtkWidget)

void        lc_projects_page_set_plan      (LcProjectsPage *self,
                                            LcPlan         *plan);
void        lc_projects_page_set_map_view  (LcProjectsPage *self,
                                            LcMapView      *map_view);
GListModel *lc_projects_page_get_rows      (LcProjectsPage *self);
void        lc_projects_page_set_view      (LcProjectsPage *self,
                                            int             year);
void        lc_projects_page_set_search    (LcProjectsPage *self,
                                            const char     *text);
gboolean    lc_projects_page_select        (LcProjectsPage *self,
                                            gint64          id);
char       *lc_projects_page_dup_stage_text (LcProjectsPage *self,
                                             gint64          id);

G_END_DECLS
