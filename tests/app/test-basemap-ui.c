/* test-basemap-ui.c: online basemaps chosen in Preferences, drawn under the plan, failing quietly
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-basemap-ui"

#include "config.h"

#include <string.h>
#include <libsoup/soup.h>

#include "lc-application.h"
#include "lc-map-view.h"
#include "lc-offline-source.h"
#include "lc-online-source.h"
#include "lc-preferences-window.h"
#include "lc-render.h"
#include "lc-window.h"
#include "plan-fixture.h"
#include "ui-helpers.h"

#define VALID_KEY "0123456789abcdef0123456789abcdef"

static LcApplication *app;

static gboolean
background_served (gpointer data)
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
  g_assert_true (ui_test_wait_for (background_served, window, 10000));
  return window;
}

static void
reset_settings (void)
{
  GSettings *settings = lc_application_get_settings (app);

  g_settings_reset (settings, "basemap");
  g_settings_reset (settings, "tianditu-key");
  g_settings_reset (settings, "basemap-url");
}

/* The id of the map source a layer of the map draws */
static const char *
layer_source_id (GtkWidget *layer)
{
  g_autoptr(ShumateMapSource) source = NULL;

  if (!SHUMATE_IS_MAP_LAYER (layer))
    return G_OBJECT_TYPE_NAME (layer);
  g_object_get (layer, "map-source", &source, NULL);
  /* The source lives on in the layer */
  return shumate_map_source_get_id (source);
}

/* The layers of the map, bottom first, as "id id id …" with the plan's
 * generation numbers left out */
static char *
layer_order (LcMapView *map_view)
{
  GtkWidget *map = GTK_WIDGET (shumate_simple_map_get_map (lc_map_view_get_simple_map (map_view)));
  g_autoptr(GString) order = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (map); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(GRegex) number = g_regex_new ("-[0-9]+-", 0, 0, NULL);
      g_autofree char *id = g_regex_replace_literal (number, layer_source_id (child), -1, 0, "-", 0, NULL);

      if (order->len > 0)
        g_string_append_c (order, ' ');
      g_string_append (order, id);
    }
  return g_string_free (g_steal_pointer (&order), FALSE);
}

static void
assert_layers (LcMapView  *map_view,
               const char *expected)
{
  g_autofree char *order = layer_order (map_view);

  g_assert_cmpstr (order, ==, expected);
}

/* ---- Preferences ---- */

static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The error said under an entry row: the visible label of its group
 * that has the "error" style */
static const char *
row_error (GtkWidget *row)
{
  GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
  GtkWidget *label = group;

  /* Depth-first through the group, for an error label */
  while (label != NULL)
    {
      if (GTK_IS_LABEL (label) && gtk_widget_has_css_class (label, "error"))
        return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;

      if (gtk_widget_get_first_child (label) != NULL)
        label = gtk_widget_get_first_child (label);
      else
        {
          while (label != group && gtk_widget_get_next_sibling (label) == NULL)
            label = gtk_widget_get_parent (label);
          label = label == group ? NULL : gtk_widget_get_next_sibling (label);
        }
    }
  return NULL;
}

static void
type_and_apply (GtkWidget  *row,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  ui_test_iterate (30);
}

static gboolean
group_shown (GtkWidget *row)
{
  return gtk_widget_get_visible (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP));
}

static void
test_preferences (void)
{
  GSettings *settings = lc_application_get_settings (app);
  LcWindow *window = new_shown_window ();
  LcMapView *map_view = lc_window_get_map_view (window);
  ShumateLicense *license = shumate_simple_map_get_license (lc_map_view_get_simple_map (map_view));
  LcPreferencesWindow *prefs = lc_preferences_window_new (settings);
  AdwComboRow *basemap_row;
  GtkWidget *key_row, *url_row;
  g_autofree char *value = NULL;

  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (prefs));
  ui_test_iterate (100);

  basemap_row = ADW_COMBO_ROW (find_row (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, "Online Basemap"));
  key_row = find_row (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, "天地图 Key");
  url_row = find_row (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, "URL Template");
  g_assert_nonnull (basemap_row);
  g_assert_nonnull (key_row);
  g_assert_nonnull (url_row);

  /* None, by default: the offline background is the map source, alone */
  g_assert_cmpuint (adw_combo_row_get_selected (basemap_row), ==, 0);
  g_assert_false (group_shown (key_row));
  g_assert_false (group_shown (url_row));
  assert_layers (map_view, "lc-offline-light LcCoverageLayer LcFacilityLayer LcEditLayer");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (license)));

  /* OpenStreetMap: background, online tiles, the plan without its ground
   * (empty: no plan), facilities; the viewport keeps our zoom range */
  adw_combo_row_set_selected (basemap_row, 1);
  ui_test_iterate (50);
  value = g_settings_get_string (settings, "basemap");
  g_assert_cmpstr (value, ==, "osm");
  g_assert_cmpint (lc_map_view_get_basemap (map_view), ==, LC_BASEMAP_OSM);
  assert_layers (map_view, "lc-offline-light lc-online-osm lc-plan-light-clear LcCoverageLayer LcFacilityLayer LcEditLayer");
  g_assert_false (lc_plan_tile_source_get_ground (lc_map_view_get_plan_source (map_view)));
  g_assert_cmpfloat (shumate_viewport_get_max_zoom_level (lc_map_view_get_viewport (map_view)), ==, LC_MAP_MAX_ZOOM);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (shumate_simple_map_get_map_source (lc_map_view_get_simple_map (map_view))),
                    ==, LC_MAP_MAX_ZOOM);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (license)));
  {
    g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "lifecircle", "tiles", "osm", NULL);
    g_assert_cmpstr (lc_online_source_get_cache_dir (lc_map_view_get_online_source (map_view)), ==, dir);
  }

  /* 天地图 without a key: the key's field shows, nothing online yet */
  adw_combo_row_set_selected (basemap_row, 2);
  ui_test_iterate (50);
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (settings, "basemap");
  g_assert_cmpstr (value, ==, "tianditu");
  g_assert_true (group_shown (key_row));
  g_assert_false (group_shown (url_row));
  g_assert_cmpint (lc_map_view_get_basemap (map_view), ==, LC_BASEMAP_NONE);
  assert_layers (map_view, "lc-offline-light LcCoverageLayer LcFacilityLayer LcEditLayer");

  /* A wrong key is explained under its field and not kept */
  type_and_apply (key_row, "not-a-key");
  g_assert_nonnull (row_error (key_row));
  g_assert_nonnull (strstr (row_error (key_row), "a–f"));
  g_assert_true (gtk_widget_has_css_class (key_row, "error"));
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (settings, "tianditu-key");
  g_assert_cmpstr (value, ==, "");
  g_assert_cmpint (lc_map_view_get_basemap (map_view), ==, LC_BASEMAP_NONE);

  /* A good one is: vector map and labels in one source */
  type_and_apply (key_row, " " VALID_KEY " ");
  g_assert_null (row_error (key_row));
  g_assert_false (gtk_widget_has_css_class (key_row, "error"));
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (settings, "tianditu-key");
  g_assert_cmpstr (value, ==, VALID_KEY);
  g_assert_cmpint (lc_map_view_get_basemap (map_view), ==, LC_BASEMAP_TIANDITU);
  assert_layers (map_view, "lc-offline-light lc-online-tianditu lc-plan-light-clear LcCoverageLayer LcFacilityLayer LcEditLayer");

  /* Custom: a bad template is explained where it is typed, and not applied */
  adw_combo_row_set_selected (basemap_row, 3);
  ui_test_iterate (50);
  g_assert_false (group_shown (key_row));
  g_assert_true (group_shown (url_row));
  g_assert_cmpint (lc_map_view_get_basemap (map_view), ==, LC_BASEMAP_NONE);
  gtk_editable_set_text (GTK_EDITABLE (url_row), "ftp://tiles.example.org/{z}/{x}/{y}.png");
  ui_test_iterate (20);
  g_assert_nonnull (strstr (row_error (url_row), "http://"));
  g_signal_emit_by_name (url_row, "apply");
  type_and_apply (url_row, "https://tiles.example.org/{z}/{x}.png");
  g_assert_nonnull (strstr (row_error (url_row), "{y}"));
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (settings, "basemap-url");
  g_assert_cmpstr (value, ==, "");
  g_assert_cmpint (lc_map_view_get_basemap (map_view), ==, LC_BASEMAP_NONE);

  /* … a good one is (pointing nowhere, so that nothing leaves this machine) */
  type_and_apply (url_row, "http://127.0.0.1:9/{z}/{x}/{y}.png");
  g_assert_null (row_error (url_row));
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (settings, "basemap-url");
  g_assert_cmpstr (value, ==, "http://127.0.0.1:9/{z}/{x}/{y}.png");
  g_assert_cmpint (lc_map_view_get_basemap (map_view), ==, LC_BASEMAP_CUSTOM);
  {
    g_autofree char *order = layer_order (map_view);
    g_assert_true (g_str_has_prefix (order, "lc-offline-light lc-online-custom-"));
    g_assert_true (g_str_has_suffix (order, " lc-plan-light-clear LcCoverageLayer LcFacilityLayer LcEditLayer"));
  }

  /* Back to none: as at first */
  adw_combo_row_set_selected (basemap_row, 0);
  ui_test_iterate (50);
  g_clear_pointer (&value, g_free);
  value = g_settings_get_string (settings, "basemap");
  g_assert_cmpstr (value, ==, "none");
  g_assert_null (lc_map_view_get_online_source (map_view));
  assert_layers (map_view, "lc-offline-light LcCoverageLayer LcFacilityLayer LcEditLayer");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (license)));

  /* A change made elsewhere shows in the row */
  g_settings_set_string (settings, "basemap", "osm");
  ui_test_iterate (50);
  g_assert_cmpuint (adw_combo_row_get_selected (basemap_row), ==, 1);

  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
  reset_settings ();
}

/* ---- no network: one quiet status ---- */

static gboolean
status_shown (gpointer data)
{
  return lc_map_view_get_basemap_status (data, NULL) != NULL;
}

static gboolean
failed_more (gpointer data)
{
  LcMapView *map_view = data;
  LcOnlineSource *online = lc_map_view_get_online_source (map_view);

  return online != NULL && lc_online_source_get_n_failed (online) >= 8;
}

/* A local port where nobody listens */
static guint
closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  g_socket_close (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
offline_run (void)
{
  GSettings *settings = lc_application_get_settings (app);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png", closed_port ());
  LcWindow *window = new_shown_window ();
  LcMapView *map_view = lc_window_get_map_view (window);
  guint n_shown = 0;

  g_settings_set_string (settings, "basemap-url", url);
  g_settings_set_string (settings, "basemap", "custom");
  g_assert_true (ui_test_wait_for (status_shown, map_view, 10000));
  g_assert_cmpstr (lc_map_view_get_basemap_status (map_view, &n_shown), ==,
                   "Online basemap unavailable — showing the plan only");
  g_assert_cmpuint (n_shown, ==, 1);

  /* More tiles fail as the map moves: still said once */
  lc_map_view_set_view (map_view, 31.31, 121.52, 16);
  g_assert_true (ui_test_wait_for (failed_more, map_view, 10000));
  ui_test_iterate (200);
  lc_map_view_get_basemap_status (map_view, &n_shown);
  g_assert_cmpuint (n_shown, ==, 1);
  g_assert_cmpuint (lc_online_source_get_n_served (lc_map_view_get_online_source (map_view)), ==, 0);

  /* The offline background still shows under it all */
  g_assert_cmpuint (lc_offline_source_get_n_served (lc_map_view_get_background_source (map_view)), >, 0);

  /* Another choice is another source, and may say it again */
  g_settings_set_string (settings, "basemap", "none");
  ui_test_iterate (20);
  g_assert_null (lc_map_view_get_basemap_status (map_view, NULL));
  g_settings_set_string (settings, "basemap", "custom");
  g_assert_true (ui_test_wait_for (status_shown, map_view, 10000));
  lc_map_view_get_basemap_status (map_view, &n_shown);
  g_assert_cmpuint (n_shown, ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (50);
  reset_settings ();
}

static void
test_offline_quiet (void)
{
  if (g_test_subprocess ())
    {
      offline_run ();
      return;
    }

  /* Run where its terminal output can be read: there must be none */
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
}

/* ---- a local tile server: tiles appear, and are cached ---- */

typedef struct
{
  GBytes *png;
  guint   n_requests;
  int     max_zoom;
} Server;

static void
serve_tile (SoupServer        *soup_server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Server *server = user_data;
  int z, x, y;

  if (sscanf (path, "/tiles/%d/%d/%d.png", &z, &x, &y) != 3)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  server->n_requests++;
  server->max_zoom = MAX (server->max_zoom, z);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (server->png, NULL), g_bytes_get_size (server->png));
}

static GBytes *
make_tile_png (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  GBytes *png;

  cairo_set_source_rgb (cr, 0.8, 0.9, 0.78);
  cairo_paint (cr);
  cairo_destroy (cr);
  png = lc_render_surface_to_png (surface);
  cairo_surface_destroy (surface);
  return png;
}

static gboolean
online_served (gpointer data)
{
  LcOnlineSource *online = lc_map_view_get_online_source (data);

  return online != NULL && lc_online_source_get_n_served (online) >= 4;
}

static gboolean
deep_requested (gpointer data)
{
  Server *server = data;

  return server->max_zoom >= 19;
}

/* Until the map has asked for every tile it shows: no request for 0.5 s */
static void
wait_for_requests_to_settle (Server *server)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint seen = G_MAXUINT;

  while (seen != server->n_requests && g_get_monotonic_time () < deadline)
    {
      seen = server->n_requests;
      ui_test_iterate (500);
    }
}

/* Whether a folder holds a file, at any depth, named like a tile */
static gboolean
has_tile_file (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) ? has_tile_file (path) : g_str_has_suffix (name, ".png"))
        return TRUE;
    }
  return FALSE;
}

static void
test_local_server (void)
{
  GSettings *settings = lc_application_get_settings (app);
  Server server = { make_tile_png (), 0, 0 };
  g_autoptr(SoupServer) soup_server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *cache_dir = NULL;
  LcWindow *window;
  LcMapView *map_view;
  GSList *uris;
  guint port;

  if (!soup_server_listen_local (soup_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      g_test_skip_printf ("no local HTTP server: %s", error->message);
      g_bytes_unref (server.png);
      return;
    }
  soup_server_add_handler (soup_server, "/tiles", serve_tile, &server, NULL);
  uris = soup_server_get_uris (soup_server);
  port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  url = g_strdup_printf ("http://127.0.0.1:%u/tiles/{z}/{x}/{y}.png", port);

  window = new_shown_window ();
  map_view = lc_window_get_map_view (window);

  /* The plan too, drawn without its ground over the tiles */
  path = g_test_build_filename (G_TEST_DIST, "data", "plan-v1.lcplan", NULL);
  {
    g_autofree char *dir = g_dir_make_tmp ("lc-basemap-XXXXXX", NULL);
    g_autofree char *copy = g_build_filename (dir, "底图.lcplan", NULL);
    g_autofree char *data = NULL;
    g_autoptr(GFile) file = g_file_new_for_path (copy);
    gsize len;

    g_assert_true (g_file_get_contents (path, &data, &len, NULL));
    g_assert_true (g_file_set_contents (copy, data, len, NULL));
    lc_window_open_file (window, file);
  }

  g_settings_set_string (settings, "basemap-url", url);
  g_settings_set_string (settings, "basemap", "custom");
  g_assert_true (ui_test_wait_for (online_served, map_view, 10000));
  g_assert_cmpuint (server.n_requests, >=, 4);
  g_assert_null (lc_map_view_get_basemap_status (map_view, NULL));
  g_assert_false (lc_online_source_get_unavailable (lc_map_view_get_online_source (map_view)));

  /* Downloaded tiles are kept under the user cache dir, per source */
  cache_dir = g_strdup (lc_online_source_get_cache_dir (lc_map_view_get_online_source (map_view)));
  g_assert_true (g_str_has_prefix (cache_dir, g_get_user_cache_dir ()));
  g_assert_nonnull (strstr (cache_dir, "/lifecircle/tiles/custom-"));
  /* Every tile of this view downloaded (and so cached) before the server goes */
  wait_for_requests_to_settle (&server);
  g_assert_true (has_tile_file (cache_dir));

  /* Closer than the source goes (19), its deepest tiles are enlarged */
  lc_map_view_set_view (map_view, 31.299, 121.514, 20);
  g_assert_true (ui_test_wait_for (deep_requested, &server, 10000));
  ui_test_iterate (300);
  g_assert_cmpint (server.max_zoom, ==, 19);

  /* With the server gone, the cached tiles still show, quietly */
  soup_server_disconnect (soup_server);
  lc_map_view_set_view (map_view, 31.299, 121.514, 15);
  g_settings_set_string (settings, "basemap", "none");
  ui_test_iterate (20);
  g_settings_set_string (settings, "basemap", "custom");
  g_assert_true (ui_test_wait_for (online_served, map_view, 10000));
  g_assert_false (lc_online_source_get_unavailable (lc_map_view_get_online_source (map_view)));

  if (lc_window_get_plan (window) != NULL)
    lc_plan_close (lc_window_get_plan (window));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (50);
  reset_settings ();
  g_bytes_unref (server.png);
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
  if (g_getenv ("LC_TEST_STATE") == NULL)
    {
      plan_fixture_use_temp_state ();
      g_setenv ("LC_TEST_STATE", g_getenv ("XDG_STATE_HOME"), TRUE);
    }

  app = ui_test_init (&argc, &argv);

  if (app == NULL)
    {
      g_test_add_func ("/ui/basemap/preferences", test_skip);
      return g_test_run ();
    }

  g_test_add_func ("/ui/basemap/preferences", test_preferences);
  g_test_add_func ("/ui/basemap/offline-quiet", test_offline_quiet);
  g_test_add_func ("/ui/basemap/local-server", test_local_server);

  return g_test_run ();
}
