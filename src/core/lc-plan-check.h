/* lc-plan-check.h: structural checks of a plan database, for core only
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "lc-plan.h"

/*
 * The file checks report LcProblems (lc-problem.h); outside core,
 * lc_plan_check_file() and lc_plan_open_read_only() run them.
 */

G_BEGIN_DECLS

sqlite3   *lc_plan_db_open_guarded (const char     *path,
                                    gboolean        read_only,
                                    GError        **error);
GPtrArray *lc_plan_check_database  (sqlite3        *db,
                                    gboolean        thorough,
                                    int            *format_version);
gboolean   lc_plan_check_header    (GFile          *file,
                                    GCancellable   *cancellable,
                                    GError        **error);
gboolean   lc_plan_problems_to_error (GPtrArray    *problems,
                                      GError      **error);

G_END_DECLS
