/* test-profile.c: the unit's profile, walking settings, thresholds and residents, typed
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-profile"

#include "config.h"

#include <locale.h>
#include <math.h>

#include "lc-profile.h"
#include "lc-shape.h"
#include "plan-fixture.h"

static LcPlan *
new_filled_plan (void)
{
  g_autoptr(GError) error = NULL;
  LcPlan *plan = lc_plan_new (&error);

  g_assert_no_error (error);
  plan_fixture_fill (plan);
  return plan;
}

static char *
column_type (LcPlan     *plan,
             const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT typeof (%s) FROM unit_profile", column);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (lc_plan_get_database (plan), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Every field as a form shows it, set back as typed; wrong text refused
 * with nothing written */
static void
test_fields (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) empty = NULL;
  g_autoptr(LcProfile) p = NULL;
  g_autofree char *before = NULL;
  g_autofree char *now = NULL;
  static const char * const bad[][2] = {
    { "period_start", "2019" }, { "population", "6.8万" }, { "plan_date", "2025-02-30" },
    { "walking_speed_m_min", "快" }, { "walking_speed_m_min", "500" }, { "walking_speed_m_min", "" },
    { "coverage_target", "1.5" }, { "coverage_target", "85" }, { "coverage_target", "百分之八十五" },
    { "coverage_target", "1,2,3" },
  };

  g_assert_true (lc_plan_execute (plan, "clear", "UPDATE unit_profile SET unit_name = NULL, population = NULL", &error));
  empty = lc_plan_get_profile (plan, &error);
  g_assert_no_error (error);
  g_assert_null (empty->unit_name);
  g_assert_cmpint (empty->population, ==, -1);
  g_assert_true (empty->walking_speed_m_min > 0);

  before = plan_fixture_dump (lc_plan_get_database (plan));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      LcProfileField field;

      g_test_message ("%s = %s", bad[i][0], bad[i][1]);
      g_assert_true (lc_profile_field_from_key (bad[i][0], &field));
      g_assert_false (lc_plan_set_profile_text (plan, field, bad[i][1], &error));
      g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
      g_clear_error (&error);
    }
  now = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (now, ==, before);

  g_assert_true (lc_plan_set_profile_text (plan, LC_PROFILE_UNIT_NAME, " 五角场街道 ", &error));
  g_assert_true (lc_plan_set_profile_text (plan, LC_PROFILE_PERIOD_START, "2026", &error));
  g_assert_true (lc_plan_set_profile_text (plan, LC_PROFILE_POPULATION, "68000", &error));
  g_assert_true (lc_plan_set_profile_text (plan, LC_PROFILE_WALKING_SPEED, "52,5", &error));
  g_assert_true (lc_plan_set_profile_text (plan, LC_PROFILE_COVERAGE_TARGET, "90%", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Change Coverage Target");

  p = lc_plan_get_profile (plan, &error);
  g_assert_cmpstr (p->unit_name, ==, "五角场街道");
  g_assert_cmpint (p->period_start, ==, 2026);
  g_assert_cmpint (p->period_end, ==, 2030);
  g_assert_cmpint (p->population, ==, 68000);
  g_assert_cmpfloat (p->walking_speed_m_min, ==, 52.5);
  g_assert_cmpfloat (fabs (p->coverage_target - 0.9), <, 1e-12);

  /* Shown as typed back */
  for (LcProfileField f = 0; f < LC_PROFILE_N_FIELDS; f++)
    {
      g_autofree char *text = lc_profile_dup_text (p, f);
      g_autoptr(LcProfile) again = NULL;
      g_autofree char *text_again = NULL;

      g_assert_true (lc_plan_set_profile_text (plan, f, text, &error));
      g_assert_no_error (error);
      again = lc_plan_get_profile (plan, NULL);
      text_again = lc_profile_dup_text (again, f);
      g_assert_cmpstr (text_again, ==, text);
    }
  {
    g_autofree char *percent = lc_profile_dup_text (p, LC_PROFILE_COVERAGE_TARGET);

    g_assert_cmpstr (percent, ==, "90%");
  }

  /* Numbers are stored as numbers */
  {
    g_autofree char *speed = column_type (plan, "walking_speed_m_min");
    g_autofree char *target = column_type (plan, "coverage_target");
    g_autofree char *population = column_type (plan, "population");

    g_assert_cmpstr (speed, ==, "real");
    g_assert_cmpstr (target, ==, "real");
    g_assert_cmpstr (population, ==, "integer");
  }

  /* Five edits, five undo steps: setting a value it had is no step */
  for (int i = 0; i < 5; i++)
    g_assert_true (lc_plan_undo (plan, NULL));
  g_clear_pointer (&now, g_free);
  now = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (now, ==, before);
}

/* In a locale whose decimal mark is a comma, numbers are still stored as
 * numbers (once "%g" made "0,85" of 0.85, which the plan refused) and read
 * with either mark */
static void
test_comma_locale (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) p = NULL;
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *target = NULL;
  double value;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed (locale-gen)");
      return;
    }
  g_assert_true (lc_plan_set_coverage_target (plan, 0.85, &error));
  g_assert_true (lc_plan_set_walking_speed (plan, 47.5, &error));
  g_assert_true (lc_plan_set_profile_text (plan, LC_PROFILE_COVERAGE_TARGET, "0,95", &error));
  g_assert_no_error (error);
  p = lc_plan_get_profile (plan, &error);
  g_assert_cmpfloat (fabs (p->coverage_target - 0.95), <, 1e-12);
  g_assert_cmpfloat (p->walking_speed_m_min, ==, 47.5);
  target = column_type (plan, "coverage_target");
  g_assert_cmpstr (target, ==, "real");

  g_assert_true (lc_parse_decimal ("12,5", &value, NULL));
  g_assert_cmpfloat (value, ==, 12.5);
  g_assert_true (lc_parse_decimal ("12.5", &value, NULL));
  g_assert_cmpfloat (value, ==, 12.5);
  g_assert_false (lc_parse_decimal ("1.234,5", &value, NULL));
  g_assert_false (lc_parse_decimal ("12.5%", &value, NULL));

  setlocale (LC_NUMERIC, saved);
}

static void
test_thresholds (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = lc_plan_list_thresholds (plan, &error);
  g_autoptr(GPtrArray) again = NULL;
  const LcThreshold *first;
  g_autofree char *before = NULL;
  g_autofree char *now = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, >, 20);
  first = list->pdata[0];
  g_assert_nonnull (first->service);
  g_assert_nonnull (first->tier);

  before = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_false (lc_plan_set_threshold (plan, first->id, 20, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (lc_plan_set_threshold (plan, first->id, NAN, &error));
  g_clear_error (&error);
  now = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (now, ==, before);

  g_assert_true (lc_plan_set_threshold (plan, first->id, 1234.5, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Change Walking Threshold");
  again = lc_plan_list_thresholds (plan, &error);
  for (guint i = 0; i < again->len; i++)
    if (((LcThreshold *) again->pdata[i])->id == first->id)
      g_assert_cmpfloat (((LcThreshold *) again->pdata[i])->threshold_m, ==, 1234.5);

  g_assert_true (lc_plan_undo (plan, &error));
  g_clear_pointer (&now, g_free);
  now = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (now, ==, before);
}

static void
on_changed (LcPlan       *plan,
            LcPlanChange  change,
            LcPlanChange *last)
{
  *last = change;
}

/* The walking settings feed coverage; the unit's name does not */
static void
test_change_flags (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GError) error = NULL;
  LcPlanChange last = 0;

  g_signal_connect (plan, "changed", G_CALLBACK (on_changed), &last);
  g_assert_true (lc_plan_set_profile_text (plan, LC_PROFILE_DISTRICT, "虹口区", &error));
  g_assert_cmphex (last, ==, LC_PLAN_CHANGE_PROFILE);
  g_assert_true (lc_plan_set_walking_speed (plan, 45, &error));
  g_assert_cmphex (last & LC_PLAN_CHANGE_COVERAGE_INPUTS, ==, LC_PLAN_CHANGE_THRESHOLDS);
  g_assert_true (lc_plan_undo (plan, &error));
  g_assert_cmphex (last & LC_PLAN_CHANGE_COVERAGE_INPUTS, ==, LC_PLAN_CHANGE_THRESHOLDS);
  g_assert_true (lc_plan_set_threshold (plan, 1, 999, &error));
  g_assert_cmphex (last, ==, LC_PLAN_CHANGE_THRESHOLDS);
}

/* One formula for residents: the plan page's sum is coverage's */
static void
test_residents (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GError) error = NULL;
  double residents = 0;
  guint homes = 0;

  g_assert_cmpfloat (lc_estimate_residents (350, 6), ==, 60);
  g_assert_cmpfloat (lc_estimate_residents (350, 0), ==, 60);
  g_assert_cmpfloat (lc_estimate_residents (350, 12), ==, 120);
  g_assert_cmpfloat (lc_estimate_residents (-1, 6), ==, 0);

  g_assert_true (lc_plan_sum_residents (plan, &residents, &homes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (homes, ==, 1);
  g_assert_cmpfloat (residents, ==, 120);

  /* Without a recorded population, the estimate from its footprint */
  g_assert_true (lc_plan_execute (plan, "unknown", "UPDATE buildings SET population = NULL, levels = NULL", &error));
  g_assert_true (lc_plan_sum_residents (plan, &residents, &homes, &error));
  {
    g_autoptr(LcGeometry) g = lc_plan_load_geometry (plan, "buildings", 1, NULL);

    g_assert_cmpfloat (fabs (residents - lc_estimate_residents (lc_geometry_area_m2 (g), 0)), <, 1e-9);
  }
  g_assert_false (isnan (lc_plan_get_unit_area_m2 (plan, NULL)));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  plan_fixture_use_temp_state ();

  g_test_add_func ("/core/profile/fields", test_fields);
  g_test_add_func ("/core/profile/comma-locale", test_comma_locale);
  g_test_add_func ("/core/profile/thresholds", test_thresholds);
  g_test_add_func ("/core/profile/change-flags", test_change_flags);
  g_test_add_func ("/core/profile/residents", test_residents);

  return g_test_run ();
}
