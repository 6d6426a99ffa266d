/* test-geometry.c: GeoPackage geometry blobs, written and read, and hostile ones
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-geometry"

#include "config.h"
#include "lc-plan-private.h"

#include <math.h>
#include <string.h>
#include <sqlite3.h>

#include "lc-geo.h"
#include "lc-geometry.h"

static LcGeometry *
make (LcGeometryType type)
{
  LcGeometry *g = lc_geometry_new (type);

  switch (type)
    {
    case LC_GEOMETRY_POINT:
      lc_geometry_add_point (g, 121.514, 31.299);
      break;
    case LC_GEOMETRY_LINESTRING:
      lc_geometry_add_point (g, 121.51, 31.29);
      lc_geometry_add_point (g, 121.52, 31.30);
      lc_geometry_add_point (g, 121.53, 31.29);
      lc_geometry_end_part (g);
      break;
    case LC_GEOMETRY_POLYGON:
    case LC_GEOMETRY_MULTIPOLYGON:
      for (int k = 0; k < (type == LC_GEOMETRY_MULTIPOLYGON ? 2 : 1); k++)
        {
          double x = 121.5 + k * 0.01;

          /* an outer ring and a hole */
          lc_geometry_add_point (g, x, 31.3);
          lc_geometry_add_point (g, x + 0.004, 31.3);
          lc_geometry_add_point (g, x + 0.004, 31.304);
          lc_geometry_add_point (g, x, 31.3);
          lc_geometry_end_part (g);
          lc_geometry_add_point (g, x + 0.001, 31.301);
          lc_geometry_add_point (g, x + 0.002, 31.301);
          lc_geometry_add_point (g, x + 0.002, 31.302);
          lc_geometry_add_point (g, x + 0.001, 31.301);
          lc_geometry_end_part (g);
          if (type == LC_GEOMETRY_MULTIPOLYGON)
            lc_geometry_end_group (g);
        }
      break;
    case LC_GEOMETRY_MULTIPOINT:
      lc_geometry_add_point (g, 121.51, 31.29);
      lc_geometry_add_point (g, 121.52, 31.30);
      break;
    case LC_GEOMETRY_MULTILINESTRING:
      lc_geometry_add_point (g, 121.51, 31.29);
      lc_geometry_add_point (g, 121.52, 31.30);
      lc_geometry_end_part (g);
      lc_geometry_add_point (g, 121.53, 31.29);
      lc_geometry_add_point (g, 121.54, 31.30);
      lc_geometry_add_point (g, 121.55, 31.31);
      lc_geometry_end_part (g);
      break;
    default:
      g_assert_not_reached ();
    }
  return g;
}

static void
test_round_trip (void)
{
  for (LcGeometryType type = LC_GEOMETRY_POINT; type <= LC_GEOMETRY_MULTIPOLYGON; type++)
    {
      g_autoptr(LcGeometry) g = make (type);
      g_autoptr(GBytes) blob = lc_geometry_to_gpkg (g, LC_SRS_WGS84);
      g_autoptr(LcGeometry) back = NULL;
      g_autoptr(GError) error = NULL;
      gsize len;
      const guint8 *data = g_bytes_get_data (blob, &len);
      double env[4];
      int srs = 0;

      g_test_message ("%s", lc_geometry_type_name (type));

      /* Header: GP, version 0, little-endian with an xy envelope, srs 4326 */
      g_assert_cmpmem (data, 4, "GP\0\3", 4);
      g_assert_cmpint (data[4] | data[5] << 8, ==, 4326);
      memcpy (env, data + 8, sizeof env);
      g_assert_cmpfloat (env[0], <=, env[1]);
      g_assert_cmpfloat (env[2], <=, env[3]);
      g_assert_cmpint (data[40], ==, 1);          /* WKB little-endian */
      g_assert_cmpint (data[41], ==, (int) type);

      back = lc_geometry_from_gpkg (data, len, &srs, &error);
      g_assert_no_error (error);
      g_assert_cmpint (srs, ==, 4326);
      g_assert_true (lc_geometry_equal (g, back));
    }
}

static void
test_empty_and_length (void)
{
  g_autoptr(LcGeometry) empty = lc_geometry_new (LC_GEOMETRY_POINT);
  g_autoptr(GBytes) blob = lc_geometry_to_gpkg (empty, LC_SRS_WGS84);
  g_autoptr(LcGeometry) back = NULL;
  g_autoptr(LcGeometry) line = lc_geometry_new (LC_GEOMETRY_LINESTRING);
  gsize len;
  const guint8 *data = g_bytes_get_data (blob, &len);
  double a, b, c, d;

  g_assert_true (lc_geometry_is_empty (empty));
  g_assert_false (lc_geometry_get_bounds (empty, &a, &b, &c, &d));
  g_assert_cmpint (data[3], ==, 0x11);   /* empty flag, no envelope */
  back = lc_geometry_from_gpkg (data, len, NULL, NULL);
  g_assert_nonnull (back);
  g_assert_true (lc_geometry_is_empty (back));

  /* 0.01° of latitude along a meridian: 1111.95 m */
  lc_geometry_add_point (line, 121.5, 31.30);
  lc_geometry_add_point (line, 121.5, 31.31);
  lc_geometry_end_part (line);
  g_assert_cmpfloat_with_epsilon (lc_geometry_length_m (line), 1111.95, 0.01);
}

/* A square ring of side @side (degrees) at (x, y), turning as @ccw says */
static void
add_square (LcGeometry *g,
            double      x,
            double      y,
            double      side,
            gboolean    ccw)
{
  double xs[] = { x, x + side, x + side, x, x };
  double ys[] = { y, y, y + side, y + side, y };

  for (guint i = 0; i < 5; i++)
    lc_geometry_add_point (g, xs[ccw ? i : 4 - i], ys[ccw ? i : 4 - i]);
  lc_geometry_end_part (g);
}

static void
test_measures (void)
{
  g_autoptr(LcGeometry) l_shape = lc_geometry_new (LC_GEOMETRY_POLYGON);
  g_autoptr(LcGeometry) two = lc_geometry_new (LC_GEOMETRY_MULTIPOLYGON);
  g_autoptr(LcGeometry) flat = lc_geometry_new (LC_GEOMETRY_POLYGON);
  g_autoptr(LcGeometry) line = lc_geometry_new (LC_GEOMETRY_LINESTRING);
  g_autoptr(LcGeometry) empty = lc_geometry_new (LC_GEOMETRY_MULTIPOLYGON);
  double x, y, east, north;

  /* A 2 × 2 square (units of 0.001°) less a 1 × 1 hole in its corner,
   * the hole turning the same way: 3 units, centroid at 7/6 of a unit */
  add_square (l_shape, 121.500, 31.300, 0.002, TRUE);
  add_square (l_shape, 121.500, 31.300, 0.001, TRUE);
  g_assert_true (lc_geometry_get_centroid (l_shape, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 121.5 + 0.007 / 6, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 31.3 + 0.007 / 6, 1e-12);
  lc_geo_metres_per_degree (y, &east, &north);
  g_assert_cmpfloat_with_epsilon (lc_geometry_area_m2 (l_shape), 3e-6 * east * north, 1e-6);
  g_assert_cmpfloat_with_epsilon (lc_geometry_area_m2 (l_shape), 3 * 95.0 * 111.2, 50);   /* on the sphere */

  /* Ring 0 alone: the square's centre */
  g_assert_true (lc_geometry_get_ring_centroid (l_shape, 0, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 121.501, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 31.301, 1e-12);
  g_assert_true (lc_geometry_get_bounds_centre (l_shape, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 121.501, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 31.301, 1e-12);

  g_assert_true (lc_geometry_contains_point (l_shape, 121.5015, 31.3015));
  g_assert_false (lc_geometry_contains_point (l_shape, 121.5005, 31.3005));   /* in the hole */
  g_assert_false (lc_geometry_contains_point (l_shape, 121.5025, 31.3015));   /* outside */

  /* Two polygons, a hole listed with the first but lying in the second
   * (as imports of multipolygon relations give them): still a hole */
  add_square (two, 121.500, 31.300, 0.001, FALSE);
  add_square (two, 121.5105, 31.3005, 0.0005, TRUE);
  lc_geometry_end_group (two);
  add_square (two, 121.510, 31.300, 0.002, TRUE);
  lc_geometry_end_group (two);
  g_assert_true (lc_geometry_contains_point (two, 121.5005, 31.3005));
  g_assert_true (lc_geometry_contains_point (two, 121.5115, 31.3015));
  g_assert_false (lc_geometry_contains_point (two, 121.5107, 31.3007));
  lc_geo_metres_per_degree (31.301, &east, &north);
  g_assert_cmpfloat_with_epsilon (lc_geometry_area_m2 (two), (1 + 4 - 0.25) * 1e-6 * east * north, 1);

  /* No area: the mean of the points */
  lc_geometry_add_point (flat, 121.50, 31.30);
  lc_geometry_add_point (flat, 121.51, 31.30);
  lc_geometry_add_point (flat, 121.53, 31.30);
  lc_geometry_add_point (flat, 121.50, 31.30);
  lc_geometry_end_part (flat);
  g_assert_false (lc_geometry_get_ring_centroid (flat, 0, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 121.51, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 31.30, 1e-12);
  g_assert_cmpfloat (lc_geometry_area_m2 (flat), ==, 0);

  lc_geometry_add_point (line, 121.50, 31.30);
  lc_geometry_add_point (line, 121.51, 31.31);
  lc_geometry_add_point (line, 121.53, 31.30);
  lc_geometry_end_part (line);
  g_assert_cmpfloat (lc_geometry_area_m2 (line), ==, 0);
  g_assert_true (lc_geometry_get_centroid (line, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, (121.50 + 121.51 + 121.53) / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, (31.30 + 31.31 + 31.30) / 3, 1e-12);

  g_assert_false (lc_geometry_get_centroid (empty, &x, &y));
  g_assert_false (lc_geometry_get_bounds_centre (empty, &x, &y));
  g_assert_cmpfloat (lc_geometry_area_m2 (empty), ==, 0);
}

/* Hand-made WKB from other writers: big-endian, with Z, with M */
static void
test_other_encodings (void)
{
  /* GP header, big-endian srs 4326, no envelope; WKB big-endian POINT Z */
  const guint8 point_z_be[] = {
    'G', 'P', 0, 0x00, 0x00, 0x00, 0x10, 0xE6,
    0x00, 0x00, 0x00, 0x03, 0xE9,                        /* 1001: POINT Z */
    0x40, 0x5E, 0x60, 0xE5, 0x60, 0x41, 0x89, 0x37,      /* 121.514 */
    0x40, 0x3F, 0x4C, 0x8B, 0x43, 0x95, 0x81, 0x06,      /* 31.299 */
    0x40, 0x24, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,      /* z = 10 */
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LcGeometry) g = lc_geometry_from_gpkg (point_z_be, sizeof point_z_be, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (g->type, ==, LC_GEOMETRY_POINT);
  g_assert_cmpfloat_with_epsilon (g->xy[0], 121.514, 1e-9);
  g_assert_cmpfloat_with_epsilon (g->xy[1], 31.299, 1e-9);
}

static void
assert_invalid (const guint8 *data,
                gsize         len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcGeometry) g = lc_geometry_from_gpkg (data, len, NULL, &error);

  g_assert_null (g);
  g_assert_nonnull (error);
  g_assert_true (error->domain == LC_GEOMETRY_ERROR);
}

static void
test_hostile (void)
{
  g_autoptr(LcGeometry) poly = make (LC_GEOMETRY_MULTIPOLYGON);
  g_autoptr(GBytes) blob = lc_geometry_to_gpkg (poly, LC_SRS_WGS84);
  gsize len;
  const guint8 *data = g_bytes_get_data (blob, &len);
  g_autofree guint8 *copy = g_memdup2 (data, len);
  GRand *rand = g_rand_new_with_seed (20261128);
  guint decoded = 0;

  /* Every truncation of a valid blob is refused */
  for (gsize cut = 0; cut < len; cut++)
    assert_invalid (data, cut);

  /* Trailing bytes, and counts that promise more than there is */
  {
    g_autofree guint8 *longer = g_malloc0 (len + 3);

    memcpy (longer, data, len);
    assert_invalid (longer, len + 3);
  }
  {
    guint8 huge[] = { 'G', 'P', 0, 0x01, 0xE6, 0x10, 0, 0,
                      1, 2, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x7F };   /* LINESTRING of 2^31 points */
    assert_invalid (huge, sizeof huge);
    huge[9] = 6;                                                 /* MULTIPOLYGON of 2^31 polygons */
    assert_invalid (huge, sizeof huge);
  }
  {
    const guint8 collection[] = { 'G', 'P', 0, 0x01, 0xE6, 0x10, 0, 0, 1, 7, 0, 0, 0, 0, 0, 0, 0 };
    g_autoptr(GError) error = NULL;

    g_assert_null (lc_geometry_from_gpkg (collection, sizeof collection, NULL, &error));
    g_assert_error (error, LC_GEOMETRY_ERROR, LC_GEOMETRY_ERROR_UNSUPPORTED);
  }
  assert_invalid ((const guint8 *) "GPKG", 4);
  assert_invalid ((const guint8 *) "\0\0\0\0\0\0\0\0\0\0", 10);

  /* Random damage: never a crash, never a read past the end (ASan watches) */
  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr(LcGeometry) g = NULL;
      guint n = g_rand_int_range (rand, 1, 4);

      memcpy (copy, data, len);
      for (guint k = 0; k < n; k++)
        copy[g_rand_int_range (rand, 0, (int) len)] = g_rand_int_range (rand, 0, 256);

      g = lc_geometry_from_gpkg (copy, g_rand_int_range (rand, 0, (int) len + 1), NULL, NULL);
      if (g != NULL)
        decoded++;
    }
  g_test_message ("%u of 20000 damaged blobs still decoded", decoded);
  g_rand_free (rand);
}

/* Geometries written by GDAL decode (2D types), or are refused cleanly */
static void
test_gdal_blobs (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "gpkg", "gdal_sample.gpkg", NULL);
  sqlite3 *db;
  sqlite3_stmt *tables;
  guint ok = 0, refused = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT table_name, column_name FROM gpkg_geometry_columns",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT \"%s\" FROM \"%s\"", sqlite3_column_text (tables, 1),
                                              sqlite3_column_text (tables, 0));
      sqlite3_stmt *rows;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(LcGeometry) g = NULL;

          if (sqlite3_column_type (rows, 0) != SQLITE_BLOB)
            continue;
          g = lc_geometry_from_gpkg (sqlite3_column_blob (rows, 0), sqlite3_column_bytes (rows, 0), NULL, &error);
          if (g != NULL)
            ok++;
          else
            {
              g_assert_error (error, LC_GEOMETRY_ERROR, LC_GEOMETRY_ERROR_UNSUPPORTED);
              refused++;
            }
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);

  g_test_message ("gdal_sample.gpkg: %u geometries read, %u collections refused", ok, refused);
  g_assert_cmpuint (ok, >=, 20);
}

/* Where a map puts a geometry's symbol */
static void
test_anchor (void)
{
  g_autoptr(LcGeometry) point = make (LC_GEOMETRY_POINT);
  g_autoptr(LcGeometry) points = make (LC_GEOMETRY_MULTIPOINT);
  g_autoptr(LcGeometry) polygon = make (LC_GEOMETRY_POLYGON);
  g_autoptr(LcGeometry) polygons = make (LC_GEOMETRY_MULTIPOLYGON);
  g_autoptr(LcGeometry) line = make (LC_GEOMETRY_LINESTRING);
  g_autoptr(LcGeometry) flat = lc_geometry_new (LC_GEOMETRY_POLYGON);
  g_autoptr(LcGeometry) empty = lc_geometry_new (LC_GEOMETRY_POLYGON);
  g_autoptr(LcGeometry) nowhere = lc_geometry_new_point (NAN, 31.3);
  double x, y;

  g_assert_true (lc_geometry_get_anchor (point, &x, &y));
  g_assert_cmpfloat (x, ==, 121.514);
  g_assert_cmpfloat (y, ==, 31.299);
  g_assert_true (lc_geometry_get_anchor (points, &x, &y));
  g_assert_cmpfloat (x, ==, 121.51);
  g_assert_cmpfloat (y, ==, 31.29);

  /* The outline's centroid (a triangle's: the mean of its corners), the
   * hole and the second polygon aside */
  g_assert_true (lc_geometry_get_anchor (polygon, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 121.5 + 0.008 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 31.3 + 0.004 / 3, 1e-9);
  g_assert_true (lc_geometry_get_anchor (polygons, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 121.5 + 0.008 / 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 31.3 + 0.004 / 3, 1e-9);

  /* No area: the middle of the bounds */
  g_assert_true (lc_geometry_get_anchor (line, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 121.52, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 31.295, 1e-9);
  lc_geometry_add_point (flat, 121.51, 31.29);
  lc_geometry_add_point (flat, 121.53, 31.31);
  lc_geometry_add_point (flat, 121.51, 31.29);
  lc_geometry_end_part (flat);
  g_assert_true (lc_geometry_get_anchor (flat, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, 121.52, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 31.30, 1e-9);

  g_assert_false (lc_geometry_get_anchor (empty, &x, &y));
  g_assert_false (lc_geometry_get_anchor (nowhere, &x, &y));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/geometry/round-trip", test_round_trip);
  g_test_add_func ("/core/geometry/empty-and-length", test_empty_and_length);
  g_test_add_func ("/core/geometry/measures", test_measures);
  g_test_add_func ("/core/geometry/other-encodings", test_other_encodings);
  g_test_add_func ("/core/geometry/hostile", test_hostile);
  g_test_add_func ("/core/geometry/gdal-blobs", test_gdal_blobs);
  g_test_add_func ("/core/geometry/anchor", test_anchor);

  return g_test_run ();
}
