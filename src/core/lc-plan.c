/* lc-plan.c: the open plan document
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-plan"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lc-geometry.h"
#include "lc-plan-check.h"
#include "lc-plan-internal.h"
#include "lc-plan-schema.h"

/*
 * The shape (shared/docs/design.md, "The open document"):
 *
 * - Working copy: opening copies the file into our state directory and
 *   every edit is a transaction there; the user's file is only written by
 *   Save. The copy is in WAL mode, so a killed process loses no committed
 *   edit, and a key file beside it (id.info) says which plan it belongs to,
 *   which process holds it and whether it has unsaved edits: that is what
 *   recovery offers back on the next start.
 * - Save: VACUUM INTO a new file beside the target, fsync, rename over the
 *   target, fsync the folder. A crash at any point leaves the old file or
 *   the new one. The copy reads the working copy through a connection of
 *   its own, so lc_plan_save_async() runs it in a worker thread while the
 *   window goes on, and edits too: the copy reads one WAL snapshot, the
 *   plan as it was when the save began.
 * - Undo: each edit runs inside an SQLite session; its changeset is the undo
 *   step. Undo applies the inverse, redo the changeset itself, with foreign
 *   keys off, since the changeset already holds what cascades did.
 *
 * This file holds the object, its working copy and recovery, open and
 * close; lc-plan-save.c the save, lc-plan-edit.c edits and undo.
 */

G_DEFINE_QUARK (lc-plan-error-quark, lc_plan_error)
G_DEFINE_FINAL_TYPE (LcPlan, lc_plan, G_TYPE_OBJECT)

G_DEFINE_FLAGS_TYPE (LcPlanChange, lc_plan_change,
  G_DEFINE_ENUM_VALUE (LC_PLAN_CHANGE_PROFILE, "profile"),
  G_DEFINE_ENUM_VALUE (LC_PLAN_CHANGE_THRESHOLDS, "thresholds"),
  G_DEFINE_ENUM_VALUE (LC_PLAN_CHANGE_BOUNDARY, "boundary"),
  G_DEFINE_ENUM_VALUE (LC_PLAN_CHANGE_NETWORK, "network"),
  G_DEFINE_ENUM_VALUE (LC_PLAN_CHANGE_BUILDINGS, "buildings"),
  G_DEFINE_ENUM_VALUE (LC_PLAN_CHANGE_LANDCOVER, "landcover"),
  G_DEFINE_ENUM_VALUE (LC_PLAN_CHANGE_FACILITIES, "facilities"),
  G_DEFINE_ENUM_VALUE (LC_PLAN_CHANGE_PROJECTS, "projects"),
  G_DEFINE_ENUM_VALUE (LC_PLAN_CHANGE_PROJECT_PLACES, "project-places"),
  G_DEFINE_ENUM_VALUE (LC_PLAN_CHANGE_NEEDS, "needs"),
  G_DEFINE_ENUM_VALUE (LC_PLAN_CHANGE_NEED_LINKS, "need-links"),
  G_DEFINE_ENUM_VALUE (LC_PLAN_CHANGE_MEETINGS, "meetings"),
  G_DEFINE_ENUM_VALUE (LC_PLAN_CHANGE_BLUEPRINT, "blueprint"),
  G_DEFINE_ENUM_VALUE (LC_PLAN_CHANGE_TARGETS, "targets"),
  G_DEFINE_ENUM_VALUE (LC_PLAN_CHANGE_ATTACHMENTS, "attachments"),
  G_DEFINE_ENUM_VALUE (LC_PLAN_CHANGE_COMMENTS, "comments"),
  G_DEFINE_ENUM_VALUE (LC_PLAN_CHANGE_CATALOGUE, "catalogue"))

/* Which part of the plan each table holds */
static const struct
{
  const char   *table;
  LcPlanChange  change;
} table_changes[] = {
  { "lc_meta", LC_PLAN_CHANGE_CATALOGUE },
  { "services", LC_PLAN_CHANGE_CATALOGUE },
  { "unit_profile", LC_PLAN_CHANGE_PROFILE },
  { "service_thresholds", LC_PLAN_CHANGE_THRESHOLDS },
  { "unit_boundary", LC_PLAN_CHANGE_BOUNDARY },
  { "walking_paths", LC_PLAN_CHANGE_NETWORK },
  { "buildings", LC_PLAN_CHANGE_BUILDINGS },
  { "landcover", LC_PLAN_CHANGE_LANDCOVER },
  { "facilities", LC_PLAN_CHANGE_FACILITIES },
  { "facility_services", LC_PLAN_CHANGE_FACILITIES },
  { "projects", LC_PLAN_CHANGE_PROJECTS },
  { "project_services", LC_PLAN_CHANGE_PROJECTS },
  { "project_milestones", LC_PLAN_CHANGE_PROJECTS },
  { "project_locations", LC_PLAN_CHANGE_PROJECT_PLACES },
  { "needs", LC_PLAN_CHANGE_NEEDS },
  { "need_projects", LC_PLAN_CHANGE_NEED_LINKS },
  { "meetings", LC_PLAN_CHANGE_MEETINGS },
  { "meeting_projects", LC_PLAN_CHANGE_MEETINGS },
  { "meeting_attendees", LC_PLAN_CHANGE_MEETINGS },
  { "vote_options", LC_PLAN_CHANGE_MEETINGS },
  { "meeting_ratings", LC_PLAN_CHANGE_MEETINGS },
  { "blueprint", LC_PLAN_CHANGE_BLUEPRINT },
  { "blueprint_targets", LC_PLAN_CHANGE_TARGETS },
  { "attachments", LC_PLAN_CHANGE_ATTACHMENTS },
  { "review_comments", LC_PLAN_CHANGE_COMMENTS },
};

/**
 * lc_plan_change_for_table:
 * @table: a table of the plan's schema
 *
 * Returns: the part of the plan @table holds; 0 for a table not of the schema
 */
LcPlanChange
lc_plan_change_for_table (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (table_changes); i++)
    if (g_strcmp0 (table_changes[i].table, table) == 0)
      return table_changes[i].change;
  return 0;
}

enum {
  PROP_0,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_BUSY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
step_free (Step *step)
{
  g_free (step->label);
  sqlite3_free (step->changeset);
  g_free (step);
}

/* ---- errors ---- */

gboolean
lc_plan_set_sqlite_error (GError     **error,
              sqlite3     *db,
              int          rc,
              const char  *what)
{
  int primary = rc & 0xff;

  if (primary == SQLITE_FULL)
    g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_NO_SPACE,
                 /* Translators: %s says what was being done, e.g. "Could not save the plan" */
                 _("%s: the disk is full. Free some space and try again."), what);
  else if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_DAMAGED,
                 _("%s: the working copy is damaged (%s)."), what, sqlite3_errstr (rc));
  else
    g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED, "%s: %s", what,
                 db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

gboolean
lc_plan_set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *what)
{
  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_NO_SPACE,
                 _("%s: the disk is full. Free some space and try again."), what);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", what,
                 g_strerror (saved_errno));
  return FALSE;
}

/* Edits and saves of a plan opened in place fail with this */
gboolean
lc_plan_refuse_read_only (LcPlan  *self,
                  GError **error)
{
  if (!self->read_only)
    return TRUE;
  g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_READ_ONLY,
                       _("The plan is open for reading only; it cannot be changed."));
  return FALSE;
}

gboolean
lc_plan_exec (sqlite3     *db,
          const char  *sql,
          const char  *what,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return lc_plan_set_sqlite_error (error, db, rc, what);
  return TRUE;
}

/* ---- the recovery folder ---- */

/**
 * lc_plan_get_recovery_dir:
 *
 * Returns: (transfer full): where working copies live, in the user's state directory
 */
char *
lc_plan_get_recovery_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "lifecircle", "recovery", NULL);
}

static void
remove_working_files (const char *work_path,
                      const char *info_path)
{
  g_autofree char *wal = g_strconcat (work_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (work_path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (work_path, "-journal", NULL);

  g_unlink (work_path);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (journal);
  if (info_path != NULL)
    g_unlink (info_path);
}

gboolean
lc_plan_write_info (LcPlan  *self,
            GError **error)
{
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);
  g_autofree char *name = lc_plan_dup_display_name (self);
  gboolean modified = lc_plan_get_modified (self);

  if (self->file != NULL)
    {
      g_autofree char *path = g_file_get_path (self->file);
      g_key_file_set_string (info, "Recovery", "File", path != NULL ? path : "");
    }
  g_key_file_set_string (info, "Recovery", "Name", name);
  g_key_file_set_int64 (info, "Recovery", "Pid", getpid ());
  g_key_file_set_boolean (info, "Recovery", "Modified", modified);
  g_key_file_set_string (info, "Recovery", "Edited", when);
  g_key_file_set_integer (info, "Recovery", "FormatVersion", self->format_version);

  if (!g_key_file_save_to_file (info, self->info_path, error))
    return FALSE;

  self->info_modified = modified;
  return TRUE;
}

/* Keeps the info file's Modified flag in step, writing only when it flips */
static void
sync_info (LcPlan *self)
{
  g_autoptr(GError) error = NULL;

  /* A closed plan's files are gone (a save may end after the close) */
  if (self->db == NULL || self->info_modified == lc_plan_get_modified (self))
    return;

  if (!lc_plan_write_info (self, &error))
    g_warning ("Could not record the working copy’s state: %s", error->message);
}

/* Tells what changed since the last announcement; on the plan's context */
static void
announce_now (LcPlan       *self,
              LcPlanChange  change)
{
  gboolean modified = lc_plan_get_modified (self);
  gboolean can_undo = lc_plan_can_undo (self);
  gboolean can_redo = lc_plan_can_redo (self);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->announced_busy != self->busy)
    {
      self->announced_busy = self->busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  if (self->announced_modified != modified)
    {
      self->announced_modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  if (self->announced_can_undo != can_undo)
    {
      self->announced_can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (self->announced_can_redo != can_redo)
    {
      self->announced_can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  if (change != 0)
    g_signal_emit (self, signals[CHANGED], 0, change);
}

typedef struct
{
  LcPlan       *plan;
  LcPlanChange  change;
} Announcement;

static gboolean
announce_in_context (gpointer data)
{
  Announcement *a = data;

  announce_now (a->plan, a->change);
  return G_SOURCE_REMOVE;
}

static void
announcement_free (gpointer data)
{
  Announcement *a = data;

  g_object_unref (a->plan);
  g_free (a);
}

/* Announces the plan's new state and @change: at once when this thread
 * runs the plan's main context (or may), else from an idle there, so that
 * a window's handlers never run on a worker thread */
void
lc_plan_announce (LcPlan       *self,
          LcPlanChange  change)
{
  Announcement *a = g_new (Announcement, 1);

  sync_info (self);
  a->plan = g_object_ref (self);
  a->change = change;
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, announce_in_context, a, announcement_free);
}

/* Makes a new id and the paths of its working copy and info file, and
 * creates the (empty) working copy so that no other process can take the
 * same name: ids come from GLib's random generator, which a fork() copies */
static gboolean
prepare_working_paths (LcPlan  *self,
                       GError **error)
{
  g_autofree char *dir = lc_plan_get_recovery_dir ();

  if (g_mkdir_with_parents (dir, 0700) != 0)
    return lc_plan_set_errno_error (error, errno, _("Could not create the folder for working copies"));

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      int fd;

      g_clear_pointer (&self->id, g_free);
      g_clear_pointer (&self->work_path, g_free);
      g_clear_pointer (&self->info_path, g_free);
      self->id = g_uuid_string_random ();
      self->work_path = g_strdup_printf ("%s/%s.lcwork", dir, self->id);
      self->info_path = g_strdup_printf ("%s/%s.info", dir, self->id);

      fd = g_open (self->work_path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd >= 0)
        {
          close (fd);
          self->owns_files = TRUE;
          /* Whatever a dead process left under this id is not ours */
          remove_working_files (self->work_path, NULL);
          g_file_set_contents (self->work_path, "", 0, NULL);
          return TRUE;
        }
      if (errno != EEXIST)
        return lc_plan_set_errno_error (error, errno, _("Could not create the working copy"));

      /* Taken: stir the generator apart from any forked twin */
      g_random_set_seed (g_random_int () ^ (guint32) getpid () ^ (guint32) g_get_monotonic_time ());
    }

  g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED, _("Could not create the working copy"));
  return FALSE;
}

/* Settings of the working copy once it is known to be sound */
static gboolean
configure_working_db (LcPlan  *self,
                      GError **error)
{
  return lc_plan_exec (self->db,
                   "PRAGMA journal_mode = WAL;"
                   "PRAGMA synchronous = NORMAL;"
                   "PRAGMA foreign_keys = ON;"
                   "PRAGMA cache_size = -32768;",
                   _("Could not prepare the working copy"), error);
}

/* ---- GObject ---- */

static void
lc_plan_finalize (GObject *object)
{
  LcPlan *self = LC_PLAN (object);

  lc_plan_close (self);

  g_clear_object (&self->file);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_free (self->id);
  g_free (self->work_path);
  g_free (self->info_path);
  g_free (self->edit_label);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->save_lock);
  g_cond_clear (&self->save_cond);

  G_OBJECT_CLASS (lc_plan_parent_class)->finalize (object);
}

static void
lc_plan_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  LcPlan *self = LC_PLAN (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, lc_plan_get_modified (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, lc_plan_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, lc_plan_can_redo (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_plan_class_init (LcPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lc_plan_finalize;
  object_class->get_property = lc_plan_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * LcPlan:busy:
   *
   * Whether lc_plan_save_async() is saving the plan; notified on the plan's
   * main context, like #LcPlan:modified.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LcPlan::changed:
   * @change: what the edit changed, #LcPlanChange flags
   *
   * Emitted once per edit, undo and redo, after it is in the database, on
   * the main context that was the thread's default when the plan was made
   * (so also for an edit committed by a worker thread). So are the
   * notifications of #LcPlan:modified, #LcPlan:can-undo and #LcPlan:can-redo.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, LC_TYPE_PLAN_CHANGE);
}

static void
lc_plan_init (LcPlan *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->format_version = LC_PLAN_FORMAT_VERSION;
  self->next_state = 1;
  self->context = g_main_context_ref_thread_default ();
  g_mutex_init (&self->save_lock);
  g_cond_init (&self->save_cond);
}

/* ---- new, open, restore ---- */

/**
 * lc_plan_new:
 *
 * Creates an untitled plan of the current format, with the service
 * catalogue and its default thresholds.
 *
 * Returns: (transfer full) (nullable): the plan
 */
LcPlan *
lc_plan_new (GError **error)
{
  g_autoptr(LcPlan) self = g_object_new (LC_TYPE_PLAN, NULL);

  if (!prepare_working_paths (self, error))
    return NULL;

  /* prepare_working_paths() left an empty file: a new SQLite database */
  self->db = lc_plan_db_open_guarded (self->work_path, FALSE, error);
  if (self->db == NULL ||
      !configure_working_db (self, error) ||
      !lc_plan_exec (self->db, "BEGIN", _("Could not create the plan"), error))
    return NULL;

  if (!lc_plan_schema_create (self->db, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return NULL;
    }
  if (!lc_plan_exec (self->db, "COMMIT", _("Could not create the plan"), error) ||
      !lc_plan_write_info (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Opens the working copy at self->work_path, checks it and readies it */
static gboolean
adopt_working_copy (LcPlan        *self,
                    GError       **error)
{
  g_autoptr(GPtrArray) problems = NULL;

  self->db = lc_plan_db_open_guarded (self->work_path, FALSE, error);
  if (self->db == NULL)
    return FALSE;

  problems = lc_plan_check_database (self->db, FALSE, &self->format_version);
  if (!lc_plan_problems_to_error (problems, error))
    return FALSE;

  /* Older formats would be migrated here, inside one transaction; format 1
   * is the first, so there is nothing older yet */
  g_assert (self->format_version == LC_PLAN_FORMAT_VERSION);

  return configure_working_db (self, error);
}

/**
 * lc_plan_open:
 * @file: a plan file
 *
 * Copies @file into a new working copy, checks the copy as hostile input
 * (lc_plan_check_database()) and migrates an older format. @file itself is
 * only read. Blocking: call it from a worker thread.
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with @error set to
 * a translated message that says why the file cannot be opened
 */
LcPlan *
lc_plan_open (GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(LcPlan) self = NULL;
  g_autoptr(GFile) work = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!lc_plan_check_header (file, cancellable, error))
    return NULL;

  self = g_object_new (LC_TYPE_PLAN, NULL);
  if (!prepare_working_paths (self, error))
    return NULL;

  work = g_file_new_for_path (self->work_path);
  if (!g_file_copy (file, work, G_FILE_COPY_OVERWRITE | G_FILE_COPY_TARGET_DEFAULT_PERMS,
                    cancellable, NULL, NULL, error) ||
      !adopt_working_copy (self, error))
    return NULL;

  self->file = g_object_ref (file);
  if (!lc_plan_write_info (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * lc_plan_new_in_place:
 * @db: (transfer full): a connection to @file from lc_plan_db_open_guarded(),
 *   read-only, whose checks found no error
 *
 * The plan of lc_plan_open_read_only(): no working copy, and every edit and
 * save refused.
 *
 * Returns: (transfer full): the plan
 */
LcPlan *
lc_plan_new_in_place (sqlite3 *db,
                      GFile   *file,
                      int      format_version)
{
  LcPlan *self = g_object_new (LC_TYPE_PLAN, NULL);

  self->read_only = TRUE;
  self->db = db;
  self->file = g_object_ref (file);
  self->work_path = g_file_get_path (file);
  self->format_version = format_version;
  return self;
}

static GKeyFile *
load_info (const char  *info_path,
           GError     **error)
{
  g_autoptr(GKeyFile) info = g_key_file_new ();

  if (!g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, error))
    return NULL;
  return g_steal_pointer (&info);
}

/**
 * lc_plan_restore:
 * @recovery_id: the id of an item of lc_plan_list_recoverable()
 *
 * Takes over a working copy left behind by a process that ended without
 * closing its plan. The plan comes back modified, with its file name, and
 * without undo history.
 *
 * Returns: (transfer full) (nullable): the plan
 */
LcPlan *
lc_plan_restore (const char  *recovery_id,
                 GError     **error)
{
  g_autoptr(LcPlan) self = g_object_new (LC_TYPE_PLAN, NULL);
  g_autofree char *dir = lc_plan_get_recovery_dir ();
  g_autoptr(GKeyFile) info = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (recovery_id != NULL && g_uuid_string_is_valid (recovery_id), NULL);

  self->id = g_strdup (recovery_id);
  self->work_path = g_strdup_printf ("%s/%s.lcwork", dir, self->id);
  self->info_path = g_strdup_printf ("%s/%s.info", dir, self->id);

  info = load_info (self->info_path, error);
  if (info == NULL || !adopt_working_copy (self, error))
    return NULL;
  self->owns_files = TRUE;

  path = g_key_file_get_string (info, "Recovery", "File", NULL);
  if (path != NULL && path[0] != '\0')
    self->file = g_file_new_for_path (path);

  /* Unsaved by definition: it was left behind with edits */
  self->state = self->next_state++;
  self->announced_modified = TRUE;
  if (!lc_plan_write_info (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
lc_recoverable_free (LcRecoverable *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->file_path);
  g_free (item->display_name);
  g_clear_pointer (&item->modified, g_date_time_unref);
  g_free (item);
}

static gboolean
process_alive (gint64 pid)
{
  if (pid <= 0 || pid > G_MAXINT)
    return FALSE;
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

static int
compare_recoverable (gconstpointer a,
                     gconstpointer b)
{
  const LcRecoverable *x = *(LcRecoverable **) a;
  const LcRecoverable *y = *(LcRecoverable **) b;

  return -g_date_time_compare (x->modified, y->modified);
}

/**
 * lc_plan_list_recoverable:
 *
 * Lists working copies with unsaved edits whose process has ended, newest
 * first. Working copies without edits whose process has ended are removed.
 *
 * Returns: (transfer full) (element-type LcRecoverable): the list, maybe empty
 */
GPtrArray *
lc_plan_list_recoverable (void)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_recoverable_free);
  g_autofree char *dir_path = lc_plan_get_recovery_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return items;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;
      g_autofree char *info_path = NULL;
      g_autofree char *work_path = NULL;
      g_autoptr(GKeyFile) info = NULL;
      g_autofree char *edited = NULL;
      LcRecoverable *item;

      if (!g_str_has_suffix (name, ".info"))
        continue;
      id = g_strndup (name, strlen (name) - strlen (".info"));
      if (!g_uuid_string_is_valid (id))
        continue;

      info_path = g_build_filename (dir_path, name, NULL);
      work_path = g_strdup_printf ("%s/%s.lcwork", dir_path, id);
      info = load_info (info_path, NULL);
      if (info == NULL ||
          process_alive (g_key_file_get_int64 (info, "Recovery", "Pid", NULL)))
        continue;

      if (!g_key_file_get_boolean (info, "Recovery", "Modified", NULL) ||
          !g_file_test (work_path, G_FILE_TEST_IS_REGULAR))
        {
          remove_working_files (work_path, info_path);
          continue;
        }

      item = g_new0 (LcRecoverable, 1);
      item->id = g_steal_pointer (&id);
      item->file_path = g_key_file_get_string (info, "Recovery", "File", NULL);
      if (item->file_path != NULL && item->file_path[0] == '\0')
        g_clear_pointer (&item->file_path, g_free);
      item->display_name = g_key_file_get_string (info, "Recovery", "Name", NULL);
      if (item->display_name == NULL)
        item->display_name = g_strdup (_("Untitled Plan"));
      edited = g_key_file_get_string (info, "Recovery", "Edited", NULL);
      item->modified = edited != NULL ? g_date_time_new_from_iso8601 (edited, NULL) : NULL;
      if (item->modified == NULL)
        item->modified = g_date_time_new_from_unix_utc (0);
      g_ptr_array_add (items, item);
    }

  g_ptr_array_sort (items, compare_recoverable);
  return items;
}

/**
 * lc_plan_discard_recoverable:
 *
 * Deletes a working copy the user chose not to restore.
 */
gboolean
lc_plan_discard_recoverable (const char  *recovery_id,
                             GError     **error)
{
  g_autofree char *dir = lc_plan_get_recovery_dir ();
  g_autofree char *work_path = NULL;
  g_autofree char *info_path = NULL;

  if (recovery_id == NULL || !g_uuid_string_is_valid (recovery_id))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "not a recovery id");
      return FALSE;
    }

  work_path = g_strdup_printf ("%s/%s.lcwork", dir, recovery_id);
  info_path = g_strdup_printf ("%s/%s.info", dir, recovery_id);
  remove_working_files (work_path, info_path);
  return TRUE;
}

/**
 * lc_plan_close:
 *
 * Closes the working copy and deletes it: unsaved edits are gone. Called
 * when the last reference goes; call it earlier to release the files. A
 * save's copy still running is waited for, so that its file is complete.
 */
void
lc_plan_close (LcPlan *self)
{
  g_return_if_fail (LC_IS_PLAN (self));

  g_mutex_lock (&self->save_lock);
  while (self->save_phase != SAVE_IDLE)
    g_cond_wait (&self->save_cond, &self->save_lock);
  g_mutex_unlock (&self->save_lock);

  lc_plan_rollback (self);

  g_clear_pointer (&self->db, sqlite3_close);
  if (self->owns_files)
    {
      remove_working_files (self->work_path, self->info_path);
      self->owns_files = FALSE;
    }
}

/* ---- accessors ---- */

void
lc_plan_notify_file (LcPlan *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

/**
 * lc_plan_get_file:
 *
 * Returns: (transfer none) (nullable): the file the plan was opened from or
 * last saved to; %NULL for a new plan
 */
GFile *
lc_plan_get_file (LcPlan *self)
{
  g_return_val_if_fail (LC_IS_PLAN (self), NULL);
  return self->file;
}

/**
 * lc_plan_dup_display_name:
 *
 * Returns: (transfer full): the file's name, or "Untitled Plan"
 */
char *
lc_plan_dup_display_name (LcPlan *self)
{
  g_return_val_if_fail (LC_IS_PLAN (self), NULL);

  if (self->file == NULL)
    return g_strdup (_("Untitled Plan"));
  return g_file_get_basename (self->file);
}

gboolean
lc_plan_get_modified (LcPlan *self)
{
  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);
  return self->state != self->saved_state;
}

/**
 * lc_plan_get_busy:
 *
 * Returns: whether lc_plan_save_async() is saving the plan
 */
gboolean
lc_plan_get_busy (LcPlan *self)
{
  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);
  return self->busy;
}

int
lc_plan_get_format_version (LcPlan *self)
{
  g_return_val_if_fail (LC_IS_PLAN (self), 0);
  return self->format_version;
}

/**
 * lc_plan_get_recovery_id:
 *
 * Returns: (transfer none): the id of the working copy
 */
const char *
lc_plan_get_recovery_id (LcPlan *self)
{
  g_return_val_if_fail (LC_IS_PLAN (self), NULL);
  return self->id;
}

/**
 * lc_plan_get_database:
 *
 * The working copy, for reading and, between lc_plan_begin() and
 * lc_plan_commit(), for writing. Writes outside an edit are not undoable
 * and not noticed: do not make them.
 *
 * Returns: (transfer none): the connection
 */
sqlite3 *
lc_plan_get_database (LcPlan *self)
{
  g_return_val_if_fail (LC_IS_PLAN (self), NULL);
  return self->db;
}
