/* lc-plan-schema.c: the tables of a plan file, format version 1
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-plan-schema"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-plan-private.h"
#include "lc-plan-schema.h"
#include "lc-services.h"

/*
 * One table list drives everything: creating a new plan, registering each
 * table in gpkg_contents, and checking the columns of a file we open. Every
 * table has an integer primary key ("fid" for feature tables, "id" for
 * attribute tables), as GeoPackage and the SQLite session extension need.
 * docs/plan-format.md explains each column; a test keeps the two in step.
 */

#define COL(n, d) { n, d }
#define END { NULL, NULL }

/* -- spatial layers (feature tables) -- */

static const LcPlanColumn unit_boundary_columns[] = {
  COL ("name", "TEXT"),
  COL ("source", "TEXT"),   /* 'osm', 'drawn', 'bounds' (fallback to the data's extent) */
  END
};

static const LcPlanColumn facilities_columns[] = {
  COL ("name", "TEXT"),
  COL ("kind", "TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('renminfang', 'liuyiting', 'other'))"),
  COL ("status", "TEXT NOT NULL DEFAULT 'existing' CHECK (status IN ('existing', 'planned', 'under_construction', 'removed'))"),
  COL ("floor_area_m2", "REAL CHECK (floor_area_m2 IS NULL OR floor_area_m2 >= 0)"),
  COL ("large_reason", "TEXT"),
  COL ("equipment", "TEXT"),
  COL ("address", "TEXT"),
  COL ("notes", "TEXT"),
  COL ("osm_id", "TEXT"),
  COL ("osm_tags", "TEXT"),
  END
};

static const LcPlanColumn walking_paths_columns[] = {
  COL ("name", "TEXT"),
  COL ("highway", "TEXT"),
  COL ("status", "TEXT NOT NULL DEFAULT 'existing' CHECK (status IN ('existing', 'planned'))"),
  COL ("length_m", "REAL CHECK (length_m IS NULL OR length_m >= 0)"),
  COL ("osm_way_id", "INTEGER"),
  END
};

static const LcPlanColumn buildings_columns[] = {
  COL ("name", "TEXT"),
  COL ("building", "TEXT"),
  COL ("levels", "INTEGER CHECK (levels IS NULL OR levels >= 0)"),
  COL ("residential", "INTEGER NOT NULL DEFAULT 0 CHECK (residential IN (0, 1))"),
  COL ("population", "REAL CHECK (population IS NULL OR population >= 0)"),
  COL ("population_source", "TEXT CHECK (population_source IS NULL OR population_source IN ('estimated', 'recorded'))"),
  COL ("osm_id", "TEXT"),
  END
};

static const LcPlanColumn landcover_columns[] = {
  COL ("class", "TEXT NOT NULL"),   /* 'water', 'green', 'residential', 'commercial', … */
  COL ("name", "TEXT"),
  COL ("osm_id", "TEXT"),
  END
};

static const LcPlanColumn needs_columns[] = {
  COL ("date", "TEXT"),
  COL ("source", "TEXT"),   /* 'questionnaire', 'forum', 'residents_committee', 'hotline_12345', 'other' */
  COL ("service", "TEXT"),
  COL ("description", "TEXT NOT NULL DEFAULT ''"),
  COL ("urgency", "INTEGER CHECK (urgency IS NULL OR urgency BETWEEN 1 AND 4)"),
  COL ("residents", "INTEGER CHECK (residents IS NULL OR residents >= 0)"),
  COL ("status", "TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed'))"),
  COL ("notes", "TEXT"),
  END
};

static const LcPlanColumn project_locations_columns[] = {
  COL ("project_id", "INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE"),
  COL ("label", "TEXT"),
  END
};

/* -- attribute tables -- */

static const LcPlanColumn lc_meta_columns[] = {
  COL ("key", "TEXT NOT NULL UNIQUE"),
  COL ("value", "TEXT"),
  END
};

static const LcPlanColumn unit_profile_columns[] = {
  COL ("unit_name", "TEXT"),
  COL ("district", "TEXT"),
  COL ("subdistrict", "TEXT"),
  COL ("population", "INTEGER CHECK (population IS NULL OR population >= 0)"),
  COL ("planner", "TEXT"),
  COL ("community_planner", "TEXT"),
  COL ("period_start", "INTEGER"),
  COL ("period_end", "INTEGER"),
  COL ("plan_version", "TEXT"),
  COL ("plan_date", "TEXT"),
  COL ("walking_speed_m_min", "REAL NOT NULL DEFAULT 60 CHECK (walking_speed_m_min > 0)"),
  COL ("coverage_target", "REAL NOT NULL DEFAULT 0.85 CHECK (coverage_target BETWEEN 0 AND 1)"),
  COL ("view_latitude", "REAL"),
  COL ("view_longitude", "REAL"),
  COL ("view_zoom", "REAL"),
  END
};

static const LcPlanColumn services_columns[] = {
  COL ("key", "TEXT NOT NULL UNIQUE"),
  COL ("name_zh", "TEXT NOT NULL"),
  COL ("name_en", "TEXT NOT NULL"),
  COL ("service_group", "TEXT NOT NULL CHECK (service_group IN ('basic', 'quality'))"),
  COL ("sort", "INTEGER NOT NULL DEFAULT 0"),
  END
};

static const LcPlanColumn service_thresholds_columns[] = {
  COL ("service", "TEXT NOT NULL REFERENCES services (key) ON DELETE CASCADE ON UPDATE CASCADE"),
  COL ("tier", "TEXT NOT NULL DEFAULT ''"),
  COL ("threshold_m", "REAL NOT NULL CHECK (threshold_m > 0)"),
  COL ("source", "TEXT"),
  END
};

static const LcPlanColumn facility_services_columns[] = {
  COL ("facility_fid", "INTEGER NOT NULL REFERENCES facilities (fid) ON DELETE CASCADE"),
  COL ("service", "TEXT NOT NULL"),
  COL ("tier", "TEXT NOT NULL DEFAULT ''"),
  END
};

static const LcPlanColumn blueprint_columns[] = {
  COL ("section", "TEXT NOT NULL"),   /* 'vision', 'framework', 'functions', 'layout', … */
  COL ("title", "TEXT"),
  COL ("body", "TEXT NOT NULL DEFAULT ''"),
  COL ("sort", "INTEGER NOT NULL DEFAULT 0"),
  END
};

static const LcPlanColumn blueprint_targets_columns[] = {
  COL ("service", "TEXT NOT NULL"),
  COL ("year", "INTEGER NOT NULL"),
  COL ("facilities_to_add", "INTEGER CHECK (facilities_to_add IS NULL OR facilities_to_add >= 0)"),
  COL ("coverage_target", "REAL CHECK (coverage_target IS NULL OR coverage_target BETWEEN 0 AND 1)"),
  COL ("notes", "TEXT"),
  END
};

static const LcPlanColumn projects_columns[] = {
  COL ("name", "TEXT NOT NULL DEFAULT ''"),
  COL ("kind", "TEXT CHECK (kind IS NULL OR kind IN ('basic', 'quality'))"),
  COL ("role", "TEXT CHECK (role IS NULL OR role IN ('renminfang', 'liuyiting', 'other'))"),
  COL ("year", "INTEGER"),
  COL ("status", "TEXT NOT NULL DEFAULT 'reserve' CHECK (status IN ('reserve', 'in_progress', 'completed'))"),
  COL ("progress", "REAL CHECK (progress IS NULL OR progress BETWEEN 0 AND 1)"),
  COL ("budget_wan", "REAL CHECK (budget_wan IS NULL OR budget_wan >= 0)"),
  COL ("funding_source", "TEXT"),
  COL ("implementing_body", "TEXT"),
  COL ("content", "TEXT"),
  COL ("path", "TEXT CHECK (path IS NULL OR path IN ('new_build', 'renovation', 'attached_space', 'other'))"),
  COL ("path_note", "TEXT"),
  COL ("start_date", "TEXT"),
  COL ("end_date", "TEXT"),
  COL ("design_team", "TEXT"),
  COL ("key_project", "INTEGER NOT NULL DEFAULT 0 CHECK (key_project IN (0, 1))"),
  COL ("facility_fid", "INTEGER REFERENCES facilities (fid) ON DELETE SET NULL"),
  COL ("notes", "TEXT"),
  END
};

static const LcPlanColumn project_services_columns[] = {
  COL ("project_id", "INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE"),
  COL ("service", "TEXT NOT NULL"),
  END
};

static const LcPlanColumn project_milestones_columns[] = {
  COL ("project_id", "INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE"),
  COL ("date", "TEXT"),
  COL ("title", "TEXT NOT NULL DEFAULT ''"),
  COL ("done", "INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))"),
  END
};

static const LcPlanColumn need_projects_columns[] = {
  COL ("need_fid", "INTEGER NOT NULL REFERENCES needs (fid) ON DELETE CASCADE"),
  COL ("project_id", "INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE"),
  END
};

static const LcPlanColumn meetings_columns[] = {
  COL ("type", "TEXT NOT NULL CHECK (type IN ('consultation', 'coordination', 'evaluation', 'other'))"),
  COL ("date_time", "TEXT"),
  COL ("place", "TEXT"),
  COL ("latitude", "REAL"),
  COL ("longitude", "REAL"),
  COL ("organiser", "TEXT CHECK (organiser IS NULL OR organiser IN ('residents_committee', 'owners_committee', 'subdistrict', 'other'))"),
  COL ("organiser_note", "TEXT"),
  COL ("chair", "TEXT"),
  COL ("attendance", "INTEGER CHECK (attendance IS NULL OR attendance >= 0)"),
  COL ("agenda", "TEXT"),
  COL ("minutes", "TEXT"),
  COL ("decisions", "TEXT"),
  COL ("abstentions", "INTEGER CHECK (abstentions IS NULL OR abstentions >= 0)"),
  COL ("feedback", "TEXT"),
  END
};

static const LcPlanColumn meeting_projects_columns[] = {
  COL ("meeting_id", "INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE"),
  COL ("project_id", "INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE"),
  END
};

static const LcPlanColumn meeting_attendees_columns[] = {
  COL ("meeting_id", "INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE"),
  COL ("name", "TEXT NOT NULL"),
  COL ("role", "TEXT"),
  END
};

static const LcPlanColumn vote_options_columns[] = {
  COL ("meeting_id", "INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE"),
  COL ("label", "TEXT NOT NULL"),
  COL ("description", "TEXT"),
  COL ("attachment_id", "INTEGER REFERENCES attachments (id) ON DELETE SET NULL"),
  COL ("votes_paper", "INTEGER NOT NULL DEFAULT 0 CHECK (votes_paper >= 0)"),
  COL ("votes_other", "INTEGER NOT NULL DEFAULT 0 CHECK (votes_other >= 0)"),
  COL ("sort", "INTEGER NOT NULL DEFAULT 0"),
  END
};

static const LcPlanColumn meeting_ratings_columns[] = {
  COL ("meeting_id", "INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE"),
  COL ("level", "INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5)"),
  COL ("count", "INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0)"),
  END
};

static const LcPlanColumn attachments_columns[] = {
  COL ("name", "TEXT NOT NULL"),
  COL ("mime_type", "TEXT NOT NULL DEFAULT 'application/octet-stream'"),
  COL ("size", "INTEGER NOT NULL CHECK (size >= 0)"),
  COL ("sha256", "TEXT NOT NULL"),
  COL ("owner_table", "TEXT"),
  COL ("owner_id", "INTEGER"),
  COL ("caption", "TEXT"),
  COL ("created", "TEXT"),
  /* Last: a row's columns after a large blob are stored after its overflow
   * pages, and listing the attachments would read every byte of them */
  COL ("data", "BLOB NOT NULL"),
  END
};

static const LcPlanColumn review_comments_columns[] = {
  COL ("created", "TEXT NOT NULL"),
  COL ("author", "TEXT"),
  COL ("target_table", "TEXT"),
  COL ("target_id", "INTEGER"),
  COL ("rule", "TEXT"),
  COL ("body", "TEXT NOT NULL DEFAULT ''"),
  COL ("status", "TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved'))"),
  END
};

#define FEATURES(n, desc, type, cols) { n, desc, type, cols, NULL }
#define ATTRIBUTES(n, desc, cols, cons) { n, desc, 0, cols, cons }

/* Order matters: a table comes after those it references */
static const LcPlanTable tables[] = {
  ATTRIBUTES ("lc_meta", "Life Circle Planner: format name and version", lc_meta_columns, NULL),
  FEATURES ("unit_boundary", "Boundary of the community unit (基本单元)", LC_GEOMETRY_MULTIPOLYGON, unit_boundary_columns),
  FEATURES ("facilities", "Service facilities, existing and planned (人民坊, 六艺亭, other)", LC_GEOMETRY_POINT, facilities_columns),
  FEATURES ("walking_paths", "Walking network (慢行网络), one row per edge", LC_GEOMETRY_LINESTRING, walking_paths_columns),
  FEATURES ("buildings", "Buildings with levels, residential flag and population", LC_GEOMETRY_MULTIPOLYGON, buildings_columns),
  FEATURES ("landcover", "Water, green and land-use areas for the basemap", LC_GEOMETRY_MULTIPOLYGON, landcover_columns),
  FEATURES ("needs", "Needs list (需求清单) from resident surveys", LC_GEOMETRY_POINT, needs_columns),
  ATTRIBUTES ("unit_profile", "Profile of the community unit (one row)", unit_profile_columns, "CHECK (id = 1)"),
  ATTRIBUTES ("services", "Service catalogue (十全十美)", services_columns, NULL),
  ATTRIBUTES ("service_thresholds", "Walking-distance threshold per service and tier, with its source", service_thresholds_columns, "UNIQUE (service, tier)"),
  ATTRIBUTES ("facility_services", "Services each facility offers, with its tier", facility_services_columns, "UNIQUE (facility_fid, service)"),
  ATTRIBUTES ("blueprint", "Community blueprint (社区蓝图) text", blueprint_columns, NULL),
  ATTRIBUTES ("blueprint_targets", "Blueprint targets per service and year", blueprint_targets_columns, "UNIQUE (service, year)"),
  ATTRIBUTES ("projects", "Projects: the 3-year reserve and the annual implementation lists", projects_columns, NULL),
  FEATURES ("project_locations", "Where each project is on the map (point or area)", LC_GEOMETRY_ANY, project_locations_columns),
  ATTRIBUTES ("project_services", "Services each project provides", project_services_columns, "UNIQUE (project_id, service)"),
  ATTRIBUTES ("project_milestones", "Schedule milestones of each project", project_milestones_columns, NULL),
  ATTRIBUTES ("need_projects", "Which projects answer which needs", need_projects_columns, "UNIQUE (need_fid, project_id)"),
  ATTRIBUTES ("attachments", "Files stored inside the plan", attachments_columns, NULL),
  ATTRIBUTES ("meetings", "一图三会 meeting log", meetings_columns, NULL),
  ATTRIBUTES ("meeting_projects", "Projects discussed at each meeting", meeting_projects_columns, "UNIQUE (meeting_id, project_id)"),
  ATTRIBUTES ("meeting_attendees", "Sign-in list of each meeting", meeting_attendees_columns, NULL),
  ATTRIBUTES ("vote_options", "Options voted on at a coordination meeting, with their votes", vote_options_columns, NULL),
  ATTRIBUTES ("meeting_ratings", "Satisfaction ratings (1–5) at an evaluation meeting", meeting_ratings_columns, "UNIQUE (meeting_id, level)"),
  ATTRIBUTES ("review_comments", "District reviewers' comments", review_comments_columns, NULL),
};

/**
 * lc_plan_schema_get_tables:
 *
 * Returns: (transfer none): every table of the current format, referenced tables first
 */
const LcPlanTable *
lc_plan_schema_get_tables (guint *n_tables)
{
  *n_tables = G_N_ELEMENTS (tables);
  return tables;
}

/**
 * lc_plan_schema_lookup_table:
 *
 * Returns: (transfer none) (nullable): the table called @name
 */
const LcPlanTable *
lc_plan_schema_lookup_table (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_strcmp0 (tables[i].name, name) == 0)
      return &tables[i];
  return NULL;
}

/**
 * lc_plan_schema_table_sql:
 *
 * Returns: (transfer full): the CREATE TABLE statement of @table
 */
char *
lc_plan_schema_table_sql (const LcPlanTable *table)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "CREATE TABLE \"%s\" (\n  %s INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL",
                          table->name, table->geometry_type != 0 ? "fid" : "id");
  if (table->geometry_type != 0)
    g_string_append_printf (sql, ",\n  geom %s", lc_geometry_type_name (table->geometry_type));
  for (const LcPlanColumn *c = table->columns; c->name != NULL; c++)
    g_string_append_printf (sql, ",\n  \"%s\" %s", c->name, c->decl);
  if (table->constraints != NULL)
    g_string_append_printf (sql, ",\n  %s", table->constraints);
  g_string_append (sql, "\n)");

  return g_string_free (sql, FALSE);
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED,
                   _("Could not create the plan’s tables: %s"), message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* Spatial references a GeoPackage must hold (Req 11): WGS-84 and the two undefined ones */
static const char gpkg_core_sql[] =
  "CREATE TABLE gpkg_spatial_ref_sys ("
  "  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY NOT NULL, organization TEXT NOT NULL,"
  "  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);"
  "INSERT INTO gpkg_spatial_ref_sys VALUES"
  "  ('WGS 84 geodetic', 4326, 'EPSG', 4326,"
  "   'GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
  "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,"
  "AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],"
  "AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],AUTHORITY[\"EPSG\",\"4326\"]]',"
  "   'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid'),"
  "  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),"
  "  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');"
  "CREATE TABLE gpkg_contents ("
  "  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,"
  "  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),"
  "  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,"
  "  srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));"
  "CREATE TABLE gpkg_geometry_columns ("
  "  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,"
  "  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,"
  "  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),"
  "  CONSTRAINT uk_gc_table_name UNIQUE (table_name),"
  "  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),"
  "  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));";

static gboolean
seed_services (sqlite3  *db,
               GError  **error)
{
  guint n;
  const LcService *all = lc_services_get_all (&n);
  g_autoptr(GString) sql = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      char *row = sqlite3_mprintf ("INSERT INTO services (key, name_zh, name_en, service_group, sort) "
                                   "VALUES (%Q, %Q, %Q, %Q, %u);",
                                   all[i].key, all[i].name_zh, all[i].name_en,
                                   lc_service_group_to_key (all[i].group), i);
      g_string_append (sql, row);
      sqlite3_free (row);

      for (guint t = 0; t < all[i].n_tiers; t++)
        {
          row = sqlite3_mprintf ("INSERT INTO service_thresholds (service, tier, threshold_m, source) "
                                 "VALUES (%Q, %Q, %.1f, %Q);",
                                 all[i].key, all[i].tiers[t].key, all[i].tiers[t].threshold_m,
                                 all[i].basis);
          g_string_append (sql, row);
          sqlite3_free (row);
        }
    }

  return exec (db, sql->str, error);
}

/**
 * lc_plan_schema_create:
 * @db: an empty database, inside a transaction
 *
 * Creates a plan of the current format in @db: the GeoPackage core, every
 * table registered in gpkg_contents, lc_meta, the default unit profile and
 * the service catalogue with its default thresholds.
 */
gboolean
lc_plan_schema_create (sqlite3  *db,
                       GError  **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  char *meta;

  g_string_append_printf (sql, "PRAGMA application_id = %d; PRAGMA user_version = %d;",
                          LC_GPKG_APPLICATION_ID, LC_GPKG_USER_VERSION);
  g_string_append (sql, gpkg_core_sql);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      const LcPlanTable *t = &tables[i];
      g_autofree char *create = lc_plan_schema_table_sql (t);
      char *contents;

      g_string_append (sql, create);
      g_string_append (sql, ";\n");

      contents = sqlite3_mprintf ("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
                                  "VALUES (%Q, %Q, %Q, %Q, %s);",
                                  t->name, t->geometry_type != 0 ? "features" : "attributes",
                                  t->name, t->description,
                                  t->geometry_type != 0 ? "4326" : "NULL");
      g_string_append (sql, contents);
      sqlite3_free (contents);

      if (t->geometry_type != 0)
        {
          char *geom = sqlite3_mprintf ("INSERT INTO gpkg_geometry_columns VALUES (%Q, 'geom', %Q, 4326, 0, 0);",
                                        t->name, lc_geometry_type_name (t->geometry_type));
          g_string_append (sql, geom);
          sqlite3_free (geom);
        }
    }

  meta = sqlite3_mprintf ("INSERT INTO lc_meta (key, value) VALUES ('format', %Q), ('format_version', '%d'), "
                          "('created_by', %Q), ('created', strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now'));"
                          "INSERT INTO unit_profile (id) VALUES (1);",
                          LC_PLAN_FORMAT_NAME, LC_PLAN_FORMAT_VERSION, "Life Circle Planner " PACKAGE_VERSION);
  g_string_append (sql, meta);
  sqlite3_free (meta);

  return exec (db, sql->str, error) && seed_services (db, error);
}
