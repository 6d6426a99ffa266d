/* ui-helpers.c: shared set-up for the UI tests
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui"

#include "config.h"

#include <adwaita.h>

#include "ui-helpers.h"

/**
 * ui_test_init:
 *
 * Initialises GTest and, when a display is there, GTK and a registered
 * application of a test-only id (so that a running app is never reused).
 *
 * Returns: (transfer full) (nullable): the application, or %NULL when there
 * is no display and the UI tests must be skipped
 */
LcApplication *
ui_test_init (int    *argc,
              char ***argv)
{
  g_autoptr(GError) error = NULL;
  LcApplication *app;

  g_test_init (argc, argv, NULL);

  if (!gtk_init_check ())
    return NULL;

  app = lc_application_new (APP_ID ".Test", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  /* Windows come and go between tests: keep the app alive regardless */
  g_application_hold (G_APPLICATION (app));

  return app;
}

void
ui_test_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

/**
 * ui_test_wait_for:
 *
 * Runs the main loop until @check returns %TRUE or @timeout_ms pass.
 *
 * Returns: the last value of @check
 */
gboolean
ui_test_wait_for (gboolean (*check) (gpointer data),
                  gpointer   data,
                  guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!check (data))
    {
      if (g_get_monotonic_time () > end)
        return check (data);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return TRUE;
}

static gboolean
widget_realized (gpointer data)
{
  return gtk_widget_get_realized (data);
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       data)
{
  *(gboolean *) data = TRUE;
}

/**
 * ui_test_wait_frame:
 *
 * Queues a draw of @widget and runs the main loop until its frame clock has
 * painted after this call (so GTK has laid out and drawn at least once), or
 * a timeout passes. For waits that have no better condition than "let GTK
 * catch up".
 *
 * Returns: whether a frame was painted in time
 */
gboolean
ui_test_wait_frame (GtkWidget *widget)
{
  g_autoptr(GdkFrameClock) clock = NULL;
  gboolean painted = FALSE;
  gulong handler;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  if (!ui_test_wait_for (widget_realized, widget, 5000))
    return FALSE;
  clock = gtk_widget_get_frame_clock (widget);
  if (clock == NULL)
    return FALSE;
  g_object_ref (clock);

  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (widget);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  ui_test_wait_for (flag_set, &painted, 5000);
  g_signal_handler_disconnect (clock, handler);

  return painted;
}

/**
 * ui_test_find_toplevel:
 * @transient_for: (nullable): only windows transient for this one
 *
 * Returns: (transfer none) (nullable): the first toplevel of @type
 */
GtkWindow *
ui_test_find_toplevel (GType      type,
                       GtkWindow *transient_for)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          (transient_for == NULL || gtk_window_get_transient_for (window) == transient_for))
        return window;
    }

  return NULL;
}

/**
 * ui_test_find_widget:
 *
 * Returns: (transfer none) (nullable): the first widget of @type in @root's
 * tree, depth first, @root included
 */
GtkWidget *
ui_test_find_widget (GtkWidget *root,
                     GType      type)
{
  return ui_test_find_widget_where (root, type, NULL, NULL);
}

/**
 * ui_test_find_widget_where:
 * @match: (nullable): what else the widget must meet
 *
 * Returns: (transfer none) (nullable): the first widget of @type under
 *   @root, itself included, for which @match says %TRUE
 */
GtkWidget *
ui_test_find_widget_where (GtkWidget     *root,
                           GType          type,
                           gboolean     (*match) (GtkWidget *widget, gconstpointer data),
                           gconstpointer  data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root, data)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_widget_where (child, type, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * ui_test_collect_text:
 * @texts: (element-type utf8): receives every visible label, title and tooltip
 *
 * Walks @widget and its children and collects the text a person would read.
 */
void
ui_test_collect_text (GtkWidget *widget,
                      GPtrArray *texts)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  /* Key caps (Ctrl, Shift, F9) read the same in every language */
  if (!gtk_widget_get_visible (widget) || GTK_IS_SHORTCUT_LABEL (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  if (ADW_IS_STATUS_PAGE (widget))
    {
      g_ptr_array_add (texts, g_strdup (adw_status_page_get_title (ADW_STATUS_PAGE (widget))));
      g_ptr_array_add (texts, g_strdup (adw_status_page_get_description (ADW_STATUS_PAGE (widget))));
    }
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_ptr_array_add (texts, g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget))));
  if (tooltip != NULL)
    g_ptr_array_add (texts, g_strdup (tooltip));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ui_test_collect_text (child, texts);
}
