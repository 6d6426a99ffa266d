/* lc-need-editor.c: the form of one need of the needs list
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-need-editor"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-form.h"
#include "lc-map-view.h"
#include "lc-need-editor.h"
#include "lc-project.h"
#include "lc-services.h"

/*
 * A modal window over the main one, like the project editor: nothing is
 * written until Save, which writes the need and its links to the projects
 * answering it as one undo step. The place is a point, typed, clicked on
 * the map or taken from the map's centre.
 */

struct _LcNeedEditor
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *need_group;
  AdwPreferencesGroup *place_group;
  GtkWidget  *projects_row;   /* AdwExpanderRow */

  /* Owned */
  LcPlan     *plan;
  LcNeed     *need;           /* as loaded, or a new one */
  LcForm      form;
  GPtrArray  *projects;       /* LcProject, of the plan */
  GPtrArray  *project_checks;

  /* Borrowed */
  LcMapView  *map_view;       /* (nullable) */
};

G_DEFINE_FINAL_TYPE (LcNeedEditor, lc_need_editor, ADW_TYPE_WINDOW)

static const char * const urgency_keys[] = { "1", "2", "3", "4", NULL };

/* Whole numbers of a field: @value -1 when empty; FALSE when not one */
static gboolean
parse_count (const char *text,
             int        *value)
{
  double number;

  if (!lc_form_parse_number (text, &number) || (!isnan (number) && (number != floor (number) || fabs (number) > 1e9)))
    return FALSE;
  *value = isnan (number) ? -1 : (int) number;
  return TRUE;
}

/* The need as the form has it; FALSE, with the problems shown, when it
 * cannot be saved */
static gboolean
read_form (LcNeedEditor *self,
           LcNeed       *n)
{
  g_autoptr(GString) need = g_string_new (NULL);
  g_autoptr(GString) place = g_string_new (NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *urgency = NULL;
  double lat, lon;

  g_free (n->date);
  n->date = lc_form_dup_text (&self->form, "date");
  n->source = lc_form_field_combo_value (&self->form, "source");
  n->service = lc_form_combo_key (&self->form, "service");
  g_free (n->description);
  n->description = lc_form_dup_text (&self->form, "description");
  n->status = lc_form_field_combo_value (&self->form, "status");
  n->notes = lc_form_dup_text (&self->form, "notes");
  urgency = lc_form_combo_key (&self->form, "urgency");
  n->urgency = urgency != NULL ? atoi (urgency) : 0;
  if (!parse_count (lc_form_text (&self->form, "residents"), &n->residents))
    g_string_append_printf (need, "%s\n", _("The number of residents is not a whole number."));
  if (!lc_form_parse_number (lc_form_text (&self->form, "latitude"), &lat) ||
      !lc_form_parse_number (lc_form_text (&self->form, "longitude"), &lon))
    g_string_append_printf (place, "%s\n", _("The latitude and longitude must be numbers."));
  else
    {
      n->latitude = lat;
      n->longitude = lon;
    }

  if (need->len == 0 && place->len == 0)
    {
      /* The place's problems under the place (those of a need with nothing
       * else wrong), the rest under the need */
      g_autoptr(LcNeed) where = lc_need_new ();
      g_autoptr(GPtrArray) place_problems = NULL;

      where->date = g_strdup ("2025-01-01");
      g_free (where->description);
      where->description = g_strdup ("-");
      where->latitude = n->latitude;
      where->longitude = n->longitude;
      place_problems = lc_need_check (where);
      problems = lc_need_check (n);
      for (guint i = 0; i < problems->len; i++)
        {
          const char *problem = ((LcProblem *) g_ptr_array_index (problems, i))->message;
          gboolean of_place = FALSE;

          for (guint j = 0; j < place_problems->len && !of_place; j++)
            of_place = g_str_equal (((LcProblem *) g_ptr_array_index (place_problems, j))->message, problem);
          g_string_append_printf (of_place ? place : need, "%s\n", problem);
        }
    }
  lc_form_set_error (&self->form, "need", need);
  lc_form_set_error (&self->form, "place", place);
  return need->len == 0 && place->len == 0;
}

static void
save_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  LcNeedEditor *self = LC_NEED_EDITOR (widget);
  g_autoptr(LcNeed) n = lc_need_new ();
  g_autoptr(GError) error = NULL;
  gint64 fid;

  n->fid = self->need->fid;
  if (!read_form (self, n))
    return;
  for (guint i = 0; i < self->projects->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->project_checks, i)))
      g_array_append_val (n->project_ids, ((LcProject *) g_ptr_array_index (self->projects, i))->id);

  fid = lc_plan_save_need (self->plan, n, &error);
  if (fid == 0)
    {
      g_autoptr(GString) text = g_string_new (error != NULL ? error->message : "");

      lc_form_set_error (&self->form, "need", text);
      return;
    }
  self->need->fid = fid;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* The need's values, and what comes from the plan: choices, projects */
static void
fill_form (LcNeedEditor *self)
{
  const LcNeed *n = self->need;
  g_autoptr(GtkStringList) services = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) urgencies = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) service_keys = g_strv_builder_new ();
  g_auto(GStrv) keys = NULL;
  g_autofree char *urgency = n->urgency > 0 ? g_strdup_printf ("%d", n->urgency) : NULL;
  g_autofree char *residents = n->residents >= 0 ? g_strdup_printf ("%d", n->residents) : NULL;
  g_autofree char *lat = lc_form_number_text (n->latitude, 1);
  g_autofree char *lon = lc_form_number_text (n->longitude, 1);
  guint n_services;
  const LcService *all = lc_services_get_all (&n_services);

  for (guint i = 0; i < n_services; i++)
    {
      gtk_string_list_append (services, lc_service_get_display_name (&all[i]));
      g_strv_builder_add (service_keys, all[i].key);
    }
  keys = g_strv_builder_end (service_keys);
  /* Translators: the urgency of a need, 1 to 4 (急难愁盼) */
  gtk_string_list_append (urgencies, _("1 – Low"));
  gtk_string_list_append (urgencies, _("2 – Moderate"));
  gtk_string_list_append (urgencies, _("3 – High"));
  gtk_string_list_append (urgencies, _("4 – Most urgent"));

  lc_form_set_text (&self->form, "description", n->description);
  lc_form_set_text (&self->form, "date", n->date);
  lc_form_set_field_combo (&self->form, "source", LC_FIELD_NEED_SOURCE, n->source);
  lc_form_set_combo (&self->form, "service", services, (const char * const *) keys, TRUE, n->service);
  lc_form_set_combo (&self->form, "urgency", urgencies, urgency_keys, TRUE, urgency);
  lc_form_set_text (&self->form, "residents", residents);
  lc_form_set_field_combo (&self->form, "status", LC_FIELD_NEED_STATUS, n->status);
  lc_form_set_text (&self->form, "latitude", lat);
  lc_form_set_text (&self->form, "longitude", lon);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "need-editor.map-centre", self->map_view != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "need-editor.pick-point", self->map_view != NULL);

  for (guint i = 0; i < self->projects->len; i++)
    {
      const LcProject *p = g_ptr_array_index (self->projects, i);
      g_autofree char *title = g_markup_escape_text (p->name, -1);
      gboolean linked = FALSE;

      for (guint j = 0; n->project_ids != NULL && j < n->project_ids->len; j++)
        linked |= g_array_index (n->project_ids, gint64, j) == p->id;
      g_ptr_array_add (self->project_checks,
                       lc_form_add_check (ADW_PREFERENCES_ROW (self->projects_row), title, linked));
    }
  if (self->projects->len == 0)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->projects_row), _("The plan has no projects yet."));
  lc_form_set_text (&self->form, "notes", n->notes);
}

static void
lc_need_editor_finalize (GObject *object)
{
  LcNeedEditor *self = LC_NEED_EDITOR (object);

  g_clear_object (&self->plan);
  g_clear_pointer (&self->need, lc_need_free);
  lc_form_clear (&self->form);
  g_clear_pointer (&self->projects, g_ptr_array_unref);
  g_clear_pointer (&self->project_checks, g_ptr_array_unref);
  G_OBJECT_CLASS (lc_need_editor_parent_class)->finalize (object);
}

static void
lc_need_editor_class_init (LcNeedEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = lc_need_editor_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-need-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, LcNeedEditor, need_group);
  gtk_widget_class_bind_template_child (widget_class, LcNeedEditor, place_group);
  gtk_widget_class_bind_template_child (widget_class, LcNeedEditor, projects_row);
  gtk_widget_class_install_action (widget_class, "need-editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "need-editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "need-editor.map-centre", NULL, lc_form_map_centre_action);
  gtk_widget_class_install_action (widget_class, "need-editor.pick-point", NULL, lc_form_pick_point_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "need-editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "need-editor.save", NULL);
}

static void
lc_need_editor_init (LcNeedEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lc_form_init (&self->form, GTK_WIDGET (self));
  lc_form_add_error (&self->form, self->need_group, "need");
  lc_form_add_error (&self->form, self->place_group, "place");
  self->project_checks = g_ptr_array_new ();
}

/**
 * lc_need_editor_new:
 * @fid: the need to edit, or 0 for a new one
 *
 * Returns: (transfer none) (nullable): a new editor, not yet shown; %NULL
 *   with @error set when the plan cannot be read
 */
LcNeedEditor *
lc_need_editor_new (GtkWindow  *parent,
                    LcPlan     *plan,
                    gint64      fid,
                    LcMapView  *map_view,
                    GError    **error)
{
  LcNeedEditor *self;
  g_autoptr(LcNeed) need = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  GError *local = NULL;

  need = fid != 0 ? lc_plan_load_need (plan, fid, &local) : NULL;
  if (local == NULL)
    projects = lc_plan_list_projects (plan, NULL, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (need == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      need = lc_need_new ();
      need->date = g_date_time_format (now, "%Y-%m-%d");
    }

  self = g_object_new (LC_TYPE_NEED_EDITOR, "transient-for", parent, NULL);
  self->plan = g_object_ref (plan);
  self->map_view = map_view;
  self->form.map_view = map_view;
  self->need = g_steal_pointer (&need);
  self->projects = g_steal_pointer (&projects);
  gtk_window_set_title (GTK_WINDOW (self), self->need->fid != 0 ? _("Edit Need") : _("New Need"));
  fill_form (self);
  return self;
}

/**
 * lc_need_editor_get_field:
 * @name: "description", "date", "source", "service", "urgency",
 *   "residents", "status", "latitude", "longitude", "notes", or
 *   "project:ID"
 *
 * Returns: (transfer none) (nullable): the widget of a field: an entry or
 *   combo row, or a check button
 */
GtkWidget *
lc_need_editor_get_field (LcNeedEditor *self,
                          const char   *name)
{
  g_return_val_if_fail (LC_IS_NEED_EDITOR (self), NULL);

  if (g_str_has_prefix (name, "project:"))
    {
      gint64 id = g_ascii_strtoll (name + 8, NULL, 10);

      for (guint i = 0; i < self->projects->len; i++)
        if (((LcProject *) g_ptr_array_index (self->projects, i))->id == id)
          return g_ptr_array_index (self->project_checks, i);
      return NULL;
    }
  return lc_form_field (&self->form, name);
}

/**
 * lc_need_editor_get_fid:
 *
 * Returns: the need's fid: 0 for a new need until it is saved
 */
gint64
lc_need_editor_get_fid (LcNeedEditor *self)
{
  g_return_val_if_fail (LC_IS_NEED_EDITOR (self), 0);

  return self->need->fid;
}
