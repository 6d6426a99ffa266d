/* test-coverage-model.c: a plan's coverage kept current, as the page and the map share it
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-coverage-model"

#include "config.h"

#include "lc-coverage-model.h"
#include "lc-facility.h"
#include "lc-profile.h"
#include "plan-fixture.h"

typedef struct
{
  guint updated;
  guint suggestions;
  guint service;
} Counts;

static void
on_updated (LcCoverageModel *model,
            Counts          *counts)
{
  counts->updated++;
}

static void
on_notify (LcCoverageModel *model,
           GParamSpec      *pspec,
           Counts          *counts)
{
  if (g_str_equal (pspec->name, "suggestions"))
    counts->suggestions++;
  else if (g_str_equal (pspec->name, "service"))
    counts->service++;
}

/* Runs the main context until @counts->updated reaches @n, 10 s at most */
static gboolean
wait_updated (Counts *counts,
              guint   n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (counts->updated < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, counts->updated < n);
  return counts->updated >= n;
}

static void
test_model (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  g_autoptr(LcCoverageModel) model = NULL;
  Counts counts = { 0 };
  int elderly = -1;
  const LcService *all;
  guint n;

  plan_fixture_fill (plan);
  all = lc_services_get_all (&n);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (all[i].key, "elderly"))
      elderly = (int) i;

  model = lc_coverage_model_new (plan);
  g_signal_connect (model, "updated", G_CALLBACK (on_updated), &counts);
  g_signal_connect (model, "notify", G_CALLBACK (on_notify), &counts);
  g_assert_null (lc_coverage_model_get_coverage (model));
  g_assert_true (wait_updated (&counts, 1));
  g_assert_nonnull (lc_coverage_model_get_coverage (model));
  g_assert_true (lc_coverage_model_get_plan (model) == plan);

  /* The service looked at; suggestions for it */
  lc_coverage_model_set_service (model, elderly);
  g_assert_cmpint (lc_coverage_model_get_service (model), ==, elderly);
  g_assert_cmpuint (counts.service, ==, 1);
  lc_coverage_model_set_service (model, elderly);
  g_assert_cmpuint (counts.service, ==, 1);
  lc_coverage_model_suggest (model, 3);
  g_assert_nonnull (lc_coverage_model_get_suggestions (model));
  g_assert_cmpuint (counts.suggestions, ==, 1);

  /* A drag shows new figures at once, and the sites are no longer current */
  g_assert_true (lc_coverage_model_move_facility (model, 1, 121.52, 31.30));
  g_assert_cmpuint (counts.updated, ==, 2);
  g_assert_null (lc_coverage_model_get_suggestions (model));
  g_assert_false (lc_coverage_model_move_facility (model, 999, 121.52, 31.30));

  /* An edit of what coverage depends on: computed again, once for a burst */
  g_assert_true (lc_plan_move_facility (plan, 1, 121.5130, 31.2995, &error));
  g_assert_true (lc_plan_set_walking_speed (plan, 45, &error));
  g_assert_no_error (error);
  g_assert_true (wait_updated (&counts, 3));
  g_assert_cmpfloat (lc_coverage_get_walking_speed (lc_coverage_model_get_coverage (model)), ==, 45);
  /* An edit of something else: nothing */
  g_assert_true (lc_plan_set_profile_text (plan, LC_PROFILE_PLANNER, "李", &error));
  {
    gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

    while (g_get_monotonic_time () < until)
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
  }
  g_assert_cmpuint (counts.updated, ==, 3);

  /* Only what exists: computed again */
  lc_coverage_model_set_count_planned (model, FALSE);
  g_assert_false (lc_coverage_model_get_count_planned (model));
  g_assert_true (wait_updated (&counts, 4));
}

/* Dropped while computing: the worker's result goes nowhere */
static void
test_dispose_while_computing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  LcCoverageModel *model;

  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  plan_fixture_fill (plan);
  model = lc_coverage_model_new (plan);
  g_object_add_weak_pointer (G_OBJECT (model), (gpointer *) &model);
  g_object_unref (model);
  while (model != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (model);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  plan_fixture_use_temp_state ();

  g_test_add_func ("/core/coverage-model/model", test_model);
  g_test_add_func ("/core/coverage-model/dispose-while-computing", test_dispose_while_computing);

  return g_test_run ();
}
