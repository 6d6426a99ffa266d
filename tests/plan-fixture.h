/* plan-fixture.h: a plan with rows in every table, for tests
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-plan.h"

G_BEGIN_DECLS

void   plan_fixture_fill    (LcPlan     *plan);
char  *plan_fixture_dump    (sqlite3    *db);
char  *plan_fixture_dump_table (sqlite3 *db,
                                const char *table);
void   plan_fixture_use_temp_state (void);

G_END_DECLS
