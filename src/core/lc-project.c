/* lc-project.c: projects (the reserve and the implementation lists)
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-project"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lc-enum-private.h"
#include "lc-plan-private.h"
#include "lc-project-private.h"
#include "lc-services.h"

/*
 * A project is in the 3-year reserve (LC_PROJECT_STATUS_RESERVE, with or without a
 * planned year) until it is scheduled: lc_plan_schedule_project() gives it
 * a year and moves it into that year's implementation list, which holds
 * the projects of that year that are in progress or completed. Scheduling
 * a reserve project makes it "in_progress" with progress 0 when none was
 * recorded; scheduling a project already in a list only moves it to the
 * other year. Undo takes it back. The needs list is lc-need.c's.
 *
 * Every public edit is one undo step, checked before anything is written.
 */

/* ---- enumerations: the typed faces of lc-field.c's tables ---- */

LC_DEFINE_FIELD_ENUM (project_kind, LcProjectKind, LC_FIELD_PROJECT_KIND)
LC_DEFINE_FIELD_ENUM (project_role, LcProjectRole, LC_FIELD_PROJECT_ROLE)
LC_DEFINE_FIELD_ENUM (project_status, LcProjectStatus, LC_FIELD_PROJECT_STATUS)
LC_DEFINE_FIELD_ENUM (project_path, LcProjectPath, LC_FIELD_PROJECT_PATH)

/* ---- values ---- */

LcProject *
lc_project_new (void)
{
  LcProject *p = g_new0 (LcProject, 1);

  p->name = g_strdup ("");
  p->progress = NAN;
  p->budget_wan = NAN;
  p->services = g_new0 (char *, 1);
  p->latitude = NAN;
  p->longitude = NAN;
  p->need_fids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return p;
}

void
lc_project_free (LcProject *p)
{
  if (p == NULL)
    return;
  g_free (p->name);
  g_free (p->funding_source);
  g_free (p->implementing_body);
  g_free (p->content);
  g_free (p->path_note);
  g_free (p->start_date);
  g_free (p->end_date);
  g_free (p->design_team);
  g_free (p->notes);
  g_strfreev (p->services);
  g_clear_pointer (&p->area, lc_geometry_free);
  g_array_unref (p->need_fids);
  g_clear_pointer (&p->milestones, g_ptr_array_unref);
  g_free (p);
}

LcMilestone *
lc_milestone_new (const char *date,
                  const char *title,
                  gboolean    done)
{
  LcMilestone *m = g_new0 (LcMilestone, 1);

  m->date = g_strdup (date);
  m->title = g_strdup (title);
  m->done = done;
  return m;
}

void
lc_milestone_free (LcMilestone *m)
{
  if (m == NULL)
    return;
  g_free (m->date);
  g_free (m->title);
  g_free (m);
}

/* Whether @s is NULL, empty or only white space */
gboolean
lc_record_text_is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

/**
 * lc_date_is_valid:
 * @allow_month: also accept YYYY-MM
 *
 * Returns: whether @date is a real day YYYY-MM-DD (or a month YYYY-MM) of a
 *   year from LC_PROJECT_MIN_YEAR to LC_PROJECT_MAX_YEAR
 */
gboolean
lc_date_is_valid (const char *date,
                  gboolean    allow_month)
{
  gsize len = date != NULL ? strlen (date) : 0;
  int y, m, d = 1;

  if (len != 10 && !(allow_month && len == 7))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if ((i == 4 || i == 7) ? date[i] != '-' : !g_ascii_isdigit (date[i]))
      return FALSE;
  y = atoi (date);
  m = atoi (date + 5);
  if (len == 10)
    d = atoi (date + 8);
  return y >= LC_PROJECT_MIN_YEAR && y <= LC_PROJECT_MAX_YEAR && g_date_valid_dmy (d, m, y);
}

/* Adds a problem of @check's code and record, its message from @format */
void
lc_record_check_add (LcRecordCheck *check,
                     const char    *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list ap;

  va_start (ap, format);
  message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_ptr_array_add (check->problems, lc_problem_new (LC_PROBLEM_ERROR, check->code, NULL, check->kind, check->id,
                                                    message));
}

/* Adds a problem when the place is not valid coordinates; a place that is
 * not @required may be none (both NAN) */
void
lc_record_check_location (LcRecordCheck *problems,
                          double         latitude,
                          double         longitude,
                          gboolean       required)
{
  gboolean has_lat = isfinite (latitude), has_lon = isfinite (longitude);

  if (!has_lat && !has_lon && !required)
    return;
  if (!has_lat || !has_lon || latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180)
    lc_record_check_add (problems, "%s",
                         _("The place needs both a latitude (−90 to 90) and a longitude (−180 to 180)."));
}

/**
 * lc_project_check:
 *
 * Checks @project against the rules its editor, the sheets and every write
 * enforce: a name, a year, progress and budget in range, real dates with
 * the end after the start, milestones with a title and a date, services of
 * the catalogue, a place with valid coordinates.
 *
 * Returns: (transfer full) (element-type LcProblem): what keeps @project
 *   from being written, each an error LC-PRJ-002 about the project;
 *   empty when it may be
 */
GPtrArray *
lc_project_check (const LcProject *p)
{
  LcRecordCheck check = { lc_problem_list_new (), "LC-PRJ-002", "projects", p->id };
  LcRecordCheck *problems = &check;

  if (lc_record_text_is_blank (p->name))
    lc_record_check_add (problems, "%s", _("The project needs a name."));
  if (p->year != 0 && (p->year < LC_PROJECT_MIN_YEAR || p->year > LC_PROJECT_MAX_YEAR))
    lc_record_check_add (problems, _("The year must be from %d to %d."), LC_PROJECT_MIN_YEAR, LC_PROJECT_MAX_YEAR);
  if (!isnan (p->progress) && !(p->progress >= 0 && p->progress <= 1))
    lc_record_check_add (problems, "%s", _("The progress must be from 0 to 100 %."));
  if (!isnan (p->budget_wan) && !(isfinite (p->budget_wan) && p->budget_wan >= 0))
    lc_record_check_add (problems, "%s", _("The budget must be a number of 10,000 yuan, 0 or more."));
  if (p->start_date != NULL && !lc_date_is_valid (p->start_date, TRUE))
    lc_record_check_add (problems, _("The start date “%s” is not a date like 2025-03-01 or 2025-03."), p->start_date);
  if (p->end_date != NULL && !lc_date_is_valid (p->end_date, TRUE))
    lc_record_check_add (problems, _("The end date “%s” is not a date like 2025-03-01 or 2025-03."), p->end_date);
  if (p->start_date != NULL && p->end_date != NULL &&
      lc_date_is_valid (p->start_date, TRUE) && lc_date_is_valid (p->end_date, TRUE) &&
      strncmp (p->end_date, p->start_date, MIN (strlen (p->start_date), strlen (p->end_date))) < 0)
    lc_record_check_add (problems, "%s", _("The end date is before the start date."));
  for (guint i = 0; p->milestones != NULL && i < p->milestones->len; i++)
    {
      const LcMilestone *m = g_ptr_array_index (p->milestones, i);

      if (m->title == NULL || *m->title == '\0')
        lc_record_check_add (problems, _("Milestone %u has no title."), i + 1);
      if (m->date == NULL || !lc_date_is_valid (m->date, TRUE))
        lc_record_check_add (problems, _("The date “%s” of milestone %u is not a date like 2025-03-01 or 2025-03."),
                     m->date != NULL ? m->date : "", i + 1);
    }
  for (guint i = 0; p->services != NULL && p->services[i] != NULL; i++)
    if (lc_service_lookup (p->services[i]) == NULL)
      lc_record_check_add (problems, _("The service “%s” is none of the 20."), p->services[i]);
  lc_record_check_location (problems, p->latitude, p->longitude, FALSE);
  return check.problems;
}

/* Whether @project may be written; else the first problem in @error */
static gboolean
project_valid (const LcProject  *project,
               GError          **error)
{
  g_autoptr(GPtrArray) problems = lc_project_check (project);

  return lc_problem_list_to_error (problems, error);
}

/* ---- database helpers ---- */

/* Runs @sql with the one integer parameter @id */
gboolean
lc_record_run_with_id (LcPlan      *plan,
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

static void
bind_double (sqlite3_stmt *stmt,
             int           index,
             double        value)
{
  if (isfinite (value))
    sqlite3_bind_double (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static double
column_double (sqlite3_stmt *stmt,
               int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, column);
}

/* Whether the row @sql (LC_PROJECT_EXISTS, LC_NEED_EXISTS) selects with
 * @id exists; else %FALSE with @error set */
gboolean
lc_record_exists (LcPlan      *plan,
                  const char  *sql,
                  gint64       id,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = lc_plan_prepare (plan, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;
  g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                       _("The plan no longer holds this item; it may have been deleted."));
  return FALSE;
}


/* ---- reading ---- */

#define PROJECT_COLUMNS \
  "id, name, kind, role, year, status, progress, budget_wan, funding_source, implementing_body, content, " \
  "path, path_note, start_date, end_date, design_team, key_project, notes"

static LcProject *
project_from_row (sqlite3_stmt *stmt)
{
  LcProject *p = lc_project_new ();
  int c = 0;

  p->id = sqlite3_column_int64 (stmt, c++);
  g_free (p->name);
  p->name = lc_plan_column_text (stmt, c++);
  if (p->name == NULL)
    p->name = g_strdup ("");
  /* The schema's CHECKs allow only their keys */
  lc_project_kind_from_key ((const char *) sqlite3_column_text (stmt, c++), &p->kind);
  lc_project_role_from_key ((const char *) sqlite3_column_text (stmt, c++), &p->role);
  p->year = sqlite3_column_int (stmt, c++);
  lc_project_status_from_key ((const char *) sqlite3_column_text (stmt, c++), &p->status);
  p->progress = column_double (stmt, c++);
  p->budget_wan = column_double (stmt, c++);
  p->funding_source = lc_plan_column_text (stmt, c++);
  p->implementing_body = lc_plan_column_text (stmt, c++);
  p->content = lc_plan_column_text (stmt, c++);
  lc_project_path_from_key ((const char *) sqlite3_column_text (stmt, c++), &p->path);
  p->path_note = lc_plan_column_text (stmt, c++);
  p->start_date = lc_plan_column_text (stmt, c++);
  p->end_date = lc_plan_column_text (stmt, c++);
  p->design_team = lc_plan_column_text (stmt, c++);
  p->key_project = sqlite3_column_int (stmt, c++) != 0;
  p->notes = lc_plan_column_text (stmt, c++);
  return p;
}

/* Reads the services, place, milestones and needs of @p */
static gboolean
load_project_details (LcPlan     *plan,
                      LcProject  *p,
                      GError    **error)
{
  g_autoptr(sqlite3_stmt) services = NULL;
  g_autoptr(sqlite3_stmt) location = NULL;
  g_autoptr(sqlite3_stmt) needs = NULL;
  g_autoptr(sqlite3_stmt) milestones = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const LcService *all;
  guint n_all;
  int rc;

  services = lc_plan_prepare_read (plan, "SELECT service FROM project_services WHERE project_id = ?", error);
  if (services == NULL)
    return FALSE;
  sqlite3_bind_int64 (services, 1, p->id);
  while ((rc = sqlite3_step (services)) == SQLITE_ROW)
    g_hash_table_add (keys, lc_plan_column_text (services, 0));
  if (!lc_plan_read_done (plan, rc, error))
    return FALSE;
  all = lc_services_get_all (&n_all);
  for (guint i = 0; i < n_all; i++)
    if (g_hash_table_contains (keys, all[i].key))
      g_strv_builder_add (builder, all[i].key);
  g_strfreev (p->services);
  p->services = g_strv_builder_end (builder);

  location = lc_plan_prepare_read (plan, "SELECT geom FROM project_locations WHERE project_id = ? ORDER BY fid LIMIT 1",
                                   error);
  if (location == NULL)
    return FALSE;
  sqlite3_bind_int64 (location, 1, p->id);
  rc = sqlite3_step (location);
  if (rc == SQLITE_ROW && sqlite3_column_type (location, 0) == SQLITE_BLOB)
    {
      g_autoptr(LcGeometry) g = lc_geometry_from_gpkg (sqlite3_column_blob (location, 0),
                                                       sqlite3_column_bytes (location, 0), NULL, NULL);

      if (g != NULL && lc_geometry_get_bounds_centre (g, &p->longitude, &p->latitude))
        {
          p->location_is_area = g->type != LC_GEOMETRY_POINT;
          if (p->location_is_area)
            p->area = g_steal_pointer (&g);
        }
    }
  else if (rc != SQLITE_ROW && !lc_plan_read_done (plan, rc, error))
    return FALSE;

  p->milestones = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_milestone_free);
  milestones = lc_plan_prepare_read (plan, "SELECT date, title, done FROM project_milestones WHERE project_id = ?"
                                           " ORDER BY date, id", error);
  if (milestones == NULL)
    return FALSE;
  sqlite3_bind_int64 (milestones, 1, p->id);
  while ((rc = sqlite3_step (milestones)) == SQLITE_ROW)
    g_ptr_array_add (p->milestones, lc_milestone_new ((const char *) sqlite3_column_text (milestones, 0),
                                                      (const char *) sqlite3_column_text (milestones, 1),
                                                      sqlite3_column_int (milestones, 2) != 0));
  if (!lc_plan_read_done (plan, rc, error))
    return FALSE;

  needs = lc_plan_prepare_read (plan, "SELECT need_fid FROM need_projects WHERE project_id = ? ORDER BY need_fid",
                                error);
  if (needs == NULL)
    return FALSE;
  sqlite3_bind_int64 (needs, 1, p->id);
  while ((rc = sqlite3_step (needs)) == SQLITE_ROW)
    {
      gint64 fid = sqlite3_column_int64 (needs, 0);
      g_array_append_val (p->need_fids, fid);
    }
  return lc_plan_read_done (plan, rc, error);
}

/**
 * lc_plan_load_project:
 *
 * Returns: (transfer full) (nullable): project @id with its services,
 *   location, milestones and needs; %NULL with @error unset when the plan
 *   has no such project, %NULL with @error set when it cannot be read
 */
LcProject *
lc_plan_load_project (LcPlan  *plan,
                      gint64   id,
                      GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(LcProject) p = NULL;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = lc_plan_read_row (plan, "SELECT " PROJECT_COLUMNS " FROM projects WHERE id = ?1", id, error);
  if (stmt == NULL)
    return NULL;
  p = project_from_row (stmt);
  if (!load_project_details (plan, p, error))
    return NULL;
  return g_steal_pointer (&p);
}

/* The services, places and needs of every project of @list, one pass over
 * each table (one query per project was quadratic: these tables have no
 * index on project_id) */
static gboolean
load_details_of_list (LcPlan     *plan,
                      GPtrArray  *list,
                      GError    **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) placed = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) offered = NULL;
  g_autoptr(sqlite3_stmt) services = NULL;
  g_autoptr(sqlite3_stmt) locations = NULL;
  g_autoptr(sqlite3_stmt) needs = NULL;
  guint n_all;
  const LcService *all = lc_services_get_all (&n_all);
  int rc;

  for (guint i = 0; i < list->len; i++)
    {
      LcProject *p = g_ptr_array_index (list, i);

      g_hash_table_insert (by_id, &p->id, p);
    }
  if (list->len == 0)
    return TRUE;

  /* Services in catalogue order, whatever the table's order */
  services = lc_plan_prepare_read (plan, "SELECT project_id, service FROM project_services", error);
  if (services == NULL)
    return FALSE;
  offered = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  while ((rc = sqlite3_step (services)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (services, 0);
      LcProject *p = g_hash_table_lookup (by_id, &id);
      GHashTable *keys;

      if (p == NULL)
        continue;
      keys = g_hash_table_lookup (offered, &p->id);
      if (keys == NULL)
        {
          keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (offered, &p->id, keys);
        }
      g_hash_table_add (keys, lc_plan_column_text (services, 1));
    }
  if (!lc_plan_read_done (plan, rc, error))
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      LcProject *p = g_ptr_array_index (list, i);
      GHashTable *keys = g_hash_table_lookup (offered, &p->id);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint k = 0; keys != NULL && k < n_all; k++)
        if (g_hash_table_contains (keys, all[k].key))
          g_strv_builder_add (builder, all[k].key);
      g_strfreev (p->services);
      p->services = g_strv_builder_end (builder);
    }

  /* A project's place is its first location */
  locations = lc_plan_prepare_read (plan, "SELECT project_id, geom FROM project_locations ORDER BY fid", error);
  if (locations == NULL)
    return FALSE;
  while ((rc = sqlite3_step (locations)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (locations, 0);
      LcProject *p = g_hash_table_lookup (by_id, &id);
      g_autoptr(LcGeometry) g = NULL;

      if (p == NULL || g_hash_table_contains (placed, &p->id) || sqlite3_column_type (locations, 1) != SQLITE_BLOB)
        continue;
      g_hash_table_add (placed, &p->id);
      g = lc_geometry_from_gpkg (sqlite3_column_blob (locations, 1), sqlite3_column_bytes (locations, 1), NULL, NULL);
      if (g != NULL && lc_geometry_get_bounds_centre (g, &p->longitude, &p->latitude))
        p->location_is_area = g->type != LC_GEOMETRY_POINT;
    }
  if (!lc_plan_read_done (plan, rc, error))
    return FALSE;

  needs = lc_plan_prepare_read (plan, "SELECT project_id, need_fid FROM need_projects ORDER BY need_fid", error);
  if (needs == NULL)
    return FALSE;
  while ((rc = sqlite3_step (needs)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (needs, 0);
      gint64 fid = sqlite3_column_int64 (needs, 1);
      LcProject *p = g_hash_table_lookup (by_id, &id);

      if (p != NULL)
        g_array_append_val (p->need_fids, fid);
    }
  return lc_plan_read_done (plan, rc, error);
}

/**
 * lc_plan_list_projects:
 * @filter: (nullable): which projects; %NULL for all
 *
 * Returns: (transfer full) (element-type LcProject) (nullable): the
 *   projects, by year (reserve projects without one last) and then by id;
 *   %NULL with @error set when the plan cannot be read
 */
GPtrArray *
lc_plan_list_projects (LcPlan                 *plan,
                       const LcProjectFilter  *filter,
                       GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_project_free);
  LcProjectFilter all = { 0 };
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (filter == NULL)
    filter = &all;
  stmt = lc_plan_prepare_read (plan,
                               "SELECT " PROJECT_COLUMNS " FROM projects"
                               " WHERE (?1 = 0 OR (?1 = 1 AND status = 'reserve') OR"
                               "        (?1 = 2 AND status <> 'reserve' AND year = ?2))"
                               "   AND (?6 = 0 OR status IS ?3) AND (?7 = 0 OR kind IS ?4)"
                               "   AND (?5 IS NULL OR id IN (SELECT project_id FROM project_services WHERE service = ?5))"
                               " ORDER BY year IS NULL, year, id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, filter->list);
  sqlite3_bind_int (stmt, 2, filter->year);
  sqlite3_bind_text (stmt, 3, lc_project_status_to_key (filter->status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, lc_project_kind_to_key (filter->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, filter->service, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, filter->by_status);
  sqlite3_bind_int (stmt, 7, filter->by_kind);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, project_from_row (stmt));
  if (!lc_plan_read_done (plan, rc, error) || !load_details_of_list (plan, list, error))
    return NULL;
  return g_steal_pointer (&list);
}

/**
 * lc_plan_find_project:
 *
 * Returns: the id of the first project called exactly @name; 0 with @error
 *   unset when there is none, 0 with @error set when the plan cannot be read
 */
gint64
lc_plan_find_project (LcPlan      *plan,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), 0);

  if (name == NULL)
    return 0;
  stmt = lc_plan_prepare_read (plan, "SELECT id FROM projects WHERE name = ? ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  lc_plan_read_done (plan, rc, error);
  return 0;
}

/**
 * lc_plan_list_project_years:
 *
 * Returns: (transfer full) (element-type int) (nullable): the years the
 *   plan's projects are listed for, each once, earliest first; %NULL with
 *   @error set when the plan cannot be read
 */
GArray *
lc_plan_list_project_years (LcPlan  *plan,
                            GError **error)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  stmt = lc_plan_prepare_read (plan,
                               "SELECT DISTINCT year FROM projects WHERE year IS NOT NULL AND year != 0 ORDER BY year",
                               error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);

      g_array_append_val (years, year);
    }
  if (!lc_plan_read_done (plan, rc, error))
    return NULL;
  return g_steal_pointer (&years);
}

/* ---- writing ---- */

static gboolean
write_location (LcPlan   *plan,
                gint64    id,
                const LcGeometry *location,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) blob = NULL;
  gsize len;
  const void *data;

  if (!lc_record_run_with_id (plan, "DELETE FROM project_locations WHERE project_id = ?", id, error))
    return FALSE;
  if (location == NULL)
    return TRUE;
  stmt = lc_plan_prepare (plan, "INSERT INTO project_locations (geom, project_id) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  blob = lc_geometry_to_gpkg (location, LC_SRS_WGS84);
  data = g_bytes_get_data (blob, &len);
  sqlite3_bind_blob (stmt, 1, data, (int) len, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  return lc_plan_run (plan, stmt, error);
}

/**
 * lc_project_write:
 * @project: its id 0 to add it, else the project to replace
 * @with_location: also replace its location by @project's point (none
 *   when latitude is NAN)
 *
 * Writes @project inside an edit the caller began, checked first.
 *
 * Returns: the project's id, or 0
 */
gint64
lc_project_write (LcPlan           *plan,
                  const LcProject  *p,
                  gboolean          with_location,
                  GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) service = NULL;
  gint64 id = p->id;
  int c = 1;

  if (!project_valid (p, error))
    return 0;
  if (id != 0 && !lc_record_exists (plan, LC_PROJECT_EXISTS, id, error))
    return 0;

  if (id == 0)
    stmt = lc_plan_prepare (plan,
                    "INSERT INTO projects (name, kind, role, year, status, progress, budget_wan, funding_source,"
                    " implementing_body, content, path, path_note, start_date, end_date, design_team, key_project,"
                    " notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                    error);
  else
    stmt = lc_plan_prepare (plan,
                    "UPDATE projects SET name = ?1, kind = ?2, role = ?3, year = ?4, status = ?5, progress = ?6,"
                    " budget_wan = ?7, funding_source = ?8, implementing_body = ?9, content = ?10, path = ?11,"
                    " path_note = ?12, start_date = ?13, end_date = ?14, design_team = ?15, key_project = ?16,"
                    " notes = ?17 WHERE id = ?18",
                    error);
  if (stmt == NULL)
    return 0;
  {
    g_autofree char *name = g_strstrip (g_strdup (p->name));
    lc_plan_bind_text (stmt, c++, name);
  }
  lc_plan_bind_text (stmt, c++, lc_project_kind_to_key (p->kind));
  lc_plan_bind_text (stmt, c++, lc_project_role_to_key (p->role));
  if (p->year != 0)
    sqlite3_bind_int (stmt, c++, p->year);
  else
    sqlite3_bind_null (stmt, c++);
  lc_plan_bind_text (stmt, c++, lc_project_status_to_key (p->status));
  bind_double (stmt, c++, p->progress);
  bind_double (stmt, c++, p->budget_wan);
  lc_plan_bind_text (stmt, c++, p->funding_source);
  lc_plan_bind_text (stmt, c++, p->implementing_body);
  lc_plan_bind_text (stmt, c++, p->content);
  lc_plan_bind_text (stmt, c++, lc_project_path_to_key (p->path));
  lc_plan_bind_text (stmt, c++, p->path_note);
  lc_plan_bind_text (stmt, c++, p->start_date);
  lc_plan_bind_text (stmt, c++, p->end_date);
  lc_plan_bind_text (stmt, c++, p->design_team);
  sqlite3_bind_int (stmt, c++, p->key_project ? 1 : 0);
  lc_plan_bind_text (stmt, c++, p->notes);
  if (id != 0)
    sqlite3_bind_int64 (stmt, c++, id);
  if (!lc_plan_run (plan, stmt, error))
    return 0;
  if (id == 0)
    id = sqlite3_last_insert_rowid (lc_plan_get_database (plan));

  if (!lc_record_run_with_id (plan, "DELETE FROM project_services WHERE project_id = ?", id, error))
    return 0;
  service = lc_plan_prepare (plan, "INSERT OR IGNORE INTO project_services (project_id, service) VALUES (?, ?)", error);
  if (service == NULL)
    return 0;
  for (guint i = 0; p->services != NULL && p->services[i] != NULL; i++)
    {
      sqlite3_reset (service);
      sqlite3_bind_int64 (service, 1, id);
      sqlite3_bind_text (service, 2, p->services[i], -1, SQLITE_TRANSIENT);
      if (!lc_plan_run (plan, service, error))
        return 0;
    }

  /* An area is written when the project has it at hand, else kept */
  if (with_location && !(p->location_is_area && p->area == NULL))
    {
      g_autoptr(LcGeometry) point = NULL;

      if (!p->location_is_area && isfinite (p->latitude))
        point = lc_geometry_new_point (p->longitude, p->latitude);
      if (!write_location (plan, id, p->location_is_area ? p->area : point, error))
        return 0;
    }

  if (p->milestones != NULL)
    {
      g_autoptr(sqlite3_stmt) insert = NULL;

      if (!lc_record_run_with_id (plan, "DELETE FROM project_milestones WHERE project_id = ?", id, error) ||
          (insert = lc_plan_prepare (plan, "INSERT INTO project_milestones (project_id, date, title, done)"
                                           " VALUES (?, ?, ?, ?)", error)) == NULL)
        return 0;
      for (guint i = 0; i < p->milestones->len; i++)
        {
          const LcMilestone *m = g_ptr_array_index (p->milestones, i);

          sqlite3_reset (insert);
          sqlite3_bind_int64 (insert, 1, id);
          lc_plan_bind_text (insert, 2, m->date);
          lc_plan_bind_text (insert, 3, m->title);
          sqlite3_bind_int (insert, 4, m->done ? 1 : 0);
          if (!lc_plan_run (plan, insert, error))
            return 0;
        }
    }
  return id;
}

/**
 * lc_plan_add_project:
 *
 * Adds @project (its id is ignored) with its services and, when it has
 * one, its point. One undo step.
 *
 * Returns: the new project's id, or 0
 */
gint64
lc_plan_add_project (LcPlan           *plan,
                     const LcProject  *project,
                     GError          **error)
{
  g_autoptr(LcProject) copy = NULL;
  gint64 id;

  g_return_val_if_fail (LC_IS_PLAN (plan), 0);
  g_return_val_if_fail (project != NULL, 0);

  if (!project_valid (project, error))
    return 0;
  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Add Project"), error))
    return 0;
  copy = g_memdup2 (project, sizeof *project);
  copy->id = 0;
  id = lc_project_write (plan, copy, TRUE, error);
  g_free (g_steal_pointer (&copy));
  return lc_plan_end_edit (plan, id != 0, error) ? id : 0;
}

/**
 * lc_plan_update_project:
 *
 * Replaces project @project->id by @project, services included, and its
 * milestones when @project has them (not NULL). Its location changes when
 * @project has a point (latitude not NAN) or an area at hand (@area);
 * otherwise it is kept. Linked needs are kept. One undo step.
 */
gboolean
lc_plan_update_project (LcPlan           *plan,
                        const LcProject  *project,
                        GError          **error)
{
  gboolean with_location;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (project != NULL, FALSE);

  if (!project_valid (project, error))
    return FALSE;
  if (project->id == 0)
    return lc_record_exists (plan, LC_PROJECT_EXISTS, 0, error);
  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Edit Project"), error))
    return FALSE;
  with_location = project->location_is_area ? project->area != NULL : isfinite (project->latitude);
  return lc_plan_end_edit (plan, project->id != 0 && lc_project_write (plan, project, with_location, error) != 0, error);
}

/**
 * lc_plan_delete_project:
 *
 * Deletes a project with its services, location, milestones and links to
 * needs. One undo step.
 */
gboolean
lc_plan_delete_project (LcPlan   *plan,
                        gint64    id,
                        GError  **error)
{
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Delete Project"), error))
    return FALSE;
  /* The foreign keys cascade to the tables that name it */
  ok = lc_record_exists (plan, LC_PROJECT_EXISTS, id, error) &&
       lc_record_run_with_id (plan, "DELETE FROM projects WHERE id = ?", id, error);
  return lc_plan_end_edit (plan, ok, error);
}

/**
 * lc_plan_schedule_project:
 * @year: the implementation list's year
 *
 * Puts a project into @year's implementation list. A reserve project
 * becomes in progress (progress 0 when none was recorded); a project
 * already in a list keeps its status and moves to @year. One undo step.
 */
gboolean
lc_plan_schedule_project (LcPlan   *plan,
                          gint64    id,
                          int       year,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  if (year < LC_PROJECT_MIN_YEAR || year > LC_PROJECT_MAX_YEAR)
    {
      g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA, _("The year must be from %d to %d."),
                   LC_PROJECT_MIN_YEAR, LC_PROJECT_MAX_YEAR);
      return FALSE;
    }
  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Schedule Project"), error))
    return FALSE;
  ok = lc_record_exists (plan, LC_PROJECT_EXISTS, id, error) &&
       (stmt = lc_plan_prepare (plan,
                        "UPDATE projects SET year = ?1,"
                        " progress = CASE WHEN status = 'reserve' THEN coalesce (progress, 0) ELSE progress END,"
                        " status = CASE WHEN status = 'reserve' THEN 'in_progress' ELSE status END"
                        " WHERE id = ?2", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int (stmt, 1, year);
      sqlite3_bind_int64 (stmt, 2, id);
      ok = lc_plan_run (plan, stmt, error);
    }
  return lc_plan_end_edit (plan, ok, error);
}

static gboolean
location_valid (const LcGeometry *g)
{
  double x0, x1, y0, y1;

  if (g == NULL)
    return TRUE;
  if (!lc_geometry_get_bounds (g, &x0, &x1, &y0, &y1))
    return FALSE;
  for (guint i = 0; i < 2 * g->n_points; i++)
    if (!isfinite (g->xy[i]))
      return FALSE;
  return x0 >= -180 && x1 <= 180 && y0 >= -90 && y1 <= 90;
}

/**
 * lc_plan_set_project_location:
 * @location: (nullable): a point or an area, longitude and latitude; %NULL
 *   to remove it
 *
 * Places a project on the map. One undo step.
 */
gboolean
lc_plan_set_project_location (LcPlan            *plan,
                              gint64             id,
                              const LcGeometry  *location,
                              GError           **error)
{
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  if (!location_valid (location))
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                           _("The project’s place needs valid coordinates."));
      return FALSE;
    }
  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Place Project"), error))
    return FALSE;
  ok = lc_record_exists (plan, LC_PROJECT_EXISTS, id, error) && write_location (plan, id, location, error);
  return lc_plan_end_edit (plan, ok, error);
}
