/* lc-coverage.h: who reaches each service on foot within its threshold
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-services.h"
#include "lc-walk-graph.h"

G_BEGIN_DECLS

typedef enum
{
  LC_COVERAGE_FLAGS_NONE    = 0,
  /* Count only existing facilities and paths. By default planned and
   * under-construction ones count too, since a plan is about what will be;
   * removed facilities never count. */
  LC_COVERAGE_EXISTING_ONLY = 1 << 0,
} LcCoverageFlags;

/* Walking speed and coverage target when a plan records none (standards.md) */
#define LC_COVERAGE_DEFAULT_SPEED_M_MIN 60.0
#define LC_COVERAGE_DEFAULT_TARGET      0.85

typedef struct _LcCoverage LcCoverage;

/* A facility where the search of one of its services starts */
typedef struct
{
  gint64  fid;
  guint32 edge;
  guint32 pos_cm;        /* along the edge */
  guint32 distance_cm;   /* snapping distance */
  guint32 slack_cm;      /* the service's largest threshold − this facility's */
} LcCoverageSource;

/* The coverage of one service, after lc_coverage_compute() */
typedef struct
{
  const LcService *service;
  guint    n_facilities;         /* facilities that count (status), snapped or not */
  guint    n_homes;
  guint    covered_homes;
  double   population;           /* of all homes */
  double   covered_population;
  double   share_population;     /* covered ÷ all, 0–1; 0 when there are no residents */
  double   share_homes;
  gboolean meets_target;         /* share_population >= the plan's target */
  double   max_threshold_m;      /* how far the search went */
} LcServiceCoverage;

LcCoverage  *lc_coverage_new                (LcWalkGraph      *graph);
LcCoverage  *lc_coverage_new_for_plan       (LcPlan           *plan,
                                             LcCoverageFlags   flags,
                                             GError          **error);
void         lc_coverage_free               (LcCoverage       *self);

LcWalkGraph *lc_coverage_get_graph          (LcCoverage       *self);
void         lc_coverage_set_walking_speed  (LcCoverage       *self,
                                             double            metres_per_minute);
double       lc_coverage_get_walking_speed  (LcCoverage       *self);
void         lc_coverage_set_target         (LcCoverage       *self,
                                             double            share);
double       lc_coverage_get_target         (LcCoverage       *self);
gboolean     lc_coverage_set_threshold      (LcCoverage       *self,
                                             const char       *service_key,
                                             const char       *tier_key,
                                             double            threshold_m);
double       lc_coverage_get_threshold      (LcCoverage       *self,
                                             guint             service,
                                             const char       *tier_key);
void         lc_coverage_set_threads        (LcCoverage       *self,
                                             guint             n_threads);

guint        lc_coverage_add_home           (LcCoverage       *self,
                                             gint64            fid,
                                             double            lon,
                                             double            lat,
                                             double            population);
gboolean     lc_coverage_add_facility       (LcCoverage       *self,
                                             gint64            fid,
                                             double            lon,
                                             double            lat,
                                             gboolean          counts);
gboolean     lc_coverage_add_facility_service (LcCoverage     *self,
                                             gint64            fid,
                                             const char       *service_key,
                                             const char       *tier_key);
gboolean     lc_coverage_move_facility      (LcCoverage       *self,
                                             gint64            fid,
                                             double            lon,
                                             double            lat);
gboolean     lc_coverage_remove_facility    (LcCoverage       *self,
                                             gint64            fid);
guint32      lc_coverage_get_facility_services (LcCoverage    *self,
                                             gint64            fid);

void         lc_coverage_compute            (LcCoverage       *self);
void         lc_coverage_compute_service    (LcCoverage       *self,
                                             guint             service);

int          lc_coverage_lookup_service     (LcCoverage       *self,
                                             const char       *service_key);
const LcServiceCoverage *lc_coverage_get_result (LcCoverage   *self,
                                             guint             service);
void         lc_coverage_get_basic_all      (LcCoverage       *self,
                                             double           *share_population,
                                             double           *share_homes,
                                             double           *covered_population);
const guint32 *lc_coverage_get_node_distances (LcCoverage     *self,
                                             guint             service);
const guint32 *lc_coverage_get_node_labels  (LcCoverage       *self,
                                             guint             service);
GArray      *lc_coverage_dup_sources        (LcCoverage       *self,
                                             guint             service);
guint32      lc_coverage_get_bound          (LcCoverage       *self,
                                             guint             service);

guint        lc_coverage_get_n_homes        (LcCoverage       *self);
void         lc_coverage_get_home           (LcCoverage       *self,
                                             guint             home,
                                             gint64           *fid,
                                             double           *lon,
                                             double           *lat,
                                             double           *population);
gboolean     lc_coverage_get_home_snap      (LcCoverage       *self,
                                             guint             home,
                                             LcWalkSnap       *snap);
guint32      lc_coverage_get_home_mask      (LcCoverage       *self,
                                             guint             home);
gboolean     lc_coverage_home_is_covered    (LcCoverage       *self,
                                             guint             home,
                                             guint             service);
guint32      lc_coverage_get_home_distance  (LcCoverage       *self,
                                             guint             home,
                                             guint             service);
GArray      *lc_coverage_list_uncovered     (LcCoverage       *self,
                                             guint             service);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcCoverage, lc_coverage_free)

G_END_DECLS
