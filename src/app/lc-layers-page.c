/* lc-layers-page.c: the sidebar page of the map's layers and their legend
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-layers-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-facility-layer.h"
#include "lc-layers-page.h"
#include "lc-map-view.h"
#include "lc-services.h"

/*
 * Switches and a fade for the overlay, a filter by service (十全, 十美 or
 * one of the 20), and a legend whose symbols the layer itself draws, so that
 * the two never disagree.
 */

struct _LcLayersPage
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkSwitch           *facilities_switch;
  GtkSwitch           *needs_switch;
  GtkSwitch           *projects_switch;
  GtkScale            *fade_scale;
  AdwComboRow         *service_row;
  AdwPreferencesGroup *legend_group;

  /* Borrowed */
  LcMapView *map_view;
};

G_DEFINE_FINAL_TYPE (LcLayersPage, lc_layers_page, GTK_TYPE_WIDGET)

static LcFacilityLayer *
layer (LcLayersPage *self)
{
  return self->map_view != NULL ? lc_map_view_get_facility_layer (self->map_view) : NULL;
}

static void
apply (LcLayersPage *self)
{
  LcFacilityLayer *l = layer (self);
  guint selected = adw_combo_row_get_selected (self->service_row);

  if (l == NULL)
    return;

  lc_facility_layer_set_show_facilities (l, gtk_switch_get_active (self->facilities_switch));
  lc_facility_layer_set_show_needs (l, gtk_switch_get_active (self->needs_switch));
  lc_facility_layer_set_show_projects (l, gtk_switch_get_active (self->projects_switch));
  gtk_widget_set_opacity (GTK_WIDGET (l), gtk_range_get_value (GTK_RANGE (self->fade_scale)));

  /* Rows: all, 十全, 十美, then the 20 services */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    lc_facility_layer_set_service_mask (l, 0);
  else if (selected == 1)
    lc_facility_layer_set_service_mask (l, LC_FACILITY_LAYER_BASIC);
  else if (selected == 2)
    lc_facility_layer_set_service_mask (l, LC_FACILITY_LAYER_QUALITY);
  else
    lc_facility_layer_set_service_mask (l, 1u << (selected - 3));
}

static GtkWidget *
legend_row (guint       kind,
            guint       status,
            int         service,
            const char *title)
{
  g_autoptr(GdkTexture) symbol = lc_facility_layer_legend_symbol (kind, status, service);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (symbol));

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_size_request (picture, 28, 28);
  gtk_widget_set_valign (picture, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), picture);
  return row;
}

static void
add_legend_row (LcLayersPage *self,
                guint         kind,
                guint         status,
                int           service,
                const char   *title)
{
  adw_preferences_group_add (self->legend_group, legend_row (kind, status, service, title));
}

/* The colour of each of the 20 services, folded away until asked for */
static void
add_service_colours (LcLayersPage *self)
{
  GtkWidget *expander = adw_expander_row_new ();
  guint n;
  const LcService *all = lc_services_get_all (&n);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Colours of the services"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("A facility takes the colour of its first service"));
  for (guint i = 0; i < n; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                              legend_row (0, 0, (int) i, lc_service_get_display_name (&all[i])));
  adw_preferences_group_add (self->legend_group, expander);
}

static void
lc_layers_page_dispose (GObject *object)
{
  LcLayersPage *self = LC_LAYERS_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_LAYERS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->map_view = NULL;

  G_OBJECT_CLASS (lc_layers_page_parent_class)->dispose (object);
}

static void
lc_layers_page_class_init (LcLayersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_layers_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-layers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcLayersPage, facilities_switch);
  gtk_widget_class_bind_template_child (widget_class, LcLayersPage, needs_switch);
  gtk_widget_class_bind_template_child (widget_class, LcLayersPage, projects_switch);
  gtk_widget_class_bind_template_child (widget_class, LcLayersPage, fade_scale);
  gtk_widget_class_bind_template_child (widget_class, LcLayersPage, service_row);
  gtk_widget_class_bind_template_child (widget_class, LcLayersPage, legend_group);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lc_layers_page_init (LcLayersPage *self)
{
  GtkStringList *services = gtk_string_list_new (NULL);
  guint n;
  const LcService *all = lc_services_get_all (&n);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (services, _("All services"));
  gtk_string_list_append (services, lc_service_group_get_name (LC_SERVICE_GROUP_BASIC));
  gtk_string_list_append (services, lc_service_group_get_name (LC_SERVICE_GROUP_QUALITY));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (services, lc_service_get_display_name (&all[i]));
  adw_combo_row_set_model (self->service_row, G_LIST_MODEL (services));
  g_object_unref (services);

  gtk_range_set_range (GTK_RANGE (self->fade_scale), 0.2, 1.0);
  gtk_range_set_value (GTK_RANGE (self->fade_scale), 1.0);

  g_signal_connect_swapped (self->facilities_switch, "notify::active", G_CALLBACK (apply), self);
  g_signal_connect_swapped (self->needs_switch, "notify::active", G_CALLBACK (apply), self);
  g_signal_connect_swapped (self->projects_switch, "notify::active", G_CALLBACK (apply), self);
  g_signal_connect_swapped (self->fade_scale, "value-changed", G_CALLBACK (apply), self);
  g_signal_connect_swapped (self->service_row, "notify::selected", G_CALLBACK (apply), self);

  /* Symbols as the map draws them: red is the first service's colour */
  add_legend_row (self, 1, 0, 0, _("Renmin Fang hub"));
  add_legend_row (self, 2, 0, 0, _("Liuyi Ting pavilion"));
  add_legend_row (self, 0, 0, 0, _("Other facility, coloured by its first service"));
  add_legend_row (self, 0, 0, -1, _("Facility with no service recorded"));
  add_legend_row (self, 1, 1, 0, _("Planned"));
  add_legend_row (self, 1, 2, 0, _("Under construction"));
  add_legend_row (self, 3, 0, -1, _("Residents' need"));
  add_legend_row (self, 4, 0, -1, _("Project location"));
  add_service_colours (self);
}

/* service_row's rows as the "service-filter" key stores them */
static gboolean
filter_to_row (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  const char *filter = g_variant_get_string (variant, NULL);
  const LcService *service = lc_service_lookup (filter);
  LcServiceGroup group;

  if (*filter == '\0')
    g_value_set_uint (value, 0);
  else if (lc_service_group_from_key (filter, &group))
    g_value_set_uint (value, 1 + group);
  else if (service != NULL)
    g_value_set_uint (value, 3 + (guint) (service - lc_services_get_all (NULL)));
  else
    g_value_set_uint (value, 0);  /* a service this version does not know */
  return TRUE;
}

static GVariant *
row_to_filter (const GValue       *value,
               const GVariantType *type,
               gpointer            user_data)
{
  guint row = g_value_get_uint (value), n;
  const LcService *all = lc_services_get_all (&n);

  if (row == 1 + LC_SERVICE_GROUP_BASIC || row == 1 + LC_SERVICE_GROUP_QUALITY)
    return g_variant_new_string (lc_service_group_to_key (row - 1));
  if (row >= 3 && row - 3 < n)
    return g_variant_new_string (all[row - 3].key);
  return g_variant_new_string ("");
}

/**
 * lc_layers_page_bind_settings:
 * @settings: the application's settings, which keep the page's choices
 *   from one session to the next (and share them between windows)
 */
void
lc_layers_page_bind_settings (LcLayersPage *self,
                              GSettings    *settings)
{
  g_return_if_fail (LC_IS_LAYERS_PAGE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind (settings, "show-facilities", self->facilities_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "show-needs", self->needs_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "show-projects", self->projects_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "overlay-opacity", gtk_range_get_adjustment (GTK_RANGE (self->fade_scale)), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "service-filter", self->service_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, filter_to_row, row_to_filter, NULL, NULL);
}

/**
 * lc_layers_page_set_map_view:
 * @map_view: the map whose layers the page controls
 */
void
lc_layers_page_set_map_view (LcLayersPage *self,
                             LcMapView    *map_view)
{
  g_return_if_fail (LC_IS_LAYERS_PAGE (self));

  self->map_view = map_view;
  apply (self);
}
