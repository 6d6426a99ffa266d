/* test-geo.c: geodesy helpers
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-geo"

#include "config.h"

#include <math.h>

#include "lc-geo.h"

static void
test_distance (void)
{
  /* One degree of latitude on the mean sphere: πR/180 = 111,195 m */
  g_assert_cmpfloat_with_epsilon (lc_geo_distance (31, 121.5, 32, 121.5), 111195.08, 0.5);
  g_assert_cmpfloat (lc_geo_distance (31.3, 121.5, 31.3, 121.5), ==, 0);

  /* One degree of longitude at 31.3° N shrinks by cos(latitude) */
  g_assert_cmpfloat_with_epsilon (lc_geo_distance (31.3, 121, 31.3, 122),
                                  111195.08 * cos (31.3 * G_PI / 180), 30);

  /* Symmetric, and 900 m (a 15-minute walk) stays 900 m */
  g_assert_cmpfloat_with_epsilon (lc_geo_distance (31.29, 121.51, 31.30, 121.52),
                                  lc_geo_distance (31.30, 121.52, 31.29, 121.51), 1e-9);
  g_assert_cmpfloat_with_epsilon (lc_geo_distance (31.3, 121.5, 31.3 + 900 / 111195.08, 121.5),
                                  900, 0.01);
}

static void
test_parse (void)
{
  struct { const char *text; gboolean ok; double lat, lon; } cases[] = {
    { "31.30, 121.51", TRUE, 31.30, 121.51 },
    { "31.30,121.51", TRUE, 31.30, 121.51 },
    { "  31.30   121.51  ", TRUE, 31.30, 121.51 },
    { "31.30，121.51", TRUE, 31.30, 121.51 },        /* full-width comma */
    { "31.30 ，  121.51", TRUE, 31.30, 121.51 },
    { "-33.86; 151.2", TRUE, -33.86, 151.2 },
    { "90, 180", TRUE, 90, 180 },
    { "91, 121", FALSE },
    { "31, 181", FALSE },
    { "31.30", FALSE },
    { "31.30, 121.51, 5", FALSE },
    { "五角场", FALSE },
    { "31.30,,121.51", FALSE },
    { "nan, 121", FALSE },
    { "inf, 121", FALSE },
    { "", FALSE },
    { "31.3x 121.5", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double lat = -1, lon = -1;
      gboolean ok = lc_geo_parse_coordinates (cases[i].text, &lat, &lon);

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_cmpfloat_with_epsilon (lat, cases[i].lat, 1e-12);
          g_assert_cmpfloat_with_epsilon (lon, cases[i].lon, 1e-12);
        }
    }

  g_assert_false (lc_geo_parse_coordinates (NULL, &(double){0}, &(double){0}));
  g_assert_false (lc_geo_parse_coordinates ("\xff\xfe", &(double){0}, &(double){0}));
}

static void
test_format_round_trip (void)
{
  g_autofree char *text = lc_geo_format_coordinates (31.298940, 121.514570);
  double lat, lon;

  g_assert_cmpstr (text, ==, "31.298940, 121.514570");
  g_assert_true (lc_geo_parse_coordinates (text, &lat, &lon));
  g_assert_cmpfloat_with_epsilon (lat, 31.298940, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, 121.514570, 1e-9);
}

static void
test_tiles (void)
{
  double x, y, lat, lon;

  /* 31.23 N 121.47 E (People's Square) lies in z15 tile 27440/13389 */
  lc_geo_to_tile (31.23, 121.47, 15, &x, &y);
  g_assert_cmpint ((int) floor (x), ==, 27440);
  g_assert_cmpint ((int) floor (y), ==, 13389);

  lc_geo_from_tile (x, y, 15, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, 31.23, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, 121.47, 1e-9);

  /* The world's corners */
  lc_geo_to_tile (0, 0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0.5, 1e-12);
  lc_geo_to_tile (89.9, -180, 1, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0, 1e-6);

  /* World coordinates are zoom 0's tiles, one axis at a time */
  lc_geo_to_tile (31.23, 121.47, 15, &x, &y);
  g_assert_cmpfloat_with_epsilon (lc_geo_world_x (121.47) * 32768, x, 1e-6);
  g_assert_cmpfloat_with_epsilon (lc_geo_world_y (31.23) * 32768, y, 1e-6);
  g_assert_cmpfloat_with_epsilon (lc_geo_world_x (-180), 0, 1e-12);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/geo/distance", test_distance);
  g_test_add_func ("/core/geo/parse", test_parse);
  g_test_add_func ("/core/geo/format-round-trip", test_format_round_trip);
  g_test_add_func ("/core/geo/tiles", test_tiles);

  return g_test_run ();
}
