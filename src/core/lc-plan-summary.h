/* lc-plan-summary.h: what a plan file holds, in a few lines
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-plan.h"

G_BEGIN_DECLS

typedef struct
{
  const char *table;   /* (static): a table of the plan format */
  gint64      rows;
} LcPlanTableCount;

typedef struct
{
  const char *format;           /* (static): the format's name in lc_meta, "lifecircle-plan" */
  int         format_version;
  char       *saved;            /* (nullable): when it was last saved, UTC, ISO 8601 */
  char       *saved_by;         /* (nullable): the program that saved it, with its version */
  GArray     *counts;           /* LcPlanTableCount: every table of the format, in its order */
} LcPlanSummary;

LcPlanSummary *lc_plan_get_summary   (LcPlan         *plan,
                                      GError        **error);
void           lc_plan_summary_free  (LcPlanSummary  *summary);
char          *lc_plan_dup_attribution (LcPlan        *plan,
                                        GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcPlanSummary, lc_plan_summary_free)

G_END_DECLS
