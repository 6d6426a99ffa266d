/* bench-open.c: how long a large plan takes to open, and how much memory
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-open"

#include "config.h"
#include "lc-plan-private.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "lc-geometry.h"
#include "lc-plan.h"
#include "bench-plan.h"
#include "plan-fixture.h"

/*
 * The target: a plan with 100,000 buildings and 200,000 walking-path
 * segments opens to a usable document in under 0.5 s. The benchmark makes
 * such a plan over about 3 km² around 31.30 N 121.51 E, saves it, and times
 * lc_plan_open() on it, which is all the application waits for before it
 * shows the document. Peak memory of the open alone is measured in a child
 * forked before the plan was generated, so it starts small.
 *
 * Run: meson test -C build --benchmark -v, or build/tests/bench/bench-open
 * [--runs N] [--buildings N] [--paths N]. It exits 0 even when the target is
 * missed; only errors fail it.
 */


#define TARGET_SECONDS 0.5


static int n_buildings = 100000;
static int n_paths = 200000;
static int n_runs = 7;


static void G_GNUC_NORETURN
die (const char *what,
     GError     *error)
{
  fprintf (stderr, "bench-open: %s: %s\n", what,
           error != NULL ? error->message : g_strerror (errno));
  exit (1);
}

/* ---- the open ---- */

typedef struct
{
  double open_s;       /* lc_plan_open () returned */
  double usable_s;     /* and the first read of the document answered */
} OpenTimes;

static OpenTimes
time_open (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 start = g_get_monotonic_time ();
  OpenTimes times;
  sqlite3 *db;

  plan = lc_plan_open (file, NULL, &error);
  if (plan == NULL)
    die ("open", error);
  times.open_s = bench_seconds_since (start);

  /* What the window reads first: the unit profile */
  db = lc_plan_get_database (plan);
  bench_check_sqlite (db, sqlite3_prepare_v2 (db, "SELECT unit_name, view_latitude, view_longitude "
                                        "FROM unit_profile WHERE id = 1", -1, &stmt, NULL),
                "prepare the profile query");
  if (sqlite3_step (stmt) != SQLITE_ROW)
    bench_check_sqlite (db, SQLITE_ERROR, "read the profile");
  times.usable_s = bench_seconds_since (start);

  return times;
}

typedef struct
{
  long   before_kib;   /* ru_maxrss of the child before it opened */
  long   self_kib;     /* and after */
  double open_s;
} ChildResult;

/* Forked before the plan exists, so its memory starts small: waits for a
 * path on @command, opens it, and writes a ChildResult to @result */
static void G_GNUC_NORETURN
open_child (int command,
            int result)
{
  char path[4096] = { 0 };
  ChildResult r = { 0 };
  struct rusage usage;
  gsize len = 0;
  ssize_t n;

  while (len < sizeof path - 1 && (n = read (command, path + len, sizeof path - 1 - len)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        _exit (2);
      len += (gsize) n;
    }
  if (len == 0)
    _exit (0);

  getrusage (RUSAGE_SELF, &usage);
  r.before_kib = usage.ru_maxrss;
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    OpenTimes times = time_open (file);

    r.open_s = times.open_s;
  }
  getrusage (RUSAGE_SELF, &usage);
  r.self_kib = usage.ru_maxrss;

  if (write (result, &r, sizeof r) != sizeof r)
    _exit (3);
  _exit (0);
}

/* Drops the file from the page cache, so the next open reads the disk */
static gboolean
evict (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  int rc;

  if (fd < 0)
    return FALSE;
  rc = posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
  close (fd);
  return rc == 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GArray) open_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) usable_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *root = NULL;
  g_autofree char *state = NULL;
  g_autofree char *path = NULL;
  g_autofree char *size = NULL;
  g_autofree char *child_peak = NULL;
  g_autofree char *child_before = NULL;
  g_autofree char *self_peak = NULL;
  int command[2], result[2];
  ChildResult child = { 0 };
  struct rusage usage;
  OpenTimes cold;
  double open_median, usable_median;
  gint64 start;
  GStatBuf st;
  pid_t pid;
  int status;
  const GOptionEntry entries[] = {
    { "buildings", 0, 0, G_OPTION_ARG_INT, &n_buildings, "Buildings to generate", "N" },
    { "paths", 0, 0, G_OPTION_ARG_INT, &n_paths, "Walking path segments to generate", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Timed opens", "N" },
    { NULL }
  };

  context = g_option_context_new ("— time opening a large plan");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("options", error);
  n_runs = MAX (n_runs, 1);

  /* Working copies go to a folder of our own, set before any lc_plan call */
  root = g_dir_make_tmp ("lc-bench-open-XXXXXX", &error);
  if (root == NULL)
    die ("temporary folder", error);
  state = g_build_filename (root, "state", NULL);
  path = g_build_filename (root, "bench.lcplan", NULL);
  g_setenv ("XDG_STATE_HOME", state, TRUE);

  /* The child that measures the open alone, forked while we are small */
  if (pipe (command) != 0 || pipe (result) != 0)
    die ("pipe", NULL);
  fflush (stdout);
  pid = fork ();
  if (pid < 0)
    die ("fork", NULL);
  if (pid == 0)
    {
      close (command[1]);
      close (result[0]);
      open_child (command[0], result[1]);
    }
  close (command[0]);
  close (result[1]);

  printf ("bench-open: %d buildings, %d walking path segments, about 3 km² around %.2f N %.2f E\n",
          n_buildings, n_paths, BENCH_CENTRE_LAT, BENCH_CENTRE_LON);

  /* Generate */
  start = g_get_monotonic_time ();
  plan = lc_plan_new (&error);
  if (plan == NULL)
    die ("new plan", error);
  bench_plan_generate (plan, n_buildings, n_paths);
  printf ("generation:             %8.3f s\n", bench_seconds_since (start));

  /* Save */
  file = g_file_new_for_path (path);
  start = g_get_monotonic_time ();
  if (!lc_plan_save (plan, file, NULL, &error))
    die ("save", error);
  printf ("save:                   %8.3f s\n", bench_seconds_since (start));
  g_clear_object (&plan);

  if (g_stat (path, &st) != 0)
    die ("stat", NULL);
  size = g_format_size_full ((guint64) st.st_size, G_FORMAT_SIZE_LONG_FORMAT);
  printf ("file size:              %s\n", size);

  /* The open alone, in the child */
  if (write (command[1], path, strlen (path)) != (ssize_t) strlen (path))
    die ("write to the child", NULL);
  close (command[1]);
  if (read (result[0], &child, sizeof child) != sizeof child)
    die ("the child's result", NULL);
  close (result[0]);
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      fprintf (stderr, "bench-open: the open child failed (status 0x%x)\n", (unsigned) status);
      return 1;
    }
  getrusage (RUSAGE_CHILDREN, &usage);
  child_peak = bench_format_kib (usage.ru_maxrss);
  child_before = bench_format_kib (child.before_kib);

  /* Timed opens in this process: one from the disk, then warm ones */
  cold.open_s = cold.usable_s = -1;
  if (evict (path))
    cold = time_open (file);
  for (int i = 0; i < n_runs; i++)
    {
      OpenTimes times = time_open (file);

      g_array_append_val (open_times, times.open_s);
      g_array_append_val (usable_times, times.usable_s);
    }
  open_median = bench_median (open_times);
  usable_median = bench_median (usable_times);

  printf ("open (lc_plan_open), %d warm runs: min %.3f s, median %.3f s\n", n_runs,
          g_array_index (open_times, double, 0), open_median);
  printf ("usable document (open returned, profile read): min %.3f s, median %.3f s\n",
          g_array_index (usable_times, double, 0), usable_median);
  if (cold.open_s >= 0)
    printf ("open after evicting the file from the page cache: %.3f s (usable %.3f s)\n",
            cold.open_s, cold.usable_s);
  printf ("open in a fresh child: %.3f s\n", child.open_s);
  printf ("peak RSS of the open alone (child, RUSAGE_CHILDREN ru_maxrss): %s "
          "(%s before it opened)\n", child_peak, child_before);

  getrusage (RUSAGE_SELF, &usage);
  self_peak = bench_format_kib (usage.ru_maxrss);
  printf ("peak RSS of this process (generation, save, opens; RUSAGE_SELF ru_maxrss): %s\n",
          self_peak);

  printf ("target: usable in under %.1f s: %s (median %.3f s)\n", TARGET_SECONDS,
          usable_median < TARGET_SECONDS ? "PASS" : "FAIL", usable_median);

  plan_fixture_remove_tree (root);
  return 0;
}
