/* lc-plan-schema.h: the tables of a plan file, format version 1
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "lc-geometry.h"

G_BEGIN_DECLS

/* Names written into lc_meta; docs/plan-format.md describes every table */
#define LC_PLAN_FORMAT_NAME     "lifecircle-plan"
#define LC_PLAN_FORMAT_VERSION  1

/* GeoPackage 1.3: application_id 'GPKG' and user_version 10300 */
#define LC_GPKG_APPLICATION_ID  0x47504B47
#define LC_GPKG_USER_VERSION    10300

typedef struct
{
  const char *name;
  const char *decl;        /* type and constraints, as in CREATE TABLE */
} LcPlanColumn;

typedef struct
{
  const char     *name;
  const char     *description;      /* English, for gpkg_contents and the docs */
  LcGeometryType  geometry_type;    /* 0 for an attribute table */
  const LcPlanColumn *columns;      /* NULL-terminated, without the key and geometry */
  const char     *constraints;      /* table constraints, or NULL */
} LcPlanTable;

const LcPlanTable *lc_plan_schema_get_tables   (guint        *n_tables);
const LcPlanTable *lc_plan_schema_lookup_table (const char   *name);
gboolean           lc_plan_schema_create       (sqlite3      *db,
                                                GError      **error);
char              *lc_plan_schema_table_sql    (const LcPlanTable *table);

G_END_DECLS
