/* lc-coverage-layer.c: walking minutes to one service, and the homes beyond reach
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-coverage-layer"

#include "config.h"

#include <math.h>

#include "lc-coverage-layer.h"
#include "lc-coverage-suggest.h"
#include "lc-geo.h"

/*
 * The coverage of the service chosen on the coverage page, over the
 * basemap: every segment of the walking network coloured by the walk from
 * it to the nearest facility of the service (5, 10, 15 minutes at the
 * plan's walking speed, farther, out of reach), and every home the service
 * does not cover (盲区) as a red dot, sized by its residents; and, when
 * asked, the sites suggested for new facilities, numbered by rank with the
 * residents each would newly reach.
 *
 * What it draws is copied from the coverage when shown (a few arrays of
 * floats), so the layer never reads a coverage that the window is
 * replacing. A snapshot culls segments by the view and strokes each band
 * as one path.
 */

typedef struct
{
  float x0, y0, x1, y1;       /* normalised Web Mercator */
  guint8 band;
} Segment;

typedef struct
{
  float x, y;
  float radius;               /* px */
} Gap;

struct _LcCoverageLayer
{
  ShumateLayer parent_instance;

  LcCoverageModel *model;     /* what it shows; NULL: nothing */
  int     service;            /* -1: nothing shown */
  GArray *segments;           /* Segment */
  GArray *gaps;               /* Gap */
  GArray *suggestions;        /* LcCoverageSuggestion, ranked */
};

G_DEFINE_FINAL_TYPE (LcCoverageLayer, lc_coverage_layer, SHUMATE_TYPE_LAYER)

static const guint32 band_colours[LC_COVERAGE_N_BANDS] = {
  0x26a269,   /* ≤ 5 min: green */
  0x8fc93a,   /* ≤ 10 min: yellow-green */
  0xf5c211,   /* ≤ 15 min: yellow */
  0xe66100,   /* farther: orange */
  0x9a9996,   /* out of reach: grey */
};

/**
 * lc_coverage_band_colour:
 *
 * The colour of a band, for the legend.
 */
void
lc_coverage_band_colour (guint    band,
                         GdkRGBA *colour)
{
  guint32 c = band_colours[MIN (band, LC_COVERAGE_N_BANDS - 1)];

  colour->red = ((c >> 16) & 0xff) / 255.0;
  colour->green = ((c >> 8) & 0xff) / 255.0;
  colour->blue = (c & 0xff) / 255.0;
  colour->alpha = 1;
}

/**
 * lc_coverage_band_minutes:
 *
 * Returns: the walk in minutes up to which @band reaches; infinity for the
 *   last two
 */
double
lc_coverage_band_minutes (guint band)
{
  return band < 3 ? 5.0 * (band + 1) : INFINITY;
}

static guint
band_of (guint32 distance_cm,
         double  speed_m_min)
{
  double minutes;

  if (distance_cm == LC_WALK_UNREACHED)
    return LC_COVERAGE_N_BANDS - 1;
  minutes = distance_cm / 100.0 / speed_m_min;
  for (guint b = 0; b < 3; b++)
    if (minutes <= lc_coverage_band_minutes (b))
      return b;
  return 3;
}

static void
lc_coverage_layer_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  LcCoverageLayer *self = LC_COVERAGE_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *reference;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double world, cx, cy, rotation;
  cairo_t *cr;

  if (self->service < 0 || viewport == NULL ||
      (reference = shumate_viewport_get_reference_map_source (viewport)) == NULL)
    return;

  /* As libshumate places the world: its size at this zoom, the centre in
   * the middle, turned around it */
  world = shumate_map_source_get_x (reference, shumate_viewport_get_zoom_level (viewport), 180.0) -
          shumate_map_source_get_x (reference, shumate_viewport_get_zoom_level (viewport), -180.0);
  cx = lc_geo_world_x (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  cy = lc_geo_world_y (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)));
  rotation = shumate_viewport_get_rotation (viewport);
  if (world <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, width / 2.0, height / 2.0);
  cairo_rotate (cr, rotation);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, shumate_viewport_get_zoom_level (viewport) >= 17 ? 5 :
                            shumate_viewport_get_zoom_level (viewport) >= 15 ? 3.5 : 2);

  {
    /* The view's half-diagonal, in world units: what can be on screen */
    double reach = hypot (width, height) / 2 / world;

    for (guint band = 0; band < LC_COVERAGE_N_BANDS; band++)
      {
        GdkRGBA colour;
        gboolean any = FALSE;

        for (guint i = 0; i < self->segments->len; i++)
          {
            const Segment *s = &g_array_index (self->segments, Segment, i);

            if (s->band != band || MAX (s->x0, s->x1) < cx - reach || MIN (s->x0, s->x1) > cx + reach ||
                MAX (s->y0, s->y1) < cy - reach || MIN (s->y0, s->y1) > cy + reach)
              continue;
            cairo_move_to (cr, (s->x0 - cx) * world, (s->y0 - cy) * world);
            cairo_line_to (cr, (s->x1 - cx) * world, (s->y1 - cy) * world);
            any = TRUE;
          }
        if (!any)
          continue;
        lc_coverage_band_colour (band, &colour);
        cairo_set_source_rgba (cr, colour.red, colour.green, colour.blue, band == LC_COVERAGE_N_BANDS - 1 ? 0.6 : 0.9);
        cairo_stroke (cr);
      }

    /* The homes beyond reach, on top */
    for (guint i = 0; i < self->gaps->len; i++)
      {
        const Gap *g = &g_array_index (self->gaps, Gap, i);

        if (fabs (g->x - cx) > reach || fabs (g->y - cy) > reach)
          continue;
        cairo_new_sub_path (cr);
        cairo_arc (cr, (g->x - cx) * world, (g->y - cy) * world, g->radius, 0, 2 * G_PI);
      }
    cairo_set_source_rgba (cr, 0.88, 0.11, 0.14, 0.85);
    cairo_fill_preserve (cr);
    cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
    cairo_set_line_width (cr, 1.5);
    cairo_stroke (cr);

    /* Suggested sites: a numbered disc, the gain beside it */
    for (guint i = 0; i < self->suggestions->len; i++)
      {
        const LcCoverageSuggestion *s = &g_array_index (self->suggestions, LcCoverageSuggestion, i);
        double x = (lc_geo_world_x (s->lon) - cx) * world, y = (lc_geo_world_y (s->lat) - cy) * world;
        g_autofree char *rank = g_strdup_printf ("%u", i + 1);
        g_autofree char *gain = g_strdup_printf ("+%.0f", s->gain_population);
        cairo_text_extents_t extents;

        cairo_new_path (cr);
        cairo_arc (cr, x, y, 11, 0, 2 * G_PI);
        cairo_set_source_rgb (cr, 0.38, 0.21, 0.51);
        cairo_fill_preserve (cr);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_set_line_width (cr, 2);
        cairo_stroke (cr);

        cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
        cairo_set_font_size (cr, 12);
        cairo_text_extents (cr, rank, &extents);
        cairo_move_to (cr, x - extents.x_advance / 2, y + extents.height / 2);
        cairo_show_text (cr, rank);

        cairo_text_extents (cr, gain, &extents);
        cairo_rectangle (cr, x + 14, y - 9, extents.x_advance + 8, 18);
        cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
        cairo_fill (cr);
        cairo_set_source_rgb (cr, 0.38, 0.21, 0.51);
        cairo_move_to (cr, x + 18, y + extents.height / 2);
        cairo_show_text (cr, gain);
      }
  }
  cairo_destroy (cr);
}

static void
lc_coverage_layer_dispose (GObject *object)
{
  lc_coverage_layer_set_model (LC_COVERAGE_LAYER (object), NULL);

  G_OBJECT_CLASS (lc_coverage_layer_parent_class)->dispose (object);
}

static void
lc_coverage_layer_finalize (GObject *object)
{
  LcCoverageLayer *self = LC_COVERAGE_LAYER (object);

  g_array_unref (self->segments);
  g_array_unref (self->gaps);
  g_array_unref (self->suggestions);

  G_OBJECT_CLASS (lc_coverage_layer_parent_class)->finalize (object);
}

static void
lc_coverage_layer_class_init (LcCoverageLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_coverage_layer_dispose;
  object_class->finalize = lc_coverage_layer_finalize;
  widget_class->snapshot = lc_coverage_layer_snapshot;
}

static void
lc_coverage_layer_init (LcCoverageLayer *self)
{
  self->service = -1;
  self->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  self->gaps = g_array_new (FALSE, FALSE, sizeof (Gap));
  self->suggestions = g_array_new (FALSE, FALSE, sizeof (LcCoverageSuggestion));
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

static void
on_viewport_changed (LcCoverageLayer *self)
{
  if (self->service >= 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

LcCoverageLayer *
lc_coverage_layer_new (ShumateViewport *viewport)
{
  LcCoverageLayer *self = g_object_new (LC_TYPE_COVERAGE_LAYER, "viewport", viewport, NULL);

  g_signal_connect_object (viewport, "notify", G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);
  return self;
}

/* Draws the chosen service's coverage as the model has it now */
static void
refresh (LcCoverageLayer *self)
{
  LcCoverage *coverage = self->model != NULL ? lc_coverage_model_get_coverage (self->model) : NULL;
  int service = self->model != NULL ? lc_coverage_model_get_service (self->model) : -1;

  g_array_set_size (self->segments, 0);
  g_array_set_size (self->gaps, 0);
  /* Suggestions belong to the coverage they were made for */
  g_array_set_size (self->suggestions, 0);
  self->service = coverage != NULL ? service : -1;

  if (self->service >= 0)
    {
      LcWalkGraph *graph = lc_coverage_get_graph (coverage);
      const guint32 *distance = lc_coverage_get_node_distances (coverage, service);
      double speed = lc_coverage_get_walking_speed (coverage);
      guint n_edges = lc_walk_graph_get_n_edges (graph);

      for (guint e = 0; e < n_edges && distance != NULL; e++)
        {
          Segment s;
          guint u, v;
          guint32 length, d;
          double lon, lat;

          lc_walk_graph_get_edge (graph, e, &u, &v, &length);
          lc_walk_graph_get_node (graph, u, &lon, &lat);
          s.x0 = lc_geo_world_x (lon);
          s.y0 = lc_geo_world_y (lat);
          lc_walk_graph_get_node (graph, v, &lon, &lat);
          s.x1 = lc_geo_world_x (lon);
          s.y1 = lc_geo_world_y (lat);
          /* A segment is as far as its middle: the nearer end plus half of it */
          d = MIN (distance[u], distance[v]);
          if (d != LC_WALK_UNREACHED)
            d = MIN ((guint64) d + length / 2, MAX (distance[u], distance[v]));
          s.band = band_of (d, speed);
          g_array_append_val (self->segments, s);
        }

      for (guint h = 0; h < lc_coverage_get_n_homes (coverage); h++)
        {
          Gap g;
          gint64 fid;
          double lon, lat, population;

          if (lc_coverage_home_is_covered (coverage, h, service))
            continue;
          lc_coverage_get_home (coverage, h, &fid, &lon, &lat, &population);
          g.x = lc_geo_world_x (lon);
          g.y = lc_geo_world_y (lat);
          /* 3 px for a house, 7 px for a tower of a thousand */
          g.radius = CLAMP (3 + sqrt (MAX (population, 0)) / 8, 3, 7);
          g_array_append_val (self->gaps, g);
        }
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
lc_coverage_layer_get_service (LcCoverageLayer *self)
{
  g_return_val_if_fail (LC_IS_COVERAGE_LAYER (self), -1);
  return self->service;
}

/**
 * lc_coverage_layer_get_n_gaps:
 *
 * Returns: how many homes the layer shows as out of reach
 */
guint
lc_coverage_layer_get_n_gaps (LcCoverageLayer *self)
{
  g_return_val_if_fail (LC_IS_COVERAGE_LAYER (self), 0);
  return self->gaps->len;
}

/* Marks the sites the model suggests */
static void
refresh_suggestions (LcCoverageLayer *self)
{
  GArray *suggestions = self->model != NULL ? lc_coverage_model_get_suggestions (self->model) : NULL;

  g_array_set_size (self->suggestions, 0);
  if (suggestions != NULL)
    g_array_append_vals (self->suggestions, suggestions->data, suggestions->len);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
lc_coverage_layer_get_n_suggestions (LcCoverageLayer *self)
{
  g_return_val_if_fail (LC_IS_COVERAGE_LAYER (self), 0);
  return self->suggestions->len;
}

/**
 * lc_coverage_layer_set_model:
 * @model: (nullable): the coverage to show
 *
 * Shows @model's chosen service, and follows it as the figures, the
 * service and the suggested sites change.
 */
void
lc_coverage_layer_set_model (LcCoverageLayer *self,
                             LcCoverageModel *model)
{
  g_return_if_fail (LC_IS_COVERAGE_LAYER (self));
  g_return_if_fail (model == NULL || LC_IS_COVERAGE_MODEL (model));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    {
      g_signal_connect_swapped (model, "updated", G_CALLBACK (refresh), self);
      g_signal_connect_swapped (model, "notify::service", G_CALLBACK (refresh), self);
      g_signal_connect_swapped (model, "notify::suggestions", G_CALLBACK (refresh_suggestions), self);
    }
  refresh (self);
  refresh_suggestions (self);
}
