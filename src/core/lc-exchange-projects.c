/* lc-exchange-projects.c: the projects and needs sheets, to the plan and back
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-exchange-projects"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-exchange-private.h"

/*
 * A project row replaces the project of the same name; a need row the need
 * of the same date and description. Projects keep an area as their
 * location: the sheet only shows its centre. A need's 对应项目 names
 * projects that must be in the plan already.
 */

static char *
join_services (const char * const *keys)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      const LcService *service = lc_service_lookup (keys[i]);

      if (s->len > 0)
        g_string_append (s, LIST_SEPARATOR);
      g_string_append (s, service != NULL ? service->name_zh : keys[i]);
    }
  return g_string_free (s, FALSE);
}

GStrv
lc_sheet_project_cells (const LcProject *p)
{
  GStrv cells = g_new0 (char *, P_N + 1);

  cells[P_NAME] = lc_sheet_dup_or_empty (p->name);
  cells[P_KIND] = g_strdup (lc_field_to_sheet_word (LC_FIELD_PROJECT_KIND, p->kind));
  cells[P_ROLE] = g_strdup (lc_field_to_sheet_word (LC_FIELD_PROJECT_ROLE, p->role));
  cells[P_SERVICES] = join_services ((const char * const *) p->services);
  cells[P_YEAR] = p->year != 0 ? g_strdup_printf ("%d", p->year) : g_strdup ("");
  cells[P_STATUS] = g_strdup (lc_field_to_sheet_word (LC_FIELD_PROJECT_STATUS, p->status));
  cells[P_PROGRESS] = lc_sheet_format_number (p->progress * 100, 2);
  cells[P_BUDGET] = lc_sheet_format_number (p->budget_wan, 4);
  cells[P_FUNDING] = lc_sheet_dup_or_empty (p->funding_source);
  cells[P_BODY] = lc_sheet_dup_or_empty (p->implementing_body);
  cells[P_CONTENT] = lc_sheet_dup_or_empty (p->content);
  cells[P_PATH] = g_strdup (lc_field_to_sheet_word (LC_FIELD_PROJECT_PATH, p->path));
  cells[P_START] = lc_sheet_dup_or_empty (p->start_date);
  cells[P_END] = lc_sheet_dup_or_empty (p->end_date);
  cells[P_DESIGN] = lc_sheet_dup_or_empty (p->design_team);
  cells[P_LAT] = lc_sheet_format_number (p->latitude, 7);
  cells[P_LON] = lc_sheet_format_number (p->longitude, 7);
  cells[P_NOTES] = lc_sheet_dup_or_empty (p->notes);
  return cells;
}

/**
 * lc_exchange_project_rows:
 * @filter: (nullable): which projects: all, the reserve, one year's list
 *
 * Returns: (transfer full) (element-type GStrv) (nullable): the projects
 *   sheet, its headers first; %NULL with @error set when the plan cannot
 *   be read
 */
GPtrArray *
lc_exchange_project_rows (LcPlan                 *plan,
                          const LcProjectFilter  *filter,
                          GError                **error)
{
  g_autoptr(GPtrArray) projects = lc_plan_list_projects (plan, filter, error);
  GPtrArray *rows;

  if (projects == NULL)
    return NULL;
  rows = lc_sheet_new_rows (LC_SHEET_PROJECTS);
  for (guint i = 0; i < projects->len; i++)
    g_ptr_array_add (rows, lc_sheet_project_cells (g_ptr_array_index (projects, i)));
  return rows;
}

GStrv
lc_sheet_need_cells (const LcNeed       *n,
                     const char * const *project_names)
{
  GStrv cells = g_new0 (char *, N_N + 1);
  const LcService *service = lc_service_lookup (n->service);

  cells[N_DATE] = lc_sheet_dup_or_empty (n->date);
  cells[N_SOURCE] = g_strdup (lc_field_to_sheet_word (LC_FIELD_NEED_SOURCE, n->source));
  cells[N_SERVICE] = g_strdup (service != NULL ? service->name_zh : n->service != NULL ? n->service : "");
  cells[N_DESCRIPTION] = lc_sheet_dup_or_empty (n->description);
  cells[N_URGENCY] = n->urgency != 0 ? g_strdup_printf ("%d", n->urgency) : g_strdup ("");
  cells[N_RESIDENTS] = n->residents >= 0 ? g_strdup_printf ("%d", n->residents) : g_strdup ("");
  cells[N_STATUS] = g_strdup (lc_field_to_sheet_word (LC_FIELD_NEED_STATUS, n->status));
  cells[N_LAT] = lc_sheet_format_number (n->latitude, 7);
  cells[N_LON] = lc_sheet_format_number (n->longitude, 7);
  cells[N_PROJECTS] = project_names != NULL ? g_strjoinv (LIST_SEPARATOR, (GStrv) project_names) : g_strdup ("");
  cells[N_NOTES] = lc_sheet_dup_or_empty (n->notes);
  return cells;
}

/**
 * lc_exchange_need_rows:
 *
 * Returns: (transfer full) (element-type GStrv) (nullable): the needs
 *   sheet, its headers first; %NULL with @error set when the plan cannot
 *   be read
 */
GPtrArray *
lc_exchange_need_rows (LcPlan  *plan,
                       GError **error)
{
  g_autoptr(GPtrArray) needs = lc_plan_list_needs (plan, error);
  GPtrArray *rows;

  if (needs == NULL)
    return NULL;
  rows = lc_sheet_new_rows (LC_SHEET_NEEDS);
  for (guint i = 0; i < needs->len; i++)
    {
      LcNeed *n = g_ptr_array_index (needs, i);
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
      g_auto(GStrv) list = NULL;

      for (guint j = 0; j < n->project_ids->len; j++)
        {
          g_autofree char *name = lc_sheet_project_name (plan, g_array_index (n->project_ids, gint64, j));
          g_strv_builder_add (names, name);
        }
      list = g_strv_builder_end (names);
      g_ptr_array_add (rows, lc_sheet_need_cells (n, (const char * const *) list));
    }
  return rows;
}

/* Splits a list cell at 、 , ， ; ； */
static GStrv
split_list (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *copy = g_strdup (text);
  g_auto(GStrv) parts = NULL;

  for (const char *sep = ",，;；"; *sep != '\0'; sep = g_utf8_next_char (sep))
    {
      char buf[8] = { 0 };
      g_auto(GStrv) pieces = NULL;

      g_unichar_to_utf8 (g_utf8_get_char (sep), buf);
      pieces = g_strsplit (copy, buf, -1);
      g_free (copy);
      copy = g_strjoinv (LIST_SEPARATOR, pieces);
    }
  parts = g_strsplit (copy, LIST_SEPARATOR, -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

void
lc_sheet_read_project (SheetReader *r,
                       LcImportRow *row,
                       GHashTable  *seen)
{
  g_autoptr(LcProject) p = NULL;
  g_autofree char *name = lc_sheet_cell (r, P_NAME);
  g_autofree char *services = NULL;
  gint64 id = name != NULL && name[0] != '\0' ? lc_plan_find_project (r->plan, name, lc_sheet_failed (r)) : 0;
  double lat, lon;

  if (id != 0)
    p = lc_plan_load_project (r->plan, id, lc_sheet_failed (r));
  if (p == NULL)
    p = lc_project_new ();
  row->replaces = id;

  if (name == NULL || name[0] == '\0')
    lc_sheet_row_error (r, "%s", _("The project needs a name."));
  else if (g_hash_table_contains (seen, name))
    lc_sheet_row_error (r, _("The project “%s” is already in row %u of this sheet."), name,
                        GPOINTER_TO_UINT (g_hash_table_lookup (seen, name)));
  else
    g_hash_table_insert (seen, g_strdup (name), GUINT_TO_POINTER (row->row));
  lc_sheet_take_text (r, P_NAME, &p->name);
  if (p->name == NULL)
    p->name = g_strdup ("");
  lc_sheet_take_word (r, P_KIND, LC_FIELD_PROJECT_KIND, _("kind"), (int *) &p->kind);
  lc_sheet_take_word (r, P_ROLE, LC_FIELD_PROJECT_ROLE, _("1+N role"), (int *) &p->role);
  if ((services = lc_sheet_cell (r, P_SERVICES)) != NULL)
    {
      g_auto(GStrv) names = split_list (services);
      g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();

      for (guint i = 0; names[i] != NULL; i++)
        {
          const LcService *s = lc_sheet_service_by_name (names[i]);

          if (s != NULL)
            g_strv_builder_add (keys, s->key);
          else
            lc_sheet_row_error (r, _("The service “%s” is none of the 20."), names[i]);
        }
      g_strfreev (p->services);
      p->services = g_strv_builder_end (keys);
    }
  lc_sheet_take_int (r, P_YEAR, _("year"), LC_PROJECT_MIN_YEAR, LC_PROJECT_MAX_YEAR, 0, &p->year);
  {
    g_autofree char *status = lc_sheet_cell (r, P_STATUS);

    if (status == NULL || status[0] == '\0')
      lc_sheet_row_error (r, "%s", _("The project needs a status."));
    else
      lc_sheet_take_word (r, P_STATUS, LC_FIELD_PROJECT_STATUS, _("status"), (int *) &p->status);
  }
  lc_sheet_take_number (r, P_PROGRESS, _("progress"), TRUE, 0.01, &p->progress);
  lc_sheet_take_number (r, P_BUDGET, _("budget"), FALSE, 1, &p->budget_wan);
  lc_sheet_take_text (r, P_FUNDING, &p->funding_source);
  lc_sheet_take_text (r, P_BODY, &p->implementing_body);
  lc_sheet_take_text (r, P_CONTENT, &p->content);
  lc_sheet_take_word (r, P_PATH, LC_FIELD_PROJECT_PATH, _("implementation path"), (int *) &p->path);
  lc_sheet_take_text (r, P_START, &p->start_date);
  lc_sheet_take_text (r, P_END, &p->end_date);
  lc_sheet_take_text (r, P_DESIGN, &p->design_team);
  lc_sheet_take_text (r, P_NOTES, &p->notes);
  /* An area stays an area: the sheet only shows its centre */
  lat = p->latitude;
  lon = p->longitude;
  lc_sheet_take_location (r, P_LAT, P_LON, &lat, &lon);
  if (!p->location_is_area)
    {
      p->latitude = lat;
      p->longitude = lon;
    }

  if (r->errors->len == 0)
    {
      g_autoptr(GPtrArray) problems = lc_project_check (p);

      lc_sheet_row_problems (r, problems);
    }
  row->item = g_steal_pointer (&p);
}

static gint64
find_need (LcPlan     *plan,
           const char *date,
           const char *description)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (date == NULL || description == NULL ||
      sqlite3_prepare_v2 (lc_plan_get_database (plan),
                          "SELECT fid FROM needs WHERE date = ? AND description = ? ORDER BY fid LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, description, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

void
lc_sheet_read_need (SheetReader *r,
                    LcImportRow *row,
                    GHashTable  *seen)
{
  g_autoptr(LcNeed) n = NULL;
  g_autofree char *date = lc_sheet_cell (r, N_DATE);
  g_autofree char *description = lc_sheet_cell (r, N_DESCRIPTION);
  g_autofree char *service = lc_sheet_cell (r, N_SERVICE);
  g_autofree char *projects = lc_sheet_cell (r, N_PROJECTS);
  g_autofree char *key = g_strdup_printf ("%s\n%s", date != NULL ? date : "", description != NULL ? description : "");
  gint64 fid = find_need (r->plan, date, description);

  if (fid != 0)
    n = lc_plan_load_need (r->plan, fid, lc_sheet_failed (r));
  if (n == NULL)
    n = lc_need_new ();
  row->replaces = fid;
  if (g_hash_table_contains (seen, key))
    lc_sheet_row_error (r, _("The same need (date and description) is already in row %u of this sheet."),
                        GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)));
  else
    g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (row->row));

  lc_sheet_take_text (r, N_DATE, &n->date);
  lc_sheet_take_word (r, N_SOURCE, LC_FIELD_NEED_SOURCE, _("source"), (int *) &n->source);
  if (service != NULL)
    {
      const LcService *s = service[0] != '\0' ? lc_sheet_service_by_name (service) : NULL;

      if (service[0] != '\0' && s == NULL)
        lc_sheet_row_error (r, _("The service “%s” is none of the 20."), service);
      g_free (n->service);
      n->service = s != NULL ? g_strdup (s->key) : NULL;
    }
  lc_sheet_take_text (r, N_DESCRIPTION, &n->description);
  if (n->description == NULL)
    n->description = g_strdup ("");
  lc_sheet_take_int (r, N_URGENCY, _("urgency"), 1, 4, 0, &n->urgency);
  lc_sheet_take_int (r, N_RESIDENTS, _("number of residents"), 0, G_MAXINT, -1, &n->residents);
  {
    g_autofree char *status = lc_sheet_cell (r, N_STATUS);

    if (status != NULL && status[0] == '\0')
      n->status = LC_NEED_STATUS_OPEN;
    else
      lc_sheet_take_word (r, N_STATUS, LC_FIELD_NEED_STATUS, _("status"), (int *) &n->status);
  }
  lc_sheet_take_location (r, N_LAT, N_LON, &n->latitude, &n->longitude);
  lc_sheet_take_text (r, N_NOTES, &n->notes);

  if (projects != NULL)
    {
      g_auto(GStrv) names = split_list (projects);

      for (guint i = 0; names[i] != NULL; i++)
        if (lc_plan_find_project (r->plan, names[i], lc_sheet_failed (r)) == 0)
          lc_sheet_row_error (r, _("No project in the plan is called “%s”."), names[i]);
      row->links = g_steal_pointer (&names);
    }

  if (r->errors->len == 0)
    {
      g_autoptr(GPtrArray) problems = lc_need_check (n);

      lc_sheet_row_problems (r, problems);
    }
  row->item = g_steal_pointer (&n);
}

gboolean
lc_sheet_apply_need (LcPlan       *plan,
                     LcImportRow  *row,
                     GError      **error)
{
  g_autoptr(sqlite3_stmt) clear = NULL;
  gint64 fid = lc_need_write (plan, row->item, error);

  if (fid == 0)
    return FALSE;
  if (row->links == NULL)
    return TRUE;
  clear = lc_sheet_prepare (plan, "DELETE FROM need_projects WHERE need_fid = ?");
  if (clear != NULL)
    sqlite3_bind_int64 (clear, 1, fid);
  if (!lc_sheet_exec (plan, clear, error))
    return FALSE;
  for (guint i = 0; row->links[i] != NULL; i++)
    {
      GError *local = NULL;
      gint64 project = lc_plan_find_project (plan, row->links[i], &local);

      if (local != NULL)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      if (!lc_need_link_write (plan, fid, project, error))
        return FALSE;
    }
  return TRUE;
}
