/* coverage-random.c: synthetic walking networks with homes and facilities, for tests and benchmarks
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "coverage-random"

#include "config.h"

#include <math.h>

#include "coverage-random.h"

#define M_PER_DEG_LAT 111195.0

static void
to_lonlat (double  x,
           double  y,
           double *lonlat)
{
  lonlat[0] = SYNTHETIC_LON + x / (M_PER_DEG_LAT * cos (SYNTHETIC_LAT * G_PI / 180));
  lonlat[1] = SYNTHETIC_LAT + y / M_PER_DEG_LAT;
}

/**
 * coverage_synthetic_new:
 * @side: nodes along each side of the grid
 * @nodes_per_facility: about one facility of each service per this many nodes
 * @homes_per_node: homes per grid node
 * @quirks: add lines that test joining: ends 0.3 m off a node, a middle
 *   vertex on a node, a line that joins nothing
 *
 * A perturbed grid like a city's streets: blocks 30–120 m wide, nodes moved
 * by up to 8 m, one street segment in ten missing; homes and facilities at
 * random, each facility of a random tier of its service.
 *
 * Returns: (transfer full): the coverage, not computed yet
 */
LcCoverage *
coverage_synthetic_new (guint32  seed,
                        guint    side,
                        guint    nodes_per_facility,
                        double   homes_per_node,
                        gboolean quirks)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(LcWalkGraphBuilder) builder = lc_walk_graph_builder_new ();
  g_autoptr(LcWalkGraph) graph = NULL;
  g_autofree double *col = g_new (double, side);
  g_autofree double *row = g_new (double, side);
  g_autofree double *node = g_new (double, 2 * (gsize) side * side);
  g_autoptr(GArray) line = g_array_new (FALSE, FALSE, sizeof (double));
  LcCoverage *coverage;
  guint n_services, n_homes, n_facilities;
  const LcService *all = lc_services_get_all (&n_services);
  gint64 fid = 1;

  col[0] = row[0] = 0;
  for (guint i = 1; i < side; i++)
    {
      col[i] = col[i - 1] + g_rand_double_range (rand, 30, 120);
      row[i] = row[i - 1] + g_rand_double_range (rand, 30, 120);
    }
  for (guint j = 0; j < side; j++)
    for (guint i = 0; i < side; i++)
      to_lonlat (col[i] + g_rand_double_range (rand, -8, 8), row[j] + g_rand_double_range (rand, -8, 8),
                 &node[2 * ((gsize) j * side + i)]);

  /* Streets along rows, then along columns, broken where a segment is missing */
  for (int dir = 0; dir < 2; dir++)
    for (guint j = 0; j < side; j++)
      {
        g_array_set_size (line, 0);
        for (guint i = 0; i < side; i++)
          {
            gsize k = dir == 0 ? (gsize) j * side + i : (gsize) i * side + j;

            g_array_append_vals (line, &node[2 * k], 2);
            if (i + 1 == side || g_rand_int_range (rand, 0, 10) == 0)
              {
                lc_walk_graph_builder_add_line (builder, (double *) line->data, line->len / 2);
                g_array_set_size (line, 0);
              }
          }
      }

  if (quirks)
    for (guint q = 0; q < 20; q++)
      {
        gsize a = g_rand_int_range (rand, 0, side * side), b = g_rand_int_range (rand, 0, side * side);
        double pts[6];

        switch (q % 3)
          {
          case 0:   /* ends 0.3 m east of two nodes: joined */
            pts[0] = node[2 * a] + 0.3 / (M_PER_DEG_LAT * cos (SYNTHETIC_LAT * G_PI / 180));
            pts[1] = node[2 * a + 1];
            pts[2] = node[2 * b] + 0.3 / (M_PER_DEG_LAT * cos (SYNTHETIC_LAT * G_PI / 180));
            pts[3] = node[2 * b + 1];
            lc_walk_graph_builder_add_line (builder, pts, 2);
            break;
          case 1:   /* a middle vertex exactly on a node: joined there */
            pts[0] = node[2 * a] + 0.002;
            pts[1] = node[2 * a + 1] + 0.001;
            pts[2] = node[2 * a];
            pts[3] = node[2 * a + 1];
            pts[4] = node[2 * a] - 0.001;
            pts[5] = node[2 * a + 1] + 0.002;
            lc_walk_graph_builder_add_line (builder, pts, 3);
            break;
          default:  /* ends 3 m off: not joined, an island */
            pts[0] = node[2 * a] + 3.0 / M_PER_DEG_LAT;
            pts[1] = node[2 * a + 1] + 3.0 / M_PER_DEG_LAT;
            pts[2] = pts[0] + 0.0015;
            pts[3] = pts[1] + 0.0005;
            lc_walk_graph_builder_add_line (builder, pts, 2);
            break;
          }
      }

  graph = lc_walk_graph_builder_finish (g_steal_pointer (&builder));
  coverage = lc_coverage_new (graph);

  n_homes = (guint) (homes_per_node * side * side);
  for (guint h = 0; h < n_homes; h++)
    {
      double ll[2];

      to_lonlat (g_rand_double_range (rand, -50, col[side - 1] + 50),
                 g_rand_double_range (rand, -50, row[side - 1] + 50), ll);
      lc_coverage_add_home (coverage, h + 1, ll[0], ll[1], g_rand_double_range (rand, 20, 300));
    }

  n_facilities = MAX (1, side * side / nodes_per_facility);
  for (guint s = 0; s < n_services; s++)
    for (guint i = 0; i < n_facilities; i++)
      {
        double ll[2];

        to_lonlat (g_rand_double_range (rand, 0, col[side - 1]), g_rand_double_range (rand, 0, row[side - 1]), ll);
        lc_coverage_add_facility (coverage, fid, ll[0], ll[1], !quirks || g_rand_int_range (rand, 0, 20) > 0);
        lc_coverage_add_facility_service (coverage, fid, all[s].key,
                                          all[s].tiers[g_rand_int_range (rand, 0, all[s].n_tiers)].key);
        fid++;
      }

  return coverage;
}

/**
 * coverage_random_new:
 *
 * Returns: (transfer full): a small random network (15–40 nodes a side)
 * with its quirks, homes and a few facilities of each service
 */
LcCoverage *
coverage_random_new (guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0x5eed);
  guint side = g_rand_int_range (rand, 15, 41);

  return coverage_synthetic_new (seed, side, g_rand_int_range (rand, 40, 200), 0.5, TRUE);
}
