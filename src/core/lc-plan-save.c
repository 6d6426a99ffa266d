/* lc-plan-save.c: saving a plan, on the main loop or in a worker thread
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-plan"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lc-geometry.h"
#include "lc-plan-schema.h"
#include "lc-plan-internal.h"

/* ---- save ---- */

static gboolean
fsync_path (const char *path,
            int         flags)
{
  int fd = g_open (path, flags | O_CLOEXEC, 0);
  int saved;

  if (fd < 0)
    return FALSE;
  if (fsync (fd) != 0)
    {
      saved = errno;
      close (fd);
      errno = saved;
      return FALSE;
    }
  return close (fd) == 0;
}

/* The envelope of a GeoPackage geometry: from its header when it has an xy
 * envelope (all we write), else by decoding it */
static gboolean
blob_bounds (const guint8 *data,
             gsize         len,
             double        env[4])
{
  g_autoptr(LcGeometry) g = NULL;

  if (len >= 40 && data[0] == 'G' && data[1] == 'P' && (data[3] & 0x0F) == 0x03)
    {
      for (guint i = 0; i < 4; i++)
        {
          guint64 bits;

          memcpy (&bits, data + 8 + 8 * i, 8);
          bits = GUINT64_FROM_LE (bits);
          memcpy (&env[i], &bits, 8);
        }
      return TRUE;
    }

  g = lc_geometry_from_gpkg (data, len, NULL, NULL);
  return g != NULL && lc_geometry_get_bounds (g, &env[0], &env[1], &env[2], &env[3]);
}

/* gpkg_contents holds each layer's extent and time of last change, which
 * GIS programs read before any feature (and extend, not recompute, when
 * they add one): bring both up to date for the file being written */
static gboolean
update_contents (LcPlan  *self,
                 GError **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  guint n;
  const LcPlanTable *tables = lc_plan_schema_get_tables (&n);
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "UPDATE gpkg_contents SET min_x = ?2, max_x = ?3, min_y = ?4, max_y = ?5, "
                           "last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?1",
                           -1, &update, NULL);
  if (rc != SQLITE_OK)
    return lc_plan_set_sqlite_error (error, self->db, rc, _("Could not save the plan"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(sqlite3_stmt) rows = NULL;
      g_autofree char *sql = NULL;
      double box[4] = { INFINITY, -INFINITY, INFINITY, -INFINITY };

      if (tables[i].geometry_type != 0)
        {
          sql = g_strdup_printf ("SELECT geom FROM \"%s\" WHERE geom IS NOT NULL", tables[i].name);
          if (sqlite3_prepare_v2 (self->db, sql, -1, &rows, NULL) == SQLITE_OK)
            while (sqlite3_step (rows) == SQLITE_ROW)
              {
                double env[4];

                if (!blob_bounds (sqlite3_column_blob (rows, 0), sqlite3_column_bytes (rows, 0), env))
                  continue;
                box[0] = MIN (box[0], env[0]);
                box[1] = MAX (box[1], env[1]);
                box[2] = MIN (box[2], env[2]);
                box[3] = MAX (box[3], env[3]);
              }
        }

      sqlite3_reset (update);
      sqlite3_bind_text (update, 1, tables[i].name, -1, SQLITE_STATIC);
      for (guint k = 0; k < 4; k++)
        {
          if (isfinite (box[k]))
            sqlite3_bind_double (update, 2 + k, box[k]);
          else
            sqlite3_bind_null (update, 2 + k);
        }
      rc = sqlite3_step (update);
      if (rc != SQLITE_DONE)
        return lc_plan_set_sqlite_error (error, self->db, rc, _("Could not save the plan"));
    }

  return TRUE;
}

/* A save killed halfway leaves its temporary file (target.XXXXXX, maybe
 * with a journal) beside the plan; the next save of the same plan removes
 * those older than an hour, which no save still running can own */
static void
remove_stale_temporaries (const char *target)
{
  g_autofree char *dir_path = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gsize base_len = strlen (base);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      const char *suffix;
      GStatBuf st;

      if (strncmp (name, base, base_len) != 0 || name[base_len] != '.')
        continue;
      suffix = name + base_len + 1;
      if (strlen (suffix) < 6 ||
          (suffix[6] != '\0' && strcmp (suffix + 6, "-journal") != 0 &&
           strcmp (suffix + 6, "-wal") != 0 && strcmp (suffix + 6, "-shm") != 0))
        continue;

      path = g_build_filename (dir_path, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && now - st.st_mtime > 3600)
        g_unlink (path);
    }
}

/* VACUUM INTO keeps the WAL flag of the source; a saved plan is a plain
 * single file that other programs open read-only, so turn it off */
static gboolean
make_rollback_journal (const char  *path,
                       GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    lc_plan_set_sqlite_error (error, db, rc, _("Could not save the plan"));
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

/* One save: made on the plan's thread, run on any, finished on the plan's */
typedef struct
{
  LcPlan       *plan;
  GFile        *file;
  char         *target;
  sqlite3      *reader;     /* the copy's own connection to the working copy */
  guint64       state;      /* the plan's state when the save began: what the file holds */
  GCancellable *cancellable;
  gboolean      snapshot_fixed;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_clear_pointer (&job->reader, sqlite3_close);
  g_object_unref (job->plan);
  g_object_unref (job->file);
  g_free (job->target);
  g_free (job);
}

static void
set_save_phase (LcPlan    *self,
                SavePhase  phase)
{
  g_mutex_lock (&self->save_lock);
  self->save_phase = phase;
  g_cond_broadcast (&self->save_cond);
  g_mutex_unlock (&self->save_lock);
}

/* Edits (and undo, redo) wait while a save starts, so that the file holds
 * the plan exactly as it was when the save began; that takes as long as
 * a worker thread needs to open the working copy, a few milliseconds */
gboolean
lc_plan_wait_for_save (LcPlan  *self,
               GError **error)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  gboolean ok = TRUE;

  g_mutex_lock (&self->save_lock);
  while (ok && self->save_phase == SAVE_STARTING)
    ok = g_cond_wait_until (&self->save_cond, &self->save_lock, deadline);
  g_mutex_unlock (&self->save_lock);

  if (!ok)
    g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_BUSY,
                         _("The plan is being saved. Try again in a moment."));
  return ok;
}

/* SQLite calls this every few steps of the copy. VACUUM INTO reads in a
 * transaction of its own: once the reader is in it (out of autocommit,
 * holding a read lock on the WAL) the copy reads one snapshot whatever is
 * committed next, and edits may go on. Non-zero interrupts the copy. */
static int
on_copy_progress (gpointer data)
{
  SaveJob *job = data;

  if (!job->snapshot_fixed && !sqlite3_get_autocommit (job->reader) &&
      sqlite3_txn_state (job->reader, "main") >= SQLITE_TXN_READ)
    {
      job->snapshot_fixed = TRUE;
      set_save_phase (job->plan, SAVE_COPYING);
    }
  return g_cancellable_is_cancelled (job->cancellable);
}

/* Checks that @file can be saved to now, records who saved it and the
 * layers' extents in the working copy, and opens the copy's reader. On
 * the plan's thread; edits then wait for the copy to start. */
static SaveJob *
save_job_new (LcPlan  *self,
              GFile   *file,
              GError **error)
{
  g_autofree char *target = NULL;
  sqlite3 *reader = NULL;
  SaveJob *job;
  int rc;

  if (!lc_plan_refuse_read_only (self, error))
    return NULL;
  if (self->busy)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_BUSY, _("The plan is already being saved."));
      return NULL;
    }
  if (self->in_edit)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_BUSY,
                           _("The plan cannot be saved while an edit is in progress."));
      return NULL;
    }

  target = g_file_get_path (file);
  if (target == NULL)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED,
                           _("Plans can only be saved to local files."));
      return NULL;
    }

  /* Who saved it last, and when: outside any undo step */
  if (!lc_plan_exec (self->db,
                 "INSERT INTO lc_meta (key, value) VALUES ('saved', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value;"
                 "INSERT INTO lc_meta (key, value) VALUES ('saved_by', 'Life Circle Planner " PACKAGE_VERSION "') "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value;",
                 _("Could not save the plan"), error) ||
      !update_contents (self, error))
    return NULL;

  /* Not lc_plan_open_reader(): VACUUM INTO writes (its output), which
   * query_only forbids; SQLITE_OPEN_READONLY keeps the working copy safe */
  rc = sqlite3_open_v2 (self->work_path, &reader, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      lc_plan_set_sqlite_error (error, reader, rc, _("Could not save the plan"));
      sqlite3_close (reader);
      return NULL;
    }

  job = g_new0 (SaveJob, 1);
  job->plan = g_object_ref (self);
  job->file = g_object_ref (file);
  job->target = g_steal_pointer (&target);
  job->reader = reader;
  job->state = self->state;
  set_save_phase (self, SAVE_STARTING);
  return job;
}

/* The file beside the target, made durable and renamed over it */
static gboolean
write_file (SaveJob       *job,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (job->target);
  g_autofree char *tmp = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GStatBuf st;
  int fd, rc;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* An empty file that VACUUM INTO fills; mode 0666 less the umask */
  tmp = g_strdup_printf ("%s.XXXXXX", job->target);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    return lc_plan_set_errno_error (error, errno, _("Could not save the plan"));
  close (fd);

  /* Keep the permissions of the file we replace */
  if (g_stat (job->target, &st) == 0)
    g_chmod (tmp, st.st_mode & 07777);

  job->cancellable = cancellable;
  sqlite3_progress_handler (job->reader, 64, on_copy_progress, job);
  rc = sqlite3_prepare_v2 (job->reader, "VACUUM INTO ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, tmp, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_progress_handler (job->reader, 0, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        lc_plan_set_sqlite_error (error, job->reader, rc, _("Could not save the plan"));
      g_unlink (tmp);
      return FALSE;
    }

  if (!make_rollback_journal (tmp, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  if (!fsync_path (tmp, O_RDONLY) || g_rename (tmp, job->target) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      return lc_plan_set_errno_error (error, saved, _("Could not save the plan"));
    }

  /* The rename itself is durable once the folder is */
  fsync_path (dir, O_RDONLY | O_DIRECTORY);
  remove_stale_temporaries (job->target);
  return TRUE;
}

/* Blocking; on any thread */
static gboolean
save_job_run (SaveJob       *job,
              GCancellable  *cancellable,
              GError       **error)
{
  gboolean ok = write_file (job, cancellable, error);

  g_clear_pointer (&job->reader, sqlite3_close);
  /* Also when the copy failed before it fixed its snapshot */
  set_save_phase (job->plan, SAVE_IDLE);
  return ok;
}

/* On the plan's thread, once the file is written or not */
static void
save_job_finish (SaveJob  *job,
                 gboolean  ok)
{
  LcPlan *self = job->plan;

  if (!ok)
    return;

  if (self->file == NULL || !g_file_equal (self->file, job->file))
    {
      g_set_object (&self->file, job->file);
      lc_plan_notify_file (self);
    }
  /* Edits made while it saved are not in the file: still modified */
  self->saved_state = job->state;
  /* The info file names the new file even when nothing was modified */
  if (self->db != NULL)
    lc_plan_write_info (self, NULL);
}

/**
 * lc_plan_save:
 * @file: (nullable): where to save; %NULL for the plan's own file
 *
 * Writes the plan to a new file beside @file, makes it durable and renames
 * it over @file, so that @file holds the old plan or the new one whatever
 * happens. The plan then belongs to @file and is no longer modified.
 * Blocking: the application saves with lc_plan_save_async().
 *
 * Returns: %TRUE on success; on failure @file is untouched and @error says
 * why (%LC_PLAN_ERROR_NO_SPACE for a full disk, %LC_PLAN_ERROR_BUSY while
 * an edit or another save runs)
 */
gboolean
lc_plan_save (LcPlan        *self,
              GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  SaveJob *job;
  gboolean ok;

  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file != NULL ? file : self->file), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  job = save_job_new (self, file != NULL ? file : self->file, error);
  if (job == NULL)
    return FALSE;

  ok = save_job_run (job, cancellable, error);
  save_job_finish (job, ok);
  lc_plan_announce (self, 0);
  save_job_free (job);
  return ok;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (save_job_run (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
save_thread_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LcPlan *self = LC_PLAN (object);
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* The plan's state first, so that the caller's callback sees it */
  save_job_finish (g_task_get_task_data (G_TASK (result)), ok);
  self->busy = FALSE;
  lc_plan_announce (self, 0);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * lc_plan_save_async:
 * @file: (nullable): where to save; %NULL for the plan's own file
 * @io_priority: the GLib priority of the save's thread and callback
 * @callback: called on the thread-default main context of the caller
 *
 * Saves like lc_plan_save(), in a worker thread. #LcPlan:busy is %TRUE
 * until it ends; then the plan belongs to @file, and it is modified only
 * when edits were made while it saved. Edits may go on meanwhile (after a
 * wait of a few milliseconds while the save starts): the file holds the
 * plan as it was when this was called. Cancelling @cancellable stops the
 * copy and leaves @file untouched, unless it is already renamed into
 * place. lc_plan_close() waits for the file to be complete.
 */
void
lc_plan_save_async (LcPlan              *self,
                    GFile               *file,
                    int                  io_priority,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GTask *thread_task;
  GError *error = NULL;
  SaveJob *job = NULL;

  g_return_if_fail (LC_IS_PLAN (self));
  g_return_if_fail (self->db != NULL);
  g_return_if_fail (G_IS_FILE (file != NULL ? file : self->file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lc_plan_save_async);
  g_task_set_priority (task, io_priority);
  /* Once renamed into place the file is saved, cancelled or not */
  g_task_set_check_cancellable (task, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      (job = save_job_new (self, file != NULL ? file : self->file, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  self->busy = TRUE;
  lc_plan_announce (self, 0);

  thread_task = g_task_new (self, cancellable, save_thread_done, g_steal_pointer (&task));
  g_task_set_source_tag (thread_task, save_thread);
  g_task_set_priority (thread_task, io_priority);
  g_task_set_check_cancellable (thread_task, FALSE);
  g_task_set_task_data (thread_task, job, (GDestroyNotify) save_job_free);
  g_task_run_in_thread (thread_task, save_thread);
  g_object_unref (thread_task);
}

/**
 * lc_plan_save_finish:
 *
 * Returns: %TRUE when the plan was saved; else %FALSE with @error set, as
 * lc_plan_save() sets it (%G_IO_ERROR_CANCELLED when cancelled)
 */
gboolean
lc_plan_save_finish (LcPlan        *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lc_plan_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
