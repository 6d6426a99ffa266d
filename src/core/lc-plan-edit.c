/* lc-plan-edit.c: edits of a plan, each an undo step, and undo and redo
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-plan"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lc-plan-check.h"
#include "lc-plan-schema.h"
#include "lc-plan-internal.h"

/* ---- edits ---- */


/* ---- helpers of the edit functions (lc-facility.c, lc-shape.c, …) ---- */

/**
 * lc_plan_set_db_error:
 * @rc: what SQLite said
 *
 * Sets @error to what a failed statement of an edit means to a planner: a
 * full disk, a value the plan's rules refuse, or SQLite's words.
 *
 * Returns: %FALSE, to return at once
 */
gboolean
lc_plan_set_db_error (LcPlan  *self,
                      int      rc,
                      GError **error)
{
  int primary = rc & 0xff;
  sqlite3 *db = lc_plan_get_database (self);

  if (primary == SQLITE_FULL)
    g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_NO_SPACE,
                 _("%s: the disk is full. Free some space and try again."),
                 _("Could not edit the plan"));
  else if (primary == SQLITE_CONSTRAINT)
    g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA, "%s: %s",
                 _("Could not edit the plan"), sqlite3_errmsg (db));
  else
    g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED, "%s: %s",
                 _("Could not edit the plan"), sqlite3_errmsg (db));
  return FALSE;
}

/**
 * lc_plan_prepare:
 *
 * Returns: (transfer full) (nullable): @sql prepared on the plan, or %NULL
 *   with @error set
 */
sqlite3_stmt *
lc_plan_prepare (LcPlan      *self,
                 const char  *sql,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (lc_plan_get_database (self), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      lc_plan_set_db_error (self, rc, error);
      return NULL;
    }
  return stmt;
}

/**
 * lc_plan_run:
 *
 * Runs @stmt (a write, or a read of one row) and resets it.
 *
 * Returns: %FALSE with @error set when it fails
 */
gboolean
lc_plan_run (LcPlan        *self,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return lc_plan_set_db_error (self, rc, error);
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * lc_plan_end_edit:
 * @ok: whether the edit's statements succeeded
 *
 * Ends an edit begun with lc_plan_begin(): commits it when @ok, else rolls
 * it back (the error is already set).
 *
 * Returns: whether the edit is in the plan
 */
gboolean
lc_plan_end_edit (LcPlan   *self,
                  gboolean  ok,
                  GError  **error)
{
  if (!ok)
    {
      lc_plan_rollback (self);
      return FALSE;
    }
  return lc_plan_commit (self, error);
}

/**
 * lc_plan_column_text:
 *
 * Returns: (transfer full) (nullable): a column's text as valid UTF-8
 *   (files are hostile input), or %NULL for NULL
 */
char *
lc_plan_column_text (sqlite3_stmt *stmt,
                     int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, column), -1);
}

/**
 * lc_plan_bind_text:
 * @text: (nullable): the value; %NULL, empty or only white space binds NULL
 */
void
lc_plan_bind_text (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  const char *p = text;

  while (p != NULL && g_ascii_isspace (*p))
    p++;
  if (p == NULL || *p == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/**
 * lc_plan_open_reader:
 *
 * A connection of its own to the plan's working copy, read-only, for a
 * worker thread to read while the main thread edits: it sees the plan as
 * of the last finished edit. Close it with sqlite3_close().
 *
 * Returns: (transfer full) (nullable): the connection
 */
sqlite3 *
lc_plan_open_reader (LcPlan  *self,
                     GError **error)
{
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (self), NULL);

  if (self->db == NULL)
    {
      /* Closed while a worker was on its way: nothing to read any more */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The plan is closed."));
      return NULL;
    }
  if (self->read_only)
    /* The file itself: with the guards it was opened with */
    return lc_plan_db_open_guarded (self->work_path, TRUE, error);
  rc = sqlite3_open_v2 (self->work_path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED, _("Could not read the working copy: %s"),
                   sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/**
 * lc_plan_begin:
 * @label: what the edit does, translated, for "Undo …" ("Move Facility")
 *
 * Starts an edit: every change to the database until lc_plan_commit() is
 * one undo step and one "changed" emission.
 */
gboolean
lc_plan_begin (LcPlan      *self,
               const char  *label,
               GError     **error)
{
  return lc_plan_begin_full (self, label, TRUE, error);
}

/**
 * lc_plan_begin_group:
 * @label: the undo label of the whole, translated
 *
 * Starts an edit that the edits begun before its end join: lc_plan_begin()
 * and lc_plan_commit() (or lc_plan_end_edit()) inside it nest, so that
 * functions that are one undo step each (lc_plan_add_meeting(), …) make up
 * one step together. End it with lc_plan_end_group(). When any nested edit
 * is rolled back, the group is rolled back as a whole.
 */
gboolean
lc_plan_begin_group (LcPlan      *self,
                     const char  *label,
                     GError     **error)
{
  if (!lc_plan_begin_full (self, label, TRUE, error))
    return FALSE;
  self->group_depth = 1;
  self->group_failed = FALSE;
  return TRUE;
}

/**
 * lc_plan_end_group:
 * @ok: whether the caller's writes succeeded
 *
 * Ends the group begun with lc_plan_begin_group(): commits it as one undo
 * step when @ok and no nested edit failed, else rolls it all back.
 *
 * Returns: whether the edit is in the plan
 */
gboolean
lc_plan_end_group (LcPlan    *self,
                   gboolean   ok,
                   GError   **error)
{
  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);
  g_return_val_if_fail (self->group_depth == 1, FALSE);

  return lc_plan_end_edit (self, ok, ok ? error : NULL);
}

/**
 * lc_plan_begin_full:
 * @undoable: %FALSE for an edit too large to keep as an undo step (an
 *   import into a new plan): it then clears the undo history
 *
 * Starts an edit, like lc_plan_begin().
 */
gboolean
lc_plan_begin_full (LcPlan      *self,
                    const char  *label,
                    gboolean     undoable,
                    GError     **error)
{
  int rc = SQLITE_OK;

  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  if (!lc_plan_refuse_read_only (self, error))
    return FALSE;
  if (self->in_edit && self->group_depth > 0)
    {
      /* Joins the group's edit */
      self->group_depth++;
      return TRUE;
    }
  if (self->in_edit)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_BUSY,
                           _("Another edit is already in progress."));
      return FALSE;
    }

  if (!lc_plan_wait_for_save (self, error) ||
      !lc_plan_exec (self->db, "BEGIN IMMEDIATE", _("Could not edit the plan"), error))
    return FALSE;

  if (undoable)
    {
      rc = sqlite3session_create (self->db, "main", &self->session);
      if (rc == SQLITE_OK)
        rc = sqlite3session_attach (self->session, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_clear_pointer (&self->session, sqlite3session_delete);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return lc_plan_set_sqlite_error (error, self->db, rc, _("Could not edit the plan"));
    }

  self->in_edit = TRUE;
  g_free (self->edit_label);
  self->edit_label = g_strdup (label);
  return TRUE;
}

void
lc_plan_rollback (LcPlan *self)
{
  g_return_if_fail (LC_IS_PLAN (self));

  if (!self->in_edit)
    return;
  if (self->group_depth > 1)
    {
      /* The group's end rolls back the whole */
      self->group_depth--;
      self->group_failed = TRUE;
      return;
    }

  self->group_depth = 0;
  self->in_edit = FALSE;
  g_clear_pointer (&self->session, sqlite3session_delete);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Whether an UPDATE of unit_profile in a changeset sets the walking speed
 * or the coverage target, which feed coverage; its other columns only
 * describe the unit. A file from outside may order the columns its own
 * way: their places are looked up */
static gboolean
sets_walking_setting (LcPlan                 *self,
                      sqlite3_changeset_iter *iter,
                      int                     n_cols)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA table_info (unit_profile)", -1, &stmt, NULL) != SQLITE_OK)
    return TRUE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      int cid = sqlite3_column_int (stmt, 0);
      sqlite3_value *value = NULL;

      if ((g_strcmp0 (name, "walking_speed_m_min") == 0 || g_strcmp0 (name, "coverage_target") == 0) &&
          cid < n_cols && sqlite3changeset_new (iter, cid, &value) == SQLITE_OK && value != NULL)
        return TRUE;
    }
  return FALSE;
}

/* What a changeset changes, from the tables it touches */
static LcPlanChange
changeset_change (LcPlan *self,
                  int     n,
                  void   *changeset)
{
  sqlite3_changeset_iter *iter = NULL;
  LcPlanChange change = 0;

  if (sqlite3changeset_start (&iter, n, changeset) != SQLITE_OK)
    return LC_PLAN_CHANGE_ALL;

  while (sqlite3changeset_next (iter) == SQLITE_ROW)
    {
      const char *table;
      int n_cols, op, indirect;
      LcPlanChange part;

      sqlite3changeset_op (iter, &table, &n_cols, &op, &indirect);
      part = lc_plan_change_for_table (table);
      if (part == LC_PLAN_CHANGE_PROFILE && (op != SQLITE_UPDATE || sets_walking_setting (self, iter, n_cols)))
        part |= LC_PLAN_CHANGE_THRESHOLDS;
      change |= part != 0 ? part : LC_PLAN_CHANGE_ALL;
    }
  sqlite3changeset_finalize (iter);

  return change;
}

/**
 * lc_plan_commit:
 *
 * Ends the edit begun by lc_plan_begin(). An edit that changed nothing
 * leaves no undo step and emits nothing.
 */
gboolean
lc_plan_commit (LcPlan  *self,
                GError **error)
{
  void *changeset = NULL;
  int n = 0, rc = SQLITE_OK;
  gboolean undoable;
  Step *step;

  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);
  g_return_val_if_fail (self->in_edit, FALSE);

  if (self->group_depth > 1)
    {
      self->group_depth--;
      return TRUE;
    }
  if (self->group_depth == 1 && self->group_failed)
    {
      lc_plan_rollback (self);
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                           _("A part of the edit failed; nothing was changed."));
      return FALSE;
    }
  self->group_depth = 0;

  undoable = self->session != NULL;
  if (undoable)
    rc = sqlite3session_changeset (self->session, &n, &changeset);
  g_clear_pointer (&self->session, sqlite3session_delete);
  self->in_edit = FALSE;
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      lc_plan_set_sqlite_error (error, self->db, rc, _("Could not edit the plan"));
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_free (changeset);
      return FALSE;
    }

  if (undoable && n == 0)
    {
      sqlite3_free (changeset);
      return TRUE;
    }

  if (!undoable)
    {
      /* The steps before no longer describe the plan: history ends here */
      g_ptr_array_set_size (self->undo, 0);
      g_ptr_array_set_size (self->redo, 0);
      self->state = self->next_state++;
      lc_plan_announce (self, LC_PLAN_CHANGE_ALL);
      return TRUE;
    }

  step = g_new0 (Step, 1);
  step->label = g_steal_pointer (&self->edit_label);
  step->changeset = changeset;
  step->n_changeset = n;
  step->before = self->state;
  step->after = self->state = self->next_state++;
  step->change = changeset_change (self, n, changeset);
  g_ptr_array_add (self->undo, step);
  g_ptr_array_set_size (self->redo, 0);

  lc_plan_announce (self, step->change);

  return TRUE;
}

/**
 * lc_plan_execute:
 * @label: the undo label, translated
 * @sql: one or more statements
 *
 * Runs @sql as one edit.
 */
gboolean
lc_plan_execute (LcPlan      *self,
                 const char  *label,
                 const char  *sql,
                 GError     **error)
{
  if (!lc_plan_begin (self, label, error))
    return FALSE;

  if (!lc_plan_exec (self->db, sql, _("Could not edit the plan"), error))
    {
      lc_plan_rollback (self);
      return FALSE;
    }

  return lc_plan_commit (self, error);
}

/* Checks that @column is a column of @table in the schema, so that names
 * can be put into SQL, and, for @text_only, that it holds text: numbers
 * go through their modules' typed setters, never through text; returns
 * the table's key column */
static const char *
lookup_column (const char  *table,
               const char  *column,
               gboolean     text_only,
               GError     **error)
{
  const LcPlanTable *t = lc_plan_schema_lookup_table (table);

  if (t != NULL)
    for (const LcPlanColumn *c = t->columns; c->name != NULL; c++)
      if (g_str_equal (c->name, column) && (!text_only || g_str_has_prefix (c->decl, "TEXT")))
        return t->geometry_type != 0 ? "fid" : "id";

  g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_SCHEMA, "no column %s.%s", table, column);
  return NULL;
}

/**
 * lc_plan_get_text:
 * @table: a table of the schema
 * @id: the row's key
 * @column: a column of @table
 *
 * Returns: (transfer full) (nullable): the value as text, %NULL when the row
 * does not exist or the value is NULL
 */
char *
lc_plan_get_text (LcPlan     *self,
                  const char *table,
                  gint64      id,
                  const char *column)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  const char *key;

  g_return_val_if_fail (LC_IS_PLAN (self), NULL);

  key = lookup_column (table, column, FALSE, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  sql = g_strdup_printf ("SELECT \"%s\" FROM \"%s\" WHERE %s = ?", column, table, key);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;

  return g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, 0), -1);
}

/**
 * lc_plan_set_text:
 * @label: the undo label, translated
 * @column: a text column of @table (a number has a typed setter in its
 *   module: lc_plan_set_threshold(), lc_plan_set_building_levels(), …)
 * @value: (nullable): the new text; %NULL or "" stores NULL
 *
 * Sets one value as one edit; setting the value it already has is no edit.
 */
gboolean
lc_plan_set_text (LcPlan      *self,
                  const char  *label,
                  const char  *table,
                  gint64       id,
                  const char  *column,
                  const char  *value,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  const char *key;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);

  key = lookup_column (table, column, TRUE, error);
  g_return_val_if_fail (key != NULL, FALSE);

  sql = g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = ?1 WHERE %s = ?2 AND \"%s\" IS NOT ?1",
                         table, column, key, column);
  if (!lc_plan_begin (self, label, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      if (value != NULL && value[0] != '\0')
        sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, id);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      lc_plan_set_sqlite_error (error, self->db, rc, _("Could not edit the plan"));
      g_clear_pointer (&stmt, sqlite3_finalize);
      lc_plan_rollback (self);
      return FALSE;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  return lc_plan_commit (self, error);
}

/**
 * lc_plan_store_view:
 * @latitude: the map's centre, WGS-84 degrees
 * @zoom: the map's zoom level
 *
 * Keeps where the map looked in the plan, so that it opens there again.
 * Not an edit: no undo step, and the plan does not become modified by it;
 * the next save writes it.
 */
gboolean
lc_plan_store_view (LcPlan  *self,
                    double   latitude,
                    double   longitude,
                    double   zoom,
                    GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);

  if (!lc_plan_refuse_read_only (self, error))
    return FALSE;
  if (self->in_edit)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_BUSY, _("Another edit is already in progress."));
      return FALSE;
    }
  if (!lc_plan_wait_for_save (self, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (self->db, "UPDATE unit_profile SET view_latitude = ?, view_longitude = ?, view_zoom = ?",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_double (stmt, 1, CLAMP (latitude, -85.0511, 85.0511));
      sqlite3_bind_double (stmt, 2, CLAMP (longitude, -180, 180));
      sqlite3_bind_double (stmt, 3, CLAMP (zoom, 0, 22));
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    return lc_plan_set_sqlite_error (error, self->db, rc, _("Could not edit the plan"));
  return TRUE;
}

/**
 * lc_plan_count_rows:
 *
 * Returns: the number of rows in @table, a table of the schema
 */
gint64
lc_plan_count_rows (LcPlan     *self,
                    const char *table)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (LC_IS_PLAN (self), 0);
  g_return_val_if_fail (lc_plan_schema_lookup_table (table) != NULL, 0);

  sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
lc_plan_can_undo (LcPlan *self)
{
  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);
  return self->undo->len > 0;
}

gboolean
lc_plan_can_redo (LcPlan *self)
{
  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);
  return self->redo->len > 0;
}

/**
 * lc_plan_get_undo_label:
 *
 * Returns: (transfer none) (nullable): the label of the edit Undo would undo
 */
const char *
lc_plan_get_undo_label (LcPlan *self)
{
  g_return_val_if_fail (LC_IS_PLAN (self), NULL);
  return self->undo->len > 0 ? ((Step *) g_ptr_array_index (self->undo, self->undo->len - 1))->label : NULL;
}

/**
 * lc_plan_get_redo_label:
 *
 * Returns: (transfer none) (nullable): the label of the edit Redo would redo
 */
const char *
lc_plan_get_redo_label (LcPlan *self)
{
  g_return_val_if_fail (LC_IS_PLAN (self), NULL);
  return self->redo->len > 0 ? ((Step *) g_ptr_array_index (self->redo, self->redo->len - 1))->label : NULL;
}

static int
on_conflict (void                   *user_data,
             int                     conflict,
             sqlite3_changeset_iter *iter)
{
  /* The working copy is exactly as the step left it, so any conflict means
   * something wrote behind our back: stop rather than guess */
  return SQLITE_CHANGESET_ABORT;
}

static gboolean
apply_changeset (LcPlan   *self,
                 int       n,
                 void     *changeset,
                 GError  **error)
{
  int rc;

  /* Cascades already happened when the step was recorded and are in the
   * changeset: replaying them again would double them */
  sqlite3_exec (self->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
  rc = sqlite3changeset_apply (self->db, n, changeset, NULL, on_conflict, NULL);
  sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return lc_plan_set_sqlite_error (error, self->db, rc, _("Could not undo or redo"));
  return TRUE;
}

static gboolean
undo_redo (LcPlan    *self,
           gboolean   undo,
           GError   **error)
{
  GPtrArray *from = undo ? self->undo : self->redo;
  GPtrArray *to = undo ? self->redo : self->undo;
  Step *step;

  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);

  if (self->in_edit)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_BUSY,
                           _("Another edit is already in progress."));
      return FALSE;
    }
  if (from->len == 0)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_NOTHING_TO_UNDO,
                           undo ? _("There is nothing to undo.") : _("There is nothing to redo."));
      return FALSE;
    }
  if (!lc_plan_wait_for_save (self, error))
    return FALSE;

  step = g_ptr_array_index (from, from->len - 1);

  if (undo)
    {
      void *inverse = NULL;
      int n_inverse = 0;
      int rc = sqlite3changeset_invert (step->n_changeset, step->changeset, &n_inverse, &inverse);
      gboolean ok;

      if (rc != SQLITE_OK)
        return lc_plan_set_sqlite_error (error, self->db, rc, _("Could not undo or redo"));
      ok = apply_changeset (self, n_inverse, inverse, error);
      sqlite3_free (inverse);
      if (!ok)
        return FALSE;
      self->state = step->before;
    }
  else
    {
      if (!apply_changeset (self, step->n_changeset, step->changeset, error))
        return FALSE;
      self->state = step->after;
    }

  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));

  lc_plan_announce (self, step->change);
  return TRUE;
}

/**
 * lc_plan_undo:
 *
 * Reverts the last edit, or the last redo, exactly, row for row.
 */
gboolean
lc_plan_undo (LcPlan  *self,
              GError **error)
{
  return undo_redo (self, TRUE, error);
}

/**
 * lc_plan_redo:
 *
 * Makes again the edit the last undo reverted.
 */
gboolean
lc_plan_redo (LcPlan  *self,
              GError **error)
{
  return undo_redo (self, FALSE, error);
}
