/* lc-walk-graph.c: the walking network as a compact graph, and bounded searches on it
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-walk-graph"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lc-geo.h"
#include "lc-walk-graph.h"

/*
 * The graph is a set of flat arrays, not an object per node: coordinates,
 * CSR offsets and arcs, and an edge list for snapping. A city of a million
 * nodes then fits in about 60 MB and a search walks memory in order.
 *
 * Lengths are whole centimetres (guint32). Integers make the search a bucket
 * queue (Dial's algorithm, with buckets as wide as nearly all arcs: see
 * lc_walk_search_run()): O(1) per push and pop instead of a heap's
 * O(log n), and no floating-point ties. A centimetre is far below anything
 * a planner measures (thresholds are hundreds of metres); each edge rounds
 * by at most 0.5 cm, so a route of a hundred edges is off by at most 50 cm,
 * typically a few centimetres.
 *
 * Nodes are numbered along a Hilbert curve, so that nodes near each other on
 * the map are near each other in memory, and a search that spreads out from
 * a facility touches few cache lines.
 */

#define NONE G_MAXUINT32

struct _LcWalkGraphBuilder
{
  GArray *lonlat;     /* double: lon, lat of every vertex of every line */
  GArray *line_ends;  /* guint: vertex index one past each line */
};

struct _LcWalkGraph
{
  gatomicrefcount ref_count;

  guint      n_nodes;
  guint      n_edges;

  /* Local equirectangular projection around the centre, metres */
  double     lon0, lat0, kx, ky;

  double    *lonlat;    /* 2 × n_nodes, WGS-84 degrees */
  double    *xy;        /* 2 × n_nodes, projected metres */

  guint32   *offsets;   /* n_nodes + 1 */
  LcWalkArc *arcs;      /* 2 × n_edges */

  guint32   *edge_uv;   /* 2 × n_edges */
  guint32   *edge_cm;   /* n_edges */
  guint8    *node_island;  /* n_nodes: 1 when the node is on an island (see mark_islands()) */
  guint      n_islands;

  /* Uniform grid over the edges' bounding boxes, for snapping */
  double     grid_x0, grid_y0, cell_m;
  guint      grid_w, grid_h;
  guint32   *cell_start;  /* grid_w × grid_h + 1 */
  guint32   *cell_edges;
};

/* A queued label: an entry whose node has a lower label since is stale */
typedef struct
{
  guint32 node;
  guint32 dist;
} Entry;

typedef struct
{
  Entry   *entries;
  guint32  len, cap;
} Bucket;

/* The scratch space of a search, kept between runs so that a run allocates
 * nothing once the buckets have grown. Labels are the caller's array. */
struct _LcWalkSearch
{
  LcWalkGraph *graph;
  guint        shift;       /* buckets are 2^shift centimetres wide */
  Bucket      *buckets;     /* all empty between runs */
  guint32      n_buckets;
  Entry       *sorted;      /* the largest bucket: sorting space */
  guint32      sorted_cap;
  Entry       *spare;       /* an empty bucket's array, swapped in */
  guint32      spare_cap;
};

/**
 * lc_walk_graph_builder_new:
 *
 * Returns: (transfer full): an empty builder; add lines, then finish it
 */
LcWalkGraphBuilder *
lc_walk_graph_builder_new (void)
{
  LcWalkGraphBuilder *self = g_new0 (LcWalkGraphBuilder, 1);

  self->lonlat = g_array_new (FALSE, FALSE, sizeof (double));
  self->line_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

void
lc_walk_graph_builder_free (LcWalkGraphBuilder *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->lonlat);
  g_array_unref (self->line_ends);
  g_free (self);
}

/**
 * lc_walk_graph_builder_add_line:
 * @lonlat: (array length=n_points): longitude, latitude pairs, WGS-84 degrees
 *
 * Adds one walkable line. Lines meet where they share a vertex (the same
 * coordinates, as OpenStreetMap ways share nodes); a line's end also meets
 * any vertex within %LC_WALK_GRAPH_JOIN_M.
 */
void
lc_walk_graph_builder_add_line (LcWalkGraphBuilder *self,
                                const double       *lonlat,
                                guint               n_points)
{
  guint end;

  if (n_points < 2)
    return;
  g_array_append_vals (self->lonlat, lonlat, 2 * n_points);
  end = self->lonlat->len / 2;
  g_array_append_val (self->line_ends, end);
}

typedef struct
{
  guint64 key;
  guint32 index;
} KeyIndex;

static int
compare_key_index (const void *a,
                   const void *b)
{
  const KeyIndex *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

static guint32
uf_find (guint32 *parent,
         guint32  i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

static void
uf_union (guint32 *parent,
          guint32  a,
          guint32  b)
{
  a = uf_find (parent, a);
  b = uf_find (parent, b);
  /* The smaller index wins, so that the result does not depend on order */
  if (a < b)
    parent[b] = a;
  else if (b < a)
    parent[a] = b;
}

static guint64
cell_key (gint64 cx,
          gint64 cy)
{
  return ((guint64) (guint32) (cx + G_MAXINT32) << 32) | (guint32) (cy + G_MAXINT32);
}

/* Distance along a Hilbert curve filling a 65536 × 65536 grid */
static guint64
hilbert_index (guint32 x,
               guint32 y)
{
  const guint32 n = 1u << 16;
  guint64 d = 0;

  for (guint32 s = n / 2; s > 0; s /= 2)
    {
      guint32 rx = (x & s) > 0, ry = (y & s) > 0;

      d += (guint64) s * s * ((3 * rx) ^ ry);
      if (ry == 0)
        {
          guint32 t;

          if (rx == 1)
            {
              x = n - 1 - x;
              y = n - 1 - y;
            }
          t = x;
          x = y;
          y = t;
        }
    }
  return d;
}

static void
build_snap_grid (LcWalkGraph *g)
{
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double cell;
  guint n_cells;
  guint32 *fill;

  for (guint i = 0; i < g->n_nodes; i++)
    {
      min_x = MIN (min_x, g->xy[2 * i]);
      max_x = MAX (max_x, g->xy[2 * i]);
      min_y = MIN (min_y, g->xy[2 * i + 1]);
      max_y = MAX (max_y, g->xy[2 * i + 1]);
    }
  if (g->n_nodes == 0)
    min_x = min_y = max_x = max_y = 0;

  /* About two edges per cell, and never more than 4M cells */
  cell = sqrt (MAX ((max_x - min_x) * (max_y - min_y), 1.0) / MAX (g->n_edges, 1)) * 1.5;
  cell = CLAMP (cell, 5.0, 2000.0);
  while (((max_x - min_x) / cell + 1) * ((max_y - min_y) / cell + 1) > 4e6)
    cell *= 2;

  g->cell_m = cell;
  g->grid_x0 = min_x;
  g->grid_y0 = min_y;
  g->grid_w = (guint) ((max_x - min_x) / cell) + 1;
  g->grid_h = (guint) ((max_y - min_y) / cell) + 1;
  n_cells = g->grid_w * g->grid_h;
  g->cell_start = g_new0 (guint32, n_cells + 1);

  /* Two passes: count the cells of each edge's bounding box, then fill */
  for (int pass = 0; pass < 2; pass++)
    {
      fill = pass == 0 ? NULL : g_memdup2 (g->cell_start, sizeof (guint32) * n_cells);

      for (guint e = 0; e < g->n_edges; e++)
        {
          const double *a = &g->xy[2 * g->edge_uv[2 * e]], *b = &g->xy[2 * g->edge_uv[2 * e + 1]];
          guint x0 = (guint) ((MIN (a[0], b[0]) - min_x) / cell), x1 = (guint) ((MAX (a[0], b[0]) - min_x) / cell);
          guint y0 = (guint) ((MIN (a[1], b[1]) - min_y) / cell), y1 = (guint) ((MAX (a[1], b[1]) - min_y) / cell);

          for (guint y = y0; y <= y1; y++)
            for (guint x = x0; x <= x1; x++)
              {
                guint c = y * g->grid_w + x;

                if (pass == 0)
                  g->cell_start[c + 1]++;
                else
                  g->cell_edges[fill[c]++] = e;
              }
        }

      if (pass == 0)
        {
          for (guint c = 0; c < n_cells; c++)
            g->cell_start[c + 1] += g->cell_start[c];
          g->cell_edges = g_new (guint32, MAX (g->cell_start[n_cells], 1));
        }
      g_free (fill);
    }
}

/*
 * Islands: small pieces of the network joined to nothing else, such as a
 * footway inside a campus or a compound whose gate OpenStreetMap lacks. A
 * facility or a home snapped onto one reaches nobody, or nothing, though
 * people plainly walk out of it. A connected part is an island when it has
 * fewer than LC_WALK_GRAPH_ISLAND_SHARE of the largest part's nodes (and
 * fewer than LC_WALK_GRAPH_ISLAND_MAX_NODES): large parts, such as two
 * halves of a unit split by a river, are never islands.
 */
static void
mark_islands (LcWalkGraph *g)
{
  g_autofree guint32 *parent = g_new (guint32, g->n_nodes + 1);
  g_autofree guint32 *size = g_new0 (guint32, g->n_nodes + 1);
  guint32 largest = 0;

  for (guint n = 0; n < g->n_nodes; n++)
    parent[n] = n;
  for (guint e = 0; e < g->n_edges; e++)
    uf_union (parent, g->edge_uv[2 * e], g->edge_uv[2 * e + 1]);
  for (guint n = 0; n < g->n_nodes; n++)
    largest = MAX (largest, ++size[uf_find (parent, n)]);

  g->node_island = g_new0 (guint8, g->n_nodes + 1);
  for (guint n = 0; n < g->n_nodes; n++)
    {
      guint32 root = uf_find (parent, n);

      g->node_island[n] = size[root] < LC_WALK_GRAPH_ISLAND_MAX_NODES && size[root] < largest * LC_WALK_GRAPH_ISLAND_SHARE;
      g->n_islands += g->node_island[n] && root == n;
    }
}

/**
 * lc_walk_graph_builder_finish:
 * @builder: (transfer full): freed by this call
 *
 * Joins the lines into a graph: a node wherever lines share a vertex, and
 * at every other vertex too, so that each edge is one straight segment
 * (what the map draws, coloured by its ends' distances).
 *
 * Returns: (transfer full): the graph, possibly with no nodes
 */
LcWalkGraph *
lc_walk_graph_builder_finish (LcWalkGraphBuilder *builder)
{
  LcWalkGraph *g = g_new0 (LcWalkGraph, 1);
  guint n_vertices = builder->lonlat->len / 2;
  const double *ll = (const double *) builder->lonlat->data;
  const guint *line_ends = (const guint *) builder->line_ends->data;
  g_autofree double *xy = NULL;
  g_autofree guint32 *parent = NULL;
  g_autofree guint8 *is_end = NULL;
  g_autofree KeyIndex *keys = NULL;
  g_autofree guint32 *node_of = NULL;
  g_autofree guint32 *root_node = NULL;
  g_autofree guint32 *degree = NULL;
  double min_lon = G_MAXDOUBLE, min_lat = G_MAXDOUBLE, max_lon = -G_MAXDOUBLE, max_lat = -G_MAXDOUBLE;
  const double cell = 4 * LC_WALK_GRAPH_JOIN_M;
  guint n_nodes = 0, n_edges = 0, start;

  g_atomic_ref_count_init (&g->ref_count);

  for (guint i = 0; i < n_vertices; i++)
    {
      min_lon = MIN (min_lon, ll[2 * i]);
      max_lon = MAX (max_lon, ll[2 * i]);
      min_lat = MIN (min_lat, ll[2 * i + 1]);
      max_lat = MAX (max_lat, ll[2 * i + 1]);
    }
  if (n_vertices == 0)
    min_lon = max_lon = min_lat = max_lat = 0;
  g->lon0 = (min_lon + max_lon) / 2;
  g->lat0 = (min_lat + max_lat) / 2;
  lc_geo_metres_per_degree (g->lat0, &g->kx, &g->ky);

  xy = g_new (double, 2 * (gsize) n_vertices + 1);
  parent = g_new (guint32, n_vertices + 1);
  is_end = g_new0 (guint8, n_vertices + 1);
  keys = g_new (KeyIndex, n_vertices + 1);
  for (guint i = 0; i < n_vertices; i++)
    {
      xy[2 * i] = (ll[2 * i] - g->lon0) * g->kx;
      xy[2 * i + 1] = (ll[2 * i + 1] - g->lat0) * g->ky;
      parent[i] = i;
      keys[i].key = cell_key ((gint64) floor (xy[2 * i] / cell), (gint64) floor (xy[2 * i + 1] / cell));
      keys[i].index = i;
    }
  start = 0;
  for (guint l = 0; l < builder->line_ends->len; l++)
    {
      is_end[start] = is_end[line_ends[l] - 1] = 1;
      start = line_ends[l];
    }

  /* Join shared vertices, and line ends to anything within the tolerance,
   * through a grid of cells four tolerances wide */
  if (n_vertices > 1)
    qsort (keys, n_vertices, sizeof (KeyIndex), compare_key_index);
  for (guint a = 0; a < n_vertices;)
    {
      guint b = a + 1;

      while (b < n_vertices && keys[b].key == keys[a].key)
        b++;
      for (guint i = a; i < b; i++)
        for (guint j = i + 1; j < b; j++)
          {
            guint32 p = keys[i].index, q = keys[j].index;
            gboolean same = ll[2 * p] == ll[2 * q] && ll[2 * p + 1] == ll[2 * q + 1];

            if (same || ((is_end[p] || is_end[q]) &&
                         hypot (xy[2 * p] - xy[2 * q], xy[2 * p + 1] - xy[2 * q + 1]) <= LC_WALK_GRAPH_JOIN_M))
              uf_union (parent, p, q);
          }
      a = b;
    }
  for (guint p = 0; p < n_vertices; p++)
    {
      gint64 cx, cy;

      if (!is_end[p])
        continue;
      cx = (gint64) floor (xy[2 * p] / cell);
      cy = (gint64) floor (xy[2 * p + 1] / cell);
      for (gint64 dx = -1; dx <= 1; dx++)
        for (gint64 dy = -1; dy <= 1; dy++)
          {
            double near_x = xy[2 * p] + dx * LC_WALK_GRAPH_JOIN_M, near_y = xy[2 * p + 1] + dy * LC_WALK_GRAPH_JOIN_M;
            KeyIndex probe;
            KeyIndex *hit;
            gsize lo = 0, hi = n_vertices;

            /* Only the neighbouring cells the tolerance reaches into */
            if ((dx == 0 && dy == 0) ||
                (gint64) floor (near_x / cell) != cx + dx || (gint64) floor (near_y / cell) != cy + dy)
              continue;
            probe.key = cell_key (cx + dx, cy + dy);
            probe.index = 0;
            while (lo < hi)
              {
                gsize mid = (lo + hi) / 2;

                if (keys[mid].key < probe.key)
                  lo = mid + 1;
                else
                  hi = mid;
              }
            for (hit = keys + lo; hit < keys + n_vertices && hit->key == probe.key; hit++)
              if (hypot (xy[2 * p] - xy[2 * hit->index], xy[2 * p + 1] - xy[2 * hit->index + 1]) <=
                  LC_WALK_GRAPH_JOIN_M)
                uf_union (parent, p, hit->index);
          }
    }

  /* One node per group of joined vertices, numbered along a Hilbert curve */
  root_node = g_new (guint32, n_vertices + 1);
  for (guint i = 0; i < n_vertices; i++)
    if (uf_find (parent, i) == i)
      {
        double hx = (ll[2 * i] - min_lon) / MAX (max_lon - min_lon, 1e-12) * 65535.0;
        double hy = (ll[2 * i + 1] - min_lat) / MAX (max_lat - min_lat, 1e-12) * 65535.0;

        keys[n_nodes].key = hilbert_index ((guint32) CLAMP (hx, 0, 65535), (guint32) CLAMP (hy, 0, 65535));
        keys[n_nodes].index = i;
        n_nodes++;
      }
  if (n_nodes > 1)
    qsort (keys, n_nodes, sizeof (KeyIndex), compare_key_index);

  g->n_nodes = n_nodes;
  g->lonlat = g_new (double, 2 * (gsize) n_nodes + 1);
  g->xy = g_new (double, 2 * (gsize) n_nodes + 1);
  for (guint n = 0; n < n_nodes; n++)
    {
      guint32 v = keys[n].index;

      root_node[v] = n;
      g->lonlat[2 * n] = ll[2 * v];
      g->lonlat[2 * n + 1] = ll[2 * v + 1];
      g->xy[2 * n] = xy[2 * v];
      g->xy[2 * n + 1] = xy[2 * v + 1];
    }
  node_of = g_new (guint32, n_vertices + 1);
  for (guint i = 0; i < n_vertices; i++)
    node_of[i] = root_node[uf_find (parent, i)];

  /* One edge per segment between two different nodes */
  g->edge_uv = g_new (guint32, 2 * (gsize) (n_vertices + 1));
  g->edge_cm = g_new (guint32, n_vertices + 1);
  start = 0;
  for (guint l = 0; l < builder->line_ends->len; l++)
    {
      for (guint i = start + 1; i < line_ends[l]; i++)
        {
          guint32 u = node_of[i - 1], v = node_of[i];
          double m;

          if (u == v)
            continue;
          m = lc_geo_distance (ll[2 * i - 1], ll[2 * i - 2], ll[2 * i + 1], ll[2 * i]);
          g->edge_uv[2 * n_edges] = u;
          g->edge_uv[2 * n_edges + 1] = v;
          g->edge_cm[n_edges] = (guint32) MIN (round (m * 100), (double) (G_MAXUINT32 / 4));
          n_edges++;
        }
      start = line_ends[l];
    }
  g->n_edges = n_edges;
  g->edge_uv = g_renew (guint32, g->edge_uv, 2 * (gsize) n_edges + 1);
  g->edge_cm = g_renew (guint32, g->edge_cm, n_edges + 1);

  /* Adjacency in CSR form: the arcs of node n are arcs[offsets[n] .. offsets[n + 1]] */
  degree = g_new0 (guint32, n_nodes + 1);
  g->offsets = g_new0 (guint32, n_nodes + 1);
  g->arcs = g_new (LcWalkArc, 2 * (gsize) n_edges + 1);
  for (guint e = 0; e < n_edges; e++)
    {
      g->offsets[g->edge_uv[2 * e] + 1]++;
      g->offsets[g->edge_uv[2 * e + 1] + 1]++;
    }
  for (guint n = 0; n < n_nodes; n++)
    g->offsets[n + 1] += g->offsets[n];
  for (guint e = 0; e < n_edges; e++)
    {
      guint32 u = g->edge_uv[2 * e], v = g->edge_uv[2 * e + 1];

      g->arcs[g->offsets[u] + degree[u]++] = (LcWalkArc) { v, g->edge_cm[e] };
      g->arcs[g->offsets[v] + degree[v]++] = (LcWalkArc) { u, g->edge_cm[e] };
    }

  mark_islands (g);
  build_snap_grid (g);
  lc_walk_graph_builder_free (builder);
  return g;
}

LcWalkGraph *
lc_walk_graph_ref (LcWalkGraph *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
lc_walk_graph_unref (LcWalkGraph *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->lonlat);
  g_free (self->xy);
  g_free (self->offsets);
  g_free (self->arcs);
  g_free (self->edge_uv);
  g_free (self->edge_cm);
  g_free (self->node_island);
  g_free (self->cell_start);
  g_free (self->cell_edges);
  g_free (self);
}

guint
lc_walk_graph_get_n_nodes (const LcWalkGraph *self)
{
  return self->n_nodes;
}

guint
lc_walk_graph_get_n_edges (const LcWalkGraph *self)
{
  return self->n_edges;
}

/**
 * lc_walk_graph_get_node:
 * @lon: (out): WGS-84 degrees
 * @lat: (out): WGS-84 degrees
 */
void
lc_walk_graph_get_node (const LcWalkGraph *self,
                        guint              node,
                        double            *lon,
                        double            *lat)
{
  g_return_if_fail (node < self->n_nodes);
  *lon = self->lonlat[2 * node];
  *lat = self->lonlat[2 * node + 1];
}

/**
 * lc_walk_graph_get_node_xy:
 * @x: (out): metres east of the graph's centre
 * @y: (out): metres north of the graph's centre
 */
void
lc_walk_graph_get_node_xy (const LcWalkGraph *self,
                           guint              node,
                           double            *x,
                           double            *y)
{
  g_return_if_fail (node < self->n_nodes);
  *x = self->xy[2 * node];
  *y = self->xy[2 * node + 1];
}

/**
 * lc_walk_graph_project:
 *
 * Projects a WGS-84 point into the graph's local plane (metres from its
 * centre, equirectangular: within a city the error is well under 0.1 %).
 */
void
lc_walk_graph_project (const LcWalkGraph *self,
                       double             lon,
                       double             lat,
                       double            *x,
                       double            *y)
{
  *x = (lon - self->lon0) * self->kx;
  *y = (lat - self->lat0) * self->ky;
}

/**
 * lc_walk_graph_get_edge:
 * @u: (out) (optional): the first node
 * @v: (out) (optional): the second node
 * @length_cm: (out) (optional): the length, centimetres
 */
void
lc_walk_graph_get_edge (const LcWalkGraph *self,
                        guint              edge,
                        guint             *u,
                        guint             *v,
                        guint32           *length_cm)
{
  g_return_if_fail (edge < self->n_edges);
  if (u != NULL)
    *u = self->edge_uv[2 * edge];
  if (v != NULL)
    *v = self->edge_uv[2 * edge + 1];
  if (length_cm != NULL)
    *length_cm = self->edge_cm[edge];
}

/**
 * lc_walk_graph_get_offsets:
 *
 * Returns: (transfer none): n_nodes + 1 offsets into lc_walk_graph_get_arcs()
 */
/**
 * lc_walk_graph_get_n_islands:
 *
 * Returns: how many small parts of the network are joined to nothing else
 * (see mark_islands()); lc_walk_graph_snap() avoids them
 */
guint
lc_walk_graph_get_n_islands (const LcWalkGraph *self)
{
  return self->n_islands;
}

/**
 * lc_walk_graph_edge_on_island:
 *
 * Returns: whether @edge is on an island
 */
gboolean
lc_walk_graph_edge_on_island (const LcWalkGraph *self,
                              guint              edge)
{
  g_return_val_if_fail (edge < self->n_edges, FALSE);
  return self->node_island[self->edge_uv[2 * edge]];
}

/**
 * lc_walk_graph_node_on_island:
 *
 * Returns: whether @node is on an island
 */
gboolean
lc_walk_graph_node_on_island (const LcWalkGraph *self,
                              guint              node)
{
  g_return_val_if_fail (node < self->n_nodes, FALSE);
  return self->node_island[node];
}

const guint32 *
lc_walk_graph_get_offsets (const LcWalkGraph *self)
{
  return self->offsets;
}

/**
 * lc_walk_graph_get_arcs:
 *
 * Returns: (transfer none): 2 × n_edges arcs, each edge in both directions
 */
const LcWalkArc *
lc_walk_graph_get_arcs (const LcWalkGraph *self)
{
  return self->arcs;
}

/* Squared distance from (px, py) to edge @e, and where along it */
static double
segment_distance2 (const LcWalkGraph *g,
                   guint32            e,
                   double             px,
                   double             py,
                   double            *t_out)
{
  const double *a = &g->xy[2 * g->edge_uv[2 * e]], *b = &g->xy[2 * g->edge_uv[2 * e + 1]];
  double dx = b[0] - a[0], dy = b[1] - a[1];
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - a[0]) * dx + (py - a[1]) * dy) / len2 : 0;
  double qx, qy;

  t = CLAMP (t, 0.0, 1.0);
  qx = a[0] + t * dx - px;
  qy = a[1] + t * dy - py;
  *t_out = t;
  return qx * qx + qy * qy;
}

/**
 * lc_walk_graph_snap:
 * @lon: WGS-84 degrees
 * @lat: WGS-84 degrees
 * @max_distance_m: how far from the network a point may be
 * @snap: (out caller-allocates): the nearest point of the network
 *
 * Finds the nearest edge to a point, searching rings of grid cells outwards
 * until no unseen edge can be nearer. Of edges at the same distance, the one
 * with the smallest number wins, so that results never depend on order.
 * Edges on islands (see mark_islands()) are passed over when an edge of the
 * main network is within @max_distance_m: people walk out of a campus or a
 * compound whose gate the map lacks, to the nearest street.
 *
 * Returns: %FALSE when no edge is within @max_distance_m
 */
gboolean
lc_walk_graph_snap (const LcWalkGraph *self,
                    double             lon,
                    double             lat,
                    double             max_distance_m,
                    LcWalkSnap        *snap)
{
  double px, py, best2[2] = { G_MAXDOUBLE, G_MAXDOUBLE }, best_t[2] = { 0, 0 };
  guint32 best[2] = { NONE, NONE };   /* [0] the main network, [1] islands */
  gint64 cx, cy, max_ring;
  guint which;

  if (self->n_edges == 0)
    return FALSE;

  lc_walk_graph_project (self, lon, lat, &px, &py);
  cx = (gint64) floor ((px - self->grid_x0) / self->cell_m);
  cy = (gint64) floor ((py - self->grid_y0) / self->cell_m);
  /* Far enough to cover the whole grid from wherever the point is */
  max_ring = MAX (MAX (ABS (cx), ABS (cx - (gint64) self->grid_w)),
                  MAX (ABS (cy), ABS (cy - (gint64) self->grid_h))) + 1;

  for (gint64 r = 0; r <= max_ring; r++)
    {
      /* Every edge not yet seen is at least (r - 1) cells away */
      double reach = (r - 1) * self->cell_m;

      if (reach > max_distance_m || (best[0] != NONE && best2[0] <= reach * reach))
        break;

      for (gint64 y = cy - r; y <= cy + r; y++)
        {
          if (y < 0 || y >= (gint64) self->grid_h)
            continue;
          for (gint64 x = cx - r; x <= cx + r; x += (y == cy - r || y == cy + r) ? 1 : 2 * r)
            {
              guint c;

              if (x >= 0 && x < (gint64) self->grid_w)
                {
                  c = (guint) y * self->grid_w + (guint) x;
                  for (guint32 k = self->cell_start[c]; k < self->cell_start[c + 1]; k++)
                    {
                      guint32 e = self->cell_edges[k];
                      guint i = self->node_island[self->edge_uv[2 * e]];
                      double t, d2 = segment_distance2 (self, e, px, py, &t);

                      if (d2 < best2[i] || (d2 == best2[i] && e < best[i]))
                        {
                          best2[i] = d2;
                          best[i] = e;
                          best_t[i] = t;
                        }
                    }
                }
              if (r == 0)
                break;
            }
        }
    }

  which = best[0] != NONE && sqrt (best2[0]) <= max_distance_m ? 0 : 1;
  if (best[which] == NONE || sqrt (best2[which]) > max_distance_m)
    return FALSE;

  snap->edge = best[which];
  snap->t = best_t[which];
  snap->pos_cm = (guint32) round (best_t[which] * self->edge_cm[best[which]]);
  snap->distance_cm = (guint32) round (sqrt (best2[which]) * 100);
  return TRUE;
}

/**
 * lc_walk_graph_snap_sources:
 * @edge: the edge a point snapped to
 * @pos_cm: where along it, from its first node
 * @base_cm: the label of the point itself (its snapping walk, any head start)
 * @sources: (out caller-allocates): the initial labels of the edge's two ends
 *
 * Starts a search from a point on an edge: through either end of the edge.
 */
void
lc_walk_graph_snap_sources (const LcWalkGraph *self,
                            guint              edge,
                            guint32            pos_cm,
                            guint32            base_cm,
                            LcWalkSource       sources[2])
{
  guint u, v;
  guint32 w;

  lc_walk_graph_get_edge (self, edge, &u, &v, &w);
  sources[0] = (LcWalkSource) { u, base_cm + pos_cm };
  sources[1] = (LcWalkSource) { v, base_cm + (w - MIN (w, pos_cm)) };
}

/**
 * lc_walk_graph_snap_label:
 * @snap: where a point meets the network
 * @distance_cm: (array): the labels of a search, one per node
 *
 * Returns: the label of the point through either end of its edge, its
 *   snapping walk included, centimetres; %LC_WALK_UNREACHED when the search
 *   reached neither end. A source on the same edge, reached along the edge
 *   alone, is the caller's to add.
 */
guint32
lc_walk_graph_snap_label (const LcWalkGraph *self,
                          const LcWalkSnap  *snap,
                          const guint32     *distance_cm)
{
  guint u, v;
  guint32 w;
  guint64 best = G_MAXUINT64;

  lc_walk_graph_get_edge (self, snap->edge, &u, &v, &w);
  if (distance_cm[u] != LC_WALK_UNREACHED)
    best = MIN (best, (guint64) distance_cm[u] + snap->pos_cm + snap->distance_cm);
  if (distance_cm[v] != LC_WALK_UNREACHED)
    best = MIN (best, (guint64) distance_cm[v] + (w - MIN (w, snap->pos_cm)) + snap->distance_cm);
  return (guint32) MIN (best, (guint64) LC_WALK_UNREACHED);
}

/* The bucket width, 2^shift centimetres: as wide as possible while at most
 * one arc in fifty is shorter. A bucket's nodes then settle in any order,
 * since no arc of that length or more ends in the same bucket; the few
 * shorter arcs put a node back into the current bucket (as in
 * delta-stepping), and it is relaxed again with its lower label. */
static guint
choose_shift (const LcWalkGraph *graph)
{
  guint64 count[33] = { 0 }, n_arcs = 2 * (guint64) graph->n_edges, shorter = 0;
  guint shift = 0;

  for (guint64 k = 0; k < n_arcs; k++)
    {
      guint32 len = graph->arcs[k].length_cm;

      count[len == 0 ? 0 : 32 - __builtin_clz (len)]++;   /* len < 2^i for i >= that */
    }
  for (guint i = 1; i <= 20; i++)
    {
      shorter += count[i - 1];
      if (shorter * 50 > n_arcs)
        break;
      shift = i - 1;
    }
  return shift;
}

/**
 * lc_walk_search_new:
 *
 * Returns: (transfer full): the scratch space of searches on @graph; reuse
 * it, one per thread, so that a search allocates nothing
 */
LcWalkSearch *
lc_walk_search_new (const LcWalkGraph *graph)
{
  LcWalkSearch *self = g_new0 (LcWalkSearch, 1);

  self->graph = lc_walk_graph_ref ((LcWalkGraph *) graph);
  self->shift = choose_shift (graph);
  return self;
}

void
lc_walk_search_free (LcWalkSearch *self)
{
  if (self == NULL)
    return;
  lc_walk_graph_unref (self->graph);
  for (guint32 k = 0; k < self->n_buckets; k++)
    g_free (self->buckets[k].entries);
  g_free (self->buckets);
  g_free (self->sorted);
  g_free (self->spare);
  g_free (self);
}

static inline void
bucket_push (Bucket  *bucket,
             guint32  node,
             guint32  dist)
{
  if (G_UNLIKELY (bucket->len == bucket->cap))
    {
      bucket->cap = MAX (64, 2 * bucket->cap);
      bucket->entries = g_renew (Entry, bucket->entries, bucket->cap);
    }
  bucket->entries[bucket->len++] = (Entry) { node, dist };
}

/* Sorts @n entries by node into @out with two or three passes of counting
 * sort on 11 bits: nodes are numbered along a Hilbert curve, so that the
 * bucket is then settled in one sweep over memory */
static const Entry *
sort_by_node (Entry   *in,
              Entry   *out,
              guint32  n,
              guint32  n_nodes)
{
  guint32 count[2048];

  for (guint bit = 0; bit == 0 || (n_nodes - 1) >> bit != 0; bit += 11)
    {
      Entry *tmp;
      guint32 sum = 0;

      memset (count, 0, sizeof count);
      for (guint32 i = 0; i < n; i++)
        count[(in[i].node >> bit) & 2047]++;
      for (guint d = 0; d < 2048; d++)
        {
          guint32 c = count[d];

          count[d] = sum;
          sum += c;
        }
      for (guint32 i = 0; i < n; i++)
        out[count[(in[i].node >> bit) & 2047]++] = in[i];
      tmp = in;
      in = out;
      out = tmp;
    }
  return in;
}

/**
 * lc_walk_search_run:
 * @sources: (array length=n_sources): initial distances of some nodes
 * @bound_cm: how far to search
 * @distance_cm: (out caller-allocates) (array): n_nodes distances, centimetres;
 *   %LC_WALK_UNREACHED beyond @bound_cm
 *
 * Multi-source Dijkstra with a bucket queue whose buckets are as wide as
 * (almost) the shortest arcs (Dinitz's refinement of Dial's algorithm): the
 * nodes of a bucket settle together, in the order of their numbers, a sweep
 * over memory rather than a jump per node. A bucket is an array of (node,
 * label) entries; an entry whose node has since got a lower label is passed
 * over. The labels are exact: the same as any Dijkstra's. The search stops
 * when the queue is empty, never labelling a node beyond the bound.
 *
 * The labels live in @distance_cm itself: a run writes n_nodes labels once
 * and copies nothing.
 *
 * Returns: the number of nodes reached
 */
guint
lc_walk_search_run (LcWalkSearch       *self,
                    const LcWalkSource *sources,
                    guint               n_sources,
                    guint32             bound_cm,
                    guint32            *distance_cm)
{
  const guint32 *restrict offsets = self->graph->offsets;
  const LcWalkArc *restrict arcs = self->graph->arcs;
  guint32 *restrict dist = distance_cm;
  const guint shift = self->shift;
  guint32 n_buckets = (bound_cm >> shift) + 1, lowest = G_MAXUINT32;
  guint n_nodes = self->graph->n_nodes, reached = 0;
  guint64 pending = 0;

  g_return_val_if_fail (bound_cm < G_MAXUINT32 / 2, 0);

  if (self->n_buckets < n_buckets)
    {
      self->buckets = g_renew (Bucket, self->buckets, n_buckets);
      memset (self->buckets + self->n_buckets, 0, sizeof (Bucket) * (n_buckets - self->n_buckets));
      self->n_buckets = n_buckets;
    }

  memset (dist, 0xff, sizeof (guint32) * n_nodes);

  for (guint i = 0; i < n_sources; i++)
    {
      guint32 v = sources[i].node, d = sources[i].distance_cm;

      if (d > bound_cm || d >= dist[v])
        continue;
      reached += dist[v] == LC_WALK_UNREACHED;
      dist[v] = d;
      bucket_push (&self->buckets[d >> shift], v, d);
      pending++;
      lowest = MIN (lowest, d >> shift);
    }

  for (guint32 k = lowest; pending > 0 && k < n_buckets; k++)
    {
      Bucket *bucket = &self->buckets[k];

      while (bucket->len > 0)
        {
          /* The entries so far make a round; the bucket gets the spare
           * array for those that short arcs add while they settle */
          Entry *batch = bucket->entries;
          guint32 n = bucket->len, batch_cap = bucket->cap;
          const Entry *e = batch;

          bucket->entries = self->spare;
          bucket->cap = self->spare_cap;
          bucket->len = 0;
          if (n > 64)
            {
              if (self->sorted_cap < n)
                {
                  self->sorted_cap = MAX (n, 2 * self->sorted_cap);
                  g_free (self->sorted);
                  self->sorted = g_new (Entry, self->sorted_cap);
                }
              e = sort_by_node (batch, self->sorted, n, n_nodes);
            }
          pending -= n;

          for (guint32 i = 0; i < n; i++)
            {
              guint32 u = e[i].node, d = e[i].dist;

              if (i + 8 < n)
                {
                  __builtin_prefetch (&offsets[e[i + 8].node]);
                  __builtin_prefetch (&dist[e[i + 8].node]);
                }
              if (i + 4 < n)
                __builtin_prefetch (&arcs[offsets[e[i + 4].node]]);

              /* Passed over: the node has a lower label since */
              if (dist[u] != d)
                continue;

              for (guint32 a = offsets[u], a_end = offsets[u + 1]; a < a_end; a++)
                {
                  guint32 v = arcs[a].target;
                  guint32 nd = d + arcs[a].length_cm;

                  if (nd > bound_cm || nd >= dist[v])
                    continue;
                  reached += dist[v] == LC_WALK_UNREACHED;
                  dist[v] = nd;
                  bucket_push (&self->buckets[nd >> shift], v, nd);
                  pending++;
                }
            }
          self->spare = batch;
          self->spare_cap = batch_cap;
        }
    }

  return reached;
}
