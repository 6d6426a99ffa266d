/* lc-project-private.h: what lc-project.c and lc-need.c share, for core only
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-plan-private.h"
#include "lc-project.h"

G_BEGIN_DECLS

/* What lc_record_exists() looks for */
#define LC_PROJECT_EXISTS "SELECT 1 FROM projects WHERE id = ?"
#define LC_NEED_EXISTS "SELECT 1 FROM needs WHERE fid = ?"

/* What a check found so far, and what each problem is about: one code
 * (LC-PRJ-002, LC-NEED-001) for every rule of a record */
typedef struct
{
  GPtrArray  *problems;   /* (element-type LcProblem) */
  const char *code;
  const char *kind;       /* "projects", "needs" */
  gint64      id;
} LcRecordCheck;

void      lc_record_check_add      (LcRecordCheck  *check,
                                    const char     *format,
                                    ...) G_GNUC_PRINTF (2, 3);
void      lc_record_check_location (LcRecordCheck  *check,
                                    double          latitude,
                                    double          longitude,
                                    gboolean        required);
gboolean  lc_record_text_is_blank  (const char     *s);
gboolean  lc_record_exists         (LcPlan         *plan,
                                    const char     *sql,
                                    gint64          id,
                                    GError        **error);
gboolean  lc_record_run_with_id    (LcPlan         *plan,
                                    const char     *sql,
                                    gint64          id,
                                    GError        **error);

G_END_DECLS
