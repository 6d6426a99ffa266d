/* lc-tool-info.c: `info` and `check`, what a plan file holds and what is wrong with it
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-tool"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lc-json.h"
#include "lc-plan-summary.h"
#include "lc-profile.h"
#include "lc-problem.h"
#include "lc-tool-common.h"

int
lc_tool_info (int    argc,
              char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(LcPlanSummary) summary = NULL;
  g_autoptr(LcProfile) profile = NULL;
  g_autofree char *size_text = NULL;
  GStatBuf st;
  int status = EXIT_OK;

  /* Translators: the argument of a command, a plan file */
  if (!lc_tool_parse_command (&argc, &argv, _("FILE"), entries, 1))
    return EXIT_USAGE;

  plan = lc_tool_open_plan_read_only ("info", argv[1], &status);
  if (plan == NULL)
    return status;
  summary = lc_plan_get_summary (plan, &error);
  if (summary != NULL)
    profile = lc_plan_get_profile (plan, &error);
  if (profile == NULL)
    {
      g_printerr ("lifecircle-tool info: %s: %s\n", argv[1], error->message);
      return EXIT_USAGE;
    }
  if (g_stat (argv[1], &st) != 0)
    st.st_size = 0;

  if (json)
    {
      g_autoptr(GString) out = g_string_new ("{\n");

      lc_tool_json_member (out, "file", argv[1], FALSE);
      g_string_append_printf (out, "  \"size\": %" G_GINT64_FORMAT ",\n", (gint64) st.st_size);
      lc_tool_json_member (out, "format", summary->format, FALSE);
      g_string_append_printf (out, "  \"format_version\": %d,\n", summary->format_version);
      lc_tool_json_member (out, "unit_name", profile->unit_name, FALSE);
      lc_tool_json_member (out, "district", profile->district, FALSE);
      lc_tool_json_member (out, "subdistrict", profile->subdistrict, FALSE);
      lc_tool_json_member (out, "saved", summary->saved, FALSE);
      lc_tool_json_member (out, "saved_by", summary->saved_by, FALSE);
      g_string_append (out, "  \"counts\": {");
      for (guint i = 0; i < summary->counts->len; i++)
        {
          const LcPlanTableCount *count = &g_array_index (summary->counts, LcPlanTableCount, i);

          g_string_append_printf (out, "%s\n    \"%s\": %" G_GINT64_FORMAT, i > 0 ? "," : "",
                                  count->table, count->rows);
        }
      g_string_append (out, "\n  }\n}\n");
      fputs (out->str, stdout);
    }
  else
    {
      size_text = g_format_size (st.st_size);
      g_print (_("File:     %s (%s)\n"), argv[1], size_text);
      g_print (_("Format:   Life Circle Planner plan, format %d (GeoPackage)\n"), summary->format_version);
      g_print (_("Unit:     %s\n"), profile->unit_name != NULL ? profile->unit_name : "—");
      if (profile->district != NULL)
        g_print (_("District: %s\n"), profile->district);
      if (profile->subdistrict != NULL)
        g_print (_("Sub-district: %s\n"), profile->subdistrict);
      if (summary->saved != NULL)
        g_print (_("Saved:    %s by %s\n"), summary->saved, summary->saved_by != NULL ? summary->saved_by : "?");
      g_print (_("Rows per table:\n"));
      for (guint i = 0; i < summary->counts->len; i++)
        {
          const LcPlanTableCount *count = &g_array_index (summary->counts, LcPlanTableCount, i);

          g_print ("  %-22s %8" G_GINT64_FORMAT "\n", count->table, count->rows);
        }
    }

  return EXIT_OK;
}

/* "projects 12", or "file" for the file as a whole */
static char *
dup_subject_text (const LcProblemSubject *subject)
{
  if (subject->id == 0)
    return g_strdup (subject->kind);
  return g_strdup_printf ("%s %" G_GINT64_FORMAT, subject->kind, subject->id);
}

static void
print_problems_json (const char *file,
                     GPtrArray  *problems,
                     int         status)
{
  g_autoptr(GString) out = g_string_new ("{\n");

  lc_tool_json_member (out, "file", file, FALSE);
  g_string_append_printf (out, "  \"status\": \"%s\",\n",
                          status == EXIT_OK ? "ok" : status == EXIT_PROBLEMS ? "problems" : "unreadable");
  g_string_append (out, "  \"problems\": [");
  for (guint i = 0; i < problems->len; i++)
    {
      const LcProblem *p = problems->pdata[i];

      g_string_append_printf (out, "%s\n    {\"severity\": \"%s\", \"code\": ", i > 0 ? "," : "",
                              lc_problem_severity_to_key (p->severity));
      lc_json_append_string (out, p->code);
      g_string_append (out, ", \"message\": ");
      lc_json_append_string (out, p->message);
      g_string_append (out, ", \"subject\": {\"kind\": ");
      lc_json_append_string (out, p->subject.kind);
      if (p->subject.id != 0)
        g_string_append_printf (out, ", \"id\": %" G_GINT64_FORMAT ", \"field\": ", p->subject.id);
      else
        g_string_append (out, ", \"id\": null, \"field\": ");
      if (p->subject.field != NULL)
        lc_json_append_string (out, p->subject.field);
      else
        g_string_append (out, "null");
      g_string_append (out, "}, \"source\": ");
      if (p->source != NULL)
        lc_json_append_string (out, p->source);
      else
        g_string_append (out, "null");
      g_string_append (out, "}");
    }
  g_string_append (out, problems->len > 0 ? "\n  ]\n}\n" : "]\n}\n");
  fputs (out->str, stdout);
}

/* Where each rule comes from, once per code */
static void
print_sources (GPtrArray *problems)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < problems->len; i++)
    {
      const LcProblem *p = problems->pdata[i];

      if (p->source == NULL || !g_hash_table_add (seen, p->code))
        continue;
      if (g_hash_table_size (seen) == 1)
        /* Translators: heading of `lifecircle-tool check`, over the standards its rules come from */
        g_print ("%s\n", _("Sources:"));
      g_print ("  %-11s %s\n", p->code, p->source);
    }
}

static void
print_problems_text (const char *file,
                     GPtrArray  *problems)
{
  static const struct
  {
    LcProblemSeverity  severity;
    const char        *heading;
  } groups[] = {
    /* Translators: headings of `lifecircle-tool check`, over its problems of each severity */
    { LC_PROBLEM_ERROR, N_("Errors:") },
    { LC_PROBLEM_WARNING, N_("Warnings:") },
    { LC_PROBLEM_INFO, N_("Notes:") },
  };

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      if (lc_problem_list_count (problems, groups[g].severity) == 0)
        continue;
      g_print ("%s\n", _(groups[g].heading));
      for (guint i = 0; i < problems->len; i++)
        {
          const LcProblem *p = problems->pdata[i];
          g_autofree char *subject = NULL;

          if (p->severity != groups[g].severity)
            continue;
          subject = dup_subject_text (&p->subject);
          g_print ("  %-11s %s  %s\n", p->code, subject, p->message);
        }
    }
  print_sources (problems);

  if (problems->len == 0)
    g_print (_("%s: the plan is sound.\n"), file);
  else
    /* Translators: the last line of `lifecircle-tool check`: a file and how many problems of each severity */
    g_print (_("%s: errors: %u, warnings: %u, notes: %u\n"), file,
             lc_problem_list_count (problems, LC_PROBLEM_ERROR), lc_problem_list_count (problems, LC_PROBLEM_WARNING),
             lc_problem_list_count (problems, LC_PROBLEM_INFO));
}

int
lc_tool_check (int    argc,
               char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gboolean readable;
  int status;

  if (!lc_tool_parse_command (&argc, &argv, _("FILE"), entries, 1))
    return EXIT_USAGE;

  /* Every failure is a problem, so that --json always says something */
  file = g_file_new_for_commandline_arg (argv[1]);
  problems = lc_plan_check_file (file, NULL, &readable);
  if (!readable)
    status = EXIT_USAGE;
  else if (lc_problem_list_count (problems, LC_PROBLEM_ERROR) > 0)
    status = EXIT_PROBLEMS;
  else
    status = EXIT_OK;

  if (json)
    print_problems_json (argv[1], problems, status);
  else
    print_problems_text (argv[1], problems);

  return status;
}
