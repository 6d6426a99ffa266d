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
#include "lc-shape.h"

/*
 * One pass over the XML with libxml2's push parser (SAX2), on several cores
 * where there are ("reading in threads" below): memory holds the data kept
 * (node coordinates, way node lists, the features found) and a few
 * megabytes of text, never the document. OSM files list nodes, then ways,
 * then relations, so every way finds its nodes and every relation its ways;
 * what is missing is counted as dangling, not guessed.
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
  double      population;     /* estimated, once residential */
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

typedef struct
{
  char   type;                /* 'n', 'w', 'r' */
  gint64 ref;
  char  *role;                /* in the segment's strings */
} Member;

typedef struct
{
  const LcOsmImportOptions *options;
  LcOsmMapping *mapping;
  LcOsmReport  *report;

  /* the element being replayed, pointing into its segment */
  gint64   current_id;
  double   node_lat, node_lon;
  const char **keys;
  const char **values;
  guint    n_tags;
  const gint64 *element_refs;
  guint    n_refs;
  const Member *element_members;
  guint    n_members;
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

/* ---- small helpers ---- */

static LcOsmTags
current_tags (Importer *im)
{
  LcOsmTags tags = { im->keys, im->values, im->n_tags };
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

  for (guint i = 0; i < im->n_tags; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      lc_json_append_string (out, im->keys[i]);
      g_string_append (out, ": ");
      lc_json_append_string (out, im->values[i]);
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

  lc_geometry_get_ring_centroid (g, 0, &cx, &cy);

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

  if (im->n_tags > 0)
    add_facility (im, im->node_lon, im->node_lat, 'n', im->current_id);
}

static void
end_way (Importer *im)
{
  Way way = { im->current_id, im->refs->len, im->n_refs };
  const gint64 *ids = im->element_refs;
  guint n = im->n_refs;
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

  if (im->n_tags == 0)
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

  for (guint i = 0; i < im->n_members; i++)
    {
      const Member *m = &im->element_members[i];

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

/* ---- reading: the parser records elements into segments ---- */

typedef enum { IN_NONE, IN_NODE, IN_WAY, IN_RELATION } Current;

/* One top-level element as read; its tags, refs and members follow those
 * of the elements before it in its segment's arrays */
typedef struct
{
  char   type;                /* 'n', 'w', 'r' */
  gint64 id;
  double lat, lon;
  guint  n_tags, n_refs, n_members;
} Element;

/* A run of whole top-level elements: read by one parser, replayed into the
 * importer in file order */
typedef struct
{
  guint         seq;
  GByteArray   *text;           /* the XML, until parsed (reading in threads) */
  gboolean      first, last;    /* holds the file's start, its end */
  goffset       position;       /* in the file as stored, after the text */

  GArray       *elements;       /* Element */
  GPtrArray    *keys;
  GPtrArray    *values;
  GArray       *refs;           /* gint64 */
  GArray       *members;        /* Member */
  GStringChunk *strings;
  gboolean      seen_root;
  gboolean      have_bounds;
  double        bounds[4];
  GError       *error;
} Segment;

/* A parser's state */
typedef struct
{
  xmlParserCtxtPtr ctxt;
  Segment  *segment;
  Current   current;
  Element   element;
  gboolean  seen_root;
  Importer *importer;           /* reading in one thread: replay each element at once */
} Reader;

static Segment *
segment_new (void)
{
  Segment *s = g_new0 (Segment, 1);

  s->elements = g_array_new (FALSE, FALSE, sizeof (Element));
  s->keys = g_ptr_array_new ();
  s->values = g_ptr_array_new ();
  s->refs = g_array_new (FALSE, FALSE, sizeof (gint64));
  s->members = g_array_new (FALSE, FALSE, sizeof (Member));
  s->strings = g_string_chunk_new (16 * 1024);
  return s;
}

/* Forgets the elements, keeps the rest */
static void
segment_clear_elements (Segment *s)
{
  g_array_set_size (s->elements, 0);
  g_ptr_array_set_size (s->keys, 0);
  g_ptr_array_set_size (s->values, 0);
  g_array_set_size (s->refs, 0);
  g_array_set_size (s->members, 0);
  g_string_chunk_clear (s->strings);
}

static void
segment_free (Segment *s)
{
  if (s->text != NULL)
    g_byte_array_unref (s->text);
  g_array_unref (s->elements);
  g_ptr_array_unref (s->keys);
  g_ptr_array_unref (s->values);
  g_array_unref (s->refs);
  g_array_unref (s->members);
  g_string_chunk_free (s->strings);
  g_clear_error (&s->error);
  g_free (s);
}

/* Hands a segment's elements to the importer, in order */
static void
replay (Importer      *im,
        const Segment *s)
{
  guint tag = 0, ref = 0, member = 0;

  im->seen_root |= s->seen_root;
  if (s->have_bounds)
    {
      memcpy (im->report->bounds, s->bounds, sizeof s->bounds);
      im->have_bounds = TRUE;
    }

  for (guint i = 0; i < s->elements->len; i++)
    {
      const Element *e = &g_array_index (s->elements, Element, i);

      im->current_id = e->id;
      im->node_lat = e->lat;
      im->node_lon = e->lon;
      im->keys = (const char **) s->keys->pdata + tag;
      im->values = (const char **) s->values->pdata + tag;
      im->n_tags = e->n_tags;
      im->element_refs = (const gint64 *) (void *) s->refs->data + ref;
      im->n_refs = e->n_refs;
      im->element_members = (const Member *) (void *) s->members->data + member;
      im->n_members = e->n_members;
      tag += e->n_tags;
      ref += e->n_refs;
      member += e->n_members;

      if (e->type == 'n')
        end_node (im);
      else if (e->type == 'w')
        end_way (im);
      else
        end_relation (im);
    }
}

static void
stop (Reader     *r,
      int         code,
      const char *message)
{
  if (r->segment->error == NULL)
    r->segment->error = g_error_new_literal (LC_OSM_ERROR, code, message);
  xmlStopParser (r->ctxt);
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
attr_pooled (Reader         *r,
             const xmlChar **attrs,
             guint           i)
{
  gsize len = attrs[5 * i + 4] - attrs[5 * i + 3];

  return g_string_chunk_insert_len (r->segment->strings, (const char *) attrs[5 * i + 3], len);
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
  Reader *r = ctx;
  Segment *s = r->segment;
  const char *name = (const char *) localname;
  char buf[64];

  if (!r->seen_root)
    {
      if (!g_str_equal (name, "osm"))
        {
          stop (r, LC_OSM_ERROR_INVALID,
                _("The file is XML but not OpenStreetMap data: it does not start with <osm>."));
          return;
        }
      r->seen_root = s->seen_root = TRUE;
      return;
    }

  if (g_str_equal (name, "node") || g_str_equal (name, "way") || g_str_equal (name, "relation"))
    {
      Element *e = &r->element;
      gboolean have_id = FALSE, have_lat = FALSE, have_lon = FALSE;

      r->current = name[0] == 'n' ? IN_NODE : name[0] == 'w' ? IN_WAY : IN_RELATION;
      memset (e, 0, sizeof *e);
      e->type = name[0];

      /* Attributes in any order */
      for (int i = 0; i < n_attributes; i++)
        {
          const char *a = (const char *) attrs[5 * i];
          const xmlChar *v = attrs[5 * i + 3], *end = attrs[5 * i + 4];

          if (a[0] == 'i' && a[1] == 'd' && a[2] == '\0')
            have_id = parse_int64_span (v, end, &e->id);
          else if (a[0] == 'l' && a[1] == 'a' && a[2] == 't' && a[3] == '\0')
            have_lat = parse_coord_span (v, end, -90, 90, &e->lat);
          else if (a[0] == 'l' && a[1] == 'o' && a[2] == 'n' && a[3] == '\0')
            have_lon = parse_coord_span (v, end, -180, 180, &e->lon);
        }

      if (!have_id || (r->current == IN_NODE && (!have_lat || !have_lon)))
        {
          g_autofree char *message =
            g_strdup_printf (_("Line %d has a <%s> without a valid id or coordinates."),
                             xmlSAX2GetLineNumber (r->ctxt), name);
          stop (r, LC_OSM_ERROR_INVALID, message);
        }
      return;
    }

  if (r->current == IN_NONE)
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
              memcpy (s->bounds, v, sizeof v);
              s->have_bounds = TRUE;
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
            k = attr_pooled (r, attrs, i);
          else if (a[0] == 'v' && a[1] == '\0')
            v = attr_pooled (r, attrs, i);
        }
      if (k != NULL && v != NULL)
        {
          g_ptr_array_add (s->keys, k);
          g_ptr_array_add (s->values, v);
          r->element.n_tags++;
        }
    }
  else if (name[0] == 'n' && name[1] == 'd' && name[2] == '\0' && r->current == IN_WAY)
    {
      for (int i = 0; i < n_attributes; i++)
        if (g_str_equal ((const char *) attrs[5 * i], "ref"))
          {
            gint64 ref;

            if (parse_int64_span (attrs[5 * i + 3], attrs[5 * i + 4], &ref))
              {
                g_array_append_val (s->refs, ref);
                r->element.n_refs++;
              }
          }
    }
  else if (g_str_equal (name, "member") && r->current == IN_RELATION)
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
            m.role = attr_pooled (r, attrs, i);
        }
      g_array_append_val (s->members, m);
      r->element.n_members++;
    }
}

static void
end_element (void          *ctx,
             const xmlChar *localname,
             const xmlChar *prefix,
             const xmlChar *uri)
{
  Reader *r = ctx;
  const char *name = (const char *) localname;

  if ((r->current == IN_NODE && g_str_equal (name, "node")) ||
      (r->current == IN_WAY && g_str_equal (name, "way")) ||
      (r->current == IN_RELATION && g_str_equal (name, "relation")))
    {
      g_array_append_val (r->segment->elements, r->element);
      r->current = IN_NONE;
      if (r->importer != NULL)
        {
          replay (r->importer, r->segment);
          segment_clear_elements (r->segment);
        }
    }
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
  Reader *r = ctx;
  g_autofree char *text = NULL;
  g_autofree char *full = NULL;
  va_list args;

  if (r->segment->error != NULL)
    return;

  va_start (args, message);
  text = g_strdup_vprintf (message, args);
  va_end (args);
  g_strstrip (text);

  /* Translators: %d is a line number, %s libxml2's English description */
  full = g_strdup_printf (_("The file is not well-formed XML (line %d: %s)."),
                          xmlSAX2GetLineNumber (r->ctxt), text);
  stop (r, LC_OSM_ERROR_INVALID, full);
}

static xmlParserCtxtPtr
reader_start (Reader     *r,
              Segment    *segment,
              const char *path)
{
  static xmlSAXHandler sax = {
    .initialized = XML_SAX2_MAGIC,
    .startElementNs = start_element,
    .endElementNs = end_element,
    .internalSubset = internal_subset,
    .getEntity = get_entity,
    .error = on_error,
    .fatalError = on_error,
  };

  r->segment = segment;
  r->ctxt = xmlCreatePushParserCtxt (&sax, r, NULL, 0, path);
  /* No network, no external anything, no expansion; huge text nodes refused */
  xmlCtxtUseOptions (r->ctxt, XML_PARSE_NONET | XML_PARSE_NOWARNING);
  return r->ctxt;
}

static void
reader_finish (Reader *r)
{
  if (r->ctxt->myDoc != NULL)
    xmlFreeDoc (r->ctxt->myDoc);
  xmlFreeParserCtxt (r->ctxt);
  r->ctxt = NULL;
}

/* Feeds @len bytes to the parser; %FALSE once the segment has an error */
static gboolean
reader_feed (Reader     *r,
             const char *text,
             gsize       len,
             gboolean    last)
{
  do
    {
      int n = (int) MIN (len, CHUNK_SIZE);

      xmlParseChunk (r->ctxt, text, n, last && (gsize) n == len);
      text += n;
      len -= n;
    }
  while (len > 0 && r->segment->error == NULL);
  return r->segment->error == NULL;
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

      e->length = lc_geometry_length_m (e->geometry);
      im->report->path_length_m += e->length;
    }
  im->report->path_edges = edges->len;

  return edges;
}

static gpointer
build_edges_thread (gpointer data)
{
  return build_edges (data);
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

/* Inserts of many rows at a time: a statement with BATCH_ROWS rows of
 * values costs about half as much per row as one with a single row. The
 * first (count % BATCH_ROWS) rows go one by one, the rest in whole batches */
#define BATCH_ROWS 32

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *single;
  sqlite3_stmt *batch;
  guint         n_params;     /* of a row */
  guint         count;        /* rows in all */
  guint         row;          /* rows bound so far */
} Batch;

static void
batch_clear (Batch *b)
{
  g_clear_pointer (&b->single, sqlite3_finalize);
  g_clear_pointer (&b->batch, sqlite3_finalize);
}

static gboolean
batch_prepare (Batch        *b,
               sqlite3      *db,
               const char   *insert,
               const char   *values,
               guint         count,
               GError      **error)
{
  g_autoptr(GString) sql = g_string_new (insert);
  g_autofree char *one = g_strconcat (insert, " VALUES ", values, NULL);

  batch_clear (b);
  b->db = db;
  b->count = count;
  b->row = 0;
  b->n_params = 0;
  for (const char *c = values; *c != '\0'; c++)
    b->n_params += *c == '?';

  g_string_append (sql, " VALUES ");
  for (guint i = 0; i < BATCH_ROWS; i++)
    g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", values);
  return prepare (db, one, &b->single, error) && prepare (db, sql->str, &b->batch, error);
}

/* The statement for the next row, and the index of its first parameter */
static sqlite3_stmt *
batch_row (Batch *b,
           int   *first)
{
  guint singles = b->count % BATCH_ROWS;

  if (b->row < singles)
    {
      *first = 1;
      return b->single;
    }
  *first = 1 + (int) (((b->row - singles) % BATCH_ROWS) * b->n_params);
  return b->batch;
}

/* After binding a row: runs the statement once all its rows are bound; the
 * rowid of the statement's last row to @last_rowid (optional) */
static gboolean
batch_row_done (Batch   *b,
                gint64  *last_rowid,
                guint   *rows,
                GError **error)
{
  guint singles = b->count % BATCH_ROWS;
  gboolean full = b->row < singles || (b->row - singles) % BATCH_ROWS == BATCH_ROWS - 1;

  b->row++;
  if (!full)
    {
      if (rows != NULL)
        *rows = 0;
      return TRUE;
    }
  if (!step_ok (b->db, b->row <= singles ? b->single : b->batch, error))
    return FALSE;
  if (last_rowid != NULL)
    *last_rowid = sqlite3_last_insert_rowid (b->db);
  if (rows != NULL)
    *rows = b->row <= singles ? 1 : BATCH_ROWS;
  return TRUE;
}

static gboolean
write_plan (Importer      *im,
            sqlite3       *db,
            GThread      **edges_thread,
            GArray       **edges,
            LcGeometry    *boundary,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(sqlite3_stmt) unit = NULL, meta = NULL;
  const char *unit_name = im->options->unit_name != NULL ? im->options->unit_name : im->report->boundary_name;
  Batch b = { 0 }, services = { 0 };
  guint n_services = 0, done = 0;
  gboolean ok = FALSE;

  if (!batch_prepare (&b, db, "INSERT INTO buildings (geom, name, building, levels, residential, population, "
                              "population_source, osm_id)", "(?, ?, ?, ?, ?, ?, ?, ?)", im->buildings->len, error))
    goto out;
  for (guint i = 0; i < im->buildings->len; i++)
    {
      const Building *bl = &g_array_index (im->buildings, Building, i);
      int p;
      sqlite3_stmt *stmt = batch_row (&b, &p);

      lc_geometry_bind (bl->geometry, stmt, p);
      bind_text (stmt, p + 1, bl->name);
      bind_text (stmt, p + 2, bl->building);
      if (bl->levels >= 0)
        sqlite3_bind_int (stmt, p + 3, bl->levels);
      sqlite3_bind_int (stmt, p + 4, bl->residential);
      if (bl->residential)
        {
          sqlite3_bind_double (stmt, p + 5, round (bl->population * 10) / 10);
          sqlite3_bind_text (stmt, p + 6, "estimated", -1, SQLITE_STATIC);
        }
      bind_text (stmt, p + 7, bl->osm_id);
      if (!batch_row_done (&b, NULL, NULL, error))
        goto out;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  if (!batch_prepare (&b, db, "INSERT INTO landcover (geom, class, name, osm_id)", "(?, ?, ?, ?)",
                      im->landcover->len, error))
    goto out;
  for (guint i = 0; i < im->landcover->len; i++)
    {
      const Landcover *l = &g_array_index (im->landcover, Landcover, i);
      int p;
      sqlite3_stmt *stmt = batch_row (&b, &p);

      lc_geometry_bind (l->geometry, stmt, p);
      sqlite3_bind_text (stmt, p + 1, lc_landcover_class_key (l->cls), -1, SQLITE_STATIC);
      bind_text (stmt, p + 2, l->name);
      bind_text (stmt, p + 3, l->osm_id);
      if (!batch_row_done (&b, NULL, NULL, error))
        goto out;
    }

  /* Facilities, then their services: the rows of one statement take
   * consecutive ids, so a batch's last id gives every facility's */
  for (guint i = 0; i < im->facilities->len; i++)
    n_services += g_array_index (im->facilities, Facility, i).matches->len;
  if (!batch_prepare (&b, db, "INSERT INTO facilities (geom, name, kind, status, osm_id, osm_tags)",
                      "(?, ?, 'other', 'existing', ?, ?)", im->facilities->len, error) ||
      !batch_prepare (&services, db, "INSERT OR IGNORE INTO facility_services (facility_fid, service, tier)",
                      "(?, ?, ?)", n_services, error))
    goto out;
  for (guint i = 0; i < im->facilities->len; i++)
    {
      const Facility *f = &g_array_index (im->facilities, Facility, i);
      g_autoptr(LcGeometry) point = lc_geometry_new_point (f->x, f->y);
      gint64 last = 0;
      guint rows = 0;
      int p;
      sqlite3_stmt *stmt = batch_row (&b, &p);

      lc_geometry_bind (point, stmt, p);
      bind_text (stmt, p + 1, f->name);
      bind_text (stmt, p + 2, f->osm_id);
      bind_text (stmt, p + 3, f->tags_json);
      if (!batch_row_done (&b, &last, &rows, error))
        goto out;

      /* The services of the facilities just written */
      for (guint k = done; k < done + rows; k++)
        {
          const Facility *written = &g_array_index (im->facilities, Facility, k);

          for (guint m = 0; m < written->matches->len; m++)
            {
              const LcOsmMatch *match = &g_array_index (written->matches, LcOsmMatch, m);
              sqlite3_stmt *s = batch_row (&services, &p);

              sqlite3_bind_int64 (s, p, last - (done + rows - 1 - k));
              sqlite3_bind_text (s, p + 1, match->service->key, -1, SQLITE_STATIC);
              sqlite3_bind_text (s, p + 2, match->tier, -1, SQLITE_STATIC);
              if (!batch_row_done (&services, NULL, NULL, error))
                goto out;
            }
        }
      done += rows;
    }

  /* The walking network, split meanwhile in another thread */
  *edges = g_thread_join (g_steal_pointer (edges_thread));
  if (!batch_prepare (&b, db, "INSERT INTO walking_paths (geom, name, highway, status, length_m, osm_way_id)",
                      "(?, ?, ?, 'existing', ?, ?)", (*edges)->len, error))
    goto out;
  for (guint i = 0; i < (*edges)->len; i++)
    {
      const Edge *e = &g_array_index (*edges, Edge, i);
      const Way *w = &g_array_index (im->ways, Way, e->way->way);
      int p;
      sqlite3_stmt *stmt = batch_row (&b, &p);

      lc_geometry_bind (e->geometry, stmt, p);
      bind_text (stmt, p + 1, e->way->name);
      bind_text (stmt, p + 2, e->way->highway);
      sqlite3_bind_double (stmt, p + 3, round (e->length * 100) / 100);
      sqlite3_bind_int64 (stmt, p + 4, w->id);
      if (!batch_row_done (&b, NULL, NULL, error))
        goto out;
    }


  if (boundary != NULL)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (!prepare (db, "DELETE FROM unit_boundary", &stmt, error) || !step_ok (db, stmt, error))
        goto out;
      g_clear_pointer (&stmt, sqlite3_finalize);
      if (!prepare (db, "INSERT INTO unit_boundary (geom, name, source) VALUES (?, ?, ?)", &stmt, error))
        goto out;
      lc_geometry_bind (boundary, stmt, 1);
      bind_text (stmt, 2, im->report->boundary_name);
      sqlite3_bind_text (stmt, 3, im->report->boundary_from_bounds ? "bounds" : "osm", -1, SQLITE_STATIC);
      if (!step_ok (db, stmt, error))
        goto out;
    }

  /* The unit's name and the view on the data, where the plan has none yet */
  if (!prepare (db, "UPDATE unit_profile SET unit_name = coalesce (unit_name, ?1), "
                    "subdistrict = coalesce (subdistrict, ?4), "
                    "view_latitude = coalesce (view_latitude, ?2), view_longitude = coalesce (view_longitude, ?3), "
                    "view_zoom = coalesce (view_zoom, 15)", &unit, error))
    goto out;
  bind_text (unit, 1, unit_name);
  /* A unit is a sub-district (街道) or town (镇): the boundary names it */
  bind_text (unit, 4, im->report->boundary_name);
  sqlite3_bind_double (unit, 2, (im->report->bounds[1] + im->report->bounds[3]) / 2);
  sqlite3_bind_double (unit, 3, (im->report->bounds[0] + im->report->bounds[2]) / 2);
  if (!step_ok (db, unit, error))
    goto out;

  /* ODbL: the plan carries the attribution of what it was built from */
  if (!prepare (db, "INSERT INTO lc_meta (key, value) VALUES ('attribution', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", &meta, error))
    goto out;
  sqlite3_bind_text (meta, 1, "© OpenStreetMap contributors, ODbL 1.0", -1, SQLITE_STATIC);
  ok = step_ok (db, meta, error);

out:
  batch_clear (&b);
  batch_clear (&services);
  return ok;
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

  g_string_chunk_free (im->strings);
  g_array_unref (im->nodes);
  g_array_unref (im->ways);
  g_array_unref (im->refs);
  g_array_unref (im->walk_ways);
  g_array_unref (im->buildings);
  g_array_unref (im->landcover);
  g_array_unref (im->facilities);
  g_ptr_array_unref (im->boundaries);
  g_array_unref (im->match_scratch);
  memset (im, 0, sizeof *im);
}

static void
importer_init (Importer                 *im,
               const LcOsmImportOptions *options,
               LcOsmMapping             *mapping,
               LcOsmReport              *report)
{
  memset (report, 0, sizeof *report);
  im->options = options;
  im->report = report;
  im->mapping = mapping;
  im->strings = g_string_chunk_new (64 * 1024);
  im->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  im->nodes_sorted = TRUE;
  im->ways = g_array_new (FALSE, FALSE, sizeof (Way));
  im->ways_sorted = TRUE;
  im->refs = g_array_new (FALSE, FALSE, sizeof (gint64));
  im->walk_ways = g_array_new (FALSE, FALSE, sizeof (WalkWay));
  im->buildings = g_array_new (FALSE, FALSE, sizeof (Building));
  im->landcover = g_array_new (FALSE, FALSE, sizeof (Landcover));
  im->facilities = g_array_new (FALSE, FALSE, sizeof (Facility));
  im->boundaries = g_ptr_array_new ();
  im->match_scratch = g_array_new (FALSE, FALSE, sizeof (LcOsmMatch));
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

/* ---- reading in one thread ---- */

static void
report_progress (Importer *im,
                 goffset   position,
                 goffset   total)
{
  if (im->options->progress != NULL && total > 0)
    im->options->progress (MIN (1.0, (double) position / total) * 0.9, im->options->progress_data);
}

static gboolean
read_sequential (Importer      *im,
                 GFile         *file,
                 goffset        total,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GFileInputStream) raw = NULL;
  g_autoptr(GInputStream) input = open_decompressed (file, cancellable, &raw, error);
  g_autofree char *buffer = g_malloc (CHUNK_SIZE);
  Segment *segment = segment_new ();
  Reader r = { .importer = im };
  gboolean ok = FALSE;

  if (input == NULL)
    goto out;

  reader_start (&r, segment, g_file_peek_path (file));
  for (;;)
    {
      gssize n = g_input_stream_read (input, buffer, CHUNK_SIZE, cancellable, error);

      if (n < 0)
        goto out;
      if (!reader_feed (&r, buffer, n, n == 0))
        {
          g_propagate_error (error, g_steal_pointer (&segment->error));
          goto out;
        }
      if (n == 0)
        break;
      report_progress (im, g_seekable_tell (G_SEEKABLE (raw)), total);
    }
  replay (im, segment);   /* the bounds of a file without elements */
  ok = TRUE;

out:
  if (r.ctxt != NULL)
    reader_finish (&r);
  segment_free (segment);
  return ok;
}

/* ---- reading in threads ----
 *
 * libxml2 parses at about 100 MB/s on one core, most of an import's time.
 * So a splitter thread cuts the text (decompressed) into segments of whole
 * top-level elements, parser threads read segments side by side into
 * compact records, and the importing thread replays the records in file
 * order, exactly as one parser would have given them. Each parser sees a
 * well-formed document: "<osm>" is put before a segment that lacks the
 * file's start and "</osm>" after one that lacks its end.
 *
 * A cut is made before "<node", "<way" or "<relation" and a space. Outside
 * comments, CDATA and processing instructions such text is always a start
 * tag, since '<' stands nowhere else in XML; inside them, or where the
 * element is nested deeper than the root's children, the cut leaves a
 * segment unbalanced, which its parser reports. Any error, and any file
 * not in UTF-8, sends the import back to one thread from the start, so
 * what is accepted and every message are those of reading in one thread.
 * At most a few segments are in memory at once.
 */

#define MAX_SEGMENT_BYTES (32 * 1024 * 1024)

typedef struct
{
  GMutex        lock;
  GCond         changed;
  GQueue        unparsed;       /* Segment, with text */
  Segment     **parsed;         /* by seq % capacity */
  guint         capacity;       /* segments in memory at once */
  guint         n_split;
  guint         n_replayed;
  gboolean      split_done;
  gboolean      unsplittable;   /* read it in one thread instead */
  gboolean      stop;
  GError       *read_error;

  GInputStream *input;
  GSeekable    *position;       /* in the file as stored */
  gsize         segment_bytes;
  const char   *path;
  GCancellable *cancellable;
} Pipeline;

/* Where a top-level element may start, at or after @from; 0 for nowhere */
static gsize
find_cut (const guint8 *data,
          gsize         from,
          gsize         len)
{
  const guint8 *p = data + from, *end = data + len;

  while (p < end && (p = memchr (p, '<', end - p)) != NULL && end - p > 10)
    {
      if ((memcmp (p + 1, "node", 4) == 0 && g_ascii_isspace (p[5])) ||
          (memcmp (p + 1, "way", 3) == 0 && g_ascii_isspace (p[4])) ||
          (memcmp (p + 1, "relation", 8) == 0 && g_ascii_isspace (p[9])))
        return p - data;
      p++;
    }
  return 0;
}

/* Whether the text is UTF-8 (declared, or by default) */
static gboolean
is_utf8 (const guint8 *data,
         gsize         len)
{
  g_autofree char *head = NULL;
  const char *encoding, *end;

  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  if (len < 5 || memcmp (data, "<?xml", 5) != 0)
    return len > 0 && data[0] != 0 && data[0] < 0x80;

  head = g_strndup ((const char *) data, MIN (len, 256));
  end = strstr (head, "?>");
  encoding = strstr (head, "encoding");
  if (end == NULL)
    return FALSE;
  if (encoding == NULL || encoding > end)
    return TRUE;
  encoding = strpbrk (encoding, "\"'");
  return encoding != NULL && g_ascii_strncasecmp (encoding + 1, "utf-8", 5) == 0 &&
         (encoding[6] == '"' || encoding[6] == '\'');
}

static void
pipeline_push (Pipeline *p,
               Segment  *segment)
{
  g_mutex_lock (&p->lock);
  segment->seq = p->n_split++;
  g_queue_push_tail (&p->unparsed, segment);
  g_cond_broadcast (&p->changed);
  g_mutex_unlock (&p->lock);
}

static gpointer
split_thread (gpointer data)
{
  Pipeline *p = data;
  g_autoptr(GByteArray) text = g_byte_array_new ();
  gboolean first = TRUE, eof = FALSE, unsplittable = FALSE;
  GError *error = NULL;

  while (!eof && !unsplittable && error == NULL)
    {
      Segment *segment;
      gsize from = p->segment_bytes, cut = 0;

      g_mutex_lock (&p->lock);
      while (!p->stop && p->n_split - p->n_replayed >= p->capacity)
        g_cond_wait (&p->changed, &p->lock);
      g_mutex_unlock (&p->lock);
      if (p->stop)
        break;

      /* Read until a cut after segment_bytes, or the end */
      while (!eof)
        {
          gsize len = text->len;
          gssize n;

          if (len > from && (cut = find_cut (text->data, from, len)) > 0)
            break;
          if (len > from)
            from = len - 10;
          if (len > MAX_SEGMENT_BYTES)
            {
              unsplittable = TRUE;
              break;
            }

          g_byte_array_set_size (text, len + CHUNK_SIZE);
          n = g_input_stream_read (p->input, text->data + len, CHUNK_SIZE, p->cancellable, &error);
          g_byte_array_set_size (text, len + MAX (n, 0));
          if (n < 0)
            break;
          eof = n == 0;
          if (first && (eof || text->len >= 256) && !is_utf8 (text->data, text->len))
            unsplittable = TRUE;
          if (unsplittable)
            break;
        }
      if (unsplittable || error != NULL)
        break;

      segment = segment_new ();
      segment->first = first;
      segment->last = cut == 0;
      segment->position = g_seekable_tell (p->position);
      if (cut > 0)
        {
          GByteArray *rest = g_byte_array_sized_new (MAX (text->len - cut, CHUNK_SIZE));

          g_byte_array_append (rest, text->data + cut, text->len - cut);
          g_byte_array_set_size (text, cut);
          segment->text = g_steal_pointer (&text);
          text = rest;
        }
      else
        segment->text = g_byte_array_ref (text);
      first = FALSE;
      pipeline_push (p, segment);
    }

  g_mutex_lock (&p->lock);
  p->split_done = TRUE;
  p->unsplittable = unsplittable;
  p->read_error = error;
  g_cond_broadcast (&p->changed);
  g_mutex_unlock (&p->lock);
  return NULL;
}

static void
parse_segment (Segment    *segment,
               const char *path)
{
  Reader r = { 0 };

  reader_start (&r, segment, path);
  if ((segment->first || reader_feed (&r, "<osm>", 5, FALSE)) &&
      reader_feed (&r, (const char *) segment->text->data, segment->text->len, segment->last) &&
      !segment->last)
    reader_feed (&r, "</osm>", 6, TRUE);
  reader_finish (&r);
  g_clear_pointer (&segment->text, g_byte_array_unref);
}

static gpointer
parse_thread (gpointer data)
{
  Pipeline *p = data;

  for (;;)
    {
      Segment *segment;

      g_mutex_lock (&p->lock);
      while (!p->stop && g_queue_is_empty (&p->unparsed) && !p->split_done)
        g_cond_wait (&p->changed, &p->lock);
      segment = p->stop ? NULL : g_queue_pop_head (&p->unparsed);
      g_mutex_unlock (&p->lock);
      if (segment == NULL)
        return NULL;

      parse_segment (segment, p->path);

      g_mutex_lock (&p->lock);
      p->parsed[segment->seq % p->capacity] = segment;
      g_cond_broadcast (&p->changed);
      g_mutex_unlock (&p->lock);
    }
}

/* Reads the file with @n_threads parsers; %FALSE with @retry set when it
 * must be read in one thread instead */
static gboolean
read_parallel (Importer      *im,
               GFile         *file,
               goffset        total,
               guint          n_threads,
               gsize          segment_bytes,
               gboolean      *retry,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFileInputStream) raw = NULL;
  g_autoptr(GInputStream) input = open_decompressed (file, cancellable, &raw, error);
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  Pipeline p = { 0 };
  gboolean ok = TRUE;

  *retry = FALSE;
  if (input == NULL)
    return FALSE;

  g_mutex_init (&p.lock);
  g_cond_init (&p.changed);
  p.capacity = 2 * n_threads + 2;
  p.parsed = g_new0 (Segment *, p.capacity);
  p.input = input;
  p.position = G_SEEKABLE (raw);
  p.segment_bytes = segment_bytes;
  p.path = g_file_peek_path (file);
  p.cancellable = cancellable;

  g_ptr_array_add (threads, g_thread_new ("osm-split", split_thread, &p));
  for (guint i = 0; i < n_threads; i++)
    g_ptr_array_add (threads, g_thread_new ("osm-parse", parse_thread, &p));

  for (guint seq = 0; ok; seq++)
    {
      Segment *segment;

      g_mutex_lock (&p.lock);
      while ((segment = p.parsed[seq % p.capacity]) == NULL &&
             !(p.split_done && (seq == p.n_split || p.unsplittable || p.read_error != NULL)))
        g_cond_wait (&p.changed, &p.lock);
      p.parsed[seq % p.capacity] = NULL;
      if (segment != NULL)
        p.n_replayed++;
      g_cond_broadcast (&p.changed);
      g_mutex_unlock (&p.lock);

      if (segment == NULL)
        break;
      if (segment->error != NULL)
        *retry = TRUE;
      else
        {
          replay (im, segment);
          report_progress (im, segment->position, total);
        }
      segment_free (segment);
      if (*retry || g_cancellable_is_cancelled (cancellable))
        ok = FALSE;
    }

  g_mutex_lock (&p.lock);
  p.stop = TRUE;
  g_cond_broadcast (&p.changed);
  g_mutex_unlock (&p.lock);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);

  if (p.unsplittable)
    *retry = TRUE;
  if (!*retry && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  else if (!*retry && p.read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&p.read_error));
      ok = FALSE;
    }
  ok = ok && !*retry;

  g_clear_error (&p.read_error);
  g_queue_clear_full (&p.unparsed, (GDestroyNotify) segment_free);
  for (guint i = 0; i < p.capacity; i++)
    g_clear_pointer (&p.parsed[i], segment_free);
  g_free (p.parsed);
  g_mutex_clear (&p.lock);
  g_cond_clear (&p.changed);
  return ok;
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
  g_autoptr(LcOsmReport) result = g_new0 (LcOsmReport, 1);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GArray) edges = NULL;
  g_autoptr(LcGeometry) boundary = NULL;
  GThread *edges_thread = NULL;
  LcOsmMapping *mapping;
  Importer im = { 0 };
  gint64 started = g_get_monotonic_time ();
  goffset total = 0;
  guint n_threads;
  gboolean retry = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (options == NULL)
    options = &defaults;

  mapping = options->mapping;
  if (mapping == NULL)
    mapping = own_mapping = lc_osm_mapping_new_default ();
  importer_init (&im, options, mapping, result);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    goto out;
  total = g_file_info_get_size (info);

  /* Threads pay off on a machine with cores to spare; one parser is the
   * splitter's and the replay's share of two */
  n_threads = options->threads > 0 ? options->threads : MIN (g_get_num_processors (), 4);
  if (n_threads > 1 &&
      !read_parallel (&im, file, total, n_threads,
                      options->segment_bytes > 0 ? options->segment_bytes : 2 * 1024 * 1024,
                      &retry, cancellable, error))
    {
      if (!retry)
        goto out;
      importer_clear (&im);
      importer_init (&im, options, mapping, result);
    }
  if ((n_threads <= 1 || retry) && !read_sequential (&im, file, total, cancellable, error))
    goto out;
  result->threads = n_threads > 1 && !retry ? n_threads : 1;

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

  finish_buildings (&im);
  boundary = make_boundary (&im, error);
  if (boundary == NULL && options->boundary != NULL)
    goto out;

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !lc_plan_begin_full (plan, _("Import OpenStreetMap Data"), options->undoable, error))
    goto out;

  edges_thread = g_thread_new ("osm-edges", build_edges_thread, &im);
  if (!write_plan (&im, lc_plan_get_database (plan), &edges_thread, &edges, boundary, cancellable, error))
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
  if (edges_thread != NULL)
    edges = g_thread_join (edges_thread);
  if (edges != NULL)
    for (guint i = 0; i < edges->len; i++)
      lc_geometry_free (g_array_index (edges, Edge, i).geometry);
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

  g_string_append_printf (out, "  \"bytes\": %" G_GUINT64_FORMAT ",\n  \"threads\": %u,\n", r->bytes, r->threads);
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
