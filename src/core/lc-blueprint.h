/* lc-blueprint.h: the community blueprint (社区蓝图): its text, its targets and the 1+N layout
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-facility.h"
#include "lc-plan.h"
#include "lc-project.h"
#include "lc-services.h"

G_BEGIN_DECLS

/* The blueprint covers five years */
#define LC_BLUEPRINT_YEARS 5

/* The most facilities of one service a target may add in a year */
#define LC_BLUEPRINT_MAX_FACILITIES 10000

/* A 六艺亭 farther than this from every 人民坊 is flagged: the 15-minute circle */
#define LC_BLUEPRINT_FAR_MINUTES 15.0

/* How far from the walking network a hub or pavilion may stand and still be linked */
#define LC_BLUEPRINT_SNAP_M 500.0

typedef struct
{
  gint64  id;
  char   *section;   /* vision, framework, functions, layout, other, … */
  char   *title;     /* never NULL */
  char   *body;      /* never NULL */
  int     sort;
} LcBlueprintSection;

/* One service's target for one year */
typedef struct
{
  gint64  id;                  /* 0: nothing recorded */
  int     facilities_to_add;   /* -1 when not recorded */
  double  coverage_target;     /* share 0–1, NAN when not recorded */
  char   *notes;               /* (nullable) */
} LcBlueprintTarget;

/* The targets of every service for the blueprint's five years */
typedef struct
{
  int                first_year;
  LcBlueprintTarget  cells[LC_N_SERVICES][LC_BLUEPRINT_YEARS];  /* catalogue order × year */
} LcBlueprintTargets;

/* A 人民坊 or 六艺亭 of the 1+N layout: a facility, a project, or both */
typedef struct
{
  LcProjectRole    role;             /* LC_PROJECT_ROLE_RENMINFANG or _LIUYITING */
  char            *name;
  gint64           facility_fid;     /* 0: only a project */
  LcFacilityStatus facility_status;  /* with a facility: existing, planned or under construction */
  gint64           project_id;       /* 0: no project builds it */
  LcProjectStatus  project_status;   /* with a project */
  int     project_year;       /* 0: none */
  double  longitude;          /* WGS-84 degrees; NAN when not on the map */
  double  latitude;
  gboolean linked;            /* within LC_BLUEPRINT_SNAP_M of the walking network */
  /* Pavilions only: the nearest hub along the walking network */
  int     nearest_hub;        /* index into the hubs; -1 when none is reached */
  double  distance_m;         /* metres; NAN when none is reached */
  double  minutes;            /* at the plan's walking speed; NAN when none is reached */
} LcLayoutSite;

/* What a service has now and in the plan, to set next to its targets */
typedef struct
{
  guint   n_existing;          /* facilities offering it that exist */
  guint   n_planned;           /* planned or under construction */
  guint   n_projects;          /* projects offering it, not yet completed */
  double  share_now;           /* residents covered with what exists, 0–1; NAN when unknown */
  double  share_planned;       /* with the planned facilities and paths too */
} LcServiceStatus;

typedef struct
{
  double           walking_speed_m_min;
  GPtrArray       *hubs;         /* LcLayoutSite: the 人民坊 */
  GPtrArray       *pavilions;    /* LcLayoutSite: the 六艺亭 */
  guint            n_far;        /* pavilions beyond LC_BLUEPRINT_FAR_MINUTES or reaching no hub */
  gboolean         has_residents;
  LcServiceStatus  services[LC_N_SERVICES];   /* catalogue order */
} LcBlueprintSummary;

void                lc_blueprint_section_free        (LcBlueprintSection *section);
const char         *lc_blueprint_section_kind_name   (const char         *section);
GPtrArray          *lc_plan_list_blueprint_sections  (LcPlan             *plan,
                                                      GError            **error);
LcBlueprintSection *lc_plan_load_blueprint_section   (LcPlan             *plan,
                                                      gint64              id,
                                                      GError            **error);
gboolean            lc_plan_update_blueprint_section (LcPlan             *plan,
                                                      gint64              id,
                                                      const char         *title,
                                                      const char         *body,
                                                      GError            **error);
gint64              lc_plan_add_blueprint_section    (LcPlan             *plan,
                                                      const char         *section,
                                                      const char         *title,
                                                      const char         *body,
                                                      GError            **error);
gboolean            lc_plan_delete_blueprint_section (LcPlan             *plan,
                                                      gint64              id,
                                                      GError            **error);
gboolean            lc_plan_move_blueprint_section   (LcPlan             *plan,
                                                      gint64              id,
                                                      guint               position,
                                                      GError            **error);

int                 lc_plan_get_blueprint_first_year (LcPlan             *plan,
                                                      GError            **error);
LcBlueprintTargets *lc_plan_get_blueprint_targets    (LcPlan             *plan,
                                                      GError            **error);
void                lc_blueprint_targets_free        (LcBlueprintTargets *targets);
gboolean            lc_blueprint_parse_facilities    (const char         *text,
                                                      int                *facilities,
                                                      GError            **error);
gboolean            lc_blueprint_parse_coverage      (const char         *text,
                                                      double             *share,
                                                      GError            **error);
gboolean            lc_plan_set_blueprint_target     (LcPlan             *plan,
                                                      const char         *service,
                                                      int                 year,
                                                      int                 facilities_to_add,
                                                      double              coverage_target,
                                                      const char         *notes,
                                                      GError            **error);

LcBlueprintSummary *lc_blueprint_summary_new_for_plan (LcPlan            *plan,
                                                      GError            **error);
void                lc_blueprint_summary_free        (LcBlueprintSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcBlueprintSection, lc_blueprint_section_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcBlueprintTargets, lc_blueprint_targets_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcBlueprintSummary, lc_blueprint_summary_free)

G_END_DECLS
