/* lc-meeting-editor.h: the form of one resident meeting: every field, sign-in list, votes, ratings, attachments
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lc-app-types.h"
#include "lc-meeting.h"

G_BEGIN_DECLS

#define LC_TYPE_MEETING_EDITOR (lc_meeting_editor_get_type ())

G_DECLARE_FINAL_TYPE (LcMeetingEditor, lc_meeting_editor, LC, MEETING_EDITOR, AdwWindow)

LcMeetingEditor *lc_meeting_editor_new          (GtkWindow       *parent,
                                                 LcPlan          *plan,
                                                 gint64           id,
                                                 LcMeetingType    type,
                                                 LcMapView       *map_view,
                                                 GError         **error);
GtkWidget       *lc_meeting_editor_get_field    (LcMeetingEditor *self,
                                                 const char      *name);
guint            lc_meeting_editor_add_option   (LcMeetingEditor *self);
GtkWidget       *lc_meeting_editor_get_option_field (LcMeetingEditor *self,
                                                     guint            index,
                                                     const char      *name);
void             lc_meeting_editor_add_attendee (LcMeetingEditor *self,
                                                 const char      *name,
                                                 const char      *role);
gboolean         lc_meeting_editor_link_project (LcMeetingEditor *self,
                                                 gint64           project_id);
LcAttachmentList *lc_meeting_editor_get_attachments (LcMeetingEditor *self);
LcVoteChart     *lc_meeting_editor_get_vote_chart   (LcMeetingEditor *self);
LcRatingChart   *lc_meeting_editor_get_rating_chart (LcMeetingEditor *self);
gboolean         lc_meeting_editor_save         (LcMeetingEditor *self);
const char      *lc_meeting_editor_get_errors   (LcMeetingEditor *self);
gint64           lc_meeting_editor_get_id       (LcMeetingEditor *self);

G_END_DECLS
