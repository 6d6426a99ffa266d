/* test-problem.c: plans opened in place, their summary, and the problems every check reports
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-problem"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "lc-coverage.h"
#include "lc-facility.h"
#include "lc-meeting.h"
#include "lc-plan-summary.h"
#include "lc-problem.h"
#include "lc-project.h"
#include "plan-fixture.h"

static char *tmp_dir;

static char *
fixture_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "plan-v1.lcplan", NULL);
}

/* A copy of the fixture in tmp_dir with @sql run on it, or as it is */
static GFile *
fixture_copy (const char *name,
              const char *sql)
{
  g_autofree char *source = fixture_path ();
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (source, &data, &len, NULL));
  g_assert_true (g_file_set_contents (path, data, len, NULL));
  if (sql != NULL)
    {
      sqlite3 *db;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      plan_fixture_exec (db, sql);
      sqlite3_close (db);
    }
  return g_file_new_for_path (path);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_read_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = fixture_copy ("read-only.lcplan", NULL);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *recovery = lc_plan_get_recovery_dir ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(LcPlanSummary) summary = NULL;
  g_autoptr(GPtrArray) facilities = NULL;
  g_autoptr(LcCoverage) coverage = NULL;
  guint n_recovery = count_files (recovery);
  gsize len;

  g_assert_true (g_file_get_contents (path, &before, &len, NULL));
  plan = lc_plan_open_read_only (file, NULL, &error);
  g_assert_no_error (error);

  /* No working copy: nothing in the recovery folder, nothing beside the file */
  g_assert_null (lc_plan_get_recovery_id (plan));
  g_assert_cmpuint (count_files (recovery), ==, n_recovery);
  g_assert_cmpuint (count_files (tmp_dir), ==, 1);
  g_assert_true (lc_plan_get_file (plan) == file);

  summary = lc_plan_get_summary (plan, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (summary->format, ==, "lifecircle-plan");
  g_assert_cmpint (summary->format_version, ==, 1);
  g_assert_cmpstr (summary->saved_by, ==, "Life Circle Planner 0.1.0");
  g_assert_cmpstr (g_array_index (summary->counts, LcPlanTableCount, 0).table, ==, "lc_meta");
  for (guint i = 0; i < summary->counts->len; i++)
    {
      const LcPlanTableCount *count = &g_array_index (summary->counts, LcPlanTableCount, i);

      if (g_str_equal (count->table, "facilities"))
        g_assert_cmpint (count->rows, ==, 2);
      else if (g_str_equal (count->table, "service_thresholds"))
        g_assert_cmpint (count->rows, ==, 26);
    }

  /* Every reader works on it, also on a connection of its own */
  facilities = lc_plan_list_facilities (plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (facilities->len, ==, 2);
  coverage = lc_coverage_new_for_plan (plan, LC_COVERAGE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (coverage);

  /* …and every edit and save fails, saying why */
  g_assert_false (lc_plan_set_facility_area (plan, 2, 10, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (lc_plan_set_text (plan, "Rename", "unit_profile", 1, "unit_name", "x", &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (lc_plan_store_view (plan, 31.3, 121.5, 15, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (lc_plan_save (plan, NULL, NULL, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (lc_plan_get_modified (plan));

  g_clear_object (&plan);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_true (memcmp (before, after, len) == 0);
  g_assert_cmpuint (count_files (tmp_dir), ==, 1);
  g_unlink (path);
}

static void
test_read_only_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) trigger = fixture_copy ("trigger.lcplan", "CREATE TRIGGER t AFTER DELETE ON projects BEGIN SELECT 1; END;");
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/plan.lcplan");
  g_autofree char *text_path = g_build_filename (tmp_dir, "text.lcplan", NULL);
  g_autoptr(GFile) text = g_file_new_for_path (text_path);
  LcPlan *plan;

  /* Checked as lc_plan_open() checks: a plan refused for its problems… */
  plan = lc_plan_open_read_only (trigger, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_UNSAFE);
  g_assert_false (lc_plan_error_is_unreadable (error));
  g_clear_error (&error);

  /* …and files that are no plan at all */
  g_assert_true (g_file_set_contents (text_path, "<html>not a plan</html>", -1, NULL));
  plan = lc_plan_open_read_only (text, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_NOT_SQLITE);
  g_assert_true (lc_plan_error_is_unreadable (error));
  g_clear_error (&error);

  plan = lc_plan_open_read_only (missing, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (lc_plan_error_is_unreadable (error));

  g_unlink (text_path);
  g_unlink (g_file_peek_path (trigger));
}

static const LcProblem *
find (GPtrArray  *problems,
      const char *code)
{
  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (((LcProblem *) problems->pdata[i])->code, code))
      return problems->pdata[i];
  return NULL;
}

static void
test_list_problems (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LcPlan) plan = lc_plan_open (file, NULL, &error);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(LcProject) project = NULL;
  g_autoptr(LcProblem) copy = NULL;
  const LcProblem *p;

  g_assert_no_error (error);

  /* The fixture's project 1 lacks its consultation and held its evaluation
   * before completion: two warnings, nothing else */
  problems = lc_plan_list_problems (plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 2);
  p = find (problems, "LC-MTG-001");
  g_assert_nonnull (p);
  g_assert_cmpint (p->severity, ==, LC_PROBLEM_WARNING);
  g_assert_cmpstr (p->subject.kind, ==, "projects");
  g_assert_cmpint (p->subject.id, ==, 1);
  g_assert_cmpstr (p->message, ==, "“五角场人民坊建设”, Consultation meeting: The project has started without this meeting.");
  g_assert_nonnull (strstr (p->source, "事前征询会"));
  g_assert_nonnull (find (problems, "LC-MTG-002"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Edits through core show up: a 六艺亭 of 450 m² (a warning) and the
   * reserve project put on its year's list without its body, funding or
   * dates (an error, listed first) */
  g_assert_true (lc_plan_set_facility_area (plan, 2, 450, &error));
  g_assert_no_error (error);
  project = lc_plan_load_project (plan, 2, NULL);
  project->status = LC_PROJECT_STATUS_IN_PROGRESS;
  g_clear_pointer (&project->funding_source, g_free);
  g_assert_true (lc_plan_update_project (plan, project, &error));
  g_assert_no_error (error);

  problems = lc_plan_list_problems (plan, &error);
  g_assert_no_error (error);
  p = problems->pdata[0];
  g_assert_cmpstr (p->code, ==, "LC-PRJ-001");
  g_assert_cmpint (p->severity, ==, LC_PROBLEM_ERROR);
  g_assert_cmpint (p->subject.id, ==, 2);
  g_assert_cmpstr (p->message, ==, "“政民路口袋公园”, on the 2027 implementation list, is incomplete: "
                                   "No implementing body, No funding source, No start and end dates");
  g_assert_cmpuint (lc_problem_list_count (problems, LC_PROBLEM_ERROR), ==, 1);
  p = find (problems, "LC-FAC-003");
  g_assert_nonnull (p);
  g_assert_cmpint (p->severity, ==, LC_PROBLEM_WARNING);
  g_assert_cmpstr (p->subject.kind, ==, "facilities");
  g_assert_cmpint (p->subject.id, ==, 2);
  g_assert_cmpstr (p->subject.field, ==, "floor_area_m2");
  g_assert_true (g_str_has_prefix (p->message, "“政民路六艺亭”: A Liuyi Ting pavilion should not have"));

  /* A problem is a boxed type and copies deeply */
  copy = g_boxed_copy (LC_TYPE_PROBLEM, p);
  g_assert_true (copy->message != p->message);
  g_assert_cmpstr (copy->message, ==, p->message);
  g_assert_cmpstr (copy->subject.field, ==, "floor_area_m2");
  g_assert_cmpstr (lc_problem_severity_to_key (copy->severity), ==, "warning");
}

/* What the projects page and editor show, as it was before it moved to core */
static void
test_dup_missing (void)
{
  g_autoptr(LcProject) p = lc_project_new ();
  g_autofree char *reserve = NULL;
  g_autofree char *listed = NULL;
  char *none;
  const char *services[] = { "elderly", NULL };

  reserve = lc_project_dup_missing (p);
  g_assert_cmpstr (reserve, ==, "No services\nNo implementing body\nNo funding source");

  p->status = LC_PROJECT_STATUS_IN_PROGRESS;
  p->year = 2026;
  listed = lc_project_dup_missing (p);
  g_assert_cmpstr (listed, ==, "No services\nNo implementing body\nNo funding source\nNo start and end dates");

  g_strfreev (p->services);
  p->services = g_strdupv ((char **) services);
  p->implementing_body = g_strdup ("街道");
  p->funding_source = g_strdup ("区级财政");
  p->start_date = g_strdup ("2026-03");
  p->end_date = g_strdup ("2026-12");
  none = lc_project_dup_missing (p);
  g_assert_null (none);
}

static void
test_check_file (void)
{
  g_autoptr(GFile) file = fixture_copy ("check.lcplan",
                                        "UPDATE facilities SET floor_area_m2 = 250 WHERE fid = 2;"
                                        "CREATE TABLE extra (x);");
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/plan.lcplan");
  g_autoptr(GPtrArray) problems = NULL;
  gboolean readable = FALSE;

  /* The file's warnings and the content's together, with no error */
  problems = lc_plan_check_file (file, NULL, &readable);
  g_assert_true (readable);
  g_assert_cmpuint (lc_problem_list_count (problems, LC_PROBLEM_ERROR), ==, 0);
  g_assert_nonnull (find (problems, "LC-FILE-012"));
  g_assert_nonnull (find (problems, "LC-FAC-002"));
  g_assert_nonnull (find (problems, "LC-MTG-001"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  problems = lc_plan_check_file (missing, NULL, &readable);
  g_assert_false (readable);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((LcProblem *) problems->pdata[0])->code, ==, "LC-FILE-001");

  g_unlink (g_file_peek_path (file));
}

/* Every record check lists LcProblems with the record's code and subject,
 * and a write refuses the first error, warnings aside */
static void
test_record_checks (void)
{
  g_autoptr(LcProject) project = lc_project_new ();
  g_autoptr(LcNeed) need = lc_need_new ();
  g_autoptr(LcMeeting) meeting = lc_meeting_new (LC_MEETING_CONSULTATION, "soon");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const LcProblem *p;

  project->id = 7;
  project->year = 1999;
  problems = lc_project_check (project);
  g_assert_cmpuint (problems->len, ==, 2);
  p = problems->pdata[0];
  g_assert_cmpint (p->severity, ==, LC_PROBLEM_ERROR);
  g_assert_cmpstr (p->code, ==, "LC-PRJ-002");
  g_assert_cmpstr (p->subject.kind, ==, "projects");
  g_assert_cmpint (p->subject.id, ==, 7);
  g_assert_cmpstr (p->message, ==, "The project needs a name.");
  g_assert_false (lc_problem_list_to_error (problems, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "The project needs a name.");
  g_clear_error (&error);
  g_clear_pointer (&problems, g_ptr_array_unref);

  need->fid = 3;
  problems = lc_need_check (need);
  p = problems->pdata[0];
  g_assert_cmpstr (p->code, ==, "LC-NEED-001");
  g_assert_cmpstr (p->subject.kind, ==, "needs");
  g_assert_cmpint (p->subject.id, ==, 3);
  g_clear_pointer (&problems, g_ptr_array_unref);

  meeting->id = 2;
  meeting->attendance = -5;
  problems = lc_meeting_check (meeting);
  g_assert_cmpuint (problems->len, ==, 2);
  p = problems->pdata[1];
  g_assert_cmpstr (p->code, ==, "LC-MTG-003");
  g_assert_cmpstr (p->subject.kind, ==, "meetings");
  g_assert_cmpint (p->subject.id, ==, 2);
  g_assert_cmpstr (p->message, ==, "The attendance must be a number of people, zero or more.");
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A warning does not keep a record from being written */
  problems = lc_problem_list_new ();
  g_ptr_array_add (problems, lc_problem_new (LC_PROBLEM_WARNING, "LC-FAC-003", NULL, "facilities", 1, "big"));
  g_assert_true (lc_problem_list_to_error (problems, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  plan_fixture_use_temp_state ();
  tmp_dir = g_dir_make_tmp ("lc-problem-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/core/problem/read-only", test_read_only);
  g_test_add_func ("/core/problem/read-only-refused", test_read_only_refused);
  g_test_add_func ("/core/problem/list", test_list_problems);
  g_test_add_func ("/core/problem/dup-missing", test_dup_missing);
  g_test_add_func ("/core/problem/check-file", test_check_file);
  g_test_add_func ("/core/problem/record-checks", test_record_checks);

  result = g_test_run ();

  plan_fixture_remove_tree (tmp_dir);
  plan_fixture_remove_tree (g_get_user_state_dir ());
  g_free (tmp_dir);
  return result;
}
