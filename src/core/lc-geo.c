/* lc-geo.c: small geodesy helpers on WGS-84 coordinates
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-geo"

#include "config.h"

#include <math.h>

#include "lc-geo.h"

#define DEG2RAD(d) ((d) * G_PI / 180.0)
#define RAD2DEG(r) ((r) * 180.0 / G_PI)

/* Web-Mercator stops at ±85.0511° so that the world is a square */
#define MERCATOR_MAX_LATITUDE 85.05112878

/**
 * lc_geo_distance:
 *
 * Great-circle distance between two WGS-84 points (degrees), by the haversine
 * formula on a sphere of mean Earth radius. Within a 3 km² unit the error
 * against the ellipsoid is well under 0.5 %.
 *
 * Returns: the distance in metres
 */
double
lc_geo_distance (double lat1,
                 double lon1,
                 double lat2,
                 double lon2)
{
  double dlat = DEG2RAD (lat2 - lat1);
  double dlon = DEG2RAD (lon2 - lon1);
  double a = sin (dlat / 2) * sin (dlat / 2) +
             cos (DEG2RAD (lat1)) * cos (DEG2RAD (lat2)) * sin (dlon / 2) * sin (dlon / 2);

  return 2 * LC_GEO_EARTH_RADIUS_M * atan2 (sqrt (a), sqrt (1 - a));
}

/**
 * lc_geo_metres_per_degree:
 * @latitude: WGS-84 degrees
 * @east: (out): metres per degree of longitude at @latitude
 * @north: (out): metres per degree of latitude
 *
 * The scale of a local equirectangular plane around @latitude, on the
 * sphere of lc_geo_distance(): within a few kilometres of @latitude it
 * errs by well under 0.1 %.
 */
void
lc_geo_metres_per_degree (double  latitude,
                          double *east,
                          double *north)
{
  *north = LC_GEO_EARTH_RADIUS_M * G_PI / 180.0;
  *east = *north * cos (DEG2RAD (latitude));
}

static gboolean
parse_number (const char **p,
              double      *out)
{
  char *end = NULL;

  while (g_ascii_isspace (**p))
    (*p)++;

  *out = g_ascii_strtod (*p, &end);
  if (end == *p || !isfinite (*out))
    return FALSE;

  *p = end;
  return TRUE;
}

/**
 * lc_geo_parse_coordinates:
 * @text: text typed by a person, such as "31.30, 121.51"
 * @latitude: (out): degrees north
 * @longitude: (out): degrees east
 *
 * Reads "latitude, longitude" in decimal degrees, the order map applications
 * in China copy to the clipboard. The separator may be a comma, a full-width
 * comma (，), a semicolon or white space.
 *
 * Returns: %TRUE when @text holds exactly two numbers within range
 */
gboolean
lc_geo_parse_coordinates (const char *text,
                          double     *latitude,
                          double     *longitude)
{
  g_autofree char *normal = NULL;
  const char *p;
  double lat, lon;

  g_return_val_if_fail (latitude != NULL, FALSE);
  g_return_val_if_fail (longitude != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  /* Fold the full-width comma into an ASCII one */
  {
    g_auto(GStrv) parts = g_strsplit (text, "，", -1);
    normal = g_strjoinv (",", parts);
  }

  p = normal;
  if (!parse_number (&p, &lat))
    return FALSE;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == ',' || *p == ';')
    p++;
  else if (p > normal && !g_ascii_isspace (p[-1]))
    return FALSE;

  if (!parse_number (&p, &lon))
    return FALSE;

  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    return FALSE;

  if (lat < -90 || lat > 90 || lon < -180 || lon > 180)
    return FALSE;

  *latitude = lat;
  *longitude = lon;
  return TRUE;
}

/**
 * lc_geo_format_coordinates:
 *
 * Formats a point as "31.298940, 121.514570": six decimals (about 0.1 m),
 * latitude first, the form lc_geo_parse_coordinates() reads back.
 *
 * Returns: (transfer full): a newly allocated string
 */
char *
lc_geo_format_coordinates (double latitude,
                           double longitude)
{
  char lat[G_ASCII_DTOSTR_BUF_SIZE];
  char lon[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (lat, sizeof lat, "%.6f", latitude);
  g_ascii_formatd (lon, sizeof lon, "%.6f", longitude);

  return g_strdup_printf ("%s, %s", lat, lon);
}

/**
 * lc_geo_to_tile:
 * @tile_x: (out): fractional tile column in the Web-Mercator (XYZ) scheme
 * @tile_y: (out): fractional tile row, counted from the north
 *
 * Converts a WGS-84 point to fractional XYZ tile coordinates at @zoom.
 */
void
lc_geo_to_tile (double  latitude,
                double  longitude,
                guint   zoom,
                double *tile_x,
                double *tile_y)
{
  double n = ldexp (1.0, (int) zoom);
  double lat = DEG2RAD (CLAMP (latitude, -MERCATOR_MAX_LATITUDE, MERCATOR_MAX_LATITUDE));

  *tile_x = (longitude + 180.0) / 360.0 * n;
  *tile_y = (1.0 - log (tan (lat) + 1.0 / cos (lat)) / G_PI) / 2.0 * n;
}

/**
 * lc_geo_world_x:
 *
 * Returns: the Web-Mercator world coordinate of @longitude, 0 at 180° W to 1
 * at 180° E (the tile column at zoom 0)
 */
double
lc_geo_world_x (double longitude)
{
  double x, y;

  lc_geo_to_tile (0, longitude, 0, &x, &y);
  return x;
}

/**
 * lc_geo_world_y:
 *
 * Returns: the Web-Mercator world coordinate of @latitude, 0 in the far
 * north to 1 in the far south (the tile row at zoom 0)
 */
double
lc_geo_world_y (double latitude)
{
  double x, y;

  lc_geo_to_tile (latitude, 0, 0, &x, &y);
  return y;
}

/**
 * lc_geo_from_tile:
 *
 * The inverse of lc_geo_to_tile().
 */
void
lc_geo_from_tile (double  tile_x,
                  double  tile_y,
                  guint   zoom,
                  double *latitude,
                  double *longitude)
{
  double n = ldexp (1.0, (int) zoom);

  *longitude = tile_x / n * 360.0 - 180.0;
  *latitude = RAD2DEG (atan (sinh (G_PI * (1.0 - 2.0 * tile_y / n))));
}
