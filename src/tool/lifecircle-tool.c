/* lifecircle-tool.c: the command-line face of Life Circle Planner
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lifecircle-tool"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lc-plan-private.h" /* FIXME: until the typed core replaces its SQL */
#include "lc-profile.h"
#include "lc-blueprint.h"
#include "lc-coverage.h"
#include "lc-coverage-suggest.h"
#include "lc-exchange.h"
#include "lc-i18n.h"
#include "lc-json.h"
#include "lc-meeting.h"
#include "lc-meeting-export.h"
#include "lc-osm-import.h"
#include "lc-geo.h"
#include "lc-render.h"
#include "lc-plan-check.h"
#include "lc-plan-schema.h"
#include "lc-services.h"

/* Exit codes shared by every command: scripts rely on them */
enum {
  EXIT_OK       = 0,
  EXIT_PROBLEMS = 1,  /* the command ran and found problems */
  EXIT_USAGE    = 2,  /* bad command line, or an input that cannot be read */
};

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char  *name;
  CommandFunc  func;
  const char  *summary;   /* translatable (N_) */
} Command;

static int cmd_check (int argc, char **argv);
static int cmd_coverage (int argc, char **argv);
static int cmd_export_projects (int argc, char **argv);
static int cmd_import_projects (int argc, char **argv);
static int cmd_import (int argc, char **argv);
static int cmd_info (int argc, char **argv);
static int cmd_meetings (int argc, char **argv);
static int cmd_export_minutes (int argc, char **argv);
static int cmd_export_meetings (int argc, char **argv);
static int cmd_render (int argc, char **argv);
static int cmd_set_profile (int argc, char **argv);
static int cmd_services (int argc, char **argv);
static int cmd_suggest (int argc, char **argv);

static const Command commands[] = {
  { "import", cmd_import, N_("Make a plan from an OpenStreetMap extract (.osm, .osm.gz, .osm.bz2)") },
  { "info", cmd_info, N_("Show a plan’s unit, format, size and the rows in each table") },
  { "check", cmd_check, N_("Check a plan’s structure; exit 0 when sound, 1 on problems, 2 when unreadable") },
  { "coverage", cmd_coverage,
    N_("Show who reaches each service on foot; exit 0 when every service meets the target, 1 when not") },
  { "suggest", cmd_suggest, N_("Suggest sites for new facilities of a service, by the residents they would newly cover") },
  { "render", cmd_render, N_("Draw a plan’s basemap into a PNG image") },
  { "services", cmd_services, N_("List the service catalogue and its default walking thresholds") },
  { "export-projects", cmd_export_projects,
    N_("Write the projects (all, the reserve or one year’s implementation list) or the needs as a spreadsheet") },
  { "import-projects", cmd_import_projects,
    N_("Read projects, needs, the blueprint, its targets or meetings from a sheet (.csv or .xml) into a plan; the headers "
       "tell which. Every row is checked first: with bad rows nothing is written and the exit status is 1, unless "
       "--skip-bad-rows (then the good rows are, and the status is still 1)") },
  { "meetings", cmd_meetings,
    N_("List the 一图三会 meeting log and each project’s three meetings; exit 1 when a project misses one") },
  { "export-minutes", cmd_export_minutes, N_("Write the minutes of one meeting as PDF (or the first page as PNG)") },
  { "set-profile", cmd_set_profile,
    N_("Set the unit profile: FIELD=VALUE for unit_name, district, subdistrict, planner, community_planner, "
       "period_start (the first of the 5 planning years), plan_version, plan_date, population, "
       "walking_speed_m_min (metres a minute) or coverage_target (0.85 or 85%); all or nothing") },
  { "export-meetings", cmd_export_meetings, N_("Write the three-meetings status of every project as PDF or CSV, or with --log the meeting log as a sheet") },
};

static const Command *
lookup_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (name, commands[i].name))
      return &commands[i];
  return NULL;
}

/* Parses a command's options; leaves exactly @n_args positional arguments
 * in argv[1..] or prints why not. Returns FALSE on a usage error. */
static gboolean
parse_command (int          *argc,
               char       ***argv,
               const char   *parameters,
               const GOptionEntry *entries,
               int           n_args)
{
  const Command *command = lookup_command ((*argv)[0]);
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
                              s->group == LC_SERVICE_GROUP_BASIC ? "basic" : "quality");
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

static int
cmd_services (int    argc,
              char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };

  if (!parse_command (&argc, &argv, NULL, entries, 0))
    return EXIT_USAGE;

  if (json)
    print_services_json ();
  else
    print_services_text ();

  return EXIT_OK;
}

/* ---- info and check ---- */

/* Errors that mean the file is not a readable plan at all, as opposed to a
 * plan with problems */
static gboolean
is_unreadable (LcPlanError code)
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

static const char *
error_code_name (LcPlanError code)
{
  static const char * const names[] = {
    [LC_PLAN_ERROR_FAILED] = "failed",
    [LC_PLAN_ERROR_EMPTY] = "empty",
    [LC_PLAN_ERROR_NOT_SQLITE] = "not-sqlite",
    [LC_PLAN_ERROR_DAMAGED] = "damaged",
    [LC_PLAN_ERROR_NOT_GEOPACKAGE] = "not-geopackage",
    [LC_PLAN_ERROR_FOREIGN_GEOPACKAGE] = "foreign-geopackage",
    [LC_PLAN_ERROR_NEWER_VERSION] = "newer-version",
    [LC_PLAN_ERROR_UNSAFE] = "unsafe",
    [LC_PLAN_ERROR_SCHEMA] = "schema",
    [LC_PLAN_ERROR_TOO_LARGE] = "too-large",
    [LC_PLAN_ERROR_NO_SPACE] = "no-space",
    [LC_PLAN_ERROR_BUSY] = "busy",
    [LC_PLAN_ERROR_NOTHING_TO_UNDO] = "nothing-to-undo",
    [LC_PLAN_ERROR_INVALID_DATA] = "invalid-data",
  };

  return (guint) code < G_N_ELEMENTS (names) && names[code] != NULL ? names[code] : "failed";
}

/* Opens @path read-only after the header checks; on failure prints why and
 * sets *status to the exit code */
static sqlite3 *
open_plan_file (const char *command,
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

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, 0), -1);
  sqlite3_finalize (stmt);
  return text;
}

static gint64
count_rows (sqlite3    *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  g_autofree char *text = query_text (db, sql);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : -1;
}

static void
json_member (GString    *out,
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

static int
cmd_info (int    argc,
          char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *unit = NULL, *district = NULL, *subdistrict = NULL, *saved = NULL, *saved_by = NULL;
  g_autofree char *size_text = NULL;
  GStatBuf st;
  const LcPlanTable *tables;
  guint n_tables;
  int version = 0, status = EXIT_OK;
  sqlite3 *db;

  /* Translators: the argument of a command, a plan file */
  if (!parse_command (&argc, &argv, _("FILE"), entries, 1))
    return EXIT_USAGE;

  db = open_plan_file ("info", argv[1], &status);
  if (db == NULL)
    return status;

  problems = lc_plan_check_database (db, FALSE, &version);
  if (!lc_plan_problems_to_error (problems, &error))
    {
      g_printerr ("lifecircle-tool info: %s: %s\n", argv[1], error->message);
      sqlite3_close (db);
      return is_unreadable (error->code) ? EXIT_USAGE : EXIT_PROBLEMS;
    }

  unit = query_text (db, "SELECT unit_name FROM unit_profile");
  district = query_text (db, "SELECT district FROM unit_profile");
  subdistrict = query_text (db, "SELECT subdistrict FROM unit_profile");
  saved = query_text (db, "SELECT value FROM lc_meta WHERE key = 'saved'");
  saved_by = query_text (db, "SELECT value FROM lc_meta WHERE key = 'saved_by'");
  tables = lc_plan_schema_get_tables (&n_tables);
  if (g_stat (argv[1], &st) != 0)
    st.st_size = 0;

  if (json)
    {
      g_autoptr(GString) out = g_string_new ("{\n");

      json_member (out, "file", argv[1], FALSE);
      g_string_append_printf (out, "  \"size\": %" G_GINT64_FORMAT ",\n", (gint64) st.st_size);
      json_member (out, "format", LC_PLAN_FORMAT_NAME, FALSE);
      g_string_append_printf (out, "  \"format_version\": %d,\n", version);
      json_member (out, "unit_name", unit, FALSE);
      json_member (out, "district", district, FALSE);
      json_member (out, "subdistrict", subdistrict, FALSE);
      json_member (out, "saved", saved, FALSE);
      json_member (out, "saved_by", saved_by, FALSE);
      g_string_append (out, "  \"counts\": {");
      for (guint i = 0; i < n_tables; i++)
        g_string_append_printf (out, "%s\n    \"%s\": %" G_GINT64_FORMAT, i > 0 ? "," : "",
                                tables[i].name, count_rows (db, tables[i].name));
      g_string_append (out, "\n  }\n}\n");
      fputs (out->str, stdout);
    }
  else
    {
      size_text = g_format_size (st.st_size);
      g_print (_("File:     %s (%s)\n"), argv[1], size_text);
      g_print (_("Format:   Life Circle Planner plan, format %d (GeoPackage)\n"), version);
      g_print (_("Unit:     %s\n"), unit != NULL ? unit : "—");
      if (district != NULL)
        g_print (_("District: %s\n"), district);
      if (subdistrict != NULL)
        g_print (_("Sub-district: %s\n"), subdistrict);
      if (saved != NULL)
        g_print (_("Saved:    %s by %s\n"), saved, saved_by != NULL ? saved_by : "?");
      g_print (_("Rows per table:\n"));
      for (guint i = 0; i < n_tables; i++)
        g_print ("  %-22s %8" G_GINT64_FORMAT "\n", tables[i].name, count_rows (db, tables[i].name));
    }

  sqlite3_close (db);
  return EXIT_OK;
}

static int
cmd_check (int    argc,
           char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON for scripts"), NULL },
    { NULL }
  };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *local = NULL;
  int status = EXIT_OK;
  sqlite3 *db = NULL;

  if (!parse_command (&argc, &argv, _("FILE"), entries, 1))
    return EXIT_USAGE;

  file = g_file_new_for_commandline_arg (argv[1]);
  local = g_file_get_path (file);
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_check_problem_free);

  /* Every failure becomes a problem, so that --json always says something */
  if (!lc_plan_check_header (file, NULL, &error) ||
      (db = lc_plan_db_open_guarded (local, TRUE, &error)) == NULL)
    {
      LcCheckProblem *p = g_new0 (LcCheckProblem, 1);

      p->severity = LC_CHECK_ERROR;
      p->code = error->domain == LC_PLAN_ERROR ? error->code : LC_PLAN_ERROR_FAILED;
      p->message = g_strdup (error->message);
      g_ptr_array_add (problems, p);
    }
  else
    {
      g_ptr_array_unref (problems);
      problems = lc_plan_check_database (db, TRUE, NULL);
      sqlite3_close (db);
    }

  for (guint i = 0; i < problems->len; i++)
    {
      LcCheckProblem *p = problems->pdata[i];

      if (p->severity != LC_CHECK_ERROR)
        continue;
      status = MAX (status, is_unreadable (p->code) ? EXIT_USAGE : EXIT_PROBLEMS);
    }

  if (json)
    {
      g_autoptr(GString) out = g_string_new ("{\n");

      json_member (out, "file", argv[1], FALSE);
      g_string_append_printf (out, "  \"status\": \"%s\",\n",
                              status == EXIT_OK ? "ok" : status == EXIT_PROBLEMS ? "problems" : "unreadable");
      g_string_append (out, "  \"problems\": [");
      for (guint i = 0; i < problems->len; i++)
        {
          LcCheckProblem *p = problems->pdata[i];

          g_string_append_printf (out, "%s\n    {\"severity\": \"%s\", \"code\": \"%s\", \"message\": ",
                                  i > 0 ? "," : "", p->severity == LC_CHECK_ERROR ? "error" : "warning",
                                  error_code_name (p->code));
          lc_json_append_string (out, p->message);
          g_string_append (out, "}");
        }
      g_string_append (out, problems->len > 0 ? "\n  ]\n}\n" : "]\n}\n");
      fputs (out->str, stdout);
    }
  else
    {
      for (guint i = 0; i < problems->len; i++)
        {
          LcCheckProblem *p = problems->pdata[i];

          /* Translators: the %s are a file name and a problem */
          g_print (p->severity == LC_CHECK_ERROR ? _("%s: error: %s\n") : _("%s: warning: %s\n"),
                   argv[1], p->message);
        }
      if (status == EXIT_OK)
        g_print (_("%s: the plan is sound.\n"), argv[1]);
    }

  return status;
}

/* ---- coverage ---- */

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
  json_member (out, "file", file, FALSE);
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
                              all[s].group == LC_SERVICE_GROUP_BASIC ? "basic" : "quality",
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

static int
cmd_coverage (int    argc,
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
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcCoverage) coverage = NULL;
  int status = EXIT_OK, only = -1;
  sqlite3 *db;

  if (!parse_command (&argc, &argv, _("FILE"), entries, 1))
    return EXIT_USAGE;
  if (service != NULL && lc_service_lookup (service) == NULL)
    {
      g_printerr (_("lifecircle-tool coverage: unknown service “%s”; `lifecircle-tool services` lists them\n"),
                  service);
      return EXIT_USAGE;
    }

  db = open_plan_file ("coverage", argv[1], &status);
  if (db == NULL)
    return status;

  problems = lc_plan_check_database (db, FALSE, NULL);
  if (lc_plan_problems_to_error (problems, &error))
    coverage = lc_coverage_new_from_database (db, existing_only ? LC_COVERAGE_EXISTING_ONLY : 0, &error);
  sqlite3_close (db);
  if (coverage == NULL)
    {
      g_printerr ("lifecircle-tool coverage: %s: %s\n", argv[1], error->message);
      return error->domain == LC_PLAN_ERROR && is_unreadable (error->code) ? EXIT_USAGE : EXIT_PROBLEMS;
    }

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

  json_member (out, "file", file, FALSE);
  json_member (out, "service", r->service->key, FALSE);
  json_member (out, "tier", tier, FALSE);
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

static int
cmd_suggest (int    argc,
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
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcCoverage) coverage = NULL;
  g_autoptr(GArray) sites = NULL;
  const LcService *info;
  int status = EXIT_OK, s;
  double threshold_m;
  sqlite3 *db;

  if (!parse_command (&argc, &argv, _("FILE"), entries, 1))
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

  db = open_plan_file ("suggest", argv[1], &status);
  if (db == NULL)
    return status;

  problems = lc_plan_check_database (db, FALSE, NULL);
  if (lc_plan_problems_to_error (problems, &error))
    coverage = lc_coverage_new_from_database (db, LC_COVERAGE_FLAGS_NONE, &error);
  sqlite3_close (db);
  if (coverage == NULL)
    {
      g_printerr ("lifecircle-tool suggest: %s: %s\n", argv[1], error->message);
      return error->domain == LC_PLAN_ERROR && is_unreadable (error->code) ? EXIT_USAGE : EXIT_PROBLEMS;
    }

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

/* ---- import ---- */

static int
cmd_import (int    argc,
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

  if (!parse_command (&argc, &argv, _("FILE.osm"), entries, 1))
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

/* ---- meetings ---- */

static LcPlan *
open_plan_for (const char *command,
               const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  LcPlan *plan = lc_plan_open (file, NULL, &error);

  if (plan == NULL)
    g_printerr ("lifecircle-tool %s: %s: %s\n", command, path, error->message);
  return plan;
}

static void
print_meetings_json (GPtrArray *meetings,
                     GPtrArray *projects)
{
  g_autoptr(GString) out = g_string_new ("{\n  \"meetings\": [");

  for (guint i = 0; i < meetings->len; i++)
    {
      const LcMeeting *m = g_ptr_array_index (meetings, i);

      g_string_append_printf (out, "%s\n    { \"id\": %" G_GINT64_FORMAT ", \"type\": \"%s\", \"date_time\": ",
                              i > 0 ? "," : "", m->id, lc_meeting_type_key (m->type));
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
      g_string_append_printf (out, ", \"status\": \"%s\", \"complete\": %s", pm->status != NULL ? pm->status : "",
                              lc_project_meetings_complete (pm) ? "true" : "false");
      for (guint s = 0; s < LC_N_STAGES; s++)
        {
          const LcStageStatus *st = &pm->stages[s];

          g_string_append_printf (out, ", \"%s\": { \"state\": \"%s\", \"meeting\": ",
                                  lc_meeting_type_key ((LcMeetingType) s), lc_stage_state_key (st->state));
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
               lc_meeting_type_name (m->type), m->place != NULL ? m->place : "");
    }
  g_print (_("Three meetings per project:\n"));
  for (guint i = 0; i < projects->len; i++)
    {
      const LcProjectMeetings *pm = g_ptr_array_index (projects, i);

      g_print ("  %-4" G_GINT64_FORMAT " %s\n", pm->project_id, pm->name != NULL ? pm->name : "");
      for (guint s = 0; s < LC_N_STAGES; s++)
        g_print ("       %-22s %-14s %s\n", lc_stage_name (s), lc_stage_state_name (pm->stages[s].state),
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
          g_print ("  %s: %s — %s\n", pm->name, lc_stage_name (s), pm->stages[s].note);
    }
}

static int
cmd_meetings (int    argc,
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

  if (!parse_command (&argc, &argv, _("FILE"), entries, 1))
    return EXIT_USAGE;
  plan = open_plan_for ("meetings", argv[1]);
  if (plan == NULL)
    return EXIT_USAGE;

  meetings = lc_meeting_list (plan, LC_MEETING_TYPE_ANY, 0);
  projects = lc_project_meetings_list (plan);
  missing = lc_project_meetings_missing (projects);
  if (json)
    print_meetings_json (meetings, projects);
  else
    print_meetings_text (plan, meetings, projects);
  return missing->len > 0 ? EXIT_PROBLEMS : EXIT_OK;
}

static int
cmd_export_minutes (int    argc,
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

  if (!parse_command (&argc, &argv, _("FILE"), entries, 1))
    return EXIT_USAGE;
  if (output == NULL || meeting <= 0 || !(g_str_has_suffix (output, ".pdf") || g_str_has_suffix (output, ".png")))
    {
      g_printerr (_("lifecircle-tool export-minutes: give --meeting ID and -o FILE.pdf\n"));
      return EXIT_USAGE;
    }
  plan = open_plan_for ("export-minutes", argv[1]);
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

static int
cmd_export_meetings (int    argc,
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

  if (!parse_command (&argc, &argv, _("FILE"), entries, 1))
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
  plan = open_plan_for ("export-meetings", argv[1]);
  if (plan == NULL)
    return EXIT_USAGE;
  if (log)
    {
      g_autoptr(GBytes) data = lc_exchange_export (plan, LC_SHEET_MEETINGS, NULL, format);

      if (!g_file_set_contents (output, g_bytes_get_data (data, NULL), g_bytes_get_size (data), &error))
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

/* ---- render ---- */

#define MAX_RENDER_PIXELS 8192

static int
cmd_render (int    argc,
            char **argv)
{
  g_autofree char *output = NULL;
  int zoom = 15;
  gboolean dark = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PNG image to write (required)"), N_("IMAGE") },
    { "zoom", 'z', 0, G_OPTION_ARG_INT, &zoom, N_("Zoom level, 12 to 19 (default 15)"), N_("LEVEL") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Use the dark style"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(LcRenderData) data = NULL;
  double lon0, lat0, lon1, lat1, tx0, ty0, tx1, ty1;
  int width, height;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  if (!parse_command (&argc, &argv, _("FILE"), entries, 1))
    return EXIT_USAGE;
  if (output == NULL || zoom < 12 || zoom > 19)
    {
      g_printerr (_("lifecircle-tool render: give -o IMAGE.png and a zoom from 12 to 19\n"));
      return EXIT_USAGE;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  plan = lc_plan_open (file, NULL, &error);
  if (plan != NULL)
    data = lc_render_data_new_from_plan (plan, &error);
  if (data == NULL)
    {
      g_printerr ("lifecircle-tool render: %s: %s\n", argv[1], error->message);
      return EXIT_USAGE;
    }
  if (!lc_render_data_get_bounds (data, &lon0, &lat0, &lon1, &lat1))
    {
      g_printerr (_("lifecircle-tool render: %s: the plan has nothing to draw\n"), argv[1]);
      return EXIT_PROBLEMS;
    }

  lc_geo_to_tile (lat1, lon0, zoom, &tx0, &ty0);
  lc_geo_to_tile (lat0, lon1, zoom, &tx1, &ty1);
  /* Whole pixels, so that tiles meet without seams */
  tx0 = floor (tx0 * 256) / 256;
  ty0 = floor (ty0 * 256) / 256;
  width = (int) ceil ((tx1 - tx0) * 256);
  height = (int) ceil ((ty1 - ty0) * 256);
  if (width > MAX_RENDER_PIXELS || height > MAX_RENDER_PIXELS)
    {
      g_printerr (_("lifecircle-tool render: at zoom %d the image would be %d × %d pixels; choose a lower zoom\n"),
                  zoom, width, height);
      return EXIT_USAGE;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  for (int ty = (int) floor (ty0); ty < ty1; ty++)
    for (int tx = (int) floor (tx0); tx < tx1; tx++)
      {
        cairo_save (cr);
        cairo_translate (cr, round ((tx - tx0) * 256), round ((ty - ty0) * 256));
        cairo_rectangle (cr, 0, 0, 256, 256);
        cairo_clip (cr);
        lc_render_tile (data, cr, tx, ty, zoom, 256, dark);
        cairo_restore (cr);
      }
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, output);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_printerr ("lifecircle-tool render: %s: %s\n", output, cairo_status_to_string (status));
      return EXIT_USAGE;
    }

  g_print (_("Wrote %s (%d × %d pixels, zoom %d).\n"), output, width, height, zoom);
  return EXIT_OK;
}

/* ---- exchange ---- */

static int
cmd_export_projects (int    argc,
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

  if (!parse_command (&argc, &argv, _("PLAN"), entries, 1))
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
  data = lc_exchange_export (plan, needs ? LC_SHEET_NEEDS : LC_SHEET_PROJECTS, &filter, format);
  if (!g_file_set_contents (output, g_bytes_get_data (data, NULL), g_bytes_get_size (data), &error))
    {
      g_printerr ("lifecircle-tool export-projects: %s\n", error->message);
      return EXIT_USAGE;
    }
  g_print (_("Wrote %s.\n"), output);
  return EXIT_OK;
}

static int
cmd_import_projects (int    argc,
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

  if (!parse_command (&argc, &argv, _("PLAN SHEET"), entries, 2))
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

static int
cmd_set_profile (int    argc,
                 char **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean ok = TRUE;

  if (!parse_command (&argc, &argv, _("PLAN FIELD=VALUE…"), entries, MAX (2, argc - 1)))
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

  if (lookup_command (argv[1]) != NULL)
    return lookup_command (argv[1])->func (argc - 1, argv + 1);

  g_printerr (_("lifecircle-tool: unknown command “%s”. Run “lifecircle-tool --help” for the list.\n"),
              argv[1]);
  return EXIT_USAGE;
}
