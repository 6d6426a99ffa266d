/* lc-layers-page.h: the sidebar page of the map's layers and their legend
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-app-types.h"

G_BEGIN_DECLS

#define LC_TYPE_LAYERS_PAGE (lc_layers_page_get_type ())

G_DECLARE_FINAL_TYPE (LcLayersPage, lc_layers_page, LC, LAYERS_PAGE, GtkWidget)

void lc_layers_page_set_map_view (LcLayersPage *self,
                                  LcMapView    *map_view);
void lc_layers_page_bind_settings (LcLayersPage *self,
                                   GSettings    *settings);

G_END_DECLS
