/* lc-services.h: the 十全十美 service catalogue and its default walking thresholds
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-types.h"

G_BEGIN_DECLS

#define LC_N_SERVICES 20
#define LC_SERVICE_MAX_TIERS 3

typedef enum
{
  LC_SERVICE_GROUP_BASIC,   /* 十全: every unit must provide them */
  LC_SERVICE_GROUP_QUALITY, /* 十美: a unit may add them */
} LcServiceGroup;

struct _LcServiceTier
{
  const char *key;          /* "centre", "station", … ; "" for a single-tier service */
  const char *label;        /* English, translatable (N_) */
  double      threshold_m;  /* network walking distance in metres */
};

struct _LcService
{
  const char    *key;       /* stable key stored in plan files, e.g. "elderly" */
  const char    *name_zh;   /* the programme's own name, e.g. "为老服务" */
  const char    *name_en;   /* English, translatable (N_) */
  LcServiceGroup group;
  guint          n_tiers;
  LcServiceTier  tiers[LC_SERVICE_MAX_TIERS];
  const char    *basis;     /* English, translatable (N_): the standard behind the thresholds */
};

const LcService     *lc_services_get_all           (guint            *n_services);
const LcService     *lc_service_lookup             (const char       *key);
int                  lc_service_get_index          (const char       *key);
const char          *lc_service_get_display_name   (const LcService  *service);
const char          *lc_service_group_to_key       (LcServiceGroup    group);
gboolean             lc_service_group_from_key     (const char       *key,
                                                    LcServiceGroup   *group);
const char          *lc_service_group_get_name     (LcServiceGroup    group);
const LcServiceTier *lc_service_lookup_tier        (const LcService  *service,
                                                    const char       *tier_key);
double               lc_service_get_max_threshold  (const LcService  *service);

G_END_DECLS
