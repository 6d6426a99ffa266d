/* lc-project.h: projects (the reserve and the implementation lists), and with lc-need.h the needs list
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-field.h"
#include "lc-geometry.h"
#include "lc-need.h"
#include "lc-plan.h"
#include "lc-problem.h"

G_BEGIN_DECLS

/* The years a project, a date or a blueprint target may name */
#define LC_PROJECT_MIN_YEAR 2020
#define LC_PROJECT_MAX_YEAR 2100

/* The enumerated fields of projects, in the order of their keys
 * (docs/plan-format.md); each has lc_<enum>_to_key(), _from_key() and
 * _get_name(), and lc-field.h reaches them all by their LcField */

typedef enum
{
  LC_PROJECT_KIND_NONE,       /* not recorded */
  LC_PROJECT_KIND_BASIC,      /* basic: 基础保障 */
  LC_PROJECT_KIND_QUALITY,    /* quality: 品质提升 */
} LcProjectKind;

typedef enum
{
  LC_PROJECT_ROLE_NONE,       /* not recorded */
  LC_PROJECT_ROLE_RENMINFANG, /* renminfang: builds a 人民坊 */
  LC_PROJECT_ROLE_LIUYITING,  /* liuyiting: builds a 六艺亭 */
  LC_PROJECT_ROLE_OTHER,
} LcProjectRole;

typedef enum
{
  LC_PROJECT_STATUS_RESERVE,      /* reserve: in the 3-year reserve */
  LC_PROJECT_STATUS_IN_PROGRESS,  /* in_progress */
  LC_PROJECT_STATUS_COMPLETED,    /* completed */
} LcProjectStatus;

typedef enum
{
  LC_PROJECT_PATH_NONE,            /* not recorded */
  LC_PROJECT_PATH_NEW_BUILD,       /* new_build */
  LC_PROJECT_PATH_RENOVATION,      /* renovation */
  LC_PROJECT_PATH_ATTACHED_SPACE,  /* attached_space: opening a unit's attached space */
  LC_PROJECT_PATH_OTHER,
} LcProjectPath;

const char  *lc_project_kind_to_key      (LcProjectKind     kind);
gboolean     lc_project_kind_from_key    (const char       *key,
                                          LcProjectKind    *kind);
const char  *lc_project_kind_get_name    (LcProjectKind     kind);
const char  *lc_project_role_to_key      (LcProjectRole     role);
gboolean     lc_project_role_from_key    (const char       *key,
                                          LcProjectRole    *role);
const char  *lc_project_role_get_name    (LcProjectRole     role);
const char  *lc_project_status_to_key    (LcProjectStatus   status);
gboolean     lc_project_status_from_key  (const char       *key,
                                          LcProjectStatus  *status);
const char  *lc_project_status_get_name  (LcProjectStatus   status);
const char  *lc_project_path_to_key      (LcProjectPath     path);
gboolean     lc_project_path_from_key    (const char       *key,
                                          LcProjectPath    *path);
const char  *lc_project_path_get_name    (LcProjectPath     path);

/* Which projects a list shows */
typedef enum
{
  LC_PROJECT_LIST_ALL,
  LC_PROJECT_LIST_RESERVE,   /* status reserve: the 3-year project reserve */
  LC_PROJECT_LIST_YEAR,      /* one year's implementation list: that year, not in the reserve */
} LcProjectList;

/* All zeros: every project */
typedef struct
{
  LcProjectList    list;
  int              year;       /* for LC_PROJECT_LIST_YEAR */
  gboolean         by_status;  /* only the projects of @status */
  LcProjectStatus  status;
  gboolean         by_kind;    /* only the projects of @kind */
  LcProjectKind    kind;
  const char      *service;    /* (nullable): only projects offering this service */
} LcProjectFilter;

typedef struct
{
  gint64   id;                  /* 0 for a project not yet in the plan */
  char    *name;
  LcProjectKind kind;
  LcProjectRole role;
  int      year;                /* 0: none */
  LcProjectStatus status;       /* LC_PROJECT_STATUS_RESERVE by default */
  double   progress;            /* 0–1, NAN when not recorded */
  double   budget_wan;          /* 万元, NAN when not recorded */
  char    *funding_source;
  char    *implementing_body;
  char    *content;
  LcProjectPath path;
  char    *path_note;
  char    *start_date;          /* YYYY-MM-DD or YYYY-MM */
  char    *end_date;
  char    *design_team;
  gboolean key_project;
  char    *notes;
  GStrv    services;            /* service keys, catalogue order */
  double   latitude;            /* the location's point (an area's centre); NAN for none */
  double   longitude;
  gboolean location_is_area;    /* the location is an area; latitude/longitude its centre */
  LcGeometry *area;             /* (nullable) that area: loaded by lc_plan_load_project() */
  GArray  *need_fids;           /* gint64: the needs it answers (read only here) */
  GPtrArray *milestones;        /* (nullable) LcMilestone, by date: loaded by lc_plan_load_project();
                                 * NULL when not loaded, and then lc_project_write() keeps them */
} LcProject;

/* A step of a project's schedule (时间安排), such as 方案公示 or 竣工验收 */
typedef struct
{
  char     *date;               /* YYYY-MM-DD or YYYY-MM */
  char     *title;
  gboolean  done;
} LcMilestone;

LcMilestone *lc_milestone_new  (const char *date,
                                const char *title,
                                gboolean    done);
void         lc_milestone_free (LcMilestone *milestone);

LcProject   *lc_project_new                 (void);
void         lc_project_free                (LcProject        *project);
GPtrArray   *lc_project_check               (const LcProject  *project);
char        *lc_project_dup_missing         (const LcProject  *project);   /* lc-problem.c */
gboolean     lc_date_is_valid               (const char       *date,
                                             gboolean          allow_month);

LcProject   *lc_plan_load_project           (LcPlan           *plan,
                                             gint64            id,
                                             GError          **error);
GPtrArray   *lc_plan_list_projects          (LcPlan           *plan,
                                             const LcProjectFilter *filter,
                                             GError          **error);
GArray      *lc_plan_list_project_years     (LcPlan           *plan,
                                             GError          **error);
gint64       lc_plan_find_project           (LcPlan           *plan,
                                             const char       *name,
                                             GError          **error);
gint64       lc_plan_add_project            (LcPlan           *plan,
                                             const LcProject  *project,
                                             GError          **error);
gboolean     lc_plan_update_project         (LcPlan           *plan,
                                             const LcProject  *project,
                                             GError          **error);
gboolean     lc_plan_delete_project         (LcPlan           *plan,
                                             gint64            id,
                                             GError          **error);
gboolean     lc_plan_schedule_project       (LcPlan           *plan,
                                             gint64            id,
                                             int               year,
                                             GError          **error);
gboolean     lc_plan_set_project_location   (LcPlan           *plan,
                                             gint64            id,
                                             const LcGeometry *location,
                                             GError          **error);

/* For lc-exchange.c: the writes above without their own undo step, inside
 * an edit the caller began. They validate first and write nothing on error. */
gint64       lc_project_write               (LcPlan           *plan,
                                             const LcProject  *project,
                                             gboolean          with_location,
                                             GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcProject, lc_project_free)

G_END_DECLS
