/* test-exchange-office.c: exported sheets opened by LibreOffice, every cell intact
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-exchange-office"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "lc-exchange.h"
#include "plan-fixture.h"

/*
 * Exports the projects and the needs as CSV and as XML spreadsheet, has
 * LibreOffice (soffice --headless --convert-to csv) read each and write it
 * back as CSV, and compares every cell with what was exported. The CSV is
 * opened with every column as text, as a planner opening the file would
 * see it; the XML file is opened as it is, its numbers being numbers.
 * Exit 77 (skipped) without soffice.
 */

#define SKIP 77

static int failures;

static void
fail (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static void
fail (const char *format,
      ...)
{
  va_list ap;

  va_start (ap, format);
  vfprintf (stderr, format, ap);
  va_end (ap);
  fputc ('\n', stderr);
  failures++;
}

static void
fill (LcPlan *plan)
{
  g_autoptr(LcProject) p = lc_project_new ();
  g_autoptr(LcNeed) n = lc_need_new ();
  g_autoptr(GError) error = NULL;
  gint64 id, fid;

  plan_fixture_fill (plan);
  g_free (p->name);
  p->name = g_strdup ("\"国权路\"口袋公园, 二期");
  p->kind = LC_PROJECT_KIND_QUALITY;
  p->role = LC_PROJECT_ROLE_LIUYITING;
  p->year = 2027;
  p->status = LC_PROJECT_STATUS_COMPLETED;
  p->progress = 1;
  p->budget_wan = 12.3456;
  p->funding_source = g_strdup ("市级补贴；区级配套");
  p->content = g_strdup ("第一行\n第二行，含逗号, and \"quotes\"");
  p->path = LC_PROJECT_PATH_ATTACHED_SPACE;
  p->start_date = g_strdup ("2027-03");
  p->end_date = g_strdup ("2027-11-30");
  p->design_team = g_strdup ("同济大学 · 社区规划师团队");
  /* Cells a spreadsheet would take for formulas stay text */
  p->implementing_body = g_strdup ("-居委会牵头");
  p->notes = g_strdup ("=HYPERLINK(\"http://example.com\",\"点此\")");
  p->latitude = 31.2987654;
  p->longitude = 121.5234567;
  g_strfreev (p->services);
  p->services = g_strdupv ((GStrv) (const char * const []) { "culture", "sports", "elderly", NULL });
  id = lc_plan_add_project (plan, p, &error);
  g_assert_no_error (error);

  n->date = g_strdup ("2025-10-12");
  n->source = LC_NEED_SOURCE_HOTLINE_12345;
  n->service = g_strdup ("elderly");
  g_free (n->description);
  n->description = g_strdup ("希望增设助餐点＝「长者食堂」");
  n->urgency = 3;
  n->residents = 46;
  n->latitude = 31.3005;
  n->longitude = 121.5088;
  fid = lc_plan_add_need (plan, n, &error);
  g_assert_no_error (error);
  lc_plan_link_need (plan, fid, id, &error);
  g_assert_no_error (error);
}

static gboolean
run_soffice (const char  *soffice,
             const char  *dir,
             const char  *infilter,
             const char  *input)
{
  g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/profile", dir);
  g_autofree char *filter_arg = infilter != NULL ? g_strdup_printf ("--infilter=%s", infilter) : NULL;
  g_autofree char *out_dir = g_build_filename (dir, "out", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *argv = g_ptr_array_new ();
  g_auto(GStrv) envp = NULL;
  int status = 0;
  gboolean ok;

  g_ptr_array_add (argv, (char *) soffice);
  g_ptr_array_add (argv, profile);
  g_ptr_array_add (argv, (char *) "--headless");
  g_ptr_array_add (argv, (char *) "--norestore");
  if (filter_arg != NULL)
    g_ptr_array_add (argv, filter_arg);
  g_ptr_array_add (argv, (char *) "--convert-to");
  /* Comma-separated, double quotes, UTF-8 (76), from the first line */
  g_ptr_array_add (argv, (char *) "csv:Text - txt - csv (StarCalc):44,34,76,1");
  g_ptr_array_add (argv, (char *) "--outdir");
  g_ptr_array_add (argv, out_dir);
  g_ptr_array_add (argv, (char *) input);
  g_ptr_array_add (argv, NULL);
  /* LibreOffice writes the numbers it read in its locale's format: in C,
   * so that a comma-decimal test locale compares like any other (the
   * sheets themselves carry numbers, not text) */
  envp = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  ok = g_spawn_sync (dir, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error) &&
       g_spawn_check_wait_status (status, &error);
  g_ptr_array_unref (argv);
  if (!ok)
    fail ("soffice failed on %s: %s\n%s%s", input, error->message, out, err);
  return ok;
}

static void
compare (GPtrArray  *expected,
         const char *converted,
         const char *what)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  if (!g_file_get_contents (converted, &text, &len, &error))
    {
      fail ("%s: LibreOffice wrote nothing: %s", what, error->message);
      return;
    }
  got = lc_csv_parse (text, len, &error);
  if (got == NULL)
    {
      fail ("%s: cannot read LibreOffice's CSV: %s", what, error->message);
      return;
    }
  if (got->len != expected->len)
    fail ("%s: %u rows came back, %u were exported", what, got->len, expected->len);
  for (guint r = 0; r < MIN (got->len, expected->len); r++)
    {
      const char * const *a = g_ptr_array_index (expected, r);
      const char * const *b = g_ptr_array_index (got, r);
      guint na = g_strv_length ((GStrv) a), nb = g_strv_length ((GStrv) b);

      for (guint c = 0; c < MAX (na, nb); c++)
        {
          const char *x = c < na ? a[c] : "", *y = c < nb ? b[c] : "";

          if (!g_str_equal (x, y))
            fail ("%s: row %u column %u: exported “%s”, LibreOffice has “%s”", what, r + 1, c + 1, x, y);
        }
    }
  printf ("%s: %u rows compared\n", what, got->len);
}

static void
check_sheet (const char *soffice,
             const char *dir,
             LcPlan     *plan,
             LcSheetKind kind,
             const char *name)
{
  g_autoptr(GPtrArray) rows = kind == LC_SHEET_PROJECTS ? lc_exchange_project_rows (plan, NULL, NULL)
                                                        : lc_exchange_need_rows (plan, NULL);
  g_autoptr(GBytes) csv = lc_csv_write (rows);
  g_autoptr(GBytes) xml = lc_spreadsheet_xml_write (lc_sheet_kind_title (kind), rows);
  g_autofree char *csv_name = g_strdup_printf ("%s.csv", name);
  g_autofree char *xml_name = g_strdup_printf ("%s-xml.xml", name);
  g_autofree char *csv_path = g_build_filename (dir, csv_name, NULL);
  g_autofree char *xml_path = g_build_filename (dir, xml_name, NULL);
  g_autofree char *csv_out = g_strdup_printf ("%s/out/%s.csv", dir, name);
  g_autofree char *xml_out = g_strdup_printf ("%s/out/%s-xml.csv", dir, name);
  g_autoptr(GString) infilter = g_string_new ("CSV:44,34,76,1,");
  guint n_columns = g_strv_length (g_ptr_array_index (rows, 0));
  g_autofree char *csv_what = g_strdup_printf ("%s CSV", name);
  g_autofree char *xml_what = g_strdup_printf ("%s XML", name);

  g_assert_true (g_file_set_contents (csv_path, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv), NULL));
  g_assert_true (g_file_set_contents (xml_path, g_bytes_get_data (xml, NULL), g_bytes_get_size (xml), NULL));

  /* Every column as text (format 2) */
  for (guint c = 1; c <= n_columns; c++)
    g_string_append_printf (infilter, "%s%u/2", c > 1 ? "/" : "", c);
  if (run_soffice (soffice, dir, infilter->str, csv_path))
    compare (rows, csv_out, csv_what);
  if (run_soffice (soffice, dir, NULL, xml_path))
    compare (rows, xml_out, xml_what);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = NULL;

  if (soffice == NULL)
    {
      printf ("SKIP: soffice (LibreOffice) is not installed; install libreoffice-calc-nogui to run this test\n");
      return SKIP;
    }
  plan_fixture_use_temp_state ();
  dir = g_dir_make_tmp ("lc-office-XXXXXX", &error);
  g_assert_no_error (error);
  plan = lc_plan_new (&error);
  g_assert_no_error (error);
  fill (plan);

  check_sheet (soffice, dir, plan, LC_SHEET_PROJECTS, "projects");
  check_sheet (soffice, dir, plan, LC_SHEET_NEEDS, "needs");

  if (failures == 0)
    plan_fixture_remove_tree (dir);
  else
    fprintf (stderr, "%d cells or files differ; the files are in %s\n", failures, dir);
  return failures == 0 ? 0 : 1;
}
