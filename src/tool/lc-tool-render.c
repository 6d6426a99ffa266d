/* lc-tool-render.c: `render`, a plan's basemap as a PNG image
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-tool"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-geo.h"
#include "lc-render.h"
#include "lc-tool-common.h"

#define MAX_RENDER_PIXELS 8192

int
lc_tool_render (int    argc,
                char **argv)
{
  g_autofree char *output = NULL;
  int zoom = 15;
  gboolean dark = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PNG image to write (required)"), N_("IMAGE") },
    { "zoom", 'z', 0, G_OPTION_ARG_INT, &zoom, N_("Zoom level, 12 to 19 (default 15)"), N_("LEVEL") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Use the dark style"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(LcRenderData) data = NULL;
  double lon0, lat0, lon1, lat1, tx0, ty0, tx1, ty1;
  int width, height;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  if (!lc_tool_parse_command (&argc, &argv, _("FILE"), entries, 1))
    return EXIT_USAGE;
  if (output == NULL || zoom < 12 || zoom > 19)
    {
      g_printerr (_("lifecircle-tool render: give -o IMAGE.png and a zoom from 12 to 19\n"));
      return EXIT_USAGE;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  plan = lc_plan_open (file, NULL, &error);
  if (plan != NULL)
    data = lc_render_data_new_from_plan (plan, &error);
  if (data == NULL)
    {
      g_printerr ("lifecircle-tool render: %s: %s\n", argv[1], error->message);
      return EXIT_USAGE;
    }
  if (!lc_render_data_get_bounds (data, &lon0, &lat0, &lon1, &lat1))
    {
      g_printerr (_("lifecircle-tool render: %s: the plan has nothing to draw\n"), argv[1]);
      return EXIT_PROBLEMS;
    }

  lc_geo_to_tile (lat1, lon0, zoom, &tx0, &ty0);
  lc_geo_to_tile (lat0, lon1, zoom, &tx1, &ty1);
  /* Whole pixels, so that tiles meet without seams */
  tx0 = floor (tx0 * 256) / 256;
  ty0 = floor (ty0 * 256) / 256;
  width = (int) ceil ((tx1 - tx0) * 256);
  height = (int) ceil ((ty1 - ty0) * 256);
  if (width > MAX_RENDER_PIXELS || height > MAX_RENDER_PIXELS)
    {
      g_printerr (_("lifecircle-tool render: at zoom %d the image would be %d × %d pixels; choose a lower zoom\n"),
                  zoom, width, height);
      return EXIT_USAGE;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  for (int ty = (int) floor (ty0); ty < ty1; ty++)
    for (int tx = (int) floor (tx0); tx < tx1; tx++)
      {
        cairo_save (cr);
        cairo_translate (cr, round ((tx - tx0) * 256), round ((ty - ty0) * 256));
        cairo_rectangle (cr, 0, 0, 256, 256);
        cairo_clip (cr);
        lc_render_tile (data, cr, tx, ty, zoom, 256, dark);
        cairo_restore (cr);
      }
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, output);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_printerr ("lifecircle-tool render: %s: %s\n", output, cairo_status_to_string (status));
      return EXIT_USAGE;
    }

  g_print (_("Wrote %s (%d × %d pixels, zoom %d).\n"), output, width, height, zoom);
  return EXIT_OK;
}
