/* lc-plan.h: the open plan document
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "lc-types.h"

G_BEGIN_DECLS

#define LC_PLAN_ERROR (lc_plan_error_quark ())

typedef enum
{
  LC_PLAN_ERROR_FAILED,
  LC_PLAN_ERROR_EMPTY,               /* zero bytes */
  LC_PLAN_ERROR_NOT_SQLITE,          /* not a database at all */
  LC_PLAN_ERROR_DAMAGED,             /* a database, but cut short or corrupt */
  LC_PLAN_ERROR_NOT_GEOPACKAGE,      /* an SQLite database of another kind */
  LC_PLAN_ERROR_FOREIGN_GEOPACKAGE,  /* a GeoPackage made by another program */
  LC_PLAN_ERROR_NEWER_VERSION,       /* a plan from a newer Life Circle Planner */
  LC_PLAN_ERROR_UNSAFE,              /* holds triggers or views, which could run code */
  LC_PLAN_ERROR_SCHEMA,              /* a plan whose tables are not as they should be */
  LC_PLAN_ERROR_TOO_LARGE,           /* over LC_PLAN_MAX_FILE_SIZE */
  LC_PLAN_ERROR_NO_SPACE,            /* the disk is full */
  LC_PLAN_ERROR_BUSY,                /* an edit is already in progress */
  LC_PLAN_ERROR_NOTHING_TO_UNDO,
  LC_PLAN_ERROR_INVALID_DATA,        /* rows that break the format: bad geometry, dangling reference */
} LcPlanError;

/* The largest plan file we open; attachments make plans big, 2 GiB is plenty */
#define LC_PLAN_MAX_FILE_SIZE (G_GINT64_CONSTANT (2) << 30)

/* The largest single value (an attachment) we read or write */
#define LC_PLAN_MAX_VALUE_SIZE (256 * 1024 * 1024)

#define LC_TYPE_PLAN (lc_plan_get_type ())

G_DECLARE_FINAL_TYPE (LcPlan, lc_plan, LC, PLAN, GObject)

GQuark       lc_plan_error_quark      (void);

LcPlan      *lc_plan_new              (GError       **error);
LcPlan      *lc_plan_open             (GFile         *file,
                                       GCancellable  *cancellable,
                                       GError       **error);
LcPlan      *lc_plan_restore          (const char    *recovery_id,
                                       GError       **error);
gboolean     lc_plan_save             (LcPlan        *self,
                                       GFile         *file,
                                       GCancellable  *cancellable,
                                       GError       **error);
void         lc_plan_close            (LcPlan        *self);

GFile       *lc_plan_get_file         (LcPlan        *self);
char        *lc_plan_dup_display_name (LcPlan        *self);
gboolean     lc_plan_get_modified     (LcPlan        *self);
int          lc_plan_get_format_version (LcPlan      *self);
const char  *lc_plan_get_recovery_id  (LcPlan        *self);
sqlite3     *lc_plan_get_database     (LcPlan        *self);
sqlite3     *lc_plan_open_reader      (LcPlan        *self,
                                       GError       **error);
sqlite3_stmt *lc_plan_prepare         (LcPlan        *self,
                                       const char    *sql,
                                       GError       **error);
gboolean     lc_plan_run              (LcPlan        *self,
                                       sqlite3_stmt  *stmt,
                                       GError       **error);
gboolean     lc_plan_set_db_error     (LcPlan        *self,
                                       int            rc,
                                       GError       **error);
gboolean     lc_plan_end_edit         (LcPlan        *self,
                                       gboolean       ok,
                                       GError       **error);
char        *lc_plan_column_text      (sqlite3_stmt  *stmt,
                                       int            column);
void         lc_plan_bind_text        (sqlite3_stmt  *stmt,
                                       int            index,
                                       const char    *text);

gboolean     lc_plan_begin            (LcPlan        *self,
                                       const char    *label,
                                       GError       **error);
gboolean     lc_plan_begin_full       (LcPlan        *self,
                                       const char    *label,
                                       gboolean       undoable,
                                       GError       **error);
gboolean     lc_plan_begin_group      (LcPlan        *self,
                                       const char    *label,
                                       GError       **error);
gboolean     lc_plan_end_group        (LcPlan        *self,
                                       gboolean       ok,
                                       GError       **error);
gboolean     lc_plan_commit           (LcPlan        *self,
                                       GError       **error);
void         lc_plan_rollback         (LcPlan        *self);
gboolean     lc_plan_execute          (LcPlan        *self,
                                       const char    *label,
                                       const char    *sql,
                                       GError       **error);

char        *lc_plan_get_text         (LcPlan        *self,
                                       const char    *table,
                                       gint64         id,
                                       const char    *column);
gboolean     lc_plan_set_text         (LcPlan        *self,
                                       const char    *label,
                                       const char    *table,
                                       gint64         id,
                                       const char    *column,
                                       const char    *value,
                                       GError       **error);
gboolean     lc_plan_store_view       (LcPlan        *self,
                                       double         latitude,
                                       double         longitude,
                                       double         zoom,
                                       GError       **error);
gint64       lc_plan_count_rows       (LcPlan        *self,
                                       const char    *table);

gboolean     lc_plan_can_undo         (LcPlan        *self);
gboolean     lc_plan_can_redo         (LcPlan        *self);
const char  *lc_plan_get_undo_label   (LcPlan        *self);
const char  *lc_plan_get_redo_label   (LcPlan        *self);
gboolean     lc_plan_undo             (LcPlan        *self,
                                       GError       **error);
gboolean     lc_plan_redo             (LcPlan        *self,
                                       GError       **error);

/* Unsaved work left behind by a process that ended without closing its plan */
typedef struct
{
  char    *id;            /* pass to lc_plan_restore() */
  char    *file_path;     /* the plan it came from, or NULL for a new plan */
  char    *display_name;
  GDateTime *modified;    /* when it was last edited */
} LcRecoverable;

void         lc_recoverable_free        (LcRecoverable *item);
GPtrArray   *lc_plan_list_recoverable   (void);
gboolean     lc_plan_discard_recoverable (const char   *recovery_id,
                                          GError      **error);
char        *lc_plan_get_recovery_dir   (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcRecoverable, lc_recoverable_free)

/* g_autoptr(sqlite3_stmt), for every file that reads a plan's database */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
