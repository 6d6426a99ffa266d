/* test-save-crash.c: a save killed at any moment leaves the old plan or the new one
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-save-crash"

#include "config.h"
#include "lc-plan-private.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "lc-geometry.h"
#include "lc-plan.h"
#include "plan-fixture.h"

/*
 * The parent saves version 0 of a plan. Each trial then forks a child that
 * opens the plan, makes it version N (the unit's name and the name of every
 * building and facility, whose length changes with N so the file's size
 * does too) and saves it over the same file, while the parent sends SIGKILL
 * after a random delay: before the save starts, during it or after it (odd
 * versions save with lc_plan_save_async(), even ones with lc_plan_save()).
 * The child marks in shared memory when the save starts and when it
 * returns, so the parent knows where the kill landed. The file must then
 * open and hold exactly the previous version or the new one, in every
 * table; the new one once the save returned, the old one when the save
 * never started.
 */

#define N_TRIALS         200
#define N_CALIBRATION    3
#define N_BUILDINGS      2500
#define N_FACILITIES     1500
#define TARGET_NAME      "plan.lcplan"
#define CHILD_TIMEOUT_US (30 * G_USEC_PER_SEC)

/* Around 31.30 N 121.51 E */
#define ORIGIN_LAT 31.30
#define ORIGIN_LON 121.51

typedef enum
{
  CHILD_STARTED,     /* opening and editing */
  CHILD_SAVING,      /* inside lc_plan_save() or lc_plan_save_async() */
  CHILD_SAVED,       /* the save returned TRUE */
  CHILD_FAILED,      /* something returned an error; see message */
} ChildPhase;

/* In memory shared with the child */
typedef struct
{
  gint   phase;
  gint64 saving_at;          /* monotonic µs */
  gint64 saved_at;
  char   message[1024];
} Shared;

typedef enum
{
  AIM_BEFORE,
  AIM_DURING,
  AIM_AFTER,
  AIM_COMPLETE,              /* wait for the save to return: calibration */
} Aim;

typedef struct
{
  char   *dir;               /* the target and nothing else */
  char   *state_dir;         /* XDG_STATE_HOME */
  char   *recovery_dir;
  GFile  *target;
  Shared *shared;

  guint   committed;         /* the version the target holds */
  double  pre_us;            /* running estimates: fork to save, and the save */
  double  save_us;

  guint   trials;            /* not counting the calibration */
  guint   failures;
  guint   before;
  guint   mid_save;
  guint   after;
  guint   mid_save_new;      /* killed mid-save, but after the rename */
  guint   leftover_trials;   /* killed mid-save with temporary files left */
  guint   leftover_files;
} Trials;

/* ---- the plan ---- */

static char *
version_name (guint version)
{
  return g_strdup_printf ("版本 %u", version);
}

/* A length that changes with the version, so every save changes the file's size */
static char *
bulk_name (guint version)
{
  static const char padding[] = "----------------------------------------------------------------";

  return g_strdup_printf ("版本 %u %.*s", version, (int) ((version * 7) % 61), padding);
}

static GBytes *
building_geometry (guint i)
{
  g_autoptr(LcGeometry) g = lc_geometry_new (LC_GEOMETRY_MULTIPOLYGON);
  double x = ORIGIN_LON + (i % 50) * 0.0002;
  double y = ORIGIN_LAT + (i / 50) * 0.0002;
  double w = 0.00008 + (i % 7) * 0.00001;

  lc_geometry_add_point (g, x, y);
  lc_geometry_add_point (g, x + w, y);
  lc_geometry_add_point (g, x + w, y + w);
  lc_geometry_add_point (g, x, y + w);
  lc_geometry_add_point (g, x, y);
  lc_geometry_end_part (g);
  lc_geometry_end_group (g);

  return lc_geometry_to_gpkg (g, LC_SRS_WGS84);
}

static GBytes *
facility_geometry (guint i)
{
  g_autoptr(LcGeometry) g = lc_geometry_new_point (ORIGIN_LON + (i % 40) * 0.00025 + 0.0001,
                                                   ORIGIN_LAT + (i / 40) * 0.00025 + 0.0001);

  return lc_geometry_to_gpkg (g, LC_SRS_WGS84);
}

/* Ends the edit of @plan: commits it when @rc, SQLite's last answer, is a
 * success, rolls it back otherwise */
static gboolean
finish_edit (LcPlan  *plan,
             int      rc,
             GError **error)
{
  if (rc == SQLITE_DONE || rc == SQLITE_OK)
    return lc_plan_commit (plan, error);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "SQLite: %s",
               sqlite3_errmsg (lc_plan_get_database (plan)));
  lc_plan_rollback (plan);
  return FALSE;
}

/* Version 0: the rows every later version renames */
static gboolean
fill_plan (LcPlan  *plan,
           GError **error)
{
  sqlite3 *db = lc_plan_get_database (plan);
  g_autoptr(sqlite3_stmt) building = NULL;
  g_autoptr(sqlite3_stmt) facility = NULL;
  g_autoptr(sqlite3_stmt) profile = NULL;
  g_autofree char *name = bulk_name (0);
  g_autofree char *unit = version_name (0);
  static const char *kinds[] = { "renminfang", "liuyiting", "other" };
  int rc;

  if (!lc_plan_begin (plan, "Fill", error))
    return FALSE;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO buildings "
                           "(geom, name, building, levels, residential, population) "
                           "VALUES (?, ?, 'residential', ?, 1, ?)", -1, &building, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db,
                             "INSERT INTO facilities "
                             "(geom, name, kind, status, floor_area_m2, notes) "
                             "VALUES (?, ?, ?, 'existing', ?, ?)", -1, &facility, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "UPDATE unit_profile SET unit_name = ? WHERE id = 1", -1,
                             &profile, NULL);

  for (guint i = 0; rc == SQLITE_OK && i < N_BUILDINGS; i++)
    {
      g_autoptr(GBytes) geom = building_geometry (i);

      sqlite3_bind_blob (building, 1, g_bytes_get_data (geom, NULL),
                         (int) g_bytes_get_size (geom), SQLITE_TRANSIENT);
      sqlite3_bind_text (building, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_int (building, 3, 3 + i % 15);
      sqlite3_bind_double (building, 4, 20.0 + i % 90);
      rc = sqlite3_step (building);
      if (rc == SQLITE_DONE)
        rc = sqlite3_reset (building);
    }

  for (guint i = 0; rc == SQLITE_OK && i < N_FACILITIES; i++)
    {
      g_autoptr(GBytes) geom = facility_geometry (i);

      sqlite3_bind_blob (facility, 1, g_bytes_get_data (geom, NULL),
                         (int) g_bytes_get_size (geom), SQLITE_TRANSIENT);
      sqlite3_bind_text (facility, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (facility, 3, kinds[i % G_N_ELEMENTS (kinds)], -1, SQLITE_STATIC);
      sqlite3_bind_double (facility, 4, 100.0 + i % 400);
      sqlite3_bind_text (facility, 5, "社区生活圈 15 分钟 · 测试设施", -1, SQLITE_STATIC);
      rc = sqlite3_step (facility);
      if (rc == SQLITE_DONE)
        rc = sqlite3_reset (facility);
    }

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (profile, 1, unit, -1, SQLITE_STATIC);
      rc = sqlite3_step (profile);
    }

  return finish_edit (plan, rc, error);
}

/* Makes @plan version @version: the unit's name and every row's name */
static gboolean
set_version (LcPlan  *plan,
             guint    version,
             GError **error)
{
  sqlite3 *db = lc_plan_get_database (plan);
  g_autofree char *unit = version_name (version);
  g_autofree char *name = bulk_name (version);
  static const char *sql[] = {
    "UPDATE unit_profile SET unit_name = ? WHERE id = 1",
    "UPDATE buildings SET name = ?",
    "UPDATE facilities SET name = ?",
  };
  int rc = SQLITE_OK;

  if (!lc_plan_begin (plan, "Rename", error))
    return FALSE;

  for (guint i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      rc = sqlite3_prepare_v2 (db, sql[i], -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, i == 0 ? unit : name, -1, SQLITE_STATIC);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
    }

  return finish_edit (plan, rc, error);
}

static gint64
count_rows (sqlite3    *db,
            const char *sql,
            const char *bind)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  if (bind != NULL)
    sqlite3_bind_text (stmt, 1, bind, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* Opens the target as the application would and reads its unit name;
 * %NULL with @error set when it does not open or its tables disagree */
static char *
read_target (Trials  *t,
             GError **error)
{
  g_autoptr(LcPlan) plan = lc_plan_open (t->target, NULL, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *name = NULL;
  guint64 version;
  sqlite3 *db;

  if (plan == NULL)
    return NULL;
  db = lc_plan_get_database (plan);

  if (sqlite3_prepare_v2 (db, "SELECT unit_name FROM unit_profile WHERE id = 1", -1, &stmt, NULL)
      != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no unit profile: %s",
                   sqlite3_errmsg (db));
      return NULL;
    }
  unit = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  /* Every row of the same version as the unit's name: nothing half-written */
  if (unit == NULL || !g_str_has_prefix (unit, "版本 ") ||
      !g_ascii_string_to_unsigned (unit + strlen ("版本 "), 10, 0, G_MAXUINT, &version, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "unexpected unit name “%s”",
                   unit != NULL ? unit : "(null)");
      return NULL;
    }
  name = bulk_name ((guint) version);
  if (count_rows (db, "SELECT count(*) FROM buildings WHERE name = ?", name) != N_BUILDINGS ||
      count_rows (db, "SELECT count(*) FROM facilities WHERE name = ?", name) != N_FACILITIES ||
      count_rows (db, "SELECT count(*) FROM buildings", NULL) != N_BUILDINGS ||
      count_rows (db, "SELECT count(*) FROM facilities", NULL) != N_FACILITIES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the rows do not all belong to “%s”", unit);
      return NULL;
    }

  return g_steal_pointer (&unit);
}

/* ---- files ---- */

/* What a killed child leaves in the recovery folder is its unsaved work,
 * as designed; each trial starts without it */
static void
empty_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      plan_fixture_remove_tree (child);
    }
}

/* "plan.lcplan.XXXXXX", maybe with an SQLite suffix ("-journal", "-wal") */
static gboolean
is_save_temp (const char *name)
{
  const char *rest;

  if (!g_str_has_prefix (name, TARGET_NAME "."))
    return FALSE;
  rest = name + strlen (TARGET_NAME ".");
  if (strlen (rest) < 6)
    return FALSE;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isalnum (rest[i]))
      return FALSE;
  return rest[6] == '\0' || rest[6] == '-';
}

/* Deletes the temporary files of saves beside the target; returns how many
 * there were, and adds any other stray file to @strays */
static guint
remove_temps (Trials  *t,
              GString *strays)
{
  g_autoptr(GDir) dir = g_dir_open (t->dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (t->dir, name, NULL);

      if (g_strcmp0 (name, TARGET_NAME) == 0)
        continue;
      if (is_save_temp (name))
        n++;
      else
        g_string_append_printf (strays, " %s", name);
      g_unlink (path);
    }
  return n;
}

/* ---- the child ---- */

static void G_GNUC_NORETURN
child_fail (Shared     *shared,
            const char *what,
            GError     *error)
{
  g_snprintf (shared->message, sizeof shared->message, "%s: %s", what,
              error != NULL ? error->message : "no error set");
  g_atomic_int_set (&shared->phase, CHILD_FAILED);
  _exit (1);
}

static void
on_child_saved (GObject      *plan,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* lc_plan_save_async(), waited for as the window's main loop would */
static gboolean
save_in_thread (LcPlan  *plan,
                GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lc_plan_save_async (plan, NULL, G_PRIORITY_DEFAULT, NULL, on_child_saved, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return lc_plan_save_finish (plan, result, error);
}

static void G_GNUC_NORETURN
run_child (GFile  *target,
           guint   version,
           Shared *shared)
{
  GError *error = NULL;
  LcPlan *plan;

  /* No reseeding here: fork () copies GLib's random state, so the child
   * draws the working-copy id the parent draws next; lc_plan creates its
   * working copy exclusively, so the parent must still get a fresh one and
   * never the child's stale -wal */
  plan = lc_plan_open (target, NULL, &error);
  if (plan == NULL)
    child_fail (shared, "open", error);
  if (!set_version (plan, version, &error))
    child_fail (shared, "edit", error);

  shared->saving_at = g_get_monotonic_time ();
  g_atomic_int_set (&shared->phase, CHILD_SAVING);

  /* Every other trial saves as the application does, in a worker thread */
  if (!(version % 2 == 0 ? lc_plan_save (plan, NULL, NULL, &error) : save_in_thread (plan, &error)))
    child_fail (shared, "save", error);

  shared->saved_at = g_get_monotonic_time ();
  g_atomic_int_set (&shared->phase, CHILD_SAVED);

  /* Wait for the kill, plan still open, like an application that saved */
  for (;;)
    pause ();
}

/* ---- the parent ---- */

static void
sleep_until (gint64 when)
{
  gint64 now = g_get_monotonic_time ();

  if (when > now)
    g_usleep ((gulong) (when - now));
}

/* Polls @t->shared until the child reaches @phase (or fails); FALSE on timeout */
static gboolean
wait_for_phase (Trials *t,
                gint    phase,
                gint64  deadline)
{
  while (g_get_monotonic_time () < deadline)
    {
      gint now = g_atomic_int_get (&t->shared->phase);

      if (now >= phase)
        return TRUE;
      g_usleep (30);
    }
  return FALSE;
}

/* A running average; the first measurement sets it */
static double
update_estimate (double estimate,
                 gint64 measured)
{
  if (estimate <= 0)
    return (double) measured;
  return 0.8 * estimate + 0.2 * (double) measured;
}

static void
trial_failed (Trials     *t,
              guint       version,
              const char *format,
              ...) G_GNUC_PRINTF (3, 4);

static void
trial_failed (Trials     *t,
              guint       version,
              const char *format,
              ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  t->failures++;
  g_test_message ("trial %u: FAILED: %s", version, text);
  printf ("# save-crash: trial %u FAILED: %s\n", version, text);
  fflush (stdout);
}

static void
run_trial (Trials *t,
           guint   version,
           Aim     aim)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) strays = g_string_new (NULL);
  g_autofree char *found = NULL;
  g_autofree char *previous = version_name (t->committed);
  g_autofree char *next = version_name (version);
  gint64 forked_at, deadline;
  gboolean timed_out = FALSE;
  guint temps;
  gint phase;
  int status = 0;
  pid_t pid;

  memset (t->shared, 0, sizeof *t->shared);
  g_atomic_int_set (&t->shared->phase, CHILD_STARTED);

  fflush (stdout);
  fflush (stderr);
  forked_at = g_get_monotonic_time ();
  deadline = forked_at + CHILD_TIMEOUT_US;
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    run_child (t->target, version, t->shared);

  switch (aim)
    {
    case AIM_BEFORE:
      /* Anywhere in opening and editing */
      sleep_until (forked_at + (gint64) g_test_rand_double_range (0, t->pre_us));
      break;
    case AIM_DURING:
      if (!wait_for_phase (t, CHILD_SAVING, deadline))
        timed_out = TRUE;
      else
        sleep_until (t->shared->saving_at + (gint64) g_test_rand_double_range (0, t->save_us));
      break;
    case AIM_AFTER:
      if (!wait_for_phase (t, CHILD_SAVING, deadline))
        timed_out = TRUE;
      else
        sleep_until (t->shared->saving_at + (gint64) (t->save_us * 1.2) +
                     (gint64) g_test_rand_double_range (0, t->save_us + 500));
      break;
    case AIM_COMPLETE:
    default:
      if (!wait_for_phase (t, CHILD_SAVED, deadline))
        timed_out = TRUE;
      break;
    }

  kill (pid, SIGKILL);
  while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
    ;
  phase = g_atomic_int_get (&t->shared->phase);

  /* Keep the estimates current: the machine may be busier now */
  if (phase >= CHILD_SAVING && phase != CHILD_FAILED)
    t->pre_us = update_estimate (t->pre_us, t->shared->saving_at - forked_at);
  if (phase == CHILD_SAVED)
    t->save_us = update_estimate (t->save_us, t->shared->saved_at - t->shared->saving_at);

  if (phase == CHILD_FAILED)
    trial_failed (t, version, "the child failed: %s", t->shared->message);
  else if (timed_out)
    trial_failed (t, version, "the child did not get to its save in %d s",
                  (int) (CHILD_TIMEOUT_US / G_USEC_PER_SEC));
  else if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
    trial_failed (t, version, "the child ended by itself (status 0x%x)", (unsigned) status);

  if (aim != AIM_COMPLETE)
    {
      t->trials++;
      if (phase == CHILD_SAVING)
        t->mid_save++;
      else if (phase == CHILD_SAVED)
        t->after++;
      else
        t->before++;
    }

  /* The file opens, and holds the old version or the new one, nothing else */
  found = read_target (t, &error);
  if (found == NULL)
    trial_failed (t, version, "killed %s the save, the plan does not open: %s",
                  phase == CHILD_SAVING ? "during" : phase == CHILD_SAVED ? "after" : "before",
                  error->message);
  else if (g_strcmp0 (found, previous) != 0 && g_strcmp0 (found, next) != 0)
    trial_failed (t, version, "the plan holds “%s”, neither “%s” nor “%s”", found, previous, next);
  else if (phase == CHILD_SAVED && g_strcmp0 (found, next) != 0)
    trial_failed (t, version, "the save returned, but the plan still holds “%s”", found);
  else if (phase < CHILD_SAVING && g_strcmp0 (found, previous) != 0)
    trial_failed (t, version, "killed before the save, the plan holds “%s”", found);

  if (g_strcmp0 (found, next) == 0)
    {
      if (phase == CHILD_SAVING)
        t->mid_save_new++;
      t->committed = version;
    }

  /* Temporary files: expected only when the kill cut a save short */
  temps = remove_temps (t, strays);
  if (strays->len > 0)
    trial_failed (t, version, "unexpected files beside the plan:%s", strays->str);
  if (temps > 0 && phase != CHILD_SAVING)
    trial_failed (t, version, "%u temporary file(s) left beside the plan by a save that %s",
                  temps, phase == CHILD_SAVED ? "completed" : "never started");
  else if (temps > 0)
    {
      t->leftover_trials++;
      t->leftover_files += temps;
    }

  empty_dir (t->recovery_dir);
}

static void
test_save_killed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autofree char *root = NULL;
  g_autofree char *path = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *found = NULL;
  Trials t = { 0 };
  gboolean calibrated;
  gint64 start, saved;
  GStatBuf st;

  /* Before any lc_plan call: GLib reads it once, and the children inherit it */
  root = g_dir_make_tmp ("lc-save-crash-XXXXXX", &error);
  g_assert_no_error (error);
  t.state_dir = g_build_filename (root, "state", NULL);
  t.dir = g_build_filename (root, "plans", NULL);
  g_assert_cmpint (g_mkdir_with_parents (t.state_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (t.dir, 0700), ==, 0);
  g_setenv ("XDG_STATE_HOME", t.state_dir, TRUE);
  g_assert_cmpstr (g_get_user_state_dir (), ==, t.state_dir);
  t.recovery_dir = lc_plan_get_recovery_dir ();
  g_assert_true (g_str_has_prefix (t.recovery_dir, t.state_dir));

  path = g_build_filename (t.dir, TARGET_NAME, NULL);
  t.target = g_file_new_for_path (path);

  t.shared = mmap (NULL, sizeof (Shared), PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  g_assert_true (t.shared != MAP_FAILED);

  /* Version 0 */
  plan = lc_plan_new (&error);
  g_assert_no_error (error);
  fill_plan (plan, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  lc_plan_save (plan, t.target, NULL, &error);
  saved = g_get_monotonic_time ();
  g_assert_no_error (error);
  g_clear_object (&plan);   /* no connection open across fork () */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_test_message ("plan of %d buildings and %d facilities, %lld bytes, first save %.1f ms",
                  N_BUILDINGS, N_FACILITIES, (long long) st.st_size, (saved - start) / 1000.0);

  found = read_target (&t, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "版本 0");

  /* Calibration: complete saves, timed */
  t.pre_us = 0;
  t.save_us = 0;
  for (guint i = 1; i <= N_CALIBRATION; i++)
    run_trial (&t, i, AIM_COMPLETE);
  g_test_message ("calibration: %u complete saves, %.1f ms to open and edit, %.1f ms to save",
                  N_CALIBRATION, t.pre_us / 1000.0, t.save_us / 1000.0);
  if (t.committed != N_CALIBRATION)
    trial_failed (&t, N_CALIBRATION, "after the calibration the plan holds version %u",
                  t.committed);

  /* The trials: a quarter aimed before the save, half during, a quarter
   * after; without a sound calibration they would prove nothing */
  calibrated = t.failures == 0;
  for (guint i = 0; calibrated && i < N_TRIALS; i++)
    {
      int r = g_test_rand_int_range (0, 4);
      Aim aim = r == 0 ? AIM_BEFORE : r == 3 ? AIM_AFTER : AIM_DURING;

      run_trial (&t, N_CALIBRATION + 1 + i, aim);
    }

  summary = g_strdup_printf ("save-crash: %u trials, %u failures "
                             "(%u killed mid-save, %u before, %u after)",
                             t.trials, t.failures, t.mid_save, t.before, t.after);
  g_test_message ("%s", summary);
  g_test_message ("killed mid-save: %u after the rename (new version), %u before it (old version); "
                  "%u of them left %u temporary file(s), deleted",
                  t.mid_save_new, t.mid_save - t.mid_save_new, t.leftover_trials, t.leftover_files);
  printf ("# %s\n", summary);
  fflush (stdout);

  munmap (t.shared, sizeof (Shared));
  g_object_unref (t.target);
  g_free (t.recovery_dir);
  g_free (t.state_dir);
  g_free (t.dir);
  plan_fixture_remove_tree (root);

  g_assert_cmpuint (t.failures, ==, 0);
  g_assert_cmpuint (t.trials, ==, N_TRIALS);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/plan/save-killed", test_save_killed);

  return g_test_run ();
}
