/* lc-facility.h: facilities of a plan: edits and the rules they must meet
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-plan.h"
#include "lc-problem.h"

G_BEGIN_DECLS

/* shared/docs/standards.md: a 六艺亭 is normally at most 200 m², and should not be over 400 m² */
#define LC_LIUYITING_NORMAL_AREA_M2  200.0
#define LC_LIUYITING_MAX_AREA_M2     400.0
/* …and a 人民坊 combines two or more services */
#define LC_RENMINFANG_MIN_SERVICES   2

typedef enum
{
  LC_FACILITY_KIND_OTHER,
  LC_FACILITY_KIND_RENMINFANG,   /* 人民坊 */
  LC_FACILITY_KIND_LIUYITING,    /* 六艺亭 */
} LcFacilityKind;

typedef enum
{
  LC_FACILITY_STATUS_EXISTING,
  LC_FACILITY_STATUS_PLANNED,
  LC_FACILITY_STATUS_UNDER_CONSTRUCTION,
  LC_FACILITY_STATUS_REMOVED,
} LcFacilityStatus;

/* A facility as the inspector edits it */
typedef struct
{
  gint64            fid;
  char             *name;
  LcFacilityKind    kind;
  LcFacilityStatus  status;
  double            floor_area_m2;    /* NAN when not recorded */
  char             *large_reason;     /* why a 六艺亭 is over 200 m² */
  char             *notes;
  double            longitude;
  double            latitude;
  GStrv             services;         /* service keys, in catalogue order */
} LcFacility;

const char   *lc_facility_kind_to_key        (LcFacilityKind     kind);
gboolean      lc_facility_kind_from_key      (const char        *key,
                                              LcFacilityKind    *kind);
const char   *lc_facility_kind_get_name      (LcFacilityKind     kind);
const char   *lc_facility_status_to_key      (LcFacilityStatus   status);
gboolean      lc_facility_status_from_key    (const char        *key,
                                              LcFacilityStatus  *status);
const char   *lc_facility_status_get_name    (LcFacilityStatus   status);

LcFacility   *lc_plan_load_facility          (LcPlan            *plan,
                                              gint64             fid,
                                              GError           **error);
GPtrArray    *lc_plan_list_facilities        (LcPlan            *plan,
                                              GError           **error);
void          lc_facility_free               (LcFacility        *facility);

GPtrArray    *lc_facility_check              (const LcFacility  *facility);

gint64        lc_plan_add_facility           (LcPlan            *plan,
                                              LcFacilityKind     kind,
                                              double             longitude,
                                              double             latitude,
                                              GError           **error);
gboolean      lc_plan_move_facility          (LcPlan            *plan,
                                              gint64             fid,
                                              double             longitude,
                                              double             latitude,
                                              GError           **error);
gboolean      lc_plan_delete_facility        (LcPlan            *plan,
                                              gint64             fid,
                                              GError           **error);
gboolean      lc_plan_set_facility_kind      (LcPlan            *plan,
                                              gint64             fid,
                                              LcFacilityKind     kind,
                                              GError           **error);
gboolean      lc_plan_set_facility_status    (LcPlan            *plan,
                                              gint64             fid,
                                              LcFacilityStatus   status,
                                              GError           **error);
gboolean      lc_plan_set_facility_area      (LcPlan            *plan,
                                              gint64             fid,
                                              double             floor_area_m2,
                                              GError           **error);
gboolean      lc_plan_set_facility_services  (LcPlan            *plan,
                                              gint64             fid,
                                              const char * const *services,
                                              GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcFacility, lc_facility_free)

G_END_DECLS
