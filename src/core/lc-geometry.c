/* lc-geometry.c: simple-feature geometries and their GeoPackage encoding
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-geometry"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lc-geo.h"
#include "lc-geometry.h"
#include "lc-plan-private.h"

/*
 * GeoPackage geometry blob (OGC 12-128, 2.1.3): "GP", version 0, flags,
 * int32 srs_id, an optional envelope, then ISO WKB. We always write
 * little-endian with an xy envelope [minx, maxx, miny, maxy] (flags 0x03),
 * or the empty flag (0x11) for empty geometries.
 *
 * Reading trusts nothing: every count is checked against the bytes left
 * before anything is allocated, so a hostile blob costs at most its own size.
 */

G_DEFINE_QUARK (lc-geometry-error-quark, lc_geometry_error)

typedef struct
{
  GArray *xy;
  GArray *parts;
  GArray *groups;
} Builder;

/* While building, the arrays live in a private struct after the public one */
typedef struct
{
  LcGeometry public;
  Builder    b;
} RealGeometry;

static void
sync_public (RealGeometry *g)
{
  g->public.xy = (double *) (void *) g->b.xy->data;
  g->public.n_points = g->b.xy->len / 2;
  g->public.part_ends = (guint *) (void *) g->b.parts->data;
  g->public.n_parts = g->b.parts->len;
  g->public.group_ends = (guint *) (void *) g->b.groups->data;
  g->public.n_groups = g->b.groups->len;
}

/**
 * lc_geometry_new:
 *
 * Returns: (transfer full): an empty geometry of @type, to fill with
 * lc_geometry_add_point(), lc_geometry_end_part() and lc_geometry_end_group()
 */
LcGeometry *
lc_geometry_new (LcGeometryType type)
{
  RealGeometry *g = g_new0 (RealGeometry, 1);

  g->public.type = type;
  g->b.xy = g_array_new (FALSE, FALSE, sizeof (double));
  g->b.parts = g_array_new (FALSE, FALSE, sizeof (guint));
  g->b.groups = g_array_new (FALSE, FALSE, sizeof (guint));
  sync_public (g);

  return &g->public;
}

/**
 * lc_geometry_new_point:
 * @x: longitude, WGS-84 degrees
 * @y: latitude, WGS-84 degrees
 *
 * Returns: (transfer full): a point
 */
LcGeometry *
lc_geometry_new_point (double x,
                       double y)
{
  LcGeometry *g = lc_geometry_new (LC_GEOMETRY_POINT);

  lc_geometry_add_point (g, x, y);
  return g;
}

/**
 * lc_geometry_copy:
 *
 * Returns: (transfer full): a copy of @geometry
 */
LcGeometry *
lc_geometry_copy (const LcGeometry *geometry)
{
  RealGeometry *g = (RealGeometry *) lc_geometry_new (geometry->type);

  g_array_append_vals (g->b.xy, geometry->xy, 2 * geometry->n_points);
  g_array_append_vals (g->b.parts, geometry->part_ends, geometry->n_parts);
  g_array_append_vals (g->b.groups, geometry->group_ends, geometry->n_groups);
  sync_public (g);
  return &g->public;
}

void
lc_geometry_free (LcGeometry *geometry)
{
  RealGeometry *g = (RealGeometry *) geometry;

  if (g == NULL)
    return;

  g_array_unref (g->b.xy);
  g_array_unref (g->b.parts);
  g_array_unref (g->b.groups);
  g_free (g);
}

void
lc_geometry_add_point (LcGeometry *geometry,
                       double      x,
                       double      y)
{
  RealGeometry *g = (RealGeometry *) geometry;
  double p[2] = { x, y };

  g_array_append_vals (g->b.xy, p, 2);
  sync_public (g);
}

/**
 * lc_geometry_end_part:
 *
 * Ends the current line (linestrings) or ring (polygons) at the last point added.
 */
void
lc_geometry_end_part (LcGeometry *geometry)
{
  RealGeometry *g = (RealGeometry *) geometry;
  guint end = g->b.xy->len / 2;

  g_array_append_val (g->b.parts, end);
  sync_public (g);
}

/**
 * lc_geometry_end_group:
 *
 * Ends the current polygon of a multipolygon at the last ring ended.
 */
void
lc_geometry_end_group (LcGeometry *geometry)
{
  RealGeometry *g = (RealGeometry *) geometry;
  guint end = g->b.parts->len;

  g_array_append_val (g->b.groups, end);
  sync_public (g);
}

/**
 * lc_geometry_discard_open_part:
 *
 * Drops the points added since the last lc_geometry_end_part(): a line or
 * ring that turned out incomplete.
 */
void
lc_geometry_discard_open_part (LcGeometry *geometry)
{
  RealGeometry *g = (RealGeometry *) geometry;
  guint keep = g->b.parts->len > 0 ? g_array_index (g->b.parts, guint, g->b.parts->len - 1) : 0;

  g_array_set_size (g->b.xy, 2 * keep);
  sync_public (g);
}

gboolean
lc_geometry_is_empty (const LcGeometry *geometry)
{
  return geometry->n_points == 0;
}

/**
 * lc_geometry_get_bounds:
 *
 * Returns: %FALSE for an empty geometry, which has no bounds
 */
gboolean
lc_geometry_get_bounds (const LcGeometry *geometry,
                        double           *min_x,
                        double           *max_x,
                        double           *min_y,
                        double           *max_y)
{
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;

  if (geometry->n_points == 0)
    return FALSE;

  for (guint i = 0; i < geometry->n_points; i++)
    {
      x0 = MIN (x0, geometry->xy[2 * i]);
      x1 = MAX (x1, geometry->xy[2 * i]);
      y0 = MIN (y0, geometry->xy[2 * i + 1]);
      y1 = MAX (y1, geometry->xy[2 * i + 1]);
    }

  *min_x = x0; *max_x = x1; *min_y = y0; *max_y = y1;
  return TRUE;
}

gboolean
lc_geometry_equal (const LcGeometry *a,
                   const LcGeometry *b)
{
  /* (memcmp of zero bytes still wants valid pointers, and empty arrays have none) */
  return a->type == b->type &&
         a->n_points == b->n_points && a->n_parts == b->n_parts && a->n_groups == b->n_groups &&
         (a->n_points == 0 || memcmp (a->xy, b->xy, sizeof (double) * 2 * a->n_points) == 0) &&
         (a->n_parts == 0 || memcmp (a->part_ends, b->part_ends, sizeof (guint) * a->n_parts) == 0) &&
         (a->n_groups == 0 || memcmp (a->group_ends, b->group_ends, sizeof (guint) * a->n_groups) == 0);
}

/* ---- measures ----
 *
 * On WGS-84 longitude and latitude in degrees. Lengths follow great circles
 * (lc_geo_distance()); areas and centroids are taken on a local
 * equirectangular plane, which within a unit of a few kilometres errs by
 * well under 0.1 %. A polygon's first ring is its outline, the others are
 * its holes; a multipolygon's group_ends say where each polygon's rings
 * end. A ring is read as closed whether or not its last point repeats its
 * first.
 */

/**
 * lc_geometry_length_m:
 *
 * Returns: the length of all lines, or the perimeter of all rings, in
 *   metres along great circles
 */
double
lc_geometry_length_m (const LcGeometry *geometry)
{
  double length = 0;
  guint start = 0;

  for (guint p = 0; p < geometry->n_parts; p++)
    {
      for (guint i = start + 1; i < geometry->part_ends[p]; i++)
        length += lc_geo_distance (geometry->xy[2 * i - 1], geometry->xy[2 * i - 2],
                                   geometry->xy[2 * i + 1], geometry->xy[2 * i]);
      start = geometry->part_ends[p];
    }

  return length;
}

/* Twice the signed area of the ring [start, end) and its first moments
 * (6 × area × centroid), in degrees relative to (ox, oy): relative, so
 * that the products of nearby coordinates do not cancel their digits away */
static void
ring_sums (const LcGeometry *g,
           guint             start,
           guint             end,
           double            ox,
           double            oy,
           double           *a,
           double           *mx,
           double           *my)
{
  *a = *mx = *my = 0;
  for (guint i = start, j = end - 1; i < end; j = i++)
    {
      double x0 = g->xy[2 * j] - ox, y0 = g->xy[2 * j + 1] - oy;
      double x1 = g->xy[2 * i] - ox, y1 = g->xy[2 * i + 1] - oy;
      double cross = x0 * y1 - x1 * y0;

      *a += cross;
      *mx += (x0 + x1) * cross;
      *my += (y0 + y1) * cross;
    }
}

/* The mean of the points [start, end) */
static void
points_mean (const LcGeometry *g,
             guint             start,
             guint             end,
             double           *x,
             double           *y)
{
  double sx = 0, sy = 0;

  for (guint i = start; i < end; i++)
    {
      sx += g->xy[2 * i];
      sy += g->xy[2 * i + 1];
    }
  *x = end > start ? sx / (end - start) : 0;
  *y = end > start ? sy / (end - start) : 0;
}

static gboolean
is_polygon (const LcGeometry *g)
{
  return (g->type == LC_GEOMETRY_POLYGON || g->type == LC_GEOMETRY_MULTIPOLYGON) && g->n_points > 0;
}

/* Twice the area enclosed by a polygon's rings, outlines less holes,
 * whichever way each ring turns, in degrees², and its centroid: %FALSE
 * when they enclose none */
static gboolean
polygon_sums (const LcGeometry *g,
              double           *area,
              double           *cx,
              double           *cy)
{
  double sum_a = 0, sum_x = 0, sum_y = 0;
  guint start = 0, group = 0, outline = 0;

  for (guint p = 0; p < g->n_parts; p++)
    {
      double a, mx, my, sign;

      ring_sums (g, start, g->part_ends[p], g->xy[0], g->xy[1], &a, &mx, &my);
      if (a != 0)
        {
          sign = (p == outline ? 1 : -1) * (a < 0 ? -1 : 1);
          sum_a += sign * a;
          sum_x += sign * mx;
          sum_y += sign * my;
        }

      start = g->part_ends[p];
      if (group < g->n_groups && g->group_ends[group] == p + 1)
        {
          outline = p + 1;
          group++;
        }
    }

  *area = sum_a;
  if (sum_a <= 1e-18)
    return FALSE;
  *cx = g->xy[0] + sum_x / (3 * sum_a);
  *cy = g->xy[1] + sum_y / (3 * sum_a);
  return TRUE;
}

/**
 * lc_geometry_area_m2:
 * @polygon: a polygon or multipolygon
 *
 * Returns: the area of @polygon in square metres, holes taken out; 0 for
 *   other geometries
 */
double
lc_geometry_area_m2 (const LcGeometry *polygon)
{
  double area, cx, cy, east, north;

  if (!is_polygon (polygon) || !polygon_sums (polygon, &area, &cx, &cy))
    return 0;
  lc_geo_metres_per_degree (cy, &east, &north);
  return area / 2 * east * north;
}

/**
 * lc_geometry_get_centroid:
 * @x: (out): longitude, WGS-84 degrees
 * @y: (out): latitude, WGS-84 degrees
 *
 * The area-weighted centroid of a polygon or multipolygon, holes taken
 * out; for a geometry that encloses no area (a point, lines, a flat ring),
 * the mean of its points.
 *
 * Returns: %FALSE for an empty geometry, which has no centroid
 */
gboolean
lc_geometry_get_centroid (const LcGeometry *geometry,
                          double           *x,
                          double           *y)
{
  double area;

  if (geometry->n_points == 0)
    return FALSE;
  if (!is_polygon (geometry) || !polygon_sums (geometry, &area, x, y))
    points_mean (geometry, 0, geometry->n_points, x, y);
  return TRUE;
}

/**
 * lc_geometry_get_ring_centroid:
 * @ring: the index of a ring (a part) of @geometry
 * @x: (out): longitude, WGS-84 degrees
 * @y: (out): latitude, WGS-84 degrees
 *
 * The area-weighted centroid of one ring, such as a building's outline
 * (ring 0) without its courtyards and other parts.
 *
 * Returns: %TRUE when the ring encloses an area; %FALSE when it does not,
 *   and (@x, @y) is then the mean of its points
 */
gboolean
lc_geometry_get_ring_centroid (const LcGeometry *geometry,
                               guint             ring,
                               double           *x,
                               double           *y)
{
  guint start, end;
  double a, mx, my;

  g_return_val_if_fail (ring < MAX (geometry->n_parts, 1), FALSE);

  start = ring > 0 ? geometry->part_ends[ring - 1] : 0;
  end = geometry->n_parts > 0 ? geometry->part_ends[ring] : geometry->n_points;
  if (end == start)
    {
      *x = *y = 0;
      return FALSE;
    }
  ring_sums (geometry, start, end, geometry->xy[2 * start], geometry->xy[2 * start + 1], &a, &mx, &my);
  if (!(fabs (a) > 1e-18))
    {
      points_mean (geometry, start, end, x, y);
      return FALSE;
    }
  *x = geometry->xy[2 * start] + mx / (3 * a);
  *y = geometry->xy[2 * start + 1] + my / (3 * a);
  return TRUE;
}

/**
 * lc_geometry_get_bounds_centre:
 * @x: (out): longitude, WGS-84 degrees
 * @y: (out): latitude, WGS-84 degrees
 *
 * The middle of a geometry's bounds: where a plan shows an area that
 * stands for a point (a project's site, a search hit).
 *
 * Returns: %FALSE for an empty geometry
 */
gboolean
lc_geometry_get_bounds_centre (const LcGeometry *geometry,
                               double           *x,
                               double           *y)
{
  double x0, x1, y0, y1;

  if (!lc_geometry_get_bounds (geometry, &x0, &x1, &y0, &y1))
    return FALSE;
  *x = (x0 + x1) / 2;
  *y = (y0 + y1) / 2;
  return TRUE;
}

/**
 * lc_geometry_get_anchor:
 * @x: (out): longitude, WGS-84 degrees
 * @y: (out): latitude, WGS-84 degrees
 *
 * The one point where a map shows a geometry as a symbol: a point itself
 * (a multipoint's first), the area-weighted centroid of the outline of a
 * (multi)polygon's first polygon, or else the middle of its bounds.
 *
 * Returns: %FALSE for an empty geometry, or one whose anchor is not finite
 */
gboolean
lc_geometry_get_anchor (const LcGeometry *geometry,
                        double           *x,
                        double           *y)
{
  if (geometry == NULL || lc_geometry_is_empty (geometry))
    return FALSE;

  if (geometry->type == LC_GEOMETRY_POINT || geometry->type == LC_GEOMETRY_MULTIPOINT)
    {
      *x = geometry->xy[0];
      *y = geometry->xy[1];
    }
  else if (!((geometry->type == LC_GEOMETRY_POLYGON || geometry->type == LC_GEOMETRY_MULTIPOLYGON) &&
             geometry->n_parts > 0 && lc_geometry_get_ring_centroid (geometry, 0, x, y)))
    lc_geometry_get_bounds_centre (geometry, x, y);

  return isfinite (*x) && isfinite (*y);
}

/**
 * lc_geometry_contains_point:
 * @x: longitude, WGS-84 degrees (or any plane coordinates, as @geometry's)
 * @y: latitude, WGS-84 degrees
 *
 * Even-odd over all rings: a point is inside when it is within an outline
 * and not in a hole, whichever polygon a hole is listed with.
 *
 * Returns: whether @geometry, a polygon or multipolygon, contains the point
 */
gboolean
lc_geometry_contains_point (const LcGeometry *geometry,
                            double            x,
                            double            y)
{
  gboolean inside = FALSE;
  guint start = 0;

  for (guint p = 0; p < geometry->n_parts; p++)
    {
      for (guint i = start, j = geometry->part_ends[p] - 1; i < geometry->part_ends[p]; j = i++)
        {
          double xi = geometry->xy[2 * i], yi = geometry->xy[2 * i + 1];
          double xj = geometry->xy[2 * j], yj = geometry->xy[2 * j + 1];

          if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            inside = !inside;
        }
      start = geometry->part_ends[p];
    }
  return inside;
}

const char *
lc_geometry_type_name (LcGeometryType type)
{
  switch (type)
    {
    case LC_GEOMETRY_POINT: return "POINT";
    case LC_GEOMETRY_LINESTRING: return "LINESTRING";
    case LC_GEOMETRY_POLYGON: return "POLYGON";
    case LC_GEOMETRY_MULTIPOINT: return "MULTIPOINT";
    case LC_GEOMETRY_MULTILINESTRING: return "MULTILINESTRING";
    case LC_GEOMETRY_MULTIPOLYGON: return "MULTIPOLYGON";
    default: return "GEOMETRY";
    }
}

/* ---- writing ---- */

static void
put_u32 (GByteArray *out,
         guint32     v)
{
  guint32 le = GUINT32_TO_LE (v);
  g_byte_array_append (out, (guint8 *) &le, 4);
}

static void
put_double (GByteArray *out,
            double      d)
{
  guint64 bits;

  memcpy (&bits, &d, 8);
  bits = GUINT64_TO_LE (bits);
  g_byte_array_append (out, (guint8 *) &bits, 8);
}

static void
put_header (GByteArray *out,
            guint32     type)
{
  guint8 order = 1;   /* little-endian */

  g_byte_array_append (out, &order, 1);
  put_u32 (out, type);
}

static void
put_points (GByteArray       *out,
            const LcGeometry *g,
            guint             start,
            guint             end)
{
  put_u32 (out, end - start);
  for (guint i = start; i < end; i++)
    {
      put_double (out, g->xy[2 * i]);
      put_double (out, g->xy[2 * i + 1]);
    }
}

/* One polygon from rings [first_ring, end_ring) */
static void
put_polygon (GByteArray       *out,
             const LcGeometry *g,
             guint             first_ring,
             guint             end_ring)
{
  put_header (out, LC_GEOMETRY_POLYGON);
  put_u32 (out, end_ring - first_ring);
  for (guint r = first_ring; r < end_ring; r++)
    put_points (out, g, r == 0 ? 0 : g->part_ends[r - 1], g->part_ends[r]);
}

static void
put_wkb (GByteArray       *out,
         const LcGeometry *g)
{
  switch (g->type)
    {
    case LC_GEOMETRY_POINT:
      put_header (out, LC_GEOMETRY_POINT);
      if (g->n_points == 0)
        {
          /* Empty point: NaN coordinates, as GDAL and GEOS write it */
          put_double (out, NAN);
          put_double (out, NAN);
        }
      else
        {
          put_double (out, g->xy[0]);
          put_double (out, g->xy[1]);
        }
      break;

    case LC_GEOMETRY_LINESTRING:
      put_header (out, LC_GEOMETRY_LINESTRING);
      put_points (out, g, 0, g->n_parts > 0 ? g->part_ends[0] : g->n_points);
      break;

    case LC_GEOMETRY_POLYGON:
      put_polygon (out, g, 0, g->n_parts);
      break;

    case LC_GEOMETRY_MULTIPOINT:
      put_header (out, LC_GEOMETRY_MULTIPOINT);
      put_u32 (out, g->n_points);
      for (guint i = 0; i < g->n_points; i++)
        {
          put_header (out, LC_GEOMETRY_POINT);
          put_double (out, g->xy[2 * i]);
          put_double (out, g->xy[2 * i + 1]);
        }
      break;

    case LC_GEOMETRY_MULTILINESTRING:
      put_header (out, LC_GEOMETRY_MULTILINESTRING);
      put_u32 (out, g->n_parts);
      for (guint p = 0; p < g->n_parts; p++)
        {
          put_header (out, LC_GEOMETRY_LINESTRING);
          put_points (out, g, p == 0 ? 0 : g->part_ends[p - 1], g->part_ends[p]);
        }
      break;

    case LC_GEOMETRY_MULTIPOLYGON:
      put_header (out, LC_GEOMETRY_MULTIPOLYGON);
      put_u32 (out, g->n_groups);
      for (guint k = 0; k < g->n_groups; k++)
        put_polygon (out, g, k == 0 ? 0 : g->group_ends[k - 1], g->group_ends[k]);
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * lc_geometry_to_gpkg:
 * @srs_id: the spatial reference of the coordinates, normally %LC_SRS_WGS84
 *
 * Returns: (transfer full): the GeoPackage binary encoding, with an envelope
 */
GBytes *
lc_geometry_to_gpkg (const LcGeometry *geometry,
                     int               srs_id)
{
  GByteArray *out = g_byte_array_sized_new (40 + 16 * geometry->n_points);
  double x0, x1, y0, y1;
  gboolean empty = !lc_geometry_get_bounds (geometry, &x0, &x1, &y0, &y1);
  guint8 head[4] = { 'G', 'P', 0, empty ? 0x11 : 0x03 };

  g_byte_array_append (out, head, 4);
  put_u32 (out, (guint32) srs_id);
  if (!empty)
    {
      put_double (out, x0);
      put_double (out, x1);
      put_double (out, y0);
      put_double (out, y1);
    }
  put_wkb (out, geometry);

  return g_byte_array_free_to_bytes (out);
}

/* ---- reading ---- */

typedef struct
{
  const guint8 *p;
  const guint8 *end;
  GError      **error;
  guint         depth;
} Reader;

static gboolean
fail (Reader     *r,
      int         code,
      const char *message)
{
  if (r->error != NULL && *r->error == NULL)
    g_set_error_literal (r->error, LC_GEOMETRY_ERROR, code, message);
  return FALSE;
}

static gboolean
need (Reader *r,
      gsize   n)
{
  if ((gsize) (r->end - r->p) < n)
    return fail (r, LC_GEOMETRY_ERROR_INVALID, _("The geometry data is cut short."));
  return TRUE;
}

static gboolean
get_u32 (Reader   *r,
         gboolean  le,
         guint32  *v)
{
  guint32 raw;

  if (!need (r, 4))
    return FALSE;
  memcpy (&raw, r->p, 4);
  r->p += 4;
  *v = le ? GUINT32_FROM_LE (raw) : GUINT32_FROM_BE (raw);
  return TRUE;
}

static gboolean
get_double (Reader   *r,
            gboolean  le,
            double   *d)
{
  guint64 raw;

  if (!need (r, 8))
    return FALSE;
  memcpy (&raw, r->p, 8);
  r->p += 8;
  raw = le ? GUINT64_FROM_LE (raw) : GUINT64_FROM_BE (raw);
  memcpy (d, &raw, 8);
  return TRUE;
}

/* Reads a WKB header: byte order and type; returns the 2D type and the
 * number of ordinates per point (2, 3 or 4), dropping Z and M */
static gboolean
get_header (Reader   *r,
            gboolean *le,
            guint32  *type,
            guint    *dims)
{
  guint32 raw;

  if (!need (r, 1))
    return FALSE;
  if (*r->p > 1)
    return fail (r, LC_GEOMETRY_ERROR_INVALID, _("The geometry data has an unknown byte order."));
  *le = *r->p == 1;
  r->p++;
  if (!get_u32 (r, *le, &raw))
    return FALSE;

  /* ISO codes: 1000s add Z, 2000s add M, 3000s add both; EWKB flags are not ours */
  *dims = 2;
  if (raw >= 1000 && raw < 4000)
    {
      *dims = raw < 3000 ? 3 : 4;
      raw %= 1000;
    }
  *type = raw;
  return TRUE;
}

static gboolean
get_points (Reader     *r,
            gboolean    le,
            guint       dims,
            LcGeometry *g)
{
  guint32 n;

  if (!get_u32 (r, le, &n))
    return FALSE;
  /* Check the count against what is left before reading a single point */
  if (n > (gsize) (r->end - r->p) / (8 * dims))
    return fail (r, LC_GEOMETRY_ERROR_INVALID, _("The geometry data is cut short."));

  for (guint32 i = 0; i < n; i++)
    {
      double x, y, skip;

      if (!get_double (r, le, &x) || !get_double (r, le, &y))
        return FALSE;
      for (guint d = 2; d < dims; d++)
        if (!get_double (r, le, &skip))
          return FALSE;
      if (!isfinite (x) || !isfinite (y))
        return fail (r, LC_GEOMETRY_ERROR_INVALID, _("The geometry has a coordinate that is not a number."));
      lc_geometry_add_point (g, x, y);
    }
  return TRUE;
}

static gboolean get_geometry (Reader *r, guint32 expect, LcGeometry *g);

static gboolean
get_polygon_body (Reader     *r,
                  gboolean    le,
                  guint       dims,
                  LcGeometry *g)
{
  guint32 rings;

  if (!get_u32 (r, le, &rings))
    return FALSE;
  if (rings > (gsize) (r->end - r->p) / 4)
    return fail (r, LC_GEOMETRY_ERROR_INVALID, _("The geometry data is cut short."));
  for (guint32 i = 0; i < rings; i++)
    {
      if (!get_points (r, le, dims, g))
        return FALSE;
      lc_geometry_end_part (g);
    }
  return TRUE;
}

/* Reads one WKB geometry into @g; @expect is the only type allowed (0: any
 * top-level type, matching g->type) */
static gboolean
get_geometry (Reader     *r,
              guint32     expect,
              LcGeometry *g)
{
  gboolean le;
  guint32 type, n;
  guint dims;

  if (++r->depth > 2)
    return fail (r, LC_GEOMETRY_ERROR_UNSUPPORTED, _("The geometry is nested too deeply."));
  if (!get_header (r, &le, &type, &dims))
    return FALSE;
  if (type != expect)
    return fail (r, LC_GEOMETRY_ERROR_UNSUPPORTED,
                 _("The geometry is of a kind that plans do not hold."));

  switch (type)
    {
    case LC_GEOMETRY_POINT:
      {
        double x, y, skip;

        if (!get_double (r, le, &x) || !get_double (r, le, &y))
          return FALSE;
        for (guint d = 2; d < dims; d++)
          if (!get_double (r, le, &skip))
            return FALSE;
        if (isnan (x) && isnan (y))
          break;   /* POINT EMPTY */
        if (!isfinite (x) || !isfinite (y))
          return fail (r, LC_GEOMETRY_ERROR_INVALID, _("The geometry has a coordinate that is not a number."));
        lc_geometry_add_point (g, x, y);
      }
      break;

    case LC_GEOMETRY_LINESTRING:
      if (!get_points (r, le, dims, g))
        return FALSE;
      lc_geometry_end_part (g);
      break;

    case LC_GEOMETRY_POLYGON:
      if (!get_polygon_body (r, le, dims, g))
        return FALSE;
      if (g->type == LC_GEOMETRY_MULTIPOLYGON)
        lc_geometry_end_group (g);
      break;

    case LC_GEOMETRY_MULTIPOINT:
    case LC_GEOMETRY_MULTILINESTRING:
    case LC_GEOMETRY_MULTIPOLYGON:
      if (!get_u32 (r, le, &n))
        return FALSE;
      /* Each member takes at least 5 bytes */
      if (n > (gsize) (r->end - r->p) / 5)
        return fail (r, LC_GEOMETRY_ERROR_INVALID, _("The geometry data is cut short."));
      for (guint32 i = 0; i < n; i++)
        if (!get_geometry (r, type - 3, g))
          return FALSE;
      break;

    default:
      return fail (r, LC_GEOMETRY_ERROR_UNSUPPORTED,
                   _("The geometry is of a kind that plans do not hold."));
    }

  r->depth--;
  return TRUE;
}

/**
 * lc_geometry_from_gpkg:
 * @data: (array length=len): a GeoPackage geometry blob
 * @srs_id: (out) (optional): the blob's spatial reference id
 *
 * Decodes a GeoPackage geometry of types 1 to 6 in 2D, Z, M or ZM (Z and M
 * are dropped). Safe on any input.
 *
 * Returns: (transfer full) (nullable): the geometry, or %NULL with @error set
 */
LcGeometry *
lc_geometry_from_gpkg (const guint8  *data,
                       gsize          len,
                       int           *srs_id,
                       GError       **error)
{
  static const gsize envelope_sizes[] = { 0, 32, 48, 48, 64 };
  Reader r = { data, data + len, error, 0 };
  g_autoptr(LcGeometry) g = NULL;
  guint8 flags;
  guint envelope;
  guint32 srs;
  gboolean le;
  const guint8 *wkb;
  guint32 type;
  guint dims;

  if (len < 8 || data[0] != 'G' || data[1] != 'P' || data[2] != 0)
    {
      g_set_error_literal (error, LC_GEOMETRY_ERROR, LC_GEOMETRY_ERROR_INVALID,
                           _("The value is not a GeoPackage geometry."));
      return NULL;
    }

  flags = data[3];
  envelope = (flags >> 1) & 0x07;
  if (envelope >= G_N_ELEMENTS (envelope_sizes) || (flags & 0x20) != 0)
    {
      g_set_error_literal (error, LC_GEOMETRY_ERROR, LC_GEOMETRY_ERROR_UNSUPPORTED,
                           _("The geometry uses an encoding that plans do not hold."));
      return NULL;
    }

  r.p = data + 4;
  if (!get_u32 (&r, flags & 0x01, &srs) || !need (&r, envelope_sizes[envelope]))
    return NULL;
  r.p += envelope_sizes[envelope];

  /* Peek at the type to size the result, then parse for real */
  wkb = r.p;
  if (!get_header (&r, &le, &type, &dims))
    return NULL;
  if (type < LC_GEOMETRY_POINT || type > LC_GEOMETRY_MULTIPOLYGON)
    {
      g_set_error_literal (error, LC_GEOMETRY_ERROR, LC_GEOMETRY_ERROR_UNSUPPORTED,
                           _("The geometry is of a kind that plans do not hold."));
      return NULL;
    }
  r.p = wkb;

  g = lc_geometry_new (type);
  if (!get_geometry (&r, type, g))
    return NULL;
  if (r.p != r.end)
    {
      g_set_error_literal (error, LC_GEOMETRY_ERROR, LC_GEOMETRY_ERROR_INVALID,
                           _("The geometry data has bytes left over."));
      return NULL;
    }

  if (srs_id != NULL)
    *srs_id = (int) srs;
  return g_steal_pointer (&g);
}

/**
 * lc_geometry_bind:
 * @index: the parameter's index (1 for the first)
 *
 * Binds @geometry (WGS-84) as a GeoPackage blob to a statement's parameter.
 */
void
lc_geometry_bind (const LcGeometry *geometry,
                  sqlite3_stmt     *stmt,
                  int               index)
{
  g_autoptr(GBytes) blob = lc_geometry_to_gpkg (geometry, LC_SRS_WGS84);
  gsize len;
  const void *data = g_bytes_get_data (blob, &len);

  sqlite3_bind_blob (stmt, index, data, (int) len, SQLITE_TRANSIENT);
}
