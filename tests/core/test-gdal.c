/* test-gdal.c: a saved plan is a GeoPackage that GDAL reads and validates
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-gdal"

#include "config.h"
#include "lc-plan-private.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "lc-geometry.h"
#include "lc-plan.h"
#include "lc-plan-schema.h"
#include "plan-fixture.h"
#include "test-run.h"

/*
 * Saves a plan with rows in every table through LcPlan, then hands the file
 * to GDAL's ogrinfo and to GDAL's GeoPackage validator, as a GIS user or a
 * city office would. GDAL is optional on a user's machine: without it the
 * tests skip. build-aux/setup installs it (gdal-bin).
 */

#define VALIDATOR "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"
/* The system Python, which has osgeo; the first python3 on PATH may not */
#define SYSTEM_PYTHON "/usr/bin/python3"

/* The features the fixture writes, and what GDAL must call their geometry */
static const struct
{
  const char *table;
  int         count;
  const char *geometry;
} feature_layers[] = {
  { "unit_boundary", 1, "Multi Polygon" },
  { "facilities", 3, "Point" },
  { "walking_paths", 2, "Line String" },
  { "buildings", 4, "Multi Polygon" },
  { "landcover", 2, "Multi Polygon" },
  { "needs", 5, "Point" },
  { "project_locations", 3, "Unknown (any)" },
};

static char *tmp_dir;
static char *plan_path;

/* ---- the fixture ---- */

/* A multipolygon of two squares */
static LcGeometry *
two_squares (double x,
             double y,
             double r)
{
  LcGeometry *g = lc_geometry_new (LC_GEOMETRY_MULTIPOLYGON);

  plan_fixture_add_square (g, x, y, r);
  lc_geometry_end_group (g);
  plan_fixture_add_square (g, x + 4 * r, y, r);
  lc_geometry_end_group (g);
  return g;
}

static LcGeometry *
line (double x0,
      double y0,
      double x1,
      double y1)
{
  LcGeometry *g = lc_geometry_new (LC_GEOMETRY_LINESTRING);

  lc_geometry_add_point (g, x0, y0);
  lc_geometry_add_point (g, (x0 + x1) / 2, (y0 + y1) / 2 + 0.0005);
  lc_geometry_add_point (g, x1, y1);
  lc_geometry_end_part (g);
  return g;
}

/* Inserts one feature: @columns and @values are SQL lists without geom; takes @geometry */
static void
insert_feature (sqlite3    *db,
                const char *table,
                const char *columns,
                const char *values,
                LcGeometry *geometry)
{
  g_autoptr(LcGeometry) owned = geometry;
  g_autofree char *sql = g_strdup_printf ("INSERT INTO \"%s\" (geom, %s) VALUES (?1, %s)",
                                          table, columns, values);

  plan_fixture_insert_geometry (db, sql, owned);
}

/* Rows of the attribute tables a new plan leaves empty */
static const char attribute_rows_sql[] =
  "UPDATE unit_profile SET unit_name = '五角场街道', district = '杨浦区', subdistrict = '五角场街道',"
  "  population = 82000, planner = '张规划', community_planner = '李社区规划师',"
  "  period_start = 2025, period_end = 2029, plan_version = 'v1', plan_date = '2025-03-01',"
  "  view_latitude = 31.30, view_longitude = 121.51, view_zoom = 15 WHERE id = 1;"
  "INSERT INTO facility_services (facility_fid, service, tier) VALUES"
  "  (1, 'party_service', 'centre'), (1, 'elderly', ''), (2, 'public_space', '');"
  "INSERT INTO blueprint (section, title, body, sort) VALUES"
  "  ('vision', '愿景', '宜居、宜业、宜游、宜学、宜养的五角场', 0),"
  "  ('framework', '空间框架', '一坊多亭，慢行串联', 1);"
  "INSERT INTO blueprint_targets (service, year, facilities_to_add, coverage_target, notes) VALUES"
  "  ('elderly', 2027, 2, 0.9, '为老服务补短板');"
  "INSERT INTO projects (name, kind, role, year, status, progress, budget_wan, funding_source,"
  "  implementing_body, content, path, path_note, start_date, end_date, design_team, key_project,"
  "  facility_fid, notes) VALUES"
  "  ('五角场人民坊改造', 'basic', 'renminfang', 2025, 'in_progress', 0.4, 850, '区财政',"
  "   '五角场街道', '党群服务与为老服务综合体', 'renovation', NULL, '2025-03-01', '2026-06-30',"
  "   '同济大学设计团队', 1, 1, NULL),"
  "  ('政立路六艺亭', 'quality', 'liuyiting', 2026, 'reserve', NULL, 60, '街道自筹',"
  "   '居委会', '休憩、饮水、急救箱', 'new_build', NULL, NULL, NULL, NULL, 0, 2, '靠近地铁站');"
  "INSERT INTO project_services (project_id, service) VALUES (1, 'party_service'), (1, 'elderly'),"
  "  (2, 'public_space');"
  "INSERT INTO project_milestones (project_id, date, title, done) VALUES"
  "  (1, '2025-05-01', '方案征询', 1), (1, '2026-06-30', '竣工', 0);"
  "INSERT INTO need_projects (need_fid, project_id) VALUES (1, 1), (2, 2);"
  "INSERT INTO meetings (type, date_time, place, latitude, longitude, organiser, organiser_note,"
  "  chair, attendance, agenda, minutes, decisions, abstentions, feedback) VALUES"
  "  ('consultation', '2025-04-10T19:00', '五角场人民坊', 31.30, 121.51, 'residents_committee', NULL,"
  "   '王主任', 35, '征询居民意见', '记录', '同意', 2, '希望增加座椅'),"
  "  ('coordination', '2025-05-10T19:00', '政立路', NULL, NULL, 'owners_committee', NULL,"
  "   '赵主任', 40, '方案比选', NULL, '方案一', 1, NULL),"
  "  ('evaluation', '2026-07-10T19:00', '五角场人民坊', NULL, NULL, 'subdistrict', NULL,"
  "   '钱书记', 50, '评议', NULL, NULL, NULL, '满意');"
  "INSERT INTO meeting_projects (meeting_id, project_id) VALUES (1, 1), (2, 1), (3, 1);"
  "INSERT INTO meeting_attendees (meeting_id, name, role) VALUES (1, '孙居民', '居民代表');"
  "INSERT INTO vote_options (meeting_id, label, description, attachment_id, votes_paper,"
  "  votes_other, sort) VALUES (2, '方案一', '保留大树', 1, 20, 5, 0), (2, '方案二', '扩大广场', NULL, 10, 3, 1);"
  "INSERT INTO meeting_ratings (meeting_id, level, count) VALUES (3, 5, 30), (3, 4, 15), (3, 3, 5);"
  "INSERT INTO review_comments (created, author, target_table, target_id, rule, body, status)"
  "  VALUES"
  "  ('2025-06-01T10:00:00Z', '区联席会议办公室', 'projects', 2, 'project_complete', '请补充设计团队',"
  "   'open');";

static void
fill_plan (LcPlan *plan)
{
  sqlite3 *db = lc_plan_get_database (plan);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *attachment_sql = NULL;
  const char *attachment = "方案...";
  double x = 121.514, y = 31.299;   /* 五角场 */

  lc_plan_begin (plan, "Fill", &error);
  g_assert_no_error (error);

  insert_feature (db, "unit_boundary", "name, source", "'五角场街道', 'drawn'",
                  plan_fixture_square (x, y, 0.01, FALSE));

  insert_feature (db, "facilities",
                  "name, kind, status, floor_area_m2, large_reason, equipment, address, notes,"
                  " osm_id, osm_tags",
                  "'五角场人民坊', 'renminfang', 'existing', 1200, NULL, NULL, '淞沪路 1 号', NULL,"
                  " 'node/1', '{\"amenity\":\"community_centre\"}'",
                  lc_geometry_new_point (x, y));
  insert_feature (db, "facilities", "name, kind, status, floor_area_m2, large_reason, equipment",
                  "'政立路六艺亭', 'liuyiting', 'planned', 260, '近地铁站，需求大', 'seating;wifi;water'",
                  lc_geometry_new_point (x + 0.003, y + 0.002));
  insert_feature (db, "facilities", "name, kind, status",
                  "'社区卫生服务中心', 'other', 'under_construction'",
                  lc_geometry_new_point (x - 0.004, y - 0.001));

  insert_feature (db, "walking_paths", "name, highway, status, length_m, osm_way_id",
                  "'国定路', 'footway', 'existing', 420.5, 1001",
                  line (x - 0.004, y - 0.001, x, y));
  insert_feature (db, "walking_paths", "name, highway, status, length_m",
                  "'政立路慢行步道', 'path', 'planned', 380",
                  line (x, y, x + 0.003, y + 0.002));

  insert_feature (db, "buildings", "name, building, levels, residential, population, osm_id",
                  "'创智坊 1 号楼', 'apartments', 18, 1, 420, 'way/11'",
                  plan_fixture_square (x + 0.001, y, 0.0002, FALSE));
  insert_feature (db, "buildings", "name, building, levels, residential",
                  "'庭院住宅', 'residential', 6, 1",
                  plan_fixture_square (x - 0.001, y, 0.0003, TRUE));
  insert_feature (db, "buildings", "name, building, levels, residential",
                  "'双塔商场', 'commercial', 8, 0", two_squares (x, y + 0.001, 0.0002));
  insert_feature (db, "buildings", "building", "'yes'",
                  plan_fixture_square (x, y - 0.001, 0.0001, FALSE));

  insert_feature (db, "landcover", "class, name, osm_id", "'water', '走马塘', 'way/21'",
                  plan_fixture_square (x + 0.005, y + 0.005, 0.0008, FALSE));
  insert_feature (db, "landcover", "class, name", "'green', '五角场下沉广场'",
                  plan_fixture_square (x, y, 0.0004, TRUE));

  insert_feature (db, "needs",
                  "date, source, service, description, urgency, residents, status, notes",
                  "'2024-09-10', 'questionnaire', 'elderly', '老人助餐点太远', 4, 120, 'open', NULL",
                  lc_geometry_new_point (x - 0.001, y));
  insert_feature (db, "needs", "date, source, service, description, urgency, status",
                  "'2024-09-12', 'forum', 'public_space', '缺少休息座椅', 2, 'answered'",
                  lc_geometry_new_point (x + 0.002, y + 0.001));
  insert_feature (db, "needs", "source, service, description, urgency",
                  "'residents_committee', 'childcare', '托育名额不足', 3",
                  lc_geometry_new_point (x, y + 0.002));
  insert_feature (db, "needs", "source, description, urgency, status",
                  "'hotline_12345', '夜间照明不足', 1, 'closed'",
                  lc_geometry_new_point (x - 0.002, y - 0.002));
  insert_feature (db, "needs", "source, description", "'other', '希望增加快递柜'",
                  lc_geometry_new_point (x + 0.001, y - 0.002));

  /* vote_options refers to the attachment */
  sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, attachment, -1);
  attachment_sql = g_strdup_printf ("INSERT INTO attachments (name, mime_type, size, sha256, data,"
                                    " owner_table, owner_id, caption, created) VALUES"
                                    " ('方案.txt', 'text/plain', %zu, '%s', CAST('%s' AS BLOB),"
                                    " 'projects', 1, '设计方案', '2025-04-01T09:00:00Z')",
                                    strlen (attachment), sha256, attachment);
  plan_fixture_exec (db, attachment_sql);
  plan_fixture_exec (db, attribute_rows_sql);

  insert_feature (db, "project_locations", "project_id, label", "1, '五角场人民坊'",
                  plan_fixture_square (x, y, 0.0003, FALSE));
  insert_feature (db, "project_locations", "project_id, label", "2, '政立路六艺亭'",
                  plan_fixture_square (x + 0.003, y + 0.002, 0.0001, FALSE));
  /* A project at one spot is a point in the same layer */
  insert_feature (db, "project_locations", "project_id, label", "2, '六艺亭入口'",
                  lc_geometry_new_point (x + 0.003, y + 0.002));

  lc_plan_commit (plan, &error);
  g_assert_no_error (error);
}

static sqlite3_int64
count_rows (sqlite3    *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Reads the saved file directly: every table of the schema holds rows */
static GHashTable *
saved_row_counts (void)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3 *db = NULL;
  guint n;
  const LcPlanTable *tables = lc_plan_schema_get_tables (&n);

  g_assert_cmpint (sqlite3_open_v2 (plan_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (counts, g_strdup (tables[i].name),
                         GINT_TO_POINTER ((int) count_rows (db, tables[i].name)));
  sqlite3_close (db);

  return counts;
}

static void
make_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(GFile) file = NULL;

  plan_path = g_build_filename (tmp_dir, "五角场 plan.lcplan", NULL);
  file = g_file_new_for_path (plan_path);

  plan = lc_plan_new (&error);
  g_assert_no_error (error);
  fill_plan (plan);
  lc_plan_save (plan, file, NULL, &error);
  g_assert_no_error (error);
}

/* ---- running GDAL ---- */

/*
 * GDAL prints "Warning 1: …" and "ERROR 1: …" lines on stderr. It warns about
 * one thing in a plan, its name: GeoPackage Req 3 asks for .gpkg. Anything
 * else it says is a fault in the file.
 */
#define GDAL_EXTENSION_WARNING "has GPKG application_id, but non conformant file extension"

static void
assert_gdal_quiet (const char *err)
{
  g_auto(GStrv) lines = g_strsplit (err, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], GDAL_EXTENSION_WARNING) != NULL)
        continue;
      if (g_str_has_prefix (lines[i], "Warning") || g_str_has_prefix (lines[i], "ERROR"))
        g_error ("GDAL complains: %s", lines[i]);
    }
}

typedef struct
{
  char *geometry;
  gint64 count;
} LayerInfo;

static void
layer_info_free (LayerInfo *info)
{
  g_free (info->geometry);
  g_free (info);
}

/* The layers of `ogrinfo -so -al`: name → LayerInfo */
static GHashTable *
parse_ogrinfo (const char *out)
{
  GHashTable *layers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) layer_info_free);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  LayerInfo *current = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i];

      if (g_str_has_prefix (l, "Layer name: "))
        {
          current = g_new0 (LayerInfo, 1);
          current->count = -1;
          g_hash_table_insert (layers, g_strdup (l + strlen ("Layer name: ")), current);
        }
      else if (current != NULL && g_str_has_prefix (l, "Geometry: "))
        current->geometry = g_strdup (l + strlen ("Geometry: "));
      else if (current != NULL && g_str_has_prefix (l, "Feature Count: "))
        current->count = g_ascii_strtoll (l + strlen ("Feature Count: "), NULL, 10);
    }

  return layers;
}

static char *
find_ogr_tool (const char *name)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL)
    g_test_skip_printf ("%s is not installed (Debian package gdal-bin)", name);
  return path;
}

/* Every table is a layer: features with their geometry type, attributes as "None" */
static void
check_layers (const char *out)
{
  g_autoptr(GHashTable) layers = parse_ogrinfo (out);
  g_autoptr(GHashTable) counts = saved_row_counts ();
  guint n;
  const LcPlanTable *tables = lc_plan_schema_get_tables (&n);

  g_assert_cmpuint (g_hash_table_size (layers), ==, n);

  for (guint i = 0; i < G_N_ELEMENTS (feature_layers); i++)
    {
      LayerInfo *info = g_hash_table_lookup (layers, feature_layers[i].table);

      g_test_message ("layer %s: %s, %" G_GINT64_FORMAT " features", feature_layers[i].table,
                      info != NULL ? info->geometry : "(missing)", info != NULL ? info->count : 0);
      g_assert_nonnull (info);
      g_assert_cmpstr (info->geometry, ==, feature_layers[i].geometry);
      g_assert_cmpint (info->count, ==, feature_layers[i].count);
    }

  for (guint i = 0; i < n; i++)
    {
      LayerInfo *info = g_hash_table_lookup (layers, tables[i].name);
      int rows = GPOINTER_TO_INT (g_hash_table_lookup (counts, tables[i].name));

      if (info == NULL)
        g_error ("ogrinfo does not list the table %s", tables[i].name);
      g_assert_cmpint (rows, >, 0);
      g_assert_cmpint (info->count, ==, rows);
      if (tables[i].geometry_type == 0)
        g_assert_cmpstr (info->geometry, ==, "None");
      else
        g_assert_cmpstr (info->geometry, !=, "None");
    }
}

static gboolean
have_validator (void)
{
  if (g_file_test (VALIDATOR, G_FILE_TEST_EXISTS) &&
      g_file_test (SYSTEM_PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    return TRUE;

  g_test_skip ("GDAL's GeoPackage validator is not installed (Debian package python3-gdal)");
  return FALSE;
}

/* A copy of the plan under another name, byte for byte */
static char *
copy_plan (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  char *copy = g_build_filename (tmp_dir, name, NULL);
  gsize len;

  g_file_get_contents (plan_path, &bytes, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (copy, bytes, len, &error);
  g_assert_no_error (error);

  return copy;
}

/* ---- tests ---- */

/* The fixture itself: every table of the schema holds rows, the features as counted */
static void
test_fixture (void)
{
  g_autoptr(GHashTable) counts = saved_row_counts ();
  guint n;
  const LcPlanTable *tables = lc_plan_schema_get_tables (&n);

  for (guint i = 0; i < n; i++)
    if (GPOINTER_TO_INT (g_hash_table_lookup (counts, tables[i].name)) == 0)
      g_error ("the fixture leaves %s empty; add a row to fill_plan()", tables[i].name);

  for (guint i = 0; i < G_N_ELEMENTS (feature_layers); i++)
    g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (counts, feature_layers[i].table)),
                     ==, feature_layers[i].count);

  /* And every feature table is listed above */
  for (guint i = 0, features = 0; i < n; i++)
    if (tables[i].geometry_type != 0 && ++features > G_N_ELEMENTS (feature_layers))
      g_error ("add %s to feature_layers", tables[i].name);
}

static void
test_ogrinfo_read_only (void)
{
  g_autofree char *ogrinfo = find_ogr_tool ("ogrinfo");
  g_auto(Run) run = { 0 };

  if (ogrinfo == NULL)
    return;

  test_run (&run, (const char *[]) { ogrinfo, "-ro", "-so", "-al", plan_path, NULL }, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "using driver `GPKG' successful"));
  check_layers (run.out);
  assert_gdal_quiet (run.err);
}

/* Without -ro GDAL opens the file for update, as QGIS does for editing */
static void
test_ogrinfo_update (void)
{
  g_autofree char *ogrinfo = find_ogr_tool ("ogrinfo");
  g_autofree char *copy = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(LcPlan) plan = NULL;
  gsize before_len, after_len;

  if (ogrinfo == NULL)
    return;

  copy = copy_plan ("update.lcplan");
  g_file_get_contents (copy, &before, &before_len, &error);
  g_assert_no_error (error);

  test_run (&run, (const char *[]) { ogrinfo, "-so", "-al", copy, NULL }, NULL);
  g_assert_cmpint (run.status, ==, 0);
  check_layers (run.out);
  assert_gdal_quiet (run.err);

  /* Only looking writes nothing */
  g_file_get_contents (copy, &after, &after_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (before, before_len, after, after_len);

  file = g_file_new_for_path (copy);
  plan = lc_plan_open (file, NULL, &error);
  g_assert_no_error (error);
  lc_plan_close (plan);
  g_unlink (copy);
}

/* Every geometry of @table decodes, in WGS-84; returns their bounds */
static guint
check_geometries (sqlite3    *db,
                  const char *table,
                  double      bounds[4])
{
  g_autofree char *sql = g_strdup_printf ("SELECT geom FROM \"%s\"", table);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = 0;

  bounds[0] = bounds[2] = G_MAXDOUBLE;
  bounds[1] = bounds[3] = -G_MAXDOUBLE;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LcGeometry) g = NULL;
      double x0, x1, y0, y1;
      int srs = 0;

      g = lc_geometry_from_gpkg (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0),
                                 &srs, &error);
      g_assert_no_error (error);
      g_assert_cmpint (srs, ==, LC_SRS_WGS84);
      if (lc_geometry_get_bounds (g, &x0, &x1, &y0, &y1))
        {
          bounds[0] = MIN (bounds[0], x0);
          bounds[1] = MAX (bounds[1], x1);
          bounds[2] = MIN (bounds[2], y0);
          bounds[3] = MAX (bounds[3], y1);
        }
      n++;
    }

  return n;
}

/* Exports the features of @layer matching @where and appends them to @plan with GDAL */
static void
append_copy_of (const char *ogr2ogr,
                const char *plan,
                const char *layer,
                const char *where)
{
  g_autofree char *json = g_build_filename (tmp_dir, "copy.geojson", NULL);
  g_auto(Run) export = { 0 };
  g_auto(Run) append = { 0 };

  test_run (&export, (const char *[]) { ogr2ogr, "-f", "GeoJSON", json, plan_path, layer,
                                        "-where", where, NULL }, NULL);
  g_assert_cmpint (export.status, ==, 0);
  assert_gdal_quiet (export.err);
  test_run (&append, (const char *[]) { ogr2ogr, "-update", "-append", "-nln", layer, plan, json,
                                        NULL }, NULL);
  g_assert_cmpint (append.status, ==, 0);
  assert_gdal_quiet (append.err);
  g_unlink (json);
}

/*
 * A GIS user adds features with GDAL (as QGIS does when editing a layer):
 * the plan still opens, and our reader decodes GDAL's geometries.
 */
static void
test_ogr2ogr_append (void)
{
  g_autofree char *ogr2ogr = find_ogr_tool ("ogr2ogr");
  g_autofree char *copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  double data[4];

  if (ogr2ogr == NULL)
    return;

  /* A copy of a facility, and of the building with a hole, added back by GDAL */
  copy = copy_plan ("edited.lcplan");
  append_copy_of (ogr2ogr, copy, "facilities", "name = '政立路六艺亭'");
  append_copy_of (ogr2ogr, copy, "buildings", "name = '庭院住宅'");

  file = g_file_new_for_path (copy);
  plan = lc_plan_open (file, NULL, &error);
  g_assert_no_error (error);
  db = lc_plan_get_database (plan);

  g_assert_cmpint (count_rows (db, "buildings"), ==, 5);
  g_assert_cmpuint (check_geometries (db, "buildings", data), ==, 5);
  g_assert_cmpint (count_rows (db, "facilities"), ==, 4);
  g_assert_cmpuint (check_geometries (db, "facilities", data), ==, 4);

  /* GDAL keeps gpkg_contents' extent of a layer it writes to; it must hold
   * every feature, or "zoom to layer" in QGIS misses some */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT min_x, max_x, min_y, max_y FROM gpkg_contents "
                                       "WHERE table_name = 'facilities'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_type (stmt, 0), !=, SQLITE_NULL);
  {
    double contents[4];

    for (int i = 0; i < 4; i++)
      contents[i] = sqlite3_column_double (stmt, i);
    g_test_message ("gpkg_contents extent after GDAL's edit: x %f..%f, y %f..%f; "
                    "the features: x %f..%f, y %f..%f",
                    contents[0], contents[1], contents[2], contents[3],
                    data[0], data[1], data[2], data[3]);
    /* GDAL rounds what it writes there to about 1e-9 */
    g_assert_cmpfloat (contents[0], <=, data[0] + 1e-8);
    g_assert_cmpfloat (contents[1], >=, data[1] - 1e-8);
    g_assert_cmpfloat (contents[2], <=, data[2] + 1e-8);
    g_assert_cmpfloat (contents[3], >=, data[3] - 1e-8);
  }

  g_clear_pointer (&stmt, sqlite3_finalize);
  lc_plan_close (plan);
  g_unlink (copy);
}

/* Chinese text comes through as UTF-8, and the features read back in full */
static void
test_ogrinfo_features (void)
{
  g_autofree char *ogrinfo = find_ogr_tool ("ogrinfo");
  g_auto(Run) run = { 0 };

  if (ogrinfo == NULL)
    return;

  test_run (&run, (const char *[]) { ogrinfo, "-ro", "-q", plan_path, "facilities", NULL }, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "name (String) = 五角场人民坊"));
  g_assert_nonnull (strstr (run.out, "kind (String) = liuyiting"));
  g_assert_nonnull (strstr (run.out, "POINT (121.514 31.299)"));
  assert_gdal_quiet (run.err);
}

/*
 * A layer GDAL adds comes with an R-tree spatial index, kept up to date by
 * triggers; a plan never has triggers, so the plan no longer opens. That is
 * the documented rule (docs/plan-format.md, "Editing a plan in a GIS").
 */
static void
test_ogr2ogr_new_layer (void)
{
  g_autofree char *ogr2ogr = find_ogr_tool ("ogr2ogr");
  g_autofree char *copy = NULL;
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(LcPlan) plan = NULL;

  if (ogr2ogr == NULL)
    return;

  copy = copy_plan ("new-layer.lcplan");
  test_run (&run, (const char *[]) { ogr2ogr, "-update", "-nln", "survey_points", copy,
                                     plan_path, "needs", NULL }, NULL);
  g_assert_cmpint (run.status, ==, 0);

  file = g_file_new_for_path (copy);
  plan = lc_plan_open (file, NULL, &error);
  g_test_message ("opening a plan GDAL added a layer to: %s",
                  error != NULL ? error->message : "opened");
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_UNSAFE);
  g_assert_null (plan);
  g_assert_nonnull (strstr (error->message, "rtree_survey_points_geom"));
  g_unlink (copy);
}

/* The recipe of docs/plan-format.md: one layer out to GeoJSON */
static void
test_ogr2ogr (void)
{
  g_autofree char *ogr2ogr = find_ogr_tool ("ogr2ogr");
  g_autofree char *out = NULL;
  g_autofree char *json = NULL;
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;

  if (ogr2ogr == NULL)
    return;

  out = g_build_filename (tmp_dir, "facilities.geojson", NULL);
  test_run (&run, (const char *[]) { ogr2ogr, "-f", "GeoJSON", out, plan_path, "facilities", NULL },
            NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_gdal_quiet (run.err);

  g_file_get_contents (out, &json, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json, "\"name\": \"五角场人民坊\""));
  g_assert_nonnull (strstr (json, "\"kind\": \"renminfang\""));
  g_unlink (out);
}

/*
 * GeoPackage Req 3 asks for the extension .gpkg; a plan is a .lcplan on
 * purpose (its own MIME type and icon), so that is the one requirement the
 * file itself breaks. -k lists every failed requirement instead of the first.
 */
static void
test_validator_lcplan (void)
{
  g_auto(Run) run = { 0 };

  if (!have_validator ())
    return;

  test_run (&run, (const char *[]) { SYSTEM_PYTHON, VALIDATOR, "-k", "--extra", plan_path, NULL },
            NULL);
  g_test_message ("validate_gpkg.py: exit status %d\n%s", run.status, run.out);
  g_assert_cmpint (run.status, ==, 1);
  {
    g_auto(GStrv) lines = g_strsplit (run.out, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      if (lines[i][0] != '\0' && !g_str_has_prefix (lines[i], "Req 3: "))
        g_error ("validate_gpkg.py: %s", lines[i]);
  }
}

/* Under a .gpkg name the same bytes pass every check, the extra ones too */
static void
test_validator_gpkg (void)
{
  g_autofree char *copy = NULL;
  g_auto(Run) run = { 0 };

  if (!have_validator ())
    return;

  copy = copy_plan ("plan.gpkg");
  test_run (&run, (const char *[]) { SYSTEM_PYTHON, VALIDATOR, "-k", "--extra", "--warning-as-error",
                                     copy, NULL }, NULL);
  g_test_message ("validate_gpkg.py: exit status %d\n%s", run.status, run.out);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_unlink (copy);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  /* Working copies go to a folder of our own, set before any plan exists */
  tmp_dir = g_dir_make_tmp ("lc-gdal-XXXXXX", &error);
  g_assert_no_error (error);
  state = g_build_filename (tmp_dir, "state", NULL);
  g_setenv ("XDG_STATE_HOME", state, TRUE);

  make_fixture ();

  g_test_add_func ("/interop/gdal/fixture", test_fixture);
  g_test_add_func ("/interop/gdal/ogrinfo-read-only", test_ogrinfo_read_only);
  g_test_add_func ("/interop/gdal/ogrinfo-features", test_ogrinfo_features);
  g_test_add_func ("/interop/gdal/ogrinfo-update", test_ogrinfo_update);
  g_test_add_func ("/interop/gdal/ogr2ogr", test_ogr2ogr);
  g_test_add_func ("/interop/gdal/ogr2ogr-append", test_ogr2ogr_append);
  g_test_add_func ("/interop/gdal/ogr2ogr-new-layer", test_ogr2ogr_new_layer);
  g_test_add_func ("/interop/gdal/validate/lcplan", test_validator_lcplan);
  g_test_add_func ("/interop/gdal/validate/gpkg", test_validator_gpkg);

  status = g_test_run ();

  plan_fixture_remove_tree (tmp_dir);
  g_free (plan_path);
  g_free (tmp_dir);
  return status;
}
