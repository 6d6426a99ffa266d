/* lc-blueprint.c: the community blueprint (社区蓝图): its text, its targets and the 1+N layout
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-blueprint"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lc-blueprint.h"
#include "lc-coverage.h"
#include "lc-geometry.h"
#include "lc-plan-private.h"
#include "lc-project.h"

/*
 * The blueprint is text sections (blueprint) and a target per service and
 * year (blueprint_targets); every edit of them is one undo step, checked
 * before anything is written.
 *
 * The 1+N layout summary is never typed: it is read from the plan's
 * facilities of kind renminfang and liuyiting and the projects of those
 * roles, and the walking distance from each 六艺亭 to the nearest 人民坊
 * is searched on the same walking graph the coverage uses (existing and
 * planned paths), each point snapped to its nearest path as the coverage
 * snaps facilities. Next to the targets it also gives each service's
 * facilities and coverage now and with the plan.
 */

/* ---- sections ---- */

void
lc_blueprint_section_free (LcBlueprintSection *section)
{
  if (section == NULL)
    return;
  g_free (section->section);
  g_free (section->title);
  g_free (section->body);
  g_free (section);
}

/**
 * lc_blueprint_section_kind_name:
 * @section: a section key
 *
 * Returns: (nullable): the translated name of a known section (vision,
 *   framework, functions, layout), %NULL for any other
 */
const char *
lc_blueprint_section_kind_name (const char *section)
{
  static const struct { const char *key; const char *name; } kinds[] = {
    { "vision", N_("Vision") },
    { "framework", N_("Development Framework") },
    { "functions", N_("Function Arrangement") },
    { "layout", N_("Spatial Layout") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (section, kinds[i].key) == 0)
      return _(kinds[i].name);
  return NULL;
}

static LcBlueprintSection *
section_from_row (sqlite3_stmt *stmt)
{
  LcBlueprintSection *s = g_new0 (LcBlueprintSection, 1);

  s->id = sqlite3_column_int64 (stmt, 0);
  s->section = lc_plan_column_text (stmt, 1);
  s->title = lc_plan_column_text (stmt, 2);
  s->body = lc_plan_column_text (stmt, 3);
  s->sort = sqlite3_column_int (stmt, 4);
  if (s->section == NULL)
    s->section = g_strdup ("");
  if (s->title == NULL)
    s->title = g_strdup ("");
  if (s->body == NULL)
    s->body = g_strdup ("");
  return s;
}

#define SECTION_COLUMNS "id, section, title, body, sort"

/**
 * lc_plan_list_blueprint_sections:
 *
 * Returns: (transfer full) (element-type LcBlueprintSection) (nullable):
 *   the sections in the blueprint's order; %NULL with @error set when the
 *   plan cannot be read
 */
GPtrArray *
lc_plan_list_blueprint_sections (LcPlan  *plan,
                                 GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_blueprint_section_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  stmt = lc_plan_prepare_read (plan, "SELECT " SECTION_COLUMNS " FROM blueprint ORDER BY sort, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, section_from_row (stmt));
  if (!lc_plan_read_done (plan, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

/**
 * lc_plan_load_blueprint_section:
 *
 * Returns: (transfer full) (nullable): section @id; %NULL with @error unset
 *   when the plan has no such section, %NULL with @error set when it
 *   cannot be read
 */
LcBlueprintSection *
lc_plan_load_blueprint_section (LcPlan  *plan,
                                gint64   id,
                                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  stmt = lc_plan_read_row (plan, "SELECT " SECTION_COLUMNS " FROM blueprint WHERE id = ?1", id, error);
  return stmt != NULL ? section_from_row (stmt) : NULL;
}

static gboolean
check_title (const char  *title,
             GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (title != NULL ? title : ""));

  if (stripped[0] != '\0')
    return TRUE;
  g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                       _("A blueprint section needs a title."));
  return FALSE;
}

static gboolean
section_exists (LcPlan  *plan,
                gint64   id,
                GError **error)
{
  GError *local = NULL;
  g_autoptr(LcBlueprintSection) s = lc_plan_load_blueprint_section (plan, id, &local);

  if (s != NULL)
    return TRUE;
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                       _("The plan no longer holds this item; it may have been deleted."));
  return FALSE;
}

/**
 * lc_plan_update_blueprint_section:
 * @title: the heading; not empty
 * @body: the text; may be empty
 *
 * Changes a section's title and text. One undo step; nothing when neither
 * changes.
 */
gboolean
lc_plan_update_blueprint_section (LcPlan      *plan,
                                  gint64       id,
                                  const char  *title,
                                  const char  *body,
                                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean_title = NULL;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  if (!check_title (title, error) || !section_exists (plan, id, error))
    return FALSE;
  clean_title = g_strstrip (g_strdup (title));
  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Edit Blueprint Section"), error))
    return FALSE;
  ok = (stmt = lc_plan_prepare (plan, "UPDATE blueprint SET title = ?1, body = ?2"
                                      " WHERE id = ?3 AND (title IS NOT ?1 OR body IS NOT ?2)", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, clean_title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, body != NULL ? body : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, id);
      ok = lc_plan_run (plan, stmt, error);
    }
  return lc_plan_end_edit (plan, ok, error);
}

/**
 * lc_plan_add_blueprint_section:
 * @section: (nullable): the section's key; "other" when %NULL or empty
 *
 * Adds a section after the others. One undo step.
 *
 * Returns: the new section's id, or 0
 */
gint64
lc_plan_add_blueprint_section (LcPlan      *plan,
                               const char  *section,
                               const char  *title,
                               const char  *body,
                               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean_title = NULL;
  gint64 id = 0;

  g_return_val_if_fail (LC_IS_PLAN (plan), 0);

  if (!check_title (title, error))
    return 0;
  clean_title = g_strstrip (g_strdup (title));
  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Add Blueprint Section"), error))
    return 0;
  stmt = lc_plan_prepare (plan, "INSERT INTO blueprint (section, title, body, sort)"
                                " VALUES (?1, ?2, ?3, (SELECT coalesce (max (sort), -1) + 1 FROM blueprint))", error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, section != NULL && section[0] != '\0' ? section : "other", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, clean_title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, body != NULL ? body : "", -1, SQLITE_TRANSIENT);
      if (lc_plan_run (plan, stmt, error))
        id = sqlite3_last_insert_rowid (lc_plan_get_database (plan));
    }
  return lc_plan_end_edit (plan, id != 0, error) ? id : 0;
}

/**
 * lc_plan_delete_blueprint_section:
 *
 * One undo step.
 */
gboolean
lc_plan_delete_blueprint_section (LcPlan  *plan,
                                  gint64   id,
                                  GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  if (!section_exists (plan, id, error))
    return FALSE;
  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Delete Blueprint Section"), error))
    return FALSE;
  ok = (stmt = lc_plan_prepare (plan, "DELETE FROM blueprint WHERE id = ?", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = lc_plan_run (plan, stmt, error);
    }
  return lc_plan_end_edit (plan, ok, error);
}

/**
 * lc_plan_move_blueprint_section:
 * @position: its new place, 0 first; past the end means last
 *
 * Moves a section within the blueprint and numbers the sections' sort
 * 0, 1, 2, … in the new order. One undo step.
 */
gboolean
lc_plan_move_blueprint_section (LcPlan  *plan,
                                gint64   id,
                                guint    position,
                                GError **error)
{
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LcBlueprintSection *moved = NULL;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  if (!section_exists (plan, id, error))
    return FALSE;
  sections = lc_plan_list_blueprint_sections (plan, error);
  if (sections == NULL)
    return FALSE;
  for (guint i = 0; i < sections->len && moved == NULL; i++)
    if (((LcBlueprintSection *) sections->pdata[i])->id == id)
      moved = g_ptr_array_steal_index (sections, i);
  g_ptr_array_insert (sections, MIN (position, sections->len), moved);

  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Move Blueprint Section"), error))
    return FALSE;
  ok = (stmt = lc_plan_prepare (plan, "UPDATE blueprint SET sort = ?1 WHERE id = ?2 AND sort IS NOT ?1", error)) != NULL;
  for (guint i = 0; ok && i < sections->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int (stmt, 1, (int) i);
      sqlite3_bind_int64 (stmt, 2, ((LcBlueprintSection *) sections->pdata[i])->id);
      ok = lc_plan_run (plan, stmt, error);
    }
  return lc_plan_end_edit (plan, ok, error);
}

/* ---- targets ---- */

/**
 * lc_plan_get_blueprint_first_year:
 *
 * The blueprint's five years start with the planning period of the unit
 * profile when it records one; else with the first year the targets name;
 * else with this year.
 *
 * Returns: the first of the five years; 0 with @error set when the plan
 *   cannot be read
 */
int
lc_plan_get_blueprint_first_year (LcPlan  *plan,
                                  GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), 0);

  stmt = lc_plan_prepare_read (plan,
                               "SELECT coalesce ((SELECT period_start FROM unit_profile"
                               "                  WHERE period_start BETWEEN ?1 AND ?2 ORDER BY id LIMIT 1),"
                               "                 (SELECT min (year) FROM blueprint_targets"
                               "                  WHERE year BETWEEN ?1 AND ?2))",
                               error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int (stmt, 1, LC_PROJECT_MIN_YEAR);
  sqlite3_bind_int (stmt, 2, LC_PROJECT_MAX_YEAR - LC_BLUEPRINT_YEARS + 1);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return lc_plan_read_done (plan, rc, error) ? g_date_time_get_year (now) : 0;
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    return sqlite3_column_int (stmt, 0);
  return g_date_time_get_year (now);
}

/**
 * lc_plan_get_blueprint_targets:
 *
 * Returns: (transfer full) (nullable): every service's target in each of
 *   the blueprint's five years (lc_plan_get_blueprint_first_year());
 *   targets of other years stay in the plan but are not in the grid.
 *   %NULL with @error set when the plan cannot be read
 */
LcBlueprintTargets *
lc_plan_get_blueprint_targets (LcPlan  *plan,
                               GError **error)
{
  g_autoptr(LcBlueprintTargets) t = g_new0 (LcBlueprintTargets, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n;
  const LcService *all = lc_services_get_all (&n);
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  for (guint s = 0; s < LC_N_SERVICES; s++)
    for (guint y = 0; y < LC_BLUEPRINT_YEARS; y++)
      {
        t->cells[s][y].facilities_to_add = -1;
        t->cells[s][y].coverage_target = NAN;
      }

  t->first_year = lc_plan_get_blueprint_first_year (plan, error);
  if (t->first_year == 0)
    return NULL;
  stmt = lc_plan_prepare_read (plan,
                               "SELECT id, service, year, facilities_to_add, coverage_target, notes"
                               " FROM blueprint_targets WHERE year BETWEEN ?1 AND ?2",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, t->first_year);
  sqlite3_bind_int (stmt, 2, t->first_year + LC_BLUEPRINT_YEARS - 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 1);
      int y = sqlite3_column_int (stmt, 2) - t->first_year;

      for (guint s = 0; s < n && s < LC_N_SERVICES; s++)
        if (g_strcmp0 (all[s].key, key) == 0)
          {
            LcBlueprintTarget *cell = &t->cells[s][y];

            cell->id = sqlite3_column_int64 (stmt, 0);
            if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
              cell->facilities_to_add = sqlite3_column_int (stmt, 3);
            if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
              cell->coverage_target = sqlite3_column_double (stmt, 4);
            cell->notes = lc_plan_column_text (stmt, 5);
          }
    }
  if (!lc_plan_read_done (plan, rc, error))
    return NULL;
  return g_steal_pointer (&t);
}

void
lc_blueprint_targets_free (LcBlueprintTargets *targets)
{
  if (targets == NULL)
    return;
  for (guint s = 0; s < LC_N_SERVICES; s++)
    for (guint y = 0; y < LC_BLUEPRINT_YEARS; y++)
      g_free (targets->cells[s][y].notes);
  g_free (targets);
}

/* @text with full-width digits, signs, stops and percent signs (what a
 * Chinese input method types) made ASCII, and stripped */
static char *
normalize_number (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF01 && c <= 0xFF5E)   /* full-width forms of ASCII */
        c -= 0xFF01 - 0x21;
      else if (c == 0x3000)             /* ideographic space */
        c = ' ';
      g_string_append_unichar (s, c);
    }
  g_strstrip (s->str);
  return g_string_free (s, FALSE);
}

/**
 * lc_blueprint_parse_facilities:
 * @text: what a person typed
 * @facilities: (out): the number; -1 when @text is empty (no target)
 *
 * Returns: %FALSE with a translated @error when @text is not a whole
 *   number from 0 to %LC_BLUEPRINT_MAX_FACILITIES
 */
gboolean
lc_blueprint_parse_facilities (const char  *text,
                               int         *facilities,
                               GError     **error)
{
  g_autofree char *clean = normalize_number (text != NULL ? text : "");
  guint64 v;

  if (clean[0] == '\0')
    {
      *facilities = -1;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (clean, 10, 0, LC_BLUEPRINT_MAX_FACILITIES, &v, NULL))
    {
      g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                   /* Translators: %s is what was typed; %d the largest number allowed */
                   _("“%s” is not a number of facilities: enter a whole number from 0 to %d."),
                   text, LC_BLUEPRINT_MAX_FACILITIES);
      return FALSE;
    }
  *facilities = (int) v;
  return TRUE;
}

/**
 * lc_blueprint_parse_coverage:
 * @text: a percentage as a person typed it, with or without "%"
 * @share: (out): the share 0–1; NAN when @text is empty (no target)
 *
 * Returns: %FALSE with a translated @error when @text is not a number
 *   from 0 to 100
 */
gboolean
lc_blueprint_parse_coverage (const char  *text,
                             double      *share,
                             GError     **error)
{
  g_autofree char *clean = normalize_number (text != NULL ? text : "");
  gsize n = strlen (clean);
  char *end = NULL;
  double v;

  if (n > 0 && clean[n - 1] == '%')
    {
      clean[n - 1] = '\0';
      g_strchomp (clean);
      if (clean[0] == '\0')
        goto bad;
    }
  if (clean[0] == '\0')
    {
      *share = NAN;
      return TRUE;
    }
  /* Plain decimals only: strtod would take "0x10" and "1e2" too */
  if (strspn (clean, "0123456789.") != strlen (clean))
    goto bad;
  v = g_ascii_strtod (clean, &end);
  if (end == clean || *end != '\0' || !isfinite (v) || v > 100)
    goto bad;
  *share = v / 100;
  return TRUE;

bad:
  g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
               /* Translators: %s is what was typed */
               _("“%s” is not a coverage target: enter a percentage from 0 to 100."), text);
  return FALSE;
}

/**
 * lc_plan_set_blueprint_target:
 * @service: a service key
 * @year: the target's year
 * @facilities_to_add: facilities to add that year, or -1 for none
 * @coverage_target: the share of residents to cover, 0–1, or NAN for none
 * @notes: (nullable)
 *
 * Records one service's target for one year; with no number and no notes
 * the target is removed. One undo step; nothing when nothing changes.
 */
gboolean
lc_plan_set_blueprint_target (LcPlan      *plan,
                              const char  *service,
                              int          year,
                              int          facilities_to_add,
                              double       coverage_target,
                              const char  *notes,
                              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *clean_notes = g_strstrip (g_strdup (notes != NULL ? notes : ""));
  gboolean empty, ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  if (service == NULL || lc_service_lookup (service) == NULL)
    {
      g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                   _("The service “%s” is none of the 20."), service != NULL ? service : "");
      return FALSE;
    }
  if (year < LC_PROJECT_MIN_YEAR || year > LC_PROJECT_MAX_YEAR)
    {
      g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA, _("The year must be from %d to %d."),
                   LC_PROJECT_MIN_YEAR, LC_PROJECT_MAX_YEAR);
      return FALSE;
    }
  if (facilities_to_add < -1 || facilities_to_add > LC_BLUEPRINT_MAX_FACILITIES)
    {
      g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                   _("The facilities to add must be a whole number from 0 to %d."), LC_BLUEPRINT_MAX_FACILITIES);
      return FALSE;
    }
  if (!isnan (coverage_target) && !(coverage_target >= 0 && coverage_target <= 1))
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                           _("The coverage target must be from 0 to 100 %."));
      return FALSE;
    }

  empty = facilities_to_add < 0 && isnan (coverage_target) && clean_notes[0] == '\0';
  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Change Blueprint Target"), error))
    return FALSE;
  if (empty)
    stmt = lc_plan_prepare (plan, "DELETE FROM blueprint_targets WHERE service = ?1 AND year = ?2", error);
  else
    stmt = lc_plan_prepare (plan,
                            "INSERT INTO blueprint_targets (service, year, facilities_to_add, coverage_target, notes)"
                            " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (service, year) DO UPDATE SET"
                            " facilities_to_add = ?3, coverage_target = ?4, notes = ?5"
                            " WHERE facilities_to_add IS NOT ?3 OR coverage_target IS NOT ?4 OR notes IS NOT ?5",
                            error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, service, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, year);
      if (!empty)
        {
          if (facilities_to_add >= 0)
            sqlite3_bind_int (stmt, 3, facilities_to_add);
          if (!isnan (coverage_target))
            sqlite3_bind_double (stmt, 4, coverage_target);
          lc_plan_bind_text (stmt, 5, clean_notes);
        }
      ok = lc_plan_run (plan, stmt, error);
    }
  return lc_plan_end_edit (plan, ok, error);
}

/* ---- the 1+N layout summary ---- */

static void
layout_site_free (LcLayoutSite *site)
{
  g_free (site->name);
  g_free (site);
}

void
lc_blueprint_summary_free (LcBlueprintSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->hubs, g_ptr_array_unref);
  g_clear_pointer (&summary->pavilions, g_ptr_array_unref);
  g_free (summary);
}

static gboolean
read_failed (sqlite3  *db,
             GError  **error)
{
  g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED,
               /* Translators: %s is a database error message */
               _("Could not read the plan for the blueprint: %s"), sqlite3_errmsg (db));
  return FALSE;
}

/* The point of a geometry blob: a point itself, an area's centre */
static gboolean
blob_point (sqlite3_stmt *stmt,
            int           column,
            double       *lon,
            double       *lat)
{
  g_autoptr(LcGeometry) g = NULL;

  if (sqlite3_column_type (stmt, column) != SQLITE_BLOB)
    return FALSE;
  g = lc_geometry_from_gpkg (sqlite3_column_blob (stmt, column), sqlite3_column_bytes (stmt, column), NULL, NULL);
  return g != NULL && lc_geometry_get_bounds_centre (g, lon, lat);
}

/* A site of a facility's kind or a project's role: the two share their
 * keys, renminfang and liuyiting */
static LcLayoutSite *
site_new (const char *role)
{
  LcLayoutSite *site = g_new0 (LcLayoutSite, 1);

  lc_project_role_from_key (role, &site->role);
  site->longitude = site->latitude = NAN;
  site->nearest_hub = -1;
  site->distance_m = site->minutes = NAN;
  return site;
}

static GPtrArray *
role_list (LcBlueprintSummary *summary,
           LcProjectRole       role)
{
  return role == LC_PROJECT_ROLE_RENMINFANG ? summary->hubs : summary->pavilions;
}

/* The hubs and pavilions: facilities of those kinds (not removed), then
 * the projects of those roles, each merged into the facility it builds */
static gboolean
read_sites (sqlite3             *db,
            LcBlueprintSummary  *summary,
            GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) by_fid = g_hash_table_new (g_int64_hash, g_int64_equal);
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT fid, kind, coalesce (name, ''), status, geom FROM facilities"
                              " WHERE kind IN ('renminfang', 'liuyiting') AND status IS NOT 'removed'"
                              " ORDER BY name, fid", -1, &stmt, NULL) != SQLITE_OK)
    return read_failed (db, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LcLayoutSite *site = site_new ((const char *) sqlite3_column_text (stmt, 1));

      site->facility_fid = sqlite3_column_int64 (stmt, 0);
      site->name = lc_plan_column_text (stmt, 2);
      lc_facility_status_from_key ((const char *) sqlite3_column_text (stmt, 3), &site->facility_status);
      blob_point (stmt, 4, &site->longitude, &site->latitude);
      g_ptr_array_add (role_list (summary, site->role), site);
      g_hash_table_insert (by_fid, &site->facility_fid, site);
    }
  if (rc != SQLITE_DONE)
    return read_failed (db, error);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_prepare_v2 (db, "SELECT p.id, p.role, p.name, p.status, coalesce (p.year, 0), p.facility_fid,"
                              " (SELECT geom FROM project_locations l WHERE l.project_id = p.id ORDER BY fid LIMIT 1)"
                              " FROM projects p WHERE p.role IN ('renminfang', 'liuyiting') ORDER BY p.name, p.id",
                              -1, &stmt, NULL) != SQLITE_OK)
    return read_failed (db, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 fid = sqlite3_column_int64 (stmt, 5);
      LcLayoutSite *site = fid != 0 ? g_hash_table_lookup (by_fid, &fid) : NULL;

      if (site != NULL && site->project_id != 0)
        site = NULL;   /* a second project of the same facility stands on its own */
      if (site == NULL)
        {
          site = site_new ((const char *) sqlite3_column_text (stmt, 1));
          site->name = lc_plan_column_text (stmt, 2);
          blob_point (stmt, 6, &site->longitude, &site->latitude);
          g_ptr_array_add (role_list (summary, site->role), site);
        }
      site->project_id = sqlite3_column_int64 (stmt, 0);
      lc_project_status_from_key ((const char *) sqlite3_column_text (stmt, 3), &site->project_status);
      site->project_year = sqlite3_column_int (stmt, 4);
      if (site->name == NULL || site->name[0] == '\0')
        {
          g_free (site->name);
          site->name = lc_plan_column_text (stmt, 2);
        }
    }
  if (rc != SQLITE_DONE)
    return read_failed (db, error);
  return TRUE;
}

/* Each pavilion's walk to its nearest hub: one search from each hub (a unit
 * has a few), on the walking graph of @coverage */
static void
link_sites (LcBlueprintSummary *summary,
            LcCoverage         *coverage)
{
  LcWalkGraph *graph = lc_coverage_get_graph (coverage);
  guint n_hubs = summary->hubs->len, n_pav = summary->pavilions->len;
  g_autofree LcWalkSnap *hub_snaps = g_new0 (LcWalkSnap, n_hubs);
  g_autofree LcWalkSnap *pav_snaps = g_new0 (LcWalkSnap, n_pav);
  g_autofree guint32 *labels = g_new (guint32, MAX (lc_walk_graph_get_n_nodes (graph), 1));
  g_autoptr(LcWalkSearch) search = lc_walk_search_new (graph);
  /* Farther than any walk within a unit, well within a search's range */
  const guint32 bound_cm = 50000 * 100;

  for (guint h = 0; h < n_hubs; h++)
    {
      LcLayoutSite *hub = summary->hubs->pdata[h];

      hub->linked = isfinite (hub->longitude) &&
                    lc_walk_graph_snap (graph, hub->longitude, hub->latitude, LC_BLUEPRINT_SNAP_M, &hub_snaps[h]);
    }
  for (guint p = 0; p < n_pav; p++)
    {
      LcLayoutSite *pav = summary->pavilions->pdata[p];

      pav->linked = isfinite (pav->longitude) &&
                    lc_walk_graph_snap (graph, pav->longitude, pav->latitude, LC_BLUEPRINT_SNAP_M, &pav_snaps[p]);
    }

  for (guint h = 0; h < n_hubs; h++)
    {
      LcLayoutSite *hub = summary->hubs->pdata[h];
      LcWalkSource sources[2];

      if (!hub->linked)
        continue;
      lc_walk_graph_snap_sources (graph, hub_snaps[h].edge, hub_snaps[h].pos_cm, hub_snaps[h].distance_cm, sources);
      lc_walk_search_run (search, sources, 2, bound_cm, labels);
      for (guint p = 0; p < n_pav; p++)
        {
          LcLayoutSite *pav = summary->pavilions->pdata[p];
          guint32 d;

          if (!pav->linked)
            continue;
          d = lc_walk_graph_snap_label (graph, &pav_snaps[p], labels);
          /* Both on one edge: straight along it */
          if (pav_snaps[p].edge == hub_snaps[h].edge)
            d = MIN (d, (pav_snaps[p].pos_cm > hub_snaps[h].pos_cm ? pav_snaps[p].pos_cm - hub_snaps[h].pos_cm
                                                                   : hub_snaps[h].pos_cm - pav_snaps[p].pos_cm) +
                        pav_snaps[p].distance_cm + hub_snaps[h].distance_cm);
          if (d != LC_WALK_UNREACHED && (isnan (pav->distance_m) || d / 100.0 < pav->distance_m))
            {
              pav->distance_m = d / 100.0;
              pav->minutes = pav->distance_m / summary->walking_speed_m_min;
              pav->nearest_hub = (int) h;
            }
        }
    }

  for (guint p = 0; p < n_pav; p++)
    {
      LcLayoutSite *pav = summary->pavilions->pdata[p];

      if (isnan (pav->minutes) || pav->minutes > LC_BLUEPRINT_FAR_MINUTES)
        summary->n_far++;
    }
}

/* Facilities per service and status, and projects per service */
static gboolean
count_services (sqlite3             *db,
                LcBlueprintSummary  *summary,
                GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT fs.service, f.status = 'existing', count (DISTINCT f.fid) FROM facility_services fs"
                          " JOIN facilities f ON f.fid = fs.facility_fid"
                          " WHERE f.status IN ('existing', 'planned', 'under_construction') GROUP BY 1, 2"
                          " UNION ALL"
                          " SELECT ps.service, 2, count (DISTINCT p.id) FROM project_services ps"
                          " JOIN projects p ON p.id = ps.project_id WHERE p.status != 'completed' GROUP BY 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return read_failed (db, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint n;
      const LcService *all = lc_services_get_all (&n);
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      guint count = (guint) sqlite3_column_int (stmt, 2);

      for (guint s = 0; s < n && s < LC_N_SERVICES; s++)
        if (g_strcmp0 (all[s].key, key) == 0)
          switch (sqlite3_column_int (stmt, 1))
            {
            case 1: summary->services[s].n_existing = count; break;
            case 0: summary->services[s].n_planned = count; break;
            default: summary->services[s].n_projects = count; break;
            }
    }
  return rc == SQLITE_DONE || read_failed (db, error);
}

static void
store_shares (LcBlueprintSummary *summary,
              LcCoverage         *coverage,
              gboolean            now)
{
  lc_coverage_compute (coverage);
  summary->has_residents = lc_coverage_get_n_homes (coverage) > 0;
  for (guint s = 0; s < LC_N_SERVICES; s++)
    {
      const LcServiceCoverage *r = lc_coverage_get_result (coverage, s);
      double share = summary->has_residents ? r->share_population : NAN;

      if (now)
        summary->services[s].share_now = share;
      else
        summary->services[s].share_planned = share;
    }
}

/**
 * lc_blueprint_summary_new_for_plan:
 *
 * lc_blueprint_summary_new() on a reader of @plan's own: safe to call
 * from a worker thread while the main thread edits.
 *
 * Returns: (transfer full): the summary, or %NULL with @error set
 */
LcBlueprintSummary *
lc_blueprint_summary_new_for_plan (LcPlan  *plan,
                                   GError **error)
{
  sqlite3 *db = lc_plan_open_reader (plan, error);
  LcBlueprintSummary *summary;

  if (db == NULL)
    return NULL;
  summary = lc_blueprint_summary_new (db, error);
  sqlite3_close (db);
  return summary;
}

/**
 * lc_blueprint_summary_new:
 * @db: a plan's database (a reader of its own, to run in a thread)
 *
 * Reads the 1+N layout and each service's present state from a plan and
 * computes the walks and the coverage (with what exists, and with what is
 * planned too). Takes as long as two coverage computations.
 *
 * Returns: (transfer full): the summary, or %NULL with @error set
 */
LcBlueprintSummary *
lc_blueprint_summary_new (sqlite3  *db,
                          GError  **error)
{
  g_autoptr(LcBlueprintSummary) summary = g_new0 (LcBlueprintSummary, 1);
  g_autoptr(LcCoverage) planned = NULL;
  g_autoptr(LcCoverage) now = NULL;

  summary->hubs = g_ptr_array_new_with_free_func ((GDestroyNotify) layout_site_free);
  summary->pavilions = g_ptr_array_new_with_free_func ((GDestroyNotify) layout_site_free);

  if (!read_sites (db, summary, error) || !count_services (db, summary, error))
    return NULL;

  planned = lc_coverage_new_from_database (db, LC_COVERAGE_FLAGS_NONE, error);
  if (planned == NULL)
    return NULL;
  summary->walking_speed_m_min = lc_coverage_get_walking_speed (planned);
  link_sites (summary, planned);
  store_shares (summary, planned, FALSE);

  now = lc_coverage_new_from_database (db, LC_COVERAGE_EXISTING_ONLY, error);
  if (now == NULL)
    return NULL;
  store_shares (summary, now, TRUE);

  return g_steal_pointer (&summary);
}
