/* lc-form.c: what the editors and pages share: form rows, their errors, messages
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-form"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-form.h"
#include "lc-map-view.h"
#include "lc-profile.h"

void
lc_form_init (LcForm *form)
{
  form->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  form->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
lc_form_clear (LcForm *form)
{
  g_clear_pointer (&form->fields, g_hash_table_unref);
  g_clear_pointer (&form->errors, g_hash_table_unref);
}

/**
 * lc_form_build_window:
 * @action_prefix: the window's actions, such as "editor": its header's
 *   Cancel and Save run "PREFIX.cancel" and "PREFIX.save"
 *
 * Gives an editor window its content: a header with Cancel and Save, and
 * a preferences page below; @form is then the window's, for the actions
 * below (lc_form_map_centre_action(), lc_form_pick_point_action()).
 *
 * Returns: (transfer none): the page, for the form's groups
 */
AdwPreferencesPage *
lc_form_build_window (LcForm     *form,
                      AdwWindow  *window,
                      const char *action_prefix)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  g_autofree char *cancel_action = g_strconcat (action_prefix, ".cancel", NULL);
  g_autofree char *save_action = g_strconcat (action_prefix, ".save", NULL);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), cancel_action);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), save_action);
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_widget_set_vexpand (GTK_WIDGET (page), TRUE);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (page));
  adw_window_set_content (window, toolbar);
  g_object_set_data (G_OBJECT (window), "lc-form", form);
  return page;
}

/**
 * lc_form_add_group:
 * @key: the name lc_form_set_error() knows the group by
 *
 * Returns: (transfer none): a new group at the end of @page, with a hidden
 *   error label at its top
 */
AdwPreferencesGroup *
lc_form_add_group (LcForm             *form,
                   AdwPreferencesPage *page,
                   const char         *key,
                   const char         *title)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *error = gtk_label_new (NULL);

  adw_preferences_group_set_title (group, title);
  adw_preferences_page_add (page, group);
  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_widget_set_margin_top (error, 6);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);
  adw_preferences_group_add (group, error);
  g_hash_table_insert (form->errors, g_strdup (key), error);
  return group;
}

/* Adds a row to a group, or to a boxed list of the group's (to place it
 * after other widgets: a group shows its own rows first) */
void
lc_form_add_row (gpointer   container,
                 GtkWidget *row)
{
  if (GTK_IS_LIST_BOX (container))
    gtk_list_box_append (container, row);
  else
    adw_preferences_group_add (container, row);
}

/**
 * lc_form_add_entry:
 * @container: a preferences group, or a list box
 *
 * Returns: (transfer none): an entry row, known to the form as @name
 */
GtkWidget *
lc_form_add_entry (LcForm     *form,
                   gpointer    container,
                   const char *name,
                   const char *title,
                   const char *value)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
  gtk_widget_set_name (row, name);
  lc_form_add_row (container, row);
  g_hash_table_insert (form->fields, g_strdup (name), row);
  return row;
}

/**
 * lc_form_add_combo:
 * @names: what the rows shows for each choice
 * @keys: the key of each choice, as many as @names
 * @optional: the first choice is "Not Set", before @names
 * @value: (nullable): the key chosen at first
 *
 * Returns: (transfer none): a combo row; lc_form_combo_key() reads it
 */
GtkWidget *
lc_form_add_combo (LcForm              *form,
                   AdwPreferencesGroup *group,
                   const char          *name,
                   const char          *title,
                   GtkStringList       *names,
                   const char * const  *keys,
                   gboolean             optional,
                   const char          *value)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  guint selected = 0;

  if (optional)
    gtk_string_list_append (strings, _("Not Set"));
  for (guint i = 0; keys[i] != NULL; i++)
    {
      gtk_string_list_append (strings, gtk_string_list_get_string (names, i));
      if (g_strcmp0 (keys[i], value) == 0)
        selected = i + (optional ? 1 : 0);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (strings));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  gtk_widget_set_name (row, name);
  g_object_set_data (G_OBJECT (row), "lc-optional", GINT_TO_POINTER (optional));
  g_object_set_data_full (G_OBJECT (row), "lc-keys", g_strdupv ((char **) keys), (GDestroyNotify) g_strfreev);
  adw_preferences_group_add (group, row);
  g_hash_table_insert (form->fields, g_strdup (name), row);
  return row;
}

/* A combo row of the keys of @kind, by their translated names */
GtkWidget *
lc_form_add_field_combo (LcForm              *form,
                         AdwPreferencesGroup *group,
                         const char          *name,
                         const char          *title,
                         LcField              kind,
                         gboolean             optional,
                         const char          *value)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char * const *keys = lc_field_keys (kind);

  for (guint i = 0; keys[i] != NULL; i++)
    gtk_string_list_append (names, lc_field_name (kind, keys[i]));
  return lc_form_add_combo (form, group, name, title, names, keys, optional, value);
}

/**
 * lc_form_combo_key:
 *
 * Returns: (transfer full) (nullable): the key chosen in combo row @name;
 *   %NULL for "Not Set"
 */
char *
lc_form_combo_key (LcForm     *form,
                   const char *name)
{
  GtkWidget *row = lc_form_field (form, name);
  gboolean optional = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "lc-optional"));
  char **keys = g_object_get_data (G_OBJECT (row), "lc-keys");
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  if (i == GTK_INVALID_LIST_POSITION || (optional && i == 0))
    return NULL;
  return g_strdup (keys[i - (optional ? 1 : 0)]);
}

/* A row with a check button in an expander row; returns the check button */
GtkWidget *
lc_form_add_check (AdwPreferencesRow *expander,
                   const char        *title,
                   gboolean           active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  return check;
}

/* An activatable row with an icon that runs @action */
GtkWidget *
lc_form_add_button_row (AdwPreferencesGroup *group,
                        const char          *title,
                        const char          *icon,
                        const char          *action)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
  adw_preferences_group_add (group, row);
  return row;
}

GtkWidget *
lc_form_field (LcForm     *form,
               const char *name)
{
  return g_hash_table_lookup (form->fields, name);
}

const char *
lc_form_text (LcForm     *form,
              const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (lc_form_field (form, name)));
}

/* The text of field @name without surrounding spaces; %NULL when empty */
char *
lc_form_dup_text (LcForm     *form,
                  const char *name)
{
  g_autofree char *text = g_strstrip (g_strdup (lc_form_text (form, name)));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* Shows @text (lines) under group @group, or hides it when empty */
void
lc_form_set_error (LcForm     *form,
                   const char *group,
                   GString    *text)
{
  GtkLabel *label = g_hash_table_lookup (form->errors, group);

  if (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  gtk_label_set_text (label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (label), text->len > 0);
}

/* Reads a number typed in a field, with either decimal mark whatever the
 * locale: NAN for none, FALSE when it is not one */
gboolean
lc_form_parse_number (const char *text,
                      double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  *value = NAN;
  if (*copy == '\0')
    return TRUE;
  return lc_parse_decimal (copy, value, NULL);
}

/* @value × @scale as a field shows it, in the locale's format (which
 * lc_form_parse_number() reads back), to the precision of a coordinate;
 * %NULL for NAN */
char *
lc_form_number_text (double value,
                     double scale)
{
  return isnan (value) ? NULL : g_strdup_printf ("%.10g", value * scale);
}

/* Puts a point into the fields "latitude" and "longitude" */
void
lc_form_set_point (LcForm *form,
                   double  latitude,
                   double  longitude)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  gtk_editable_set_text (GTK_EDITABLE (lc_form_field (form, "latitude")),
                         g_ascii_formatd (buf, sizeof buf, "%.6f", latitude));
  gtk_editable_set_text (GTK_EDITABLE (lc_form_field (form, "longitude")),
                         g_ascii_formatd (buf, sizeof buf, "%.6f", longitude));
}

typedef struct
{
  GtkWidget    *editor;
  LcFormPicked  picked;
  gulong        handler;
} Pick;

static void
on_location_picked (LcMapView  *map_view,
                    LcGeometry *location,
                    Pick       *pick)
{
  g_autoptr(GtkWidget) editor = g_object_ref (pick->editor);
  LcFormPicked picked = pick->picked;

  g_signal_handler_disconnect (map_view, pick->handler);   /* frees @pick */
  if (location != NULL)
    picked (editor, location);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
pick_free (gpointer  data,
           GClosure *closure)
{
  Pick *pick = data;

  g_object_unref (pick->editor);
  g_free (pick);
}

/**
 * lc_form_pick_on_map:
 * @editor: a modal editor window
 * @area: an area drawn point by point, rather than a point clicked
 * @picked: called with the point or area, unless the planner gives up
 *
 * The editor steps aside (hidden) while the planner clicks or draws on the
 * map, and comes back afterwards, with the place or without (Esc).
 */
void
lc_form_pick_on_map (GtkWidget    *editor,
                     LcMapView    *map_view,
                     gboolean      area,
                     LcFormPicked  picked)
{
  Pick *pick = g_new0 (Pick, 1);

  pick->editor = g_object_ref (editor);
  pick->picked = picked;
  pick->handler = g_signal_connect_data (map_view, "location-picked", G_CALLBACK (on_location_picked), pick,
                                         pick_free, 0);
  gtk_widget_set_visible (editor, FALSE);
  lc_map_view_pick_location (map_view, area);
}

/* An editor's action: its "latitude" and "longitude" fields take the map's centre */
void
lc_form_map_centre_action (GtkWidget  *editor,
                           const char *name,
                           GVariant   *param)
{
  LcForm *form = g_object_get_data (G_OBJECT (editor), "lc-form");
  double lat, lon;

  if (form == NULL || form->map_view == NULL)
    return;
  lc_map_view_get_view (form->map_view, &lat, &lon, NULL);
  lc_form_set_point (form, lat, lon);
}

static void
set_picked_point (GtkWidget  *editor,
                  LcGeometry *location)
{
  LcForm *form = g_object_get_data (G_OBJECT (editor), "lc-form");

  if (form != NULL && location->n_points > 0)
    lc_form_set_point (form, location->xy[1], location->xy[0]);
}

/* An editor's action: its "latitude" and "longitude" fields take a point
 * clicked on the map (lc_form_pick_on_map()) */
void
lc_form_pick_point_action (GtkWidget  *editor,
                           const char *name,
                           GVariant   *param)
{
  LcForm *form = g_object_get_data (G_OBJECT (editor), "lc-form");

  if (form != NULL && form->map_view != NULL && gtk_widget_get_visible (editor))
    lc_form_pick_on_map (editor, form->map_view, FALSE, set_picked_point);
}

/* A message over @from's window: an edit that could not be made */
void
lc_show_error (GtkWidget  *from,
               const char *heading,
               const char *body)
{
  GtkRoot *root = gtk_widget_get_root (from);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A toast in @from's window saying what was done, with Undo */
void
lc_add_undo_toast (GtkWidget  *from,
                   const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (from, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}
