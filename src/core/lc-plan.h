/* lc-plan.h: the open plan document
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

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
  LC_PLAN_ERROR_BUSY,                /* an edit, or a save, is already in progress */
  LC_PLAN_ERROR_NOTHING_TO_UNDO,
  LC_PLAN_ERROR_INVALID_DATA,        /* rows that break the format: bad geometry, dangling reference */
  LC_PLAN_ERROR_READ_ONLY,           /* an edit or save of a plan opened with lc_plan_open_read_only() */
} LcPlanError;

/* The largest plan file we open; attachments make plans big, 2 GiB is plenty */
#define LC_PLAN_MAX_FILE_SIZE (G_GINT64_CONSTANT (2) << 30)

/* The largest single value (an attachment) we read or write */
#define LC_PLAN_MAX_VALUE_SIZE (256 * 1024 * 1024)

/**
 * LcPlanChange:
 *
 * What an edit, undo or redo changed, as LcPlan::changed tells it: a page
 * reloads what it shows when one of the parts it shows is in the flags.
 */
typedef enum /*< flags >*/
{
  LC_PLAN_CHANGE_PROFILE       = 1 << 0,  /* the unit's name, district, planners, period, version, population */
  LC_PLAN_CHANGE_THRESHOLDS    = 1 << 1,  /* walking speed, coverage target, the services' thresholds */
  LC_PLAN_CHANGE_BOUNDARY      = 1 << 2,  /* the unit's boundary */
  LC_PLAN_CHANGE_NETWORK       = 1 << 3,  /* the walking paths */
  LC_PLAN_CHANGE_BUILDINGS     = 1 << 4,  /* buildings: homes and their residents */
  LC_PLAN_CHANGE_LANDCOVER     = 1 << 5,  /* water, green and land use */
  LC_PLAN_CHANGE_FACILITIES    = 1 << 6,  /* facilities and the services they offer */
  LC_PLAN_CHANGE_PROJECTS      = 1 << 7,  /* projects, their services and milestones */
  LC_PLAN_CHANGE_PROJECT_PLACES = 1 << 8, /* where the projects are */
  LC_PLAN_CHANGE_NEEDS         = 1 << 9,  /* the needs list */
  LC_PLAN_CHANGE_NEED_LINKS    = 1 << 10, /* which projects answer which needs */
  LC_PLAN_CHANGE_MEETINGS      = 1 << 11, /* meetings, sign-ins, votes, ratings and the projects discussed */
  LC_PLAN_CHANGE_BLUEPRINT     = 1 << 12, /* the blueprint's text */
  LC_PLAN_CHANGE_TARGETS       = 1 << 13, /* the blueprint's targets per service and year */
  LC_PLAN_CHANGE_ATTACHMENTS   = 1 << 14, /* files stored in the plan */
  LC_PLAN_CHANGE_COMMENTS      = 1 << 15, /* reviewers' comments */
  LC_PLAN_CHANGE_CATALOGUE     = 1 << 16, /* the service catalogue and the format's own record */
} LcPlanChange;

#define LC_PLAN_CHANGE_ALL ((LcPlanChange) ((1 << 17) - 1))

/* What the basemap draws */
#define LC_PLAN_CHANGE_BASEMAP (LC_PLAN_CHANGE_BOUNDARY | LC_PLAN_CHANGE_NETWORK | \
                                LC_PLAN_CHANGE_BUILDINGS | LC_PLAN_CHANGE_LANDCOVER)

/* What walking coverage is computed from */
#define LC_PLAN_CHANGE_COVERAGE_INPUTS (LC_PLAN_CHANGE_NETWORK | LC_PLAN_CHANGE_BUILDINGS | \
                                        LC_PLAN_CHANGE_FACILITIES | LC_PLAN_CHANGE_THRESHOLDS)

#define LC_TYPE_PLAN_CHANGE (lc_plan_change_get_type ())
GType        lc_plan_change_get_type  (void) G_GNUC_CONST;
LcPlanChange lc_plan_change_for_table (const char    *table);

#define LC_TYPE_PLAN (lc_plan_get_type ())

G_DECLARE_FINAL_TYPE (LcPlan, lc_plan, LC, PLAN, GObject)

GQuark       lc_plan_error_quark      (void);
gboolean     lc_plan_error_is_unreadable (const GError *error);

LcPlan      *lc_plan_new              (GError       **error);
LcPlan      *lc_plan_open             (GFile         *file,
                                       GCancellable  *cancellable,
                                       GError       **error);
LcPlan      *lc_plan_open_read_only   (GFile         *file,
                                       GCancellable  *cancellable,
                                       GError       **error);
LcPlan      *lc_plan_restore          (const char    *recovery_id,
                                       GError       **error);
gboolean     lc_plan_save             (LcPlan        *self,
                                       GFile         *file,
                                       GCancellable  *cancellable,
                                       GError       **error);
void         lc_plan_save_async       (LcPlan        *self,
                                       GFile         *file,
                                       int            io_priority,
                                       GCancellable  *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer       user_data);
gboolean     lc_plan_save_finish      (LcPlan        *self,
                                       GAsyncResult  *result,
                                       GError       **error);
gboolean     lc_plan_get_busy         (LcPlan        *self);
void         lc_plan_close            (LcPlan        *self);

GFile       *lc_plan_get_file         (LcPlan        *self);
char        *lc_plan_dup_display_name (LcPlan        *self);
gboolean     lc_plan_get_modified     (LcPlan        *self);
int          lc_plan_get_format_version (LcPlan      *self);
const char  *lc_plan_get_recovery_id  (LcPlan        *self);
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
gboolean     lc_plan_begin_group      (LcPlan        *self,
                                       const char    *label,
                                       GError       **error);
gboolean     lc_plan_end_group        (LcPlan        *self,
                                       gboolean       ok,
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

G_END_DECLS
