/* lc-vote-chart.c: the result of a vote at a 协调会 as a bar chart
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-vote-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-chart-bars.h"
#include "lc-vote-chart.h"

/*
 * One bar per option, as long as its votes against the most any option
 * has, the winner in green; the abstentions in grey; below, the result in
 * words (the winner, or the tie), which is also the chart's accessible
 * description.
 */

struct _LcVoteChart
{
  GtkWidget parent_instance;

  /* Owned */
  GArray *bars;      /* LcChartBar */
  char   *summary;
};

G_DEFINE_FINAL_TYPE (LcVoteChart, lc_vote_chart, GTK_TYPE_WIDGET)

/**
 * lc_vote_result_describe:
 * @options: (element-type LcVoteOption): the options @result was computed from
 *
 * Returns: (transfer full): the result in a sentence: who won with how
 *   many votes, or which options tie, and the abstentions
 */
char *
lc_vote_result_describe (GPtrArray          *options,
                         const LcVoteResult *r)
{
  GString *s = g_string_new (NULL);

  if (r->votes_cast == 0)
    g_string_append (s, _("No votes recorded yet."));
  else if (r->winner >= 0)
    /* Translators: %s is a voting option's label, then its votes, the votes cast and its share in percent */
    g_string_append_printf (s, _("“%s” wins with %lld of %lld votes (%.0f%%)."),
                            ((LcVoteOption *) g_ptr_array_index (options, r->winner))->label,
                            (long long) r->votes[r->winner], (long long) r->votes_cast, r->shares[r->winner] * 100);
  else
    {
      g_autoptr(GString) tied = g_string_new (NULL);
      gint64 best = 0;

      for (guint i = 0; i < r->n_options; i++)
        best = MAX (best, r->votes[i]);
      for (guint i = 0; i < r->n_options; i++)
        if (r->votes[i] == best)
          g_string_append_printf (tied, "%s“%s”", tied->len > 0 ? "、" : "",
                                  ((LcVoteOption *) g_ptr_array_index (options, i))->label);
      /* Translators: %s lists the tied options' labels, %lld is the votes each has */
      g_string_append_printf (s, _("Tie: %s have %lld votes each; no option wins."), tied->str, (long long) best);
    }
  if (r->abstentions > 0)
    {
      g_string_append_c (s, ' ');
      /* Translators: abstentions, and their share of all ballots in percent */
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%lld ballot abstained (%.0f%% of ballots).",
                                              "%lld ballots abstained (%.0f%% of ballots).", r->abstentions),
                              (long long) r->abstentions, r->abstention_share * 100);
    }
  return g_string_free (s, FALSE);
}

static void
lc_vote_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  LcVoteChart *self = LC_VOTE_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 360;
    }
  else
    *minimum = *natural = lc_chart_bars_height (widget, self->bars, self->summary) + 24;
}

static void
lc_vote_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  LcVoteChart *self = LC_VOTE_CHART (widget);

  lc_chart_bars_snapshot (widget, snapshot, self->bars, self->summary);
}

static void
lc_vote_chart_finalize (GObject *object)
{
  LcVoteChart *self = LC_VOTE_CHART (object);

  lc_chart_bars_clear (self->bars);
  g_array_unref (self->bars);
  g_free (self->summary);
  G_OBJECT_CLASS (lc_vote_chart_parent_class)->finalize (object);
}

static void
lc_vote_chart_class_init (LcVoteChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = lc_vote_chart_finalize;
  widget_class->measure = lc_vote_chart_measure;
  widget_class->snapshot = lc_vote_chart_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "votechart");
}

static void
lc_vote_chart_init (LcVoteChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (LcChartBar));
  lc_vote_chart_set_options (self, NULL, 0);
}

GtkWidget *
lc_vote_chart_new (void)
{
  return g_object_new (LC_TYPE_VOTE_CHART, NULL);
}

/**
 * lc_vote_chart_set_options:
 * @options: (nullable) (element-type LcVoteOption): the options with their votes
 * @abstentions: blank or abstaining ballots
 */
void
lc_vote_chart_set_options (LcVoteChart *self,
                           GPtrArray   *options,
                           gint64       abstentions)
{
  g_autoptr(LcVoteResult) r = lc_vote_result_new (options, abstentions);
  g_autofree char *description = NULL;
  gint64 most = MAX (r->abstentions, 1);

  g_return_if_fail (LC_IS_VOTE_CHART (self));

  for (guint i = 0; i < r->n_options; i++)
    most = MAX (most, r->votes[i]);
  lc_chart_bars_clear (self->bars);
  for (guint i = 0; i < r->n_options; i++)
    {
      const LcVoteOption *o = g_ptr_array_index (options, i);
      /* Translators: an option's votes and their share of the votes cast */
      g_autofree char *figure = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld vote (%.0f%%)", "%lld votes (%.0f%%)", r->votes[i]),
                                                 (long long) r->votes[i], r->shares[i] * 100);

      lc_chart_bars_add (self->bars, o->label, figure, (double) r->votes[i] / most,
                         (int) i == r->winner ? LC_CHART_BAR_HIGHLIGHT : LC_CHART_BAR_NORMAL);
    }
  if (r->abstentions > 0)
    {
      g_autofree char *figure = g_strdup_printf ("%lld", (long long) r->abstentions);

      lc_chart_bars_add (self->bars, _("Abstained"), figure, (double) r->abstentions / most, LC_CHART_BAR_DIM);
    }
  g_free (self->summary);
  self->summary = lc_vote_result_describe (options, r);
  description = lc_chart_bars_describe (self->bars, self->summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * lc_vote_chart_get_summary:
 *
 * Returns: (transfer none): the result in words, as shown under the bars
 */
const char *
lc_vote_chart_get_summary (LcVoteChart *self)
{
  g_return_val_if_fail (LC_IS_VOTE_CHART (self), NULL);

  return self->summary;
}
