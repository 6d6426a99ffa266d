/* lc-facility-layer.c: the plan's facilities, needs and project locations on the map
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-facility-layer"

#include "config.h"

#include <math.h>

#include "lc-facility-layer-private.h"
#include "lc-geo.h"

/*
 * The map's interactive overlay: every facility, need and project location
 * of the plan as a symbol, drawn in one snapshot.
 *
 * The features come from core (lc_map_features_load_for_plan()), read and
 * indexed (lc-facility-index.c) in a worker thread whenever the plan's
 * features change, and swapped in whole on the main thread: a burst of
 * edits makes one load, and a load an edit has made out of date is
 * cancelled. A snapshot finds what is in view in the index, leaves out the
 * symbols hidden under others in a crowd, draws the rest
 * (lc-facility-symbols.c), then the names, from zoom 17, where they fit
 * (lc-facility-labels.c), and the selection. What is under a point is
 * found in lc-facility-pick.c.
 *
 * tests/bench/bench-overlay.c measures the snapshot in CPU time at zooms
 * 13–19 on the sample and on a plan of ten times its density (2 vCPUs,
 * Xvfb, cairo renderer, 1280 × 800): at most 1.7 ms median and 5.6 ms
 * worst, against a target of 8 ms.
 */

#define THIN_ABOVE 250          /* symbols in view */
#define THIN_CELL 3             /* px: of a crowd, one symbol per cell is drawn */

G_DEFINE_FINAL_TYPE (LcFacilityLayer, lc_facility_layer, SHUMATE_TYPE_LAYER)

enum
{
  PROP_0,
  PROP_PLAN,
  PROP_SERVICE_FILTER,
  PROP_SHOW_NEEDS,
  PROP_SHOW_PROJECTS,
  PROP_LOADING,
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
gboolean
lc_facility_layer_get_view (LcFacilityLayer *self,
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

/* ---- loading ---- */

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  gint64 start = g_get_monotonic_time ();
  GError *error = NULL;
  LcMapFeatures *features = lc_map_features_load_for_plan (task_data, cancellable, &error);
  LcFacilityIndex *index;

  if (features == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  index = lc_facility_index_new (features);
  g_debug ("Loaded %u map features in %.1f ms", index->features->len,
           (g_get_monotonic_time () - start) / 1000.0);
  g_task_return_pointer (task, index, (GDestroyNotify) lc_facility_index_free);
}

static void
update_loading (LcFacilityLayer *self)
{
  gboolean loading = self->reload_id != 0 || self->loading != NULL;

  if (self->is_loading == loading)
    return;
  self->is_loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Shows @index (transfer full) instead of what was shown */
static void
set_index (LcFacilityLayer *self,
           LcFacilityIndex *index)
{
  g_clear_pointer (&self->index, lc_facility_index_free);
  self->index = index;
  lc_facility_labels_clear (&self->labels);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
load_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LcFacilityLayer *self = LC_FACILITY_LAYER (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(LcFacilityIndex) index = g_task_propagate_pointer (G_TASK (result), &error);

  /* Out of date: a newer load is on its way, or the plan is another */
  if (g_task_get_cancellable (G_TASK (result)) != self->loading)
    return;

  g_clear_object (&self->loading);
  if (index != NULL)
    set_index (self, g_steal_pointer (&index));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not read the plan’s map features: %s", error->message);
  update_loading (self);
}

static void
cancel_load (LcFacilityLayer *self)
{
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_handle_id (&self->reload_id, g_source_remove);
}

/* Reads the plan's features in a worker thread; what is shown stays
 * until they are in */
static void
start_load (LcFacilityLayer *self)
{
  g_autoptr(GTask) task = NULL;

  cancel_load (self);
  self->loading = g_cancellable_new ();
  task = g_task_new (self, self->loading, load_done, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, g_object_ref (self->plan), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

static gboolean
load_in_idle (gpointer user_data)
{
  LcFacilityLayer *self = user_data;

  self->reload_id = 0;
  start_load (self);
  return G_SOURCE_REMOVE;
}

/* Edits come in bursts (a drag, an undo of many): one load for them all */
static void
plan_changed (LcFacilityLayer *self,
              LcPlanChange     change,
              LcPlan          *plan)
{
  if (!(change & (LC_PLAN_CHANGE_FACILITIES | LC_PLAN_CHANGE_NEEDS | LC_PLAN_CHANGE_PROJECT_PLACES)) ||
      self->reload_id != 0)
    return;

  /* What is being read is out of date already */
  cancel_load (self);
  self->reload_id = g_idle_add (load_in_idle, self);
  update_loading (self);
}

/* ---- drawing ---- */

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
      guint8 size = (guint8) group_info[lc_facility_symbol_group (visible[i].symbol)].size;
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
  const Feature *selected;
  double x, y, radius;

  if (self->selected_table == NULL)
    return;
  selected = lc_facility_index_find (self->index, self->selected_table, self->selected_id);
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
  const LcFacilityIndex *index = self->index;
  double min_x, max_x, min_y, max_y;
  gboolean cairo_renderer;
  GtkNative *native;
  int scale;
  View view;

  self->n_drawn = 0;
  self->n_labels = 0;
  g_array_set_size (self->visible, 0);

  if (index->features->len == 0 || !lc_facility_layer_get_view (self, &view) ||
      view.width <= 0 || view.height <= 0)
    return;

  scale = gtk_widget_get_scale_factor (widget);
  lc_facility_symbols_set_scale (&self->symbols, scale);

  /* What is in view, in drawing order: each group's band of latitudes,
   * then by longitude */
  view_bounds (&view, MAX_HALF_SIZE, &min_x, &max_x, &min_y, &max_y);
  for (Group group = 0; group < N_GROUPS; group++)
    {
      double half = group_info[group].size / 2.0;
      guint end = index->group_start[group + 1];

      if (!lc_facility_layer_group_shown (self, group))
        continue;

      for (guint i = lc_facility_index_lower_bound (index, index->group_start[group], end, min_y); i < end; i++)
        {
          const Feature *f = lc_facility_index_get (index, i);
          Visible v;
          double x, y;

          if (f->y > max_y)
            break;
          if (f->x < min_x || f->x > max_x || !lc_facility_layer_feature_shown (self, f))
            continue;

          view_to_widget (&view, f->x, f->y, &x, &y);
          if (view.rotated &&
              (x < -half || y < -half || x > view.width + half || y > view.height + half))
            continue;

          /* Whole device pixels keep the symbols sharp */
          v.index = i;
          v.symbol = lc_facility_symbol_index (f);
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
  lc_facility_symbols_append (&self->symbols, snapshot, self->visible, &view, cairo_renderer);

  if (view.zoom >= LC_FACILITY_LAYER_LABEL_MIN_ZOOM - 1e-6)
    self->n_labels = lc_facility_labels_draw (&self->labels, widget, snapshot, index, self->visible, &view);

  draw_selection (self, snapshot, &view);
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

/* ---- the object ---- */

static void
queue_draw (LcFacilityLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
scale_changed (LcFacilityLayer *self)
{
  lc_facility_symbols_clear (&self->symbols);
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
  cancel_load (self);
  lc_facility_symbols_clear (&self->symbols);
  lc_facility_labels_clear (&self->labels);

  G_OBJECT_CLASS (lc_facility_layer_parent_class)->dispose (object);
}

static void
lc_facility_layer_finalize (GObject *object)
{
  LcFacilityLayer *self = LC_FACILITY_LAYER (object);

  lc_facility_index_free (self->index);
  g_array_unref (self->visible);
  lc_facility_labels_finish (&self->labels);
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

    case PROP_LOADING:
      g_value_set_boolean (value, self->is_loading);
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
  /* While the features are being read anew: what is shown is not yet the
   * plan as it is */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "lc-facility-layer");
}

static void
lc_facility_layer_init (LcFacilityLayer *self)
{
  self->index = lc_facility_index_new (NULL);
  self->visible = g_array_new (FALSE, FALSE, sizeof (Visible));
  lc_facility_labels_init (&self->labels);
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
 * Reads the plan's facilities, needs and project locations in a worker
 * thread, and reads them again after every edit, undo and redo that
 * touches them; #LcFacilityLayer:loading is %TRUE meanwhile.
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
  cancel_load (self);
  g_set_object (&self->plan, plan);

  /* Another plan's features are not this one's: none until they are in */
  set_index (self, lc_facility_index_new (NULL));
  if (plan != NULL)
    {
      g_signal_connect_swapped (plan, "changed", G_CALLBACK (plan_changed), self);
      start_load (self);
    }

  update_loading (self);
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
  self->filter_bit = service_key == NULL ? -1 : lc_service_get_index (service_key);
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

  return self->index->features->len;
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

/**
 * lc_facility_layer_get_loading:
 *
 * Returns: whether the plan's features are being read anew, after the plan
 *   was set or changed: until then the layer shows what it had
 */
gboolean
lc_facility_layer_get_loading (LcFacilityLayer *self)
{
  g_return_val_if_fail (LC_IS_FACILITY_LAYER (self), FALSE);

  return self->is_loading;
}
