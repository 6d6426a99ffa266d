/* test-map-features.c: what the map overlay draws of a plan, read in core
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-map-features"

#include "config.h"
#include "lc-plan-private.h"

#include <string.h>

#include "lc-map-features.h"
#include "lc-plan.h"
#include "lc-services.h"
#include "plan-fixture.h"

static guint32
bit (const char *service)
{
  g_assert_cmpint (lc_service_get_index (service), >=, 0);
  return 1u << lc_service_get_index (service);
}

static const LcMapFacility *
find_facility (LcMapFeatures *features,
               gint64         fid)
{
  for (guint i = 0; i < features->facilities->len; i++)
    if (g_array_index (features->facilities, LcMapFacility, i).fid == fid)
      return &g_array_index (features->facilities, LcMapFacility, i);
  return NULL;
}

/* Adds more kinds of facility to the fixture's, in one edit */
static void
add_facilities (LcPlan *plan)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = lc_plan_get_database (plan);
  g_autoptr(LcGeometry) a = lc_geometry_new_point (121.5150, 31.2970);
  g_autoptr(LcGeometry) b = lc_geometry_new_point (121.5160, 31.2960);
  g_autoptr(LcGeometry) c = lc_geometry_new_point (121.5170, 31.2950);
  g_autoptr(LcGeometry) site = plan_fixture_square (121.5200, 31.3000, 0.0005, FALSE);

  g_assert_true (lc_plan_begin (plan, "Add Facilities", &error));
  g_assert_no_error (error);
  /* Under construction; an unknown service before a known one */
  plan_fixture_insert_geometry (db, "INSERT INTO facilities (fid, geom, name, kind, status)"
                                    " VALUES (10, ?, '国权路卫生站', 'other', 'under_construction')", a);
  /* Removed: the plan keeps it, the map does not */
  plan_fixture_insert_geometry (db, "INSERT INTO facilities (fid, geom, name, kind, status)"
                                    " VALUES (11, ?, '旧垃圾站', 'other', 'removed')", b);
  /* No name, no service */
  plan_fixture_insert_geometry (db, "INSERT INTO facilities (fid, geom, name, kind, status)"
                                    " VALUES (12, ?, '', 'other', 'existing')", c);
  /* No geometry: nowhere to draw it */
  plan_fixture_exec (db, "INSERT INTO facilities (fid, geom, name, kind, status)"
                         " VALUES (13, NULL, '无处', 'other', 'existing');"
                         "INSERT INTO facility_services (facility_fid, service) VALUES"
                         "  (10, 'no_such_service'), (10, 'health'), (10, 'elderly'), (11, 'sports');");
  /* A project site drawn as an area */
  plan_fixture_insert_geometry (db, "INSERT INTO project_locations (fid, geom, project_id, label)"
                                    " VALUES (2, ?, 2, '口袋公园')", site);
  g_assert_true (lc_plan_commit (plan, &error));
  g_assert_no_error (error);
}

static void
test_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = plan_fixture_new_filled ();
  g_autoptr(LcMapFeatures) features = NULL;
  const LcMapFacility *f;
  const LcMapPlace *p;

  features = lc_map_features_load_for_plan (plan, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (features);

  /* The fixture's 人民坊 and 六艺亭, its need and its project's site */
  g_assert_cmpuint (features->facilities->len, ==, 2);
  g_assert_cmpuint (features->needs->len, ==, 1);
  g_assert_cmpuint (features->project_places->len, ==, 1);

  f = &g_array_index (features->facilities, LcMapFacility, 0);
  g_assert_cmpint (f->fid, ==, 1);
  g_assert_cmpstr (f->name, ==, "五角场人民坊");
  g_assert_cmpint (f->kind, ==, LC_FACILITY_KIND_RENMINFANG);
  g_assert_cmpint (f->status, ==, LC_FACILITY_STATUS_PLANNED);
  g_assert_cmpfloat (f->longitude, ==, 121.5140);
  g_assert_cmpfloat (f->latitude, ==, 31.2990);
  g_assert_cmphex (f->services, ==, bit ("party_service") | bit ("elderly") | bit ("culture"));
  g_assert_cmpint (f->first_service, ==, lc_service_get_index ("party_service"));

  f = &g_array_index (features->facilities, LcMapFacility, 1);
  g_assert_cmpint (f->fid, ==, 2);
  g_assert_cmpstr (f->name, ==, "政民路六艺亭");
  g_assert_cmpint (f->kind, ==, LC_FACILITY_KIND_LIUYITING);
  g_assert_cmpint (f->status, ==, LC_FACILITY_STATUS_EXISTING);
  g_assert_cmphex (f->services, ==, bit ("public_space"));
  g_assert_cmpint (f->first_service, ==, lc_service_get_index ("public_space"));

  p = &g_array_index (features->needs, LcMapPlace, 0);
  g_assert_cmpint (p->fid, ==, 1);
  g_assert_cmpfloat (p->longitude, ==, 121.5130);
  g_assert_cmpfloat (p->latitude, ==, 31.2985);

  /* The site is a small square: shown at its middle */
  p = &g_array_index (features->project_places, LcMapPlace, 0);
  g_assert_cmpint (p->fid, ==, 1);
  g_assert_cmpfloat_with_epsilon (p->longitude, 121.5102, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->latitude, 31.3011, 1e-9);

  lc_plan_close (plan);
}

static void
test_kinds (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = plan_fixture_new_filled ();
  g_autoptr(LcMapFeatures) features = NULL;
  const LcMapFacility *f;
  const LcMapPlace *p;

  add_facilities (plan);
  features = lc_map_features_load_for_plan (plan, NULL, &error);
  g_assert_no_error (error);

  /* 1, 2, 10 and 12: the removed one and the one without a geometry are left out */
  g_assert_cmpuint (features->facilities->len, ==, 4);
  g_assert_null (find_facility (features, 11));
  g_assert_null (find_facility (features, 13));
  for (guint i = 1; i < features->facilities->len; i++)
    g_assert_cmpint (g_array_index (features->facilities, LcMapFacility, i - 1).fid, <,
                     g_array_index (features->facilities, LcMapFacility, i).fid);

  /* Services in catalogue bits; the colour from the first known one listed */
  f = find_facility (features, 10);
  g_assert_nonnull (f);
  g_assert_cmpint (f->kind, ==, LC_FACILITY_KIND_OTHER);
  g_assert_cmpint (f->status, ==, LC_FACILITY_STATUS_UNDER_CONSTRUCTION);
  g_assert_cmphex (f->services, ==, bit ("health") | bit ("elderly"));
  g_assert_cmpint (f->first_service, ==, lc_service_get_index ("health"));
  g_assert_cmpfloat (f->longitude, ==, 121.5150);
  g_assert_cmpfloat (f->latitude, ==, 31.2970);

  /* An empty name is none */
  f = find_facility (features, 12);
  g_assert_nonnull (f);
  g_assert_null (f->name);
  g_assert_cmphex (f->services, ==, 0);
  g_assert_cmpint (f->first_service, ==, -1);

  /* An area's anchor is its outline's centroid */
  g_assert_cmpuint (features->project_places->len, ==, 2);
  p = &g_array_index (features->project_places, LcMapPlace, 1);
  g_assert_cmpint (p->fid, ==, 2);
  g_assert_cmpfloat_with_epsilon (p->longitude, 121.5200, 1e-9);
  g_assert_cmpfloat_with_epsilon (p->latitude, 31.3000, 1e-9);

  lc_plan_close (plan);
}

typedef struct
{
  LcPlan        *plan;
  LcMapFeatures *features;
  GError        *error;
} Load;

static gpointer
load_thread (gpointer data)
{
  Load *load = data;

  load->features = lc_map_features_load_for_plan (load->plan, NULL, &load->error);
  return NULL;
}

static LcMapFeatures *
load_in_thread (LcPlan *plan)
{
  Load load = { plan, NULL, NULL };

  g_thread_join (g_thread_new ("load", load_thread, &load));
  g_assert_no_error (load.error);
  g_assert_nonnull (load.features);
  return load.features;
}

/* A worker thread sees the plan as of its last finished edit, not the
 * edit the main thread is in the middle of */
static void
test_thread (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = plan_fixture_new_filled ();
  g_autoptr(LcMapFeatures) before = NULL;
  g_autoptr(LcMapFeatures) after = NULL;
  g_autoptr(LcGeometry) point = lc_geometry_new_point (121.5150, 31.2970);

  g_assert_true (lc_plan_begin (plan, "Add Need", &error));
  g_assert_no_error (error);
  plan_fixture_insert_geometry (lc_plan_get_database (plan), "INSERT INTO needs (fid, geom) VALUES (2, ?)",
                                point);
  before = load_in_thread (plan);
  g_assert_cmpuint (before->needs->len, ==, 1);

  g_assert_true (lc_plan_commit (plan, &error));
  g_assert_no_error (error);
  after = load_in_thread (plan);
  g_assert_cmpuint (after->needs->len, ==, 2);
  g_assert_cmpint (g_array_index (after->needs, LcMapPlace, 1).fid, ==, 2);

  lc_plan_close (plan);
}

/* Errors are errors, not an empty map */
static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = plan_fixture_new_filled ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LcMapFeatures) features = NULL;

  g_cancellable_cancel (cancellable);
  features = lc_map_features_load_for_plan (plan, cancellable, &error);
  g_assert_null (features);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* A plan without one of the tables (a hostile file would be refused on
   * opening; this one is broken behind the plan's back) */
  plan_fixture_exec (lc_plan_get_database (plan), "DROP TABLE project_locations");
  features = lc_map_features_load_for_plan (plan, NULL, &error);
  g_assert_null (features);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "project_locations"));
  g_clear_error (&error);

  /* Closed: nothing to read */
  lc_plan_close (plan);
  features = lc_map_features_load_for_plan (plan, NULL, &error);
  g_assert_null (features);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);
  plan_fixture_use_temp_state ();

  g_test_add_func ("/core/map-features/fixture", test_fixture);
  g_test_add_func ("/core/map-features/kinds", test_kinds);
  g_test_add_func ("/core/map-features/thread", test_thread);
  g_test_add_func ("/core/map-features/errors", test_errors);

  result = g_test_run ();

  plan_fixture_remove_tree (g_get_user_state_dir ());
  return result;
}
