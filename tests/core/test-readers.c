/* test-readers.c: every reader of core tells a database error from an empty result
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-readers"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lc-attachment.h"
#include "lc-blueprint.h"
#include "lc-facility.h"
#include "lc-meeting.h"
#include "lc-plan-summary.h"
#include "lc-problem.h"
#include "lc-profile.h"
#include "lc-project.h"
#include "lc-search.h"
#include "lc-shape.h"
#include "plan-fixture.h"

/*
 * docs/HACKING.md, "Conventions": a reader returns its result, possibly
 * empty; NULL (or FALSE, or the documented sentinel) with the error set
 * when the plan cannot be read; and a loader of one row NULL with the
 * error unset when there is no such row. Each reader is run on a filled
 * plan, then with a table it reads renamed away, which SQLite refuses.
 */

/* Runs a reader: whether it gave a result */
typedef gboolean (*ReadFunc) (LcPlan  *plan,
                              GError **error);

#define FREEING(call, free_func) \
  G_STMT_START { gpointer r = (call); if (r == NULL) return FALSE; free_func (r); return TRUE; } G_STMT_END

static gboolean
list_projects (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_list_projects (plan, NULL, error), g_ptr_array_unref);
}

static gboolean
load_project (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_load_project (plan, 1, error), lc_project_free);
}

static gboolean
find_project (LcPlan *plan, GError **error)
{
  return lc_plan_find_project (plan, "五角场人民坊建设", error) != 0;
}

static gboolean
list_project_years (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_list_project_years (plan, error), g_array_unref);
}

static gboolean
list_needs (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_list_needs (plan, error), g_ptr_array_unref);
}

static gboolean
list_unanswered_needs (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_list_unanswered_needs (plan, error), g_ptr_array_unref);
}

static gboolean
load_need (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_load_need (plan, 1, error), lc_need_free);
}

static gboolean
list_blueprint_sections (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_list_blueprint_sections (plan, error), g_ptr_array_unref);
}

static gboolean
load_blueprint_section (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_load_blueprint_section (plan, 1, error), lc_blueprint_section_free);
}

static gboolean
get_blueprint_first_year (LcPlan *plan, GError **error)
{
  return lc_plan_get_blueprint_first_year (plan, error) != 0;
}

static gboolean
get_blueprint_targets (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_get_blueprint_targets (plan, error), lc_blueprint_targets_free);
}

static gboolean
list_meetings (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_list_meetings (plan, LC_MEETING_TYPE_ANY, 0, error), g_ptr_array_unref);
}

static gboolean
load_meeting (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_load_meeting (plan, 1, error), lc_meeting_free);
}

static gboolean
list_meeting_attendees (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_list_meeting_attendees (plan, 1, error), g_ptr_array_unref);
}

static gboolean
list_vote_options (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_list_vote_options (plan, 1, error), g_ptr_array_unref);
}

static gboolean
get_meeting_ratings (LcPlan *plan, GError **error)
{
  gint64 counts[5];

  return lc_plan_get_meeting_ratings (plan, 2, counts, error);
}

static gboolean
list_project_meetings (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_list_project_meetings (plan, error), g_ptr_array_unref);
}

static gboolean
list_attachments (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_list_attachments (plan, NULL, 0, error), g_ptr_array_unref);
}

static gboolean
load_attachment (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_load_attachment (plan, 1, error), lc_attachment_free);
}

static gboolean
get_attachment_data (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_get_attachment_data (plan, 1, error), g_bytes_unref);
}

static gboolean
get_attachments_size (LcPlan *plan, GError **error)
{
  return lc_plan_get_attachments_size (plan, error) >= 0;
}

static gboolean
list_facilities (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_list_facilities (plan, error), g_ptr_array_unref);
}

static gboolean
load_facility (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_load_facility (plan, 1, error), lc_facility_free);
}

static gboolean
load_geometry (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_load_geometry (plan, "walking_paths", 1, error), lc_geometry_free);
}

static gboolean
get_unit_area (LcPlan *plan, GError **error)
{
  return !isnan (lc_plan_get_unit_area_m2 (plan, error));
}

static gboolean
search (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_search (plan, "五角场", 10, error), g_ptr_array_unref);
}

static gboolean
get_profile (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_get_profile (plan, error), lc_profile_free);
}

static gboolean
list_thresholds (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_list_thresholds (plan, error), g_ptr_array_unref);
}

static gboolean
list_problems (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_list_problems (plan, error), g_ptr_array_unref);
}

static gboolean
get_summary (LcPlan *plan, GError **error)
{
  FREEING (lc_plan_get_summary (plan, error), lc_plan_summary_free);
}

/* A plan may have no attribution: only the error tells */
static gboolean
dup_attribution (LcPlan *plan, GError **error)
{
  g_free (lc_plan_dup_attribution (plan, error));
  return *error == NULL;
}

typedef struct
{
  const char *name;
  ReadFunc    read;
  const char *table;   /* one the reader reads */
} Reader;

static const Reader readers[] = {
  { "list-projects", list_projects, "project_services" },
  { "load-project", load_project, "project_milestones" },
  { "find-project", find_project, "projects" },
  { "list-project-years", list_project_years, "projects" },
  { "list-needs", list_needs, "need_projects" },
  { "list-unanswered-needs", list_unanswered_needs, "needs" },
  { "load-need", load_need, "needs" },
  { "list-blueprint-sections", list_blueprint_sections, "blueprint" },
  { "load-blueprint-section", load_blueprint_section, "blueprint" },
  { "get-blueprint-first-year", get_blueprint_first_year, "blueprint_targets" },
  { "get-blueprint-targets", get_blueprint_targets, "blueprint_targets" },
  { "list-meetings", list_meetings, "meeting_projects" },
  { "load-meeting", load_meeting, "meetings" },
  { "list-meeting-attendees", list_meeting_attendees, "meeting_attendees" },
  { "list-vote-options", list_vote_options, "vote_options" },
  { "get-meeting-ratings", get_meeting_ratings, "meeting_ratings" },
  { "list-project-meetings", list_project_meetings, "meetings" },
  { "list-attachments", list_attachments, "attachments" },
  { "load-attachment", load_attachment, "attachments" },
  { "get-attachment-data", get_attachment_data, "attachments" },
  { "get-attachments-size", get_attachments_size, "attachments" },
  { "list-facilities", list_facilities, "facility_services" },
  { "load-facility", load_facility, "facility_services" },
  { "load-geometry", load_geometry, "walking_paths" },
  { "get-unit-area", get_unit_area, "unit_boundary" },
  { "search", search, "needs" },
  { "get-profile", get_profile, "unit_profile" },
  { "list-thresholds", list_thresholds, "service_thresholds" },
  { "list-problems", list_problems, "meeting_projects" },
  { "get-summary", get_summary, "buildings" },
  { "dup-attribution", dup_attribution, "lc_meta" },
};

static void
test_reader (gconstpointer data)
{
  const Reader *reader = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  plan_fixture_fill (plan);
  g_assert_true (reader->read (plan, &error));
  g_assert_no_error (error);

  sql = g_strdup_printf ("ALTER TABLE %s RENAME TO gone", reader->table);
  plan_fixture_exec (lc_plan_get_database (plan), sql);
  g_assert_false (reader->read (plan, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "no such table"));
}

/* A loader finds no row: NULL, and no error */
static void
test_no_such_row (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);

  g_assert_no_error (error);
  g_assert_null (lc_plan_load_project (plan, 99, &error));
  g_assert_null (lc_plan_load_need (plan, 99, &error));
  g_assert_null (lc_plan_load_blueprint_section (plan, 99, &error));
  g_assert_null (lc_plan_load_meeting (plan, 99, &error));
  g_assert_null (lc_plan_load_attachment (plan, 99, &error));
  g_assert_null (lc_plan_load_facility (plan, 99, &error));
  g_assert_null (lc_plan_load_geometry (plan, "buildings", 99, &error));
  g_assert_cmpint (lc_plan_find_project (plan, "没有这个项目", &error), ==, 0);
  g_assert_true (isnan (lc_plan_get_unit_area_m2 (plan, &error)));
  g_assert_no_error (error);

  /* The bytes of an attachment that is not there are an error */
  g_assert_null (lc_plan_get_attachment_data (plan, 99, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  plan_fixture_use_temp_state ();

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_autofree char *path = g_strdup_printf ("/readers/database-error/%s", readers[i].name);

      g_test_add_data_func (path, &readers[i], test_reader);
    }
  g_test_add_func ("/readers/no-such-row", test_no_such_row);
  return g_test_run ();
}
