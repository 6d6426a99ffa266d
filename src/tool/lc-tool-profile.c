/* lc-tool-profile.c: `set-profile`, the unit's profile from the command line
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-tool"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-profile.h"
#include "lc-tool-common.h"

int
lc_tool_set_profile (int    argc,
                     char **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean ok = TRUE;

  if (!lc_tool_parse_command (&argc, &argv, _("PLAN FIELD=VALUE…"), entries, MAX (2, argc - 1)))
    return EXIT_USAGE;

  file = g_file_new_for_commandline_arg (argv[1]);
  plan = lc_plan_open (file, NULL, &error);
  if (plan == NULL)
    {
      g_printerr ("lifecircle-tool set-profile: %s: %s\n", argv[1], error->message);
      return EXIT_USAGE;
    }
  for (int i = 2; i < argc && ok; i++)
    {
      g_auto(GStrv) pair = g_strsplit (argv[i], "=", 2);
      LcProfileField field;

      if (pair[0] == NULL || pair[1] == NULL || !lc_profile_field_from_key (pair[0], &field))
        {
          /* Translators: %s is what was given instead of FIELD=VALUE */
          g_printerr (_("lifecircle-tool set-profile: “%s” is not FIELD=VALUE with one of the fields listed in --help\n"),
                      argv[i]);
          return EXIT_USAGE;
        }
      ok = lc_plan_set_profile_text (plan, field, pair[1], &error);
      if (!ok)
        g_printerr ("lifecircle-tool set-profile: %s: %s\n", pair[0], error->message);
    }
  /* Nothing written unless every field was right */
  if (!ok)
    return EXIT_PROBLEMS;
  if (!lc_plan_save (plan, file, NULL, &error))
    {
      g_printerr ("lifecircle-tool set-profile: %s: %s\n", argv[1], error->message);
      return EXIT_USAGE;
    }
  return EXIT_OK;
}
