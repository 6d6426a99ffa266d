/* plan-fixture.h: a plan with rows in every table, and helpers, for tests
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-geometry.h"
#include "lc-plan-private.h"
#include "lc-plan.h"

G_BEGIN_DECLS

void   plan_fixture_fill    (LcPlan     *plan);
void   plan_fixture_add_attachments (LcPlan *plan,
                                     guint   n,
                                     gsize   size);
LcPlan *plan_fixture_new_filled (void);
char  *plan_fixture_dump    (sqlite3    *db);
char  *plan_fixture_dump_table (sqlite3 *db,
                                const char *table);
void   plan_fixture_use_temp_state (void);
void   plan_fixture_remove_tree (const char *path);
void   plan_fixture_exec    (sqlite3    *db,
                             const char *sql);
gint64 plan_fixture_query_int (sqlite3    *db,
                               const char *sql);
void   plan_fixture_insert_geometry (sqlite3    *db,
                                     const char *sql,
                                     LcGeometry *geometry);
void   plan_fixture_add_square (LcGeometry *g,
                                double      x,
                                double      y,
                                double      half);
LcGeometry *plan_fixture_square (double   x,
                                 double   y,
                                 double   half,
                                 gboolean hole);

G_END_DECLS
