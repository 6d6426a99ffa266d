/* lc-plan-tile-source.c: tiles of the plan's basemap, rendered in threads
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-plan-tile-source"

#include "config.h"

#include "lc-plan-tile-source.h"

/*
 * A ShumateDataSource over one immutable LcRenderData: each tile is drawn
 * and PNG-encoded in a worker thread (GTask's pool), so panning never waits
 * on rendering, then handed to libshumate on the main thread, which caches
 * it. An edit makes a new snapshot and so a new source (LcMapView swaps it).
 */

struct _LcPlanTileSource
{
  ShumateDataSource parent_instance;

  /* Owned */
  LcRenderData *data;

  gboolean dark;
  gboolean ground;               /* FALSE: transparent over an online basemap */
  guint    n_rendered;           /* atomic */
  guint    n_on_main_thread;     /* atomic: must stay 0 */
};

G_DEFINE_FINAL_TYPE (LcPlanTileSource, lc_plan_tile_source, SHUMATE_TYPE_DATA_SOURCE)

typedef struct
{
  int x, y, z;
} TileKey;

static void
render_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LcPlanTileSource *self = source;
  TileKey *key = task_data;
  int n = 1 << key->z;

  if (g_main_context_is_owner (g_main_context_default ()))
    g_atomic_int_inc (&self->n_on_main_thread);

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Wrap around the antimeridian as libshumate asks for tiles past it */
  g_task_return_pointer (task,
                         lc_render_tile_png_full (self->data, ((key->x % n) + n) % n, key->y, key->z, 256,
                                                  self->dark, self->ground),
                         (GDestroyNotify) g_bytes_unref);
  g_atomic_int_inc (&self->n_rendered);
}

static void
rendered (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  TileKey *key = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);

  if (bytes == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }

  /* libshumate 1.0's raster renderer paints from this signal (main thread) */
  g_signal_emit_by_name (object, "received-data", key->x, key->y, key->z, bytes);
  g_task_return_pointer (outer, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

static void
lc_plan_tile_source_get_tile_data_async (ShumateDataSource   *source,
                                         int                  x,
                                         int                  y,
                                         int                  zoom_level,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *outer = g_task_new (source, cancellable, callback, user_data);
  g_autoptr(GTask) inner = g_task_new (source, cancellable, rendered, outer);
  TileKey *key = g_new (TileKey, 1);

  key->x = x;
  key->y = y;
  key->z = zoom_level;
  g_task_set_source_tag (outer, lc_plan_tile_source_get_tile_data_async);
  g_task_set_task_data (inner, key, g_free);
  g_task_run_in_thread (inner, render_thread);
}

static GBytes *
lc_plan_tile_source_get_tile_data_finish (ShumateDataSource  *source,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
lc_plan_tile_source_finalize (GObject *object)
{
  LcPlanTileSource *self = LC_PLAN_TILE_SOURCE (object);

  g_clear_pointer (&self->data, lc_render_data_unref);

  G_OBJECT_CLASS (lc_plan_tile_source_parent_class)->finalize (object);
}

static void
lc_plan_tile_source_class_init (LcPlanTileSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = lc_plan_tile_source_finalize;
  source_class->get_tile_data_async = lc_plan_tile_source_get_tile_data_async;
  source_class->get_tile_data_finish = lc_plan_tile_source_get_tile_data_finish;
}

static void
lc_plan_tile_source_init (LcPlanTileSource *self)
{
}

/**
 * lc_plan_tile_source_new:
 * @data: (nullable): what to draw; %NULL draws only the background
 *
 * Returns: (transfer full): a new source
 */
LcPlanTileSource *
lc_plan_tile_source_new (LcRenderData *data,
                         gboolean      dark)
{
  return lc_plan_tile_source_new_full (data, dark, TRUE);
}

/**
 * lc_plan_tile_source_new_full:
 * @data: (nullable): what to draw; %NULL draws only the ground, if any
 * @ground: paint the plan's ground colour; %FALSE makes tiles transparent
 *   where nothing is drawn, so that an online basemap below shows through
 *
 * Returns: (transfer full): a new source
 */
LcPlanTileSource *
lc_plan_tile_source_new_full (LcRenderData *data,
                              gboolean      dark,
                              gboolean      ground)
{
  LcPlanTileSource *self = g_object_new (LC_TYPE_PLAN_TILE_SOURCE, NULL);

  self->data = data != NULL ? lc_render_data_ref (data) : NULL;
  self->dark = !!dark;
  self->ground = !!ground;
  return self;
}

/**
 * lc_plan_tile_source_get_ground:
 *
 * Returns: whether the tiles are painted on the plan's ground colour
 */
gboolean
lc_plan_tile_source_get_ground (LcPlanTileSource *self)
{
  g_return_val_if_fail (LC_IS_PLAN_TILE_SOURCE (self), TRUE);
  return self->ground;
}

/**
 * lc_plan_tile_source_get_n_rendered:
 *
 * Returns: how many tiles the source has rendered
 */
guint
lc_plan_tile_source_get_n_rendered (LcPlanTileSource *self)
{
  g_return_val_if_fail (LC_IS_PLAN_TILE_SOURCE (self), 0);
  return g_atomic_int_get (&self->n_rendered);
}

/**
 * lc_plan_tile_source_get_n_on_main_thread:
 *
 * Returns: how many tiles were rendered on the main thread: 0, or panning
 * would wait for them
 */
guint
lc_plan_tile_source_get_n_on_main_thread (LcPlanTileSource *self)
{
  g_return_val_if_fail (LC_IS_PLAN_TILE_SOURCE (self), 0);
  return g_atomic_int_get (&self->n_on_main_thread);
}
