/* lc-vote-chart.c: the result of a vote at a 协调会 as a bar chart
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-vote-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-vote-chart.h"

/*
 * One bar per option, as long as its votes against the most any option
 * has, the winner in green; the abstentions in grey; below, the result in
 * words (the winner, or the tie), which is also the chart's accessible
 * description.
 */

struct _LcVoteChart
{
  LcBarChart parent_instance;
};

G_DEFINE_FINAL_TYPE (LcVoteChart, lc_vote_chart, LC_TYPE_BAR_CHART)

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
lc_vote_chart_class_init (LcVoteChartClass *klass)
{
}

static void
lc_vote_chart_init (LcVoteChart *self)
{
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
  g_autofree char *summary = NULL;
  gint64 most = MAX (r->abstentions, 1);

  g_return_if_fail (LC_IS_VOTE_CHART (self));

  for (guint i = 0; i < r->n_options; i++)
    most = MAX (most, r->votes[i]);
  lc_bar_chart_clear (LC_BAR_CHART (self));
  for (guint i = 0; i < r->n_options; i++)
    {
      const LcVoteOption *o = g_ptr_array_index (options, i);
      /* Translators: an option's votes and their share of the votes cast */
      g_autofree char *figure = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld vote (%.0f%%)", "%lld votes (%.0f%%)", r->votes[i]),
                                                 (long long) r->votes[i], r->shares[i] * 100);

      lc_bar_chart_add (LC_BAR_CHART (self), o->label, figure, (double) r->votes[i] / most,
                         (int) i == r->winner ? LC_BAR_HIGHLIGHT : LC_BAR_NORMAL);
    }
  if (r->abstentions > 0)
    {
      g_autofree char *figure = g_strdup_printf ("%lld", (long long) r->abstentions);

      lc_bar_chart_add (LC_BAR_CHART (self), _("Abstained"), figure, (double) r->abstentions / most, LC_BAR_DIM);
    }
  summary = lc_vote_result_describe (options, r);
  lc_bar_chart_set_summary (LC_BAR_CHART (self), summary);
}

