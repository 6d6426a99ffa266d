/* test-window.c: the main window, its map, actions, state and open handler
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "lc-application.h"
#include "lc-file-identify.h"
#include "lc-map-view.h"
#include "lc-offline-source.h"
#include "lc-preferences-window.h"
#include "lc-window.h"
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

static void
close_window (LcWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  ui_test_iterate (20);
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
  assert_action (G_ACTION_GROUP (window), "new", FALSE);
  assert_action (G_ACTION_GROUP (window), "save", FALSE);
  assert_action (G_ACTION_GROUP (window), "save-as", FALSE);
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
  ui_test_iterate (50);
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
  ui_test_iterate (50);
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
  assert_error_dialog (GTK_WINDOW (window), "五角场.lcplan", "cannot read plan files yet");
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
  ui_test_iterate (50);
  g_assert_cmpstr (g_settings_get_string (settings, "color-scheme"), ==, "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (lc_offline_source_get_dark (lc_map_view_get_background_source (map_view)));

  /* A change made elsewhere shows in the row */
  g_settings_set_string (settings, "color-scheme", "light");
  ui_test_iterate (50);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);
  g_assert_false (lc_offline_source_get_dark (lc_map_view_get_background_source (map_view)));

  g_settings_reset (settings, "color-scheme");
  ui_test_iterate (50);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  g_assert_cmpint (adw_style_manager_get_color_scheme (style), ==, ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_close (prefs);
  close_window (window);
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

  return g_test_run ();
}
