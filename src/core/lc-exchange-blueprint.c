/* lc-exchange-blueprint.c: the blueprint and targets sheets, to the plan and back
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-exchange-blueprint"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-exchange-private.h"

/*
 * A blueprint row replaces the section of the same section and title; a
 * target row the target of the same service and year. Coverage targets
 * are written as percentages.
 */

static char *
stmt_text (sqlite3_stmt *stmt,
           int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

/**
 * lc_exchange_blueprint_rows:
 * @kind: %LC_SHEET_BLUEPRINT or %LC_SHEET_BLUEPRINT_TARGETS
 *
 * Returns: (transfer full) (element-type GStrv) (nullable): the sheet,
 *   headers first; %NULL with @error set when the plan cannot be read
 */
GPtrArray *
lc_exchange_blueprint_rows (LcPlan       *plan,
                            LcSheetKind   kind,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gboolean targets = kind == LC_SHEET_BLUEPRINT_TARGETS;
  int rc;

  stmt = lc_plan_prepare_read (plan,
                               targets ? "SELECT service, year, facilities_to_add, coverage_target, notes"
                                         " FROM blueprint_targets ORDER BY year, service"
                                       : "SELECT section, title, body FROM blueprint ORDER BY sort, id",
                               error);
  if (stmt == NULL)
    return NULL;
  rows = lc_sheet_new_rows (kind);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GStrv cells;

      if (targets)
        {
          const LcService *service = lc_service_lookup ((const char *) sqlite3_column_text (stmt, 0));

          cells = g_new0 (char *, T_N + 1);
          cells[T_SERVICE] = service != NULL ? g_strdup (service->name_zh) : stmt_text (stmt, 0);
          cells[T_YEAR] = stmt_text (stmt, 1);
          cells[T_FACILITIES] = stmt_text (stmt, 2);
          cells[T_COVERAGE] = sqlite3_column_type (stmt, 3) == SQLITE_NULL
                                ? g_strdup ("") : lc_sheet_format_number (sqlite3_column_double (stmt, 3) * 100, 2);
          cells[T_NOTES] = stmt_text (stmt, 4);
        }
      else
        {
          cells = g_new0 (char *, B_N + 1);
          for (int c = 0; c < B_N; c++)
            cells[c] = stmt_text (stmt, c);
        }
      g_ptr_array_add (rows, cells);
    }
  if (!lc_plan_read_done (plan, rc, error))
    return NULL;
  return g_steal_pointer (&rows);
}

void
lc_sheet_blueprint_item_free (BlueprintItem *b)
{
  g_free (b->section);
  g_free (b->title);
  g_free (b->body);
  g_free (b);
}

void
lc_sheet_target_item_free (TargetItem *t)
{
  g_free (t->service);
  g_free (t->notes);
  g_free (t);
}

void
lc_sheet_read_blueprint (SheetReader *r,
                         LcImportRow *row)
{
  BlueprintItem *b = g_new0 (BlueprintItem, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  b->section = lc_sheet_cell (r, B_SECTION);
  b->title = lc_sheet_cell (r, B_TITLE);
  b->body = NULL;
  lc_sheet_take_text (r, B_BODY, &b->body);
  if (b->body == NULL)
    b->body = g_strdup ("");
  b->sort = (int) row->row - 1;
  if (b->section == NULL || b->section[0] == '\0')
    lc_sheet_row_error (r, "%s", _("The blueprint row needs a section."));
  if (sqlite3_prepare_v2 (lc_plan_get_database (r->plan),
                          "SELECT id FROM blueprint WHERE section = ? AND coalesce (title, '') = ? ORDER BY id LIMIT 1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, b->section != NULL ? b->section : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, b->title != NULL ? b->title : "", -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        row->replaces = b->id = sqlite3_column_int64 (stmt, 0);
    }
  row->item = b;
}

void
lc_sheet_read_target (SheetReader *r,
                      LcImportRow *row,
                      GHashTable  *seen)
{
  TargetItem *t = g_new0 (TargetItem, 1);
  g_autofree char *service = lc_sheet_cell (r, T_SERVICE);
  const LcService *s = service != NULL && service[0] != '\0' ? lc_sheet_service_by_name (service) : NULL;

  t->facilities = -1;
  t->coverage = NAN;
  if (s == NULL)
    lc_sheet_row_error (r, _("The service “%s” is none of the 20."), service != NULL ? service : "");
  else
    t->service = g_strdup (s->key);
  lc_sheet_take_int (r, T_YEAR, _("year"), LC_PROJECT_MIN_YEAR, LC_PROJECT_MAX_YEAR, 0, &t->year);
  if (t->year == 0)
    lc_sheet_row_error (r, "%s", _("The target needs a year."));
  lc_sheet_take_int (r, T_FACILITIES, _("facilities to add"), 0, 10000, -1, &t->facilities);
  lc_sheet_take_number (r, T_COVERAGE, _("coverage target"), TRUE, 0.01, &t->coverage);
  if (isfinite (t->coverage) && (t->coverage < 0 || t->coverage > 1))
    lc_sheet_row_error (r, "%s", _("The coverage target must be from 0 to 100 %."));
  lc_sheet_take_text (r, T_NOTES, &t->notes);
  if (t->service != NULL && t->year != 0)
    {
      g_autofree char *key = g_strdup_printf ("%s %d", t->service, t->year);

      if (g_hash_table_contains (seen, key))
        lc_sheet_row_error (r, _("The same service and year is already in row %u of this sheet."),
                            GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)));
      else
        g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (row->row));
    }
  row->item = t;
}

/* What a good row will write, as the sheet shows it */
GStrv
lc_sheet_blueprint_values (const BlueprintItem *b)
{
  return g_strdupv ((GStrv) (const char * const []) { b->section, b->title != NULL ? b->title : "", b->body, NULL });
}

/* What a good row will write, as the sheet shows it */
GStrv
lc_sheet_target_values (const TargetItem *t)
{
  GStrv v = g_new0 (char *, T_N + 1);

  v[T_SERVICE] = g_strdup (lc_service_lookup (t->service)->name_zh);
  v[T_YEAR] = g_strdup_printf ("%d", t->year);
  v[T_FACILITIES] = t->facilities >= 0 ? g_strdup_printf ("%d", t->facilities) : g_strdup ("");
  v[T_COVERAGE] = lc_sheet_format_number (t->coverage * 100, 2);
  v[T_NOTES] = lc_sheet_dup_or_empty (t->notes);
  return v;
}

gboolean
lc_sheet_apply_blueprint (LcPlan       *plan,
                          LcImportRow  *row,
                          GError      **error)
{
  BlueprintItem *b = row->item;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = lc_sheet_prepare (plan, b->id != 0
                                   ? "UPDATE blueprint SET section = ?1, title = ?2, body = ?3, sort = ?4 WHERE id = ?5"
                                   : "INSERT INTO blueprint (section, title, body, sort) VALUES (?1, ?2, ?3, ?4)");
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, b->section, -1, SQLITE_TRANSIENT);
      lc_plan_bind_text (stmt, 2, b->title);
      sqlite3_bind_text (stmt, 3, b->body, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, b->sort);
      if (b->id != 0)
        sqlite3_bind_int64 (stmt, 5, b->id);
    }
  return lc_sheet_exec (plan, stmt, error);
}

gboolean
lc_sheet_apply_target (LcPlan       *plan,
                       LcImportRow  *row,
                       GError      **error)
{
  TargetItem *t = row->item;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = lc_sheet_prepare (plan,
                           "INSERT INTO blueprint_targets (service, year, facilities_to_add, coverage_target, notes)"
                           " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (service, year) DO UPDATE SET"
                           " facilities_to_add = ?3, coverage_target = ?4, notes = ?5");
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, t->service, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, t->year);
      if (t->facilities >= 0)
        sqlite3_bind_int (stmt, 3, t->facilities);
      if (isfinite (t->coverage))
        sqlite3_bind_double (stmt, 4, t->coverage);
      lc_plan_bind_text (stmt, 5, t->notes);
    }
  return lc_sheet_exec (plan, stmt, error);
}
