/* bench-save.c: saving a 200 MiB plan on the main loop and off it
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-save"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "lc-attachment.h"
#include "lc-plan.h"
#include "bench-plan.h"
#include "plan-fixture.h"

/*
 * A plan as large as attachments make it (10 × 20 MiB, the limits of
 * lc-attachment.h) is saved over its file with lc_plan_save(), as the
 * window did, and with lc_plan_save_async(), as it does now, in turns.
 * A 1 ms timeout on the main loop stands for the window: the longest gap
 * between two of its runs while saving is the longest the window would
 * have stood still. Also timed: an edit made as the asynchronous save
 * starts, which waits until the copy has fixed what it reads (a
 * millisecond or so when the machine is idle).
 *
 * Run: meson test -C build --benchmark -v bench-save, or
 * build/tests/bench/bench-save [ROUNDS] (3 unless given).
 */

#define N_FILES 10

static void G_GNUC_NORETURN
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "bench-save: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

typedef struct
{
  LcPlan  *plan;
  GFile   *file;
  gboolean async;
  gboolean started;
  gboolean done;
  gint64   start;
  gint64   end;
  gint64   last_tick;
  gint64   longest;    /* µs between two runs of the timeout while saving */
  guint    ticks;
  gint64   call_us;    /* lc_plan_save_async() itself, on the main loop */
  gint64   edit_us;    /* an edit made as the asynchronous save starts */
} Run;

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!lc_plan_save_finish (LC_PLAN (object), result, &error))
    die ("save", error);
  run->end = g_get_monotonic_time ();
  run->done = TRUE;
}

static gboolean
on_tick (gpointer data)
{
  Run *run = data;
  gint64 now = g_get_monotonic_time ();

  if (run->started && !run->done)
    {
      run->longest = MAX (run->longest, now - run->last_tick);
      run->ticks++;
    }
  run->last_tick = now;
  return G_SOURCE_CONTINUE;
}

/* Started from the main loop, as a click on Save is */
static gboolean
start_save (gpointer data)
{
  Run *run = data;
  g_autoptr(GError) error = NULL;

  run->start = run->last_tick = g_get_monotonic_time ();
  run->started = TRUE;
  if (run->async)
    {
      static guint n_edits;
      g_autofree char *name = g_strdup_printf ("保存中的编辑 %u", ++n_edits);
      gint64 edit;

      lc_plan_save_async (run->plan, run->file, G_PRIORITY_DEFAULT, NULL, on_saved, run);
      edit = g_get_monotonic_time ();
      run->call_us = edit - run->start;
      if (!lc_plan_set_text (run->plan, "Rename", "unit_profile", 1, "unit_name", name, &error))
        die ("edit while saving", error);
      run->edit_us = g_get_monotonic_time () - edit;
    }
  else
    {
      if (!lc_plan_save (run->plan, run->file, NULL, &error))
        die ("save", error);
      run->end = g_get_monotonic_time ();
      run->done = TRUE;
      /* The stall is the call itself */
      run->longest = run->end - run->start;
    }
  return G_SOURCE_REMOVE;
}

static void
run_save (Run *run)
{
  guint tick = g_timeout_add (1, on_tick, run);

  g_idle_add (start_save, run);
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(GFile) file = NULL;
  GArray *times[2], *stalls[2];   /* [0] lc_plan_save(), [1] lc_plan_save_async() */
  g_autoptr(GArray) edits = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) calls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *size_text = NULL;
  guint rounds = argc > 1 ? (guint) atoi (argv[1]) : 3;
  guint ticks = 0;
  gint64 start;
  GStatBuf st;

  plan_fixture_use_temp_state ();
  dir = g_dir_make_tmp ("lc-bench-save-XXXXXX", &error);
  if (dir == NULL)
    die ("temporary folder", error);
  path = g_build_filename (dir, "大附件.lcplan", NULL);
  file = g_file_new_for_path (path);

  plan = lc_plan_new (&error);
  if (plan == NULL)
    die ("new plan", error);
  plan_fixture_fill (plan);
  /* Its one attachment would go over the limit */
  if (!lc_plan_delete_attachment (plan, 1, &error))
    die ("delete", error);
  start = g_get_monotonic_time ();
  plan_fixture_add_attachments (plan, N_FILES, LC_ATTACHMENT_MAX_SIZE);
  printf ("attachments: %d × %d MiB random, added in %.1f s\n", N_FILES, (int) (LC_ATTACHMENT_MAX_SIZE >> 20),
          bench_seconds_since (start));
  /* The first save of a file is not what is measured */
  if (!lc_plan_save (plan, file, NULL, &error))
    die ("first save", error);
  if (g_stat (path, &st) != 0)
    die ("stat", NULL);
  size_text = g_format_size_full (st.st_size, G_FORMAT_SIZE_IEC_UNITS);

  for (guint i = 0; i < 2; i++)
    {
      times[i] = g_array_new (FALSE, FALSE, sizeof (double));
      stalls[i] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  for (guint r = 0; r < rounds; r++)
    for (guint async = 0; async < 2; async++)
      {
        Run run = { plan, file, async, FALSE, FALSE, 0, 0, 0, 0, 0, 0, 0 };
        double took, stall;

        run_save (&run);
        took = (run.end - run.start) / 1e6;
        stall = run.longest / 1e3;
        g_array_append_val (times[async], took);
        g_array_append_val (stalls[async], stall);
        if (async)
          {
            double edit_ms = run.edit_us / 1e3;
            double call_ms = run.call_us / 1e3;

            g_array_append_val (edits, edit_ms);
            g_array_append_val (calls, call_ms);
            ticks += run.ticks;
          }
        printf ("round %u, %-5s: save %.2f s, longest main-loop stall %.1f ms%s\n", r + 1,
                async ? "async" : "sync", took, stall, async ? "" : " (the whole save)");
      }

  printf ("file: %s\n", size_text);
  printf ("lc_plan_save (on the main loop):   median %.2f s, main loop stalled %.0f ms (median)\n",
          bench_median (times[0]), bench_median (stalls[0]));
  printf ("lc_plan_save_async (in a thread): median %.2f s, longest stall %.1f ms (median of rounds), "
          "%.1f ms (worst); the 1 ms timeout ran %u times while saving\n",
          bench_median (times[1]), bench_median (stalls[1]), bench_percentile (stalls[1], 1), ticks);
  printf ("of which on the main loop: lc_plan_save_async() itself %.1f ms (median); an edit made right "
          "after it %.1f ms (median), %.1f ms (worst): the wait for the copy to fix its snapshot, and the "
          "edit, whose commit rewrites the recovery info file (fsync) while the save keeps the disk busy\n",
          bench_median (calls), bench_median (edits), bench_percentile (edits, 1));

  for (guint i = 0; i < 2; i++)
    {
      g_array_unref (times[i]);
      g_array_unref (stalls[i]);
    }
  g_clear_object (&plan);
  plan_fixture_remove_tree (dir);
  plan_fixture_remove_tree (g_get_user_state_dir ());
  return 0;
}
