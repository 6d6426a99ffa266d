/* lc-window-actions.c: the window's actions, their shortcuts and when they can run
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-window-actions"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-facility.h"
#include "lc-shape.h"
#include "lc-profile.h"
#include "lc-window-private.h"

/*
 * As in GNOME Text Editor (editor-window-actions.c): the "win." actions
 * and their handlers, the one function that decides which can run, and the
 * keyboard shortcuts, next to the actions they start.
 */

static void
set_action_enabled (LcWindow   *self,
                    const char *name,
                    gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* The one place that decides which window actions can run */
void
lc_window_update_actions (LcWindow *self)
{
  gboolean has_plan = self->plan != NULL;
  /* An import writes into the plan from a thread: hands off until it ends */
  gboolean idle = self->import_cancellable == NULL;
  /* A save runs in a thread too, one at a time; edits go on meanwhile */
  gboolean saving = has_plan && lc_plan_get_busy (self->plan);

  set_action_enabled (self, "new", TRUE);
  set_action_enabled (self, "open", TRUE);
  set_action_enabled (self, "import-osm", idle && !saving);
  set_action_enabled (self, "cancel-import", !idle);
  set_action_enabled (self, "save", has_plan && idle && !saving);
  set_action_enabled (self, "save-as", has_plan && idle && !saving);
  set_action_enabled (self, "add-facility", has_plan && idle);
  set_action_enabled (self, "draw", has_plan && idle);
  set_action_enabled (self, "search", has_plan);
  set_action_enabled (self, "zoom-to-unit", has_plan);
  set_action_enabled (self, "zoom-to-selection", has_plan);
  set_action_enabled (self, "delete-selection", has_plan && idle);
  set_action_enabled (self, "sidebar-page", has_plan);
  set_action_enabled (self, "view", TRUE);
  gtk_widget_set_visible (self->sidebar_switcher, has_plan);
  set_action_enabled (self, "undo", has_plan && idle && lc_plan_can_undo (self->plan));
  set_action_enabled (self, "redo", has_plan && idle && lc_plan_can_redo (self->plan));
  gtk_widget_set_sensitive (GTK_WIDGET (self->plan_page), idle);
}

static void
show_toast (LcWindow   *self,
            const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* ---- new and open ---- */

static void
open_response (GtkNativeDialog *chooser,
               int              response,
               gpointer         user_data)
{
  LcWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        lc_window_open_file (self, file);
    }

  g_object_unref (chooser);
}

static void
add_plan_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) plans = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (plans, _("Plan files"));
  gtk_file_filter_add_mime_type (plans, PLAN_MIME_TYPE);
  gtk_file_filter_add_suffix (plans, "lcplan");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, plans);
  gtk_file_chooser_add_filter (chooser, all);
}

static void
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  LcWindow *self = user_data;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Plan"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  add_plan_filters (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  lc_window_open_file (user_data, file);
}

static void
new_action (GSimpleAction *action,
            GVariant      *param,
            gpointer       user_data)
{
  LcWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);

  if (plan == NULL)
    {
      lc_window_show_error (self, _("Cannot Create a Plan"), error->message);
      return;
    }

  lc_window_show_plan (self, plan);
}

/* ---- save ---- */

static void save_as (LcWindow *self);

/* Where a save writes, for what the window says when it ends */
typedef struct
{
  LcWindow *window;
  GFile    *file;
} Saving;

static void
saving_free (Saving *saving)
{
  g_object_unref (saving->window);
  g_object_unref (saving->file);
  g_free (saving);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Saving, saving_free)

static void
on_save_error_read (AdwMessageDialog *dialog,
                    const char       *response,
                    LcWindow         *self)
{
  /* Closing the dialog after a response emits the close response too */
  g_signal_handlers_disconnect_by_func (dialog, on_save_error_read, self);
  lc_window_close_later (self);
}

static void
save_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Saving) saving = user_data;
  LcWindow *self = saving->window;
  g_autoptr(GError) error = NULL;
  gboolean close = self->close_after_save;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  self->close_after_save = FALSE;

  if (lc_plan_save_finish (LC_PLAN (object), result, &error))
    {
      lc_window_add_to_recent (saving->file);
      /* Edits made while it saved are asked about as any others */
      if (close)
        gtk_window_close (GTK_WINDOW (self));
      return;
    }

  /* The window is going away */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  name = g_file_get_basename (saving->file);
  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Cannot Save “%s”"), name);
  dialog = lc_window_show_error (self, heading, error->message);
  /* Closing waited for the save: then it asks about the unsaved changes */
  if (close)
    g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_error_read), self, 0);
}

/* Saves in a worker thread: the window goes on meanwhile, with Save off
 * and the header saying so (lc_window_update_actions(), update_title()) */
static void
save_to (LcWindow *self,
         GFile    *file)
{
  Saving *saving = g_new0 (Saving, 1);
  double latitude, longitude, zoom;

  /* The plan opens where the map looked when it was saved */
  lc_map_view_get_view (self->map_view, &latitude, &longitude, &zoom);
  lc_plan_store_view (self->plan, latitude, longitude, zoom, NULL);

  saving->window = g_object_ref (self);
  saving->file = g_object_ref (file);
  lc_plan_save_async (self->plan, file, G_PRIORITY_DEFAULT, self->cancellable, save_done, saving);
}

static void
save_as_response (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  LcWindow *self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (file == NULL || self->plan == NULL)
    {
      self->close_after_save = FALSE;
      return;
    }

  /* Plans are found by their extension: add it when it was left off */
  if (!g_str_has_suffix (g_file_peek_path (file), ".lcplan"))
    {
      g_autofree char *path = g_strconcat (g_file_peek_path (file), ".lcplan", NULL);

      g_object_unref (file);
      file = g_file_new_for_path (path);
    }

  save_to (self, file);
}

static void
save_as (LcWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(LcProfile) profile = lc_plan_get_profile (self->plan, NULL);
  const char *unit = profile != NULL ? profile->unit_name : NULL;
  g_autofree char *name = NULL;
  GFile *file = lc_plan_get_file (self->plan);

  chooser = gtk_file_chooser_native_new (_("Save Plan"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  add_plan_filters (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  if (file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL);
  else
    {
      /* Translators: the file name suggested for a new plan, without extension */
      name = g_strdup_printf ("%s.lcplan", unit != NULL && unit[0] != '\0' ? unit : _("Untitled Plan"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (save_as_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Saves to the plan's file, or asks where when it has none */
void
lc_window_save (LcWindow *self)
{
  if (lc_plan_get_file (self->plan) == NULL)
    save_as (self);
  else
    save_to (self, lc_plan_get_file (self->plan));
}

static void
save_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  lc_window_save (user_data);
}

static void
save_as_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  save_as (user_data);
}

/* ---- undo ---- */

static void
undo_redo_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  LcWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean undo = g_str_equal (g_action_get_name (G_ACTION (action)), "undo");

  if (!(undo ? lc_plan_undo (self->plan, &error) : lc_plan_redo (self->plan, &error)))
    show_toast (self, error->message);
}

/* ---- the map's tools and selection ---- */

static void
add_facility_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  LcWindow *self = user_data;
  LcFacilityKind kind = LC_FACILITY_KIND_OTHER;
  LcMapTool tool = LC_MAP_TOOL_ADD_OTHER;

  /* The action's target is the kind's key */
  lc_facility_kind_from_key (g_variant_get_string (param, NULL), &kind);
  if (kind == LC_FACILITY_KIND_RENMINFANG)
    tool = LC_MAP_TOOL_ADD_RENMINFANG;
  else if (kind == LC_FACILITY_KIND_LIUYITING)
    tool = LC_MAP_TOOL_ADD_LIUYITING;

  lc_map_view_set_tool (self->map_view, tool);
  gtk_widget_grab_focus (GTK_WIDGET (self->map_view));
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Click on the map where the facility goes; Esc cancels.")));
}

/* Draw a walking path or the unit boundary, point by point */
static void
draw_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  LcWindow *self = user_data;
  gboolean path = g_str_equal (g_variant_get_string (param, NULL), "path");

  lc_map_view_set_tool (self->map_view, path ? LC_MAP_TOOL_DRAW_PATH : LC_MAP_TOOL_DRAW_BOUNDARY);
  gtk_widget_grab_focus (GTK_WIDGET (self->map_view));
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (path ? _("Click to add the path’s points (near a path’s point, it joins "
                                                       "it); double-click or Enter finishes, Backspace takes back a "
                                                       "point, Esc cancels.")
                                                   : _("Click to add the boundary’s points; double-click or Enter "
                                                       "closes it, Backspace takes back a point, Esc cancels.")));
}

/* ---- finding and zooming ---- */

static void
search_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  LcWindow *self = user_data;

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
zoom_to_unit_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  LcWindow *self = user_data;

  lc_map_view_zoom_to_unit (self->map_view);
}

static void
zoom_to_selection_action (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  LcWindow *self = user_data;
  g_autoptr(LcFacility) facility = NULL;
  g_autoptr(GError) error = NULL;
  const char *table;
  gint64 fid = lc_map_view_get_selected (self->map_view, &table);
  double zoom;

  /* A shape: all of it in view */
  if (self->plan != NULL && lc_window_is_shape (table))
    {
      g_autoptr(LcGeometry) shape = lc_plan_load_geometry (self->plan, table, fid, &error);
      double x0, x1, y0, y1;

      if (shape != NULL && lc_geometry_get_bounds (shape, &x0, &x1, &y0, &y1))
        {
          lc_map_view_zoom_to_bounds (self->map_view, x0, y0, x1, y1);
          return;
        }
    }

  if (error == NULL && self->plan != NULL && g_strcmp0 (table, "facilities") == 0)
    facility = lc_plan_load_facility (self->plan, fid, &error);
  if (facility == NULL || isnan (facility->latitude))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (error != NULL ? error->message : _("Nothing is selected")));
      return;
    }
  lc_map_view_get_view (self->map_view, NULL, NULL, &zoom);
  lc_map_view_go_to (self->map_view, facility->latitude, facility->longitude, MAX (zoom, 17));
}

/* Delete, with the map focused: the selected facility goes, one undo step,
 * and a toast offers the undo */
static void
delete_selection_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  LcWindow *self = user_data;
  g_autoptr(LcFacility) facility = NULL;
  g_autoptr(GError) error = NULL;
  const char *table;
  gint64 fid = lc_map_view_get_selected (self->map_view, &table);
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (self->plan != NULL && g_strcmp0 (table, "walking_paths") == 0)
    {
      if (!lc_plan_delete_path (self->plan, fid, &error))
        {
          lc_window_show_error (self, _("The Walking Path Could Not Be Deleted"), error->message);
          return;
        }
      lc_map_view_select (self->map_view, NULL, -1);
      toast = adw_toast_new (_("Walking path deleted"));
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }

  if (self->plan != NULL && g_strcmp0 (table, "facilities") == 0)
    facility = lc_plan_load_facility (self->plan, fid, &error);
  if (facility == NULL)
    {
      if (error != NULL)
        lc_window_show_error (self, _("The Facility Could Not Be Deleted"), error->message);
      else
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Nothing is selected")));
      return;
    }
  if (!lc_plan_delete_facility (self->plan, fid, &error))
    {
      lc_window_show_error (self, _("The Facility Could Not Be Deleted"), error->message);
      return;
    }
  lc_map_view_select (self->map_view, NULL, -1);

  /* Translators: %s is the name of a facility just deleted */
  text = g_strdup_printf (_("“%s” deleted"), facility->name != NULL && *facility->name != '\0'
                                               ? facility->name : _("Facility"));
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- the views and the sidebar's pages ---- */

static void
view_change (GSimpleAction *action,
             GVariant      *value,
             gpointer       user_data)
{
  LcWindow *self = LC_WINDOW (user_data);
  const char *view = g_variant_get_string (value, NULL);

  if (!g_strv_contains ((const char * const[]) { "map", "blueprint", "projects", "needs", "meetings", NULL }, view))
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, view);
}

static void
sidebar_page_change (GSimpleAction *action,
                     GVariant      *value,
                     gpointer       user_data)
{
  LcWindow *self = LC_WINDOW (user_data);
  const char *page = g_variant_get_string (value, NULL);

  if (self->plan == NULL || !g_strv_contains ((const char * const[]) { "plan", "layers", "coverage", NULL }, page))
    return;

  gtk_stack_set_visible_child_name (self->sidebar_stack, page);
  adw_flap_set_reveal_flap (self->flap, TRUE);
}

static const GActionEntry win_actions[] = {
  { "new", new_action },
  { "open", open_action },
  { "open-recent", open_recent_action, "s" },
  { "save", save_action },
  { "save-as", save_as_action },
  { "undo", undo_redo_action },
  { "redo", undo_redo_action },
  { "import-osm", lc_window_import_osm_action },
  { "add-facility", add_facility_action, "s" },
  { "search", search_action },
  { "zoom-to-unit", zoom_to_unit_action },
  { "zoom-to-selection", zoom_to_selection_action },
  { "delete-selection", delete_selection_action },
  { "draw", draw_action, "s" },
  { "cancel-import", lc_window_cancel_import_action },
  { "sidebar-page", NULL, "s", "'plan'", sidebar_page_change },
  { "view", NULL, "s", "'map'", view_change },
};

static const struct
{
  const char *action;
  const char *accels[3];
} win_accels[] = {
  { "win.new", { "<Control>n", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.save", { "<Control>s", NULL } },
  { "win.save-as", { "<Shift><Control>s", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.redo", { "<Shift><Control>z", "<Control>y", NULL } },
  { "win.toggle-sidebar", { "F9", NULL } },
  { "win.sidebar-page::plan", { "<Alt>1", NULL } },
  { "win.sidebar-page::layers", { "<Alt>2", NULL } },
  { "win.sidebar-page::coverage", { "<Alt>3", NULL } },
  { "win.view::map", { "<Control>1", NULL } },
  { "win.view::blueprint", { "<Control>2", NULL } },
  { "win.view::projects", { "<Control>3", NULL } },
  { "win.view::needs", { "<Control>4", NULL } },
  { "win.view::meetings", { "<Control>5", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.zoom-to-unit", { "<Control>0", NULL } },
  { "win.zoom-to-selection", { "<Control>period", NULL } },
  { "window.close", { "<Control>w", NULL } },
};

/**
 * lc_window_set_accels:
 *
 * Gives the windows' actions their keyboard shortcuts in @application
 * (which shows them in the menus too); once, at startup.
 */
void
lc_window_set_accels (GtkApplication *application)
{
  for (guint i = 0; i < G_N_ELEMENTS (win_accels); i++)
    gtk_application_set_accels_for_action (application, win_accels[i].action, win_accels[i].accels);
}

/* Adds the actions to a new window */
void
lc_window_actions_init (LcWindow *self)
{
  g_autoptr(GPropertyAction) toggle_sidebar = NULL;
  GtkEventController *shortcuts;

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);
  toggle_sidebar = g_property_action_new ("toggle-sidebar", self->flap, "reveal-flap");
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (toggle_sidebar));

  /* Delete belongs to the map only: in a text field it deletes text */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0)),
                                                          gtk_named_action_new ("win.delete-selection")));
  gtk_widget_add_controller (GTK_WIDGET (self->map_view), shortcuts);
}
