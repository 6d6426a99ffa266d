/* lc-plan-check.h: structural checks of a plan database
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "lc-plan.h"

G_BEGIN_DECLS

typedef enum
{
  LC_CHECK_WARNING,   /* worth knowing; the plan still opens */
  LC_CHECK_ERROR,     /* the plan is refused */
} LcCheckSeverity;

typedef struct
{
  LcCheckSeverity severity;
  LcPlanError     code;
  char           *message;   /* translated, one sentence */
} LcCheckProblem;

void       lc_check_problem_free   (LcCheckProblem *problem);

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
