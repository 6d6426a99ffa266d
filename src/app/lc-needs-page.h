/* lc-needs-page.h: the table of the plan's needs list
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lc-app-types.h"
#include "lc-plan.h"

G_BEGIN_DECLS

#define LC_TYPE_NEEDS_PAGE (lc_needs_page_get_type ())

G_DECLARE_FINAL_TYPE (LcNeedsPage, lc_needs_page, LC, NEEDS_PAGE, GtkWidget)

void        lc_needs_page_set_plan            (LcNeedsPage *self,
                                               LcPlan      *plan);
GListModel *lc_needs_page_get_rows            (LcNeedsPage *self);
void        lc_needs_page_set_unanswered_only (LcNeedsPage *self,
                                               gboolean     unanswered_only);
void        lc_needs_page_activate_row        (LcNeedsPage *self,
                                               guint        position);
void        lc_needs_page_set_map_view        (LcNeedsPage *self,
                                               LcMapView   *map_view);
gboolean    lc_needs_page_select              (LcNeedsPage *self,
                                               gint64       fid);

G_END_DECLS
