/* lc-exchange.c: projects, needs, the blueprint and meetings as spreadsheets (CSV, SpreadsheetML)
 *
 * Copyright 2026 The Life Circle Planner authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lc-exchange"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lc-exchange-private.h"

/*
 * The sheets the district collects, as docs/exchange-sheets.md defines
 * them: Chinese headers, enumerations in Chinese words. They are written
 * as CSV (UTF-8 with a BOM, so that Excel and WPS see Chinese, CRLF line
 * ends, RFC 4180 quoting) or as an Excel 2003 XML Spreadsheet, which
 * LibreOffice, Excel and WPS open without a zip library. Both are read
 * back. Importing is two steps: a preview says per row what it will write
 * or what is wrong with it, and applying writes the good rows as one undo
 * step. Rows naming an existing project (by exact name), need (same date
 * and description), blueprint section (same section and title) or target
 * (same service and year) or meeting (same type, date and time, and place)
 * replace it; the others are added. A column the
 * sheet lacks leaves that field of a replaced row as it was.
 *
 * This file knows the sheets (their headers and keys), tells a sheet's
 * kind by its headers, and runs the export, the preview and the apply.
 * The codecs are lc-exchange-csv.c and lc-exchange-xml.c; each sheet's
 * columns to the plan and back are in lc-exchange-projects.c (projects
 * and needs), lc-exchange-meetings.c and lc-exchange-blueprint.c (the
 * blueprint and its targets); lc-exchange-cells.c holds what every sheet
 * does with one cell.
 */

G_DEFINE_QUARK (lc-exchange-error-quark, lc_exchange_error)

/* ---- the sheets ----
 *
 * Each sheet's headers and keys, column by column; the column enums of
 * lc-exchange-private.h (P_NAME, N_DATE, …) follow the same order.
 */

static const char * const project_headers[] = {
  "项目名称", "项目类型", "1+N 角色", "服务功能", "实施年度", "状态", "进度", "投资估算（万元）", "资金来源",
  "实施主体", "建设内容", "实施路径", "开始日期", "完成日期", "设计团队", "纬度", "经度", "备注", NULL
};
static const char * const project_keys[] = {
  "name", "kind", "role", "services", "year", "status", "progress", "budget_wan", "funding_source",
  "implementing_body", "content", "path", "start_date", "end_date", "design_team", "latitude", "longitude", "notes",
  NULL
};

static const char * const need_headers[] = {
  "日期", "来源", "服务功能", "需求描述", "紧迫程度", "提出人数", "状态", "纬度", "经度", "对应项目", "备注", NULL
};
static const char * const need_keys[] = {
  "date", "source", "service", "description", "urgency", "residents", "status", "latitude", "longitude",
  "projects", "notes", NULL
};

static const char * const meeting_headers[] = {
  "会议类型", "日期时间", "地点", "纬度", "经度", "组织方", "组织方说明", "主持人", "出席人数", "议程", "会议纪要",
  "决议事项", "关联项目", "表决选项", "弃权票", "非常不满意", "不满意", "一般", "满意", "非常满意", "意见反馈", NULL
};
static const char * const meeting_keys[] = {
  "type", "date_time", "place", "latitude", "longitude", "organiser", "organiser_note", "chair", "attendance",
  "agenda", "minutes", "decisions", "projects", "vote_options", "abstentions", "rating_1", "rating_2", "rating_3",
  "rating_4", "rating_5", "feedback", NULL
};

static const char * const blueprint_headers[] = { "章节", "标题", "内容", NULL };
static const char * const blueprint_keys[] = { "section", "title", "body", NULL };

static const char * const target_headers[] = { "服务功能", "年度", "新增设施", "覆盖目标", "备注", NULL };
static const char * const target_keys[] = { "service", "year", "facilities_to_add", "coverage_target", "notes", NULL };

const char * const *
lc_sheet_headers (LcSheetKind kind)
{
  switch (kind)
    {
    case LC_SHEET_PROJECTS: return project_headers;
    case LC_SHEET_NEEDS: return need_headers;
    case LC_SHEET_BLUEPRINT: return blueprint_headers;
    case LC_SHEET_BLUEPRINT_TARGETS: return target_headers;
    case LC_SHEET_MEETINGS: return meeting_headers;
    default: g_return_val_if_reached (project_headers);
    }
}

const char * const *
lc_sheet_keys (LcSheetKind kind)
{
  switch (kind)
    {
    case LC_SHEET_PROJECTS: return project_keys;
    case LC_SHEET_NEEDS: return need_keys;
    case LC_SHEET_BLUEPRINT: return blueprint_keys;
    case LC_SHEET_BLUEPRINT_TARGETS: return target_keys;
    case LC_SHEET_MEETINGS: return meeting_keys;
    default: g_return_val_if_reached (project_keys);
    }
}

/**
 * lc_sheet_kind_name:
 *
 * Returns: the translated name of a sheet kind
 */
const char *
lc_sheet_kind_name (LcSheetKind kind)
{
  switch (kind)
    {
    case LC_SHEET_PROJECTS: return _("Projects");
    case LC_SHEET_NEEDS: return _("Needs list");
    case LC_SHEET_BLUEPRINT: return _("Blueprint");
    case LC_SHEET_BLUEPRINT_TARGETS: return _("Blueprint targets");
    /* Translators: the 一图三会 meeting log, as a kind of sheet */
    case LC_SHEET_MEETINGS: return _("Meeting log");
    default: g_return_val_if_reached ("");
    }
}

/**
 * lc_sheet_kind_title:
 *
 * Returns: the Chinese title of a sheet (the worksheet's name), fixed
 */
const char *
lc_sheet_kind_title (LcSheetKind kind)
{
  static const char * const titles[] = { "项目清单", "需求清单", "社区蓝图", "蓝图目标", "会议记录" };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (titles), "");
  return titles[kind];
}

/**
 * lc_exchange_format_for_path:
 *
 * Returns: whether @path ends in .csv or .xml, and which format that is
 */
gboolean
lc_exchange_format_for_path (const char       *path,
                             LcExchangeFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".csv"))
    *format = LC_EXCHANGE_FORMAT_CSV;
  else if (g_str_has_suffix (lower, ".xml"))
    *format = LC_EXCHANGE_FORMAT_XML;
  else
    return FALSE;
  return TRUE;
}

/**
 * lc_sheet_parse:
 *
 * Reads a CSV sheet or an XML spreadsheet, told apart by their content.
 *
 * Returns: (transfer full) (element-type GStrv): the rows, or %NULL
 */
GPtrArray *
lc_sheet_parse (GBytes  *data,
                GError **error)
{
  gsize len;
  const char *text = g_bytes_get_data (data, &len);
  gsize i = len >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

  if (len > LC_EXCHANGE_MAX_FILE_SIZE)
    {
      lc_sheet_check_text (text, len, error);
      return NULL;
    }
  while (i < len && g_ascii_isspace (text[i]))
    i++;
  if (i < len && text[i] == '<')
    return lc_spreadsheet_xml_parse (text, len, error);
  return lc_csv_parse (text, len, error);
}

/* ---- export ---- */

/**
 * lc_exchange_export:
 * @filter: (nullable): for projects: which ones
 *
 * Returns: (transfer full) (nullable): the sheet of @kind in @format, or
 *   %NULL with @error set when the plan cannot be read
 */
GBytes *
lc_exchange_export (LcPlan                 *plan,
                    LcSheetKind             kind,
                    const LcProjectFilter  *filter,
                    LcExchangeFormat        format,
                    GError                **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  if (kind == LC_SHEET_PROJECTS)
    rows = lc_exchange_project_rows (plan, filter, error);
  else if (kind == LC_SHEET_NEEDS)
    rows = lc_exchange_need_rows (plan, error);
  else if (kind == LC_SHEET_MEETINGS)
    rows = lc_exchange_meeting_rows (plan, error);
  else
    rows = lc_exchange_blueprint_rows (plan, kind, error);
  if (rows == NULL)
    return NULL;
  if (format == LC_EXCHANGE_FORMAT_XML)
    return lc_spreadsheet_xml_write (lc_sheet_kind_title (kind), rows);
  return lc_csv_write (rows);
}

/* ---- import: the preview ---- */

static void
import_row_free (LcImportRow *row,
                 LcSheetKind  kind)
{
  g_strfreev (row->values);
  g_ptr_array_unref (row->errors);
  g_strfreev (row->links);
  if (row->item != NULL)
    {
      if (kind == LC_SHEET_PROJECTS)
        lc_project_free (row->item);
      else if (kind == LC_SHEET_NEEDS)
        lc_need_free (row->item);
      else if (kind == LC_SHEET_BLUEPRINT)
        lc_sheet_blueprint_item_free (row->item);
      else if (kind == LC_SHEET_MEETINGS)
        lc_sheet_meeting_item_free (row->item);
      else
        lc_sheet_target_item_free (row->item);
    }
  g_free (row);
}

void
lc_import_preview_free (LcImportPreview *preview)
{
  if (preview == NULL)
    return;
  for (guint i = 0; i < preview->rows->len; i++)
    import_row_free (g_ptr_array_index (preview->rows, i), preview->kind);
  g_ptr_array_unref (preview->rows);
  g_ptr_array_unref (preview->warnings);
  g_free (preview);
}

/* The values a good row will write, as the sheet shows them */
static GStrv
row_values (SheetReader *r,
            LcImportRow *row)
{
  if (row->item == NULL || row->errors->len > 0)
    {
      /* A bad row: its own cells, column by column */
      guint n = g_strv_length ((GStrv) lc_sheet_keys (r->kind));
      GStrv values = g_new0 (char *, n + 1);

      for (guint k = 0; k < n; k++)
        {
          values[k] = lc_sheet_cell (r, k);
          if (values[k] == NULL)
            values[k] = g_strdup ("");
        }
      return values;
    }
  switch (r->kind)
    {
    case LC_SHEET_PROJECTS:
      return lc_sheet_project_cells (row->item);
    case LC_SHEET_NEEDS:
      return lc_sheet_need_cells (row->item, (const char * const *) row->links);
    case LC_SHEET_BLUEPRINT:
      return lc_sheet_blueprint_values (row->item);
    case LC_SHEET_BLUEPRINT_TARGETS:
      return lc_sheet_target_values (row->item);
    case LC_SHEET_MEETINGS:
      {
        MeetingItem *mi = row->item;
        return lc_sheet_meeting_cells (mi->meeting, (const char * const *) row->links, mi->options, mi->counts);
      }
    default:
      g_return_val_if_reached (NULL);
    }
}

static int
header_key (LcSheetKind  kind,
            const char  *header)
{
  g_autofree char *h = g_strstrip (g_strdup (header));
  const char * const *headers = lc_sheet_headers (kind);
  const char * const *keys = lc_sheet_keys (kind);

  /* "key" in brackets is accepted too, as is "中文 (key)" */
  for (int k = 0; headers[k] != NULL; k++)
    {
      g_autofree char *both = g_strdup_printf ("%s (%s)", headers[k], keys[k]);

      if (g_str_equal (h, headers[k]) || g_ascii_strcasecmp (h, keys[k]) == 0 || g_str_equal (h, both))
        return k;
    }
  /* The year column of projects is "实施年度"; "年度" is the targets' */
  return -1;
}

static gboolean
kind_matches (LcSheetKind  kind,
              const int   *column)
{
  switch (kind)
    {
    case LC_SHEET_PROJECTS: return column[P_NAME] >= 0;
    case LC_SHEET_NEEDS: return column[N_DESCRIPTION] >= 0;
    case LC_SHEET_BLUEPRINT: return column[B_SECTION] >= 0 && column[B_BODY] >= 0;
    case LC_SHEET_BLUEPRINT_TARGETS:
      return column[T_SERVICE] >= 0 && column[T_YEAR] >= 0 && (column[T_FACILITIES] >= 0 || column[T_COVERAGE] >= 0);
    case LC_SHEET_MEETINGS: return column[M_TYPE] >= 0 && column[M_DATE] >= 0;
    default: return FALSE;
    }
}

/* Picks the sheet kind whose headers match best; fills r->column */
static gboolean
detect_kind (SheetReader         *r,
             const char * const  *headers,
             GPtrArray           *warnings,
             GError             **error)
{
  int best = -1, best_score = 0;

  for (int kind = LC_SHEET_PROJECTS; kind <= LC_SHEET_MEETINGS; kind++)
    {
      int column[MAX_KEYS], score = 0;

      for (int k = 0; k < MAX_KEYS; k++)
        column[k] = -1;
      for (int c = 0; headers[c] != NULL; c++)
        {
          int k = header_key (kind, headers[c]);

          if (k >= 0 && column[k] < 0)
            {
              column[k] = c;
              score++;
            }
        }
      if (kind_matches (kind, column) && score > best_score)
        {
          best = kind;
          best_score = score;
          memcpy (r->column, column, sizeof column);
        }
    }
  if (best < 0)
    {
      g_set_error_literal (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_UNKNOWN_SHEET,
                           _("The first row names the columns of none of the sheets: a projects sheet has "
                             "“项目名称”, a needs sheet “需求描述”, a blueprint sheet “章节” and “内容”, a "
                             "targets sheet “服务功能”, “年度” and “新增设施” or “覆盖目标”, a meetings sheet “会议类型” and “日期时间”."));
      return FALSE;
    }
  r->kind = best;
  for (int c = 0; headers[c] != NULL; c++)
    {
      int k = header_key (r->kind, headers[c]);

      if (headers[c][0] != '\0' && (k < 0 || r->column[k] != c))
        g_ptr_array_add (warnings, g_strdup_printf (_("The column “%s” is not one of this sheet’s and is ignored."),
                                                    headers[c]));
    }
  return TRUE;
}

static gboolean
row_is_blank (const char * const *cells)
{
  for (guint i = 0; cells[i] != NULL; i++)
    {
      g_autofree char *c = g_strstrip (g_strdup (cells[i]));

      if (c[0] != '\0')
        return FALSE;
    }
  return TRUE;
}

/**
 * lc_exchange_preview:
 * @data: a CSV sheet or an XML spreadsheet
 *
 * Reads a sheet, tells its kind by its headers and checks every row
 * against the plan, writing nothing.
 *
 * Returns: (transfer full): per row what it would write or what is wrong;
 *   %NULL with @error set when the sheet or the plan cannot be read
 */
LcImportPreview *
lc_exchange_preview (LcPlan  *plan,
                     GBytes  *data,
                     GError **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LcImportPreview) preview = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  SheetReader r = { .plan = plan };

  g_return_val_if_fail (LC_IS_PLAN (plan), NULL);

  rows = lc_sheet_parse (data, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error_literal (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_UNKNOWN_SHEET, _("The sheet is empty."));
      return NULL;
    }
  preview = g_new0 (LcImportPreview, 1);
  preview->rows = g_ptr_array_new ();
  preview->warnings = g_ptr_array_new_with_free_func (g_free);
  if (!detect_kind (&r, g_ptr_array_index (rows, 0), preview->warnings, error))
    return NULL;
  preview->kind = r.kind;

  for (guint i = 1; i < rows->len; i++)
    {
      LcImportRow *row;

      if (row_is_blank (g_ptr_array_index (rows, i)))
        continue;
      row = g_new0 (LcImportRow, 1);
      row->row = i + 1;
      row->errors = g_ptr_array_new_with_free_func (g_free);
      r.cells = g_ptr_array_index (rows, i);
      r.errors = g_ptr_array_new_with_free_func (g_free);
      switch (r.kind)
        {
        case LC_SHEET_PROJECTS: lc_sheet_read_project (&r, row, seen); break;
        case LC_SHEET_NEEDS: lc_sheet_read_need (&r, row, seen); break;
        case LC_SHEET_BLUEPRINT: lc_sheet_read_blueprint (&r, row); break;
        case LC_SHEET_BLUEPRINT_TARGETS: lc_sheet_read_target (&r, row, seen); break;
        case LC_SHEET_MEETINGS: lc_sheet_read_meeting (&r, row, seen); break;
        default: g_assert_not_reached ();
        }
      if (r.failed != NULL)
        {
          g_ptr_array_unref (r.errors);
          import_row_free (row, r.kind);
          g_propagate_error (error, r.failed);
          return NULL;
        }
      for (guint e = 0; e < r.errors->len; e++)
        /* Translators: %u is a row of a spreadsheet, %s what is wrong with it */
        g_ptr_array_add (row->errors, g_strdup_printf (_("Row %u: %s"), row->row,
                                                       (const char *) g_ptr_array_index (r.errors, e)));
      g_ptr_array_unref (r.errors);
      row->values = row_values (&r, row);
      if (row->errors->len > 0)
        preview->n_bad++;
      g_ptr_array_add (preview->rows, row);
    }
  return g_steal_pointer (&preview);
}

/* ---- import: applying ---- */

/**
 * lc_exchange_apply:
 * @skip_bad_rows: write the good rows when some are bad; else write nothing
 * @n_written: (out) (optional): the rows written
 *
 * Writes a preview's good rows as one undo step ("Import Projects", …).
 * Bad rows are never written; when there are some and @skip_bad_rows is
 * %FALSE nothing is, and the error is %LC_EXCHANGE_ERROR_BAD_ROWS.
 */
gboolean
lc_exchange_apply (LcPlan                 *plan,
                   const LcImportPreview  *preview,
                   gboolean                skip_bad_rows,
                   guint                  *n_written,
                   GError                **error)
{
  const char *label;
  gboolean ok = TRUE;
  guint written = 0;

  g_return_val_if_fail (LC_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (preview != NULL, FALSE);

  if (n_written != NULL)
    *n_written = 0;
  if (preview->n_bad > 0 && !skip_bad_rows)
    {
      g_set_error (error, LC_EXCHANGE_ERROR, LC_EXCHANGE_ERROR_BAD_ROWS,
                   g_dngettext (GETTEXT_PACKAGE, "%u row has errors; nothing was imported.",
                                "%u rows have errors; nothing was imported.", preview->n_bad),
                   preview->n_bad);
      return FALSE;
    }
  if (preview->rows->len == preview->n_bad)
    return TRUE;

  switch (preview->kind)
    {
    /* Translators: undo labels */
    case LC_SHEET_PROJECTS: label = _("Import Projects"); break;
    case LC_SHEET_NEEDS: label = _("Import Needs"); break;
    case LC_SHEET_MEETINGS: label = _("Import Meetings"); break;
    default: label = _("Import Blueprint"); break;
    }
  if (!lc_plan_begin (plan, label, error))
    return FALSE;
  for (guint i = 0; ok && i < preview->rows->len; i++)
    {
      LcImportRow *row = g_ptr_array_index (preview->rows, i);

      if (row->errors->len > 0)
        continue;
      switch (preview->kind)
        {
        case LC_SHEET_PROJECTS:
          {
            LcProject *p = row->item;
            p->id = row->replaces;
            ok = lc_project_write (plan, p, !p->location_is_area, error) != 0;
            break;
          }
        case LC_SHEET_NEEDS:
          ((LcNeed *) row->item)->fid = row->replaces;
          ok = lc_sheet_apply_need (plan, row, error);
          break;
        case LC_SHEET_BLUEPRINT:
          ok = lc_sheet_apply_blueprint (plan, row, error);
          break;
        case LC_SHEET_BLUEPRINT_TARGETS:
          ok = lc_sheet_apply_target (plan, row, error);
          break;
        case LC_SHEET_MEETINGS:
          ok = lc_sheet_apply_meeting (plan, row, error);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!ok)
        g_prefix_error (error, _("Row %u: "), row->row);
      written++;
    }
  if (!ok)
    {
      lc_plan_rollback (plan);
      return FALSE;
    }
  if (!lc_plan_commit (plan, error))
    return FALSE;
  if (n_written != NULL)
    *n_written = written;
  return TRUE;
}

/**
 * lc_import_preview_to_text:
 *
 * Returns: (transfer full): a report of the preview for the command line:
 *   ignored columns, each bad row's errors, and the counts
 */
char *
lc_import_preview_to_text (const LcImportPreview *preview)
{
  GString *out = g_string_new (NULL);
  guint n_add = 0, n_replace = 0;

  /* Translators: %s is a kind of sheet such as "Projects" */
  g_string_append_printf (out, _("Sheet: %s (%s)\n"), lc_sheet_kind_name (preview->kind),
                          lc_sheet_kind_title (preview->kind));
  for (guint i = 0; i < preview->warnings->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (preview->warnings, i));
  for (guint i = 0; i < preview->rows->len; i++)
    {
      LcImportRow *row = g_ptr_array_index (preview->rows, i);

      for (guint e = 0; e < row->errors->len; e++)
        g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (row->errors, e));
      if (row->errors->len == 0 && row->replaces != 0)
        n_replace++;
      else if (row->errors->len == 0)
        n_add++;
    }
  g_string_append_printf (out, _("%u rows: %u to add, %u to replace, %u with errors.\n"),
                          preview->rows->len, n_add, n_replace, preview->n_bad);
  return g_string_free (out, FALSE);
}
