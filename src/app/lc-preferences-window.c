/* lc-preferences-window.c: the application's preferences
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-preferences-window"

#include "config.h"

#include "lc-basemap.h"
#include "lc-preferences-window.h"

struct _LcPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  AdwComboRow *style_row;
  AdwComboRow *basemap_row;
  GtkWidget   *key_group;
  AdwEntryRow *key_row;
  GtkLabel    *key_error;
  GtkWidget   *url_group;
  AdwEntryRow *url_row;
  GtkLabel    *url_error;

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

/* ---- the online basemap ---- */

/* The key or template field of a basemap shows with it */
static void
update_basemap_groups (LcPreferencesWindow *self)
{
  guint row = adw_combo_row_get_selected (self->basemap_row);

  gtk_widget_set_visible (self->key_group, row == LC_BASEMAP_TIANDITU);
  gtk_widget_set_visible (self->url_group, row == LC_BASEMAP_CUSTOM);
}

static gboolean
basemap_to_row (GValue   *value,
                GVariant *variant,
                gpointer  user_data)
{
  LcBasemap basemap = LC_BASEMAP_NONE;

  /* A nick of a later version: none */
  lc_basemap_from_key (g_variant_get_string (variant, NULL), &basemap);
  g_value_set_uint (value, basemap);
  return TRUE;
}

static GVariant *
row_to_basemap (const GValue       *value,
                const GVariantType *type,
                gpointer            user_data)
{
  guint row = g_value_get_uint (value);

  if (row > LC_BASEMAP_CUSTOM)
    return NULL;
  return g_variant_new_string (lc_basemap_to_key (row));
}

/* Says under the row what is wrong with it; %NULL clears it */
static void
show_error (AdwEntryRow *row,
            GtkLabel    *label,
            const char  *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* Checked as it is typed; kept only when applied and valid */
static gboolean
check_entry (LcPreferencesWindow *self,
             AdwEntryRow         *row)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  gboolean valid;

  if (row == self->key_row)
    {
      g_autofree char *key = g_strstrip (g_strdup (text));

      valid = lc_basemap_check_tianditu_key (key, &error);
      show_error (row, self->key_error, valid ? NULL : error->message);
    }
  else
    {
      valid = lc_basemap_check_url (text, &error);
      show_error (row, self->url_error, valid ? NULL : error->message);
    }

  return valid;
}

static void
on_key_changed (LcPreferencesWindow *self)
{
  check_entry (self, self->key_row);
}

static void
on_url_changed (LcPreferencesWindow *self)
{
  check_entry (self, self->url_row);
}

static void
on_key_apply (LcPreferencesWindow *self)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));

  if (check_entry (self, self->key_row))
    g_settings_set_string (self->settings, "tianditu-key", key);
}

static void
on_url_apply (LcPreferencesWindow *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));

  if (check_entry (self, self->url_row))
    g_settings_set_string (self->settings, "basemap-url", url);
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
  gtk_widget_class_bind_template_child (widget_class, LcPreferencesWindow, basemap_row);
  gtk_widget_class_bind_template_child (widget_class, LcPreferencesWindow, key_group);
  gtk_widget_class_bind_template_child (widget_class, LcPreferencesWindow, key_row);
  gtk_widget_class_bind_template_child (widget_class, LcPreferencesWindow, key_error);
  gtk_widget_class_bind_template_child (widget_class, LcPreferencesWindow, url_group);
  gtk_widget_class_bind_template_child (widget_class, LcPreferencesWindow, url_row);
  gtk_widget_class_bind_template_child (widget_class, LcPreferencesWindow, url_error);
  gtk_widget_class_bind_template_callback (widget_class, on_key_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_key_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_url_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_url_apply);
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

  /* The stored key and template, unchecked until edited */
  {
    g_autofree char *key = g_settings_get_string (settings, "tianditu-key");
    g_autofree char *url = g_settings_get_string (settings, "basemap-url");

    g_signal_handlers_block_by_func (self->key_row, on_key_changed, self);
    g_signal_handlers_block_by_func (self->url_row, on_url_changed, self);
    gtk_editable_set_text (GTK_EDITABLE (self->key_row), key);
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
    g_signal_handlers_unblock_by_func (self->key_row, on_key_changed, self);
    g_signal_handlers_unblock_by_func (self->url_row, on_url_changed, self);
  }
  g_settings_bind_with_mapping (settings, "basemap", self->basemap_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, basemap_to_row, row_to_basemap, NULL, NULL);
  g_signal_connect_object (self->basemap_row, "notify::selected",
                           G_CALLBACK (update_basemap_groups), self, G_CONNECT_SWAPPED);
  update_basemap_groups (self);

  return self;
}
