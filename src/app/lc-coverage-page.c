/* lc-coverage-page.c: the sidebar page of the 15-minute coverage of the 20 services
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-coverage-page"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-coverage-layer.h"
#include "lc-coverage-page.h"
#include "lc-coverage-suggest.h"
#include "lc-form.h"
#include "lc-profile.h"
#include "lc-services.h"

/*
 * The programme's promise, measured: for each of the 20 services the share
 * of residents within its walking threshold, the target and whether it is
 * met, its facilities, and the residents beyond reach; above them, the
 * share that reaches all ten basic services (十全), and the plan's walking
 * speed and target. Choosing a service shows its reach on the map (the
 * map's coverage layer shows the same LcCoverageModel), with the legend
 * here, the homes it does not reach (largest first; a click goes there,
 * ::go-to) and, on request, the best sites for one more facility.
 */

#define N_SUGGESTIONS 5

#define MAX_GAPS_LISTED 8

struct _LcCoveragePage
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkLabel            *basic_label;
  AdwPreferencesGroup *summary_group;
  AdwActionRow        *basic_row;
  AdwComboRow         *speed_row;
  AdwComboRow         *target_row;
  GtkSwitch           *planned_switch;
  GtkListBox          *services_list;
  AdwPreferencesGroup *thresholds_group;
  AdwPreferencesGroup *sites_group;
  GtkWidget           *suggest_button;
  GtkListBox          *sites_list;
  AdwPreferencesGroup *gaps_group;
  GtkListBox          *gaps_list;
  AdwPreferencesGroup *legend_group;

  /* Owned */
  LcCoverageModel *model;
  LcPlan     *plan;            /* the model's, whose settings the page changes */

  GtkWidget  *rows[LC_N_SERVICES];
  GtkWidget  *figures[LC_N_SERVICES];
  GtkWidget  *marks[LC_N_SERVICES];
  GtkWidget  *legend_rows[LC_COVERAGE_N_BANDS + 1];
  GPtrArray  *threshold_rows;      /* AdwExpanderRow in thresholds_group */
  double      speed;
  int         service;         /* the one selected in the list */
  gboolean    updating;
};

G_DEFINE_FINAL_TYPE (LcCoveragePage, lc_coverage_page, GTK_TYPE_WIDGET)

enum {
  GO_TO,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const double speeds[] = { 60, 45 };
static const double targets[] = { 0.85, 0.99 };

/* ---- the legend ---- */

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  guint band = GPOINTER_TO_UINT (data);
  GdkRGBA colour;

  if (band == LC_COVERAGE_N_BANDS)
    {
      /* A home beyond reach */
      cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
      cairo_fill (cr);
      return;
    }
  lc_coverage_band_colour (band, &colour);
  gdk_cairo_set_source_rgba (cr, &colour);
  cairo_set_line_width (cr, 5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, 4, height / 2.0);
  cairo_line_to (cr, width - 4, height / 2.0);
  cairo_stroke (cr);
}

/* Minutes and the metres they take at the plan's walking speed */
static void
update_legend (LcCoveragePage *self,
               guint           gaps_residents_known,
               double          gap_residents)
{
  for (guint band = 0; band <= LC_COVERAGE_N_BANDS; band++)
    {
      g_autofree char *title = NULL;
      double m = lc_coverage_band_minutes (band), from = band > 0 ? lc_coverage_band_minutes (band - 1) : 0;

      if (band < 3)
        /* Translators: a band of walking time, and the distance walked in it */
        title = g_strdup_printf (_("%.0f–%.0f min (%.0f–%.0f m)"), from, m, from * self->speed, m * self->speed);
      else if (band == 3)
        title = g_strdup_printf (_("Farther than 15 min (%.0f m)"), 15 * self->speed);
      else if (band == 4)
        title = g_strdup (_("Out of the service’s reach"));
      else if (gaps_residents_known)
        /* Translators: %s is a number of residents */
        title = g_strdup_printf (_("Homes beyond reach (盲区): %.0f residents"), gap_residents);
      else
        title = g_strdup (_("Homes beyond reach (盲区)"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->legend_rows[band]), title);
    }
}

/* ---- choosing ---- */

static void
on_row_activated (GtkListBox     *list,
                  GtkListBoxRow  *row,
                  LcCoveragePage *self)
{
  int index = gtk_list_box_row_get_index (row);

  /* Again on the chosen one: none */
  lc_coverage_page_set_service (self, index == self->service ? -1 : index);
}

/* A row that takes the map to a place */
static GtkWidget *
place_row (const char *title,
           const char *subtitle,
           double      latitude,
           double      longitude)
{
  GtkWidget *row = adw_action_row_new ();
  double *where = g_new (double, 2);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("find-location-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  where[0] = latitude;
  where[1] = longitude;
  g_object_set_data_full (G_OBJECT (row), "lc-place", where, g_free);
  return row;
}

static void
on_place_activated (GtkListBox     *list,
                    GtkListBoxRow  *row,
                    LcCoveragePage *self)
{
  const double *where = g_object_get_data (G_OBJECT (row), "lc-place");

  if (where != NULL)
    g_signal_emit (self, signals[GO_TO], 0, where[0], where[1]);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
on_suggest (LcCoveragePage *self)
{
  if (self->model != NULL)
    lc_coverage_model_suggest (self->model, N_SUGGESTIONS);
}

/* The homes the chosen service does not reach, largest first */
static void
update_gaps (LcCoveragePage *self,
             LcCoverage     *coverage)
{
  g_autoptr(GArray) homes = NULL;

  clear_list (self->gaps_list);
  if (coverage == NULL || self->service < 0)
    return;
  homes = lc_coverage_list_uncovered (coverage, self->service);
  for (guint i = 0; i < MIN (homes->len, MAX_GAPS_LISTED); i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      gint64 fid;
      double lon, lat, population;

      lc_coverage_get_home (coverage, g_array_index (homes, guint, i), &fid, &lon, &lat, &population);
      if (self->plan != NULL)
        name = lc_plan_get_text (self->plan, "buildings", fid, "name");
      /* Translators: a building without a name, by its number in the plan */
      if (name != NULL && *name != '\0')
        title = g_strdup (name);
      else
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, fid);

          title = g_strdup_printf (_("Building %s"), number);
        }
      subtitle = g_strdup_printf (_("%.0f residents"), population);
      gtk_list_box_append (self->gaps_list, place_row (title, subtitle, lat, lon));
    }
  if (homes->len > MAX_GAPS_LISTED)
    {
      GtkWidget *more = adw_action_row_new ();
      /* Translators: the homes left out of the list */
      g_autofree char *text = g_strdup_printf (_("and %u more"), homes->len - MAX_GAPS_LISTED);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), text);
      gtk_list_box_append (self->gaps_list, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->gaps_group), homes->len > 0);
}

/* ---- thresholds ---- */

static void
on_threshold_apply (AdwEntryRow    *row,
                    LcCoveragePage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "lc-threshold-id"));
  double metres = NAN;

  if (self->plan == NULL)
    return;
  /* Core says what a threshold may be */
  if (!lc_parse_decimal (gtk_editable_get_text (GTK_EDITABLE (row)), &metres, NULL))
    metres = NAN;
  if (!lc_plan_set_threshold (self->plan, id, metres, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
}

/* One expandable row per service: its tiers' thresholds, and their source */
static void
fill_thresholds (LcCoveragePage *self)
{
  g_autoptr(GPtrArray) thresholds = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *expander = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *current_key = NULL;

  for (guint i = 0; i < self->threshold_rows->len; i++)
    adw_preferences_group_remove (self->thresholds_group, self->threshold_rows->pdata[i]);
  g_ptr_array_set_size (self->threshold_rows, 0);
  if (self->plan != NULL && (thresholds = lc_plan_list_thresholds (self->plan, &error)) == NULL)
    g_warning ("%s", error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->thresholds_group), thresholds != NULL);
  if (thresholds == NULL)
    return;

  for (guint i = 0; i < thresholds->len; i++)
    {
      const LcThreshold *t = thresholds->pdata[i];
      const char *key = t->service;
      const char *source = t->source;
      const LcService *service = lc_service_lookup (key);
      const LcServiceTier *tier = service != NULL ? lc_service_lookup_tier (service, t->tier) : NULL;
      double metres = t->threshold_m;
      g_autofree char *value = g_strdup_printf ("%g", metres);
      g_autofree char *title = NULL;
      GtkWidget *entry = adw_entry_row_new ();

      if (g_strcmp0 (current_key, key) != 0)
        {
          if (expander != NULL)
            adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), summary->str);
          g_string_truncate (summary, 0);
          expander = adw_expander_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                         service != NULL ? lc_service_get_display_name (service) : key);
          if (source != NULL)
            {
              GtkWidget *basis = adw_action_row_new ();

              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (basis), _("Source"));
              adw_action_row_set_subtitle (ADW_ACTION_ROW (basis), service != NULL && g_strcmp0 (source, service->basis) == 0
                                                                   ? _(service->basis) : source);
              gtk_widget_add_css_class (basis, "property");
              adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), basis);
            }
          adw_preferences_group_add (self->thresholds_group, expander);
          g_ptr_array_add (self->threshold_rows, expander);
          g_free (current_key);
          current_key = g_strdup (key);
        }

      /* Translators: a tier's walking threshold, such as "Centre (m)" */
      title = tier != NULL && tier->key[0] != '\0' ? g_strdup_printf (_("%s (m)"), _(tier->label))
                                                   : g_strdup (_("Threshold (m)"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (entry), value);
      g_object_set_data (G_OBJECT (entry), "lc-threshold-id", GSIZE_TO_POINTER (t->id));
      g_signal_connect (entry, "apply", G_CALLBACK (on_threshold_apply), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), entry);
      /* Translators: a walking threshold in a list of them */
      g_string_append_printf (summary, summary->len > 0 ? " · %.0f m" : "%.0f m", metres);
    }
  if (expander != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), summary->str);
}

static void
on_plan_changed (LcCoveragePage *self,
                 LcPlanChange    change)
{
  if (change & LC_PLAN_CHANGE_THRESHOLDS)
    fill_thresholds (self);
}

static void
on_speed (LcCoveragePage *self)
{
  g_autoptr(GError) error = NULL;
  guint i = adw_combo_row_get_selected (self->speed_row);

  if (self->updating || self->plan == NULL || i >= G_N_ELEMENTS (speeds))
    return;
  if (!lc_plan_set_walking_speed (self->plan, speeds[i], &error))
    lc_show_error (GTK_WIDGET (self), _("Could not change the walking speed"), error->message);
}

static void
on_target (LcCoveragePage *self)
{
  g_autoptr(GError) error = NULL;
  guint i = adw_combo_row_get_selected (self->target_row);

  if (self->updating || self->plan == NULL || i >= G_N_ELEMENTS (targets))
    return;
  if (!lc_plan_set_coverage_target (self->plan, targets[i], &error))
    lc_show_error (GTK_WIDGET (self), _("Could not change the coverage target"), error->message);
}

static void
on_planned (LcCoveragePage *self)
{
  if (self->model != NULL && !self->updating)
    lc_coverage_model_set_count_planned (self->model, gtk_switch_get_active (self->planned_switch));
}

/* ---- the object ---- */

static void
lc_coverage_page_dispose (GObject *object)
{
  LcCoveragePage *self = LC_COVERAGE_PAGE (object);
  GtkWidget *child;

  lc_coverage_page_set_model (self, NULL);
  g_clear_pointer (&self->threshold_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LC_TYPE_COVERAGE_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lc_coverage_page_parent_class)->dispose (object);
}

static void
lc_coverage_page_class_init (LcCoveragePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lc_coverage_page_dispose;

  /**
   * LcCoveragePage::go-to:
   *
   * The planner chose a place in a list: a home beyond reach, a site.
   */
  signals[GO_TO] = g_signal_new ("go-to", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/lc-coverage-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LcCoveragePage, basic_label);
  gtk_widget_class_bind_template_child (widget_class, LcCoveragePage, summary_group);
  gtk_widget_class_bind_template_child (widget_class, LcCoveragePage, basic_row);
  gtk_widget_class_bind_template_child (widget_class, LcCoveragePage, speed_row);
  gtk_widget_class_bind_template_child (widget_class, LcCoveragePage, target_row);
  gtk_widget_class_bind_template_child (widget_class, LcCoveragePage, planned_switch);
  gtk_widget_class_bind_template_child (widget_class, LcCoveragePage, services_list);
  gtk_widget_class_bind_template_child (widget_class, LcCoveragePage, legend_group);
  gtk_widget_class_bind_template_child (widget_class, LcCoveragePage, thresholds_group);
  gtk_widget_class_bind_template_child (widget_class, LcCoveragePage, sites_group);
  gtk_widget_class_bind_template_child (widget_class, LcCoveragePage, suggest_button);
  gtk_widget_class_bind_template_child (widget_class, LcCoveragePage, sites_list);
  gtk_widget_class_bind_template_child (widget_class, LcCoveragePage, gaps_group);
  gtk_widget_class_bind_template_child (widget_class, LcCoveragePage, gaps_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lc_coverage_page_init (LcCoveragePage *self)
{
  g_autoptr(GtkStringList) speed_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) target_names = gtk_string_list_new (NULL);
  guint n;
  const LcService *all = lc_services_get_all (&n);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->service = -1;
  self->speed = 60;
  self->threshold_rows = g_ptr_array_new ();

  gtk_string_list_append (speed_names, _("Adults: 60 m/min"));
  gtk_string_list_append (speed_names, _("Elderly: 45 m/min"));
  adw_combo_row_set_model (self->speed_row, G_LIST_MODEL (speed_names));
  gtk_string_list_append (target_names, _("85 % (Shanghai, 2025)"));
  gtk_string_list_append (target_names, _("99 % (Shanghai, 2035)"));
  adw_combo_row_set_model (self->target_row, G_LIST_MODEL (target_names));
  g_signal_connect_swapped (self->speed_row, "notify::selected", G_CALLBACK (on_speed), self);
  g_signal_connect_swapped (self->target_row, "notify::selected", G_CALLBACK (on_target), self);
  g_signal_connect_swapped (self->planned_switch, "notify::active", G_CALLBACK (on_planned), self);
  g_signal_connect (self->services_list, "row-activated", G_CALLBACK (on_row_activated), self);
  g_signal_connect (self->sites_list, "row-activated", G_CALLBACK (on_place_activated), self);
  g_signal_connect (self->gaps_list, "row-activated", G_CALLBACK (on_place_activated), self);
  g_signal_connect_swapped (self->suggest_button, "clicked", G_CALLBACK (on_suggest), self);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *figure = gtk_label_new (NULL);
      GtkWidget *mark = gtk_image_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lc_service_get_display_name (&all[i]));
      gtk_widget_set_tooltip_text (row, _(all[i].basis));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_add_css_class (figure, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), figure);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), mark);
      gtk_list_box_append (self->services_list, row);
      self->rows[i] = row;
      self->figures[i] = figure;
      self->marks[i] = mark;
    }

  for (guint band = 0; band <= LC_COVERAGE_N_BANDS; band++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *swatch = gtk_drawing_area_new ();

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 28);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, GUINT_TO_POINTER (band), NULL);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch);
      adw_preferences_group_add (self->legend_group, row);
      self->legend_rows[band] = row;
    }
  update_legend (self, FALSE, 0);
}

/* Shows the model's figures */
static void
show_figures (LcCoveragePage *self)
{
  LcCoverage *coverage = self->model != NULL ? lc_coverage_model_get_coverage (self->model) : NULL;
  guint n;
  double basic = 0, covered = 0, gap = 0;

  lc_services_get_all (&n);

  self->updating = TRUE;
  adw_preferences_group_set_description (self->summary_group, NULL);
  if (coverage == NULL)
    {
      gtk_label_set_text (self->basic_label, "");
      for (guint i = 0; i < n; i++)
        {
          gtk_label_set_text (GTK_LABEL (self->figures[i]), "");
          adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rows[i]), "");
          gtk_image_clear (GTK_IMAGE (self->marks[i]));
        }
      self->updating = FALSE;
      return;
    }

  lc_coverage_get_basic_all (coverage, &basic, NULL, &covered);
  {
    g_autofree char *text = g_strdup_printf ("%.1f %%", basic * 100);
    gtk_label_set_text (self->basic_label, text);
  }
  /* A hint that the network's data has gaps, as the tool gives it */
  {
    guint n_islands = lc_walk_graph_get_n_islands (lc_coverage_get_graph (coverage));
    g_autofree char *note = NULL;

    if (n_islands > 0)
      /* Translators: %lld is a count of small parts of the walking network joined to nothing else */
      note = g_strdup_printf (ngettext ("The walking network has %lld small island joined to nothing else; facilities "
                                        "and homes near it are placed on the main network.",
                                        "The walking network has %lld small islands joined to nothing else; facilities "
                                        "and homes near them are placed on the main network.", n_islands),
                              (long long) n_islands);
    adw_preferences_group_set_description (self->summary_group, note);
  }
  self->speed = lc_coverage_get_walking_speed (coverage);
  adw_combo_row_set_selected (self->speed_row, self->speed == 60 ? 0 : self->speed == 45 ? 1 : GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (self->target_row, fabs (lc_coverage_get_target (coverage) - 0.85) < 1e-6 ? 0 :
                                                fabs (lc_coverage_get_target (coverage) - 0.99) < 1e-6 ? 1 :
                                                GTK_INVALID_LIST_POSITION);

  for (guint i = 0; i < n; i++)
    {
      const LcServiceCoverage *r = lc_coverage_get_result (coverage, i);
      g_autofree char *figure = g_strdup_printf ("%.1f %%", r->share_population * 100);
      /* Translators: a service's facilities, and the residents it does not reach */
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u facility · %.0f residents beyond reach",
                                                             "%u facilities · %.0f residents beyond reach",
                                                             r->n_facilities),
                                                   r->n_facilities, r->population - r->covered_population);

      gtk_label_set_text (GTK_LABEL (self->figures[i]), figure);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rows[i]), subtitle);
      gtk_image_set_from_icon_name (GTK_IMAGE (self->marks[i]),
                                    r->meets_target ? "object-select-symbolic" : "dialog-warning-symbolic");
      gtk_widget_set_tooltip_text (self->marks[i], r->meets_target ? _("Meets the target") : _("Below the target"));
      gtk_widget_remove_css_class (self->marks[i], r->meets_target ? "warning" : "success");
      gtk_widget_add_css_class (self->marks[i], r->meets_target ? "success" : "warning");
      if ((int) i == self->service)
        gap = r->population - r->covered_population;
    }
  update_legend (self, self->service >= 0, gap);
  update_gaps (self, coverage);
  self->updating = FALSE;
}

int
lc_coverage_page_get_service (LcCoveragePage *self)
{
  g_return_val_if_fail (LC_IS_COVERAGE_PAGE (self), -1);
  return self->service;
}

/**
 * lc_coverage_page_set_service:
 * @service: a service's index in the catalogue, or -1 for none
 *
 * Chooses the service whose reach the page and the map show, as a click
 * in the list does.
 */
void
lc_coverage_page_set_service (LcCoveragePage *self,
                              int             service)
{
  g_return_if_fail (LC_IS_COVERAGE_PAGE (self));
  g_return_if_fail (service < LC_N_SERVICES);

  if (self->model != NULL)
    lc_coverage_model_set_service (self->model, service);
}

/* The model's service, selected in the list, its legend and gaps shown */
static void
show_service (LcCoveragePage *self)
{
  int service = self->model != NULL ? lc_coverage_model_get_service (self->model) : -1;

  if (service == self->service)
    return;
  self->service = service;
  if (service >= 0)
    gtk_list_box_select_row (self->services_list, GTK_LIST_BOX_ROW (self->rows[service]));
  else
    gtk_list_box_unselect_all (self->services_list);
  gtk_widget_set_visible (GTK_WIDGET (self->legend_group), service >= 0);
  gtk_widget_set_visible (GTK_WIDGET (self->sites_group), service >= 0);
  if (service < 0)
    gtk_widget_set_visible (GTK_WIDGET (self->gaps_group), FALSE);
  show_figures (self);
}

/**
 * lc_coverage_page_dup_figure:
 *
 * Returns: (transfer full): the coverage figure the page shows for a
 *   service, as text (for tests)
 */
char *
lc_coverage_page_dup_figure (LcCoveragePage *self,
                             int             service)
{
  g_return_val_if_fail (LC_IS_COVERAGE_PAGE (self), NULL);
  g_return_val_if_fail (service >= 0 && service < LC_N_SERVICES, NULL);
  return g_strdup (gtk_label_get_text (GTK_LABEL (self->figures[service])));
}

/* Lists the sites the model suggests, each with the residents it would
 * newly reach and the share reached after it and the ones before */
static void
show_suggestions (LcCoveragePage *self)
{
  GArray *suggestions = self->model != NULL ? lc_coverage_model_get_suggestions (self->model) : NULL;

  clear_list (self->sites_list);
  for (guint i = 0; suggestions != NULL && i < suggestions->len; i++)
    {
      const LcCoverageSuggestion *s = &g_array_index (suggestions, LcCoverageSuggestion, i);
      /* Translators: a suggested site, by rank, and the residents it would newly reach */
      g_autofree char *title = g_strdup_printf (_("Site %u: %.0f more residents"), i + 1, s->gain_population);
      /* Translators: the share of residents reached once this site and those before it are built */
      g_autofree char *subtitle = g_strdup_printf (_("Coverage then %.1f %%"), s->cumulative_share_population * 100);

      gtk_list_box_append (self->sites_list, place_row (title, subtitle, s->lat, s->lon));
    }
  if (suggestions != NULL && suggestions->len == 0)
    {
      GtkWidget *none = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none), _("No site would reach more residents."));
      gtk_list_box_append (self->sites_list, none);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->sites_list), suggestions != NULL);
}

/**
 * lc_coverage_page_set_model:
 * @model: (nullable): the coverage to show, and whose plan's settings the
 *   page changes
 */
void
lc_coverage_page_set_model (LcCoveragePage  *self,
                            LcCoverageModel *model)
{
  g_return_if_fail (LC_IS_COVERAGE_PAGE (self));
  g_return_if_fail (model == NULL || LC_IS_COVERAGE_MODEL (model));

  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  g_set_object (&self->model, model);
  g_clear_object (&self->plan);
  if (model != NULL)
    self->plan = g_object_ref (lc_coverage_model_get_plan (model));
  if (model != NULL)
    {
      g_signal_connect_swapped (self->plan, "changed", G_CALLBACK (on_plan_changed), self);
      g_signal_connect_swapped (model, "updated", G_CALLBACK (show_figures), self);
      g_signal_connect_swapped (model, "notify::service", G_CALLBACK (show_service), self);
      g_signal_connect_swapped (model, "notify::suggestions", G_CALLBACK (show_suggestions), self);
      self->updating = TRUE;
      gtk_switch_set_active (self->planned_switch, lc_coverage_model_get_count_planned (model));
      self->updating = FALSE;
    }
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  fill_thresholds (self);
  show_service (self);
  show_figures (self);
  show_suggestions (self);
}
