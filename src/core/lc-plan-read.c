/* lc-plan-read.c: what the typed readers of core share
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-plan"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-plan-private.h"

/*
 * Every lc_plan_list_*(), lc_plan_load_*() and lc_plan_get_*() tells a
 * database error from an empty result (docs/HACKING.md, "Conventions"):
 * these two helpers give them one message for it.
 */

/**
 * lc_plan_prepare_read:
 *
 * lc_plan_prepare() for a reader: its error says the plan could not be read.
 *
 * Returns: (transfer full) (nullable): @sql prepared on the plan, or %NULL
 *   with @error set
 */
sqlite3_stmt *
lc_plan_prepare_read (LcPlan      *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt = lc_plan_prepare (self, sql, NULL);

  if (stmt == NULL)
    lc_plan_read_done (self, sqlite3_errcode (lc_plan_get_database (self)), error);
  return stmt;
}

/**
 * lc_plan_read_row:
 * @sql: a SELECT of one row by its key, given as the parameter ?1
 *
 * What a loader of one row does first: @sql with @id, stepped.
 *
 * Returns: (transfer full) (nullable): the statement on the row it found;
 *   %NULL with @error unset when there is none, %NULL with @error set when
 *   the plan cannot be read
 */
sqlite3_stmt *
lc_plan_read_row (LcPlan      *self,
                  const char  *sql,
                  gint64       id,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = lc_plan_prepare_read (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_steal_pointer (&stmt);
  lc_plan_read_done (self, rc, error);
  return NULL;
}

/**
 * lc_plan_read_done:
 * @rc: what the last sqlite3_step() of a reader said
 *
 * Returns: whether @rc is SQLITE_DONE, the rows all read; otherwise %FALSE
 *   with @error set
 */
gboolean
lc_plan_read_done (LcPlan  *self,
                   int      rc,
                   GError **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  /* Translators: %s is the database's own words */
  g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED, _("Could not read the plan: %s"),
               sqlite3_errmsg (lc_plan_get_database (self)));
  return FALSE;
}
