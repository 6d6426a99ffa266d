/* lc-rating-chart.c: the satisfaction ratings of a 评议会 as a bar chart
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-rating-chart"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "lc-rating-chart.h"

/*
 * One bar per level, 5 (very satisfied) at the top: the satisfied levels
 * in green, the dissatisfied in orange; below, the average and the share
 * satisfied, which is also the chart's accessible description.
 */

struct _LcRatingChart
{
  LcBarChart parent_instance;
};

G_DEFINE_FINAL_TYPE (LcRatingChart, lc_rating_chart, LC_TYPE_BAR_CHART)

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
lc_rating_chart_class_init (LcRatingChartClass *klass)
{
}

static void
lc_rating_chart_init (LcRatingChart *self)
{
  const gint64 none[5] = { 0 };

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
  g_autofree char *summary = NULL;
  gint64 most = 1;

  g_return_if_fail (LC_IS_RATING_CHART (self));

  lc_rating_summary_compute (counts, &s);
  for (guint i = 0; i < 5; i++)
    most = MAX (most, counts[i]);
  lc_bar_chart_clear (LC_BAR_CHART (self));
  for (int level = 5; level >= 1; level--)
    {
      gint64 n = counts[level - 1];
      /* Translators: how many residents gave a rating */
      g_autofree char *figure = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld resident", "%lld residents", n), (long long) n);
      g_autofree char *label = g_strdup_printf ("%d · %s", level, lc_rating_level_name (level));

      lc_bar_chart_add (LC_BAR_CHART (self), label, figure, (double) n / most,
                         level >= LC_RATING_SATISFIED_LEVEL ? LC_BAR_HIGHLIGHT
                         : level <= 2 ? LC_BAR_WARNING : LC_BAR_NORMAL);
    }
  summary = lc_rating_summary_describe (&s);
  lc_bar_chart_set_summary (LC_BAR_CHART (self), summary);
}

