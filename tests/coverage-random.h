/* coverage-random.h: synthetic walking networks with homes and facilities, for tests and benchmarks
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-coverage.h"

G_BEGIN_DECLS

/* The synthetic city lies around this point, WGS-84 degrees */
#define SYNTHETIC_LAT 31.30
#define SYNTHETIC_LON 121.50

LcCoverage *coverage_synthetic_new (guint32  seed,
                                    guint    side,
                                    guint    nodes_per_facility,
                                    double   homes_per_node,
                                    gboolean quirks);
LcCoverage *coverage_random_new    (guint32  seed);

G_END_DECLS
