/* lc-tool-coverage.c: `services`, `coverage` and `suggest`, who reaches what on foot
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-tool"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "lc-coverage.h"
#include "lc-coverage-suggest.h"
#include "lc-json.h"
#include "lc-services.h"
#include "lc-tool-common.h"

/* ---- services ---- */

static void
print_services_json (void)
{
  g_autoptr(GString) out = g_string_new ("[\n");
  guint n;
  const LcService *all = lc_services_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      const LcService *s = &all[i];

      g_string_append (out, "  {\"key\": ");
      lc_json_append_string (out, s->key);
      g_string_append (out, ", \"name_zh\": ");
      lc_json_append_string (out, s->name_zh);
      g_string_append (out, ", \"name_en\": ");
      lc_json_append_string (out, s->name_en);
      g_string_append_printf (out, ", \"group\": \"%s\", \"tiers\": [",
                              lc_service_group_to_key (s->group));
      for (guint t = 0; t < s->n_tiers; t++)
        {
          g_string_append (out, t > 0 ? ", {\"key\": " : "{\"key\": ");
          lc_json_append_string (out, s->tiers[t].key);
          g_string_append_printf (out, ", \"threshold_m\": %.0f}", s->tiers[t].threshold_m);
        }
      g_string_append (out, "], \"basis\": ");
      lc_json_append_string (out, s->basis);
      g_string_append (out, i + 1 < n ? "},\n" : "}\n");
    }
  g_string_append (out, "]\n");

  fputs (out->str, stdout);
}

static void
print_services_text (void)
{
  guint n;
  const LcService *all = lc_services_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      const LcService *s = &all[i];
      g_autoptr(GString) tiers = g_string_new (NULL);

      if (i == 0 || all[i - 1].group != s->group)
        g_print ("%s%s\n", i == 0 ? "" : "\n", lc_service_group_get_name (s->group));

      for (guint t = 0; t < s->n_tiers; t++)
        {
          if (t > 0)
            g_string_append (tiers, ", ");
          if (s->n_tiers > 1)
            g_string_append_printf (tiers, "%s ", _(s->tiers[t].label));
          /* Translators: a walking distance in metres */
          g_string_append_printf (tiers, _("%.0f m"), s->tiers[t].threshold_m);
        }

      g_print ("  %-24s %s  %s: %s\n", s->key, s->name_zh, lc_service_get_display_name (s),
               tiers->str);
    }
}

int
lc_tool_services (int    argc,
                  char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };

  if (!lc_tool_parse_command (&argc, &argv, NULL, entries, 0))
    return EXIT_USAGE;

  if (json)
    print_services_json ();
  else
    print_services_text ();

  return EXIT_OK;
}

/* ---- coverage ---- */

/* What the coverage of the plan at @path needs, read in place; prints why
 * not and sets *status to the exit code */
static LcCoverage *
read_coverage (const char      *command,
               const char      *path,
               LcCoverageFlags  flags,
               int             *status)
{
  g_autoptr(LcPlan) plan = lc_tool_open_plan_read_only (command, path, status);
  g_autoptr(GError) error = NULL;
  LcCoverage *coverage;

  if (plan == NULL)
    return NULL;
  coverage = lc_coverage_new_for_plan (plan, flags, &error);
  if (coverage == NULL)
    {
      g_printerr ("lifecircle-tool %s: %s: %s\n", command, path, error->message);
      *status = lc_plan_error_is_unreadable (error) ? EXIT_USAGE : EXIT_PROBLEMS;
    }
  return coverage;
}

static void
print_coverage_json (LcCoverage *coverage,
                     const char *file,
                     int         only,
                     gboolean    existing_only)
{
  g_autoptr(GString) out = g_string_new ("{\n");
  double basic_share, basic_homes, basic_people;
  LcWalkGraph *graph = lc_coverage_get_graph (coverage);
  guint n;
  const LcService *all = lc_services_get_all (&n);
  gboolean first = TRUE;

  lc_coverage_get_basic_all (coverage, &basic_share, &basic_homes, &basic_people);
  lc_tool_json_member (out, "file", file, FALSE);
  g_string_append_printf (out, "  \"include_planned\": %s,\n", existing_only ? "false" : "true");
  g_string_append_printf (out, "  \"walking_speed_m_min\": %g,\n", lc_coverage_get_walking_speed (coverage));
  g_string_append_printf (out, "  \"coverage_target\": %g,\n", lc_coverage_get_target (coverage));
  g_string_append_printf (out, "  \"graph\": {\"nodes\": %u, \"edges\": %u, \"islands\": %u},\n",
                          lc_walk_graph_get_n_nodes (graph), lc_walk_graph_get_n_edges (graph),
                          lc_walk_graph_get_n_islands (graph));
  g_string_append_printf (out, "  \"homes\": %u,\n", lc_coverage_get_n_homes (coverage));
  g_string_append_printf (out, "  \"population\": %.1f,\n",
                          lc_coverage_get_result (coverage, 0)->population);
  g_string_append_printf (out, "  \"basic_all\": {\"share_population\": %.6f, \"share_homes\": %.6f, "
                          "\"covered_population\": %.1f},\n", basic_share, basic_homes, basic_people);
  g_string_append (out, "  \"services\": [");
  for (guint s = 0; s < n; s++)
    {
      const LcServiceCoverage *r = lc_coverage_get_result (coverage, s);
      g_autoptr(GArray) uncovered = NULL;

      if (only >= 0 && (int) s != only)
        continue;
      uncovered = lc_coverage_list_uncovered (coverage, s);
      g_string_append (out, first ? "\n    {\"key\": " : ",\n    {\"key\": ");
      first = FALSE;
      lc_json_append_string (out, all[s].key);
      g_string_append (out, ", \"name_zh\": ");
      lc_json_append_string (out, all[s].name_zh);
      g_string_append_printf (out, ", \"group\": \"%s\", \"facilities\": %u, \"max_threshold_m\": %.1f, "
                              "\"share_population\": %.6f, \"share_homes\": %.6f, "
                              "\"covered_population\": %.1f, \"uncovered_population\": %.1f, "
                              "\"covered_homes\": %u, \"uncovered_homes\": %u, \"meets_target\": %s, "
                              "\"uncovered\": [",
                              lc_service_group_to_key (all[s].group),
                              r->n_facilities, r->max_threshold_m, r->share_population, r->share_homes,
                              r->covered_population, r->population - r->covered_population,
                              r->covered_homes, r->n_homes - r->covered_homes,
                              r->meets_target ? "true" : "false");
      for (guint i = 0; i < uncovered->len; i++)
        {
          gint64 fid;
          double people;

          lc_coverage_get_home (coverage, g_array_index (uncovered, guint, i), &fid, NULL, NULL, &people);
          g_string_append_printf (out, "%s{\"building\": %" G_GINT64_FORMAT ", \"population\": %.1f}",
                                  i > 0 ? ", " : "", fid, people);
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "\n  ]\n}\n");
  fputs (out->str, stdout);
}

static void
print_coverage_text (LcCoverage *coverage,
                     int         only,
                     gboolean    existing_only)
{
  guint n;
  const LcService *all = lc_services_get_all (&n);
  const LcServiceCoverage *first = lc_coverage_get_result (coverage, 0);
  double basic_share, basic_homes, basic_people;
  guint n_islands;

  /* Translators: the heading of `lifecircle-tool coverage`; %.0f are residents, %u homes,
   * the walking speed in metres per minute and the target in percent */
  g_print (_("%.0f residents in %u homes; walking %.0f m/min; target %.0f %%\n"),
           first->population, first->n_homes, lc_coverage_get_walking_speed (coverage),
           lc_coverage_get_target (coverage) * 100);
  g_print ("%s\n", existing_only ? _("Only existing facilities count.")
                                 : _("Existing, planned and under-construction facilities count."));
  n_islands = lc_walk_graph_get_n_islands (lc_coverage_get_graph (coverage));
  if (n_islands > 0)
    /* Translators: %lld is a count of small parts of the walking network joined to nothing else */
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "The walking network has %lld small island joined to nothing else; "
                          "facilities and homes near it are placed on the main network.\n",
                          "The walking network has %lld small islands joined to nothing else; "
                          "facilities and homes near them are placed on the main network.\n",
                          n_islands),
             (long long) n_islands);
  g_print ("\n");
  /* Translators: column headings; keep each within its width */
  g_print ("%-24s %8s %7s %-6s %10s %10s\n", _("Service"), _("Coverage"), _("Target"), _("Result"),
           _("Facilities"), _("Uncovered"));
  for (guint s = 0; s < n; s++)
    {
      const LcServiceCoverage *r = lc_coverage_get_result (coverage, s);

      if (only >= 0 && (int) s != only)
        continue;
      g_print ("%-24s %7.1f%% %6.0f%% %-6s %10u %10.0f  %s %s\n", all[s].key, r->share_population * 100,
               lc_coverage_get_target (coverage) * 100,
               /* Translators: whether a service meets the coverage target */
               r->meets_target ? _("pass") : _("fail"),
               r->n_facilities, r->population - r->covered_population, all[s].name_zh,
               lc_service_get_display_name (&all[s]));
    }

  if (only < 0)
    {
      lc_coverage_get_basic_all (coverage, &basic_share, &basic_homes, &basic_people);
      /* Translators: the share of residents covered by all ten basic services (十全) at once */
      g_print (_("\nAll ten basic services (十全): %.1f %% of residents, %.1f %% of homes\n"),
               basic_share * 100, basic_homes * 100);
    }
}

int
lc_tool_coverage (int    argc,
                  char **argv)
{
  g_autofree char *service = NULL;
  gboolean json = FALSE, existing_only = FALSE;
  const GOptionEntry entries[] = {
    { "service", 's', 0, G_OPTION_ARG_STRING, &service, N_("Show only this service (a key such as “elderly”)"),
      N_("KEY") },
    { "existing-only", 0, 0, G_OPTION_ARG_NONE, &existing_only,
      N_("Count only existing facilities and paths, not planned ones"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };
  g_autoptr(LcCoverage) coverage = NULL;
  int status = EXIT_OK, only = -1;

  if (!lc_tool_parse_command (&argc, &argv, _("FILE"), entries, 1))
    return EXIT_USAGE;
  if (service != NULL && lc_service_lookup (service) == NULL)
    {
      g_printerr (_("lifecircle-tool coverage: unknown service “%s”; `lifecircle-tool services` lists them\n"),
                  service);
      return EXIT_USAGE;
    }

  coverage = read_coverage ("coverage", argv[1], existing_only ? LC_COVERAGE_EXISTING_ONLY : 0, &status);
  if (coverage == NULL)
    return status;

  lc_coverage_compute (coverage);
  if (service != NULL)
    only = lc_coverage_lookup_service (coverage, service);

  if (json)
    print_coverage_json (coverage, argv[1], only, existing_only);
  else
    print_coverage_text (coverage, only, existing_only);

  for (guint s = 0; s < LC_N_SERVICES; s++)
    if ((only < 0 || (int) s == only) && !lc_coverage_get_result (coverage, s)->meets_target)
      status = EXIT_PROBLEMS;
  return status;
}

/* ---- suggest ---- */

#define MAX_SUGGESTIONS 1000

static void
print_suggest_json (LcCoverage *coverage,
                    const char *file,
                    guint       service,
                    const char *tier,
                    double      threshold_m,
                    GArray     *sites)
{
  g_autoptr(GString) out = g_string_new ("{\n");
  const LcServiceCoverage *r = lc_coverage_get_result (coverage, service);

  lc_tool_json_member (out, "file", file, FALSE);
  lc_tool_json_member (out, "service", r->service->key, FALSE);
  lc_tool_json_member (out, "tier", tier, FALSE);
  g_string_append_printf (out, "  \"threshold_m\": %.1f,\n", threshold_m);
  g_string_append_printf (out, "  \"population\": %.1f,\n", r->population);
  g_string_append_printf (out, "  \"share_population\": %.6f,\n", r->share_population);
  g_string_append (out, "  \"sites\": [");
  for (guint i = 0; i < sites->len; i++)
    {
      const LcCoverageSuggestion *site = &g_array_index (sites, LcCoverageSuggestion, i);

      g_string_append_printf (out, "%s\n    {\"rank\": %u, \"node\": %u, \"lat\": %.6f, \"lon\": %.6f, "
                              "\"gain_population\": %.1f, \"gain_homes\": %u, \"share_population_after\": %.6f}",
                              i > 0 ? "," : "", i + 1, site->node, site->lat, site->lon, site->gain_population,
                              site->gain_homes, site->cumulative_share_population);
    }
  g_string_append (out, sites->len > 0 ? "\n  ]\n}\n" : "]\n}\n");
  fputs (out->str, stdout);
}

static void
print_suggest_text (LcCoverage *coverage,
                    guint       service,
                    double      threshold_m,
                    GArray     *sites)
{
  const LcServiceCoverage *r = lc_coverage_get_result (coverage, service);

  /* Translators: the heading of `lifecircle-tool suggest`: the service's Chinese and
   * translated names, the reach of the new facilities in metres, the coverage now in
   * percent and the residents */
  g_print (_("%s %s, new facilities reaching %.0f m: %.1f %% of %.0f residents covered now\n"),
           r->service->name_zh, lc_service_get_display_name (r->service), threshold_m,
           r->share_population * 100, r->population);
  if (sites->len == 0)
    {
      g_print (_("No site would cover more residents.\n"));
      return;
    }
  /* Translators: column headings; keep each within its width */
  g_print ("\n%4s %10s %11s %10s %6s %8s\n", _("Site"), _("Latitude"), _("Longitude"), _("Residents"),
           _("Homes"), _("Coverage"));
  for (guint i = 0; i < sites->len; i++)
    {
      const LcCoverageSuggestion *site = &g_array_index (sites, LcCoverageSuggestion, i);
      g_autofree char *homes = g_strdup_printf ("+%u", site->gain_homes);

      g_print ("%4u %10.6f %11.6f %+10.0f %6s %7.1f%%\n", i + 1, site->lat, site->lon, site->gain_population,
               homes, site->cumulative_share_population * 100);
    }
}

int
lc_tool_suggest (int    argc,
                 char **argv)
{
  g_autofree char *service = NULL;
  g_autofree char *tier = NULL;
  gboolean json = FALSE;
  int k = 5;
  const GOptionEntry entries[] = {
    { "service", 's', 0, G_OPTION_ARG_STRING, &service, N_("The service (a key such as “elderly”; required)"),
      N_("KEY") },
    { "tier", 't', 0, G_OPTION_ARG_STRING, &tier,
      N_("The tier of the new facilities, such as “station” (default: the one that reaches farthest)"),
      N_("TIER") },
    { "count", 'k', 0, G_OPTION_ARG_INT, &k, N_("How many sites to suggest (default 5)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };
  g_autoptr(LcCoverage) coverage = NULL;
  g_autoptr(GArray) sites = NULL;
  const LcService *info;
  int status = EXIT_OK, s;
  double threshold_m;

  if (!lc_tool_parse_command (&argc, &argv, _("FILE"), entries, 1))
    return EXIT_USAGE;
  if (service == NULL)
    {
      g_printerr (_("lifecircle-tool suggest: say which service with --service KEY; "
                    "`lifecircle-tool services` lists them\n"));
      return EXIT_USAGE;
    }
  info = lc_service_lookup (service);
  if (info == NULL)
    {
      g_printerr (_("lifecircle-tool suggest: unknown service “%s”; `lifecircle-tool services` lists them\n"),
                  service);
      return EXIT_USAGE;
    }
  if (tier != NULL && lc_service_lookup_tier (info, tier) == NULL)
    {
      g_autoptr(GString) tiers = g_string_new (NULL);

      for (guint t = 0; t < info->n_tiers; t++)
        g_string_append_printf (tiers, "%s%s", t > 0 ? ", " : "", info->tiers[t].key);
      /* Translators: the service's key, the tier given and the service's tiers */
      g_printerr (_("lifecircle-tool suggest: the service “%s” has no tier “%s” (its tiers: %s)\n"),
                  service, tier, tiers->str);
      return EXIT_USAGE;
    }
  if (k < 1 || k > MAX_SUGGESTIONS)
    {
      g_printerr (_("lifecircle-tool suggest: -k takes a number from 1 to %d\n"), MAX_SUGGESTIONS);
      return EXIT_USAGE;
    }

  coverage = read_coverage ("suggest", argv[1], LC_COVERAGE_FLAGS_NONE, &status);
  if (coverage == NULL)
    return status;

  s = lc_coverage_lookup_service (coverage, service);
  lc_coverage_compute_service (coverage, s);
  threshold_m = tier != NULL ? lc_coverage_get_threshold (coverage, s, tier)
                             : lc_coverage_get_bound (coverage, s) / 100.0;
  sites = lc_coverage_suggest (coverage, s, tier, k, NULL, 0, NULL);

  if (json)
    print_suggest_json (coverage, argv[1], s, tier, threshold_m, sites);
  else
    print_suggest_text (coverage, s, threshold_m, sites);

  return EXIT_OK;
}
