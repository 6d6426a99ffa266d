/* plan-fixture.c: a plan with rows in every table, and helpers, for tests
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "plan-fixture"

#include "config.h"
#include "lc-plan-private.h"

#include <glib/gstdio.h>

#include "lc-attachment.h"
#include "lc-geometry.h"
#include "lc-plan-schema.h"
#include "plan-fixture.h"

/**
 * plan_fixture_use_temp_state:
 *
 * Points XDG_STATE_HOME (where working copies live) at a new temporary
 * folder, so that tests never touch the user's own recovery folder.
 */
void
plan_fixture_use_temp_state (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lc-state-XXXXXX", &error);

  g_assert_no_error (error);
  g_setenv ("XDG_STATE_HOME", dir, TRUE);
  g_reload_user_special_dirs_cache ();
}

/**
 * plan_fixture_remove_tree:
 *
 * Deletes @path and, when it is a folder, everything in it, like `rm -rf`;
 * symbolic links are removed, never followed. Errors are ignored.
 */
void
plan_fixture_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      plan_fixture_remove_tree (child);
    }
  g_rmdir (path);
}

/**
 * plan_fixture_exec:
 *
 * Runs @sql (one or more statements) on @db; any error ends the test.
 */
void
plan_fixture_exec (sqlite3    *db,
                   const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s\nin: %s", message, sql);
}

/**
 * plan_fixture_query_int:
 *
 * Returns: the first column of the first row of @sql on @db; no row, or
 * an error, ends the test
 */
gint64
plan_fixture_query_int (sqlite3    *db,
                        const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * plan_fixture_insert_geometry:
 *
 * Runs the one statement @sql on @db with @geometry, as a GeoPackage blob in
 * WGS-84, bound to its first parameter.
 */
void
plan_fixture_insert_geometry (sqlite3    *db,
                              const char *sql,
                              LcGeometry *geometry)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) blob = lc_geometry_to_gpkg (geometry, LC_SRS_WGS84);
  gsize len;
  const void *data = g_bytes_get_data (blob, &len);
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_test_message ("%s\nin: %s", sqlite3_errmsg (db), sql);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, data, (int) len, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    g_test_message ("%s\nin: %s", sqlite3_errmsg (db), sql);
  g_assert_cmpint (rc, ==, SQLITE_DONE);
}

/**
 * plan_fixture_add_square:
 *
 * Adds to @g a closed ring around (@x, @y), half a side of @half degrees,
 * as one part.
 */
void
plan_fixture_add_square (LcGeometry *g,
                         double      x,
                         double      y,
                         double      half)
{
  lc_geometry_add_point (g, x - half, y - half);
  lc_geometry_add_point (g, x + half, y - half);
  lc_geometry_add_point (g, x + half, y + half);
  lc_geometry_add_point (g, x - half, y + half);
  lc_geometry_add_point (g, x - half, y - half);
  lc_geometry_end_part (g);
}

/**
 * plan_fixture_square:
 *
 * Returns: (transfer full): a multipolygon of one square around (@x, @y),
 * half a side of @half degrees; with @hole, a square hole in its middle
 */
LcGeometry *
plan_fixture_square (double   x,
                     double   y,
                     double   half,
                     gboolean hole)
{
  LcGeometry *g = lc_geometry_new (LC_GEOMETRY_MULTIPOLYGON);

  plan_fixture_add_square (g, x, y, half);
  if (hole)
    plan_fixture_add_square (g, x, y, half / 3);
  lc_geometry_end_group (g);
  return g;
}

/**
 * plan_fixture_fill:
 *
 * Adds at least one row to every table of the plan, with Chinese text, in
 * one edit. Ids are fixed so that tests can refer to them.
 */
void
plan_fixture_fill (LcPlan *plan)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = lc_plan_get_database (plan);
  g_autoptr(LcGeometry) boundary = plan_fixture_square (121.514, 31.299, 0.008, FALSE);
  g_autoptr(LcGeometry) hub = lc_geometry_new_point (121.5140, 31.2990);
  g_autoptr(LcGeometry) pavilion = lc_geometry_new_point (121.5102, 31.3011);
  g_autoptr(LcGeometry) path = lc_geometry_new (LC_GEOMETRY_LINESTRING);
  g_autoptr(LcGeometry) building = plan_fixture_square (121.5121, 31.2978, 0.0002, FALSE);
  g_autoptr(LcGeometry) park = plan_fixture_square (121.5160, 31.3020, 0.0010, FALSE);
  g_autoptr(LcGeometry) need = lc_geometry_new_point (121.5130, 31.2985);
  g_autoptr(LcGeometry) site = plan_fixture_square (121.5102, 31.3011, 0.0001, FALSE);

  lc_geometry_add_point (path, 121.5100, 31.2990);
  lc_geometry_add_point (path, 121.5140, 31.2990);
  lc_geometry_add_point (path, 121.5140, 31.3010);
  lc_geometry_end_part (path);

  g_assert_true (lc_plan_begin (plan, "fill", &error));
  g_assert_no_error (error);

  plan_fixture_exec (db,
                     "UPDATE unit_profile SET unit_name = '五角场街道', district = '杨浦区', subdistrict = '五角场街道',"
                     "  population = 86000, planner = '张规划', community_planner = '李社区', period_start = 2025,"
                     "  period_end = 2029, plan_version = 'v1.0', plan_date = '2025-11-20', walking_speed_m_min = 60,"
                     "  coverage_target = 0.85, view_latitude = 31.299, view_longitude = 121.514, view_zoom = 15;"
                     "UPDATE service_thresholds SET threshold_m = 350, source = '本单元评估：老年人步行较慢'"
                     "  WHERE service = 'elderly';"
                     "INSERT INTO blueprint (id, section, title, body, sort) VALUES"
                     "  (1, 'vision', '愿景', '宜居、宜业、宜游、宜学、宜养的五角场', 0);"
                     "INSERT INTO blueprint_targets (id, service, year, facilities_to_add, coverage_target, notes)"
                     "  VALUES (1, 'elderly', 2026, 2, 0.9, '新增两处日间照料');"
                     "INSERT INTO attachments (id, name, mime_type, size, sha256, data, owner_table, owner_id, caption, created)"
                     "  VALUES (1, '方案A.png', 'image/png', 4, '9f64a747e1b97f131fabb6b447296c9b6f0201e79fb3c5356e6c77e89b6a806a',"
                     "  X'89504E47', 'vote_options', 1, '方案 A 效果图', '2025-10-01T10:00:00Z');");

  plan_fixture_insert_geometry (db, "INSERT INTO unit_boundary (fid, geom, name, source) VALUES (1, ?, '五角场街道', 'drawn')",
                                boundary);
  plan_fixture_insert_geometry (db, "INSERT INTO facilities (fid, geom, name, kind, status, floor_area_m2, address, notes)"
                                    " VALUES (1, ?, '五角场人民坊', 'renminfang', 'planned', 1800, '国和路 1 号', '党群服务中心改造')",
                                hub);
  plan_fixture_insert_geometry (db, "INSERT INTO facilities (fid, geom, name, kind, status, floor_area_m2, equipment)"
                                    " VALUES (2, ?, '政民路六艺亭', 'liuyiting', 'existing', 160, 'seating;water;aed')",
                                pavilion);
  plan_fixture_insert_geometry (db, "INSERT INTO walking_paths (fid, geom, name, highway, length_m) VALUES (1, ?, '政民路', 'residential', 416.5)",
                                path);
  plan_fixture_insert_geometry (db, "INSERT INTO buildings (fid, geom, name, building, levels, residential, population)"
                                    " VALUES (1, ?, '复旦新村 3 号楼', 'apartments', 6, 1, 120)",
                                building);
  plan_fixture_insert_geometry (db, "INSERT INTO landcover (fid, geom, class, name) VALUES (1, ?, 'green', '政民路绿地')", park);
  plan_fixture_insert_geometry (db, "INSERT INTO needs (fid, geom, date, source, service, description, urgency, residents)"
                                    " VALUES (1, ?, '2025-09-15', 'questionnaire', 'elderly', '希望增设老年助餐点', 3, 42)",
                                need);

  plan_fixture_exec (db,
                     "INSERT INTO facility_services (facility_fid, service, tier) VALUES"
                     "  (1, 'party_service', 'centre'), (1, 'elderly', ''), (1, 'culture', 'station'),"
                     "  (2, 'public_space', '');"
                     "INSERT INTO projects (id, name, kind, role, year, status, progress, budget_wan, funding_source,"
                     "  implementing_body, content, path, path_note, start_date, end_date, design_team, key_project,"
                     "  facility_fid, notes) VALUES"
                     "  (1, '五角场人民坊建设', 'basic', 'renminfang', 2026, 'in_progress', 0.4, 850, '区级财政',"
                     "   '五角场街道办事处', '党群服务中心改造为人民坊，新增助餐与日间照料', 'renovation', NULL,"
                     "   '2026-03-01', '2026-12-31', '同济规划院社区规划团队', 1, 1, '重点项目'),"
                     "  (2, '政民路口袋公园', 'quality', 'other', 2027, 'reserve', NULL, 120, '街道自筹',"
                     "   NULL, NULL, 'new_build', NULL, NULL, NULL, NULL, 0, NULL, NULL);"
                     "INSERT INTO project_services (project_id, service) VALUES (1, 'elderly'), (1, 'party_service'),"
                     "  (2, 'public_space');"
                     "INSERT INTO project_milestones (project_id, date, title, done) VALUES"
                     "  (1, '2026-06-30', '主体完工', 0);"
                     "INSERT INTO need_projects (need_fid, project_id) VALUES (1, 1);"
                     "INSERT INTO meetings (id, type, date_time, place, latitude, longitude, organiser, chair, attendance,"
                     "  agenda, minutes, decisions, abstentions, feedback) VALUES"
                     "  (1, 'coordination', '2025-10-12T14:00:00+08:00', '五角场街道社区文化中心', 31.2993, 121.5142,"
                     "   'residents_committee', '王主任', 58, '人民坊设计方案比选', '居民对两个方案进行了讨论与投票。',"
                     "   '采用方案 A', 3, NULL),"
                     "  (2, 'evaluation', '2026-12-20T09:30:00+08:00', '政民路六艺亭', NULL, NULL, 'owners_committee',"
                     "   '赵代表', 35, NULL, NULL, NULL, NULL, '总体满意，希望延长开放时间');"
                     "INSERT INTO meeting_projects (meeting_id, project_id) VALUES (1, 1), (2, 1);"
                     "INSERT INTO meeting_attendees (meeting_id, name, role) VALUES (1, '陈阿姨', '居民代表');"
                     "INSERT INTO vote_options (id, meeting_id, label, description, attachment_id, votes_paper, votes_other, sort)"
                     "  VALUES (1, 1, '方案 A', '保留原有庭院', 1, 31, 7, 0), (2, 1, '方案 B', '新建连廊', NULL, 14, 3, 1);"
                     "INSERT INTO meeting_ratings (meeting_id, level, count) VALUES (2, 5, 20), (2, 4, 10), (2, 3, 5);"
                     "INSERT INTO review_comments (created, author, target_table, target_id, rule, body, status) VALUES"
                     "  ('2025-12-01T10:00:00Z', '区联席办', 'projects', 2, 'project_complete', '请补充实施主体', 'open');");

  plan_fixture_insert_geometry (db, "INSERT INTO project_locations (fid, geom, project_id, label) VALUES (1, ?, 1, '人民坊选址')",
                                site);

  g_assert_true (lc_plan_commit (plan, &error));
  g_assert_no_error (error);
}

/**
 * plan_fixture_new_filled:
 *
 * Returns: (transfer full): a new plan filled by plan_fixture_fill(), the
 *   fill its one undo step
 */
LcPlan *
plan_fixture_new_filled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);

  g_assert_no_error (error);
  plan_fixture_fill (plan);
  return g_steal_pointer (&plan);
}

/**
 * plan_fixture_dump_table:
 *
 * Returns: (transfer full): every row of @table, ordered by key, each value
 * as SQL quote() writes it (blobs in hex), one line per row
 */
char *
plan_fixture_dump_table (sqlite3    *db,
                         const char *table)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1", table);

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          sqlite3_value *v = sqlite3_column_value (stmt, c);
          char *q;
          switch (sqlite3_value_type (v))
            {
            case SQLITE_NULL:
              g_string_append (out, "NULL");
              break;
            case SQLITE_INTEGER:
              g_string_append_printf (out, "%lld", (long long) sqlite3_value_int64 (v));
              break;
            case SQLITE_FLOAT:
              g_string_append_printf (out, "%.17g", sqlite3_value_double (v));
              break;
            case SQLITE_TEXT:
              q = sqlite3_mprintf ("%Q", sqlite3_value_text (v));
              g_string_append (out, q);
              sqlite3_free (q);
              break;
            case SQLITE_BLOB:
              {
                const guint8 *b = sqlite3_value_blob (v);

                g_string_append (out, "X'");
                for (int i = 0; i < sqlite3_value_bytes (v); i++)
                  g_string_append_printf (out, "%02X", b[i]);
                g_string_append_c (out, '\'');
              }
              break;
            default:
              g_assert_not_reached ();
            }
          g_string_append_c (out, '|');
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * plan_fixture_dump:
 *
 * Returns: (transfer full): every row of every table of the schema, and the
 * GeoPackage registry, as text to compare
 */
char *
plan_fixture_dump (sqlite3 *db)
{
  static const char *gpkg[] = { "gpkg_spatial_ref_sys", "gpkg_contents", "gpkg_geometry_columns" };
  g_autoptr(GString) out = g_string_new (NULL);
  guint n;
  const LcPlanTable *tables = lc_plan_schema_get_tables (&n);

  for (guint i = 0; i < G_N_ELEMENTS (gpkg); i++)
    {
      g_autofree char *rows = plan_fixture_dump_table (db, gpkg[i]);
      g_string_append_printf (out, "== %s\n%s", gpkg[i], rows);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *rows = plan_fixture_dump_table (db, tables[i].name);
      g_string_append_printf (out, "== %s\n%s", tables[i].name, rows);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * plan_fixture_add_attachments:
 * @n: how many
 * @size: the bytes of each, at most %LC_ATTACHMENT_MAX_SIZE
 *
 * Attaches @n files of @size random bytes each (each file different), one
 * undo step each; with 10 of %LC_ATTACHMENT_MAX_SIZE, a plan without other
 * attachments becomes as large as they may make it (%LC_ATTACHMENT_MAX_TOTAL).
 */
void
plan_fixture_add_attachments (LcPlan *plan,
                              guint   n,
                              gsize   size)
{
  g_autofree guint32 *words = g_new (guint32, size / sizeof (guint32) + 1);

  for (gsize i = 0; i < size / sizeof (guint32) + 1; i++)
    words[i] = g_random_int ();

  for (guint k = 0; k < n; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *name = g_strdup_printf ("附件 %u.bin", k + 1);
      gint64 id;

      words[0] = k;
      bytes = g_bytes_new_static (words, size);
      id = lc_plan_add_attachment_bytes (plan, name, bytes, NULL, 0, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
    }
}
