/* lc-tool-import.c: `import`, a plan from an OpenStreetMap extract
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-tool"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "lc-osm-import.h"
#include "lc-tool-common.h"

int
lc_tool_import (int    argc,
                char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *boundary = NULL;
  g_autofree char *unit_name = NULL;
  g_autofree char *mapping_path = NULL;
  gboolean json = FALSE, force = FALSE;
  int threads = 0;
  const GOptionEntry entries[] = {
    /* Translators: the value of --output */
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The plan to write (required)"), N_("PLAN") },
    { "boundary", 0, 0, G_OPTION_ARG_STRING, &boundary,
      N_("The administrative boundary of the unit: a relation id or name"), N_("RELATION") },
    { "unit-name", 0, 0, G_OPTION_ARG_STRING, &unit_name, N_("The unit’s name (default: the boundary’s)"), N_("NAME") },
    { "mapping", 0, 0, G_OPTION_ARG_FILENAME, &mapping_path,
      N_("A table of tags to services to use instead of the built-in one"), N_("FILE") },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads,
      N_("Parsers reading side by side (default: one per core, up to 4; 1 for one thread)"), N_("N") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace the plan if it exists"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the report as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LcOsmMapping) mapping = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(LcOsmReport) report = NULL;
  g_autoptr(GFile) input = NULL;
  g_autoptr(GFile) target = NULL;
  LcOsmImportOptions options = { 0 };

  if (!lc_tool_parse_command (&argc, &argv, _("FILE.osm"), entries, 1))
    return EXIT_USAGE;
  if (output == NULL)
    {
      g_printerr (_("lifecircle-tool import: say where to write the plan with -o PLAN.lcplan\n"));
      return EXIT_USAGE;
    }
  if (threads < 0 || threads > 64)
    {
      g_printerr (_("lifecircle-tool import: --threads takes a number from 1 to 64\n"));
      return EXIT_USAGE;
    }

  input = g_file_new_for_commandline_arg (argv[1]);
  target = g_file_new_for_commandline_arg (output);
  if (!force && g_file_query_exists (target, NULL))
    {
      g_printerr (_("lifecircle-tool import: %s exists; use --force to replace it\n"), output);
      return EXIT_USAGE;
    }

  if (mapping_path != NULL)
    {
      g_autoptr(GBytes) data = NULL;
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (mapping_path);

      data = g_file_load_bytes (file, NULL, NULL, &error);
      if (data != NULL)
        mapping = lc_osm_mapping_new_from_bytes (data, &error);
      if (mapping == NULL)
        {
          g_printerr ("lifecircle-tool import: %s: %s\n", mapping_path, error->message);
          return EXIT_USAGE;
        }
    }

  options.boundary = boundary;
  options.unit_name = unit_name;
  options.mapping = mapping;
  options.undoable = FALSE;
  options.threads = threads;

  plan = lc_plan_new (&error);
  if (plan == NULL ||
      !lc_osm_import (plan, input, &options, &report, NULL, &error) ||
      !lc_plan_save (plan, target, NULL, &error))
    {
      g_printerr ("lifecircle-tool import: %s: %s\n", argv[1], error->message);
      return EXIT_USAGE;
    }

  if (json)
    {
      g_autofree char *text = lc_osm_report_to_json (report);
      fputs (text, stdout);
    }
  else
    {
      g_autofree char *text = lc_osm_report_to_text (report);
      fputs (text, stdout);
      g_print (_("Wrote %s.\n"), output);
    }

  return EXIT_OK;
}
