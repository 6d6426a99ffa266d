/* lc-map-features.h: what the map overlay draws of a plan
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lc-facility.h"

G_BEGIN_DECLS

/* A facility as the map shows it */
typedef struct
{
  gint64            fid;
  double            longitude;      /* its anchor (lc_geometry_get_anchor()), WGS-84 degrees */
  double            latitude;
  const char       *name;           /* %NULL when none; owned by the LcMapFeatures */
  LcFacilityKind    kind;
  LcFacilityStatus  status;         /* never %LC_FACILITY_STATUS_REMOVED */
  guint32           services;       /* bit i: the i-th service of lc_services_get_all() */
  int               first_service;  /* the first one listed, which gives the colour; -1: none */
} LcMapFacility;

/* A need or a project's place: a symbol at one point */
typedef struct
{
  gint64 fid;
  double longitude;                 /* the anchor of a point or an area, WGS-84 degrees */
  double latitude;
} LcMapPlace;

typedef struct
{
  GArray       *facilities;         /* LcMapFacility, by fid */
  GArray       *needs;              /* LcMapPlace, by fid */
  GArray       *project_places;     /* LcMapPlace, by fid */

  /*< private >*/
  GStringChunk *names;
} LcMapFeatures;

LcMapFeatures *lc_map_features_load_for_plan (LcPlan         *plan,
                                              GCancellable   *cancellable,
                                              GError        **error);
void           lc_map_features_free          (LcMapFeatures  *features);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcMapFeatures, lc_map_features_free)

G_END_DECLS
