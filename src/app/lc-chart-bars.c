/* lc-chart-bars.c: horizontal bar charts drawn in a widget's snapshot, shared by the vote and rating charts
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-chart-bars"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-chart-bars.h"

/*
 * One row a bar: its label on the left (in a column as wide as the widest
 * label), the bar, and its figure after the bar; the caption (the result
 * in words) below. Text is laid out with the widget's Pango context, so
 * Chinese labels use the interface font.
 */

#define ROW_HEIGHT 26
#define BAR_HEIGHT 16
#define GAP 8

static void
bar_clear (gpointer data)
{
  LcChartBar *bar = data;

  g_free (bar->label);
  g_free (bar->figure);
}

void
lc_chart_bars_clear (GArray *bars)
{
  g_array_set_clear_func (bars, bar_clear);
  g_array_set_size (bars, 0);
}

void
lc_chart_bars_add (GArray          *bars,
                   const char      *label,
                   const char      *figure,
                   double           fraction,
                   LcChartBarStyle  style)
{
  LcChartBar bar = { g_strdup (label), g_strdup (figure), CLAMP (fraction, 0, 1), style };

  g_array_set_clear_func (bars, bar_clear);
  g_array_append_val (bars, bar);
}

static int
caption_height (GtkWidget  *widget,
                const char *caption,
                int         width)
{
  g_autoptr(PangoLayout) layout = NULL;
  int h;

  if (caption == NULL || *caption == '\0')
    return 0;
  layout = gtk_widget_create_pango_layout (widget, caption);
  if (width > 0)
    pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, NULL, &h);
  return h + GAP;
}

int
lc_chart_bars_height (GtkWidget  *widget,
                      GArray     *bars,
                      const char *caption)
{
  return bars->len * ROW_HEIGHT + caption_height (widget, caption, gtk_widget_get_width (widget));
}

static void
set_colour (cairo_t         *cr,
            LcChartBarStyle  style)
{
  switch (style)
    {
    case LC_CHART_BAR_HIGHLIGHT:
      cairo_set_source_rgb (cr, 0.18, 0.76, 0.49);   /* GNOME green 3 */
      break;
    case LC_CHART_BAR_WARNING:
      cairo_set_source_rgb (cr, 0.90, 0.38, 0.00);   /* GNOME orange 5 */
      break;
    case LC_CHART_BAR_DIM:
      cairo_set_source_rgb (cr, 0.60, 0.59, 0.56);   /* GNOME light 5 */
      break;
    case LC_CHART_BAR_NORMAL:
    default:
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);   /* GNOME blue 3 */
      break;
    }
}

void
lc_chart_bars_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot,
                        GArray      *bars,
                        const char  *caption)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int label_width = 0, figure_width = 0;
  GdkRGBA text;
  cairo_t *cr;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &text);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  for (guint i = 0; i < bars->len; i++)
    {
      const LcChartBar *bar = &g_array_index (bars, LcChartBar, i);
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
      const LcChartBar *bar = &g_array_index (bars, LcChartBar, i);
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
      cairo_rectangle (cr, label_width + GAP, y + (ROW_HEIGHT - BAR_HEIGHT) / 2.0, MAX (length, bar->fraction > 0 ? 2 : 0), BAR_HEIGHT);
      cairo_fill (cr);

      gdk_cairo_set_source_rgba (cr, &text);
      pango_layout_get_pixel_size (figure, NULL, &h);
      cairo_move_to (cr, label_width + 2 * GAP + length, y + (ROW_HEIGHT - h) / 2.0);
      pango_cairo_show_layout (cr, figure);
    }

  if (caption != NULL && *caption != '\0')
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, caption);

      pango_layout_set_width (layout, width * PANGO_SCALE);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      gdk_cairo_set_source_rgba (cr, &text);
      cairo_move_to (cr, 0, bars->len * ROW_HEIGHT + GAP);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_destroy (cr);
}

/**
 * lc_chart_bars_describe:
 *
 * Returns: (transfer full): the chart in words, for screen readers:
 *   the caption, then each label with its figure
 */
char *
lc_chart_bars_describe (GArray     *bars,
                        const char *caption)
{
  GString *s = g_string_new (caption);

  for (guint i = 0; i < bars->len; i++)
    {
      const LcChartBar *bar = &g_array_index (bars, LcChartBar, i);

      if (s->len > 0)
        g_string_append (s, "; ");
      g_string_append_printf (s, _("%s: %s"), bar->label, bar->figure);
    }
  return g_string_free (s, FALSE);
}
