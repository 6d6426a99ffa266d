/* lc-window-import.c: File ▸ Import OpenStreetMap…
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-window-import"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-osm-import.h"
#include "lc-window-private.h"

/*
 * The import runs in a worker thread on the window's plan (or a new one),
 * with a bar over the map showing how far it got and a Cancel button. The
 * window's actions are off meanwhile (lc_window_update_actions). A failed or
 * cancelled import leaves the plan as it was; a finished one shows its report.
 */

typedef struct
{
  LcWindow    *window;       /* a strong reference while the task runs */
  LcPlan      *plan;
  GFile       *file;
  char        *boundary;
  gboolean     new_plan;
  LcOsmReport *report;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->plan);
  g_clear_object (&data->file);
  g_free (data->boundary);
  g_clear_pointer (&data->report, lc_osm_report_free);
  g_free (data);
}

typedef struct
{
  GWeakRef window;
  double   fraction;
} Progress;

static gboolean
show_progress (gpointer user_data)
{
  Progress *progress = user_data;
  g_autoptr(LcWindow) window = g_weak_ref_get (&progress->window);

  if (window != NULL)
    gtk_progress_bar_set_fraction (window->import_progress, progress->fraction);

  g_weak_ref_clear (&progress->window);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* Called in the worker thread: hand the figure to the main loop */
static void
on_progress (double   fraction,
             gpointer user_data)
{
  Progress *progress = g_new0 (Progress, 1);

  g_weak_ref_init (&progress->window, user_data);
  progress->fraction = fraction;
  g_idle_add (show_progress, progress);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  GError *error = NULL;
  LcOsmImportOptions options = {
    .boundary = data->boundary,
    .undoable = !data->new_plan,
    .progress = on_progress,
    .progress_data = data->window,
  };

  if (lc_osm_import (data->plan, data->file, &options, &data->report, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
import_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  LcWindow *self = LC_WINDOW (object);
  ImportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->import_cancellable);
  gtk_revealer_set_reveal_child (self->import_bar, FALSE);
  lc_window_update_actions (self);

  if (self->close_after_import)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     adw_toast_new (_("Import cancelled: the plan is as it was.")));
      else
        {
          g_autofree char *name = g_file_get_basename (data->file);
          /* Translators: %s is a file name */
          g_autofree char *heading = g_strdup_printf (_("Cannot Import “%s”"), name);

          lc_window_show_error (self, heading, error->message);
        }
      return;
    }

  if (data->new_plan)
    lc_window_set_plan_internal (self, data->plan);

  {
    g_autofree char *report = lc_osm_report_to_text (data->report);
    AdwMessageDialog *dialog;

    dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Import Finished"), report));
    adw_message_dialog_add_response (dialog, "close", _("_Close"));
    adw_message_dialog_set_close_response (dialog, "close");
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

static void
start_import (LcWindow   *self,
              GFile      *file,
              const char *boundary)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ImportData *data = g_new0 (ImportData, 1);

  data->window = g_object_ref (self);
  data->file = g_object_ref (file);
  data->boundary = boundary != NULL && boundary[0] != '\0' ? g_strdup (boundary) : NULL;
  data->new_plan = self->plan == NULL;
  data->plan = data->new_plan ? lc_plan_new (&error) : g_object_ref (self->plan);
  if (data->plan == NULL)
    {
      lc_window_show_error (self, _("Cannot Create a Plan"), error->message);
      import_data_free (data);
      return;
    }

  self->import_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_revealer_set_reveal_child (self->import_bar, TRUE);
  lc_window_update_actions (self);

  task = g_task_new (self, self->import_cancellable, import_done, NULL);
  g_task_set_source_tag (task, start_import);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * lc_window_import_osm_file:
 * @file: an OSM XML file (.osm, .osm.gz or .osm.bz2)
 * @boundary: (nullable): the relation to take as the unit boundary
 *
 * Imports @file into the window's plan, or into a new plan when the window
 * shows none, in a worker thread.
 */
void
lc_window_import_osm_file (LcWindow   *self,
                           GFile      *file,
                           const char *boundary)
{
  g_return_if_fail (LC_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->import_cancellable == NULL);

  start_import (self, file, boundary);
}

/**
 * lc_window_is_importing:
 *
 * Returns: whether an import is running in this window
 */
gboolean
lc_window_is_importing (LcWindow *self)
{
  g_return_val_if_fail (LC_IS_WINDOW (self), FALSE);

  return self->import_cancellable != NULL;
}

/* After the file: which boundary, in a question with an entry */
static void
on_boundary_response (AdwMessageDialog *dialog,
                      const char       *response,
                      LcWindow         *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  g_signal_handlers_disconnect_by_func (dialog, on_boundary_response, self);
  if (g_str_equal (response, "import"))
    start_import (self, file, gtk_editable_get_text (entry));
}

static void
ask_boundary (LcWindow *self,
              GFile    *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();

  if (self->plan != NULL)
    /* Translators: %s is a file name */
    body = g_strdup_printf (_("The walking network, buildings and facilities of “%s” will be added to this plan. "
                              "To take the unit’s boundary from the file, give the relation id or name of "
                              "its sub-district (for example 五角场街道); leave it empty to draw it later."),
                            name);
  else
    /* Translators: %s is a file name */
    body = g_strdup_printf (_("A new plan will be made of the walking network, buildings and facilities of “%s”. "
                              "To take the unit’s boundary from the file, give the relation id or name of "
                              "its sub-district (for example 五角场街道); leave it empty to draw it later."),
                            name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Import OpenStreetMap Data"), body));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Boundary relation (optional)"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "import");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_boundary_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_file_response (GtkNativeDialog *chooser,
                      int              response,
                      gpointer         user_data)
{
  LcWindow *self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (file != NULL)
    ask_boundary (self, file);
}

void
lc_window_import_osm_action (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  LcWindow *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) osm = gtk_file_filter_new ();

  gtk_file_filter_set_name (osm, _("OpenStreetMap data"));
  gtk_file_filter_add_suffix (osm, "osm");
  gtk_file_filter_add_pattern (osm, "*.osm.gz");
  gtk_file_filter_add_pattern (osm, "*.osm.bz2");
  gtk_file_filter_add_mime_type (osm, "application/x-osm+xml");

  chooser = gtk_file_chooser_native_new (_("Import OpenStreetMap Data"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), osm);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_file_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
lc_window_cancel_import_action (GSimpleAction *action,
                                GVariant      *param,
                                gpointer       user_data)
{
  LcWindow *self = user_data;

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}
