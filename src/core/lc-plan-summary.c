/* lc-plan-summary.c: what a plan file holds, in a few lines
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-plan-summary"

#include "config.h"

#include "lc-plan-private.h"
#include "lc-plan-schema.h"
#include "lc-plan-summary.h"

void
lc_plan_summary_free (LcPlanSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->saved);
  g_free (summary->saved_by);
  g_clear_pointer (&summary->counts, g_array_unref);
  g_free (summary);
}

/* Steps @stmt, a query of one row, to it: FALSE with @error set when the
 * plan cannot be read */
static gboolean
step_row (LcPlan        *plan,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  /* A query of one row always has one: anything else is a failed read */
  return rc == SQLITE_ROW || lc_plan_read_done (plan, rc == SQLITE_DONE ? SQLITE_ERROR : rc, error);
}

/**
 * lc_plan_get_summary:
 *
 * Reads the format, when and by what the plan was last saved, and how many
 * rows each table holds: with the unit's name and place
 * (lc_plan_get_profile()), what `lifecircle-tool info` shows.
 *
 * Returns: (transfer full) (nullable): the summary, or %NULL with @error set
 *   when the plan cannot be read
 */
LcPlanSummary *
lc_plan_get_summary (LcPlan  *plan,
                     GError **error)
{
  g_autoptr(LcPlanSummary) summary = g_new0 (LcPlanSummary, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const LcPlanTable *tables;
  guint n_tables;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  summary->format = LC_PLAN_FORMAT_NAME;
  summary->format_version = lc_plan_get_format_version (plan);

  stmt = lc_plan_prepare_read (plan, "SELECT (SELECT value FROM lc_meta WHERE key = 'saved'),"
                                " (SELECT value FROM lc_meta WHERE key = 'saved_by')", error);
  if (stmt == NULL || !step_row (plan, stmt, error))
    return NULL;
  summary->saved = lc_plan_column_text (stmt, 0);
  summary->saved_by = lc_plan_column_text (stmt, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);

  tables = lc_plan_schema_get_tables (&n_tables);
  summary->counts = g_array_sized_new (FALSE, FALSE, sizeof (LcPlanTableCount), n_tables);
  for (guint i = 0; i < n_tables; i++)
    {
      /* The names are the schema's own, safe in SQL */
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", tables[i].name);
      LcPlanTableCount count = { tables[i].name, 0 };

      stmt = lc_plan_prepare_read (plan, sql, error);
      if (stmt == NULL || !step_row (plan, stmt, error))
        return NULL;
      count.rows = sqlite3_column_int64 (stmt, 0);
      g_clear_pointer (&stmt, sqlite3_finalize);
      g_array_append_val (summary->counts, count);
    }

  return g_steal_pointer (&summary);
}

/**
 * lc_plan_dup_attribution:
 *
 * Returns: (transfer full) (nullable): the credit the plan's map data
 *   carries ("© OpenStreetMap contributors, ODbL"), as its import recorded
 *   it; %NULL with @error unset when it has none, %NULL with @error set
 *   when the plan cannot be read
 */
char *
lc_plan_dup_attribution (LcPlan  *plan,
                         GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  stmt = lc_plan_prepare_read (plan, "SELECT value FROM lc_meta WHERE key = 'attribution'", error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return lc_plan_column_text (stmt, 0);
  lc_plan_read_done (plan, rc, error);
  return NULL;
}
