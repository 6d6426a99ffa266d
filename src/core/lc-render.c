/* lc-render.c: the plan's basemap, drawn into tiles
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-render"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lc-geo.h"
#include "lc-geometry.h"
#include "lc-plan-private.h"
#include "lc-render.h"

/*
 * An immutable snapshot of what the basemap draws (landcover, buildings,
 * walking paths, the unit boundary), in Web-Mercator world coordinates
 * (0…1 across the world), with a grid index per layer so that a tile visits
 * only its own features. Snapshots are reference counted and never change,
 * so any number of threads render tiles from one at once; an edit makes a
 * new snapshot.
 */

#define GRID 128

typedef enum
{
  LAYER_LANDCOVER,
  LAYER_BUILDINGS,
  LAYER_PATHS,
  LAYER_BOUNDARY,
  N_LAYERS
} Layer;

typedef enum
{
  PATH_MAJOR,      /* primary, secondary, trunk links */
  PATH_MINOR,      /* tertiary, residential, unclassified, living streets */
  PATH_SERVICE,
  PATH_FOOT,       /* footway, path, pedestrian, steps, corridor */
  PATH_CYCLE,
  N_PATH_CLASSES
} PathClass;

typedef struct
{
  LcGeometry *geometry;     /* projected */
  float       bbox[4];      /* min x, min y, max x, max y, world units */
  guint8      cls;          /* landcover class, path class, or residential flag */
  gint64      fid;          /* the row's; features come in fid order */
} Feature;

typedef struct
{
  GArray *features;         /* Feature */
  /* Features that fit in one cell, by the cell of their bbox's centre;
   * larger ones (parks, long roads) are in `big`, checked by bbox */
  GArray *cells[GRID * GRID];
  GArray *big;              /* guint indices */
  double  max_half;         /* largest half-size of a feature in a cell list, world units */
} LayerIndex;

struct _LcRenderData
{
  gatomicrefcount ref;
  LayerIndex layers[N_LAYERS];
  double origin[2];         /* grid origin and cell size, world units */
  double cell;
  double bounds[4];         /* of all features, degrees: lon, lat, lon, lat */
  gboolean have_bounds;
};

static PathClass
path_class (const char *highway)
{
  static const char *major[] = { "primary", "primary_link", "secondary", "secondary_link", "trunk", "trunk_link", NULL };
  static const char *minor[] = { "tertiary", "tertiary_link", "residential", "unclassified", "living_street", "road", NULL };
  static const char *foot[] = { "footway", "path", "pedestrian", "steps", "corridor", "track", "bridleway", NULL };

  if (highway == NULL)
    return PATH_FOOT;
  if (g_strv_contains (major, highway))
    return PATH_MAJOR;
  if (g_strv_contains (minor, highway))
    return PATH_MINOR;
  if (g_str_equal (highway, "service"))
    return PATH_SERVICE;
  if (g_str_equal (highway, "cycleway"))
    return PATH_CYCLE;
  if (g_strv_contains (foot, highway))
    return PATH_FOOT;
  return PATH_MINOR;
}

static guint8
landcover_class (const char *cls)
{
  static const char *classes[] = { "water", "green", "residential", "commercial", "industrial", "education", NULL };

  for (guint i = 0; classes[i] != NULL; i++)
    if (g_strcmp0 (cls, classes[i]) == 0)
      return i;
  return 6;
}

static void
layer_clear (LayerIndex *layer)
{
  if (layer->features != NULL)
    {
      for (guint i = 0; i < layer->features->len; i++)
        lc_geometry_free (g_array_index (layer->features, Feature, i).geometry);
      g_array_unref (layer->features);
    }
  for (guint i = 0; i < GRID * GRID; i++)
    g_clear_pointer (&layer->cells[i], g_array_unref);
  g_clear_pointer (&layer->big, g_array_unref);
}

LcRenderData *
lc_render_data_ref (LcRenderData *data)
{
  g_atomic_ref_count_inc (&data->ref);
  return data;
}

void
lc_render_data_unref (LcRenderData *data)
{
  if (data == NULL || !g_atomic_ref_count_dec (&data->ref))
    return;

  for (guint i = 0; i < N_LAYERS; i++)
    layer_clear (&data->layers[i]);
  g_free (data);
}

/* Reads one layer's rows: geometry, one text column for the class, the fid */
static gboolean
load_layer (LcRenderData  *data,
            sqlite3       *db,
            Layer          layer,
            const char    *sql,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LayerIndex *index = &data->layers[layer];

  index->features = g_array_new (FALSE, FALSE, sizeof (Feature));
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED, "%s", sqlite3_errmsg (db));
      return FALSE;
    }

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LcGeometry *g;
      Feature f = { 0 };
      const char *cls = (const char *) sqlite3_column_text (stmt, 1);

      if (sqlite3_column_type (stmt, 0) != SQLITE_BLOB)
        continue;
      /* Rows that do not decode are skipped here; `lifecircle-tool check` names them */
      g = lc_geometry_from_gpkg (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), NULL, NULL);
      if (g == NULL || lc_geometry_is_empty (g))
        {
          lc_geometry_free (g);
          continue;
        }

      for (guint i = 0; i < g->n_points; i++)
        {
          double lon = g->xy[2 * i], lat = g->xy[2 * i + 1];

          if (!data->have_bounds)
            {
              data->bounds[0] = data->bounds[2] = lon;
              data->bounds[1] = data->bounds[3] = lat;
              data->have_bounds = TRUE;
            }
          data->bounds[0] = MIN (data->bounds[0], lon);
          data->bounds[1] = MIN (data->bounds[1], lat);
          data->bounds[2] = MAX (data->bounds[2], lon);
          data->bounds[3] = MAX (data->bounds[3], lat);
          g->xy[2 * i] = lc_geo_world_x (lon);
          g->xy[2 * i + 1] = lc_geo_world_y (lat);
        }
      {
        double x0, x1, y0, y1;

        lc_geometry_get_bounds (g, &x0, &x1, &y0, &y1);
        f.bbox[0] = x0; f.bbox[1] = y0; f.bbox[2] = x1; f.bbox[3] = y1;
      }
      f.geometry = g;
      f.fid = sqlite3_column_int64 (stmt, 2);
      switch (layer)
        {
        case LAYER_LANDCOVER: f.cls = landcover_class (cls); break;
        case LAYER_BUILDINGS: f.cls = sqlite3_column_int (stmt, 1) != 0; break;
        case LAYER_PATHS: f.cls = path_class (cls); break;
        case LAYER_BOUNDARY:
        case N_LAYERS:
        default: f.cls = 0; break;
        }
      g_array_append_val (index->features, f);
    }
  return TRUE;
}

static void
build_index (LcRenderData *data)
{
  double x0 = lc_geo_world_x (data->bounds[0]), x1 = lc_geo_world_x (data->bounds[2]);
  double y0 = lc_geo_world_y (data->bounds[3]), y1 = lc_geo_world_y (data->bounds[1]);

  data->origin[0] = x0;
  data->origin[1] = y0;
  data->cell = MAX (MAX (x1 - x0, y1 - y0) / GRID, 1e-12);

  for (guint l = 0; l < N_LAYERS; l++)
    {
      LayerIndex *index = &data->layers[l];

      index->big = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; i < index->features->len; i++)
        {
          const Feature *f = &g_array_index (index->features, Feature, i);
          double half = MAX (f->bbox[2] - f->bbox[0], f->bbox[3] - f->bbox[1]) / 2;
          int cx = (int) (((f->bbox[0] + f->bbox[2]) / 2 - data->origin[0]) / data->cell);
          int cy = (int) (((f->bbox[1] + f->bbox[3]) / 2 - data->origin[1]) / data->cell);
          GArray **cell;

          if (half > data->cell * 2 || l == LAYER_BOUNDARY)
            {
              g_array_append_val (index->big, i);
              continue;
            }
          cx = CLAMP (cx, 0, GRID - 1);
          cy = CLAMP (cy, 0, GRID - 1);
          cell = &index->cells[cy * GRID + cx];
          if (*cell == NULL)
            *cell = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (*cell, i);
          index->max_half = MAX (index->max_half, half);
        }
    }
}

static gboolean load_layers (LcRenderData  *data,
                             sqlite3       *db,
                             GError       **error);

/**
 * lc_render_data_new_from_plan:
 *
 * Reads what the basemap draws from @plan, as of its last finished edit,
 * through a connection of its own. Blocking; safe in a worker thread while
 * the main thread edits the plan.
 *
 * Returns: (transfer full) (nullable): the snapshot
 */
LcRenderData *
lc_render_data_new_from_plan (LcPlan  *plan,
                              GError **error)
{
  g_autoptr(LcRenderData) data = g_new0 (LcRenderData, 1);
  /* A connection of its own: the main thread may edit meanwhile (a closed
   * plan says G_IO_ERROR_CANCELLED) */
  sqlite3 *reader = lc_plan_open_reader (plan, error);
  gboolean ok;

  g_atomic_ref_count_init (&data->ref);

  if (reader == NULL)
    return NULL;

  ok = load_layers (data, reader, error);
  sqlite3_close (reader);
  if (!ok)
    return NULL;

  if (data->have_bounds)
    build_index (data);
  return g_steal_pointer (&data);
}

static gboolean
load_layers (LcRenderData  *data,
             sqlite3       *db,
             GError       **error)
{
  if (!load_layer (data, db, LAYER_LANDCOVER, "SELECT geom, class, fid FROM landcover ORDER BY fid", error) ||
      !load_layer (data, db, LAYER_BUILDINGS, "SELECT geom, residential, fid FROM buildings ORDER BY fid", error) ||
      !load_layer (data, db, LAYER_PATHS, "SELECT geom, highway, fid FROM walking_paths "
                                          "WHERE status != 'removed' ORDER BY fid", error) ||
      !load_layer (data, db, LAYER_BOUNDARY, "SELECT geom, NULL, fid FROM unit_boundary ORDER BY fid", error))
    return FALSE;
  return TRUE;
}

guint
lc_render_data_get_n_features (LcRenderData *data)
{
  guint n = 0;

  for (guint l = 0; l < N_LAYERS; l++)
    n += data->layers[l].features->len;
  return n;
}

/**
 * lc_render_data_get_bounds:
 *
 * Returns: %FALSE when the snapshot holds nothing
 */
gboolean
lc_render_data_get_bounds (LcRenderData *data,
                           double       *min_lon,
                           double       *min_lat,
                           double       *max_lon,
                           double       *max_lat)
{
  if (!data->have_bounds)
    return FALSE;
  *min_lon = data->bounds[0];
  *min_lat = data->bounds[1];
  *max_lon = data->bounds[2];
  *max_lat = data->bounds[3];
  return TRUE;
}

/* ---- drawing ---- */

typedef struct
{
  double r, g, b, a;
} Rgba;

typedef struct
{
  Rgba background;
  Rgba landcover[7];
  Rgba building;
  Rgba building_line;
  Rgba home;
  Rgba home_line;
  Rgba path_casing[N_PATH_CLASSES];
  Rgba path_fill[N_PATH_CLASSES];
  Rgba outside;
  Rgba boundary;
} Style;

#define RGB(v) { ((v) >> 16 & 0xff) / 255.0, ((v) >> 8 & 0xff) / 255.0, ((v) & 0xff) / 255.0, 1 }
#define RGBA(v, a) { ((v) >> 16 & 0xff) / 255.0, ((v) >> 8 & 0xff) / 255.0, ((v) & 0xff) / 255.0, a }

/* Quiet colours so that facilities and coverage read on top; homes warm */
static const Style light = {
  .background = RGB (0xf4f1ea),
  .landcover = { RGB (0xaad3df), RGB (0xcdebb0), RGB (0xece6df), RGB (0xf2dedc), RGB (0xe9e0e8),
                 RGB (0xfbf0c4), RGB (0xeceae4) },
  .building = RGB (0xd9d2ca),
  .building_line = RGB (0xc2b8ad),
  .home = RGB (0xf0cfa2),
  .home_line = RGB (0xd6a96f),
  .path_casing = { RGB (0xd19e4a), RGB (0xbdb6ad), RGB (0xc9c2b9), RGBA (0xffffff, 0), RGBA (0xffffff, 0) },
  .path_fill = { RGB (0xfbe2a4), RGB (0xffffff), RGB (0xffffff), RGB (0xe07b6b), RGB (0x4d7fd1) },
  .outside = RGBA (0x3b3836, 0.16),
  .boundary = RGB (0xb1362f),
};

static const Style dark = {
  .background = RGB (0x262626),
  .landcover = { RGB (0x1f3b4d), RGB (0x2a4326), RGB (0x2e2c2a), RGB (0x3a2d2c), RGB (0x332d34),
                 RGB (0x3b3624), RGB (0x2c2c2a) },
  .building = RGB (0x3d3b39),
  .building_line = RGB (0x4c4946),
  .home = RGB (0x5d4a34),
  .home_line = RGB (0x7a6145),
  .path_casing = { RGB (0x7a5a24), RGB (0x4a4744), RGB (0x403d3a), RGBA (0x000000, 0), RGBA (0x000000, 0) },
  .path_fill = { RGB (0x8c7340), RGB (0x6b6864), RGB (0x575451), RGB (0xd0705f), RGB (0x5b8ad6) },
  .outside = RGBA (0x000000, 0.35),
  .boundary = RGB (0xe0685f),
};

static void
set_rgba (cairo_t    *cr,
          const Rgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

/* Adds the rings of @g to the current path, in pixels */
static void
trace (cairo_t          *cr,
       const LcGeometry *g,
       double            x0,
       double            y0,
       double            scale,
       gboolean          close)
{
  guint start = 0;

  for (guint p = 0; p < g->n_parts; p++)
    {
      for (guint i = start; i < g->part_ends[p]; i++)
        {
          double px = (g->xy[2 * i] - x0) * scale, py = (g->xy[2 * i + 1] - y0) * scale;

          if (i == start)
            cairo_move_to (cr, px, py);
          else
            cairo_line_to (cr, px, py);
        }
      if (close)
        cairo_close_path (cr);
      start = g->part_ends[p];
    }
}

/* Collects the features of @layer whose box meets [x0, y0, x1, y1] */
static void
collect (LcRenderData *data,
         Layer         layer,
         double        x0,
         double        y0,
         double        x1,
         double        y1,
         GPtrArray    *out)
{
  LayerIndex *index = &data->layers[layer];
  double pad = index->max_half;
  int cx0 = (int) floor ((x0 - pad - data->origin[0]) / data->cell);
  int cy0 = (int) floor ((y0 - pad - data->origin[1]) / data->cell);
  int cx1 = (int) floor ((x1 + pad - data->origin[0]) / data->cell);
  int cy1 = (int) floor ((y1 + pad - data->origin[1]) / data->cell);

  g_ptr_array_set_size (out, 0);

  for (guint i = 0; i < index->big->len; i++)
    {
      Feature *f = &g_array_index (index->features, Feature, g_array_index (index->big, guint, i));

      if (f->bbox[2] >= x0 && f->bbox[0] <= x1 && f->bbox[3] >= y0 && f->bbox[1] <= y1)
        g_ptr_array_add (out, f);
    }

  cx0 = MAX (cx0, 0);
  cy0 = MAX (cy0, 0);
  cx1 = MIN (cx1, GRID - 1);
  cy1 = MIN (cy1, GRID - 1);
  for (int cy = cy0; cy <= cy1; cy++)
    for (int cx = cx0; cx <= cx1; cx++)
      {
        GArray *cell = index->cells[cy * GRID + cx];

        if (cell == NULL)
          continue;
        for (guint i = 0; i < cell->len; i++)
          {
            Feature *f = &g_array_index (index->features, Feature, g_array_index (cell, guint, i));

            if (f->bbox[2] >= x0 && f->bbox[0] <= x1 && f->bbox[3] >= y0 && f->bbox[1] <= y1)
              g_ptr_array_add (out, f);
          }
      }
}

/* Adds a feature's outline to the path; one smaller than a few pixels is
 * only its box: it looks the same and costs a fraction */
static void
trace_area (cairo_t       *cr,
            const Feature *f,
            double         x0,
            double         y0,
            double         scale)
{
  double w = (f->bbox[2] - f->bbox[0]) * scale, h = (f->bbox[3] - f->bbox[1]) * scale;

  if (w < 3 && h < 3)
    cairo_rectangle (cr, (f->bbox[0] - x0) * scale, (f->bbox[1] - y0) * scale, MAX (w, 0.7), MAX (h, 0.7));
  else
    trace (cr, f->geometry, x0, y0, scale, TRUE);
}

/* Fills, in one go each, the features of @found whose class is @cls */
static void
fill_class (cairo_t     *cr,
            GPtrArray   *found,
            guint8       cls,
            double       x0,
            double       y0,
            double       scale,
            const Rgba  *fill,
            const Rgba  *line)
{
  guint in_path = 0;

  /* A few dozen shapes a fill: one fill per shape costs a rasterizer setup
   * each, one for thousands makes cairo's edge lists crawl */
  cairo_new_path (cr);
  for (guint i = 0; i <= found->len; i++)
    {
      const Feature *f = i < found->len ? found->pdata[i] : NULL;

      if (f != NULL && f->cls == cls)
        {
          trace_area (cr, f, x0, y0, scale);
          in_path++;
        }
      if (in_path > 0 && (in_path == 32 || f == NULL))
        {
          set_rgba (cr, fill);
          if (line != NULL)
            {
              cairo_fill_preserve (cr);
              set_rgba (cr, line);
              cairo_stroke (cr);
            }
          else
            cairo_fill (cr);
          in_path = 0;
        }
    }
}

/* Widths in pixels by zoom: real-world widths at street zoom, legible above */
static double
path_width (PathClass cls,
            guint     zoom)
{
  static const double at16[N_PATH_CLASSES] = { 7, 5, 3, 1.6, 1.6 };
  double factor = pow (2, ((int) zoom - 16) * 0.6);

  return MAX (at16[cls] * factor, cls == PATH_FOOT || cls == PATH_CYCLE ? 0.8 : 1.0);
}

/* Strokes the paths of one class: casing (pass 0) or fill (pass 1) */
static void
stroke_paths (cairo_t     *cr,
              GPtrArray   *found,
              PathClass    cls,
              int          pass,
              double       x0,
              double       y0,
              double       scale,
              const Style *style,
              guint        zoom)
{
  double width = path_width (cls, zoom);
  guint in_path = 0;

  if (pass == 0 && style->path_casing[cls].a == 0)
    return;

  if (pass == 0)
    {
      set_rgba (cr, &style->path_casing[cls]);
      cairo_set_line_width (cr, width + 2);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  else
    {
      set_rgba (cr, &style->path_fill[cls]);
      cairo_set_line_width (cr, width);
      if (cls == PATH_FOOT || cls == PATH_CYCLE)
        {
          double dash[] = { MAX (2, width * 2), MAX (1.5, width * 1.2) };
          cairo_set_dash (cr, dash, 2, 0);
        }
      else
        cairo_set_dash (cr, NULL, 0, 0);
    }

  cairo_new_path (cr);
  for (guint i = 0; i <= found->len; i++)
    {
      const Feature *f = i < found->len ? found->pdata[i] : NULL;

      /* Shorter than a pixel: nothing to see */
      if (f != NULL && f->cls == cls &&
          ((f->bbox[2] - f->bbox[0]) * scale >= 1 || (f->bbox[3] - f->bbox[1]) * scale >= 1))
        {
          trace (cr, f->geometry, x0, y0, scale, FALSE);
          in_path++;
        }
      if (in_path > 0 && (in_path == 32 || f == NULL))
        {
          cairo_stroke (cr);
          in_path = 0;
        }
    }
}

/**
 * lc_render_tile:
 * @cr: a context whose origin is the tile's top-left corner, in pixels
 * @x: (in): tile column, XYZ scheme
 * @y: tile row, counted from the north
 * @tile_size: pixels across the tile (256, or 512 on a HiDPI screen)
 * @dark: draw for a dark style
 *
 * Draws tile (@x, @y, @zoom) of the basemap, on the plan's own ground.
 * Thread-safe: @data never changes.
 */
void
lc_render_tile (LcRenderData *data,
                cairo_t      *cr,
                guint         x,
                guint         y,
                guint         zoom,
                guint         tile_size,
                gboolean      dark_style)
{
  lc_render_tile_full (data, cr, x, y, zoom, tile_size, dark_style, TRUE);
}

/**
 * lc_render_tile_full:
 * @ground: paint the plan's ground colour first; %FALSE leaves what is not
 *   drawn untouched (transparent over an online basemap), and the area
 *   outside the unit is still dimmed
 *
 * Draws tile (@x, @y, @zoom) of the basemap as lc_render_tile() does.
 */
void
lc_render_tile_full (LcRenderData *data,
                     cairo_t      *cr,
                     guint         x,
                     guint         y,
                     guint         zoom,
                     guint         tile_size,
                     gboolean      dark_style,
                     gboolean      ground)
{
  const Style *style = dark_style ? &dark : &light;
  double n = ldexp (1.0, (int) zoom);
  double x0 = x / n, y0 = y / n, x1 = (x + 1) / n, y1 = (y + 1) / n;
  double scale = tile_size * n;
  /* A margin so that line widths reach across tile edges */
  double margin = 12.0 / scale;

  if (ground)
    {
      set_rgba (cr, &style->background);
      cairo_paint (cr);
    }

  if (data == NULL || !data->have_bounds)
    return;

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_antialias (cr, zoom >= 15 ? CAIRO_ANTIALIAS_GOOD : CAIRO_ANTIALIAS_FAST);
  cairo_set_line_width (cr, 1);

  {
    g_autoptr(GPtrArray) found = g_ptr_array_new ();
    double bx0 = x0 - margin, by0 = y0 - margin, bx1 = x1 + margin, by1 = y1 + margin;

    collect (data, LAYER_LANDCOVER, bx0, by0, bx1, by1, found);
    for (guint8 cls = 0; cls < 6; cls++)
      fill_class (cr, found, cls, x0, y0, scale, &style->landcover[cls], NULL);

    if (zoom >= 14)
      {
        collect (data, LAYER_BUILDINGS, bx0, by0, bx1, by1, found);
        cairo_set_line_width (cr, 1);
        fill_class (cr, found, 0, x0, y0, scale, &style->building, zoom >= 16 ? &style->building_line : NULL);
        fill_class (cr, found, 1, x0, y0, scale, &style->home, zoom >= 16 ? &style->home_line : NULL);
      }

    if (zoom >= 13)
      {
        static const PathClass order[] = { PATH_FOOT, PATH_CYCLE, PATH_SERVICE, PATH_MINOR, PATH_MAJOR };

        collect (data, LAYER_PATHS, bx0, by0, bx1, by1, found);
        /* Casings under all fills, minor roads under major ones */
        for (guint i = 0; i < G_N_ELEMENTS (order); i++)
          stroke_paths (cr, found, order[i], 0, x0, y0, scale, style, zoom);
        for (guint i = 0; i < G_N_ELEMENTS (order); i++)
          stroke_paths (cr, found, order[i], 1, x0, y0, scale, style, zoom);
      }
  }
  cairo_set_dash (cr, NULL, 0, 0);

  /* Outside the unit dimmed: the tile minus the boundary, even-odd */
  if (data->layers[LAYER_BOUNDARY].features->len > 0)
    {
      cairo_new_path (cr);
      cairo_rectangle (cr, -20, -20, tile_size + 40, tile_size + 40);
      for (guint i = 0; i < data->layers[LAYER_BOUNDARY].features->len; i++)
        trace (cr, g_array_index (data->layers[LAYER_BOUNDARY].features, Feature, i).geometry,
               x0, y0, scale, TRUE);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      set_rgba (cr, &style->outside);
      cairo_fill (cr);

      for (guint i = 0; i < data->layers[LAYER_BOUNDARY].features->len; i++)
        trace (cr, g_array_index (data->layers[LAYER_BOUNDARY].features, Feature, i).geometry,
               x0, y0, scale, TRUE);
      {
        double dash[] = { 10, 5 };

        set_rgba (cr, &style->boundary);
        cairo_set_line_width (cr, zoom >= 15 ? 3 : 2);
        cairo_set_dash (cr, dash, 2, 0);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
      }
    }
}

/* ---- what is where ---- */

static double
segment_distance (double px,
                  double py,
                  double ax,
                  double ay,
                  double bx,
                  double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0, 1) : 0;

  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

/* The distance from a point to a feature's lines (or rings' outlines) */
static double
line_distance (const LcGeometry *g,
               double            x,
               double            y)
{
  double best = INFINITY;
  guint start = 0;

  for (guint p = 0; p < g->n_parts; p++)
    {
      for (guint i = start + 1; i < g->part_ends[p]; i++)
        best = MIN (best, segment_distance (x, y, g->xy[2 * i - 2], g->xy[2 * i - 1], g->xy[2 * i], g->xy[2 * i + 1]));
      start = g->part_ends[p];
    }
  return best;
}

static const char *layer_tables[N_LAYERS] = {
  [LAYER_LANDCOVER] = "landcover",
  [LAYER_BUILDINGS] = "buildings",
  [LAYER_PATHS] = "walking_paths",
  [LAYER_BOUNDARY] = "unit_boundary",
};

/**
 * lc_render_data_pick:
 * @x, @y: a point, in world units (0…1 across the Web-Mercator world)
 * @tolerance: how near a line must pass, world units
 * @table: (out): "walking_paths", "buildings" or "unit_boundary"
 *
 * What a click at a point means on the basemap: the nearest walking path
 * within @tolerance, else the building under the point, else the unit
 * boundary within @tolerance.
 *
 * Returns: the row's fid, or -1 for nothing
 */
gint64
lc_render_data_pick (LcRenderData  *data,
                     double         x,
                     double         y,
                     double         tolerance,
                     const char   **table)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  const Feature *best = NULL;
  double best_d = tolerance;

  *table = NULL;
  if (data == NULL || !data->have_bounds)
    return -1;

  collect (data, LAYER_PATHS, x - tolerance, y - tolerance, x + tolerance, y + tolerance, found);
  for (guint i = 0; i < found->len; i++)
    {
      const Feature *f = found->pdata[i];
      double d = line_distance (f->geometry, x, y);

      if (d <= best_d)
        {
          best = f;
          best_d = d;
        }
    }
  if (best != NULL)
    {
      *table = layer_tables[LAYER_PATHS];
      return best->fid;
    }

  collect (data, LAYER_BUILDINGS, x, y, x, y, found);
  for (guint i = 0; i < found->len; i++)
    {
      const Feature *f = found->pdata[i];

      /* Of nested ones, the smallest */
      if (lc_geometry_contains_point (f->geometry, x, y) &&
          (best == NULL || (f->bbox[2] - f->bbox[0]) * (f->bbox[3] - f->bbox[1]) <
                           (best->bbox[2] - best->bbox[0]) * (best->bbox[3] - best->bbox[1])))
        best = f;
    }
  if (best != NULL)
    {
      *table = layer_tables[LAYER_BUILDINGS];
      return best->fid;
    }

  for (guint i = 0; i < data->layers[LAYER_BOUNDARY].features->len; i++)
    {
      const Feature *f = &g_array_index (data->layers[LAYER_BOUNDARY].features, Feature, i);

      if (line_distance (f->geometry, x, y) <= tolerance)
        {
          *table = layer_tables[LAYER_BOUNDARY];
          return f->fid;
        }
    }
  return -1;
}

/**
 * lc_render_data_nearest_vertex:
 * @x, @y: a point, world units
 * @tolerance: how near the vertex must be, world units
 * @vertex: (out): its index among the path's points
 *
 * The walking-path vertex nearest a point, to snap a new path's ends to:
 * sharing a vertex is what joins paths into one network.
 *
 * Returns: the path's fid, or -1 when none is near enough
 */
gint64
lc_render_data_nearest_vertex (LcRenderData *data,
                               double        x,
                               double        y,
                               double        tolerance,
                               guint        *vertex)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  gint64 fid = -1;
  double best = tolerance;

  if (data == NULL || !data->have_bounds)
    return -1;

  collect (data, LAYER_PATHS, x - tolerance, y - tolerance, x + tolerance, y + tolerance, found);
  for (guint i = 0; i < found->len; i++)
    {
      const Feature *f = found->pdata[i];

      for (guint k = 0; k < f->geometry->n_points; k++)
        {
          double d = hypot (f->geometry->xy[2 * k] - x, f->geometry->xy[2 * k + 1] - y);

          if (d <= best)
            {
              best = d;
              fid = f->fid;
              *vertex = k;
            }
        }
    }
  return fid;
}

static gboolean
same_feature (const Feature *a,
              const Feature *b)
{
  const LcGeometry *ga = a->geometry, *gb = b->geometry;

  return a->cls == b->cls && ga->n_points == gb->n_points && ga->n_parts == gb->n_parts &&
         memcmp (ga->xy, gb->xy, 2 * sizeof (double) * ga->n_points) == 0 &&
         memcmp (ga->part_ends, gb->part_ends, sizeof (guint) * ga->n_parts) == 0;
}

static void
add_box (double       *box,
         gboolean     *any,
         const Feature *f)
{
  if (!*any)
    {
      box[0] = f->bbox[0];
      box[1] = f->bbox[1];
      box[2] = f->bbox[2];
      box[3] = f->bbox[3];
      *any = TRUE;
      return;
    }
  box[0] = MIN (box[0], f->bbox[0]);
  box[1] = MIN (box[1], f->bbox[1]);
  box[2] = MAX (box[2], f->bbox[2]);
  box[3] = MAX (box[3], f->bbox[3]);
}

/**
 * lc_render_data_get_changed_box:
 * @box: (out) (array fixed-size=4): min x, min y, max x, max y, world units
 *
 * Where two snapshots draw differently: the box around every feature added,
 * removed or changed (its old and new place), as after an edit.
 *
 * Returns: %FALSE when they draw the same
 */
gboolean
lc_render_data_get_changed_box (LcRenderData *before,
                                LcRenderData *after,
                                double        box[4])
{
  gboolean any = FALSE;

  for (guint l = 0; l < N_LAYERS; l++)
    {
      GArray *a = before->layers[l].features, *b = after->layers[l].features;
      guint i = 0, k = 0;

      while (i < a->len || k < b->len)
        {
          const Feature *fa = i < a->len ? &g_array_index (a, Feature, i) : NULL;
          const Feature *fb = k < b->len ? &g_array_index (b, Feature, k) : NULL;

          if (fa != NULL && fb != NULL && fa->fid == fb->fid)
            {
              if (!same_feature (fa, fb))
                {
                  add_box (box, &any, fa);
                  add_box (box, &any, fb);
                }
              i++;
              k++;
            }
          else if (fb == NULL || (fa != NULL && fa->fid < fb->fid))
            {
              add_box (box, &any, fa);
              i++;
            }
          else
            {
              add_box (box, &any, fb);
              k++;
            }
        }
    }
  return any;
}

/**
 * lc_render_tile_meets_box:
 *
 * Whether tile (@x, @y, @zoom) draws anything of what lies in @box (world
 * units), counting the margin by which lines reach past their features.
 */
gboolean
lc_render_tile_meets_box (guint         x,
                          guint         y,
                          guint         zoom,
                          guint         tile_size,
                          const double  box[4])
{
  double n = ldexp (1.0, (int) zoom);
  double margin = 16.0 / (tile_size * n);

  return x / n - margin <= box[2] && (x + 1) / n + margin >= box[0] &&
         y / n - margin <= box[3] && (y + 1) / n + margin >= box[1];
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * lc_render_surface_to_png:
 *
 * Returns: (transfer full): @surface encoded as PNG
 */
GBytes *
lc_render_surface_to_png (cairo_surface_t *surface)
{
  GByteArray *png = g_byte_array_sized_new (16 * 1024);

  cairo_surface_write_to_png_stream (surface, append_bytes, png);
  return g_byte_array_free_to_bytes (png);
}

/**
 * lc_render_tile_png:
 *
 * Renders a tile as lc_render_tile() does and encodes it as PNG.
 *
 * Returns: (transfer full): the PNG bytes
 */
GBytes *
lc_render_tile_png (LcRenderData *data,
                    guint         x,
                    guint         y,
                    guint         zoom,
                    guint         tile_size,
                    gboolean      dark_style)
{
  return lc_render_tile_png_full (data, x, y, zoom, tile_size, dark_style, TRUE);
}

/**
 * lc_render_tile_png_full:
 * @ground: as for lc_render_tile_full(); without it the PNG has an alpha
 *   channel
 *
 * Returns: (transfer full): the PNG bytes
 */
GBytes *
lc_render_tile_png_full (LcRenderData *data,
                         guint         x,
                         guint         y,
                         guint         zoom,
                         guint         tile_size,
                         gboolean      dark_style,
                         gboolean      ground)
{
  cairo_surface_t *surface = cairo_image_surface_create (ground ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32,
                                                         tile_size, tile_size);
  cairo_t *cr = cairo_create (surface);
  GBytes *png;

  lc_render_tile_full (data, cr, x, y, zoom, tile_size, dark_style, ground);
  cairo_destroy (cr);
  png = lc_render_surface_to_png (surface);
  cairo_surface_destroy (surface);

  return png;
}
