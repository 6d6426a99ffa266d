/* lc-facility-layer.h: the plan's facilities, needs and project locations on the map
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "lc-app-types.h"
#include "lc-plan.h"

G_BEGIN_DECLS

#define LC_TYPE_FACILITY_LAYER (lc_facility_layer_get_type ())

G_DECLARE_FINAL_TYPE (LcFacilityLayer, lc_facility_layer, LC, FACILITY_LAYER, ShumateLayer)

/* Names that lc_facility_layer_pick() returns in @table_out */
#define LC_FACILITY_LAYER_TABLE_FACILITIES        "facilities"
#define LC_FACILITY_LAYER_TABLE_NEEDS             "needs"
#define LC_FACILITY_LAYER_TABLE_PROJECT_LOCATIONS "project_locations"

/* Facility names are drawn from this zoom level on */
#define LC_FACILITY_LAYER_LABEL_MIN_ZOOM 17

LcFacilityLayer *lc_facility_layer_new                (ShumateViewport  *viewport);

LcPlan          *lc_facility_layer_get_plan           (LcFacilityLayer  *self);
void             lc_facility_layer_set_plan           (LcFacilityLayer  *self,
                                                       LcPlan           *plan);
const char      *lc_facility_layer_get_service_filter (LcFacilityLayer  *self);
void             lc_facility_layer_set_service_filter (LcFacilityLayer  *self,
                                                       const char       *service_key);
/* Service masks: the ten 十全 and the ten 十美 */
#define LC_FACILITY_LAYER_BASIC   0x003ffu
#define LC_FACILITY_LAYER_QUALITY 0xffc00u

void             lc_facility_layer_set_service_mask   (LcFacilityLayer  *self,
                                                       guint32           mask);
void             lc_facility_layer_set_show_facilities (LcFacilityLayer *self,
                                                       gboolean          show);
GdkTexture      *lc_facility_layer_legend_symbol      (guint             kind,
                                                       guint             status,
                                                       int               service);
gboolean         lc_facility_layer_get_show_needs     (LcFacilityLayer  *self);
void             lc_facility_layer_set_show_needs     (LcFacilityLayer  *self,
                                                       gboolean          show);
gboolean         lc_facility_layer_get_show_projects  (LcFacilityLayer  *self);
void             lc_facility_layer_set_show_projects  (LcFacilityLayer  *self,
                                                       gboolean          show);

void             lc_facility_layer_set_selected       (LcFacilityLayer  *self,
                                                       const char       *table,
                                                       gint64            id);
void             lc_facility_layer_set_drag_position  (LcFacilityLayer  *self,
                                                       gboolean          dragging,
                                                       double            latitude,
                                                       double            longitude);
gint64           lc_facility_layer_pick               (LcFacilityLayer  *self,
                                                       double            widget_x,
                                                       double            widget_y,
                                                       const char      **table_out);
gint64           lc_facility_layer_step               (LcFacilityLayer  *self,
                                                       const char       *table,
                                                       gint64            id,
                                                       gboolean          forward,
                                                       const char      **table_out);
gboolean         lc_facility_layer_get_loading        (LcFacilityLayer  *self);
guint            lc_facility_layer_get_n_features     (LcFacilityLayer  *self);
guint            lc_facility_layer_get_n_drawn        (LcFacilityLayer  *self);
guint            lc_facility_layer_get_n_labels       (LcFacilityLayer  *self);

G_END_DECLS
