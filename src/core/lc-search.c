/* lc-search.c: finding things in a plan by name or by coordinates
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-search"

#include "config.h"

#include <math.h>

#include "lc-geo.h"
#include "lc-geometry.h"
#include "lc-plan-private.h"
#include "lc-search.h"

void
lc_search_hit_free (LcSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->name);
  g_free (hit);
}

/* The middle of a geometry's box, or NAN */
static void
blob_centre (sqlite3_stmt *stmt,
             int           column,
             double       *latitude,
             double       *longitude)
{
  g_autoptr(LcGeometry) g = NULL;

  *latitude = *longitude = NAN;
  if (sqlite3_column_type (stmt, column) != SQLITE_BLOB)
    return;
  g = lc_geometry_from_gpkg (sqlite3_column_blob (stmt, column), sqlite3_column_bytes (stmt, column), NULL, NULL);
  if (g != NULL)
    lc_geometry_get_bounds_centre (g, longitude, latitude);
}

/**
 * lc_plan_search:
 * @text: what the user typed: part of a name (Chinese or not, case ignored
 *   for Latin letters), or coordinates such as "31.30, 121.51"
 * @max_hits: at most this many hits
 *
 * Returns: (transfer full) (element-type LcSearchHit) (nullable):
 * facilities, projects and needs whose name (or a need's description) holds
 * @text, in that order; or one hit, a place, when @text is coordinates.
 * %NULL with @error set when the plan cannot be read
 */
GPtrArray *
lc_plan_search (LcPlan      *plan,
                const char  *text,
                guint        max_hits,
                GError     **error)
{
  static const struct { const char *table; const char *sql; } queries[] = {
    { "facilities", "SELECT fid, name, geom FROM facilities WHERE status != 'removed' AND "
                    "instr (lower (name), lower (?1)) > 0 ORDER BY name LIMIT ?2" },
    { "projects", "SELECT p.id, p.name, (SELECT geom FROM project_locations l WHERE l.project_id = p.id "
                  "ORDER BY fid LIMIT 1) FROM projects p WHERE instr (lower (p.name), lower (?1)) > 0 "
                  "ORDER BY p.name LIMIT ?2" },
    { "needs", "SELECT fid, description, geom FROM needs WHERE instr (lower (description), lower (?1)) > 0 "
               "ORDER BY date DESC LIMIT ?2" },
  };
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_search_hit_free);
  g_autofree char *trimmed = NULL;
  double latitude, longitude;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  if (text == NULL)
    return g_steal_pointer (&hits);
  trimmed = g_strstrip (g_strdup (text));
  if (trimmed[0] == '\0')
    return g_steal_pointer (&hits);

  if (lc_geo_parse_coordinates (trimmed, &latitude, &longitude))
    {
      LcSearchHit *hit = g_new0 (LcSearchHit, 1);

      hit->id = -1;
      hit->name = lc_geo_format_coordinates (latitude, longitude);
      hit->latitude = latitude;
      hit->longitude = longitude;
      g_ptr_array_add (hits, hit);
      return g_steal_pointer (&hits);
    }

  for (guint q = 0; q < G_N_ELEMENTS (queries) && hits->len < max_hits; q++)
    {
      g_autoptr(sqlite3_stmt) stmt = lc_plan_prepare_read (plan, queries[q].sql, error);
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, (int) (max_hits - hits->len));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          LcSearchHit *hit = g_new0 (LcSearchHit, 1);

          hit->table = queries[q].table;
          hit->id = sqlite3_column_int64 (stmt, 0);
          hit->name = g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, 1), -1);
          blob_centre (stmt, 2, &hit->latitude, &hit->longitude);
          g_ptr_array_add (hits, hit);
        }
      if (!lc_plan_read_done (plan, rc, error))
        return NULL;
    }

  return g_steal_pointer (&hits);
}
