/* lc-problem.h: what is wrong with a plan, as every check reports it
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lc-plan.h"

G_BEGIN_DECLS

/* shared/docs/standards.md: error where a standard or the action plan says
 * must, warning where it says should or should not, info for data quality */
typedef enum
{
  LC_PROBLEM_INFO,
  LC_PROBLEM_WARNING,
  LC_PROBLEM_ERROR,
} LcProblemSeverity;

typedef struct
{
  const char *kind;    /* (static): the table of the row at fault ("facilities", "projects", …),
                        * or "file" for the plan file as a whole */
  gint64      id;      /* the row's key (fid or id); 0 for the file or a row not yet in the plan */
  const char *field;   /* (static) (nullable): the column the problem is about */
} LcProblemSubject;

typedef struct
{
  LcProblemSeverity  severity;
  char              *code;      /* stable, such as "LC-FAC-003": docs/problems.md lists them */
  char              *message;   /* translated, one sentence */
  LcProblemSubject   subject;
  char              *source;    /* (nullable): translated, the standard or the action plan's words
                                 * the rule comes from */
} LcProblem;

#define LC_TYPE_PROBLEM (lc_problem_get_type ())

GType        lc_problem_get_type      (void) G_GNUC_CONST;
LcProblem   *lc_problem_new           (LcProblemSeverity  severity,
                                       const char        *code,
                                       const char        *source,
                                       const char        *kind,
                                       gint64             id,
                                       const char        *message);
LcProblem   *lc_problem_copy          (const LcProblem   *problem);
void         lc_problem_free          (LcProblem         *problem);
const char  *lc_problem_severity_to_key (LcProblemSeverity severity);

GPtrArray   *lc_problem_list_new      (void);
void         lc_problem_list_sort     (GPtrArray         *problems);
guint        lc_problem_list_count    (GPtrArray         *problems,
                                       LcProblemSeverity  severity);
gboolean     lc_problem_list_to_error (GPtrArray         *problems,
                                       GError           **error);

GPtrArray   *lc_plan_list_problems    (LcPlan            *plan,
                                       GError           **error);
GPtrArray   *lc_plan_check_file       (GFile             *file,
                                       GCancellable      *cancellable,
                                       gboolean          *readable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcProblem, lc_problem_free)

G_END_DECLS
