/* make-plan-fixture.c: write tests/data/plan-v1.lcplan
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The committed file must stay a format-1 plan forever, so that every later
 * version is tested on opening (migrating) it. Run this only when format 1
 * itself is still being defined:
 *   ./build/tests/make-plan-fixture tests/data/plan-v1.lcplan
 */

#define G_LOG_DOMAIN "make-plan-fixture"

#include "config.h"

#include "lc-plan.h"
#include "plan-fixture.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(GFile) file = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: make-plan-fixture FILE\n");
      return 2;
    }

  plan_fixture_use_temp_state ();
  plan = lc_plan_new (&error);
  if (plan == NULL)
    g_error ("%s", error->message);
  plan_fixture_fill (plan);

  file = g_file_new_for_commandline_arg (argv[1]);
  if (!lc_plan_save (plan, file, NULL, &error))
    g_error ("%s", error->message);

  return 0;
}
