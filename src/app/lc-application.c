/* lc-application.c: the application object
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "lc-application.h"
#include "lc-plan.h"
#include "lc-preferences-window.h"
#include "lc-window.h"

struct _LcApplication
{
  AdwApplication parent_instance;

  /* Owned */
  GSettings *settings;

  gboolean recovery_offered;

  guint signal_sources[2];
};

G_DEFINE_FINAL_TYPE (LcApplication, lc_application, ADW_TYPE_APPLICATION)

/**
 * lc_application_check_schema:
 *
 * GSettings aborts the process when a schema is missing; an uninstalled run
 * without GSETTINGS_SCHEMA_DIR would do that. Check first so that main() can
 * say what is wrong instead.
 *
 * Returns: %TRUE when our schema is installed
 */
gboolean
lc_application_check_schema (GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The settings schema “%s” is not installed. Install the application, or run "
                     "it from the build directory with “meson devenv -C build”."),
                   APP_ID);
      return FALSE;
    }

  return TRUE;
}

static void
apply_color_scheme (LcApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme value = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    value = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

static LcWindow *
get_or_create_window (LcApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (LC_IS_WINDOW (window))
    return LC_WINDOW (window);

  return lc_window_new (self);
}

/* ---- recovery after a crash ---- */

static void offer_next_recovery (LcApplication *self, GPtrArray *items);

static void
on_recovery_response (AdwMessageDialog *dialog,
                      const char       *response,
                      GPtrArray        *items)
{
  LcApplication *self = g_object_get_data (G_OBJECT (dialog), "application");
  LcRecoverable *item = items->pdata[0];
  g_autoptr(GError) error = NULL;

  /* Closing the dialog after a response emits the close response too */
  g_signal_handlers_disconnect_by_func (dialog, on_recovery_response, items);

  if (g_str_equal (response, "restore"))
    {
      g_autoptr(LcPlan) plan = lc_plan_restore (item->id, &error);

      if (plan != NULL)
        lc_window_show_plan (get_or_create_window (self), plan);
      else
        g_warning ("Could not restore unsaved work: %s", error->message);
    }
  else if (g_str_equal (response, "discard"))
    lc_plan_discard_recoverable (item->id, NULL);
  /* "later" keeps it for the next start */

  g_ptr_array_remove_index (items, 0);
  offer_next_recovery (self, items);
}

static void
offer_next_recovery (LcApplication *self,
                     GPtrArray     *items)
{
  LcRecoverable *item;
  AdwMessageDialog *dialog;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;

  if (items->len == 0)
    {
      g_ptr_array_unref (items);
      return;
    }

  item = items->pdata[0];
  {
    g_autoptr(GDateTime) local = g_date_time_to_local (item->modified);
    /* Translators: a date and time, see g_date_time_format() */
    when = g_date_time_format (local, _("%Y-%m-%d %H:%M"));
  }
  /* Translators: the first %s is a file name, the second a date and time */
  body = g_strdup_printf (_("Life Circle Planner stopped while “%s” had changes that were not saved, "
                            "last made at %s. Restore them to look at them and save them?"),
                          item->display_name, when);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (get_or_create_window (self)),
                                                       _("Restore Unsaved Changes?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "discard", _("_Discard"),
                                    "later", _("_Later"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  adw_message_dialog_set_close_response (dialog, "later");
  g_object_set_data (G_OBJECT (dialog), "application", self);
  g_signal_connect (dialog, "response", G_CALLBACK (on_recovery_response), items);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * lc_application_offer_recovery:
 *
 * Asks, one plan at a time, whether to restore the unsaved changes that
 * ended processes left behind. The app does it once, with its first window.
 */
void
lc_application_offer_recovery (LcApplication *self)
{
  g_return_if_fail (LC_IS_APPLICATION (self));

  offer_next_recovery (self, lc_plan_list_recoverable ());
}

static void
offer_recovery_once (LcApplication *self)
{
  if (self->recovery_offered)
    return;
  self->recovery_offered = TRUE;

  lc_application_offer_recovery (self);
}

static void
lc_application_activate (GApplication *app)
{
  LcApplication *self = LC_APPLICATION (app);
  LcWindow *window = get_or_create_window (self);

  gtk_window_present (GTK_WINDOW (window));
  offer_recovery_once (self);
}

static void
lc_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  LcApplication *self = LC_APPLICATION (app);
  LcWindow *window = get_or_create_window (self);

  gtk_window_present (GTK_WINDOW (window));
  /* Each file gets a window of its own, unless this one is empty */
  for (int i = 0; i < n_files; i++)
    lc_window_open_file (window, files[i]);
  offer_recovery_once (self);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  LcApplication *self = user_data;
  LcPreferencesWindow *prefs = lc_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (prefs),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  LcApplication *self = user_data;
  const char *developers[] = { "The Life Circle Planner authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Life Circle Planner"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Life Circle Planner authors"),
                        "developers", developers,
                        "comments", _("Plan Shanghai’s 15-minute community life circles: the unit’s "
                                      "map, walking coverage, blueprint, projects and resident "
                                      "meetings in one portable file."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Life Circle Planner authors",
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Map data"),
                                      _("Map data derived from OpenStreetMap © OpenStreetMap "
                                        "contributors, available under the Open Database License "
                                        "(ODbL 1.0)."),
                                      GTK_LICENSE_CUSTOM, NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Close each window, rather than quit outright, so that each saves its state */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

/* SIGINT and SIGTERM close the windows as Quit does, so that a terminal's
 * Ctrl+C or a session logout keeps the window's state */
static gboolean
on_quit_signal (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
lc_application_startup (GApplication *app)
{
  LcApplication *self = LC_APPLICATION (app);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.quit", { "<Control>q", NULL } },
  };

  G_APPLICATION_CLASS (lc_application_parent_class)->startup (app);

  g_set_application_name (_("Life Circle Planner"));
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
  lc_window_set_accels (GTK_APPLICATION (app));

  self->signal_sources[0] = g_unix_signal_add (SIGINT, on_quit_signal, self);
  self->signal_sources[1] = g_unix_signal_add (SIGTERM, on_quit_signal, self);
}

static void
lc_application_shutdown (GApplication *app)
{
  LcApplication *self = LC_APPLICATION (app);

  for (guint i = 0; i < G_N_ELEMENTS (self->signal_sources); i++)
    g_clear_handle_id (&self->signal_sources[i], g_source_remove);

  G_APPLICATION_CLASS (lc_application_parent_class)->shutdown (app);
}

static void
lc_application_dispose (GObject *object)
{
  LcApplication *self = LC_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lc_application_parent_class)->dispose (object);
}

static void
lc_application_class_init (LcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = lc_application_dispose;
  app_class->startup = lc_application_startup;
  app_class->shutdown = lc_application_shutdown;
  app_class->activate = lc_application_activate;
  app_class->open = lc_application_open;
}

static void
lc_application_init (LcApplication *self)
{
}

/**
 * lc_application_new:
 * @application_id: normally %APP_ID; tests pass their own
 * @flags: extra flags; %G_APPLICATION_HANDLES_OPEN is always set
 *
 * Returns: (transfer full): a new application
 */
LcApplication *
lc_application_new (const char        *application_id,
                    GApplicationFlags  flags)
{
  return g_object_new (LC_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * lc_application_get_settings:
 *
 * Returns: (transfer none): the application's settings, valid after startup
 */
GSettings *
lc_application_get_settings (LcApplication *self)
{
  g_return_val_if_fail (LC_IS_APPLICATION (self), NULL);

  return self->settings;
}
