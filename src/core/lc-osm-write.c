/* lc-osm-write.c: an import's features into the plan, many rows per INSERT
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-osm-write"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-osm-import-private.h"

/*
 * Buildings, landcover, facilities with their services, walking paths, the
 * boundary and the unit's profile, inside the edit lc_osm_import() begins:
 * a failure here leaves the plan as it was.
 */

static gboolean
step_ok (sqlite3      *db,
         sqlite3_stmt *stmt,
         GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED, _("Could not write the import into the plan: %s"),
                   sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static gboolean
prepare (sqlite3       *db,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  if (sqlite3_prepare_v2 (db, sql, -1, stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED, _("Could not write the import into the plan: %s"),
                   sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

/* Inserts of many rows at a time: a statement with BATCH_ROWS rows of
 * values costs about half as much per row as one with a single row. The
 * first (count % BATCH_ROWS) rows go one by one, the rest in whole batches */
#define BATCH_ROWS 32

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *single;
  sqlite3_stmt *batch;
  guint         n_params;     /* of a row */
  guint         count;        /* rows in all */
  guint         row;          /* rows bound so far */
} Batch;

static void
batch_clear (Batch *b)
{
  g_clear_pointer (&b->single, sqlite3_finalize);
  g_clear_pointer (&b->batch, sqlite3_finalize);
}

static gboolean
batch_prepare (Batch        *b,
               sqlite3      *db,
               const char   *insert,
               const char   *values,
               guint         count,
               GError      **error)
{
  g_autoptr(GString) sql = g_string_new (insert);
  g_autofree char *one = g_strconcat (insert, " VALUES ", values, NULL);

  batch_clear (b);
  b->db = db;
  b->count = count;
  b->row = 0;
  b->n_params = 0;
  for (const char *c = values; *c != '\0'; c++)
    b->n_params += *c == '?';

  g_string_append (sql, " VALUES ");
  for (guint i = 0; i < BATCH_ROWS; i++)
    g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", values);
  return prepare (db, one, &b->single, error) && prepare (db, sql->str, &b->batch, error);
}

/* The statement for the next row, and the index of its first parameter */
static sqlite3_stmt *
batch_row (Batch *b,
           int   *first)
{
  guint singles = b->count % BATCH_ROWS;

  if (b->row < singles)
    {
      *first = 1;
      return b->single;
    }
  *first = 1 + (int) (((b->row - singles) % BATCH_ROWS) * b->n_params);
  return b->batch;
}

/* After binding a row: runs the statement once all its rows are bound; the
 * rowid of the statement's last row to @last_rowid (optional) */
static gboolean
batch_row_done (Batch   *b,
                gint64  *last_rowid,
                guint   *rows,
                GError **error)
{
  guint singles = b->count % BATCH_ROWS;
  gboolean full = b->row < singles || (b->row - singles) % BATCH_ROWS == BATCH_ROWS - 1;

  b->row++;
  if (!full)
    {
      if (rows != NULL)
        *rows = 0;
      return TRUE;
    }
  if (!step_ok (b->db, b->row <= singles ? b->single : b->batch, error))
    return FALSE;
  if (last_rowid != NULL)
    *last_rowid = sqlite3_last_insert_rowid (b->db);
  if (rows != NULL)
    *rows = b->row <= singles ? 1 : BATCH_ROWS;
  return TRUE;
}

gboolean
lc_osm_write_plan (Importer      *im,
                   sqlite3       *db,
                   GThread      **edges_thread,
                   GArray       **edges,
                   LcGeometry    *boundary,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(sqlite3_stmt) unit = NULL, meta = NULL;
  const char *unit_name = im->options->unit_name != NULL ? im->options->unit_name : im->report->boundary_name;
  Batch b = { 0 }, services = { 0 };
  guint n_services = 0, done = 0;
  gboolean ok = FALSE;

  if (!batch_prepare (&b, db, "INSERT INTO buildings (geom, name, building, levels, residential, population, "
                              "population_source, osm_id)", "(?, ?, ?, ?, ?, ?, ?, ?)", im->buildings->len, error))
    goto out;
  for (guint i = 0; i < im->buildings->len; i++)
    {
      const Building *bl = &g_array_index (im->buildings, Building, i);
      int p;
      sqlite3_stmt *stmt = batch_row (&b, &p);

      lc_geometry_bind (bl->geometry, stmt, p);
      bind_text (stmt, p + 1, bl->name);
      bind_text (stmt, p + 2, bl->building);
      if (bl->levels >= 0)
        sqlite3_bind_int (stmt, p + 3, bl->levels);
      sqlite3_bind_int (stmt, p + 4, bl->residential);
      if (bl->residential)
        {
          sqlite3_bind_double (stmt, p + 5, round (bl->population * 10) / 10);
          sqlite3_bind_text (stmt, p + 6, "estimated", -1, SQLITE_STATIC);
        }
      bind_text (stmt, p + 7, bl->osm_id);
      if (!batch_row_done (&b, NULL, NULL, error))
        goto out;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  if (!batch_prepare (&b, db, "INSERT INTO landcover (geom, class, name, osm_id)", "(?, ?, ?, ?)",
                      im->landcover->len, error))
    goto out;
  for (guint i = 0; i < im->landcover->len; i++)
    {
      const Landcover *l = &g_array_index (im->landcover, Landcover, i);
      int p;
      sqlite3_stmt *stmt = batch_row (&b, &p);

      lc_geometry_bind (l->geometry, stmt, p);
      sqlite3_bind_text (stmt, p + 1, lc_landcover_class_key (l->cls), -1, SQLITE_STATIC);
      bind_text (stmt, p + 2, l->name);
      bind_text (stmt, p + 3, l->osm_id);
      if (!batch_row_done (&b, NULL, NULL, error))
        goto out;
    }

  /* Facilities, then their services: the rows of one statement take
   * consecutive ids, so a batch's last id gives every facility's */
  for (guint i = 0; i < im->facilities->len; i++)
    n_services += g_array_index (im->facilities, Facility, i).matches->len;
  if (!batch_prepare (&b, db, "INSERT INTO facilities (geom, name, kind, status, osm_id, osm_tags)",
                      "(?, ?, 'other', 'existing', ?, ?)", im->facilities->len, error) ||
      !batch_prepare (&services, db, "INSERT OR IGNORE INTO facility_services (facility_fid, service, tier)",
                      "(?, ?, ?)", n_services, error))
    goto out;
  for (guint i = 0; i < im->facilities->len; i++)
    {
      const Facility *f = &g_array_index (im->facilities, Facility, i);
      g_autoptr(LcGeometry) point = lc_geometry_new_point (f->x, f->y);
      gint64 last = 0;
      guint rows = 0;
      int p;
      sqlite3_stmt *stmt = batch_row (&b, &p);

      lc_geometry_bind (point, stmt, p);
      bind_text (stmt, p + 1, f->name);
      bind_text (stmt, p + 2, f->osm_id);
      bind_text (stmt, p + 3, f->tags_json);
      if (!batch_row_done (&b, &last, &rows, error))
        goto out;

      /* The services of the facilities just written */
      for (guint k = done; k < done + rows; k++)
        {
          const Facility *written = &g_array_index (im->facilities, Facility, k);

          for (guint m = 0; m < written->matches->len; m++)
            {
              const LcOsmMatch *match = &g_array_index (written->matches, LcOsmMatch, m);
              sqlite3_stmt *s = batch_row (&services, &p);

              sqlite3_bind_int64 (s, p, last - (done + rows - 1 - k));
              sqlite3_bind_text (s, p + 1, match->service->key, -1, SQLITE_STATIC);
              sqlite3_bind_text (s, p + 2, match->tier, -1, SQLITE_STATIC);
              if (!batch_row_done (&services, NULL, NULL, error))
                goto out;
            }
        }
      done += rows;
    }

  /* The walking network, split meanwhile in another thread */
  *edges = g_thread_join (g_steal_pointer (edges_thread));
  if (!batch_prepare (&b, db, "INSERT INTO walking_paths (geom, name, highway, status, length_m, osm_way_id)",
                      "(?, ?, ?, 'existing', ?, ?)", (*edges)->len, error))
    goto out;
  for (guint i = 0; i < (*edges)->len; i++)
    {
      const Edge *e = &g_array_index (*edges, Edge, i);
      const Way *w = &g_array_index (im->ways, Way, e->way->way);
      int p;
      sqlite3_stmt *stmt = batch_row (&b, &p);

      lc_geometry_bind (e->geometry, stmt, p);
      bind_text (stmt, p + 1, e->way->name);
      bind_text (stmt, p + 2, e->way->highway);
      sqlite3_bind_double (stmt, p + 3, round (e->length * 100) / 100);
      sqlite3_bind_int64 (stmt, p + 4, w->id);
      if (!batch_row_done (&b, NULL, NULL, error))
        goto out;
    }


  if (boundary != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (!prepare (db, "DELETE FROM unit_boundary", &stmt, error) || !step_ok (db, stmt, error))
        goto out;
      g_clear_pointer (&stmt, sqlite3_finalize);
      if (!prepare (db, "INSERT INTO unit_boundary (geom, name, source) VALUES (?, ?, ?)", &stmt, error))
        goto out;
      lc_geometry_bind (boundary, stmt, 1);
      bind_text (stmt, 2, im->report->boundary_name);
      sqlite3_bind_text (stmt, 3, im->report->boundary_from_bounds ? "bounds" : "osm", -1, SQLITE_STATIC);
      if (!step_ok (db, stmt, error))
        goto out;
    }

  /* The unit's name and the view on the data, where the plan has none yet */
  if (!prepare (db, "UPDATE unit_profile SET unit_name = coalesce (unit_name, ?1), "
                    "subdistrict = coalesce (subdistrict, ?4), "
                    "view_latitude = coalesce (view_latitude, ?2), view_longitude = coalesce (view_longitude, ?3), "
                    "view_zoom = coalesce (view_zoom, 15)", &unit, error))
    goto out;
  bind_text (unit, 1, unit_name);
  /* A unit is a sub-district (街道) or town (镇): the boundary names it */
  bind_text (unit, 4, im->report->boundary_name);
  sqlite3_bind_double (unit, 2, (im->report->bounds[1] + im->report->bounds[3]) / 2);
  sqlite3_bind_double (unit, 3, (im->report->bounds[0] + im->report->bounds[2]) / 2);
  if (!step_ok (db, unit, error))
    goto out;

  /* ODbL: the plan carries the attribution of what it was built from */
  if (!prepare (db, "INSERT INTO lc_meta (key, value) VALUES ('attribution', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", &meta, error))
    goto out;
  sqlite3_bind_text (meta, 1, "© OpenStreetMap contributors, ODbL 1.0", -1, SQLITE_STATIC);
  ok = step_ok (db, meta, error);

out:
  batch_clear (&b);
  batch_clear (&services);
  return ok;
}
