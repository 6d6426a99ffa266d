/* lc-shape-inspector.c: the sidebar page of a walking path, building or the unit boundary
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-shape-inspector"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-shape.h"
#include "lc-profile.h"
#include "lc-shape-inspector.h"
#include "lc-form.h"

/*
 * What the planner selected on the basemap, and its fields: a walking
 * path's name, class and status, and its length; a building's name, floors,
 * whether people live there and how many, and its footprint; the unit
 * boundary's name and area. Each change is one undo step; a wrong value is
 * explained under the fields and changes nothing. The map shows the shape's
 * handles; the hint says how to use them.
 */

struct _LcShapeInspector
{
  GtkWidget parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  AdwEntryRow         *name_row;
  AdwComboRow         *class_row;
  AdwComboRow         *status_row;
  AdwEntryRow         *levels_row;
  AdwActionRow        *residential_row;
  GtkSwitch           *residential_switch;
  AdwEntryRow         *population_row;
  AdwActionRow        *measure_row;
  GtkLabel            *problems_label;
  GtkLabel            *hint_label;
  GtkWidget           *delete_button;

  /* Owned */
  LcPlan     *plan;

  const char *table;         /* interned */
  gint64      fid;
  gboolean    updating;      /* filling the fields: not an edit */
};

G_DEFINE_FINAL_TYPE (LcShapeInspector, lc_shape_inspector, GTK_TYPE_WIDGET)

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is (LcShapeInspector *self,
    const char       *table)
{
  return self->table == g_intern_static_string (table);
}

static void
say (LcShapeInspector *self,
     const char       *problem)
{
  gtk_label_set_text (self->problems_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), problem != NULL);
}

static char *
text_of (LcShapeInspector *self,
         const char       *column)
{
  return lc_plan_get_text (self->plan, self->table, self->fid, column);
}

static void
refresh (LcShapeInspector *self)
{
  g_autoptr(LcGeometry) shape = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *measure = NULL;

  if (self->plan == NULL || self->fid < 0 ||
      (shape = lc_plan_load_geometry (self->plan, self->table, self->fid, &error)) == NULL)
    {
      if (error != NULL)
        lc_show_error (GTK_WIDGET (self), _("The Shape Could Not Be Read"), error->message);
      g_signal_emit (self, signals[CLOSED], 0);
      return;
    }

  self->updating = TRUE;
  name = text_of (self, "name");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");

  gtk_widget_set_visible (GTK_WIDGET (self->class_row), is (self, "walking_paths"));
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), is (self, "walking_paths"));
  gtk_widget_set_visible (GTK_WIDGET (self->levels_row), is (self, "buildings"));
  gtk_widget_set_visible (GTK_WIDGET (self->residential_row), is (self, "buildings"));
  gtk_widget_set_visible (GTK_WIDGET (self->population_row), is (self, "buildings"));
  gtk_widget_set_visible (self->delete_button, is (self, "walking_paths"));

  if (is (self, "walking_paths"))
    {
      g_autofree char *highway = text_of (self, "highway");
      g_autofree char *status_key = text_of (self, "status");
      const char * const *classes = lc_path_classes ();
      LcPathStatus status = LC_PATH_STATUS_EXISTING;
      guint i;

      adw_preferences_group_set_title (self->group, _("Walking Path"));
      for (i = 0; classes[i] != NULL && g_strcmp0 (classes[i], highway) != 0; i++)
        ;
      /* A class of OSM's that we do not offer shows as none of ours */
      adw_combo_row_set_selected (self->class_row, classes[i] != NULL ? i : GTK_INVALID_LIST_POSITION);
      lc_path_status_from_key (status_key, &status);
      adw_combo_row_set_selected (self->status_row, status);
      /* Translators: a walking path's length */
      measure = g_strdup_printf (_("%.0f m"), lc_geometry_length_m (shape));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->measure_row), _("Length"));
      gtk_label_set_text (self->hint_label,
                          _("On the map, drag a round handle to move a point, drag a small one to add a point, "
                            "double-click a handle to remove its point."));
    }
  else if (is (self, "buildings"))
    {
      g_autofree char *levels = text_of (self, "levels");
      g_autofree char *residential = text_of (self, "residential");
      g_autofree char *population = text_of (self, "population");
      g_autofree char *source_key = text_of (self, "population_source");
      LcPopulationSource source = LC_POPULATION_SOURCE_NONE;

      adw_preferences_group_set_title (self->group, _("Building"));
      gtk_editable_set_text (GTK_EDITABLE (self->levels_row), levels != NULL ? levels : "");
      gtk_switch_set_active (self->residential_switch, g_strcmp0 (residential, "1") == 0);
      gtk_editable_set_text (GTK_EDITABLE (self->population_row), population != NULL ? population : "");
      lc_population_source_from_key (source_key, &source);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->population_row),
                                     source == LC_POPULATION_SOURCE_ESTIMATED ? _("Residents (estimated)")
                                                                              : _("Residents"));
      /* Translators: a building's footprint */
      measure = g_strdup_printf (_("%.0f m²"), lc_geometry_area_m2 (shape));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->measure_row), _("Footprint"));
      gtk_label_set_text (self->hint_label,
                          _("Residents are estimated from the footprint and floors (35 m² of floor a person); "
                            "enter a counted figure to replace the estimate."));
    }
  else
    {
      adw_preferences_group_set_title (self->group, _("Unit Boundary"));
      /* Translators: the unit's area */
      measure = g_strdup_printf (_("%.2f km²"), lc_geometry_area_m2 (shape) / 1e6);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->measure_row), _("Area"));
      gtk_label_set_text (self->hint_label,
                          _("On the map, drag a round handle to move a point, drag a small one to add a point, "
                            "double-click a handle to remove its point. To draw the boundary anew, choose "
                            "Draw the Unit Boundary in the add menu."));
    }
  adw_action_row_set_subtitle (self->measure_row, measure);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), TRUE);
  self->updating = FALSE;
}

static void
on_plan_changed (LcShapeInspector *self,
                 LcPlanChange      change)
{
  if (self->table != NULL && (change & lc_plan_change_for_table (self->table)))
    refresh (self);
}

/* A number within [min, max], whole when @whole; %FALSE with the row marked */
static gboolean
parse_number (AdwEntryRow *row,
              double       min,
              double       max,
              gboolean     whole,
              double      *out)
{
  /* Either decimal mark, whatever the locale */
  if (!lc_parse_decimal (gtk_editable_get_text (GTK_EDITABLE (row)), out, NULL) || *out < min || *out > max ||
      (whole && *out != floor (*out)))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  return TRUE;
}

static void
on_text_apply (AdwEntryRow      *row,
               LcShapeInspector *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;
  double value;

  say (self, NULL);
  if (row == self->name_row)
    ok = lc_plan_set_text (self->plan, _("Rename"), self->table, self->fid, "name",
                           gtk_editable_get_text (GTK_EDITABLE (row)), &error);
  else if (row == self->levels_row)
    {
      if (!parse_number (row, 0, 200, TRUE, &value))
        {
          say (self, _("Floors are a whole number from 0 to 200, such as 6."));
          return;
        }
      ok = lc_plan_set_building_levels (self->plan, self->fid, (int) value, &error);
    }
  else if (row == self->population_row)
    {
      if (!parse_number (row, 0, 100000, FALSE, &value))
        {
          say (self, _("Residents are a number from 0 to 100,000, such as 240."));
          return;
        }
      ok = lc_plan_set_building_population (self->plan, self->fid, value, &error);
    }

  if (!ok)
    say (self, error->message);
}

static void
on_residential (LcShapeInspector *self)
{
  g_autoptr(GError) error = NULL;

  if (self->updating || self->plan == NULL)
    return;
  if (!lc_plan_set_building_residential (self->plan, self->fid, gtk_switch_get_active (self->residential_switch), &error))
    say (self, error->message);
}

static void
on_combo_selected (AdwComboRow      *row,
                   GParamSpec       *pspec,
                   LcShapeInspector *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (row);
  gboolean ok;

  if (self->updating || self->plan == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (row == self->class_row)
    ok = lc_plan_set_text (self->plan, _("Change Path Class"), "walking_paths", self->fid, "highway",
                           lc_path_classes ()[selected], &error);
  else
    ok = lc_plan_set_text (self->plan, _("Change Path Status"), "walking_paths", self->fid, "status",
                           lc_path_status_to_key (selected), &error);
  if (!ok)
    say (self, error->message);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  g_signal_emit (widget, signals[CLOSED], 0);
}

static void
lc_shape_inspector_dispose (GObject *object)
{
  LcShapeInspector *self = LC_SHAPE_INSPECTOR (object);
  GtkWidget *child;

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_clear_object (&self->plan);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_SHAPE_INSPECTOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lc_shape_inspector_parent_class)->dispose (object);
}

static void
lc_shape_inspector_class_init (LcShapeInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_shape_inspector_dispose;

  /**
   * LcShapeInspector::closed:
   *
   * The inspector has nothing more to show: closed, or its shape deleted.
   */
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-shape-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, LcShapeInspector, group);
  gtk_widget_class_bind_template_child (widget_class, LcShapeInspector, name_row);
  gtk_widget_class_bind_template_child (widget_class, LcShapeInspector, class_row);
  gtk_widget_class_bind_template_child (widget_class, LcShapeInspector, status_row);
  gtk_widget_class_bind_template_child (widget_class, LcShapeInspector, levels_row);
  gtk_widget_class_bind_template_child (widget_class, LcShapeInspector, residential_row);
  gtk_widget_class_bind_template_child (widget_class, LcShapeInspector, residential_switch);
  gtk_widget_class_bind_template_child (widget_class, LcShapeInspector, population_row);
  gtk_widget_class_bind_template_child (widget_class, LcShapeInspector, measure_row);
  gtk_widget_class_bind_template_child (widget_class, LcShapeInspector, problems_label);
  gtk_widget_class_bind_template_child (widget_class, LcShapeInspector, hint_label);
  gtk_widget_class_bind_template_child (widget_class, LcShapeInspector, delete_button);
  gtk_widget_class_install_action (widget_class, "inspector.close", NULL, close_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lc_shape_inspector_init (LcShapeInspector *self)
{
  g_autoptr(GtkStringList) classes = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->fid = -1;

  for (const char * const *c = lc_path_classes (); *c != NULL; c++)
    gtk_string_list_append (classes, lc_path_class_name (*c));
  for (LcPathStatus s = LC_PATH_STATUS_EXISTING; s <= LC_PATH_STATUS_PLANNED; s++)
    gtk_string_list_append (statuses, lc_path_status_get_name (s));
  adw_combo_row_set_model (self->class_row, G_LIST_MODEL (classes));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  g_signal_connect (self->class_row, "notify::selected", G_CALLBACK (on_combo_selected), self);
  g_signal_connect (self->status_row, "notify::selected", G_CALLBACK (on_combo_selected), self);
  g_signal_connect (self->name_row, "apply", G_CALLBACK (on_text_apply), self);
  g_signal_connect (self->levels_row, "apply", G_CALLBACK (on_text_apply), self);
  g_signal_connect (self->population_row, "apply", G_CALLBACK (on_text_apply), self);
  g_signal_connect_swapped (self->residential_switch, "notify::active", G_CALLBACK (on_residential), self);
}

/**
 * lc_shape_inspector_show:
 * @table: "walking_paths", "buildings" or "unit_boundary"
 *
 * Shows the fields of one shape of @plan, following its edits.
 */
void
lc_shape_inspector_show (LcShapeInspector *self,
                         LcPlan           *plan,
                         const char       *table,
                         gint64            fid)
{
  g_return_if_fail (LC_IS_SHAPE_INSPECTOR (self));
  g_return_if_fail (LC_IS_PLAN (plan));

  if (self->plan != plan)
    {
      if (self->plan != NULL)
        g_signal_handlers_disconnect_by_data (self->plan, self);
      g_set_object (&self->plan, plan);
      g_signal_connect_swapped (plan, "changed", G_CALLBACK (on_plan_changed), self);
    }
  self->table = g_intern_string (table);
  self->fid = fid;
  say (self, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->levels_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->population_row), "error");
  refresh (self);
}

/**
 * lc_shape_inspector_get_problems:
 *
 * Returns: what the inspector says is wrong, or "" (for tests)
 */
const char *
lc_shape_inspector_get_problems (LcShapeInspector *self)
{
  g_return_val_if_fail (LC_IS_SHAPE_INSPECTOR (self), "");
  return gtk_widget_get_visible (GTK_WIDGET (self->problems_label)) ? gtk_label_get_text (self->problems_label) : "";
}
