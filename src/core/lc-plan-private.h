/* lc-plan-private.h: the plan's database, for core only
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * The connection, statement helpers and transaction plumbing of LcPlan.
 * Only src/core includes this: the app and the tool read and write a plan
 * through the typed functions of core's modules, and the style test fails
 * when a file outside src/core includes this header or names SQLite.
 */

#include <sqlite3.h>

#include "lc-blueprint.h"
#include "lc-coverage.h"
#include "lc-geometry.h"
#include "lc-plan.h"

G_BEGIN_DECLS

sqlite3     *lc_plan_get_database     (LcPlan        *self);
sqlite3     *lc_plan_open_reader      (LcPlan        *self,
                                       GError       **error);
sqlite3_stmt *lc_plan_prepare         (LcPlan        *self,
                                       const char    *sql,
                                       GError       **error);
gboolean     lc_plan_run              (LcPlan        *self,
                                       sqlite3_stmt  *stmt,
                                       GError       **error);
gboolean     lc_plan_set_db_error     (LcPlan        *self,
                                       int            rc,
                                       GError       **error);
gboolean     lc_plan_end_edit         (LcPlan        *self,
                                       gboolean       ok,
                                       GError       **error);
/* lc-plan-read.c: for the typed readers */
sqlite3_stmt *lc_plan_prepare_read    (LcPlan        *self,
                                       const char    *sql,
                                       GError       **error);
gboolean     lc_plan_read_done        (LcPlan        *self,
                                       int            rc,
                                       GError       **error);
sqlite3_stmt *lc_plan_read_row        (LcPlan        *self,
                                       const char    *sql,
                                       gint64         id,
                                       GError       **error);

char        *lc_plan_column_text      (sqlite3_stmt  *stmt,
                                       int            column);
void         lc_plan_bind_text        (sqlite3_stmt  *stmt,
                                       int            index,
                                       const char    *text);

gboolean     lc_plan_begin            (LcPlan        *self,
                                       const char    *label,
                                       GError       **error);
gboolean     lc_plan_begin_full       (LcPlan        *self,
                                       const char    *label,
                                       gboolean       undoable,
                                       GError       **error);
gboolean     lc_plan_commit           (LcPlan        *self,
                                       GError       **error);
void         lc_plan_rollback         (LcPlan        *self);
gboolean     lc_plan_execute          (LcPlan        *self,
                                       const char    *label,
                                       const char    *sql,
                                       GError       **error);

LcPlan      *lc_plan_new_in_place     (sqlite3       *db,
                                       GFile         *file,
                                       int            format_version);

/* Readers on a connection of their own: lc_plan_open_reader() in a worker
 * thread, or a file opened in place by lc_plan_db_open_guarded() */
LcCoverage  *lc_coverage_new_from_database (sqlite3          *db,
                                            LcCoverageFlags   flags,
                                            GError          **error);
LcBlueprintSummary *lc_blueprint_summary_new (sqlite3        *db,
                                              GError        **error);

/* Binds @geometry as a GeoPackage blob, or NULL for %NULL */
void         lc_geometry_bind         (const LcGeometry *geometry,
                                       sqlite3_stmt     *stmt,
                                       int               index);

/* g_autoptr(sqlite3_stmt), for every file that reads a plan's database */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
