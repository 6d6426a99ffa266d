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

/* The widgets under @widget that a template named (not those within them) */
static void
add_fields (LcForm    *form,
            GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!g_str_equal (gtk_widget_get_name (child), G_OBJECT_TYPE_NAME (child)))
      g_hash_table_insert (form->fields, g_strdup (gtk_widget_get_name (child)), child);
    else
      add_fields (form, child);
}

/**
 * lc_form_init:
 * @editor: an editor window, its template built
 *
 * Makes @form the editor's: its fields are the widgets of the template
 * that have a name (the `name` property: an entry or combo row, or a text
 * view), known by that name; and it is the form of the actions below
 * (lc_form_map_centre_action(), lc_form_pick_point_action()).
 */
void
lc_form_init (LcForm    *form,
              GtkWidget *editor)
{
  form->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  form->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  add_fields (form, editor);
  g_object_set_data (G_OBJECT (editor), "lc-form", form);
}

void
lc_form_clear (LcForm *form)
{
  g_clear_pointer (&form->fields, g_hash_table_unref);
  g_clear_pointer (&form->errors, g_hash_table_unref);
}

/**
 * lc_form_add_error:
 * @key: the name lc_form_set_error() knows the group by
 *
 * Gives @group a hidden label for what is wrong with it, under its rows.
 */
void
lc_form_add_error (LcForm              *form,
                   AdwPreferencesGroup *group,
                   const char          *key)
{
  GtkWidget *error = gtk_label_new (NULL);
  GtkWidget *box;

  gtk_label_set_xalign (GTK_LABEL (error), 0);
  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_widget_set_margin_top (error, 6);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_visible (error, FALSE);
  adw_preferences_group_add (group, error);
  /* A group shows its rows (a list box) first, then its other widgets in
   * the order they came: the label goes first of those, over the lists
   * and charts the template put there */
  box = gtk_widget_get_parent (error);
  if (GTK_IS_BOX (box) && GTK_IS_LIST_BOX (gtk_widget_get_first_child (box)))
    gtk_box_reorder_child_after (GTK_BOX (box), error, gtk_widget_get_first_child (box));
  g_hash_table_insert (form->errors, g_strdup (key), error);
}

/* Puts @value into field @name, an entry or a text view */
void
lc_form_set_text (LcForm     *form,
                  const char *name,
                  const char *value)
{
  GtkWidget *field = lc_form_field (form, name);

  if (value == NULL)
    value = "";
  if (GTK_IS_TEXT_VIEW (field))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field)), value, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (field), value);
}

/**
 * lc_form_set_combo:
 * @names: what the rows shows for each choice
 * @keys: the key of each choice, as many as @names
 * @optional: the first choice is "Not Set", before @names
 * @value: (nullable): the key chosen at first
 *
 * Gives combo row @name its choices; lc_form_combo_key() reads it.
 */
void
lc_form_set_combo (LcForm             *form,
                   const char         *name,
                   GtkStringList      *names,
                   const char * const *keys,
                   gboolean            optional,
                   const char         *value)
{
  GtkWidget *row = lc_form_field (form, name);
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
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (strings));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  g_object_set_data (G_OBJECT (row), "lc-optional", GINT_TO_POINTER (optional));
  g_object_set_data_full (G_OBJECT (row), "lc-keys", g_strdupv ((char **) keys), (GDestroyNotify) g_strfreev);
}

/**
 * lc_form_set_field_combo:
 * @value: the value of @field's enum chosen at first
 *
 * Gives combo row @name the values of @field by their translated names, in
 * the order of its enum, a _NONE as "Not Set"; lc_form_field_combo_value()
 * reads it.
 */
void
lc_form_set_field_combo (LcForm     *form,
                         const char *name,
                         LcField     field,
                         int         value)
{
  GtkWidget *row = lc_form_field (form, name);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < lc_field_get_n_values (field); i++)
    gtk_string_list_append (names, lc_field_to_key (field, i) != NULL ? lc_field_get_name (field, i) : _("Not Set"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), (guint) value < lc_field_get_n_values (field) ? (guint) value : 0);
}

/**
 * lc_form_field_combo_value:
 *
 * Returns: the value of the field's enum chosen in combo row @name
 */
int
lc_form_field_combo_value (LcForm     *form,
                           const char *name)
{
  guint i = adw_combo_row_get_selected (ADW_COMBO_ROW (lc_form_field (form, name)));

  return i != GTK_INVALID_LIST_POSITION ? (int) i : 0;
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

/* The text of field @name (an entry or a text view) without surrounding
 * spaces; %NULL when empty */
char *
lc_form_dup_text (LcForm     *form,
                  const char *name)
{
  GtkWidget *field = lc_form_field (form, name);
  g_autofree char *text = NULL;

  if (GTK_IS_TEXT_VIEW (field))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  else
    text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (field)));
  g_strstrip (text);
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

/* A page's filter by @field: "All …" (@all), then each value with a key */
void
lc_fill_field_dropdown (GtkDropDown *dropdown,
                        const char  *all,
                        LcField      field)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);

  gtk_string_list_append (strings, all);
  for (guint v = 0; v < lc_field_get_n_values (field); v++)
    if (lc_field_to_key (field, v) != NULL)
      gtk_string_list_append (strings, lc_field_get_name (field, v));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (strings));
}

/* Whether lc_fill_field_dropdown()'s @dropdown shows one value, @value,
 * rather than all */
gboolean
lc_field_dropdown_value (GtkDropDown *dropdown,
                         LcField      field,
                         int         *value)
{
  guint i = gtk_drop_down_get_selected (dropdown), shown = 0;

  for (guint v = 0; i != GTK_INVALID_LIST_POSITION && v < lc_field_get_n_values (field); v++)
    if (lc_field_to_key (field, v) != NULL && ++shown == i)
      {
        *value = (int) v;
        return TRUE;
      }
  return FALSE;
}

/* Appends the message of each of @problems (element-type LcProblem), one a
 * line, to a group's error text */
void
lc_form_append_problems (GString   *text,
                         GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (text, "%s\n", ((LcProblem *) problems->pdata[i])->message);
}

/* A page's count of what it lists (@text), or, when @failed, why it lists
 * nothing: the plan could not be read */
void
lc_set_count_label (GtkLabel   *label,
                    const char *text,
                    gboolean    failed)
{
  gtk_label_set_text (label, text);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
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
