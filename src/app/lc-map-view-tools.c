/* lc-map-view-tools.c: what clicks, drags and keys on the map do with each tool
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-map-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-facility.h"
#include "lc-geo.h"
#include "lc-map-view-private.h"
#include "lc-shape.h"

/* Tools that draw point by point with the edit layer */
static gboolean
tool_draws (LcMapTool tool)
{
  return tool == LC_MAP_TOOL_DRAW_PATH || tool == LC_MAP_TOOL_DRAW_BOUNDARY || tool == LC_MAP_TOOL_DRAW_AREA;
}

/* Tools that pick a place for someone else (a project's editor) */
static gboolean
tool_picks (LcMapTool tool)
{
  return tool == LC_MAP_TOOL_PICK_POINT || tool == LC_MAP_TOOL_DRAW_AREA;
}

static void set_tool (LcMapView *self,
                      LcMapTool  tool,
                      gboolean   picked);

/* The place picked: back to selecting, and to whoever asked */
static void
deliver_location (LcMapView  *self,
                  LcGeometry *location)
{
  set_tool (self, LC_MAP_TOOL_SELECT, TRUE);
  g_signal_emit (self, lc_map_view_signals[LC_MAP_VIEW_LOCATION_PICKED], 0, location);
}

/* ---- selecting, adding and moving ---- */

static void     add_drawn_point   (LcMapView *self,
                                   double     x,
                                   double     y);
static gboolean begin_vertex_drag (LcMapView *self,
                                   double     x,
                                   double     y);
static void     update_vertex_drag (LcMapView *self,
                                    double     x,
                                    double     y);

/* A point of the view in map widget coordinates, as WGS-84 degrees */
static void
to_location (LcMapView *self,
             double     x,
             double     y,
             double    *latitude,
             double    *longitude)
{
  double mx = x, my = y;

  gtk_widget_translate_coordinates (GTK_WIDGET (self), GTK_WIDGET (self->map), x, y, &mx, &my);
  shumate_viewport_widget_coords_to_location (shumate_simple_map_get_viewport (self->map),
                                              GTK_WIDGET (self->map), mx, my, latitude, longitude);
}


/* World units across one pixel of the view, at its zoom */
static double
world_per_pixel (LcMapView *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);

  return 1.0 / (256.0 * pow (2.0, shumate_viewport_get_zoom_level (viewport)));
}


static const LcFacilityKind tool_kinds[] = {
  [LC_MAP_TOOL_ADD_RENMINFANG] = LC_FACILITY_KIND_RENMINFANG,
  [LC_MAP_TOOL_ADD_LIUYITING] = LC_FACILITY_KIND_LIUYITING,
  [LC_MAP_TOOL_ADD_OTHER] = LC_FACILITY_KIND_OTHER,
};

/**
 * lc_map_view_click:
 * @x: a point of the view, in its widget coordinates
 *
 * What a click does: with an adding tool, adds that facility there (one
 * undo step) and selects it; otherwise selects what is under the point.
 */
void
lc_map_view_click (LcMapView *self,
                   double     x,
                   double     y)
{
  g_return_if_fail (LC_IS_MAP_VIEW (self));

  if (self->plan == NULL)
    return;

  if (tool_draws (self->tool))
    {
      add_drawn_point (self, x, y);
      return;
    }

  if (self->tool == LC_MAP_TOOL_PICK_POINT)
    {
      g_autoptr(LcGeometry) point = NULL;
      double latitude, longitude;

      to_location (self, x, y, &latitude, &longitude);
      point = lc_geometry_new_point (longitude, latitude);
      deliver_location (self, point);
      return;
    }

  if (self->tool != LC_MAP_TOOL_SELECT)
    {
      g_autoptr(GError) error = NULL;
      double latitude, longitude;
      gint64 fid;

      to_location (self, x, y, &latitude, &longitude);
      fid = lc_plan_add_facility (self->plan, tool_kinds[self->tool], longitude, latitude, &error);
      if (fid < 0)
        {
          g_warning ("Could not add a facility: %s", error->message);
          return;
        }
      lc_map_view_set_tool (self, LC_MAP_TOOL_SELECT);
      lc_map_view_select (self, "facilities", fid);
      return;
    }

  {
    const char *table = NULL;
    double mx = x, my = y;
    gboolean midpoint;
    gint64 id;

    /* On a handle of the selection: it stays selected */
    gtk_widget_translate_coordinates (GTK_WIDGET (self), GTK_WIDGET (self->edit), x, y, &mx, &my);
    if (lc_edit_layer_pick_handle (self->edit, mx, my, &midpoint) >= 0)
      return;

    gtk_widget_translate_coordinates (GTK_WIDGET (self), GTK_WIDGET (self->map), x, y, &mx, &my);
    id = lc_facility_layer_pick (self->facilities, mx, my, &table);

    /* Nothing of the overlay: a path, a building, the boundary */
    if (id < 0 && self->render_data != NULL)
      {
        double latitude, longitude;

        to_location (self, x, y, &latitude, &longitude);
        id = lc_render_data_pick (self->render_data, lc_geo_world_x (longitude), lc_geo_world_y (latitude),
                                  6 * world_per_pixel (self), &table);
      }
    lc_map_view_select (self, table, id);
  }
}

/* ---- drawing paths and the boundary ---- */

/* A click while drawing: a point there, or on the nearest path vertex
 * within a few pixels, so that the new path joins the network */
static void
add_drawn_point (LcMapView *self,
                 double     x,
                 double     y)
{
  double latitude, longitude;
  guint vertex = 0;
  gint64 fid = -1;

  to_location (self, x, y, &latitude, &longitude);
  if (self->tool == LC_MAP_TOOL_DRAW_PATH && self->render_data != NULL)
    fid = lc_render_data_nearest_vertex (self->render_data, lc_geo_world_x (longitude), lc_geo_world_y (latitude),
                                         10 * world_per_pixel (self), &vertex);
  if (fid >= 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LcGeometry) path = lc_plan_load_geometry (self->plan, "walking_paths", fid, &error);

      /* Not joined to the path: the point stays where it was clicked */
      if (error != NULL)
        g_signal_emit (self, lc_map_view_signals[LC_MAP_VIEW_NOTICE], 0, error->message);
      if (path != NULL && vertex < path->n_points)
        {
          longitude = path->xy[2 * vertex];
          latitude = path->xy[2 * vertex + 1];
        }
    }
  lc_edit_layer_insert_point (self->edit, lc_edit_layer_get_n_points (self->edit), longitude, latitude);
}

/**
 * lc_map_view_finish_drawing:
 *
 * Ends the path or boundary being drawn: writes it into the plan (one undo
 * step) and selects it. Too few points is explained in a toast.
 *
 * Returns: whether it was written
 */
gboolean
lc_map_view_finish_drawing (LcMapView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcGeometry) g = NULL;
  gboolean path;
  const char *table;
  gint64 fid;

  g_return_val_if_fail (LC_IS_MAP_VIEW (self), FALSE);

  if (self->plan == NULL || !tool_draws (self->tool))
    return FALSE;

  g = lc_edit_layer_to_geometry (self->edit);
  if (self->tool == LC_MAP_TOOL_DRAW_AREA)
    {
      g_autoptr(LcGeometry) area = lc_geometry_close_ring (g);

      if (area == NULL)
        {
          g_signal_emit (self, lc_map_view_signals[LC_MAP_VIEW_NOTICE], 0,
                         _("An area needs at least three points around it."));
          return FALSE;
        }
      deliver_location (self, area);
      return TRUE;
    }

  path = self->tool == LC_MAP_TOOL_DRAW_PATH;
  fid = path ? lc_plan_add_path (self->plan, g, NULL, &error) : lc_plan_set_boundary (self->plan, g, &error);
  if (fid < 0)
    {
      g_signal_emit (self, lc_map_view_signals[LC_MAP_VIEW_NOTICE], 0, error->message);
      return FALSE;
    }
  table = path ? "walking_paths" : "unit_boundary";
  lc_edit_layer_set (self->edit, LC_EDIT_NONE, NULL);
  lc_map_view_set_tool (self, LC_MAP_TOOL_SELECT);
  lc_map_view_select (self, table, fid);
  return TRUE;
}

/* Writes the selected path or boundary as its handles now stand */
static void
commit_reshape (LcMapView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcGeometry) g = lc_edit_layer_to_geometry (self->edit);
  gboolean ok;

  if (self->selected_table == g_intern_static_string ("walking_paths"))
    ok = lc_plan_set_path_line (self->plan, self->selected_id, g, &error);
  else
    ok = lc_plan_set_boundary (self->plan, g, &error) >= 0;
  if (!ok)
    g_signal_emit (self, lc_map_view_signals[LC_MAP_VIEW_NOTICE], 0, error->message);
  /* As the plan now has it (unchanged on failure) */
  lc_map_view_show_selected_shape (self);
}

/**
 * lc_map_view_drag_vertex:
 * @x, @y: where the drag starts, widget coordinates
 * @to_x, @to_y: where it ends
 *
 * What a drag from a handle of the selected path or boundary does: moves
 * that vertex, or adds one where a segment's middle handle is dragged (one
 * undo step).
 *
 * Returns: whether the drag began on a handle
 */
gboolean
lc_map_view_drag_vertex (LcMapView *self,
                         double     x,
                         double     y,
                         double     to_x,
                         double     to_y)
{
  g_return_val_if_fail (LC_IS_MAP_VIEW (self), FALSE);

  if (!begin_vertex_drag (self, x, y))
    return FALSE;
  update_vertex_drag (self, to_x, to_y);
  self->dragged_vertex = -1;
  commit_reshape (self);
  return TRUE;
}

/* Picks the handle under (x, y) to drag; a middle handle becomes a vertex */
static gboolean
begin_vertex_drag (LcMapView *self,
                   double     x,
                   double     y)
{
  double mx = x, my = y, lon1, lat1, lon2, lat2;
  gboolean midpoint;
  int index;

  if (self->tool != LC_MAP_TOOL_SELECT || self->plan == NULL)
    return FALSE;
  gtk_widget_translate_coordinates (GTK_WIDGET (self), GTK_WIDGET (self->edit), x, y, &mx, &my);
  index = lc_edit_layer_pick_handle (self->edit, mx, my, &midpoint);
  if (index < 0)
    return FALSE;

  if (midpoint)
    {
      guint n = lc_edit_layer_get_n_points (self->edit);

      lc_edit_layer_get_point (self->edit, index, &lon1, &lat1);
      lc_edit_layer_get_point (self->edit, (index + 1) % n, &lon2, &lat2);
      lc_edit_layer_insert_point (self->edit, index + 1, (lon1 + lon2) / 2, (lat1 + lat2) / 2);
      index++;
    }
  self->dragged_vertex = index;
  return TRUE;
}

static void
update_vertex_drag (LcMapView *self,
                    double     x,
                    double     y)
{
  double latitude, longitude;

  to_location (self, x, y, &latitude, &longitude);
  lc_edit_layer_move_point (self->edit, self->dragged_vertex, longitude, latitude);
}

/**
 * lc_map_view_remove_vertex:
 * @x, @y: a point on a vertex handle of the selected path or boundary
 *
 * Removes that vertex (one undo step), unless too few would be left.
 *
 * Returns: whether there was a handle at the point
 */
gboolean
lc_map_view_remove_vertex (LcMapView *self,
                           double     x,
                           double     y)
{
  double mx = x, my = y;
  gboolean midpoint;
  int index;

  g_return_val_if_fail (LC_IS_MAP_VIEW (self), FALSE);

  if (self->tool != LC_MAP_TOOL_SELECT || self->plan == NULL)
    return FALSE;
  gtk_widget_translate_coordinates (GTK_WIDGET (self), GTK_WIDGET (self->edit), x, y, &mx, &my);
  index = lc_edit_layer_pick_handle (self->edit, mx, my, &midpoint);
  if (index < 0 || midpoint)
    return FALSE;
  if (!lc_edit_layer_remove_point (self->edit, index))
    g_signal_emit (self, lc_map_view_signals[LC_MAP_VIEW_NOTICE], 0,
                   lc_edit_layer_get_mode (self->edit) == LC_EDIT_RING
                   ? _("A unit boundary keeps at least three points.")
                   : _("A walking path keeps at least two points."));
  else
    commit_reshape (self);
  return TRUE;
}

/* Whether a drag from (x, y) would move the selected facility */
static gboolean
on_selection (LcMapView *self,
              double     x,
              double     y)
{
  const char *table = NULL;
  double mx = x, my = y;

  if (g_strcmp0 (self->selected_table, "facilities") != 0 || self->tool != LC_MAP_TOOL_SELECT)
    return FALSE;
  gtk_widget_translate_coordinates (GTK_WIDGET (self), GTK_WIDGET (self->map), x, y, &mx, &my);
  return lc_facility_layer_pick (self->facilities, mx, my, &table) == self->selected_id &&
         g_strcmp0 (table, "facilities") == 0;
}

/**
 * lc_map_view_drag:
 *
 * What a finished drag from one point to another does: moves the selected
 * facility when the drag began on it (one undo step).
 */
void
lc_map_view_drag (LcMapView *self,
                  double     from_x,
                  double     from_y,
                  double     to_x,
                  double     to_y)
{
  g_autoptr(GError) error = NULL;
  double latitude, longitude;

  g_return_if_fail (LC_IS_MAP_VIEW (self));

  if (self->plan == NULL || !on_selection (self, from_x, from_y))
    return;

  to_location (self, to_x, to_y, &latitude, &longitude);
  if (!lc_plan_move_facility (self->plan, self->selected_id, longitude, latitude, &error))
    g_warning ("Could not move a facility: %s", error->message);
  lc_facility_layer_set_drag_position (self->facilities, FALSE, latitude, longitude);
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   LcMapView       *self)
{
  /* The map's keys (Delete, Esc) follow a click on it */
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 1)
    lc_map_view_click (self, x, y);
  /* A double click ends a drawing (its first click added the last point),
   * or takes away the vertex under it */
  else if (n_press == 2 && !lc_map_view_finish_drawing (self))
    lc_map_view_remove_vertex (self, x, y);
}

static void
on_secondary_pressed (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      LcMapView       *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *text = NULL;
  GtkWidget *popover;
  double latitude, longitude;

  to_location (self, x, y, &latitude, &longitude);
  text = lc_geo_format_coordinates (latitude, longitude);
  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("Copy Coordinates"), NULL);

    g_menu_item_set_action_and_target_value (item, "map.copy-coordinates", g_variant_new_string (text));
    g_menu_append_item (menu, item);
  }

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
copy_coordinates_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), g_variant_get_string (param, NULL));
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               LcMapView      *self)
{
  /* A drag that starts on the selection (or a handle of it) moves it;
   * any other pans the map */
  self->moving = begin_vertex_drag (self, x, y) || on_selection (self, x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture),
                         self->moving ? GTK_EVENT_SEQUENCE_CLAIMED : GTK_EVENT_SEQUENCE_DENIED);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                LcMapView      *self)
{
  double x, y, latitude, longitude;

  if (!self->moving)
    return;
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (self->dragged_vertex >= 0)
    {
      update_vertex_drag (self, x + dx, y + dy);
      return;
    }
  to_location (self, x + dx, y + dy, &latitude, &longitude);
  lc_facility_layer_set_drag_position (self->facilities, TRUE, latitude, longitude);
  g_signal_emit (self, lc_map_view_signals[LC_MAP_VIEW_FACILITY_DRAGGED], 0,
                 self->selected_id, latitude, longitude);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             LcMapView      *self)
{
  double x, y;

  if (!self->moving)
    return;
  self->moving = FALSE;
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (self->dragged_vertex >= 0)
    {
      self->dragged_vertex = -1;
      /* A click on a handle is not a drag: as it was */
      if (fabs (dx) + fabs (dy) > 2)
        commit_reshape (self);
      else
        lc_map_view_show_selected_shape (self);
      return;
    }
  if (fabs (dx) + fabs (dy) > 2)
    lc_map_view_drag (self, x, y, x + dx, y + dy);
  else
    lc_facility_layer_set_drag_position (self->facilities, FALSE, 0, 0);
}

/**
 * lc_map_view_get_tool:
 *
 * Returns: what a click on the map does
 */
LcMapTool
lc_map_view_get_tool (LcMapView *self)
{
  g_return_val_if_fail (LC_IS_MAP_VIEW (self), LC_MAP_TOOL_SELECT);
  return self->tool;
}

/**
 * lc_map_view_set_tool:
 *
 * Chooses what the next click does; adding tools show a crosshair and last
 * one click (Esc cancels them).
 */
void
lc_map_view_set_tool (LcMapView *self,
                      LcMapTool  tool)
{
  g_return_if_fail (LC_IS_MAP_VIEW (self));

  set_tool (self, tool, FALSE);
}

static void
set_tool (LcMapView *self,
          LcMapTool  tool,
          gboolean   picked)
{
  LcMapTool old = self->tool;

  self->tool = tool;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), tool == LC_MAP_TOOL_SELECT ? NULL : "crosshair");

  /* Drawing starts empty; any other tool shows the selection again */
  if (tool_draws (tool))
    lc_edit_layer_set (self->edit, tool == LC_MAP_TOOL_DRAW_PATH ? LC_EDIT_DRAW_LINE : LC_EDIT_DRAW_RING, NULL);
  else
    {
      LcEditMode mode = lc_edit_layer_get_mode (self->edit);

      if (mode == LC_EDIT_DRAW_LINE || mode == LC_EDIT_DRAW_RING)
        lc_edit_layer_set (self->edit, LC_EDIT_NONE, NULL);
      lc_map_view_show_selected_shape (self);
    }

  /* Picking given up (Esc, another tool): whoever asked hears nothing came */
  if (tool_picks (old) && tool != old && !picked)
    g_signal_emit (self, lc_map_view_signals[LC_MAP_VIEW_LOCATION_PICKED], 0, NULL);
}

/* Backspace while drawing: the last point goes */
static void
remove_last_point_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  LcMapView *self = LC_MAP_VIEW (widget);
  guint n = lc_edit_layer_get_n_points (self->edit);

  if (tool_draws (self->tool) && n > 0)
    lc_edit_layer_remove_point (self->edit, n - 1);
}

/* Page Down, Page Up: the next (previous) symbol in view, in reading order */
static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LcMapView *self = LC_MAP_VIEW (widget);
  const char *table = NULL;
  gint64 id;

  if (self->plan == NULL || self->tool != LC_MAP_TOOL_SELECT)
    return;
  id = lc_facility_layer_step (self->facilities, self->selected_table, self->selected_id,
                               g_str_equal (action_name, "map.select-next"), &table);
  if (id >= 0)
    lc_map_view_select (self, table, id);
}

static void
finish_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  lc_map_view_finish_drawing (LC_MAP_VIEW (widget));
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           LcMapView                *self)
{
  double latitude, longitude;

  if (!tool_draws (self->tool))
    return;
  to_location (self, x, y, &latitude, &longitude);
  lc_edit_layer_set_pointer (self->edit, TRUE, longitude, latitude);
}

static void
on_leave (GtkEventControllerMotion *motion,
          LcMapView                *self)
{
  lc_edit_layer_set_pointer (self->edit, FALSE, 0, 0);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LcMapView *self = LC_MAP_VIEW (widget);

  /* Esc: first the tool (and what it drew), then the selection */
  if (self->tool != LC_MAP_TOOL_SELECT)
    lc_map_view_set_tool (self, LC_MAP_TOOL_SELECT);
  else if (self->selected_table != NULL)
    lc_map_view_select (self, NULL, -1);
}

/**
 * lc_map_view_pick_location:
 * @area: draw an area point by point, rather than click a point
 *
 * Shows the map and lets the planner click a point or draw an area for
 * someone else, such as a project's editor; LcMapView::location-picked
 * tells what came of it. Nothing is written into the plan.
 */
void
lc_map_view_pick_location (LcMapView *self,
                           gboolean   area)
{
  g_return_if_fail (LC_IS_MAP_VIEW (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.view", "s", "map");
  lc_map_view_set_tool (self, area ? LC_MAP_TOOL_DRAW_AREA : LC_MAP_TOOL_PICK_POINT);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  g_signal_emit (self, lc_map_view_signals[LC_MAP_VIEW_NOTICE], 0,
                 area ? _("Click to add the area’s points; double-click or Enter finishes, Backspace takes back a "
                          "point, Esc cancels.")
                      : _("Click on the map where the project is; Esc cancels."));
}

/* The actions and keys of the tools */
void
lc_map_view_tools_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "map.select-next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "map.select-previous", NULL, step_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "map.select-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "map.select-previous", NULL);
  gtk_widget_class_install_action (widget_class, "map.finish-drawing", NULL, finish_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "map.finish-drawing", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "map.finish-drawing", NULL);
  gtk_widget_class_install_action (widget_class, "map.remove-last-point", NULL, remove_last_point_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "map.remove-last-point", NULL);

  gtk_widget_class_install_action (widget_class, "map.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "map.copy-coordinates", "s", copy_coordinates_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "map.cancel", NULL);
}

void
lc_map_view_tools_init (LcMapView *self)
{
  /* Before the map's own gestures see the events: a click selects or adds,
   * a drag on the selection moves it, any other drag pans */
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  {
    GtkGesture *secondary = gtk_gesture_click_new ();

    gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
    g_signal_connect (secondary, "pressed", G_CALLBACK (on_secondary_pressed), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary));
  }

  {
    GtkEventController *motion = gtk_event_controller_motion_new ();

    g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
    g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
    gtk_widget_add_controller (GTK_WIDGET (self), motion);
  }

  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}
