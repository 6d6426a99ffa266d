/* test-search.c: finding things in a plan
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-search"

#include "config.h"

#include <math.h>

#include "lc-search.h"
#include "plan-fixture.h"

static void
test_search (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  g_autoptr(GPtrArray) hub = NULL;
  g_autoptr(GPtrArray) many = NULL;
  g_autoptr(GPtrArray) place = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) need = NULL;
  LcSearchHit *hit;

  plan_fixture_fill (plan);

  /* A Chinese substring of a facility's name, with its place */
  hub = lc_plan_search (plan, " 人民坊 ", 10, NULL);
  g_assert_cmpuint (hub->len, ==, 2);   /* the facility, then the project 五角场人民坊建设 */
  hit = hub->pdata[0];
  g_assert_cmpstr (hit->table, ==, "facilities");
  g_assert_cmpint (hit->id, ==, 1);
  g_assert_cmpstr (hit->name, ==, "五角场人民坊");
  g_assert_cmpfloat_with_epsilon (hit->latitude, 31.2990, 1e-9);
  g_assert_cmpfloat_with_epsilon (hit->longitude, 121.5140, 1e-9);
  hit = hub->pdata[1];
  g_assert_cmpstr (hit->table, ==, "projects");
  g_assert_false (isnan (hit->latitude));   /* where its location is */

  /* Needs by their description; a cap on the number */
  need = lc_plan_search (plan, "助餐", 10, NULL);
  g_assert_cmpuint (need->len, ==, 1);
  g_assert_cmpstr (((LcSearchHit *) need->pdata[0])->table, ==, "needs");
  many = lc_plan_search (plan, "五角场", 1, NULL);
  g_assert_cmpuint (many->len, ==, 1);

  /* Coordinates, as people type them: a place */
  place = lc_plan_search (plan, "31.30，121.51", 10, NULL);
  g_assert_cmpuint (place->len, ==, 1);
  hit = place->pdata[0];
  g_assert_null (hit->table);
  g_assert_cmpfloat (hit->latitude, ==, 31.30);
  g_assert_cmpfloat (hit->longitude, ==, 121.51);

  none = lc_plan_search (plan, "没有这个名字", 10, NULL);
  g_assert_cmpuint (none->len, ==, 0);
  g_clear_pointer (&none, g_ptr_array_unref);
  none = lc_plan_search (plan, "   ", 10, NULL);
  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  plan_fixture_use_temp_state ();

  g_test_add_func ("/core/search", test_search);

  return g_test_run ();
}
