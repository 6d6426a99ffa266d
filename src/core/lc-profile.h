/* lc-profile.h: the unit's profile, walking settings and thresholds, typed
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-plan.h"

G_BEGIN_DECLS

/* The profile's fields a planner edits as text, in the order forms show them */
typedef enum
{
  LC_PROFILE_UNIT_NAME,
  LC_PROFILE_DISTRICT,
  LC_PROFILE_SUBDISTRICT,
  LC_PROFILE_PLANNER,
  LC_PROFILE_COMMUNITY_PLANNER,
  LC_PROFILE_PERIOD_START,      /* the first of the five planning years; the last follows */
  LC_PROFILE_PLAN_VERSION,
  LC_PROFILE_PLAN_DATE,         /* YYYY-MM-DD */
  LC_PROFILE_POPULATION,        /* residents as recorded, a whole number */
  LC_PROFILE_WALKING_SPEED,     /* metres a minute */
  LC_PROFILE_COVERAGE_TARGET,   /* the share of residents to reach, 0–1 */
  LC_PROFILE_N_FIELDS
} LcProfileField;

/* Walking speeds the programme names (m/min): adults, and the elderly */
#define LC_WALKING_SPEED_DEFAULT 60.0
#define LC_WALKING_SPEED_ELDERLY 45.0

/* A walking threshold a planner may set, metres */
#define LC_THRESHOLD_MIN_M 50
#define LC_THRESHOLD_MAX_M 3000

typedef struct
{
  char    *unit_name;           /* (nullable) each text field */
  char    *district;
  char    *subdistrict;
  char    *planner;
  char    *community_planner;
  char    *plan_version;
  char    *plan_date;
  int      period_start;        /* 0 when not recorded */
  int      period_end;
  gint64   population;          /* -1 when not recorded */
  double   walking_speed_m_min;
  double   coverage_target;     /* 0–1 */
  gboolean has_view;            /* where the map looked when last saved (zoom 15 when not kept) */
  double   view_latitude;
  double   view_longitude;
  double   view_zoom;
} LcProfile;

typedef struct
{
  gint64  id;
  char   *service;              /* catalogue key */
  char   *tier;                 /* tier key, "" for a service without tiers */
  double  threshold_m;
  char   *source;               /* (nullable) the standard it comes from */
} LcThreshold;

LcProfile   *lc_plan_get_profile          (LcPlan          *plan,
                                           GError         **error);
void         lc_profile_free              (LcProfile       *profile);

const char  *lc_profile_field_to_key      (LcProfileField   field);
gboolean     lc_profile_field_from_key    (const char      *key,
                                           LcProfileField  *field);
char        *lc_profile_dup_text          (const LcProfile *profile,
                                           LcProfileField   field);
gboolean     lc_plan_set_profile_text     (LcPlan          *plan,
                                           LcProfileField   field,
                                           const char      *text,
                                           GError         **error);
gboolean     lc_plan_set_walking_speed    (LcPlan          *plan,
                                           double           m_per_min,
                                           GError         **error);
gboolean     lc_plan_set_coverage_target  (LcPlan          *plan,
                                           double           share,
                                           GError         **error);

GPtrArray   *lc_plan_list_thresholds      (LcPlan          *plan,
                                           GError         **error);
gboolean     lc_plan_set_threshold        (LcPlan          *plan,
                                           gint64           id,
                                           double           metres,
                                           GError         **error);
void         lc_threshold_free            (LcThreshold     *threshold);

gboolean     lc_parse_decimal             (const char      *text,
                                           double          *value,
                                           gboolean        *percent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcProfile, lc_profile_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcThreshold, lc_threshold_free)

G_END_DECLS
