/* lc-map-view-private.h: what the parts of LcMapView share
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-basemap.h"
#include "lc-coverage-layer.h"
#include "lc-edit-layer.h"
#include "lc-facility-layer.h"
#include "lc-map-view.h"
#include "lc-offline-source.h"
#include "lc-online-source.h"
#include "lc-plan-tile-source.h"
#include "lc-render.h"

G_BEGIN_DECLS

struct _LcMapView
{
  GtkWidget parent_instance;

  /* Template widgets */
  ShumateSimpleMap *map;
  GtkWidget        *status;

  /* Owned */
  LcFacilityLayer  *facilities;   /* also held by the map */
  LcOfflineSource  *background;
  ShumateRasterRenderer *background_renderer;
  LcOnlineSource   *online;
  ShumateRasterRenderer *online_renderer;
  GStrv             online_templates;
  char             *attribution;  /* the plan's */
  GSettings        *settings;
  LcPlan           *plan;
  LcRenderData     *render_data;
  LcPlanTileSource *plan_source;
  GCancellable     *loading;

  guint generation;          /* each new snapshot gets a renderer id of its own */
  guint reload_id;
  guint status_timeout_id;
  guint n_notices;           /* times the status was shown */

  /* Held by the map: the layers under the plan's, with an online basemap */
  ShumateMapLayer *background_layer;
  ShumateMapLayer *online_layer;
  LcBasemap        basemap;

  LcMapTool   tool;
  const char *selected_table;  /* interned */
  gint64      selected_id;
  gboolean    moving;          /* a drag of the selection is under way */

  /* The selected path, building or boundary, and its handles (held by the map) */
  LcEditLayer *edit;
  /* The reach of the service chosen on the coverage page (held by the map) */
  LcCoverageLayer *coverage;
  int          dragged_vertex;  /* -1: none */
};

enum {
  LC_MAP_VIEW_SELECTED,
  LC_MAP_VIEW_NOTICE,
  LC_MAP_VIEW_FACILITY_DRAGGED,
  LC_MAP_VIEW_LOCATION_PICKED,
  LC_MAP_VIEW_N_SIGNALS
};

extern guint lc_map_view_signals[LC_MAP_VIEW_N_SIGNALS];

/* lc-map-view.c */
void lc_map_view_show_selected_shape (LcMapView       *self);

/* lc-map-view-tools.c: what clicks, drags and keys do with each tool */
void lc_map_view_tools_class_init    (GtkWidgetClass  *widget_class);
void lc_map_view_tools_init          (LcMapView       *self);

G_END_DECLS
