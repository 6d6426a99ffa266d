/* lc-shape.c: walking paths, buildings and the unit boundary, as drawn and edited
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-shape"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-enum-private.h"
#include "lc-geo.h"
#include "lc-plan-private.h"
#include "lc-shape.h"

/*
 * The planner's own geometry: a walking path drawn on the map (a passage
 * to be opened, a new footway), a path reshaped, the unit boundary drawn
 * or reshaped. Each edit is one undo step; geometry is checked before it
 * is written, so a plan never holds a path of one point or a boundary
 * without area. Coordinates are WGS-84 longitude, latitude.
 */

static const char *path_classes[] = {
  "footway", "path", "pedestrian", "steps", "living_street", "residential", "service",
  "cycleway", "tertiary", "secondary", "primary", NULL
};

/**
 * lc_path_classes:
 *
 * Returns: (transfer none): the classes a drawn path may have, the first
 *   being the default
 */
const char * const *
lc_path_classes (void)
{
  return path_classes;
}

static const char * const path_status_keys[] = { "existing", "planned" };
static const char * const population_source_keys[] = { NULL, "estimated", "recorded" };

G_STATIC_ASSERT (G_N_ELEMENTS (path_status_keys) == LC_PATH_STATUS_PLANNED + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (population_source_keys) == LC_POPULATION_SOURCE_RECORDED + 1);


/**
 * lc_path_status_to_key:
 *
 * Returns: (transfer none): the key @status has in plan files
 */
const char *
lc_path_status_to_key (LcPathStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (path_status_keys), NULL);
  return path_status_keys[status];
}

/**
 * lc_path_status_from_key:
 * @status: (out): set when @key is a status
 *
 * Returns: whether @key is a path's status
 */
gboolean
lc_path_status_from_key (const char   *key,
                         LcPathStatus *status)
{
  return lc_enum_from_key (path_status_keys, G_N_ELEMENTS (path_status_keys), key, (int *) status);
}

/**
 * lc_path_status_get_name:
 *
 * Returns: (transfer none): the name of @status, translated
 */
const char *
lc_path_status_get_name (LcPathStatus status)
{
  switch (status)
    {
    case LC_PATH_STATUS_EXISTING:
      /* Translators: status of a walking path: 现状, in use today */
      return _("Existing");
    case LC_PATH_STATUS_PLANNED:
      /* Translators: status of a walking path: 规划, proposed in this plan */
      return _("Planned");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * lc_population_source_to_key:
 *
 * Returns: (transfer none) (nullable): the key @source has in plan files;
 *   %NULL for none
 */
const char *
lc_population_source_to_key (LcPopulationSource source)
{
  g_return_val_if_fail ((guint) source < G_N_ELEMENTS (population_source_keys), NULL);
  return population_source_keys[source];
}

/**
 * lc_population_source_from_key:
 * @key: (nullable): a key, or %NULL for none
 * @source: (out): set when @key is a source
 *
 * Returns: whether @key is a source of a building's residents
 */
gboolean
lc_population_source_from_key (const char         *key,
                               LcPopulationSource *source)
{
  return lc_enum_from_key (population_source_keys, G_N_ELEMENTS (population_source_keys), key, (int *) source);
}

/**
 * lc_path_class_name:
 *
 * Returns: the translated name of a walking path's class (an OSM highway
 *   value), or the value itself when it is none of ours
 */
const char *
lc_path_class_name (const char *highway)
{
  static const struct { const char *key; const char *name; } names[] = {
    { "footway", N_("Footway") },
    { "path", N_("Path") },
    { "pedestrian", N_("Pedestrian street") },
    { "steps", N_("Steps") },
    { "living_street", N_("Living street") },
    { "residential", N_("Residential street") },
    { "service", N_("Service road") },
    { "cycleway", N_("Cycleway") },
    { "tertiary", N_("Tertiary road") },
    { "secondary", N_("Secondary road") },
    { "primary", N_("Primary road") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (highway, names[i].key) == 0)
      return _(names[i].name);
  return highway != NULL ? highway : "";
}

/**
 * lc_plan_load_geometry:
 * @table: "walking_paths", "buildings", "unit_boundary", "landcover",
 *   "facilities", "needs" or "project_locations"
 *
 * Returns: (transfer full) (nullable): the row's geometry, longitude and
 *   latitude; %NULL with @error unset when there is no such row or it
 *   holds no geometry that can be read, %NULL with @error set when the
 *   plan cannot be read
 */
LcGeometry *
lc_plan_load_geometry (LcPlan      *plan,
                       const char  *table,
                       gint64       fid,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);
  g_return_val_if_fail (g_strv_contains ((const char * const[]) { "walking_paths", "buildings", "unit_boundary",
                                                                  "landcover", "facilities", "needs",
                                                                  "project_locations", NULL }, table), NULL);

  sql = g_strdup_printf ("SELECT geom FROM %s WHERE fid = ?", table);
  stmt = lc_plan_read_row (plan, sql, fid, error);
  if (stmt == NULL || sqlite3_column_type (stmt, 0) != SQLITE_BLOB)
    return NULL;
  return lc_geometry_from_gpkg (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), NULL, NULL);
}

/* ---- residents ---- */

/**
 * lc_estimate_residents:
 * @footprint_m2: the building's footprint, square metres
 * @levels: its levels; 0 or less when not known (LC_DEFAULT_LEVELS count)
 *
 * The programme's estimate of the residents of a home whose population is
 * not recorded: floor area ÷ LC_FLOOR_AREA_PER_RESIDENT. The importer,
 * coverage and the plan page all count residents with this one formula.
 *
 * Returns: residents, not rounded
 */
double
lc_estimate_residents (double footprint_m2,
                       int    levels)
{
  if (!(footprint_m2 > 0))
    return 0;
  return footprint_m2 * (levels > 0 ? levels : LC_DEFAULT_LEVELS) / LC_FLOOR_AREA_PER_RESIDENT;
}

/**
 * lc_plan_sum_residents:
 * @residents: (out): residents of the plan's homes: each residential
 *   building's recorded population, or lc_estimate_residents() of it
 * @n_homes: (out) (optional): residential buildings
 *
 * The residents coverage counts, summed over the plan's buildings.
 *
 * Returns: %FALSE with @error set when the plan cannot be read
 */
gboolean
lc_plan_sum_residents (LcPlan  *plan,
                       double  *residents,
                       guint   *n_homes,
                       GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  double sum = 0;
  guint n = 0;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  stmt = lc_plan_prepare_read (plan, "SELECT population, geom, levels FROM buildings WHERE residential = 1", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      n++;
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        sum += MAX (sqlite3_column_double (stmt, 0), 0);
      else if (sqlite3_column_type (stmt, 1) == SQLITE_BLOB)
        {
          g_autoptr(LcGeometry) g = lc_geometry_from_gpkg (sqlite3_column_blob (stmt, 1),
                                                           sqlite3_column_bytes (stmt, 1), NULL, NULL);

          if (g != NULL)
            sum += lc_estimate_residents (lc_geometry_area_m2 (g), sqlite3_column_int (stmt, 2));
        }
    }
  if (!lc_plan_read_done (plan, rc, error))
    return FALSE;

  *residents = sum;
  if (n_homes != NULL)
    *n_homes = n;
  return TRUE;
}

/**
 * lc_plan_get_unit_area_m2:
 *
 * Returns: the area within the unit's boundary, square metres; NAN with
 *   @error unset when the plan has no boundary, NAN with @error set when
 *   it cannot be read
 */
double
lc_plan_get_unit_area_m2 (LcPlan  *plan,
                          GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(LcGeometry) boundary = NULL;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), NAN);

  stmt = lc_plan_prepare_read (plan, "SELECT geom FROM unit_boundary WHERE geom IS NOT NULL ORDER BY fid LIMIT 1",
                               error);
  if (stmt == NULL)
    return NAN;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      lc_plan_read_done (plan, rc, error);
      return NAN;
    }
  if (sqlite3_column_type (stmt, 0) == SQLITE_BLOB)
    boundary = lc_geometry_from_gpkg (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), NULL, NULL);
  return boundary != NULL ? lc_geometry_area_m2 (boundary) : NAN;
}

/* ---- checks ---- */

static gboolean
points_valid (const LcGeometry *g)
{
  for (guint i = 0; i < g->n_points; i++)
    {
      double lon = g->xy[2 * i], lat = g->xy[2 * i + 1];

      if (!isfinite (lon) || !isfinite (lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90)
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_line (const LcGeometry  *line,
            GError           **error)
{
  if (line == NULL || line->type != LC_GEOMETRY_LINESTRING || line->n_parts != 1 || line->n_points < 2 ||
      !points_valid (line))
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                           _("A walking path needs at least two points with valid coordinates."));
      return FALSE;
    }
  if (lc_geometry_length_m (line) < 0.5)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                           _("The walking path is shorter than half a metre; draw it longer."));
      return FALSE;
    }
  return TRUE;
}

/**
 * lc_geometry_close_ring:
 * @ring: an outline drawn point by point, as a linestring or polygon; closed
 *   or not
 *
 * Returns: (transfer full) (nullable): a multipolygon of one closed ring
 *   from @ring's points, or %NULL when they are not valid coordinates or
 *   enclose no area (fewer than three points, or under 1 m²)
 */
LcGeometry *
lc_geometry_close_ring (const LcGeometry *ring)
{
  g_autoptr(LcGeometry) g = NULL;
  guint n;

  if (ring == NULL || !points_valid (ring))
    return NULL;
  g = lc_geometry_new (LC_GEOMETRY_MULTIPOLYGON);
  n = ring->n_parts > 0 ? ring->part_ends[0] : ring->n_points;
  if (n >= 2 && ring->xy[0] == ring->xy[2 * (n - 1)] && ring->xy[1] == ring->xy[2 * (n - 1) + 1])
    n--;
  for (guint i = 0; i < n; i++)
    lc_geometry_add_point (g, ring->xy[2 * i], ring->xy[2 * i + 1]);
  if (n > 0)
    lc_geometry_add_point (g, ring->xy[0], ring->xy[1]);
  lc_geometry_end_part (g);
  lc_geometry_end_group (g);
  if (g->n_points < 4 || lc_geometry_area_m2 (g) < 1)
    return NULL;
  return g_steal_pointer (&g);
}

/* ---- writing ---- */

static gboolean
row_exists (LcPlan      *plan,
            const char  *table,
            gint64       fid,
            GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE fid = ?", table);
  g_autoptr(sqlite3_stmt) stmt = lc_plan_prepare (plan, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, fid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;
  g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                       _("The plan no longer holds this feature; it may have been deleted."));
  return FALSE;
}

/**
 * lc_plan_add_path:
 * @line: a linestring, longitude and latitude
 * @highway: (nullable): its class (lc_path_classes()); %NULL for a footway
 *
 * Adds a walking path the planner drew: planned, its length measured. One
 * undo step.
 *
 * Returns: the new path's fid, or -1
 */
gint64
lc_plan_add_path (LcPlan            *plan,
                  const LcGeometry  *line,
                  const char        *highway,
                  GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 fid = -1;

  g_return_val_if_fail (LC_IS_PLAN (plan), -1);

  if (!check_line (line, error))
    return -1;
  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Draw Walking Path"), error))
    return -1;

  stmt = lc_plan_prepare (plan, "INSERT INTO walking_paths (geom, highway, status, length_m) VALUES (?, ?, 'planned', ?)", error);
  if (stmt != NULL)
    {
      lc_geometry_bind (line, stmt, 1);
      sqlite3_bind_text (stmt, 2, highway != NULL ? highway : path_classes[0], -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 3, round (lc_geometry_length_m (line) * 100) / 100);
      if (lc_plan_run (plan, stmt, error))
        fid = sqlite3_last_insert_rowid (lc_plan_get_database (plan));
    }
  return lc_plan_end_edit (plan, fid >= 0, error) ? fid : -1;
}

/**
 * lc_plan_set_path_line:
 *
 * Gives a walking path a new course (vertices moved, added or removed),
 * its length measured again. One undo step.
 */
gboolean
lc_plan_set_path_line (LcPlan            *plan,
                       gint64             fid,
                       const LcGeometry  *line,
                       GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  if (!check_line (line, error))
    return FALSE;
  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Reshape Walking Path"), error))
    return FALSE;

  ok = row_exists (plan, "walking_paths", fid, error) &&
       (stmt = lc_plan_prepare (plan, "UPDATE walking_paths SET geom = ?, length_m = ? WHERE fid = ?", error)) != NULL;
  if (ok)
    {
      lc_geometry_bind (line, stmt, 1);
      sqlite3_bind_double (stmt, 2, round (lc_geometry_length_m (line) * 100) / 100);
      sqlite3_bind_int64 (stmt, 3, fid);
      ok = lc_plan_run (plan, stmt, error);
    }
  return lc_plan_end_edit (plan, ok, error);
}

/**
 * lc_plan_delete_path:
 *
 * Deletes a walking path. One undo step.
 */
gboolean
lc_plan_delete_path (LcPlan   *plan,
                     gint64    fid,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Delete Walking Path"), error))
    return FALSE;
  ok = row_exists (plan, "walking_paths", fid, error) &&
       (stmt = lc_plan_prepare (plan, "DELETE FROM walking_paths WHERE fid = ?", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, fid);
      ok = lc_plan_run (plan, stmt, error);
    }
  return lc_plan_end_edit (plan, ok, error);
}

/**
 * lc_plan_set_boundary:
 * @ring: the outline, as a linestring or polygon; closed here if open
 *
 * Makes @ring the unit's boundary (drawn by the planner): it replaces the
 * one there was, keeping its name. One undo step.
 *
 * Returns: the boundary's fid, or -1
 */
gint64
lc_plan_set_boundary (LcPlan            *plan,
                      const LcGeometry  *ring,
                      GError           **error)
{
  g_autoptr(LcGeometry) polygon = NULL;
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 fid = -1;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), -1);

  polygon = lc_geometry_close_ring (ring);
  if (polygon == NULL)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                           _("A unit boundary needs at least three points around an area."));
      return -1;
    }

  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Draw Unit Boundary"), error))
    return -1;

  ok = (find = lc_plan_prepare (plan, "SELECT fid FROM unit_boundary ORDER BY fid LIMIT 1", error)) != NULL;
  if (ok && sqlite3_step (find) == SQLITE_ROW)
    fid = sqlite3_column_int64 (find, 0);

  if (ok && fid >= 0)
    ok = (stmt = lc_plan_prepare (plan, "UPDATE unit_boundary SET geom = ?1, source = 'drawn' WHERE fid = ?2", error)) != NULL;
  else if (ok)
    ok = (stmt = lc_plan_prepare (plan, "INSERT INTO unit_boundary (geom, source) VALUES (?1, 'drawn')", error)) != NULL;
  if (ok)
    {
      lc_geometry_bind (polygon, stmt, 1);
      if (fid >= 0)
        sqlite3_bind_int64 (stmt, 2, fid);
      ok = lc_plan_run (plan, stmt, error);
      if (ok && fid < 0)
        fid = sqlite3_last_insert_rowid (lc_plan_get_database (plan));
    }
  return lc_plan_end_edit (plan, ok, error) ? fid : -1;
}

/**
 * lc_plan_set_building_population:
 * @population: residents
 *
 * Records how many people live in a building (a census figure beats the
 * estimate from its floor area). One undo step.
 */
gboolean
lc_plan_set_building_population (LcPlan   *plan,
                                 gint64    fid,
                                 double    population,
                                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  if (!isfinite (population) || population < 0 || population > 100000)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                           _("The population of one building must be a number from 0 to 100,000."));
      return FALSE;
    }
  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Set Building Population"), error))
    return FALSE;
  ok = row_exists (plan, "buildings", fid, error) &&
       (stmt = lc_plan_prepare (plan, "UPDATE buildings SET population = ?1, population_source = ?2 WHERE fid = ?3",
                        error)) != NULL;
  if (ok)
    {
      sqlite3_bind_double (stmt, 1, population);
      sqlite3_bind_text (stmt, 2, lc_population_source_to_key (LC_POPULATION_SOURCE_RECORDED), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, fid);
      ok = lc_plan_run (plan, stmt, error);
    }
  return lc_plan_end_edit (plan, ok, error);
}

/* Sets one number of a building as one undo step */
static gboolean
set_building_int (LcPlan      *plan,
                  const char  *label,
                  const char  *sql,
                  gint64       fid,
                  gint64       value,
                  gboolean     null,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  if (!lc_plan_begin (plan, label, error))
    return FALSE;
  ok = row_exists (plan, "buildings", fid, error) && (stmt = lc_plan_prepare (plan, sql, error)) != NULL;
  if (ok)
    {
      if (null)
        sqlite3_bind_null (stmt, 1);
      else
        sqlite3_bind_int64 (stmt, 1, value);
      sqlite3_bind_int64 (stmt, 2, fid);
      ok = lc_plan_run (plan, stmt, error);
    }
  return lc_plan_end_edit (plan, ok, error);
}

/**
 * lc_plan_set_building_levels:
 * @levels: 0–200; less than 0 clears it (unknown)
 *
 * Sets a building's levels, as one undo step.
 */
gboolean
lc_plan_set_building_levels (LcPlan  *plan,
                             gint64   fid,
                             int      levels,
                             GError **error)
{
  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  if (levels > 200)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                           _("Floors are a whole number from 0 to 200, such as 6."));
      return FALSE;
    }
  /* Translators: an undo label */
  return set_building_int (plan, _("Change Floors"), "UPDATE buildings SET levels = ?1 WHERE fid = ?2",
                           fid, levels, levels < 0, error);
}

/**
 * lc_plan_set_building_residential:
 *
 * Sets whether a building is a home, as one undo step.
 */
gboolean
lc_plan_set_building_residential (LcPlan    *plan,
                                  gint64     fid,
                                  gboolean   residential,
                                  GError   **error)
{
  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  /* Translators: an undo label */
  return set_building_int (plan, _("Change Residential"), "UPDATE buildings SET residential = ?1 WHERE fid = ?2",
                           fid, residential ? 1 : 0, FALSE, error);
}
