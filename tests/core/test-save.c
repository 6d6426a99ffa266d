/* test-save.c: saving in a worker thread: the same file, busy, edits meanwhile, errors
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-save"

#include "config.h"
#include "lc-plan-private.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "lc-attachment.h"
#include "lc-plan.h"
#include "plan-fixture.h"

static char *tmp_dir;

static GFile *
tmp_file (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  return g_file_new_for_path (path);
}

typedef struct
{
  GAsyncResult *result;
  GThread      *thread;     /* where the callback ran */
} Done;

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Done *done = user_data;

  done->result = g_object_ref (result);
  done->thread = g_thread_self ();
}

/* Runs the main context until the save @done waits for ends; its result */
static gboolean
finish (LcPlan  *plan,
        Done    *done,
        GError **error)
{
  gboolean ok;

  while (done->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (done->thread == g_thread_self ());
  ok = lc_plan_save_finish (plan, done->result, error);
  g_clear_object (&done->result);
  return ok;
}

/* Saves @plan to @file with lc_plan_save_async(), running the main
 * context until it ends; @during, when given, runs at each iteration */
static gboolean
save_async (LcPlan    *plan,
            GFile     *file,
            GError   **error,
            gboolean (*during) (LcPlan *plan, gpointer data),
            gpointer   data)
{
  Done done = { NULL, NULL };

  lc_plan_save_async (plan, file, G_PRIORITY_DEFAULT, NULL, on_saved, &done);
  while (during != NULL && done.result == NULL)
    if (!during (plan, data) | !g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  return finish (plan, &done, error);
}

/* Every row of the plan file @file, read in place */
static char *
dump_file (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  sqlite3 *db = NULL;
  char *dump;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  dump = plan_fixture_dump (db);
  sqlite3_close (db);
  return dump;
}

/* The dump without the moments of the save (lc_meta's "saved",
 * gpkg_contents' last_change), which differ between two saves */
static char *
without_save_times (const char *dump)
{
  g_autoptr(GRegex) times = g_regex_new ("'\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z'", 0, 0, NULL);

  return g_regex_replace_literal (times, dump, -1, 0, "'TIME'", 0, NULL);
}

static char *
unit_name_of (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_open (file, NULL, &error);

  g_assert_no_error (error);
  return lc_plan_get_text (plan, "unit_profile", 1, "unit_name");
}

static void
set_unit_name (LcPlan     *plan,
               const char *name)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_plan_set_text (plan, "name", "unit_profile", 1, "unit_name", name, &error));
  g_assert_no_error (error);
}

/* lc_plan_save_async() writes what lc_plan_save() writes */
static void
test_same_as_sync (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  g_autoptr(GFile) sync_file = tmp_file ("sync.lcplan");
  g_autoptr(GFile) async_file = tmp_file ("async.lcplan");
  g_autofree char *working = NULL;
  g_autofree char *sync_dump = NULL;
  g_autofree char *async_dump = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *sync_path = g_file_get_path (sync_file);
  g_autofree char *async_path = g_file_get_path (async_file);
  GStatBuf sync_st, async_st;

  plan_fixture_fill (plan);
  plan_fixture_add_attachments (plan, 2, 1 << 20);

  g_assert_true (lc_plan_save (plan, sync_file, NULL, &error));
  g_assert_no_error (error);
  sync_dump = dump_file (sync_file);
  working = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (sync_dump, ==, working);
  g_clear_pointer (&working, g_free);

  g_assert_true (save_async (plan, async_file, &error, NULL, NULL));
  g_assert_no_error (error);
  async_dump = dump_file (async_file);
  working = plan_fixture_dump (lc_plan_get_database (plan));

  /* Every row, exactly as in the working copy, as the synchronous save … */
  g_assert_cmpstr (async_dump, ==, working);
  a = without_save_times (sync_dump);
  b = without_save_times (async_dump);
  g_assert_cmpstr (a, ==, b);
  g_assert_nonnull (strstr (async_dump, "'附件 2.bin'"));

  /* … in a file of the same size, a plain rollback-journal file */
  g_assert_cmpint (g_stat (sync_path, &sync_st), ==, 0);
  g_assert_cmpint (g_stat (async_path, &async_st), ==, 0);
  g_assert_cmpint (sync_st.st_size, ==, async_st.st_size);
  {
    g_autofree char *wal = g_strconcat (async_path, "-wal", NULL);
    g_autofree char *journal = g_strconcat (async_path, "-journal", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  }

  g_assert_true (g_file_equal (lc_plan_get_file (plan), async_file));
  g_assert_false (lc_plan_get_modified (plan));
}

typedef struct
{
  GArray *values;      /* gboolean, each notification of busy */
  guint   off_thread;  /* notifications not on the test's thread */
  GThread *thread;
} Notes;

static void
on_busy (LcPlan     *plan,
         GParamSpec *pspec,
         Notes      *notes)
{
  gboolean busy = lc_plan_get_busy (plan);

  g_array_append_val (notes->values, busy);
  if (g_thread_self () != notes->thread)
    notes->off_thread++;
}

/* busy: TRUE while it saves, notified on the plan's thread; a second save
 * meanwhile is refused */
static void
test_busy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  g_autoptr(GFile) file = tmp_file ("busy.lcplan");
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gboolean));
  Notes notes = { values, 0, g_thread_self () };
  Done done = { NULL, NULL }, refused = { NULL, NULL };

  plan_fixture_fill (plan);
  g_signal_connect (plan, "notify::busy", G_CALLBACK (on_busy), &notes);
  g_assert_false (lc_plan_get_busy (plan));

  lc_plan_save_async (plan, file, G_PRIORITY_DEFAULT, NULL, on_saved, &done);
  g_assert_true (lc_plan_get_busy (plan));
  g_assert_cmpuint (values->len, ==, 1);
  g_assert_true (g_array_index (values, gboolean, 0));

  /* One save at a time, either way */
  lc_plan_save_async (plan, file, G_PRIORITY_DEFAULT, NULL, on_saved, &refused);
  g_assert_false (lc_plan_save (plan, file, NULL, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_BUSY);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_assert_false (finish (plan, &refused, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_true (finish (plan, &done, &error));
  g_assert_no_error (error);

  /* The plan's state is current when the callback runs */
  g_assert_false (lc_plan_get_busy (plan));
  g_assert_false (lc_plan_get_modified (plan));
  g_assert_true (g_file_equal (lc_plan_get_file (plan), file));
  g_assert_cmpuint (values->len, ==, 2);
  g_assert_false (g_array_index (values, gboolean, 1));
  g_assert_cmpuint (notes.off_thread, ==, 0);

  /* Nothing to save is still a save: busy again, and back */
  g_assert_true (save_async (plan, NULL, &error, NULL, NULL));
  g_assert_cmpuint (values->len, ==, 4);
  g_assert_cmpuint (notes.off_thread, ==, 0);
}

typedef struct
{
  guint edits;          /* made while it saved */
  guint before_file;    /* of them, before the file was there */
  GFile *file;
  gint64 deleted;       /* an attachment deleted meanwhile */
} Editing;

static gboolean
edit_while_saving (LcPlan   *plan,
                   gpointer  data)
{
  Editing *e = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  /* A few, not thousands */
  if (!lc_plan_get_busy (plan) || e->edits >= 20)
    return FALSE;

  name = g_strdup_printf ("编辑 %u", e->edits + 1);
  set_unit_name (plan, name);
  if (e->edits == 0)
    {
      g_assert_true (lc_plan_delete_attachment (plan, e->deleted, &error));
      g_assert_no_error (error);
    }
  if (!g_file_query_exists (e->file, NULL))
    e->before_file++;
  e->edits++;
  return TRUE;
}

/* Edits go on while it saves: the file holds the plan as it was when the
 * save began, and the plan stays modified; undoing them makes it saved */
static void
test_edits_while_saving (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  g_autoptr(GFile) file = tmp_file ("edits.lcplan");
  g_autofree char *before = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *unit = NULL;
  Editing e = { 0, 0, file, 0 };

  plan_fixture_fill (plan);
  set_unit_name (plan, "保存时的名称");
  /* Large enough that the copy takes a while */
  plan_fixture_add_attachments (plan, 4, 2 << 20);
  e.deleted = 2;

  g_assert_true (save_async (plan, file, &error, edit_while_saving, &e));
  g_assert_no_error (error);
  g_test_message ("%u edits while saving, %u of them before the file was renamed into place",
                  e.edits, e.before_file);
  g_assert_cmpuint (e.edits, >, 0);

  /* The file: the plan as it was, with the attachment deleted since */
  saved = dump_file (file);
  g_assert_nonnull (strstr (saved, "'保存时的名称'"));
  g_assert_null (strstr (saved, "'编辑 1'"));
  g_assert_nonnull (strstr (saved, "'附件 2.bin'"));
  unit = unit_name_of (file);
  g_assert_cmpstr (unit, ==, "保存时的名称");

  /* The plan: the edits, still to save */
  g_assert_true (lc_plan_get_modified (plan));
  g_assert_false (lc_plan_get_busy (plan));
  while (lc_plan_get_modified (plan))
    g_assert_true (lc_plan_undo (plan, &error));
  before = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (before, ==, saved);
}

/* Mounts a small tmpfs with @options on @dir, where the system lets us
 * (root); FALSE when it does not */
static gboolean
mount_tmpfs (const char *dir,
             const char *options)
{
  g_autofree char *cmd = g_strdup_printf ("mount -t tmpfs -o %s tmpfs '%s'", options, dir);
  int status = -1;

  return getuid () == 0 && g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL) && status == 0;
}

static void
unmount (const char *dir)
{
  g_autofree char *cmd = g_strdup_printf ("umount '%s'", dir);

  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
}

/* A failed save: busy ends, the plan is as it was, nothing is left in @dir
 * but what was there (@kept, or nothing) */
static void
assert_failed_save (LcPlan     *plan,
                    GFile      *previous_file,
                    const char *dir,
                    const char *kept)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);

  g_assert_false (lc_plan_get_busy (plan));
  g_assert_true (lc_plan_get_modified (plan));
  g_assert_true (lc_plan_get_file (plan) == previous_file ||
                 g_file_equal (lc_plan_get_file (plan), previous_file));
  g_assert_nonnull (listing);
  g_assert_cmpstr (g_dir_read_name (listing), ==, kept);
  if (kept != NULL)
    g_assert_null (g_dir_read_name (listing));
}

/* A folder we may not write to: the usual message, the plan unchanged */
static void
test_read_only_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  g_autofree char *dir = g_build_filename (tmp_dir, "read-only", NULL);
  g_autofree char *probe = g_build_filename (dir, "probe", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.lcplan", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gboolean mounted = FALSE;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  if (g_file_set_contents (probe, "", 0, NULL))
    {
      /* root writes anywhere: a read-only file system instead */
      g_unlink (probe);
      mounted = mount_tmpfs (dir, "ro,size=64k");
      if (!mounted)
        {
          g_chmod (dir, 0700);
          g_test_skip ("cannot make a folder read-only here");
          return;
        }
    }

  plan_fixture_fill (plan);
  g_assert_false (save_async (plan, file, &error, NULL, NULL));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
                 g_error_matches (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY));
  g_assert_true (g_str_has_prefix (error->message, "Could not save the plan: "));
  assert_failed_save (plan, NULL, dir, NULL);

  if (mounted)
    unmount (dir);
  g_chmod (dir, 0700);
}

/* A full disk: LC_PLAN_ERROR_NO_SPACE, the old file intact */
static void
test_disk_full (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  g_autofree char *dir = g_build_filename (tmp_dir, "full", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.lcplan", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  if (!mount_tmpfs (dir, "size=256k"))
    {
      g_test_skip ("cannot mount a small tmpfs here (needs root)");
      return;
    }

  plan_fixture_fill (plan);
  g_assert_true (save_async (plan, file, &error, NULL, NULL));
  g_assert_no_error (error);
  g_file_get_contents (path, &before, NULL, NULL);

  /* 1 MiB of random bytes cannot fit in 256 kB */
  plan_fixture_add_attachments (plan, 1, 1 << 20);
  g_assert_false (save_async (plan, NULL, &error, NULL, NULL));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_NO_SPACE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Could not save the plan: the disk is full."));

  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (before, ==, after);
  assert_failed_save (plan, file, dir, "plan.lcplan");

  lc_plan_close (plan);
  unmount (dir);
}

/* Closing the plan while it saves waits for a complete file */
static void
test_close_waits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  g_autoptr(GFile) file = tmp_file ("closed.lcplan");
  g_autoptr(LcPlan) reopened = NULL;
  g_autofree char *recovery_dir = lc_plan_get_recovery_dir ();
  g_autofree char *info = NULL;
  Done done = { NULL, NULL };

  plan_fixture_fill (plan);
  plan_fixture_add_attachments (plan, 2, 8 << 20);
  info = g_strdup_printf ("%s/%s.info", recovery_dir, lc_plan_get_recovery_id (plan));

  lc_plan_save_async (plan, file, G_PRIORITY_DEFAULT, NULL, on_saved, &done);
  lc_plan_close (plan);
  g_assert_true (g_file_query_exists (file, NULL));
  reopened = lc_plan_open (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lc_plan_count_rows (reopened, "attachments"), ==, 3);

  g_assert_true (finish (plan, &done, &error));
  g_assert_no_error (error);
  g_assert_false (lc_plan_get_busy (plan));
  /* The end of the save does not bring back the closed plan's files */
  g_assert_false (g_file_test (info, G_FILE_TEST_EXISTS));
}

/* Cancelled before it starts, nothing happens; cancelled while it copies,
 * the file is the old one or the new one */
static void
test_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  g_autoptr(GFile) file = tmp_file ("cancelled.lcplan");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_file_get_path (file);
  Done done = { NULL, NULL };
  gboolean ok;

  plan_fixture_fill (plan);
  plan_fixture_add_attachments (plan, 4, 8 << 20);

  g_cancellable_cancel (cancellable);
  lc_plan_save_async (plan, file, G_PRIORITY_DEFAULT, cancellable, on_saved, &done);
  g_assert_false (finish (plan, &done, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (g_file_query_exists (file, NULL));

  g_cancellable_reset (cancellable);
  lc_plan_save_async (plan, file, G_PRIORITY_DEFAULT, cancellable, on_saved, &done);
  g_usleep (2000);
  g_cancellable_cancel (cancellable);
  ok = finish (plan, &done, &error);
  g_test_message ("cancelled after 2 ms: %s", ok ? "saved all the same" : error->message);
  g_assert_cmpint (lc_plan_get_modified (plan), ==, !ok);
  g_assert_cmpint (g_file_query_exists (file, NULL), ==, ok);
  if (!ok)
    {
      g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
      const char *name;

      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      /* No temporary file left beside it */
      while ((name = g_dir_read_name (dir)) != NULL)
        g_assert_false (g_str_has_prefix (name, "cancelled.lcplan"));
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
  tmp_dir = g_dir_make_tmp ("lc-save-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/core/save/same-as-sync", test_same_as_sync);
  g_test_add_func ("/core/save/busy", test_busy);
  g_test_add_func ("/core/save/edits-while-saving", test_edits_while_saving);
  g_test_add_func ("/core/save/read-only-folder", test_read_only_folder);
  g_test_add_func ("/core/save/disk-full", test_disk_full);
  g_test_add_func ("/core/save/close-waits", test_close_waits);
  g_test_add_func ("/core/save/cancel", test_cancel);

  result = g_test_run ();

  plan_fixture_remove_tree (tmp_dir);
  plan_fixture_remove_tree (g_get_user_state_dir ());
  return result;
}
