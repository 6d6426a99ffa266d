/* lc-osm-elements.c: OSM nodes, ways and relations, replayed, into what an import keeps
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-osm-elements"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lc-json.h"
#include "lc-osm-import-private.h"

/*
 * The importer sees the file's elements one by one, in file order, as the
 * reader (lc-osm-reader.c) recorded them: each node's coordinates are kept
 * for the ways after it, each way's node list for the relations after it,
 * and what an element's tags make of it (lc-osm-mapping.c) is kept as a
 * path, a building, a piece of landcover or a facility. Walking paths,
 * homes and the boundary are finished after the last element
 * (lc-osm-build.c).
 */

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

const Node *
lc_osm_find_node (Importer *im,
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

const Way *
lc_osm_find_way (Importer *im,
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
  if (im->match_scratch->len == 0 && !lc_osm_tags_is_poi (&tags))
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
  LcOsmTags tags = current_tags (im);
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
      b.residential = lc_osm_building_is_residential (building);
      b.cx = cx;
      b.cy = cy;
      set_osm_id (b.osm_id, type, id);
      g_array_append_val (im->buildings, b);
      used = TRUE;
    }
  else if (lc_osm_tags_landcover_class (&tags, &cls))
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
  LcOsmTags tags = current_tags (im);
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
    if (lc_osm_find_node (im, ids[i]) == NULL)
      missing++;
  if (missing > 0)
    {
      im->report->dangling_refs += missing;
      im->report->ways_with_dangling_refs++;
    }

  if (lc_osm_tags_is_walkable (&tags))
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

          lc_osm_add_ref_points (im, g, ids, n);
          lc_geometry_end_part (g);
          lc_geometry_end_group (g);
          add_area (im, g, 'w', im->current_id);
        }
    }
  else if (n > 0 && missing < n && lc_osm_tags_is_poi (&tags))
    {
      /* An open way with POI tags: a facility at its first known node */
      for (guint i = 0; i < n; i++)
        {
          const Node *node = lc_osm_find_node (im, ids[i]);

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
      if (lc_osm_find_way (im, m->ref) == NULL)
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
      g_autoptr(LcGeometry) holes = NULL;
      guint unclosed = 0, missing = 0;
      guint n_outer = lc_osm_assemble_rings (im, outer, g, &unclosed, &missing);

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
      if (inner->len > 0)
        {
          holes = lc_geometry_new (LC_GEOMETRY_POLYGON);
          lc_osm_assemble_rings (im, inner, holes, &unclosed, &missing);
        }
      g = lc_osm_rings_as_polygons (g, holes);
      add_area (im, g, 'r', im->current_id);
    }
}

/* Hands a segment's elements to the importer, in order */
void
lc_osm_replay (Importer      *im,
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
