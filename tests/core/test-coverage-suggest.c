/* test-coverage-suggest.c: suggested sites for new facilities, on networks with known answers
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-coverage-suggest"

#include "config.h"
#include "lc-plan-private.h"

#include <math.h>

#include "coverage-random.h"
#include "lc-coverage-suggest.h"
#include "lc-geo.h"

/* Networks are drawn in metres east (x) and north (y) of this point */
#define LON0 121.50
#define LAT0 31.30
#define KY (LC_GEO_EARTH_RADIUS_M * G_PI / 180.0)
#define KX (KY * cos (LAT0 * G_PI / 180.0))

static const char *sample_plan;

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

static double
y_of (double lat)
{
  return (lat - LAT0) * KY;
}

/* A street from (x, y0) north to (x, y1) with a node every @step metres */
static void
add_street (LcWalkGraphBuilder *b,
            double              x,
            double              y0,
            double              y1,
            double              step)
{
  for (double y = y0; y < y1 - 1e-6; y += step)
    {
      double ll[4] = { lon_of (x), lat_of (y), lon_of (x), lat_of (MIN (y + step, y1)) };

      lc_walk_graph_builder_add_line (b, ll, 2);
    }
}

static LcCoverage *
coverage_of (LcWalkGraphBuilder *b)
{
  g_autoptr(LcWalkGraph) graph = lc_walk_graph_builder_finish (b);

  return lc_coverage_new (graph);
}

static guint
service (LcCoverage *c,
         const char *key)
{
  int s = lc_coverage_lookup_service (c, key);

  g_assert_cmpint (s, >=, 0);
  return (guint) s;
}

static const LcCoverageSuggestion *
nth (GArray *sites,
     guint   i)
{
  g_assert_cmpuint (i, <, sites->len);
  return &g_array_index (sites, LcCoverageSuggestion, i);
}

/*
 * One street 0–3000 m north with a node every 100 m; 300 residents in three
 * homes 10 m off it at 0–100 m (A) and 200 in two at 2000–2050 m (B):
 * for a 300 m service the first site covers A, the second B, then nobody
 * is left.
 */
static LcCoverage *
two_clusters (void)
{
  LcWalkGraphBuilder *b = lc_walk_graph_builder_new ();
  LcCoverage *c;

  add_street (b, 0, 0, 3000, 100);
  c = coverage_of (b);
  lc_coverage_add_home (c, 1, lon_of (10), lat_of (0), 100);
  lc_coverage_add_home (c, 2, lon_of (10), lat_of (50), 100);
  lc_coverage_add_home (c, 3, lon_of (10), lat_of (100), 100);
  lc_coverage_add_home (c, 4, lon_of (10), lat_of (2000), 120);
  lc_coverage_add_home (c, 5, lon_of (10), lat_of (2050), 80);
  return c;
}

static void
test_two_clusters (void)
{
  g_autoptr(LcCoverage) c = two_clusters ();
  g_autoptr(GArray) sites = NULL;
  guint elderly = service (c, "elderly");
  double y;

  sites = lc_coverage_suggest (c, elderly, NULL, 5, NULL, 0, NULL);
  g_assert_nonnull (sites);
  /* Only two sites cover anyone: k larger than useful stops there */
  g_assert_cmpuint (sites->len, ==, 2);

  g_assert_cmpfloat (nth (sites, 0)->gain_population, ==, 300);
  g_assert_cmpuint (nth (sites, 0)->gain_homes, ==, 3);
  g_assert_cmpfloat_with_epsilon (nth (sites, 0)->cumulative_share_population, 0.6, 1e-12);
  y = y_of (nth (sites, 0)->lat);
  /* Within 300 m of all of A, 10 m off the street: the nodes at 0–200 m */
  g_assert_cmpfloat (y, >, -1);
  g_assert_cmpfloat (y, <, 291);

  g_assert_cmpfloat (nth (sites, 1)->gain_population, ==, 200);
  g_assert_cmpuint (nth (sites, 1)->gain_homes, ==, 2);
  g_assert_cmpfloat_with_epsilon (nth (sites, 1)->cumulative_share_population, 1.0, 1e-12);
  y = y_of (nth (sites, 1)->lat);
  g_assert_cmpfloat (y, >, 2050 - 291);
  g_assert_cmpfloat (y, <, 2000 + 291);

  /* The node is the one the position names */
  for (guint i = 0; i < sites->len; i++)
    {
      double lon, lat;

      lc_walk_graph_get_node (lc_coverage_get_graph (c), nth (sites, i)->node, &lon, &lat);
      g_assert_cmpfloat (lon, ==, nth (sites, i)->lon);
      g_assert_cmpfloat (lat, ==, nth (sites, i)->lat);
    }

  /* k = 1 gives the first of them; k = 0 none */
  g_clear_pointer (&sites, g_array_unref);
  sites = lc_coverage_suggest (c, elderly, NULL, 1, NULL, 0, NULL);
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_cmpfloat (nth (sites, 0)->gain_population, ==, 300);
  g_clear_pointer (&sites, g_array_unref);
  sites = lc_coverage_suggest (c, elderly, NULL, 0, NULL, 0, NULL);
  g_assert_cmpuint (sites->len, ==, 0);
}

/* Of sites with the same gain, the node with the lowest index */
static void
test_ties (void)
{
  g_autoptr(LcCoverage) c = two_clusters ();
  g_autoptr(GArray) sites = NULL;
  LcWalkGraph *graph = lc_coverage_get_graph (c);
  guint elderly = service (c, "elderly");
  guint lowest = G_MAXUINT;

  sites = lc_coverage_suggest (c, elderly, NULL, 1, NULL, 0, NULL);
  /* Nodes at 0–200 m all cover A: the site is the lowest numbered of them */
  for (guint n = 0; n < lc_walk_graph_get_n_nodes (graph); n++)
    {
      double lon, lat;

      lc_walk_graph_get_node (graph, n, &lon, &lat);
      if (y_of (lat) < 291 && n < lowest)
        lowest = n;
    }
  g_assert_cmpuint (nth (sites, 0)->node, ==, lowest);
}

/* A facility already covering A makes it worth nothing */
static void
test_existing_facility (void)
{
  g_autoptr(LcCoverage) c = two_clusters ();
  g_autoptr(GArray) sites = NULL;
  guint elderly = service (c, "elderly");

  g_assert_true (lc_coverage_add_facility (c, 1, lon_of (0), lat_of (60), TRUE));
  g_assert_true (lc_coverage_add_facility_service (c, 1, "elderly", NULL));
  lc_coverage_compute (c);
  g_assert_cmpfloat (lc_coverage_get_result (c, elderly)->covered_population, ==, 300);

  sites = lc_coverage_suggest (c, elderly, NULL, 3, NULL, 0, NULL);
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_cmpfloat (nth (sites, 0)->gain_population, ==, 200);
  g_assert_cmpuint (nth (sites, 0)->gain_homes, ==, 2);
  g_assert_cmpfloat_with_epsilon (nth (sites, 0)->cumulative_share_population, 1.0, 1e-12);
  g_assert_cmpfloat (y_of (nth (sites, 0)->lat), >, 1700);

  /* Everyone covered: nothing to suggest */
  g_assert_true (lc_coverage_add_facility (c, 2, nth (sites, 0)->lon, nth (sites, 0)->lat, TRUE));
  g_assert_true (lc_coverage_add_facility_service (c, 2, "elderly", NULL));
  lc_coverage_compute (c);
  g_clear_pointer (&sites, g_array_unref);
  sites = lc_coverage_suggest (c, elderly, NULL, 3, NULL, 0, NULL);
  g_assert_cmpuint (sites->len, ==, 0);
}

/* Candidates the planner marks: only they are ranked, by their own index;
 * a point between nodes reaches a home on its edge along it */
static void
test_candidates (void)
{
  LcWalkGraphBuilder *b = lc_walk_graph_builder_new ();
  g_autoptr(LcCoverage) c = NULL;
  g_autoptr(GArray) sites = NULL;
  double ll[4] = { lon_of (5000), lat_of (0), lon_of (5000), lat_of (1000) };
  LcCoverageCandidate candidates[] = {
    { lon_of (3000), lat_of (3000) },   /* 0: far from everything */
    { lon_of (5000), lat_of (400) },    /* 1: on the long edge, 200 m from the home on it */
    { lon_of (2), lat_of (2020) },      /* 2: B */
    { lon_of (-3), lat_of (60) },       /* 3: A */
    { lon_of (0), lat_of (2800) },      /* 4: too far from B */
  };
  guint elderly;

  add_street (b, 0, 0, 3000, 100);
  /* One long edge whose ends are 400 m and 600 m from its home */
  lc_walk_graph_builder_add_line (b, ll, 2);
  c = coverage_of (b);
  elderly = service (c, "elderly");
  lc_coverage_add_home (c, 1, lon_of (10), lat_of (0), 100);
  lc_coverage_add_home (c, 2, lon_of (10), lat_of (50), 100);
  lc_coverage_add_home (c, 3, lon_of (10), lat_of (100), 100);
  lc_coverage_add_home (c, 4, lon_of (10), lat_of (2000), 120);
  lc_coverage_add_home (c, 5, lon_of (10), lat_of (2050), 80);
  lc_coverage_add_home (c, 6, lon_of (5020), lat_of (600), 50);
  /* 290 m along the edge from candidate 1 and 20 m off it: beyond 300 m */
  lc_coverage_add_home (c, 7, lon_of (5020), lat_of (690), 7);

  sites = lc_coverage_suggest (c, elderly, NULL, 10, candidates, G_N_ELEMENTS (candidates), NULL);
  g_assert_cmpuint (sites->len, ==, 3);
  g_assert_cmpuint (nth (sites, 0)->node, ==, 3);
  g_assert_cmpfloat (nth (sites, 0)->gain_population, ==, 300);
  g_assert_cmpfloat (nth (sites, 0)->lon, ==, candidates[3].lon);
  g_assert_cmpfloat (nth (sites, 0)->lat, ==, candidates[3].lat);
  g_assert_cmpuint (nth (sites, 1)->node, ==, 2);
  g_assert_cmpfloat (nth (sites, 1)->gain_population, ==, 200);
  g_assert_cmpuint (nth (sites, 2)->node, ==, 1);
  g_assert_cmpfloat (nth (sites, 2)->gain_population, ==, 50);
  g_assert_cmpuint (nth (sites, 2)->gain_homes, ==, 1);
  g_assert_cmpfloat_with_epsilon (nth (sites, 2)->cumulative_share_population, 550.0 / 557, 1e-12);

  /* No node covers the home on the long edge */
  g_clear_pointer (&sites, g_array_unref);
  sites = lc_coverage_suggest (c, elderly, NULL, 10, NULL, 0, NULL);
  g_assert_cmpuint (sites->len, ==, 2);
  g_assert_cmpfloat_with_epsilon (nth (sites, 1)->cumulative_share_population, 500.0 / 557, 1e-12);

  /* An empty candidate set suggests nothing */
  g_clear_pointer (&sites, g_array_unref);
  sites = lc_coverage_suggest (c, elderly, NULL, 10, candidates, 0, NULL);
  g_assert_cmpuint (sites->len, ==, 0);
}

/* The tier decides the reach: one centre (1000 m) covers homes 1400 m
 * apart from the middle; a station (500 m) covers one of them */
static void
test_tier (void)
{
  LcWalkGraphBuilder *b = lc_walk_graph_builder_new ();
  g_autoptr(LcCoverage) c = NULL;
  g_autoptr(GArray) sites = NULL;
  guint health;

  add_street (b, 0, 0, 1400, 100);
  c = coverage_of (b);
  health = service (c, "health");
  lc_coverage_add_home (c, 1, lon_of (0), lat_of (0), 100);
  lc_coverage_add_home (c, 2, lon_of (0), lat_of (1400), 150);

  /* NULL: the widest tier, the centre */
  sites = lc_coverage_suggest (c, health, NULL, 3, NULL, 0, NULL);
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_cmpfloat (nth (sites, 0)->gain_population, ==, 250);
  g_assert_cmpfloat (fabs (y_of (nth (sites, 0)->lat) - 700), <=, 300.01);

  g_clear_pointer (&sites, g_array_unref);
  sites = lc_coverage_suggest (c, health, "station", 3, NULL, 0, NULL);
  g_assert_cmpuint (sites->len, ==, 2);
  g_assert_cmpfloat (nth (sites, 0)->gain_population, ==, 150);
  g_assert_cmpfloat (y_of (nth (sites, 0)->lat), >=, 900 - 0.01);
  g_assert_cmpfloat (nth (sites, 1)->gain_population, ==, 100);
  g_assert_cmpfloat (y_of (nth (sites, 1)->lat), <=, 500 + 0.01);
}

static void
test_cancelled (void)
{
  g_autoptr(LcCoverage) c = two_clusters ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  g_assert_null (lc_coverage_suggest (c, service (c, "elderly"), NULL, 5, NULL, 0, cancellable));
}

/* ---- against the engine itself ---- */

/* The residents a new facility of @tier at (lon, lat) would add, as the
 * engine computes it: added, computed, removed */
static double
engine_gain (LcCoverage *c,
             guint       s,
             const char *tier,
             double      lon,
             double      lat,
             gint64      fid)
{
  double before = lc_coverage_get_result (c, s)->covered_population, after;

  g_assert_true (lc_coverage_add_facility (c, fid, lon, lat, TRUE));
  g_assert_true (lc_coverage_add_facility_service (c, fid, lc_services_get_all (NULL)[s].key, tier));
  lc_coverage_compute_service (c, s);
  after = lc_coverage_get_result (c, s)->covered_population;
  g_assert_true (lc_coverage_remove_facility (c, fid));
  g_assert_cmpfloat (lc_coverage_get_result (c, s)->covered_population, ==, before);
  return after - before;
}

/* Greedy's first site is the best single site, found by trying a facility
 * at every node (or candidate) with the engine; all k sites together give
 * the engine the coverage greedy announced */
static void
check_against_engine (LcCoverage                *c,
                      guint                      s,
                      const char                *tier,
                      const LcCoverageCandidate *candidates,
                      guint                      n_candidates)
{
  LcWalkGraph *graph = lc_coverage_get_graph (c);
  guint n = candidates != NULL ? n_candidates : lc_walk_graph_get_n_nodes (graph);
  g_autoptr(GArray) sites = NULL;
  const LcCoverageSuggestion *last;
  double best = 0;
  guint best_index = G_MAXUINT;
  static gint64 fid = 1000000;
  const char *key = lc_services_get_all (NULL)[s].key;

  lc_coverage_compute (c);
  for (guint i = 0; i < n; i++)
    {
      double lon, lat, gain;

      if (candidates != NULL)
        {
          lon = candidates[i].lon;
          lat = candidates[i].lat;
        }
      else if (lc_walk_graph_node_on_island (graph, i))
        continue;   /* not suggested: a facility there snaps to the main network */
      else
        lc_walk_graph_get_node (graph, i, &lon, &lat);
      gain = engine_gain (c, s, tier, lon, lat, fid++);
      if (gain > best + 1e-6)
        {
          best = gain;
          best_index = i;
        }
    }

  sites = lc_coverage_suggest (c, s, tier, 5, candidates, n_candidates, NULL);
  if (best == 0)
    {
      g_assert_cmpuint (sites->len, ==, 0);
      return;
    }
  g_assert_cmpuint (sites->len, >=, 1);
  g_assert_cmpfloat (fabs (nth (sites, 0)->gain_population - best), <, 1e-6);
  g_assert_cmpuint (nth (sites, 0)->node, ==, best_index);

  /* Gains only shrink, and the sites together cover what they say */
  for (guint i = 0; i < sites->len; i++)
    {
      g_assert_cmpfloat (nth (sites, i)->gain_population, >, 0);
      if (i > 0)
        g_assert_cmpfloat (nth (sites, i)->gain_population, <=, nth (sites, i - 1)->gain_population + 1e-9);
      g_assert_true (lc_coverage_add_facility (c, fid, nth (sites, i)->lon, nth (sites, i)->lat, TRUE));
      g_assert_true (lc_coverage_add_facility_service (c, fid++, key, tier));
    }
  lc_coverage_compute_service (c, s);
  last = nth (sites, sites->len - 1);
  g_assert_cmpfloat (fabs (lc_coverage_get_result (c, s)->share_population - last->cumulative_share_population), <, 1e-9);
}

static void
test_random_nodes (void)
{
  for (guint32 seed = 1; seed <= 4; seed++)
    {
      g_autoptr(LcCoverage) c = coverage_random_new (seed);

      g_test_message ("seed %u: %u nodes", seed, lc_walk_graph_get_n_nodes (lc_coverage_get_graph (c)));
      check_against_engine (c, service (c, "elderly"), NULL, NULL, 0);
      check_against_engine (c, service (c, "health"), "station", NULL, 0);
      check_against_engine (c, service (c, "party_service"), NULL, NULL, 0);
    }
}

static void
test_random_candidates (void)
{
  for (guint32 seed = 11; seed <= 14; seed++)
    {
      g_autoptr(LcCoverage) c = coverage_random_new (seed);
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      LcWalkGraph *graph = lc_coverage_get_graph (c);
      double lon0 = G_MAXDOUBLE, lat0 = G_MAXDOUBLE, lon1 = -G_MAXDOUBLE, lat1 = -G_MAXDOUBLE;
      LcCoverageCandidate candidates[200];

      for (guint i = 0; i < lc_walk_graph_get_n_nodes (graph); i++)
        {
          double lon, lat;

          lc_walk_graph_get_node (graph, i, &lon, &lat);
          lon0 = MIN (lon0, lon);
          lat0 = MIN (lat0, lat);
          lon1 = MAX (lon1, lon);
          lat1 = MAX (lat1, lat);
        }
      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        candidates[i] = (LcCoverageCandidate) { g_rand_double_range (rand, lon0, lon1),
                                                g_rand_double_range (rand, lat0, lat1) };
      check_against_engine (c, service (c, "elderly"), NULL, candidates, G_N_ELEMENTS (candidates));
      check_against_engine (c, service (c, "culture"), NULL, candidates, G_N_ELEMENTS (candidates));
    }
}

/* Hand-made random graphs without facilities, small enough that every
 * node is worth trying for several services */
static void
test_random_small (void)
{
  for (guint32 seed = 100; seed < 120; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      LcWalkGraphBuilder *b = lc_walk_graph_builder_new ();
      g_autoptr(LcCoverage) c = NULL;
      guint n_points = g_rand_int_range (rand, 5, 30);
      double xy[60];

      for (guint i = 0; i < n_points; i++)
        {
          xy[2 * i] = g_rand_double_range (rand, 0, 1200);
          xy[2 * i + 1] = g_rand_double_range (rand, 0, 1200);
        }
      for (guint i = 0; i < 2 * n_points; i++)
        {
          guint p = g_rand_int_range (rand, 0, n_points), q = g_rand_int_range (rand, 0, n_points);
          double ll[4] = { lon_of (xy[2 * p]), lat_of (xy[2 * p + 1]), lon_of (xy[2 * q]), lat_of (xy[2 * q + 1]) };

          if (p != q)
            lc_walk_graph_builder_add_line (b, ll, 2);
        }
      c = coverage_of (b);
      for (guint h = 0; h < 30; h++)
        lc_coverage_add_home (c, h, lon_of (g_rand_double_range (rand, 0, 1200)),
                              lat_of (g_rand_double_range (rand, 0, 1200)), g_rand_double_range (rand, 1, 200));
      check_against_engine (c, service (c, "elderly"), NULL, NULL, 0);
      check_against_engine (c, service (c, "childcare"), "infant", NULL, 0);
      check_against_engine (c, service (c, "learning"), NULL, NULL, 0);
    }
}

/* ---- the sample plan ---- */

static void
test_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcCoverage) c = NULL;
  sqlite3 *db = NULL;
  guint n_services;
  const LcService *all = lc_services_get_all (&n_services);
  double worst = 0, total = 0;

  if (sample_plan == NULL)
    {
      g_test_skip ("no sample plan given");
      return;
    }
  g_assert_cmpint (sqlite3_open_v2 (sample_plan, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  c = lc_coverage_new_from_database (db, LC_COVERAGE_FLAGS_NONE, &error);
  sqlite3_close (db);
  g_assert_no_error (error);
  lc_coverage_compute (c);

  for (guint s = 0; s < n_services; s++)
    {
      g_autoptr(GArray) sites = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double ms;

      sites = lc_coverage_suggest (c, s, NULL, 10, NULL, 0, NULL);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      worst = MAX (worst, ms);
      total += ms;
      g_test_message ("%-24s every node (%u), k = 10: %7.2f ms, %u sites, coverage %5.1f %% -> %5.1f %%",
                      all[s].key, lc_walk_graph_get_n_nodes (lc_coverage_get_graph (c)), ms, sites->len,
                      lc_coverage_get_result (c, s)->share_population * 100,
                      sites->len > 0 ? nth (sites, sites->len - 1)->cumulative_share_population * 100
                                     : lc_coverage_get_result (c, s)->share_population * 100);
    }
  g_test_message ("all 20 services: %.1f ms, the slowest %.1f ms", total, worst);
  /* Well under a second each; generous, for a busy machine */
  g_assert_cmpfloat (worst, <, 1000);

  /* And the first site against the engine, for one service */
  check_against_engine (c, service (c, "elderly"), NULL, NULL, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (argc > 1)
    sample_plan = argv[1];

  g_test_add_func ("/suggest/two-clusters", test_two_clusters);
  g_test_add_func ("/suggest/ties", test_ties);
  g_test_add_func ("/suggest/existing-facility", test_existing_facility);
  g_test_add_func ("/suggest/candidates", test_candidates);
  g_test_add_func ("/suggest/tier", test_tier);
  g_test_add_func ("/suggest/cancelled", test_cancelled);
  g_test_add_func ("/suggest/random-nodes", test_random_nodes);
  g_test_add_func ("/suggest/random-candidates", test_random_candidates);
  g_test_add_func ("/suggest/random-small", test_random_small);
  g_test_add_func ("/suggest/sample", test_sample);

  return g_test_run ();
}
