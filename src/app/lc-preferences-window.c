/* lc-preferences-window.c: the application's preferences
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-preferences-window"

#include "config.h"

#include "lc-preferences-window.h"

struct _LcPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  AdwComboRow *style_row;

  /* Owned */
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (LcPreferencesWindow, lc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The rows of style_row, in order, as stored in the "color-scheme" key */
static const char * const color_schemes[] = { "default", "light", "dark" };

static gboolean
scheme_to_row (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_str_equal (scheme, color_schemes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
row_to_scheme (const GValue       *value,
               const GVariantType *type,
               gpointer            user_data)
{
  guint row = g_value_get_uint (value);

  if (row >= G_N_ELEMENTS (color_schemes))
    return NULL;

  return g_variant_new_string (color_schemes[row]);
}

static void
lc_preferences_window_dispose (GObject *object)
{
  LcPreferencesWindow *self = LC_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (lc_preferences_window_parent_class)->dispose (object);
}

static void
lc_preferences_window_class_init (LcPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/lc-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LcPreferencesWindow, style_row);
}

static void
lc_preferences_window_init (LcPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * lc_preferences_window_new:
 * @settings: the application's settings, which the window edits directly
 *
 * Returns: (transfer full): a new preferences window
 */
LcPreferencesWindow *
lc_preferences_window_new (GSettings *settings)
{
  LcPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LC_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  g_settings_bind_with_mapping (settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, scheme_to_row, row_to_scheme, NULL, NULL);

  return self;
}
