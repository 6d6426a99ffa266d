/* bench-coverage.c: the coverage engine against networkx and igraph on the same graphs
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-coverage"

#include "config.h"
#include "lc-plan-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "bench-plan.h"
#include "coverage-random.h"
#include "lc-coverage.h"
#include "lc-geometry.h"

/*
 * bench-coverage --sample PLAN [--side N] [--nx-services 0] [--script bench-coverage.py]
 *
 * Times, in one run: all 20 services on the sample plan; one service after
 * moving one facility (a drag step); all 20 services on a synthetic city of
 * N × N nodes (1000 × 1000 by default) with one facility of each service per
 * 500 nodes and a home per two nodes. Each graph and the initial labels of
 * every service's search go to a temporary file, and bench-coverage.py
 * (run with /usr/bin/python3) times networkx and igraph on exactly the same
 * searches, checking that they reach the same nodes with the same total.
 */

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static void
write_u32 (FILE    *f,
           guint32  v)
{
  fwrite (&v, sizeof v, 1, f);
}

/* Graph, then per service: bound, sources (node, initial label), and our
 * reached count and sum of labels */
static void
export_problem (LcCoverage *c,
                const char *path)
{
  LcWalkGraph *g = lc_coverage_get_graph (c);
  guint n_nodes = lc_walk_graph_get_n_nodes (g), n_edges = lc_walk_graph_get_n_edges (g);
  FILE *f = g_fopen (path, "wb");

  g_assert_nonnull (f);
  fwrite ("LCCB", 1, 4, f);
  write_u32 (f, n_nodes);
  write_u32 (f, n_edges);
  write_u32 (f, LC_N_SERVICES);
  for (guint e = 0; e < n_edges; e++)
    {
      guint u, v;
      guint32 w;

      lc_walk_graph_get_edge (g, e, &u, &v, &w);
      write_u32 (f, u);
      write_u32 (f, v);
      write_u32 (f, w);
    }
  for (guint s = 0; s < LC_N_SERVICES; s++)
    {
      g_autoptr(GArray) sources = lc_coverage_dup_sources (c, s);
      const guint32 *labels = lc_coverage_get_node_labels (c, s);
      guint64 sum = 0;
      guint32 reached = 0;

      write_u32 (f, lc_coverage_get_bound (c, s));
      write_u32 (f, 2 * sources->len);
      for (guint i = 0; i < sources->len; i++)
        {
          const LcCoverageSource *src = &g_array_index (sources, LcCoverageSource, i);
          guint u, v;
          guint32 w;

          lc_walk_graph_get_edge (g, src->edge, &u, &v, &w);
          write_u32 (f, u);
          write_u32 (f, src->distance_cm + src->slack_cm + src->pos_cm);
          write_u32 (f, v);
          write_u32 (f, src->distance_cm + src->slack_cm + (w - MIN (w, src->pos_cm)));
        }
      for (guint n = 0; n < n_nodes; n++)
        if (labels[n] != LC_WALK_UNREACHED)
          {
            reached++;
            sum += labels[n];
          }
      write_u32 (f, reached);
      write_u32 (f, (guint32) (sum & 0xffffffff));
      write_u32 (f, (guint32) (sum >> 32));
    }
  fclose (f);
}

/* A figure of ours: the median of its runs, and the best run, which the
 * ratios use since the Python side reports its best of several runs too */
typedef struct
{
  double median;
  double best;
} Timing;

static Timing
timing_of (GArray *times)
{
  return (Timing) { bench_median (times), bench_percentile (times, 0.0) };
}

/* Of two rounds, the better of each: load from elsewhere on the machine
 * only ever slows a round down */
static Timing
timing_better (Timing a,
               Timing b)
{
  return (Timing) { MIN (a.median, b.median), MIN (a.best, b.best) };
}

/* Time of @repeats full computes, seconds */
static Timing
time_compute (LcCoverage *c,
              int         repeats)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < repeats; i++)
    {
      double t0 = now (), t;

      lc_coverage_compute (c);
      t = now () - t0;
      g_array_append_val (times, t);
    }
  return timing_of (times);
}

/* The initial labels of every service's search, as export_problem() writes them */
static GArray **
collect_searches (LcCoverage *c)
{
  LcWalkGraph *g = lc_coverage_get_graph (c);
  GArray **all = g_new0 (GArray *, LC_N_SERVICES);

  for (guint s = 0; s < LC_N_SERVICES; s++)
    {
      g_autoptr(GArray) sources = lc_coverage_dup_sources (c, s);

      all[s] = g_array_new (FALSE, FALSE, sizeof (LcWalkSource));
      for (guint i = 0; i < sources->len; i++)
        {
          const LcCoverageSource *src = &g_array_index (sources, LcCoverageSource, i);
          LcWalkSource ws[2];
          guint u, v;
          guint32 w;

          lc_walk_graph_get_edge (g, src->edge, &u, &v, &w);
          ws[0] = (LcWalkSource) { u, src->distance_cm + src->slack_cm + src->pos_cm };
          ws[1] = (LcWalkSource) { v, src->distance_cm + src->slack_cm + (w - MIN (w, src->pos_cm)) };
          g_array_append_vals (all[s], ws, 2);
        }
    }
  return all;
}

/* Time of @repeats runs of the 20 bare searches on one thread, what
 * networkx and igraph are timed on: no snapping, no homes */
static Timing
time_searches (LcCoverage *c,
               int         repeats)
{
  LcWalkGraph *g = lc_coverage_get_graph (c);
  g_autoptr(LcWalkSearch) search = lc_walk_search_new (g);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree guint32 *dist = g_new (guint32, lc_walk_graph_get_n_nodes (g) + 1);
  GArray **all = collect_searches (c);

  for (int i = 0; i < repeats; i++)
    {
      double t0 = now (), t;

      for (guint s = 0; s < LC_N_SERVICES; s++)
        lc_walk_search_run (search, (const LcWalkSource *) all[s]->data, all[s]->len,
                            lc_coverage_get_bound (c, s), dist);
      t = now () - t0;
      g_array_append_val (times, t);
    }
  for (guint s = 0; s < LC_N_SERVICES; s++)
    g_array_unref (all[s]);
  g_free (all);
  return timing_of (times);
}

/* Time of one drag step of facility @fid, a few metres at a time */
static Timing
time_drag (LcCoverage *c,
           gint64      fid,
           double      lon,
           double      lat,
           int         steps,
           double     *p95)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < steps; i++)
    {
      double t0 = now (), t;
      double a = i * 0.1, r = 2e-5 * (i % 50);

      lc_coverage_move_facility (c, fid, lon + r * cos (a), lat + r * sin (a));
      t = now () - t0;
      g_array_append_val (times, t);
    }
  lc_coverage_move_facility (c, fid, lon, lat);
  *p95 = bench_percentile (times, 0.95);
  return timing_of (times);
}

/* One facility to drag: the first of the service with the most facilities */
static gint64
pick_facility (sqlite3 *db,
               double  *lon,
               double  *lat,
               char   **service)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 fid = -1;

  bench_check_sqlite (db, sqlite3_prepare_v2 (db,
    "SELECT f.fid, s.service, f.geom FROM facilities f JOIN facility_services s ON s.facility_fid = f.fid "
    "WHERE s.service = (SELECT service FROM facility_services GROUP BY service ORDER BY count(*) DESC LIMIT 1) "
    "ORDER BY f.fid LIMIT 1", -1, &stmt, NULL), "pick a facility");
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(LcGeometry) g = lc_geometry_from_gpkg (sqlite3_column_blob (stmt, 2),
                                                       sqlite3_column_bytes (stmt, 2), NULL, NULL);

      fid = sqlite3_column_int64 (stmt, 0);
      *service = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      *lon = g->xy[0];
      *lat = g->xy[1];
    }
  return fid;
}

static GHashTable *
run_python (const char *script,
            const char *args)
{
  g_autofree char *cmd = g_strdup_printf ("/usr/bin/python3 %s %s", script, args);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int status = 0;

  if (!g_spawn_command_line_sync (cmd, &out, &err, &status, &error) || !g_spawn_check_wait_status (status, NULL))
    {
      printf ("  (python companion failed: %s)\n%s", error != NULL ? error->message : "", err != NULL ? err : "");
      return results;
    }
  fputs (err, stdout);
  /* "key value" lines */
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *space = strchr (lines[i], ' ');

      if (space != NULL)
        {
          *space = '\0';
          g_hash_table_insert (results, g_strdup (lines[i]), g_strdup (space + 1));
        }
    }
  return results;
}

static double
result (GHashTable *results,
        const char *key)
{
  const char *v = g_hash_table_lookup (results, key);

  return v != NULL ? g_ascii_strtod (v, NULL) : NAN;
}

static void
print_row (const char *what,
           Timing      ours,
           double      nx,
           double      ig,
           const char *note)
{
  char buf[4][32];
  const double v[4] = { ours.median, ours.best, nx, ig };

  for (int i = 0; i < 4; i++)
    {
      if (isnan (v[i]))
        g_snprintf (buf[i], sizeof buf[i], "n/a");
      else if (v[i] < 1)
        g_snprintf (buf[i], sizeof buf[i], "%.3f ms", v[i] * 1000);
      else
        g_snprintf (buf[i], sizeof buf[i], "%.2f s", v[i]);
    }
  printf ("  %-42s %12s %12s %12s %12s %8.0f× %8.1f×  %s\n", what, buf[0], buf[1], buf[2], buf[3],
          nx / ours.best, ig / ours.best, note);
}

/* Our figures of one round */
typedef struct
{
  Timing sample_all, sample_search, sample_drag;
  Timing city_all, city_all1, city_search, city_one, city_drag;
  double sample_drag95, city_drag95;
} Round;

static void
measure (Round      *r,
         LcCoverage *small,
         LcCoverage *city,
         gint64      fid,
         double      lon,
         double      lat)
{
  double one = 0;

  r->sample_all = time_compute (small, 200);
  r->sample_search = time_searches (small, 200);
  r->sample_drag = time_drag (small, fid, lon, lat, 500, &r->sample_drag95);

  r->city_all = time_compute (city, 3);
  lc_coverage_set_threads (city, 1);
  r->city_all1 = time_compute (city, 1);
  r->city_search = time_searches (city, 1);
  for (int s = 0; s < LC_N_SERVICES; s++)
    {
      double t0 = now ();

      lc_coverage_compute_service (city, s);
      one += now () - t0;
    }
  /* The mean, as the Python side gives it */
  r->city_one = (Timing) { one / LC_N_SERVICES, one / LC_N_SERVICES };
  lc_coverage_set_threads (city, 0);
  lc_coverage_compute (city);
  r->city_drag = time_drag (city, 1, SYNTHETIC_LON + 0.01, SYNTHETIC_LAT + 0.01, 50, &r->city_drag95);
}

static void
round_better (Round       *r,
              const Round *b)
{
  r->sample_all = timing_better (r->sample_all, b->sample_all);
  r->sample_search = timing_better (r->sample_search, b->sample_search);
  r->sample_drag = timing_better (r->sample_drag, b->sample_drag);
  r->city_all = timing_better (r->city_all, b->city_all);
  r->city_all1 = timing_better (r->city_all1, b->city_all1);
  r->city_search = timing_better (r->city_search, b->city_search);
  r->city_one = timing_better (r->city_one, b->city_one);
  r->city_drag = timing_better (r->city_drag, b->city_drag);
  r->sample_drag95 = MIN (r->sample_drag95, b->sample_drag95);
  r->city_drag95 = MIN (r->city_drag95, b->city_drag95);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sample = NULL;
  g_autofree char *script = NULL;
  g_autofree char *service_key = NULL;
  int side = 1000, nx_services = 1;
  const GOptionEntry entries[] = {
    { "sample", 0, 0, G_OPTION_ARG_FILENAME, &sample, "The sample plan", "PLAN" },
    { "side", 0, 0, G_OPTION_ARG_INT, &side, "Nodes along each side of the synthetic city (1000)", "N" },
    { "nx-services", 0, 0, G_OPTION_ARG_INT, &nx_services, "0: no networkx on the city (slow)", "K" },
    { "script", 0, 0, G_OPTION_ARG_FILENAME, &script, "bench-coverage.py", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcCoverage) small = NULL;
  g_autoptr(LcCoverage) city = NULL;
  g_autoptr(GHashTable) py = NULL;
  g_autofree char *dir = NULL, *sample_bin = NULL, *city_bin = NULL, *args = NULL;
  double t0, sample_load, city_build, lon = 0, lat = 0;
  Round ours, again;
  gint64 fid;
  int drag_service;
  sqlite3 *db = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || sample == NULL)
    {
      fprintf (stderr, "bench-coverage: %s\n", error != NULL ? error->message : "give --sample PLAN");
      return 2;
    }
  if (script == NULL)
    script = g_build_filename (g_getenv ("G_TEST_SRCDIR") != NULL ? g_getenv ("G_TEST_SRCDIR") : "tests",
                               "bench", "bench-coverage.py", NULL);
  dir = g_dir_make_tmp ("bench-coverage-XXXXXX", NULL);
  sample_bin = g_build_filename (dir, "sample.bin", NULL);
  city_bin = g_build_filename (dir, "city.bin", NULL);

  printf ("Coverage: %u processors; ours = Dial bucket queue on a Hilbert-ordered CSR graph\n\n",
          g_get_num_processors ());

  /* The sample plan */
  t0 = now ();
  bench_check_sqlite (db, sqlite3_open_v2 (sample, &db, SQLITE_OPEN_READONLY, NULL), "open the sample");
  small = lc_coverage_new_from_database (db, LC_COVERAGE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  lc_coverage_compute (small);
  sample_load = now () - t0;
  fid = pick_facility (db, &lon, &lat, &service_key);
  sqlite3_close (db);
  g_assert_cmpint (fid, >, 0);
  drag_service = lc_coverage_lookup_service (small, service_key);
  printf ("sample: %u nodes, %u edges, %u homes; read, build and first compute %.1f ms\n",
          lc_walk_graph_get_n_nodes (lc_coverage_get_graph (small)),
          lc_walk_graph_get_n_edges (lc_coverage_get_graph (small)), lc_coverage_get_n_homes (small),
          sample_load * 1000);
  export_problem (small, sample_bin);

  /* The synthetic city */
  t0 = now ();
  city = coverage_synthetic_new (20260315, side, 500, 0.5, FALSE);
  lc_coverage_compute (city);
  city_build = now () - t0;
  printf ("city: %u nodes, %u edges, %u homes, %u facilities per service; generate, build, snap and "
          "first compute %.1f s\n",
          lc_walk_graph_get_n_nodes (lc_coverage_get_graph (city)),
          lc_walk_graph_get_n_edges (lc_coverage_get_graph (city)), lc_coverage_get_n_homes (city),
          lc_coverage_get_result (city, 0)->n_facilities, city_build);
  export_problem (city, city_bin);

  /* Ours before and after the Python side, the better of each figure */
  measure (&ours, small, city, fid, lon, lat);

  args = g_strdup_printf ("%s %s %d %d", sample_bin, city_bin, drag_service, nx_services);
  printf ("\nnetworkx and igraph on the same graphs and sources (/usr/bin/python3):\n");
  py = run_python (script, args);

  measure (&again, small, city, fid, lon, lat);
  round_better (&ours, &again);
  printf ("\n  sample drag: facility %" G_GINT64_FORMAT " (%s), p95 %.3f ms; city drag p95 %.3f ms\n",
          fid, service_key, ours.sample_drag95 * 1000, ours.city_drag95 * 1000);

  printf ("\n  %-42s %12s %12s %12s %12s %9s %9s\n", "", "ours median", "ours best", "networkx", "igraph",
          "vs nx", "vs igraph");
  print_row ("sample, all 20 services", ours.sample_all, result (py, "sample_all_nx"), result (py, "sample_all_ig"),
             "target < 5 ms");
  print_row ("sample, 20 searches only, 1 thread", ours.sample_search, result (py, "sample_all_nx"),
             result (py, "sample_all_ig"), "like for like");
  print_row ("sample, drag: move 1 facility, 1 service", ours.sample_drag, result (py, "sample_one_nx"),
             result (py, "sample_one_ig"), "target < 1 ms");
  print_row ("city, all 20 services, all threads", ours.city_all, result (py, "city_all_nx"),
             result (py, "city_all_ig"), "target < 2 s; networkx extrapolated");
  print_row ("city, all 20 services, 1 thread", ours.city_all1, result (py, "city_all_nx"),
             result (py, "city_all_ig"), "");
  print_row ("city, 20 searches only, 1 thread", ours.city_search, result (py, "city_all_nx"),
             result (py, "city_all_ig"), "like for like");
  print_row ("city, 1 service (mean), 1 thread", ours.city_one, result (py, "city_one_nx"),
             result (py, "city_one_ig"), "per service");
  print_row ("city, drag: move 1 facility, 1 service", ours.city_drag, NAN, NAN, "");
  printf ("\n  ours: timed in two rounds, before and after the Python side, the better of each kept\n"
          "  (load from elsewhere only slows a round); the ratios divide the Python side's best of\n"
          "  several runs (networkx and igraph on the sample: per service, best of 5; on the city:\n"
          "  one run) by our best run.\n");
  printf ("  ours \"all 20 services\" and \"drag\": what the app calls (lc_coverage_compute(),\n"
          "  lc_coverage_move_facility()): snapping the moved facility, the searches, and the evaluation\n"
          "  of every home; \"searches only\": lc_walk_search_run() from the same initial labels as\n"
          "  networkx and igraph get, which time the search alone (graphs built beforehand).\n");
  printf ("  networkx: single_source_dijkstra_path_length with cutoff = the bound, from a super-source;\n"
          "  igraph: distances() from the same super-source (igraph has no cutoff: whole graph).\n"
          "  On the city networkx timed one service per distinct bound (%s); its 20-service\n"
          "  figure adds, for each service, the time of the timed service with the same bound.\n",
          (const char *) g_hash_table_lookup (py, "city_nx_detail") ?: "not run");

  g_unlink (sample_bin);
  g_unlink (city_bin);
  g_rmdir (dir);
  return 0;
}
