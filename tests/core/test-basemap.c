/* test-basemap.c: online basemap templates, keys, and the plan drawn without its ground
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-basemap"

#include "config.h"

#include <string.h>

#include "lc-basemap.h"
#include "lc-geo.h"
#include "lc-plan.h"
#include "lc-render.h"

static void
assert_url_error (const char *url_template,
                  const char *fragment)
{
  g_autoptr(GError) error = NULL;

  g_test_message ("template %s", url_template);
  g_assert_false (lc_basemap_check_url (url_template, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_check_url (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_basemap_check_url ("https://tiles.example.org/{z}/{x}/{y}.png", &error));
  g_assert_no_error (error);
  g_assert_true (lc_basemap_check_url ("http://{s}.tile.example.org/{z}/{x}/{y}.png?key=abc", NULL));
  g_assert_true (lc_basemap_check_url ("HTTP://127.0.0.1:8080/t/{z}/{y}/{x}", NULL));

  assert_url_error ("", "https://");
  assert_url_error ("   ", "https://");
  assert_url_error (NULL, "https://");
  assert_url_error ("ftp://example.org/{z}/{x}/{y}.png", "http://");
  assert_url_error ("file:///tmp/{z}/{x}/{y}.png", "http://");
  assert_url_error ("tiles.example.org/{z}/{x}/{y}.png", "http://");
  assert_url_error ("https://tiles.example.org/{z}/{x}.png", "{y}");
  assert_url_error ("https://tiles.example.org/{z}/{x}/{-y}.png", "{y}");
  assert_url_error ("https://tiles.example.org/{z}/{x}/{y}{r}.png", "{s}");
  assert_url_error ("https://tiles.example.org/{z}/{x}/{y}/{quadkey}.png", "{s}");
  assert_url_error ("https:///{z}/{x}/{y}.png", "valid");
  assert_url_error ("https://tiles example.org/{z}/{x}/{y}.png", "valid");
}

static void
test_check_key (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lc_basemap_check_tianditu_key ("0123456789abcdef0123456789ABCDEF", &error));
  g_assert_no_error (error);

  g_assert_false (lc_basemap_check_tianditu_key ("", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (lc_basemap_check_tianditu_key (NULL, NULL));
  g_assert_false (lc_basemap_check_tianditu_key ("0123456789abcdef0123456789abcdeg", &error));
  g_assert_nonnull (strstr (error->message, "a–f"));
  g_clear_error (&error);
  g_assert_false (lc_basemap_check_tianditu_key ("0123456789abcdef", &error));
  g_assert_nonnull (strstr (error->message, "32"));
}

static void
test_templates (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) osm = lc_basemap_get_url_templates (LC_BASEMAP_OSM, NULL, NULL, &error);
  g_auto(GStrv) tdt = NULL;
  g_auto(GStrv) custom = NULL;
  g_autofree char *url = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (osm), ==, 1);
  url = lc_basemap_expand_url (osm[0], lc_basemap_get_subdomains (LC_BASEMAP_OSM), 27440, 13389, 15);
  g_assert_cmpstr (url, ==, "https://tile.openstreetmap.org/15/27440/13389.png");
  g_clear_pointer (&url, g_free);

  /* 天地图: vector map under its Chinese labels, Web Mercator, servers t0–t7 */
  g_assert_null (lc_basemap_get_url_templates (LC_BASEMAP_TIANDITU, "", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  tdt = lc_basemap_get_url_templates (LC_BASEMAP_TIANDITU, "0123456789abcdef0123456789abcdef", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (tdt), ==, 2);
  url = lc_basemap_expand_url (tdt[0], lc_basemap_get_subdomains (LC_BASEMAP_TIANDITU), 27440, 13389, 15);
  g_assert_cmpstr (url, ==,
                   "https://t5.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
                   "&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
                   "&TILEMATRIX=15&TILEROW=13389&TILECOL=27440&tk=0123456789abcdef0123456789abcdef");
  g_clear_pointer (&url, g_free);
  g_assert_nonnull (strstr (tdt[1], "/cva_w/wmts?"));
  g_assert_nonnull (strstr (tdt[1], "LAYER=cva&"));
  g_assert_cmpuint (lc_basemap_get_max_zoom (LC_BASEMAP_TIANDITU), ==, 18);

  g_assert_null (lc_basemap_get_url_templates (LC_BASEMAP_CUSTOM, NULL, "ftp://x/{z}/{x}/{y}", &error));
  g_clear_error (&error);
  custom = lc_basemap_get_url_templates (LC_BASEMAP_CUSTOM, NULL, " http://{s}.example.org/{z}/{x}/{y}.png ", &error);
  g_assert_no_error (error);
  url = lc_basemap_expand_url (custom[0], lc_basemap_get_subdomains (LC_BASEMAP_CUSTOM), 1, 3, 2);
  g_assert_cmpstr (url, ==, "http://b.example.org/2/1/3.png");

  g_assert_null (lc_basemap_get_url_templates (LC_BASEMAP_NONE, NULL, NULL, NULL));

  /* Settings nicks, both ways */
  for (LcBasemap b = LC_BASEMAP_NONE; b <= LC_BASEMAP_CUSTOM; b++)
    {
      LcBasemap back = LC_BASEMAP_NONE;

      g_assert_true (lc_basemap_from_key (lc_basemap_to_key (b), &back));
      g_assert_cmpint (back, ==, b);
    }
  {
    LcBasemap unknown = LC_BASEMAP_OSM;

    g_assert_false (lc_basemap_from_key ("gaode", &unknown));
    g_assert_cmpint (unknown, ==, LC_BASEMAP_OSM);
  }
  g_assert_null (lc_basemap_get_attribution (LC_BASEMAP_NONE));
  {
    g_autofree char *osm_credit = lc_basemap_get_attribution (LC_BASEMAP_OSM);
    g_autofree char *tdt_credit = lc_basemap_get_attribution (LC_BASEMAP_TIANDITU);

    g_assert_nonnull (strstr (osm_credit, "OpenStreetMap"));
    g_assert_nonnull (strstr (tdt_credit, "天地图"));
  }
}

/* Counts the pixels of an ARGB32 tile by opacity */
static void
count_alpha (cairo_surface_t *surface,
             guint           *transparent,
             guint           *opaque,
             guint           *partial)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  *transparent = *opaque = *partial = 0;
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        guint8 a = ((const guint32 *) (data + y * stride))[x] >> 24;

        if (a == 0)
          (*transparent)++;
        else if (a == 255)
          (*opaque)++;
        else
          (*partial)++;
      }
}

static cairo_surface_t *
render (LcRenderData *data,
        guint         x,
        guint         y,
        guint         zoom,
        gboolean      ground)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  cairo_t *cr = cairo_create (surface);

  lc_render_tile_full (data, cr, x, y, zoom, 256, FALSE, ground);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
test_render_without_ground (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "plan-v1.lcplan", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LcPlan) plan = lc_plan_open (file, NULL, &error);
  g_autoptr(LcRenderData) data = NULL;
  double min_lon, min_lat, max_lon, max_lat, tx, ty;
  guint transparent, opaque, partial;
  cairo_surface_t *surface;

  g_assert_no_error (error);
  data = lc_render_data_new_from_plan (plan, &error);
  g_assert_no_error (error);
  g_assert_true (lc_render_data_get_bounds (data, &min_lon, &min_lat, &max_lon, &max_lat));

  /* A tile over the unit at a zoom where its buildings and paths show */
  lc_geo_to_tile ((min_lat + max_lat) / 2, (min_lon + max_lon) / 2, 16, &tx, &ty);

  surface = render (data, tx, ty, 16, TRUE);
  count_alpha (surface, &transparent, &opaque, &partial);
  g_assert_cmpuint (opaque, ==, 256 * 256);
  cairo_surface_destroy (surface);

  /* Without the ground: the plan's features are drawn and the rest lets
   * what is below show through */
  surface = render (data, tx, ty, 16, FALSE);
  count_alpha (surface, &transparent, &opaque, &partial);
  g_test_message ("inside: %u transparent, %u opaque, %u partial", transparent, opaque, partial);
  g_assert_cmpuint (opaque + partial, >, 0);
  g_assert_cmpuint (transparent + partial, >, 0);
  g_assert_cmpuint (opaque, <, 256 * 256);
  cairo_surface_destroy (surface);

  /* Far outside the unit: only the dimming, a veil that is never opaque */
  lc_geo_to_tile (max_lat + 0.05, max_lon + 0.05, 16, &tx, &ty);
  surface = render (data, tx, ty, 16, FALSE);
  count_alpha (surface, &transparent, &opaque, &partial);
  g_assert_cmpuint (opaque, ==, 0);
  cairo_surface_destroy (surface);

  /* No plan, no ground: nothing at all */
  surface = render (NULL, 0, 0, 1, FALSE);
  count_alpha (surface, &transparent, &opaque, &partial);
  g_assert_cmpuint (transparent, ==, 256 * 256);
  cairo_surface_destroy (surface);

  /* The PNG of a tile without ground keeps its alpha channel */
  {
    g_autoptr(GBytes) png = lc_render_tile_png_full (data, tx, ty, 16, 256, FALSE, FALSE);
    const guint8 *bytes = g_bytes_get_data (png, NULL);

    /* IHDR colour type 6: RGBA */
    g_assert_cmpuint (g_bytes_get_size (png), >, 26);
    g_assert_cmpuint (bytes[25], ==, 6);
  }

  lc_plan_close (plan);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/basemap/check-url", test_check_url);
  g_test_add_func ("/core/basemap/check-key", test_check_key);
  g_test_add_func ("/core/basemap/templates", test_templates);
  g_test_add_func ("/core/basemap/render-without-ground", test_render_without_ground);

  return g_test_run ();
}
