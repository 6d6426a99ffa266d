/* lc-facility-layer.c: the plan's facilities, needs and project locations on the map
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-facility-layer"

#include "config.h"

#include "lc-plan-private.h" /* FIXME: until the typed core replaces its SQL */
#include "lc-geo.h"

#include <math.h>
#include <string.h>
#include <cairo.h>

#include "lc-facility-layer.h"
#include "lc-geometry.h"
#include "lc-services.h"

/*
 * The map's interactive overlay: every facility, need and project location
 * of the plan as a symbol, drawn in one snapshot.
 *
 * On load the rows become one compact array of points in normalised
 * Web-Mercator coordinates (0…1 west to east and north to south), sorted by
 * drawing group and, within a group, from north to south, so that southern
 * symbols overlap northern ones as on a paper map. That order is also the
 * index: a snapshot finds each group's band of visible latitudes with a
 * binary search and only tests the points in it, so a street-level view of a
 * plan of 20,000 facilities visits a few hundred.
 *
 * Each symbol style (shape × status × colour) is drawn once with cairo into a
 * small image at the widget's scale factor. A snapshot places symbols on
 * whole device pixels, so they stay crisp, and draws them as one texture
 * node each when there are few; when there are many, it leaves out those
 * hidden under others and composites the rest itself into one image (see
 * append_symbols_as_image()). Names come last, from zoom 17, where they fit.
 *
 * tests/bench/bench-overlay.c measures the snapshot in CPU time at zooms
 * 13–19 on the sample and on a plan of ten times its density (2 vCPUs,
 * Xvfb, cairo renderer, 1280 × 800): at most 1.7 ms median and 5.6 ms
 * worst, against a target of 8 ms.
 */

#define PICK_TOLERANCE 8.0      /* px beyond a symbol's edge that still picks it */
#define LABEL_GAP 3.0           /* px between a symbol and its label */
#define LABEL_PAD_X 4.0
#define LABEL_PAD_Y 1.0
#define MAX_LABEL_TRIES 1500    /* labels measured per snapshot, at most */
#define MAX_CACHED_LABELS 4096
#define GRID_CELL 4             /* px: resolution of the label placement grid */
/* Above this many symbols, they are composited into one image (see
 * append_symbols_as_image()), at a fixed cost of one image of their extent;
 * a texture node costs the cairo renderer some 8 µs, the GL one less */
#define MAX_SYMBOL_NODES_CAIRO 250
#define MAX_SYMBOL_NODES_GL 4000
#define THIN_ABOVE 250          /* symbols in view */
#define THIN_CELL 3             /* px: of a crowd, one symbol per cell is drawn */

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
 * facility with none. Neighbours in the catalogue get unlike hues. */
#define NO_SERVICE LC_N_SERVICES
#define N_COLOURS (LC_N_SERVICES + 1)

static const guint32 palette[N_COLOURS] = {
  0xd62f2f, /* party_service: red */
  0xf08c00, /* community_deliberation: orange */
  0x8b5a2b, /* employment: brown */
  0x1c6fd6, /* health: blue */
  0xd4a106, /* elderly: gold */
  0xe8579b, /* childcare: pink */
  0x8e44ad, /* culture: purple */
  0x2e9e48, /* sports: green */
  0x0b7285, /* emergency: dark teal */
  0x7cb518, /* public_space: lime */
  0x12b886, /* nature: mint */
  0x4c5fd5, /* learning: indigo */
  0xc2255c, /* child_care_after_school: raspberry */
  0x22b8cf, /* all_day_health: cyan */
  0xa48be8, /* elderly_care: lavender */
  0xa9746e, /* daily_life: rosy brown */
  0x5f3dc4, /* culture_outreach: deep violet */
  0x495057, /* startup_space: charcoal */
  0x5ca8f0, /* smart: sky blue */
  0x6b8e23, /* municipal_env: olive */
  0x9a9996, /* none: grey */
};

#define NEED_COLOUR 0xe01b24
#define PROJECT_COLOUR 0x9141ac

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

static const char * const group_tables[N_GROUPS] = {
  [GROUP_PROJECT]    = LC_FACILITY_LAYER_TABLE_PROJECT_LOCATIONS,
  [GROUP_OTHER]      = LC_FACILITY_LAYER_TABLE_FACILITIES,
  [GROUP_LIUYITING]  = LC_FACILITY_LAYER_TABLE_FACILITIES,
  [GROUP_RENMINFANG] = LC_FACILITY_LAYER_TABLE_FACILITIES,
  [GROUP_NEED]       = LC_FACILITY_LAYER_TABLE_NEEDS,
};

typedef struct
{
  double      x, y;       /* normalised Web Mercator */
  gint64      id;         /* fid */
  const char *name;       /* in self->names; NULL when none */
  guint32     services;   /* bit i: the i-th service of the catalogue */
  guint8      group;
  guint8      status;
  guint8      colour;
} Feature;

/* A symbol a snapshot draws */
typedef struct
{
  guint  index;           /* into self->features */
  guint  symbol;
  float  x, y;            /* widget position of its centre, on a device pixel corner */
} Visible;

/* What covers a cell of the label grid */
typedef enum
{
  OCCUPIED_SYMBOL     = 1 << 0,   /* a need, or a facility other than a hub or a pavilion */
  OCCUPIED_KEY_SYMBOL = 1 << 1,   /* a 人民坊 or a 六艺亭 */
  OCCUPIED_LABEL      = 1 << 2,
} Occupied;

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

struct _LcFacilityLayer
{
  ShumateLayer parent_instance;

  /* Owned */
  LcPlan          *plan;
  GArray          *features;                   /* Feature, sorted by group, then y */
  GStringChunk    *names;
  char            *service_filter;
  cairo_surface_t *symbol_surfaces[N_SYMBOLS]; /* drawn on demand at symbols_scale */
  GdkTexture      *symbols[N_SYMBOLS];         /* the same, as textures */
  cairo_surface_t *images[3];                  /* for append_symbols_as_image(), to reuse */
  GHashTable      *labels;                     /* feature index → PangoLayout */
  GArray          *visible;                    /* Visible, scratch of one snapshot */
  GByteArray      *grid;                       /* Occupied per GRID_CELL² px, scratch of one snapshot */

  int              grid_columns;
  int              grid_rows;
  guint            group_start[N_GROUPS + 1];
  int              filter_bit;                 /* -1: no filter; -2: a key not in the catalogue */
  guint32          filter_mask;                /* services shown; 0: all */
  gboolean         show_facilities;
  int              symbols_scale;
  guint            labels_serial;
  gboolean         show_needs;
  gboolean         show_projects;
  guint            n_drawn;
  guint            n_labels;

  /* The selection, and where it is being dragged to */
  const char      *selected_table;
  gint64           selected_id;
  gboolean         dragging;
  double           drag_x, drag_y;             /* normalised Web Mercator */
};

G_DEFINE_FINAL_TYPE (LcFacilityLayer, lc_facility_layer, SHUMATE_TYPE_LAYER)

enum
{
  PROP_0,
  PROP_PLAN,
  PROP_SERVICE_FILTER,
  PROP_SHOW_NEEDS,
  PROP_SHOW_PROJECTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- projection ---- */

/*
 * The same transform as shumate_viewport_location_to_widget_coords(): the
 * reference map source's size of the world at this zoom, the viewport's
 * centre in the middle of the widget, turned by the viewport's rotation
 * around that middle. Without a reference source nothing can be placed.
 */
static gboolean
get_view (LcFacilityLayer *self,
          View            *view)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *reference;
  double rotation;

  if (viewport == NULL)
    return FALSE;
  reference = shumate_viewport_get_reference_map_source (viewport);
  if (reference == NULL)
    return FALSE;

  view->zoom = shumate_viewport_get_zoom_level (viewport);
  view->world = shumate_map_source_get_x (reference, view->zoom, 180.0) -
                shumate_map_source_get_x (reference, view->zoom, -180.0);
  view->centre_x = lc_geo_world_x (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  view->centre_y = lc_geo_world_y (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)));
  view->width = gtk_widget_get_width (GTK_WIDGET (self));
  view->height = gtk_widget_get_height (GTK_WIDGET (self));
  rotation = shumate_viewport_get_rotation (viewport);
  view->rotated = rotation != 0.0;
  view->cos_r = cos (rotation);
  view->sin_r = sin (rotation);

  return view->world > 0;
}

static void
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

static void
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

/* ---- loading ---- */

static int
service_bit (const char *key)
{
  guint n;
  const LcService *all = lc_services_get_all (&n);

  if (key == NULL)
    return -1;
  for (guint i = 0; i < n; i++)
    if (g_str_equal (all[i].key, key))
      return (int) i;
  return -1;
}

/* A point for any geometry: itself, or the area-weighted centroid of the
 * outer ring of a (multi)polygon's first polygon, or the middle of its bounds */
static gboolean
geometry_anchor (const LcGeometry *g,
                 double           *lon,
                 double           *lat)
{
  double min_x, max_x, min_y, max_y;

  if (g == NULL || lc_geometry_is_empty (g))
    return FALSE;

  if (g->type == LC_GEOMETRY_POINT || g->type == LC_GEOMETRY_MULTIPOINT)
    {
      *lon = g->xy[0];
      *lat = g->xy[1];
      return isfinite (*lon) && isfinite (*lat);
    }

  if ((g->type == LC_GEOMETRY_POLYGON || g->type == LC_GEOMETRY_MULTIPOLYGON) && g->n_parts > 0)
    {
      guint end = g->part_ends[0];
      double area = 0, cx = 0, cy = 0;

      for (guint i = 0; i + 1 < end; i++)
        {
          double x0 = g->xy[2 * i] - g->xy[0], y0 = g->xy[2 * i + 1] - g->xy[1];
          double x1 = g->xy[2 * i + 2] - g->xy[0], y1 = g->xy[2 * i + 3] - g->xy[1];
          double cross = x0 * y1 - x1 * y0;

          area += cross;
          cx += (x0 + x1) * cross;
          cy += (y0 + y1) * cross;
        }
      if (fabs (area) > 1e-18)
        {
          *lon = g->xy[0] + cx / (3 * area);
          *lat = g->xy[1] + cy / (3 * area);
          return isfinite (*lon) && isfinite (*lat);
        }
    }

  if (!lc_geometry_get_bounds (g, &min_x, &max_x, &min_y, &max_y))
    return FALSE;
  *lon = (min_x + max_x) / 2;
  *lat = (min_y + max_y) / 2;
  return isfinite (*lon) && isfinite (*lat);
}

static gboolean
read_anchor (sqlite3_stmt *stmt,
             int           column,
             double       *x,
             double       *y)
{
  g_autoptr(LcGeometry) g = NULL;
  const guint8 *blob = sqlite3_column_blob (stmt, column);
  int len = sqlite3_column_bytes (stmt, column);
  double lon, lat;

  if (blob == NULL || len <= 0)
    return FALSE;
  g = lc_geometry_from_gpkg (blob, (gsize) len, NULL, NULL);
  if (!geometry_anchor (g, &lon, &lat))
    return FALSE;

  *x = lc_geo_world_x (lon);
  *y = lc_geo_world_y (lat);
  return TRUE;
}

static gboolean
prepare (sqlite3       *db,
         const char    *sql,
         sqlite3_stmt **stmt)
{
  if (sqlite3_prepare_v2 (db, sql, -1, stmt, NULL) == SQLITE_OK)
    return TRUE;

  g_warning ("Could not read the plan's map features: %s", sqlite3_errmsg (db));
  return FALSE;
}

static void
load_facilities (LcFacilityLayer *self,
                 sqlite3         *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) by_fid = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint first = self->features->len;

  if (!prepare (db, "SELECT fid, geom, name, kind, status FROM facilities", &stmt))
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      const char *kind = (const char *) sqlite3_column_text (stmt, 3);
      const char *status = (const char *) sqlite3_column_text (stmt, 4);
      Feature f = { 0 };

      if (g_strcmp0 (status, "removed") == 0 || !read_anchor (stmt, 1, &f.x, &f.y))
        continue;

      f.id = sqlite3_column_int64 (stmt, 0);
      if (name != NULL && name[0] != '\0')
        f.name = g_string_chunk_insert_const (self->names, name);
      f.group = g_strcmp0 (kind, "renminfang") == 0 ? GROUP_RENMINFANG
                : g_strcmp0 (kind, "liuyiting") == 0 ? GROUP_LIUYITING
                : GROUP_OTHER;
      f.status = g_strcmp0 (status, "planned") == 0 ? STATUS_PLANNED
                 : g_strcmp0 (status, "under_construction") == 0 ? STATUS_UNDER_CONSTRUCTION
                 : STATUS_EXISTING;
      f.colour = NO_SERVICE;
      g_array_append_val (self->features, f);
    }

  /* Keys point into the array, which no longer grows here */
  for (guint i = first; i < self->features->len; i++)
    {
      Feature *f = &g_array_index (self->features, Feature, i);

      g_hash_table_insert (by_fid, &f->id, f);
    }

  /* The first service listed for a facility gives its colour */
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!prepare (db, "SELECT facility_fid, service FROM facility_services ORDER BY facility_fid, id", &stmt))
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 fid = sqlite3_column_int64 (stmt, 0);
      Feature *f = g_hash_table_lookup (by_fid, &fid);
      int bit = service_bit ((const char *) sqlite3_column_text (stmt, 1));

      if (f == NULL || bit < 0)
        continue;
      f->services |= 1u << bit;
      if (f->colour == NO_SERVICE)
        f->colour = (guint8) bit;
    }
}

static void
load_points (LcFacilityLayer *self,
             sqlite3         *db,
             const char      *sql,
             Group            group)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!prepare (db, sql, &stmt))
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Feature f = { 0 };

      if (!read_anchor (stmt, 1, &f.x, &f.y))
        continue;
      f.id = sqlite3_column_int64 (stmt, 0);
      f.group = group;
      g_array_append_val (self->features, f);
    }
}

static int
compare_features (gconstpointer a,
                  gconstpointer b)
{
  const Feature *fa = a, *fb = b;

  if (fa->group != fb->group)
    return fa->group < fb->group ? -1 : 1;
  if (fa->y != fb->y)
    return fa->y < fb->y ? -1 : 1;
  if (fa->id != fb->id)
    return fa->id < fb->id ? -1 : 1;
  return 0;
}

static void
reload (LcFacilityLayer *self)
{
  sqlite3 *db = self->plan != NULL ? lc_plan_get_database (self->plan) : NULL;
  gint64 start = g_get_monotonic_time ();
  guint i = 0;

  g_array_set_size (self->features, 0);
  g_string_chunk_clear (self->names);
  g_hash_table_remove_all (self->labels);

  if (db != NULL)
    {
      load_facilities (self, db);
      load_points (self, db, "SELECT fid, geom FROM needs", GROUP_NEED);
      load_points (self, db, "SELECT fid, geom FROM project_locations", GROUP_PROJECT);
      g_array_sort (self->features, compare_features);
    }

  for (guint g = 0; g <= N_GROUPS; g++)
    {
      while (i < self->features->len && g_array_index (self->features, Feature, i).group < g)
        i++;
      self->group_start[g] = g == N_GROUPS ? self->features->len : i;
    }

  g_debug ("Loaded %u map features in %.1f ms", self->features->len,
           (g_get_monotonic_time () - start) / 1000.0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
plan_changed (LcFacilityLayer *self,
              LcPlanChange     change,
              LcPlan          *plan)
{
  if (change & (LC_PLAN_CHANGE_FACILITIES | LC_PLAN_CHANGE_NEEDS | LC_PLAN_CHANGE_PROJECT_PLACES))
    reload (self);
}

/* ---- symbols ---- */

static void
set_source_hex (cairo_t *cr,
                guint32  rgb,
                double   shade,
                double   alpha)
{
  cairo_set_source_rgba (cr,
                         ((rgb >> 16) & 0xff) / 255.0 * shade,
                         ((rgb >> 8) & 0xff) / 255.0 * shade,
                         (rgb & 0xff) / 255.0 * shade,
                         alpha);
}

static void
rounded_square_path (cairo_t *cr,
                     double   half,
                     double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, half - radius, -half + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, half - radius, half - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, -half + radius, half - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, -half + radius, -half + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
shape_path (cairo_t *cr,
            Group    group)
{
  cairo_new_path (cr);
  switch (group)
    {
    case GROUP_RENMINFANG:
      rounded_square_path (cr, 9.0, 2.5);
      break;

    case GROUP_LIUYITING:
      /* A hexagon standing on a point, like a pavilion's roof seen from above */
      for (int i = 0; i < 6; i++)
        {
          double a = (60 * i - 90) * G_PI / 180;

          cairo_line_to (cr, 9.5 * cos (a), 9.5 * sin (a));
        }
      cairo_close_path (cr);
      break;

    case GROUP_NEED:
      cairo_move_to (cr, 0, -7.5);
      cairo_line_to (cr, 7.5, 5.5);
      cairo_line_to (cr, -7.5, 5.5);
      cairo_close_path (cr);
      break;

    case GROUP_OTHER:
    case GROUP_PROJECT:
    case N_GROUPS:
    default:
      cairo_arc (cr, 0, 0, 6.0, 0, 2 * G_PI);
      break;
    }
}

/* A soft shadow and a white rim make a symbol stand out on any background */
static void
draw_base (cairo_t *cr,
           Group    group)
{
  cairo_save (cr);
  cairo_translate (cr, 0, 1);
  shape_path (cr, group);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.28);
  cairo_set_line_width (cr, 5.5);
  cairo_stroke_preserve (cr);
  cairo_fill (cr);
  cairo_restore (cr);

  shape_path (cr, group);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 5.0);
  cairo_stroke_preserve (cr);
  cairo_fill (cr);
}

static void
draw_facility (cairo_t *cr,
               Group    group,
               Status   status,
               guint32  colour)
{
  static const double hub_dash[] = { 4.0, 2.5 };
  static const double pavilion_dash[] = { 3.5, 2.4 };

  draw_base (cr, group);

  switch (status)
    {
    case STATUS_PLANNED:
      /* Proposed: white inside, a bold coloured outline, dashed where the
       * shape is large enough for dashes to read */
      shape_path (cr, group);
      set_source_hex (cr, colour, 1, 1);
      cairo_set_line_width (cr, 2.5);
      if (group == GROUP_RENMINFANG)
        cairo_set_dash (cr, hub_dash, G_N_ELEMENTS (hub_dash), 0);
      else if (group == GROUP_LIUYITING)
        cairo_set_dash (cr, pavilion_dash, G_N_ELEMENTS (pavilion_dash), 1.2);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;

    case STATUS_UNDER_CONSTRUCTION:
      /* Half built: the left half filled */
      cairo_save (cr);
      shape_path (cr, group);
      cairo_clip (cr);
      cairo_rectangle (cr, -20, -20, 20, 40);
      set_source_hex (cr, colour, 1, 1);
      cairo_fill (cr);
      cairo_restore (cr);
      shape_path (cr, group);
      set_source_hex (cr, colour, 1, 1);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
      break;

    case STATUS_EXISTING:
    case N_STATUSES:
    default:
      shape_path (cr, group);
      set_source_hex (cr, colour, 1, 1);
      cairo_fill_preserve (cr);
      set_source_hex (cr, colour, 0.65, 1);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
      break;
    }

  /* The hub's mark: a small square in the middle, in the contrasting colour */
  if (group == GROUP_RENMINFANG)
    {
      cairo_new_path (cr);
      rounded_square_path (cr, 3.0, 1.0);
      switch (status)
        {
        case STATUS_PLANNED:
          set_source_hex (cr, colour, 1, 1);
          cairo_fill (cr);
          break;

        case STATUS_UNDER_CONSTRUCTION:
          /* Across the half-filled face: white, edged in the colour */
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_fill_preserve (cr);
          set_source_hex (cr, colour, 1, 1);
          cairo_set_line_width (cr, 1.0);
          cairo_stroke (cr);
          break;

        case STATUS_EXISTING:
        case N_STATUSES:
        default:
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_fill (cr);
          break;
        }
    }
}

static void
draw_need (cairo_t *cr)
{
  draw_base (cr, GROUP_NEED);
  shape_path (cr, GROUP_NEED);
  set_source_hex (cr, NEED_COLOUR, 1, 1);
  cairo_fill_preserve (cr);
  set_source_hex (cr, NEED_COLOUR, 0.65, 1);
  cairo_set_line_width (cr, 1.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
}

/* A ring with a dot: drawn under the facilities, so that a project at a
 * facility rings it */
static void
draw_project (cairo_t *cr)
{
  cairo_new_path (cr);
  cairo_arc (cr, 0, 1, 13.0, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 6.0);
  cairo_stroke (cr);

  cairo_arc (cr, 0, 0, 13.0, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 6.0);
  cairo_stroke_preserve (cr);
  set_source_hex (cr, PROJECT_COLOUR, 1, 1);
  cairo_set_line_width (cr, 3.5);
  cairo_stroke (cr);

  cairo_arc (cr, 0, 0, 3.5, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2.0);
  cairo_stroke_preserve (cr);
  set_source_hex (cr, PROJECT_COLOUR, 1, 1);
  cairo_fill (cr);
}

static guint
symbol_index (const Feature *f)
{
  if (f->group == GROUP_NEED)
    return SYMBOL_NEED;
  if (f->group == GROUP_PROJECT)
    return SYMBOL_PROJECT;
  return ((guint) (f->group - GROUP_OTHER) * N_STATUSES + f->status) * N_COLOURS + f->colour;
}

static Group
symbol_group (guint index)
{
  if (index == SYMBOL_NEED)
    return GROUP_NEED;
  if (index == SYMBOL_PROJECT)
    return GROUP_PROJECT;
  return GROUP_OTHER + index / (N_STATUSES * N_COLOURS);
}

/* The symbol drawn at @scale device pixels per logical pixel, centred */
static cairo_surface_t *
render_symbol (guint index,
               int   scale)
{
  Group group = symbol_group (index);
  int size = group_info[group].size;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size * scale, size * scale);
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, scale, scale);
  cairo_translate (cr, size / 2, size / 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (index == SYMBOL_NEED)
    draw_need (cr);
  else if (index == SYMBOL_PROJECT)
    draw_project (cr);
  else
    draw_facility (cr, group, (index / N_COLOURS) % N_STATUSES, palette[index % N_COLOURS]);

  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static void
clear_symbols (LcFacilityLayer *self)
{
  for (guint i = 0; i < N_SYMBOLS; i++)
    {
      g_clear_pointer (&self->symbol_surfaces[i], cairo_surface_destroy);
      g_clear_object (&self->symbols[i]);
    }
}

static cairo_surface_t *
get_symbol_surface (LcFacilityLayer *self,
                    guint            index)
{
  if (self->symbol_surfaces[index] == NULL)
    self->symbol_surfaces[index] = render_symbol (index, self->symbols_scale);
  return self->symbol_surfaces[index];
}

static GdkTexture *
get_symbol (LcFacilityLayer *self,
            guint            index)
{
  if (self->symbols[index] == NULL)
    {
      cairo_surface_t *surface = get_symbol_surface (self, index);
      int size = cairo_image_surface_get_width (surface);
      int stride = cairo_image_surface_get_stride (surface);
      g_autoptr(GBytes) bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * size);

      /* cairo's ARGB32 is premultiplied, in native byte order: GDK_MEMORY_DEFAULT */
      self->symbols[index] = gdk_memory_texture_new (size, size, GDK_MEMORY_DEFAULT, bytes, stride);
    }
  return self->symbols[index];
}

/* ---- labels ---- */

static PangoLayout *
get_label (LcFacilityLayer *self,
           guint            index)
{
  const Feature *f = &g_array_index (self->features, Feature, index);
  PangoLayout *layout = g_hash_table_lookup (self->labels, GUINT_TO_POINTER (index));
  PangoAttrList *attrs;

  if (layout != NULL)
    return layout;

  if (g_hash_table_size (self->labels) >= MAX_CACHED_LABELS)
    g_hash_table_remove_all (self->labels);

  /* Names are Chinese: without a language Pango picks Japanese glyph forms */
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), f->name);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_language_new (pango_language_from_string ("zh-cn")));
  if (f->group == GROUP_RENMINFANG)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  else if (f->group == GROUP_LIUYITING)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_SEMIBOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_single_paragraph_mode (layout, TRUE);

  g_hash_table_insert (self->labels, GUINT_TO_POINTER (index), layout);
  return layout;
}

/*
 * Labels go where neither a symbol nor another label is, on a grid of
 * GRID_CELL px. A symbol covers its core, a little less than its drawn size,
 * so that a label may touch the white rim of a neighbour but never its face.
 */
static void
grid_reset (LcFacilityLayer *self,
            const View      *view)
{
  self->grid_columns = MAX (1, (int) ceil (view->width / GRID_CELL));
  self->grid_rows = MAX (1, (int) ceil (view->height / GRID_CELL));
  g_byte_array_set_size (self->grid, (guint) (self->grid_columns * self->grid_rows));
  memset (self->grid->data, 0, self->grid->len);
}

/* Visits the cells under [x0, x1) × [y0, y1): marks them with @mark, or,
 * when @mark is 0, reports whether any holds @test */
static gboolean
grid_visit (LcFacilityLayer *self,
            double           x0,
            double           y0,
            double           x1,
            double           y1,
            guint8           mark,
            guint8           test)
{
  int c0 = CLAMP ((int) floor (x0 / GRID_CELL), 0, self->grid_columns - 1);
  int c1 = CLAMP ((int) floor ((x1 - 1e-3) / GRID_CELL), 0, self->grid_columns - 1);
  int r0 = CLAMP ((int) floor (y0 / GRID_CELL), 0, self->grid_rows - 1);
  int r1 = CLAMP ((int) floor ((y1 - 1e-3) / GRID_CELL), 0, self->grid_rows - 1);

  if (x1 <= 0 || y1 <= 0 || x0 >= self->grid_columns * GRID_CELL || y0 >= self->grid_rows * GRID_CELL)
    return FALSE;

  for (int r = r0; r <= r1; r++)
    {
      guint8 *row = self->grid->data + (gsize) r * self->grid_columns;

      for (int c = c0; c <= c1; c++)
        {
          if (mark != 0)
            row[c] |= mark;
          else if (row[c] & test)
            return TRUE;
        }
    }

  return FALSE;
}

/* The names of hubs and pavilions matter most: they may cover lesser
 * symbols, which other names may not */
static gboolean
label_fits (LcFacilityLayer       *self,
            const graphene_rect_t *rect,
            const View            *view,
            gboolean               key)
{
  double x0 = rect->origin.x, y0 = rect->origin.y;
  double x1 = x0 + rect->size.width, y1 = y0 + rect->size.height;
  guint8 symbols = key ? OCCUPIED_KEY_SYMBOL : OCCUPIED_KEY_SYMBOL | OCCUPIED_SYMBOL;

  return x0 >= 0 && y0 >= 0 && x1 <= view->width && y1 <= view->height &&
         !grid_visit (self, x0, y0, x1, y1, 0, OCCUPIED_LABEL) &&
         !grid_visit (self, x0 + 2, y0 + 2, x1 - 2, y1 - 2, 0, symbols);
}

static void
draw_labels (LcFacilityLayer *self,
             GtkSnapshot     *snapshot,
             const View      *view)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PangoContext *context = gtk_widget_get_pango_context (widget);
  GdkRGBA text, back;
  GskRoundedRect clip;
  guint tries = 0;
  gboolean dark;

  /* Cached layouts are shaped for one font and one set of font options */
  if (pango_context_get_serial (context) != self->labels_serial)
    {
      g_hash_table_remove_all (self->labels);
      self->labels_serial = pango_context_get_serial (context);
    }

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &text);
  dark = 0.299 * text.red + 0.587 * text.green + 0.114 * text.blue > 0.5;
  back = dark ? (GdkRGBA) { 0.14, 0.14, 0.14, 0.85 } : (GdkRGBA) { 1, 1, 1, 0.88 };

  grid_reset (self, view);
  for (guint i = 0; i < self->visible->len; i++)
    {
      const Visible *v = &g_array_index (self->visible, Visible, i);
      Group group = symbol_group (v->symbol);
      double r = group_info[group].radius - 2;

      /* A project's ring is hollow: its facility's name may sit on it */
      if (group != GROUP_PROJECT)
        grid_visit (self, v->x - r, v->y - r, v->x + r, v->y + r,
                    group == GROUP_RENMINFANG || group == GROUP_LIUYITING ? OCCUPIED_KEY_SYMBOL : OCCUPIED_SYMBOL, 0);
    }

  /* Hubs first, then pavilions, then the rest, each from the south: the
   * symbols are in drawing order, so walk them backwards */
  for (guint i = self->visible->len; i-- > 0 && tries < MAX_LABEL_TRIES;)
    {
      const Visible *v = &g_array_index (self->visible, Visible, i);
      const Feature *f = &g_array_index (self->features, Feature, v->index);
      double offset = group_info[f->group].radius + LABEL_GAP;
      PangoLayout *layout;
      PangoRectangle logical;
      graphene_rect_t rect;
      double w, h;

      if (f->name == NULL || f->group == GROUP_NEED || f->group == GROUP_PROJECT)
        continue;

      tries++;
      layout = get_label (self, v->index);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      w = logical.width + 2 * LABEL_PAD_X;
      h = logical.height + 2 * LABEL_PAD_Y;

      /* Right of the symbol, else left of it, else nowhere */
      graphene_rect_init (&rect, v->x + offset, round (v->y - h / 2), w, h);
      if (!label_fits (self, &rect, view, f->group != GROUP_OTHER))
        {
          rect.origin.x = v->x - offset - w;
          if (!label_fits (self, &rect, view, f->group != GROUP_OTHER))
            continue;
        }
      grid_visit (self, rect.origin.x, rect.origin.y,
                  rect.origin.x + rect.size.width, rect.origin.y + rect.size.height, OCCUPIED_LABEL, 0);

      gsk_rounded_rect_init_from_rect (&clip, &rect, MIN (h / 2, 6.0));
      gtk_snapshot_push_rounded_clip (snapshot, &clip);
      gtk_snapshot_append_color (snapshot, &back, &rect);
      gtk_snapshot_pop (snapshot);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rect.origin.x + LABEL_PAD_X - logical.x,
                                                              rect.origin.y + LABEL_PAD_Y - logical.y));
      gtk_snapshot_append_layout (snapshot, layout, &text);
      gtk_snapshot_restore (snapshot);

      self->n_labels++;
    }
}

/* ---- drawing and picking ---- */

static gboolean
group_shown (LcFacilityLayer *self,
             Group            group)
{
  if (group == GROUP_NEED)
    return self->show_needs;
  if (group == GROUP_PROJECT)
    return self->show_projects;
  return self->show_facilities && self->filter_bit != -2;
}

static gboolean
feature_shown (LcFacilityLayer *self,
               const Feature   *f)
{
  return self->filter_mask == 0 || f->group == GROUP_NEED || f->group == GROUP_PROJECT ||
         (f->services & self->filter_mask) != 0;
}

/* The first feature of [start, end) whose y is at least @y */
static guint
lower_bound (GArray *features,
             guint   start,
             guint   end,
             double  y)
{
  while (start < end)
    {
      guint mid = start + (end - start) / 2;

      if (g_array_index (features, Feature, mid).y < y)
        start = mid + 1;
      else
        end = mid;
    }
  return start;
}

/* The normalised box around the widget (turned: around its circumscribed
 * circle), grown by @margin px */
static void
view_bounds (const View *view,
             double      margin,
             double     *min_x,
             double     *max_x,
             double     *min_y,
             double     *max_y)
{
  double half_w = view->width / 2, half_h = view->height / 2;

  if (view->rotated)
    half_w = half_h = hypot (half_w, half_h);

  *min_x = view->centre_x - (half_w + margin) / view->world;
  *max_x = view->centre_x + (half_w + margin) / view->world;
  *min_y = view->centre_y - (half_h + margin) / view->world;
  *max_y = view->centre_y + (half_h + margin) / view->world;
}

/* A node per symbol: cheap to build, and the GL renderer draws them from
 * one texture each */
static void
append_symbols_as_nodes (LcFacilityLayer *self,
                         GtkSnapshot     *snapshot)
{
  for (guint i = 0; i < self->visible->len; i++)
    {
      const Visible *v = &g_array_index (self->visible, Visible, i);
      double half = group_info[symbol_group (v->symbol)].size / 2.0;

      gtk_snapshot_append_texture (snapshot, get_symbol (self, v->symbol),
                                   &GRAPHENE_RECT_INIT (v->x - half, v->y - half, 2 * half, 2 * half));
    }
}

/* Premultiplied @src over premultiplied @dst, 8 bits a channel: the two
 * channels of each half at once, rounded as pixman does */
static inline guint32
over (guint32 src,
      guint32 dst)
{
  guint32 ia = 255 - (src >> 24);
  guint32 rb = (dst & 0x00ff00ff) * ia + 0x00800080;
  guint32 ag = ((dst >> 8) & 0x00ff00ff) * ia + 0x00800080;

  rb = ((rb + ((rb >> 8) & 0x00ff00ff)) >> 8) & 0x00ff00ff;
  ag = (ag + ((ag >> 8) & 0x00ff00ff)) & 0xff00ff00;
  return src + (rb | ag);
}

/* Where each row of a symbol has pixels, and its longest run of opaque
 * ones, which compositing copies instead of blending */
typedef struct
{
  gint16 first, end;            /* [first, end): not transparent */
  gint16 opaque, opaque_end;    /* [opaque, opaque_end): opaque */
} RowSpan;

static const cairo_user_data_key_t row_spans_key;

static const RowSpan *
get_row_spans (cairo_surface_t *symbol)
{
  RowSpan *spans = cairo_surface_get_user_data (symbol, &row_spans_key);
  const guint8 *data;
  int size, stride;

  if (spans != NULL)
    return spans;

  data = cairo_image_surface_get_data (symbol);
  size = cairo_image_surface_get_width (symbol);
  stride = cairo_image_surface_get_stride (symbol);
  spans = g_new0 (RowSpan, size);
  for (int r = 0; r < size; r++)
    {
      const guint32 *row = (const guint32 *) (gconstpointer) (data + (gsize) r * stride);
      int run = 0;

      spans[r].first = (gint16) size;
      for (int c = 0; c < size; c++)
        {
          if (row[c] != 0)
            {
              spans[r].first = (gint16) MIN (spans[r].first, c);
              spans[r].end = (gint16) (c + 1);
            }
          run = row[c] >= 0xff000000 ? run + 1 : 0;
          if (run > spans[r].opaque_end - spans[r].opaque)
            {
              spans[r].opaque = (gint16) (c + 1 - run);
              spans[r].opaque_end = (gint16) (c + 1);
            }
        }
    }
  cairo_surface_set_user_data (symbol, &row_spans_key, spans, g_free);
  return spans;
}

static inline void
blend_run (guint32       *d,
           const guint32 *s,
           int            from,
           int            to)
{
  for (int c = from; c < to; c++)
    {
      guint32 p = s[c];

      if (p == 0)
        continue;
      d[c] = p >= 0xff000000 ? p : over (p, d[c]);
    }
}

/* Composites the square ARGB32 @symbol onto @data with its top left at
 * (@x, @y), clipped to @width × @height: each row's opaque middle is
 * copied, only its edges blended */
static void
blend_symbol (guint32         *data,
              int              stride,
              int              width,
              int              height,
              cairo_surface_t *symbol,
              int              x,
              int              y)
{
  const guint8 *src = cairo_image_surface_get_data (symbol);
  const RowSpan *spans = get_row_spans (symbol);
  int src_stride = cairo_image_surface_get_stride (symbol);
  int size = cairo_image_surface_get_width (symbol);
  int c0 = MAX (0, -x), c1 = MIN (size, width - x);
  int r0 = MAX (0, -y), r1 = MIN (size, height - y);

  for (int r = r0; r < r1; r++)
    {
      const guint32 *s = (const guint32 *) (gconstpointer) (src + (gsize) r * src_stride);
      guint32 *d = data + (gsize) (y + r) * stride + x;
      int from = MAX (c0, spans[r].first), to = MIN (c1, spans[r].end);
      int opaque = CLAMP (spans[r].opaque, from, MAX (from, to));
      int opaque_end = CLAMP (spans[r].opaque_end, opaque, MAX (opaque, to));

      blend_run (d, s, from, opaque);
      if (opaque_end > opaque)
        memcpy (d + opaque, s + opaque, (gsize) (opaque_end - opaque) * sizeof (guint32));
      blend_run (d, s, opaque_end, to);
    }
}

/*
 * A cleared image of @width × @height px. A new one of the window's size
 * costs some 1,000 page faults, several milliseconds in a virtual machine,
 * so images are reused once the render nodes that showed them are gone.
 */
static cairo_surface_t *
get_image (LcFacilityLayer *self,
           int              width,
           int              height)
{
  cairo_surface_t **slot = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (self->images); i++)
    {
      cairo_surface_t *image = self->images[i];

      if (image != NULL && cairo_surface_get_reference_count (image) > 1)
        continue;  /* still shown */
      if (image != NULL &&
          cairo_image_surface_get_width (image) == width &&
          cairo_image_surface_get_height (image) == height)
        {
          cairo_surface_flush (image);
          memset (cairo_image_surface_get_data (image), 0, (gsize) cairo_image_surface_get_stride (image) * height);
          return cairo_surface_reference (image);
        }
      if (slot == NULL)
        slot = &self->images[i];
    }

  if (slot == NULL)
    return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  g_clear_pointer (slot, cairo_surface_destroy);
  *slot = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  return cairo_surface_reference (*slot);
}

/*
 * Thousands of nodes cost a renderer far more than they cost us to build
 * (the cairo and software-GL renderers spend some 8 µs on each), so many
 * symbols are composited here into one image of the widget's size, which
 * is then a single node. A plain loop over the symbols' pixels is several
 * times faster than a cairo call per symbol.
 */
static void
append_symbols_as_image (LcFacilityLayer *self,
                         GtkSnapshot     *snapshot,
                         const View      *view,
                         int              scale,
                         gboolean         cairo_renderer)
{
  int view_width = (int) ceil (view->width * scale), view_height = (int) ceil (view->height * scale);
  int x0 = view_width, y0 = view_height, x1 = 0, y1 = 0;
  int width, height, stride;
  cairo_surface_t *image;
  guint32 *data;
  graphene_rect_t bounds;
  cairo_t *cr;

  /* The image covers only what the symbols do: a whole unit seen from afar
   * is a small patch of the window */
  for (guint i = 0; i < self->visible->len; i++)
    {
      const Visible *v = &g_array_index (self->visible, Visible, i);
      int size = group_info[symbol_group (v->symbol)].size * scale;
      int x = (int) lround (v->x * scale) - size / 2, y = (int) lround (v->y * scale) - size / 2;

      x0 = MIN (x0, x);
      y0 = MIN (y0, y);
      x1 = MAX (x1, x + size);
      y1 = MAX (y1, y + size);
    }
  x0 = MAX (x0, 0);
  y0 = MAX (y0, 0);
  x1 = MIN (x1, view_width);
  y1 = MIN (y1, view_height);
  if (x1 <= x0 || y1 <= y0)
    return;

  width = x1 - x0;
  height = y1 - y0;
  image = get_image (self, width, height);
  data = (guint32 *) (gpointer) cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image) / 4;

  for (guint i = 0; i < self->visible->len; i++)
    {
      const Visible *v = &g_array_index (self->visible, Visible, i);
      int size = group_info[symbol_group (v->symbol)].size * scale;

      blend_symbol (data, stride, width, height, get_symbol_surface (self, v->symbol),
                    (int) lround (v->x * scale) - size / 2 - x0, (int) lround (v->y * scale) - size / 2 - y0);
    }
  cairo_surface_mark_dirty (image);
  cairo_surface_set_device_scale (image, scale, scale);
  graphene_rect_init (&bounds, (float) x0 / scale, (float) y0 / scale, (float) width / scale, (float) height / scale);

  /* GTK 4.8's cairo renderer draws a texture node through a padded
   * pattern, which pixman composites pixel by pixel (15–20 ms for a window
   * of 1200 × 800); a cairo node painting the image takes 1 ms. The GL
   * renderer would only copy that image once more: it gets a texture. */
  if (cairo_renderer)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      cairo_set_source_surface (cr, image, bounds.origin.x, bounds.origin.y);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  else
    {
      g_autoptr(GBytes) bytes = g_bytes_new_with_free_func (data, (gsize) stride * 4 * height,
                                                            (GDestroyNotify) cairo_surface_destroy,
                                                            cairo_surface_reference (image));
      g_autoptr(GdkTexture) texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride * 4);

      gtk_snapshot_append_texture (snapshot, texture, &bounds);
    }
  cairo_surface_destroy (image);
}

/*
 * Where thousands of symbols pile up (a whole unit of a dense plan in
 * view), one whose centre is within a cell of THIN_CELL px of a symbol as
 * large drawn above it is hidden but for a sliver: it is left out, which
 * makes the crowd several times cheaper to draw and looks the same.
 */
static void
thin_crowds (LcFacilityLayer *self,
             const View      *view)
{
  int columns = (int) ceil (view->width / THIN_CELL), rows = (int) ceil (view->height / THIN_CELL);
  g_autofree guint8 *taken = g_malloc0 ((gsize) columns * rows);
  Visible *visible = (Visible *) (gpointer) self->visible->data;
  guint kept = 0;

  /* From the top down, noting the largest symbol each cell already shows:
   * a smaller one (a 六艺亭 under a need, a project's ring under anything)
   * would still show around it */
  for (guint i = self->visible->len; i-- > 0;)
    {
      int c = (int) floor (visible[i].x / THIN_CELL), r = (int) floor (visible[i].y / THIN_CELL);
      guint8 size = (guint8) group_info[symbol_group (visible[i].symbol)].size;
      guint8 *cell;

      if (c < 0 || r < 0 || c >= columns || r >= rows)
        continue;
      cell = &taken[(gsize) r * columns + c];
      if (size <= *cell)
        visible[i].symbol = N_SYMBOLS;
      else
        *cell = size;
    }

  for (guint i = 0; i < self->visible->len; i++)
    if (visible[i].symbol != N_SYMBOLS)
      visible[kept++] = visible[i];
  g_array_set_size (self->visible, kept);
}

/* A ring around the selected feature, and a second one where a drag would
 * put it */
static void
draw_selection (LcFacilityLayer *self,
                GtkSnapshot     *snapshot,
                const View      *view)
{
  static const GdkRGBA accent = { 0.21, 0.52, 0.89, 1.0 };
  const Feature *selected = NULL;
  double x, y, radius;

  if (self->selected_table == NULL)
    return;

  for (guint i = 0; i < self->features->len && selected == NULL; i++)
    {
      const Feature *f = &g_array_index (self->features, Feature, i);

      if (f->id == self->selected_id && g_str_equal (group_tables[f->group], self->selected_table))
        selected = f;
    }
  if (selected == NULL)
    return;

  radius = group_info[selected->group].size / 2.0 + 4;
  for (int ring = 0; ring < (self->dragging ? 2 : 1); ring++)
    {
      GskRoundedRect rect;
      const float widths[4] = { 3, 3, 3, 3 };
      const GdkRGBA colours[4] = { accent, accent, accent, accent };

      view_to_widget (view, ring == 0 ? selected->x : self->drag_x, ring == 0 ? selected->y : self->drag_y, &x, &y);
      gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x - radius, y - radius, 2 * radius, 2 * radius),
                                       radius);
      if (ring == 1)
        gtk_snapshot_push_opacity (snapshot, 0.6);
      gtk_snapshot_append_border (snapshot, &rect, widths, colours);
      if (ring == 1)
        gtk_snapshot_pop (snapshot);
    }
}

static void
lc_facility_layer_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  LcFacilityLayer *self = LC_FACILITY_LAYER (widget);
  double min_x, max_x, min_y, max_y;
  gboolean cairo_renderer;
  GtkNative *native;
  int scale;
  View view;

  self->n_drawn = 0;
  self->n_labels = 0;
  g_array_set_size (self->visible, 0);

  if (self->features->len == 0 || !get_view (self, &view) || view.width <= 0 || view.height <= 0)
    return;

  scale = gtk_widget_get_scale_factor (widget);
  if (scale != self->symbols_scale)
    {
      clear_symbols (self);
      self->symbols_scale = scale;
    }

  /* What is in view, in drawing order: each group's band of latitudes,
   * then by longitude */
  view_bounds (&view, MAX_HALF_SIZE, &min_x, &max_x, &min_y, &max_y);
  for (Group group = 0; group < N_GROUPS; group++)
    {
      double half = group_info[group].size / 2.0;

      if (!group_shown (self, group))
        continue;

      for (guint i = lower_bound (self->features, self->group_start[group], self->group_start[group + 1], min_y);
           i < self->group_start[group + 1];
           i++)
        {
          const Feature *f = &g_array_index (self->features, Feature, i);
          Visible v;
          double x, y;

          if (f->y > max_y)
            break;
          if (f->x < min_x || f->x > max_x || !feature_shown (self, f))
            continue;

          view_to_widget (&view, f->x, f->y, &x, &y);
          if (view.rotated &&
              (x < -half || y < -half || x > view.width + half || y > view.height + half))
            continue;

          /* Whole device pixels keep the symbols sharp */
          v.index = i;
          v.symbol = symbol_index (f);
          v.x = round (x * scale) / scale;
          v.y = round (y * scale) / scale;
          g_array_append_val (self->visible, v);
        }
    }

  if (self->visible->len > THIN_ABOVE)
    thin_crowds (self, &view);

  self->n_drawn = self->visible->len;
  native = gtk_widget_get_native (widget);
  cairo_renderer = native != NULL && GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (native));
  if (self->visible->len > (cairo_renderer ? MAX_SYMBOL_NODES_CAIRO : MAX_SYMBOL_NODES_GL))
    append_symbols_as_image (self, snapshot, &view, scale, cairo_renderer);
  else
    append_symbols_as_nodes (self, snapshot);

  if (view.zoom >= LC_FACILITY_LAYER_LABEL_MIN_ZOOM - 1e-6)
    draw_labels (self, snapshot, &view);

  draw_selection (self, snapshot, &view);
}

/**
 * lc_facility_layer_pick:
 * @widget_x: a point in the layer's (the map's) widget coordinates
 * @widget_y: the same point
 * @table_out: (out) (optional) (transfer none): the table of what was
 *   picked, one of the `LC_FACILITY_LAYER_TABLE_` names, or %NULL
 *
 * Finds the feature drawn at a point: the topmost symbol under it, else the
 * nearest one within a few pixels of its edge. Hidden features (filtered
 * out, or needs and projects when they are not shown) are not picked.
 *
 * Returns: the feature's `fid`, or -1 when there is none
 */
gint64
lc_facility_layer_pick (LcFacilityLayer  *self,
                        double            widget_x,
                        double            widget_y,
                        const char      **table_out)
{
  const Feature *best = NULL;
  double best_distance = G_MAXDOUBLE;
  double x, y, reach;
  View view;

  g_return_val_if_fail (LC_IS_FACILITY_LAYER (self), -1);

  if (table_out != NULL)
    *table_out = NULL;
  if (self->features->len == 0 || !get_view (self, &view))
    return -1;

  view_from_widget (&view, widget_x, widget_y, &x, &y);
  reach = (MAX_HALF_SIZE + PICK_TOLERANCE) / view.world;

  /* From the top down, and within a group from the last drawn */
  for (int group = N_GROUPS - 1; group >= 0 && best_distance > 0; group--)
    {
      guint first = lower_bound (self->features, self->group_start[group], self->group_start[group + 1], y - reach);
      guint last = lower_bound (self->features, first, self->group_start[group + 1], y + reach);

      if (!group_shown (self, group))
        continue;

      for (guint i = last; i-- > first;)
        {
          const Feature *f = &g_array_index (self->features, Feature, i);
          double fx, fy, distance;

          if (fabs (f->x - x) > reach || !feature_shown (self, f))
            continue;

          view_to_widget (&view, f->x, f->y, &fx, &fy);
          distance = MAX (0, hypot (fx - widget_x, fy - widget_y) - group_info[group].radius);
          if (distance <= PICK_TOLERANCE && distance < best_distance)
            {
              best = f;
              best_distance = distance;
              if (distance == 0)
                break;
            }
        }
    }

  if (best == NULL)
    return -1;
  if (table_out != NULL)
    *table_out = group_tables[best->group];
  return best->id;
}

static int
compare_reading_order (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  GArray *features = user_data;
  const Feature *fa = &g_array_index (features, Feature, *(const guint *) a);
  const Feature *fb = &g_array_index (features, Feature, *(const guint *) b);

  if (fa->y != fb->y)
    return fa->y < fb->y ? -1 : 1;
  if (fa->x != fb->x)
    return fa->x < fb->x ? -1 : 1;
  /* One place, several symbols: a fixed order all the same */
  if (fa->group != fb->group)
    return fa->group < fb->group ? -1 : 1;
  return fa->id < fb->id ? -1 : fa->id > fb->id;
}

/**
 * lc_facility_layer_step:
 * @table: (nullable): the selected feature's table, or %NULL
 * @id: its key
 * @forward: the next one, or else the one before
 * @table_out: (out): the table of the one found
 *
 * Selecting with the keyboard: of the symbols shown in view, in reading
 * order (north to south, then west to east), the one after (or before) the
 * selected feature; the first (or last) when the selection is none of them.
 *
 * Returns: the feature's key, or -1 when none is in view
 */
gint64
lc_facility_layer_step (LcFacilityLayer  *self,
                        const char       *table,
                        gint64            id,
                        gboolean          forward,
                        const char      **table_out)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  const Feature *f;
  View view;
  guint n, next;
  int at = -1;

  g_return_val_if_fail (LC_IS_FACILITY_LAYER (self), -1);

  *table_out = NULL;
  if (!get_view (self, &view))
    return -1;

  for (guint group = 0; group < N_GROUPS; group++)
    {
      if (!group_shown (self, group))
        continue;
      for (guint i = self->group_start[group]; i < self->group_start[group + 1]; i++)
        {
          double x, y;

          f = &g_array_index (self->features, Feature, i);
          if (!feature_shown (self, f))
            continue;
          view_to_widget (&view, f->x, f->y, &x, &y);
          if (x >= 0 && y >= 0 && x <= view.width && y <= view.height)
            g_array_append_val (order, i);
        }
    }
  n = order->len;
  if (n == 0)
    return -1;
  g_array_sort_with_data (order, compare_reading_order, self->features);

  for (guint k = 0; k < n && at < 0; k++)
    {
      f = &g_array_index (self->features, Feature, g_array_index (order, guint, k));
      if (f->id == id && g_strcmp0 (group_tables[f->group], table) == 0)
        at = (int) k;
    }
  if (at < 0)
    next = forward ? 0 : n - 1;
  else
    next = forward ? (guint) (at + 1) % n : (guint) (at + n - 1) % n;

  f = &g_array_index (self->features, Feature, g_array_index (order, guint, next));
  *table_out = group_tables[f->group];
  return f->id;
}

/**
 * lc_facility_layer_set_selected:
 * @table: (nullable): one of the `LC_FACILITY_LAYER_TABLE_` names; %NULL
 *   selects nothing
 * @id: the feature's key in @table
 *
 * Marks a feature as selected with a ring.
 */
void
lc_facility_layer_set_selected (LcFacilityLayer *self,
                                const char      *table,
                                gint64           id)
{
  g_return_if_fail (LC_IS_FACILITY_LAYER (self));

  self->selected_table = table != NULL ? g_intern_string (table) : NULL;
  self->selected_id = id;
  self->dragging = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lc_facility_layer_set_drag_position:
 * @dragging: whether the selection is being dragged
 *
 * Shows where the selected feature would go: @latitude and @longitude in
 * WGS-84 degrees.
 */
void
lc_facility_layer_set_drag_position (LcFacilityLayer *self,
                                     gboolean         dragging,
                                     double           latitude,
                                     double           longitude)
{
  g_return_if_fail (LC_IS_FACILITY_LAYER (self));

  self->dragging = dragging;
  self->drag_x = lc_geo_world_x (longitude);
  self->drag_y = lc_geo_world_y (latitude);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lc_facility_layer_set_service_mask:
 * @mask: bit i shows facilities offering the i-th service of the catalogue;
 *   0 shows all (`LC_FACILITY_LAYER_BASIC` and `_QUALITY` are 十全 and 十美)
 */
void
lc_facility_layer_set_service_mask (LcFacilityLayer *self,
                                    guint32          mask)
{
  g_return_if_fail (LC_IS_FACILITY_LAYER (self));

  g_clear_pointer (&self->service_filter, g_free);
  self->filter_bit = -1;
  self->filter_mask = mask;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lc_facility_layer_set_show_facilities:
 *
 * Shows or hides the facilities (needs and projects have their own switches).
 */
void
lc_facility_layer_set_show_facilities (LcFacilityLayer *self,
                                       gboolean         show)
{
  g_return_if_fail (LC_IS_FACILITY_LAYER (self));

  self->show_facilities = !!show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lc_facility_layer_legend_symbol:
 * @kind: 0 other, 1 人民坊, 2 六艺亭, 3 a need, 4 a project location
 * @status: 0 existing, 1 planned, 2 under construction
 * @service: the service's index in the catalogue, or -1 for none
 *
 * Returns: (transfer full): the symbol the layer draws, for a legend
 */
GdkTexture *
lc_facility_layer_legend_symbol (guint kind,
                                 guint status,
                                 int   service)
{
  static const Group groups[] = { GROUP_OTHER, GROUP_RENMINFANG, GROUP_LIUYITING };
  guint index;
  cairo_surface_t *surface;
  GdkTexture *texture;
  int size, stride;
  g_autoptr(GBytes) bytes = NULL;

  if (kind == 3)
    index = SYMBOL_NEED;
  else if (kind == 4)
    index = SYMBOL_PROJECT;
  else
    index = ((guint) (groups[MIN (kind, 2)] - GROUP_OTHER) * N_STATUSES + MIN (status, N_STATUSES - 1)) * N_COLOURS +
            (service < 0 || service >= LC_N_SERVICES ? NO_SERVICE : (guint) service);

  surface = render_symbol (index, 2);
  size = cairo_image_surface_get_width (surface);
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * size);
  texture = gdk_memory_texture_new (size, size, GDK_MEMORY_DEFAULT, bytes, stride);
  cairo_surface_destroy (surface);

  return texture;
}

/* ---- the object ---- */

static void
queue_draw (LcFacilityLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
scale_changed (LcFacilityLayer *self)
{
  clear_symbols (self);
  self->symbols_scale = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
lc_facility_layer_constructed (GObject *object)
{
  LcFacilityLayer *self = LC_FACILITY_LAYER (object);
  ShumateViewport *viewport;
  static const char * const signals[] = {
    "notify::latitude", "notify::longitude", "notify::zoom-level", "notify::rotation",
  };

  G_OBJECT_CLASS (lc_facility_layer_parent_class)->constructed (object);

  /* ShumateLayer does not redraw itself when the map moves */
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  for (guint i = 0; viewport != NULL && i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_object (viewport, signals[i], G_CALLBACK (queue_draw), self, G_CONNECT_SWAPPED);
}

static void
lc_facility_layer_dispose (GObject *object)
{
  LcFacilityLayer *self = LC_FACILITY_LAYER (object);

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_clear_object (&self->plan);
  clear_symbols (self);
  for (guint i = 0; i < G_N_ELEMENTS (self->images); i++)
    g_clear_pointer (&self->images[i], cairo_surface_destroy);
  g_hash_table_remove_all (self->labels);

  G_OBJECT_CLASS (lc_facility_layer_parent_class)->dispose (object);
}

static void
lc_facility_layer_finalize (GObject *object)
{
  LcFacilityLayer *self = LC_FACILITY_LAYER (object);

  g_array_unref (self->features);
  g_array_unref (self->visible);
  g_byte_array_unref (self->grid);
  g_string_chunk_free (self->names);
  g_hash_table_unref (self->labels);
  g_free (self->service_filter);

  G_OBJECT_CLASS (lc_facility_layer_parent_class)->finalize (object);
}

static void
lc_facility_layer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LcFacilityLayer *self = LC_FACILITY_LAYER (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;

    case PROP_SERVICE_FILTER:
      g_value_set_string (value, self->service_filter);
      break;

    case PROP_SHOW_NEEDS:
      g_value_set_boolean (value, self->show_needs);
      break;

    case PROP_SHOW_PROJECTS:
      g_value_set_boolean (value, self->show_projects);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_facility_layer_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LcFacilityLayer *self = LC_FACILITY_LAYER (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      lc_facility_layer_set_plan (self, g_value_get_object (value));
      break;

    case PROP_SERVICE_FILTER:
      lc_facility_layer_set_service_filter (self, g_value_get_string (value));
      break;

    case PROP_SHOW_NEEDS:
      lc_facility_layer_set_show_needs (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_PROJECTS:
      lc_facility_layer_set_show_projects (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_facility_layer_class_init (LcFacilityLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lc_facility_layer_constructed;
  object_class->dispose = lc_facility_layer_dispose;
  object_class->finalize = lc_facility_layer_finalize;
  object_class->get_property = lc_facility_layer_get_property;
  object_class->set_property = lc_facility_layer_set_property;

  widget_class->snapshot = lc_facility_layer_snapshot;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, LC_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SERVICE_FILTER] =
    g_param_spec_string ("service-filter", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_NEEDS] =
    g_param_spec_boolean ("show-needs", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_PROJECTS] =
    g_param_spec_boolean ("show-projects", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "lc-facility-layer");
}

static void
lc_facility_layer_init (LcFacilityLayer *self)
{
  self->features = g_array_new (FALSE, FALSE, sizeof (Feature));
  self->visible = g_array_new (FALSE, FALSE, sizeof (Visible));
  self->grid = g_byte_array_new ();
  self->names = g_string_chunk_new (4096);
  self->labels = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  self->filter_bit = -1;
  self->show_facilities = TRUE;
  self->show_needs = TRUE;
  self->show_projects = TRUE;

  /* Drags and clicks go through to the map; selection asks pick() */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (scale_changed), NULL);
}

/**
 * lc_facility_layer_new:
 * @viewport: the map's viewport
 *
 * Returns: (transfer full): a new layer, showing no plan yet
 */
LcFacilityLayer *
lc_facility_layer_new (ShumateViewport *viewport)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);

  return g_object_new (LC_TYPE_FACILITY_LAYER, "viewport", viewport, NULL);
}

/**
 * lc_facility_layer_get_plan:
 *
 * Returns: (transfer none) (nullable): the plan shown
 */
LcPlan *
lc_facility_layer_get_plan (LcFacilityLayer *self)
{
  g_return_val_if_fail (LC_IS_FACILITY_LAYER (self), NULL);

  return self->plan;
}

/**
 * lc_facility_layer_set_plan:
 * @plan: (nullable): the plan to show, or %NULL for none
 *
 * Reads the plan's facilities, needs and project locations, and reads them
 * again after every edit, undo and redo that touches them.
 */
void
lc_facility_layer_set_plan (LcFacilityLayer *self,
                            LcPlan          *plan)
{
  g_return_if_fail (LC_IS_FACILITY_LAYER (self));
  g_return_if_fail (plan == NULL || LC_IS_PLAN (plan));

  if (self->plan == plan)
    return;

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->plan, plan);
  if (plan != NULL)
    g_signal_connect_swapped (plan, "changed", G_CALLBACK (plan_changed), self);

  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

/**
 * lc_facility_layer_get_service_filter:
 *
 * Returns: (nullable): the key of the service whose facilities alone are
 *   shown, or %NULL when every facility is
 */
const char *
lc_facility_layer_get_service_filter (LcFacilityLayer *self)
{
  g_return_val_if_fail (LC_IS_FACILITY_LAYER (self), NULL);

  return self->service_filter;
}

/**
 * lc_facility_layer_set_service_filter:
 * @service_key: (nullable): a service key such as `elderly`, or %NULL
 *
 * Shows only the facilities that offer the service (a key the catalogue
 * does not know shows none), or every facility for %NULL. Needs and project
 * locations are not filtered.
 */
void
lc_facility_layer_set_service_filter (LcFacilityLayer *self,
                                      const char      *service_key)
{
  g_return_if_fail (LC_IS_FACILITY_LAYER (self));

  if (g_strcmp0 (self->service_filter, service_key) == 0)
    return;

  g_free (self->service_filter);
  self->service_filter = g_strdup (service_key);
  self->filter_bit = service_key == NULL ? -1 : service_bit (service_key);
  if (service_key != NULL && self->filter_bit < 0)
    self->filter_bit = -2;
  self->filter_mask = self->filter_bit >= 0 ? 1u << self->filter_bit : 0;

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVICE_FILTER]);
}

gboolean
lc_facility_layer_get_show_needs (LcFacilityLayer *self)
{
  g_return_val_if_fail (LC_IS_FACILITY_LAYER (self), FALSE);

  return self->show_needs;
}

void
lc_facility_layer_set_show_needs (LcFacilityLayer *self,
                                  gboolean         show)
{
  g_return_if_fail (LC_IS_FACILITY_LAYER (self));

  show = !!show;
  if (self->show_needs == show)
    return;

  self->show_needs = show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_NEEDS]);
}

gboolean
lc_facility_layer_get_show_projects (LcFacilityLayer *self)
{
  g_return_val_if_fail (LC_IS_FACILITY_LAYER (self), FALSE);

  return self->show_projects;
}

void
lc_facility_layer_set_show_projects (LcFacilityLayer *self,
                                     gboolean         show)
{
  g_return_if_fail (LC_IS_FACILITY_LAYER (self));

  show = !!show;
  if (self->show_projects == show)
    return;

  self->show_projects = show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PROJECTS]);
}

/**
 * lc_facility_layer_get_n_features:
 *
 * Returns: how many features the layer holds (removed facilities and rows
 *   without a usable geometry are not), shown or not
 */
guint
lc_facility_layer_get_n_features (LcFacilityLayer *self)
{
  g_return_val_if_fail (LC_IS_FACILITY_LAYER (self), 0);

  return self->features->len;
}

/**
 * lc_facility_layer_get_n_drawn:
 *
 * Returns: how many symbols the last snapshot drew, for tests
 */
guint
lc_facility_layer_get_n_drawn (LcFacilityLayer *self)
{
  g_return_val_if_fail (LC_IS_FACILITY_LAYER (self), 0);

  return self->n_drawn;
}

/**
 * lc_facility_layer_get_n_labels:
 *
 * Returns: how many names the last snapshot drew, for tests
 */
guint
lc_facility_layer_get_n_labels (LcFacilityLayer *self)
{
  g_return_val_if_fail (LC_IS_FACILITY_LAYER (self), 0);

  return self->n_labels;
}
