/* lc-facility-inspector.c: the sidebar page that edits one facility
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-facility-inspector"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-facility.h"
#include "lc-facility-inspector.h"
#include "lc-form.h"
#include "lc-services.h"

/*
 * Each field applies as one undo step. The rules of the programme (a 六艺亭
 * at most 400 m², a 人民坊 with two services or more) are explained under
 * the fields as soon as a value breaks them; the value is kept, so that the
 * planner sees what is wrong and fixes it.
 */

struct _LcFacilityInspector
{
  GtkWidget parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *facility_group;
  AdwEntryRow         *name_row;
  AdwComboRow         *kind_row;
  AdwComboRow         *status_row;
  AdwEntryRow         *area_row;
  AdwEntryRow         *reason_row;
  AdwEntryRow         *notes_row;
  GtkLabel            *problems_label;
  AdwPreferencesGroup *services_group;

  /* Owned */
  LcPlan     *plan;
  GtkWidget  *service_checks[LC_N_SERVICES];
  char       *problems;

  gint64      fid;
  gboolean    updating;      /* filling the fields: not an edit */
};

G_DEFINE_FINAL_TYPE (LcFacilityInspector, lc_facility_inspector, GTK_TYPE_WIDGET)

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
report (LcFacilityInspector *self,
        GError              *error)
{
  /* An edit the database refused: said where the fields are */
  gtk_label_set_text (self->problems_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), TRUE);
}

static void
show_problems (LcFacilityInspector *self,
               const LcFacility    *facility)
{
  g_autoptr(GPtrArray) problems = lc_facility_check (facility);
  g_autoptr(GString) text = g_string_new (NULL);

  gtk_widget_remove_css_class (GTK_WIDGET (self->area_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->area_row), "warning");
  for (guint i = 0; i < problems->len; i++)
    {
      LcProblem *p = problems->pdata[i];

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, p->message);
      if (g_strcmp0 (p->subject.field, "floor_area_m2") == 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->area_row),
                                  p->severity == LC_PROBLEM_ERROR ? "error" : "warning");
    }

  g_free (self->problems);
  self->problems = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_label_set_text (self->problems_label, self->problems);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), self->problems[0] != '\0');
}

static void
refresh (LcFacilityInspector *self)
{
  g_autoptr(LcFacility) facility = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *area = NULL;

  if (self->plan == NULL || self->fid < 0 ||
      (facility = lc_plan_load_facility (self->plan, self->fid, &error)) == NULL)
    {
      if (error != NULL)
        lc_show_error (GTK_WIDGET (self), _("The Facility Could Not Be Read"), error->message);
      g_signal_emit (self, signals[CLOSED], 0);
      return;
    }

  self->updating = TRUE;
  adw_preferences_group_set_title (self->facility_group, lc_facility_kind_get_name (facility->kind));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), facility->name != NULL ? facility->name : "");
  adw_combo_row_set_selected (self->kind_row, facility->kind);
  adw_combo_row_set_selected (self->status_row, facility->status);
  if (!isnan (facility->floor_area_m2))
    area = g_strdup_printf ("%g", facility->floor_area_m2);
  gtk_editable_set_text (GTK_EDITABLE (self->area_row), area != NULL ? area : "");
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), facility->large_reason != NULL ? facility->large_reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_row), facility->kind == LC_FACILITY_KIND_LIUYITING);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), facility->notes != NULL ? facility->notes : "");
  {
    guint n;
    const LcService *all = lc_services_get_all (&n);

    for (guint i = 0; i < n; i++)
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->service_checks[i]),
                                   facility->services != NULL &&
                                   g_strv_contains ((const char * const *) facility->services, all[i].key));
  }
  self->updating = FALSE;

  show_problems (self, facility);
}

static void
on_plan_changed (LcFacilityInspector *self,
                 LcPlanChange         change)
{
  if (change & LC_PLAN_CHANGE_FACILITIES)
    refresh (self);
}

static void
on_text_apply (AdwEntryRow         *row,
               LcFacilityInspector *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  gboolean ok = TRUE;

  if (row == self->name_row)
    ok = lc_plan_set_text (self->plan, _("Rename Facility"), "facilities", self->fid, "name", text, &error);
  else if (row == self->notes_row)
    ok = lc_plan_set_text (self->plan, _("Change Notes"), "facilities", self->fid, "notes", text, &error);
  else if (row == self->reason_row)
    ok = lc_plan_set_text (self->plan, _("Change Reason"), "facilities", self->fid, "large_reason", text, &error);
  else if (row == self->area_row)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (text));
      char *end = NULL;
      double area = trimmed[0] == '\0' ? NAN : g_ascii_strtod (trimmed, &end);

      if (trimmed[0] != '\0' && (end == trimmed || *end != '\0' || !isfinite (area)))
        {
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          gtk_label_set_text (self->problems_label, _("The floor area is a number of square metres, such as 180."));
          gtk_widget_set_visible (GTK_WIDGET (self->problems_label), TRUE);
          return;
        }
      ok = lc_plan_set_facility_area (self->plan, self->fid, area, &error);
    }

  if (!ok)
    report (self, error);
}

static void
on_combo_selected (AdwComboRow         *row,
                   GParamSpec          *pspec,
                   LcFacilityInspector *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (row);
  gboolean ok;

  if (self->updating || self->plan == NULL)
    return;

  if (row == self->kind_row)
    ok = lc_plan_set_facility_kind (self->plan, self->fid, (LcFacilityKind) selected, &error);
  else
    ok = lc_plan_set_facility_status (self->plan, self->fid, (LcFacilityStatus) selected, &error);
  if (!ok)
    report (self, error);
}

static void
on_service_toggled (GtkCheckButton      *check,
                    LcFacilityInspector *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) keys = NULL;
  guint n;
  const LcService *all = lc_services_get_all (&n);

  if (self->updating || self->plan == NULL)
    return;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < n; i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->service_checks[i])))
      g_strv_builder_add (builder, all[i].key);
  keys = g_strv_builder_end (builder);

  if (!lc_plan_set_facility_services (self->plan, self->fid, (const char * const *) keys, &error))
    report (self, error);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  g_signal_emit (widget, signals[CLOSED], 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LcFacilityInspector *self = LC_FACILITY_INSPECTOR (widget);
  g_autoptr(GError) error = NULL;

  if (self->plan != NULL && !lc_plan_delete_facility (self->plan, self->fid, &error))
    report (self, error);
}

static GListModel *
names_model (const char *(*name) (guint), guint n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, name (i));
  return G_LIST_MODEL (list);
}

static const char *
kind_name (guint i)
{
  return lc_facility_kind_get_name ((LcFacilityKind) i);
}

static const char *
status_name (guint i)
{
  return lc_facility_status_get_name ((LcFacilityStatus) i);
}

static void
lc_facility_inspector_dispose (GObject *object)
{
  LcFacilityInspector *self = LC_FACILITY_INSPECTOR (object);
  GtkWidget *child;

  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_clear_object (&self->plan);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_FACILITY_INSPECTOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->problems, g_free);

  G_OBJECT_CLASS (lc_facility_inspector_parent_class)->dispose (object);
}

static void
lc_facility_inspector_class_init (LcFacilityInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_facility_inspector_dispose;

  /**
   * LcFacilityInspector::closed:
   *
   * The inspector has nothing more to show: closed, or its facility deleted.
   */
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-facility-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, LcFacilityInspector, facility_group);
  gtk_widget_class_bind_template_child (widget_class, LcFacilityInspector, name_row);
  gtk_widget_class_bind_template_child (widget_class, LcFacilityInspector, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LcFacilityInspector, status_row);
  gtk_widget_class_bind_template_child (widget_class, LcFacilityInspector, area_row);
  gtk_widget_class_bind_template_child (widget_class, LcFacilityInspector, reason_row);
  gtk_widget_class_bind_template_child (widget_class, LcFacilityInspector, notes_row);
  gtk_widget_class_bind_template_child (widget_class, LcFacilityInspector, problems_label);
  gtk_widget_class_bind_template_child (widget_class, LcFacilityInspector, services_group);
  gtk_widget_class_install_action (widget_class, "inspector.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "inspector.delete", NULL, delete_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lc_facility_inspector_init (LcFacilityInspector *self)
{
  guint n;
  const LcService *all = lc_services_get_all (&n);
  g_autoptr(GListModel) kinds = names_model (kind_name, 3);
  g_autoptr(GListModel) statuses = names_model (status_name, 4);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->fid = -1;

  adw_combo_row_set_model (self->kind_row, kinds);
  adw_combo_row_set_model (self->status_row, statuses);
  g_signal_connect (self->kind_row, "notify::selected", G_CALLBACK (on_combo_selected), self);
  g_signal_connect (self->status_row, "notify::selected", G_CALLBACK (on_combo_selected), self);

  g_signal_connect (self->name_row, "apply", G_CALLBACK (on_text_apply), self);
  g_signal_connect (self->area_row, "apply", G_CALLBACK (on_text_apply), self);
  g_signal_connect (self->reason_row, "apply", G_CALLBACK (on_text_apply), self);
  g_signal_connect (self->notes_row, "apply", G_CALLBACK (on_text_apply), self);

  /* The 20 services, 十全 then 十美, each a check */
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lc_service_get_display_name (&all[i]));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), lc_service_group_get_name (all[i].group));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect (check, "toggled", G_CALLBACK (on_service_toggled), self);
      adw_preferences_group_add (self->services_group, row);
      self->service_checks[i] = check;
    }
}

/**
 * lc_facility_inspector_show:
 * @plan: the plan
 * @fid: a facility of @plan
 *
 * Shows @fid's fields, and follows them as the plan changes.
 */
void
lc_facility_inspector_show (LcFacilityInspector *self,
                            LcPlan              *plan,
                            gint64               fid)
{
  g_return_if_fail (LC_IS_FACILITY_INSPECTOR (self));
  g_return_if_fail (LC_IS_PLAN (plan));

  if (self->plan != plan)
    {
      if (self->plan != NULL)
        g_signal_handlers_disconnect_by_data (self->plan, self);
      g_set_object (&self->plan, plan);
      g_signal_connect_swapped (plan, "changed", G_CALLBACK (on_plan_changed), self);
    }
  self->fid = fid;
  refresh (self);
}

gint64
lc_facility_inspector_get_fid (LcFacilityInspector *self)
{
  g_return_val_if_fail (LC_IS_FACILITY_INSPECTOR (self), -1);
  return self->fid;
}

/**
 * lc_facility_inspector_get_problems:
 *
 * Returns: (transfer none): the rule problems shown, one per line, or ""
 */
const char *
lc_facility_inspector_get_problems (LcFacilityInspector *self)
{
  g_return_val_if_fail (LC_IS_FACILITY_INSPECTOR (self), NULL);
  return self->problems != NULL ? self->problems : "";
}
