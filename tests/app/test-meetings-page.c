/* test-meetings-page.c: the meeting log, the meeting editor and each project's 三会 status
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-meetings-page"

#include "config.h"
#include "lc-plan-private.h"

#include <math.h>

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "lc-attachment.h"
#include "lc-attachment-list.h"
#include "lc-meeting.h"
#include "lc-meeting-editor.h"
#include "lc-meetings-page.h"
#include "lc-project-editor.h"
#include "lc-stage-list.h"
#include "lc-projects-page.h"
#include "lc-bar-chart.h"
#include "lc-vote-chart.h"
#include "lc-map-view.h"
#include "lc-window.h"
#include "plan-fixture.h"
#include "ui-helpers.h"

static LcApplication *app;

static gboolean
plan_shown (gpointer data)
{
  return lc_window_get_plan (data) != NULL && !lc_window_is_busy (data);
}

static gboolean
no_editor (gpointer data)
{
  return ui_test_find_toplevel (LC_TYPE_MEETING_EDITOR, data) == NULL;
}

static char *
dump (LcPlan *plan)
{
  return plan_fixture_dump (lc_plan_get_database (plan));
}

static void
set_text (GtkWidget  *widget,
          const char *text)
{
  g_assert_nonnull (widget);
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static LcStageState
stage_state (LcPlan  *plan,
             gint64   project_id,
             LcStage  stage)
{
  g_autoptr(GPtrArray) all = lc_plan_list_project_meetings (plan, NULL);

  for (guint i = 0; i < all->len; i++)
    {
      const LcProjectMeetings *pm = g_ptr_array_index (all, i);

      if (pm->project_id == project_id)
        return pm->stages[stage].state;
    }
  g_assert_not_reached ();
}

static gboolean
has_thumbnail (gpointer data)
{
  return lc_attachment_list_has_thumbnail (data, 0);
}

/* A small PNG, as a phone photo of the meeting would be */
static GFile *
write_png (const char *dir)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autofree char *path = g_build_filename (dir, "会场照片.png", NULL);

  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL));
  return g_file_new_for_path (path);
}

static gboolean
shown_equals_list (LcMeetingsPage *page,
                   LcPlan         *plan,
                   int             type,
                   gint64          project_id)
{
  g_autoptr(GArray) shown = NULL;
  g_autoptr(GPtrArray) list = lc_plan_list_meetings (plan, type, project_id, NULL);

  lc_meetings_page_set_filter (page, type, project_id);
  shown = lc_meetings_page_dup_shown (page);
  if (shown->len != list->len)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    if (g_array_index (shown, gint64, i) != ((LcMeeting *) g_ptr_array_index (list, i))->id)
      return FALSE;
  return TRUE;
}

static gboolean
editor_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

static gboolean
editor_shown (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static gboolean
widget_laid_out (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 100;
}

static void
test_record_coordination (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lc-meetings-XXXXXX", NULL);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "plan-v1.lcplan", NULL);
  g_autofree char *path = g_build_filename (dir, "会议.lcplan", NULL);
  g_autofree char *big_path = g_build_filename (dir, "扫描件.tif", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) png = write_png (dir);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autofree char *data = NULL;
  g_autofree char *before = NULL;
  g_autofree char *now = NULL;
  g_autofree char *stages_before = NULL;
  g_autofree char *stages_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) options = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GArray) shown = NULL;
  g_autoptr(GArray) missing = NULL;
  LcWindow *window = lc_window_new (app);
  LcMeetingsPage *page;
  LcProjectsPage *projects_page;
  LcMeetingEditor *editor;
  double map_lat;
  LcAttachmentList *attachment_list;
  LcPlan *plan;
  gsize len;
  gint64 id;
  static const char * const labels[] = { "方案A", "方案B", "方案C" };
  static const char * const paper[] = { "20", "12", "5" };
  static const char * const other[] = { "3", "0", "1" };

  g_assert_true (g_file_get_contents (source, &data, &len, NULL));
  g_assert_true (g_file_set_contents (path, data, len, NULL));
  gtk_window_present (GTK_WINDOW (window));
  lc_window_open_file (window, file);
  g_assert_true (ui_test_wait_for (plan_shown, window, 5000));
  plan = lc_window_get_plan (window);
  page = lc_window_get_meetings_page (window);
  projects_page = lc_window_get_projects_page (window);
  g_action_group_activate_action (G_ACTION_GROUP (window), "view", g_variant_new_string ("meetings"));
  g_assert_cmpstr (lc_window_get_view (window), ==, "meetings");

  /* The fixture's two meetings, newest first; project 1 misses its 征询会;
   * project 2, in the reserve, has held none */
  shown = lc_meetings_page_dup_shown (page);
  g_assert_cmpuint (shown->len, ==, 2);
  g_assert_cmpint (g_array_index (shown, gint64, 0), ==, 2);
  missing = lc_meetings_page_dup_missing (page);
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_cmpint (g_array_index (missing, gint64, 0), ==, 1);
  g_assert_cmpint (stage_state (plan, 2, LC_STAGE_COORDINATION), ==, LC_STAGE_NOT_DUE);
  stages_before = lc_projects_page_dup_stage_text (projects_page, 2);
  g_assert_nonnull (stages_before);
  before = dump (plan);

  /* A new 协调会 */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "meetings.new", "s", "coordination"));
  editor = LC_MEETING_EDITOR (ui_test_find_toplevel (LC_TYPE_MEETING_EDITOR, GTK_WINDOW (window)));
  g_assert_nonnull (editor);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (lc_meeting_editor_get_field (editor, "type"))), ==,
                    LC_MEETING_COORDINATION);
  set_text (lc_meeting_editor_get_field (editor, "place"), "政民路 318 号 睦邻中心");
  set_text (lc_meeting_editor_get_field (editor, "attendance"), "45");
  set_text (lc_meeting_editor_get_field (editor, "abstentions"), "2");
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpuint (lc_meeting_editor_add_option (editor), ==, i);
      set_text (lc_meeting_editor_get_option_field (editor, i, "label"), labels[i]);
      set_text (lc_meeting_editor_get_option_field (editor, i, "paper"), paper[i]);
      set_text (lc_meeting_editor_get_option_field (editor, i, "other"), other[i]);
    }
  /* The chart follows: 23 of 41 votes */
  g_assert_nonnull (strstr (lc_bar_chart_get_summary (LC_BAR_CHART (lc_meeting_editor_get_vote_chart (editor))), "方案A"));
  g_assert_nonnull (strstr (lc_bar_chart_get_summary (LC_BAR_CHART (lc_meeting_editor_get_vote_chart (editor))), "23"));
  g_assert_nonnull (strstr (lc_bar_chart_get_summary (LC_BAR_CHART (lc_meeting_editor_get_vote_chart (editor))), "41"));

  /* A photo, with its thumbnail; a scan over the limit is refused, clearly */
  attachment_list = lc_meeting_editor_get_attachments (editor);
  g_assert_true (lc_attachment_list_add_file (attachment_list, png, &error));
  g_assert_no_error (error);
  g_assert_true (ui_test_wait_for (has_thumbnail, attachment_list, 5000));
  g_assert_true (g_file_set_contents (big_path, "", 0, NULL));
  g_assert_cmpint (truncate (big_path, LC_ATTACHMENT_MAX_SIZE + 1), ==, 0);
  g_assert_false (lc_attachment_list_add_file (attachment_list, big, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_nonnull (lc_attachment_list_get_error (attachment_list));
  g_assert_cmpuint (lc_attachment_list_get_n_items (attachment_list), ==, 1);

  g_assert_true (lc_meeting_editor_link_project (editor, 2));
  lc_meeting_editor_add_attendee (editor, "王阿姨", "居民代表");

  /* Its place clicked on the map: the editor steps aside and comes back with it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.pick-point", NULL));
  g_assert_true (ui_test_wait_for (editor_hidden, editor, 2000));
  g_assert_cmpstr (lc_window_get_view (window), ==, "map");
  g_assert_true (ui_test_wait_for (widget_laid_out, lc_window_get_map_view (window), 5000));
  lc_map_view_get_view (lc_window_get_map_view (window), &map_lat, NULL, NULL);
  lc_map_view_click (lc_window_get_map_view (window), gtk_widget_get_width (GTK_WIDGET (lc_window_get_map_view (window))) / 2.0,
                     gtk_widget_get_height (GTK_WIDGET (lc_window_get_map_view (window))) / 2.0);
  g_assert_true (ui_test_wait_for (editor_shown, editor, 2000));
  g_assert_cmpfloat (fabs (g_ascii_strtod (gtk_editable_get_text (GTK_EDITABLE (lc_meeting_editor_get_field (editor, "latitude"))),
                                           NULL) - map_lat), <, 1e-5);

  /* Invalid values: explained, nothing written, the editor stays */
  set_text (lc_meeting_editor_get_field (editor, "date"), "2026-02-30");
  set_text (lc_meeting_editor_get_option_field (editor, 1, "other"), "很多");
  g_assert_false (lc_meeting_editor_save (editor));
  g_assert_nonnull (strstr (lc_meeting_editor_get_errors (editor), "YYYY-MM-DD"));
  g_assert_false (no_editor (window));
  now = dump (plan);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  set_text (lc_meeting_editor_get_option_field (editor, 1, "other"), "0");
  set_text (lc_meeting_editor_get_field (editor, "time"), "25:00");
  set_text (lc_meeting_editor_get_field (editor, "date"), "2026-05-20");
  g_assert_false (lc_meeting_editor_save (editor));
  set_text (lc_meeting_editor_get_field (editor, "time"), "14:30");

  /* Saved, as one undo step */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (ui_test_wait_for (no_editor, window, 2000));
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Add Meeting");
  meetings = lc_plan_list_meetings (plan, LC_MEETING_TYPE_ANY, 2, NULL);
  g_assert_cmpuint (meetings->len, ==, 1);
  id = ((LcMeeting *) g_ptr_array_index (meetings, 0))->id;
  g_assert_cmpstr (((LcMeeting *) g_ptr_array_index (meetings, 0))->date_time, ==, "2026-05-20T14:30");
  g_assert_cmpint (((LcMeeting *) g_ptr_array_index (meetings, 0))->attendance, ==, 45);
  options = lc_plan_list_vote_options (plan, id, NULL);
  g_assert_cmpuint (options->len, ==, 3);
  g_assert_cmpstr (((LcVoteOption *) g_ptr_array_index (options, 2))->label, ==, "方案C");
  g_assert_cmpint (((LcVoteOption *) g_ptr_array_index (options, 0))->votes_paper, ==, 20);
  g_assert_cmpint (((LcVoteOption *) g_ptr_array_index (options, 0))->votes_other, ==, 3);
  attachments = lc_plan_list_attachments (plan, "meetings", id, NULL);
  g_assert_cmpuint (attachments->len, ==, 1);
  g_assert_cmpstr (((LcAttachment *) g_ptr_array_index (attachments, 0))->mime_type, ==, "image/png");
  {
    g_autoptr(GPtrArray) attendees = lc_plan_list_meeting_attendees (plan, id, NULL);

    g_assert_cmpuint (attendees->len, ==, 1);
  }

  /* The project's 三会: the 协调会 held, on the projects page too */
  g_assert_cmpint (stage_state (plan, 2, LC_STAGE_COORDINATION), ==, LC_STAGE_HELD);
  stages_after = lc_projects_page_dup_stage_text (projects_page, 2);
  g_assert_cmpstr (stages_after, !=, stages_before);
  g_array_unref (shown);
  shown = lc_meetings_page_dup_shown (page);
  g_assert_cmpuint (shown->len, ==, 3);
  g_assert_cmpint (g_array_index (shown, gint64, 1), ==, id);

  /* Undo restores all of it */
  g_assert_true (lc_plan_undo (plan, &error));
  now = dump (plan);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  g_assert_cmpint (stage_state (plan, 2, LC_STAGE_COORDINATION), ==, LC_STAGE_NOT_DUE);
  g_free (stages_after);
  stages_after = lc_projects_page_dup_stage_text (projects_page, 2);
  g_assert_cmpstr (stages_after, ==, stages_before);
  g_array_unref (shown);
  shown = lc_meetings_page_dup_shown (page);
  g_assert_cmpuint (shown->len, ==, 2);
  g_assert_true (lc_plan_redo (plan, &error));

  /* The filters show what lc_plan_list_meetings() gives, for every type and project */
  {
    g_autoptr(LcMeeting) m = lc_meeting_new (LC_MEETING_CONSULTATION, "2025-11-02T09:30");
    gint64 projects[] = { 0, 1, 2 };

    g_array_append_val (m->project_ids, projects[2]);
    g_assert_cmpint (lc_plan_add_meeting (plan, m, &error), >, 0);
    for (int type = LC_MEETING_TYPE_ANY; type <= LC_MEETING_OTHER; type++)
      for (guint p = 0; p < G_N_ELEMENTS (projects); p++)
        g_assert_true (shown_equals_list (page, plan, type, projects[p]));
    lc_meetings_page_set_filter (page, LC_MEETING_COORDINATION, 2);
    g_array_unref (shown);
    shown = lc_meetings_page_dup_shown (page);
    g_assert_cmpuint (shown->len, ==, 1);
    g_assert_cmpint (g_array_index (shown, gint64, 0), ==, id);
    lc_meetings_page_set_filter (page, LC_MEETING_CONSULTATION, 0);
    g_array_unref (shown);
    shown = lc_meetings_page_dup_shown (page);
    g_assert_cmpuint (shown->len, ==, 1);
    lc_meetings_page_set_filter (page, LC_MEETING_TYPE_ANY, 0);
  }

  /* A project missing a meeting opens in the projects view */
  lc_meetings_page_activate_missing (page, 0);
  g_assert_cmpstr (lc_window_get_view (window), ==, "projects");

  /* The project editor shows the 三会 and saves a photo with the project, as one step */
  {
    LcProjectEditor *project_editor = lc_project_editor_new (GTK_WINDOW (window), plan, 2, NULL, NULL);
    LcStageList *stages = LC_STAGE_LIST (ui_test_find_widget (GTK_WIDGET (project_editor), LC_TYPE_STAGE_LIST));
    LcAttachmentList *list = LC_ATTACHMENT_LIST (ui_test_find_widget (GTK_WIDGET (project_editor), LC_TYPE_ATTACHMENT_LIST));
    g_autofree char *text = lc_stage_list_dup_text (stages);
    g_autoptr(GPtrArray) saved = NULL;

    gtk_window_present (GTK_WINDOW (project_editor));
    g_assert_nonnull (strstr (text, "2026-05-20"));
    g_assert_true (lc_attachment_list_add_file (list, png, &error));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (project_editor), "editor.save", NULL));
    saved = lc_plan_list_attachments (plan, "projects", 2, NULL);
    g_assert_cmpuint (saved->len, ==, 1);
    g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Edit Project");
    g_assert_true (lc_plan_undo (plan, &error));
    g_ptr_array_unref (saved);
    saved = lc_plan_list_attachments (plan, "projects", 2, NULL);
    g_assert_cmpuint (saved->len, ==, 0);
  }

  lc_plan_close (plan);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_skip (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

int
main (int    argc,
      char **argv)
{
  plan_fixture_use_temp_state ();
  app = ui_test_init (&argc, &argv);

  if (app == NULL)
    {
      g_test_add_func ("/ui/meetings/record-coordination", test_skip);
      return g_test_run ();
    }

  g_test_add_func ("/ui/meetings/record-coordination", test_record_coordination);
  return g_test_run ();
}
