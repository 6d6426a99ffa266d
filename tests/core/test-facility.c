/* test-facility.c: facilities: keys and names, loading, the rules, edits and their undo
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-facility"

#include "config.h"
#include "lc-plan-private.h"

#include <math.h>
#include <string.h>

#include "lc-facility.h"
#include "lc-plan.h"
#include "plan-fixture.h"

/* Where facilities are placed: near the fixture's 五角场 unit, with more
 * decimals than a blob round trip could keep by accident */
#define LON  121.5123456789
#define LAT  31.2987654321
#define LON2 121.5166666667
#define LAT2 31.3011111111

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* A fresh plan with a row in every table (plan_fixture_fill); the fill is
 * its one undo step */
static LcPlan *
new_filled_plan (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);

  g_assert_no_error (error);
  plan_fixture_fill (plan);
  return g_steal_pointer (&plan);
}

static char *
dump (LcPlan *plan)
{
  return plan_fixture_dump (lc_plan_get_database (plan));
}

/* Counts "changed" emissions: one per undo step made, none for an edit
 * that changed nothing */
typedef struct
{
  LcPlan *plan;
  guint   n_changed;
  gulong  handler;
} Recorder;

static void
on_changed (LcPlan       *plan,
            LcPlanChange  change,
            Recorder     *recorder)
{
  recorder->n_changed++;
}

static void
recorder_start (Recorder *recorder,
                LcPlan   *plan)
{
  recorder->plan = plan;
  recorder->n_changed = 0;
  recorder->handler = g_signal_connect (plan, "changed", G_CALLBACK (on_changed), recorder);
}

static void
recorder_stop (Recorder *recorder)
{
  g_clear_signal_handler (&recorder->handler, recorder->plan);
}

/* The edit just made was exactly one undo step, labelled @label: it was
 * one "changed"; one undo brings back @before exactly, and redo the plan as
 * the edit left it */
static void
assert_one_step (LcPlan     *plan,
                 Recorder   *recorder,
                 const char *label,
                 const char *before)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = dump (plan);
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_cmpuint (recorder->n_changed, ==, 1);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, label);
  g_assert_cmpstr (before, !=, after);

  g_assert_true (lc_plan_undo (plan, &error));
  g_assert_no_error (error);
  undone = dump (plan);
  g_assert_cmpstr (undone, ==, before);

  g_assert_true (lc_plan_redo (plan, &error));
  g_assert_no_error (error);
  redone = dump (plan);
  g_assert_cmpstr (redone, ==, after);

  recorder->n_changed = 0;
}

/* The edit just made made no undo step and changed nothing */
static void
assert_no_step (LcPlan     *plan,
                Recorder   *recorder,
                const char *undo_label,
                const char *before)
{
  g_autofree char *now = dump (plan);

  g_assert_cmpuint (recorder->n_changed, ==, 0);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, undo_label);
  g_assert_cmpstr (now, ==, before);
}

static GPtrArray *
check (LcPlan *plan,
       gint64  fid)
{
  g_autoptr(LcFacility) facility = lc_plan_load_facility (plan, fid, NULL);

  g_assert_nonnull (facility);
  return lc_facility_check (facility);
}

static void
assert_problem (GPtrArray         *problems,
                LcProblemSeverity  severity,
                const char        *code,
                const char        *field,
                const char        *message)
{
  LcProblem *problem;

  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->severity, ==, severity);
  g_assert_cmpstr (problem->code, ==, code);
  g_assert_cmpstr (problem->subject.kind, ==, "facilities");
  g_assert_cmpstr (problem->subject.field, ==, field);
  if (message != NULL)
    g_assert_cmpstr (problem->message, ==, message);
}

static void
test_keys (void)
{
  static const char *kinds[] = { "other", "renminfang", "liuyiting" };
  static const char *statuses[] = { "existing", "planned", "under_construction", "removed" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      LcFacilityKind kind = LC_FACILITY_KIND_OTHER;

      g_assert_cmpstr (lc_facility_kind_to_key (i), ==, kinds[i]);
      g_assert_true (lc_facility_kind_from_key (kinds[i], &kind));
      g_assert_cmpint (kind, ==, i);
    }
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      LcFacilityStatus status = LC_FACILITY_STATUS_EXISTING;

      g_assert_cmpstr (lc_facility_status_to_key (i), ==, statuses[i]);
      g_assert_true (lc_facility_status_from_key (statuses[i], &status));
      g_assert_cmpint (status, ==, i);
    }

  /* Unknown keys are refused, and leave the value as it was */
  {
    LcFacilityKind kind = LC_FACILITY_KIND_LIUYITING;
    LcFacilityStatus status = LC_FACILITY_STATUS_PLANNED;

    g_assert_false (lc_facility_kind_from_key ("kiosk", &kind));
    g_assert_false (lc_facility_kind_from_key (NULL, &kind));
    g_assert_cmpint (kind, ==, LC_FACILITY_KIND_LIUYITING);
    g_assert_false (lc_facility_status_from_key ("demolished", &status));
    g_assert_false (lc_facility_status_from_key (NULL, &status));
    g_assert_cmpint (status, ==, LC_FACILITY_STATUS_PLANNED);
  }

  g_assert_cmpstr (lc_facility_kind_get_name (LC_FACILITY_KIND_RENMINFANG), ==, "Renmin Fang hub");
  g_assert_cmpstr (lc_facility_kind_get_name (LC_FACILITY_KIND_LIUYITING), ==, "Liuyi Ting pavilion");
  g_assert_cmpstr (lc_facility_kind_get_name (LC_FACILITY_KIND_OTHER), ==, "Other facility");
  g_assert_cmpstr (lc_facility_status_get_name (LC_FACILITY_STATUS_EXISTING), ==, "Existing");
  g_assert_cmpstr (lc_facility_status_get_name (LC_FACILITY_STATUS_PLANNED), ==, "Planned");
  g_assert_cmpstr (lc_facility_status_get_name (LC_FACILITY_STATUS_UNDER_CONSTRUCTION), ==,
                   "Under construction");
  g_assert_cmpstr (lc_facility_status_get_name (LC_FACILITY_STATUS_REMOVED), ==, "Removed");
}

static void
test_load_fixture (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(LcFacility) hub = lc_plan_load_facility (plan, 1, NULL);
  g_autoptr(LcFacility) pavilion = lc_plan_load_facility (plan, 2, NULL);
  const char *hub_services[] = { "party_service", "elderly", "culture", NULL };

  g_assert_nonnull (hub);
  g_assert_cmpint (hub->fid, ==, 1);
  g_assert_cmpstr (hub->name, ==, "五角场人民坊");
  g_assert_cmpint (hub->kind, ==, LC_FACILITY_KIND_RENMINFANG);
  g_assert_cmpint (hub->status, ==, LC_FACILITY_STATUS_PLANNED);
  g_assert_cmpfloat (hub->floor_area_m2, ==, 1800);
  g_assert_null (hub->large_reason);
  g_assert_cmpstr (hub->notes, ==, "党群服务中心改造");
  g_assert_cmpfloat_with_epsilon (hub->longitude, 121.5140, 1e-9);
  g_assert_cmpfloat_with_epsilon (hub->latitude, 31.2990, 1e-9);
  /* Catalogue order: party_service, …, elderly, …, culture */
  g_assert_cmpstrv (hub->services, hub_services);

  g_assert_nonnull (pavilion);
  g_assert_cmpint (pavilion->kind, ==, LC_FACILITY_KIND_LIUYITING);
  g_assert_cmpint (pavilion->status, ==, LC_FACILITY_STATUS_EXISTING);
  g_assert_cmpfloat (pavilion->floor_area_m2, ==, 160);

  g_assert_null (lc_plan_load_facility (plan, 99, NULL));
}

static void
test_liuyiting (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(LcFacility) facility = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *before_add = dump (plan);
  g_autofree char *before = NULL;
  g_autofree char *undone = NULL;
  Recorder recorder;
  gint64 fid;

  recorder_start (&recorder, plan);

  /* Add: planned, no name, no area, no services, where it was placed */
  fid = lc_plan_add_facility (plan, LC_FACILITY_KIND_LIUYITING, LON, LAT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fid, >, 2);
  assert_one_step (plan, &recorder, "Add Liuyi Ting Pavilion", before_add);

  facility = lc_plan_load_facility (plan, fid, NULL);
  g_assert_nonnull (facility);
  g_assert_cmpint (facility->fid, ==, fid);
  g_assert_cmpint (facility->kind, ==, LC_FACILITY_KIND_LIUYITING);
  g_assert_cmpint (facility->status, ==, LC_FACILITY_STATUS_PLANNED);
  g_assert_null (facility->name);
  g_assert_true (isnan (facility->floor_area_m2));
  g_assert_nonnull (facility->services);
  g_assert_cmpuint (g_strv_length (facility->services), ==, 0);
  g_assert_cmpfloat_with_epsilon (facility->longitude, LON, 1e-9);
  g_assert_cmpfloat_with_epsilon (facility->latitude, LAT, 1e-9);
  g_clear_pointer (&facility, lc_facility_free);

  /* No area: nothing to object to */
  problems = check (plan, fid);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Move */
  before = dump (plan);
  g_assert_true (lc_plan_move_facility (plan, fid, LON2, LAT2, &error));
  g_assert_no_error (error);
  assert_one_step (plan, &recorder, "Move Facility", before);
  facility = lc_plan_load_facility (plan, fid, NULL);
  g_assert_cmpfloat_with_epsilon (facility->longitude, LON2, 1e-9);
  g_assert_cmpfloat_with_epsilon (facility->latitude, LAT2, 1e-9);
  g_clear_pointer (&facility, lc_facility_free);

  /* Moving it where it is is no edit */
  g_clear_pointer (&before, g_free);
  before = dump (plan);
  g_assert_true (lc_plan_move_facility (plan, fid, LON2, LAT2, &error));
  g_assert_no_error (error);
  assert_no_step (plan, &recorder, "Move Facility", before);

  /* 450 m²: over the 400 m² the action plan says it should not exceed */
  g_assert_true (lc_plan_set_facility_area (plan, fid, 450, &error));
  g_assert_no_error (error);
  assert_one_step (plan, &recorder, "Change Floor Area", before);
  problems = check (plan, fid);
  assert_problem (problems, LC_PROBLEM_WARNING, "LC-FAC-003", "floor_area_m2",
                  "A Liuyi Ting pavilion should not have more than 400 m² of floor area; "
                  "this one has 450 m².");
  g_assert_cmpint (((LcProblem *) problems->pdata[0])->subject.id, ==, fid);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Three undos: the area, the move, the add: back to before the add */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (lc_plan_undo (plan, &error));
      g_assert_no_error (error);
    }
  undone = dump (plan);
  g_assert_cmpstr (undone, ==, before_add);
  g_assert_null (lc_plan_load_facility (plan, fid, NULL));
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "fill");
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (lc_plan_redo (plan, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Change Floor Area");
  recorder.n_changed = 0;

  /* 250 m²: over 200 m² without a reason is a warning */
  g_clear_pointer (&before, g_free);
  before = dump (plan);
  g_assert_true (lc_plan_set_facility_area (plan, fid, 250, &error));
  g_assert_no_error (error);
  assert_one_step (plan, &recorder, "Change Floor Area", before);
  problems = check (plan, fid);
  assert_problem (problems, LC_PROBLEM_WARNING, "LC-FAC-002", "floor_area_m2", NULL);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* The same area again is no edit */
  g_clear_pointer (&before, g_free);
  before = dump (plan);
  g_assert_true (lc_plan_set_facility_area (plan, fid, 250, &error));
  g_assert_no_error (error);
  assert_no_step (plan, &recorder, "Change Floor Area", before);

  /* …and with a recorded reason it is fine */
  g_assert_true (lc_plan_set_text (plan, "Change Reason", "facilities", fid, "large_reason",
                                   "高需求：周边老年人口密集", &error));
  g_assert_no_error (error);
  assert_one_step (plan, &recorder, "Change Reason", before);
  problems = check (plan, fid);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A negative area is refused, and nothing changes */
  g_clear_pointer (&before, g_free);
  before = dump (plan);
  g_assert_false (lc_plan_set_facility_area (plan, fid, -5, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (lc_plan_set_facility_area (plan, fid, INFINITY, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  assert_no_step (plan, &recorder, "Change Reason", before);

  /* NAN stores NULL */
  g_assert_true (lc_plan_set_facility_area (plan, fid, NAN, &error));
  g_assert_no_error (error);
  assert_one_step (plan, &recorder, "Change Floor Area", before);
  g_assert_cmpint (query_int (lc_plan_get_database (plan),
                              "SELECT count(*) FROM facilities WHERE floor_area_m2 IS NULL"), ==, 1);
  facility = lc_plan_load_facility (plan, fid, NULL);
  g_assert_true (isnan (facility->floor_area_m2));
  g_clear_pointer (&facility, lc_facility_free);

  /* Positions off the globe are refused */
  g_clear_pointer (&before, g_free);
  before = dump (plan);
  g_assert_cmpint (lc_plan_add_facility (plan, LC_FACILITY_KIND_OTHER, 200, 31, &error), ==, -1);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (lc_plan_move_facility (plan, fid, 121.5, NAN, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  assert_no_step (plan, &recorder, "Change Floor Area", before);

  recorder_stop (&recorder);
}

static void
test_renminfang (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(LcFacility) facility = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *before = dump (plan);
  const char *one[] = { "elderly", NULL };
  const char *two[] = { "culture", "elderly", NULL };
  const char *two_sorted[] = { "elderly", "culture", NULL };
  const char *twice[] = { "elderly", "elderly", NULL };
  const char *unknown[] = { "elderly", "teleportation", NULL };
  Recorder recorder;
  gint64 fid;

  recorder_start (&recorder, plan);

  fid = lc_plan_add_facility (plan, LC_FACILITY_KIND_RENMINFANG, LON, LAT, &error);
  g_assert_no_error (error);
  assert_one_step (plan, &recorder, "Add Renmin Fang Hub", before);

  /* None, then one service: not a 人民坊 yet */
  problems = check (plan, fid);
  assert_problem (problems, LC_PROBLEM_ERROR, "LC-FAC-004", "services",
                  "A Renmin Fang hub combines at least two services; this one has 0.");
  g_clear_pointer (&problems, g_ptr_array_unref);

  g_clear_pointer (&before, g_free);
  before = dump (plan);
  g_assert_true (lc_plan_set_facility_services (plan, fid, one, &error));
  g_assert_no_error (error);
  assert_one_step (plan, &recorder, "Change Facility Services", before);
  problems = check (plan, fid);
  assert_problem (problems, LC_PROBLEM_ERROR, "LC-FAC-004", "services",
                  "A Renmin Fang hub combines at least two services; this one has 1.");
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Two: fine, and read back in catalogue order */
  g_clear_pointer (&before, g_free);
  before = dump (plan);
  g_assert_true (lc_plan_set_facility_services (plan, fid, two, &error));
  g_assert_no_error (error);
  assert_one_step (plan, &recorder, "Change Facility Services", before);
  problems = check (plan, fid);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);
  facility = lc_plan_load_facility (plan, fid, NULL);
  g_assert_cmpstrv (facility->services, two_sorted);
  g_clear_pointer (&facility, lc_facility_free);
  g_assert_cmpint (query_int (lc_plan_get_database (plan),
                              "SELECT count(*) FROM facility_services WHERE facility_fid > 2"
                              "  AND tier = ''"), ==, 2);

  /* The same services again, in another order, are no edit */
  g_clear_pointer (&before, g_free);
  before = dump (plan);
  g_assert_true (lc_plan_set_facility_services (plan, fid, two_sorted, &error));
  g_assert_no_error (error);
  assert_no_step (plan, &recorder, "Change Facility Services", before);

  /* An unknown key is refused and nothing changes */
  g_assert_false (lc_plan_set_facility_services (plan, fid, unknown, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "teleportation"));
  g_clear_error (&error);
  assert_no_step (plan, &recorder, "Change Facility Services", before);

  /* A service twice counts once */
  g_assert_true (lc_plan_set_facility_services (plan, fid, twice, &error));
  g_assert_no_error (error);
  assert_one_step (plan, &recorder, "Change Facility Services", before);
  problems = check (plan, fid);
  assert_problem (problems, LC_PROBLEM_ERROR, "LC-FAC-004", "services", NULL);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* None at all */
  g_clear_pointer (&before, g_free);
  before = dump (plan);
  g_assert_true (lc_plan_set_facility_services (plan, fid, NULL, &error));
  g_assert_no_error (error);
  assert_one_step (plan, &recorder, "Change Facility Services", before);
  facility = lc_plan_load_facility (plan, fid, NULL);
  g_assert_cmpuint (g_strv_length (facility->services), ==, 0);
  g_clear_pointer (&facility, lc_facility_free);

  recorder_stop (&recorder);
}

/* The fixture's hub offers party_service at tier 'centre', elderly and
 * culture; replacing culture by health keeps the others' rows and tiers */
static void
test_services_keep_tiers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autofree char *before = dump (plan);
  g_autofree char *rows = NULL;
  const char *services[] = { "party_service", "health", "elderly", NULL };
  Recorder recorder;
  sqlite3 *db = lc_plan_get_database (plan);

  recorder_start (&recorder, plan);

  g_assert_true (lc_plan_set_facility_services (plan, 1, services, &error));
  g_assert_no_error (error);
  assert_one_step (plan, &recorder, "Change Facility Services", before);

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM facility_services WHERE facility_fid = 1"),
                   ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM facility_services WHERE facility_fid = 1"
                                  "  AND service = 'party_service' AND tier = 'centre'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM facility_services WHERE facility_fid = 1"
                                  "  AND service = 'health' AND tier = ''"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM facility_services"
                                  "  WHERE service = 'culture'"), ==, 0);
  /* The other facility's row is untouched */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM facility_services WHERE facility_fid = 2"),
                   ==, 1);

  recorder_stop (&recorder);
}

static void
test_delete (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autofree char *before = dump (plan);
  sqlite3 *db = lc_plan_get_database (plan);
  Recorder recorder;

  recorder_start (&recorder, plan);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM facility_services WHERE facility_fid = 1"),
                   ==, 3);

  g_assert_true (lc_plan_delete_facility (plan, 1, &error));
  g_assert_no_error (error);
  g_assert_null (lc_plan_load_facility (plan, 1, NULL));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM facility_services WHERE facility_fid = 1"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM facility_services"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM projects WHERE facility_fid IS NOT NULL"),
                   ==, 0);
  /* Undo brings back the facility, its services and the project's link */
  assert_one_step (plan, &recorder, "Delete Facility", before);

  /* A facility that does not exist: an error, and no edit */
  g_clear_pointer (&before, g_free);
  before = dump (plan);
  g_assert_false (lc_plan_delete_facility (plan, 99, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (lc_plan_set_facility_area (plan, 99, 10, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED);
  g_clear_error (&error);
  assert_no_step (plan, &recorder, "Delete Facility", before);

  recorder_stop (&recorder);
}

static void
test_kind_status (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(LcFacility) facility = NULL;
  g_autofree char *before = dump (plan);
  Recorder recorder;

  recorder_start (&recorder, plan);

  /* The fixture's pavilion, 160 m², becomes an other facility, then under construction */
  g_assert_true (lc_plan_set_facility_kind (plan, 2, LC_FACILITY_KIND_OTHER, &error));
  g_assert_no_error (error);
  assert_one_step (plan, &recorder, "Change Facility Kind", before);

  g_clear_pointer (&before, g_free);
  before = dump (plan);
  g_assert_true (lc_plan_set_facility_kind (plan, 2, LC_FACILITY_KIND_OTHER, &error));
  g_assert_no_error (error);
  assert_no_step (plan, &recorder, "Change Facility Kind", before);

  g_assert_true (lc_plan_set_facility_status (plan, 2, LC_FACILITY_STATUS_UNDER_CONSTRUCTION,
                                              &error));
  g_assert_no_error (error);
  assert_one_step (plan, &recorder, "Change Facility Status", before);

  g_clear_pointer (&before, g_free);
  before = dump (plan);
  g_assert_true (lc_plan_set_facility_status (plan, 2, LC_FACILITY_STATUS_UNDER_CONSTRUCTION,
                                              &error));
  g_assert_no_error (error);
  assert_no_step (plan, &recorder, "Change Facility Status", before);

  facility = lc_plan_load_facility (plan, 2, NULL);
  g_assert_cmpint (facility->kind, ==, LC_FACILITY_KIND_OTHER);
  g_assert_cmpint (facility->status, ==, LC_FACILITY_STATUS_UNDER_CONSTRUCTION);

  recorder_stop (&recorder);
}

static void
test_rules (void)
{
  LcFacility f = { .kind = LC_FACILITY_KIND_LIUYITING, .floor_area_m2 = NAN };
  const char *services[] = { "elderly", "culture", NULL };
  g_autoptr(GPtrArray) problems = NULL;

  /* At the limits there is nothing to say */
  f.floor_area_m2 = LC_LIUYITING_NORMAL_AREA_M2;
  problems = lc_facility_check (&f);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A blank reason is no reason */
  f.floor_area_m2 = 200.5;
  f.large_reason = (char *) " \t";
  problems = lc_facility_check (&f);
  assert_problem (problems, LC_PROBLEM_WARNING, "LC-FAC-002", "floor_area_m2", NULL);
  g_clear_pointer (&problems, g_ptr_array_unref);

  f.large_reason = (char *) "high demand";
  f.floor_area_m2 = LC_LIUYITING_MAX_AREA_M2;
  problems = lc_facility_check (&f);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A reason does not excuse more than 400 m² */
  f.floor_area_m2 = 400.5;
  problems = lc_facility_check (&f);
  assert_problem (problems, LC_PROBLEM_WARNING, "LC-FAC-003", "floor_area_m2", NULL);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A negative area is an error for any kind */
  f.floor_area_m2 = -1;
  problems = lc_facility_check (&f);
  assert_problem (problems, LC_PROBLEM_ERROR, "LC-FAC-001", "floor_area_m2", NULL);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Other facilities and hubs may be any size */
  f.kind = LC_FACILITY_KIND_OTHER;
  f.large_reason = NULL;
  f.floor_area_m2 = 5000;
  problems = lc_facility_check (&f);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  f.kind = LC_FACILITY_KIND_RENMINFANG;
  f.services = (GStrv) services;
  problems = lc_facility_check (&f);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);
}

int
main (int    argc,
      char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);
  plan_fixture_use_temp_state ();

  g_test_add_func ("/core/facility/keys", test_keys);
  g_test_add_func ("/core/facility/load-fixture", test_load_fixture);
  g_test_add_func ("/core/facility/liuyiting", test_liuyiting);
  g_test_add_func ("/core/facility/renminfang", test_renminfang);
  g_test_add_func ("/core/facility/services-keep-tiers", test_services_keep_tiers);
  g_test_add_func ("/core/facility/delete", test_delete);
  g_test_add_func ("/core/facility/kind-status", test_kind_status);
  g_test_add_func ("/core/facility/rules", test_rules);

  result = g_test_run ();

  plan_fixture_remove_tree (g_get_user_state_dir ());
  return result;
}
