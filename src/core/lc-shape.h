/* lc-shape.h: walking paths, buildings and the unit boundary, as drawn and edited
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-geometry.h"
#include "lc-plan.h"

G_BEGIN_DECLS

/* Walking-path classes offered for drawn paths, as OSM's highway values:
 * an open set (a plan keeps any value OSM has), so keys, not an enum */
const char * const *lc_path_classes            (void);
const char         *lc_path_class_name         (const char        *highway);

/* A walking path's status (`walking_paths.status`) */
typedef enum
{
  LC_PATH_STATUS_EXISTING,
  LC_PATH_STATUS_PLANNED,
} LcPathStatus;

const char  *lc_path_status_to_key      (LcPathStatus         status);
gboolean     lc_path_status_from_key    (const char          *key,
                                         LcPathStatus        *status);
const char  *lc_path_status_get_name    (LcPathStatus         status);

/* Where a building's residents come from (`buildings.population_source`) */
typedef enum
{
  LC_POPULATION_SOURCE_NONE,        /* not recorded */
  LC_POPULATION_SOURCE_ESTIMATED,   /* lc_estimate_residents() on import */
  LC_POPULATION_SOURCE_RECORDED,    /* entered by the planner */
} LcPopulationSource;

const char  *lc_population_source_to_key   (LcPopulationSource  source);
gboolean     lc_population_source_from_key (const char         *key,
                                            LcPopulationSource *source);

LcGeometry  *lc_geometry_close_ring            (const LcGeometry  *ring);

LcGeometry  *lc_plan_load_geometry             (LcPlan            *plan,
                                                const char        *table,
                                                gint64             fid,
                                                GError           **error);

gint64       lc_plan_add_path                  (LcPlan            *plan,
                                                const LcGeometry  *line,
                                                const char        *highway,
                                                GError           **error);
gboolean     lc_plan_set_path_line             (LcPlan            *plan,
                                                gint64             fid,
                                                const LcGeometry  *line,
                                                GError           **error);
gboolean     lc_plan_delete_path               (LcPlan            *plan,
                                                gint64             fid,
                                                GError           **error);
gint64       lc_plan_set_boundary              (LcPlan            *plan,
                                                const LcGeometry  *ring,
                                                GError           **error);
gboolean     lc_plan_set_building_population   (LcPlan            *plan,
                                                gint64             fid,
                                                double             population,
                                                GError           **error);
gboolean     lc_plan_set_building_levels       (LcPlan            *plan,
                                                gint64             fid,
                                                int                levels,
                                                GError           **error);
gboolean     lc_plan_set_building_residential  (LcPlan            *plan,
                                                gint64             fid,
                                                gboolean           residential,
                                                GError           **error);

/* Levels a home counts when it has none recorded (standards.md) */
#define LC_DEFAULT_LEVELS 6
/* Floor area a resident takes, m² (standards.md) */
#define LC_FLOOR_AREA_PER_RESIDENT 35.0

double       lc_estimate_residents             (double             footprint_m2,
                                                int                levels);
gboolean     lc_plan_sum_residents             (LcPlan            *plan,
                                                double            *residents,
                                                guint             *n_homes,
                                                GError           **error);
double       lc_plan_get_unit_area_m2          (LcPlan            *plan,
                                                GError           **error);

G_END_DECLS
