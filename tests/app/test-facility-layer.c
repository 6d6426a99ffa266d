/* test-facility-layer.c: the map overlay of facilities, needs and project locations
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-facility-layer"

#include "config.h"
#include "lc-plan-private.h"

#include <math.h>
#include <string.h>

#include "lc-facility-layer.h"
#include "lc-offline-source.h"
#include "lc-geo.h"
#include "lc-plan-tile-source.h"
#include "lc-render.h"
#include "lc-services.h"
#include "plan-fixture.h"
#include "ui-helpers.h"

/* Where plan_fixture_fill() puts things */
#define HUB_LAT 31.2990
#define HUB_LON 121.5140
#define PAVILION_LAT 31.3011
#define PAVILION_LON 121.5102
#define NEED_LAT 31.2985
#define NEED_LON 121.5130

/* Degrees per pixel at zoom 17 near the fixture, for placing test data */
#define DEG_PER_PX_LON (360.0 / (256 << 17))
#define DEG_PER_PX_LAT (DEG_PER_PX_LON * 0.8545)

static LcApplication *app;

typedef struct
{
  GtkWindow        *window;
  ShumateSimpleMap *map;
  ShumateViewport  *viewport;
  LcFacilityLayer  *layer;
  LcPlan           *plan;
} Fixture;

static guint frames_painted;

static void
count_frame (GdkFrameClock *clock,
             gpointer       data)
{
  frames_painted++;
}

static gboolean
frames_reached (gpointer data)
{
  return frames_painted >= GPOINTER_TO_UINT (data);
}

static gboolean
layer_loaded (gpointer data)
{
  return !lc_facility_layer_get_loading (data);
}

/* Waits for the layer to have read the plan as it is now: it reads in a
 * worker thread after each edit (20,000 facilities take seconds under
 * valgrind) */
static void
wait_loaded (Fixture *fx)
{
  g_assert_true (ui_test_wait_for (layer_loaded, fx->layer, 30000));
}

/*
 * Lets the layer read the plan, then two frames pass, so that whatever the
 * layer queued is drawn, and checks that its last snapshot drew @n_drawn
 * symbols. The window is redrawn to make the frames; the layer itself is
 * drawn again only when it asked to be.
 */
static void
assert_drawn (Fixture *fx,
              guint    n_drawn)
{
  guint target;

  wait_loaded (fx);
  target = frames_painted + 2;

  for (guint i = 0; i < 2; i++)
    {
      gtk_widget_queue_draw (GTK_WIDGET (fx->window));
      g_assert_true (ui_test_wait_for (frames_reached, GUINT_TO_POINTER (target - 1 + i), 5000));
    }
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fx->layer)));
  g_assert_cmpuint (lc_facility_layer_get_n_drawn (fx->layer), ==, n_drawn);
}

static void
centre_on (Fixture *fx,
           double   lat,
           double   lon,
           double   zoom)
{
  shumate_location_set_location (SHUMATE_LOCATION (fx->viewport), lat, lon);
  shumate_viewport_set_zoom_level (fx->viewport, zoom);
}

static void
to_widget (Fixture *fx,
           double   lat,
           double   lon,
           double  *x,
           double  *y)
{
  shumate_viewport_location_to_widget_coords (fx->viewport, GTK_WIDGET (fx->layer), lat, lon, x, y);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcOfflineSource) source = lc_offline_source_new (FALSE);
  g_autoptr(ShumateRasterRenderer) renderer = NULL;

  fx->plan = lc_plan_new (&error);
  g_assert_no_error (error);
  plan_fixture_fill (fx->plan);

  fx->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fx->window, 1200, 800);
  fx->map = shumate_simple_map_new ();
  renderer = shumate_raster_renderer_new_full ("test-offline", "Test", "", "", 8, 20, 256,
                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                               SHUMATE_DATA_SOURCE (source));
  shumate_simple_map_set_map_source (fx->map, SHUMATE_MAP_SOURCE (renderer));
  fx->viewport = shumate_simple_map_get_viewport (fx->map);
  shumate_viewport_set_max_zoom_level (fx->viewport, 20);

  fx->layer = lc_facility_layer_new (fx->viewport);
  shumate_simple_map_add_overlay_layer (fx->map, SHUMATE_LAYER (fx->layer));
  lc_facility_layer_set_plan (fx->layer, fx->plan);
  gtk_window_set_child (fx->window, GTK_WIDGET (fx->map));

  centre_on (fx, HUB_LAT, HUB_LON, 17);
  gtk_window_present (fx->window);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (fx->window)), "after-paint",
                    G_CALLBACK (count_frame), NULL);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  gtk_window_destroy (fx->window);
  ui_test_iterate (20);
  lc_plan_close (fx->plan);
  g_clear_object (&fx->plan);
}

/* Adds a facility in one edit of its own */
static void
add_facility (LcPlan     *plan,
              gint64      fid,
              double      lat,
              double      lon,
              const char *name,
              const char *kind,
              const char *status,
              const char *services)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcGeometry) point = lc_geometry_new_point (lon, lat);
  g_autoptr(GBytes) blob = lc_geometry_to_gpkg (point, LC_SRS_WGS84);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_auto(GStrv) keys = g_strsplit (services != NULL ? services : "", ",", -1);
  gsize len;
  const guint8 *data = g_bytes_get_data (blob, &len);
  char *quoted = sqlite3_mprintf ("%Q", name);

  g_string_append_printf (sql, "INSERT INTO facilities (fid, geom, name, kind, status) VALUES (%" G_GINT64_FORMAT ", X'",
                          fid);
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (sql, "%02X", data[i]);
  g_string_append_printf (sql, "', %s, '%s', '%s');", quoted, kind, status);
  sqlite3_free (quoted);
  for (guint i = 0; keys[i] != NULL; i++)
    if (keys[i][0] != '\0')
      g_string_append_printf (sql, "INSERT INTO facility_services (facility_fid, service) VALUES (%" G_GINT64_FORMAT ", '%s');",
                              fid, keys[i]);

  g_assert_true (lc_plan_execute (plan, "Add Facility", sql->str, &error));
  g_assert_no_error (error);
}

static void
test_draw (Fixture       *fx,
           gconstpointer  data)
{
  /* 人民坊, 六艺亭, the need and the project location */
  assert_drawn (fx, 4);
  g_assert_cmpuint (lc_facility_layer_get_n_features (fx->layer), ==, 4);
  g_assert_true (lc_facility_layer_get_plan (fx->layer) == fx->plan);
  g_assert_false (gtk_widget_get_can_target (GTK_WIDGET (fx->layer)));

  /* Both facilities have names, and zoom 17 shows them */
  g_assert_cmpuint (lc_facility_layer_get_n_labels (fx->layer), ==, 2);
  shumate_viewport_set_zoom_level (fx->viewport, 16);
  assert_drawn (fx, 4);
  g_assert_cmpuint (lc_facility_layer_get_n_labels (fx->layer), ==, 0);

  /* Needs and projects can be hidden */
  lc_facility_layer_set_show_needs (fx->layer, FALSE);
  assert_drawn (fx, 3);
  lc_facility_layer_set_show_projects (fx->layer, FALSE);
  assert_drawn (fx, 2);
  g_assert_false (lc_facility_layer_get_show_needs (fx->layer));
  g_assert_false (lc_facility_layer_get_show_projects (fx->layer));
  g_object_set (fx->layer, "show-needs", TRUE, "show-projects", TRUE, NULL);
  assert_drawn (fx, 4);

  /* No plan, nothing */
  lc_facility_layer_set_plan (fx->layer, NULL);
  assert_drawn (fx, 0);
  g_assert_cmpuint (lc_facility_layer_get_n_features (fx->layer), ==, 0);
  g_assert_cmpint (lc_facility_layer_pick (fx->layer, 600, 400, NULL), ==, -1);
  lc_facility_layer_set_plan (fx->layer, fx->plan);
  assert_drawn (fx, 4);
}

static void
test_pick (Fixture       *fx,
           gconstpointer  data)
{
  const char *table = NULL;
  double x, y;

  assert_drawn (fx, 4);

  /* The 人民坊, right on it and a little beside it */
  to_widget (fx, HUB_LAT, HUB_LON, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 600, 1);
  g_assert_cmpint (lc_facility_layer_pick (fx->layer, x, y, &table), ==, 1);
  g_assert_cmpstr (table, ==, LC_FACILITY_LAYER_TABLE_FACILITIES);
  g_assert_cmpint (lc_facility_layer_pick (fx->layer, x + 14, y - 6, &table), ==, 1);

  /* The 六艺亭 in the middle of its project's ring, and the ring itself */
  to_widget (fx, PAVILION_LAT, PAVILION_LON, &x, &y);
  g_assert_cmpint (lc_facility_layer_pick (fx->layer, x, y, &table), ==, 2);
  g_assert_cmpstr (table, ==, LC_FACILITY_LAYER_TABLE_FACILITIES);
  g_assert_cmpint (lc_facility_layer_pick (fx->layer, x + 13, y, &table), ==, 1);
  g_assert_cmpstr (table, ==, LC_FACILITY_LAYER_TABLE_PROJECT_LOCATIONS);

  /* The need */
  to_widget (fx, NEED_LAT, NEED_LON, &x, &y);
  g_assert_cmpint (lc_facility_layer_pick (fx->layer, x, y, &table), ==, 1);
  g_assert_cmpstr (table, ==, LC_FACILITY_LAYER_TABLE_NEEDS);

  /* Nothing, with or without a table pointer */
  g_assert_cmpint (lc_facility_layer_pick (fx->layer, 50, 50, &table), ==, -1);
  g_assert_null (table);
  g_assert_cmpint (lc_facility_layer_pick (fx->layer, 50, 50, NULL), ==, -1);

  /* A hidden need is not picked */
  lc_facility_layer_set_show_needs (fx->layer, FALSE);
  to_widget (fx, NEED_LAT, NEED_LON, &x, &y);
  g_assert_cmpint (lc_facility_layer_pick (fx->layer, x, y, &table), ==, -1);
  lc_facility_layer_set_show_needs (fx->layer, TRUE);

  /* The layer places points as libshumate does, turned map included */
  shumate_viewport_set_rotation (fx->viewport, 0.6);
  assert_drawn (fx, 4);
  to_widget (fx, PAVILION_LAT, PAVILION_LON, &x, &y);
  g_assert_cmpint (lc_facility_layer_pick (fx->layer, x, y, &table), ==, 2);
  to_widget (fx, NEED_LAT, NEED_LON, &x, &y);
  g_assert_cmpint (lc_facility_layer_pick (fx->layer, x, y, &table), ==, 1);
  g_assert_cmpstr (table, ==, LC_FACILITY_LAYER_TABLE_NEEDS);
  shumate_viewport_set_rotation (fx->viewport, 0);
}

static void
test_filter (Fixture       *fx,
             gconstpointer  data)
{
  double x, y;

  assert_drawn (fx, 4);
  to_widget (fx, HUB_LAT, HUB_LON, &x, &y);

  /* The 人民坊 offers party services, the 六艺亭 public space; the need and
   * the project location stay */
  lc_facility_layer_set_service_filter (fx->layer, "party_service");
  g_assert_cmpstr (lc_facility_layer_get_service_filter (fx->layer), ==, "party_service");
  assert_drawn (fx, 3);
  g_assert_cmpint (lc_facility_layer_pick (fx->layer, x, y, NULL), ==, 1);

  lc_facility_layer_set_service_filter (fx->layer, "public_space");
  assert_drawn (fx, 3);
  g_assert_cmpint (lc_facility_layer_pick (fx->layer, x, y, NULL), ==, -1);

  lc_facility_layer_set_service_filter (fx->layer, "sports");
  assert_drawn (fx, 2);

  g_object_set (fx->layer, "service-filter", "no-such-service", NULL);
  assert_drawn (fx, 2);

  lc_facility_layer_set_service_filter (fx->layer, NULL);
  g_assert_null (lc_facility_layer_get_service_filter (fx->layer));
  assert_drawn (fx, 4);
}

static void
test_changed (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  double lat = HUB_LAT - 120 * DEG_PER_PX_LAT, lon = HUB_LON + 150 * DEG_PER_PX_LON;
  const char *table = NULL;
  double x, y;

  assert_drawn (fx, 4);

  add_facility (fx->plan, 10, lat, lon, "国权路卫生站", "other", "under_construction", "health");
  assert_drawn (fx, 5);
  to_widget (fx, lat, lon, &x, &y);
  g_assert_cmpint (lc_facility_layer_pick (fx->layer, x, y, &table), ==, 10);
  g_assert_cmpstr (table, ==, LC_FACILITY_LAYER_TABLE_FACILITIES);
  g_assert_cmpuint (lc_facility_layer_get_n_labels (fx->layer), ==, 3);

  /* Its services come with it, from facility_services */
  lc_facility_layer_set_service_filter (fx->layer, "health");
  assert_drawn (fx, 3);
  lc_facility_layer_set_service_filter (fx->layer, NULL);
  assert_drawn (fx, 5);

  /* A removed facility is kept in the plan but not drawn */
  add_facility (fx->plan, 11, lat, lon - 100 * DEG_PER_PX_LON, "旧垃圾站", "other", "removed", NULL);
  assert_drawn (fx, 5);

  /* Undo and other edits emit "changed" too */
  g_assert_true (lc_plan_undo (fx->plan, &error));
  g_assert_true (lc_plan_undo (fx->plan, &error));
  g_assert_no_error (error);
  assert_drawn (fx, 4);
  g_assert_cmpint (lc_facility_layer_pick (fx->layer, x, y, NULL), ==, -1);

  g_assert_true (lc_plan_execute (fx->plan, "Delete Need", "DELETE FROM needs", &error));
  g_assert_no_error (error);
  assert_drawn (fx, 3);

  /* A project site drawn as an area is shown at its middle */
  g_assert_true (lc_plan_begin (fx->plan, "Add Site", &error));
  {
    g_autoptr(LcGeometry) site = plan_fixture_square (lon, lat, 0.0003, FALSE);

    plan_fixture_insert_geometry (lc_plan_get_database (fx->plan),
                                  "INSERT INTO project_locations (fid, geom, project_id, label) VALUES (2, ?, 2, '口袋公园')",
                                  site);
  }
  g_assert_true (lc_plan_commit (fx->plan, &error));
  g_assert_no_error (error);
  assert_drawn (fx, 4);
  g_assert_cmpint (lc_facility_layer_pick (fx->layer, x, y, &table), ==, 2);
  g_assert_cmpstr (table, ==, LC_FACILITY_LAYER_TABLE_PROJECT_LOCATIONS);

  /* Edits elsewhere leave the layer alone */
  g_assert_true (lc_plan_execute (fx->plan, "Rename", "UPDATE unit_profile SET unit_name = '新名'", &error));
  g_assert_no_error (error);
  assert_drawn (fx, 4);
}

static void
count_loads (LcFacilityLayer *layer,
             GParamSpec      *pspec,
             guint           *n_loads)
{
  if (!lc_facility_layer_get_loading (layer))
    (*n_loads)++;
}

static void
test_loading (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) other = NULL;
  guint n_loads = 0;

  /* Read in a worker thread: nothing is shown until it is in */
  g_assert_true (lc_facility_layer_get_loading (fx->layer));
  g_assert_cmpuint (lc_facility_layer_get_n_features (fx->layer), ==, 0);
  g_signal_connect (fx->layer, "notify::loading", G_CALLBACK (count_loads), &n_loads);
  wait_loaded (fx);
  g_assert_cmpuint (n_loads, ==, 1);
  g_assert_cmpuint (lc_facility_layer_get_n_features (fx->layer), ==, 4);

  /* A burst of edits: what was read stays shown, then one read for all */
  for (guint i = 0; i < 5; i++)
    add_facility (fx->plan, 20 + i, HUB_LAT + (i + 1) * 20 * DEG_PER_PX_LAT, HUB_LON + 100 * DEG_PER_PX_LON,
                  "睦邻点", "other", "existing", NULL);
  g_assert_true (lc_facility_layer_get_loading (fx->layer));
  g_assert_cmpuint (lc_facility_layer_get_n_features (fx->layer), ==, 4);
  wait_loaded (fx);
  g_assert_cmpuint (n_loads, ==, 2);
  g_assert_cmpuint (lc_facility_layer_get_n_features (fx->layer), ==, 9);
  assert_drawn (fx, 9);

  /* Another plan while one is being read: the read is dropped */
  add_facility (fx->plan, 30, HUB_LAT, HUB_LON + 200 * DEG_PER_PX_LON, "新点", "other", "existing", NULL);
  other = lc_plan_new (&error);
  g_assert_no_error (error);
  lc_facility_layer_set_plan (fx->layer, other);
  g_assert_cmpuint (lc_facility_layer_get_n_features (fx->layer), ==, 0);
  wait_loaded (fx);
  assert_drawn (fx, 0);
  g_assert_cmpuint (lc_facility_layer_get_n_features (fx->layer), ==, 0);

  /* No plan: nothing to read */
  lc_facility_layer_set_plan (fx->layer, NULL);
  g_assert_false (lc_facility_layer_get_loading (fx->layer));
  lc_plan_close (other);
  g_signal_handlers_disconnect_by_func (fx->layer, count_loads, &n_loads);
}

static void
test_culling (Fixture       *fx,
              gconstpointer  data)
{
  assert_drawn (fx, 4);

  /* Far away: the layer redraws when the map moves, and draws nothing */
  centre_on (fx, 0, 0, 17);
  assert_drawn (fx, 0);
  g_assert_cmpint (lc_facility_layer_pick (fx->layer, 600, 400, NULL), ==, -1);

  /* Half a screen east of the 人民坊: the 六艺亭 and its ring fall off the
   * left edge, the 人民坊 and the need stay */
  centre_on (fx, HUB_LAT, HUB_LON + 500 * DEG_PER_PX_LON, 17);
  assert_drawn (fx, 2);

  /* Back, and zoomed out to the whole district */
  centre_on (fx, HUB_LAT, HUB_LON, 12);
  assert_drawn (fx, 4);
  g_assert_cmpuint (lc_facility_layer_get_n_labels (fx->layer), ==, 0);
}

/* ---- a picture to look at ---- */

typedef struct {
  GdkPaintable  *paintable;
  int            width;
  int            height;
  GskRenderNode *node;
} PaintableWait;

/* Whether the paintable gives a node now (it gives nothing while the widget
 * waits to be drawn) */
static gboolean
paintable_gives_node (gpointer data)
{
  PaintableWait *wait = data;
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (wait->paintable, snapshot, wait->width, wait->height);
  g_clear_pointer (&wait->node, gsk_render_node_unref);
  wait->node = gtk_snapshot_free_to_node (snapshot);
  return wait->node != NULL;
}

static GdkTexture *
render_map (Fixture *fx)
{
  GtkWidget *widget = GTK_WIDGET (fx->map);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;

  /* The paintable gives nothing while the widget waits to be drawn */
  {
    PaintableWait wait = { paintable, width, height, NULL };

    ui_test_wait_for (paintable_gives_node, &wait, 2000);
    node = wait.node;
  }
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (fx->window)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static void
assert_colour_near (GdkTexture *texture,
                    guchar     *pixels,
                    double      x,
                    double      y,
                    guint32     rgb)
{
  int width = gdk_texture_get_width (texture);
  const guchar *p = pixels + ((int) y * width + (int) x) * 4;

  /* GDK downloads premultiplied BGRA in native order; the symbols are opaque here */
  g_test_message ("pixel at %.0f,%.0f: %02x%02x%02x, expected %06x", x, y, p[2], p[1], p[0], rgb);
  g_assert_cmpint (abs (p[2] - (int) ((rgb >> 16) & 0xff)), <=, 24);
  g_assert_cmpint (abs (p[1] - (int) ((rgb >> 8) & 0xff)), <=, 24);
  g_assert_cmpint (abs (p[0] - (int) (rgb & 0xff)), <=, 24);
}

static void
test_render (Fixture       *fx,
             gconstpointer  data)
{
  static const char * const kinds[] = { "renminfang", "liuyiting", "other" };
  static const char * const statuses[] = { "existing", "planned", "under_construction" };
  static const char * const services[] = { "health", "elderly", "sports" };
  static const char * const names[] = { "人民坊", "六艺亭", "卫生站" };
  static const char * const streets[] = { "国和路", "政立路", "淞沪路" };
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  const char *path = g_getenv ("LC_TEST_SCREENSHOT");
  gint64 fid = 100;
  double x, y;
  int width;

  assert_drawn (fx, 4);

  /* Every kind in every status, in three colours, right of the 人民坊 */
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
      for (guint c = 0; c < G_N_ELEMENTS (services); c++)
        {
          g_autofree char *name = g_strdup_printf ("%s%s", streets[c], names[k]);
          double px = 170 + 150 * (int) c, py = -330 + 38 * (int) (3 * k + s);

          add_facility (fx->plan, fid++, HUB_LAT - py * DEG_PER_PX_LAT, HUB_LON + px * DEG_PER_PX_LON,
                        name, kinds[k], statuses[s], services[c]);
        }

  /* A crowd, whose names cannot all fit, and one with no service (grey) */
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("睦邻点 %u", i + 1);

      add_facility (fx->plan, fid++, HUB_LAT - (120 + 9 * (i % 3)) * DEG_PER_PX_LAT,
                    HUB_LON + (250 + 12 * i) * DEG_PER_PX_LON, name, "other", "existing",
                    i == 0 ? NULL : services[i % 3]);
    }
  g_test_message ("map %d×%d", gtk_widget_get_width (GTK_WIDGET (fx->map)), gtk_widget_get_height (GTK_WIDGET (fx->map)));
  assert_drawn (fx, 4 + 27 + 8);

  texture = render_map (fx);
  g_assert_nonnull (texture);
  if (path != NULL)
    {
      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("saved %s", path);
    }

  width = gdk_texture_get_width (texture);
  pixels = g_malloc ((gsize) width * gdk_texture_get_height (texture) * 4);
  gdk_texture_download (texture, pixels, width * 4);

  /* The planned 人民坊: red mark (party services) in its middle, white inside */
  to_widget (fx, HUB_LAT, HUB_LON, &x, &y);
  assert_colour_near (texture, pixels, x, y, 0xd62f2f);
  assert_colour_near (texture, pixels, x + 5, y - 5, 0xffffff);
  /* The existing 六艺亭: public-space green, over its project's ring */
  to_widget (fx, PAVILION_LAT, PAVILION_LON, &x, &y);
  assert_colour_near (texture, pixels, x, y, 0x7cb518);
  assert_colour_near (texture, pixels, x + 13, y, 0x9141ac);
  /* The need: red */
  to_widget (fx, NEED_LAT, NEED_LON, &x, &y);
  assert_colour_near (texture, pixels, x, y + 1, 0xe01b24);
  /* An existing clinic in health blue, a half-built one blue on the left
   * and white on the right */
  to_widget (fx, HUB_LAT + 330 * DEG_PER_PX_LAT - 6 * 38 * DEG_PER_PX_LAT, HUB_LON + 170 * DEG_PER_PX_LON, &x, &y);
  assert_colour_near (texture, pixels, x, y, 0x1c6fd6);
  to_widget (fx, HUB_LAT + 330 * DEG_PER_PX_LAT - 8 * 38 * DEG_PER_PX_LAT, HUB_LON + 170 * DEG_PER_PX_LON, &x, &y);
  assert_colour_near (texture, pixels, x - 3, y, 0x1c6fd6);
  assert_colour_near (texture, pixels, x + 3, y, 0xffffff);

  /* Names were placed without overlapping: some of the crowd's are left out */
  g_assert_cmpuint (lc_facility_layer_get_n_labels (fx->layer), >, 20);
  g_assert_cmpuint (lc_facility_layer_get_n_labels (fx->layer), <, 2 + 27 + 8);
}

/* ---- many facilities ---- */

static gint64 paint_start;
static GArray *paint_times;

static void
before_paint (GdkFrameClock *clock,
              gpointer       data)
{
  paint_start = g_get_monotonic_time ();
}

static void
after_paint (GdkFrameClock *clock,
             gpointer       data)
{
  double ms;

  if (paint_start == 0)
    return;
  ms = (g_get_monotonic_time () - paint_start) / 1000.0;
  g_array_append_val (paint_times, ms);
  paint_start = 0;
}

static gboolean
frames_timed (gpointer data)
{
  return paint_times->len >= GPOINTER_TO_UINT (data);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return values->len > 0 ? g_array_index (values, double, values->len / 2) : 0;
}

static void
measure (Fixture    *fx,
         const char *what,
         double      lat,
         double      zoom)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (fx->layer);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (fx->window));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (fx->window));
  g_autoptr(GArray) snapshot_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) render_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *report = NULL;
  gulong before, after;

  centre_on (fx, lat, HUB_LON, zoom);
  g_assert_true (ui_test_wait_for (layer_loaded, fx->layer, 5000));
  g_assert_true (ui_test_wait_frame (GTK_WIDGET (fx->layer)));

  /* The layer's own work, and the renderer's for what it made */
  for (guint i = 0; i < 8; i++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      gint64 t0 = g_get_monotonic_time (), t1, t2;
      double ms;

      klass->snapshot (GTK_WIDGET (fx->layer), snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      t1 = g_get_monotonic_time ();
      if (node != NULL)
        texture = gsk_renderer_render_texture (renderer, node,
                                               &GRAPHENE_RECT_INIT (0, 0,
                                                                    gtk_widget_get_width (GTK_WIDGET (fx->layer)),
                                                                    gtk_widget_get_height (GTK_WIDGET (fx->layer))));
      t2 = g_get_monotonic_time ();
      if (i == 0)  /* the first run draws the symbols */
        continue;
      ms = (t1 - t0) / 1000.0;
      g_array_append_val (snapshot_times, ms);
      ms = (t2 - t1) / 1000.0;
      g_array_append_val (render_times, ms);
    }

  /* Whole frames of the window while the map pans */
  paint_times = g_array_new (FALSE, FALSE, sizeof (double));
  paint_start = 0;
  before = g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint), NULL);
  after = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), NULL);
  for (guint i = 0; i < 20; i++)
    {
      double lon = HUB_LON + (i % 2 ? 1 : -1) * 20 * 360.0 / (256 * exp2 (zoom));

      shumate_location_set_location (SHUMATE_LOCATION (fx->viewport), lat, lon);
      g_assert_true (ui_test_wait_for (frames_timed, GUINT_TO_POINTER (i + 1), 5000));
    }
  g_signal_handler_disconnect (clock, before);
  g_signal_handler_disconnect (clock, after);

  report = g_strdup_printf ("%s, zoom %.0f: %u symbols, %u names; median snapshot %.2f ms, rendering it %.2f ms, "
                            "whole frame while panning %.2f ms",
                            what, zoom, lc_facility_layer_get_n_drawn (fx->layer),
                            lc_facility_layer_get_n_labels (fx->layer),
                            median (snapshot_times), median (render_times), median (paint_times));
  g_clear_pointer (&paint_times, g_array_unref);
  g_test_message ("%s", report);

  if (g_getenv ("LC_TEST_SCREENSHOT") != NULL)
    {
      g_autofree char *base = g_strdup (g_getenv ("LC_TEST_SCREENSHOT"));
      g_autofree char *path = NULL;
      g_autoptr(GdkTexture) texture = NULL;

      if (g_str_has_suffix (base, ".png"))
        base[strlen (base) - 4] = '\0';
      path = g_strdup_printf ("%s-many-z%.0f%s.png", base, zoom, lat == HUB_LAT ? "" : "-empty");
      centre_on (fx, lat, HUB_LON, zoom);
      g_assert_true (ui_test_wait_for (layer_loaded, fx->layer, 5000));
      g_assert_true (ui_test_wait_frame (GTK_WIDGET (fx->layer)));
      texture = render_map (fx);
      g_assert_true (gdk_texture_save_to_png (texture, path));
    }
  if (g_getenv ("LC_TEST_TIMING") != NULL)
    g_printerr ("%s\n", report);
}

static void
test_many (Fixture       *fx,
           gconstpointer  data)
{
  static const char * const kinds[] = { "renminfang", "liuyiting", "other" };
  static const char * const statuses[] = { "existing", "planned", "under_construction", "removed" };
  g_autoptr(GError) error = NULL;
  sqlite3 *db = lc_plan_get_database (fx->plan);
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  guint n_services;
  const LcService *all = lc_services_get_all (&n_services);
  guint n = 20000, n_kept = 0;
  gint64 start;

  assert_drawn (fx, 4);

  /* 20,000 facilities over the unit, about 3 km², in one edit */
  start = g_get_monotonic_time ();
  g_assert_true (lc_plan_begin (fx->plan, "Add Many", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LcGeometry) point = lc_geometry_new_point (HUB_LON + g_rand_double_range (rand, -0.009, 0.009),
                                                           HUB_LAT + g_rand_double_range (rand, -0.008, 0.008));
      g_autofree char *sql = NULL;
      guint k = i % 1000 == 0 ? 0 : i % 50 == 0 ? 1 : 2;
      /* One in twenty removed */
      guint s = g_rand_int_range (rand, 0, 20) == 0 ? 3 : (guint) g_rand_int_range (rand, 0, 3);

      n_kept += s != 3;
      sql = g_strdup_printf ("INSERT INTO facilities (fid, geom, name, kind, status) VALUES (%u, ?, '设施 %u', '%s', '%s')",
                             1000 + i, i, kinds[k], statuses[s]);
      plan_fixture_insert_geometry (db, sql, point);
      for (int j = g_rand_int_range (rand, 0, 3); j > 0; j--)
        {
          g_autofree char *services = g_strdup_printf ("INSERT OR IGNORE INTO facility_services (facility_fid, service)"
                                                       " VALUES (%u, '%s')",
                                                       1000 + i, all[g_rand_int_range (rand, 0, n_services)].key);
          plan_fixture_exec (db, services);
        }
    }
  g_assert_true (lc_plan_commit (fx->plan, &error));
  g_assert_no_error (error);
  wait_loaded (fx);
  g_test_message ("inserted and loaded %u facilities in %.0f ms", n, (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (lc_facility_layer_get_n_features (fx->layer), ==, 4 + n_kept);

  /* Nothing in view: what the map costs without us */
  measure (fx, "nothing in view", HUB_LAT + 1, 14);
  g_assert_cmpuint (lc_facility_layer_get_n_drawn (fx->layer), ==, 0);

  /* The whole unit: everything (but the removed) in view, crowds thinned */
  measure (fx, "whole unit", HUB_LAT, 14);
  g_assert_cmpuint (lc_facility_layer_get_n_drawn (fx->layer), >, 1000);
  g_assert_cmpuint (lc_facility_layer_get_n_drawn (fx->layer), <=, lc_facility_layer_get_n_features (fx->layer));

  /* A street: only what is near */
  measure (fx, "street", HUB_LAT, 18);
  g_assert_cmpuint (lc_facility_layer_get_n_drawn (fx->layer), >, 0);
  g_assert_cmpuint (lc_facility_layer_get_n_drawn (fx->layer), <, n / 5);
  g_assert_cmpuint (lc_facility_layer_get_n_labels (fx->layer), >, 0);

  measure (fx, "neighbourhood", HUB_LAT, 16);
}

static void
test_skip (void)
{
  g_test_skip ("no display: run under xvfb-run");
}

/* Page Down and Page Up: every symbol in view in reading order, around */
static void
test_step (Fixture       *fx,
           gconstpointer  data)
{
  const char *table = NULL;
  const char *seen_tables[5];
  gint64 seen[5];
  gint64 id;

  assert_drawn (fx, 4);

  /* From nothing: the northernmost first, the southernmost (the need) last */
  id = lc_facility_layer_step (fx->layer, NULL, -1, TRUE, &table);
  seen[0] = id;
  seen_tables[0] = table;
  for (guint i = 1; i < 5; i++)
    {
      seen[i] = lc_facility_layer_step (fx->layer, seen_tables[i - 1], seen[i - 1], TRUE, &seen_tables[i]);
      g_assert_cmpint (seen[i], >, 0);
    }
  /* Four symbols, then the first again */
  g_assert_cmpint (seen[4], ==, seen[0]);
  g_assert_cmpstr (seen_tables[4], ==, seen_tables[0]);
  g_assert_cmpstr (seen_tables[3], ==, LC_FACILITY_LAYER_TABLE_NEEDS);
  g_assert_cmpstr (seen_tables[2], ==, LC_FACILITY_LAYER_TABLE_FACILITIES);
  g_assert_cmpint (seen[2], ==, 1);   /* the 人民坊, south of the pavilion */

  id = lc_facility_layer_step (fx->layer, NULL, -1, FALSE, &table);
  g_assert_cmpstr (table, ==, LC_FACILITY_LAYER_TABLE_NEEDS);
  id = lc_facility_layer_step (fx->layer, table, id, FALSE, &table);
  g_assert_cmpint (id, ==, 1);
  g_assert_cmpstr (table, ==, LC_FACILITY_LAYER_TABLE_FACILITIES);

  /* Hidden needs are stepped over */
  lc_facility_layer_set_show_needs (fx->layer, FALSE);
  id = lc_facility_layer_step (fx->layer, NULL, -1, FALSE, &table);
  g_assert_cmpstr (table, !=, LC_FACILITY_LAYER_TABLE_NEEDS);
  lc_facility_layer_set_show_needs (fx->layer, TRUE);

  /* Nothing in view: nothing */
  shumate_location_set_location (SHUMATE_LOCATION (fx->viewport), 0, 0);
  g_assert_cmpint (lc_facility_layer_step (fx->layer, NULL, -1, TRUE, &table), ==, -1);
  g_assert_null (table);
}

/* What a click on the basemap picks: paths before buildings before the boundary */
static void
test_basemap_pick (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LcRenderData) render = lc_render_data_new_from_plan (fixture->plan, NULL);
  /* 10 m at Shanghai's latitude, in world units */
  double tolerance = 10.0 / (40075016.686 * cos (31.3 * G_PI / 180));
  const struct { double lon, lat; const char *table; gint64 fid; } cases[] = {
    { 121.5120, 31.2990, "walking_paths", 1 },       /* on the path */
    { 121.5120, 31.29905, "walking_paths", 1 },      /* 5.5 m beside it */
    { 121.5121, 31.2978, "buildings", 1 },           /* inside the building */
    { 121.51235, 31.2978, NULL, -1 },                /* 5 m outside it */
    { 121.5220, 31.2950, "unit_boundary", 1 },       /* on the boundary's east side */
    { 121.5180, 31.2950, NULL, -1 },                 /* inside the unit, nothing there */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *table = "unset";
      gint64 fid = lc_render_data_pick (render, lc_geo_world_x (cases[i].lon), lc_geo_world_y (cases[i].lat),
                                        tolerance, &table);

      g_test_message ("%f %f: %s %" G_GINT64_FORMAT, cases[i].lon, cases[i].lat, table, fid);
      g_assert_cmpstr (table, ==, cases[i].table);
      g_assert_cmpint (fid, ==, cases[i].fid);
    }
}

/* ---- the basemap's tiles after an edit ---- */

static void
tile_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GBytes **out = user_data;

  *out = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (source), result, NULL);
}

/* The n × n tiles from (x0, y0) at zoom z, as the map would ask for them */
static GPtrArray *
get_tiles (LcPlanTileSource *source,
           int               x0,
           int               y0,
           int               n,
           int               z)
{
  GPtrArray *tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree GBytes **got = g_new0 (GBytes *, n * n);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  for (int i = 0; i < n * n; i++)
    shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (source), x0 + i % n, y0 + i / n, z, NULL,
                                             tile_done, &got[i]);
  for (int i = 0; i < n * n; i++)
    {
      while (got[i] == NULL && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_nonnull (got[i]);
      g_ptr_array_add (tiles, got[i]);
    }
  return tiles;
}

static void
test_tiles_after_edit (Fixture       *fixture,
                       gconstpointer  data)
{
  const int z = 17, n = 6;
  double scale = ldexp (1.0, z);
  /* The fixture's one building, a 0.0002° square at 121.5121 E 31.2978 N */
  int bx = (int) (lc_geo_world_x (121.5121) * scale), by = (int) (lc_geo_world_y (31.2978) * scale);
  g_autoptr(LcRenderData) before = lc_render_data_new_from_plan (fixture->plan, NULL);
  g_autoptr(LcRenderData) after = NULL;
  g_autoptr(LcPlanTileSource) first = lc_plan_tile_source_new_after_edit (NULL, before, FALSE, TRUE);
  g_autoptr(LcPlanTileSource) second = NULL;
  g_autoptr(LcPlanTileSource) dark = NULL;
  g_autoptr(GPtrArray) old_tiles = get_tiles (first, bx - 3, by - 3, n, z);
  g_autoptr(GPtrArray) new_tiles = NULL;
  g_autoptr(GPtrArray) dark_tiles = NULL;
  guint redrawn;
  int home = 3 * n + 3;   /* the building's tile in the n × n */

  g_assert_cmpuint (lc_plan_tile_source_get_n_rendered (first), ==, n * n);

  /* The building goes: only the tiles around it are drawn again */
  plan_fixture_exec (lc_plan_get_database (fixture->plan), "DELETE FROM buildings");
  after = lc_render_data_new_from_plan (fixture->plan, NULL);
  second = lc_plan_tile_source_new_after_edit (first, after, FALSE, TRUE);
  new_tiles = get_tiles (second, bx - 3, by - 3, n, z);
  redrawn = lc_plan_tile_source_get_n_rendered (second);
  g_test_message ("%u of %d tiles drawn again", redrawn, n * n);
  g_assert_cmpuint (redrawn, >=, 1);
  g_assert_cmpuint (redrawn, <=, 4);
  g_assert_false (g_bytes_equal (old_tiles->pdata[home], new_tiles->pdata[home]));
  g_assert_true (new_tiles->pdata[0] == old_tiles->pdata[0]);   /* kept, not drawn */

  /* The other style draws everything */
  dark = lc_plan_tile_source_new_after_edit (second, after, TRUE, TRUE);
  dark_tiles = get_tiles (dark, bx - 3, by - 3, n, z);
  g_assert_cmpuint (lc_plan_tile_source_get_n_rendered (dark), ==, n * n);
}

int
main (int    argc,
      char **argv)
{
  plan_fixture_use_temp_state ();
  app = ui_test_init (&argc, &argv);

  if (app == NULL)
    {
      g_test_add_func ("/ui/facility-layer/draw", test_skip);
      return g_test_run ();
    }

#define ADD(path, func) \
  g_test_add ("/ui/facility-layer/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("draw", test_draw);
  ADD ("pick", test_pick);
  ADD ("filter", test_filter);
  ADD ("changed", test_changed);
  ADD ("loading", test_loading);
  ADD ("culling", test_culling);
  ADD ("render", test_render);
  ADD ("many", test_many);
  ADD ("tiles-after-edit", test_tiles_after_edit);
  ADD ("basemap-pick", test_basemap_pick);
  ADD ("step", test_step);

#undef ADD

  return g_test_run ();
}
