/* lc-edit-layer.c: the selected shape on the map, with handles to reshape it
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-edit-layer"

#include "config.h"

#include <math.h>

#include "lc-edit-layer.h"

/*
 * Above the basemap and the facilities: the walking path, building or unit
 * boundary the planner selected, outlined in the accent colour; for a path
 * or the boundary a round handle on every vertex (drag to move, double-click
 * to remove) and a small one in the middle of every segment (drag to add a
 * vertex there); while a new path or boundary is drawn, its points so far
 * and a line on to the pointer. The layer only shows and hit-tests: the map
 * view turns gestures into edits of the plan.
 *
 * Points are WGS-84 longitude, latitude; a ring is kept open (its last
 * point is not the first again).
 */

#define PICK_TOLERANCE 4.0     /* px beyond a handle that still picks it */
#define MIN_HANDLE_GAP 10.0    /* px: closer vertices share one drawn handle */

struct _LcEditLayer
{
  ShumateLayer parent_instance;

  LcEditMode  mode;
  GArray     *points;          /* double lon, lat pairs */
  LcGeometry *outline;         /* LC_EDIT_OUTLINE: the whole shape */
  gboolean    pointer_inside;
  double      pointer[2];      /* lon, lat */
};

G_DEFINE_FINAL_TYPE (LcEditLayer, lc_edit_layer, SHUMATE_TYPE_LAYER)

static gboolean
is_ring (LcEditLayer *self)
{
  return self->mode == LC_EDIT_RING || self->mode == LC_EDIT_DRAW_RING;
}

static gboolean
to_widget (LcEditLayer *self,
           double       longitude,
           double       latitude,
           double      *x,
           double      *y)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  if (viewport == NULL || shumate_viewport_get_reference_map_source (viewport) == NULL)
    return FALSE;
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), latitude, longitude, x, y);
  return TRUE;
}

static void
point_at (LcEditLayer *self,
          guint        i,
          double      *x,
          double      *y)
{
  const double *p = &g_array_index (self->points, double, 2 * i);

  to_widget (self, p[0], p[1], x, y);
}

static void
trace_geometry (LcEditLayer      *self,
                cairo_t          *cr,
                const LcGeometry *g)
{
  guint start = 0;

  for (guint p = 0; p < g->n_parts; p++)
    {
      for (guint i = start; i < g->part_ends[p]; i++)
        {
          double x, y;

          to_widget (self, g->xy[2 * i], g->xy[2 * i + 1], &x, &y);
          if (i == start)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
      start = g->part_ends[p];
    }
}

static void
stroke_twice (cairo_t *cr)
{
  /* A white casing under the accent line: visible on any basemap */
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 6);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
  cairo_set_line_width (cr, 3);
  cairo_stroke (cr);
}

static void
handle (cairo_t *cr,
        double   x,
        double   y,
        double   radius,
        double   alpha)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, alpha);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.11, 0.44, 0.85, alpha);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

static void
draw (LcEditLayer *self,
      cairo_t     *cr,
      int          width,
      int          height)
{
  guint n = self->points->len / 2;
  double x, y;

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (self->mode == LC_EDIT_OUTLINE && self->outline != NULL)
    {
      trace_geometry (self, cr, self->outline);
      cairo_set_source_rgba (cr, 0.11, 0.44, 0.85, 0.18);
      cairo_fill_preserve (cr);
      stroke_twice (cr);
      return;
    }

  /* The line, or the ring (filled lightly) */
  for (guint i = 0; i < n; i++)
    {
      point_at (self, i, &x, &y);
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  if (is_ring (self) && n >= 3)
    {
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, 0.11, 0.44, 0.85, 0.10);
      cairo_fill_preserve (cr);
    }
  stroke_twice (cr);

  /* While drawing: on to the pointer, dashed */
  if ((self->mode == LC_EDIT_DRAW_LINE || self->mode == LC_EDIT_DRAW_RING) && self->pointer_inside && n > 0)
    {
      double px, py, dash[] = { 6, 4 };

      point_at (self, n - 1, &x, &y);
      to_widget (self, self->pointer[0], self->pointer[1], &px, &py);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, px, py);
      if (self->mode == LC_EDIT_DRAW_RING && n >= 2)
        {
          point_at (self, 0, &x, &y);
          cairo_line_to (cr, x, y);
        }
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_source_rgb (cr, 0.11, 0.44, 0.85);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  /* Midpoints, then vertices; crowded ones share a handle */
  if (self->mode == LC_EDIT_LINE || self->mode == LC_EDIT_RING)
    for (guint i = 0; i + 1 < n + (is_ring (self) ? 1 : 0); i++)
      {
        double x2, y2;

        point_at (self, i, &x, &y);
        point_at (self, (i + 1) % n, &x2, &y2);
        if (hypot (x2 - x, y2 - y) > 4 * LC_EDIT_HANDLE_RADIUS)
          handle (cr, (x + x2) / 2, (y + y2) / 2, LC_EDIT_HANDLE_RADIUS - 2, 0.7);
      }
  {
    double last_x = -1e9, last_y = -1e9;

    for (guint i = 0; i < n; i++)
      {
        point_at (self, i, &x, &y);
        if (x < -20 || y < -20 || x > width + 20 || y > height + 20 ||
            (hypot (x - last_x, y - last_y) < MIN_HANDLE_GAP && i + 1 < n))
          continue;
        handle (cr, x, y, LC_EDIT_HANDLE_RADIUS, 1.0);
        last_x = x;
        last_y = y;
      }
  }
}

static void
lc_edit_layer_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  LcEditLayer *self = LC_EDIT_LAYER (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;
  double x, y;

  if (self->mode == LC_EDIT_NONE || !to_widget (self, 0, 0, &x, &y))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw (self, cr, width, height);
  cairo_destroy (cr);
}

static void
lc_edit_layer_finalize (GObject *object)
{
  LcEditLayer *self = LC_EDIT_LAYER (object);

  g_array_unref (self->points);
  lc_geometry_free (self->outline);

  G_OBJECT_CLASS (lc_edit_layer_parent_class)->finalize (object);
}

static void
lc_edit_layer_class_init (LcEditLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lc_edit_layer_finalize;
  widget_class->snapshot = lc_edit_layer_snapshot;
}

static void
on_viewport_changed (LcEditLayer *self)
{
  if (self->mode != LC_EDIT_NONE)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
lc_edit_layer_init (LcEditLayer *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (double));
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

LcEditLayer *
lc_edit_layer_new (ShumateViewport *viewport)
{
  LcEditLayer *self = g_object_new (LC_TYPE_EDIT_LAYER, "viewport", viewport, NULL);

  g_signal_connect_object (viewport, "notify", G_CALLBACK (on_viewport_changed), self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * lc_edit_layer_set:
 * @geometry: (nullable): for a line, its first part; for a ring, its
 *   first ring (outline); for an outline, all of it; %NULL to start empty
 *
 * Shows @geometry as @mode says; %LC_EDIT_NONE shows nothing.
 */
void
lc_edit_layer_set (LcEditLayer      *self,
                   LcEditMode        mode,
                   const LcGeometry *geometry)
{
  g_return_if_fail (LC_IS_EDIT_LAYER (self));

  self->mode = mode;
  g_array_set_size (self->points, 0);
  g_clear_pointer (&self->outline, lc_geometry_free);

  if (geometry != NULL && mode == LC_EDIT_OUTLINE)
    {
      self->outline = lc_geometry_new (geometry->type);
      for (guint p = 0, start = 0; p < geometry->n_parts; start = geometry->part_ends[p++])
        {
          for (guint i = start; i < geometry->part_ends[p]; i++)
            lc_geometry_add_point (self->outline, geometry->xy[2 * i], geometry->xy[2 * i + 1]);
          lc_geometry_end_part (self->outline);
        }
    }
  else if (geometry != NULL && geometry->n_points > 0)
    {
      guint end = geometry->n_parts > 0 ? geometry->part_ends[0] : geometry->n_points;

      /* A ring without its closing point */
      if (is_ring (self) && end >= 2 && geometry->xy[0] == geometry->xy[2 * (end - 1)] &&
          geometry->xy[1] == geometry->xy[2 * (end - 1) + 1])
        end--;
      g_array_append_vals (self->points, geometry->xy, 2 * end);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

LcEditMode
lc_edit_layer_get_mode (LcEditLayer *self)
{
  g_return_val_if_fail (LC_IS_EDIT_LAYER (self), LC_EDIT_NONE);
  return self->mode;
}

guint
lc_edit_layer_get_n_points (LcEditLayer *self)
{
  g_return_val_if_fail (LC_IS_EDIT_LAYER (self), 0);
  return self->points->len / 2;
}

void
lc_edit_layer_get_point (LcEditLayer *self,
                         guint        index,
                         double      *longitude,
                         double      *latitude)
{
  g_return_if_fail (LC_IS_EDIT_LAYER (self));
  g_return_if_fail (index < self->points->len / 2);

  *longitude = g_array_index (self->points, double, 2 * index);
  *latitude = g_array_index (self->points, double, 2 * index + 1);
}

/**
 * lc_edit_layer_pick_handle:
 * @x, @y: a point of the layer, widget coordinates
 * @midpoint: (out): whether it is the handle in the middle of segment
 *   (index, index + 1), rather than vertex index
 *
 * Returns: the index of the handle under the point, or -1
 */
int
lc_edit_layer_pick_handle (LcEditLayer *self,
                           double       x,
                           double       y,
                           gboolean    *midpoint)
{
  guint n = self->points->len / 2;
  double best = LC_EDIT_HANDLE_RADIUS + PICK_TOLERANCE;
  int found = -1;

  g_return_val_if_fail (LC_IS_EDIT_LAYER (self), -1);

  *midpoint = FALSE;
  if (self->mode != LC_EDIT_LINE && self->mode != LC_EDIT_RING)
    return -1;

  for (guint i = 0; i < n; i++)
    {
      double px, py;

      point_at (self, i, &px, &py);
      if (hypot (px - x, py - y) <= best)
        {
          best = hypot (px - x, py - y);
          found = (int) i;
        }
    }
  if (found >= 0)
    return found;

  for (guint i = 0; i + 1 < n + (is_ring (self) ? 1 : 0); i++)
    {
      double x1, y1, x2, y2;

      point_at (self, i, &x1, &y1);
      point_at (self, (i + 1) % n, &x2, &y2);
      if (hypot (x2 - x1, y2 - y1) > 4 * LC_EDIT_HANDLE_RADIUS &&
          hypot ((x1 + x2) / 2 - x, (y1 + y2) / 2 - y) <= best)
        {
          best = hypot ((x1 + x2) / 2 - x, (y1 + y2) / 2 - y);
          found = (int) i;
          *midpoint = TRUE;
        }
    }
  return found;
}

void
lc_edit_layer_move_point (LcEditLayer *self,
                          guint        index,
                          double       longitude,
                          double       latitude)
{
  g_return_if_fail (LC_IS_EDIT_LAYER (self));
  g_return_if_fail (index < self->points->len / 2);

  g_array_index (self->points, double, 2 * index) = longitude;
  g_array_index (self->points, double, 2 * index + 1) = latitude;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lc_edit_layer_insert_point:
 * @index: where the new point goes; the number of points appends it
 */
void
lc_edit_layer_insert_point (LcEditLayer *self,
                            guint        index,
                            double       longitude,
                            double       latitude)
{
  double p[2] = { longitude, latitude };

  g_return_if_fail (LC_IS_EDIT_LAYER (self));
  g_return_if_fail (index <= self->points->len / 2);

  g_array_insert_vals (self->points, 2 * index, p, 2);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lc_edit_layer_remove_point:
 *
 * Removes a vertex, unless the shape would be left with too few: two for a
 * line, three for a ring (none while drawing).
 *
 * Returns: whether it was removed
 */
gboolean
lc_edit_layer_remove_point (LcEditLayer *self,
                            guint        index)
{
  guint min;

  g_return_val_if_fail (LC_IS_EDIT_LAYER (self), FALSE);

  min = self->mode == LC_EDIT_LINE ? 2 : self->mode == LC_EDIT_RING ? 3 : 0;
  if (index >= self->points->len / 2 || self->points->len / 2 <= min)
    return FALSE;
  g_array_remove_range (self->points, 2 * index, 2);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

/* Where the pointer is, for the line on to it while drawing */
void
lc_edit_layer_set_pointer (LcEditLayer *self,
                           gboolean     inside,
                           double       longitude,
                           double       latitude)
{
  g_return_if_fail (LC_IS_EDIT_LAYER (self));

  self->pointer_inside = inside;
  self->pointer[0] = longitude;
  self->pointer[1] = latitude;
  if (self->mode == LC_EDIT_DRAW_LINE || self->mode == LC_EDIT_DRAW_RING)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * lc_edit_layer_to_geometry:
 *
 * Returns: (transfer full): the points as a linestring (a ring is left
 *   open; lc_plan_set_boundary() closes it)
 */
LcGeometry *
lc_edit_layer_to_geometry (LcEditLayer *self)
{
  LcGeometry *g = lc_geometry_new (LC_GEOMETRY_LINESTRING);

  for (guint i = 0; i < self->points->len / 2; i++)
    lc_geometry_add_point (g, g_array_index (self->points, double, 2 * i),
                           g_array_index (self->points, double, 2 * i + 1));
  lc_geometry_end_part (g);
  return g;
}
