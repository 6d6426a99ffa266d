/* lc-bar-chart.c: a horizontal bar chart with a caption, the base of the vote and rating charts
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-bar-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-bar-chart.h"

/*
 * One row a bar: its label on the left (in a column as wide as the widest
 * label), the bar, and its figure after the bar; the summary (the result
 * in words) below. Text is laid out with the widget's Pango context, so
 * Chinese labels use the interface font. The summary and the figures are
 * the chart's accessible description. Subclasses fill the bars.
 */

#define ROW_HEIGHT 26
#define BAR_HEIGHT 16
#define GAP 8

typedef struct
{
  char       *label;
  char       *figure;
  double      fraction;   /* the bar's length, 0 to 1 of the widest */
  LcBarStyle  style;
} Bar;

typedef struct
{
  GArray *bars;      /* Bar */
  char   *summary;
} LcBarChartPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (LcBarChart, lc_bar_chart, GTK_TYPE_WIDGET)

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
  g_free (bar->figure);
}

static int
summary_height (GtkWidget  *widget,
                const char *summary,
                int         width)
{
  g_autoptr(PangoLayout) layout = NULL;
  int h;

  if (summary == NULL || *summary == '\0')
    return 0;
  layout = gtk_widget_create_pango_layout (widget, summary);
  if (width > 0)
    pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, NULL, &h);
  return h + GAP;
}

static void
lc_bar_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  LcBarChartPrivate *priv = lc_bar_chart_get_instance_private (LC_BAR_CHART (widget));

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 360;
    }
  else
    *minimum = *natural = priv->bars->len * ROW_HEIGHT + summary_height (widget, priv->summary, for_size) + 24;
}

static void
set_colour (cairo_t    *cr,
            LcBarStyle  style)
{
  switch (style)
    {
    case LC_BAR_HIGHLIGHT:
      cairo_set_source_rgb (cr, 0.18, 0.76, 0.49);   /* GNOME green 3 */
      break;
    case LC_BAR_WARNING:
      cairo_set_source_rgb (cr, 0.90, 0.38, 0.00);   /* GNOME orange 5 */
      break;
    case LC_BAR_DIM:
      cairo_set_source_rgb (cr, 0.60, 0.59, 0.56);   /* GNOME light 5 */
      break;
    case LC_BAR_NORMAL:
    default:
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);   /* GNOME blue 3 */
      break;
    }
}

static void
lc_bar_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  LcBarChartPrivate *priv = lc_bar_chart_get_instance_private (LC_BAR_CHART (widget));
  GArray *bars = priv->bars;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int label_width = 0, figure_width = 0;
  GdkRGBA text;
  cairo_t *cr;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &text);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  for (guint i = 0; i < bars->len; i++)
    {
      const Bar *bar = &g_array_index (bars, Bar, i);
      g_autoptr(PangoLayout) label = gtk_widget_create_pango_layout (widget, bar->label);
      g_autoptr(PangoLayout) figure = gtk_widget_create_pango_layout (widget, bar->figure);
      int w;

      pango_layout_get_pixel_size (label, &w, NULL);
      label_width = MAX (label_width, w);
      pango_layout_get_pixel_size (figure, &w, NULL);
      figure_width = MAX (figure_width, w);
    }
  label_width = MIN (label_width, width / 3);

  for (guint i = 0; i < bars->len; i++)
    {
      const Bar *bar = &g_array_index (bars, Bar, i);
      g_autoptr(PangoLayout) label = gtk_widget_create_pango_layout (widget, bar->label);
      g_autoptr(PangoLayout) figure = gtk_widget_create_pango_layout (widget, bar->figure);
      double y = i * ROW_HEIGHT;
      double span = MAX (width - label_width - figure_width - 3 * GAP, 1);
      double length = bar->fraction * span;
      int h;

      pango_layout_set_width (label, label_width * PANGO_SCALE);
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (label, PANGO_ALIGN_RIGHT);
      pango_layout_get_pixel_size (label, NULL, &h);
      gdk_cairo_set_source_rgba (cr, &text);
      cairo_move_to (cr, 0, y + (ROW_HEIGHT - h) / 2.0);
      pango_cairo_show_layout (cr, label);

      set_colour (cr, bar->style);
      cairo_rectangle (cr, label_width + GAP, y + (ROW_HEIGHT - BAR_HEIGHT) / 2.0,
                       MAX (length, bar->fraction > 0 ? 2 : 0), BAR_HEIGHT);
      cairo_fill (cr);

      gdk_cairo_set_source_rgba (cr, &text);
      pango_layout_get_pixel_size (figure, NULL, &h);
      cairo_move_to (cr, label_width + 2 * GAP + length, y + (ROW_HEIGHT - h) / 2.0);
      pango_cairo_show_layout (cr, figure);
    }

  if (priv->summary != NULL && *priv->summary != '\0')
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, priv->summary);

      pango_layout_set_width (layout, width * PANGO_SCALE);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      gdk_cairo_set_source_rgba (cr, &text);
      cairo_move_to (cr, 0, bars->len * ROW_HEIGHT + GAP);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_destroy (cr);
}

static void
lc_bar_chart_finalize (GObject *object)
{
  LcBarChartPrivate *priv = lc_bar_chart_get_instance_private (LC_BAR_CHART (object));

  g_array_unref (priv->bars);
  g_free (priv->summary);
  G_OBJECT_CLASS (lc_bar_chart_parent_class)->finalize (object);
}

static void
lc_bar_chart_class_init (LcBarChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = lc_bar_chart_finalize;
  widget_class->measure = lc_bar_chart_measure;
  widget_class->snapshot = lc_bar_chart_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "barchart");
}

static void
lc_bar_chart_init (LcBarChart *self)
{
  LcBarChartPrivate *priv = lc_bar_chart_get_instance_private (self);

  priv->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (priv->bars, bar_clear);
}

void
lc_bar_chart_clear (LcBarChart *self)
{
  LcBarChartPrivate *priv = lc_bar_chart_get_instance_private (self);

  g_array_set_size (priv->bars, 0);
}

/**
 * lc_bar_chart_add:
 * @figure: what the bar stands for, shown after it: "42 votes (56%)"
 * @fraction: the bar's length, 0 to 1 of the widest
 */
void
lc_bar_chart_add (LcBarChart *self,
                  const char *label,
                  const char *figure,
                  double      fraction,
                  LcBarStyle  style)
{
  LcBarChartPrivate *priv = lc_bar_chart_get_instance_private (self);
  Bar bar = { g_strdup (label), g_strdup (figure), CLAMP (fraction, 0, 1), style };

  g_array_append_val (priv->bars, bar);
}

/**
 * lc_bar_chart_set_summary:
 *
 * Sets the text under the bars, once the bars are added: it and the bars'
 * figures become the chart's accessible description.
 */
void
lc_bar_chart_set_summary (LcBarChart *self,
                          const char *summary)
{
  LcBarChartPrivate *priv = lc_bar_chart_get_instance_private (self);
  g_autoptr(GString) description = g_string_new (summary);

  g_free (priv->summary);
  priv->summary = g_strdup (summary);
  for (guint i = 0; i < priv->bars->len; i++)
    {
      const Bar *bar = &g_array_index (priv->bars, Bar, i);

      if (description->len > 0)
        g_string_append (description, "; ");
      /* Translators: a label and its value, such as "Scheme A: 42 votes" */
      g_string_append_printf (description, _("%s: %s"), bar->label, bar->figure);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * lc_bar_chart_get_summary:
 *
 * Returns: (transfer none) (nullable): the text under the bars
 */
const char *
lc_bar_chart_get_summary (LcBarChart *self)
{
  LcBarChartPrivate *priv = lc_bar_chart_get_instance_private (self);

  g_return_val_if_fail (LC_IS_BAR_CHART (self), NULL);

  return priv->summary;
}
