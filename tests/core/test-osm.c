/* test-osm.c: the OpenStreetMap importer
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-osm"

#include "config.h"
#include "lc-plan-private.h"

#include <math.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "lc-osm-import.h"
#include "lc-plan-check.h"
#include "lc-problem.h"
#include "plan-fixture.h"
#include "test-run.h"

static char *tmp_dir;

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static gint64
query_int (LcPlan     *plan,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (lc_plan_get_database (plan), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (LcPlan     *plan,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (lc_plan_get_database (plan), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Imports @path into a new plan; asserts success */
static LcPlan *
import (const char   *path,
        const char   *boundary,
        LcOsmReport **report)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LcOsmImportOptions options = { .boundary = boundary };
  LcPlan *plan = lc_plan_new (&error);

  g_assert_no_error (error);
  g_assert_true (lc_osm_import (plan, file, &options, report, NULL, &error));
  g_assert_no_error (error);
  return plan;
}

static void
assert_plan_sound (LcPlan *plan)
{
  g_autoptr(GPtrArray) problems = lc_plan_check_database (lc_plan_get_database (plan), TRUE, NULL);

  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", ((LcProblem *) problems->pdata[i])->message);
  g_assert_true (lc_plan_problems_to_error (problems, NULL));
}

/* ---- the hand-made file with known answers (see its comment) ---- */

static void
assert_small_report (const LcOsmReport *r)
{
  g_assert_cmpuint (r->nodes, ==, 44);
  g_assert_cmpuint (r->ways, ==, 15);
  g_assert_cmpuint (r->relations, ==, 2);
  g_assert_cmpuint (r->walkable_ways, ==, 4);
  g_assert_cmpuint (r->path_edges, ==, 6);
  g_assert_cmpuint (r->buildings, ==, 4);
  g_assert_cmpuint (r->residential_buildings, ==, 2);
  g_assert_cmpuint (r->facilities, ==, 4);
  g_assert_cmpuint (r->facilities_other, ==, 1);
  g_assert_cmpuint (r->landcover[LC_LANDCOVER_GREEN], ==, 1);
  g_assert_cmpuint (r->landcover[LC_LANDCOVER_RESIDENTIAL], ==, 1);
  g_assert_cmpuint (r->dangling_refs, ==, 1);
  g_assert_cmpuint (r->ways_with_dangling_refs, ==, 1);
  g_assert_cmpstr (r->boundary_name, ==, "测试街道");
  g_assert_false (r->boundary_from_bounds);
}

static void
test_small (void)
{
  g_autofree char *path = data_path ("osm/small.osm");
  g_autoptr(LcOsmReport) report = NULL;
  g_autoptr(LcPlan) plan = import (path, "测试街道", &report);
  g_autofree char *kindergarten = NULL;
  g_autofree char *market = NULL;
  g_autofree char *bench_tags = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *text = lc_osm_report_to_text (report);
  g_autofree char *json = lc_osm_report_to_json (report);

  g_test_message ("%s", text);
  assert_small_report (report);

  /* The rows match the report */
  g_assert_cmpint (query_int (plan, "SELECT count(*) FROM walking_paths"), ==, 6);
  g_assert_cmpint (query_int (plan, "SELECT count(*) FROM walking_paths WHERE osm_way_id = 20"), ==, 2);
  g_assert_cmpint (query_int (plan, "SELECT count(*) FROM walking_paths WHERE osm_way_id IN (22, 23)"), ==, 0);
  g_assert_cmpint (query_int (plan, "SELECT count(*) FROM buildings WHERE residential = 1"), ==, 2);
  g_assert_cmpint (query_int (plan, "SELECT residential FROM buildings WHERE osm_id = 'w30'"), ==, 1);
  g_assert_cmpint (query_int (plan, "SELECT residential FROM buildings WHERE osm_id = 'w33'"), ==, 0);
  g_assert_cmpint (query_int (plan, "SELECT levels FROM buildings WHERE osm_id = 'w32'"), ==, 10);

  /* 0.0003° × 0.0003° at 31.3° N is 951 m²; ten floors at 35 m² a person: 272 */
  g_assert_cmpint (query_int (plan, "SELECT round (population) FROM buildings WHERE osm_id = 'w32'"), ==, 272);
  g_assert_cmpint (query_int (plan, "SELECT count(*) FROM buildings WHERE population_source = 'estimated'"), ==, 2);

  /* Facilities: Chinese names preferred, services from the table */
  kindergarten = query_text (plan, "SELECT f.name || ':' || s.service || ':' || s.tier FROM facilities f "
                                   "JOIN facility_services s ON s.facility_fid = f.fid WHERE f.osm_id = 'n70'");
  g_assert_cmpstr (kindergarten, ==, "测试幼儿园:childcare:kindergarten");
  market = query_text (plan, "SELECT f.name FROM facilities f JOIN facility_services s ON s.facility_fid = f.fid "
                             "WHERE s.service = 'daily_life'");
  g_assert_cmpstr (market, ==, "生鲜超市");
  g_assert_cmpint (query_int (plan, "SELECT count(*) FROM facility_services s JOIN facilities f ON f.fid = s.facility_fid "
                                    "WHERE f.osm_id = 'w37'"), ==, 2);
  /* The bench matches nothing, and keeps its tags */
  bench_tags = query_text (plan, "SELECT osm_tags FROM facilities WHERE osm_id = 'n71'");
  g_assert_cmpstr (bench_tags, ==, "{\"amenity\": \"bench\", \"backrest\": \"yes\"}");

  /* The boundary, the unit, the attribution */
  g_assert_cmpint (query_int (plan, "SELECT count(*) FROM unit_boundary WHERE source = 'osm'"), ==, 1);
  unit = query_text (plan, "SELECT unit_name FROM unit_profile");
  g_assert_cmpstr (unit, ==, "测试街道");
  g_free (unit);
  unit = query_text (plan, "SELECT value FROM lc_meta WHERE key = 'attribution'");
  g_assert_nonnull (strstr (unit, "OpenStreetMap contributors"));

  g_assert_nonnull (strstr (text, "Walking network: 4 ways, split into 6 paths"));
  g_assert_nonnull (strstr (json, "\"childcare\": 1"));
  assert_plan_sound (plan);
}

/* The same data written other ways reads the same */
static void
test_formats (void)
{
  g_autofree char *path = data_path ("osm/small.osm");
  g_autofree char *text = NULL;
  gsize len;
  struct { const char *name; char *content; } variants[3] = { { 0 } };

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));

  /* lon before lat, and odd white space around the equals signs */
  {
    g_autoptr(GRegex) swap = g_regex_new ("lat=\"([^\"]*)\" lon=\"([^\"]*)\"", 0, 0, NULL);
    variants[0].name = "swapped.osm";
    variants[0].content = g_regex_replace (swap, text, -1, 0, "lon = \"\\2\"\n    lat\t=\"\\1\"", 0, NULL);
  }
  /* Everything on one line */
  {
    g_autoptr(GRegex) newlines = g_regex_new ("\n\\s*", 0, 0, NULL);
    variants[1].name = "one-line.osm";
    variants[1].content = g_regex_replace_literal (newlines, text, -1, 0, " ", 0, NULL);
  }
  /* Compressed with gzip */
  {
    g_autoptr(GConverter) gz = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9));
    g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (text, len, NULL);
    g_autoptr(GInputStream) zin = g_converter_input_stream_new (in, gz);
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

    g_assert_cmpint (g_output_stream_splice (out, zin, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, NULL), >, 0);
    variants[2].name = "small.osm.gz";
    variants[2].content = g_memdup2 (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                                     g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
    len = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
  }

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *file = g_build_filename (tmp_dir, variants[i].name, NULL);
      g_autoptr(LcOsmReport) report = NULL;
      g_autoptr(LcPlan) plan = NULL;

      g_test_message ("%s", variants[i].name);
      g_assert_true (g_file_set_contents (file, variants[i].content,
                                          i == 2 ? (gssize) len : -1, NULL));
      plan = import (file, "100", &report);
      assert_small_report (report);
      g_free (variants[i].content);
    }
}

static void
test_bzip2 (void)
{
  g_autofree char *path = data_path ("osm/West-Oakland.osm.bz2");
  g_autoptr(LcOsmReport) report = NULL;
  g_autoptr(LcPlan) plan = import (path, NULL, &report);

  /* osmnx's test file: 446 nodes, 66 ways, 23 relations, 22 buildings */
  g_assert_cmpuint (report->nodes, ==, 446);
  g_assert_cmpuint (report->ways, ==, 66);
  g_assert_cmpuint (report->relations, ==, 23);
  g_assert_cmpuint (report->buildings, >=, 22);
  g_assert_cmpuint (report->walkable_ways, >, 0);
  g_assert_null (report->boundary_name);
  assert_plan_sound (plan);
}

static void
test_sparse (void)
{
  g_autofree char *path = data_path ("osm/shanghai_sample_every_kth.osm.gz");
  g_autoptr(LcOsmReport) report = NULL;
  g_autoptr(LcPlan) plan = import (path, NULL, &report);
  g_autofree char *text = lc_osm_report_to_text (report);

  g_test_message ("%s", text);
  /* Real-world breakage: thousands of dangling references, no bounds */
  g_assert_cmpuint (report->nodes, ==, 6301);
  g_assert_cmpuint (report->ways, ==, 909);
  g_assert_cmpuint (report->dangling_refs, >=, 8000);
  g_assert_cmpuint (report->ways_with_dangling_refs, >, 500);
  g_assert_nonnull (strstr (text, "references to nodes or ways not in the file"));
  /* Spread over all Shanghai: the bounds come from the nodes */
  g_test_message ("bounds: %f %f %f %f", report->bounds[0], report->bounds[1], report->bounds[2], report->bounds[3]);
  g_assert_cmpfloat (report->bounds[2] - report->bounds[0], >, 0.5);
  g_assert_cmpfloat (report->bounds[3] - report->bounds[1], >, 0.3);
  assert_plan_sound (plan);
}

/* ---- the sample unit ---- */

typedef struct
{
  const char *name;
  const char *service;
  const char *tier;
} Expected;

static void
test_wujiaochang (void)
{
  /* The extract's named facilities (shared data README) and their services */
  const Expected expected[] = {
    { "五角场幼儿园", "childcare", "kindergarten" },
    { "五角场幼儿园（四平部）", "childcare", "kindergarten" },
    { "萌芽幼儿园", "childcare", "kindergarten" },
    { "国定幼儿园", "childcare", "kindergarten" },
    { "同济中学", "learning", "" },
    { "三门中学", "learning", "" },
    { "上海少云中学", "learning", "" },
    { "政旦东路社区卫生服务站", "health", "station" },
    { "大柏树门诊部", "health", "station" },
    { "岳阳医院", "health", "centre" },
    { "上海市肺科医院", "health", "centre" },
    { "国旗坪", "public_space", "" },
    { "曦园", "public_space", "" },
    { "阳普平昌菜市场", "daily_life", "" },
    { "沃尔玛购物广场", "daily_life", "" },
    { "大润发", "daily_life", "" },
    { "五角场街道社区文化服务中心", "culture", "station" },
    { "五角场街道社区文化服务中心", "community_deliberation", "" },
  };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", "wujiaochang_fudan.osm.gz", NULL);
  g_autoptr(LcOsmReport) report = NULL;
  g_autoptr(LcPlan) plan = import (path, "13466003", &report);
  g_autofree char *text = lc_osm_report_to_text (report);
  g_autofree char *unit = NULL;

  g_test_message ("%s", text);
  g_assert_cmpuint (report->nodes, ==, 14447);
  g_assert_cmpuint (report->ways, ==, 2186);
  g_assert_cmpuint (report->relations, ==, 208);
  g_assert_cmpuint (report->buildings, ==, 1071);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *sql = sqlite3_mprintf ("SELECT count(*) FROM facilities f JOIN facility_services s "
                                              "ON s.facility_fid = f.fid WHERE f.name = %Q AND s.service = %Q "
                                              "AND s.tier = %Q", expected[i].name, expected[i].service,
                                              expected[i].tier);

      g_test_message ("%s → %s %s", expected[i].name, expected[i].service, expected[i].tier);
      g_assert_cmpint (query_int (plan, sql), >=, 1);
      sqlite3_free (g_steal_pointer (&sql));
    }

  /* The extract holds part of 五角场街道: the bounds stand in, and the report says so */
  g_assert_true (report->boundary_from_bounds);
  g_assert_nonnull (strstr (text, "holds only part of “五角场街道”"));
  g_assert_cmpint (query_int (plan, "SELECT count(*) FROM unit_boundary WHERE source = 'bounds'"), ==, 1);
  unit = query_text (plan, "SELECT unit_name FROM unit_profile");
  g_assert_cmpstr (unit, ==, "五角场街道");
  assert_plan_sound (plan);
}

/* GDAL's OSM driver counts the same buildings and walkable ways */
static void
test_independent_counts (void)
{
  g_autofree char *ogrinfo = g_find_program_in_path ("ogrinfo");
  g_autofree char *gz = g_test_build_filename (G_TEST_DIST, "..", "data", "sample", "wujiaochang_fudan.osm.gz", NULL);
  g_autofree char *osm = g_build_filename (tmp_dir, "wujiaochang.osm", NULL);
  g_autoptr(LcOsmReport) report = NULL;
  g_autoptr(LcPlan) plan = NULL;
  const char *walkable =
    "SELECT COUNT(*) FROM lines WHERE highway IN ('footway','path','pedestrian','living_street','residential',"
    "'service','steps','cycleway','tertiary','tertiary_link','secondary','secondary_link','primary',"
    "'primary_link','unclassified','track','road','corridor','bridleway','trunk_link') AND (other_tags IS NULL OR "
    "(other_tags NOT LIKE '%\"foot\"=>\"no\"%' AND other_tags NOT LIKE '%\"access\"=>\"private\"%'))";
  const char *buildings = "SELECT COUNT(*) FROM multipolygons WHERE building IS NOT NULL";
  const char *queries[] = { buildings, walkable };
  guint ours[2];

  if (ogrinfo == NULL)
    {
      g_test_skip ("ogrinfo (gdal-bin) is not installed");
      return;
    }

  /* GDAL's driver wants the plain file */
  {
    g_autofree char *cmd = g_strdup_printf ("sh -c \"gzip -dc '%s' > '%s'\"", gz, osm);
    g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  }

  plan = import (osm, NULL, &report);
  ours[0] = report->buildings;
  ours[1] = report->walkable_ways;

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      const char *argv[] = { ogrinfo, "-ro", "-q", "-sql", queries[i], osm, NULL };
      g_auto(Run) run = { 0 };
      const char *count;
      guint64 theirs;

      test_run (&run, argv, NULL);
      g_assert_cmpint (run.status, ==, 0);
      count = strstr (run.out, "= ");
      g_assert_nonnull (count);
      {
        g_autofree char *digits = g_strstrip (g_strndup (count + 2, 12));
        g_assert_true (g_ascii_string_to_unsigned (digits, 10, 0, G_MAXUINT, &theirs, NULL));
      }
      g_test_message ("%s: ours %u, GDAL %" G_GUINT64_FORMAT, i == 0 ? "buildings" : "walkable ways", ours[i], theirs);

      /* Tolerance (docs in the test): buildings exactly; walking ways 2 %,
       * since GDAL's SQL sees foot=yes on other highway types only in a
       * text column, and we count those */
      if (i == 0)
        g_assert_cmpuint (ours[i], ==, theirs);
      else
        g_assert_cmpfloat (fabs ((double) ours[i] - theirs), <=, 0.02 * theirs);
    }
  g_unlink (osm);
}

/* ---- hostile and broken XML ---- */

static void
collect_xml (const char *dir,
             GPtrArray  *files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_xml (path, files);
      else if (g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".kml"))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

static void
test_attacks (void)
{
  g_autofree char *dir = data_path ("xml-attacks");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  g_autofree char *before = plan_fixture_dump (lc_plan_get_database (plan));
  guint unsafe = 0;

  collect_xml (dir, files);
  g_assert_cmpuint (files->len, >=, 30);

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (files->pdata[i]);
      g_autoptr(GError) err = NULL;
      g_autofree char *after = NULL;

      g_assert_false (lc_osm_import (plan, file, NULL, NULL, NULL, &err));
      g_test_message ("%s: %s", (char *) files->pdata[i], err->message);
      g_assert_true (err->domain == LC_OSM_ERROR);
      if (err->code == LC_OSM_ERROR_UNSAFE)
        unsafe++;

      /* Refused, and nothing written */
      after = plan_fixture_dump (lc_plan_get_database (plan));
      g_assert_cmpstr (before, ==, after);
    }
  g_assert_false (lc_plan_get_modified (plan));
  g_assert_cmpuint (unsafe, >=, 20);
}

/* Under strace: the tool opens no socket and no file an entity names */
static void
test_attacks_touch_nothing (void)
{
  g_autofree char *strace = g_find_program_in_path ("strace");
  const char *tool = g_getenv ("LIFECIRCLE_TOOL");
  const char *names[] = { "defusedxml/external.xml", "defusedxml/external_file.xml",
                          "libxml2-recurse/huge_dtd.xml", "libxml2-errors/rec_ext_ent.xml",
                          "libxml2-recurse/lol_param.xml" };
  struct rusage usage;

  if (strace == NULL || tool == NULL)
    {
      g_test_skip ("strace is not installed");
      return;
    }

  /* In a process of its own, so that its children's peak memory is theirs alone */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = g_strconcat ("xml-attacks/", names[i], NULL);
      g_autofree char *path = data_path (name);
      g_autofree char *log = g_build_filename (tmp_dir, "strace.log", NULL);
      g_autofree char *out = g_build_filename (tmp_dir, "attack.lcplan", NULL);
      g_autofree char *trace = NULL;
      const char *argv[] = { strace, "-f", "-qq", "-e", "trace=socket,connect,openat,open", "-o", log,
                             tool, "import", path, "-o", out, "--force", NULL };
      /* LeakSanitizer cannot run under a tracer; the sanitizer build checks leaks elsewhere */
      const char *env[] = { "ASAN_OPTIONS=detect_leaks=0", NULL };
      g_auto(Run) run = { 0 };

      test_run (&run, argv, env);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_true (g_file_get_contents (log, &trace, NULL, NULL));
      g_assert_null (strstr (trace, "socket("));
      g_assert_null (strstr (trace, "connect("));
      /* Nothing the attacks name: their .ent and .dtd files, /etc/passwd */
      g_assert_null (strstr (trace, ".ent\""));
      g_assert_null (strstr (trace, ".dtd\""));
      g_assert_null (strstr (trace, "xmltestdata"));
      g_assert_null (strstr (trace, "/etc/passwd"));
      g_unlink (log);
    }

  /* Memory stays small: the expansions never happen */
  g_assert_cmpint (getrusage (RUSAGE_CHILDREN, &usage), ==, 0);
  g_test_message ("peak memory of the tool under attack: %ld kB", usage.ru_maxrss);
  g_assert_cmpint (usage.ru_maxrss, <, 32 * 1024);
}

/* ---- into an open plan: undo, cancel ---- */

static void
on_progress (double   fraction,
             gpointer user_data)
{
  if (fraction > 0.05)
    g_cancellable_cancel (user_data);
}

static void
test_undo_and_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  g_autofree char *path = data_path ("osm/small.osm");
  g_autofree char *sparse = data_path ("osm/shanghai_sample_every_kth.osm.gz");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) big = g_file_new_for_path (sparse);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  LcOsmImportOptions undoable = { .undoable = TRUE };
  LcOsmImportOptions cancelling = { .progress = on_progress, .progress_data = cancellable };
  g_autofree char *empty = NULL;
  g_autofree char *now = NULL;

  plan_fixture_fill (plan);
  empty = plan_fixture_dump (lc_plan_get_database (plan));

  /* Into an open plan: one step, undone exactly */
  g_assert_true (lc_osm_import (plan, file, &undoable, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Import OpenStreetMap Data");
  g_assert_cmpint (query_int (plan, "SELECT count(*) FROM walking_paths"), ==, 1 + 6);
  g_assert_true (lc_plan_undo (plan, &error));
  now = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (now, ==, empty);

  /* Cancelled halfway: as it was */
  g_assert_false (lc_osm_import (plan, big, &cancelling, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_free (now);
  now = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (now, ==, empty);

  /* A boundary the file does not have */
  g_clear_error (&error);
  {
    LcOsmImportOptions wrong = { .boundary = "r42" };

    g_assert_false (lc_osm_import (plan, file, &wrong, NULL, NULL, &error));
    g_assert_error (error, LC_OSM_ERROR, LC_OSM_ERROR_BOUNDARY);
  }
}

/* ---- importing into an open plan from a worker thread ---- */

typedef struct
{
  GThread *main_thread;
  guint    changed;
  guint    modified;
  guint    off_main;         /* emissions on another thread than the main one */
} Emissions;

static void
on_import_changed (LcPlan       *plan,
                   LcPlanChange  change,
                   Emissions    *e)
{
  e->changed++;
  if (g_thread_self () != e->main_thread)
    e->off_main++;
}

static void
on_import_notify (LcPlan     *plan,
                  GParamSpec *pspec,
                  Emissions  *e)
{
  if (g_str_equal (pspec->name, "modified"))
    e->modified++;
  if (g_thread_self () != e->main_thread)
    e->off_main++;
}

typedef struct
{
  LcPlan  *plan;
  GFile   *file;
  gboolean ok;
  int      done;
} ImportJob;

static gpointer
import_job_thread (gpointer data)
{
  ImportJob *job = data;
  LcOsmImportOptions options = { .undoable = TRUE };

  g_autoptr(GError) error = NULL;

  job->ok = lc_osm_import (job->plan, job->file, &options, NULL, NULL, &error);
  if (!job->ok)
    g_test_message ("import: %s", error->message);
  g_atomic_int_set (&job->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

/* The window imports into its open plan in a worker thread: the plan must
 * still emit on the main thread, where the window's handlers run */
static void
test_import_signals_on_main_thread (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  g_autofree char *path = data_path ("osm/small.osm");
  g_autofree char *saved = g_build_filename (tmp_dir, "signals.lcplan", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (saved);
  ImportJob job = { plan, g_file_new_for_path (path), FALSE, 0 };
  Emissions e = { g_thread_self (), 0, 0, 0 };
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GThread *thread;

  plan_fixture_fill (plan);
  g_assert_true (lc_plan_save (plan, target, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (lc_plan_get_modified (plan));
  g_signal_connect (plan, "changed", G_CALLBACK (on_import_changed), &e);
  g_signal_connect (plan, "notify", G_CALLBACK (on_import_notify), &e);

  /* As GApplication does for its whole run */
  g_assert_true (g_main_context_acquire (NULL));
  thread = g_thread_new ("import", import_job_thread, &job);
  while (!g_atomic_int_get (&job.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  g_assert_true (job.ok);

  /* The emissions arrive through the main context */
  while ((e.changed == 0 || e.modified == 0) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_main_context_release (NULL);

  g_assert_cmpuint (e.off_main, ==, 0);
  g_assert_cmpuint (e.changed, ==, 1);
  g_assert_cmpuint (e.modified, ==, 1);
  g_assert_true (lc_plan_get_modified (plan));
  g_object_unref (job.file);
}

/* ---- reading in threads ---- */

/* A checksum of the report (without its time) and of the rows an import
 * of @path writes */
static char *
import_digest (const char *path,
               guint       threads,
               gsize       segment_bytes,
               guint      *threads_used,
               GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LcPlan) plan = lc_plan_new (NULL);
  g_autoptr(LcOsmReport) report = NULL;
  g_autoptr(GString) digest = NULL;
  g_autofree char *json = NULL;
  LcOsmImportOptions options = { .threads = threads, .segment_bytes = segment_bytes };
  const char *tables[] = { "walking_paths", "buildings", "landcover", "facilities", "facility_services",
                           "unit_boundary", "unit_profile" };

  if (!lc_osm_import (plan, file, &options, &report, NULL, error))
    return NULL;
  if (threads_used != NULL)
    *threads_used = report->threads;
  report->seconds = 0;
  report->threads = 0;
  json = lc_osm_report_to_json (report);
  digest = g_string_new (json);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *rows = plan_fixture_dump_table (lc_plan_get_database (plan), tables[i]);

      g_string_append (digest, rows);
    }
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, digest->str, -1);
}

/* Reading in threads gives what one thread gives, byte for byte, cut into
 * portions of any size; and what one thread refuses, it refuses alike */
static void
test_threads (void)
{
  g_autofree char *small = data_path ("osm/small.osm");
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  const gsize sizes[] = { 1, 700, 64 * 1024 };

  g_ptr_array_add (files, g_strdup (small));
  g_ptr_array_add (files, data_path ("osm/West-Oakland.osm.bz2"));
  g_ptr_array_add (files, data_path ("osm/shanghai_sample_every_kth.osm.gz"));
  g_ptr_array_add (files, g_test_build_filename (G_TEST_DIST, "..", "data", "sample", "wujiaochang_fudan.osm.gz", NULL));

  /* Variants that no cut may get wrong: everything on one line; a node in a
   * comment and in CDATA, where a cut would fall inside; Latin-1 */
  g_assert_true (g_file_get_contents (small, &text, NULL, NULL));
  {
    g_autoptr(GRegex) newlines = g_regex_new ("\n\\s*", 0, 0, NULL);
    g_autofree char *one_line = g_regex_replace_literal (newlines, text, -1, 0, " ", 0, NULL);
    g_autofree char *commented = NULL;
    g_autofree char *latin1 = NULL;
    g_autofree char *path = g_build_filename (tmp_dir, "threads-one-line.osm", NULL);
    const char *way = strstr (text, "<way ");
    GString *s;

    g_assert_true (g_file_set_contents (path, one_line, -1, NULL));
    g_ptr_array_add (files, g_steal_pointer (&path));

    g_assert_nonnull (way);
    s = g_string_new_len (text, way - text);
    g_string_append (s, "<!-- an old version:\n  <node id=\"999\" lat=\"31.3\" lon=\"121.5\"/>\n  -->\n"
                        "  <?editor <way id=\"998\"> ?>\n");
    g_string_append (s, way);
    commented = g_string_free (s, FALSE);
    path = g_build_filename (tmp_dir, "threads-comment.osm", NULL);
    g_assert_true (g_file_set_contents (path, commented, -1, NULL));
    g_ptr_array_add (files, g_steal_pointer (&path));

    latin1 = g_convert (text, -1, "ISO-8859-1", "UTF-8", NULL, NULL, NULL);
    g_assert_null (latin1);   /* the file has Chinese: make a Latin-1 one of its own */
    latin1 = g_strdup ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<osm version=\"0.6\">\n"
                       "  <node id=\"1\" lat=\"31.3\" lon=\"121.5\">\n    <tag k=\"amenity\" v=\"cafe\"/>\n"
                       "    <tag k=\"name\" v=\"Caf\xe9 \xe0 la gare\"/>\n  </node>\n"
                       "  <node id=\"2\" lat=\"31.31\" lon=\"121.51\"/>\n</osm>\n");
    path = g_build_filename (tmp_dir, "threads-latin1.osm", NULL);
    g_assert_true (g_file_set_contents (path, latin1, -1, NULL));
    g_ptr_array_add (files, g_steal_pointer (&path));
  }

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GError) error = NULL;
      guint used = 0;
      g_autofree char *one = import_digest (files->pdata[i], 1, 0, &used, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (used, ==, 1);
      for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
        {
          g_autofree char *many = import_digest (files->pdata[i], 3, sizes[k], &used, &error);

          g_test_message ("%s in portions of %zu bytes: %u threads", (char *) files->pdata[i], sizes[k], used);
          g_assert_no_error (error);
          g_assert_cmpstr (many, ==, one);
          /* Only where a cut may fall inside a comment, or the text is not
           * UTF-8, is the file read again in one thread */
          if (strstr (files->pdata[i], "threads-comment") != NULL && sizes[k] == 1)
            g_assert_cmpuint (used, ==, 1);
          else if (strstr (files->pdata[i], "threads-latin1") != NULL)
            g_assert_cmpuint (used, ==, 1);
          else if (strstr (files->pdata[i], "threads-comment") == NULL)
            g_assert_cmpuint (used, ==, 3);
        }
    }

  /* The Latin-1 name arrived intact */
  {
    g_autofree char *path = g_build_filename (tmp_dir, "threads-latin1.osm", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(LcPlan) plan = lc_plan_new (NULL);
    g_autofree char *name = NULL;
    LcOsmImportOptions options = { .threads = 3, .segment_bytes = 1 };

    g_assert_true (lc_osm_import (plan, file, &options, NULL, NULL, NULL));
    name = query_text (plan, "SELECT name FROM facilities");
    g_assert_cmpstr (name, ==, "Café à la gare");
  }

  /* Hostile and broken files: the same refusal, word for word */
  {
    g_autofree char *dir = data_path ("xml-attacks");
    g_autoptr(GPtrArray) attacks = g_ptr_array_new_with_free_func (g_free);

    collect_xml (dir, attacks);
    for (guint i = 0; i < attacks->len; i++)
      {
        g_autoptr(GError) one = NULL;
        g_autoptr(GError) many = NULL;

        g_assert_null (import_digest (attacks->pdata[i], 1, 0, NULL, &one));
        g_assert_null (import_digest (attacks->pdata[i], 2, 64, NULL, &many));
        g_assert_nonnull (one);
        g_assert_nonnull (many);
        g_assert_cmpstr (many->message, ==, one->message);
      }
  }
}

/* ---- the mapping table ---- */

static void
test_mapping (void)
{
  const struct { const char *text; const char *error_part; } bad[] = {
    { "amenity=school\tlearning\n", "three columns" },
    { "amenity=school\tschooling\t-\n", "unknown service, “schooling”" },
    { "amenity=school\thealth\tpalace\n", "tier “palace”" },
    { "# ok\n\namenity\tlearning\t-\n", "Line 3" },
  };
  g_autoptr(LcOsmMapping) standard = lc_osm_mapping_new_default ();
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (LcOsmMatch));
  const char *keys[] = { "amenity", "social_facility", "social_facility:for" };
  const char *values[] = { "social_facility", "nursing_home", "senior" };
  LcOsmTags tags = { keys, values, 3 };

  g_assert_cmpuint (lc_osm_mapping_get_n_rules (standard), >=, 50);

  /* A care home for the elderly: two services, each once */
  g_assert_cmpuint (lc_osm_mapping_classify (standard, &tags, matches), ==, 2);
  g_assert_cmpstr (g_array_index (matches, LcOsmMatch, 0).service->key, ==, "elderly");
  g_assert_cmpstr (g_array_index (matches, LcOsmMatch, 1).service->key, ==, "elderly_care");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) data = g_bytes_new_static (bad[i].text, strlen (bad[i].text));
      g_autoptr(GError) error = NULL;
      g_autoptr(LcOsmMapping) mapping = lc_osm_mapping_new_from_bytes (data, &error);

      g_assert_null (mapping);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, bad[i].error_part));
    }

  /* A planner's own table changes what a kindergarten is */
  {
    const char *own = "amenity=kindergarten\tchild_care_after_school\t-\n";
    g_autoptr(GBytes) data = g_bytes_new_static (own, strlen (own));
    g_autoptr(LcOsmMapping) mapping = lc_osm_mapping_new_from_bytes (data, NULL);
    g_autofree char *path = data_path ("osm/small.osm");
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(LcPlan) plan = lc_plan_new (NULL);
    LcOsmImportOptions options = { .mapping = mapping };

    g_assert_true (lc_osm_import (plan, file, &options, NULL, NULL, NULL));
    g_assert_cmpint (query_int (plan, "SELECT count(*) FROM facility_services WHERE service = 'child_care_after_school'"), ==, 1);
    g_assert_cmpint (query_int (plan, "SELECT count(*) FROM facility_services WHERE service = 'childcare'"), ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  plan_fixture_use_temp_state ();
  tmp_dir = g_dir_make_tmp ("lc-osm-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/core/osm/small", test_small);
  g_test_add_func ("/core/osm/formats", test_formats);
  g_test_add_func ("/core/osm/bzip2", test_bzip2);
  g_test_add_func ("/core/osm/sparse", test_sparse);
  g_test_add_func ("/core/osm/wujiaochang", test_wujiaochang);
  g_test_add_func ("/core/osm/independent-counts", test_independent_counts);
  g_test_add_func ("/core/osm/attacks", test_attacks);
  g_test_add_func ("/core/osm/attacks-touch-nothing", test_attacks_touch_nothing);
  g_test_add_func ("/core/osm/undo-and-cancel", test_undo_and_cancel);
  g_test_add_func ("/core/osm/import-signals-on-main-thread", test_import_signals_on_main_thread);
  g_test_add_func ("/core/osm/mapping", test_mapping);
  g_test_add_func ("/core/osm/threads", test_threads);

  result = g_test_run ();
  plan_fixture_remove_tree (tmp_dir);
  plan_fixture_remove_tree (g_get_user_state_dir ());
  return result;
}
