/* lc-osm-build.c: after the last OSM element: rings, walking network, homes, boundary
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-osm-build"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-geo.h"
#include "lc-osm-import-private.h"
#include "lc-shape.h"

/*
 * What the elements leave to the end, once every node and way is known:
 * member ways joined into rings, the walking ways split into paths at
 * their junctions (in a thread of its own, while the rest is written),
 * which buildings are homes and how many live in them, and the unit
 * boundary asked for.
 */

/* Appends the coordinates of @n node refs to @g; returns how many are missing */
guint
lc_osm_add_ref_points (Importer     *im,
                       LcGeometry   *g,
                       const gint64 *ids,
                       guint         n)
{
  guint missing = 0;

  for (guint i = 0; i < n; i++)
    {
      const Node *node = lc_osm_find_node (im, ids[i]);

      if (node == NULL)
        missing++;
      else
        lc_geometry_add_point (g, node_x (node), node_y (node));
    }
  return missing;
}

/* Joins member ways into closed rings (way ends meeting, in either
 * direction); adds each ring to @g as a part. Returns the rings made and
 * counts what could not be closed. */
guint
lc_osm_assemble_rings (Importer   *im,
                       GArray     *way_ids,
                       LcGeometry *g,
                       guint      *unclosed,
                       guint      *missing)
{
  guint n = way_ids->len;
  g_autofree gboolean *used = g_new0 (gboolean, n);
  g_autoptr(GArray) ring = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint rings = 0;

  for (guint start = 0; start < n; start++)
    {
      const Way *w = lc_osm_find_way (im, g_array_index (way_ids, gint64, start));
      gboolean extended = TRUE;

      if (used[start])
        continue;
      used[start] = TRUE;
      if (w == NULL || w->n < 2)
        {
          (*missing)++;
          continue;
        }

      g_array_set_size (ring, 0);
      g_array_append_vals (ring, &g_array_index (im->refs, gint64, w->first), w->n);

      while (g_array_index (ring, gint64, 0) != g_array_index (ring, gint64, ring->len - 1) && extended)
        {
          gint64 end = g_array_index (ring, gint64, ring->len - 1);

          extended = FALSE;
          for (guint k = 0; k < n && !extended; k++)
            {
              const Way *o;
              const gint64 *r;

              if (used[k])
                continue;
              o = lc_osm_find_way (im, g_array_index (way_ids, gint64, k));
              if (o == NULL || o->n < 2)
                continue;
              r = &g_array_index (im->refs, gint64, o->first);
              if (r[0] == end)
                g_array_append_vals (ring, r + 1, o->n - 1);
              else if (r[o->n - 1] == end)
                for (guint i = o->n - 1; i-- > 0;)
                  g_array_append_val (ring, r[i]);
              else
                continue;
              used[k] = TRUE;
              extended = TRUE;
            }
        }

      if (g_array_index (ring, gint64, 0) != g_array_index (ring, gint64, ring->len - 1) || ring->len < 4)
        {
          (*unclosed)++;
          continue;
        }

      if (lc_osm_add_ref_points (im, g, (gint64 *) (void *) ring->data, ring->len) > 0)
        {
          /* A ring with missing nodes is no ring */
          lc_geometry_discard_open_part (g);
          (*missing)++;
          continue;
        }
      lc_geometry_end_part (g);
      rings++;
    }

  return rings;
}

/* Appends ring @p of @from to @to */
static void
add_ring (LcGeometry       *to,
          const LcGeometry *from,
          guint             p)
{
  for (guint i = p > 0 ? from->part_ends[p - 1] : 0; i < from->part_ends[p]; i++)
    lc_geometry_add_point (to, from->xy[2 * i], from->xy[2 * i + 1]);
  lc_geometry_end_part (to);
}

/**
 * lc_osm_rings_as_polygons:
 * @rings: (transfer full): outer rings, as parts
 * @holes: (nullable): rings to give the first polygon as its holes
 *
 * Returns: (transfer full): a multipolygon of one polygon per ring of @rings
 */
LcGeometry *
lc_osm_rings_as_polygons (LcGeometry       *rings,
                          const LcGeometry *holes)
{
  LcGeometry *multi = lc_geometry_new (LC_GEOMETRY_MULTIPOLYGON);

  for (guint p = 0; p < rings->n_parts; p++)
    {
      add_ring (multi, rings, p);
      for (guint h = 0; p == 0 && holes != NULL && h < holes->n_parts; h++)
        add_ring (multi, holes, h);
      lc_geometry_end_group (multi);
    }
  lc_geometry_free (rings);
  return multi;
}

/* The footprint's area in square metres, holes subtracted, as the import
 * has always estimated residents from it: the shoelace on absolute degrees,
 * scaled at the first point. lc_geometry_area_m2() is more exact (about
 * 1e-5 of a building's area is lost here to cancellation), but it would
 * move some buildings' estimates by 0.1 resident (in the 五角场 sample,
 * way 436868585 from 57.2 to 57.3), so imports keep giving the figures
 * they always gave until that change is made on purpose. */
static double
footprint_area_m2 (const LcGeometry *g)
{
  double kx, ky;
  double total = 0;
  guint start = 0, group = 0, first_of_group = 0;

  lc_geo_metres_per_degree (g->n_points > 0 ? g->xy[1] : 0, &kx, &ky);
  for (guint p = 0; p < g->n_parts; p++)
    {
      double a = 0;

      for (guint i = start; i + 1 < g->part_ends[p]; i++)
        a += g->xy[2 * i] * g->xy[2 * i + 3] - g->xy[2 * i + 2] * g->xy[2 * i + 1];
      a = fabs (a) / 2 * kx * ky;

      /* The first ring of each polygon is its outside; the others are holes */
      total += p == first_of_group ? a : -a;

      start = g->part_ends[p];
      if (g->n_groups > 0 && group < g->n_groups && p + 1 == g->group_ends[group])
        {
          first_of_group = p + 1;
          group++;
        }
    }
  return MAX (total, 0);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* How many walkable ways use @id, from the sorted list of their nodes */
static guint
node_use (GArray *sorted,
          gint64  id)
{
  const gint64 *all = (const gint64 *) (void *) sorted->data;
  guint lo = 0, hi = sorted->len, n = 0;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (all[mid] < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  while (lo + n < sorted->len && all[lo + n] == id)
    n++;
  return n;
}

/* Ends @g and keeps it as a piece of @way, if it is a line at all */
static void
add_edge (GArray        *edges,
          LcGeometry    *g,
          const WalkWay *way)
{
  Edge e = { g, way, 0 };

  if (g == NULL || g->n_points < 2)
    {
      lc_geometry_free (g);
      return;
    }
  lc_geometry_end_part (g);
  g_array_append_val (edges, e);
}

/* Splits the walkable ways into edges at the nodes they share, and where
 * a node is missing from the file */
static GArray *
build_edges (Importer *im)
{
  g_autoptr(GArray) used = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (Edge));

  for (guint i = 0; i < im->walk_ways->len; i++)
    {
      const Way *w = &g_array_index (im->ways, Way, g_array_index (im->walk_ways, WalkWay, i).way);
      g_autoptr(GArray) distinct = g_array_new (FALSE, FALSE, sizeof (gint64));

      /* A way passing a node twice (a loop) counts it once: splitting there
       * is for junctions between ways and the loop's own ends */
      g_array_append_vals (distinct, &g_array_index (im->refs, gint64, w->first), w->n);
      g_array_sort (distinct, compare_int64);
      for (guint k = 0; k < distinct->len; k++)
        if (k == 0 || g_array_index (distinct, gint64, k) != g_array_index (distinct, gint64, k - 1))
          g_array_append_val (used, g_array_index (distinct, gint64, k));
    }
  g_array_sort (used, compare_int64);

  for (guint i = 0; i < im->walk_ways->len; i++)
    {
      const WalkWay *ww = &g_array_index (im->walk_ways, WalkWay, i);
      const Way *w = &g_array_index (im->ways, Way, ww->way);
      const gint64 *ids = &g_array_index (im->refs, gint64, w->first);
      LcGeometry *g = NULL;

      for (guint k = 0; k < w->n; k++)
        {
          const Node *node = lc_osm_find_node (im, ids[k]);

          if (node == NULL)
            {
              /* The line breaks where the file lost a node */
              add_edge (edges, g, ww);
              g = NULL;
              continue;
            }

          if (g == NULL)
            g = lc_geometry_new (LC_GEOMETRY_LINESTRING);
          lc_geometry_add_point (g, node_x (node), node_y (node));

          if (k > 0 && k + 1 < w->n && g->n_points >= 2 &&
              (node_use (used, ids[k]) > 1 || ids[k] == ids[0]))
            {
              add_edge (edges, g, ww);
              g = lc_geometry_new (LC_GEOMETRY_LINESTRING);
              lc_geometry_add_point (g, node_x (node), node_y (node));
            }
        }

      add_edge (edges, g, ww);
    }

  for (guint i = 0; i < edges->len; i++)
    {
      Edge *e = &g_array_index (edges, Edge, i);

      e->length = lc_geometry_length_m (e->geometry);
      im->report->path_length_m += e->length;
    }
  im->report->path_edges = edges->len;

  return edges;
}

gpointer
lc_osm_build_edges_thread (gpointer data)
{
  return build_edges (data);
}

/* Buildings tagged only building=yes are homes when they stand in a
 * residential area; then each home's population is estimated. The areas
 * are put in a grid over their extent, so each building looks at the few
 * areas of its own cell, not at all of them. */
#define AREA_GRID 64

void
lc_osm_finish_buildings (Importer *im)
{
  g_autoptr(GArray) areas = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree GArray **cells = g_new0 (GArray *, AREA_GRID * AREA_GRID);
  double ext[4] = { INFINITY, INFINITY, -INFINITY, -INFINITY };
  double cw = 1, ch = 1;

  for (guint k = 0; k < im->landcover->len; k++)
    {
      const Landcover *l = &g_array_index (im->landcover, Landcover, k);

      if (l->cls != LC_LANDCOVER_RESIDENTIAL)
        continue;
      g_array_append_val (areas, k);
      ext[0] = MIN (ext[0], l->bbox[0]);
      ext[1] = MIN (ext[1], l->bbox[1]);
      ext[2] = MAX (ext[2], l->bbox[2]);
      ext[3] = MAX (ext[3], l->bbox[3]);
    }
  if (areas->len > 0)
    {
      cw = MAX ((ext[2] - ext[0]) / AREA_GRID, 1e-9);
      ch = MAX ((ext[3] - ext[1]) / AREA_GRID, 1e-9);
      for (guint a = 0; a < areas->len; a++)
        {
          guint k = g_array_index (areas, guint, a);
          const Landcover *l = &g_array_index (im->landcover, Landcover, k);
          int x0 = CLAMP ((int) ((l->bbox[0] - ext[0]) / cw), 0, AREA_GRID - 1);
          int x1 = CLAMP ((int) ((l->bbox[2] - ext[0]) / cw), 0, AREA_GRID - 1);
          int y0 = CLAMP ((int) ((l->bbox[1] - ext[1]) / ch), 0, AREA_GRID - 1);
          int y1 = CLAMP ((int) ((l->bbox[3] - ext[1]) / ch), 0, AREA_GRID - 1);

          for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
              {
                GArray **cell = &cells[y * AREA_GRID + x];

                if (*cell == NULL)
                  *cell = g_array_new (FALSE, FALSE, sizeof (guint));
                g_array_append_val (*cell, k);
              }
        }
    }

  for (guint i = 0; i < im->buildings->len; i++)
    {
      Building *b = &g_array_index (im->buildings, Building, i);

      if (!b->residential && g_strcmp0 (b->building, "yes") == 0 && areas->len > 0 &&
          b->cx >= ext[0] && b->cx <= ext[2] && b->cy >= ext[1] && b->cy <= ext[3])
        {
          int x = CLAMP ((int) ((b->cx - ext[0]) / cw), 0, AREA_GRID - 1);
          int y = CLAMP ((int) ((b->cy - ext[1]) / ch), 0, AREA_GRID - 1);
          GArray *cell = cells[y * AREA_GRID + x];

          for (guint c = 0; cell != NULL && c < cell->len && !b->residential; c++)
            {
              const Landcover *l = &g_array_index (im->landcover, Landcover, g_array_index (cell, guint, c));

              if (b->cx >= l->bbox[0] && b->cx <= l->bbox[2] && b->cy >= l->bbox[1] && b->cy <= l->bbox[3] &&
                  lc_geometry_contains_point (l->geometry, b->cx, b->cy))
                b->residential = TRUE;
            }
        }

      im->report->buildings++;
      if (b->residential)
        {
          b->population = lc_estimate_residents (footprint_area_m2 (b->geometry), b->levels);
          im->report->residential_buildings++;
          im->report->population += b->population;
        }
    }

  for (guint i = 0; i < AREA_GRID * AREA_GRID; i++)
    if (cells[i] != NULL)
      g_array_unref (cells[i]);
}

static LcGeometry *
bounds_polygon (const double bounds[4])
{
  LcGeometry *g = lc_geometry_new (LC_GEOMETRY_MULTIPOLYGON);

  lc_geometry_add_point (g, bounds[0], bounds[1]);
  lc_geometry_add_point (g, bounds[2], bounds[1]);
  lc_geometry_add_point (g, bounds[2], bounds[3]);
  lc_geometry_add_point (g, bounds[0], bounds[3]);
  lc_geometry_add_point (g, bounds[0], bounds[1]);
  lc_geometry_end_part (g);
  lc_geometry_end_group (g);
  return g;
}

static BoundaryCandidate *
find_boundary (Importer   *im,
               const char *wanted)
{
  gint64 id = 0;
  const char *digits = wanted[0] == 'r' || wanted[0] == 'R' ? wanted + 1 : wanted;
  gboolean by_id = g_ascii_string_to_signed (digits, 10, G_MININT64, G_MAXINT64, &id, NULL);

  for (guint i = 0; i < im->boundaries->len; i++)
    {
      BoundaryCandidate *b = im->boundaries->pdata[i];

      if (by_id ? b->id == id : (g_strcmp0 (b->name, wanted) == 0 || g_strcmp0 (b->name_zh, wanted) == 0))
        return b;
    }
  return NULL;
}

/* The unit boundary asked for: the relation's outer rings when the file
 * holds all of them, else the data's bounds, and the report says so */
LcGeometry *
lc_osm_make_boundary (Importer  *im,
                      GError   **error)
{
  BoundaryCandidate *b;
  LcGeometry *g;
  guint unclosed = 0, missing = 0;
  gboolean complete;

  if (im->options->boundary == NULL)
    return NULL;

  b = find_boundary (im, im->options->boundary);
  if (b == NULL)
    {
      g_set_error (error, LC_OSM_ERROR, LC_OSM_ERROR_BOUNDARY,
                   _("The file has no administrative boundary “%s” (give a relation id or a name)."),
                   im->options->boundary);
      return NULL;
    }

  im->report->boundary_name = g_strdup (b->name_zh != NULL ? b->name_zh : b->name != NULL ? b->name : im->options->boundary);

  complete = b->outer_ways->len > 0 && g_array_index (b->outer_ways, gint64, b->outer_ways->len - 1) != 0;
  g = lc_geometry_new (LC_GEOMETRY_POLYGON);
  if (complete)
    lc_osm_assemble_rings (im, b->outer_ways, g, &unclosed, &missing);

  if (!complete || unclosed > 0 || missing > 0 || g->n_parts == 0)
    {
      lc_geometry_free (g);
      im->report->boundary_from_bounds = TRUE;
      return bounds_polygon (im->report->bounds);
    }

  /* Each outer ring a polygon of its own */
  return lc_osm_rings_as_polygons (g, NULL);
}
