/* lc-map-features.c: what the map overlay draws of a plan
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-map-features"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-geometry.h"
#include "lc-map-features.h"
#include "lc-plan-private.h"
#include "lc-services.h"

/*
 * The facilities, needs and project places of a plan, each at one point,
 * read on a connection of its own so that the map can load them in a worker
 * thread while the main thread edits.
 */

/* Rows read between two looks at the cancellable */
#define ROWS_PER_CHECK 1024

static gboolean
read_failed (sqlite3  *db,
             GError  **error)
{
  g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED,
               /* Translators: %s is a database error message */
               _("Could not read the plan’s map features: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
prepare (sqlite3       *db,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  return sqlite3_prepare_v2 (db, sql, -1, stmt, NULL) == SQLITE_OK || read_failed (db, error);
}

/* The next row of @stmt: %FALSE at the end, and also, with @error set, on
 * a database error or when @cancellable is cancelled */
static gboolean
next_row (sqlite3_stmt  *stmt,
          guint         *n_rows,
          GCancellable  *cancellable,
          GError       **error)
{
  int rc;

  if (++*n_rows % ROWS_PER_CHECK == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    read_failed (sqlite3_db_handle (stmt), error);
  return rc == SQLITE_ROW;
}

static gboolean
column_anchor (sqlite3_stmt *stmt,
               int           column,
               double       *longitude,
               double       *latitude)
{
  g_autoptr(LcGeometry) g = NULL;
  const guint8 *blob = sqlite3_column_blob (stmt, column);
  int len = sqlite3_column_bytes (stmt, column);

  if (blob == NULL || len <= 0)
    return FALSE;
  g = lc_geometry_from_gpkg (blob, (gsize) len, NULL, NULL);
  return g != NULL && lc_geometry_get_anchor (g, longitude, latitude);
}

static gboolean
load_facilities (LcMapFeatures  *self,
                 sqlite3        *db,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *local_error = NULL;
  guint n_rows = 0, at = 0;

  if (!prepare (db, "SELECT fid, geom, name, kind, status FROM facilities ORDER BY fid", &stmt, error))
    return FALSE;
  while (next_row (stmt, &n_rows, cancellable, &local_error))
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      LcMapFacility f = { 0 };

      f.status = LC_FACILITY_STATUS_EXISTING;
      lc_facility_status_from_key ((const char *) sqlite3_column_text (stmt, 4), &f.status);
      if (f.status == LC_FACILITY_STATUS_REMOVED || !column_anchor (stmt, 1, &f.longitude, &f.latitude))
        continue;
      f.fid = sqlite3_column_int64 (stmt, 0);
      if (name != NULL && name[0] != '\0')
        f.name = g_string_chunk_insert_const (self->names, name);
      f.kind = LC_FACILITY_KIND_OTHER;
      lc_facility_kind_from_key ((const char *) sqlite3_column_text (stmt, 3), &f.kind);
      f.first_service = -1;
      g_array_append_val (self->facilities, f);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* The services in the order they were listed; both sides go by fid, so
   * one pass over each matches them */
  if (!prepare (db, "SELECT facility_fid, service FROM facility_services ORDER BY facility_fid, id",
                &stmt, error))
    return FALSE;
  while (next_row (stmt, &n_rows, cancellable, &local_error))
    {
      gint64 fid = sqlite3_column_int64 (stmt, 0);
      int bit = lc_service_get_index ((const char *) sqlite3_column_text (stmt, 1));
      LcMapFacility *f;

      while (at < self->facilities->len && g_array_index (self->facilities, LcMapFacility, at).fid < fid)
        at++;
      if (at == self->facilities->len)
        break;
      f = &g_array_index (self->facilities, LcMapFacility, at);
      if (f->fid != fid || bit < 0)
        continue;
      f->services |= 1u << bit;
      if (f->first_service < 0)
        f->first_service = bit;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* @sql selects a key and a geometry */
static gboolean
load_places (GArray        *places,
             sqlite3       *db,
             const char    *sql,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *local_error = NULL;
  guint n_rows = 0;

  if (!prepare (db, sql, &stmt, error))
    return FALSE;
  while (next_row (stmt, &n_rows, cancellable, &local_error))
    {
      LcMapPlace place;

      if (!column_anchor (stmt, 1, &place.longitude, &place.latitude))
        continue;
      place.fid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (places, place);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/**
 * lc_map_features_load_for_plan:
 * @cancellable: (nullable): stops the reading, with %G_IO_ERROR_CANCELLED
 *
 * Reads what the map overlay draws of @plan, as of its last finished edit:
 * every facility but the removed ones, every need and every project place,
 * each at the anchor of its geometry (rows without a usable geometry are
 * left out). Reads on a connection of its own (lc_plan_open_reader()), so
 * it is safe to call from a worker thread while the main thread edits.
 *
 * Returns: (transfer full): the features, or %NULL with @error set on a
 *   database error, when @plan is closed or when @cancellable is cancelled
 */
LcMapFeatures *
lc_map_features_load_for_plan (LcPlan        *plan,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(LcMapFeatures) self = NULL;
  sqlite3 *db;
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  db = lc_plan_open_reader (plan, error);
  if (db == NULL)
    return NULL;

  self = g_new0 (LcMapFeatures, 1);
  self->facilities = g_array_new (FALSE, FALSE, sizeof (LcMapFacility));
  self->needs = g_array_new (FALSE, FALSE, sizeof (LcMapPlace));
  self->project_places = g_array_new (FALSE, FALSE, sizeof (LcMapPlace));
  self->names = g_string_chunk_new (4096);

  ok = load_facilities (self, db, cancellable, error) &&
       load_places (self->needs, db, "SELECT fid, geom FROM needs ORDER BY fid", cancellable, error) &&
       load_places (self->project_places, db, "SELECT fid, geom FROM project_locations ORDER BY fid",
                    cancellable, error);
  sqlite3_close (db);

  return ok ? g_steal_pointer (&self) : NULL;
}

void
lc_map_features_free (LcMapFeatures *features)
{
  if (features == NULL)
    return;
  g_array_unref (features->facilities);
  g_array_unref (features->needs);
  g_array_unref (features->project_places);
  g_string_chunk_free (features->names);
  g_free (features);
}
