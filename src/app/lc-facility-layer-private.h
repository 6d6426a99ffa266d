/* lc-facility-layer-private.h: what the facility layer's files share
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * LcFacilityLayer is split along its seams:
 *
 *   lc-facility-layer.c    the ShumateLayer: properties, the plan and its
 *                          loading in a worker thread, the snapshot
 *   lc-facility-index.c    the loaded features, sorted for lookups by area
 *   lc-facility-symbols.c  the symbols: their colours, images and drawing
 *   lc-facility-labels.c   the names, placed where they do not overlap
 *   lc-facility-pick.c     what is under a point, and keyboard stepping
 *
 * Only these files include this header.
 */

#include <cairo.h>

#include "lc-facility-layer.h"
#include "lc-map-features.h"
#include "lc-services.h"

G_BEGIN_DECLS

/* Drawing order, bottom to top */
typedef enum
{
  GROUP_PROJECT,
  GROUP_OTHER,
  GROUP_LIUYITING,
  GROUP_RENMINFANG,
  GROUP_NEED,
  N_GROUPS
} Group;

typedef enum
{
  STATUS_EXISTING,
  STATUS_PLANNED,
  STATUS_UNDER_CONSTRUCTION,
  N_STATUSES
} Status;

/* One colour per service, in lc_services_get_all() order, then grey for a
 * facility with none */
#define NO_SERVICE LC_N_SERVICES
#define N_COLOURS (LC_N_SERVICES + 1)

/* Facility symbols first, then the need's and the project location's */
#define N_FACILITY_SYMBOLS (3 * N_STATUSES * N_COLOURS)
#define SYMBOL_NEED N_FACILITY_SYMBOLS
#define SYMBOL_PROJECT (N_FACILITY_SYMBOLS + 1)
#define N_SYMBOLS (N_FACILITY_SYMBOLS + 2)

/* Texture side (logical px, even, so that the centre is on a pixel corner)
 * and the radius a pick counts as on the symbol */
static const struct
{
  int    size;
  double radius;
} group_info[N_GROUPS] = {
  [GROUP_PROJECT]    = { 36, 14.5 },
  [GROUP_OTHER]      = { 20, 7.0 },
  [GROUP_LIUYITING]  = { 28, 10.0 },
  [GROUP_RENMINFANG] = { 28, 11.0 },
  [GROUP_NEED]       = { 22, 8.0 },
};

#define MAX_HALF_SIZE 18.0

typedef struct
{
  double      x, y;       /* normalised Web Mercator */
  gint64      id;         /* fid */
  const char *name;       /* owned by the index; NULL when none */
  guint32     services;   /* bit i: the i-th service of the catalogue */
  guint8      group;
  guint8      status;
  guint8      colour;
} Feature;

/* A symbol a snapshot draws */
typedef struct
{
  guint  index;           /* into the index's features */
  guint  symbol;
  float  x, y;            /* widget position of its centre, on a device pixel corner */
} Visible;

/* Where the viewport puts the world, for one snapshot or pick */
typedef struct
{
  double world;           /* px across the world at this zoom */
  double centre_x;        /* the viewport's centre, normalised */
  double centre_y;
  double width, height;   /* of the widget */
  double cos_r, sin_r;    /* rotation */
  gboolean rotated;
  double zoom;
} View;

/* ---- the index: lc-facility-index.c ---- */

typedef struct
{
  GArray        *features;                /* Feature, sorted by group, then y, then id */
  guint          group_start[N_GROUPS + 1];
  LcMapFeatures *source;                  /* holds the names */
} LcFacilityIndex;

LcFacilityIndex *lc_facility_index_new         (LcMapFeatures         *features);
void             lc_facility_index_free        (LcFacilityIndex       *index);
guint            lc_facility_index_lower_bound (const LcFacilityIndex *index,
                                                guint                  start,
                                                guint                  end,
                                                double                 y);
const Feature   *lc_facility_index_find        (const LcFacilityIndex *index,
                                                const char            *table,
                                                gint64                 id);
const char      *lc_facility_group_table       (Group                  group);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcFacilityIndex, lc_facility_index_free)

static inline const Feature *
lc_facility_index_get (const LcFacilityIndex *index,
                       guint                  i)
{
  return &g_array_index (index->features, Feature, i);
}

/* ---- symbols: lc-facility-symbols.c ---- */

typedef struct
{
  int              scale;                  /* device px per logical px of the symbols */
  cairo_surface_t *surfaces[N_SYMBOLS];    /* drawn on demand at scale */
  GdkTexture      *textures[N_SYMBOLS];    /* the same, as textures */
  cairo_surface_t *images[3];              /* for composited symbols, to reuse */
} LcFacilitySymbols;

void             lc_facility_symbols_set_scale (LcFacilitySymbols *symbols,
                                                int                scale);
void             lc_facility_symbols_clear     (LcFacilitySymbols *symbols);
void             lc_facility_symbols_append    (LcFacilitySymbols *symbols,
                                                GtkSnapshot       *snapshot,
                                                GArray            *visible,
                                                const View        *view,
                                                gboolean           cairo_renderer);

static inline guint
lc_facility_symbol_index (const Feature *f)
{
  if (f->group == GROUP_NEED)
    return SYMBOL_NEED;
  if (f->group == GROUP_PROJECT)
    return SYMBOL_PROJECT;
  return ((guint) (f->group - GROUP_OTHER) * N_STATUSES + f->status) * N_COLOURS + f->colour;
}

static inline Group
lc_facility_symbol_group (guint symbol)
{
  if (symbol == SYMBOL_NEED)
    return GROUP_NEED;
  if (symbol == SYMBOL_PROJECT)
    return GROUP_PROJECT;
  return GROUP_OTHER + symbol / (N_STATUSES * N_COLOURS);
}

/* ---- labels: lc-facility-labels.c ---- */

typedef struct
{
  GHashTable *layouts;    /* feature index → PangoLayout */
  guint       serial;     /* of the Pango context they were made in */
  GByteArray *grid;       /* what covers each GRID_CELL² px, scratch of one snapshot */
  int         columns;
  int         rows;
} LcFacilityLabels;

void             lc_facility_labels_init       (LcFacilityLabels       *labels);
void             lc_facility_labels_clear      (LcFacilityLabels       *labels);
void             lc_facility_labels_finish     (LcFacilityLabels       *labels);
guint            lc_facility_labels_draw       (LcFacilityLabels       *labels,
                                                GtkWidget              *widget,
                                                GtkSnapshot            *snapshot,
                                                const LcFacilityIndex  *index,
                                                GArray                 *visible,
                                                const View             *view);

/* ---- the layer: lc-facility-layer.c ---- */

struct _LcFacilityLayer
{
  ShumateLayer parent_instance;

  /* Owned */
  LcPlan            *plan;
  LcFacilityIndex   *index;                /* never NULL */
  GCancellable      *loading;              /* the load on its way */
  guint              reload_id;            /* a load to start */
  char              *service_filter;
  LcFacilitySymbols  symbols;
  LcFacilityLabels   labels;
  GArray            *visible;              /* Visible, scratch of one snapshot */

  int                filter_bit;           /* -1: no filter; -2: a key not in the catalogue */
  guint32            filter_mask;          /* services shown; 0: all */
  gboolean           show_facilities;
  gboolean           show_needs;
  gboolean           show_projects;
  gboolean           is_loading;           /* as last notified */
  guint              n_drawn;
  guint              n_labels;

  /* The selection, and where it is being dragged to */
  const char        *selected_table;
  gint64             selected_id;
  gboolean           dragging;
  double             drag_x, drag_y;       /* normalised Web Mercator */
};

gboolean         lc_facility_layer_get_view    (LcFacilityLayer *self,
                                                View            *view);

static inline gboolean
lc_facility_layer_group_shown (LcFacilityLayer *self,
                               Group            group)
{
  if (group == GROUP_NEED)
    return self->show_needs;
  if (group == GROUP_PROJECT)
    return self->show_projects;
  return self->show_facilities && self->filter_bit != -2;
}

static inline gboolean
lc_facility_layer_feature_shown (LcFacilityLayer *self,
                                 const Feature   *f)
{
  return self->filter_mask == 0 || f->group == GROUP_NEED || f->group == GROUP_PROJECT ||
         (f->services & self->filter_mask) != 0;
}

/* ---- projection ---- */

static inline void
view_to_widget (const View *view,
                double      x,
                double      y,
                double     *widget_x,
                double     *widget_y)
{
  double dx = (x - view->centre_x) * view->world;
  double dy = (y - view->centre_y) * view->world;

  if (view->rotated)
    {
      double rx = view->cos_r * dx - view->sin_r * dy;
      double ry = view->sin_r * dx + view->cos_r * dy;

      dx = rx;
      dy = ry;
    }

  *widget_x = dx + view->width / 2;
  *widget_y = dy + view->height / 2;
}

static inline void
view_from_widget (const View *view,
                  double      widget_x,
                  double      widget_y,
                  double     *x,
                  double     *y)
{
  double dx = widget_x - view->width / 2;
  double dy = widget_y - view->height / 2;

  if (view->rotated)
    {
      double rx = view->cos_r * dx + view->sin_r * dy;
      double ry = -view->sin_r * dx + view->cos_r * dy;

      dx = rx;
      dy = ry;
    }

  *x = view->centre_x + dx / view->world;
  *y = view->centre_y + dy / view->world;
}

G_END_DECLS
