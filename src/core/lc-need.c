/* lc-need.c: the needs list: residents' needs on the map and the projects answering them
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-need"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-enum-private.h"
#include "lc-plan-private.h"
#include "lc-project-private.h"
#include "lc-services.h"

/*
 * Needs are points on the map (needs.geom); need_projects links them to
 * the projects that answer them. A need is unanswered while no project is
 * linked to it and it is not closed.
 *
 * Every public edit is one undo step, checked before anything is written.
 */

/* ---- enumerations: the typed faces of lc-field.c's tables ---- */

LC_DEFINE_FIELD_ENUM (need_source, LcNeedSource, LC_FIELD_NEED_SOURCE)
LC_DEFINE_FIELD_ENUM (need_status, LcNeedStatus, LC_FIELD_NEED_STATUS)

/* ---- values ---- */

LcNeed *
lc_need_new (void)
{
  LcNeed *n = g_new0 (LcNeed, 1);

  n->description = g_strdup ("");
  n->residents = -1;
  n->latitude = NAN;
  n->longitude = NAN;
  n->project_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return n;
}

void
lc_need_free (LcNeed *n)
{
  if (n == NULL)
    return;
  g_free (n->date);
  g_free (n->service);
  g_free (n->description);
  g_free (n->notes);
  g_array_unref (n->project_ids);
  g_free (n);
}

/**
 * lc_need_check:
 *
 * Checks @need against the rules its editor, the sheets and every write
 * enforce: a real date, a description, a known source, a service of the
 * catalogue, urgency 1–4, residents 0 or more, a place with valid
 * coordinates.
 *
 * Returns: (transfer full) (element-type LcProblem): what keeps @need from
 *   being written, each an error LC-NEED-001 about the need; empty when it
 *   may be
 */
GPtrArray *
lc_need_check (const LcNeed *n)
{
  LcRecordCheck check = { lc_problem_list_new (), "LC-NEED-001", "needs", n->fid };
  LcRecordCheck *problems = &check;

  if (n->date == NULL || !lc_date_is_valid (n->date, FALSE))
    lc_record_check_add (problems, _("The need’s date “%s” is not a date like 2025-09-15."), n->date != NULL ? n->date : "");
  if (lc_record_text_is_blank (n->description))
    lc_record_check_add (problems, "%s", _("The need needs a description."));
  if (n->source == LC_NEED_SOURCE_UNKNOWN)
    lc_record_check_add (problems, "%s", _("The need’s source is none of those the plan format knows."));
  if (n->service != NULL && lc_service_lookup (n->service) == NULL)
    lc_record_check_add (problems, _("The service “%s” is none of the 20."), n->service);
  if (n->urgency != 0 && (n->urgency < 1 || n->urgency > 4))
    lc_record_check_add (problems, "%s", _("The urgency must be from 1 to 4."));
  if (n->residents < -1)
    lc_record_check_add (problems, "%s", _("The number of residents must be 0 or more."));
  lc_record_check_location (problems, n->latitude, n->longitude, TRUE);
  return check.problems;
}

/* ---- reading ---- */

#define NEED_COLUMNS "fid, date, source, service, description, urgency, residents, status, notes, geom"

static LcNeed *
need_from_row (sqlite3_stmt *stmt)
{
  LcNeed *n = lc_need_new ();
  int c = 0;

  n->fid = sqlite3_column_int64 (stmt, c++);
  n->date = lc_plan_column_text (stmt, c++);
  if (sqlite3_column_type (stmt, c) != SQLITE_NULL &&
      !lc_need_source_from_key ((const char *) sqlite3_column_text (stmt, c), &n->source))
    n->source = LC_NEED_SOURCE_UNKNOWN;
  c++;
  n->service = lc_plan_column_text (stmt, c++);
  g_free (n->description);
  n->description = lc_plan_column_text (stmt, c++);
  if (n->description == NULL)
    n->description = g_strdup ("");
  n->urgency = sqlite3_column_int (stmt, c++);
  n->residents = sqlite3_column_type (stmt, c) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, c);
  c++;
  lc_need_status_from_key ((const char *) sqlite3_column_text (stmt, c++), &n->status);
  n->notes = lc_plan_column_text (stmt, c++);
  if (sqlite3_column_type (stmt, c) == SQLITE_BLOB)
    {
      g_autoptr(LcGeometry) g = lc_geometry_from_gpkg (sqlite3_column_blob (stmt, c), sqlite3_column_bytes (stmt, c),
                                                       NULL, NULL);

      if (g != NULL && g->n_points > 0)
        {
          n->longitude = g->xy[0];
          n->latitude = g->xy[1];
        }
    }
  return n;
}

static gboolean
load_need_projects (LcPlan  *plan,
                    LcNeed  *n,
                    GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = lc_plan_prepare_read (plan, "SELECT project_id FROM need_projects WHERE need_fid = ? ORDER BY project_id",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, n->fid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (n->project_ids, id);
    }
  return lc_plan_read_done (plan, rc, error);
}

/* The needs @where selects, by date, with their projects; %NULL with
 * @error set when the plan cannot be read */
static GPtrArray *
list_needs (LcPlan      *plan,
            const char  *where,
            gint64       fid,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT " NEED_COLUMNS " FROM needs %s ORDER BY date, fid", where);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_need_free);
  int rc;

  stmt = lc_plan_prepare_read (plan, sql, error);
  if (stmt == NULL)
    return NULL;
  if (fid != 0)
    sqlite3_bind_int64 (stmt, 1, fid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, need_from_row (stmt));
  if (!lc_plan_read_done (plan, rc, error))
    return NULL;
  for (guint i = 0; i < list->len; i++)
    if (!load_need_projects (plan, g_ptr_array_index (list, i), error))
      return NULL;
  return g_steal_pointer (&list);
}

/**
 * lc_plan_load_need:
 *
 * Returns: (transfer full) (nullable): need @fid with its projects; %NULL
 *   with @error unset when the plan has no such need, %NULL with @error
 *   set when it cannot be read
 */
LcNeed *
lc_plan_load_need (LcPlan  *plan,
                   gint64   fid,
                   GError **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  list = list_needs (plan, "WHERE fid = ?1", fid, error);
  return list != NULL && list->len > 0 ? g_ptr_array_steal_index (list, 0) : NULL;
}

/**
 * lc_plan_list_needs:
 *
 * Returns: (transfer full) (element-type LcNeed) (nullable): every need, by
 *   date; %NULL with @error set when the plan cannot be read
 */
GPtrArray *
lc_plan_list_needs (LcPlan  *plan,
                    GError **error)
{
  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return list_needs (plan, "", 0, error);
}

/**
 * lc_plan_list_unanswered_needs:
 *
 * Returns: (transfer full) (element-type LcNeed) (nullable): the needs no
 *   project answers yet and that are not closed, by date; %NULL with
 *   @error set when the plan cannot be read
 */
GPtrArray *
lc_plan_list_unanswered_needs (LcPlan  *plan,
                               GError **error)
{
  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return list_needs (plan, "WHERE status <> 'closed' AND fid NOT IN (SELECT need_fid FROM need_projects)", 0, error);
}

/* ---- writing ---- */

/**
 * lc_need_link_write:
 *
 * Links a need to a project inside an edit the caller began; linking twice
 * is not an error.
 */
gboolean
lc_need_link_write (LcPlan   *plan,
                    gint64    need_fid,
                    gint64    project_id,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!lc_record_exists (plan, LC_NEED_EXISTS, need_fid, error) || !lc_record_exists (plan, LC_PROJECT_EXISTS, project_id, error))
    return FALSE;
  stmt = lc_plan_prepare (plan, "INSERT OR IGNORE INTO need_projects (need_fid, project_id) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, need_fid);
  sqlite3_bind_int64 (stmt, 2, project_id);
  return lc_plan_run (plan, stmt, error);
}

/**
 * lc_need_unlink_write:
 *
 * Removes the link of a need to a project inside an edit the caller began;
 * removing a link that is not there is not an error.
 */
gboolean
lc_need_unlink_write (LcPlan   *plan,
                      gint64    need_fid,
                      gint64    project_id,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = lc_plan_prepare (plan, "DELETE FROM need_projects WHERE need_fid = ? AND project_id = ?",
                                                  error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, need_fid);
  sqlite3_bind_int64 (stmt, 2, project_id);
  return lc_plan_run (plan, stmt, error);
}

/**
 * lc_plan_link_need:
 *
 * Records that project @project_id answers need @need_fid. One undo step.
 */
gboolean
lc_plan_link_need (LcPlan   *plan,
                   gint64    need_fid,
                   gint64    project_id,
                   GError  **error)
{
  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Link Need to Project"), error))
    return FALSE;
  return lc_plan_end_edit (plan, lc_need_link_write (plan, need_fid, project_id, error), error);
}

/**
 * lc_plan_unlink_need:
 *
 * Undoes lc_plan_link_need(). One undo step.
 */
gboolean
lc_plan_unlink_need (LcPlan   *plan,
                     gint64    need_fid,
                     gint64    project_id,
                     GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Unlink Need from Project"), error))
    return FALSE;
  ok = lc_need_unlink_write (plan, need_fid, project_id, error);
  if (ok && sqlite3_changes (lc_plan_get_database (plan)) == 0)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                           _("The need is not linked to this project."));
      ok = FALSE;
    }
  return lc_plan_end_edit (plan, ok, error);
}

/**
 * lc_need_write:
 * @need: its fid 0 to add it, else the need to replace
 *
 * Writes @need inside an edit the caller began, checked first; its links
 * to projects are kept.
 *
 * Returns: the need's fid, or 0
 */
gint64
lc_need_write (LcPlan        *plan,
               const LcNeed  *n,
               GError       **error)
{
  g_autoptr(GPtrArray) problems = lc_need_check (n);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 fid = n->fid;

  if (!lc_problem_list_to_error (problems, error))
    return 0;
  if (fid != 0 && !lc_record_exists (plan, LC_NEED_EXISTS, fid, error))
    return 0;
  if (fid == 0)
    stmt = lc_plan_prepare (plan,
                    "INSERT INTO needs (date, source, service, description, urgency, residents, status, notes, geom)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  else
    stmt = lc_plan_prepare (plan,
                    "UPDATE needs SET date = ?1, source = ?2, service = ?3, description = ?4, urgency = ?5,"
                    " residents = ?6, status = ?7, notes = ?8, geom = ?9 WHERE fid = ?10", error);
  if (stmt == NULL)
    return 0;
  lc_plan_bind_text (stmt, 1, n->date);
  lc_plan_bind_text (stmt, 2, lc_need_source_to_key (n->source));
  lc_plan_bind_text (stmt, 3, n->service);
  {
    g_autofree char *description = g_strstrip (g_strdup (n->description));
    lc_plan_bind_text (stmt, 4, description);
  }
  if (n->urgency != 0)
    sqlite3_bind_int (stmt, 5, n->urgency);
  if (n->residents >= 0)
    sqlite3_bind_int (stmt, 6, n->residents);
  lc_plan_bind_text (stmt, 7, lc_need_status_to_key (n->status));
  lc_plan_bind_text (stmt, 8, n->notes);
  {
    g_autoptr(LcGeometry) point = lc_geometry_new_point (n->longitude, n->latitude);

    lc_geometry_bind (point, stmt, 9);
  }
  if (fid != 0)
    sqlite3_bind_int64 (stmt, 10, fid);
  if (!lc_plan_run (plan, stmt, error))
    return 0;
  return fid != 0 ? fid : sqlite3_last_insert_rowid (lc_plan_get_database (plan));
}

/* Whether @ids holds @id */
static gboolean
has_id (GArray *ids,
        gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/**
 * lc_plan_save_need:
 * @need: its fid 0 to add it, else the need to replace
 *
 * Writes @need, checked first, and links it to exactly the projects of
 * @need->project_ids; its links are kept when that is %NULL. One undo step.
 *
 * Returns: the need's fid, or 0
 */
gint64
lc_plan_save_need (LcPlan        *plan,
                   const LcNeed  *need,
                   GError       **error)
{
  g_autoptr(LcNeed) before = lc_need_new ();
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), 0);
  g_return_val_if_fail (need != NULL, 0);

  /* Translators: undo labels */
  if (!lc_plan_begin (plan, need->fid == 0 ? _("Add Need") : _("Edit Need"), error))
    return 0;
  before->fid = lc_need_write (plan, need, error);
  ok = before->fid != 0;
  if (ok && need->project_ids != NULL)
    ok = load_need_projects (plan, before, error);
  /* A link that stays is not touched: undo has nothing to do for it */
  for (guint i = 0; ok && need->project_ids != NULL && i < before->project_ids->len; i++)
    ok = has_id (need->project_ids, g_array_index (before->project_ids, gint64, i)) ||
         lc_need_unlink_write (plan, before->fid, g_array_index (before->project_ids, gint64, i), error);
  for (guint i = 0; ok && need->project_ids != NULL && i < need->project_ids->len; i++)
    ok = has_id (before->project_ids, g_array_index (need->project_ids, gint64, i)) ||
         lc_need_link_write (plan, before->fid, g_array_index (need->project_ids, gint64, i), error);
  return lc_plan_end_edit (plan, ok, error) ? before->fid : 0;
}

/**
 * lc_plan_add_need:
 *
 * Adds @need (its fid and links are ignored). One undo step.
 *
 * Returns: the new need's fid, or 0
 */
gint64
lc_plan_add_need (LcPlan        *plan,
                  const LcNeed  *need,
                  GError       **error)
{
  LcNeed copy;

  g_return_val_if_fail (need != NULL, 0);

  copy = *need;
  copy.fid = 0;
  copy.project_ids = NULL;
  return lc_plan_save_need (plan, &copy, error);
}

/**
 * lc_plan_delete_need:
 *
 * Deletes a need and its links to projects. One undo step.
 */
gboolean
lc_plan_delete_need (LcPlan   *plan,
                     gint64    fid,
                     GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Delete Need"), error))
    return FALSE;
  ok = lc_record_exists (plan, LC_NEED_EXISTS, fid, error) &&
       lc_record_run_with_id (plan, "DELETE FROM needs WHERE fid = ?", fid, error);
  return lc_plan_end_edit (plan, ok, error);
}
