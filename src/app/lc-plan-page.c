/* lc-plan-page.c: the sidebar page with the plan's unit and contents
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-plan-page"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-blueprint.h"
#include "lc-plan-page.h"
#include "lc-profile.h"
#include "lc-shape.h"

/*
 * The unit's profile, edited in place (each applied field is one undo
 * step), and how much of each part the plan holds. Later pages (blueprint,
 * projects, needs, meetings) take over the details.
 */

/* Profile fields: the entry rows, in the template's order; core checks
 * each value and names its undo step */
static const struct {
  const char     *child;
  LcProfileField  field;
} fields[] = {
  { "unit_name_row", LC_PROFILE_UNIT_NAME },
  { "district_row", LC_PROFILE_DISTRICT },
  { "subdistrict_row", LC_PROFILE_SUBDISTRICT },
  { "planner_row", LC_PROFILE_PLANNER },
  { "community_planner_row", LC_PROFILE_COMMUNITY_PLANNER },
  { "period_row", LC_PROFILE_PERIOD_START },
  { "version_row", LC_PROFILE_PLAN_VERSION },
  { "date_row", LC_PROFILE_PLAN_DATE },
  { "population_row", LC_PROFILE_POPULATION },
};

/* Counts shown under Contents: the label and the table counted */
static const struct {
  const char *child;
  const char *table;
} counts[] = {
  { "facilities_count", "facilities" },
  { "paths_count", "walking_paths" },
  { "buildings_count", "buildings" },
  { "needs_count", "needs" },
  { "projects_count", "projects" },
  { "meetings_count", "meetings" },
};

struct _LcPlanPage
{
  GtkWidget parent_instance;

  /* Template widgets */
  AdwEntryRow *rows[G_N_ELEMENTS (fields)];
  GtkLabel    *labels[G_N_ELEMENTS (counts)];
  GtkLabel    *estimated_label;
  GtkLabel    *area_label;

  /* Owned */
  LcPlan *plan;
  gulong  changed_id;
};

G_DEFINE_FINAL_TYPE (LcPlanPage, lc_plan_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
refresh_profile (LcPlanPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcProfile) profile = lc_plan_get_profile (self->plan, &error);

  if (profile == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *text = lc_profile_dup_text (profile, fields[i].field);

      gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->rows[i]), "error");
    }
}

static void
refresh_counts (LcPlanPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               lc_plan_count_rows (self->plan, counts[i].table));
      gtk_label_set_text (self->labels[i], text);
    }
}

/* What the plan itself says: residents summed over the buildings, the
 * boundary's area */
static void
refresh_derived (LcPlanPage *self)
{
  g_autoptr(GError) sum_error = NULL;
  g_autoptr(GError) area_error = NULL;
  g_autofree char *people = NULL;
  g_autofree char *area = NULL;
  double residents = 0, area_m2 = lc_plan_get_unit_area_m2 (self->plan, &area_error);
  guint homes = 0;

  /* A plan that cannot be read says so, rather than that it has nothing */
  if (!lc_plan_sum_residents (self->plan, &residents, &homes, &sum_error))
    people = g_strdup (sum_error->message);
  else if (homes > 0)
    /* Translators: %.0f is a number of residents */
    people = g_strdup_printf (_("%.0f residents"), residents);
  if (area_error != NULL)
    area = g_strdup (area_error->message);
  else if (!isnan (area_m2))
    /* Translators: %.2f is an area in square kilometres */
    area = g_strdup_printf (_("%.2f km²"), area_m2 / 1e6);
  gtk_label_set_text (self->estimated_label, people != NULL ? people : _("No buildings with residents"));
  gtk_label_set_text (self->area_label, area != NULL ? area : _("No boundary drawn"));
}

static void
on_plan_changed (LcPlanPage   *self,
                 LcPlanChange  change)
{
  if (change & (LC_PLAN_CHANGE_PROFILE | LC_PLAN_CHANGE_THRESHOLDS))
    refresh_profile (self);
  if (change & (LC_PLAN_CHANGE_BUILDINGS | LC_PLAN_CHANGE_BOUNDARY))
    refresh_derived (self);
  refresh_counts (self);
}

static void
on_row_apply (AdwEntryRow *row,
              LcPlanPage  *self)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (self->rows[i] != row)
        continue;

      const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
      gboolean ok = lc_plan_set_profile_text (self->plan, fields[i].field, text, &error);

      if (ok)
        {
          gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
        }
      else
        {
          /* Shown where it was typed; the value stays for the user to fix */
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (row), error->message);
        }
    }
}

static void
lc_plan_page_dispose (GObject *object)
{
  LcPlanPage *self = LC_PLAN_PAGE (object);
  GtkWidget *child;

  lc_plan_page_set_plan (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_PLAN_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lc_plan_page_parent_class)->dispose (object);
}

static void
lc_plan_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, LC_PLAN_PAGE (object)->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_plan_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PLAN:
      lc_plan_page_set_plan (LC_PLAN_PAGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lc_plan_page_class_init (LcPlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_plan_page_dispose;
  object_class->get_property = lc_plan_page_get_property;
  object_class->set_property = lc_plan_page_set_property;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, LC_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-plan-page.ui");
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_widget_class_bind_template_child_full (widget_class, fields[i].child, FALSE,
                                               G_STRUCT_OFFSET (LcPlanPage, rows) + i * sizeof (gpointer));
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    gtk_widget_class_bind_template_child_full (widget_class, counts[i].child, FALSE,
                                               G_STRUCT_OFFSET (LcPlanPage, labels) + i * sizeof (gpointer));
  gtk_widget_class_bind_template_child (widget_class, LcPlanPage, estimated_label);
  gtk_widget_class_bind_template_child (widget_class, LcPlanPage, area_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lc_plan_page_init (LcPlanPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_signal_connect (self->rows[i], "apply", G_CALLBACK (on_row_apply), self);
}

/**
 * lc_plan_page_get_plan:
 *
 * Returns: (transfer none) (nullable): the plan shown
 */
LcPlan *
lc_plan_page_get_plan (LcPlanPage *self)
{
  g_return_val_if_fail (LC_IS_PLAN_PAGE (self), NULL);
  return self->plan;
}

void
lc_plan_page_set_plan (LcPlanPage *self,
                       LcPlan     *plan)
{
  g_return_if_fail (LC_IS_PLAN_PAGE (self));
  g_return_if_fail (plan == NULL || LC_IS_PLAN (plan));

  if (self->plan == plan)
    return;

  if (self->plan != NULL)
    g_clear_signal_handler (&self->changed_id, self->plan);
  g_set_object (&self->plan, plan);

  if (plan != NULL)
    {
      self->changed_id = g_signal_connect_object (plan, "changed", G_CALLBACK (on_plan_changed),
                                                  self, G_CONNECT_SWAPPED);
      refresh_profile (self);
      refresh_derived (self);
      refresh_counts (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}
