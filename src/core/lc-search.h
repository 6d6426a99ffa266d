/* lc-search.h: finding things in a plan by name or by coordinates
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-plan.h"

G_BEGIN_DECLS

typedef struct
{
  const char *table;      /* "facilities", "projects", "needs", or NULL for a place */
  gint64      id;
  char       *name;
  double      latitude;   /* NAN when the row has no place on the map */
  double      longitude;
} LcSearchHit;

void       lc_search_hit_free (LcSearchHit *hit);
GPtrArray *lc_plan_search     (LcPlan      *plan,
                               const char  *text,
                               guint        max_hits,
                               GError     **error);

G_END_DECLS
