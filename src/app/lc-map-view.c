/* lc-map-view.c: the map area of the window
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-map-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-geo.h"
#include "lc-map-view-private.h"
#include "lc-shape.h"

G_DEFINE_FINAL_TYPE (LcMapView, lc_map_view, GTK_TYPE_WIDGET)

guint lc_map_view_signals[LC_MAP_VIEW_N_SIGNALS];

/* The shape of a selected path, building or boundary, with its handles */
void
lc_map_view_show_selected_shape (LcMapView *self)
{
  static const struct { const char *table; LcEditMode mode; } shapes[] = {
    { "walking_paths", LC_EDIT_LINE },
    { "buildings", LC_EDIT_OUTLINE },
    { "unit_boundary", LC_EDIT_RING },
  };
  LcEditMode mode = lc_edit_layer_get_mode (self->edit);

  /* Drawing goes on whatever is selected */
  if (mode == LC_EDIT_DRAW_LINE || mode == LC_EDIT_DRAW_RING)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    if (self->plan != NULL && self->selected_table == g_intern_static_string (shapes[i].table))
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(LcGeometry) g = lc_plan_load_geometry (self->plan, shapes[i].table, self->selected_id, &error);

        if (error != NULL)
          g_signal_emit (self, lc_map_view_signals[LC_MAP_VIEW_NOTICE], 0, error->message);
        lc_edit_layer_set (self->edit, g != NULL ? shapes[i].mode : LC_EDIT_NONE, g);
        return;
      }
  lc_edit_layer_set (self->edit, LC_EDIT_NONE, NULL);
}

static gboolean
is_shape_table (const char *table)
{
  return g_strcmp0 (table, "walking_paths") == 0 || g_strcmp0 (table, "buildings") == 0 ||
         g_strcmp0 (table, "unit_boundary") == 0;
}

/**
 * lc_map_view_select:
 * @table: (nullable): "facilities", "needs" or "project_locations"; %NULL
 *   for nothing
 *
 * Selects a feature, marks it on the map and emits #LcMapView::selected.
 */
void
lc_map_view_select (LcMapView  *self,
                    const char *table,
                    gint64      id)
{
  g_return_if_fail (LC_IS_MAP_VIEW (self));

  self->selected_table = table != NULL && id >= 0 ? g_intern_string (table) : NULL;
  self->selected_id = self->selected_table != NULL ? id : -1;
  lc_facility_layer_set_selected (self->facilities, self->selected_table, self->selected_id);
  lc_map_view_show_selected_shape (self);
  g_signal_emit (self, lc_map_view_signals[LC_MAP_VIEW_SELECTED], 0,
                 self->selected_table, self->selected_id);
}

/*
 * Without a plan the map shows a background of our own that works with no
 * network; with one, the plan's basemap rendered into tiles. Either is the
 * simple map's map source and so the viewport's reference source, which
 * libshumate needs for every coordinate conversion (its zoom range stays
 * ours, 8–20, whatever the online basemap's).
 *
 * With an online basemap the plan is drawn without its ground, and the map
 * has, bottom first: the offline background (seen where online tiles do not
 * come), the online basemap, the plan, the facilities.
 */
static void
update_source (LcMapView *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  gboolean online = self->online_layer != NULL;
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  g_autoptr(ShumateRasterRenderer) renderer = NULL;
  g_autofree char *id = NULL;

  if (self->background == NULL || lc_offline_source_get_dark (self->background) != dark)
    {
      g_clear_object (&self->background_renderer);
      g_clear_object (&self->background);
      self->background = lc_offline_source_new (dark);
      /* Distinct ids, so that tiles of one style are never reused for the other */
      self->background_renderer =
        shumate_raster_renderer_new_full (dark ? "lc-offline-dark" : "lc-offline-light",
                                          _("Offline background"), "", "",
                                          LC_MAP_MIN_ZOOM, LC_MAP_MAX_ZOOM, 256,
                                          SHUMATE_MAP_PROJECTION_MERCATOR,
                                          SHUMATE_DATA_SOURCE (self->background));
      if (self->background_layer != NULL)
        {
          shumate_map_remove_layer (map, SHUMATE_LAYER (self->background_layer));
          self->background_layer = NULL;
        }
    }

  if (!online && self->background_layer != NULL)
    {
      shumate_map_remove_layer (map, SHUMATE_LAYER (self->background_layer));
      self->background_layer = NULL;
    }
  else if (online && self->background_layer == NULL)
    {
      self->background_layer = shumate_map_layer_new (SHUMATE_MAP_SOURCE (self->background_renderer),
                                                      shumate_simple_map_get_viewport (self->map));
      shumate_map_insert_layer_behind (map, SHUMATE_LAYER (self->background_layer),
                                       SHUMATE_LAYER (self->online_layer));
    }

  if (self->render_data == NULL && !online)
    {
      if (shumate_simple_map_get_map_source (self->map) == SHUMATE_MAP_SOURCE (self->background_renderer))
        return;
      g_clear_object (&self->plan_source);
      shumate_simple_map_set_map_source (self->map, SHUMATE_MAP_SOURCE (self->background_renderer));
      return;
    }

  /* Over an online basemap, the plan without its ground (even with no plan
   * yet: then the tiles are empty and the map source stays ours) */
  {
    LcPlanTileSource *previous = g_steal_pointer (&self->plan_source);

    /* After an edit, only the tiles it touches are drawn again */
    self->plan_source = lc_plan_tile_source_new_after_edit (previous, self->render_data, dark, !online);
    g_clear_object (&previous);
  }
  /* A new id per snapshot and style: libshumate's tile cache keys on it */
  id = g_strdup_printf ("lc-plan-%u-%s%s", ++self->generation, dark ? "dark" : "light", online ? "-clear" : "");
  renderer = shumate_raster_renderer_new_full (id, _("Plan basemap"), "", "",
                                               LC_MAP_MIN_ZOOM, LC_MAP_MAX_ZOOM, 256,
                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                               SHUMATE_DATA_SOURCE (self->plan_source));
  shumate_simple_map_set_map_source (self->map, SHUMATE_MAP_SOURCE (renderer));
}

/* The credits line: the online basemap's, then the plan data's */
static void
update_license (LcMapView *self)
{
  ShumateLicense *license = shumate_simple_map_get_license (self->map);

  shumate_license_set_extra_text (license, self->attribution);
  gtk_widget_set_visible (GTK_WIDGET (license),
                          self->online_renderer != NULL ||
                          (self->attribution != NULL && self->attribution[0] != '\0'));
}

static gboolean
hide_status (gpointer user_data)
{
  LcMapView *self = user_data;

  self->status_timeout_id = 0;
  gtk_widget_set_visible (self->status, FALSE);
  return G_SOURCE_REMOVE;
}

/* The first failure of a source: said once, quietly, on the map */
static void
on_online_unavailable (LcMapView *self)
{
  if (self->online == NULL || !lc_online_source_get_unavailable (self->online))
    return;

  self->n_notices++;
  gtk_widget_set_visible (self->status, TRUE);
  g_clear_handle_id (&self->status_timeout_id, g_source_remove);
  self->status_timeout_id = g_timeout_add_seconds (12, hide_status, self);
}

static void
clear_online (LcMapView *self)
{
  if (self->online_layer != NULL)
    shumate_map_remove_layer (shumate_simple_map_get_map (self->map), SHUMATE_LAYER (self->online_layer));
  self->online_layer = NULL;
  if (self->online_renderer != NULL)
    shumate_license_remove_map_source (shumate_simple_map_get_license (self->map),
                                       SHUMATE_MAP_SOURCE (self->online_renderer));
  g_clear_object (&self->online_renderer);
  if (self->online != NULL)
    g_signal_handlers_disconnect_by_data (self->online, self);
  g_clear_object (&self->online);
  g_clear_pointer (&self->online_templates, g_strfreev);
  g_clear_handle_id (&self->status_timeout_id, g_source_remove);
  gtk_widget_set_visible (self->status, FALSE);
  self->basemap = LC_BASEMAP_NONE;
}

/* Where a source's tiles are kept: one folder per source, and per template
 * for custom ones, so that two servers' tiles never mix */
static char *
cache_name (LcBasemap  basemap,
            GStrv      templates)
{
  g_autofree char *joined = NULL;
  g_autofree char *hash = NULL;

  if (basemap != LC_BASEMAP_CUSTOM)
    return g_strdup (lc_basemap_to_key (basemap));
  joined = g_strjoinv ("\n", templates);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined, -1);
  return g_strdup_printf ("custom-%.12s", hash);
}

/**
 * lc_map_view_set_basemap:
 * @tianditu_key: (nullable): the user's key, for %LC_BASEMAP_TIANDITU
 * @custom_url: (nullable): the user's URL template, for %LC_BASEMAP_CUSTOM
 *
 * Shows an online basemap under the plan, or none. A basemap whose key or
 * template is not valid shows as none.
 */
void
lc_map_view_set_basemap (LcMapView  *self,
                         LcBasemap   basemap,
                         const char *tianditu_key,
                         const char *custom_url)
{
  g_auto(GStrv) templates = NULL;
  g_autofree char *name = NULL;
  g_autofree char *cache_dir = NULL;
  g_autofree char *id = NULL;
  g_autofree char *credit = NULL;
  ShumateMap *map;

  g_return_if_fail (LC_IS_MAP_VIEW (self));

  templates = lc_basemap_get_url_templates (basemap, tianditu_key, custom_url, NULL);
  if (templates == NULL)
    basemap = LC_BASEMAP_NONE;

  /* The same source: keep its tiles, and its status said at most once */
  if (basemap == self->basemap &&
      (templates == NULL || (self->online_templates != NULL &&
                             g_strv_equal ((const char * const *) templates,
                                           (const char * const *) self->online_templates))))
    return;

  clear_online (self);
  map = shumate_simple_map_get_map (self->map);
  if (self->background_layer != NULL)
    {
      shumate_map_remove_layer (map, SHUMATE_LAYER (self->background_layer));
      self->background_layer = NULL;
    }

  if (templates != NULL)
    {
      name = cache_name (basemap, templates);
      cache_dir = g_build_filename (g_get_user_cache_dir (), "lifecircle", "tiles", name, NULL);
      id = g_strconcat ("lc-online-", name, NULL);
      credit = lc_basemap_get_attribution (basemap);

      self->basemap = basemap;
      self->online_templates = g_steal_pointer (&templates);
      self->online = lc_online_source_new ((const char * const *) self->online_templates,
                                           lc_basemap_get_subdomains (basemap),
                                           lc_basemap_get_max_zoom (basemap), cache_dir);
      g_signal_connect_swapped (self->online, "notify::unavailable", G_CALLBACK (on_online_unavailable), self);
      /* Our zoom range, not the source's: deeper tiles are enlarged */
      self->online_renderer = shumate_raster_renderer_new_full (id, _("Online basemap"), credit, "",
                                                                LC_MAP_MIN_ZOOM, LC_MAP_MAX_ZOOM, 256,
                                                                SHUMATE_MAP_PROJECTION_MERCATOR,
                                                                SHUMATE_DATA_SOURCE (self->online));
      self->online_layer = shumate_map_layer_new (SHUMATE_MAP_SOURCE (self->online_renderer),
                                                  shumate_simple_map_get_viewport (self->map));
      /* Right under the plan's layer, the map's lowest now */
      shumate_map_insert_layer_behind (map, SHUMATE_LAYER (self->online_layer),
                                       SHUMATE_LAYER (gtk_widget_get_first_child (GTK_WIDGET (map))));
      shumate_license_prepend_map_source (shumate_simple_map_get_license (self->map),
                                          SHUMATE_MAP_SOURCE (self->online_renderer));
    }

  update_source (self);
  update_license (self);
}

static void
apply_settings (LcMapView *self)
{
  g_autofree char *key = g_settings_get_string (self->settings, "tianditu-key");
  g_autofree char *url = g_settings_get_string (self->settings, "basemap-url");

  lc_map_view_set_basemap (self, g_settings_get_enum (self->settings, "basemap"), key, url);
}

/**
 * lc_map_view_bind_settings:
 *
 * Follows the online basemap chosen in the settings ("basemap",
 * "tianditu-key", "basemap-url").
 */
void
lc_map_view_bind_settings (LcMapView *self,
                           GSettings *settings)
{
  g_return_if_fail (LC_IS_MAP_VIEW (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  g_signal_connect_swapped (settings, "changed::basemap", G_CALLBACK (apply_settings), self);
  g_signal_connect_swapped (settings, "changed::tianditu-key", G_CALLBACK (apply_settings), self);
  g_signal_connect_swapped (settings, "changed::basemap-url", G_CALLBACK (apply_settings), self);
  apply_settings (self);
}

/**
 * lc_map_view_get_basemap:
 *
 * Returns: the online basemap shown (%LC_BASEMAP_NONE when the one chosen
 * is not valid)
 */
LcBasemap
lc_map_view_get_basemap (LcMapView *self)
{
  g_return_val_if_fail (LC_IS_MAP_VIEW (self), LC_BASEMAP_NONE);
  return self->basemap;
}

/**
 * lc_map_view_get_online_source:
 *
 * Returns: (transfer none) (nullable): the online basemap's tiles
 */
LcOnlineSource *
lc_map_view_get_online_source (LcMapView *self)
{
  g_return_val_if_fail (LC_IS_MAP_VIEW (self), NULL);
  return self->online;
}

/**
 * lc_map_view_get_basemap_status:
 * @n_shown: (out) (optional): how many times a status was shown since the
 *   map was made
 *
 * Returns: (nullable): the status shown about the online basemap, if any
 */
const char *
lc_map_view_get_basemap_status (LcMapView *self,
                                guint     *n_shown)
{
  g_return_val_if_fail (LC_IS_MAP_VIEW (self), NULL);

  if (n_shown != NULL)
    *n_shown = self->n_notices;
  return gtk_widget_get_visible (self->status) ? gtk_label_get_text (GTK_LABEL (self->status)) : NULL;
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  /* Closed meanwhile: G_IO_ERROR_CANCELLED, nothing to show, nothing to say */
  LcRenderData *data = lc_render_data_new_from_plan (task_data, &error);

  if (data == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, data, (GDestroyNotify) lc_render_data_unref);
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LcMapView *self = LC_MAP_VIEW (object);
  g_autoptr(GError) error = NULL;
  LcRenderData *data = g_task_propagate_pointer (G_TASK (result), &error);

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the plan's map: %s", error->message);
      return;
    }
  if (g_task_get_task_data (G_TASK (result)) != self->plan)
    {
      lc_render_data_unref (data);
      return;
    }

  g_clear_object (&self->loading);
  g_clear_pointer (&self->render_data, lc_render_data_unref);
  self->render_data = data;
  update_source (self);
}

/* Reads the plan's basemap in a worker thread; the old one shows meanwhile */
static void
reload (LcMapView *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);

  if (self->plan == NULL)
    return;

  self->loading = g_cancellable_new ();
  task = g_task_new (self, self->loading, load_done, NULL);
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, g_object_ref (self->plan), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

static gboolean
reload_in_idle (gpointer user_data)
{
  LcMapView *self = user_data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Edits come in bursts (a drag): one reload for many */
static void
on_plan_changed (LcMapView    *self,
                 LcPlanChange  change)
{
  /* The selected shape as the plan now has it (after an undo, say); gone
   * with its row */
  if (is_shape_table (self->selected_table) && (change & lc_plan_change_for_table (self->selected_table)))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LcGeometry) g = lc_plan_load_geometry (self->plan, self->selected_table, self->selected_id, &error);

      /* Gone with its row; kept when the plan could not be read (the
       * notice says so) */
      if (g == NULL && error == NULL)
        lc_map_view_select (self, NULL, -1);
      else
        lc_map_view_show_selected_shape (self);
    }

  if ((change & LC_PLAN_CHANGE_BASEMAP) && self->reload_id == 0)
    self->reload_id = g_timeout_add (150, reload_in_idle, self);
}

/**
 * lc_map_view_set_plan:
 * @plan: (nullable): the plan to draw
 *
 * Draws @plan's basemap (read in a worker thread, and again after each edit
 * of what it shows), or the offline background when @plan is %NULL.
 */
void
lc_map_view_set_plan (LcMapView *self,
                      LcPlan    *plan)
{
  g_return_if_fail (LC_IS_MAP_VIEW (self));
  g_return_if_fail (plan == NULL || LC_IS_PLAN (plan));

  if (self->plan == plan)
    return;

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_set_object (&self->plan, plan);
  g_clear_pointer (&self->render_data, lc_render_data_unref);

  if (plan != NULL)
    g_signal_connect_swapped (plan, "changed", G_CALLBACK (on_plan_changed), self);

  lc_facility_layer_set_plan (self->facilities, plan);
  lc_map_view_set_tool (self, LC_MAP_TOOL_SELECT);
  lc_map_view_select (self, NULL, -1);
  update_source (self);
  reload (self);
}

/**
 * lc_map_view_get_selected:
 * @table: (out) (optional) (transfer none): the selected feature's table, or
 *   %NULL when nothing is selected
 *
 * Returns: the selected feature's id, or -1
 */
gint64
lc_map_view_get_selected (LcMapView   *self,
                          const char **table)
{
  g_return_val_if_fail (LC_IS_MAP_VIEW (self), -1);

  if (table != NULL)
    *table = self->selected_table;
  return self->selected_id;
}

/**
 * lc_map_view_get_facility_layer:
 *
 * Returns: (transfer none): the overlay of facilities, needs and projects
 */
LcFacilityLayer *
lc_map_view_get_facility_layer (LcMapView *self)
{
  g_return_val_if_fail (LC_IS_MAP_VIEW (self), NULL);
  return self->facilities;
}

/**
 * lc_map_view_get_plan_source:
 *
 * Returns: (transfer none) (nullable): the source of the plan's tiles, once
 * the plan's basemap is read
 */
LcPlanTileSource *
lc_map_view_get_plan_source (LcMapView *self)
{
  g_return_val_if_fail (LC_IS_MAP_VIEW (self), NULL);
  return self->plan_source;
}

static void
update_zoom_actions (LcMapView *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  double zoom = shumate_viewport_get_zoom_level (viewport);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-in",
                                 zoom < shumate_viewport_get_max_zoom_level (viewport));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "map.zoom-out",
                                 zoom > shumate_viewport_get_min_zoom_level (viewport));
}

/* One whole level per step, landing on integer levels where tiles are crisp */
static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LcMapView *self = LC_MAP_VIEW (widget);
  double latitude, longitude, zoom;

  lc_map_view_get_view (self, &latitude, &longitude, &zoom);
  if (g_str_equal (action_name, "map.zoom-in"))
    zoom = floor (zoom + 1e-6) + 1;
  else
    zoom = ceil (zoom - 1e-6) - 1;

  shumate_map_go_to_full_with_duration (shumate_simple_map_get_map (self->map), latitude, longitude,
                                        CLAMP (zoom, LC_MAP_MIN_ZOOM, LC_MAP_MAX_ZOOM), 200);
}

static void
lc_map_view_dispose (GObject *object)
{
  LcMapView *self = LC_MAP_VIEW (object);
  GtkWidget *child;

  lc_map_view_set_plan (self, NULL);
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_MAP_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  if (self->online != NULL)
    g_signal_handlers_disconnect_by_data (self->online, self);
  g_clear_handle_id (&self->status_timeout_id, g_source_remove);
  self->online_layer = NULL;
  self->background_layer = NULL;
  g_clear_object (&self->online_renderer);
  g_clear_object (&self->online);
  g_clear_pointer (&self->online_templates, g_strfreev);
  g_clear_pointer (&self->attribution, g_free);
  g_clear_object (&self->background_renderer);
  g_clear_object (&self->background);
  g_clear_object (&self->plan_source);
  g_clear_object (&self->facilities);

  G_OBJECT_CLASS (lc_map_view_parent_class)->dispose (object);
}

static void
lc_map_view_class_init (LcMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_map_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LcMapView, map);
  gtk_widget_class_bind_template_child (widget_class, LcMapView, status);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lc-map-view");

  /**
   * LcMapView::selected:
   * @table: (nullable): the selected feature's table, or %NULL for none
   * @id: its key, or -1
   */
  lc_map_view_signals[LC_MAP_VIEW_SELECTED] =
    g_signal_new ("selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);

  /**
   * LcMapView::notice:
   * @message: a translated sentence for the planner, such as why an edit
   *   was refused
   */
  lc_map_view_signals[LC_MAP_VIEW_NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * LcMapView::facility-dragged:
   * @fid: the facility being dragged
   * @latitude, @longitude: where it is now, not yet written into the plan
   *
   * While a facility is dragged: what follows it (coverage figures) may
   * follow the drag.
   */
  lc_map_view_signals[LC_MAP_VIEW_FACILITY_DRAGGED] =
    g_signal_new ("facility-dragged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_INT64, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  /**
   * LcMapView::location-picked:
   * @location: (nullable): the point clicked or the area drawn after
   *   lc_map_view_pick_location(), longitude and latitude; %NULL when the
   *   planner gave up (Esc, or another tool)
   */
  lc_map_view_signals[LC_MAP_VIEW_LOCATION_PICKED] =
    g_signal_new ("location-picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  lc_map_view_tools_class_init (widget_class);
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "map.zoom-out", NULL);
}

static void
lc_map_view_init (LcMapView *self)
{
  ShumateViewport *viewport;

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  gtk_widget_init_template (GTK_WIDGET (self));

  update_source (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (update_source), self, G_CONNECT_SWAPPED);

  viewport = shumate_simple_map_get_viewport (self->map);
  shumate_viewport_set_min_zoom_level (viewport, LC_MAP_MIN_ZOOM);
  shumate_viewport_set_max_zoom_level (viewport, LC_MAP_MAX_ZOOM);
  g_signal_connect_object (viewport, "notify::zoom-level",
                           G_CALLBACK (update_zoom_actions), self, G_CONNECT_SWAPPED);
  update_zoom_actions (self);

  /* Facilities, needs and projects over the basemap; the selected shape
   * and its handles over them */
  self->coverage = lc_coverage_layer_new (viewport);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->coverage));
  self->facilities = g_object_ref_sink (lc_facility_layer_new (viewport));
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->facilities));
  self->edit = lc_edit_layer_new (viewport);
  shumate_simple_map_add_overlay_layer (self->map, SHUMATE_LAYER (self->edit));
  self->selected_id = -1;
  self->dragged_vertex = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  lc_map_view_tools_init (self);

  /* Plans are drawn and measured in metres */
  shumate_scale_set_unit (shumate_simple_map_get_scale (self->map), SHUMATE_UNIT_METRIC);

  /* The background has nothing to attribute; plan data and online
   * basemaps bring their own lines */
  update_license (self);
}

/**
 * lc_map_view_get_simple_map:
 *
 * Returns: (transfer none): the libshumate map widget
 */
ShumateSimpleMap *
lc_map_view_get_simple_map (LcMapView *self)
{
  g_return_val_if_fail (LC_IS_MAP_VIEW (self), NULL);

  return self->map;
}

/**
 * lc_map_view_get_viewport:
 *
 * Returns: (transfer none): the map's viewport
 */
ShumateViewport *
lc_map_view_get_viewport (LcMapView *self)
{
  g_return_val_if_fail (LC_IS_MAP_VIEW (self), NULL);

  return shumate_simple_map_get_viewport (self->map);
}

/**
 * lc_map_view_get_background_source:
 *
 * Returns: (transfer none): the source of the offline background
 */
LcOfflineSource *
lc_map_view_get_background_source (LcMapView *self)
{
  g_return_val_if_fail (LC_IS_MAP_VIEW (self), NULL);

  return self->background;
}

/**
 * lc_map_view_set_attribution:
 * @text: (nullable): who must be credited for the data drawn, as the plan
 *   says (OpenStreetMap's ODbL notice); shown after an online basemap's
 *   credit, and with neither the line is hidden
 */
void
lc_map_view_set_attribution (LcMapView  *self,
                             const char *text)
{
  g_return_if_fail (LC_IS_MAP_VIEW (self));

  g_free (self->attribution);
  self->attribution = g_strdup (text);
  update_license (self);
}

/**
 * lc_map_view_get_view:
 * @latitude: (out) (optional): centre, WGS-84 degrees
 * @longitude: (out) (optional): centre, WGS-84 degrees
 * @zoom: (out) (optional): zoom level
 */
void
lc_map_view_get_view (LcMapView *self,
                      double    *latitude,
                      double    *longitude,
                      double    *zoom)
{
  ShumateViewport *viewport;

  g_return_if_fail (LC_IS_MAP_VIEW (self));

  viewport = lc_map_view_get_viewport (self);
  if (latitude != NULL)
    *latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  if (longitude != NULL)
    *longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  if (zoom != NULL)
    *zoom = shumate_viewport_get_zoom_level (viewport);
}

/**
 * lc_map_view_go_to:
 *
 * Flies to a WGS-84 point at @zoom.
 */
void
lc_map_view_go_to (LcMapView *self,
                   double     latitude,
                   double     longitude,
                   double     zoom)
{
  g_return_if_fail (LC_IS_MAP_VIEW (self));

  shumate_map_go_to_full_with_duration (shumate_simple_map_get_map (self->map), latitude, longitude,
                                        CLAMP (zoom, LC_MAP_MIN_ZOOM, LC_MAP_MAX_ZOOM), 300);
}

/**
 * lc_map_view_zoom_to_bounds:
 *
 * Shows the box [@min_lon, @min_lat]–[@max_lon, @max_lat] whole, at the
 * largest whole zoom level where it fits.
 */
void
lc_map_view_zoom_to_bounds (LcMapView *self,
                            double     min_lon,
                            double     min_lat,
                            double     max_lon,
                            double     max_lat)
{
  double width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 100);
  double height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 100);
  double x0, y0, x1, y1, zoom;

  g_return_if_fail (LC_IS_MAP_VIEW (self));

  lc_geo_to_tile (max_lat, min_lon, 0, &x0, &y0);
  lc_geo_to_tile (min_lat, max_lon, 0, &x1, &y1);
  /* 256 px per world at zoom 0; a margin of 10 % around the box */
  zoom = floor (log2 (MIN (width / MAX (x1 - x0, 1e-9), height / MAX (y1 - y0, 1e-9)) / 256 / 1.1));
  lc_map_view_go_to (self, (min_lat + max_lat) / 2, (min_lon + max_lon) / 2, zoom);
}

/**
 * lc_map_view_zoom_to_unit:
 *
 * Shows the plan's data whole: the unit and what lies around it.
 *
 * Returns: %FALSE when the plan has nothing drawn yet
 */
gboolean
lc_map_view_zoom_to_unit (LcMapView *self)
{
  double min_lon, min_lat, max_lon, max_lat;

  g_return_val_if_fail (LC_IS_MAP_VIEW (self), FALSE);

  if (self->render_data == NULL ||
      !lc_render_data_get_bounds (self->render_data, &min_lon, &min_lat, &max_lon, &max_lat))
    return FALSE;
  lc_map_view_zoom_to_bounds (self, min_lon, min_lat, max_lon, max_lat);
  return TRUE;
}

/**
 * lc_map_view_set_view:
 *
 * Centres the map on a WGS-84 point at @zoom, at once. Out-of-range values
 * (say, from an edited settings file) are clamped.
 */
void
lc_map_view_set_view (LcMapView *self,
                      double     latitude,
                      double     longitude,
                      double     zoom)
{
  ShumateViewport *viewport;

  g_return_if_fail (LC_IS_MAP_VIEW (self));

  viewport = lc_map_view_get_viewport (self);
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 CLAMP (latitude, SHUMATE_MIN_LATITUDE, SHUMATE_MAX_LATITUDE),
                                 CLAMP (longitude, SHUMATE_MIN_LONGITUDE, SHUMATE_MAX_LONGITUDE));
  shumate_viewport_set_zoom_level (viewport, CLAMP (zoom, LC_MAP_MIN_ZOOM, LC_MAP_MAX_ZOOM));
}

/**
 * lc_map_view_get_edit_layer:
 *
 * Returns: (transfer none): the layer of the selected shape and its handles
 */
LcEditLayer *
lc_map_view_get_edit_layer (LcMapView *self)
{
  g_return_val_if_fail (LC_IS_MAP_VIEW (self), NULL);
  return self->edit;
}

/**
 * lc_map_view_get_coverage_layer:
 *
 * Returns: (transfer none): the layer of walking reach to one service
 */
LcCoverageLayer *
lc_map_view_get_coverage_layer (LcMapView *self)
{
  g_return_val_if_fail (LC_IS_MAP_VIEW (self), NULL);
  return self->coverage;
}

static void
on_facility_dragged (LcCoverageModel *model,
                     gint64           fid,
                     double           latitude,
                     double           longitude)
{
  lc_coverage_model_move_facility (model, fid, longitude, latitude);
}

/**
 * lc_map_view_set_coverage_model:
 * @model: (nullable): the coverage the map shows
 *
 * Shows @model's chosen service on the map, and lets it follow a facility
 * while it is dragged, before the move reaches the plan.
 */
void
lc_map_view_set_coverage_model (LcMapView       *self,
                                LcCoverageModel *model)
{
  g_return_if_fail (LC_IS_MAP_VIEW (self));

  g_signal_handlers_disconnect_matched (self, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, on_facility_dragged, NULL);
  if (model != NULL)
    g_signal_connect_object (self, "facility-dragged", G_CALLBACK (on_facility_dragged), model, G_CONNECT_SWAPPED);
  lc_coverage_layer_set_model (self->coverage, model);
}
