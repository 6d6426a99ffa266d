/* test-shape.c: walking paths, buildings and the unit boundary drawn and edited
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-shape"

#include "config.h"
#include "lc-plan-private.h"

#include <math.h>

#include "lc-shape.h"
#include "plan-fixture.h"

static double
query_double (LcPlan     *plan,
              const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (lc_plan_get_database (plan), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_double (stmt, 0);
}

static LcPlan *
new_filled_plan (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);

  g_assert_no_error (error);
  plan_fixture_fill (plan);
  return g_steal_pointer (&plan);
}

static LcGeometry *
line (guint n, const double *lonlat)
{
  LcGeometry *g = lc_geometry_new (LC_GEOMETRY_LINESTRING);

  for (guint i = 0; i < n; i++)
    lc_geometry_add_point (g, lonlat[2 * i], lonlat[2 * i + 1]);
  lc_geometry_end_part (g);
  return g;
}

static void
test_measures (void)
{
  /* 0.001° of longitude at 31.3° N is 95.0 m, of latitude 110.9 m */
  const double east[] = { 121.500, 31.3, 121.501, 31.3 };
  const double square[] = { 121.500, 31.3, 121.501, 31.3, 121.501, 31.301, 121.500, 31.301, 121.500, 31.3 };
  g_autoptr(LcGeometry) a = line (2, east);
  g_autoptr(LcGeometry) ring = line (5, square);
  g_autoptr(LcGeometry) polygon = lc_geometry_new (LC_GEOMETRY_MULTIPOLYGON);

  g_assert_cmpfloat_with_epsilon (lc_geometry_length_m (a), 95.0, 0.3);
  for (guint i = 0; i < 5; i++)
    lc_geometry_add_point (polygon, square[2 * i], square[2 * i + 1]);
  lc_geometry_end_part (polygon);
  lc_geometry_end_group (polygon);
  g_assert_cmpfloat_with_epsilon (lc_geometry_area_m2 (polygon), 95.0 * 110.9, 40);
  g_assert_cmpfloat_with_epsilon (lc_geometry_length_m (ring), 2 * (95.0 + 110.9), 1);

  g_assert_cmpstr (lc_path_classes ()[0], ==, "footway");
  g_assert_cmpstr (lc_path_class_name ("steps"), ==, "Steps");
  g_assert_cmpstr (lc_path_class_name ("motorway"), ==, "motorway");
}

static void
test_paths (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GError) error = NULL;
  const double drawn[] = { 121.5100, 31.3000, 121.5110, 31.3000, 121.5110, 31.3005 };
  const double reshaped[] = { 121.5100, 31.3000, 121.5110, 31.3000 };
  const double one[] = { 121.5100, 31.3000 };
  g_autoptr(LcGeometry) path = line (3, drawn);
  g_autoptr(LcGeometry) shorter = line (2, reshaped);
  g_autoptr(LcGeometry) point = line (1, one);
  g_autoptr(LcGeometry) loaded = NULL;
  g_autofree char *before = plan_fixture_dump (lc_plan_get_database (plan));
  g_autofree char *after = NULL;
  gint64 fid;

  /* Drawn: planned, a footway, measured, one undo step */
  fid = lc_plan_add_path (plan, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fid, >, 1);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Draw Walking Path");
  g_assert_cmpfloat_with_epsilon (query_double (plan, "SELECT length_m FROM walking_paths ORDER BY fid DESC"),
                                  95.0 + 55.4, 0.5);
  g_assert_cmpfloat (query_double (plan, "SELECT count(*) FROM walking_paths WHERE status = 'planned' "
                                         "AND highway = 'footway'"), ==, 1);
  loaded = lc_plan_load_geometry (plan, "walking_paths", fid, NULL);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (loaded->n_points, ==, 3);
  g_assert_cmpfloat (loaded->xy[4], ==, 121.5110);

  /* Reshaped: measured again */
  g_assert_true (lc_plan_set_path_line (plan, fid, shorter, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Reshape Walking Path");
  g_assert_cmpfloat_with_epsilon (query_double (plan, "SELECT length_m FROM walking_paths ORDER BY fid DESC"),
                                  95.0, 0.5);

  /* Refused: one point, a path not there; nothing written */
  g_assert_false (lc_plan_set_path_line (plan, fid, point, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpint (lc_plan_add_path (plan, point, NULL, &error), ==, -1);
  g_clear_error (&error);
  g_assert_false (lc_plan_set_path_line (plan, 999, shorter, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Reshape Walking Path");

  /* Deleted, then all undone: the plan as it was */
  g_assert_true (lc_plan_delete_path (plan, fid, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (lc_plan_undo (plan, &error));
      g_assert_no_error (error);
    }
  after = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (after, ==, before);
}

static void
test_boundary (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(LcPlan) empty = lc_plan_new (NULL);
  g_autoptr(GError) error = NULL;
  /* Open: closed by the plan */
  const double outline[] = { 121.500, 31.290, 121.520, 31.290, 121.520, 31.310, 121.500, 31.310 };
  const double flat[] = { 121.500, 31.290, 121.520, 31.290, 121.510, 31.290 };
  g_autoptr(LcGeometry) ring = line (4, outline);
  g_autoptr(LcGeometry) degenerate = line (3, flat);
  g_autoptr(LcGeometry) stored = NULL;
  g_autofree char *name = NULL;

  /* The fixture's boundary is replaced, its name kept */
  g_assert_cmpint (lc_plan_set_boundary (plan, ring, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpfloat (query_double (plan, "SELECT count(*) FROM unit_boundary"), ==, 1);
  name = lc_plan_get_text (plan, "unit_boundary", 1, "name");
  g_assert_cmpstr (name, ==, "五角场街道");
  stored = lc_plan_load_geometry (plan, "unit_boundary", 1, NULL);
  g_assert_cmpuint (stored->n_points, ==, 5);
  g_assert_cmpfloat (stored->xy[8], ==, stored->xy[0]);
  /* 0.02° × 0.02°: 2224 m north to south, 1900 m west to east */
  g_assert_cmpfloat_with_epsilon (lc_geometry_area_m2 (stored), 2223.9 * 1899.7, 5000);

  /* A plan without one gets one */
  g_assert_cmpint (lc_plan_set_boundary (empty, ring, &error), >, 0);
  g_assert_no_error (error);

  /* No area: refused */
  g_assert_cmpint (lc_plan_set_boundary (plan, degenerate, &error), ==, -1);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_true (lc_plan_undo (plan, &error));
  g_assert_cmpfloat (query_double (plan, "SELECT count(*) FROM unit_boundary WHERE source = 'drawn'"), ==, 1);
}

static void
test_population (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_plan_set_building_population (plan, 1, 321, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (query_double (plan, "SELECT population FROM buildings WHERE fid = 1 "
                                         "AND population_source = 'recorded'"), ==, 321);
  g_assert_false (lc_plan_set_building_population (plan, 1, -5, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (lc_plan_set_building_population (plan, 1, NAN, &error));
  g_clear_error (&error);
  g_assert_false (lc_plan_set_building_population (plan, 42, 10, &error));
  g_clear_error (&error);
  g_assert_cmpfloat (query_double (plan, "SELECT population FROM buildings WHERE fid = 1"), ==, 321);
}

int
main (int    argc,
      char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);
  plan_fixture_use_temp_state ();

  g_test_add_func ("/core/shape/measures", test_measures);
  g_test_add_func ("/core/shape/paths", test_paths);
  g_test_add_func ("/core/shape/boundary", test_boundary);
  g_test_add_func ("/core/shape/population", test_population);

  result = g_test_run ();
  plan_fixture_remove_tree (g_get_user_state_dir ());
  return result;
}
