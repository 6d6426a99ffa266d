/* lc-window.c: the main window
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-window"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "lc-application.h"
#include "lc-search.h"
#include "lc-map-view.h"
#include "lc-layers-page.h"
#include "lc-needs-page.h"
#include "lc-projects-page.h"
#include "lc-plan-page.h"
#include "lc-plan-summary.h"
#include "lc-profile.h"
#include "lc-window-private.h"

#define MAX_RECENT 8

/*
 * One window shows one plan. Opening or creating a plan in a window that
 * already shows one opens another window, so that nothing is replaced
 * without asking. Closing a window with unsaved changes asks first.
 */

G_DEFINE_FINAL_TYPE (LcWindow, lc_window, ADW_TYPE_APPLICATION_WINDOW)

/* The map's own buttons (sidebar, add) only where the map is */
static void
on_view_shown (LcWindow *self)
{
  gboolean map = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "map") == 0;

  gtk_widget_set_visible (self->sidebar_button, map);
  gtk_widget_set_visible (self->add_button, map);
  /* Leaving the map gives up what its tool was doing: adding, drawing, or
   * picking a place for an editor (which then comes back) */
  if (!map && lc_map_view_get_tool (self->map_view) != LC_MAP_TOOL_SELECT)
    lc_map_view_set_tool (self->map_view, LC_MAP_TOOL_SELECT);
}

/* Where the view switcher takes the title's place (a wide window), the
 * plan's name stays in sight beside the header's buttons */
static void
update_document_label (LcWindow *self)
{
  const char *text = gtk_label_get_text (self->document_label);

  gtk_widget_set_visible (GTK_WIDGET (self->document_label),
                          text[0] != '\0' && !adw_view_switcher_title_get_title_visible (self->window_title));
}

static void
update_title (LcWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;
  g_autofree char *subtitle = NULL;
  GFile *file;

  if (self->plan == NULL)
    {
      gtk_widget_set_visible (self->save_spinner, FALSE);
      adw_view_switcher_title_set_title (self->window_title, _("Life Circle Planner"));
      adw_view_switcher_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Life Circle Planner"));
      gtk_label_set_text (self->document_label, "");
      update_document_label (self);
      return;
    }

  name = lc_plan_dup_display_name (self->plan);
  file = lc_plan_get_file (self->plan);

  /* A dot before the name marks unsaved changes, as in GNOME Text Editor */
  title = lc_plan_get_modified (self->plan) ? g_strdup_printf ("• %s", name) : g_strdup (name);

  gtk_widget_set_visible (self->save_spinner, lc_plan_get_busy (self->plan));
  if (lc_plan_get_busy (self->plan))
    subtitle = g_strdup (_("Saving…"));
  else if (file == NULL)
    subtitle = g_strdup (_("Not saved yet"));
  else
    {
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *dir = parent != NULL ? g_file_get_path (parent) : NULL;
      const char *home = g_get_home_dir ();

      if (dir != NULL && g_str_has_prefix (dir, home) && home[1] != '\0')
        subtitle = g_strconcat ("~", dir + strlen (home), NULL);
      else
        subtitle = g_steal_pointer (&dir);
    }

  adw_view_switcher_title_set_title (self->window_title, title);
  adw_view_switcher_title_set_subtitle (self->window_title, subtitle);
  gtk_label_set_text (self->document_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->document_label), subtitle);
  update_document_label (self);
  /* Translators: the window's title for the task bar; %s is the plan's file name */
  window_title = g_strdup_printf (_("%s — Life Circle Planner"), title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

static void
on_plan_state (LcWindow *self)
{
  update_title (self);
  lc_window_update_actions (self);
}

/* The plan's own view and attribution (drawing its data is the map's job) */
static void
update_map_for_plan (LcWindow *self)
{
  g_autofree char *attribution = NULL;
  g_autoptr(LcProfile) profile = NULL;

  if (self->plan != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* The map shows without them; the log says why */
      if ((attribution = lc_plan_dup_attribution (self->plan, &error)) == NULL && error != NULL)
        g_warning ("%s", error->message);
      g_clear_error (&error);
      if ((profile = lc_plan_get_profile (self->plan, &error)) == NULL)
        g_warning ("%s", error->message);
    }

  lc_map_view_set_plan (self->map_view, self->plan);
  lc_map_view_set_attribution (self->map_view, attribution);
  if (profile != NULL && profile->has_view)
    lc_map_view_set_view (self->map_view, profile->view_latitude, profile->view_longitude, profile->view_zoom);
}

void
lc_window_set_plan_internal (LcWindow *self,
                             LcPlan   *plan)
{
  if (self->plan != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->plan, self);
      /* Deletes the working copy: callers have saved or chosen to discard */
      lc_plan_close (self->plan);
      g_clear_object (&self->plan);
    }

  if (plan != NULL)
    {
      self->plan = g_object_ref (plan);
      g_signal_connect_swapped (plan, "notify::modified", G_CALLBACK (on_plan_state), self);
      g_signal_connect_swapped (plan, "notify::file", G_CALLBACK (on_plan_state), self);
      g_signal_connect_swapped (plan, "notify::busy", G_CALLBACK (on_plan_state), self);
      g_signal_connect_swapped (plan, "notify::can-undo", G_CALLBACK (lc_window_update_actions), self);
      g_signal_connect_swapped (plan, "notify::can-redo", G_CALLBACK (lc_window_update_actions), self);
    }

  lc_plan_page_set_plan (self->plan_page, plan);
  lc_blueprint_page_set_plan (self->blueprint_page, plan);
  lc_projects_page_set_plan (self->projects_page, plan);
  lc_needs_page_set_plan (self->needs_page, plan);
  lc_meetings_page_set_plan (self->meetings_page, plan);
  update_map_for_plan (self);
  lc_window_coverage_set_plan (self);
  gtk_stack_set_visible_child_name (self->sidebar_stack, plan != NULL ? "plan" : "welcome");
  on_plan_state (self);
}

/**
 * lc_window_show_error:
 *
 * Returns: (transfer none): the message dialog, shown
 */
AdwMessageDialog *
lc_window_show_error (LcWindow   *self,
                      const char *heading,
                      const char *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* ---- recent files ---- */

void
lc_window_add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .mime_type = (char *) PLAN_MIME_TYPE,
    .app_name = (char *) "lifecircle",
    .app_exec = (char *) "lifecircle %u",
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *x = gtk_recent_info_get_modified (*(GtkRecentInfo **) a);
  GDateTime *y = gtk_recent_info_get_modified (*(GtkRecentInfo **) b);

  return -g_date_time_compare (x, y);
}

static void
update_recent_menu (LcWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr(GPtrArray) plans = g_ptr_array_new ();
  guint shown = 0;

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (g_strcmp0 (gtk_recent_info_get_mime_type (info), PLAN_MIME_TYPE) == 0 ||
          g_str_has_suffix (gtk_recent_info_get_uri (info), ".lcplan"))
        g_ptr_array_add (plans, info);
    }
  g_ptr_array_sort (plans, compare_recent);

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; i < plans->len && shown < MAX_RECENT; i++)
    {
      GtkRecentInfo *info = plans->pdata[i];
      g_autoptr(GMenuItem) item = NULL;

      if (!gtk_recent_info_exists (info))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_section, item);
      shown++;
    }
  if (shown == 0)
    /* An item without an action shows greyed out */
    g_menu_append (self->recent_section, _("No Recent Plans"), NULL);

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* ---- open ---- */

/* A window for a plan: this one when it shows none, else a new one */
static LcWindow *
window_for_plan (LcWindow *self)
{
  LcWindow *window;

  if (self->plan == NULL && !self->opening)
    return self;

  window = lc_window_new (LC_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
open_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  LcPlan *plan = lc_plan_open (task_data, cancellable, &error);

  if (plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan, g_object_unref);
}

static void
open_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LcWindow *self = LC_WINDOW (object);
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = g_task_propagate_pointer (G_TASK (result), &error);

  self->opening = FALSE;

  if (plan == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Translators: %s is a file name */
      heading = g_strdup_printf (_("Cannot Open “%s”"), name);
      lc_window_show_error (self, heading, error->message);
      return;
    }

  lc_window_set_plan_internal (self, plan);
  lc_window_add_to_recent (file);
}

/**
 * lc_window_open_file:
 * @file: a plan file
 *
 * Opens @file, in this window when it shows no plan, else in a new one.
 * Errors are shown in the window.
 */
void
lc_window_open_file (LcWindow *self,
                     GFile    *file)
{
  g_autoptr(GTask) task = NULL;
  LcWindow *target;

  g_return_if_fail (LC_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  target = window_for_plan (self);
  target->opening = TRUE;

  task = g_task_new (target, target->cancellable, open_done, NULL);
  g_task_set_source_tag (task, lc_window_open_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, open_thread);
}

/**
 * lc_window_set_plan:
 * @plan: a plan, for example restored after a crash
 *
 * Shows @plan, in this window when it shows none, else in a new one.
 */
void
lc_window_show_plan (LcWindow *self,
                     LcPlan   *plan)
{
  g_return_if_fail (LC_IS_WINDOW (self));
  g_return_if_fail (LC_IS_PLAN (plan));

  lc_window_set_plan_internal (window_for_plan (self), plan);
}

/* ---- the map's tools and selection ---- */

static void
on_map_notice (LcWindow   *self,
               const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Whether @table holds shapes the shape inspector shows */
gboolean
lc_window_is_shape (const char *table)
{
  return g_strcmp0 (table, "walking_paths") == 0 || g_strcmp0 (table, "buildings") == 0 ||
         g_strcmp0 (table, "unit_boundary") == 0;
}

static void
on_map_selected (LcWindow   *self,
                 const char *table,
                 gint64      id)
{
  /* The map lets go of its selection as the window is torn down */
  if (self->sidebar_stack == NULL)
    return;

  if (g_strcmp0 (table, "facilities") == 0 && self->plan != NULL)
    {
      lc_facility_inspector_show (self->inspector, self->plan, id);
      gtk_stack_set_visible_child_name (self->sidebar_stack, "inspector");
      adw_flap_set_reveal_flap (self->flap, TRUE);
    }
  else if (lc_window_is_shape (table) && self->plan != NULL)
    {
      lc_shape_inspector_show (self->shape_inspector, self->plan, table, id);
      gtk_stack_set_visible_child_name (self->sidebar_stack, "shape");
      adw_flap_set_reveal_flap (self->flap, TRUE);
    }
  else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->sidebar_stack), "inspector") == 0 ||
           g_strcmp0 (gtk_stack_get_visible_child_name (self->sidebar_stack), "shape") == 0)
    gtk_stack_set_visible_child_name (self->sidebar_stack, self->plan != NULL ? "plan" : "welcome");
}

/* ---- finding and zooming ---- */

static void
on_search_changed (LcWindow *self)
{
  g_clear_pointer (&self->search_hits, g_ptr_array_unref);
  self->search_next = 0;
}

/* Enter: the next hit, on the map; a facility is also selected */
static void
on_search_activate (LcWindow *self)
{
  LcSearchHit *hit;
  double zoom;

  if (self->plan == NULL)
    return;
  if (self->search_hits == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->search_hits = lc_plan_search (self->plan, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), 50,
                                          &error);
      if (self->search_hits == NULL)
        {
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
          return;
        }
    }
  if (self->search_hits->len == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Nothing found")));
      return;
    }

  hit = self->search_hits->pdata[self->search_next++ % self->search_hits->len];
  if (!isnan (hit->latitude))
    {
      lc_map_view_get_view (self->map_view, NULL, NULL, &zoom);
      lc_map_view_go_to (self->map_view, hit->latitude, hit->longitude, MAX (zoom, 17));
    }
  if (g_strcmp0 (hit->table, "facilities") == 0)
    lc_map_view_select (self->map_view, hit->table, hit->id);

  if (self->search_hits->len > 1)
    {
      /* Translators: %s is a name found; the numbers say which of how many */
      g_autofree char *text = g_strdup_printf (_("%s (%u of %u; Enter shows the next)"), hit->name,
                                               (self->search_next - 1) % self->search_hits->len + 1,
                                               self->search_hits->len);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
    }
}

static void
on_inspector_closed (LcWindow *self)
{
  lc_map_view_select (self->map_view, NULL, -1);
}

/* ---- the views: map, blueprint, projects, needs ---- */

/* A need double-clicked in the needs list: shown and selected on the map */
static void
on_need_activated (LcWindow *self,
                   gint64    fid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcNeed) need = self->plan != NULL ? lc_plan_load_need (self->plan, fid, &error) : NULL;
  double zoom;

  if (error != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  if (need == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "map");
  if (isfinite (need->latitude) && isfinite (need->longitude))
    {
      lc_map_view_get_view (self->map_view, NULL, NULL, &zoom);
      lc_map_view_go_to (self->map_view, need->latitude, need->longitude, MAX (zoom, 17));
    }
  lc_map_view_select (self->map_view, "needs", fid);
}

/* A project of the meetings page's list of those missing a meeting: shown
 * and selected in the projects view */
static void
on_meetings_project_activated (LcWindow *self,
                               gint64    id)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "projects");
  if (!lc_projects_page_select (self->projects_page, id))
    {
      /* Hidden by the view or the search: show all projects */
      lc_projects_page_set_view (self->projects_page, 0);
      lc_projects_page_set_search (self->projects_page, "");
      lc_projects_page_select (self->projects_page, id);
    }
}

/* ---- the sidebar's pages ---- */

/* Keeps the switcher's buttons on the page shown, and none pressed while the
 * facility inspector or the welcome page is up */
static void
on_sidebar_page_shown (LcWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "sidebar-page");
  const char *page = gtk_stack_get_visible_child_name (self->sidebar_stack);

  if (action != NULL && page != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (page));
}

/* ---- drag and drop ---- */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         LcWindow      *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
        lc_window_open_file (self, l->data);
      return TRUE;
    }
  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      lc_window_open_file (self, g_value_get_object (value));
      return TRUE;
    }
  return FALSE;
}

/* ---- window state and closing ---- */

static void
load_state (LcWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  adw_flap_set_reveal_flap (self->flap, g_settings_get_boolean (self->settings, "sidebar-visible"));
  lc_layers_page_bind_settings (self->layers_page, self->settings);
  lc_map_view_bind_settings (self->map_view, self->settings);
  lc_map_view_set_view (self->map_view,
                        g_settings_get_double (self->settings, "map-latitude"),
                        g_settings_get_double (self->settings, "map-longitude"),
                        g_settings_get_double (self->settings, "map-zoom"));
}

static void
save_state (LcWindow *self)
{
  double latitude, longitude, zoom;
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  g_settings_delay (self->settings);

  /* A maximised window keeps the size it had before, to return to */
  if (!maximized)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  g_settings_set_boolean (self->settings, "sidebar-visible", adw_flap_get_reveal_flap (self->flap));

  lc_map_view_get_view (self->map_view, &latitude, &longitude, &zoom);
  g_settings_set_double (self->settings, "map-latitude", latitude);
  g_settings_set_double (self->settings, "map-longitude", longitude);
  g_settings_set_double (self->settings, "map-zoom", zoom);

  g_settings_apply (self->settings);
}

static gboolean
close_in_idle (gpointer user_data)
{
  gtk_window_close (user_data);
  return G_SOURCE_REMOVE;
}

/* Closes the window from the main loop: not from inside a dialog's own
 * signal, since closing us destroys it */
void
lc_window_close_later (LcWindow *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, close_in_idle, g_object_ref (self), g_object_unref);
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   LcWindow         *self)
{
  /* Closing the dialog after a response emits the close response too */
  g_signal_handlers_disconnect_by_func (dialog, on_close_response, self);

  if (g_str_equal (response, "discard"))
    {
      self->close_confirmed = TRUE;
      lc_window_close_later (self);
    }
  else if (g_str_equal (response, "save"))
    {
      self->close_after_save = TRUE;
      lc_window_save (self);
    }
}

static void
ask_before_closing (LcWindow *self)
{
  g_autofree char *name = lc_plan_dup_display_name (self->plan);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  /* Translators: %s is a file name */
  body = g_strdup_printf (_("“%s” has changes that are not saved. If you don’t save, they will be lost."),
                          name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
lc_window_close_request (GtkWindow *window)
{
  LcWindow *self = LC_WINDOW (window);

  /* The import thread writes into the plan: stop it first, then close */
  if (self->import_cancellable != NULL)
    {
      self->close_after_import = TRUE;
      g_cancellable_cancel (self->import_cancellable);
      return TRUE;
    }

  /* A save writes the file in a thread: the window closes once it is
   * complete (or, when it failed, asks about the unsaved changes) */
  if (self->plan != NULL && lc_plan_get_busy (self->plan))
    {
      self->close_after_save = TRUE;
      return TRUE;
    }

  if (self->plan != NULL && lc_plan_get_modified (self->plan) && !self->close_confirmed)
    {
      ask_before_closing (self);
      return TRUE;
    }

  save_state (self);
  g_cancellable_cancel (self->cancellable);
  lc_window_set_plan_internal (self, NULL);

  return GTK_WINDOW_CLASS (lc_window_parent_class)->close_request (window);
}

static void
lc_window_dispose (GObject *object)
{
  LcWindow *self = LC_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->search_hits, g_ptr_array_unref);
  lc_window_coverage_dispose (self);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_clear_object (&self->plan);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_WINDOW);

  G_OBJECT_CLASS (lc_window_parent_class)->dispose (object);
}

static void
lc_window_class_init (LcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lc_window_dispose;
  window_class->close_request = lc_window_close_request;

  g_type_ensure (LC_TYPE_MAP_VIEW);
  g_type_ensure (LC_TYPE_PLAN_PAGE);
  g_type_ensure (LC_TYPE_FACILITY_INSPECTOR);
  g_type_ensure (LC_TYPE_SHAPE_INSPECTOR);
  g_type_ensure (LC_TYPE_COVERAGE_PAGE);
  g_type_ensure (LC_TYPE_LAYERS_PAGE);
  g_type_ensure (LC_TYPE_BLUEPRINT_PAGE);
  g_type_ensure (LC_TYPE_PROJECTS_PAGE);
  g_type_ensure (LC_TYPE_NEEDS_PAGE);
  g_type_ensure (LC_TYPE_MEETINGS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, document_label);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, save_spinner);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, blueprint_page);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, projects_page);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, needs_page);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, meetings_page);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, plan_page);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, layers_page);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, sidebar_switcher);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, shape_inspector);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, coverage_page);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, import_bar);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, import_progress);
}

static void
lc_window_init (LcWindow *self)
{
  GtkDropTarget *drop;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_FILE };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  lc_window_actions_init (self);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, types, G_N_ELEMENTS (types));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_swapped (self->map_view, "selected", G_CALLBACK (on_map_selected), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (on_search_activate), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (self->inspector, "closed", G_CALLBACK (on_inspector_closed), self);
  g_signal_connect_swapped (self->shape_inspector, "closed", G_CALLBACK (on_inspector_closed), self);
  g_signal_connect_swapped (self->map_view, "notice", G_CALLBACK (on_map_notice), self);
  lc_window_coverage_init (self);
  g_signal_connect_swapped (self->window_title, "notify::title-visible", G_CALLBACK (update_document_label), self);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name", G_CALLBACK (on_view_shown), self);
  g_signal_connect_swapped (self->sidebar_stack, "notify::visible-child-name",
                            G_CALLBACK (on_sidebar_page_shown), self);
  lc_layers_page_set_map_view (self->layers_page, self->map_view);
  lc_projects_page_set_map_view (self->projects_page, self->map_view);
  lc_needs_page_set_map_view (self->needs_page, self->map_view);
  g_signal_connect_swapped (self->needs_page, "need-activated", G_CALLBACK (on_need_activated), self);
  lc_meetings_page_set_map_view (self->meetings_page, self->map_view);
  g_signal_connect_swapped (self->meetings_page, "project-activated", G_CALLBACK (on_meetings_project_activated), self);

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
  update_recent_menu (self);

  on_plan_state (self);
}

/**
 * lc_window_new:
 *
 * Returns: (transfer none): a new window, owned by @application
 */
LcWindow *
lc_window_new (LcApplication *application)
{
  LcWindow *self;

  g_return_val_if_fail (LC_IS_APPLICATION (application), NULL);

  self = g_object_new (LC_TYPE_WINDOW, "application", application, NULL);
  self->settings = g_object_ref (lc_application_get_settings (application));
  load_state (self);

  return self;
}

/**
 * lc_window_get_map_view:
 *
 * Returns: (transfer none): the window's map
 */
LcMapView *
lc_window_get_map_view (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->map_view;
}

/**
 * lc_window_get_plan:
 *
 * Returns: (transfer none) (nullable): the plan the window shows
 */
LcPlan *
lc_window_get_plan (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->plan;
}

/**
 * lc_window_get_plan_page:
 *
 * Returns: (transfer none): the sidebar page of the plan's unit and contents
 */
LcPlanPage *
lc_window_get_plan_page (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->plan_page;
}

/**
 * lc_window_get_projects_page:
 *
 * Returns: (transfer none): the view of the plan's projects
 */
LcProjectsPage *
lc_window_get_projects_page (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->projects_page;
}

/**
 * lc_window_get_needs_page:
 *
 * Returns: (transfer none): the view of the plan's needs list
 */
LcNeedsPage *
lc_window_get_needs_page (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->needs_page;
}

/**
 * lc_window_get_meetings_page:
 *
 * Returns: (transfer none): the view of the plan's meeting log
 */
LcMeetingsPage *
lc_window_get_meetings_page (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return self->meetings_page;
}

/**
 * lc_window_get_view:
 *
 * Returns: the view shown: "map", "blueprint", "projects", "needs" or "meetings"
 */
const char *
lc_window_get_view (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

/**
 * lc_window_is_busy:
 *
 * Returns: whether a plan is being opened in this window
 */
gboolean
lc_window_is_busy (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), FALSE);

  return self->opening;
}
