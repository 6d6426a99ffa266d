/* bench-plan.c: a large synthetic plan for the benchmarks
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-plan"

#include "config.h"
#include "lc-plan-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-plan.h"
#include "lc-geometry.h"

/* Half-size of the area: 1.73 km × 1.73 km ≈ 3 km² */
#define CENTRE_LAT      BENCH_CENTRE_LAT
#define CENTRE_LON      BENCH_CENTRE_LON
#define HALF_SIDE_M     866.0
#define M_PER_DEG_LAT   110946.0


static double
m_per_deg_lon (void)
{
  return M_PER_DEG_LAT * cos (CENTRE_LAT * G_PI / 180.0);
}

/**
 * bench_seconds_since:
 * @start: a g_get_monotonic_time()
 *
 * Returns: the seconds since @start
 */
double
bench_seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/**
 * bench_format_kib:
 * @kib: kibibytes, as getrusage() gives ru_maxrss
 *
 * Returns: (transfer full): "87.4 MiB"
 */
char *
bench_format_kib (long kib)
{
  return g_format_size_full ((guint64) kib * 1024, G_FORMAT_SIZE_IEC_UNITS);
}


/* A point of the area, @x and @y in metres from its centre */
static void
to_lonlat (double  x,
           double  y,
           double *lon,
           double *lat)
{
  *lon = CENTRE_LON + x / m_per_deg_lon ();
  *lat = CENTRE_LAT + y / M_PER_DEG_LAT;
}

static GBytes *
make_building (GRand *rand)
{
  g_autoptr(LcGeometry) g = lc_geometry_new (LC_GEOMETRY_MULTIPOLYGON);
  double cx = g_rand_double_range (rand, -HALF_SIDE_M, HALF_SIDE_M);
  double cy = g_rand_double_range (rand, -HALF_SIDE_M, HALF_SIDE_M);
  double w = g_rand_double_range (rand, 4.0, 12.0);
  double h = g_rand_double_range (rand, 4.0, 12.0);
  double a = g_rand_double_range (rand, 0, G_PI);
  static const double corners[5][2] = { { -1, -1 }, { 1, -1 }, { 1, 1 }, { -1, 1 }, { -1, -1 } };

  for (guint i = 0; i < G_N_ELEMENTS (corners); i++)
    {
      double dx = corners[i][0] * w, dy = corners[i][1] * h;
      double lon, lat;

      to_lonlat (cx + dx * cos (a) - dy * sin (a), cy + dx * sin (a) + dy * cos (a), &lon, &lat);
      lc_geometry_add_point (g, lon, lat);
    }
  lc_geometry_end_part (g);
  lc_geometry_end_group (g);

  return lc_geometry_to_gpkg (g, LC_SRS_WGS84);
}

static GBytes *
make_path (GRand  *rand,
           double *length)
{
  g_autoptr(LcGeometry) g = lc_geometry_new (LC_GEOMETRY_LINESTRING);
  double x = g_rand_double_range (rand, -HALF_SIDE_M, HALF_SIDE_M);
  double y = g_rand_double_range (rand, -HALF_SIDE_M, HALF_SIDE_M);
  double heading = g_rand_double_range (rand, 0, 2 * G_PI);
  int n = g_rand_int_range (rand, 2, 5);   /* 2–4 points */

  for (int i = 0; i < n; i++)
    {
      double lon, lat;

      to_lonlat (x, y, &lon, &lat);
      lc_geometry_add_point (g, lon, lat);
      heading += g_rand_double_range (rand, -0.6, 0.6);
      x = CLAMP (x + g_rand_double_range (rand, 10, 60) * cos (heading), -HALF_SIDE_M, HALF_SIDE_M);
      y = CLAMP (y + g_rand_double_range (rand, 10, 60) * sin (heading), -HALF_SIDE_M, HALF_SIDE_M);
    }
  lc_geometry_end_part (g);

  *length = lc_geometry_length_m (g);
  return lc_geometry_to_gpkg (g, LC_SRS_WGS84);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/**
 * bench_percentile:
 * @values: (element-type double): sorted in place
 * @p: 0.5 for the median, 1 for the largest
 *
 * Returns: the value at @p of the way through @values (nearest rank)
 */
double
bench_percentile (GArray *values,
                  double  p)
{
  g_return_val_if_fail (values->len > 0, 0);

  g_array_sort (values, compare_double);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

/**
 * bench_median:
 * @values: (element-type double): sorted in place
 *
 * Returns: the median, the mean of the middle two for an even count
 */
double
bench_median (GArray *values)
{
  g_return_val_if_fail (values->len > 0, 0);

  g_array_sort (values, compare_double);
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);
  return (g_array_index (values, double, values->len / 2 - 1) +
          g_array_index (values, double, values->len / 2)) / 2;
}

void
bench_check_sqlite (sqlite3    *db,
              int         rc,
              const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      fprintf (stderr, "bench: %s: %s\n", what, sqlite3_errmsg (db));
      exit (1);
    }
}

/**
 * bench_plan_generate:
 *
 * Adds @n_buildings buildings and @n_paths walking-path segments, spread
 * over about 3 km² around 31.30 N 121.51 E, to @plan in one edit, as an
 * import would, printing how long each part took.
 */
void
bench_plan_generate (LcPlan *plan,
                     int     n_buildings,
                     int     n_paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260315);
  g_autoptr(sqlite3_stmt) building = NULL;
  g_autoptr(sqlite3_stmt) path = NULL;
  sqlite3 *db = lc_plan_get_database (plan);
  static const char *types[] = { "residential", "apartments", "house", "yes" };
  static const char *highways[] = {
    "footway", "path", "pedestrian", "residential", "service", "living_street"
  };
  gint64 start;

  if (!lc_plan_begin (plan, "Import", &error))
    g_error ("begin: %s", error->message);

  bench_check_sqlite (db, sqlite3_prepare_v2 (db,
                                        "INSERT INTO buildings "
                                        "(geom, building, levels, residential, population, osm_id) "
                                        "VALUES (?, ?, ?, ?, ?, ?)", -1, &building, NULL),
                "prepare buildings");
  bench_check_sqlite (db, sqlite3_prepare_v2 (db,
                                        "INSERT INTO walking_paths "
                                        "(geom, name, highway, length_m, osm_way_id) "
                                        "VALUES (?, ?, ?, ?, ?)", -1, &path, NULL),
                "prepare walking_paths");

  start = g_get_monotonic_time ();
  for (int i = 0; i < n_buildings; i++)
    {
      g_autoptr(GBytes) geom = make_building (rand);
      gboolean residential = g_rand_int_range (rand, 0, 10) < 8;
      int levels = g_rand_int_range (rand, 1, 34);
      char osm_id[32];

      g_snprintf (osm_id, sizeof osm_id, "way/%d", 100000000 + i);
      sqlite3_bind_blob (building, 1, g_bytes_get_data (geom, NULL), (int) g_bytes_get_size (geom),
                         SQLITE_STATIC);
      sqlite3_bind_text (building, 2, types[i % G_N_ELEMENTS (types)], -1, SQLITE_STATIC);
      sqlite3_bind_int (building, 3, levels);
      sqlite3_bind_int (building, 4, residential);
      if (residential)
        sqlite3_bind_double (building, 5, round (levels * g_rand_double_range (rand, 6, 14)));
      else
        sqlite3_bind_null (building, 5);
      sqlite3_bind_text (building, 6, osm_id, -1, SQLITE_TRANSIENT);
      bench_check_sqlite (db, sqlite3_step (building), "insert a building");
      sqlite3_reset (building);
    }
  printf ("  buildings inserted:   %8.3f s\n", bench_seconds_since (start));

  start = g_get_monotonic_time ();
  for (int i = 0; i < n_paths; i++)
    {
      double length = 0;
      g_autoptr(GBytes) geom = make_path (rand, &length);

      sqlite3_bind_blob (path, 1, g_bytes_get_data (geom, NULL), (int) g_bytes_get_size (geom),
                         SQLITE_STATIC);
      if (i % 5 == 0)
        sqlite3_bind_text (path, 2, "社区步道", -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (path, 2);
      sqlite3_bind_text (path, 3, highways[i % G_N_ELEMENTS (highways)], -1, SQLITE_STATIC);
      sqlite3_bind_double (path, 4, length);
      sqlite3_bind_int64 (path, 5, 200000000 + i);
      bench_check_sqlite (db, sqlite3_step (path), "insert a path");
      sqlite3_reset (path);
    }
  printf ("  paths inserted:       %8.3f s\n", bench_seconds_since (start));

  start = g_get_monotonic_time ();
  if (!lc_plan_commit (plan, &error))
    g_error ("commit: %s", error->message);
  printf ("  commit (undo step):   %8.3f s\n", bench_seconds_since (start));
}
