/* lc-stage-list.h: a project's 三会: which of the three meetings took place, when, and in the right order
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lc-app-types.h"
#include "lc-meeting.h"

G_BEGIN_DECLS

#define LC_TYPE_STAGE_LIST (lc_stage_list_get_type ())

G_DECLARE_FINAL_TYPE (LcStageList, lc_stage_list, LC, STAGE_LIST, GtkWidget)

GtkWidget *lc_stage_list_new          (void);
void       lc_stage_list_set_project  (LcStageList *self,
                                         LcPlan        *plan,
                                         gint64         project_id);
char      *lc_stage_list_dup_text     (LcStageList *self);
char      *lc_project_meetings_compact  (const LcProjectMeetings *pm,
                                         char                   **tooltip);
GHashTable *lc_project_meetings_table   (LcPlan        *plan,
                                         GError       **error);

G_END_DECLS
