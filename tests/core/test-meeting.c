/* test-meeting.c: the 一图三会 meeting log, its arithmetic, attachments and exports
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-meeting"

#include "config.h"
#include "lc-plan-private.h"

#include <math.h>
#include <string.h>
#include <cairo.h>
#include <glib/gstdio.h>

#include "lc-attachment.h"
#include "lc-meeting.h"
#include "lc-meeting-export.h"
#include "plan-fixture.h"

static LcPlan *
new_filled_plan (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);

  g_assert_no_error (error);
  plan_fixture_fill (plan);
  return g_steal_pointer (&plan);
}

static gint64
count_sql (LcPlan     *plan,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (lc_plan_get_database (plan), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_names (void)
{
  LcMeetingType type;
  LcOrganiser organiser;

  g_assert_cmpstr (lc_meeting_type_to_key (LC_MEETING_COORDINATION), ==, "coordination");
  g_assert_true (lc_meeting_type_from_key ("evaluation", &type));
  g_assert_cmpint (type, ==, LC_MEETING_EVALUATION);
  g_assert_false (lc_meeting_type_from_key ("party", &type));
  g_assert_cmpstr (lc_meeting_type_get_name (LC_MEETING_CONSULTATION), ==, "Consultation meeting");
  g_assert_true (lc_organiser_from_key (NULL, &organiser));
  g_assert_cmpint (organiser, ==, LC_ORGANISER_NONE);
  g_assert_true (lc_organiser_from_key ("owners_committee", &organiser));
  g_assert_cmpint (organiser, ==, LC_ORGANISER_OWNERS_COMMITTEE);

  g_assert_true (lc_meeting_date_valid ("2025-10-12"));
  g_assert_true (lc_meeting_date_valid ("2025-10-12T14:00"));
  g_assert_true (lc_meeting_date_valid ("2025-10-12T14:00:00+08:00"));
  g_assert_false (lc_meeting_date_valid ("2025-02-30"));
  g_assert_false (lc_meeting_date_valid ("2025-10-12 14:00"));
  g_assert_false (lc_meeting_date_valid ("12/10/2025"));
  g_assert_false (lc_meeting_date_valid ("2025-10-12T25:00"));
  g_assert_false (lc_meeting_date_valid (""));
  g_assert_false (lc_meeting_date_valid (NULL));
}

static void
test_list_and_load (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GPtrArray) all = lc_plan_list_meetings (plan, LC_MEETING_TYPE_ANY, 0, NULL);
  g_autoptr(GPtrArray) coordination = lc_plan_list_meetings (plan, LC_MEETING_COORDINATION, 0, NULL);
  g_autoptr(GPtrArray) project2 = lc_plan_list_meetings (plan, LC_MEETING_TYPE_ANY, 2, NULL);
  g_autoptr(LcMeeting) m = lc_plan_load_meeting (plan, 1, NULL);
  LcMeeting *first;

  g_assert_cmpuint (all->len, ==, 2);
  first = g_ptr_array_index (all, 0);
  /* Newest first */
  g_assert_cmpint (first->id, ==, 2);
  g_assert_cmpint (first->type, ==, LC_MEETING_EVALUATION);
  g_assert_cmpuint (coordination->len, ==, 1);
  g_assert_cmpuint (project2->len, ==, 0);

  g_assert_nonnull (m);
  g_assert_cmpstr (m->place, ==, "五角场街道社区文化中心");
  g_assert_cmpint (m->organiser, ==, LC_ORGANISER_RESIDENTS_COMMITTEE);
  g_assert_cmpint (m->attendance, ==, 58);
  g_assert_cmpint (m->abstentions, ==, 3);
  g_assert_cmpfloat_with_epsilon (m->latitude, 31.2993, 1e-9);
  g_assert_cmpuint (m->project_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (m->project_ids, gint64, 0), ==, 1);
  g_assert_null (lc_plan_load_meeting (plan, 99, NULL));
}

static void
test_edits_and_undo (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LcMeeting) m = lc_meeting_new (LC_MEETING_CONSULTATION, "2026-01-05T19:00");
  g_autoptr(LcMeeting) loaded = NULL;
  g_autoptr(GPtrArray) attendees = NULL;
  gint64 project = 2, id, attendee;

  m->place = g_strdup ("政民路六艺亭");
  m->organiser = LC_ORGANISER_SUBDISTRICT;
  m->attendance = 24;
  m->minutes = g_strdup ("居民希望增加座椅和遮阳。");
  g_array_append_val (m->project_ids, project);

  /* Refused, nothing written */
  g_free (m->date_time);
  m->date_time = g_strdup ("next Tuesday");
  g_assert_cmpint (lc_plan_add_meeting (plan, m, &error), ==, -1);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "YYYY-MM-DD"));
  g_clear_error (&error);
  g_free (m->date_time);
  m->date_time = g_strdup ("2026-01-05T19:00");
  m->attendance = -5;
  g_assert_cmpint (lc_plan_add_meeting (plan, m, &error), ==, -1);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  m->attendance = 24;
  m->organiser = 17;
  g_assert_cmpint (lc_plan_add_meeting (plan, m, &error), ==, -1);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  m->organiser = LC_ORGANISER_SUBDISTRICT;
  g_assert_cmpint (count_sql (plan, "SELECT count(*) FROM meetings"), ==, 2);

  /* Added with its link, one undo step */
  id = lc_plan_add_meeting (plan, m, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Add Meeting");
  loaded = lc_plan_load_meeting (plan, id, NULL);
  g_assert_cmpstr (loaded->minutes, ==, "居民希望增加座椅和遮阳。");
  g_assert_cmpint (loaded->organiser, ==, LC_ORGANISER_SUBDISTRICT);
  g_assert_true (isnan (loaded->latitude));
  g_assert_cmpint (loaded->abstentions, ==, -1);
  g_assert_cmpuint (loaded->project_ids->len, ==, 1);
  g_assert_cmpuint (lc_plan_list_meetings (plan, LC_MEETING_TYPE_ANY, 2, NULL)->len, ==, 1);
  g_assert_true (lc_plan_undo (plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_sql (plan, "SELECT count(*) FROM meetings"), ==, 2);
  g_assert_cmpint (count_sql (plan, "SELECT count(*) FROM meeting_projects"), ==, 2);
  g_assert_true (lc_plan_redo (plan, &error));
  g_assert_cmpint (count_sql (plan, "SELECT count(*) FROM meeting_projects"), ==, 3);

  /* Update */
  loaded->type = LC_MEETING_OTHER;
  loaded->chair = g_strdup ("李书记");
  loaded->latitude = 31.30;
  loaded->longitude = 121.51;
  g_assert_true (lc_plan_update_meeting (plan, loaded, &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, lc_meeting_free);
  loaded = lc_plan_load_meeting (plan, id, NULL);
  g_assert_cmpint (loaded->type, ==, LC_MEETING_OTHER);
  g_assert_cmpstr (loaded->chair, ==, "李书记");
  g_assert_cmpfloat (loaded->longitude, ==, 121.51);
  loaded->longitude = NAN;
  g_assert_false (lc_plan_update_meeting (plan, loaded, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_true (lc_plan_undo (plan, &error));
  g_clear_pointer (&loaded, lc_meeting_free);
  loaded = lc_plan_load_meeting (plan, id, NULL);
  g_assert_cmpint (loaded->type, ==, LC_MEETING_CONSULTATION);
  g_assert_null (loaded->chair);

  /* Links */
  g_assert_true (lc_plan_link_meeting_project (plan, id, 1, &error));
  g_assert_cmpuint (lc_plan_list_meetings (plan, LC_MEETING_TYPE_ANY, 1, NULL)->len, ==, 3);
  g_assert_true (lc_plan_unlink_meeting_project (plan, id, 2, &error));
  g_assert_cmpuint (lc_plan_list_meetings (plan, LC_MEETING_TYPE_ANY, 2, NULL)->len, ==, 0);
  g_assert_false (lc_plan_link_meeting_project (plan, id, 42, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_true (lc_plan_undo (plan, &error));
  g_assert_cmpuint (lc_plan_list_meetings (plan, LC_MEETING_TYPE_ANY, 2, NULL)->len, ==, 1);

  /* Attendees */
  g_assert_cmpint (lc_plan_add_meeting_attendee (plan, id, "  ", NULL, &error), ==, -1);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  attendee = lc_plan_add_meeting_attendee (plan, id, "刘老师", "楼组长", &error);
  g_assert_no_error (error);
  attendees = lc_plan_list_meeting_attendees (plan, id, NULL);
  g_assert_cmpuint (attendees->len, ==, 1);
  g_assert_cmpstr (((LcMeetingAttendee *) attendees->pdata[0])->role, ==, "楼组长");
  g_assert_true (lc_plan_delete_meeting_attendee (plan, attendee, &error));
  g_assert_cmpint (count_sql (plan, "SELECT count(*) FROM meeting_attendees"), ==, 1);

  /* Deleting the fixture's coordination meeting takes its options, the
   * sign-in list and links along, and undo brings them all back */
  g_assert_true (lc_plan_delete_meeting (plan, 1, &error));
  g_assert_no_error (error);
  g_assert_null (lc_plan_load_meeting (plan, 1, NULL));
  g_assert_cmpint (count_sql (plan, "SELECT count(*) FROM vote_options"), ==, 0);
  g_assert_cmpint (count_sql (plan, "SELECT count(*) FROM meeting_attendees"), ==, 0);
  g_assert_cmpint (count_sql (plan, "SELECT count(*) FROM attachments"), ==, 0);
  g_assert_true (lc_plan_undo (plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_sql (plan, "SELECT count(*) FROM vote_options"), ==, 2);
  g_assert_cmpint (count_sql (plan, "SELECT count(*) FROM meeting_attendees"), ==, 1);
  g_assert_cmpint (count_sql (plan, "SELECT count(*) FROM attachments"), ==, 1);
  g_assert_cmpint (count_sql (plan, "SELECT count(*) FROM meeting_projects WHERE meeting_id = 1"), ==, 1);
  g_assert_false (lc_plan_delete_meeting (plan, 99, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
}

static LcVoteOption *
option (gint64 paper,
        gint64 other)
{
  LcVoteOption *o = g_new0 (LcVoteOption, 1);

  o->label = g_strdup ("x");
  o->votes_paper = paper;
  o->votes_other = other;
  return o;
}

static void
test_vote_arithmetic (void)
{
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_vote_option_free);
  g_autoptr(LcVoteResult) r = NULL;
  g_autoptr(LcVoteResult) tie = NULL;
  g_autoptr(LcVoteResult) none = NULL;

  g_ptr_array_add (options, option (31, 7));
  g_ptr_array_add (options, option (14, 3));
  g_ptr_array_add (options, option (0, 5));
  r = lc_vote_result_new (options, 3);
  g_assert_cmpint (r->votes[0], ==, 38);
  g_assert_cmpint (r->votes[1], ==, 17);
  g_assert_cmpint (r->votes_cast, ==, 60);
  g_assert_cmpint (r->ballots, ==, 63);
  g_assert_cmpfloat_with_epsilon (r->shares[0], 38.0 / 60, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->shares[0] + r->shares[1] + r->shares[2], 1, 1e-12);
  g_assert_cmpfloat_with_epsilon (r->abstention_share, 3.0 / 63, 1e-12);
  g_assert_cmpint (r->winner, ==, 0);
  g_assert_false (r->tie);

  /* Option 3 draws level with option 1 */
  ((LcVoteOption *) options->pdata[2])->votes_paper = 33;
  tie = lc_vote_result_new (options, -1);
  g_assert_true (tie->tie);
  g_assert_cmpint (tie->winner, ==, -1);
  g_assert_cmpint (tie->abstentions, ==, 0);

  g_ptr_array_set_size (options, 0);
  g_ptr_array_add (options, option (0, 0));
  g_ptr_array_add (options, option (0, 0));
  none = lc_vote_result_new (options, 4);
  g_assert_cmpint (none->winner, ==, -1);
  g_assert_false (none->tie);
  g_assert_cmpfloat (none->shares[0], ==, 0);
  g_assert_cmpfloat (none->abstention_share, ==, 1);
}

static void
test_votes_in_plan (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) options = NULL;
  g_autoptr(LcVoteResult) r = NULL;
  gint64 c;

  options = lc_plan_list_vote_options (plan, 1, NULL);
  g_assert_cmpuint (options->len, ==, 2);
  r = lc_vote_result_new (options, 3);
  g_assert_cmpint (r->winner, ==, 0);
  g_assert_cmpint (((LcVoteOption *) options->pdata[0])->attachment_id, ==, 1);

  c = lc_plan_add_vote_option (plan, 1, "方案 C", "保留大树", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lc_plan_add_vote_option (plan, 1, "", NULL, 0, &error), ==, -1);
  g_clear_error (&error);
  g_assert_cmpint (lc_plan_add_vote_option (plan, 1, "方案 D", NULL, 77, &error), ==, -1);
  g_clear_error (&error);
  g_assert_true (lc_plan_set_vote_counts (plan, c, 40, 2, &error));
  g_assert_false (lc_plan_set_vote_counts (plan, c, -1, 2, &error));
  g_clear_error (&error);
  g_ptr_array_unref (options);
  options = lc_plan_list_vote_options (plan, 1, NULL);
  g_assert_cmpuint (options->len, ==, 3);
  g_assert_cmpstr (((LcVoteOption *) options->pdata[2])->label, ==, "方案 C");
  g_assert_cmpint (((LcVoteOption *) options->pdata[2])->sort, ==, 2);
  g_clear_pointer (&r, lc_vote_result_free);
  r = lc_vote_result_new (options, 3);
  g_assert_cmpint (r->winner, ==, 2);

  /* Relabelled, its drawing dropped; an empty label is refused */
  g_assert_true (lc_plan_update_vote_option (plan, c, "方案 丙", "保留两棵大树", 1, &error));
  g_assert_cmpint (count_sql (plan, "SELECT count(*) FROM vote_options WHERE label = '方案 丙' AND attachment_id = 1"), ==, 1);
  g_assert_false (lc_plan_update_vote_option (plan, c, " ", NULL, 0, &error));
  g_clear_error (&error);
  g_assert_false (lc_plan_update_vote_option (plan, c, "方案 丙", NULL, 77, &error));
  g_clear_error (&error);
  g_assert_true (lc_plan_undo (plan, &error));
  g_assert_cmpint (count_sql (plan, "SELECT count(*) FROM vote_options WHERE label = '方案 C'"), ==, 1);

  g_assert_true (lc_plan_undo (plan, &error));
  g_assert_cmpint (count_sql (plan, "SELECT votes_paper FROM vote_options WHERE label = '方案 C'"), ==, 0);
  g_assert_true (lc_plan_delete_vote_option (plan, c, &error));
  g_assert_cmpint (count_sql (plan, "SELECT count(*) FROM vote_options"), ==, 2);
}

static void
test_ratings (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GError) error = NULL;
  gint64 counts[5];
  const gint64 bad[5] = { 1, -2, 0, 0, 0 };
  const gint64 mixed[5] = { 2, 3, 5, 10, 20 };
  LcRatingSummary s;

  lc_plan_get_meeting_ratings (plan, 2, counts, NULL);
  g_assert_cmpint (counts[0], ==, 0);
  g_assert_cmpint (counts[2], ==, 5);
  g_assert_cmpint (counts[4], ==, 20);
  lc_rating_summary_compute (counts, &s);
  /* (3×5 + 4×10 + 5×20) ÷ 35 = 155 ÷ 35; satisfied (4–5) 30 ÷ 35 */
  g_assert_cmpint (s.total, ==, 35);
  g_assert_cmpfloat_with_epsilon (s.average, 155.0 / 35, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.satisfied_share, 30.0 / 35, 1e-12);

  lc_rating_summary_compute (mixed, &s);
  g_assert_cmpint (s.total, ==, 40);
  g_assert_cmpfloat_with_epsilon (s.average, (2 + 6 + 15 + 40 + 100) / 40.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.satisfied_share, 0.75, 1e-12);

  memset (counts, 0, sizeof counts);
  lc_rating_summary_compute (counts, &s);
  g_assert_true (isnan (s.average));
  g_assert_true (isnan (s.satisfied_share));

  g_assert_false (lc_plan_set_meeting_ratings (plan, 2, bad, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_true (lc_plan_set_meeting_ratings (plan, 2, mixed, &error));
  g_assert_no_error (error);
  lc_plan_get_meeting_ratings (plan, 2, counts, NULL);
  g_assert_cmpint (counts[0], ==, 2);
  g_assert_cmpint (counts[4], ==, 20);
  g_assert_cmpint (count_sql (plan, "SELECT count(*) FROM meeting_ratings WHERE meeting_id = 2"), ==, 5);
  g_assert_true (lc_plan_undo (plan, &error));
  lc_plan_get_meeting_ratings (plan, 2, counts, NULL);
  g_assert_cmpint (counts[0], ==, 0);
  g_assert_cmpint (counts[2], ==, 5);
  g_assert_cmpint (count_sql (plan, "SELECT count(*) FROM meeting_ratings WHERE meeting_id = 2"), ==, 3);
}

/* ---- 三会 order rules on hand-made projects ---- */

static void
add_meeting (GPtrArray     *meetings,
             LcMeetingType  type,
             const char    *date)
{
  LcMeeting *m = lc_meeting_new (type, date);

  m->id = meetings->len + 1;
  g_ptr_array_add (meetings, m);
}

static LcProjectMeetings *
project (LcProjectStatus  status,
         const char      *start,
         const char      *end)
{
  LcProjectMeetings *pm = g_new0 (LcProjectMeetings, 1);

  pm->project_id = 1;
  pm->status = status;
  pm->start_date = g_strdup (start);
  pm->end_date = g_strdup (end);
  return pm;
}

static void
test_stage_rules (void)
{
  g_autoptr(GPtrArray) meetings = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_meeting_free);
  g_autoptr(LcProjectMeetings) reserve = project (LC_PROJECT_STATUS_RESERVE, NULL, NULL);
  g_autoptr(LcProjectMeetings) started = project (LC_PROJECT_STATUS_IN_PROGRESS, "2026-03-01", "2026-12-31");
  g_autoptr(LcProjectMeetings) done = project (LC_PROJECT_STATUS_COMPLETED, "2026-03-01", "2026-12-31");
  g_autoptr(LcProjectMeetings) late = project (LC_PROJECT_STATUS_COMPLETED, "2026-03-01", "2026-12-31");

  /* Nothing held: a reserve project owes nothing yet; one under way owes
   * the first two; a completed one all three */
  lc_project_meetings_evaluate (reserve, meetings);
  for (guint s = 0; s < LC_N_STAGES; s++)
    g_assert_cmpint (reserve->stages[s].state, ==, LC_STAGE_NOT_DUE);
  g_assert_true (lc_project_meetings_complete (reserve));
  lc_project_meetings_evaluate (started, meetings);
  g_assert_cmpint (started->stages[LC_STAGE_CONSULTATION].state, ==, LC_STAGE_MISSING);
  g_assert_cmpint (started->stages[LC_STAGE_COORDINATION].state, ==, LC_STAGE_MISSING);
  g_assert_cmpint (started->stages[LC_STAGE_EVALUATION].state, ==, LC_STAGE_NOT_DUE);
  g_assert_nonnull (started->stages[LC_STAGE_CONSULTATION].note);
  g_assert_false (lc_project_meetings_complete (started));

  /* All three, in order; a second, later consultation does not matter */
  add_meeting (meetings, LC_MEETING_CONSULTATION, "2025-11-02T09:00");
  add_meeting (meetings, LC_MEETING_CONSULTATION, "2026-05-01");
  add_meeting (meetings, LC_MEETING_COORDINATION, "2026-02-10");
  add_meeting (meetings, LC_MEETING_OTHER, "2026-04-10");
  add_meeting (meetings, LC_MEETING_EVALUATION, "2027-01-15T14:30:00+08:00");
  lc_project_meetings_evaluate (done, meetings);
  for (guint s = 0; s < LC_N_STAGES; s++)
    g_assert_cmpint (done->stages[s].state, ==, LC_STAGE_HELD);
  g_assert_cmpint (done->stages[LC_STAGE_CONSULTATION].meeting_id, ==, 1);
  g_assert_cmpstr (done->stages[LC_STAGE_CONSULTATION].date, ==, "2025-11-02");
  g_assert_cmpstr (done->stages[LC_STAGE_EVALUATION].date, ==, "2027-01-15");
  g_assert_true (lc_project_meetings_complete (done));

  /* The same meetings for a project still under way: the evaluation is too early */
  lc_project_meetings_evaluate (started, meetings);
  g_assert_cmpint (started->stages[LC_STAGE_CONSULTATION].state, ==, LC_STAGE_HELD);
  g_assert_cmpint (started->stages[LC_STAGE_EVALUATION].state, ==, LC_STAGE_OUT_OF_ORDER);
  g_assert_false (lc_project_meetings_complete (started));

  /* Consultation after the start; coordination after the end; evaluation before it */
  g_ptr_array_set_size (meetings, 0);
  add_meeting (meetings, LC_MEETING_CONSULTATION, "2026-03-02");
  add_meeting (meetings, LC_MEETING_COORDINATION, "2027-01-02");
  add_meeting (meetings, LC_MEETING_EVALUATION, "2026-12-30");
  lc_project_meetings_evaluate (late, meetings);
  g_assert_cmpint (late->stages[LC_STAGE_CONSULTATION].state, ==, LC_STAGE_OUT_OF_ORDER);
  g_assert_cmpint (late->stages[LC_STAGE_COORDINATION].state, ==, LC_STAGE_OUT_OF_ORDER);
  g_assert_cmpint (late->stages[LC_STAGE_EVALUATION].state, ==, LC_STAGE_OUT_OF_ORDER);
  g_assert_nonnull (late->stages[LC_STAGE_EVALUATION].note);

  /* Coordination before the consultation; the start day itself is in time */
  g_ptr_array_set_size (meetings, 0);
  add_meeting (meetings, LC_MEETING_CONSULTATION, "2026-03-01");
  add_meeting (meetings, LC_MEETING_COORDINATION, "2026-02-01");
  lc_project_meetings_evaluate (late, meetings);
  g_assert_cmpint (late->stages[LC_STAGE_CONSULTATION].state, ==, LC_STAGE_HELD);
  g_assert_cmpint (late->stages[LC_STAGE_COORDINATION].state, ==, LC_STAGE_OUT_OF_ORDER);
  g_assert_cmpint (late->stages[LC_STAGE_EVALUATION].state, ==, LC_STAGE_MISSING);
}

static void
test_stage_status_in_plan (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GPtrArray) all = lc_plan_list_project_meetings (plan, NULL);
  g_autoptr(GPtrArray) missing = lc_project_meetings_missing (all);
  LcProjectMeetings *p1;

  g_assert_cmpuint (all->len, ==, 2);
  p1 = g_ptr_array_index (all, 0);
  g_assert_cmpint (p1->project_id, ==, 1);
  g_assert_cmpstr (p1->name, ==, "五角场人民坊建设");
  /* In progress: no consultation; the coordination on 2025-10-12 is in
   * time; the evaluation came before completion */
  g_assert_cmpint (p1->stages[LC_STAGE_CONSULTATION].state, ==, LC_STAGE_MISSING);
  g_assert_cmpint (p1->stages[LC_STAGE_COORDINATION].state, ==, LC_STAGE_HELD);
  g_assert_cmpint (p1->stages[LC_STAGE_COORDINATION].meeting_id, ==, 1);
  g_assert_cmpint (p1->stages[LC_STAGE_EVALUATION].state, ==, LC_STAGE_OUT_OF_ORDER);
  g_assert_cmpuint (missing->len, ==, 1);
  g_assert_true (g_ptr_array_index (missing, 0) == p1);
}

/* ---- attachments ---- */

static void
test_attachments (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GError) error = NULL;
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  g_autoptr(GBytes) bytes = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(LcAttachment) a = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *dir = g_dir_make_tmp ("lc-attach-XXXXXX", NULL);
  g_autofree char *big_path = g_build_filename (dir, "扫描件.pdf", NULL);
  g_autofree char *small_path = g_build_filename (dir, "签到表.jpg", NULL);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autoptr(GFile) small = g_file_new_for_path (small_path);
  g_autofree char *before = NULL, *after = NULL;
  gint64 id, id2;
  FILE *f;

  id = lc_plan_add_attachment_bytes (plan, "示意图", bytes, "meetings", 1, "现场照片", &error);
  g_assert_no_error (error);
  a = lc_plan_load_attachment (plan, id, NULL);
  /* Sniffed from the bytes, the name having no extension */
  g_assert_cmpstr (a->mime_type, ==, "image/png");
  g_assert_cmpint (a->size, ==, sizeof png);
  g_assert_cmpstr (a->sha256, ==, sha);
  g_assert_cmpstr (a->owner_table, ==, "meetings");
  g_assert_cmpstr (a->caption, ==, "现场照片");
  back = lc_plan_get_attachment_data (plan, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, bytes));
  list = lc_plan_list_attachments (plan, "meetings", 1, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (lc_plan_get_attachments_size (plan, NULL), ==, 4 + sizeof png);

  g_assert_cmpint (lc_plan_add_attachment_bytes (plan, "x", bytes, "sqlite_master", 1, NULL, &error), ==, -1);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpint (lc_plan_add_attachment_bytes (plan, "x", bytes, "meetings", 99, NULL, &error), ==, -1);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* A sparse file 1 MiB over the limit is refused before it is read,
   * and nothing is written */
  f = g_fopen (big_path, "wb");
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, LC_ATTACHMENT_MAX_SIZE + 1024 * 1024 - 1, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc ('x', f), ==, 'x');
  fclose (f);
  before = plan_fixture_dump_table (lc_plan_get_database (plan), "attachments");
  g_assert_cmpint (lc_plan_add_attachment_file (plan, big, "meetings", 1, NULL, NULL, &error), ==, -1);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "扫描件.pdf"));
  g_assert_nonnull (strstr (error->message, "is 21.0\u00a0MiB; a file attached to a plan may be at most 20.0\u00a0MiB"));
  g_clear_error (&error);
  after = plan_fixture_dump_table (lc_plan_get_database (plan), "attachments");
  g_assert_cmpstr (before, ==, after);

  /* A file within the limit, its type from its name */
  g_assert_true (g_file_set_contents (small_path, "not really a jpeg", -1, NULL));
  id2 = lc_plan_add_attachment_file (plan, small, "vote_options", 2, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&a, lc_attachment_free);
  a = lc_plan_load_attachment (plan, id2, NULL);
  g_assert_cmpstr (a->name, ==, "签到表.jpg");
  g_assert_cmpstr (a->mime_type, ==, "image/jpeg");

  /* Delete, and undo */
  g_assert_true (lc_plan_delete_attachment (plan, id, &error));
  g_assert_null (lc_plan_get_attachment_data (plan, id, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (lc_plan_delete_attachment (plan, id, &error));
  g_clear_error (&error);
  g_assert_true (lc_plan_undo (plan, &error));
  g_clear_pointer (&a, lc_attachment_free);
  a = lc_plan_load_attachment (plan, id, NULL);
  g_assert_nonnull (a);

  g_unlink (big_path);
  g_unlink (small_path);
  g_rmdir (dir);
}

static void
test_attachment_total_limit (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GError) error = NULL;
  gsize size = 3 * 1024 * 1024;
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (size), size);

  /* A plan that already holds 195 MiB of attachments (as recorded; the
   * stored bytes are few, to keep the test light) takes one more of 3 MiB,
   * not a second */
  plan_fixture_exec (lc_plan_get_database (plan),
                     "INSERT INTO attachments (name, size, sha256, data) VALUES ('big.tif', 204472320, '', x'00')");
  g_assert_cmpint (lc_plan_get_attachments_size (plan, NULL), ==, 195 * 1024 * 1024 + 4);
  g_assert_cmpint (lc_plan_add_attachment_bytes (plan, "photo.bin", bytes, NULL, 0, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (lc_plan_add_attachment_bytes (plan, "photo.bin", bytes, NULL, 0, NULL, &error), ==, -1);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "at most 200.0\u00a0MiB"));
  g_assert_cmpint (lc_plan_get_attachments_size (plan, NULL), ==, 198 * 1024 * 1024 + 4);
}

/* ---- exports ---- */

/* Whether a PNG has ink: enough pixels that are not white */
static guint
dark_pixels (const char *png)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (png);
  guint dark = 0;

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (image);
  for (int y = 0; y < cairo_image_surface_get_height (image); y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (image) +
                                              y * cairo_image_surface_get_stride (image));

      for (int x = 0; x < cairo_image_surface_get_width (image); x++)
        if ((row[x] & 0xff) < 128 && ((row[x] >> 8) & 0xff) < 128)
          dark++;
    }
  cairo_surface_destroy (image);
  return dark;
}

/* Whether @needle is in @length bytes of binary @haystack */
static gboolean
contains (const char *haystack,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
check_pdf (const char *pdf)
{
  g_autofree char *contents = NULL;
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  gsize length;

  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_true (contains (contents + length - MIN (length, 16), MIN (length, 16), "%%EOF"));
  /* The CJK face is embedded */
  g_assert_true (contains (contents, length, "NotoSansCJK"));

  if (pdftoppm == NULL)
    g_test_message ("pdftoppm is not installed: the PDF is not rendered, only its PNG twin is checked");
  else
    {
      g_autofree char *prefix = g_strconcat (pdf, "-page", NULL);
      g_autofree char *png = g_strconcat (prefix, ".png", NULL);
      const char *argv[] = { pdftoppm, "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", pdf, prefix, NULL };
      int status = -1;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, NULL));
      g_assert_cmpint (status, ==, 0);
      g_assert_cmpuint (dark_pixels (png), >, 500);
      g_unlink (png);
    }
}

static void
test_export (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lc-export-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "minutes.pdf", NULL);
  g_autofree char *png = g_build_filename (dir, "minutes.png", NULL);
  g_autofree char *blank_png = g_build_filename (dir, "blank.png", NULL);
  g_autofree char *summary = g_build_filename (dir, "summary.pdf", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "summary.csv", NULL);
  g_autofree char *csv = NULL;
  g_autoptr(LcMeeting) bare = lc_meeting_new (LC_MEETING_OTHER, "2026-02-02");
  gint64 bare_id;
  guint ink, blank_ink;

  g_assert_true (lc_meeting_export_minutes (plan, 1, pdf, &error));
  g_assert_no_error (error);
  check_pdf (pdf);
  g_assert_true (lc_meeting_export_minutes (plan, 2, pdf, &error));
  check_pdf (pdf);

  /* The first page as PNG: the minutes with their chart have far more ink
   * than a meeting with nothing but its title */
  g_assert_true (lc_meeting_export_minutes (plan, 1, png, &error));
  g_assert_no_error (error);
  ink = dark_pixels (png);
  bare_id = lc_plan_add_meeting (plan, bare, &error);
  g_assert_true (lc_meeting_export_minutes (plan, bare_id, blank_png, &error));
  blank_ink = dark_pixels (blank_png);
  g_test_message ("dark pixels: %u in the minutes, %u in a bare meeting's", ink, blank_ink);
  g_assert_cmpuint (blank_ink, >, 1000);
  g_assert_cmpuint (ink, >, 3 * blank_ink);

  g_assert_false (lc_meeting_export_minutes (plan, 99, pdf, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (lc_meeting_export_minutes (plan, 1, "/nonexistent/dir/m.pdf", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (lc_meetings_export_summary (plan, summary, &error));
  g_assert_no_error (error);
  check_pdf (summary);

  g_assert_true (lc_meetings_export_summary (plan, csv_path, &error));
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF" "id,Project,Status,"));
  g_assert_nonnull (strstr (csv, "\r\n1,五角场人民坊建设,in_progress,2026-03-01,2026-12-31,missing,,"
                                 "The project has started without this meeting.,held,2025-10-12,,out_of_order,2026-12-20,"));
  g_assert_true (g_str_has_suffix (csv, ",no\r\n2,政民路口袋公园,reserve,,,not_due,,,not_due,,,not_due,,,yes\r\n"));

  g_unlink (pdf);
  g_unlink (png);
  g_unlink (blank_png);
  g_unlink (summary);
  g_unlink (csv_path);
  g_rmdir (dir);
}

/* Whether @data holds @text (the PDF holds NUL bytes) */
static gboolean
holds (const char *data,
       gsize       len,
       const char *text)
{
  gsize n = strlen (text);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, text, n) == 0)
      return TRUE;
  return FALSE;
}

/* Latin text in exported minutes is set in a Latin face: the curly quotes
 * and dashes of English are not taken from the CJK face, full width */
static void
test_export_latin (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LcMeeting) m = lc_meeting_new (LC_MEETING_OTHER, "2026-02-02T10:00");
  g_autofree char *dir = g_dir_make_tmp ("lc-export-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "minutes.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  gint64 id;

  m->place = g_strdup ("Residents’ hall");
  m->minutes = g_strdup ("It’s the residents’ plan — “Scheme A” won, 'B' and \"C\" did not.");
  id = lc_plan_add_meeting (plan, m, &error);
  g_assert_no_error (error);
  g_assert_true (lc_meeting_export_minutes (plan, id, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &len, NULL));
  /* The font names of the embedded subsets are plain text in the PDF */
  g_assert_true (holds (contents, len, "LiberationSans") || holds (contents, len, "DejaVuSans"));
  g_assert_false (holds (contents, len, "NotoSansCJK"));
  g_unlink (pdf);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  plan_fixture_use_temp_state ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/meeting/names", test_names);
  g_test_add_func ("/meeting/list-and-load", test_list_and_load);
  g_test_add_func ("/meeting/edits-and-undo", test_edits_and_undo);
  g_test_add_func ("/meeting/vote-arithmetic", test_vote_arithmetic);
  g_test_add_func ("/meeting/votes-in-plan", test_votes_in_plan);
  g_test_add_func ("/meeting/ratings", test_ratings);
  g_test_add_func ("/meeting/stage-rules", test_stage_rules);
  g_test_add_func ("/meeting/stage-status-in-plan", test_stage_status_in_plan);
  g_test_add_func ("/meeting/attachments", test_attachments);
  g_test_add_func ("/meeting/attachment-total-limit", test_attachment_total_limit);
  g_test_add_func ("/meeting/export", test_export);
  g_test_add_func ("/meeting/export-latin", test_export_latin);

  return g_test_run ();
}
