/* lc-meetings-page.h: the 一图三会 meeting log: a timeline of meetings and the projects missing one
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lc-app-types.h"
#include "lc-meeting.h"

G_BEGIN_DECLS

#define LC_TYPE_MEETINGS_PAGE (lc_meetings_page_get_type ())

G_DECLARE_FINAL_TYPE (LcMeetingsPage, lc_meetings_page, LC, MEETINGS_PAGE, GtkWidget)

void        lc_meetings_page_set_plan      (LcMeetingsPage *self,
                                            LcPlan         *plan);
void        lc_meetings_page_set_map_view  (LcMeetingsPage *self,
                                            LcMapView      *map_view);
void        lc_meetings_page_set_filter    (LcMeetingsPage *self,
                                            int             type,
                                            gint64          project_id);
GArray     *lc_meetings_page_dup_shown     (LcMeetingsPage *self);
GArray     *lc_meetings_page_dup_missing   (LcMeetingsPage *self);
gboolean    lc_meetings_page_select        (LcMeetingsPage *self,
                                            gint64          id);
void        lc_meetings_page_activate_missing (LcMeetingsPage *self,
                                               guint           index);

G_END_DECLS
