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

#include "lc-plan-private.h" /* FIXME: until the typed core replaces its SQL */
#include "lc-json.h"
#include "lc-plan-check.h"
#include "lc-plan-schema.h"
#include "lc-tool-common.h"

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

int
lc_tool_info (int    argc,
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
  if (!lc_tool_parse_command (&argc, &argv, _("FILE"), entries, 1))
    return EXIT_USAGE;

  db = lc_tool_open_plan_file ("info", argv[1], &status);
  if (db == NULL)
    return status;

  problems = lc_plan_check_database (db, FALSE, &version);
  if (!lc_plan_problems_to_error (problems, &error))
    {
      g_printerr ("lifecircle-tool info: %s: %s\n", argv[1], error->message);
      sqlite3_close (db);
      return lc_tool_is_unreadable (error->code) ? EXIT_USAGE : EXIT_PROBLEMS;
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

      lc_tool_json_member (out, "file", argv[1], FALSE);
      g_string_append_printf (out, "  \"size\": %" G_GINT64_FORMAT ",\n", (gint64) st.st_size);
      lc_tool_json_member (out, "format", LC_PLAN_FORMAT_NAME, FALSE);
      g_string_append_printf (out, "  \"format_version\": %d,\n", version);
      lc_tool_json_member (out, "unit_name", unit, FALSE);
      lc_tool_json_member (out, "district", district, FALSE);
      lc_tool_json_member (out, "subdistrict", subdistrict, FALSE);
      lc_tool_json_member (out, "saved", saved, FALSE);
      lc_tool_json_member (out, "saved_by", saved_by, FALSE);
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
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *local = NULL;
  int status = EXIT_OK;
  sqlite3 *db = NULL;

  if (!lc_tool_parse_command (&argc, &argv, _("FILE"), entries, 1))
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
      status = MAX (status, lc_tool_is_unreadable (p->code) ? EXIT_USAGE : EXIT_PROBLEMS);
    }

  if (json)
    {
      g_autoptr(GString) out = g_string_new ("{\n");

      lc_tool_json_member (out, "file", argv[1], FALSE);
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
