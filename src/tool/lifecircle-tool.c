/* lifecircle-tool.c: the command-line face of Life Circle Planner: its commands and main()
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-tool"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-i18n.h"
#include "lc-tool-common.h"

static const LcToolCommand commands[] = {
  { "import", lc_tool_import, N_("Make a plan from an OpenStreetMap extract (.osm, .osm.gz, .osm.bz2)") },
  { "info", lc_tool_info, N_("Show a plan’s unit, format, size and the rows in each table") },
  { "check", lc_tool_check,
    N_("Check a plan’s file and content against every rule and list the errors, warnings and notes with their "
       "codes; exit 0 without errors, 1 with errors, 2 when the file is not a readable plan") },
  { "coverage", lc_tool_coverage,
    N_("Show who reaches each service on foot; exit 0 when every service meets the target, 1 when not") },
  { "suggest", lc_tool_suggest, N_("Suggest sites for new facilities of a service, by the residents they would newly cover") },
  { "render", lc_tool_render, N_("Draw a plan’s basemap into a PNG image") },
  { "services", lc_tool_services, N_("List the service catalogue and its default walking thresholds") },
  { "export-projects", lc_tool_export_projects,
    N_("Write the projects (all, the reserve or one year’s implementation list) or the needs as a spreadsheet") },
  { "import-projects", lc_tool_import_projects,
    N_("Read projects, needs, the blueprint, its targets or meetings from a sheet (.csv or .xml) into a plan; the headers "
       "tell which. Every row is checked first: with bad rows nothing is written and the exit status is 1, unless "
       "--skip-bad-rows (then the good rows are, and the status is still 1)") },
  { "meetings", lc_tool_meetings,
    N_("List the 一图三会 meeting log and each project’s three meetings; exit 1 when a project misses one") },
  { "export-minutes", lc_tool_export_minutes, N_("Write the minutes of one meeting as PDF (or the first page as PNG)") },
  { "set-profile", lc_tool_set_profile,
    N_("Set the unit profile: FIELD=VALUE for unit_name, district, subdistrict, planner, community_planner, "
       "period_start (the first of the 5 planning years), plan_version, plan_date, population, "
       "walking_speed_m_min (metres a minute) or coverage_target (0.85 or 85%); all or nothing") },
  { "export-meetings", lc_tool_export_meetings, N_("Write the three-meetings status of every project as PDF or CSV, or with --log the meeting log as a sheet") },
};

/**
 * lc_tool_lookup_command:
 *
 * Returns: (transfer none) (nullable): the command called @name
 */
const LcToolCommand *
lc_tool_lookup_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (name, commands[i].name))
      return &commands[i];
  return NULL;
}

static char *
commands_description (void)
{
  GString *s = g_string_new (_("Commands:"));

  g_string_append_c (s, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (s, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_c (s, '\n');
  g_string_append (s, _("Run “lifecircle-tool COMMAND --help” for a command’s options."));

  return g_string_free (s, FALSE);
}

int
main (int    argc,
      char **argv)
{
  gboolean version = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *description = NULL;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and exit"), NULL },
    { NULL }
  };

  lc_i18n_init ();
  g_set_prgname ("lifecircle-tool");

  /* Translators: the command line's synopsis after the program name */
  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_summary (context, _("Inspect and process Life Circle Planner plan files."));
  description = commands_description ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Stop at the command so that its own options reach it */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("lifecircle-tool: %s\n", error->message);
      return EXIT_USAGE;
    }

  if (version)
    {
      g_print ("lifecircle-tool %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
      return EXIT_USAGE;
    }

  if (lc_tool_lookup_command (argv[1]) != NULL)
    return lc_tool_lookup_command (argv[1])->func (argc - 1, argv + 1);

  g_printerr (_("lifecircle-tool: unknown command “%s”. Run “lifecircle-tool --help” for the list.\n"),
              argv[1]);
  return EXIT_USAGE;
}
