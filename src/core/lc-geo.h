/* lc-geo.h: small geodesy helpers on WGS-84 coordinates
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-types.h"

G_BEGIN_DECLS

/* Mean Earth radius (IUGG), metres */
#define LC_GEO_EARTH_RADIUS_M 6371008.8

double    lc_geo_distance             (double      lat1,
                                       double      lon1,
                                       double      lat2,
                                       double      lon2);
void      lc_geo_metres_per_degree    (double      latitude,
                                       double     *east,
                                       double     *north);
gboolean  lc_geo_parse_coordinates    (const char *text,
                                       double     *latitude,
                                       double     *longitude);
char     *lc_geo_format_coordinates   (double      latitude,
                                       double      longitude);
void      lc_geo_to_tile              (double      latitude,
                                       double      longitude,
                                       guint       zoom,
                                       double     *tile_x,
                                       double     *tile_y);
double    lc_geo_world_x              (double      longitude);
double    lc_geo_world_y              (double      latitude);
void      lc_geo_from_tile            (double      tile_x,
                                       double      tile_y,
                                       guint       zoom,
                                       double     *latitude,
                                       double     *longitude);

G_END_DECLS
