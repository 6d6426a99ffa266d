/* test-coverage.c: the walking graph and the coverage, on small networks with known answers
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-coverage"

#include "config.h"
#include "lc-plan-private.h"

#include <math.h>

#include "lc-coverage.h"
#include "lc-geo.h"
#include "plan-fixture.h"

/* Networks are drawn in metres east (x) and north (y) of this point. Lines
 * that run north–south have exact lengths (a meridian is a great circle);
 * for east–west ones we allow a centimetre or two. */
#define LON0 121.50
#define LAT0 31.30
#define KY (LC_GEO_EARTH_RADIUS_M * G_PI / 180.0)
#define KX (KY * cos (LAT0 * G_PI / 180.0))

static double
lon_of (double x)
{
  return LON0 + x / KX;
}

static double
lat_of (double y)
{
  return LAT0 + y / KY;
}

static void
add_line (LcWalkGraphBuilder *b,
          double x0, double y0,
          double x1, double y1)
{
  double ll[4] = { lon_of (x0), lat_of (y0), lon_of (x1), lat_of (y1) };

  lc_walk_graph_builder_add_line (b, ll, 2);
}

static LcCoverage *
coverage_of (LcWalkGraphBuilder *b)
{
  g_autoptr(LcWalkGraph) graph = lc_walk_graph_builder_finish (b);

  return lc_coverage_new (graph);
}

static int
service (LcCoverage *c,
         const char *key)
{
  int s = lc_coverage_lookup_service (c, key);

  g_assert_cmpint (s, >=, 0);
  return s;
}

static void
add_facility (LcCoverage *c,
              gint64      fid,
              double      x,
              double      y,
              const char *service_key,
              const char *tier)
{
  g_assert_true (lc_coverage_add_facility (c, fid, lon_of (x), lat_of (y), TRUE));
  g_assert_true (lc_coverage_add_facility_service (c, fid, service_key, tier));
}

/* A home exactly at the threshold is covered; a centimetre more is not */
static void
test_threshold_exact (void)
{
  LcWalkGraphBuilder *b = lc_walk_graph_builder_new ();
  g_autoptr(LcCoverage) c = NULL;
  int elderly;

  add_line (b, 0, 0, 0, 600);
  c = coverage_of (b);
  elderly = service (c, "elderly");   /* 300 m */
  add_facility (c, 1, 0, 0, "elderly", "");
  lc_coverage_add_home (c, 10, lon_of (0), lat_of (300), 100);
  lc_coverage_add_home (c, 11, lon_of (0), lat_of (300.01), 50);
  lc_coverage_compute (c);

  g_assert_true (lc_coverage_home_is_covered (c, 0, elderly));
  g_assert_false (lc_coverage_home_is_covered (c, 1, elderly));
  g_assert_cmpuint (lc_coverage_get_home_distance (c, 0, elderly), ==, 30000);
  g_assert_cmpuint (lc_coverage_get_home_distance (c, 1, elderly), ==, LC_WALK_UNREACHED);
  g_assert_cmpfloat_with_epsilon (lc_coverage_get_result (c, elderly)->share_population, 100.0 / 150, 1e-9);
  g_assert_cmpfloat_with_epsilon (lc_coverage_get_result (c, elderly)->share_homes, 0.5, 1e-9);
}

/* The walk from a home to the network counts */
static void
test_snap_counted (void)
{
  LcWalkGraphBuilder *b = lc_walk_graph_builder_new ();
  g_autoptr(LcCoverage) c = NULL;
  LcWalkSnap snap;
  int elderly;

  add_line (b, 0, -600, 0, 600);
  c = coverage_of (b);
  elderly = service (c, "elderly");
  add_facility (c, 1, 0, 0, "elderly", "");
  lc_coverage_add_home (c, 10, lon_of (20), lat_of (290), 100);   /* 290 + 20 */
  lc_coverage_add_home (c, 11, lon_of (-5), lat_of (290), 100);   /* 290 + 5 */
  lc_coverage_compute (c);

  g_assert_true (lc_coverage_get_home_snap (c, 0, &snap));
  g_assert_cmpint (ABS ((int) snap.distance_cm - 2000), <=, 1);
  g_assert_false (lc_coverage_home_is_covered (c, 0, elderly));
  g_assert_true (lc_coverage_home_is_covered (c, 1, elderly));
  g_assert_cmpint (ABS ((int) lc_coverage_get_home_distance (c, 1, elderly) - 29500), <=, 1);
}

/* A facility and a home on the same long edge reach each other along it,
 * not only round through its ends */
static void
test_same_edge (void)
{
  LcWalkGraphBuilder *b = lc_walk_graph_builder_new ();
  g_autoptr(LcCoverage) c = NULL;
  int elderly;

  add_line (b, 0, 0, 0, 1000);
  c = coverage_of (b);
  elderly = service (c, "elderly");
  add_facility (c, 1, 0, 400, "elderly", "");
  lc_coverage_add_home (c, 10, lon_of (0), lat_of (600), 100);
  lc_coverage_compute (c);

  g_assert_true (lc_coverage_home_is_covered (c, 0, elderly));
  g_assert_cmpuint (lc_coverage_get_home_distance (c, 0, elderly), ==, 20000);
  /* Both ends are farther than 300 m */
  g_assert_cmpuint (lc_coverage_get_node_distances (c, elderly)[0], ==, LC_WALK_UNREACHED);
  g_assert_cmpuint (lc_coverage_get_node_distances (c, elderly)[1], ==, LC_WALK_UNREACHED);
}

/* Tiers: a station (500 m) does not cover a home 700 m away, though the
 * service's centres reach 1000 m; a centre 900 m away does */
static void
test_tiers (void)
{
  LcWalkGraphBuilder *b = lc_walk_graph_builder_new ();
  g_autoptr(LcCoverage) c = NULL;
  int health;

  add_line (b, 0, -1500, 0, 1500);
  c = coverage_of (b);
  health = service (c, "health");
  g_assert_cmpfloat (lc_coverage_get_threshold (c, health, "centre"), ==, 1000);
  g_assert_cmpfloat (lc_coverage_get_threshold (c, health, "station"), ==, 500);

  add_facility (c, 1, 0, 700, "health", "station");
  lc_coverage_add_home (c, 10, lon_of (0), lat_of (0), 100);
  lc_coverage_compute (c);
  g_assert_false (lc_coverage_home_is_covered (c, 0, health));
  /* The map still shows how far the nearest facility is */
  g_assert_cmpuint (lc_coverage_get_home_distance (c, 0, health), ==, 70000);

  /* A centre 900 m the other way covers it; the nearest is still the station */
  g_assert_true (lc_coverage_add_facility (c, 2, lon_of (0), lat_of (-900), TRUE));
  g_assert_true (lc_coverage_add_facility_service (c, 2, "health", "centre"));
  lc_coverage_compute (c);
  g_assert_true (lc_coverage_home_is_covered (c, 0, health));
  g_assert_cmpuint (lc_coverage_get_home_distance (c, 0, health), ==, 70000);

  /* Moved to 1000.5 m, the centre no longer covers it */
  g_assert_true (lc_coverage_move_facility (c, 2, lon_of (0), lat_of (-1000.5)));
  g_assert_false (lc_coverage_home_is_covered (c, 0, health));

  /* A station within 500 m does, although a centre is farther */
  g_assert_true (lc_coverage_move_facility (c, 1, lon_of (0), lat_of (450)));
  g_assert_true (lc_coverage_home_is_covered (c, 0, health));
  g_assert_cmpuint (lc_coverage_get_home_distance (c, 0, health), ==, 45000);
}

/* Joining: line ends 0.3 m apart meet, 1 m apart do not; a shared middle
 * vertex is a junction */
static void
test_join (void)
{
  LcWalkGraphBuilder *b = lc_walk_graph_builder_new ();
  g_autoptr(LcWalkGraph) g = NULL;
  double ll[6] = { lon_of (-100), lat_of (50), lon_of (0), lat_of (50), lon_of (100), lat_of (50) };

  add_line (b, 0, 0, 0, 100);          /* a */
  add_line (b, 0, 100.3, 0, 200);      /* joins a's end */
  add_line (b, 0, 201, 0, 300);        /* 1 m off: an island */
  lc_walk_graph_builder_add_line (b, ll, 3);   /* its middle vertex lies on a, which has none there */
  g = lc_walk_graph_builder_finish (b);

  /* a: 2, second: 1 new, third: 2, crossing: 3 (a has no vertex at y = 50) */
  g_assert_cmpuint (lc_walk_graph_get_n_nodes (g), ==, 8);
  g_assert_cmpuint (lc_walk_graph_get_n_edges (g), ==, 5);
}

/* A small island (a campus footway joined to nothing) is passed over for
 * the main network when that is within reach; a large part is not an island */
static void
test_islands (void)
{
  LcWalkGraphBuilder *b = lc_walk_graph_builder_new ();
  g_autoptr(LcCoverage) c = NULL;
  LcWalkSnap snap;
  LcWalkGraph *g;
  int elderly;

  /* The main network: a street of 100 edges of 10 m */
  for (int i = 0; i < 100; i++)
    add_line (b, 10.0 * i, 0, 10.0 * (i + 1), 0);
  add_line (b, 500, 30, 520, 30);     /* an island, 30 m north of the street */
  add_line (b, 500, 5000, 520, 5000); /* another, 5 km away */
  c = coverage_of (b);
  g = lc_coverage_get_graph (c);
  g_assert_cmpuint (lc_walk_graph_get_n_islands (g), ==, 2);
  elderly = service (c, "elderly");

  /* 5 m from the island, 35 m from the street: onto the street */
  add_facility (c, 1, 510, 35, "elderly", "");
  lc_coverage_add_home (c, 10, lon_of (300), lat_of (0), 100);
  /* Nothing of the main network within the snapping radius: the island */
  lc_coverage_add_home (c, 11, lon_of (510), lat_of (5001), 100);
  lc_coverage_compute (c);

  g_assert_true (lc_coverage_home_is_covered (c, 0, elderly));
  g_assert_cmpint (ABS ((int) lc_coverage_get_home_distance (c, 0, elderly) - (21000 + 3500)), <=, 2);
  g_assert_true (lc_coverage_get_home_snap (c, 1, &snap));
  g_assert_true (lc_walk_graph_edge_on_island (g, snap.edge));

  /* Two halves of equal size: neither is an island */
  {
    LcWalkGraphBuilder *b2 = lc_walk_graph_builder_new ();
    g_autoptr(LcWalkGraph) g2 = NULL;

    add_line (b2, 0, 0, 100, 0);
    add_line (b2, 0, 50, 100, 50);
    g2 = lc_walk_graph_builder_finish (b2);
    g_assert_cmpuint (lc_walk_graph_get_n_islands (g2), ==, 0);
    g_assert_true (lc_walk_graph_snap (g2, lon_of (50), lat_of (40), 100, &snap));
    g_assert_cmpint (ABS ((int) snap.distance_cm - 1000), <=, 1);
  }
}

/* Moving a facility updates only its service, to what a full compute gives */
static void
test_move_matches_full (void)
{
  LcWalkGraphBuilder *b = lc_walk_graph_builder_new ();
  g_autoptr(LcCoverage) c = NULL;
  g_autoptr(LcCoverage) fresh = NULL;
  int elderly, sports;
  g_autoptr(LcWalkGraph) graph = NULL;

  for (int i = 0; i <= 10; i++)
    {
      add_line (b, i * 100, 0, i * 100, 1000);
      add_line (b, 0, i * 100, 1000, i * 100);
    }
  graph = lc_walk_graph_builder_finish (b);
  c = lc_coverage_new (graph);
  fresh = lc_coverage_new (graph);
  elderly = service (c, "elderly");
  sports = service (c, "sports");
  for (int i = 0; i < 40; i++)
    {
      lc_coverage_add_home (c, i, lon_of ((i * 37) % 1000), lat_of ((i * 53) % 1000), 10 + i);
      lc_coverage_add_home (fresh, i, lon_of ((i * 37) % 1000), lat_of ((i * 53) % 1000), 10 + i);
    }
  add_facility (c, 1, 120, 130, "elderly", "");
  add_facility (c, 2, 800, 810, "sports", "large");
  lc_coverage_compute (c);
  g_assert_true (lc_coverage_move_facility (c, 1, lon_of (510), lat_of (490)));

  add_facility (fresh, 1, 510, 490, "elderly", "");
  add_facility (fresh, 2, 800, 810, "sports", "large");
  lc_coverage_compute (fresh);

  for (int s = 0; s < LC_N_SERVICES; s++)
    {
      g_assert_cmpfloat (lc_coverage_get_result (c, s)->covered_population, ==,
                         lc_coverage_get_result (fresh, s)->covered_population);
      g_assert_cmpmem (lc_coverage_get_node_distances (c, s), 4 * lc_walk_graph_get_n_nodes (graph),
                       lc_coverage_get_node_distances (fresh, s), 4 * lc_walk_graph_get_n_nodes (graph));
    }
  for (guint h = 0; h < 40; h++)
    g_assert_cmpuint (lc_coverage_get_home_mask (c, h), ==, lc_coverage_get_home_mask (fresh, h));
  g_assert_cmpfloat (lc_coverage_get_result (c, elderly)->covered_population, >, 0);
  g_assert_cmpfloat (lc_coverage_get_result (c, sports)->covered_population, >, 0);

  g_assert_true (lc_coverage_remove_facility (c, 1));
  g_assert_cmpfloat (lc_coverage_get_result (c, elderly)->covered_population, ==, 0);
  g_assert_cmpuint (lc_coverage_get_result (c, elderly)->n_facilities, ==, 0);
  g_assert_false (lc_coverage_move_facility (c, 1, lon_of (0), lat_of (0)));
}

/* "All 十全": a home covered by every basic service at once */
static void
test_basic_all (void)
{
  LcWalkGraphBuilder *b = lc_walk_graph_builder_new ();
  g_autoptr(LcCoverage) c = NULL;
  guint n;
  const LcService *all = lc_services_get_all (&n);
  double share, share_homes, people;

  add_line (b, 0, -500, 0, 500);
  c = coverage_of (b);
  lc_coverage_add_home (c, 10, lon_of (0), lat_of (0), 300);
  lc_coverage_add_home (c, 11, lon_of (0), lat_of (400), 100);
  for (guint s = 0; s < n; s++)
    if (all[s].group == LC_SERVICE_GROUP_BASIC)
      add_facility (c, s + 1, 0, -100, all[s].key, all[s].tiers[0].key);
  lc_coverage_compute (c);
  lc_coverage_get_basic_all (c, &share, &share_homes, &people);
  /* The second home is 500 m away: beyond the 300 m services */
  g_assert_cmpfloat (share, ==, 0.75);
  g_assert_cmpfloat (share_homes, ==, 0.5);
  g_assert_cmpfloat (people, ==, 300);

  g_assert_true (lc_coverage_remove_facility (c, 1));
  lc_coverage_get_basic_all (c, &share, NULL, NULL);
  g_assert_cmpfloat (share, ==, 0);
}

/* ---- from a plan file ---- */

static void
insert_path (sqlite3    *db,
             double x0, double y0,
             double x1, double y1,
             const char *status)
{
  g_autoptr(LcGeometry) g = lc_geometry_new (LC_GEOMETRY_LINESTRING);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO walking_paths (geom, status) VALUES (?, '%s')", status);

  lc_geometry_add_point (g, lon_of (x0), lat_of (y0));
  lc_geometry_add_point (g, lon_of (x1), lat_of (y1));
  lc_geometry_end_part (g);
  plan_fixture_insert_geometry (db, sql, g);
}

static void
insert_facility (sqlite3    *db,
                 gint64      fid,
                 double      x,
                 double      y,
                 const char *status,
                 const char *service_key)
{
  g_autoptr(LcGeometry) g = lc_geometry_new_point (lon_of (x), lat_of (y));
  g_autofree char *sql = g_strdup_printf ("INSERT INTO facilities (fid, geom, status) VALUES (%" G_GINT64_FORMAT
                                          ", ?, '%s')", fid, status);
  g_autofree char *offer = g_strdup_printf ("INSERT INTO facility_services (facility_fid, service) "
                                            "VALUES (%" G_GINT64_FORMAT ", '%s')", fid, service_key);

  plan_fixture_insert_geometry (db, sql, g);
  plan_fixture_exec (db, offer);
}

/*
 * Two streets 100 m apart joined only at their far ends; the home is on
 * one, the library on the other, both at the near ends:
 *
 *   +------------+   y = 500
 *   |            |
 *   L            H   y = 0 (a planned crossing would join them here)
 */
static void
test_plan_missing_link (void)
{
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(LcCoverage) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcGeometry) home = NULL;
  g_autoptr(LcGeometry) estimated = NULL;
  sqlite3 *db;
  int learning, culture;
  double people;

  plan_fixture_use_temp_state ();
  plan = lc_plan_new (&error);
  g_assert_no_error (error);
  db = lc_plan_get_database (plan);

  insert_path (db, 0, 0, 0, 500, "existing");
  insert_path (db, 100, 0, 100, 500, "existing");
  insert_path (db, 0, 500, 100, 500, "existing");
  insert_path (db, 0, 0, 100, 0, "planned");
  home = plan_fixture_square (lon_of (100), lat_of (0), 0.00003, FALSE);
  plan_fixture_insert_geometry (db, "INSERT INTO buildings (geom, residential, population) VALUES (?, 1, 200)", home);
  /* No population recorded: estimated from the footprint and levels */
  estimated = plan_fixture_square (lon_of (100), lat_of (250), 0.0001, FALSE);
  plan_fixture_insert_geometry (db, "INSERT INTO buildings (geom, residential, levels) VALUES (?, 1, 10)", estimated);
  plan_fixture_insert_geometry (db, "INSERT INTO buildings (geom, residential, population) VALUES (?, 0, 999)", home);
  insert_facility (db, 1, 0, 0, "existing", "learning");       /* 1000 m */
  insert_facility (db, 2, 0, 0, "removed", "culture");
  insert_facility (db, 3, 0, 0, "under_construction", "nature");

  /* Planned paths and facilities count by default: the crossing is 100 m */
  c = lc_coverage_new_from_database (db, LC_COVERAGE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  lc_coverage_compute (c);
  learning = service (c, "learning");
  culture = service (c, "culture");
  g_assert_cmpuint (lc_coverage_get_n_homes (c), ==, 2);
  lc_coverage_get_home (c, 1, NULL, NULL, NULL, &people);
  /* 19.0 m × 22.2 m × 10 levels ÷ 35 m² */
  g_assert_cmpfloat (fabs (people - 120.7), <, 1);
  g_assert_true (lc_coverage_home_is_covered (c, 0, learning));
  g_assert_cmpint (ABS ((int) lc_coverage_get_home_distance (c, 0, learning) - 10000), <=, 2);
  g_assert_cmpuint (lc_coverage_get_result (c, culture)->n_facilities, ==, 0);
  g_assert_cmpuint (lc_coverage_get_result (c, service (c, "nature"))->n_facilities, ==, 1);
  g_clear_pointer (&c, lc_coverage_free);

  /* Existing only: the long way round is 1100 m, beyond 1000 m */
  c = lc_coverage_new_from_database (db, LC_COVERAGE_EXISTING_ONLY, &error);
  g_assert_no_error (error);
  lc_coverage_compute (c);
  g_assert_false (lc_coverage_home_is_covered (c, 0, learning));
  g_assert_cmpuint (lc_coverage_get_home_distance (c, 0, learning), ==, LC_WALK_UNREACHED);
  g_assert_cmpuint (lc_coverage_get_result (c, service (c, "nature"))->n_facilities, ==, 0);
  g_clear_pointer (&c, lc_coverage_free);

  /* A plan that allows 1200 m: the long way round covers it */
  plan_fixture_exec (db, "UPDATE service_thresholds SET threshold_m = 1200 WHERE service = 'learning'");
  c = lc_coverage_new_from_database (db, LC_COVERAGE_EXISTING_ONLY, &error);
  g_assert_no_error (error);
  lc_coverage_compute (c);
  g_assert_true (lc_coverage_home_is_covered (c, 0, learning));
  g_assert_cmpint (ABS ((int) lc_coverage_get_home_distance (c, 0, learning) - 110000), <=, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coverage/threshold-exact", test_threshold_exact);
  g_test_add_func ("/coverage/snap-counted", test_snap_counted);
  g_test_add_func ("/coverage/same-edge", test_same_edge);
  g_test_add_func ("/coverage/tiers", test_tiers);
  g_test_add_func ("/coverage/join", test_join);
  g_test_add_func ("/coverage/islands", test_islands);
  g_test_add_func ("/coverage/move-matches-full", test_move_matches_full);
  g_test_add_func ("/coverage/basic-all", test_basic_all);
  g_test_add_func ("/coverage/plan-missing-link", test_plan_missing_link);

  return g_test_run ();
}
