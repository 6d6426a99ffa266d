/* lc-project.h: projects (the reserve and the implementation lists) and the needs list
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-geometry.h"
#include "lc-plan.h"
#include "lc-problem.h"

G_BEGIN_DECLS

/* The years a project, a date or a blueprint target may name */
#define LC_PROJECT_MIN_YEAR 2020
#define LC_PROJECT_MAX_YEAR 2100

/* The enumerated fields of projects and needs: keys stored in the plan,
 * translatable English names for the interface, and the fixed Chinese
 * words of the exchange sheets (docs/exchange-sheets.md) */
typedef enum
{
  LC_FIELD_PROJECT_KIND,    /* basic, quality */
  LC_FIELD_PROJECT_ROLE,    /* renminfang, liuyiting, other */
  LC_FIELD_PROJECT_STATUS,  /* reserve, in_progress, completed */
  LC_FIELD_PROJECT_PATH,    /* new_build, renovation, attached_space, other */
  LC_FIELD_NEED_SOURCE,     /* questionnaire, forum, residents_committee, hotline_12345, other */
  LC_FIELD_NEED_STATUS,     /* open, answered, closed */
} LcField;

const char * const *lc_field_keys          (LcField      field);
const char         *lc_field_name          (LcField      field,
                                            const char  *key);
const char         *lc_field_sheet_word    (LcField      field,
                                            const char  *key);
const char         *lc_field_from_sheet_word (LcField    field,
                                              const char *word);
char               *lc_field_list_sheet_words (LcField   field);

/* Which projects a list shows */
typedef enum
{
  LC_PROJECT_LIST_ALL,
  LC_PROJECT_LIST_RESERVE,   /* status reserve: the 3-year project reserve */
  LC_PROJECT_LIST_YEAR,      /* one year's implementation list: that year, not in the reserve */
} LcProjectList;

typedef struct
{
  LcProjectList  list;
  int            year;       /* for LC_PROJECT_LIST_YEAR */
  const char    *status;     /* (nullable): only this status */
  const char    *kind;       /* (nullable): only this kind */
  const char    *service;    /* (nullable): only projects offering this service */
} LcProjectFilter;

typedef struct
{
  gint64   id;                  /* 0 for a project not yet in the plan */
  char    *name;
  char    *kind;                /* (nullable) key */
  char    *role;                /* (nullable) key */
  int      year;                /* 0: none */
  char    *status;              /* key; "reserve" by default */
  double   progress;            /* 0–1, NAN when not recorded */
  double   budget_wan;          /* 万元, NAN when not recorded */
  char    *funding_source;
  char    *implementing_body;
  char    *content;
  char    *path;                /* (nullable) key */
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

typedef struct
{
  gint64   fid;                 /* 0 for a need not yet in the plan */
  char    *date;                /* YYYY-MM-DD */
  char    *source;              /* (nullable) key */
  char    *service;             /* (nullable) service key */
  char    *description;
  int      urgency;             /* 1–4, 0 when not recorded */
  int      residents;           /* -1 when not recorded */
  char    *status;              /* key; "open" by default */
  char    *notes;
  double   latitude;
  double   longitude;
  GArray  *project_ids;         /* gint64: projects answering it; lc_plan_save_need() writes them */
} LcNeed;

LcProject   *lc_project_new                 (void);
void         lc_project_free                (LcProject        *project);
GPtrArray   *lc_project_check               (const LcProject  *project);
char        *lc_project_dup_missing         (const LcProject  *project);   /* lc-problem.c */
gboolean     lc_date_is_valid               (const char       *date,
                                             gboolean          allow_month);

LcNeed      *lc_need_new                    (void);
void         lc_need_free                   (LcNeed           *need);
GPtrArray   *lc_need_check                  (const LcNeed     *need);

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
gboolean     lc_plan_link_need              (LcPlan           *plan,
                                             gint64            need_fid,
                                             gint64            project_id,
                                             GError          **error);
gboolean     lc_plan_unlink_need            (LcPlan           *plan,
                                             gint64            need_fid,
                                             gint64            project_id,
                                             GError          **error);

LcNeed      *lc_plan_load_need              (LcPlan           *plan,
                                             gint64            fid,
                                             GError          **error);
GPtrArray   *lc_plan_list_needs             (LcPlan           *plan,
                                             GError          **error);
GPtrArray   *lc_plan_list_unanswered_needs  (LcPlan           *plan,
                                             GError          **error);
gint64       lc_plan_add_need               (LcPlan           *plan,
                                             const LcNeed     *need,
                                             GError          **error);
gint64       lc_plan_save_need              (LcPlan           *plan,
                                             const LcNeed     *need,
                                             GError          **error);
gboolean     lc_plan_delete_need            (LcPlan           *plan,
                                             gint64            fid,
                                             GError          **error);

/* For lc-exchange.c: the writes above without their own undo step, inside
 * an edit the caller began. They validate first and write nothing on error. */
gint64       lc_project_write               (LcPlan           *plan,
                                             const LcProject  *project,
                                             gboolean          with_location,
                                             GError          **error);
gint64       lc_need_write                  (LcPlan           *plan,
                                             const LcNeed     *need,
                                             GError          **error);
gboolean     lc_need_link_write             (LcPlan           *plan,
                                             gint64            need_fid,
                                             gint64            project_id,
                                             GError          **error);
gboolean     lc_need_unlink_write           (LcPlan           *plan,
                                             gint64            need_fid,
                                             gint64            project_id,
                                             GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcProject, lc_project_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcNeed, lc_need_free)

G_END_DECLS
