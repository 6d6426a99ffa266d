/* lc-online-source.c: tiles of an online basemap, cached on disk, failing quietly
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-online-source"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gtk/gtk.h>
#include <libsoup/soup.h>

#include "lc-basemap.h"
#include "lc-online-source.h"
#include "lc-render.h"

/*
 * A ShumateDataSource over one or more XYZ URL templates (天地图's map and
 * its labels are two), drawn bottom first into one tile:
 *
 * - each layer's tile comes from a ShumateFileCache of our own (under the
 *   user cache dir, lifecircle/tiles/<source>) while it is less than a week
 *   old, else from the network, falling back to a stale copy;
 * - closer than the source's deepest level, the tile of that level is
 *   enlarged, so the basemap never goes blank at street zoom;
 * - decoding and compositing happen in a worker thread;
 * - failures (no network is the normal state of many machines) log
 *   nothing: the tile stays empty, and the first failure sets the
 *   "unavailable" property once, for the map to say so.
 */

#define TILE_SIZE 256
#define MAX_AGE (7 * G_TIME_SPAN_DAY)

struct _LcOnlineSource
{
  ShumateDataSource parent_instance;

  /* Owned */
  GStrv        templates;
  char        *subdomains;
  char        *cache_dir;
  GPtrArray   *caches;        /* of ShumateFileCache, one per template */
  SoupSession *session;

  guint    max_zoom;
  gboolean unavailable;
  guint    n_served;
  guint    n_failed;
};

G_DEFINE_FINAL_TYPE (LcOnlineSource, lc_online_source, SHUMATE_TYPE_DATA_SOURCE)

enum {
  PROP_0,
  PROP_UNAVAILABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  int x, y, z;          /* the tile asked for */
  int nx, ny, nz;       /* the tile of the source that covers it */
  guint n_layers;
  guint pending;
  GBytes **bytes;       /* per layer */
  gboolean *fresh;      /* per layer: downloaded now, to be cached once it decodes */
  GError *error;        /* the first failure */
} Request;

static void
request_free (Request *req)
{
  for (guint i = 0; i < req->n_layers; i++)
    g_clear_pointer (&req->bytes[i], g_bytes_unref);
  g_free (req->bytes);
  g_free (req->fresh);
  g_clear_error (&req->error);
  g_free (req);
}

typedef struct
{
  GTask       *task;    /* the whole tile's, owned */
  guint        layer;
  GBytes      *stale;   /* a cached copy older than MAX_AGE, owned */
  SoupMessage *msg;     /* owned */
} LayerOp;

static void
layer_op_free (LayerOp *op)
{
  g_clear_object (&op->task);
  g_clear_pointer (&op->stale, g_bytes_unref);
  g_clear_object (&op->msg);
  g_free (op);
}

static void
failed (LcOnlineSource *self)
{
  self->n_failed++;
  if (!self->unavailable)
    {
      self->unavailable = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNAVAILABLE]);
    }
}

/* ---- compositing, in a worker thread ---- */

static void
composite_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Request *req = task_data;
  int shift = req->z - req->nz;
  double scale = 1 << shift;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, TILE_SIZE, TILE_SIZE);
  cairo_t *cr = cairo_create (surface);
  GBytes *result = NULL;
  GError *error = NULL;

  for (guint i = 0; i < req->n_layers && error == NULL; i++)
    {
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (req->bytes[i]);
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_stream (stream, cancellable, &error);

      if (pixbuf == NULL)
        break;

      cairo_save (cr);
      /* Where this tile lies inside the enlarged one of the source */
      cairo_translate (cr,
                       -(req->x - (req->nx << shift)) * (double) TILE_SIZE,
                       -(req->y - (req->ny << shift)) * (double) TILE_SIZE);
      cairo_scale (cr, scale * TILE_SIZE / gdk_pixbuf_get_width (pixbuf),
                   scale * TILE_SIZE / gdk_pixbuf_get_height (pixbuf));
      gdk_cairo_set_source_pixbuf (cr, pixbuf, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), shift > 0 ? CAIRO_FILTER_BILINEAR : CAIRO_FILTER_GOOD);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  cairo_destroy (cr);

  if (error == NULL)
    {
      /* One layer at its own level: its bytes as they came */
      if (req->n_layers == 1 && shift == 0)
        result = g_bytes_ref (req->bytes[0]);
      else
        {
          cairo_surface_flush (surface);
          result = lc_render_surface_to_png (surface);
        }
    }
  cairo_surface_destroy (surface);

  if (result != NULL)
    g_task_return_pointer (task, result, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
}

static void
composited (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  LcOnlineSource *self = LC_ONLINE_SOURCE (object);
  g_autoptr(GTask) outer = user_data;
  Request *req = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);

  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        failed (self);
      g_task_return_error (outer, error);
      return;
    }

  /* Only what decoded goes into the cache */
  for (guint i = 0; i < req->n_layers; i++)
    if (req->fresh[i])
      shumate_file_cache_store_tile_async (g_ptr_array_index (self->caches, i), req->nx, req->ny, req->nz,
                                           req->bytes[i], NULL, NULL, NULL, NULL);

  self->n_served++;
  /* libshumate 1.0's raster renderer paints from this signal */
  g_signal_emit_by_name (self, "received-data", req->x, req->y, req->z, bytes);
  g_task_return_pointer (outer, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

/* ---- the layers of one tile, from the cache or the network ---- */

static void
layer_done (LayerOp *op,
            GBytes  *bytes,
            gboolean fresh,
            GError  *error)
{
  GTask *outer = g_object_ref (op->task);
  LcOnlineSource *self = g_task_get_source_object (outer);
  Request *req = g_task_get_task_data (outer);

  if (bytes != NULL)
    {
      req->bytes[op->layer] = bytes;
      req->fresh[op->layer] = fresh;
    }
  else if (req->error == NULL)
    req->error = error;
  else
    g_error_free (error);
  layer_op_free (op);

  if (--req->pending > 0)
    {
      g_object_unref (outer);
      return;
    }

  if (req->error != NULL)
    {
      if (!g_error_matches (req->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("No tile %d/%d/%d: %s", req->z, req->x, req->y, req->error->message);
          failed (self);
        }
      g_task_return_error (outer, g_steal_pointer (&req->error));
      g_object_unref (outer);
      return;
    }

  {
    GTask *inner = g_task_new (self, g_task_get_cancellable (outer), composited, outer);

    g_task_set_task_data (inner, req, NULL);
    g_task_run_in_thread (inner, composite_thread);
    g_object_unref (inner);
  }
}

static void
downloaded (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  LayerOp *op = user_data;
  GError *error = NULL;
  GBytes *bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  if (bytes != NULL && !SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (op->msg)))
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "HTTP %u %s",
                   soup_message_get_status (op->msg), soup_message_get_reason_phrase (op->msg));
      g_clear_pointer (&bytes, g_bytes_unref);
    }

  if (bytes != NULL)
    layer_done (op, bytes, TRUE, NULL);
  else if (op->stale != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Out of date, but better than nothing */
      g_clear_error (&error);
      layer_done (op, g_steal_pointer (&op->stale), FALSE, NULL);
    }
  else
    layer_done (op, NULL, FALSE, error);
}

static void
cache_read (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  LayerOp *op = user_data;
  LcOnlineSource *self = g_task_get_source_object (op->task);
  Request *req = g_task_get_task_data (op->task);
  g_autoptr(GDateTime) modtime = NULL;
  g_autofree char *url = NULL;
  GBytes *bytes;

  bytes = shumate_file_cache_get_tile_finish (SHUMATE_FILE_CACHE (object), NULL, &modtime, result, NULL);
  if (bytes != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (modtime != NULL && g_date_time_difference (now, modtime) < MAX_AGE)
        {
          layer_done (op, bytes, FALSE, NULL);
          return;
        }
      op->stale = bytes;
    }

  if (g_cancellable_is_cancelled (g_task_get_cancellable (op->task)))
    {
      layer_done (op, NULL, FALSE, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"));
      return;
    }

  url = lc_basemap_expand_url (self->templates[op->layer], self->subdomains, req->nx, req->ny, req->nz);
  op->msg = soup_message_new (SOUP_METHOD_GET, url);
  if (op->msg == NULL)
    {
      layer_done (op, NULL, FALSE, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Not a URL: %s", url));
      return;
    }
  soup_session_send_and_read_async (self->session, op->msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (op->task), downloaded, op);
}

static void
lc_online_source_get_tile_data_async (ShumateDataSource   *source,
                                      int                  x,
                                      int                  y,
                                      int                  zoom_level,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  LcOnlineSource *self = LC_ONLINE_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  Request *req = g_new0 (Request, 1);
  int n = 1 << zoom_level;
  int shift;

  g_task_set_source_tag (task, lc_online_source_get_tile_data_async);

  req->x = ((x % n) + n) % n;
  req->y = CLAMP (y, 0, n - 1);
  req->z = zoom_level;
  req->nz = MIN (zoom_level, (int) self->max_zoom);
  shift = req->z - req->nz;
  req->nx = req->x >> shift;
  req->ny = req->y >> shift;
  req->n_layers = req->pending = g_strv_length (self->templates);
  req->bytes = g_new0 (GBytes *, req->n_layers);
  req->fresh = g_new0 (gboolean, req->n_layers);
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);

  for (guint i = 0; i < req->n_layers; i++)
    {
      LayerOp *op = g_new0 (LayerOp, 1);

      op->task = g_object_ref (task);
      op->layer = i;
      shumate_file_cache_get_tile_async (g_ptr_array_index (self->caches, i), req->nx, req->ny, req->nz,
                                         cancellable, cache_read, op);
    }
}

static GBytes *
lc_online_source_get_tile_data_finish (ShumateDataSource  *source,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
lc_online_source_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LcOnlineSource *self = LC_ONLINE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_UNAVAILABLE:
      g_value_set_boolean (value, self->unavailable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_online_source_dispose (GObject *object)
{
  LcOnlineSource *self = LC_ONLINE_SOURCE (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lc_online_source_parent_class)->dispose (object);
}

static void
lc_online_source_finalize (GObject *object)
{
  LcOnlineSource *self = LC_ONLINE_SOURCE (object);

  g_clear_pointer (&self->templates, g_strfreev);
  g_clear_pointer (&self->subdomains, g_free);
  g_clear_pointer (&self->cache_dir, g_free);
  g_clear_pointer (&self->caches, g_ptr_array_unref);

  G_OBJECT_CLASS (lc_online_source_parent_class)->finalize (object);
}

static void
lc_online_source_class_init (LcOnlineSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->get_property = lc_online_source_get_property;
  object_class->dispose = lc_online_source_dispose;
  object_class->finalize = lc_online_source_finalize;
  source_class->get_tile_data_async = lc_online_source_get_tile_data_async;
  source_class->get_tile_data_finish = lc_online_source_get_tile_data_finish;

  /**
   * LcOnlineSource:unavailable:
   *
   * Whether a tile could not be had (no network, a refusing server, not an
   * image). Set once, at the first failure, and never unset.
   */
  properties[PROP_UNAVAILABLE] =
    g_param_spec_boolean ("unavailable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lc_online_source_init (LcOnlineSource *self)
{
}

/**
 * lc_online_source_new:
 * @url_templates: the layers' XYZ templates, bottom first
 *   (see lc_basemap_get_url_templates())
 * @subdomains: (nullable): what {s} stands for
 * @max_zoom: the deepest level the source has
 * @cache_dir: where downloaded tiles are kept, one folder per layer
 *
 * Returns: (transfer full): a new source
 */
LcOnlineSource *
lc_online_source_new (const char * const *url_templates,
                      const char         *subdomains,
                      guint               max_zoom,
                      const char         *cache_dir)
{
  LcOnlineSource *self;
  g_return_val_if_fail (url_templates != NULL && url_templates[0] != NULL, NULL);
  g_return_val_if_fail (cache_dir != NULL, NULL);

  self = g_object_new (LC_TYPE_ONLINE_SOURCE, NULL);
  self->templates = g_strdupv ((char **) url_templates);
  self->subdomains = g_strdup (subdomains);
  self->max_zoom = max_zoom;
  self->cache_dir = g_strdup (cache_dir);
  self->caches = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; self->templates[i] != NULL; i++)
    {
      g_autofree char *key = g_strdup_printf ("layer%u", i);

      g_ptr_array_add (self->caches, shumate_file_cache_new_full (100 * 1000 * 1000, key, cache_dir));
    }

  /* Tile servers ask clients to say who they are, and to go easy on them */
  self->session = soup_session_new_with_options ("user-agent", "LifeCirclePlanner/" PACKAGE_VERSION,
                                                 "max-conns-per-host", 2,
                                                 "timeout", 20,
                                                 NULL);
  return self;
}

/**
 * lc_online_source_get_cache_dir:
 *
 * Returns: where the source keeps its tiles
 */
const char *
lc_online_source_get_cache_dir (LcOnlineSource *self)
{
  g_return_val_if_fail (LC_IS_ONLINE_SOURCE (self), NULL);
  return self->cache_dir;
}

/**
 * lc_online_source_get_unavailable:
 *
 * Returns: whether a tile has failed to come (see #LcOnlineSource:unavailable)
 */
gboolean
lc_online_source_get_unavailable (LcOnlineSource *self)
{
  g_return_val_if_fail (LC_IS_ONLINE_SOURCE (self), FALSE);
  return self->unavailable;
}

/**
 * lc_online_source_get_n_served:
 *
 * Returns: how many tiles the source has delivered
 */
guint
lc_online_source_get_n_served (LcOnlineSource *self)
{
  g_return_val_if_fail (LC_IS_ONLINE_SOURCE (self), 0);
  return self->n_served;
}

/**
 * lc_online_source_get_n_failed:
 *
 * Returns: how many tiles could not be had
 */
guint
lc_online_source_get_n_failed (LcOnlineSource *self)
{
  g_return_val_if_fail (LC_IS_ONLINE_SOURCE (self), 0);
  return self->n_failed;
}
