/* lc-tool-common.c: what every command of lifecircle-tool shares
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-tool"

#include "config.h"

#include <glib/gi18n.h>

#include "lc-plan-private.h" /* FIXME: until the typed core replaces its SQL */
#include "lc-json.h"
#include "lc-plan-check.h"
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

/* Errors that mean the file is not a readable plan at all, as opposed to a
 * plan with problems */
gboolean
lc_tool_is_unreadable (LcPlanError code)
{
  switch (code)
    {
    case LC_PLAN_ERROR_EMPTY:
    case LC_PLAN_ERROR_NOT_SQLITE:
    case LC_PLAN_ERROR_DAMAGED:
    case LC_PLAN_ERROR_NOT_GEOPACKAGE:
    case LC_PLAN_ERROR_FOREIGN_GEOPACKAGE:
    case LC_PLAN_ERROR_NEWER_VERSION:
    case LC_PLAN_ERROR_TOO_LARGE:
    case LC_PLAN_ERROR_FAILED:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Opens @path read-only after the header checks; on failure prints why and
 * sets *status to the exit code */
sqlite3 *
lc_tool_open_plan_file (const char *command,
                        const char *path,
                        int        *status)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *local = g_file_get_path (file);
  sqlite3 *db = NULL;

  if (lc_plan_check_header (file, NULL, &error) && local != NULL)
    db = lc_plan_db_open_guarded (local, TRUE, &error);

  if (db == NULL)
    {
      g_printerr ("lifecircle-tool %s: %s: %s\n", command, path,
                  error != NULL ? error->message : _("Only local files can be opened."));
      *status = EXIT_USAGE;
    }
  return db;
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

