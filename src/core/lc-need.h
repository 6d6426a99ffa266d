/* lc-need.h: the needs list: residents' needs on the map and the projects answering them
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-field.h"
#include "lc-plan.h"
#include "lc-problem.h"

G_BEGIN_DECLS

/* The enumerated fields of needs, as lc-project.h's of projects */

typedef enum
{
  LC_NEED_SOURCE_NONE,                 /* not recorded */
  LC_NEED_SOURCE_QUESTIONNAIRE,        /* questionnaire */
  LC_NEED_SOURCE_FORUM,                /* forum */
  LC_NEED_SOURCE_RESIDENTS_COMMITTEE,  /* residents_committee */
  LC_NEED_SOURCE_HOTLINE_12345,        /* hotline_12345 */
  LC_NEED_SOURCE_OTHER,
  /* A key the plan holds that is none of these (the column has no CHECK):
   * read as it is, refused by lc_need_check() */
  LC_NEED_SOURCE_UNKNOWN,
} LcNeedSource;

typedef enum
{
  LC_NEED_STATUS_OPEN,        /* open */
  LC_NEED_STATUS_ANSWERED,    /* answered */
  LC_NEED_STATUS_CLOSED,      /* closed */
} LcNeedStatus;

const char  *lc_need_source_to_key       (LcNeedSource      source);
gboolean     lc_need_source_from_key     (const char       *key,
                                          LcNeedSource     *source);
const char  *lc_need_source_get_name     (LcNeedSource      source);
const char  *lc_need_status_to_key       (LcNeedStatus      status);
gboolean     lc_need_status_from_key     (const char       *key,
                                          LcNeedStatus     *status);
const char  *lc_need_status_get_name     (LcNeedStatus      status);

typedef struct
{
  gint64   fid;                 /* 0 for a need not yet in the plan */
  char    *date;                /* YYYY-MM-DD */
  LcNeedSource source;
  char    *service;             /* (nullable) service key */
  char    *description;
  int      urgency;             /* 1–4, 0 when not recorded */
  int      residents;           /* -1 when not recorded */
  LcNeedStatus status;          /* LC_NEED_STATUS_OPEN by default */
  char    *notes;
  double   latitude;
  double   longitude;
  GArray  *project_ids;         /* gint64: projects answering it; lc_plan_save_need() writes them */
} LcNeed;

LcNeed      *lc_need_new                    (void);
void         lc_need_free                   (LcNeed           *need);
GPtrArray   *lc_need_check                  (const LcNeed     *need);

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
gboolean     lc_plan_link_need              (LcPlan           *plan,
                                             gint64            need_fid,
                                             gint64            project_id,
                                             GError          **error);
gboolean     lc_plan_unlink_need            (LcPlan           *plan,
                                             gint64            need_fid,
                                             gint64            project_id,
                                             GError          **error);

/* For lc-exchange.c: the writes above without their own undo step, inside
 * an edit the caller began. They validate first and write nothing on error. */
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcNeed, lc_need_free)

G_END_DECLS
