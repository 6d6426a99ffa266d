/* lc-osm-import.h: the status quo from an OpenStreetMap extract
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lc-osm-mapping.h"
#include "lc-plan.h"

G_BEGIN_DECLS

#define LC_OSM_ERROR (lc_osm_error_quark ())

typedef enum
{
  LC_OSM_ERROR_INVALID,      /* not well-formed XML, or not OSM XML */
  LC_OSM_ERROR_UNSAFE,       /* declares a DTD or entities: refused */
  LC_OSM_ERROR_BOUNDARY,     /* the boundary asked for is not in the file */
} LcOsmError;

/* Basemap classes of the landcover table */
typedef enum
{
  LC_LANDCOVER_WATER,
  LC_LANDCOVER_GREEN,
  LC_LANDCOVER_RESIDENTIAL,
  LC_LANDCOVER_COMMERCIAL,
  LC_LANDCOVER_INDUSTRIAL,
  LC_LANDCOVER_EDUCATION,
  LC_LANDCOVER_OTHER,
  LC_N_LANDCOVER
} LcLandcoverClass;

typedef struct
{
  /* relation id ("13466003" or "r13466003") or name (name or name:zh) of
   * the administrative boundary to take as the unit; NULL for none */
  const char   *boundary;
  /* the unit's name; NULL takes the boundary's */
  const char   *unit_name;
  /* NULL for the table shipped with the app */
  LcOsmMapping *mapping;
  /* one undo step (importing into an open plan); FALSE for a new plan,
   * where a step the size of the whole import would only cost memory */
  gboolean      undoable;
  /* called from the importing thread with the share of the file read */
  void        (*progress) (double fraction, gpointer user_data);
  gpointer      progress_data;
  /* parsers reading side by side: 0 for one per core (up to 4), 1 for the
   * importing thread alone */
  guint         threads;
  /* bytes of XML per parser's portion; 0 for the default (2 MiB) */
  gsize         segment_bytes;
} LcOsmImportOptions;

typedef struct
{
  guint64 bytes;                 /* of the file as stored (compressed or not) */
  guint   threads;               /* parsers that read it side by side */
  guint   nodes, ways, relations;

  guint   walkable_ways;
  guint   path_edges;
  double  path_length_m;
  guint   buildings;
  guint   residential_buildings;
  double  population;            /* estimated, of residential buildings */
  guint   facilities;            /* all kept, mapped or not */
  guint   facilities_other;      /* POIs no rule maps: kept with their tags */
  guint   per_service[LC_N_SERVICES];
  guint   landcover[LC_N_LANDCOVER];

  guint   dangling_refs;         /* references to nodes or ways not in the file */
  guint   ways_with_dangling_refs;
  guint   incomplete_relations;
  guint   unclosed_rings;

  char   *boundary_name;         /* NULL when no boundary was taken */
  gboolean boundary_from_bounds; /* the relation was incomplete: the data's bounds stand in */
  double  bounds[4];             /* min_lon, min_lat, max_lon, max_lat */
  double  seconds;
} LcOsmReport;

GQuark       lc_osm_error_quark     (void);
gboolean     lc_osm_import          (LcPlan                    *plan,
                                     GFile                     *file,
                                     const LcOsmImportOptions  *options,
                                     LcOsmReport              **report,
                                     GCancellable              *cancellable,
                                     GError                   **error);
void         lc_osm_report_free     (LcOsmReport               *report);
char        *lc_osm_report_to_text  (const LcOsmReport         *report);
char        *lc_osm_report_to_json  (const LcOsmReport         *report);
const char  *lc_landcover_class_key (LcLandcoverClass           cls);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcOsmReport, lc_osm_report_free)

G_END_DECLS
