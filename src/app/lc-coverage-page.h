/* lc-coverage-page.h: the sidebar page of the 15-minute coverage of the 20 services
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lc-app-types.h"
#include "lc-coverage-model.h"
#include "lc-plan.h"

G_BEGIN_DECLS

#define LC_TYPE_COVERAGE_PAGE (lc_coverage_page_get_type ())

G_DECLARE_FINAL_TYPE (LcCoveragePage, lc_coverage_page, LC, COVERAGE_PAGE, GtkWidget)

void        lc_coverage_page_set_model         (LcCoveragePage  *self,
                                                LcCoverageModel *model);
int         lc_coverage_page_get_service       (LcCoveragePage *self);
void        lc_coverage_page_set_service       (LcCoveragePage *self,
                                                int             service);
char       *lc_coverage_page_dup_figure        (LcCoveragePage *self,
                                                int             service);

G_END_DECLS
