/* bench-projects.c: the projects table with 5,000 projects: fill, sort, filter
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-projects"

#include "config.h"
#include "lc-plan-private.h"

#include <math.h>
#include <stdio.h>
#include <time.h>

#include "lc-project.h"
#include "lc-projects-page.h"
#include "lc-services.h"
#include "plan-fixture.h"
#include "ui-helpers.h"

/*
 * Fills a plan with N generated projects (5,000 unless --projects), shows
 * the projects page in a 1200×760 window, and prints the wall time of:
 * filling the table from the plan, sorting it by budget (both ways), and
 * filtering it by a name substring, each until the window has drawn the
 * result. The target is under 100 ms each, so the table stays responsive.
 *
 * Needs a display: meson test -C build --benchmark -v bench-projects under
 * xvfb-run, or build/tests/bench/bench-projects [--projects N]
 */

#define TARGET_MS 100.0

static void
generate (LcPlan *plan,
          int     n)
{
  static const char * const places[] = { "国权路", "政立路", "国定路", "政民路", "黄兴路", "四平路", "大学路", "邯郸路" };
  static const char * const what[] = { "六艺亭", "社区食堂", "口袋公园", "健身步道", "托育点", "卫生服务站", "文化活动室" };
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (7);
  guint n_services;
  const LcService *services = lc_services_get_all (&n_services);

  if (!lc_plan_begin (plan, "bench", &error))
    g_error ("%s", error->message);
  for (int i = 0; i < n; i++)
    {
      g_autoptr(LcProject) p = lc_project_new ();
      const char *service[3] = { services[g_rand_int_range (rand, 0, n_services)].key,
                                 services[g_rand_int_range (rand, 0, n_services)].key, NULL };

      g_free (p->name);
      p->name = g_strdup_printf ("%s%d号%s", places[i % G_N_ELEMENTS (places)], i, what[g_rand_int_range (rand, 0, G_N_ELEMENTS (what))]);
      p->status = i % 3;
      p->kind = LC_PROJECT_KIND_BASIC + i % 2;
      p->year = i % 3 == 0 ? 0 : 2025 + i % 4;
      p->budget_wan = round (g_rand_double_range (rand, 5, 2000) * 10) / 10;
      p->progress = i % 3 == 2 ? 1 : 0.5;
      p->funding_source = g_strdup ("区级财政");
      p->implementing_body = g_strdup ("五角场街道办事处");
      if (g_strcmp0 (service[0], service[1]) == 0)
        service[1] = NULL;
      p->services = g_strdupv ((char **) service);
      if (lc_project_write (plan, p, FALSE, &error) == 0)
        g_error ("%s", error->message);
    }
  if (!lc_plan_end_edit (plan, TRUE, &error))
    g_error ("%s", error->message);
  g_rand_free (rand);
}

static guint n_painted;

static void
on_after_paint (void)
{
  n_painted++;
}

static gboolean
painted_since (gpointer data)
{
  return n_painted > GPOINTER_TO_UINT (data) && !g_main_context_pending (NULL);
}

/* The wall time since @start once the window has painted the result
 * (BENCH_SPLIT=1 also prints the time of the call alone and the CPU used) */
static double
settle (GtkWidget *window,
        gint64     start)
{
  guint painted = n_painted;

  if (g_getenv ("BENCH_SPLIT") != NULL)
    printf ("    (the call itself: %.1f ms; CPU so far %.1f ms)\n", (g_get_monotonic_time () - start) / 1000.0,
            clock () * 1000.0 / CLOCKS_PER_SEC);
  gtk_widget_queue_draw (window);
  if (!ui_test_wait_for (painted_since, GUINT_TO_POINTER (painted), 10000))
    g_error ("the window did not paint");
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
report (const char *what,
        double      ms,
        guint       rows)
{
  printf ("  %-34s %8.1f ms  (%u rows)%s\n", what, ms, rows, ms > TARGET_MS ? "  over target" : "");
}

int
main (int    argc,
      char **argv)
{
  int n = 5000;
  const GOptionEntry entries[] = {
    { "projects", 0, 0, G_OPTION_ARG_INT, &n, "How many projects (5000)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the projects table");
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(GListModel) columns = NULL;
  g_autoptr(GtkColumnViewColumn) budget = NULL;
  GtkWidget *window;
  LcProjectsPage *page;
  GtkColumnView *view;
  GListModel *rows;
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (!gtk_init_check ())
    {
      printf ("bench-projects: skipped, no display (run under xvfb-run)\n");
      return 77;
    }
  adw_init ();
  plan_fixture_use_temp_state ();

  plan = lc_plan_new (&error);
  if (plan == NULL)
    g_error ("%s", error->message);
  start = g_get_monotonic_time ();
  generate (plan, n);
  printf ("bench-projects: %d projects (written in %.0f ms), target < %.0f ms each\n",
          n, (g_get_monotonic_time () - start) / 1000.0, TARGET_MS);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  page = g_object_new (LC_TYPE_PROJECTS_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  ui_test_iterate (200);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), NULL);
  rows = lc_projects_page_get_rows (page);
  view = GTK_COLUMN_VIEW (ui_test_find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW));
  columns = g_object_ref (gtk_column_view_get_columns (view));
  budget = g_list_model_get_item (columns, 7);

  start = g_get_monotonic_time ();
  lc_projects_page_set_plan (page, plan);
  report ("fill from the plan", settle (window, start), g_list_model_get_n_items (rows));

  start = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (view, budget, GTK_SORT_ASCENDING);
  report ("sort by budget, ascending", settle (window, start), g_list_model_get_n_items (rows));

  start = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (view, budget, GTK_SORT_DESCENDING);
  report ("sort by budget, descending", settle (window, start), g_list_model_get_n_items (rows));

  start = g_get_monotonic_time ();
  lc_projects_page_set_search (page, "国权路1");
  report ("filter by name “国权路1”", settle (window, start), g_list_model_get_n_items (rows));

  start = g_get_monotonic_time ();
  lc_projects_page_set_search (page, "");
  report ("clear the filter", settle (window, start), g_list_model_get_n_items (rows));

  start = g_get_monotonic_time ();
  lc_projects_page_set_view (page, -1);
  report ("the 3-year reserve view", settle (window, start), g_list_model_get_n_items (rows));

  lc_projects_page_set_plan (page, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  lc_plan_close (plan);
  return 0;
}
