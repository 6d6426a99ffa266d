/* lc-osm-import.c: the status quo from an OpenStreetMap extract
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-osm-import"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "lc-bzip2-decompressor.h"
#include "lc-geo.h"
#include "lc-geometry.h"
#include "lc-json.h"
#include "lc-osm-import.h"
#include "lc-plan-schema.h"

/*
 * One pass over the XML with libxml2's push parser (SAX2): memory holds the
 * data kept (node coordinates, way node lists, the features found), never
 * the document. OSM files list nodes, then ways, then relations, so every
 * way finds its nodes and every relation its ways; what is missing is
 * counted as dangling, not guessed.
 *
 * Hostile input: a document type declaration (DTD) stops the import, since
 * OSM XML never has one and entity expansion (billion laughs, XXE) needs
 * one; the parser loads nothing from the network or the disk.
 *
 * Everything is written in one edit, so that a failed or cancelled import
 * leaves the plan as it was.
 */

G_DEFINE_QUARK (lc-osm-error-quark, lc_osm_error)

#define CHUNK_SIZE (64 * 1024)
#define COORD_SCALE 1e7     /* nodes are kept as 1e-7 degree integers, as OSM stores them */
#define DEFAULT_LEVELS 6    /* shared/docs/standards.md: levels when unknown */
#define FLOOR_AREA_PER_PERSON 35.0

typedef struct
{
  gint64 id;
  gint32 lat;
  gint32 lon;
} Node;

typedef struct
{
  gint64 id;
  guint  first;      /* index into refs */
  guint  n;
} Way;

typedef struct
{
  guint  way;        /* index into ways */
  char  *highway;    /* in the string pool */
  char  *name;
} WalkWay;

typedef struct
{
  LcGeometry *geometry;
  char       *name;
  char       *building;
  int         levels;         /* -1 unknown */
  gboolean    residential;
  char        osm_id[24];
  double      cx, cy;         /* a point inside (the outer ring's centroid) */
} Building;

typedef struct
{
  LcGeometry       *geometry;
  LcLandcoverClass  cls;
  char             *name;
  char              osm_id[24];
  double            bbox[4];
} Landcover;

typedef struct
{
  double  x, y;
  char   *name;
  char   *tags_json;
  GArray *matches;            /* LcOsmMatch */
  char    osm_id[24];
} Facility;

typedef struct
{
  gint64 id;
  char  *name;
  char  *name_zh;
  GArray *outer_ways;         /* gint64 way ids */
} BoundaryCandidate;

typedef enum { IN_NONE, IN_NODE, IN_WAY, IN_RELATION } Current;

typedef struct
{
  const LcOsmImportOptions *options;
  LcOsmMapping *mapping;
  LcOsmReport  *report;
  GError       *error;
  xmlParserCtxtPtr ctxt;

  /* the element being read */
  Current  current;
  gint64   current_id;
  double   node_lat, node_lon;
  GPtrArray *tag_keys;
  GPtrArray *tag_values;
  GStringChunk *element_strings;
  GArray  *current_refs;      /* gint64 */
  GArray  *members;           /* Member */
  gboolean seen_root;

  /* what is kept */
  GArray  *nodes;             /* Node, sorted by id once ways begin */
  gboolean nodes_sorted;
  GArray  *ways;              /* Way, in file order (ids ascend) */
  gboolean ways_sorted;
  GArray  *refs;              /* gint64 */
  GArray  *walk_ways;         /* WalkWay */
  GArray  *buildings;         /* Building */
  GArray  *landcover;         /* Landcover */
  GArray  *facilities;        /* Facility */
  GPtrArray *boundaries;      /* BoundaryCandidate */
  GStringChunk *strings;
  GArray  *match_scratch;
  gboolean have_bounds;
} Importer;

typedef struct
{
  char   type;                /* 'n', 'w', 'r' */
  gint64 ref;
  char  *role;                /* in element_strings */
} Member;

/* ---- small helpers ---- */

static LcOsmTags
current_tags (Importer *im)
{
  LcOsmTags tags = {
    (const char **) im->tag_keys->pdata,
    (const char **) im->tag_values->pdata,
    im->tag_keys->len,
  };
  return tags;
}

static const char *
tag (Importer   *im,
     const char *key)
{
  LcOsmTags tags = current_tags (im);
  return lc_osm_tags_get (&tags, key);
}

static gboolean
tag_is (Importer   *im,
        const char *key,
        const char *value)
{
  return g_strcmp0 (tag (im, key), value) == 0;
}

static gboolean
tag_in (Importer    *im,
        const char  *key,
        const char **values)
{
  const char *v = tag (im, key);

  return v != NULL && g_strv_contains (values, v);
}

/* The name residents use: name:zh, else name */
static char *
pooled_name (Importer *im)
{
  const char *name = tag (im, "name:zh");

  if (name == NULL)
    name = tag (im, "name");
  return name != NULL ? g_string_chunk_insert_const (im->strings, name) : NULL;
}

static int
compare_node (gconstpointer a,
              gconstpointer b)
{
  gint64 x = ((const Node *) a)->id, y = ((const Node *) b)->id;
  return x < y ? -1 : x > y;
}

static int
compare_way (gconstpointer a,
             gconstpointer b)
{
  gint64 x = ((const Way *) a)->id, y = ((const Way *) b)->id;
  return x < y ? -1 : x > y;
}

static const Node *
find_node (Importer *im,
           gint64    id)
{
  Node key = { id, 0, 0 };

  if (!im->nodes_sorted)
    {
      g_array_sort (im->nodes, compare_node);
      im->nodes_sorted = TRUE;
    }
  return bsearch (&key, im->nodes->data, im->nodes->len, sizeof (Node), compare_node);
}

static const Way *
find_way (Importer *im,
          gint64    id)
{
  Way key = { id, 0, 0 };

  if (!im->ways_sorted)
    {
      g_array_sort (im->ways, compare_way);
      im->ways_sorted = TRUE;
    }
  return bsearch (&key, im->ways->data, im->ways->len, sizeof (Way), compare_way);
}

static double
node_x (const Node *n)
{
  return n->lon / COORD_SCALE;
}

static double
node_y (const Node *n)
{
  return n->lat / COORD_SCALE;
}

static char *
tags_to_json (Importer *im)
{
  GString *out = g_string_new ("{");

  for (guint i = 0; i < im->tag_keys->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      lc_json_append_string (out, im->tag_keys->pdata[i]);
      g_string_append (out, ": ");
      lc_json_append_string (out, im->tag_values->pdata[i]);
    }
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

/* ---- classification ---- */

static const char *pedestrian_highways[] = {
  "footway", "path", "pedestrian", "living_street", "residential", "service", "steps", "cycleway",
  "tertiary", "tertiary_link", "secondary", "secondary_link", "primary", "primary_link",
  "unclassified", "track", "road", "corridor", "bridleway", "trunk_link", NULL
};

/* A way a pedestrian may use (shared/docs/design.md, "Coverage") */
static gboolean
is_walkable (Importer *im)
{
  static const char *no[] = { "no", "use_sidepath", NULL };
  static const char *yes[] = { "yes", "designated", "permissive", NULL };
  static const char *private[] = { "private", "no", NULL };
  const char *highway = tag (im, "highway");

  if (highway == NULL || tag_is (im, "area", "yes"))
    return FALSE;
  if (!g_strv_contains (pedestrian_highways, highway) && !tag_in (im, "foot", yes))
    return FALSE;
  if (tag_in (im, "foot", no))
    return FALSE;
  if (tag_in (im, "access", private) && !tag_in (im, "foot", yes))
    return FALSE;
  return TRUE;
}

static gboolean
is_residential_building (const char *building)
{
  static const char *types[] = {
    "residential", "apartments", "house", "dormitory", "detached", "semidetached_house",
    "terrace", "bungalow", "farm", NULL
  };
  return building != NULL && g_strv_contains (types, building);
}

static gboolean
landcover_class (Importer         *im,
                 LcLandcoverClass *cls)
{
  static const char *water_landuse[] = { "reservoir", "basin", NULL };
  static const char *green_landuse[] = {
    "grass", "forest", "meadow", "recreation_ground", "village_green", "cemetery", "orchard", NULL
  };
  static const char *green_leisure[] = { "park", "garden", "nature_reserve", "golf_course", "pitch", NULL };
  static const char *green_natural[] = { "wood", "scrub", "grassland", "heath", NULL };
  static const char *commercial[] = { "commercial", "retail", NULL };
  static const char *industrial[] = { "industrial", "railway", "construction", NULL };
  static const char *education[] = { "school", "university", "college", "kindergarten", NULL };
  const char *landuse = tag (im, "landuse");

  if (tag_is (im, "natural", "water") || tag_is (im, "waterway", "riverbank") || tag_in (im, "landuse", water_landuse))
    *cls = LC_LANDCOVER_WATER;
  else if (tag_in (im, "leisure", green_leisure) || tag_in (im, "landuse", green_landuse) ||
           tag_in (im, "natural", green_natural))
    *cls = LC_LANDCOVER_GREEN;
  else if (g_strcmp0 (landuse, "residential") == 0)
    *cls = LC_LANDCOVER_RESIDENTIAL;
  else if (tag_in (im, "landuse", commercial))
    *cls = LC_LANDCOVER_COMMERCIAL;
  else if (tag_in (im, "landuse", industrial))
    *cls = LC_LANDCOVER_INDUSTRIAL;
  else if (tag_in (im, "amenity", education) || g_strcmp0 (landuse, "education") == 0)
    *cls = LC_LANDCOVER_EDUCATION;
  else if (landuse != NULL)
    *cls = LC_LANDCOVER_OTHER;
  else
    return FALSE;
  return TRUE;
}

/* Tags that make a point of interest worth keeping as a facility */
static gboolean
is_poi (Importer *im)
{
  static const char *keys[] = {
    "amenity", "shop", "leisure", "tourism", "office", "healthcare", "emergency", "social_facility",
    "club", NULL
  };

  for (guint i = 0; keys[i] != NULL; i++)
    if (tag (im, keys[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* ---- geometry from references ---- */

/* Appends the coordinates of @n node refs to @g; returns how many are missing */
static guint
add_ref_points (Importer     *im,
                LcGeometry   *g,
                const gint64 *ids,
                guint         n)
{
  guint missing = 0;

  for (guint i = 0; i < n; i++)
    {
      const Node *node = find_node (im, ids[i]);

      if (node == NULL)
        missing++;
      else
        lc_geometry_add_point (g, node_x (node), node_y (node));
    }
  return missing;
}

/* Area-weighted centroid of the outer ring of a polygon geometry (first part) */
static void
ring_centroid (const LcGeometry *g,
               double           *cx,
               double           *cy)
{
  guint end = g->n_parts > 0 ? g->part_ends[0] : g->n_points;
  double a = 0, x = 0, y = 0;

  for (guint i = 0; i + 1 < end; i++)
    {
      double x0 = g->xy[2 * i] - g->xy[0], y0 = g->xy[2 * i + 1] - g->xy[1];
      double x1 = g->xy[2 * i + 2] - g->xy[0], y1 = g->xy[2 * i + 3] - g->xy[1];
      double cross = x0 * y1 - x1 * y0;

      a += cross;
      x += (x0 + x1) * cross;
      y += (y0 + y1) * cross;
    }

  if (fabs (a) < 1e-18)
    {
      /* Degenerate: the mean of the points */
      x = y = 0;
      for (guint i = 0; i < end; i++)
        {
          x += g->xy[2 * i];
          y += g->xy[2 * i + 1];
        }
      *cx = end > 0 ? x / end : 0;
      *cy = end > 0 ? y / end : 0;
      return;
    }

  *cx = g->xy[0] + x / (3 * a);
  *cy = g->xy[1] + y / (3 * a);
}

/* Area of a (multi)polygon in square metres, holes subtracted, on a local
 * equirectangular projection: within a building the error is negligible */
static double
polygon_area_m2 (const LcGeometry *g)
{
  double lat0 = g->n_points > 0 ? g->xy[1] : 0;
  double kx = LC_GEO_EARTH_RADIUS_M * G_PI / 180 * cos (lat0 * G_PI / 180);
  double ky = LC_GEO_EARTH_RADIUS_M * G_PI / 180;
  double total = 0;
  guint start = 0, group = 0, first_of_group = 0;

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

static gboolean
point_in_ring (const LcGeometry *g,
               guint             start,
               guint             end,
               double            x,
               double            y)
{
  gboolean inside = FALSE;

  for (guint i = start, j = end - 1; i < end; j = i++)
    {
      double xi = g->xy[2 * i], yi = g->xy[2 * i + 1];
      double xj = g->xy[2 * j], yj = g->xy[2 * j + 1];

      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
        inside = !inside;
    }
  return inside;
}

/* Whether (x, y) lies in the polygon: inside an outer ring and no hole */
static gboolean
point_in_polygon (const LcGeometry *g,
                  double            x,
                  double            y)
{
  guint start = 0, group = 0, first_of_group = 0;
  gboolean in_group = FALSE;

  for (guint p = 0; p < g->n_parts; p++)
    {
      gboolean in = point_in_ring (g, start, g->part_ends[p], x, y);

      if (p == first_of_group)
        in_group = in;
      else if (in)
        in_group = FALSE;

      start = g->part_ends[p];
      if (g->n_groups == 0 ? p + 1 == g->n_parts : p + 1 == g->group_ends[group])
        {
          if (in_group)
            return TRUE;
          first_of_group = p + 1;
          if (g->n_groups > 0)
            group++;
        }
    }
  return FALSE;
}

/* Joins member ways into closed rings (way ends meeting, in either
 * direction); adds each ring to @g as a part. Returns the rings made and
 * counts what could not be closed. */
static guint
assemble_rings (Importer   *im,
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
      const Way *w = find_way (im, g_array_index (way_ids, gint64, start));
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
              o = find_way (im, g_array_index (way_ids, gint64, k));
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

      if (add_ref_points (im, g, (gint64 *) (void *) ring->data, ring->len) > 0)
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

/* ---- features ---- */

static void
set_osm_id (char        *out,
            char         type,
            gint64       id)
{
  g_snprintf (out, 24, "%c%" G_GINT64_FORMAT, type, id);
}

static void
add_facility (Importer *im,
              double    x,
              double    y,
              char      type,
              gint64    id)
{
  LcOsmTags tags = current_tags (im);
  Facility f = { 0 };

  g_array_set_size (im->match_scratch, 0);
  lc_osm_mapping_classify (im->mapping, &tags, im->match_scratch);
  if (im->match_scratch->len == 0 && !is_poi (im))
    return;

  f.x = x;
  f.y = y;
  f.name = pooled_name (im);
  f.tags_json = tags_to_json (im);
  f.matches = g_array_copy (im->match_scratch);
  set_osm_id (f.osm_id, type, id);
  g_array_append_val (im->facilities, f);

  if (f.matches->len == 0)
    im->report->facilities_other++;
  for (guint i = 0; i < f.matches->len; i++)
    im->report->per_service[g_array_index (f.matches, LcOsmMatch, i).service - lc_services_get_all (NULL)]++;
  im->report->facilities++;
}

/* Keeps an area (a closed way or a multipolygon) as what its tags make it:
 * a building, a piece of landcover, a facility at its centre; takes @g */
static void
add_area (Importer   *im,
          LcGeometry *g,
          char        type,
          gint64      id)
{
  const char *building = tag (im, "building");
  LcLandcoverClass cls;
  double cx, cy;
  gboolean used = FALSE;

  ring_centroid (g, &cx, &cy);

  if (building != NULL && !g_str_equal (building, "no"))
    {
      Building b = { 0 };
      g_autofree char *levels = g_strdup (tag (im, "building:levels"));
      guint64 n;

      b.geometry = g;
      b.name = pooled_name (im);
      b.building = g_string_chunk_insert_const (im->strings, building);
      b.levels = levels != NULL && g_ascii_string_to_unsigned (g_strstrip (levels), 10, 0, 200, &n, NULL)
                 ? (int) n : -1;
      b.residential = is_residential_building (building);
      b.cx = cx;
      b.cy = cy;
      set_osm_id (b.osm_id, type, id);
      g_array_append_val (im->buildings, b);
      used = TRUE;
    }
  else if (landcover_class (im, &cls))
    {
      Landcover l = { 0 };

      l.geometry = g;
      l.cls = cls;
      l.name = pooled_name (im);
      set_osm_id (l.osm_id, type, id);
      lc_geometry_get_bounds (g, &l.bbox[0], &l.bbox[2], &l.bbox[1], &l.bbox[3]);
      g_array_append_val (im->landcover, l);
      im->report->landcover[cls]++;
      used = TRUE;
    }

  add_facility (im, cx, cy, type, id);

  if (!used)
    lc_geometry_free (g);
}

static void
end_node (Importer *im)
{
  Node node = { im->current_id, (gint32) lround (im->node_lat * COORD_SCALE),
                (gint32) lround (im->node_lon * COORD_SCALE) };

  if (im->nodes->len > 0 && g_array_index (im->nodes, Node, im->nodes->len - 1).id >= node.id)
    im->nodes_sorted = FALSE;
  g_array_append_val (im->nodes, node);
  im->report->nodes++;

  if (im->tag_keys->len > 0)
    add_facility (im, im->node_lon, im->node_lat, 'n', im->current_id);
}

static void
end_way (Importer *im)
{
  Way way = { im->current_id, im->refs->len, im->current_refs->len };
  const gint64 *ids = (const gint64 *) (void *) im->current_refs->data;
  guint n = im->current_refs->len;
  guint missing = 0;

  if (im->ways->len > 0 && g_array_index (im->ways, Way, im->ways->len - 1).id >= way.id)
    im->ways_sorted = FALSE;
  g_array_append_vals (im->refs, ids, n);
  g_array_append_val (im->ways, way);
  im->report->ways++;

  for (guint i = 0; i < n; i++)
    if (find_node (im, ids[i]) == NULL)
      missing++;
  if (missing > 0)
    {
      im->report->dangling_refs += missing;
      im->report->ways_with_dangling_refs++;
    }

  if (is_walkable (im))
    {
      WalkWay w = { im->ways->len - 1,
                    g_string_chunk_insert_const (im->strings, tag (im, "highway")),
                    pooled_name (im) };

      g_array_append_val (im->walk_ways, w);
      im->report->walkable_ways++;
    }

  if (im->tag_keys->len == 0)
    return;

  if (n >= 4 && ids[0] == ids[n - 1])
    {
      if (missing == 0)
        {
          LcGeometry *g = lc_geometry_new (LC_GEOMETRY_MULTIPOLYGON);

          add_ref_points (im, g, ids, n);
          lc_geometry_end_part (g);
          lc_geometry_end_group (g);
          add_area (im, g, 'w', im->current_id);
        }
    }
  else if (n > 0 && missing < n && is_poi (im))
    {
      /* An open way with POI tags: a facility at its first known node */
      for (guint i = 0; i < n; i++)
        {
          const Node *node = find_node (im, ids[i]);

          if (node != NULL)
            {
              add_facility (im, node_x (node), node_y (node), 'w', im->current_id);
              break;
            }
        }
    }
}

static void
end_relation (Importer *im)
{
  g_autoptr(GArray) outer = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) inner = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *type = tag (im, "type");
  gboolean multipolygon = g_strcmp0 (type, "multipolygon") == 0;
  gboolean boundary = (g_strcmp0 (type, "boundary") == 0 || multipolygon) &&
                      tag_is (im, "boundary", "administrative");
  guint missing_ways = 0;

  im->report->relations++;

  for (guint i = 0; i < im->members->len; i++)
    {
      const Member *m = &g_array_index (im->members, Member, i);

      if (m->type != 'w')
        continue;
      if (find_way (im, m->ref) == NULL)
        {
          missing_ways++;
          continue;
        }
      if (g_strcmp0 (m->role, "inner") == 0)
        g_array_append_val (inner, m->ref);
      else
        g_array_append_val (outer, m->ref);
    }

  if (boundary)
    {
      BoundaryCandidate *b = g_new0 (BoundaryCandidate, 1);

      b->id = im->current_id;
      b->name = g_strdup (tag (im, "name"));
      b->name_zh = g_strdup (tag (im, "name:zh"));
      b->outer_ways = g_array_copy (outer);
      /* Missing member ways make it incomplete: remembered as a sentinel */
      if (missing_ways > 0)
        {
          gint64 none = 0;
          g_array_append_val (b->outer_ways, none);
        }
      g_ptr_array_add (im->boundaries, b);
    }

  if (missing_ways > 0)
    {
      im->report->dangling_refs += missing_ways;
      im->report->incomplete_relations++;
    }

  if (multipolygon && !boundary && outer->len > 0)
    {
      LcGeometry *g = lc_geometry_new (LC_GEOMETRY_MULTIPOLYGON);
      guint unclosed = 0, missing = 0;
      guint n_outer = assemble_rings (im, outer, g, &unclosed, &missing);

      im->report->unclosed_rings += unclosed;
      if (n_outer == 0 || missing > 0 || unclosed > 0)
        {
          if (missing_ways == 0)
            im->report->incomplete_relations++;
          lc_geometry_free (g);
          return;
        }

      /* One polygon per outer ring, holes given to the first: enough for the
       * basemap and footprints; holes are rare in building relations */
      {
        LcGeometry *poly = lc_geometry_new (LC_GEOMETRY_MULTIPOLYGON);
        guint start = 0;

        for (guint p = 0; p < g->n_parts; p++)
          {
            for (guint i = start; i < g->part_ends[p]; i++)
              lc_geometry_add_point (poly, g->xy[2 * i], g->xy[2 * i + 1]);
            lc_geometry_end_part (poly);
            lc_geometry_end_group (poly);
            start = g->part_ends[p];
          }
        lc_geometry_free (g);
        g = poly;
      }

      if (inner->len > 0)
        {
          g_autoptr(LcGeometry) holes = lc_geometry_new (LC_GEOMETRY_POLYGON);

          assemble_rings (im, inner, holes, &unclosed, &missing);
          if (holes->n_parts > 0)
            {
              /* Rebuild: first polygon's outer ring, the holes, then the rest */
              LcGeometry *with = lc_geometry_new (LC_GEOMETRY_MULTIPOLYGON);
              guint start = 0;

              for (guint p = 0; p < g->n_parts; p++)
                {
                  for (guint i = start; i < g->part_ends[p]; i++)
                    lc_geometry_add_point (with, g->xy[2 * i], g->xy[2 * i + 1]);
                  lc_geometry_end_part (with);
                  start = g->part_ends[p];
                  if (p == 0)
                    {
                      guint hs = 0;

                      for (guint h = 0; h < holes->n_parts; h++)
                        {
                          for (guint i = hs; i < holes->part_ends[h]; i++)
                            lc_geometry_add_point (with, holes->xy[2 * i], holes->xy[2 * i + 1]);
                          lc_geometry_end_part (with);
                          hs = holes->part_ends[h];
                        }
                    }
                  lc_geometry_end_group (with);
                }
              lc_geometry_free (g);
              g = with;
            }
        }

      add_area (im, g, 'r', im->current_id);
    }
}

/* ---- the parser's callbacks ---- */

static void
stop (Importer   *im,
      int         code,
      const char *message)
{
  if (im->error == NULL)
    im->error = g_error_new_literal (LC_OSM_ERROR, code, message);
  xmlStopParser (im->ctxt);
}

/* Copies an attribute value (libxml2 gives start and end, not a string) */
static const char *
attr_value (const xmlChar **attrs,
            guint           i,
            char           *buf,
            gsize           size)
{
  gsize len = attrs[5 * i + 4] - attrs[5 * i + 3];

  len = MIN (len, size - 1);
  memcpy (buf, attrs[5 * i + 3], len);
  buf[len] = '\0';
  return buf;
}

static char *
attr_pooled (Importer       *im,
             const xmlChar **attrs,
             guint           i)
{
  gsize len = attrs[5 * i + 4] - attrs[5 * i + 3];

  return g_string_chunk_insert_len (im->element_strings, (const char *) attrs[5 * i + 3], len);
}

static gboolean
parse_int64 (const char *text,
             gint64     *out)
{
  return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, out, NULL);
}

/* An integer straight from the attribute's bytes: ids and refs are most of
 * the file, so no copy and no locale-aware parser */
static gboolean
parse_int64_span (const xmlChar *p,
                  const xmlChar *end,
                  gint64        *out)
{
  gboolean negative = FALSE;
  guint64 v = 0;

  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (p == end || end - p > 18)
    return FALSE;
  for (; p < end; p++)
    {
      if (*p < '0' || *p > '9')
        return FALSE;
      v = v * 10 + (*p - '0');
    }
  *out = negative ? -(gint64) v : (gint64) v;
  return TRUE;
}

/* A coordinate as OSM writes it (up to 7 decimals); anything else goes to
 * the general parser */
static gboolean
parse_coord_span (const xmlChar *p,
                  const xmlChar *end,
                  double         min,
                  double         max,
                  double        *out)
{
  const xmlChar *start = p;
  gboolean negative = FALSE;
  gint64 whole = 0, frac = 0;
  int digits = 0;
  static const double scale[] = { 1, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9 };

  if (p < end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  for (; p < end && *p >= '0' && *p <= '9' && p - start < 4; p++)
    whole = whole * 10 + (*p - '0');
  if (p < end && *p == '.')
    for (p++; p < end && *p >= '0' && *p <= '9' && digits < 9; p++, digits++)
      frac = frac * 10 + (*p - '0');

  if (p != end || p == start)
    {
      char buf[64];
      gsize len = MIN ((gsize) (end - start), sizeof buf - 1);
      char *stop = NULL;

      memcpy (buf, start, len);
      buf[len] = '\0';
      *out = g_ascii_strtod (buf, &stop);
      return stop != buf && *stop == '\0' && isfinite (*out) && *out >= min && *out <= max;
    }

  *out = (whole + frac * scale[digits]) * (negative ? -1 : 1);
  return *out >= min && *out <= max;
}

static gboolean
parse_coord (const char *text,
             double      min,
             double      max,
             double     *out)
{
  char *end = NULL;

  *out = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*out) && *out >= min && *out <= max;
}

static void
start_element (void           *ctx,
               const xmlChar  *localname,
               const xmlChar  *prefix,
               const xmlChar  *uri,
               int             n_namespaces,
               const xmlChar **namespaces,
               int             n_attributes,
               int             n_defaulted,
               const xmlChar **attrs)
{
  Importer *im = ctx;
  const char *name = (const char *) localname;
  char buf[64];

  if (!im->seen_root)
    {
      if (!g_str_equal (name, "osm"))
        {
          stop (im, LC_OSM_ERROR_INVALID,
                _("The file is XML but not OpenStreetMap data: it does not start with <osm>."));
          return;
        }
      im->seen_root = TRUE;
      return;
    }

  if (g_str_equal (name, "node") || g_str_equal (name, "way") || g_str_equal (name, "relation"))
    {
      gboolean have_id = FALSE, have_lat = FALSE, have_lon = FALSE;

      im->current = name[0] == 'n' ? IN_NODE : name[0] == 'w' ? IN_WAY : IN_RELATION;
      g_ptr_array_set_size (im->tag_keys, 0);
      g_ptr_array_set_size (im->tag_values, 0);
      g_array_set_size (im->current_refs, 0);
      g_array_set_size (im->members, 0);
      g_string_chunk_clear (im->element_strings);

      /* Attributes in any order */
      for (int i = 0; i < n_attributes; i++)
        {
          const char *a = (const char *) attrs[5 * i];
          const xmlChar *v = attrs[5 * i + 3], *end = attrs[5 * i + 4];

          if (a[0] == 'i' && a[1] == 'd' && a[2] == '\0')
            have_id = parse_int64_span (v, end, &im->current_id);
          else if (a[0] == 'l' && a[1] == 'a' && a[2] == 't' && a[3] == '\0')
            have_lat = parse_coord_span (v, end, -90, 90, &im->node_lat);
          else if (a[0] == 'l' && a[1] == 'o' && a[2] == 'n' && a[3] == '\0')
            have_lon = parse_coord_span (v, end, -180, 180, &im->node_lon);
        }

      if (!have_id || (im->current == IN_NODE && (!have_lat || !have_lon)))
        {
          g_autofree char *message =
            g_strdup_printf (_("Line %d has a <%s> without a valid id or coordinates."),
                             xmlSAX2GetLineNumber (im->ctxt), name);
          stop (im, LC_OSM_ERROR_INVALID, message);
        }
      return;
    }

  if (im->current == IN_NONE)
    {
      if (g_str_equal (name, "bounds"))
        {
          double v[4] = { 0 };
          guint found = 0;
          static const char *keys[] = { "minlon", "minlat", "maxlon", "maxlat" };

          for (int i = 0; i < n_attributes; i++)
            for (guint k = 0; k < 4; k++)
              if (g_str_equal ((const char *) attrs[5 * i], keys[k]) &&
                  parse_coord (attr_value (attrs, i, buf, sizeof buf), -180, 180, &v[k]))
                found++;
          if (found == 4)
            {
              memcpy (im->report->bounds, v, sizeof v);
              im->have_bounds = TRUE;
            }
        }
      return;
    }

  if (name[0] == 't' && g_str_equal (name, "tag"))
    {
      char *k = NULL, *v = NULL;

      for (int i = 0; i < n_attributes; i++)
        {
          const char *a = (const char *) attrs[5 * i];

          if (a[0] == 'k' && a[1] == '\0')
            k = attr_pooled (im, attrs, i);
          else if (a[0] == 'v' && a[1] == '\0')
            v = attr_pooled (im, attrs, i);
        }
      if (k != NULL && v != NULL)
        {
          g_ptr_array_add (im->tag_keys, k);
          g_ptr_array_add (im->tag_values, v);
        }
    }
  else if (name[0] == 'n' && name[1] == 'd' && name[2] == '\0' && im->current == IN_WAY)
    {
      for (int i = 0; i < n_attributes; i++)
        if (g_str_equal ((const char *) attrs[5 * i], "ref"))
          {
            gint64 ref;

            if (parse_int64_span (attrs[5 * i + 3], attrs[5 * i + 4], &ref))
              g_array_append_val (im->current_refs, ref);
          }
    }
  else if (g_str_equal (name, "member") && im->current == IN_RELATION)
    {
      Member m = { 0, 0, NULL };

      for (int i = 0; i < n_attributes; i++)
        {
          const char *a = (const char *) attrs[5 * i];

          if (g_str_equal (a, "type"))
            m.type = attrs[5 * i + 3][0];
          else if (g_str_equal (a, "ref"))
            parse_int64 (attr_value (attrs, i, buf, sizeof buf), &m.ref);
          else if (g_str_equal (a, "role"))
            m.role = attr_pooled (im, attrs, i);
        }
      g_array_append_val (im->members, m);
    }
}

static void
end_element (void          *ctx,
             const xmlChar *localname,
             const xmlChar *prefix,
             const xmlChar *uri)
{
  Importer *im = ctx;
  const char *name = (const char *) localname;

  if (im->current == IN_NODE && g_str_equal (name, "node"))
    end_node (im);
  else if (im->current == IN_WAY && g_str_equal (name, "way"))
    end_way (im);
  else if (im->current == IN_RELATION && g_str_equal (name, "relation"))
    end_relation (im);
  else
    return;

  im->current = IN_NONE;
}

/* OSM XML never declares a document type; entity attacks need one */
static void
internal_subset (void          *ctx,
                 const xmlChar *name,
                 const xmlChar *external_id,
                 const xmlChar *system_id)
{
  stop (ctx, LC_OSM_ERROR_UNSAFE,
        _("The file declares a document type (DTD). OpenStreetMap data never does, and a DTD can make "
          "an XML reader expand entities without end or read other files, so the file is refused."));
}

static xmlEntityPtr
get_entity (void          *ctx,
            const xmlChar *name)
{
  /* Only the five predefined ones (&amp; …), which libxml2 handles itself */
  return xmlGetPredefinedEntity (name);
}

static void
on_error (void       *ctx,
          const char *message,
          ...)
{
  Importer *im = ctx;
  g_autofree char *text = NULL;
  g_autofree char *full = NULL;
  va_list args;

  if (im->error != NULL)
    return;

  va_start (args, message);
  text = g_strdup_vprintf (message, args);
  va_end (args);
  g_strstrip (text);

  /* Translators: %d is a line number, %s libxml2's English description */
  full = g_strdup_printf (_("The file is not well-formed XML (line %d: %s)."),
                          xmlSAX2GetLineNumber (im->ctxt), text);
  stop (im, LC_OSM_ERROR_INVALID, full);
}

/* ---- after the last element ---- */

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

typedef struct
{
  LcGeometry *geometry;
  const WalkWay *way;
  double length;
} Edge;

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
          const Node *node = find_node (im, ids[k]);

          if (node == NULL)
            {
              /* The line breaks where the file lost a node */
              if (g != NULL && g->n_points >= 2)
                {
                  Edge e = { g, ww, 0 };
                  lc_geometry_end_part (g);
                  g_array_append_val (edges, e);
                }
              else
                lc_geometry_free (g);
              g = NULL;
              continue;
            }

          if (g == NULL)
            g = lc_geometry_new (LC_GEOMETRY_LINESTRING);
          lc_geometry_add_point (g, node_x (node), node_y (node));

          if (k > 0 && k + 1 < w->n && g->n_points >= 2 &&
              (node_use (used, ids[k]) > 1 || ids[k] == ids[0]))
            {
              Edge e = { g, ww, 0 };

              lc_geometry_end_part (g);
              g_array_append_val (edges, e);
              g = lc_geometry_new (LC_GEOMETRY_LINESTRING);
              lc_geometry_add_point (g, node_x (node), node_y (node));
            }
        }

      if (g != NULL && g->n_points >= 2)
        {
          Edge e = { g, ww, 0 };
          lc_geometry_end_part (g);
          g_array_append_val (edges, e);
        }
      else
        lc_geometry_free (g);
    }

  for (guint i = 0; i < edges->len; i++)
    {
      Edge *e = &g_array_index (edges, Edge, i);

      e->length = lc_geometry_get_length (e->geometry);
      im->report->path_length_m += e->length;
    }
  im->report->path_edges = edges->len;

  return edges;
}

/* Buildings tagged only building=yes are homes when they stand in a
 * residential area; then each home's population is estimated. The areas
 * are put in a grid over their extent, so each building looks at the few
 * areas of its own cell, not at all of them. */
#define AREA_GRID 64

static void
finish_buildings (Importer *im)
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
                  point_in_polygon (l->geometry, b->cx, b->cy))
                b->residential = TRUE;
            }
        }

      im->report->buildings++;
      if (b->residential)
        {
          im->report->residential_buildings++;
          im->report->population += polygon_area_m2 (b->geometry) *
                                    (b->levels > 0 ? b->levels : DEFAULT_LEVELS) / FLOOR_AREA_PER_PERSON;
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
  gboolean by_id = parse_int64 (digits, &id);

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
static LcGeometry *
make_boundary (Importer  *im,
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
    assemble_rings (im, b->outer_ways, g, &unclosed, &missing);

  if (!complete || unclosed > 0 || missing > 0 || g->n_parts == 0)
    {
      lc_geometry_free (g);
      im->report->boundary_from_bounds = TRUE;
      return bounds_polygon (im->report->bounds);
    }

  /* Each outer ring a polygon of its own */
  {
    LcGeometry *multi = lc_geometry_new (LC_GEOMETRY_MULTIPOLYGON);
    guint start = 0;

    for (guint p = 0; p < g->n_parts; p++)
      {
        for (guint i = start; i < g->part_ends[p]; i++)
          lc_geometry_add_point (multi, g->xy[2 * i], g->xy[2 * i + 1]);
        lc_geometry_end_part (multi);
        lc_geometry_end_group (multi);
        start = g->part_ends[p];
      }
    lc_geometry_free (g);
    return multi;
  }
}

/* ---- writing into the plan ---- */

static gboolean
step_ok (sqlite3      *db,
         sqlite3_stmt *stmt,
         GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED, _("Could not write the import into the plan: %s"),
                   sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

static void
bind_geometry (sqlite3_stmt     *stmt,
               int               index,
               const LcGeometry *g)
{
  g_autoptr(GBytes) blob = lc_geometry_to_gpkg (g, LC_SRS_WGS84);
  gsize len;
  const void *data = g_bytes_get_data (blob, &len);

  sqlite3_bind_blob (stmt, index, data, (int) len, SQLITE_TRANSIENT);
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static gboolean
prepare (sqlite3       *db,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  if (sqlite3_prepare_v2 (db, sql, -1, stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED, _("Could not write the import into the plan: %s"),
                   sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_plan (Importer      *im,
            sqlite3       *db,
            GArray        *edges,
            LcGeometry    *boundary,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) path = NULL, building = NULL, cover = NULL, facility = NULL;
  g_autoptr(sqlite3_stmt) service = NULL, unit = NULL, meta = NULL;
  const char *unit_name = im->options->unit_name != NULL ? im->options->unit_name : im->report->boundary_name;

  if (!prepare (db, "INSERT INTO walking_paths (geom, name, highway, status, length_m, osm_way_id) "
                    "VALUES (?, ?, ?, 'existing', ?, ?)", &path, error) ||
      !prepare (db, "INSERT INTO buildings (geom, name, building, levels, residential, population, "
                    "population_source, osm_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &building, error) ||
      !prepare (db, "INSERT INTO landcover (geom, class, name, osm_id) VALUES (?, ?, ?, ?)", &cover, error) ||
      !prepare (db, "INSERT INTO facilities (geom, name, kind, status, osm_id, osm_tags) "
                    "VALUES (?, ?, 'other', 'existing', ?, ?)", &facility, error) ||
      !prepare (db, "INSERT OR IGNORE INTO facility_services (facility_fid, service, tier) VALUES (?, ?, ?)",
                &service, error))
    return FALSE;

  for (guint i = 0; i < edges->len; i++)
    {
      const Edge *e = &g_array_index (edges, Edge, i);
      const Way *w = &g_array_index (im->ways, Way, e->way->way);

      bind_geometry (path, 1, e->geometry);
      bind_text (path, 2, e->way->name);
      bind_text (path, 3, e->way->highway);
      sqlite3_bind_double (path, 4, round (e->length * 100) / 100);
      sqlite3_bind_int64 (path, 5, w->id);
      if (!step_ok (db, path, error))
        return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  for (guint i = 0; i < im->buildings->len; i++)
    {
      const Building *b = &g_array_index (im->buildings, Building, i);

      bind_geometry (building, 1, b->geometry);
      bind_text (building, 2, b->name);
      bind_text (building, 3, b->building);
      if (b->levels >= 0)
        sqlite3_bind_int (building, 4, b->levels);
      sqlite3_bind_int (building, 5, b->residential);
      if (b->residential)
        {
          double people = polygon_area_m2 (b->geometry) * (b->levels > 0 ? b->levels : DEFAULT_LEVELS) /
                          FLOOR_AREA_PER_PERSON;

          sqlite3_bind_double (building, 6, round (people * 10) / 10);
          sqlite3_bind_text (building, 7, "estimated", -1, SQLITE_STATIC);
        }
      bind_text (building, 8, b->osm_id);
      if (!step_ok (db, building, error))
        return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  for (guint i = 0; i < im->landcover->len; i++)
    {
      const Landcover *l = &g_array_index (im->landcover, Landcover, i);

      bind_geometry (cover, 1, l->geometry);
      sqlite3_bind_text (cover, 2, lc_landcover_class_key (l->cls), -1, SQLITE_STATIC);
      bind_text (cover, 3, l->name);
      bind_text (cover, 4, l->osm_id);
      if (!step_ok (db, cover, error))
        return FALSE;
    }

  for (guint i = 0; i < im->facilities->len; i++)
    {
      const Facility *f = &g_array_index (im->facilities, Facility, i);
      g_autoptr(LcGeometry) point = lc_geometry_new_point (f->x, f->y);
      gint64 fid;

      bind_geometry (facility, 1, point);
      bind_text (facility, 2, f->name);
      bind_text (facility, 3, f->osm_id);
      bind_text (facility, 4, f->tags_json);
      if (!step_ok (db, facility, error))
        return FALSE;
      fid = sqlite3_last_insert_rowid (db);

      for (guint m = 0; m < f->matches->len; m++)
        {
          const LcOsmMatch *match = &g_array_index (f->matches, LcOsmMatch, m);

          sqlite3_bind_int64 (service, 1, fid);
          sqlite3_bind_text (service, 2, match->service->key, -1, SQLITE_STATIC);
          sqlite3_bind_text (service, 3, match->tier, -1, SQLITE_STATIC);
          if (!step_ok (db, service, error))
            return FALSE;
        }
    }

  if (boundary != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (!prepare (db, "DELETE FROM unit_boundary", &stmt, error) || !step_ok (db, stmt, error))
        return FALSE;
      g_clear_pointer (&stmt, sqlite3_finalize);
      if (!prepare (db, "INSERT INTO unit_boundary (geom, name, source) VALUES (?, ?, ?)", &stmt, error))
        return FALSE;
      bind_geometry (stmt, 1, boundary);
      bind_text (stmt, 2, im->report->boundary_name);
      sqlite3_bind_text (stmt, 3, im->report->boundary_from_bounds ? "bounds" : "osm", -1, SQLITE_STATIC);
      if (!step_ok (db, stmt, error))
        return FALSE;
    }

  /* The unit's name and the view on the data, where the plan has none yet */
  if (!prepare (db, "UPDATE unit_profile SET unit_name = coalesce (unit_name, ?1), "
                    "subdistrict = coalesce (subdistrict, ?4), "
                    "view_latitude = coalesce (view_latitude, ?2), view_longitude = coalesce (view_longitude, ?3), "
                    "view_zoom = coalesce (view_zoom, 15)", &unit, error))
    return FALSE;
  bind_text (unit, 1, unit_name);
  /* A unit is a sub-district (街道) or town (镇): the boundary names it */
  bind_text (unit, 4, im->report->boundary_name);
  sqlite3_bind_double (unit, 2, (im->report->bounds[1] + im->report->bounds[3]) / 2);
  sqlite3_bind_double (unit, 3, (im->report->bounds[0] + im->report->bounds[2]) / 2);
  if (!step_ok (db, unit, error))
    return FALSE;

  /* ODbL: the plan carries the attribution of what it was built from */
  if (!prepare (db, "INSERT INTO lc_meta (key, value) VALUES ('attribution', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", &meta, error))
    return FALSE;
  sqlite3_bind_text (meta, 1, "© OpenStreetMap contributors, ODbL 1.0", -1, SQLITE_STATIC);
  return step_ok (db, meta, error);
}

/* ---- the import ---- */

static void
importer_clear (Importer *im)
{
  for (guint i = 0; i < im->buildings->len; i++)
    lc_geometry_free (g_array_index (im->buildings, Building, i).geometry);
  for (guint i = 0; i < im->landcover->len; i++)
    lc_geometry_free (g_array_index (im->landcover, Landcover, i).geometry);
  for (guint i = 0; i < im->facilities->len; i++)
    {
      g_free (g_array_index (im->facilities, Facility, i).tags_json);
      g_array_unref (g_array_index (im->facilities, Facility, i).matches);
    }
  for (guint i = 0; i < im->boundaries->len; i++)
    {
      BoundaryCandidate *b = im->boundaries->pdata[i];

      g_free (b->name);
      g_free (b->name_zh);
      g_array_unref (b->outer_ways);
      g_free (b);
    }

  g_ptr_array_unref (im->tag_keys);
  g_ptr_array_unref (im->tag_values);
  g_string_chunk_free (im->element_strings);
  g_string_chunk_free (im->strings);
  g_array_unref (im->current_refs);
  g_array_unref (im->members);
  g_array_unref (im->nodes);
  g_array_unref (im->ways);
  g_array_unref (im->refs);
  g_array_unref (im->walk_ways);
  g_array_unref (im->buildings);
  g_array_unref (im->landcover);
  g_array_unref (im->facilities);
  g_ptr_array_unref (im->boundaries);
  g_array_unref (im->match_scratch);
  g_clear_error (&im->error);
}

/* The file's content, decompressed by its name's extension or its magic */
static GInputStream *
open_decompressed (GFile         *file,
                   GCancellable  *cancellable,
                   GFileInputStream **raw_out,
                   GError       **error)
{
  g_autoptr(GFileInputStream) raw = g_file_read (file, cancellable, error);
  g_autoptr(GBufferedInputStream) buffered = NULL;
  g_autoptr(GConverter) converter = NULL;
  const guint8 *head;
  gsize len;

  if (raw == NULL)
    return NULL;

  buffered = G_BUFFERED_INPUT_STREAM (g_buffered_input_stream_new (G_INPUT_STREAM (raw)));
  if (g_buffered_input_stream_fill (buffered, 16, cancellable, error) < 0)
    return NULL;
  head = g_buffered_input_stream_peek_buffer (buffered, &len);

  if (len >= 2 && head[0] == 0x1f && head[1] == 0x8b)
    converter = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  else if (len >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h')
    converter = G_CONVERTER (lc_bzip2_decompressor_new ());

  *raw_out = g_steal_pointer (&raw);
  if (converter == NULL)
    return G_INPUT_STREAM (g_steal_pointer (&buffered));
  return g_converter_input_stream_new (G_INPUT_STREAM (buffered), converter);
}

/**
 * lc_osm_import:
 * @plan: the plan to import into
 * @file: an OSM XML file, plain, gzip or bzip2 compressed
 * @report: (out) (optional): what was kept and skipped
 *
 * Reads @file and adds its walking network, buildings, facilities,
 * landcover and (when asked) unit boundary to @plan in one edit. Blocking:
 * run it in a worker thread, and do not touch @plan meanwhile. On failure
 * or cancellation @plan is as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
lc_osm_import (LcPlan                    *plan,
               GFile                     *file,
               const LcOsmImportOptions  *options,
               LcOsmReport              **report,
               GCancellable              *cancellable,
               GError                   **error)
{
  static const LcOsmImportOptions defaults = { 0 };
  g_autoptr(LcOsmMapping) own_mapping = NULL;
  g_autoptr(GFileInputStream) raw = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(LcOsmReport) result = g_new0 (LcOsmReport, 1);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *buffer = g_malloc (CHUNK_SIZE);
  g_autoptr(GArray) edges = NULL;
  g_autoptr(LcGeometry) boundary = NULL;
  xmlSAXHandler sax = { 0 };
  Importer im = { 0 };
  gint64 started = g_get_monotonic_time ();
  goffset total = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (options == NULL)
    options = &defaults;

  im.options = options;
  im.report = result;
  im.mapping = options->mapping;
  if (im.mapping == NULL)
    im.mapping = own_mapping = lc_osm_mapping_new_default ();
  im.tag_keys = g_ptr_array_new ();
  im.tag_values = g_ptr_array_new ();
  im.element_strings = g_string_chunk_new (4096);
  im.strings = g_string_chunk_new (64 * 1024);
  im.current_refs = g_array_new (FALSE, FALSE, sizeof (gint64));
  im.members = g_array_new (FALSE, FALSE, sizeof (Member));
  im.nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  im.nodes_sorted = TRUE;
  im.ways = g_array_new (FALSE, FALSE, sizeof (Way));
  im.ways_sorted = TRUE;
  im.refs = g_array_new (FALSE, FALSE, sizeof (gint64));
  im.walk_ways = g_array_new (FALSE, FALSE, sizeof (WalkWay));
  im.buildings = g_array_new (FALSE, FALSE, sizeof (Building));
  im.landcover = g_array_new (FALSE, FALSE, sizeof (Landcover));
  im.facilities = g_array_new (FALSE, FALSE, sizeof (Facility));
  im.boundaries = g_ptr_array_new ();
  im.match_scratch = g_array_new (FALSE, FALSE, sizeof (LcOsmMatch));

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    goto out;
  total = g_file_info_get_size (info);

  input = open_decompressed (file, cancellable, &raw, error);
  if (input == NULL)
    goto out;

  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = start_element;
  sax.endElementNs = end_element;
  sax.internalSubset = internal_subset;
  sax.getEntity = get_entity;
  sax.error = on_error;
  sax.fatalError = on_error;

  im.ctxt = xmlCreatePushParserCtxt (&sax, &im, NULL, 0, g_file_peek_path (file));
  /* No network, no external anything, no expansion; huge text nodes refused */
  xmlCtxtUseOptions (im.ctxt, XML_PARSE_NONET | XML_PARSE_NOWARNING);

  for (;;)
    {
      gssize n = g_input_stream_read (input, buffer, CHUNK_SIZE, cancellable, error);

      if (n < 0)
        goto out;
      xmlParseChunk (im.ctxt, buffer, (int) n, n == 0);
      if (im.error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&im.error));
          goto out;
        }
      if (n == 0)
        break;

      if (options->progress != NULL && total > 0)
        options->progress (MIN (1.0, (double) g_seekable_tell (G_SEEKABLE (raw)) / total) * 0.9,
                           options->progress_data);
    }

  if (!im.seen_root)
    {
      g_set_error_literal (error, LC_OSM_ERROR, LC_OSM_ERROR_INVALID, _("The file holds no OpenStreetMap data."));
      goto out;
    }

  result->bytes = total;

  /* No <bounds> (as in extracts cut by other tools): the nodes' extent */
  if (!im.have_bounds && im.nodes->len > 0)
    {
      result->bounds[0] = result->bounds[1] = INFINITY;
      result->bounds[2] = result->bounds[3] = -INFINITY;
      for (guint i = 0; i < im.nodes->len; i++)
        {
          const Node *node = &g_array_index (im.nodes, Node, i);

          result->bounds[0] = MIN (result->bounds[0], node_x (node));
          result->bounds[1] = MIN (result->bounds[1], node_y (node));
          result->bounds[2] = MAX (result->bounds[2], node_x (node));
          result->bounds[3] = MAX (result->bounds[3], node_y (node));
        }
    }

  edges = build_edges (&im);
  finish_buildings (&im);
  boundary = make_boundary (&im, error);
  if (boundary == NULL && options->boundary != NULL)
    goto out;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !lc_plan_begin_full (plan, _("Import OpenStreetMap Data"), options->undoable, error))
    goto out;

  if (!write_plan (&im, lc_plan_get_database (plan), edges, boundary, cancellable, error))
    {
      lc_plan_rollback (plan);
      goto out;
    }
  if (!lc_plan_commit (plan, error))
    goto out;

  if (options->progress != NULL)
    options->progress (1.0, options->progress_data);
  result->seconds = (g_get_monotonic_time () - started) / 1e6;
  ok = TRUE;

out:
  if (edges != NULL)
    for (guint i = 0; i < edges->len; i++)
      lc_geometry_free (g_array_index (edges, Edge, i).geometry);
  if (im.ctxt != NULL)
    {
      if (im.ctxt->myDoc != NULL)
        xmlFreeDoc (im.ctxt->myDoc);
      xmlFreeParserCtxt (im.ctxt);
    }
  importer_clear (&im);

  if (ok && report != NULL)
    *report = g_steal_pointer (&result);
  return ok;
}

/* ---- the report ---- */

const char *
lc_landcover_class_key (LcLandcoverClass cls)
{
  static const char *keys[] = { "water", "green", "residential", "commercial", "industrial", "education", "other" };

  g_return_val_if_fail ((guint) cls < G_N_ELEMENTS (keys), "other");
  return keys[cls];
}

void
lc_osm_report_free (LcOsmReport *report)
{
  if (report == NULL)
    return;
  g_free (report->boundary_name);
  g_free (report);
}

/**
 * lc_osm_report_to_text:
 *
 * Returns: (transfer full): the report as translated lines, for people
 */
char *
lc_osm_report_to_text (const LcOsmReport *r)
{
  GString *out = g_string_new (NULL);
  guint n;
  const LcService *services = lc_services_get_all (&n);
  g_autofree char *size = g_format_size (r->bytes);

  g_string_append_printf (out, _("Read %s: %u nodes, %u ways, %u relations in %.1f s.\n"),
                          size, r->nodes, r->ways, r->relations, r->seconds);
  g_string_append_printf (out, _("Walking network: %u ways, split into %u paths, %.1f km.\n"),
                          r->walkable_ways, r->path_edges, r->path_length_m / 1000);
  g_string_append_printf (out, _("Buildings: %u, of which %u residential, for about %.0f residents.\n"),
                          r->buildings, r->residential_buildings, r->population);
  g_string_append_printf (out, _("Facilities: %u, of which %u match no service and are kept as “other”.\n"),
                          r->facilities, r->facilities_other);
  for (guint i = 0; i < n; i++)
    if (r->per_service[i] > 0)
      g_string_append_printf (out, "  %s %s: %u\n", services[i].name_zh,
                              lc_service_get_display_name (&services[i]), r->per_service[i]);
  g_string_append_printf (out, _("Basemap areas: %u water, %u green, %u residential, %u other.\n"),
                          r->landcover[LC_LANDCOVER_WATER], r->landcover[LC_LANDCOVER_GREEN],
                          r->landcover[LC_LANDCOVER_RESIDENTIAL],
                          r->landcover[LC_LANDCOVER_COMMERCIAL] + r->landcover[LC_LANDCOVER_INDUSTRIAL] +
                          r->landcover[LC_LANDCOVER_EDUCATION] + r->landcover[LC_LANDCOVER_OTHER]);

  if (r->boundary_name != NULL && r->boundary_from_bounds)
    g_string_append_printf (out, _("Boundary: the file holds only part of “%s”, so the data’s bounds "
                                   "stand in for it; draw the real boundary in the app.\n"),
                            r->boundary_name);
  else if (r->boundary_name != NULL)
    g_string_append_printf (out, _("Boundary: “%s”.\n"), r->boundary_name);
  else
    g_string_append (out, _("Boundary: none chosen; draw it in the app or import again with --boundary.\n"));

  if (r->dangling_refs > 0)
    g_string_append_printf (out, _("Skipped: %u references to nodes or ways not in the file "
                                   "(%u ways and %u relations lose parts).\n"),
                            r->dangling_refs, r->ways_with_dangling_refs, r->incomplete_relations);
  if (r->unclosed_rings > 0)
    g_string_append_printf (out, _("Skipped: %u areas whose outline does not close.\n"), r->unclosed_rings);

  return g_string_free (out, FALSE);
}

/**
 * lc_osm_report_to_json:
 *
 * Returns: (transfer full): the report as JSON, for scripts
 */
char *
lc_osm_report_to_json (const LcOsmReport *r)
{
  GString *out = g_string_new ("{\n");
  guint n;
  const LcService *services = lc_services_get_all (&n);
  gboolean first = TRUE;

  g_string_append_printf (out, "  \"bytes\": %" G_GUINT64_FORMAT ",\n", r->bytes);
  g_string_append_printf (out, "  \"nodes\": %u,\n  \"ways\": %u,\n  \"relations\": %u,\n",
                          r->nodes, r->ways, r->relations);
  g_string_append_printf (out, "  \"walkable_ways\": %u,\n  \"path_edges\": %u,\n  \"path_length_m\": %.1f,\n",
                          r->walkable_ways, r->path_edges, r->path_length_m);
  g_string_append_printf (out, "  \"buildings\": %u,\n  \"residential_buildings\": %u,\n  \"population\": %.0f,\n",
                          r->buildings, r->residential_buildings, r->population);
  g_string_append_printf (out, "  \"facilities\": %u,\n  \"facilities_other\": %u,\n  \"services\": {",
                          r->facilities, r->facilities_other);
  for (guint i = 0; i < n; i++)
    if (r->per_service[i] > 0)
      {
        g_string_append_printf (out, "%s\"%s\": %u", first ? "" : ", ", services[i].key, r->per_service[i]);
        first = FALSE;
      }
  g_string_append (out, "},\n  \"landcover\": {");
  for (guint i = 0; i < LC_N_LANDCOVER; i++)
    g_string_append_printf (out, "%s\"%s\": %u", i > 0 ? ", " : "", lc_landcover_class_key (i), r->landcover[i]);
  g_string_append (out, "},\n  \"boundary\": ");
  lc_json_append_string (out, r->boundary_name);
  g_string_append_printf (out, ",\n  \"boundary_from_bounds\": %s,\n", r->boundary_from_bounds ? "true" : "false");
  g_string_append_printf (out, "  \"bounds\": [%.7f, %.7f, %.7f, %.7f],\n",
                          r->bounds[0], r->bounds[1], r->bounds[2], r->bounds[3]);
  g_string_append_printf (out, "  \"dangling_refs\": %u,\n  \"ways_with_dangling_refs\": %u,\n"
                          "  \"incomplete_relations\": %u,\n  \"unclosed_rings\": %u,\n  \"seconds\": %.3f\n}\n",
                          r->dangling_refs, r->ways_with_dangling_refs, r->incomplete_relations,
                          r->unclosed_rings, r->seconds);

  return g_string_free (out, FALSE);
}
