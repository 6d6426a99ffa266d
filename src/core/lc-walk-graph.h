/* lc-walk-graph.h: the walking network as a compact graph, and bounded searches on it
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lc-types.h"

G_BEGIN_DECLS

/* Path ends closer than this are joined: below drawing and survey accuracy,
 * far above the rounding of coordinates through a file */
#define LC_WALK_GRAPH_JOIN_M 0.5

/* A connected part of the network is an island when it has fewer nodes than
 * both of these: a share of the largest part's, and a count */
#define LC_WALK_GRAPH_ISLAND_SHARE 0.05
#define LC_WALK_GRAPH_ISLAND_MAX_NODES 500

/* A distance that no search reached (beyond its bound) */
#define LC_WALK_UNREACHED G_MAXUINT32

typedef struct _LcWalkGraph        LcWalkGraph;
typedef struct _LcWalkGraphBuilder LcWalkGraphBuilder;
typedef struct _LcWalkSearch       LcWalkSearch;

/* One arc of the adjacency (CSR) arrays: both directions of each edge */
typedef struct
{
  guint32 target;
  guint32 length_cm;
} LcWalkArc;

/* Where a point meets the network: on @edge, @pos_cm from its first node */
typedef struct
{
  guint32 edge;
  guint32 pos_cm;        /* along the edge from lc_walk_graph_get_edge()'s @u, centimetres */
  guint32 distance_cm;   /* from the point to the edge, centimetres: walked too */
  double  t;             /* the same position as a fraction 0–1 of the edge */
} LcWalkSnap;

/* An initial label of a multi-source search */
typedef struct
{
  guint32 node;
  guint32 distance_cm;
} LcWalkSource;

LcWalkGraphBuilder *lc_walk_graph_builder_new      (void);
void                lc_walk_graph_builder_add_line (LcWalkGraphBuilder *builder,
                                                    const double       *lonlat,
                                                    guint               n_points);
LcWalkGraph        *lc_walk_graph_builder_finish   (LcWalkGraphBuilder *builder);
void                lc_walk_graph_builder_free     (LcWalkGraphBuilder *builder);

LcWalkGraph      *lc_walk_graph_ref            (LcWalkGraph        *graph);
void              lc_walk_graph_unref          (LcWalkGraph        *graph);
guint             lc_walk_graph_get_n_nodes    (const LcWalkGraph  *graph);
guint             lc_walk_graph_get_n_edges    (const LcWalkGraph  *graph);
void              lc_walk_graph_get_node       (const LcWalkGraph  *graph,
                                                guint               node,
                                                double             *lon,
                                                double             *lat);
void              lc_walk_graph_get_node_xy    (const LcWalkGraph  *graph,
                                                guint               node,
                                                double             *x,
                                                double             *y);
void              lc_walk_graph_project        (const LcWalkGraph  *graph,
                                                double              lon,
                                                double              lat,
                                                double             *x,
                                                double             *y);
void              lc_walk_graph_get_edge       (const LcWalkGraph  *graph,
                                                guint               edge,
                                                guint              *u,
                                                guint              *v,
                                                guint32            *length_cm);
guint             lc_walk_graph_get_n_islands  (const LcWalkGraph  *graph);
gboolean          lc_walk_graph_edge_on_island (const LcWalkGraph  *graph,
                                                guint               edge);
gboolean          lc_walk_graph_node_on_island (const LcWalkGraph  *graph,
                                                guint               node);
const guint32    *lc_walk_graph_get_offsets    (const LcWalkGraph  *graph);
const LcWalkArc  *lc_walk_graph_get_arcs       (const LcWalkGraph  *graph);
gboolean          lc_walk_graph_snap           (const LcWalkGraph  *graph,
                                                double              lon,
                                                double              lat,
                                                double              max_distance_m,
                                                LcWalkSnap         *snap);
void              lc_walk_graph_snap_sources   (const LcWalkGraph  *graph,
                                                guint               edge,
                                                guint32             pos_cm,
                                                guint32             base_cm,
                                                LcWalkSource        sources[2]);
guint32           lc_walk_graph_snap_label     (const LcWalkGraph  *graph,
                                                const LcWalkSnap   *snap,
                                                const guint32      *distance_cm);

LcWalkSearch     *lc_walk_search_new           (const LcWalkGraph  *graph);
void              lc_walk_search_free          (LcWalkSearch       *search);
guint             lc_walk_search_run           (LcWalkSearch       *search,
                                                const LcWalkSource *sources,
                                                guint               n_sources,
                                                guint32             bound_cm,
                                                guint32            *distance_cm);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcWalkGraph, lc_walk_graph_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcWalkGraphBuilder, lc_walk_graph_builder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcWalkSearch, lc_walk_search_free)

G_END_DECLS
