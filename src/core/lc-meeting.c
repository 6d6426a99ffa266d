/* lc-meeting.c: the 一图三会 meeting log: meetings, sign-ins, votes and ratings
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-meeting"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lc-enum-private.h"
#include "lc-meeting.h"
#include "lc-plan-private.h"

/*
 * The log a planner fills in during and after each resident meeting. Every
 * edit is one lc_plan_begin()/lc_plan_end_edit() pair, so one undo step;
 * values are checked before anything is written. Reads go straight to the
 * plan's database and return plain structs the UI and the exporters share.
 */

/* ---- names ---- */

/* In the order of the enums; the keys are the schema's */
static const char * const type_keys[] = { "consultation", "coordination", "evaluation", "other" };
static const char * const organiser_keys[] = { NULL, "residents_committee", "owners_committee", "subdistrict", "other" };

G_STATIC_ASSERT (G_N_ELEMENTS (type_keys) == LC_MEETING_OTHER + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (organiser_keys) == LC_ORGANISER_OTHER + 1);


/**
 * lc_meeting_type_to_key:
 *
 * Returns: (transfer none): the key @type has in plan files ("coordination", …)
 */
const char *
lc_meeting_type_to_key (LcMeetingType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (type_keys), NULL);
  return type_keys[type];
}

/**
 * lc_meeting_type_from_key:
 *
 * Returns: whether @key is a meeting type, then stored in @type
 */
gboolean
lc_meeting_type_from_key (const char    *key,
                          LcMeetingType *type)
{
  return lc_enum_from_key (type_keys, G_N_ELEMENTS (type_keys), key, (int *) type);
}

/**
 * lc_meeting_type_get_name:
 *
 * Returns: (transfer none): the name of @type, translated
 */
const char *
lc_meeting_type_get_name (LcMeetingType type)
{
  switch (type)
    {
    case LC_MEETING_CONSULTATION:
      /* Translators: 征询会, the residents' meeting before a project, to collect wishes */
      return _("Consultation meeting");
    case LC_MEETING_COORDINATION:
      /* Translators: 协调会, the residents' meeting during a project, to vote between designs */
      return _("Coordination meeting");
    case LC_MEETING_EVALUATION:
      /* Translators: 评议会, the residents' meeting after a project, to rate it */
      return _("Evaluation meeting");
    case LC_MEETING_OTHER:
      /* Translators: a resident meeting that is none of the three of 一图三会 */
      return _("Other meeting");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * lc_organiser_to_key:
 *
 * Returns: (transfer none) (nullable): the key @organiser has in plan files
 */
const char *
lc_organiser_to_key (LcOrganiser organiser)
{
  g_return_val_if_fail ((guint) organiser < G_N_ELEMENTS (organiser_keys), NULL);
  return organiser_keys[organiser];
}

/**
 * lc_organiser_from_key:
 * @key: (nullable): a key, or %NULL for none
 *
 * Returns: whether @key is an organiser, then stored in @organiser
 */
gboolean
lc_organiser_from_key (const char  *key,
                       LcOrganiser *organiser)
{
  return lc_enum_from_key (organiser_keys, G_N_ELEMENTS (organiser_keys), key, (int *) organiser);
}

/**
 * lc_organiser_get_name:
 *
 * Returns: (transfer none): the name of @organiser, translated; "" for none
 */
const char *
lc_organiser_get_name (LcOrganiser organiser)
{
  switch (organiser)
    {
    case LC_ORGANISER_NONE:
      return "";
    case LC_ORGANISER_RESIDENTS_COMMITTEE:
      /* Translators: 居委会 */
      return _("Residents’ committee");
    case LC_ORGANISER_OWNERS_COMMITTEE:
      /* Translators: 业委会 */
      return _("Owners’ committee");
    case LC_ORGANISER_SUBDISTRICT:
      /* Translators: 街道, the sub-district office */
      return _("Sub-district office");
    case LC_ORGANISER_OTHER:
      /* Translators: a meeting's organiser */
      return _("Other organiser");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ---- meetings ---- */

/**
 * lc_meeting_new:
 * @date_time: (nullable): ISO 8601
 *
 * Returns: (transfer full): a meeting not yet in a plan, every other field empty
 */
LcMeeting *
lc_meeting_new (LcMeetingType  type,
                const char    *date_time)
{
  LcMeeting *m = g_new0 (LcMeeting, 1);

  m->type = type;
  m->date_time = g_strdup (date_time);
  m->latitude = m->longitude = NAN;
  m->attendance = -1;
  m->abstentions = -1;
  m->project_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return m;
}

void
lc_meeting_free (LcMeeting *m)
{
  if (m == NULL)
    return;
  g_free (m->date_time);
  g_free (m->place);
  g_free (m->organiser_note);
  g_free (m->chair);
  g_free (m->agenda);
  g_free (m->minutes);
  g_free (m->decisions);
  g_free (m->feedback);
  g_clear_pointer (&m->project_ids, g_array_unref);
  g_free (m);
}

/**
 * lc_meeting_date_valid:
 *
 * Returns: whether @date_time is an ISO 8601 date ("2025-10-12") or date
 *   and time ("2025-10-12T14:00", with seconds and a zone or not)
 */
gboolean
lc_meeting_date_valid (const char *date_time)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  if (date_time == NULL)
    return FALSE;
  if (strlen (date_time) == 10)
    {
      for (guint i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? date_time[i] != '-' : !g_ascii_isdigit (date_time[i]))
          return FALSE;
      return g_date_valid_dmy (atoi (date_time + 8), atoi (date_time + 5), atoi (date_time));
    }
  /* Only the extended form with a 'T', as the log stores it */
  if (strlen (date_time) < 16 || date_time[4] != '-' || date_time[10] != 'T')
    return FALSE;
  /* GLib wants seconds; "T14:00" means "T14:00:00" */
  if (date_time[16] != ':')
    {
      g_autofree char *full = g_strdup_printf ("%.16s:00%s", date_time, date_time + 16);

      dt = g_date_time_new_from_iso8601 (full, utc);
    }
  else
    dt = g_date_time_new_from_iso8601 (date_time, utc);
  return dt != NULL;
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA, message);
  return FALSE;
}

static void
add_problem (GPtrArray       *problems,
             const LcMeeting *m,
             const char      *message)
{
  g_ptr_array_add (problems, lc_problem_new (LC_PROBLEM_ERROR, "LC-MTG-003", NULL, "meetings", m->id, message));
}

/**
 * lc_meeting_check:
 *
 * Checks what a meeting must be before it is written: a known type and
 * organiser, an ISO 8601 date, an attendance and abstentions of zero or
 * more, a place on the map with valid coordinates or none.
 *
 * Returns: (transfer full) (element-type LcProblem): what keeps @meeting
 *   from being written, each an error LC-MTG-003 about the meeting; empty
 *   when it may be
 */
GPtrArray *
lc_meeting_check (const LcMeeting *m)
{
  GPtrArray *problems;

  g_return_val_if_fail (m != NULL, NULL);

  problems = lc_problem_list_new ();
  if ((guint) m->type > LC_MEETING_OTHER)
    add_problem (problems, m, _("A meeting must be a consultation, coordination, evaluation or other meeting."));
  if (!lc_meeting_date_valid (m->date_time))
    add_problem (problems, m, _("Give the meeting’s date as YYYY-MM-DD, or its date and time as YYYY-MM-DDTHH:MM."));
  if ((guint) m->organiser > LC_ORGANISER_OTHER)
    add_problem (problems, m, _("A meeting is organised by the residents’ committee, the owners’ committee, the sub-district or another body."));
  if (m->attendance < -1 || m->attendance > 1000000)
    add_problem (problems, m, _("The attendance must be a number of people, zero or more."));
  if (m->abstentions < -1 || m->abstentions > 1000000)
    add_problem (problems, m, _("The abstentions must be a number of ballots, zero or more."));
  if (isnan (m->latitude) != isnan (m->longitude) ||
      (!isnan (m->latitude) && (!isfinite (m->latitude) || !isfinite (m->longitude) ||
                                fabs (m->latitude) > 90 || fabs (m->longitude) > 180)))
    add_problem (problems, m, _("The meeting’s place on the map has invalid coordinates."));
  return problems;
}

/* Whether @meeting may be written; else the first problem in @error */
static gboolean
meeting_valid (const LcMeeting  *meeting,
               GError          **error)
{
  g_autoptr(GPtrArray) problems = lc_meeting_check (meeting);

  return lc_problem_list_to_error (problems, error);
}

static gint64
column_int_or (sqlite3_stmt *stmt,
               int           i,
               gint64        missing)
{
  return sqlite3_column_type (stmt, i) == SQLITE_NULL ? missing : sqlite3_column_int64 (stmt, i);
}

#define MEETING_COLUMNS "id, type, date_time, place, latitude, longitude, organiser, organiser_note, chair, " \
                        "attendance, agenda, minutes, decisions, abstentions, feedback"

/* The meeting of the row @stmt is on, with its linked projects; %NULL with
 * @error set when they cannot be read */
static LcMeeting *
meeting_from_row (LcPlan        *plan,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autoptr(LcMeeting) m = lc_meeting_new (LC_MEETING_OTHER, NULL);
  g_autofree char *type = lc_plan_column_text (stmt, 1);
  g_autofree char *organiser = lc_plan_column_text (stmt, 6);
  g_autoptr(sqlite3_stmt) links = NULL;
  int rc;

  m->id = sqlite3_column_int64 (stmt, 0);
  if (!lc_meeting_type_from_key (type, &m->type))
    m->type = LC_MEETING_OTHER;
  m->date_time = lc_plan_column_text (stmt, 2);
  m->place = lc_plan_column_text (stmt, 3);
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL && sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    {
      m->latitude = sqlite3_column_double (stmt, 4);
      m->longitude = sqlite3_column_double (stmt, 5);
    }
  if (!lc_organiser_from_key (organiser, &m->organiser))
    m->organiser = LC_ORGANISER_OTHER;
  m->organiser_note = lc_plan_column_text (stmt, 7);
  m->chair = lc_plan_column_text (stmt, 8);
  m->attendance = column_int_or (stmt, 9, -1);
  m->agenda = lc_plan_column_text (stmt, 10);
  m->minutes = lc_plan_column_text (stmt, 11);
  m->decisions = lc_plan_column_text (stmt, 12);
  m->abstentions = column_int_or (stmt, 13, -1);
  m->feedback = lc_plan_column_text (stmt, 14);

  links = lc_plan_prepare_read (plan, "SELECT project_id FROM meeting_projects WHERE meeting_id = ? ORDER BY project_id",
                                error);
  if (links == NULL)
    return NULL;
  sqlite3_bind_int64 (links, 1, m->id);
  while ((rc = sqlite3_step (links)) == SQLITE_ROW)
    {
      gint64 project = sqlite3_column_int64 (links, 0);
      g_array_append_val (m->project_ids, project);
    }
  if (!lc_plan_read_done (plan, rc, error))
    return NULL;
  return g_steal_pointer (&m);
}

/**
 * lc_plan_load_meeting:
 *
 * Returns: (transfer full) (nullable): the meeting @id with its linked
 *   projects; %NULL with @error unset when the plan has no such meeting,
 *   %NULL with @error set when it cannot be read
 */
LcMeeting *
lc_plan_load_meeting (LcPlan  *plan,
                      gint64   id,
                      GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = lc_plan_read_row (plan, "SELECT " MEETING_COLUMNS " FROM meetings WHERE id = ?1", id, error);
  if (stmt == NULL)
    return NULL;
  return meeting_from_row (plan, stmt, error);
}

/**
 * lc_plan_list_meetings:
 * @type: an #LcMeetingType, or %LC_MEETING_TYPE_ANY
 * @project_id: only the meetings linked to this project; 0 for all
 *
 * Returns: (transfer full) (element-type LcMeeting) (nullable): the
 *   meetings, newest first (by date and time, then the latest entered
 *   first), meetings without a date last; %NULL with @error set when the
 *   plan cannot be read
 */
GPtrArray *
lc_plan_list_meetings (LcPlan  *plan,
                       int      type,
                       gint64   project_id,
                       GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_meeting_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = lc_plan_prepare_read (plan,
                               "SELECT " MEETING_COLUMNS " FROM meetings"
                               " WHERE (?1 IS NULL OR type = ?1)"
                               "   AND (?2 = 0 OR id IN (SELECT meeting_id FROM meeting_projects WHERE project_id = ?2))"
                               " ORDER BY date_time IS NULL, substr (date_time, 1, 16) DESC, id DESC",
                               error);
  if (stmt == NULL)
    return NULL;
  if (type >= 0 && type <= LC_MEETING_OTHER)
    sqlite3_bind_text (stmt, 1, type_keys[type], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, project_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LcMeeting *m = meeting_from_row (plan, stmt, error);

      if (m == NULL)
        return NULL;
      g_ptr_array_add (list, m);
    }
  if (!lc_plan_read_done (plan, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

/* Binds the meeting's fields to ?1…?14 */
static void
bind_meeting (sqlite3_stmt    *stmt,
              const LcMeeting *m)
{
  sqlite3_bind_text (stmt, 1, type_keys[m->type], -1, SQLITE_STATIC);
  lc_plan_bind_text (stmt, 2, m->date_time);
  lc_plan_bind_text (stmt, 3, m->place);
  if (!isnan (m->latitude))
    {
      sqlite3_bind_double (stmt, 4, m->latitude);
      sqlite3_bind_double (stmt, 5, m->longitude);
    }
  lc_plan_bind_text (stmt, 6, organiser_keys[m->organiser]);
  lc_plan_bind_text (stmt, 7, m->organiser_note);
  lc_plan_bind_text (stmt, 8, m->chair);
  if (m->attendance >= 0)
    sqlite3_bind_int64 (stmt, 9, m->attendance);
  lc_plan_bind_text (stmt, 10, m->agenda);
  lc_plan_bind_text (stmt, 11, m->minutes);
  lc_plan_bind_text (stmt, 12, m->decisions);
  if (m->abstentions >= 0)
    sqlite3_bind_int64 (stmt, 13, m->abstentions);
  lc_plan_bind_text (stmt, 14, m->feedback);
}

static gboolean
row_exists (LcPlan      *plan,
            const char  *table,
            gint64       id,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", table);
  g_autoptr(sqlite3_stmt) stmt = lc_plan_prepare (plan, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;
  if (g_str_equal (table, "projects"))
    return invalid (error, _("The plan no longer holds this project; it may have been deleted."));
  return invalid (error, _("The plan no longer holds this meeting record; it may have been deleted."));
}

static gboolean
insert_link (LcPlan     *plan,
             gint64      meeting_id,
             gint64      project_id,
             GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!row_exists (plan, "projects", project_id, error))
    return FALSE;
  stmt = lc_plan_prepare (plan, "INSERT OR IGNORE INTO meeting_projects (meeting_id, project_id) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  sqlite3_bind_int64 (stmt, 2, project_id);
  return lc_plan_run (plan, stmt, error);
}

/* Inserts @meeting (when @insert) or writes it over the meeting of its id;
 * returns its id, or -1. Inside an edit. */
static gint64
write_meeting_row (LcPlan           *plan,
                   const LcMeeting  *meeting,
                   gboolean          insert,
                   GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!meeting_valid (meeting, error))
    return -1;
  if (insert)
    stmt = lc_plan_prepare (plan,
                            "INSERT INTO meetings (type, date_time, place, latitude, longitude, organiser,"
                            " organiser_note, chair, attendance, agenda, minutes, decisions, abstentions, feedback)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)", error);
  else if (row_exists (plan, "meetings", meeting->id, error))
    stmt = lc_plan_prepare (plan,
                            "UPDATE meetings SET type = ?1, date_time = ?2, place = ?3, latitude = ?4,"
                            " longitude = ?5, organiser = ?6, organiser_note = ?7, chair = ?8, attendance = ?9,"
                            " agenda = ?10, minutes = ?11, decisions = ?12, abstentions = ?13, feedback = ?14"
                            " WHERE id = ?15", error);
  if (stmt == NULL)
    return -1;
  bind_meeting (stmt, meeting);
  if (!insert)
    sqlite3_bind_int64 (stmt, 15, meeting->id);
  if (!lc_plan_run (plan, stmt, error))
    return -1;
  return insert ? sqlite3_last_insert_rowid (lc_plan_get_database (plan)) : meeting->id;
}

/**
 * lc_plan_add_meeting:
 *
 * Adds @meeting (its id is ignored) with the links to its projects
 * (project_ids). One undo step.
 *
 * Returns: the new meeting's id, or -1 with @error set
 */
gint64
lc_plan_add_meeting (LcPlan           *plan,
                     const LcMeeting  *meeting,
                     GError          **error)
{
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), -1);

  if (!meeting_valid (meeting, error))
    return -1;
  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Add Meeting"), error))
    return -1;
  id = write_meeting_row (plan, meeting, TRUE, error);
  ok = id > 0;
  for (guint i = 0; ok && meeting->project_ids != NULL && i < meeting->project_ids->len; i++)
    ok = insert_link (plan, id, g_array_index (meeting->project_ids, gint64, i), error);
  return lc_plan_end_edit (plan, ok, error) ? id : -1;
}

/**
 * lc_plan_update_meeting:
 *
 * Writes every field of @meeting over the meeting of the same id (its
 * links to projects are left alone: see lc_plan_link_meeting_project()).
 * One undo step.
 */
gboolean
lc_plan_update_meeting (LcPlan           *plan,
                        const LcMeeting  *meeting,
                        GError          **error)
{
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  if (!meeting_valid (meeting, error))
    return FALSE;
  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Edit Meeting"), error))
    return FALSE;
  ok = write_meeting_row (plan, meeting, FALSE, error) > 0;
  return lc_plan_end_edit (plan, ok, error);
}

static gboolean
run_with_id (LcPlan      *plan,
             const char  *sql,
             gint64       id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = lc_plan_prepare (plan, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return lc_plan_run (plan, stmt, error);
}

/**
 * lc_meeting_write:
 *
 * Adds @meeting when its id is 0, else writes it over the meeting of its
 * id, and makes its links to projects those of project_ids; inside an
 * edit the caller began.
 *
 * Returns: the meeting's id, or -1
 */
gint64
lc_meeting_write (LcPlan           *plan,
                  const LcMeeting  *meeting,
                  GError          **error)
{
  gint64 id = write_meeting_row (plan, meeting, meeting->id == 0, error);
  gboolean ok = id > 0;

  g_autoptr(GString) keep = g_string_new ("0");
  g_autofree char *sql = NULL;

  /* Links kept stay as they are; those not given go */
  for (guint i = 0; ok && i < meeting->project_ids->len; i++)
    {
      g_string_append_printf (keep, ", %" G_GINT64_FORMAT, g_array_index (meeting->project_ids, gint64, i));
      ok = insert_link (plan, id, g_array_index (meeting->project_ids, gint64, i), error);
    }
  sql = g_strdup_printf ("DELETE FROM meeting_projects WHERE meeting_id = ? AND project_id NOT IN (%s)", keep->str);
  return ok && run_with_id (plan, sql, id, error) ? id : -1;
}

/**
 * lc_meeting_votes_write:
 * @options: (element-type LcVoteOption): the options in order; their ids
 *   and attachments are ignored
 *
 * Makes the meeting's options those of @options, inside an edit the caller
 * began: an option of the same label keeps its id and drawing and takes the
 * description and votes given; new labels are added; options not given are
 * deleted, their drawings passing to the meeting so that none is lost.
 */
gboolean
lc_meeting_votes_write (LcPlan     *plan,
                        gint64      meeting_id,
                        GPtrArray  *options,
                        GError    **error)
{
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autoptr(GHashTable) given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) old = NULL;
  gboolean ok;

  for (guint i = 0; i < options->len; i++)
    {
      const LcVoteOption *o = g_ptr_array_index (options, i);

      if (o->votes_paper < 0 || o->votes_other < 0 || o->votes_paper > 1000000 || o->votes_other > 1000000)
        return invalid (error, _("Votes must be a number of ballots, zero or more."));
    }
  ok = row_exists (plan, "meetings", meeting_id, error) &&
       (upsert = lc_plan_prepare (plan,
                                  "UPDATE vote_options SET description = ?3, votes_paper = ?4, votes_other = ?5,"
                                  " sort = ?6 WHERE meeting_id = ?1 AND label = ?2", error)) != NULL;
  for (guint i = 0; ok && i < options->len; i++)
    {
      const LcVoteOption *o = g_ptr_array_index (options, i);
      g_autofree char *label = g_strstrip (g_strdup (o->label != NULL ? o->label : ""));
      int changed;

      if (*label == '\0')
        return invalid (error, _("A voting option needs a label, such as “Scheme A”."));
      sqlite3_bind_int64 (upsert, 1, meeting_id);
      sqlite3_bind_text (upsert, 2, label, -1, SQLITE_TRANSIENT);
      lc_plan_bind_text (upsert, 3, o->description);
      sqlite3_bind_int64 (upsert, 4, o->votes_paper);
      sqlite3_bind_int64 (upsert, 5, o->votes_other);
      sqlite3_bind_int (upsert, 6, (int) i);
      ok = lc_plan_run (plan, upsert, error);
      changed = sqlite3_changes (lc_plan_get_database (plan));
      if (ok && changed == 0)
        {
          /* A new label: the same statement's values, inserted */
          g_autoptr(sqlite3_stmt) insert = lc_plan_prepare (plan,
            "INSERT INTO vote_options (meeting_id, label, description, votes_paper, votes_other, sort)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

          ok = insert != NULL;
          if (ok)
            {
              sqlite3_bind_int64 (insert, 1, meeting_id);
              sqlite3_bind_text (insert, 2, label, -1, SQLITE_TRANSIENT);
              lc_plan_bind_text (insert, 3, o->description);
              sqlite3_bind_int64 (insert, 4, o->votes_paper);
              sqlite3_bind_int64 (insert, 5, o->votes_other);
              sqlite3_bind_int (insert, 6, (int) i);
              ok = lc_plan_run (plan, insert, error);
            }
        }
      sqlite3_clear_bindings (upsert);
      g_hash_table_add (given, g_steal_pointer (&label));
    }
  /* The options left out go; their drawings pass to the meeting */
  ok = ok && (old = lc_plan_list_vote_options (plan, meeting_id, error)) != NULL;
  for (guint i = 0; ok && i < old->len; i++)
    {
      const LcVoteOption *o = g_ptr_array_index (old, i);
      g_autoptr(sqlite3_stmt) move = NULL;

      if (g_hash_table_contains (given, o->label))
        continue;
      ok = (move = lc_plan_prepare (plan,
                                    "UPDATE attachments SET owner_table = 'meetings', owner_id = ?2"
                                    " WHERE owner_table = 'vote_options' AND owner_id = ?1", error)) != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (move, 1, o->id);
          sqlite3_bind_int64 (move, 2, meeting_id);
          ok = lc_plan_run (plan, move, error) &&
               run_with_id (plan, "DELETE FROM vote_options WHERE id = ?", o->id, error);
        }
    }
  return ok;
}

/**
 * lc_plan_delete_meeting:
 *
 * Deletes a meeting with its links, sign-in list, vote options, ratings
 * and the attachments it owns (those of its vote options too). One undo step.
 */
gboolean
lc_plan_delete_meeting (LcPlan   *plan,
                        gint64    id,
                        GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Delete Meeting"), error))
    return FALSE;
  ok = row_exists (plan, "meetings", id, error) &&
       run_with_id (plan,
                    "DELETE FROM attachments WHERE (owner_table = 'meetings' AND owner_id = ?1)"
                    " OR (owner_table = 'vote_options' AND owner_id IN"
                    "     (SELECT id FROM vote_options WHERE meeting_id = ?1))", id, error) &&
       run_with_id (plan, "DELETE FROM meetings WHERE id = ?", id, error);
  return lc_plan_end_edit (plan, ok, error);
}

static gboolean
set_link (LcPlan     *plan,
          gint64      meeting_id,
          gint64      project_id,
          gboolean    link,
          GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  /* Translators: an undo label */
  if (!lc_plan_begin (plan, link ? _("Link Meeting to Project") : _("Unlink Meeting from Project"), error))
    return FALSE;
  ok = row_exists (plan, "meetings", meeting_id, error);
  if (ok && link)
    ok = insert_link (plan, meeting_id, project_id, error);
  else if (ok)
    {
      ok = (stmt = lc_plan_prepare (plan, "DELETE FROM meeting_projects WHERE meeting_id = ? AND project_id = ?",
                                    error)) != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, meeting_id);
          sqlite3_bind_int64 (stmt, 2, project_id);
          ok = lc_plan_run (plan, stmt, error);
        }
    }
  return lc_plan_end_edit (plan, ok, error);
}

/**
 * lc_plan_link_meeting_project:
 *
 * Records that the meeting discussed the project (nothing when it is
 * already linked). One undo step.
 */
gboolean
lc_plan_link_meeting_project (LcPlan   *plan,
                              gint64    meeting_id,
                              gint64    project_id,
                              GError  **error)
{
  return set_link (plan, meeting_id, project_id, TRUE, error);
}

/**
 * lc_plan_unlink_meeting_project:
 *
 * Removes the link between a meeting and a project. One undo step.
 */
gboolean
lc_plan_unlink_meeting_project (LcPlan   *plan,
                                gint64    meeting_id,
                                gint64    project_id,
                                GError  **error)
{
  return set_link (plan, meeting_id, project_id, FALSE, error);
}

/* ---- attendees ---- */

void
lc_meeting_attendee_free (LcMeetingAttendee *a)
{
  if (a == NULL)
    return;
  g_free (a->name);
  g_free (a->role);
  g_free (a);
}

/**
 * lc_plan_list_meeting_attendees:
 *
 * Returns: (transfer full) (element-type LcMeetingAttendee) (nullable):
 *   the sign-in list, in the order entered; %NULL with @error set when the
 *   plan cannot be read
 */
GPtrArray *
lc_plan_list_meeting_attendees (LcPlan  *plan,
                                gint64   meeting_id,
                                GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_meeting_attendee_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  stmt = lc_plan_prepare_read (plan, "SELECT id, name, role FROM meeting_attendees WHERE meeting_id = ? ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LcMeetingAttendee *a = g_new0 (LcMeetingAttendee, 1);

      a->id = sqlite3_column_int64 (stmt, 0);
      a->name = lc_plan_column_text (stmt, 1);
      a->role = lc_plan_column_text (stmt, 2);
      g_ptr_array_add (list, a);
    }
  if (!lc_plan_read_done (plan, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

/**
 * lc_plan_add_meeting_attendee:
 * @role: (nullable): e.g. "居民代表"
 *
 * Adds a name to the meeting's sign-in list. One undo step.
 *
 * Returns: the attendee's id, or -1
 */
gint64
lc_plan_add_meeting_attendee (LcPlan      *plan,
                              gint64       meeting_id,
                              const char  *name,
                              const char  *role,
                              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  gint64 id = -1;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), -1);

  if (*stripped == '\0')
    {
      invalid (error, _("An attendee needs a name."));
      return -1;
    }
  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Add Attendee"), error))
    return -1;
  ok = row_exists (plan, "meetings", meeting_id, error) &&
       (stmt = lc_plan_prepare (plan, "INSERT INTO meeting_attendees (meeting_id, name, role) VALUES (?, ?, ?)",
                                error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, meeting_id);
      sqlite3_bind_text (stmt, 2, stripped, -1, SQLITE_TRANSIENT);
      lc_plan_bind_text (stmt, 3, role);
      ok = lc_plan_run (plan, stmt, error);
    }
  if (ok)
    id = sqlite3_last_insert_rowid (lc_plan_get_database (plan));
  return lc_plan_end_edit (plan, ok, error) ? id : -1;
}

/**
 * lc_plan_delete_meeting_attendee:
 *
 * Removes a name from a sign-in list. One undo step.
 */
gboolean
lc_plan_delete_meeting_attendee (LcPlan   *plan,
                                 gint64    attendee_id,
                                 GError  **error)
{
  gboolean ok;

  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Remove Attendee"), error))
    return FALSE;
  ok = row_exists (plan, "meeting_attendees", attendee_id, error) &&
       run_with_id (plan, "DELETE FROM meeting_attendees WHERE id = ?", attendee_id, error);
  return lc_plan_end_edit (plan, ok, error);
}

/* ---- votes ---- */

void
lc_vote_option_free (LcVoteOption *o)
{
  if (o == NULL)
    return;
  g_free (o->label);
  g_free (o->description);
  g_free (o);
}

/**
 * lc_plan_list_vote_options:
 *
 * Returns: (transfer full) (element-type LcVoteOption) (nullable): the
 *   options voted on at the meeting, in their order; %NULL with @error set
 *   when the plan cannot be read
 */
GPtrArray *
lc_plan_list_vote_options (LcPlan  *plan,
                           gint64   meeting_id,
                           GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_vote_option_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  stmt = lc_plan_prepare_read (plan,
                               "SELECT id, label, description, attachment_id, votes_paper, votes_other, sort"
                               " FROM vote_options WHERE meeting_id = ? ORDER BY sort, id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LcVoteOption *o = g_new0 (LcVoteOption, 1);

      o->id = sqlite3_column_int64 (stmt, 0);
      o->label = lc_plan_column_text (stmt, 1);
      o->description = lc_plan_column_text (stmt, 2);
      o->attachment_id = column_int_or (stmt, 3, 0);
      o->votes_paper = sqlite3_column_int64 (stmt, 4);
      o->votes_other = sqlite3_column_int64 (stmt, 5);
      o->sort = sqlite3_column_int (stmt, 6);
      g_ptr_array_add (list, o);
    }
  if (!lc_plan_read_done (plan, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

/**
 * lc_plan_add_vote_option:
 * @description: (nullable)
 * @attachment_id: the option's drawing in the plan's attachments, or 0
 *
 * Adds an option to vote on, after the others, with no votes. One undo step.
 *
 * Returns: the option's id, or -1
 */
gint64
lc_plan_add_vote_option (LcPlan      *plan,
                         gint64       meeting_id,
                         const char  *label,
                         const char  *description,
                         gint64       attachment_id,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (label != NULL ? label : ""));
  gint64 id = -1;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), -1);

  if (*stripped == '\0')
    {
      invalid (error, _("A voting option needs a label, such as “Scheme A”."));
      return -1;
    }
  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Add Voting Option"), error))
    return -1;
  ok = row_exists (plan, "meetings", meeting_id, error) &&
       (attachment_id <= 0 || row_exists (plan, "attachments", attachment_id, error)) &&
       (stmt = lc_plan_prepare (plan,
                                "INSERT INTO vote_options (meeting_id, label, description, attachment_id, sort)"
                                " VALUES (?1, ?2, ?3, ?4,"
                                "  (SELECT coalesce (max (sort) + 1, 0) FROM vote_options WHERE meeting_id = ?1))",
                                error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, meeting_id);
      sqlite3_bind_text (stmt, 2, stripped, -1, SQLITE_TRANSIENT);
      lc_plan_bind_text (stmt, 3, description);
      if (attachment_id > 0)
        sqlite3_bind_int64 (stmt, 4, attachment_id);
      ok = lc_plan_run (plan, stmt, error);
    }
  if (ok)
    id = sqlite3_last_insert_rowid (lc_plan_get_database (plan));
  return lc_plan_end_edit (plan, ok, error) ? id : -1;
}

/**
 * lc_plan_update_vote_option:
 * @description: (nullable)
 * @attachment_id: the option's drawing, or 0 for none
 *
 * Changes an option's label, description and drawing. One undo step.
 */
gboolean
lc_plan_update_vote_option (LcPlan      *plan,
                            gint64       option_id,
                            const char  *label,
                            const char  *description,
                            gint64       attachment_id,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (label != NULL ? label : ""));
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  if (*stripped == '\0')
    return invalid (error, _("A voting option needs a label, such as “Scheme A”."));
  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Edit Voting Option"), error))
    return FALSE;
  ok = row_exists (plan, "vote_options", option_id, error) &&
       (attachment_id <= 0 || row_exists (plan, "attachments", attachment_id, error)) &&
       (stmt = lc_plan_prepare (plan, "UPDATE vote_options SET label = ?, description = ?, attachment_id = ? WHERE id = ?",
                                error)) != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, stripped, -1, SQLITE_TRANSIENT);
      lc_plan_bind_text (stmt, 2, description);
      if (attachment_id > 0)
        sqlite3_bind_int64 (stmt, 3, attachment_id);
      sqlite3_bind_int64 (stmt, 4, option_id);
      ok = lc_plan_run (plan, stmt, error);
    }
  return lc_plan_end_edit (plan, ok, error);
}

/**
 * lc_plan_set_vote_counts:
 *
 * Records an option's votes from paper ballots and from other channels.
 * One undo step.
 */
gboolean
lc_plan_set_vote_counts (LcPlan   *plan,
                         gint64    option_id,
                         gint64    votes_paper,
                         gint64    votes_other,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  if (votes_paper < 0 || votes_other < 0 || votes_paper > 1000000 || votes_other > 1000000)
    return invalid (error, _("Votes must be a number of ballots, zero or more."));
  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Record Votes"), error))
    return FALSE;
  ok = row_exists (plan, "vote_options", option_id, error) &&
       (stmt = lc_plan_prepare (plan, "UPDATE vote_options SET votes_paper = ?, votes_other = ? WHERE id = ?",
                                error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, votes_paper);
      sqlite3_bind_int64 (stmt, 2, votes_other);
      sqlite3_bind_int64 (stmt, 3, option_id);
      ok = lc_plan_run (plan, stmt, error);
    }
  return lc_plan_end_edit (plan, ok, error);
}

/**
 * lc_plan_delete_vote_option:
 *
 * Deletes an option with its votes (and the attachments it owns). One undo step.
 */
gboolean
lc_plan_delete_vote_option (LcPlan   *plan,
                            gint64    option_id,
                            GError  **error)
{
  gboolean ok;

  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Delete Voting Option"), error))
    return FALSE;
  ok = row_exists (plan, "vote_options", option_id, error) &&
       run_with_id (plan, "DELETE FROM attachments WHERE owner_table = 'vote_options' AND owner_id = ?",
                    option_id, error) &&
       run_with_id (plan, "DELETE FROM vote_options WHERE id = ?", option_id, error);
  return lc_plan_end_edit (plan, ok, error);
}

/**
 * lc_vote_result_new:
 * @options: (element-type LcVoteOption): as lc_plan_list_vote_options() gives
 * @abstentions: blank or abstaining ballots; below 0 counts as 0
 *
 * Returns: (transfer full): the counts, shares and winner (see #LcVoteResult)
 */
LcVoteResult *
lc_vote_result_new (GPtrArray *options,
                    gint64     abstentions)
{
  LcVoteResult *r = g_new0 (LcVoteResult, 1);
  gint64 best = 0;
  guint n_best = 0;

  r->n_options = options != NULL ? options->len : 0;
  r->votes = g_new0 (gint64, MAX (r->n_options, 1));
  r->shares = g_new0 (double, MAX (r->n_options, 1));
  r->abstentions = MAX (abstentions, 0);
  r->winner = -1;

  for (guint i = 0; i < r->n_options; i++)
    {
      const LcVoteOption *o = g_ptr_array_index (options, i);

      r->votes[i] = o->votes_paper + o->votes_other;
      r->votes_cast += r->votes[i];
      if (r->votes[i] > best)
        {
          best = r->votes[i];
          n_best = 1;
          r->winner = i;
        }
      else if (r->votes[i] == best && best > 0)
        n_best++;
    }
  for (guint i = 0; i < r->n_options; i++)
    r->shares[i] = r->votes_cast > 0 ? (double) r->votes[i] / r->votes_cast : 0;
  if (n_best > 1)
    {
      r->tie = TRUE;
      r->winner = -1;
    }
  r->ballots = r->votes_cast + r->abstentions;
  r->abstention_share = r->ballots > 0 ? (double) r->abstentions / r->ballots : 0;
  return r;
}

void
lc_vote_result_free (LcVoteResult *r)
{
  if (r == NULL)
    return;
  g_free (r->votes);
  g_free (r->shares);
  g_free (r);
}

/* ---- ratings ---- */

/**
 * lc_plan_get_meeting_ratings:
 * @counts: (out caller-allocates): how many residents gave each level, 1 to
 *   5; all 0 for a meeting without ratings
 *
 * Returns: %FALSE with @error set when the plan cannot be read
 */
gboolean
lc_plan_get_meeting_ratings (LcPlan  *plan,
                             gint64   meeting_id,
                             gint64   counts[5],
                             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  memset (counts, 0, 5 * sizeof (gint64));
  stmt = lc_plan_prepare_read (plan, "SELECT level, count FROM meeting_ratings WHERE meeting_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int level = sqlite3_column_int (stmt, 0);

      if (level >= 1 && level <= 5)
        counts[level - 1] = sqlite3_column_int64 (stmt, 1);
    }
  return lc_plan_read_done (plan, rc, error);
}

/**
 * lc_meeting_ratings_write:
 * @counts: how many residents gave each level, 1 to 5
 *
 * Records the satisfaction ratings of a meeting, inside an edit the
 * caller began.
 */
gboolean
lc_meeting_ratings_write (LcPlan        *plan,
                          gint64         meeting_id,
                          const gint64   counts[5],
                          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  for (guint i = 0; i < 5; i++)
    if (counts[i] < 0 || counts[i] > 1000000)
      return invalid (error, _("Each rating level needs a number of residents, zero or more."));
  ok = row_exists (plan, "meetings", meeting_id, error) &&
       (stmt = lc_plan_prepare (plan,
                                /* A level nobody gave and no row for it stays without one */
                                "INSERT INTO meeting_ratings (meeting_id, level, count) SELECT ?1, ?2, ?3"
                                " WHERE ?3 > 0 OR EXISTS (SELECT 1 FROM meeting_ratings WHERE meeting_id = ?1"
                                "                         AND level = ?2)"
                                " ON CONFLICT (meeting_id, level) DO UPDATE SET count = excluded.count"
                                " WHERE count IS NOT excluded.count", error)) != NULL;
  for (guint i = 0; ok && i < 5; i++)
    {
      sqlite3_bind_int64 (stmt, 1, meeting_id);
      sqlite3_bind_int (stmt, 2, i + 1);
      sqlite3_bind_int64 (stmt, 3, counts[i]);
      ok = lc_plan_run (plan, stmt, error);
    }
  return ok;
}

/**
 * lc_plan_set_meeting_ratings:
 * @counts: how many residents gave each level, 1 to 5
 *
 * Records the satisfaction ratings of a meeting. One undo step.
 */
gboolean
lc_plan_set_meeting_ratings (LcPlan        *plan,
                             gint64         meeting_id,
                             const gint64   counts[5],
                             GError       **error)
{
  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Record Ratings"), error))
    return FALSE;
  return lc_plan_end_edit (plan, lc_meeting_ratings_write (plan, meeting_id, counts, error), error);
}

/**
 * lc_rating_summary_compute:
 * @summary: (out caller-allocates): the total, average and share satisfied
 *   (see #LcRatingSummary)
 */
void
lc_rating_summary_compute (const gint64     counts[5],
                           LcRatingSummary *summary)
{
  gint64 weighted = 0, satisfied = 0;

  memset (summary, 0, sizeof *summary);
  for (guint i = 0; i < 5; i++)
    {
      gint64 c = MAX (counts[i], 0);

      summary->counts[i] = c;
      summary->total += c;
      weighted += c * (i + 1);
      if (i + 1 >= LC_RATING_SATISFIED_LEVEL)
        satisfied += c;
    }
  summary->average = summary->total > 0 ? (double) weighted / summary->total : NAN;
  summary->satisfied_share = summary->total > 0 ? (double) satisfied / summary->total : NAN;
}
