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
#include "lc-plan-private.h"
#include "lc-plan-check.h"
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
 */

G_DEFINE_QUARK (lc-plan-error-quark, lc_plan_error)

/* Where a save's copy is; edits wait while it starts */
typedef enum
{
  SAVE_IDLE,
  SAVE_STARTING,   /* the copy has not fixed what it reads yet */
  SAVE_COPYING,    /* it reads the plan as it was when the save began */
} SavePhase;

typedef struct
{
  char    *label;
  void    *changeset;
  int      n_changeset;
  guint64  before;      /* document state before and after the edit */
  guint64  after;
  LcPlanChange change; /* what it touched, for the "changed" signal */
} Step;

struct _LcPlan
{
  GObject parent_instance;

  /* Owned */
  sqlite3         *db;
  GFile           *file;
  char            *id;
  char            *work_path;
  char            *info_path;
  GPtrArray       *undo;         /* Step, oldest first */
  GPtrArray       *redo;         /* Step, next to redo last */
  sqlite3_session *session;      /* during an undoable edit */
  char            *edit_label;
  gboolean         in_edit;
  guint            group_depth;   /* edits joined into one by lc_plan_begin_group() */
  gboolean         group_failed;  /* one of them was rolled back */

  guint64 state;                 /* changes with every edit, undo and redo */
  guint64 saved_state;
  guint64 next_state;
  int     format_version;
  gboolean info_modified;        /* what the info file says */

  /* Signals go out on the main context the plan was made on, whichever
   * thread edits (an import runs in a worker); these are the values last
   * announced there */
  GMainContext *context;
  gboolean announced_modified;
  gboolean announced_can_undo;
  gboolean announced_can_redo;
  gboolean announced_busy;
  gboolean owns_files;           /* close deletes the working copy */
  gboolean read_only;            /* the file itself, opened in place: work_path is its path */

  /* A save: busy from lc_plan_save_async() until its end is announced,
   * on the plan's context; the phase, under the lock, is what edits and
   * lc_plan_close() wait on, from any thread */
  gboolean  busy;
  GMutex    save_lock;
  GCond     save_cond;
  SavePhase save_phase;
};

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

static gboolean
set_db_error (GError     **error,
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

static gboolean
set_errno_error (GError     **error,
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
static gboolean
refuse_read_only (LcPlan  *self,
                  GError **error)
{
  if (!self->read_only)
    return TRUE;
  g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_READ_ONLY,
                       _("The plan is open for reading only; it cannot be changed."));
  return FALSE;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          const char  *what,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_db_error (error, db, rc, what);
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

static gboolean
write_info (LcPlan  *self,
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

  if (!write_info (self, &error))
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
static void
announce (LcPlan       *self,
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
    return set_errno_error (error, errno, _("Could not create the folder for working copies"));

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
        return set_errno_error (error, errno, _("Could not create the working copy"));

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
  return exec_sql (self->db,
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
      !exec_sql (self->db, "BEGIN", _("Could not create the plan"), error))
    return NULL;

  if (!lc_plan_schema_create (self->db, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return NULL;
    }
  if (!exec_sql (self->db, "COMMIT", _("Could not create the plan"), error) ||
      !write_info (self, error))
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
  if (!write_info (self, error))
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
  if (!write_info (self, error))
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
    return set_db_error (error, self->db, rc, _("Could not save the plan"));

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
        return set_db_error (error, self->db, rc, _("Could not save the plan"));
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
    set_db_error (error, db, rc, _("Could not save the plan"));
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
static gboolean
wait_for_save (LcPlan  *self,
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

  if (!refuse_read_only (self, error))
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
  if (!exec_sql (self->db,
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
      set_db_error (error, reader, rc, _("Could not save the plan"));
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
    return set_errno_error (error, errno, _("Could not save the plan"));
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
        set_db_error (error, job->reader, rc, _("Could not save the plan"));
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
      return set_errno_error (error, saved, _("Could not save the plan"));
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
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
    }
  /* Edits made while it saved are not in the file: still modified */
  self->saved_state = job->state;
  /* The info file names the new file even when nothing was modified */
  if (self->db != NULL)
    write_info (self, NULL);
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
  announce (self, 0);
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
  announce (self, 0);

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
  announce (self, 0);

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

/* ---- edits ---- */


/* ---- helpers of the edit functions (lc-facility.c, lc-shape.c, …) ---- */

/**
 * lc_plan_set_db_error:
 * @rc: what SQLite said
 *
 * Sets @error to what a failed statement of an edit means to a planner: a
 * full disk, a value the plan's rules refuse, or SQLite's words.
 *
 * Returns: %FALSE, to return at once
 */
gboolean
lc_plan_set_db_error (LcPlan  *self,
                      int      rc,
                      GError **error)
{
  int primary = rc & 0xff;
  sqlite3 *db = lc_plan_get_database (self);

  if (primary == SQLITE_FULL)
    g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_NO_SPACE,
                 _("%s: the disk is full. Free some space and try again."),
                 _("Could not edit the plan"));
  else if (primary == SQLITE_CONSTRAINT)
    g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA, "%s: %s",
                 _("Could not edit the plan"), sqlite3_errmsg (db));
  else
    g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED, "%s: %s",
                 _("Could not edit the plan"), sqlite3_errmsg (db));
  return FALSE;
}

/**
 * lc_plan_prepare:
 *
 * Returns: (transfer full) (nullable): @sql prepared on the plan, or %NULL
 *   with @error set
 */
sqlite3_stmt *
lc_plan_prepare (LcPlan      *self,
                 const char  *sql,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (lc_plan_get_database (self), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      lc_plan_set_db_error (self, rc, error);
      return NULL;
    }
  return stmt;
}

/**
 * lc_plan_run:
 *
 * Runs @stmt (a write, or a read of one row) and resets it.
 *
 * Returns: %FALSE with @error set when it fails
 */
gboolean
lc_plan_run (LcPlan        *self,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return lc_plan_set_db_error (self, rc, error);
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * lc_plan_end_edit:
 * @ok: whether the edit's statements succeeded
 *
 * Ends an edit begun with lc_plan_begin(): commits it when @ok, else rolls
 * it back (the error is already set).
 *
 * Returns: whether the edit is in the plan
 */
gboolean
lc_plan_end_edit (LcPlan   *self,
                  gboolean  ok,
                  GError  **error)
{
  if (!ok)
    {
      lc_plan_rollback (self);
      return FALSE;
    }
  return lc_plan_commit (self, error);
}

/**
 * lc_plan_column_text:
 *
 * Returns: (transfer full) (nullable): a column's text as valid UTF-8
 *   (files are hostile input), or %NULL for NULL
 */
char *
lc_plan_column_text (sqlite3_stmt *stmt,
                     int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, column), -1);
}

/**
 * lc_plan_bind_text:
 * @text: (nullable): the value; %NULL, empty or only white space binds NULL
 */
void
lc_plan_bind_text (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  const char *p = text;

  while (p != NULL && g_ascii_isspace (*p))
    p++;
  if (p == NULL || *p == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/**
 * lc_plan_open_reader:
 *
 * A connection of its own to the plan's working copy, read-only, for a
 * worker thread to read while the main thread edits: it sees the plan as
 * of the last finished edit. Close it with sqlite3_close().
 *
 * Returns: (transfer full) (nullable): the connection
 */
sqlite3 *
lc_plan_open_reader (LcPlan  *self,
                     GError **error)
{
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (self), NULL);

  if (self->db == NULL)
    {
      /* Closed while a worker was on its way: nothing to read any more */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The plan is closed."));
      return NULL;
    }
  if (self->read_only)
    /* The file itself: with the guards it was opened with */
    return lc_plan_db_open_guarded (self->work_path, TRUE, error);
  rc = sqlite3_open_v2 (self->work_path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED, _("Could not read the working copy: %s"),
                   sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  return db;
}

/**
 * lc_plan_begin:
 * @label: what the edit does, translated, for "Undo …" ("Move Facility")
 *
 * Starts an edit: every change to the database until lc_plan_commit() is
 * one undo step and one "changed" emission.
 */
gboolean
lc_plan_begin (LcPlan      *self,
               const char  *label,
               GError     **error)
{
  return lc_plan_begin_full (self, label, TRUE, error);
}

/**
 * lc_plan_begin_group:
 * @label: the undo label of the whole, translated
 *
 * Starts an edit that the edits begun before its end join: lc_plan_begin()
 * and lc_plan_commit() (or lc_plan_end_edit()) inside it nest, so that
 * functions that are one undo step each (lc_plan_add_meeting(), …) make up
 * one step together. End it with lc_plan_end_group(). When any nested edit
 * is rolled back, the group is rolled back as a whole.
 */
gboolean
lc_plan_begin_group (LcPlan      *self,
                     const char  *label,
                     GError     **error)
{
  if (!lc_plan_begin_full (self, label, TRUE, error))
    return FALSE;
  self->group_depth = 1;
  self->group_failed = FALSE;
  return TRUE;
}

/**
 * lc_plan_end_group:
 * @ok: whether the caller's writes succeeded
 *
 * Ends the group begun with lc_plan_begin_group(): commits it as one undo
 * step when @ok and no nested edit failed, else rolls it all back.
 *
 * Returns: whether the edit is in the plan
 */
gboolean
lc_plan_end_group (LcPlan    *self,
                   gboolean   ok,
                   GError   **error)
{
  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);
  g_return_val_if_fail (self->group_depth == 1, FALSE);

  return lc_plan_end_edit (self, ok, ok ? error : NULL);
}

/**
 * lc_plan_begin_full:
 * @undoable: %FALSE for an edit too large to keep as an undo step (an
 *   import into a new plan): it then clears the undo history
 *
 * Starts an edit, like lc_plan_begin().
 */
gboolean
lc_plan_begin_full (LcPlan      *self,
                    const char  *label,
                    gboolean     undoable,
                    GError     **error)
{
  int rc = SQLITE_OK;

  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  if (!refuse_read_only (self, error))
    return FALSE;
  if (self->in_edit && self->group_depth > 0)
    {
      /* Joins the group's edit */
      self->group_depth++;
      return TRUE;
    }
  if (self->in_edit)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_BUSY,
                           _("Another edit is already in progress."));
      return FALSE;
    }

  if (!wait_for_save (self, error) ||
      !exec_sql (self->db, "BEGIN IMMEDIATE", _("Could not edit the plan"), error))
    return FALSE;

  if (undoable)
    {
      rc = sqlite3session_create (self->db, "main", &self->session);
      if (rc == SQLITE_OK)
        rc = sqlite3session_attach (self->session, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_clear_pointer (&self->session, sqlite3session_delete);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return set_db_error (error, self->db, rc, _("Could not edit the plan"));
    }

  self->in_edit = TRUE;
  g_free (self->edit_label);
  self->edit_label = g_strdup (label);
  return TRUE;
}

void
lc_plan_rollback (LcPlan *self)
{
  g_return_if_fail (LC_IS_PLAN (self));

  if (!self->in_edit)
    return;
  if (self->group_depth > 1)
    {
      /* The group's end rolls back the whole */
      self->group_depth--;
      self->group_failed = TRUE;
      return;
    }

  self->group_depth = 0;
  self->in_edit = FALSE;
  g_clear_pointer (&self->session, sqlite3session_delete);
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Whether an UPDATE of unit_profile in a changeset sets the walking speed
 * or the coverage target, which feed coverage; its other columns only
 * describe the unit. A file from outside may order the columns its own
 * way: their places are looked up */
static gboolean
sets_walking_setting (LcPlan                 *self,
                      sqlite3_changeset_iter *iter,
                      int                     n_cols)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA table_info (unit_profile)", -1, &stmt, NULL) != SQLITE_OK)
    return TRUE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      int cid = sqlite3_column_int (stmt, 0);
      sqlite3_value *value = NULL;

      if ((g_strcmp0 (name, "walking_speed_m_min") == 0 || g_strcmp0 (name, "coverage_target") == 0) &&
          cid < n_cols && sqlite3changeset_new (iter, cid, &value) == SQLITE_OK && value != NULL)
        return TRUE;
    }
  return FALSE;
}

/* What a changeset changes, from the tables it touches */
static LcPlanChange
changeset_change (LcPlan *self,
                  int     n,
                  void   *changeset)
{
  sqlite3_changeset_iter *iter = NULL;
  LcPlanChange change = 0;

  if (sqlite3changeset_start (&iter, n, changeset) != SQLITE_OK)
    return LC_PLAN_CHANGE_ALL;

  while (sqlite3changeset_next (iter) == SQLITE_ROW)
    {
      const char *table;
      int n_cols, op, indirect;
      LcPlanChange part;

      sqlite3changeset_op (iter, &table, &n_cols, &op, &indirect);
      part = lc_plan_change_for_table (table);
      if (part == LC_PLAN_CHANGE_PROFILE && (op != SQLITE_UPDATE || sets_walking_setting (self, iter, n_cols)))
        part |= LC_PLAN_CHANGE_THRESHOLDS;
      change |= part != 0 ? part : LC_PLAN_CHANGE_ALL;
    }
  sqlite3changeset_finalize (iter);

  return change;
}

/**
 * lc_plan_commit:
 *
 * Ends the edit begun by lc_plan_begin(). An edit that changed nothing
 * leaves no undo step and emits nothing.
 */
gboolean
lc_plan_commit (LcPlan  *self,
                GError **error)
{
  void *changeset = NULL;
  int n = 0, rc = SQLITE_OK;
  gboolean undoable;
  Step *step;

  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);
  g_return_val_if_fail (self->in_edit, FALSE);

  if (self->group_depth > 1)
    {
      self->group_depth--;
      return TRUE;
    }
  if (self->group_depth == 1 && self->group_failed)
    {
      lc_plan_rollback (self);
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                           _("A part of the edit failed; nothing was changed."));
      return FALSE;
    }
  self->group_depth = 0;

  undoable = self->session != NULL;
  if (undoable)
    rc = sqlite3session_changeset (self->session, &n, &changeset);
  g_clear_pointer (&self->session, sqlite3session_delete);
  self->in_edit = FALSE;
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (error, self->db, rc, _("Could not edit the plan"));
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_free (changeset);
      return FALSE;
    }

  if (undoable && n == 0)
    {
      sqlite3_free (changeset);
      return TRUE;
    }

  if (!undoable)
    {
      /* The steps before no longer describe the plan: history ends here */
      g_ptr_array_set_size (self->undo, 0);
      g_ptr_array_set_size (self->redo, 0);
      self->state = self->next_state++;
      announce (self, LC_PLAN_CHANGE_ALL);
      return TRUE;
    }

  step = g_new0 (Step, 1);
  step->label = g_steal_pointer (&self->edit_label);
  step->changeset = changeset;
  step->n_changeset = n;
  step->before = self->state;
  step->after = self->state = self->next_state++;
  step->change = changeset_change (self, n, changeset);
  g_ptr_array_add (self->undo, step);
  g_ptr_array_set_size (self->redo, 0);

  announce (self, step->change);

  return TRUE;
}

/**
 * lc_plan_execute:
 * @label: the undo label, translated
 * @sql: one or more statements
 *
 * Runs @sql as one edit.
 */
gboolean
lc_plan_execute (LcPlan      *self,
                 const char  *label,
                 const char  *sql,
                 GError     **error)
{
  if (!lc_plan_begin (self, label, error))
    return FALSE;

  if (!exec_sql (self->db, sql, _("Could not edit the plan"), error))
    {
      lc_plan_rollback (self);
      return FALSE;
    }

  return lc_plan_commit (self, error);
}

/* Checks that @column is a column of @table in the schema, so that names
 * can be put into SQL, and, for @text_only, that it holds text: numbers
 * go through their modules' typed setters, never through text; returns
 * the table's key column */
static const char *
lookup_column (const char  *table,
               const char  *column,
               gboolean     text_only,
               GError     **error)
{
  const LcPlanTable *t = lc_plan_schema_lookup_table (table);

  if (t != NULL)
    for (const LcPlanColumn *c = t->columns; c->name != NULL; c++)
      if (g_str_equal (c->name, column) && (!text_only || g_str_has_prefix (c->decl, "TEXT")))
        return t->geometry_type != 0 ? "fid" : "id";

  g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_SCHEMA, "no column %s.%s", table, column);
  return NULL;
}

/**
 * lc_plan_get_text:
 * @table: a table of the schema
 * @id: the row's key
 * @column: a column of @table
 *
 * Returns: (transfer full) (nullable): the value as text, %NULL when the row
 * does not exist or the value is NULL
 */
char *
lc_plan_get_text (LcPlan     *self,
                  const char *table,
                  gint64      id,
                  const char *column)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  const char *key;

  g_return_val_if_fail (LC_IS_PLAN (self), NULL);

  key = lookup_column (table, column, FALSE, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  sql = g_strdup_printf ("SELECT \"%s\" FROM \"%s\" WHERE %s = ?", column, table, key);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;

  return g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, 0), -1);
}

/**
 * lc_plan_set_text:
 * @label: the undo label, translated
 * @column: a text column of @table (a number has a typed setter in its
 *   module: lc_plan_set_threshold(), lc_plan_set_building_levels(), …)
 * @value: (nullable): the new text; %NULL or "" stores NULL
 *
 * Sets one value as one edit; setting the value it already has is no edit.
 */
gboolean
lc_plan_set_text (LcPlan      *self,
                  const char  *label,
                  const char  *table,
                  gint64       id,
                  const char  *column,
                  const char  *value,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  const char *key;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);

  key = lookup_column (table, column, TRUE, error);
  g_return_val_if_fail (key != NULL, FALSE);

  sql = g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = ?1 WHERE %s = ?2 AND \"%s\" IS NOT ?1",
                         table, column, key, column);
  if (!lc_plan_begin (self, label, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      if (value != NULL && value[0] != '\0')
        sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, id);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, self->db, rc, _("Could not edit the plan"));
      g_clear_pointer (&stmt, sqlite3_finalize);
      lc_plan_rollback (self);
      return FALSE;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  return lc_plan_commit (self, error);
}

/**
 * lc_plan_store_view:
 * @latitude: the map's centre, WGS-84 degrees
 * @zoom: the map's zoom level
 *
 * Keeps where the map looked in the plan, so that it opens there again.
 * Not an edit: no undo step, and the plan does not become modified by it;
 * the next save writes it.
 */
gboolean
lc_plan_store_view (LcPlan  *self,
                    double   latitude,
                    double   longitude,
                    double   zoom,
                    GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);

  if (!refuse_read_only (self, error))
    return FALSE;
  if (self->in_edit)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_BUSY, _("Another edit is already in progress."));
      return FALSE;
    }
  if (!wait_for_save (self, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (self->db, "UPDATE unit_profile SET view_latitude = ?, view_longitude = ?, view_zoom = ?",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_double (stmt, 1, CLAMP (latitude, -85.0511, 85.0511));
      sqlite3_bind_double (stmt, 2, CLAMP (longitude, -180, 180));
      sqlite3_bind_double (stmt, 3, CLAMP (zoom, 0, 22));
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    return set_db_error (error, self->db, rc, _("Could not edit the plan"));
  return TRUE;
}

/**
 * lc_plan_count_rows:
 *
 * Returns: the number of rows in @table, a table of the schema
 */
gint64
lc_plan_count_rows (LcPlan     *self,
                    const char *table)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;

  g_return_val_if_fail (LC_IS_PLAN (self), 0);
  g_return_val_if_fail (lc_plan_schema_lookup_table (table) != NULL, 0);

  sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
lc_plan_can_undo (LcPlan *self)
{
  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);
  return self->undo->len > 0;
}

gboolean
lc_plan_can_redo (LcPlan *self)
{
  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);
  return self->redo->len > 0;
}

/**
 * lc_plan_get_undo_label:
 *
 * Returns: (transfer none) (nullable): the label of the edit Undo would undo
 */
const char *
lc_plan_get_undo_label (LcPlan *self)
{
  g_return_val_if_fail (LC_IS_PLAN (self), NULL);
  return self->undo->len > 0 ? ((Step *) g_ptr_array_index (self->undo, self->undo->len - 1))->label : NULL;
}

/**
 * lc_plan_get_redo_label:
 *
 * Returns: (transfer none) (nullable): the label of the edit Redo would redo
 */
const char *
lc_plan_get_redo_label (LcPlan *self)
{
  g_return_val_if_fail (LC_IS_PLAN (self), NULL);
  return self->redo->len > 0 ? ((Step *) g_ptr_array_index (self->redo, self->redo->len - 1))->label : NULL;
}

static int
on_conflict (void                   *user_data,
             int                     conflict,
             sqlite3_changeset_iter *iter)
{
  /* The working copy is exactly as the step left it, so any conflict means
   * something wrote behind our back: stop rather than guess */
  return SQLITE_CHANGESET_ABORT;
}

static gboolean
apply_changeset (LcPlan   *self,
                 int       n,
                 void     *changeset,
                 GError  **error)
{
  int rc;

  /* Cascades already happened when the step was recorded and are in the
   * changeset: replaying them again would double them */
  sqlite3_exec (self->db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
  rc = sqlite3changeset_apply (self->db, n, changeset, NULL, on_conflict, NULL);
  sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_db_error (error, self->db, rc, _("Could not undo or redo"));
  return TRUE;
}

static gboolean
undo_redo (LcPlan    *self,
           gboolean   undo,
           GError   **error)
{
  GPtrArray *from = undo ? self->undo : self->redo;
  GPtrArray *to = undo ? self->redo : self->undo;
  Step *step;

  g_return_val_if_fail (LC_IS_PLAN (self), FALSE);

  if (self->in_edit)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_BUSY,
                           _("Another edit is already in progress."));
      return FALSE;
    }
  if (from->len == 0)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_NOTHING_TO_UNDO,
                           undo ? _("There is nothing to undo.") : _("There is nothing to redo."));
      return FALSE;
    }
  if (!wait_for_save (self, error))
    return FALSE;

  step = g_ptr_array_index (from, from->len - 1);

  if (undo)
    {
      void *inverse = NULL;
      int n_inverse = 0;
      int rc = sqlite3changeset_invert (step->n_changeset, step->changeset, &n_inverse, &inverse);
      gboolean ok;

      if (rc != SQLITE_OK)
        return set_db_error (error, self->db, rc, _("Could not undo or redo"));
      ok = apply_changeset (self, n_inverse, inverse, error);
      sqlite3_free (inverse);
      if (!ok)
        return FALSE;
      self->state = step->before;
    }
  else
    {
      if (!apply_changeset (self, step->n_changeset, step->changeset, error))
        return FALSE;
      self->state = step->after;
    }

  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));

  announce (self, step->change);
  return TRUE;
}

/**
 * lc_plan_undo:
 *
 * Reverts the last edit, or the last redo, exactly, row for row.
 */
gboolean
lc_plan_undo (LcPlan  *self,
              GError **error)
{
  return undo_redo (self, TRUE, error);
}

/**
 * lc_plan_redo:
 *
 * Makes again the edit the last undo reverted.
 */
gboolean
lc_plan_redo (LcPlan  *self,
              GError **error)
{
  return undo_redo (self, FALSE, error);
}
