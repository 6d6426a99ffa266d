/* lc-render.h: the plan's basemap, drawn into tiles
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "lc-plan.h"

G_BEGIN_DECLS

typedef struct _LcRenderData LcRenderData;

LcRenderData *lc_render_data_new_from_plan (LcPlan         *plan,
                                            GError        **error);
LcRenderData *lc_render_data_ref           (LcRenderData   *data);
void          lc_render_data_unref         (LcRenderData   *data);
guint         lc_render_data_get_n_features (LcRenderData  *data);
gboolean      lc_render_data_get_bounds    (LcRenderData   *data,
                                            double         *min_lon,
                                            double         *min_lat,
                                            double         *max_lon,
                                            double         *max_lat);

gint64        lc_render_data_pick          (LcRenderData   *data,
                                            double          x,
                                            double          y,
                                            double          tolerance,
                                            const char    **table);
gint64        lc_render_data_nearest_vertex (LcRenderData  *data,
                                            double          x,
                                            double          y,
                                            double          tolerance,
                                            guint          *vertex);
gboolean      lc_render_data_get_changed_box (LcRenderData *before,
                                            LcRenderData   *after,
                                            double          box[4]);
gboolean      lc_render_tile_meets_box     (guint           x,
                                            guint           y,
                                            guint           zoom,
                                            guint           tile_size,
                                            const double    box[4]);

void          lc_render_tile               (LcRenderData   *data,
                                            cairo_t        *cr,
                                            guint           x,
                                            guint           y,
                                            guint           zoom,
                                            guint           tile_size,
                                            gboolean        dark);
void          lc_render_tile_full          (LcRenderData   *data,
                                            cairo_t        *cr,
                                            guint           x,
                                            guint           y,
                                            guint           zoom,
                                            guint           tile_size,
                                            gboolean        dark,
                                            gboolean        ground);
GBytes       *lc_render_surface_to_png     (cairo_surface_t *surface);
GBytes       *lc_render_tile_png           (LcRenderData   *data,
                                            guint           x,
                                            guint           y,
                                            guint           zoom,
                                            guint           tile_size,
                                            gboolean        dark);

GBytes       *lc_render_tile_png_full      (LcRenderData   *data,
                                            guint           x,
                                            guint           y,
                                            guint           zoom,
                                            guint           tile_size,
                                            gboolean        dark,
                                            gboolean        ground);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcRenderData, lc_render_data_unref)

G_END_DECLS
