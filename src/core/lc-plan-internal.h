/* lc-plan-internal.h: what the parts of LcPlan share
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* For lc-plan.c, lc-plan-save.c and lc-plan-edit.c only: the rest of core
 * uses lc-plan-private.h */

#include "lc-plan-private.h"

G_BEGIN_DECLS

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

gboolean lc_plan_set_sqlite_error  (GError       **error,
                                    sqlite3       *db,
                                    int            rc,
                                    const char    *what);
gboolean lc_plan_set_errno_error   (GError       **error,
                                    int            saved_errno,
                                    const char    *what);
gboolean lc_plan_refuse_read_only  (LcPlan        *self,
                                    GError       **error);
gboolean lc_plan_exec              (sqlite3       *db,
                                    const char    *sql,
                                    const char    *what,
                                    GError       **error);
gboolean lc_plan_write_info        (LcPlan        *self,
                                    GError       **error);
void     lc_plan_announce          (LcPlan        *self,
                                    LcPlanChange   change);
void     lc_plan_notify_file       (LcPlan        *self);
gboolean lc_plan_wait_for_save     (LcPlan        *self,
                                    GError       **error);

G_END_DECLS
