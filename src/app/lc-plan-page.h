/* lc-plan-page.h: the sidebar page with the plan's unit and contents
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-app-types.h"
#include "lc-plan.h"

G_BEGIN_DECLS

#define LC_TYPE_PLAN_PAGE (lc_plan_page_get_type ())

G_DECLARE_FINAL_TYPE (LcPlanPage, lc_plan_page, LC, PLAN_PAGE, GtkWidget)

LcPlan *lc_plan_page_get_plan (LcPlanPage *self);
void    lc_plan_page_set_plan (LcPlanPage *self,
                               LcPlan     *plan);

G_END_DECLS
