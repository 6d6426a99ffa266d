/* lc-rating-chart.c: the satisfaction ratings of a 评议会 as a bar chart
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-rating-chart"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-chart-bars.h"
#include "lc-rating-chart.h"

/*
 * One bar per level, 5 (very satisfied) at the top: the satisfied levels
 * in green, the dissatisfied in orange; below, the average and the share
 * satisfied, which is also the chart's accessible description.
 */

struct _LcRatingChart
{
  GtkWidget parent_instance;

  /* Owned */
  GArray *bars;      /* LcChartBar */
  char   *summary;
};

G_DEFINE_FINAL_TYPE (LcRatingChart, lc_rating_chart, GTK_TYPE_WIDGET)

/**
 * lc_rating_level_name:
 * @level: 1 to 5
 *
 * Returns: (transfer none): the level's name, translated
 */
const char *
lc_rating_level_name (int level)
{
  switch (level)
    {
    case 1:
      /* Translators: a satisfaction rating, 1 of 5 */
      return _("Very dissatisfied");
    case 2:
      return _("Dissatisfied");
    case 3:
      /* Translators: a satisfaction rating, 3 of 5 */
      return _("Neutral");
    case 4:
      return _("Satisfied");
    case 5:
      return _("Very satisfied");
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * lc_rating_summary_describe:
 *
 * Returns: (transfer full): the average and the share satisfied in a sentence
 */
char *
lc_rating_summary_describe (const LcRatingSummary *s)
{
  if (s->total == 0 || isnan (s->average))
    return g_strdup (_("No ratings recorded yet."));
  /* Translators: the average rating (of 5), the share satisfied in percent, and how many rated */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Average %.1f of 5; %.0f%% satisfied (%lld resident rated).",
                                       "Average %.1f of 5; %.0f%% satisfied (%lld residents rated).", s->total),
                          s->average, s->satisfied_share * 100, (long long) s->total);
}

static void
lc_rating_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  LcRatingChart *self = LC_RATING_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 360;
    }
  else
    *minimum = *natural = lc_chart_bars_height (widget, self->bars, self->summary) + 24;
}

static void
lc_rating_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  LcRatingChart *self = LC_RATING_CHART (widget);

  lc_chart_bars_snapshot (widget, snapshot, self->bars, self->summary);
}

static void
lc_rating_chart_finalize (GObject *object)
{
  LcRatingChart *self = LC_RATING_CHART (object);

  lc_chart_bars_clear (self->bars);
  g_array_unref (self->bars);
  g_free (self->summary);
  G_OBJECT_CLASS (lc_rating_chart_parent_class)->finalize (object);
}

static void
lc_rating_chart_class_init (LcRatingChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = lc_rating_chart_finalize;
  widget_class->measure = lc_rating_chart_measure;
  widget_class->snapshot = lc_rating_chart_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "ratingchart");
}

static void
lc_rating_chart_init (LcRatingChart *self)
{
  const gint64 none[5] = { 0 };

  self->bars = g_array_new (FALSE, TRUE, sizeof (LcChartBar));
  lc_rating_chart_set_counts (self, none);
}

GtkWidget *
lc_rating_chart_new (void)
{
  return g_object_new (LC_TYPE_RATING_CHART, NULL);
}

/**
 * lc_rating_chart_set_counts:
 * @counts: how many residents gave each level, 1 to 5
 */
void
lc_rating_chart_set_counts (LcRatingChart *self,
                            const gint64   counts[5])
{
  LcRatingSummary s;
  g_autofree char *description = NULL;
  gint64 most = 1;

  g_return_if_fail (LC_IS_RATING_CHART (self));

  lc_rating_summary_compute (counts, &s);
  for (guint i = 0; i < 5; i++)
    most = MAX (most, counts[i]);
  lc_chart_bars_clear (self->bars);
  for (int level = 5; level >= 1; level--)
    {
      gint64 n = counts[level - 1];
      /* Translators: how many residents gave a rating */
      g_autofree char *figure = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld resident", "%lld residents", n), (long long) n);
      g_autofree char *label = g_strdup_printf ("%d · %s", level, lc_rating_level_name (level));

      lc_chart_bars_add (self->bars, label, figure, (double) n / most,
                         level >= LC_RATING_SATISFIED_LEVEL ? LC_CHART_BAR_HIGHLIGHT
                         : level <= 2 ? LC_CHART_BAR_WARNING : LC_CHART_BAR_NORMAL);
    }
  g_free (self->summary);
  self->summary = lc_rating_summary_describe (&s);
  description = lc_chart_bars_describe (self->bars, self->summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * lc_rating_chart_get_summary:
 *
 * Returns: (transfer none): the average and share satisfied in words
 */
const char *
lc_rating_chart_get_summary (LcRatingChart *self)
{
  g_return_val_if_fail (LC_IS_RATING_CHART (self), NULL);

  return self->summary;
}
