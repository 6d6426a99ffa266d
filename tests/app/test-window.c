/* test-window.c: the main window, its map, actions, state and open handler
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"
#include "lc-plan-private.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "lc-application.h"
#include "lc-facility.h"
#include "lc-facility-inspector.h"
#include "lc-facility-layer.h"
#include "lc-layers-page.h"
#include "lc-file-identify.h"
#include "lc-map-view.h"
#include "lc-offline-source.h"
#include "lc-preferences-window.h"
#include "lc-services.h"
#include "lc-coverage-layer.h"
#include "lc-coverage-page.h"
#include "lc-profile.h"
#include "lc-edit-layer.h"
#include "lc-shape.h"
#include "lc-shape-inspector.h"
#include "lc-window.h"
#include "plan-fixture.h"
#include "ui-helpers.h"

static LcApplication *app;

static gboolean
tiles_served (gpointer data)
{
  LcMapView *map_view = lc_window_get_map_view (data);

  return gtk_widget_get_mapped (GTK_WIDGET (map_view)) &&
         lc_offline_source_get_n_served (lc_map_view_get_background_source (map_view)) > 0;
}

static LcWindow *
new_shown_window (void)
{
  LcWindow *window = lc_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_for (tiles_served, window, 10000));
  return window;
}

static gboolean
window_closed (gpointer data)
{
  return g_list_find (gtk_application_get_windows (GTK_APPLICATION (app)), data) == NULL;
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
plan_unmodified (gpointer data)
{
  return !lc_plan_get_modified (data);
}

static gboolean
sidebar_shown (gpointer data)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (data, "toggle-sidebar");

  return g_variant_get_boolean (state);
}

static gboolean
sidebar_hidden (gpointer data)
{
  return !sidebar_shown (data);
}

static void
close_window (LcWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_for (window_closed, window, 2000));
}

static void
assert_action (GActionGroup *group,
               const char   *name,
               gboolean      enabled)
{
  g_test_message ("action %s", name);
  g_assert_true (g_action_group_has_action (group, name));
  g_assert_cmpint (g_action_group_get_action_enabled (group, name), ==, enabled);
}

static gboolean
zoomed_to_16 (gpointer data)
{
  double zoom;

  lc_map_view_get_view (data, NULL, NULL, &zoom);
  return G_APPROX_VALUE (zoom, 16, 1e-9);
}

static void
test_built (void)
{
  LcWindow *window = new_shown_window ();
  LcMapView *map_view = lc_window_get_map_view (window);
  ShumateSimpleMap *map = lc_map_view_get_simple_map (map_view);
  ShumateViewport *viewport = lc_map_view_get_viewport (map_view);
  double lat, lon, zoom, x, y;
  int width;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Life Circle Planner");
  g_assert_true (ADW_IS_APPLICATION_WINDOW (window));

  /* The map: offline background as reference source, scale and zoom buttons */
  g_assert_nonnull (shumate_viewport_get_reference_map_source (viewport));
  g_assert_true (shumate_viewport_get_reference_map_source (viewport) ==
                 shumate_simple_map_get_map_source (map));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shumate_simple_map_get_scale (map))));
  g_assert_false (lc_offline_source_get_dark (lc_map_view_get_background_source (map_view)));

  /* The default view is 五角场, and the map sits right of the sidebar */
  lc_map_view_get_view (map_view, &lat, &lon, &zoom);
  g_assert_cmpfloat_with_epsilon (lat, 31.2990, 1e-6);
  g_assert_cmpfloat_with_epsilon (lon, 121.5140, 1e-6);
  g_assert_cmpfloat (zoom, ==, 15);
  width = gtk_widget_get_width (GTK_WIDGET (map_view));
  g_assert_cmpint (width, >, 0);

  /* Coordinate conversion works: the centre of the widget is the centre of the view */
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (map), lat, lon, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, gtk_widget_get_width (GTK_WIDGET (map)) / 2.0, 1);
  g_assert_cmpfloat_with_epsilon (y, gtk_widget_get_height (GTK_WIDGET (map)) / 2.0, 1);

  /* Actions: only what can run now is enabled */
  assert_action (G_ACTION_GROUP (window), "open", TRUE);
  assert_action (G_ACTION_GROUP (window), "new", TRUE);
  assert_action (G_ACTION_GROUP (window), "save", FALSE);
  assert_action (G_ACTION_GROUP (window), "save-as", FALSE);
  assert_action (G_ACTION_GROUP (window), "undo", FALSE);
  assert_action (G_ACTION_GROUP (window), "redo", FALSE);
  assert_action (G_ACTION_GROUP (window), "toggle-sidebar", TRUE);
  assert_action (G_ACTION_GROUP (window), "show-help-overlay", TRUE);
  assert_action (G_ACTION_GROUP (app), "preferences", TRUE);
  assert_action (G_ACTION_GROUP (app), "about", TRUE);
  assert_action (G_ACTION_GROUP (app), "quit", TRUE);

  /* Zoom buttons, and their limits */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (map_view), "map.zoom-in", NULL));
  g_assert_true (ui_test_wait_for (zoomed_to_16, map_view, 5000));
  lc_map_view_set_view (map_view, lat, lon, LC_MAP_MAX_ZOOM);
  gtk_widget_activate_action (GTK_WIDGET (map_view), "map.zoom-in", NULL);
  ui_test_iterate (300);
  lc_map_view_get_view (map_view, NULL, NULL, &zoom);
  g_assert_cmpfloat (zoom, ==, LC_MAP_MAX_ZOOM);
  lc_map_view_set_view (map_view, lat, lon, LC_MAP_MIN_ZOOM);
  gtk_widget_activate_action (GTK_WIDGET (map_view), "map.zoom-out", NULL);
  ui_test_iterate (300);
  lc_map_view_get_view (map_view, NULL, NULL, &zoom);
  g_assert_cmpfloat (zoom, ==, LC_MAP_MIN_ZOOM);

  /* F9 and the header button both act on the sidebar */
  g_action_group_activate_action (G_ACTION_GROUP (window), "toggle-sidebar", NULL);
  g_assert_true (ui_test_wait_for (sidebar_hidden, window, 2000));
  g_assert_false (g_variant_get_boolean (g_action_group_get_action_state (G_ACTION_GROUP (window),
                                                                          "toggle-sidebar")));
  g_action_group_activate_action (G_ACTION_GROUP (window), "toggle-sidebar", NULL);

  close_window (window);
}

static void
test_remembers_state (void)
{
  GSettings *settings = lc_application_get_settings (app);
  LcWindow *window;
  double lat, lon, zoom;
  int width, height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);
  g_settings_set_double (settings, "map-latitude", 31.25);
  g_settings_set_double (settings, "map-longitude", 121.45);
  g_settings_set_double (settings, "map-zoom", 13);
  g_settings_set_boolean (settings, "sidebar-visible", FALSE);

  window = new_shown_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  lc_map_view_get_view (lc_window_get_map_view (window), &lat, &lon, &zoom);
  g_assert_cmpfloat_with_epsilon (lat, 31.25, 1e-6);
  g_assert_cmpfloat_with_epsilon (lon, 121.45, 1e-6);
  g_assert_cmpfloat (zoom, ==, 13);
  g_assert_false (g_variant_get_boolean (g_action_group_get_action_state (G_ACTION_GROUP (window),
                                                                          "toggle-sidebar")));

  /* Move, resize and show the sidebar: closing stores it all */
  lc_map_view_set_view (lc_window_get_map_view (window), 31.31, 121.52, 16.5);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_action_group_activate_action (G_ACTION_GROUP (window), "toggle-sidebar", NULL);
  g_assert_true (ui_test_wait_for (sidebar_shown, window, 2000));
  close_window (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_true (g_settings_get_boolean (settings, "sidebar-visible"));
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "map-latitude"), 31.31, 1e-6);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "map-longitude"), 121.52, 1e-6);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "map-zoom"), 16.5, 1e-6);

  /* Out-of-range values from a hand-edited store are clamped, not obeyed */
  window = lc_window_new (app);
  lc_map_view_set_view (lc_window_get_map_view (window), 95, 200, 42);
  lc_map_view_get_view (lc_window_get_map_view (window), &lat, &lon, &zoom);
  g_assert_cmpfloat (lat, <=, 90);
  g_assert_cmpfloat (lon, <=, 180);
  g_assert_cmpfloat (zoom, ==, LC_MAP_MAX_ZOOM);
  gtk_window_destroy (GTK_WINDOW (window));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "map-latitude");
  g_settings_reset (settings, "map-longitude");
  g_settings_reset (settings, "map-zoom");
  g_settings_reset (settings, "sidebar-visible");
}

typedef struct
{
  GtkWindow *parent;
  AdwMessageDialog *dialog;
} DialogWait;

static gboolean
dialog_shown (gpointer data)
{
  DialogWait *wait = data;

  wait->dialog = (AdwMessageDialog *) ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, wait->parent);
  return wait->dialog != NULL && gtk_widget_get_visible (GTK_WIDGET (wait->dialog));
}

static gboolean
dialog_gone (gpointer data)
{
  return !dialog_shown (data);
}

/* Waits for the error dialog over @window, checks it, and closes it */
static void
assert_error_dialog (GtkWindow  *window,
                     const char *file_name,
                     const char *body_part)
{
  DialogWait wait = { window, NULL };
  g_autofree char *heading = g_strdup_printf ("Cannot Open “%s”", file_name);

  g_assert_true (ui_test_wait_for (dialog_shown, &wait, 5000));
  g_assert_cmpstr (adw_message_dialog_get_heading (wait.dialog), ==, heading);
  g_test_message ("body: %s", adw_message_dialog_get_body (wait.dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (wait.dialog), body_part));
  g_assert_true (adw_message_dialog_has_response (wait.dialog, "close"));

  g_assert_cmpstr (adw_message_dialog_get_close_response (wait.dialog), ==, "close");

  /* As Escape does */
  gtk_window_close (GTK_WINDOW (wait.dialog));
  g_assert_true (ui_test_wait_for (dialog_gone, &wait, 5000));
}

static GFile *
write_file (const char *dir,
            const char *name,
            const void *data,
            gsize       len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
test_open_unreadable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lc-open-XXXXXX", &error);
  guint8 gpkg_header[LC_FILE_HEADER_SIZE] = "SQLite format 3";
  g_autoptr(GFile) empty = NULL;
  g_autoptr(GFile) text = NULL;
  g_autoptr(GFile) gpkg = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autofree char *missing_path = NULL;
  LcWindow *window;

  g_assert_no_error (error);
  memcpy (gpkg_header + 68, "GPKG", 4);
  empty = write_file (dir, "空白.lcplan", "", 0);
  text = write_file (dir, "notes.lcplan", "not a plan\n", 11);
  gpkg = write_file (dir, "五角场.lcplan", gpkg_header, sizeof gpkg_header);
  missing_path = g_build_filename (dir, "missing.lcplan", NULL);
  missing = g_file_new_for_path (missing_path);

  window = new_shown_window ();

  lc_window_open_file (window, empty);
  assert_error_dialog (GTK_WINDOW (window), "空白.lcplan", "The file is empty.");
  lc_window_open_file (window, text);
  assert_error_dialog (GTK_WINDOW (window), "notes.lcplan", "not an SQLite database");
  lc_window_open_file (window, gpkg);
  assert_error_dialog (GTK_WINDOW (window), "五角场.lcplan", "The file");
  lc_window_open_file (window, missing);
  assert_error_dialog (GTK_WINDOW (window), "missing.lcplan", "No such file");

  /* Nothing changed in the window: still no document, Save still disabled */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "save"));
  close_window (window);

  /* The GApplication "open" path, as `lifecircle FILE` and the file manager use it */
  {
    GFile *files[] = { text };
    GtkWindow *active;

    g_application_open (G_APPLICATION (app), files, 1, "");
    active = gtk_application_get_active_window (GTK_APPLICATION (app));
    g_assert_true (LC_IS_WINDOW (active));
    assert_error_dialog (active, "notes.lcplan", "not an SQLite database");
    close_window (LC_WINDOW (active));
  }

  g_file_delete (empty, NULL, NULL);
  g_file_delete (text, NULL, NULL);
  g_file_delete (gpkg, NULL, NULL);
  g_rmdir (dir);
}

static gboolean
scheme_is_dark (gpointer data)
{
  g_autofree char *scheme = g_settings_get_string (data, "color-scheme");

  return g_strcmp0 (scheme, "dark") == 0;
}

typedef struct {
  AdwComboRow *row;
  guint        selected;
} RowWait;

static gboolean
row_selected (gpointer data)
{
  RowWait *wait = data;

  return adw_combo_row_get_selected (wait->row) == wait->selected;
}

static gboolean
preferences_shown (gpointer data)
{
  return ui_test_find_toplevel (LC_TYPE_PREFERENCES_WINDOW, NULL) != NULL;
}

static void
test_preferences_style (void)
{
  GSettings *settings = lc_application_get_settings (app);
  LcWindow *window = new_shown_window ();
  LcMapView *map_view = lc_window_get_map_view (window);
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWindow *prefs;
  AdwComboRow *row;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  g_assert_true (ui_test_wait_for (preferences_shown, NULL, 5000));
  prefs = ui_test_find_toplevel (LC_TYPE_PREFERENCES_WINDOW, NULL);
  g_assert_true (gtk_window_get_transient_for (prefs) == GTK_WINDOW (window));

  row = ADW_COMBO_ROW (ui_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW));
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  /* Dark: the setting, the style manager and the map background follow */
  adw_combo_row_set_selected (row, 2);
  g_assert_true (ui_test_wait_for (scheme_is_dark, settings, 2000));
  g_assert_cmpstr (g_settings_get_string (settings, "color-scheme"), ==, "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (lc_offline_source_get_dark (lc_map_view_get_background_source (map_view)));

  /* A change made elsewhere shows in the row */
  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_true (ui_test_wait_for (row_selected, &(RowWait) { row, 1 }, 2000));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);
  g_assert_false (lc_offline_source_get_dark (lc_map_view_get_background_source (map_view)));

  g_settings_reset (settings, "color-scheme");
  g_assert_true (ui_test_wait_for (row_selected, &(RowWait) { row, 0 }, 2000));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_close (prefs);
  close_window (window);
}

/* ---- plans in the window ---- */

static gboolean
plan_shown (gpointer data)
{
  return lc_window_get_plan (data) != NULL && !lc_window_is_busy (data);
}

static char *
fixture_copy (const char *name)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "plan-v1.lcplan", NULL);
  g_autofree char *dir = g_dir_make_tmp ("lc-window-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (source, &data, &len, NULL));
  g_assert_true (g_file_set_contents (path, data, len, NULL));
  return path;
}

static AdwEntryRow *
unit_name_row (LcWindow *window)
{
  /* The first entry row of the plan page is the unit's name */
  return ADW_ENTRY_ROW (ui_test_find_widget (GTK_WIDGET (lc_window_get_plan_page (window)),
                                             ADW_TYPE_ENTRY_ROW));
}

typedef struct {
  LcWindow   *window;
  const char *text;
} TextWait;

/* Whether the plan's unit is called @text */
static gboolean
unit_named (gpointer data)
{
  TextWait *wait = data;
  LcPlan *plan = lc_window_get_plan (wait->window);
  g_autofree char *unit = plan != NULL ? lc_plan_get_text (plan, "unit_profile", 1, "unit_name") : NULL;

  return g_strcmp0 (unit, wait->text) == 0;
}

/* Whether the unit's name row shows @text */
static gboolean
row_shows (gpointer data)
{
  TextWait *wait = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (unit_name_row (wait->window))), wait->text) == 0;
}

static gboolean
title_is (gpointer data)
{
  TextWait *wait = data;

  return g_strcmp0 (gtk_window_get_title (GTK_WINDOW (wait->window)), wait->text) == 0;
}

static void
type_unit_name (LcWindow   *window,
                const char *name)
{
  AdwEntryRow *row = unit_name_row (window);

  gtk_editable_set_text (GTK_EDITABLE (row), name);
  g_signal_emit_by_name (row, "apply");
  g_assert_true (ui_test_wait_for (unit_named, &(TextWait) { window, name }, 2000));
}

static void
test_new_edit_undo (void)
{
  LcWindow *window = new_shown_window ();
  GActionGroup *actions = G_ACTION_GROUP (window);
  LcPlan *plan;

  g_action_group_activate_action (actions, "new", NULL);
  plan = lc_window_get_plan (window);
  g_assert_nonnull (plan);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Untitled Plan — Life Circle Planner");
  assert_action (actions, "save", TRUE);
  assert_action (actions, "save-as", TRUE);
  assert_action (actions, "undo", FALSE);

  /* An edit in the plan page: one undo step, the title marks it */
  type_unit_name (window, "殷行街道");
  g_assert_true (lc_plan_get_modified (plan));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Untitled Plan — Life Circle Planner");
  assert_action (actions, "undo", TRUE);

  g_action_group_activate_action (actions, "undo", NULL);
  g_assert_true (ui_test_wait_for (plan_unmodified, plan, 2000));
  g_assert_false (lc_plan_get_modified (plan));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (unit_name_row (window))), ==, "");
  assert_action (actions, "undo", FALSE);
  assert_action (actions, "redo", TRUE);

  g_action_group_activate_action (actions, "redo", NULL);
  g_assert_true (ui_test_wait_for (row_shows, &(TextWait) { window, "殷行街道" }, 2000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (unit_name_row (window))), ==, "殷行街道");

  /* Saved: the file's name, no mark */
  {
    g_autofree char *dir = g_dir_make_tmp ("lc-window-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "殷行.lcplan", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_true (lc_plan_save (plan, file, NULL, NULL));
    g_assert_true (ui_test_wait_for (title_is, &(TextWait) { window, "殷行.lcplan — Life Circle Planner" }, 2000));
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "殷行.lcplan — Life Circle Planner");
  }

  close_window (window);
}

static guint
n_app_windows (void)
{
  return g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
}

static gboolean
plan_saved (gpointer data)
{
  return !lc_plan_get_busy (data);
}

static void
test_open_plan (void)
{
  g_autofree char *path = fixture_copy ("五角场.lcplan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LcWindow *window = new_shown_window ();
  guint before;

  lc_window_open_file (window, file);
  g_assert_true (ui_test_wait_for (plan_shown, window, 5000));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "五角场.lcplan — Life Circle Planner");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (unit_name_row (window))), ==, "五角场街道");
  g_assert_false (lc_plan_get_modified (lc_window_get_plan (window)));
  assert_action (G_ACTION_GROUP (window), "save", TRUE);

  /* A second plan opens in a window of its own */
  before = n_app_windows ();
  lc_window_open_file (window, file);
  g_assert_cmpuint (n_app_windows (), ==, before + 1);
  {
    LcWindow *other = LC_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);

    g_assert_true (other != window);
    g_assert_true (ui_test_wait_for (plan_shown, other, 5000));
    close_window (other);
  }

  /* Dropping a file on the window opens it the same way */
  {
    GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
    GtkDropTarget *drop = NULL;
    GValue value = G_VALUE_INIT;
    gboolean accepted = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && drop == NULL; i++)
      {
        g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_DROP_TARGET (c))
          drop = GTK_DROP_TARGET (c);
      }
    g_object_unref (controllers);
    g_assert_nonnull (drop);

    g_value_init (&value, G_TYPE_FILE);
    g_value_set_object (&value, file);
    before = n_app_windows ();
    g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &accepted);
    g_value_unset (&value);
    g_assert_true (accepted);
    g_assert_cmpuint (n_app_windows (), ==, before + 1);
    {
      LcWindow *other = LC_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);

      g_assert_true (ui_test_wait_for (plan_shown, other, 5000));
      close_window (other);
    }
  }

  /* Save keeps where the map looks, and the plan opens there again; it
   * saves in a thread, Save off meanwhile */
  lc_map_view_set_view (lc_window_get_map_view (window), 31.3011, 121.5102, 18);
  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  g_assert_true (lc_plan_get_busy (lc_window_get_plan (window)));
  assert_action (G_ACTION_GROUP (window), "save", FALSE);
  g_assert_true (ui_test_wait_for (plan_saved, lc_window_get_plan (window), 10000));
  assert_action (G_ACTION_GROUP (window), "save", TRUE);
  {
    g_autoptr(LcPlan) again = lc_plan_open (file, NULL, NULL);
    g_autofree char *zoom = lc_plan_get_text (again, "unit_profile", 1, "view_zoom");
    g_autofree char *lat = lc_plan_get_text (again, "unit_profile", 1, "view_latitude");

    g_assert_cmpstr (zoom, ==, "18.0");
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (lat, NULL), 31.3011, 1e-6);
  }

  /* Opened plans are remembered in the recent files */
  {
    g_autofree char *uri = g_file_get_uri (file);
    g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));
  }

  close_window (window);
}

static gboolean
window_gone (gpointer data)
{
  return n_app_windows () == GPOINTER_TO_UINT (data);
}

static void
respond (GtkWindow  *window,
         const char *response)
{
  DialogWait wait = { window, NULL };

  g_assert_true (ui_test_wait_for (dialog_shown, &wait, 5000));
  g_assert_cmpstr (adw_message_dialog_get_heading (wait.dialog), ==, "Save Changes?");
  g_assert_true (adw_message_dialog_has_response (wait.dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (wait.dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (wait.dialog, "cancel"));
  /* As a click does: the response, then the dialog closes itself */
  adw_message_dialog_response (wait.dialog, response);
  gtk_window_close (GTK_WINDOW (wait.dialog));
  g_assert_true (ui_test_wait_for (dialog_gone, &wait, 5000));
}

static void
test_close_unsaved (void)
{
  LcWindow *window = new_shown_window ();
  g_autofree char *recovery = NULL;
  guint n_windows;

  g_action_group_activate_action (G_ACTION_GROUP (window), "new", NULL);
  type_unit_name (window, "长白新村街道");
  recovery = g_strdup (lc_plan_get_recovery_id (lc_window_get_plan (window)));

  /* Cancel keeps the window and the changes */
  gtk_window_close (GTK_WINDOW (window));
  respond (GTK_WINDOW (window), "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (lc_plan_get_modified (lc_window_get_plan (window)));

  /* Discard closes it and deletes the working copy */
  n_windows = n_app_windows ();
  gtk_window_close (GTK_WINDOW (window));
  respond (GTK_WINDOW (window), "discard");
  g_assert_true (ui_test_wait_for (window_gone, GUINT_TO_POINTER (n_windows - 1), 5000));
  {
    g_autofree char *dir = lc_plan_get_recovery_dir ();
    g_autofree char *work = g_strdup_printf ("%s/%s.lcwork", dir, recovery);

    g_assert_false (g_file_test (work, G_FILE_TEST_EXISTS));
  }
}

/* The app process is killed after an edit; the next start offers it back */
static void
test_recovery (void)
{
  g_autofree char *path = fixture_copy ("恢复.lcplan");

  if (g_test_subprocess ())
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_getenv ("LC_RECOVERY_PLAN"));
      LcWindow *window = new_shown_window ();

      lc_window_open_file (window, file);
      g_assert_true (ui_test_wait_for (plan_shown, window, 5000));
      type_unit_name (window, "未保存的街道");
      g_assert_true (lc_plan_get_modified (lc_window_get_plan (window)));
      kill (getpid (), SIGKILL);
    }

  g_setenv ("LC_RECOVERY_PLAN", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_assert_false (g_test_trap_has_passed ());

  /* Starting again: the offer comes with the first window (this process
   * had its first window long ago, so ask for it directly) */
  {
    GtkWindow *window = GTK_WINDOW (new_shown_window ());
    DialogWait wait = { window, NULL };
    LcPlan *plan;
    g_autofree char *unit = NULL;

    gtk_window_present (window);
    lc_application_offer_recovery (app);
    g_assert_true (ui_test_wait_for (dialog_shown, &wait, 5000));
    g_assert_cmpstr (adw_message_dialog_get_heading (wait.dialog), ==, "Restore Unsaved Changes?");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (wait.dialog), "恢复.lcplan"));
    adw_message_dialog_response (wait.dialog, "restore");
    gtk_window_close (GTK_WINDOW (wait.dialog));
    g_assert_true (ui_test_wait_for (plan_shown, window, 5000));

    plan = lc_window_get_plan (LC_WINDOW (window));
    g_assert_nonnull (plan);
    g_assert_true (lc_plan_get_modified (plan));
    unit = lc_plan_get_text (plan, "unit_profile", 1, "unit_name");
    g_assert_cmpstr (unit, ==, "未保存的街道");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (unit_name_row (LC_WINDOW (window)))), ==, "未保存的街道");
    g_assert_cmpstr (gtk_window_get_title (window), ==, "• 恢复.lcplan — Life Circle Planner");

    /* Discarding it for the test's sake: no dialog when nothing is asked */
    lc_plan_close (plan);
    gtk_window_destroy (window);
  }
}

/* ---- the plan's basemap ---- */

static LcPlanTileSource *previous_source;
static guint tiles_expected = 4;

static gboolean
plan_tiles_rendered (gpointer data)
{
  LcPlanTileSource *source = lc_map_view_get_plan_source (lc_window_get_map_view (data));

  return source != NULL && source != previous_source && lc_plan_tile_source_get_n_rendered (source) >= tiles_expected;
}

static void
test_plan_tiles (void)
{
  g_autofree char *path = fixture_copy ("底图.lcplan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LcWindow *window = new_shown_window ();
  LcPlanTileSource *first;
  double lat, lon, zoom;

  lc_window_open_file (window, file);
  g_assert_true (ui_test_wait_for (plan_shown, window, 5000));

  /* The map moves to the plan's own view and draws it, off the main thread */
  lc_map_view_get_view (lc_window_get_map_view (window), &lat, &lon, &zoom);
  g_assert_cmpfloat_with_epsilon (lat, 31.299, 1e-6);
  g_assert_cmpfloat_with_epsilon (lon, 121.514, 1e-6);
  g_assert_true (ui_test_wait_for (plan_tiles_rendered, window, 10000));
  first = lc_map_view_get_plan_source (lc_window_get_map_view (window));
  g_assert_cmpuint (lc_plan_tile_source_get_n_on_main_thread (first), ==, 0);

  /* An edit of what the basemap shows brings a new snapshot, drawn again
   * where the edit touches it (tests/test-facility-layer.c counts tiles) */
  previous_source = first;
  tiles_expected = 1;
  g_assert_true (lc_plan_execute (lc_window_get_plan (window), "delete", "DELETE FROM buildings", NULL));
  g_assert_true (ui_test_wait_for (plan_tiles_rendered, window, 10000));
  {
    LcPlanTileSource *second = lc_map_view_get_plan_source (lc_window_get_map_view (window));
    g_assert_true (second != first);
    g_assert_cmpuint (lc_plan_tile_source_get_n_on_main_thread (second), ==, 0);
  }
  previous_source = NULL;
  tiles_expected = 4;

  lc_plan_close (lc_window_get_plan (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- drawing and reshaping on the map ---- */

static gboolean
basemap_loaded (gpointer data)
{
  return lc_map_view_get_plan_source (lc_window_get_map_view (data)) != NULL;
}

static gboolean
facilities_loaded (gpointer data)
{
  return !lc_facility_layer_get_loading (lc_map_view_get_facility_layer (lc_window_get_map_view (data)));
}

/* Where a WGS-84 point is in the map view */
static void
point_of (LcMapView *map_view,
          double     longitude,
          double     latitude,
          double    *x,
          double    *y)
{
  shumate_viewport_location_to_widget_coords (lc_map_view_get_viewport (map_view),
                                              GTK_WIDGET (lc_map_view_get_simple_map (map_view)),
                                              latitude, longitude, x, y);
}

static LcGeometry *
selected_shape (LcMapView *map_view,
                LcPlan    *plan)
{
  const char *table;
  gint64 fid = lc_map_view_get_selected (map_view, &table);

  return lc_plan_load_geometry (plan, table, fid, NULL);
}

static void
test_map_draw (void)
{
  g_autofree char *path = fixture_copy ("绘制.lcplan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LcWindow *window = new_shown_window ();
  LcMapView *map_view = lc_window_get_map_view (window);
  LcShapeInspector *inspector;
  LcPlan *plan;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *table = NULL;
  double x, y, x2, y2;

  lc_window_open_file (window, file);
  g_assert_true (ui_test_wait_for (plan_shown, window, 5000));
  g_assert_true (ui_test_wait_for (basemap_loaded, window, 5000));
  plan = lc_window_get_plan (window);
  before = plan_fixture_dump (lc_plan_get_database (plan));
  lc_map_view_set_view (map_view, 31.3, 121.511, 17);
  g_assert_true (ui_test_wait_frame (GTK_WIDGET (map_view)));

  /* Esc while drawing: nothing drawn */
  g_action_group_activate_action (G_ACTION_GROUP (window), "draw", g_variant_new_string ("path"));
  point_of (map_view, 121.5095, 31.3000, &x, &y);
  lc_map_view_click (map_view, x, y);
  g_assert_cmpuint (lc_edit_layer_get_n_points (lc_map_view_get_edit_layer (map_view)), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (map_view), "map.cancel", NULL);
  g_assert_cmpint (lc_map_view_get_tool (map_view), ==, LC_MAP_TOOL_SELECT);
  g_assert_false (lc_plan_can_undo (plan) && g_strcmp0 (lc_plan_get_undo_label (plan), "Draw Walking Path") == 0);

  /* A path of three clicks: the first, 4 px off the fixture path's west
   * end, snaps onto it, joining the network */
  g_action_group_activate_action (G_ACTION_GROUP (window), "draw", g_variant_new_string ("path"));
  g_assert_cmpint (lc_map_view_get_tool (map_view), ==, LC_MAP_TOOL_DRAW_PATH);
  point_of (map_view, 121.5100, 31.2990, &x, &y);
  lc_map_view_click (map_view, x + 3, y - 3);
  point_of (map_view, 121.5100, 31.3005, &x, &y);
  lc_map_view_click (map_view, x, y);
  point_of (map_view, 121.5090, 31.3005, &x, &y);
  lc_map_view_click (map_view, x, y);
  g_assert_true (lc_map_view_finish_drawing (map_view));
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Draw Walking Path");
  g_assert_cmpint (lc_map_view_get_selected (map_view, &table), >, 0);
  g_assert_cmpstr (table, ==, "walking_paths");
  {
    g_autoptr(LcGeometry) drawn = selected_shape (map_view, plan);

    g_assert_cmpuint (drawn->n_points, ==, 3);
    g_assert_cmpfloat (drawn->xy[0], ==, 121.5100);
    g_assert_cmpfloat (drawn->xy[1], ==, 31.2990);
  }
  inspector = LC_SHAPE_INSPECTOR (ui_test_find_widget (GTK_WIDGET (window), LC_TYPE_SHAPE_INSPECTOR));
  ui_test_wait_for (widget_mapped, inspector, 2000);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (inspector)));

  /* Its last point dragged 40 px east */
  point_of (map_view, 121.5090, 31.3005, &x, &y);
  g_assert_true (lc_map_view_drag_vertex (map_view, x, y, x + 40, y));
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Reshape Walking Path");
  {
    g_autoptr(LcGeometry) reshaped = selected_shape (map_view, plan);

    g_assert_cmpuint (reshaped->n_points, ==, 3);
    g_assert_cmpfloat (reshaped->xy[4], >, 121.5090);
  }

  /* The middle of its first segment dragged west: a fourth point */
  point_of (map_view, 121.5100, 31.29975, &x, &y);
  g_assert_true (lc_map_view_drag_vertex (map_view, x, y, x - 30, y));
  {
    g_autoptr(LcGeometry) more = selected_shape (map_view, plan);

    g_assert_cmpuint (more->n_points, ==, 4);
  }

  /* A double click on the new point takes it away */
  point_of (map_view, 121.5100, 31.29975, &x, &y);
  g_assert_true (lc_map_view_remove_vertex (map_view, x - 30, y));
  {
    g_autoptr(LcGeometry) fewer = selected_shape (map_view, plan);

    g_assert_cmpuint (fewer->n_points, ==, 3);
  }

  /* The unit boundary drawn anew: four clicks, closed */
  g_action_group_activate_action (G_ACTION_GROUP (window), "draw", g_variant_new_string ("boundary"));
  point_of (map_view, 121.5080, 31.2980, &x, &y);
  point_of (map_view, 121.5140, 31.3020, &x2, &y2);
  lc_map_view_click (map_view, x, y);
  lc_map_view_click (map_view, x2, y);
  lc_map_view_click (map_view, x2, y2);
  /* Two points are no area: a notice, and drawing goes on */
  lc_map_view_click (map_view, x, y2);
  g_assert_true (lc_map_view_finish_drawing (map_view));
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Draw Unit Boundary");
  lc_map_view_get_selected (map_view, &table);
  g_assert_cmpstr (table, ==, "unit_boundary");
  {
    g_autoptr(LcGeometry) ring = selected_shape (map_view, plan);

    g_assert_cmpuint (ring->n_points, ==, 5);
  }

  /* Six steps back: the plan as it was */
  for (int i = 0; i < 5; i++)
    g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  ui_test_wait_for (plan_unmodified, plan, 2000);
  after = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (before, ==, after);
  g_assert_false (lc_plan_get_modified (plan));

  lc_plan_close (plan);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- the 15-minute coverage ---- */

static gboolean
coverage_computed (gpointer data)
{
  return lc_window_get_coverage (data) != NULL;
}

typedef struct
{
  LcCoveragePage *page;
  int             service;
  const char     *figure;
} FigureWait;

static gboolean
figure_is (gpointer data)
{
  FigureWait *wait = data;
  g_autofree char *figure = lc_coverage_page_dup_figure (wait->page, wait->service);
  /* As the page writes it, in the locale's format ("100,0 %" in German) */
  g_autofree char *expected = g_strdup_printf ("%.1f %%", g_ascii_strtod (wait->figure, NULL));

  return g_strcmp0 (figure, expected) == 0;
}

static gboolean
has_threshold_id (GtkWidget     *widget,
                  gconstpointer  id)
{
  return g_object_get_data (G_OBJECT (widget), "lc-threshold-id") == GSIZE_TO_POINTER (*(const gint64 *) id);
}

/* The entry of a walking threshold on the coverage page, by its row's id */
static AdwEntryRow *
find_threshold_entry (GtkWidget *widget,
                      gint64     id)
{
  return ADW_ENTRY_ROW (ui_test_find_widget_where (widget, ADW_TYPE_ENTRY_ROW, has_threshold_id, &id));
}

static gboolean
has_label (GtkWidget     *widget,
           gconstpointer  label)
{
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
has_title (GtkWidget     *widget,
           gconstpointer  title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static void
test_coverage_drag (void)
{
  g_autofree char *path = fixture_copy ("覆盖.lcplan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LcWindow *window = new_shown_window ();
  LcMapView *map_view = lc_window_get_map_view (window);
  LcCoverageLayer *layer = lc_map_view_get_coverage_layer (map_view);
  LcCoveragePage *page;
  LcPlan *plan;
  int elderly;
  FigureWait wait;
  g_autoptr(GError) error = NULL;

  lc_window_open_file (window, file);
  g_assert_true (ui_test_wait_for (plan_shown, window, 5000));
  g_assert_true (ui_test_wait_for (coverage_computed, window, 5000));
  plan = lc_window_get_plan (window);
  page = LC_COVERAGE_PAGE (ui_test_find_widget (GTK_WIDGET (window), LC_TYPE_COVERAGE_PAGE));
  elderly = lc_coverage_lookup_service (lc_window_get_coverage (window), "elderly");
  g_assert_cmpint (elderly, >=, 0);
  wait = (FigureWait) { page, elderly, NULL };

  /* The fixture's 人民坊 serves the elderly of its one home (120 people) */
  g_action_group_activate_action (G_ACTION_GROUP (window), "sidebar-page", g_variant_new_string ("coverage"));
  ui_test_wait_for (widget_mapped, page, 2000);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  wait.figure = "100.0 %";
  g_assert_true (figure_is (&wait));
  lc_coverage_page_set_service (page, elderly);
  g_assert_cmpint (lc_coverage_layer_get_service (layer), ==, elderly);
  g_assert_cmpuint (lc_coverage_layer_get_n_gaps (layer), ==, 0);

  /* Dragged 1 km east: the figure and the map follow the pointer, before
   * anything is written */
  g_signal_emit_by_name (map_view, "facility-dragged", (gint64) 1, 31.2990, 121.5245);
  wait.figure = "0.0 %";
  g_assert_true (figure_is (&wait));
  g_assert_cmpuint (lc_coverage_layer_get_n_gaps (layer), ==, 1);
  g_assert_false (lc_plan_get_modified (plan));

  /* Where one more would reach the home left out: one site, no more */
  g_signal_emit_by_name (ui_test_find_widget_where (GTK_WIDGET (page), GTK_TYPE_BUTTON, has_label, "_Suggest"), "clicked");
  g_assert_cmpuint (lc_coverage_layer_get_n_suggestions (layer), ==, 1);
  g_signal_emit_by_name (map_view, "facility-dragged", (gint64) 1, 31.2990, 121.5140);
  wait.figure = "100.0 %";
  g_assert_true (figure_is (&wait));
  g_assert_cmpuint (lc_coverage_layer_get_n_suggestions (layer), ==, 0);

  /* Dropped there: the plan changes and the coverage is computed again */
  g_assert_true (lc_plan_move_facility (plan, 1, 121.5245, 31.2990, &error));
  g_assert_no_error (error);
  wait.figure = "0.0 %";
  g_assert_true (ui_test_wait_for (figure_is, &wait, 5000));
  g_assert_true (lc_plan_undo (plan, &error));
  wait.figure = "100.0 %";
  g_assert_true (ui_test_wait_for (figure_is, &wait, 5000));

  /* 400 m away: beyond the fixture's 350 m for the elderly; within reach once the plan's
   * threshold for them is 1000 m, typed on the page (the walk is some
   * 700 m: 380 m to the path, along it, and 130 m to the home) */
  g_assert_true (lc_plan_move_facility (plan, 1, 121.5180, 31.2990, &error));
  wait.figure = "0.0 %";
  g_assert_true (ui_test_wait_for (figure_is, &wait, 5000));
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;
    AdwEntryRow *entry;

    g_assert_cmpint (sqlite3_prepare_v2 (lc_plan_get_database (plan),
                                         "SELECT id FROM service_thresholds WHERE service = 'elderly'", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    entry = find_threshold_entry (GTK_WIDGET (page), sqlite3_column_int64 (stmt, 0));
    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "五百");
    g_signal_emit_by_name (entry, "apply");
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "1000");
    g_signal_emit_by_name (entry, "apply");
    g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Change Walking Threshold");
  }
  wait.figure = "100.0 %";
  g_assert_true (ui_test_wait_for (figure_is, &wait, 5000));

  /* The target and walking speed chosen on the page are stored as numbers
   * in any locale: in German, writing them as text once made "0,99", which
   * the plan refused without a word (run with --setup de_DE) */
  {
    AdwComboRow *speed = ADW_COMBO_ROW (ui_test_find_widget_where (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW, has_title, "Walking speed"));
    AdwComboRow *target = ADW_COMBO_ROW (ui_test_find_widget_where (GTK_WIDGET (page), ADW_TYPE_COMBO_ROW, has_title, "Coverage target"));
    g_autoptr(LcProfile) profile = NULL;

    g_assert_nonnull (speed);
    g_assert_nonnull (target);
    adw_combo_row_set_selected (target, 1);
    g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Change Coverage Target");
    adw_combo_row_set_selected (speed, 1);
    g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Change Walking Speed");
    profile = lc_plan_get_profile (plan, &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (profile->coverage_target, ==, 0.99);
    g_assert_cmpfloat (profile->walking_speed_m_min, ==, 45);
  }

  lc_coverage_page_set_service (page, -1);
  g_assert_cmpint (lc_coverage_layer_get_service (layer), ==, -1);

  lc_plan_close (plan);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- editing on the map ---- */


static gboolean
warns_of_area (gpointer data)
{
  const char *problems = lc_facility_inspector_get_problems (data);

  return problems != NULL && strstr (problems, "should not have more than 400 m²") != NULL;
}

static void
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* Whether the map has come to 人民坊 (the search's flight is over) */
static gboolean
flown_to_renminfang (gpointer data)
{
  double lat, lon, zoom;

  lc_map_view_get_view (data, &lat, &lon, &zoom);
  return G_APPROX_VALUE (lat, 31.2990, 1e-4) && G_APPROX_VALUE (lon, 121.5140, 1e-4) && zoom >= 17;
}

typedef struct {
  LcMapView *map_view;
  double     zoom;
} ZoomWait;

/* Whether the map has come down from @zoom to a whole level (a zoom to
 * bounds picks one; in flight the level is not whole) */
static gboolean
zoomed_out_from (gpointer data)
{
  ZoomWait *wait = data;
  double zoom;

  lc_map_view_get_view (wait->map_view, NULL, NULL, &zoom);
  return zoom < wait->zoom && G_APPROX_VALUE (zoom, round (zoom), 1e-9);
}
static void
test_map_edit (void)
{
  g_autofree char *path = fixture_copy ("编辑.lcplan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LcWindow *window = new_shown_window ();
  LcMapView *map_view = lc_window_get_map_view (window);
  LcFacilityInspector *inspector;
  LcPlan *plan;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(LcFacility) added = NULL;
  g_autoptr(LcFacility) moved = NULL;
  AdwEntryRow *area_row;
  double w, h, lat, lon;
  gint64 fid;

  lc_window_open_file (window, file);
  g_assert_true (ui_test_wait_for (plan_shown, window, 5000));
  plan = lc_window_get_plan (window);
  before = plan_fixture_dump (lc_plan_get_database (plan));
  w = gtk_widget_get_width (GTK_WIDGET (map_view));
  h = gtk_widget_get_height (GTK_WIDGET (map_view));

  /* Add ▸ 六艺亭, then a click on the map */
  g_action_group_activate_action (G_ACTION_GROUP (window), "add-facility", g_variant_new_string ("liuyiting"));
  g_assert_cmpint (lc_map_view_get_tool (map_view), ==, LC_MAP_TOOL_ADD_LIUYITING);
  lc_map_view_click (map_view, w / 2 + 40, h / 2 + 40);
  g_assert_cmpint (lc_map_view_get_tool (map_view), ==, LC_MAP_TOOL_SELECT);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Add Liuyi Ting Pavilion");

  /* It is selected and shown in the inspector */
  inspector = LC_FACILITY_INSPECTOR (ui_test_find_widget (GTK_WIDGET (window), LC_TYPE_FACILITY_INSPECTOR));
  fid = lc_facility_inspector_get_fid (inspector);
  g_assert_cmpint (fid, >, 0);
  added = lc_plan_load_facility (plan, fid, NULL);
  g_assert_cmpint (added->kind, ==, LC_FACILITY_KIND_LIUYITING);
  g_assert_cmpint (added->status, ==, LC_FACILITY_STATUS_PLANNED);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (inspector)));

  /* Dragged from where it is, 60 px right and 30 up */
  {
    ShumateViewport *viewport = lc_map_view_get_viewport (map_view);
    double x, y;

    shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (lc_map_view_get_simple_map (map_view)),
                                                added->latitude, added->longitude, &x, &y);
    /* The drag picks it on the map, which reads the plan in a thread */
    g_assert_true (ui_test_wait_for (facilities_loaded, window, 5000));
    lc_map_view_drag (map_view, x, y, x + 60, y - 30);
    shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (lc_map_view_get_simple_map (map_view)),
                                                x + 60, y - 30, &lat, &lon);
  }
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Move Facility");
  moved = lc_plan_load_facility (plan, fid, NULL);
  g_assert_cmpfloat_with_epsilon (moved->latitude, lat, 1e-7);
  g_assert_cmpfloat_with_epsilon (moved->longitude, lon, 1e-7);

  /* 450 m² is more than a 六艺亭 should have (不宜, a warning): said under the field */
  area_row = NULL;
  for (GtkWidget *row = ui_test_find_widget (GTK_WIDGET (inspector), ADW_TYPE_ENTRY_ROW);
       row != NULL && area_row == NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ENTRY_ROW (row) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Floor area (m²)") == 0)
      area_row = ADW_ENTRY_ROW (row);
  g_assert_nonnull (area_row);
  gtk_editable_set_text (GTK_EDITABLE (area_row), "450");
  g_signal_emit_by_name (area_row, "apply");
  g_assert_true (ui_test_wait_for (warns_of_area, inspector, 2000));
  g_assert_nonnull (strstr (lc_facility_inspector_get_problems (inspector), "should not have more than 400 m²"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (area_row), "warning"));

  /* Three undos: the plan as it was, byte for byte */
  for (int i = 0; i < 3; i++)
    g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  ui_test_wait_for (plan_unmodified, plan, 2000);
  after = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (before, ==, after);
  g_assert_false (lc_plan_get_modified (plan));
  /* The facility is gone, and so is the inspector */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (inspector)));

  /* Ctrl+F: a name finds the 人民坊, selects it and flies there */
  g_action_group_activate_action (G_ACTION_GROUP (window), "search", NULL);
  {
    GtkSearchEntry *entry = GTK_SEARCH_ENTRY (ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY));
    double zoom;

    gboolean changed = FALSE;
    gulong handler = g_signal_connect_swapped (entry, "search-changed", G_CALLBACK (set_flag), &changed);

    gtk_editable_set_text (GTK_EDITABLE (entry), "人民坊");
    g_assert_true (ui_test_wait_for (flag_set, &changed, 2000));   /* search-changed is delayed */
    g_signal_handler_disconnect (entry, handler);
    g_signal_emit_by_name (entry, "activate");
    g_assert_true (ui_test_wait_for (flown_to_renminfang, map_view, 5000));   /* the flight */
    g_assert_cmpint (lc_facility_inspector_get_fid (inspector), ==, 1);
    lc_map_view_get_view (map_view, &lat, &lon, &zoom);
    g_assert_cmpfloat_with_epsilon (lat, 31.2990, 1e-4);
    g_assert_cmpfloat_with_epsilon (lon, 121.5140, 1e-4);
    g_assert_cmpfloat (zoom, >=, 17);

    /* Zoom to the unit: all of the plan's data in view, a smaller zoom */
    g_action_group_activate_action (G_ACTION_GROUP (window), "zoom-to-unit", NULL);
    g_assert_true (ui_test_wait_for (zoomed_out_from, &(ZoomWait) { map_view, zoom }, 5000));
    {
      double unit_zoom;

      lc_map_view_get_view (map_view, NULL, NULL, &unit_zoom);
      g_assert_cmpfloat (unit_zoom, <, zoom);
    }
  }

  /* Esc cancels a tool */
  g_action_group_activate_action (G_ACTION_GROUP (window), "add-facility", g_variant_new_string ("renminfang"));
  gtk_widget_activate_action (GTK_WIDGET (map_view), "map.cancel", NULL);
  g_assert_cmpint (lc_map_view_get_tool (map_view), ==, LC_MAP_TOOL_SELECT);

  lc_plan_close (plan);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- File ▸ Import OpenStreetMap… ---- */

static gboolean
import_over (gpointer data)
{
  return !lc_window_is_importing (data);
}

static void
test_import_osm (void)
{
  g_autofree char *small = g_test_build_filename (G_TEST_DIST, "data", "osm", "small.osm", NULL);
  g_autofree char *sparse = g_test_build_filename (G_TEST_DIST, "data", "osm", "shanghai_sample_every_kth.osm.gz", NULL);
  g_autoptr(GFile) small_file = g_file_new_for_path (small);
  g_autoptr(GFile) sparse_file = g_file_new_for_path (sparse);
  LcWindow *window = new_shown_window ();
  LcPlan *plan;
  DialogWait wait = { GTK_WINDOW (window), NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* Into a new plan: the report follows */
  assert_action (G_ACTION_GROUP (window), "import-osm", TRUE);
  lc_window_import_osm_file (window, small_file, "测试街道");
  g_assert_true (lc_window_is_importing (window));
  assert_action (G_ACTION_GROUP (window), "save", FALSE);
  assert_action (G_ACTION_GROUP (window), "import-osm", FALSE);
  assert_action (G_ACTION_GROUP (window), "cancel-import", TRUE);
  g_assert_true (ui_test_wait_for (import_over, window, 10000));

  plan = lc_window_get_plan (window);
  g_assert_nonnull (plan);
  g_assert_cmpint (lc_plan_count_rows (plan, "walking_paths"), ==, 6);
  g_assert_cmpint (lc_plan_count_rows (plan, "facilities"), ==, 4);
  g_assert_true (lc_plan_get_modified (plan));
  g_assert_true (ui_test_wait_for (dialog_shown, &wait, 5000));
  g_assert_cmpstr (adw_message_dialog_get_heading (wait.dialog), ==, "Import Finished");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (wait.dialog), "split into 6 paths"));
  gtk_window_close (GTK_WINDOW (wait.dialog));
  g_assert_true (ui_test_wait_for (dialog_gone, &wait, 5000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (unit_name_row (window))), ==, "测试街道");

  /* Into the open plan, cancelled at once: the plan is as it was */
  before = plan_fixture_dump (lc_plan_get_database (plan));
  lc_window_import_osm_file (window, sparse_file, NULL);
  g_action_group_activate_action (G_ACTION_GROUP (window), "cancel-import", NULL);
  g_assert_true (ui_test_wait_for (import_over, window, 10000));
  after = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (before, ==, after);
  assert_action (G_ACTION_GROUP (window), "save", TRUE);

  lc_plan_close (plan);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- the layers page ---- */

static void
collect_widgets (GtkWidget *root,
                 GType      type,
                 GPtrArray *found)
{
  if (!gtk_widget_get_visible (root))  /* e.g. an expander row's unused switch */
    return;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_widgets (c, type, found);
}

static guint expected_drawn;

static gboolean
layer_drawn (gpointer data)
{
  LcFacilityLayer *layer = lc_map_view_get_facility_layer (lc_window_get_map_view (data));

  return lc_facility_layer_get_n_drawn (layer) == expected_drawn;
}

/* Waits for the layer's next snapshot to draw @n symbols */
static void
assert_drawn (LcWindow *window,
              guint     n)
{
  LcFacilityLayer *layer = lc_map_view_get_facility_layer (lc_window_get_map_view (window));

  expected_drawn = n;
  gtk_widget_queue_draw (GTK_WIDGET (layer));
  ui_test_wait_for (layer_drawn, window, 5000);
  g_assert_cmpuint (lc_facility_layer_get_n_drawn (layer), ==, n);
}

static void
test_layers_page (void)
{
  g_autofree char *path = fixture_copy ("五角场.lcplan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();
  LcWindow *window = new_shown_window ();
  LcFacilityLayer *layer = lc_map_view_get_facility_layer (lc_window_get_map_view (window));
  GtkWidget *page, *stack;
  AdwComboRow *service_row;
  GtkRange *fade;

  /* Without a plan there is nothing to switch to */
  assert_action (G_ACTION_GROUP (window), "sidebar-page", FALSE);

  lc_window_open_file (window, file);
  g_assert_true (ui_test_wait_for (plan_shown, window, 5000));
  assert_action (G_ACTION_GROUP (window), "sidebar-page", TRUE);
  lc_map_view_set_view (lc_window_get_map_view (window), 31.3011, 121.5102, 17);
  /* The fixture's hub and pavilion, its need and its project's location */
  assert_drawn (window, 4);

  page = ui_test_find_widget (GTK_WIDGET (window), LC_TYPE_LAYERS_PAGE);
  g_assert_nonnull (page);
  stack = gtk_widget_get_ancestor (page, GTK_TYPE_STACK);
  g_action_group_activate_action (G_ACTION_GROUP (window), "sidebar-page", g_variant_new_string ("layers"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "layers");
  g_assert_true (ui_test_wait_for (widget_mapped, page, 2000));

  /* The legend names the colour of every one of the 20 services */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    GtkWidget *colours = ui_test_find_widget (page, ADW_TYPE_EXPANDER_ROW);

    g_assert_nonnull (colours);
    collect_widgets (colours, ADW_TYPE_ACTION_ROW, rows);
    g_assert_cmpuint (rows->len, ==, 1 + 20);  /* the expander's own header is one */
  }

  /* Switches: facilities, needs, projects */
  collect_widgets (page, GTK_TYPE_SWITCH, switches);
  g_assert_cmpuint (switches->len, ==, 3);
  g_assert_true (lc_facility_layer_get_show_needs (layer));
  gtk_switch_set_active (switches->pdata[1], FALSE);
  g_assert_false (lc_facility_layer_get_show_needs (layer));
  gtk_switch_set_active (switches->pdata[2], FALSE);
  g_assert_false (lc_facility_layer_get_show_projects (layer));
  assert_drawn (window, 2);

  /* Only public space (the pavilion, not the hub), then 十全 (both), and
   * none with facilities off */
  service_row = ADW_COMBO_ROW (ui_test_find_widget (page, ADW_TYPE_COMBO_ROW));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (service_row)), ==, 3 + 20);
  adw_combo_row_set_selected (service_row, 3 + (lc_service_lookup ("public_space") - lc_services_get_all (NULL)));
  assert_drawn (window, 1);
  adw_combo_row_set_selected (service_row, 1);
  assert_drawn (window, 2);
  gtk_switch_set_active (switches->pdata[0], FALSE);
  assert_drawn (window, 0);

  /* The fade reaches the layer */
  fade = GTK_RANGE (ui_test_find_widget (page, GTK_TYPE_SCALE));
  gtk_range_set_value (fade, 0.5);
  g_assert_cmpfloat_with_epsilon (gtk_widget_get_opacity (GTK_WIDGET (layer)), 0.5, 0.01);

  /* The choices are kept for the next window and session */
  {
    GSettings *settings = lc_application_get_settings (app);
    g_autofree char *filter = g_settings_get_string (settings, "service-filter");
    LcWindow *other = lc_window_new (app);
    LcFacilityLayer *other_layer = lc_map_view_get_facility_layer (lc_window_get_map_view (other));

    g_assert_cmpstr (filter, ==, "basic");
    g_assert_false (g_settings_get_boolean (settings, "show-facilities"));
    g_assert_false (lc_facility_layer_get_show_needs (other_layer));
    g_assert_cmpfloat_with_epsilon (gtk_widget_get_opacity (GTK_WIDGET (other_layer)), 0.5, 0.01);
    gtk_window_destroy (GTK_WINDOW (other));

    g_settings_set_string (settings, "service-filter", "public_space");
    g_assert_cmpuint (adw_combo_row_get_selected (service_row), ==,
                      3 + (lc_service_lookup ("public_space") - lc_services_get_all (NULL)));
    for (guint i = 0; i < 5; i++)
      g_settings_reset (settings, (const char *[]) { "show-facilities", "show-needs", "show-projects",
                                                     "overlay-opacity", "service-filter" }[i]);
    g_assert_cmpuint (adw_combo_row_get_selected (service_row), ==, 0);
    g_assert_true (lc_facility_layer_get_show_needs (layer));
  }

  /* Back to the plan's page */
  g_action_group_activate_action (G_ACTION_GROUP (window), "sidebar-page", g_variant_new_string ("plan"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "plan");

  lc_plan_close (lc_window_get_plan (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Delete on the map deletes the selected facility, one undo step */
static void
test_delete_selection (void)
{
  g_autofree char *path = fixture_copy ("五角场.lcplan");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LcWindow *window = new_shown_window ();
  LcMapView *map_view = lc_window_get_map_view (window);
  GListModel *controllers;
  gboolean bound = FALSE;
  LcPlan *plan;

  lc_window_open_file (window, file);
  g_assert_true (ui_test_wait_for (plan_shown, window, 5000));
  plan = lc_window_get_plan (window);
  g_assert_cmpint (lc_plan_count_rows (plan, "facilities"), ==, 2);

  /* The key is the map's alone, so that Delete in a text field edits text */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (map_view));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !bound; i++)
    {
      g_autoptr(GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (c))
        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)) && !bound; j++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (c), j);
            g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
            GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

            bound = strstr (trigger, "Delete") != NULL && GTK_IS_NAMED_ACTION (action) &&
                    g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "win.delete-selection");
          }
    }
  g_object_unref (controllers);
  g_assert_true (bound);

  /* Nothing selected: nothing deleted */
  g_action_group_activate_action (G_ACTION_GROUP (window), "delete-selection", NULL);
  g_assert_cmpint (lc_plan_count_rows (plan, "facilities"), ==, 2);

  lc_map_view_select (map_view, "facilities", 2);
  g_action_group_activate_action (G_ACTION_GROUP (window), "delete-selection", NULL);
  g_assert_cmpint (lc_plan_count_rows (plan, "facilities"), ==, 1);
  g_assert_cmpint (lc_map_view_get_selected (map_view, NULL), ==, -1);
  g_assert_true (lc_plan_get_modified (plan));

  /* Deselected: Delete again does nothing */
  g_action_group_activate_action (G_ACTION_GROUP (window), "delete-selection", NULL);
  g_assert_cmpint (lc_plan_count_rows (plan, "facilities"), ==, 1);

  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  g_assert_cmpint (lc_plan_count_rows (plan, "facilities"), ==, 2);

  lc_plan_close (plan);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_skip (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

int
main (int    argc,
      char **argv)
{
  /* Working copies of this run in a folder of its own; the recovery
   * test's subprocess inherits it */
  if (g_getenv ("LC_TEST_STATE") == NULL)
    {
      plan_fixture_use_temp_state ();
      g_setenv ("LC_TEST_STATE", g_getenv ("XDG_STATE_HOME"), TRUE);
    }

  app = ui_test_init (&argc, &argv);

  if (app == NULL)
    {
      g_test_add_func ("/ui/window/built", test_skip);
      return g_test_run ();
    }

  g_test_add_func ("/ui/window/built", test_built);
  g_test_add_func ("/ui/window/remembers-state", test_remembers_state);
  g_test_add_func ("/ui/window/open-unreadable", test_open_unreadable);
  g_test_add_func ("/ui/preferences/style", test_preferences_style);
  g_test_add_func ("/ui/plan/new-edit-undo", test_new_edit_undo);
  g_test_add_func ("/ui/plan/open", test_open_plan);
  g_test_add_func ("/ui/plan/close-unsaved", test_close_unsaved);
  g_test_add_func ("/ui/plan/recovery", test_recovery);
  g_test_add_func ("/ui/plan/import-osm", test_import_osm);
  g_test_add_func ("/ui/map/plan-tiles", test_plan_tiles);
  g_test_add_func ("/ui/map/edit", test_map_edit);
  g_test_add_func ("/ui/map/draw", test_map_draw);
  g_test_add_func ("/ui/coverage/drag", test_coverage_drag);
  g_test_add_func ("/ui/map/layers-page", test_layers_page);
  g_test_add_func ("/ui/map/delete-selection", test_delete_selection);

  return g_test_run ();
}
