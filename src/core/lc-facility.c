/* lc-facility.c: facilities of a plan: edits and the rules they must meet
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-facility"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-enum-private.h"
#include "lc-facility.h"
#include "lc-geometry.h"
#include "lc-plan-private.h"
#include "lc-services.h"

/*
 * Every edit here is one lc_plan_begin()/lc_plan_commit() pair, so one undo
 * step. An edit that would write the value a facility already has writes
 * nothing: the session then records no change and lc_plan_commit() makes no
 * step, so that, say, committing an unchanged form leaves Undo alone.
 */

/* ---- kinds and statuses ---- */

/* In the order of the enums; the keys are the schema's */
static const char * const kind_keys[] = { "other", "renminfang", "liuyiting" };
static const char * const status_keys[] = { "existing", "planned", "under_construction", "removed" };

G_STATIC_ASSERT (G_N_ELEMENTS (kind_keys) == LC_FACILITY_KIND_LIUYITING + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (status_keys) == LC_FACILITY_STATUS_REMOVED + 1);


/**
 * lc_facility_kind_to_key:
 *
 * Returns: (transfer none): the key @kind has in plan files ("liuyiting", …)
 */
const char *
lc_facility_kind_to_key (LcFacilityKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_keys), NULL);
  return kind_keys[kind];
}

/**
 * lc_facility_kind_from_key:
 * @key: (nullable): a `facilities.kind` value
 * @kind: (out): set when @key is a kind; left as it is otherwise, so that
 *   a reader sets it first to %LC_FACILITY_KIND_OTHER, the schema's default
 *
 * Returns: whether @key is a kind
 */
gboolean
lc_facility_kind_from_key (const char     *key,
                           LcFacilityKind *kind)
{
  return lc_enum_from_key (kind_keys, G_N_ELEMENTS (kind_keys), key, (int *) kind);
}

/**
 * lc_facility_kind_get_name:
 *
 * Returns: (transfer none): the name of @kind, translated
 */
const char *
lc_facility_kind_get_name (LcFacilityKind kind)
{
  switch (kind)
    {
    case LC_FACILITY_KIND_OTHER:
      /* Translators: a service facility that is neither a 人民坊 nor a 六艺亭 */
      return _("Other facility");
    case LC_FACILITY_KIND_RENMINFANG:
      /* Translators: 人民坊, the one-stop service hub of a community unit */
      return _("Renmin Fang hub");
    case LC_FACILITY_KIND_LIUYITING:
      /* Translators: 六艺亭, a small multi-use service pavilion */
      return _("Liuyi Ting pavilion");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * lc_facility_status_to_key:
 *
 * Returns: (transfer none): the key @status has in plan files ("planned", …)
 */
const char *
lc_facility_status_to_key (LcFacilityStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_keys), NULL);
  return status_keys[status];
}

/**
 * lc_facility_status_from_key:
 * @key: (nullable): a `facilities.status` value
 * @status: (out): set when @key is a status; left as it is otherwise, so
 *   that a reader sets it first to %LC_FACILITY_STATUS_EXISTING, the
 *   schema's default
 *
 * Returns: whether @key is a status
 */
gboolean
lc_facility_status_from_key (const char       *key,
                             LcFacilityStatus *status)
{
  return lc_enum_from_key (status_keys, G_N_ELEMENTS (status_keys), key, (int *) status);
}

/**
 * lc_facility_status_get_name:
 *
 * Returns: (transfer none): the name of @status, translated
 */
const char *
lc_facility_status_get_name (LcFacilityStatus status)
{
  switch (status)
    {
    case LC_FACILITY_STATUS_EXISTING:
      /* Translators: status of a facility: 现状, in use today */
      return _("Existing");
    case LC_FACILITY_STATUS_PLANNED:
      /* Translators: status of a facility: 规划, proposed in this plan */
      return _("Planned");
    case LC_FACILITY_STATUS_UNDER_CONSTRUCTION:
      /* Translators: status of a facility: 在建 */
      return _("Under construction");
    case LC_FACILITY_STATUS_REMOVED:
      /* Translators: status of a facility: 已撤除, kept for the record */
      return _("Removed");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ---- reading ---- */

#define FACILITY_COLUMNS "fid, geom, name, kind, status, floor_area_m2, large_reason, notes"

/* The keys of @offered (a set of service keys; %NULL for none) in
 * catalogue order; keys that are not in the catalogue are left out */
static GStrv
services_in_order (GHashTable *offered)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const LcService *all;
  guint n;

  all = lc_services_get_all (&n);
  for (guint i = 0; offered != NULL && i < n; i++)
    if (g_hash_table_contains (offered, all[i].key))
      g_strv_builder_add (builder, all[i].key);

  return g_strv_builder_end (builder);
}

/* The services of facility @fid, in catalogue order; %NULL with @error
 * set when they cannot be read */
static GStrv
load_services (LcPlan  *plan,
               gint64   fid,
               GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) offered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int rc;

  stmt = lc_plan_prepare_read (plan, "SELECT service FROM facility_services WHERE facility_fid = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, fid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
      g_hash_table_add (offered, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (!lc_plan_read_done (plan, rc, error))
    return NULL;
  return services_in_order (offered);
}

/* A facility from a row of FACILITY_COLUMNS, without its services */
static LcFacility *
facility_from_row (sqlite3_stmt *stmt)
{
  LcFacility *facility = g_new0 (LcFacility, 1);
  int type;

  facility->fid = sqlite3_column_int64 (stmt, 0);
  facility->longitude = NAN;
  facility->latitude = NAN;

  if (sqlite3_column_type (stmt, 1) == SQLITE_BLOB)
    {
      g_autoptr(LcGeometry) point = lc_geometry_from_gpkg (sqlite3_column_blob (stmt, 1),
                                                           sqlite3_column_bytes (stmt, 1),
                                                           NULL, NULL);

      if (point != NULL && point->type == LC_GEOMETRY_POINT && point->n_points == 1)
        {
          facility->longitude = point->xy[0];
          facility->latitude = point->xy[1];
        }
    }

  facility->name = lc_plan_column_text (stmt, 2);
  facility->kind = LC_FACILITY_KIND_OTHER;
  lc_facility_kind_from_key ((const char *) sqlite3_column_text (stmt, 3), &facility->kind);
  facility->status = LC_FACILITY_STATUS_EXISTING;
  lc_facility_status_from_key ((const char *) sqlite3_column_text (stmt, 4), &facility->status);
  type = sqlite3_column_type (stmt, 5);
  facility->floor_area_m2 = type == SQLITE_INTEGER || type == SQLITE_FLOAT
                            ? sqlite3_column_double (stmt, 5) : NAN;
  facility->large_reason = lc_plan_column_text (stmt, 6);
  facility->notes = lc_plan_column_text (stmt, 7);

  return facility;
}

/**
 * lc_plan_load_facility:
 * @fid: a `facilities.fid`
 *
 * Reads one facility with its services. A position that cannot be read (no
 * geometry, or not a point) is NAN, NAN; a floor area that is NULL or not a
 * number is NAN.
 *
 * Returns: (transfer full) (nullable): the facility; %NULL with @error
 *   unset when the plan has no facility @fid, %NULL with @error set when
 *   it cannot be read
 */
LcFacility *
lc_plan_load_facility (LcPlan  *plan,
                       gint64   fid,
                       GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(LcFacility) facility = NULL;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = lc_plan_read_row (plan, "SELECT " FACILITY_COLUMNS " FROM facilities WHERE fid = ?1", fid, error);
  if (stmt == NULL)
    return NULL;

  facility = facility_from_row (stmt);
  facility->services = load_services (plan, fid, error);
  if (facility->services == NULL)
    return NULL;
  return g_steal_pointer (&facility);
}

/**
 * lc_plan_list_facilities:
 *
 * Reads every facility with its services, as lc_plan_load_facility() reads one,
 * in two queries whatever their number.
 *
 * Returns: (transfer full) (element-type LcFacility): the facilities by
 *   fid, or %NULL with @error set when the plan cannot be read
 */
GPtrArray *
lc_plan_list_facilities (LcPlan  *plan,
                         GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_facility_free);
  g_autoptr(GHashTable) offered = NULL;   /* fid → set of service keys */
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  stmt = lc_plan_prepare_read (plan, "SELECT facility_fid, service FROM facility_services", error);
  if (stmt == NULL)
    return NULL;
  offered = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 fid = sqlite3_column_int64 (stmt, 0);
      GHashTable *services = g_hash_table_lookup (offered, &fid);

      if (sqlite3_column_type (stmt, 1) != SQLITE_TEXT)
        continue;
      if (services == NULL)
        {
          services = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (offered, g_memdup2 (&fid, sizeof fid), services);
        }
      g_hash_table_add (services, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (!lc_plan_read_done (plan, rc, error))
    return NULL;
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = lc_plan_prepare_read (plan, "SELECT " FACILITY_COLUMNS " FROM facilities ORDER BY fid", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LcFacility *facility = facility_from_row (stmt);

      facility->services = services_in_order (g_hash_table_lookup (offered, &facility->fid));
      g_ptr_array_add (list, facility);
    }
  if (!lc_plan_read_done (plan, rc, error))
    return NULL;

  return g_steal_pointer (&list);
}

void
lc_facility_free (LcFacility *facility)
{
  if (facility == NULL)
    return;

  g_free (facility->name);
  g_free (facility->large_reason);
  g_free (facility->notes);
  g_strfreev (facility->services);
  g_free (facility);
}

/* ---- rules ---- */

/* The 2024 action plan's words for 六艺亭 and 人民坊 (its 名词解释 4 and 3) */
#define LIUYITING_SOURCE N_("2024 action plan, term 4: “建筑面积一般不超过200㎡……不宜超过400㎡”")
#define RENMINFANG_SOURCE N_("2024 action plan, term 3: “集中布局‘十全十美’两种以上功能”")

/* Takes @message */
static void
add_problem (GPtrArray         *problems,
             const LcFacility  *facility,
             LcProblemSeverity  severity,
             const char        *code,
             const char        *field,
             const char        *source,
             char              *message)
{
  LcProblem *problem = lc_problem_new (severity, code, source != NULL ? _(source) : NULL,
                                       "facilities", facility->fid, message);

  problem->subject.field = field;
  g_free (message);
  g_ptr_array_add (problems, problem);
}

static guint
count_distinct (const char * const *keys)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    if (keys[i][0] != '\0')
      g_hash_table_add (seen, (gpointer) keys[i]);

  return g_hash_table_size (seen);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * lc_facility_check:
 *
 * Checks @facility against the rules of shared/docs/standards.md: a floor
 * area is not negative (LC-FAC-001, an error); a 六艺亭 over 200 m² has a
 * recorded reason (`large_reason`, LC-FAC-002) and should not be over
 * 400 m² (LC-FAC-003), both warnings as the action plan words them; a
 * 人民坊 offers two or more distinct services (LC-FAC-004, an error). Each
 * problem's subject names the column it is about: the missing reason too is
 * a problem of `floor_area_m2`, the value that calls for it. The messages
 * do not name the facility.
 *
 * Returns: (transfer full) (element-type LcProblem): the problems, an
 * empty array when there are none; the array frees its elements
 */
GPtrArray *
lc_facility_check (const LcFacility *facility)
{
  GPtrArray *problems;
  double area;

  g_return_val_if_fail (facility != NULL, NULL);

  problems = lc_problem_list_new ();
  area = facility->floor_area_m2;

  if (area < 0)
    add_problem (problems, facility, LC_PROBLEM_ERROR, "LC-FAC-001", "floor_area_m2", NULL,
                 g_strdup (_("The floor area cannot be negative.")));
  else if (facility->kind == LC_FACILITY_KIND_LIUYITING && area > LC_LIUYITING_MAX_AREA_M2)
    add_problem (problems, facility, LC_PROBLEM_WARNING, "LC-FAC-003", "floor_area_m2", LIUYITING_SOURCE,
                 /* Translators: 六艺亭; %.0f is the floor area in square metres. The action
                  * plan says 不宜超过400㎡: should not, not must not */
                 g_strdup_printf (_("A Liuyi Ting pavilion should not have more than 400 m² of floor area; "
                                    "this one has %.0f m²."), area));
  else if (facility->kind == LC_FACILITY_KIND_LIUYITING && area > LC_LIUYITING_NORMAL_AREA_M2 &&
           is_blank (facility->large_reason))
    add_problem (problems, facility, LC_PROBLEM_WARNING, "LC-FAC-002", "floor_area_m2", LIUYITING_SOURCE,
                 /* Translators: 六艺亭; %.0f is the floor area in square metres */
                 g_strdup_printf (_("A Liuyi Ting pavilion over 200 m² needs a recorded reason, "
                                    "such as high demand; this one has %.0f m²."), area));

  if (facility->kind == LC_FACILITY_KIND_RENMINFANG)
    {
      guint n = count_distinct ((const char * const *) facility->services);

      if (n < LC_RENMINFANG_MIN_SERVICES)
        add_problem (problems, facility, LC_PROBLEM_ERROR, "LC-FAC-004", "services", RENMINFANG_SOURCE,
                     /* Translators: 人民坊; %u is how many services it offers (0 or 1) */
                     g_strdup_printf (_("A Renmin Fang hub combines at least two services; "
                                        "this one has %u."), n));
    }

  return problems;
}

static gboolean
check_position (double   longitude,
                double   latitude,
                GError **error)
{
  if (isfinite (longitude) && isfinite (latitude) &&
      longitude >= -180 && longitude <= 180 && latitude >= -90 && latitude <= 90)
    return TRUE;

  g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                       _("The position is not a valid longitude and latitude."));
  return FALSE;
}

/* Starts the edit @label of facility @fid: fails, with no edit begun, when
 * the plan has no such facility */
static gboolean
begin_facility_edit (LcPlan      *plan,
                     const char  *label,
                     gint64       fid,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!lc_plan_begin (plan, label, error))
    return FALSE;

  stmt = lc_plan_prepare (plan, "SELECT 1 FROM facilities WHERE fid = ?", error);
  if (stmt == NULL)
    {
      lc_plan_rollback (plan);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, fid);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;

  if (rc == SQLITE_DONE)
    g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED,
                 /* Translators: %lld is a facility's number (its fid) */
                 _("The plan has no facility %lld."), (long long) fid);
  else
    lc_plan_set_db_error (plan, rc, error);
  g_clear_pointer (&stmt, sqlite3_finalize);
  lc_plan_rollback (plan);
  return FALSE;
}

/* Sets one column of facility @fid, as the edit @label, to the text @text,
 * or when that is %NULL the number @number, or when that is NAN SQL NULL;
 * nothing is written when the column already holds the value */
static gboolean
set_column (LcPlan      *plan,
            const char  *label,
            gint64       fid,
            const char  *column,
            const char  *text,
            double       number,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  gboolean ok;

  /* @column is one of ours, never the caller's */
  sql = g_strdup_printf ("UPDATE facilities SET \"%s\" = ?1 WHERE fid = ?2 AND \"%s\" IS NOT ?1",
                         column, column);

  if (!begin_facility_edit (plan, label, fid, error))
    return FALSE;

  stmt = lc_plan_prepare (plan, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 2, fid);
      if (text != NULL)
        sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
      else if (!isnan (number))
        sqlite3_bind_double (stmt, 1, number);
      ok = lc_plan_run (plan, stmt, error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  return lc_plan_end_edit (plan, ok, error);
}

/**
 * lc_plan_add_facility:
 * @kind: what the new facility is
 * @longitude: WGS-84 degrees
 * @latitude: WGS-84 degrees
 *
 * Places a new facility at a point, as one edit ("Add Liuyi Ting Pavilion",
 * …). A facility a planner places is proposed by the plan, so its status is
 * planned; it has no name, floor area or services yet.
 *
 * Returns: the new facility's fid, or -1 with @error set (translated)
 */
gint64
lc_plan_add_facility (LcPlan          *plan,
                      LcFacilityKind   kind,
                      double           longitude,
                      double           latitude,
                      GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(LcGeometry) point = lc_geometry_new_point (longitude, latitude);
  const char *label;
  gint64 fid = -1;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), -1);
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_keys), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (!check_position (longitude, latitude, error))
    return -1;

  switch (kind)
    {
    case LC_FACILITY_KIND_RENMINFANG:
      /* Translators: an undo label; 人民坊 */
      label = _("Add Renmin Fang Hub");
      break;
    case LC_FACILITY_KIND_LIUYITING:
      /* Translators: an undo label; 六艺亭 */
      label = _("Add Liuyi Ting Pavilion");
      break;
    case LC_FACILITY_KIND_OTHER:
    default:
      /* Translators: an undo label */
      label = _("Add Facility");
      break;
    }

  if (!lc_plan_begin (plan, label, error))
    return -1;

  stmt = lc_plan_prepare (plan, "INSERT INTO facilities (geom, kind, status) VALUES (?, ?, ?)", error);
  ok = stmt != NULL;
  if (ok)
    {
      lc_geometry_bind (point, stmt, 1);
      sqlite3_bind_text (stmt, 2, kind_keys[kind], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, status_keys[LC_FACILITY_STATUS_PLANNED], -1, SQLITE_STATIC);
      ok = lc_plan_run (plan, stmt, error);
      if (ok)
        fid = sqlite3_last_insert_rowid (lc_plan_get_database (plan));
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!lc_plan_end_edit (plan, ok, error))
    return -1;
  return fid;
}

/**
 * lc_plan_move_facility:
 * @longitude: WGS-84 degrees
 * @latitude: WGS-84 degrees
 *
 * Moves facility @fid to a point, as one edit ("Move Facility"); moving it
 * to where it is already is no edit.
 *
 * Returns: %TRUE on success, or %FALSE with @error set (translated)
 */
gboolean
lc_plan_move_facility (LcPlan   *plan,
                       gint64    fid,
                       double    longitude,
                       double    latitude,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(LcGeometry) point = lc_geometry_new_point (longitude, latitude);
  g_autoptr(LcFacility) current = NULL;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_position (longitude, latitude, error))
    return FALSE;

  /* Translators: an undo label */
  if (!begin_facility_edit (plan, _("Move Facility"), fid, error))
    return FALSE;

  /* Compare positions, not blobs: another program may encode the same
   * point differently (without an envelope, big-endian, …) */
  current = lc_plan_load_facility (plan, fid, error);
  if (current == NULL)
    return lc_plan_end_edit (plan, FALSE, error);
  if (current->longitude == longitude && current->latitude == latitude)
    return lc_plan_end_edit (plan, TRUE, error);

  stmt = lc_plan_prepare (plan, "UPDATE facilities SET geom = ? WHERE fid = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      lc_geometry_bind (point, stmt, 1);
      sqlite3_bind_int64 (stmt, 2, fid);
      ok = lc_plan_run (plan, stmt, error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  return lc_plan_end_edit (plan, ok, error);
}

/**
 * lc_plan_delete_facility:
 *
 * Deletes facility @fid, as one edit ("Delete Facility"); its services go
 * with it, and projects that referred to it keep no facility.
 *
 * Returns: %TRUE on success, or %FALSE with @error set (translated)
 */
gboolean
lc_plan_delete_facility (LcPlan   *plan,
                         gint64    fid,
                         GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Translators: an undo label */
  if (!begin_facility_edit (plan, _("Delete Facility"), fid, error))
    return FALSE;

  /* The foreign keys cascade to facility_services and projects */
  stmt = lc_plan_prepare (plan, "DELETE FROM facilities WHERE fid = ?", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, fid);
      ok = lc_plan_run (plan, stmt, error);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  return lc_plan_end_edit (plan, ok, error);
}

/**
 * lc_plan_set_facility_kind:
 *
 * Sets what facility @fid is, as one edit ("Change Facility Kind").
 *
 * Returns: %TRUE on success, or %FALSE with @error set (translated)
 */
gboolean
lc_plan_set_facility_kind (LcPlan          *plan,
                           gint64           fid,
                           LcFacilityKind   kind,
                           GError         **error)
{
  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_keys), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Translators: an undo label */
  return set_column (plan, _("Change Facility Kind"), fid, "kind", kind_keys[kind], NAN, error);
}

/**
 * lc_plan_set_facility_status:
 *
 * Sets the status of facility @fid, as one edit ("Change Facility Status").
 *
 * Returns: %TRUE on success, or %FALSE with @error set (translated)
 */
gboolean
lc_plan_set_facility_status (LcPlan            *plan,
                             gint64             fid,
                             LcFacilityStatus   status,
                             GError           **error)
{
  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_keys), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Translators: an undo label */
  return set_column (plan, _("Change Facility Status"), fid, "status", status_keys[status], NAN,
                     error);
}

/**
 * lc_plan_set_facility_area:
 * @floor_area_m2: the floor area in square metres, or NAN for none recorded
 *
 * Sets the floor area of facility @fid, as one edit ("Change Floor Area").
 * A negative or infinite area is refused with %LC_PLAN_ERROR_INVALID_DATA.
 * Areas the rules object to (a 六艺亭 over 400 m²) are stored: see
 * lc_facility_check().
 *
 * Returns: %TRUE on success, or %FALSE with @error set (translated)
 */
gboolean
lc_plan_set_facility_area (LcPlan   *plan,
                           gint64    fid,
                           double    floor_area_m2,
                           GError  **error)
{
  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (floor_area_m2 < 0)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                           _("The floor area cannot be negative."));
      return FALSE;
    }
  if (isinf (floor_area_m2))
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                           _("The floor area is too large."));
      return FALSE;
    }

  /* Translators: an undo label */
  return set_column (plan, _("Change Floor Area"), fid, "floor_area_m2", NULL,
                     floor_area_m2 + 0.0 /* -0.0 becomes 0.0 */, error);
}

/**
 * lc_plan_set_facility_services:
 * @services: (nullable) (array zero-terminated=1): service keys of the
 *   catalogue (lc_services_get_all()); %NULL for none
 *
 * Sets the services facility @fid offers, as one edit ("Change Facility
 * Services"): rows of `facility_services` for services not in @services are
 * deleted and rows for new ones added, in the order of @services, with the
 * first tier (''); a service it already offered keeps its row and tier. A
 * key repeated counts once. A key not in the catalogue is refused with
 * %LC_PLAN_ERROR_INVALID_DATA and nothing is changed.
 *
 * Returns: %TRUE on success, or %FALSE with @error set (translated)
 */
gboolean
lc_plan_set_facility_services (LcPlan              *plan,
                               gint64               fid,
                               const char * const  *services,
                               GError             **error)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) offered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) stale = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; services != NULL && services[i] != NULL; i++)
    {
      if (lc_service_lookup (services[i]) == NULL)
        {
          g_autofree char *key = g_utf8_make_valid (services[i], -1);

          g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                       /* Translators: %s is a service key such as “elderly” */
                       _("“%s” is not a service of the catalogue."), key);
          return FALSE;
        }
      g_hash_table_add (wanted, (gpointer) services[i]);
    }

  /* Translators: an undo label */
  if (!begin_facility_edit (plan, _("Change Facility Services"), fid, error))
    return FALSE;

  /* What it offers now: rows to keep, and rows to delete */
  stmt = lc_plan_prepare (plan, "SELECT id, service FROM facility_services WHERE facility_fid = ?", error);
  ok = stmt != NULL;
  if (ok)
    sqlite3_bind_int64 (stmt, 1, fid);
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *service = (const char *) sqlite3_column_text (stmt, 1);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (service != NULL && g_hash_table_contains (wanted, service) &&
          !g_hash_table_contains (offered, service))
        g_hash_table_add (offered, g_strdup (service));
      else
        g_array_append_val (stale, id);
    }
  if (ok && rc != SQLITE_DONE)
    ok = lc_plan_set_db_error (plan, rc, error);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (ok)
    {
      stmt = lc_plan_prepare (plan, "DELETE FROM facility_services WHERE id = ?", error);
      ok = stmt != NULL;
      for (guint i = 0; ok && i < stale->len; i++)
        {
          sqlite3_bind_int64 (stmt, 1, g_array_index (stale, gint64, i));
          ok = lc_plan_run (plan, stmt, error);
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  if (ok)
    {
      stmt = lc_plan_prepare (plan, "INSERT INTO facility_services (facility_fid, service, tier) "
                            "VALUES (?, ?, '')", error);
      ok = stmt != NULL;
      if (ok)
        sqlite3_bind_int64 (stmt, 1, fid);
      for (guint i = 0; ok && services != NULL && services[i] != NULL; i++)
        {
          if (g_hash_table_contains (offered, services[i]))
            continue;
          sqlite3_bind_text (stmt, 2, services[i], -1, SQLITE_STATIC);
          ok = lc_plan_run (plan, stmt, error);
          g_hash_table_add (offered, g_strdup (services[i]));
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  return lc_plan_end_edit (plan, ok, error);
}
