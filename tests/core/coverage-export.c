/* coverage-export.c: writes a coverage and its inputs as text, for an independent check
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "coverage-export"

#include "config.h"
#include "lc-plan-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "coverage-random.h"
#include "lc-coverage.h"

/*
 * coverage-export PLAN | --random SEED
 *
 * Computes the coverage of a plan (or of a random network with random homes
 * and facilities) and prints the graph, every snap, the sources of each
 * service and every node's label and distance, for
 * check-coverage-networkx.py to recompute with networkx. One record a line:
 *
 *   graph N_NODES N_EDGES SNAP_RADIUS_M
 *   n X Y                      node, projected metres
 *   e U V LENGTH_CM
 *   home X Y SNAPPED EDGE POS_CM DISTANCE_CM COVERED_MASK
 *   service KEY BOUND_CM N_SOURCES
 *   src EDGE POS_CM DISTANCE_CM SLACK_CM
 *   label D…                   per node, -1 when unreached
 *   dist D…                    per node, without slack
 *   homedist D…                per home, -1 when unreached
 */

static void
print_array (const char    *name,
             const guint32 *values,
             guint          n)
{
  g_autoptr(GString) line = g_string_new (name);

  for (guint i = 0; i < n; i++)
    {
      if (values[i] == LC_WALK_UNREACHED)
        g_string_append (line, " -1");
      else
        g_string_append_printf (line, " %u", values[i]);
    }
  g_string_append_c (line, '\n');
  fputs (line->str, stdout);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(LcCoverage) coverage = NULL;
  g_autoptr(GError) error = NULL;
  LcWalkGraph *graph;
  guint n_nodes, n_edges, n_homes;
  double radius = 0;
  guint n_services;
  const LcService *all = lc_services_get_all (&n_services);

  if (argc == 3 && g_str_equal (argv[1], "--random"))
    coverage = coverage_random_new ((guint32) g_ascii_strtoull (argv[2], NULL, 10));
  else if (argc == 2)
    {
      sqlite3 *db = NULL;

      if (sqlite3_open_v2 (argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        {
          fprintf (stderr, "coverage-export: %s: %s\n", argv[1], sqlite3_errmsg (db));
          return 2;
        }
      coverage = lc_coverage_new_from_database (db, LC_COVERAGE_FLAGS_NONE, &error);
      sqlite3_close (db);
      if (coverage == NULL)
        {
          fprintf (stderr, "coverage-export: %s: %s\n", argv[1], error->message);
          return 2;
        }
    }
  else
    {
      fprintf (stderr, "usage: coverage-export PLAN | --random SEED\n");
      return 2;
    }

  lc_coverage_compute (coverage);
  graph = lc_coverage_get_graph (coverage);
  n_nodes = lc_walk_graph_get_n_nodes (graph);
  n_edges = lc_walk_graph_get_n_edges (graph);
  n_homes = lc_coverage_get_n_homes (coverage);
  for (guint s = 0; s < n_services; s++)
    radius = MAX (radius, lc_coverage_get_bound (coverage, s) / 100.0);

  printf ("graph %u %u %.2f\n", n_nodes, n_edges, radius);
  for (guint i = 0; i < n_nodes; i++)
    {
      double x, y;

      lc_walk_graph_get_node_xy (graph, i, &x, &y);
      printf ("n %.6f %.6f\n", x, y);
    }
  for (guint e = 0; e < n_edges; e++)
    {
      guint u, v;
      guint32 w;

      lc_walk_graph_get_edge (graph, e, &u, &v, &w);
      printf ("e %u %u %u\n", u, v, w);
    }
  for (guint h = 0; h < n_homes; h++)
    {
      LcWalkSnap snap = { 0 };
      double lon, lat, x, y;
      gboolean snapped = lc_coverage_get_home_snap (coverage, h, &snap);

      lc_coverage_get_home (coverage, h, NULL, &lon, &lat, NULL);
      lc_walk_graph_project (graph, lon, lat, &x, &y);
      printf ("home %.6f %.6f %d %u %u %u %u\n", x, y, snapped, snap.edge, snap.pos_cm, snap.distance_cm,
              lc_coverage_get_home_mask (coverage, h));
    }
  for (guint s = 0; s < n_services; s++)
    {
      g_autoptr(GArray) sources = lc_coverage_dup_sources (coverage, s);
      g_autofree guint32 *home_dist = g_new (guint32, n_homes + 1);

      printf ("service %s %u %u\n", all[s].key, lc_coverage_get_bound (coverage, s), sources->len);
      for (guint i = 0; i < sources->len; i++)
        {
          const LcCoverageSource *src = &g_array_index (sources, LcCoverageSource, i);

          printf ("src %u %u %u %u\n", src->edge, src->pos_cm, src->distance_cm, src->slack_cm);
        }
      print_array ("label", lc_coverage_get_node_labels (coverage, s), n_nodes);
      print_array ("dist", lc_coverage_get_node_distances (coverage, s), n_nodes);
      for (guint h = 0; h < n_homes; h++)
        home_dist[h] = lc_coverage_get_home_distance (coverage, h, s);
      print_array ("homedist", home_dist, n_homes);
    }

  return 0;
}
