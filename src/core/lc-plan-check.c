/* lc-plan-check.c: structural checks of a plan database
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-plan-check"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lc-file-identify.h"
#include "lc-geometry.h"
#include "lc-plan-check.h"
#include "lc-plan-private.h"
#include "lc-plan-schema.h"
#include "lc-problem.h"

/*
 * A reviewer opens files from strangers. Every plan is opened through
 * lc_plan_db_open_guarded(), which turns off everything in SQLite that could
 * run code or follow the file elsewhere, and is then checked here before any
 * of it is used. Checks report problems rather than stop at the first, so
 * that `lifecircle-tool check` can list them all.
 */

/* Text we read from a stranger's file for a message is cut to this */
#define MAX_NAME_CHARS 80

/* The file checks, each with its stable code (docs/problems.md) and the
 * error that opening a plan fails with when it finds one */
typedef enum
{
  FILE_UNREADABLE,
  FILE_TOO_LARGE,
  FILE_EMPTY,
  FILE_NOT_SQLITE,
  FILE_DAMAGED,
  FILE_NOT_GEOPACKAGE,
  FILE_FOREIGN,
  FILE_NEWER,
  FILE_UNSAFE,
  FILE_SCHEMA,
  FILE_NO_APPLICATION_ID,
  FILE_UNKNOWN_TABLE,
  FILE_BAD_GEOMETRY,
  FILE_BAD_REFERENCE,
} FileCheck;

static const struct
{
  const char        *code;
  LcProblemSeverity  severity;
  LcPlanError        error;
} file_checks[] = {
  [FILE_UNREADABLE] = { "LC-FILE-001", LC_PROBLEM_ERROR, LC_PLAN_ERROR_FAILED },
  [FILE_TOO_LARGE] = { "LC-FILE-002", LC_PROBLEM_ERROR, LC_PLAN_ERROR_TOO_LARGE },
  [FILE_EMPTY] = { "LC-FILE-003", LC_PROBLEM_ERROR, LC_PLAN_ERROR_EMPTY },
  [FILE_NOT_SQLITE] = { "LC-FILE-004", LC_PROBLEM_ERROR, LC_PLAN_ERROR_NOT_SQLITE },
  [FILE_DAMAGED] = { "LC-FILE-005", LC_PROBLEM_ERROR, LC_PLAN_ERROR_DAMAGED },
  [FILE_NOT_GEOPACKAGE] = { "LC-FILE-006", LC_PROBLEM_ERROR, LC_PLAN_ERROR_NOT_GEOPACKAGE },
  [FILE_FOREIGN] = { "LC-FILE-007", LC_PROBLEM_ERROR, LC_PLAN_ERROR_FOREIGN_GEOPACKAGE },
  [FILE_NEWER] = { "LC-FILE-008", LC_PROBLEM_ERROR, LC_PLAN_ERROR_NEWER_VERSION },
  [FILE_UNSAFE] = { "LC-FILE-009", LC_PROBLEM_ERROR, LC_PLAN_ERROR_UNSAFE },
  [FILE_SCHEMA] = { "LC-FILE-010", LC_PROBLEM_ERROR, LC_PLAN_ERROR_SCHEMA },
  [FILE_NO_APPLICATION_ID] = { "LC-FILE-011", LC_PROBLEM_WARNING, LC_PLAN_ERROR_SCHEMA },
  [FILE_UNKNOWN_TABLE] = { "LC-FILE-012", LC_PROBLEM_WARNING, LC_PLAN_ERROR_SCHEMA },
  [FILE_BAD_GEOMETRY] = { "LC-FILE-013", LC_PROBLEM_ERROR, LC_PLAN_ERROR_INVALID_DATA },
  [FILE_BAD_REFERENCE] = { "LC-FILE-014", LC_PROBLEM_ERROR, LC_PLAN_ERROR_INVALID_DATA },
};

/* The error opening a plan fails with for @problem; content problems are
 * invalid data */
static LcPlanError
error_of (const LcProblem *problem)
{
  for (guint i = 0; i < G_N_ELEMENTS (file_checks); i++)
    if (g_str_equal (file_checks[i].code, problem->code))
      return file_checks[i].error;
  return LC_PLAN_ERROR_INVALID_DATA;
}

/* Adds the problem @check found in the row @id of @table (the file as a
 * whole when %NULL); @table must be static */
G_GNUC_PRINTF (5, 6)
static void
add_problem (GPtrArray   *problems,
             FileCheck    check,
             const char  *table,
             gint64       id,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (problems, lc_problem_new (file_checks[check].severity, file_checks[check].code, NULL,
                                             table != NULL ? table : "file", id, message));
}

/* A name from the file, safe to show: valid UTF-8, no control characters, short */
static char *
printable (const unsigned char *text)
{
  g_autofree char *valid = g_utf8_make_valid ((const char *) (text ? text : (const unsigned char *) ""), -1);
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p != '\0' && n < MAX_NAME_CHARS; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, g_unichar_iscntrl (c) ? 0xFFFD : c);
    }
  if (*valid != '\0' && n == MAX_NAME_CHARS)
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

/**
 * lc_plan_db_open_guarded:
 * @path: a local file
 * @read_only: open read-only and immutable: SQLite then writes nothing,
 *   not even a journal, next to the file
 *
 * Opens an SQLite database with the defences we use for every plan:
 * defensive mode, untrusted schema, no extension loading, no triggers, no
 * views, and bounded value and statement sizes.
 *
 * Returns: (transfer full) (nullable): the connection, to close with sqlite3_close()
 */
sqlite3 *
lc_plan_db_open_guarded (const char  *path,
                         gboolean     read_only,
                         GError     **error)
{
  sqlite3 *db = NULL;
  g_autofree char *uri = NULL;
  int rc;

  if (read_only)
    {
      g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
      uri = g_strdup_printf ("file:%s?mode=ro&immutable=1", escaped);
      rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    }
  else
    rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED,
                   _("The file could not be opened as a database: %s"),
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 1);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_limit (db, SQLITE_LIMIT_LENGTH, LC_PLAN_MAX_VALUE_SIZE);
  sqlite3_limit (db, SQLITE_LIMIT_SQL_LENGTH, 1 << 20);
  sqlite3_busy_timeout (db, 2000);
  sqlite3_exec (db, "PRAGMA cell_size_check = ON", NULL, NULL, NULL);

  return db;
}

static char *
db_error (sqlite3 *db)
{
  return printable ((const unsigned char *) sqlite3_errmsg (db));
}

/* Damage found while reading: a message naming SQLite's own words */
static void
add_damage (GPtrArray *problems,
            sqlite3   *db)
{
  g_autofree char *detail = db_error (db);
  int code = sqlite3_errcode (db) & 0xff;

  if (code == SQLITE_NOTADB)
    add_problem (problems, FILE_NOT_SQLITE, NULL, 0, "%s",
                 _("The file is not a plan: it is not an SQLite database."));
  else
    /* Translators: %s is SQLite's own description of the damage */
    add_problem (problems, FILE_DAMAGED, NULL, 0, _("The file is damaged (%s)."), detail);
}

typedef struct
{
  GHashTable *tables;     /* name → NULL */
  GPtrArray  *triggers;
  GPtrArray  *views;
} Schema;

static gboolean
read_schema (sqlite3 *db,
             Schema  *schema)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT type, name FROM sqlite_schema", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      char *name = printable (sqlite3_column_text (stmt, 1));

      if (g_strcmp0 (type, "table") == 0)
        g_hash_table_add (schema->tables, name);
      else if (g_strcmp0 (type, "trigger") == 0)
        g_ptr_array_add (schema->triggers, name);
      else if (g_strcmp0 (type, "view") == 0)
        g_ptr_array_add (schema->views, name);
      else
        g_free (name);
    }

  return rc == SQLITE_DONE;
}

/* The layer names of a foreign GeoPackage, for a message that says what it holds */
static char *
list_layers (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GString *names = g_string_new (NULL);
  guint n = 0;

  if (sqlite3_prepare_v2 (db, "SELECT table_name FROM gpkg_contents ORDER BY table_name LIMIT 6",
                          -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_autofree char *name = printable (sqlite3_column_text (stmt, 0));

        if (++n > 5)
          {
            g_string_append (names, _(", …"));
            break;
          }
        if (names->len > 0)
          /* Translators: separates layer names in a list */
          g_string_append (names, _(", "));
        g_string_append_printf (names, "“%s”", name);
      }

  return g_string_free (names, FALSE);
}

static char *
read_meta (sqlite3    *db,
           const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT substr(CAST(value AS TEXT), 1, 200) FROM lc_meta WHERE key = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return printable (sqlite3_column_text (stmt, 0));
}

static void
check_columns (sqlite3           *db,
               const LcPlanTable *table,
               GPtrArray         *problems)
{
  g_autoptr(GHashTable) columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (\"%s\")", table->name);
  const char *key = table->geometry_type != 0 ? "fid" : "id";

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      add_damage (problems, db);
      return;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));

  if (!g_hash_table_contains (columns, key))
    add_problem (problems, FILE_SCHEMA, table->name, 0,
                 _("The table “%s” lacks its column “%s”."), table->name, key);
  if (table->geometry_type != 0 && !g_hash_table_contains (columns, "geom"))
    add_problem (problems, FILE_SCHEMA, table->name, 0,
                 _("The table “%s” lacks its column “%s”."), table->name, "geom");
  for (const LcPlanColumn *c = table->columns; c->name != NULL; c++)
    if (!g_hash_table_contains (columns, c->name))
      add_problem (problems, FILE_SCHEMA, table->name, 0,
                   _("The table “%s” lacks its column “%s”."), table->name, c->name);
}

/* Decodes every geometry of a feature table; counts what does not decode */
static void
check_geometries (sqlite3           *db,
                  const LcPlanTable *table,
                  GPtrArray         *problems)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT fid, geom FROM \"%s\" WHERE geom IS NOT NULL", table->name);
  g_autofree char *first = NULL;
  gint64 first_fid = 0;
  guint bad = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LcGeometry) geometry = NULL;
      int srs = 0;

      if (sqlite3_column_type (stmt, 1) == SQLITE_BLOB)
        geometry = lc_geometry_from_gpkg (sqlite3_column_blob (stmt, 1),
                                          sqlite3_column_bytes (stmt, 1), &srs, &error);
      else
        g_set_error_literal (&error, LC_GEOMETRY_ERROR, LC_GEOMETRY_ERROR_INVALID,
                             _("The value is not a GeoPackage geometry."));

      if (geometry != NULL && srs != LC_SRS_WGS84)
        g_set_error (&error, LC_GEOMETRY_ERROR, LC_GEOMETRY_ERROR_UNSUPPORTED,
                     _("The geometry is in spatial reference %d, not WGS-84 (4326)."), srs);

      if (error != NULL && bad++ == 0)
        {
          first = g_strdup (error->message);
          first_fid = sqlite3_column_int64 (stmt, 0);
        }
    }

  if (bad > 0)
    add_problem (problems, FILE_BAD_GEOMETRY, table->name, first_fid,
                 g_dngettext (GETTEXT_PACKAGE,
                              "%u geometry in “%s” cannot be read; the first, feature %lld: %s",
                              "%u geometries in “%s” cannot be read; the first, feature %lld: %s",
                              bad),
                 bad, table->name, (long long) first_fid, first);
}

static void
check_foreign_keys (sqlite3   *db,
                    GPtrArray *problems)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    return;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *table = printable (sqlite3_column_text (stmt, 0));
      g_autofree char *parent = printable (sqlite3_column_text (stmt, 2));
      const LcPlanTable *known = lc_plan_schema_lookup_table (table);

      add_problem (problems, FILE_BAD_REFERENCE, known != NULL ? known->name : NULL,
                   sqlite3_column_int64 (stmt, 1),
                   _("A row of “%s” (%lld) refers to a row of “%s” that does not exist."),
                   table, (long long) sqlite3_column_int64 (stmt, 1), parent);
    }
}

/**
 * lc_plan_check_database:
 * @db: a connection from lc_plan_db_open_guarded()
 * @thorough: also decode every geometry and check every reference (slower;
 *   `lifecircle-tool check` does it, opening a plan does not)
 * @format_version: (out) (optional): the plan's format version, 0 when unknown
 *
 * Returns: (transfer full) (element-type LcProblem): the problems found,
 * errors first in the order found; empty for a sound plan
 */
GPtrArray *
lc_plan_check_database (sqlite3  *db,
                        gboolean  thorough,
                        int      *format_version)
{
  GPtrArray *problems = lc_problem_list_new ();
  Schema schema = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    g_ptr_array_new_with_free_func (g_free),
    g_ptr_array_new_with_free_func (g_free),
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *format = NULL;
  g_autofree char *version_text = NULL;
  guint64 version = 0;
  guint32 app_id = 0;
  guint n_tables;
  const LcPlanTable *tables = lc_plan_schema_get_tables (&n_tables);
  GHashTableIter iter;
  gpointer name;

  if (format_version != NULL)
    *format_version = 0;

  if (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW || !read_schema (db, &schema))
    {
      add_damage (problems, db);
      goto out;
    }
  app_id = (guint32) sqlite3_column_int (stmt, 0);

  /* What is it? A plan has lc_meta naming our format */
  if (!g_hash_table_contains (schema.tables, "lc_meta"))
    {
      gboolean gpkg = app_id == LC_GPKG_APPLICATION_ID || app_id == 0x47503130 || app_id == 0x47503131 ||
                      g_hash_table_contains (schema.tables, "gpkg_contents");

      if (gpkg && g_hash_table_contains (schema.tables, "gpkg_contents"))
        {
          g_autofree char *layers = list_layers (db);

          if (layers[0] != '\0')
            /* Translators: %s is a list of layer names */
            add_problem (problems, FILE_FOREIGN, NULL, 0,
                         _("The file is a GeoPackage made by another program (layers: %s), "
                           "not a Life Circle Planner plan."), layers);
          else
            add_problem (problems, FILE_FOREIGN, NULL, 0, "%s",
                         _("The file is an empty GeoPackage made by another program, not a Life Circle Planner plan."));
        }
      else
        add_problem (problems, FILE_NOT_GEOPACKAGE, NULL, 0, "%s",
                     _("The file is an SQLite database, but not a GeoPackage or a plan."));
      goto out;
    }

  format = read_meta (db, "format");
  version_text = read_meta (db, "format_version");
  if (g_strcmp0 (format, LC_PLAN_FORMAT_NAME) != 0)
    {
      add_problem (problems, FILE_FOREIGN, NULL, 0,
                   _("The file names its format “%s”, not a Life Circle Planner plan."),
                   format != NULL ? format : "");
      goto out;
    }
  if (version_text == NULL ||
      !g_ascii_string_to_unsigned (version_text, 10, 1, G_MAXINT, &version, NULL))
    {
      add_problem (problems, FILE_SCHEMA, NULL, 0,
                   _("The plan’s format version “%s” is not a number."),
                   version_text != NULL ? version_text : "");
      goto out;
    }
  if (format_version != NULL)
    *format_version = (int) version;
  if (version > LC_PLAN_FORMAT_VERSION)
    {
      add_problem (problems, FILE_NEWER, NULL, 0,
                   _("The plan was saved by a newer version of Life Circle Planner, in plan format %d. "
                     "This version reads plan formats up to %d: update Life Circle Planner to open it."),
                   (int) version, LC_PLAN_FORMAT_VERSION);
      goto out;
    }
  if (app_id != LC_GPKG_APPLICATION_ID)
    add_problem (problems, FILE_NO_APPLICATION_ID, NULL, 0, "%s",
                 _("The file’s GeoPackage application id is missing; other GIS programs may not recognise it."));

  /* Nothing in a plan runs code: refuse what could */
  for (guint i = 0; i < schema.triggers->len; i++)
    add_problem (problems, FILE_UNSAFE, NULL, 0,
                 _("The plan contains a trigger, “%s”. Plans never have triggers, and one could change "
                   "the plan behind your back, so the file is not opened."),
                 (char *) schema.triggers->pdata[i]);
  for (guint i = 0; i < schema.views->len; i++)
    add_problem (problems, FILE_UNSAFE, NULL, 0,
                 _("The plan contains a view, “%s”. Plans never have views, and one could show other "
                   "data in place of a table, so the file is not opened."),
                 (char *) schema.views->pdata[i]);

  /* Damage SQLite can see without reading every row's content */
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check(5)", -1, &stmt, NULL) != SQLITE_OK)
    add_damage (problems, db);
  else
    {
      int rc;

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autofree char *line = printable (sqlite3_column_text (stmt, 0));

          if (g_strcmp0 (line, "ok") != 0)
            add_problem (problems, FILE_DAMAGED, NULL, 0, _("The file is damaged (%s)."), line);
        }
      if (rc != SQLITE_DONE)
        add_damage (problems, db);
    }

  /* The tables of this format, with their columns; older formats are
   * migrated after these checks and have their own shapes */
  if (version == LC_PLAN_FORMAT_VERSION)
    for (guint i = 0; i < n_tables; i++)
      {
        if (!g_hash_table_contains (schema.tables, tables[i].name))
          add_problem (problems, FILE_SCHEMA, tables[i].name, 0,
                       _("The plan lacks its table “%s”."), tables[i].name);
        else
          check_columns (db, &tables[i], problems);
      }

  g_hash_table_iter_init (&iter, schema.tables);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (lc_plan_schema_lookup_table (name) == NULL &&
        !g_str_has_prefix (name, "gpkg_") && !g_str_has_prefix (name, "sqlite_"))
      add_problem (problems, FILE_UNKNOWN_TABLE, NULL, 0,
                   _("The plan holds a table, “%s”, that Life Circle Planner does not use; it is kept as it is."),
                   (char *) name);

  if (thorough && problems->len == 0)
    {
      for (guint i = 0; i < n_tables; i++)
        if (tables[i].geometry_type != 0)
          check_geometries (db, &tables[i], problems);
      check_foreign_keys (db, problems);
    }

out:
  g_hash_table_unref (schema.tables);
  g_ptr_array_unref (schema.triggers);
  g_ptr_array_unref (schema.views);

  lc_problem_list_sort (problems);
  return problems;
}

/**
 * lc_plan_problems_to_error:
 * @problems: (element-type LcProblem): from lc_plan_check_database()
 *
 * Returns: %FALSE with @error set to the first error among @problems, whose
 * message also says how many more there are; %TRUE when there is none
 */
gboolean
lc_plan_problems_to_error (GPtrArray  *problems,
                           GError    **error)
{
  guint n_errors = 0;
  LcProblem *first = NULL;

  for (guint i = 0; i < problems->len; i++)
    {
      LcProblem *p = problems->pdata[i];

      if (p->severity == LC_PROBLEM_ERROR && n_errors++ == 0)
        first = p;
    }

  if (first == NULL)
    return TRUE;

  if (n_errors == 1)
    g_set_error_literal (error, LC_PLAN_ERROR, error_of (first), first->message);
  else
    g_set_error (error, LC_PLAN_ERROR, error_of (first),
                 g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem)", "%s (and %u more problems)",
                              n_errors - 1),
                 first->message, n_errors - 1);
  return FALSE;
}

/* Errors that mean the file is not a readable plan at all, as opposed to a
 * plan refused for its problems (unsafe, not as the schema says, invalid data) */
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

/**
 * lc_plan_error_is_unreadable:
 * @error: why a plan could not be opened or read
 *
 * Returns: whether @error means that the file is not a plan that can be
 *   read at all (missing, not a plan, damaged, too new…), as opposed to a
 *   plan that is refused for its problems (%LC_PLAN_ERROR_UNSAFE,
 *   %LC_PLAN_ERROR_SCHEMA, %LC_PLAN_ERROR_INVALID_DATA)
 */
gboolean
lc_plan_error_is_unreadable (const GError *error)
{
  g_return_val_if_fail (error != NULL, TRUE);
  return error->domain != LC_PLAN_ERROR || is_unreadable (error->code);
}

/* The file problem for an error found before the checks could run */
static LcProblem *
problem_from_error (const GError *error)
{
  FileCheck check = FILE_UNREADABLE;

  for (guint i = 0; error->domain == LC_PLAN_ERROR && i < G_N_ELEMENTS (file_checks); i++)
    if (file_checks[i].error == (LcPlanError) error->code && file_checks[i].severity == LC_PROBLEM_ERROR)
      {
        check = i;
        break;
      }
  return lc_problem_new (LC_PROBLEM_ERROR, file_checks[check].code, NULL, "file", 0, error->message);
}

/* Opens @file in place, read-only, after the checks (the thorough ones when
 * @thorough), adding the problems they find, warnings too, to @problems */
static LcPlan *
open_in_place (GFile         *file,
               gboolean       thorough,
               GPtrArray     *problems,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) found = NULL;
  sqlite3 *db;
  int version;

  if (!lc_plan_check_header (file, cancellable, error))
    return NULL;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_FAILED, _("Only local files can be opened."));
      return NULL;
    }
  db = lc_plan_db_open_guarded (path, TRUE, error);
  if (db == NULL)
    return NULL;

  found = lc_plan_check_database (db, thorough, &version);
  if (!lc_plan_problems_to_error (found, error))
    {
      sqlite3_close (db);
      db = NULL;
    }
  if (problems != NULL)
    g_ptr_array_extend_and_steal (problems, g_steal_pointer (&found));

  return db != NULL ? lc_plan_new_in_place (db, file, version) : NULL;
}

/**
 * lc_plan_open_read_only:
 * @file: a plan file
 *
 * Opens @file in place for reading: no working copy, and SQLite writes
 * nothing next to it. The file is checked as hostile input as lc_plan_open()
 * checks it, and every reader of core works on the plan; every edit and save
 * fails with %LC_PLAN_ERROR_READ_ONLY. For looking into a file
 * (`lifecircle-tool info`, `coverage`), fast whatever its size. Blocking.
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with @error set to
 * a translated message that says why the file cannot be opened
 */
LcPlan *
lc_plan_open_read_only (GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  return open_in_place (file, FALSE, NULL, cancellable, error);
}

/**
 * lc_plan_check_file:
 * @file: a plan file
 * @readable: (out) (optional): %FALSE when @file is not a plan that can be
 *   read at all (lc_plan_error_is_unreadable()); the problems say why
 *
 * Everything wrong with @file, opened in place and only read: the file
 * checks (thorough: every geometry and reference too) and, when the file is
 * a sound plan, every rule over its content (lc_plan_list_problems()).
 * Blocking.
 *
 * Returns: (transfer full) (element-type LcProblem): the problems, errors
 *   first; empty when there is none
 */
GPtrArray *
lc_plan_check_file (GFile        *file,
                    GCancellable *cancellable,
                    gboolean     *readable)
{
  GPtrArray *problems = lc_problem_list_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = NULL;
  g_autoptr(GPtrArray) content = NULL;

  g_return_val_if_fail (G_IS_FILE (file), problems);

  plan = open_in_place (file, TRUE, problems, cancellable, &error);
  if (plan != NULL)
    content = lc_plan_list_problems (plan, &error);
  if (content != NULL)
    g_ptr_array_extend_and_steal (problems, g_steal_pointer (&content));
  else if (lc_problem_list_count (problems, LC_PROBLEM_ERROR) == 0)
    /* Refused before the checks (no such file, not a database…), or the
     * content could not be read */
    g_ptr_array_add (problems, problem_from_error (error));

  if (readable != NULL)
    {
      *readable = TRUE;
      for (guint i = 0; i < problems->len; i++)
        {
          LcProblem *p = problems->pdata[i];

          if (p->severity == LC_PROBLEM_ERROR && is_unreadable (error_of (p)))
            *readable = FALSE;
        }
    }

  lc_problem_list_sort (problems);
  return problems;
}

/**
 * lc_plan_check_header:
 * @file: a plan file
 *
 * Refuses, from its size and first bytes alone, what is not worth handing to
 * SQLite: folders, files over %LC_PLAN_MAX_FILE_SIZE, empty files, files that
 * are not SQLite databases, and databases cut short.
 *
 * Returns: %TRUE when @file may be an SQLite database
 */
gboolean
lc_plan_check_header (GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  LcFileKind kind;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return FALSE;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_NOT_SQLITE,
                           _("This is not a file but a folder or a device."));
      return FALSE;
    }
  if (g_file_info_get_size (info) > LC_PLAN_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *max = g_format_size (LC_PLAN_MAX_FILE_SIZE);

      g_set_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_TOO_LARGE,
                   _("The file is %s, more than the %s a plan may be."), size, max);
      return FALSE;
    }

  kind = lc_file_identify (file, NULL, cancellable, error);
  switch (kind)
    {
    case LC_FILE_KIND_EMPTY:
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_EMPTY, lc_file_kind_describe (kind));
      return FALSE;
    case LC_FILE_KIND_DAMAGED:
      g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_DAMAGED, lc_file_kind_describe (kind));
      return FALSE;
    case LC_FILE_KIND_OTHER:
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, LC_PLAN_ERROR, LC_PLAN_ERROR_NOT_SQLITE, lc_file_kind_describe (kind));
      return FALSE;
    case LC_FILE_KIND_SQLITE:
    case LC_FILE_KIND_GEOPACKAGE:
    default:
      return TRUE;
    }
}
