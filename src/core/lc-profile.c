/* lc-profile.c: the unit's profile, walking settings and thresholds, typed
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-profile"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lc-blueprint.h"
#include "lc-plan-private.h"
#include "lc-profile.h"
#include "lc-project.h"

/*
 * The one row of unit_profile and the rows of service_thresholds, read into
 * structs and written one checked field at a time, each write one undo
 * step. Numbers are bound as numbers, never formatted into text, so a
 * comma-decimal locale cannot turn 0.85 into "0,85"; text a planner types is
 * read with either decimal mark.
 */

#define MIN_WALKING_SPEED 20
#define MAX_WALKING_SPEED 120
#define MAX_POPULATION 100000000

typedef enum
{
  KIND_TEXT,
  KIND_YEAR,
  KIND_DATE,
  KIND_COUNT,
  KIND_SPEED,
  KIND_SHARE,
} Kind;

static const struct
{
  const char *key;         /* the column, and the name the tool takes */
  Kind        kind;
  const char *undo_label;  /* translatable (N_) */
} fields[LC_PROFILE_N_FIELDS] = {
  [LC_PROFILE_UNIT_NAME]         = { "unit_name", KIND_TEXT, N_("Rename Unit") },
  [LC_PROFILE_DISTRICT]          = { "district", KIND_TEXT, N_("Change District") },
  [LC_PROFILE_SUBDISTRICT]       = { "subdistrict", KIND_TEXT, N_("Change Sub-district") },
  [LC_PROFILE_PLANNER]           = { "planner", KIND_TEXT, N_("Change Planner") },
  [LC_PROFILE_COMMUNITY_PLANNER] = { "community_planner", KIND_TEXT, N_("Change Community Planner") },
  [LC_PROFILE_PERIOD_START]      = { "period_start", KIND_YEAR, N_("Change Planning Period") },
  [LC_PROFILE_PLAN_VERSION]      = { "plan_version", KIND_TEXT, N_("Change Plan Version") },
  [LC_PROFILE_PLAN_DATE]         = { "plan_date", KIND_DATE, N_("Change Plan Date") },
  [LC_PROFILE_POPULATION]        = { "population", KIND_COUNT, N_("Change Recorded Population") },
  [LC_PROFILE_WALKING_SPEED]     = { "walking_speed_m_min", KIND_SPEED, N_("Change Walking Speed") },
  [LC_PROFILE_COVERAGE_TARGET]   = { "coverage_target", KIND_SHARE, N_("Change Coverage Target") },
};

/* ---- reading ---- */

void
lc_profile_free (LcProfile *profile)
{
  if (profile == NULL)
    return;
  g_free (profile->unit_name);
  g_free (profile->district);
  g_free (profile->subdistrict);
  g_free (profile->planner);
  g_free (profile->community_planner);
  g_free (profile->plan_version);
  g_free (profile->plan_date);
  g_free (profile);
}

/**
 * lc_plan_get_profile:
 *
 * Reads the unit's profile. A plan whose profile row is missing (a file
 * from elsewhere) reads as an empty profile with the default walking speed
 * and target.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with @error
 *   set when the plan cannot be read
 */
LcProfile *
lc_plan_get_profile (LcPlan  *plan,
                     GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(LcProfile) p = g_new0 (LcProfile, 1);
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  p->population = -1;
  p->walking_speed_m_min = LC_WALKING_SPEED_DEFAULT;
  p->coverage_target = 0.85;

  stmt = lc_plan_prepare_read (plan,
                               "SELECT unit_name, district, subdistrict, planner, community_planner, plan_version,"
                               " plan_date, period_start, period_end, population, walking_speed_m_min,"
                               " coverage_target, view_latitude, view_longitude, view_zoom"
                               " FROM unit_profile ORDER BY id LIMIT 1",
                               error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return g_steal_pointer (&p);
  if (rc != SQLITE_ROW)
    {
      lc_plan_read_done (plan, rc, error);
      return NULL;
    }

  p->unit_name = lc_plan_column_text (stmt, 0);
  p->district = lc_plan_column_text (stmt, 1);
  p->subdistrict = lc_plan_column_text (stmt, 2);
  p->planner = lc_plan_column_text (stmt, 3);
  p->community_planner = lc_plan_column_text (stmt, 4);
  p->plan_version = lc_plan_column_text (stmt, 5);
  p->plan_date = lc_plan_column_text (stmt, 6);
  if (sqlite3_column_type (stmt, 7) == SQLITE_INTEGER)
    {
      p->period_start = sqlite3_column_int (stmt, 7);
      p->period_end = sqlite3_column_int (stmt, 8);
    }
  if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
    p->population = sqlite3_column_int64 (stmt, 9);
  if (sqlite3_column_double (stmt, 10) > 0)
    p->walking_speed_m_min = sqlite3_column_double (stmt, 10);
  if (sqlite3_column_type (stmt, 11) != SQLITE_NULL)
    p->coverage_target = CLAMP (sqlite3_column_double (stmt, 11), 0, 1);
  p->has_view = sqlite3_column_type (stmt, 12) != SQLITE_NULL && sqlite3_column_type (stmt, 13) != SQLITE_NULL;
  if (p->has_view)
    {
      p->view_latitude = sqlite3_column_double (stmt, 12);
      p->view_longitude = sqlite3_column_double (stmt, 13);
      /* A unit's scale when the zoom was not kept */
      p->view_zoom = sqlite3_column_type (stmt, 14) != SQLITE_NULL ? sqlite3_column_double (stmt, 14) : 15;
      p->has_view = isfinite (p->view_latitude) && isfinite (p->view_longitude) && isfinite (p->view_zoom);
    }
  return g_steal_pointer (&p);
}

/**
 * lc_profile_field_to_key:
 *
 * Returns: (transfer none): the field's name, as `lifecircle-tool
 *   set-profile` takes it ("unit_name", "walking_speed_m_min", …)
 */
const char *
lc_profile_field_to_key (LcProfileField field)
{
  g_return_val_if_fail (field < LC_PROFILE_N_FIELDS, NULL);
  return fields[field].key;
}

/**
 * lc_profile_field_from_key:
 *
 * Returns: whether @key names a field; @field is set when it does
 */
gboolean
lc_profile_field_from_key (const char     *key,
                           LcProfileField *field)
{
  for (guint i = 0; i < LC_PROFILE_N_FIELDS; i++)
    if (g_strcmp0 (fields[i].key, key) == 0)
      {
        *field = i;
        return TRUE;
      }
  return FALSE;
}

/* A number as people write it: no exponent, no trailing zeros */
static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
}

/**
 * lc_profile_dup_text:
 *
 * Returns: (transfer full): @field as a form shows it and
 *   lc_plan_set_profile_text() reads it back: "" when not recorded, the
 *   coverage target as a percentage ("85%")
 */
char *
lc_profile_dup_text (const LcProfile *p,
                     LcProfileField   field)
{
  const char *text = NULL;

  g_return_val_if_fail (p != NULL, NULL);

  switch (field)
    {
    case LC_PROFILE_UNIT_NAME:         text = p->unit_name; break;
    case LC_PROFILE_DISTRICT:          text = p->district; break;
    case LC_PROFILE_SUBDISTRICT:       text = p->subdistrict; break;
    case LC_PROFILE_PLANNER:           text = p->planner; break;
    case LC_PROFILE_COMMUNITY_PLANNER: text = p->community_planner; break;
    case LC_PROFILE_PLAN_VERSION:      text = p->plan_version; break;
    case LC_PROFILE_PLAN_DATE:         text = p->plan_date; break;
    case LC_PROFILE_PERIOD_START:
      return p->period_start > 0 ? g_strdup_printf ("%d", p->period_start) : g_strdup ("");
    case LC_PROFILE_POPULATION:
      return p->population >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, p->population) : g_strdup ("");
    case LC_PROFILE_WALKING_SPEED:
      return format_number (p->walking_speed_m_min);
    case LC_PROFILE_COVERAGE_TARGET:
      {
        g_autofree char *percent = format_number (p->coverage_target * 100);

        return g_strconcat (percent, "%", NULL);
      }
    case LC_PROFILE_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
  return g_strdup (text != NULL ? text : "");
}

/* ---- writing ---- */

/**
 * lc_parse_decimal:
 * @text: a number as a planner typed it
 * @value: (out): the number
 * @percent: (out) (optional): whether it ended in "%"; when %NULL, a "%"
 *   is refused
 *
 * Reads a decimal number written with either decimal mark ("0.85" or
 * "0,85", whatever the locale), without thousands separators.
 *
 * Returns: whether @text is such a number, finite
 */
gboolean
lc_parse_decimal (const char *text,
                  double     *value,
                  gboolean   *percent)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  char *end = NULL;
  char *comma = strchr (copy, ',');
  gsize len = strlen (copy);

  if (percent != NULL)
    {
      *percent = len > 0 && copy[len - 1] == '%';
      if (*percent)
        copy[--len] = '\0';
      g_strchomp (copy);
    }
  if (comma != NULL && strchr (comma + 1, ',') == NULL && strchr (copy, '.') == NULL)
    *comma = '.';
  if (*copy == '\0')
    return FALSE;
  *value = g_ascii_strtod (copy, &end);
  return *end == '\0' && isfinite (*value);
}

/* Runs one UPDATE of the profile row as one undo step; @stmt's ?1 is bound */
static gboolean
update_field (LcPlan         *plan,
              LcProfileField  field,
              sqlite3_stmt   *stmt,
              GError        **error)
{
  gboolean ok;

  if (!lc_plan_begin (plan, _(fields[field].undo_label), error))
    return FALSE;
  ok = lc_plan_run (plan, stmt, error);
  return lc_plan_end_edit (plan, ok, error);
}

static sqlite3_stmt *
prepare_update (LcPlan          *plan,
                LcProfileField   field,
                GError         **error)
{
  g_autofree char *sql = NULL;

  /* The period's last year follows its first */
  if (field == LC_PROFILE_PERIOD_START)
    sql = g_strdup_printf ("UPDATE unit_profile SET period_start = ?1, period_end = ?1 + %d - 1 "
                           "WHERE id = 1 AND period_start IS NOT ?1", LC_BLUEPRINT_YEARS);
  else
    sql = g_strdup_printf ("UPDATE unit_profile SET %s = ?1 WHERE id = 1 AND %s IS NOT ?1",
                           fields[field].key, fields[field].key);
  return lc_plan_prepare (plan, sql, error);
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA, message);
  return FALSE;
}

static gboolean
set_number (LcPlan          *plan,
            LcProfileField   field,
            double           value,
            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare_update (plan, field, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_double (stmt, 1, value);
  return update_field (plan, field, stmt, error);
}

/**
 * lc_plan_set_walking_speed:
 * @m_per_min: metres a minute, 20–120 (60 for adults, 45 for the elderly)
 *
 * Sets the speed coverage turns walking times into distances with, as one
 * undo step.
 */
gboolean
lc_plan_set_walking_speed (LcPlan  *plan,
                           double   m_per_min,
                           GError **error)
{
  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  if (!(m_per_min >= MIN_WALKING_SPEED && m_per_min <= MAX_WALKING_SPEED))
    return invalid (error, _("The walking speed is in metres a minute, from 20 to 120, such as 60."));
  return set_number (plan, LC_PROFILE_WALKING_SPEED, m_per_min, error);
}

/**
 * lc_plan_set_coverage_target:
 * @share: the share of residents each service should reach, 0–1
 *
 * Sets the coverage target, as one undo step.
 */
gboolean
lc_plan_set_coverage_target (LcPlan  *plan,
                             double   share,
                             GError **error)
{
  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  if (!(share >= 0 && share <= 1))
    return invalid (error, _("The coverage target is a share from 0 to 1 or a percentage, such as 0.85 or 85%."));
  return set_number (plan, LC_PROFILE_COVERAGE_TARGET, share, error);
}

/**
 * lc_plan_set_profile_text:
 * @text: (nullable): as typed; empty clears a field that may be empty
 *
 * Sets one field of the unit's profile from text a planner typed, checked,
 * as one undo step. Numbers may use either decimal mark; the coverage
 * target is a share ("0.85") or a percentage ("85%"). Setting the value a
 * field already has is no edit.
 *
 * Returns: %FALSE with @error set (%LC_PLAN_ERROR_INVALID_DATA and a
 *   translated reason) when the text is not a value of the field
 */
gboolean
lc_plan_set_profile_text (LcPlan          *plan,
                          LcProfileField   field,
                          const char      *text,
                          GError         **error)
{
  g_autofree char *value = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean empty = *value == '\0';
  gint64 number = 0;
  double decimal;
  gboolean percent;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (field < LC_PROFILE_N_FIELDS, FALSE);

  switch (fields[field].kind)
    {
    case KIND_SPEED:
      if (!lc_parse_decimal (value, &decimal, NULL))
        return invalid (error, _("The walking speed is in metres a minute, from 20 to 120, such as 60."));
      return lc_plan_set_walking_speed (plan, decimal, error);

    case KIND_SHARE:
      if (!lc_parse_decimal (value, &decimal, &percent))
        return invalid (error, _("The coverage target is a share from 0 to 1 or a percentage, such as 0.85 or 85%."));
      return lc_plan_set_coverage_target (plan, percent ? decimal / 100 : decimal, error);

    case KIND_YEAR:
      if (!empty && !g_ascii_string_to_signed (value, 10, LC_PROJECT_MIN_YEAR,
                                               LC_PROJECT_MAX_YEAR - LC_BLUEPRINT_YEARS + 1, &number, NULL))
        {
          g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                       _("The planning period starts in a year from %d to %d, such as 2025."),
                       LC_PROJECT_MIN_YEAR, LC_PROJECT_MAX_YEAR - LC_BLUEPRINT_YEARS + 1);
          return FALSE;
        }
      break;

    case KIND_COUNT:
      if (!empty && !g_ascii_string_to_signed (value, 10, 0, MAX_POPULATION, &number, NULL))
        return invalid (error, _("The recorded population is a whole number of residents, such as 68000."));
      break;

    case KIND_DATE:
      if (!empty && !lc_date_is_valid (value, FALSE))
        {
          g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                       _("“%s” is not a date like 2025-06-30."), value);
          return FALSE;
        }
      break;

    case KIND_TEXT:
    default:
      break;
    }

  stmt = prepare_update (plan, field, error);
  if (stmt == NULL)
    return FALSE;
  if (empty)
    sqlite3_bind_null (stmt, 1);
  else if (fields[field].kind == KIND_TEXT || fields[field].kind == KIND_DATE)
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, number);
  return update_field (plan, field, stmt, error);
}

/* ---- thresholds ---- */

void
lc_threshold_free (LcThreshold *threshold)
{
  if (threshold == NULL)
    return;
  g_free (threshold->service);
  g_free (threshold->tier);
  g_free (threshold->source);
  g_free (threshold);
}

/**
 * lc_plan_list_thresholds:
 *
 * Returns: (transfer full) (element-type LcThreshold) (nullable): every
 *   service's walking thresholds, in catalogue order and the largest first
 *   within a service; %NULL with @error set when the plan cannot be read
 */
GPtrArray *
lc_plan_list_thresholds (LcPlan  *plan,
                         GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_threshold_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  stmt = lc_plan_prepare_read (plan,
                               "SELECT t.id, t.service, t.tier, t.threshold_m, t.source FROM service_thresholds t "
                               "LEFT JOIN services s ON s.key = t.service ORDER BY s.sort, t.threshold_m DESC, t.id",
                               error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LcThreshold *t = g_new0 (LcThreshold, 1);

      t->id = sqlite3_column_int64 (stmt, 0);
      t->service = lc_plan_column_text (stmt, 1);
      t->tier = lc_plan_column_text (stmt, 2);
      t->threshold_m = sqlite3_column_double (stmt, 3);
      t->source = lc_plan_column_text (stmt, 4);
      if (t->service == NULL)
        {
          lc_threshold_free (t);
          continue;
        }
      if (t->tier == NULL)
        t->tier = g_strdup ("");
      g_ptr_array_add (list, t);
    }
  if (!lc_plan_read_done (plan, rc, error))
    return NULL;
  return g_steal_pointer (&list);
}

/**
 * lc_plan_set_threshold:
 * @id: the threshold's row, from lc_plan_list_thresholds()
 * @metres: the network walking distance, 50–3000 m
 *
 * Sets one walking threshold, as one undo step.
 */
gboolean
lc_plan_set_threshold (LcPlan  *plan,
                       gint64   id,
                       double   metres,
                       GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);

  if (!(metres >= LC_THRESHOLD_MIN_M && metres <= LC_THRESHOLD_MAX_M))
    return invalid (error, _("A walking threshold is a distance in metres from 50 to 3000, such as 300."));

  /* Translators: an undo label */
  if (!lc_plan_begin (plan, _("Change Walking Threshold"), error))
    return FALSE;
  ok = (stmt = lc_plan_prepare (plan, "UPDATE service_thresholds SET threshold_m = ?1 "
                                      "WHERE id = ?2 AND threshold_m IS NOT ?1", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_double (stmt, 1, metres);
      sqlite3_bind_int64 (stmt, 2, id);
      ok = lc_plan_run (plan, stmt, error);
    }
  return lc_plan_end_edit (plan, ok, error);
}
