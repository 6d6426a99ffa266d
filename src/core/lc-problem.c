/* lc-problem.c: what is wrong with a plan, as every check reports it
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-problem"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-facility.h"
#include "lc-meeting.h"
#include "lc-plan-private.h"
#include "lc-problem.h"
#include "lc-project.h"

/*
 * Every check reports LcProblems: the file checks of lc-plan-check.c, the
 * facility rules of lc-facility.c, and here the rules over the plan's
 * content as a whole. Each code is stable and listed in docs/problems.md
 * with its severity, message and source, so that scripts and reviewers can
 * rely on it. lc_project_dup_missing() lives here, beside its rule.
 */

G_DEFINE_BOXED_TYPE (LcProblem, lc_problem, lc_problem_copy, lc_problem_free)

/**
 * lc_problem_new:
 * @code: the rule's stable code, such as "LC-FAC-003"
 * @source: (nullable): translated, where the rule comes from
 * @kind: (not nullable): the table of the row at fault, or "file"; a static string
 * @id: the row's key, or 0
 * @message: translated, one sentence
 *
 * Returns: (transfer full): a problem without a field; set problem->subject.field
 *   to name the column it is about
 */
LcProblem *
lc_problem_new (LcProblemSeverity  severity,
                const char        *code,
                const char        *source,
                const char        *kind,
                gint64             id,
                const char        *message)
{
  LcProblem *problem = g_new0 (LcProblem, 1);

  problem->severity = severity;
  problem->code = g_strdup (code);
  problem->message = g_strdup (message);
  problem->subject.kind = kind;
  problem->subject.id = id;
  problem->source = g_strdup (source);
  return problem;
}

LcProblem *
lc_problem_copy (const LcProblem *problem)
{
  LcProblem *copy = g_memdup2 (problem, sizeof *problem);

  copy->code = g_strdup (problem->code);
  copy->message = g_strdup (problem->message);
  copy->source = g_strdup (problem->source);
  return copy;
}

void
lc_problem_free (LcProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->code);
  g_free (problem->message);
  g_free (problem->source);
  g_free (problem);
}

/**
 * lc_problem_severity_to_key:
 *
 * Returns: (transfer none): "info", "warning" or "error", for scripts
 */
const char *
lc_problem_severity_to_key (LcProblemSeverity severity)
{
  static const char * const keys[] = { "info", "warning", "error" };

  g_return_val_if_fail ((guint) severity < G_N_ELEMENTS (keys), NULL);
  return keys[severity];
}

/**
 * lc_problem_list_new:
 *
 * Returns: (transfer full) (element-type LcProblem): an empty list that frees its problems
 */
GPtrArray *
lc_problem_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) lc_problem_free);
}

static int
by_severity (gconstpointer a,
             gconstpointer b)
{
  const LcProblem *x = *(LcProblem **) a;
  const LcProblem *y = *(LcProblem **) b;

  return (int) y->severity - (int) x->severity;
}

/**
 * lc_problem_list_sort:
 * @problems: (element-type LcProblem)
 *
 * Sorts errors first, then warnings, then information, each in the order
 * found (GLib's sort is stable).
 */
void
lc_problem_list_sort (GPtrArray *problems)
{
  g_ptr_array_sort (problems, by_severity);
}

/**
 * lc_problem_list_count:
 * @problems: (element-type LcProblem)
 *
 * Returns: how many of @problems have @severity
 */
guint
lc_problem_list_count (GPtrArray         *problems,
                       LcProblemSeverity  severity)
{
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    if (((LcProblem *) problems->pdata[i])->severity == severity)
      n++;
  return n;
}

/**
 * lc_problem_list_to_error:
 * @problems: (element-type LcProblem): from a check, such as
 *   lc_project_check()
 *
 * What a write does with a check's findings: it refuses the first error,
 * as %LC_PLAN_ERROR_INVALID_DATA with that problem's message; warnings and
 * notes do not keep it from writing.
 *
 * Returns: %TRUE when none of @problems is an error, else %FALSE with
 *   @error set
 */
gboolean
lc_problem_list_to_error (GPtrArray  *problems,
                          GError    **error)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const LcProblem *p = problems->pdata[i];

      if (p->severity == LC_PROBLEM_ERROR)
        {
          g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA, p->message);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- the rules over a plan's content ---- */

/* The row at fault as messages name it: “its name”, or @label ("Need 3")
 * when it has none */
static char *
dup_subject_name (const char *name,
                  const char *label)
{
  if (name == NULL || name[0] == '\0')
    return g_strdup (label);
  /* Translators: the name of a facility or project in a message about it */
  return g_strdup_printf (_("“%s”"), name);
}

/* Puts @subject, from dup_subject_name(), at the start of @problem's message */
static void
name_subject (LcProblem  *problem,
              const char *subject)
{
  /* Translators: a facility, project or need, such as “五角场人民坊” or "Need 3", and a problem with it */
  char *message = g_strdup_printf (_("%s: %s"), subject, problem->message);

  g_free (problem->message);
  problem->message = message;
}

static gboolean
add_facility_problems (LcPlan     *plan,
                       GPtrArray  *problems,
                       GError    **error)
{
  g_autoptr(GPtrArray) facilities = lc_plan_list_facilities (plan, error);

  if (facilities == NULL)
    return FALSE;
  for (guint i = 0; i < facilities->len; i++)
    {
      const LcFacility *facility = facilities->pdata[i];
      g_autoptr(GPtrArray) found = lc_facility_check (facility);
      g_autofree char *label = NULL;
      g_autofree char *subject = NULL;

      if (found->len == 0)
        continue;
      /* Translators: a facility without a name: its kind and its number */
      label = g_strdup_printf (_("%s no. %lld"), lc_facility_kind_get_name (facility->kind), (long long) facility->fid);
      subject = dup_subject_name (facility->name, label);
      for (guint j = 0; j < found->len; j++)
        name_subject (found->pdata[j], subject);
      g_ptr_array_extend_and_steal (problems, g_steal_pointer (&found));
    }
  return TRUE;
}

/**
 * lc_project_dup_missing:
 *
 * The fields the district's lists need that @p lacks: services, the
 * implementing body, the funding source and, on an implementation list,
 * the start and end dates. lc_plan_list_problems() reports them for the
 * projects of the implementation lists (LC-PRJ-001).
 *
 * Returns: (transfer full) (nullable): those fields, one a line, translated;
 *   %NULL when none
 */
char *
lc_project_dup_missing (const LcProject *p)
{
  GString *s = g_string_new (NULL);

  if (p->services == NULL || p->services[0] == NULL)
    g_string_append_printf (s, "%s\n", _("No services"));
  if (p->implementing_body == NULL || *p->implementing_body == '\0')
    g_string_append_printf (s, "%s\n", _("No implementing body"));
  if (p->funding_source == NULL || *p->funding_source == '\0')
    g_string_append_printf (s, "%s\n", _("No funding source"));
  if (p->status != LC_PROJECT_STATUS_RESERVE && p->year != 0 &&
      (p->start_date == NULL || *p->start_date == '\0' || p->end_date == NULL || *p->end_date == '\0'))
    g_string_append_printf (s, "%s\n", _("No start and end dates"));
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

/* What the district's implementation lists need of their projects */
static void
add_incomplete_project (GPtrArray       *problems,
                        const LcProject *p,
                        const char      *subject,
                        const char      *missing)
{
  g_auto(GStrv) lines = g_strsplit (missing, "\n", -1);
  /* Translators: separates the fields a project lacks */
  g_autofree char *list = g_strjoinv (_(", "), lines);
  /* Translators: a project such as “五角场人民坊建设”, a year and the fields it lacks, such as
   * "No funding source" */
  g_autofree char *message = g_strdup_printf (_("%s, on the %d implementation list, is incomplete: %s"),
                                              subject, p->year, list);

  g_ptr_array_add (problems,
                   lc_problem_new (LC_PROBLEM_ERROR, "LC-PRJ-001",
                                   _("2024 action plan, task 11: “明确项目建设内容、实施路径、实施主体、"
                                     "资金来源、时间安排和设计团队”"),
                                   "projects", p->id, message));
}

static char *
dup_project_subject (const char *name,
                     gint64      id)
{
  /* Translators: a project without a name, by its number */
  g_autofree char *label = g_strdup_printf (_("Project %lld"), (long long) id);

  return dup_subject_name (name, label);
}

static gboolean
add_project_problems (LcPlan     *plan,
                      GPtrArray  *problems,
                      GError    **error)
{
  g_autoptr(GPtrArray) projects = lc_plan_list_projects (plan, NULL, error);

  if (projects == NULL)
    return FALSE;
  for (guint i = 0; i < projects->len; i++)
    {
      const LcProject *p = projects->pdata[i];
      g_autoptr(GPtrArray) invalid = lc_project_check (p);
      g_autofree char *missing = lc_project_dup_missing (p);
      g_autofree char *subject = dup_project_subject (p->name, p->id);

      for (guint j = 0; j < invalid->len; j++)
        name_subject (invalid->pdata[j], subject);
      g_ptr_array_extend_and_steal (problems, g_steal_pointer (&invalid));
      /* On a year's implementation list: in that year and out of the reserve */
      if (missing != NULL && p->status != LC_PROJECT_STATUS_RESERVE && p->year != 0)
        add_incomplete_project (problems, p, subject, missing);
    }
  return TRUE;
}

static gboolean
add_need_problems (LcPlan     *plan,
                   GPtrArray  *problems,
                   GError    **error)
{
  g_autoptr(GPtrArray) needs = lc_plan_list_needs (plan, error);

  if (needs == NULL)
    return FALSE;
  for (guint i = 0; i < needs->len; i++)
    {
      const LcNeed *n = needs->pdata[i];
      g_autoptr(GPtrArray) invalid = lc_need_check (n);
      g_autofree char *subject = NULL;

      if (invalid->len == 0)
        continue;
      /* Translators: a need of the needs list, by its number */
      subject = g_strdup_printf (_("Need %lld"), (long long) n->fid);
      for (guint j = 0; j < invalid->len; j++)
        name_subject (invalid->pdata[j], subject);
      g_ptr_array_extend_and_steal (problems, g_steal_pointer (&invalid));
    }
  return TRUE;
}

/* The 三会 of each project: lc_project_meetings_evaluate() says which are
 * missing or held out of order, and why */
static gboolean
add_meeting_problems (LcPlan     *plan,
                      GPtrArray  *problems,
                      GError    **error)
{
  g_autoptr(GPtrArray) all = lc_plan_list_project_meetings (plan, error);
  const char *source = _("2024 action plan, term 5: “事前征询会、事中协调会和事后评议会”");

  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      const LcProjectMeetings *pm = all->pdata[i];
      g_autofree char *subject = dup_project_subject (pm->name, pm->project_id);

      for (guint s = 0; s < LC_N_STAGES; s++)
        {
          const LcStageStatus *st = &pm->stages[s];
          g_autofree char *message = NULL;

          if (st->state != LC_STAGE_MISSING && st->state != LC_STAGE_OUT_OF_ORDER)
            continue;
          /* Translators: a project such as “五角场人民坊建设”, a meeting of 三会 such as
           * "Consultation meeting", and what is wrong with it */
          message = g_strdup_printf (_("%s, %s: %s"), subject, lc_stage_get_name (s),
                                     st->note != NULL ? st->note : lc_stage_state_get_name (st->state));
          g_ptr_array_add (problems,
                           lc_problem_new (LC_PROBLEM_WARNING,
                                           st->state == LC_STAGE_MISSING ? "LC-MTG-001" : "LC-MTG-002",
                                           source, "projects", pm->project_id, message));
        }
    }
  return TRUE;
}

/**
 * lc_plan_list_problems:
 *
 * Runs every rule over @plan's content: the facility rules
 * (lc_facility_check()), the fields of every project and need, what the
 * district's implementation lists need of their projects, and the 三会 of
 * each project. The file checks are lc_plan_check_file()'s.
 *
 * Returns: (transfer full) (element-type LcProblem): the problems, errors
 *   first, empty when there is none; %NULL with @error set when the plan
 *   cannot be read
 */
GPtrArray *
lc_plan_list_problems (LcPlan  *plan,
                       GError **error)
{
  g_autoptr(GPtrArray) problems = lc_problem_list_new ();

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  if (!add_facility_problems (plan, problems, error) ||
      !add_project_problems (plan, problems, error) ||
      !add_need_problems (plan, problems, error) ||
      !add_meeting_problems (plan, problems, error))
    return NULL;

  lc_problem_list_sort (problems);
  return g_steal_pointer (&problems);
}
