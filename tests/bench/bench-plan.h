/* bench-plan.h: a large synthetic plan for the benchmarks
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-plan-private.h"
#include "lc-plan.h"

G_BEGIN_DECLS

/* The centre of the synthetic plans: 五角场, WGS-84 degrees */
#define BENCH_CENTRE_LAT 31.30
#define BENCH_CENTRE_LON 121.51

void bench_check_sqlite  (sqlite3    *db,
                          int         rc,
                          const char *what);

double bench_percentile  (GArray     *values,
                          double      p);
double bench_median      (GArray     *values);
double bench_seconds_since (gint64    start);
char  *bench_format_kib  (long        kib);

void bench_plan_generate (LcPlan *plan,
                          int     n_buildings,
                          int     n_paths);

G_END_DECLS
