/* lc-window.c: the main window
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-application.h"
#include "lc-file-identify.h"
#include "lc-map-view.h"
#include "lc-window.h"

struct _LcWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  AdwFlap         *flap;
  LcMapView       *map_view;

  /* Owned */
  GSettings       *settings;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (LcWindow, lc_window, ADW_TYPE_APPLICATION_WINDOW)

static void
set_action_enabled (LcWindow   *self,
                    const char *name,
                    gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* The one place that decides which window actions can run */
static void
update_actions (LcWindow *self)
{
  /* No plan document exists yet, so there is nothing to create or save */
  set_action_enabled (self, "new", FALSE);
  set_action_enabled (self, "save", FALSE);
  set_action_enabled (self, "save-as", FALSE);
  set_action_enabled (self, "open", TRUE);
}

static void
show_error (LcWindow   *self,
            const char *heading,
            const char *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
identify_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  LcFileKind kind = lc_file_identify (task_data, NULL, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, kind);
}

static void
identify_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LcWindow *self = LC_WINDOW (object);
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  gssize kind;

  kind = g_task_propagate_int (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Cannot Open “%s”"), name);

  if (error != NULL)
    body = g_strdup (error->message);
  else if (kind == LC_FILE_KIND_GEOPACKAGE)
    body = g_strdup_printf ("%s %s", lc_file_kind_describe (kind),
                            _("This version of Life Circle Planner cannot read plan files yet."));
  else
    body = g_strdup (lc_file_kind_describe (kind));

  show_error (self, heading, body);
}

/**
 * lc_window_open_file:
 * @file: the file to open
 *
 * Opens @file in this window. Errors are shown in the window.
 */
void
lc_window_open_file (LcWindow *self,
                     GFile    *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LC_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, self->cancellable, identify_done, NULL);
  g_task_set_source_tag (task, lc_window_open_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, identify_thread);
}

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
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  LcWindow *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) plans = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (plans, _("Plan files"));
  gtk_file_filter_add_mime_type (plans, "application/x-lifecircle-plan");
  gtk_file_filter_add_suffix (plans, "lcplan");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  chooser = gtk_file_chooser_native_new (_("Open Plan"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), plans);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static const GActionEntry win_actions[] = {
  { "new" },
  { "open", open_action },
  { "save" },
  { "save-as" },
};

static void
load_state (LcWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  adw_flap_set_reveal_flap (self->flap, g_settings_get_boolean (self->settings, "sidebar-visible"));
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
lc_window_close_request (GtkWindow *window)
{
  LcWindow *self = LC_WINDOW (window);

  save_state (self);
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (lc_window_parent_class)->close_request (window);
}

static void
lc_window_dispose (GObject *object)
{
  LcWindow *self = LC_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, LcWindow, map_view);
}

static void
lc_window_init (LcWindow *self)
{
  g_autoptr(GPropertyAction) toggle_sidebar = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);
  toggle_sidebar = g_property_action_new ("toggle-sidebar", self->flap, "reveal-flap");
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (toggle_sidebar));
  update_actions (self);
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
