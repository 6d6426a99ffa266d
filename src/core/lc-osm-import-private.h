/* lc-osm-import-private.h: what the parts of the OpenStreetMap import share
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/parser.h>

#include "lc-geometry.h"
#include "lc-osm-import.h"
#include "lc-plan-private.h"

G_BEGIN_DECLS

/*
 * For the lc-osm-*.c files alone: the importer's state and the records the
 * reader hands it. One import runs through them in this order:
 *
 *   lc-osm-import.c    the import: options, reading in one thread, the report
 *   lc-osm-reader.c    XML into segments of elements (libxml2 SAX2)
 *   lc-osm-parallel.c  reading in threads: split, parse side by side, replay
 *   lc-osm-elements.c  each element replayed into the features kept
 *   lc-osm-mapping.c   what tags make: services, paths, homes, landcover
 *   lc-osm-build.c     after the last element: rings, network, homes, boundary
 *   lc-osm-write.c     the features into the plan, in one edit
 */

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


/* A piece of walking path between junctions */
typedef struct
{
  LcGeometry *geometry;
  const WalkWay *way;
  double length;              /* metres */
} Edge;

static inline double
node_x (const Node *n)
{
  return n->lon / COORD_SCALE;
}

static inline double
node_y (const Node *n)
{
  return n->lat / COORD_SCALE;
}

/* lc-osm-import.c */
GInputStream *lc_osm_open_decompressed      (GFile                *file,
                                             GCancellable         *cancellable,
                                             GFileInputStream    **raw_out,
                                             GError              **error);
void          lc_osm_report_progress        (Importer             *im,
                                             goffset               position,
                                             goffset               total);

/* lc-osm-reader.c */
Segment      *lc_osm_segment_new            (void);
void          lc_osm_segment_clear_elements (Segment              *s);
void          lc_osm_segment_free           (Segment              *s);
xmlParserCtxtPtr lc_osm_reader_start        (Reader               *r,
                                             Segment              *segment,
                                             const char           *path);
gboolean      lc_osm_reader_feed            (Reader               *r,
                                             const char           *text,
                                             gsize                 len,
                                             gboolean              last);
void          lc_osm_reader_finish          (Reader               *r);

/* lc-osm-parallel.c */
gboolean      lc_osm_read_parallel          (Importer             *im,
                                             GFile                *file,
                                             goffset               total,
                                             guint                 n_threads,
                                             gsize                 segment_bytes,
                                             gboolean             *retry,
                                             GCancellable         *cancellable,
                                             GError              **error);

/* lc-osm-elements.c */
void          lc_osm_replay                 (Importer             *im,
                                             const Segment        *s);
const Node   *lc_osm_find_node              (Importer             *im,
                                             gint64                id);
const Way    *lc_osm_find_way               (Importer             *im,
                                             gint64                id);

/* lc-osm-mapping.c */
gboolean      lc_osm_tags_is_walkable       (const LcOsmTags      *tags);
gboolean      lc_osm_tags_is_poi            (const LcOsmTags      *tags);
gboolean      lc_osm_tags_landcover_class   (const LcOsmTags      *tags,
                                             LcLandcoverClass     *cls);
gboolean      lc_osm_building_is_residential (const char          *building);

/* lc-osm-build.c */
guint         lc_osm_add_ref_points         (Importer             *im,
                                             LcGeometry           *g,
                                             const gint64         *ids,
                                             guint                 n);
guint         lc_osm_assemble_rings         (Importer             *im,
                                             GArray               *way_ids,
                                             LcGeometry           *g,
                                             guint                *unclosed,
                                             guint                *missing);
LcGeometry   *lc_osm_rings_as_polygons      (LcGeometry           *rings,
                                             const LcGeometry     *holes);
gpointer      lc_osm_build_edges_thread     (gpointer              importer);
void          lc_osm_finish_buildings       (Importer             *im);
LcGeometry   *lc_osm_make_boundary          (Importer             *im,
                                             GError              **error);

/* lc-osm-write.c */
gboolean      lc_osm_write_plan             (Importer             *im,
                                             sqlite3              *db,
                                             GThread             **edges_thread,
                                             GArray              **edges,
                                             LcGeometry           *boundary,
                                             GCancellable         *cancellable,
                                             GError              **error);

G_END_DECLS
