/* lc-meeting-stages.c: the 三会 of each project: which meetings it held, and in what order
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-meeting"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lc-meeting.h"
#include "lc-plan-private.h"

/* The rules are lc-meeting.h's, above LcStage */

/**
 * lc_stage_get_name:
 *
 * Returns: (transfer none): the translated name of a stage's meeting
 */
const char *
lc_stage_get_name (LcStage stage)
{
  g_return_val_if_fail ((guint) stage < LC_N_STAGES, NULL);
  /* The stages are the first three meeting types */
  return lc_meeting_type_get_name ((LcMeetingType) stage);
}

/**
 * lc_stage_state_to_key:
 *
 * Returns: (transfer none): "not_due", "missing", "held" or "out_of_order", for scripts
 */
const char *
lc_stage_state_to_key (LcStageState state)
{
  static const char * const keys[] = { "not_due", "missing", "held", "out_of_order" };

  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (keys), NULL);
  return keys[state];
}

/**
 * lc_stage_state_get_name:
 *
 * Returns: (transfer none): the translated name of @state
 */
const char *
lc_stage_state_get_name (LcStageState state)
{
  switch (state)
    {
    case LC_STAGE_NOT_DUE:
      /* Translators: a meeting of 三会 that a project does not need yet */
      return _("Not yet due");
    case LC_STAGE_MISSING:
      /* Translators: a meeting of 三会 that a project should have held */
      return _("Missing");
    case LC_STAGE_HELD:
      /* Translators: a meeting of 三会 held at the right time */
      return _("Held");
    case LC_STAGE_OUT_OF_ORDER:
      /* Translators: a meeting of 三会 held at the wrong time */
      return _("Out of order");
    default:
      g_return_val_if_reached (NULL);
    }
}

void
lc_project_meetings_free (LcProjectMeetings *pm)
{
  if (pm == NULL)
    return;
  g_free (pm->name);
  g_free (pm->start_date);
  g_free (pm->end_date);
  for (guint i = 0; i < LC_N_STAGES; i++)
    {
      g_free (pm->stages[i].date);
      g_free (pm->stages[i].note);
    }
  g_free (pm);
}

/* The day of an ISO 8601 date or date and time, or NULL */
static char *
day_of (const char *date_time)
{
  if (date_time == NULL || strlen (date_time) < 10)
    return NULL;
  return g_strndup (date_time, 10);
}

/* Whether both days are known and a < b */
static gboolean
day_before (const char *a,
            const char *b)
{
  return a != NULL && b != NULL && strcmp (a, b) < 0;
}

/**
 * lc_project_meetings_evaluate:
 * @pm: a project's id, status and dates filled in; its stages are set here
 * @meetings: (element-type LcMeeting): the meetings linked to the project
 *
 * Works out which of the three meetings the project held and whether in
 * the right order, by the rules in lc-meeting.h.
 */
void
lc_project_meetings_evaluate (LcProjectMeetings *pm,
                              GPtrArray         *meetings)
{
  const LcMeeting *chosen[LC_N_STAGES] = { NULL };
  g_autofree char *start = day_of (pm->start_date);
  g_autofree char *end = day_of (pm->end_date);
  gboolean started = pm->status == LC_PROJECT_STATUS_IN_PROGRESS || pm->status == LC_PROJECT_STATUS_COMPLETED;
  gboolean completed = pm->status == LC_PROJECT_STATUS_COMPLETED;
  gboolean due[LC_N_STAGES] = { started, started, completed };

  for (guint i = 0; i < meetings->len; i++)
    {
      const LcMeeting *m = g_ptr_array_index (meetings, i);
      const LcMeeting *c;

      if (m->type > LC_MEETING_EVALUATION)
        continue;
      c = chosen[m->type];
      /* The earliest consultation and coordination, the latest evaluation;
       * a dated meeting beats an undated one */
      if (c == NULL || (c->date_time == NULL && m->date_time != NULL) ||
          (m->date_time != NULL && c->date_time != NULL &&
           (m->type == LC_MEETING_EVALUATION ? strcmp (m->date_time, c->date_time) > 0
                                             : strcmp (m->date_time, c->date_time) < 0)))
        chosen[m->type] = m;
    }

  for (guint s = 0; s < LC_N_STAGES; s++)
    {
      LcStageStatus *st = &pm->stages[s];

      g_clear_pointer (&st->date, g_free);
      g_clear_pointer (&st->note, g_free);
      st->meeting_id = chosen[s] != NULL ? chosen[s]->id : 0;
      st->date = chosen[s] != NULL ? day_of (chosen[s]->date_time) : NULL;
      if (chosen[s] == NULL)
        {
          st->state = due[s] ? LC_STAGE_MISSING : LC_STAGE_NOT_DUE;
          if (due[s] && s == LC_STAGE_EVALUATION)
            st->note = g_strdup (_("The project is completed but residents have not evaluated it."));
          else if (due[s])
            st->note = g_strdup (_("The project has started without this meeting."));
          continue;
        }
      st->state = LC_STAGE_HELD;
    }

  /* The order rules, once each stage's meeting is known */
  {
    LcStageStatus *con = &pm->stages[LC_STAGE_CONSULTATION];
    LcStageStatus *coo = &pm->stages[LC_STAGE_COORDINATION];
    LcStageStatus *eva = &pm->stages[LC_STAGE_EVALUATION];

    if (con->meeting_id != 0 && day_before (start, con->date))
      {
        con->state = LC_STAGE_OUT_OF_ORDER;
        con->note = g_strdup (_("Held after the project started; consult residents before the design."));
      }
    if (coo->meeting_id != 0 && day_before (coo->date, con->date))
      {
        coo->state = LC_STAGE_OUT_OF_ORDER;
        coo->note = g_strdup (_("Held before the consultation meeting."));
      }
    else if (coo->meeting_id != 0 && day_before (end, coo->date))
      {
        coo->state = LC_STAGE_OUT_OF_ORDER;
        coo->note = g_strdup (_("Held after the project’s end date; coordinate before construction ends."));
      }
    if (eva->meeting_id != 0 && !completed)
      {
        eva->state = LC_STAGE_OUT_OF_ORDER;
        eva->note = g_strdup (_("Held before the project was completed."));
      }
    else if (eva->meeting_id != 0 && (day_before (eva->date, end) || day_before (eva->date, coo->date)))
      {
        eva->state = LC_STAGE_OUT_OF_ORDER;
        eva->note = g_strdup (_("Held before the project’s end date or before the coordination meeting."));
      }
  }
}

/**
 * lc_project_meetings_complete:
 *
 * Returns: whether no stage is missing or out of order
 */
gboolean
lc_project_meetings_complete (const LcProjectMeetings *pm)
{
  for (guint s = 0; s < LC_N_STAGES; s++)
    if (pm->stages[s].state == LC_STAGE_MISSING || pm->stages[s].state == LC_STAGE_OUT_OF_ORDER)
      return FALSE;
  return TRUE;
}

/**
 * lc_plan_list_project_meetings:
 *
 * Returns: (transfer full) (element-type LcProjectMeetings) (nullable):
 *   the 三会 status of every project, by year then id; %NULL with @error
 *   set when the plan cannot be read
 */
GPtrArray *
lc_plan_list_project_meetings (LcPlan  *plan,
                               GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_project_meetings_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) by_project = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = lc_plan_prepare_read (plan,
                               "SELECT id, name, status, start_date, end_date FROM projects"
                               " ORDER BY year IS NULL, year, id",
                               error);
  if (stmt == NULL)
    return NULL;

  /* Every meeting read once, in lc_plan_list_meetings()'s order, then
   * grouped by the projects it is linked to: a query per project would cost
   * seconds with thousands of projects */
  all = lc_plan_list_meetings (plan, LC_MEETING_TYPE_ANY, 0, error);
  if (all == NULL)
    return NULL;
  by_project = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < all->len; i++)
    {
      LcMeeting *m = g_ptr_array_index (all, i);

      for (guint j = 0; m->project_ids != NULL && j < m->project_ids->len; j++)
        {
          gint64 id = g_array_index (m->project_ids, gint64, j);
          GPtrArray *meetings = g_hash_table_lookup (by_project, &id);

          if (meetings == NULL)
            {
              meetings = g_ptr_array_new ();
              g_hash_table_insert (by_project, g_memdup2 (&id, sizeof id), meetings);
            }
          g_ptr_array_add (meetings, m);
        }
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LcProjectMeetings *pm = g_new0 (LcProjectMeetings, 1);
      GPtrArray *meetings;

      pm->project_id = sqlite3_column_int64 (stmt, 0);
      pm->name = lc_plan_column_text (stmt, 1);
      lc_project_status_from_key ((const char *) sqlite3_column_text (stmt, 2), &pm->status);
      pm->start_date = lc_plan_column_text (stmt, 3);
      pm->end_date = lc_plan_column_text (stmt, 4);
      meetings = g_hash_table_lookup (by_project, &pm->project_id);
      lc_project_meetings_evaluate (pm, meetings != NULL ? meetings : none);
      g_ptr_array_add (list, pm);
    }
  if (!lc_plan_read_done (plan, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

/**
 * lc_project_meetings_missing:
 * @all: (element-type LcProjectMeetings): from lc_plan_list_project_meetings()
 *
 * Returns: (transfer container) (element-type LcProjectMeetings): those of
 *   @all missing a meeting or holding one out of order
 */
GPtrArray *
lc_project_meetings_missing (GPtrArray *all)
{
  GPtrArray *missing = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    if (!lc_project_meetings_complete (g_ptr_array_index (all, i)))
      g_ptr_array_add (missing, g_ptr_array_index (all, i));
  return missing;
}
