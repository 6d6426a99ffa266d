/* test-exchange.c: projects, needs and their spreadsheets
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-exchange"

#include "config.h"
#include "lc-plan-private.h"

#include <math.h>
#include <string.h>

#include "lc-exchange.h"
#include "lc-meeting.h"
#include "lc-project.h"
#include "plan-fixture.h"

static LcPlan *
new_filled_plan (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcPlan) plan = lc_plan_new (&error);

  g_assert_no_error (error);
  plan_fixture_fill (plan);
  return g_steal_pointer (&plan);
}

static LcPlan *
new_empty_plan (void)
{
  g_autoptr(GError) error = NULL;
  LcPlan *plan = lc_plan_new (&error);

  g_assert_no_error (error);
  return plan;
}

static GPtrArray *
parse (const char *text,
       GError    **error)
{
  return lc_csv_parse (text, strlen (text), error);
}

static void
assert_row (GPtrArray  *rows,
            guint       i,
            const char *first,
            ...)
{
  const char * const *cells = g_ptr_array_index (rows, i);
  va_list ap;
  guint n = 0;

  va_start (ap, first);
  for (const char *c = first; c != NULL; c = va_arg (ap, const char *), n++)
    g_assert_cmpstr (cells[n], ==, c);
  va_end (ap);
  g_assert_cmpuint (g_strv_length ((GStrv) cells), ==, n);
}

static void
test_csv (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GString) big = NULL;
  gsize len;
  const char *data;

  /* BOM, CRLF, quotes with commas, doubled quotes and line breaks, an
   * empty cell, a lone CR, and no line end at the end */
  rows = parse ("\xef\xbb\xbf名称,说明\r\n\"甲,乙\",\"他说\"\"好\"\"\"\r\n\"两\r\n行\",\rx,\ny,z", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 5);
  assert_row (rows, 0, "名称", "说明", NULL);
  assert_row (rows, 1, "甲,乙", "他说\"好\"", NULL);
  assert_row (rows, 2, "两\r\n行", "", NULL);
  assert_row (rows, 3, "x", "", NULL);
  assert_row (rows, 4, "y", "z", NULL);

  /* Written and read back, every cell the same; the BOM and CRLF are there */
  written = lc_csv_write (rows);
  data = g_bytes_get_data (written, &len);
  g_assert_true (g_str_has_prefix (data, "\xef\xbb\xbf名称,说明\r\n\"甲,乙\""));
  back = lc_csv_parse (data, len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (g_strv_equal (g_ptr_array_index (rows, i), g_ptr_array_index (back, i)));
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_clear_pointer (&back, g_ptr_array_unref);
  g_clear_pointer (&written, g_bytes_unref);

  /* Cells a spreadsheet would run as formulas are written as text (with an
   * apostrophe) and read back as they were; numbers are left alone */
  rows = parse ("=HYPERLINK(\"http://x\"),+1+2,-3.5,@SUM(A1),'=1\r\n", &error);
  g_assert_no_error (error);
  assert_row (rows, 0, "=HYPERLINK(\"http://x\")", "+1+2", "-3.5", "@SUM(A1)", "=1", NULL);
  written = lc_csv_write (rows);
  data = g_bytes_get_data (written, &len);
  g_assert_nonnull (strstr (data, "\"'=HYPERLINK(\"\"http://x\"\")\",'+1+2,-3.5,'@SUM(A1),'=1\r\n"));
  back = lc_csv_parse (data, len, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_equal (g_ptr_array_index (rows, 0), g_ptr_array_index (back, 0)));
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* GBK (Excel's default "CSV" in China) is refused, with the line */
  rows = parse ("name\n\xc3\xfb\xb3\xc6\n", &error);
  g_assert_error (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_NOT_UTF8);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_assert_null (rows);
  g_clear_error (&error);

  rows = parse ("a,b\n\"open,\nc,d\n", &error);
  g_assert_error (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_clear_error (&error);

  big = g_string_new (NULL);
  for (guint i = 0; i <= LC_EXCHANGE_MAX_ROWS; i++)
    g_string_append (big, "a\n");
  rows = lc_csv_parse (big->str, big->len, &error);
  g_assert_error (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_TOO_MANY_ROWS);
  g_clear_error (&error);

  g_string_set_size (big, LC_EXCHANGE_MAX_FILE_SIZE + 1);
  memset (big->str, 'a', big->len);
  rows = lc_csv_parse (big->str, big->len, &error);
  g_assert_error (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_TOO_LARGE);
  g_clear_error (&error);
}

static void
test_model (void)
{
  g_autoptr(LcPlan) plan = new_empty_plan ();
  g_autoptr(LcProject) p = lc_project_new ();
  g_autoptr(LcProject) loaded = NULL;
  g_autoptr(LcNeed) need = lc_need_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  LcProjectFilter reserve = { .list = LC_PROJECT_LIST_RESERVE };
  LcProjectFilter year = { .list = LC_PROJECT_LIST_YEAR, .year = 2026 };
  gint64 id, fid;

  {
    int value = -1;

    g_assert_cmpstr (lc_field_to_sheet_word (LC_FIELD_PROJECT_STATUS, LC_PROJECT_STATUS_IN_PROGRESS), ==, "推进");
    g_assert_true (lc_field_from_sheet_word (LC_FIELD_NEED_SOURCE, "12345热线", &value));
    g_assert_cmpint (value, ==, LC_NEED_SOURCE_HOTLINE_12345);
    g_assert_false (lc_field_from_sheet_word (LC_FIELD_PROJECT_STATUS, "进行中", &value));
  }
  g_assert_true (lc_date_is_valid ("2025-02-28", FALSE));
  g_assert_false (lc_date_is_valid ("2025-02-30", FALSE));
  g_assert_false (lc_date_is_valid ("2025-02", FALSE));
  g_assert_true (lc_date_is_valid ("2025-02", TRUE));
  g_assert_false (lc_date_is_valid ("2019-02-01", TRUE));

  /* Each rule refuses, and nothing is written */
  before = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpint (lc_plan_add_project (plan, p, &error), ==, 0);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_free (p->name);
  p->name = g_strdup ("长白新村六艺亭");
  p->progress = 1.5;
  g_assert_cmpint (lc_plan_add_project (plan, p, &error), ==, 0);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  p->progress = NAN;
  p->start_date = g_strdup ("2026-05");
  p->end_date = g_strdup ("2026-04-30");
  g_assert_cmpint (lc_plan_add_project (plan, p, &error), ==, 0);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_free (p->end_date);
  p->end_date = g_strdup ("2026-05-31");
  p->year = 2019;
  g_assert_cmpint (lc_plan_add_project (plan, p, &error), ==, 0);
  g_clear_error (&error);
  p->budget_wan = -1;
  p->year = 0;
  g_assert_cmpint (lc_plan_add_project (plan, p, &error), ==, 0);
  g_clear_error (&error);
  {
    g_autofree char *after = plan_fixture_dump (lc_plan_get_database (plan));
    g_assert_cmpstr (before, ==, after);
    g_assert_false (lc_plan_can_undo (plan));
  }

  /* A good one, in the reserve, with services and a point */
  p->budget_wan = 80;
  p->role = LC_PROJECT_ROLE_LIUYITING;
  g_strfreev (p->services);
  p->services = g_strdupv ((GStrv) (const char * const []) { "sports", "elderly", NULL });
  p->latitude = 31.30;
  p->longitude = 121.51;
  id = lc_plan_add_project (plan, p, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  loaded = lc_plan_load_project (plan, id, NULL);
  g_assert_cmpint (loaded->status, ==, LC_PROJECT_STATUS_RESERVE);
  g_assert_cmpstr (loaded->services[0], ==, "elderly");   /* catalogue order */
  g_assert_cmpfloat_with_epsilon (loaded->latitude, 31.30, 1e-9);
  g_assert_false (loaded->location_is_area);

  list = lc_plan_list_projects (plan, &reserve, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Scheduling moves it into 2026's list, in progress at 0 %; undo takes it back */
  g_assert_false (lc_plan_schedule_project (plan, id, 1999, &error));
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_true (lc_plan_schedule_project (plan, id, 2026, &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, lc_project_free);
  loaded = lc_plan_load_project (plan, id, NULL);
  g_assert_cmpint (loaded->status, ==, LC_PROJECT_STATUS_IN_PROGRESS);
  g_assert_cmpint (loaded->year, ==, 2026);
  g_assert_cmpfloat (loaded->progress, ==, 0);
  list = lc_plan_list_projects (plan, &year, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = lc_plan_list_projects (plan, &reserve, NULL);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (lc_plan_undo (plan, &error));
  g_clear_pointer (&loaded, lc_project_free);
  loaded = lc_plan_load_project (plan, id, NULL);
  g_assert_cmpint (loaded->status, ==, LC_PROJECT_STATUS_RESERVE);
  g_assert_true (isnan (loaded->progress));

  /* A need, unanswered until linked */
  need->date = g_strdup ("2025-10-08");
  g_free (need->description);
  need->description = g_strdup ("缺少老年活动场所");
  need->latitude = 31.301;
  need->longitude = 121.512;
  fid = lc_plan_add_need (plan, need, &error);
  g_assert_no_error (error);
  list = lc_plan_list_unanswered_needs (plan, NULL);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (lc_plan_link_need (plan, fid, id, &error));
  g_assert_no_error (error);
  list = lc_plan_list_unanswered_needs (plan, NULL);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (lc_plan_unlink_need (plan, fid, id, &error));
  g_assert_false (lc_plan_unlink_need (plan, fid, id, &error));
  g_clear_error (&error);

  /* A need without a place is refused */
  need->latitude = NAN;
  g_assert_cmpint (lc_plan_add_need (plan, need, &error), ==, 0);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_true (lc_plan_delete_project (plan, id, &error));
  g_assert_null (lc_plan_load_project (plan, id, NULL));
}

static void
assert_links (LcPlan *plan,
              gint64  fid,
              guint   n,
              ...)
{
  g_autoptr(LcNeed) need = lc_plan_load_need (plan, fid, NULL);
  va_list ap;

  g_assert_nonnull (need);
  g_assert_cmpuint (need->project_ids->len, ==, n);
  va_start (ap, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (need->project_ids, gint64, i), ==, va_arg (ap, int));
  va_end (ap);
}

static void
set_links (LcNeed *need,
           guint   n,
           ...)
{
  va_list ap;

  g_array_set_size (need->project_ids, 0);
  va_start (ap, n);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = va_arg (ap, int);

      g_array_append_val (need->project_ids, id);
    }
  va_end (ap);
}

/* A need and the projects answering it, written as one undo step */
static void
test_save_need (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(LcNeed) need = lc_plan_load_need (plan, 1, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = plan_fixture_dump (lc_plan_get_database (plan));
  g_autofree char *links = NULL;
  GArray *kept;
  gint64 fid;

  /* Another text and another project: one step, undone as one */
  g_free (need->description);
  need->description = g_strdup ("希望增设老年助餐点和日间照料");
  set_links (need, 1, 2);
  g_assert_cmpint (lc_plan_save_need (plan, need, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Edit Need");
  assert_links (plan, 1, 1, 2);
  g_assert_true (lc_plan_undo (plan, &error));
  {
    g_autofree char *after = plan_fixture_dump (lc_plan_get_database (plan));
    g_assert_cmpstr (before, ==, after);
  }

  /* A link that stays is left as it is */
  set_links (need, 2, 1, 2);
  g_assert_cmpint (lc_plan_save_need (plan, need, &error), ==, 1);
  links = plan_fixture_dump_table (lc_plan_get_database (plan), "need_projects");
  set_links (need, 2, 2, 1);
  g_assert_cmpint (lc_plan_save_need (plan, need, &error), ==, 1);
  {
    g_autofree char *after = plan_fixture_dump_table (lc_plan_get_database (plan), "need_projects");
    g_assert_cmpstr (links, ==, after);
  }

  /* Without links at hand, the need keeps its own */
  kept = g_steal_pointer (&need->project_ids);
  g_assert_cmpint (lc_plan_save_need (plan, need, &error), ==, 1);
  need->project_ids = kept;
  assert_links (plan, 1, 2, 1, 2);

  /* A new need, linked at once */
  need->fid = 0;
  set_links (need, 1, 2);
  fid = lc_plan_save_need (plan, need, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fid, >, 1);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Add Need");
  assert_links (plan, fid, 1, 2);
  g_assert_true (lc_plan_undo (plan, &error));
  g_assert_null (lc_plan_load_need (plan, fid, NULL));
  g_assert_cmpstr (lc_plan_get_undo_label (plan), !=, "Add Need");

  /* A project not in the plan, or a need without a place: nothing written */
  g_clear_pointer (&links, g_free);
  links = plan_fixture_dump (lc_plan_get_database (plan));
  need->fid = 1;
  set_links (need, 2, 1, 99);
  g_assert_cmpint (lc_plan_save_need (plan, need, &error), ==, 0);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_clear_error (&error);
  set_links (need, 0);
  need->latitude = NAN;
  g_assert_cmpint (lc_plan_save_need (plan, need, &error), ==, 0);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  {
    g_autofree char *after = plan_fixture_dump (lc_plan_get_database (plan));
    g_assert_cmpstr (links, ==, after);
  }
}

static GBytes *
bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static char *
rows_text (GBytes *data)
{
  return g_strndup (g_bytes_get_data (data, NULL), g_bytes_get_size (data));
}

static void
import_ok (LcPlan *plan,
           GBytes *sheet)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LcImportPreview) preview = lc_exchange_preview (plan, sheet, &error);

  g_assert_no_error (error);
  if (preview->n_bad > 0)
    {
      g_autofree char *report = lc_import_preview_to_text (preview);
      g_test_message ("%s", report);
    }
  g_assert_cmpuint (preview->n_bad, ==, 0);
  g_assert_true (lc_exchange_apply (plan, preview, FALSE, NULL, &error));
  g_assert_no_error (error);
}

static void
round_trip (LcExchangeFormat format)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(LcPlan) copy = new_empty_plan ();
  g_autoptr(LcProject) p = lc_project_new ();
  g_autoptr(GError) error = NULL;
  LcSheetKind kinds[] = { LC_SHEET_PROJECTS, LC_SHEET_NEEDS, LC_SHEET_BLUEPRINT, LC_SHEET_BLUEPRINT_TARGETS,
                          LC_SHEET_MEETINGS };

  /* A project with every awkward cell */
  g_free (p->name);
  p->name = g_strdup ("\"国权路\"口袋公园, 二期");
  p->kind = LC_PROJECT_KIND_QUALITY;
  p->role = LC_PROJECT_ROLE_OTHER;
  p->year = 2027;
  p->progress = 0.125;
  p->budget_wan = 12.3456;
  p->content = g_strdup ("第一行\n第二行，含逗号, and \"quotes\"");
  p->path = LC_PROJECT_PATH_ATTACHED_SPACE;
  p->start_date = g_strdup ("2027-03");
  p->end_date = g_strdup ("2027-11-30");
  p->notes = g_strdup (" 前后有空格 ");
  p->latitude = 31.2987654;
  p->longitude = 121.5234567;
  g_strfreev (p->services);
  p->services = g_strdupv ((GStrv) (const char * const []) { "culture", "sports", NULL });
  g_assert_cmpint (lc_plan_add_project (plan, p, &error), >, 0);
  g_assert_no_error (error);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(GBytes) first = lc_exchange_export (plan, kinds[k], NULL, format, NULL);
      g_autoptr(GBytes) second = NULL;
      g_autofree char *a = rows_text (first);
      g_autofree char *b = NULL;

      import_ok (copy, first);
      second = lc_exchange_export (copy, kinds[k], NULL, format, NULL);
      b = rows_text (second);
      g_assert_cmpstr (a, ==, b);
      /* The sheet holds more than its headers */
      g_assert_nonnull (strchr (strchr (a, '\n') + 1, '\n'));
    }
}

static void
test_round_trip_csv (void)
{
  round_trip (LC_EXCHANGE_FORMAT_CSV);
}

static void
test_round_trip_xml (void)
{
  round_trip (LC_EXCHANGE_FORMAT_XML);
}

static gboolean
errors_contain (LcImportPreview *preview,
                const char      *text)
{
  for (guint i = 0; i < preview->rows->len; i++)
    {
      LcImportRow *row = g_ptr_array_index (preview->rows, i);

      for (guint e = 0; e < row->errors->len; e++)
        if (strstr (g_ptr_array_index (row->errors, e), text) != NULL)
          return TRUE;
    }
  return FALSE;
}

static void
test_bad_rows (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GBytes) sheet = bytes ("项目名称,状态,投资估算（万元）,进度,服务功能,开始日期,完成日期\n"
                                   "好项目,储备,10,,为老服务,,\n"
                                   ",储备,5,,,,\n"
                                   "状态不明,进行中,5,,,,\n"
                                   "预算不明,推进,abc,,,,\n"
                                   "好项目,完成,1,,,,\n"
                                   "进度过头,推进,1,120%,未知服务,2026-05,2026-04\n");
  g_autoptr(LcImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = plan_fixture_dump (lc_plan_get_database (plan));
  g_autofree char *after = NULL;
  gboolean could_undo = lc_plan_can_undo (plan);
  guint n = 99;

  preview = lc_exchange_preview (plan, sheet, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->kind, ==, LC_SHEET_PROJECTS);
  g_assert_cmpuint (preview->rows->len, ==, 6);
  g_assert_cmpuint (preview->n_bad, ==, 5);
  g_assert_true (errors_contain (preview, "Row 3: The project needs a name."));
  g_assert_true (errors_contain (preview, "Row 4: The status “进行中” is none of 储备, 推进, 完成."));
  g_assert_true (errors_contain (preview, "Row 5: The budget “abc” is not a number."));
  g_assert_true (errors_contain (preview, "Row 6: The project “好项目” is already in row 2 of this sheet."));
  g_assert_true (errors_contain (preview, "Row 7: The service “未知服务” is none of the 20."));
  /* The good row shows what it will write */
  g_assert_cmpstr (((LcImportRow *) g_ptr_array_index (preview->rows, 0))->values[3], ==, "为老服务");
  g_assert_cmpstr (((LcImportRow *) g_ptr_array_index (preview->rows, 0))->values[5], ==, "储备");

  /* Not accepted: nothing changes */
  g_assert_false (lc_exchange_apply (plan, preview, FALSE, &n, &error));
  g_assert_error (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_BAD_ROWS);
  g_clear_error (&error);
  g_assert_cmpuint (n, ==, 0);
  after = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (lc_plan_can_undo (plan), ==, could_undo);

  /* Accepted with the bad rows skipped: only the good one, one undo step */
  g_assert_true (lc_exchange_apply (plan, preview, TRUE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (lc_plan_find_project (plan, "好项目", NULL), >, 0);
  g_assert_cmpint (lc_plan_find_project (plan, "预算不明", NULL), ==, 0);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Import Projects");
  g_assert_true (lc_plan_undo (plan, &error));
  g_free (after);
  after = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (before, ==, after);
}

static void
test_needs_linked (void)
{
  g_autoptr(LcPlan) plan = new_empty_plan ();
  g_autoptr(GBytes) projects = bytes ("项目名称,状态\n长者食堂,推进\n口袋公园,储备\n");
  g_autoptr(GBytes) needs = bytes ("\xef\xbb\xbf日期,来源,服务功能,需求描述,紧迫程度,提出人数,纬度,经度,对应项目\r\n"
                                   "2025-10-01,问卷,为老服务,想在家门口吃饭,4,120,31.30,121.51,长者食堂、口袋公园\r\n"
                                   "2025-10-02,12345热线,,缺少休憩座椅,2,8,31.301,121.512,\r\n"
                                   "2025-10-03,居委会,,无名项目,2,8,31.301,121.512,不存在的项目\r\n"
                                   "2025-10-04,居委会,,没有位置,2,8,,,\r\n");
  g_autoptr(LcImportPreview) preview = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  LcNeed *first;

  import_ok (plan, projects);
  before = plan_fixture_dump (lc_plan_get_database (plan));
  preview = lc_exchange_preview (plan, needs, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->kind, ==, LC_SHEET_NEEDS);
  g_assert_cmpuint (preview->n_bad, ==, 2);
  g_assert_true (errors_contain (preview, "Row 4: No project in the plan is called “不存在的项目”."));
  g_assert_true (errors_contain (preview, "Row 5: The place needs both a latitude"));
  g_assert_true (lc_exchange_apply (plan, preview, TRUE, NULL, &error));
  g_assert_no_error (error);

  list = lc_plan_list_needs (plan, NULL);
  g_assert_cmpuint (list->len, ==, 2);
  first = g_ptr_array_index (list, 0);
  g_assert_cmpint (first->source, ==, LC_NEED_SOURCE_QUESTIONNAIRE);
  g_assert_cmpstr (first->service, ==, "elderly");
  g_assert_cmpint (first->urgency, ==, 4);
  g_assert_cmpint (first->residents, ==, 120);
  g_assert_cmpint (first->status, ==, LC_NEED_STATUS_OPEN);
  g_assert_cmpuint (first->project_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (first->project_ids, gint64, 0), ==, lc_plan_find_project (plan, "长者食堂", NULL));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = lc_plan_list_unanswered_needs (plan, NULL);
  g_assert_cmpuint (list->len, ==, 1);

  /* Undo restores the plan as it was before the import */
  g_assert_true (lc_plan_undo (plan, &error));
  g_assert_no_error (error);
  after = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (before, ==, after);
}

static const char meetings_sheet[] =
  "\xef\xbb\xbf会议类型,日期时间,地点,组织方,组织方说明,主持人,出席人数,议程,会议纪要,决议事项,关联项目,表决选项,弃权票,"
  "非常不满意,不满意,一般,满意,非常满意,意见反馈\r\n"
  "征询会,2024-11-09 14:00,国年路居委会,居委会,,李书记,46,征询需求,\"老人希望助餐，\r\n家长希望托育\",,"
  "五角场人民坊建设；政民路口袋公园,,,,,,,,\r\n"
  "协调会,2025/03/22 14:00,创智天地广场,其他,园区运营方,周主任,74,方案比选,,采用方案B,政民路口袋公园,"
  "\"方案A（木结构坡顶亭）：纸质票64，其他渠道38；方案B：纸质票52, 其他渠道71票;方案C：21\",9,,,,,,\r\n"
  "评议会,2026-12-28,政民路六艺亭,业委会,,赵代表,35,,,,五角场人民坊建设,,,1,2,5,10,20,遮阳不够\r\n";

static gint64
find_meeting_at (LcPlan     *plan,
                 const char *date_time)
{
  g_autoptr(GPtrArray) all = lc_plan_list_meetings (plan, LC_MEETING_TYPE_ANY, 0, NULL);

  for (guint i = 0; i < all->len; i++)
    {
      LcMeeting *m = g_ptr_array_index (all, i);

      if (g_strcmp0 (m->date_time, date_time) == 0)
        return m->id;
    }
  return 0;
}

static void
test_meetings (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GBytes) sheet = bytes (meetings_sheet);
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(LcImportPreview) preview = NULL;
  g_autoptr(LcImportPreview) second = NULL;
  g_autoptr(LcMeeting) coordination = NULL;
  g_autoptr(GPtrArray) options = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = plan_fixture_dump (lc_plan_get_database (plan));
  g_autofree char *after = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gint64 counts[5];
  gint64 id;

  preview = lc_exchange_preview (plan, sheet, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->kind, ==, LC_SHEET_MEETINGS);
  g_assert_cmpuint (preview->n_bad, ==, 0);
  g_assert_cmpuint (preview->warnings->len, ==, 0);
  /* The preview shows the values as they will be exported */
  g_assert_cmpstr (((LcImportRow *) g_ptr_array_index (preview->rows, 1))->values[1], ==, "2025-03-22 14:00");
  g_assert_cmpstr (((LcImportRow *) g_ptr_array_index (preview->rows, 1))->values[13], ==,
                   "方案A（木结构坡顶亭）：纸质票64，其他渠道38；方案B：纸质票52，其他渠道71；方案C：纸质票21，其他渠道0");
  g_assert_true (lc_exchange_apply (plan, preview, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lc_plan_get_undo_label (plan), ==, "Import Meetings");

  id = find_meeting_at (plan, "2025-03-22T14:00");
  g_assert_cmpint (id, >, 0);
  coordination = lc_plan_load_meeting (plan, id, NULL);
  g_assert_cmpint (coordination->type, ==, LC_MEETING_COORDINATION);
  g_assert_cmpint (coordination->organiser, ==, LC_ORGANISER_OTHER);
  g_assert_cmpstr (coordination->organiser_note, ==, "园区运营方");
  g_assert_cmpint (coordination->attendance, ==, 74);
  g_assert_cmpint (coordination->abstentions, ==, 9);
  g_assert_cmpuint (coordination->project_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (coordination->project_ids, gint64, 0), ==, lc_plan_find_project (plan, "政民路口袋公园", NULL));
  options = lc_plan_list_vote_options (plan, id, NULL);
  g_assert_cmpuint (options->len, ==, 3);
  g_assert_cmpstr (((LcVoteOption *) g_ptr_array_index (options, 0))->label, ==, "方案A");
  g_assert_cmpstr (((LcVoteOption *) g_ptr_array_index (options, 0))->description, ==, "木结构坡顶亭");
  g_assert_cmpint (((LcVoteOption *) g_ptr_array_index (options, 1))->votes_other, ==, 71);
  g_assert_cmpint (((LcVoteOption *) g_ptr_array_index (options, 2))->votes_paper, ==, 21);
  lc_plan_get_meeting_ratings (plan, find_meeting_at (plan, "2026-12-28"), counts, NULL);
  g_assert_cmpint (counts[0], ==, 1);
  g_assert_cmpint (counts[4], ==, 20);
  all = lc_plan_list_meetings (plan, LC_MEETING_TYPE_ANY, 0, NULL);
  g_assert_cmpuint (all->len, ==, 5);

  /* Export, then import the export again: the same meetings, replaced, not
   * doubled, and nothing to undo since nothing changed */
  exported = lc_exchange_export (plan, LC_SHEET_MEETINGS, NULL, LC_EXCHANGE_FORMAT_CSV, NULL);
  second = lc_exchange_preview (plan, exported, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->n_bad, ==, 0);
  for (guint i = 0; i < second->rows->len; i++)
    g_assert_cmpint (((LcImportRow *) g_ptr_array_index (second->rows, i))->replaces, >, 0);
  g_free (before);
  before = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_true (lc_exchange_apply (plan, second, FALSE, NULL, &error));
  g_assert_no_error (error);
  after = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = lc_plan_list_meetings (plan, LC_MEETING_TYPE_ANY, 0, NULL);
  g_assert_cmpuint (all->len, ==, 5);
  again = lc_exchange_export (plan, LC_SHEET_MEETINGS, NULL, LC_EXCHANGE_FORMAT_CSV, NULL);
  a = rows_text (exported);
  b = rows_text (again);
  g_assert_cmpstr (a, ==, b);
  /* The fixture's option with a drawing keeps it */
  g_clear_pointer (&options, g_ptr_array_unref);
  options = lc_plan_list_vote_options (plan, 1, NULL);
  g_assert_cmpint (((LcVoteOption *) g_ptr_array_index (options, 0))->attachment_id, ==, 1);

  /* The second import left no undo step: one undo takes the first back */
  g_assert_true (lc_plan_undo (plan, &error));
  g_assert_no_error (error);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = lc_plan_list_meetings (plan, LC_MEETING_TYPE_ANY, 0, NULL);
  g_assert_cmpuint (all->len, ==, 2);
}

static void
test_meetings_bad_rows (void)
{
  g_autoptr(LcPlan) plan = new_filled_plan ();
  g_autoptr(GBytes) sheet = bytes ("会议类型,日期时间,地点,关联项目,表决选项,弃权票,满意\n"
                                   "征询会,2025-01-11,好会议,政民路口袋公园,,,\n"
                                   "座谈会,2025-01-12,类型不明,,,,\n"
                                   "协调会,2025-02-30,日期不对,,,,\n"
                                   "协调会,2025-03-01,项目不明,政民路口袋公园；不存在的项目,,,\n"
                                   "协调会,2025-03-02,票数不对,,方案A：abc；方案B：纸质票3,,\n"
                                   "评议会,2025-03-03,评分为负,,,,-4\n"
                                   "征询会,2025-01-11,好会议,,,,\n");
  g_autoptr(LcImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = plan_fixture_dump (lc_plan_get_database (plan));
  g_autofree char *after = NULL;
  guint n = 99;

  preview = lc_exchange_preview (plan, sheet, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->kind, ==, LC_SHEET_MEETINGS);
  g_assert_cmpuint (preview->rows->len, ==, 7);
  g_assert_cmpuint (preview->n_bad, ==, 6);
  g_assert_true (errors_contain (preview, "Row 3: The meeting type “座谈会” is none of 征询会, 协调会, 评议会, 其他."));
  g_assert_true (errors_contain (preview, "Row 4: The date and time “2025-02-30” is not a real day"));
  g_assert_true (errors_contain (preview, "Row 5: No project in the plan is called “不存在的项目”."));
  g_assert_true (errors_contain (preview, "Row 6: The votes “abc” of option “方案A” are not"));
  g_assert_true (errors_contain (preview, "Row 7: The count of rating 4 “-4” is not a whole number from 0 to 1000000."));
  g_assert_true (errors_contain (preview, "Row 8: The same meeting (type, date and time, and place) is already in row 2"));

  g_assert_false (lc_exchange_apply (plan, preview, FALSE, &n, &error));
  g_assert_error (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_BAD_ROWS);
  g_assert_cmpuint (n, ==, 0);
  after = plan_fixture_dump (lc_plan_get_database (plan));
  g_assert_cmpstr (before, ==, after);
}

static void
test_detect (void)
{
  g_autoptr(LcPlan) plan = new_empty_plan ();
  g_autoptr(GBytes) unknown = bytes ("甲,乙\n1,2\n");
  g_autoptr(GBytes) english = bytes ("name,status,budget_wan\nA,reserve,3\n");
  g_autoptr(GBytes) targets = bytes ("服务功能,年度,新增设施,覆盖目标\n为老服务,2026,2,90%\n为老服务,2030,x,101\n");
  g_autoptr(GBytes) not_xml = bytes ("<Workbook><oops");
  g_autoptr(LcImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;

  preview = lc_exchange_preview (plan, unknown, &error);
  g_assert_error (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_UNKNOWN_SHEET);
  g_assert_null (preview);
  g_clear_error (&error);

  preview = lc_exchange_preview (plan, not_xml, &error);
  g_assert_error (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_MALFORMED);
  g_clear_error (&error);

  preview = lc_exchange_preview (plan, english, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->kind, ==, LC_SHEET_PROJECTS);
  g_assert_cmpuint (preview->n_bad, ==, 0);
  g_clear_pointer (&preview, lc_import_preview_free);

  preview = lc_exchange_preview (plan, targets, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->kind, ==, LC_SHEET_BLUEPRINT_TARGETS);
  g_assert_cmpuint (preview->n_bad, ==, 1);
  g_assert_true (errors_contain (preview, "Row 3: The year “2030”") == FALSE);
  g_assert_true (errors_contain (preview, "Row 3: The facilities to add “x” is not a whole number"));
  g_assert_true (errors_contain (preview, "Row 3: The coverage target must be from 0 to 100 %."));
}

/* Milestones and an area come back as written; a bad milestone is refused;
 * a project written without them (as the importer does) keeps them */
static void
test_milestones_area (void)
{
  g_autoptr(LcPlan) plan = new_empty_plan ();
  g_autoptr(LcProject) p = lc_project_new ();
  g_autoptr(LcProject) loaded = NULL;
  g_autoptr(LcProject) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LcGeometry) area = lc_geometry_new (LC_GEOMETRY_POLYGON);
  const double ring[] = { 121.50, 31.30, 121.51, 31.30, 121.51, 31.31, 121.50, 31.30 };
  guint ring_len = 4;
  gint64 id;

  for (guint i = 0; i < ring_len; i++)
    lc_geometry_add_point (area, ring[2 * i], ring[2 * i + 1]);
  lc_geometry_end_part (area);
  g_free (p->name);
  p->name = g_strdup ("国权路口袋公园");
  p->location_is_area = TRUE;
  p->area = lc_geometry_copy (area);
  p->milestones = g_ptr_array_new_with_free_func ((GDestroyNotify) lc_milestone_free);
  g_ptr_array_add (p->milestones, lc_milestone_new ("2026-03", "方案公示", TRUE));
  g_ptr_array_add (p->milestones, lc_milestone_new ("2026-31-01", "开工", FALSE));
  g_assert_cmpint (lc_plan_add_project (plan, p, &error), ==, 0);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "milestone 2"));
  g_clear_error (&error);
  g_ptr_array_remove_index (p->milestones, 1);
  g_ptr_array_add (p->milestones, lc_milestone_new ("2026-11-30", "竣工验收", FALSE));
  id = lc_plan_add_project (plan, p, &error);
  g_assert_no_error (error);

  loaded = lc_plan_load_project (plan, id, NULL);
  g_assert_true (loaded->location_is_area);
  g_assert_nonnull (loaded->area);
  g_assert_cmpuint (loaded->area->n_points, ==, ring_len);
  g_assert_cmpfloat_with_epsilon (loaded->latitude, 31.305, 1e-9);
  g_assert_cmpuint (loaded->milestones->len, ==, 2);
  g_assert_cmpstr (((LcMilestone *) g_ptr_array_index (loaded->milestones, 0))->title, ==, "方案公示");
  g_assert_true (((LcMilestone *) g_ptr_array_index (loaded->milestones, 0))->done);
  g_assert_cmpstr (((LcMilestone *) g_ptr_array_index (loaded->milestones, 1))->date, ==, "2026-11-30");

  /* Written without milestones or its area at hand: both kept */
  g_clear_pointer (&loaded->milestones, g_ptr_array_unref);
  g_clear_pointer (&loaded->area, lc_geometry_free);
  g_free (loaded->notes);
  loaded->notes = g_strdup ("居民建议增加座椅");
  g_assert_true (lc_plan_update_project (plan, loaded, &error));
  g_assert_no_error (error);
  again = lc_plan_load_project (plan, id, NULL);
  g_assert_cmpuint (again->milestones->len, ==, 2);
  g_assert_true (again->location_is_area);
  g_assert_cmpuint (again->area->n_points, ==, ring_len);
}

/* The fields of projects and needs: each enum's keys both ways, through
 * its typed functions and through LcField alike */
static void
test_field_keys (void)
{
  static const struct { LcField field; const char * const keys[7]; } fields[] = {
    { LC_FIELD_PROJECT_KIND, { NULL, "basic", "quality" } },
    { LC_FIELD_PROJECT_ROLE, { NULL, "renminfang", "liuyiting", "other" } },
    { LC_FIELD_PROJECT_STATUS, { "reserve", "in_progress", "completed" } },
    { LC_FIELD_PROJECT_PATH, { NULL, "new_build", "renovation", "attached_space", "other" } },
    { LC_FIELD_NEED_SOURCE, { NULL, "questionnaire", "forum", "residents_committee", "hotline_12345", "other" } },
    { LC_FIELD_NEED_STATUS, { "open", "answered", "closed" } },
  };
  LcProjectStatus status = LC_PROJECT_STATUS_COMPLETED;
  LcNeedSource source = LC_NEED_SOURCE_FORUM;
  LcProjectKind kind = LC_PROJECT_KIND_BASIC;

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    for (guint v = 0; v < lc_field_get_n_values (fields[f].field); v++)
      {
        int back = -1;

        g_assert_cmpstr (lc_field_to_key (fields[f].field, v), ==, fields[f].keys[v]);
        g_assert_true (lc_field_from_key (fields[f].field, fields[f].keys[v], &back));
        g_assert_cmpint (back, ==, v);
        /* Every value but a _NONE has a name and a sheet word */
        g_assert_cmpint (*lc_field_get_name (fields[f].field, v) != '\0', ==, fields[f].keys[v] != NULL);
        g_assert_cmpint (*lc_field_to_sheet_word (fields[f].field, v) != '\0', ==, fields[f].keys[v] != NULL);
      }

  g_assert_cmpstr (lc_project_status_to_key (LC_PROJECT_STATUS_IN_PROGRESS), ==, "in_progress");
  g_assert_cmpstr (lc_project_status_get_name (LC_PROJECT_STATUS_IN_PROGRESS), ==, "In progress");
  g_assert_false (lc_project_status_from_key ("进行中", &status));
  g_assert_false (lc_project_status_from_key (NULL, &status));
  g_assert_cmpint (status, ==, LC_PROJECT_STATUS_COMPLETED);
  g_assert_true (lc_project_kind_from_key (NULL, &kind));
  g_assert_cmpint (kind, ==, LC_PROJECT_KIND_NONE);
  g_assert_cmpstr (lc_project_kind_get_name (LC_PROJECT_KIND_NONE), ==, "");
  g_assert_true (lc_need_source_from_key ("hotline_12345", &source));
  g_assert_cmpint (source, ==, LC_NEED_SOURCE_HOTLINE_12345);
  g_assert_null (lc_need_source_to_key (LC_NEED_SOURCE_UNKNOWN));
  g_assert_cmpstr (lc_need_source_get_name (LC_NEED_SOURCE_UNKNOWN), ==, "");
}

/* A need whose source in the file is none of the keys (the column has no
 * CHECK): it reads as unknown, the check reports it, a write refuses it */
static void
test_foreign_need_source (void)
{
  g_autoptr(LcPlan) plan = new_empty_plan ();
  g_autoptr(LcNeed) need = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  plan_fixture_fill (plan);
  plan_fixture_exec (lc_plan_get_database (plan), "UPDATE needs SET source = 'wechat' WHERE fid = 1");
  need = lc_plan_load_need (plan, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (need->source, ==, LC_NEED_SOURCE_UNKNOWN);
  problems = lc_need_check (need);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((LcProblem *) problems->pdata[0])->code, ==, "LC-NEED-001");
  g_assert_cmpint (lc_plan_save_need (plan, need, &error), ==, 0);
  g_assert_error (error, LC_PLAN_ERROR, LC_PLAN_ERROR_INVALID_DATA);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  plan_fixture_use_temp_state ();

  g_test_add_func ("/exchange/csv", test_csv);
  g_test_add_func ("/exchange/model", test_model);
  g_test_add_func ("/exchange/field-keys", test_field_keys);
  g_test_add_func ("/exchange/foreign-need-source", test_foreign_need_source);
  g_test_add_func ("/exchange/save-need", test_save_need);
  g_test_add_func ("/exchange/milestones-area", test_milestones_area);
  g_test_add_func ("/exchange/round-trip-csv", test_round_trip_csv);
  g_test_add_func ("/exchange/round-trip-xml", test_round_trip_xml);
  g_test_add_func ("/exchange/bad-rows", test_bad_rows);
  g_test_add_func ("/exchange/needs-linked", test_needs_linked);
  g_test_add_func ("/exchange/detect", test_detect);
  g_test_add_func ("/exchange/meetings", test_meetings);
  g_test_add_func ("/exchange/meetings-bad-rows", test_meetings_bad_rows);
  return g_test_run ();
}
