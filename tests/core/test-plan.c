/* test-plan.c: the plan document: format, round trip, undo, hostile files, recovery
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-plan"

#include "config.h"
#include "lc-plan-private.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "lc-geometry.h"
#include "lc-plan.h"
#include "lc-plan-check.h"
#include "lc-plan-schema.h"
#include "plan-fixture.h"

static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static guint
count_recovery_files (void)
{
  g_autofree char *dir_path = lc_plan_get_recovery_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  if (dir != NULL)
    while (g_dir_read_name (dir) != NULL)
      n++;
  return n;
}

/* Saves @plan to @name in the temporary folder; returns the file */
static GFile *
save_as (LcPlan     *plan,
         const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path (name);
  GFile *file = g_file_new_for_path (path);

  g_assert_true (lc_plan_save (plan, file, NULL, &error));
  g_assert_no_error (error);
  return file;
}

static void
test_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  sqlite3 *db;
  guint n;
  const LcPlanTable *tables = lc_plan_schema_get_tables (&n);
  g_autofree char *name = NULL;
  g_autofree char *format = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  db = lc_plan_get_database (plan);

  g_assert_null (lc_plan_get_file (plan));
  name = lc_plan_dup_display_name (plan);
  g_assert_cmpstr (name, ==, "Untitled Plan");
  g_assert_false (lc_plan_get_modified (plan));
  g_assert_false (lc_plan_can_undo (plan));
  g_assert_cmpint (lc_plan_get_format_version (plan), ==, LC_PLAN_FORMAT_VERSION);

  /* A GeoPackage 1.3 … */
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, 0x47504B47);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 10300);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM gpkg_spatial_ref_sys WHERE srs_id IN (4326, -1, 0)"), ==, 3);

  /* … with every table registered, feature tables with their geometry column */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT data_type FROM gpkg_contents WHERE table_name = '%s'",
                                              tables[i].name);
      g_autofree char *type = query_text (db, sql);

      g_assert_cmpstr (type, ==, tables[i].geometry_type != 0 ? "features" : "attributes");
    }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM gpkg_contents"), ==, n);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM gpkg_geometry_columns WHERE srs_id = 4326"), ==, 7);

  /* Our own table names the format; the catalogue is seeded with the standards' thresholds */
  format = query_text (db, "SELECT value FROM lc_meta WHERE key = 'format'");
  g_assert_cmpstr (format, ==, "lifecircle-plan");
  g_assert_cmpint (query_int (db, "SELECT value FROM lc_meta WHERE key = 'format_version'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM services"), ==, 20);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM service_thresholds"), ==, 26);
  g_assert_cmpint (query_int (db, "SELECT threshold_m FROM service_thresholds WHERE service = 'health' AND tier = 'station'"), ==, 500);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM unit_profile"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT walking_speed_m_min FROM unit_profile"), ==, 60);

  /* The working copy is in the state folder, recorded for recovery */
  g_assert_cmpuint (count_recovery_files (), >=, 2);
  lc_plan_close (plan);
  g_assert_cmpuint (count_recovery_files (), ==, 0);
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  g_autoptr(LcPlan) reopened = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *name = NULL;
  g_autofree char *unit = NULL;

  plan_fixture_fill (plan);
  g_assert_true (lc_plan_get_modified (plan));

  file = save_as (plan, "五角场 方案.lcplan");
  g_assert_false (lc_plan_get_modified (plan));
  g_assert_true (g_file_equal (lc_plan_get_file (plan), file));
  name = lc_plan_dup_display_name (plan);
  g_assert_cmpstr (name, ==, "五角场 方案.lcplan");
  before = plan_fixture_dump (lc_plan_get_database (plan));

  reopened = lc_plan_open (file, NULL, &error);
  g_assert_no_error (error);
  after = plan_fixture_dump (lc_plan_get_database (reopened));

  /* Every row of every table, byte for byte, Chinese included */
  g_assert_cmpstr (before, ==, after);
  unit = query_text (lc_plan_get_database (reopened), "SELECT unit_name FROM unit_profile");
  g_assert_cmpstr (unit, ==, "五角场街道");
  g_assert_nonnull (strstr (after, "'希望增设老年助餐点'"));
  g_assert_false (lc_plan_get_modified (reopened));

  /* The saved file is a single rollback-journal file: nothing beside it */
  {
    g_autofree char *path = g_file_get_path (file);
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    guint8 header[100];
    FILE *f = fopen (path, "rb");

    g_assert_nonnull (f);
    g_assert_cmpuint (fread (header, 1, sizeof header, f), ==, sizeof header);
    fclose (f);
    g_assert_cmpint (header[18], ==, 1);
    g_assert_cmpint (header[19], ==, 1);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

typedef struct
{
  const char *label;
  const char *sql;
  LcPlanChange change;    /* what "changed" should say, at least */
  LcPlanChange not;       /* and what it should not */
} Edit;

static void
on_changed (LcPlan       *plan,
            LcPlanChange  change,
            gpointer      user_data)
{
  GArray *seen = user_data;

  g_array_append_val (seen, change);
}

static void
test_undo_redo (void)
{
  /* Every kind of edit: insert, update, delete, in attribute and feature
   * tables, geometry blobs, and deletes whose foreign keys cascade */
  const Edit edits[] = {
    { "rename unit", "UPDATE unit_profile SET unit_name = '殷行街道', population = 91000", LC_PLAN_CHANGE_PROFILE,
      ~LC_PLAN_CHANGE_PROFILE },
    { "walking speed", "UPDATE unit_profile SET walking_speed_m_min = 50", LC_PLAN_CHANGE_THRESHOLDS,
      LC_PLAN_CHANGE_FACILITIES },
    { "add facility",
      "INSERT INTO facilities (geom, name, kind, status, floor_area_m2) VALUES "
      "(X'4750000100000000', '新六艺亭', 'liuyiting', 'planned', 180);"
      "INSERT INTO facility_services (facility_fid, service) VALUES (last_insert_rowid(), 'sports')",
      LC_PLAN_CHANGE_FACILITIES, ~LC_PLAN_CHANGE_FACILITIES },
    { "move facility", "UPDATE facilities SET geom = NULL, status = 'under_construction' WHERE fid = 2",
      LC_PLAN_CHANGE_FACILITIES, LC_PLAN_CHANGE_PROJECTS },
    { "threshold", "UPDATE service_thresholds SET threshold_m = 400, source = '调整' WHERE service = 'daily_life'",
      LC_PLAN_CHANGE_THRESHOLDS, LC_PLAN_CHANGE_PROFILE },
    { "delete project (cascades)", "DELETE FROM projects WHERE id = 1",
      LC_PLAN_CHANGE_PROJECTS | LC_PLAN_CHANGE_PROJECT_PLACES | LC_PLAN_CHANGE_NEED_LINKS | LC_PLAN_CHANGE_MEETINGS,
      LC_PLAN_CHANGE_NEEDS },
    { "delete facility (set null)", "DELETE FROM facilities WHERE fid = 1", LC_PLAN_CHANGE_FACILITIES, 0 },
    { "delete meeting (cascades)", "DELETE FROM meetings WHERE id = 1", LC_PLAN_CHANGE_MEETINGS,
      LC_PLAN_CHANGE_PROJECTS },
    { "delete attachment", "DELETE FROM attachments", LC_PLAN_CHANGE_ATTACHMENTS, 0 },
    { "add comment", "INSERT INTO review_comments (created, body) VALUES ('2026-01-01T00:00:00Z', '已阅')",
      LC_PLAN_CHANGE_COMMENTS, ~LC_PLAN_CHANGE_COMMENTS },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (LcPlanChange));
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = lc_plan_get_database (plan);

  plan_fixture_fill (plan);
  g_signal_connect (plan, "changed", G_CALLBACK (on_changed), changes);

  g_ptr_array_add (states, plan_fixture_dump (db));
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      LcPlanChange got;

      g_test_message ("edit: %s", edits[i].label);
      g_assert_true (lc_plan_execute (plan, edits[i].label, edits[i].sql, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, edits[i].label);

      /* One notification per edit, saying what it touched */
      g_assert_cmpuint (changes->len, ==, i + 1);
      got = g_array_index (changes, LcPlanChange, i);
      g_test_message ("  changed %#x", got);
      g_assert_cmphex (got & edits[i].change, ==, edits[i].change);
      g_assert_cmphex (got & edits[i].not, ==, 0);

      g_ptr_array_add (states, plan_fixture_dump (db));
      g_assert_cmpstr (states->pdata[i], !=, states->pdata[i + 1]);
    }

  /* Undo everything, one step at a time, back to the original bytes */
  for (guint i = G_N_ELEMENTS (edits); i > 0; i--)
    {
      g_autofree char *now = NULL;

      g_assert_true (lc_plan_undo (plan, &error));
      g_assert_no_error (error);
      now = plan_fixture_dump (db);
      g_assert_cmpstr (now, ==, states->pdata[i - 1]);
    }
  /* What is left to undo is the fixture itself */
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "fill");
  g_assert_true (lc_plan_can_redo (plan));

  /* Redo everything */
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *now = NULL;

      g_assert_cmpstr (lc_plan_get_redo_label (plan), ==, edits[i].label);
      g_assert_true (lc_plan_redo (plan, &error));
      g_assert_no_error (error);
      now = plan_fixture_dump (db);
      g_assert_cmpstr (now, ==, states->pdata[i + 1]);
    }
  g_assert_false (lc_plan_can_redo (plan));
  g_assert_cmpuint (changes->len, ==, 3 * G_N_ELEMENTS (edits));

  /* A new edit after an undo drops the redo steps */
  g_assert_true (lc_plan_undo (plan, &error));
  g_assert_true (lc_plan_execute (plan, "again", "UPDATE unit_profile SET planner = '周'", &error));
  g_assert_false (lc_plan_can_redo (plan));
}

static void
test_modified_and_edits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (LcPlanChange));
  g_autoptr(GFile) file = NULL;

  g_signal_connect (plan, "changed", G_CALLBACK (on_changed), changes);

  g_assert_false (lc_plan_undo (plan, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);

  /* An edit that changes nothing is no step */
  g_assert_true (lc_plan_execute (plan, "nothing", "UPDATE projects SET name = 'x' WHERE 0", &error));
  g_assert_false (lc_plan_get_modified (plan));
  g_assert_false (lc_plan_can_undo (plan));
  g_assert_cmpuint (changes->len, ==, 0);

  g_assert_true (lc_plan_execute (plan, "edit", "UPDATE unit_profile SET unit_name = '甲'", &error));
  g_assert_true (lc_plan_get_modified (plan));
  file = save_as (plan, "modified.lcplan");
  g_assert_false (lc_plan_get_modified (plan));

  /* Undo past the save is a change; redo back to it is not */
  g_assert_true (lc_plan_undo (plan, &error));
  g_assert_true (lc_plan_get_modified (plan));
  g_assert_true (lc_plan_redo (plan, &error));
  g_assert_false (lc_plan_get_modified (plan));

  /* Where the map looks is kept, but is not an edit */
  g_assert_true (lc_plan_store_view (plan, 31.2, 121.4, 16, &error));
  g_assert_false (lc_plan_get_modified (plan));
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "edit");
  {
    g_autofree char *zoom = lc_plan_get_text (plan, "unit_profile", 1, "view_zoom");
    g_assert_cmpstr (zoom, ==, "16.0");
  }

  /* A failed edit leaves nothing behind */
  g_assert_false (lc_plan_execute (plan, "bad", "UPDATE unit_profile SET unit_name = '乙'; INSERT INTO nope VALUES (1)", &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (lc_plan_get_modified (plan));
  {
    g_autofree char *name = query_text (lc_plan_get_database (plan), "SELECT unit_name FROM unit_profile");
    g_assert_cmpstr (name, ==, "甲");
  }

  /* Constraints hold: a 六艺亭 with a negative area is refused */
  g_assert_false (lc_plan_execute (plan, "bad", "INSERT INTO facilities (kind, floor_area_m2) VALUES ('liuyiting', -5)", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* One edit at a time */
  g_assert_true (lc_plan_begin (plan, "outer", &error));
  g_assert_false (lc_plan_begin (plan, "inner", &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_false (lc_plan_save (plan, NULL, NULL, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_BUSY);
  g_clear_error (&error);
  lc_plan_rollback (plan);

  /* A group joins the edits begun inside it into one undo step */
  {
    guint n_undo = 0;
    g_autofree char *name = NULL;

    g_assert_true (lc_plan_begin_group (plan, "group", &error));
    g_assert_true (lc_plan_execute (plan, "one", "UPDATE unit_profile SET unit_name = '丙'", &error));
    g_assert_true (lc_plan_execute (plan, "two", "UPDATE unit_profile SET unit_name = '丁'", &error));
    g_assert_true (lc_plan_end_group (plan, TRUE, &error));
    g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "group");
    while (lc_plan_can_undo (plan) && g_strcmp0 (lc_plan_get_undo_label (plan), "group") == 0)
      {
        g_assert_true (lc_plan_undo (plan, &error));
        n_undo++;
      }
    g_assert_cmpuint (n_undo, ==, 1);
    name = query_text (lc_plan_get_database (plan), "SELECT unit_name FROM unit_profile");
    g_assert_cmpstr (name, ==, "甲");

    /* A nested edit that fails rolls back the whole group */
    g_assert_true (lc_plan_begin_group (plan, "group", &error));
    g_assert_true (lc_plan_execute (plan, "one", "UPDATE unit_profile SET unit_name = '丙'", &error));
    g_assert_false (lc_plan_execute (plan, "bad", "INSERT INTO nope VALUES (1)", &error));
    g_clear_error (&error);
    g_assert_false (lc_plan_end_group (plan, TRUE, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_free (name);
    name = query_text (lc_plan_get_database (plan), "SELECT unit_name FROM unit_profile");
    g_assert_cmpstr (name, ==, "甲");
    g_assert_true (lc_plan_begin (plan, "after", &error));
    lc_plan_rollback (plan);
  }
}

static void
test_save_failures (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  g_autofree char *not_dir = tmp_path ("plain-file");
  g_autofree char *inside = g_build_filename (not_dir, "x.lcplan", NULL);
  g_autofree char *missing = tmp_path ("no/such/folder/x.lcplan");
  g_autoptr(GFile) f1 = g_file_new_for_path (inside);
  g_autoptr(GFile) f2 = g_file_new_for_path (missing);

  g_file_set_contents (not_dir, "x", 1, NULL);
  plan_fixture_fill (plan);

  g_assert_false (lc_plan_save (plan, f1, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Could not save the plan"));
  g_clear_error (&error);

  g_assert_false (lc_plan_save (plan, f2, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing changed: still modified, still untitled */
  g_assert_true (lc_plan_get_modified (plan));
  g_assert_null (lc_plan_get_file (plan));
}

/* A full disk: a small tmpfs, where the system lets us mount one (root) */
static void
test_save_disk_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autofree char *mnt = tmp_path ("full");
  g_autofree char *target = g_build_filename (mnt, "plan.lcplan", NULL);
  g_autofree char *cmd = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (target);
  g_autoptr(GDir) dir = NULL;
  int status = -1;

  g_mkdir (mnt, 0700);
  cmd = g_strdup_printf ("mount -t tmpfs -o size=256k tmpfs '%s'", mnt);
  if (getuid () != 0 || !g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL) || status != 0)
    {
      g_test_skip ("cannot mount a small tmpfs here (needs root)");
      return;
    }

  plan = lc_plan_new (&error);
  plan_fixture_fill (plan);
  g_assert_true (lc_plan_save (plan, file, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (target, &before, NULL, NULL);

  /* 1 MB of incompressible data cannot fit in 256 kB */
  {
    g_autoptr(GBytes) big = NULL;
    guint8 *data = g_malloc (1 << 20);
    sqlite3_stmt *stmt;

    for (guint i = 0; i < 1 << 20; i++)
      data[i] = g_random_int () & 0xff;
    big = g_bytes_new_take (data, 1 << 20);
    g_assert_true (lc_plan_begin (plan, "attach", &error));
    sqlite3_prepare_v2 (lc_plan_get_database (plan),
                        "INSERT INTO attachments (name, size, sha256, data) VALUES ('big.bin', 1048576, '-', ?)",
                        -1, &stmt, NULL);
    sqlite3_bind_blob (stmt, 1, g_bytes_get_data (big, NULL), 1 << 20, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
    g_assert_true (lc_plan_commit (plan, &error));
  }

  g_assert_false (lc_plan_save (plan, NULL, NULL, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_NO_SPACE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "disk is full"));

  /* The old file is intact, no temporary file is left, the edit is not lost */
  g_file_get_contents (target, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);
  dir = g_dir_open (mnt, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "plan.lcplan");
  g_assert_null (g_dir_read_name (dir));
  g_assert_true (lc_plan_get_modified (plan));

  /* The file system must not be busy to come off */
  g_clear_pointer (&dir, g_dir_close);
  lc_plan_close (plan);
  g_free (cmd);
  cmd = g_strdup_printf ("umount '%s'", mnt);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
}

/* ---- hostile files ---- */

static GFile *
write_temp_file (const char *name,
                 const void *data,
                 gsize       len)
{
  g_autofree char *path = tmp_path (name);

  g_assert_true (g_file_set_contents (path, data, len, NULL));
  return g_file_new_for_path (path);
}

/* A saved plan, then @sql run on the file behind our back */
static GFile *
tampered_plan (const char *name,
               const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  GFile *file;
  g_autofree char *path = NULL;
  sqlite3 *db;

  plan_fixture_fill (plan);
  file = save_as (plan, name);
  path = g_file_get_path (file);

  if (sql != NULL)
    {
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
    }
  return file;
}

static void
assert_refused (GFile      *file,
                GQuark      domain,
                int         code,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = NULL;
  guint before = count_recovery_files ();

  plan = lc_plan_open (file, NULL, &error);
  g_assert_null (plan);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", g_file_peek_path (file), error->message);
  g_assert_error (error, domain, code);
  g_assert_nonnull (strstr (error->message, message_part));
  /* A refused file leaves no working copy behind */
  g_assert_cmpuint (count_recovery_files (), ==, before);
}

static char *
test_data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static void
test_hostile (void)
{
  g_autoptr(GFile) empty = write_temp_file ("empty.lcplan", "", 0);
  g_autoptr(GFile) text = write_temp_file ("text.lcplan", "<html>not a plan</html>", 23);
  g_autoptr(GFile) trigger = tampered_plan ("trigger.lcplan",
      "CREATE TRIGGER evil AFTER INSERT ON facilities BEGIN DELETE FROM projects; END;");
  g_autoptr(GFile) view = tampered_plan ("view.lcplan",
      "CREATE VIEW unit AS SELECT * FROM unit_profile;");
  g_autoptr(GFile) newer = tampered_plan ("newer.lcplan",
      "UPDATE lc_meta SET value = '7' WHERE key = 'format_version';");
  g_autoptr(GFile) bad_version = tampered_plan ("bad-version.lcplan",
      "UPDATE lc_meta SET value = 'one' WHERE key = 'format_version';");
  g_autoptr(GFile) missing_table = tampered_plan ("missing-table.lcplan", "DROP TABLE meetings;");
  g_autoptr(GFile) truncated = tampered_plan ("truncated.lcplan", NULL);
  g_autoptr(GFile) corrupt = NULL;
  g_autoptr(GFile) gpkg_corrupt = NULL;
  g_autoptr(GFile) gpkg_test = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (tmp_dir);
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize len;

  /* Truncated to half; and one with its middle overwritten */
  path = g_file_get_path (truncated);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_true (g_file_set_contents (path, data, len / 2, NULL));
  memset (data + len / 3, 0x5A, len / 3);
  corrupt = write_temp_file ("corrupt.lcplan", data, len);

  assert_refused (empty, LC_PLAN_ERROR, LC_PLAN_ERROR_EMPTY, "empty");
  assert_refused (text, LC_PLAN_ERROR, LC_PLAN_ERROR_NOT_SQLITE, "not an SQLite database");
  assert_refused (trigger, LC_PLAN_ERROR, LC_PLAN_ERROR_UNSAFE, "trigger, “evil”");
  assert_refused (view, LC_PLAN_ERROR, LC_PLAN_ERROR_UNSAFE, "view, “unit”");
  assert_refused (newer, LC_PLAN_ERROR, LC_PLAN_ERROR_NEWER_VERSION, "plan format 7");
  assert_refused (bad_version, LC_PLAN_ERROR, LC_PLAN_ERROR_SCHEMA, "“one”");
  assert_refused (missing_table, LC_PLAN_ERROR, LC_PLAN_ERROR_SCHEMA, "“meetings”");
  assert_refused (truncated, LC_PLAN_ERROR, LC_PLAN_ERROR_DAMAGED, "damaged");
  assert_refused (corrupt, LC_PLAN_ERROR, LC_PLAN_ERROR_DAMAGED, "damaged");
  assert_refused (folder, LC_PLAN_ERROR, LC_PLAN_ERROR_NOT_SQLITE, "folder");

  /* Other programs' files, as they come */
  g_free (path);
  path = test_data_path ("gpkg/import_db_corrupt.gpkg");
  gpkg_corrupt = g_file_new_for_path (path);
  assert_refused (gpkg_corrupt, LC_PLAN_ERROR, LC_PLAN_ERROR_NOT_SQLITE, "not an SQLite database");
  g_free (path);
  path = test_data_path ("gpkg/test.gpkg");
  gpkg_test = g_file_new_for_path (path);
  assert_refused (gpkg_test, LC_PLAN_ERROR, LC_PLAN_ERROR_NOT_GEOPACKAGE, "not a GeoPackage");
}

static void
test_foreign_geopackages (void)
{
  struct { const char *name; const char *layer; } files[] = {
    { "gpkg/gdal_sample.gpkg", "“geometry2d”" },
    { "gpkg/geometrycollection.gpkg", "“test”" },
    { "gpkg/multipleholes.gpkg", "“multipolywithholes”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = test_data_path (files[i].name);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      /* Refused with a message that says what the file is and what it holds */
      assert_refused (file, LC_PLAN_ERROR, LC_PLAN_ERROR_FOREIGN_GEOPACKAGE, "GeoPackage made by another program");
      assert_refused (file, LC_PLAN_ERROR, LC_PLAN_ERROR_FOREIGN_GEOPACKAGE, files[i].layer);
    }

  /* The larger ones in shared/, when present beside the checkout */
  {
    const char *shared = g_getenv ("LIFECIRCLE_SHARED_DATA");
    const char *more[] = { "gpkg-ngageoint/import_db.gpkg", "gpkg-ngageoint/rivers.gpkg" };

    if (shared == NULL || !g_file_test (shared, G_FILE_TEST_IS_DIR))
      {
        g_test_message ("shared data not present: checked the bundled files only");
        return;
      }
    for (guint i = 0; i < G_N_ELEMENTS (more); i++)
      {
        g_autofree char *path = g_build_filename (shared, more[i], NULL);
        g_autoptr(GFile) file = g_file_new_for_path (path);

        assert_refused (file, LC_PLAN_ERROR, LC_PLAN_ERROR_FOREIGN_GEOPACKAGE, "GeoPackage made by another program");
      }
  }
}

static void
test_original_untouched (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = tampered_plan ("untouched.lcplan", NULL);
  g_autoptr(LcPlan) plan = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &before, &len, NULL));

  plan = lc_plan_open (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lc_plan_execute (plan, "edit", "DELETE FROM buildings", &error));

  /* Edits go to the working copy only, until Save */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_true (memcmp (before, after, len) == 0);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

/* ---- the committed format-1 file ---- */

static void
test_open_v1_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_data_path ("plan-v1.lcplan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LcPlan) plan = lc_plan_open (file, NULL, &error);
  g_autofree char *unit = NULL;
  g_autofree char *hub = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_cmpint (lc_plan_get_format_version (plan), ==, 1);
  db = lc_plan_get_database (plan);
  unit = query_text (db, "SELECT unit_name FROM unit_profile");
  g_assert_cmpstr (unit, ==, "五角场街道");
  hub = query_text (db, "SELECT name FROM facilities WHERE kind = 'renminfang'");
  g_assert_cmpstr (hub, ==, "五角场人民坊");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM meetings"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT sum(votes_paper + votes_other) FROM vote_options"), ==, 55);
  g_assert_false (lc_plan_get_modified (plan));
}

/* ---- recovery after a crash ---- */

static void
test_recovery (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(GFile) file = tampered_plan ("recover-me.lcplan", NULL);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *unit = NULL;
  LcRecoverable *item;
  pid_t pid;
  int status;

  /* Nothing to recover while no one crashed */
  items = lc_plan_list_recoverable ();
  g_assert_cmpuint (items->len, ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* A process opens the plan, edits it and is killed before saving */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      LcPlan *child = lc_plan_open (file, NULL, NULL);

      if (child == NULL ||
          !lc_plan_execute (child, "edit", "UPDATE unit_profile SET unit_name = '未保存的修改'", NULL))
        _exit (3);
      kill (getpid (), SIGKILL);
      _exit (4);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));

  /* The next start finds it … */
  items = lc_plan_list_recoverable ();
  g_assert_cmpuint (items->len, ==, 1);
  item = items->pdata[0];
  g_assert_cmpstr (item->file_path, ==, path);
  g_assert_cmpstr (item->display_name, ==, "recover-me.lcplan");

  /* … and restores the unsaved edit, as unsaved */
  plan = lc_plan_restore (item->id, &error);
  g_assert_no_error (error);
  unit = query_text (lc_plan_get_database (plan), "SELECT unit_name FROM unit_profile");
  g_assert_cmpstr (unit, ==, "未保存的修改");
  g_assert_true (lc_plan_get_modified (plan));
  g_assert_true (g_file_equal (lc_plan_get_file (plan), file));

  /* While restored here it is no longer offered */
  g_clear_pointer (&items, g_ptr_array_unref);
  items = lc_plan_list_recoverable ();
  g_assert_cmpuint (items->len, ==, 0);

  /* Saved, it is the file's content */
  g_assert_true (lc_plan_save (plan, NULL, NULL, &error));
  g_clear_object (&plan);
  plan = lc_plan_open (file, NULL, &error);
  g_free (unit);
  unit = query_text (lc_plan_get_database (plan), "SELECT unit_name FROM unit_profile");
  g_assert_cmpstr (unit, ==, "未保存的修改");
}

static void
test_discard_recoverable (void)
{
  g_autoptr(GPtrArray) items = NULL;
  pid_t pid;
  int status;

  pid = fork ();
  if (pid == 0)
    {
      LcPlan *child = lc_plan_new (NULL);

      /* An untouched plan leaves nothing to recover; an edited one does */
      lc_plan_new (NULL);
      lc_plan_execute (child, "edit", "UPDATE unit_profile SET unit_name = '新方案'", NULL);
      kill (getpid (), SIGKILL);
      _exit (4);
    }
  waitpid (pid, &status, 0);

  items = lc_plan_list_recoverable ();
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_null (((LcRecoverable *) items->pdata[0])->file_path);
  g_assert_cmpstr (((LcRecoverable *) items->pdata[0])->display_name, ==, "Untitled Plan");
  /* The untouched one was cleaned away: only the files of one id are left */
  {
    g_autofree char *dir_path = lc_plan_get_recovery_dir ();
    g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
    const char *id = ((LcRecoverable *) items->pdata[0])->id;
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_true (g_str_has_prefix (name, id));
  }

  g_assert_true (lc_plan_discard_recoverable (((LcRecoverable *) items->pdata[0])->id, NULL));
  g_assert_cmpuint (count_recovery_files (), ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = lc_plan_list_recoverable ();
  g_assert_cmpuint (items->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  plan_fixture_use_temp_state ();
  tmp_dir = g_dir_make_tmp ("lc-plan-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/core/plan/new", test_new);
  g_test_add_func ("/core/plan/round-trip", test_round_trip);
  g_test_add_func ("/core/plan/undo-redo", test_undo_redo);
  g_test_add_func ("/core/plan/modified-and-edits", test_modified_and_edits);
  g_test_add_func ("/core/plan/save-failures", test_save_failures);
  g_test_add_func ("/core/plan/save-disk-full", test_save_disk_full);
  g_test_add_func ("/core/plan/hostile", test_hostile);
  g_test_add_func ("/core/plan/foreign-geopackages", test_foreign_geopackages);
  g_test_add_func ("/core/plan/original-untouched", test_original_untouched);
  g_test_add_func ("/core/plan/open-v1-fixture", test_open_v1_fixture);
  g_test_add_func ("/core/plan/recovery", test_recovery);
  g_test_add_func ("/core/plan/discard-recoverable", test_discard_recoverable);

  result = g_test_run ();

  plan_fixture_remove_tree (tmp_dir);
  plan_fixture_remove_tree (g_get_user_state_dir ());
  return result;
}
