/* test-tool.c: the lifecircle-tool command line
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-tool"

#include "config.h"
#include "lc-plan-private.h"

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "plan-fixture.h"
#include "test-run.h"

/* Runs the built tool with @args (NULL-terminated) and, when @language is
 * set, LANGUAGE=@language; returns its output and exit status. */
static void
run_tool (Run         *run,
          const char  *language,
          const char  *first_arg,
          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *language_env = NULL;
  const char *tool = g_getenv ("LIFECIRCLE_TOOL");
  va_list ap;

  g_assert_nonnull (tool);
  g_ptr_array_add (argv, (char *) tool);
  va_start (ap, first_arg);
  for (const char *a = first_arg; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  if (language != NULL)
    language_env = g_strconcat ("LANGUAGE=", language, NULL);

  test_run (run, (const char * const *) argv->pdata,
            (const char * const []) { "LANG=C.UTF-8", "LC_ALL=C.UTF-8",
                                      language_env != NULL ? language_env : "LANGUAGE",
                                      NULL });

  /* The tool exited by itself */
  g_assert_cmpint (run->status, >=, 0);
  /* Nothing the tool does should ever warn on its own */
  g_assert_null (strstr (run->err, "CRITICAL"));
  g_assert_null (strstr (run->err, "WARNING"));
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_version (void)
{
  g_auto(Run) run = { 0 };

  run_tool (&run, NULL, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "lifecircle-tool " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };

  run_tool (&run, NULL, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Usage:"));
  g_assert_nonnull (strstr (run.out, "COMMAND"));
  g_assert_nonnull (strstr (run.out, "Commands:"));
  g_assert_nonnull (strstr (run.out, "services"));
  g_assert_nonnull (strstr (run.out, "--version"));
}

static void
test_usage_errors (void)
{
  g_auto(Run) none = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) bad_option = { 0 };
  g_auto(Run) extra = { 0 };
  g_auto(Run) missing = { 0 };

  run_tool (&none, NULL, NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "Usage:"));

  run_tool (&unknown, NULL, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "unknown command “frobnicate”"));

  run_tool (&bad_option, NULL, "services", "--bogus", NULL);
  g_assert_cmpint (bad_option.status, ==, 2);
  g_assert_nonnull (strstr (bad_option.err, "--bogus"));

  run_tool (&extra, NULL, "services", "plan.lcplan", NULL);
  g_assert_cmpint (extra.status, ==, 2);
  g_assert_nonnull (strstr (extra.err, "plan.lcplan"));

  /* A command's usage names the command */
  run_tool (&missing, NULL, "export-minutes", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "lifecircle-tool export-minutes [OPTION"));
}

static void
test_services_text (void)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  guint services = 0;

  run_tool (&run, NULL, "services", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "  "))
      services++;
  g_assert_cmpuint (services, ==, 20);
  g_assert_nonnull (strstr (run.out, "Basic services"));
  g_assert_nonnull (strstr (run.out, "Quality services"));
  g_assert_nonnull (strstr (run.out, "elderly"));
  g_assert_nonnull (strstr (run.out, "为老服务"));
  g_assert_nonnull (strstr (run.out, "Centre 1000 m, Station 300 m"));
}

static void
test_services_json (void)
{
  g_auto(Run) run = { 0 };

  run_tool (&run, NULL, "services", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "[\n"));
  g_assert_true (g_str_has_suffix (run.out, "]\n"));
  g_assert_cmpuint (count (run.out, "{\"key\": \""), ==, 20 + 26); /* services and their tiers */
  g_assert_cmpuint (count (run.out, "\"group\": \"basic\""), ==, 10);
  g_assert_cmpuint (count (run.out, "\"group\": \"quality\""), ==, 10);
  g_assert_nonnull (strstr (run.out, "\"key\": \"sports\", \"name_zh\": \"体育健身\""));
  g_assert_nonnull (strstr (run.out, "{\"key\": \"large\", \"threshold_m\": 1000}"));
  /* JSON is never translated */
  g_assert_null (strstr (run.out, "Centre 1000 m"));
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static void
test_info (void)
{
  g_autofree char *plan = data_path ("plan-v1.lcplan");
  g_autofree char *other = data_path ("gpkg/gdal_sample.gpkg");
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) foreign = { 0 };
  g_auto(Run) missing = { 0 };

  run_tool (&text, NULL, "info", plan, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Unit:     五角场街道"));
  g_assert_nonnull (strstr (text.out, "format 1"));
  g_assert_nonnull (strstr (text.out, "  facilities                    2\n"));
  g_assert_nonnull (strstr (text.out, "  service_thresholds           26\n"));

  run_tool (&json, NULL, "info", "--json", plan, NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.out, "\"format_version\": 1,"));
  g_assert_nonnull (strstr (json.out, "\"unit_name\": \"五角场街道\""));
  g_assert_nonnull (strstr (json.out, "\"meetings\": 2"));
  g_assert_nonnull (strstr (json.out, "\"size\": "));

  /* Not a plan: exit 2 and say what it is */
  run_tool (&foreign, NULL, "info", other, NULL);
  g_assert_cmpint (foreign.status, ==, 2);
  g_assert_nonnull (strstr (foreign.err, "GeoPackage made by another program"));
  g_assert_cmpstr (foreign.out, ==, "");

  run_tool (&missing, NULL, "info", "/nonexistent/plan.lcplan", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/plan.lcplan"));
}

static void
test_coverage (void)
{
  g_autofree char *plan = data_path ("plan-v1.lcplan");
  g_autofree char *other = data_path ("gpkg/gdal_sample.gpkg");
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) existing = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) foreign = { 0 };

  /* The fixture's one home is covered by three services only: exit 1 */
  run_tool (&text, NULL, "coverage", plan, NULL);
  g_assert_cmpint (text.status, ==, 1);
  g_assert_nonnull (strstr (text.out, "120 residents in 1 homes; walking 60 m/min; target 85 %"));
  g_assert_nonnull (strstr (text.out, "party_service              100.0%     85% pass            1          0  党群服务"));
  g_assert_nonnull (strstr (text.out, "public_space                 0.0%     85% fail            1        120  公共空间"));
  g_assert_cmpuint (count (text.out, "%     85% "), ==, 20);
  g_assert_nonnull (strstr (text.out, "All ten basic services (十全): 0.0 % of residents"));

  run_tool (&json, NULL, "coverage", "--json", "--service", "elderly", plan, NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.out, "\"graph\": {\"nodes\": 3, \"edges\": 2, \"islands\": 0}"));
  g_assert_nonnull (strstr (json.out, "\"key\": \"elderly\""));
  g_assert_nonnull (strstr (json.out, "\"share_population\": 1.000000"));
  g_assert_nonnull (strstr (json.out, "\"meets_target\": true"));
  g_assert_cmpuint (count (json.out, "\"key\": "), ==, 1);

  /* The party service's only facility is planned */
  run_tool (&existing, NULL, "coverage", "--existing-only", "--service", "party_service", plan, NULL);
  g_assert_cmpint (existing.status, ==, 1);
  g_assert_nonnull (strstr (existing.out, "Only existing facilities count."));
  g_assert_nonnull (strstr (existing.out, "party_service                0.0%     85% fail            0        120"));

  run_tool (&unknown, NULL, "coverage", "--service", "nope", plan, NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "unknown service “nope”"));

  run_tool (&foreign, NULL, "coverage", other, NULL);
  g_assert_cmpint (foreign.status, ==, 2);
  g_assert_cmpstr (foreign.out, ==, "");
}

static void
test_suggest (void)
{
  g_autofree char *plan = data_path ("plan-v1.lcplan");
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) covered = { 0 };
  g_auto(Run) no_service = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) bad_tier = { 0 };
  g_auto(Run) bad_k = { 0 };

  /* The fixture's one home, 120 residents, has no learning facility in reach:
   * one site covers it, and then nobody is left */
  run_tool (&text, NULL, "suggest", "--service", "learning", plan, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpstr (text.err, ==, "");
  g_assert_nonnull (strstr (text.out, "全民学习 Lifelong learning, new facilities reaching 1000 m: "
                                      "0.0 % of 120 residents covered now\n"));
  g_assert_nonnull (strstr (text.out, "Site   Latitude   Longitude  Residents  Homes Coverage\n"));
  g_assert_nonnull (strstr (text.out, "\n   1  31.299000  121.510000       +120     +1   100.0%\n"));
  g_assert_cmpuint (count (text.out, "\n   "), ==, 1);

  run_tool (&json, NULL, "suggest", "--json", "-s", "health", "--tier", "station", "-k", "3", plan, NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_nonnull (strstr (json.out, "\"service\": \"health\",\n  \"tier\": \"station\",\n"));
  g_assert_nonnull (strstr (json.out, "\"share_population\": 0.000000,"));
  g_assert_nonnull (strstr (json.out, "{\"rank\": 1, \"node\": "));
  g_assert_nonnull (strstr (json.out, "\"lat\": 31.299000, \"lon\": 121.510000, \"gain_population\": 120.0, "
                                      "\"gain_homes\": 1, \"share_population_after\": 1.000000}"));
  g_assert_cmpuint (count (json.out, "\"rank\": "), ==, 1);

  /* Covered already: nothing to suggest */
  run_tool (&covered, NULL, "suggest", "-s", "elderly", plan, NULL);
  g_assert_cmpint (covered.status, ==, 0);
  g_assert_nonnull (strstr (covered.out, "100.0 % of 120 residents covered now\nNo site would cover more residents.\n"));

  run_tool (&no_service, NULL, "suggest", plan, NULL);
  g_assert_cmpint (no_service.status, ==, 2);
  g_assert_nonnull (strstr (no_service.err, "--service KEY"));

  run_tool (&unknown, NULL, "suggest", "-s", "nope", plan, NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "unknown service “nope”"));

  run_tool (&bad_tier, NULL, "suggest", "-s", "health", "-t", "kiosk", plan, NULL);
  g_assert_cmpint (bad_tier.status, ==, 2);
  g_assert_nonnull (strstr (bad_tier.err, "no tier “kiosk” (its tiers: centre, station)"));

  run_tool (&bad_k, NULL, "suggest", "-s", "health", "-k", "0", plan, NULL);
  g_assert_cmpint (bad_k.status, ==, 2);
  g_assert_cmpstr (bad_k.out, ==, "");
}

/* A copy of @plan named @name in @dir, with @sql run on it behind the
 * tool's back; returns its path */
static char *
tampered_copy (const char *plan,
               const char *dir,
               const char *name,
               const char *sql)
{
  char *copy = g_build_filename (dir, name, NULL);
  g_autofree char *data = NULL;
  gsize len;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (plan, &data, &len, NULL));
  g_assert_true (g_file_set_contents (copy, data, len, NULL));
  g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  return copy;
}

static void
test_check (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = data_path ("plan-v1.lcplan");
  g_autofree char *not_gpkg = data_path ("gpkg/test.gpkg");
  g_autofree char *dir = g_dir_make_tmp ("lc-tool-XXXXXX", &error);
  g_autofree char *bad = NULL;
  g_auto(Run) sound = { 0 };
  g_auto(Run) sound_json = { 0 };
  g_auto(Run) unsafe = { 0 };
  g_auto(Run) unsafe_json = { 0 };
  g_auto(Run) unreadable = { 0 };
  g_auto(Run) missing = { 0 };

  /* No errors: exit 0, though its project lacks a meeting (a warning) */
  run_tool (&sound, NULL, "check", plan, NULL);
  g_assert_cmpint (sound.status, ==, 0);
  g_assert_nonnull (strstr (sound.out, "Warnings:\n  LC-MTG-001  projects 1  “五角场人民坊建设”, Consultation meeting: "));
  g_assert_null (strstr (sound.out, "Errors:"));
  g_assert_nonnull (strstr (sound.out, "plan-v1.lcplan: errors: 0, warnings: 2, notes: 0\n"));

  run_tool (&sound_json, NULL, "check", "--json", plan, NULL);
  g_assert_cmpint (sound_json.status, ==, 0);
  g_assert_nonnull (strstr (sound_json.out, "\"status\": \"ok\""));
  g_assert_nonnull (strstr (sound_json.out, "{\"severity\": \"warning\", \"code\": \"LC-MTG-002\", \"message\": "
                                            "\"“五角场人民坊建设”, Evaluation meeting: Held before the project was completed.\", "
                                            "\"subject\": {\"kind\": \"projects\", \"id\": 1, \"field\": null}, "
                                            "\"source\": \"2024 action plan, term 5: "));

  /* A plan with an injected trigger: problems found, exit 1; the content
   * of a plan refused is not read */
  bad = tampered_copy (plan, dir, "trigger.lcplan",
                       "CREATE TRIGGER t AFTER DELETE ON projects BEGIN SELECT 1; END;"
                       "UPDATE buildings SET geom = X'00' WHERE fid = 1;");

  run_tool (&unsafe, NULL, "check", bad, NULL);
  g_assert_cmpint (unsafe.status, ==, 1);
  g_assert_nonnull (strstr (unsafe.out, "Errors:\n  LC-FILE-009 file  The plan contains a trigger, “t”."));
  g_assert_null (strstr (unsafe.out, "LC-MTG-"));

  run_tool (&unsafe_json, NULL, "check", "--json", bad, NULL);
  g_assert_cmpint (unsafe_json.status, ==, 1);
  g_assert_nonnull (strstr (unsafe_json.out, "\"status\": \"problems\""));
  g_assert_nonnull (strstr (unsafe_json.out, "\"code\": \"LC-FILE-009\""));
  g_assert_nonnull (strstr (unsafe_json.out, "\"subject\": {\"kind\": \"file\", \"id\": null, \"field\": null}, "
                                             "\"source\": null}"));

  /* Not a plan at all: exit 2 */
  run_tool (&unreadable, NULL, "check", not_gpkg, NULL);
  g_assert_cmpint (unreadable.status, ==, 2);
  g_assert_nonnull (strstr (unreadable.out, "LC-FILE-006 file  The file is an SQLite database, but not a GeoPackage or a plan."));

  run_tool (&missing, NULL, "check", "--json", "/nonexistent/plan.lcplan", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.out, "\"status\": \"unreadable\""));
  g_assert_nonnull (strstr (missing.out, "\"code\": \"LC-FILE-001\""));

  g_unlink (bad);
  g_rmdir (dir);
}

/* The rules over a plan's content, not only its file: each problem named
 * with its code, errors making the exit status 1 */
static void
test_check_content (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = data_path ("plan-v1.lcplan");
  g_autofree char *dir = g_dir_make_tmp ("lc-tool-XXXXXX", &error);
  g_autofree char *large = NULL;
  g_autofree char *broken = NULL;
  g_auto(Run) warnings = { 0 };
  g_auto(Run) errors = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) chinese = { 0 };

  /* A 六艺亭 of 500 m²: the action plan says it should not be over 400 m² */
  large = tampered_copy (plan, dir, "large.lcplan", "UPDATE facilities SET floor_area_m2 = 500 WHERE fid = 2;");
  run_tool (&warnings, NULL, "check", large, NULL);
  g_assert_cmpint (warnings.status, ==, 0);
  g_assert_nonnull (strstr (warnings.out, "  LC-FAC-003  facilities 2  “政民路六艺亭”: A Liuyi Ting pavilion should not have "
                                          "more than 400 m² of floor area; this one has 500 m².\n"));
  g_assert_nonnull (strstr (warnings.out, "Sources:\n"));
  g_assert_nonnull (strstr (warnings.out, "  LC-FAC-003  2024 action plan, term 4: "));

  /* A project on the 2027 implementation list without a body, funding or
   * dates; a 人民坊 with one service; a project ending before it starts and
   * a need with no date */
  broken = tampered_copy (plan, dir, "broken.lcplan",
                          "UPDATE facilities SET floor_area_m2 = 500 WHERE fid = 2;"
                          "UPDATE projects SET status = 'in_progress', funding_source = NULL WHERE id = 2;"
                          "DELETE FROM facility_services WHERE facility_fid = 1 AND service <> 'elderly';"
                          "UPDATE projects SET end_date = '2025-12-31' WHERE id = 1;"
                          "UPDATE needs SET date = 'soon' WHERE fid = 1;");
  run_tool (&errors, NULL, "check", broken, NULL);
  g_assert_cmpint (errors.status, ==, 1);
  g_assert_nonnull (strstr (errors.out, "Errors:\n"));
  g_assert_nonnull (strstr (errors.out, "  LC-FAC-004  facilities 1  “五角场人民坊”: A Renmin Fang hub combines at least "
                                        "two services; this one has 1.\n"));
  g_assert_nonnull (strstr (errors.out, "  LC-PRJ-001  projects 2  “政民路口袋公园”, on the 2027 implementation list, is "
                                        "incomplete: No implementing body, No funding source, No start and end dates\n"));
  g_assert_nonnull (strstr (errors.out, "  LC-PRJ-002  projects 1  “五角场人民坊建设”: The end date is before the start date.\n"));
  g_assert_nonnull (strstr (errors.out, "  LC-NEED-001 needs 1  Need 1: The need’s date “soon” is not a date like 2025-09-15.\n"));
  g_assert_nonnull (strstr (errors.out, "  LC-FAC-003  facilities 2  "));
  g_assert_true (strstr (errors.out, "Errors:") < strstr (errors.out, "Warnings:"));
  g_assert_true (strstr (errors.out, "LC-FAC-003") > strstr (errors.out, "Warnings:"));
  g_assert_nonnull (strstr (errors.out, "broken.lcplan: errors: 4, warnings: 5, notes: 0\n"));

  run_tool (&json, NULL, "check", "--json", broken, NULL);
  g_assert_cmpint (json.status, ==, 1);
  g_assert_nonnull (strstr (json.out, "\"status\": \"problems\""));
  g_assert_nonnull (strstr (json.out, "{\"severity\": \"warning\", \"code\": \"LC-FAC-003\", "));
  g_assert_nonnull (strstr (json.out, "\"subject\": {\"kind\": \"facilities\", \"id\": 2, \"field\": \"floor_area_m2\"}"));
  g_assert_nonnull (strstr (json.out, "{\"severity\": \"error\", \"code\": \"LC-PRJ-001\", "));

  run_tool (&chinese, "zh_CN", "check", broken, NULL);
  g_assert_cmpint (chinese.status, ==, 1);
  g_assert_nonnull (strstr (chinese.out, "“政民路六艺亭”：六艺亭建筑面积不宜超过 400 m²；此处为 500 m²。"));
  g_assert_nonnull (strstr (chinese.out, "错误 4 项，警告 5 项，提示 0 项"));

  g_unlink (large);
  g_unlink (broken);
  g_rmdir (dir);
}

static void
test_check_geometries (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = data_path ("plan-v1.lcplan");
  g_autofree char *dir = g_dir_make_tmp ("lc-tool-XXXXXX", &error);
  g_autofree char *bad = NULL;
  g_auto(Run) run = { 0 };

  bad = tampered_copy (plan, dir, "geometry.lcplan",
                       "UPDATE buildings SET geom = X'4750000300000000' WHERE fid = 1;"
                       "DELETE FROM projects WHERE id = 1;");

  /* The thorough checks: geometries that do not decode, dangling references */
  run_tool (&run, NULL, "check", bad, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "  LC-FILE-013 buildings 1  1 geometry in “buildings” cannot be read"));
  g_assert_nonnull (strstr (run.out, "  LC-FILE-014 "));
  g_assert_nonnull (strstr (run.out, "refers to a row of “projects” that does not exist"));

  g_unlink (bad);
  g_rmdir (dir);
}

static void
test_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *osm = data_path ("osm/small.osm");
  g_autofree char *attack = data_path ("xml-attacks/defusedxml/xmlbomb.xml");
  g_autofree char *dir = g_dir_make_tmp ("lc-tool-XXXXXX", &error);
  g_autofree char *plan = g_build_filename (dir, "测试.lcplan", NULL);
  g_auto(Run) first = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) forced = { 0 };
  g_auto(Run) bomb = { 0 };
  g_auto(Run) info = { 0 };
  g_auto(Run) no_output = { 0 };

  run_tool (&first, NULL, "import", osm, "-o", plan, "--boundary", "r100", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (strstr (first.out, "Walking network: 4 ways, split into 6 paths"));
  g_assert_nonnull (strstr (first.out, "Boundary: “测试街道”."));

  run_tool (&info, NULL, "info", plan, NULL);
  g_assert_cmpint (info.status, ==, 0);
  g_assert_nonnull (strstr (info.out, "Unit:     测试街道"));

  /* An existing plan is kept unless --force */
  run_tool (&again, NULL, "import", osm, "-o", plan, NULL);
  g_assert_cmpint (again.status, ==, 2);
  g_assert_nonnull (strstr (again.err, "--force"));
  run_tool (&forced, NULL, "import", osm, "-o", plan, "--force", "--json", NULL);
  g_assert_cmpint (forced.status, ==, 0);
  g_assert_nonnull (strstr (forced.out, "\"path_edges\": 6,"));

  /* Hostile XML: refused, exit 2, nothing written */
  g_unlink (plan);
  run_tool (&bomb, NULL, "import", attack, "-o", plan, NULL);
  g_assert_cmpint (bomb.status, ==, 2);
  g_assert_nonnull (strstr (bomb.err, "document type (DTD)"));
  g_assert_false (g_file_test (plan, G_FILE_TEST_EXISTS));

  run_tool (&no_output, NULL, "import", osm, NULL);
  g_assert_cmpint (no_output.status, ==, 2);

  plan_fixture_remove_tree (dir);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static void
test_exchange (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture = data_path ("plan-v1.lcplan");
  g_autofree char *dir = g_dir_make_tmp ("lc-tool-XXXXXX", &error);
  g_autofree char *plan = g_build_filename (dir, "计划.lcplan", NULL);
  g_autofree char *csv = g_build_filename (dir, "项目.csv", NULL);
  g_autofree char *xml = g_build_filename (dir, "项目.xml", NULL);
  g_autofree char *year = g_build_filename (dir, "2026.csv", NULL);
  g_autofree char *needs = g_build_filename (dir, "需求.csv", NULL);
  g_autofree char *bad = NULL, *good = NULL, *attack = NULL, *gbk = NULL;
  g_autofree char *text = NULL, *before = NULL, *after = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  g_auto(Run) export_csv = { 0 };
  g_auto(Run) export_xml = { 0 };
  g_auto(Run) export_year = { 0 };
  g_auto(Run) export_needs = { 0 };
  g_auto(Run) dry = { 0 };
  g_auto(Run) refused = { 0 };
  g_auto(Run) skipped = { 0 };
  g_auto(Run) good_run = { 0 };
  g_auto(Run) dtd = { 0 };
  g_auto(Run) not_utf8 = { 0 };
  g_auto(Run) bad_list = { 0 };
  g_auto(Run) no_output = { 0 };

  g_assert_true (g_file_get_contents (fixture, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (plan, contents, len, NULL));

  run_tool (&export_csv, NULL, "export-projects", plan, "-o", csv, NULL);
  g_assert_cmpint (export_csv.status, ==, 0);
  text = read_text (csv);
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf项目名称,项目类型,1+N 角色,服务功能,实施年度,状态,"));
  g_assert_nonnull (strstr (text, "\r\n五角场人民坊建设,基础保障,人民坊,党群服务、为老服务,2026,推进,40,850,"));
  g_assert_nonnull (strstr (text, "政民路口袋公园"));
  g_clear_pointer (&text, g_free);

  run_tool (&export_year, NULL, "export-projects", plan, "-o", year, "--list", "2026", NULL);
  g_assert_cmpint (export_year.status, ==, 0);
  text = read_text (year);
  g_assert_nonnull (strstr (text, "五角场人民坊建设"));
  g_assert_null (strstr (text, "政民路口袋公园"));
  g_clear_pointer (&text, g_free);

  run_tool (&export_xml, NULL, "export-projects", plan, "-o", xml, "--list", "reserve", NULL);
  g_assert_cmpint (export_xml.status, ==, 0);
  text = read_text (xml);
  g_assert_nonnull (strstr (text, "<Worksheet ss:Name=\"项目清单\">"));
  g_assert_nonnull (strstr (text, "政民路口袋公园"));
  g_assert_null (strstr (text, "五角场人民坊建设"));
  g_clear_pointer (&text, g_free);

  run_tool (&export_needs, NULL, "export-projects", plan, "-o", needs, "--needs", NULL);
  g_assert_cmpint (export_needs.status, ==, 0);
  text = read_text (needs);
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf日期,来源,服务功能,需求描述,"));
  g_clear_pointer (&text, g_free);

  run_tool (&bad_list, NULL, "export-projects", plan, "-o", csv, "--list", "soon", NULL);
  g_assert_cmpint (bad_list.status, ==, 2);
  run_tool (&no_output, NULL, "export-projects", plan, "-o", "x.txt", NULL);
  g_assert_cmpint (no_output.status, ==, 2);

  /* Bad rows: each reported, exit 1, the plan file untouched */
  bad = write_file (dir, "bad.csv", "项目名称,状态,投资估算（万元）\n,储备,1\n甲,进行中,2\n乙,储备,abc\n丙,储备,3\n");
  before = read_text (plan);
  run_tool (&dry, NULL, "import-projects", plan, bad, "--dry-run", NULL);
  g_assert_cmpint (dry.status, ==, 1);
  run_tool (&refused, NULL, "import-projects", plan, bad, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.out, "Row 2: The project needs a name."));
  g_assert_nonnull (strstr (refused.out, "Row 3: The status “进行中” is none of 储备, 推进, 完成."));
  g_assert_nonnull (strstr (refused.out, "Row 4: The budget “abc” is not a number."));
  g_assert_nonnull (strstr (refused.err, "3 rows have errors; nothing was imported."));
  {
    g_autofree char *now = read_text (plan);
    g_assert_true (memcmp (before, now, len) == 0);
  }

  /* --skip-bad-rows writes the good one */
  run_tool (&skipped, NULL, "import-projects", plan, bad, "--skip-bad-rows", NULL);
  g_assert_cmpint (skipped.status, ==, 1);
  g_assert_nonnull (strstr (skipped.out, "Imported 1 row into"));

  /* The exported sheet imports back cleanly, replacing rows by name */
  run_tool (&good_run, NULL, "import-projects", plan, xml, NULL);
  g_assert_cmpint (good_run.status, ==, 0);
  g_assert_nonnull (strstr (good_run.out, "0 to add, 1 to replace, 0 with errors"));

  attack = write_file (dir, "attack.xml", "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a \"aaaa\">]>"
                                          "<Workbook><Worksheet><Table><Row><Cell><Data>&a;</Data></Cell></Row>"
                                          "</Table></Worksheet></Workbook>");
  run_tool (&dtd, NULL, "import-projects", plan, attack, NULL);
  g_assert_cmpint (dtd.status, ==, 2);
  g_assert_nonnull (strstr (dtd.err, "document type (DTD)"));

  gbk = write_file (dir, "gbk.csv", "\xcf\xee\xc4\xbf\xc3\xfb\xb3\xc6\n");
  run_tool (&not_utf8, NULL, "import-projects", plan, gbk, NULL);
  g_assert_cmpint (not_utf8.status, ==, 2);
  g_assert_nonnull (strstr (not_utf8.err, "not UTF-8"));

  plan_fixture_remove_tree (dir);
}

static void
test_chinese (void)
{
  g_auto(Run) help = { 0 };
  g_auto(Run) services = { 0 };

  run_tool (&help, "zh_CN", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "命令："));

  run_tool (&services, "zh_CN", "services", NULL);
  g_assert_cmpint (services.status, ==, 0);
  g_assert_nonnull (strstr (services.out, "十全"));
  g_assert_nonnull (strstr (services.out, "中心 1000 米"));
}

static void
test_meetings (void)
{
  g_autofree char *plan = data_path ("plan-v1.lcplan");
  g_autofree char *dir = g_dir_make_tmp ("lc-tool-meetings-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "minutes.pdf", NULL);
  g_autofree char *summary = g_build_filename (dir, "summary.pdf", NULL);
  g_autofree char *csv = g_build_filename (dir, "summary.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) minutes = { 0 };
  g_auto(Run) no_id = { 0 };
  g_auto(Run) bad_id = { 0 };
  g_auto(Run) pdf_summary = { 0 };
  g_auto(Run) csv_summary = { 0 };
  g_auto(Run) chinese = { 0 };

  /* Project 1 has no consultation and an evaluation before completion: exit 1 */
  run_tool (&text, NULL, "meetings", plan, NULL);
  g_assert_cmpint (text.status, ==, 1);
  g_assert_nonnull (strstr (text.out, "2    2026-12-20T09:30:00+08:00 Evaluation meeting"));
  g_assert_true (strstr (text.out, "  2    2026") < strstr (text.out, "  1    2025"));
  g_assert_nonnull (strstr (text.out, "Coordination meeting   Held           2025-10-12"));
  g_assert_nonnull (strstr (text.out, "Projects missing a meeting or holding one out of order: 1"));

  run_tool (&json, NULL, "meetings", "--json", plan, NULL);
  g_assert_cmpint (json.status, ==, 1);
  g_assert_nonnull (strstr (json.out, "\"type\": \"coordination\""));
  g_assert_nonnull (strstr (json.out, "\"consultation\": { \"state\": \"missing\", \"meeting\": null"));
  g_assert_nonnull (strstr (json.out, "\"coordination\": { \"state\": \"held\", \"meeting\": 1, \"date\": \"2025-10-12\""));
  g_assert_nonnull (strstr (json.out, "\"evaluation\": { \"state\": \"out_of_order\""));

  run_tool (&minutes, NULL, "export-minutes", plan, "--meeting", "1", "-o", pdf, NULL);
  g_assert_cmpint (minutes.status, ==, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_clear_pointer (&contents, g_free);

  run_tool (&no_id, NULL, "export-minutes", plan, "-o", pdf, NULL);
  g_assert_cmpint (no_id.status, ==, 2);
  run_tool (&bad_id, NULL, "export-minutes", plan, "--meeting", "99", "-o", pdf, NULL);
  g_assert_cmpint (bad_id.status, ==, 2);
  g_assert_nonnull (strstr (bad_id.err, "no meeting 99"));

  run_tool (&pdf_summary, NULL, "export-meetings", plan, "-o", summary, NULL);
  g_assert_cmpint (pdf_summary.status, ==, 0);
  g_assert_true (g_file_get_contents (summary, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_clear_pointer (&contents, g_free);

  run_tool (&csv_summary, NULL, "export-meetings", plan, "-o", csv, NULL);
  g_assert_cmpint (csv_summary.status, ==, 0);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "id,"));
  g_assert_nonnull (strstr (contents, "2,政民路口袋公园,reserve,"));

  run_tool (&chinese, "zh_CN", "meetings", plan, NULL);
  g_assert_cmpint (chinese.status, ==, 1);
  g_assert_nonnull (strstr (chinese.out, "五角场人民坊建设"));

  g_unlink (pdf);
  g_unlink (summary);
  g_unlink (csv);
  g_rmdir (dir);
}

static void
test_import_meetings (void)
{
  g_autofree char *fixture = data_path ("plan-v1.lcplan");
  g_autofree char *dir = g_dir_make_tmp ("lc-tool-meetings-XXXXXX", NULL);
  g_autofree char *plan = g_build_filename (dir, "计划.lcplan", NULL);
  g_autofree char *log = g_build_filename (dir, "会议.csv", NULL);
  g_autofree char *contents = NULL, *good = NULL, *bad = NULL, *before = NULL, *text = NULL;
  gsize len;
  g_auto(Run) imported = { 0 };
  g_auto(Run) listed = { 0 };
  g_auto(Run) exported = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) refused = { 0 };
  g_auto(Run) bad_output = { 0 };

  g_assert_true (g_file_get_contents (fixture, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (plan, contents, len, NULL));

  /* The fixture's project lacks a consultation; the sheet adds one */
  good = write_file (dir, "good.csv", "会议类型,日期时间,地点,组织方,出席人数,关联项目\n"
                                      "征询会,2025-06-01 09:30,国顺路居委会,居委会,40,五角场人民坊建设\n");
  run_tool (&imported, NULL, "import-projects", plan, good, NULL);
  g_assert_cmpint (imported.status, ==, 0);
  g_assert_nonnull (strstr (imported.out, "Sheet: Meeting log (会议记录)"));
  g_assert_nonnull (strstr (imported.out, "1 rows: 1 to add, 0 to replace, 0 with errors."));
  run_tool (&listed, NULL, "meetings", plan, NULL);
  g_assert_nonnull (strstr (listed.out, "2025-06-01T09:30          Consultation meeting   国顺路居委会"));
  g_assert_nonnull (strstr (listed.out, "Consultation meeting   Held           2025-06-01"));

  /* The log exported imports back onto itself: every row replaces its meeting */
  run_tool (&exported, NULL, "export-meetings", plan, "--log", "-o", log, NULL);
  g_assert_cmpint (exported.status, ==, 0);
  text = read_text (log);
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf会议类型,日期时间,地点,纬度,经度,组织方,"));
  g_assert_nonnull (strstr (text, "方案 A（保留原有庭院）：纸质票31，其他渠道7；方案 B（新建连廊）：纸质票14，其他渠道3"));
  run_tool (&again, NULL, "import-projects", plan, log, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "3 rows: 0 to add, 3 to replace, 0 with errors."));

  /* A bad row: reported with its row, exit 1, the plan untouched */
  bad = write_file (dir, "bad.csv", "会议类型,日期时间,关联项目,表决选项\n"
                                    "协调会,2025-07-01,五角场人民坊建设,方案A：abc\n"
                                    "协调会,2025-07-02,无此项目,\n");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (plan, &before, &len, NULL));
  run_tool (&refused, NULL, "import-projects", plan, bad, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.out, "Row 2: The votes “abc” of option “方案A”"));
  g_assert_nonnull (strstr (refused.out, "Row 3: No project in the plan is called “无此项目”."));
  g_assert_true (g_file_get_contents (plan, &contents, NULL, NULL));
  g_assert_true (memcmp (before, contents, len) == 0);

  run_tool (&bad_output, NULL, "export-meetings", plan, "--log", "-o", "log.pdf", NULL);
  g_assert_cmpint (bad_output.status, ==, 2);

  plan_fixture_remove_tree (dir);
}

/* set-profile: every field right, or nothing written */
static void
test_set_profile (void)
{
  g_autofree char *fixture = data_path ("plan-v1.lcplan");
  g_autofree char *dir = g_dir_make_tmp ("lc-tool-profile-XXXXXX", NULL);
  g_autofree char *plan = g_build_filename (dir, "单元.lcplan", NULL);
  g_autofree char *contents = NULL, *before = NULL, *after = NULL;
  gsize len, before_len, after_len;
  g_auto(Run) set = { 0 };
  g_auto(Run) info = { 0 };
  g_auto(Run) bad_year = { 0 };
  g_auto(Run) bad_field = { 0 };

  g_assert_true (g_file_get_contents (fixture, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (plan, contents, len, NULL));
  run_tool (&set, NULL, "set-profile", plan, "district=杨浦区", "period_start=2025", "plan_date=2025-06-30", NULL);
  g_assert_cmpint (set.status, ==, 0);
  run_tool (&info, NULL, "info", plan, NULL);
  g_assert_nonnull (strstr (info.out, "District: 杨浦区"));

  g_assert_true (g_file_get_contents (plan, &before, &before_len, NULL));
  run_tool (&bad_year, NULL, "set-profile", plan, "district=虹口区", "period_start=1990", NULL);
  g_assert_cmpint (bad_year.status, ==, 1);
  g_assert_nonnull (strstr (bad_year.err, "period_start: The planning period starts in a year from 2020"));
  run_tool (&bad_field, NULL, "set-profile", plan, "mayor=张三", NULL);
  g_assert_cmpint (bad_field.status, ==, 2);
  g_assert_nonnull (strstr (bad_field.err, "“mayor=张三” is not FIELD=VALUE"));
  g_assert_true (g_file_get_contents (plan, &after, &after_len, NULL));
  g_assert_cmpmem (after, after_len, before, before_len);
  plan_fixture_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tool/version", test_version);
  g_test_add_func ("/tool/help", test_help);
  g_test_add_func ("/tool/usage-errors", test_usage_errors);
  g_test_add_func ("/tool/services/text", test_services_text);
  g_test_add_func ("/tool/services/json", test_services_json);
  g_test_add_func ("/tool/info", test_info);
  g_test_add_func ("/tool/check", test_check);
  g_test_add_func ("/tool/coverage", test_coverage);
  g_test_add_func ("/tool/suggest", test_suggest);
  g_test_add_func ("/tool/check-geometries", test_check_geometries);
  g_test_add_func ("/tool/check-content", test_check_content);
  g_test_add_func ("/tool/import", test_import);
  g_test_add_func ("/tool/chinese", test_chinese);
  g_test_add_func ("/tool/exchange", test_exchange);
  g_test_add_func ("/tool/meetings", test_meetings);
  g_test_add_func ("/tool/import-meetings", test_import_meetings);
  g_test_add_func ("/tool/set-profile", test_set_profile);

  return g_test_run ();
}
