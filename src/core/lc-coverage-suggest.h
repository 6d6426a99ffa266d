/* lc-coverage-suggest.h: where new facilities of a service would cover the most residents
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lc-coverage.h"

G_BEGIN_DECLS

/* A place the planner marks as possible for a new facility */
typedef struct
{
  double lon, lat;       /* WGS-84 degrees */
} LcCoverageCandidate;

/* One suggested site, in the order they were chosen */
typedef struct
{
  double lon, lat;                     /* the node's position, or the candidate's as given */
  guint  node;                         /* the network node, or with explicit candidates
                                        * the index of the candidate */
  double gain_population;              /* residents it newly covers, after the sites before it */
  guint  gain_homes;                   /* homes it newly covers */
  double cumulative_share_population;  /* the service's coverage, 0–1, with this site and
                                        * those before it added */
} LcCoverageSuggestion;

GArray *lc_coverage_suggest (LcCoverage                *coverage,
                             guint                      service,
                             const char                *tier_key,
                             guint                      k,
                             const LcCoverageCandidate *candidates,
                             guint                      n_candidates,
                             GCancellable              *cancellable);

G_END_DECLS
