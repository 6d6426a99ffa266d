/* lc-offline-source.c: a quiet background for the map that needs no network
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-offline-source"

#include "config.h"

#include <cairo.h>

#include "lc-offline-source.h"
#include "lc-render.h"

/*
 * Every tile is the same: a plain paper colour with a faint line along its
 * top and left edges, so that the map visibly moves when panned. The PNG is
 * encoded once per source and served from memory for any x, y and zoom.
 * The plan's own data is drawn above it by later layers.
 */

#define TILE_SIZE 256

struct _LcOfflineSource
{
  ShumateDataSource parent_instance;

  /* Owned */
  GBytes *tile;

  gboolean dark;
  guint n_served;
};

G_DEFINE_FINAL_TYPE (LcOfflineSource, lc_offline_source, SHUMATE_TYPE_DATA_SOURCE)

static GBytes *
render_tile (gboolean dark)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, TILE_SIZE, TILE_SIZE);
  cairo_t *cr = cairo_create (surface);
  GBytes *png;

  /* libadwaita's window background colours, light and dark */
  if (dark)
    cairo_set_source_rgb (cr, 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0);
  else
    cairo_set_source_rgb (cr, 0xf6 / 255.0, 0xf5 / 255.0, 0xf4 / 255.0);
  cairo_paint (cr);

  cairo_set_source_rgba (cr, dark ? 1 : 0, dark ? 1 : 0, dark ? 1 : 0, 0.06);
  cairo_rectangle (cr, 0, 0, TILE_SIZE, 1);
  cairo_rectangle (cr, 0, 1, 1, TILE_SIZE - 1);
  cairo_fill (cr);

  cairo_destroy (cr);
  png = lc_render_surface_to_png (surface);
  cairo_surface_destroy (surface);

  return png;
}

static void
lc_offline_source_get_tile_data_async (ShumateDataSource   *source,
                                       int                  x,
                                       int                  y,
                                       int                  zoom_level,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  LcOfflineSource *self = LC_OFFLINE_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, lc_offline_source_get_tile_data_async);

  if (self->tile == NULL)
    self->tile = render_tile (self->dark);

  self->n_served++;

  /* libshumate 1.0's raster renderer paints from this signal, not from the
   * bytes that _finish returns */
  g_signal_emit_by_name (self, "received-data", x, y, zoom_level, self->tile);
  g_task_return_pointer (task, g_bytes_ref (self->tile), (GDestroyNotify) g_bytes_unref);
}

static GBytes *
lc_offline_source_get_tile_data_finish (ShumateDataSource  *source,
                                        GAsyncResult       *result,
                                        GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
lc_offline_source_finalize (GObject *object)
{
  LcOfflineSource *self = LC_OFFLINE_SOURCE (object);

  g_clear_pointer (&self->tile, g_bytes_unref);

  G_OBJECT_CLASS (lc_offline_source_parent_class)->finalize (object);
}

static void
lc_offline_source_class_init (LcOfflineSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = lc_offline_source_finalize;
  source_class->get_tile_data_async = lc_offline_source_get_tile_data_async;
  source_class->get_tile_data_finish = lc_offline_source_get_tile_data_finish;
}

static void
lc_offline_source_init (LcOfflineSource *self)
{
}

/**
 * lc_offline_source_new:
 * @dark: whether to draw for a dark style
 *
 * Returns: (transfer full): a new source
 */
LcOfflineSource *
lc_offline_source_new (gboolean dark)
{
  LcOfflineSource *self = g_object_new (LC_TYPE_OFFLINE_SOURCE, NULL);

  self->dark = !!dark;
  return self;
}

gboolean
lc_offline_source_get_dark (LcOfflineSource *self)
{
  g_return_val_if_fail (LC_IS_OFFLINE_SOURCE (self), FALSE);

  return self->dark;
}

/**
 * lc_offline_source_get_n_served:
 *
 * Returns: how many tiles the source has served, for tests
 */
guint
lc_offline_source_get_n_served (LcOfflineSource *self)
{
  g_return_val_if_fail (LC_IS_OFFLINE_SOURCE (self), 0);

  return self->n_served;
}
