/* lc-geometry.h: simple-feature geometries and their GeoPackage encoding
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-types.h"

G_BEGIN_DECLS

/* WKB type codes (2D) */
typedef enum
{
  LC_GEOMETRY_POINT           = 1,
  LC_GEOMETRY_LINESTRING      = 2,
  LC_GEOMETRY_POLYGON         = 3,
  LC_GEOMETRY_MULTIPOINT      = 4,
  LC_GEOMETRY_MULTILINESTRING = 5,
  LC_GEOMETRY_MULTIPOLYGON    = 6,
  /* Not a WKB code: a layer whose rows may hold any of the above */
  LC_GEOMETRY_ANY             = 0x100,
} LcGeometryType;

#define LC_GEOMETRY_ERROR (lc_geometry_error_quark ())

typedef enum
{
  LC_GEOMETRY_ERROR_INVALID,      /* not a GeoPackage geometry, or cut short */
  LC_GEOMETRY_ERROR_UNSUPPORTED,  /* a valid geometry of a kind plans do not hold */
} LcGeometryError;

/* The EPSG code every plan layer uses: WGS-84 longitude/latitude */
#define LC_SRS_WGS84 4326

/*
 * One geometry, as flat arrays: the points (x = longitude, y = latitude, in
 * WGS-84 degrees), where each ring or line ends in that point list, and, for
 * a multipolygon, where each polygon ends in the ring list. A point has one
 * point and no parts; a linestring one part; a polygon one part per ring
 * (the first is the outer one).
 */
struct _LcGeometry
{
  LcGeometryType type;
  guint   n_points;
  double *xy;           /* 2 × n_points */
  guint   n_parts;
  guint  *part_ends;    /* point index one past each line or ring */
  guint   n_groups;
  guint  *group_ends;   /* multipolygon: part index one past each polygon */
};

typedef struct _LcGeometry LcGeometry;

GQuark          lc_geometry_error_quark  (void);

LcGeometry     *lc_geometry_new          (LcGeometryType    type);
LcGeometry     *lc_geometry_new_point    (double            x,
                                          double            y);
LcGeometry     *lc_geometry_copy         (const LcGeometry *geometry);
void            lc_geometry_free         (LcGeometry       *geometry);
void            lc_geometry_add_point    (LcGeometry       *geometry,
                                          double            x,
                                          double            y);
void            lc_geometry_end_part     (LcGeometry       *geometry);
void            lc_geometry_end_group    (LcGeometry       *geometry);
void            lc_geometry_discard_open_part (LcGeometry  *geometry);
gboolean        lc_geometry_is_empty     (const LcGeometry *geometry);
gboolean        lc_geometry_get_bounds   (const LcGeometry *geometry,
                                          double           *min_x,
                                          double           *max_x,
                                          double           *min_y,
                                          double           *max_y);
gboolean        lc_geometry_equal        (const LcGeometry *a,
                                          const LcGeometry *b);
const char     *lc_geometry_type_name    (LcGeometryType    type);

/* Measures (lc-geometry.c): metres, square metres, WGS-84 degrees */
double          lc_geometry_length_m          (const LcGeometry *geometry);
double          lc_geometry_area_m2           (const LcGeometry *polygon);
gboolean        lc_geometry_get_centroid      (const LcGeometry *geometry,
                                               double           *x,
                                               double           *y);
gboolean        lc_geometry_get_ring_centroid (const LcGeometry *geometry,
                                               guint             ring,
                                               double           *x,
                                               double           *y);
gboolean        lc_geometry_get_bounds_centre (const LcGeometry *geometry,
                                               double           *x,
                                               double           *y);
gboolean        lc_geometry_get_anchor        (const LcGeometry *geometry,
                                               double           *x,
                                               double           *y);
gboolean        lc_geometry_contains_point    (const LcGeometry *geometry,
                                               double            x,
                                               double            y);

GBytes         *lc_geometry_to_gpkg      (const LcGeometry *geometry,
                                          int               srs_id);
LcGeometry     *lc_geometry_from_gpkg    (const guint8     *data,
                                          gsize             len,
                                          int              *srs_id,
                                          GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcGeometry, lc_geometry_free)

G_END_DECLS
