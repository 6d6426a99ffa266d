/* test-window-save.c: the window saves a 200 MiB plan without freezing, and closes when it is done
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window-save"

#include "config.h"
#include "lc-plan-private.h"

#include <glib/gstdio.h>

#include "lc-attachment.h"
#include "lc-map-view.h"
#include "lc-window.h"
#include "plan-fixture.h"
#include "ui-helpers.h"

/*
 * A plan as large as attachments may make it (10 files of 20 MiB, the
 * limits of lc-attachment.h) is saved from the window. While the worker
 * thread writes it, the main loop must keep turning: a timeout counts its
 * runs while the plan is busy, pans the map and switches the views, and
 * an edit goes in. Closing the window, or quitting, while it saves must
 * wait for a complete file; a save that fails shows its error, then asks
 * about the unsaved changes.
 */

#define N_FILES 10

static LcApplication *app;
static char *tmp_dir;

static GFile *
tmp_file (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  return g_file_new_for_path (path);
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* A window showing a plan that belongs to @file (saved once, small) and
 * then got @n_files attachments of the largest size */
static LcWindow *
window_with_large_plan (GFile *file,
                        guint  n_files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);
  LcWindow *window = lc_window_new (app);
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  g_assert_true (lc_plan_save (plan, file, NULL, &error));
  g_assert_no_error (error);
  plan_fixture_add_attachments (plan, n_files, LC_ATTACHMENT_MAX_SIZE);
  g_assert_true (lc_plan_get_modified (plan));
  g_test_message ("%u attachments of %d MiB added in %.1f s", n_files,
                  (int) (LC_ATTACHMENT_MAX_SIZE >> 20), (g_get_monotonic_time () - start) / 1e6);

  lc_window_show_plan (window, plan);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_for (window_mapped, window, 10000));
  return window;
}

/* The bytes of attachments @file holds, read in place; -1 when it has
 * not all @n_files of them */
static gint64
attachment_bytes (GFile *file,
                  guint  n_files)
{
  g_autofree char *path = g_file_get_path (file);
  sqlite3 *db = NULL;
  gint64 total = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (plan_fixture_query_int (db, "SELECT count(*) FROM attachments") == n_files)
    total = plan_fixture_query_int (db, "SELECT sum(length(data)) FROM attachments");
  sqlite3_close (db);
  return total;
}

static guint
n_app_windows (void)
{
  return g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
}

static gboolean
window_gone (gpointer data)
{
  return n_app_windows () == GPOINTER_TO_UINT (data);
}

static gboolean
not_busy (gpointer data)
{
  return !lc_plan_get_busy (data);
}

/* ---- the main loop while it saves ---- */

typedef struct
{
  LcWindow *window;
  LcPlan   *plan;
  guint     runs;        /* of the timeout, while the plan was busy */
  gint64    last;
  gint64    longest;     /* µs between two runs */
  guint     switches;    /* views switched */
  gboolean  edited;
} Watch;

static gboolean
on_timeout (gpointer data)
{
  Watch *w = data;
  gint64 now = g_get_monotonic_time ();
  LcMapView *map_view = lc_window_get_map_view (w->window);
  double lat, lon, zoom;

  if (!lc_plan_get_busy (w->plan))
    return G_SOURCE_CONTINUE;

  if (w->last != 0)
    w->longest = MAX (w->longest, now - w->last);
  w->last = now;
  w->runs++;

  /* Pan the map, switch the views, edit the plan */
  lc_map_view_get_view (map_view, &lat, &lon, &zoom);
  lc_map_view_set_view (map_view, lat + 0.0001, lon, zoom);
  if (w->runs % 5 == 0)
    {
      const char *next = g_str_equal (lc_window_get_view (w->window), "map") ? "projects" : "map";

      g_action_group_activate_action (G_ACTION_GROUP (w->window), "view", g_variant_new_string (next));
      g_assert_cmpstr (lc_window_get_view (w->window), ==, next);
      w->switches++;
    }
  if (!w->edited)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (lc_plan_set_text (w->plan, "name", "unit_profile", 1, "unit_name", "保存时改的名称", &error));
      g_assert_no_error (error);
      w->edited = TRUE;
    }
  return G_SOURCE_CONTINUE;
}

static void
test_responsive (void)
{
  g_autoptr(GFile) file = tmp_file ("large.lcplan");
  LcWindow *window = window_with_large_plan (file, N_FILES);
  LcPlan *plan = lc_window_get_plan (window);
  GtkWidget *spinner = ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SPINNER);
  AdwViewSwitcherTitle *title = ADW_VIEW_SWITCHER_TITLE (ui_test_find_widget (GTK_WIDGET (window),
                                                                              ADW_TYPE_VIEW_SWITCHER_TITLE));
  Watch w = { window, plan, 0, 0, 0, 0, FALSE };
  gint64 start, took;
  guint timeout;

  g_assert_false (gtk_widget_get_visible (spinner));

  start = g_get_monotonic_time ();
  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);

  /* Saving: said in the header, Save off */
  g_assert_true (lc_plan_get_busy (plan));
  g_assert_true (gtk_widget_get_visible (spinner));
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (title), ==, "Saving…");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "save"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "save-as"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "undo"));

  timeout = g_timeout_add (5, on_timeout, &w);
  g_assert_true (ui_test_wait_for (not_busy, plan, 120000));
  took = g_get_monotonic_time () - start;
  g_source_remove (timeout);

  g_test_message ("saved %d MiB in %.2f s; meanwhile the main loop ran the timeout %u times, "
                  "at most %.1f ms apart, and switched views %u times",
                  (int) (N_FILES * LC_ATTACHMENT_MAX_SIZE >> 20), took / 1e6, w.runs, w.longest / 1000.0,
                  w.switches);
  /* Not a timing: the loop turned, many times, while the plan was busy */
  g_assert_cmpuint (w.runs, >=, 10);
  g_assert_cmpuint (w.switches, >=, 1);
  g_assert_true (w.edited);

  /* Saved: Save back, the edit made meanwhile still to save */
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "save"));
  g_assert_true (lc_plan_get_modified (plan));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• large.lcplan"));
  g_assert_cmpint (attachment_bytes (file, N_FILES), ==, N_FILES * LC_ATTACHMENT_MAX_SIZE);
  {
    g_autofree char *path = g_file_get_path (file);
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (plan_fixture_query_int (db, "SELECT unit_name IS NULL FROM unit_profile"), ==, 1);
    sqlite3_close (db);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (20);
}

/* ---- closing and quitting while it saves ---- */

typedef struct
{
  GFile   *file;
  guint    n_files;
  gboolean destroyed;
  gint64   bytes;        /* of attachments in the file when the window went */
} Closing;

static void
on_destroy (GtkWidget *window,
            Closing   *c)
{
  c->destroyed = TRUE;
  c->bytes = attachment_bytes (c->file, c->n_files);
}

static void
close_while_saving (gboolean quit,
                    guint    n_files)
{
  g_autoptr(GFile) file = tmp_file (quit ? "quit.lcplan" : "closed.lcplan");
  LcWindow *window = window_with_large_plan (file, n_files);
  g_autoptr(LcPlan) plan = g_object_ref (lc_window_get_plan (window));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) reopened = NULL;
  Closing c = { file, n_files, FALSE, -1 };
  guint n_windows = n_app_windows ();

  g_signal_connect (window, "destroy", G_CALLBACK (on_destroy), &c);
  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  g_assert_true (lc_plan_get_busy (plan));

  /* Ctrl+W or Ctrl+Q: the window stays while it saves, no question asked */
  if (quit)
    g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  else
    gtk_window_close (GTK_WINDOW (window));
  g_assert_false (c.destroyed);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_null (ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)));

  /* … and goes once the file is complete */
  g_assert_true (ui_test_wait_for (window_gone, GUINT_TO_POINTER (n_windows - 1), 120000));
  g_assert_true (c.destroyed);
  g_assert_cmpint (c.bytes, ==, n_files * LC_ATTACHMENT_MAX_SIZE);
  g_assert_false (lc_plan_get_busy (plan));
  g_assert_false (lc_plan_get_modified (plan));

  reopened = lc_plan_open (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lc_plan_count_rows (reopened, "attachments"), ==, n_files);
}

static void
test_close_while_saving (void)
{
  close_while_saving (FALSE, N_FILES);
}

/* The same path as closing: a smaller plan will do */
static void
test_quit_while_saving (void)
{
  close_while_saving (TRUE, 3);
}

/* ---- a save that fails while the window waits to close ---- */

static gboolean
dialog_shown (gpointer data)
{
  GtkWindow *dialog = ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, data);

  return dialog != NULL && gtk_widget_get_visible (GTK_WIDGET (dialog));
}

static gboolean
no_message_dialog (gpointer data)
{
  return ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, data) == NULL;
}

/* Waits for the message over @window headed @heading and answers @response */
static void
respond (LcWindow   *window,
         const char *heading,
         const char *response)
{
  AdwMessageDialog *dialog;

  g_assert_true (ui_test_wait_for (dialog_shown, window, 10000));
  dialog = ADW_MESSAGE_DIALOG (ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window)));
  g_test_message ("%s: %s", adw_message_dialog_get_heading (dialog), adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  /* As a click does: the response, then the dialog closes itself */
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (ui_test_wait_for (no_message_dialog, window, 2000));
}

static void
test_close_after_failed_save (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "gone", NULL);
  g_autofree char *path = g_build_filename (dir, "failed.lcplan", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LcWindow *window;
  guint n_windows;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  window = window_with_large_plan (file, 1);
  n_windows = n_app_windows ();

  /* The plan's folder goes away behind its back */
  plan_fixture_remove_tree (dir);
  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  gtk_window_close (GTK_WINDOW (window));

  /* The error, then the usual question; Discard closes */
  respond (window, "Cannot Save “failed.lcplan”", "close");
  respond (window, "Save Changes?", "discard");
  g_assert_true (ui_test_wait_for (window_gone, GUINT_TO_POINTER (n_windows - 1), 10000));
}

static void
test_skip (void)
{
  g_test_skip ("no display");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int result;

  plan_fixture_use_temp_state ();
  app = ui_test_init (&argc, &argv);
  if (app == NULL)
    {
      g_test_add_func ("/ui/save/responsive", test_skip);
      return g_test_run ();
    }

  tmp_dir = g_dir_make_tmp ("lc-window-save-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/save/responsive", test_responsive);
  g_test_add_func ("/ui/save/close-while-saving", test_close_while_saving);
  g_test_add_func ("/ui/save/quit-while-saving", test_quit_while_saving);
  g_test_add_func ("/ui/save/close-after-failed-save", test_close_after_failed_save);

  result = g_test_run ();

  plan_fixture_remove_tree (tmp_dir);
  plan_fixture_remove_tree (g_get_user_state_dir ());
  return result;
}
