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

/*
 * A reviewer opens files from strangers. Every plan is opened through
 * lc_plan_db_open_guarded(), which turns off everything in SQLite that could
 * run code or follow the file elsewhere, and is then checked here before any
 * of it is used. Checks report problems rather than stop at the first, so
 * that `lifecircle-tool check` can list them all.
 */

/* Text we read from a stranger's file for a message is cut to this */
#define MAX_NAME_CHARS 80

void
lc_check_problem_free (LcCheckProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

G_GNUC_PRINTF (4, 5)
static void
add_problem (GPtrArray       *problems,
             LcCheckSeverity  severity,
             LcPlanError      code,
             const char      *format,
             ...)
{
  LcCheckProblem *problem = g_new0 (LcCheckProblem, 1);
  va_list args;

  va_start (args, format);
  problem->severity = severity;
  problem->code = code;
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (problems, problem);
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
    add_problem (problems, LC_CHECK_ERROR, LC_PLAN_ERROR_NOT_SQLITE, "%s",
                 _("The file is not a plan: it is not an SQLite database."));
  else
    /* Translators: %s is SQLite's own description of the damage */
    add_problem (problems, LC_CHECK_ERROR, LC_PLAN_ERROR_DAMAGED,
                 _("The file is damaged (%s)."), detail);
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
    add_problem (problems, LC_CHECK_ERROR, LC_PLAN_ERROR_SCHEMA,
                 _("The table “%s” lacks its column “%s”."), table->name, key);
  if (table->geometry_type != 0 && !g_hash_table_contains (columns, "geom"))
    add_problem (problems, LC_CHECK_ERROR, LC_PLAN_ERROR_SCHEMA,
                 _("The table “%s” lacks its column “%s”."), table->name, "geom");
  for (const LcPlanColumn *c = table->columns; c->name != NULL; c++)
    if (!g_hash_table_contains (columns, c->name))
      add_problem (problems, LC_CHECK_ERROR, LC_PLAN_ERROR_SCHEMA,
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
    add_problem (problems, LC_CHECK_ERROR, LC_PLAN_ERROR_INVALID_DATA,
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

      add_problem (problems, LC_CHECK_ERROR, LC_PLAN_ERROR_INVALID_DATA,
                   _("A row of “%s” (%lld) refers to a row of “%s” that does not exist."),
                   table, (long long) sqlite3_column_int64 (stmt, 1), parent);
    }
}

static int
errors_first (gconstpointer a,
              gconstpointer b)
{
  const LcCheckProblem *x = *(LcCheckProblem **) a;
  const LcCheckProblem *y = *(LcCheckProblem **) b;

  return (int) y->severity - (int) x->severity;
}

/**
 * lc_plan_check_database:
 * @db: a connection from lc_plan_db_open_guarded()
 * @thorough: also decode every geometry and check every reference (slower;
 *   `lifecircle-tool check` does it, opening a plan does not)
 * @format_version: (out) (optional): the plan's format version, 0 when unknown
 *
 * Returns: (transfer full) (element-type LcCheckProblem): the problems found,
 * errors first in the order found; empty for a sound plan
 */
GPtrArray *
lc_plan_check_database (sqlite3  *db,
                        gboolean  thorough,
                        int      *format_version)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_check_problem_free);
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
            add_problem (problems, LC_CHECK_ERROR, LC_PLAN_ERROR_FOREIGN_GEOPACKAGE,
                         _("The file is a GeoPackage made by another program (layers: %s), "
                           "not a Life Circle Planner plan."), layers);
          else
            add_problem (problems, LC_CHECK_ERROR, LC_PLAN_ERROR_FOREIGN_GEOPACKAGE, "%s",
                         _("The file is an empty GeoPackage made by another program, not a Life Circle Planner plan."));
        }
      else
        add_problem (problems, LC_CHECK_ERROR, LC_PLAN_ERROR_NOT_GEOPACKAGE, "%s",
                     _("The file is an SQLite database, but not a GeoPackage or a plan."));
      goto out;
    }

  format = read_meta (db, "format");
  version_text = read_meta (db, "format_version");
  if (g_strcmp0 (format, LC_PLAN_FORMAT_NAME) != 0)
    {
      add_problem (problems, LC_CHECK_ERROR, LC_PLAN_ERROR_FOREIGN_GEOPACKAGE,
                   _("The file names its format “%s”, not a Life Circle Planner plan."),
                   format != NULL ? format : "");
      goto out;
    }
  if (version_text == NULL ||
      !g_ascii_string_to_unsigned (version_text, 10, 1, G_MAXINT, &version, NULL))
    {
      add_problem (problems, LC_CHECK_ERROR, LC_PLAN_ERROR_SCHEMA,
                   _("The plan’s format version “%s” is not a number."),
                   version_text != NULL ? version_text : "");
      goto out;
    }
  if (format_version != NULL)
    *format_version = (int) version;
  if (version > LC_PLAN_FORMAT_VERSION)
    {
      add_problem (problems, LC_CHECK_ERROR, LC_PLAN_ERROR_NEWER_VERSION,
                   _("The plan was saved by a newer version of Life Circle Planner, in plan format %d. "
                     "This version reads plan formats up to %d: update Life Circle Planner to open it."),
                   (int) version, LC_PLAN_FORMAT_VERSION);
      goto out;
    }
  if (app_id != LC_GPKG_APPLICATION_ID)
    add_problem (problems, LC_CHECK_WARNING, LC_PLAN_ERROR_SCHEMA, "%s",
                 _("The file’s GeoPackage application id is missing; other GIS programs may not recognise it."));

  /* Nothing in a plan runs code: refuse what could */
  for (guint i = 0; i < schema.triggers->len; i++)
    add_problem (problems, LC_CHECK_ERROR, LC_PLAN_ERROR_UNSAFE,
                 _("The plan contains a trigger, “%s”. Plans never have triggers, and one could change "
                   "the plan behind your back, so the file is not opened."),
                 (char *) schema.triggers->pdata[i]);
  for (guint i = 0; i < schema.views->len; i++)
    add_problem (problems, LC_CHECK_ERROR, LC_PLAN_ERROR_UNSAFE,
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
            add_problem (problems, LC_CHECK_ERROR, LC_PLAN_ERROR_DAMAGED,
                         _("The file is damaged (%s)."), line);
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
          add_problem (problems, LC_CHECK_ERROR, LC_PLAN_ERROR_SCHEMA,
                       _("The plan lacks its table “%s”."), tables[i].name);
        else
          check_columns (db, &tables[i], problems);
      }

  g_hash_table_iter_init (&iter, schema.tables);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (lc_plan_schema_lookup_table (name) == NULL &&
        !g_str_has_prefix (name, "gpkg_") && !g_str_has_prefix (name, "sqlite_"))
      add_problem (problems, LC_CHECK_WARNING, LC_PLAN_ERROR_SCHEMA,
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

  /* Errors first, keeping their order (GLib's sort is stable) */
  g_ptr_array_sort (problems, errors_first);
  return problems;
}

/**
 * lc_plan_problems_to_error:
 * @problems: (element-type LcCheckProblem): from lc_plan_check_database()
 *
 * Returns: %FALSE with @error set to the first error among @problems, whose
 * message also says how many more there are; %TRUE when there is none
 */
gboolean
lc_plan_problems_to_error (GPtrArray  *problems,
                           GError    **error)
{
  guint n_errors = 0;
  LcCheckProblem *first = NULL;

  for (guint i = 0; i < problems->len; i++)
    {
      LcCheckProblem *p = problems->pdata[i];

      if (p->severity == LC_CHECK_ERROR && n_errors++ == 0)
        first = p;
    }

  if (first == NULL)
    return TRUE;

  if (n_errors == 1)
    g_set_error_literal (error, LC_PLAN_ERROR, first->code, first->message);
  else
    g_set_error (error, LC_PLAN_ERROR, first->code,
                 g_dngettext (GETTEXT_PACKAGE, "%s (and %u more problem)", "%s (and %u more problems)",
                              n_errors - 1),
                 first->message, n_errors - 1);
  return FALSE;
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
