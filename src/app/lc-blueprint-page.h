/* lc-blueprint-page.h: the community blueprint (社区蓝图): its text, the 1+N layout and the targets
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lc-app-types.h"
#include "lc-blueprint.h"
#include "lc-plan.h"

G_BEGIN_DECLS

#define LC_TYPE_BLUEPRINT_PAGE (lc_blueprint_page_get_type ())

G_DECLARE_FINAL_TYPE (LcBlueprintPage, lc_blueprint_page, LC, BLUEPRINT_PAGE, GtkWidget)

void                      lc_blueprint_page_set_plan    (LcBlueprintPage *self,
                                                         LcPlan          *plan);
gboolean                  lc_blueprint_page_is_busy     (LcBlueprintPage *self);
const LcBlueprintSummary *lc_blueprint_page_get_summary (LcBlueprintPage *self);
void                      lc_blueprint_page_edit_target (LcBlueprintPage *self,
                                                         const char      *service,
                                                         int              year);

G_END_DECLS
