/* lc-map-view.h: the map area of the window
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "lc-app-types.h"
#include "lc-basemap.h"
#include "lc-coverage-model.h"
#include "lc-plan.h"
#include "lc-plan-tile-source.h"

G_BEGIN_DECLS

#define LC_TYPE_MAP_VIEW (lc_map_view_get_type ())

G_DECLARE_FINAL_TYPE (LcMapView, lc_map_view, LC, MAP_VIEW, GtkWidget)

/* Zoom range the map offers: a whole district down to single entrances */
#define LC_MAP_MIN_ZOOM 8
#define LC_MAP_MAX_ZOOM 20

typedef enum
{
  LC_MAP_TOOL_SELECT,             /* click selects, drag moves the selection */
  LC_MAP_TOOL_ADD_RENMINFANG,     /* click adds a 人民坊 */
  LC_MAP_TOOL_ADD_LIUYITING,      /* … a 六艺亭 */
  LC_MAP_TOOL_ADD_OTHER,          /* … another facility */
  LC_MAP_TOOL_DRAW_PATH,          /* clicks add points of a new walking path */
  LC_MAP_TOOL_DRAW_BOUNDARY,      /* … of the unit boundary */
  LC_MAP_TOOL_PICK_POINT,         /* a click picks a point for lc_map_view_pick_location() */
  LC_MAP_TOOL_DRAW_AREA,          /* clicks add points of an area for it */
} LcMapTool;

ShumateSimpleMap *lc_map_view_get_simple_map        (LcMapView *self);
ShumateViewport  *lc_map_view_get_viewport          (LcMapView *self);
LcOfflineSource  *lc_map_view_get_background_source (LcMapView *self);
void              lc_map_view_get_view              (LcMapView *self,
                                                     double    *latitude,
                                                     double    *longitude,
                                                     double    *zoom);
void              lc_map_view_set_plan              (LcMapView  *self,
                                                     LcPlan     *plan);
LcPlanTileSource *lc_map_view_get_plan_source       (LcMapView  *self);
LcFacilityLayer  *lc_map_view_get_facility_layer    (LcMapView  *self);
LcMapTool         lc_map_view_get_tool              (LcMapView  *self);
void              lc_map_view_set_tool              (LcMapView  *self,
                                                     LcMapTool   tool);
gint64            lc_map_view_get_selected          (LcMapView  *self,
                                                     const char **table);
void              lc_map_view_select                (LcMapView  *self,
                                                     const char *table,
                                                     gint64      id);
void              lc_map_view_click                 (LcMapView  *self,
                                                     double      x,
                                                     double      y);
void              lc_map_view_drag                  (LcMapView  *self,
                                                     double      from_x,
                                                     double      from_y,
                                                     double      to_x,
                                                     double      to_y);
gboolean          lc_map_view_finish_drawing        (LcMapView  *self);
void              lc_map_view_pick_location         (LcMapView  *self,
                                                     gboolean    area);
gboolean          lc_map_view_drag_vertex           (LcMapView  *self,
                                                     double      x,
                                                     double      y,
                                                     double      to_x,
                                                     double      to_y);
gboolean          lc_map_view_remove_vertex         (LcMapView  *self,
                                                     double      x,
                                                     double      y);
LcEditLayer      *lc_map_view_get_edit_layer        (LcMapView  *self);
LcCoverageLayer  *lc_map_view_get_coverage_layer    (LcMapView  *self);
void              lc_map_view_set_coverage_model    (LcMapView       *self,
                                                     LcCoverageModel *model);
void              lc_map_view_go_to                 (LcMapView  *self,
                                                     double      latitude,
                                                     double      longitude,
                                                     double      zoom);
void              lc_map_view_zoom_to_bounds        (LcMapView  *self,
                                                     double      min_lon,
                                                     double      min_lat,
                                                     double      max_lon,
                                                     double      max_lat);
gboolean          lc_map_view_zoom_to_unit          (LcMapView  *self);
void              lc_map_view_set_attribution       (LcMapView  *self,
                                                     const char *text);
void              lc_map_view_set_basemap           (LcMapView  *self,
                                                     LcBasemap   basemap,
                                                     const char *tianditu_key,
                                                     const char *custom_url);
void              lc_map_view_bind_settings         (LcMapView  *self,
                                                     GSettings  *settings);
LcBasemap         lc_map_view_get_basemap           (LcMapView  *self);
LcOnlineSource   *lc_map_view_get_online_source     (LcMapView  *self);
const char       *lc_map_view_get_basemap_status    (LcMapView  *self,
                                                     guint      *n_shown);
void              lc_map_view_set_view              (LcMapView *self,
                                                     double     latitude,
                                                     double     longitude,
                                                     double     zoom);

G_END_DECLS
