/* test-plan-doc.c: docs/plan-format.md describes every table and column
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-plan-doc"

#include "config.h"

#include <string.h>

#include "lc-plan-schema.h"

/*
 * Keeps the plan format's reference page in step with the one table list
 * (lc-plan-schema.c). The page gives each table a section headed
 * "### `name`" whose first table has one row per column, "| `column` | …";
 * enumerated values (CHECK … IN ('a', 'b')) appear as `a` in their column's
 * row. Usage: test-plan-doc [GTEST-OPTIONS] PATH-TO/plan-format.md
 */

static char *doc;

/* The text under "### `name`" up to the next heading, or NULL */
static char *
dup_section (const char *name)
{
  g_autofree char *heading = g_strdup_printf ("\n### `%s`\n", name);
  const char *start = strstr (doc, heading);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (heading);
  if (strstr (start, heading) != NULL)
    g_error ("docs/plan-format.md has two sections for %s", name);

  end = start;
  while ((end = strchr (end, '\n')) != NULL && !g_str_has_prefix (end + 1, "## ") &&
         !g_str_has_prefix (end + 1, "### "))
    end++;

  return end != NULL ? g_strndup (start, end - start) : g_strdup (start);
}

/* The rows of the section's first table that name a column: column → row */
static GHashTable *
column_rows (const char *section)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = g_strsplit (section, "\n", -1);
  gboolean in_table = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i];

      if (!g_str_has_prefix (l, "|"))
        {
          if (in_table)
            break;
          continue;
        }
      in_table = TRUE;

      if (g_str_has_prefix (l, "| `"))
        {
          const char *name = l + strlen ("| `");
          const char *tick = strchr (name, '`');

          g_assert_nonnull (tick);
          g_hash_table_insert (rows, g_strndup (name, tick - name), g_strdup (l));
        }
    }

  return rows;
}

/* The quoted values of "IN ('a', 'b', …)" in a column declaration */
static GStrv
enumerated_values (const char *decl)
{
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  const char *in = strstr (decl, " IN (");

  if (in != NULL)
    {
      const char *p = in + strlen (" IN (");
      const char *close = strchr (p, ')');

      while (close != NULL && (p = strchr (p, '\'')) != NULL && p < close)
        {
          const char *q = strchr (p + 1, '\'');
          g_autofree char *value = NULL;

          g_assert_nonnull (q);
          value = g_strndup (p + 1, q - p - 1);
          g_strv_builder_add (values, value);
          p = q + 1;
        }
    }

  return g_strv_builder_end (values);
}

static void
expect_column (GHashTable        *rows,
               const LcPlanTable *table,
               const char        *column)
{
  if (!g_hash_table_contains (rows, column))
    g_error ("docs/plan-format.md: the section of %s has no row for its column %s",
             table->name, column);
}

static void
test_table (gconstpointer data)
{
  const LcPlanTable *table = data;
  g_autofree char *section = dup_section (table->name);
  g_autoptr(GHashTable) rows = NULL;
  GHashTableIter iter;
  gpointer name;

  if (section == NULL)
    g_error ("docs/plan-format.md has no section \"### `%s`\"", table->name);

  rows = column_rows (section);
  expect_column (rows, table, table->geometry_type != 0 ? "fid" : "id");

  if (table->geometry_type != 0)
    {
      const char *type_name = lc_geometry_type_name (table->geometry_type);
      g_autofree char *type = g_strdup_printf ("Geometry `%s`", type_name);
      g_autofree char *text = g_strdelimit (g_strdup (section), "\n", ' ');

      expect_column (rows, table, "geom");
      if (strstr (text, type) == NULL)
        g_error ("docs/plan-format.md: the section of %s does not say \"Geometry `%s`\"",
                 table->name, type_name);
    }

  for (const LcPlanColumn *c = table->columns; c->name != NULL; c++)
    {
      g_auto(GStrv) values = enumerated_values (c->decl);
      const char *row;

      expect_column (rows, table, c->name);
      row = g_hash_table_lookup (rows, c->name);

      for (guint i = 0; values[i] != NULL; i++)
        {
          g_autofree char *quoted = g_strdup_printf ("`%s`", values[i]);

          if (strstr (row, quoted) == NULL)
            g_error ("docs/plan-format.md: the row of %s.%s does not explain the value %s",
                     table->name, c->name, quoted);
        }
    }

  /* And no row for a column that is not there */
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      gboolean found = g_str_equal (name, table->geometry_type != 0 ? "fid" : "id") ||
                       (table->geometry_type != 0 && g_str_equal (name, "geom"));

      for (const LcPlanColumn *c = table->columns; !found && c->name != NULL; c++)
        found = g_str_equal (name, c->name);
      if (!found)
        g_error ("docs/plan-format.md documents a column %s.%s that the schema does not have",
                 table->name, (char *) name);
    }
}

/* Every table section names a table of the schema */
static void
test_no_stale_tables (void)
{
  g_auto(GStrv) lines = g_strsplit (doc, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "### `"))
      {
        const char *name = lines[i] + strlen ("### `");
        g_autofree char *table = g_strndup (name, strcspn (name, "`"));

        if (lc_plan_schema_lookup_table (table) == NULL)
          g_error ("docs/plan-format.md describes a table %s that the schema does not have", table);
      }
}

static void
test_format (void)
{
  g_autofree char *title = g_strdup_printf ("# The plan file, format %d\n", LC_PLAN_FORMAT_VERSION);
  g_autofree char *user_version = g_strdup_printf ("`%d`", LC_GPKG_USER_VERSION);
  g_autofree char *app_id = g_strdup_printf ("`0x%08X`", LC_GPKG_APPLICATION_ID);

  g_assert_true (g_str_has_prefix (doc, title));
  g_assert_nonnull (strstr (doc, "`" LC_PLAN_FORMAT_NAME "`"));
  g_assert_nonnull (strstr (doc, user_version));
  g_assert_nonnull (strstr (doc, app_id));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  const char *path;
  const LcPlanTable *tables;
  guint n;

  g_test_init (&argc, &argv, NULL);

  path = argc > 1 ? argv[1] : g_getenv ("LIFECIRCLE_PLAN_FORMAT_DOC");
  if (path == NULL)
    g_error ("usage: test-plan-doc PATH-TO/docs/plan-format.md");
  g_file_get_contents (path, &doc, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/core/plan-doc/format", test_format);
  g_test_add_func ("/core/plan-doc/no-stale-tables", test_no_stale_tables);

  tables = lc_plan_schema_get_tables (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *test = g_strdup_printf ("/core/plan-doc/table/%s", tables[i].name);

      g_test_add_data_func (test, &tables[i], test_table);
    }

  return g_test_run ();
}
