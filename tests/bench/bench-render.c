/* bench-render.c: how fast the basemap's tiles render
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-render"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <sys/resource.h>

#include "bench-plan.h"
#include "lc-geo.h"
#include "lc-render.h"
#include "plan-fixture.h"

/*
 * Renders every tile over a plan's extent at unit zoom (15) and street zoom
 * (17), as the map's worker threads do (draw and PNG-encode one tile), on
 * the 五角场 sample and on a dense synthetic plan (100,000 buildings and
 * 200,000 path segments, 10 times the sample's density and more), and prints
 * the median and 95th percentile per tile, the time to read the snapshot and
 * the peak memory. Tiles render in threads, so a slow tile delays only
 * itself; these figures say how long a screenful takes to fill in.
 *
 * Run: meson test -C build --benchmark -v bench-render, or
 * build/tests/bench/bench-render [--sample PLAN] [--buildings N] [--paths N]
 */

static void
bench_zoom (LcRenderData *data,
            const char   *name,
            guint         zoom)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double lon0, lat0, lon1, lat1, tx0, ty0, tx1, ty1;
  gsize bytes = 0;

  lc_render_data_get_bounds (data, &lon0, &lat0, &lon1, &lat1);
  lc_geo_to_tile (lat1, lon0, zoom, &tx0, &ty0);
  lc_geo_to_tile (lat0, lon1, zoom, &tx1, &ty1);

  for (guint ty = (guint) floor (ty0); ty < ty1; ty++)
    for (guint tx = (guint) floor (tx0); tx < tx1; tx++)
      {
        gint64 start = g_get_monotonic_time ();
        g_autoptr(GBytes) png = lc_render_tile_png (data, tx, ty, zoom, 256, FALSE);
        double ms = (g_get_monotonic_time () - start) / 1e3;

        bytes += g_bytes_get_size (png);
        g_array_append_val (times, ms);
      }

  printf ("  %-10s zoom %2u: %5u tiles, median %6.2f ms, p95 %6.2f ms, max %6.2f ms, %5.1f kB a tile\n",
          name, zoom, times->len, bench_percentile (times, 0.5), bench_percentile (times, 0.95),
          bench_percentile (times, 1.0), bytes / 1024.0 / MAX (times->len, 1));
}

static void
bench_plan (LcPlan     *plan,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(LcRenderData) data = lc_render_data_new_from_plan (plan, &error);

  if (data == NULL)
    g_error ("%s", error->message);
  printf ("  %-10s snapshot of %u features read in %.3f s\n", name,
          lc_render_data_get_n_features (data), (g_get_monotonic_time () - start) / 1e6);
  bench_zoom (data, name, 15);
  bench_zoom (data, name, 17);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sample = NULL;
  int n_buildings = 100000, n_paths = 200000;
  const GOptionEntry entries[] = {
    { "sample", 0, 0, G_OPTION_ARG_FILENAME, &sample, "The sample plan (五角场.lcplan)", "PLAN" },
    { "buildings", 0, 0, G_OPTION_ARG_INT, &n_buildings, "Buildings in the dense plan", "N" },
    { "paths", 0, 0, G_OPTION_ARG_INT, &n_paths, "Path segments in the dense plan", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the basemap's tiles");
  g_autoptr(GError) error = NULL;
  struct rusage usage;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  plan_fixture_use_temp_state ();
  printf ("bench-render: one tile = draw + PNG encode, 256 px, light style, one thread\n");

  if (sample != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (sample);
      g_autoptr(LcPlan) plan = lc_plan_open (file, NULL, &error);

      if (plan == NULL)
        g_error ("%s: %s", sample, error->message);
      bench_plan (plan, "sample");
    }

  {
    g_autoptr(LcPlan) plan = lc_plan_new (&error);

    printf ("  dense plan: %d buildings, %d path segments over 3 km²\n", n_buildings, n_paths);
    bench_plan_generate (plan, n_buildings, n_paths);
    bench_plan (plan, "dense");
  }

  getrusage (RUSAGE_SELF, &usage);
  printf ("  peak memory of the whole run: %.1f MiB\n", usage.ru_maxrss / 1024.0);

  plan_fixture_remove_tree (g_get_user_state_dir ());
  return 0;
}
