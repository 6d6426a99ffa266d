/* lc-tool-common.c: what every command of lifecircle-tool shares
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-tool"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-json.h"
#include "lc-tool-common.h"

/* Parses a command's options; leaves exactly @n_args positional arguments
 * in argv[1..] or prints why not. Returns FALSE on a usage error. */
gboolean
lc_tool_parse_command (int                 *argc,
                       char              ***argv,
                       const char          *parameters,
                       const GOptionEntry  *entries,
                       int                  n_args)
{
  const LcToolCommand *command = lc_tool_lookup_command ((*argv)[0]);
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("lifecircle-tool %s", command->name);

  /* "Usage: lifecircle-tool info [OPTION…] PLAN", not without the command */
  g_set_prgname (prgname);
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("lifecircle-tool %s: %s\n", command->name, error->message);
      return FALSE;
    }
  if (*argc - 1 > n_args)
    {
      /* Translators: the first %s is a command name such as "info" */
      g_printerr (_("lifecircle-tool %s: unexpected argument “%s”\n"), command->name, (*argv)[n_args + 1]);
      return FALSE;
    }
  if (*argc - 1 < n_args)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
      return FALSE;
    }
  return TRUE;
}

/* Opens @path in place, read-only, for the commands that only look; prints
 * why not and sets *status to the exit code */
LcPlan *
lc_tool_open_plan_read_only (const char *command,
                             const char *path,
                             int        *status)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  LcPlan *plan = lc_plan_open_read_only (file, NULL, &error);

  if (plan == NULL)
    {
      g_printerr ("lifecircle-tool %s: %s: %s\n", command, path, error->message);
      *status = lc_plan_error_is_unreadable (error) ? EXIT_USAGE : EXIT_PROBLEMS;
    }
  return plan;
}

void
lc_tool_json_member (GString    *out,
                     const char *name,
                     const char *value,
                     gboolean    last)
{
  g_string_append_printf (out, "  \"%s\": ", name);
  if (value != NULL)
    lc_json_append_string (out, value);
  else
    g_string_append (out, "null");
  g_string_append (out, last ? "\n" : ",\n");
}

/* Opens @path as a working copy, for the commands that edit or export; prints
 * why not */
LcPlan *
lc_tool_open_plan (const char *command,
                   const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  LcPlan *plan = lc_plan_open (file, NULL, &error);

  if (plan == NULL)
    g_printerr ("lifecircle-tool %s: %s: %s\n", command, path, error->message);
  return plan;
}

