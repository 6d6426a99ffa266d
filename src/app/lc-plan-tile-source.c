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
  /* Tiles drawn, as PNG, by tile_id (); carried over to the source of the
   * next snapshot where an edit did not touch them. Main thread only */
  GHashTable *cache;
  gboolean ground;               /* FALSE: transparent over an online basemap */
  guint    n_rendered;           /* atomic */
  guint    n_on_main_thread;     /* atomic: must stay 0 */
};

G_DEFINE_FINAL_TYPE (LcPlanTileSource, lc_plan_tile_source, SHUMATE_TYPE_DATA_SOURCE)

typedef struct
{
  int x, y, z;
} TileKey;

/* Enough for a few screens at every zoom between */
#define MAX_CACHED_TILES 1024

static guint64
tile_id (int x,
         int y,
         int z)
{
  return ((guint64) z << 56) | ((guint64) (guint32) y << 28) | (guint32) x;
}

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

  if (!g_task_had_error (G_TASK (result)) && g_hash_table_size (LC_PLAN_TILE_SOURCE (object)->cache) < MAX_CACHED_TILES)
    g_hash_table_insert (LC_PLAN_TILE_SOURCE (object)->cache,
                         g_memdup2 (&(guint64) { tile_id (key->x, key->y, key->z) }, sizeof (guint64)),
                         g_bytes_ref (bytes));

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
  LcPlanTileSource *self = LC_PLAN_TILE_SOURCE (source);
  GTask *outer = g_task_new (source, cancellable, callback, user_data);
  g_autoptr(GTask) inner = g_task_new (source, cancellable, rendered, outer);
  TileKey *key = g_new (TileKey, 1);
  guint64 id = tile_id (x, y, zoom_level);
  GBytes *cached = g_hash_table_lookup (self->cache, &id);

  key->x = x;
  key->y = y;
  key->z = zoom_level;
  g_task_set_source_tag (outer, lc_plan_tile_source_get_tile_data_async);
  g_task_set_task_data (inner, key, g_free);
  /* Drawn before: handed over from the next main loop iteration, as GTask does */
  if (cached != NULL)
    g_task_return_pointer (inner, g_bytes_ref (cached), (GDestroyNotify) g_bytes_unref);
  else
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
  g_clear_pointer (&self->cache, g_hash_table_unref);

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
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_bytes_unref);
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
/**
 * lc_plan_tile_source_new_after_edit:
 * @previous: (nullable): the source of the snapshot before
 *
 * A source for @data that keeps the tiles @previous drew wherever the two
 * snapshots draw the same, so that after an edit only the tiles it touches
 * are drawn again.
 */
LcPlanTileSource *
lc_plan_tile_source_new_after_edit (LcPlanTileSource *previous,
                                    LcRenderData     *data,
                                    gboolean          dark,
                                    gboolean          ground)
{
  LcPlanTileSource *self = lc_plan_tile_source_new_full (data, dark, ground);
  GHashTableIter iter;
  gpointer id, bytes;
  double box[4];
  gboolean changed;

  if (previous == NULL || previous->dark != self->dark || previous->ground != self->ground ||
      previous->data == NULL || data == NULL)
    return self;

  changed = lc_render_data_get_changed_box (previous->data, data, box);
  g_hash_table_iter_init (&iter, previous->cache);
  while (g_hash_table_iter_next (&iter, &id, &bytes))
    {
      guint64 key = *(guint64 *) id;
      guint z = key >> 56, y = (key >> 28) & 0xfffffff, x = key & 0xfffffff;

      if (!changed || !lc_render_tile_meets_box (x, y, z, 256, box))
        g_hash_table_insert (self->cache, g_memdup2 (id, sizeof (guint64)), g_bytes_ref (bytes));
    }
  return self;
}

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
