/* lc-tool-sheets.c: the meeting log, its PDFs and the spreadsheets of projects, needs and meetings
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-tool"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "lc-exchange.h"
#include "lc-meeting.h"
#include "lc-meeting-export.h"
#include "lc-json.h"
#include "lc-tool-common.h"

/* ---- meetings ---- */

static void
print_meetings_json (GPtrArray *meetings,
                     GPtrArray *projects)
{
  g_autoptr(GString) out = g_string_new ("{\n  \"meetings\": [");

  for (guint i = 0; i < meetings->len; i++)
    {
      const LcMeeting *m = g_ptr_array_index (meetings, i);

      g_string_append_printf (out, "%s\n    { \"id\": %" G_GINT64_FORMAT ", \"type\": \"%s\", \"date_time\": ",
                              i > 0 ? "," : "", m->id, lc_meeting_type_to_key (m->type));
      if (m->date_time != NULL)
        lc_json_append_string (out, m->date_time);
      else
        g_string_append (out, "null");
      g_string_append (out, ", \"place\": ");
      if (m->place != NULL)
        lc_json_append_string (out, m->place);
      else
        g_string_append (out, "null");
      g_string_append_printf (out, ", \"attendance\": %" G_GINT64_FORMAT ", \"projects\": [", m->attendance);
      for (guint j = 0; j < m->project_ids->len; j++)
        g_string_append_printf (out, "%s%" G_GINT64_FORMAT, j > 0 ? ", " : "", g_array_index (m->project_ids, gint64, j));
      g_string_append (out, "] }");
    }
  g_string_append (out, "\n  ],\n  \"projects\": [");
  for (guint i = 0; i < projects->len; i++)
    {
      const LcProjectMeetings *pm = g_ptr_array_index (projects, i);

      g_string_append_printf (out, "%s\n    { \"id\": %" G_GINT64_FORMAT ", \"name\": ", i > 0 ? "," : "", pm->project_id);
      lc_json_append_string (out, pm->name != NULL ? pm->name : "");
      g_string_append_printf (out, ", \"status\": \"%s\", \"complete\": %s", lc_project_status_to_key (pm->status),
                              lc_project_meetings_complete (pm) ? "true" : "false");
      for (guint s = 0; s < LC_N_STAGES; s++)
        {
          const LcStageStatus *st = &pm->stages[s];

          g_string_append_printf (out, ", \"%s\": { \"state\": \"%s\", \"meeting\": ",
                                  lc_meeting_type_to_key ((LcMeetingType) s), lc_stage_state_to_key (st->state));
          if (st->meeting_id != 0)
            g_string_append_printf (out, "%" G_GINT64_FORMAT, st->meeting_id);
          else
            g_string_append (out, "null");
          g_string_append (out, ", \"date\": ");
          if (st->date != NULL)
            lc_json_append_string (out, st->date);
          else
            g_string_append (out, "null");
          g_string_append (out, " }");
        }
      g_string_append (out, " }");
    }
  g_string_append (out, "\n  ]\n}\n");
  fputs (out->str, stdout);
}

static void
print_meetings_text (LcPlan    *plan,
                     GPtrArray *meetings,
                     GPtrArray *projects)
{
  g_autoptr(GPtrArray) missing = lc_project_meetings_missing (projects);

  g_print (_("Meetings (newest first):\n"));
  if (meetings->len == 0)
    g_print (_("  none\n"));
  for (guint i = 0; i < meetings->len; i++)
    {
      const LcMeeting *m = g_ptr_array_index (meetings, i);

      g_print ("  %-4" G_GINT64_FORMAT " %-25s %-22s %s\n", m->id, m->date_time != NULL ? m->date_time : "—",
               lc_meeting_type_get_name (m->type), m->place != NULL ? m->place : "");
    }
  g_print (_("Three meetings per project:\n"));
  for (guint i = 0; i < projects->len; i++)
    {
      const LcProjectMeetings *pm = g_ptr_array_index (projects, i);

      g_print ("  %-4" G_GINT64_FORMAT " %s\n", pm->project_id, pm->name != NULL ? pm->name : "");
      for (guint s = 0; s < LC_N_STAGES; s++)
        g_print ("       %-22s %-14s %s\n", lc_stage_get_name (s), lc_stage_state_get_name (pm->stages[s].state),
                 pm->stages[s].date != NULL ? pm->stages[s].date : "");
    }
  if (missing->len == 0)
    g_print (_("Every project held the meetings its stage needs, in order.\n"));
  else
    g_print (_("Projects missing a meeting or holding one out of order: %u\n"), missing->len);
  for (guint i = 0; i < missing->len; i++)
    {
      const LcProjectMeetings *pm = g_ptr_array_index (missing, i);

      for (guint s = 0; s < LC_N_STAGES; s++)
        if (pm->stages[s].note != NULL)
          g_print ("  %s: %s — %s\n", pm->name, lc_stage_get_name (s), pm->stages[s].note);
    }
}

int
lc_tool_meetings (int    argc,
                  char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GError) error = NULL;

  if (!lc_tool_parse_command (&argc, &argv, _("FILE"), entries, 1))
    return EXIT_USAGE;
  plan = lc_tool_open_plan ("meetings", argv[1]);
  if (plan == NULL)
    return EXIT_USAGE;

  if ((meetings = lc_plan_list_meetings (plan, LC_MEETING_TYPE_ANY, 0, &error)) == NULL ||
      (projects = lc_plan_list_project_meetings (plan, &error)) == NULL)
    {
      g_printerr ("lifecircle-tool meetings: %s: %s\n", argv[1], error->message);
      return EXIT_USAGE;
    }
  missing = lc_project_meetings_missing (projects);
  if (json)
    print_meetings_json (meetings, projects);
  else
    print_meetings_text (plan, meetings, projects);
  return missing->len > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

int
lc_tool_export_minutes (int    argc,
                        char **argv)
{
  g_autofree char *output = NULL;
  gint64 meeting = 0;
  const GOptionEntry entries[] = {
    { "meeting", 0, 0, G_OPTION_ARG_INT64, &meeting, N_("The meeting’s id, as “meetings” lists it (required)"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write (required), or a PNG for the first page"), N_("FILE") },
    { NULL }
  };
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  if (!lc_tool_parse_command (&argc, &argv, _("FILE"), entries, 1))
    return EXIT_USAGE;
  if (output == NULL || meeting <= 0 || !(g_str_has_suffix (output, ".pdf") || g_str_has_suffix (output, ".png")))
    {
      g_printerr (_("lifecircle-tool export-minutes: give --meeting ID and -o FILE.pdf\n"));
      return EXIT_USAGE;
    }
  plan = lc_tool_open_plan ("export-minutes", argv[1]);
  if (plan == NULL)
    return EXIT_USAGE;
  if (!lc_meeting_export_minutes (plan, meeting, output, &error))
    {
      g_printerr ("lifecircle-tool export-minutes: %s\n", error->message);
      return EXIT_USAGE;
    }
  g_print (_("Wrote %s.\n"), output);
  return EXIT_OK;
}

int
lc_tool_export_meetings (int    argc,
                         char **argv)
{
  g_autofree char *output = NULL;
  gboolean log = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF or CSV file to write (required)"), N_("FILE") },
    { "log", 0, 0, G_OPTION_ARG_NONE, &log,
      N_("Write the meeting log instead, one row per meeting, as the sheet import-projects reads (.csv or .xml)"),
      NULL },
    { NULL }
  };
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  LcExchangeFormat format;

  if (!lc_tool_parse_command (&argc, &argv, _("FILE"), entries, 1))
    return EXIT_USAGE;
  if (log ? output == NULL || !lc_exchange_format_for_path (output, &format)
          : output == NULL || !(g_str_has_suffix (output, ".pdf") || g_str_has_suffix (output, ".csv") ||
                                g_str_has_suffix (output, ".png")))
    {
      if (log)
        g_printerr (_("lifecircle-tool export-meetings: with --log, give -o FILE.csv or -o FILE.xml\n"));
      else
        g_printerr (_("lifecircle-tool export-meetings: give -o FILE.pdf or -o FILE.csv\n"));
      return EXIT_USAGE;
    }
  plan = lc_tool_open_plan ("export-meetings", argv[1]);
  if (plan == NULL)
    return EXIT_USAGE;
  if (log)
    {
      g_autoptr(GBytes) data = lc_exchange_export (plan, LC_SHEET_MEETINGS, NULL, format, &error);

      if (data == NULL ||
          !g_file_set_contents (output, g_bytes_get_data (data, NULL), g_bytes_get_size (data), &error))
        {
          g_printerr ("lifecircle-tool export-meetings: %s\n", error->message);
          return EXIT_USAGE;
        }
    }
  else if (!lc_meetings_export_summary (plan, output, &error))
    {
      g_printerr ("lifecircle-tool export-meetings: %s\n", error->message);
      return EXIT_USAGE;
    }
  g_print (_("Wrote %s.\n"), output);
  return EXIT_OK;
}

/* ---- exchange ---- */

int
lc_tool_export_projects (int    argc,
                         char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *list = NULL;
  gboolean needs = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The sheet to write, .csv (UTF-8 with BOM) or .xml (Excel 2003 XML spreadsheet) (required)"), N_("FILE") },
    /* Translators: keep "all" and "reserve", they are typed as they are */
    { "list", 0, 0, G_OPTION_ARG_STRING, &list,
      N_("Which projects: all (default), reserve, or a year for its implementation list"), N_("all|reserve|YEAR") },
    { "needs", 0, 0, G_OPTION_ARG_NONE, &needs, N_("Write the needs list instead of the projects"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) data = NULL;
  LcProjectFilter filter = { 0 };
  LcExchangeFormat format;

  if (!lc_tool_parse_command (&argc, &argv, _("PLAN"), entries, 1))
    return EXIT_USAGE;
  if (output == NULL || !lc_exchange_format_for_path (output, &format))
    {
      g_printerr (_("lifecircle-tool export-projects: say where to write the sheet with -o FILE.csv or -o FILE.xml\n"));
      return EXIT_USAGE;
    }
  if (list == NULL || g_str_equal (list, "all"))
    filter.list = LC_PROJECT_LIST_ALL;
  else if (g_str_equal (list, "reserve"))
    filter.list = LC_PROJECT_LIST_RESERVE;
  else
    {
      gint64 year;

      if (!g_ascii_string_to_signed (list, 10, LC_PROJECT_MIN_YEAR, LC_PROJECT_MAX_YEAR, &year, NULL))
        {
          g_printerr (_("lifecircle-tool export-projects: --list takes all, reserve or a year from %d to %d\n"),
                      LC_PROJECT_MIN_YEAR, LC_PROJECT_MAX_YEAR);
          return EXIT_USAGE;
        }
      filter.list = LC_PROJECT_LIST_YEAR;
      filter.year = (int) year;
    }
  if (needs && list != NULL)
    {
      g_printerr (_("lifecircle-tool export-projects: --needs writes every need; leave out --list\n"));
      return EXIT_USAGE;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  plan = lc_plan_open (file, NULL, &error);
  if (plan == NULL)
    {
      g_printerr ("lifecircle-tool export-projects: %s: %s\n", argv[1], error->message);
      return EXIT_USAGE;
    }
  data = lc_exchange_export (plan, needs ? LC_SHEET_NEEDS : LC_SHEET_PROJECTS, &filter, format, &error);
  if (data == NULL ||
      !g_file_set_contents (output, g_bytes_get_data (data, NULL), g_bytes_get_size (data), &error))
    {
      g_printerr ("lifecircle-tool export-projects: %s\n", error->message);
      return EXIT_USAGE;
    }
  g_print (_("Wrote %s.\n"), output);
  return EXIT_OK;
}

int
lc_tool_import_projects (int    argc,
                         char **argv)
{
  gboolean dry_run = FALSE, skip_bad = FALSE;
  const GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the sheet and report, but change nothing"), NULL },
    { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, &skip_bad,
      N_("Import the good rows even when some rows have errors"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) sheet = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(LcImportPreview) preview = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *report = NULL;
  guint n_written = 0;

  if (!lc_tool_parse_command (&argc, &argv, _("PLAN SHEET"), entries, 2))
    return EXIT_USAGE;

  sheet = g_file_new_for_commandline_arg (argv[2]);
  info = g_file_query_info (sheet, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info != NULL && g_file_info_get_size (info) > LC_EXCHANGE_MAX_FILE_SIZE)
    {
      g_printerr (_("lifecircle-tool import-projects: %s: the sheet is larger than %d MB\n"), argv[2],
                  LC_EXCHANGE_MAX_FILE_SIZE / (1024 * 1024));
      return EXIT_USAGE;
    }
  if (info != NULL)
    data = g_file_load_bytes (sheet, NULL, NULL, &error);
  if (data == NULL)
    {
      g_printerr ("lifecircle-tool import-projects: %s: %s\n", argv[2], error->message);
      return EXIT_USAGE;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  plan = lc_plan_open (file, NULL, &error);
  if (plan != NULL)
    preview = lc_exchange_preview (plan, data, &error);
  if (preview == NULL)
    {
      g_printerr ("lifecircle-tool import-projects: %s: %s\n", plan == NULL ? argv[1] : argv[2], error->message);
      return EXIT_USAGE;
    }
  report = lc_import_preview_to_text (preview);
  fputs (report, stdout);

  if (dry_run)
    return preview->n_bad > 0 ? EXIT_PROBLEMS : EXIT_OK;
  if (!lc_exchange_apply (plan, preview, skip_bad, &n_written, &error))
    {
      g_printerr ("lifecircle-tool import-projects: %s\n", error->message);
      return g_error_matches (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_BAD_ROWS) ? EXIT_PROBLEMS : EXIT_USAGE;
    }
  if (n_written > 0 && !lc_plan_save (plan, file, NULL, &error))
    {
      g_printerr ("lifecircle-tool import-projects: %s: %s\n", argv[1], error->message);
      return EXIT_USAGE;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u row into %s.\n", "Imported %u rows into %s.\n", n_written),
           n_written, argv[1]);
  return preview->n_bad > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
